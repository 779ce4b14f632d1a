package extract

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// npWords are lower-case words that belong in a speaker's noun phrase
// ("presidential adviser", "foreign ministry spokesman", "defense
// officials").
var npWords = toSet(`of for the and on presidential adviser advisor spokesman spokeswoman spokesperson foreign ministry
minister head chief officials official strategists analysts sources authorities governor mayor commander military command
defense defence intelligence representative top senior local regional state account administration government forces
army general staff deputy press service office council secretary agency analysts experts observers think tank
administrative russian-appointed russian-installed pro-russian pro-kremlin occupation-installed self-proclaimed so-called
british american us ukrainian russian western officer officers soldier soldiers residents witnesses journalists reporters
de facto acting former appointed installed leader leaders in`)

// skipBefore are words between a subject and its reporting verb ("the
// ISW also said", "Zelensky had said").
var skipBefore = toSet(`also had has have was were is are then later earlier again once further publicly officially previously reportedly`)

var pronouns = toSet(`he she they it we i`)

var notSpeakers = toSet(`there this that these those which who what here`)

// speakerAdjectives are words that only describe a speaker: a phrase of
// nothing else is no speaker ("Foreign", "Senior Ukrainian").
var speakerAdjectives = toSet(`foreign western eastern northern southern local senior top former acting regional
presidential russian ukrainian british american european german french polish belarusian chinese turkish iranian
soviet georgian chechen pro-russian pro-kremlin russian-appointed russian-installed occupation-installed`)

// speaker finds the attributed speaker of a sentence and the speaker's
// side. A pronoun resolves to the last named speaker.
func (d *doc) speaker(si *sentenceInfo) (string, string) {
	for _, r := range si.reporting {
		m := [2]int{r.start, r.end}
		var sp string
		if strings.HasPrefix(si.lower[m[0]:], "according to") {
			sp = forwardNP(si.text[m[1]:])
		} else {
			sp = backwardSubject(si.text[:m[0]])
			if sp == "" && quoteBefore(si.text[:m[0]]) {
				sp = forwardNP(si.text[m[1]:])
			}
			if sp == "" && strings.HasSuffix(trimAux(si.text[:m[0]]), ",") {
				// "…, said Defense Ministry spokesman X": the one named
				// after the verb; else the sentence's subject.
				if sp = enInvertedSpeaker(si.text[m[0]:m[1]], si.text[m[1]:]); !plausibleSpeaker(sp) || clauseSubject(si.text[m[1]:], sp) {
					// "Voloshyn, spokesperson for …, said Huliaipole is
					// not …": the name after the verb opens what he
					// said.
					sp = leadingSubject(si.text[:m[0]])
				}
			}
		}
		sp = strings.TrimSpace(strings.Trim(sp, " ,"))
		if !plausibleSpeaker(sp) {
			continue
		}
		l := lowerASCII(sp)
		if pronouns[l] || l == "his information" || strings.HasPrefix(l, "his ") || strings.HasPrefix(l, "her ") || strings.HasPrefix(l, "their ") {
			if d.lastSpeaker == "" {
				continue
			}
			return d.lastSpeaker, d.lastSpeakerSide
		}
		side, _ := speakerSide(sp)
		if side == "" && unnamedMilitary(l) {
			if d.lastSpeakerSide != "" {
				// "Russia on Saturday said its forces had captured a
				// village … The defence ministry said its troops
				// liberated …": the ministry of the country that spoke.
				side = d.lastSpeakerSide
			} else {
				// "… according to a statement from the Russian
				// Ministry of Defense … ‘The liberation of X …,’ the
				// ministry claimed": the ministry the text named
				// with its country before.
				side = d.namedMilitaryBefore(si.start)
			}
		}
		// "Kyiv says": the government, not the city.
		if c, ok := capitals[strings.ToLower(sp)]; ok {
			sp, side = c.government, c.side
		}
		d.lastSpeaker, d.lastSpeakerSide = sp, side
		return sp, side
	}
	return "", ""
}

// unnamedMilitary reports whether a lower-case speaker is a military body
// named without its country: "the defence ministry", "the ministry",
// "the military".
func unnamedMilitary(l string) bool {
	switch l {
	case "the defence ministry", "the defense ministry", "the ministry", "the military", "the ministry of defence", "the ministry of defense", "the general staff":
		return true
	}
	return false
}

// namedMilitary is a ministry of defence or general staff named with its
// country ("the Russian Ministry of Defense", "Ukraine's General Staff"):
// not "Russian military bloggers", whom "the ministry" is not.
var namedMilitary = regexp.MustCompile(`\b(russian|russia's|russia’s|ukrainian|ukraine's|ukraine’s) +(?:ministry +of +defen[cs]e|defen[cs]e +ministry|general +staff)\b`)

// namedMilitaryBefore is the side of the last military body named with
// its country in the text before offset end, or "". It scans only the
// text after its previous call's end: a text of many such sentences stays
// linear.
func (d *doc) namedMilitaryBefore(end int) string {
	if end > d.militaryTo {
		// From the word start a little before the previous end: a name
		// cut there.
		from := max(0, d.militaryTo-40)
		for from > 0 && (!utf8.RuneStart(d.text[from]) || d.text[from-1] != ' ' && from > d.militaryTo-80) {
			from--
		}
		ms := namedMilitary.FindAllStringSubmatch(lowerASCII(d.text[from:end]), -1)
		if len(ms) > 0 {
			if strings.HasPrefix(ms[len(ms)-1][1], "russia") {
				d.militarySide = sideRussia
			} else {
				d.militarySide = sideUkraine
			}
		}
		d.militaryTo = end
	}
	return d.militarySide
}

// quoteBefore reports whether pre ends with a closing quote (and maybe a
// comma): "“…,” said Burns".
func quoteBefore(pre string) bool {
	p := strings.TrimRight(pre, " ,")
	return strings.HasSuffix(p, "”") || strings.HasSuffix(p, "\"") || strings.HasSuffix(p, "’") || strings.HasSuffix(p, ".")
}

// tokens of a phrase with their offsets: words and single punctuation.
type tok struct {
	s          string
	start, end int
}

func tokens(s string) []tok {
	// About a token per five bytes of text: sized once instead of grown
	// from nothing (a tenth of what an extraction allocated).
	return appendTokens(make([]tok, 0, len(s)/5+2), s)
}

// appendTokens appends the tokens of s to out.
func appendTokens(out []tok, s string) []tok {
	for i := 0; i < len(s); {
		r, n := decodeRune(s[i:])
		switch {
		case isSpace(r): // unicode.IsSpace, without its tables for Cyrillic
			i += n
		case isLetter(r) || isDigit(r): // unicode's, without its tables for Cyrillic
			j := i
			for j < len(s) {
				r2, n2 := decodeRune(s[j:])
				if isLetter(r2) || isDigit(r2) || ((r2 == '-' || isApostrophe(r2) || r2 == '.') && j+n2 < len(s) && isLetterAt(s, j+n2)) {
					j += n2
					continue
				}
				break
			}
			out = append(out, tok{s[i:j], i, j})
			i = j
		default:
			out = append(out, tok{s[i : i+n], i, i + n})
			i += n
		}
	}
	return out
}

// pooledTokens is tokens(s) in a list taken from a pool, for a caller
// that keeps none of it past releaseTokens (the tokens' strings may be
// kept: they are s's). The speaker finders tokenise whole sentences and
// their halves at every reporting verb, only to read a few tokens at one
// end: their lists were a sixth of what a Russian extraction allocated.
func pooledTokens(s string) *[]tok {
	b := tokenBufs.Get().(*[]tok)
	*b = appendTokens((*b)[:0], s)
	return b
}

// releaseTokens gives a list of pooledTokens back, emptied (no hold on the
// text); a very long one is dropped.
func releaseTokens(b *[]tok) {
	clear(*b)
	if cap(*b) > maxPooledTokens {
		return
	}
	*b = (*b)[:0]
	tokenBufs.Put(b)
}

var tokenBufs = sync.Pool{New: func() any { return new([]tok) }}

const maxPooledTokens = 1 << 12

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isLetter(r)
}

func isCap(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// npToken reports whether t can be part of a speaker's noun phrase.
func npToken(t string) bool {
	if t == "(" || t == ")" || t == "." {
		return true
	}
	if isCap(t) {
		return true
	}
	l := lowerASCII(strings.TrimSuffix(strings.TrimSuffix(t, "’s"), "'s"))
	return npWords[l]
}

// backwardSubject is the subject right before a reporting verb: the noun
// phrase ending there, with an appositive ("Vitaly Ganchev, the
// Russian-appointed head of the Kharkiv region,") kept whole.
func backwardSubject(pre string) string {
	tb := pooledTokens(pre)
	defer releaseTokens(tb)
	ts := *tb
	// Drop adverbs and auxiliaries before the verb; a coordinated verb
	// ("had to admit the bad experience and announced") is followed back
	// to its subject.
	k := len(ts)
	for k > 0 && skipBefore[lowerASCII(ts[k-1].s)] {
		k--
	}
	if k > 0 && lowerASCII(ts[k-1].s) == "and" {
		// Find the subject of the first verb: the leading noun phrase of
		// the clause.
		c := k - 1
		for c > 0 && ts[c-1].s != "," && ts[c-1].s != "“" && ts[c-1].s != "”" && ts[c-1].s != "\"" {
			c--
		}
		e := c
		for e < k-1 && npToken(ts[e].s) {
			e++
		}
		if e > c {
			return trimNP(pre[ts[c].start:ts[e-1].end])
		}
		return ""
	}
	if k == 0 {
		return ""
	}
	if ts[k-1].s == "," {
		// An appositive: "X, the …," — find its opening comma.
		for c := k - 2; c > 0; c-- {
			if ts[c].s != "," {
				continue
			}
			nx := lowerASCII(ts[c+1].s)
			if !(nx == "the" || nx == "a" || nx == "an" || isCap(ts[c+1].s)) {
				continue
			}
			// The head before the opening comma.
			h := c
			for h > 0 && npToken(ts[h-1].s) {
				h--
			}
			if h < c {
				return trimNP(pre[ts[h].start:ts[k-2].end])
			}
		}
		return ""
	}
	if pronouns[lowerASCII(ts[k-1].s)] {
		return ts[k-1].s
	}
	h := k
	for h > 0 && npToken(ts[h-1].s) {
		h--
	}
	if h == k {
		return ""
	}
	return trimNP(pre[ts[h].start:ts[k-1].end])
}

// leadingSubject is the noun phrase that opens the clause before a verb
// whose nearer context is not a subject ("President Zelensky, on Friday,
// had said").
func leadingSubject(pre string) string {
	c := strings.LastIndexAny(pre, "“”\"")
	if c >= 0 {
		pre = pre[c+1:]
	}
	np := forwardNP(pre)
	if i := strings.IndexByte(np, ','); i >= 0 {
		np = np[:i]
	}
	return trimNP(np)
}

// forwardNP is the noun phrase at the start of s ("the head of the
// International Atomic Energy Agency, Argentine Rafael Grossi").
func forwardNP(s string) string {
	ts := tokens(s)
	e := 0
	for e < len(ts) {
		t := ts[e].s
		if npToken(t) && t != "." || t == "," && e+1 < len(ts) && isCap(ts[e+1].s) {
			e++
			continue
		}
		l := lowerASCII(t)
		if l == "his" || l == "her" || l == "their" {
			return l + " information"
		}
		break
	}
	if e == 0 {
		return ""
	}
	return trimNP(s[ts[0].start:ts[e-1].end])
}

// dateWords open a phrase that is a time, not a speaker: "On 24 October
// the General Staff … announced".
var dateWords = toSet(`on by since until from late early mid last this next yesterday today tonight morning afternoon
evening night monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december jan feb mar apr jun jul aug sep sept oct nov dec`)

// trimDate drops the time words that open a phrase ("On 24 October,").
func trimDate(s string) string {
	for {
		s = strings.TrimLeft(s, " ,")
		i := strings.IndexAny(s, " ,")
		if i < 0 {
			i = len(s)
		}
		w := lowerASCII(s[:i])
		if w == "" || !(dateWords[w] || isNumeral(w)) {
			return s
		}
		s = s[i:]
	}
}

// isNumeral: "24", "24th", "2022", "1st".
func isNumeral(w string) bool {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return false
	}
	w = strings.TrimRight(w, "0123456789")
	return w == "" || w == "st" || w == "nd" || w == "rd" || w == "th"
}

// trimNP drops connectors at the ends of a phrase and time words at its
// start.
func trimNP(s string) string {
	s = trimDate(s)
	for {
		s = strings.Trim(s, " ,")
		l := lowerASCII(s)
		changed := false
		for _, w := range []string{"and", "of", "for", "on", "the", "in"} {
			if strings.HasSuffix(l, " "+w) {
				s, changed = s[:len(s)-len(w)-1], true
				break
			}
		}
		if !changed {
			return s
		}
	}
}

// trimAux drops white space and auxiliaries at the end of pre.
func trimAux(pre string) string {
	for {
		pre = strings.TrimRight(pre, " ")
		i := strings.LastIndexByte(pre, ' ')
		if i < 0 || !skipBefore[lowerASCII(pre[i+1:])] {
			return pre
		}
		pre = pre[:i]
	}
}

// plausibleSpeaker: a pronoun, or a phrase with a name or a noun that
// speaks (officials, sources), not a lone determiner.
func plausibleSpeaker(sp string) bool {
	if sp == "" {
		return false
	}
	l := lowerASCII(sp)
	if notSpeakers[l] {
		return false
	}
	if pronouns[l] || strings.HasSuffix(l, " information") {
		return true
	}
	// "Foreign fighters are assisting …, saying": an adjective alone
	// names nobody.
	tb := pooledTokens(sp)
	defer releaseTokens(tb)
	adjectivesOnly := true
	for _, t := range *tb {
		if tl := lowerASCII(t.s); !speakerAdjectives[tl] && tl != "the" && tl != "a" && tl != "an" {
			adjectivesOnly = false
			break
		}
	}
	if adjectivesOnly {
		return false
	}
	for _, t := range *tb {
		tl := lowerASCII(t.s)
		if tl == "the" || tl == "a" || tl == "an" || tl == "of" || tl == "for" || tl == "and" || tl == "on" || tl == "in" {
			continue
		}
		if isCap(t.s) || npWords[tl] {
			return true
		}
	}
	return false
}

// clauseSubject reports whether sp, found right after a verb of saying
// in after, is followed by a verb: the subject of the clause said, not
// the one who says it.
func clauseSubject(after, sp string) bool {
	i := strings.Index(after, sp)
	if sp == "" || i < 0 {
		return false
	}
	rest := strings.Fields(after[i+len(sp):])
	if len(rest) == 0 {
		return false
	}
	switch strings.Trim(lowerASCII(rest[0]), ",.") {
	case "is", "was", "are", "were", "has", "had", "have", "remains", "remained", "would", "will", "could", "may", "might", "continues", "continued":
		return true
	}
	return false
}
