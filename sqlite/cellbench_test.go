package sqlite_test

import (
	"context"
	"os"
	"testing"

	"github.com/frontline-osint/frontline/cells"
	"github.com/frontline-osint/frontline/sqlite"
)

// BenchmarkCellIndexLoad reads a layer's cells without geometry and builds
// their index, as a server does on the first question that needs them.
// It runs on a store given in FRONTLINE_CELLS_DB (layer deepstate with
// cells built, e.g. the full archive; see docs/BENCHMARKS.md) and is
// skipped without one.
func BenchmarkCellIndexLoad(b *testing.B) {
	path := os.Getenv("FRONTLINE_CELLS_DB")
	if path == "" {
		b.Skip("FRONTLINE_CELLS_DB not set")
	}
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	store := sqlite.NewSnapshotStore(db)
	ctx := context.Background()
	build, err := store.CellBuild(ctx, "deepstate")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		cs, err := store.Cells(ctx, "deepstate", false)
		if err != nil {
			b.Fatal(err)
		}
		if ix := cells.NewIndex(build, cs); ix == nil {
			b.Fatal("no index")
		}
	}
}
