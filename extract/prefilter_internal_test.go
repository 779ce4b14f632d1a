package extract

import (
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline/internal/shareddata"
)

func TestLiteralPrefixes(t *testing.T) {
	for _, c := range []struct {
		src  string
		want []string // nil: no prefilter
	}{
		{`^(?:retook|recaptured)\b`, []string{"recaptured", "retook"}},
		{`^(?:advanc(?:ed|es) (?:to|on))\b`, []string{"advanced on", "advanced to", "advances on", "advances to"}},
		{`^(?:противник\pL*|ми)(?:[^\pL\pN]|$)`, []string{"ми", "противник"}},
		{`^(?:a?b)`, []string{"ab", "b"}},
		{`^(?:\pL+ km|x)`, nil},
		{`^(?:\d+ km|x)`, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "x"}},
		{`^(?:foo|)`, nil},
		{`^(?i:foo)`, nil},
		{`^(?:[ab]c)`, []string{"ac", "bc"}},
		{`^(?:(?:x)+y)`, []string{"x"}},
	} {
		p := newLiteralPrefixes(c.src)
		var got []string
		if p != nil {
			for s := range p.set {
				got = append(got, s)
			}
		}
		got = compactStrings(sortedCopy(got))
		if strings.Join(got, "|") != strings.Join(c.want, "|") || (p == nil) != (c.want == nil) {
			t.Errorf("%s: prefixes %q, want %q", c.src, got, c.want)
		}
	}
}

func TestLiteralPrefixesMayMatch(t *testing.T) {
	p := newLiteralPrefixes(`^(?:противник\pL*|ми|[0-9]+ km)(?:[^\pL\pN]|$)`)
	for s, want := range map[string]bool{
		"противника на": true, "протягом дня": false, "ми ": true, "мирні": true,
		"м": false, "12 km": true, "km": false, "": false,
	} {
		if got := p.mayMatch(s); got != want {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// TestPrefilterNeverHidesAMatch runs every anchored pattern at every word
// start of the shared press texts (lower-cased as the readers do): where the
// regexp matches, the prefilter must admit the text.
func TestPrefilterNeverHidesAMatch(t *testing.T) {
	dir := shareddata.Dir(t, "articles")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(files) == 0 {
		t.Skip("no texts")
	}
	matched := 0
	for _, f := range files[:min(len(files), 40)] {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := lowerCyr(string(b))
		for _, i := range wordStarts(s) {
			w := s[i:min(len(s), i+2*window)]
			for _, p := range allPatterns {
				if !strings.HasPrefix(p.src, "^") {
					continue
				}
				if p.get().MatchString(w) {
					matched++
					if !p.mayMatchAt(w) {
						t.Fatalf("%s matches %q but the prefilter refuses it", p.src, w[:min(len(w), 40)])
					}
				}
			}
		}
	}
	if matched == 0 {
		t.Fatal("no pattern matched: the test tests nothing")
	}
	t.Logf("%d matches admitted", matched)
}

// knownSpeakerScan is cyrSpeakerSide's former loop over the known
// speakers: firstWordPrefix for each of their words in turn.
func knownSpeakerScan(l string, groups [][]string) int {
	for k, g := range groups {
		for _, m := range g {
			if firstWordPrefix(l, m) >= 0 {
				return k
			}
		}
	}
	return -1
}

// TestWordPrefixIndexAsScan: the index gives the group the former loop
// gave, on every sentence of the tune texts (lowered, whole and cut at
// every tenth byte from either end, in the middle of characters too)
// and on made-up cases.
func TestWordPrefixIndexAsScan(t *testing.T) {
	groups := make([][]string, len(cyrKnownSpeakers))
	for k, s := range cyrKnownSpeakers {
		groups[k] = s.match
	}
	idx := cyrSpeakerIndex()
	n, found := 0, 0
	check := func(x *wordPrefixIndex, gs [][]string, l string) {
		n++
		got, want := x.first(l), knownSpeakerScan(l, gs)
		if got != want {
			t.Fatalf("%q: index %d, scan %d", l, got, want)
		}
		if want >= 0 {
			found++
		}
	}
	made := [][]string{{"ab"}, {"b", "рф"}, {"x", ""}}
	madeIdx := newWordPrefixIndex(made)
	noEmpty := [][]string{{"ab"}, {"b", "рф"}, {"zz"}}
	noEmptyIdx := newWordPrefixIndex(noEmpty)
	for _, l := range []string{"", "a", "ab", "cab", "c ab", "cb", " b", "брф", "б рф", "\xb0рф", "рф\xd1", "ab b", "b ab", "zz", "аzz", "1zz"} {
		check(madeIdx, made, l)
		check(noEmptyIdx, noEmpty, l)
		check(idx, groups, l)
	}
	for _, text := range tuneTexts(t) {
		low := lowerCyr(text)
		for _, sp := range splitSentences(low) {
			s := low[sp.start:sp.end]
			check(idx, groups, s)
			for i := 10; i < len(s); i += 10 {
				check(idx, groups, s[i:])
				check(idx, groups, s[:i])
			}
		}
	}
	if found == 0 || found == n {
		t.Fatalf("%d of %d texts name a known speaker: the comparison proves nothing", found, n)
	}
	t.Logf("%d texts, %d name a known speaker", n, found)
}

// TestPairTableAsMap: a pair table answers as the map it was made of,
// for every pair of bytes, on random maps and on the stem sets' own.
func TestPairTableAsMap(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	maps := []map[uint16]int{{}, {0: 1}, {0xFFFF: 2}, {63: 3, 64: 4, 65: 5}}
	for range 20 {
		m := map[uint16]int{}
		for range rng.Intn(3000) {
			m[uint16(rng.Intn(1<<16))] = rng.Int()
		}
		maps = append(maps, m)
	}
	for _, m := range maps {
		tb := newPairTable(m)
		for h := range 1 << 16 {
			got, ok := tb.get(uint16(h))
			want, ok2 := m[uint16(h)]
			if got != want || ok != ok2 {
				t.Fatalf("pair %#x: %d %v, map %d %v", h, got, ok, want, ok2)
			}
		}
	}
	for _, set := range []*stemSet{unitStemSet, uniUnitStemSet, newStemSet(otherVoiceMarkers...), newStemSet(russianTextMarkers...)} {
		for h := range 1 << 16 {
			got, _ := set.pairT.get(uint16(h))
			if want := set.byPair[uint16(h)]; !slices.Equal(got, want) {
				t.Fatalf("pair %#x: %q, map %q", h, got, want)
			}
		}
		for q, want := range set.byQuad {
			if got := set.quadStemsOf(q); !slices.Equal(got, want) {
				t.Fatalf("quad %#x: %q, map %q", q, got, want)
			}
			if got := set.quadStemsOf(q ^ 1<<24); len(got) > 0 && set.byQuad[q^1<<24] == nil {
				t.Fatalf("quad %#x: %q, map none", q^1<<24, got)
			}
		}
	}
}

// relativeClauseScan is relativeClauseStart as it was: the last
// occurrence of each clause word in turn.
func relativeClauseScan(pre string) int {
	at := -1
	for _, r := range relativeClauses {
		if i := strings.LastIndex(pre, r); i >= 0 && i+1 > at {
			at = i + 1
		}
	}
	return at
}

// TestRelativeClauseStartAsScan: relativeClauseStart, which tries only
// the commas, gives the former scan's answer before every byte of every
// sentence of the tune texts (lowered), and on made-up cases.
func TestRelativeClauseStartAsScan(t *testing.T) {
	if !relativeClausesAfterComma {
		t.Skip("a relative clause word does not begin with a comma: the scan is used")
	}
	n, found := 0, 0
	check := func(pre string) {
		n++
		got, want := relativeClauseStart(pre), relativeClauseScan(pre)
		if got != want {
			t.Fatalf("%q: %d, scan %d", pre, got, want)
		}
		if want >= 0 {
			found++
		}
	}
	for _, s := range []string{"", ",", ", ", ", which ", "x, which y, who z", ", , which ", ",, which", "a, b, c, де ", ", де, де "} {
		check(s)
	}
	for _, text := range tuneTexts(t) {
		low := lowerCyr(text)
		for _, sp := range splitSentences(low) {
			s := low[sp.start:sp.end]
			for i := 0; i <= len(s); i++ {
				check(s[:i])
			}
		}
	}
	if found == 0 || found == n {
		t.Fatalf("%d of %d have a relative clause: the test tests nothing", found, n)
	}
	t.Logf("%d texts, %d with a relative clause", n, found)
}

// TestDigitRunNecessary: a pattern (or branch) with a digit run never
// matches where the run turns the text away, at every word start of the
// tune texts and after every number of made-up ones; and it turns some
// away (else it would only cost).
func TestDigitRunNecessary(t *testing.T) {
	if dayMonthPattern.digitRun() == nil {
		t.Fatal("the day-month date pattern has no digit run")
	}
	if d := digitRunOf(mustParse(t, `(\d{1,2})(?:st|nd|rd|th)? (?:of )?(may|june)`)); d == nil || d.mayMatch("12 ma") || !d.mayMatch("12 may") || !d.mayMatch("1st of june") || d.mayMatch("123 may") || d.mayMatch("x") {
		t.Fatalf("digit run %+v", d)
	}
	// A run after an optional part of known strings, the rest beginning
	// with an optional part whose own beginnings are not exact.
	if d := digitRunOf(mustParse(t, `(?:(?:з|від) )?(\d{1,2})(?: (січня|лютого)(?: \d+)?)? ?(?:по|-) ?(\d{1,2})`)); d == nil ||
		!d.mayMatch("з 12 по 14") || !d.mayMatch("від 1 лютого 2024 - 3") || !d.mayMatch("12-14") || !d.mayMatch("3 січня по") ||
		d.mayMatch("з 12 травня") || d.mayMatch("12 травня") || d.mayMatch("до 12 по") || d.mayMatch("з") || d.mayMatch("123 по") {
		t.Fatalf("digit run after a lead %+v", d)
	}
	for _, src := range []string{`\d+`, `x\d+ y`, `(?i:\d+ y)`, `\d* y`, `[0-9a] y`, `(?:x|\w)?\d+ y`, `(?:x )?\d+`} {
		if d := digitRunOf(mustParse(t, src)); d != nil && src != `(?i:\d+ y)` {
			t.Errorf("%s: a digit run %+v", src, d)
		}
	}
	type tried struct {
		re     *regexp.Regexp
		digits *digitRun
	}
	var ps []tried
	for _, m := range []*matcher{sentenceMatcher, triggerMatcher, timeMatcher, numberMatcher} {
		for _, es := range m.index {
			for _, e := range es {
				if d := e.p.digitRun(); d != nil {
					ps = append(ps, tried{e.p.re.get(), d})
				}
				for _, b := range e.p.branchesOf() {
					if b.digits != nil {
						ps = append(ps, tried{b.get(), b.digits})
					}
				}
			}
		}
	}
	if len(ps) == 0 {
		t.Fatal("no pattern with a digit run")
	}
	texts := []string{"12 may", "1st of june", "3rd march 2022", "30 september", "2024 may", "12 mayor", "5 km", "1 2 may"}
	for _, text := range tuneTexts(t) {
		texts = append(texts, lowerCyr(text))
	}
	var c necessaryCount
	for _, s := range texts {
		for _, i := range wordStarts(s) {
			if s[i] < '0' || s[i] > '9' {
				continue
			}
			w := s[i:min(len(s), i+192)]
			for _, p := range ps {
				c.try(t, p.re, w, p.digits.mayMatch(w))
			}
		}
	}
	c.check(t)
	t.Logf("%d patterns with a digit run; %d tries at numbers, %d turned away, %d matched", len(ps), c.n, c.away, c.matched)
}

// necessaryCount tallies the tries of a necessary condition against the
// regexp it stands before.
type necessaryCount struct{ n, away, matched int }

// try runs re on w; admits is the condition's answer, which must be true
// where re matches.
func (c *necessaryCount) try(t *testing.T, re *regexp.Regexp, w string, admits bool) {
	t.Helper()
	c.n++
	ok := re.MatchString(w)
	if ok {
		c.matched++
	}
	if !admits {
		c.away++
		if ok {
			t.Fatalf("%q: turned away, but %s matches", w, re)
		}
	}
}

// check fails the test when the tries tested nothing.
func (c necessaryCount) check(t *testing.T) {
	t.Helper()
	if c.away == 0 || c.matched == 0 {
		t.Fatalf("%d tries, %d turned away, %d matched: the test tests nothing", c.n, c.away, c.matched)
	}
}

func mustParse(t *testing.T, src string) *syntax.Regexp {
	t.Helper()
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	return re
}

// TestRequiredLiteralsNecessary: the required strings of a pattern are in
// every text it matches. Made-up patterns with known answers, then every
// pattern and branch of the four word matchers that has some, at every
// word start of the tune texts that begins with one of its stems: no
// window the check turns away is matched.
func TestRequiredLiteralsNecessary(t *testing.T) {
	for src, want := range map[string][]string{
		`(?:about\s+)?(\d+|one|two)\s+(km|miles)`:     {"km", "miles"},
		`(\d+) (?:sq\.? km|square (?:km|miles))`:      {" km", "uare km", "uare miles"}, // as Go factors it
		`(?:\d+|most) of`:                             {" of"},
		`(?:control|controls|occupy) (?:\d+|most) of`: nil, // its beginnings are longer: the prefixes' check
		`advanc(?:ed|ing) by`:                         nil, // its beginning: the prefixes' check
		`\d+ ?(?:km|m)`:                               nil, // "m" is too short
		`(?:x|y)?\d+`:                                 nil,
		`(?i:abc) \d+ def`:                            {" def"},
	} {
		got := requiredLiteralsOf(mustParse(t, src))
		if !slices.Equal([]string(got), want) {
			t.Errorf("%s: required %q, want %q", src, got, want)
		}
	}
	type tried struct {
		p   *wordPattern
		re  *regexp.Regexp
		req requiredLiterals
	}
	var ps []tried
	seen := map[*wordPattern]bool{}
	for _, m := range []*matcher{sentenceMatcher, triggerMatcher, timeMatcher, numberMatcher} {
		for _, es := range m.index {
			for _, e := range es {
				if seen[e.p] {
					continue
				}
				seen[e.p] = true
				if r := e.p.required(); r != nil {
					ps = append(ps, tried{e.p, e.p.re.get(), r})
				}
				for _, b := range e.p.branchesOf() {
					if b.req != nil {
						ps = append(ps, tried{e.p, b.get(), b.req})
					}
				}
			}
		}
	}
	if numberPattern.required() == nil {
		t.Fatal("the number pattern has no required strings")
	}
	var c necessaryCount
	for _, text := range tuneTexts(t) {
		s := lowerCyr(text)
		for _, i := range wordStarts(s) {
			w := s[i:min(len(s), i+192)]
			for _, p := range ps {
				begins := false
				for _, st := range p.p.stems {
					if st == "#" && w[0] >= '0' && w[0] <= '9' || strings.HasPrefix(w, st) {
						begins = true
						break
					}
				}
				if !begins {
					continue
				}
				c.try(t, p.re, w, p.req.mayMatch(w))
			}
		}
	}
	c.check(t)
	t.Logf("%d patterns and branches, %d tries, %d turned away, %d matched", len(ps), c.n, c.away, c.matched)
}

// TestLiteralPrefixesAsScan: mayMatch (its index of heads packed in
// numbers) answers whether the text begins with one of the prefixes, as a
// scan of them all does, for every pattern's prefixes at every word start
// of the tune texts, and its first three bytes (a head cut short).
func TestLiteralPrefixesAsScan(t *testing.T) {
	var sets []*literalPrefixes
	for _, p := range allPatterns {
		p.get()
		if p.prefixes != nil {
			sets = append(sets, p.prefixes)
		}
	}
	if len(sets) < 10 {
		t.Fatalf("only %d patterns with prefixes", len(sets))
	}
	n, yes := 0, 0
	for _, text := range tuneTexts(t) {
		s := lowerCyr(text)
		for _, i := range wordStarts(s) {
			for _, cut := range []int{3, 2 * window} {
				w := s[i:min(len(s), i+cut)]
				for _, p := range sets {
					want := false
					for l := range p.set {
						if strings.HasPrefix(w, l) {
							want = true
							break
						}
					}
					if got := p.mayMatch(w); got != want {
						t.Fatalf("%q: mayMatch %v, a scan %v", w, got, want)
					}
					n++
					if want {
						yes++
					}
				}
			}
		}
	}
	if yes == 0 {
		t.Fatal("no text begins with a prefix: the test tests nothing")
	}
	t.Logf("%d texts asked, %d begin with a prefix", n, yes)
}

// TestPairFilterNecessary: the pair filter of a text admits every string
// the text contains — each of its substrings, and firstInPhrase's
// openers, claimPlace's words and the known speakers' names wherever they
// occur — for pieces of the tune texts (lowered) 90 or 300 bytes long
// before every word start, and turns away most of the phrases.
func TestPairFilterNecessary(t *testing.T) {
	phrases := append(append(append([]string{}, attributionOpeners...), pressureOpeners...),
		"группировк", "угрупован", "угрупуван", "осув ", "оск ", "річк", "річц", "река ", "реки ", "реке ", "river ", "grouping ", "", "x")
	for _, k := range knownSpeakers {
		phrases = append(phrases, k.match...)
	}
	rng := rand.New(rand.NewSource(7))
	n, away, contained := 0, 0, 0
	for _, text := range tuneTexts(t) {
		s := lowerCyr(text)
		for k, i := range wordStarts(s) {
			reach := 90
			if k%2 == 1 {
				reach = 300 // a speaker's phrase
			}
			before := s[max(0, i-reach):i]
			f := newPairFilter(before)
			for range 3 {
				a := rng.Intn(len(before) + 1)
				b := a + rng.Intn(len(before)-a+1)
				if !f.mayContain(before[a:b]) {
					t.Fatalf("%q: its part %q turned away", before, before[a:b])
				}
			}
			for _, p := range phrases {
				n++
				in := strings.Contains(before, p)
				if in {
					contained++
				}
				if !f.mayContain(p) {
					away++
					if in {
						t.Fatalf("%q: %q turned away", before, p)
					}
				}
			}
		}
	}
	if contained == 0 || away < n/2 {
		t.Fatalf("%d asked, %d contained, %d turned away: the filter tests too little", n, contained, away)
	}
	t.Logf("%d asked, %d contained, %d turned away", n, contained, away)
}
