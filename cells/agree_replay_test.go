package cells

import (
	"context"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/sqlite"
)

// replayStore is a store's maps, cut to their first n and to some
// oblasts, with cells kept in memory: a build of a few oblasts of the
// full archive, from scratch, without writing to the store.
type replayStore struct {
	*sqlite.SnapshotStore
	n       int
	oblasts map[string]bool

	build  *frontline.CellBuild
	cells  map[int64]frontline.Cell
	nextID int64
}

func (s *replayStore) FindSnapshots(ctx context.Context, f frontline.SnapshotFilter) ([]*frontline.Snapshot, error) {
	out, err := s.SnapshotStore.FindSnapshots(ctx, f)
	if err == nil && len(out) > s.n {
		out = out[:s.n]
	}
	return out, err
}

func (s *replayStore) SnapshotPieces(ctx context.Context, id int64, withGeometry bool) ([]frontline.Piece, error) {
	ps, err := s.SnapshotStore.SnapshotPieces(ctx, id, withGeometry)
	var out []frontline.Piece
	for _, p := range ps {
		if s.oblasts[p.Oblast] {
			out = append(out, p)
		}
	}
	return out, err
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
	st := &replayStore{SnapshotStore: sqlite.NewSnapshotStore(db), n: n, oblasts: map[string]bool{}}
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
