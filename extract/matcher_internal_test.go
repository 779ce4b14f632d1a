package extract

import (
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/frontline-osint/frontline/internal/shareddata"
)

// TestEntryCheckAsMayMatchAt: at every word start of the shared texts, an
// index entry's narrowed prefixes answer as the pattern's own prefilter
// wherever the text begins with the entry's stem.
func TestEntryCheckAsMayMatchAt(t *testing.T) {
	dir := shareddata.Dir(t, "articles")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(files) == 0 {
		t.Skip("no texts")
	}
	compared, admitted := 0, 0
	for _, f := range files[:min(len(files), 20)] {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := lowerCyr(string(b))
		for _, m := range []*matcher{sentenceMatcher, triggerMatcher, timeMatcher, numberMatcher} {
			for _, es := range m.index {
				for k := range es {
					e := &es[k]
					for _, i := range wordStarts(s) {
						if e.stem == "#" && (s[i] < '0' || s[i] > '9') || e.stem != "#" && !strings.HasPrefix(s[i:], e.stem) {
							continue
						}
						w := s[i:min(len(s), i+2*window)]
						got, want := e.mayMatch(w), e.p.re.mayMatchAt(w)
						if got != want {
							t.Fatalf("stem %q of %s at %q: %v, want %v", e.stem, e.p.re.src, w[:min(len(w), 40)], got, want)
						}
						compared++
						if got {
							admitted++
						}
					}
				}
			}
		}
	}
	if compared == 0 || admitted == 0 || admitted == compared {
		t.Fatalf("%d compared, %d admitted: the test tests nothing", compared, admitted)
	}
	t.Logf("%d compared, %d admitted", compared, admitted)
}

func TestStemKey(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"abc", "abcdef", true}, {"ab", "abc", false}, {"1", "9 km", true}, {"#", "7", true},
		{"при", "прикол", true}, {"п", "пр", false}, {"a", "a", true}, {"", "a", false},
	} {
		if got := stemKey(c.a) == stemKey(c.b); got != c.same {
			t.Errorf("stemKey(%q) == stemKey(%q): %v, want %v", c.a, c.b, got, c.same)
		}
	}
}

// TestBranchesAsWholePattern: at every word start of the shared texts
// (and of the texts cut just after each start, where a window ends), an
// index entry's branches find what the whole pattern finds.
func TestBranchesAsWholePattern(t *testing.T) {
	dir := shareddata.Dir(t, "articles")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(files) == 0 {
		t.Skip("no texts")
	}
	split, compared, found := 0, 0, 0
	for _, m := range []*matcher{sentenceMatcher, triggerMatcher, timeMatcher, numberMatcher} {
		for _, es := range m.index {
			for k := range es {
				if es[k].p.branchesOf() != nil {
					split++
				}
			}
		}
	}
	for n, f := range files {
		if n%3 != 0 {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := lowerCyr(string(b))
		starts := wordStarts(s)
		for _, m := range []*matcher{sentenceMatcher, triggerMatcher, timeMatcher, numberMatcher} {
			for _, es := range m.index {
				for k := range es {
					e := &es[k]
					for _, i := range starts {
						if e.stem == "#" && (s[i] < '0' || s[i] > '9') || e.stem != "#" && !strings.HasPrefix(s[i:], e.stem) {
							continue
						}
						for _, w := range []string{s[i:min(len(s), i+2*window)], s[i:min(len(s), i+len(e.stem)+3)]} {
							loc, ok := e.findIndex(w)
							want := e.p.re.get().FindStringIndex(w)
							if ok != (want != nil) || ok && (loc[0] != want[0] || loc[1] != want[1]) {
								t.Fatalf("stem %q of %s at %q: %v %v, want %v", e.stem, e.p.re.src, w[:min(len(w), 60)], loc, ok, want)
							}
							compared++
							if ok {
								found++
							}
						}
					}
				}
			}
		}
	}
	if split == 0 || found == 0 || found == compared {
		t.Fatalf("%d split entries, %d compared, %d found: the test tests nothing", split, compared, found)
	}
	t.Logf("%d split entries, %d compared, %d found", split, compared, found)
}

func TestSplitAlternation(t *testing.T) {
	for src, want := range map[string]string{
		`a|b`:                    `a;b`,
		`(?:a|b)c|d`:             `(?:a|b)c;d`,
		`[|]x|y`:                 `[|]x;y`,
		`[]|]x|y`:                `[]|]x;y`,
		`[^]|]|y`:                `[^]|];y`,
		`\||y`:                   `\|;y`,
		`[[:alpha:]|]+|z`:        `[[:alpha:]|]+;z`,
		`наш\pL*|ми|мы`:          `наш\pL*;ми;мы`,
		`a|`:                     `a;`,
		`single`:                 `single`,
		`(a|b`:                   ``,
		`\Qa|b\E`:                ``,
		`[abc`:                   ``,
		`x\p{L}+ (?:в|у)|\d+ km`: `x\p{L}+ (?:в|у);\d+ km`,
	} {
		if got := strings.Join(splitAlternation(src), ";"); got != want {
			t.Errorf("splitAlternation(%q) = %q, want %q", src, got, want)
		}
	}
}

// TestBranchesCompile: every branch of every indexed pattern compiles (a
// branch is compiled on its first use, in an extraction).
func TestBranchesCompile(t *testing.T) {
	n := 0
	for _, m := range []*matcher{sentenceMatcher, triggerMatcher, timeMatcher, numberMatcher} {
		for _, es := range m.index {
			for _, e := range es {
				for _, b := range e.p.branchesOf() {
					if b.get() == nil {
						t.Fatalf("%s: not compiled", b.src)
					}
					n++
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no branch")
	}
}

// findAsBefore is matcher.find as it was before the heads bitmap and
// before submatch patterns were first tried through their branches:
// every word start looks the map up, and a submatch pattern runs whole
// wherever its literal beginnings admit the word.
func findAsBefore(m *matcher, s string, starts []int, submatches bool) []match {
	var out []match
	for _, i := range starts {
		es := m.index[stemKey(s[i:min(len(s), i+3)])]
		j := i
		for j < len(s) && j < i+3 && isASCIIWord(s[j]) {
			j++
		}
		if j-i < 3 && j < len(s) {
			if more := m.index[bytesKey(s[i:j])]; len(more) > 0 {
				es = append(es[:len(es):len(es)], more...)
			}
		}
		var tried []*wordPattern
	entries:
		for k := range es {
			e := &es[k]
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
			win, cutAt := window, cut
			if e.p.cyrillic {
				win, cutAt = 2*window, cutRune
			}
			w := s[i:min(len(s), i+win)]
			if submatches {
				if !e.p.re.mayMatchAt(w) {
					continue
				}
				loc := e.p.re.get().FindStringSubmatchIndex(w)
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
			} else if loc := e.p.re.get().FindStringIndex(w); loc != nil {
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

// TestFindAsBefore: on every sentence of a third of the shared texts,
// each matcher finds, with and without submatches, what findAsBefore
// finds; and every key of an index has its bit in heads.
func TestFindAsBefore(t *testing.T) {
	matchers := []*matcher{sentenceMatcher, triggerMatcher, timeMatcher, numberMatcher}
	for _, m := range matchers {
		for k := range m.index {
			if !m.mayHave(k) {
				t.Fatalf("key %x: no bit in heads", k)
			}
		}
	}
	dir := shareddata.Dir(t, "articles")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(files) == 0 {
		t.Skip("no texts")
	}
	compared, found := 0, 0
	for n, f := range files {
		if n%3 != 1 {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for _, sp := range splitSentences(text) {
			s := lowerCyr(text[sp.start:sp.end])
			starts := wordStarts(s)
			for _, m := range matchers {
				for _, sub := range []bool{false, true} {
					got, want := m.find(s, starts, sub), findAsBefore(m, s, starts, sub)
					if len(got) != len(want) {
						t.Fatalf("%q: %d matches, want %d", s, len(got), len(want))
					}
					for k := range got {
						g, w := got[k], want[k]
						if g.p != w.p || g.start != w.start || g.end != w.end || !slices.Equal(g.groups, w.groups) {
							t.Fatalf("%q: match %d %v, want %v", s, k, g, w)
						}
					}
					compared++
					found += len(got)
				}
			}
		}
	}
	if compared == 0 || found == 0 {
		t.Fatalf("%d compared, %d found: the test tests nothing", compared, found)
	}
	t.Logf("%d sentence runs compared, %d matches", compared, found)
}

// TestMatcherWindowAsWide: at every word start of every shared text, the
// four word matchers find the same matches and groups in each pattern's
// bounded window as in the fixed one.
func TestMatcherWindowAsWide(t *testing.T) {
	dir := shareddata.Dir(t, "articles")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(files) == 0 {
		t.Skip("no texts")
	}
	bounded := 0
	for _, p := range matcherPatterns() {
		if p.maxWindow() < window {
			bounded++
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
		for _, m := range []*matcher{sentenceMatcher, triggerMatcher, timeMatcher, numberMatcher} {
			for _, sub := range []bool{false, true} {
				got, want := m.findIn(s, starts, sub, true), m.findIn(s, starts, sub, false)
				if len(got) != len(want) {
					t.Fatalf("%s: %d matches, want %d", f, len(got), len(want))
				}
				for k := range got {
					if got[k].p != want[k].p || got[k].start != want[k].start || got[k].end != want[k].end || !slices.Equal(got[k].groups, want[k].groups) {
						t.Fatalf("%s: match %d: %v, want %v", f, k, got[k], want[k])
					}
				}
				found += len(got)
			}
		}
	}
	if bounded == 0 || found == 0 {
		t.Fatalf("%d bounded patterns, %d matches: the test tests nothing", bounded, found)
	}
	t.Logf("%d of %d patterns bounded, %d matches compared", bounded, len(matcherPatterns()), found)
}

// TestLookupAsIndexMap: the matchers' bucket lookup gives the index map's
// entries (the same slice) for every key of every matcher, for the keys
// of every word start of the tune texts (and of the short words), and
// nothing for keys the map lacks.
func TestLookupAsIndexMap(t *testing.T) {
	ms := []*matcher{sentenceMatcher, triggerMatcher, timeMatcher, numberMatcher, newMatcher(newWordPattern([]string{"ab", "#", "abc"}, `abc|ab\d`))}
	same := func(m *matcher, k uint32) {
		got, want := m.lookup(k), m.index[k]
		if len(got) != len(want) || len(want) > 0 && &got[0] != &want[0] {
			t.Fatalf("key %#x: lookup %d entries, index %d", k, len(got), len(want))
		}
	}
	n := 0
	for _, m := range ms {
		for k := range m.index {
			same(m, k)
			same(m, k^1<<24) // another length
			same(m, k^1<<16) // another third byte
			n++
		}
		if len(m.buckets) == 0 {
			t.Fatal("a matcher with no buckets")
		}
	}
	words, hits := 0, 0
	for _, text := range tuneTexts(t) {
		low := lowerCyr(text)
		for _, i := range wordStarts(low) {
			for _, m := range ms {
				k := stemKey(low[i:min(len(low), i+3)])
				same(m, k)
				if len(m.index[k]) > 0 {
					hits++
				}
				j := i
				for j < len(low) && j < i+3 && isASCIIWord(low[j]) {
					j++
				}
				same(m, bytesKey(low[i:j]))
			}
			words++
		}
	}
	if hits == 0 {
		t.Fatal("no word start has entries: the comparison proves nothing")
	}
	t.Logf("%d keys, %d word starts, %d lookups with entries", n, words, hits)
}

// TestWordStartsAsDecoding: wordStarts, which takes a two-byte Cyrillic
// letter without decoding it, gives the former walk's starts
// (wordStartsByRune, kept here) on every tune text, its pieces, and
// random strings with invalid UTF-8.
func TestWordStartsAsDecoding(t *testing.T) {
	check := func(s string) {
		if got, want := wordStarts(s), wordStartsByRune(s); !slices.Equal(got, want) {
			t.Fatalf("%q: %v, decoding %v", s, got, want)
		}
	}
	for _, text := range tuneTexts(t) {
		check(text)
		check(lowerCyr(text))
		for i := 1; i < len(text); i += 89 {
			check(text[i:])
			check(text[:i])
		}
	}
	rng := rand.New(rand.NewSource(2))
	pieces := []string{" ", "a", "1", "б", "Ѳ", "ѿ", "҂", "\xd0", "\xd1", "\x80", "\xbf", "\xd0\xd0", "ʼ", "’", "-", "é", "\u0488"}
	for range 20000 {
		var b []byte
		for range rng.Intn(10) {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		check(string(b))
	}
}

func wordStartsByRune(s string) []int {
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
