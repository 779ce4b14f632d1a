package extract

import (
	"regexp/syntax"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A literalMatcher answers an anchored word pattern (or one of its
// branches) without running a regexp, when the pattern is a short list of
// ways through it, each of literal text and runs of one character class
// that can end in one place only. Most branches are such lists
// ("retook", "captur(?:ed|es|e|ing)", "россиян\pL*", "збройн\pL* сил\pL*
// рф", "(\d{4})-(\d{2})-(\d{2})"), and a call of Go's regexp on them cost
// more than comparing a few bytes: getting a matcher, clearing its
// visited bits for the window, allocating the result.
//
// Anchored at one offset, Go's leftmost-first match is that of the first
// way through the pattern, in its order of preference, that reaches the
// end: alts are those ways in that order (the alternatives of a `|` in
// order, a greedy `?` with before without, a concatenation's first part
// varying slowest). A greedy run of a class followed by a character
// outside it (the next literal's first, or the suffix's when the class
// holds only letters and digits) can end only where the class's
// characters end: stopping earlier, the next character would be one of
// the class. So each way matches in at most one way, and the first alt
// that matches the text, followed by the suffix, is the regexp's match.
type literalMatcher struct {
	alts []literalAlt
	// cyrillic: the suffix is `(?:[^\pL\pN]|$)` (newCyrillicPattern), and
	// the match takes the character after the word; else it is `\b`.
	cyrillic bool
}

// A literalAlt is one way through a pattern: its segments in order.
type literalAlt struct {
	segs []literalSeg
}

// A literalSeg is literal text, then (if run is not nil) a greedy run of
// a character class.
type literalSeg struct {
	lit string
	run *classRun
}

// A classRun is min to max (max < 0: any number) characters of a class.
type classRun struct {
	ranges   []rune // lo, hi pairs, sorted, as regexp/syntax gives them
	min, max int
	letters  bool // the class is \pL: unicode.IsLetter answers it
}

func (c *classRun) has(r rune) bool {
	if c.letters {
		return isLetter(r) // unicode.IsLetter, quicker on ASCII and Cyrillic
	}
	// The first pair whose hi is >= r.
	k := sort.Search(len(c.ranges)/2, func(k int) bool { return c.ranges[2*k+1] >= r })
	return k < len(c.ranges)/2 && c.ranges[2*k] <= r
}

// maxLiteralAlts bounds a literalMatcher's list: past it the pattern is
// left to the regexp.
const maxLiteralAlts = 64

// newLiteralMatcher returns the literal matcher of the pattern alt
// (without anchor and suffix), nil when alt is not a short list of ways
// that each match in one way. cyrillic says which suffix follows it (see
// literalMatcher).
func newLiteralMatcher(alt string, cyrillic bool) *literalMatcher {
	re, err := syntax.Parse(alt, syntax.Perl)
	if err != nil {
		return nil
	}
	return literalMatcherOf(re, cyrillic)
}

// literalMatcherOf is newLiteralMatcher of a parsed pattern.
func literalMatcherOf(re *syntax.Regexp, cyrillic bool) *literalMatcher {
	alts, ok := literalAltsOf(re)
	if !ok || len(alts) == 0 {
		return nil
	}
	for _, a := range alts {
		if !a.deterministic(cyrillic) {
			return nil
		}
	}
	return &literalMatcher{alts: alts, cyrillic: cyrillic}
}

// deterministic reports whether each run of a ends in one place: before
// a literal that begins with a character outside its class, or (the last)
// before the suffix when that needs a character outside it.
func (a literalAlt) deterministic(cyrillic bool) bool {
	for k, s := range a.segs {
		if s.run == nil {
			if k != len(a.segs)-1 {
				return false
			}
			continue
		}
		if k < len(a.segs)-1 {
			next := a.segs[k+1].lit
			if next == "" {
				return false
			}
			r, _ := utf8.DecodeRuneInString(next)
			if s.run.has(r) {
				return false
			}
			continue
		}
		// The last run: the suffix must need a character outside the
		// class after it.
		if cyrillic {
			// [^\pL\pN] or the end: a class of letters and digits only.
			if !s.run.letters && !classWithin(s.run.ranges, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) {
				return false
			}
			continue
		}
		// \b: a class of word bytes, and at least one of them taken
		// (then a shorter run is followed by one, after one).
		if s.run.letters || s.run.min < 1 || !classWithin(s.run.ranges, func(r rune) bool { return r < utf8.RuneSelf && isRegexpWordByte(byte(r)) }) {
			return false
		}
	}
	return true
}

// classWithin reports whether every character of the ranges satisfies f
// (ranges of more than 4096 characters are not checked: false).
func classWithin(ranges []rune, f func(rune) bool) bool {
	n := 0
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			if n++; n > 4096 || !f(r) {
				return false
			}
		}
	}
	return true
}

var letterClass = func() []rune {
	re, err := syntax.Parse(`\pL`, syntax.Perl)
	if err != nil {
		panic(err)
	}
	return re.Rune
}()

func runesEqual(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// literalAltsOf lists the ways through re in its order of preference; ok
// is false when re is not a short list of them (case folding, repetition
// of more than one character class, zero-width assertions, non-greedy
// runs, too many ways).
func literalAltsOf(re *syntax.Regexp) ([]literalAlt, bool) {
	empty := []literalAlt{{segs: []literalSeg{{}}}}
	switch re.Op {
	case syntax.OpEmptyMatch:
		return empty, true
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 || containsRune(re.Rune, utf8.RuneError) {
			return nil, false
		}
		return []literalAlt{{segs: []literalSeg{{lit: string(re.Rune)}}}}, true
	case syntax.OpCharClass:
		// One character: at most one of the class's can begin the text,
		// so their order does not matter.
		var out []literalAlt
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(out) == 16 || r == utf8.RuneError {
					// A larger class: a run of one.
					return runOf(re, 0, 1, 1)
				}
				out = append(out, literalAlt{segs: []literalSeg{{lit: string(r)}}})
			}
		}
		return out, true
	case syntax.OpCapture:
		return literalAltsOf(re.Sub[0])
	case syntax.OpStar:
		return runOf(re.Sub[0], re.Flags, 0, -1)
	case syntax.OpPlus:
		return runOf(re.Sub[0], re.Flags, 1, -1)
	case syntax.OpQuest:
		if re.Flags&syntax.NonGreedy != 0 {
			return nil, false
		}
		sub, ok := literalAltsOf(re.Sub[0])
		if !ok {
			return nil, false
		}
		return append(sub, empty...), true
	case syntax.OpRepeat:
		if re.Sub[0].Op == syntax.OpCharClass || re.Sub[0].Op == syntax.OpLiteral && len(re.Sub[0].Rune) == 1 {
			return runOf(re.Sub[0], re.Flags, re.Min, re.Max)
		}
		if re.Max < 0 || re.Max > 4 || re.Flags&syntax.NonGreedy != 0 {
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
			opt = &syntax.Regexp{Op: syntax.OpQuest, Sub: []*syntax.Regexp{inner}}
		}
		if opt != nil {
			parts = append(parts, opt)
		}
		if len(parts) == 0 {
			return empty, true
		}
		return literalAltsOf(&syntax.Regexp{Op: syntax.OpConcat, Sub: parts})
	case syntax.OpAlternate:
		var out []literalAlt
		for _, s := range re.Sub {
			sub, ok := literalAltsOf(s)
			if !ok || len(out)+len(sub) > maxLiteralAlts {
				return nil, false
			}
			out = append(out, sub...)
		}
		return out, true
	case syntax.OpConcat:
		out := empty
		for _, s := range re.Sub {
			sub, ok := literalAltsOf(s)
			if !ok || len(out)*len(sub) > maxLiteralAlts {
				return nil, false
			}
			next := make([]literalAlt, 0, len(out)*len(sub))
			for _, a := range out {
				for _, b := range sub {
					next = append(next, concatAlts(a, b))
				}
			}
			out = next
		}
		return out, true
	}
	return nil, false
}

// runOf is the greedy run of min to max characters of the class re
// (flags: the repetition's).
func runOf(re *syntax.Regexp, flags syntax.Flags, min, max int) ([]literalAlt, bool) {
	if re.Op == syntax.OpLiteral && len(re.Rune) == 1 && re.Flags&syntax.FoldCase == 0 && re.Rune[0] != utf8.RuneError {
		re = &syntax.Regexp{Op: syntax.OpCharClass, Rune: []rune{re.Rune[0], re.Rune[0]}}
	}
	if re.Op != syntax.OpCharClass || flags&syntax.NonGreedy != 0 || max >= 0 && max < min {
		return nil, false
	}
	run := &classRun{ranges: re.Rune, min: min, max: max, letters: runesEqual(re.Rune, letterClass)}
	return []literalAlt{{segs: []literalSeg{{run: run}}}}, true
}

// concatAlts is a followed by b.
func concatAlts(a, b literalAlt) literalAlt {
	segs := append([]literalSeg(nil), a.segs...)
	last := &segs[len(segs)-1]
	first := b.segs[0]
	switch {
	case len(b.segs) == 1 && first.lit == "" && first.run == nil:
		// b is empty.
	case last.run == nil:
		last.lit += first.lit
		last.run = first.run
		segs = append(segs, b.segs[1:]...)
	default:
		segs = append(segs, b.segs...)
	}
	return literalAlt{segs: segs}
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// narrow returns the matcher for texts that begin with stem: only the
// ways whose literal beginning can begin such a text are kept; nil when
// none can.
func (m *literalMatcher) narrow(stem string) *literalMatcher {
	var alts []literalAlt
	for _, a := range m.alts {
		lit := a.segs[0].lit
		if strings.HasPrefix(lit, stem) || strings.HasPrefix(stem, lit) {
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
alts:
	for _, a := range m.alts {
		p := 0
		for _, s := range a.segs {
			if !strings.HasPrefix(w[p:], s.lit) {
				continue alts
			}
			p += len(s.lit)
			if s.run != nil {
				n := 0
				for p < len(w) && (s.run.max < 0 || n < s.run.max) {
					r, size := utf8.DecodeRuneInString(w[p:])
					if !s.run.has(r) {
						break
					}
					p += size
					n++
				}
				if n < s.run.min {
					continue alts
				}
			}
		}
		if m.cyrillic {
			if p == len(w) {
				return p, true
			}
			r, n := utf8.DecodeRuneInString(w[p:])
			if !isLetter(r) && !isNumber(r) {
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
