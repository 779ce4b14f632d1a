package cells_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/cells"
	"github.com/frontline-osint/frontline/control"
)

// TestSavesLeaveNothingBehind: after every Sync of one Builder — maps
// appended, a map inserted before the last built one, a correction of a
// built map recorded later, maps appended again, the last map corrected
// to the one before — every cell it holds is
// saved (none dirty, none new) and its decoded geometry dropped, and the
// store holds exactly those cells (IDs, oblasts, areas, boxes,
// histories). A map's save looks only at the cells its steps touched and
// those added: a cell changed and not looked at would be left unsaved.
func TestSavesLeaveNothingBehind(t *testing.T) {
	maps := dailyMapsEvery(t, 4)
	store, svc := storeWithoutCells(t)
	ctx := context.Background()
	b := cells.NewBuilder(store, "l")
	add := func(file, validFrom string, want int) {
		t.Helper()
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		req := frontline.ImportRequest{Layer: "l", SourceName: file, Data: data}
		if validFrom != "" {
			req.ValidAt, _ = control.TimeFromName(validFrom)
		}
		if res, err := svc.Import(ctx, req); err != nil || !res.Added {
			t.Fatalf("%s: %+v %v", filepath.Base(file), res, err)
		}
		if n, err := b.Sync(ctx); err != nil || n != want {
			t.Fatalf("%s: %d maps applied, %v; want %d", filepath.Base(file), n, err, want)
		}
		held := cells.HeldCells(b)
		stored, err := store.Cells(ctx, "l", false)
		if err != nil {
			t.Fatal(err)
		}
		if len(held) != len(stored) || len(held) == 0 {
			t.Fatalf("%s: %d cells held, %d stored", filepath.Base(file), len(held), len(stored))
		}
		sort.Slice(held, func(i, j int) bool { return held[i].Cell.ID < held[j].Cell.ID })
		for i, h := range held {
			c, s := h.Cell, stored[i]
			if h.Dirty || h.Decoded || c.ID == 0 {
				t.Fatalf("%s: cell %d held dirty %v, decoded %v", filepath.Base(file), c.ID, h.Dirty, h.Decoded)
			}
			if c.ID != s.ID || c.Oblast != s.Oblast || c.AreaKm2 != s.AreaKm2 || c.MinLon != s.MinLon || c.MinLat != s.MinLat ||
				c.MaxLon != s.MaxLon || c.MaxLat != s.MaxLat || !reflect.DeepEqual(c.History, s.History) {
				t.Fatalf("%s: cell held %+v, stored %+v", filepath.Base(file), c, s)
			}
		}
	}
	for i := 0; i < 6; i += 2 {
		add(maps[i], "", 1)
	}
	add(maps[1], "", 3)      // before the last built maps: positions 1 to 3 again
	add(maps[9], maps[2], 2) // a correction of the map at position 2, recorded later
	for _, f := range maps[6:9] {
		add(f, "", 1)
	}
	// The last map corrected to the one before: no ground changes at its
	// position any more, so no step touches the cells whose statuses it
	// cut back.
	add(maps[7], maps[8], 1)
}
