// Package control turns published control maps into Frontline's control
// model and answers questions about it: it classifies tracker categories
// into statuses, repairs and clips geometry once at import, and computes
// area, change and series from the precomputed pieces in a
// frontline.SnapshotStore.
package control

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/cells"
	"github.com/frontline-osint/frontline/mapfile"
)

var _ frontline.LayerService = (*Service)(nil)

// Service implements frontline.LayerService on a SnapshotStore.
type Service struct {
	Store   frontline.SnapshotStore
	Bounds  *boundaries.Set
	Clipper *Clipper
	Now     frontline.Clock
	Limits  mapfile.Limits
	// Lists holds list layers (the official perelik); nil: lists are
	// not supported.
	Lists frontline.ListStore

	places     *placeStatus // nil until SetPlaces or a loader runs
	placesLoad func() ([]frontline.Place, error)
	placesOnce sync.Once
	// placesMu lets SetPlaces replace the places while the service is in
	// use (a running server's gazetteer reloaded): an answer reads one set.
	placesMu  sync.RWMutex
	placesErr error

	seamOnce sync.Once
	seams    *seams
	// borderOnce/borders: the oblasts' borders (front.go).
	borderOnce sync.Once
	borders    *seams
	landOnce   sync.Once
	land       *locator

	frontMu sync.Mutex
	fronts  map[int64]*front // by snapshot ID

	// NoCells answers every question from overlays of pieces, even when
	// the store keeps cells (the reference the cells are tested against).
	NoCells bool
	cells   layerCells
	// WarmOnImport makes Import, after a map is added and the cells are
	// brought up to date, read the new build's stored transitions whole
	// and make their status vectors (~26 ms of CPU on the full archive),
	// as the second change after the import would, on a user's request,
	// in a server. A server sets it; a command importing maps does not.
	WarmOnImport bool
	// NoBalance leaves the cells' change as the cells sum it, not
	// balanced to the maps' areas (balance.go).
	NoBalance bool
	mapAreas  mapAreas
}

// NewService returns a Service with the real clock and default limits.
func NewService(store frontline.SnapshotStore, bounds *boundaries.Set) *Service {
	s := &Service{Store: store, Bounds: bounds, Clipper: NewClipper(bounds), Now: time.Now, Limits: mapfile.DefaultLimits()}
	s.Clipper.recall = s.recallCut // importmany.go
	return s
}

var layerNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,63}$`)

// ValidateLayerName checks a layer name: lower-case letters, digits, '.',
// '_' and '-', at most 64 characters.
func ValidateLayerName(name string) error {
	if !layerNameRE.MatchString(name) {
		return frontline.Errorf(frontline.EINVALID, "bad layer name %q: use lower-case letters, digits, '.', '_' and '-' (at most 64)", name)
	}
	return nil
}

func (s *Service) CreateLayer(ctx context.Context, l *frontline.Layer) error {
	if err := ValidateLayerName(l.Name); err != nil {
		return err
	}
	if l.CreatedAt.IsZero() {
		l.CreatedAt = s.Now().UTC()
	}
	return s.Store.CreateLayer(ctx, l)
}

func (s *Service) FindLayers(ctx context.Context) ([]*frontline.Layer, error) {
	return s.Store.FindLayers(ctx)
}

func (s *Service) FindLayer(ctx context.Context, name string) (*frontline.Layer, error) {
	return s.Store.FindLayer(ctx, name)
}

func (s *Service) FindSnapshots(ctx context.Context, f frontline.SnapshotFilter) ([]*frontline.Snapshot, error) {
	if f.Layer != "" {
		if _, err := s.Store.FindLayer(ctx, f.Layer); err != nil {
			return nil, err
		}
	}
	return s.Store.FindSnapshots(ctx, f)
}

// fileTimeRE matches the times trackers' archives put in file names:
// 2022-09-13T130124Z, 2022-09-13T13:01:24Z, 2022-09-13.
var fileTimeRE = regexp.MustCompile(`(\d{4}-\d{2}-\d{2})(?:T(\d{2}):?(\d{2}):?(\d{2})Z)?`)

// TimeFromName reads a snapshot's valid time from its file name.
func TimeFromName(name string) (time.Time, bool) {
	m := fileTimeRE.FindStringSubmatch(filepath.Base(name))
	if m == nil {
		return time.Time{}, false
	}
	layout, value := "2006-01-02", m[1]
	if m[2] != "" {
		layout, value = "2006-01-02T150405", m[1]+"T"+m[2]+m[3]+m[4]
	}
	t, err := time.Parse(layout, value)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// Import reads one map file, processes it and stores it as a snapshot. It
// is idempotent: the same bytes with the same mapping for the same valid
// time store nothing new.
func (s *Service) Import(ctx context.Context, req frontline.ImportRequest) (*frontline.ImportResult, error) {
	p, err := s.Prepare(ctx, req)
	if err != nil {
		return nil, err
	}
	return s.Commit(ctx, p)
}

// Prepared is an import that has been read and processed but not stored.
// Preparing is the expensive, parallelisable half of an import; committing
// is one short transaction.
type Prepared struct {
	snap      *frontline.Snapshot
	pieces    []frontline.Piece
	unchanged *frontline.Snapshot
	// cuts are the keys of its oblasts, stored at commit (importmany.go).
	cuts []oblastCut
	// recordedAt is the recorded time asked for; zero: the clock at commit.
	recordedAt time.Time
	// ahead is the change from the map prepared before it, for the
	// layer's cells (importmany.go).
	ahead *cells.Ahead
}

// Prepare reads and processes one map file without storing it. It needs no
// lock and may run concurrently with other Prepares.
func (s *Service) Prepare(ctx context.Context, req frontline.ImportRequest) (*Prepared, error) {
	return s.prepare(ctx, &req)
}

// prepare is Prepare; it sets req.Data to nil once the file is read and
// hashed, so that the caller's copy of the bytes is not kept live through
// the overlays either.
func (s *Service) prepare(ctx context.Context, req *frontline.ImportRequest) (*Prepared, error) {
	if err := ValidateLayerName(req.Layer); err != nil {
		return nil, err
	}
	name := req.SourceName
	mapping := DeepStateMapping()
	if req.Mapping != "" {
		mname := req.MappingName
		if mname == "" {
			mname = "mapping"
		}
		m, err := ParseMapping(mname, req.Mapping)
		if err != nil {
			return nil, err
		}
		mapping = m
	}
	if req.Status != "" && !req.Status.Valid() {
		return nil, frontline.Errorf(frontline.EINVALID, "--status must be russia, ukraine, contested or unknown, not %q", req.Status)
	}
	f, err := mapfile.Read(name, req.Data, s.Limits)
	if err != nil {
		return nil, err
	}
	// The file's bytes are not needed past its hash: let the collector have
	// them before the overlays, which need the memory most.
	hash := sourceHash(req.Data)
	req.Data = nil
	validAt := req.ValidAt
	if validAt.IsZero() && req.TimeProperty != "" {
		if validAt, err = timeFromProperty(f, req.TimeProperty); err != nil {
			return nil, frontline.Errorf(frontline.EINVALID, "%s: %s", name, frontline.ErrorMessage(err))
		}
	}
	if validAt.IsZero() {
		var ok bool
		if validAt, ok = TimeFromName(name); !ok {
			return nil, frontline.Errorf(frontline.EINVALID, "%s: no valid time: the name holds no date like 2022-09-13T130124Z or 2022-09-13; pass --valid-at or --time-property", name)
		}
	}
	validAt = validAt.UTC()
	if err := frontline.CheckYear(validAt); err != nil {
		return nil, frontline.Errorf(frontline.EINVALID, "%s: valid time: %s", name, frontline.ErrorMessage(err))
	}

	mappingHash := mapping.Hash
	if req.Status != "" {
		mappingHash = "status:" + string(req.Status)
	}
	// Same bytes, same mapping, same valid time: nothing to do.
	cur, err := s.Store.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: req.Layer, ValidFrom: validAt, ValidTo: validAt, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(cur) == 1 && cur[0].SourceHash == hash && cur[0].MappingHash == mappingHash {
		return &Prepared{unchanged: cur[0], cuts: s.unchangedCuts(ctx, cur[0], f, mapping, req.Status)}, nil
	}

	p, err := Process(s.Clipper, f, validAt, mapping, req.Status)
	if err != nil {
		return nil, frontline.Errorf(frontline.ErrorCode(err), "%s: %s", name, frontline.ErrorMessage(err))
	}
	if p.Polygons == 0 {
		return nil, frontline.Errorf(frontline.EINVALID, "%s: no polygons (%d points/lines): nothing to measure", name, p.Points)
	}
	if len(p.Categories) == 0 || (req.Strict && len(p.Unclassified) > 0) {
		return nil, frontline.Errorf(frontline.EINVALID, "%s: %s; give them a status with --mapping FILE, or --status for files without categories", name, describeUnclassified(p.Unclassified))
	}
	recordedAt := req.RecordedAt.UTC()
	if req.RecordedAtValid {
		recordedAt = validAt
	}
	if !recordedAt.IsZero() {
		if recordedAt.Before(validAt) {
			return nil, frontline.Errorf(frontline.EINVALID, "%s: recorded at %s, before the map's valid time %s", name, recordedAt.Format(time.RFC3339), validAt.Format(time.RFC3339))
		}
		if recordedAt.After(s.Now()) {
			return nil, frontline.Errorf(frontline.EINVALID, "%s: recorded at %s, in the future", name, recordedAt.Format(time.RFC3339))
		}
	}
	snap := &frontline.Snapshot{
		Layer:        req.Layer,
		ValidAt:      validAt,
		SourceName:   filepath.Base(name),
		SourceHash:   hash,
		MappingHash:  mappingHash,
		Polygons:     p.Polygons,
		Points:       p.Points,
		Categories:   p.Categories,
		Unclassified: p.Unclassified,
		Repairs:      p.Repairs,
		AreasKm2:     p.AreasKm2,
	}
	return &Prepared{snap: snap, pieces: p.Pieces, recordedAt: recordedAt, cuts: p.cuts}, nil
}

// Commit stores a prepared import in one transaction, creating its layer if
// needed. Its recorded time is the clock at commit, unless the request
// gave one.
func (s *Service) Commit(ctx context.Context, p *Prepared) (*frontline.ImportResult, error) {
	if p.unchanged != nil {
		s.saveCuts(ctx, p.unchanged.ID, p.cuts)
		return &frontline.ImportResult{Snapshot: p.unchanged, Added: false}, nil
	}
	if _, err := s.Store.FindLayer(ctx, p.snap.Layer); frontline.ErrorCode(err) == frontline.ENOTFOUND {
		if err := s.CreateLayer(ctx, &frontline.Layer{Name: p.snap.Layer}); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, err
	}
	snap := *p.snap
	snap.RecordedAt = s.Now().UTC()
	if !p.recordedAt.IsZero() {
		snap.RecordedAt = p.recordedAt
	}
	added, err := s.Store.AddSnapshot(ctx, &snap, p.pieces)
	if err != nil {
		return nil, err
	}
	if added {
		s.saveCuts(ctx, snap.ID, p.cuts)
		p.ahead.Stored(snap.ID) // with the pieces the change was computed to
		// The map is stored whatever happens to the cells: answers about
		// maps the cells do not cover fall back to overlays, and the next
		// import or BuildCells retries (CellsError tells why it failed).
		_, _ = s.buildCells(ctx, snap.Layer, p.ahead)
		if s.WarmOnImport {
			s.warmStoredChanges(ctx, snap.Layer)
		}
	}
	return &frontline.ImportResult{Snapshot: &snap, Added: added}, nil
}

// warmStoredChanges reads the stored transitions of the layer's current
// build whole, when changes are answered from them (no cell index of
// that build held). Errors are left to the changes.
func (s *Service) warmStoredChanges(ctx context.Context, layer string) {
	store, ok := s.cellStores()
	if !ok {
		return
	}
	if b, ix := s.heldIndex(ctx, store, layer); b != nil && ix == nil {
		if st := s.storedChanges(ctx, layer, b); st != nil {
			_ = st.Warm(ctx)
		}
	}
}

func describeUnclassified(cs []frontline.CategoryCount) string {
	total := 0
	names := make([]string, 0, len(cs))
	for _, c := range cs {
		total += c.Count
		names = append(names, fmt.Sprintf("%q ×%d", c.Name, c.Count))
	}
	return fmt.Sprintf("%d unclassified polygons in %d categories: %s", total, len(cs), strings.Join(names, ", "))
}

func timeFromProperty(f *mapfile.File, prop string) (time.Time, error) {
	for _, ft := range f.Features {
		if v, ok := ft.Properties[prop]; ok && strings.TrimSpace(v) != "" {
			return frontline.ParseInstant(v)
		}
	}
	return time.Time{}, frontline.Errorf(frontline.EINVALID, "no feature has the property %q", prop)
}

// snapshotOfDay returns the map of a day: the last snapshot valid by the
// end of the day, as known at asKnown.
func (s *Service) snapshotOfDay(ctx context.Context, layer string, day frontline.Day, asKnown time.Time) (*frontline.Snapshot, error) {
	snaps, err := s.Store.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: layer, ValidTo: day.End, AsKnown: asKnown, Desc: true, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(snaps) == 0 {
		// An unknown layer has no snapshots: it is told as unknown. A
		// layer with a map is known, so a change asks the layer only
		// when it finds none.
		if _, err := s.Store.FindLayer(ctx, layer); err != nil {
			return nil, err
		}
		first, _ := s.Store.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: layer, AsKnown: asKnown, Limit: 1})
		if len(first) == 0 {
			return nil, frontline.Errorf(frontline.ENOTFOUND, "layer %s has no snapshots%s", layer, asKnownNote(asKnown))
		}
		return nil, frontline.Errorf(frontline.ENOTFOUND, "layer %s has no map on or before %s%s: its first is of %s", layer, day.Label, asKnownNote(asKnown), first[0].ValidAt.In(day.Start.Location()).Format("2006-01-02"))
	}
	snap := snaps[0]
	// A day after the layer's last map is outside the layer: answering with
	// a stale map would be quoted as current. A day inside the layer without
	// a map of its own (a tracker skipped it) carries the previous map, as
	// series marks it.
	lastDay := snap.ValidAt.In(day.Start.Location()).Format("2006-01-02")
	if day.Start.After(snap.ValidAt) && day.Start.Format("2006-01-02") > lastDay {
		later, err := s.Store.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: layer, ValidFrom: day.End, AsKnown: asKnown, Limit: 1})
		if err != nil {
			return nil, err
		}
		if len(later) == 0 {
			return nil, frontline.Errorf(frontline.ENOTFOUND, "layer %s has no map for %s%s: its last is of %s", layer, day.Label, asKnownNote(asKnown), lastDay)
		}
	}
	return snap, nil
}

func asKnownNote(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return " as known at " + t.UTC().Format(time.RFC3339)
}

func asKnownPtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// Area returns km² per status of the map of a day, overall and per oblast.
func (s *Service) Area(ctx context.Context, layer string, at frontline.Day, asKnown time.Time) (*frontline.AreaResult, error) {
	snap, err := s.snapshotOfDay(ctx, layer, at, asKnown)
	if err != nil {
		return nil, err
	}
	pieces, err := s.Store.SnapshotPieces(ctx, snap.ID, false)
	if err != nil {
		return nil, err
	}
	res := &frontline.AreaResult{
		Layer:               layer,
		At:                  at.Label,
		AsKnown:             asKnownPtr(asKnown),
		AreasKm2:            map[frontline.Status]float64{},
		UkraineTerritoryKm2: s.Bounds.LandAreaKm2,
		Share:               map[frontline.Status]float64{},
		Snapshot:            snap,
	}
	byOblast := map[string]map[frontline.Status]float64{}
	for _, pc := range pieces {
		res.AreasKm2[pc.Status] += pc.AreaKm2
		if byOblast[pc.Oblast] == nil {
			byOblast[pc.Oblast] = zeroAreas()
		}
		byOblast[pc.Oblast][pc.Status] += pc.AreaKm2
	}
	for _, st := range frontline.Statuses {
		res.AreasKm2[st] += 0
		res.Share[st] = res.AreasKm2[st] / s.Bounds.LandAreaKm2
	}
	for _, ob := range s.Bounds.Oblasts {
		if a, ok := byOblast[ob.ISO]; ok {
			res.ByOblast = append(res.ByOblast, frontline.OblastArea{Oblast: ob.Name, ISO: ob.ISO, AreasKm2: a})
		}
	}
	if have, err := s.havePlaces(); err != nil {
		return nil, err
	} else if have {
		if res.Settlements, err = s.settlementCounts(ctx, snap.Layer, snap.ID); err != nil {
			return nil, err
		}
	}
	return res, nil
}

func zeroAreas() map[frontline.Status]float64 {
	m := map[frontline.Status]float64{}
	for _, st := range frontline.Statuses {
		m[st] = 0
	}
	return m
}

// minTransitionKm2 hides slivers of numerical noise (one m²).
const minTransitionKm2 = 1e-6

func (s *Service) changeSnapshots(ctx context.Context, layer string, from, to frontline.Day, asKnown time.Time) (a, b *frontline.Snapshot, err error) {
	if a, err = s.snapshotOfDay(ctx, layer, from, asKnown); err != nil {
		return
	}
	b, err = s.snapshotOfDay(ctx, layer, to, asKnown)
	return
}

// Change returns what changed hands between the maps of two days.
func (s *Service) Change(ctx context.Context, layer string, from, to frontline.Day, asKnown time.Time) (*frontline.ChangeResult, error) {
	a, b, err := s.changeSnapshots(ctx, layer, from, to, asKnown)
	if err != nil {
		return nil, err
	}
	res := &frontline.ChangeResult{Layer: layer, From: from.Label, To: to.Label, AsKnown: asKnownPtr(asKnown), FromSnapshot: a, ToSnapshot: b}
	if err := s.fillChange(ctx, res); err != nil {
		return nil, err
	}
	return res, nil
}

// ChangeTransitions returns what changed hands between the maps of two
// days as Change's Transitions (the same figures, in the same order),
// without the per-oblast figures' sorting and the settlements that
// changed hands: what a check's area figure sums (~8 ms of CPU less on
// the full archive, the settlements' statuses at both maps).
func (s *Service) ChangeTransitions(ctx context.Context, layer string, from, to frontline.Day, asKnown time.Time) ([]frontline.Transition, error) {
	a, b, err := s.changeSnapshots(ctx, layer, from, to, asKnown)
	if err != nil {
		return nil, err
	}
	total, _, err := s.changeMatrices(ctx, a, b)
	if err != nil {
		return nil, err
	}
	return total.transitions(minTransitionKm2), nil
}

// changeMatrices returns the transitions between two snapshots, national
// and per oblast: from the cells when they hold both maps, else from the
// change cache or the overlays.
func (s *Service) changeMatrices(ctx context.Context, a, b *frontline.Snapshot) (total transitionMatrix, byOblast map[string]transitionMatrix, err error) {
	total, byOblast, ok := s.cellChange(ctx, a, b)
	if !ok {
		var pa, pb []frontline.Piece // loaded only if the change is not cached
		if total, byOblast, err = s.cachedChange(ctx, a.ID, b.ID, pa, pb); err != nil {
			return nil, nil, err
		}
	}
	return total, byOblast, nil
}

// fillChange fills res's transitions, net, per-oblast figures and
// settlements from its two snapshots (of one layer, or of two).
func (s *Service) fillChange(ctx context.Context, res *frontline.ChangeResult) error {
	a, b := res.FromSnapshot, res.ToSnapshot
	total, byOblast, err := s.changeMatrices(ctx, a, b)
	if err != nil {
		return err
	}
	res.Transitions = total.transitions(minTransitionKm2)
	res.NetKm2 = total.net()
	res.ByOblast = []frontline.OblastChange{}
	for _, ob := range s.Bounds.Oblasts {
		m, ok := byOblast[ob.ISO]
		if !ok {
			continue
		}
		tr := m.transitions(minTransitionKm2)
		if len(tr) == 0 {
			continue
		}
		res.ByOblast = append(res.ByOblast, frontline.OblastChange{Oblast: ob.Name, ISO: ob.ISO, Transitions: tr, NetKm2: m.net()})
	}
	sort.SliceStable(res.ByOblast, func(i, j int) bool {
		return gross(res.ByOblast[i].Transitions) > gross(res.ByOblast[j].Transitions)
	})
	res.Settlements = []frontline.SettlementChange{}
	if have, err := s.havePlaces(); err != nil {
		return err
	} else if have {
		if res.Settlements, err = s.settlementChanges(ctx, a.Layer, a.ID, b.Layer, b.ID); err != nil {
			return err
		}
	}
	return nil
}

func gross(ts []frontline.Transition) float64 {
	var g float64
	for _, t := range ts {
		g += t.AreaKm2
	}
	return g
}

// changeVersion names the transition algorithm in the change cache; bump
// it when the computation changes.
const changeVersion = "transitions-v3" // v3: pieces densified along the geodesic (densify.go)

type cachedTransitions struct {
	Total    []cachedCell            `json:"total"`
	ByOblast map[string][]cachedCell `json:"by_oblast"`
}

type cachedCell struct {
	From, To frontline.Status
	Km2      float64
}

func cacheCells(m transitionMatrix) []cachedCell {
	out := make([]cachedCell, 0, len(m))
	for k, v := range m {
		out = append(out, cachedCell{k[0], k[1], v})
	}
	return out
}

func matrix(cs []cachedCell) transitionMatrix {
	m := transitionMatrix{}
	for _, c := range cs {
		m[[2]frontline.Status{c.From, c.To}] = c.Km2
	}
	return m
}

// cachedChange returns the transitions between two snapshots from the
// store's change cache, computing and storing them the first time. The
// pieces are loaded lazily: a cached pair needs no geometry.
func (s *Service) cachedChange(ctx context.Context, aID, bID int64, pa, pb []frontline.Piece) (transitionMatrix, map[string]transitionMatrix, error) {
	if buf, err := s.Store.ChangeCache(ctx, aID, bID, changeVersion); err == nil {
		var c cachedTransitions
		if err := json.Unmarshal(buf, &c); err == nil {
			byOblast := map[string]transitionMatrix{}
			for k, v := range c.ByOblast {
				byOblast[k] = matrix(v)
			}
			return matrix(c.Total), byOblast, nil
		}
	} else if frontline.ErrorCode(err) != frontline.ENOTFOUND {
		return nil, nil, err
	}
	var err error
	if pa == nil {
		if pa, err = s.Store.SnapshotPieces(ctx, aID, true); err != nil {
			return nil, nil, err
		}
	}
	if pb == nil {
		if pb, err = s.Store.SnapshotPieces(ctx, bID, true); err != nil {
			return nil, nil, err
		}
	}
	total, byOblast, err := changeBetween(ctx, pa, pb)
	if err != nil {
		return nil, nil, err
	}
	c := cachedTransitions{Total: cacheCells(total), ByOblast: map[string][]cachedCell{}}
	for k, v := range byOblast {
		c.ByOblast[k] = cacheCells(v)
	}
	if buf, err := json.Marshal(c); err == nil {
		// A cache that cannot be written is not an error for the reader.
		_ = s.Store.PutChangeCache(ctx, aID, bID, changeVersion, buf)
	}
	return total, byOblast, nil
}

func (s *Service) changePieces(ctx context.Context, layer string, from, to frontline.Day, asKnown time.Time) (a, b *frontline.Snapshot, pa, pb []frontline.Piece, err error) {
	if a, b, err = s.changeSnapshots(ctx, layer, from, to, asKnown); err != nil {
		return
	}
	if pa, err = s.Store.SnapshotPieces(ctx, a.ID, true); err != nil {
		return
	}
	if a.ID == b.ID {
		pb = pa
	} else if pb, err = s.Store.SnapshotPieces(ctx, b.ID, true); err != nil {
		return
	}
	return
}

// Series returns km² per status for every day from..to and the change from
// the day before.
func (s *Service) Series(ctx context.Context, layer string, from, to frontline.Day, asKnown time.Time) (*frontline.SeriesResult, error) {
	if _, err := s.Store.FindLayer(ctx, layer); err != nil {
		return nil, err
	}
	loc := from.Start.Location()
	if from.Label == "" {
		loc = to.Start.Location()
	}
	var snaps []*frontline.Snapshot
	var err error
	var all []*frontline.Snapshot
	if asKnown.IsZero() {
		all = s.currentSnapshots(ctx, layer)
	}
	if all != nil {
		// The layer's maps held in memory beside its cells.
		snaps = seriesSnapshots(all, from, to)
	} else if snaps, err = s.seriesSnapshotsFromStore(ctx, layer, from, to, asKnown); err != nil {
		return nil, err
	}
	if len(snaps) == 0 {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "layer %s has no snapshots%s%s", layer, map[bool]string{true: " on or before " + to.Label}[to.Label != ""], asKnownNote(asKnown))
	}
	dayOf := func(t time.Time) time.Time {
		y, m, d := t.In(loc).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	start := dayOf(snaps[0].ValidAt)
	if from.Label != "" {
		start = dayOf(from.Start)
	}
	end := dayOf(snaps[len(snaps)-1].ValidAt)
	if to.Label != "" {
		end = dayOf(to.Start)
	}
	if end.Before(start) {
		return nil, frontline.Errorf(frontline.EINVALID, "--from %s is after --to %s", from.Label, to.Label)
	}
	if end.Sub(start) > 24*time.Hour*366*20 {
		return nil, frontline.Errorf(frontline.EINVALID, "series window too long (more than 20 years)")
	}
	res := &frontline.SeriesResult{Layer: layer, From: start.Format("2006-01-02"), To: end.Format("2006-01-02"), AsKnown: asKnownPtr(asKnown), Days: []frontline.SeriesDay{}}
	var prev map[frontline.Status]float64
	forEachDay(snaps, start, end, func(d time.Time, sn *frontline.Snapshot) {
		carried := !dayOf(sn.ValidAt).Equal(d)
		areas := zeroAreas()
		for st, v := range sn.AreasKm2 {
			areas[st] = v
		}
		change := zeroAreas()
		if prev != nil {
			for _, st := range frontline.Statuses {
				change[st] = areas[st] - prev[st]
			}
		}
		res.Days = append(res.Days, frontline.SeriesDay{Date: d.Format("2006-01-02"), SnapshotID: sn.ID, ValidAt: sn.ValidAt, Carried: carried, AreasKm2: areas, ChangeKm2: change})
		prev = areas
	})
	return res, nil
}

// seriesSnapshotsFromStore reads the maps of a series window: those of the
// window and the last one before it.
func (s *Service) seriesSnapshotsFromStore(ctx context.Context, layer string, from, to frontline.Day, asKnown time.Time) ([]*frontline.Snapshot, error) {
	var snaps []*frontline.Snapshot
	f := frontline.SnapshotFilter{Layer: layer, AsKnown: asKnown, Brief: true}
	if to.Label != "" {
		f.ValidTo = to.End
	}
	if from.Label != "" && !from.Start.IsZero() {
		// Only the maps of the window and the last one before it (carried
		// into the window's first days): the cost follows the window, not
		// the layer's history.
		f.ValidFrom = from.Start
		before, err := s.Store.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: layer, AsKnown: asKnown, Brief: true,
			ValidTo: from.Start.Add(-time.Nanosecond), Desc: true, Limit: 1})
		if err != nil {
			return nil, err
		}
		snaps = append(snaps, before...)
	}
	in, err := s.Store.FindSnapshots(ctx, f)
	if err != nil {
		return nil, err
	}
	snaps = append(snaps, in...)
	return snaps, nil
}
