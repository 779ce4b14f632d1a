package gazetteer

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/frontline-osint/frontline/inflect"
)

// Russian names by rule. Most villages have no Russian name in the sources
// (GeoNames' cities500 covers places of 500 people or more, Who's On First
// gives name_ru for a third); the press and Russian officials write them in
// Russian all the same. ruleRussian derives the usual Russian form from the
// Ukrainian name with a table of words, stems, endings and letters. It is
// right for about two names in three (63 % of the pairs held out from the
// table's tuning); the build corrects it with what the sources' pairs teach
// (russian_learn.go: 83 % of the held-out pairs that are Russian names,
// 92 % with the further forms; data/README.md). A wrong form costs little, as it is only one more
// spelling that finds the place.

// ruWords are whole words whose Russian form is not the letter rules'.
var ruWords = map[string]string{
	"велика": "великая", "великий": "великий", "велике": "великое", "великі": "великие",
	"мала": "малая", "малий": "малый", "мале": "малое", "малі": "малые",
	"нова": "новая", "новий": "новый", "нове": "новое", "нові": "новые",
	"стара": "старая", "старий": "старый", "старе": "старое", "старі": "старые",
	"верхня": "верхняя", "верхній": "верхний", "верхнє": "верхнее", "верхні": "верхние",
	"нижня": "нижняя", "нижній": "нижний", "нижнє": "нижнее", "нижні": "нижние",
	"середня": "средняя", "середній": "средний",
	"перша": "первая", "перше": "первое", "перший": "первый",
	"друга": "вторая", "друге": "второе", "другий": "второй",
	"біла": "белая", "білий": "белый", "біле": "белое", "білі": "белые",
	"чорна": "черная", "чорний": "черный", "чорне": "черное",
	"червона": "червоная", "червоний": "червоный", "червоне": "червоное",
	"зелена": "зеленая", "зелений": "зеленый", "зелене": "зеленое",
	"кривий": "кривой", "крива": "кривая", "золота": "золотая", "золоте": "золотое",
	"гай": "гай", "яр": "яр", "балка": "балка", "поле": "поле", "роща": "роща",
	"хутір": "хутор", "ріг": "рог", "кут": "кут", "брід": "брод", "міст": "мост",
	"гора": "гора", "гори": "горы", "лука": "лука", "діброва": "дубрава",
}

// ruStems are Ukrainian word beginnings with another Russian stem.
var ruStems = []struct{ uk, ru string }{
	{"микола", "никола"}, {"олександр", "александр"}, {"олекс", "алекс"},
	{"під", "под"}, {"при", "при"}, {"біл", "бел"}, {"ліс", "лес"}, {"вільн", "вольн"},
	{"гір", "гор"}, {"дніпр", "днепр"}, {"кам'ян", "камен"}, {"кам’ян", "камен"},
	{"запоріж", "запорож"}, {"хутір", "хутор"}, {"новосіл", "новосел"}, {"сіл", "сел"},
	{"заліз", "желез"}, {"дібр", "добр"}, {"слов'ян", "славян"}, {"слов’ян", "славян"},
	{"світл", "светл"}, {"сін", "сен"}, {"ново", "ново"}, {"красн", "красн"},
	{"кіров", "киров"}, {"григор", "григор"}, {"вовч", "волч"}, {"вишнев", "вишнев"},
	{"теплі", "тепли"}, {"петрів", "петров"}, {"іван", "иван"}, {"сергі", "серге"},
	{"андрі", "андре"}, {"дмитр", "дмитр"}, {"костянтин", "константин"}, {"федорів", "федоров"},
	{"степ", "степ"}, {"оріх", "орех"}, {"ясин", "ясин"}, {"черв", "черв"},
}

// ruInfixes are sound changes inside a stem: Ukrainian і for an older о
// or е in a closed syllable (Підгірне, Подгорное; Чистопілля,
// Чистополье), ьо for е.
var ruInfixes = []struct{ uk, ru string }{
	{"гірн", "горн"}, {"гірк", "горк"}, {"піль", "поль"}, {"пілля", "полье"}, {"слобід", "слобод"},
	{"річ", "реч"}, {"привіль", "приволь"}, {"роздол", "раздол"}, {"розс", "расс"},
	{"чорн", "черн"}, {"ьо", "е"}, {"яблун", "яблон"}, {"багат", "богат"}, {"миколаї", "николае"},
}

// ruEndings are word endings, longest first.
var ruEndings = []struct{ uk, ru string }{
	{"іївка", "еевка"}, {"аївка", "аевка"}, {"ївка", "евка"}, {"івка", "овка"},
	{"ська", "ская"}, {"цька", "цкая"}, {"зька", "зкая"},
	{"ське", "ское"}, {"цьке", "цкое"}, {"зьке", "зкое"},
	{"ський", "ский"}, {"цький", "цкий"}, {"зький", "зкий"},
	{"ськ", "ск"}, {"цьк", "цк"}, {"зьк", "зк"},
	{"ієве", "иево"}, {"єве", "ево"}, {"цеве", "цево"}, {"еве", "евое"},
	{"кове", "ково"}, {"хове", "хово"}, {"ове", "овое"}, {"ге", "гое"},
	{"шівка", "шевка"}, {"жівка", "жевка"}, {"чівка", "чевка"}, {"іне", "ино"}, {"їне", "ино"}, {"ине", "ино"},
	{"не", "ное"}, {"ле", "лое"}, {"ке", "кое"}, {"те", "тое"}, {"ре", "рое"}, {"же", "жее"},
	{"на", "ная"}, {"ова", "овая"}, {"чна", "чная"},
	{"ній", "ний"}, {"ий", "ый"},
	{"ичі", "ичи"}, {"ці", "цы"}, {"ки", "ки"}, {"ги", "ги"}, {"хи", "хи"}, {"и", "ы"},
	{"іїв", "иев"}, {"їв", "ев"}, {"ів", "ов"}, {"ів", "ов"},
	{"ля", "ля"}, {"лля", "лье"}, {"ння", "нье"}, {"ття", "тье"}, {"сся", "ссье"}, {"жжя", "жье"}, {"ччя", "чье"},
}

// ruEndingsByLength is ruEndings longest first (stable): a longer ending
// listed after a shorter one it ends in (шівка after івка, лля after ля)
// was never reached.
var ruEndingsByLength = func() []struct{ uk, ru string } {
	out := slices.Clone(ruEndings)
	slices.SortStableFunc(out, func(a, b struct{ uk, ru string }) int {
		return utf8.RuneCountInString(b.uk) - utf8.RuneCountInString(a.uk)
	})
	return out
}()

// ruleRussian derives a Russian form of a Ukrainian name. A name without
// Ukrainian letters or endings that differ comes back as it is.
func ruleRussian(nameUK string) string {
	var out []string
	words := strings.Fields(nameUK)
	for wi, w := range words {
		parts := strings.Split(w, "-")
		for pi, p := range parts {
			last := wi == len(words)-1 && pi == len(parts)-1
			parts[pi] = ruleRussianWord(p, last, len(words) > 1)
		}
		out = append(out, strings.Join(parts, "-"))
	}
	return strings.Join(out, " ")
}

func ruleRussianWord(w string, last, multi bool) string {
	return ruleRussianWordBy(w, last, multi, ruLetters)
}

// ruleRussianWordBy is ruleRussianWord with letters for the last step
// on the stem (ruLetters; learnRussian keeps the Ukrainian letters, whose
// Russian letter it learns).
func ruleRussianWordBy(w string, last, multi bool, letters func(string) string) string {
	if w == "" {
		return w
	}
	rs := []rune(w)
	upper := unicode.IsUpper(rs[0])
	low := strings.ToLower(w)
	low = strings.NewReplacer("’", "'", "ʼ", "'").Replace(low)
	res, ok := ruWords[low]
	if !ok {
		stem, ending := low, ""
		for _, e := range ruEndingsByLength {
			if strings.HasSuffix(low, e.uk) && len([]rune(low)) > len([]rune(e.uk))+1 {
				// Adjective endings on a name's first word; noun endings
				// (-на → -ная only as an adjective) need context.
				if (e.uk == "на" || e.uk == "ова") && !(multi && !last) {
					continue
				}
				stem, ending = strings.TrimSuffix(low, e.uk), e.ru
				break
			}
		}
		res = letters(stemRussianBy(stem)) + ending
	}
	if upper {
		res = capitalFirst(res)
	}
	return res
}

// stemRussianBy maps a lower-case Ukrainian stem (a word without its
// ending) towards Russian: a first part ново-, велико-… kept, ruStems at
// its start, ruInfixes inside; the letters are left to the caller.
func stemRussianBy(stem string) string {
	prefix := ""
	for _, p := range []string{"ново", "велико", "мало", "старо", "верхньо", "нижньо"} {
		if strings.HasPrefix(stem, p) && len(stem) > len(p)+4 {
			prefix, stem = p, strings.TrimPrefix(stem, p)
			break
		}
	}
	for _, s := range ruStems {
		if strings.HasPrefix(stem, s.uk) {
			stem = s.ru + strings.TrimPrefix(stem, s.uk)
			break
		}
	}
	for _, in := range ruInfixes {
		stem = strings.ReplaceAll(stem, in.uk, in.ru)
	}
	return prefix + stem
}

// capitalFirst upper-cases the first letter of s.
func capitalFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// ruLetters maps the Ukrainian letters of a stem: і → и, ї → и (ьи after
// an apostrophe), є → е (ье after an apostrophe), ґ → г, и → ы only
// word-initially impossible, so и stays; the apostrophe becomes ь before я
// ю є ї and goes otherwise.
func ruLetters(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		prevApos := i > 0 && rs[i-1] == '\''
		switch r {
		case '\'':
			if i+1 < len(rs) && strings.ContainsRune("яюєї", rs[i+1]) {
				b.WriteRune('ь')
			}
		case 'і':
			b.WriteRune('и')
		case 'ї':
			if prevApos || i == 0 {
				b.WriteRune('и')
			} else {
				b.WriteRune('и')
			}
		case 'є':
			b.WriteRune('е')
		case 'ґ':
			b.WriteRune('г')
		default:
			b.WriteRune(r)
		}
		_ = prevApos
	}
	return b.String()
}

// russianAlphabet says whether a name is written in the Russian alphabet
// only (no і ї є ґ, no Latin).
func russianAlphabet(s string) bool {
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) && !((r >= 'а' && r <= 'я') || r == 'ё') {
			return false
		}
	}
	return true
}

// russianPairs are the settlements' Ukrainian names with the Russian name
// a source gives, in two halves by the parity of the codifier code's last
// digit: even is the tuning half (the hand-written tables were written
// looking at it, learnRussian learns from it), odd the held-out half.
//
// The source's name is the one the output takes (places): GeoNames'
// (russianName), except a pick that is only the Ukrainian spelling when
// Who's On First gives another name; else Who's On First's, except a
// former name. A pair counts only when that name is the settlement's name
// in Russian (ruPairSkip, ruforms3: rules decided on the tuning half and
// applied to both); the report counts the pairs left out by reason.
func (b *builder) russianPairs() []ruPair {
	var out []ruPair
	for i := range b.settlements {
		s := &b.settlements[i]
		known := ""
		if s.geo >= 0 {
			known = russianName(s.nameUK, b.geo[s.geo].alts)
		}
		var wofRU string
		if w := s.wof; w >= 0 && russianAlphabet(b.wof[w].nameRU) &&
			!b.wof[w].soviet && !slices.ContainsFunc(formerNames[s.code], func(f string) bool { return joinKey(f) == joinKey(b.wof[w].nameRU) }) {
			wofRU = strings.ReplaceAll(b.wof[w].nameRU, "_", " ") // a Wikipedia title: Золотые_пруды
		}
		if known != "" && wofRU != "" && ukrainianSpelling(s.nameUK, known) && ruPlausible(s.nameUK, wofRU) {
			known = ""
		}
		if known == "" {
			known = wofRU
		}
		if known == "" {
			continue
		}
		tune := s.code[len(s.code)-1]%2 == 0
		if why := ruPairSkip(s.nameUK, known); why != "" {
			if b.report.RussianPairsSkipped == nil {
				b.report.RussianPairsSkipped = map[string]int{}
			}
			half := "held"
			if tune {
				half = "tune"
			}
			b.report.RussianPairsSkipped[half+" "+why]++
			continue
		}
		out = append(out, ruPair{code: s.code, uk: s.nameUK, ru: known, tune: tune, translated: ruUnrelated(s.nameUK, known)})
	}
	return out
}

// ukrainianSpelling says whether ru is the Ukrainian name nameUK written
// with Russian letters only (і, ї as и, є as е, ґ as г: Дебальцеве, Лыман
// is not), the output's test for GeoNames' pick.
func ukrainianSpelling(nameUK, ru string) bool {
	return joinKey(ruLetters(ruNorm(nameUK))) == joinKey(ruLetters(ruNorm(ru)))
}

// ruPairSkip says why a source's Russian name ru of the settlement nameUK
// is not counted as that settlement's name in Russian, or "" when it is.
// Decided on the tuning half's misses (ruforms3: 636 of 4,235 tuning pairs
// matched no form; read by hand, most were not Russian names):
//
//   - "abbreviated": a word cut with a full stop (Нов.Млыны, Вел.Шишовка:
//     Who's On First's short forms), not a full name;
//   - "ukrainian": the Ukrainian name letter for letter (і as и) where the
//     hand-written rule writes another Russian form (Гришине, Суворове,
//     Криничне, Кленовий, Коси: the sources, or GeoNames' alternates
//     holding no Russian name, give the Ukrainian spelling; Херсон, where
//     the rule keeps the name, is counted);
//   - "unrelated": more than max(3, half the Ukrainian name's letters)
//     edits from the Ukrainian name, both in the letters the languages
//     share (ruUnrelated), and not the name translated word for word
//     (ruTranslation): another place's or a former name (Коломыйский
//     район, Тувинский язык, Кировское for Хрестівка, Малая Волосянка for
//     Волосянка). ruforms3 left out the translations too (Южное for
//     Південне): they are the settlement's Russian name and count again
//     (rufix).
func ruPairSkip(nameUK, ru string) string {
	switch {
	case strings.Contains(ru, "."):
		return "abbreviated"
	case ukrainianSpelling(nameUK, ru) && joinKey(ruleRussian(nameUK)) != joinKey(ru):
		return "ukrainian"
	}
	if !ruPlausible(nameUK, ru) {
		return "unrelated"
	}
	return ""
}

// ruUnrelated says whether ru is more than max(3, half the Ukrainian
// name's letters) edits from nameUK, both written with the letters the two
// languages share (ruSkeleton): not the name in Russian letters.
func ruUnrelated(nameUK, ru string) bool {
	return editDistance(ruSkeleton(nameUK), ruSkeleton(ru)) > max(3, utf8.RuneCountInString(nameUK)/2)
}

// ruPlausible says whether a source's Russian name ru can be the
// settlement nameUK's: its name in Russian letters (not ruUnrelated), or
// the name translated word for word (ruTranslation). What is neither is
// a raion's, another place's, a former name or a word (Коломыйский район,
// Сено for Гай, Улыбка for Сміле).
func ruPlausible(nameUK, ru string) bool {
	return !ruUnrelated(nameUK, ru) || ruTranslation(nameUK, ru)
}

// ruTranslations are the Ukrainian words of settlements' names (their
// beginnings) that Russian names translate rather than spell, with the
// Russian word's beginning (rufix). Decided on the tuning half: of the
// sources' names that ruUnrelated left out, those that are the name's
// words translated one by one (Відродження, Возрождение; Міжріччя,
// Междуречье; Південне, Южное; Залізничне, Железнодорожное; Велика
// Лепетиха, Большая Лепетиха; Голуба Затока, Голубой Залив; Друга,
// Вторая), and the (Перемога, Победа; Червоне, Красное). The rest
// of those names were former names (Ак-Мечеть), raions and words.
var ruTranslations = []struct{ uk, ru string }{
	{"відродж", "возрожд"}, {"перемог", "побед"}, {"переможн", "победн"}, {"залізнич", "железнодорож"},
	{"міжріч", "междуреч"}, {"південн", "южн"}, {"північн", "северн"}, {"велик", "больш"},
	{"затока", "залив"}, {"друг", "втор"}, {"червон", "красн"},
}

// ruTranslatedWord says whether the lower-case Russian word r translates
// the Ukrainian word u (ruTranslations): it begins with the translation
// and ends within two letters of u's ending.
func ruTranslatedWord(u, r string) bool {
	return slices.ContainsFunc(ruTranslations, func(t struct{ uk, ru string }) bool {
		return strings.HasPrefix(u, t.uk) && strings.HasPrefix(r, t.ru) &&
			editDistance(ruSkeleton(u[len(t.uk):]), ruSkeleton(r[len(t.ru):])) <= 2
	})
}

// ruTranslation says whether ru is nameUK word for word (words and
// hyphenated parts alike), each word in Russian letters or translated
// (ruTranslations: the Russian word begins with the translation, ends
// within two letters of the Ukrainian word's ending and not as the
// Ukrainian word where the rule writes another ending), one at least
// translated.
func ruTranslation(nameUK, ru string) bool {
	split := func(s string) []string {
		return strings.FieldsFunc(ruNorm(s), func(r rune) bool { return r == ' ' || r == '-' })
	}
	uw, rw := split(nameUK), split(ru)
	if len(uw) == 0 || len(uw) != len(rw) {
		return false
	}
	// end is a word's last two letters in the shared letters.
	end := func(w string) string {
		r := []rune(ruSkeleton(w))
		return string(r[max(0, len(r)-2):])
	}
	translated := false
	for i := range uw {
		// A word ending as the Ukrainian one where Russian ends otherwise
		// is the Ukrainian word (Южне, Pivdenne's Ukrainian name before
		// 2016, for Південне: the rule writes Пивденное).
		ukEnding := end(rw[i]) == end(uw[i]) && end(ruleRussianWord(uw[i], i == len(uw)-1, len(uw) > 1)) != end(uw[i])
		switch {
		case !ukEnding && ruTranslatedWord(uw[i], rw[i]):
			translated = true
		case ruUnrelated(uw[i], rw[i]):
			return false
		}
	}
	return translated
}

// ruSkeleton writes a Ukrainian or Russian name with the letters the two
// share: і ї й ы as и, є э ё as е, ґ as г, щ as шч, no ь or apostrophe,
// lower case (Щасливе, шчасливе; Счастливое, счастливое: three edits).
var ruSkeleton = func() func(string) string {
	r := strings.NewReplacer("і", "и", "ї", "и", "й", "и", "ы", "и", "є", "е", "э", "е", "ё", "е", "ґ", "г", "щ", "шч",
		"ь", "", "'", "", "’", "", "ʼ", "")
	return func(s string) string { return r.Replace(strings.ToLower(s)) }
}()

// checkRussianRule compares the hand-written rule and the learned forms
// with the sources' Russian names, in both halves.
func (b *builder) checkRussianRule(pairs []ruPair) {
	r := b.report
	for _, p := range pairs {
		hand := joinKey(ruleRussian(p.uk)) == joinKey(p.ru)
		learned := joinKey(b.russianForm(p.uk)) == joinKey(p.ru) // the one form shipped
		anyForm := slices.ContainsFunc(b.russianVariants(p.uk), func(f string) bool { return joinKey(f) == joinKey(p.ru) })
		h := &r.RussianRuleHeld
		if p.tune {
			h = &r.RussianRuleTune
		}
		h.Pairs++
		h.Hand += b2i(hand)
		h.Learned += b2i(learned)
		h.AnyForm += b2i(anyForm)
		if p.translated {
			h.Translated++
			h.TranslatedHand += b2i(hand)
			h.TranslatedLearned += b2i(learned)
			h.TranslatedAnyForm += b2i(anyForm)
		}
	}
}

func b2i(ok bool) int {
	if ok {
		return 1
	}
	return 0
}

// ruleRussianVariants returns ruleRussian's form and the other Russian
// forms the press writes for the same name: adjectival names in -ове/-еве
// both ways (Селидове → Селидово and Селидовое), and a closed-syllable і
// read as о (Борівське → Боровское, Косівцеве → Косовцево).
func ruleRussianVariants(nameUK string) []string {
	return russianVariantsBy(nameUK, func(s string) []string { return []string{ruleRussian(s)} })
}

// russianVariants is ruleRussianVariants with the learned forms, once
// learnRussian has run (b.ru), the learned best form first. A learned form
// that is a case of another settlement's Ukrainian name (Студінка's
// Студенка, the genitive of Студенок) is left out: it would take that
// settlement's mentions.
func (b *builder) russianVariants(nameUK string) []string {
	hand := ruleRussianVariants(nameUK)
	if b.ru == nil {
		return hand
	}
	out := learnedVariants(nameUK, b.ru.forms)
	return slices.DeleteFunc(out, func(f string) bool {
		return !slices.Contains(hand, f) && b.caseOfOther(f, nameUK)
	})
}

// russianForm is the Russian name the output gives a settlement without
// a source's: the learned best form, or the rule's before learnRussian.
func (b *builder) russianForm(nameUK string) string {
	if b.ru == nil {
		return ruleRussian(nameUK)
	}
	if v := b.russianVariants(nameUK); len(v) > 0 {
		return v[0]
	}
	return ruleRussian(nameUK)
}

// caseOfOther says whether a one-word form reads as a case of a
// settlement's Ukrainian name other than nameUK (inflect.Lemmas).
func (b *builder) caseOfOther(form, nameUK string) bool {
	if strings.ContainsAny(form, " -") {
		return false
	}
	if b.ukNames == nil {
		b.ukNames = map[string]bool{}
		for i := range b.settlements {
			b.ukNames[joinKey(b.settlements[i].nameUK)] = true
		}
	}
	own := joinKey(nameUK)
	lemmas := inflect.Lemmas(form)[1:]
	// The fleeting о of -ок (Студенка of Студенок), which extract reads
	// (fleetingO) and the inflection tables lack.
	if rs := []rune(strings.ToLower(form)); len(rs) >= 5 && string(rs[len(rs)-2:]) == "ка" && !strings.ContainsRune("аеєиіїоуюяыэё", rs[len(rs)-3]) {
		lemmas = append(lemmas, string(rs[:len(rs)-2])+"ок")
	}
	for _, l := range lemmas {
		if k := joinKey(l); k != own && k != joinKey(form) && b.ukNames[k] {
			return true
		}
	}
	return false
}

// russianVariantsBy derives the Russian forms of nameUK and of its
// lexical and closed-і variants with ru.
func russianVariantsBy(nameUK string, ru func(string) []string) []string {
	return russianVariantsWith(nameUK, ru, false)
}

// learnedVariants is russianVariantsBy with the learned forms' further
// stems (ruLexicalMore) and spellings (ruSpellings): the output's forms,
// which the joins do not use.
func learnedVariants(nameUK string, ru func(string) []string) []string {
	return russianVariantsWith(nameUK, ru, true)
}

func russianVariantsWith(nameUK string, ru func(string) []string, more bool) []string {
	if more {
		learned := ru
		ru = func(s string) []string {
			out := learned(s)
			for i, f := range out {
				out[i] = ruAgreement(s, f)
			}
			return out
		}
	}
	var out []string
	add := func(s string) {
		if s != "" && !slices.ContainsFunc(out, func(o string) bool { return joinKey(o) == joinKey(s) }) {
			out = append(out, s)
		}
	}
	forms := []string{nameUK}
	if o := closedI(nameUK); o != nameUK {
		forms = append(forms, o)
	}
	// An apostrophe is ь in the rule's form (Кремьяное) and often nothing
	// in the press's (Кремяное, Пятихатки).
	if o := strings.NewReplacer("'", "", "’", "", "ʼ", "").Replace(nameUK); o != nameUK {
		forms = append(forms, o)
	}
	// Each lexical change on every form so far: Вуглегірськ →
	// Углегірськ, Вуглегорськ, Углегорськ.
	for i := 0; i < len(forms) && len(forms) < 8; i++ {
		for _, l := range lexicalForms(forms[i], more) {
			if !slices.Contains(forms, l) {
				forms = append(forms, l)
			}
		}
	}
	if more {
		// The further stems are the Russian word (Сонячне is
		// Солнечное, Довжок Должок): their form comes first, the stem
		// written into the name's own best form (stemOnForm); an
		// adjective's whole word (ruLexicalWordEnd) through the rules.
		var best string
		if rs := ru(nameUK); len(rs) > 0 {
			best = rs[0]
		}
		for _, m := range lexicalMatches(ruLexicalMore, nameUK) {
			if ruLexicalWordEnd[m.uk] || best == "" {
				if rs := ru(lexicalForm(nameUK, m)); len(rs) > 0 {
					add(rs[0])
				}
				continue
			}
			add(stemOnForm(nameUK, best, m))
		}
	}
	for _, f := range forms {
		for _, ru := range ru(f) {
			addRussianForm(add, ru)
			if !more {
				continue
			}
			for _, v := range ruSpellings(nameUK, ru) {
				addRussianForm(add, v)
			}
		}
	}
	return out
}

// ruSpellings returns further Russian spellings of ru, a Russian form of
// nameUK, where Russian spelling or the stress decides what the letter
// rules cannot (ruforms3, each from several tuning pairs the forms
// missed):
//
//   - after ж ч ш щ ц an unstressed о is written е: -ово, -овое, -овка,
//     -ов, -овск- also as -ев- (Лучове, Лучевое; Хащів, Хащев);
//   - -ов- of -ів, -івка also as -ев- (Канів, Канев; Кобзівка, Кобзевка;
//     the learned forms give it where a context is common, the rest here);
//   - -іїв- as -иев- and -ьев- besides -еев- (Онуфріївка, Онуфриевка;
//     Аркадіївка, Аркадьевка);
//   - a т, л or с before я written with ь (Севастянівка, Севастьяновка;
//     Улянівське, Ульяновское);
//   - -аськ-, -еськ- as -асск-, -есск- (Спаське, Спасское; Черкаське,
//     Черкасское);
//   - a one-word name in -на, -ова, -ька also as an adjective (Озерна,
//     Озерная; Борщова, Борщовая; Добренька, Добренькая), a last word in
//     a consonant and -е as -ое (Сизе, Сизое; Кудряве, Кудрявое), -нє as
//     -нее and -ное (Крайнє, Крайнее; Придорожнє, Придорожное);
//   - a possessive in -ча, -жа, -чі, -жі as -чья, -жья, -чьи, -жьи
//     (Медвежа, Медвежья; Бурлача Балка, Бурлачья; Козачі Майдани).
func ruSpellings(nameUK, ru string) []string {
	uk := ruNorm(nameUK)
	low := strings.ToLower(ru)
	var out []string
	add := func(s string) {
		if s != "" && s != ru && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	// sub replaces the last occurrence of from in ru (by its lower case).
	sub := func(s, from, to string) string {
		i := strings.LastIndex(strings.ToLower(s), from)
		if i < 0 {
			return ""
		}
		return s[:i] + to + s[i+len(from):]
	}
	for _, h := range []string{"ж", "ч", "ш", "щ", "ц"} {
		for _, e := range []string{"ово", "овое", "овка", "овск", "ов"} {
			if i := strings.LastIndex(low, h+e); i >= 0 && (e != "ов" || strings.HasSuffix(low, h+e)) {
				add(sub(ru, h+e, h+"е"+e[len("о"):]))
				break
			}
		}
	}
	if strings.HasSuffix(uk, "ів") || strings.HasSuffix(uk, "івка") || strings.Contains(uk, "івськ") {
		for _, e := range []string{"овка", "овск", "ов"} {
			if strings.HasSuffix(low, e) || e == "овск" && strings.Contains(low, e) {
				add(sub(ru, e, "ев"+e[len("ов"):]))
				break
			}
		}
	}
	if strings.Contains(uk, "іїв") && strings.Contains(low, "еев") {
		add(sub(ru, "еев", "иев"))
		add(sub(ru, "еев", "ьев"))
	}
	for _, c := range []string{"т", "л", "с"} {
		if strings.Contains(uk, c+"ян") && strings.Contains(low, c+"ян") {
			add(sub(ru, c+"ян", c+"ьян"))
		}
	}
	for _, v := range []string{"а", "е"} {
		if strings.Contains(uk, v+"ськ") && strings.Contains(low, v+"ск") && !strings.Contains(low, v+"сск") {
			add(sub(ru, v+"ск", v+"сск"))
		}
	}
	words := strings.Fields(uk)
	last := words[len(words)-1]
	lastRU := low
	if i := strings.LastIndexAny(low, " -"); i >= 0 {
		lastRU = low[i+1:]
	}
	if len(words) == 1 && !strings.Contains(uk, "-") {
		for _, e := range []string{"на", "ова", "ька"} {
			if strings.HasSuffix(last, e) && strings.HasSuffix(low, e) && utf8.RuneCountInString(last) > 4 {
				add(ru + "я")
			}
		}
	}
	if r := []rune(lastRU); len(r) > 3 && r[len(r)-1] == 'е' && !strings.ContainsRune("аеиоуыэюяь", r[len(r)-2]) &&
		[]rune(last)[len([]rune(last))-1] == 'е' {
		add(ru[:len(ru)-len("е")] + "ое")
	}
	if strings.HasSuffix(last, "нє") && strings.HasSuffix(low, "не") {
		add(ru + "е")
		add(ru[:len(ru)-len("е")] + "ое")
	}
	// Possessives: the word keeps its case, its ending changes.
	for _, w := range words {
		for _, e := range [][2]string{{"ча", "чья"}, {"жа", "жья"}, {"чі", "чьи"}, {"жі", "жьи"}} {
			if !strings.HasSuffix(w, e[0]) || utf8.RuneCountInString(w) <= 4 {
				continue
			}
			ruEnd := strings.Replace(e[0], "і", "и", 1)
			for _, rw := range strings.FieldsFunc(low, func(r rune) bool { return r == ' ' || r == '-' }) {
				if strings.HasSuffix(rw, ruEnd) && utf8.RuneCountInString(rw) == utf8.RuneCountInString(w) {
					i := strings.LastIndex(low, rw)
					orig := ru[i : i+len(rw)]
					add(ru[:i] + strings.TrimSuffix(orig, ruEnd) + e[1] + ru[i+len(rw):])
				}
			}
		}
	}
	return out
}

// ruAgreement makes the Russian form of a two-word name read as the
// Ukrainian name does, an adjective and then its noun (rufix; the letters
// of one word do not tell its part): the first word, in a consonant and
// -а in both, takes -ая when the last is no adjective (Солодка Балка,
// Сладкая Балка; Широка Гребля; not Степанівка Друга, Гута Пеньківська),
// and the last, in a consonant and -а in Ukrainian, loses a learned -ая
// after an adjective (Шовкова Протока read Шелковая Протокая; Велика
// Розтока, Великая Ростокая; not an adjective in -на, Нова Пісочна,
// Новая Песочная). Nouns in -вка and -нка are not read as
// adjectives, nor possessives (-ча, -жа, ruSpellings: Медвежа, Медвежья;
// -ова, -ева, -ина: Ємцева Долина) and -ща (Вища, Высшая).
// Other forms come back as they are.
func ruAgreement(nameUK, form string) string {
	uk, ru := strings.Split(ruNorm(nameUK), " "), strings.Split(form, " ")
	if len(uk) != 2 || len(ru) != 2 || strings.ContainsAny(nameUK, "-") || strings.ContainsAny(form, "-") {
		return form
	}
	consonantA := func(w string) bool {
		r := []rune(w)
		return len(r) > 2 && r[len(r)-1] == 'а' && !strings.ContainsRune(ruVowels, r[len(r)-2])
	}
	adjective := func(w string) bool {
		if ru, ok := ruWords[w]; ok {
			return strings.HasSuffix(ru, "ая") || strings.HasSuffix(ru, "яя")
		}
		return slices.ContainsFunc([]string{"ська", "цька", "зька", "ова", "ева"}, func(e string) bool { return strings.HasSuffix(w, e) })
	}
	// The noun an adjective in -а agrees with ends in -а, -я or -ь in
	// both languages (not Тараса Шевченка, Шевченко: two nouns).
	feminine := func(w string) bool {
		r := []rune(w)
		return len(r) > 1 && strings.ContainsRune("аяь", r[len(r)-1])
	}
	first, last := strings.ToLower(ru[0]), strings.ToLower(ru[1])
	switch {
	case consonantA(uk[0]) && consonantA(first) && !adjective(uk[1]) && feminine(uk[1]) && feminine(last) &&
		!slices.ContainsFunc([]string{"вка", "нка", "ча", "жа", "ща", "ова", "ева", "єва", "ина", "іна", "їна"}, func(e string) bool { return strings.HasSuffix(uk[0], e) }):
		return ru[0] + "я " + ru[1]
	case consonantA(uk[1]) && !adjective(uk[1]) && !strings.HasSuffix(uk[1], "на") && strings.HasSuffix(last, "ая") &&
		(strings.HasSuffix(first, "ая") || strings.HasSuffix(first, "яя")):
		return ru[0] + " " + strings.TrimSuffix(ru[1], "я")
	}
	return form
}

// addRussianForm adds ru and, for a name in -ово/-ево or -овое/-евое, the
// other of the two.
func addRussianForm(add func(string), ru string) {
	{
		add(ru)
		low := strings.ToLower(ru)
		// Longer endings first: -овое also ends in -ое, not in -ово.
		for _, sw := range [][2]string{{"овое", "ово"}, {"евое", "ево"}, {"ово", "овое"}, {"ево", "евое"}} {
			if strings.HasSuffix(low, sw[0]) {
				if stem := low[:len(low)-len(sw[0])]; utf8.RuneCountInString(stem) >= 3 {
					add(ru[:len(ru)-len(sw[0])] + sw[1])
				}
				break
			}
		}
	}
}

// closedI replaces the і of the last -ів- inside the last word (not at
// its start and not in the ending -ів itself) with о: Борівське →
// Боровське, Косівцеве → Косовцеве, Іванівське → Івановське. Names in
// -івка keep their і (the table maps -івка to -овка already).
func closedI(nameUK string) string {
	words := strings.Fields(nameUK)
	if len(words) == 0 {
		return nameUK
	}
	w := words[len(words)-1]
	low := strings.ToLower(w)
	i := strings.LastIndex(low, "ів")
	if i <= 0 || strings.HasSuffix(low, "ів") || strings.Contains(low, "івк") || strings.Contains(low, "ївк") {
		return nameUK
	}
	words[len(words)-1] = w[:i] + "о" + w[i+len("і"):]
	return strings.Join(words, " ")
}

// ruLexical are Ukrainian stems whose Russian name is built on another
// word (робота, работа; Катерина, Екатерина; глибокий, глубокий) or
// spelt with another vowel (-уват-, -оват-): each gives one more form,
// the rule's own form stays. start: only at the beginning of a word.
var ruLexical = []ruStem{
	{"робот", "работ", false}, {"катерин", "екатерин", true}, {"ганн", "анн", true},
	{"вільх", "ольх", true}, {"омелян", "емельян", true}, {"якимів", "акимов", true},
	{"глиб", "глуб", true}, {"дворіч", "двуреч", true}, {"олешк", "алешк", true},
	{"вугле", "угле", true}, {"гірник", "горняк", false}, {"гірниц", "горняц", false},
	{"одрад", "отрад", true}, {"перехрест", "перекрест", false}, {"уват", "оват", false},
	{"гірськ", "горськ", false},
	// Whole words the Russian press translates (ruwords, issue 10's
	// examples): Вільне Поле → Свободное Поле, Золотий Колодязь →
	// Золотой Колодец, Червоне → Красное (the pre-2016 names),
	// Запорізьке → Запорожское.
	{"вільн", "свободн", true}, {"колодязь", "колодец", true}, {"золотий", "золотой", true},
	{"червон", "красн", true}, {"запорізьке", "запорожское", true}, {"запорізька", "запорожская", true},
	{"запорізький", "запорожский", true},
}

// ruLexicalMore are further stems for the learned forms only (the
// joins keep ruLexical: a form written in this pass must not choose the
// pairs it is measured on).
var ruLexicalMore = []ruStem{
	// ruforms3, from the tuning pairs' misses (each a stem of several
	// villages' names): ов for an older ол (Довжок, Должок; Жовтоолександрівка,
	// Желтоалександровка; Шовковичне; Товсте, Толстое), other Russian
	// words (Сонячне, Солнечное; Горіхова Балка, Ореховая; Солодководне,
	// Сладководное), the Russian е of an і (Яструбці, Ястребцы; Пчолине,
	// Пчелиное; Бесідка), the Russian double letters (Кам'яні Потоки,
	// Каменные; Комісарівка, Комиссаровка; Суботці, Субботцы), -зьк- of
	// Буг and Груз (Побузьке, Побугское; Грузьке, Грузское), роз- as
	// рос- (Розтоки, Ростоки; Розкішна, Роскошная; Розсошанка), Гвардій-
	// and Армій- as Гвардей-, Армей- (Гвардійське, Армійське: ruforms3
	// wrote any -ійськ- as -ейск-, Таврійське as Таврейское; rufix), and the translated words of
	// many villages' names (Південне, Южное; Північне, Северное).
	{"довг", "долг", true}, {"довж", "долж", true}, {"сонячн", "солнечн", false}, {"жовт", "желт", true},
	{"шовк", "шелк", true}, {"товст", "толст", true}, {"горіх", "орех", true}, {"кропив", "крапив", true},
	{"козач", "казач", true}, {"бузьк", "бугск", false}, {"грузьк", "грузск", true}, {"яструб", "ястреб", true},
	{"пчол", "пчел", true}, {"бесід", "бесед", true}, {"станційн", "станционн", true}, {"лінійн", "линейн", false},
	{"гвардій", "гвардей", true}, {"армій", "армей", true}, {"кам'яне", "каменне", false}, {"кам’яне", "каменне", false},
	{"кам'яні", "каменні", false}, {"кам’яні", "каменні", false}, {"кам'яна", "каменна", false}, {"кам’яна", "каменна", false}, {"знам'ян", "знамен", true},
	{"знам’ян", "знамен", true}, {"солодк", "сладк", true}, {"солодков", "сладков", true}, {"розт", "рост", true},
	{"розк", "роск", true}, {"розс", "росс", true}, {"комісар", "комиссар", false}, {"субот", "суббот", true},
	{"прибереж", "прибреж", true}, {"південн", "южн", true}, {"північн", "северн", true},
}

// ruLexicalWordEnd are the stems of ruLexicalMore that must end a word.
var ruLexicalWordEnd = map[string]bool{
	"кам'яне": true, "кам’яне": true, "кам'яні": true, "кам’яні": true, "кам'яна": true, "кам’яна": true,
}

// lexicalForms returns nameUK with each ruLexical stem that occurs in it
// replaced (one form per stem), -уват- after a hushing consonant as
// -еват- (Криничувате, Криничеватое).
func lexicalForms(nameUK string, more bool) []string {
	table := ruLexical
	if more {
		table = append(slices.Clone(ruLexical), ruLexicalMore...)
	}
	return lexicalFormsIn(table, nameUK)
}

// lexicalFormsIn is lexicalForms with the stems of table.
func lexicalFormsIn(table []ruStem, nameUK string) []string {
	var out []string
	for _, m := range lexicalMatches(table, nameUK) {
		out = append(out, lexicalForm(nameUK, m))
	}
	return out
}

// lexicalForm is nameUK with the stem m replaced, a capital kept.
func lexicalForm(nameUK string, m lexMatch) string {
	i, ru := m.at, m.ru
	if i == 0 || strings.ContainsRune(" -", rune(nameUK[i-1])) {
		if r, _ := utf8.DecodeRuneInString(nameUK[i:]); unicode.IsUpper(r) {
			rr, _ := utf8.DecodeRuneInString(ru)
			ru = string(unicode.ToUpper(rr)) + ru[utf8.RuneLen(rr):]
		}
	}
	return nameUK[:i] + ru + nameUK[i+len(m.uk):]
}

// ruStem is a stem of ruLexical or ruLexicalMore: its Ukrainian and
// Russian letters, and whether it begins a word only.
type ruStem = struct {
	uk, ru string
	start  bool
}

// lexMatch is a stem of a table found in a name: at its byte offset in
// the name, with the Russian letters it takes there.
type lexMatch struct {
	at     int
	uk, ru string
}

// lexicalMatches returns the first place each stem of table occurs in
// nameUK (at a word's start only where it says so; the adjectives of
// ruLexicalWordEnd ending a word), -уват- after a hushing consonant as
// -еват- (Криничувате, Криничеватое).
func lexicalMatches(table []ruStem, nameUK string) []lexMatch {
	var out []lexMatch
	low := strings.ToLower(nameUK)
	for _, l := range table {
		i := strings.Index(low, l.uk)
		if i < 0 || l.start && i > 0 && !strings.ContainsRune(" -", rune(low[i-1])) {
			continue
		}
		// An adjective's ending ends the word (Кам'яне, Каменное; not
		// Кам'янець, Каменец).
		if ruLexicalWordEnd[l.uk] && i+len(l.uk) < len(low) && !strings.ContainsRune(" -", rune(low[i+len(l.uk)])) {
			continue
		}
		ru := l.ru
		if l.uk == "уват" && i > 0 {
			if r, _ := utf8.DecodeLastRuneInString(low[:i]); strings.ContainsRune("чшщжц", r) {
				ru = "еват"
			}
		}
		out = append(out, lexMatch{at: i, uk: l.uk, ru: ru})
	}
	return out
}

// stemOnForm writes the stem m of nameUK into form, a Russian form of
// the whole name, in place of the letters form has for it; the rest of
// the word keeps form's letters (rufix): the stem changes the stem, the
// ending stays the one the ending rules and the learned letters give
// (Довге: Довгое, Долгое; not the stem's form run through the rules
// again, Долге). The letters are matched by ruAlign on the word reversed,
// so that a letter Russian adds goes with the Ukrainian letter after it
// (Довге, Довгое: the о with the е). "" when the words do not align.
func stemOnForm(nameUK, form string, m lexMatch) string {
	type word struct{ start, end int }
	split := func(s string) []word {
		var out []word
		start := 0
		for i, r := range s {
			if r == ' ' || r == '-' {
				out = append(out, word{start, i})
				start = i + 1
			}
		}
		return append(out, word{start, len(s)})
	}
	uw, rw := split(nameUK), split(form)
	if len(uw) != len(rw) {
		return ""
	}
	k := slices.IndexFunc(uw, func(w word) bool { return w.start <= m.at && m.at < w.end })
	if k < 0 || m.at+len(m.uk) > uw[k].end {
		return ""
	}
	rev := func(rs []rune) []rune {
		out := slices.Clone(rs)
		slices.Reverse(out)
		return out
	}
	u := []rune(ruNorm(nameUK[uw[k].start:uw[k].end]))
	r := []rune(ruNorm(form[rw[k].start:rw[k].end]))
	outs, ok := ruAlign(rev(u), rev(r))
	if !ok {
		return ""
	}
	slices.Reverse(outs)
	a := utf8.RuneCountInString(nameUK[uw[k].start:m.at])
	n := utf8.RuneCountInString(m.uk)
	var sb strings.Builder
	for _, o := range outs[:a] {
		sb.WriteString(reverse([]rune(o)))
	}
	sb.WriteString(m.ru)
	for _, o := range outs[a+n:] {
		sb.WriteString(reverse([]rune(o)))
	}
	w := sb.String()
	if f, _ := utf8.DecodeRuneInString(form[rw[k].start:]); unicode.IsUpper(f) {
		w = capitalFirst(w)
	}
	return form[:rw[k].start] + w + form[rw[k].end:]
}
