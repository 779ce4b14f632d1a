package extract_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/frontline-osint/frontline/internal/shareddata"

	"github.com/frontline-osint/frontline/extract"
	"github.com/frontline-osint/frontline/gazetteer"
)

var (
	extOnce sync.Once
	ext     *extract.Extractor
	extErr  error
)

// testExtractor builds one extractor over the embedded gazetteer for all
// tests.
func testExtractor(t testing.TB) *extract.Extractor {
	t.Helper()
	extOnce.Do(func() {
		places, err := gazetteer.LoadEmbedded()
		if err != nil {
			extErr = err
			return
		}
		ext = extract.New(gazetteer.New(places))
	})
	if extErr != nil {
		t.Fatal(extErr)
	}
	return ext
}

// articlesDir is ../shared/data/articles beside the repository. Without it
// the tests that need it skip, except in CI.
func articlesDir(t testing.TB) string {
	t.Helper()
	return shareddata.Dir(t, "articles")
}

func readArticle(t testing.TB, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(articlesDir(t), rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}
