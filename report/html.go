package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/frontline-osint/frontline"
)

// parseHTML reads a web page: its title, its main text (the <article> or
// <main> element when the page has one with text, else the body; script,
// style, nav, header, footer, aside, form and similar boilerplate
// dropped), its canonical URL and its publication time from meta tags
// (article:published_time and its og:/itemprop/name variants), JSON-LD
// datePublished, or the first <time datetime>.
//
// It reads tokens, not a tree, so its time and memory are linear in the
// page: deeply nested or unclosed markup cannot blow up. The page's
// declared charset is honoured; Text is UTF-8.
func parseHTML(data []byte) (*Parsed, error) {
	rd, err := charset.NewReader(bytes.NewReader(data), "text/html")
	if err != nil {
		return nil, refusef("cannot read the page's character set: %v", err)
	}
	ex := htmlExtract(rd, true)
	if strings.TrimSpace(ex.text(true)) == "" && strings.TrimSpace(ex.text(false)) == "" {
		// Unclosed boilerplate (a <nav> never closed) can hide the whole
		// page: read it again keeping everything but scripts and styles.
		rd, _ = charset.NewReader(bytes.NewReader(data), "text/html")
		ex = htmlExtract(rd, false)
	}
	text := ex.text(true)
	if strings.TrimSpace(text) == "" {
		text = ex.text(false)
	}
	var notes []string
	r := &frontline.Report{Kind: frontline.ReportHTML, Raw: data, Text: text, URL: ex.url}
	r.Title = firstNonEmpty(ex.metaTitle, ex.title, ex.h1, firstLine(text))
	for _, cand := range []string{ex.metaPublished, ex.ldPublished, ex.timeDatetime} {
		if strings.TrimSpace(cand) == "" {
			continue
		}
		if t := publishedAt(cand, &notes); t != nil {
			r.PublishedAt = t
			break
		}
	}
	if strings.TrimSpace(text) == "" {
		notes = append(notes, "the page has no readable text")
	}
	r.Note = joinNotes(notes)
	return &Parsed{Kind: frontline.ReportHTML, Reports: []*frontline.Report{r}}, nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = oneLine(s); s != "" {
			return s
		}
	}
	return ""
}

// htmlText is what one pass over a page's tokens found.
type htmlText struct {
	title, metaTitle, h1, url      string
	metaPublished, ldPublished     string
	timeDatetime                   string
	all, main                      []string // paragraphs
	cur, curMain                   strings.Builder
	mainDepth, skipDepth, titleCnt int
}

// skipped are elements whose text is not the page's text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true, atom.Math: true,
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Iframe: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Object: true, atom.Canvas: true, atom.Dialog: true,
}

// always are skipped even in the second, forgiving pass.
var always = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true, atom.Math: true}

var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Blockquote: true, atom.Pre: true, atom.Section: true, atom.Article: true,
	atom.Main: true, atom.Tr: true, atom.Table: true, atom.Figcaption: true, atom.Figure: true, atom.Dd: true, atom.Dt: true,
	atom.Dl: true, atom.Hr: true, atom.Body: true, atom.Td: true, atom.Th: true, atom.Caption: true, atom.Address: true,
}

// voids never have an end tag.
var voids = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true, atom.Img: true, atom.Input: true,
	atom.Link: true, atom.Meta: true, atom.Source: true, atom.Track: true, atom.Wbr: true,
}

func (h *htmlText) flush() {
	if s := oneLine(h.cur.String()); s != "" {
		h.all = append(h.all, s)
	}
	if s := oneLine(h.curMain.String()); s != "" {
		h.main = append(h.main, s)
	}
	h.cur.Reset()
	h.curMain.Reset()
}

// text returns the paragraphs of the main element (preferMain, when it
// has any) or of the whole page, separated by blank lines.
func (h *htmlText) text(preferMain bool) string {
	if preferMain && len(h.main) > 0 {
		return strings.Join(h.main, "\n\n")
	}
	return strings.Join(h.all, "\n\n")
}

func htmlExtract(r io.Reader, dropBoilerplate bool) *htmlText {
	h := &htmlText{}
	z := html.NewTokenizer(r)
	skip := skipped
	if !dropBoilerplate {
		skip = always
	}
	var inTitle, inH1, inLD bool
	var ld strings.Builder
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			h.flush()
			if h.ldPublished == "" && ld.Len() > 0 {
				h.ldPublished = ldDatePublished(ld.String())
			}
			return h
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if len(attrs) < 32 {
					attrs[string(k)] = string(v)
				}
			}
			switch a {
			case atom.Meta:
				h.meta(attrs)
			case atom.Link:
				if strings.EqualFold(attrs["rel"], "canonical") && h.url == "" {
					h.url = strings.TrimSpace(attrs["href"])
				}
			case atom.Time:
				if h.timeDatetime == "" {
					h.timeDatetime = attrs["datetime"]
				}
			case atom.Title:
				inTitle = tt == html.StartTagToken && h.skipDepth == 0
			case atom.H1:
				inH1 = tt == html.StartTagToken
			case atom.Script:
				inLD = strings.EqualFold(strings.TrimSpace(attrs["type"]), "application/ld+json") && tt == html.StartTagToken
			}
			if blocks[a] {
				h.flush()
			}
			if tt == html.StartTagToken && !voids[a] {
				if skip[a] {
					h.skipDepth++
				}
				if (a == atom.Article || a == atom.Main) && h.skipDepth == 0 {
					h.mainDepth++
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skip[a] && h.skipDepth > 0 {
				h.skipDepth--
			}
			if (a == atom.Article || a == atom.Main) && h.mainDepth > 0 && h.skipDepth == 0 {
				h.mainDepth--
			}
			switch a {
			case atom.Title:
				inTitle = false
			case atom.H1:
				inH1 = false
			case atom.Script:
				inLD = false
			}
			if blocks[a] {
				h.flush()
			}
		case html.TextToken:
			raw := z.Text()
			if inLD {
				if ld.Len() < 1<<20 {
					ld.Write(raw)
					ld.WriteByte('\n')
				}
				continue
			}
			if inTitle {
				if len(h.title) < 1000 {
					h.title += string(raw)
				}
				continue
			}
			if h.skipDepth > 0 {
				continue
			}
			s := strings.ToValidUTF8(string(raw), "\uFFFD")
			if inH1 && len(h.h1) < 1000 {
				h.h1 += s
			}
			h.cur.WriteString(s)
			if h.mainDepth > 0 {
				h.curMain.WriteString(s)
			}
		}
	}
}

func (h *htmlText) meta(attrs map[string]string) {
	key := strings.ToLower(firstNonEmpty(attrs["property"], attrs["name"], attrs["itemprop"]))
	content := strings.TrimSpace(attrs["content"])
	if content == "" {
		return
	}
	switch key {
	case "article:published_time", "og:article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
		"publish-date", "date", "dc.date.issued", "dc.date", "dcterms.date", "sailthru.date", "parsely-pub-date":
		if h.metaPublished == "" {
			h.metaPublished = content
		}
	case "og:title", "twitter:title":
		if h.metaTitle == "" {
			h.metaTitle = content
		}
	case "og:url":
		if h.url == "" {
			h.url = content
		}
	}
}

// ldDatePublished finds the first datePublished in JSON-LD blocks (objects,
// arrays, @graph).
func ldDatePublished(s string) string {
	dec := json.NewDecoder(strings.NewReader(s))
	for {
		var v any
		if err := dec.Decode(&v); err != nil {
			return ""
		}
		if d := findKey(v, "datePublished", 0); d != "" {
			return d
		}
	}
}

func findKey(v any, key string, depth int) string {
	if depth > 20 {
		return ""
	}
	switch x := v.(type) {
	case map[string]any:
		if s, ok := x[key].(string); ok && s != "" {
			return s
		}
		for _, c := range x {
			if d := findKey(c, key, depth+1); d != "" {
				return d
			}
		}
	case []any:
		for _, c := range x {
			if d := findKey(c, key, depth+1); d != "" {
				return d
			}
		}
	}
	return ""
}

// htmlToText reduces an HTML fragment (a feed item's description) to its
// text, paragraphs separated by blank lines. Text without markup is
// returned with its white space collapsed per paragraph.
func htmlToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return paragraphs(s)
	}
	return htmlExtract(strings.NewReader(s), false).text(false)
}

// paragraphs collapses white space inside paragraphs (blocks separated by
// blank lines) and drops invalid UTF-8.
func paragraphs(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = oneLine(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}
