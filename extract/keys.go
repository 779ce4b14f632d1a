package extract

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/frontline-osint/frontline/gazetteer"
)

// Spelling variants of a Latin name that translit.Fold does not bring
// together with the gazetteer's spellings.
//
// Fold merges what the transliteration systems write differently for one
// letter (и, е, я, г, ь…) and the Russian endings that differ by whole
// syllables (-ovka, -oye, -aya). The tracker's and the press's own English
// also differs from both systems in four ways that Fold cannot merge
// without merging different places, because they change a sound:
//
//   - h for х ("Novobahmutivka" for Novobakhmutivka): the Ukrainian
//     national system writes г as h and х as kh; writers who know that г
//     is h sometimes write h for х as well. Fold keeps h (with g) and kh
//     apart, since Hlyboke and Khlyboke are not one name.
//   - Russian o where Ukrainian has i in a closed syllable, outside the
//     endings Fold knows ("Chasovyi Yar", Russian Часов Яр, for Chasiv
//     Yar). The adjective ending that follows (-yi, -iy, -yy) is then
//     dropped with it.
//   - ch for х, as German, Czech and Polish write it ("Chromove" for
//     Khromove); Fold reads ch as ч.
//   - The Russian-style short form of an adjectival name: "-sk" for
//     Ukrainian -ske, Russian -skoye ("Staromayorsk" for Staromaiorske).
//
// These are tried only when the name as written is no gazetteer key, only
// on Latin words of at least minVariantLetters letters (the capitalised
// English words that could meet a village this way are short), and the
// first variant that is a key near the front wins (variantName). Each variant is itself a folded key,
// so the gazetteer's search finds it as written.

// minVariantLetters is the shortest word a variant is tried on.
const minVariantLetters = 6

// spellingVariants returns the variants of key (a translit.Fold key of
// Latin text, words separated by spaces), most conservative first: one
// change before two.
func spellingVariants(key string) []string {
	words := strings.Split(key, " ")
	var out []string
	seen := map[string]bool{key: true}
	add := func(k int, w string) {
		if w == words[k] {
			return
		}
		ws := append([]string(nil), words...)
		ws[k] = w
		v := strings.Join(ws, " ")
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	for k, w := range words {
		if utf8.RuneCountInString(w) < minVariantLetters || !isLatinKey(w) {
			continue
		}
		for _, v := range wordVariants(w) {
			add(k, v)
		}
	}
	return out
}

// isLatinKey reports whether w is only lower-case ASCII letters.
func isLatinKey(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// wordVariants are the variants of one folded word.
func wordVariants(w string) []string {
	var out []string
	// -sk → -ski: the short adjective (Staromayorsk).
	if strings.HasSuffix(w, "sk") {
		out = append(out, w+"i")
	}
	// -ovi → -iv: Russian -овый/-овой read as Ukrainian -ів (Chasovyi).
	if strings.HasSuffix(w, "ovi") && len(w) > 4 && isConsonantByte(w[len(w)-4]) {
		out = append(out, w[:len(w)-3]+"iv")
	}
	// h for х: each g (Fold's h class) in turn, then all of them.
	n := strings.Count(w, "g")
	if n > 0 {
		for i := 0; i < len(w); i++ {
			if w[i] == 'g' {
				out = append(out, w[:i]+"kh"+w[i+1:])
			}
		}
		if n > 1 {
			out = append(out, strings.ReplaceAll(w, "g", "kh"))
		}
	}
	// ch for х, the German, Czech and Polish spelling ("Chromove" for
	// Khromove): each ch in turn. Fold reads ch as ч.
	for i := 0; i+1 < len(w); i++ {
		if w[i] == 'c' && w[i+1] == 'h' {
			out = append(out, w[:i]+"kh"+w[i+2:])
		}
	}
	// Russian o for Ukrainian i before a final consonant (Ukrainian
	// ikavism in a closed syllable): the last o of the word, when a single
	// consonant follows it at the end.
	if l := len(w); l >= 3 && w[l-2] == 'o' && isConsonantByte(w[l-1]) && isConsonantByte(w[l-3]) {
		out = append(out, w[:l-2]+"i"+w[l-1:])
	}
	return out
}

func isConsonantByte(c byte) bool {
	return 'a' <= c && c <= 'z' && c != 'a' && c != 'o' && c != 'u' && c != 'i' && c != 'e' && c != 'y'
}

// variantName returns a spelling of name that the gazetteer knows, made
// by spellingVariants, or "" when there is none. folded is
// translit.Fold(name). A variant is a guess at what the writer meant, so
// it is taken only when one of the places it names lies within
// variantFrontM of the front of day on DeepStateMap's maps (with a
// hromada centre's slack): that is where the tracker's and the press's own
// spellings name villages, and it keeps "Mayorsk" (a town by Horlivka the
// gazetteer lacks) from becoming Maiorske of Odesa oblast.
func (e *Extractor) variantName(folded string, day time.Time) string {
	for _, v := range spellingVariants(folded) {
		if _, ok := e.key(v); ok && e.nearFrontReading(v, day) {
			return v
		}
	}
	return ""
}

// nearFrontReading reports whether one of the places the folded key v
// names lies within variantFrontM of the front of day.
func (e *Extractor) nearFrontReading(v string, day time.Time) bool {
	cands, err := e.candidates(v)
	if err != nil {
		return false
	}
	for _, c := range cands {
		if c.PointSource == "" || c.Country != "" && c.Country != "UA" {
			continue
		}
		d := datedFrontDistanceM(c.Lon, c.Lat, day)
		if c.PointSource == "hromada" {
			d -= datedCentroidSlackM
		}
		if d <= variantFrontM {
			return true
		}
	}
	return false
}

// cyrShortName returns the name a Cyrillic word names in the short form
// of an adjectival name, or "": "Старомайорську", "Старомайорська" (the
// tracker's Старомайорськ, as Russian writes Старомайорск) for
// Старомайорське, Russian Старомайорское. Like a Latin variant, only a
// place near the front of day.
func (e *Extractor) cyrShortName(word string, day time.Time) string {
	for _, f := range e.lemmasOf(word) {
		lf := strings.ToLower(f)
		if utf8.RuneCountInString(lf) < minVariantLetters || cyrStopwords[lf] {
			continue
		}
		var tries []string
		switch {
		case strings.HasSuffix(lf, "ськ"):
			tries = []string{f + "е"}
		case strings.HasSuffix(lf, "ск"):
			tries = []string{f + "ое", f + "е"}
		}
		for _, v := range tries {
			k := e.fold(v)
			if _, ok := e.key(k); ok && e.nearFrontReading(v, day) {
				return v
			}
		}
	}
	return ""
}

// variantFrontM is how far from the front of the text's date a place
// read through a spelling variant may lie.
const variantFrontM = 25000.0

// lowerVariant reports whether a word of the span ws[a:b] is also written
// in lower case in the text, or is an English stopword: such a span is
// not given spelling variants.
func (d *doc) lowerVariant(a, b int) bool {
	for k := a; k < b; k++ {
		if stopword(lowerASCII(d.text[d.words[k].start:d.words[k].end])) {
			return true
		}
	}
	return false
}

// minTypoLetters is the shortest folded name read as a typo of a place.
const minTypoLetters = 8

// typoName returns the name of the places that name, as written, misspells
// by one letter (one edit of its folded key: "Kurdyumvka", "Novopokrovkya"),
// or "". The gazetteer's loose key (vowels dropped) was tried on the tuning
// notes and read place adjectives ("Bakhmutska", "Avdiivska") and wrong
// homonyms as villages: not used.
// Like a spelling variant, a typo is read only near the front of the
// text's date, only for a Latin name of at least minTypoLetters letters,
// and only when all the places so reached near the front have one name.
func (e *Extractor) typoName(name, folded string, day time.Time) string {
	return e.nearFrontMisspelling(name, folded, day, false)
}

// typoCityPopulation and typoCityLetters: a folded name that short may
// misspell a city that large (nearFrontMisspelling).
const (
	typoCityPopulation = 20000
	typoCityLetters    = 6
)

// nearFrontMisspelling is typoName, and with loose also the gazetteer's
// loose matches (frontLooseName).
func (e *Extractor) nearFrontMisspelling(name, folded string, day time.Time, loose bool) string {
	letters := utf8.RuneCountInString(folded)
	if letters < min(minTypoLetters, typoCityLetters) || !isLatinKey(strings.ReplaceAll(folded, " ", "")) {
		return ""
	}
	cands, err := e.candidates(name) // cached: the same unknown names recur
	if err != nil {
		return ""
	}
	found := ""
	for _, c := range cands {
		fuzzy := c.Reason == gazetteer.ReasonFuzzy && c.EditDistance <= 1
		if !fuzzy && !(loose && c.Reason == gazetteer.ReasonLoose) {
			continue
		}
		if c.PointSource == "" || c.Country != "" && c.Country != "UA" {
			continue
		}
		d := datedFrontDistanceM(c.Lon, c.Lat, day)
		if c.PointSource == "hromada" {
			d -= datedCentroidSlackM
		}
		// A shorter name may misspell a city at the front ("the eastern
		// town of Avdiika", folded avdika): typoCityLetters letters for
		// a city of typoCityPopulation or more, minTypoLetters else.
		if d > variantFrontM || letters < minTypoLetters && !(fuzzy && c.Kind == "city" && c.Population >= typoCityPopulation) {
			continue
		}
		if found != "" && e.fold(found) != e.fold(c.Name) {
			return "" // two names: no telling which was meant
		}
		found = c.Name
	}
	return found
}
