package extract_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// TestScratchCarriesNothing: an extraction reuses the buffers of the one
// before (the words, their lower-case forms, the folds); a text gives the
// same extraction after a long text of another language, after a short
// one, and twice in a row.
func TestScratchCarriesNothing(t *testing.T) {
	e := testExtractor(t)
	files, _ := filepath.Glob(filepath.Join(articlesDir(t), "press-2022-2025", "*.txt"))
	sort.Strings(files)
	if len(files) < 3 {
		t.Skip("no texts")
	}
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	sort.SliceStable(texts, func(i, j int) bool { return len(texts[i]) > len(texts[j]) })
	extract := func(s string) string {
		x, err := e.Extract(s, day("2024-10-25"))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(x)
		return string(b)
	}
	// Alone first (each after the longest), then after every other.
	want := map[int]string{}
	for k := range texts {
		extract(texts[0])
		want[k] = extract(texts[k])
	}
	for k := len(texts) - 1; k >= 0; k-- {
		if got := extract(texts[k]); got != want[k] {
			t.Fatalf("text %d (%d bytes) extracted after text %d differs", k, len(texts[k]), k+1)
		}
	}
	for k := range texts {
		if got := extract(texts[k]); got != want[k] {
			t.Fatalf("text %d extracted twice differs", k)
		}
	}
}
