package control_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline/internal/shareddata"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/sqlite"
)

// dataDir is ../shared/data beside the repository.
func dataDir(t testing.TB) string {
	t.Helper()
	return shareddata.Dir(t)
}

func dailyDir(t testing.TB) string {
	return filepath.Join(dataDir(t), "control", "deepstate", "daily-2022-08-20_2022-10-20")
}

// clock is a controllable clock for recorded time.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time { c.t = c.t.Add(time.Second); return c.t }

func newService(t testing.TB) (*control.Service, *clock) {
	t.Helper()
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "frontline.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := control.NewService(sqlite.NewSnapshotStore(db), bounds)
	c := &clock{t: time.Date(2022, 9, 14, 0, 0, 0, 0, time.UTC)}
	svc.Now = c.Now
	return svc, c
}

func importFile(t testing.TB, svc *control.Service, layer, path string) *frontline.ImportResult {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := svc.Import(context.Background(), frontline.ImportRequest{Layer: layer, SourceName: path, Data: data})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func day(t testing.TB, s string) frontline.Day {
	d, err := frontline.ParseDay(s, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func near(got, want, rel float64) bool { return math.Abs(got-want) <= rel*math.Abs(want) }

func TestKharkivCounteroffensive(t *testing.T) {
	dir := dailyDir(t)
	svc, _ := newService(t)
	ctx := context.Background()
	for _, name := range []string{"2022-09-06T220510Z.geojson", "2022-09-13T073503Z.geojson", "2022-09-13T130124Z.geojson"} {
		path := filepath.Join(dir, name)
		if _, err := os.Stat(path); err != nil {
			matches, _ := filepath.Glob(filepath.Join(dir, name[:10]+"*.geojson"))
			t.Fatalf("%s missing; have %v", name, matches)
		}
		res := importFile(t, svc, "deepstate", path)
		if !res.Added || len(res.Snapshot.Unclassified) != 0 {
			t.Fatalf("%s: added=%v unclassified=%v", name, res.Added, res.Snapshot.Unclassified)
		}
	}

	// The map of 2022-09-13 is the later of its two snapshots.
	area, err := svc.Area(ctx, "deepstate", day(t, "2022-09-13"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if got := area.Snapshot.ValidAt.Format("15:04:05"); got != "13:01:24" {
		t.Fatalf("map of 2022-09-13 is the %s snapshot, want 13:01:24", got)
	}
	// ../shared/data/README.md: 115,785 km² held by Russia before clipping
	// to the land border (sea and the Azov spit cut off here).
	ru := area.AreasKm2[frontline.StatusRussia]
	if !near(ru, 115785, 0.03) {
		t.Errorf("russia on 2022-09-13 = %.0f km², want about 115,785", ru)
	}
	sum := 0.0
	for _, st := range frontline.Statuses {
		sum += area.AreasKm2[st]
	}
	// The oblast pieces partition the land up to rounding of their
	// coordinates (boundaries/README.md).
	if !near(sum, area.UkraineTerritoryKm2, 1e-7) {
		t.Errorf("statuses sum to %.3f km², land is %.3f", sum, area.UkraineTerritoryKm2)
	}

	ch, err := svc.Change(ctx, "deepstate", day(t, "2022-09-06"), day(t, "2022-09-13"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var ruToUa float64
	for _, tr := range ch.Transitions {
		if tr.From == frontline.StatusRussia && tr.To == frontline.StatusUkraine {
			ruToUa = tr.AreaKm2
		}
	}
	// About 9,060 km² less held by Russia (README), part of it now unknown.
	if ruToUa < 6000 || ruToUa > 10000 {
		t.Errorf("russia→ukraine = %.0f km², want several thousand", ruToUa)
	}
	// Net russia is the difference of the two maps' areas, to within the
	// cells' documented gap (docs/benchmarks-journal.md, "Cells": an overlay puts
	// vertices on long straight edges off the geodesic; 0.026 km² of
	// 9,000 here since cells are cut to ≤ 512 vertices, 0.01 before).
	want := ch.ToSnapshot.AreasKm2[frontline.StatusRussia] - ch.FromSnapshot.AreasKm2[frontline.StatusRussia]
	if net := ch.NetKm2[frontline.StatusRussia]; math.Abs(net-want) > 5e-6*math.Abs(want) {
		t.Errorf("net russia %.3f ≠ area difference %.3f", net, want)
	}
	if len(ch.ByOblast) == 0 || ch.ByOblast[0].ISO != "UA-63" {
		t.Fatalf("largest change by oblast = %+v, want Kharkiv (UA-63) first", ch.ByOblast)
	}
	var oblastSum float64
	for _, ob := range ch.ByOblast {
		for _, tr := range ob.Transitions {
			if tr.From == frontline.StatusRussia && tr.To == frontline.StatusUkraine {
				oblastSum += tr.AreaKm2
			}
		}
	}
	if !near(oblastSum, ruToUa, 1e-6) {
		t.Errorf("per-oblast russia→ukraine sums to %.3f, total %.3f", oblastSum, ruToUa)
	}

	// Same day twice: nothing changed.
	same, err := svc.Change(ctx, "deepstate", day(t, "2022-09-13"), day(t, "2022-09-13"), time.Time{})
	if err != nil || len(same.Transitions) != 0 {
		t.Fatalf("change of a day with itself = %+v, %v", same.Transitions, err)
	}

	gj, err := svc.ChangeGeoJSON(ctx, "deepstate", day(t, "2022-09-06"), day(t, "2022-09-13"), time.Time{})
	if err != nil || !strings.Contains(string(gj), `"from":"russia"`) {
		t.Fatalf("change GeoJSON: %v %.200s", err, gj)
	}

	series, err := svc.Series(ctx, "deepstate", frontline.Day{Start: time.Time{}.In(time.UTC)}, frontline.Day{Start: time.Time{}.In(time.UTC)}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(series.Days) != 8 || series.Days[0].Date != "2022-09-06" || series.Days[7].Date != "2022-09-13" {
		t.Fatalf("series days = %d (%s..)", len(series.Days), series.Days[0].Date)
	}
	if !series.Days[1].Carried || series.Days[7].Carried {
		t.Errorf("carried flags wrong: %+v", series.Days)
	}
	// A window reads only its maps and the one before it, and gives the
	// same days as the whole series (the first day's change is that of
	// the window: zero).
	for _, w := range [][2]string{{"2022-09-07", "2022-09-12"}, {"2022-09-06", "2022-09-06"}, {"2022-09-09", "2022-09-20"}, {"2022-09-01", "2022-09-08"}} {
		part, err := svc.Series(ctx, "deepstate", day(t, w[0]), day(t, w[1]), time.Time{})
		if err != nil {
			t.Fatalf("%v: %v", w, err)
		}
		byDate := map[string]frontline.SeriesDay{}
		for _, d := range series.Days {
			byDate[d.Date] = d
		}
		want := 0
		for _, d := range series.Days {
			if d.Date >= w[0] && d.Date <= w[1] {
				want++
			}
		}
		if w[1] > series.Days[len(series.Days)-1].Date {
			// Days after the last map carry it.
			last, _ := time.Parse("2006-01-02", series.Days[len(series.Days)-1].Date)
			end, _ := time.Parse("2006-01-02", w[1])
			want += int(end.Sub(last).Hours() / 24)
		}
		if len(part.Days) != want {
			t.Errorf("window %v: %d days, want %d", w, len(part.Days), want)
		}
		for i, d := range part.Days {
			full, ok := byDate[d.Date]
			if !ok {
				full = series.Days[len(series.Days)-1]
				full.Carried = true
			}
			if d.SnapshotID != full.SnapshotID || d.Carried != full.Carried || d.AreasKm2[frontline.StatusRussia] != full.AreasKm2[frontline.StatusRussia] {
				t.Errorf("window %v, %s: snapshot %d carried %v, the whole series says %d %v", w, d.Date, d.SnapshotID, d.Carried, full.SnapshotID, full.Carried)
			}
			if i > 0 && ok && d.ChangeKm2[frontline.StatusRussia] != full.ChangeKm2[frontline.StatusRussia] {
				t.Errorf("window %v, %s: change %v, whole series %v", w, d.Date, d.ChangeKm2, full.ChangeKm2)
			}
		}
	}
}

func TestImportIdempotentAndVersioned(t *testing.T) {
	dir := dailyDir(t)
	svc, clk := newService(t)
	ctx := context.Background()
	path := filepath.Join(dir, "2022-09-10T092907Z.geojson")
	if _, err := os.Stat(path); err != nil {
		m, _ := filepath.Glob(filepath.Join(dir, "2022-09-10*"))
		path = m[0]
	}
	first := importFile(t, svc, "deepstate", path)
	again := importFile(t, svc, "deepstate", path)
	if !first.Added || again.Added || again.Snapshot.ID != first.Snapshot.ID {
		t.Fatalf("second import of the same file added a snapshot")
	}
	known := clk.t

	// A "corrected" map for the same valid time: the next day's file.
	next, _ := filepath.Glob(filepath.Join(dir, "2022-09-12*"))
	data, _ := os.ReadFile(next[0])
	corr, err := svc.Import(ctx, frontline.ImportRequest{Layer: "deepstate", SourceName: "correction.geojson", Data: data, ValidAt: first.Snapshot.ValidAt})
	if err != nil || !corr.Added {
		t.Fatalf("correction: %v", err)
	}
	now, err := svc.Area(ctx, "deepstate", day(t, "2022-09-10"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	then, err := svc.Area(ctx, "deepstate", day(t, "2022-09-10"), known)
	if err != nil {
		t.Fatal(err)
	}
	if then.Snapshot.ID != first.Snapshot.ID || now.Snapshot.ID != corr.Snapshot.ID {
		t.Fatalf("as-known read the wrong version: then %d now %d", then.Snapshot.ID, now.Snapshot.ID)
	}
	if then.AreasKm2[frontline.StatusRussia] == now.AreasKm2[frontline.StatusRussia] {
		t.Fatalf("correction did not change the area")
	}
	if _, err := svc.Area(ctx, "deepstate", day(t, "2022-09-10"), known.Add(-time.Hour)); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("as known before the first import: %v", err)
	}
}

func TestBadInput(t *testing.T) {
	svc, _ := newService(t)
	ctx := context.Background()
	cases := []struct {
		name, data, want string
	}{
		{"notmap.txt", "hello", "notmap.txt"},
		{"2022-09-13.geojson", `{"type":"FeatureCollection","features":[]}`, "2022-09-13.geojson"},
		{"2022-09-13.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Point","coordinates":[30,50]}}]}`, "no polygons"},
		{"2022-09-13.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Mystery"},"geometry":{"type":"Polygon","coordinates":[[[30,50],[31,50],[31,51],[30,50]]]}}]}`, "unclassified"},
		{"nodate.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Occupied"},"geometry":{"type":"Polygon","coordinates":[[[30,50],[31,50],[31,51],[30,50]]]}}]}`, "no valid time"},
		{"2022-09-13.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Occupied"},"geometry":{"type":"Polygon","coordinates":[[[30,50],[31,50],[31,91],[30,50]]]}}]}`, "2022-09-13.geojson"},
	}
	for _, c := range cases {
		_, err := svc.Import(ctx, frontline.ImportRequest{Layer: "x", SourceName: c.name, Data: []byte(c.data)})
		if err == nil || !strings.Contains(frontline.ErrorMessage(err), c.want) || frontline.ErrorCode(err) != frontline.EINVALID {
			t.Errorf("%s: err = %v, want EINVALID containing %q", c.name, err, c.want)
		}
	}
	snaps, _ := svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "x"})
	if len(snaps) != 0 {
		t.Fatalf("failed imports stored %d snapshots", len(snaps))
	}
	if _, err := svc.Area(ctx, "nope", day(t, "2022-09-13"), time.Time{}); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("unknown layer: %v", err)
	}
	if _, err := svc.Import(ctx, frontline.ImportRequest{Layer: "Bad Name", SourceName: "a.geojson"}); frontline.ErrorCode(err) != frontline.EINVALID {
		t.Fatalf("bad layer name: %v", err)
	}
}

func TestStatusForUncategorisedFiles(t *testing.T) {
	dir := filepath.Join(dataDir(t), "control", "deepstate", "cyterat-occupied-monthly")
	svc, _ := newService(t)
	ctx := context.Background()
	data, err := os.ReadFile(filepath.Join(dir, "2024-08-01.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Import(ctx, frontline.ImportRequest{Layer: "cyterat", SourceName: "2024-08-01.geojson", Data: data}); err == nil {
		t.Fatal("a file without categories imported without --status")
	}
	res, err := svc.Import(ctx, frontline.ImportRequest{Layer: "cyterat", SourceName: "2024-08-01.geojson", Data: data, Status: frontline.StatusRussia})
	if err != nil {
		t.Fatal(err)
	}
	// README: 109,495 km² before clipping to land; the land polygon leaves
	// out the Sivash lagoon and the Kakhovka reservoir (together ~4,000 km²).
	if ru := res.Snapshot.AreasKm2[frontline.StatusRussia]; !near(ru, 109495, 0.05) {
		t.Errorf("cyterat 2024-08-01 russia = %.0f km², want about 109,495", ru)
	}
}

func TestMappingDates(t *testing.T) {
	m, err := control.ParseMapping("test", "unknown from=2022-09-11 contested\ncontested to=2022-09-10 contested\nrussia occupied\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		at   string
		want frontline.Status
	}{
		{"Під питанням /// Contested", "2022-09-10T23:00:00Z", frontline.StatusContested},
		{"Під питанням /// Contested", "2022-09-11T00:00:00Z", frontline.StatusUnknown},
		{"Окуповано\u00a0/// Occupied\n", "2022-09-11T00:00:00Z", frontline.StatusRussia},
	} {
		at, _ := time.Parse(time.RFC3339, c.at)
		if got, ok := m.Classify(c.name, at); !ok || got != c.want {
			t.Errorf("Classify(%q, %s) = %s, want %s", c.name, c.at, got, c.want)
		}
	}
	for _, bad := range []string{"", "# only comments\n", "sideways occupied", "russia from=2022-13-01 x", "russia (unclosed"} {
		if _, err := control.ParseMapping("bad", bad); err == nil {
			t.Errorf("ParseMapping(%q) accepted", bad)
		}
	}
}

// TestDeepStateMappingCoversArchive classifies every polygon category in the
// daily and monthly archives and lists what stays unclassified.
func TestDeepStateMappingCoversArchive(t *testing.T) {
	m := control.DeepStateMapping()
	want := map[string]frontline.Status{
		"Окуповано /// Occupied":                                         frontline.StatusRussia,
		"Окупований Крим /// Occupied Crimea":                            frontline.StatusRussia,
		"ОРДЛО /// CADR and CALR":                                        frontline.StatusRussia,
		"Острів Тузла /// Occupied Tuzla Island":                         frontline.StatusRussia,
		"Звільнено 31.03 - 02.04 /// Liberated 31.03 - 02.04":            frontline.StatusUkraine,
		"Звільнено 04.09 /// Recaptured 04.09":                           frontline.StatusUkraine,
		"Звільнено /// Taken back":                                       frontline.StatusUkraine,
		"Зміїний ///\u00a0Snake Island":                                  frontline.StatusUkraine,
		"Під питанням\u00a0/// Contensed":                                frontline.StatusContested,
		"Під питанням /// Contested":                                     frontline.StatusContested,
		"Ситуація невідома /// Situation is unknown":                     frontline.StatusUnknown,
		"Статус невідомий /// Unknown status /// geoJSON.status.unknown": frontline.StatusUnknown,
		"Придністров'я /// Transnistria":                                 frontline.StatusNone,
		"Тимчасово окупована територія Карелії.\n///\nThe temporarily occupied territory of Karelia.": frontline.StatusNone,
		"Тимчасово окупована східна Пруссія///East Prussia is temporarily occupied":                   frontline.StatusNone,
		"Окупована Абхазія /// Occupied Abkhazia":                                                     frontline.StatusNone,
		"Звільнен\ufffd\ufffd /// Liberated":                                                          frontline.StatusUkraine,
	}
	at := time.Date(2022, 10, 1, 0, 0, 0, 0, time.UTC)
	for name, st := range want {
		if got, ok := m.Classify(name, at); !ok || got != st {
			t.Errorf("Classify(%q) = %q, %v; want %q", name, got, ok, st)
		}
	}
}

func TestValidTime(t *testing.T) {
	for name, want := range map[string]string{
		"2022-09-13T130124Z.geojson":         "2022-09-13T13:01:24Z",
		"dir/2022-09-13.geojson":             "2022-09-13T00:00:00Z",
		"deepstate-2022-09-13T13:01:24Z.kml": "2022-09-13T13:01:24Z",
	} {
		got, ok := control.TimeFromName(name)
		if !ok || got.Format(time.RFC3339) != want {
			t.Errorf("TimeFromName(%q) = %v, %v; want %s", name, got, ok, want)
		}
	}
	if _, ok := control.TimeFromName("map.geojson"); ok {
		t.Error("a name without a date gave a time")
	}

	svc, _ := newService(t)
	poly := `{"type":"Polygon","coordinates":[[[36.0,49.5],[36.5,49.5],[36.5,49.9],[36.0,49.5]]]}`
	data := []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Occupied","updated":"2022-09-12T18:00:00Z"},"geometry":` + poly + `}]}`)
	res, err := svc.Import(context.Background(), frontline.ImportRequest{Layer: "t", SourceName: "map.geojson", Data: data, TimeProperty: "updated"})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Snapshot.ValidAt.Format(time.RFC3339); got != "2022-09-12T18:00:00Z" {
		t.Fatalf("valid time from property = %s", got)
	}
	if _, err := svc.Import(context.Background(), frontline.ImportRequest{Layer: "t", SourceName: "map.geojson", Data: data, TimeProperty: "missing"}); err == nil || !strings.Contains(err.Error(), `"missing"`) {
		t.Fatalf("missing time property: %v", err)
	}
}
