package geo

import (
	"math"

	"github.com/tidwall/geodesic"
)

// DistanceM returns the length in metres of the geodesic between two lon/lat
// points on the WGS84 ellipsoid (the inverse geodesic problem).
func DistanceM(lon1, lat1, lon2, lat2 float64) float64 {
	var s12 float64
	geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, &s12, nil, nil)
	return s12
}

// Bearing returns the initial azimuth of the geodesic from the first lon/lat
// point to the second, in degrees clockwise from north in [0, 360). It is 0
// for coincident points.
func Bearing(lon1, lat1, lon2, lat2 float64) float64 {
	if lon1 == lon2 && lat1 == lat2 {
		return 0
	}
	var azi1 float64
	geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, nil, &azi1, nil)
	b := math.Mod(azi1, 360)
	if b < 0 {
		b += 360
	}
	if b >= 360 {
		b = 0
	}
	return b
}
