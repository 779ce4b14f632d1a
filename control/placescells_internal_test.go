package control

import (
	"cmp"
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline"
)

// TestPlaceCellsForms checks that the stored forms of place histories and
// of the places located in each cell read back as written, and that a
// damaged form is refused (the places are then located again), never
// read wrongly.
func TestPlaceCellsForms(t *testing.T) {
	pc := &placeCells{pairs: 7,
		runStart:  []int32{0, 0, 2, 2, 5},
		runSeq:    []int32{3, 900, 0, 1, 70000},
		runStatus: []uint8{1, 0, 2, 3, 0}}
	b := encodePlaceRuns(pc)
	got, err := decodePlaceRuns(b, 4)
	if err != nil {
		t.Fatal(err)
	}
	if got.pairs != pc.pairs || !reflect.DeepEqual(got.runStart, pc.runStart) || !reflect.DeepEqual(got.runSeq, pc.runSeq) || !reflect.DeepEqual(got.runStatus, pc.runStatus) {
		t.Errorf("runs read back as %+v, want %+v", got, pc)
	}
	if _, err := decodePlaceRuns(b, 5); err == nil {
		t.Error("histories of 4 places read for 5")
	}
	lc := &locatedCells{id: []int64{5, 9, 9, 1 << 40}, area: []float64{0.5, 1e-9, 3, 12345.678}, start: []int32{0, 2, 2, 3, 4}, place: []int32{3, 0, 1, 2}}
	l := encodeLocated(lc)
	gotLC, err := decodeLocated(l, 4)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotLC, lc) {
		t.Errorf("located read back as %+v, want %+v", gotLC, lc)
	}
	if _, err := decodeLocated(l, 3); err == nil {
		t.Error("a place index out of range was read")
	}
	empty, err := decodeLocated(encodeLocated(nil), 4)
	if err != nil || len(empty.id) != 0 || len(empty.start) != 1 {
		t.Errorf("no cells: %+v, %v", empty, err)
	}
	for _, form := range [][]byte{b, l} {
		for cut := 0; cut < len(form); cut++ {
			if _, err := decodePlaceRuns(form[:cut], 4); err == nil && cut < len(b) && &form[0] == &b[0] {
				t.Errorf("runs cut at %d of %d bytes read", cut, len(form))
			}
			if _, err := decodeLocated(form[:cut], 4); err == nil && &form[0] == &l[0] {
				t.Errorf("located cut at %d of %d bytes read", cut, len(form))
			}
		}
		// Any byte changed: refused or read as something; never a panic.
		for i := range form {
			bad := append([]byte(nil), form...)
			bad[i] ^= 0xff
			decodePlaceRuns(bad, 4)
			decodeLocated(bad, 4)
		}
	}
}

// TestListRank checks that the places of a change listed by rank
// (cellSettlementChanges) come in the order the list's stable sort by
// population and name gives from index order: ties in population and name
// included.
func TestListRank(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	var places []frontline.Place
	for i := 0; i < 500; i++ {
		places = append(places, frontline.Place{ID: fmt.Sprint(i), Name: []string{"Avdiivka", "Bakhmut", "Izium", "Lyman"}[rng.Intn(4)], Population: rng.Intn(5) * 1000, PointSource: "test"})
	}
	pc := &placeCells{of: &placeStatus{ix: newPlaceIndex(places)}, runStart: make([]int32, len(places)+1)}
	for i := range places {
		pc.runStart[i] = int32(len(pc.runSeq))
		if rng.Intn(3) > 0 {
			pc.runSeq, pc.runStatus = append(pc.runSeq, 1), append(pc.runStatus, 1)
		}
	}
	pc.runStart[len(places)] = int32(len(pc.runSeq))
	var byIndex []int32
	for i := range places {
		if pc.runs(i) && rng.Intn(2) == 0 {
			byIndex = append(byIndex, int32(i))
		}
	}
	want := slices.Clone(byIndex)
	slices.SortStableFunc(want, func(x, y int32) int {
		p, q := places[x], places[y]
		if p.Population != q.Population {
			return cmp.Compare(q.Population, p.Population)
		}
		return strings.Compare(p.Name, q.Name)
	})
	rank := pc.listRank()
	got := slices.Clone(byIndex)
	slices.SortFunc(got, func(x, y int32) int { return cmp.Compare(rank[x], rank[y]) })
	if !reflect.DeepEqual(got, want) {
		t.Errorf("by rank %v\nwant %v", got, want)
	}
}
