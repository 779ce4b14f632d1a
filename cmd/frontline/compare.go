package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
)

// isListFile reports whether path is a list file (the perelik CSV), read by
// its header.
func isListFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	return control.IsPerelik(head[:n])
}

// runListImport imports a perelik CSV as a list layer.
func (m *Main) runListImport(ctx context.Context, c commonFlags, layer, path, title, source, licence string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return frontline.Errorf(frontline.EINVALID, "%s: %v", path, err)
	}
	svc, err := m.open(c)
	if err != nil {
		return err
	}
	res, err := svc.ImportList(ctx, control.ListImportRequest{Layer: layer, SourceName: path, Data: data, Title: title, Source: source, Licence: licence})
	if err != nil {
		return err
	}
	if c.json {
		return m.printJSON(res)
	}
	w := m.Stdout
	outcome := "added as a new version"
	if !res.Added {
		outcome = "unchanged (this file is the current version)"
	}
	fmt.Fprintf(w, "Imported list %s into layer %s: %s.\n", path, layer, outcome)
	fmt.Fprintf(w, "  %d entries (periods): %d oblasts, %d raions, %d hromadas, %d settlements named.\n",
		res.Entries, res.Oblasts, res.Raions, res.Hromadas, res.Settlements)
	var secs []string
	for s := range res.BySection {
		secs = append(secs, s)
	}
	sort.Strings(secs)
	for _, s := range secs {
		fmt.Fprintf(w, "  section %-2s %-40s %5d\n", s, sectionNames[s], res.BySection[s])
	}
	for _, warn := range res.Warnings {
		fmt.Fprintf(w, "WARNING: %s\n", warn)
	}
	return nil
}

var sectionNames = map[string]string{
	"1":  "possible hostilities (ukraine)",
	"2":  "active hostilities (contested)",
	"3":  "active hostilities, e-resources (contested)",
	"II": "temporarily occupied (russia)",
}

func (m *Main) runLayerCompare(ctx context.Context, args []string) error {
	var c commonFlags
	var at string
	fs := m.newFlagSet("layer compare", "layer compare POLYGON-LAYER LIST-LAYER|POLYGON-LAYER --at DATE [--json] [--as-known T]\n  against a list layer (perelik): hromadas where the two disagree;\n  against another polygon layer: km² where their maps of the day disagree, per oblast, and the settlements", &c, true, true)
	fs.StringVar(&at, "at", "", "the day to compare (YYYY-MM-DD)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageErrorf("layer compare: name a polygon layer and a list or polygon layer, e.g. layer compare deepstate perelik --at 2022-09-13")
	}
	d, err := c.day("at", at, true)
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
	if l, err := svc.FindLayer(ctx, pos[1]); err == nil && l.Snapshots > 0 {
		return m.printDisagreement(ctx, svc, pos[0], pos[1], d, asKnown, c.json)
	}
	res, err := svc.CompareList(ctx, pos[0], pos[1], d, asKnown)
	if err != nil {
		return err
	}
	if c.json {
		return m.printJSON(res)
	}
	w := m.Stdout
	fmt.Fprintf(w, "%s (map %s, snapshot %d) against list %s on %s, by hromada:\n", res.PolygonLayer,
		res.Snapshot.ValidAt.Format("2006-01-02 15:04"), res.Snapshot.ID, res.ListLayer, res.At)
	fmt.Fprintf(w, "  %d hromadas compared: %d agree (%d occupied by both), %d occupied by the list only, %d by the polygons only.\n",
		res.Hromadas, res.Agree, res.BothOccupied, res.ListOnly, res.PolygonsOnly)
	fmt.Fprintln(w, "  A hromada is occupied when at least half its located settlements are.")
	for _, side := range []struct{ key, title string }{
		{"list", "Occupied by the list, not by the polygons:"},
		{"polygons", "Occupied by the polygons, not by the list:"},
	} {
		var ds []frontline.HromadaDisagreement
		for _, d := range res.Disagreements {
			if d.Side == side.key {
				ds = append(ds, d)
			}
		}
		if len(ds) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s\n", side.title)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "HROMADA\tNAME\tOBLAST\tSETTLEMENTS\tLIST\tLIST RUSSIA\tPOLYGONS RUSSIA\tLIST ENTRY")
		for _, d := range ds {
			entry := "-"
			if len(d.ListPeriods) > 0 {
				entry = d.ListPeriods[0]
			}
			name := d.Name
			if d.NameUK != "" {
				name += " (" + d.NameUK + ")"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%.0f%%\t%.0f%%\t%s\n", d.Hromada, name, d.Oblast, d.Settlements, d.ListStatus, 100*d.ListRussiaShare, 100*d.PolygonRussiaShare, shorten(entry, 90))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return s
}

// printDisagreement compares two polygon layers' maps of one day.
func (m *Main) printDisagreement(ctx context.Context, svc *control.Service, layer, other string, d frontline.Day, asKnown time.Time, asJSON bool) error {
	res, err := svc.Disagreement(ctx, layer, other, d, asKnown)
	if err != nil {
		return err
	}
	if asJSON {
		return m.printJSON(res)
	}
	w := m.Stdout
	fmt.Fprintf(w, "%s (map %s) against %s (map %s) on %s: they disagree on %s km²%s\n", layer,
		res.Snapshot.ValidAt.Format("2006-01-02 15:04"), other, res.OtherSnapshot.ValidAt.Format("2006-01-02 15:04"), res.At, km2(res.DisagreeKm2), asKnownText(res.AsKnown))
	if len(res.Transitions) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s says\t%s says\tkm²\t\n", layer, other)
	for _, t := range res.Transitions {
		fmt.Fprintf(tw, "%s\t%s\t%s\t\n", t.From, t.To, km2(t.AreaKm2))
	}
	tw.Flush()
	fmt.Fprintln(w, "\nBy oblast:")
	for _, ob := range res.ByOblast {
		var sum float64
		for _, t := range ob.Transitions {
			sum += t.AreaKm2
		}
		fmt.Fprintf(w, "  %-32s %12s km²\n", ob.Oblast, km2(sum))
	}
	if n := len(res.Settlements); n > 0 {
		fmt.Fprintf(w, "\n%d settlements read differently, largest first:\n", n)
		for i, st := range res.Settlements {
			if i == 15 {
				fmt.Fprintf(w, "  … and %d more (--json lists all)\n", n-15)
				break
			}
			fmt.Fprintf(w, "  %-24s %-28s %s: %s, %s: %s\n", st.Name, st.Oblast, layer, st.From, other, st.To)
		}
	}
	return nil
}
