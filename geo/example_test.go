package geo_test

import (
	"fmt"

	"github.com/frontline-osint/frontline/geo"
	"github.com/peterstace/simplefeatures/geom"
)

func ExampleAreaKm2() {
	// A 1°×1° cell at the equator, its edges geodesics on WGS84.
	cell := geom.NewSingleRingPolygonXY(0, 0, 1, 0, 1, 1, 0, 1, 0, 0)
	fmt.Printf("%.3f km²\n", geo.AreaKm2(cell.AsGeometry()))
	// Output: 12308.778 km²
}

func ExampleDistanceM() {
	// Izium to Kupiansk.
	d := geo.DistanceM(37.2558, 49.2124, 37.6165, 49.7102)
	b := geo.Bearing(37.2558, 49.2124, 37.6165, 49.7102)
	fmt.Printf("%.1f km, bearing %.1f°\n", d/1000, b)
	// Output: 61.2 km, bearing 25.1°
}

func ExampleRepair() {
	// A bow-tie: the ring crosses itself once, and is not closed.
	bowTie := [][][2]float64{{{36.0, 49.0}, {36.2, 49.2}, {36.2, 49.0}, {36.0, 49.2}}}
	mp, report, err := geo.Repair([][][][2]float64{bowTie})
	if err != nil {
		panic(err)
	}
	fmt.Println(report)
	fmt.Println(mp.NumPolygons(), "polygons, valid:", mp.Validate() == nil)
	fmt.Printf("%.1f km²\n", geo.AreaKm2(mp.AsGeometry()))
	// Output:
	// closed 1 ring, split 1 self-intersecting ring
	// 2 polygons, valid: true
	// 162.4 km²
}
