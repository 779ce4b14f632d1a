package cells_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/cells"
)

// A Builder drops a cell's decoded geometry once the cell is saved (its
// WKB holds it) and decodes it again when a later map touches the cell:
// the cells are those of a Builder that keeps every geometry decoded, to
// the bit.
func TestForgottenGeometryBuildsTheSameCells(t *testing.T) {
	// Every third map, applied one at a time as an import of a folder
	// does (one Builder, one Sync a map): the front's cells are touched
	// on map after map.
	maps := dailyMapsEvery(t, 3)
	store, svc := storeWithoutCells(t)
	ctx := context.Background()
	layers := []string{"keep", "forget"}
	builders := map[string]*cells.Builder{}
	for _, layer := range layers {
		builders[layer] = cells.NewBuilder(store, layer)
	}
	defer cells.KeepDecodedCells(false)
	for _, f := range maps {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, layer := range layers {
			if _, err := svc.Import(ctx, frontline.ImportRequest{Layer: layer, SourceName: f, Data: data}); err != nil {
				t.Fatal(err)
			}
			cells.KeepDecodedCells(layer == "keep")
			if n, err := builders[layer].Sync(ctx); err != nil || n != 1 {
				t.Fatalf("%s, %s: %d maps applied, %v", layer, filepath.Base(f), n, err)
			}
		}
	}
	keep, err := store.Cells(ctx, "keep", true)
	if err != nil {
		t.Fatal(err)
	}
	forget, err := store.Cells(ctx, "forget", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(keep) != len(forget) || len(keep) == 0 {
		t.Fatalf("%d cells kept decoded, %d forgotten", len(keep), len(forget))
	}
	for i := range keep {
		a, c := keep[i], forget[i]
		if a.Oblast != c.Oblast || a.AreaKm2 != c.AreaKm2 || !bytes.Equal(a.WKB, c.WKB) || !reflect.DeepEqual(a.History, c.History) {
			t.Fatalf("cell %d: %s %.9f km² %v kept decoded, %s %.9f km² %v forgotten (same geometry: %v)",
				i, a.Oblast, a.AreaKm2, a.History, c.Oblast, c.AreaKm2, c.History, bytes.Equal(a.WKB, c.WKB))
		}
	}
	if !reflect.DeepEqual(builders["keep"].Notes, builders["forget"].Notes) {
		t.Fatalf("notes differ: %q kept decoded, %q forgotten", builders["keep"].Notes, builders["forget"].Notes)
	}
	t.Logf("%d maps, %d cells", len(maps), len(keep))
}
