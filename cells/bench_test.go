package cells_test

import (
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/cells"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/internal/shareddata"
	"github.com/frontline-osint/frontline/sqlite"
)

// The benchmarks run on the demo window (../shared/data, 90 maps imported
// into a SQLite file in a temporary folder, cells built at import), or on
// a store given in FRONTLINE_CELLS_DB (the full archive, imported with
// `frontline layer import` and `frontline layer cells`; layer deepstate).

var (
	benchOnce sync.Once
	benchSvc  *control.Service
	benchErr  error
	benchDays []string
)

func benchService(b *testing.B) (*control.Service, []string) {
	b.Helper()
	benchOnce.Do(func() {
		bounds, err := boundaries.Load()
		if err != nil {
			benchErr = err
			return
		}
		path := os.Getenv("FRONTLINE_CELLS_DB")
		fresh := path == ""
		if fresh {
			dir, err := os.MkdirTemp("", "cells-bench")
			if err != nil {
				benchErr = err
				return
			}
			path = filepath.Join(dir, "frontline.db")
		}
		db := sqlite.NewDB(path)
		if benchErr = db.Open(); benchErr != nil {
			return
		}
		svc := control.NewService(sqlite.NewSnapshotStore(db), bounds)
		ctx := context.Background()
		if fresh {
			files, _ := filepath.Glob(filepath.Join(shareddata.Dir(b), "control", "deepstate", "daily-2022-08-20_2022-10-20", "*.geojson"))
			sort.Strings(files)
			for _, f := range files {
				data, err := os.ReadFile(f)
				if err != nil {
					benchErr = err
					return
				}
				if _, err := svc.Import(ctx, frontline.ImportRequest{Layer: "deepstate", SourceName: f, Data: data}); err != nil {
					benchErr = err
					return
				}
			}
			if benchErr = svc.CellsError("deepstate"); benchErr != nil {
				return
			}
		}
		snaps, err := svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate", Brief: true})
		if err != nil {
			benchErr = err
			return
		}
		seen := map[string]bool{}
		for _, sn := range snaps {
			d := sn.ValidAt.Format("2006-01-02")
			if !seen[d] {
				seen[d] = true
				benchDays = append(benchDays, d)
			}
		}
		benchSvc = svc
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	if len(benchDays) < 2 {
		b.Fatal("fewer than two days of maps")
	}
	return benchSvc, benchDays
}

func parseDay(b *testing.B, s string) frontline.Day {
	d, err := frontline.ParseDay(s, time.UTC)
	if err != nil {
		b.Fatal(err)
	}
	return d
}

// BenchmarkChangeRandomPairs is an uncached change between random days
// through the service (the maps of the days looked up in SQLite, then the
// sum over cells).
func BenchmarkChangeRandomPairs(b *testing.B) {
	svc, days := benchService(b)
	ctx := context.Background()
	rng := rand.New(rand.NewSource(1))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		from, to := days[rng.Intn(len(days))], days[rng.Intn(len(days))]
		if _, err := svc.Change(ctx, "deepstate", parseDay(b, from), parseDay(b, to), time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndexChange is the sum over cells alone.
func BenchmarkIndexChange(b *testing.B) {
	svc, _ := benchService(b)
	ix, err := cells.Load(context.Background(), svc.Store.(frontline.CellStore), "deepstate")
	if err != nil {
		b.Fatal(err)
	}
	n := int32(len(ix.Build.SnapshotIDs))
	rng := rand.New(rand.NewSource(1))
	b.ReportMetric(float64(ix.Len()), "cells")
	b.ReportMetric(float64(ix.Transitions()), "transitions")
	byOblast := make([]cells.Matrix, len(ix.Oblasts))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.ChangeInto(rng.Int31n(n), rng.Int31n(n), byOblast)
	}
}

// BenchmarkSeriesWhole is the series over the layer's whole history.
func BenchmarkSeriesWhole(b *testing.B) {
	svc, _ := benchService(b)
	ctx := context.Background()
	zero := frontline.Day{Start: time.Time{}.In(time.UTC)}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := svc.Series(ctx, "deepstate", zero, zero, time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlaceTimeline is one settlement's status on every day
// (Izium on the demo, Bakhmut on the full archive).
func BenchmarkPlaceTimeline(b *testing.B) {
	svc, _ := benchService(b)
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		b.Fatal(err)
	}
	name := "Izium"
	if os.Getenv("FRONTLINE_CELLS_DB") != "" {
		name = "Bakhmut"
	}
	var place *frontline.Place
	for i := range places {
		if places[i].Name == name && places[i].PointSource != "" && (place == nil || places[i].Population > place.Population) {
			place = &places[i]
		}
	}
	if place == nil {
		b.Fatalf("no %s in the gazetteer", name)
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := svc.PlaceTimeline(ctx, "deepstate", place, time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
}
