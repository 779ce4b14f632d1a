package extract

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A literalMatcher answers an anchored word pattern (or one of its
// branches) without running a regexp, when every match of the pattern is
// one of a short list of literal words, each perhaps followed by any
// letters (`\pL*`, Cyrillic patterns only), then the pattern's suffix.
// Most branches are such lists ("retook", "captur(?:ed|es|e|ing)",
// "россиян\pL*"), and a call of Go's regexp on them cost more than the
// comparison of a few bytes: getting a matcher, clearing its visited bits
// for the window, allocating the result.
//
// Anchored at one offset, Go's leftmost-first match is that of the first
// way through the pattern, in its order of preference, that reaches the
// end: alts are those ways in that order (the alternatives of a `|` in
// order, a greedy `?` with before without, a concatenation's first part
// varying slowest), so the first alt that begins the text and is followed
// by the suffix there is the regexp's match.
type literalMatcher struct {
	alts []literalAlt
	// cyrillic: the suffix is `(?:[^\pL\pN]|$)` (newCyrillicPattern), and
	// the match takes the character after the word; else it is `\b`.
	cyrillic bool
}

type literalAlt struct {
	lit string
	// letters: the literal is followed by `\pL*`. Greedy, then followed
	// by no letter or digit, it takes every letter after the literal: had
	// it stopped earlier, a letter would follow it.
	letters bool
}

// maxLiteralAlts bounds a literalMatcher's list: past it the pattern is
// left to the regexp.
const maxLiteralAlts = 64

// newLiteralMatcher returns the literal matcher of the pattern alt
// (without anchor and suffix), nil when alt is not a short list of
// literals. cyrillic says which suffix follows it (see literalMatcher).
func newLiteralMatcher(alt string, cyrillic bool) *literalMatcher {
	re, err := syntax.Parse(alt, syntax.Perl)
	if err != nil {
		return nil
	}
	alts, ok := literalAltsOf(re, cyrillic)
	if !ok || len(alts) == 0 {
		return nil
	}
	return &literalMatcher{alts: alts, cyrillic: cyrillic}
}

var letterClass = func() []rune {
	re, err := syntax.Parse(`\pL`, syntax.Perl)
	if err != nil {
		panic(err)
	}
	return re.Rune
}()

// literalAltsOf lists the ways through re in its order of preference; ok
// is false when re is not a short list of literals (case folding,
// repetition other than a final `\pL*`, zero-width assertions, classes of
// more than a few characters).
func literalAltsOf(re *syntax.Regexp, letters bool) ([]literalAlt, bool) {
	switch re.Op {
	case syntax.OpEmptyMatch:
		return []literalAlt{{}}, true
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 || slices.Contains(re.Rune, utf8.RuneError) {
			return nil, false
		}
		return []literalAlt{{lit: string(re.Rune)}}, true
	case syntax.OpCharClass:
		// One character: at most one of the class's can begin the text,
		// so their order does not matter.
		var out []literalAlt
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(out) == 16 || r == utf8.RuneError {
					return nil, false
				}
				out = append(out, literalAlt{lit: string(r)})
			}
		}
		return out, true
	case syntax.OpCapture:
		return literalAltsOf(re.Sub[0], letters)
	case syntax.OpStar:
		// `\pL*`, greedy: only as the end of a Cyrillic pattern (see
		// concat).
		if letters && re.Flags&syntax.NonGreedy == 0 && re.Sub[0].Op == syntax.OpCharClass && slices.Equal(re.Sub[0].Rune, letterClass) {
			return []literalAlt{{letters: true}}, true
		}
		return nil, false
	case syntax.OpQuest:
		sub, ok := literalAltsOf(re.Sub[0], false)
		if !ok {
			return nil, false
		}
		if re.Flags&syntax.NonGreedy != 0 {
			return append([]literalAlt{{}}, sub...), true
		}
		return append(sub, literalAlt{}), true
	case syntax.OpRepeat:
		if re.Max < 0 || re.Max > 4 {
			return nil, false
		}
		// x{n,m} is n x's, then m-n nested optional x's.
		parts := make([]*syntax.Regexp, 0, re.Max)
		for k := 0; k < re.Min; k++ {
			parts = append(parts, re.Sub[0])
		}
		var opt *syntax.Regexp
		for k := re.Min; k < re.Max; k++ {
			inner := re.Sub[0]
			if opt != nil {
				inner = &syntax.Regexp{Op: syntax.OpConcat, Sub: []*syntax.Regexp{re.Sub[0], opt}}
			}
			opt = &syntax.Regexp{Op: syntax.OpQuest, Flags: re.Flags & syntax.NonGreedy, Sub: []*syntax.Regexp{inner}}
		}
		if opt != nil {
			parts = append(parts, opt)
		}
		if len(parts) == 0 {
			return []literalAlt{{}}, true
		}
		return literalAltsOf(&syntax.Regexp{Op: syntax.OpConcat, Sub: parts}, false)
	case syntax.OpAlternate:
		var out []literalAlt
		for _, s := range re.Sub {
			sub, ok := literalAltsOf(s, letters)
			if !ok || len(out)+len(sub) > maxLiteralAlts {
				return nil, false
			}
			out = append(out, sub...)
		}
		return out, true
	case syntax.OpConcat:
		out := []literalAlt{{}}
		for k, s := range re.Sub {
			last := k == len(re.Sub)-1
			sub, ok := literalAltsOf(s, letters && last)
			if !ok || len(out)*len(sub) > maxLiteralAlts {
				return nil, false
			}
			next := make([]literalAlt, 0, len(out)*len(sub))
			for _, a := range out {
				if a.letters {
					return nil, false // letters before the end
				}
				for _, b := range sub {
					next = append(next, literalAlt{lit: a.lit + b.lit, letters: b.letters})
				}
			}
			out = next
		}
		return out, true
	}
	return nil, false
}

// narrow returns the matcher for texts that begin with stem: only the
// literals that can begin such a text are kept; nil when none can.
func (m *literalMatcher) narrow(stem string) *literalMatcher {
	var alts []literalAlt
	for _, a := range m.alts {
		if strings.HasPrefix(a.lit, stem) || strings.HasPrefix(stem, a.lit) {
			alts = append(alts, a)
		}
	}
	if len(alts) == 0 {
		return nil
	}
	return &literalMatcher{alts: alts, cyrillic: m.cyrillic}
}

// find is the end of the anchored pattern's match at the start of w (the
// match begins at 0), as Go's regexp finds it; ok is false when there is
// none.
func (m *literalMatcher) find(w string) (end int, ok bool) {
	for _, a := range m.alts {
		if !strings.HasPrefix(w, a.lit) {
			continue
		}
		p := len(a.lit)
		if a.letters {
			for p < len(w) {
				r, n := utf8.DecodeRuneInString(w[p:])
				if !unicode.IsLetter(r) {
					break
				}
				p += n
			}
		}
		if m.cyrillic {
			if p == len(w) {
				return p, true
			}
			r, n := utf8.DecodeRuneInString(w[p:])
			if !unicode.IsLetter(r) && !unicode.IsNumber(r) {
				return p + n, true
			}
			continue
		}
		if wordByteBefore(w, p) != (p < len(w) && isRegexpWordByte(w[p])) {
			return p, true
		}
	}
	return 0, false
}

// isRegexpWordByte: an ASCII byte of `\w`, what Go's `\b` counts as a
// word character (no other rune is one).
func isRegexpWordByte(c byte) bool {
	return isASCIIWord(c) || c == '_'
}

func wordByteBefore(w string, p int) bool {
	return p > 0 && isRegexpWordByte(w[p-1])
}
