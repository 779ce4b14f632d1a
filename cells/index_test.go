package cells_test

import (
	"math/rand"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/cells"
)

// TestIndexChangeMatchesStatuses builds random histories and checks the
// change between random positions against each cell's statuses read one
// by one.
func TestIndexChangeMatchesStatuses(t *testing.T) {
	for _, maps := range []int32{60, 700} {
		testIndexChange(t, maps)
	}
}

// testIndexChange checks a build of the given number of maps (long
// enough for blocks of transitions to be read).
func testIndexChange(t *testing.T, maps int32) {
	rng := rand.New(rand.NewSource(int64(7 + maps)))
	b := &frontline.CellBuild{Layer: "x"}
	for i := int32(0); i < maps; i++ {
		b.SnapshotIDs = append(b.SnapshotIDs, int64(100+i))
	}
	var cs []frontline.Cell
	for id := int64(1); id <= 400; id++ {
		c := frontline.Cell{ID: id, Oblast: []string{"UA-14", "UA-63", "UA-65"}[rng.Intn(3)], AreaKm2: rng.Float64() * 10}
		for q := int32(rng.Intn(5)); q < maps; q += int32(1 + rng.Intn(int(maps)/3)) {
			c.History = append(c.History, frontline.CellStatus{Seq: q, Status: frontline.Statuses[rng.Intn(4)]})
		}
		cs = append(cs, c)
	}
	ix := cells.NewIndex(b, cs)
	for trial := 0; trial < 200; trial++ {
		a, z := rng.Int31n(maps), rng.Int31n(maps)
		total, byOblast := ix.Change(a, z)
		var want cells.Matrix
		wantOb := map[string]*cells.Matrix{}
		for _, c := range cs {
			sa, sb := ix.StatusOf(c.ID, a), ix.StatusOf(c.ID, z)
			if sa == sb {
				continue
			}
			i, j := cells.StatusIndex(sa), cells.StatusIndex(sb)
			want[i][j] += c.AreaKm2
			if wantOb[c.Oblast] == nil {
				wantOb[c.Oblast] = &cells.Matrix{}
			}
			wantOb[c.Oblast][i][j] += c.AreaKm2
		}
		if !near(total, want) {
			t.Fatalf("%d→%d: %v, want %v", a, z, total, want)
		}
		for k, ob := range ix.Oblasts {
			w := cells.Matrix{}
			if wantOb[ob] != nil {
				w = *wantOb[ob]
			}
			if !near(byOblast[k], w) {
				t.Fatalf("%d→%d %s: %v, want %v", a, z, ob, byOblast[k], w)
			}
		}
	}
	if _, ok := ix.Position(int64(100 + maps)); ok {
		t.Error("a map outside the build has a position")
	}
}

func near(a, b cells.Matrix) bool {
	for i := range a {
		for j := range a[i] {
			if d := a[i][j] - b[i][j]; d > 1e-9 || d < -1e-9 {
				return false
			}
		}
	}
	return true
}
