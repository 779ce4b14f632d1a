package extract

import (
	"math/rand"
	"os"
	"path/filepath"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/frontline-osint/frontline/internal/shareddata"
)

// TestRuneClassesAsUnicode: the word finders' letter classes answer as
// package unicode for every code point.
func TestRuneClassesAsUnicode(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isLetter(r) != unicode.IsLetter(r) || isDigit(r) != unicode.IsDigit(r) ||
			isLower(r) != unicode.IsLower(r) || isUpper(r) != unicode.IsUpper(r) {
			t.Fatalf("%U: letter %v digit %v lower %v upper %v, unicode says %v %v %v %v", r,
				isLetter(r), isDigit(r), isLower(r), isUpper(r),
				unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsLower(r), unicode.IsUpper(r))
		}
	}
}

// TestToLowerAsStrings: toLower gives strings.ToLower's answer, on
// chosen cases and on every word and line of the shared texts.
func TestToLowerAsStrings(t *testing.T) {
	cases := []string{"", "kyiv", "Kyiv", "Покровськ", "ПОКРОВСЬК", "Ґудзь", "ґ", "Ѐлка Џ", "Ѣ ѣ Ѳ", "Ölz Straße",
		"Куп’янськ", "Куп'янськ", "Кураховоʼ", "Hryhorivkа", "\xd0", "a\xd0b", "\xd1\xa0", "İstanbul", "ǅ"}
	dir := shareddata.Dir(t, "articles")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	for _, f := range files[:min(len(files), 80)] {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, strings.Split(string(b), "\n")...)
		cases = append(cases, strings.Fields(string(b))...)
	}
	for _, s := range cases {
		if got, want := toLower(s), strings.ToLower(s); got != want {
			t.Fatalf("toLower(%q) = %q, want %q", s, got, want)
		}
	}
	if s := "already lower"; toLower(s) != s {
		t.Fatal("changed a lower-case string")
	}
}

// TestLowerCyrAsCopy: lowerCyr, which returns a string without capitals
// as it is, gives what lowering every byte of a copy gives, on every line
// and word of the shared texts and on cut characters.
func TestLowerCyrAsCopy(t *testing.T) {
	byCopy := func(s string) string {
		b := []byte(s)
		for i := 0; i < len(b); i++ {
			c := b[i]
			switch {
			case 'A' <= c && c <= 'Z':
				b[i] = c + 'a' - 'A'
			case c == 0xD0 && i+1 < len(b):
				d := b[i+1]
				switch {
				case 0x90 <= d && d <= 0x9F:
					b[i+1] = d + 0x20
				case 0xA0 <= d && d <= 0xAF:
					b[i], b[i+1] = 0xD1, d-0x20
				case 0x80 <= d && d <= 0x8F:
					b[i], b[i+1] = 0xD1, d+0x10
				}
				i++
			case c == 0xD2 && i+1 < len(b) && b[i+1] == 0x90:
				b[i+1] = 0x91
				i++
			}
		}
		return string(b)
	}
	cases := []string{"", "a", "A", "\xd0", "\xd0\x90", "\xd0\xd0\x90", "Ґ", "ґ", "\xd2", "Ёлка", "ЄІЇ", "покровськ", "ПОКРОВСЬК"}
	dir := shareddata.Dir(t, "articles")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	for _, f := range files[:min(len(files), 80)] {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, strings.Split(string(b), "\n")...)
		cases = append(cases, strings.Fields(string(b))...)
	}
	unchanged := 0
	for _, s := range cases {
		if got, want := lowerCyr(s), byCopy(s); got != want {
			t.Fatalf("lowerCyr(%q) = %q, want %q", s, got, want)
		}
		if byCopy(s) == s {
			unchanged++
		}
		for k := 1; k < len(s) && k < 8; k++ { // cut inside a character
			if got, want := lowerCyr(s[k:]), byCopy(s[k:]); got != want {
				t.Fatalf("lowerCyr(%q) = %q, want %q", s[k:], got, want)
			}
		}
	}
	if unchanged == 0 || unchanged == len(cases) {
		t.Fatalf("%d of %d unchanged: the test tests nothing", unchanged, len(cases))
	}
}

// TestCyrLowerOfAsLowerCyr: every sentence of every shared text, sliced
// from the text lowered once, is the sentence lowered alone.
func TestCyrLowerOfAsLowerCyr(t *testing.T) {
	dir := shareddata.Dir(t, "articles")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(files) == 0 {
		t.Skip("no texts")
	}
	n, changed := 0, 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := &doc{text: string(b)}
		for _, s := range splitSentences(d.text) {
			got, want := d.cyrLowerOf(s), lowerCyr(d.slice(s))
			if got != want {
				t.Fatalf("%s: sentence at %d: %q, want %q", f, s.start, got, want)
			}
			n++
			if want != d.slice(s) {
				changed++
			}
		}
	}
	if n == 0 || changed == 0 {
		t.Fatalf("%d sentences, %d lowered: the test tests nothing", n, changed)
	}
}

// TestUniWindowAsWide: at every word start of every shared text, the
// Cyrillic date and number matchers find, in each pattern's bounded
// window, the matches and groups they find in uniWindow.
func TestUniWindowAsWide(t *testing.T) {
	dir := shareddata.Dir(t, "articles")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(files) == 0 {
		t.Skip("no texts")
	}
	matchers := []*uniMatcher{cyrTimeMatcher, uniNumberMatcher, shareMatcher}
	bounded := 0
	for _, m := range matchers {
		for _, es := range m.index {
			for _, e := range es {
				if e.p.window() < uniWindow {
					bounded++
				}
			}
		}
	}
	found := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := lowerCyr(string(b))
		starts := wordStarts(s)
		for _, m := range matchers {
			got, want := m.findIn(s, starts, true), m.findIn(s, starts, false)
			if len(got) != len(want) {
				t.Fatalf("%s: %d matches, want %d", f, len(got), len(want))
			}
			for k := range got {
				if got[k].p != want[k].p || !slices.Equal(got[k].groups, want[k].groups) {
					t.Fatalf("%s: match %d at %d: %v, want %v", f, k, want[k].start, got[k].groups, want[k].groups)
				}
			}
			found += len(got)
		}
	}
	if bounded == 0 || found == 0 {
		t.Fatalf("%d bounded entries, %d matches: the test tests nothing", bounded, found)
	}
	t.Logf("%d entries with a bounded window, %d matches compared", bounded, found)
}

func TestMaxMatchBytes(t *testing.T) {
	for src, want := range map[string]int{
		`abc`: 3, `ж`: 2, `a|жж`: 4, `a?b{2,3}`: 4, `\d{1,2}`: 2, `\pL`: 4, `a*`: -1, `(?:x|\pL+)`: -1,
		`^(?:(а))(?:[^\p{L}\p{N}_]|$)`: 6, `(?i)k`: 4, `[^a]`: 4,
	} {
		re, err := syntax.Parse(src, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := maxMatchBytes(re); got != want {
			t.Errorf("maxMatchBytes(%s) = %d, want %d", src, got, want)
		}
	}
}

// TestUniMayHaveAsLookup: wherever a Cyrillic matcher's index holds a key
// that begins the text at a word start, mayHave admits the word.
func TestUniMayHaveAsLookup(t *testing.T) {
	dir := shareddata.Dir(t, "articles")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(files) == 0 {
		t.Skip("no texts")
	}
	hits, turned := 0, 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := lowerCyr(string(b))
		for _, m := range []*uniMatcher{cyrTimeMatcher, uniNumberMatcher, shareMatcher} {
			for _, i := range wordStarts(s) {
				found := false
				for k := range m.index {
					if strings.HasPrefix(s[i:], k) {
						found = true
					}
				}
				if found && !m.mayHave(s[i:]) {
					t.Fatalf("%s at %d: a key begins %q, mayHave says none", f, i, s[i:min(len(s), i+12)])
				}
				if found {
					hits++
				} else if !m.mayHave(s[i:]) {
					turned++
				}
			}
		}
	}
	if hits == 0 || turned == 0 {
		t.Fatalf("%d words with a key, %d turned away: the test tests nothing", hits, turned)
	}
	t.Logf("%d words with a key, %d turned away without a lookup", hits, turned)
}

// TestBucketsAtAsLensBuckets: the uni matchers' entries at a word start,
// found by the keys that share its first two bytes, are those the index
// gave under each key length in turn (the same slices, in the same
// order), at every byte of the tune texts (lowered) and of made-up ones.
func TestBucketsAtAsLensBuckets(t *testing.T) {
	made := newUniMatcher(newUniPattern([]string{"#", "a", "ab", "abc", "б", "бв", "x y"}, `ab|бв|a|б|x y|\d`))
	noOne := newUniMatcher(newUniPattern([]string{"#", "ab", "abcdefgh"}, `ab|\d`))
	ms := []*uniMatcher{cyrTimeMatcher, uniNumberMatcher, shareMatcher, made, noOne}
	n, hits := 0, 0
	check := func(s string) {
		for i := range len(s) {
			for _, m := range ms {
				var got, want [8][]uniEntry
				a, b := m.bucketsAt(s, i, &got), m.lensBuckets(s, i, &want)
				if a != b {
					t.Fatalf("%q at %d: %d buckets, by length %d", s, i, a, b)
				}
				for k := range a {
					if len(got[k]) != len(want[k]) || len(got[k]) > 0 && &got[k][0] != &want[k][0] {
						t.Fatalf("%q at %d: bucket %d differs", s, i, k)
					}
				}
				n++
				if a > 0 {
					hits++
				}
			}
		}
	}
	for _, s := range []string{"", "a", "ab", "abc", "#1", "# 1", "б", "бв", "бвг", "x y", "x", "1", "\xd0", "abcdefgh", "abcdefg"} {
		check(s)
	}
	for _, text := range tuneTexts(t) {
		check(lowerCyr(text))
	}
	if hits == 0 || hits == n {
		t.Fatalf("%d of %d lookups found entries: the test tests nothing", hits, n)
	}
	t.Logf("%d lookups, %d found entries", n, hits)
}

// TestFieldsAsStrings: fields splits as strings.Fields (and firstFields
// and lastFields give its first and last up to five) the tune texts,
// pieces of them cut at random bytes (inside letters too), and random
// strings of ASCII, Cyrillic, the other white space of Unicode and invalid
// bytes.
func TestFieldsAsStrings(t *testing.T) {
	var buf [5]string
	check := func(s string) {
		got, want := fields(s), strings.Fields(s)
		if !slices.Equal(got, want) || (got == nil) != (want == nil) {
			t.Fatalf("%q: %q, strings.Fields %q", s, got, want)
		}
		// The first and last few, as firstFields and lastFields read them.
		for k := 0; k <= len(buf); k++ {
			if got := firstFields(s, buf[:k]); !slices.Equal(got, want[:min(k, len(want))]) {
				t.Fatalf("%q: first %d fields %q, strings.Fields %q", s, k, got, want)
			}
			if got := lastFields(s, buf[:k]); !slices.Equal(got, want[max(0, len(want)-k):]) {
				t.Fatalf("%q: last %d fields %q, strings.Fields %q", s, k, got, want)
			}
		}
	}
	rng := rand.New(rand.NewSource(10))
	n := 0
	for _, text := range tuneTexts(t) {
		check(text)
		for k := 0; k < 20; k++ {
			a := rng.Intn(len(text) + 1)
			b := a + rng.Intn(len(text)-a+1)
			check(text[a:b])
			n++
		}
	}
	parts := []string{"a", "Z", "9", " ", "\t", "\n", "\v", "\f", "\r", "\u0085", "\u00a0", "\u1680", "\u2000", "\u2028", "\u202f", "\u3000", "\ufeff",
		"д", "Ї", "ѣ", "ҍ", "\xd0", "\xd1", "\xd1\xff", "\xff", "\xe2\x80", "’", "—", "é"}
	for k := 0; k < 50000; k++ {
		var b strings.Builder
		for j := rng.Intn(12); j > 0; j-- {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		check(b.String())
	}
	check("")
	t.Logf("%d pieces of tune texts, 50,000 random strings", n)
}

// TestIsSpaceAsUnicode: isSpace answers as unicode.IsSpace for every code
// point and a few runes out of range.
func TestIsSpaceAsUnicode(t *testing.T) {
	for r := rune(-2); r <= unicode.MaxRune+2; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Fatalf("%U: isSpace %v", r, isSpace(r))
		}
	}
}

// TestUniMayMatchNecessary: a Cyrillic pattern's prefilter (mayMatch)
// turns away no window its regexp matches, for every pattern of the
// Cyrillic date, number and share matchers at every word start of the
// tune texts (lowered), in the window findIn gives it and in the widest.
func TestUniMayMatchNecessary(t *testing.T) {
	var ps []*uniPattern
	seen := map[*uniPattern]bool{}
	for _, m := range []*uniMatcher{cyrTimeMatcher, uniNumberMatcher, shareMatcher} {
		for _, es := range m.index {
			for _, e := range es {
				if !seen[e.p] {
					seen[e.p] = true
					ps = append(ps, e.p)
				}
			}
		}
	}
	filtering := 0
	for _, p := range ps {
		p.mayMatch("")
		if p.digits != nil || p.req != nil {
			filtering++
		}
	}
	if filtering == 0 {
		t.Fatal("no pattern has a digit run or required strings")
	}
	var c necessaryCount
	for _, text := range tuneTexts(t) {
		s := lowerCyr(text)
		for _, i := range wordStarts(s) {
			for _, p := range ps {
				for _, win := range []int{p.window(), uniWindow} {
					end := min(len(s), i+win)
					for end < len(s) && !utf8.RuneStart(s[end]) {
						end--
					}
					w := s[i:end]
					c.try(t, p.re.get(), w, p.mayMatch(w))
				}
			}
		}
	}
	c.check(t)
	t.Logf("%d patterns (%d with a digit run or required strings), %d tries, %d turned away, %d matched", len(ps), filtering, c.n, c.away, c.matched)
}

// TestDecodeRuneAsUTF8: decodeRune reads every string of up to two bytes
// and every two-byte string followed by a third byte as
// utf8.DecodeRuneInString does.
func TestDecodeRuneAsUTF8(t *testing.T) {
	check := func(s string) {
		r, n := decodeRune(s)
		wr, wn := utf8.DecodeRuneInString(s)
		if r != wr || n != wn {
			t.Fatalf("%q: %U %d, utf8 %U %d", s, r, n, wr, wn)
		}
	}
	check("")
	for a := range 256 {
		check(string([]byte{byte(a)}))
		for b := range 256 {
			check(string([]byte{byte(a), byte(b)}))
			check(string([]byte{byte(a), byte(b), 0x80}))
			check(string([]byte{byte(a), byte(b), 'x'}))
		}
	}
}

// TestWordsBeforeWholeWords: the window before a trigger starts at a
// word, not inside one, so the tail of a word cut by the window is never
// read as a word of its own (the review's "испытаний" read as "пытаний",
// an attempt, before "захватили").
func TestWordsBeforeWholeWords(t *testing.T) {
	s := "После испытаний новые российские войска захватили"
	ts := strings.Index(s, "захватили")
	var buf [4]string
	for width := 1; width <= ts+5; width++ {
		ws := wordsBefore(s, ts, width, buf[:])
		all := strings.Fields(s[:ts])
		if len(ws) > len(all) || !slices.Equal(ws, all[len(all)-len(ws):]) {
			t.Fatalf("width %d: %q are not the last whole words of %q", width, ws, s[:ts])
		}
		if lo := ts - width; lo >= 0 && len(ws) > 0 && strings.Count(s[lo:ts], " ") < len(ws) {
			t.Fatalf("width %d: %q has more words than the window %q begins", width, ws, s[lo:ts])
		}
	}
	if attemptBefore(strings.ToLower(s), ts) {
		t.Errorf("attemptBefore(%q) = true: a finished capture read as an attempt", s)
	}
}
