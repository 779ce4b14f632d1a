package report

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/frontline-osint/frontline"
)

// EventColumns are the columns an ACLED-style event table must have (in
// any order, any case; other columns are kept in Raw and ignored).
var EventColumns = []string{"event_date", "event_type", "sub_event_type", "actor1", "location", "latitude", "longitude", "notes", "source"}

// parseEventCSV reads an ACLED-style event table: a header row, then one
// event per row. Each row is a report whose Raw is the row's bytes (the
// header is kept with the whole file), whose Text is the notes and whose
// Evidence (kind event, day precision) is the row's place and date. The
// row's source column is its Source. The delimiter is a comma, semicolon
// or tab, whichever the header uses most. Missing columns, a bad date or
// coordinate, or a malformed row refuse the whole file with the line.
func parseEventCSV(data []byte) (*Parsed, error) {
	body := bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(body) {
		return nil, refusef("CSV is not UTF-8 text (invalid byte at offset %d)", invalidUTF8At(body))
	}
	header := body
	if i := bytes.IndexByte(body, '\n'); i >= 0 {
		header = body[:i]
	}
	comma := ','
	best := bytes.Count(header, []byte(","))
	for _, d := range []rune{';', '\t'} {
		if n := bytes.Count(header, []byte(string(d))); n > best {
			comma, best = d, n
		}
	}
	cr := csv.NewReader(bytes.NewReader(body))
	cr.Comma = comma
	cr.ReuseRecord = false
	head, err := cr.Read()
	if err != nil {
		return nil, csvError(err)
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	var missing []string
	for _, c := range EventColumns {
		if _, ok := col[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, refusef("CSV lacks the column%s %s: an ACLED-style event table needs %s (its header has %s)",
			plural(len(missing)), strings.Join(missing, ", "), strings.Join(EventColumns, ", "), clip(strings.Join(head, ", "), 300))
	}
	p := &Parsed{Kind: frontline.ReportEventCSV, Container: true}
	prev := cr.InputOffset()
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, csvError(err)
		}
		end := cr.InputOffset()
		raw := bytes.TrimRight(body[prev:end], "\r\n")
		line, _ := cr.FieldPos(0)
		prev = end
		get := func(c string) string { return strings.TrimSpace(rec[col[c]]) }
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		r, err := eventReport(get)
		if err != nil {
			return nil, refusef("CSV line %d: %s", line, frontline.ErrorMessage(err))
		}
		r.Kind, r.Raw, r.Item = frontline.ReportEventCSV, bytes.Clone(raw), len(p.Reports)+1
		p.Reports = append(p.Reports, r)
	}
	if len(p.Reports) == 0 {
		return nil, refusef("CSV has a header but no events")
	}
	return p, nil
}

func eventReport(get func(string) string) (*frontline.Report, error) {
	date := get("event_date")
	t, _, _, ok := parseTime(date)
	if !ok {
		return nil, refusef("event_date %q is not a date (want YYYY-MM-DD or \"10 September 2022\")", clip(date, 40))
	}
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	lat, err := coordinate("latitude", []byte(jsonString(get("latitude"))), 90)
	if err != nil {
		return nil, err
	}
	lon, err := coordinate("longitude", []byte(jsonString(get("longitude"))), 180)
	if err != nil {
		return nil, err
	}
	ev := &frontline.Evidence{Lon: lon, Lat: lat, Time: &t, TimePrecision: "day", Kind: "event", Description: get("notes"), Location: get("location")}
	typ := get("event_type")
	if s := get("sub_event_type"); s != "" {
		typ += " / " + s
	}
	title := fmt.Sprintf("%s %s at %s", t.Format("2006-01-02"), typ, ev.Location)
	if a := get("actor1"); a != "" {
		title += " (" + a + ")"
	}
	return &frontline.Report{Title: title, Text: ev.Description, Source: get("source"), Evidence: ev}, nil
}

// jsonString quotes s as a JSON string so coordinate reads it.
func jsonString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			return refusef("CSV line %d: %v", pe.Line, pe.Err)
		}
		return refusef("malformed CSV at line %d, column %d: %v", pe.Line, pe.Column, pe.Err)
	}
	return refusef("malformed CSV: %v", err)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
