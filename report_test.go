package frontline_test

import (
	"testing"

	"github.com/frontline-osint/frontline"
)

func TestFileBase(t *testing.T) {
	for in, want := range map[string]string{
		"/home/someone/notes/a.txt": "a.txt",
		`C:\Users\someone\a.txt`:    "a.txt",
		"../../shared/data/b.kml":   "b.kml",
		"c.json":                    "c.json",
		"dir/":                      "dir",
		"a/dir/":                    "dir",
		"":                          "",
	} {
		if got := frontline.FileBase(in); got != want {
			t.Errorf("FileBase(%q) = %q, want %q", in, got, want)
		}
	}
}
