package extract_test

import (
	"testing"

	"github.com/frontline-osint/frontline/geo"
)

// TestDatedFrontHomonyms: a tracker's note names a village on the front of
// its date, among namesakes that the coarse theatre lines cannot tell
// apart (sentences of DeepStateMap's tuning notes, id % 3 != 0, with the
// point the note links).
func TestDatedFrontHomonyms(t *testing.T) {
	e := testExtractor(t)
	for _, c := range []struct {
		text, day, name string
		lat, lon        float64
	}{
		{"Ворог захопив ліс південніше Новобахмутівки.", "2023-04-09", "Новобахмутівки", 48.2270, 37.7702},
		{"Оновлено ситуацію біля Роботине та Урожайне.", "2023-08-11", "Урожайне", 47.7489, 36.8192},
		{"Уточнення в районі Парасковіївки.", "2023-02-10", "Парасковіївки", 48.6738, 37.9696},
		{"Оновлено лінію зіткнення в Роботиному, біля Старомайорського та Андріївки.", "2023-08-20", "Андріївки", 48.5013, 37.9671},
	} {
		x, err := e.Extract(c.text, day(c.day))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range x.Places {
			if m.Mention != c.name {
				continue
			}
			found = true
			if d := geo.DistanceM(m.Place.Lon, m.Place.Lat, c.lon, c.lat); d > 5000 {
				t.Errorf("%s (%s): %s %s at %.4f,%.4f, %.0f km from the linked point", c.name, c.day, m.Place.Name, m.Place.OblastISO, m.Place.Lat, m.Place.Lon, d/1000)
			}
		}
		if !found {
			t.Errorf("%s (%s): not found in %q", c.name, c.day, c.text)
		}
	}
}
