package gazetteer

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Russian forms learned from the sources' pairs. GeoNames and Who's On
// First give a Russian name for about a third of the settlements; the pairs
// of the tuning half (even last digit of the codifier code; the odd half is
// held out to measure) teach, for words aligned one to one:
//
//   - whole words (words): Вільне → Вольное, Колодязь → Колодезь;
//   - letters in context (chars): each letter of the hand-written rule's
//     form with the stem's Ukrainian letters kept (ruMarked), aligned with
//     the Russian word (ruAlign), and the Russian letters written for it
//     after up to two letters and before up to two (ruContexts): і → е in
//     Піщане → Песчаное, -ове → -ово or -овое;
//   - the Russian names' letter n-grams (grams), which rank a word's
//     letter forms (Северск rather than Сиверск).
//
// A word seen twice, or once in a pair ruAlign aligns, takes its own
// forms; else each letter takes the best outcome of its most specific
// context seen often enough and, for a vowel, the other outcomes all its
// contexts interpolated give (interpolated); the combinations are ranked,
// and the best is the learned form, the next ones (and the hand-written
// rule's) further spellings. A word with a letter never seen keeps the
// hand-written rule (ruleRussianWord).

const (
	ruGram                = 4    // the letter n-grams of the Russian names: n at most
	ruGramWeight          = 0.25 // their log-probability's weight against the letters' shares
	ruMaxForms            = 16   // a word's letter forms tried, at most
	ruKeepForms           = 3    // and kept
	ruKeepWithin          = 3.0  // within this of the best's score (log)
	ruLearnAltShare       = 0.1  // another form of a whole word: its share, at least
	ruLearnWordMin        = 1    // whole words: pairs needed (one only when ruAlign aligned it)
	ruLearnShare          = 0.5  // a whole word's best form's share of its pairs, at least
	ruLearnLetterMin      = 3    // a letter in a context: pairs needed
	ruLearnLetterShare    = 0.6  // its best outcome's share, at least (else a wider context)
	ruLearnConsonantMin   = 5    // a consonant's change: pairs needed
	ruLearnConsonantShare = 0.8  // and its share
	ruLearnAltMin         = 2    // and its pairs, at least
	ruVowelMinShare       = 0.05 // a vowel's further outcome: its interpolated share, at least
	ruVowelMaxOutcomes    = 3    // a vowel's outcomes, at most
	ruWittenBell          = 1.0  // weight of a context's distinct outcomes against its pairs (interpolation)
	ruLearnMinLetters     = 5    // shorter words keep the hand-written rule (Тік: Ток would read "took")
	ruVowels              = "аеиіїоуыэюяєьй"
)

// ruPair is a settlement's Ukrainian name and the Russian name a source
// gives; tune says it is in the tuning half.
type ruPair struct {
	code, uk, ru string
	tune         bool
	// translated: ru is the name translated (ruTranslation), not
	// spelt: ruforms3's rule left such pairs out.
	translated bool
}

// ruModel holds what the tuning pairs teach. words: a whole word's Russian
// forms and how often each was seen. chars: for each Ukrainian letter in
// a context (up to two letters either side, ^ and $ at the word's edges),
// the Russian letters written for it (none, one or two: -ове → -ово or
// -овое) and how often, from the letter alignment of each word pair
// (ruAlign).
type ruModel struct {
	words map[string]map[string]int
	chars map[string]map[string]int
	// grams counts the Russian names' letter n-grams (n ≤ ruGram, words
	// between ^ and $), to choose among a word's letter forms.
	grams map[string]int
	// aligned holds the word pairs (Ukrainian, Russian, joined by a NUL)
	// that ruAlign aligned: a word seen once is learned only then (a
	// single pair also teaches translations and other villages' names:
	// Сміле → Улыбка, Багате → Панасовка).
	aligned map[string]bool
}

// learnRussian counts the tuning pairs whose names have as many words
// (and hyphenated parts) in both languages.
func learnRussian(pairs []ruPair) *ruModel {
	m := &ruModel{words: map[string]map[string]int{}, chars: map[string]map[string]int{}, grams: map[string]int{}, aligned: map[string]bool{}}
	for _, p := range pairs {
		if !p.tune {
			continue
		}
		for _, tk := range ruTokens(p.ru) {
			m.addGrams(ruNorm(tk.w))
		}
		uk, ru := ruTokens(p.uk), ruTokens(p.ru)
		if len(uk) != len(ru) {
			continue
		}
		for i := range uk {
			m.add(uk[i], ruNorm(ru[i].w))
		}
	}
	return m
}

func count(m map[string]map[string]int, key, out string) {
	o := m[key]
	if o == nil {
		o = map[string]int{}
		m[key] = o
	}
	o[out]++
}

// ruMarked is the hand-written rule's form of a word with the stem's
// Ukrainian letters kept (і, ї, є, ґ, the apostrophe), lower case: the
// letter model's input.
func ruMarked(tk ruToken) string {
	return ruNorm(ruleRussianWordBy(tk.w, tk.last, tk.multi, func(s string) string { return s }))
}

// add counts one aligned word.
func (m *ruModel) add(tk ruToken, t string) {
	u := ruNorm(tk.w)
	if u == "" || t == "" {
		return
	}
	count(m.words, u, t)
	// A translated word (Возрождение for Відродження) teaches no
	// letters (rufix: the translations are pairs again); one pair is
	// enough for the word when ruTranslations has it, as for a word
	// ruAlign aligns (the eight Відродження were Водродженье, one of them
	// with the source's Возрождение).
	if ruUnrelated(u, t) {
		if ruTranslatedWord(u, t) {
			m.aligned[u+"\x00"+t] = true
		}
		return
	}
	us := []rune(ruMarked(tk))
	outs, ok := ruAlign(us, []rune(t))
	if !ok {
		return
	}
	m.aligned[u+"\x00"+t] = true
	for i := range us {
		for _, k := range ruContexts(us, i) {
			count(m.chars, k, outs[i])
		}
	}
}

// addGrams counts the letter n-grams of a Russian word.
func (m *ruModel) addGrams(w string) {
	rs := []rune("^" + w + "$")
	for i := range rs {
		for n := 1; n <= ruGram && i+n <= len(rs); n++ {
			m.grams[string(rs[i:i+n])]++
		}
	}
}

// gramScore is the log-probability of a word under the n-gram counts,
// each letter by its longest history seen (a backoff without discount:
// only differences between forms of one word matter).
func (m *ruModel) gramScore(w string) float64 {
	rs := []rune("^" + w + "$")
	score := 0.0
	for i := 1; i < len(rs); i++ {
		p := 0.0
		for n := min(ruGram-1, i); n >= 0; n-- {
			hist := string(rs[i-n : i])
			num := m.grams[hist+string(rs[i])]
			den := m.grams[hist]
			if n == 0 {
				den = m.grams["^"] * 8 // about the letters in all words
			}
			if num > 0 && den > 0 {
				p = float64(num) / float64(den) * math.Pow(0.4, float64(ruGram-1-n))
				break
			}
		}
		if p == 0 {
			p = 1e-6
		}
		score += math.Log(p)
	}
	return score
}

// ruContexts are the keys of letter i of w, most specific first.
func ruContexts(w []rune, i int) []string {
	at := func(j int) string {
		switch {
		case j < 0:
			return "^"
		case j >= len(w):
			return "$"
		}
		return string(w[j])
	}
	c := string(w[i])
	l1, l2 := at(i-1), at(i-2)+at(i-1)
	r1, r2 := at(i+1), at(i+1)+at(i+2)
	if i == 0 {
		l2 = "^"
	}
	if i == len(w)-1 {
		r2 = "$"
	}
	return []string{
		"2" + l2 + "[" + c + "]" + r2,
		"3" + l1 + "[" + c + "]" + r2,
		"4" + l2 + "[" + c + "]" + r1,
		"5" + l1 + "[" + c + "]" + r1,
		"6[" + c + "]" + r1,
		"7" + l1 + "[" + c + "]",
		"8[" + c + "]",
	}
}

// ruLike are the Ukrainian letters and the Russian letters each is
// usually written with: an alignment prefers them.
var ruLike = map[rune]string{
	'і': "иеоы", 'и': "иы", 'ї': "иь", 'є': "еэ", 'ґ': "г", 'е': "еэ", 'о': "оа", '\'': "ь", 'ь': "ь",
	'у': "уо", 'г': "г", 'щ': "щ",
}

// ruAlign aligns a Ukrainian word with its Russian form by edit
// distance and returns, for each Ukrainian letter, the Russian letters
// written for it (an inserted letter goes with the Ukrainian letter
// before it, or the first one). It refuses words too far apart to be one
// name (more than half the letters changed).
func ruAlign(u, t []rune) ([]string, bool) {
	n, k := len(u), len(t)
	cost := make([][]int, n+1)
	for i := range cost {
		cost[i] = make([]int, k+1)
		for j := range cost[i] {
			switch {
			case i == 0:
				cost[i][j] = j * 2
			case j == 0:
				cost[i][j] = i * 2
			}
		}
	}
	sub := func(a, b rune) int {
		if a == b || strings.ContainsRune(ruLike[a], b) {
			return 0
		}
		return 3
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= k; j++ {
			c := cost[i-1][j-1] + sub(u[i-1], t[j-1])
			c = min(c, cost[i-1][j]+2, cost[i][j-1]+2)
			cost[i][j] = c
		}
	}
	if cost[n][k] > max(n, k) {
		return nil, false
	}
	outs := make([]string, n)
	i, j := n, k
	var pending []rune // inserted letters, in reverse
	for i > 0 || j > 0 {
		switch {
		case i > 0 && j > 0 && cost[i][j] == cost[i-1][j-1]+sub(u[i-1], t[j-1]):
			outs[i-1] = string(t[j-1]) + reverse(pending)
			pending = nil
			i, j = i-1, j-1
		case i > 0 && cost[i][j] == cost[i-1][j]+2:
			outs[i-1] = reverse(pending)
			pending = nil
			i--
		default:
			pending = append(pending, t[j-1])
			j--
		}
	}
	if len(pending) > 0 {
		if n == 0 {
			return nil, false
		}
		outs[0] = reverse(pending) + outs[0]
	}
	return outs, true
}

func reverse(rs []rune) string {
	var sb strings.Builder
	for i := len(rs) - 1; i >= 0; i-- {
		sb.WriteRune(rs[i])
	}
	return sb.String()
}

// ranked returns the outcomes of o, most frequent first, and their total.
func ranked(o map[string]int) ([]string, []int, int) {
	type oc struct {
		s string
		n int
	}
	var ocs []oc
	total := 0
	for s, n := range o {
		ocs = append(ocs, oc{s, n})
		total += n
	}
	slices.SortFunc(ocs, func(a, b oc) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return strings.Compare(a.s, b.s)
	})
	ss, ns := make([]string, len(ocs)), make([]int, len(ocs))
	for i, o := range ocs {
		ss[i], ns[i] = o.s, o.n
	}
	return ss, ns, total
}

// word returns the learned Russian forms of one lower-case word, best
// first: the word's own forms when the pairs have it often enough, else
// the letters' forms (each letter by its most specific context seen
// often enough), with one more form per letter whose second outcome is
// common too; nil when some letter has no context seen.
func (m *ruModel) word(u string) []string {
	if o := m.words[u]; o != nil {
		ss, ns, total := ranked(o)
		if total >= ruLearnWordMin && float64(ns[0]) >= ruLearnShare*float64(total) && (total >= 2 || m.aligned[u+"\x00"+ss[0]]) {
			out := []string{ss[0]}
			if len(ss) > 1 && ns[1] >= ruLearnAltMin && float64(ns[1]) >= ruLearnAltShare*float64(total) {
				out = append(out, ss[1])
			}
			return out
		}
	}
	return nil
}

// letterForms returns the Russian forms of a lower-case word letter by letter:
// each letter by its most specific context seen often enough, then one
// more form per letter whose second outcome is common too.
func (m *ruModel) letterForms(tk ruToken) []string {
	us := []rune(ruMarked(tk))
	if len(us) < ruLearnMinLetters {
		return nil
	}
	// Each letter's outcomes in its chosen context, with their shares.
	type choice struct {
		s     string
		share float64
	}
	choices := make([][]choice, len(us))
	for i, c := range us {
		vowel := strings.ContainsRune(ruVowels, c)
		found := false
		for _, k := range ruContexts(us, i) {
			ss, ns, total := ranked(m.chars[k])
			// Outcomes of the letter's kind only: a vowel written as a
			// consonant is an alignment's slip (Кам'яне, Каменное: я
			// → н).
			for j := len(ss) - 1; j >= 0; j-- {
				if r, _ := utf8.DecodeRuneInString(ss[j]); ss[j] != "" && strings.ContainsRune(ruVowels, r) != vowel && c != '\'' {
					ss, ns = slices.Delete(ss, j, j+1), slices.Delete(ns, j, j+1)
				}
			}
			if len(ss) == 0 || total < ruLearnLetterMin || float64(ns[0]) < ruLearnLetterShare*float64(total) && k[0] != '8' {
				continue
			}
			best := ss[0]
			// A consonant or an apostrophe changes only on much
			// evidence (щ → сч); a few pairs also teach typos and
			// other villages' names (Мозкове → Москово would read
			// "Московія"; Кам'яне → Каменное made Безім'яне
			// Безименное, another village's name).
			if !vowel && best != string(c) && (total < ruLearnConsonantMin || float64(ns[0]) < ruLearnConsonantShare*float64(total)) {
				best = string(c)
			}
			// So does a vowel written with a consonant added (Херсон read
			// Херсолн: о → ол of Вовча, Волчья; ruforms3): on the same
			// evidence, else the vowel as it is.
			if vowel && ruAddsConsonant(best) && (total < ruLearnConsonantMin || float64(ns[0]) < ruLearnConsonantShare*float64(total)) {
				best = string(c)
			}
			// Russian writes е, not э, after a consonant (Городнє read
			// Городнэ; rufix): э only begins a word or follows a vowel.
			if ruConsonantE(us, i, best) {
				best = "е" + strings.TrimPrefix(best, "э")
			}
			if best == "'" {
				best = "ь" // the hand-written rule's (ruLetters)
			}
			choices[i] = []choice{{best, float64(ns[0]) / float64(total)}}
			// A vowel's further outcomes: those of every context, each
			// context's counts interpolated with the wider ones'
			// (interpolated), not the chosen context's alone: a narrow
			// context seen three times hides the outcomes its wider
			// ones know. (ruforms2: the right form among a name's forms
			// for 81.8 % → 85.0 % of the tuning pairs, two folds.)
			if vowel {
				for _, o := range m.interpolated(us, i) {
					if o.s != best && len(choices[i]) < ruVowelMaxOutcomes && o.p >= ruVowelMinShare && !ruConsonantE(us, i, o.s) {
						choices[i] = append(choices[i], choice{o.s, o.p})
					}
				}
			}
			found = true
			break
		}
		if !found {
			return nil
		}
	}
	// Every combination of the choices (at most ruMaxForms), scored by
	// the shares and by how like the Russian names the word is.
	type form struct {
		s     string
		score float64
	}
	forms := []form{{"", 0}}
	for _, cs := range choices {
		var next []form
		for _, f := range forms {
			for _, c := range cs {
				next = append(next, form{f.s + c.s, f.score + math.Log(c.share)})
			}
		}
		if len(next) > ruMaxForms {
			slices.SortStableFunc(next, func(a, b form) int { return cmp.Compare(b.score, a.score) })
			next = next[:ruMaxForms]
		}
		forms = next
	}
	for i := range forms {
		forms[i].score += ruGramWeight * m.gramScore(forms[i].s)
	}
	slices.SortStableFunc(forms, func(a, b form) int { return cmp.Compare(b.score, a.score) })
	// A best form in a vowel whose ending no Russian name of the pairs
	// has (its last two letters before the end never seen: Місто read
	// Мосто, -то; rufix) is not learned first: the hand-written rule's
	// form is, the letters' after it. A vowel ends a word in an
	// inflection, which Russian has few of; a consonant ends a stem
	// (Перевоз, -оз, is not checked). (Tuning pairs, two folds: one form
	// 80.7 %, any form 92.8 %; with the last three letters instead, 80.4 /
	// 92.7 %; dropping such forms instead of putting the rule's first,
	// 80.0 / 92.0 %.)
	var out []string
	if rs := []rune("^" + forms[0].s + "$"); len(rs) > 3 && strings.ContainsRune(ruVowels, rs[len(rs)-2]) && m.grams[string(rs[len(rs)-3:])] == 0 {
		out = append(out, ruNorm(ruleRussianWord(tk.w, tk.last, tk.multi)))
	}
	for i, f := range forms {
		if i < ruKeepForms && (i == 0 || f.score >= forms[0].score-ruKeepWithin) && !slices.Contains(out, f.s) {
			out = append(out, f.s)
		}
	}
	return out
}

// forms returns the Russian forms of a Ukrainian name: the best (each word
// its learned form, else the rule's), then the name with one word in its
// second learned form, or in the rule's form where the learned one differs.
func (m *ruModel) forms(nameUK string) []string {
	if m == nil {
		return []string{ruleRussian(nameUK)}
	}
	toks := ruTokens(nameUK)
	best := make([]string, len(toks))
	others := make([][]string, len(toks))
	for i, tk := range toks {
		rule := ruleRussianWord(tk.w, tk.last, tk.multi)
		best[i] = rule
		if tk.w == "" {
			continue
		}
		// A word seen whole keeps its own forms first and the letters'
		// after them: one pair's Russian name is one village's (Пахарівка
		// is Пахаровка in one pair, Пахаревка in another; ruforms3).
		learned := m.word(ruNorm(tk.w))
		for _, l := range m.letterForms(tk) {
			if !slices.Contains(learned, l) {
				learned = append(learned, l)
			}
		}
		if len(learned) == 0 {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(tk.w); unicode.IsUpper(r) {
			for j := range learned {
				learned[j] = capitalFirst(learned[j])
			}
		}
		best[i] = learned[0]
		for _, l := range append(learned[1:], rule) {
			if joinKey(l) != joinKey(best[i]) && !slices.Contains(others[i], l) {
				others[i] = append(others[i], l)
			}
		}
	}
	out := []string{ruJoin(nameUK, best)}
	for i := range toks {
		for _, o := range others[i] {
			w := slices.Clone(best)
			w[i] = o
			out = append(out, ruJoin(nameUK, w))
		}
	}
	return out
}

// ruJoin puts the words back with the name's spaces and hyphens.
func ruJoin(nameUK string, words []string) string {
	var sb strings.Builder
	i := 0
	for wi, w := range strings.Fields(nameUK) {
		if wi > 0 {
			sb.WriteByte(' ')
		}
		for pi := range strings.Split(w, "-") {
			if pi > 0 {
				sb.WriteByte('-')
			}
			sb.WriteString(words[i])
			i++
		}
	}
	return sb.String()
}

// ruNorm lower-cases a word, apostrophes as ', ё as е.
func ruNorm(s string) string {
	s = strings.ToLower(s)
	return strings.NewReplacer("’", "'", "ʼ", "'", "ё", "е").Replace(s)
}

// ruToken is a word of a name or a hyphenated part of one, with whether
// it is the last and whether the name has several words (ruleRussian's
// context for -на, -ова).
type ruToken struct {
	w           string
	last, multi bool
}

// ruTokens splits a name into its words and their hyphenated parts.
func ruTokens(name string) []ruToken {
	var out []ruToken
	words := strings.Fields(name)
	for wi, w := range words {
		parts := strings.Split(w, "-")
		for pi, p := range parts {
			out = append(out, ruToken{w: p, last: wi == len(words)-1 && pi == len(parts)-1, multi: len(words) > 1})
		}
	}
	return out
}

// ruOutcome is a letter's outcome and its share.
type ruOutcome struct {
	s string
	p float64
}

// interpolated returns the outcomes of vowel i of w, most likely first:
// each context's counts (widest first, ruContexts reversed) interpolated
// with the wider ones' by Witten-Bell (a context's weight is its pairs
// against its pairs plus its distinct outcomes), consonant outcomes left
// out as in letterForms.
func (m *ruModel) interpolated(w []rune, i int) []ruOutcome {
	keys := ruContexts(w, i)
	p := map[string]float64{}
	for j := len(keys) - 1; j >= 0; j-- {
		total, kinds := 0, 0
		o := m.chars[keys[j]]
		for s, n := range o {
			if ruVowelOutcome(s) {
				total += n
				kinds++
			}
		}
		if total == 0 {
			continue
		}
		lam := float64(total) / (float64(total) + ruWittenBell*float64(kinds))
		for s := range p {
			p[s] *= 1 - lam
		}
		for s, n := range o {
			if ruVowelOutcome(s) {
				p[s] += lam * float64(n) / float64(total)
			}
		}
	}
	out := make([]ruOutcome, 0, len(p))
	for s, v := range p {
		out = append(out, ruOutcome{s, v})
	}
	slices.SortFunc(out, func(a, b ruOutcome) int {
		if c := cmp.Compare(b.p, a.p); c != 0 {
			return c
		}
		return strings.Compare(a.s, b.s)
	})
	return out
}

// ruVowelOutcome says whether a vowel's outcome is of its kind: none, or
// beginning with a vowel.
func ruVowelOutcome(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s == "" || strings.ContainsRune(ruVowels, r)
}

// ruConsonantE says whether the outcome out of letter i of w begins with
// э after a consonant: no Russian name of a Ukrainian one writes it.
func ruConsonantE(w []rune, i int, out string) bool {
	return strings.HasPrefix(out, "э") && i > 0 && !strings.ContainsRune(ruVowels, w[i-1])
}

// ruAddsConsonant says whether a vowel's outcome writes a consonant
// after its first letter (ол, ьн): not a letter of its own kind.
func ruAddsConsonant(out string) bool {
	for i, r := range []rune(out) {
		if i > 0 && !strings.ContainsRune(ruVowels, r) {
			return true
		}
	}
	return false
}
