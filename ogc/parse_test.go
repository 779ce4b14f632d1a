package ogc

import (
	"math"
	"testing"

	"github.com/frontline-osint/frontline"
)

func FuzzParseDatetime(f *testing.F) {
	for _, s := range []string{"2022-09-13", "2022-09-13T12:00:00Z", "2022-09-01/2022-09-13", "../2022-09-13", "2022-09-01/..", "/", "..", "2022-09-13T12:00:00.5+03:00/..", "a/b/c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseDatetime(s)
		if err != nil {
			if frontline.ErrorCode(err) != frontline.EINVALID || err.(*badParam).name != "datetime" {
				t.Fatalf("%q: %v is not an invalid-datetime error", s, err)
			}
			return
		}
		switch {
		case d.Interval:
			if d.From != nil && d.To != nil && d.From.Start.After(d.To.End) {
				t.Fatalf("%q: interval %+v..%+v ends before it starts", s, d.From, d.To)
			}
		case !d.Latest && (d.At.Label == "" || d.At.End.Before(d.At.Start)):
			t.Fatalf("%q: day %+v", s, d.At)
		}
	})
}

func FuzzParseBBox(f *testing.F) {
	for _, s := range []string{"35.5,49,38.5,50.5", "35.5,49,0,38.5,50.5,100", "1,2,3", "NaN,0,1,1", "-180,-90,180,90", "1e400,0,1,1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := parseBBox(s)
		if err != nil {
			if frontline.ErrorCode(err) != frontline.EINVALID || err.(*badParam).name != "bbox" {
				t.Fatalf("%q: %v is not an invalid-bbox error", s, err)
			}
			return
		}
		for _, v := range b {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("%q: %v", s, b)
			}
		}
		if b[0] > b[2] || b[1] > b[3] || b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90 {
			t.Fatalf("%q: %v is not a box in degrees", s, b)
		}
	})
}

func TestFeatureID(t *testing.T) {
	for _, c := range []struct {
		oblast, id string
	}{
		{"Kharkiv Oblast", "7-russia-kharkiv-oblast"},
		{"Ivano-Frankivsk Oblast", "7-russia-ivano-frankivsk-oblast"},
		{"Autonomous Republic of Crimea", "7-russia-autonomous-republic-of-crimea"},
		{"  Kyiv (city)  ", "7-russia-kyiv-city"},
	} {
		id := FeatureID(7, frontline.StatusRussia, c.oblast)
		if id != c.id {
			t.Errorf("%q: %s, want %s", c.oblast, id, c.id)
		}
		n, st, ob, ok := parseFeatureID(id)
		if !ok || n != 7 || st != frontline.StatusRussia || ob != slug(c.oblast) {
			t.Errorf("%s: read back %d %s %s %v", id, n, st, ob, ok)
		}
	}
	for _, id := range []string{"", "7", "7-russia", "7-russia-", "x-russia-a", "0-russia-a", "-1-russia-a", "7-none-a", "7-Russia-a"} {
		if _, _, _, ok := parseFeatureID(id); ok {
			t.Errorf("%q read as a feature id", id)
		}
	}
}

func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{"status='russia'", "status = 'russia' AND area_km2 > 100", "NOT (oblast='Kharkiv Oblast' OR oblast IS NULL)",
		"status IN ('russia','contested')", "area_km2 >= -1.5e3", "'a'='b'", "((((", "status=", "valid_at > '2022-09-13'", "\"status\" <> 'x'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := parseFilter(s)
		if err != nil {
			if e != nil {
				t.Fatalf("%q: an expression and an error", s)
			}
			return
		}
		e.match(Properties{Status: frontline.StatusRussia, Oblast: "Kharkiv Oblast", AreaKm2: 10})
	})
}
