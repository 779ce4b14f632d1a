// Package golden compares a test's output with a file kept in the
// repository (testdata/*.golden…), for outputs other programs or people
// rely on: the OpenAPI document, `check --json`, CLI text, KML. After a
// deliberate change, regenerate with -update and review the diff:
//
//	go test ./http -run TestOpenAPIGolden -update
//
// It is imported only by tests.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files with what the tests produce")

// Assert fails the test unless got equals the file at path (relative to
// the package's folder); with -update it writes got there instead.
func Assert(tb testing.TB, path string, got []byte) {
	tb.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		tb.Logf("updated %s", path)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("golden file %s: %v (run the test with -update to write it)", path, err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("output differs from %s: %s\n(if the change is meant, run the test with -update and review the diff)", path, firstDifference(want, got))
	}
}

// firstDifference names the first line where want and got differ.
func firstDifference(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b || i >= len(w) || i >= len(g) {
			return fmt.Sprintf("line %d: want %q, got %q (%d lines vs %d)", i+1, clip(a), clip(b), len(w), len(g))
		}
	}
	return "no line differs"
}

func clip(s string) string {
	if len(s) > 160 {
		return s[:160] + "…"
	}
	return s
}
