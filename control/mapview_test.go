package control_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/demo"
	"github.com/frontline-osint/frontline/geo"
)

// demoDays imports the demo bundle's maps published on the given days.
func demoDays(t testing.TB, svc *control.Service, days ...string) {
	t.Helper()
	b, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, d := range days {
		want[d] = true
	}
	for _, sn := range b.Snapshots {
		if !want[sn.ValidAt.UTC().Format("2006-01-02")] {
			continue
		}
		if _, err := svc.Import(context.Background(), frontline.ImportRequest{Layer: b.Layer, SourceName: sn.Name, Data: sn.GeoJSON, ValidAt: sn.ValidAt}); err != nil {
			t.Fatal(err)
		}
	}
}

// featureCollection is what the HTTP API sends for a map.
func featureCollection(t testing.TB, res *frontline.MapResult) []byte {
	type feature struct {
		Type       string          `json:"type"`
		Properties map[string]any  `json:"properties"`
		Geometry   json.RawMessage `json:"geometry"`
	}
	fc := struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{Type: "FeatureCollection"}
	for _, f := range res.Features {
		fc.Features = append(fc.Features, feature{"Feature", map[string]any{"status": f.Status, "oblast": f.Oblast, "area_km2": f.AreaKm2}, f.Geometry})
	}
	buf, err := json.Marshal(fc)
	if err != nil {
		t.Fatal(err)
	}
	return buf
}

func gzipLen(b []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Len()
}

func vertices(t testing.TB, res *frontline.MapResult) int {
	n := 0
	for _, f := range res.Features {
		g := geometryOf(t, f)
		n += g.DumpCoordinates().Length()
	}
	return n
}

func geometryOf(t testing.TB, f frontline.MapFeature) geom.Geometry {
	t.Helper()
	if string(f.Geometry) == "null" {
		return geom.MultiPolygon{}.AsGeometry()
	}
	g, err := geom.UnmarshalGeoJSON(f.Geometry, geom.NoValidate{})
	if err != nil {
		t.Fatalf("%s %s: %v", f.Status, f.Oblast, err)
	}
	return g
}

func TestMap(t *testing.T) {
	svc, _ := newService(t)
	demoDays(t, svc, "2022-09-06", "2022-09-13")
	ctx := context.Background()
	at := day(t, "2022-09-13")

	full, err := svc.Map(ctx, frontline.MapRequest{Layer: "deepstate", At: at})
	if err != nil {
		t.Fatal(err)
	}
	z6, err := svc.Map(ctx, frontline.MapRequest{Layer: "deepstate", At: at, Zoom: 6})
	if err != nil {
		t.Fatal(err)
	}
	z10, err := svc.Map(ctx, frontline.MapRequest{Layer: "deepstate", At: at, Zoom: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Features) < 5 || len(z6.Features) != len(full.Features) || full.Snapshot == nil || z6.Zoom != 6 || full.Zoom != 0 {
		t.Fatalf("full %d features, zoom 6 %d", len(full.Features), len(z6.Features))
	}

	// Areas are the stored full-geometry areas whatever the zoom, and add
	// up to the snapshot's; no Ukraine features.
	sum := map[frontline.Status]float64{}
	for i, f := range full.Features {
		if f.Status == frontline.StatusUkraine || !f.Status.Valid() {
			t.Fatalf("feature %d has status %q", i, f.Status)
		}
		if z6.Features[i].AreaKm2 != f.AreaKm2 || z6.Features[i].Status != f.Status || z6.Features[i].Oblast != f.Oblast {
			t.Fatalf("feature %d: zoom 6 %+v, full %+v", i, z6.Features[i].AreaKm2, f.AreaKm2)
		}
		sum[f.Status] += f.AreaKm2
		// Full precision is the stored geometry: its area is the area.
		if a := geo.AreaKm2(geometryOf(t, f)); !near(a, f.AreaKm2, 1e-9) {
			t.Errorf("%s %s: geometry %g km², area %g km²", f.Status, f.Oblast, a, f.AreaKm2)
		}
		// Drawn at zoom 6 a large feature keeps its shape.
		if f.AreaKm2 > 1000 {
			if a := geo.AreaKm2(geometryOf(t, z6.Features[i])); !near(a, f.AreaKm2, 0.01) {
				t.Errorf("%s %s at zoom 6: %g km², full %g km²", f.Status, f.Oblast, a, f.AreaKm2)
			}
		}
	}
	for _, st := range frontline.Precedence {
		if !near(sum[st], full.Snapshot.AreasKm2[st], 1e-9) {
			t.Errorf("%s: features add up to %g km², snapshot says %g", st, sum[st], full.Snapshot.AreasKm2[st])
		}
	}
	n0, n6, n10 := vertices(t, full), vertices(t, z6), vertices(t, z10)
	if !(n6 < n10 && n10 < n0) {
		t.Errorf("vertices: zoom 6 %d, zoom 10 %d, full %d", n6, n10, n0)
	}
	gz := gzipLen(featureCollection(t, z6))
	t.Logf("2022-09-13: %d features; vertices full %d, zoom 10 %d, zoom 6 %d; zoom 6 FeatureCollection %d bytes, %d gzipped", len(z6.Features), n0, n10, n6, len(featureCollection(t, z6)), gz)
	if gz > 200_000 {
		t.Errorf("zoom 6 map is %d bytes gzipped; want < 200 KB", gz)
	}

	// The same snapshot by ID, from the cache.
	byID, err := svc.Map(ctx, frontline.MapRequest{Layer: "deepstate", SnapshotID: z6.Snapshot.ID, Zoom: 6})
	if err != nil {
		t.Fatal(err)
	}
	if len(byID.Features) != len(z6.Features) || &byID.Features[0].Geometry[0] != &z6.Features[0].Geometry[0] {
		t.Error("the map by snapshot ID is not the cached map of its day")
	}

	// Filters.
	unknown, err := svc.Map(ctx, frontline.MapRequest{Layer: "deepstate", At: at, Zoom: 6, Statuses: []frontline.Status{frontline.StatusUnknown}})
	if err != nil {
		t.Fatal(err)
	}
	if len(unknown.Features) == 0 || len(unknown.Features) >= len(z6.Features) {
		t.Fatalf("unknown: %d of %d features", len(unknown.Features), len(z6.Features))
	}
	for _, f := range unknown.Features {
		if f.Status != frontline.StatusUnknown {
			t.Fatalf("status filter let %s through", f.Status)
		}
	}
	// East of the Oskil by Kupiansk: Kharkiv oblast only.
	kharkiv, err := svc.Map(ctx, frontline.MapRequest{Layer: "deepstate", At: at, Zoom: 6, BBox: &[4]float64{37.5, 49.55, 37.8, 49.8}})
	if err != nil {
		t.Fatal(err)
	}
	if len(kharkiv.Features) == 0 || len(kharkiv.Features) >= len(z6.Features) {
		t.Fatalf("bbox: %d of %d features", len(kharkiv.Features), len(z6.Features))
	}
	for _, f := range kharkiv.Features {
		if f.Oblast != "Kharkiv Oblast" {
			t.Errorf("bbox by Kupiansk kept %s", f.Oblast)
		}
	}

	for _, c := range []struct {
		name string
		req  frontline.MapRequest
		code string
	}{
		{"zoom", frontline.MapRequest{Layer: "deepstate", At: at, Zoom: 23}, frontline.EINVALID},
		{"bbox", frontline.MapRequest{Layer: "deepstate", At: at, BBox: &[4]float64{37, 49, 36, 50}}, frontline.EINVALID},
		{"bbox nan", frontline.MapRequest{Layer: "deepstate", At: at, BBox: &[4]float64{math.NaN(), 49, 36, 50}}, frontline.EINVALID},
		{"status", frontline.MapRequest{Layer: "deepstate", At: at, Statuses: []frontline.Status{"blue"}}, frontline.EINVALID},
		{"layer", frontline.MapRequest{Layer: "nope", At: at}, frontline.ENOTFOUND},
		{"day", frontline.MapRequest{Layer: "deepstate", At: day(t, "2021-01-01")}, frontline.ENOTFOUND},
		{"snapshot", frontline.MapRequest{Layer: "deepstate", SnapshotID: 999999}, frontline.ENOTFOUND},
		{"snapshot of another layer", frontline.MapRequest{Layer: "other", SnapshotID: z6.Snapshot.ID}, frontline.ENOTFOUND},
	} {
		if _, err := svc.Map(ctx, c.req); frontline.ErrorCode(err) != c.code {
			t.Errorf("%s: %v; want %s", c.name, err, c.code)
		}
	}
}

// A map as known before a correction is the corrected map's predecessor.
func TestMapAsKnown(t *testing.T) {
	svc, clk := newService(t)
	demoDays(t, svc, "2022-09-06")
	before := clk.t
	b, _ := demo.Load()
	var sept13 demo.Snapshot
	for _, sn := range b.Snapshots {
		if sn.ValidAt.Format("2006-01-02") == "2022-09-13" {
			sept13 = sn
		}
	}
	ctx := context.Background()
	// A "correction" of 09-06's map that is really 09-13's.
	if _, err := svc.Import(ctx, frontline.ImportRequest{Layer: "deepstate", SourceName: "fix.geojson", Data: sept13.GeoJSON, ValidAt: time.Date(2022, 9, 6, 22, 5, 10, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	now, err := svc.Map(ctx, frontline.MapRequest{Layer: "deepstate", At: day(t, "2022-09-06"), Zoom: 6})
	if err != nil {
		t.Fatal(err)
	}
	then, err := svc.Map(ctx, frontline.MapRequest{Layer: "deepstate", At: day(t, "2022-09-06"), Zoom: 6, AsKnown: before})
	if err != nil {
		t.Fatal(err)
	}
	if now.Snapshot.ID == then.Snapshot.ID || now.Snapshot.AreasKm2[frontline.StatusRussia] >= then.Snapshot.AreasKm2[frontline.StatusRussia] {
		t.Fatalf("as known: now %d (%g km²), then %d (%g km²)", now.Snapshot.ID, now.Snapshot.AreasKm2[frontline.StatusRussia], then.Snapshot.ID, then.Snapshot.AreasKm2[frontline.StatusRussia])
	}
}

// BenchmarkMap measures the map of 2022-09-13 at zoom 6: cold (read the
// pieces, simplify, encode) and cached.
func BenchmarkMap(b *testing.B) {
	svc, _ := newService(b)
	demoDays(b, svc, "2022-09-13")
	ctx := context.Background()
	req := frontline.MapRequest{Layer: "deepstate", At: day(b, "2022-09-13"), Zoom: 6}
	b.Run("cold", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			fresh := control.NewService(svc.Store, svc.Bounds) // an empty cache
			b.StartTimer()
			if _, err := fresh.Map(ctx, req); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		if _, err := svc.Map(ctx, req); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, err := svc.Map(ctx, req); err != nil {
				b.Fatal(err)
			}
		}
	})
}
