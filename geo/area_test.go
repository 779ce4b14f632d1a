package geo

import (
	"math"
	"testing"

	"github.com/peterstace/simplefeatures/geom"
)

// WGS84 for the independent checks below.
const (
	wgs84A = 6378137.0
	wgs84F = 1 / 298.257223563
)

// cellAreaIndependent computes, without GeographicLib, the area of the
// polygon with corners (0,0), (dLon,0), (dLon,lat1), (0,lat1) whose edges are
// geodesics: the cell bounded by parallels (closed-form authalic formula)
// plus the sliver between the top parallel and the geodesic, which bulges
// poleward. The geodesic's latitude is taken from the great circle through
// the two top corners on the auxiliary sphere (reduced latitude), exact to
// O(f) in the sliver, which is itself 2.5e-5 of the cell for 1°×1°.
func cellAreaIndependent(lat1Deg, dLonDeg float64) (rect, total float64) {
	e2 := wgs84F * (2 - wgs84F)
	e := math.Sqrt(e2)
	b := wgs84A * (1 - wgs84F)
	phi1 := lat1Deg * math.Pi / 180
	dl := dLonDeg * math.Pi / 180
	q := func(phi float64) float64 {
		s := math.Sin(phi)
		return s/(1-e2*s*s) + 1/(2*e)*math.Log((1+e*s)/(1-e*s))
	}
	rect = dl * b * b / 2 * (q(phi1) - q(0))

	// Area element per radian² at phi1: M·N·cos φ.
	s := math.Sin(phi1)
	mnCos := wgs84A * wgs84A * (1 - e2) * math.Cos(phi1) / ((1 - e2*s*s) * (1 - e2*s*s))
	beta1 := math.Atan((1 - wgs84F) * math.Tan(phi1))
	lat := func(lambda float64) float64 {
		tb := math.Tan(beta1) * math.Cos(lambda-dl/2) / math.Cos(dl/2)
		return math.Atan(tb / (1 - wgs84F))
	}
	bulge := simpson(func(l float64) float64 { return lat(l) - phi1 }, 0, dl, 1000) * mnCos
	return rect, rect + bulge
}

// simpson integrates f over [a, b] with n (even) intervals.
func simpson(f func(float64) float64, a, b float64, n int) float64 {
	h := (b - a) / float64(n)
	sum := f(a) + f(b)
	for i := 1; i < n; i++ {
		w := 2.0
		if i%2 == 1 {
			w = 4
		}
		sum += w * f(a+float64(i)*h)
	}
	return sum * h / 3
}

func TestAreaEquatorCell(t *testing.T) {
	cell := geom.NewSingleRingPolygonXY(0, 0, 1, 0, 1, 1, 0, 1, 0, 0)
	got := PolygonAreaM2(cell)

	// GeographicLib's value (Planimeter, WGS84) for this polygon.
	const want = 12_308_778_361.469
	if d := math.Abs(got - want); d > 0.001 {
		t.Errorf("AreaM2(1°×1° cell) = %.4f, want %.3f", got, want)
	}
	if km2 := AreaKm2(cell.AsGeometry()); math.Abs(km2-want/1e6) > 1e-9 {
		t.Errorf("AreaKm2 = %.9f, want %.9f", km2, want/1e6)
	}

	// Independent check 1: the cell bounded by parallels, by the
	// closed-form authalic formula and by numeric integration of M·N·cos φ.
	rect, total := cellAreaIndependent(1, 1)
	e2 := wgs84F * (2 - wgs84F)
	numeric := math.Pi / 180 * simpson(func(phi float64) float64 {
		s := math.Sin(phi)
		return wgs84A * wgs84A * (1 - e2) * math.Cos(phi) / ((1 - e2*s*s) * (1 - e2*s*s))
	}, 0, math.Pi/180, 1000)
	if r := relDiff(rect, numeric); r > 1e-12 {
		t.Errorf("closed form %.4f vs numeric integration %.4f: rel %.2g", rect, numeric, r)
	}

	// The library agrees on the parallel-bounded cell once its edges are
	// densified (geodesic chords converge to the parallels).
	var xy []float64
	const n = 1000
	for i := 0; i <= n; i++ {
		xy = append(xy, float64(i)/n, 0)
	}
	for i := n; i >= 0; i-- {
		xy = append(xy, float64(i)/n, 1)
	}
	dense := PolygonAreaM2(geom.NewSingleRingPolygonXY(xy...))
	if r := relDiff(dense, rect); r > 1e-9 {
		t.Errorf("densified cell %.4f vs authalic %.4f: rel %.2g", dense, rect, r)
	}

	// Independent check 2: the 4-corner polygon = parallel cell + geodesic
	// bulge of the top edge.
	if r := relDiff(got, total); r > 1e-6 {
		t.Errorf("library %.4f vs independent %.4f: rel %.2g", got, total, r)
	}
	t.Logf("4-corner cell %.3f m², independent %.3f m² (rel %.1e); parallel-bounded cell %.3f m²", got, total, relDiff(got, total), rect)
}

func TestAreaShapes(t *testing.T) {
	sq := func(x0, y0, x1, y1 float64) []float64 {
		return []float64{x0, y0, x1, y0, x1, y1, x0, y1, x0, y0}
	}
	rev := func(xy []float64) []float64 {
		out := make([]float64, len(xy))
		for i := 0; i < len(xy); i += 2 {
			j := len(xy) - 2 - i
			out[j], out[j+1] = xy[i], xy[i+1]
		}
		return out
	}
	outer := sq(36, 49, 36.2, 49.2)
	hole := sq(36.05, 49.05, 36.1, 49.1)
	outerA := PolygonAreaM2(geom.NewPolygonXY(outer))
	holeA := PolygonAreaM2(geom.NewPolygonXY(hole))

	tests := []struct {
		name string
		g    geom.Geometry
		want float64
	}{
		{"ccw", geom.NewPolygonXY(outer).AsGeometry(), outerA},
		{"cw equals ccw", geom.NewPolygonXY(rev(outer)).AsGeometry(), outerA},
		{"unclosed ring sequence", geom.NewPolygonXY(outer[:8]).AsGeometry(), outerA},
		{"hole", geom.NewPolygonXY(outer, hole).AsGeometry(), outerA - holeA},
		{"hole any orientation", geom.NewPolygonXY(rev(outer), hole).AsGeometry(), outerA - holeA},
		{"multipolygon", geom.NewMultiPolygonXY([][]float64{outer, hole}, [][]float64{sq(37, 49, 37.1, 49.1)}).AsGeometry(),
			outerA - holeA + PolygonAreaM2(geom.NewPolygonXY(sq(37, 49, 37.1, 49.1)))},
		{"collection keeps polygonal parts", geom.NewGeometryCollection([]geom.Geometry{
			geom.NewPolygonXY(outer).AsGeometry(),
			geom.NewPointXY(36, 49).AsGeometry(),
			geom.NewLineStringXY(36, 49, 37, 50).AsGeometry(),
			geom.NewGeometryCollection([]geom.Geometry{geom.NewPolygonXY(hole).AsGeometry()}).AsGeometry(),
		}).AsGeometry(), outerA + holeA},
		{"point", geom.NewPointXY(36, 49).AsGeometry(), 0},
		{"line", geom.NewLineStringXY(36, 49, 37, 50).AsGeometry(), 0},
		{"empty polygon", geom.Polygon{}.AsGeometry(), 0},
		{"empty geometry", geom.Geometry{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AreaM2(tt.g)
			if relDiff(got, tt.want) > 1e-12 {
				t.Errorf("AreaM2 = %.6f, want %.6f", got, tt.want)
			}
		})
	}
	// About 22.2 km × 14.6 km.
	if km2 := outerA / 1e6; km2 < 320 || km2 > 330 {
		t.Errorf("0.2°×0.2° at 49°N = %.3f km², want about 325", km2)
	}
}

func TestDistanceBearing(t *testing.T) {
	tests := []struct {
		name                   string
		lon1, lat1, lon2, lat2 float64
		dist, bearing          float64 // m, degrees
		tolM                   float64
	}{
		// a·π/180: a degree of the equator.
		{"equator degree east", 0, 0, 1, 0, wgs84A * math.Pi / 180, 90, 1e-6},
		{"equator degree west", 1, 0, 0, 0, wgs84A * math.Pi / 180, 270, 1e-6},
		// The meridian quadrant of WGS84.
		{"equator to pole", 10, 0, 10, 90, 10_001_965.729, 0, 1e-3},
		{"pole to equator", 10, 90, 10, 0, 10_001_965.729, 180, 1e-3},
		// tidwall/geodesic README (GeographicLib): -156.803310° = 203.196690°.
		{"library example", -112.4223, 33.4911, -113.1123, 32.1189, 165_330.214571, 203.196690, 1e-6},
		{"same point", 36, 49, 36, 49, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := DistanceM(tt.lon1, tt.lat1, tt.lon2, tt.lat2)
			if math.Abs(d-tt.dist) > tt.tolM {
				t.Errorf("DistanceM = %.6f, want %.6f", d, tt.dist)
			}
			b := Bearing(tt.lon1, tt.lat1, tt.lon2, tt.lat2)
			if b < 0 || b >= 360 {
				t.Errorf("Bearing = %v, outside [0, 360)", b)
			}
			if diff := math.Abs(b - tt.bearing); diff > 1e-6 && diff < 360-1e-6 {
				t.Errorf("Bearing = %.6f, want %.6f", b, tt.bearing)
			}
		})
	}

	// Independent check: on short distances a sphere of the local mean
	// radius agrees to well under 0.5%.
	lon1, lat1, lon2, lat2 := 37.2558, 49.2124, 37.6165, 49.7102
	p1, l1, p2, l2 := lat1*math.Pi/180, lon1*math.Pi/180, lat2*math.Pi/180, lon2*math.Pi/180
	h := math.Pow(math.Sin((p2-p1)/2), 2) + math.Cos(p1)*math.Cos(p2)*math.Pow(math.Sin((l2-l1)/2), 2)
	haversine := 2 * 6_371_008.8 * math.Asin(math.Sqrt(h))
	if r := relDiff(DistanceM(lon1, lat1, lon2, lat2), haversine); r > 0.005 {
		t.Errorf("geodesic vs haversine differ by %.2g", r)
	}
}
