// Package inflect undoes the grammatical cases of Ukrainian and Russian
// place names: from a form as it stands in a sentence ("Покровська",
// "Авдеевкой", "Великої Новосілки", "Ямполем") it gives the candidate
// nominatives ("Покровськ", "Авдеевка", "Велика Новосілка", "Ямпіль"), so
// that a gazetteer of nominative names can be asked about them.
//
// It is a table of endings, not a dictionary: a form gets every
// nominative its ending allows (Покровська → Покровськ, Покровська;
// Лиману → Лиман, Лимана), a small set, and the caller keeps the ones the
// gazetteer knows. The tables cover the declensions place names use:
//
//   - feminine nouns in -а/-я (Авдіївка: -и, -і with к→ц, г→з, х→с, -у,
//     -ою; Russian -и/-ы, -е, -у, -ой/-ою);
//   - masculine nouns with a zero ending or -ь (Покровськ: -а/-у, -у/-ові,
//     -і/-у, -ом/-ем; Russian -а, -у, -е, -ом), with the Ukrainian
//     alternation of і in the nominative's last syllable with о or е in the
//     other cases (Ямпіль, Ямполя, Ямполем; Харків, Харкова; Київ, Києва);
//   - neuter nouns in -е/-я/-о (Гуляйполе: -я, -ю, -і, -ем; Russian
//     Курахово: -а, -у, -е, -ом);
//   - adjectives, the form of most names in -е, -а, -ий (Курахове,
//     Солоне: -ого, -ому, -им, -ім; Велика: -ої, -ій, -у, -ою; Russian
//     -ое/-ая/-ий/-ый: -ого, -ому, -ом, -ым, -ой, -ую) and possessive
//     adjectives (Часів Яр: Часового Яру);
//   - plurals (Піски: Пісків, Пісках; Russian Пески: Песков, Песках).
//
// Only Cyrillic words are changed; a Latin word is returned as it is.
// Case is kept: a capitalised form gives capitalised lemmas, an all-caps
// form all-caps lemmas. Apostrophes (' ’ ʼ `) and hyphens pass through
// (Куп'янська → Куп'янськ; Нью-Йорка → Нью-Йорк: only the last part
// declines).
//
// The package also reads the place adjectives of "the X direction"
// (Покровський напрямок, Купянское направление): DirectionBases gives the
// names they are made from; and repairs Latin look-alike letters inside
// Cyrillic words and the reverse (Unmix).
package inflect

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// rule turns an oblique ending into the nominative endings it may come
// from.
type rule struct {
	oblique string
	nom     []string
}

// rules, longest ending first within each group is not needed: every rule
// whose ending matches applies.
var rules = []rule{
	// Adjectives: masculine and neuter oblique cases.
	{"ого", []string{"е", "ий", "ое", "ый", "ой", "ій"}},
	{"ому", []string{"е", "ий", "ое", "ый", "ой"}},
	{"ього", []string{"є", "ій"}},
	{"ьому", []string{"є", "ій"}},
	{"ым", []string{"ое", "ый", "", "ые"}}, // "": Часовым Яром (Часов Яр)
	{"им", []string{"е", "ий", "ое", "і", "ие"}},
	// Adjectives: plural oblique cases (Старих Тернах → Старі Терни,
	// Сухих Ялах → Сухі Яли; Russian Старых → Старые).
	{"их", []string{"і", "ие"}},
	{"ых", []string{"ые"}},
	{"ими", []string{"і", "ие"}},
	{"ыми", []string{"ые"}},
	{"ім", []string{"е", "ий", "ій"}},
	// Possessive adjectives: Часового Яру, Часовому Яру.
	{"ового", []string{"ове", "ів"}},
	{"овому", []string{"ове", "ів"}},
	{"евого", []string{"еве", "ів"}},
	{"иного", []string{"ин"}},
	{"иному", []string{"ин"}},
	// Adjectives: feminine oblique cases.
	{"ої", []string{"а"}},
	{"ій", []string{"а", "я"}},
	{"ою", []string{"а"}},
	{"ую", []string{"ая"}},
	{"ой", []string{"ая", "а"}}, // Великой; Авдеевкой (Russian instrumental)
	{"ей", []string{"яя", "я"}},
	{"ею", []string{"я"}},
	{"ёй", []string{"я"}},
	// Nouns.
	{"а", []string{"", "о", "ь"}}, // Покровська; Курахова (ru); Ямпіля?
	{"я", []string{"ь", "е", "й"}},
	{"и", []string{"а", "ь"}}, // Пристани (ru) → Пристань
	{"ы", []string{"а"}},
	{"ью", []string{"ь"}}, // Пристанью
	{"і", []string{"а", "я", "", "ь", "е", "о"}},
	{"ії", []string{"ія"}}, // Балаклії
	{"ію", []string{"ія"}},
	{"ією", []string{"ія"}},
	{"еи", []string{"ея"}}, // Балаклеи
	{"ии", []string{"ия"}},
	{"ию", []string{"ия"}},
	{"ией", []string{"ия"}},
	{"ці", []string{"ка"}},
	{"зі", []string{"га"}},
	{"сі", []string{"ха"}},
	{"у", []string{"а", "", "о"}}, // Шевченку, Курахову: neuter -о (у Шевченку)
	{"ю", []string{"я", "ь", "е", "й"}},
	{"е", []string{"а", "", "о"}},
	{"ом", []string{"", "о", "ое"}},
	{"ем", []string{"ь", "е", "й", ""}}, // "": Комарем (Комар), a hard stem in р ж ш ч
	{"ём", []string{"ь"}},
	{"ові", []string{""}},
	{"еві", []string{"ь", "й"}},
	// Plurals; the genitive drops the ending and may insert a vowel
	// (Кринки → Кринок).
	{"ок", []string{"ки"}},
	{"ек", []string{"ки"}},
	{"ів", []string{"и"}},
	{"ов", []string{"и", "ы"}},
	{"ах", []string{"и", "ы"}},
	{"ях", []string{"і", "и"}},
	{"ам", []string{"и", "ы"}},
	{"ями", []string{"і", "и"}},
	{"ами", []string{"и", "ы"}},
}

func init() {
	// Longer endings first: the more specific reading comes first
	// (Новосілці: -ці → -ка before -і → -а).
	slices.SortStableFunc(rules, func(a, b rule) int { return len(b.oblique) - len(a.oblique) })
}

// minStem is the fewest letters left before an ending: shorter stems are
// not names ("на", "у").
const minStem = 2

// minNeuterStem is the fewest letters before -у read as a neuter noun in
// -о (Шевченку → Шевченко, Курахову → Курахово): such names are long.
const minNeuterStem = 5

// maxWordBytes: longer words are not names and are returned alone.
const maxWordBytes = 120

// maxLemmas bounds the forms Lemmas returns.
const maxLemmas = 16

// Lemmas returns word itself first, then the nominatives it may be a case
// of, without repeats; a word that is not Cyrillic comes back alone.
func Lemmas(word string) []string {
	out := []string{word}
	if word == "" || !utf8.ValidString(word) || !cyrillic(word) || len(word) > maxWordBytes {
		return out
	}
	lower := strings.ToLower(word)
	orig := []rune(word)
	upper := allUpper(word)
	add := func(s string) {
		s = recase(s, orig, upper)
		for _, o := range out {
			if o == s {
				return
			}
		}
		if len(out) < maxLemmas {
			out = append(out, s)
		}
	}
	for _, r := range rules {
		if !strings.HasSuffix(lower, r.oblique) {
			continue
		}
		stem := lower[:len(lower)-len(r.oblique)]
		if utf8.RuneCountInString(stem) < minStem || !endsInLetter(stem) {
			continue
		}
		for _, n := range r.nom {
			if n == "о" && r.oblique == "у" && utf8.RuneCountInString(stem) < minNeuterStem {
				continue // Рогу is Ріг's, not a neuter Рого
			}
			add(stem + n)
			if n == "" || n == "ь" || n == "й" {
				// Ukrainian і in the nominative's closed last syllable:
				// Ямпол-ем → Ямпіль, Харков-а → Харків, Києв-а → Київ.
				if alt, ok := closeSyllable(stem); ok {
					add(alt + n)
				}
			}
		}
	}
	return out
}

// closeSyllable replaces the last о, е or є of stem by і (ї after a
// vowel or at є) when only consonants follow it: the nominative of a
// masculine noun whose other cases open the syllable.
func closeSyllable(stem string) (string, bool) {
	rs := []rune(stem)
	for i := len(rs) - 1; i >= 1; i-- {
		r := rs[i]
		if isVowel(r) {
			switch r {
			case 'о', 'е':
				if i == len(rs)-1 {
					return "", false
				}
				rs[i] = 'і'
				return string(rs), true
			case 'є':
				if i == len(rs)-1 {
					return "", false
				}
				rs[i] = 'ї'
				return string(rs), true
			}
			return "", false
		}
	}
	return "", false
}

func isVowel(r rune) bool {
	return strings.ContainsRune("аеєиіїоуюяыэё", unicode.ToLower(r))
}

func endsInLetter(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r)
}

// maxPhrases bounds the combinations Phrases returns by their rank sum
// (maxAgreeing more may follow).
const maxPhrases = 16

// Phrases returns the candidate nominatives of a name of several words
// written with sep between them ("Великої Новосілки" → "Велика
// Новосілка"): the words as given first, then combinations of each word's
// lemmas, the words' own forms before their lemmas. An adjective agrees
// with its noun, so both carry the case; the caller keeps the
// combinations the gazetteer knows.
func Phrases(words []string, sep string) []string {
	if len(words) == 0 {
		return nil
	}
	lists := make([][]string, len(words))
	for i, w := range words {
		l := Lemmas(w)
		if len(l) > 6 {
			l = l[:6]
		}
		lists[i] = l
	}
	// Combinations in order of the sum of the words' ranks: the likely
	// readings (each word's most specific lemma) come first.
	out := []string{}
	idx := make([]int, len(words))
	maxSum := 0
	for _, l := range lists {
		maxSum += len(l) - 1
	}
	var walk func(i, left int)
	walk = func(i, left int) {
		if len(out) >= maxPhraseCandidates {
			return
		}
		if i == len(words)-1 {
			if left >= len(lists[i]) {
				return
			}
			idx[i] = left
			parts := make([]string, len(words))
			for k := range words {
				parts[k] = lists[k][idx[k]]
			}
			out = append(out, strings.Join(parts, sep))
			return
		}
		for r := 0; r <= left && r < len(lists[i]); r++ {
			idx[i] = r
			walk(i+1, left-r)
		}
	}
	for sum := 0; sum <= maxSum && len(out) < maxPhraseCandidates; sum++ {
		walk(0, sum)
	}
	// The words of a name agree in gender and number: past the first
	// maxPhrases, whose order stays, the combinations whose words agree
	// are added, at most maxAgreeing (Веселого Гаю: Веселий Гай is 17th by
	// the rank sum, Веселе Гай and its neighbours come first; ruforms3).
	if len(out) > maxPhrases {
		head, agreeing := out[:maxPhrases], []string{}
		for _, c := range out[maxPhrases:] {
			if len(agreeing) < maxAgreeing && agree(strings.Split(c, sep)) {
				agreeing = append(agreeing, c)
			}
		}
		out = append(head, agreeing...)
	}
	return out
}

// maxAgreeing bounds the agreeing combinations Phrases adds past
// maxPhrases.
const maxAgreeing = 4

// maxPhraseCandidates bounds the combinations Phrases ranks before it
// keeps maxPhrases.
const maxPhraseCandidates = 64

func b2i(ok bool) int {
	if ok {
		return 1
	}
	return 0
}

// agree says whether the words of a nominative name have one gender or
// number, where their endings tell it (gender).
func agree(words []string) bool {
	g := byte(0)
	for _, w := range words {
		if x := gender(w); x != 0 {
			if g != 0 && x != g {
				return false
			}
			g = x
		}
	}
	return true
}

// gender tells a nominative's gender or number by its ending: 'm' (-ий,
// -ій, -ый, -ой, a consonant, -й), 'n' (-е, -є, -о), 'f' (-а, -я), 'p'
// (-и, -і, -ы), 0 when the ending does not tell (-ь: Пристань, Ямпіль).
func gender(w string) byte {
	r, _ := utf8.DecodeLastRuneInString(strings.ToLower(w))
	switch {
	case r == 'ь' || !unicode.IsLetter(r):
		return 0
	case strings.ContainsRune("ей", r) && func() bool {
		l := strings.ToLower(w)
		return strings.HasSuffix(l, "ий") || strings.HasSuffix(l, "ій") || strings.HasSuffix(l, "ый") || strings.HasSuffix(l, "ой")
	}():
		return 'm'
	case strings.ContainsRune("еєоё", r):
		return 'n'
	case strings.ContainsRune("ая", r):
		return 'f'
	case strings.ContainsRune("иіы", r):
		return 'p'
	case strings.ContainsRune("уюэї", r):
		return 0
	}
	return 'm'
}

func cyrillic(s string) bool {
	for _, r := range s {
		if r >= 0x400 && r <= 0x4FF {
			return true
		}
	}
	return false
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// allUpper: two or more letters, none lower-case.
func allUpper(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n > 1
}

// recase gives the lower-case form s the case of orig rune by rune; the
// letters past orig's end are upper-case when orig is all caps.
func recase(s string, orig []rune, upper bool) string {
	rs := []rune(s)
	for i, r := range rs {
		if i < len(orig) && unicode.IsUpper(orig[i]) || i >= len(orig) && upper {
			rs[i] = unicode.ToUpper(r)
		}
	}
	return string(rs)
}
