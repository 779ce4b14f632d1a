package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/frontline-osint/frontline"
)

// DeepStateMap's version list (GET /api/history/public, with the areas of
// each version merged in, as ../shared/data/control/deepstate keeps it) is
// a JSON array of one object per published map version:
//
//	{"id": 1663074084, "createdAt": "2022-09-13T13:01:24.000Z",
//	 "description": "Ворог просунувся поблизу <a href=\"https://deepstatemap.live/#14/48.49/37.63\">Іллінівки</a>",
//	 "descriptionEn": "The enemy has advanced near <a …>Illinivka</a>",
//	 "occupied": 72568.1, "liberated": 32934.2, "unspecified": 1375.4, …}
//
// Each version is one report (kind deepstate-version, source DeepState),
// published at createdAt (else at its id, which is the same unix time).
// Its Text is the Ukrainian note, a blank line, and the English note, as
// plain text; its Links are the spans of the linked names with the point
// of each link (the URL fragment is #zoom/lat/lon: latitude first). The
// tracker's own km² figures are kept in the Note, where a reader finds them
// with the report ("DeepState's figures: occupied 72,568 km², …"), and in
// Raw. A version without an id, or with neither a usable createdAt nor id,
// or whose notes are not strings, is refused with the reason; the others
// are stored.

// deepStateVersion is one version as the list gives it. Fields are raw so
// that a field of the wrong type refuses that version with a reason rather
// than the whole file.
type deepStateVersion struct {
	ID            json.RawMessage `json:"id"`
	CreatedAt     json.RawMessage `json:"createdAt"`
	Description   json.RawMessage `json:"description"`
	DescriptionEn json.RawMessage `json:"descriptionEn"`
	Status        json.RawMessage `json:"status"`
	Occupied      json.RawMessage `json:"occupied"`
	Liberated     json.RawMessage `json:"liberated"`
	Unspecified   json.RawMessage `json:"unspecified"`
	// Areas DeepState draws inside Russia (from 2022 on, sometimes).
	OccupiedInRussia            json.RawMessage `json:"occupiedInRussia"`
	OccupiedInRussiaUnspecified json.RawMessage `json:"occupiedInRussiaUnspecified"`
}

// DeepStateSource is the source a version list's reports are published by
// (the registry's name for DeepStateMap).
const DeepStateSource = "DeepState"

// isDeepStateList reports whether a JSON record's keys are those of a
// version of DeepStateMap's list.
func isDeepStateList(has func(...string) bool) bool {
	return has("id", "createdAt", "description") || has("id", "createdAt", "descriptionEn")
}

// parseDeepState reads DeepStateMap's version list.
func parseDeepState(data []byte) (*Parsed, error) {
	body := bytes.TrimLeft(bytes.TrimPrefix(data, utf8BOM), " \t\r\n")
	p := &Parsed{Kind: frontline.ReportDeepStateVersion, Container: true}
	err := eachArrayElement(body, func(i int, raw []byte) error {
		r, err := deepStateReport(raw)
		if err != nil {
			p.Refused = append(p.Refused, RefusedItem{Item: i + 1, Reason: "version " + strconv.Itoa(i+1) + ": " + frontline.ErrorMessage(err)})
			return nil
		}
		r.Kind, r.Raw, r.Item = frontline.ReportDeepStateVersion, raw, i+1
		p.Reports = append(p.Reports, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(p.Reports) == 0 && len(p.Refused) > 0 {
		return nil, refusef("no version of this DeepStateMap version list could be read; the first: %s", p.Refused[0].Reason)
	}
	return p, nil
}

func deepStateReport(raw []byte) (*frontline.Report, error) {
	var v deepStateVersion
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, refusef("not a version object: %v", jsonErr(err))
	}
	id, err := jsonInt("id", v.ID)
	if err != nil {
		return nil, err
	}
	if id <= 0 {
		return nil, refusef("id %d is not a unix time", id)
	}
	var notes []string
	var published *time.Time
	if s, err := jsonText("createdAt", v.CreatedAt); err != nil || s == "" {
		why := "missing"
		if err != nil {
			why = frontline.ErrorMessage(err)
		}
		notes = append(notes, "createdAt "+why+": published at the version id's unix time")
	} else if t, _, _, ok := parseTime(s); ok {
		published = &t
	} else {
		notes = append(notes, "createdAt "+quoteClip(s)+" not understood: published at the version id's unix time")
	}
	if published == nil {
		if id > 1<<40 {
			return nil, refusef("no usable createdAt, and id %d is not a unix time in seconds", id)
		}
		t := time.Unix(id, 0).UTC()
		published = &t
	}
	uk, err := jsonText("description", v.Description)
	if err != nil {
		return nil, err
	}
	en, err := jsonText("descriptionEn", v.DescriptionEn)
	if err != nil {
		return nil, err
	}
	var b noteBuilder
	b.addHTML(uk)
	if b.sb.Len() > 0 && strings.TrimSpace(en) != "" {
		b.sb.WriteString("\n\n")
	}
	b.addHTML(en)
	text, links := b.sb.String(), b.links
	if b.badLinks > 0 {
		notes = append(notes, fmt.Sprintf("%d link%s without a #zoom/lat/lon point", b.badLinks, plural(b.badLinks)))
	}
	if text == "" {
		notes = append(notes, "the version has no editors' note")
	}
	if st := strings.TrimSpace(string(v.Status)); st == "false" {
		notes = append(notes, "the version is marked unpublished (status false)")
	}
	if fig := deepStateFigures(&v); fig != "" {
		notes = append(notes, fig)
	}
	r := &frontline.Report{Source: DeepStateSource, URL: "https://deepstatemap.live/api/history/" + strconv.FormatInt(id, 10),
		PublishedAt: published, Text: text, Links: links, Note: joinNotes(notes)}
	if uk != "" {
		r.Lang = "uk"
	} else if en != "" {
		r.Lang = "en"
	}
	head := firstLine(text)
	if i := strings.Index(text, "\n\n"); i >= 0 && strings.TrimSpace(en) != "" {
		head = firstLine(text[i:]) // the English note names the version for most readers
	}
	r.Title = "DeepStateMap " + published.UTC().Format("2006-01-02 15:04") + " UTC"
	if head != "" {
		r.Title += ": " + clip(oneLine(head), 160)
	}
	return r, nil
}

// deepStateFigures writes the tracker's own areas of the version, "" when
// it gives none.
func deepStateFigures(v *deepStateVersion) string {
	var parts []string
	for _, f := range []struct {
		name string
		raw  json.RawMessage
	}{{"occupied", v.Occupied}, {"liberated", v.Liberated}, {"unspecified", v.Unspecified},
		{"occupied in Russia", v.OccupiedInRussia}, {"unspecified in Russia", v.OccupiedInRussiaUnspecified}} {
		s := strings.TrimSpace(string(f.raw))
		if s == "" || s == "null" {
			continue
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
			parts = append(parts, f.name+" "+clip(s, 20)+" (not a number of km²)")
			continue
		}
		parts = append(parts, f.name+" "+thousandsKm2(x)+" km²")
	}
	if len(parts) == 0 {
		return ""
	}
	return "DeepState's figures: " + strings.Join(parts, ", ")
}

// thousandsKm2 writes a whole number of km² with thousands separators.
func thousandsKm2(x float64) string {
	s := strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// jsonInt reads a required integer field (a JSON number, or a number in a
// string).
func jsonInt(name string, raw json.RawMessage) (int64, error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return 0, refusef("%s is missing", name)
	}
	if s[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, refusef("%s: %v", name, err)
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return 0, refusef("%s %s is not a whole number", name, clip(s, 40))
	}
	return n, nil
}

// jsonText reads an optional string field: "" when missing or null.
func jsonText(name string, raw json.RawMessage) (string, error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return "", nil
	}
	var out string
	if err := json.Unmarshal(raw, &out); err != nil {
		return "", refusef("%s is not a string (%s)", name, clip(s, 40))
	}
	if !utf8.ValidString(out) {
		return "", refusef("%s is not valid UTF-8", name)
	}
	return out, nil
}

// noteBuilder turns the notes' HTML (<a>, <br>, <p>, <b> and entities) into
// plain text, keeping the span and point of each link.
type noteBuilder struct {
	sb       strings.Builder
	links    []frontline.Link
	badLinks int
}

// addHTML appends one note. White space runs become one space; <br> and
// </p> end a line.
func (b *noteBuilder) addHTML(s string) {
	linkStart := -1
	var linkLon, linkLat float64
	linkOK := false
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.text(s)
			break
		}
		b.text(s[:i])
		s = s[i:]
		j := strings.IndexByte(s, '>')
		if j < 0 {
			// A tag cut off at the end ("…Луговському.</a") is dropped; a
			// lone "<" is text.
			if len(s) < 2 || !(s[1] == '/' || s[1] < utf8.RuneSelf && unicode.IsLetter(rune(s[1]))) {
				b.text(s)
			}
			break
		}
		tag := s[1:j]
		s = s[j+1:]
		name := strings.ToLower(strings.TrimLeft(tag, "/"))
		if k := strings.IndexFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '/' }); k >= 0 {
			name = name[:k]
		}
		closing := strings.HasPrefix(tag, "/")
		switch {
		case name == "br" || (name == "p" && closing):
			b.newline()
		case name == "a" && !closing:
			b.closeLink(&linkStart, linkLon, linkLat, linkOK)
			linkStart = b.sb.Len()
			linkLon, linkLat, linkOK = pointOfHref(attr(tag, "href"))
		case name == "a" && closing:
			b.closeLink(&linkStart, linkLon, linkLat, linkOK)
		}
	}
	b.closeLink(&linkStart, linkLon, linkLat, linkOK)
	// Trailing white space goes (links never end in it: closeLink trims).
	t := strings.TrimRightFunc(b.sb.String(), unicode.IsSpace)
	if len(t) != b.sb.Len() {
		b.sb.Reset()
		b.sb.WriteString(t)
	}
}

// text appends a run of text, entities decoded, white space collapsed,
// control characters dropped.
func (b *noteBuilder) text(s string) {
	s = html.UnescapeString(s)
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' {
			if b.sb.Len() == 0 || b.endsInSpace() {
				continue
			}
			b.sb.WriteByte(' ')
			continue
		}
		if unicode.IsControl(r) || r == utf8.RuneError {
			continue
		}
		b.sb.WriteRune(r)
	}
}

func (b *noteBuilder) endsInSpace() bool {
	s := b.sb.String()
	return len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\n')
}

func (b *noteBuilder) newline() {
	s := strings.TrimRight(b.sb.String(), " ")
	b.sb.Reset()
	b.sb.WriteString(s)
	if s != "" {
		b.sb.WriteByte('\n')
	}
}

// closeLink ends an open link: its span is the text written since it
// opened, without surrounding space and trailing punctuation ("Snake
// Island." links "Snake Island").
func (b *noteBuilder) closeLink(start *int, lon, lat float64, ok bool) {
	if *start < 0 {
		return
	}
	s, e := *start, b.sb.Len()
	*start = -1
	if s > e { // the builder was trimmed meanwhile
		return
	}
	text := b.sb.String()
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:])
		if !unicode.IsSpace(r) && !unicode.IsPunct(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[:e])
		if !unicode.IsSpace(r) && !strings.ContainsRune(".,;:!?…»\"", r) {
			break
		}
		e -= n
	}
	if s >= e {
		return
	}
	if !ok {
		b.badLinks++
		return
	}
	b.links = append(b.links, frontline.Link{Start: s, End: e, Lon: lon, Lat: lat})
}

// attr returns an attribute's value in a tag's text ("a href=\"…\""), ""
// if absent.
func attr(tag, name string) string {
	lower := strings.ToLower(tag)
	for from := 0; ; {
		i := strings.Index(lower[from:], name)
		if i < 0 {
			return ""
		}
		i += from
		from = i + len(name)
		if i > 0 && !unicode.IsSpace(rune(lower[i-1])) {
			continue
		}
		rest := strings.TrimLeft(tag[from:], " \t\r\n")
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		rest = strings.TrimLeft(rest[1:], " \t\r\n")
		if rest == "" {
			return ""
		}
		if q := rest[0]; q == '"' || q == '\'' {
			if k := strings.IndexByte(rest[1:], q); k >= 0 {
				return html.UnescapeString(rest[1 : 1+k])
			}
			return html.UnescapeString(rest[1:])
		}
		if k := strings.IndexFunc(rest, unicode.IsSpace); k >= 0 {
			rest = rest[:k]
		}
		return html.UnescapeString(rest)
	}
}

// pointOfHref reads the point of a DeepStateMap link: the URL fragment
// #zoom/lat/lon (latitude first).
func pointOfHref(href string) (lon, lat float64, ok bool) {
	i := strings.LastIndexByte(href, '#')
	if i < 0 {
		return 0, 0, false
	}
	parts := strings.Split(strings.TrimSpace(href[i+1:]), "/")
	if len(parts) != 3 {
		return 0, 0, false
	}
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(parts[2]), 64)
	if err1 != nil || err2 != nil || math.IsNaN(lat) || math.IsNaN(lon) || math.Abs(lat) > 90 || math.Abs(lon) > 180 || (lat == 0 && lon == 0) {
		return 0, 0, false
	}
	return lon, lat, true
}
