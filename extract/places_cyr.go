package extract

import (
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/inflect"
)

// Place finding in Ukrainian and Russian text: the names stand in the case
// the sentence needs (Покровська, Великої Новосілки), so a capitalised
// Cyrillic word that is not a gazetteer key is tried through its lemmas
// (package inflect); the first lemma that is a key is searched instead.
// Results are cached per word for the extractor's lifetime: news repeats
// its names.

type lemmaCache struct {
	mu sync.Mutex
	m  map[string]string // form → the lemma that is a key, "" for none
}

const lemmaCacheMax = 100000

// cyrLookup returns the spelling to search for a Cyrillic name of one or
// more words as written: the name itself when it is a place's exact
// name, else the first of its lemmas that is one (Великої Новосілки →
// Велика Новосілка, although the folded "Великої Новосілки" meets Великі
// Новосілки), else the name or the first lemma whose folded spelling is a
// key; "" when none is.
func (e *Extractor) cyrLookup(words []string) string {
	joined := strings.Join(words, " ")
	e.lemmas.mu.Lock()
	l, ok := e.lemmas.m[joined]
	e.lemmas.mu.Unlock()
	if ok {
		return l
	}
	if e.cyrName(toLower(joined)) {
		// An exact name that is also another name's case ("Бердичів":
		// the city, and the genitive of Бердичі; "Богданівці": a village,
		// and the locative of Богданівка): every exact reading, the form
		// itself first; the resolver chooses.
		l = joined
		if len(words) == 1 {
			for k, f := range inflect.Lemmas(words[0]) {
				if lf := toLower(f); k > 0 && lf != toLower(joined) && e.cyrName(lf) && !cyrStopwords[lf] && !cyrFirstNames[lf] && strings.Count(l, readingSep) < maxReadings-1 {
					l += readingSep + f
				}
			}
		}
		e.lemmas.mu.Lock()
		if e.lemmas.m == nil || len(e.lemmas.m) >= lemmaCacheMax {
			e.lemmas.m = map[string]string{}
		}
		e.lemmas.m[joined] = l
		e.lemmas.mu.Unlock()
		return l
	}
	var forms []string
	if len(words) == 1 {
		forms = inflect.Lemmas(words[0])
		forms = append(forms, hushedNeuter(words[0])...)
		forms = append(forms, fleetingO(words[0])...)
		forms = append(forms, e.fleetingETowns(words[0])...)
		if strings.Contains(words[0], "-") {
			// "Гуляй-поле" for Гуляйполе.
			forms = append(forms, inflect.Lemmas(strings.ReplaceAll(words[0], "-", ""))...)
			// "Куп'янська-Вузлового": both parts carry the case.
			if parts := strings.Split(words[0], "-"); len(parts) == 2 && parts[0] != "" && parts[1] != "" {
				forms = append(forms, inflect.Phrases(parts, "-")...)
			}
		}
	} else {
		forms = inflect.Phrases(words, " ")
		// "Сотницькому Козачку", "Сухим Ставком": the noun's fleeting о.
		if n := len(words); n == 2 {
			if last := fleetingO(words[n-1]); len(last) > 0 {
				for _, f := range inflect.Lemmas(words[0]) {
					forms = append(forms, f+" "+last[0])
				}
			}
		}
	}
	// A first name or a common word in another case (Владимиру, Сергея,
	// Украинские) is not a place.
	if len(words) == 1 {
		for _, f := range forms {
			if lf := toLower(f); cyrFirstNames[lf] || cyrStopwords[lf] {
				forms = nil
				break
			}
		}
	}
	// Every reading that is a key, exact spellings first: "Пісків" is a
	// village's name and the genitive of Піски; the resolver chooses.
	var found []string
	seen := map[string]bool{}
	for k, f := range forms {
		if k > 0 && e.cyrName(toLower(f)) && !seen[e.fold(f)] {
			seen[e.fold(f)] = true
			found = append(found, f)
		}
	}
	if len(words) > 1 && len(found) > 0 {
		// A phrase's folded spelling meets other cases of other names
		// (Великой Новоселки, Великі Новосілки): an exact lemma wins.
		forms = nil
	}
	for _, f := range forms {
		k := e.fold(f)
		if _, ok := e.key(k); ok && !seen[k] {
			seen[k] = true
			found = append(found, f)
		}
	}
	if len(found) > maxReadings {
		found = found[:maxReadings]
	}
	l = strings.Join(found, readingSep)
	e.lemmas.mu.Lock()
	if e.lemmas.m == nil || len(e.lemmas.m) >= lemmaCacheMax {
		e.lemmas.m = map[string]string{}
	}
	e.lemmas.m[joined] = l
	e.lemmas.mu.Unlock()
	return l
}

// hushedNeuter is the nominative of a neuter noun name in -ище that a
// form in -ища, -ищу or -ищі may be a case of ("Гатища", "Гатищі" of
// Гатище; Городище, Погребище), which the inflection tables lack. Not
// the adjectives in -че, -ще (Рибаче, Цвітуще): their feminine "Рибача"
// is no case of them.
func hushedNeuter(word string) []string {
	rs := []rune(toLower(word))
	if len(rs) < 5 || rs[len(rs)-3] != 'и' || rs[len(rs)-2] != 'щ' {
		return nil
	}
	switch rs[len(rs)-1] {
	case 'а', 'у', 'і':
		w := []rune(word)
		return []string{string(w[:len(w)-1]) + "е"}
	}
	return nil
}

// fleetingO is the nominative in -ок of a masculine name whose о drops in
// its other cases ("Козачку", "Ставком", "Студенка" of Козачок, Ставок,
// Студенок), which the inflection tables lack.
func fleetingO(word string) []string {
	rs := []rune(word)
	lower := []rune(toLower(word))
	n := len(lower)
	if n < 5 {
		return nil
	}
	for _, end := range []string{"ком", "ку", "ка"} {
		e := []rune(end)
		if n-len(e) < 3 || string(lower[n-len(e):]) != end {
			continue
		}
		stem := rs[:n-len(e)+1] // keeps the к
		if isVowelRune(lower[n-len(e)-1]) {
			return nil
		}
		return []string{string(stem[:len(stem)-1]) + "ок"}
	}
	return nil
}

// fleetingE is the nominative in -ець (Ukrainian) and -ец (Russian) of a
// masculine name whose е drops in its other cases ("Марганцю",
// "Марганці", "Марганця", "Марганце" of Марганець / Марганец), which the
// inflection tables lack.
func fleetingE(word string) []string {
	rs := []rune(word)
	lower := []rune(toLower(word))
	n := len(lower)
	if n < 6 {
		return nil
	}
	for _, end := range []string{"цеві", "цем", "цом", "цю", "ці", "ця", "ца", "це", "цу"} {
		e := []rune(end)
		if string(lower[n-len(e):]) != end || isVowelRune(lower[n-len(e)-1]) {
			continue
		}
		stem := string(rs[:n-len(e)])
		return []string{stem + "ець", stem + "ец"}
	}
	return nil
}

// fleetingETowns is fleetingE kept to the names of cities and towns
// (Марганець): a village named like a surname in -ець (Запорожець) would
// take the surname's cases ("підполковника Дмитра Запорожця").
func (e *Extractor) fleetingETowns(word string) []string {
	var out []string
	for _, f := range fleetingE(word) {
		if !e.cyrName(toLower(f)) {
			continue
		}
		cs, err := e.candidates(f)
		if err != nil {
			continue
		}
		for _, c := range cs {
			if (c.Kind == "city" || c.Kind == "town") && (c.NameUK == f || c.NameRU == f) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

func isVowelRune(r rune) bool { return strings.ContainsRune("аеєиіїоуюяыэё", r) }

// readingSep joins the readings of one written name (cyrLookup) into one
// search string; candidates splits it.
const readingSep = "|"

const maxReadings = 3

// firstReading is the first reading of a search string.
func firstReading(name string) string {
	if i := strings.Index(name, readingSep); i >= 0 {
		return name[:i]
	}
	return name
}

// lowerWord is word i in lower case, Cyrillic included.
func (d *doc) lowerWord(i int) string {
	if d.lowerWords == nil {
		d.lowerWords, d.lowerDone = d.scratch.lowerSlices(len(d.words))
	}
	if d.lowerDone[i] {
		return d.lowerWords[i]
	}
	l := d.lowerWordUncached(i)
	d.lowerWords[i], d.lowerDone[i] = l, true
	return l
}

func (d *doc) lowerWordUncached(i int) string {
	s := d.text[d.words[i].start:d.words[i].end]
	upper := false
	for k := 0; k < len(s); k++ {
		if s[k] >= 0x80 {
			return toLower(s) // no copy when already lower case
		}
		upper = upper || 'A' <= s[k] && s[k] <= 'Z'
	}
	if !upper {
		return s
	}
	return lowerASCII(s)
}

// wordText is word i as written, its Latin look-alike letters repaired
// when it mixes scripts ("Hryhorivkа" with a Cyrillic а).
func (d *doc) wordText(i int) string {
	s := d.text[d.words[i].start:d.words[i].end]
	if strings.IndexByte(s, '&') >= 0 {
		s = replaceEntities(s)
	}
	if inflect.Mixed(s) {
		return inflect.Unmix(s)
	}
	return s
}

// apostropheEntities are the HTML entities of apostrophes that notes may
// carry undecoded.
var apostropheEntities = []string{"&#39;", "&#x27;", "&apos;", "&rsquo;", "&#8217;", "&#700;", "&#x2019;"}

// apostropheEntity is the length of the apostrophe entity s starts with,
// 0 if none.
func apostropheEntity(s string) int {
	for _, e := range apostropheEntities {
		if len(s) >= len(e) && strings.EqualFold(s[:len(e)], e) {
			return len(e)
		}
	}
	return 0
}

// replaceEntities writes apostrophe entities as "'".
func replaceEntities(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if n := apostropheEntity(s[i:]); n > 0 {
			b.WriteByte('\'')
			i += n
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// spanName is words a..b-1 as a name to search: each word repaired, one
// space or hyphen between them as written.
func (d *doc) spanName(a, b int) string {
	mixed := false
	for k := a; k < b; k++ {
		if w := d.text[d.words[k].start:d.words[k].end]; inflect.Mixed(w) || strings.IndexByte(w, '&') >= 0 {
			mixed = true
			break
		}
	}
	if !mixed {
		return d.text[d.words[a].start:d.words[b-1].end]
	}
	var sb strings.Builder
	for k := a; k < b; k++ {
		if k > a {
			sb.WriteString(d.text[d.words[k-1].end:d.words[k].start])
		}
		sb.WriteString(d.wordText(k))
	}
	return sb.String()
}

// sentenceStart reports whether word i opens a sentence (or the text, a
// line, a quotation).
func (d *doc) sentenceStart(i int) bool {
	if i == 0 {
		return true
	}
	gap := strings.TrimRight(d.text[d.words[i-1].end:d.words[i].start], " \t«\"“„'(")
	if gap == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(gap)
	return r == '.' || r == '!' || r == '?' || r == '\n' || r == ':' || r == '—' || r == '–'
}

// quoted reports whether words a..b-1 stand alone inside quotation marks
// («Таврія», “West”): the name of a grouping, an operation, a unit or a
// paper, not a place.
func (d *doc) quoted(a, b int) bool {
	before := strings.TrimRight(d.text[max(0, d.words[a].start-4):d.words[a].start], " ")
	after := d.text[d.words[b-1].end:min(len(d.text), d.words[b-1].end+4)]
	r1, _ := utf8.DecodeLastRuneInString(before)
	r2, _ := utf8.DecodeRuneInString(after)
	switch r1 {
	case '«':
		return r2 == '»'
	case '"':
		return r2 == '"'
	case '“', '„':
		return r2 == '”' || r2 == '“'
	}
	return false
}

// insideQuotedName reports whether words a..b-1 are part of a longer
// name of up to four capitalised words inside quotation marks («Холодний
// Яр», «Вовки Да Вінчі»: units), which, not being a place as a whole, has
// no place in it either.
func (d *doc) insideQuotedName(a, b int) bool {
	ws := d.words
	for s := a; s >= 0 && s >= a-3; s-- {
		for e := b; e <= len(ws) && e <= s+4; e++ {
			if s == a && e == b {
				continue
			}
			if (s < a || e > b) && d.quoted(s, e) && d.wordsJoined(s, e) && d.allCapitalised(s, e) {
				return true
			}
		}
		if s > 0 && d.text[ws[s-1].end:ws[s].start] != " " {
			break
		}
	}
	return false
}

// allCapitalised reports whether words s..e-1 all start with a capital,
// but for short linking words ("Вовки Да Вінчі"): a name, not a quoted
// statement («Андреевка наша»).
func (d *doc) allCapitalised(s, e int) bool {
	for k := s; k < e; k++ {
		if !d.words[k].cap && utf8.RuneCountInString(d.text[d.words[k].start:d.words[k].end]) > 2 {
			return false
		}
	}
	return true
}

// wordsJoined reports whether words s..e-1 are separated by single
// spaces or hyphens only.
func (d *doc) wordsJoined(s, e int) bool {
	for k := s + 1; k < e; k++ {
		if g := d.text[d.words[k-1].end:d.words[k].start]; g != " " && g != "-" {
			return false
		}
	}
	return true
}

// prevLower is the word before i in lower case, "" at the start.
func (d *doc) prevLower(i int) string {
	if i == 0 {
		return ""
	}
	return d.lowerWord(i - 1)
}

// notPlaceCue reports whether the words before a make the name at a..b-1
// something other than a settlement: a person (генерал Залужний), a
// grouping (угруповання «Таврія»), a river (на лівому березі Дніпра), a
// part of a town (мікрорайон Сонячний).
// unitAreaWords after a name make it a hromada or a raion ("Покровську
// громаду", "the Pokrovsk hromada", "Nikopol raion"), not the settlement;
// hromadaKindWords may stand between ("Покровську міську громаду").
var unitAreaWords = toSet(`громада громади громаді громаду громадою громад громадах громадам громадами
община общины общине общину общиной общин общинах hromada hromadas raion raions`)

var hromadaKindWords = toSet(`міська міської міській міську сільська сільської сільській сільську селищна селищної селищній селищну
територіальна територіальної територіальній територіальну городская городской городскую сельская сельской сельскую
поселковая поселковой поселковую территориальная территориальной территориальную urban rural settlement territorial`)

// areaUnitAfter reports whether the words from k name a hromada or a raion:
// a unit word, or a hromada's kind and then one.
func (d *doc) areaUnitAfter(k int) bool {
	for n := 0; n < 2 && k < len(d.words); n, k = n+1, k+1 {
		if k > 0 && d.text[d.words[k-1].end:d.words[k].start] != " " {
			return false
		}
		w := d.lowerWord(k)
		if unitAreaWords[w] {
			return true
		}
		if !hromadaKindWords[w] {
			return false
		}
	}
	return false
}

// inUnitList reports whether the one-word name at a is an item of a list
// that a raion word opens: "по трьох районах - Нікопольському,
// Синельниківському та Дніпровському" (adjectives naming raions).
func (d *doc) inUnitList(a int) bool {
	k := a
	for n := 0; n < 8 && k > 0; n++ {
		gap := d.text[d.words[k-1].end:d.words[k].start]
		switch gap {
		case ", ":
			k--
			if !d.words[k].cap {
				return false
			}
			continue
		case " ":
			if listConjunctions[d.lowerWord(k-1)] && k > 1 && d.text[d.words[k-2].end:d.words[k-1].start] == " " || listConjunctions[d.lowerWord(k-1)] && k > 1 && d.text[d.words[k-2].end:d.words[k-1].start] == ", " {
				k -= 2
				if !d.words[k].cap {
					return false
				}
				continue
			}
			return false
		case " - ", " – ", " — ", ": ", " : ":
			return districtWordsCyr[d.lowerWord(k-1)]
		default:
			return false
		}
	}
	return false
}

func (d *doc) notPlaceCue(a, b int) bool {
	p := d.prevLower(a)
	if personCues[p] || riverCues[p] {
		return true
	}
	if microCues[p] && !(quarterWords[p] && d.cityInCase(a, b)) {
		return true
	}
	if a > 1 && riverVerbs[d.lowerWord(a-2)] {
		return true
	}
	// The subject or the object of a reporting verb is a person
	// ("Запорожець спростував", "— сказал Рогов").
	if b-a == 1 && isCyrillicWord(d.text[d.words[a].start:d.words[a].end]) {
		if reportVerbs[p] && d.text[d.words[a-1].end:d.words[a].start] == " " {
			return true
		}
		// A verb of saying within three words of the same clause.
		for k := b; k < len(d.words) && k < b+3; k++ {
			if d.text[d.words[k-1].end:d.words[k].start] != " " {
				break
			}
			if reportVerbs[d.lowerWord(k)] {
				return true
			}
		}
	}
	if b < len(d.words) && d.text[d.words[b-1].end:d.words[b].start] == " " {
		next := d.lowerWord(b)
		if groupAfterWords[next] || districtWordsCyr[next] || facilityWords[next] || bodyAfterWords[next] || d.areaUnitAfter(b) {
			return true
		}
	}
	if b-a == 1 && d.inUnitList(a) {
		return true
	}
	if b-a == 1 && (d.commonNounOpening(a) || d.adjectiveOpening(a) || d.appositiveTitle(a) || d.demonymOpening(a)) {
		return true
	}
	if clubCues[p] {
		return true
	}
	// A title and the body it serves before a surname: "Речник Кремля
	// Пєсков", "глава ДНР Пушилин".
	if b-a == 1 && a > 1 && personCues[d.lowerWord(a-2)] && d.words[a-1].cap && isCyrillicWord(d.wordText(a)) &&
		d.text[d.words[a-2].end:d.words[a-1].start] == " " && d.text[d.words[a-1].end:d.words[a].start] == " " {
		return true
	}
	// A machine's model before its name: "An-225 Mriya".
	if modelBefore(d.text[:d.words[a].start]) {
		return true
	}
	if d.quoted(a, b) || d.insideQuotedName(a, b) {
		return true
	}
	// An initial before the surname: "В. Залужний", "О.Сирський".
	if a > 0 {
		w := d.words[a-1]
		if w.cap && utf8.RuneCountInString(d.text[w.start:w.end]) == 1 && strings.HasPrefix(d.text[w.end:], ".") {
			return true
		}
	}
	return false
}

// cityInCase reports whether words a..b-1 are a city's name in an oblique
// case, or in Latin letters: after "мікрорайон" the town the quarter is
// in ("79-й мікрорайон Сєвєродонецька", "neighborhood Severodonetsk"),
// not the quarter's own name (мікрорайон Сонячний, in the nominative).
func (d *doc) cityInCase(a, b int) bool {
	words := make([]string, 0, b-a)
	for k := a; k < b; k++ {
		words = append(words, d.wordText(k))
	}
	name := strings.Join(words, " ")
	search := name
	if isCyrillicWord(words[0]) {
		search = d.e.cyrLookup(words)
		if search == "" || strings.EqualFold(firstReading(search), name) {
			return false
		}
	} else if _, ok := d.e.key(d.fold(name)); !ok {
		return false
	}
	cands, err := d.e.candidates(search)
	if err != nil {
		return false
	}
	for _, c := range cands {
		if c.Kind == "city" && acceptable(name, c) {
			return true
		}
	}
	return false
}

// commonNounOpening reports whether word a opens a sentence as the
// common noun whose spelling a village shares, followed by a lower-case
// word that is not a conjunction ("Перемога буде за нами", "Прогресс на
// этом участке медленный"): the noun, not the village ("Прогрес та
// Ясногорівка окуповані" keeps the village).
func (d *doc) commonNounOpening(a int) bool {
	if !d.sentenceStart(a) || !commonNounNames[d.lowerWord(a)] || a+1 >= len(d.words) {
		return false
	}
	if d.text[d.words[a].end:d.words[a+1].start] != " " || d.words[a+1].cap {
		return false
	}
	return !conjunctions[d.lowerWord(a+1)]
}

// demonymOpening reports whether word a opens a sentence as the plural
// of a people's name (-ці, -цы) before a verb in the plural ("Богуславці
// зустрічають визволителів", "Богуславці дякують"): the people of
// Bohuslavka, not its locative, which would need a preposition ("У
// Богуславці пошкоджено будинок").
func (d *doc) demonymOpening(a int) bool {
	if a+1 >= len(d.words) || !d.sentenceStart(a) || d.words[a+1].cap || d.text[d.words[a].end:d.words[a+1].start] != " " {
		return false
	}
	// A village named in the plural keeps its name ("Липці потрапили під
	// обстріл").
	if w := d.lowerWord(a); !strings.HasSuffix(w, "ці") && !strings.HasSuffix(w, "цы") || d.e.cyrName(w) {
		return false
	}
	next := d.lowerWord(a + 1)
	for _, e := range []string{"ють", "ять", "уть", "ают", "яют", "ут", "ли"} {
		if strings.HasSuffix(next, e) {
			return true
		}
	}
	return false
}

// adjectiveOpening reports whether word a opens a sentence as an
// adjective whose spelling a village shares, before the lower-case noun
// it qualifies ("Мирне населення", "Зелёный свет", "Нова пошта",
// "Светлое будущее"): the next word is no verb, adverb, preposition or
// conjunction by its form or the word lists. "Мирне окуповане", "Веселе
// знову під обстрілом" and "Мирне та Вільне" keep the village.
func (d *doc) adjectiveOpening(a int) bool {
	if a+1 >= len(d.words) || !d.sentenceStart(a) || d.words[a+1].cap || d.text[d.words[a].end:d.words[a+1].start] != " " {
		return false
	}
	w := d.lowerWord(a)
	if !isCyrillicWord(w) || !cyrAdjective(w) {
		return false
	}
	next := d.lowerWord(a + 1)
	if !isCyrillicWord(next) || conjunctions[next] || clauseWords[next] {
		return false
	}
	if openingNouns[next] {
		return true
	}
	for _, e := range verbEndings {
		if strings.HasSuffix(next, e) {
			return false
		}
	}
	return true
}

// cyrAdjective reports whether a Cyrillic word has the nominative ending
// of an adjective of any gender (Мирне, Нова, Українська, Зелений,
// Светлое, Новая), a feminine one only after a suffix adjectives use
// (-на, -ова, -ська, -ла, -та: not -ка, which nouns end in), or the
// plural in -ні, -ные ("Мирні жителі", "Мирные жители").
func cyrAdjective(w string) bool {
	for _, e := range []string{"не", "ре", "ле", "ке", "те", "ве", "же", "че", "ше", "ще", "хе", "де", "зе", "се", "нє", "ое", "ее", "ий", "ій", "ый", "ой", "ая", "яя",
		"на", "ова", "ева", "ська", "цька", "зька", "ла", "та", "ні", "ные"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// modelBefore reports whether the text before a name ends in a machine's
// model and a space: letters, a hyphen and digits (An-225, Su-25, Т-72).
func modelBefore(before string) bool {
	s, ok := strings.CutSuffix(before, " ")
	if !ok {
		return false
	}
	digits := len(s) - len(strings.TrimRight(s, "0123456789"))
	if digits == 0 {
		return false
	}
	s = s[:len(s)-digits]
	s, ok = strings.CutSuffix(s, "-")
	if !ok {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r)
}

// appositiveTitle reports whether the Latin word a is followed by an
// apposition that makes it a person or a body: "Marchenko, a press
// officer,", "Kryvbas, the football club," opening a sentence.
func (d *doc) appositiveTitle(a int) bool {
	if isCyrillicWord(d.wordText(a)) || a+2 >= len(d.words) || !d.sentenceStart(a) || d.text[d.words[a].end:d.words[a+1].start] != ", " {
		return false
	}
	if art := d.lowerWord(a + 1); art != "a" && art != "an" && art != "the" {
		return false
	}
	for k := a + 2; k < len(d.words) && k < a+5; k++ {
		if d.text[d.words[k-1].end:d.words[k].start] != " " {
			return false
		}
		if titleNouns[d.lowerWord(k)] {
			// The apposition closes with a comma: "Marchenko, a press
			// officer, described" (not "Siversk, the General Staff said").
			return strings.HasPrefix(d.text[d.words[k].end:], ",")
		}
	}
	return false
}

// groupingBefore reports whether a grouping word stands just before the
// (possibly quoted) name at a.
func (d *doc) groupingBefore(a int) bool {
	return groupingCues[d.prevLower(a)]
}

// adjectiveEnding reports whether a single Cyrillic word has the ending
// of a masculine adjective in the nominative (-ий, -ій, -ый, -ой, -ський):
// the form of surnames (Залужний, Сирський) and of "X direction"
// adjectives, rarely of a one-word settlement.
func adjectiveEnding(lower string) bool {
	for _, e := range []string{"ий", "ій", "ый", "ой"} {
		if strings.HasSuffix(lower, e) {
			return true
		}
	}
	return false
}

func isCyrillicWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= 0x400 && r <= 0x4FF
}

func firstUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// allCyrillic reports whether words a..b-1 all start with a Cyrillic
// letter.
func (d *doc) allCyrillic(a, b int) bool {
	for k := a; k < b; k++ {
		if !isCyrillicWord(d.wordText(k)) {
			return false
		}
	}
	return true
}

// directionBase is the place a direction adjective is made from
// ("Покровського" of "Покровського напрямку" → Покровськ), the first
// base that is a key of the gazetteer.
func (e *Extractor) directionBase(adj string, day time.Time) (string, bool) {
	bases := inflect.DirectionBases(adj)
	// Of the names the adjective may be made from, the one a front
	// direction is named after: a larger kind of place near the front of
	// the day (a city over a village: Гуляйпільський is Гуляйполе's,
	// not the village Гуляйпільське's), but not a city far from it over a
	// village at it (Олександрівський of 2025 is not Олександрівськ of
	// Luhansk oblast); ties go to the first the rules give.
	best, bestRank := "", -1.0
	for _, b := range bases {
		if _, ok := e.key(e.fold(b)); !ok {
			continue
		}
		rank := 0.0
		if cs, err := e.candidates(b); err == nil {
			for _, c := range cs {
				if c.Reason != gazetteer.ReasonExact && c.Reason != gazetteer.ReasonTransliteration && c.Reason != gazetteer.ReasonAlternate {
					continue
				}
				rank = max(rank, directionRank(c, day))
			}
		}
		if rank > bestRank+1e-9 {
			best, bestRank = b, rank
		}
	}
	if best != "" {
		return best, true
	}
	// Adjectives of two-word names: Краснолиманский ← Красный Лиман,
	// Червонолиманський ← Червоний Лиман.
	for _, b := range bases {
		rs := []rune(b)
		for _, p := range []struct{ prefix, word string }{
			{"красно", "Красный "}, {"красно", "Красний "}, {"червоно", "Червоний "}, {"червоно", "Червоный "},
		} {
			if len(rs) > len([]rune(p.prefix))+3 && toLower(string(rs[:len([]rune(p.prefix))])) == p.prefix {
				rest := []rune(toLower(string(rs[len([]rune(p.prefix)):])))
				rest[0] = unicode.ToUpper(rest[0])
				name := p.word + string(rest)
				if _, ok := e.key(e.fold(name)); ok {
					return name, true
				}
			}
		}
	}
	return "", false
}

// directionRank is how likely a reading is to be the place a front
// direction is named after: near the theatre of the day, and a city over
// a town over a village.
func directionRank(c gazetteer.Candidate, day time.Time) float64 {
	r := priorOf(c, day)
	switch c.Kind {
	case "city":
		r += 0.1
	case "town":
		r += 0.05
	}
	return r
}

// directionOblast is the oblast a direction named after an oblast's
// centre stands for ("на Донецком направлении", "Запорізький напрямок":
// the front in that oblast, not the city).
func (e *Extractor) directionOblast(base string) (string, bool) {
	if directionCentres[e.fold(base)] {
		if iso, ok := e.regionISO(base); ok {
			return iso, true
		}
	}
	// Another spelling of the centre ("Запороже" of Запорожском).
	cs, err := e.candidates(base)
	if err != nil || len(cs) == 0 || cs[0].Kind != "city" || !directionCentres[e.fold(cs[0].NameUK)] {
		return "", false
	}
	return e.regionISO(cs[0].NameUK)
}

// addPerson records the surname of a person the text names, in the
// cases it may take later ("Рогов" → Рогова, Рогову).
func (d *doc) addPerson(surname string) {
	d.persons[d.fold(surname)] = true
	if !isCyrillicWord(surname) {
		return
	}
	for _, c := range surnameCases {
		if c != "" {
			d.persons[d.fold(surname+c)] = true
		}
	}
	// An adjectival surname declines as an adjective: Залужний,
	// Залужного, Залужному, Залужним; Сирський, Сирського.
	lower := toLower(surname)
	for _, end := range []string{"ий", "ій", "ый", "ой"} {
		if stem, ok := strings.CutSuffix(lower, end); ok && utf8.RuneCountInString(stem) >= 3 {
			for _, c := range []string{"ого", "ому", "им", "ім", "ым", "ом", "ий", "ій", "ый", "ой"} {
				d.persons[d.fold(stem+c)] = true
			}
		}
	}
}

// directionAfter reports whether the words from b on make the name before
// them a direction: a direction word ("напрямку", "direction"), or a
// conjunction, another adjective and a direction word ("на Сватівському
// та Кремінському напрямках", "Kupiansk and Lyman directions").
func (d *doc) directionAfter(b int) bool {
	ws := d.words
	if b >= len(ws) || b == 0 || !spaceOnly(d.text[ws[b-1].end:ws[b].start]) {
		return false
	}
	if inflect.IsDirectionWord(d.text[ws[b].start:ws[b].end]) {
		return true
	}
	if conjunctions[d.lowerWord(b)] && b+2 < len(ws) && spaceOnly(d.text[ws[b+1].end:ws[b+2].start]) {
		return inflect.IsDirectionWord(d.text[ws[b+2].start:ws[b+2].end])
	}
	return false
}

func spaceOnly(s string) bool { return s == " " || s == "-" || s == ", " }

var conjunctions = toSet(`та і й и and or або или`)

// latinPair reports whether word a is one of exactly two capitalised
// Latin words of the run i..j-1 whose other word is not a place, a common
// word or a word that follows names ("Oblast", "Raion"): together they
// are a person or a title ("Karolina Hird", "Ukrainska Pravda", "Kyiv
// Post").
func (d *doc) latinPair(i, j, a int) bool {
	// "The Kyiv Independent" opening a sentence: the pair after "The".
	if j-i == 3 && a > i && lowerASCII(d.text[d.words[i].start:d.words[i].end]) == "the" {
		i++
	}
	if j-i != 2 || isCyrillicWord(d.text[d.words[a].start:d.words[a].end]) {
		return false
	}
	o := i
	if a == i {
		o = i + 1
	} else if d.sentenceStart(i) {
		return false // "Updated Severodonetsk": a capitalised first word
	}
	w := d.text[d.words[o].start:d.words[o].end]
	l := lowerASCII(w)
	if isCyrillicWord(w) || stopword(l) || nameSuffixes[l] || regionWords[l] || waterWords[l] || inflect.IsDirectionWord(w) {
		return false
	}
	_, place := d.e.key(d.fold(w))
	if !place && o == a-1 {
		// "Velyka Komyshuvakha-Dovhenke": the other word opens a name
		// with the first part of this one.
		if first, _, ok := strings.Cut(d.text[d.words[a].start:d.words[a].end], "-"); ok {
			_, place = d.e.key(d.fold(w + " " + first))
		}
	}
	return !place
}

// nameSuffixes are capitalised words that follow a place's name in
// English without making it something else.
var nameSuffixes = toSet(`raion district hromada oblast region river reservoir direction axis front sector city town village
bridgehead salient pocket outskirts airport airfield station square heights hill`)

// reportVerbs: Ukrainian and Russian verbs of saying; the single
// capitalised word next to one is the speaker.
var reportVerbs = toSet(`
заявив заявила сказав сказала повідомив повідомила зазначив зазначила наголосив наголосила додав додала
спростував спростувала підтвердив підтвердила розповів розповіла пояснив пояснила уточнив уточнила
заявил заявила сказал сказала сообщил сообщила отметил отметила добавил добавила подчеркнул подчеркнула
опроверг опровергла подтвердил подтвердила рассказал рассказала пояснил пояснила уточнил уточнила написал написав
`)
