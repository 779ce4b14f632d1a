package control_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/gazetteer"
)

// TestSettlementsEveryDayFromCells checks the status of every settlement
// of the gazetteer on every day from the cells' place histories against
// each map's pieces, and the settlements that changed hands between maps.
// The maps are the demo's from late September, when the front along the
// Oskil river (a shore for the sliver rule) moved.
func TestSettlementsEveryDayFromCells(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 6 maps")
	}
	files := demoFiles(t)
	svc, _ := newService(t)
	ctx := context.Background()
	var days []string
	for i, f := range files {
		if i%6 == 0 && i >= 54 {
			importFile(t, svc, "deepstate", f)
			days = append(days, filepath.Base(f)[:10])
		}
	}
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	ref := referenceService(svc)
	svc.SetPlaces(places)
	ref.SetPlaces(places)
	compareSettlementDays(t, svc, ref)
	compareSettlementPeriods(t, svc, ref, days)
	_, read := control.SettlementPairs(svc, "deepstate")

	// A map between two others: the cells are rebuilt from its position
	// on; the cells not split keep the places located in them.
	importFile(t, svc, "deepstate", files[57])
	compareSettlementDays(t, svc, ref)
	if _, again := control.SettlementPairs(svc, "deepstate"); again >= read {
		t.Errorf("after a new map %d cells read to locate places, %d the first time: none reused", again, read)
	}

	moved := 0
	for _, pr := range [][2]string{{days[0], days[len(days)-1]}, {days[len(days)-1], days[0]}, {days[1], days[2]}, {days[2], days[4]}} {
		g, err := svc.Change(ctx, "deepstate", day(t, pr[0]), day(t, pr[1]), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		w, err := ref.Change(ctx, "deepstate", day(t, pr[0]), day(t, pr[1]), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		moved += len(w.Settlements)
		if !reflect.DeepEqual(g.Settlements, w.Settlements) {
			t.Errorf("%s→%s: %d settlements changed hands from cells, %d from pieces", pr[0], pr[1], len(g.Settlements), len(w.Settlements))
		}
	}
	if moved == 0 {
		t.Error("no settlement changed hands between the pairs compared")
	}
}

// compareSettlementDays checks the status of every settlement on every
// day from cells against the pieces.
func compareSettlementDays(t *testing.T, svc, ref *control.Service) {
	t.Helper()
	ctx := context.Background()
	got, located, dates, fromCells, err := control.SettlementDayStatuses(ctx, svc, "deepstate")
	if err != nil {
		t.Fatal(err)
	}
	want, _, wantDates, wantCells, err := control.SettlementDayStatuses(ctx, ref, "deepstate")
	if err != nil {
		t.Fatal(err)
	}
	if !fromCells || wantCells {
		t.Fatalf("from cells: %v (want true), reference from cells: %v (want false)", fromCells, wantCells)
	}
	if !reflect.DeepEqual(dates, wantDates) || len(dates) < 15 {
		t.Fatalf("days %v, want %v", dates, wantDates)
	}
	bad, changed := 0, 0
	for i := range located {
		for d := range dates {
			if g, w := got(i, d), want(i, d); g != w {
				if bad++; bad <= 10 {
					t.Errorf("%s (%s) on %s: cells %s, pieces %s", located[i].Name, located[i].ID, dates[d], g, w)
				}
			}
			if d > 0 && want(i, d) != want(i, d-1) {
				changed++
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d (settlement, day) statuses differ", bad)
	}
	if changed < 20 {
		t.Errorf("only %d settlements changed status on some day: nothing much was compared", changed)
	}
	if n, _ := control.SettlementPairs(svc, "deepstate"); n == 0 {
		t.Error("no settlement located in any cell")
	}

}

// TestSettlementsOnStore checks, on the store in FRONTLINE_CELLS_DB (the
// full archive; skipped without it), every settlement's status from cells
// against the pieces on a sample of maps (FRONTLINE_SETTLEMENT_MAPS, 8 by
// default, evenly spaced).
func TestSettlementsOnStore(t *testing.T) {
	if os.Getenv("FRONTLINE_CELLS_DB") == "" {
		t.Skip("FRONTLINE_CELLS_DB not set")
	}
	svc := settlementBenchService(t)
	ctx := context.Background()
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	ref := referenceService(svc)
	svc.SetPlaces(places)
	ref.SetPlaces(places)
	snaps, err := svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate", Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	n := 8
	if v, err := strconv.Atoi(os.Getenv("FRONTLINE_SETTLEMENT_MAPS")); err == nil && v > 0 {
		n = v
	}
	total, bad := 0, 0
	for k := 0; k < n; k++ {
		sn := snaps[(len(snaps)-1)*k/max(n-1, 1)]
		got, fromCells, err := control.PlaceStatuses(ctx, svc, "deepstate", sn.ID)
		if err != nil || !fromCells {
			t.Fatalf("map %d: from cells %v: %v", sn.ID, fromCells, err)
		}
		want, _, err := control.PlaceStatuses(ctx, ref, "deepstate", sn.ID)
		if err != nil {
			t.Fatal(err)
		}
		diff := 0
		for i := range want {
			if want[i] != frontline.StatusUkraine {
				total++
			}
			if got[i] != want[i] {
				diff++
			}
		}
		t.Logf("map %s: %d of %d settlements differ", sn.ValidAt.Format("2006-01-02T15:04"), diff, len(want))
		bad += diff
	}
	if bad > 0 {
		t.Errorf("%d settlement statuses differ between cells and pieces (%d outside Ukraine's control compared)", bad, total)
	}
}

// TestPlaceHistoriesStored checks that the places located in a layer's
// cells are stored with the build: another service on the same store (the
// next command) reads them and locates nothing, with the same answers;
// after a new map it locates only the cells the map split, from the
// places stored as located in each cell of the build before.
func TestPlaceHistoriesStored(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 7 maps")
	}
	files := demoFiles(t)
	svc, _ := newService(t)
	for i, f := range files {
		if i%6 == 0 && i >= 54 {
			importFile(t, svc, "deepstate", f)
		}
	}
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	svc.SetPlaces(places)
	ref := referenceService(svc)
	ref.SetPlaces(places)
	compareSettlementDays(t, svc, ref)
	pairs, read := control.SettlementPairs(svc, "deepstate")
	if read == 0 {
		t.Fatal("no cell read to locate the places")
	}

	next := func() *control.Service { return nextService(svc, places) }
	again := next()
	compareSettlementDays(t, again, ref)
	if p, r := control.SettlementPairs(again, "deepstate"); r != 0 || p != pairs {
		t.Errorf("the next service read %d cells to locate places (want 0: stored), %d pairs (want %d)", r, p, pairs)
	}

	// A map between two others: a new build, the stored histories no
	// longer hold; the next service locates the cells split only.
	importFile(t, svc, "deepstate", files[57])
	third := next()
	compareSettlementDays(t, third, ref)
	if _, r := control.SettlementPairs(third, "deepstate"); r == 0 || r >= read {
		t.Errorf("after a new map the next service read %d cells to locate places, %d the first time (want some, fewer)", r, read)
	}
	// Another gazetteer (one place fewer) stores its own.
	fewer := control.NewService(svc.Store, svc.Bounds)
	fewer.SetPlaces(places[1:])
	if _, _, _, err := control.SettlementDays(context.Background(), fewer, "deepstate"); err != nil {
		t.Fatal(err)
	}
	if _, r := control.SettlementPairs(fewer, "deepstate"); r == 0 {
		t.Error("a service with other places read the histories stored for the gazetteer's")
	}
}

// TestPlaceHistoriesExtended checks that after maps are appended to a
// layer (a daily import), the next command extends the place histories
// stored for the build before instead of locating every place over the
// whole index, and that what it holds and stores is byte for byte what
// locating every place anew gives.
func TestPlaceHistoriesExtended(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 9 maps")
	}
	ctx := context.Background()
	files := demoFiles(t)
	svc, _ := newService(t)
	var picked []string
	for i, f := range files {
		if i%6 == 0 && i >= 48 {
			picked = append(picked, f)
		}
	}
	if len(picked) < 5 {
		t.Fatalf("%d demo maps picked, want at least 5", len(picked))
	}
	for _, f := range picked[:len(picked)-2] {
		importFile(t, svc, "deepstate", f)
	}
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	next := func() *control.Service { return nextService(svc, places) }
	// A command locates the places and stores them with the build.
	first := next()
	if _, _, _, err := control.SettlementDays(ctx, first, "deepstate"); err != nil {
		t.Fatal(err)
	}
	ref := referenceService(svc)
	ref.SetPlaces(places)
	// Maps appended one import at a time: each next command extends.
	for _, f := range picked[len(picked)-2:] {
		importFile(t, svc, "deepstate", f)
		cmd := next()
		compareSettlementDays(t, cmd, ref)
		held, full, extended, err := control.PlaceHistoryForms(ctx, cmd, "deepstate")
		if err != nil {
			t.Fatal(err)
		}
		if !extended {
			t.Fatalf("after importing %s the place histories were located anew, not extended", f)
		}
		if !bytes.Equal(held[0], full[0]) {
			t.Errorf("after %s: extended histories (%d bytes) differ from those located anew (%d bytes)", f, len(held[0]), len(full[0]))
		}
		if !bytes.Equal(held[1], full[1]) {
			t.Errorf("after %s: places located in each cell differ from those located anew", f)
		}
		// The next command reads what was stored.
		again := next()
		compareSettlementDays(t, again, ref)
		if _, r := control.SettlementPairs(again, "deepstate"); r != 0 {
			t.Errorf("the command after the extension read %d cells (want 0: stored)", r)
		}
	}
}

// nextService is a new service on svc's store, as the next command opens
// it: nothing in memory, the places set.
func nextService(svc *control.Service, places []frontline.Place) *control.Service {
	s := control.NewService(svc.Store, svc.Bounds)
	s.Now = svc.Now
	s.SetPlaces(places)
	return s
}
