package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/gazetteer"
)

func (m *Main) runGazetteer(ctx context.Context, args []string) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		m.groupUsage(m.Stdout, "gazetteer")
		return nil
	}
	if len(args) == 0 || args[0] != "import" {
		return usageErrorf("gazetteer: want \"gazetteer import DIR\" or \"gazetteer import --extend FILE.csv\"")
	}
	var c commonFlags
	var extend string
	fs := m.newFlagSet("gazetteer import", "gazetteer import DIR | --extend FILE.csv [--json]\n  DIR holds the KATOTTG codifier and GeoNames files (as ../shared/data/gazetteer): rebuild.\n  --extend adds places, names and points from a CSV (columns id, kind, name, name_uk, name_ru, names, oblast, lon, lat, population) to the gazetteer in use.\n  The result is written next to the database; a running serve over it switches to it within seconds (serve --gazetteer-reload), no restart.", &c, true, false)
	fs.StringVar(&extend, "extend", "", "add places, names, points from this CSV to the gazetteer in use")
	pos, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
	}
	if extend != "" {
		if len(pos) != 0 {
			return usageErrorf("gazetteer import: give a folder to rebuild or --extend FILE, not both")
		}
		return m.extendGazetteer(c, extend)
	}
	if len(pos) != 1 {
		return usageErrorf("gazetteer import: name the folder of source files")
	}
	dir := pos[0]
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return frontline.Errorf(frontline.EINVALID, "%s: not a folder", dir)
	}
	// SourcesIn takes the data folder that holds gazetteer/.
	src := gazetteer.SourcesIn(dir)
	if filepath.Base(filepath.Clean(dir)) == "gazetteer" {
		src = gazetteer.SourcesIn(filepath.Dir(filepath.Clean(dir)))
	}
	built, report, err := gazetteer.Build(src)
	if err != nil {
		return frontline.Errorf(frontline.EINVALID, "gazetteer not rebuilt (the previous one stays in use): %v", err)
	}
	path, err := m.writeGazetteer(c, built.Oblasts, built.Places)
	if err != nil {
		return frontline.Errorf(frontline.EINVALID, "gazetteer not rebuilt (the previous one stays in use): %v", err)
	}
	if c.json {
		return m.printJSON(map[string]any{"path": path, "places": len(built.Places), "report": report})
	}
	fmt.Fprintf(m.Stdout, "Gazetteer rebuilt: %d places written to %s\n", len(built.Places), path)
	fmt.Fprintf(m.Stdout, "  settlements %d, sites %d; joined to GeoNames %d; points by source: %s; without a point %d\n",
		report.Settlements, report.Sites, report.GeoNamesJoined, pointSources(report.PointSources), report.NoPoint)
	fmt.Fprintf(m.Stdout, "  not joined: %d GeoNames rows, %d postal places (%d ambiguous)\n", report.GeoNamesUnmatched, report.PostalUnmatched, report.PostalAmbiguous)
	return nil
}

// extendGazetteer applies an extension CSV to the gazetteer in use (the
// rebuilt one next to the database, else the embedded one) and writes the
// result next to the database.
func (m *Main) extendGazetteer(c commonFlags, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return frontline.Errorf(frontline.EINVALID, "%v", err)
	}
	var places []frontline.Place
	if path := m.gazetteerPath(c); fileExists(path) {
		places, err = gazetteer.LoadFile(path)
	} else {
		places, err = gazetteer.LoadEmbedded()
	}
	if err != nil {
		return err
	}
	out, rep, err := gazetteer.Extend(places, filepath.Base(file), data)
	if err != nil {
		return err
	}
	path, err := m.writeGazetteer(c, append(gazetteer.Oblasts(), gazetteer.ForeignRegions()...), out)
	if err != nil {
		return frontline.Errorf(frontline.EINVALID, "gazetteer not extended (the previous one stays in use): %v", err)
	}
	if c.json {
		return m.printJSON(map[string]any{"path": path, "places": len(out), "added": rep.Added, "extended": rep.Extended})
	}
	fmt.Fprintf(m.Stdout, "Gazetteer extended: %d places added, %d extended; %d places written to %s\n", len(rep.Added), len(rep.Extended), len(out), path)
	for _, id := range rep.Added {
		fmt.Fprintf(m.Stdout, "  added %s\n", id)
	}
	return nil
}

// writeGazetteer writes places next to the database atomically: the file
// is written aside, read back, then renamed over the previous one.
func (m *Main) writeGazetteer(c commonFlags, obl []gazetteer.Oblast, places []frontline.Place) (string, error) {
	path := m.gazetteerPath(c)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gazetteer-*.tmp")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if err := gazetteer.EncodeGzip(tmp, obl, places); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	// Check the new file reads back before it replaces the old one.
	if _, err := gazetteer.LoadFile(tmp.Name()); err != nil {
		return "", err
	}
	return path, os.Rename(tmp.Name(), path)
}

func pointSources(m map[string]int) string {
	var parts []string
	for _, k := range []string{"geonames", "postal", "postal-approx", "hromada", "site"} {
		if n, ok := m[k]; ok {
			parts = append(parts, fmt.Sprintf("%s %d", k, n))
		}
	}
	return strings.Join(parts, ", ")
}
