package control

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/translit"
)

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
	s.placesMu.RLock()
	defer s.placesMu.RUnlock()
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
	sts, err := s.snapshotStatuses(ctx, snap.Layer, snap.ID)
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
		p := s.places.ix.places[i]
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
		first := s.places.ix.places[h.places[0]]
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
