package cells_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/cells"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/internal/shareddata"
	"github.com/frontline-osint/frontline/sqlite"
)

// TestOverlayFailureIsNotedAndLeftToTheNextMap: when a map's overlays
// fail, the build notes it and goes on; the oblasts left behind are
// brought up to date by the next map's step, which applies the change of
// both, so the cells then agree with that map.
func TestOverlayFailureIsNotedAndLeftToTheNextMap(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(shareddata.Dir(t), "control", "deepstate", "daily-2022-08-20_2022-10-20", "*.geojson"))
	sort.Strings(files)
	if len(files) < 3 {
		t.Fatalf("%d demo maps", len(files))
	}
	store, svc := storeWithoutCells(t)
	ctx := context.Background()
	add := func(layer, file string) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Import(ctx, frontline.ImportRequest{Layer: layer, SourceName: file, Data: data}); err != nil {
			t.Fatal(err)
		}
	}
	add("failed", files[0])
	add("failed", files[1])

	cells.FailOverlays(func(string) bool { return true })
	defer cells.FailOverlays(nil)
	b := cells.NewBuilder(store, "failed")
	if n, err := b.Sync(ctx); err != nil || n != 2 {
		t.Fatalf("sync with failing overlays: %d maps, %v", n, err)
	}
	left := 0
	for _, n := range b.Notes {
		if strings.Contains(n, "left to the next map") {
			left++
		}
	}
	if left == 0 {
		t.Fatalf("no oblast noted as left to the next map; notes: %q", b.Notes)
	}
	cells.FailOverlays(nil)

	add("failed", files[2])
	if n, err := b.Sync(ctx); err != nil || n != 1 {
		t.Fatalf("sync: %d maps, %v", n, err)
	}
	if len(b.Notes) != 0 {
		t.Fatalf("a sync without failures kept notes: %q", b.Notes)
	}
	areas := func(layer string) [4]float64 {
		ix, err := cells.Load(ctx, store, layer)
		if err != nil {
			t.Fatal(err)
		}
		var out [4]float64
		for _, ob := range ix.Areas(2) {
			for i, a := range ob {
				out[i] += a
			}
		}
		return out
	}
	// The change of the second map is in the cells of the third: they
	// agree with the third map's own areas (within the overlays' noise on
	// the grey zone's thin pieces, ~1e-3 km²; the second map changed
	// ~150 km²).
	snaps, err := store.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "failed"})
	if err != nil || len(snaps) != 3 {
		t.Fatalf("%d maps, %v", len(snaps), err)
	}
	got := areas("failed")
	for _, st := range []frontline.Status{frontline.StatusRussia, frontline.StatusContested} {
		want := snaps[2].AreasKm2[st]
		if g := got[cells.StatusIndex(st)]; math.Abs(g-want) > 0.01 {
			t.Errorf("%s on the third map: %.6f km² in the cells, %.6f on the map", st, g, want)
		}
	}
}

// storeWithoutCells is a fresh SQLite store in t.TempDir() and a service
// on it that builds no cells on import (the tests build them themselves).
func storeWithoutCells(t *testing.T) (*sqlite.SnapshotStore, *control.Service) {
	t.Helper()
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "cells.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store := sqlite.NewSnapshotStore(db)
	svc := control.NewService(store, bounds)
	svc.NoCells = true
	return store, svc
}
