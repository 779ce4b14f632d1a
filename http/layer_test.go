package http_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/gazetteer"
	fhttp "github.com/frontline-osint/frontline/http"
	"github.com/frontline-osint/frontline/sqlite"
)

// newLayerService is a layer service on a new, empty SQLite store in
// t.TempDir(), closed when the test ends (closing it before is harmless),
// and the store's database.
func newLayerService(t *testing.T) (*control.Service, *sqlite.DB) {
	t.Helper()
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "f.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return control.NewService(sqlite.NewSnapshotStore(db), bounds), db
}

// MustOpenServer serves a real service on a real SQLite file with two real
// DeepState maps, on a free port.
func MustOpenServer(t *testing.T) *fhttp.Server {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "data", "control", "deepstate", "daily-2022-08-20_2022-10-20")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	svc, db := newLayerService(t)
	svc.Lists = sqlite.NewListStore(db)
	for _, name := range []string{"2022-09-06T220510Z.geojson", "2022-09-13T130124Z.geojson"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Import(context.Background(), frontline.ImportRequest{Layer: "deepstate", SourceName: name, Data: data}); err != nil {
			t.Fatal(err)
		}
	}
	s := fhttp.NewServer()
	s.Addr, s.LayerService = "127.0.0.1:0", svc
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func get(t *testing.T, url string, v any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("%s: Content-Type %q", url, ct)
	}
	if v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatalf("%s: %v", url, err)
		}
	}
	return resp.StatusCode
}

func TestLayerRoutes(t *testing.T) {
	s := MustOpenServer(t)
	u := s.URL() + "/api/v1/layers"

	var layers struct{ Layers []frontline.Layer }
	if code := get(t, u, &layers); code != 200 || len(layers.Layers) != 1 || layers.Layers[0].Snapshots != 2 {
		t.Fatalf("layers: %d %+v", code, layers)
	}
	var layer frontline.Layer
	if code := get(t, u+"/deepstate", &layer); code != 200 || layer.Name != "deepstate" {
		t.Fatalf("layer: %d %+v", code, layer)
	}
	var snaps struct{ Snapshots []frontline.Snapshot }
	if code := get(t, u+"/deepstate/snapshots?from=2022-09-10", &snaps); code != 200 || len(snaps.Snapshots) != 1 {
		t.Fatalf("snapshots: %d %d", code, len(snaps.Snapshots))
	}
	var area frontline.AreaResult
	if code := get(t, u+"/deepstate/area?at=2022-09-13", &area); code != 200 || area.AreasKm2[frontline.StatusRussia] < 100000 {
		t.Fatalf("area: %d %+v", code, area)
	}
	var change frontline.ChangeResult
	if code := get(t, u+"/deepstate/change?from=2022-09-06&to=2022-09-13", &change); code != 200 || change.ByOblast[0].ISO != "UA-63" {
		t.Fatalf("change: %d %+v", code, change)
	}
	// In Kyiv time the 2022-09-06 22:05 UTC map is of 09-07, so 09-06 has
	// no map yet and the series starts a day later.
	var series frontline.SeriesResult
	if code := get(t, u+"/deepstate/series?from=2022-09-06&to=2022-09-13&tz=Europe/Kyiv", &series); code != 200 || len(series.Days) != 7 || series.Days[0].Date != "2022-09-07" {
		t.Fatalf("series: %d %d days", code, len(series.Days))
	}
	// The days are the whole series' days and maps, without the areas.
	var all frontline.SeriesResult
	var days struct {
		From, To string
		Days     []struct {
			Date       string
			SnapshotID int64 `json:"snapshot_id"`
			Carried    bool
		}
	}
	if code := get(t, u+"/deepstate/series?tz=Europe/Kyiv", &all); code != 200 {
		t.Fatalf("series: %d", code)
	}
	if code := get(t, u+"/deepstate/days?tz=Europe/Kyiv", &days); code != 200 || len(days.Days) != len(all.Days) || days.From != all.From || days.To != all.To {
		t.Fatalf("days: %d %+v, series %d days %s..%s", code, days, len(all.Days), all.From, all.To)
	}
	for i, d := range days.Days {
		if a := all.Days[i]; d.Date != a.Date || d.SnapshotID != a.SnapshotID || d.Carried != a.Carried {
			t.Fatalf("day %d: %+v, series %+v", i, d, a)
		}
	}
	var known frontline.AreaResult
	if code := get(t, u+"/deepstate/area?at=2022-09-13&as_known="+time.Now().Add(2*time.Second).UTC().Format(time.RFC3339), &known); code != 200 || known.AsKnown == nil {
		t.Fatalf("as_known: %d %+v", code, known)
	}
}

func TestErrors(t *testing.T) {
	s := MustOpenServer(t)
	u := s.URL() + "/api/v1"
	for _, c := range []struct {
		path  string
		code  int
		param string
	}{
		{"/layers/nope", 404, "layer"},
		{"/layers/nope/area?at=2022-09-13", 404, "layer"},
		{"/layers/deepstate/area", 400, "at"},
		{"/layers/deepstate/area?at=yesterday", 400, "at"},
		{"/layers/deepstate/area?at=2022-09-13&as_known=soon", 400, "as_known"},
		{"/layers/deepstate/area?at=2022-09-13&tz=Mars/Olympus", 400, "tz"},
		{"/layers/deepstate/area?at=2021-01-01", 404, "at"},
		{"/layers/deepstate/area?at=2031-01-01", 404, "at"},
		{"/layers/deepstate/change?from=2022-09-06", 400, "to"},
		{"/layers/deepstate/series?from=2022-09-13&to=2022-09-06", 400, "from"},
		{"/layers/deepstate/snapshots?from=%ff", 400, "from"},
		{"/nothing-here", 404, ""},
	} {
		var body struct {
			Error struct{ Code, Message, Param string }
		}
		code := get(t, u+c.path, &body)
		if code != c.code || body.Error.Message == "" || body.Error.Param != c.param {
			t.Errorf("%s: %d %+v; want %d with param %q", c.path, code, body.Error, c.code, c.param)
		}
	}
}

func TestCompareRoute(t *testing.T) {
	s := MustOpenPlacesServer(t)
	u := s.URL() + "/api/v1/layers/deepstate/compare"
	var res frontline.ListComparison
	if code := get(t, u+"?with=perelik&at=2022-09-13", &res); code != 200 || res.Hromadas < 1000 || res.Agree < res.Hromadas*9/10 || res.ListLayer != "perelik" {
		t.Fatalf("compare: %d %+v", code, res)
	}
	for _, c := range []struct {
		query string
		code  int
		param string
	}{
		{"?at=2022-09-13", 400, "with"},
		{"?with=nope&at=2022-09-13", 404, "with"},
		{"?with=perelik", 400, "at"},
		{"?with=perelik&at=2030-01-01", 404, "at"},
	} {
		var body struct {
			Error struct{ Code, Message, Param string }
		}
		if code := get(t, u+c.query, &body); code != c.code || body.Error.Param != c.param {
			t.Errorf("%s: %d %+v; want %d, param %q", c.query, code, body.Error, c.code, c.param)
		}
	}
}

func TestDisagreeRoute(t *testing.T) {
	s := MustOpenPlacesServer(t)
	u := s.URL() + "/api/v1/layers/deepstate/disagree"
	var res frontline.DisagreementResult
	// The same maps in two layers agree everywhere.
	if code := get(t, u+"?with=archive&at=2022-09-13", &res); code != 200 || res.Other != "archive" || res.DisagreeKm2 != 0 || len(res.Transitions) != 0 {
		t.Fatalf("disagree: %d %+v", code, res)
	}
	for _, c := range []struct {
		query string
		code  int
		param string
	}{
		{"?at=2022-09-13", 400, "with"},
		{"?with=nope&at=2022-09-13", 404, "with"},
		{"?with=archive", 400, "at"},
		{"?with=archive&at=2030-01-01", 404, "at"},
		{"?with=archive&at=2022-09-13&format=kml", 400, "format"},
		{"?with=deepstate&at=2022-09-13", 400, "with"},
		{"?with=perelik&at=2022-09-13", 400, "with"},
	} {
		var body struct {
			Error struct{ Code, Message, Param string }
		}
		if code := get(t, u+c.query, &body); code != c.code || body.Error.Param != c.param {
			t.Errorf("%s: %d %+v; want %d, param %q", c.query, code, body.Error, c.code, c.param)
		}
	}
}

// TestSeriesKeptUntilAMapIsAdded: the server keeps a series it computed,
// and a map added since gives a new one.
func TestSeriesKeptUntilAMapIsAdded(t *testing.T) {
	s := MustOpenServer(t)
	u := s.URL() + "/api/v1/layers/deepstate/series?tz=Europe/Kyiv"
	var before, again, after frontline.SeriesResult
	if code := get(t, u, &before); code != 200 {
		t.Fatalf("series: %d", code)
	}
	if code := get(t, u, &again); code != 200 || len(again.Days) != len(before.Days) || again.To != before.To {
		t.Fatalf("series again: %d, %d days to %s, first %d to %s", code, len(again.Days), again.To, len(before.Days), before.To)
	}
	svc := s.LayerService.(*control.Service)
	name := "2022-09-20T192839Z.geojson"
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "data", "control", "deepstate", "daily-2022-08-20_2022-10-20", name))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Import(context.Background(), frontline.ImportRequest{Layer: "deepstate", SourceName: name, Data: data}); err != nil {
		t.Fatal(err)
	}
	if code := get(t, u, &after); code != 200 || after.To == before.To || len(after.Days) <= len(before.Days) {
		t.Fatalf("series after a map was added: %d, %d days to %s (before: %d to %s)", code, len(after.Days), after.To, len(before.Days), before.To)
	}
}

// The settlements route answers as `frontline settlements --json`:
// Balakliia russia then ukraine over the two maps' window, the filters
// kept, bad parameters refused with 400.
func TestSettlementsRoute(t *testing.T) {
	s := MustOpenServer(t)
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	s.LayerService.(*control.Service).SetPlaces(places)
	u := s.URL() + "/api/v1/layers/deepstate/settlements"
	var res frontline.SettlementsResult
	if code := get(t, u+"?changed=true&oblast=ua-63", &res); code != 200 || res.From != "2022-09-06" || res.To != "2022-09-13" || len(res.Settlements) == 0 {
		t.Fatalf("settlements: %d %s–%s, %d listed", code, res.From, res.To, len(res.Settlements))
	}
	found := false
	for _, st := range res.Settlements {
		if st.OblastISO != "UA-63" || len(st.Periods) < 2 {
			t.Errorf("%s (%s): %d periods", st.Name, st.OblastISO, len(st.Periods))
		}
		if st.Name == "Balakliia" {
			found = st.Periods[0].Status == frontline.StatusRussia && st.Periods[len(st.Periods)-1].Status == frontline.StatusUkraine
		}
	}
	if !found {
		t.Errorf("Balakliia is not listed as going from russia to ukraine")
	}
	for _, q := range []string{"?oblast=Kharkiv", "?changed=maybe", "?from=2022-02-30", "?tz=Europe/Kyiv"} {
		if code := get(t, u+q, nil); code != 400 {
			t.Errorf("%s: %d, want 400", q, code)
		}
	}
}
