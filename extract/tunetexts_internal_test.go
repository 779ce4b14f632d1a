package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/frontline-osint/frontline/internal/shareddata"
)

// tuneTexts are the texts of the tune part of the labelled press set
// (testdata/press-2022-2025.json), read from ../shared/data/articles: the
// speed passes' comparisons of a new reader with the one it replaces run
// over them. Held-out texts are not read.
func tuneTexts(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "press-2022-2025.json"))
	if err != nil {
		t.Fatal(err)
	}
	var labels struct {
		Documents []struct{ File, Split string }
	}
	if err := json.Unmarshal(b, &labels); err != nil {
		t.Fatal(err)
	}
	dir := shareddata.Dir(t, "articles")
	var out []string
	for _, d := range labels.Documents {
		if d.Split != "tune" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, d.File))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	if len(out) == 0 {
		t.Fatal("no tune texts")
	}
	return out
}
