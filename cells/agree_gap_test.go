package cells

import (
	"context"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/sqlite"
)

// openCellsDB opens the store the diagnostic tests of agreement read
// (path: FRONTLINE_CELLS_DB, a copy) with its layer's cell index and maps.
func openCellsDB(t *testing.T, path string) (*sqlite.SnapshotStore, *Index, []*frontline.Snapshot) {
	t.Helper()
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store := sqlite.NewSnapshotStore(db)
	ctx := context.Background()
	ix, err := Load(ctx, store, "deepstate")
	if err != nil {
		t.Fatal(err)
	}
	snaps, err := store.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate", Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	return store, ix, snaps
}

// mapPosition returns the position among snaps of the map valid at at
// ("2006-01-02T15:04", UTC; the last of that minute), failing t if none is.
func mapPosition(t *testing.T, snaps []*frontline.Snapshot, at string) int {
	t.Helper()
	p := -1
	for i, sn := range snaps {
		if sn.ValidAt.UTC().Format("2006-01-02T15:04") == at {
			p = i
		}
	}
	if p < 0 {
		t.Fatalf("%s: no such map", at)
	}
	return p
}

// gapStep is how the gap between the cells' area and the pieces' area of
// one oblast and status (key "UA-14/unknown") moved at one map.
type gapStep struct {
	p      int     // the map's position in the build
	key    string  // oblast/status
	d, gap float64 // the step and the gap after it, km²
}

// walkGaps calls step for every oblast and status at every map of ix's
// build: the gap (cells minus pieces, km², Ukrainian ground left out as
// the rest of each oblast) and how much it moved since the map before.
func walkGaps(t *testing.T, ctx context.Context, pieces interface {
	SnapshotPieces(context.Context, int64, bool) ([]frontline.Piece, error)
}, ix *Index, step func(gapStep)) {
	t.Helper()
	prev := map[string]float64{}
	for p, id := range ix.Build.SnapshotIDs {
		ps, err := pieces.SnapshotPieces(ctx, id, false)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]float64{}
		for _, pc := range ps {
			if pc.Status != frontline.StatusUkraine {
				want[pc.Oblast+"/"+string(pc.Status)] += pc.AreaKm2
			}
		}
		got := map[string]float64{}
		for i, a := range ix.Areas(int32(p)) {
			for j, st := range frontline.Statuses {
				if st != frontline.StatusUkraine && a[j] != 0 {
					got[ix.Oblasts[i]+"/"+string(st)] = a[j]
				}
			}
		}
		keys := map[string]bool{}
		for _, m := range []map[string]float64{got, want, prev} {
			for k := range m {
				keys[k] = true
			}
		}
		for k := range keys {
			g := got[k] - want[k]
			step(gapStep{p: p, key: k, d: g - prev[k], gap: g})
			prev[k] = g
		}
	}
}
