package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/assess"
	"github.com/frontline-osint/frontline/check"
	"github.com/frontline-osint/frontline/claims"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/extract"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/report"
)

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
	req := frontline.CheckRequest{Name: pos[0], Source: source, Layer: layer}
	if req.AsKnown, err = c.asKnownTime(); err != nil {
		return err
	}
	if published != "" {
		t, err := parseTimeIn(published, time.UTC)
		if err != nil {
			return usageErrorf("--published: %s", frontline.ErrorMessage(err))
		}
		req.Published = &t
	}
	if req.Data, err = report.NewService(nil, nil).ReadFile(pos[0]); err != nil {
		return frontline.Errorf(frontline.EINVALID, "%s: %s", pos[0], frontline.ErrorMessage(err))
	}
	chk, err := m.checkService(c)
	if err != nil {
		return err
	}
	res, err := chk.Check(ctx, req)
	if frontline.ErrorCode(err) == frontline.EINVALID {
		return frontline.Errorf(frontline.EINVALID, "%s: %s", pos[0], frontline.ErrorMessage(err))
	} else if err != nil {
		return err
	}
	if res.PublishedNote != "" {
		fmt.Fprintf(m.Stderr, "note: %s gives no publication time; dates such as \"on Saturday\" are read against now (%s): pass --published\n", pos[0], res.Published)
	}
	if c.json {
		return m.printJSON(res)
	}
	printCheck(m.Stdout, res)
	return nil
}

// checkService returns the check pipeline over the store when there is
// one: check never creates a database.
func (m *Main) checkService(c commonFlags) (*check.Service, error) {
	// The store is opened (its boundaries parsed, its schema checked)
	// while the gazetteer loads.
	type loaded struct {
		g   *gazetteer.Gazetteer
		err error
	}
	gaz := make(chan loaded, 1)
	go func() {
		g, err := m.loadGazetteer(c)
		gaz <- loaded{g, err}
	}()
	store := m.dbPath(c.db)
	var svc *control.Service
	var openErr error
	if fileExists(store) {
		svc, openErr = m.open(c)
	}
	l := <-gaz
	if l.err != nil {
		return nil, l.err
	}
	g := l.g
	chk := &check.Service{Places: g, Store: store, Now: m.Now}
	if svc == nil && openErr == nil {
		return chk, nil
	}
	if openErr != nil {
		return nil, openErr
	}
	svc.SetPlaces(g.Places)
	cl, err := m.openClaims(c)
	if err != nil {
		return nil, err
	}
	chk.Layers, chk.Claims, chk.Reports, chk.Sources = svc, cl, cl.Reports, cl.Sources
	return chk, nil
}

// checkFor is the check pipeline behind POST /api/v1/check, over the
// served store (after m.open), which it names in no note, on gazetteer g.
func (m *Main) checkFor(cl *claims.Service, g *gazetteer.Gazetteer) *check.Service {
	return &check.Service{Places: g, Layers: m.service, Claims: cl, Reports: cl.Reports, Sources: cl.Sources, Now: m.Now}
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

func printCheck(w io.Writer, r *frontline.CheckResult) {
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
