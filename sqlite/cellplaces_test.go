package sqlite_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/sqlite"
)

// TestCellPlaces checks that the places located in a layer's cells are
// stored per place set and read back, the located cells only when asked,
// and that a set's rows of an older build go when another set is stored.
func TestCellPlaces(t *testing.T) {
	ctx := context.Background()
	s := sqlite.NewSnapshotStore(MustOpenDB(t))
	if _, _, _, _, err := s.CellPlaces(ctx, "deepstate", "a", true); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("nothing stored: %v, want ENOTFOUND", err)
	}
	if err := s.SaveCellPlaces(ctx, "deepstate", "a", 3, 42, []byte("runs"), []byte("located")); err != nil {
		t.Fatal(err)
	}
	v, at, runs, located, err := s.CellPlaces(ctx, "deepstate", "a", false)
	if err != nil || v != 3 || at != 42 || !bytes.Equal(runs, []byte("runs")) || located != nil {
		t.Fatalf("read %d %d %q %q %v", v, at, runs, located, err)
	}
	if _, _, _, located, _ = s.CellPlaces(ctx, "deepstate", "a", true); !bytes.Equal(located, []byte("located")) {
		t.Fatalf("located %q", located)
	}
	// Replaced for the same set; another set of a newer build drops it.
	if err := s.SaveCellPlaces(ctx, "deepstate", "a", 4, 43, []byte("r2"), []byte("l2")); err != nil {
		t.Fatal(err)
	}
	if v, _, runs, _, _ = s.CellPlaces(ctx, "deepstate", "a", false); v != 4 || string(runs) != "r2" {
		t.Fatalf("replaced: %d %q", v, runs)
	}
	if err := s.SaveCellPlaces(ctx, "deepstate", "b", 5, 44, []byte("r3"), []byte("l3")); err != nil {
		t.Fatal(err)
	}
	if _, _, _, _, err := s.CellPlaces(ctx, "deepstate", "a", false); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Errorf("set a of build 4 after set b of build 5: %v, want ENOTFOUND", err)
	}
	if _, _, _, _, err := s.CellPlaces(ctx, "other", "b", false); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Errorf("another layer: %v, want ENOTFOUND", err)
	}
}
