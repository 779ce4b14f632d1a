package extract

import (
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a dot that does not end a sentence (lower case,
// without the dot).
var abbreviations = toSet(`mr mrs ms dr gen lt col maj capt sgt st jr sr vs no nos approx est dept govt sept jan feb mar apr jun jul aug sep oct nov dec u.s u.k u.n e.g i.e etc`)

// maxSentence is the length after which a sentence is cut at a space.
const maxSentence = 2000

// splitSentences splits text into sentences: at a line break, and at . ! ?
// (and any closing quotes or brackets after them) followed by white space
// and a capital letter, a digit or an opening quote — except after an
// abbreviation or a single initial ("William J. Burns"). Spans exclude
// surrounding white space.
func splitSentences(text string) []span {
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
			// Byte by byte: the bytes looked for are ASCII, and no byte
			// of a multi-byte character is (decoding each rune to step
			// over it cost a tenth of this walk).
			i++
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

// abbreviationBefore reports whether the dot at i ends an abbreviation or
// a single-letter initial.
func abbreviationBefore(text string, i int) bool {
	s := i
	for s > 0 && (text[s-1] != ' ' && text[s-1] != '\n' && text[s-1] != '(' && text[s-1] != '"') {
		s--
	}
	w := text[s:i]
	if w == "" {
		return false
	}
	if r, n := utf8.DecodeRuneInString(w); n == len(w) && unicode.IsUpper(r) {
		return true // an initial
	}
	// "н.п. Симиновка", "н. п. Кам'янка": населений/населенный пункт.
	if w == "н.п" || w == "п" && s >= len("н. ") && text[s-len("н. "):s] == "н. " {
		return true
	}
	return abbreviations[lowerASCII(w)]
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
