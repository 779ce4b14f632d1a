// Package cells keeps a planar partition of each control layer into cells:
// regions inside one oblast whose status has been the same on every map,
// each with its status history. It is built incrementally as maps are
// imported, from the ground that changed status between consecutive maps,
// so that change between any two days, area and settlement status become
// sums and lookups over cells rather than overlays of two maps' pieces.
package cells

import (
	"context"
	"fmt"
	"math"
	"os"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/geo"
)

// Stores is what a Builder reads maps from and writes cells to.
type Stores interface {
	frontline.SnapshotStore
	frontline.CellStore
}

// minCellKm2 is the smallest ground that makes or changes a cell: overlay
// noise (slivers of a few cm²) is left where it lies.
const minCellKm2 = 1e-9

// Builder brings a layer's cells up to date with its maps. It keeps the
// cells in memory between calls, so importing many maps in one process
// reads them once.
type Builder struct {
	Store Stores
	Layer string
	Now   frontline.Clock

	loaded bool
	build  *frontline.CellBuild
	cells  []*cell
	// all is set when cells holds every cell of the layer. Otherwise
	// cells holds those read so far (byID), around the ground a map
	// changed: a daily import reads a few hundred cells, not every one.
	all      bool
	byID     map[int64]*cell
	partials int
	// prev holds, by oblast, the pieces the oblast's cells were last
	// brought to: those of the last built map, or of an earlier one for
	// an oblast whose step failed (the next step then applies both).
	prev   map[string]*pieces
	prevID int64
	// grids finds the cells of each oblast by box; it holds cells[:gridded].
	grids   map[string]*cellGrid
	gridded int

	// Workers is how many goroutines a step runs its oblasts on (and
	// each oblast its windows and its cells' splits); 0 means GOMAXPROCS.
	// The cells are the same for any number.
	Workers int

	// Notes records what the last Sync did not do as asked: an overlay
	// done on a coarser grid after it failed, an oblast's step left to the
	// next map, a cell left as it was. A build never stops on an overlay's
	// failure. Each Sync starts a new list (at most MaxNotes long).
	Notes   []string
	notesMu sync.Mutex

	// ahead is the change to the next map computed before (Offer),
	// dropped by Sync.
	ahead *Ahead

	// touched holds the cells a step of the map being applied read the
	// geometry of (applyRegion's candidates): the only cells held before
	// the map that it may have changed or decoded. A map's save looks at
	// them and at the cells added since, not at every cell (156,000 on
	// the full archive, each a cache miss, on every map).
	touched []*cell
	// scanAll is set when cells not touched by a step may need saving
	// (statuses cut back by a rebuild): the next save looks at every cell.
	scanAll bool
}

type cell struct {
	c       frontline.Cell
	g       geom.MultiPolygon
	decoded bool
	dirty   bool // to be saved
	// geomDirty is set when the geometry changed since the cell was
	// stored (dirty alone: only its history did).
	geomDirty bool
	ord       int    // position in its oblast's grid
	seen      uint64 // the grid's last query that took it
	pos       int    // position in the Builder's cells
}

// pieces is one oblast's non-Ukraine pieces of one map.
type pieces struct {
	wkb  map[frontline.Status][]byte
	geom map[frontline.Status]geom.Geometry
}

// NewBuilder returns a Builder for one layer.
func NewBuilder(store Stores, layer string) *Builder {
	return &Builder{Store: store, Layer: layer, Now: time.Now}
}

// Sync brings the cells up to date with the current version of each of
// the layer's maps: maps added after the last built one are applied in
// order; a correction or a map inserted before the last built one
// rebuilds from its position on. It returns the number of maps applied.
func (b *Builder) Sync(ctx context.Context) (int, error) {
	b.Notes = nil
	defer func() { b.ahead = nil }()
	snaps, err := CurrentSnapshotIDs(ctx, b.Store, b.Layer)
	if err != nil {
		return 0, err
	}
	if !b.loaded {
		if err := b.load(ctx); err != nil {
			return 0, err
		}
	}
	p := 0
	for p < len(b.build.SnapshotIDs) && p < len(snaps) && b.build.SnapshotIDs[p] == snaps[p] {
		p++
	}
	if p == len(snaps) && p == len(b.build.SnapshotIDs) {
		return 0, nil
	}
	// One map added after the others is applied reading only the cells
	// around the ground it changed. A rebuild from a position, several
	// maps, or a process that has applied many (an import of a folder)
	// read every cell once.
	_, boxes := b.Store.(boxStore)
	partial := boxes && p == len(b.build.SnapshotIDs) && len(snaps)-p == 1 && b.partials < maxPartialSyncs
	if !partial && !b.all {
		if err := b.loadCells(ctx); err != nil {
			b.loaded = false
			return 0, err
		}
	}
	if partial {
		b.partials++
	}
	reset := false
	if p < len(b.build.SnapshotIDs) {
		if p == 0 {
			b.cells, b.byID, b.all, reset = nil, nil, true, true
			b.grids = nil
		} else {
			b.truncate(int32(p))
		}
		b.build.SnapshotIDs = b.build.SnapshotIDs[:p]
		b.prev, b.prevID = nil, 0
	}
	if reset && len(snaps) == 0 {
		b.build.BuiltAt = b.now()
		if err := b.Store.SaveCells(ctx, b.build, nil, nil, true); err != nil {
			b.loaded = false
			return 0, err
		}
	}
	if !reset && p == len(snaps) {
		// Maps gone from the end, none added: the histories cut back
		// are saved with the shorter build.
		var save []*frontline.Cell
		for _, c := range b.cells {
			if c.dirty {
				if _, err := c.geometry(ctx, b.Store); err != nil {
					b.loaded = false
					return 0, err
				}
				save = append(save, &c.c)
			}
		}
		b.build.BuiltAt = b.now()
		if err := b.Store.SaveCells(ctx, b.build, save, nil, false); err != nil {
			b.loaded = false
			return 0, err
		}
		for _, c := range b.cells {
			c.dirty = false
		}
		b.scanAll = true // the cells decoded to save them are forgotten by the next save
	}
	applied := 0
	for k := p; k < len(snaps); k++ {
		if err := b.apply(ctx, int32(k), snaps[k], reset); err != nil {
			// What is stored is whole: the cells as of the maps before k.
			b.loaded = false
			return applied, err
		}
		reset = false
		applied++
	}
	return applied, nil
}

// currentIDStore is a store that lists the IDs of a layer's current maps
// without reading the maps (the SQLite store keeps an index of the stored
// versions, brought up to date with the rows added since it was read).
type currentIDStore interface {
	CurrentSnapshotIDs(ctx context.Context, layer string) ([]int64, error)
}

// CurrentSnapshotIDs returns the IDs of a layer's current maps in
// valid-time order, as FindSnapshots lists them, from the store's list
// when it keeps one. A Builder compares them with its build's on every
// Sync, so that a correction or a map inserted before the last built one
// rebuilds from its position: reading the maps themselves for that, once
// per map imported, grew with the square of the archive (~6 s of the full
// DeepState archive's import).
func CurrentSnapshotIDs(ctx context.Context, store frontline.SnapshotStore, layer string) ([]int64, error) {
	if s, ok := store.(currentIDStore); ok {
		return s.CurrentSnapshotIDs(ctx, layer)
	}
	snaps, err := store.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: layer, Brief: true})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(snaps))
	for i, sn := range snaps {
		ids[i] = sn.ID
	}
	return ids, nil
}

func (b *Builder) now() time.Time {
	if b.Now != nil {
		return b.Now().UTC()
	}
	return time.Now().UTC()
}

func (b *Builder) workers() int {
	if b.Workers > 0 {
		return b.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// parallel calls f(0) … f(n−1) on at most workers goroutines and returns
// when every call has.
func parallel(n, workers int, f func(i int)) {
	if workers > n {
		workers = n
	}
	if workers <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var next sync.Mutex
	i := 0
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				next.Lock()
				j := i
				i++
				next.Unlock()
				if j >= n {
					return
				}
				f(j)
			}
		}()
	}
	wg.Wait()
}

// maxPartialSyncs is how many maps a Builder applies reading only the
// cells around their change before it reads every cell once: a process
// importing a folder of maps then keeps them in memory.
const maxPartialSyncs = 8

// boxStore is a store that reads the cells in a box.
type boxStore interface {
	CellsIn(ctx context.Context, layer string, minLon, minLat, maxLon, maxLat float64, withGeometry bool) ([]frontline.Cell, error)
}

// load reads the layer's build; cells are read by loadCells or, around a
// map's change, by fetch.
func (b *Builder) load(ctx context.Context) error {
	b.cells, b.byID, b.all, b.prev, b.prevID = nil, map[int64]*cell{}, false, nil, 0
	b.grids = nil
	build, err := b.Store.CellBuild(ctx, b.Layer)
	if frontline.ErrorCode(err) == frontline.ENOTFOUND {
		b.build = &frontline.CellBuild{Layer: b.Layer}
		b.all, b.byID, b.loaded = true, nil, true
		return nil
	} else if err != nil {
		return err
	}
	b.build = build
	b.loaded = true
	return nil
}

// loadCells reads every cell of the layer, keeping those already read.
// Geometry is read when a cell is touched (most never are again).
func (b *Builder) loadCells(ctx context.Context) error {
	cs, err := b.Store.Cells(ctx, b.Layer, false)
	if err != nil {
		return err
	}
	b.add(cs)
	b.all, b.byID = true, nil
	return nil
}

// add keeps the cells read from the store that are not held yet (those
// held may have changed since) and returns the new ones.
func (b *Builder) add(cs []frontline.Cell) []*cell {
	var out []*cell
	for i := range cs {
		if b.byID[cs[i].ID] != nil {
			continue
		}
		c := &cell{c: cs[i]}
		b.push(c)
		out = append(out, c)
		if b.byID != nil {
			b.byID[c.c.ID] = c
		}
	}
	return out
}

// push appends cells to the Builder's, noting their positions.
func (b *Builder) push(cs ...*cell) {
	for _, c := range cs {
		c.pos = len(b.cells)
		b.cells = append(b.cells, c)
	}
}

// fetch reads the cells whose box meets env, unless every cell is held,
// and returns those not held before.
func (b *Builder) fetch(ctx context.Context, env geom.Envelope) ([]*cell, error) {
	if b.all {
		return nil, nil
	}
	lo, hi, ok := env.MinMaxXYs()
	if !ok {
		return nil, nil
	}
	cs, err := b.Store.(boxStore).CellsIn(ctx, b.Layer, lo.X, lo.Y, hi.X, hi.Y, false)
	if err != nil {
		return nil, err
	}
	return b.add(cs), nil
}

// truncate forgets every status from position p on. Cells split after p
// stay split: a finer partition answers the same.
func (b *Builder) truncate(p int32) {
	for _, c := range b.cells {
		h := c.c.History
		n := len(h)
		for n > 0 && h[n-1].Seq >= p {
			n--
		}
		if n != len(h) {
			c.c.History = h[:n:n]
			c.dirty = true
		}
	}
	b.scanAll = true
}

func (b *Builder) loadPieces(ctx context.Context, id int64) (map[string]*pieces, error) {
	ps, err := b.Store.SnapshotPieces(ctx, id, true)
	if err != nil {
		return nil, err
	}
	return piecesByOblast(ps, id)
}

// piecesByOblast decodes a map's pieces (snapshot id, for errors), but for
// Ukraine's, by oblast.
func piecesByOblast(ps []frontline.Piece, id int64) (map[string]*pieces, error) {
	out := map[string]*pieces{}
	for _, pc := range ps {
		if pc.Status == frontline.StatusUkraine || len(pc.WKB) == 0 {
			continue
		}
		op := out[pc.Oblast]
		if op == nil {
			op = &pieces{wkb: map[frontline.Status][]byte{}, geom: map[frontline.Status]geom.Geometry{}}
			out[pc.Oblast] = op
		}
		g, err := geom.UnmarshalWKB(pc.WKB, geom.NoValidate{})
		if err != nil {
			return nil, frontline.Errorf(frontline.EINTERNAL, "stored piece %s/%s of snapshot %d: %v", pc.Oblast, pc.Status, id, err)
		}
		op.wkb[pc.Status], op.geom[pc.Status] = pc.WKB, g
	}
	return out, nil
}

// apply adds the map at position k and saves the cells it changed.
func (b *Builder) apply(ctx context.Context, k int32, id int64, reset bool) error {
	if k > 0 && b.prev == nil {
		var err error
		if b.prev, err = b.loadPieces(ctx, b.build.SnapshotIDs[k-1]); err != nil {
			return err
		}
		b.prevID = b.build.SnapshotIDs[k-1]
	}
	if k == 0 {
		b.prev = map[string]*pieces{}
	}
	next, ok := b.ahead.pieces(id)
	if !ok {
		var err error
		if next, err = b.loadPieces(ctx, id); err != nil {
			return err
		}
	}
	names := oblastNames(b.prev, next)
	brought := map[string]*pieces{}
	steps := make([]oblastStep, len(names))
	held := len(b.cells) // the cells held before the map's steps
	b.touched = b.touched[:0]
	if b.all {
		// Every cell is held: the oblasts' steps touch disjoint cells
		// (each oblast's own, in its own grid) and run in parallel, each
		// with its own notes; their new cells and notes are then taken in
		// the oblasts' order, as one after the other would give them.
		grids := make([]*cellGrid, len(names))
		for i, ob := range names {
			grids[i] = b.oblastGrid(ob)
		}
		parallel(len(names), b.workers(), func(i int) {
			w := &Builder{Store: b.Store, Layer: b.Layer, Workers: b.Workers, ahead: b.ahead}
			steps[i] = w.stepOblast(ctx, k, id, names[i], b.prev[names[i]], next[names[i]], grids[i], nil)
			steps[i].notes, steps[i].touched = w.Notes, w.touched
		})
	} else {
		for i, ob := range names {
			steps[i] = b.stepOblast(ctx, k, id, ob, b.prev[ob], next[ob], nil, b.fetch)
			if steps[i].err != nil {
				break
			}
		}
	}
	for i, ob := range names {
		st := steps[i]
		if st.err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return frontline.Errorf(frontline.EINTERNAL, "cells of %s, map %d, oblast %s: %s", b.Layer, id, ob, frontline.ErrorMessage(st.err))
		}
		for _, n := range st.notes {
			b.note("%s", n)
		}
		brought[ob] = st.brought
		b.push(st.added...)
		b.touched = append(b.touched, st.touched...)
	}
	if b.all {
		b.gridded = len(b.cells) // the steps put their new cells in the grids
	}
	b.build.SnapshotIDs = append(b.build.SnapshotIDs, id)
	b.build.BuiltAt = b.now()
	var save []*frontline.Cell
	var saved []*cell
	for _, c := range b.toSave(held) {
		if c.dirty || c.c.ID == 0 {
			c.c.HistoryOnly = c.c.ID != 0 && !c.geomDirty && !reset
			if c.c.HistoryOnly {
				// The stored row keeps its geometry (no WKB to write,
				// none to read for a cell read without it).
			} else if c.dirty && c.decoded {
				c.c.WKB = c.g.AsBinary()
			} else if c.c.WKB == nil {
				// A history changed on a cell read without geometry:
				// the row is rewritten whole.
				if _, err := c.geometry(ctx, b.Store); err != nil {
					b.build.SnapshotIDs = b.build.SnapshotIDs[:k]
					return err
				}
			}
			save = append(save, &c.c)
			saved = append(saved, c)
		} else {
			c.forget()
		}
	}
	if err := b.Store.SaveCells(ctx, b.build, save, nil, reset); err != nil {
		b.build.SnapshotIDs = b.build.SnapshotIDs[:k]
		return err
	}
	b.scanAll = false
	for _, c := range saved {
		c.dirty, c.geomDirty, c.c.HistoryOnly = false, false, false
		c.forget()
		if b.byID != nil {
			b.byID[c.c.ID] = c
		}
	}
	for ob, p := range brought {
		if p == nil {
			delete(brought, ob)
		}
	}
	b.prev, b.prevID = brought, id
	return nil
}

// toSave returns, in the order of the Builder's cells, those a map's save
// looks at: every cell after a rebuild's cut (scanAll); otherwise the
// cells touched by the map's steps among the held ones (the first held),
// and every cell added since. Between saves no other cell is dirty, new or
// decoded: each save forgets the decoded geometry of the cells it looks at.
func (b *Builder) toSave(held int) []*cell {
	if b.scanAll {
		return b.cells
	}
	out := make([]*cell, 0, len(b.touched)+len(b.cells)-held)
	seen := make(map[*cell]bool, len(b.touched))
	for _, c := range b.touched {
		if c.pos < held && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	return append(out, b.cells[held:]...)
}

// oblastNames returns the oblasts of two maps' pieces, in order.
func oblastNames(prev, next map[string]*pieces) []string {
	oblasts := map[string]bool{}
	for ob := range prev {
		oblasts[ob] = true
	}
	for ob := range next {
		oblasts[ob] = true
	}
	names := make([]string, 0, len(oblasts))
	for ob := range oblasts {
		names = append(names, ob)
	}
	sort.Strings(names)
	return names
}

// oblastStep is what one oblast's step of a map gave: the cells it added
// and the pieces the oblast's cells were brought to (the map's, or the
// previous ones when its change could not be computed and is left to the
// next map).
type oblastStep struct {
	added   []*cell
	brought *pieces
	notes   []string
	touched []*cell // see Builder.touched
	err     error
}

// stepOblast applies the change of one oblast from pieces pa to pb at
// position k. With grid set, the oblast's cells are found in it and the new
// cells put in it; otherwise (fetch set: not every cell is held) they are
// read around each region and the Builder's grids brought up to date.
func (b *Builder) stepOblast(ctx context.Context, k int32, id int64, ob string, pa, pb *pieces, grid *cellGrid, fetch func(context.Context, geom.Envelope) ([]*cell, error)) oblastStep {
	if err := ctx.Err(); err != nil {
		return oblastStep{err: err}
	}
	regions, err, ok := b.ahead.take(b, ob, pa, pb)
	if !ok {
		regions, err = b.changeRegions(ctx, pa, pb)
	}
	if err != nil {
		if ctx.Err() != nil {
			return oblastStep{err: ctx.Err()}
		}
		// The oblast stays as it was; the next map's step applies the
		// change of both.
		b.note("map %d (position %d), oblast %s: change not applied, left to the next map: %s", id, k, ob, frontline.ErrorMessage(err))
		return oblastStep{brought: pa}
	}
	out := oblastStep{brought: pb}
	for _, r := range regions {
		g := grid
		if g == nil {
			if _, err := fetch(ctx, r.env); err != nil {
				return oblastStep{err: err}
			}
			g = b.oblastGrid(ob)
		}
		added, err := b.applyRegion(ctx, k, ob, g.near(r.env), r)
		if err != nil {
			return oblastStep{err: err}
		}
		if grid != nil {
			for _, c := range added {
				grid.add(c)
			}
			out.added = append(out.added, added...)
		} else {
			b.push(added...)
		}
	}
	return out
}

// region is ground that went from one status to another between two maps.
type region struct {
	from, to frontline.Status
	g        geom.MultiPolygon
	env      geom.Envelope
	deg2     float64 // g's planar area (square degrees); 0: not measured
	km2      float64 // g's geodesic area; 0: not measured
}

// areaKm2 is r's geodesic area.
func (r *region) areaKm2() float64 {
	if r.km2 == 0 {
		r.km2 = geo.AreaKm2(r.g.AsGeometry())
	}
	return r.km2
}

// planarArea is r's area in square degrees.
func (r *region) planarArea() float64 {
	if r.deg2 == 0 {
		r.deg2 = r.g.Area()
	}
	return r.deg2
}

// changeRegions returns the ground of one oblast whose status differs
// between two maps' pieces, by transition. Within a map the statuses are
// disjoint and Ukraine is the rest of the oblast; a piece byte-identical
// on both maps has not changed. Only the windows around the edges that
// are not on both maps are overlaid (window.go).
func (b *Builder) changeRegions(ctx context.Context, pa, pb *pieces) ([]region, error) {
	if pa == nil {
		pa = &pieces{}
	}
	if pb == nil {
		pb = &pieces{}
	}
	var sts []frontline.Status
	for _, st := range frontline.Precedence {
		if string(pa.wkb[st]) != string(pb.wkb[st]) {
			sts = append(sts, st)
		}
	}
	if len(sts) == 0 {
		return nil, nil
	}
	var out []region
	if len(pa.geom) == 0 {
		// The oblast's first map (or one after a map with no ground of
		// any status there): every edge is unshared, so the windows
		// would cover the map; each status's ground is new.
		for _, st := range sts {
			if g, ok := pb.geom[st]; ok {
				out = appendRegion(out, frontline.StatusUkraine, st, densifyGeodesic(polygonal(g)).AsGeometry())
			}
		}
		return out, nil
	}
	ws := changedWindows(pa, pb, sts)
	if os.Getenv("NOWIN") != "" {
		ws = []box{{-1000, -1000, 1000, 1000}}
	}
	// geodesic.go: the overlays of the step, and the cells split by its
	// regions, then cut edges that follow the geodesic the areas are
	// measured along. Only the edges that meet a window can be cut.
	da, db := map[frontline.Status]geom.Geometry{}, map[frontline.Status]geom.Geometry{}
	for st, g := range pa.geom {
		da[st] = densifyGeodesicIn(polygonal(g), ws).AsGeometry()
	}
	for st, g := range pb.geom {
		if string(pa.wkb[st]) == string(pb.wkb[st]) {
			db[st] = da[st]
		} else {
			db[st] = densifyGeodesicIn(polygonal(g), ws).AsGeometry()
		}
	}
	pa, pb = &pieces{wkb: pa.wkb, geom: da}, &pieces{wkb: pb.wkb, geom: db}
	// The windows are disjoint: each is overlaid on its own (in
	// parallel), and their regions taken in the windows' order.
	type result struct {
		rs    []region
		err   error
		notes []string
	}
	res := make([]result, len(ws))
	parallel(len(ws), b.workers(), func(i int) {
		sub := &Builder{Store: b.Store, Layer: b.Layer, Workers: 1}
		res[i].rs, res[i].err = sub.windowRegions(ctx, pa, pb, sts, ws[i])
		res[i].notes = sub.Notes
	})
	for _, r := range res {
		for _, n := range r.notes {
			b.note("%s", n)
		}
		if r.err != nil {
			return nil, r.err
		}
		out = append(out, r.rs...)
	}
	return out, nil
}

// windowRegions is changeRegions inside one window.
func (b *Builder) windowRegions(ctx context.Context, pa, pb *pieces, sts []frontline.Status, w box) ([]region, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Every status is clipped: the pieces of a map may overlap a
	// little, and ground leaving a status is not Ukraine where the
	// other map has a status unchanged over it.
	a, c := map[frontline.Status]geom.Geometry{}, map[frontline.Status]geom.Geometry{}
	for _, st := range frontline.Precedence {
		if string(pa.wkb[st]) == string(pb.wkb[st]) {
			if g, ok := pa.geom[st]; ok {
				x, in, err := b.clip("clipping "+string(st), g, w)
				if err != nil {
					return nil, err
				}
				if in {
					a[st], c[st] = x, x
				}
			}
			continue
		}
		if g, ok := pa.geom[st]; ok {
			x, in, err := b.clip("clipping "+string(st), g, w)
			if err != nil {
				return nil, err
			}
			if in {
				a[st] = x
			}
		}
		if g, ok := pb.geom[st]; ok {
			x, in, err := b.clip("clipping "+string(st), g, w)
			if err != nil {
				return nil, err
			}
			if in {
				c[st] = x
			}
		}
	}
	return b.transitions(ctx, a, c, sts)
}

// transitions overlays two maps' ground: a transition is between two of
// the statuses sts (those that differ); the others are only subtracted.
func (b *Builder) transitions(ctx context.Context, a, c map[frontline.Status]geom.Geometry, sts []frontline.Status) ([]region, error) {
	ukr := frontline.StatusUkraine
	var out []region
	add := func(f, t frontline.Status, g geom.Geometry) { out = appendRegion(out, f, t, g) }
	for _, sa := range sts {
		ga, ok := a[sa]
		if !ok {
			continue
		}
		for _, sb := range sts {
			gb, ok := c[sb]
			if !ok || sa == sb || !ga.Envelope().Intersects(gb.Envelope()) {
				continue
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			x, err := b.overlay(fmt.Sprintf("intersecting %s with %s", sa, sb), geom.Intersection, ga, gb)
			if err != nil {
				return nil, err
			}
			add(sa, sb, x)
		}
		rest, err := b.subtractAll(ctx, ga, c, frontline.Precedence)
		if err != nil {
			return nil, err
		}
		add(sa, ukr, rest)
	}
	for _, sb := range sts {
		gb, ok := c[sb]
		if !ok {
			continue
		}
		rest, err := b.subtractAll(ctx, gb, a, frontline.Precedence)
		if err != nil {
			return nil, err
		}
		add(ukr, sb, rest)
	}
	return out, nil
}

// appendRegion appends g's polygonal ground as a region from f to t,
// unless it is overlay noise (minCellKm2).
func appendRegion(out []region, f, t frontline.Status, g geom.Geometry) []region {
	mp := polygonal(g)
	if !aboveKm2(mp, minCellKm2) {
		return out
	}
	return append(out, region{from: f, to: t, g: mp, env: mp.Envelope(), deg2: mp.Area()})
}

// aboveKm2 tells whether g's geodesic area is above km2, without the
// geodesic computation when the planar area in degrees, scaled at the
// box's latitude farthest from the equator, is above twice km2 (the
// scale is within a few per cent of the geodesic's in Ukraine).
func aboveKm2(g geom.MultiPolygon, km2 float64) bool {
	const km2PerDeg2 = 111.32 * 111.32
	if lo, hi, ok := g.Envelope().MinMaxXYs(); ok {
		lat := math.Max(math.Abs(lo.Y), math.Abs(hi.Y))
		if g.Area()*km2PerDeg2*math.Cos(lat*math.Pi/180) > 2*km2 {
			return true
		}
	}
	return geo.AreaKm2(g.AsGeometry()) > km2
}

// subtractAll returns g minus the ground of statuses sts in o.
func (b *Builder) subtractAll(ctx context.Context, g geom.Geometry, o map[frontline.Status]geom.Geometry, sts []frontline.Status) (geom.Geometry, error) {
	for _, st := range sts {
		og, ok := o[st]
		if !ok || !g.Envelope().Intersects(og.Envelope()) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return g, err
		}
		x, err := b.overlay("subtracting "+string(st), geom.Difference, g, og)
		if err != nil {
			return g, err
		}
		g = polygonal(x).AsGeometry()
		if g.IsEmpty() {
			break
		}
	}
	return g, nil
}

// statusBefore is a cell's status before position k and whether it
// already changed at k.
func statusBefore(h []frontline.CellStatus, k int32) (frontline.Status, bool) {
	st := frontline.StatusUkraine
	for _, e := range h {
		if e.Seq >= k {
			return st, true
		}
		st = e.Status
	}
	return st, false
}

// applyRegion splits the cells of one oblast that held r.from before k
// and lie in r, and gives the part inside r the status r.to from k on.
// Ground of r in no cell (Ukraine on every map so far) becomes new cells.
// A cell of more than maxCellPoints vertices is first cut into tiles.
// An overlay that fails even on a coarser grid leaves its cell as it was
// (noted) rather than stop the build.
func (b *Builder) applyRegion(ctx context.Context, k int32, oblast string, cs []*cell, r region) ([]*cell, error) {
	var added, queue []*cell
	var edges *edgeIndex // r's edges, indexed at the first cell its box meets
	for _, c := range cs {
		// The box first: most cells near a region's box hold none of it,
		// and their histories need not be read.
		if !boxIntersects(c.c, r.env) {
			continue
		}
		if st, changed := statusBefore(c.c.History, k); changed || st != r.from {
			continue
		}
		queue = append(queue, c)
	}
	// First, one cell after the other: tiles of large cells (added to the
	// queue), and the cells no edge of r comes near, wholly inside r or
	// wholly outside. The others are split by r, each on its own (in
	// parallel), then the splits are taken in the queue's order.
	type job struct {
		c      *cell
		g      geom.MultiPolygon
		cb     box
		inside bool // wholly inside r: no split
		split  splitResult
	}
	var jobs []job
	for i := 0; i < len(queue); i++ {
		c := queue[i]
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		g, err := c.geometry(ctx, b.Store)
		if err != nil {
			return nil, err
		}
		b.touched = append(b.touched, c)
		env := g.Envelope() // a walk over the cell's vertices: once
		if !env.Intersects(r.env) {
			continue
		}
		if numPoints(g) > maxCellPoints {
			parts := b.split(c)
			added = append(added, parts...)
			queue = append(queue, parts...)
			if g, env = c.g, c.g.Envelope(); !env.Intersects(r.env) {
				continue
			}
		}
		cb, ok := envBox(env)
		if !ok {
			continue
		}
		if edges == nil {
			edges = newEdgeIndex(r.g)
		}
		if !edges.touches(cb) {
			// No edge of r comes near the cell: it lies wholly inside
			// r or wholly outside.
			x, y, ok := firstPoint(g)
			if !ok || !edges.covers(x, y) || c.c.AreaKm2 <= minCellKm2 {
				continue
			}
			jobs = append(jobs, job{c: c, g: g, inside: true})
			continue
		}
		jobs = append(jobs, job{c: c, g: g, cb: cb})
	}
	parallel(len(jobs), b.workers(), func(i int) {
		j := &jobs[i]
		if j.inside {
			return
		}
		switch edges.where(j.g, j.cb) {
		case cellApart:
			// Nothing of r in the cell (apart.go): the split an
			// overlay would find, without it.
			return
		case cellInside:
			// The cell lies in r, clear of its edges: the overlay
			// would return it whole, the part outside empty. It
			// takes r.to as a cell no edge of r comes near does,
			// where the part inside is not unioned with others
			// (the new ground, below, from Ukraine).
			if r.from != frontline.StatusUkraine && j.c.c.AreaKm2 > minCellKm2 {
				j.inside = true
				return
			}
		}
		w := &Builder{Store: b.Store, Layer: b.Layer, Workers: 1}
		j.split = w.splitByRegion(oblast, k, j.c, j.g, j.cb, r, edges)
		j.split.notes = w.Notes
	})
	if r.from != frontline.StatusUkraine {
		// Every point of r held r.from on the map before, so the cells
		// that held it cover r: the parts found inside add up to r's
		// area. More than that is a split that put ground outside r
		// inside (split.go: checkInsideParts); each split is then
		// checked against the region.
		var sum float64
		for _, j := range jobs {
			if j.inside {
				sum += j.c.c.AreaKm2
			} else if j.split.ok {
				sum += j.split.inKm2
			}
		}
		if rKm2 := r.areaKm2(); sum > rKm2+insideTolKm2(rKm2) {
			for i := range jobs {
				j := &jobs[i]
				if j.inside || !j.split.ok {
					continue
				}
				w := &Builder{Store: b.Store, Layer: b.Layer, Workers: 1}
				what := fmt.Sprintf("oblast %s, position %d, cell %d ∩ %s→%s (parts inside %.6f km², region %.6f)", oblast, k, j.c.c.ID, r.from, r.to, sum, rKm2)
				if sp, ok := w.recheckSplit(what, oblast, j.c, j.g, j.cb, r, j.split); ok {
					sp.notes = append(j.split.notes, w.Notes...)
					j.split = sp
				} else {
					j.split.notes = append(j.split.notes, w.Notes...)
				}
			}
		}
	}
	var inside []geom.Geometry
	var insideKm2 float64 // the sum of the inside parts' areas
	for _, j := range jobs {
		c := j.c
		if j.inside {
			inside = append(inside, j.g.AsGeometry())
			insideKm2 += c.c.AreaKm2
			c.c.History = append(append([]frontline.CellStatus{}, c.c.History...), frontline.CellStatus{Seq: k, Status: r.to})
			c.dirty = true
			continue
		}
		sp := j.split
		for _, n := range sp.notes {
			b.note("%s", n)
		}
		if !sp.ok {
			continue
		}
		inside = append(inside, sp.in.AsGeometry())
		insideKm2 += sp.inKm2
		hist := append(append([]frontline.CellStatus{}, c.c.History...), frontline.CellStatus{Seq: k, Status: r.to})
		if sp.outKm2 <= minCellKm2 {
			c.c.History = hist
			c.dirty = true
			continue
		}
		c.set(sp.out, sp.outKm2)
		for _, nc := range sp.newCells {
			nc.c.History = append([]frontline.CellStatus{}, hist...)
		}
		added = append(added, sp.newCells...)
	}
	if r.from != frontline.StatusUkraine {
		return added, nil
	}
	restMP, ok := b.newGround(fmt.Sprintf("oblast %s, position %d, new ground %s→%s", oblast, k, r.from, r.to), r.g, inside, insideKm2)
	if !ok {
		return added, nil
	}
	if !aboveKm2(restMP, minCellKm2) {
		return added, nil
	}
	return append(added, b.newCells(oblast, restMP, []frontline.CellStatus{{Seq: k, Status: r.to}})...), nil
}

// splitResult is a cell's split by a region: ok is false when the cell
// keeps its status whole (nothing of it inside the region, or the overlay
// failed on every grid: noted).
type splitResult struct {
	ok       bool
	in, out  geom.MultiPolygon
	inKm2    float64
	outKm2   float64
	newCells []*cell // the part inside, as cells (history set by the caller)
	notes    []string
}

// splitByRegion splits cell c (geometry g, box cb) by region r, whose
// edges come near it. It reads c and changes nothing.
func (b *Builder) splitByRegion(oblast string, k int32, c *cell, g geom.MultiPolygon, cb box, r region, edges *edgeIndex) splitResult {
	rg, clipped := clipPolygonal(r.g, cb.expand())
	what := fmt.Sprintf("oblast %s, position %d, cell %d ∩ %s→%s", oblast, k, c.c.ID, r.from, r.to)
	in, out, err := b.splitCell(what, g.AsGeometry(), rg.AsGeometry())
	if clipped && (err != nil || suspectSplit(edges, g, in, out)) {
		// The region clipped to the cell's box holds rings folded
		// onto the box's sides. JTS's noding fails on some ("side
		// location conflict"), and on a region densified along the
		// geodesic an intersection came back empty for a 2 km² cell
		// lying wholly inside it (the demo's maps with a correction,
		// control's TestCellsAgreeWithOverlays): the whole region.
		in, out, err = b.splitCell(what, g.AsGeometry(), r.g.AsGeometry())
	}
	if err != nil {
		b.note("%s; cell left as it was", frontline.ErrorMessage(err))
		return splitResult{}
	}
	inKm2 := geo.AreaKm2(in.AsGeometry())
	if inKm2 <= minCellKm2 {
		return splitResult{}
	}
	outKm2 := geo.AreaKm2(out.AsGeometry())
	// The cell's own area is its geometry's geodesic area (set with it).
	// The region's ground in the cell's box bounds the part inside
	// (split.go: inRegion); rg holds it (the region clipped to a box
	// around the cell's, or the whole region).
	rgDeg2 := r.planarArea()
	if clipped {
		rgDeg2 = rg.Area()
	}
	if gKm2 := c.c.AreaKm2; !splitAdds(gKm2, inKm2, outKm2) || !inRegion(in, g.Area(), rgDeg2, 0, 0) {
		// split.go: an intersection that returned the whole cell.
		if in2, out2, in2Km2, out2Km2, ok := b.resplit(what, g.AsGeometry(), r.g.AsGeometry(), gKm2, rgDeg2); ok {
			in, out, inKm2, outKm2 = in2, out2, in2Km2, out2Km2
		} else {
			b.note("%s: the parts' areas do not add up to the cell's, or the part inside exceeds the region's ground around it, on every grid; kept as computed", what)
		}
		if inKm2 <= minCellKm2 {
			return splitResult{}
		}
	}
	// Each part takes its own geodesic area. The pieces were
	// densified along the geodesic (geodesic.go), so an overlay's new
	// vertices lie within millimetres of it and the parts add up to
	// the cell to ~1e-6 km² (a part kept the rest of its cell's area
	// before; on edges of tens of km, straight in degrees, that moved
	// tenths of km² between cells, and kept any ground an overlay lost).
	return b.splitParts(oblast, in, out, inKm2, outKm2)
}

// splitParts is the split of a cell into parts in and out (of geodesic
// areas inKm2, outKm2), the part inside made cells when the cell keeps a
// part outside.
func (b *Builder) splitParts(oblast string, in, out geom.MultiPolygon, inKm2, outKm2 float64) splitResult {
	if out.IsEmpty() {
		outKm2 = 0
	}
	sp := splitResult{ok: true, in: in, out: out, inKm2: inKm2, outKm2: outKm2}
	if outKm2 > minCellKm2 {
		sp.newCells = b.newCellsOf(oblast, in, inKm2, nil)
	}
	return sp
}

// suspectSplit tells whether a cell's split by a region contradicts the
// side of the region a vertex of the cell lies on (by the parity of the
// region's edges): nothing inside though the vertex is inside, or nothing
// outside though it is outside. The point read is one clear of the
// region's edges (split.go: sideProbe) where the cell has one: a vertex,
// else a point on its surface; else its first vertex, which may read
// either way (the split is then redone for nothing, or kept wrong).
func suspectSplit(edges *edgeIndex, g, in, out geom.MultiPolygon) bool {
	x, y, ok := sideProbe(edges, g)
	if !ok {
		return false
	}
	if edges.covers(x, y) {
		return !aboveKm2(in, minCellKm2)
	}
	return !aboveKm2(out, minCellKm2)
}

// restBelowKm2 tells whether a planar area in square degrees is surely
// below km2 as a geodesic area: a square degree holds at most ~12,400 km²
// (at the equator), and half of km2 leaves room for the ellipsoid and
// rounding.
func restBelowKm2(deg2, km2 float64) bool {
	const maxKm2PerDeg2 = 111.33 * 111.33
	return deg2*maxKm2PerDeg2 < km2/2
}

// splitCell returns the parts of cell g inside and outside region r.
func (b *Builder) splitCell(what string, g, r geom.Geometry) (in, out geom.MultiPolygon, err error) {
	x, err := b.overlay(what, geom.Intersection, g, r)
	if err != nil {
		return in, out, err
	}
	if in = polygonal(x); in.IsEmpty() {
		return in, polygonal(g), nil
	}
	if gm := polygonal(g); restBelowKm2(gm.Area()-in.Area(), minCellKm2) {
		// The cell lies inside the region but for noise: the
		// difference, an overlay as costly as the intersection, would
		// be empty or below minCellKm2, which leaves the cell whole.
		return in, geom.MultiPolygon{}, nil
	}
	y, err := b.overlay(what, geom.Difference, g, r)
	if err != nil {
		return in, out, err
	}
	return in, polygonal(y), nil
}

// split cuts a cell into tiles of at most maxCellPoints vertices: the
// cell keeps the first, the others are returned as new cells with its
// history.
func (b *Builder) split(c *cell) []*cell {
	parts, areas := b.tile(c.g, c.c.AreaKm2)
	if len(parts) < 2 {
		return nil
	}
	c.set(parts[0], areas[0])
	out := make([]*cell, 0, len(parts)-1)
	for i := 1; i < len(parts); i++ {
		nc := &cell{c: frontline.Cell{Oblast: c.c.Oblast, History: append([]frontline.CellStatus{}, c.c.History...)}}
		nc.set(parts[i], areas[i])
		out = append(out, nc)
	}
	return out
}

// geometry returns the cell's geometry, read from the store the first
// time for a cell loaded without it.
func (c *cell) geometry(ctx context.Context, store frontline.CellStore) (geom.MultiPolygon, error) {
	if c.decoded {
		return c.g, nil
	}
	if c.c.WKB == nil && c.c.ID != 0 {
		wkb, err := store.CellWKB(ctx, c.c.ID)
		if err != nil {
			return geom.MultiPolygon{}, err
		}
		c.c.WKB = wkb
	}
	g, err := geom.UnmarshalWKB(c.c.WKB, geom.NoValidate{})
	if err != nil {
		return geom.MultiPolygon{}, frontline.Errorf(frontline.EINTERNAL, "stored cell %d: %v", c.c.ID, err)
	}
	c.g, c.decoded = polygonal(g), true
	return c.g, nil
}

// forget drops the decoded geometry of a cell whose WKB holds it (one
// saved, or read from the store): geometry decodes it again when the cell
// is next touched, the same to the bit. The layer's cells are the bulk of
// what a long import keeps live (about 250 MB for the whole DeepState
// archive, most of it the decoded copies, several objects a cell), and
// the collector marks what is live on every cycle, while a map touches a
// few hundred cells at most.
func (c *cell) forget() {
	if c.decoded && !c.dirty && c.c.WKB != nil && !keepDecoded {
		c.g, c.decoded = geom.MultiPolygon{}, false
	}
}

// keepDecoded keeps every decoded geometry (tests: the cells are the same).
var keepDecoded bool

func (c *cell) set(g geom.MultiPolygon, areaKm2 float64) {
	c.g, c.decoded, c.dirty, c.geomDirty = g, true, true, true
	c.c.AreaKm2 = areaKm2
	setBox(&c.c, g)
}

func setBox(c *frontline.Cell, g geom.MultiPolygon) {
	lo, hi, ok := g.Envelope().MinMaxXYs()
	if !ok {
		c.MinLon, c.MinLat, c.MaxLon, c.MaxLat = 0, 0, 0, 0
		return
	}
	c.MinLon, c.MinLat, c.MaxLon, c.MaxLat = lo.X, lo.Y, hi.X, hi.Y
}

func boxIntersects(c frontline.Cell, env geom.Envelope) bool {
	lo, hi, ok := env.MinMaxXYs()
	return ok && c.MinLon <= hi.X && c.MaxLon >= lo.X && c.MinLat <= hi.Y && c.MaxLat >= lo.Y
}

// newCells makes cells of ground g: one per polygon, cut into tiles of at
// most maxCellPoints vertices whose areas add up to the polygon's.
func (b *Builder) newCells(oblast string, g geom.MultiPolygon, hist []frontline.CellStatus) []*cell {
	return b.newCellsOf(oblast, g, math.NaN(), hist)
}

// newCellsOf is newCells of ground g whose geodesic area gKm2 is known
// (geo.AreaKm2 of g; NaN: not measured): a single polygon's is its own,
// to the bit (the area of a multipolygon is the sum of its polygons'
// from zero), and is not measured again.
func (b *Builder) newCellsOf(oblast string, g geom.MultiPolygon, gKm2 float64, hist []frontline.CellStatus) []*cell {
	var out []*cell
	for i := 0; i < g.NumPolygons(); i++ {
		p := g.PolygonN(i).AsMultiPolygon()
		if !aboveKm2(p, minCellKm2) {
			continue
		}
		// The area of a polygon that is cut into tiles is the sum of
		// theirs: it is not measured whole as well.
		a := math.NaN()
		if numPoints(p) <= maxCellPoints {
			if a = gKm2; g.NumPolygons() != 1 || math.IsNaN(a) {
				a = geo.AreaKm2(p.AsGeometry())
			}
		}
		parts, areas := b.tile(p, a)
		for j := range parts {
			c := &cell{c: frontline.Cell{Oblast: oblast, History: append([]frontline.CellStatus{}, hist...)}}
			c.set(parts[j], areas[j])
			out = append(out, c)
		}
	}
	return out
}

// polygonal keeps the polygonal parts of an overlay's result.
func polygonal(g geom.Geometry) geom.MultiPolygon {
	switch g.Type() {
	case geom.TypePolygon:
		return g.MustAsPolygon().AsMultiPolygon()
	case geom.TypeMultiPolygon:
		return g.MustAsMultiPolygon()
	case geom.TypeGeometryCollection:
		var polys []geom.Polygon
		for _, part := range g.Dump() {
			if part.IsPolygon() {
				polys = append(polys, part.MustAsPolygon())
			}
		}
		return geom.NewMultiPolygon(polys)
	}
	return geom.MultiPolygon{}
}
