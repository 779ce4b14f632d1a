package cells

import (
	"context"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/geo"
	"github.com/frontline-osint/frontline/sqlite"
)

// cutStore is a store's maps, cut to their first n and to some oblasts.
type cutStore struct {
	*sqlite.SnapshotStore
	n       int
	oblasts map[string]bool
}

func (s *cutStore) FindSnapshots(ctx context.Context, f frontline.SnapshotFilter) ([]*frontline.Snapshot, error) {
	out, err := s.SnapshotStore.FindSnapshots(ctx, f)
	if err == nil && len(out) > s.n {
		out = out[:s.n]
	}
	return out, err
}

// CurrentSnapshotIDs cuts the store's list of current maps (which the
// Builder reads in place of FindSnapshots) to the first n, too.
func (s *cutStore) CurrentSnapshotIDs(ctx context.Context, layer string) ([]int64, error) {
	ids, err := s.SnapshotStore.CurrentSnapshotIDs(ctx, layer)
	if err == nil && len(ids) > s.n {
		ids = ids[:s.n]
	}
	return ids, err
}

func (s *cutStore) SnapshotPieces(ctx context.Context, id int64, withGeometry bool) ([]frontline.Piece, error) {
	ps, err := s.SnapshotStore.SnapshotPieces(ctx, id, withGeometry)
	var out []frontline.Piece
	for _, p := range ps {
		if s.oblasts == nil || s.oblasts[p.Oblast] {
			out = append(out, p)
		}
	}
	return out, err
}

// replayStore is a cutStore with cells kept in memory: a build of a few
// oblasts of the full archive, from scratch, without writing to the store.
type replayStore struct {
	*cutStore

	build  *frontline.CellBuild
	cells  map[int64]frontline.Cell
	nextID int64
}

func (s *replayStore) CellBuild(ctx context.Context, layer string) (*frontline.CellBuild, error) {
	if s.build == nil {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "no cells")
	}
	b := *s.build
	b.SnapshotIDs = append([]int64(nil), b.SnapshotIDs...)
	return &b, nil
}

func (s *replayStore) Cells(ctx context.Context, layer string, withGeometry bool) ([]frontline.Cell, error) {
	var out []frontline.Cell
	for _, c := range s.cells {
		if !withGeometry {
			c.WKB = nil
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func (s *replayStore) CellsIn(ctx context.Context, layer string, minLon, minLat, maxLon, maxLat float64, withGeometry bool) ([]frontline.Cell, error) {
	var out []frontline.Cell
	for _, c := range s.cells {
		if c.MinLon <= maxLon && c.MaxLon >= minLon && c.MinLat <= maxLat && c.MaxLat >= minLat {
			if !withGeometry {
				c.WKB = nil
			}
			out = append(out, c)
		}
	}
	return out, nil
}

func (s *replayStore) CellsAt(ctx context.Context, layer string, lon, lat float64, withGeometry bool) ([]frontline.Cell, error) {
	return s.CellsIn(ctx, layer, lon, lat, lon, lat, withGeometry)
}

func (s *replayStore) CellWKB(ctx context.Context, id int64) ([]byte, error) {
	return s.cells[id].WKB, nil
}

func (s *replayStore) SaveCells(ctx context.Context, b *frontline.CellBuild, cs []*frontline.Cell, deleted []int64, reset bool) error {
	if reset || s.cells == nil {
		s.cells = map[int64]frontline.Cell{}
	}
	for _, id := range deleted {
		delete(s.cells, id)
	}
	for _, c := range cs {
		if c.ID == 0 {
			s.nextID++
			c.ID = s.nextID
		}
		cc := *c
		cc.History = append([]frontline.CellStatus(nil), c.History...)
		s.cells[c.ID] = cc
	}
	nb := *b
	nb.SnapshotIDs = append([]int64(nil), b.SnapshotIDs...)
	nb.Version++
	s.build = &nb
	b.Version = nb.Version
	return nil
}

func (s *replayStore) LatestSnapshotID(ctx context.Context, layer string) (int64, error) {
	return 0, nil
}

// TestReplayOblasts builds, from scratch and in memory, the cells of some
// oblasts of a store's maps (FRONTLINE_CELLS_DB, read only;
// FRONTLINE_REPLAY "UA-14,UA-63:964": the oblasts and how many maps) and
// logs the steps at which the gap between the cells' and the pieces' area
// per oblast and status moved by more than FRONTLINE_GAP_MIN km² (1e-4),
// the largest gap, and the build's notes: a small reproduction of a full
// build's drift, to try a change of the build on.
func TestReplayOblasts(t *testing.T) {
	path, spec := os.Getenv("FRONTLINE_CELLS_DB"), os.Getenv("FRONTLINE_REPLAY")
	if path == "" || spec == "" {
		t.Skip("FRONTLINE_CELLS_DB or FRONTLINE_REPLAY not set")
	}
	obs, ns, _ := strings.Cut(spec, ":")
	n, err := strconv.Atoi(ns)
	if err != nil {
		t.Fatal(err)
	}
	lim := 1e-4
	if v, err := strconv.ParseFloat(os.Getenv("FRONTLINE_GAP_MIN"), 64); err == nil {
		lim = v
	}
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st := &replayStore{cutStore: &cutStore{SnapshotStore: sqlite.NewSnapshotStore(db), n: n, oblasts: map[string]bool{}}}
	for _, ob := range strings.Split(obs, ",") {
		st.oblasts[ob] = true
	}
	ctx := context.Background()
	b := NewBuilder(st, "deepstate")
	t0 := time.Now()
	applied, err := b.Sync(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d maps of %s built in %v: %d cells, %d notes", applied, obs, time.Since(t0).Round(time.Millisecond), len(st.cells), len(b.Notes))
	for _, note := range b.Notes {
		t.Logf("\tnote: %s", note)
	}
	cs, _ := st.Cells(ctx, "deepstate", false)
	ix := NewIndex(st.build, cs)
	snaps, _ := st.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate", Brief: true})
	var maxGap float64
	var maxAt string
	var bigSteps int
	walkGaps(t, ctx, st, ix, func(s gapStep) {
		at := snaps[s.p].ValidAt.UTC().Format("2006-01-02T15:04")
		if math.Abs(s.gap) > maxGap {
			maxGap, maxAt = math.Abs(s.gap), at+" "+s.key
		}
		if math.Abs(s.d) > lim {
			bigSteps++
			t.Logf("step at %s (position %d) %s: %+.6f km², gap after %+.6f", at, s.p, s.key, s.d, s.gap)
		}
	})
	t.Logf("%d steps over %g km²; largest gap %.6f km² (%s)", bigSteps, lim, maxGap, maxAt)
}

// TestReplayPoint is a diagnostic, not a guard: it replays
// FRONTLINE_REPLAY's oblasts ("UA-63:1130", "all:1130"; read only) one map at a time
// and logs, at each map where it changes, which cells hold the point
// FRONTLINE_POINT ("lon lat", or ground as WKT: how much of it each holds)
// and their status there: the step at which
// a point's ground left the cells, or came into two. The cells are kept
// in memory; with FRONTLINE_REPLAY_INTO (a scratch copy of the store,
// whose cells are deleted first) they are written to that SQLite store,
// as an import writes them.
func TestReplayPoint(t *testing.T) {
	path, spec, pt := os.Getenv("FRONTLINE_CELLS_DB"), os.Getenv("FRONTLINE_REPLAY"), os.Getenv("FRONTLINE_POINT")
	if path == "" || spec == "" || pt == "" {
		t.Skip("FRONTLINE_CELLS_DB, FRONTLINE_REPLAY or FRONTLINE_POINT not set")
	}
	obs, ns, _ := strings.Cut(spec, ":")
	n, err := strconv.Atoi(ns)
	if err != nil {
		t.Fatal(err)
	}
	// A point, or ground (WKT): the cells holding it, and how much.
	p, err := geom.UnmarshalWKT(pt)
	if err != nil {
		var x, y float64
		if _, err := fmt.Sscan(pt, &x, &y); err != nil {
			t.Fatal(err)
		}
		p = geom.XY{X: x, Y: y}.AsPoint().AsGeometry()
	}
	lo, hi, _ := p.Envelope().MinMaxXYs()
	into := os.Getenv("FRONTLINE_REPLAY_INTO")
	if into != "" {
		path = into
	}
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	cut := &cutStore{SnapshotStore: sqlite.NewSnapshotStore(db), oblasts: map[string]bool{}}
	for _, ob := range strings.Split(obs, ",") {
		cut.oblasts[ob] = true
	}
	if obs == "all" {
		cut.oblasts = nil // every oblast
	}
	var store Stores = &replayStore{cutStore: cut}
	if into != "" {
		if err := cut.SaveCells(ctx, &frontline.CellBuild{Layer: "deepstate"}, nil, nil, true); err != nil {
			t.Fatal(err)
		}
		store = cut
	}
	b := NewBuilder(store, "deepstate")
	last := ""
	for k := 1; k <= n; k++ {
		cut.n = k
		if _, err := b.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		cs, err := store.(boxStore).CellsIn(ctx, "deepstate", lo.X, lo.Y, hi.X, hi.Y, true)
		if err != nil {
			t.Fatal(err)
		}
		var holders []string
		for _, c := range cs {
			g, err := geom.UnmarshalWKB(c.WKB, geom.NoValidate{})
			if err != nil {
				t.Fatal(err)
			}
			held := ""
			if p.IsPolygon() || p.IsMultiPolygon() {
				x, err := atLocalOrigin(geom.Intersection, g, p)
				if err != nil {
					t.Fatal(err)
				}
				if a := geo.AreaKm2(x); a > 1e-12 {
					held = fmt.Sprintf(" (%.3g km² of the ground)", a)
				}
			} else if geom.Intersects(g, p) {
				held = " (the point)"
			}
			if held != "" {
				s, _ := statusBefore(c.History, int32(k))
				holders = append(holders, fmt.Sprintf("cell %d %s %.9f km²%s %v", c.ID, s, c.AreaKm2, held, c.History))
			}
		}
		sort.Strings(holders)
		now := strings.Join(holders, "; ")
		if now != last {
			t.Logf("after map %d: %d cells hold the point: %s", k-1, len(holders), now)
			last = now
		}
	}
}
