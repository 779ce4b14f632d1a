package gazetteer

import "testing"

// TestOblastISO: names with their suffixes, in three scripts, as codes,
// with a suffix twice, against the codes written out; names that are no
// oblast resolve to none.
func TestOblastISO(t *testing.T) {
	g := &Gazetteer{}
	g.finish(nil)
	for s, want := range map[string]string{
		"Kharkiv Oblast":                "UA-63",
		"Kharkiv region":                "UA-63",
		"Kharkivska":                    "UA-63",
		"UA-63":                         "UA-63",
		"Харківська область":            "UA-63",
		"Харьковская область":           "UA-63",
		"Запорожская обл.":              "UA-23",
		"Николаевская":                  "UA-48",
		"Donetsk Oblast":                "UA-14",
		"Donetsk oblast region":         "UA-14",
		"Донецька область":              "UA-14",
		"Luhansk region":                "UA-09",
		"Zaporizhzhia Oblast":           "UA-23",
		"Херсонська область":            "UA-65",
		"Dnipropetrovsk obl. ":          "UA-12",
		"Autonomous Republic of Crimea": "UA-43",
	} {
		if got, ok := g.OblastISO(s); !ok || got != want {
			t.Errorf("OblastISO(%q) = %q %v, want %s", s, got, ok, want)
		}
	}
	for _, s := range []string{"Nowhere Oblast", "", "oblast", "Kharkiv raion"} {
		if got, ok := g.OblastISO(s); ok {
			t.Errorf("OblastISO(%q) = %q, want none", s, got)
		}
	}
}
