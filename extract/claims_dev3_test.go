package extract_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// dev3Floors: what each language keeps on the third development set, P
// and R.
var dev3Floors = map[string][2]float64{
	"en": {0, 0},
	"ru": {0, 0},
	"uk": {0, 0},
}

// TestClaimsDev3 scores claims (place, side) on the third development set
// (testdata/claims-dev3.json: short press-like texts whose claims reach
// across sentences), per language, with the scorer of TestClaimsDev2; -v
// lists every miss. No claim with the opposite side is allowed.
func TestClaimsDev3(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "claims-dev3.json"))
	if err != nil {
		t.Fatal(err)
	}
	var set dev2Set
	if err := json.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	e := testExtractor(t)
	total := map[string]*dev2Score{}
	var lines []string
	for i, sn := range set.Sentences {
		x, err := e.Extract(sn.Text, day(sn.Published))
		if err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		s, notes := scoreDev2(sn, x)
		g := total[sn.Lang]
		if g == nil {
			g = &dev2Score{misses: map[string]int{}}
			total[sn.Lang] = g
		}
		g.tp, g.fp, g.fn, g.opposite = g.tp+s.tp, g.fp+s.fp, g.fn+s.fn, g.opposite+s.opposite
		for k, n := range s.misses {
			g.misses[k] += n
		}
		if len(notes) > 0 {
			lines = append(lines, fmt.Sprintf("%s %-9s %q\n      %s", sn.Lang, sn.Voice, sn.Text, strings.Join(notes, "\n      ")))
		}
	}
	if testing.Verbose() {
		t.Logf("dev3 misses and extras:\n%s", strings.Join(lines, "\n"))
	}
	var rows []string
	for _, lang := range []string{"en", "ru", "uk"} {
		g := total[lang]
		if g == nil {
			t.Fatalf("%s: no texts", lang)
		}
		var cats []string
		for k, n := range g.misses {
			cats = append(cats, fmt.Sprintf("%s %d", k, n))
		}
		sort.Strings(cats)
		rows = append(rows, fmt.Sprintf("%-3s P %.3f R %.3f (%d/%d/%d) opposite %d  misses: %s", lang, g.p(), g.r(), g.tp, g.fp, g.fn, g.opposite, strings.Join(cats, ", ")))
		if f := dev3Floors[lang]; g.p() < f[0] || g.r() < f[1] {
			t.Errorf("%s: claims (place, side) P %.3f (floor %.2f) R %.3f (floor %.2f)", lang, g.p(), f[0], g.r(), f[1])
		}
		if g.opposite > 0 {
			t.Errorf("%s: %d claims with the opposite side", lang, g.opposite)
		}
	}
	t.Logf("claims-dev3 (place, side):\n%s", strings.Join(rows, "\n"))
}
