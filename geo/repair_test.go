package geo

import (
	"errors"
	"math"
	"testing"

	"github.com/peterstace/simplefeatures/geom"
)

// Hand-made rings live on a grid of 0.01° units near Izium.
const (
	gridLon0 = 36.0
	gridLat0 = 49.0
	gridUnit = 0.01
)

// ring makes a ring from grid points given as x, y pairs.
func ring(xy ...float64) [][2]float64 {
	r := make([][2]float64, 0, len(xy)/2)
	for i := 0; i+1 < len(xy); i += 2 {
		r = append(r, [2]float64{gridLon0 + xy[i]*gridUnit, gridLat0 + xy[i+1]*gridUnit})
	}
	return r
}

func poly(rings ...[][2]float64) [][][2]float64 { return rings }

// square is the counter-clockwise ring of an axis-aligned grid square.
func square(x0, y0, x1, y1 float64) [][2]float64 {
	return ring(x0, y0, x1, y0, x1, y1, x0, y1, x0, y0)
}

// wantGeom builds the expected result from (valid) grid polygons.
func wantGeom(polys ...[][][2]float64) geom.MultiPolygon {
	ps := make([]geom.Polygon, len(polys))
	for i, p := range polys {
		ls := make([]geom.LineString, len(p))
		for j, r := range p {
			flat := make([]float64, 0, 2*len(r))
			for _, pt := range r {
				flat = append(flat, pt[0], pt[1])
			}
			ls[j] = geom.NewLineString(geom.NewSequence(flat, geom.DimXY))
		}
		ps[i] = geom.NewPolygon(ls)
	}
	return geom.NewMultiPolygon(ps)
}

func TestRepairTable(t *testing.T) {
	tests := []struct {
		name   string
		in     [][][][2]float64
		want   geom.MultiPolygon
		report RepairReport
	}{
		{
			name: "valid square",
			in:   [][][][2]float64{poly(square(0, 0, 4, 4))},
			want: wantGeom(poly(square(0, 0, 4, 4))),
		},
		{
			name:   "unclosed ring",
			in:     [][][][2]float64{poly(ring(0, 0, 4, 0, 4, 4, 0, 4))},
			want:   wantGeom(poly(square(0, 0, 4, 4))),
			report: RepairReport{ClosedRings: 1},
		},
		{
			name:   "duplicate points",
			in:     [][][][2]float64{poly(ring(0, 0, 0, 0, 4, 0, 4, 4, 4, 4, 4, 4, 0, 4, 0, 0, 0, 0))},
			want:   wantGeom(poly(square(0, 0, 4, 4))),
			report: RepairReport{DuplicatePoints: 4},
		},
		{
			name:   "unclosed with duplicates",
			in:     [][][][2]float64{poly(ring(0, 0, 4, 0, 4, 0, 4, 4, 0, 4, 0, 4))},
			want:   wantGeom(poly(square(0, 0, 4, 4))),
			report: RepairReport{ClosedRings: 1, DuplicatePoints: 2},
		},
		{
			name:   "clockwise shell",
			in:     [][][][2]float64{poly(ring(0, 0, 0, 4, 4, 4, 4, 0, 0, 0))},
			want:   wantGeom(poly(square(0, 0, 4, 4))),
			report: RepairReport{Reoriented: 1},
		},
		{
			name:   "counter-clockwise hole",
			in:     [][][][2]float64{poly(square(0, 0, 4, 4), square(1, 1, 2, 2))},
			want:   wantGeom(poly(square(0, 0, 4, 4), ring(1, 1, 1, 2, 2, 2, 2, 1, 1, 1))),
			report: RepairReport{Reoriented: 1},
		},
		{
			name: "bow-tie keeps both lobes",
			in:   [][][][2]float64{poly(ring(0, 0, 4, 4, 4, 0, 0, 4, 0, 0))},
			want: wantGeom(
				poly(ring(0, 0, 2, 2, 0, 4, 0, 0)),
				poly(ring(2, 2, 4, 0, 4, 4, 2, 2)),
			),
			report: RepairReport{SelfIntersections: 1},
		},
		{
			name: "figure-eight touching itself",
			in:   [][][][2]float64{poly(ring(0, 0, 2, 2, 4, 0, 4, 4, 2, 2, 0, 4, 0, 0))},
			want: wantGeom(
				poly(ring(0, 0, 2, 2, 0, 4, 0, 0)),
				poly(ring(2, 2, 4, 0, 4, 4, 2, 2)),
			),
			report: RepairReport{SelfIntersections: 1},
		},
		{
			name: "twisted loop leaves a hole",
			// The small triangle is enclosed twice.
			in: [][][][2]float64{poly(ring(0, 0, 0, 4, 4, 2, 2, 2, 6, 4, 6, 0, 0, 0))},
			want: wantGeom(
				poly(ring(0, 0, 6, 0, 6, 4, 3, 2.5, 0, 4, 0, 0), ring(3, 2.5, 4, 2, 2, 2, 3, 2.5)),
			),
			report: RepairReport{SelfIntersections: 1},
		},
		{
			name:   "spike outward",
			in:     [][][][2]float64{poly(ring(0, 0, 4, 0, 4, 2, 7, 2, 4, 2, 4, 4, 0, 4, 0, 0))},
			want:   wantGeom(poly(square(0, 0, 4, 4))),
			report: RepairReport{SelfIntersections: 1},
		},
		{
			name:   "spike inward",
			in:     [][][][2]float64{poly(ring(0, 0, 4, 0, 4, 2, 2, 2, 4, 2, 4, 4, 0, 4, 0, 0))},
			want:   wantGeom(poly(square(0, 0, 4, 4))),
			report: RepairReport{SelfIntersections: 1},
		},
		{
			name:   "zero-area ring",
			in:     [][][][2]float64{poly(ring(0, 0, 2, 2, 4, 4, 0, 0))},
			want:   wantGeom(),
			report: RepairReport{DroppedDegenerateRings: 1},
		},
		{
			name:   "two-point and empty rings",
			in:     [][][][2]float64{poly(ring(0, 0, 1, 1)), poly(nil), poly(ring(1, 1, 1, 1, 1, 1))},
			want:   wantGeom(),
			report: RepairReport{DroppedDegenerateRings: 3},
		},
		{
			name:   "degenerate hole",
			in:     [][][][2]float64{poly(square(0, 0, 4, 4), ring(1, 1, 2, 2, 1, 1))},
			want:   wantGeom(poly(square(0, 0, 4, 4))),
			report: RepairReport{DroppedDegenerateRings: 1},
		},
		{
			name: "hole outside shell becomes an island",
			in:   [][][][2]float64{poly(square(0, 0, 4, 4), ring(5, 0, 5, 1, 6, 1, 6, 0, 5, 0))},
			want: wantGeom(
				poly(square(0, 0, 4, 4)),
				poly(square(5, 0, 6, 1)),
			),
			report: RepairReport{MisplacedHoles: 1},
		},
		{
			name: "hole touching shell at one point is valid",
			in:   [][][][2]float64{poly(square(0, 0, 4, 4), ring(0, 2, 1, 3, 1, 1, 0, 2))},
			want: wantGeom(poly(square(0, 0, 4, 4), ring(0, 2, 1, 3, 1, 1, 0, 2))),
		},
		{
			name:   "hole sharing an edge with its shell",
			in:     [][][][2]float64{poly(square(0, 0, 4, 4), ring(0, 1, 0, 2, 1, 2, 1, 1, 0, 1))},
			want:   wantGeom(poly(ring(0, 0, 4, 0, 4, 4, 0, 4, 0, 2, 1, 2, 1, 1, 0, 1, 0, 0))),
			report: RepairReport{MisplacedHoles: 1},
		},
		{
			name: "hole crossing its shell",
			in:   [][][][2]float64{poly(square(0, 0, 4, 4), ring(3, 1, 3, 2, 5, 2, 5, 1, 3, 1))},
			want: wantGeom(
				poly(ring(0, 0, 4, 0, 4, 1, 3, 1, 3, 2, 4, 2, 4, 4, 0, 4, 0, 0)),
				poly(square(4, 1, 5, 2)),
			),
			report: RepairReport{MisplacedHoles: 1},
		},
		{
			name: "hole inside a hole becomes an island",
			in:   [][][][2]float64{poly(square(0, 0, 6, 6), ring(1, 1, 1, 5, 5, 5, 5, 1, 1, 1), ring(2, 2, 2, 4, 4, 4, 4, 2, 2, 2))},
			want: wantGeom(
				poly(square(0, 0, 6, 6), ring(1, 1, 1, 5, 5, 5, 5, 1, 1, 1)),
				poly(square(2, 2, 4, 4)),
			),
			report: RepairReport{MisplacedHoles: 1},
		},
		{
			name: "holes cutting the interior in two",
			// Two holes, each touching the shell once and each other once.
			in: [][][][2]float64{poly(square(0, 0, 4, 4), ring(0, 2, 2, 3, 2, 2, 0, 2), ring(2, 2, 3, 1, 4, 2, 2, 2))},
			want: wantGeom(
				poly(ring(0, 0, 4, 0, 4, 2, 3, 1, 2, 2, 0, 2, 0, 0)),
				poly(ring(0, 2, 2, 3, 2, 2, 4, 2, 4, 4, 0, 4, 0, 2)),
			),
			report: RepairReport{MisplacedHoles: 1},
		},
		{
			name:   "ring touching itself around a hole",
			in:     [][][][2]float64{poly(ring(0, 0, 4, 0, 4, 4, 0, 4, 0, 2, 2, 3, 3, 2, 2, 1, 0, 2, 0, 0))},
			want:   wantGeom(poly(square(0, 0, 4, 4), ring(0, 2, 2, 3, 3, 2, 2, 1, 0, 2))),
			report: RepairReport{SelfIntersections: 1},
		},
		{
			name:   "overlapping polygons are unioned",
			in:     [][][][2]float64{poly(square(0, 0, 2, 2)), poly(square(1, 1, 3, 3))},
			want:   wantGeom(poly(ring(0, 0, 2, 0, 2, 1, 3, 1, 3, 3, 1, 3, 1, 2, 0, 2, 0, 0))),
			report: RepairReport{MergedOverlaps: 1},
		},
		{
			name: "polygons sharing an edge are unioned",
			in:   [][][][2]float64{poly(square(0, 0, 2, 2)), poly(square(2, 0, 4, 2))},
			// Input vertices are kept: (2 0) and (2 2) stay on the edges.
			want:   wantGeom(poly(ring(0, 0, 2, 0, 4, 0, 4, 2, 2, 2, 0, 2, 0, 0))),
			report: RepairReport{MergedOverlaps: 1},
		},
		{
			name:   "polygon inside another",
			in:     [][][][2]float64{poly(square(0, 0, 4, 4)), poly(square(1, 1, 2, 2)), poly(square(5, 5, 6, 6))},
			want:   wantGeom(poly(square(0, 0, 4, 4)), poly(square(5, 5, 6, 6))),
			report: RepairReport{MergedOverlaps: 1},
		},
		{
			name: "polygons touching at a point stay apart",
			in:   [][][][2]float64{poly(square(0, 0, 1, 1)), poly(square(1, 1, 2, 2))},
			want: wantGeom(poly(square(0, 0, 1, 1)), poly(square(1, 1, 2, 2))),
		},
		{
			name: "island in a hole stays apart",
			in:   [][][][2]float64{poly(square(0, 0, 6, 6), ring(1, 1, 1, 5, 5, 5, 5, 1, 1, 1)), poly(square(2, 2, 4, 4))},
			want: wantGeom(poly(square(0, 0, 6, 6), ring(1, 1, 1, 5, 5, 5, 5, 1, 1, 1)), poly(square(2, 2, 4, 4))),
		},
		{
			name: "bow-tie overlapping another polygon",
			in:   [][][][2]float64{poly(ring(0, 0, 4, 4, 4, 0, 0, 4, 0, 0)), poly(square(3, 0, 6, 4))},
			want: wantGeom(
				poly(ring(0, 0, 2, 2, 0, 4, 0, 0)),
				poly(ring(2, 2, 3, 1, 3, 0, 4, 0, 6, 0, 6, 4, 4, 4, 3, 4, 3, 3, 2, 2)),
			),
			report: RepairReport{SelfIntersections: 1, MergedOverlaps: 1},
		},
		{
			name:   "degenerate shell leaves its hole as an island",
			in:     [][][][2]float64{poly(ring(0, 0, 5, 5, 0, 0), square(1, 1, 2, 2))},
			want:   wantGeom(poly(square(1, 1, 2, 2))),
			report: RepairReport{DroppedDegenerateRings: 1, MisplacedHoles: 1},
		},
		{
			name: "empty input",
			want: wantGeom(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rep, err := Repair(tt.in)
			if err != nil {
				t.Fatalf("Repair: %v", err)
			}
			if err := got.Validate(); err != nil {
				t.Fatalf("result invalid: %v\n%s", err, got.AsText())
			}
			if rep != tt.report {
				t.Errorf("report %+v (%q), want %+v", rep, rep, tt.report)
			}
			if err := tt.want.Validate(); err != nil {
				t.Fatalf("bad test: want invalid: %v", err)
			}
			gotA, wantA := AreaM2(got.AsGeometry()), AreaM2(tt.want.AsGeometry())
			if relDiff(gotA, wantA) > 1e-9 {
				t.Errorf("area %.3f m², want %.3f m²", gotA, wantA)
			}
			if got.NumPolygons() != tt.want.NumPolygons() {
				t.Errorf("%d polygons, want %d:\n got %s\nwant %s", got.NumPolygons(), tt.want.NumPolygons(), got.AsText(), tt.want.AsText())
			}
			if !sameRegion(t, got, tt.want) {
				t.Errorf("different region:\n got %s\nwant %s", got.AsText(), tt.want.AsText())
			}
			if !got.IsCCW() {
				t.Errorf("shells not counter-clockwise or holes not clockwise: %s", got.AsText())
			}
		})
	}
}

// sameRegion reports whether a and b cover the same points (their symmetric
// difference has no area).
func sameRegion(t *testing.T, a, b geom.MultiPolygon) bool {
	t.Helper()
	if a.IsEmpty() || b.IsEmpty() {
		return a.IsEmpty() == b.IsEmpty()
	}
	d, err := geom.SymmetricDifference(a.AsGeometry(), b.AsGeometry())
	if err != nil {
		t.Fatalf("symmetric difference: %v", err)
	}
	return d.Area() <= 1e-12*math.Max(a.Area(), b.Area())
}

func TestRepairIdempotent(t *testing.T) {
	in := [][][][2]float64{
		poly(ring(0, 0, 4, 4, 4, 0, 0, 4)),
		poly(square(3, 0, 6, 4), square(4, 1, 5, 2)),
		poly(square(0, 0, 6, 6), ring(5, 5, 5, 7, 7, 7, 7, 5, 5, 5)),
	}
	first, rep, err := Repair(in)
	if err != nil || rep.Empty() {
		t.Fatalf("Repair: %v, report %q", err, rep)
	}
	second, rep2, err := Repair(rawPolygons(first.AsGeometry()))
	if err != nil {
		t.Fatal(err)
	}
	if !rep2.Empty() {
		t.Errorf("repairing a repaired geometry changed it: %q", rep2)
	}
	if !geom.ExactEquals(first.AsGeometry(), second.AsGeometry()) {
		t.Errorf("second repair differs:\n%s\n%s", first.AsText(), second.AsText())
	}
}

func TestRepairErrors(t *testing.T) {
	for _, c := range [][2]float64{
		{math.NaN(), 49}, {36, math.NaN()}, {math.Inf(1), 49}, {36, math.Inf(-1)}, {36, 90.5}, {361, 49},
	} {
		in := [][][][2]float64{{{{36, 49}, {37, 49}, c, {36, 50}}}}
		if _, _, err := Repair(in); !errors.Is(err, ErrCoordinate) {
			t.Errorf("Repair with %v: error %v, want ErrCoordinate", c, err)
		}
	}
	// Poles and the antimeridian are fine.
	in := [][][][2]float64{{{{179, 89}, {181, 89}, {181, 90}, {179, 90}}}}
	if _, _, err := Repair(in); err != nil {
		t.Errorf("Repair near the pole: %v", err)
	}
}

func TestRepairReport(t *testing.T) {
	r := RepairReport{ClosedRings: 1, DuplicatePoints: 4, SelfIntersections: 1}
	if got, want := r.String(), "closed 1 ring, removed 4 duplicate points, split 1 self-intersecting ring"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if r.Empty() || !(RepairReport{}).Empty() || (RepairReport{}).String() != "" {
		t.Error("Empty/String wrong for the empty report")
	}
	r.Add(RepairReport{ClosedRings: 2, DroppedDegenerateRings: 1, MisplacedHoles: 2, Reoriented: 3, MergedOverlaps: 1})
	want := "closed 3 rings, removed 4 duplicate points, dropped 1 degenerate ring, split 1 self-intersecting ring, " +
		"fixed 2 misplaced holes, reoriented 3 rings, merged 1 overlapping polygon"
	if got := r.String(); got != want {
		t.Errorf("after Add: %q, want %q", got, want)
	}
}

func TestValidAndClean(t *testing.T) {
	bow := geom.NewPolygonXY([]float64{0, 0, 1, 1, 1, 0, 0, 1, 0, 0})
	if Valid(bow.AsGeometry()) == nil {
		t.Error("Valid accepted a bow-tie")
	}
	sq := geom.NewPolygonXY([]float64{0, 0, 1, 0, 1, 1, 0, 1, 0, 0})
	if err := Valid(sq.AsGeometry()); err != nil {
		t.Errorf("Valid rejected a square: %v", err)
	}
	mp := geom.NewMultiPolygon([]geom.Polygon{sq, {}, geom.NewPolygonXY([]float64{2, 2, 3, 3, 4, 4, 2, 2})})
	if got := Clean(mp); got.NumPolygons() != 1 || !geom.ExactEquals(got.PolygonN(0).AsGeometry(), sq.AsGeometry()) {
		t.Errorf("Clean = %s", got.AsText())
	}
	clean := geom.NewMultiPolygon([]geom.Polygon{sq})
	if got := Clean(clean); got.NumPolygons() != 1 {
		t.Errorf("Clean dropped a real polygon: %s", got.AsText())
	}
}

// Found by the property test: each polygon is repaired with ordinary noding,
// but their union does not node: the two repaired boundaries run along the
// same grid lines with crossing points rounded slightly off them, and every
// pass of re-noding makes new crossings. Repair then snap-rounds to the
// 1e-9° grid.
func TestRepairSnapRoundingFallback(t *testing.T) {
	in := [][][][2]float64{
		{
			{{37, 50}, {37.25, 49.5}, {36.75, 50}, {36.25, 50}, {37.25, 49.25}, {36.5, 50}, {36, 49.25}, {36.75, 49.25}, {36.5, 49}, {37, 50}},
			{{36, 50.25}, {36, 49}, {36.25, 50}, {37, 49}, {37, 50}, {36.5, 49}, {37, 50}, {36.5, 49.75}, {36.75, 49}, {36, 49.75}, {36, 50.25}},
			{{36.5, 50}, {36.5, 49.5}, {36.25, 49.5}, {36.25, 50.25}, {36.5, 49}, {37.25, 49.75}, {36.75, 50}, {37, 49.25}, {36, 49.5}, {36.25, 49}, {36.5, 50}},
		},
		{
			{{36.5, 50}, {37.25, 49.75}, {36.75, 50.25}, {36.5, 50}},
			{{36, 49}, {36.5, 49}, {36, 49}, {36.25, 50}, {37.25, 49}, {36.25, 49.75}, {36.5, 49.5}, {37, 50.25}, {36, 49}},
		},
	}
	var parts []geom.Geometry
	var rings [][]geom.XY
	for _, p := range in {
		mp, _, err := Repair([][][][2]float64{p})
		if err != nil {
			t.Fatal(err)
		}
		if r := relDiff(mp.Area(), evenOddAreaReference(p)); r > 1e-12 {
			t.Errorf("part area %.12f, even-odd reference %.12f", mp.Area(), evenOddAreaReference(p))
		}
		parts = append(parts, mp.AsGeometry())
		for _, q := range mp.Dump() {
			for _, seq := range q.Coordinates() {
				rings = append(rings, seqXYs(seq))
			}
		}
	}
	if _, err := nodeRings(rings, nil); !errors.Is(err, errNoding) {
		t.Logf("the union noded without snap rounding (%v): the test no longer covers the fallback", err)
	}
	got, rep, err := Repair(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
	want, err := geom.UnionMany(parts)
	if err != nil {
		t.Fatal(err)
	}
	if d := math.Abs(got.Area() - want.Area()); d > 1e-7 {
		t.Errorf("area %.12f, union of the parts %.12f (%s)", got.Area(), want.Area(), rep)
	}
}
