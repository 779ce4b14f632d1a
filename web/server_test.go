package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/assess"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/claims"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/demo"
	"github.com/frontline-osint/frontline/extract"
	"github.com/frontline-osint/frontline/gazetteer"
	fhttp "github.com/frontline-osint/frontline/http"
	"github.com/frontline-osint/frontline/report"
	"github.com/frontline-osint/frontline/sqlite"
	"github.com/frontline-osint/frontline/web"
)

// sharedData is the real data beside the repository (../shared/data).
var sharedData = filepath.Join("..", "..", "shared", "data")

// testServer is Frontline served as `frontline serve` serves it, with the
// services the tests add data through.
type testServer struct {
	*fhttp.Server
	svc     *control.Service
	reports *report.Service
	claims  *claims.Service
}

// MustOpenServer serves the whole of Frontline as `frontline serve` does: a
// real SQLite store in a temporary folder with the bundled demo imported,
// the embedded gazetteer, the seed article read into claims and assessed
// against the demo's DeepState layer, the API and the web map, on a free
// port of 127.0.0.1.
func MustOpenServer(t testing.TB) *testServer {
	t.Helper()
	db := mustDB(t)
	svc := mustControl(t, db)
	mustImportDemo(t, svc)
	g := mustGazetteer(t)
	svc.SetPlaces(g.Places)
	s := mustServe(t, db, svc, g)
	// The seed article, published on Saturday 2022-09-10.
	published := time.Date(2022, 9, 10, 0, 0, 0, 0, time.UTC)
	s.mustAddReport(t, filepath.Join(sharedData, "articles", "kharkiv-counteroffensive-2022-09.txt"), report.AddOptions{PublishedAt: &published})
	return s
}

// MustOpenDisagreeServer serves two polygon layers of 2024-08-01 that
// disagree: DeepState's monthly map and the occupied area of another
// archive (cyterat).
func MustOpenDisagreeServer(t testing.TB) *testServer {
	t.Helper()
	db := mustDB(t)
	svc := mustControl(t, db)
	ctx := context.Background()
	dir := filepath.Join(sharedData, "control", "deepstate")
	for _, imp := range []struct {
		layer, title, path string
		status             frontline.Status
		validAt            time.Time
	}{
		{"deepstate", "DeepStateMap", filepath.Join(dir, "monthly", "2024-08-01T204007Z.geojson"), "", time.Date(2024, 8, 1, 20, 40, 7, 0, time.UTC)},
		{"cyterat", "Occupied area (cyterat archive)", filepath.Join(dir, "cyterat-occupied-monthly", "2024-08-01.geojson"), frontline.StatusRussia, time.Date(2024, 8, 1, 0, 0, 0, 0, time.UTC)},
	} {
		data, err := os.ReadFile(imp.path)
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.CreateLayer(ctx, &frontline.Layer{Name: imp.layer, Title: imp.title}); err != nil {
			t.Fatal(err)
		}
		req := frontline.ImportRequest{Layer: imp.layer, SourceName: filepath.Base(imp.path), Data: data, Status: imp.status, ValidAt: imp.validAt}
		if _, err := svc.Import(ctx, req); err != nil {
			t.Fatalf("%s: %v", imp.path, err)
		}
	}
	g := mustGazetteer(t)
	svc.SetPlaces(g.Places)
	return mustServe(t, db, svc, g)
}

func mustDB(t testing.TB) *sqlite.DB {
	t.Helper()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "frontline.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func mustControl(t testing.TB, db *sqlite.DB) *control.Service {
	t.Helper()
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	return control.NewService(sqlite.NewSnapshotStore(db), bounds)
}

var (
	gazOnce sync.Once
	gaz     *gazetteer.Gazetteer
	gazErr  error
	extOnce sync.Once
	ext     *extract.Extractor
)

func mustGazetteer(t testing.TB) *gazetteer.Gazetteer {
	t.Helper()
	gazOnce.Do(func() {
		places, err := gazetteer.LoadEmbedded()
		if err != nil {
			gazErr = err
			return
		}
		gazetteer.FillNames(places)
		gaz = gazetteer.New(places)
	})
	if gazErr != nil {
		t.Fatal(gazErr)
	}
	return gaz
}

// mustServe wires the server as cmd/frontline's serve does: layers, places,
// maps, reports, sources, claims, and their assessment against the
// deepstate layer.
func mustServe(t testing.TB, db *sqlite.DB, svc *control.Service, g *gazetteer.Gazetteer) *testServer {
	t.Helper()
	extOnce.Do(func() { ext = extract.New(g) })
	rs, ss := sqlite.NewReportStore(db), sqlite.NewSourceStore(db)
	ts := &testServer{Server: fhttp.NewServer(), svc: svc, reports: report.NewService(rs, ss),
		claims: claims.NewService(rs, ss, sqlite.NewExtractionStore(db), ext, g)}
	if err := ts.reports.SeedSources(context.Background()); err != nil {
		t.Fatal(err)
	}
	s := ts.Server
	s.Addr = "127.0.0.1:0"
	s.EventPollInterval = 200 * time.Millisecond
	s.LayerService, s.PlaceService, s.MapService, s.FrontService = svc, g, svc, svc
	s.Reports, s.Sources, s.Claims = rs, ss, ts.claims
	s.Assessment = &assess.Service{Claims: ts.claims, Reports: rs, Sources: ss, Places: g, Extractor: ext,
		Layer: assess.NewTimelines(svc, "deepstate", time.Time{}, g)}
	s.Static = web.Handler()
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return ts
}

// mustAddReport stores a report file and reads its claims, as `frontline
// report add` does.
func (s *testServer) mustAddReport(t testing.TB, path string, opt report.AddOptions) {
	t.Helper()
	ctx := context.Background()
	res, err := s.reports.AddFile(ctx, path, opt)
	if err != nil || res.Outcome == report.Refused {
		t.Fatalf("%s: %v %+v", path, err, res)
	}
	if _, err := s.claims.ExtractPending(ctx, nil); err != nil {
		t.Fatal(err)
	}
}

// mustImportDemo imports the demo's days around the counteroffensive (22
// of its 90 maps): the tests need 2022-08-30 to 2022-09-20, and a whole
// import takes 10–40 s on two busy cores.
func mustImportDemo(t testing.TB, svc *control.Service) {
	t.Helper()
	ctx := context.Background()
	b, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
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
}
