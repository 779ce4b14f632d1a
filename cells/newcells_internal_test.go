package cells

import (
	"math"
	"math/rand"
	"testing"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline/geo"
)

// A split's part inside, whose area is known, makes the same cells with
// the same areas, to the bit, as when every polygon is measured again:
// one polygon or several, small or cut into tiles.
func TestNewCellsOfKnownArea(t *testing.T) {
	rng := rand.New(rand.NewSource(13))
	ring := func(x, y, r float64, n int) []float64 {
		var xy []float64
		for i := 0; i < n; i++ {
			a := 2 * math.Pi * float64(i) / float64(n)
			d := r * (0.7 + 0.3*rng.Float64())
			xy = append(xy, x+d*math.Cos(a), y+d*math.Sin(a))
		}
		return append(xy, xy[0], xy[1])
	}
	poly := func(x, y, r float64, n int) geom.Polygon {
		return geom.NewPolygon([]geom.LineString{geom.NewLineString(geom.NewSequence(ring(x, y, r, n), geom.DimXY))})
	}
	b := &Builder{}
	for i, g := range []geom.MultiPolygon{
		geom.NewMultiPolygon([]geom.Polygon{poly(37.5, 48.1, 0.01, 7)}),
		geom.NewMultiPolygon([]geom.Polygon{poly(37.6, 48.2, 0.2, 300)}),
		geom.NewMultiPolygon([]geom.Polygon{poly(37.7, 48.3, 0.3, 2*maxCellPoints)}),
		geom.NewMultiPolygon([]geom.Polygon{poly(37.5, 48.1, 0.01, 9), poly(38.5, 47.1, 0.05, 40)}),
	} {
		want := b.newCells("UA-14", g, nil)
		got := b.newCellsOf("UA-14", g, geo.AreaKm2(g.AsGeometry()), nil)
		if len(got) != len(want) || len(want) == 0 {
			t.Fatalf("%d: %d cells, want %d", i, len(got), len(want))
		}
		for j := range want {
			if got[j].c.AreaKm2 != want[j].c.AreaKm2 || !geom.ExactEquals(got[j].g.AsGeometry(), want[j].g.AsGeometry()) {
				t.Fatalf("%d, cell %d: %.17g km², want %.17g", i, j, got[j].c.AreaKm2, want[j].c.AreaKm2)
			}
		}
	}
}
