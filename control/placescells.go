package control

import (
	"cmp"
	"context"
	"encoding/binary"
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/cells"
)

// placeCells is the status history of every place of the gazetteer over
// one build of a layer's cells, run-length per place: located once per
// build, then a place's status on any map is a binary search in its runs
// and no map's pieces are read.
type placeCells struct {
	version int64
	// of is the place set located (a reloaded gazetteer is located anew).
	of *placeStatus
	// pairs counts the (place, cell) pairs found, read the cell
	// geometries read to find them (the others were located for the build
	// before or hold no place in their box).
	pairs, read int
	// maps is the number of maps of the build, mapsHash a hash of their
	// IDs (mapsHash): what a later build that only appended maps checks
	// before extending the histories (extendPlaceRuns).
	maps     int32
	mapsHash uint64
	// extended is set when the histories were extended from an earlier
	// build's (extendPlaceRuns).
	extended bool
	// located lists the places in each cell, for the next build.
	located *locatedCells
	// Place i's runs are runSeq/runStatus[runStart[i]:runStart[i+1]]: from
	// position runSeq[k] of the build its status is runStatus[k] (an index
	// into frontline.Statuses) until the next run. Before its first run,
	// and on every map for a place without runs, it is Ukraine.
	runStart  []int32
	runSeq    []int32
	runStatus []uint8

	rankOnce sync.Once
	rank     []int32 // listRank
}

// statusAt is place i's status index at position p.
func (pc *placeCells) statusAt(i int, p int32) uint8 {
	lo, hi := int(pc.runStart[i]), int(pc.runStart[i+1])
	if lo == hi {
		return uint8(ukraineIx)
	}
	base := lo
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if pc.runSeq[m] <= p {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == base {
		return uint8(ukraineIx)
	}
	return pc.runStatus[lo-1]
}

// listRank ranks the places that were ever other than Ukraine in the
// build as a change lists its settlements (control/places.go): population,
// largest first, then name, then index (the order a stable sort keeps).
// Computed once per build, at the first change that asks.
func (pc *placeCells) listRank() []int32 {
	pc.rankOnce.Do(func() {
		places := pc.of.ix.places
		var order []int32
		for i := 0; i+1 < len(pc.runStart); i++ {
			if pc.runs(i) {
				order = append(order, int32(i))
			}
		}
		slices.SortFunc(order, func(x, y int32) int {
			p, q := places[x], places[y]
			if p.Population != q.Population {
				return cmp.Compare(q.Population, p.Population)
			}
			if c := strings.Compare(p.Name, q.Name); c != 0 {
				return c
			}
			return cmp.Compare(x, y)
		})
		pc.rank = make([]int32, len(pc.runStart)-1)
		for r, i := range order {
			pc.rank[i] = int32(r)
		}
	})
	return pc.rank
}

// runs tells whether place i was ever other than Ukraine in the build.
func (pc *placeCells) runs(i int) bool { return pc.runStart[i] < pc.runStart[i+1] }

var ukraineIx = cells.StatusIndex(frontline.StatusUkraine)

// rankOf ranks status indexes (frontline.Statuses) by precedence, strongest
// first: Ukraine, drawn under everything, last.
var rankOf = func() [4]int {
	var out [4]int
	for i, st := range frontline.Statuses {
		out[i] = len(frontline.Precedence)
		for r, p := range frontline.Precedence {
			if p == st {
				out[i] = r
			}
		}
	}
	return out
}()

// cellBoxes is what locating places needs of a build's cells besides
// their index, by index in it: ID and area (together they name one
// geometry: a cell split since has another area), oblast, bounding box.
type cellBoxes struct {
	version int64
	id      []int64
	area    []float64
	oblast  []string
	box     [][4]float64 // min lon, min lat, max lon, max lat
}

// keepCellBoxes keeps the boxes of the cells an index was made from, so
// that locating places does not read the cells again.
func (s *Service) keepCellBoxes(layer string, ix *cells.Index, cs []frontline.Cell) {
	cb := newCellBoxes(ix, cs)
	s.cells.mu.Lock()
	if s.cells.boxes == nil {
		s.cells.boxes = map[string]*cellBoxes{}
	}
	s.cells.boxes[layer] = cb
	s.cells.mu.Unlock()
}

func newCellBoxes(ix *cells.Index, cs []frontline.Cell) *cellBoxes {
	n := ix.Len()
	cb := &cellBoxes{version: ix.Build.Version, id: make([]int64, n), area: make([]float64, n), oblast: make([]string, n), box: make([][4]float64, n)}
	for i := range cb.id {
		cb.id[i] = -1 // no cell read for this index
	}
	for _, c := range cs {
		if i := ix.Find(c.ID); i >= 0 {
			cb.id[i], cb.area[i], cb.oblast[i], cb.box[i] = c.ID, c.AreaKm2, c.Oblast, [4]float64{c.MinLon, c.MinLat, c.MaxLon, c.MaxLat}
		}
	}
	return cb
}

// locatedCells lists the places found in each cell geometry located, by
// (ID, area), sorted by ID then area: cell k holds places
// place[start[k]:start[k+1]].
type locatedCells struct {
	id    []int64
	area  []float64
	start []int32
	place []int32
}

// locatedIn returns the places located for this build in the cell with
// this ID and area; ok is false if it was not located.
func (pc *placeCells) locatedIn(id int64, area float64) ([]int32, bool) {
	if pc == nil || pc.located == nil {
		return nil, false
	}
	lc := pc.located
	k, _ := slices.BinarySearch(lc.id, id)
	for ; k < len(lc.id) && lc.id[k] == id; k++ {
		if lc.area[k] == area {
			return lc.place[lc.start[k]:lc.start[k+1]], true
		}
	}
	return nil, false
}

// placeCellsStore is a store that keeps the places located in a layer's
// cells between processes (the SQLite store does): a command then reads
// each place's status history instead of locating every place again
// (about a second of CPU on the full archive, most of a command's time).
type placeCellsStore interface {
	CellPlaces(ctx context.Context, layer, key string, withLocated bool) (version, builtAt int64, runs, located []byte, err error)
	SaveCellPlaces(ctx context.Context, layer, key string, version, builtAt int64, runs, located []byte) error
}

// heldPlaceCells returns the place histories of ps over build b of a
// layer's cells when they are held in memory or stored for that build, or
// stored for a build b appended maps to (extendPlaceRuns); nil otherwise.
// The caller holds s.cells.placeMu.
func (s *Service) heldPlaceCells(ctx context.Context, layer string, b *frontline.CellBuild, ps *placeStatus) *placeCells {
	if pc := s.cells.places[layer]; pc != nil && pc.version == b.Version && pc.of == ps {
		return pc
	}
	store, ok := s.Store.(placeCellsStore)
	if !ok || s.NoCells {
		return nil
	}
	version, builtAt, runs, _, err := store.CellPlaces(ctx, layer, s.placesKey(ps), false)
	if err != nil || version != b.Version || builtAt != b.BuiltAt.UnixNano() {
		// Stored for a build that b appended maps to: extended.
		return s.extendPlaceRuns(ctx, layer, b, ps)
	}
	pc, err := decodePlaceRuns(runs, len(ps.ix.places))
	if err != nil {
		return nil // located again, and stored anew
	}
	pc.version, pc.of = b.Version, ps
	if s.cells.places == nil {
		s.cells.places = map[string]*placeCells{}
	}
	s.cells.places[layer] = pc
	return pc
}

// storedLocated returns the places stored as located in each cell of a
// layer's last build located with ps (of any version), or nil.
func (s *Service) storedLocated(ctx context.Context, layer string, ps *placeStatus) *locatedCells {
	store, ok := s.Store.(placeCellsStore)
	if !ok || s.NoCells {
		return nil
	}
	_, _, _, located, err := store.CellPlaces(ctx, layer, s.placesKey(ps), true)
	if err != nil {
		return nil
	}
	lc, err := decodeLocated(located, len(ps.ix.places))
	if err != nil {
		return nil
	}
	return lc
}

// savePlaceCells stores the place histories of a build, for the next
// process. A store that cannot be written (read-only, busy) keeps what it
// had: the next process locates the places again.
func (s *Service) savePlaceCells(ctx context.Context, layer string, b *frontline.CellBuild, pc *placeCells) {
	store, ok := s.Store.(placeCellsStore)
	if !ok || s.NoCells {
		return
	}
	_ = store.SaveCellPlaces(ctx, layer, s.placesKey(pc.of), b.Version, b.BuiltAt.UnixNano(), encodePlaceRuns(pc), encodeLocated(pc.located))
}

// placeCellsOf locates every place of the gazetteer in a layer's cells and
// works out each place's status history, once per build; the cells
// located for the build before (same ID, same area) are not read again.
// What is held in memory or stored for the build is not located again;
// what is located is stored.
//
// A place takes the status of each cell that covers its point (of any
// oblast, as a piece does). A place near the coast or border (the sliver
// rule, see shoreSliver) also takes the status of each cell of its own
// oblast within shoreSliverM: the ground of one status in one oblast on a
// map is the union of the cells with that status there, so a piece of it
// lies within shoreSliverM of the place exactly when one of those cells
// does. Of the statuses a place takes on a map, the strongest wins, as
// where pieces meet.
//
// Only the cells whose bounding box holds the point (or, near the shore,
// comes within shoreSliverM of it) have their geometry read.
func (s *Service) placeCellsOf(ctx context.Context, layer string, ix *cells.Index, ps *placeStatus) (*placeCells, error) {
	s.cells.placeMu.Lock()
	defer s.cells.placeMu.Unlock()
	if pc := s.heldPlaceCells(ctx, layer, ix.Build, ps); pc != nil {
		return pc, nil
	}
	prev := s.cells.places[layer]
	if prev != nil && prev.of != ps {
		prev = nil // another gazetteer: locate anew
	}
	if prev == nil || prev.located == nil {
		// The places located for the build stored last (this process
		// may not have located any).
		if lc := s.storedLocated(ctx, layer, ps); lc != nil {
			prev = &placeCells{of: ps, located: lc}
		}
	}
	pc, err := s.locatePlaces(ctx, layer, ix, ps, prev)
	if err != nil {
		return nil, err
	}
	if s.cells.places == nil {
		s.cells.places = map[string]*placeCells{}
	}
	s.cells.places[layer] = pc
	s.savePlaceCells(ctx, layer, ix.Build, pc)
	return pc, nil
}

// locatePlaces locates every place of ps in the cells of ix (those of
// the cells prev located, same ID and area, taken from it) and works out
// each place's status history.
func (s *Service) locatePlaces(ctx context.Context, layer string, ix *cells.Index, ps *placeStatus, prev *placeCells) (*placeCells, error) {
	store, ok := s.cellStores()
	if !ok {
		return nil, frontline.Errorf(frontline.EINTERNAL, "no cell store")
	}
	s.cells.mu.Lock()
	cb := s.cells.boxes[layer]
	s.cells.mu.Unlock()
	if cb == nil || cb.version != ix.Build.Version {
		cs, err := store.Cells(ctx, layer, false)
		if err != nil {
			return nil, err
		}
		cb = newCellBoxes(ix, cs)
	}
	pl := newPlaceLocator(ps)
	// (place, cell index) pairs, appended cell by cell, and the places
	// located in each cell.
	var pairPlace, pairCell []int32
	lc := &locatedCells{start: []int32{0}}
	var found []int32
	order := make([]int32, 0, len(cb.id))
	for i, id := range cb.id {
		if id >= 0 {
			order = append(order, int32(i))
		}
	}
	slices.SortFunc(order, func(a, b int32) int {
		if cb.id[a] != cb.id[b] {
			return cmp.Compare(cb.id[a], cb.id[b])
		}
		return cmp.Compare(cb.area[a], cb.area[b])
	})
	// locate appends to found the places in cell i, reading its geometry
	// if a place's point lies in its box (or near the shore, near it).
	locate := func(i int) error {
		var err error
		found, err = pl.locate(found, cb.box[i], cb.oblast[i], func() (geom.MultiPolygon, error) {
			return readCell(ctx, store, cb.id[i])
		})
		return err
	}
	for _, i32 := range order {
		i := int(i32)
		found = found[:0]
		if got, ok := prev.locatedIn(cb.id[i], cb.area[i]); ok {
			found = append(found, got...)
		} else if err := locate(i); err != nil {
			return nil, err
		}
		lc.id, lc.area = append(lc.id, cb.id[i]), append(lc.area, cb.area[i])
		lc.place = append(lc.place, found...)
		lc.start = append(lc.start, int32(len(lc.place)))
		for _, k := range found {
			pairPlace, pairCell = append(pairPlace, k), append(pairCell, i32)
		}
	}
	pc := placeHistories(ix, len(ps.ix.places), pairPlace, pairCell)
	pc.version, pc.of, pc.located, pc.read = ix.Build.Version, ps, lc, pl.read
	pc.maps, pc.mapsHash = int32(len(ix.Build.SnapshotIDs)), mapsHash(ix.Build.SnapshotIDs)
	return pc, nil
}

// placeLocator finds the places of a place set in cells, one cell at a
// time, as placeCellsOf locates them: a place whose point the cell
// covers, or (the sliver rule, see shoreSliver) a place near the shore
// within shoreSliverM of the edge of a cell of its own oblast.
type placeLocator struct {
	places *placeIndex
	near   []bool // places near the shore; nil: no sliver rule
	// read counts the cell geometries read.
	read           int
	inBox, nearBox []int32
}

func newPlaceLocator(ps *placeStatus) *placeLocator {
	pl := &placeLocator{places: ps.ix}
	if ps.shore != nil {
		pl.near = ps.ix.nearShore(ps.shore)
	}
	return pl
}

// locate appends to found the places in a cell with this bounding box and
// oblast, calling geometry for its shape only if a place's point lies in
// the box (or, near the shore, near it).
func (pl *placeLocator) locate(found []int32, box [4]float64, oblast string, geometry func() (geom.MultiPolygon, error)) ([]int32, error) {
	const mPerDeg = 111_320.0
	dLat := shoreSliverM / mPerDeg
	places, near := pl.places, pl.near
	// Longitude degrees shrink towards the pole: the margin in
	// longitude is taken at the box's edge farthest from the equator.
	dLon := dLat / math.Cos(math.Max(math.Abs(box[1]), math.Abs(box[3]))*math.Pi/180)
	inBox, nearBox := pl.inBox[:0], pl.nearBox[:0]
	c0, c1 := cellOf(box[0]-dLon, box[1]-dLat), cellOf(box[2]+dLon, box[3]+dLat)
	for cx := c0[0] - 1; cx <= c1[0]+1; cx++ {
		for cy := c0[1] - 1; cy <= c1[1]+1; cy++ {
			for _, k := range places.cell(cx, cy) {
				p := places.places[k]
				switch {
				case p.Lon >= box[0] && p.Lon <= box[2] && p.Lat >= box[1] && p.Lat <= box[3]:
					inBox = append(inBox, k)
				case near != nil && near[k] && p.OblastISO == oblast &&
					p.Lon >= box[0]-dLon && p.Lon <= box[2]+dLon && p.Lat >= box[1]-dLat && p.Lat <= box[3]+dLat:
					nearBox = append(nearBox, k)
				}
			}
		}
	}
	pl.inBox, pl.nearBox = inBox, nearBox
	if len(inBox) == 0 && len(nearBox) == 0 {
		return found, nil
	}
	mp, err := geometry()
	if err != nil {
		return found, err
	}
	pl.read++
	if len(inBox) > 0 {
		loc := newLocator(mp)
		for _, k := range inBox {
			p := places.places[k]
			if loc.covers(p.Lon, p.Lat) ||
				(near != nil && near[k] && p.OblastISO == oblast && edgeWithin(mp, p.Lon, p.Lat, shoreSliverM)) {
				found = append(found, k)
			}
		}
	}
	for _, k := range nearBox {
		if p := places.places[k]; edgeWithin(mp, p.Lon, p.Lat, shoreSliverM) {
			found = append(found, k)
		}
	}
	return found, nil
}

// readCell reads a stored cell's geometry.
func readCell(ctx context.Context, store cells.Stores, id int64) (geom.MultiPolygon, error) {
	wkb, err := store.CellWKB(ctx, id)
	if err != nil {
		return geom.MultiPolygon{}, err
	}
	g, err := geom.UnmarshalWKB(wkb, geom.NoValidate{})
	if err != nil {
		return geom.MultiPolygon{}, frontline.Errorf(frontline.EINTERNAL, "stored cell %d: %v", id, err)
	}
	return Polygonal(g), nil
}

// mapsHash hashes a build's map list (the place histories stored with it
// name the maps they were computed over, see extendPlaceRuns).
func mapsHash(ids []int64) uint64 {
	h := fnv.New64a()
	buf := make([]byte, 0, 8*len(ids))
	for _, id := range ids {
		buf = binary.LittleEndian.AppendUint64(buf, uint64(id))
	}
	h.Write(buf)
	return h.Sum64()
}

// edgeWithin reports whether an edge of mp passes within m metres of
// (lon, lat), measured as seams.within measures it. Polygons thinner than
// minSliverWidthM on average are left out: overlays leave slivers of a few
// centimetres' width, kilometres long, in the cells of whatever status
// (noise, not ground), and the nearest of them would decide the rule.
func edgeWithin(mp geom.MultiPolygon, lon, lat, m float64) bool {
	const mPerDeg = 111_320.0
	kx := math.Cos(lat * math.Pi / 180)
	for i := 0; i < mp.NumPolygons(); i++ {
		pg := mp.PolygonN(i)
		found := false
		var area, perim float64 // m², m, in a local plane about the place
		for r := 0; r < pg.NumRings(); r++ {
			ring := pg.ExteriorRing()
			if r > 0 {
				ring = pg.InteriorRingN(r - 1)
			}
			seq := ring.Coordinates()
			var twice float64
			for k := 0; k+1 < seq.Length(); k++ {
				a, b := seq.GetXY(k), seq.GetXY(k+1)
				x1, y1 := (a.X-lon)*kx*mPerDeg, (a.Y-lat)*mPerDeg
				x2, y2 := (b.X-lon)*kx*mPerDeg, (b.Y-lat)*mPerDeg
				twice += x1*y2 - x2*y1
				perim += math.Hypot(x2-x1, y2-y1)
				if !found {
					px, py := nearestOnSegment(lon, lat, edge{a.X, a.Y, b.X, b.Y}, kx)
					found = math.Hypot((px-lon)*kx, py-lat)*mPerDeg <= m
				}
			}
			if r == 0 {
				area += math.Abs(twice) / 2
			} else {
				area -= math.Abs(twice) / 2
			}
		}
		if found && perim > 0 && 2*area/perim >= minSliverWidthM {
			return true
		}
	}
	return false
}

// minSliverWidthM is the mean width (twice the area over the perimeter)
// under which a cell's polygon is overlay noise for the sliver rule.
const minSliverWidthM = 1.0

// groupByPlace groups the (place, cell) pairs by place (a counting sort):
// the cells of place k are byPlace[start[k]:start[k+1]].
func groupByPlace(n int, pairPlace, pairCell []int32) (start, byPlace []int32) {
	start = make([]int32, n+1)
	for _, k := range pairPlace {
		start[k+1]++
	}
	for k := 1; k <= n; k++ {
		start[k] += start[k-1]
	}
	byPlace = make([]int32, len(pairCell))
	fill := slices.Clone(start[:n])
	for j, k := range pairPlace {
		byPlace[fill[k]] = pairCell[j]
		fill[k]++
	}
	return start, byPlace
}

// placeHistories merges, for each of n places, the histories of the cells
// paired with it into the place's run-length status history.
func placeHistories(ix *cells.Index, n int, pairPlace, pairCell []int32) *placeCells {
	start, byPlace := groupByPlace(n, pairPlace, pairCell)
	pc := &placeCells{pairs: len(pairCell), runStart: make([]int32, n+1)}
	var positions []int32
	for k := 0; k < n; k++ {
		pc.runStart[k] = int32(len(pc.runSeq))
		cs := byPlace[start[k]:start[k+1]]
		if len(cs) == 0 {
			continue
		}
		prev := uint8(ukraineIx)
		if len(cs) == 1 {
			seq, st := ix.History(int(cs[0]))
			for j := range seq {
				if st[j] != prev {
					pc.runSeq, pc.runStatus = append(pc.runSeq, seq[j]), append(pc.runStatus, st[j])
					prev = st[j]
				}
			}
			continue
		}
		positions = positions[:0]
		for _, c := range cs {
			seq, _ := ix.History(int(c))
			positions = append(positions, seq...)
		}
		slices.Sort(positions)
		positions = slices.Compact(positions)
		for _, q := range positions {
			best := uint8(ukraineIx)
			for _, c := range cs {
				if x := uint8(cells.StatusIndex(ix.StatusAt(int(c), q))); rankOf[x] < rankOf[best] {
					best = x
				}
			}
			if best != prev {
				pc.runSeq, pc.runStatus = append(pc.runSeq, q), append(pc.runStatus, best)
				prev = best
			}
		}
	}
	pc.runStart[n] = int32(len(pc.runSeq))
	return pc
}

// cellPlaces returns the layer's cell index and the status history of
// every place over it; nil when the layer has no cells or the service no
// places.
func (s *Service) cellPlaces(ctx context.Context, layer string) (*cells.Index, *placeCells, error) {
	// The place set read once, under its lock: a reloaded gazetteer may
	// replace it meanwhile (serve locates places in the background).
	s.placesMu.RLock()
	ps := s.places
	s.placesMu.RUnlock()
	if ps == nil {
		return nil, nil, nil
	}
	ix := s.cellIndex(ctx, layer)
	if ix == nil {
		return nil, nil, nil
	}
	pc, err := s.placeCellsOf(ctx, layer, ix, ps)
	if err != nil {
		return nil, nil, err
	}
	return ix, pc, nil
}

// placeRuns returns the positions of the maps of a layer's cell build and
// the status history of every place over it, as cellPlaces, but without
// reading the cells when the histories are held or stored for the build:
// the index returned may then hold the build's map positions alone.
func (s *Service) placeRuns(ctx context.Context, layer string) (*cells.Index, *placeCells, error) {
	s.placesMu.RLock()
	ps := s.places
	s.placesMu.RUnlock()
	if ps == nil {
		return nil, nil, nil
	}
	store, ok := s.cellStores()
	if !ok {
		return nil, nil, nil
	}
	pos := s.cellPositions(ctx, store, layer)
	if pos == nil {
		return nil, nil, nil
	}
	s.cells.placeMu.Lock()
	pc := s.heldPlaceCells(ctx, layer, pos.Build, ps)
	s.cells.placeMu.Unlock()
	if pc != nil {
		return pos, pc, nil
	}
	return s.cellPlaces(ctx, layer)
}

// cellPlaceStatuses returns the status of every located place on a map
// from the layer's cells; ok is false when the map is not in the cells.
func (s *Service) cellPlaceStatuses(ctx context.Context, layer string, id int64) ([]frontline.Status, bool, error) {
	ix, pc, err := s.placeRuns(ctx, layer)
	if err != nil || pc == nil {
		return nil, false, err
	}
	p, ok := ix.Position(id)
	if !ok {
		return nil, false, nil
	}
	out := make([]frontline.Status, len(pc.runStart)-1)
	for i := range out {
		out[i] = frontline.Statuses[pc.statusAt(i, p)]
	}
	return out, true, nil
}

// cellSettlementChanges lists, in the order of the list of settlements
// (population, then name, then index), the places whose status
// differs between two maps of one layer, with both statuses, from the
// layer's cells: only places that were ever other than Ukraine are
// looked at. ok is false when either map is not in the cells.
func (s *Service) cellSettlementChanges(ctx context.Context, layer string, fromID, toID int64) (idx []int32, from, to []frontline.Status, ok bool, err error) {
	ix, pc, err := s.placeRuns(ctx, layer)
	if err != nil || pc == nil {
		return nil, nil, nil, false, err
	}
	a, okA := ix.Position(fromID)
	b, okB := ix.Position(toID)
	if !okA || !okB {
		return nil, nil, nil, false, nil
	}
	for i := 0; i+1 < len(pc.runStart); i++ {
		if !pc.runs(i) {
			continue
		}
		if pc.statusAt(i, a) != pc.statusAt(i, b) {
			idx = append(idx, int32(i))
		}
	}
	// In the order the settlements are listed (listRank): the list's
	// sort then moves nothing. Sorting the indexes by rank compares two
	// integers and moves 4 bytes where the list's sort compares names and
	// moves a settlement (~150 bytes).
	rank := pc.listRank()
	slices.SortFunc(idx, func(x, y int32) int { return cmp.Compare(rank[x], rank[y]) })
	from, to = make([]frontline.Status, len(idx)), make([]frontline.Status, len(idx))
	for j, i := range idx {
		from[j], to[j] = frontline.Statuses[pc.statusAt(int(i), a)], frontline.Statuses[pc.statusAt(int(i), b)]
	}
	return idx, from, to, true, nil
}

// settlementDays is the status of every located place on every day of a
// layer's series, run-length by place: place i's runs are
// runFrom/runStatus[runStart[i]:runStart[i+1]], each holding from day
// runFrom[k] (an index into Dates) until the next run; a place without
// runs was Ukraine on every day.
type settlementDays struct {
	Places    []*frontline.Place
	Dates     []string
	runStart  []int32
	runFrom   []int32
	runStatus []frontline.Status
	// fromCells tells whether cells answered (else every map's pieces).
	fromCells bool
}

// Runs is the number of runs held for all places.
func (sd *settlementDays) Runs() int { return len(sd.runFrom) }

// Status returns place i's status on day d.
func (sd *settlementDays) Status(i, d int) frontline.Status {
	runs := sd.runFrom[sd.runStart[i]:sd.runStart[i+1]]
	k, found := slices.BinarySearch(runs, int32(d))
	if !found {
		k--
	}
	if k < 0 {
		return frontline.StatusUkraine
	}
	return sd.runStatus[int(sd.runStart[i])+k]
}

// settlementsEveryDay returns the status of every located settlement on
// every day of a layer's series as known at asKnown: from the cells'
// place histories when every day's map is in the cells, else from each
// distinct map's pieces.
func (s *Service) settlementsEveryDay(ctx context.Context, layer string, asKnown time.Time) (*settlementDays, error) {
	days, err := s.layerDays(ctx, layer, asKnown)
	if err != nil {
		return nil, err
	}
	s.placesMu.RLock()
	defer s.placesMu.RUnlock()
	if s.places == nil {
		return nil, frontline.Errorf(frontline.EINVALID, "settlement statuses need the gazetteer's settlements")
	}
	sd := &settlementDays{Places: s.places.ix.places, Dates: make([]string, len(days))}
	for d, day := range days {
		sd.Dates[d] = day.Date
	}
	n := len(sd.Places)
	sd.runStart = make([]int32, n+1)
	ix, pc, err := s.placeRuns(ctx, layer)
	if err != nil {
		return nil, err
	}
	var dayPos []int32
	if pc != nil {
		dayPos = make([]int32, len(days))
		for d, day := range days {
			p, ok := ix.Position(day.SnapshotID)
			if !ok || (d > 0 && p < dayPos[d-1]) {
				dayPos = nil
				break
			}
			dayPos[d] = p
		}
	}
	if dayPos != nil {
		// A run from position q holds from the first day whose map is at
		// q or later.
		sd.fromCells = true
		for i := 0; i < n; i++ {
			sd.runStart[i] = int32(len(sd.runFrom))
			prev := frontline.StatusUkraine
			for k := pc.runStart[i]; k < pc.runStart[i+1]; k++ {
				d, _ := slices.BinarySearch(dayPos, pc.runSeq[k])
				if d >= len(dayPos) {
					break
				}
				st := frontline.Statuses[pc.runStatus[k]]
				if m := len(sd.runFrom); m > int(sd.runStart[i]) && sd.runFrom[m-1] == int32(d) {
					// Several runs before one day's map: the last holds.
					sd.runFrom, sd.runStatus = sd.runFrom[:m-1], sd.runStatus[:m-1]
					prev = frontline.StatusUkraine
					if m-1 > int(sd.runStart[i]) {
						prev = sd.runStatus[m-2]
					}
				}
				if st != prev {
					sd.runFrom, sd.runStatus = append(sd.runFrom, int32(d)), append(sd.runStatus, st)
					prev = st
				}
			}
		}
		sd.runStart[n] = int32(len(sd.runFrom))
		return sd, nil
	}
	// Every distinct map's pieces, one map at a time.
	last := make([]frontline.Status, n)
	for i := range last {
		last[i] = frontline.StatusUkraine
	}
	byPlace := make([][]int32, n) // run start days
	byPlaceSt := make([][]frontline.Status, n)
	var prevID int64
	for d, day := range days {
		if d > 0 && day.SnapshotID == prevID {
			continue
		}
		prevID = day.SnapshotID
		sts, err := s.snapshotStatuses(ctx, layer, day.SnapshotID)
		if err != nil {
			return nil, err
		}
		for i, st := range sts {
			if st != last[i] {
				byPlace[i], byPlaceSt[i] = append(byPlace[i], int32(d)), append(byPlaceSt[i], st)
				last[i] = st
			}
		}
	}
	for i := 0; i < n; i++ {
		sd.runStart[i] = int32(len(sd.runFrom))
		sd.runFrom, sd.runStatus = append(sd.runFrom, byPlace[i]...), append(sd.runStatus, byPlaceSt[i]...)
	}
	sd.runStart[n] = int32(len(sd.runFrom))
	return sd, nil
}

// The stored forms of a build's place histories and of the places found in
// each cell (placeCellsStore). Runs: the format's version, the number of
// places and of (place, cell) pairs, the number of maps of the build and
// the hash of their IDs (8 bytes little-endian), then per place its number of runs
// and each run as (position delta from the run before, as a signed
// varint; status index). Located: the version, the number of cells, then
// per cell its ID (delta from the cell before, signed), its area (the
// float's bits, 8 bytes little-endian), its number of places and each
// place's index.
const placeCellsFormat = 2

func encodePlaceRuns(pc *placeCells) []byte {
	n := len(pc.runStart) - 1
	out := make([]byte, 0, 16+n+3*len(pc.runSeq))
	out = binary.AppendUvarint(out, placeCellsFormat)
	out = binary.AppendUvarint(out, uint64(n))
	out = binary.AppendUvarint(out, uint64(pc.pairs))
	out = binary.AppendUvarint(out, uint64(pc.maps))
	out = binary.LittleEndian.AppendUint64(out, pc.mapsHash)
	for i := 0; i < n; i++ {
		lo, hi := pc.runStart[i], pc.runStart[i+1]
		out = binary.AppendUvarint(out, uint64(hi-lo))
		prev := int32(0)
		for k := lo; k < hi; k++ {
			out = binary.AppendVarint(out, int64(pc.runSeq[k]-prev))
			out = append(out, pc.runStatus[k])
			prev = pc.runSeq[k]
		}
	}
	return out
}

// errPlaceCells is a stored form that cannot be read: the places are
// located again.
var errPlaceCells = frontline.Errorf(frontline.EINTERNAL, "stored place histories unreadable")

// decodePlaceRuns reads encodePlaceRuns' form for n places.
func decodePlaceRuns(b []byte, n int) (*placeCells, error) {
	r := &cells.Varints{B: b}
	if r.Uvarint() != placeCellsFormat || r.Uvarint() != uint64(n) {
		return nil, errPlaceCells
	}
	pc := &placeCells{pairs: int(r.Uvarint()), runStart: make([]int32, n+1)}
	maps := r.Uvarint()
	if r.Bad || maps > math.MaxInt32 || len(r.B) < 8 {
		return nil, errPlaceCells
	}
	pc.maps, pc.mapsHash = int32(maps), binary.LittleEndian.Uint64(r.B)
	r.B = r.B[8:]
	// Each run takes at least two bytes.
	capRuns := max(0, len(r.B)-n) / 2
	pc.runSeq, pc.runStatus = make([]int32, 0, capRuns), make([]uint8, 0, capRuns)
	for i := 0; i < n && !r.Bad; i++ {
		pc.runStart[i] = int32(len(pc.runSeq))
		m := r.Uvarint()
		if m > uint64(len(r.B)) {
			return nil, errPlaceCells
		}
		prev := int64(0)
		for k := uint64(0); k < m && !r.Bad; k++ {
			prev += r.Varint()
			st := r.Byte()
			if prev < math.MinInt32 || prev > math.MaxInt32 || int(st) >= len(frontline.Statuses) {
				return nil, errPlaceCells
			}
			pc.runSeq, pc.runStatus = append(pc.runSeq, int32(prev)), append(pc.runStatus, st)
		}
	}
	if r.Bad || len(r.B) != 0 {
		return nil, errPlaceCells
	}
	pc.runStart[n] = int32(len(pc.runSeq))
	return pc, nil
}

func encodeLocated(lc *locatedCells) []byte {
	if lc == nil {
		lc = &locatedCells{start: []int32{0}}
	}
	out := make([]byte, 0, 16+12*len(lc.id)+3*len(lc.place))
	out = binary.AppendUvarint(out, placeCellsFormat)
	out = binary.AppendUvarint(out, uint64(len(lc.id)))
	prev := int64(0)
	for k, id := range lc.id {
		out = binary.AppendVarint(out, id-prev)
		prev = id
		out = binary.LittleEndian.AppendUint64(out, math.Float64bits(lc.area[k]))
		ps := lc.place[lc.start[k]:lc.start[k+1]]
		out = binary.AppendUvarint(out, uint64(len(ps)))
		for _, p := range ps {
			out = binary.AppendUvarint(out, uint64(p))
		}
	}
	return out
}

// decodeLocated reads encodeLocated's form; every place index must be
// below n.
func decodeLocated(b []byte, n int) (*locatedCells, error) {
	r := &cells.Varints{B: b}
	if r.Uvarint() != placeCellsFormat {
		return nil, errPlaceCells
	}
	m := r.Uvarint()
	if m > uint64(len(r.B))/10 {
		return nil, errPlaceCells
	}
	lc := &locatedCells{id: make([]int64, 0, m), area: make([]float64, 0, m), start: make([]int32, 1, m+1)}
	prev := int64(0)
	for k := uint64(0); k < m && !r.Bad; k++ {
		prev += r.Varint()
		if len(r.B) < 8 {
			return nil, errPlaceCells
		}
		area := math.Float64frombits(binary.LittleEndian.Uint64(r.B))
		r.B = r.B[8:]
		c := r.Uvarint()
		if c > uint64(len(r.B)) {
			return nil, errPlaceCells
		}
		for j := uint64(0); j < c && !r.Bad; j++ {
			p := r.Uvarint()
			if p >= uint64(n) {
				return nil, errPlaceCells
			}
			lc.place = append(lc.place, int32(p))
		}
		lc.id, lc.area = append(lc.id, prev), append(lc.area, area)
		lc.start = append(lc.start, int32(len(lc.place)))
	}
	if r.Bad || len(r.B) != 0 {
		return nil, errPlaceCells
	}
	return lc, nil
}

// LocatePlaces locates the gazetteer's places in a layer's current cells
// and stores their status histories with the build, so that the commands
// after it read them (`layer cells` does this after a build); the build's
// transitions are stored too (cellChange reads them). It returns the
// number of places located: 0 when the layer has no cells or the service
// no places.
//
// Histories stored for the build, or for a build it appended maps to
// (extendPlaceRuns), are taken as they are, and the whole index is read
// only when the build's transitions are not stored.
func (s *Service) LocatePlaces(ctx context.Context, layer string) (int, error) {
	if ok, err := s.havePlaces(); err != nil || !ok {
		// The index read (if not held) stores the build's transitions.
		s.cellIndex(ctx, layer)
		return 0, err
	}
	_, pc, err := s.placeRuns(ctx, layer)
	if err != nil || pc == nil {
		return 0, err
	}
	if !s.changesStored(ctx, layer) {
		s.cellIndex(ctx, layer)
	}
	return len(pc.runStart) - 1, nil
}

// changesStored tells whether the transitions of a layer's current cell
// build are stored (in the format imports append to).
func (s *Service) changesStored(ctx context.Context, layer string) bool {
	store, ok := s.Store.(cellChangeStore)
	cs, ok2 := s.cellStores()
	if !ok || !ok2 || s.NoCells {
		return false
	}
	pos := s.buildPositions(ctx, cs, layer)
	if pos == nil {
		return false
	}
	version, builtAt, format, err := store.CellChangesVersion(ctx, layer)
	return err == nil && version == pos.Build.Version && builtAt == pos.Build.BuiltAt.UnixNano() && format >= 2
}
