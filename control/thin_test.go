package control

import (
	"testing"

	"github.com/frontline-osint/frontline/mapfile"
)

func TestThinRing(t *testing.T) {
	// A unit square drawn with 10 points per edge, a repeated vertex and
	// one vertex 1e-6° off its edge (about 10 cm: a real bend, kept).
	var ring mapfile.Ring
	corners := []mapfile.Point{{30, 50}, {31, 50}, {31, 51}, {30, 51}}
	for i, a := range corners {
		b := corners[(i+1)%4]
		for k := 0; k < 10; k++ {
			f := float64(k) / 10
			ring = append(ring, mapfile.Point{a[0] + (b[0]-a[0])*f, a[1] + (b[1]-a[1])*f})
		}
	}
	ring = append(ring[:3], append(mapfile.Ring{ring[2]}, ring[3:]...)...) // repeat
	ring[25][1] += 1e-6                                                    // on the top edge (y = 51): a bump of about 10 cm
	ring = append(ring, ring[0])
	got, dups := thinRing(ring)
	if dups != 1 {
		t.Errorf("%d repeated vertices, want 1", dups)
	}
	// The bump's neighbours stay too: the edges beside it are not straight.
	want := [][2]float64{{30, 50}, {31, 50}, {31, 51}, ring[24], ring[25], ring[26], {30, 51}, {30, 50}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("vertex %d: got %v, want %v (all: %v)", i, got[i], want[i], got)
		}
	}

	// Too few vertices left: the ring is copied whole for repair to judge.
	line := mapfile.Ring{{0, 0}, {1, 1}, {2, 2}, {3, 3}, {0, 0}}
	if got, dups := thinRing(line); len(got) != len(line) || dups != 0 {
		t.Errorf("degenerate ring thinned to %v", got)
	}
}
