package geo_test

import (
	"math"
	"testing"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline/geo"
)

func mercY(lat float64) float64 {
	return math.Log(math.Tan(math.Pi/4+lat*math.Pi/360)) * 180 / math.Pi
}

// wiggle is a closed ring around (lon, lat) of radius r degrees with n
// vertices and a small wobble.
func wiggle(lon, lat, r float64, n int) []float64 {
	var xy []float64
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n)
		rr := r * (1 + 0.01*math.Sin(37*a))
		xy = append(xy, lon+rr*math.Cos(a), lat+rr*math.Sin(a))
	}
	return append(xy, xy[0], xy[1])
}

func ringXYs(mp geom.MultiPolygon) [][]float64 {
	var out [][]float64
	for i := 0; i < mp.NumPolygons(); i++ {
		p := mp.PolygonN(i)
		for r := 0; r <= p.NumInteriorRings(); r++ {
			ls := p.ExteriorRing()
			if r > 0 {
				ls = p.InteriorRingN(r - 1)
			}
			seq := ls.Coordinates()
			var xy []float64
			for k := 0; k < seq.Length(); k++ {
				c := seq.GetXY(k)
				xy = append(xy, c.X, c.Y)
			}
			out = append(out, xy)
		}
	}
	return out
}

// distToRing is the Web Mercator distance from (x, y) to a closed ring.
func distToRing(x, y float64, ring []float64) float64 {
	best := math.Inf(1)
	py := mercY(y)
	for i := 0; i+3 < len(ring); i += 2 {
		ax, ay, bx, by := ring[i], mercY(ring[i+1]), ring[i+2], mercY(ring[i+3])
		dx, dy := bx-ax, by-ay
		t := 0.0
		if l2 := dx*dx + dy*dy; l2 > 0 {
			t = math.Max(0, math.Min(1, ((x-ax)*dx+(py-ay)*dy)/l2))
		}
		best = math.Min(best, math.Hypot(ax+t*dx-x, ay+t*dy-py))
	}
	return best
}

func TestSimplifyWithinTolerance(t *testing.T) {
	ring := wiggle(36, 49.5, 0.5, 4000)
	mp := geom.NewMultiPolygon([]geom.Polygon{geom.NewPolygonXY(ring)})
	for _, zoom := range []int{4, 6, 8, 10} {
		tol := geo.ToleranceAtZoom(zoom)
		out := geo.Simplify([]geom.MultiPolygon{mp}, tol, 0)[0]
		rs := ringXYs(out)
		if len(rs) != 1 {
			t.Fatalf("zoom %d: %d rings", zoom, len(rs))
		}
		if n := len(rs[0]) / 2; n >= 4000 || n < 4 {
			t.Errorf("zoom %d: %d vertices from 4000", zoom, n)
		}
		for i := 0; i+1 < len(ring); i += 2 {
			if d := distToRing(ring[i], ring[i+1], rs[0]); d > tol*1.000001 {
				t.Fatalf("zoom %d: vertex %d is %g from the simplified ring, tolerance %g", zoom, i/2, d, tol)
			}
		}
		if err := out.Validate(); err != nil {
			t.Errorf("zoom %d: %v", zoom, err)
		}
		t.Logf("zoom %d: %d vertices", zoom, len(rs[0])/2)
	}
	if a, b := len(ringXYs(geo.Simplify([]geom.MultiPolygon{mp}, geo.ToleranceAtZoom(4), 0)[0])[0]), len(ringXYs(geo.Simplify([]geom.MultiPolygon{mp}, geo.ToleranceAtZoom(10), 0)[0])[0]); a >= b {
		t.Errorf("zoom 4 keeps %d coordinates, zoom 10 %d: want fewer at the lower zoom", a, b)
	}
}

// Two polygons sharing a wiggly boundary keep the same vertices along it.
func TestSimplifySharedBoundary(t *testing.T) {
	const n = 2000
	var shared []float64 // from north to south along lon ≈ 35
	for i := 0; i <= n; i++ {
		lat := 50 - float64(i)/n
		shared = append(shared, 35+0.02*math.Sin(float64(i)/7)+0.005*math.Sin(float64(i)), lat)
	}
	// West polygon: shared line south, then back north along lon 34.
	west := append([]float64{}, shared...)
	west = append(west, 34, 49, 34, 50, shared[0], shared[1])
	// East polygon: the same line reversed, then round by lon 36.
	var east []float64
	for i := len(shared) - 2; i >= 0; i -= 2 {
		east = append(east, shared[i], shared[i+1])
	}
	east = append(east, 36, 50, 36, 49, east[0], east[1])
	mps := []geom.MultiPolygon{
		geom.NewMultiPolygon([]geom.Polygon{geom.NewPolygonXY(west)}),
		geom.NewMultiPolygon([]geom.Polygon{geom.NewPolygonXY(east)}),
	}
	out := geo.Simplify(mps, geo.ToleranceAtZoom(9), 0)
	onShared := func(ring []float64) map[[2]float64]bool {
		m := map[[2]float64]bool{}
		for i := 0; i+1 < len(ring); i += 2 {
			if ring[i] > 34.5 && ring[i] < 35.5 {
				m[[2]float64{ring[i], ring[i+1]}] = true
			}
		}
		return m
	}
	a, b := onShared(ringXYs(out[0])[0]), onShared(ringXYs(out[1])[0])
	if len(a) < 3 || len(a) > n/2 {
		t.Fatalf("%d shared vertices kept of %d", len(a), n)
	}
	for k := range a {
		if !b[k] {
			t.Fatalf("west keeps %v on the shared boundary, east does not", k)
		}
	}
	if len(a) != len(b) {
		t.Fatalf("shared boundary: west keeps %d vertices, east %d", len(a), len(b))
	}
}

func TestSimplifyDropsCollapsedRings(t *testing.T) {
	tol := geo.ToleranceAtZoom(6) // about 400 m
	big := wiggle(36, 49.5, 0.5, 500)
	tinyHole := wiggle(36.1, 49.5, 0.0005, 20)
	// Reverse the hole's orientation.
	for i, j := 0, len(tinyHole)-2; i < j; i, j = i+2, j-2 {
		tinyHole[i], tinyHole[j] = tinyHole[j], tinyHole[i]
		tinyHole[i+1], tinyHole[j+1] = tinyHole[j+1], tinyHole[i+1]
	}
	bigHole := wiggle(35.8, 49.5, 0.1, 200)
	island := wiggle(38, 49, 0.0005, 20)
	mps := []geom.MultiPolygon{
		geom.NewMultiPolygon([]geom.Polygon{geom.NewPolygonXY(big, tinyHole, bigHole), geom.NewPolygonXY(island)}),
		geom.NewMultiPolygon([]geom.Polygon{geom.NewPolygonXY(island)}),
	}
	out := geo.Simplify(mps, tol, 0.001)
	if n := out[0].NumPolygons(); n != 1 {
		t.Fatalf("%d polygons; want the island dropped", n)
	}
	if n := out[0].PolygonN(0).NumInteriorRings(); n != 1 {
		t.Fatalf("%d holes; want the tiny one dropped", n)
	}
	if !out[1].IsEmpty() {
		t.Fatalf("a lone tiny island should collapse to an empty multipolygon, got %v", out[1].AsText())
	}
	for _, r := range ringXYs(out[0]) {
		for _, v := range r {
			if q := v / 0.001; math.Abs(q-math.Round(q)) > 1e-6 {
				t.Fatalf("coordinate %v is not on the 0.001° grid", v)
			}
		}
	}
}

func TestToleranceAtZoom(t *testing.T) {
	// Half a 512-pixel tile's pixel: 360/512/2 degrees at zoom 0, halving
	// with each zoom.
	if got := geo.ToleranceAtZoom(0); math.Abs(got-0.3515625) > 1e-12 {
		t.Errorf("zoom 0: %g", got)
	}
	if a, b := geo.ToleranceAtZoom(6), geo.ToleranceAtZoom(7); math.Abs(a/b-2) > 1e-12 {
		t.Errorf("zoom 6/7: %g / %g", a, b)
	}
}
