package control

import (
	"context"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/cells"
)

// extendPlaceRuns brings the place histories stored for an earlier build
// of a layer's cells up to build b, when b only appended maps to that
// build and b's transitions are stored (an import appends them, see
// appendCellChanges): the cells the new maps made or split are located,
// each place's status on each new map is the strongest of its cells'
// there (read from the stored transitions), and the histories before are
// kept as they were. The result is what locating every place over b's
// cells gives, for the cost of the new maps: a command after a daily
// import reads neither every cell nor the whole index (~1 s of CPU on the
// full archive). nil when it does not apply (the caller locates every
// place). The caller holds s.cells.placeMu.
func (s *Service) extendPlaceRuns(ctx context.Context, layer string, b *frontline.CellBuild, ps *placeStatus) *placeCells {
	store, ok := s.Store.(placeCellsStore)
	changes, ok2 := s.Store.(cellChangeStore)
	cellStore, ok3 := s.cellStores()
	if !ok || !ok2 || !ok3 || s.NoCells {
		return nil
	}
	version, _, runs, located, err := store.CellPlaces(ctx, layer, s.placesKey(ps), true)
	if err != nil || version >= b.Version {
		return nil
	}
	n := len(ps.ix.places)
	old, err := decodePlaceRuns(runs, n)
	if err != nil {
		return nil
	}
	maps := len(b.SnapshotIDs)
	n0 := int(old.maps)
	if n0 == 0 || n0 >= maps || mapsHash(b.SnapshotIDs[:n0]) != old.mapsHash {
		return nil // not a build that appended maps to the one located
	}
	before, err := decodeLocated(located, n)
	if err != nil {
		return nil
	}
	st := s.storedChanges(ctx, layer, b)
	if st == nil {
		return nil
	}
	var ids []int64
	var areas []float64
	var oblasts []string
	if err := changes.CellChanges(ctx, layer, func(v, t int64, head []byte) error {
		if v != b.Version || t != b.BuiltAt.UnixNano() {
			return errStaleChanges
		}
		var err error
		ids, areas, oblasts, err = cells.HeadCells(head)
		return err
	}); err != nil || len(ids) != st.Cells() {
		return nil
	}

	// The places in each cell of b: as located before for the cells
	// whose geometry is the same (ID and area), located now for the
	// others. The IDs ascend, as placeCellsOf orders the cells.
	prev := &placeCells{located: before}
	pl := newPlaceLocator(ps)
	lc := &locatedCells{id: ids, area: areas, start: make([]int32, 1, len(ids)+1)}
	var pairPlace, pairCell []int32
	var found []int32
	for i, id := range ids {
		found = found[:0]
		if got, ok := prev.locatedIn(id, areas[i]); ok {
			found = append(found, got...)
		} else {
			mp, err := readCell(ctx, cellStore, id)
			if err != nil {
				return nil
			}
			var box [4]float64
			if lo, hi, ok := mp.Envelope().MinMaxXYs(); ok {
				box = [4]float64{lo.X, lo.Y, hi.X, hi.Y}
			}
			found, _ = pl.locate(found, box, oblasts[i], func() (geom.MultiPolygon, error) { return mp, nil })
		}
		lc.place = append(lc.place, found...)
		lc.start = append(lc.start, int32(len(lc.place)))
		for _, k := range found {
			pairPlace, pairCell = append(pairPlace, k), append(pairCell, int32(i))
		}
	}
	start, byPlace := groupByPlace(n, pairPlace, pairCell)

	// Every cell's status on the last map located, then map by map.
	sts, err := st.StatusesAt(ctx, int32(n0-1))
	if err != nil {
		return nil
	}
	last := make([]uint8, n)
	for k := range last {
		last[k] = old.statusAt(k, int32(n0-1))
	}
	type run struct {
		place, seq int32
		status     uint8
	}
	var added []run
	for q := n0; q < maps; q++ {
		cs, to, err := st.Step(ctx, int32(q))
		if err != nil {
			return nil
		}
		for j, c := range cs {
			sts[c] = to[j]
		}
		for k := 0; k < n; k++ {
			best := uint8(ukraineIx)
			for _, c := range byPlace[start[k]:start[k+1]] {
				if x := sts[c]; rankOf[x] < rankOf[best] {
					best = x
				}
			}
			if best != last[k] {
				added = append(added, run{int32(k), int32(q), best})
				last[k] = best
			}
		}
	}
	// The runs before, each place's new runs after its own (added is in
	// map order; a stable pass by place keeps that order).
	perPlace := make([]int32, n+1)
	for _, r := range added {
		perPlace[r.place+1]++
	}
	for k := 1; k <= n; k++ {
		perPlace[k] += perPlace[k-1]
	}
	byRun := make([]run, len(added))
	at := append([]int32(nil), perPlace[:n]...)
	for _, r := range added {
		byRun[at[r.place]] = r
		at[r.place]++
	}
	total := len(old.runSeq) + len(added)
	pc := &placeCells{version: b.Version, of: ps, pairs: len(pairCell), read: pl.read, located: lc,
		maps: int32(maps), mapsHash: mapsHash(b.SnapshotIDs), extended: true,
		runStart: make([]int32, n+1), runSeq: make([]int32, 0, total), runStatus: make([]uint8, 0, total)}
	for k := 0; k < n; k++ {
		pc.runStart[k] = int32(len(pc.runSeq))
		lo, hi := old.runStart[k], old.runStart[k+1]
		pc.runSeq, pc.runStatus = append(pc.runSeq, old.runSeq[lo:hi]...), append(pc.runStatus, old.runStatus[lo:hi]...)
		for _, r := range byRun[perPlace[k]:perPlace[k+1]] {
			pc.runSeq, pc.runStatus = append(pc.runSeq, r.seq), append(pc.runStatus, r.status)
		}
	}
	pc.runStart[n] = int32(len(pc.runSeq))
	if s.cells.places == nil {
		s.cells.places = map[string]*placeCells{}
	}
	s.cells.places[layer] = pc
	s.savePlaceCells(ctx, layer, b, pc)
	return pc
}
