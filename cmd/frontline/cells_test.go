package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/sqlite"
)

// TestImportNoCellsThenBuild: `layer import --no-cells` stores the maps and
// leaves the layer without cells; `layer cells` builds them afterwards.
func TestImportNoCellsThenBuild(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	files := []string{daily(t, "2022-09-06T220510Z.geojson"), daily(t, "2022-09-13T073503Z.geojson")}
	mustRun(t, db, append([]string{"layer", "import", "--layer", "deepstate", "--no-cells"}, files...)...)

	cellBuild := func() (*frontline.CellBuild, error) {
		s := sqlite.NewDB(db)
		if err := s.Open(); err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		return sqlite.NewSnapshotStore(s).CellBuild(context.Background(), "deepstate")
	}
	if b, err := cellBuild(); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("after --no-cells: build %+v, error %v; want no cells", b, err)
	}

	out := mustRun(t, db, "layer", "cells", "deepstate")
	if !strings.Contains(out, "2 maps applied") {
		t.Fatalf("layer cells: %s", out)
	}
	b, err := cellBuild()
	if err != nil || len(b.SnapshotIDs) != 2 {
		t.Fatalf("after layer cells: build %+v, error %v", b, err)
	}
}
