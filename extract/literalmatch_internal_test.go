package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/frontline-osint/frontline/internal/shareddata"
)

// matcherPatterns are the patterns of the word matchers, each once.
func matcherPatterns() []*wordPattern {
	var out []*wordPattern
	seen := map[*wordPattern]bool{}
	for _, m := range []*matcher{sentenceMatcher, triggerMatcher, timeMatcher, numberMatcher} {
		for _, es := range m.index {
			for _, e := range es {
				if !seen[e.p] {
					seen[e.p] = true
					out = append(out, e.p)
				}
			}
		}
	}
	return out
}

// literalPrograms are the literal matchers of every pattern and branch of
// the word matchers, with the regexp each stands for.
func literalPrograms(t *testing.T) (lms []*literalMatcher, res []*regexp.Regexp, total int) {
	for _, p := range matcherPatterns() {
		if bs := p.branchesOf(); bs != nil {
			for _, b := range bs {
				total++
				if b.lits != nil {
					lms, res = append(lms, b.lits), append(res, b.get())
				}
			}
			continue
		}
		total++
		if lm := p.wholeLiterals(); lm != nil {
			lms, res = append(lms, lm), append(res, p.re.get())
		}
	}
	if len(lms) == 0 {
		t.Fatal("no pattern is a list of literals: the test tests nothing")
	}
	return lms, res, total
}

// TestLiteralsAsRegexp: a literal matcher finds what its regexp finds,
// on every literal it lists followed (or cut) by characters of every
// kind that decide the suffix: ASCII and Cyrillic letters, digits, `_`,
// superscripts (\pN, not digits), apostrophes, spaces, invalid bytes.
func TestLiteralsAsRegexp(t *testing.T) {
	lms, res, total := literalPrograms(t)
	tails := []string{"1a", "12", "123", "12345", "жж ", "ж-ж ", "a-b", "x y", " рф", " сил рф", "ab ", "-1", "ab_", "", " ", "a", "Z", "_", "1", "ж", "жа", "ж1", "ж ", "a1", "²", "’", "'", "-", ".", "\xff", "\xd0", "aж", "жz", "ab cd", "ї", "é"}
	compared, found := 0, 0
	for k, lm := range lms {
		for _, a := range lm.alts {
			// The alt's literals with the runs' classes' first
			// characters between them, then every tail.
			var b strings.Builder
			for _, s := range a.segs {
				b.WriteString(s.lit)
				if s.run != nil {
					for n := 0; n < max(1, s.run.min); n++ {
						b.WriteRune(s.run.ranges[0] + rune(n%2))
					}
				}
			}
			lit := b.String()
			for _, tail := range tails {
				for _, w := range []string{lit + tail, lit[:len(lit)/2] + tail, a.segs[0].lit + tail} {
					end, ok := lm.find(w)
					want := res[k].FindStringIndex(w)
					if ok != (want != nil) || ok && (want[0] != 0 || want[1] != end) {
						t.Fatalf("%s at %q: %d %v, want %v", res[k], w, end, ok, want)
					}
					compared++
					if ok {
						found++
					}
				}
			}
		}
	}
	if found == 0 || found == compared {
		t.Fatalf("%d compared, %d found: the test tests nothing", compared, found)
	}
	t.Logf("%d of %d patterns and branches are literals; %d compared, %d found", len(lms), total, compared, found)
}

// TestLiteralsAsRegexpOnTexts: at every word start of every shared text,
// in windows of the matcher's widths and cut just after the start, a
// literal matcher finds what its regexp finds.
func TestLiteralsAsRegexpOnTexts(t *testing.T) {
	dir := shareddata.Dir(t, "articles")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(files) == 0 {
		t.Skip("no texts")
	}
	lms, res, _ := literalPrograms(t)
	compared, found := 0, 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := lowerCyr(string(b))
		for _, i := range wordStarts(s) {
			for k, lm := range lms {
				if !strings.HasPrefix(s[i:], lm.alts[0].segs[0].lit[:min(1, len(lm.alts[0].segs[0].lit))]) && k%7 != 0 {
					continue // most pairs cannot match: compare a seventh of them
				}
				for _, w := range []string{s[i:min(len(s), i+window)], s[i:min(len(s), i+2*window)], s[i:min(len(s), i+4)]} {
					end, ok := lm.find(w)
					want := res[k].FindStringIndex(w)
					if ok != (want != nil) || ok && (want[0] != 0 || want[1] != end) {
						t.Fatalf("%s at %q: %d %v, want %v", res[k], w[:min(len(w), 60)], end, ok, want)
					}
					compared++
					if ok {
						found++
					}
				}
			}
		}
	}
	if found == 0 || found == compared {
		t.Fatalf("%d compared, %d found: the test tests nothing", compared, found)
	}
	t.Logf("%d compared, %d found", compared, found)
}

func TestLiteralAltsOrder(t *testing.T) {
	for _, c := range []struct {
		src  string
		cyr  bool
		want string
	}{
		{`a|ab`, false, `a;ab`},
		{`ab?`, false, `ab;a`},
		{`(?:x|y)(?:1|2)`, false, `x1;x2;y1;y2`},
		{`a{1,2}`, false, `[1,2]`},
		{`(?:ab){1,2}`, false, `abab;ab`},
		{`ab{0,2}c`, false, `a[0,2]c`},
		{`захват\pL*`, true, `захват[0,-1]`},
		{`(?:вибил|вибит)\pL*`, true, `вибил[0,-1];вибит[0,-1]`},
		{`(?:вс |збройн\pL* )?рф`, true, `вс рф;збройн[0,-1] рф;рф`},
		{`(\d{4})-(\d{2})`, false, `[4,4]-[2,2]`},
		{`a+`, false, `[1,-1]`},
		{`a+b`, false, `[1,-1]b`},
		{`a+a`, false, `-`}, // the run may end before any a
		{`a*`, false, `-`},  // \b after no a: not one way
		{`\pL+ x`, false, `[1,-1] x`},
		{`[\pL-]+`, true, `-`}, // "-" ends a Cyrillic word: not one way
		{`a\pL*`, false, `-`},  // \b after letters: not one way
		{`ab??`, false, `-`},
		{`(?i)a`, false, `-`},
		{`\pL*\pL*x`, true, `-`},
		{`a\b b`, false, `-`},
	} {
		var got string
		if lm := newLiteralMatcher(c.src, c.cyr); lm == nil {
			got = "-"
		} else {
			var alts []string
			for _, a := range lm.alts {
				var b strings.Builder
				for _, s := range a.segs {
					b.WriteString(s.lit)
					if s.run != nil {
						fmt.Fprintf(&b, "[%d,%d]", s.run.min, s.run.max)
					}
				}
				alts = append(alts, b.String())
			}
			got = strings.Join(alts, ";")
		}
		if got != c.want {
			t.Errorf("%s: %s, want %s", c.src, got, c.want)
		}
	}
}

// TestBranchPrefixesOfAlternative: a branch's literal beginnings, taken
// from its alternative alone, are those of the branch as compiled
// (^(?:alternative)suffix).
func TestBranchPrefixesOfAlternative(t *testing.T) {
	n := 0
	for _, p := range matcherPatterns() {
		for _, b := range p.branchesOf() {
			var want []string
			if lp := newLiteralPrefixes(b.src); lp != nil {
				for l := range lp.set {
					want = append(want, l)
				}
				sort.Strings(want)
			}
			if !slices.Equal(b.prefixes, want) {
				t.Fatalf("%s: prefixes %q, want %q", b.src, b.prefixes, want)
			}
			n++
		}
	}
	if n == 0 {
		t.Fatal("no branch")
	}
}

// TestIsNumberAsUnicode: isNumber is unicode.IsNumber at every code point.
func TestIsNumberAsUnicode(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isNumber(r) != unicode.IsNumber(r) {
			t.Fatalf("%U: isNumber %v, unicode.IsNumber %v", r, isNumber(r), unicode.IsNumber(r))
		}
	}
}
