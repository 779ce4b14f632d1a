package http_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/gazetteer"
	fhttp "github.com/frontline-osint/frontline/http"
	"github.com/frontline-osint/frontline/internal/golden"
)

var (
	gazOnce sync.Once
	gaz     *gazetteer.Gazetteer
	gazErr  error
)

// MustOpenPlacesServer is MustOpenServer with the embedded gazetteer
// (loaded once per test binary).
func MustOpenPlacesServer(t *testing.T) *fhttp.Server {
	t.Helper()
	s := MustOpenServer(t)
	gazOnce.Do(func() {
		places, err := gazetteer.LoadEmbedded()
		if err != nil {
			gazErr = err
			return
		}
		gaz = gazetteer.New(places)
	})
	if gazErr != nil {
		t.Fatal(gazErr)
	}
	s.PlaceService = gaz
	wireAlerts(t, s)                     // alert_test.go: watches and alerts
	wireAssessment(s, wireReports(t, s)) // report_test.go: reports, claims and sources; assess_test.go: assessment
	// The official list, for the compare route.
	svc := s.LayerService.(*control.Service)
	svc.SetPlaces(gaz.Places)
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "data", "gazetteer", "perelik-occupied-territories-2025-05-07.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ImportList(context.Background(), control.ListImportRequest{Layer: "perelik", SourceName: "perelik.csv", Data: data}); err != nil {
		t.Fatal(err)
	}
	// A second polygon layer, for the disagree route: another archive of
	// DeepState's maps of the same two days.
	for _, name := range []string{"2022-09-06T220510Z.geojson", "2022-09-13T130124Z.geojson"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "shared", "data", "control", "deepstate", "daily-2022-08-20_2022-10-20", name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Import(context.Background(), frontline.ImportRequest{Layer: "archive", SourceName: name, Data: data}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// fetch GETs url with headers and returns the response with its body read.
func fetch(t *testing.T, url string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	// An explicit Accept-Encoding keeps the client from decompressing.
	if req.Header.Get("Accept-Encoding") == "" {
		req.Header.Set("Accept-Encoding", "identity")
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

type featureCollection struct {
	Type     string
	Snapshot *frontline.Snapshot
	Zoom     int
	Features []struct {
		Type       string
		Properties map[string]any
		Geometry   json.RawMessage
	}
}

func TestMapRoutes(t *testing.T) {
	s := MustOpenServer(t)
	u := s.URL() + "/api/v1/layers/deepstate"

	resp, body := fetch(t, u+"/map?at=2022-09-13&zoom=6")
	var day featureCollection
	if err := json.Unmarshal(body, &day); err != nil || resp.StatusCode != 200 {
		t.Fatalf("day map: %d %v %.200s", resp.StatusCode, err, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/geo+json" {
		t.Errorf("Content-Type %q", ct)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=60" {
		t.Errorf("day map Cache-Control %q", cc)
	}
	if day.Type != "FeatureCollection" || day.Zoom != 6 || day.Snapshot == nil || len(day.Features) < 5 {
		t.Fatalf("day map: %s zoom %d, %d features", day.Type, day.Zoom, len(day.Features))
	}
	sum := 0.0
	for _, f := range day.Features {
		st := frontline.Status(f.Properties["status"].(string))
		if f.Type != "Feature" || !st.Valid() || st == frontline.StatusUkraine || f.Properties["oblast"] == "" {
			t.Fatalf("feature %+v", f.Properties)
		}
		if st == frontline.StatusRussia {
			sum += f.Properties["area_km2"].(float64)
		}
	}
	if want := day.Snapshot.AreasKm2[frontline.StatusRussia]; sum < want*0.999999 || sum > want*1.000001 {
		t.Errorf("russia features add up to %g km², snapshot %g", sum, want)
	}

	// The snapshot's own map: the same body, immutable.
	su := u + "/snapshots/" + strconv.FormatInt(day.Snapshot.ID, 10) + "/map?zoom=6"
	resp2, body2 := fetch(t, su)
	if resp2.StatusCode != 200 || !bytes.Equal(body, body2) {
		t.Fatalf("snapshot map: %d, same body %v", resp2.StatusCode, bytes.Equal(body, body2))
	}
	if cc := resp2.Header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
		t.Errorf("snapshot map Cache-Control %q", cc)
	}
	etag := resp2.Header.Get("ETag")
	if etag == "" || resp2.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("snapshot map headers %v", resp2.Header)
	}
	if r, b := fetch(t, su, "If-None-Match", etag); r.StatusCode != 304 || len(b) != 0 {
		t.Errorf("If-None-Match: %d, %d bytes", r.StatusCode, len(b))
	}
	if r, _ := fetch(t, su, "If-None-Match", `"other"`); r.StatusCode != 200 {
		t.Errorf("If-None-Match other: %d", r.StatusCode)
	}

	// Compressed when the client accepts gzip; the same bytes inside.
	r, gz := fetch(t, su, "Accept-Encoding", "gzip, deflate")
	if r.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(r.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("gzip: %v", r.Header)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(plain, body) {
		t.Fatalf("gunzipped body differs (%v)", err)
	}
	t.Logf("map of 2022-09-13 at zoom 6: %d bytes, %d gzipped", len(body), len(gz))
	if len(gz) > 200_000 {
		t.Errorf("zoom 6 map is %d bytes gzipped; want < 200 KB", len(gz))
	}
	// A weak ETag of the compressed form still matches.
	if r, _ := fetch(t, su, "Accept-Encoding", "gzip", "If-None-Match", r.Header.Get("ETag")); r.StatusCode != 304 {
		t.Errorf("If-None-Match with the gzip ETag: %d", r.StatusCode)
	}

	// Filters, and full precision by default.
	var filtered featureCollection
	if _, b := fetch(t, u+"/map?at=2022-09-13&zoom=6&status=unknown&bbox=37.5,49.55,37.8,49.8"); json.Unmarshal(b, &filtered) != nil || len(filtered.Features) != 1 ||
		filtered.Features[0].Properties["status"] != "unknown" || filtered.Features[0].Properties["oblast"] != "Kharkiv Oblast" {
		t.Errorf("filtered: %+v", filtered.Features)
	}
	var full featureCollection
	if _, b := fetch(t, u+"/map?at=2022-09-13"); json.Unmarshal(b, &full) != nil || full.Zoom != 0 || len(full.Features) != len(day.Features) || len(b) <= len(body) {
		t.Errorf("full precision: zoom %d, %d features, %d bytes (zoom 6: %d)", full.Zoom, len(full.Features), len(b), len(body))
	}

	// JSON answers are compressed too, unless tiny; event streams never.
	r, _ = fetch(t, u+"/change?from=2022-09-06&to=2022-09-13", "Accept-Encoding", "gzip")
	if r.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("change not compressed: %v", r.Header)
	}
	r, _ = fetch(t, u+"/nope", "Accept-Encoding", "gzip")
	if r.Header.Get("Content-Encoding") != "" {
		t.Errorf("a small error body compressed")
	}

	// The change as GeoJSON.
	var change featureCollection
	resp, b := fetch(t, u+"/change?from=2022-09-06&to=2022-09-13&format=geojson")
	if err := json.Unmarshal(b, &change); err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/geo+json" || len(change.Features) == 0 {
		t.Fatalf("change geojson: %d %v %d features", resp.StatusCode, err, len(change.Features))
	}
	gained := 0.0
	for _, f := range change.Features {
		if f.Properties["from"] == "russia" && f.Properties["to"] == "ukraine" && f.Properties["iso"] == "UA-63" {
			gained += f.Properties["area_km2"].(float64)
		}
	}
	if gained < 1000 {
		t.Errorf("Kharkiv oblast regained %g km² between 09-06 and 09-13", gained)
	}
}

func TestPlaceFrontSitesLabels(t *testing.T) {
	s := MustOpenPlacesServer(t)
	u := s.URL() + "/api/v1"

	var fr struct {
		PlaceID   string  `json:"place_id"`
		Name      string  `json:"name"`
		DistanceM float64 `json:"distance_m"`
		Status    string  `json:"status"`
		Across    string  `json:"across"`
		Lon, Lat  float64
		Snapshot  *frontline.Snapshot
	}
	// Balakliia, liberated by 09-13, was occupied on 09-06.
	if code := get(t, u+"/places/UA63040010010039074/front?layer=deepstate&at=2022-09-13", &fr); code != 200 || fr.Name != "Balakliia" || fr.Status != "ukraine" || fr.DistanceM < 1000 || fr.Snapshot == nil {
		t.Fatalf("front 09-13: %d %+v", code, fr)
	}
	if code := get(t, u+"/places/UA63040010010039074/front?layer=deepstate&at=2022-09-06", &fr); code != 200 || fr.Status != "russia" || fr.Across == "russia" {
		t.Fatalf("front 09-06: %d %+v", code, fr)
	}

	var sites struct {
		Layer string
		Sites []struct {
			ID, Kind string
			Front    *struct {
				DistanceM float64 `json:"distance_m"`
				Status    string
			}
		}
	}
	if code := get(t, u+"/sites", &sites); code != 200 || len(sites.Sites) < 5 {
		t.Fatalf("sites: %d %+v", code, sites)
	}
	for _, st := range sites.Sites {
		if st.Kind != "npp" && st.Kind != "dam" && st.Kind != "hpp" || st.Front != nil {
			t.Fatalf("site %+v", st)
		}
	}
	if code := get(t, u+"/sites?layer=deepstate&at=2022-09-13", &sites); code != 200 || sites.Layer != "deepstate" {
		t.Fatalf("sites with fronts: %d", code)
	}
	found := false
	for _, st := range sites.Sites {
		if st.Front == nil {
			t.Fatalf("site %s has no front", st.ID)
		}
		if st.ID == "site:zaporizhzhia-npp" {
			found = true
			if st.Front.Status != "russia" || st.Front.DistanceM > 20_000 {
				t.Errorf("Zaporizhzhia NPP: %+v", st.Front)
			}
		}
	}
	if !found {
		t.Error("no Zaporizhzhia NPP among the sites")
	}

	var labels struct {
		MinPopulation int `json:"min_population"`
		Labels        []struct {
			ID, Name, Kind string
			Population     int
			Lon, Lat       float64
		}
	}
	if code := get(t, u+"/places/labels?min_population=200000", &labels); code != 200 || labels.MinPopulation != 200000 {
		t.Fatalf("labels: %d", code)
	}
	var pops []int
	var names []string
	sites2 := 0
	for _, l := range labels.Labels {
		if l.Kind == "npp" || l.Kind == "dam" || l.Kind == "hpp" {
			sites2++
			continue
		}
		if l.Population < 200000 || l.Lon == 0 {
			t.Fatalf("label %+v", l)
		}
		pops = append(pops, l.Population)
		names = append(names, l.Name)
	}
	if !sort.IsSorted(sort.Reverse(sort.IntSlice(pops))) || len(pops) < 10 || len(pops) > 40 || names[0] != "Kyiv" || sites2 != len(sites.Sites) {
		t.Errorf("labels: %v (%d sites)", names, sites2)
	}
}

// TestBadInput: every malformed or out-of-range parameter is a 4xx naming
// it, never a 500.
func TestBadInput(t *testing.T) {
	s := MustOpenPlacesServer(t)
	u := s.URL() + "/api/v1"
	long := strings.Repeat("x", 5000)
	for _, c := range []struct {
		path  string
		code  int
		param string
	}{
		{"/layers/nope/map?at=2022-09-13", 404, "layer"},
		{"/layers/nope/snapshots/1/map", 404, "layer"},
		{"/layers/nope/change?from=2022-09-06&to=2022-09-13", 404, "layer"},
		{"/layers/nope/series", 404, "layer"},
		{"/layers/deepstate/map", 400, "at"},
		{"/layers/deepstate/map?at=2022-13-45", 400, "at"},
		{"/layers/deepstate/map?at=2021-01-01", 404, "at"},
		{"/layers/deepstate/map?at=2030-01-01", 404, "at"},
		{"/layers/deepstate/map?at=2022-09-13&zoom=x", 400, "zoom"},
		{"/layers/deepstate/map?at=2022-09-13&zoom=-1", 400, "zoom"},
		{"/layers/deepstate/map?at=2022-09-13&zoom=23", 400, "zoom"},
		{"/layers/deepstate/map?at=2022-09-13&zoom=1e9", 400, "zoom"},
		{"/layers/deepstate/map?at=2022-09-13&bbox=1,2,3", 400, "bbox"},
		{"/layers/deepstate/map?at=2022-09-13&bbox=37,49,36,50", 400, "bbox"},
		{"/layers/deepstate/map?at=2022-09-13&bbox=a,b,c,d", 400, "bbox"},
		{"/layers/deepstate/map?at=2022-09-13&bbox=NaN,1,2,3", 400, "bbox"},
		{"/layers/deepstate/map?at=2022-09-13&bbox=-200,40,30,50", 400, "bbox"},
		{"/layers/deepstate/map?at=2022-09-13&status=blue", 400, "status"},
		{"/layers/deepstate/map?at=2022-09-13&as_known=later", 400, "as_known"},
		{"/layers/deepstate/map?at=2022-09-13&tz=Nowhere/Else", 400, "tz"},
		{"/layers/deepstate/snapshots/abc/map", 400, "id"},
		{"/layers/deepstate/snapshots/-3/map", 400, "id"},
		{"/layers/deepstate/snapshots/99999/map", 404, "id"},
		{"/layers/deepstate/snapshots/1/map?zoom=z", 400, "zoom"},
		{"/layers/deepstate/area?at=2022-09-13T25:00:00Z", 400, "at"},
		{"/layers/deepstate/area?at=9999-12-31", 400, "at"},
		{"/layers/deepstate/area?at=0001-01-01", 400, "at"},
		{"/layers/deepstate/area?at=2022-09-13T18:00:00%2B03:00", 200, ""},
		{"/layers/deepstate/change?from=2021-01-01&to=2022-09-13", 404, "from"},
		{"/layers/deepstate/change?from=2022-09-06&to=2030-01-01", 404, "to"},
		{"/layers/deepstate/change?from=2022-09-06&to=2022-09-13&format=xml", 400, "format"},
		{"/layers/deepstate/change?from=2022-09-06&to=2022-09-13&explain=maybe", 400, "explain"},
		{"/layers/deepstate/change?from=2022-09-06&to=nope&format=geojson", 400, "to"},
		{"/layers/deepstate/change?from=2022-09-06&to=2030-01-01&format=geojson", 404, "to"},
		{"/layers/deepstate/series?from=2030-01-01", 404, "from"},
		{"/layers/deepstate/series?to=2021-01-01", 404, "to"},
		{"/layers/deepstate/series?to=2030-01-01", 404, "to"},
		{"/layers/deepstate/series?from=2022-09-13&to=2022-09-06", 400, "from"},
		{"/layers/deepstate/snapshots?to=%zz", 400, ""},
		{"/layers/deepstate/area?at=2022-09-13&x=%", 400, ""},
		{"/places/UA63040010010039074/front", 400, "layer"},
		{"/places/UA63040010010039074/front?layer=nope&at=2022-09-13", 404, "layer"},
		{"/places/UA63040010010039074/front?layer=deepstate", 400, "at"},
		{"/places/UA63040010010039074/front?layer=deepstate&at=2021-01-01", 404, "at"},
		{"/places/UA63040010010039074/front?layer=deepstate&at=yesterday", 400, "at"},
		{"/places/nowhere/front?layer=deepstate&at=2022-09-13", 404, "id"},
		{"/places/labels?min_population=-5", 400, "min_population"},
		{"/places/labels?min_population=many", 400, "min_population"},
		{"/sites?at=2022-09-13", 400, "layer"},
		{"/sites?layer=nope&at=2022-09-13", 404, "layer"},
		{"/sites?layer=deepstate&at=2031-01-01", 404, "at"},
		{"/sites?layer=deepstate", 400, "at"},
		{"/layers/deepstate/area?at=2022-09-13&q=" + long, 414, ""},
		{"/places?q=" + long, 414, ""},
	} {
		resp, body := fetch(t, u+c.path)
		var e struct {
			Error struct{ Code, Message, Param string }
		}
		if c.code == 200 {
			if resp.StatusCode != 200 {
				t.Errorf("%.80s: %d %s", c.path, resp.StatusCode, body)
			}
			continue
		}
		if err := json.Unmarshal(body, &e); err != nil || resp.StatusCode != c.code || e.Error.Param != c.param || e.Error.Message == "" || e.Error.Code == "" {
			t.Errorf("%.80s: %d %s; want %d naming %q", c.path, resp.StatusCode, body, c.code, c.param)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("%.80s: Content-Type %q", c.path, ct)
		}
	}
}

func TestOpenAPI(t *testing.T) {
	s := MustOpenPlacesServer(t)
	resp, body := fetch(t, s.URL()+"/api/v1/openapi.json")
	if resp.StatusCode != 200 {
		t.Fatalf("openapi.json: %d", resp.StatusCode)
	}
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			Parameters []struct {
				Name, In string
				Required bool
				Example  any
			}
			Responses map[string]any
		}
		Components struct {
			Schemas map[string]any
		}
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" || len(doc.Paths) < 10 || doc.Components.Schemas["ErrorResponse"] == nil {
		t.Fatalf("openapi %q, %d paths", doc.OpenAPI, len(doc.Paths))
	}
	// Refs resolve.
	for _, ref := range refs(body) {
		if doc.Components.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")] == nil {
			t.Errorf("dangling $ref %s", ref)
		}
	}

	// The change documents what explains each settlement's change.
	explain := false
	for _, p := range doc.Paths["/api/v1/layers/{layer}/change"]["get"].Parameters {
		explain = explain || p.Name == "explain" && p.In == "query" && !p.Required
	}
	if !explain || !strings.Contains(string(body), `"explained_by"`) || !strings.Contains(string(body), `"unexplained"`) || doc.Components.Schemas["ChangeExplanation"] == nil {
		t.Errorf("change: the explain parameter or the explained_by schema is not documented")
	}

	// Every served route is documented.
	for _, rt := range s.Routes() {
		if _, ok := doc.Paths[rt.Path][strings.ToLower(rt.Method)]; !ok {
			t.Errorf("%s %s is served but not documented", rt.Method, rt.Path)
		}
	}

	// Every documented route answers, with a real layer, place and
	// snapshot.
	var snaps struct{ Snapshots []frontline.Snapshot }
	get(t, s.URL()+"/api/v1/layers/deepstate/snapshots", &snaps)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	n := 0
	for path, ops := range doc.Paths {
		for method, op := range ops {
			if method != "get" {
				// Writes (the watches) are exercised by TestWatchesAPI,
				// the check by TestServeCheck (cmd/frontline). A POST
				// that creates documents 201, the check 200.
				want := "201"
				if path == "/api/v1/check" {
					want = "200"
				}
				if _, ok := op.Responses[want]; !ok && method == "post" {
					t.Errorf("%s %s documents no %s", method, path, want)
				}
				n++
				continue
			}
			u := path
			var q []string
			for _, p := range op.Parameters {
				v := fmt.Sprint(p.Example)
				if p.Example == nil {
					v = ""
				}
				if p.In == "path" && p.Name == "id" && strings.Contains(path, "/snapshots/") {
					v = strconv.FormatInt(snaps.Snapshots[0].ID, 10)
				}
				if p.In == "path" {
					u = strings.Replace(u, "{"+p.Name+"}", v, 1)
				} else if p.Required {
					if v == "" {
						t.Errorf("%s %s: required %s has no example", method, path, p.Name)
					}
					q = append(q, p.Name+"="+v)
				}
			}
			if len(q) > 0 {
				u += "?" + strings.Join(q, "&")
			}
			req, _ := http.NewRequestWithContext(ctx, strings.ToUpper(method), s.URL()+u, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close() // the event stream is cut here
			if resp.StatusCode != 200 {
				t.Errorf("%s %s → %s: %d", method, path, u, resp.StatusCode)
			}
			if _, ok := op.Responses["200"]; !ok {
				t.Errorf("%s %s documents no 200", method, path)
			}
			n++
		}
	}
	if n != len(s.Routes()) {
		t.Errorf("%d documented operations, %d routes", n, len(s.Routes()))
	}

	// The index lists the same routes.
	s.Static = nil
	var index struct{ Routes []string }
	get(t, s.URL()+"/", &index)
	if len(index.Routes) != len(s.Routes()) {
		t.Errorf("index lists %d routes, table %d", len(index.Routes), len(s.Routes()))
	}
}

func refs(doc []byte) []string {
	var out []string
	for _, part := range strings.Split(string(doc), `"$ref": "`)[1:] {
		out = append(out, part[:strings.IndexByte(part, '"')])
	}
	return out
}

func TestEvents(t *testing.T) {
	s := MustOpenServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL()+"/api/v1/events", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" || resp.Header.Get("Content-Encoding") != "" {
		t.Fatalf("events: %d %v", resp.StatusCode, resp.Header)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	// Connected.
	for l := range lines {
		if l == ": connected" {
			break
		}
	}

	// Another writer imports a snapshot.
	dir := filepath.Join("..", "..", "shared", "data", "control", "deepstate", "daily-2022-08-20_2022-10-20")
	data, err := os.ReadFile(filepath.Join(dir, "2022-09-20T150417Z.geojson"))
	if err != nil {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), "2022-09-2") {
				data, err = os.ReadFile(filepath.Join(dir, e.Name()))
				break
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	res, err := s.LayerService.Import(context.Background(), frontline.ImportRequest{Layer: "deepstate", SourceName: "2022-09-20T150417Z.geojson", Data: data})
	if err != nil {
		t.Fatal(err)
	}
	var ev fhttp.SnapshotEvent
	event := ""
	timeout := time.After(5 * time.Second)
wait:
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("stream ended")
			}
			if v, ok := strings.CutPrefix(l, "event: "); ok {
				event = v
			}
			if v, ok := strings.CutPrefix(l, "data: "); ok && event == "snapshot" {
				if err := json.Unmarshal([]byte(v), &ev); err != nil {
					t.Fatal(err)
				}
				break wait
			}
		case <-timeout:
			t.Fatal("no snapshot event within 5 s")
		}
	}
	if ev.SnapshotID != res.Snapshot.ID || ev.Layer != "deepstate" || !ev.ValidAt.Equal(res.Snapshot.ValidAt) || ev.RecordedAt.IsZero() {
		t.Fatalf("event %+v for snapshot %d", ev, res.Snapshot.ID)
	}

	// Close ends the stream at once.
	start := time.Now()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for range lines {
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Close took %s with a stream open", d)
	}
}

// TestOpenAPIGolden: the served OpenAPI document is the one in
// testdata/openapi.golden.json — a contract other programs generate
// clients from, so every change to it is reviewed (go test ./http -run
// TestOpenAPIGolden -update rewrites it).
func TestOpenAPIGolden(t *testing.T) {
	s := MustOpenPlacesServer(t)
	resp, body := fetch(t, s.URL()+"/api/v1/openapi.json")
	if resp.StatusCode != 200 {
		t.Fatalf("openapi.json: %d", resp.StatusCode)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	pretty, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, filepath.Join("testdata", "openapi.golden.json"), append(pretty, '\n'))
}
