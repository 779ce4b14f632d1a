package extract

import (
	"math/rand"
	"strings"
	"testing"
)

// TestScanNumberAsRegexp: scanNumber finds the number pattern's whole
// match (or none) as its regexp does, at every word start of the tune
// texts (lowered, in the matcher's window) and at every offset of
// generated texts made of the pattern's words, numbers written every
// way, spaces and near misses.
func TestScanNumberAsRegexp(t *testing.T) {
	re := numberPattern.re.get()
	n, matched := 0, 0
	try := func(w string) {
		t.Helper()
		n++
		want := re.FindStringIndex(w)
		end, ok := scanNumber(w)
		if ok != (want != nil) || ok && (want[0] != 0 || want[1] != end) {
			t.Fatalf("%q: scanNumber %d %v, the regexp %v", w, end, ok, want)
		}
		if ok {
			matched++
		}
	}
	for _, text := range tuneTexts(t) {
		s := lowerCyr(text)
		for _, i := range wordStarts(s) {
			try(s[i:min(len(s), i+window)])
		}
	}
	fromTexts := matched
	var pieces []string
	for _, l := range [][]string{scanBounds, scanNumberWords, scanScales, scanConnectors, scanUnits} {
		pieces = append(pieces, l...)
	}
	pieces = append(pieces, "1", "12", "123", "1234", "1,500", "1,500.5", "12,345,678", "1.5", "1,23", "1,2345", "1,234,56",
		"0.", ".5", ",", ".", "km2x", "kmx", "troopsx", "men's", "_", "²", "sq.", "sq", "square", "mi.", "hundred", "tens",
		"and", "a", "an", "x", "–", "-", "(", ")", "20km", "5-10", "2-3 km")
	seps := []string{" ", " ", " ", "  ", "\t", "\n", "", ", ", ". ", "\u00a0", "\v"}
	rng := rand.New(rand.NewSource(5))
	for range 20000 {
		var b strings.Builder
		for k := 2 + rng.Intn(9); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
			b.WriteString(seps[rng.Intn(len(seps))])
		}
		s := b.String()
		for i := range len(s) {
			try(s[i:min(len(s), i+window)])
		}
	}
	// Texts shaped like the pattern: an optional bound, a number, an
	// optional scale, an optional range, a unit, each part sometimes
	// missing or a near miss, between separators that are sometimes none.
	pick := func(l []string) string {
		if rng.Intn(4) == 0 {
			return pieces[rng.Intn(len(pieces))]
		}
		return l[rng.Intn(len(l))]
	}
	numbers := append([]string{"1", "12", "123", "1234", "1,500", "1,500.5", "12,345,678", "1.5", "1,23", "0.", "1,234,56"}, scanNumberWords...)
	for range 40000 {
		var b strings.Builder
		for _, part := range [][]string{scanBounds, numbers, scanScales, scanConnectors, numbers, scanScales, scanUnits, {"", "s", "2", "'s", "_", "²", ".", " of"}} {
			if rng.Intn(3) > 0 {
				b.WriteString(pick(part))
				b.WriteString(seps[rng.Intn(len(seps))])
			}
		}
		s := b.String()
		for i := range min(len(s), 4) {
			try(s[i:min(len(s), i+window)])
		}
	}
	if fromTexts == 0 || matched == fromTexts {
		t.Fatalf("%d matches in the texts, %d in all: the test tests too little", fromTexts, matched)
	}
	t.Logf("%d windows, %d matches (%d in the tune texts)", n, matched, fromTexts)
}
