package geo

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/peterstace/simplefeatures/geom"
	"github.com/peterstace/simplefeatures/rtree"
)

// starPolygon is a random simple polygon: n vertices at increasing angles
// (one in each of n equal sectors, away from the sector edges) and random
// radii (degrees) around a centre.
func starPolygon(rng *rand.Rand, cx, cy, rMin, rMax float64, n int) [][2]float64 {
	ring := make([][2]float64, 0, n+1)
	for i := 0; i < n; i++ {
		a := (float64(i) + 0.1 + 0.8*rng.Float64()) / float64(n) * 2 * math.Pi
		r := rMin + rng.Float64()*(rMax-rMin)
		ring = append(ring, [2]float64{cx + r*math.Cos(a), cy + r*math.Sin(a)})
	}
	return append(ring, ring[0])
}

func polygonFromRing(r [][2]float64) geom.Polygon {
	flat := make([]float64, 0, 2*len(r))
	for _, p := range r {
		flat = append(flat, p[0], p[1])
	}
	return geom.NewPolygonXY(flat)
}

// For random valid polygons A and B, the geodesic areas of the overlay
// pieces add up: area(A∪B) = area(A∩B) + area(A−B) + area(B−A). The pieces
// come from simplefeatures' overlay; the union is also computed by Repair
// (which unions overlapping polygons) and must agree with the overlay's.
func TestAreaInclusionExclusion(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200; i++ {
		cx, cy := 30+rng.Float64()*10, 45+rng.Float64()*5
		ra := starPolygon(rng, cx, cy, 0.05, 0.3, 3+rng.IntN(60))
		rb := starPolygon(rng, cx+rng.Float64()*0.4-0.2, cy+rng.Float64()*0.4-0.2, 0.05, 0.3, 3+rng.IntN(60))
		a, b := polygonFromRing(ra).AsGeometry(), polygonFromRing(rb).AsGeometry()
		if err := a.Validate(); err != nil {
			t.Fatalf("case %d: A invalid: %v", i, err)
		}
		union, err1 := geom.Union(a, b)
		inter, err2 := geom.Intersection(a, b)
		aMinusB, err3 := geom.Difference(a, b)
		bMinusA, err4 := geom.Difference(b, a)
		if err := errorsJoin(err1, err2, err3, err4); err != nil {
			t.Fatalf("case %d: overlay: %v", i, err)
		}
		u := AreaM2(union)
		sum := AreaM2(inter) + AreaM2(aMinusB) + AreaM2(bMinusA)
		if r := relDiff(u, sum); r > 1e-9 {
			t.Errorf("case %d: area(A∪B) = %.3f, pieces sum to %.3f (rel %.2g)", i, u, sum, r)
		}
		// Note that area(A)+area(B) = area(A∪B)+area(A∩B) holds only to
		// ~1e-5 here: the overlay splits A's and B's edges where they
		// cross, at points of the straight lon/lat segment, which are off
		// the geodesic between the edge's ends (densify first where it
		// matters).

		repaired, _, err := Repair([][][][2]float64{{ra}, {rb}})
		if err != nil {
			t.Fatalf("case %d: Repair: %v", i, err)
		}
		if r := relDiff(AreaM2(repaired.AsGeometry()), u); r > 1e-9 {
			t.Errorf("case %d: Repair's union %.3f m², overlay's %.3f m² (rel %.2g)", i, AreaM2(repaired.AsGeometry()), u, r)
		}
	}
}

func errorsJoin(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// evenOddAreaReference computes the planar area enclosed an odd number of
// times by rings, independently of Repair: cut the plane into vertical slabs
// at every vertex and every crossing of two segments; inside a slab no
// segments cross, so sorting them by height and pairing them (first with
// second, third with fourth, …) gives the even-odd trapezoids.
func evenOddAreaReference(rings [][][2]float64) float64 {
	type seg struct{ x0, y0, x1, y1 float64 }
	var segs []seg
	var xs []float64
	for _, r := range rings {
		for i := 0; i+1 < len(r); i++ {
			a, b := r[i], r[i+1]
			xs = append(xs, a[0])
			if a[0] == b[0] {
				continue // vertical: no area
			}
			if a[0] > b[0] {
				a, b = b, a
			}
			segs = append(segs, seg{a[0], a[1], b[0], b[1]})
		}
	}
	for i := range segs {
		for j := i + 1; j < len(segs); j++ {
			p, q := segs[i], segs[j]
			// Solve p(s) = q(t) for the crossing's x.
			d := (p.x1-p.x0)*(q.y1-q.y0) - (p.y1-p.y0)*(q.x1-q.x0)
			if d == 0 {
				continue
			}
			s := ((q.x0-p.x0)*(q.y1-q.y0) - (q.y0-p.y0)*(q.x1-q.x0)) / d
			t := ((q.x0-p.x0)*(p.y1-p.y0) - (q.y0-p.y0)*(p.x1-p.x0)) / d
			if s > 0 && s < 1 && t > 0 && t < 1 {
				xs = append(xs, p.x0+s*(p.x1-p.x0))
			}
		}
	}
	slices.Sort(xs)
	xs = slices.Compact(xs)
	at := func(s seg, x float64) float64 { return s.y0 + (x-s.x0)*(s.y1-s.y0)/(s.x1-s.x0) }
	var area float64
	for k := 0; k+1 < len(xs); k++ {
		x0, x1 := xs[k], xs[k+1]
		xm := (x0 + x1) / 2
		type piece struct{ ym, y0, y1 float64 }
		var ps []piece
		for _, s := range segs {
			if s.x0 <= xm && xm < s.x1 {
				ps = append(ps, piece{at(s, xm), at(s, x0), at(s, x1)})
			}
		}
		slices.SortFunc(ps, func(a, b piece) int {
			switch {
			case a.ym < b.ym:
				return -1
			case a.ym > b.ym:
				return 1
			}
			return 0
		})
		for i := 0; i+1 < len(ps); i += 2 {
			area += ((ps[i+1].y0 - ps[i].y0) + (ps[i+1].y1 - ps[i].y1)) / 2 * (x1 - x0)
		}
	}
	return area
}

// Random self-intersecting rings (vertices in random order, several rings
// per polygon) are repaired to a valid geometry with exactly the even-odd
// area computed independently by slabs; several such polygons together are
// repaired to the union of their even-odd regions (simplefeatures overlay).
func TestRepairEvenOddProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 400; i++ {
		grid := i%3 == 0 // small grid: many collinear, overlapping and touching cases
		var in [][][][2]float64
		for range 1 + rng.IntN(2) {
			var rings [][][2]float64
			for range 1 + rng.IntN(3) {
				r := make([][2]float64, 3+rng.IntN(12))
				for j := range r {
					if grid {
						r[j] = [2]float64{36 + float64(rng.IntN(6))*0.25, 49 + float64(rng.IntN(6))*0.25}
					} else {
						r[j] = [2]float64{36 + rng.Float64(), 49 + rng.Float64()}
					}
				}
				rings = append(rings, append(r, r[0]))
			}
			in = append(in, rings)
		}
		got, _, err := Repair(in)
		if err != nil {
			t.Fatalf("case %d: Repair(%v): %v", i, in, err)
		}
		if err := got.Validate(); err != nil {
			t.Fatalf("case %d: invalid result: %v\nin %v\ngot %s", i, err, in, got.AsText())
		}
		if len(in) == 1 {
			want := evenOddAreaReference(in[0])
			if d := math.Abs(got.Area() - want); d > 1e-9*math.Max(want, 1e-3) {
				t.Errorf("case %d: planar area %.12f, slab reference %.12f\nin %v\ngot %s", i, got.Area(), want, in, got.AsText())
			}
			continue
		}
		// Union of the parts' even-odd regions, each repaired alone.
		var parts []geom.Geometry
		for _, p := range in {
			part, _, err := Repair([][][][2]float64{p})
			if err != nil {
				t.Fatal(err)
			}
			if r := relDiff(part.Area(), evenOddAreaReference(p)); r > 1e-9 && part.Area() > 1e-9 {
				t.Errorf("case %d: part area %.12f, reference %.12f", i, part.Area(), evenOddAreaReference(p))
			}
			parts = append(parts, part.AsGeometry())
		}
		want, err := geom.UnionMany(parts)
		if err != nil {
			t.Logf("case %d: reference union failed: %v", i, err)
			continue
		}
		if d := math.Abs(got.Area() - want.Area()); d > 1e-9*math.Max(want.Area(), 1e-3) {
			t.Errorf("case %d: union area %.12f, overlay %.12f\nin %v\ngot %s\nwant %s", i, got.Area(), want.Area(), in, got.AsText(), want.AsText())
		}
	}
}

// Snap rounding (Repair's fallback when noding rounded crossing points does
// not converge) yields rings that node in one pass without new points, and
// changes the even-odd area only by about the grid size times the length of
// the rings.
func TestSnapRound(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 300; i++ {
		var rings [][][2]float64
		var xys [][]geom.XY
		var length float64
		for range 1 + rng.IntN(3) {
			r := make([][2]float64, 3+rng.IntN(15))
			for j := range r {
				r[j] = [2]float64{36 + rng.Float64()*1e-6, 49 + rng.Float64()*1e-6}
			}
			r = append(r, r[0])
			for j := 0; j+1 < len(r); j++ {
				length += math.Hypot(r[j+1][0]-r[j][0], r[j+1][1]-r[j][1])
			}
			rings = append(rings, r)
			xys = append(xys, toXYs(r))
		}
		snapped := snapRound(xys, 9)
		for _, r := range snapped {
			for _, p := range r {
				if p.X != math.Round(p.X*1e9)/1e9 || p.Y != math.Round(p.Y*1e9)/1e9 {
					t.Fatalf("case %d: point %v off the grid", i, p)
				}
			}
		}
		noded, err := nodeRings(snapped, nil)
		if err != nil {
			t.Fatalf("case %d: noding snapped rings: %v", i, err)
		}
		grid := make(map[geom.XY]bool)
		for _, r := range snapped {
			for _, p := range r {
				grid[p] = true
			}
		}
		for _, r := range noded {
			for _, p := range r {
				if !grid[p] {
					t.Fatalf("case %d: noding created point %v", i, p)
				}
			}
		}
		polys, _, err := region(snapped, nil, evenOdd, nil, nil)
		if err != nil {
			t.Fatalf("case %d: region: %v", i, err)
		}
		var got float64
		for _, p := range polys {
			got += ringSignedArea(p[0]) / 2
			for _, h := range p[1:] {
				got += ringSignedArea(h) / 2
			}
		}
		want := evenOddAreaReference(rings)
		if d := math.Abs(got - want); d > 2e-9*length {
			t.Errorf("case %d: snapped area %.6g, exact %.6g (diff %.3g, bound %.3g)", i, got, want, d, 2e-9*length)
		}
	}
}

// overlapPairs reports exactly the overlapping pairs, on the sweep and
// (with long boxes exhausting its budget) on the R-tree fallback.
func TestOverlapPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, long := range []float64{0.01, 0.5, 2} {
		for range 20 {
			n := 1 + rng.IntN(300)
			boxes := make([]rtree.Box, n)
			for i := range boxes {
				x, y := rng.Float64(), rng.Float64()
				boxes[i] = rtree.Box{MinX: x, MinY: y, MaxX: x + rng.Float64()*long, MaxY: y + rng.Float64()*0.05}
				if rng.IntN(10) == 0 {
					boxes[i].MaxX = boxes[i].MinX // points and duplicates
				}
			}
			got := make(map[[2]int]int)
			overlapPairs(boxes, func(i, j int) {
				if i >= j {
					t.Fatalf("pair (%d, %d) not ordered", i, j)
				}
				got[[2]int{i, j}]++
			})
			for i := range boxes {
				for j := i + 1; j < n; j++ {
					a, b := boxes[i], boxes[j]
					want := a.MinX <= b.MaxX && b.MinX <= a.MaxX && a.MinY <= b.MaxY && b.MinY <= a.MaxY
					if c := got[[2]int{i, j}]; (c == 1) != want || c > 1 {
						t.Fatalf("long %v, n %d: pair (%d, %d) reported %d times, overlap %v", long, n, i, j, c, want)
					}
				}
			}
		}
	}
}

// byMinX orders boxes by their left edges, negative, zero and repeated
// ones included, on the radix sort as on the comparison sort.
func TestByMinX(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, n := range []int{0, 1, 7, 1023, 1024, 5000} {
		boxes := make([]rtree.Box, n)
		for i := range boxes {
			switch rng.IntN(5) {
			case 0:
				boxes[i].MinX = math.Copysign(0, float64(rng.IntN(2)*2-1))
			case 1:
				boxes[i].MinX = float64(rng.IntN(5) - 2)
			default:
				boxes[i].MinX = (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(12)-6))
			}
		}
		order := byMinX(boxes)
		if len(order) != n {
			t.Fatalf("n %d: %d indexes", n, len(order))
		}
		seen := make([]bool, n)
		for k, i := range order {
			if seen[i] {
				t.Fatalf("n %d: %d twice", n, i)
			}
			seen[i] = true
			if k > 0 && boxes[order[k-1]].MinX > boxes[i].MinX {
				t.Fatalf("n %d: %v before %v", n, boxes[order[k-1]].MinX, boxes[i].MinX)
			}
		}
	}
}

// With many components (400 squares, each with a hole holding an island)
// classify casts its rays through the strip index rather than against
// every edge: every hole goes to its own square, every island stands
// alone. The squares' rows share y ranges, so the strips hold many edges.
func TestRegionManyComponents(t *testing.T) {
	square := func(x, y, s float64, ccw bool) []geom.XY {
		r := []geom.XY{{X: x, Y: y}, {X: x + s, Y: y}, {X: x + s, Y: y + s}, {X: x, Y: y + s}, {X: x, Y: y}}
		if !ccw {
			reverse(r)
		}
		return r
	}
	var rings [][]geom.XY
	for i := 0; i < 20; i++ {
		for j := 0; j < 20; j++ {
			x, y := float64(i)*2, float64(j)*2+float64(i)*0.01
			rings = append(rings, square(x, y, 1, true), square(x+0.2, y+0.2, 0.6, false), square(x+0.4, y+0.4, 0.2, true))
		}
	}
	for _, rule := range []fillRule{evenOdd, nonZero} {
		rs := rings
		if rule == nonZero {
			// Each island twice, so the rings are not disjoint already.
			rs = nil
			for k, r := range rings {
				rs = append(rs, r)
				if k%3 == 2 {
					rs = append(rs, r)
				}
			}
		}
		polys, _, err := region(rs, nil, rule, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(polys) != 800 {
			t.Fatalf("rule %d: %d polygons, want 800", rule, len(polys))
		}
		for _, p := range polys {
			a := ringSignedArea(p[0]) / 2
			switch {
			case math.Abs(a-1) < 1e-9:
				if len(p) != 2 || math.Abs(ringSignedArea(p[1])/2+0.36) > 1e-9 || !pointInRing(p[1][0].Add(geom.XY{X: 0.01, Y: 0.01}), p[0]) {
					t.Fatalf("rule %d: a square with %d rings, not with its hole", rule, len(p))
				}
			case math.Abs(a-0.04) < 1e-9:
				if len(p) != 1 {
					t.Fatalf("rule %d: an island with %d holes", rule, len(p)-1)
				}
			default:
				t.Fatalf("rule %d: a polygon of area %v", rule, a)
			}
		}
	}
}
