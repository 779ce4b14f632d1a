package geo

import (
	"math"

	"github.com/peterstace/simplefeatures/geom"
	"github.com/tidwall/geodesic"
)

// AreaM2 returns the geodesic area in square metres of the polygonal parts of
// g on the WGS84 ellipsoid: polygons, multipolygons and the polygonal members
// of geometry collections (recursively). Points and lines have no area.
//
// Each ring's area is computed with GeographicLib's polygon area (through
// github.com/tidwall/geodesic) and taken as an absolute value; holes are
// subtracted from their exterior. This is what PostGIS computes for
// ST_Area(geom::geography). Parts are summed as given: overlapping parts of an
// invalid geometry are counted twice, so Repair such geometry first.
func AreaM2(g geom.Geometry) float64 {
	switch g.Type() {
	case geom.TypePolygon:
		return PolygonAreaM2(g.MustAsPolygon())
	case geom.TypeMultiPolygon:
		mp := g.MustAsMultiPolygon()
		var sum float64
		for i := 0; i < mp.NumPolygons(); i++ {
			sum += PolygonAreaM2(mp.PolygonN(i))
		}
		return sum
	case geom.TypeGeometryCollection:
		gc := g.MustAsGeometryCollection()
		var sum float64
		for i := 0; i < gc.NumGeometries(); i++ {
			sum += AreaM2(gc.GeometryN(i))
		}
		return sum
	default:
		return 0
	}
}

// AreaKm2 is AreaM2 in square kilometres.
func AreaKm2(g geom.Geometry) float64 {
	return AreaM2(g) / 1e6
}

// PolygonAreaM2 returns the geodesic area of p in square metres: the area of
// its exterior ring minus the areas of its holes, whatever their orientation.
func PolygonAreaM2(p geom.Polygon) float64 {
	n := p.NumRings()
	if n == 0 {
		return 0
	}
	area := RingAreaM2(p.ExteriorRing().Coordinates())
	for i := 0; i < p.NumInteriorRings(); i++ {
		area -= RingAreaM2(p.InteriorRingN(i).Coordinates())
	}
	return area
}

// RingAreaM2 returns the unsigned geodesic area in square metres enclosed by a
// ring of lon/lat points. The ring may be closed or not; a repeated closing
// point is ignored, as PostGIS does. A self-intersecting ring's lobes are
// summed algebraically (they partly cancel), so its value is only meaningful
// for simple rings.
func RingAreaM2(seq geom.Sequence) float64 {
	n := seq.Length()
	if n > 1 && seq.GetXY(0) == seq.GetXY(n-1) {
		n--
	}
	if n < 3 {
		return 0
	}
	poly := geodesic.WGS84.PolygonInit(false)
	for i := 0; i < n; i++ {
		xy := seq.GetXY(i)
		poly.AddPoint(xy.Y, xy.X)
	}
	var area float64
	poly.Compute(false, true, &area, nil)
	return math.Abs(area)
}

// ringAreaM2 is RingAreaM2 for a ring held as points.
func ringAreaM2(ring [][2]float64) float64 {
	n := len(ring)
	if n > 1 && ring[0] == ring[n-1] {
		n--
	}
	if n < 3 {
		return 0
	}
	poly := geodesic.WGS84.PolygonInit(false)
	for _, pt := range ring[:n] {
		poly.AddPoint(pt[1], pt[0])
	}
	var area float64
	poly.Compute(false, true, &area, nil)
	return math.Abs(area)
}
