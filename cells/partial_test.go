package cells_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/cells"
	"github.com/frontline-osint/frontline/internal/shareddata"
)

// TestOneMapReadsOnlyCellsAroundItsChange: a Builder of a new process
// applying one map reads only the cells around the map's change; the
// cells it leaves are those of a Builder holding every cell.
func TestOneMapReadsOnlyCellsAroundItsChange(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(shareddata.Dir(t), "control", "deepstate", "daily-2022-08-20_2022-10-20", "*.geojson"))
	sort.Strings(files)
	if len(files) < 30 {
		t.Fatalf("%d demo maps", len(files))
	}
	// Every third map: a few days' change each.
	var maps []string
	for i := 0; i < 30; i += 3 {
		maps = append(maps, files[i])
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
	sync := func(b *cells.Builder, want int) {
		t.Helper()
		if n, err := b.Sync(ctx); err != nil || n != want {
			t.Fatalf("%s: %d maps applied, %v; want %d", b.Layer, n, err, want)
		}
	}
	// Layer "all" is built by one Builder holding every cell; "part" by a
	// new Builder for each map after the first four (as daily imports, each
	// a new process), then by one Builder for the last maps.
	whole := cells.NewBuilder(store, "all")
	for _, f := range maps[:4] {
		add("all", f)
		add("part", f)
	}
	sync(whole, 4)
	sync(cells.NewBuilder(store, "part"), 4)
	var kept *cells.Builder
	for i, f := range maps[4:] {
		add("all", f)
		add("part", f)
		sync(whole, 1)
		if i < 3 {
			sync(cells.NewBuilder(store, "part"), 1)
			continue
		}
		if kept == nil {
			kept = cells.NewBuilder(store, "part")
		}
		sync(kept, 1)
	}
	key := func(c frontline.Cell) string {
		return fmt.Sprintf("%s %.9f %.9f %.9f %.9f %.9f %v", c.Oblast, c.AreaKm2, c.MinLon, c.MinLat, c.MaxLon, c.MaxLat, c.History)
	}
	count := func(layer string) map[string]int {
		cs, err := store.Cells(ctx, layer, false)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, c := range cs {
			out[key(c)]++
		}
		return out
	}
	a, p := count("all"), count("part")
	diff := 0
	for k, n := range a {
		if p[k] != n {
			diff++
		}
	}
	for k, n := range p {
		if a[k] != n {
			diff++
		}
	}
	if diff > 0 || len(a) == 0 {
		t.Fatalf("%d cells differ between a build holding every cell (%d) and one reading the cells around each map's change (%d)", diff, len(a), len(p))
	}
}
