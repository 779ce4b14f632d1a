package control_test

import (
	"context"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/sqlite"
)

// TestStoredTransitions checks the change read from the transitions stored
// with a cell build (what a new process reads) against the change from
// the whole cell index, on a real store of the demo window's first 66 maps
// (long enough for blocks of 32 maps): the sums are the same to the last
// bit, the settlements that changed hands the same; a store without them
// or a row missing (stored anew) fall back to the index; a map imported
// since is appended to them.
func TestStoredTransitions(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 67 maps")
	}
	ctx := context.Background()
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "frontline.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store := sqlite.NewSnapshotStore(db)
	svc := control.NewService(store, bounds)
	c := &clock{t: time.Date(2022, 10, 21, 0, 0, 0, 0, time.UTC)}
	svc.Now = c.Now
	files := demoFiles(t)
	if len(files) < 67 {
		t.Fatalf("%d demo maps, want at least 67", len(files))
	}
	for _, f := range files[:66] {
		importFile(t, svc, "deepstate", f)
	}
	if err := svc.CellsError("deepstate"); err != nil {
		t.Fatal(err)
	}
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	fresh := func() *control.Service {
		s := control.NewService(store, bounds)
		s.Now = c.Now
		s.SetPlaces(places)
		return s
	}
	snaps, err := svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate", Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(13))
	label := func(sn *frontline.Snapshot) string { return sn.ValidAt.UTC().Format("2006-01-02") }
	randomDays := func(n int) [][2]string {
		out := [][2]string{{label(snaps[0]), label(snaps[len(snaps)-1])}, {label(snaps[len(snaps)-1]), label(snaps[1])}}
		for len(out) < n {
			out = append(out, [2]string{label(snaps[rng.Intn(len(snaps))]), label(snaps[rng.Intn(len(snaps))])})
		}
		return out
	}

	// Nothing stored yet: the first process reads the index, and stores
	// the transitions.
	first := fresh()
	pairs := randomDays(12)
	want := map[[2]string]*frontline.ChangeResult{}
	for _, pr := range pairs {
		res, err := first.Change(ctx, "deepstate", day(t, pr[0]), day(t, pr[1]), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		want[pr] = res
	}
	if !control.IndexHeld(first, "deepstate") || control.StoredHeld(first, "deepstate") {
		t.Fatal("the first process did not read the index")
	}

	// The next process reads the stored transitions, not the index.
	second := fresh()
	compareStored(t, second, pairs, want)
	if control.IndexHeld(second, "deepstate") || !control.StoredHeld(second, "deepstate") {
		t.Fatal("the second process did not answer from the stored transitions")
	}

	// Every pair of maps, sums compared bit for bit.
	checkAllPairs(t, fresh(), snaps, len(snaps))

	// A row missing: the change falls back to the index.
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM cell_transitions WHERE layer = 'deepstate' AND level = 0 AND k = 1`); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	third := fresh()
	compareStored(t, third, pairs, want)
	if !control.IndexHeld(third, "deepstate") {
		t.Fatal("a row missing: the index was not read")
	}
	// ... and the transitions were stored anew.
	healed := fresh()
	compareStored(t, healed, pairs, want)
	if control.IndexHeld(healed, "deepstate") {
		t.Fatal("the transitions were not stored again after a row went missing")
	}

	// A map imported since: the import appends its transitions to those
	// stored for the build before (stored anew, in format 2, above): they
	// are those the new build's index would store, byte for byte, and the
	// next process answers from them without reading the index, as a
	// service holding the index does.
	importFile(t, svc, "deepstate", files[66])
	if same, err := control.StoredAsNew(ctx, svc, "deepstate"); err != nil || !same {
		t.Fatalf("a map imported: the stored transitions are not those of the new build (%v)", err)
	}
	snaps, err = svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate", Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	pairs = randomDays(8)
	pairs = append(pairs, [2]string{label(snaps[len(snaps)-2]), label(snaps[len(snaps)-1])}, [2]string{label(snaps[0]), label(snaps[len(snaps)-1])})
	indexed := fresh()
	if err := indexed.WarmCells(ctx); err != nil {
		t.Fatal(err)
	}
	want = map[[2]string]*frontline.ChangeResult{}
	for _, pr := range pairs {
		res, err := indexed.Change(ctx, "deepstate", day(t, pr[0]), day(t, pr[1]), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		want[pr] = res
	}
	if !control.IndexHeld(indexed, "deepstate") {
		t.Fatal("a new build: the index was not read")
	}
	fifth := fresh()
	compareStored(t, fifth, pairs, want)
	if control.IndexHeld(fifth, "deepstate") || !control.StoredHeld(fifth, "deepstate") {
		t.Fatal("the stored transitions of the new build were not read")
	}
	checkAllPairs(t, fresh(), snaps, len(snaps))
}

// compareStored checks svc's changes between pairs of days against want
// (answered by another service from the index): per oblast the same
// figures exactly, the settlements the same; the national figures (summed
// over the oblasts in map order) within 1e-12.
func compareStored(t *testing.T, svc *control.Service, pairs [][2]string, want map[[2]string]*frontline.ChangeResult) {
	t.Helper()
	ctx := context.Background()
	for _, pr := range pairs {
		got, err := svc.Change(ctx, "deepstate", day(t, pr[0]), day(t, pr[1]), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		w := want[pr]
		if !reflect.DeepEqual(got.ByOblast, w.ByOblast) { // net per oblast in a fixed order
			t.Fatalf("%s→%s: by oblast\n%+v\nwant\n%+v", pr[0], pr[1], got.ByOblast, w.ByOblast)
		}
		if !reflect.DeepEqual(got.Settlements, w.Settlements) {
			t.Fatalf("%s→%s: %d settlements, want %d", pr[0], pr[1], len(got.Settlements), len(w.Settlements))
		}
		if len(got.Transitions) != len(w.Transitions) {
			t.Fatalf("%s→%s: transitions %+v, want %+v", pr[0], pr[1], got.Transitions, w.Transitions)
		}
		for i, tr := range got.Transitions {
			wt := w.Transitions[i]
			if tr.From != wt.From || tr.To != wt.To || math.Abs(tr.AreaKm2-wt.AreaKm2) > 1e-12*math.Max(1, wt.AreaKm2) {
				t.Fatalf("%s→%s: transition %+v, want %+v", pr[0], pr[1], tr, wt)
			}
		}
		for st, v := range w.NetKm2 {
			if math.Abs(got.NetKm2[st]-v) > 1e-12*math.Max(1, math.Abs(v)) {
				t.Fatalf("%s→%s: net %s %v, want %v", pr[0], pr[1], st, got.NetKm2[st], v)
			}
		}
	}
}

// checkAllPairs compares, bit for bit, the cells' sums from the index and
// from the stored transitions between n pairs of maps (every pair when n
// is the number of maps, else n random pairs and the first and last).
func checkAllPairs(t *testing.T, svc *control.Service, snaps []*frontline.Snapshot, n int) {
	t.Helper()
	ctx := context.Background()
	var pairs [][2]int
	if n == len(snaps) {
		for i := range snaps {
			for j := range snaps {
				pairs = append(pairs, [2]int{i, j})
			}
		}
	} else {
		rng := rand.New(rand.NewSource(int64(n)))
		pairs = append(pairs, [2]int{0, len(snaps) - 1}, [2]int{len(snaps) - 1, 0})
		for len(pairs) < n {
			pairs = append(pairs, [2]int{rng.Intn(len(snaps)), rng.Intn(len(snaps))})
		}
	}
	for _, pr := range pairs {
		a, b := snaps[pr[0]], snaps[pr[1]]
		fromIndex, fromStored, stored, err := control.CellChangeTwice(ctx, svc, "deepstate", a, b)
		if err != nil {
			t.Fatal(err)
		}
		if !stored {
			t.Fatal("no transitions stored")
		}
		if !reflect.DeepEqual(fromIndex, fromStored) {
			t.Fatalf("maps %d→%d: stored\n%v\nindex\n%v", pr[0], pr[1], fromStored, fromIndex)
		}
	}
}

// TestStoredTransitionsOnStore compares the stored transitions with the
// index on the store in FRONTLINE_CELLS_DB (a copy of the full archive with
// its cells; it is opened, and so migrated, in place, and the transitions
// are stored in it if they are not): 500 random pairs of maps bit for bit,
// and 30 changes through two services (index and stored) with the
// settlements that changed hands.
func TestStoredTransitionsOnStore(t *testing.T) {
	path := os.Getenv("FRONTLINE_CELLS_DB")
	if path == "" {
		t.Skip("FRONTLINE_CELLS_DB not set")
	}
	ctx := context.Background()
	svc := storeService(t, path)
	snaps, err := svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate", Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	checkAllPairs(t, svc, snaps, 500)
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	svc.SetPlaces(places)
	cold := control.NewService(svc.Store, svc.Bounds)
	cold.SetPlaces(places)
	rng := rand.New(rand.NewSource(5))
	label := func(sn *frontline.Snapshot) string { return sn.ValidAt.UTC().Format("2006-01-02") }
	want := map[[2]string]*frontline.ChangeResult{}
	var pairs [][2]string
	for len(pairs) < 30 {
		pr := [2]string{label(snaps[rng.Intn(len(snaps))]), label(snaps[rng.Intn(len(snaps))])}
		res, err := svc.Change(ctx, "deepstate", day(t, pr[0]), day(t, pr[1]), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		pairs, want[pr] = append(pairs, pr), res
	}
	compareStored(t, cold, pairs, want)
	if control.IndexHeld(cold, "deepstate") {
		t.Fatal("the cold service read the index")
	}
}

// TestCheckpointsFollowCorrections checks changes answered from the cells'
// status vectors (one every 2 maps) against the same store's cells without
// them, to the last bit, on a store of every fifth map of the demo window:
// from a server's held index (WarmCells) and from the stored transitions
// an importing service reads; then after a correction of the second map
// (a checkpoint's position), recorded after the vectors were made, that
// both answer from vectors of the corrected build (and as the overlays
// do), and that as known before the correction the answer is not taken
// from the cells at all (the superseded map is not in their build).
func TestCheckpointsFollowCorrections(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 13 maps")
	}
	ctx := context.Background()
	files := demoFiles(t)
	svc, _ := newService(t)
	svc.SetCellCheckpoints(2)
	var days []string
	for i := 0; i < 60; i += 5 {
		importFile(t, svc, "deepstate", files[i])
		days = append(days, filepath.Base(files[i])[:10])
	}
	if err := svc.CellsError("deepstate"); err != nil {
		t.Fatal(err)
	}
	newOn := func(every int32) *control.Service {
		s := control.NewService(svc.Store, svc.Bounds)
		s.SetCellCheckpoints(every)
		return s
	}
	server, plain := newOn(2), newOn(-1)
	if err := server.WarmCells(ctx); err != nil {
		t.Fatal(err)
	}
	var pairs [][2]string
	for i := range days {
		for j := range days {
			if i != j && (i+j)%3 == 0 {
				pairs = append(pairs, [2]string{days[i], days[j]})
			}
		}
	}
	same := func(when string, asKnown time.Time) {
		t.Helper()
		for _, s := range []*control.Service{svc, server} {
			for _, pr := range pairs {
				got, err := s.Change(ctx, "deepstate", day(t, pr[0]), day(t, pr[1]), asKnown)
				if err != nil {
					t.Fatal(err)
				}
				want, err := plain.Change(ctx, "deepstate", day(t, pr[0]), day(t, pr[1]), asKnown)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got.Transitions, want.Transitions) || !reflect.DeepEqual(got.ByOblast, want.ByOblast) || !reflect.DeepEqual(got.NetKm2, want.NetKm2) {
					t.Fatalf("%s, %s→%s: from vectors %+v, without %+v", when, pr[0], pr[1], got.Transitions, want.Transitions)
				}
			}
		}
	}
	same("before the correction", time.Time{})
	if n := svc.CellChangesFromCheckpoints("deepstate"); n == 0 {
		t.Error("the importing service answered no change from status vectors")
	}
	fromServer := server.CellChangesFromCheckpoints("deepstate")
	if fromServer == 0 {
		t.Error("the server answered no change from status vectors")
	}

	// A correction of the second map, recorded now.
	before := importCorrection(t, svc, files[5], files[85])
	same("after the correction", time.Time{})
	if n := server.CellChangesFromCheckpoints("deepstate"); n == 0 {
		t.Error("after the correction, the server answered no change from the corrected build's vectors")
	}
	// The corrected map against the overlays of its pieces.
	compareChanges(t, server, "deepstate", [][2]string{{days[1], days[len(days)-1]}, {days[0], days[1]}, {days[len(days)-1], days[1]}}, time.Time{}, true)
	// As known before the correction: overlays, whatever the vectors.
	compareChanges(t, server, "deepstate", [][2]string{{days[1], days[len(days)-1]}}, before, false)
	same("as known before the correction", before)
}
