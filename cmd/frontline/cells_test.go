package main

import (
	"bytes"
	"context"
	"encoding/json"
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
	if !strings.Contains(out, "2 maps applied") || strings.Contains(out, "notes") || !strings.Contains(out, "places located in the cells") {
		t.Fatalf("layer cells (no overlay fails on these maps): %s", out)
	}
	b, err := cellBuild()
	if err != nil || len(b.SnapshotIDs) != 2 {
		t.Fatalf("after layer cells: build %+v, error %v", b, err)
	}
}

// TestPrintCellNotes: the notes of a build (overlays that failed) are
// printed, all of them by layer cells, the first few by layer import.
func TestPrintCellNotes(t *testing.T) {
	var buf bytes.Buffer
	printCellNotes(&buf, nil, -1)
	if buf.Len() != 0 {
		t.Fatalf("no notes printed %q", buf.String())
	}
	notes := []string{"map 7 (position 3), oblast UA-14: change not applied, left to the next map: x", "b", "c"}
	printCellNotes(&buf, notes, -1)
	want := "Cells: 3 notes: overlays that failed, redone on a coarser grid or left to the next map:\n  " + notes[0] + "\n  b\n  c\n"
	if buf.String() != want {
		t.Fatalf("got %q, want %q", buf.String(), want)
	}
	buf.Reset()
	printCellNotes(&buf, notes, 1)
	if !strings.Contains(buf.String(), notes[0]) || strings.Contains(buf.String(), "  b\n") || !strings.Contains(buf.String(), "and 2 more") {
		t.Fatalf("limited to 1: %q", buf.String())
	}
}

// TestBulkImportLocatesPlaces: an import of more than one map with cells
// locates the gazetteer's places and stores their histories with the
// build's transitions, as `layer cells` does, so that the first command
// after it reads them; an import of one map, or --no-cells, does not.
func TestBulkImportLocatesPlaces(t *testing.T) {
	rows := func(db, table string) int {
		t.Helper()
		s := sqlite.NewDB(db)
		if err := s.Open(); err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		r, err := s.QueryContext(context.Background(), "SELECT count(*) FROM "+table)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		n := 0
		for r.Next() {
			if err := r.Scan(&n); err != nil {
				t.Fatal(err)
			}
		}
		return n
	}
	files := []string{daily(t, "2022-09-06T220510Z.geojson"), daily(t, "2022-09-13T073503Z.geojson")}

	db := filepath.Join(t.TempDir(), "f.db")
	out := mustRun(t, db, append([]string{"layer", "import", "--layer", "deepstate", "--json"}, files...)...)
	var sum importSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if sum.Added != 2 || sum.PlacesLocated == 0 {
		t.Fatalf("bulk import: %d added, %d places located; want 2 and some", sum.Added, sum.PlacesLocated)
	}
	if rows(db, "cell_places") != 1 || rows(db, "cell_changes") != 1 {
		t.Fatalf("bulk import: %d cell_places rows, %d cell_changes rows; want 1 and 1", rows(db, "cell_places"), rows(db, "cell_changes"))
	}
	out = mustRun(t, db, append([]string{"layer", "import", "--layer", "deepstate"}, daily(t, "2022-09-20T192839Z.geojson"), daily(t, "2022-09-21T201434Z.geojson"))...)
	if !strings.Contains(out, "places located in the cells") {
		t.Errorf("bulk import, text: no line for the places located:\n%s", out)
	}

	for _, args := range [][]string{
		{"layer", "import", "--layer", "deepstate", "--json", files[0]},
		append([]string{"layer", "import", "--layer", "deepstate", "--json", "--no-cells"}, files...),
	} {
		db := filepath.Join(t.TempDir(), "f.db")
		out := mustRun(t, db, args...)
		var sum importSummary
		if err := json.Unmarshal([]byte(out), &sum); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if sum.PlacesLocated != 0 || rows(db, "cell_places") != 0 {
			t.Errorf("%v: %d places located, %d cell_places rows; want none", args, sum.PlacesLocated, rows(db, "cell_places"))
		}
	}
}
