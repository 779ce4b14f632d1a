package mapfile_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/frontline-osint/frontline/mapfile"
)

// The fuzz targets check that Read never panics, that every error is a
// one-line EINVALID *frontline.Error naming the file, and that on success
// the features respect the limits, every coordinate is finite and in range,
// and the file survives WriteKML and Read again unchanged.

var fuzzLimits = mapfile.Limits{MaxFeatures: 1000, MaxCoordinates: 100_000}

var geojsonSeeds = []string{
	`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Окуповано /// Occupied\n","fill-opacity":0.3,"x":[1,{"a":null}],"b":true},"geometry":{"type":"Polygon","coordinates":[[[30,50,0],[31,50,0],[31,51,0],[30,50,0]],[[30.2,50.2],[30.3,50.2],[30.3,50.3],[30.2,50.2]]]}}]}`,
	`{"type":"Feature","geometry":null,"properties":null}`,
	`{"type":"Point","coordinates":[30.5,50.25,1,2]}`,
	`{"type":"MultiPolygon","coordinates":[[[[30,50],[31,50],[31,51],[30,50]]],[]]}`,
	`{"type":"GeometryCollection","geometries":[{"type":"LineString","coordinates":[[1,2],[3,4]]},{"type":"GeometryCollection","geometries":[{"type":"MultiPoint","coordinates":[[5,6]]}]}]}`,
	`{"coordinates":[[[1,2],[3,4]]],"type":"MultiLineString","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}}}`,
	`{"type":"FeatureCollection","features":[]}`,
	`{"type":"Point","coordinates":[200,95]}`,
	`{"type":"Feature","properties":{"s":"\u00a0\ud83d\ude00\ud800\"\\\/\b\f\n\r\t"},"geometry":{"type":"Point","coordinates":[-1.5e1,2E-3]}}`,
	"\ufeff{\"type\":\"Point\",\"coordinates\":[1,2]}",
}

var kmlSeeds = []string{
	myMapsKML,
	okKML,
	`<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder><Placemark><name>a&#xA;b</name><ExtendedData><Data name="k"><value>v</value></Data></ExtendedData><MultiGeometry><Point><coordinates>1,2</coordinates></Point><Polygon><outerBoundaryIs><LinearRing><coordinates>1,2 3,4 5,6 1,2</coordinates></LinearRing></outerBoundaryIs></Polygon></MultiGeometry></Placemark></Folder></Document></kml>`,
	`<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaa">]><kml><Placemark><name>&a;</name></Placemark></kml>`,
	`<kml:kml xmlns:kml="http://www.opengis.net/kml/2.2"><kml:Placemark><kml:LineString><kml:coordinates>1,2, 3 4,5</kml:coordinates></kml:LineString></kml:Placemark></kml:kml>`,
}

// realSeeds returns a few KB cut from a real DeepState file: its first
// features as GeoJSON and as KML. It returns nothing if the data is absent.
func realSeeds() (geojson, kml []byte) {
	path := filepath.Join("..", "..", "shared", "data", "control", "deepstate", dailyDir, firstDaily)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil
	}
	// Features are written one after the other as {"type":"Feature",...}.
	const sep = `},{"type":"Feature"`
	cut := bytes.Index(data[2000:], []byte(sep))
	if cut < 0 {
		return nil, nil
	}
	small := append(append([]byte{}, data[:2000+cut+1]...), "]}"...)
	f, err := mapfile.Read("seed.geojson", small, mapfile.Limits{})
	if err != nil {
		return nil, nil
	}
	var buf bytes.Buffer
	if mapfile.WriteKML(&buf, f) != nil {
		return nil, nil
	}
	return small, buf.Bytes()
}

func FuzzReadGeoJSON(f *testing.F) {
	for _, s := range geojsonSeeds {
		f.Add([]byte(s))
	}
	if g, _ := realSeeds(); g != nil {
		f.Add(g)
		f.Add(g[:len(g)/2])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, "f.geojson", data)
	})
}

func FuzzReadKML(f *testing.F) {
	for _, s := range kmlSeeds {
		f.Add([]byte(s))
	}
	if _, k := realSeeds(); k != nil {
		f.Add(k)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, "f.kml", data)
	})
}

func FuzzReadKMZ(f *testing.F) {
	f.Add(zipBytes(f, zipEntry{"doc.kml", []byte(okKML)}))
	f.Add(zipBytes(f, zipEntry{"a.png", []byte("png")}, zipEntry{"b.kml", []byte(kmlSeeds[2])}))
	f.Add(zipBytes(f, zipEntry{"doc.kml", []byte(okKML)}, zipEntry{"../x.kml", nil}))
	f.Add(zipBytes(f, zipEntry{"inner.kmz", zipBytes(f, zipEntry{"doc.kml", []byte(okKML)})}))
	f.Add(bombZip(f, 64<<10, 1<<40))
	if _, k := realSeeds(); k != nil {
		f.Add(zipBytes(f, zipEntry{"doc.kml", k}))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, "f.kmz", data)
	})
}

func checkRead(t *testing.T, name string, data []byte) {
	file, err := mapfile.Read(name, data, fuzzLimits)
	if err != nil {
		if file != nil {
			t.Fatalf("Read returned a file and an error %v", err)
		}
		checkError(t, name, err)
		return
	}
	checkFile(t, file)

	// Round trip through KML, unless a string holds what XML cannot carry.
	if !xmlSafe(file) {
		return
	}
	var kml bytes.Buffer
	if err := mapfile.WriteKML(&kml, file); err != nil {
		t.Fatalf("WriteKML: %v", err)
	}
	back, err := mapfile.Read("back.kml", kml.Bytes(), fuzzLimits)
	if err != nil {
		t.Fatalf("reading back WriteKML output: %v\n%s", err, kml.Bytes())
	}
	for i := range file.Features {
		g := &file.Features[i].Geometry
		g.Type = normalType(*g)
		if strings.HasPrefix(g.Type, "Multi") && g.IsEmpty() {
			g.Type = "GeometryCollection" // an empty MultiGeometry says no more
		}
	}
	sameFeatures(t, back.Features, file.Features)
}

func checkFile(t *testing.T, file *mapfile.File) {
	t.Helper()
	if len(file.Features) == 0 || len(file.Features) > fuzzLimits.MaxFeatures {
		t.Fatalf("%d features", len(file.Features))
	}
	coords := 0
	check := func(pts []mapfile.Point) {
		for _, p := range pts {
			coords++
			if !(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) {
				t.Fatalf("coordinate %v out of range or not finite", p)
			}
		}
	}
	for i, ft := range file.Features {
		if ft.Index != i {
			t.Fatalf("feature %d has Index %d", i, ft.Index)
		}
		g := ft.Geometry
		switch g.Type {
		case "", "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection":
		default:
			t.Fatalf("feature %d: type %q", i, g.Type)
		}
		if g.Type == "" && !g.IsEmpty() {
			t.Fatalf("feature %d: null geometry with coordinates", i)
		}
		for _, poly := range g.Polygons {
			for _, r := range poly {
				check(r)
			}
		}
		for _, l := range g.Lines {
			check(l)
		}
		check(g.Points)
	}
	if coords > fuzzLimits.MaxCoordinates {
		t.Fatalf("%d coordinates, over the limit", coords)
	}
}

// xmlSafe reports whether every string of file is valid UTF-8 made of
// characters XML 1.0 allows.
func xmlSafe(file *mapfile.File) bool {
	ok := func(s string) bool {
		if !utf8.ValidString(s) {
			return false
		}
		for _, r := range s {
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
				return false
			}
		}
		return true
	}
	for _, ft := range file.Features {
		if !ok(ft.Name) {
			return false
		}
		for k, v := range ft.Properties {
			if !ok(k) || !ok(v) {
				return false
			}
		}
	}
	return true
}
