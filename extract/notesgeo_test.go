package extract_test

import (
	"strings"
	"testing"
	"time"
)

// TestApostropheInAdjectivalName: a Cyrillic name ending like an adjective
// is read with any apostrophe (' ’ ʼ `), not only the gazetteer's own ’.
// The tracker wrote "Звільнено Куп'янськ-Вузловий" with a typewriter
// apostrophe (a tuning note of 2022-09-27), and the name was dropped as a
// possible adjective: the exact-name check compared it letter for letter
// with Куп’янськ-Вузловий.
func TestApostropheInAdjectivalName(t *testing.T) {
	e := testExtractor(t)
	published := time.Date(2022, 9, 27, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct{ text, want string }{
		{"Звільнено Куп'янськ-Вузловий.", "Kupiansk-Vuzlovyi"},
		{"Звільнено Купʼянськ-Вузловий.", "Kupiansk-Vuzlovyi"},
		{"Звільнено Куп`янськ-Вузловий.", "Kupiansk-Vuzlovyi"},
		{"Звільнено Куп’янськ-Вузловий.", "Kupiansk-Vuzlovyi"},
		{"Бої тривають біля Куп'янська-Вузлового.", "Kupiansk-Vuzlovyi"},
	} {
		x, err := e.Extract(c.text, published)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range x.Places {
			got = append(got, m.Place.Name)
		}
		if !strings.Contains(strings.Join(got, "|"), c.want) {
			t.Errorf("%q: places %v, want %s", c.text, got, c.want)
		}
	}
}
