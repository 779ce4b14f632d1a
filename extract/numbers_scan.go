package extract

import "strings"

// The number pattern, read by hand. numberPattern is a bound, a number,
// a range and a unit, each with alternatives: 772 instructions, too large
// for Go's backtracker, so each try ran on the NFA (about 37 tries a pass
// of the English tune texts, 3 of them matches, several microseconds
// each). scanNumber finds the same whole match as the regexp
// `^(?:pattern)\b` on the same window: the alternatives are tried in the
// pattern's order and the first way through wins, as Go's leftmost-first
// match does; the submatches of a match are still read by the regexp
// (TestScanNumberAsRegexp compares the two at every word start of the
// corpora and on generated texts).

// The pattern's word lists, in its order (numPat, boundPat, unitPat; "sq\.?
// km" is "sq. km" then "sq km").
var (
	scanBounds = []string{"more than", "over", "at least", "upwards of", "in excess of", "less than", "fewer than", "under", "up to",
		"nearly", "almost", "about", "around", "approximately", "roughly", "some", "an estimated", "estimated", "between"}
	scanNumberWords = []string{"a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen",
		"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "a hundred", "hundreds of", "thousands of",
		"tens of thousands of"}
	scanScales     = []string{"thousand", "million", "billion"}
	scanConnectors = []string{"and", "to", "-", "–"}
	scanUnits      = []string{"square kilometers", "square kilometres", "square km", "sq. km", "sq km", "km2", "km²", "square miles",
		"sq. mi", "sq mi", "kilometers", "kilometres", "kms", "km", "miles", "mi", "troops", "soldiers", "servicemen",
		"personnel", "fighters", "men", "service members"}
)

// scanNumber is numberPattern's FindStringIndex on w, by hand: the end of
// the match at w's start and whether there is one.
func scanNumber(w string) (end int, ok bool) {
	var bufB, bufN, bufR [32]int
	for _, b := range appendBoundEnds(bufB[:0], w) {
		for _, n := range appendNumberEnds(bufN[:0], w, b) {
			for _, r := range appendRangeEnds(bufR[:0], w, n) {
				if u, ok := unitEnd(w, r); ok {
					return u, true
				}
			}
		}
	}
	return 0, false
}

// spaceRun is the end of the run of \s (Perl's: tab, newline, form feed,
// carriage return, space) at i, i itself when there is none. Every part
// that follows a \s+ in the pattern begins with a character that is no
// space, so only the whole run can be followed: a shorter one never is.
func spaceRun(w string, i int) int {
	for i < len(w) {
		switch w[i] {
		case '\t', '\n', '\f', '\r', ' ':
			i++
			continue
		}
		break
	}
	return i
}

// digitRun is the end of the run of ASCII digits at i. A \d+ or \d{1,3}
// is followed in the pattern by ",", "." or a space, never a digit: only
// the whole run can be followed.
func digitRunEnd(w string, i int) int {
	for i < len(w) && '0' <= w[i] && w[i] <= '9' {
		i++
	}
	return i
}

// appendBoundEnds appends where the number may begin, in the pattern's
// order: after each bound at 0 and its spaces, then at 0 (no bound).
func appendBoundEnds(out []int, w string) []int {
	for _, b := range scanBounds {
		if strings.HasPrefix(w, b) {
			if e := spaceRun(w, len(b)); e > len(b) {
				out = append(out, e)
			}
		}
	}
	return append(out, 0)
}

// appendNumberEnds appends where a number (numPat) that begins at i may
// end, in the order Go's regexp tries them.
func appendNumberEnds(out []int, w string, i int) []int {
	// \d{1,3}(?:,\d{3})+(?:\.\d+)?
	if d := digitRunEnd(w, i); d > i {
		if d-i <= 3 {
			j := d
			for j+4 <= len(w) && w[j] == ',' && digitRunEnd(w, j+1) == j+4 {
				j += 4
			}
			if j > d {
				out = appendFractionEnds(out, w, j)
			}
		}
		// \d+(?:\.\d+)?
		out = appendFractionEnds(out, w, d)
	}
	for _, n := range scanNumberWords {
		if strings.HasPrefix(w[i:], n) {
			out = appendScaleEnds(out, w, i+len(n))
		}
	}
	return out
}

// appendFractionEnds appends the ends of (?:\.\d+)? after a number's
// digits ending at j (with the fraction first), each followed by its
// scale.
func appendFractionEnds(out []int, w string, j int) []int {
	if j < len(w) && w[j] == '.' {
		if f := digitRunEnd(w, j+1); f > j+1 {
			out = appendScaleEnds(out, w, f)
		}
	}
	return appendScaleEnds(out, w, j)
}

// appendScaleEnds appends the ends of (?:\s+(thousand|million|billion))?
// after a number ending at j: with the scale first.
func appendScaleEnds(out []int, w string, j int) []int {
	if s := spaceRun(w, j); s > j {
		for _, sc := range scanScales {
			if strings.HasPrefix(w[s:], sc) {
				out = append(out, s+len(sc))
			}
		}
	}
	return append(out, j)
}

// appendRangeEnds appends the ends of (?:\s+(?:and|to|-|–)\s+number)?
// after a number ending at n: through each connector and each end of the
// second number first, then n (no range).
func appendRangeEnds(out []int, w string, n int) []int {
	if s := spaceRun(w, n); s > n {
		for _, c := range scanConnectors {
			if !strings.HasPrefix(w[s:], c) {
				continue
			}
			if t := spaceRun(w, s+len(c)); t > s+len(c) {
				out = appendNumberEnds(out, w, t)
			}
		}
	}
	return append(out, n)
}

// unitEnd is the end of \s+unit\b after r: the first unit, in the
// pattern's order, that follows and ends at a word boundary.
func unitEnd(w string, r int) (int, bool) {
	s := spaceRun(w, r)
	if s == r {
		return 0, false
	}
	for _, u := range scanUnits {
		if strings.HasPrefix(w[s:], u) && asciiBoundary(w, s+len(u)) {
			return s + len(u), true
		}
	}
	return 0, false
}

// asciiBoundary is Go's \b at i: a word character (ASCII letter, digit or
// underscore) on one side and not on the other, the text's ends counting
// as none.
func asciiBoundary(w string, i int) bool {
	before := i > 0 && isPerlWord(w[i-1])
	after := i < len(w) && isPerlWord(w[i])
	return before != after
}

func isPerlWord(c byte) bool {
	return isASCIIWord(c) || c == '_'
}
