package extract

import (
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Matching Ukrainian and Russian words for numbers and dates.
//
// The English patterns (wordPattern) end in `\b`, which Go's regexp
// defines on ASCII only: after a Cyrillic letter it never holds. The
// patterns here end in a Unicode word boundary instead, and are matched on
// a copy of the sentence with its Cyrillic capitals lowered (lowerCyr),
// which keeps every byte offset: each Cyrillic capital Ukrainian and
// Russian use is two bytes, as is its small letter.

// hasCyrillic reports whether s holds a Cyrillic letter of Ukrainian or
// Russian (lead byte 0xD0 or 0xD1; a text with only Ґ has none of the
// words the patterns here read): only such sentences are searched with
// them.
func hasCyrillic(s string) bool {
	return strings.IndexByte(s, 0xD0) >= 0 || strings.IndexByte(s, 0xD1) >= 0
}

// lowerCyr lowers ASCII and the Cyrillic capitals of Ukrainian and
// Russian (А–Я, Ё, Є, І, Ї, Ґ), byte for byte: the result has the length
// and offsets of s. A string with no such capital is returned as it is
// (readers lower text that is lower already).
func lowerCyr(s string) string {
	i := indexCyrCapital(s)
	if i < 0 {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case 'A' <= c && c <= 'Z':
			b[i] = c + 'a' - 'A'
		case c == 0xD0 && i+1 < len(b):
			d := b[i+1]
			switch {
			case 0x90 <= d && d <= 0x9F: // А–П → а–п (U+0430–043F: D0 B0–BF)
				b[i+1] = d + 0x20
			case 0xA0 <= d && d <= 0xAF: // Р–Я → р–я (U+0440–044F: D1 80–8F)
				b[i], b[i+1] = 0xD1, d-0x20
			case 0x80 <= d && d <= 0x8F: // Ѐ–Џ (Ё Є І Ї …) → ѐ–џ (D1 90–9F)
				b[i], b[i+1] = 0xD1, d+0x10
			}
			i++
		case c == 0xD2 && i+1 < len(b) && b[i+1] == 0x90: // Ґ → ґ
			b[i+1] = 0x91
			i++
		}
	}
	return bytesString(b)
}

// bytesString is b as a string without a copy: b must not be written
// after (the lowerings here build a fresh b, return it and drop it).
func bytesString(b []byte) string {
	if len(b) < 2 {
		return string(b) // Go's own one-byte strings: no allocation
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// hasCyrCapital reports whether lowerCyr would change s: the same walk,
// without the copy.
func hasCyrCapital(s string) bool { return indexCyrCapital(s) >= 0 }

// indexCyrCapital is the offset of the first capital lowerCyr changes in
// s, or -1: lowerCyr's walk, which visits it, begins there.
func indexCyrCapital(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			return i
		case c == 0xD0 && i+1 < len(s):
			if d := s[i+1]; 0x80 <= d && d <= 0xAF {
				return i
			}
			i++
		case c == 0xD2 && i+1 < len(s) && s[i+1] == 0x90:
			return i
		}
	}
	return -1
}

// A uniPattern is a regular expression tried at the starts of words that
// begin with one of its stems, ending at a Unicode word boundary.
type uniPattern struct {
	re    *lazyRegexp // ^(?:(pattern))(?:[^\p{L}\p{N}]|$), compiled on first use
	stems []string
	// maxLen bounds a match in bytes, the boundary included (-1: no
	// bound), made once (see window).
	maxLenOnce sync.Once
	maxLen     int
	// src is the pattern as given; digits and req are its necessary
	// conditions (prefilter.go), made once (see mayMatch).
	src        string
	filterOnce sync.Once
	digits     *digitRun
	req        requiredLiterals
}

// mayMatch reports whether the pattern may match at the start of w, a
// window that holds any match there (see window): false when the text
// begins with none of its literal beginnings, when it begins with a digit
// run the rest of the pattern cannot follow, or when none of the strings
// every match contains is in w. The date patterns are tried at every
// number of a Cyrillic sentence (cyrRangePattern about ten times a
// text, matching at none of them), each a run of Go's backtracker over a
// program of hundreds of instructions.
func (p *uniPattern) mayMatch(w string) bool {
	p.filterOnce.Do(func() {
		if re, err := syntax.Parse(p.src, syntax.Perl); err == nil {
			p.digits, p.req = digitRunOf(re), requiredLiteralsOf(re)
		}
	})
	return p.re.mayMatchAt(w) && p.digits.mayMatch(w) && p.req.mayMatch(w)
}

// window is how far from a word start the pattern is tried: uniWindow,
// or less when no match can be that long. Go's backtracker clears a bit
// per instruction and byte of its input at each call: the date patterns,
// with every month's name, have hundreds of instructions and match at
// most about 60 bytes. No match of at most maxLen bytes reads past
// maxLen+4 (a rune is at most 4 bytes), so a window a rune longer than
// that, cut back to a rune start, gives the same matches as a wider one
// (TestUniWindowAsWide).
func (p *uniPattern) window() int {
	p.maxLenOnce.Do(func() {
		p.maxLen = -1
		if re, err := syntax.Parse(p.re.src, syntax.Perl); err == nil {
			p.maxLen = maxMatchBytes(re)
		}
	})
	if p.maxLen < 0 || p.maxLen+8 > uniWindow {
		return uniWindow
	}
	return p.maxLen + 8
}

// maxMatchBytes is the most bytes re can match, -1 when it is unbounded.
func maxMatchBytes(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return utf8.UTFMax * len(re.Rune) // a folded rune may be longer
		}
		n := 0
		for _, r := range re.Rune {
			n += max(1, utf8.RuneLen(r))
		}
		return n
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return 0
		}
		// UTF-8 lengths grow with the code point.
		return max(1, utf8.RuneLen(min(re.Rune[len(re.Rune)-1], unicode.MaxRune)))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return utf8.UTFMax
	case syntax.OpCapture, syntax.OpQuest:
		return maxMatchBytes(re.Sub[0])
	case syntax.OpRepeat:
		sub := maxMatchBytes(re.Sub[0])
		if re.Max < 0 || sub < 0 {
			return -1
		}
		return re.Max * sub
	case syntax.OpConcat:
		n := 0
		for _, s := range re.Sub {
			m := maxMatchBytes(s)
			if m < 0 {
				return -1
			}
			n += m
		}
		return n
	case syntax.OpAlternate:
		n := 0
		for _, s := range re.Sub {
			m := maxMatchBytes(s)
			if m < 0 {
				return -1
			}
			n = max(n, m)
		}
		return n
	}
	return -1 // star, plus
}

// newUniPattern compiles pattern; its submatch groups are numbered from 2
// (group 1 is the whole match without the boundary).
func newUniPattern(stems []string, pattern string) *uniPattern {
	return &uniPattern{re: newLazyRegexp(`^(?:(` + pattern + `))(?:[^\p{L}\p{N}_]|$)`), stems: stems, src: pattern}
}

// uniMatcher indexes patterns by the first bytes of their stems (up to
// uniKeyMax; "#" for a stem that begins with a digit): at a word, only the
// stems whose key the word begins with are compared, and only their
// patterns tried. Short keys for all stems made every "в" or "у" compare
// dozens of stems.
type uniMatcher struct {
	index map[string][]uniEntry
	lens  []int // the key lengths in the index, ascending
	// heads has a bit for the first two bytes of every key of two bytes
	// or more, and one1 every key of one byte: a word that begins with
	// none is looked up under no key length (most words, each of which
	// cost a map lookup per length).
	heads [1 << 16 / 64]uint64
	one1  [256]bool
	// byHead and oneKey are the index by the keys' first two bytes (see
	// bucketsAt) and the keys of one byte.
	byHead map[uint32][]headKey
	oneKey [256][]uniEntry
}

// mayHave reports whether some key of the index may begin s (s not
// empty): false when none does.
func (m *uniMatcher) mayHave(s string) bool {
	if m.one1[s[0]] {
		return true
	}
	if len(s) < 2 {
		return false
	}
	h := uint32(s[0]) | uint32(s[1])<<8
	return m.heads[h/64]&(1<<(h%64)) != 0
}

type uniEntry struct {
	p    *uniPattern
	stem string
}

const uniKeyMax = 6

func uniKey(s string) string {
	if s == "" {
		return ""
	}
	if s[0] >= '0' && s[0] <= '9' {
		return "#"
	}
	return s[:min(uniKeyMax, len(s))]
}

// bucketsAt puts in buckets the index entries of the keys that begin
// s[i:], the digits' first, then by key length, and returns how many: the
// index looked up under each key length (lensBuckets), with one lookup of
// the keys that share s[i:]'s first two bytes instead of a string hash
// per length.
func (m *uniMatcher) bucketsAt(s string, i int, buckets *[8][]uniEntry) int {
	nb := 0
	if s[i] >= '0' && s[i] <= '9' {
		buckets[nb] = m.index["#"]
		nb++
	}
	if !m.mayHave(s[i:]) {
		return nb
	}
	if es := m.oneKey[s[i]]; len(es) > 0 {
		buckets[nb] = es
		nb++
	}
	if i+1 == len(s) {
		return nb
	}
	for _, k := range m.byHead[uint32(s[i])|uint32(s[i+1])<<8] {
		if i+len(k.key) > len(s) || nb == len(buckets) {
			break
		}
		if s[i:i+len(k.key)] == k.key {
			buckets[nb] = k.entries
			nb++
		}
	}
	return nb
}

// A headKey is a key of two bytes or more and its entries.
type headKey struct {
	key     string
	entries []uniEntry
}

// lensBuckets is bucketsAt as the index was read before byHead: each key
// length in turn.
func (m *uniMatcher) lensBuckets(s string, i int, buckets *[8][]uniEntry) int {
	nb := 0
	if s[i] >= '0' && s[i] <= '9' {
		buckets[nb] = m.index["#"]
		nb++
	}
	for _, k := range m.lens {
		if !m.mayHave(s[i:]) {
			break
		}
		if i+k > len(s) || nb == len(buckets) {
			break
		}
		if es := m.index[s[i:i+k]]; len(es) > 0 {
			buckets[nb] = es
			nb++
		}
	}
	return nb
}

func newUniMatcher(ps ...*uniPattern) *uniMatcher {
	m := &uniMatcher{index: map[string][]uniEntry{}}
	seenLen := map[int]bool{}
	for _, p := range ps {
		for _, st := range p.stems {
			k := uniKey(st)
			m.index[k] = append(m.index[k], uniEntry{p, st})
			switch {
			case len(k) == 1: // "#" too: the loop below may look it up
				m.one1[k[0]] = true
			default:
				h := uint32(k[0]) | uint32(k[1])<<8
				m.heads[h/64] |= 1 << (h % 64)
			}
			if k != "#" && !seenLen[len(k)] {
				seenLen[len(k)] = true
				m.lens = append(m.lens, len(k))
			}
		}
	}
	sort.Ints(m.lens)
	// The keys by their first two bytes, shortest first (a key of each
	// length at most begins a text); the keys of one byte by it, when
	// the lengths looked up include one ("#" alone does not: it is
	// looked up for digits only).
	m.byHead = map[uint32][]headKey{}
	for k, es := range m.index {
		switch {
		case len(k) == 1:
			if slices.Contains(m.lens, 1) {
				m.oneKey[k[0]] = es
			}
		default:
			h := uint32(k[0]) | uint32(k[1])<<8
			m.byHead[h] = append(m.byHead[h], headKey{k, es})
		}
	}
	for _, ks := range m.byHead {
		sort.Slice(ks, func(a, b int) bool { return len(ks[a].key) < len(ks[b].key) })
	}
	return m
}

// uniWindow bounds the text a pattern is tried on (bytes; Cyrillic letters
// take two).
const uniWindow = 160

// find returns the matches in s (lowered with lowerCyr) at the word starts
// given, leftmost first. groups are offsets into s, group 1 the match.
func (m *uniMatcher) find(s string, starts []int) []uniMatch {
	return m.findIn(s, starts, true)
}

// findIn is find, with each pattern's window (bounded) or uniWindow.
func (m *uniMatcher) findIn(s string, starts []int, bounded bool) []uniMatch {
	var out []uniMatch
	var tried []*uniPattern
	for _, i := range starts {
		tried = tried[:0]
		var buckets [8][]uniEntry
		nb := m.bucketsAt(s, i, &buckets)
		for _, es := range buckets[:nb] {
		entry:
			for _, e := range es {
				if !strings.HasPrefix(s[i:], e.stem) {
					continue
				}
				for _, t := range tried {
					if t == e.p {
						continue entry
					}
				}
				tried = append(tried, e.p)
				p := e.p
				win := uniWindow
				if bounded {
					win = p.window()
				}
				end := min(len(s), i+win)
				for end < len(s) && !utf8.RuneStart(s[end]) {
					end--
				}
				if !p.mayMatch(s[i:end]) {
					continue
				}
				loc := p.re.FindStringSubmatchIndex(s[i:end])
				if loc == nil {
					continue
				}
				// A match that reaches the window's end must end a word.
				if i+loc[1] == end && end < len(s) {
					if r, _ := utf8.DecodeRuneInString(s[end:]); isLetter(r) || isDigit(r) {
						continue
					}
				}
				g := make([]int, len(loc))
				for k := range loc {
					g[k] = loc[k]
					if g[k] >= 0 {
						g[k] += i
					}
				}
				out = append(out, uniMatch{p: p, start: g[2], end: g[3], groups: g})
			}
		}
	}
	return out
}

type uniMatch struct {
	p          *uniPattern
	start, end int
	groups     []int
}

// group is submatch k of a match (k ≥ 2 for the pattern's own groups),
// "" when it did not take part.
func (u *uniMatch) group(s string, k int) string {
	if 2*k+1 >= len(u.groups) || u.groups[2*k] < 0 {
		return ""
	}
	return s[u.groups[2*k]:u.groups[2*k+1]]
}

// The letter classes of the word finders, with the answers for ASCII and
// the Cyrillic block (U+0400–U+04FF, where every code point is a letter
// but ҂ and the combining marks U+0482–U+0489) computed here and the rest
// asked of package unicode, whose range tables cost a binary search per
// rune. They answer exactly as unicode.IsLetter, IsDigit, IsLower and
// IsUpper (TestRuneClassesAsUnicode).

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	}
	if 0x400 <= r && r <= 0x4FF {
		return r < 0x482 || r > 0x489
	}
	return unicode.IsLetter(r)
}

func isDigit(r rune) bool { return digitOrNumber(r, false) }

// isNumber is unicode.IsNumber (\pN), answering ASCII and Cyrillic
// (which has no number) without its tables.
func isNumber(r rune) bool { return digitOrNumber(r, true) }

// digitOrNumber is isNumber when number is set, else isDigit: in ASCII
// both are 0–9, in the Cyrillic block neither has a code point; the rest
// is asked of unicode.
func digitOrNumber(r rune, number bool) bool {
	switch {
	case r < utf8.RuneSelf:
		return '0' <= r && r <= '9'
	case 0x400 <= r && r <= 0x4FF:
		return false
	case number:
		return unicode.IsNumber(r)
	}
	return unicode.IsDigit(r)
}

func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z'
	}
	if 0x400 <= r && r <= 0x45F {
		return r >= 0x430
	}
	return unicode.IsLower(r)
}

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	if 0x400 <= r && r <= 0x45F {
		return r < 0x430
	}
	return unicode.IsUpper(r)
}

// toLower is strings.ToLower. A text of ASCII and the Cyrillic letters
// of U+0400–U+045F and Ґ (with any other characters of ASCII) is lowered
// here byte for byte, as lowerCyr does, and returned as it is when it has
// no capital; anything else goes to strings.ToLower.
func toLower(s string) string {
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			upper = upper || 'A' <= c && c <= 'Z'
		case (c == 0xD0 || c == 0xD1) && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			d := s[i+1]
			if c == 0xD0 && d < 0xB0 {
				upper = true // U+0400–U+042F
			} else if c == 0xD1 && d > 0x9F {
				return strings.ToLower(s) // U+0460–U+047F: paired letters
			}
			i++
		case c == 0xD2 && i+1 < len(s) && (s[i+1] == 0x90 || s[i+1] == 0x91): // Ґ ґ
			upper = upper || s[i+1] == 0x90
			i++
		default:
			return strings.ToLower(s)
		}
	}
	if !upper {
		return s
	}
	return lowerCyr(s)
}

// fields is strings.Fields: the runs of s between white space
// (unicode.IsSpace; an invalid byte is no space). strings.Fields sends a
// text with any non-ASCII byte to FieldsFunc, which asks unicode.IsSpace,
// a table search, of every Cyrillic letter, and grows its list of spans;
// here a two-byte letter of U+0400–U+047F is stepped over undecoded and
// the list is counted first and made once (TestFieldsAsStrings).
func fields(s string) []string {
	n, in := 0, false
	for i := 0; i < len(s); {
		sp, w := spaceAt(s, i)
		if !sp && !in {
			n++
		}
		in = !sp
		i += w
	}
	out := make([]string, 0, n)
	start := -1
	for i := 0; i < len(s); {
		sp, w := spaceAt(s, i)
		switch {
		case sp && start >= 0:
			out = append(out, s[start:i])
			start = -1
		case !sp && start < 0:
			start = i
		}
		i += w
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// firstFields is the first len(buf) fields of s (fields(s)[:len(buf)],
// all of them when s has fewer), put in buf: the readers that look at the
// word after a place or a trigger split whole rests of sentences into a
// new list for it.
func firstFields(s string, buf []string) []string {
	n, start := 0, -1
	for i := 0; i < len(s) && n < len(buf); {
		sp, w := spaceAt(s, i)
		switch {
		case sp && start >= 0:
			buf[n] = s[start:i]
			n++
			start = -1
		case !sp && start < 0:
			start = i
		}
		i += w
	}
	if start >= 0 && n < len(buf) {
		buf[n] = s[start:]
		n++
	}
	return buf[:n]
}

// wordsBefore is lastFields of the window of up to width bytes of s
// that ends at end, cut after a space so that its first field is a whole
// word: a cut inside "испытаний" would give the field "пытаний".
func wordsBefore(s string, end, width int, buf []string) []string {
	lo := max(0, end-width)
	if lo > 0 {
		if sp, _ := spaceAt(s, lo-1); !sp {
			for lo < end {
				sp, w := spaceAt(s, lo)
				lo += w
				if sp {
					break
				}
			}
		}
	}
	return lastFields(s[min(lo, end):end], buf)
}

// lastFields is the last len(buf) fields of s (fields(s)[len-len(buf):],
// all of them when s has fewer), in order, put in buf.
func lastFields(s string, buf []string) []string {
	if len(buf) == 0 {
		return buf
	}
	n, start := 0, -1 // buf[n%len(buf)] takes the n-th field
	for i := 0; i < len(s); {
		sp, w := spaceAt(s, i)
		switch {
		case sp && start >= 0:
			buf[n%len(buf)] = s[start:i]
			n++
			start = -1
		case !sp && start < 0:
			start = i
		}
		i += w
	}
	if start >= 0 {
		buf[n%len(buf)] = s[start:]
		n++
	}
	if n < len(buf) {
		return buf[:n]
	}
	// The oldest kept field is at n%len(buf): rotate it to the front.
	k := n % len(buf)
	slices.Reverse(buf[:k])
	slices.Reverse(buf[k:])
	slices.Reverse(buf)
	return buf
}

// decodeRune is utf8.DecodeRuneInString with the letters of U+0400–U+047F
// (two bytes, D0 or D1 and a continuation byte) decoded inline: the
// tokenisers' slow path of utf8 was a call at every Cyrillic letter
// (TestDecodeRuneAsUTF8).
func decodeRune(s string) (rune, int) {
	if len(s) >= 2 && (s[0] == 0xD0 || s[0] == 0xD1) && s[1]&0xC0 == 0x80 {
		return rune(s[0]&0x1F)<<6 | rune(s[1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(s)
}

// spaceAt reports whether the character at s[i] is white space
// (unicode.IsSpace), and its width (1 for an invalid byte).
func spaceAt(s string, i int) (bool, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return asciiSpace[c], 1
	}
	if (c == 0xD0 || c == 0xD1) && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		return false, 2 // U+0400–U+047F: letters
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	return isSpace(r), w
}

// isSpace is unicode.IsSpace, answering ASCII and the Cyrillic block
// (which has no space) without its tables (TestIsSpaceAsUnicode).
func isSpace(r rune) bool {
	switch {
	case uint32(r) < utf8.RuneSelf:
		return asciiSpace[r]
	case 0x400 <= r && r <= 0x4FF:
		return false
	}
	return unicode.IsSpace(r)
}

// asciiSpace: the ASCII white space of unicode.IsSpace.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
