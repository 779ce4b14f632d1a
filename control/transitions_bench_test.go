package control_test

import (
	"context"
	"testing"
	"time"

	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/gazetteer"
)

// BenchmarkChangeHeldOrStored is BenchmarkChangeWithSettlements (random
// pairs of days, seed 1, the settlements that changed hands included) on
// the two paths a change from cells takes: held, the whole cell index in
// memory (a server reads it when it starts: WarmCells); stored, the
// transitions stored with the build, their rows read as changes need them
// (a command, or a service that has read no index). The place histories
// are read (or located and stored) before the timer starts.
func BenchmarkChangeHeldOrStored(b *testing.B) {
	ctx := context.Background()
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		b.Fatal(err)
	}
	for _, held := range []bool{true, false} {
		name := "stored"
		if held {
			name = "held"
		}
		b.Run(name, func(b *testing.B) {
			svc := settlementBenchService(b)
			svc.SetPlaces(places)
			if held {
				if err := svc.WarmCells(ctx); err != nil {
					b.Fatal(err)
				}
			}
			pairs := randomDayPairs(b, svc)
			if !held && control.IndexHeld(svc, "deepstate") {
				// A store whose transitions were not stored yet (the
				// demo's) is answered from the index once, which stores
				// them: a new service on it reads the rows, as a new
				// process does.
				svc = control.NewService(svc.Store, svc.Bounds)
				svc.SetPlaces(places)
				randomDayPairs(b, svc)
			}
			if control.IndexHeld(svc, "deepstate") != held {
				b.Fatalf("index held: %v, want %v", !held, held)
			}
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
		})
	}
}
