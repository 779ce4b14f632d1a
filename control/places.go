package control

import (
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
)

// placeIndex holds the gazetteer's located places in a grid of 0.25° cells
// for envelope queries. The grid is made on first use: a command that
// reads the places' stored histories never locates one.
type placeIndex struct {
	// places point into the slice given (not copied: 7 MB on the
	// gazetteer, a third of a command's CPU when copied).
	places []*frontline.Place

	gridOnce sync.Once
	grid     map[[2]int32][]int32

	shoreOnce sync.Once
	shore     []bool // by place: within shoreSliverM of the coast or border
}

// nearShore says, by place, whether it lies within shoreSliverM of
// Ukraine's coast or border (worked out once).
func (ix *placeIndex) nearShore(shore *seams) []bool {
	ix.shoreOnce.Do(func() {
		ix.shore = make([]bool, len(ix.places))
		for i := range ix.places {
			ix.shore[i] = shore.within(ix.places[i].Lon, ix.places[i].Lat, shoreSliverM)
		}
	})
	return ix.shore
}

// cell returns the places in one grid cell.
func (ix *placeIndex) cell(cx, cy int32) []int32 {
	ix.gridOnce.Do(func() {
		ix.grid = map[[2]int32][]int32{}
		for i := range ix.places {
			c := cellOf(ix.places[i].Lon, ix.places[i].Lat)
			ix.grid[c] = append(ix.grid[c], int32(i))
		}
	})
	return ix.grid[[2]int32{cx, cy}]
}

const placeCell = 0.25

func newPlaceIndex(places []frontline.Place) *placeIndex {
	n := 0
	for i := range places {
		if places[i].PointSource != "" {
			n++
		}
	}
	ix := &placeIndex{places: make([]*frontline.Place, 0, n)}
	for i := range places {
		if places[i].PointSource == "" {
			continue // no point: cannot be located
		}
		ix.places = append(ix.places, &places[i])
	}
	return ix
}

func cellOf(lon, lat float64) [2]int32 {
	return [2]int32{int32(lon / placeCell), int32(lat / placeCell)}
}

// within returns the indexes of the places inside mp.
func (ix *placeIndex) within(mp geom.MultiPolygon) []int32 {
	lo, hi, ok := mp.Envelope().MinMaxXYs()
	if !ok {
		return nil
	}
	loc := newLocator(mp)
	var out []int32
	c0, c1 := cellOf(lo.X, lo.Y), cellOf(hi.X, hi.Y)
	for cx := c0[0] - 1; cx <= c1[0]+1; cx++ {
		for cy := c0[1] - 1; cy <= c1[1]+1; cy++ {
			for _, i := range ix.cell(cx, cy) {
				p := ix.places[i]
				if loc.covers(p.Lon, p.Lat) {
					out = append(out, i)
				}
			}
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a] < out[b] })
	return out
}

// shoreSliverM is how close to both a piece and the land's outline a place
// outside the piece must be to take the piece's status.
const shoreSliverM = 2500

// shoreSliver returns the places of oblast outside mp (not in in, which is
// sorted) that lie within shoreSliverM of both mp's outline and Ukraine's
// coast or border. Trackers
// draw coasts coarsely: a seaside village the polygon misses by a few
// hundred metres lies on a strip of "Ukraine" ground between an occupied
// area and the sea (Shtormove in Crimea read ukraine all through 2022). A
// village on the Ukrainian side where a front meets the coast within
// shoreSliverM is misread the other way; CONTROL-MODEL.md says so.
func (ix *placeIndex) shoreSliver(mp geom.MultiPolygon, in []int32, oblast string, shore *seams) []int32 {
	lo, hi, ok := mp.Envelope().MinMaxXYs()
	if !ok {
		return nil
	}
	// Places near the shore first (a grid lookup); the piece's outline is
	// indexed only if there are any.
	var near []int32
	c0, c1 := cellOf(lo.X, lo.Y), cellOf(hi.X, hi.Y)
	for cx := c0[0] - 1; cx <= c1[0]+1; cx++ {
		for cy := c0[1] - 1; cy <= c1[1]+1; cy++ {
			for _, i := range ix.cell(cx, cy) {
				p := ix.places[i]
				if _, inside := slices.BinarySearch(in, i); p.OblastISO == oblast && !inside && ix.nearShore(shore)[i] {
					near = append(near, i)
				}
			}
		}
	}
	if len(near) == 0 {
		return nil
	}
	edges := &seams{cell: shore.cell, grid: map[[2]int32][]edge{}}
	forEachEdge(mp, func(e edge) {
		for _, c := range edges.cells(e) {
			edges.grid[c] = append(edges.grid[c], e)
		}
	})
	var out []int32
	for _, i := range near {
		if p := ix.places[i]; edges.within(p.Lon, p.Lat, shoreSliverM) {
			out = append(out, i)
		}
	}
	return out
}

// placeStatus remembers which places lie in each stored piece geometry.
// Pieces are immutable and shared across snapshots, so each geometry is
// located once per process.
type placeStatus struct {
	ix *placeIndex
	// shore indexes Ukraine's land outline (coast and border); nil: no
	// sliver rule (tests of the plain point-in-polygon).
	shore *seams
	mu    sync.Mutex
	cache map[string][]int32

	keyOnce sync.Once
	key     string // placesKey
}

// placesKey names the set of places ps locates and the rules that locate
// them, for the place histories stored with a layer's cells: a hash of
// every located place's ID, oblast and point, of the land outline of the
// sliver rule (its area, extent and number of points; or its absence) and
// of the stored form's version. Another gazetteer, other boundaries or
// other rules read nothing stored by these.
func (s *Service) placesKey(ps *placeStatus) string {
	ps.keyOnce.Do(func() {
		h := fnv.New64a()
		var buf []byte
		buf = binary.AppendUvarint(buf, placeCellsFormat)
		buf = strconv.AppendFloat(buf, shoreSliverM, 'g', -1, 64)
		buf = strconv.AppendFloat(buf, minSliverWidthM, 'g', -1, 64)
		for i := range ps.ix.places {
			p := ps.ix.places[i]
			buf = append(buf, p.ID...)
			buf = append(buf, 0)
			buf = append(buf, p.OblastISO...)
			buf = append(buf, 0)
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(p.Lon))
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(p.Lat))
			if len(buf) > 1<<16 {
				h.Write(buf)
				buf = buf[:0]
			}
		}
		if ps.shore == nil {
			buf = append(buf, "no shore"...)
		} else {
			// The land outline by its area, extent and number of points
			// (hashing its 37,000 points cost ~5 ms a command).
			land := s.Bounds.Land
			points := 0
			for i := 0; i < land.NumPolygons(); i++ {
				pg := land.PolygonN(i)
				points += pg.ExteriorRing().Coordinates().Length()
				for r := 0; r < pg.NumInteriorRings(); r++ {
					points += pg.InteriorRingN(r).Coordinates().Length()
				}
			}
			buf = binary.AppendUvarint(buf, uint64(points))
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(s.Bounds.LandAreaKm2))
			if lo, hi, ok := land.Envelope().MinMaxXYs(); ok {
				for _, v := range [4]float64{lo.X, lo.Y, hi.X, hi.Y} {
					buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(v))
				}
			}
		}
		h.Write(buf)
		ps.key = fmt.Sprintf("%d:%016x", len(ps.ix.places), h.Sum64())
	})
	return ps.key
}

// SetPlaces gives the service the gazetteer's places, for settlement
// counts, settlements that changed hands and list comparisons.
// The places are not copied: the caller does not change them after.
// It may be called while the service is in use: answers under way finish
// with the places they started with.
func (s *Service) SetPlaces(places []frontline.Place) {
	ps := &placeStatus{ix: newPlaceIndex(places), cache: map[string][]int32{}, shore: s.seamIndex()}
	s.placesMu.Lock()
	s.places = ps
	s.placesMu.Unlock()
}

// SetPlacesLoader gives the service a way to load the gazetteer's places
// the first time an answer needs them, so that commands that do not pay
// nothing for them.
func (s *Service) SetPlacesLoader(load func() ([]frontline.Place, error)) {
	s.placesLoad = load
}

// havePlaces loads the places if a loader was given and reports whether
// the service has any.
func (s *Service) havePlaces() (bool, error) {
	s.placesOnce.Do(func() {
		s.placesMu.RLock()
		have := s.places != nil
		s.placesMu.RUnlock()
		if have || s.placesLoad == nil {
			return
		}
		places, err := s.placesLoad()
		if err != nil {
			s.placesErr = err
			return
		}
		s.SetPlaces(places)
	})
	s.placesMu.RLock()
	defer s.placesMu.RUnlock()
	return s.places != nil, s.placesErr
}

func (ps *placeStatus) inPiece(ctx context.Context, store frontline.SnapshotStore, pc frontline.Piece) ([]int32, error) {
	ps.mu.Lock()
	got, ok := ps.cache[pc.GeomHash]
	ps.mu.Unlock()
	if ok {
		return got, nil
	}
	wkb := pc.WKB
	if wkb == nil {
		var err error
		if wkb, err = store.Geometry(ctx, pc.GeomHash); err != nil {
			return nil, err
		}
	}
	g, err := geom.UnmarshalWKB(wkb, geom.NoValidate{})
	if err != nil {
		return nil, frontline.Errorf(frontline.EINTERNAL, "stored piece %s: %v", pc.GeomHash, err)
	}
	mp := Polygonal(g)
	got = ps.ix.within(mp)
	if ps.shore != nil {
		got = append(got, ps.ix.shoreSliver(mp, got, pc.Oblast, ps.shore)...)
	}
	ps.mu.Lock()
	ps.cache[pc.GeomHash] = got
	ps.mu.Unlock()
	return got, nil
}

// statuses returns the status of every located place on one snapshot, as
// a slice parallel to the index (Ukraine where no piece holds it).
func (ps *placeStatus) statuses(ctx context.Context, store frontline.SnapshotStore, pieces []frontline.Piece) ([]frontline.Status, error) {
	out := make([]frontline.Status, len(ps.ix.places))
	for i := range out {
		out[i] = frontline.StatusUkraine
	}
	// Lower precedence first, so the stronger status wins on shared
	// boundaries.
	for k := len(frontline.Precedence) - 1; k >= 0; k-- {
		st := frontline.Precedence[k]
		for _, pc := range pieces {
			if pc.Status != st || pc.GeomHash == "" {
				continue
			}
			in, err := ps.inPiece(ctx, store, pc)
			if err != nil {
				return nil, err
			}
			for _, i := range in {
				out[i] = st
			}
		}
	}
	return out, nil
}

func (s *Service) snapshotStatuses(ctx context.Context, layer string, id int64) ([]frontline.Status, error) {
	if sts, ok, err := s.cellPlaceStatuses(ctx, layer, id); err != nil || ok {
		return sts, err
	}
	pieces, err := s.Store.SnapshotPieces(ctx, id, false)
	if err != nil {
		return nil, err
	}
	return s.places.statuses(ctx, s.Store, pieces)
}

// settlementCounts counts settlements and people per status on a snapshot.
func (s *Service) settlementCounts(ctx context.Context, layer string, id int64) (map[frontline.Status]frontline.StatusCount, error) {
	s.placesMu.RLock()
	defer s.placesMu.RUnlock()
	sts, err := s.snapshotStatuses(ctx, layer, id)
	if err != nil {
		return nil, err
	}
	// Counted in a slice by the status's position, not in the map: a map
	// update per settlement (~30,000) was three quarters of an area
	// answer's CPU under the API bench.
	counts := make([]frontline.StatusCount, len(frontline.Statuses))
	var other map[frontline.Status]frontline.StatusCount // a status outside Statuses (none today)
	last, k := frontline.Status(""), -1
	for i, st := range sts {
		if st != last || k < 0 {
			last, k = st, slices.Index(frontline.Statuses, st)
		}
		if k < 0 {
			if other == nil {
				other = map[frontline.Status]frontline.StatusCount{}
			}
			c := other[st]
			c.Settlements++
			c.Population += s.places.ix.places[i].Population
			other[st] = c
			continue
		}
		counts[k].Settlements++
		counts[k].Population += s.places.ix.places[i].Population
	}
	out := make(map[frontline.Status]frontline.StatusCount, len(frontline.Statuses)+len(other))
	for k, st := range frontline.Statuses {
		out[st] = counts[k]
	}
	for st, c := range other {
		out[st] = c
	}
	return out, nil
}

// settlementChanges lists the places whose status differs between two
// snapshots, most populous first.
func (s *Service) settlementChanges(ctx context.Context, fromLayer string, fromID int64, toLayer string, toID int64) ([]frontline.SettlementChange, error) {
	s.placesMu.RLock()
	defer s.placesMu.RUnlock()
	out := []frontline.SettlementChange{}
	if fromID == toID {
		return out, nil
	}
	add := func(i int, from, to frontline.Status) {
		p := s.places.ix.places[i]
		out = append(out, frontline.SettlementChange{ID: p.ID, Name: p.Name, NameUK: p.NameUK, Kind: p.Kind, Oblast: p.Oblast,
			Population: p.Population, Lon: p.Lon, Lat: p.Lat, From: from, To: to})
	}
	var idx []int32
	var from, to []frontline.Status
	ok := false
	if fromLayer == toLayer {
		var err error
		if idx, from, to, ok, err = s.cellSettlementChanges(ctx, fromLayer, fromID, toID); err != nil {
			return nil, err
		}
	}
	if ok {
		for j, i := range idx {
			add(int(i), from[j], to[j])
		}
	} else {
		a, err := s.snapshotStatuses(ctx, fromLayer, fromID)
		if err != nil {
			return nil, err
		}
		b, err := s.snapshotStatuses(ctx, toLayer, toID)
		if err != nil {
			return nil, err
		}
		for i := range a {
			if a[i] != b[i] {
				add(i, a[i], b[i])
			}
		}
	}
	// A stable sort's order is the same whatever its algorithm; the
	// generic one swaps without reflection (a third of a change's time
	// with ~400 settlements).
	slices.SortStableFunc(out, func(a, b frontline.SettlementChange) int {
		if a.Population != b.Population {
			return cmp.Compare(b.Population, a.Population)
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out, nil
}

// PlaceTimeline returns a place's status on every day of a layer, and the
// runs of days with one status.
func (s *Service) PlaceTimeline(ctx context.Context, layer string, place *frontline.Place, asKnown time.Time) (*frontline.PlaceTimeline, error) {
	if place.PointSource == "" {
		return nil, frontline.Errorf(frontline.EINVALID, "%s has no known point: its control cannot be read from a map", place.Name)
	}
	series, err := s.layerDays(ctx, layer, asKnown)
	if err != nil {
		return nil, err
	}
	res := &frontline.PlaceTimeline{Layer: layer, Place: place, AsKnown: asKnownPtr(asKnown), Days: []frontline.PlaceDay{}, Periods: []frontline.StatusPeriod{}}
	if ok, err := s.placeTimelineFromCells(ctx, res, series); err != nil {
		return nil, err
	} else if ok {
		return res, nil
	}
	// A one-place index: locating one point in a piece is a single ray cast.
	one := &placeStatus{ix: newPlaceIndex([]frontline.Place{*place}), cache: map[string][]int32{}, shore: s.seamIndex()}
	bySnapshot := map[int64]frontline.Status{}
	for _, d := range series {
		st, ok := bySnapshot[d.SnapshotID]
		if !ok {
			pieces, err := s.Store.SnapshotPieces(ctx, d.SnapshotID, false)
			if err != nil {
				return nil, err
			}
			var near []frontline.Piece
			for _, pc := range pieces {
				if pc.Oblast == place.OblastISO || place.OblastISO == "" {
					near = append(near, pc)
				}
			}
			if len(near) == 0 {
				near = pieces
			}
			sts, err := one.statuses(ctx, s.Store, near)
			if err != nil {
				return nil, err
			}
			st = sts[0]
			bySnapshot[d.SnapshotID] = st
		}
		res.Days = append(res.Days, frontline.PlaceDay{Date: d.Date, Status: st, SnapshotID: d.SnapshotID})
		if n := len(res.Periods); n > 0 && res.Periods[n-1].Status == st {
			res.Periods[n-1].To = d.Date
		} else {
			res.Periods = append(res.Periods, frontline.StatusPeriod{Status: st, From: d.Date, To: d.Date})
		}
	}
	return res, nil
}

// layerDay is one day of a layer and the map that shows it.
type layerDay struct {
	Date       string
	SnapshotID int64
}

// layerDays returns every day (UTC) from a layer's first map to its last,
// as known at asKnown, each with the last map valid by its end: the days
// and maps of Series over the whole layer, with its errors, without the
// areas and the change from the day before that a timeline does not read
// (a series of a 3-year layer allocates two maps a day).
func (s *Service) layerDays(ctx context.Context, layer string, asKnown time.Time) ([]layerDay, error) {
	if _, err := s.Store.FindLayer(ctx, layer); err != nil {
		return nil, err
	}
	var snaps []*frontline.Snapshot
	if asKnown.IsZero() {
		snaps = s.currentSnapshots(ctx, layer)
	}
	if snaps == nil {
		var err error
		if snaps, err = s.Store.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: layer, AsKnown: asKnown, Brief: true}); err != nil {
			return nil, err
		}
	}
	if len(snaps) == 0 {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "layer %s has no snapshots%s", layer, asKnownNote(asKnown))
	}
	dayOf := func(t time.Time) time.Time {
		y, m, d := t.In(time.UTC).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	start, end := dayOf(snaps[0].ValidAt), dayOf(snaps[len(snaps)-1].ValidAt)
	if end.Sub(start) > 24*time.Hour*366*20 {
		return nil, frontline.Errorf(frontline.EINVALID, "series window too long (more than 20 years)")
	}
	out := make([]layerDay, 0, int(end.Sub(start)/(24*time.Hour))+2)
	forEachDay(snaps, start, end, func(d time.Time, sn *frontline.Snapshot) {
		out = append(out, layerDay{Date: d.Format("2006-01-02"), SnapshotID: sn.ID})
	})
	return out, nil
}

// forEachDay calls fn for every day from start to end (midnights, in their
// location) on which a map of snaps (by valid time) is valid, with the
// last one valid by the day's end; days before the first map are skipped.
func forEachDay(snaps []*frontline.Snapshot, start, end time.Time, fn func(d time.Time, sn *frontline.Snapshot)) {
	i := -1
	for d := start; !d.After(end); d = d.AddDate(0, 0, 1) {
		dayEnd := d.AddDate(0, 0, 1)
		for i+1 < len(snaps) && snaps[i+1].ValidAt.Before(dayEnd) {
			i++
		}
		if i >= 0 {
			fn(d, snaps[i])
		}
	}
}
