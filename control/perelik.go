package control

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
)

// The perelik is Ukraine's official list of territories where hostilities
// are or were conducted or that are temporarily occupied, by KATOTTG code
// with start and end dates. It is read from the CSV extracted from the
// ministry's docx (columns table_index, section, oblast, raion,
// katottg_code, name, date_start, date_end, …).

var perelikColumns = []string{"section", "oblast", "raion", "katottg_code", "name", "date_start", "date_end"}

// IsPerelik reports whether data starts with the perelik CSV header.
func IsPerelik(data []byte) bool {
	line, _, _ := bytes.Cut(bytes.TrimPrefix(data, []byte("\ufeff")), []byte("\n"))
	cols := map[string]bool{}
	for _, c := range strings.Split(strings.TrimSpace(string(line)), ",") {
		cols[strings.TrimSpace(c)] = true
	}
	for _, c := range perelikColumns {
		if !cols[c] {
			return false
		}
	}
	return true
}

var (
	katottgRE = regexp.MustCompile(`^UA\d{17}$`)
	// Dates as the docx writes them, typos included: "02.03.2022",
	// "12.11 2022", "31.03. 2022", "10.03.202207.02.2025".
	perelikDateRE = regexp.MustCompile(`(\d{1,2})\.(\d{1,2})(?:\.\s*|\s+)(\d{4})`)
	exceptRE      = regexp.MustCompile(`\s*за\s+винятком\s*:?`)
	// The kind before a settlement's name: м., с., с-ще, смт (Cyrillic or
	// Latin c).
	kindPrefixRE = regexp.MustCompile(`^(?:[сc]-щ[еа]\.?|смт\.?|[сcм]\.|[сc]\s)\s*`)
)

// ParsePerelik reads the perelik CSV into list entries, one per period of
// each row. Rows it cannot use (a malformed code) are skipped; use
// ParsePerelikReport to see them.
func ParsePerelik(name string, data []byte) ([]frontline.ListEntry, error) {
	entries, _, err := ParsePerelikReport(name, data)
	return entries, err
}

// ParsePerelikReport is ParsePerelik that also returns a warning for each
// row it skipped.
func ParsePerelikReport(name string, data []byte) (entries []frontline.ListEntry, warnings []string, err error) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, nil, frontline.Errorf(frontline.EINVALID, "%s: cannot read the header: %v", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	for _, c := range perelikColumns {
		if _, ok := col[c]; !ok {
			return nil, nil, frontline.Errorf(frontline.EINVALID, "%s: not a perelik CSV: no %q column (want %s)", name, c, strings.Join(perelikColumns, ", "))
		}
	}
	entries = []frontline.ListEntry{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, frontline.Errorf(frontline.EINVALID, "%s: %v", name, err)
		}
		line, _ := r.FieldPos(0)
		get := func(c string) string {
			if i := col[c]; i < len(rec) {
				return strings.TrimSpace(strings.ReplaceAll(rec[i], "\u00a0", " "))
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		section, status, ok := perelikSection(get("section"))
		if !ok {
			return nil, nil, frontline.Errorf(frontline.EINVALID, "%s:%d: unknown section %q (want one starting 1., 2., 3. or ІІ.)", name, line, get("section"))
		}
		code := strings.Join(strings.Fields(get("katottg_code")), "")
		if !katottgRE.MatchString(code) {
			warnings = append(warnings, fmt.Sprintf("%s:%d: skipped %q: KATOTTG code %q is not UA and 17 digits", name, line, get("name"), get("katottg_code")))
			continue
		}
		starts, err := perelikDates(get("date_start"))
		if err != nil {
			return nil, nil, frontline.Errorf(frontline.EINVALID, "%s:%d: date_start: %v", name, line, err)
		}
		ends, err := perelikDates(get("date_end"))
		if err != nil {
			return nil, nil, frontline.Errorf(frontline.EINVALID, "%s:%d: date_end: %v", name, line, err)
		}
		if len(starts) == 0 {
			return nil, nil, frontline.Errorf(frontline.EINVALID, "%s:%d: %s has no start date", name, line, code)
		}
		if len(ends) > len(starts) {
			return nil, nil, frontline.Errorf(frontline.EINVALID, "%s:%d: %d end dates for %d start dates", name, line, len(ends), len(starts))
		}
		full := get("name")
		nm, except := full, []string(nil)
		if loc := exceptRE.FindStringIndex(full); loc != nil {
			nm = strings.TrimSpace(full[:loc[0]])
			except = exceptNames(full[loc[1]:])
		}
		for i, from := range starts {
			e := frontline.ListEntry{KATOTTG: code, Name: nm, Oblast: get("oblast"), Raion: get("raion"),
				Section: section, Status: status, Except: except, From: from, Line: line}
			if i < len(ends) {
				e.To = ends[i]
				if e.To.Before(e.From) {
					return nil, nil, frontline.Errorf(frontline.EINVALID, "%s:%d: period %d ends (%s) before it starts (%s)",
						name, line, i+1, e.To.Format("02.01.2006"), e.From.Format("02.01.2006"))
				}
			}
			entries = append(entries, e)
		}
	}
	return entries, warnings, nil
}

// perelikSection reads a section heading: "1. Території можливих бойових
// дій" (possible hostilities: Ukraine holds it), "2." and "3." (active
// hostilities: contested), "ІІ. Тимчасово окуповані …" (occupied: russia).
func perelikSection(s string) (string, frontline.Status, bool) {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "1."):
		return "1", frontline.StatusUkraine, true
	case strings.HasPrefix(s, "2."):
		return "2", frontline.StatusContested, true
	case strings.HasPrefix(s, "3."):
		return "3", frontline.StatusContested, true
	case strings.HasPrefix(s, "ІІ.") || strings.HasPrefix(s, "II."):
		return "II", frontline.StatusRussia, true
	}
	return "", "", false
}

// perelikDates reads the dates of a cell, one per period.
func perelikDates(s string) ([]time.Time, error) {
	var out []time.Time
	for _, m := range perelikDateRE.FindAllStringSubmatch(s, -1) {
		t, err := time.Parse("2.1.2006", m[1]+"."+m[2]+"."+m[3])
		if err != nil {
			return nil, fmt.Errorf("no such date %q", m[0])
		}
		out = append(out, t)
	}
	if rest := strings.TrimSpace(perelikDateRE.ReplaceAllString(s, "")); rest != "" {
		return nil, fmt.Errorf("cannot read %q as dates DD.MM.YYYY separated by spaces", s)
	}
	return out, nil
}

// exceptNames reads "с. Бригадирівка, м. Балаклія, с-ще Гостре" into
// matching keys. Parts that are not a settlement ("частина …") are left
// out.
func exceptNames(s string) []string {
	var out []string
	for _, p := range regexp.MustCompile(`,|;|\s+та\s+|\s+і\s+`).Split(s, -1) {
		p = strings.TrimSpace(p)
		if p == "" || strings.HasPrefix(p, "частин") {
			continue
		}
		out = append(out, nameKey(p))
	}
	return out
}

// nameKey is a settlement name for matching: kind dropped, lower case, one
// apostrophe, single spaces.
func nameKey(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " "))
	s = kindPrefixRE.ReplaceAllString(s, "")
	s = strings.NewReplacer("'", "’", "ʼ", "’", "`", "’", "\u2018", "’").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}
