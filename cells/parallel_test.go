package cells_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/cells"
	"github.com/frontline-osint/frontline/internal/shareddata"
)

// dailyMapsEvery returns every step-th of the first 40 daily maps of
// 2022-08-20 to 2022-10-20 in ../shared/data, in time order.
func dailyMapsEvery(t *testing.T, step int) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(shareddata.Dir(t), "control", "deepstate", "daily-2022-08-20_2022-10-20", "*.geojson"))
	sort.Strings(files)
	if len(files) < 40 {
		t.Fatalf("%d demo maps", len(files))
	}
	var maps []string
	for i := 0; i < 40; i += step {
		maps = append(maps, files[i])
	}
	return maps
}

// TestWorkersBuildTheSameCells: the same maps built one oblast, window
// and cell after the other (Workers 1) and on four goroutines give the
// same cells, in the same order, to the bit, with the same notes.
func TestWorkersBuildTheSameCells(t *testing.T) {
	// Every fourth map: a few days' change each, the Kharkiv
	// counteroffensive among them (many oblasts change at once).
	maps := dailyMapsEvery(t, 4)
	store, svc := storeWithoutCells(t)
	ctx := context.Background()
	for _, layer := range []string{"one", "four"} {
		for _, f := range maps {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := svc.Import(ctx, frontline.ImportRequest{Layer: layer, SourceName: f, Data: data}); err != nil {
				t.Fatal(err)
			}
		}
	}
	var notes [2][]string
	for i, layer := range []string{"one", "four"} {
		b := cells.NewBuilder(store, layer)
		b.Workers = 1 + 3*i
		if n, err := b.Sync(ctx); err != nil || n != len(maps) {
			t.Fatalf("%s: %d maps applied, %v", layer, n, err)
		}
		notes[i] = b.Notes
	}
	one, err := store.Cells(ctx, "one", true)
	if err != nil {
		t.Fatal(err)
	}
	four, err := store.Cells(ctx, "four", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(one) != len(four) || len(one) == 0 {
		t.Fatalf("%d cells on one goroutine, %d on four", len(one), len(four))
	}
	for i := range one {
		a, c := one[i], four[i]
		if a.Oblast != c.Oblast || a.AreaKm2 != c.AreaKm2 || !bytes.Equal(a.WKB, c.WKB) || !reflect.DeepEqual(a.History, c.History) {
			t.Fatalf("cell %d: %s %.9f km² %v on one goroutine, %s %.9f km² %v on four (same geometry: %v)",
				i, a.Oblast, a.AreaKm2, a.History, c.Oblast, c.AreaKm2, c.History, bytes.Equal(a.WKB, c.WKB))
		}
	}
	if !reflect.DeepEqual(notes[0], notes[1]) {
		t.Fatalf("notes differ: %q on one goroutine, %q on four", notes[0], notes[1])
	}
	t.Logf("%d maps, %d cells, %d notes", len(maps), len(one), len(notes[0]))
}
