package alert_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/alert"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/demo"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/sqlite"
)

// The tests' window of the bundled demo: DeepState's maps of 8–17
// September 2022 (Kupiansk retaken on the 10th), built once and copied.
const windowFrom, windowTo = "2022-09-08", "2022-09-17"

var (
	setupOnce sync.Once
	gaz       *gazetteer.Gazetteer
	bounds    *boundaries.Set
	baseDB    string
	later     []demo.Snapshot // the demo's maps after the window
	setupErr  error
)

func setup() {
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		setupErr = err
		return
	}
	gaz = gazetteer.New(places)
	if bounds, err = boundaries.Load(); err != nil {
		setupErr = err
		return
	}
	dir, err := os.MkdirTemp("", "frontline-alert-test")
	if err != nil {
		setupErr = err
		return
	}
	baseDB = filepath.Join(dir, "f.db")
	db := sqlite.NewDB(baseDB)
	if setupErr = db.Open(); setupErr != nil {
		return
	}
	defer db.Close()
	svc := control.NewService(sqlite.NewSnapshotStore(db), bounds)
	b, err := demo.Load()
	if err != nil {
		setupErr = err
		return
	}
	ctx := context.Background()
	if setupErr = svc.CreateLayer(ctx, &frontline.Layer{Name: b.Layer, Title: b.Title, Source: b.Source, Licence: b.Licence}); setupErr != nil {
		return
	}
	for _, sn := range b.Snapshots {
		d := sn.ValidAt.UTC().Format("2006-01-02")
		if d < windowFrom {
			continue
		}
		if d > windowTo {
			later = append(later, sn)
			continue
		}
		if _, setupErr = svc.Import(ctx, frontline.ImportRequest{Layer: b.Layer, SourceName: sn.Name, Data: sn.GeoJSON, ValidAt: sn.ValidAt}); setupErr != nil {
			return
		}
	}
}

// env is a copy of the window's store in t.TempDir(), the gazetteer, and
// an engine on them.
type env struct {
	db     *sqlite.DB
	svc    *control.Service
	store  *sqlite.AlertStore
	engine *alert.Engine
}

func newEnv(t testing.TB) *env {
	t.Helper()
	setupOnce.Do(setup)
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	b, err := os.ReadFile(baseDB)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "f.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := control.NewService(sqlite.NewSnapshotStore(db), bounds)
	svc.SetPlaces(gaz.Places)
	e := &env{db: db, svc: svc, store: sqlite.NewAlertStore(db)}
	e.engine = &alert.Engine{Watches: e.store, Alerts: e.store, Layers: svc, Front: svc, Places: gaz,
		AllPlaces: func() ([]frontline.Place, error) { return gaz.Places, nil }, Backoff: 20 * time.Millisecond, MaxAttempts: 3}
	t.Cleanup(e.engine.Close)
	return e
}

func (e *env) importSnapshot(t testing.TB, sn demo.Snapshot) {
	t.Helper()
	if _, err := e.svc.Import(context.Background(), frontline.ImportRequest{Layer: demo.Layer, SourceName: sn.Name, Data: sn.GeoJSON, ValidAt: sn.ValidAt}); err != nil {
		t.Fatal(err)
	}
}

// place finds a settlement by name.
func place(t testing.TB, name string) *frontline.Place {
	t.Helper()
	cs, err := gaz.SearchPlaces(context.Background(), frontline.PlaceQuery{Text: name, Oblast: "Kharkiv", Limit: 1})
	if err != nil || len(cs) == 0 {
		t.Fatalf("%s: %v", name, err)
	}
	return cs[0].Place
}

// watch stores a watch of the kind on the place (by name; "" for none).
func (e *env) watch(t testing.TB, w frontline.Watch, placeName string) *frontline.Watch {
	t.Helper()
	if w.Layer == "" {
		w.Layer = "deepstate"
	}
	if err := frontline.ResolveWatchPlace(context.Background(), gaz, &w, placeName); err != nil {
		t.Fatal(err)
	}
	if err := e.store.CreateWatch(context.Background(), &w); err != nil {
		t.Fatal(err)
	}
	return &w
}

func (e *env) evaluate(t testing.TB) *alert.Result {
	t.Helper()
	res, err := e.engine.Evaluate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, msg := range res.Errors {
		t.Error(msg)
	}
	e.engine.Wait()
	return res
}

// alertsOf lists a watch's alerts, oldest first.
func (e *env) alertsOf(t testing.TB, watchID int64) []*frontline.Alert {
	t.Helper()
	as, err := e.store.FindAlerts(context.Background(), frontline.AlertFilter{WatchID: watchID})
	if err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(as)-1; i < j; i, j = i+1, j-1 {
		as[i], as[j] = as[j], as[i]
	}
	return as
}

func days(as []*frontline.Alert) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Day)
	}
	return out
}
