package extract_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// placeDevSentence is one sentence of testdata/places-dev4.json: the
// mention, in its text, names the settlement at lon, lat.
type placeDevSentence struct {
	Lang    string  `json:"lang"`
	Day     string  `json:"day"`
	Text    string  `json:"text"`
	Mention string  `json:"mention"`
	Name    string  `json:"name"`
	ID      string  `json:"id,omitempty"`
	Lon     float64 `json:"lon"`
	Lat     float64 `json:"lat"`
}

// placesDev4Floors: the share right per language may only go up (the
// figures when the floor was last set, docs/CLAIMS.md "places4").
var placesDev4Floors = map[string]float64{"ru": 0.93, "uk": 0.94, "en": 0.90}

// TestPlacesDev4 scores the places4 development sentences: a mention is
// right when a place overlapping it resolves within 5 km of its point,
// wrong when it resolves farther, missed when nothing is read there.
func TestPlacesDev4(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "places-dev4.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Sentences []placeDevSentence `json:"sentences"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	e := testExtractor(t)
	n, right, wrong := map[string]int{}, map[string]int{}, map[string]int{}
	var misses []string
	for _, s := range f.Sentences {
		start := strings.Index(s.Text, s.Mention)
		if start < 0 {
			t.Errorf("%q not in %q", s.Mention, s.Text)
			continue
		}
		end := start + len(s.Mention)
		x, err := e.Extract(s.Text, day(s.Day))
		if err != nil {
			t.Fatal(err)
		}
		n[s.Lang]++
		best, got := math.Inf(1), ""
		for _, m := range x.Places {
			if m.Start < end && start < m.End && m.Place.HasPoint() {
				if d := pressDistanceKm(s.Lon, s.Lat, m.Place.Lon, m.Place.Lat); d < best {
					best, got = d, fmt.Sprintf("%s %s (%s) %.1f km", m.Place.ID, m.Place.Name, m.Place.Oblast, d)
				}
			}
		}
		switch {
		case best <= rightRadiusKm:
			right[s.Lang]++
		case math.IsInf(best, 1):
			misses = append(misses, fmt.Sprintf("%s missed %q in %q (%s)", s.Lang, s.Mention, s.Text, s.Name))
		default:
			wrong[s.Lang]++
			misses = append(misses, fmt.Sprintf("%s wrong %q in %q (%s): %s", s.Lang, s.Mention, s.Text, s.Name, got))
		}
	}
	var rows []string
	for _, l := range []string{"ru", "uk", "en"} {
		r := ratio(right[l], n[l])
		rows = append(rows, fmt.Sprintf("%s: %d mentions, %d right, %d wrong, %d missed (%.3f right)", l, n[l], right[l], wrong[l], n[l]-right[l]-wrong[l], r))
		if r < placesDev4Floors[l] {
			t.Errorf("%s: %.3f of the places4 development mentions right (floor %.2f)", l, r, placesDev4Floors[l])
		}
	}
	if testing.Verbose() {
		t.Logf("places4 development sentences:\n  %s", strings.Join(misses, "\n  "))
	}
	t.Log(strings.Join(rows, "; "))
}
