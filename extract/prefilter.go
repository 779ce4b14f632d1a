package extract

import (
	"math/bits"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"sync"
)

// A literalPrefixes is a necessary condition for an anchored pattern: every
// text the pattern matches at its start begins with one of the strings.
// Tested before the regexp, it skips words that share a pattern's stem but
// none of its literal beginnings ("протягом" for "противник\pL*"), at the
// cost of a few map lookups instead of a run of the backtracker over every
// alternative.
type literalPrefixes struct {
	set map[string]struct{}
	// byHead: the prefixes by their first headBytes bytes (all of a
	// shorter one), packed as packHead does; heads has bit n-1 set when
	// some head is n bytes. A key of a number is hashed without the
	// string hash of the head (mayMatch runs at many word starts).
	byHead map[uint64][]string
	heads  uint8
}

// packHead packs a head of at most headBytes bytes and its length.
func packHead(h string) uint64 {
	k := uint64(len(h))
	for i := 0; i < len(h); i++ {
		k |= uint64(h[i]) << (8 * (i + 1))
	}
	return k
}

const headBytes = 4

// maxPrefixes bounds the set: a pattern whose beginnings are more numerous
// is not prefiltered past that point.
const maxPrefixes = 512

// newLiteralPrefixes returns the prefixes of src, or nil when the pattern
// can match a text with no literal beginning (then it is always tried).
func newLiteralPrefixes(src string) *literalPrefixes {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return nil
	}
	return literalPrefixesOf(re)
}

// literalPrefixesOf is newLiteralPrefixes of a parsed pattern.
func literalPrefixesOf(re *syntax.Regexp) *literalPrefixes {
	lits, _ := prefixesOf(re)
	return literalPrefixesFrom(lits)
}

// literalPrefixesFrom is the literal prefixes lits, nil when there are
// none or one is empty.
func literalPrefixesFrom(lits []string) *literalPrefixes {
	if len(lits) == 0 {
		return nil
	}
	p := &literalPrefixes{set: make(map[string]struct{}, len(lits)), byHead: map[uint64][]string{}}
	for _, l := range lits {
		if l == "" {
			return nil
		}
		if _, dup := p.set[l]; dup {
			continue
		}
		p.set[l] = struct{}{}
		h := l[:min(headBytes, len(l))]
		p.byHead[packHead(h)] = append(p.byHead[packHead(h)], l)
		p.heads |= 1 << (len(h) - 1)
	}
	return p
}

// mayMatch reports whether s begins with one of the prefixes. A nil
// set admits everything.
func (p *literalPrefixes) mayMatch(s string) bool {
	if p == nil {
		return true
	}
	k := uint64(0) // s[:n]'s bytes, shifted as packHead
	for n := 1; n <= headBytes && n <= len(s); n++ {
		k |= uint64(s[n-1]) << (8 * n)
		if p.heads&(1<<(n-1)) == 0 {
			continue
		}
		for _, l := range p.byHead[k|uint64(n)] {
			if strings.HasPrefix(s, l) {
				return true
			}
		}
	}
	return false
}

// prefixesOf returns strings one of which begins every match of re, and
// whether they are exactly the strings re matches (then a following part
// of a concatenation can extend them). {""} says nothing.
func prefixesOf(re *syntax.Regexp) (lits []string, exact bool) {
	nothing := []string{""}
	if re.Flags&syntax.FoldCase != 0 {
		switch re.Op {
		case syntax.OpLiteral, syntax.OpCharClass:
			return nothing, false
		}
	}
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpBeginText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		// Zero width: they only restrict a match.
		return nothing, true
	case syntax.OpLiteral:
		return []string{string(re.Rune)}, true
	case syntax.OpCharClass:
		n := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
			if n > 16 {
				return nothing, false
			}
		}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				lits = append(lits, string(r))
			}
		}
		return lits, true
	case syntax.OpCapture:
		return prefixesOf(re.Sub[0])
	case syntax.OpQuest:
		sub, ex := prefixesOf(re.Sub[0])
		return union(sub, nothing), ex
	case syntax.OpPlus:
		sub, _ := prefixesOf(re.Sub[0])
		return sub, false
	case syntax.OpRepeat:
		if re.Min == 0 {
			return nothing, false
		}
		sub, _ := prefixesOf(re.Sub[0])
		return sub, false
	case syntax.OpAlternate:
		exact = true
		for _, s := range re.Sub {
			sub, ex := prefixesOf(s)
			lits = union(lits, sub)
			exact = exact && ex
			if len(lits) > maxPrefixes {
				return nothing, false
			}
		}
		return lits, exact
	case syntax.OpConcat:
		lits, exact = nothing, true
		for _, s := range re.Sub {
			if !exact {
				break
			}
			sub, ex := prefixesOf(s)
			if len(lits)*len(sub) > maxPrefixes {
				return lits, false
			}
			lits, exact = cross(lits, sub), ex
		}
		return lits, exact
	}
	return nothing, false
}

// seqPrefixes is prefixesOf of the concatenation of subs, except where a
// part is optional and its own beginnings are not exact: prefixesOf stops
// there with the empty string among the beginnings (it says nothing),
// seqPrefixes takes the part's beginnings and those of what follows it
// (the match either begins with the part or skips it). The rest of a
// Cyrillic date range after its first day, "(?: (січня|…)(?: 2024)?)?
// ?(?:по|до|-|–) ?…", begins with a space and a month or with the dash or
// word of the range.
func seqPrefixes(subs []*syntax.Regexp) (lits []string, exact bool) {
	lits, exact = []string{""}, true
	for k, s := range subs {
		sub, ex := prefixesOf(s)
		if !ex && s.Op == syntax.OpQuest {
			own, _ := prefixesOf(s.Sub[0])
			after, _ := seqPrefixes(subs[k+1:])
			if sub = union(own, after); len(sub) > maxPrefixes {
				return lits, false
			}
		}
		if len(lits)*len(sub) > maxPrefixes {
			return lits, false
		}
		if lits, exact = cross(lits, sub), ex; !exact {
			break
		}
	}
	return lits, exact
}

// cross is every string of a followed by every string of b.
func cross(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}

func union(a, b []string) []string {
	out := append(a[:len(a):len(a)], b...)
	sort.Strings(out)
	return compactStrings(out)
}

func compactStrings(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// A wordPrefixIndex answers, in one walk over a text, which of several
// groups of strings is the first (in the groups' order) to have a string
// that begins a word of the text: firstWordPrefix(l, s) >= 0 for one of
// its strings. cyrSpeakerSide asked firstWordPrefix of every string of
// every known speaker in turn (about 130), each a strings.Index over the
// phrase, which is often the whole sentence; for the Russian press that
// was a twentieth of the extraction.
type wordPrefixIndex struct {
	// pairs has the first two bytes of every string of two bytes or more;
	// byPair holds those strings, in group order. one holds the strings
	// of one byte (tried at every byte).
	pairs  bitPairs
	byPair map[uint16][]groupString
	one    []groupString
	pairT  *pairTable[[]groupString] // byPair without hashing
}

// A groupString is one string and the index of its group.
type groupString struct {
	s     string
	group int
}

func newWordPrefixIndex(groups [][]string) *wordPrefixIndex {
	x := &wordPrefixIndex{byPair: map[uint16][]groupString{}}
	for k, g := range groups {
		for _, s := range g {
			switch {
			case s == "":
				// firstWordPrefix finds "" at 0: the group is found in
				// every text.
				x.one = append(x.one, groupString{s, k})
			case len(s) == 1:
				x.one = append(x.one, groupString{s, k})
			default:
				x.pairs.set(s[0], s[1])
				h := uint16(s[0]) | uint16(s[1])<<8
				x.byPair[h] = append(x.byPair[h], groupString{s, k})
			}
		}
	}
	x.pairT = newPairTable(x.byPair)
	return x
}

// first is the smallest group one of whose strings begins a word of l
// (at offset 0 or after a character that is no letter), or -1.
func (x *wordPrefixIndex) first(l string) int {
	best := -1
	better := func(k int) bool { return best < 0 || k < best }
	for _, e := range x.one {
		if e.s == "" && better(e.group) {
			best = e.group
		}
	}
	for i := 0; i < len(l) && best != 0; i++ {
		for _, e := range x.one {
			if e.s != "" && better(e.group) && l[i] == e.s[0] && wordStartAt(l, i) {
				best = e.group
			}
		}
		// Inside a Cyrillic word nearly every letter begins some string:
		// whether a word starts here is asked before the strings.
		if i+1 == len(l) || !x.pairs.has(l[i], l[i+1]) || !wordStartAt(l, i) {
			continue
		}
		es, _ := x.pairT.get(uint16(l[i]) | uint16(l[i+1])<<8)
		for _, e := range es {
			if better(e.group) && strings.HasPrefix(l[i:], e.s) {
				best = e.group
			}
		}
	}
	return best
}

// wordStartAt is firstWordPrefix's test of a match at i: at the text's
// start or after a character that is no letter.
func wordStartAt(l string, i int) bool {
	return i == 0 || !isLetterAt(l, prevRuneStart(l, i))
}

// cyrSpeakerIndex is the word-prefix index of cyrKnownSpeakers' words,
// made once.
var cyrSpeakerIndex = sync.OnceValue(func() *wordPrefixIndex {
	groups := make([][]string, len(cyrKnownSpeakers))
	for k, s := range cyrKnownSpeakers {
		groups[k] = s.match
	}
	return newWordPrefixIndex(groups)
})

// A pairTable maps pairs of bytes to values without hashing: the pairs
// set in has, and for the n-th of them (counted in bit order; below[w]
// are set before has[w]) slots[n]. Go's map hashed the key at every byte
// of a sentence whose two bytes a stem begins with (for a uint16 key on
// its slow generic path).
type pairTable[T any] struct {
	has   bitPairs
	below [len(bitPairs{})]int32
	slots []T
}

// newPairTable makes the table of m.
func newPairTable[T any](m map[uint16]T) *pairTable[T] {
	t := &pairTable[T]{}
	for h := range m {
		t.has[h/64] |= 1 << (h % 64)
	}
	n := int32(0)
	for w, x := range t.has {
		t.below[w] = n
		n += int32(bits.OnesCount64(x))
	}
	t.slots = make([]T, n)
	for h, v := range m {
		t.slots[t.rank(h)] = v
	}
	return t
}

func (t *pairTable[T]) rank(h uint16) int32 {
	return t.below[h/64] + int32(bits.OnesCount64(t.has[h/64]&(1<<(h%64)-1)))
}

// get is m[h] of the map the table was made of.
func (t *pairTable[T]) get(h uint16) (v T, ok bool) {
	if t.has[h/64]&(1<<(h%64)) == 0 {
		return v, false
	}
	return t.slots[t.rank(h)], true
}

// allHavePrefix reports whether every string of ss begins with p.
func allHavePrefix(ss []string, p string) bool {
	for _, s := range ss {
		if !strings.HasPrefix(s, p) {
			return false
		}
	}
	return true
}

// A digitRun is a necessary condition for a pattern that begins with a run
// of digits ("(\d{1,2})(?:st|nd|rd|th)? (?:of )?(january|…)"): after some
// number of digits the run can take, the text goes on with one of the
// literal beginnings of the rest of the pattern. The date patterns begin
// so and are tried at every number; their literal beginnings are digits
// only, so nothing else turned a number away before Go's regexp ran.
type digitRun struct {
	min, max int // max < 0: unbounded
	rest     *literalPrefixes
	// leads: the run may follow one of these strings, exactly those an
	// optional part before it matches ("(?:з|від|с) " of a Cyrillic date
	// range); nil when the run begins every match.
	leads []string
}

// digitRunOf is the digit run of re (parsed, unanchored), nil when re
// does not begin with a run of \d, optionally after an optional part that
// matches a known set of strings, or the rest has no literal beginnings.
func digitRunOf(re *syntax.Regexp) *digitRun {
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 {
		return nil
	}
	if q := re.Sub[0]; q.Op == syntax.OpQuest && len(re.Sub) >= 3 {
		leads, exact := prefixesOf(q.Sub[0])
		if !exact || slices.Contains(leads, "") {
			return nil
		}
		d := digitRunOf(&syntax.Regexp{Op: syntax.OpConcat, Flags: re.Flags, Sub: re.Sub[1:]})
		if d == nil || d.leads != nil {
			return nil
		}
		d.leads = leads
		return d
	}
	first := re.Sub[0]
	for first.Op == syntax.OpCapture {
		first = first.Sub[0]
	}
	var lo, hi int
	switch first.Op {
	case syntax.OpRepeat:
		lo, hi = first.Min, first.Max
	case syntax.OpPlus:
		lo, hi = 1, -1
	default:
		return nil
	}
	if c := first.Sub[0]; c.Op != syntax.OpCharClass || len(c.Rune) != 2 || c.Rune[0] != '0' || c.Rune[1] != '9' || c.Flags&syntax.FoldCase != 0 {
		return nil
	}
	restLits, _ := seqPrefixes(re.Sub[1:])
	rest := literalPrefixesFrom(restLits)
	if rest == nil {
		return nil
	}
	return &digitRun{min: lo, max: hi, rest: rest}
}

// mayMatch reports whether the pattern can match at the start of s; false
// means it certainly does not. A nil run admits everything.
func (d *digitRun) mayMatch(s string) bool {
	if d == nil {
		return true
	}
	if d.runMayMatch(s) {
		return true
	}
	for _, l := range d.leads {
		if strings.HasPrefix(s, l) && d.runMayMatch(s[len(l):]) {
			return true
		}
	}
	return false
}

// runMayMatch is mayMatch for a text where the run begins.
func (d *digitRun) runMayMatch(s string) bool {
	n := 0
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	for k := d.min; k <= n && (d.max < 0 || k <= d.max); k++ {
		if d.rest.mayMatch(s[k:]) {
			return true
		}
	}
	return false
}

// requiredLiterals is a necessary condition for a pattern anywhere in a
// text: every match contains one of the strings. A pattern tried at a
// word start is run on a window of the text, which holds the whole match:
// when none of the strings occurs in the window, there is none. The
// number pattern (an optional bound, a number, a unit) has no literal
// beginning at a digit and is too large for Go's backtracker; run on its
// NFA at every number and count word of a sentence with a unit somewhere,
// it failed at most of them, several microseconds each, where the unit
// words are not in the window.
type requiredLiterals []string

// minRequiredBytes: a set with a shorter string is not kept (it would be
// in most windows), maxRequired bounds the strings looked for.
const (
	minRequiredBytes = 2
	maxRequired      = 24
)

// requiredLiteralsOf is the required strings of re (parsed), nil when
// none are known.
func requiredLiteralsOf(re *syntax.Regexp) requiredLiterals {
	lits := requiredOf(re)
	if len(lits) == 0 || len(lits) > maxRequired {
		return nil
	}
	for _, l := range lits {
		if len(l) < minRequiredBytes {
			return nil
		}
	}
	if slices.Equal(lits, beginningsOf(re)) {
		return nil // the literal prefixes' check, where known, says as much
	}
	return lits
}

// requiredOf returns strings one of which every match of re contains, nil
// when it cannot tell: a part of a concatenation's (that is in every match
// of it; the part whose shortest string is longest), every alternative's,
// or the strings that begin every match (prefixesOf).
func requiredOf(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return requiredOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredOf(re.Sub[0])
		}
		return nil
	case syntax.OpQuest, syntax.OpStar:
		return nil
	case syntax.OpAlternate:
		var lits []string
		for _, s := range re.Sub {
			sub := requiredOf(s)
			if sub == nil {
				return nil
			}
			if lits = union(lits, sub); len(lits) > maxPrefixes {
				return nil
			}
		}
		return lits
	case syntax.OpConcat:
		best := beginningsOf(re)
		for _, s := range re.Sub {
			if sub := requiredOf(s); betterRequired(sub, best) {
				best = sub
			}
		}
		return best
	}
	return beginningsOf(re)
}

// beginningsOf is prefixesOf(re) as required strings: nil when the empty
// string is among them (a match may begin with anything).
func beginningsOf(re *syntax.Regexp) []string {
	lits, _ := prefixesOf(re)
	for _, l := range lits {
		if l == "" {
			return nil
		}
	}
	return lits
}

// betterRequired reports whether a is a better set of required strings
// than b: known, with a longer shortest string, or as long and fewer.
func betterRequired(a, b []string) bool {
	if len(a) == 0 {
		return false
	}
	if len(b) == 0 {
		return true
	}
	ma, mb := shortest(a), shortest(b)
	return ma > mb || ma == mb && len(a) < len(b)
}

func shortest(lits []string) int {
	n := len(lits[0])
	for _, l := range lits[1:] {
		n = min(n, len(l))
	}
	return n
}

// mayMatch reports whether one of the strings occurs in w. A nil set
// admits everything.
func (r requiredLiterals) mayMatch(w string) bool {
	if r == nil {
		return true
	}
	for _, l := range r {
		if strings.Contains(w, l) {
			return true
		}
	}
	return false
}

// A pairFilter holds the pairs of adjacent bytes of a short text, hashed
// into 256 bits: a string with a pair the text lacks does not occur in
// it. The readers that ask strings.LastIndex of each of a dozen or two
// phrases in the same 50 to 90 bytes before a word (firstInPhrase's
// openers, claimPlace's grouping and river words) hashed the whole text
// once per phrase; most phrases are in none of them.
type pairFilter [4]uint64

// pairSlot is the bit of the pair a, b.
func pairSlot(a, b byte) uint32 {
	return (uint32(a)<<8 | uint32(b)) * 0x9E3779B1 >> 24
}

// newPairFilter is the filter of s.
func newPairFilter(s string) pairFilter {
	var f pairFilter
	for i := 0; i+1 < len(s); i++ {
		h := pairSlot(s[i], s[i+1])
		f[h/64] |= 1 << (h % 64)
	}
	return f
}

// mayContain reports whether s may occur in the filter's text: false
// when one of its pairs of bytes is not there (then it certainly does
// not). A string of one byte or none may.
func (f *pairFilter) mayContain(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		h := pairSlot(s[i], s[i+1])
		if f[h/64]&(1<<(h%64)) == 0 {
			return false
		}
	}
	return true
}
