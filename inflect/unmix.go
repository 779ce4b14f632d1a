package inflect

import (
	"strings"
	"unicode"
)

// Latin letters that look like Cyrillic ones, and back.
var (
	latinToCyr = map[rune]rune{
		'a': 'а', 'c': 'с', 'e': 'е', 'i': 'і', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у', 'k': 'к', 'j': 'ј',
		'A': 'А', 'B': 'В', 'C': 'С', 'E': 'Е', 'H': 'Н', 'I': 'І', 'K': 'К', 'M': 'М', 'O': 'О', 'P': 'Р', 'T': 'Т', 'X': 'Х', 'Y': 'У',
	}
	cyrToLatin = map[rune]rune{}
)

func init() {
	for l, c := range latinToCyr {
		if l != 'j' {
			cyrToLatin[c] = l
		}
	}
	delete(latinToCyr, 'j')
}

// Unmix repairs a word that mixes Latin and Cyrillic letters by writing
// its minority script's look-alike letters in the majority script
// ("Hryhorivkа" with a Cyrillic а → all Latin; "Покровcьк" with a Latin c
// → all Cyrillic). A word in one script, or whose odd letters have no
// look-alike, is returned unchanged.
func Unmix(word string) string {
	lat, cyr := 0, 0
	for _, r := range word {
		switch {
		case r >= 0x400 && r <= 0x4FF:
			cyr++
		case r < 0x250 && unicode.IsLetter(r):
			lat++
		}
	}
	if lat == 0 || cyr == 0 {
		return word
	}
	toCyr := cyr >= lat
	var b strings.Builder
	b.Grow(len(word))
	for _, r := range word {
		if toCyr && r < 0x250 {
			if c, ok := latinToCyr[r]; ok {
				r = c
			}
		} else if !toCyr && r >= 0x400 && r <= 0x4FF {
			if l, ok := cyrToLatin[r]; ok {
				r = l
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Mixed reports whether word has both Latin and Cyrillic letters.
func Mixed(word string) bool {
	lat, cyr := false, false
	for _, r := range word {
		switch {
		case r >= 0x400 && r <= 0x4FF:
			cyr = true
		case r < 0x250 && unicode.IsLetter(r):
			lat = true
		}
	}
	return lat && cyr
}
