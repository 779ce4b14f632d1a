package extract_test

import (
	"testing"
	"time"
)

// TestTrackerSpellings: the tracker's and the press's own English
// spellings, which translit.Fold does not bring to the gazetteer's, resolve
// to the place meant (docs/CLAIMS.md, "Claims, eighth pass"); a spelling
// variant does not carry a name far from the front of the text's date.
func TestTrackerSpellings(t *testing.T) {
	day := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		text, name, want string
	}{
		{"The enemy advanced near Chasovyi Yar.", "Chasovyi Yar", "Chasiv Yar"},
		{"The enemy advanced near Staromayorsk.", "Staromayorsk", "Staromaiorske"},
		{"The enemy has advanced near Novobahmutivka.", "Novobahmutivka", "Novobakhmutivka"},
		{"The enemy advanced near Stelmahivka.", "Stelmahivka", "Stelmakhivka"},
		{"The enemy advanced north of Chromove.", "Chromove", "Khromove"},
		{"The enemy advanced near Lastochyne.", "Lastochyne", "Lastochkyne"},
	} {
		x, err := testExtractor(t).Extract(c.text, day)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, m := range x.Places {
			if c.text[m.Start:m.End] == c.name {
				got = m.Place.Name
			}
		}
		if got != c.want {
			t.Errorf("%q: %q read as %q, want %q", c.text, c.name, got, c.want)
		}
	}
	// Mayorsk (by Horlivka) is not in the gazetteer; its -ske variant is a
	// village of Odesa oblast, far from any front: not read.
	for _, s := range []string{"The enemy advanced near Mayorsk.", "Most of the Progress was Holograms."} {
		x, err := testExtractor(t).Extract(s, day)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range x.Places {
			t.Errorf("%q: %q read as %s", s, s[m.Start:m.End], m.Place.Name)
		}
	}
}
