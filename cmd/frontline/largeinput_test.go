package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

func TestImportHelpStatesLimits(t *testing.T) {
	_, stderr, err := run(t, filepath.Join(t.TempDir(), "f.db"), "layer", "import", "--help")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"file size            512 MiB", "coordinates          50000000", "200 times its compressed size", "soft memory limit"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("layer import --help does not say %q:\n%s", want, stderr)
		}
	}
}

// A KMZ bomb given to layer import is refused at once, and the memory
// limit set for the import is put back afterwards.
func TestImportBadKMZBomb(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("doc.kml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("<kml>"))
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for i := 0; i < 64; i++ {
		w.Write(chunk)
	}
	w.Write([]byte("</kml>"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "2022-09-13.kmz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	before := debug.SetMemoryLimit(-1)
	start := time.Now()
	_, stderr, err := run(t, filepath.Join(dir, "f.db"), "layer", "import", "--layer", "x", "--status", "russia", path)
	if err == nil || !strings.Contains(stderr, "times its compressed size (zip bomb?)") {
		t.Fatalf("err %v, stderr:\n%s", err, stderr)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("refusing a %d KiB bomb took %s", buf.Len()>>10, took)
	}
	if after := debug.SetMemoryLimit(-1); after != before {
		t.Errorf("memory limit %d after the import, %d before", after, before)
	}
}
