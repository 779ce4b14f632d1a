package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/frontline-osint/frontline"
)

// contradictionsResult is what `frontline contradictions --json` prints.
type contradictionsResult struct {
	Layer          string                    `json:"layer"`
	LayerNote      string                    `json:"layer_note,omitempty"`
	PlaceID        string                    `json:"place_id,omitempty"`
	Claims         int                       `json:"claims"` // stored claims weighed
	Contradictions []frontline.Contradiction `json:"contradictions"`
}

func (m *Main) runContradictions(ctx context.Context, args []string) error {
	var c commonFlags
	var place, layer, since, until string
	fs := m.newFlagSet("contradictions", "contradictions [--place NAME|ID] [--since T] [--until T] [--layer deepstate] [--as-known T] [--json]", &c, true, false)
	fs.StringVar(&place, "place", "", "only contradictions about this place (a name in any spelling, or a place ID)")
	fs.StringVar(&layer, "layer", "deepstate", "control layer that claims are checked against and that resolves contradictions (\"\": none)")
	fs.StringVar(&since, "since", "", "only claims of reports published (else recorded) at or after this time (RFC 3339 or YYYY-MM-DD)")
	fs.StringVar(&until, "until", "", "only claims of reports published (else recorded) at or before this time")
	fs.StringVar(&c.asKnown, "as-known", "", "use the layer as Frontline knew it at this time (RFC 3339)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf("contradictions takes no arguments (got %q); use --place", pos[0])
	}
	asKnown, err := c.asKnownTime()
	if err != nil {
		return err
	}
	var f frontline.ContradictionFilter
	if f.Since, err = optInstant("since", since); err != nil {
		return err
	}
	if f.Until, err = optInstant("until", until); err != nil {
		return err
	}
	as, _, _, note, err := m.openAssessment(ctx, c, layer, asKnown)
	if err != nil {
		return err
	}
	if place != "" {
		if f.PlaceID, err = m.placeID(ctx, c, place); err != nil {
			return err
		}
	}
	all, err := as.Assess(ctx, f.Since, f.Until)
	if err != nil {
		return err
	}
	res := contradictionsResult{LayerNote: note, PlaceID: f.PlaceID, Claims: len(all.Claims), Contradictions: []frontline.Contradiction{}}
	if as.Layer != nil {
		res.Layer = as.Layer.LayerName()
	}
	for _, con := range all.Contradictions {
		if f.PlaceID == "" || con.PlaceID == f.PlaceID {
			res.Contradictions = append(res.Contradictions, con)
		}
	}
	if c.json {
		return m.printJSON(res)
	}
	w := m.Stdout
	if note != "" {
		fmt.Fprintf(w, "note: %s\n", note)
	}
	if len(res.Contradictions) == 0 {
		fmt.Fprintf(w, "No contradictions among %d stored claim%s.\n", res.Claims, pluralS(res.Claims))
		return nil
	}
	fmt.Fprintf(w, "%d contradiction%s among %d stored claim%s", len(res.Contradictions), pluralS(len(res.Contradictions)), res.Claims, pluralS(res.Claims))
	if res.Layer != "" {
		fmt.Fprintf(w, " (checked against %s)", res.Layer)
	}
	fmt.Fprintln(w, ":")
	for _, con := range res.Contradictions {
		verdict := "unresolved"
		if con.Resolution.Resolved {
			verdict = fmt.Sprintf("resolved for %s by %s", or(string(con.Resolution.Favours), string(con.Resolution.Status)), con.Resolution.By)
		}
		fmt.Fprintf(w, "\n%s, %s — %s — %s\n", termSafe(con.PlaceName), con.Date, strings.ReplaceAll(con.Kind, "_", " vs "), verdict)
		fmt.Fprintf(w, "  a: %s\n", termSafe(sideText(con.A)))
		fmt.Fprintf(w, "  b: %s\n", termSafe(sideText(con.B)))
		fmt.Fprintf(w, "  %s\n", termSafe(con.Resolution.Reason))
	}
	return nil
}
