package extract

import (
	"math/bits"
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// A wordPattern is a regular expression tried only at the starts of words
// that begin with one of its stems. Go's regexp has no literal
// acceleration for patterns like `\b(?:retook|recaptured|…)`; running a
// dozen of them over every sentence cost most of the extraction time.
// Anchored at a word start, a pattern fails in a few steps, and the stem
// index skips most words without running any pattern.
type wordPattern struct {
	re    *lazyRegexp // ^(?:pattern)\b, compiled on first use
	stems []string
	// cyrillic: the pattern ends in a Cyrillic letter. Go's \b knows ASCII
	// words only (a Cyrillic letter is \W to it), so such patterns are
	// compiled without \b and their end is checked by find: no letter or
	// digit may follow. Their window is wider: a Cyrillic letter takes two
	// bytes.
	cyrillic bool
	// src is the pattern as given, suffix what follows it in re.
	src, suffix string
	split       sync.Once
	branches    []*patternBranch // see branchesOf
	wholeOnce   sync.Once
	whole       *literalMatcher // see wholeLiterals
	maxWinOnce  sync.Once
	maxWin      int // see maxWindow
	digitsOnce  sync.Once
	digits      *digitRun // see digitRun
	reqOnce     sync.Once
	req         requiredLiterals // see required
	// scan, when set, finds the pattern's whole match at the start of a
	// window by hand, as FindStringIndex of re would (see scanNumber).
	scan func(w string) (end int, ok bool)
}

// scannedBy sets the pattern's hand-written matcher.
func (p *wordPattern) scannedBy(scan func(w string) (end int, ok bool)) *wordPattern {
	p.scan = scan
	return p
}

// required is the strings one of which every match of the pattern
// contains (prefilter.go), made once; nil when none are known.
func (p *wordPattern) required() requiredLiterals {
	p.reqOnce.Do(func() {
		if re, err := syntax.Parse(p.src, syntax.Perl); err == nil {
			p.req = requiredLiteralsOf(re)
		}
	})
	return p.req
}

// digitRun is the pattern's digit run (prefilter.go), made once; nil when
// it begins with none.
func (p *wordPattern) digitRun() *digitRun {
	p.digitsOnce.Do(func() {
		if re, err := syntax.Parse(p.src, syntax.Perl); err == nil {
			p.digits = digitRunOf(re)
		}
	})
	return p.digits
}

// maxWindow is a window past which the pattern never reads: its longest
// match (maxMatchBytes, the suffix included) and a rune more, or a
// large number when its matches are unbounded. In a narrower window Go's
// backtracker clears fewer bits at each call (a bit per instruction and
// byte): the date patterns with every month's name match at most about
// 30 bytes of the 96 they were given. A match of at most maxLen bytes
// reads no byte past maxLen+4 and never meets the window's end, so it is
// the same in any wider window (TestMatcherWindowAsWide).
func (p *wordPattern) maxWindow() int {
	p.maxWinOnce.Do(func() {
		p.maxWin = 1 << 30
		if re, err := syntax.Parse(p.re.src, syntax.Perl); err == nil {
			if n := maxMatchBytes(re); n >= 0 {
				p.maxWin = n + 8
			}
		}
	})
	return p.maxWin
}

// A patternBranch is one alternative of a pattern's top level, compiled
// alone between the pattern's anchor and its suffix.
type patternBranch struct {
	// src is compiled on first use, like the patterns; it is not listed
	// in allPatterns (TestBranchesAsWholePattern runs it).
	src      string
	once     sync.Once
	re       *regexp.Regexp
	prefixes []string // one begins every match; nil: unknown
	// lits: the branch as a list of literals (see literalMatcher), nil
	// when it is not one.
	lits *literalMatcher
	// digits: the branch's digit run (digitRunOf), nil when none.
	digits *digitRun
	// req: strings one of which every match contains
	// (requiredLiteralsOf), nil when none are known.
	req requiredLiterals
}

// The suffixes that end the word patterns (see newCyrillicPattern).
const (
	wordSuffix     = `\b`
	cyrillicSuffix = `(?:[^\pL\pN]|$)`
)

func newWordPattern(stems []string, pattern string) *wordPattern {
	const suffix = wordSuffix
	return &wordPattern{re: newLazyRegexp(`^(?:` + pattern + `)` + suffix), stems: stems, src: pattern, suffix: suffix}
}

// newCyrillicPattern is newWordPattern for patterns of Ukrainian and
// Russian words (lower case: see lowerText).
//
// The pattern must end where the word ends: it is compiled followed by a
// character that is no letter or digit (or the end), which find drops from
// the match. Without it the regexp's leftmost-first choice could stop at
// a shorter alternative inside a word ("захват" of "захватить") and the
// match be thrown away, instead of trying the alternative that ends the
// word ("захвати…").
func newCyrillicPattern(stems []string, pattern string) *wordPattern {
	const suffix = cyrillicSuffix
	return &wordPattern{re: newLazyRegexp(`^(?:` + pattern + `)` + suffix), stems: stems, cyrillic: true, src: pattern, suffix: suffix}
}

// branchesOf splits the pattern at the |s of its top level, each
// alternative compiled alone as ^(?:alternative)suffix, in order; nil when
// it has one alternative or cannot be split.
//
// Anchored at one offset, Go's leftmost-first match is that of the first
// alternative that matches there (each alternative's own choices tried in
// their order, the suffix included), so trying the branches in order gives
// the whole pattern's match. A word then runs only the branches whose
// literal beginnings it has, each a small program: the whole of a large
// pattern (cyrSideCues: 90 alternatives, 800 instructions) ran on Go's
// NFA, and a smaller one on the backtracker still cleared a bit per
// instruction and byte of the window at every word.
func (p *wordPattern) branchesOf() []*patternBranch {
	p.split.Do(func() {
		alts := splitAlternation(p.src)
		if len(alts) < 2 {
			return
		}
		bs := make([]*patternBranch, 0, len(alts))
		for _, a := range alts {
			// The alternative is parsed alone, once: its literal
			// beginnings are those of ^(?:a)suffix (the anchor and \b are
			// empty, the Cyrillic suffix begins with no literal;
			// TestBranchPrefixesOfAlternative), and the literal matcher
			// is made from the same parse (a \pL class costs 700
			// ranges at each parse).
			re, err := syntax.Parse(a, syntax.Perl)
			if err != nil {
				return
			}
			b := &patternBranch{src: `^(?:` + a + `)` + p.suffix, lits: p.literalsOf(re), digits: digitRunOf(re), req: requiredLiteralsOf(re)}
			if lp := literalPrefixesOf(re); lp != nil {
				for l := range lp.set {
					b.prefixes = append(b.prefixes, l)
				}
				sort.Strings(b.prefixes)
			}
			bs = append(bs, b)
		}
		p.branches = bs
	})
	return p.branches
}

// literalsOf is the literal matcher of alt (parsed) followed by the
// pattern's suffix, nil when there is none.
func (p *wordPattern) literalsOf(alt *syntax.Regexp) *literalMatcher {
	switch {
	case p.cyrillic && p.suffix == cyrillicSuffix, !p.cyrillic && p.suffix == wordSuffix:
		return literalMatcherOf(alt, p.cyrillic)
	}
	return nil
}

// wholeLiterals is the literal matcher of the whole pattern, made once.
func (p *wordPattern) wholeLiterals() *literalMatcher {
	p.wholeOnce.Do(func() {
		if re, err := syntax.Parse(p.src, syntax.Perl); err == nil {
			p.whole = p.literalsOf(re)
		}
	})
	return p.whole
}

func (b *patternBranch) get() *regexp.Regexp {
	b.once.Do(func() { b.re = regexp.MustCompile(b.src) })
	return b.re
}

// splitAlternation splits a regular expression at the |s outside groups
// and character classes; nil when it cannot tell (\Q…\E, unbalanced
// brackets).
func splitAlternation(src string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\\':
			if i+1 < len(src) && src[i+1] == 'Q' {
				return nil
			}
			i++
		case '[':
			j := i + 1
			if j < len(src) && src[j] == '^' {
				j++
			}
			if j < len(src) && src[j] == ']' {
				j++
			}
			for j < len(src) && src[j] != ']' {
				switch {
				case src[j] == '\\':
					j++
				case src[j] == '[' && j+1 < len(src) && src[j+1] == ':':
					k := strings.Index(src[j:], ":]")
					if k < 0 {
						return nil
					}
					j += k + 1
				}
				j++
			}
			if j >= len(src) {
				return nil
			}
			i = j
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return nil
			}
		case '|':
			if depth == 0 {
				out = append(out, src[start:i])
				start = i + 1
			}
		}
	}
	if depth != 0 {
		return nil
	}
	return append(out, src[start:])
}

// dropBoundary is the end of a Cyrillic match without the character after
// the word that the pattern matched to find the word's end.
func dropBoundary(w string, start, end int) int {
	if end > start {
		if r, n := utf8.DecodeLastRuneInString(w[:end]); !isLetter(r) && !isDigit(r) {
			return end - n
		}
	}
	return end
}

// cutRune reports whether a match ending at end stops inside a word (of
// any script).
func cutRune(s string, end int) bool {
	if end <= 0 || end >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[end:])
	if !(isLetter(r) || isDigit(r)) {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(s[:end])
	return isLetter(p) || isDigit(p) || p == '\'' || p == '’' || p == 'ʼ'
}

// matcher indexes the stems of a set of patterns by their first three
// bytes ("#" for any digit), packed in a stemKey.
type matcher struct {
	index map[uint32][]matcherEntry
	// heads has a bit for the low two bytes of every key of index (see
	// mayHave): most words begin with no stem, and a bit test turns them
	// away before a map lookup. Four readers run a matcher over every
	// word of every sentence.
	heads [1 << 16 / 64]uint64
	// The index again, without hashing: the keys whose low two bytes
	// have the n-th bit set in heads are in buckets[n] (n counted from
	// the first bit; below[w] bits are set before heads[w]), each with
	// its upper bytes. lookup was a map lookup at most word starts of
	// Cyrillic text, whose first letter (two bytes) begins some stem.
	below   [1 << 16 / 64]int32
	buckets [][]keyBucket
}

// A keyBucket is the entries of one key, by the key's upper bytes.
type keyBucket struct {
	upper   uint32
	entries []matcherEntry
}

// mayHave reports whether index may hold key k: false when no key of the
// index shares k's first two bytes (then it certainly does not).
func (m *matcher) mayHave(k uint32) bool {
	h := k & 0xFFFF
	return m.heads[h/64]&(1<<(h%64)) != 0
}

// lookup is m.index[k]: nil when mayHave rules k out, else the entries
// of the bucket of k's low two bytes under k's upper bytes.
func (m *matcher) lookup(k uint32) []matcherEntry {
	h := k & 0xFFFF
	w, bit := h/64, uint64(1)<<(h%64)
	if m.heads[w]&bit == 0 {
		return nil
	}
	for _, b := range m.buckets[m.below[w]+int32(bits.OnesCount64(m.heads[w]&(bit-1)))] {
		if b.upper == k>>16 {
			return b.entries
		}
	}
	return nil
}

// indexBuckets sets heads, below and buckets from index.
func (m *matcher) indexBuckets() {
	m.heads = [len(m.heads)]uint64{}
	for k := range m.index {
		h := k & 0xFFFF
		m.heads[h/64] |= 1 << (h % 64)
	}
	n := int32(0)
	for w, x := range m.heads {
		m.below[w] = n
		n += int32(bits.OnesCount64(x))
	}
	m.buckets = make([][]keyBucket, n)
	keys := make([]uint32, 0, len(m.index))
	for k := range m.index {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the buckets' order does not depend on the map's
	for _, k := range keys {
		h := k & 0xFFFF
		r := m.below[h/64] + int32(bits.OnesCount64(m.heads[h/64]&(1<<(h%64)-1)))
		m.buckets[r] = append(m.buckets[r], keyBucket{k >> 16, m.index[k]})
	}
}

type matcherEntry struct {
	p    *wordPattern
	stem string
	// check is what remains of p's literal prefixes once the text is
	// known to begin with stem (see entryCheck), made on first use.
	check *entryCheck
}

// An entryCheck is a pattern's literal prefixes (lazyRegexp.mayMatchAt)
// narrowed to a text that begins with one stem: prefixes that stem
// already begins with admit every such text; prefixes that extend stem
// are the only ones left to compare; the others can no longer begin it.
// Comparing those few replaces mayMatchAt's map lookups at every word.
type entryCheck struct {
	once, branchOnce sync.Once
	always           bool     // a prefix is a prefix of the stem (or none is known)
	lits             []string // else: the prefixes that extend the stem
	// whole: too many prefixes extend the stem: ask mayMatchAt.
	whole bool
	// branches: the pattern's branches (branchesOf) that a text beginning
	// with stem may match, in order; nil when the pattern is not split.
	branches []entryBranch
	// literals: an unsplit pattern as literals, narrowed to the stem; nil
	// when it is split or not a list of literals. noMatch: it is a list
	// of which none can begin a text with the stem.
	literals *literalMatcher
	noMatch  bool
}

// An entryBranch is a branch with its literal beginnings narrowed to the
// stem as entryCheck narrows a pattern's.
type entryBranch struct {
	b      *patternBranch
	always bool
	lits   []string
	// literals: b.lits narrowed to the stem (nil: run the regexp).
	literals *literalMatcher
}

// maxEntryPrefixes bounds entryCheck.lits: past it mayMatchAt's index
// is quicker than comparing each.
const maxEntryPrefixes = 8

// initBranches narrows the pattern's branches to those a text beginning
// with stem may match.
func (c *entryCheck) initBranches(p *wordPattern, stem string) {
	if stem == "#" {
		// Any digit: nothing to narrow; the literals as they are.
		if p.branchesOf() == nil {
			c.literals = p.wholeLiterals()
			return
		}
		c.branches = []entryBranch{}
		for _, b := range p.branchesOf() {
			c.branches = append(c.branches, entryBranch{b: b, always: true, literals: b.lits})
		}
		return
	}
	if p.branchesOf() == nil {
		if lm := p.wholeLiterals(); lm != nil {
			c.literals = lm.narrow(stem)
			c.noMatch = c.literals == nil
		}
		return
	}
	c.branches = []entryBranch{} // not nil: split, even if no branch can match
	for _, b := range p.branchesOf() {
		eb := entryBranch{b: b, always: b.prefixes == nil}
		for _, l := range b.prefixes {
			if strings.HasPrefix(stem, l) {
				eb.always, eb.lits = true, nil
				break
			}
			if strings.HasPrefix(l, stem) {
				eb.lits = append(eb.lits, l)
			}
		}
		if b.lits != nil {
			if eb.literals = b.lits.narrow(stem); eb.literals == nil {
				continue // no literal of it can begin the text
			}
		}
		if eb.always || len(eb.lits) > 0 {
			c.branches = append(c.branches, eb)
		}
	}
}

func (c *entryCheck) init(p *wordPattern, stem string) {
	p.re.get()
	ps := p.re.prefixes
	if ps == nil {
		c.always = true
		return
	}
	if stem == "#" {
		c.whole = true
		return
	}
	for l := range ps.set {
		switch {
		case strings.HasPrefix(stem, l):
			c.always, c.lits = true, nil
			return
		case strings.HasPrefix(l, stem):
			c.lits = append(c.lits, l)
		}
	}
	if len(c.lits) > maxEntryPrefixes {
		c.whole, c.lits = true, nil
	}
}

// mayMatch is p.re.mayMatchAt(s) for an s that begins with e.stem.
func (e *matcherEntry) mayMatch(s string) bool {
	c := e.check
	c.once.Do(func() { c.init(e.p, e.stem) })
	switch {
	case c.always:
		return true
	case c.whole:
		return e.p.re.mayMatchAt(s)
	}
	return hasAnyPrefix(s, c.lits)
}

// findIndex is p.re.FindStringIndex(s) for an s that begins with e.stem,
// through the pattern's branches when it is split, and without the
// regexp where a branch (or the pattern) is a list of literals.
func (e *matcherEntry) findIndex(s string) (loc [2]int, ok bool) {
	c := e.check
	c.branchOnce.Do(func() { c.initBranches(e.p, e.stem) })
	if c.branches == nil {
		switch {
		case e.p.scan != nil:
			loc[1], ok = e.p.scan(s)
			return loc, ok
		case c.noMatch:
			return loc, false
		case c.literals != nil:
			loc[1], ok = c.literals.find(s)
			return loc, ok
		case !e.mayMatch(s), !e.p.digitRun().mayMatch(s), !e.p.required().mayMatch(s):
			return loc, false
		}
		return pair(e.p.re.FindStringIndex(s))
	}
	for _, eb := range c.branches {
		if eb.literals != nil {
			if loc[1], ok = eb.literals.find(s); ok {
				return loc, true
			}
			continue
		}
		if !eb.always && !hasAnyPrefix(s, eb.lits) || !eb.b.digits.mayMatch(s) || !eb.b.req.mayMatch(s) {
			continue
		}
		if loc, ok := pair(eb.b.get().FindStringIndex(s)); ok {
			return loc, true
		}
	}
	return loc, false
}

// pair is a FindStringIndex result as an array.
func pair(loc []int) ([2]int, bool) {
	if loc == nil {
		return [2]int{}, false
	}
	return [2]int{loc[0], loc[1]}, true
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, l := range prefixes {
		if strings.HasPrefix(s, l) {
			return true
		}
	}
	return false
}

// stemKey packs the index key of s (a stem, or the text at a word start):
// its first three bytes and their count, or digitKey for a digit (and
// for the stem "#", which stands for any digit).
func stemKey(s string) uint32 {
	if s == "" {
		return 0
	}
	if s[0] >= '0' && s[0] <= '9' || s == "#" {
		return digitKey
	}
	return bytesKey(s[:min(3, len(s))])
}

// digitKey is the key of every stem and word that begins with a digit
// ("#" in a pattern's stems).
const digitKey = 0xFF << 24

// bytesKey packs up to three bytes and their count.
func bytesKey(b string) uint32 {
	k := uint32(len(b)) << 24
	for i := 0; i < len(b); i++ {
		k |= uint32(b[i]) << (8 * i)
	}
	return k
}

func newMatcher(ps ...*wordPattern) *matcher {
	m := &matcher{index: map[uint32][]matcherEntry{}}
	for _, p := range ps {
		for _, s := range p.stems {
			k := stemKey(s)
			m.index[k] = append(m.index[k], matcherEntry{p, s, &entryCheck{}})
		}
	}
	m.indexBuckets()
	return m
}

// wordStarts are the offsets in s where a word begins.
func wordStarts(s string) []int {
	out := make([]int, 0, len(s)/5)
	prev := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			w := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
			if w && !prev {
				out = append(out, i)
			}
			prev = w
			i++
			continue
		}
		if (c == 0xD0 || c == 0xD1) && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			// U+0400–U+047F, all letters (isLetter): no decoding.
			if !prev {
				out = append(out, i)
			}
			prev = true
			i += 2
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		w := isLetter(r) || isDigit(r)
		if w && !prev {
			out = append(out, i)
		}
		prev = w
		i += n
	}
	return out
}

// window bounds the text a pattern is tried on: no pattern matches more.
const window = 96

// cut reports whether a match ending at end stops inside a word: the
// window cut it short.
func cut(s string, end int) bool {
	return end < len(s) && end > 0 && isASCIIWord(s[end]) && isASCIIWord(s[end-1])
}

// match is one pattern match in a sentence.
type match struct {
	p          *wordPattern
	start, end int
	groups     []int // submatch offsets, into s
}

// find returns the matches of the indexed patterns in s (lower case),
// leftmost first; of several patterns matching at one word, all are kept.
func (m *matcher) find(s string, starts []int, submatches bool) []match {
	return m.findIn(s, starts, submatches, true)
}

// findIn is find, with each pattern's window bounded by its longest
// match (bounded; see maxWindow) or the fixed one.
func (m *matcher) findIn(s string, starts []int, submatches, bounded bool) []match {
	var out []match
	var triedBuf [8]*wordPattern
	for _, i := range starts {
		es := m.lookup(stemKey(s[i:min(len(s), i+3)]))
		// A word shorter than three bytes ("at", "in", "we") is also its
		// own key: its entries are tried after es (not appended to a
		// copy of it).
		var more []matcherEntry
		j := i
		for j < len(s) && j < i+3 && isASCIIWord(s[j]) {
			j++
		}
		if j-i < 3 && j < len(s) {
			more = m.lookup(bytesKey(s[i:j]))
		}
		if len(es)+len(more) == 0 {
			continue
		}
		tried := triedBuf[:0]
	entries:
		for k := range len(es) + len(more) {
			var e *matcherEntry
			if k < len(es) {
				e = &es[k]
			} else {
				e = &more[k-len(es)]
			}
			if e.stem == "#" {
				if s[i] < '0' || s[i] > '9' {
					continue
				}
			} else if !strings.HasPrefix(s[i:], e.stem) {
				continue
			}
			for _, t := range tried {
				if t == e.p {
					continue entries
				}
			}
			tried = append(tried, e.p)
			// Patterns are short: a window keeps the regexp on its
			// backtracker instead of the slower NFA.
			win := window
			if e.p.cyrillic {
				win = 2 * window
			}
			if bounded {
				win = min(win, e.p.maxWindow())
			}
			w := s[i:min(len(s), i+win)]
			cutAt := cut
			if e.p.cyrillic {
				cutAt = cutRune
			}
			if submatches {
				// The submatches of a pattern (dates, numbers) are read
				// only where it matches: its branches, without groups,
				// say whether it does (the same whole match: Go's
				// leftmost-first match does not depend on the groups
				// asked for). Most tries fail there.
				if _, ok := e.findIndex(w); !ok {
					continue
				}
				loc := e.p.re.FindStringSubmatchIndex(w)
				if loc == nil {
					continue
				}
				if e.p.cyrillic {
					loc[1] = dropBoundary(w, loc[0], loc[1])
				}
				if cutAt(s, i+loc[1]) {
					continue
				}
				for k := range loc {
					if loc[k] >= 0 {
						loc[k] += i
					}
				}
				out = append(out, match{e.p, loc[0], loc[1], loc})
			} else if loc, ok := e.findIndex(w); ok {
				if e.p.cyrillic {
					loc[1] = dropBoundary(w, loc[0], loc[1])
				}
				if !cutAt(s, i+loc[1]) {
					out = append(out, match{e.p, i + loc[0], i + loc[1], nil})
				}
			}
		}
	}
	return out
}
