package control_test

import (
	"context"
	"encoding/json"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/gazetteer"
)

// Cells and overlays are different sequences of overlays of the same
// maps, and an overlay puts new vertices on long straight edges, off the
// geodesic that the area follows: the areas of the parts of a polygon do
// not add up exactly to its own. The overlay's net change between two
// maps is itself off the difference of the maps' areas by up to ~0.14 km²
// on the demo window. So figures from cells must agree with the overlay's
// within 1e-6 of Ukraine's land area in total (0.6 km²) and 1e-5 of the
// oblast's land area per oblast (0.08–0.33 km²): a cell given a wrong
// status (the smallest change regions are a few km²) fails.
const (
	totalTolRel  = 1e-6
	oblastTolRel = 1e-5
)

// worstRel is the largest gap seen between cells and overlay, relative
// to the figure, over figures of at least 1 km² (logged, for
// docs/BENCHMARKS.md).
var worstRel, worstAbsKm2 float64

func noteGap(got, want float64) {
	d := math.Abs(got - want)
	worstAbsKm2 = math.Max(worstAbsKm2, d)
	if math.Abs(want) >= 1 {
		worstRel = math.Max(worstRel, d/math.Abs(want))
	}
}

// demoFiles lists the demo window's maps in valid-time order.
func demoFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dailyDir(t), "*.geojson"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no demo maps in %s: %v", dailyDir(t), err)
	}
	sort.Strings(files)
	return files
}

// referenceService answers from overlays of pieces on the same store.
func referenceService(svc *control.Service) *control.Service {
	ref := control.NewService(svc.Store, svc.Bounds)
	ref.Now, ref.NoCells = svc.Now, true
	return ref
}

// compareChanges checks the change between the maps of each pair of days
// against the overlays, and that cells answered it.
func compareChanges(t *testing.T, svc *control.Service, layer string, pairs [][2]string, asKnown time.Time, wantCells bool) {
	t.Helper()
	ctx := context.Background()
	ref := referenceService(svc)
	for _, pr := range pairs {
		got, err := svc.Change(ctx, layer, day(t, pr[0]), day(t, pr[1]), asKnown)
		if err != nil {
			t.Fatalf("%s→%s: %v", pr[0], pr[1], err)
		}
		want, err := ref.Change(ctx, layer, day(t, pr[0]), day(t, pr[1]), asKnown)
		if err != nil {
			t.Fatalf("reference %s→%s: %v", pr[0], pr[1], err)
		}
		if used := control.CellsCover(ctx, svc, got.FromSnapshot, got.ToSnapshot); used != wantCells {
			t.Fatalf("%s→%s: answered from cells = %v, want %v", pr[0], pr[1], used, wantCells)
		}
		tol := totalTolRel * svc.Bounds.LandAreaKm2
		compareTransitions(t, pr[0]+"→"+pr[1], got.Transitions, want.Transitions, tol)
		for _, st := range frontline.Statuses {
			noteGap(got.NetKm2[st], want.NetKm2[st])
			if d := math.Abs(got.NetKm2[st] - want.NetKm2[st]); d > tol {
				t.Errorf("%s→%s net %s: cells %.9f, overlay %.9f km²", pr[0], pr[1], st, got.NetKm2[st], want.NetKm2[st])
			}
		}
		wantOb := map[string][]frontline.Transition{}
		for _, oc := range want.ByOblast {
			wantOb[oc.ISO] = oc.Transitions
		}
		gotOb := map[string][]frontline.Transition{}
		for _, oc := range got.ByOblast {
			gotOb[oc.ISO] = oc.Transitions
		}
		for _, ob := range svc.Bounds.Oblasts {
			compareTransitions(t, pr[0]+"→"+pr[1]+" "+ob.ISO, gotOb[ob.ISO], wantOb[ob.ISO], oblastTolRel*ob.AreaKm2)
		}
	}
}

func compareTransitions(t *testing.T, what string, got, want []frontline.Transition, tolKm2 float64) {
	t.Helper()
	key := func(tr frontline.Transition) [2]frontline.Status { return [2]frontline.Status{tr.From, tr.To} }
	g, w := map[[2]frontline.Status]float64{}, map[[2]frontline.Status]float64{}
	for _, tr := range got {
		g[key(tr)] = tr.AreaKm2
	}
	for _, tr := range want {
		w[key(tr)] = tr.AreaKm2
	}
	for k, v := range w {
		noteGap(g[k], v)
		if d := math.Abs(g[k] - v); d > tolKm2 {
			t.Errorf("%s %s→%s: cells %.9f, overlay %.9f km² (off by %.3g)", what, k[0], k[1], g[k], v, d)
		}
	}
	for k, v := range g {
		if _, ok := w[k]; !ok && v > tolKm2 {
			t.Errorf("%s %s→%s: cells %.9f, overlay none", what, k[0], k[1], v)
		}
	}
}

// TestCellsAgreeWithOverlays imports every sixth map of the demo window
// (then one out of order and a correction) into a real SQLite file and
// checks change between random pairs of days from cells against overlays.
func TestCellsAgreeWithOverlays(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 15 maps")
	}
	files := demoFiles(t)
	svc, _ := newService(t)
	var days []string
	var skipped []string
	for i, f := range files {
		if i%6 != 0 {
			skipped = append(skipped, f)
			continue
		}
		importFile(t, svc, "deepstate", f)
		days = append(days, filepath.Base(f)[:10])
	}
	if err := svc.CellsError("deepstate"); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(13))
	randomPairs := func(n int) [][2]string {
		var out [][2]string
		for i := 0; i < n; i++ {
			a, b := days[rng.Intn(len(days))], days[rng.Intn(len(days))]
			out = append(out, [2]string{a, b})
		}
		// The longest window and consecutive maps.
		out = append(out, [2]string{days[0], days[len(days)-1]}, [2]string{days[len(days)-1], days[0]}, [2]string{days[4], days[5]})
		return out
	}
	compareChanges(t, svc, "deepstate", randomPairs(12), time.Time{}, true)
	checkCellAreas(t, svc, "deepstate")
	comparePlaceTimelines(t, svc, "deepstate")
	compareSeries(t, svc, "deepstate", days)
	compareSettlements(t, svc, "deepstate")

	// A map older than the last one: the cells are rebuilt from its
	// position on.
	late := skipped[len(skipped)/2]
	importFile(t, svc, "deepstate", late)
	days = append(days, filepath.Base(late)[:10])
	sort.Strings(days)
	if err := svc.CellsError("deepstate"); err != nil {
		t.Fatal(err)
	}
	compareChanges(t, svc, "deepstate", randomPairs(8), time.Time{}, true)

	// A correction: another map's ground under an existing valid time.
	before := importCorrection(t, svc, files[30], files[60])
	d30 := filepath.Base(files[30])[:10]
	pairs := append(randomPairs(6), [2]string{days[0], d30}, [2]string{d30, days[len(days)-1]})
	compareChanges(t, svc, "deepstate", pairs, time.Time{}, true)
	checkCellAreas(t, svc, "deepstate")
	// As known before the correction, the superseded version is not in the
	// cells: the answer falls back to overlays.
	compareChanges(t, svc, "deepstate", [][2]string{{days[0], d30}}, before, false)
	t.Logf("largest gap cells−overlay: %.3g km², %.3g relative (figures ≥ 1 km²)", worstAbsKm2, worstRel)
}

// checkCellAreas checks the area of every status of every map summed over
// cells against the map's stored pieces.
func checkCellAreas(t *testing.T, svc *control.Service, layer string) {
	t.Helper()
	ctx := context.Background()
	snaps, err := svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: layer})
	if err != nil {
		t.Fatal(err)
	}
	oblastKm2 := map[string]float64{}
	for _, ob := range svc.Bounds.Oblasts {
		oblastKm2[ob.ISO] = ob.AreaKm2
	}
	for _, sn := range snaps {
		got, want := cellAndPieceAreas(ctx, t, svc, sn)
		for k, v := range want {
			if d := math.Abs(got[k] - v); d > oblastTolRel*oblastKm2[k[:5]] {
				t.Errorf("map %s %s: cells %.9f, pieces %.9f km²", sn.ValidAt.Format("2006-01-02T15:04"), k, got[k], v)
			}
		}
		for k, v := range got {
			if _, ok := want[k]; !ok && v > oblastTolRel*oblastKm2[k[:5]] {
				t.Errorf("map %s %s: cells %.9f, pieces none", sn.ValidAt.Format("2006-01-02T15:04"), k, v)
			}
		}
	}
}

// comparePlaceTimelines checks the timelines of settlements near the front
// from cells against the pieces, and that cells answered most of them
// (those near the coast or border read the pieces).
func comparePlaceTimelines(t *testing.T, svc *control.Service, layer string) {
	t.Helper()
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ref := referenceService(svc)
	front := map[string]bool{"UA-63": true, "UA-65": true, "UA-14": true, "UA-23": true, "UA-09": true, "UA-43": true}
	n, changed := 0, 0
	for i, p := range places {
		if !front[p.OblastISO] || p.PointSource == "" || i%23 != 0 {
			continue
		}
		got, err := svc.PlaceTimeline(ctx, layer, &places[i], time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		want, err := ref.PlaceTimeline(ctx, layer, &places[i], time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		n++
		if len(want.Periods) > 1 {
			changed++
		}
		if len(got.Days) != len(want.Days) {
			t.Fatalf("%s: %d days from cells, %d from pieces", p.Name, len(got.Days), len(want.Days))
		}
		for d := range want.Days {
			if got.Days[d] != want.Days[d] {
				t.Errorf("%s (%s) on %s: cells %s, pieces %s", p.Name, p.ID, want.Days[d].Date, got.Days[d].Status, want.Days[d].Status)
				break
			}
		}
	}
	used := control.TimelinesFromCells(svc)
	t.Logf("%d place timelines compared (%d changed hands), %d answered from cells", n, changed, used)
	if n < 100 || changed < 10 || used < int64(n/2) {
		t.Fatalf("too few timelines compared or answered from cells: %d compared, %d changed, %d from cells", n, changed, used)
	}
}

// compareSeries checks series over windows from the maps held with the
// cells against series read from the store.
func compareSeries(t *testing.T, svc *control.Service, layer string, days []string) {
	t.Helper()
	ctx := context.Background()
	ref := referenceService(svc)
	zero := frontline.Day{Start: time.Time{}.In(time.UTC)}
	windows := [][2]frontline.Day{{zero, zero}, {day(t, days[2]), day(t, days[7])}, {day(t, "2022-09-10"), zero},
		{zero, day(t, "2022-09-30")}, {day(t, "2022-08-01"), day(t, "2022-08-25")}, {day(t, "2022-11-01"), zero}}
	for _, w := range windows {
		got, gerr := svc.Series(ctx, layer, w[0], w[1], time.Time{})
		want, werr := ref.Series(ctx, layer, w[0], w[1], time.Time{})
		if (gerr == nil) != (werr == nil) || (gerr != nil && gerr.Error() != werr.Error()) {
			t.Fatalf("series %s..%s: error %v, want %v", w[0].Label, w[1].Label, gerr, werr)
		}
		if gerr != nil {
			continue
		}
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		if string(gj) != string(wj) {
			t.Errorf("series %s..%s from memory differs from the store's", w[0].Label, w[1].Label)
		}
	}
	if !control.SeriesFromMemory(ctx, svc, layer) {
		t.Error("series did not come from memory")
	}
}

// compareSettlements checks the status of every settlement of the
// gazetteer on every map from cells against the pieces.
func compareSettlements(t *testing.T, svc *control.Service, layer string) {
	t.Helper()
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ref := referenceService(svc)
	svc.SetPlaces(places)
	ref.SetPlaces(places)
	snaps, err := svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: layer})
	if err != nil {
		t.Fatal(err)
	}
	occupied := 0
	for _, sn := range snaps {
		got, fromCells, err := control.PlaceStatuses(ctx, svc, layer, sn.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !fromCells {
			t.Fatalf("map %d: settlement statuses not from cells", sn.ID)
		}
		want, _, err := control.PlaceStatuses(ctx, ref, layer, sn.ID)
		if err != nil {
			t.Fatal(err)
		}
		bad := 0
		for i := range want {
			if want[i] != frontline.StatusUkraine {
				occupied++
			}
			if got[i] != want[i] {
				bad++
			}
		}
		if bad > 0 {
			t.Errorf("map %s: %d of %d settlements differ between cells and pieces", sn.ValidAt.Format("2006-01-02T15:04"), bad, len(want))
		}
	}
	if occupied == 0 {
		t.Fatal("no settlement outside Ukraine's control on any map: nothing was compared")
	}
}

// TestFullArchiveCellsAgreeWithOverlays checks change between random
// pairs of days of a store with cells (FRONTLINE_CELLS_DB: a copy of the
// full archive imported with `layer import` and `layer cells deepstate`;
// skipped when unset) against overlays of the maps' pieces, with the
// tolerances of the demo's test, and logs the largest gap; then each
// map's area per oblast and status summed over cells against its pieces
// (FRONTLINE_CELLS_TRACE=UA-09/russia logs one figure on every map).
func TestFullArchiveCellsAgreeWithOverlays(t *testing.T) {
	path := os.Getenv("FRONTLINE_CELLS_DB")
	if path == "" {
		t.Skip("FRONTLINE_CELLS_DB not set")
	}
	svc := storeService(t, path)
	ctx := context.Background()
	snaps, err := svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate", Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	var days []string
	for _, sn := range snaps {
		if d := sn.ValidAt.UTC().Format("2006-01-02"); len(days) == 0 || days[len(days)-1] != d {
			days = append(days, d)
		}
	}
	if len(days) < 2 {
		t.Fatalf("%d days of maps", len(days))
	}
	rng := rand.New(rand.NewSource(13))
	var pairs [][2]string
	for len(pairs) < 18 {
		if a, b := days[rng.Intn(len(days))], days[rng.Intn(len(days))]; a != b {
			pairs = append(pairs, [2]string{a, b})
		}
	}
	// The whole archive, and the last two days.
	pairs = append(pairs, [2]string{days[0], days[len(days)-1]}, [2]string{days[len(days)-2], days[len(days)-1]})
	worstRel, worstAbsKm2 = 0, 0
	compareChanges(t, svc, "deepstate", pairs, time.Time{}, true)
	t.Logf("%d pairs of %d days: largest gap cells−overlay %.3g km², %.3g relative (figures ≥ 1 km²)", len(pairs), len(days), worstAbsKm2, worstRel)

	// Where the cells drift from the maps: each map's area per oblast
	// and status summed over cells against its pieces.
	oblastKm2 := map[string]float64{}
	for _, ob := range svc.Bounds.Oblasts {
		oblastKm2[ob.ISO] = ob.AreaKm2
	}
	var worst, worstOfOblast float64
	var worstAt, firstAt string
	over := 0
	for _, sn := range snaps {
		got, want := cellAndPieceAreas(ctx, t, svc, sn)
		for k := range got {
			want[k] += 0
		}
		if k := os.Getenv("FRONTLINE_CELLS_TRACE"); k != "" {
			t.Logf("%s %d %s: cells %.6f, pieces %.6f km²", sn.ValidAt.Format("2006-01-02T15:04"), sn.ID, k, got[k], want[k])
		}
		for k, v := range want {
			d := math.Abs(got[k] - v)
			at := sn.ValidAt.Format("2006-01-02T15:04") + " " + k
			if d > worst {
				worst, worstAt = d, at
			}
			worstOfOblast = math.Max(worstOfOblast, d/oblastKm2[k[:5]])
			if d > oblastTolRel*oblastKm2[k[:5]] {
				over++
				if firstAt == "" {
					firstAt = at
				}
			}
		}
	}
	t.Logf("area per oblast and status, cells against each map's pieces: largest gap %.3g km² (%s), %.3g of the oblast's land; %d figures of %d maps over %g of the oblast's land, the first %s",
		worst, worstAt, worstOfOblast, over, len(snaps), oblastTolRel, firstAt)
}

// cellAndPieceAreas returns a map's km² per "ISO/status" (Ukraine's own
// status left out) from the cells and from its stored pieces.
func cellAndPieceAreas(ctx context.Context, t testing.TB, svc *control.Service, sn *frontline.Snapshot) (cells, pieces map[string]float64) {
	t.Helper()
	cells, ok := control.CellAreas(ctx, svc, sn)
	if !ok {
		t.Fatalf("map %d (%s) is not in the cells", sn.ID, sn.ValidAt)
	}
	pcs, err := svc.Store.SnapshotPieces(ctx, sn.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	pieces = map[string]float64{}
	for _, pc := range pcs {
		if pc.Status != frontline.StatusUkraine {
			pieces[pc.Oblast+"/"+string(pc.Status)] += pc.AreaKm2
		}
	}
	return cells, pieces
}

// importCorrection imports the ground of file ground under target's name
// and valid time, a correction of target's map recorded now, and returns
// the service's time before it.
func importCorrection(t *testing.T, svc *control.Service, target, ground string) (before time.Time) {
	t.Helper()
	data, err := os.ReadFile(ground)
	if err != nil {
		t.Fatal(err)
	}
	validAt, _ := control.TimeFromName(target)
	before = svc.Now()
	res, err := svc.Import(context.Background(), frontline.ImportRequest{Layer: "deepstate", SourceName: target, Data: data, ValidAt: validAt})
	if err != nil || !res.Added {
		t.Fatalf("correction: %v %+v", err, res)
	}
	if err := svc.CellsError("deepstate"); err != nil {
		t.Fatal(err)
	}
	return before
}
