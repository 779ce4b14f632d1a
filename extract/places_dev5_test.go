package extract_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// placesDev5Doc is one excerpt of testdata/places-dev5.json: a real web
// page's text with the labels of press-2022-2025.json (its "about").
type placesDev5Doc struct {
	pressDoc
	URL  string `json:"url"`
	Text string `json:"text"`
}

// placesDev5Floor is what a group must keep: places P and R may only go
// up, trap hits only down (the figures at the end of the places7 pass,
// cut to two decimals, docs/CLAIMS.md "Places, fifteenth pass (places7)";
// heldout/ru raised at the end of places8; the held-out rows at the end of
// places9).
type placesDev5Floor struct {
	placeP, placeR float64
	maxTraps       int
}

var placesDev5Floors = map[string]placesDev5Floor{
	"tune/en":    {placeP: 0.93, placeR: 0.93, maxTraps: 0},
	"tune/ru":    {placeP: 1.00, placeR: 1.00, maxTraps: 0},
	"tune/uk":    {placeP: 0.98, placeR: 1.00, maxTraps: 0},
	"heldout/en": {placeP: 0.96, placeR: 0.96, maxTraps: 0},
	"heldout/ru": {placeP: 0.94, placeR: 0.94, maxTraps: 1},
	"heldout/uk": {placeP: 0.95, placeR: 0.97, maxTraps: 0},
}

// TestPlacesDev5 scores the places7 development excerpts with the press
// scorer: places P / R per split and language, trap hits. With -v it
// lists the misses of tune documents only; held-out documents show only
// their aggregates.
func TestPlacesDev5(t *testing.T) {
	scorePlacesSet(t, "places-dev5", placesDev5Floors)
}

// scorePlacesSet reads testdata/<name>.json (the shape of places-dev5.json),
// extracts every document (tune documents only under FRONTLINE_TUNE_ONLY),
// logs places P / R and trap hits per split and language, the misses of
// tune documents with -v, and fails a group below its floor.
func scorePlacesSet(t *testing.T, name string, floors map[string]placesDev5Floor) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Documents []placesDev5Doc `json:"documents"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	e := testExtractor(t)
	groups := map[string]*pressScore{}
	for _, d := range f.Documents {
		if d.Split != "tune" && tuneOnly() {
			continue
		}
		x, err := e.Extract(d.Text, day(d.Published))
		if err != nil {
			t.Fatalf("%s: %v", d.URL, err)
		}
		s, notes := scorePressDoc(d.Text, d.pressDoc, x)
		for _, g := range []string{d.Split + "/" + d.Lang, d.Split + "/all"} {
			if groups[g] == nil {
				groups[g] = &pressScore{}
			}
			groups[g].add(s)
		}
		if testing.Verbose() && d.Split == "tune" && len(notes) > 0 {
			t.Logf("%s [%s]:\n    %s", d.URL, d.Lang, strings.Join(notes, "\n    "))
		}
	}
	var rows []string
	for _, split := range []string{"tune", "heldout"} {
		for _, lang := range []string{"en", "ru", "uk", "all"} {
			if g := groups[split+"/"+lang]; g != nil {
				rows = append(rows, g.row(split+"/"+lang))
			}
		}
	}
	t.Logf("%s (places right within %.0f km):\n%s\n%s", name, rightRadiusKm, pressHeader, strings.Join(rows, "\n"))
	for group, fl := range floors {
		g := groups[group]
		if g == nil {
			if !tuneOnly() {
				t.Errorf("%s: no documents", group)
			}
			continue
		}
		if g.placeP() < fl.placeP || g.placeR() < fl.placeR {
			t.Errorf("%s: places P %.3f (floor %.2f) R %.3f (floor %.2f)", group, g.placeP(), fl.placeP, g.placeR(), fl.placeR)
		}
		if g.traps > fl.maxTraps {
			t.Errorf("%s: %d trap hits (at most %d)", group, g.traps, fl.maxTraps)
		}
	}
}
