package control

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/translit"
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

// ListImportRequest asks to import one list file as a list layer.
type ListImportRequest struct {
	Layer, SourceName      string
	Data                   []byte
	Title, Source, Licence string
}

// ListImportResult summarises an imported list.
type ListImportResult struct {
	Layer       string         `json:"layer"`
	Added       bool           `json:"added"`
	Entries     int            `json:"entries"`
	Oblasts     int            `json:"oblasts"`
	Raions      int            `json:"raions"`
	Hromadas    int            `json:"hromadas"`
	Settlements int            `json:"settlements"`
	BySection   map[string]int `json:"by_section"`
	Warnings    []string       `json:"warnings"`
}

func (s *Service) lists() (frontline.ListStore, error) {
	if s.Lists == nil {
		return nil, frontline.Errorf(frontline.EINVALID, "this store does not hold lists")
	}
	return s.Lists, nil
}

// ImportList reads a perelik CSV and stores it as a new version of a list
// layer (created if new). The same file twice stores nothing new.
func (s *Service) ImportList(ctx context.Context, req ListImportRequest) (*ListImportResult, error) {
	store, err := s.lists()
	if err != nil {
		return nil, err
	}
	if err := ValidateLayerName(req.Layer); err != nil {
		return nil, err
	}
	entries, warnings, err := ParsePerelikReport(req.SourceName, req.Data)
	if err != nil {
		return nil, err
	}
	if l, err := s.Store.FindLayer(ctx, req.Layer); err == nil && l.Snapshots > 0 {
		return nil, frontline.Errorf(frontline.ECONFLICT, "layer %s holds %d polygon snapshots: import the list into a layer of its own", req.Layer, l.Snapshots)
	}
	l := &frontline.Layer{Name: req.Layer, Title: or(req.Title, "Перелік територій бойових дій та тимчасово окупованих"),
		Source: or(req.Source, "Ministry of Development of Communities and Territories of Ukraine, Order No. 376 (perelik)"), Licence: req.Licence}
	if err := s.CreateLayer(ctx, l); err != nil {
		return nil, err
	}
	now := s.Now().UTC()
	res := &ListImportResult{Layer: req.Layer, Entries: len(entries), BySection: map[string]int{}, Warnings: warnings}
	if res.Warnings == nil {
		res.Warnings = []string{}
	}
	codes := map[string]bool{}
	for i := range entries {
		e := &entries[i]
		e.Layer, e.RecordedAt = req.Layer, now
		res.BySection[e.Section]++
		if codes[e.KATOTTG] {
			continue
		}
		codes[e.KATOTTG] = true
		switch _, level := listKey(e.KATOTTG); level {
		case levelOblast:
			res.Oblasts++
		case levelRaion:
			res.Raions++
		case levelHromada:
			res.Hromadas++
		default:
			res.Settlements++
		}
	}
	res.Added, err = store.AddListEntries(ctx, req.Layer, req.SourceName, sourceHash(req.Data), entries)
	if err != nil {
		return nil, err
	}
	return res, nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// KATOTTG levels, most specific first.
const (
	levelDistrict = iota
	levelSettlement
	levelHromada
	levelRaion
	levelOblast
)

// listKey returns the prefix that names a code's territory and its level:
// UA63 (oblast), UA6304 (raion), UA6304001 (hromada), UA6304001001
// (settlement), UA630400100101 (city district).
func listKey(code string) (string, int) {
	switch {
	case code[4:12] == "00000000":
		return code[:4], levelOblast
	case code[6:12] == "000000":
		return code[:6], levelRaion
	case code[9:12] == "000":
		return code[:9], levelHromada
	case code[12:14] == "00":
		return code[:12], levelSettlement
	}
	return code[:14], levelDistrict
}

// ListIndex answers a list's status for a settlement on a day.
type ListIndex struct {
	byKey map[string][]*frontline.ListEntry
}

func NewListIndex(entries []frontline.ListEntry) *ListIndex {
	ix := &ListIndex{byKey: map[string][]*frontline.ListEntry{}}
	for i := range entries {
		k, _ := listKey(entries[i].KATOTTG)
		ix.byKey[k] = append(ix.byKey[k], &entries[i])
	}
	return ix
}

var statusStrength = map[frontline.Status]int{frontline.StatusRussia: 3, frontline.StatusContested: 2, frontline.StatusUkraine: 1}

// Status returns a settlement's status on day (YYYY-MM-DD) and the entry
// that gives it (nil: not listed that day, Ukraine). In each section the
// most specific entries that name the settlement decide: its own rows,
// else its hromada's (unless the hromada's row excepts it by name), else
// its raion's, else its oblast's. Across sections the strongest status
// on the day wins: occupied, then active hostilities, then possible.
func (ix *ListIndex) Status(code, nameUK, day string) (frontline.Status, *frontline.ListEntry) {
	if !katottgRE.MatchString(code) {
		return frontline.StatusUkraine, nil
	}
	key := nameKey(nameUK)
	var keys []string
	if code[12:14] != "00" {
		keys = append(keys, code[:14])
	}
	keys = append(keys, code[:12], code[:9], code[:6], code[:4])
	decided := map[string]bool{} // sections decided at a more specific level
	var best *frontline.ListEntry
	for _, k := range keys {
		here := map[string]bool{}
		for _, e := range ix.byKey[k] {
			if decided[e.Section] || excepts(e, key) {
				continue
			}
			here[e.Section] = true
			if e.Covers(day) && (best == nil || statusStrength[e.Status] > statusStrength[best.Status]) {
				best = e
			}
		}
		for sec := range here {
			decided[sec] = true
		}
	}
	if best == nil {
		return frontline.StatusUkraine, nil
	}
	return best.Status, best
}

func excepts(e *frontline.ListEntry, key string) bool {
	for _, x := range e.Except {
		if x == key {
			return true
		}
	}
	return false
}

// CompareList compares a list layer with a polygon layer on the map of a
// day, hromada by hromada: a hromada is occupied by the list when it calls
// at least half of the hromada's located settlements occupied, and by the
// polygons when at least half of them lie in russia ground.
func (s *Service) CompareList(ctx context.Context, polygonLayer, listLayer string, at frontline.Day, asKnown time.Time) (*frontline.ListComparison, error) {
	store, err := s.lists()
	if err != nil {
		return nil, err
	}
	if have, err := s.havePlaces(); err != nil {
		return nil, err
	} else if !have {
		return nil, frontline.Errorf(frontline.EINVALID, "comparing a list needs the gazetteer's settlements")
	}
	if _, err := s.Store.FindLayer(ctx, listLayer); err != nil {
		return nil, err
	}
	entries, err := store.FindListEntries(ctx, listLayer, asKnown)
	if err != nil {
		return nil, err
	}
	snap, err := s.snapshotOfDay(ctx, polygonLayer, at, asKnown)
	if err != nil {
		return nil, err
	}
	sts, err := s.snapshotStatuses(ctx, snap.ID)
	if err != nil {
		return nil, err
	}
	ix := NewListIndex(entries)
	day := at.Start.Format("2006-01-02")

	type hromada struct {
		code                   string
		places                 []int
		listRussia, polyRussia int
		listStatus             map[frontline.Status]int
		periods                map[string]int
	}
	byCode := map[string]*hromada{}
	periodStatus := map[string]frontline.Status{}
	var order []string
	for i := range s.places.ix.places {
		p := &s.places.ix.places[i]
		if !katottgRE.MatchString(p.KATOTTG) || p.KATOTTG[9:12] == "000" {
			continue
		}
		hc := p.KATOTTG[:9]
		h := byCode[hc]
		if h == nil {
			h = &hromada{code: hc, listStatus: map[frontline.Status]int{}, periods: map[string]int{}}
			byCode[hc] = h
			order = append(order, hc)
		}
		h.places = append(h.places, i)
		st, e := ix.Status(p.KATOTTG, p.NameUK, day)
		h.listStatus[st]++
		if st == frontline.StatusRussia {
			h.listRussia++
		}
		if e != nil {
			h.periods[describeEntry(e)]++
			periodStatus[describeEntry(e)] = e.Status
		}
		if sts[i] == frontline.StatusRussia {
			h.polyRussia++
		}
	}
	sort.Strings(order)
	res := &frontline.ListComparison{PolygonLayer: polygonLayer, ListLayer: listLayer, At: at.Label, AsKnown: asKnownPtr(asKnown),
		Snapshot: snap, Disagreements: []frontline.HromadaDisagreement{}}
	for _, hc := range order {
		h := byCode[hc]
		n := len(h.places)
		res.Hromadas++
		listOcc, polyOcc := 2*h.listRussia >= n, 2*h.polyRussia >= n
		switch {
		case listOcc == polyOcc:
			res.Agree++
			if listOcc {
				res.BothOccupied++
			}
			continue
		case listOcc:
			res.ListOnly++
		default:
			res.PolygonsOnly++
		}
		first := &s.places.ix.places[h.places[0]]
		d := frontline.HromadaDisagreement{Hromada: hc, NameUK: first.Hromada, Oblast: first.Oblast, Settlements: n,
			Side: "polygons", ListRussiaShare: round3(float64(h.listRussia) / float64(n)), PolygonRussiaShare: round3(float64(h.polyRussia) / float64(n))}
		if listOcc {
			d.Side = "list"
		}
		for _, e := range ix.byKey[hc] {
			d.NameUK = e.Name
			break
		}
		if hasCyrillic(d.NameUK) {
			d.Name = translit.UkrainianNational(d.NameUK)
		} else {
			// The gazetteer's names are already Latin.
			d.Name, d.NameUK = d.NameUK, ""
		}
		d.ListStatus = frontline.StatusUkraine
		if listOcc {
			d.ListStatus = frontline.StatusRussia
		} else if c := h.listStatus[frontline.StatusContested]; c > 0 && c >= h.listStatus[frontline.StatusUkraine] {
			d.ListStatus = frontline.StatusContested
		}
		d.ListPeriods = []string{}
		for p := range h.periods {
			d.ListPeriods = append(d.ListPeriods, p)
		}
		sort.Slice(d.ListPeriods, func(i, j int) bool {
			a, b := d.ListPeriods[i], d.ListPeriods[j]
			if sa, sb := periodStatus[a] == d.ListStatus, periodStatus[b] == d.ListStatus; sa != sb {
				return sa
			}
			if h.periods[a] != h.periods[b] {
				return h.periods[a] > h.periods[b]
			}
			return a < b
		})
		if len(d.ListPeriods) > 3 {
			d.ListPeriods = d.ListPeriods[:3]
		}
		res.Disagreements = append(res.Disagreements, d)
	}
	sort.SliceStable(res.Disagreements, func(i, j int) bool {
		a, b := res.Disagreements[i], res.Disagreements[j]
		if a.Side != b.Side {
			return a.Side == "list"
		}
		if a.Oblast != b.Oblast {
			return a.Oblast < b.Oblast
		}
		return a.Hromada < b.Hromada
	})
	return res, nil
}

// describeEntry names an entry's section, territory and period:
// "II м. Балаклія 2022-03-02–2022-09-11".
func describeEntry(e *frontline.ListEntry) string {
	to := "…"
	if !e.To.IsZero() {
		to = e.To.Format("2006-01-02")
	}
	return fmt.Sprintf("%s %s %s–%s", e.Section, e.Name, e.From.Format("2006-01-02"), to)
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if r >= 0x400 && r <= 0x52f {
			return true
		}
	}
	return false
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }
