package control_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/mapfile"
)

// BenchmarkProcess measures the import pipeline on one DeepState snapshot:
// classify, repair, union, resolve overlaps, cut by oblast, measure.
func BenchmarkProcess(b *testing.B) {
	path := filepath.Join(dailyDir(b), "2022-09-13T130124Z.geojson")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	bounds, err := boundaries.Load()
	if err != nil {
		b.Fatal(err)
	}
	f, err := mapfile.Read(path, data, mapfile.DefaultLimits())
	if err != nil {
		b.Fatal(err)
	}
	m := control.DeepStateMapping()
	at := time.Date(2022, 9, 13, 13, 1, 24, 0, time.UTC)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := control.Process(control.NewClipper(bounds), f, at, m, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkChange measures the change between the maps of 2022-09-06 and
// 2022-09-13 on a store holding both (pieces precomputed at import).
func BenchmarkChange(b *testing.B) {
	dir := dailyDir(b)
	svc, _ := newService(b)
	for _, name := range []string{"2022-09-06T220510Z.geojson", "2022-09-13T130124Z.geojson"} {
		importFile(b, svc, "deepstate", filepath.Join(dir, name))
	}
	ctx := context.Background()
	from, to := day(b, "2022-09-06"), day(b, "2022-09-13")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := svc.Change(ctx, "deepstate", from, to, time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
}
