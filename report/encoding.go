package report

import (
	"bytes"
	"unicode"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Text in encodings other than UTF-8 is read where the encoding can be told
// from the bytes alone, and refused with a reason otherwise. A report's Raw
// is always the bytes as received; its Text is UTF-8, and a note on the
// report says it was decoded (offsets into Text are then offsets into the
// decoded text, not into Raw).

// utf16Encoding returns the UTF-16 encoding a byte-order mark at the start
// of data names, and its name; nil if there is none. (UTF-16 without a
// byte-order mark is refused as binary: its NUL bytes cannot be told from
// a binary file's.)
func utf16Encoding(data []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), "UTF-16LE"
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), "UTF-16BE"
	}
	return nil, ""
}

// decodeUTF16 decodes UTF-16 with a byte-order mark to UTF-8 (without the
// mark). Unpaired surrogates and a trailing odd byte become U+FFFD.
func decodeUTF16(enc encoding.Encoding, data []byte) ([]byte, error) {
	return enc.NewDecoder().Bytes(data)
}

// legacy8bit reports whether head, which is not UTF-8, may be text in an
// 8-bit encoding rather than binary data: no NUL byte and few control
// characters (binary data has both; 8-bit text has neither).
func legacy8bit(head []byte) bool {
	if bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	ctl, high := 0, 0
	for _, b := range head {
		switch {
		case b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1b:
			ctl++
		case b >= 0x80:
			high++
		}
	}
	return ctl*20 <= len(head) && high > 0
}

// cyrillic8bit guesses the 8-bit Cyrillic encoding of data, which is not
// UTF-8, and returns its name and the text decoded: Windows-1251 or KOI8
// (read as KOI8-U: KOI8-R with the Ukrainian letters); "" when it cannot
// tell. It guesses only when most letters are Cyrillic (a Latin text with a
// few accented letters in Windows-1252 is not mistaken for Russian), and
// then decodes the text both ways and keeps the reading in which the
// letters most frequent in Ukrainian and Russian running text are frequent
// (read the wrong way, or in another script, they are rare).
func cyrillic8bit(data []byte) (name string, decoded []byte) {
	head := data[:min(len(data), 64<<10)]
	var latin, high, letters int
	for _, b := range head {
		switch {
		case b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z':
			latin++
		case b >= 0xC0:
			letters++
			high++
		case b >= 0x80:
			high++
		}
	}
	if letters < 8 || letters <= latin || letters*4 < high*3 {
		return "", nil
	}
	best, second := 0.0, 0.0
	for _, c := range []struct {
		name string
		enc  encoding.Encoding
	}{{"Windows-1251", charmap.Windows1251}, {"KOI8-R/KOI8-U", charmap.KOI8U}} {
		dec, err := c.enc.NewDecoder().Bytes(head)
		if err != nil {
			continue
		}
		score := cyrillicScore(string(dec))
		switch {
		case score > best:
			best, second, name = score, best, c.name
		case score > second:
			second = score
		}
	}
	if best < 0.58 || best-second < 0.15 {
		return "", nil
	}
	enc := encoding.Encoding(charmap.Windows1251)
	if name != "Windows-1251" {
		enc = charmap.KOI8U
	}
	dec, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", nil
	}
	return name, dec
}

// cyrillicScore is the share of Cyrillic letters in s that are among the
// most frequent in Russian and Ukrainian text (о е а и н т с р в л к і:
// 0.65–0.71 in news text of either language; text read in the wrong
// encoding, or Greek read as Cyrillic, scores 0.3–0.5).
func cyrillicScore(s string) float64 {
	var all, frequent int
	for _, r := range s {
		if !unicode.Is(unicode.Cyrillic, r) {
			continue
		}
		all++
		switch unicode.ToLower(r) {
		case 'о', 'е', 'а', 'и', 'н', 'т', 'с', 'р', 'в', 'л', 'к', 'і':
			frequent++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(frequent) / float64(all)
}
