package control_test

import (
	"context"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/demo"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/sqlite"
)

// BenchmarkEverySettlementEveryDay measures the control status of every
// located settlement of the gazetteer (about 29,400) on the map of every day
// of layer deepstate: the demo window (2022-08-20 – 2022-10-20, cells built
// at import), or the store in FRONTLINE_CELLS_DB (a copy of the full
// archive with its cells built; it is opened, and so migrated, in place).
// The answer is run-length by place, not a matrix of places by days.
//
// cold: the gazetteer set anew before each answer, so the place histories
// are read back from the store (stored by the first answer, which located
// every place: first-ms; what a command pays); warm: held in memory, an
// answer reads them there. The
// layer's cell index is read before the timer starts; first-ms is the
// first answer, reading it.
func BenchmarkEverySettlementEveryDay(b *testing.B) {
	svc := settlementBenchService(b)
	ctx := context.Background()
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		b.Fatal(err)
	}
	svc.SetPlaces(places)
	start := time.Now()
	days, runs, fromCells, err := control.SettlementDays(ctx, svc, "deepstate")
	if err != nil {
		b.Fatal(err)
	}
	first := time.Since(start)
	report := func(b *testing.B, cpu time.Duration) {
		pairs, read := control.SettlementPairs(svc, "deepstate")
		b.ReportMetric(float64(days), "days")
		b.ReportMetric(float64(runs), "runs")
		b.ReportMetric(float64(pairs), "pairs")
		b.ReportMetric(float64(read), "cells-read")
		b.ReportMetric(float64(first.Milliseconds()), "first-ms")
		b.ReportMetric(float64(cpu.Microseconds())/1e3/float64(b.N), "cpu-ms/op")
		b.ReportMetric(peakRSSMB(), "peak-MB")
		if !fromCells {
			b.Fatal("not answered from cells")
		}
	}
	b.Run("cold", func(b *testing.B) {
		b.ReportAllocs()
		cpu := cpuTime()
		for i := 0; i < b.N; i++ {
			svc.SetPlaces(places) // nothing located yet
			if _, _, _, err := control.SettlementDays(ctx, svc, "deepstate"); err != nil {
				b.Fatal(err)
			}
		}
		report(b, cpuTime()-cpu)
	})
	b.Run("warm", func(b *testing.B) {
		b.ReportAllocs()
		cpu := cpuTime()
		for i := 0; i < b.N; i++ {
			if _, _, _, err := control.SettlementDays(ctx, svc, "deepstate"); err != nil {
				b.Fatal(err)
			}
		}
		report(b, cpuTime()-cpu)
	})
}

// cpuTime is the CPU time (user and system) the process has used: on a
// loaded machine, wall time says little.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSSMB is the process's peak resident memory (VmHWM) in MB, 0 if
// unknown.
func peakRSSMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// settlementBenchService is a service on the store in FRONTLINE_CELLS_DB,
// or holding the demo window.
func settlementBenchService(b testing.TB) *control.Service {
	path := os.Getenv("FRONTLINE_CELLS_DB")
	if path == "" {
		return demoService(b)
	}
	return storeService(b, path)
}

// storeService is a service on the SQLite store at path (closed when the
// test ends).
func storeService(t testing.TB, path string) *control.Service {
	t.Helper()
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return control.NewService(sqlite.NewSnapshotStore(db), bounds)
}

// demoService is a service holding the bundled demo window.
func demoService(b testing.TB) *control.Service {
	svc, _ := newService(b)
	bundle, err := demo.Load()
	if err != nil {
		b.Fatal(err)
	}
	err = svc.ImportMany(context.Background(), len(bundle.Snapshots), func(i int) (frontline.ImportRequest, error) {
		sn := bundle.Snapshots[i]
		return frontline.ImportRequest{Layer: "deepstate", SourceName: sn.Name, Data: sn.GeoJSON, ValidAt: sn.ValidAt}, nil
	}, func(i int, _ *frontline.ImportResult, err error) {
		if err != nil {
			b.Fatal(err)
		}
	})
	if err != nil {
		b.Fatal(err)
	}
	return svc
}

// BenchmarkChangeWithSettlements measures a change between random pairs
// of days through the service with the gazetteer set (the settlements that
// changed hands included), after the places are located: on the demo
// window or on the store in FRONTLINE_CELLS_DB.
func BenchmarkChangeWithSettlements(b *testing.B) {
	svc := settlementBenchService(b)
	ctx := context.Background()
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		b.Fatal(err)
	}
	svc.SetPlaces(places)
	pairs := randomDayPairs(b, svc) // and locates the places
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	settlements := 0
	for i := 0; i < b.N; i++ {
		pr := pairs[i%len(pairs)]
		res, err := svc.Change(ctx, "deepstate", pr[0], pr[1], time.Time{})
		if err != nil {
			b.Fatal(err)
		}
		settlements += len(res.Settlements)
	}
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1e3/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(settlements)/float64(b.N), "settlements/op")
}

// randomDayPairs returns 256 random pairs (seed 1) of the deepstate
// layer's days, after one change over the whole layer (which reads the
// cells and locates the service's places, so that timing starts after).
func randomDayPairs(b testing.TB, svc *control.Service) [][2]frontline.Day {
	b.Helper()
	ctx := context.Background()
	snaps, err := svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate", Brief: true})
	if err != nil {
		b.Fatal(err)
	}
	var days []frontline.Day
	seen := map[string]bool{}
	for _, sn := range snaps {
		if label := sn.ValidAt.UTC().Format("2006-01-02"); !seen[label] {
			seen[label] = true
			days = append(days, day(b, label))
		}
	}
	rng := rand.New(rand.NewSource(1))
	pairs := make([][2]frontline.Day, 256)
	for i := range pairs {
		pairs[i] = [2]frontline.Day{days[rng.Intn(len(days))], days[rng.Intn(len(days))]}
	}
	if _, err := svc.Change(ctx, "deepstate", days[0], days[len(days)-1], time.Time{}); err != nil {
		b.Fatal(err)
	}
	return pairs
}
