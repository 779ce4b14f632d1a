package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/assess"
	"github.com/frontline-osint/frontline/claims"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/extract"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/report"
)

// checkResult is what `frontline check --json` prints: the contract of
// issue 6 (places, claims, numbers, contradictions), plus what the check
// was made against.
type checkResult struct {
	Places         []checkMention            `json:"places"`
	Claims         []checkClaim              `json:"claims"`
	Numbers        []frontline.NumberClaim   `json:"numbers"`
	Contradictions []frontline.Contradiction `json:"contradictions"`

	File string `json:"file"`
	// Text is the document's text as read (for HTML the page's main text;
	// a byte-order mark dropped, line ends made \n): the offsets index it.
	Text      string `json:"text"`
	Published string `json:"published"`
	Source    string `json:"source"`
	// Layer is the layer claims and numbers were checked against, "" when
	// none was loaded (LayerNote says why).
	Layer     string `json:"layer"`
	LayerNote string `json:"layer_note,omitempty"`
	// StoredClaims counts the stored claims the document was weighed
	// against.
	StoredClaims int `json:"stored_claims"`
}

// checkMention is a mention whose place always carries lon and lat (null
// for a place without a point, such as an oblast).
type checkMention struct {
	frontline.Mention
	Place checkPlace `json:"place"`
}

type checkPlace struct {
	frontline.MentionPlace
	Lon *float64 `json:"lon"`
	Lat *float64 `json:"lat"`
}

// checkClaim is a graded claim with the source its speaker was matched
// to.
type checkClaim struct {
	frontline.Claim
	SpeakerSource      string                `json:"speaker_source,omitempty"`
	SpeakerReliability frontline.Reliability `json:"speaker_reliability,omitempty"`
}

// checkWindowDays is how far around the document's dates stored claims are
// read to weigh it against.
const checkWindowDays = 7

func (m *Main) runCheck(ctx context.Context, args []string) error {
	var c commonFlags
	var published, source, layer string
	fs := m.newFlagSet("check", "check FILE [--published T] [--source NAME] [--layer deepstate] [--as-known T] [--json]", &c, true, false)
	fs.StringVar(&published, "published", "", "publication time of the document (RFC 3339 or YYYY-MM-DD, UTC); default: what the file says, else a date the file name starts with (2022-09-08-….txt, noon UTC), else now")
	fs.StringVar(&source, "source", "", "publisher of the document (a known source's name or alias); default: what the file says")
	fs.StringVar(&layer, "layer", "deepstate", "control layer to check claims and numbers against (\"\": none)")
	fs.StringVar(&c.asKnown, "as-known", "", "check against the layer as Frontline knew it at this time (RFC 3339)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErrorf("check: name one file")
	}
	asKnown, err := c.asKnownTime()
	if err != nil {
		return err
	}
	var pub *time.Time
	if published != "" {
		t, err := parseTimeIn(published, time.UTC)
		if err != nil {
			return usageErrorf("--published: %s", frontline.ErrorMessage(err))
		}
		pub = &t
	}

	// Read the document as ingestion would, without storing it.
	data, err := report.NewService(nil, nil).ReadFile(pos[0])
	if err != nil {
		return frontline.Errorf(frontline.EINVALID, "%s: %s", pos[0], frontline.ErrorMessage(err))
	}
	parsed, err := report.Parse(filepath.Base(pos[0]), data)
	if err != nil {
		return frontline.Errorf(frontline.EINVALID, "%s: %s", pos[0], frontline.ErrorMessage(err))
	}
	if len(parsed.Reports) != 1 {
		return frontline.Errorf(frontline.EINVALID, "%s holds %d reports (a %s file); check reads one document — store them with frontline report add and use frontline contradictions", pos[0], len(parsed.Reports), parsed.Kind)
	}
	doc := parsed.Reports[0]
	if pub == nil {
		pub = doc.PublishedAt
	}
	if pub == nil {
		// As report add does: a name that starts with a date
		// (2022-09-08-cnn-….txt) gives the day.
		if t, ok := report.DateFromName(pos[0]); ok {
			pub = &t
		}
	}
	if pub == nil {
		now := m.Now().UTC()
		pub = &now
		fmt.Fprintf(m.Stderr, "note: %s gives no publication time; dates such as \"on Saturday\" are read against now (%s): pass --published\n", pos[0], now.Format(time.RFC3339))
	}
	if source == "" {
		source = doc.Source
	}

	g, err := m.loadGazetteer(c)
	if err != nil {
		return err
	}
	x, err := extract.New(g).Extract(doc.Text, *pub)
	if err != nil {
		return err
	}
	srcs, err := report.DefaultSources()
	if err != nil {
		return err
	}
	res := &checkResult{File: pos[0], Text: doc.Text, Published: pub.UTC().Format(time.RFC3339), Source: source}

	// The store, when there is one: the layer, stored claims, evidence
	// and the registry as edited. check never creates a database.
	var svc *control.Service
	var stored []frontline.ClaimView
	var evidence []assess.Evidence
	if path := m.dbPath(c.db); fileExists(path) {
		if svc, err = m.open(c); err != nil {
			return err
		}
		svc.SetPlaces(g.Places)
		cl, err := m.openClaims(c)
		if err != nil {
			return err
		}
		if s, err := cl.Sources.FindSources(ctx); err != nil {
			return err
		} else if len(s) > 0 {
			srcs = s
		}
		if stored, err = m.storedAround(ctx, cl, x, *pub, report.Hash(doc.Raw)); err != nil {
			return err
		}
		as := &assess.Service{Reports: cl.Reports, Extractor: extract.New(g)}
		if evidence, err = as.Evidence(ctx); err != nil {
			return err
		}
	}
	reg := assess.NewRegistry(srcs)
	if src := reg.Match(source); src != nil {
		res.Source = src.Name
	}

	var lookup assess.LayerLookup
	checker := &assess.Checker{Measures: assess.Measures{Place: g.FindPlace}}
	switch {
	case layer == "":
		res.LayerNote = "no layer asked for (--layer \"\")"
	case svc == nil:
		res.LayerNote = fmt.Sprintf("no database at %s: layer %s is not loaded (frontline layer import, or frontline serve, which loads the bundled DeepState demo)", m.dbPath(c.db), layer)
	default:
		if _, err := svc.FindLayer(ctx, layer); frontline.ErrorCode(err) == frontline.ENOTFOUND {
			res.LayerNote = fmt.Sprintf("layer %s is not loaded in %s (frontline layer import --layer %s …, or frontline serve, which loads the bundled DeepState demo)", layer, m.dbPath(c.db), layer)
		} else if err != nil {
			return err
		} else {
			res.Layer = layer
			lookup = assess.NewTimelines(svc, layer, asKnown, g)
			checker.Measures = assess.FromLayers(svc, layer, asKnown, g)
		}
	}
	if err := checker.CheckNumbers(ctx, x.Numbers); err != nil {
		return err
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
		return err
	}
	res.Claims = make([]checkClaim, len(x.Claims))
	for i := range x.Claims {
		v := views[i]
		if v.Reasons == nil {
			v.Reasons = []string{}
		}
		res.Claims[i] = checkClaim{Claim: v.Claim, SpeakerSource: v.SpeakerSource, SpeakerReliability: v.SpeakerReliability}
	}
	// Contradictions the document takes part in (ReportID 0 is the
	// document).
	res.Contradictions = []frontline.Contradiction{}
	for _, con := range cons {
		if isDoc(con.A) || isDoc(con.B) {
			res.Contradictions = append(res.Contradictions, con)
		}
	}
	res.Places = make([]checkMention, len(x.Places))
	for i, p := range x.Places {
		cm := checkMention{Mention: p, Place: checkPlace{MentionPlace: p.Place}}
		if p.Place.HasPoint() {
			lon, lat := p.Place.Lon, p.Place.Lat
			cm.Place.Lon, cm.Place.Lat = &lon, &lat
		}
		res.Places[i] = cm
	}
	res.Numbers = x.Numbers
	if res.Numbers == nil {
		res.Numbers = []frontline.NumberClaim{}
	}
	if c.json {
		return m.printJSON(res)
	}
	printCheck(m.Stdout, res)
	return nil
}

func isDoc(s frontline.ContradictionSide) bool { return s.Kind == "claim" && s.ReportID == 0 }

// storedAround returns the stored claims about the document's places,
// from reports published within checkWindowDays of its dates, except the
// document itself if it is stored.
func (m *Main) storedAround(ctx context.Context, cl *claims.Service, x *frontline.Extraction, pub time.Time, hash string) ([]frontline.ClaimView, error) {
	if len(x.Claims) == 0 {
		return nil, nil
	}
	lo, hi := pub, pub
	for _, c := range x.Claims {
		for _, s := range strings.Split(c.RefersTo, "/") {
			if t, err := time.Parse("2006-01-02", s); err == nil {
				if t.Before(lo) {
					lo = t
				}
				if t.After(hi) {
					hi = t
				}
			}
		}
	}
	lo, hi = lo.AddDate(0, 0, -checkWindowDays), hi.AddDate(0, 0, checkWindowDays+1)
	self := map[int64]bool{}
	rs, err := cl.Reports.FindReports(ctx, frontline.ReportFilter{Since: lo, Until: hi})
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
		vs, err := cl.Claims(ctx, frontline.ClaimFilter{PlaceID: c.PlaceID, Since: lo, Until: hi})
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

// credWords names the credibility grades.
var credWords = map[int]string{1: "confirmed", 2: "probable", 3: "possible", 4: "doubtful", 5: "improbable", 6: "cannot be judged"}

// assertionText says what a claim asserts, in words.
func assertionText(assertion string, side frontline.Side, place string) string {
	who := sideName(side)
	switch assertion {
	case frontline.AssertCaptured:
		return fmt.Sprintf("%s captured by %s", place, who)
	case frontline.AssertLiberated:
		return fmt.Sprintf("%s liberated by %s", place, who)
	case frontline.AssertUnderControl:
		return fmt.Sprintf("%s under %s control", place, adjective(side))
	case frontline.AssertWithdrawn:
		switch side {
		case frontline.SideUkraine:
			return fmt.Sprintf("Russia withdrawing from %s", place)
		case frontline.SideRussia:
			return fmt.Sprintf("Ukraine withdrawing from %s", place)
		}
		return fmt.Sprintf("withdrawal from %s", place)
	case frontline.AssertAdvancedTowards:
		return fmt.Sprintf("%s advancing towards %s", who, place)
	case frontline.AssertAtOutskirts:
		return fmt.Sprintf("%s at the outskirts of %s", who, place)
	case frontline.AssertContested:
		return fmt.Sprintf("fighting in %s", place)
	case frontline.AssertAttacked:
		return fmt.Sprintf("%s attacked", place)
	}
	return fmt.Sprintf("%s: %s", place, assertion)
}

func adjective(s frontline.Side) string {
	switch s {
	case frontline.SideUkraine:
		return "Ukrainian"
	case frontline.SideRussia:
		return "Russian"
	}
	return sideName(s) + "'s"
}

func sideName(s frontline.Side) string {
	switch s {
	case frontline.SideUkraine:
		return "Ukraine"
	case frontline.SideRussia:
		return "Russia"
	case "":
		return "an unnamed side"
	}
	return string(s)
}

func printCheck(w io.Writer, r *checkResult) {
	src := or(r.Source, "publisher unknown")
	fmt.Fprintf(w, "%s — published %s, %s\n", termSafe(r.File), r.Published[:10], termSafe(src))
	if r.Layer != "" {
		fmt.Fprintf(w, "Checked against layer %s", r.Layer)
	} else {
		fmt.Fprintf(w, "No layer: %s", r.LayerNote)
	}
	fmt.Fprintf(w, "; weighed against %d stored claim%s.\n", r.StoredClaims, pluralS(r.StoredClaims))

	fmt.Fprintf(w, "\nPlaces (%d mentions):\n", len(r.Places))
	seen := map[string]bool{}
	var names []string
	for _, p := range r.Places {
		if seen[p.Place.ID] {
			continue
		}
		seen[p.Place.ID] = true
		n := p.Place.Name
		if p.Mention.Mention != p.Place.Name {
			n += " (“" + p.Mention.Mention + "”)"
		}
		if p.Place.Oblast != "" && p.Kind != frontline.MentionOblast {
			n += ", " + p.Place.Oblast
		}
		names = append(names, n)
	}
	fmt.Fprintf(w, "  %s\n", termSafe(strings.Join(names, "; ")))

	fmt.Fprintf(w, "\nClaims (%d):\n", len(r.Claims))
	for _, c := range r.Claims {
		place := or(c.PlaceName, or(c.Mention, c.PlaceID))
		fmt.Fprintf(w, "  [%d %s] %s, %s", c.Credibility, credWords[c.Credibility], termSafe(assertionText(c.Assertion, c.Side, place)), c.RefersTo)
		if c.Speaker != "" {
			fmt.Fprintf(w, " — %s", termSafe(clipRunes(oneLine(c.Speaker), 60)))
			if c.SpeakerSource != "" {
				fmt.Fprintf(w, " (%s, %s)", termSafe(c.SpeakerSource), c.SpeakerReliability)
			}
		}
		fmt.Fprintln(w)
		fmt.Fprintf(w, "      “%s”\n", termSafe(clipRunes(oneLine(c.Quote), 160)))
		for _, reason := range c.Reasons {
			fmt.Fprintf(w, "      - %s\n", termSafe(reason))
		}
	}

	fmt.Fprintf(w, "\nNumbers (%d):\n", len(r.Numbers))
	for _, n := range r.Numbers {
		m := ""
		if n.Measured != nil {
			m = fmt.Sprintf(" (measured %s %s)", trimFloat(*n.Measured), n.Unit)
		}
		fmt.Fprintf(w, "  %-12s “%s”%s\n", strings.ToUpper(n.Verdict), termSafe(n.Quote), m)
		if n.Reason != "" {
			fmt.Fprintf(w, "      %s\n", termSafe(n.Reason))
		}
	}

	fmt.Fprintf(w, "\nContradictions (%d):\n", len(r.Contradictions))
	for _, c := range r.Contradictions {
		verdict := "unresolved"
		if c.Resolution.Resolved {
			verdict = fmt.Sprintf("resolved for %s by %s", or(string(c.Resolution.Favours), string(c.Resolution.Status)), c.Resolution.By)
		}
		fmt.Fprintf(w, "  %s, %s — %s — %s\n", termSafe(c.PlaceName), c.Date, strings.ReplaceAll(c.Kind, "_", " vs "), verdict)
		for _, s := range []struct {
			label string
			side  frontline.ContradictionSide
		}{{"a", c.A}, {"b", c.B}} {
			fmt.Fprintf(w, "    %s: %s\n", s.label, termSafe(sideText(s.side)))
		}
		fmt.Fprintf(w, "    %s\n", termSafe(c.Resolution.Reason))
	}
}

// sideText describes one side of a contradiction on one line.
func sideText(s frontline.ContradictionSide) string {
	switch s.Kind {
	case "layer":
		return s.Quote
	case "evidence":
		return fmt.Sprintf("%s (%s, %s, report %d) shows %s: “%s”", or(s.Evidence, "observation"), or(s.Source, "unknown source"), s.RefersTo, s.ReportID, s.Implies, clipRunes(oneLine(s.Quote), 120))
	}
	who := "the report itself"
	if s.Speaker != "" {
		who = clipRunes(oneLine(s.Speaker), 50)
	}
	if s.Source != "" {
		who += " (" + s.Source + ")"
	}
	where := "this document"
	if s.ReportID != 0 {
		where = fmt.Sprintf("report %d", s.ReportID)
	}
	ev := ""
	if s.Evidence != "" {
		ev = ", citing " + s.Evidence
	}
	return fmt.Sprintf("%s, %s, credibility %d%s: %s — “%s”", who, where, s.Credibility, ev, s.Implies, clipRunes(oneLine(s.Quote), 120))
}

func trimFloat(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

// openAssessment opens the store and the assessment service over the
// stored claims, with layer (if loaded; "" for none) as known at asKnown.
// note says why no layer is used, when none is.
func (m *Main) openAssessment(ctx context.Context, c commonFlags, layer string, asKnown time.Time) (as *assess.Service, cl *claims.Service, g *gazetteer.Gazetteer, note string, err error) {
	svc, err := m.open(c)
	if err != nil {
		return nil, nil, nil, "", err
	}
	if g, err = m.loadGazetteer(c); err != nil {
		return nil, nil, nil, "", err
	}
	svc.SetPlaces(g.Places)
	if cl, err = m.openClaims(c); err != nil {
		return nil, nil, nil, "", err
	}
	if err := report.NewService(cl.Reports, cl.Sources).SeedSources(ctx); err != nil {
		return nil, nil, nil, "", err
	}
	if _, err := m.extractPending(ctx, cl); err != nil {
		return nil, nil, nil, "", err
	}
	as = &assess.Service{Claims: cl, Reports: cl.Reports, Sources: cl.Sources, Places: g, Extractor: extract.New(g)}
	switch _, err := svc.FindLayer(ctx, layer); {
	case layer == "":
		note = "no layer asked for"
	case frontline.ErrorCode(err) == frontline.ENOTFOUND:
		note = fmt.Sprintf("layer %s is not loaded: claims are not checked against maps", layer)
	case err != nil:
		return nil, nil, nil, "", err
	default:
		as.Layer = assess.NewTimelines(svc, layer, asKnown, g)
	}
	return as, cl, g, note, nil
}
