package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

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
		if lm := p.literals(p.src); lm != nil {
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
	tails := []string{"", " ", "a", "Z", "_", "1", "ж", "жа", "ж1", "ж ", "a1", "²", "’", "'", "-", ".", "\xff", "\xd0", "aж", "жz", "ab cd", "ї", "é"}
	compared, found := 0, 0
	for k, lm := range lms {
		for _, a := range lm.alts {
			for _, tail := range tails {
				for _, w := range []string{a.lit + tail, a.lit[:len(a.lit)/2] + tail} {
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
				if !strings.HasPrefix(s[i:], lm.alts[0].lit[:min(1, len(lm.alts[0].lit))]) && k%7 != 0 {
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
	for src, want := range map[string]string{
		`a|ab`:                `a;ab`,
		`ab?`:                 `ab;a`,
		`ab??`:                `a;ab`,
		`(?:x|y)(?:1|2)`:      `x1;x2;y1;y2`,
		`a{1,2}`:              `aa;a`,
		`ab{0,2}c`:            `abbc;abc;ac`,
		`захват\pL*`:          `захват+`,
		`(?:вибил|вибит)\pL*`: `вибил+;вибит+`,
		`a+`:                  `-`,
		`(?i)a`:               `-`,
		`\pL*x`:               `-`,
		`a\b b`:               `-`,
		`[a-z]`:               `-`,
	} {
		cyr := strings.Contains(src, `\pL`)
		var got string
		if lm := newLiteralMatcher(src, cyr); lm == nil {
			got = "-"
		} else {
			var parts []string
			for _, a := range lm.alts {
				if a.letters {
					a.lit += "+"
				}
				parts = append(parts, a.lit)
			}
			got = strings.Join(parts, ";")
		}
		if got != want {
			t.Errorf("%s: %s, want %s", src, got, want)
		}
	}
}
