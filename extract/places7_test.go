package extract_test

import "testing"

// placeIDCase is a mention in a text of a day and the settlement (id) or
// the country ("RU") it must be read as; id "" with country "" means the
// mention must not be read as a place at all.
type placeIDCase struct{ text, mention, on, id, country string }

func checkPlaceIDs(t *testing.T, cases []placeIDCase) {
	t.Helper()
	for _, c := range cases {
		p, ok := mentionOn(t, c.text, c.mention, c.on)
		switch {
		case c.id == "" && c.country == "":
			if ok {
				t.Errorf("%q: %q read as %s %s (%s), want no place", c.text, c.mention, p.ID, p.Name, p.Oblast)
			}
		case c.country != "":
			if !ok || p.Country != c.country {
				t.Errorf("%q: %q → %s %s (%q, read %v), want country %s", c.text, c.mention, p.ID, p.Name, p.Country, ok, c.country)
			}
		case !ok || p.ID != c.id:
			t.Errorf("%q: %q → %s %s (%s, read %v), want %s", c.text, c.mention, p.ID, p.Name, p.Oblast, ok, c.id)
		}
	}
}

// TestStreetAfterName: a name followed by "Street" or "Avenue" is a street
// ("Lenina Street", "Michurina Street" of Kupiansk read as villages named
// Lenina and Michurina, places-dev5 fw-mag) (places7).
func TestStreetAfterName(t *testing.T) {
	checkPlaceIDs(t, []placeIDCase{
		{"Russian troops advanced along Lenina Street and Michurina Street, reaching the city center.", "Lenina", "2025-10-01", "", ""},
		{"Russian troops advanced along Lenina Street and Michurina Street, reaching the city center.", "Michurina", "2025-10-01", "", ""},
	})
}
