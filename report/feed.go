package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"

	"github.com/frontline-osint/frontline"
)

// rssItem is an RSS 2.0 <item> (or RSS 1.0's, with Dublin Core dates).
type rssItem struct {
	Title string `xml:"title"`
	// Links are every <link> of the item: RSS's own (text) and, in many
	// feeds, an <atom:link href=… rel="self"/> that is not the item's
	// page; rssLink chooses.
	Links       []rssLink `xml:"link"`
	GUID        string    `xml:"guid"`
	Description string    `xml:"description"`
	Content     string    `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	PubDate     string    `xml:"pubDate"`
	DCDate      string    `xml:"http://purl.org/dc/elements/1.1/ date"`
	Creator     string    `xml:"http://purl.org/dc/elements/1.1/ creator"`
	Author      string    `xml:"author"`
}

type rssLink struct {
	XMLName xml.Name
	Href    string `xml:"href,attr"`
	Rel     string `xml:"rel,attr"`
	Text    string `xml:",chardata"`
}

// link is the item's page: RSS's <link> text, else an Atom link that is
// an alternate (no rel, or rel="alternate"); never a rel="self" or
// "enclosure" one.
func (it *rssItem) link() string {
	for _, l := range it.Links {
		if l.XMLName.Space != atomNS && strings.TrimSpace(l.Text) != "" {
			return strings.TrimSpace(l.Text)
		}
	}
	for _, l := range it.Links {
		if (l.Rel == "" || l.Rel == "alternate") && strings.TrimSpace(l.Href) != "" {
			return strings.TrimSpace(l.Href)
		}
	}
	return ""
}

const atomNS = "http://www.w3.org/2005/Atom"

// atomEntry is an Atom <entry>.
type atomEntry struct {
	Title     atomText   `xml:"title"`
	Links     []atomLink `xml:"link"`
	ID        string     `xml:"id"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Summary   atomText   `xml:"summary"`
	Content   atomText   `xml:"content"`
	Authors   []struct {
		Name string `xml:"name"`
	} `xml:"author"`
}

type atomText struct {
	Type  string `xml:"type,attr"`
	Inner string `xml:",innerxml"`
	Text  string `xml:",chardata"`
}

// text returns an Atom text construct as plain text: html is unescaped
// markup, xhtml is inline markup, text is text.
func (t atomText) text() string {
	switch strings.ToLower(t.Type) {
	case "html":
		return htmlToText(t.Text)
	case "xhtml":
		return htmlToText(t.Inner)
	}
	return paragraphs(t.Text)
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
}

// parseFeed reads an RSS or Atom feed: each item or entry is a report whose
// Raw is the item's own bytes (from its start tag to its end tag) and whose
// Text is its title, a blank line, and its description or content as
// text. The feed's title is each report's Source unless --source names
// one. A feed that is not well-formed XML is refused whole.
func parseFeed(data []byte) (*Parsed, error) {
	p, err := parseFeedMode(data, true)
	if err == nil || !bareAmpersand(err) {
		return p, err
	}
	// Many feeds carry a bare & (in a title, a URL's query) that XML does
	// not allow: read them leniently rather than refuse every item over
	// one character, and say so on each report.
	p, err2 := parseFeedMode(data, false)
	if err2 != nil {
		return nil, err
	}
	for _, r := range p.Reports {
		r.Note = joinNotes(append(splitNotes(r.Note), "the feed is not well-formed XML (a bare '&'): read leniently"))
	}
	return p, nil
}

// bareAmpersand tells whether a strict read failed over an & that starts
// no entity.
func bareAmpersand(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "invalid character entity") || strings.Contains(msg, "character entity") && strings.Contains(msg, "&")
}

func splitNotes(n string) []string {
	if n == "" {
		return nil
	}
	return []string{n}
}

func parseFeedMode(data []byte, strict bool) (*Parsed, error) {
	notes := []string{}
	src := data
	if enc := declaredEncoding(data); enc != "" && enc != "utf-8" && enc != "us-ascii" {
		// Byte offsets of items only map onto UTF-8 input: convert, and
		// say so (the original file is kept whole as the container).
		rd, err := charset.NewReaderLabel(enc, bytes.NewReader(data))
		if err != nil {
			return nil, refusef("feed declares encoding %q, which Frontline cannot read", enc)
		}
		if src, err = io.ReadAll(io.LimitReader(rd, 4*MaxBytes)); err != nil {
			return nil, refusef("cannot convert the feed from %s: %v", enc, err)
		}
		src = rewriteEncodingDecl(src)
		notes = append(notes, "item bytes converted from "+enc+" to UTF-8; the original feed is kept whole")
	}
	d := xml.NewDecoder(bytes.NewReader(src))
	d.Strict = strict
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) { return in, nil }
	p := &Parsed{Container: true}
	var stack []string
	var feedTitle string
	items := 0
	for {
		start := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, feedError(err)
		}
		if len(stack) > 256 {
			return nil, refusef("malformed feed: elements nested more than 256 deep")
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			if len(stack) == 0 {
				switch name {
				case "rss", "rdf":
					p.Kind = frontline.ReportRSSItem
				case "feed":
					p.Kind = frontline.ReportAtomEntry
				default:
					return nil, refusef("XML root element <%s> is neither an RSS nor an Atom feed", t.Name.Local)
				}
			}
			switch {
			case name == "title" && (parent == "channel" || (parent == "feed" && len(stack) == 1)) && feedTitle == "":
				var s string
				if err := d.DecodeElement(&s, &t); err != nil {
					return nil, feedError(err)
				}
				feedTitle = oneLine(s)
				continue
			case name == "item" && p.Kind == frontline.ReportRSSItem:
				var it rssItem
				if err := d.DecodeElement(&it, &t); err != nil {
					return nil, feedError(err)
				}
				items++
				p.add(rssReport(&it, src[start:d.InputOffset()], items, notes))
				continue
			case name == "entry" && p.Kind == frontline.ReportAtomEntry:
				var e atomEntry
				if err := d.DecodeElement(&e, &t); err != nil {
					return nil, feedError(err)
				}
				items++
				p.add(atomReport(&e, src[start:d.InputOffset()], items, notes))
				continue
			}
			stack = append(stack, name)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if p.Kind == "" {
		return nil, refusef("malformed feed: no root element")
	}
	if items == 0 {
		return nil, refusef("the feed has no items")
	}
	if len(p.Reports) == 0 {
		return nil, refusef("none of the feed's %d item%s has a title or a description: nothing to read", items, plural(items))
	}
	for _, r := range p.Reports {
		if r.Source == "" {
			r.Source = feedTitle
		}
	}
	return p, nil
}

// add keeps a feed item as a report, or refuses it when it has neither
// title nor text (an empty report would say nothing, yet count as one).
func (p *Parsed) add(r *frontline.Report) {
	if strings.TrimSpace(r.Text) == "" && strings.TrimSpace(r.Title) == "" {
		p.Refused = append(p.Refused, RefusedItem{Item: r.Item, Reason: fmt.Sprintf("item %d has neither a title nor a description: nothing to read", r.Item)})
		return
	}
	p.Reports = append(p.Reports, r)
}

func feedError(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return refusef("malformed feed: line %d: %s", se.Line, se.Msg)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return refusef("malformed feed: it ends in the middle of an element")
	}
	return refusef("malformed feed: %v", err)
}

func rssReport(it *rssItem, raw []byte, n int, notes []string) *frontline.Report {
	notes = append([]string{}, notes...)
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	title := oneLine(htmlToText(it.Title))
	r := &frontline.Report{Kind: frontline.ReportRSSItem, Raw: bytes.Clone(raw), Item: n, Title: title,
		URL: strings.TrimSpace(firstNonEmpty(it.link(), guidURL(it.GUID)))}
	r.Text = joinTitleBody(title, htmlToText(body))
	r.PublishedAt = publishedAt(firstNonEmpty(it.PubDate, it.DCDate), &notes)
	r.Note = joinNotes(notes)
	return r
}

func guidURL(g string) string {
	if g = strings.TrimSpace(g); strings.HasPrefix(g, "http://") || strings.HasPrefix(g, "https://") {
		return g
	}
	return ""
}

func atomReport(e *atomEntry, raw []byte, n int, notes []string) *frontline.Report {
	notes = append([]string{}, notes...)
	title := oneLine(e.Title.text())
	body := e.Content.text()
	if strings.TrimSpace(body) == "" {
		body = e.Summary.text()
	}
	r := &frontline.Report{Kind: frontline.ReportAtomEntry, Raw: bytes.Clone(raw), Item: n, Title: title}
	for _, l := range e.Links {
		if l.Rel == "" || l.Rel == "alternate" {
			r.URL = strings.TrimSpace(l.Href)
			break
		}
	}
	r.Text = joinTitleBody(title, body)
	r.PublishedAt = publishedAt(firstNonEmpty(e.Published, e.Updated), &notes)
	r.Note = joinNotes(notes)
	return r
}

func joinTitleBody(title, body string) string {
	switch {
	case title == "":
		return body
	case body == "":
		return title
	}
	return title + "\n\n" + body
}

// declaredEncoding returns the lower-case encoding of an XML declaration,
// "" if none.
func declaredEncoding(data []byte) string {
	head := data[:min(len(data), 256)]
	if !bytes.HasPrefix(bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n"), []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(head, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := string(head[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t=")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	q := rest[0]
	j := strings.IndexByte(rest[1:], q)
	if j < 0 {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(rest[1 : 1+j]))
}

func rewriteEncodingDecl(b []byte) []byte {
	end := bytes.Index(b, []byte("?>"))
	if end < 0 || !bytes.Contains(b[:end], []byte("<?xml")) {
		return b
	}
	return append([]byte(`<?xml version="1.0" encoding="utf-8"`), b[end:]...)
}
