package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline/internal/shareddata"
)

// TestIndexQuoteCloseAsIndexAny: walking every shared text from quotation
// mark to quotation mark, indexQuoteClose stops where strings.IndexAny does.
func TestIndexQuoteCloseAsIndexAny(t *testing.T) {
	texts := []string{"", "abc", "«Слава» — сказав", "a \"b\" c", "“x” y", "ab»", "ab\xc2", "ab\xe2\x80", "—–…’"}
	dir := shareddata.Dir(t, "articles")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	found := 0
	for _, s := range texts {
		for i := 0; ; {
			got, want := indexQuoteClose(s[i:]), strings.IndexAny(s[i:], quoteCloses)
			if got != want {
				t.Fatalf("at %d of %q: %d, want %d", i, s[:min(len(s), 60)], got, want)
			}
			if got < 0 {
				break
			}
			found++
			i += got + 1
		}
	}
	if found == 0 {
		t.Fatal("no quotation mark found: the test tests nothing")
	}
}
