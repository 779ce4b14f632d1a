package cells

import (
	"context"
	"fmt"
	"math/rand"
	"testing"

	"github.com/frontline-osint/frontline"
)

// flickerIndex is a build of maps maps with cells cells of random
// histories: most change status now and then, some flicker (a status for
// one map, then back), so that composed blocks leave them out.
func flickerIndex(maps int32, cells int, seed int64) *Index {
	rng := rand.New(rand.NewSource(seed))
	b := &frontline.CellBuild{Layer: "x"}
	for i := int32(0); i < maps; i++ {
		b.SnapshotIDs = append(b.SnapshotIDs, int64(100+i))
	}
	var cs []frontline.Cell
	for id := 1; id <= cells; id++ {
		c := frontline.Cell{ID: int64(2 * id), Oblast: []string{"UA-14", "UA-63", "UA-65"}[rng.Intn(3)], AreaKm2: rng.Float64() * 10}
		for q := int32(rng.Intn(9)); q < maps; q += int32(1 + rng.Intn(int(maps)/4+1)) {
			st := frontline.Statuses[rng.Intn(4)]
			c.History = append(c.History, frontline.CellStatus{Seq: q, Status: st})
			if rng.Intn(4) == 0 && q+1 < maps { // back the next map
				c.History = append(c.History, frontline.CellStatus{Seq: q + 1, Status: frontline.StatusUkraine})
				q++
			}
		}
		cs = append(cs, c)
	}
	return NewIndex(b, cs)
}

// TestCheckpointsMatchRuns checks a change summed from any two status
// vectors (not only the nearest) and the runs to its ends against the
// change summed from the runs between its ends, bit for bit, on every
// pair of a build's positions, for several spacings; and that each vector
// holds every cell's status at its position. A vector one cell wrong, or
// a run to an end read the wrong way, fails it.
func TestCheckpointsMatchRuns(t *testing.T) {
	for _, tc := range []struct {
		maps  int32
		cells int
		every int32
	}{{40, 300, 1}, {40, 300, 4}, {97, 333, 7}, {300, 257, 32}, {700, 400, 64}, {700, 65, 256}} {
		ix := flickerIndex(tc.maps, tc.cells, int64(tc.maps)+int64(tc.every))
		cp := buildCheckpoints(ix.Len(), tc.maps, tc.every, ix.row)
		for j, v := range cp.vec {
			p := cp.position(j)
			for i := 0; i < ix.Len(); i++ {
				want := uint8(ukraineIndex)
				if p >= 0 {
					want = ix.statusAt(i, p)
				}
				if got := uint8(v[i>>5]>>(2*(i&31))) & 3; got != want {
					t.Fatalf("%+v: vector %d (position %d), cell %d: status %d, want %d", tc, j, p, i, got, want)
				}
			}
		}
		sc := newChangeScratch(ix.Len())
		want := make([]Matrix, len(ix.Oblasts))
		got := make([]Matrix, len(ix.Oblasts))
		rng := rand.New(rand.NewSource(int64(tc.every)))
		m := len(cp.vec)
		step := 1 + tc.maps/50
		for a := int32(0); a < tc.maps; a += step {
			for b := int32(0); b < tc.maps; b++ {
				if a == b {
					continue
				}
				lo, hi := min(a, b), max(a, b)
				sc.begin()
				spans(lo, hi, func(level int, k int32) { sc.read(ix.row(level, k)) })
				for k := range want {
					want[k] = Matrix{}
				}
				total := sc.sum(a == lo, ix.areaKm2, ix.oblast, want)
				ja, jb := rng.Intn(m), rng.Intn(m)
				if b%5 == 0 { // the plan's choice
					var ok bool
					if ja, jb, ok = cp.plan(lo, hi, runCost(lo, hi, ix.rowLen), ix.rowLen); !ok {
						continue
					}
				}
				for k := range got {
					got[k] = Matrix{}
				}
				if g := cp.changeFrom(sc, lo, hi, ja, jb, a == lo, ix.row, ix.areaKm2, ix.oblast, got); g != total || !sameMatrices(got, want) {
					t.Fatalf("%+v, %d→%d from vectors %d and %d: %v, want %v", tc, a, b, ja, jb, g, total)
				}
			}
		}
	}
}

func sameMatrices(a, b []Matrix) bool {
	for k := range a {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// TestCheckpointsAnswerChanges checks that an index and stored
// transitions answer changes from their vectors once a second change is
// asked (and, for the stored rows, once every row is held), with the
// figures of an index without vectors to the last bit.
func TestCheckpointsAnswerChanges(t *testing.T) {
	ctx := context.Background()
	const maps = 700
	ix := flickerIndex(maps, 500, 11)
	plain := flickerIndex(maps, 500, 11)
	plain.CheckpointEvery = -1
	ix.CheckpointEvery = 16
	st := memStored(t, ix, 16)
	rng := rand.New(rand.NewSource(3))
	want := make([]Matrix, len(ix.Oblasts))
	fromIndex := make([]Matrix, len(ix.Oblasts))
	fromStored := make([]Matrix, len(ix.Oblasts))
	for i := 0; i < 400; i++ {
		a, b := int32(rng.Intn(maps)), int32(rng.Intn(maps))
		if i < 3 {
			a, b = 5, maps-3 // long: the vectors are cheaper
		}
		w := plain.ChangeInto(a, b, want)
		if g := ix.ChangeInto(a, b, fromIndex); g != w || !sameMatrices(fromIndex, want) {
			t.Fatalf("index, %d→%d: %v, want %v", a, b, g, w)
		}
		g, err := st.ChangeInto(ctx, a, b, fromStored)
		if err != nil {
			t.Fatal(err)
		}
		if g != w || !sameMatrices(fromStored, want) {
			t.Fatalf("stored, %d→%d: %v, want %v", a, b, g, w)
		}
	}
	if plain.ChangesFromCheckpoints() != 0 || plain.CheckpointBytes() != 0 {
		t.Error("an index without vectors answered from vectors")
	}
	if n := ix.ChangesFromCheckpoints(); n < 100 {
		t.Errorf("the index answered %d of 400 changes from its vectors", n)
	}
	if n := st.ChangesFromCheckpoints(); n < 100 {
		t.Errorf("the stored rows answered %d of 400 changes from their vectors", n)
	}
	if ix.CheckpointBytes() == 0 || st.CheckpointBytes() != ix.CheckpointBytes() {
		t.Errorf("vectors: index %d bytes, stored %d", ix.CheckpointBytes(), st.CheckpointBytes())
	}
}

// TestCheckpointsConcurrent asks changes of a fresh index and fresh
// stored rows from 8 goroutines at once (the vectors made, and every row
// read, while others ask), against an index without vectors; run it with
// -race.
func TestCheckpointsConcurrent(t *testing.T) {
	ctx := context.Background()
	const maps = 300
	plain := flickerIndex(maps, 300, 21)
	plain.CheckpointEvery = -1
	ix := flickerIndex(maps, 300, 21)
	ix.CheckpointEvery = 8
	st := memStored(t, ix, 8)
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		go func(seed int64) {
			rng := rand.New(rand.NewSource(seed))
			want := make([]Matrix, len(plain.Oblasts))
			got := make([]Matrix, len(plain.Oblasts))
			for i := 0; i < 200; i++ {
				a, b := int32(rng.Intn(maps)), int32(rng.Intn(maps))
				w := plain.ChangeInto(a, b, want)
				if g := ix.ChangeInto(a, b, got); g != w || !sameMatrices(got, want) {
					errs <- fmt.Errorf("index, %d→%d: %v, want %v", a, b, g, w)
					return
				}
				g, err := st.ChangeInto(ctx, a, b, got)
				if err != nil || g != w || !sameMatrices(got, want) {
					errs <- fmt.Errorf("stored, %d→%d: %v (%v), want %v", a, b, g, err, w)
					return
				}
			}
			errs <- nil
		}(int64(g))
	}
	for g := 0; g < 8; g++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if ix.ChangesFromCheckpoints() == 0 || st.ChangesFromCheckpoints() == 0 {
		t.Errorf("changes from vectors: index %d, stored %d", ix.ChangesFromCheckpoints(), st.ChangesFromCheckpoints())
	}
}

// memStored is ix's stored transitions read from memory, with status
// vectors every every maps.
func memStored(t *testing.T, ix *Index, every int32) *Stored {
	t.Helper()
	head, rows := ix.EncodeTransitions()
	mem := map[[2]int32][]byte{}
	for _, r := range rows {
		mem[[2]int32{int32(r.Level), r.K}] = r.Data
	}
	st, err := NewStored(ix.Build, head, func(_ context.Context, level int, lo, hi int32, f func(int32, []byte) error) error {
		for k := lo; k <= hi; k++ {
			if err := f(k, mem[[2]int32{int32(level), k}]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	st.CheckpointEvery = every
	return st
}
