package extract_test

import (
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline/extract"
)

// placeNames extracts text and returns the Latin names of the places
// read, in order.
func placeNames(t *testing.T, e *extract.Extractor, text string, published time.Time) []string {
	t.Helper()
	x, err := e.Extract(text, published)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range x.Places {
		got = append(got, m.Place.Name)
	}
	return got
}

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
		got := placeNames(t, e, c.text, published)
		if !strings.Contains(strings.Join(got, "|"), c.want) {
			t.Errorf("%q: places %v, want %s", c.text, got, c.want)
		}
	}
}

// TestHyphenPairOpeningWord: in the tracker's "X Y-Z" the first place is
// the two words X Y ("Велика Комишуваха-Довгеньке", 2022-07: Velyka
// Komyshuvakha of Kharkiv oblast, not the Luhansk town Komyshuvakha).
func TestHyphenPairOpeningWord(t *testing.T) {
	e := testExtractor(t)
	published := time.Date(2022, 8, 4, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Оновлено ситуацію в районі Велика Комишуваха-Довгеньке.", []string{"Velyka Komyshuvakha", "Dovhenke"}},
		{"Updated the situation near Velyka Komyshuvakha-Dovhenke.", []string{"Velyka Komyshuvakha", "Dovhenke"}},
		{"Ворог просунувся біля П'ятихатки-Новопокровка.", []string{"Piatykhatky", "Novopokrovka"}},
	} {
		got := placeNames(t, e, c.text, published)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q: places %v, want %v", c.text, got, c.want)
		}
	}
}
