package extract

import (
	"math"
	"testing"
)

// TestFrontDistanceRings checks the ring search of distanceM against a
// scan of every front cell, on a grid of points over Ukraine and beyond.
func TestFrontDistanceRings(t *testing.T) {
	f := loadFronts()
	const mPerDeg = 6371008.8 * math.Pi / 180
	brute := func(buckets map[int32][]int32, lon, lat float64) float64 {
		cosLat := math.Cos(lat * math.Pi / 180)
		best := math.Inf(1)
		for _, cells := range buckets {
			for _, c := range cells {
				cx := f.lon0 + (float64(int(c)%f.nx)+0.5)*f.dlon
				cy := f.lat0 + (float64(int(c)/f.nx)+0.5)*f.dlat
				dx, dy := (cx-lon)*cosLat, cy-lat
				best = math.Min(best, mPerDeg*math.Sqrt(dx*dx+dy*dy))
			}
		}
		if best > frontMaxM {
			return math.Inf(1)
		}
		return best
	}
	sets := []map[int32][]int32{f.all, f.buckets[0], f.buckets[len(f.buckets)/2], f.buckets[len(f.buckets)-1]}
	finite := 0
	for lon := 21.5; lon <= 41.0; lon += 0.37 {
		for lat := 44.0; lat <= 53.0; lat += 0.29 {
			for i, b := range sets {
				got, want := f.distanceM(b, lon, lat), brute(b, lon, lat)
				if got != want {
					t.Fatalf("set %d, (%.2f, %.2f): %v m, a scan of every cell says %v m", i, lon, lat, got, want)
				}
				if !math.IsInf(got, 1) {
					finite++
				}
			}
		}
	}
	if finite == 0 {
		t.Fatal("no point near a front: the test tests nothing")
	}
}
