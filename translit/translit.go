// Package translit transliterates Ukrainian and Russian place names into Latin script (Ukraine's national 2010 system, BGN/PCGN for Ukrainian and for Russian) and folds spellings into search keys that make press variants meet.
//
// Transliteration functions (each leaves non-Cyrillic text as it is):
//
//	UkrainianNational      Cabinet of Ministers of Ukraine Resolution No. 55 of 2010-01-27
//	UkrainianBGN           BGN/PCGN 2019 for Ukrainian, which adopted the national system: same output
//	UkrainianBGN1965       the historic BGN/PCGN 1965 system, with its marks (ь → ’, apostrophe → ”)
//	UkrainianBGN1965Plain  the same without the marks (ASCII only): the usual older press form
//	RussianBGN             BGN/PCGN 1947 for Russian, with its marks (ъ → ”, ь → ’, ё → ë)
//	RussianSimple          BGN/PCGN without marks (ъ, ь dropped; ё → e)
//	RussianPress           the form English-language press used for Russian names (Kiev, Nikolaev)
//
// Variants lists every spelling one place gets under these systems. Fold and
// FoldLoose make search keys; see their documentation for the rules.
//
// Capitalisation is preserved per word: a capitalised letter gives a
// capitalised digraph ("Ж" → "Zh"), and a word written in capitals stays in
// capitals ("ЖИТОМИР" → "ZHYTOMYR").
package translit

import (
	"golang.org/x/text/unicode/norm"
	"strings"
	"unicode"
	"unicode/utf8"
)

// isApostrophe reports whether r is one of the marks used as the Ukrainian
// apostrophe or as a transliteration mark for it or for the soft sign.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '´', '’', '‘', 'ʼ', 'ʹ', '′', '"', '”', '“', '″', 'ʺ':
		return true
	}
	return false
}

func isCyrillic(r rune) bool { return r >= 0x400 && r <= 0x52F }

// inWord reports whether r continues a word: a letter, a combining mark or
// an apostrophe.
func inWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || isApostrophe(r)
}

// letterFunc returns the lower-case Latin text for rs[i], or ok=false to
// copy rs[i] unchanged.
type letterFunc func(rs []rune, i int) (out string, ok bool)

// transliterate runs f over every rune of s and restores capitalisation.
func transliterate(s string, f letterFunc) string {
	if s == "" {
		return ""
	}
	s = nfc(s)
	rs := []rune(s)
	caps := allCapsWords(rs)
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i, r := range rs {
		out, ok := f(rs, i)
		if !ok {
			b.WriteRune(r)
			continue
		}
		if out == "" || !unicode.IsUpper(r) {
			b.WriteString(out)
			continue
		}
		if caps[i] {
			b.WriteString(strings.ToUpper(out))
			continue
		}
		first, n := utf8.DecodeRuneInString(out)
		b.WriteRune(unicode.ToUpper(first))
		b.WriteString(out[n:])
	}
	return b.String()
}

// allCapsWords marks the runes of words that have at least two letters and
// no lower-case letter.
func allCapsWords(rs []rune) []bool {
	caps := make([]bool, len(rs))
	for i := 0; i < len(rs); {
		if !inWord(rs[i]) {
			i++
			continue
		}
		j, upper, lower := i, 0, 0
		for ; j < len(rs) && inWord(rs[j]); j++ {
			switch {
			case unicode.IsUpper(rs[j]):
				upper++
			case unicode.IsLower(rs[j]):
				lower++
			}
		}
		if upper >= 2 && lower == 0 {
			for k := i; k < j; k++ {
				caps[k] = true
			}
		}
		i = j
	}
	return caps
}

// wordStart reports whether rs[i] begins a word. A letter after an
// apostrophe that follows a letter is inside the word (Куп'янськ); after a
// quotation mark it begins one ('Яр').
func wordStart(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && isApostrophe(rs[j]) {
		j--
	}
	return j < 0 || !inWord(rs[j])
}

func lowerAt(rs []rune, i int) rune {
	if i < 0 || i >= len(rs) {
		return 0
	}
	return unicode.ToLower(rs[i])
}

// innerApostrophe reports whether the apostrophe at rs[i] stands between two
// Cyrillic letters, i.e. is the Ukrainian apostrophe (or a Russian ъ written
// as one) rather than a quotation mark.
func innerApostrophe(rs []rune, i int) bool {
	return i > 0 && i+1 < len(rs) && isCyrillic(rs[i-1]) && isCyrillic(rs[i+1])
}

// common holds the letters every system here writes the same way.
var common = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'д': "d", 'ж': "zh", 'з': "z", 'к': "k",
	'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s",
	'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh",
	'щ': "shch",
}

// UkrainianNational transliterates Ukrainian by the national system of
// Cabinet of Ministers of Ukraine Resolution No. 55 of 27 January 2010.
//
// Є, Ї, Й, Ю, Я are written Ye, Yi, Y, Yu, Ya at the start of a word and
// ie, i, i, iu, ia elsewhere (also after an apostrophe); Г is h but "зг" is
// "zgh"; Ґ is g; И is y; І is i; the soft sign and the apostrophe are not
// written. Letters outside the Ukrainian alphabet (ё ы э ъ) are written as
// RussianSimple writes them, without its position rules.
func UkrainianNational(s string) string { return transliterate(s, ukNational) }

// UkrainianBGN transliterates Ukrainian by the BGN/PCGN 2019 system, which is
// the national system of 2010 adopted unchanged: it returns
// UkrainianNational(s). For the historic BGN/PCGN system see
// UkrainianBGN1965.
func UkrainianBGN(s string) string { return UkrainianNational(s) }

func ukNational(rs []rune, i int) (string, bool) {
	r := unicode.ToLower(rs[i])
	if out, ok := common[r]; ok {
		return out, true
	}
	start := wordStart(rs, i)
	pick := func(initial, inner string) (string, bool) {
		if start {
			return initial, true
		}
		return inner, true
	}
	switch r {
	case 'г':
		if lowerAt(rs, i-1) == 'з' {
			return "gh", true
		}
		return "h", true
	case 'ґ':
		return "g", true
	case 'е', 'э', 'ё':
		return "e", true
	case 'є':
		return pick("ye", "ie")
	case 'и', 'ы':
		return "y", true
	case 'і':
		return "i", true
	case 'ї':
		return pick("yi", "i")
	case 'й':
		return pick("y", "i")
	case 'ю':
		return pick("yu", "iu")
	case 'я':
		return pick("ya", "ia")
	case 'ь', 'ъ':
		return "", true
	}
	if isApostrophe(rs[i]) && innerApostrophe(rs, i) {
		return "", true
	}
	return "", false
}

// UkrainianBGN1965 transliterates Ukrainian by the historic BGN/PCGN system
// of 1965, used by Western maps and press until the 2010s: Г h, Ґ g, Е e,
// Є ye, Ж zh, И y, І i, Ї yi, Й y, Х kh, Ц ts, Ч ch, Ш sh, Щ shch, Ю yu,
// Я ya whatever the position, the soft sign as ’ and the apostrophe as ”
// (Київ → Kyyiv, Куп'янськ → Kup”yans’k). UkrainianBGN1965Plain leaves the
// two marks out.
func UkrainianBGN1965(s string) string { return transliterate(s, ukBGN1965(true)) }

// UkrainianBGN1965Plain is UkrainianBGN1965 without its marks: the soft sign
// and the apostrophe are not written (Куп'янськ → Kupyansk, Балаклія →
// Balakliya). Its output is ASCII for Ukrainian input.
func UkrainianBGN1965Plain(s string) string { return transliterate(s, ukBGN1965(false)) }

func ukBGN1965(marks bool) letterFunc {
	soft, apos := "’", "”"
	if !marks {
		soft, apos = "", ""
	}
	return func(rs []rune, i int) (string, bool) {
		r := unicode.ToLower(rs[i])
		if out, ok := common[r]; ok {
			return out, true
		}
		switch r {
		case 'г':
			return "h", true
		case 'ґ':
			return "g", true
		case 'е', 'э', 'ё':
			return "e", true
		case 'є':
			return "ye", true
		case 'и', 'ы':
			return "y", true
		case 'і':
			return "i", true
		case 'ї':
			return "yi", true
		case 'й':
			return "y", true
		case 'ю':
			return "yu", true
		case 'я':
			return "ya", true
		case 'ь':
			return soft, true
		case 'ъ':
			return apos, true
		}
		if isApostrophe(rs[i]) && innerApostrophe(rs, i) {
			return apos, true
		}
		return "", false
	}
}

// russianStyle selects one of the Russian systems.
type russianStyle int

const (
	russianBGN russianStyle = iota
	russianSimple
	russianPress
)

// RussianBGN transliterates Russian by the BGN/PCGN system of 1947: Е is ye
// at the start of a word and after a vowel, й, ъ or ь, else e; Ё likewise
// yë or ë; Ж zh, Й y, Х kh, Ц ts, Ч ch, Ш sh, Щ shch, Ъ ”, Ы y, Ь ’, Э e,
// Ю yu, Я ya (Запорожье → Zaporozh’ye, Киев → Kiyev, Николаев → Nikolayev).
// The optional middle dot that BGN/PCGN puts between letters that would
// otherwise read as a digraph (тс → t·s) is not written. Ukrainian letters
// (ґ є і ї) are written as UkrainianBGN1965 writes them.
func RussianBGN(s string) string { return transliterate(s, russian(russianBGN)) }

// RussianSimple is RussianBGN without marks: ъ and ь are not written and ё is
// written as е would be (Харьков → Kharkov, Запорожье → Zaporozhye,
// Артёмовск → Artemovsk, Киев → Kiyev). It is the no-diacritics fold of
// RussianBGN and an ASCII string for Russian input.
func RussianSimple(s string) string { return transliterate(s, russian(russianSimple)) }

// RussianPress writes Russian names the way English-language press and
// older maps did: like RussianSimple, except that
//
//   - е (and ё, which Russian text mostly writes as е) is ye only at the start
//     of a word and after ъ or ь, and e after every other letter, vowels
//     included: Киев → Kiev, Николаев → Nikolaev, Запорожье → Zaporozhye,
//     Артёмовск → Artemovsk, Енакиево → Yenakievo;
//   - a word-final ый is y (Красный → Krasny); ий stays iy.
//
// It gives the press forms Kiev, Kharkov, Izyum, Kupyansk, Zaporozhye,
// Energodar, Nikolaev, Artemovsk, Severodonetsk, Lugansk, Donetsk.
func RussianPress(s string) string { return transliterate(s, russian(russianPress)) }

func isRussianVowel(r rune) bool {
	switch r {
	case 'а', 'е', 'ё', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я', 'і', 'ї', 'є':
		return true
	}
	return false
}

func russian(style russianStyle) letterFunc {
	return func(rs []rune, i int) (string, bool) {
		r := unicode.ToLower(rs[i])
		if out, ok := common[r]; ok {
			return out, true
		}
		switch r {
		case 'е', 'ё':
			prev := lowerAt(rs, i-1)
			var iotated bool
			switch style {
			case russianPress:
				iotated = wordStart(rs, i) || prev == 'ъ' || prev == 'ь'
			default:
				iotated = wordStart(rs, i) || isRussianVowel(prev) ||
					prev == 'й' || prev == 'ъ' || prev == 'ь'
			}
			vowel := "e"
			if r == 'ё' && style == russianBGN {
				vowel = "ë"
			}
			if iotated {
				return "y" + vowel, true
			}
			return vowel, true
		case 'г', 'ґ':
			return "g", true
		case 'и', 'і':
			return "i", true
		case 'ї':
			return "yi", true
		case 'є':
			return "ye", true
		case 'й':
			return "y", true
		case 'ы':
			if style == russianPress && lowerAt(rs, i+1) == 'й' && (i+2 >= len(rs) || !inWord(rs[i+2])) {
				return "", true // ый at the end of a word: the й gives the y
			}
			return "y", true
		case 'э':
			return "e", true
		case 'ю':
			return "yu", true
		case 'я':
			return "ya", true
		case 'ъ':
			if style == russianBGN {
				return "”", true
			}
			return "", true
		case 'ь':
			if style == russianBGN {
				return "’", true
			}
			return "", true
		}
		if isApostrophe(rs[i]) && innerApostrophe(rs, i) {
			// A Russian ъ typed as an apostrophe.
			if style == russianBGN {
				return "”", true
			}
			return "", true
		}
		return "", false
	}
}

// Variants returns every Latin spelling of one place from its Ukrainian name
// uk and, if known, its Russian name ru (either may be empty), deduplicated,
// in this order: UkrainianNational(uk), RussianPress(ru), RussianSimple(ru),
// UkrainianBGN1965Plain(uk), RussianBGN(ru), UkrainianBGN1965(uk). The
// national form comes first; the marked forms come last.
func Variants(uk, ru string) []string {
	var out []string
	add := func(s string) {
		if s == "" {
			return
		}
		for _, v := range out {
			if v == s {
				return
			}
		}
		out = append(out, s)
	}
	uk, ru = strings.TrimSpace(uk), strings.TrimSpace(ru)
	if uk != "" {
		add(UkrainianNational(uk))
	}
	if ru != "" {
		add(RussianPress(ru))
		add(RussianSimple(ru))
	}
	if uk != "" {
		add(UkrainianBGN1965Plain(uk))
	}
	if ru != "" {
		add(RussianBGN(ru))
	}
	if uk != "" {
		add(UkrainianBGN1965(uk))
	}
	return out
}

// nfc composes s (NFC): a name typed or pasted with combining marks (NFD
// "Київ", и + U+0306 for й) reads as the composed letters the tables know.
// ASCII and already composed text is returned as it is, without copying.
func nfc(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			if norm.NFC.IsNormalString(s) {
				return s
			}
			return norm.NFC.String(s)
		}
	}
	return s
}
