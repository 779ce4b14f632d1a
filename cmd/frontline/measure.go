package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/assess"
	"github.com/frontline-osint/frontline/claims"
	"github.com/frontline-osint/frontline/control"
)

func (m *Main) runArea(ctx context.Context, args []string) error {
	var c commonFlags
	var layer, at string
	var byOblast, settlements bool
	fs := m.newFlagSet("area", "area --layer NAME --at DATE [--json] [--by-oblast] [--settlements] [--as-known T] [--tz TZ]", &c, true, true)
	fs.StringVar(&layer, "layer", "", "layer")
	fs.StringVar(&at, "at", "", "the day (YYYY-MM-DD): its map is the last one published by the end of the day")
	fs.BoolVar(&byOblast, "by-oblast", false, "also print the area per oblast")
	fs.BoolVar(&settlements, "settlements", false, "also count settlements and people per status (loads the gazetteer)")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	if layer == "" {
		return usageErrorf("area: --layer is required")
	}
	day, err := c.day("at", at, true)
	if err != nil {
		return err
	}
	asKnown, err := c.asKnownTime()
	if err != nil {
		return err
	}
	svc, err := m.open(c)
	if err != nil {
		return err
	}
	if !settlements {
		svc.SetPlacesLoader(nil)
	}
	res, err := svc.Area(ctx, layer, day, asKnown)
	if err != nil {
		return err
	}
	if c.json {
		return m.printJSON(res)
	}
	w := m.Stdout
	fmt.Fprintf(w, "%s — map of %s (snapshot of %s UTC)%s\n", res.Layer, res.At, res.Snapshot.ValidAt.Format("2006-01-02 15:04"), asKnownText(res.AsKnown))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	for _, st := range frontline.Statuses {
		fmt.Fprintf(tw, "  %s\t%s km²\t%.2f %%\t\n", st, km2(res.AreasKm2[st]), 100*res.Share[st])
	}
	fmt.Fprintf(tw, "  Ukraine's land\t%s km²\t100.00 %%\t\n", km2(res.UkraineTerritoryKm2))
	tw.Flush()
	if len(res.Settlements) > 0 {
		var parts []string
		for _, st := range frontline.Statuses {
			c := res.Settlements[st]
			parts = append(parts, fmt.Sprintf("%s %d (%d people)", st, c.Settlements, c.Population))
		}
		fmt.Fprintf(w, "Settlements with a known point, by status: %s\n", strings.Join(parts, ", "))
		fmt.Fprintln(w, "  (people: GeoNames populations, known for cities and larger villages only)")
	}
	if byOblast {
		fmt.Fprintln(w, "\nBy oblast (km²):")
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "  OBLAST\tRUSSIA\tUKRAINE\tCONTESTED\tUNKNOWN\t")
		for _, ob := range res.ByOblast {
			a := ob.AreasKm2
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t\n", ob.Oblast, km2(a[frontline.StatusRussia]), km2(a[frontline.StatusUkraine]), km2(a[frontline.StatusContested]), km2(a[frontline.StatusUnknown]))
		}
		tw.Flush()
	}
	return nil
}

func asKnownText(t *time.Time) string {
	if t == nil {
		return ""
	}
	return ", as known at " + t.Format(time.RFC3339)
}

func (m *Main) runChange(ctx context.Context, args []string) error {
	var c commonFlags
	var layer, from, to, geojsonPath string
	var noExplain bool
	fs := m.newFlagSet("change", "change --layer NAME --from DATE --to DATE [--json] [--geojson FILE] [--no-explain] [--as-known T] [--tz TZ]", &c, true, true)
	fs.StringVar(&layer, "layer", "", "layer")
	fs.StringVar(&from, "from", "", "first day (YYYY-MM-DD)")
	fs.StringVar(&to, "to", "", "second day (YYYY-MM-DD)")
	fs.StringVar(&geojsonPath, "geojson", "", "write the changed polygons to this GeoJSON file")
	fs.BoolVar(&noExplain, "no-explain", false, "do not list the claims and observations that explain each settlement's change")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	if layer == "" {
		return usageErrorf("change: --layer is required")
	}
	fromDay, toDay, asKnown, err := c.window(from, to, true)
	if err != nil {
		return err
	}
	var svc *control.Service
	var as *assess.Service
	var cl *claims.Service
	if noExplain {
		if svc, err = m.open(c); err != nil {
			return err
		}
	} else {
		// The stored claims, graded against this layer as known then.
		if as, cl, _, _, err = m.openAssessment(ctx, c, layer, asKnown); err != nil {
			return err
		}
		svc = m.service
	}
	res, err := svc.Change(ctx, layer, fromDay, toDay, asKnown)
	if err != nil {
		return err
	}
	if cl != nil {
		if err := cl.ExplainChange(ctx, res, as); err != nil {
			return err
		}
	}
	if geojsonPath != "" {
		buf, err := svc.ChangeGeoJSON(ctx, layer, fromDay, toDay, asKnown)
		if err != nil {
			return err
		}
		if err := writeFileAtomic(geojsonPath, buf); err != nil {
			return err
		}
	}
	if c.json {
		return m.printJSON(res)
	}
	w := m.Stdout
	fmt.Fprintf(w, "%s — change from %s (map of %s UTC) to %s (map of %s UTC)\n", res.Layer, res.From,
		res.FromSnapshot.ValidAt.Format("2006-01-02 15:04"), res.To, res.ToSnapshot.ValidAt.Format("2006-01-02 15:04"))
	if len(res.Transitions) == 0 {
		fmt.Fprintln(w, "  No ground changed status.")
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	for _, t := range res.Transitions {
		fmt.Fprintf(tw, "  %s → %s\t%s km²\t\n", t.From, t.To, km2Small(t.AreaKm2))
	}
	tw.Flush()
	// The figure the map and the API's net_km2 give, under the same name.
	fmt.Fprintf(w, "%s (later day minus earlier day): %s\n", frontline.NetChangeName, netText(res.NetKm2))
	if len(res.ByOblast) > 0 {
		fmt.Fprintln(w, "By oblast:")
		for _, ob := range res.ByOblast {
			var parts []string
			for _, t := range ob.Transitions {
				if t.AreaKm2 < 0.05 {
					continue // slivers; --json has every figure
				}
				parts = append(parts, fmt.Sprintf("%s→%s %s", t.From, t.To, km2(t.AreaKm2)))
			}
			if len(parts) == 0 {
				continue
			}
			fmt.Fprintf(w, "  %-22s %s km²\n", ob.Oblast, strings.Join(parts, ", "))
		}
	}
	if n := len(res.Settlements); n > 0 {
		fmt.Fprintf(w, "Settlements that changed hands: %d", n)
		if n > 15 {
			fmt.Fprintf(w, " (the 15 largest; --json lists all)")
		}
		fmt.Fprintln(w)
		for i, s := range res.Settlements {
			if i == 15 {
				break
			}
			fmt.Fprintf(w, "  %-22s %-22s %9s  %s → %s\n", s.Name, strings.TrimSuffix(s.Oblast, " Oblast"), population(s.Population), s.From, s.To)
			if res.Explained != nil {
				printExplanations(w, s)
			}
		}
		if x := res.Explained; x != nil {
			fmt.Fprintf(w, "Explained by claims and observations of %s … %s (the change's days ± %d day, observations within %g km): %d of %d settlements; nothing explains %d.\n",
				x.From, x.To, x.MarginDays, x.EvidenceKm, x.Explained, n, x.Unexplained)
		}
	}
	if geojsonPath != "" {
		fmt.Fprintf(w, "Changed polygons written to %s\n", geojsonPath)
	}
	return nil
}

// explanationsShown is how many explanations of a settlement's change the
// text lists (--json lists all).
const explanationsShown = 3

// printExplanations lists what explains one settlement's change, best
// first, or says that nothing does.
func printExplanations(w io.Writer, s frontline.SettlementChange) {
	if s.Unexplained || len(s.ExplainedBy) == 0 {
		fmt.Fprintln(w, "      nothing explains it: no claim or observation in the window")
		return
	}
	for i, e := range s.ExplainedBy {
		if i == explanationsShown {
			fmt.Fprintf(w, "      … and %d more (--json lists all)\n", len(s.ExplainedBy)-i)
			break
		}
		source := or(e.Source, "unknown source")
		if e.SourceReliability != "" {
			source += " [" + string(e.SourceReliability) + "]"
		}
		what := e.Kind
		if e.Kind == frontline.ExplanationClaim {
			what = e.Assertion
			if e.Side != "" {
				what += " (" + string(e.Side) + ")"
			}
		} else if e.DistanceKm > 0 {
			what += fmt.Sprintf(" %.1f km away", e.DistanceKm)
		}
		cred := "ungraded"
		if e.Credibility > 0 {
			cred = fmt.Sprintf("credibility %d", e.Credibility)
		}
		fmt.Fprintf(w, "      %s %s, %s, %s, %s: «%s» (report %d)\n", e.Fits, termSafe(or(e.RefersTo, "-")), what, termSafe(source), cred,
			termSafe(clipRunes(oneLine(e.Quote), 110)), e.ReportID)
	}
}

func netText(net map[frontline.Status]float64) string {
	var parts []string
	for _, st := range frontline.Statuses {
		parts = append(parts, fmt.Sprintf("%s %s km²", st, signedKm2(net[st])))
	}
	return strings.Join(parts, ", ")
}

func (m *Main) runSeries(ctx context.Context, args []string) error {
	var c commonFlags
	var layer, from, to string
	var asCSV bool
	fs := m.newFlagSet("series", "series --layer NAME [--from DATE] [--to DATE] [--json|--csv] [--as-known T] [--tz TZ]", &c, true, true)
	fs.StringVar(&layer, "layer", "", "layer")
	fs.StringVar(&from, "from", "", "first day (default: the layer's first)")
	fs.StringVar(&to, "to", "", "last day (default: the layer's last)")
	fs.BoolVar(&asCSV, "csv", false, "print CSV")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	if layer == "" {
		return usageErrorf("series: --layer is required")
	}
	if asCSV && c.json {
		return usageErrorf("series: choose one of --json and --csv")
	}
	fromDay, toDay, asKnown, err := c.window(from, to, false)
	if err != nil {
		return err
	}
	svc, err := m.open(c)
	if err != nil {
		return err
	}
	res, err := svc.Series(ctx, layer, fromDay, toDay, asKnown)
	if err != nil {
		return err
	}
	switch {
	case c.json:
		return m.printJSON(res)
	case asCSV:
		cw := csv.NewWriter(m.Stdout)
		head := []string{"date", "snapshot_id", "valid_at", "carried"}
		for _, st := range frontline.Statuses {
			head = append(head, string(st)+"_km2")
		}
		for _, st := range frontline.Statuses {
			head = append(head, string(st)+"_change_km2")
		}
		cw.Write(head)
		for _, d := range res.Days {
			row := []string{d.Date, strconv.FormatInt(d.SnapshotID, 10), d.ValidAt.Format("2006-01-02T15:04:05Z"), strconv.FormatBool(d.Carried)}
			for _, st := range frontline.Statuses {
				row = append(row, strconv.FormatFloat(d.AreasKm2[st], 'f', 3, 64))
			}
			for _, st := range frontline.Statuses {
				row = append(row, strconv.FormatFloat(d.ChangeKm2[st], 'f', 3, 64))
			}
			cw.Write(row)
		}
		cw.Flush()
		return cw.Error()
	}
	w := m.Stdout
	fmt.Fprintf(w, "%s — km² per status, %s to %s (* = no map that day; the previous one holds)\n", res.Layer, res.From, res.To)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "DATE\tRUSSIA\tΔ\tUKRAINE\tΔ\tCONTESTED\tΔ\tUNKNOWN\tΔ\t")
	for _, d := range res.Days {
		mark := ""
		if d.Carried {
			mark = "*"
		}
		fmt.Fprintf(tw, "%s%s\t", d.Date, mark)
		for _, st := range frontline.Statuses {
			fmt.Fprintf(tw, "%s\t%s\t", km2(d.AreasKm2[st]), signedKm2(d.ChangeKm2[st]))
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// km2 formats an area with thousands separators and one decimal.
func km2(v float64) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', 1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && s != "0.0" {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String() + "." + frac
}

// km2Small shows areas under 0.05 km² in m² rather than as 0.0 km².
func km2Small(v float64) string {
	if v < 0.05 {
		return fmt.Sprintf("%.4f", v)
	}
	return km2(v)
}

func signedKm2(v float64) string {
	if v > 0.05 {
		return "+" + km2(v)
	}
	if v > -0.05 {
		return "0.0"
	}
	return "−" + km2(-v)
}

// writeFileAtomic writes a file through a temporary file and a rename, so a
// failure never leaves half a file.
func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return frontline.Errorf(frontline.EINVALID, "cannot write %s: %v", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return frontline.Errorf(frontline.EINVALID, "cannot write %s: %v", path, err)
	}
	return nil
}
