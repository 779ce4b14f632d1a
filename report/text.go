package report

import (
	"bytes"
	"strconv"
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
	if blanked, what := blankMarkdownAside(text); what != "" {
		text = blanked
		if note != "" {
			note += "; "
		}
		note += what + " blanked (not the page's own text; offsets unchanged)"
	}
	r := &frontline.Report{Kind: frontline.ReportText, Raw: data, Text: text, Title: clip(firstLine(text), 200), Note: note}
	return &Parsed{Kind: frontline.ReportText, Reports: []*frontline.Report{r}}, nil
}

// asideHeadings are the headings of sections that list links rather than
// say anything (Wikipedia's See also, References…), in three languages,
// lower case.
var asideHeadings = map[string]bool{
	"see also": true, "references": true, "external links": true, "further reading": true, "notes": true, "bibliography": true, "sources": true, "citations": true,
	"див. також": true, "примітки": true, "посилання": true, "джерела": true, "література": true,
	"см. также": true, "примечания": true, "ссылки": true, "литература": true, "источники": true,
}

// blankMarkdownAside blanks, in a text in Markdown (as pages saved from
// Wikipedia are), the lines that are only an image (![caption](url)) and
// the sections headed See also, References and the like, up to the next
// heading of the same or a higher level: an image's caption and a list of
// links are not statements. Every blanked byte but a newline becomes a
// space, so offsets into the text stay offsets into the file. what says
// what was blanked ("" for nothing).
func blankMarkdownAside(text string) (out, what string) {
	var b []byte
	images, sections := 0, 0
	asideLevel := 0 // the level of the aside section being blanked, 0 for none
	for off := 0; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		line := strings.TrimSpace(text[off:end])
		blank := false
		if level := headingLevel(line); level > 0 {
			if asideLevel > 0 && level <= asideLevel {
				asideLevel = 0
			}
			title := strings.ToLower(strings.TrimSpace(strings.Trim(line[level:], "# ")))
			if asideHeadings[title] {
				asideLevel = level
				sections++
			}
		}
		switch {
		case asideLevel > 0:
			blank = true
		case isImageLine(line):
			blank = true
			images++
		}
		if blank {
			if b == nil {
				b = []byte(text)
			}
			for i := off; i < end; i++ {
				if b[i] != '\n' && b[i] != '\r' {
					b[i] = ' '
				}
			}
		}
		off = end + 1
	}
	if b == nil {
		return text, ""
	}
	var parts []string
	if images > 0 {
		parts = append(parts, strconv.Itoa(images)+" image line"+plural(images))
	}
	if sections > 0 {
		parts = append(parts, strconv.Itoa(sections)+" See also/References section"+plural(sections))
	}
	return string(b), strings.Join(parts, " and ")
}

// headingLevel is the level of a Markdown ATX heading ("## See also" is
// 2), or 0.
func headingLevel(line string) int {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n == len(line) || line[n] != ' ' {
		return 0
	}
	return n
}

// isImageLine tells whether a line is nothing but Markdown images.
func isImageLine(line string) bool {
	if !strings.HasPrefix(line, "![") {
		return false
	}
	for line != "" {
		if !strings.HasPrefix(line, "![") {
			return false
		}
		close := strings.Index(line, "](")
		if close < 0 {
			return false
		}
		rest := line[close+2:]
		// The target may be <…> (with parentheses inside) or plain.
		var end int
		if strings.HasPrefix(rest, "<") {
			end = strings.Index(rest, ">)")
			if end < 0 {
				return false
			}
			end += 2
		} else {
			end = strings.IndexByte(rest, ')')
			if end < 0 {
				return false
			}
			end++
		}
		line = strings.TrimSpace(rest[end:])
	}
	return true
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
