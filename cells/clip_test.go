package cells

import (
	"context"
	"math"
	"math/rand"
	"testing"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/geo"
)

// wiggly returns a ring of n vertices around (cx, cy): a radius that
// wanders, so that the ring leaves and re-enters a box many times.
func wiggly(rng *rand.Rand, cx, cy, r float64, n int, ccw bool) []float64 {
	var xy []float64
	phase := rng.Float64() * 10
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n)
		if !ccw {
			a = -a
		}
		rr := r * (1 + 0.35*math.Sin(7*a+phase) + 0.2*math.Sin(23*a) + 0.002*(rng.Float64()-0.5))
		xy = append(xy, cx+rr*math.Cos(a), cy+rr*math.Sin(a))
	}
	return append(xy, xy[0], xy[1])
}

func ringPolygon(rings ...[]float64) geom.Polygon {
	var ls []geom.LineString
	for _, r := range rings {
		ls = append(ls, geom.NewLineString(geom.NewSequence(r, geom.DimXY)))
	}
	return geom.NewPolygon(ls)
}

// TestClippedOverlaysAgree: an overlay of a cell with a region clipped to
// a box around the cell equals the overlay with the whole region, and the
// edge index tells cells wholly inside or outside the region from the
// others as the overlay does.
func TestClippedOverlaysAgree(t *testing.T) {
	rng := rand.New(rand.NewSource(13))
	b := &Builder{}
	clipped, inOut := 0, 0
	for trial := 0; trial < 16; trial++ {
		// A region of two polygons, the first with a hole; CW or CCW.
		region := geom.NewMultiPolygon([]geom.Polygon{
			ringPolygon(wiggly(rng, 37, 48, 0.5, 400, trial%2 == 0), wiggly(rng, 37.05, 48, 0.06, 60, trial%2 == 1)),
			ringPolygon(wiggly(rng, 38.4, 48.2, 0.3, 200, trial%3 == 0)),
		})
		edges := newEdgeIndex(region)
		for k := 0; k < 24; k++ {
			cx, cy := 36.3+rng.Float64()*2.5, 47.4+rng.Float64()*1.2
			s := 0.01 + rng.Float64()*0.3
			cell := polygonal(box{cx - s, cy - s*0.7, cx + s, cy + s*0.7}.polygon())
			cb, _ := envBox(cell.Envelope())
			whole, err := geom.Intersection(cell.AsGeometry(), region.AsGeometry())
			if err != nil {
				t.Fatal(err)
			}
			wantKm2 := geo.AreaKm2(whole)
			if !edges.touches(cb) {
				inOut++
				x, y, _ := firstPoint(cell)
				got := 0.0
				if edges.covers(x, y) {
					got = geo.AreaKm2(cell.AsGeometry())
				}
				if math.Abs(got-wantKm2) > 1e-9*math.Max(1, wantKm2) {
					t.Fatalf("trial %d cell %d: no edge near, inside → %.9f km², overlay %.9f", trial, k, got, wantKm2)
				}
				continue
			}
			rc, ok := clipPolygonal(region, cb.expand())
			if !ok {
				continue
			}
			clipped++
			for _, op := range []overlayFunc{geom.Intersection, geom.Difference} {
				want, err := op(cell.AsGeometry(), region.AsGeometry())
				if err != nil {
					t.Fatal(err)
				}
				got, err := b.overlay("test", op, cell.AsGeometry(), rc.AsGeometry())
				if err != nil {
					t.Fatal(err)
				}
				w, g := geo.AreaKm2(want), geo.AreaKm2(got)
				if math.Abs(w-g) > 1e-9*math.Max(1, w) {
					t.Fatalf("trial %d cell %d: clipped overlay %.12f km², whole %.12f", trial, k, g, w)
				}
			}
		}
	}
	if clipped < 40 || inOut < 20 {
		t.Fatalf("%d cells overlaid with a clipped region, %d told inside or outside: the test does not exercise both", clipped, inOut)
	}
}

// TestIsCCW: the orientation read like JTS's on rings of both
// orientations, with a flat top and with a pointed cap.
func TestIsCCW(t *testing.T) {
	square := []float64{0, 0, 1, 0, 1, 1, 0, 1, 0, 0} // CCW, flat top
	rev := []float64{0, 0, 0, 1, 1, 1, 1, 0, 0, 0}
	tri := []float64{0, 0, 2, 0, 1, 3, 0, 0} // CCW, pointed cap
	for _, c := range []struct {
		xy   []float64
		want bool
	}{{square, true}, {rev, false}, {tri, true}, {[]float64{0, 0, 1, 3, 2, 0, 0, 0}, false}} {
		if got, ok := isCCW(c.xy); !ok || got != c.want {
			t.Errorf("isCCW(%v) = %v, %v; want %v", c.xy, got, ok, c.want)
		}
	}
}

// TestRegionsHoldTheGeodesicOfAnUnsharedEdge: a Russian-held rectangle of
// 0.3° by 0.05° at 46.4° N whose northern part goes to Ukraine. The
// unshared edges (the old northern edge, the new one) run 23 km east–west;
// densified along their geodesics they bulge 11 m north of their boxes.
// With windows that did not hold the bulge, the region was cut along the
// window's side, a straight 23 km edge in place of the densified one, and
// its area came out 5.5e-6 km² short (window.go: geodesicStrayDeg): the
// regions must hold the maps' difference in area.
func TestRegionsHoldTheGeodesicOfAnUnsharedEdge(t *testing.T) {
	rect := func(y1 float64) geom.Geometry {
		return geom.NewPolygon([]geom.LineString{geom.NewLineString(geom.NewSequence([]float64{
			35.0, 46.40, 35.3, 46.40, 35.3, y1, 35.0, y1, 35.0, 46.40,
		}, geom.DimXY))}).AsGeometry()
	}
	mk := func(g geom.Geometry) *pieces {
		return &pieces{
			wkb:  map[frontline.Status][]byte{frontline.StatusRussia: g.AsBinary()},
			geom: map[frontline.Status]geom.Geometry{frontline.StatusRussia: g},
		}
	}
	a, c := rect(46.45), rect(46.42)
	var b Builder
	rs, err := b.changeRegions(context.Background(), mk(a), mk(c))
	if err != nil {
		t.Fatal(err)
	}
	var got float64
	for _, r := range rs {
		if r.from != frontline.StatusRussia || r.to != frontline.StatusUkraine {
			t.Errorf("region %s→%s", r.from, r.to)
		}
		got += geo.AreaKm2(r.g.AsGeometry())
	}
	want := geo.AreaKm2(a) - geo.AreaKm2(c)
	t.Logf("regions %.9f km², maps' difference %.9f", got, want)
	if math.Abs(got-want) > 1e-6 {
		t.Errorf("regions %.9f km², want the maps' difference %.9f (off %.3g)", got, want, got-want)
	}
}
