package geo

import (
	"math"
	"testing"

	"github.com/peterstace/simplefeatures/geom"
)

// decodeFuzz turns bytes into Repair input. The first byte picks how points
// are spelled: 0 a coarse binary grid (0.25°: exact collinearity, overlaps
// and touches everywhere), 1 a decimal grid (0.01°: inexact in binary), 2
// two bytes per point at irregular steps. Then 0xFF starts a new ring and
// 0xFE a new polygon; any other byte is a point.
func decodeFuzz(data []byte) [][][][2]float64 {
	if len(data) == 0 {
		return nil
	}
	mode := data[0] % 3
	data = data[1:]
	if len(data) > 96 {
		data = data[:96]
	}
	polys := [][][][2]float64{{{}}}
	for i := 0; i < len(data); i++ {
		b := data[i]
		p := &polys[len(polys)-1]
		switch b {
		case 0xFF:
			*p = append(*p, nil)
			continue
		case 0xFE:
			polys = append(polys, [][][2]float64{{}})
			continue
		}
		var pt [2]float64
		switch mode {
		case 0:
			pt = [2]float64{36 + float64(b>>4)*0.25, 49 + float64(b&15)*0.25}
		case 1:
			pt = [2]float64{36 + float64(b>>4)*0.01, 49 + float64(b&15)*0.01}
		default:
			if i+1 >= len(data) {
				continue
			}
			i++
			pt = [2]float64{36 + float64(b)/37, 49 + float64(data[i])/41}
		}
		r := &(*p)[len(*p)-1]
		*r = append(*r, pt)
	}
	return polys
}

func FuzzRepair(f *testing.F) {
	for _, seed := range [][]byte{
		{0, 0x00, 0x44, 0x40, 0x04},                               // bow-tie
		{0, 0x00, 0x40, 0x44, 0x04, 0xFF, 0x11, 0x21, 0x22, 0x12}, // square with hole
		{0, 0x00, 0x40, 0x42, 0x72, 0x42, 0x44, 0x04},             // spike
		{0, 0x00, 0x22, 0x40, 0x44, 0x22, 0x04},                   // figure-eight
		{1, 0x00, 0x20, 0x22, 0x02, 0xFE, 0x11, 0x31, 0x33, 0x13}, // overlapping squares
		{1, 0x00, 0x40, 0x44, 0x04, 0xFF, 0x50, 0x60, 0x61, 0x51}, // hole outside
		{2, 10, 10, 200, 30, 20, 200, 180, 190, 5, 100},
		{0, 0x00, 0x40, 0x44, 0x04, 0xFF, 0x01, 0x02, 0x12, 0x11}, // hole on the shell
		{0, 0x00, 0x11, 0x22, 0x00},                               // zero area
		{0},
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in := decodeFuzz(data)
		got, rep, err := Repair(in)
		if err != nil {
			t.Fatalf("Repair(%v): %v", in, err)
		}
		if err := got.Validate(); err != nil {
			t.Fatalf("Repair(%v) invalid: %v\n%s", in, err, got.AsText())
		}
		if !oriented(got) {
			t.Fatalf("Repair(%v) not oriented: %s", in, got.AsText())
		}

		// The area is the even-odd area of each polygon, unioned; snap
		// rounding (the fallback) may move edges by 1e-9°.
		var perimeter float64
		for _, p := range in {
			for _, r := range p {
				for i := 0; i+1 < len(r); i++ {
					perimeter += math.Hypot(r[i+1][0]-r[i][0], r[i+1][1]-r[i][1])
				}
			}
		}
		tol := 1e-9*perimeter + 1e-12
		if len(in) == 1 {
			var rings [][][2]float64
			for _, r := range in[0] {
				if len(r) > 0 {
					rings = append(rings, append(r, r[0]))
				}
			}
			if want := evenOddAreaReference(rings); math.Abs(got.Area()-want) > tol+1e-9*want {
				t.Fatalf("Repair(%v): area %.12g, even-odd reference %.12g\n%s", in, got.Area(), want, got.AsText())
			}
		}

		// Repairing again changes nothing.
		again, rep2, err := Repair(rawPolygons(got.AsGeometry()))
		if err != nil || !rep2.Empty() || !geom.ExactEquals(got.AsGeometry(), again.AsGeometry()) {
			t.Fatalf("second Repair: %v, %q (first %q)\n%s\n%s", err, rep2, rep, got.AsText(), again.AsText())
		}
	})
}

// oriented reports whether shells run counter-clockwise and holes
// clockwise (decided exactly: simplefeatures' IsCCW uses a floating-point
// area, whose sign is noise for slivers of valid input).
func oriented(mp geom.MultiPolygon) bool {
	for _, p := range mp.Dump() {
		for i, seq := range p.Coordinates() {
			if o := loopOrientation(seqXYs(seq)); o != 0 && (o > 0) != (i == 0) {
				return false
			}
		}
	}
	return true
}
