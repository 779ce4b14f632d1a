package extract

import (
	"strings"
	"testing"

	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/translit"
)

// regionNounEveryLemma is regionNoun as it was before mayBeRegionNoun:
// every lemma lowered.
func (e *Extractor) regionNounEveryLemma(word string) (string, bool) {
	if !isCyrillicWord(word) {
		return "", false
	}
	for _, l := range e.lemmasOf(word) {
		lower := toLower(l)
		var stem string
		switch {
		case strings.HasSuffix(lower, "ччина"):
			stem = strings.TrimSuffix(l, l[len(l)-len("ччина"):]) + "цька"
		case strings.HasSuffix(lower, "щина"):
			stem = strings.TrimSuffix(l, l[len(l)-len("щина"):]) + "ська"
		case strings.HasSuffix(lower, "чина"):
			stem = strings.TrimSuffix(l, l[len(l)-len("чина"):]) + "ська"
		case crimeaNouns[lower]:
			return "UA-43", true
		default:
			continue
		}
		if iso, ok := e.regions.loose[translit.FoldLoose(stem)]; ok {
			return iso, true
		}
	}
	return "", false
}

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
		wantISO, wantOK := e.regionNounEveryLemma(w)
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
