package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/assess"
	"github.com/frontline-osint/frontline/claims"
	"github.com/frontline-osint/frontline/extract"
	"github.com/frontline-osint/frontline/gazetteer"
)

// assessedResult is what `frontline assessed --json` prints without
// --compare: the assessed layer's timelines, and with --at each place's
// period on that day.
type assessedResult struct {
	Layer     string                       `json:"layer"` // "assessed"
	GradedBy  string                       `json:"graded_against"`
	Note      string                       `json:"note,omitempty"`
	At        string                       `json:"at,omitempty"`
	Timelines []frontline.AssessedTimeline `json:"timelines"`
	// Statuses on At, by place, when --at is given.
	Statuses []assessedStatus `json:"statuses,omitempty"`
}

type assessedStatus struct {
	PlaceID   string                    `json:"place_id"`
	PlaceName string                    `json:"place_name"`
	Period    *frontline.AssessedPeriod `json:"period"` // null: the claims say nothing of it by then
}

func (m *Main) runAssessed(ctx context.Context, args []string) error {
	var c commonFlags
	var place, at, compare, layer string
	fs := m.newFlagSet("assessed", "assessed [--place NAME|ID] [--at DATE] [--compare LAYER --at DATE] [--layer deepstate] [--json]", &c, true, false)
	fs.StringVar(&place, "place", "", "only this settlement (a name in any spelling, or a place ID)")
	fs.StringVar(&at, "at", "", "the status on this day (YYYY-MM-DD)")
	fs.StringVar(&compare, "compare", "", "list the settlements where the assessed layer and this layer disagree on --at (claims are then graded without any layer, so the comparison is independent)")
	fs.StringVar(&layer, "layer", "deepstate", "control layer claims are graded against (\"\": none)")
	fs.StringVar(&c.asKnown, "as-known", "", "use layers as Frontline knew them at this time (RFC 3339)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf("assessed takes no arguments (got %q); use --place", pos[0])
	}
	if compare != "" && at == "" {
		return usageErrorf("--compare needs --at (a day, YYYY-MM-DD)")
	}
	if at != "" {
		if _, ok := dayOK(at); !ok {
			return usageErrorf("--at: cannot read %q: want YYYY-MM-DD", at)
		}
	}
	asKnown, err := c.asKnownTime()
	if err != nil {
		return err
	}
	grading := layer
	if compare != "" {
		grading = ""
	}
	as, _, g, note, err := m.openAssessment(ctx, c, grading, asKnown)
	if err != nil {
		return err
	}
	if compare != "" {
		note = "claims graded without any layer, so that the comparison with " + compare + " is independent"
	}
	placeID := ""
	if place != "" {
		if placeID, err = m.placeID(ctx, c, place); err != nil {
			return err
		}
	}
	ts, err := as.Assessed(ctx, placeID)
	if err != nil {
		return err
	}
	if compare != "" {
		if _, err := m.service.FindLayer(ctx, compare); err != nil {
			return err
		}
		cmp, err := assess.Compare(ctx, ts, assess.NewTimelines(m.service, compare, asKnown, g), at)
		if err != nil {
			return err
		}
		if c.json {
			return m.printJSON(cmp)
		}
		return printComparison(m, cmp, note)
	}
	res := assessedResult{Layer: "assessed", Note: note, At: at, Timelines: ts}
	if as.Layer != nil {
		res.GradedBy = as.Layer.LayerName()
	}
	if at != "" {
		for i := range ts {
			res.Statuses = append(res.Statuses, assessedStatus{PlaceID: ts[i].PlaceID, PlaceName: ts[i].PlaceName, Period: assess.StatusAt(&ts[i], at)})
		}
	}
	if c.json {
		return m.printJSON(res)
	}
	w := m.Stdout
	if note != "" {
		fmt.Fprintf(w, "note: %s\n", note)
	}
	if len(ts) == 0 {
		fmt.Fprintln(w, "No stored claims about control. Add reports: frontline report add FILE|DIR")
		return nil
	}
	if at != "" {
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "PLACE\tSTATUS ON %s\tSINCE\tCONFIDENCE\tCLAIMS\n", at)
		for _, s := range res.Statuses {
			if s.Period == nil {
				fmt.Fprintf(tw, "%s\tunknown\t-\t-\t0\n", termSafe(s.PlaceName))
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t%d\n", termSafe(s.PlaceName), s.Period.Status, s.Period.From, s.Period.Confidence, len(s.Period.Claims))
		}
		return tw.Flush()
	}
	for _, t := range ts {
		fmt.Fprintf(w, "%s (%s)\n", termSafe(t.PlaceName), t.PlaceID)
		for _, p := range t.Periods {
			to := or(p.To, "…")
			fmt.Fprintf(w, "  %s – %s  %-9s confidence %.2f\n", p.From, to, p.Status, p.Confidence)
			for _, cl := range p.Claims {
				who := or(speakerShort(cl.Speaker), or(cl.Source, "unattributed"))
				fmt.Fprintf(w, "    [%d] %s: “%s”\n", cl.Credibility, termSafe(who), termSafe(clipRunes(oneLine(cl.Quote), 100)))
			}
		}
	}
	return nil
}

func speakerShort(s string) string {
	head, _, _ := strings.Cut(s, ",")
	return clipRunes(strings.TrimSpace(head), 40)
}

func dayOK(s string) (frontline.Day, bool) {
	d, err := frontline.ParseDay(s, nil)
	return d, err == nil && len(strings.TrimSpace(s)) == len("2006-01-02")
}

func printComparison(m *Main, cmp *assess.Comparison, note string) error {
	w := m.Stdout
	if note != "" {
		fmt.Fprintf(w, "note: %s\n", note)
	}
	fmt.Fprintf(w, "assessed vs %s on %s: %d settlement%s compared, %d agree, %d disagree", cmp.Layer, cmp.Date, cmp.Compared, pluralS(cmp.Compared), cmp.Agree, len(cmp.Disagree))
	if cmp.Unplaced > 0 {
		fmt.Fprintf(w, ", %d not on %s's map that day", cmp.Unplaced, cmp.Layer)
	}
	fmt.Fprintln(w)
	if len(cmp.Disagree) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "PLACE\tASSESSED\tSINCE\tCONFIDENCE\t%s\tDECIDED BY\n", strings.ToUpper(cmp.Layer))
	for _, d := range cmp.Disagree {
		var by []string
		for _, cl := range d.Claims {
			by = append(by, fmt.Sprintf("%s [%d]", or(speakerShort(cl.Speaker), or(cl.Source, "unattributed")), cl.Credibility))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t%s\t%s\n", termSafe(d.PlaceName), d.Assessed, d.Since, d.Confidence, d.LayerSays, termSafe(clipRunes(strings.Join(by, "; "), 80)))
	}
	return tw.Flush()
}

// assessmentFor is the server's assessment of the stored claims
// (/contradictions, /assessed, and credibility for /claims), checked
// against the DeepState layer, on gazetteer g: each request weighs every
// stored claim again; the layer's timelines are read once per place and
// read again when new maps arrive.
func (m *Main) assessmentFor(cl *claims.Service, g *gazetteer.Gazetteer) *assess.Service {
	return &assess.Service{Claims: cl, Reports: cl.Reports, Sources: cl.Sources, Places: g, Extractor: extract.New(g),
		Layer:   assess.NewTimelines(m.service, "deepstate", time.Time{}, g),
		Numbers: &assess.Checker{Measures: assess.FromLayers(m.service, "deepstate", time.Time{}, g)}}
}
