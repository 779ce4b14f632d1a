package control_test

import (
	"context"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/demo"
	"github.com/frontline-osint/frontline/gazetteer"
)

// BenchmarkEverySettlementEveryDay measures the control status of every
// located settlement of the gazetteer (about 29,400) on the map of every day
// of the demo window (2022-08-20 – 2022-10-20), on a fresh service: each
// distinct piece geometry is located once, then reused across days.
func BenchmarkEverySettlementEveryDay(b *testing.B) {
	svc := demoService(b)
	ctx := context.Background()
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		svc.SetPlaces(places) // cold: nothing located yet
		days, err := control.StatusEveryDay(ctx, svc, "deepstate")
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			b.ReportMetric(float64(days), "days")
			b.ReportMetric(float64(control.LocatedPairs(svc)), "pairs")
		}
	}
}

// demoService is a service holding the bundled demo window.
func demoService(b *testing.B) *control.Service {
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
