package cells

import (
	"math"
	"math/rand"
	"testing"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline/geo"
)

// starRing returns a star-shaped ring of n vertices around (x, y), radius r
// with random bends, and a hole of m vertices.
func starRing(rng *rand.Rand, x, y, r float64, n, m int) geom.Polygon {
	ring := func(rad float64, k int, cw bool) geom.LineString {
		var xy []float64
		for i := 0; i < k; i++ {
			a := 2 * math.Pi * float64(i) / float64(k)
			if cw {
				a = -a
			}
			d := rad * (0.9 + 0.1*rng.Float64())
			xy = append(xy, x+d*math.Cos(a), y+d*math.Sin(a)*0.7)
		}
		xy = append(xy, xy[0], xy[1])
		return geom.NewLineString(geom.NewSequence(xy, geom.DimXY))
	}
	return geom.NewPolygon([]geom.LineString{ring(r, n, false), ring(r/5, m, true)})
}

// The tiles of a cell are a partition of it: as much ground (planar and
// geodesic, each tile's own geodesic area too) as the cell, none twice, each within maxCellPoints where a cut
// can bring it there, and the same ground as the cuts by overlays gave.
func TestTilesPartitionTheCell(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for i, g := range []geom.MultiPolygon{
		starRing(rng, 37.5, 48.0, 0.4, 3000, 200).AsMultiPolygon(),
		geom.NewMultiPolygon([]geom.Polygon{starRing(rng, 36.0, 47.5, 0.2, 1500, 50), starRing(rng, 36.6, 47.5, 0.25, 900, 700)}),
	} {
		// The pieces are densified along the geodesic before any cut
		// (geodesic.go): a cut then lands on a chord close to it.
		g = densifyGeodesic(g)
		var b Builder
		whole := geo.AreaKm2(g.AsGeometry())
		planar := g.Area()
		parts, areas := b.tile(g, whole)
		if len(parts) < 4 {
			t.Fatalf("case %d: %d tiles", i, len(parts))
		}
		var sum, sumOwn, sumPlanar float64
		for j, p := range parts {
			if n := numPoints(p); n > maxCellPoints {
				t.Errorf("case %d: tile %d has %d points", i, j, n)
			}
			if err := p.Validate(); err != nil {
				t.Errorf("case %d: tile %d: %v", i, j, err)
			}
			sum += areas[j]
			sumOwn += geo.AreaKm2(p.AsGeometry())
			sumPlanar += p.Area()
		}
		if math.Abs(sum-whole) > 1e-8*whole {
			t.Errorf("case %d: tiles %.9f km², cell %.9f km²", i, sum, whole)
		}
		if math.Abs(sumOwn-whole) > 1e-8*whole {
			t.Errorf("case %d: tiles' own areas %.9f km², cell %.9f km²", i, sumOwn, whole)
		}
		if math.Abs(sumPlanar-planar) > 1e-12*planar {
			t.Errorf("case %d: tiles %.15g square degrees, cell %.15g", i, sumPlanar, planar)
		}
		// No ground twice: the tiles' union has the cell's area.
		gs := make([]geom.Geometry, len(parts))
		for j, p := range parts {
			gs[j] = p.AsGeometry()
		}
		u, err := geom.UnionMany(gs)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(u.Area()-planar) > 1e-9*planar {
			t.Errorf("case %d: union of the tiles %.15g, cell %.15g", i, u.Area(), planar)
		}
		sym, err := geom.SymmetricDifference(u, g.AsGeometry())
		if err != nil {
			t.Fatal(err)
		}
		if sym.Area() > 1e-12*planar {
			t.Errorf("case %d: tiles and cell differ by %.3g square degrees", i, sym.Area())
		}
	}
}
