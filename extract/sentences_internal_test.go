package extract

import (
	"math/rand"
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestSplitSentencesAsByRune: splitSentences, which steps over the bytes
// of a multi-byte character one by one, splits as the former walk that
// decoded each (splitSentencesByRune, kept here) on every tune text, its
// pieces and random bytes with invalid UTF-8.
func TestSplitSentencesAsByRune(t *testing.T) {
	check := func(s string) {
		if got, want := splitSentences(s), splitSentencesByRune(s); !slices.Equal(got, want) {
			t.Fatalf("%q: %v, by rune %v", s, got, want)
		}
	}
	n := 0
	for _, text := range tuneTexts(t) {
		check(text)
		for i := 1; i < len(text); i += 97 {
			check(text[i:])
			check(text[:i])
		}
		n += len(splitSentences(text))
	}
	rng := rand.New(rand.NewSource(1))
	pieces := []string{".", "!", "?", " ", "\n", "\t", "A", "a", "Б", "б", "\xd0", "\xb0", "\xff", "”", "»", ")", "'", "’", "1", "«", "“", "Gen", "J", "\u00a0"}
	for range 20000 {
		var b []byte
		for range rng.Intn(12) {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		check(string(b))
	}
	if n == 0 {
		t.Fatal("no sentences")
	}
}

func splitSentencesByRune(text string) []span {
	var out []span
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && isSpaceByte(text[s]) {
			s++
		}
		for e > s && isSpaceByte(text[e-1]) {
			e--
		}
		if e > s {
			out = append(out, span{s, e})
		}
		start = end
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c == '\n' {
			emit(i)
			i++
			continue
		}
		// Text without sentence ends (a table, a list, garbage) is cut
		// at a space after maxSentence bytes: the work per sentence grows
		// with the square of its places and patterns.
		if c == ' ' && i-start > maxSentence {
			emit(i)
			i++
			continue
		}
		if c != '.' && c != '!' && c != '?' {
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
			continue
		}
		j := i + 1
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if r == '”' || r == '"' || r == '’' || r == '\'' || r == ')' || r == '»' || r == '.' {
				j += n
				continue
			}
			break
		}
		if j >= len(text) {
			emit(len(text))
			i = j
			continue
		}
		if text[j] != ' ' && text[j] != '\t' && text[j] != '\r' && text[j] != '\n' {
			i = j
			continue
		}
		k := j
		for k < len(text) && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r') {
			k++
		}
		if k < len(text) && text[k] != '\n' {
			r, _ := utf8.DecodeRuneInString(text[k:])
			if !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '“' || r == '"' || r == '«' || r == '‘' || r == '(') {
				i = k
				continue
			}
		}
		if c == '.' && abbreviationBefore(text, i) {
			i = j
			continue
		}
		emit(j)
		i = j
	}
	emit(len(text))
	return out
}

// TestPooledTokensAsTokens: a pooled list holds tokens(s), whatever list
// the pool hands back (a longer text's before a shorter one's, and the
// same list again), and a released list holds no token.
func TestPooledTokensAsTokens(t *testing.T) {
	texts := []string{"", "Пушилин заявил, что", "a", "“Russian forces,” the governor said.", "\xd0 x\xff-y"}
	for _, text := range tuneTexts(t) {
		texts = append(texts, text, text[:len(text)/3])
	}
	for _, s := range texts {
		b := pooledTokens(s)
		if !slices.Equal(*b, tokens(s)) {
			t.Fatalf("%q: pooled %v, tokens %v", s, *b, tokens(s))
		}
		held := *b
		releaseTokens(b)
		for _, tk := range held {
			if tk != (tok{}) {
				t.Fatalf("%q: a released list holds %v", s, tk)
			}
		}
	}
}
