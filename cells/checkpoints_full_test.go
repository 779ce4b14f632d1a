package cells_test

import (
	"context"
	"math"
	"math/rand"
	"os"
	"testing"

	"github.com/frontline-osint/frontline/cells"
	"github.com/frontline-osint/frontline/sqlite"
)

// TestCheckpointsOnStore checks, on a store with cells
// (FRONTLINE_CELLS_DB, a copy: the full archive; skipped when unset), a
// change between 200 random pairs of maps and the longest windows summed
// from the nearest status vectors (every 64 and 16 maps) against the sum
// from each cell's history (no transitions, blocks or vectors) to the
// last bit, the index's own answer (vectors where cheaper) likewise, and
// the sum in the order before the vectors (cells in the order first read)
// to 1e-12 relative.
func TestCheckpointsOnStore(t *testing.T) {
	path := os.Getenv("FRONTLINE_CELLS_DB")
	if path == "" {
		t.Skip("FRONTLINE_CELLS_DB not set")
	}
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ix, err := cells.Load(context.Background(), sqlite.NewSnapshotStore(db), "deepstate")
	if err != nil {
		t.Fatal(err)
	}
	n := int32(len(ix.Build.SnapshotIDs))
	rng := rand.New(rand.NewSource(7))
	pairs := [][2]int32{{0, n - 1}, {n - 1, 0}, {1, n - 2}, {24, 1150}}
	for len(pairs) < 204 {
		pairs = append(pairs, [2]int32{rng.Int31n(n), rng.Int31n(n)})
	}
	byIndex := make([]cells.Matrix, len(ix.Oblasts))
	worst := 0.0
	for _, every := range []int32{64, 16} {
		cp := cells.MakeCheckpointsEvery(ix, every)
		for _, pr := range pairs {
			want, wantOb := cells.ChangeFromHistories(ix, pr[0], pr[1])
			got, gotOb := cp.ChangeFromNearest(ix, pr[0], pr[1])
			if got != want || !sameOblasts(gotOb, wantOb) {
				t.Fatalf("every %d, %d→%d from vectors: %v, from histories %v", every, pr[0], pr[1], got, want)
			}
			if every == 64 {
				if got := ix.ChangeInto(pr[0], pr[1], byIndex); got != want || !sameOblasts(byIndex, wantOb) {
					t.Fatalf("%d→%d from the index: %v, from histories %v", pr[0], pr[1], got, want)
				}
				before, beforeOb := cells.ChangeFirstRead(ix, pr[0], pr[1])
				for k := -1; k < len(beforeOb); k++ {
					x, y := before, want
					if k >= 0 {
						x, y = beforeOb[k], wantOb[k]
					}
					for i := range x {
						for j := range x[i] {
							if x[i][j] == y[i][j] {
								continue
							}
							rel := math.Abs(x[i][j]-y[i][j]) / math.Max(math.Abs(x[i][j]), math.Abs(y[i][j]))
							worst = math.Max(worst, rel)
							if rel > 1e-12 {
								t.Errorf("%d→%d, oblast %d, %d→%d: %.17g before the vectors, %.17g now", pr[0], pr[1], k, i, j, x[i][j], y[i][j])
							}
						}
					}
				}
			}
		}
	}
	if ix.ChangesFromCheckpoints() == 0 {
		t.Error("the index answered no change from its vectors")
	}
	t.Logf("%d pairs of %d maps, %d cells: the same to the last bit; before the vectors, at most %.3g relative apart", len(pairs), n, ix.Len(), worst)
}

func sameOblasts(a, b []cells.Matrix) bool {
	for k := range a {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}
