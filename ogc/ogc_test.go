package ogc_test

import (
	"context"
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/ogc"
)

// newServer serves the OGC API over the demo store on a free port.
func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(ogc.NewHandler(svc, svc))
	t.Cleanup(ts.Close)
	return ts
}

// fetch GETs u with headers h, checks the Content-Type, decodes the body
// into v and returns the status.
func fetch(t *testing.T, u string, wantType string, v any, h ...string) int {
	t.Helper()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(h); i += 2 {
		req.Header.Set(h[i], h[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != wantType {
		t.Errorf("%s: Content-Type %q, want %q", u, ct, wantType)
	}
	if v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
	}
	return resp.StatusCode
}

const (
	typeJSON    = "application/json"
	typeGeoJSON = "application/geo+json"
	typeOpenAPI = "application/vnd.oai.openapi+json;version=3.0"
)

type links []ogc.Link

func (ls links) href(t *testing.T, rel string) string {
	t.Helper()
	for _, l := range ls {
		if l.Rel == rel {
			return l.Href
		}
	}
	t.Fatalf("no %q link in %+v", rel, ls)
	return ""
}

func (ls links) has(rel string) bool {
	for _, l := range ls {
		if l.Rel == rel {
			return true
		}
	}
	return false
}

type featureCollection struct {
	Type           string
	Features       []feature
	Links          links
	TimeStamp      string
	NumberMatched  int
	NumberReturned int
}

type feature struct {
	Type       string
	ID         string
	Geometry   json.RawMessage
	Properties ogc.Properties
	Links      links
}

func TestLanding(t *testing.T) {
	ts := newServer(t)
	for _, path := range []string{"/ogc", "/ogc/"} {
		var landing struct {
			Title string
			Links links
		}
		if code := fetch(t, ts.URL+path, typeJSON, &landing); code != 200 || landing.Title == "" {
			t.Fatalf("%s: %d %+v", path, code, landing)
		}
		if got := landing.Links.href(t, "self"); got != ts.URL+"/ogc" {
			t.Errorf("self %q, want %q", got, ts.URL+"/ogc")
		}
		// Every link is absolute and answers with its declared type.
		for _, rel := range []string{"service-desc", "conformance", "data"} {
			href := landing.Links.href(t, rel)
			if !strings.HasPrefix(href, ts.URL+"/ogc/") {
				t.Errorf("%s link %q is not absolute under %s/ogc", rel, href, ts.URL)
			}
			var l ogc.Link
			for _, x := range landing.Links {
				if x.Rel == rel {
					l = x
				}
			}
			if code := fetch(t, href, l.Type, nil); code != 200 {
				t.Errorf("%s %s: %d", rel, href, code)
			}
		}
	}
}

func TestLinksFollowTheRequest(t *testing.T) {
	ts := newServer(t)
	var landing struct{ Links links }
	fetch(t, ts.URL+"/ogc", typeJSON, &landing, "X-Forwarded-Proto", "https")
	u, _ := url.Parse(ts.URL)
	if got, want := landing.Links.href(t, "data"), "https://"+u.Host+"/ogc/collections"; got != want {
		t.Errorf("behind a TLS proxy: data %q, want %q", got, want)
	}
	// The Host header names the server (a proxy forwarding its own name).
	req, _ := http.NewRequest("GET", ts.URL+"/ogc/collections", nil)
	req.Host = "frontline.example.org"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var cs struct {
		Collections []ogc.Collection
	}
	json.NewDecoder(resp.Body).Decode(&cs)
	if len(cs.Collections) == 0 || !strings.HasPrefix(cs.Collections[0].Links[0].Href, "http://frontline.example.org/ogc/collections/") {
		t.Errorf("links under Host frontline.example.org: %+v", cs.Collections)
	}
	// An unknown scheme is not trusted.
	fetch(t, ts.URL+"/ogc", typeJSON, &landing, "X-Forwarded-Proto", "javascript")
	if got := landing.Links.href(t, "self"); got != ts.URL+"/ogc" {
		t.Errorf("X-Forwarded-Proto javascript: self %q", got)
	}
}

func TestConformance(t *testing.T) {
	ts := newServer(t)
	var c struct{ ConformsTo []string }
	if code := fetch(t, ts.URL+"/ogc/conformance", typeJSON, &c); code != 200 {
		t.Fatal(code)
	}
	want := map[string]bool{
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core":    false,
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson": false,
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30":   false,
	}
	for _, s := range c.ConformsTo {
		want[s] = true
	}
	for s, ok := range want {
		if !ok {
			t.Errorf("conformance lacks %s", s)
		}
	}
}

func TestAPIDefinition(t *testing.T) {
	ts := newServer(t)
	var doc struct {
		OpenAPI string
		Servers []struct{ URL string }
		Paths   map[string]struct {
			Get struct {
				Parameters []struct {
					Ref string `json:"$ref"`
				}
			}
		}
		Components struct {
			Parameters map[string]struct {
				Name   string
				In     string
				Schema struct {
					Maximum float64
					Default any
				}
			}
		}
	}
	if code := fetch(t, ts.URL+"/ogc/api", typeOpenAPI, &doc); code != 200 || !strings.HasPrefix(doc.OpenAPI, "3.0") {
		t.Fatalf("%d %q", code, doc.OpenAPI)
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != ts.URL+"/ogc" {
		t.Errorf("servers %+v", doc.Servers)
	}
	// Every documented path answers, and every referenced parameter is
	// defined.
	for path, p := range doc.Paths {
		u := ts.URL + "/ogc" + strings.TrimSuffix(strings.ReplaceAll(path, "{collectionId}", "deepstate"), "/")
		if strings.Contains(u, "{featureId}") {
			continue // TestItem
		}
		want := typeJSON
		switch {
		case strings.HasSuffix(path, "/items"):
			want = typeGeoJSON
		case path == "/api":
			want = typeOpenAPI
		case strings.HasSuffix(path, "/queryables"):
			want = "application/schema+json"
		}
		if code := fetch(t, u, want, nil); code != 200 {
			t.Errorf("documented %s: %d", path, code)
		}
		for _, prm := range p.Get.Parameters {
			name := strings.TrimPrefix(prm.Ref, "#/components/parameters/")
			if _, ok := doc.Components.Parameters[name]; !ok {
				t.Errorf("%s: parameter %s undefined", path, prm.Ref)
			}
		}
	}
	if lim := doc.Components.Parameters["limit"].Schema; lim.Maximum != ogc.MaxLimit || lim.Default != float64(ogc.DefaultLimit) {
		t.Errorf("limit schema %+v", lim)
	}
}

func TestCollections(t *testing.T) {
	ts := newServer(t)
	ctx := context.Background()
	layer, err := svc.FindLayer(ctx, "deepstate")
	if err != nil {
		t.Fatal(err)
	}
	var cs struct {
		Links       links
		Collections []ogc.Collection
	}
	if code := fetch(t, ts.URL+"/ogc/collections", typeJSON, &cs); code != 200 {
		t.Fatal(code)
	}
	if got := cs.Links.href(t, "self"); got != ts.URL+"/ogc/collections" {
		t.Errorf("self %q", got)
	}
	var c *ogc.Collection
	for i := range cs.Collections {
		if cs.Collections[i].ID == "deepstate" {
			c = &cs.Collections[i]
		}
	}
	if c == nil {
		t.Fatalf("no deepstate collection in %+v", cs.Collections)
	}
	var one ogc.Collection
	if code := fetch(t, ts.URL+"/ogc/collections/deepstate", typeJSON, &one); code != 200 {
		t.Fatal(code)
	}
	for _, got := range []ogc.Collection{*c, one} {
		if got.Title != layer.Title || got.ItemType != "feature" {
			t.Errorf("title %q itemType %q", got.Title, got.ItemType)
		}
		if len(got.Extent.Spatial.BBox) != 1 || got.Extent.Spatial.BBox[0] != ogc.UkraineBBox {
			t.Errorf("spatial extent %+v", got.Extent.Spatial)
		}
		iv := got.Extent.Temporal.Interval
		if len(iv) != 1 || iv[0][0] == nil || iv[0][1] == nil ||
			*iv[0][0] != layer.FirstValidAt.UTC().Format(time.RFC3339) || *iv[0][1] != layer.LastValidAt.UTC().Format(time.RFC3339) {
			t.Errorf("temporal extent %+v, want %s / %s", iv, layer.FirstValidAt, layer.LastValidAt)
		}
		if href := links(got.Links).href(t, "items"); href != ts.URL+"/ogc/collections/deepstate/items" {
			t.Errorf("items link %q", href)
		}
	}
}

// TestUkraineBBox checks the collections' extent against Ukraine's land.
func TestUkraineBBox(t *testing.T) {
	b, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	lo, hi, ok := b.Land.Envelope().MinMaxXYs()
	if !ok {
		t.Fatal("empty land")
	}
	land := [4]float64{lo.X, lo.Y, hi.X, hi.Y}
	for i, v := range ogc.UkraineBBox {
		outwards := v <= land[i]
		if i >= 2 {
			outwards = v >= land[i]
		}
		if !outwards || math.Abs(v-land[i]) > 0.02 {
			t.Errorf("UkraineBBox[%d] = %g, land's is %g: round it outwards to 0.01°", i, v, land[i])
		}
	}
}

// items GETs an items URL and checks the collection's invariants.
func items(t *testing.T, u string) featureCollection {
	t.Helper()
	var fc featureCollection
	if code := fetch(t, u, typeGeoJSON, &fc); code != 200 {
		t.Fatalf("%s: %d", u, code)
	}
	// numberMatched is left out (0 here) only when an interval is paged.
	if fc.Type != "FeatureCollection" || fc.NumberReturned != len(fc.Features) || (fc.NumberMatched != 0 && fc.NumberMatched < fc.NumberReturned) {
		t.Errorf("%s: type %q, numberReturned %d, numberMatched %d, %d features", u, fc.Type, fc.NumberReturned, fc.NumberMatched, len(fc.Features))
	}
	if _, err := time.Parse(time.RFC3339, fc.TimeStamp); err != nil {
		t.Errorf("timeStamp %q", fc.TimeStamp)
	}
	if !strings.HasPrefix(fc.Links.href(t, "self"), "http://") {
		t.Errorf("self link %q", fc.Links.href(t, "self"))
	}
	return fc
}

// TestItemsOfADay checks the map of 2022-09-13 against LayerService.Area
// of the same day: the same snapshot, and the same km² per status.
func TestItemsOfADay(t *testing.T) {
	ts := newServer(t)
	day, _ := frontline.ParseDay("2022-09-13", time.UTC)
	area, err := svc.Area(context.Background(), "deepstate", day, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	fc := items(t, ts.URL+"/ogc/collections/deepstate/items?datetime=2022-09-13&limit=1000")
	if fc.NumberMatched != len(fc.Features) || len(fc.Features) < 3 || fc.Links.has("next") {
		t.Fatalf("numberMatched %d, %d features, links %+v", fc.NumberMatched, len(fc.Features), fc.Links)
	}
	sum := map[frontline.Status]float64{}
	ids := map[string]bool{}
	for _, f := range fc.Features {
		p := f.Properties
		if p.SnapshotID != area.Snapshot.ID || p.ValidAt != area.Snapshot.ValidAt.UTC().Format(time.RFC3339) || p.RecordedAt == "" {
			t.Errorf("%s: snapshot %d valid_at %s, want %d %s", f.ID, p.SnapshotID, p.ValidAt, area.Snapshot.ID, area.Snapshot.ValidAt)
		}
		if f.Type != "Feature" || p.Oblast == "" || p.AreaKm2 <= 0 || ids[f.ID] {
			t.Errorf("feature %+v", f.Properties)
		}
		ids[f.ID] = true
		var g struct {
			Type        string
			Coordinates [][][][2]float64
		}
		if err := json.Unmarshal(f.Geometry, &g); err != nil || g.Type != "MultiPolygon" || len(g.Coordinates) == 0 {
			t.Errorf("%s: geometry %.80s: %v", f.ID, f.Geometry, err)
		}
		if got := f.Links.href(t, "self"); got != ts.URL+"/ogc/collections/deepstate/items/"+url.PathEscape(f.ID) {
			t.Errorf("feature self %q", got)
		}
		sum[p.Status] += p.AreaKm2
	}
	for _, st := range []frontline.Status{frontline.StatusRussia, frontline.StatusContested, frontline.StatusUnknown} {
		if math.Abs(sum[st]-area.AreasKm2[st]) > 1e-6*math.Max(1, area.AreasKm2[st]) {
			t.Errorf("%s: features sum to %.3f km², Area says %.3f", st, sum[st], area.AreasKm2[st])
		}
	}
	if sum[frontline.StatusRussia] < 100000 {
		t.Errorf("russia %.0f km²", sum[frontline.StatusRussia])
	}
	// Kharkiv oblast has Russian-held ground on 13 September 2022.
	if !ids[ogc.FeatureID(area.Snapshot.ID, frontline.StatusRussia, "Kharkiv Oblast")] {
		t.Errorf("no Kharkiv russia feature among %v", ids)
	}
}

func snapshotOf(t *testing.T, fc featureCollection) int64 {
	t.Helper()
	if len(fc.Features) == 0 {
		t.Fatal("no features")
	}
	return fc.Features[0].Properties.SnapshotID
}

func TestItemsDatetime(t *testing.T) {
	ts := newServer(t)
	ctx := context.Background()
	u := ts.URL + "/ogc/collections/deepstate/items?datetime="
	latest, err := svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate", Desc: true, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	// The last map published at or before an instant.
	at := time.Date(2022, 9, 13, 12, 0, 0, 0, time.UTC)
	before, err := svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate", ValidTo: at, Desc: true, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	ofDay := snapshotOf(t, items(t, u+"2022-09-13"))
	if ofDay == before[0].ID {
		t.Fatalf("the map of 2022-09-13 is that of its noon: the demo has a later map that day, or the day is not its end")
	}
	for _, c := range []struct {
		datetime string
		want     int64
	}{
		{"2022-09-13T12:00:00Z", before[0].ID},
		{"2022-09-13T15:00:00%2B03:00", before[0].ID},
	} {
		if got := snapshotOf(t, items(t, u+c.datetime)); got != c.want {
			t.Errorf("datetime=%s: snapshot %d, want %d", c.datetime, got, c.want)
		}
	}
	// An interval: every map whose valid time lies in it, oldest first,
	// each with its own valid_at.
	for _, c := range []struct {
		datetime string
		from, to time.Time
	}{
		{"2022-09-01/2022-09-13", time.Date(2022, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2022, 9, 14, 0, 0, 0, -1, time.UTC)},
		{"2022-09-01T00:00:00Z/2022-09-13T12:00:00Z", time.Date(2022, 9, 1, 0, 0, 0, 0, time.UTC), at},
		{"../2022-09-13", time.Time{}, time.Date(2022, 9, 14, 0, 0, 0, -1, time.UTC)},
		{"/2022-09-13", time.Time{}, time.Date(2022, 9, 14, 0, 0, 0, -1, time.UTC)},
		{"2022-09-10/..", time.Date(2022, 9, 10, 0, 0, 0, 0, time.UTC), time.Time{}},
		{"2022-09-10/", time.Date(2022, 9, 10, 0, 0, 0, 0, time.UTC), time.Time{}},
		{"../..", time.Time{}, time.Time{}},
	} {
		want, err := svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate", ValidFrom: c.from, ValidTo: c.to, Brief: true})
		if err != nil || len(want) < 2 {
			t.Fatalf("%s: %d maps, %v", c.datetime, len(want), err)
		}
		seen := map[int64]string{}
		var order []int64
		next := u + c.datetime + "&limit=1000"
		for pages := 0; next != ""; pages++ {
			if pages > 100 {
				t.Fatalf("%s: more than 100 pages", c.datetime)
			}
			fc := items(t, next)
			for _, f := range fc.Features {
				if _, ok := seen[f.Properties.SnapshotID]; !ok {
					order = append(order, f.Properties.SnapshotID)
				}
				seen[f.Properties.SnapshotID] = f.Properties.ValidAt
			}
			next = ""
			if fc.Links.has("next") {
				next = fc.Links.href(t, "next")
			}
		}
		if len(order) != len(want) {
			t.Errorf("datetime=%s: %d maps served, %d in the interval", c.datetime, len(order), len(want))
			continue
		}
		for i, s := range want {
			if order[i] != s.ID || seen[s.ID] != s.ValidAt.UTC().Format(time.RFC3339) {
				t.Errorf("datetime=%s: map %d is %d (%s), want %d (%s)", c.datetime, i, order[i], seen[order[i]], s.ID, s.ValidAt)
				break
			}
		}
	}
	// A page of an interval that has more maps after it leaves out
	// numberMatched and links the next page.
	var raw map[string]any
	fetch(t, u+"../..&limit=5", typeGeoJSON, &raw)
	if _, ok := raw["numberMatched"]; ok || raw["numberReturned"] != 5.0 {
		t.Errorf("a paged interval: numberMatched %v, numberReturned %v", raw["numberMatched"], raw["numberReturned"])
	}
	if got := snapshotOf(t, items(t, ts.URL+"/ogc/collections/deepstate/items")); got != latest[0].ID {
		t.Errorf("no datetime: snapshot %d, want the latest %d", got, latest[0].ID)
	}
	// As known before the store was filled there was no map, and no map
	// before the layer's first or in an interval after its last: 200 with
	// no features, as OGC API – Features wants.
	for _, q := range []string{"datetime=2022-09-13&as_known=2000-01-01T00:00:00Z", "as_known=2000-01-01T00:00:00Z",
		"datetime=2020-01-01", "datetime=2023-01-01/..", "datetime=../2020-01-01"} {
		fc := items(t, ts.URL+"/ogc/collections/deepstate/items?"+q)
		if len(fc.Features) != 0 || fc.NumberMatched != 0 || fc.Links.has("next") {
			t.Errorf("%s: %d features, numberMatched %d", q, len(fc.Features), fc.NumberMatched)
		}
	}
	if got := snapshotOf(t, items(t, u+"2022-09-13&as_known="+time.Now().UTC().Format(time.RFC3339))); got != ofDay {
		t.Errorf("as known now: %d, want %d", got, ofDay)
	}
}

func TestItemsPaging(t *testing.T) {
	ts := newServer(t)
	all := items(t, ts.URL+"/ogc/collections/deepstate/items?datetime=2022-09-13&limit=1000")
	var got []string
	next := ts.URL + "/ogc/collections/deepstate/items?datetime=2022-09-13&limit=4"
	pages := 0
	for next != "" {
		fc := items(t, next)
		pages++
		if fc.NumberMatched != all.NumberMatched || fc.NumberReturned > 4 {
			t.Fatalf("page %d: numberMatched %d numberReturned %d", pages, fc.NumberMatched, fc.NumberReturned)
		}
		if pages > 1 && !fc.Links.has("prev") {
			t.Errorf("page %d has no prev link", pages)
		}
		for _, f := range fc.Features {
			got = append(got, f.ID)
		}
		next = ""
		if fc.Links.has("next") {
			next = fc.Links.href(t, "next")
			if !strings.Contains(next, "datetime=2022-09-13") {
				t.Fatalf("next link %q lost the datetime", next)
			}
		}
		if pages > 100 {
			t.Fatal("endless paging")
		}
	}
	if want := (all.NumberMatched + 3) / 4; pages != want {
		t.Errorf("%d pages, want %d", pages, want)
	}
	if len(got) != len(all.Features) {
		t.Fatalf("paged %d features, want %d", len(got), len(all.Features))
	}
	for i := range got {
		if got[i] != all.Features[i].ID {
			t.Errorf("feature %d: %s, want %s", i, got[i], all.Features[i].ID)
		}
	}
	// Default and oversized limits; an offset past the end.
	if fc := items(t, ts.URL+"/ogc/collections/deepstate/items?datetime=2022-09-13"); fc.NumberReturned != min(ogc.DefaultLimit, all.NumberMatched) {
		t.Errorf("default limit: %d features", fc.NumberReturned)
	}
	if fc := items(t, ts.URL+"/ogc/collections/deepstate/items?datetime=2022-09-13&limit=5000"); fc.NumberReturned != all.NumberMatched {
		t.Errorf("limit 5000: %d features", fc.NumberReturned)
	}
	fc := items(t, ts.URL+"/ogc/collections/deepstate/items?datetime=2022-09-13&offset=100000")
	if fc.NumberReturned != 0 || fc.NumberMatched != all.NumberMatched || fc.Links.has("next") || fc.Features == nil {
		t.Errorf("offset past the end: %+v", fc)
	}
}

// bounds returns the bounding box of a GeoJSON MultiPolygon.
func bounds(t *testing.T, g json.RawMessage) [4]float64 {
	var mp struct{ Coordinates [][][][2]float64 }
	if err := json.Unmarshal(g, &mp); err != nil {
		t.Fatal(err)
	}
	b := [4]float64{180, 90, -180, -90}
	for _, p := range mp.Coordinates {
		for _, r := range p {
			for _, c := range r {
				b = [4]float64{math.Min(b[0], c[0]), math.Min(b[1], c[1]), math.Max(b[2], c[0]), math.Max(b[3], c[1])}
			}
		}
	}
	return b
}

func TestItemsBBoxAndStatus(t *testing.T) {
	ts := newServer(t)
	u := ts.URL + "/ogc/collections/deepstate/items?datetime=2022-09-13&limit=1000"
	all := items(t, u)
	box := [4]float64{35.5, 49, 38.5, 50.5} // around Izium and Kupiansk
	in := items(t, u+"&bbox=35.5,49,38.5,50.5")
	if in.NumberMatched == 0 || in.NumberMatched >= all.NumberMatched {
		t.Fatalf("bbox kept %d of %d", in.NumberMatched, all.NumberMatched)
	}
	kept := map[string]bool{}
	for _, f := range in.Features {
		kept[f.ID] = true
	}
	for _, f := range all.Features {
		b := bounds(t, f.Geometry)
		meets := b[0] <= box[2] && b[2] >= box[0] && b[1] <= box[3] && b[3] >= box[1]
		if meets != kept[f.ID] {
			t.Errorf("%s (bounds %v): kept %v, its bounds meet the bbox: %v", f.ID, b, kept[f.ID], meets)
		}
	}
	// The 3D form; a box far away.
	if fc := items(t, u+"&bbox=35.5,49,0,38.5,50.5,100"); fc.NumberMatched != in.NumberMatched {
		t.Errorf("6-number bbox: %d, want %d", fc.NumberMatched, in.NumberMatched)
	}
	if fc := items(t, u+"&bbox=0,0,1,1"); fc.NumberMatched != 0 || len(fc.Features) != 0 {
		t.Errorf("bbox at 0,0: %d", fc.NumberMatched)
	}
	fc := items(t, u+"&status=contested,unknown")
	for _, f := range fc.Features {
		if f.Properties.Status != frontline.StatusContested && f.Properties.Status != frontline.StatusUnknown {
			t.Errorf("status filter: %s", f.ID)
		}
	}
	if fc.NumberMatched >= all.NumberMatched {
		t.Errorf("status filter kept %d of %d", fc.NumberMatched, all.NumberMatched)
	}
}

func TestItem(t *testing.T) {
	ts := newServer(t)
	ctx := context.Background()
	fc := items(t, ts.URL+"/ogc/collections/deepstate/items?datetime=2022-09-13&limit=1000")
	for _, want := range []feature{fc.Features[0], fc.Features[len(fc.Features)-1]} {
		var f feature
		if code := fetch(t, want.Links.href(t, "self"), typeGeoJSON, &f); code != 200 {
			t.Fatalf("%s: %d", want.ID, code)
		}
		if f.ID != want.ID || f.Properties != want.Properties || string(f.Geometry) != string(want.Geometry) {
			t.Errorf("%s: got %s %+v", want.ID, f.ID, f.Properties)
		}
		if got := f.Links.href(t, "collection"); got != ts.URL+"/ogc/collections/deepstate" {
			t.Errorf("collection link %q", got)
		}
	}
	// A layer without maps (a list layer): not a collection, so GDAL does
	// not stumble on items it cannot read.
	if err := svc.CreateLayer(ctx, &frontline.Layer{Name: "ogc-empty", Title: "empty"}); err != nil {
		t.Fatal(err)
	}
	var e ogc.Exception
	if code := fetch(t, ts.URL+"/ogc/collections/ogc-empty", typeJSON, &e); code != 404 || !strings.Contains(e.Description, "no maps") {
		t.Errorf("empty layer: %d %+v", code, e)
	}
	if code := fetch(t, ts.URL+"/ogc/collections/ogc-empty/items", typeJSON, &e); code != 404 {
		t.Errorf("items of an empty layer: %d %+v", code, e)
	}
	var list struct{ Collections []ogc.Collection }
	fetch(t, ts.URL+"/ogc/collections", typeJSON, &list)
	for _, c := range list.Collections {
		if c.ID == "ogc-empty" {
			t.Errorf("a layer without maps is listed as a collection")
		}
	}
	if code := fetch(t, ts.URL+"/ogc/collections/ogc-empty/items/"+url.PathEscape(fc.Features[0].ID), typeJSON, &e); code != 404 {
		t.Errorf("deepstate feature under ogc-empty: %d %+v", code, e)
	}
}

// TestErrors: every bad request is a 4xx with a JSON exception naming the
// parameter, never a 500.
func TestErrors(t *testing.T) {
	ts := newServer(t)
	items := "/ogc/collections/deepstate/items"
	snap := items + "?datetime=2022-09-13&limit=1"
	var fc featureCollection
	fetch(t, ts.URL+snap, typeGeoJSON, &fc)
	id := fc.Features[0].ID
	for _, c := range []struct {
		path   string
		status int
		param  string
	}{
		{"/ogc/nothing", 404, ""},
		{"/ogc/collections/nope", 404, ""},
		{"/ogc/collections/nope/items", 404, ""},
		{"/ogc/collections/NOPE!/items", 404, ""},
		{"/ogc/collections/nope/items/" + id, 404, ""},
		{"/ogc/collections/nope/queryables", 404, ""},
		{"/ogc/collections/deepstate/queryables?limit=1", 400, "limit"},
		{items + "/garbage", 404, ""},
		{items + "/999999999-russia-kharkiv-oblast", 404, ""},
		{items + "/" + strings.Replace(id, "-russia-", "-ukraine-", 1), 404, ""},
		{items + "/" + strings.Replace(id, "-russia-", "-bogus-", 1), 404, ""},
		{items + "/" + id + "x", 404, ""},
		{items + "?bbox=1,2,3", 400, "bbox"},
		{items + "?bbox=a,b,c,d", 400, "bbox"},
		{items + "?bbox=30,50,40,45", 400, "bbox"},
		{items + "?bbox=200,0,210,1", 400, "bbox"},
		{items + "?bbox=NaN,0,1,1", 400, "bbox"},
		{items + "?bbox=40,45,30,50", 400, "bbox"},
		{items + "?bbox=", 400, "bbox"},
		{items + "?datetime=", 400, "datetime"},
		{items + "?datetime=yesterday", 400, "datetime"},
		{items + "?datetime=2022-13-45", 400, "datetime"},
		{items + "?datetime=..", 400, "datetime"},
		{items + "?datetime=2022-09-13/2022-09-01", 400, "datetime"},
		{items + "?datetime=2022-09-01/2022-09-13/2022-09-20", 400, "datetime"},
		{items + "?filter=status%3D", 400, "filter"},
		{items + "?filter=bogus%3D1", 400, "filter"},
		{items + "?filter=area_km2%3D'x'", 400, "filter"},
		{items + "?filter=status%3D'russia'&filter-lang=cql2-json", 400, "filter-lang"},
		{items + "?filter=" + strings.Repeat("(", 200) + "status%3D'russia'" + strings.Repeat(")", 200), 400, "filter"},
		{items + "?limit=0", 400, "limit"},
		{items + "?limit=-1", 400, "limit"},
		{items + "?limit=ten", 400, "limit"},
		{items + "?limit=99999999999999999999", 400, "limit"},
		{items + "?offset=-1", 400, "offset"},
		{items + "?as_known=soon", 400, "as_known"},
		{items + "?status=bogus", 400, "status"},
		{items + "?limit=1&limit=2", 400, "limit"},
		{items + "?foo=1", 400, "foo"},
		{items + "?f=html", 400, "f"},
		{"/ogc?f=xml", 400, "f"},
		{"/ogc/collections?bbox=1,2,3,4", 400, "bbox"},
		{"/ogc/collections/deepstate?limit=1", 400, "limit"},
		{items + "/" + id + "?datetime=2022-09-13", 400, "datetime"},
	} {
		var e ogc.Exception
		code := fetch(t, ts.URL+c.path, typeJSON, &e)
		if code != c.status || e.Parameter != c.param || e.Code == "" || e.Description == "" {
			t.Errorf("%s: %d %+v, want %d naming %q", c.path, code, e, c.status, c.param)
		}
	}
	// A query string over 4 KB: 414 with the exception body, documented.
	var e ogc.Exception
	if code := fetch(t, ts.URL+items+"?filter="+strings.Repeat("x", ogc.MaxQueryBytes), typeJSON, &e); code != http.StatusRequestURITooLong || e.Code == "" || e.Description == "" {
		t.Errorf("long query: %d %+v", code, e)
	}
	// f=json is accepted everywhere.
	for _, p := range []string{"/ogc?f=json", "/ogc/collections?f=json", items + "?f=json"} {
		wantType := typeJSON
		if strings.HasPrefix(p, items) {
			wantType = typeGeoJSON
		}
		if code := fetch(t, ts.URL+p, wantType, nil); code != 200 {
			t.Errorf("%s: %d", p, code)
		}
	}
}

// TestFilter: the queryables and Basic CQL2 text filters, checked against
// filtering the day's features by hand.
func TestFilter(t *testing.T) {
	ts := newServer(t)
	coll := ts.URL + "/ogc/collections/deepstate"
	var q struct {
		Schema     string `json:"$schema"`
		ID         string `json:"$id"`
		Type       string
		Properties map[string]struct {
			Type string
			Enum []string
		}
	}
	if code := fetch(t, coll+"/queryables", "application/schema+json", &q); code != 200 {
		t.Fatal(code)
	}
	if q.ID != coll+"/queryables" || q.Type != "object" || q.Properties["status"].Type != "string" || len(q.Properties["status"].Enum) != 4 || q.Properties["area_km2"].Type != "number" {
		t.Errorf("queryables %+v", q)
	}
	var c ogc.Collection
	fetch(t, coll, typeJSON, &c)
	if got := links(c.Links).href(t, "http://www.opengis.net/def/rel/ogc/1.0/queryables"); got != coll+"/queryables" {
		t.Errorf("collection's queryables link %q", got)
	}
	var conf struct{ ConformsTo []string }
	fetch(t, ts.URL+"/ogc/conformance", typeJSON, &conf)
	if !strings.Contains(strings.Join(conf.ConformsTo, " "), "/conf/basic-cql2") {
		t.Errorf("conformance does not name basic-cql2: %v", conf.ConformsTo)
	}

	u := coll + "/items?datetime=2022-09-13&limit=1000"
	all := items(t, u).Features
	for _, c := range []struct {
		filter string
		keep   func(p ogc.Properties) bool
	}{
		{"status='russia'", func(p ogc.Properties) bool { return p.Status == "russia" }},
		{"status <> 'russia'", func(p ogc.Properties) bool { return p.Status != "russia" }},
		{"status='russia' AND area_km2 > 1000", func(p ogc.Properties) bool { return p.Status == "russia" && p.AreaKm2 > 1000 }},
		{"oblast = 'Kharkiv Oblast' or oblast='Donetsk Oblast'", func(p ogc.Properties) bool { return p.Oblast == "Kharkiv Oblast" || p.Oblast == "Donetsk Oblast" }},
		{"NOT (status IN ('contested', 'unknown')) AND area_km2 <= 5000.5", func(p ogc.Properties) bool {
			return p.Status != "contested" && p.Status != "unknown" && p.AreaKm2 <= 5000.5
		}},
		{"\"oblast\" IS NOT NULL AND valid_at >= '2022-09-13'", func(p ogc.Properties) bool { return true }},
		{"oblast IS NULL", func(p ogc.Properties) bool { return false }},
		{"status = 'Russia'", func(p ogc.Properties) bool { return false }},
	} {
		want := 0
		for _, f := range all {
			if c.keep(f.Properties) {
				want++
			}
		}
		fc := items(t, u+"&filter="+url.QueryEscape(c.filter)+"&filter-lang=cql2-text")
		if fc.NumberMatched != want || len(fc.Features) != want {
			t.Errorf("filter %s: %d features (matched %d), want %d of %d", c.filter, len(fc.Features), fc.NumberMatched, want, len(all))
		}
		for _, f := range fc.Features {
			if !c.keep(f.Properties) {
				t.Errorf("filter %s kept %+v", c.filter, f.Properties)
			}
		}
	}
	// The queryables as query parameters.
	fc := items(t, u+"&oblast="+url.QueryEscape("Kharkiv Oblast,donetsk oblast")+"&status=russia")
	for _, f := range fc.Features {
		if f.Properties.Status != "russia" || (f.Properties.Oblast != "Kharkiv Oblast" && f.Properties.Oblast != "Donetsk Oblast") {
			t.Errorf("oblast=…&status=russia kept %+v", f.Properties)
		}
	}
	if len(fc.Features) != 2 {
		t.Errorf("oblast=Kharkiv,Donetsk&status=russia: %d features, want 2", len(fc.Features))
	}
}
