package gazetteer

import (
	"strings"
	"testing"

	"github.com/frontline-osint/frontline/translit"
)

// oblastISOFoldingEach is OblastISO as it was before its suffixes were
// folded once: each suffix folded at every call.
func (g *Gazetteer) oblastISOFoldingEach(s string) (string, bool) {
	folded := make([]string, len(oblastSuffixes))
	for i, suffix := range oblastSuffixes {
		folded[i] = translit.Fold(suffix)
	}
	return g.oblastISOWithout(s, folded)
}

// TestOblastISOAsFoldingEach: every oblast's names, codes and spellings,
// bare, with each suffix, with two suffixes and with words that are no
// suffix, resolve as when the suffixes were folded at every call.
func TestOblastISOAsFoldingEach(t *testing.T) {
	g := &Gazetteer{}
	g.finish(nil)
	var names []string
	for _, ob := range oblasts {
		names = append(names, ob.ISO, ob.Name, ob.NameUK, strings.TrimSuffix(ob.Name, " Oblast"),
			translit.UkrainianNational(ob.NameUK), strings.TrimSuffix(ob.Name, " Oblast")+"ska", "Nowhere", "")
	}
	tails := append([]string{"", " Region", " OBLAST", " oblast region", " область", " obl. ", " raion", " oblast oblast", " region oblast"}, oblastSuffixes...)
	found := 0
	for _, n := range names {
		for _, a := range tails {
			for _, b := range tails {
				s := n + a + b
				iso, ok := g.OblastISO(s)
				wantISO, wantOK := g.oblastISOFoldingEach(s)
				if iso != wantISO || ok != wantOK {
					t.Fatalf("OblastISO(%q) = %q %v, folding each suffix: %q %v", s, iso, ok, wantISO, wantOK)
				}
				if ok {
					found++
				}
			}
		}
	}
	if found == 0 {
		t.Fatal("no name resolved")
	}
	t.Logf("%d names, %d resolved", len(names)*len(tails)*len(tails), found)
}

// TestOblastISOLiterals: names with their suffixes, in three scripts,
// against the codes written out — what the comparison above cannot
// catch, a fold that is wrong both ways.
func TestOblastISOLiterals(t *testing.T) {
	g := &Gazetteer{}
	g.finish(nil)
	for s, want := range map[string]string{
		"Kharkiv Oblast":      "UA-63",
		"Kharkiv region":      "UA-63",
		"Харківська область":  "UA-63",
		"Харьковская область": "UA-63",
		"Запорожская обл.":    "UA-23",
		"Николаевская":        "UA-48",
		"Donetsk Oblast":      "UA-14",
		"Донецька область":    "UA-14",
		"Luhansk region":      "UA-09",
		"Zaporizhzhia Oblast": "UA-23",
		"Херсонська область":  "UA-65",
	} {
		if got, ok := g.OblastISO(s); !ok || got != want {
			t.Errorf("OblastISO(%q) = %q %v, want %s", s, got, ok, want)
		}
	}
	if got, ok := g.OblastISO("Nowhere Oblast"); ok {
		t.Errorf("OblastISO(%q) = %q, want none", "Nowhere Oblast", got)
	}
}
