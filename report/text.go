package report

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/frontline-osint/frontline"
)

// parseText reads plain UTF-8 text. Text is the file without a leading
// byte-order mark, otherwise unchanged (offsets into Text are offsets into
// the file after the mark); the title is its first non-empty line.
//
// Text that is not UTF-8 is decoded when its bytes tell Windows-1251 or
// KOI8 Cyrillic apart (Raw stays the file as received; a note says so, and
// offsets are into the decoded text); other text is refused.
func parseText(data []byte) (*Parsed, error) {
	body := bytes.TrimPrefix(data, utf8BOM)
	note := ""
	if !utf8.Valid(body) {
		name, dec := cyrillic8bit(data)
		if name == "" {
			i := invalidUTF8At(body)
			return nil, refusef("not UTF-8 (invalid byte 0x%02x at offset %d; perhaps Windows-1251 or KOI8-R): convert it to UTF-8 first", body[i], i+len(data)-len(body))
		}
		body = dec
		note = "decoded from " + name + " to UTF-8 (the encoding guessed from its letters); raw bytes kept as received, offsets are into the decoded text"
	}
	text := string(body)
	r := &frontline.Report{Kind: frontline.ReportText, Raw: data, Text: text, Title: clip(firstLine(text), 200), Note: note}
	return &Parsed{Kind: frontline.ReportText, Reports: []*frontline.Report{r}}, nil
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return 0
}

// GuessLang guesses the language of text from its script and, for Latin
// script, English function words: "uk" (Cyrillic with і, ї, є or ґ), "ru"
// (Cyrillic with ы, э, ъ or ё), "en", or "" when it cannot tell.
func GuessLang(text string) string {
	if len(text) > 64<<10 {
		text = text[:64<<10]
	}
	var cyr, lat, uk, ru int
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
			switch unicode.ToLower(r) {
			case 'і', 'ї', 'є', 'ґ':
				uk++
			case 'ы', 'э', 'ъ', 'ё':
				ru++
			}
		case unicode.Is(unicode.Latin, r):
			lat++
		}
	}
	switch {
	case cyr == 0 && lat == 0:
		return ""
	case cyr > lat:
		if uk > ru {
			return "uk"
		} else if ru > uk {
			return "ru"
		}
		return ""
	}
	words, common := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		words++
		switch w {
		case "the", "and", "of", "to", "in", "is", "was", "that", "for", "on", "with", "by", "from", "has", "have":
			common++
		}
	}
	if words > 0 && (common*12 >= words || (words < 12 && common > 0)) {
		return "en"
	}
	return ""
}

// looksLikeEventCSV reports whether the first line of body is a header
// naming event_date among several delimited columns.
func looksLikeEventCSV(body []byte) bool {
	line := body
	if i := bytes.IndexByte(body, '\n'); i >= 0 {
		line = body[:i]
	}
	l := strings.ToLower(string(line))
	return strings.Contains(l, "event_date") && strings.ContainsAny(l, ",;\t")
}
