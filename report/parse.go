// Package report reads the documents Frontline ingests — plain text, web
// pages, RSS and Atom feeds, JSON lines of structured claims or feed
// entries, ACLED-style event tables, geolocated evidence records, JPEG
// photos with EXIF, Bellingcat's civilian-harm export, and DeepStateMap's
// version list (the editors' notes with their linked points) — into
// frontline.Reports, and stores them through a Service: one transaction per
// file, each document once by content hash, raw bytes kept verbatim.
//
// The format is sniffed from the content; the file name's extension is
// only a hint (it decides between plain text and CSV, and names HTML whose
// first bytes are not markup). Every parser is bounded (MaxBytes) and
// fuzzed: bad input is refused with a reason, never a panic.
package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/frontline-osint/frontline"
)

// MaxBytes is the largest file Parse accepts: 20 MiB.
const MaxBytes = 20 << 20

// Kinds are the kinds of report Frontline reads.
var Kinds = []frontline.ReportKind{
	frontline.ReportText, frontline.ReportHTML, frontline.ReportRSSItem, frontline.ReportAtomEntry,
	frontline.ReportFeedJSONL, frontline.ReportClaimsJSONL, frontline.ReportEventCSV,
	frontline.ReportEvidenceJSON, frontline.ReportJPEG, frontline.ReportBellingcat, frontline.ReportDeepStateVersion,
}

// Parsed is what one file reads into.
type Parsed struct {
	// Kind is the format of the file's reports.
	Kind frontline.ReportKind
	// Reports are the file's documents, in file order. Parsers fill Hash,
	// Kind, Title, URL, PublishedAt, Raw, Text, Lang, Note, Evidence, Item
	// and Source (as the file names it, if it does).
	Reports []*frontline.Report
	// Container is true when the file holds several items (a feed, a
	// table, JSON lines): the file itself is then kept whole beside them.
	Container bool
	// Refused are the items of a container that hold nothing to store (a
	// feed item with neither title nor description), with the reason; the
	// file's other items are stored.
	Refused []RefusedItem
}

// RefusedItem is an item of a file that is not stored, and why.
type RefusedItem struct {
	Item   int // its position in the file, from 1
	Reason string
}

// Parse reads one file. name is its name (only its extension is used, as
// a hint). Input it cannot read is refused with an EINVALID error saying
// why.
func Parse(name string, data []byte) (*Parsed, error) {
	if len(data) > MaxBytes {
		return nil, refusef("file is %.1f MiB, over the %d MiB limit for a report", float64(len(data))/(1<<20), MaxBytes>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, refusef("file is empty")
	}
	// UTF-16 with a byte-order mark is read as the UTF-8 it decodes to;
	// single reports keep the file's own bytes as Raw (below), items of a
	// container the decoded ones (the file is kept whole beside them).
	orig, from := data, ""
	if enc, encName := utf16Encoding(data); enc != nil {
		dec, err := decodeUTF16(enc, data)
		if err != nil {
			return nil, refusef("cannot decode %s text: %v", encName, err)
		}
		if len(bytes.TrimSpace(dec)) == 0 {
			return nil, refusef("file is empty (%s byte-order mark only)", encName)
		}
		if strings.HasPrefix(declaredEncoding(dec), "utf-16") {
			dec = rewriteEncodingDecl(dec)
		}
		data, from = dec, encName
	}
	kind, err := Sniff(name, data)
	if err != nil {
		if from != "" {
			return nil, refusef("%s (after decoding the file from %s)", frontline.ErrorMessage(err), from)
		}
		return nil, err
	}
	var p *Parsed
	switch kind {
	case frontline.ReportJPEG:
		p, err = parseJPEG(name, data)
	case frontline.ReportHTML:
		p, err = parseHTML(data)
	case frontline.ReportRSSItem, frontline.ReportAtomEntry:
		p, err = parseFeed(data)
	case frontline.ReportBellingcat:
		p, err = parseBellingcat(data)
	case frontline.ReportDeepStateVersion:
		p, err = parseDeepState(data)
	case frontline.ReportEvidenceJSON, frontline.ReportClaimsJSONL, frontline.ReportFeedJSONL:
		p, err = parseJSON(data)
	case frontline.ReportEventCSV:
		p, err = parseEventCSV(data)
	default:
		p, err = parseText(data)
	}
	if err != nil {
		return nil, err
	}
	if len(p.Reports) == 0 {
		return nil, refusef("no reports in this %s file", kind)
	}
	for _, r := range p.Reports {
		if from != "" {
			note := "decoded from " + from + " to UTF-8"
			if !p.Container && bytes.Equal(r.Raw, data) {
				r.Raw = orig
				note += "; raw bytes kept as received, offsets are into the decoded text"
			} else {
				note += "; the original file is kept whole"
			}
			r.Note = joinNotes(nonEmpty(r.Note, note))
		}
		if r.Hash == "" {
			r.Hash = Hash(r.Raw)
		}
		if r.Lang == "" {
			r.Lang = GuessLang(r.Text)
		}
		r.Title = clip(oneLine(r.Title), 300)
	}
	return p, nil
}

// Hash is the hex SHA-256 of raw: a report's identity.
func Hash(raw []byte) string {
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}

func refusef(format string, args ...any) error {
	return frontline.Errorf(frontline.EINVALID, format, args...)
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Sniff names the format of data: the kind of report it reads into. It
// refuses binary data and formats Frontline does not read as reports.
func Sniff(name string, data []byte) (frontline.ReportKind, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if len(data) >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF {
		return frontline.ReportJPEG, nil
	}
	for _, m := range binaryMagic {
		if bytes.HasPrefix(data, []byte(m.magic)) {
			return "", refusef("%s is not a report format Frontline reads%s", m.name, m.hint)
		}
	}
	head := data[:min(len(data), 8192)]
	// Text in a legacy 8-bit encoding is not binary: it is read (or
	// refused) by its parser, which says why.
	if isBinary(head) && !legacy8bit(head) {
		return "", refusef("binary data, not text: not plain text, HTML, a feed, JSON, CSV or a JPEG (first bytes % x)", data[:min(len(data), 8)])
	}
	body := bytes.TrimLeftFunc(bytes.TrimPrefix(data, utf8BOM), unicode.IsSpace)
	switch {
	case len(body) > 0 && body[0] == '<':
		return sniffMarkup(body, ext)
	case ext == ".html" || ext == ".htm" || ext == ".xhtml":
		return frontline.ReportHTML, nil
	case len(body) > 0 && (body[0] == '[' || body[0] == '{'):
		return sniffJSON(body)
	case ext == ".csv" || ext == ".tsv" || looksLikeEventCSV(body):
		return frontline.ReportEventCSV, nil
	}
	return frontline.ReportText, nil
}

var binaryMagic = []struct{ magic, name, hint string }{
	{"%PDF-", "PDF", ": convert it to text or HTML first"},
	{"\x89PNG", "PNG", ": only JPEG photos carry EXIF GPS that Frontline reads"},
	{"GIF8", "GIF", ""},
	{"PK\x03\x04", "a ZIP archive (or KMZ)", ": unpack it; tracker maps go in with frontline layer import"},
	{"\x1f\x8b", "gzip-compressed data", ": decompress it first"},
	{"RIFF", "RIFF (WebP, AVI, WAV)", ""},
	{"SQLite format 3", "an SQLite database", ""},
}

// isBinary reports whether head looks like binary data: a NUL byte, more
// than 1 in 20 bytes control characters, or more than 1 in 3 bytes not
// UTF-8 (text in a legacy 8-bit encoding has few of either controls or
// NULs, and is refused later with its own reason).
func isBinary(head []byte) bool {
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctl, invalid := 0, 0
	for i := 0; i < len(head); {
		r, n := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && n <= 1 {
			if len(head)-i < utf8.UTFMax && !utf8.FullRune(head[i:]) {
				break // a rune cut by the 8 KiB window
			}
			invalid++
		} else if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' && r != 0x1b {
			ctl++
		}
		i += n
	}
	return ctl*20 > len(head) || invalid*3 > len(head)
}

func sniffMarkup(body []byte, ext string) (frontline.ReportKind, error) {
	root := xmlRoot(body[:min(len(body), 64<<10)])
	switch strings.ToLower(root) {
	case "rss", "rdf:rdf", "rdf":
		return frontline.ReportRSSItem, nil
	case "feed":
		return frontline.ReportAtomEntry, nil
	case "html", "!doctype", "":
		return frontline.ReportHTML, nil
	case "kml", "gpx", "svg":
		return "", refusef("an XML <%s> document is not a report (tracker maps go in with frontline layer import)", root)
	}
	if ext == ".xml" || ext == ".rss" || ext == ".atom" {
		return "", refusef("XML with root element <%s> is neither an RSS nor an Atom feed", root)
	}
	return frontline.ReportHTML, nil
}

// xmlRoot returns the name of the first element of markup, skipping the XML
// declaration, comments and processing instructions; "!doctype" for an
// HTML doctype; "" if none is found.
func xmlRoot(b []byte) string {
	for len(b) > 0 {
		i := bytes.IndexByte(b, '<')
		if i < 0 || i+1 >= len(b) {
			return ""
		}
		b = b[i+1:]
		switch {
		case bytes.HasPrefix(b, []byte("?")):
			if j := bytes.Index(b, []byte("?>")); j >= 0 {
				b = b[j+2:]
				continue
			}
			return ""
		case bytes.HasPrefix(b, []byte("!--")):
			if j := bytes.Index(b, []byte("-->")); j >= 0 {
				b = b[j+3:]
				continue
			}
			return ""
		case len(b) >= 8 && strings.EqualFold(string(b[:8]), "!doctype"):
			rest := strings.ToLower(string(b[8:min(len(b), 24)]))
			if strings.Contains(rest, "html") {
				return "!doctype"
			}
			if j := bytes.IndexByte(b, '>'); j >= 0 {
				b = b[j+1:]
				continue
			}
			return ""
		}
		end := bytes.IndexFunc(b, func(r rune) bool { return r == '>' || r == '/' || unicode.IsSpace(r) })
		if end <= 0 {
			return ""
		}
		return string(b[:end])
	}
	return ""
}

// oneLine collapses runs of white space to one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// clip cuts s to at most n bytes at a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// firstLine returns the first non-empty line of text.
func firstLine(text string) string {
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

// parseTime reads the times feeds, pages and records use. zoned is false
// when the text gave no zone (the time is then read as UTC); dateOnly when
// it gave only a date.
func parseTime(s string) (t time.Time, zoned, dateOnly, ok bool) {
	t, zoned, dateOnly, ok = parseTimeAny(s)
	// Years outside 1900–2100 are typos or junk (and would not survive
	// storage as nanoseconds since 1970): not understood.
	if ok && !frontline.InYears(t) {
		return time.Time{}, false, false, false
	}
	return t, zoned, dateOnly, ok
}

func parseTimeAny(s string) (t time.Time, zoned, dateOnly, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return t, false, false, false
	}
	for _, l := range zonedLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true, false, true
		}
	}
	for _, l := range localLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), false, false, true
		}
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), false, true, true
		}
	}
	return t, false, false, false
}

var zonedLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05-07",
	"2006-01-02 15:04:05.999999999Z07:00",
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "Mon, 02 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 -0700", "2 Jan 2006 15:04:05 -0700", "02 Jan 2006 15:04:05 -0700", "Mon, 02 Jan 06 15:04:05 -0700",
	time.RFC822Z, time.RFC822, time.RFC850, time.ANSIC, time.UnixDate,
}

var localLayouts = []string{"2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", "2006:01:02 15:04:05"}

var dateLayouts = []string{"2006-01-02", "01/02/2006", "2 January 2006", "02 January 2006", "2-January-2006", "02-January-2006", "January 2, 2006", "2006/01/02", "2 Jan 2006"}

// publishedAt turns a time text into a report's published time, adding to
// note when the time had no zone.
func publishedAt(s string, note *[]string) *time.Time {
	t, zoned, dateOnly, ok := parseTime(s)
	if !ok {
		if strings.TrimSpace(s) != "" {
			*note = append(*note, "publication time "+quoteClip(s)+" not understood")
		}
		return nil
	}
	if !zoned && !dateOnly {
		*note = append(*note, "publication time "+quoteClip(s)+" has no time zone: read as UTC")
	}
	return &t
}

func quoteClip(s string) string { return "\"" + clip(oneLine(s), 60) + "\"" }

func joinNotes(notes []string) string { return strings.Join(notes, "; ") }

// nonEmpty returns the non-empty strings of ss.
func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
