package web_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/demo"
	"github.com/frontline-osint/frontline/gazetteer"
	fhttp "github.com/frontline-osint/frontline/http"
	"github.com/frontline-osint/frontline/sqlite"
	"github.com/frontline-osint/frontline/web"
)

// MustOpenServer serves the whole of Frontline as `frontline serve` does: a
// real SQLite store in a temporary folder with the bundled demo imported,
// the embedded gazetteer, the API and the web map, on a free port of
// 127.0.0.1.
func MustOpenServer(t testing.TB) (*fhttp.Server, *control.Service) {
	t.Helper()
	svc, g := mustDemoService(t)
	s := fhttp.NewServer()
	s.Addr = "127.0.0.1:0"
	s.EventPollInterval = 200 * time.Millisecond
	s.LayerService, s.PlaceService, s.MapService, s.FrontService = svc, g, svc, svc
	s.Static = web.Handler()
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, svc
}

func mustDemoService(t testing.TB) (*control.Service, *gazetteer.Gazetteer) {
	t.Helper()
	ctx := context.Background()
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "frontline.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := control.NewService(sqlite.NewSnapshotStore(db), bounds)

	b, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	// The demo's days around the counteroffensive (22 of its 90 maps): the
	// tests need 2022-09-06 to 2022-09-14, and a whole import takes 10–40 s
	// on two busy cores.
	var window []demo.Snapshot
	for _, sn := range b.Snapshots {
		if !sn.ValidAt.Before(time.Date(2022, 8, 30, 0, 0, 0, 0, time.UTC)) && sn.ValidAt.Before(time.Date(2022, 9, 21, 0, 0, 0, 0, time.UTC)) {
			window = append(window, sn)
		}
	}
	b.Snapshots = window
	if err := svc.CreateLayer(ctx, &frontline.Layer{Name: b.Layer, Title: b.Title, Source: b.Source, Licence: b.Licence}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var failed error
	err = svc.ImportMany(ctx, len(b.Snapshots), func(i int) (frontline.ImportRequest, error) {
		sn := b.Snapshots[i]
		return frontline.ImportRequest{Layer: b.Layer, SourceName: sn.Name, Data: sn.GeoJSON, ValidAt: sn.ValidAt}, nil
	}, func(i int, _ *frontline.ImportResult, err error) {
		mu.Lock()
		defer mu.Unlock()
		if err != nil && failed == nil {
			failed = fmt.Errorf("demo snapshot %s: %w", b.Snapshots[i].Name, err)
		}
	})
	if err == nil {
		err = failed
	}
	if err != nil {
		t.Fatal(err)
	}

	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	gazetteer.FillNames(places)
	g := gazetteer.New(places)
	svc.SetPlaces(g.Places)
	return svc, g
}
