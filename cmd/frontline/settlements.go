package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/frontline-osint/frontline"
)

// runSettlements prints the status of every settlement on every day of a
// window, run-length: a period per status a settlement held.
func (m *Main) runSettlements(ctx context.Context, args []string) error {
	var c commonFlags
	var layer, from, to, oblast string
	var changed, asCSV bool
	fs := m.newFlagSet("settlements", "settlements --layer NAME [--from DATE] [--to DATE] [--oblast UA-NN] [--changed] [--json|--csv] [--as-known T]", &c, true, false)
	fs.StringVar(&layer, "layer", "", "layer")
	fs.StringVar(&from, "from", "", "first day, UTC (default: the layer's first)")
	fs.StringVar(&to, "to", "", "last day, UTC (default: the layer's last)")
	fs.StringVar(&oblast, "oblast", "", "only the settlements of this oblast (ISO 3166-2 code, e.g. UA-14)")
	fs.BoolVar(&changed, "changed", false, "only the settlements that held more than one status in the window")
	fs.BoolVar(&asCSV, "csv", false, "print CSV: one row per settlement and period")
	c.asKnownFlag(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf("settlements: unexpected argument %q", pos[0])
	}
	if layer == "" {
		return usageErrorf("settlements: --layer is required")
	}
	if asCSV && c.json {
		return usageErrorf("settlements: choose one of --json and --csv")
	}
	if oblast != "" {
		if oblast, err = frontline.ParseOblastISO(oblast); err != nil {
			return usageErrorf("settlements: --oblast: %s", frontline.ErrorMessage(err))
		}
	}
	fromDay, toDay, asKnown, err := c.window(from, to, false)
	if err != nil {
		return err
	}
	svc, err := m.open(c)
	if err != nil {
		return err
	}
	res, err := svc.Settlements(ctx, layer, fromDay, toDay, asKnown, frontline.SettlementFilter{OblastISO: oblast, Changed: changed})
	if err != nil {
		return err
	}
	switch {
	case c.json:
		return m.printJSON(res)
	case asCSV:
		cw := csv.NewWriter(m.Stdout)
		cw.Write([]string{"id", "name", "name_uk", "kind", "oblast_iso", "population", "lon", "lat", "point_source", "status", "from", "to"})
		for _, st := range res.Settlements {
			for _, p := range st.Periods {
				cw.Write([]string{st.ID, st.Name, st.NameUK, st.Kind, st.OblastISO, strconv.Itoa(st.Population),
					strconv.FormatFloat(st.Lon, 'f', 5, 64), strconv.FormatFloat(st.Lat, 'f', 5, 64), st.PointSource,
					string(p.Status), p.From, p.To})
			}
		}
		cw.Flush()
		return cw.Error()
	}
	w := m.Stdout
	where := ""
	if oblast != "" {
		where = " in " + oblast
	}
	fmt.Fprintf(w, "%s — settlements%s, %s to %s (%d days)%s: %d located, %d held more than one status\n",
		res.Layer, where, res.From, res.To, res.Days, asKnownText(res.AsKnown), res.Located, res.Changed)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SETTLEMENT\tOBLAST\tPERIODS")
	for _, st := range res.Settlements {
		var ps []string
		for _, p := range st.Periods {
			ps = append(ps, fmt.Sprintf("%s %s→%s", p.Status, p.From, p.To))
		}
		fmt.Fprintf(tw, "%s (%s)\t%s\t%s\n", st.Name, st.ID, st.OblastISO, strings.Join(ps, ", "))
	}
	return tw.Flush()
}
