package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestExpandPathsFollowsLinkedFolder: a folder named through a symbolic
// link is read like the folder itself (it was refused as holding no map
// files: WalkDir does not follow a root that is a link).
func TestExpandPathsFollowsLinkedFolder(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "maps")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"2022-09-12.geojson", "2022-09-10.geojson", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(real, n), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(dir, "linked")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	for _, p := range []string{real, link, link + "/"} {
		got, err := expandPaths([]string{p})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if len(got) != 2 || filepath.Base(got[0]) != "2022-09-10.geojson" || filepath.Base(got[1]) != "2022-09-12.geojson" {
			t.Errorf("%s: got %v, want the two maps in name order", p, got)
		}
	}
}
