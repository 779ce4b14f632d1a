package extract

import (
	"strings"
	"testing"

	"github.com/frontline-osint/frontline/gazetteer"
)

// TestRegionNounAsEveryLemma: every word of the tune texts, as written,
// in capitals and in lower case, and the region nouns and Crimea's
// names in their cases, are read as when every lemma was lowered.
func TestRegionNounAsEveryLemma(t *testing.T) {
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	e := New(gazetteer.New(places))
	words := map[string]bool{}
	for _, s := range tuneTexts(t) {
		for _, w := range fields(s) {
			w = strings.Trim(w, ".,:;!?()«»\"“”—–-")
			words[w], words[strings.ToUpper(w)], words[strings.ToLower(w)] = true, true, true
		}
	}
	for w := range crimeaNouns {
		words[w], words[strings.ToUpper(w)], words[strings.ToUpper(w[:2])+w[2:]] = true, true, true
	}
	for _, w := range []string{"Харківщина", "Харківщині", "ХАРКІВЩИНУ", "Донеччина", "Донеччині", "Сумщина", "Луганщина", "Київщина", "Черкащина", "Херсонщина", "Запоріжжя", "Брянщина", "Курщина", "Белгородчина", "Білгородщина"} {
		words[w] = true
	}
	found := 0
	for w := range words {
		iso, ok := e.regionNoun(w)
		wantISO, wantOK := e.regionNounAmong(w, func(string) bool { return true })
		if iso != wantISO || ok != wantOK {
			t.Fatalf("regionNoun(%q) = %q %v, every lemma lowered: %q %v", w, iso, ok, wantISO, wantOK)
		}
		if ok {
			found++
		}
	}
	if found < 10 {
		t.Fatalf("only %d of %d words are region nouns", found, len(words))
	}
	t.Logf("%d words, %d region nouns", len(words), found)
}
