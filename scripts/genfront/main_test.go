package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/frontline-osint/frontline/internal/shareddata"
)

// TestShippedFileIsCurrent: extract/fronts.bin is exactly what this
// command makes from the shared data.
func TestShippedFileIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 142 maps")
	}
	root, ok := shareddata.Root()
	if !ok {
		if os.Getenv("CI") != "" {
			t.Fatal("shared data not found")
		}
		t.Skip("shared data not found")
	}
	out := filepath.Join(t.TempDir(), "fronts.bin")
	if err := run(root, out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := os.ReadFile(filepath.Join("..", "..", "extract", "fronts.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, shipped) {
		t.Errorf("extract/fronts.bin (%d bytes) differs from what genfront makes (%d bytes): run scripts/gen-fronts.sh", len(shipped), len(got))
	}
}
