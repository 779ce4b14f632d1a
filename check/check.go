// Package check checks one document against what Frontline knows without
// storing it: it extracts the document's places, claims and numbers, weighs
// its claims against the stored claims about the same places, the stored
// evidence and a control layer, checks its numbers against the layer's
// maps, and lists the contradictions the document takes part in. It is
// `frontline check` and POST /api/v1/check.
package check

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/assess"
	"github.com/frontline-osint/frontline/extract"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/report"
)

// WindowDays is how far around the document's dates stored claims are read
// to weigh it against.
const WindowDays = 7

// Layers is what a check needs of the control layers (control.Service has
// it): the layer itself, places' timelines for claims, and the measures for
// numbers.
type Layers interface {
	FindLayer(ctx context.Context, name string) (*frontline.Layer, error)
	assess.TimelineSource
	assess.Layers
}

// Service checks documents. Places is required; the rest may be nil: a
// check without a store weighs the document alone with the shipped source
// registry, and says why no layer was used. A Service is safe for
// concurrent use when its parts are.
type Service struct {
	Places *gazetteer.Gazetteer
	// Layers are the control layers; nil: none (no store).
	Layers Layers
	// Claims, Reports and Sources are the stored claims, reports (for the
	// evidence, and to leave the document out if it is stored) and source
	// registry; nil: none.
	Claims  frontline.ClaimService
	Reports frontline.ReportStore
	Sources frontline.SourceStore
	// Store names the store in notes ("no database at …"); "" for a
	// server, which does not show its paths.
	Store string
	// Now is the time of a check, for a document that gives no
	// publication time; nil: time.Now.
	Now func() time.Time
}

var _ frontline.CheckService = (*Service)(nil)

// layerWarmer is a layer service that can read ahead what the first
// questions on a layer read once per process (control.Service).
type layerWarmer interface {
	WarmLayer(ctx context.Context, layer string)
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC()
	}
	return s.Now().UTC()
}

// Check reads one document and checks it.
func (s *Service) Check(ctx context.Context, req frontline.CheckRequest) (*frontline.CheckResult, error) {
	if s.Places == nil {
		return nil, frontline.Errorf(frontline.EINTERNAL, "check: no gazetteer")
	}
	// Read the document as ingestion would, without storing it.
	parsed, err := report.Parse(filepath.Base(req.Name), req.Data)
	if err != nil {
		return nil, err
	}
	if len(parsed.Reports) != 1 {
		return nil, frontline.Errorf(frontline.EINVALID, "document holds %d reports (a %s file); check reads one document — store them with frontline report add and use frontline contradictions", len(parsed.Reports), parsed.Kind)
	}
	doc := parsed.Reports[0]
	res := &frontline.CheckResult{File: req.Name, Text: doc.Text, Source: req.Source}
	pub := req.Published
	if pub == nil {
		pub = doc.PublishedAt
	}
	if pub == nil && req.Name != "" {
		// As report add does: a name that starts with a date
		// (2022-09-08-cnn-….txt) gives the day.
		if t, ok := report.DateFromName(req.Name); ok {
			pub = &t
		}
	}
	if pub == nil {
		now := s.now()
		pub = &now
		res.PublishedNote = fmt.Sprintf("the document gives no publication time; dates such as \"on Saturday\" are read against the time of the check (%s): give the publication time", now.Format(time.RFC3339))
	}
	res.Published = pub.UTC().Format(time.RFC3339)
	if res.Source == "" {
		res.Source = doc.Source
	}

	g := s.Places
	if w, ok := s.Layers.(layerWarmer); ok && req.Layer != "" {
		// What the layer's first questions read once per process is read
		// on the other core while the document is read.
		go w.WarmLayer(ctx, req.Layer)
	}
	x, err := extract.New(g).Extract(doc.Text, *pub)
	if err != nil {
		return nil, err
	}

	var lookup assess.LayerLookup
	checker := &assess.Checker{Measures: assess.Measures{Place: g.FindPlace}}
	layer := req.Layer
	switch {
	case layer == "":
		res.LayerNote = "no layer asked for"
	case s.Layers == nil:
		res.LayerNote = s.noLayerNote(layer, false)
	default:
		if _, err := s.Layers.FindLayer(ctx, layer); frontline.ErrorCode(err) == frontline.ENOTFOUND {
			res.LayerNote = s.noLayerNote(layer, true)
		} else if err != nil {
			return nil, err
		} else {
			res.Layer = layer
			lookup = assess.NewTimelines(s.Layers, layer, req.AsKnown, g)
			checker.Measures = onceEach(measures(s.Layers, layer, req.AsKnown, g))
		}
	}
	// The fronts the numbers measure places against are built while the
	// numbers before them are checked (the advance's overlays most of
	// all), instead of one after the other at the end.
	if res.Layer != "" {
		for _, at := range frontDays(x.Numbers) {
			go s.Layers.FrontDistanceFunc(ctx, layer, at, req.AsKnown)
		}
	}
	// The numbers are checked while the store is read and the claims
	// are weighed: each reads the layer on its own (the change, gained
	// ground, fronts).
	numbersDone := make(chan error, 1)
	go func() { numbersDone <- checkNumbers(ctx, checker, x.Numbers) }()
	numbersErr := func() error {
		if numbersDone == nil {
			return nil
		}
		err := <-numbersDone
		numbersDone = nil
		return err
	}
	defer numbersErr()

	// The store, when there is one: stored claims, evidence and the
	// registry as edited.
	srcs, err := report.DefaultSources()
	if err != nil {
		return nil, err
	}
	if s.Sources != nil {
		if stored, err := s.Sources.FindSources(ctx); err != nil {
			return nil, err
		} else if len(stored) > 0 {
			srcs = stored
		}
	}
	var stored []frontline.ClaimView
	if s.Claims != nil && s.Reports != nil {
		if stored, err = s.storedAround(ctx, x, *pub, report.Hash(doc.Raw)); err != nil {
			return nil, err
		}
	}
	var evidence []assess.Evidence
	if s.Reports != nil {
		as := &assess.Service{Reports: s.Reports, Extractor: extract.New(g)}
		if evidence, err = as.Evidence(ctx); err != nil {
			return nil, err
		}
	}
	reg := assess.NewRegistry(srcs)
	if src := reg.Match(res.Source); src != nil {
		res.Source = src.Name
	}

	// Grade the document's claims together with the stored ones.
	views := make([]frontline.ClaimView, 0, len(x.Claims)+len(stored))
	for i, cl := range x.Claims {
		views = append(views, frontline.ClaimView{Claim: cl, Index: i, Source: res.Source, PublishedAt: pub})
	}
	views = append(views, stored...)
	res.StoredClaims = len(stored)
	a := &assess.Assessor{Layer: lookup, Sources: reg, Point: assess.PointFunc(ctx, g)}
	cons, err := a.Assess(ctx, views, evidence)
	if err != nil {
		return nil, err
	}
	res.Claims = make([]frontline.CheckClaim, len(x.Claims))
	for i := range x.Claims {
		v := views[i]
		if v.Reasons == nil {
			v.Reasons = []string{}
		}
		res.Claims[i] = frontline.CheckClaim{Claim: v.Claim, SpeakerSource: v.SpeakerSource, SpeakerReliability: v.SpeakerReliability}
	}
	// Contradictions the document takes part in (ReportID 0 is the
	// document).
	res.Contradictions = []frontline.Contradiction{}
	for _, con := range cons {
		if isDoc(con.A) || isDoc(con.B) {
			res.Contradictions = append(res.Contradictions, con)
		}
	}
	res.Places = make([]frontline.CheckMention, len(x.Places))
	for i, p := range x.Places {
		cm := frontline.CheckMention{Mention: p, Place: frontline.CheckPlace{MentionPlace: p.Place}}
		if p.Place.HasPoint() {
			lon, lat := p.Place.Lon, p.Place.Lat
			cm.Place.Lon, cm.Place.Lat = &lon, &lat
		}
		res.Places[i] = cm
	}
	if err := numbersErr(); err != nil {
		return nil, err
	}
	if res.Layer == "" {
		shortNote := "no layer asked for"
		if layer != "" {
			shortNote = "layer " + layer + " is not loaded"
		}
		for i := range x.Numbers {
			if n := &x.Numbers[i]; n.Verdict == frontline.VerdictUnchecked && strings.HasPrefix(n.Reason, "no layer") {
				n.Reason += " (" + shortNote + ")"
			}
		}
	}
	res.Numbers = x.Numbers
	if res.Numbers == nil {
		res.Numbers = []frontline.NumberClaim{}
	}
	return res, nil
}

// noLayerNote says why layer is not used: there is no store (loaded false)
// or the store does not hold it.
func (s *Service) noLayerNote(layer string, store bool) string {
	const how = "frontline layer import, or frontline serve, which loads the bundled DeepState demo"
	switch {
	case !store && s.Store != "":
		return fmt.Sprintf("no database at %s: layer %s is not loaded (%s)", s.Store, layer, how)
	case !store:
		return fmt.Sprintf("no store: layer %s is not loaded", layer)
	case s.Store != "":
		return fmt.Sprintf("layer %s is not loaded in %s (frontline layer import --layer %s …, or frontline serve, which loads the bundled DeepState demo)", layer, s.Store, layer)
	}
	return fmt.Sprintf("layer %s is not loaded in this store", layer)
}

func isDoc(s frontline.ContradictionSide) bool { return s.Kind == "claim" && s.ReportID == 0 }

// storedAround returns the stored claims about the document's places, from
// reports published within WindowDays of its dates, except the document
// itself if it is stored (by its hash).
func (s *Service) storedAround(ctx context.Context, x *frontline.Extraction, pub time.Time, hash string) ([]frontline.ClaimView, error) {
	if len(x.Claims) == 0 {
		return nil, nil
	}
	lo, hi := pub, pub
	for _, c := range x.Claims {
		for _, part := range strings.Split(c.RefersTo, "/") {
			if t, err := time.Parse("2006-01-02", part); err == nil {
				if t.Before(lo) {
					lo = t
				}
				if t.After(hi) {
					hi = t
				}
			}
		}
	}
	lo, hi = lo.AddDate(0, 0, -WindowDays), hi.AddDate(0, 0, WindowDays+1)
	self := map[int64]bool{}
	rs, err := s.Reports.FindReports(ctx, frontline.ReportFilter{Since: lo, Until: hi})
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		if r.Hash == hash {
			self[r.ID] = true
		}
	}
	seen := map[string]bool{}
	var out []frontline.ClaimView
	for _, c := range x.Claims {
		if c.PlaceID == "" || seen[c.PlaceID] {
			continue
		}
		seen[c.PlaceID] = true
		vs, err := s.Claims.Claims(ctx, frontline.ClaimFilter{PlaceID: c.PlaceID, Since: lo, Until: hi})
		if err != nil {
			return nil, err
		}
		for _, v := range vs {
			if !self[v.ReportID] {
				out = append(out, v)
			}
		}
	}
	return out, nil
}

// checkNumbers checks every number, one after the other, and returns the
// error of the first that failed (Checker.CheckNumbers stops there; the
// numbers after it are checked all the same). Three at a time on their own
// goroutines measured no faster, idle or loaded (13 runs of the seed
// article alternated, idle: 166 ms median with three, 158 ms with one).
func checkNumbers(ctx context.Context, c *assess.Checker, ns []frontline.NumberClaim) error {
	var first error
	for i := range ns {
		if err := c.CheckNumber(ctx, &ns[i]); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// frontDays returns the days (each once, in the numbers' order) of the
// maps whose front a check measures a place against: a distance from a
// place that names no second place ("less than 20 km from Kupiansk") is
// the front's distance from it on the day the number refers to, the first
// of a range (as assess.Checker reads it). Building a front reads and
// holds it for the number that asks (FrontDistanceFunc): a day read
// wrongly here costs a front built for nothing, not another answer.
func frontDays(ns []frontline.NumberClaim) []frontline.Day {
	var out []frontline.Day
	seen := map[string]bool{}
	for _, n := range ns {
		if n.Kind != frontline.NumberDistance || n.ReferenceID == "" || n.PlaceID != "" {
			continue
		}
		s, _, _ := strings.Cut(n.RefersTo, "/")
		d, err := frontline.ParseDay(s, time.UTC)
		if err != nil || len(s) != len("2006-01-02") || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, d)
	}
	return out
}

// changeTransitions is a layer service that gives a change's transitions
// without the rest of the change (control.Service: no settlements).
type changeTransitions interface {
	ChangeTransitions(ctx context.Context, layer string, from, to frontline.Day, asKnown time.Time) ([]frontline.Transition, error)
}

// measures is assess.FromLayers, with the ground gained summed from the
// change's transitions alone when the layers give them: the same
// transitions in the same order, so the same sum to the last bit, without
// the settlements that changed hands, which a number does not use.
func measures(l Layers, layer string, asKnown time.Time, g *gazetteer.Gazetteer) assess.Measures {
	m := assess.FromLayers(l, layer, asKnown, g)
	if ct, ok := l.(changeTransitions); ok {
		m.GainedKm2 = func(ctx context.Context, side frontline.Side, from, to frontline.Day) (float64, error) {
			ts, err := ct.ChangeTransitions(ctx, layer, from, to, asKnown)
			if err != nil {
				return 0, err
			}
			sum := 0.0
			for _, t := range ts {
				if string(t.To) == string(side) && t.From != t.To {
					sum += t.AreaKm2
				}
			}
			return sum, nil
		}
	}
	return m
}

// onceEach wraps the layer measures so that numbers that ask the same
// question (an area and its restatement over the same week) share one
// answer: the first asks, any other asking meanwhile waits for it. The measures
// answer the same question the same way, so the verdicts are those of
// asking each time.
func onceEach(m assess.Measures) assess.Measures {
	type key struct {
		kind     string
		side     frontline.Side
		from, to string
		lon, lat float64
	}
	type answer struct {
		done chan struct{}
		v    float64
		err  error
	}
	var mu sync.Mutex
	answers := map[key]*answer{}
	ask := func(k key, f func() (float64, error)) (float64, error) {
		mu.Lock()
		a, ok := answers[k]
		if !ok {
			a = &answer{done: make(chan struct{})}
			answers[k] = a
		}
		mu.Unlock()
		if ok {
			<-a.done
			return a.v, a.err
		}
		a.v, a.err = f()
		close(a.done)
		return a.v, a.err
	}
	day := func(d frontline.Day) string {
		return d.Start.Format(time.RFC3339Nano) + "/" + d.End.Format(time.RFC3339Nano)
	}
	if f := m.GainedKm2; f != nil {
		m.GainedKm2 = func(ctx context.Context, side frontline.Side, from, to frontline.Day) (float64, error) {
			return ask(key{kind: "gained", side: side, from: day(from), to: day(to)}, func() (float64, error) { return f(ctx, side, from, to) })
		}
	}
	if f := m.AdvanceKm; f != nil {
		m.AdvanceKm = func(ctx context.Context, side frontline.Side, from, to frontline.Day) (float64, error) {
			return ask(key{kind: "advance", side: side, from: day(from), to: day(to)}, func() (float64, error) { return f(ctx, side, from, to) })
		}
	}
	if f := m.FrontDistanceKm; f != nil {
		m.FrontDistanceKm = func(ctx context.Context, lon, lat float64, at frontline.Day) (float64, error) {
			return ask(key{kind: "front", lon: lon, lat: lat, to: day(at)}, func() (float64, error) { return f(ctx, lon, lat, at) })
		}
	}
	return m
}
