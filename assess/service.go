package assess

import (
	"context"
	"time"

	"github.com/frontline-osint/frontline"
)

var _ frontline.AssessmentService = (*Service)(nil)

// Extractor reads claims out of text (package extract); the service uses
// it to read what an observation's description shows.
type Extractor interface {
	Extract(text string, published time.Time) (*frontline.Extraction, error)
}

// Service assesses stored claims: every claim is graded against all the
// others, the stored evidence and the layer, on each call (10,000 claims
// take well under a second once the layer's timelines are read).
type Service struct {
	Claims frontline.ClaimService
	// Reports gives the stored evidence (geolocated observations); nil:
	// none.
	Reports frontline.ReportStore
	// Sources grades speakers the claim views do not grade already; nil:
	// the views' grades only.
	Sources frontline.SourceStore
	// Layer is the control layer claims are checked against; nil: none.
	Layer LayerLookup
	// Places gives places' points and names; nil: evidence is not weighed
	// by distance.
	Places frontline.PlaceService
	// Extractor reads what an observation's description shows; nil:
	// observations show no control.
	Extractor Extractor
	// Numbers checks numeric claims (areas, distances, advances); nil:
	// they stay unchecked.
	Numbers *Checker
}

// CheckNumbers sets the verdict, measured value and reason of each number
// in place; without a checker they stay unchecked.
func (s *Service) CheckNumbers(ctx context.Context, ns []frontline.NumberClaim) error {
	if s.Numbers == nil {
		return nil
	}
	return s.Numbers.CheckNumbers(ctx, ns)
}

// Assessment is every stored claim graded, and the contradictions among
// them.
type Assessment struct {
	Claims         []frontline.ClaimView
	Contradictions []frontline.Contradiction
}

// Assess grades the stored claims whose reports fall within since..until
// (zero: unbounded).
func (s *Service) Assess(ctx context.Context, since, until time.Time) (*Assessment, error) {
	if s.Claims == nil {
		return nil, frontline.Errorf(frontline.EINTERNAL, "assessment has no claim service")
	}
	cs, err := s.Claims.Claims(ctx, frontline.ClaimFilter{Since: since, Until: until})
	if err != nil {
		return nil, err
	}
	ev, err := s.Evidence(ctx)
	if err != nil {
		return nil, err
	}
	a, err := s.Assessor(ctx)
	if err != nil {
		return nil, err
	}
	if tl, ok := s.Layer.(*Timelines); ok {
		if err := tl.Refresh(ctx); err != nil {
			return nil, err
		}
		if err := tl.Preload(ctx, placeIDs(cs), 4); err != nil {
			return nil, err
		}
	}
	con, err := a.Assess(ctx, cs, ev)
	if err != nil {
		return nil, err
	}
	return &Assessment{Claims: cs, Contradictions: con}, nil
}

func placeIDs(cs []frontline.ClaimView) []string {
	seen := map[string]bool{}
	var ids []string
	for _, c := range cs {
		if c.PlaceID != "" && !seen[c.PlaceID] {
			seen[c.PlaceID] = true
			ids = append(ids, c.PlaceID)
		}
	}
	return ids
}

// Assessor returns an assessor over the service's layer, places and
// sources.
func (s *Service) Assessor(ctx context.Context) (*Assessor, error) {
	a := &Assessor{Layer: s.Layer}
	if s.Sources != nil {
		srcs, err := s.Sources.FindSources(ctx)
		if err != nil {
			return nil, err
		}
		a.Sources = NewRegistry(srcs)
	}
	if s.Places != nil {
		a.Point = PointFunc(ctx, s.Places)
	}
	return a, nil
}

// PointFunc gives places' points from a place service.
func PointFunc(ctx context.Context, places frontline.PlaceService) func(id string) (float64, float64, bool) {
	return func(id string) (float64, float64, bool) {
		p, err := places.FindPlace(ctx, id)
		if err != nil || p == nil || p.PointSource == "" {
			return 0, 0, false
		}
		return p.Lon, p.Lat, true
	}
}

// evidenceKinds are the report kinds that record observations.
var evidenceKinds = []frontline.ReportKind{frontline.ReportEvidenceJSON, frontline.ReportJPEG, frontline.ReportBellingcat, frontline.ReportEventCSV}

// Evidence returns the stored geolocated observations, with the control
// each shows when the extractor reads one side holding a place in its
// description.
func (s *Service) Evidence(ctx context.Context) ([]Evidence, error) {
	if s.Reports == nil {
		return nil, nil
	}
	var out []Evidence
	for _, k := range evidenceKinds {
		rs, err := s.Reports.FindReports(ctx, frontline.ReportFilter{Kind: k})
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			e := r.Evidence
			if e == nil || e.Time == nil {
				continue
			}
			ev := Evidence{ReportID: r.ID, Source: r.Source, Kind: e.Kind, Lon: e.Lon, Lat: e.Lat, Time: *e.Time,
				Description: e.Description, Link: e.Link}
			if ev.Description == "" {
				ev.Description = r.Title
			}
			ev.Implies = s.shows(ev.Description, ev.Time)
			out = append(out, ev)
		}
	}
	return out, nil
}

// shows is the control a description shows: the status its held claims
// agree on, "" when none or they disagree.
func (s *Service) shows(text string, t time.Time) frontline.Status {
	if s.Extractor == nil || text == "" {
		return ""
	}
	x, err := s.Extractor.Extract(text, t)
	if err != nil {
		return ""
	}
	return Shows(x.Claims)
}

// Shows is the control a set of claims agree a place is held under, ""
// when none says or they disagree.
func Shows(cs []frontline.Claim) frontline.Status {
	var st frontline.Status
	for i := range cs {
		v := frontline.ClaimView{Claim: cs[i]}
		it := newItem(&v, 0)
		if it.class != classHeld {
			continue
		}
		if st != "" && st != it.implies {
			return ""
		}
		st = it.implies
	}
	return st
}

// GradeClaims grades cs (views of stored claims) against all stored
// claims, evidence and the layer.
func (s *Service) GradeClaims(ctx context.Context, cs []frontline.ClaimView) error {
	if len(cs) == 0 {
		return nil
	}
	all, err := s.Assess(ctx, time.Time{}, time.Time{})
	if err != nil {
		return err
	}
	type key struct {
		report int64
		index  int
	}
	graded := make(map[key]*frontline.ClaimView, len(all.Claims))
	for i := range all.Claims {
		graded[key{all.Claims[i].ReportID, all.Claims[i].Index}] = &all.Claims[i]
	}
	for i := range cs {
		g := graded[key{cs[i].ReportID, cs[i].Index}]
		if g == nil {
			return frontline.Errorf(frontline.EINTERNAL, "claim %d of report %d is not among the stored claims", cs[i].Index, cs[i].ReportID)
		}
		cs[i].Credibility, cs[i].Reasons = g.Credibility, g.Reasons
	}
	return nil
}

// Contradictions returns the contradictions among the stored claims of
// reports within f's window, about f.PlaceID when set.
func (s *Service) Contradictions(ctx context.Context, f frontline.ContradictionFilter) ([]frontline.Contradiction, error) {
	all, err := s.Assess(ctx, f.Since, f.Until)
	if err != nil {
		return nil, err
	}
	if f.PlaceID == "" {
		return all.Contradictions, nil
	}
	out := []frontline.Contradiction{}
	for _, c := range all.Contradictions {
		if c.PlaceID == f.PlaceID {
			out = append(out, c)
		}
	}
	return out, nil
}

// Assessed returns the assessed timelines of the settlements the stored
// claims name (just placeID's when set).
func (s *Service) Assessed(ctx context.Context, placeID string) ([]frontline.AssessedTimeline, error) {
	all, err := s.Assess(ctx, time.Time{}, time.Time{})
	if err != nil {
		return nil, err
	}
	ts := AssessedTimelines(all.Claims)
	out := ts[:0]
	for _, t := range ts {
		if placeID != "" && t.PlaceID != placeID {
			continue
		}
		if s.Places != nil {
			if p, err := s.Places.FindPlace(ctx, t.PlaceID); err == nil && p != nil {
				t.Lon, t.Lat = p.Lon, p.Lat
				if t.PlaceName == t.PlaceID {
					t.PlaceName = p.Name
				}
			}
		}
		out = append(out, t)
	}
	if placeID != "" && len(out) == 0 {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "no stored claim about %s", placeID)
	}
	return out, nil
}
