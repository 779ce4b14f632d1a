package boundaries_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/internal/pgtest"
)

// rawLandKm2 is the geodesic area of the unsimplified geo-maps land polygon
// (after ST_MakeValid), with every lake and reservoir as a hole.
const rawLandKm2 = 585_072

func load(t testing.TB) *boundaries.Set {
	t.Helper()
	s, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestValid(t *testing.T) {
	s := load(t)
	if err := s.Land.Validate(); err != nil {
		t.Errorf("land: %v", err)
	}
	if !s.Land.IsCCW() {
		t.Errorf("land: rings not in RFC 7946 orientation")
	}
	for _, o := range s.Oblasts {
		if err := o.Geometry.Validate(); err != nil {
			t.Errorf("%s: %v", o.ISO, err)
		}
		if !o.Geometry.IsCCW() {
			t.Errorf("%s: rings not in RFC 7946 orientation", o.ISO)
		}
		if o.Geometry.IsEmpty() {
			t.Errorf("%s: empty", o.ISO)
		}
	}
}

func TestOblasts(t *testing.T) {
	s := load(t)
	if len(s.Oblasts) != 27 {
		t.Fatalf("got %d oblasts, want 27", len(s.Oblasts))
	}
	if !slices.IsSortedFunc(s.Oblasts, func(a, b boundaries.Oblast) int {
		switch {
		case a.ISO < b.ISO:
			return -1
		case a.ISO > b.ISO:
			return 1
		}
		return 0
	}) {
		t.Errorf("oblasts not sorted by ISO code")
	}
	for _, o := range s.Oblasts {
		if o.ISO == "" || o.Name == "" || o.NameUK == "" || o.NameRU == "" {
			t.Errorf("incomplete oblast %+v", o)
		}
	}
	for _, tc := range []struct{ iso, name, uk, ru string }{
		{"UA-63", "Kharkiv Oblast", "Харківська область", "Харьковская область"},
		{"UA-30", "Kyiv", "Київ", "Киев"},
		{"UA-40", "Sevastopol", "Севастополь", "Севастополь"},
		{"UA-43", "Autonomous Republic of Crimea", "Автономна Республіка Крим", "Автономная Республика Крым"},
	} {
		o, ok := s.Oblast(tc.iso)
		if !ok {
			t.Errorf("%s missing", tc.iso)
			continue
		}
		if o.Name != tc.name || o.NameUK != tc.uk || o.NameRU != tc.ru {
			t.Errorf("%s: names %q %q %q, want %q %q %q", tc.iso, o.Name, o.NameUK, o.NameRU, tc.name, tc.uk, tc.ru)
		}
	}
	if _, ok := s.Oblast("UA-99"); ok {
		t.Errorf("Oblast(UA-99) found")
	}
}

func TestAreas(t *testing.T) {
	s := load(t)
	if d := math.Abs(s.LandAreaKm2-rawLandKm2) / rawLandKm2; d > 0.01 {
		t.Errorf("land area %.1f km² is %.2f%% off the raw %d km²", s.LandAreaKm2, 100*d, rawLandKm2)
	}
	var sum float64
	for _, o := range s.Oblasts {
		sum += o.AreaKm2
	}
	if d := math.Abs(sum-s.LandAreaKm2) / s.LandAreaKm2; d > 1e-4 {
		t.Errorf("oblasts sum to %.3f km², land is %.3f km² (%.4f%% off)", sum, s.LandAreaKm2, 100*d)
	}
	// Official areas (State Statistics Service) include inland water, so
	// only a loose check: Kharkiv Oblast is 31,415 km².
	if o, _ := s.Oblast("UA-63"); math.Abs(o.AreaKm2-31_415) > 500 {
		t.Errorf("Kharkiv Oblast: %.1f km²", o.AreaKm2)
	}
	t.Logf("land %.1f km², sum of oblasts %.1f km²", s.LandAreaKm2, sum)
}

// TestAreaMatchesPostGIS checks the package's geodesic area against PostGIS
// ST_Area(geography), the reference the generating script used.
func TestAreaMatchesPostGIS(t *testing.T) {
	conn := pgtest.Connect(t)
	s := load(t)
	want := pgtest.AreaKm2(t, conn, s.Land.AsBinary())
	if d := math.Abs(s.LandAreaKm2 - want); d > 0.01 {
		t.Errorf("land: %.4f km², PostGIS says %.4f km²", s.LandAreaKm2, want)
	}
	o, _ := s.Oblast("UA-63")
	want = pgtest.AreaKm2(t, conn, o.Geometry.AsBinary())
	if d := math.Abs(o.AreaKm2 - want); d > 0.001 {
		t.Errorf("UA-63: %.4f km², PostGIS says %.4f km²", o.AreaKm2, want)
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := boundaries.Parse(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestKnownAreas checks the table of areas used at load against the areas
// computed from the embedded geometry, and prints the table when it differs.
func TestKnownAreas(t *testing.T) {
	if !boundaries.AreasKnown() {
		t.Error("the embedded file's checksum is not knownAreasCRC: update areas.go")
	}
	s, err := boundaries.Parse()
	if err != nil {
		t.Fatal(err)
	}
	c := &boundaries.Set{Land: s.Land, Oblasts: slices.Clone(s.Oblasts)}
	boundaries.ComputeAreas(c)
	same := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Abs(b) }
	ok := same(s.LandAreaKm2, c.LandAreaKm2)
	for i := range s.Oblasts {
		ok = ok && same(s.Oblasts[i].AreaKm2, c.Oblasts[i].AreaKm2)
	}
	if !ok {
		t.Errorf("known areas differ from the computed ones; the table is:\n\t%q: %v,", "land", c.LandAreaKm2)
		for _, o := range c.Oblasts {
			t.Logf("\t%q: %v,", o.ISO, o.AreaKm2)
		}
	}
}

// TestFastParseMatchesJSON checks that the hand-written scanner Load uses
// gives exactly what encoding/json gives: the same features, properties,
// polygons, rings and coordinates, bit for bit.
func TestFastParseMatchesJSON(t *testing.T) {
	fast, slow, ok, err := boundaries.ParseBoth()
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Fatal("the scanner did not read the embedded file")
	}
	if len(fast) != len(slow) || len(fast) != 28 {
		t.Fatalf("%d features, encoding/json %d", len(fast), len(slow))
	}
	n := 0
	for i := range fast {
		a, b := fast[i], slow[i]
		if a.ISO != b.ISO || a.Name != b.Name || a.NameUK != b.NameUK || a.NameRU != b.NameRU {
			t.Errorf("feature %d: %+v, encoding/json %+v", i, a, b)
		}
		pa, pb := a.Geometry.Dump(), b.Geometry.Dump()
		if len(pa) != len(pb) {
			t.Fatalf("%s: %d polygons, encoding/json %d", a.ISO, len(pa), len(pb))
		}
		for j := range pa {
			ra, rb := pa[j].DumpRings(), pb[j].DumpRings()
			if len(ra) != len(rb) {
				t.Fatalf("%s polygon %d: %d rings, encoding/json %d", a.ISO, j, len(ra), len(rb))
			}
			for k := range ra {
				ca, cb := ra[k].Coordinates(), rb[k].Coordinates()
				if ca.Length() != cb.Length() {
					t.Fatalf("%s polygon %d ring %d: %d points, encoding/json %d", a.ISO, j, k, ca.Length(), cb.Length())
				}
				for m := range ca.Length() {
					xa, xb := ca.GetXY(m), cb.GetXY(m)
					if math.Float64bits(xa.X) != math.Float64bits(xb.X) || math.Float64bits(xa.Y) != math.Float64bits(xb.Y) {
						t.Fatalf("%s polygon %d ring %d point %d: %v, encoding/json %v", a.ISO, j, k, m, xa, xb)
					}
					n++
				}
			}
		}
	}
	t.Logf("%d points identical", n)
}

// TestFastParseFallsBack checks that the scanner refuses what it does not
// expect (so that Load falls back to encoding/json) and Load's parse still
// reads it.
func TestFastParseFallsBack(t *testing.T) {
	data := boundaries.Embedded()
	pretty := strings.Replace(string(data), `"coordinates":`, `"coordinates": `, 1)
	if !boundaries.ParseFast(data) {
		t.Error("the embedded file was refused")
	}
	for _, bad := range []string{
		strings.Replace(string(data), `"type":"Feature","properties"`, `"properties"`, 1),
		strings.Replace(string(data), `45.18537],[29.76649`, `45.18537],[29.7.6649`, 1),
		string(data[:len(data)-3]),
		string(data) + "x",
	} {
		if bad == string(data) {
			t.Fatal("replacement did not apply")
		}
		if boundaries.ParseFast([]byte(bad)) {
			t.Errorf("accepted a modified file")
		}
	}
	if !boundaries.ParseFast([]byte(pretty)) {
		t.Error("white space between tokens refused")
	}
}
