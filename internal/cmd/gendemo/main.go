// Command gendemo regenerates the embedded demo bundle (demo/kharkiv-2022.json.gz)
// from the DeepState daily window in the shared data directory:
//
//	go run ./internal/cmd/gendemo -data ../shared/data -out demo/kharkiv-2022.json.gz
//
// The generation itself is demo.Generate, so that demo's tests can check that
// the shipped file is exactly what this command produces.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/frontline-osint/frontline/demo"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gendemo:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("gendemo", flag.ContinueOnError)
	dataDir := fs.String("data", "../shared/data", "shared data directory (holds "+demo.WindowDir+")")
	out := fs.String("out", filepath.Join("demo", demo.BundleFile), "output bundle (gzip-compressed JSON)")
	decimals := fs.Int("decimals", demo.DefaultDecimals, "decimals to round coordinates to (negative: full precision)")
	if err := fs.Parse(args); err != nil {
		return err
	}

	// Write next to the target and rename, so a failed run never leaves a
	// truncated bundle behind (the demo package would embed it).
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".gendemo-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	stats, err := demo.Generate(*dataDir, tmp, *decimals)
	if err != nil {
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

	fmt.Printf("snapshots:          %d\n", stats.Snapshots)
	fmt.Printf("features kept:      %d (%d points dropped)\n", stats.Features, stats.DroppedPoints)
	fmt.Printf("distinct features:  %d\n", stats.DistinctFeatures)
	fmt.Printf("raw JSON:           %d bytes (%.2f MB)\n", stats.RawBytes, float64(stats.RawBytes)/1e6)
	fmt.Printf("compressed:         %d bytes (%.2f MB) -> %s\n", stats.CompressedBytes, float64(stats.CompressedBytes)/1e6, *out)
	return nil
}
