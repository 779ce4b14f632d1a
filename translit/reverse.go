package translit

import (
	"strings"
	"unicode"
)

// latinToUkrainian is the national system (2010) read backwards, longest
// Latin sequence first. The system is not one-to-one (i is і, ї and й
// inside a word; ia is я or ія), so the result is the likeliest spelling,
// good for a search key and a derived name, not an official one.
var latinToUkrainian = []struct{ lat, cyr string }{
	{"shch", "щ"}, {"zgh", "зг"}, {"kh", "х"}, {"zh", "ж"}, {"ch", "ч"}, {"sh", "ш"}, {"ts", "ц"},
	{"yi", "ї"}, {"ye", "є"}, {"yu", "ю"}, {"ya", "я"}, {"iu", "ю"}, {"ia", "я"}, {"ie", "є"},
	{"a", "а"}, {"b", "б"}, {"v", "в"}, {"h", "г"}, {"g", "ґ"}, {"d", "д"}, {"e", "е"}, {"z", "з"},
	{"y", "и"}, {"i", "і"}, {"k", "к"}, {"l", "л"}, {"m", "м"}, {"n", "н"}, {"o", "о"}, {"p", "п"},
	{"r", "р"}, {"s", "с"}, {"t", "т"}, {"u", "у"}, {"f", "ф"}, {"w", "в"}, {"x", "кс"}, {"c", "к"},
	{"q", "к"}, {"j", "й"},
	{"'", "’"}, {"’", "’"}, {"ʼ", "’"},
}

// UkrainianFromLatin spells a name written in the national transliteration
// (Pohrebky, Lyubymivka) in Ukrainian Cyrillic (Погребки, Любимівка).
// Capitalisation is kept per letter; characters it does not know pass
// through. -yi and -iy at a word's end are the adjective ending -ий
// (Nyzhnyi, Nyzhniy → Нижній is not recovered: Нижний).
func UkrainianFromLatin(s string) string {
	s = nfc(s)
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		low := strings.ToLower(string(rs[i:min(len(rs), i+4)]))
		// Word-final -yi / -iy / -yy: the adjective ending -ий.
		end := func(n int) bool { return i+n == len(rs) || !unicode.IsLetter(rs[i+n]) }
		if (strings.HasPrefix(low, "yi") || strings.HasPrefix(low, "iy") || strings.HasPrefix(low, "yy")) && end(2) && i > 0 && unicode.IsLetter(rs[i-1]) {
			b.WriteString("ий")
			i += 2
			continue
		}
		matched := false
		for _, m := range latinToUkrainian {
			if strings.HasPrefix(low, m.lat) {
				cyr := m.cyr
				if unicode.IsUpper(r) {
					cr := []rune(cyr)
					cr[0] = unicode.ToUpper(cr[0])
					cyr = string(cr)
				}
				// ye, yi, yu, ya inside a word after a consonant: ьє… is rare;
				// after a vowel or at the start they are є ї ю я.
				b.WriteString(cyr)
				i += len([]rune(m.lat))
				matched = true
				break
			}
		}
		if !matched {
			b.WriteRune(r)
			i++
		}
	}
	return b.String()
}
