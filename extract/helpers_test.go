package extract_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/frontline-osint/frontline/internal/shareddata"

	"github.com/frontline-osint/frontline"
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
		// FRONTLINE_CLAIM_MODEL=1 or 0 turns the claim model on or off
		// for the corpus tests (docs/CLAIMS.md, "Claims, twelfth pass").
		switch os.Getenv("FRONTLINE_CLAIM_MODEL") {
		case "1":
			ext.SetClaimModel(true)
		case "0":
			ext.SetClaimModel(false)
		}
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

// wantClaim is a claim as the table tests name it; an empty place matches
// any place.
type wantClaim struct {
	place, assertion string
	side             frontline.Side
}

// checkClaims compares the claims that x extracted from text, in order,
// with want, and checks that each claim's quote is the text at its span.
// label names the case in the errors.
func checkClaims(t testing.TB, label, text string, x *frontline.Extraction, want []wantClaim) {
	t.Helper()
	var got []wantClaim
	for _, cl := range x.Claims {
		got = append(got, wantClaim{cl.PlaceName, cl.Assertion, cl.Side})
		if cl.Start < 0 || cl.End > len(text) || cl.Start > cl.End || text[cl.Start:cl.End] != cl.Quote {
			t.Errorf("%s: quote %q is not the text at %d-%d", label, cl.Quote, cl.Start, cl.End)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%s: claims %v, want %v", label, got, want)
		return
	}
	for i := range got {
		w := want[i]
		if w.place == "" {
			w.place = got[i].place
		}
		if got[i] != w {
			t.Errorf("%s: claim %d is %v, want %v", label, i, got[i], w)
		}
	}
}

// claimCase is a text, the day it was published and the claims wanted
// from it.
type claimCase struct {
	text, published string
	want            []wantClaim
}

// checkClaimCases extracts each case's text and checks its claims.
func checkClaimCases(t *testing.T, cases []claimCase) {
	t.Helper()
	e := testExtractor(t)
	for _, c := range cases {
		x, err := e.Extract(c.text, day(c.published))
		if err != nil {
			t.Fatal(err)
		}
		checkClaims(t, c.text, c.text, x, c.want)
	}
}
