package mapfile_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline/internal/golden"

	"github.com/frontline-osint/frontline/internal/shareddata"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/mapfile"
)

// dataDir is the shared test data folder (../shared/data beside the
// repository). Without it the tests that need it skip, except in CI.
func dataDir(t testing.TB) string {
	t.Helper()
	return shareddata.Dir(t)
}

func deepStateDir(t testing.TB, sub string) string {
	return filepath.Join(dataDir(t), "control", "deepstate", sub)
}

const (
	dailyDir    = "daily-2022-08-20_2022-10-20"
	monthlyDir  = "monthly"
	cyteratDir  = "cyterat-occupied-monthly"
	firstDaily  = "2022-08-20T212238Z.geojson"
	nbsp        = "\u00a0"
	snakeIsland = "Зміїний ///" + nbsp + "Snake Island"
)

func globFiles(t testing.TB, dir, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	return files
}

// deepStateStats counts what data/README.md states about the DeepState
// archive.
type deepStateStats struct {
	Files              int
	Features           int
	PolygonFeatures    int // features of GeoJSON type Polygon
	CollectionFeatures int // features of type GeometryCollection
	CollectionMembers  int // polygons inside them (all members are Polygons)
	PointFeatures      int
	HolesInPolygons    int // interior rings of Polygon features
	Holes              int // interior rings of every polygon
	Polygons           int // every polygon, collections flattened
	Coordinates        int // every position, points included
}

func (s *deepStateStats) add(o deepStateStats) {
	a, b := reflect.ValueOf(s).Elem(), reflect.ValueOf(o)
	for i := range a.NumField() {
		a.Field(i).SetInt(a.Field(i).Int() + b.Field(i).Int())
	}
}

// countDeepState reads a file and counts it, checking what README says of
// every DeepState file: no other geometry types, exterior rings closed and
// counter-clockwise.
func countDeepState(t *testing.T, path string) deepStateStats {
	t.Helper()
	f, err := mapfile.ReadFile(path, mapfile.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if f.Format != mapfile.FormatGeoJSON || f.Name != path {
		t.Errorf("%s: format %q name %q", path, f.Format, f.Name)
	}
	s := deepStateStats{Files: 1, Features: len(f.Features)}
	for i, ft := range f.Features {
		g := ft.Geometry
		if ft.Index != i {
			t.Fatalf("%s: feature %d has Index %d", path, i, ft.Index)
		}
		switch g.Type {
		case "Polygon":
			s.PolygonFeatures++
			if len(g.Polygons) != 1 {
				t.Fatalf("%s: feature %d: Polygon with %d polygons", path, i, len(g.Polygons))
			}
			s.HolesInPolygons += len(g.Polygons[0]) - 1
		case "GeometryCollection":
			s.CollectionFeatures++
			s.CollectionMembers += len(g.Polygons)
			if len(g.Points)+len(g.Lines) > 0 {
				t.Fatalf("%s: feature %d: collection member is not a Polygon", path, i)
			}
		case "Point":
			s.PointFeatures++
			if len(g.Points) != 1 {
				t.Fatalf("%s: feature %d: Point with %d points", path, i, len(g.Points))
			}
		default:
			t.Fatalf("%s: feature %d: unexpected type %q", path, i, g.Type)
		}
		s.Coordinates += len(g.Points)
		for _, poly := range g.Polygons {
			s.Polygons++
			s.Holes += len(poly) - 1
			for j, r := range poly {
				s.Coordinates += len(r)
				if j == 0 {
					if len(r) < 4 || r[0] != r[len(r)-1] {
						t.Fatalf("%s: feature %d: exterior ring not closed", path, i)
					}
					// README: "All exterior rings are counter-clockwise" holds for
					// Polygon features; one GeometryCollection member (a stray
					// triangle in the Arabian Sea, monthly 2023-02-02) is not.
					if g.Type == "Polygon" && signedArea(r) <= 0 {
						t.Fatalf("%s: feature %d: exterior ring not counter-clockwise", path, i)
					}
				}
			}
		}
	}
	return s
}

func signedArea(r mapfile.Ring) float64 {
	var a float64
	for i := 0; i+1 < len(r); i++ {
		a += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return a / 2
}

// The daily-window and monthly totals were computed with python3's json
// module over the same files.
var (
	dailyStats = deepStateStats{
		Files: 90, Features: 19041, PolygonFeatures: 7246, CollectionFeatures: 255,
		CollectionMembers: 542, PointFeatures: 11540, HolesInPolygons: 368, Holes: 368,
		Polygons: 7788, Coordinates: 844803,
	}
	monthlyStats = deepStateStats{
		Files: 39, Features: 14359, PolygonFeatures: 3591, CollectionFeatures: 38,
		CollectionMembers: 82, PointFeatures: 10730, HolesInPolygons: 67, Holes: 82,
		Polygons: 3673, Coordinates: 532355,
	}
)

func TestDeepStateFolders(t *testing.T) {
	tests := []struct {
		dir  string
		want deepStateStats
	}{
		{dailyDir, dailyStats},
		{monthlyDir, monthlyStats},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			var got deepStateStats
			for _, path := range globFiles(t, deepStateDir(t, tt.dir), "*.geojson") {
				got.add(countDeepState(t, path))
			}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestDeepStateReadmeTotals checks the totals data/README.md gives "across
// all 129 files": 10,995 Polygon features, 299 GeometryCollections with 637
// members, 22,549 Points and 443 holes. They are the daily and monthly
// folders plus the two daily files that index.csv also marks as
// first-of-month snapshots, counted a second time.
func TestDeepStateReadmeTotals(t *testing.T) {
	got := dailyStats
	got.add(monthlyStats)
	index := readIndex(t, filepath.Join(deepStateDir(t, ""), "index.csv"))
	again := 0
	for _, row := range index {
		if row["sets"] == "daily-window+monthly-first-of-month" {
			got.add(countDeepState(t, filepath.Join(deepStateDir(t, ""), row["file"])))
			again++
		}
	}
	if again != 2 || len(index) != 129 {
		t.Fatalf("index.csv: %d rows, %d counted twice; want 129 and 2", len(index), again)
	}
	if got.PolygonFeatures != 10995 || got.CollectionFeatures != 299 || got.CollectionMembers != 637 ||
		got.PointFeatures != 22549 || got.HolesInPolygons != 443 {
		t.Errorf("README totals: %d Polygon, %d GeometryCollection (%d members), %d Point, %d holes; "+
			"want 10995, 299 (637), 22549, 443", got.PolygonFeatures, got.CollectionFeatures,
			got.CollectionMembers, got.PointFeatures, got.HolesInPolygons)
	}
}

func readIndex(t *testing.T, path string) []map[string]string {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, col := range recs[0] {
			row[col] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

func TestCyteratMonthly(t *testing.T) {
	files := globFiles(t, deepStateDir(t, cyteratDir), "*.geojson")
	if len(files) != 27 {
		t.Fatalf("%d files, want 27", len(files))
	}
	for _, path := range files {
		f, err := mapfile.ReadFile(path, mapfile.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Features) != 1 {
			t.Fatalf("%s: %d features, want 1", path, len(f.Features))
		}
		ft := f.Features[0]
		g := ft.Geometry
		if g.Type != "MultiPolygon" || len(g.Polygons) < 5 || len(g.Polygons) > 21 || len(g.Points)+len(g.Lines) > 0 {
			t.Errorf("%s: %s with %d polygons, want a MultiPolygon of 5-21", path, g.Type, len(g.Polygons))
		}
		if ft.Name != "" || len(ft.Properties) != 0 {
			t.Errorf("%s: name %q properties %v, want none", path, ft.Name, ft.Properties)
		}
	}
}

func TestCoordinatesDropZM(t *testing.T) {
	// Real DeepState coordinates are [lon, lat, 0].
	f, err := mapfile.ReadFile(filepath.Join(deepStateDir(t, dailyDir), firstDaily), mapfile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got := f.Features[0].Geometry.Polygons[0][0][:2]
	want := []mapfile.Point{{31.268087, 51.5582079}, {31.3143346, 51.5560209}}
	if !reflect.DeepEqual([]mapfile.Point(got), want) {
		t.Errorf("first positions %v, want %v", got, want)
	}

	tests := []struct{ name, coords string }{
		{"2D", `[[30,50],[31,50],[31,51],[30,50]]`},
		{"3D", `[[30,50,100],[31,50,0],[31,51,-5.5],[30,50,100]]`},
		{"4D", `[[30,50,100,7],[31,50,0,8],[31,51,-5.5,9],[30,50,100,10]]`},
		{"5D", `[[30,50,1,2,3],[31,50,1,2,3],[31,51,1,2,3],[30,50,1,2,3]]`},
	}
	ring := mapfile.Ring{{30, 50}, {31, 50}, {31, 51}, {30, 50}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustRead(t, "a.geojson", `{"type":"Polygon","coordinates":[`+tt.coords+`]}`)
			if got := f.Features[0].Geometry.Polygons; !reflect.DeepEqual(got, []mapfile.Polygon{{ring}}) {
				t.Errorf("got %v", got)
			}
			k := mustRead(t, "a.kml", `<kml><Placemark><LineString><coordinates>30,50,100 31,50,0 31,51 30,50,100</coordinates></LineString></Placemark></kml>`)
			if got := k.Features[0].Geometry.Lines; !reflect.DeepEqual(got, [][]mapfile.Point{ring}) {
				t.Errorf("KML: got %v", got)
			}
		})
	}
}

func TestNamesKept(t *testing.T) {
	f, err := mapfile.ReadFile(filepath.Join(deepStateDir(t, dailyDir), firstDaily), mapfile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]int{}
	for _, ft := range f.Features {
		names[ft.Name]++
		if ft.Name != ft.Properties["name"] {
			t.Fatalf("feature %d: Name %q, properties.name %q", ft.Index, ft.Name, ft.Properties["name"])
		}
	}
	for _, want := range []string{
		"ОРДЛО /// CADR and CALR\n",
		snakeIsland,
		"Аеродром Бельбек (Поз. АЛЬМА) ///" + nbsp + "Belbek Airport (Sign. ALMA)." + nbsp,
		"Окуповано /// Occupied\n",
	} {
		if names[want] == 0 {
			t.Errorf("no feature named %q", want)
		}
	}
	if names["ОРДЛО /// CADR and CALR"] != 0 {
		t.Errorf("a name lost its trailing newline")
	}
}

func TestGeoJSONProperties(t *testing.T) {
	f := mustRead(t, "p.geojson", `{"type":"Feature","geometry":null,"properties":{
		"name":"a\"b\\n\u00e9\ud83d\ude00","int":1,"float":1.2,"big":123456789,"tiny":1e-7,"neg":-0.5,
		"t":true,"f":false,"null":null,"obj":{ "a" : [1, 2] },"arr":[ "x" , {"b":null} ],"huge":1e999}}`)
	want := map[string]string{
		"name": "a\"b\\n\u00e9\U0001F600", "int": "1", "float": "1.2", "big": "1.23456789e+08", "tiny": "1e-07",
		"neg": "-0.5", "t": "true", "f": "false", "null": "", "obj": `{"a":[1,2]}`, "arr": `["x",{"b":null}]`,
		"huge": "1e999",
	}
	ft := f.Features[0]
	if !reflect.DeepEqual(ft.Properties, want) {
		t.Errorf("got  %q\nwant %q", ft.Properties, want)
	}
	if ft.Name != want["name"] || ft.Geometry.Type != "" || !ft.Geometry.IsEmpty() {
		t.Errorf("name %q geometry %+v", ft.Name, ft.Geometry)
	}

	// Real DeepState properties.
	d, err := mapfile.ReadFile(filepath.Join(deepStateDir(t, dailyDir), firstDaily), mapfile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	p := d.Features[0].Properties
	for k, v := range map[string]string{
		"stroke-width": "1.2", "stroke-opacity": "1", "fill-opacity": "0.30196078431372547",
		"styleMapHash": `{"normal":"#poly-0F9D58-1200-77-nodesc-normal","highlight":"#poly-0F9D58-1200-77-nodesc-highlight"}`,
	} {
		if p[k] != v {
			t.Errorf("%s = %q, want %q", k, p[k], v)
		}
	}
}

func mustRead(t *testing.T, name, data string) *mapfile.File {
	t.Helper()
	f, err := mapfile.Read(name, []byte(data), mapfile.Limits{})
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return f
}

func TestReadGeoJSON(t *testing.T) {
	sq := mapfile.Ring{{30, 50}, {31, 50}, {31, 51}, {30, 50}}
	hole := mapfile.Ring{{30.2, 50.2}, {30.3, 50.2}, {30.3, 50.3}, {30.2, 50.2}}
	const sqJSON = `[[30,50],[31,50],[31,51],[30,50]]`
	const holeJSON = `[[30.2,50.2],[30.3,50.2],[30.3,50.3],[30.2,50.2]]`
	tests := []struct {
		name, data string
		want       []mapfile.Feature
	}{
		{"bare Point", `{"type":"Point","coordinates":[30.5,50.25]}`,
			[]mapfile.Feature{{Geometry: mapfile.Geometry{Type: "Point", Points: []mapfile.Point{{30.5, 50.25}}}}}},
		{"bare Polygon with hole and crs",
			`{"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"type":"Polygon","coordinates":[` + sqJSON + `,` + holeJSON + `]}`,
			[]mapfile.Feature{{Geometry: mapfile.Geometry{Type: "Polygon", Polygons: []mapfile.Polygon{{sq, hole}}}}}},
		{"single Feature", "\ufeff" + `{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"LineString","coordinates":` + sqJSON + `}}`,
			[]mapfile.Feature{{Name: "x", Properties: map[string]string{"name": "x"}, Geometry: mapfile.Geometry{Type: "LineString", Lines: [][]mapfile.Point{sq}}}}},
		{"members in any order",
			`{"features":[{"geometry":{"coordinates":[` + sqJSON + `],"type":"Polygon"},"properties":null,"type":"Feature"}],"type":"FeatureCollection"}`,
			[]mapfile.Feature{{Geometry: mapfile.Geometry{Type: "Polygon", Polygons: []mapfile.Polygon{{sq}}}}}},
		{"foreign members skipped",
			`{"type":"FeatureCollection","bbox":[1,2,3,4],"x":{"features":[1]},"features":[{"type":"Feature","id":7,"geometry":{"type":"MultiPoint","coordinates":[[30,50],[31,51]],"extra":[[[1e999]]]},"properties":{}}]}`,
			[]mapfile.Feature{{Geometry: mapfile.Geometry{Type: "MultiPoint", Points: []mapfile.Point{{30, 50}, {31, 51}}}}}},
		{"nested GeometryCollections flattened",
			`{"type":"GeometryCollection","geometries":[{"type":"Polygon","coordinates":[` + sqJSON + `]},
			 {"type":"GeometryCollection","geometries":[{"type":"MultiPolygon","coordinates":[[` + holeJSON + `]]},
			 {"type":"MultiLineString","coordinates":[` + sqJSON + `,[]]},{"geometries":[],"type":"GeometryCollection"}]},
			 {"type":"Point","coordinates":[1,2,3]}]}`,
			[]mapfile.Feature{{Geometry: mapfile.Geometry{Type: "GeometryCollection",
				Polygons: []mapfile.Polygon{{sq}, {hole}}, Lines: [][]mapfile.Point{sq, {}}, Points: []mapfile.Point{{1, 2}}}}}},
		{"null and missing geometry",
			`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"name":"a"}},{"type":"Feature","properties":{"name":"b"}}]}`,
			[]mapfile.Feature{
				{Index: 0, Name: "a", Properties: map[string]string{"name": "a"}},
				{Index: 1, Name: "b", Properties: map[string]string{"name": "b"}}}},
		{"empty coordinates kept", `{"type":"MultiPolygon","coordinates":[[],[[]]]}`,
			[]mapfile.Feature{{Geometry: mapfile.Geometry{Type: "MultiPolygon", Polygons: []mapfile.Polygon{nil, {{}}}}}}},
		{"unclosed ring with duplicates kept as found", `{"type":"Polygon","coordinates":[[[30,50],[30,50],[31,50],[31,51]]]}`,
			[]mapfile.Feature{{Geometry: mapfile.Geometry{Type: "Polygon", Polygons: []mapfile.Polygon{{{{30, 50}, {30, 50}, {31, 50}, {31, 51}}}}}}}},
		{"whitespace and exponents", " \n{ \"type\" : \"Point\" , \"coordinates\" : [ 3.05e1 , -5025E-2 , 0 ] } \r\n",
			[]mapfile.Feature{{Geometry: mapfile.Geometry{Type: "Point", Points: []mapfile.Point{{30.5, -50.25}}}}}},
		{"limits inclusive", `{"type":"Polygon","coordinates":[[[-180,-90],[180,90],[0,0]]]}`,
			[]mapfile.Feature{{Geometry: mapfile.Geometry{Type: "Polygon", Polygons: []mapfile.Polygon{{{{-180, -90}, {180, 90}, {0, 0}}}}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustRead(t, "t.geojson", tt.data)
			if f.Format != mapfile.FormatGeoJSON || f.Name != "t.geojson" {
				t.Errorf("format %q name %q", f.Format, f.Name)
			}
			if !reflect.DeepEqual(f.Features, tt.want) {
				t.Errorf("got  %+v\nwant %+v", f.Features, tt.want)
			}
		})
	}
}

const myMapsKML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
  <Document>
    <name>Map</name>
    <Style id="poly-000000-1200-77-nodesc-normal"><PolyStyle><color>4d000000</color></PolyStyle></Style>
    <Folder>
      <name>Окуповано</name>
      <Placemark>
        <name><![CDATA[Окуповано /// Occupied
]]></name>
        <description>&lt;b&gt;a&lt;/b&gt; &amp; b</description>
        <styleUrl>#poly-000000-1200-77-nodesc</styleUrl>
        <ExtendedData>
          <Data name="fill"><displayName>Fill</displayName><value>#ff0000</value></Data>
          <SchemaData schemaUrl="#s"><SimpleData name="id">42</SimpleData></SchemaData>
          <Data name="name"><value>not the name</value></Data>
        </ExtendedData>
        <TimeSpan><begin>2022-09-01</begin><end>2022-09-10</end></TimeSpan>
        <Polygon>
          <extrude>0</extrude>
          <innerBoundaryIs><LinearRing><coordinates>30.2,50.2,0 30.3,50.2,0 30.3,50.3,0 30.2,50.2,0</coordinates></LinearRing></innerBoundaryIs>
          <outerBoundaryIs>
            <LinearRing>
              <tessellate>1</tessellate>
              <coordinates>
                30,50,0
                31,50,0 31,51,0
                30,50,0
              </coordinates>
            </LinearRing>
          </outerBoundaryIs>
        </Polygon>
      </Placemark>
      <Folder>
        <Placemark>
          <name>Звільнено ///` + nbsp + `Liberated</name>
          <MultiGeometry>
            <Polygon><outerBoundaryIs><LinearRing><coordinates>30,50 31,50 31,51 30,50</coordinates></LinearRing></outerBoundaryIs></Polygon>
            <MultiGeometry>
              <Polygon><outerBoundaryIs><LinearRing><coordinates>30.2,50.2 30.3,50.2 30.3,50.3 30.2,50.2</coordinates></LinearRing></outerBoundaryIs></Polygon>
            </MultiGeometry>
          </MultiGeometry>
        </Placemark>
      </Folder>
    </Folder>
    <kml:Placemark xmlns:kml="http://www.opengis.net/kml/2.2">
      <kml:name>Київ///Kyiv</kml:name>
      <kml:TimeStamp><kml:when>2022-09-10T12:00:00Z</kml:when></kml:TimeStamp>
      <kml:Point><kml:coordinates> 30.5234, 50.4501 , 10 </kml:coordinates></kml:Point>
    </kml:Placemark>
    <Placemark><name>mixed</name><MultiGeometry>
      <Point><coordinates>1,2</coordinates></Point><LineString><coordinates>1,2 3,4</coordinates></LineString>
    </MultiGeometry></Placemark>
    <Placemark><name>lines</name><MultiGeometry>
      <LineString><coordinates>1,2 3,4</coordinates></LineString><LinearRing><coordinates>1,2 3,4 5,6 1,2</coordinates></LinearRing>
    </MultiGeometry></Placemark>
    <Placemark><name></name></Placemark>
  </Document>
</kml>
`

func TestReadKML(t *testing.T) {
	sq := mapfile.Ring{{30, 50}, {31, 50}, {31, 51}, {30, 50}}
	hole := mapfile.Ring{{30.2, 50.2}, {30.3, 50.2}, {30.3, 50.3}, {30.2, 50.2}}
	want := []mapfile.Feature{
		{Index: 0, Name: "Окуповано /// Occupied\n", Properties: map[string]string{
			"name": "Окуповано /// Occupied\n", "description": "<b>a</b> & b", "styleUrl": "#poly-000000-1200-77-nodesc",
			"fill": "#ff0000", "id": "42", "begin": "2022-09-01", "end": "2022-09-10"},
			Geometry: mapfile.Geometry{Type: "Polygon", Polygons: []mapfile.Polygon{{sq, hole}}}},
		{Index: 1, Name: "Звільнено ///" + nbsp + "Liberated", Properties: map[string]string{"name": "Звільнено ///" + nbsp + "Liberated"},
			Geometry: mapfile.Geometry{Type: "MultiPolygon", Polygons: []mapfile.Polygon{{sq}, {hole}}}},
		{Index: 2, Name: "Київ///Kyiv", Properties: map[string]string{"name": "Київ///Kyiv", "timestamp": "2022-09-10T12:00:00Z"},
			Geometry: mapfile.Geometry{Type: "Point", Points: []mapfile.Point{{30.5234, 50.4501}}}},
		{Index: 3, Name: "mixed", Properties: map[string]string{"name": "mixed"},
			Geometry: mapfile.Geometry{Type: "GeometryCollection", Lines: [][]mapfile.Point{{{1, 2}, {3, 4}}}, Points: []mapfile.Point{{1, 2}}}},
		{Index: 4, Name: "lines", Properties: map[string]string{"name": "lines"},
			Geometry: mapfile.Geometry{Type: "MultiLineString", Lines: [][]mapfile.Point{{{1, 2}, {3, 4}}, {{1, 2}, {3, 4}, {5, 6}, {1, 2}}}}},
		{Index: 5, Properties: map[string]string{"name": ""}},
	}
	variants := map[string]string{
		"default namespace": myMapsKML,
		"no namespace":      strings.Replace(myMapsKML, ` xmlns="http://www.opengis.net/kml/2.2"`, "", 1),
		"prefixed":          prefixKML(myMapsKML),
	}
	for name, data := range variants {
		t.Run(name, func(t *testing.T) {
			f := mustRead(t, "m.kml", data)
			if f.Format != mapfile.FormatKML {
				t.Errorf("format %q", f.Format)
			}
			if !reflect.DeepEqual(f.Features, want) {
				t.Errorf("got  %+v\nwant %+v", f.Features, want)
			}
		})
	}
}

// prefixKML rewrites the default-namespace elements of myMapsKML with a
// kml: prefix.
func prefixKML(s string) string {
	s = strings.Replace(s, `<kml xmlns="http://www.opengis.net/kml/2.2"`, `<kml:kml xmlns:kml="http://www.opengis.net/kml/2.2"`, 1)
	s = strings.Replace(s, "</kml>", "</kml:kml>", 1)
	for _, el := range []string{"Document", "Folder", "Placemark", "name", "Polygon", "MultiGeometry", "outerBoundaryIs", "innerBoundaryIs", "LinearRing", "coordinates", "ExtendedData", "Data", "value", "LineString", "Point"} {
		s = strings.ReplaceAll(s, "<"+el+">", "<kml:"+el+">")
		s = strings.ReplaceAll(s, "<"+el+" ", "<kml:"+el+" ")
		s = strings.ReplaceAll(s, "</"+el+">", "</kml:"+el+">")
	}
	return s
}

// normalType is the type a feature reads back as from KML: a
// GeometryCollection of one kind of part becomes the Multi* type.
func normalType(g mapfile.Geometry) string {
	if g.Type != "GeometryCollection" {
		return g.Type
	}
	switch {
	case len(g.Polygons) > 0 && len(g.Lines)+len(g.Points) == 0:
		return "MultiPolygon"
	case len(g.Lines) > 0 && len(g.Polygons)+len(g.Points) == 0:
		return "MultiLineString"
	case len(g.Points) > 0 && len(g.Polygons)+len(g.Lines) == 0:
		return "MultiPoint"
	}
	return g.Type
}

func sameFeatures(t *testing.T, got, want []mapfile.Feature) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d features, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		wg := w.Geometry
		wg.Type = normalType(wg)
		if g.Index != w.Index || g.Name != w.Name || !maps(g.Properties, w.Properties) ||
			!reflect.DeepEqual(g.Geometry, wg) {
			t.Fatalf("feature %d:\ngot  %+v\nwant %+v", i, g, w)
		}
	}
}

func maps(a, b map[string]string) bool {
	return len(a) == len(b) && (len(a) == 0 || reflect.DeepEqual(a, b))
}

func TestRoundTrip(t *testing.T) {
	paths := []string{
		filepath.Join(deepStateDir(t, dailyDir), firstDaily),
		filepath.Join(deepStateDir(t, dailyDir), "2022-09-11T220753Z.geojson"),
		filepath.Join(deepStateDir(t, cyteratDir), "2024-08-01.geojson"),
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			orig, err := mapfile.ReadFile(path, mapfile.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			var kml bytes.Buffer
			if err := mapfile.WriteKML(&kml, orig); err != nil {
				t.Fatal(err)
			}
			back, err := mapfile.Read("back.kml", kml.Bytes(), mapfile.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if back.Format != mapfile.FormatKML {
				t.Errorf("format %q", back.Format)
			}
			sameFeatures(t, back.Features, orig.Features)

			kmz := filepath.Join(t.TempDir(), "back.kmz")
			writeZip(t, kmz, zipEntry{name: "doc.kml", data: kml.Bytes()}, zipEntry{name: "images/icon-1.png", data: []byte("\x89PNG")})
			fromKMZ, err := mapfile.ReadFile(kmz, mapfile.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if fromKMZ.Format != mapfile.FormatKMZ {
				t.Errorf("format %q", fromKMZ.Format)
			}
			sameFeatures(t, fromKMZ.Features, orig.Features)
		})
	}
}

func TestWriteKMLInvalid(t *testing.T) {
	f := &mapfile.File{Name: "w", Features: []mapfile.Feature{{Geometry: mapfile.Geometry{Type: "Point", Points: []mapfile.Point{{math.NaN(), 0}}}}}}
	err := mapfile.WriteKML(&bytes.Buffer{}, f)
	if frontline.ErrorCode(err) != frontline.EINVALID || !strings.Contains(err.Error(), "not finite") {
		t.Errorf("got %v", err)
	}
	if err := mapfile.WriteKML(&bytes.Buffer{}, nil); frontline.ErrorCode(err) != frontline.EINVALID {
		t.Errorf("nil file: %v", err)
	}
}

type zipEntry struct {
	name string
	data []byte
}

func zipBytes(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeZip(t testing.TB, path string, entries ...zipEntry) {
	t.Helper()
	if err := os.WriteFile(path, zipBytes(t, entries...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// bombZip returns a zip whose doc.kml inflates to size zero bytes while its
// header declares declared bytes (the header is not trusted).
func bombZip(t testing.TB, size int, declared uint64) []byte {
	t.Helper()
	raw := make([]byte, size)
	var comp bytes.Buffer
	fw, err := flate.NewWriter(&comp, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(raw)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "doc.kml", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(raw),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared,
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const okKML = `<kml><Placemark><name>a</name><Point><coordinates>30,50</coordinates></Point></Placemark></kml>`

func TestBadInput(t *testing.T) {
	daily, err := os.ReadFile(filepath.Join(deepStateDir(t, dailyDir), "2022-09-13T130124Z.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	lowKMZ := mapfile.Limits{MaxUncompressed: 1 << 20, MaxRatio: 1 << 40}
	tests := []struct {
		name string
		data []byte
		lim  mapfile.Limits
		want string // the whole message, or with a leading "~" a part of it
	}{
		{"a.txt", []byte("hello, world"), mapfile.Limits{}, "a.txt: not GeoJSON, KML or KMZ"},
		{"a.txt", []byte("[1,2]"), mapfile.Limits{}, "a.txt: not GeoJSON, KML or KMZ"},
		{"empty.geojson", nil, mapfile.Limits{}, "empty.geojson: empty file"},
		{"a.json", []byte("[1,2]"), mapfile.Limits{}, "a.json: not GeoJSON (the top-level JSON value is an array, want an object)"},
		{"2022-09-13.geojson", daily[:12345], mapfile.Limits{}, "2022-09-13.geojson: truncated JSON (unexpected end of input at byte 12345)"},
		{"a.geojson", []byte(`{"type":"FeatureCollection","features":[]}`), mapfile.Limits{}, "a.geojson: empty FeatureCollection (no features)"},
		{"a.geojson", []byte(`{"type":"FeatureCollection"}`), mapfile.Limits{}, "a.geojson: empty FeatureCollection (no features)"},
		{"a.geojson", []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null},
			{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[30,50],[200,95],[31,51]]]}}]}`),
			mapfile.Limits{}, "a.geojson: feature 1: coordinate [200, 95] out of range"},
		{"a.geojson", []byte(`{"type":"Point","coordinates":[1e999,0]}`), mapfile.Limits{}, "a.geojson: coordinate [+Inf, 0] is not finite"},
		{"a.geojson", []byte(`{"type":"Point","coordinates":[30]}`), mapfile.Limits{}, "~a position has 1 numbers, want at least 2"},
		{"a.geojson", []byte(`{"type":"Point","coordinates":["30","50"]}`), mapfile.Limits{}, "~something other than numbers"},
		{"a.geojson", []byte(`{"type":"Polygon","coordinates":[[30,50]]}`), mapfile.Limits{}, "~want a position"},
		{"a.geojson", []byte(`{"type":"Polygon"}`), mapfile.Limits{}, `a.geojson: Polygon without "coordinates"`},
		{"a.geojson", []byte(`{"type":"Circle","coordinates":[1,2]}`), mapfile.Limits{}, `a.geojson: not GeoJSON (unknown type "Circle")`},
		{"a.geojson", []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Circle"}}]}`), mapfile.Limits{}, `a.geojson: feature 0: unknown geometry type "Circle"`},
		{"a.geojson", []byte(`{"type":"FeatureCollection","features":[{"type":"Polygon","coordinates":[]}]}`), mapfile.Limits{}, `a.geojson: feature 0: type is "Polygon", want "Feature"`},
		{"a.geojson", []byte(`{"coordinates":[1,2]}`), mapfile.Limits{}, `a.geojson: not GeoJSON (no "type" member)`},
		{"a.geojson", []byte(`{"type":"Point","coordinates":[1,2]} x`), mapfile.Limits{}, "a.geojson: invalid JSON at byte 37: unexpected data after the top-level value"},
		{"a.geojson", []byte(`{"type":"Point","coordinates":[1,2],}`), mapfile.Limits{}, "a.geojson: invalid JSON at byte 36: invalid character '}' looking for a member name"},
		{"a.geojson", []byte(`{"type":"Point","coordinates":[01,2]}`), mapfile.Limits{}, "~invalid JSON at byte 32"},
		{"a.geojson", []byte(`{"type":"Point","x":"a` + "\x01" + `","coordinates":[1,2]}`), mapfile.Limits{}, "~invalid character 0x01 in string"},
		{"a.geojson", []byte(`{"type":"Point","x":"\q","coordinates":[1,2]}`), mapfile.Limits{}, `~invalid escape \q`},
		{"a.geojson", []byte(`{"type":"Point","coordinates":[1,2]}`), mapfile.Limits{MaxCoordinates: 1}, ""},
		{"a.geojson", []byte(`{"type":"LineString","coordinates":[[1,2],[3,4]]}`), mapfile.Limits{MaxCoordinates: 1}, "a.geojson: more than 1 coordinates"},
		{"a.geojson", []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null},{"type":"Feature","geometry":null}]}`),
			mapfile.Limits{MaxFeatures: 1}, "a.geojson: more than 1 features"},
		{"deep.geojson", []byte(`{"type":"Point","coordinates":[1,2],"x":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`),
			mapfile.Limits{}, "deep.geojson: JSON nested deeper than 512 levels"},
		{"big.geojson", make([]byte, 2048), mapfile.Limits{MaxBytes: 1024}, "big.geojson: input is 2 KiB, larger than the 1 KiB limit"},

		{"a.kml", []byte("<!DOCTYPE html>\n<html><head><meta charset=utf-8>"), mapfile.Limits{}, "a.kml: not GeoJSON, KML or KMZ (an HTML page)"},
		{"a.kml", []byte(`<html><body>hi</body></html>`), mapfile.Limits{}, "a.kml: not GeoJSON, KML or KMZ (XML root element <html>, want <kml>)"},
		{"a.kml", []byte(`<kml><Document></Document></kml>`), mapfile.Limits{}, "a.kml: empty KML (no placemarks)"},
		{"a.kml", []byte(okKML[:60]), mapfile.Limits{}, "a.kml: truncated XML (unexpected end of input at line 1)"},
		{"a.kml", []byte("<kml>\n<Placemark><name>x</name>\n<Point><coordinates>200,95</coordinates></Point></Placemark></kml>"),
			mapfile.Limits{}, "a.kml: placemark 0 (line 3): coordinate [200, 95] out of range"},
		{"a.kml", []byte(`<kml><Placemark><Point><coordinates>30;50</coordinates></Point></Placemark></kml>`),
			mapfile.Limits{}, `a.kml: placemark 0 (line 1): coordinates: "30;50" is not a number`},
		{"a.kml", []byte(`<kml><Placemark><Point><coordinates>NaN,50</coordinates></Point></Placemark></kml>`),
			mapfile.Limits{}, `a.kml: placemark 0 (line 1): coordinates: "NaN" is not a number`},
		{"a.kml", []byte(`<kml><Placemark><LineString><coordinates>30,50 31</coordinates></LineString></Placemark></kml>`),
			mapfile.Limits{}, `a.kml: placemark 0 (line 1): coordinates: tuple "31" has 1 number, want lon,lat[,alt]`},
		{"a.kml", []byte(`<kml><Placemark><Point></Point><Point></Point></Placemark></kml>`), mapfile.Limits{}, "~Point has 0 positions, want 1"},
		{"a.kml", []byte(`<kml><Placemark><a></b></Placemark></kml>`), mapfile.Limits{}, "a.kml: invalid XML at line 1: element <a> closed by </b>"},
		{"a.kml", []byte(`<kml><Placemark><name>&lol;</name></Placemark></kml>`), mapfile.Limits{}, "~invalid character entity &lol;"},
		{"laughs.kml", []byte(billionLaughs), mapfile.Limits{}, "laughs.kml: line 2: <!DOCTYPE> is not allowed (no DOCTYPE or entity declarations in KML)"},
		{"xxe.kml", []byte(`<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><kml><Placemark><name>&xxe;</name></Placemark></kml>`),
			mapfile.Limits{}, "~<!DOCTYPE> is not allowed"},
		{"deep.kml", []byte("<kml>" + strings.Repeat("<a>", 100000)), mapfile.Limits{}, "deep.kml: line 1: XML nested deeper than 512 elements"},
		{"a.kml", []byte(`<?xml version="1.0" encoding="windows-1251"?><kml/>`), mapfile.Limits{}, `~encoding "windows-1251" is not supported`},
		{"a.kml", []byte(`<kml><Placemark/><Placemark/></kml>`), mapfile.Limits{MaxFeatures: 1}, "a.kml: more than 1 placemarks"},
		{"a.kml", []byte(`<kml><Placemark/></kml><kml/>`), mapfile.Limits{}, "~content after the </kml> root element"},

		{"x.kmz", zipBytes(t, zipEntry{"doc.kml", []byte(okKML)}, zipEntry{"../../x.kml", []byte(okKML)}), mapfile.Limits{},
			`x.kmz: zip entry "../../x.kml" escapes the archive`},
		{"x.kmz", zipBytes(t, zipEntry{"doc.kml", []byte(okKML)}, zipEntry{`files\..\..\x.png`, nil}), mapfile.Limits{},
			`x.kmz: zip entry "files\\..\\..\\x.png" escapes the archive`},
		{"x.kmz", zipBytes(t, zipEntry{"/etc/x.kml", []byte(okKML)}), mapfile.Limits{}, `x.kmz: zip entry "/etc/x.kml" escapes the archive`},
		{"x.kmz", zipBytes(t, zipEntry{"C:/x.kml", []byte(okKML)}), mapfile.Limits{}, `x.kmz: zip entry "C:/x.kml" escapes the archive`},
		{"x.kmz", bombZip(t, 4<<20, 4<<20), lowKMZ, "x.kmz: entry doc.kml expands past 1 MiB (zip bomb?)"},
		{"x.kmz", bombZip(t, 4<<20, 5<<30), lowKMZ, "x.kmz: entry doc.kml expands past 1 MiB (zip bomb?)"},
		{"x.kmz", bombZip(t, 4<<20, 100), lowKMZ, "~x.kmz: entry doc.kml is corrupt"},
		{"x.kmz", bombZip(t, 1<<20, 1<<20), mapfile.Limits{}, "x.kmz: entry doc.kml expands more than 200 times its compressed size (zip bomb?)"},
		{"x.kmz", zipBytes(t, zipEntry{"inner.kmz", zipBytes(t, zipEntry{"doc.kml", []byte(okKML)})}), mapfile.Limits{},
			`x.kmz: nested KMZ ("inner.kmz" inside the archive) is not supported`},
		{"x.kmz", zipBytes(t, zipEntry{"doc.kml", zipBytes(t, zipEntry{"doc.kml", []byte(okKML)})}), mapfile.Limits{},
			"x.kmz: entry doc.kml is itself a zip archive: nested KMZ is not supported"},
		{"x.kmz", zipBytes(t, zipEntry{"files/doc.kml", []byte(okKML)}), mapfile.Limits{}, `x.kmz: no .kml file at the archive root (found "files/doc.kml" in a folder)`},
		{"x.kmz", zipBytes(t, zipEntry{"a.png", nil}), mapfile.Limits{}, "x.kmz: no .kml file in the archive"},
		{"x.kmz", zipBytes(t, zipEntry{"doc.kml", []byte("<kml>\n<Placemark><Point><coordinates>1</coordinates></Point></Placemark></kml>")}), mapfile.Limits{},
			`x.kmz: doc.kml: placemark 0 (line 2): coordinates: tuple "1" has 1 number, want lon,lat[,alt]`},
		{"x.kmz", []byte("PK\x03\x04 not really a zip"), mapfile.Limits{}, "~x.kmz: not a valid KMZ (zip) archive"},
		{"x.kmz", []byte("garbage"), mapfile.Limits{}, "~x.kmz: not a valid KMZ (zip) archive"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.want, func(t *testing.T) {
			f, err := mapfile.Read(tt.name, tt.data, tt.lim)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error; read %d features", len(f.Features))
			}
			checkError(t, tt.name, err)
			msg := err.Error()
			if part, ok := strings.CutPrefix(tt.want, "~"); ok {
				if !strings.Contains(msg, part) {
					t.Errorf("error %q does not contain %q", msg, part)
				}
			} else if msg != tt.want {
				t.Errorf("error %q\n      want %q", msg, tt.want)
			}
		})
	}
}

// checkError checks that err is a one-line EINVALID *frontline.Error
// naming the file.
func checkError(t testing.TB, name string, err error) {
	t.Helper()
	var fe *frontline.Error
	if !errors.As(err, &fe) || fe.Code != frontline.EINVALID {
		t.Fatalf("error %v (%T) is not an EINVALID *frontline.Error", err, err)
	}
	if strings.ContainsAny(fe.Message, "\r\n") || !strings.HasPrefix(fe.Message, name+": ") {
		t.Fatalf("message %q is not one line starting with %q", fe.Message, name+": ")
	}
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<kml><Placemark><name>&lol9;</name></Placemark></kml>
`

func TestReadFileLimits(t *testing.T) {
	dir := t.TempDir()
	// A sparse 600 MiB file: refused from its size alone, never read.
	huge := filepath.Join(dir, "huge.geojson")
	fh, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := fh.Truncate(600 << 20); err != nil {
		t.Fatal(err)
	}
	fh.Close()
	small := filepath.Join(dir, "small.kml")
	if err := os.WriteFile(small, []byte(okKML), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		lim  mapfile.Limits
		want string
	}{
		{huge, mapfile.Limits{}, huge + ": file is 600 MiB, larger than the 512 MiB limit"},
		{small, mapfile.Limits{MaxBytes: 64}, small + ": file is 95 bytes, larger than the 64 bytes limit"},
		{filepath.Join(dir, "missing.geojson"), mapfile.Limits{}, filepath.Join(dir, "missing.geojson") + ": cannot read file: no such file or directory"},
		{dir, mapfile.Limits{}, dir + ": not a regular file"},
		{small, mapfile.Limits{}, ""},
	}
	for _, tt := range tests {
		f, err := mapfile.ReadFile(tt.path, tt.lim)
		if tt.want == "" {
			if err != nil || len(f.Features) != 1 || f.Features[0].Name != "a" {
				t.Errorf("%s: %v", tt.path, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: no error", tt.path)
			continue
		}
		checkError(t, tt.path, err)
		if err.Error() != tt.want {
			t.Errorf("error %q\n      want %q", err, tt.want)
		}
	}
}

// TestNestedCollectionsLinear reads GeometryCollections nested 250 deep
// whose "geometries" come before their "type": each level must be read once,
// not once per enclosing level.
func TestNestedCollectionsLinear(t *testing.T) {
	var inner strings.Builder
	inner.WriteString(`{"type":"LineString","coordinates":[`)
	for i := range 200_000 {
		if i > 0 {
			inner.WriteByte(',')
		}
		fmt.Fprintf(&inner, "[%d.5,%d.25]", i%180, i%90)
	}
	inner.WriteString(`]}`)
	nest := func(typeFirst bool) []byte {
		s := inner.String()
		for range 250 {
			if typeFirst {
				s = `{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},` + s + `]}`
			} else {
				s = `{"geometries":[{"coordinates":[1,2],"type":"Point"},` + s + `],"type":"GeometryCollection"}`
			}
		}
		return []byte(s)
	}
	read := func(data []byte) (*mapfile.File, time.Duration) {
		start := time.Now()
		f, err := mapfile.Read("nested.geojson", data, mapfile.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		return f, time.Since(start)
	}
	a, typeFirst := read(nest(true))
	b, typeLast := read(nest(false))
	if !reflect.DeepEqual(a, b) {
		t.Fatal("member order changed the result")
	}
	g := a.Features[0].Geometry
	if g.Type != "GeometryCollection" || len(g.Points) != 250 || len(g.Lines) != 1 || len(g.Lines[0]) != 200_000 {
		t.Fatalf("got %s with %d points, %d lines", g.Type, len(g.Points), len(g.Lines))
	}
	if typeLast > 10*typeFirst+100*time.Millisecond {
		t.Errorf("type last took %v, type first %v: nested collections are rescanned", typeLast, typeFirst)
	}
}

func TestDefaultLimits(t *testing.T) {
	want := mapfile.Limits{MaxBytes: 512 << 20, MaxUncompressed: 1 << 30, MaxRatio: 200, MaxFeatures: 1_000_000, MaxCoordinates: 50_000_000}
	if got := mapfile.DefaultLimits(); got != want {
		t.Errorf("got %+v", got)
	}
}

func BenchmarkReadDeepState(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(deepStateDir(b, dailyDir), "2022-09-13T130124Z.geojson"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := mapfile.Read("2022-09-13.geojson", data, mapfile.Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadDeepStateKML(b *testing.B) {
	f, err := mapfile.ReadFile(filepath.Join(deepStateDir(b, dailyDir), "2022-09-13T130124Z.geojson"), mapfile.Limits{})
	if err != nil {
		b.Fatal(err)
	}
	var kml bytes.Buffer
	if err := mapfile.WriteKML(&kml, f); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(kml.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := mapfile.Read("2022-09-13.kml", kml.Bytes(), mapfile.Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWriteKMLGolden: a small GeoJSON (two categories, a polygon with a
// hole, a multipolygon, a point, a name with markup characters) written as
// KML is testdata/write.golden.kml, byte for byte — the file other GIS
// tools open. go test ./mapfile -run TestWriteKMLGolden -update rewrites it.
func TestWriteKMLGolden(t *testing.T) {
	src := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Окуповано /// Occupied","fill":"#a52714"},"geometry":{"type":"Polygon","coordinates":[[[37.0,49.0],[37.5,49.0],[37.5,49.5],[37.0,49.5],[37.0,49.0]],[[37.1,49.1],[37.2,49.1],[37.2,49.2],[37.1,49.1]]]}},
{"type":"Feature","properties":{"name":"Contested <grey> & \"unknown\""},"geometry":{"type":"MultiPolygon","coordinates":[[[[36.0,48.0],[36.1,48.0],[36.1,48.1],[36.0,48.0]]],[[[36.2,48.2],[36.3,48.2],[36.3,48.3],[36.2,48.2]]]]}},
{"type":"Feature","properties":{"name":"Balakliia"},"geometry":{"type":"Point","coordinates":[36.8385,49.4627]}}
]}`
	f, err := mapfile.Read("small.geojson", []byte(src), mapfile.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := mapfile.WriteKML(&buf, f); err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, filepath.Join("testdata", "write.golden.kml"), buf.Bytes())
	// And it reads back as the same features.
	back, err := mapfile.Read("write.kml", buf.Bytes(), mapfile.DefaultLimits())
	if err != nil || len(back.Features) != len(f.Features) {
		t.Fatalf("read back: %v, %d features of %d", err, len(back.Features), len(f.Features))
	}
}
