package sqlite_test

import (
	"bytes"
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/sqlite"
)

// TestSaveCellsHistoryOnly: a cell saved again with HistoryOnly keeps its
// stored geometry, area and box (in the row and in the R*Tree) and takes
// the new history, even when saved without its WKB; a cell saved without
// HistoryOnly is rewritten whole.
func TestSaveCellsHistoryOnly(t *testing.T) {
	ctx := context.Background()
	s := sqlite.NewSnapshotStore(MustOpenDB(t))
	if err := s.CreateLayer(ctx, &frontline.Layer{Name: "l"}); err != nil {
		t.Fatal(err)
	}
	b := &frontline.CellBuild{Layer: "l", SnapshotIDs: []int64{1}, BuiltAt: time.Unix(1, 0)}
	wkb := []byte{1, 2, 3}
	c := &frontline.Cell{Oblast: "UA-14", AreaKm2: 2, MinLon: 37, MinLat: 48, MaxLon: 38, MaxLat: 49,
		History: []frontline.CellStatus{{Seq: 0, Status: frontline.StatusRussia}}, WKB: wkb}
	if err := s.SaveCells(ctx, b, []*frontline.Cell{c}, nil, false); err != nil {
		t.Fatal(err)
	}
	hist := []frontline.CellStatus{{Seq: 0, Status: frontline.StatusRussia}, {Seq: 1, Status: frontline.StatusUkraine}}
	again := &frontline.Cell{ID: c.ID, Oblast: "UA-14", AreaKm2: 99, MinLon: 10, MinLat: 10, MaxLon: 11, MaxLat: 11,
		History: hist, HistoryOnly: true}
	b.SnapshotIDs = append(b.SnapshotIDs, 2)
	if err := s.SaveCells(ctx, b, []*frontline.Cell{again}, nil, false); err != nil {
		t.Fatal(err)
	}
	got, err := s.Cells(ctx, "l", true)
	if err != nil || len(got) != 1 {
		t.Fatalf("%d cells, %v", len(got), err)
	}
	g := got[0]
	if g.AreaKm2 != 2 || g.MinLon != 37 || g.MaxLat != 49 || !bytes.Equal(g.WKB, wkb) || !reflect.DeepEqual(g.History, hist) {
		t.Fatalf("after a history-only save: %+v", g)
	}
	if in, err := s.CellsIn(ctx, "l", 37.5, 48.5, 37.6, 48.6, false); err != nil || len(in) != 1 {
		t.Fatalf("R*Tree at the stored box: %d cells, %v", len(in), err)
	}
	if in, err := s.CellsIn(ctx, "l", 10.5, 10.5, 10.6, 10.6, false); err != nil || len(in) != 0 {
		t.Fatalf("R*Tree at the box not stored: %d cells, %v", len(in), err)
	}
	// Without HistoryOnly the row and its box are rewritten.
	again.HistoryOnly, again.WKB = false, []byte{4}
	if err := s.SaveCells(ctx, b, []*frontline.Cell{again}, nil, false); err != nil {
		t.Fatal(err)
	}
	if in, err := s.CellsIn(ctx, "l", 10.5, 10.5, 10.6, 10.6, false); err != nil || len(in) != 1 || in[0].AreaKm2 != 99 {
		t.Fatalf("after a whole save: %+v, %v", in, err)
	}
	// A new geometry in the same box: the row is rewritten, and the
	// R*Tree still finds the cell there.
	again.WKB, again.AreaKm2 = []byte{5}, 98
	if err := s.SaveCells(ctx, b, []*frontline.Cell{again}, nil, false); err != nil {
		t.Fatal(err)
	}
	if in, err := s.CellsIn(ctx, "l", 10.5, 10.5, 10.6, 10.6, true); err != nil || len(in) != 1 || in[0].AreaKm2 != 98 || !bytes.Equal(in[0].WKB, []byte{5}) {
		t.Fatalf("after a save in the same box: %+v, %v", in, err)
	}
	// A whole save of a cell that is not stored fails.
	gone := &frontline.Cell{ID: c.ID + 100, Oblast: "UA-14", History: hist, WKB: []byte{6}}
	if err := s.SaveCells(ctx, b, []*frontline.Cell{gone}, nil, false); frontline.ErrorCode(err) != frontline.EINTERNAL {
		t.Fatalf("whole save of a missing cell: %v, want EINTERNAL", err)
	}
	// A history-only save of a cell that is not stored fails.
	missing := &frontline.Cell{ID: c.ID + 100, Oblast: "UA-14", History: hist, HistoryOnly: true}
	if err := s.SaveCells(ctx, b, []*frontline.Cell{missing}, nil, false); frontline.ErrorCode(err) != frontline.EINTERNAL {
		t.Fatalf("history-only save of a missing cell: %v, want EINTERNAL", err)
	}
}
