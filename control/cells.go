package control

import (
	"context"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/cells"
)

// layerCells is what the service holds of the cells of its layers: a
// builder per layer (kept between imports of one process) and the last
// index read.
type layerCells struct {
	mu       sync.Mutex
	builders map[string]*cells.Builder
	indexes  map[string]*cells.Index
	errs     map[string]error
	// loadMu lets one request at a time read a layer's cells into an
	// index: the others wait and take the index it read (on the full
	// archive a read is ~1 s of CPU; a burst of first questions used to
	// read it once each, all at once).
	loadMu sync.Mutex
	// snaps holds, by layer, the maps of the build the index was read
	// from (brief: times and areas), for series.
	snaps map[string]builtSnapshots
	// locators holds point-in-polygon indexes of cells read for
	// timelines, by cell ID; a cell split since has another area.
	locators map[int64]cellLocator
	placeMu  sync.Mutex
	places   map[string]*placeCells
	// boxes holds, by layer, what locating places needs of the cells of
	// the last index read (see placescells.go); guarded by mu.
	boxes map[string]*cellBoxes
	// positions holds, by layer, the map positions of the current build
	// (an index without cells); guarded by mu.
	positions map[string]*cells.Index
	// stored holds, by layer, the transitions stored with the build that
	// changes read when no index is held (a command); guarded by mu.
	stored map[string]*cells.Stored
	// timelines counts place timelines answered from cells.
	timelines atomic.Int64
	// checkpointEvery is given to the indexes and stored transitions read
	// (SetCellCheckpoints).
	checkpointEvery atomic.Int32
}

// SetCellCheckpoints sets the number of maps between the status vectors
// that changes from cells start from (cells.DefaultCheckpointEvery when
// 0; none when negative), for the cell indexes and stored transitions
// read after it.
func (s *Service) SetCellCheckpoints(every int32) { s.cells.checkpointEvery.Store(every) }

// CellChangesFromCheckpoints returns the number of changes of a layer
// that the held index and the stored transitions held answered from their
// status vectors (cells.Index.ChangesFromCheckpoints).
func (s *Service) CellChangesFromCheckpoints(layer string) int64 {
	s.cells.mu.Lock()
	defer s.cells.mu.Unlock()
	var n int64
	if ix := s.cells.indexes[layer]; ix != nil {
		n += ix.ChangesFromCheckpoints()
	}
	if st := s.cells.stored[layer]; st != nil {
		n += st.ChangesFromCheckpoints()
	}
	return n
}

// cellStores returns the store as a cell store, if it is one and cells are
// not switched off.
func (s *Service) cellStores() (cells.Stores, bool) {
	if s.NoCells {
		return nil, false
	}
	cs, ok := s.Store.(cells.Stores)
	return cs, ok
}

// BuildCells brings a layer's cells up to date with its maps (imports do
// this after each map) and returns the number of maps applied. A store
// that keeps no cells applies none.
func (s *Service) BuildCells(ctx context.Context, layer string) (int, error) {
	return s.buildCells(ctx, layer, nil)
}

// buildCells is BuildCells, with the change to the next map computed ahead
// (nil: none).
func (s *Service) buildCells(ctx context.Context, layer string, ahead *cells.Ahead) (int, error) {
	store, ok := s.cellStores()
	if !ok {
		return 0, nil
	}
	s.cells.mu.Lock()
	defer s.cells.mu.Unlock()
	if s.cells.builders == nil {
		s.cells.builders, s.cells.indexes, s.cells.errs = map[string]*cells.Builder{}, map[string]*cells.Index{}, map[string]error{}
	}
	b := s.cells.builders[layer]
	if b == nil {
		b = cells.NewBuilder(recordSaves(store), layer)
		b.Now = s.Now
		s.cells.builders[layer] = b
	}
	// The build before, whose stored transitions the maps applied now
	// are appended to.
	var before [2]int64
	vs, haveVersion := s.Store.(cellBuildVersionStore)
	if haveVersion {
		var err error
		if before[0], before[1], err = vs.CellBuildVersion(ctx, layer); err != nil {
			haveVersion = false
		}
	}
	rec, _ := b.Store.(savesRecorder)
	if rec != nil {
		rec.start()
	}
	b.Offer(ahead)
	n, err := b.Sync(ctx)
	s.cells.errs[layer] = err
	if err == nil && n > 0 && haveVersion && rec != nil {
		s.appendCellChanges(ctx, layer, before[0], before[1], rec.saves())
	}
	return n, err
}

// savesRecorder is the store a layer's Builder writes through: it keeps
// what each SaveCells of a Sync saved (see appendCellChanges).
type savesRecorder interface {
	start()
	saves() []cellSave
}

// cellSave is what one SaveCells of a build wrote.
type cellSave struct {
	maps             int // of the build saved
	version, builtAt int64
	reset            bool
	deleted          int
	// cells saved: ID, oblast, area, history (no geometry).
	cells []frontline.Cell
}

// recordingStore records the saves of cells (savesRecorder).
type recordingStore struct {
	cells.Stores
	list []cellSave
}

// recordingBoxStore is a recordingStore of a store that reads the cells
// in a box (the Builder reads a daily map's cells so).
type recordingBoxStore struct {
	*recordingStore
	box interface {
		CellsIn(ctx context.Context, layer string, minLon, minLat, maxLon, maxLat float64, withGeometry bool) ([]frontline.Cell, error)
	}
}

func (r recordingBoxStore) CellsIn(ctx context.Context, layer string, minLon, minLat, maxLon, maxLat float64, withGeometry bool) ([]frontline.Cell, error) {
	return r.box.CellsIn(ctx, layer, minLon, minLat, maxLon, maxLat, withGeometry)
}

// recordSaves wraps a store for a Builder, keeping its optional box reads.
func recordSaves(store cells.Stores) cells.Stores {
	r := &recordingStore{Stores: store}
	if box, ok := store.(interface {
		CellsIn(ctx context.Context, layer string, minLon, minLat, maxLon, maxLat float64, withGeometry bool) ([]frontline.Cell, error)
	}); ok {
		return recordingBoxStore{recordingStore: r, box: box}
	}
	return r
}

// CurrentSnapshotIDs lists the layer's current maps as the store does
// (cells.CurrentSnapshotIDs): the Builder's check of its build on every
// Sync.
func (r *recordingStore) CurrentSnapshotIDs(ctx context.Context, layer string) ([]int64, error) {
	return cells.CurrentSnapshotIDs(ctx, r.Stores, layer)
}

func (r *recordingStore) start()            { r.list = nil }
func (r *recordingStore) saves() []cellSave { return r.list }

// SaveCells saves through the store and records what was saved (the IDs
// of new cells as the store set them).
func (r *recordingStore) SaveCells(ctx context.Context, b *frontline.CellBuild, cs []*frontline.Cell, deleted []int64, reset bool) error {
	if err := r.Stores.SaveCells(ctx, b, cs, deleted, reset); err != nil {
		r.list = append(r.list, cellSave{maps: -1}) // nothing to append to
		return err
	}
	sv := cellSave{maps: len(b.SnapshotIDs), version: b.Version, builtAt: b.BuiltAt.UnixNano(), reset: reset, deleted: len(deleted),
		cells: make([]frontline.Cell, len(cs))}
	for i, c := range cs {
		sv.cells[i] = frontline.Cell{ID: c.ID, Oblast: c.Oblast, AreaKm2: c.AreaKm2, History: slices.Clone(c.History)}
	}
	r.list = append(r.list, sv)
	return nil
}

// cellChangesAppender is a store whose stored transitions can be brought
// up to date with a later build in place (the SQLite store).
type cellChangesAppender interface {
	AppendCellChanges(ctx context.Context, layer string, oldVersion, oldBuiltAt, version, builtAt int64, head []byte, n int, row func(i int) (level int, k int32, data []byte)) error
}

// appendCellChanges appends to a layer's stored transitions of build
// (version, builtAt) the maps a Sync applied after it (saves, one per map
// in order), so that the next process answers changes from them instead of
// reading every cell (~1 s on the full archive) and storing them anew.
// Anything but maps appended one after the other to that build (a
// correction, a rebuild, transitions stored in format 1 or of another
// build) leaves them as they are: the next change reads the cells.
func (s *Service) appendCellChanges(ctx context.Context, layer string, version, builtAt int64, saves []cellSave) {
	store, ok := s.Store.(cellChangeStore)
	app, ok2 := s.Store.(cellChangesAppender)
	if !ok || !ok2 || s.NoCells || len(saves) == 0 {
		return
	}
	steps := make([][]frontline.Cell, len(saves))
	for i, sv := range saves {
		if sv.reset || sv.deleted > 0 || sv.maps != saves[0].maps+i || sv.version != version+1+int64(i) {
			return
		}
		steps[i] = sv.cells
	}
	// The head is read once (1.6 MB on the full archive), and appended to
	// while the store lends it.
	var newHead []byte
	var rows []cells.TransitionRow
	if err := store.CellChanges(ctx, layer, func(v, t int64, head []byte) error {
		if v != version || t != builtAt {
			return errStaleChanges
		}
		var err error
		newHead, rows, err = cells.AppendTransitions(ctx, head, func(ctx context.Context, level int, lo, hi int32, f func(k int32, data []byte) error) error {
			return store.CellTransitionRows(ctx, layer, version, level, lo, hi, f)
		}, int32(saves[0].maps-1), steps)
		return err
	}); err != nil {
		return // stored for another build, or in format 1: left as it is
	}
	last := saves[len(saves)-1]
	_ = app.AppendCellChanges(ctx, layer, version, builtAt, last.version, last.builtAt, newHead, len(rows), func(i int) (int, int32, []byte) {
		return rows[i].Level, rows[i].K, rows[i].Data
	})
}

// CellsError is the error of the last build of a layer's cells, if it
// failed (answers then fall back to overlays for the maps not built).
func (s *Service) CellsError(layer string) error {
	s.cells.mu.Lock()
	defer s.cells.mu.Unlock()
	return s.cells.errs[layer]
}

// CellsNotes returns what the last build of a layer's cells in this
// process did not do as asked (cells.Builder.Notes): overlays done on a
// coarser grid, an oblast's change left to the next map, a cell left as
// it was.
func (s *Service) CellsNotes(layer string) []string {
	s.cells.mu.Lock()
	defer s.cells.mu.Unlock()
	if b := s.cells.builders[layer]; b != nil {
		return append([]string(nil), b.Notes...)
	}
	return nil
}

// cellIndex returns the current index of a layer's cells, or nil if the
// layer has none.
func (s *Service) cellIndex(ctx context.Context, layer string) *cells.Index {
	store, ok := s.cellStores()
	if !ok {
		return nil
	}
	b, ix := s.heldIndex(ctx, store, layer)
	if b == nil || ix != nil {
		return ix
	}
	s.cells.loadMu.Lock()
	defer s.cells.loadMu.Unlock()
	if b, ix = s.heldIndex(ctx, store, layer); b == nil || ix != nil {
		return ix // read by the request this one waited for
	}
	cs, err := store.Cells(ctx, layer, false)
	if err != nil {
		return nil
	}
	ix = cells.NewIndex(b, cs)
	ix.CheckpointEvery = s.cells.checkpointEvery.Load()
	s.keepCellBoxes(layer, ix, cs)
	s.saveCellChanges(ctx, layer, ix, false)
	s.cells.mu.Lock()
	if s.cells.indexes == nil {
		s.cells.builders, s.cells.indexes, s.cells.errs = map[string]*cells.Builder{}, map[string]*cells.Index{}, map[string]error{}
	}
	s.cells.indexes[layer] = ix
	s.cells.mu.Unlock()
	return ix
}

// heldIndex returns the layer's cell build (nil if it has none) and the
// index held in memory if it is of that build.
func (s *Service) heldIndex(ctx context.Context, store cells.Stores, layer string) (*frontline.CellBuild, *cells.Index) {
	pos := s.buildPositions(ctx, store, layer)
	if pos == nil {
		return nil, nil
	}
	s.cells.mu.Lock()
	ix := s.cells.indexes[layer]
	s.cells.mu.Unlock()
	if ix != nil && ix.Build.Version == pos.Build.Version {
		return pos.Build, ix
	}
	return pos.Build, nil
}

// cellBuildVersionStore is a store that tells a layer's cell build's
// version and time without its map list (the SQLite store does).
type cellBuildVersionStore interface {
	CellBuildVersion(ctx context.Context, layer string) (version, builtAt int64, err error)
}

// buildPositions returns an index of the map positions alone (no cells)
// of the layer's current cell build, held while the build is current
// (read anew when its version or time changes); nil when the layer has no
// cells.
func (s *Service) buildPositions(ctx context.Context, store cells.Stores, layer string) *cells.Index {
	if vs, ok := s.Store.(cellBuildVersionStore); ok {
		version, builtAt, err := vs.CellBuildVersion(ctx, layer)
		if err != nil {
			return nil
		}
		s.cells.mu.Lock()
		pos := s.cells.positions[layer]
		s.cells.mu.Unlock()
		if pos != nil && pos.Build.Version == version && pos.Build.BuiltAt.UnixNano() == builtAt {
			return pos
		}
	}
	b, err := store.CellBuild(ctx, layer)
	if err != nil {
		return nil
	}
	pos := cells.NewIndex(b, nil)
	s.cells.mu.Lock()
	if s.cells.positions == nil {
		s.cells.positions = map[string]*cells.Index{}
	}
	s.cells.positions[layer] = pos
	s.cells.mu.Unlock()
	return pos
}

// cellPositions returns the layer's current cell index when it is held
// in memory, else an index of the build's map positions alone (no cells):
// enough for a series (the build's map list) and for one place's
// timeline, which reads only the few cells holding the point.
func (s *Service) cellPositions(ctx context.Context, store cells.Stores, layer string) *cells.Index {
	pos := s.buildPositions(ctx, store, layer)
	if pos == nil {
		return nil
	}
	s.cells.mu.Lock()
	ix := s.cells.indexes[layer]
	s.cells.mu.Unlock()
	if ix != nil && ix.Build.Version == pos.Build.Version {
		return ix
	}
	return pos
}

// cellChange returns the transitions between two maps of one layer from
// its cells; ok is false when either map is not in the cells' build (a
// version superseded since, or a map not built yet). The index held in
// memory answers; a process that holds none reads the transitions stored
// with the build (only those of the maps in between), and the whole index
// when none are stored for the build.
func (s *Service) cellChange(ctx context.Context, a, b *frontline.Snapshot) (total transitionMatrix, byOblast map[string]transitionMatrix, ok bool) {
	if a.Layer != b.Layer {
		return nil, nil, false
	}
	store, ok := s.cellStores()
	if !ok {
		return nil, nil, false
	}
	bld, ix := s.heldIndex(ctx, store, a.Layer)
	if bld == nil {
		return nil, nil, false
	}
	var t cells.Matrix
	var obs []cells.Matrix
	var oblasts []string
	answered := false
	if ix == nil {
		if st := s.storedChanges(ctx, a.Layer, bld); st != nil {
			pa, okA := st.Position(a.ID)
			pb, okB := st.Position(b.ID)
			if !okA || !okB {
				return nil, nil, false
			}
			obs = make([]cells.Matrix, len(st.Oblasts))
			var err error
			if t, err = st.ChangeInto(ctx, pa, pb, obs); err == nil {
				oblasts, answered = st.Oblasts, true
			} else {
				s.forgetStoredChanges(a.Layer, st)
				if ix = s.cellIndex(ctx, a.Layer); ix == nil {
					return nil, nil, false
				}
				// Stored anew for the next process.
				s.saveCellChanges(ctx, a.Layer, ix, true)
			}
		}
		if !answered && ix == nil {
			if ix = s.cellIndex(ctx, a.Layer); ix == nil {
				return nil, nil, false
			}
		}
	}
	if !answered {
		pa, okA := ix.Position(a.ID)
		pb, okB := ix.Position(b.ID)
		if !okA || !okB {
			return nil, nil, false
		}
		t, obs = ix.Change(pa, pb)
		oblasts = ix.Oblasts
	}
	total = fromCells(t)
	byOblast = map[string]transitionMatrix{}
	for i, m := range obs {
		byOblast[oblasts[i]] = fromCells(m)
	}
	total = s.balanceToMaps(ctx, a.ID, b.ID, total, byOblast)
	return total, byOblast, true
}

// cellChangeStore is a store that keeps a layer's cell transitions with
// its build (the SQLite store does; cells.EncodeTransitions encodes them).
type cellChangeStore interface {
	CellChanges(ctx context.Context, layer string, f func(version, builtAt int64, head []byte) error) error
	CellChangesVersion(ctx context.Context, layer string) (version, builtAt int64, format int, err error)
	CellTransitionRows(ctx context.Context, layer string, version int64, level int, lo, hi int32, f func(k int32, data []byte) error) error
	SaveCellChanges(ctx context.Context, layer string, version, builtAt int64, head []byte, n int, row func(i int) (level int, k int32, data []byte)) error
}

// storedChanges returns the transitions stored with build b of a layer's
// cells, held once read (their rows read as changes need them); nil when
// none are stored for that build.
func (s *Service) storedChanges(ctx context.Context, layer string, b *frontline.CellBuild) *cells.Stored {
	store, ok := s.Store.(cellChangeStore)
	if !ok || s.NoCells {
		return nil
	}
	s.cells.mu.Lock()
	st := s.cells.stored[layer]
	s.cells.mu.Unlock()
	if st != nil && st.Build.Version == b.Version && st.Build.BuiltAt.Equal(b.BuiltAt) {
		return st
	}
	err := store.CellChanges(ctx, layer, func(version, builtAt int64, head []byte) error {
		if version != b.Version || builtAt != b.BuiltAt.UnixNano() {
			return errStaleChanges
		}
		var err error
		st, err = cells.NewStored(b, head, func(ctx context.Context, level int, lo, hi int32, f func(k int32, data []byte) error) error {
			return store.CellTransitionRows(ctx, layer, version, level, lo, hi, f)
		})
		if err == nil {
			st.CheckpointEvery = s.cells.checkpointEvery.Load()
		}
		return err
	})
	if err != nil {
		return nil
	}
	s.cells.mu.Lock()
	if s.cells.stored == nil {
		s.cells.stored = map[string]*cells.Stored{}
	}
	s.cells.stored[layer] = st
	s.cells.mu.Unlock()
	return st
}

// errStaleChanges: the transitions stored are of another build.
var errStaleChanges = frontline.Errorf(frontline.ENOTFOUND, "stored cell transitions of another build")

// forgetStoredChanges drops the stored transitions held for a layer when
// they failed (a row missing or unreadable): the next change reads the
// cells.
func (s *Service) forgetStoredChanges(layer string, st *cells.Stored) {
	s.cells.mu.Lock()
	if s.cells.stored[layer] == st {
		delete(s.cells.stored, layer)
	}
	s.cells.mu.Unlock()
}

// saveCellChanges stores the transitions of an index read from the
// cells for the next process, unless they are stored for its build
// already (in format 2, which imports append to) and force is false (force: what is stored could not be read). A
// store that cannot be written keeps what it had: the next process reads
// the cells again.
func (s *Service) saveCellChanges(ctx context.Context, layer string, ix *cells.Index, force bool) {
	store, ok := s.Store.(cellChangeStore)
	if !ok || s.NoCells {
		return
	}
	b := ix.Build
	if version, builtAt, format, err := store.CellChangesVersion(ctx, layer); !force && err == nil && version == b.Version && builtAt == b.BuiltAt.UnixNano() && format >= 2 {
		return // stored, in a format imports append to
	}
	head, rows := ix.EncodeTransitions()
	_ = store.SaveCellChanges(ctx, layer, b.Version, b.BuiltAt.UnixNano(), head, len(rows), func(i int) (int, int32, []byte) {
		return rows[i].Level, rows[i].K, rows[i].Data
	})
}

func fromCells(m cells.Matrix) transitionMatrix {
	out := transitionMatrix{}
	for i, f := range frontline.Statuses {
		for j, t := range frontline.Statuses {
			if v := m[i][j]; v != 0 {
				out[[2]frontline.Status{f, t}] = v
			}
		}
	}
	return out
}

// cellStatusesAt returns a point's status at every position of a layer's
// cells build: of the cells that hold the point, the strongest status by
// precedence (as on a map, where the stronger status wins on a shared
// boundary); Ukraine where no cell holds it. ok is false when the layer
// has no cells.
//
// With oblast set, only that oblast's cells count, as the pieces of the
// place's own oblast do in a timeline read from pieces.
func (s *Service) cellStatusesAt(ctx context.Context, layer, oblast string, lon, lat float64) (ix *cells.Index, sts []frontline.Status, ok bool, err error) {
	store, have := s.cellStores()
	if !have {
		return nil, nil, false, nil
	}
	if ix = s.cellPositions(ctx, store, layer); ix == nil {
		return nil, nil, false, nil
	}
	cs, err := store.CellsAt(ctx, layer, lon, lat, false)
	if err != nil {
		return nil, nil, false, err
	}
	sts = make([]frontline.Status, len(ix.Build.SnapshotIDs))
	for i := range sts {
		sts[i] = frontline.StatusUkraine
	}
	for _, c := range cs {
		if oblast != "" && c.Oblast != oblast {
			continue
		}
		loc, err := s.cellLocator(ctx, store, c)
		if err != nil {
			return nil, nil, false, err
		}
		if !loc.covers(lon, lat) {
			continue
		}
		for p, st := range cellHistory(c.History, len(sts)) {
			if stronger(st, sts[p]) {
				sts[p] = st
			}
		}
	}
	return ix, sts, true, nil
}

// cellHistory expands a run-length history over n positions.
func cellHistory(h []frontline.CellStatus, n int) []frontline.Status {
	out := make([]frontline.Status, n)
	st, j := frontline.StatusUkraine, 0
	for p := range out {
		for j < len(h) && int(h[j].Seq) <= p {
			st = h[j].Status
			j++
		}
		out[p] = st
	}
	return out
}

// stronger tells whether a takes precedence over b where both are drawn.
func stronger(a, b frontline.Status) bool {
	rank := func(s frontline.Status) int {
		for i, p := range frontline.Precedence {
			if p == s {
				return i
			}
		}
		return len(frontline.Precedence) // ukraine: weakest
	}
	return rank(a) < rank(b)
}

// placeTimelineFromCells fills a place's timeline from cells; ok is false
// when cells cannot answer (no cells, a day's map not in the build, or a
// place near the coast or border, where the sliver rule reads the pieces).
func (s *Service) placeTimelineFromCells(ctx context.Context, res *frontline.PlaceTimeline, series []layerDay) (bool, error) {
	place := res.Place
	if shore := s.seamIndex(); shore != nil && shore.within(place.Lon, place.Lat, shoreSliverM) {
		return false, nil
	}
	ix, sts, ok, err := s.cellStatusesAt(ctx, res.Layer, place.OblastISO, place.Lon, place.Lat)
	if err != nil || !ok {
		return false, err
	}
	days := make([]frontline.Status, len(series))
	for i, d := range series {
		p, ok := ix.Position(d.SnapshotID)
		if !ok {
			return false, nil
		}
		days[i] = sts[p]
	}
	s.cells.timelines.Add(1)
	for i, d := range series {
		st := days[i]
		res.Days = append(res.Days, frontline.PlaceDay{Date: d.Date, Status: st, SnapshotID: d.SnapshotID})
		if n := len(res.Periods); n > 0 && res.Periods[n-1].Status == st {
			res.Periods[n-1].To = d.Date
		} else {
			res.Periods = append(res.Periods, frontline.StatusPeriod{Status: st, From: d.Date, To: d.Date})
		}
	}
	return true, nil
}

type builtSnapshots struct {
	version int64
	list    []*frontline.Snapshot
}

// currentSnapshots returns the current version of every map of a layer in
// valid-time order (brief), from memory while the layer's cells are
// current; nil when they are not (then read the store).
func (s *Service) currentSnapshots(ctx context.Context, layer string) []*frontline.Snapshot {
	store, ok := s.cellStores()
	if !ok {
		return nil
	}
	// The build's map list is enough: a series needs no cell.
	ix := s.cellPositions(ctx, store, layer)
	if ix == nil {
		return nil
	}
	latest, err := store.LatestSnapshotID(ctx, layer)
	if err != nil {
		return nil
	}
	if _, ok := ix.Position(latest); !ok {
		return nil // a map stored since the cells were built
	}
	s.cells.mu.Lock()
	got, ok := s.cells.snaps[layer]
	s.cells.mu.Unlock()
	if ok && got.version == ix.Build.Version {
		return got.list
	}
	list, err := s.Store.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: layer, Brief: true})
	if err != nil || len(list) != len(ix.Build.SnapshotIDs) {
		return nil
	}
	for i, sn := range list {
		if sn.ID != ix.Build.SnapshotIDs[i] {
			return nil
		}
	}
	s.cells.mu.Lock()
	if s.cells.snaps == nil {
		s.cells.snaps = map[string]builtSnapshots{}
	}
	s.cells.snaps[layer] = builtSnapshots{version: ix.Build.Version, list: list}
	s.cells.mu.Unlock()
	return list
}

// seriesSnapshots picks from a layer's maps (valid-time order) those of a
// series window, as the store would: the last one before from (carried
// into the window's first days) and those from from to the end of to;
// zero bounds are open.
func seriesSnapshots(all []*frontline.Snapshot, from, to frontline.Day) []*frontline.Snapshot {
	var out []*frontline.Snapshot
	start := 0
	if from.Label != "" && !from.Start.IsZero() {
		start = sort.Search(len(all), func(i int) bool { return !all[i].ValidAt.Before(from.Start) })
		if start > 0 {
			out = append(out, all[start-1])
		}
	}
	end := len(all)
	if to.Label != "" {
		end = sort.Search(len(all), func(i int) bool { return all[i].ValidAt.After(to.End) })
	}
	if end > start {
		out = append(out, all[start:end]...)
	}
	return out
}

type cellLocator struct {
	areaKm2 float64
	loc     *locator
}

// maxCellLocators bounds the cells kept indexed for timelines.
const maxCellLocators = 4096

// cellLocator returns a point-in-polygon index of a cell, reading its
// geometry the first time.
func (s *Service) cellLocator(ctx context.Context, store cells.Stores, c frontline.Cell) (*locator, error) {
	s.cells.mu.Lock()
	got, ok := s.cells.locators[c.ID]
	s.cells.mu.Unlock()
	if ok && got.areaKm2 == c.AreaKm2 {
		return got.loc, nil
	}
	wkb, err := store.CellWKB(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	g, err := geom.UnmarshalWKB(wkb, geom.NoValidate{})
	if err != nil {
		return nil, frontline.Errorf(frontline.EINTERNAL, "stored cell %d: %v", c.ID, err)
	}
	loc := newLocator(Polygonal(g))
	s.cells.mu.Lock()
	if s.cells.locators == nil || len(s.cells.locators) >= maxCellLocators {
		s.cells.locators = map[int64]cellLocator{}
	}
	s.cells.locators[c.ID] = cellLocator{areaKm2: c.AreaKm2, loc: loc}
	s.cells.mu.Unlock()
	return loc, nil
}

// WarmCells reads the cell index of every layer that has cells and
// locates the service's places in them, so that the first questions a
// server gets do not wait for either (the full archive's index takes
// about a second of CPU to read). It computes no answer; a server calls it
// in the background once it listens.
func (s *Service) WarmCells(ctx context.Context) error {
	if _, ok := s.cellStores(); !ok {
		return nil
	}
	layers, err := s.Store.FindLayers(ctx)
	if err != nil {
		return err
	}
	for _, l := range layers {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// The index, and the places located in its cells when the
		// service has a gazetteer (the first area or change after a
		// start otherwise pays the location: ~0.8 s of CPU on the full
		// archive).
		if _, _, err := s.cellPlaces(ctx, l.Name); err != nil {
			return err
		}
		// And the status vectors that long changes start from (a few
		// ms of CPU on the full archive), made now rather than at the
		// second change.
		if ix := s.cellIndex(ctx, l.Name); ix != nil {
			ix.MakeCheckpoints()
		}
	}
	return nil
}
