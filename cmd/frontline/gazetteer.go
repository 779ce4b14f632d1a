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
	if len(args) == 0 || args[0] != "import" {
		return usageErrorf("gazetteer: want \"gazetteer import DIR\"")
	}
	var c commonFlags
	fs := m.newFlagSet("gazetteer import", "gazetteer import DIR [--json]  (DIR holds the KATOTTG codifier and GeoNames files, as ../shared/data/gazetteer)", &c, true, false)
	pos, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
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
	path := m.gazetteerPath(c)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gazetteer-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := gazetteer.EncodeGzip(tmp, built.Oblasts, built.Places); err != nil {
		tmp.Close()
		return frontline.Errorf(frontline.EINVALID, "gazetteer not rebuilt (the previous one stays in use): %v", err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// Check the new file reads back before it replaces the old one.
	if _, err := gazetteer.LoadFile(tmp.Name()); err != nil {
		return frontline.Errorf(frontline.EINVALID, "gazetteer not rebuilt (the previous one stays in use): %v", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
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

func pointSources(m map[string]int) string {
	var parts []string
	for _, k := range []string{"geonames", "postal", "postal-approx", "hromada", "site"} {
		if n, ok := m[k]; ok {
			parts = append(parts, fmt.Sprintf("%s %d", k, n))
		}
	}
	return strings.Join(parts, ", ")
}
