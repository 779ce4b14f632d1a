package translit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fold returns the search key of a place name written in Latin or Cyrillic
// script, in any of the transliteration systems of this package or in the
// usual press, German, Polish or Czech spellings. Two spellings of one name
// get the same key; Fold(Fold(s)) == Fold(s).
//
// The key is built in four steps.
//
//  1. Each character is lower-cased and spelled in plain Latin letters.
//     Cyrillic goes through one table for both languages, which is safe
//     because the letters the two languages write differently end up in the
//     same class in step 2: г and ґ are g, х kh, ж zh, ц ts, ч ch, ш sh,
//     щ shch, ю iu, я ia; и і ї й е є ё ы э are all i; ь and ъ are dropped.
//     Latin letters lose their diacritics (é → e, ł → l, ı → i), except the
//     ones that spell a Slavic digraph: č ç ć ĉ → ch, š ş ș ŝ → sh, ž ż ĵ →
//     zh, ĥ → kh, ţ ț → ts. Apostrophes and the marks that transliterate the
//     apostrophe or the soft sign (' ’ ʼ ` ´ ′ ” …) and combining accents are
//     deleted; hyphens, dots and other punctuation separate words; runs of
//     spaces collapse. Letters of other scripts are kept as they are.
//  2. The Latin text is read as sounds: kh (and x) is one sound, zh, sh and
//     ch (and Polish cz) are one sound each, so shch is sh+ch; g, h and gh
//     are one class (Ukrainian г: Enerhodar, Energodar, Zghorany); w is v;
//     q is k; a lone c (Polish, Czech: Severodoneck) is ts. The vowels and
//     semivowels i, y, j, e are one class, written i: this makes Ukrainian
//     и/і/ї/є/й/ь+vowel meet Russian и/е/ы/й and the iotation spellings ia,
//     ya, ja, iia, iya, ija (Kupiansk, Kupyansk, Kup'jans'k; Kyiv, Kiev;
//     Sievierodonetsk, Severodonetsk; Balakliia, Balakleya).
//  3. Repeated sounds collapse into one (Zaporizhzhia, Zaporizhia; Kyiv
//     "kyi" and Kiev "kie" are both k+i), an i+o after a consonant is i
//     (Russian ё spelt yo, io, jo: Semyonovka, Semenovka), and the Russian
//     endings of each word are folded into the Ukrainian ones, repeatedly
//     until none applies:
//     -oye, -oe, -oy → -e, -yi (Pokrovskoye, Pokrovske; Sukhoy, Sukhyi);
//     -aya → -a (Novaya Kakhovka, Nova Kakhovka);
//     -ye after a doubled consonant or zh, sh, ch → -ia (Zarech'ye,
//     Zarichchia; Zaporizhia, Zaporizhzhia), and not elsewhere (Horodnia
//     and Horodnie are different names);
//     -ovka → -ivka (Pavlovka, Pavlivka);
//     -ov → -iv (Kharkov, Kharkiv; Lvov, Lviv);
//     -vo, -no → -ve, -ne (Kurakhovo, Kurakhove; Hryshyno, Hryshyne).
//     These endings are the only places where Russian o meets Ukrainian i.
//  4. The sounds are written back: kh, zh, sh, ch for the digraphs, i for
//     the i class, g for the g class.
//
// Fold does not need to know the language of a Cyrillic name: the letters
// whose reading depends on it (и is y in Ukrainian and i in Russian; г is h
// or g; е is e or, in Russian, ye; ь, ъ and the apostrophe) fall into one
// class each, so a Ukrainian name, its Russian form and every
// transliteration of either meet when they differ only in those letters.
//
// Inside a word, o and i stay apart, so Zaporizhzhia and Zaporozhye, Myrhorod
// and Mirgorod get different keys, as do Semenivka and Simonivka (different
// places); FoldLoose merges those. Because e and i are one class, a few
// different names meet (Rivne and Revne). Digits are kept.
func Fold(s string) string {
	s = nfc(s)
	var symBuf [96]rune
	syms := foldSymbols(s, symBuf[:0])
	return writeKey(syms, false)
}

// FoldLoose returns a coarser key than Fold, meant only for gathering fuzzy
// candidates that a finer comparison then ranks. It starts from the sounds
// of Fold and, in each word, keeps only the consonants, with a vowel at the
// start of the word written a; kh and the g class are merged (Kharkiv,
// Harkiv), so are s and z (Izium, Isjum) and ts and s (German z for ц:
// Sjewjerodonezk). Everything that meets under Fold meets under FoldLoose;
// so do Zaporizhzhia and Zaporozhye, Oleksandrivka and Aleksandrovka,
// Zelenohirske and Zelenogorskoye, and many different places (Semenivka and
// Simonivka). Mykolaiv and Nikolaev differ in a consonant and meet under
// neither key.
func FoldLoose(s string) string {
	s = nfc(s)
	var symBuf [96]rune
	syms := foldSymbols(s, symBuf[:0])
	return writeKey(syms, true)
}

// Sound symbols. Vowels are 'a', 'o', 'u' and the i class 'i'; the
// consonants are the ASCII letters they are read from, plus the digraphs
// below; ' ' separates words. Any other rune is a letter of another script
// or a digit.
const (
	symKh = 'x'
	symZh = 'Z'
	symSh = 'S'
	symCh = 'C'
)

func isVowelSym(r rune) bool { return r == 'a' || r == 'o' || r == 'u' || r == 'i' }

func isConsonantSym(r rune) bool {
	return r != ' ' && !isVowelSym(r) && !unicode.IsDigit(r)
}

// foldSymbols runs steps 1 to 3 of Fold and appends the sounds to dst.
func foldSymbols(s string, dst []rune) []rune {
	var latBuf [128]byte
	lat := spellLatin(s, latBuf[:0])
	return normalize(readSounds(lat, dst))
}

// spellLatin is step 1: the lower-case plain-Latin spelling of s, with
// words separated by single spaces.
func spellLatin(s string, dst []byte) []byte {
	space := true // suppress leading and repeated spaces
	sep := func() {
		if !space {
			dst = append(dst, ' ')
			space = true
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				dst = append(dst, c)
				space = false
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
				space = false
			case c == '\'' || c == '`' || c == '"':
			default:
				sep()
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r == utf8.RuneError && n == 1 {
			continue
		}
		r = unicode.ToLower(r)
		if lat, ok := latinOf(r); ok {
			if lat != "" {
				dst = append(dst, lat...)
				space = false
			}
			continue
		}
		switch {
		case isApostrophe(r), unicode.Is(unicode.Mn, r), unicode.Is(unicode.Cf, r):
			// deleted
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			dst = utf8.AppendRune(dst, r)
			space = false
		default:
			sep()
		}
	}
	if n := len(dst); n > 0 && dst[n-1] == ' ' {
		dst = dst[:n-1]
	}
	return dst
}

// latinOf spells a lower-case non-ASCII letter in plain Latin.
func latinOf(r rune) (string, bool) {
	switch r {
	// Cyrillic: Ukrainian, Russian, Belarusian, Serbian, Macedonian.
	case 'а':
		return "a", true
	case 'б':
		return "b", true
	case 'в':
		return "v", true
	case 'г', 'ґ', 'ѓ', 'һ':
		return "g", true
	case 'д':
		return "d", true
	case 'е', 'є', 'ё', 'э', 'ѣ':
		return "e", true
	case 'ж':
		return "zh", true
	case 'з':
		return "z", true
	case 'и', 'і', 'ї', 'й', 'ы', 'ј', 'ѵ':
		return "i", true
	case 'к', 'ќ':
		return "k", true
	case 'л':
		return "l", true
	case 'љ':
		return "li", true
	case 'м':
		return "m", true
	case 'н':
		return "n", true
	case 'њ':
		return "ni", true
	case 'о':
		return "o", true
	case 'п':
		return "p", true
	case 'р':
		return "r", true
	case 'с':
		return "s", true
	case 'т':
		return "t", true
	case 'у':
		return "u", true
	case 'ў':
		return "v", true
	case 'ф', 'ѳ':
		return "f", true
	case 'х':
		return "kh", true
	case 'ц':
		return "ts", true
	case 'ѕ':
		return "dz", true
	case 'ч', 'ћ':
		return "ch", true
	case 'џ', 'ђ':
		return "dzh", true
	case 'ш':
		return "sh", true
	case 'щ':
		return "shch", true
	case 'ъ', 'ь':
		return "", true
	case 'ю':
		return "iu", true
	case 'я':
		return "ia", true

	// Latin with diacritics.
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ă', 'ą':
		return "a", true
	case 'æ':
		return "ae", true
	case 'č', 'ç', 'ć', 'ĉ', 'ċ':
		return "ch", true
	case 'ď', 'đ', 'ð':
		return "d", true
	case 'è', 'é', 'ê', 'ë', 'ē', 'ĕ', 'ė', 'ę', 'ě':
		return "e", true
	case 'ğ', 'ĝ', 'ģ', 'ġ':
		return "g", true
	case 'ĥ', 'ħ':
		return "kh", true
	case 'ì', 'í', 'î', 'ï', 'ĩ', 'ī', 'ĭ', 'į', 'ı':
		return "i", true
	case 'ĵ', 'ž', 'ż':
		return "zh", true
	case 'ķ':
		return "k", true
	case 'ł', 'ľ', 'ĺ', 'ļ', 'ŀ':
		return "l", true
	case 'ñ', 'ń', 'ň', 'ņ':
		return "n", true
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ŏ', 'ő':
		return "o", true
	case 'œ':
		return "oe", true
	case 'ŕ', 'ř', 'ŗ':
		return "r", true
	case 'ś', 'ſ':
		return "s", true
	case 'š', 'ş', 'ș', 'ŝ':
		return "sh", true
	case 'ß':
		return "ss", true
	case 'ť', 'þ':
		return "t", true
	case 'ţ', 'ț':
		return "ts", true
	case 'ù', 'ú', 'û', 'ü', 'ũ', 'ū', 'ŭ', 'ů', 'ű', 'ų':
		return "u", true
	case 'ý', 'ÿ', 'ŷ':
		return "y", true
	case 'ź':
		return "z", true
	}
	return "", false
}

// readSounds is step 2: it reads the plain-Latin spelling as sounds.
func readSounds(b []byte, dst []rune) []rune {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRune(b[i:])
			dst = append(dst, r)
			i += n - 1
			continue
		}
		next := byte(0)
		if i+1 < len(b) {
			next = b[i+1]
		}
		switch c {
		case 'e', 'i', 'y', 'j':
			dst = append(dst, 'i')
		case 'w':
			dst = append(dst, 'v')
		case 'q':
			dst = append(dst, 'k')
		case 'h':
			dst = append(dst, 'g')
		case 'g':
			if next == 'h' {
				i++
			}
			dst = append(dst, 'g')
		case 'k':
			if next == 'h' {
				i++
				dst = append(dst, symKh)
			} else {
				dst = append(dst, 'k')
			}
		case 'z':
			if next == 'h' {
				i++
				dst = append(dst, symZh)
			} else {
				dst = append(dst, 'z')
			}
		case 's':
			if next == 'h' {
				i++
				dst = append(dst, symSh)
			} else {
				dst = append(dst, 's')
			}
		case 'c':
			if next == 'h' || next == 'z' {
				i++
				dst = append(dst, symCh)
			} else {
				dst = append(dst, 't', 's')
			}
		default: // a b d f l m n o p r t u v x, digits, space
			dst = append(dst, rune(c))
		}
	}
	return dst
}

// normalize is step 3: it collapses repeated sounds and folds the Russian
// endings, word by word, in place.
func normalize(syms []rune) []rune {
	out := syms[:0]
	wordStart := 0
	geminate := -1 // index in out of the last doubled consonant of the word
	for _, r := range syms {
		n := len(out)
		if r == ' ' {
			out = foldEnding(out, wordStart, geminate)
			if len(out) > 0 && out[len(out)-1] != ' ' {
				out = append(out, ' ')
			}
			wordStart, geminate = len(out), -1
			continue
		}
		if n > wordStart && out[n-1] == r && !unicode.IsDigit(r) {
			if isConsonantSym(r) {
				geminate = n - 1
			}
			continue // a repeated sound
		}
		if r == 'o' && n-wordStart >= 2 && out[n-1] == 'i' && isConsonantSym(out[n-2]) {
			continue // ё after a consonant spelt yo, io, jo
		}
		out = append(out, r)
	}
	out = foldEnding(out, wordStart, geminate)
	if n := len(out); n > 0 && out[n-1] == ' ' {
		out = out[:n-1]
	}
	return out
}

// foldEnding folds the Russian endings of the word out[start:] into the
// Ukrainian ones until none applies; geminate is the index of the word's
// last doubled consonant, or -1. Each rule shortens the word or turns an o
// into i, so the loop ends.
func foldEnding(out []rune, start, geminate int) []rune {
	for {
		n := len(out)
		w := n - start
		switch {
		case w >= 4 && out[n-2] == 'o' && out[n-1] == 'i':
			// -oye, -oe, -oy, -oi: Pokrovskoye, Pokrovske; Sukhoy, Sukhyi.
			out = out[:n-2]
			if len(out) == start || out[len(out)-1] != 'i' {
				out = append(out, 'i')
			}
		case w >= 5 && out[n-3] == 'a' && out[n-2] == 'i' && out[n-1] == 'a':
			// -aya: Novaya Kakhovka, Nova Kakhovka.
			out = out[:n-2]
		case w >= 4 && out[n-2] == 'i' && out[n-1] == 'a' &&
			(n-3 == geminate || out[n-3] == symZh || out[n-3] == symSh || out[n-3] == symCh):
			// Ukrainian doubled consonant + я against Russian -ье:
			// Zarichchia, Zarech'ye; Zavallia, Zavalye.
			out = out[:n-1]
		case w >= 5 && out[n-4] == 'o' && out[n-3] == 'v' && out[n-2] == 'k' && out[n-1] == 'a':
			// -ovka, -evka (e is already i): Pavlovka, Pavlivka.
			out = replaceO(out, n-4, start)
		case w >= 4 && out[n-2] == 'o' && out[n-1] == 'v':
			// -ov: Kharkov, Kharkiv; Lvov, Lviv.
			out = replaceO(out, n-2, start)
		case w >= 4 && out[n-1] == 'o' && (out[n-2] == 'v' || out[n-2] == 'n'):
			// -ovo, -evo, -ino, -no: Kurakhovo, Kurakhove; Hryshyno, Hryshyne.
			out[n-1] = 'i'
		default:
			return out
		}
		geminate = -1 // positions may have moved
	}
}

// replaceO turns the o at out[k] into i, merging it into an i before it.
func replaceO(out []rune, k, start int) []rune {
	if k > start && out[k-1] == 'i' {
		copy(out[k:], out[k+1:])
		return out[:len(out)-1]
	}
	out[k] = 'i'
	return out
}

// writeKey is step 4 of Fold; with loose, it first reduces the sounds as
// FoldLoose does.
func writeKey(syms []rune, loose bool) string {
	if loose {
		syms = looseSounds(syms)
	}
	var b strings.Builder
	b.Grow(len(syms) + 8)
	for _, r := range syms {
		switch r {
		case symKh:
			b.WriteString("kh")
		case symZh:
			b.WriteString("zh")
		case symSh:
			b.WriteString("sh")
		case symCh:
			b.WriteString("ch")
		default:
			if r < utf8.RuneSelf {
				b.WriteByte(byte(r))
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// looseSounds reduces the sounds of Fold to the FoldLoose skeleton, in
// place: consonants only, a word-initial vowel as a, kh as g, z as s, ts as
// s (German z for ц: Sjewjerodonezk), repeats collapsed.
func looseSounds(syms []rune) []rune {
	out := syms[:0]
	atStart := true
	for _, r := range syms {
		if r == ' ' {
			out = append(out, ' ')
			atStart = true
			continue
		}
		switch {
		case isVowelSym(r):
			if !atStart {
				continue
			}
			r = 'a'
		case r == symKh:
			r = 'g'
		case r == 'z':
			r = 's'
		}
		atStart = false
		n := len(out)
		if r == 's' && n > 0 && out[n-1] == 't' {
			out = out[:n-1]
			n--
		}
		if n > 0 && out[n-1] == r && !unicode.IsDigit(r) {
			continue
		}
		out = append(out, r)
	}
	return out
}
