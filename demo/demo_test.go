package demo

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/frontline-osint/frontline/internal/shareddata"

	"github.com/tidwall/geodesic"
)

// sharedData returns the shared data directory, skipping the test when it is
// absent outside CI and failing when it is absent in CI.
func sharedData(t testing.TB) string {
	t.Helper()
	shareddata.Dir(t, filepath.FromSlash(WindowDir))
	return shareddata.Dir(t)
}

type featureCollection struct {
	Type     string `json:"type"`
	Features []struct {
		Type       string          `json:"type"`
		Properties map[string]any  `json:"properties"`
		Geometry   json.RawMessage `json:"geometry"`
	} `json:"features"`
}

func TestLoad(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if b.Layer != "deepstate" {
		t.Errorf("Layer = %q", b.Layer)
	}
	if b.Title != "DeepStateMap (demo: Kharkiv counteroffensive, 2022-08-20 – 2022-10-20)" {
		t.Errorf("Title = %q", b.Title)
	}
	if b.Source == "" || b.Licence == "" {
		t.Errorf("Source %q, Licence %q: want both", b.Source, b.Licence)
	}
	if len(b.Snapshots) != 90 {
		t.Fatalf("got %d snapshots, want 90", len(b.Snapshots))
	}
	first, last := b.Snapshots[0], b.Snapshots[len(b.Snapshots)-1]
	if want := time.Date(2022, 8, 20, 21, 22, 38, 0, time.UTC); !first.ValidAt.Equal(want) {
		t.Errorf("first ValidAt = %v, want %v", first.ValidAt, want)
	}
	if want := time.Date(2022, 10, 20, 21, 22, 57, 0, time.UTC); !last.ValidAt.Equal(want) {
		t.Errorf("last ValidAt = %v, want %v", last.ValidAt, want)
	}
	if first.Name != "2022-08-20T212238Z.geojson" {
		t.Errorf("first Name = %q", first.Name)
	}
	for i, s := range b.Snapshots {
		if i > 0 && !s.ValidAt.After(b.Snapshots[i-1].ValidAt) {
			t.Errorf("snapshot %d (%s) not after %s", i, s.ValidAt, b.Snapshots[i-1].ValidAt)
		}
		if s.ValidAt.Location() != time.UTC {
			t.Errorf("%s: ValidAt not in UTC", s.Name)
		}
		var fc featureCollection
		if err := json.Unmarshal(s.GeoJSON, &fc); err != nil {
			t.Errorf("%s: %v", s.Name, err)
			continue
		}
		if fc.Type != "FeatureCollection" {
			t.Errorf("%s: type %q", s.Name, fc.Type)
		}
		if len(fc.Features) < 50 {
			t.Errorf("%s: %d features, want >= 50", s.Name, len(fc.Features))
		}
		for j, f := range fc.Features {
			name, _ := f.Properties["name"].(string)
			if f.Type != "Feature" || name == "" || len(f.Properties) != 1 {
				t.Errorf("%s: feature %d: type %q, properties %v", s.Name, j, f.Type, f.Properties)
				break
			}
			var g struct{ Type string }
			if err := json.Unmarshal(f.Geometry, &g); err != nil || (g.Type != "Polygon" && g.Type != "GeometryCollection") {
				t.Errorf("%s: feature %d: geometry type %q (%v)", s.Name, j, g.Type, err)
				break
			}
		}
	}
}

func TestLoadFreshCopies(t *testing.T) {
	a, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	want := string(b.Snapshots[0].GeoJSON)
	a.Snapshots[0].GeoJSON[0] = 'X'
	if string(b.Snapshots[0].GeoJSON) != want {
		t.Fatal("two Loads share GeoJSON bytes")
	}
}

// TestEmbeddedMatchesGenerator proves the shipped bundle is exactly what
// internal/cmd/gendemo produces from the shared data.
func TestEmbeddedMatchesGenerator(t *testing.T) {
	dir := sharedData(t)
	var buf bytes.Buffer
	stats, err := Generate(dir, &buf, DefaultDecimals)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", stats)
	if stats.Snapshots != 90 {
		t.Errorf("Generate read %d snapshots, want 90", stats.Snapshots)
	}
	if stats.CompressedBytes != int64(buf.Len()) {
		t.Errorf("CompressedBytes = %d, wrote %d", stats.CompressedBytes, buf.Len())
	}
	if bytes.Equal(buf.Bytes(), bundleGz) {
		return
	}
	// Say whether the content or only the compressed encoding differs.
	got, want := gunzip(t, buf.Bytes()), gunzip(t, bundleGz)
	if !bytes.Equal(got, want) {
		t.Fatalf("embedded %s (%d bytes JSON) differs from a fresh generation (%d bytes JSON); run: go run ./internal/cmd/gendemo -data ../shared/data -out demo/%s",
			BundleFile, len(want), len(got), BundleFile)
	}
	t.Fatalf("embedded %s has the same JSON as a fresh generation but different gzip bytes (compress/flate changed with the Go toolchain?); run: go run ./internal/cmd/gendemo -data ../shared/data -out demo/%s",
		BundleFile, BundleFile)
}

func TestGenerateDeterministic(t *testing.T) {
	dir := sharedData(t)
	var a, b bytes.Buffer
	if _, err := Generate(dir, &a, 5); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(dir, &b, 5); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two runs differ")
	}
}

// TestRoundingAreaEffect measures what rounding coordinates to DefaultDecimals
// does to the geodesic area of one snapshot (the figure in README.md).
func TestRoundingAreaEffect(t *testing.T) {
	dir := sharedData(t)
	const snapshot = "2022-09-13T130124Z.geojson"
	areas := func(decimals int) []float64 {
		var buf bytes.Buffer
		if _, err := Generate(dir, &buf, decimals); err != nil {
			t.Fatal(err)
		}
		b, err := decode(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range b.Snapshots {
			if s.Name == snapshot {
				return featureAreasM2(t, s.GeoJSON)
			}
		}
		t.Fatalf("no snapshot %s", snapshot)
		return nil
	}
	full, rounded := areas(-1), areas(DefaultDecimals)
	if len(full) != len(rounded) {
		t.Fatalf("%d features at full precision, %d rounded", len(full), len(rounded))
	}
	var sumFull, sumRounded, sumAbsDiff, maxAbsDiff float64
	for i := range full {
		d := math.Abs(rounded[i] - full[i])
		sumFull += full[i]
		sumRounded += rounded[i]
		sumAbsDiff += d
		maxAbsDiff = math.Max(maxAbsDiff, d)
	}
	t.Logf("%s: %d polygon features; area full precision %.3f km², rounded to %d decimals %.3f km²; net difference %+.1f m² (%.2e relative); sum of per-feature |differences| %.1f m², largest %.1f m²",
		snapshot, len(full), sumFull/1e6, DefaultDecimals, sumRounded/1e6, sumRounded-sumFull, (sumRounded-sumFull)/sumFull, sumAbsDiff, maxAbsDiff)
	if rel := math.Abs(sumRounded-sumFull) / sumFull; rel > 1e-6 {
		t.Errorf("rounding changes the total area by %.2e (relative), want <= 1e-6", rel)
	}
}

// featureAreasM2 returns the geodesic area of each feature of a
// FeatureCollection: per polygon, |exterior| minus |holes|, summed over the
// members of a GeometryCollection.
func featureAreasM2(t *testing.T, doc []byte) []float64 {
	t.Helper()
	type geometry struct {
		Type        string         `json:"type"`
		Coordinates [][][2]float64 `json:"coordinates"`
		Geometries  []geometry     `json:"geometries"`
	}
	var fc struct {
		Features []struct {
			Geometry geometry `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(doc, &fc); err != nil {
		t.Fatal(err)
	}
	var area func(g geometry) float64
	area = func(g geometry) float64 {
		switch g.Type {
		case "Polygon":
			var sum float64
			for i, ring := range g.Coordinates {
				a := ringAreaM2(ring)
				if i == 0 {
					sum += a
				} else {
					sum -= a
				}
			}
			return sum
		case "GeometryCollection":
			var sum float64
			for _, m := range g.Geometries {
				sum += area(m)
			}
			return sum
		}
		t.Fatalf("unexpected geometry %q", g.Type)
		return 0
	}
	out := make([]float64, len(fc.Features))
	for i, f := range fc.Features {
		out[i] = area(f.Geometry)
	}
	return out
}

func ringAreaM2(ring [][2]float64) float64 {
	p := geodesic.WGS84.PolygonInit(false)
	n := len(ring)
	if n > 1 && ring[0] == ring[n-1] {
		n-- // closing point
	}
	for _, c := range ring[:n] {
		p.AddPoint(c[1], c[0])
	}
	var area float64
	p.Compute(false, true, &area, nil) // signed: never "the rest of the earth"
	return math.Abs(area)
}

func gunzip(t *testing.T, gz []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
