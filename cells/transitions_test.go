package cells_test

import (
	"bytes"
	"cmp"
	"context"
	"math/rand"
	"slices"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/cells"
)

// storedRows is an in-memory store of rows (EncodeTransitions), counting
// the rows read.
type storedRows struct {
	rows map[[2]int32][]byte
	read int
}

func (s *storedRows) reader() cells.RowReader {
	return func(_ context.Context, level int, lo, hi int32, f func(int32, []byte) error) error {
		for k := lo; k <= hi; k++ {
			if data, ok := s.rows[[2]int32{int32(level), k}]; ok {
				s.read++
				if err := f(k, data); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// randomIndex is a build of the given number of maps with 400 cells of
// random histories.
func randomIndex(maps int32, seed int64) (*cells.Index, *rand.Rand) {
	rng := rand.New(rand.NewSource(seed))
	b := &frontline.CellBuild{Layer: "x"}
	for i := int32(0); i < maps; i++ {
		b.SnapshotIDs = append(b.SnapshotIDs, int64(100+i))
	}
	var cs []frontline.Cell
	for id := int64(1); id <= 400; id++ {
		c := frontline.Cell{ID: 3 * id, Oblast: []string{"UA-14", "UA-63", "UA-65"}[rng.Intn(3)], AreaKm2: rng.Float64() * 10}
		for q := int32(rng.Intn(5)); q < maps; q += int32(1 + rng.Intn(int(maps)/3)) {
			c.History = append(c.History, frontline.CellStatus{Seq: q, Status: frontline.Statuses[rng.Intn(4)]})
		}
		cs = append(cs, c)
	}
	return cells.NewIndex(b, cs), rng
}

// TestStoredMatchesIndex checks the change from stored transitions
// against the index's, bit for bit, between every pair of positions of
// builds of 60 and 700 maps (the latter reads blocks of 256 and 32), and
// that a change reads only the rows of its runs of maps.
func TestStoredMatchesIndex(t *testing.T) {
	ctx := context.Background()
	for _, maps := range []int32{60, 700} {
		ix, _ := randomIndex(maps, int64(maps))
		head, rows := ix.EncodeTransitions()
		mem := &storedRows{rows: map[[2]int32][]byte{}}
		for _, r := range rows {
			mem.rows[[2]int32{int32(r.Level), r.K}] = r.Data
		}
		for l := 0; l < cells.Levels; l++ {
			for k := int32(0); k < cells.RowCount(l, maps); k++ {
				if _, ok := mem.rows[[2]int32{int32(l), k}]; !ok {
					t.Fatalf("%d maps: row %d/%d not encoded", maps, l, k)
				}
			}
		}
		st, err := cells.NewStored(ix.Build, head, mem.reader())
		if err != nil {
			t.Fatal(err)
		}
		if p, ok := st.Position(100 + int64(maps) - 1); !ok || p != maps-1 {
			t.Fatalf("position of the last map: %d, %v", p, ok)
		}
		// The whole history once: the rows read are the single maps at
		// either end and the blocks in between, not every map.
		if _, err := st.ChangeInto(ctx, 0, maps-1, make([]cells.Matrix, len(st.Oblasts))); err != nil {
			t.Fatal(err)
		}
		if maps == 700 && mem.read > 2*31+2*7+2 {
			t.Errorf("the whole history read %d rows", mem.read)
		}
		byIndex := make([]cells.Matrix, len(ix.Oblasts))
		byStored := make([]cells.Matrix, len(st.Oblasts))
		for a := int32(0); a < maps; a += 1 + maps/60 {
			for b := int32(0); b < maps; b++ {
				want := ix.ChangeInto(a, b, byIndex)
				got, err := st.ChangeInto(ctx, a, b, byStored)
				if err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Fatalf("%d maps, %d→%d: %v, want %v", maps, a, b, got, want)
				}
				for k := range byIndex {
					if byStored[k] != byIndex[k] || st.Oblasts[k] != ix.Oblasts[k] {
						t.Fatalf("%d maps, %d→%d, %s: %v, want %v", maps, a, b, ix.Oblasts[k], byStored[k], byIndex[k])
					}
				}
			}
		}
	}
}

// TestStoredRefusesDamage checks that a cut or changed head, a row
// missing and a damaged row are refused (an error, never a panic or a
// wrong sum).
func TestStoredRefusesDamage(t *testing.T) {
	ctx := context.Background()
	ix, _ := randomIndex(80, 3)
	head, rows := ix.EncodeTransitions()
	if _, err := cells.NewStored(ix.Build, head[:len(head)-1], nil); err == nil {
		t.Error("a cut head was read")
	}
	short := *ix.Build
	short.SnapshotIDs = short.SnapshotIDs[:79]
	if _, err := cells.NewStored(&short, head, nil); err == nil {
		t.Error("a head of another build was read")
	}
	for _, damage := range []string{"missing", "cut", "cell out of range", "status out of range"} {
		mem := &storedRows{rows: map[[2]int32][]byte{}}
		for _, r := range rows {
			mem.rows[[2]int32{int32(r.Level), r.K}] = r.Data
		}
		key := [2]int32{0, 5}
		row := append([]byte(nil), mem.rows[key]...)
		if len(row) < 3 {
			t.Fatalf("row 0/5 holds no transition")
		}
		switch damage {
		case "missing":
			delete(mem.rows, key)
		case "cut":
			mem.rows[key] = row[:len(row)-1]
		case "cell out of range":
			mem.rows[key] = []byte{1, 0xff, 0xff, 0x03, 0x01}
		case "status out of range":
			row[len(row)-1] = 0x77
			mem.rows[key] = row
		}
		st, err := cells.NewStored(ix.Build, head, mem.reader())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.ChangeInto(ctx, 2, 9, make([]cells.Matrix, len(st.Oblasts))); err == nil {
			t.Errorf("%s row: no error", damage)
		}
	}
}

// TestStoredHoldsEveryRow checks that the second change missing rows
// reads every row once (no later change reads the store), and that with a
// bound on the rows held too small for them the sums stay the same and
// what is held stays under the bound.
func TestStoredHoldsEveryRow(t *testing.T) {
	ctx := context.Background()
	const maps = 700
	ix, rng := randomIndex(maps, 5)
	head, rows := ix.EncodeTransitions()
	mem := &storedRows{rows: map[[2]int32][]byte{}}
	for _, r := range rows {
		mem.rows[[2]int32{int32(r.Level), r.K}] = r.Data
	}
	for _, bound := range []int64{cells.DefaultMaxHeldBytes, 4 << 10} {
		mem.read = 0
		st, err := cells.NewStored(ix.Build, head, mem.reader())
		if err != nil {
			t.Fatal(err)
		}
		st.MaxHeldBytes = bound
		byIndex := make([]cells.Matrix, len(ix.Oblasts))
		byStored := make([]cells.Matrix, len(st.Oblasts))
		readAfterTwo := 0
		for i := 0; i < 200; i++ {
			a, b := int32(rng.Intn(maps)), int32(rng.Intn(maps))
			if i == 0 {
				a, b = 10, 20
			}
			if i == 1 {
				a, b = 300, 650
			}
			want := ix.ChangeInto(a, b, byIndex)
			got, err := st.ChangeInto(ctx, a, b, byStored)
			if err != nil {
				t.Fatal(err)
			}
			if got != want || !equalMatrices(byStored, byIndex) {
				t.Fatalf("bound %d, %d→%d: %v, want %v", bound, a, b, got, want)
			}
			if i == 1 {
				readAfterTwo = mem.read
			}
		}
		held, whole := st.HeldBytes()
		if bound == cells.DefaultMaxHeldBytes {
			if !whole || mem.read != readAfterTwo || readAfterTwo > len(rows)+10 {
				t.Errorf("every row held: %v; rows read after two changes %d, after 200 %d (%d rows)", whole, readAfterTwo, mem.read, len(rows))
			}
		} else if whole || held > bound {
			t.Errorf("bound %d: %d bytes held, every row: %v", bound, held, whole)
		}
	}
}

func equalMatrices(a, b []cells.Matrix) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// randomCells returns 300 cells with random histories over maps maps, IDs
// ascending from 3 in steps of 3.
func randomCells(rng *rand.Rand, maps int32) []frontline.Cell {
	var cs []frontline.Cell
	for id := int64(1); id <= 300; id++ {
		c := frontline.Cell{ID: 3 * id, Oblast: []string{"UA-14", "UA-63", "UA-65"}[rng.Intn(3)], AreaKm2: rng.Float64() * 10}
		for q := int32(rng.Intn(5)); q < maps; q += int32(1 + rng.Intn(int(maps)/3+1)) {
			c.History = append(c.History, frontline.CellStatus{Seq: q, Status: frontline.Statuses[rng.Intn(4)]})
		}
		cs = append(cs, c)
	}
	return cs
}

// applyRandomMap changes cells as applying the map at position k does: a
// status at k for some, splits of others (the part keeping the ID takes a
// smaller area; the new part, with a new ID, shares the history and may
// change at k), new ground (sometimes in an oblast new to the build). It
// returns every cell and the cells saved.
func applyRandomMap(rng *rand.Rand, cs []frontline.Cell, k int32, nextID *int64) (all, saved []frontline.Cell) {
	status := func() frontline.Status { return frontline.Statuses[rng.Intn(4)] }
	for i := range cs {
		c := &cs[i]
		switch rng.Intn(12) {
		case 0:
			c.History = append(append([]frontline.CellStatus{}, c.History...), frontline.CellStatus{Seq: k, Status: status()})
			saved = append(saved, *c)
		case 1:
			part := frontline.Cell{ID: *nextID, Oblast: c.Oblast, AreaKm2: c.AreaKm2 / 3, History: append([]frontline.CellStatus{}, c.History...)}
			*nextID += 1 + int64(rng.Intn(3))
			if rng.Intn(2) == 0 {
				part.History = append(part.History, frontline.CellStatus{Seq: k, Status: status()})
			}
			c.AreaKm2 -= part.AreaKm2
			saved = append(saved, *c, part)
			cs = append(cs, part)
		}
	}
	for n := rng.Intn(3); n > 0; n-- {
		ob := []string{"UA-14", "UA-09"}[rng.Intn(2)]
		c := frontline.Cell{ID: *nextID, Oblast: ob, AreaKm2: rng.Float64(), History: []frontline.CellStatus{{Seq: k, Status: status()}}}
		*nextID++
		saved = append(saved, c)
		cs = append(cs, c)
	}
	rng.Shuffle(len(saved), func(i, j int) { saved[i], saved[j] = saved[j], saved[i] })
	return cs, saved
}

// TestAppendTransitions checks that the stored transitions brought up to
// date with maps applied after their build (AppendTransitions) are those
// stored anew from the new build's index, byte for byte: head and every
// row, one map at a time and three at once, across the blocks' bounds.
func TestAppendTransitions(t *testing.T) {
	ctx := context.Background()
	for _, start := range []int32{30, 62, 250, 254} {
		for _, per := range []int{1, 3} {
			rng := rand.New(rand.NewSource(int64(start)*10 + int64(per)))
			cs := randomCells(rng, start)
			b := &frontline.CellBuild{Layer: "x"}
			for i := int32(0); i < start; i++ {
				b.SnapshotIDs = append(b.SnapshotIDs, int64(100+i))
			}
			head, rows := cells.NewIndex(b, cs).EncodeTransitions()
			mem := map[[2]int32][]byte{}
			for _, r := range rows {
				mem[[2]int32{int32(r.Level), r.K}] = r.Data
			}
			read := (&storedRows{rows: mem}).reader()
			nextID := int64(10_000)
			for k := start; k < start+6; k += int32(per) {
				var steps [][]frontline.Cell
				for q := k; q < k+int32(per); q++ {
					var saved []frontline.Cell
					cs, saved = applyRandomMap(rng, cs, q, &nextID)
					steps = append(steps, saved)
					b.SnapshotIDs = append(b.SnapshotIDs, int64(100+q))
				}
				newHead, changed, err := cells.AppendTransitions(ctx, head, read, k, steps)
				if err != nil {
					t.Fatalf("maps %d→%d: %v", k, k+int32(per), err)
				}
				sorted := slices.Clone(cs)
				slices.SortFunc(sorted, func(a, b frontline.Cell) int { return cmp.Compare(a.ID, b.ID) })
				wantHead, wantRows := cells.NewIndex(b, sorted).EncodeTransitions()
				if !bytes.Equal(newHead, wantHead) {
					t.Fatalf("maps %d→%d: head differs from the one stored anew", k, k+int32(per))
				}
				for _, r := range changed {
					mem[[2]int32{int32(r.Level), r.K}] = r.Data
				}
				for _, r := range wantRows {
					if got := mem[[2]int32{int32(r.Level), r.K}]; !bytes.Equal(got, r.Data) {
						t.Fatalf("maps %d→%d: row %d/%d is %v, want %v", k, k+int32(per), r.Level, r.K, got, r.Data)
					}
				}
				if len(mem) != len(wantRows) {
					t.Fatalf("maps %d→%d: %d rows, want %d", k, k+int32(per), len(mem), len(wantRows))
				}
				head = newHead
			}
		}
	}
}

// TestAppendTransitionsRefuses checks that what cannot be appended is
// refused: a format-1 head (no IDs), a new cell with an ID below the
// others', a cell that changed oblast.
func TestAppendTransitionsRefuses(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewSource(4))
	cs := randomCells(rng, 40)
	b := &frontline.CellBuild{Layer: "x"}
	for i := int32(0); i < 40; i++ {
		b.SnapshotIDs = append(b.SnapshotIDs, int64(100+i))
	}
	head, rows := cells.NewIndex(b, cs).EncodeTransitions()
	mem := &storedRows{rows: map[[2]int32][]byte{}}
	for _, r := range rows {
		mem.rows[[2]int32{int32(r.Level), r.K}] = r.Data
	}
	low := frontline.Cell{ID: 4, Oblast: "UA-14", AreaKm2: 1, History: []frontline.CellStatus{{Seq: 40, Status: frontline.StatusRussia}}}
	moved := cs[5]
	moved.Oblast = "UA-09"
	for what, saved := range map[string][]frontline.Cell{"a new cell's ID below the others'": {low}, "a cell in another oblast": {moved}} {
		if _, _, err := cells.AppendTransitions(ctx, head, mem.reader(), 40, [][]frontline.Cell{saved}); err == nil {
			t.Errorf("%s: appended", what)
		}
	}
	if _, _, err := cells.AppendTransitions(ctx, head, mem.reader(), 39, [][]frontline.Cell{nil}); err == nil {
		t.Error("a head of another build: appended")
	}
	h1 := cells.FormatOneHead(head)
	if _, _, err := cells.AppendTransitions(ctx, h1, mem.reader(), 40, [][]frontline.Cell{nil}); err == nil {
		t.Error("a format-1 head: appended")
	}
	if _, err := cells.NewStored(b, h1, mem.reader()); err != nil {
		t.Errorf("a format-1 head not read for changes: %v", err)
	}
}
