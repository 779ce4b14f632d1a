package claims

import (
	"context"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
)

// A change of control is explained by what was said and seen about each
// settlement that changed hands while it changed:
//
//   - claims (press, officials, the trackers' own notes, claim records)
//     about the settlement whose date — the date or interval the claim
//     refers to, else its report's — falls within the change's days widened
//     by ExplainMarginDays on each side (a note published the morning after
//     the map, a claim made the evening before it);
//   - geolocated observations made in that window within ExplainEvidenceKm
//     of the settlement's point.
//
// Each is listed with its source, the side it favours, its credibility
// (graded against every stored claim, the evidence and the layer, when a
// grader is given) and its quote, and how it fits the change (agrees,
// disagrees, fighting, neutral). A settlement nothing was found for is
// marked unexplained.

// ExplainMarginDays widens a change's window on each side.
const ExplainMarginDays = 1

// ExplainEvidenceKm is how far from a settlement an observation may lie and
// still count for it.
const ExplainEvidenceKm = 5

// evidenceKinds are the report kinds that record observations.
var evidenceKinds = []frontline.ReportKind{frontline.ReportEvidenceJSON, frontline.ReportJPEG, frontline.ReportBellingcat, frontline.ReportEventCSV}

// ExplainChange fills each settlement of res with what explains its change
// (ExplainedBy, Unexplained) and res.Explained with the window searched.
// All settlements' claims are read in one query. grader (assess.Service)
// grades them; it may be nil (claims are then listed ungraded, credibility
// 0). res's Settlements slice is
// replaced, not changed in place (a cached result stays as it was).
func (s *Service) ExplainChange(ctx context.Context, res *frontline.ChangeResult, grader frontline.AssessmentService) error {
	if res == nil {
		return nil
	}
	lo, err := time.Parse("2006-01-02", res.From)
	if err != nil {
		return frontline.Errorf(frontline.EINVALID, "change from %q: not a date", res.From)
	}
	hi, err := time.Parse("2006-01-02", res.To)
	if err != nil {
		return frontline.Errorf(frontline.EINVALID, "change to %q: not a date", res.To)
	}
	if hi.Before(lo) {
		lo, hi = hi, lo
	}
	lo, hi = lo.AddDate(0, 0, -ExplainMarginDays), hi.AddDate(0, 0, ExplainMarginDays)
	win := &frontline.ExplainWindow{From: lo.Format("2006-01-02"), To: hi.Format("2006-01-02"), MarginDays: ExplainMarginDays, EvidenceKm: ExplainEvidenceKm}
	setts := append([]frontline.SettlementChange(nil), res.Settlements...)
	res.Settlements, res.Explained = setts, win
	if len(setts) == 0 {
		return nil
	}
	byID := make(map[string][]int, len(setts))
	ids := make([]string, 0, len(setts))
	for i, st := range setts {
		if _, ok := byID[st.ID]; !ok {
			ids = append(ids, st.ID)
		}
		byID[st.ID] = append(byID[st.ID], i)
		setts[i].ExplainedBy = nil
	}
	// A report published before the window cannot speak of days in it; one
	// published later may, so there is no upper bound on the report.
	views, err := s.Claims(ctx, frontline.ClaimFilter{PlaceIDs: ids, Since: lo})
	if err != nil {
		return err
	}
	kept := views[:0]
	for _, v := range views {
		if from, to, ok := claimDays(&v); ok && !to.Before(lo) && !from.After(hi) {
			kept = append(kept, v)
		}
	}
	if grader != nil && len(kept) > 0 {
		if err := grader.GradeClaims(ctx, kept); err != nil {
			return err
		}
	}
	for i := range kept {
		v := &kept[i]
		for _, j := range byID[v.PlaceID] {
			setts[j].ExplainedBy = append(setts[j].ExplainedBy, claimExplanation(v, setts[j]))
		}
	}
	if err := s.explainByEvidence(ctx, setts, lo, hi.AddDate(0, 0, 1)); err != nil {
		return err
	}
	for i := range setts {
		es := setts[i].ExplainedBy
		sort.SliceStable(es, func(a, b int) bool { return better(&es[a], &es[b]) })
		if len(es) == 0 {
			setts[i].Unexplained = true
			win.Unexplained++
		} else {
			win.Explained++
		}
	}
	return nil
}

// claimDays is the span of days a claim refers to: its RefersTo date or
// interval, else its report's day.
func claimDays(v *frontline.ClaimView) (from, to time.Time, ok bool) {
	ref := strings.TrimSpace(v.RefersTo)
	a, b, isInterval := strings.Cut(ref, "/")
	if f, err := time.Parse("2006-01-02", a); err == nil {
		if !isInterval {
			return f, f, true
		}
		if t, err := time.Parse("2006-01-02", b); err == nil && !t.Before(f) {
			return f, t, true
		}
	}
	t := v.RecordedAt
	if v.PublishedAt != nil {
		t = *v.PublishedAt
	}
	if t.IsZero() {
		return time.Time{}, time.Time{}, false
	}
	d := time.Date(t.UTC().Year(), t.UTC().Month(), t.UTC().Day(), 0, 0, 0, 0, time.UTC)
	return d, d, true
}

func claimExplanation(v *frontline.ClaimView, st frontline.SettlementChange) frontline.ChangeExplanation {
	rel := v.SourceReliability
	if v.SpeakerReliability != "" {
		rel = v.SpeakerReliability
	}
	source := v.Source
	if v.SpeakerSource != "" && v.SpeakerSource != v.Source {
		source = v.SpeakerSource + " via " + or(v.Source, "an unknown publisher")
	}
	return frontline.ChangeExplanation{Kind: frontline.ExplanationClaim, ReportID: v.ReportID, ReportKind: v.Kind, Title: v.Title, URL: v.URL,
		Source: source, SourceReliability: rel, Side: v.Side, Assertion: v.Assertion, Speaker: v.Speaker, SpeakerSide: v.SpeakerSide,
		Credibility: v.Credibility, Quote: v.Quote, RefersTo: v.RefersTo, PublishedAt: v.PublishedAt, Fits: fits(&v.Claim, st)}
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// statusOf is the control a side holding a place means.
func statusOf(side frontline.Side) frontline.Status {
	switch side {
	case frontline.SideUkraine:
		return frontline.StatusUkraine
	case frontline.SideRussia:
		return frontline.StatusRussia
	}
	return ""
}

// fits says how a claim bears on a settlement's change of status.
func fits(c *frontline.Claim, st frontline.SettlementChange) string {
	switch c.Assertion {
	case frontline.AssertCaptured, frontline.AssertLiberated, frontline.AssertUnderControl, frontline.AssertWithdrawn:
		held := statusOf(c.Side)
		switch {
		case held == "":
			return frontline.FitsNeutral
		case held == st.To:
			return frontline.FitsAgrees
		case held == st.From:
			return frontline.FitsDisagrees
		case st.To == frontline.StatusContested:
			return frontline.FitsFighting
		}
		return frontline.FitsNeutral
	case frontline.AssertContested, frontline.AssertAdvancedTowards, frontline.AssertAtOutskirts:
		return frontline.FitsFighting
	case frontline.AssertDenied:
		if c.Denied != nil && statusOf(c.Denied.Side) == st.To && st.To != "" {
			return frontline.FitsDisagrees
		}
	}
	return frontline.FitsNeutral
}

var fitRank = map[string]int{frontline.FitsAgrees: 0, frontline.FitsFighting: 1, frontline.FitsDisagrees: 2, frontline.FitsNeutral: 3}

// better orders explanations: those that agree with the change first, then
// by credibility (ungraded last), then by date.
func better(a, b *frontline.ChangeExplanation) bool {
	if ra, rb := fitRank[a.Fits], fitRank[b.Fits]; ra != rb {
		return ra < rb
	}
	ca, cb := a.Credibility, b.Credibility
	if ca == 0 {
		ca = 7
	}
	if cb == 0 {
		cb = 7
	}
	if ca != cb {
		return ca < cb
	}
	if a.RefersTo != b.RefersTo {
		return a.RefersTo < b.RefersTo
	}
	return a.ReportID < b.ReportID
}

// explainByEvidence adds the observations made in [lo, end) within
// ExplainEvidenceKm of each settlement.
func (s *Service) explainByEvidence(ctx context.Context, setts []frontline.SettlementChange, lo, end time.Time) error {
	if s.Reports == nil {
		return nil
	}
	// Settlements by grid cell, to find those near an observation.
	cells := map[[2]int32][]int{}
	for i, st := range setts {
		if st.Lon == 0 && st.Lat == 0 {
			continue
		}
		k := cell(st.Lon, st.Lat)
		cells[k] = append(cells[k], i)
	}
	reg, err := s.registry(ctx)
	if err != nil {
		return err
	}
	for _, k := range evidenceKinds {
		// An observation's own time is not indexed (a record's report time
		// is when it was stored): the records are read and filtered here.
		rs, err := s.Reports.FindReports(ctx, frontline.ReportFilter{Kind: k})
		if err != nil {
			return err
		}
		for _, r := range rs {
			e := r.Evidence
			if e == nil || e.Time == nil || e.Time.Before(lo) || !e.Time.Before(end) {
				continue
			}
			c := cell(e.Lon, e.Lat)
			rLon := int32(math.Ceil(ExplainEvidenceKm/(111*math.Max(0.1, math.Cos(e.Lat*math.Pi/180)))/gridDeg)) + 1
			for dx := -rLon; dx <= rLon; dx++ {
				for dy := int32(-1); dy <= 1; dy++ {
					for _, i := range cells[[2]int32{c[0] + dx, c[1] + dy}] {
						d := distanceKm(e.Lon, e.Lat, setts[i].Lon, setts[i].Lat)
						if d > ExplainEvidenceKm {
							continue
						}
						setts[i].ExplainedBy = append(setts[i].ExplainedBy, evidenceExplanation(r, reg, d))
					}
				}
			}
		}
	}
	return nil
}

func evidenceExplanation(r *frontline.Report, reg *frontline.SourceRegistry, km float64) frontline.ChangeExplanation {
	e := r.Evidence
	x := frontline.ChangeExplanation{Kind: frontline.ExplanationEvidence, ReportID: r.ID, ReportKind: r.Kind, Title: r.Title, URL: r.URL,
		Source: r.Source, Quote: or(e.Description, r.Title), PublishedAt: r.PublishedAt, Fits: frontline.FitsNeutral,
		DistanceKm: math.Round(km*10) / 10}
	if x.URL == "" {
		x.URL = e.Link
	}
	if src := reg.Match(r.Source); src != nil {
		x.Source, x.SourceReliability = src.Name, src.Reliability
	}
	if e.TimePrecision == "day" {
		x.RefersTo = e.Time.UTC().Format("2006-01-02")
	} else {
		x.RefersTo = e.Time.UTC().Format(time.RFC3339)
	}
	return x
}
