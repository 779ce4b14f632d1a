package alert_test

import (
	"context"
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

var (
	gazOnce sync.Once
	gaz     *gazetteer.Gazetteer
	gazErr  error
)

// env is a store in t.TempDir() with the bundled demo's DeepState maps of
// the days from..to loaded, the gazetteer, and an engine on them.
type env struct {
	db     *sqlite.DB
	svc    *control.Service
	store  *sqlite.AlertStore
	gaz    *gazetteer.Gazetteer
	engine *alert.Engine
	demo   []demo.Snapshot // the demo's snapshots not loaded yet (after to)
}

func newEnv(t testing.TB, from, to string) *env {
	t.Helper()
	gazOnce.Do(func() {
		places, err := gazetteer.LoadEmbedded()
		if err != nil {
			gazErr = err
			return
		}
		gaz = gazetteer.New(places)
	})
	if gazErr != nil {
		t.Fatal(gazErr)
	}
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "f.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := control.NewService(sqlite.NewSnapshotStore(db), bounds)
	svc.SetPlaces(gaz.Places)
	b, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := svc.CreateLayer(ctx, &frontline.Layer{Name: b.Layer, Title: b.Title, Source: b.Source, Licence: b.Licence}); err != nil {
		t.Fatal(err)
	}
	e := &env{db: db, svc: svc, store: sqlite.NewAlertStore(db), gaz: gaz}
	for _, sn := range b.Snapshots {
		d := sn.ValidAt.UTC().Format("2006-01-02")
		if d < from {
			continue
		}
		if d > to {
			e.demo = append(e.demo, sn)
			continue
		}
		e.importSnapshot(t, sn)
	}
	e.engine = &alert.Engine{Watches: e.store, Alerts: e.store, Layers: svc, Front: svc, Places: gaz,
		AllPlaces: func() ([]frontline.Place, error) { return gaz.Places, nil }, Backoff: 20 * time.Millisecond, MaxAttempts: 3}
	return e
}

func (e *env) importSnapshot(t testing.TB, sn demo.Snapshot) {
	t.Helper()
	if _, err := e.svc.Import(context.Background(), frontline.ImportRequest{Layer: demo.Layer, SourceName: sn.Name, Data: sn.GeoJSON, ValidAt: sn.ValidAt}); err != nil {
		t.Fatal(err)
	}
}

// place finds a settlement by name in an oblast.
func (e *env) place(t testing.TB, name, oblast string) *frontline.Place {
	t.Helper()
	cs, err := e.gaz.SearchPlaces(context.Background(), frontline.PlaceQuery{Text: name, Oblast: oblast, Limit: 1})
	if err != nil || len(cs) == 0 {
		t.Fatalf("%s: %v", name, err)
	}
	return cs[0].Place
}
