package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
)

// ClaimRecord is one line of a structured-claims file (JSON lines, one
// object per line; each line is one report whose Raw is the line):
//
//	{"place": "Balakliia", "assertion": "under_control", "side": "russia",
//	 "speaker": "Vitaly Ganchev", "time": "2022-09-09",
//	 "quote": "It's under our control.", "source": "RIA Novosti",
//	 "url": "https://…", "published": "2022-09-09T18:00:00Z"}
//
// place and assertion are required. assertion is one of captured,
// liberated, under_control, contested, attacked, withdrawn,
// advanced_towards, at_outskirts (spaces, hyphens and a trailing "of" are
// accepted: "under control of", "at the outskirts of"). side is ukraine,
// russia or neutral: the side the claim favours (who holds or gains the
// place). time is when the claim
// refers to (RFC 3339 or a date); published when it was published. The
// report's Text is the quote (empty without one) and its Title a summary.
type ClaimRecord struct {
	Place     string `json:"place"`
	Assertion string `json:"assertion"`
	Side      string `json:"side,omitempty"`
	Speaker   string `json:"speaker,omitempty"`
	Time      string `json:"time,omitempty"`
	Quote     string `json:"quote,omitempty"`
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
}

// Assertions are the assertions a claim record may make.
// They are the values of frontline.Claim's Assertion (claim.go).
var Assertions = []string{"captured", "liberated", "under_control", "contested", "attacked", "withdrawn", "advanced_towards", "at_outskirts"}

// ParseClaimRecord reads and checks one claims line (a claims-jsonl
// report's Raw), normalising its assertion and side.
func ParseClaimRecord(line []byte) (*ClaimRecord, error) {
	var c ClaimRecord
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&c); err != nil {
		return nil, refusef("not a claim record: %v", jsonErr(err))
	}
	if strings.TrimSpace(c.Place) == "" {
		return nil, refusef("claim record lacks \"place\"")
	}
	a := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(c.Assertion)))
	a = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(a, "at_the_"), "at_"), "_of")
	if a == "advanced_toward" || a == "advance_towards" {
		a = "advanced_towards"
	} else if a == "withdrawn_from" || a == "withdrew_from" {
		a = "withdrawn"
	} else if a == "outskirts" {
		a = "at_outskirts"
	}
	ok := false
	for _, x := range Assertions {
		ok = ok || x == a
	}
	if !ok {
		return nil, refusef("claim record: unknown assertion %q (want one of %s)", c.Assertion, strings.Join(Assertions, ", "))
	}
	c.Assertion = a
	if c.Side != "" {
		s, err := frontline.ParseSide(c.Side)
		if err != nil {
			return nil, refusef("claim record: %s", frontline.ErrorMessage(err))
		}
		c.Side = string(s)
	}
	if c.Time != "" {
		if _, _, _, ok := parseTime(c.Time); !ok {
			return nil, refusef("claim record: time %q is not a date or RFC 3339 time", clip(c.Time, 60))
		}
	}
	return &c, nil
}

// EvidenceRecord is one geolocated observation in an evidence file: a
// JSON array of records, or JSON lines of them.
//
//	{"lon": 36.8372, "lat": 49.4627, "time": "2022-09-10T09:00:00Z",
//	 "description": "Ukrainian soldiers raise the flag over Balakliia",
//	 "link": "https://…", "kind": "video"}
//
// lon and lat are required (numbers, or numbers in strings); kind is one
// of photo, video, satellite, event, incident, other (default other);
// location and source are optional.
type EvidenceRecord struct {
	Lon         json.RawMessage `json:"lon"`
	Lat         json.RawMessage `json:"lat"`
	Time        string          `json:"time"`
	Description string          `json:"description"`
	Link        string          `json:"link"`
	Kind        string          `json:"kind"`
	Location    string          `json:"location"`
	Source      string          `json:"source"`
}

// feedEntry is one line of a JSON-lines archive of feed entries (the
// RSS-Link-Database layout).
type feedEntry struct {
	URL           string `json:"url"`
	Link          string `json:"link"`
	Title         string `json:"title"`
	DatePublished string `json:"date_published"`
	Description   string `json:"description"`
	Source        string `json:"source"`
}

// sniffJSON tells the JSON formats apart by the keys of their first
// record.
func sniffJSON(body []byte) (frontline.ReportKind, error) {
	var keys map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(body))
	if body[0] == '[' {
		if _, err := dec.Token(); err != nil {
			return "", refusef("invalid JSON: %v", jsonErr(err))
		}
		if !dec.More() {
			return "", refusef("an empty JSON array: no records")
		}
	}
	if err := dec.Decode(&keys); err != nil {
		return "", refusef("invalid JSON (want an array of records or JSON lines of objects): %v", jsonErr(err))
	}
	has := func(ks ...string) bool {
		for _, k := range ks {
			if _, ok := keys[k]; !ok {
				return false
			}
		}
		return true
	}
	switch {
	case body[0] == '[' && has("latitude", "longitude", "date", "sources"):
		return frontline.ReportBellingcat, nil
	case body[0] == '[' && isDeepStateList(has):
		return frontline.ReportDeepStateVersion, nil
	case has("lon", "lat"):
		return frontline.ReportEvidenceJSON, nil
	case body[0] == '{' && has("place", "assertion"):
		return frontline.ReportClaimsJSONL, nil
	case body[0] == '{' && has("title") && (has("link") || has("description")):
		return frontline.ReportFeedJSONL, nil
	}
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	return "", refusef("JSON records with keys %s are not a known report format: want claims {place, assertion, …}, evidence {lon, lat, time, …}, feed entries {title, link, description, …}, Bellingcat's civilian-harm export or DeepStateMap's version list [{id, createdAt, description, …}]", clip(strings.Join(names, ", "), 200))
}

func jsonErr(err error) string {
	if se, ok := err.(*json.SyntaxError); ok {
		return fmt.Sprintf("%s at byte %d", se.Error(), se.Offset)
	}
	return err.Error()
}

// parseJSON reads JSON lines (claims, feed entries or evidence) or a JSON
// array of evidence records. One bad record refuses the whole file, naming
// its line or index.
func parseJSON(data []byte) (*Parsed, error) {
	body := bytes.TrimLeft(bytes.TrimPrefix(data, utf8BOM), " \t\r\n")
	kind, err := sniffJSON(body)
	if err != nil {
		return nil, err
	}
	p := &Parsed{Kind: kind, Container: true}
	each := func(where string, raw []byte) error {
		var r *frontline.Report
		var err error
		switch kind {
		case frontline.ReportClaimsJSONL:
			r, err = claimReport(raw)
		case frontline.ReportFeedJSONL:
			r, err = feedEntryReport(raw)
		default:
			r, err = evidenceReport(raw)
		}
		if err != nil {
			return refusef("%s: %s", where, frontline.ErrorMessage(err))
		}
		r.Kind, r.Raw, r.Item = kind, raw, len(p.Reports)+1
		p.Reports = append(p.Reports, r)
		return nil
	}
	if body[0] == '[' {
		if kind != frontline.ReportEvidenceJSON {
			return nil, refusef("a JSON array of %s records: write them as JSON lines, one object per line", kind)
		}
		err = eachArrayElement(body, func(i int, raw []byte) error { return each(fmt.Sprintf("record %d", i+1), raw) })
	} else {
		err = eachLine(data, func(n int, line []byte) error { return each(fmt.Sprintf("line %d", n), line) })
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

// eachLine calls fn for every non-blank line (without its line ending).
func eachLine(data []byte, fn func(n int, line []byte) error) error {
	n := 0
	for len(data) > 0 {
		n++
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if n == 1 {
			line = bytes.TrimPrefix(line, utf8BOM)
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	return nil
}

// eachArrayElement calls fn with the exact bytes of every element of a
// JSON array.
func eachArrayElement(body []byte, fn func(i int, raw []byte) error) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	if _, err := dec.Token(); err != nil {
		return refusef("invalid JSON: %v", jsonErr(err))
	}
	for i := 0; dec.More(); i++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return refusef("record %d: invalid JSON: %v", i+1, jsonErr(err))
		}
		if err := fn(i, raw); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return refusef("invalid JSON after the last record: %v", jsonErr(err))
	}
	if _, err := dec.Token(); err == nil {
		return refusef("invalid JSON: more data after the array")
	}
	return nil
}

func claimReport(line []byte) (*frontline.Report, error) {
	c, err := ParseClaimRecord(line)
	if err != nil {
		return nil, err
	}
	var notes []string
	r := &frontline.Report{Source: strings.TrimSpace(c.Source), URL: strings.TrimSpace(c.URL), Text: c.Quote,
		PublishedAt: publishedAt(c.Published, &notes)}
	who := firstNonEmpty(c.Speaker, c.Source, "someone")
	r.Title = fmt.Sprintf("%s: %s %s", who, c.Place, strings.ReplaceAll(c.Assertion, "_", " "))
	if c.Side != "" {
		r.Title += " (" + c.Side + ")"
	}
	r.Note = joinNotes(notes)
	return r, nil
}

func feedEntryReport(line []byte) (*frontline.Report, error) {
	var e feedEntry
	if err := json.Unmarshal(line, &e); err != nil {
		return nil, refusef("invalid JSON: %v", jsonErr(err))
	}
	var notes []string
	title := oneLine(htmlToText(e.Title))
	r := &frontline.Report{Title: title, URL: strings.TrimSpace(e.Link), Text: joinTitleBody(title, htmlToText(e.Description)),
		PublishedAt: publishedAt(e.DatePublished, &notes), Source: firstNonEmpty(e.Source, e.URL)}
	if title == "" && r.Text == "" {
		return nil, refusef("feed entry has neither title nor description")
	}
	r.Note = joinNotes(notes)
	return r, nil
}

func evidenceReport(raw []byte) (*frontline.Report, error) {
	var e EvidenceRecord
	if err := json.Unmarshal(raw, &e); err != nil {
		return nil, refusef("not an evidence record: %v", jsonErr(err))
	}
	lon, err := coordinate("lon", e.Lon, 180)
	if err != nil {
		return nil, err
	}
	lat, err := coordinate("lat", e.Lat, 90)
	if err != nil {
		return nil, err
	}
	kind := strings.ToLower(strings.TrimSpace(e.Kind))
	if kind == "" {
		kind = "other"
	}
	if !validEvidenceKind(kind) {
		return nil, refusef("unknown evidence kind %q (want %s)", clip(e.Kind, 40), strings.Join(frontline.EvidenceKinds, ", "))
	}
	ev := &frontline.Evidence{Lon: lon, Lat: lat, Kind: kind, Description: strings.TrimSpace(e.Description), Location: strings.TrimSpace(e.Location),
		Link: strings.TrimSpace(e.Link)}
	if ev.Link != "" {
		ev.Links = []string{ev.Link}
	}
	var notes []string
	if e.Time != "" {
		t, zoned, dateOnly, ok := parseTime(e.Time)
		if !ok {
			return nil, refusef("time %q is not a date or RFC 3339 time", clip(e.Time, 60))
		}
		ev.Time, ev.TimePrecision = &t, "second"
		if dateOnly {
			ev.TimePrecision = "day"
		} else if !zoned {
			notes = append(notes, "observation time has no time zone: read as UTC")
		}
	}
	r := &frontline.Report{Source: strings.TrimSpace(e.Source), URL: ev.Link, Text: ev.Description, Evidence: ev, Note: joinNotes(notes)}
	r.Title = fmt.Sprintf("%s at %.5f, %.5f", kind, lat, lon)
	if ev.Location != "" {
		r.Title = kind + " at " + ev.Location
	}
	if ev.Description != "" {
		r.Title += ": " + clip(oneLine(ev.Description), 120)
	}
	return r, nil
}

func validEvidenceKind(k string) bool {
	for _, x := range frontline.EvidenceKinds {
		if x == k {
			return true
		}
	}
	return false
}

// coordinate reads a longitude or latitude given as a JSON number or a
// number in a string, within ±limit.
func coordinate(name string, raw json.RawMessage, limit float64) (float64, error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return 0, refusef("%s is missing", name)
	}
	if s[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, refusef("%s: %v", name, err)
		}
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, refusef("%s %s is not a number", name, clip(s, 40))
	}
	if math.Abs(v) > limit {
		return 0, refusef("%s %g is outside ±%g", name, v, limit)
	}
	return v, nil
}

// bellingcatRecord is one incident of Bellingcat's civilian-harm TimeMap
// export.
type bellingcatRecord struct {
	ID          string          `json:"id"`
	Date        string          `json:"date"` // MM/DD/YYYY
	Latitude    json.RawMessage `json:"latitude"`
	Longitude   json.RawMessage `json:"longitude"`
	Location    string          `json:"location"`
	Description string          `json:"description"`
	Sources     []struct {
		ID          string `json:"id"`
		Path        string `json:"path"`
		Description string `json:"description"`
	} `json:"sources"`
	Filters []struct {
		Key   string `json:"key"`
		Value string `json:"value"`
	} `json:"filters"`
}

// parseBellingcat reads Bellingcat's civilian-harm export: each incident is
// an evidence report (kind incident) with its location, date (day
// precision), description and source links. Its Text is the description
// followed by the export's filters ("Weapon System: Cluster munitions").
// An incident without valid coordinates is kept, without evidence, with a
// note.
func parseBellingcat(data []byte) (*Parsed, error) {
	body := bytes.TrimLeft(bytes.TrimPrefix(data, utf8BOM), " \t\r\n")
	p := &Parsed{Kind: frontline.ReportBellingcat, Container: true}
	err := eachArrayElement(body, func(i int, raw []byte) error {
		var b bellingcatRecord
		if err := json.Unmarshal(raw, &b); err != nil {
			return refusef("record %d: not a Bellingcat incident: %v", i+1, jsonErr(err))
		}
		r := &frontline.Report{Kind: frontline.ReportBellingcat, Raw: raw, Item: i + 1, Source: "Bellingcat"}
		var notes []string
		ev := &frontline.Evidence{Kind: "incident", Description: strings.TrimSpace(b.Description), Location: strings.TrimSpace(b.Location)}
		for _, s := range b.Sources {
			if p := strings.TrimSpace(s.Path); p != "" {
				ev.Links = append(ev.Links, p)
			}
		}
		if len(ev.Links) > 0 {
			ev.Link = ev.Links[0]
		}
		if t, err := time.Parse("01/02/2006", strings.TrimSpace(b.Date)); err == nil {
			ev.Time, ev.TimePrecision = &t, "day"
		} else if b.Date != "" {
			notes = append(notes, "date "+quoteClip(b.Date)+" not understood (want MM/DD/YYYY)")
		}
		lon, errLon := coordinate("longitude", b.Longitude, 180)
		lat, errLat := coordinate("latitude", b.Latitude, 90)
		if errLon == nil && errLat == nil {
			ev.Lon, ev.Lat = lon, lat
			r.Evidence = ev
		} else {
			notes = append(notes, "no location: "+frontline.ErrorMessage(firstErr(errLon, errLat)))
		}
		text := ev.Description
		for _, f := range b.Filters {
			if f.Key != "" && f.Value != "" {
				text += "\n" + oneLine(f.Key) + ": " + oneLine(f.Value)
			}
		}
		r.Text = strings.TrimSpace(text)
		day := "undated"
		if ev.Time != nil {
			day = ev.Time.Format("2006-01-02")
		}
		r.Title = strings.TrimSpace(b.ID + " " + day)
		if ev.Location != "" {
			r.Title += " " + ev.Location
		}
		r.Title += ": " + clip(oneLine(ev.Description), 120)
		r.Note = joinNotes(notes)
		p.Reports = append(p.Reports, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
