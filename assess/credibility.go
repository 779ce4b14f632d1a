package assess

// Credibility and contradictions.
//
// Each claim gets a grade on the Admiralty scale of information
// credibility (frontline.Credibility*):
//
//	1 confirmed    corroborated by independent sources and not contradicted by the maps
//	2 probable     a reliable source (A, B), or a weaker one corroborated
//	3 possible     a fairly reliable source (C), or a doubtful one with support
//	4 doubtful     a source not usually reliable (D), or an unknown one with some support
//	5 improbable   an unreliable source (E), or a claim the maps contradict
//	6 unjudged     nothing known of the source and nothing to check the claim against
//
// The grade starts from the source's reliability (the known source the
// speaker is, else the publisher; A and B start at 2, C 3, D 4, E 5; an
// unknown or F source has no start and is 4 once anything else bears on
// it) and moves one step per factor, each listed as a reason:
//
//   - a speaker the registry does not know, relayed by a known publisher: +1
//   - a hedge ("likely", "suggested"): +1
//   - an admission against the speaker's own side (Russia's ministry
//     announcing a withdrawal): -1
//   - evidence: the sentence cites footage or imagery, or a geolocated
//     observation lies within EvidenceKm and WindowDays and agrees: -1
//     (a geolocated observation showing the other side: +1)
//   - corroboration by other claims on the same place, implying the same
//     control, within WindowDays, from independent sources (a source
//     repeating itself counts once): -1 for one, -2 for two or more
//   - contradiction by an independent source graded better: +1
//   - the layer's map of the day: agrees -1; shows the other side around
//     that day +2 (only on the day itself, the map changing: +1)
//
// The result is kept within 1–5; 6 only when the source is unknown and
// nothing moved the grade.

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/geo"
)

// Evidence is a geolocated observation (a photo, video, satellite image,
// recorded incident) weighed against claims near it.
type Evidence struct {
	ReportID    int64
	Source      string
	Kind        string // photo, video, satellite, event, incident, other
	Lon, Lat    float64
	Time        time.Time // zero: unknown (then it is not weighed)
	Description string
	Link        string
	// Implies is the control the observation shows ("ukraine": a flag
	// raised by Ukrainian troops), "" when it shows none (a strike).
	Implies frontline.Status
}

// LayerLookup gives a place's status on a layer's map of a day.
type LayerLookup interface {
	LayerName() string
	// StatusOn returns the status of placeID on the map of day
	// (YYYY-MM-DD); ok is false when the layer has no map of that day or
	// cannot place the settlement.
	StatusOn(ctx context.Context, placeID, day string) (st frontline.Status, ok bool, err error)
}

// Assessor grades claims and finds contradictions. The zero value works
// without a layer, places or sources.
type Assessor struct {
	// Layer is the control layer to check claims against; nil: none
	// loaded (checks against maps are reported as unchecked).
	Layer LayerLookup
	// Point gives a place's point, for evidence nearby; nil: no evidence
	// is weighed by distance.
	Point func(placeID string) (lon, lat float64, ok bool)
	// Sources grades speakers and publishers the claim views do not
	// grade already; nil: only the views' own grades.
	Sources *Registry
	// WindowDays is how far apart in days corroborating claims and
	// evidence may be (2 if zero); EvidenceKm how far evidence may lie from
	// the place (10 if zero).
	WindowDays int
	EvidenceKm float64
}

func (a *Assessor) window() int32 {
	if a.WindowDays > 0 {
		return int32(a.WindowDays)
	}
	return 2
}

func (a *Assessor) evidenceKm() float64 {
	if a.EvidenceKm > 0 {
		return a.EvidenceKm
	}
	return 10
}

// Classes of what an assertion implies about control.
const (
	classHeld      = "held"      // the side holds it (captured, liberated, under control, the other withdrew)
	classApproach  = "approach"  // the side is moving on it, not yet holding it
	classContested = "contested" // fighting for it
	classAttacked  = "attacked"  // struck: says nothing of who holds it
	// classDenial: a denial of another claim ("Ukraine denies Russia
	// captured Selydove"). It opposes the claims it denies — same place,
	// the denied assertion's class and side, within WindowDays — and is
	// shown against them as a contradiction. It never votes in the
	// assessed layer: a denial says what is not so, not who holds the
	// place (so it cannot vote for the denied side either).
	classDenial = "denial"
)

// item is one claim being assessed.
type item struct {
	v        *frontline.ClaimView
	idx      int
	class    string
	side     frontline.Side
	implies  frontline.Status // held: the side's status; contested: contested
	from, to int32            // days since 1970-01-01 (UTC)
	dated    bool
	key      string // who the claim comes from, for independence
	origin   string // the same, for people
	prior    int    // 0: unknown source
	lon, lat float64
	hasPoint bool
	// layer statuses on to-1, to, to+1 ("" where the layer has no map).
	layer     [3]frontline.Status
	layerDone bool
	supported bool // a geolocated observation nearby agrees
	against   []string
	// For a denial: what the denied claim would say.
	deniedClass   string
	deniedSide    frontline.Side
	deniedImplies frontline.Status
}

// Assess grades every claim in place (Credibility, Reasons) and returns
// the contradictions among them, the evidence and the layer, by place then
// date. Claims are weighed against each other, so pass all claims that
// may bear on each other (stored claims and a new document's).
func (a *Assessor) Assess(ctx context.Context, cs []frontline.ClaimView, evidence []Evidence) ([]frontline.Contradiction, error) {
	items := make([]*item, len(cs))
	byPlace := map[string][]*item{}
	points := map[string][3]float64{}
	for i := range cs {
		v := &cs[i]
		if a.Sources != nil {
			a.Sources.Grade(v)
		}
		it := newItem(v, i)
		if a.Point != nil && v.PlaceID != "" {
			p, ok := points[v.PlaceID]
			if !ok {
				lon, lat, has := a.Point(v.PlaceID)
				p = [3]float64{lon, lat, 0}
				if has {
					p[2] = 1
				}
				points[v.PlaceID] = p
			}
			it.lon, it.lat, it.hasPoint = p[0], p[1], p[2] == 1
		}
		items[i] = it
		if v.PlaceID != "" {
			byPlace[v.PlaceID] = append(byPlace[v.PlaceID], it)
		}
	}
	ev := newEvidenceIndex(evidence)
	for _, it := range items {
		if err := a.layerStatuses(ctx, it); err != nil {
			return nil, err
		}
	}
	for _, it := range items {
		a.grade(it, byPlace[it.v.PlaceID], ev)
	}
	out := []frontline.Contradiction{}
	places := make([]string, 0, len(byPlace))
	for id := range byPlace {
		places = append(places, id)
	}
	sort.Strings(places)
	for _, id := range places {
		out = append(out, a.contradictions(byPlace[id], ev)...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].PlaceName != out[j].PlaceName {
			return out[i].PlaceName < out[j].PlaceName
		}
		return out[i].Date < out[j].Date
	})
	return out, nil
}

// classify is what an assertion by a side implies about control: its
// class and, for a place held or fought for, the status.
func classify(assertion string, side frontline.Side) (string, frontline.Status) {
	switch assertion {
	case frontline.AssertCaptured, frontline.AssertLiberated, frontline.AssertUnderControl, frontline.AssertWithdrawn:
		if side == frontline.SideUkraine || side == frontline.SideRussia {
			return classHeld, frontline.Status(side)
		}
	case frontline.AssertAdvancedTowards, frontline.AssertAtOutskirts:
		if side == frontline.SideUkraine || side == frontline.SideRussia {
			return classApproach, ""
		}
	case frontline.AssertContested:
		return classContested, frontline.StatusContested
	case frontline.AssertAttacked:
		return classAttacked, ""
	}
	return "", ""
}

func newItem(v *frontline.ClaimView, i int) *item {
	it := &item{v: v, idx: i, side: v.Side}
	if v.Assertion == frontline.AssertDenied {
		if v.Denied != nil {
			it.deniedClass, it.deniedImplies = classify(v.Denied.Assertion, v.Denied.Side)
			it.deniedSide = v.Denied.Side
		}
		if it.deniedClass != "" && it.deniedClass != classAttacked {
			it.class = classDenial
			// What the denial says instead, for a reader: the denied
			// side does not hold it (the other side does, by its word).
			if it.deniedClass == classHeld {
				it.implies = other(it.deniedImplies)
			}
		}
	} else {
		it.class, it.implies = classify(v.Assertion, v.Side)
	}
	it.from, it.to, it.dated = claimSpan(v)
	// A change of hands holds at the end of the interval it refers to; a
	// state (under control, contested) over all of it.
	if it.dated && (v.Assertion == frontline.AssertCaptured || v.Assertion == frontline.AssertLiberated || v.Assertion == frontline.AssertWithdrawn) {
		it.from = it.to
	}
	it.key, it.origin = origin(v)
	it.prior = priorOf(v)
	return it
}

// claimSpan reads the days a claim refers to: its refers_to, else its
// report's publication (or recording) day.
func claimSpan(v *frontline.ClaimView) (from, to int32, ok bool) {
	if a, b, found := strings.Cut(v.RefersTo, "/"); found {
		f, ok1 := dayNum(a)
		t, ok2 := dayNum(b)
		if ok1 && ok2 && f <= t {
			return f, t, true
		}
	} else if d, ok := dayNum(v.RefersTo); ok {
		return d, d, true
	}
	var t time.Time
	if v.PublishedAt != nil {
		t = *v.PublishedAt
	} else {
		t = v.RecordedAt
	}
	if t.IsZero() {
		return 0, 0, false
	}
	d := int32(t.UTC().Unix() / 86400)
	return d, d, true
}

func dayNum(s string) (int32, bool) {
	if len(s) != len("2006-01-02") {
		return 0, false
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, false
	}
	return int32(t.Unix() / 86400), true
}

func dayLabel(d int32) string {
	return time.Unix(int64(d)*86400, 0).UTC().Format("2006-01-02")
}

func spanLabel(from, to int32) string {
	if from == to {
		return dayLabel(from)
	}
	return dayLabel(from) + "/" + dayLabel(to)
}

// origin is who a claim comes from: the known source the speaker is, the
// speaker as named, the publisher, or the report. Claims with the same key
// are not independent.
func origin(v *frontline.ClaimView) (key, name string) {
	switch {
	case v.SpeakerSource != "":
		return "source:" + strings.ToLower(v.SpeakerSource), v.SpeakerSource
	case v.Speaker != "":
		head := speakerHead(v.Speaker)
		return "speaker:" + strings.ToLower(head), head
	case v.Source != "":
		return "source:" + strings.ToLower(v.Source), v.Source
	case v.ReportID != 0:
		return fmt.Sprintf("report:%d", v.ReportID), fmt.Sprintf("report %d", v.ReportID)
	}
	return "document", "the document itself"
}

// speakerHead is a speaker phrase up to its first comma, without a
// leading "the".
func speakerHead(s string) string {
	head, _, _ := strings.Cut(s, ",")
	head = strings.TrimSpace(head)
	if len(head) > 4 && strings.EqualFold(head[:4], "the ") {
		head = head[4:]
	}
	return head
}

// effective is a start grade, an unknown source's counted as doubtful.
func effective(prior int) int {
	if prior == 0 {
		return frontline.CredibilityDoubtful
	}
	return prior
}

// gradeStart is where a grade of reliability starts, 0 for none.
func gradeStart(r frontline.Reliability) int {
	switch r {
	case frontline.ReliabilityA, frontline.ReliabilityB:
		return 2
	case frontline.ReliabilityC:
		return 3
	case frontline.ReliabilityD:
		return 4
	case frontline.ReliabilityE:
		return 5
	}
	return 0
}

// priorOf is the start of a claim's grade from its source (0: unknown).
func priorOf(v *frontline.ClaimView) int {
	if s := gradeStart(v.SpeakerReliability); s > 0 {
		return s
	}
	s := gradeStart(v.SourceReliability)
	if s > 0 && v.Speaker != "" {
		s++
	}
	return s
}

func (a *Assessor) layerStatuses(ctx context.Context, it *item) error {
	if a.Layer == nil || !it.dated || it.v.PlaceID == "" || it.class == "" || it.class == classAttacked {
		return nil
	}
	for k := int32(-1); k <= 1; k++ {
		st, ok, err := a.Layer.StatusOn(ctx, it.v.PlaceID, dayLabel(it.to+k))
		if err != nil {
			return err
		}
		if ok {
			it.layer[k+1] = st
		}
	}
	it.layerDone = true
	return nil
}

func other(s frontline.Status) frontline.Status {
	switch s {
	case frontline.StatusUkraine:
		return frontline.StatusRussia
	case frontline.StatusRussia:
		return frontline.StatusUkraine
	}
	return ""
}

// sameFact reports whether two claims say the same about control (two
// denials: deny the same).
func sameFact(x, y *item) bool {
	if x.class == "" || x.class != y.class {
		return false
	}
	switch x.class {
	case classHeld, classApproach:
		return x.side == y.side
	case classDenial:
		return x.deniedClass == y.deniedClass && x.deniedSide == y.deniedSide
	}
	return true
}

// denies reports whether denial d denies what claim y says: the denied
// assertion's class (and side, for a place held or approached).
func denies(d, y *item) bool {
	if d.class != classDenial || y.class == classDenial || y.class == "" || y.class != d.deniedClass {
		return false
	}
	switch y.class {
	case classHeld, classApproach:
		return y.side == d.deniedSide
	}
	return true
}

// opposes reports whether x and y cannot both hold: incompatible control
// on days they share, or a denial of the other within w days (a denial
// comes after the claim it denies).
func opposes(x, y *item, w int32) bool {
	if conflict(x, y) {
		_, _, ok := overlap(x, y)
		return ok
	}
	return (denies(x, y) || denies(y, x)) && near(x, y, w)
}

// near reports whether two claims' days are within w days of each other.
func near(x, y *item, w int32) bool {
	return x.dated && y.dated && x.from-w <= y.to && y.from-w <= x.to
}

// overlap is the days two claims share, ok false if none.
func overlap(x, y *item) (int32, int32, bool) {
	if !x.dated || !y.dated {
		return 0, 0, false
	}
	f, t := max(x.from, y.from), min(x.to, y.to)
	return f, t, f <= t
}

func conflict(x, y *item) bool {
	return x.class == classHeld && y.class == classHeld && x.implies != y.implies
}

func step(n int) string {
	if n > 0 {
		return fmt.Sprintf(" [+%d]", n)
	}
	return fmt.Sprintf(" [%d]", n)
}

// grade sets a claim's credibility and reasons.
func (a *Assessor) grade(it *item, samePlace []*item, ev *evidenceIndex) {
	v := it.v
	var reasons []string
	score, moved := it.prior, false
	move := func(n int, why string) {
		score += n
		moved = true
		reasons = append(reasons, why+step(n))
	}
	switch {
	case gradeStart(v.SpeakerReliability) > 0:
		reasons = append(reasons, fmt.Sprintf("said by %s: %s (%s, %s), starts at %d", speakerHead(v.Speaker), v.SpeakerSource, v.SpeakerReliability, v.SpeakerReliability.Meaning(), it.prior))
	case gradeStart(v.SourceReliability) > 0 && v.Speaker != "":
		reasons = append(reasons, fmt.Sprintf("published by %s (%s, %s), starts at %d", v.Source, v.SourceReliability, v.SourceReliability.Meaning(), it.prior-1))
		reasons = append(reasons, fmt.Sprintf("relayed from a speaker Frontline does not know (%s)%s", it.origin, step(1)))
	case gradeStart(v.SourceReliability) > 0:
		reasons = append(reasons, fmt.Sprintf("published by %s (%s, %s), starts at %d", v.Source, v.SourceReliability, v.SourceReliability.Meaning(), it.prior))
	default:
		who := "the publisher is not a known source"
		if v.Source != "" {
			who = v.Source + " is not a graded source"
		}
		if v.Speaker != "" {
			who = "the speaker (" + it.origin + ") and " + who
		}
		reasons = append(reasons, who+": no start from reliability")
		score = frontline.CredibilityDoubtful
	}
	if len(v.Hedges) > 0 {
		move(1, fmt.Sprintf("hedged (%q)", strings.Join(v.Hedges, ", ")))
	}
	ss, cs := v.SpeakerSide, v.Side
	if (ss == frontline.SideRussia || ss == frontline.SideUkraine) && (cs == frontline.SideRussia || cs == frontline.SideUkraine) && ss != cs && it.class != classAttacked {
		move(-1, fmt.Sprintf("an admission against the speaker's own side (a %s speaker on %s's gain)", ss, cs))
	}

	// Evidence: footage the sentence cites, observations nearby.
	evidenceNote := ""
	if v.Evidence != "" {
		evidenceNote = "cites " + v.Evidence
	}
	if e, agrees := a.nearbyEvidence(it, ev); e != nil {
		desc := fmt.Sprintf("a geolocated %s %.1f km away on %s", e.Kind, e.km, e.Time.UTC().Format("2006-01-02"))
		if agrees {
			it.supported = true
			if evidenceNote == "" {
				evidenceNote = desc
				if e.Implies != "" {
					evidenceNote += " shows " + string(e.Implies) + " control"
				}
			}
		} else {
			move(1, desc+" shows "+string(e.Implies)+" control")
		}
	}
	if evidenceNote != "" {
		move(-1, evidenceNote)
	}

	// Corroboration and contradiction by other claims.
	w := a.window()
	corr := map[string]string{}
	var betterAgainst []string
	seenAgainst := map[string]bool{}
	for _, o := range samePlace {
		if o == it || o.key == it.key {
			continue
		}
		// Two claims of one document (one report, or the document
		// `check` reads, ReportID 0) never corroborate each other: a
		// text quoting an official and then saying the same in its own
		// voice is one source, not two.
		if sameFact(it, o) && near(it, o, w) && o.v.ReportID != it.v.ReportID {
			if _, ok := corr[o.key]; !ok {
				corr[o.key] = o.origin
			}
		}
		if opposes(it, o, w) && o.prior > 0 && o.prior < effective(it.prior) && !seenAgainst[o.key] {
			seenAgainst[o.key] = true
			betterAgainst = append(betterAgainst, o.origin)
		}
	}
	if len(corr) > 0 {
		names := make([]string, 0, len(corr))
		for _, n := range corr {
			names = append(names, n)
		}
		sort.Strings(names)
		n := -1
		if len(corr) > 1 {
			n = -2
		}
		move(n, fmt.Sprintf("corroborated within ±%d days by %d independent source%s (%s)", w, len(corr), plural(len(corr)), strings.Join(names, "; ")))
	}
	if len(betterAgainst) > 0 {
		sort.Strings(betterAgainst)
		move(1, "contradicted by a better-graded source ("+strings.Join(betterAgainst, "; ")+")")
	}

	// The layer.
	switch {
	case it.class == "" || it.class == classAttacked:
	case a.Layer == nil:
		reasons = append(reasons, "no control layer loaded: agreement with the maps unchecked")
	case !it.dated:
		reasons = append(reasons, "no date: agreement with the maps unchecked")
	case !it.hasPoint && a.Point != nil:
		reasons = append(reasons, "the place has no point: agreement with the maps unchecked")
	default:
		if n, why := a.layerVerdict(it); why != "" {
			if n != 0 {
				move(n, why)
			} else {
				reasons = append(reasons, why)
			}
		}
	}

	if !moved && it.prior == 0 {
		score = frontline.CredibilityUnjudged
	} else {
		score = max(frontline.CredibilityConfirmed, min(frontline.CredibilityImprobable, score))
	}
	v.Credibility = score
	v.Reasons = reasons
}

// layerVerdict compares a claim with the layer's maps of the day before,
// the day and the day after it: the step it moves the grade and why.
func (a *Assessor) layerVerdict(it *item) (int, string) {
	name := a.Layer.LayerName()
	prev, at, next := it.layer[0], it.layer[1], it.layer[2]
	day := dayLabel(it.to)
	if at == "" {
		return 0, fmt.Sprintf("%s has no map of %s: agreement unchecked", name, day)
	}
	switch it.class {
	case classHeld:
		want := it.implies
		switch {
		case at == want:
			return -1, fmt.Sprintf("%s agrees: %s on %s", name, at, day)
		case next == want:
			return -1, fmt.Sprintf("%s agrees a day later: %s on %s, %s on %s", name, at, day, next, dayLabel(it.to+1))
		case at == frontline.StatusContested || at == frontline.StatusUnknown:
			return 0, fmt.Sprintf("%s shows it %s on %s", name, at, day)
		case (prev == "" || prev == at) && (next == "" || next == at):
			return 2, fmt.Sprintf("%s disagrees: %s around %s", name, at, day)
		default:
			return 1, fmt.Sprintf("%s disagrees: %s on %s (changing hands around then: %s the day before, %s the day after)", name, at, day, orNone(prev), orNone(next))
		}
	case classApproach:
		if at == frontline.Status(it.side) {
			return 0, fmt.Sprintf("%s already shows it %s on %s", name, at, day)
		}
		return -1, fmt.Sprintf("%s agrees it was not yet %s's: %s on %s", name, it.side, at, day)
	case classContested:
		if at == frontline.StatusContested || at == frontline.StatusUnknown {
			return -1, fmt.Sprintf("%s agrees: %s on %s", name, at, day)
		}
		return 0, fmt.Sprintf("%s shows it %s on %s", name, at, day)
	case classDenial:
		if it.deniedClass != classHeld {
			return 0, ""
		}
		denied := it.deniedImplies
		switch {
		case at == other(denied):
			return -1, fmt.Sprintf("%s agrees it was not %s's: %s on %s", name, denied, at, day)
		case at == frontline.StatusContested || at == frontline.StatusUnknown:
			return 0, fmt.Sprintf("%s shows it %s on %s", name, at, day)
		case (prev == "" || prev == at) && (next == "" || next == at):
			return 2, fmt.Sprintf("%s disagrees with the denial: %s around %s", name, at, day)
		default:
			return 1, fmt.Sprintf("%s disagrees with the denial: %s on %s (changing hands around then: %s the day before, %s the day after)", name, at, day, orNone(prev), orNone(next))
		}
	}
	return 0, ""
}

func orNone(s frontline.Status) string {
	if s == "" {
		return "no map"
	}
	return string(s)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// contradictions finds the contradictions among one place's claims, the
// evidence near it and the layer.
func (a *Assessor) contradictions(items []*item, ev *evidenceIndex) []frontline.Contradiction {
	var out []frontline.Contradiction
	w := a.window()
	for i, x := range items {
		for _, y := range items[i+1:] {
			if denies(x, y) || denies(y, x) {
				if near(x, y, w) {
					out = append(out, a.denial(x, y))
				}
				continue
			}
			if !conflict(x, y) {
				continue
			}
			f, t, ok := overlap(x, y)
			if !ok {
				continue
			}
			c := frontline.Contradiction{Kind: frontline.ContradictionClaims, PlaceID: x.v.PlaceID, PlaceName: placeName(x.v),
				Date: spanLabel(f, t), A: claimSide(x), B: claimSide(y)}
			if x.v.Evidence != "" || y.v.Evidence != "" {
				c.Kind = frontline.ContradictionEvidence
			}
			c.Resolution = a.resolve(x, y, t)
			out = append(out, c)
		}
	}
	for _, x := range items {
		if x.class == classDenial {
			if c, ok := a.denialAgainstLayer(x); ok {
				out = append(out, c)
			}
			continue
		}
		if x.class != classHeld {
			continue
		}
		// Observations that show the other side.
		if e, agrees := a.nearbyEvidence(x, ev); e != nil && !agrees {
			c := frontline.Contradiction{Kind: frontline.ContradictionEvidence, PlaceID: x.v.PlaceID, PlaceName: placeName(x.v),
				Date: dayLabel(x.to), A: claimSide(x), B: evidenceSide(e)}
			c.Resolution = a.resolveEvidence(x, e)
			out = append(out, c)
		}
		// The layer.
		if a.Layer == nil || !x.layerDone {
			continue
		}
		prev, at, next := x.layer[0], x.layer[1], x.layer[2]
		if at == "" || at == x.implies || next == x.implies || at == frontline.StatusContested || at == frontline.StatusUnknown {
			continue
		}
		day := dayLabel(x.to)
		name := a.Layer.LayerName()
		c := frontline.Contradiction{Kind: frontline.ContradictionLayer, PlaceID: x.v.PlaceID, PlaceName: placeName(x.v), Date: day,
			A: claimSide(x),
			B: frontline.ContradictionSide{Kind: "layer", Quote: fmt.Sprintf("%s: %s on %s", name, at, day), Source: name, Layer: name, Implies: at, RefersTo: day, Index: -1}}
		if (prev == "" || prev == at) && (next == "" || next == at) {
			c.Resolution = frontline.Resolution{Resolved: true, Holds: "b", Favours: frontline.Side(at), Status: at, By: name,
				Reason: fmt.Sprintf("%s shows %s the day before, on and after %s", name, at, day)}
		} else {
			c.Resolution = frontline.Resolution{Reason: fmt.Sprintf("%s changes around %s (%s, %s, %s): the timing decides, not the map", name, day, orNone(prev), at, orNone(next))}
		}
		out = append(out, c)
	}
	return out
}

// denial is the contradiction between a claim and a denial of it: the
// claim is a, the denial b, on the claim's day. The layer's map of that
// day decides (the claim holds if it shows the denied status, the denial if
// it shows the other side's); else a geolocated observation supporting
// the claim; else it stays open.
func (a *Assessor) denial(x, y *item) frontline.Contradiction {
	claim, den := x, y
	if x.class == classDenial {
		claim, den = y, x
	}
	day := claim.to
	c := frontline.Contradiction{Kind: frontline.ContradictionClaims, PlaceID: claim.v.PlaceID, PlaceName: placeName(claim.v),
		Date: dayLabel(day), A: claimSide(claim), B: claimSide(den)}
	if claim.v.Evidence != "" || den.v.Evidence != "" {
		c.Kind = frontline.ContradictionEvidence
	}
	if a.Layer != nil && claim.layerDone && claim.layer[1] != "" && claim.class == classHeld {
		name, at := a.Layer.LayerName(), claim.layer[1]
		switch {
		case at == claim.implies:
			c.Resolution = frontline.Resolution{Resolved: true, Holds: "a", Favours: frontline.Side(at), Status: at, By: name,
				Reason: fmt.Sprintf("%s shows %s on %s: the denial does not hold", name, at, dayLabel(day))}
			return c
		case at == other(claim.implies):
			c.Resolution = frontline.Resolution{Resolved: true, Holds: "b", Favours: frontline.Side(at), Status: at, By: name,
				Reason: fmt.Sprintf("%s shows %s on %s: the denial holds", name, at, dayLabel(day))}
			return c
		}
	}
	if claim.supported {
		c.Resolution = frontline.Resolution{Resolved: true, Holds: "a", Favours: claim.side, Status: claim.implies, By: "evidence",
			Reason: "a geolocated observation nearby supports the claim the denial denies"}
		return c
	}
	why := "no control layer loaded to decide"
	if a.Layer != nil {
		why = fmt.Sprintf("%s does not decide it on %s", a.Layer.LayerName(), dayLabel(day))
	}
	c.Resolution = frontline.Resolution{Reason: fmt.Sprintf("%s; a denial of the claim, credibility %d (claim) against %d (denial)", why, claim.v.Credibility, den.v.Credibility)}
	return c
}

// denialAgainstLayer is the contradiction between a denial of a place
// held and the layer's map showing it held as denied, before, on and
// after the denial's day.
func (a *Assessor) denialAgainstLayer(x *item) (frontline.Contradiction, bool) {
	if a.Layer == nil || !x.layerDone || x.deniedClass != classHeld {
		return frontline.Contradiction{}, false
	}
	prev, at, next := x.layer[0], x.layer[1], x.layer[2]
	if at == "" || at != x.deniedImplies || prev != "" && prev != at || next != "" && next != at {
		return frontline.Contradiction{}, false
	}
	day, name := dayLabel(x.to), a.Layer.LayerName()
	return frontline.Contradiction{Kind: frontline.ContradictionLayer, PlaceID: x.v.PlaceID, PlaceName: placeName(x.v), Date: day,
		A: claimSide(x),
		B: frontline.ContradictionSide{Kind: "layer", Quote: fmt.Sprintf("%s: %s on %s", name, at, day), Source: name, Layer: name, Implies: at, RefersTo: day, Index: -1},
		Resolution: frontline.Resolution{Resolved: true, Holds: "b", Favours: frontline.Side(at), Status: at, By: name,
			Reason: fmt.Sprintf("%s shows %s the day before, on and after %s: the denial does not hold", name, at, day)}}, true
}

// resolve decides between two claims: the layer's map of the day, else a
// geolocated observation supporting one side only.
func (a *Assessor) resolve(x, y *item, day int32) frontline.Resolution {
	if a.Layer != nil && x.layerDone {
		name := a.Layer.LayerName()
		at := x.layer[1]
		if x.to != day {
			at = ""
			if d := day - x.to; d >= -1 && d <= 1 {
				at = x.layer[d+1]
			}
		}
		switch {
		case at == x.implies:
			return frontline.Resolution{Resolved: true, Holds: "a", Favours: frontline.Side(at), Status: at, By: name, Reason: fmt.Sprintf("%s shows %s on %s", name, at, dayLabel(day))}
		case at == y.implies:
			return frontline.Resolution{Resolved: true, Holds: "b", Favours: frontline.Side(at), Status: at, By: name, Reason: fmt.Sprintf("%s shows %s on %s", name, at, dayLabel(day))}
		case at != "":
			return frontline.Resolution{Reason: fmt.Sprintf("%s shows it %s on %s: neither account is decided by the map", name, at, dayLabel(day))}
		}
	}
	if x.supported != y.supported {
		w, holds := x, "a"
		if y.supported {
			w, holds = y, "b"
		}
		return frontline.Resolution{Resolved: true, Holds: holds, Favours: w.side, Status: w.implies, By: "evidence",
			Reason: "a geolocated observation nearby supports only this account"}
	}
	why := "no control layer loaded to decide"
	if a.Layer != nil {
		why = fmt.Sprintf("%s has no map of %s for this place", a.Layer.LayerName(), dayLabel(day))
	}
	return frontline.Resolution{Reason: fmt.Sprintf("%s; credibility %d (a) against %d (b)", why, x.v.Credibility, y.v.Credibility)}
}

func (a *Assessor) resolveEvidence(x *item, e *nearEvidence) frontline.Resolution {
	if a.Layer != nil && x.layerDone && x.layer[1] != "" {
		name := a.Layer.LayerName()
		at := x.layer[1]
		switch at {
		case x.implies:
			return frontline.Resolution{Resolved: true, Holds: "a", Favours: frontline.Side(at), Status: at, By: name, Reason: fmt.Sprintf("%s shows %s on %s", name, at, dayLabel(x.to))}
		case e.Implies:
			return frontline.Resolution{Resolved: true, Holds: "b", Favours: frontline.Side(at), Status: at, By: name, Reason: fmt.Sprintf("%s shows %s on %s", name, at, dayLabel(x.to))}
		}
	}
	return frontline.Resolution{Resolved: true, Holds: "b", Favours: frontline.Side(e.Implies), Status: e.Implies, By: "evidence",
		Reason: fmt.Sprintf("a geolocated %s %.1f km away outweighs words", e.Kind, e.km)}
}

func placeName(v *frontline.ClaimView) string {
	if v.PlaceName != "" {
		return v.PlaceName
	}
	return v.PlaceID
}

func claimSide(x *item) frontline.ContradictionSide {
	v := x.v
	src := v.Source
	if v.SpeakerSource != "" {
		src = v.SpeakerSource
	}
	return frontline.ContradictionSide{Kind: "claim", Quote: v.Quote, Speaker: v.Speaker, SpeakerSide: v.SpeakerSide, Source: src,
		Credibility: v.Credibility, Assertion: v.Assertion, Implies: x.implies, RefersTo: v.RefersTo, ReportID: v.ReportID,
		Index: x.v.Index, Start: v.Start, End: v.End, Evidence: v.Evidence, Link: v.URL}
}

func evidenceSide(e *nearEvidence) frontline.ContradictionSide {
	return frontline.ContradictionSide{Kind: "evidence", Quote: e.Description, Source: e.Source, Implies: e.Implies,
		RefersTo: e.Time.UTC().Format("2006-01-02"), ReportID: e.ReportID, Index: -1, Evidence: e.Kind, Link: e.Link}
}

// evidenceIndex buckets dated observations by cells of evidenceCellDeg.
type evidenceIndex struct {
	cells map[[2]int32][]int
	ev    []Evidence
	days  []int32
}

const evidenceCellDeg = 0.1

func newEvidenceIndex(ev []Evidence) *evidenceIndex {
	x := &evidenceIndex{cells: map[[2]int32][]int{}, ev: ev, days: make([]int32, len(ev))}
	for i, e := range ev {
		if e.Time.IsZero() || math.IsNaN(e.Lon) || math.IsNaN(e.Lat) || math.Abs(e.Lat) > 89 {
			continue
		}
		x.days[i] = int32(e.Time.UTC().Unix() / 86400)
		k := evCell(e.Lon, e.Lat)
		x.cells[k] = append(x.cells[k], i)
	}
	return x
}

func evCell(lon, lat float64) [2]int32 {
	return [2]int32{int32(math.Floor(lon / evidenceCellDeg)), int32(math.Floor(lat / evidenceCellDeg))}
}

type nearEvidence struct {
	Evidence
	km float64
}

// nearbyEvidence returns the nearest dated observation within
// EvidenceKm and WindowDays of a claim that bears on it, and whether it
// agrees: one showing the control the claim implies (or, for a strike or
// fighting, any observation); an observation showing the other side
// disagrees. Observations showing nothing are passed over for control
// claims.
func (a *Assessor) nearbyEvidence(it *item, x *evidenceIndex) (*nearEvidence, bool) {
	if x == nil || len(x.cells) == 0 || !it.hasPoint || !it.dated || it.class == "" {
		return nil, false
	}
	km := a.evidenceKm()
	w := a.window()
	rLat := int32(math.Ceil(km/111/evidenceCellDeg)) + 1
	rLon := int32(math.Ceil(km/(111*math.Cos(it.lat*math.Pi/180))/evidenceCellDeg)) + 1
	c := evCell(it.lon, it.lat)
	var best *nearEvidence
	bestAgrees := false
	for dx := -rLon; dx <= rLon; dx++ {
		for dy := -rLat; dy <= rLat; dy++ {
			for _, i := range x.cells[[2]int32{c[0] + dx, c[1] + dy}] {
				d := x.days[i]
				if d < it.from-w || d > it.to+w {
					continue
				}
				e := x.ev[i]
				var agrees bool
				switch {
				case it.class == classHeld && e.Implies == it.implies:
					agrees = true
				case it.class == classHeld && e.Implies == other(it.implies):
					agrees = false
				case (it.class == classAttacked || it.class == classContested) && e.Implies != frontline.StatusUkraine && e.Implies != frontline.StatusRussia:
					agrees = true
				default:
					continue
				}
				dist := geo.DistanceM(it.lon, it.lat, e.Lon, e.Lat) / 1000
				if dist > km || best != nil && dist >= best.km {
					continue
				}
				best, bestAgrees = &nearEvidence{Evidence: e, km: dist}, agrees
			}
		}
	}
	return best, bestAgrees
}
