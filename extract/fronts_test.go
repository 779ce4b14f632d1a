package extract

import (
	"math"
	"testing"
	"time"
)

// TestDatedFronts: the embedded fronts read back, and the front moves
// with the date: Bakhmut was 20+ km behind the line in April 2022 and on
// it in May 2023; Lviv is never near it.
func TestDatedFronts(t *testing.T) {
	f := loadFronts()
	if len(f.times) < 100 || f.times[0].Format("2006-01-02") != "2022-04-03" {
		t.Fatalf("%d maps from %v", len(f.times), f.times[0])
	}
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	const bakhmutLon, bakhmutLat = 38.0003, 48.5947
	if d := datedFrontDistanceM(bakhmutLon, bakhmutLat, day("2023-05-15")); d > 5000 {
		t.Errorf("Bakhmut, May 2023: %.0f m from the front, want ≤ 5 km", d)
	}
	if d := datedFrontDistanceM(bakhmutLon, bakhmutLat, day("2022-04-10")); d < 15000 {
		t.Errorf("Bakhmut, April 2022: %.0f m from the front, want ≥ 15 km", d)
	}
	if d := datedFrontDistanceM(24.03, 49.84, day("2024-01-01")); !math.IsInf(d, 1) {
		t.Errorf("Lviv: %.0f m from the front, want beyond reach", d)
	}
	// Before the archive and after it: the first and the last map.
	if a, b := f.snapshotsAround(day("2022-03-01")); a != 0 || b != 0 {
		t.Errorf("before the archive: maps %d, %d", a, b)
	}
	if a, b := f.snapshotsAround(day("2030-01-01")); a != len(f.times)-1 || b != a {
		t.Errorf("after the archive: maps %d, %d", a, b)
	}
	if _, err := decodeFronts([]byte("not gzip")); err == nil {
		t.Error("garbage decoded")
	}
}

// BenchmarkDecodeFronts: the one-time cost of reading fronts.bin, paid at
// the first extraction of a process.
func BenchmarkDecodeFronts(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := decodeFronts(frontsBin); err != nil {
			b.Fatal(err)
		}
	}
}
