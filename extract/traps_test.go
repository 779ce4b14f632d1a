package extract_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/inflect"
	"github.com/frontline-osint/frontline/translit"
)

// trapSentence is one sentence of testdata/traps.json: word names no
// Ukrainian settlement in text, though some reading of it is one's name.
type trapSentence struct {
	Lang string `json:"lang"`
	Kind string `json:"kind"` // person, word, grouping, river, microdistrict, russia
	Text string `json:"text"`
	Word string `json:"word"`
	// Batch: "" for the places3 pass's sentences, "places4" for those
	// written (and labelled) before the places4 pass tuned anything.
	Batch string `json:"batch,omitempty"`
}

func readTrapSentences(t *testing.T) []trapSentence {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "traps.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Traps []trapSentence `json:"traps"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f.Traps
}

var (
	trapGazOnce sync.Once
	trapGaz     *gazetteer.Gazetteer
	trapGazErr  error
)

// liveTrap reports whether some reading of word (its cases undone) names
// a Ukrainian settlement by its spelling, a transliteration, a loose
// spelling or an alternate name (not a fuzzy one): a trap the extractor
// could fall into.
func liveTrap(t *testing.T, word string) bool {
	t.Helper()
	trapGazOnce.Do(func() { trapGaz, trapGazErr = gazetteer.OpenEmbedded() })
	if trapGazErr != nil {
		t.Fatal(trapGazErr)
	}
	for _, r := range inflect.Phrases(strings.Fields(word), " ") {
		for i := range trapGaz.KeyPlaces(translit.Fold(r)) {
			if p := trapGaz.Places[i]; p.InUkraine() && settlementKind(p.Kind) {
				return true
			}
		}
		cands, err := trapGaz.Search(gazetteer.Query{Text: r, Limit: 10})
		if err != nil {
			continue
		}
		for _, c := range cands {
			if c.Reason != "fuzzy" && (c.Country == "" || c.Country == "UA") && settlementKind(c.Kind) {
				return true
			}
		}
	}
	return false
}

func settlementKind(k string) bool {
	return k == "city" || k == "town" || k == "village" || k == "settlement"
}

// trapCeilings: the places4 batch was written before the rules it tests;
// its hits may only go down (the places3 batch must stay at 0).
var trapCeilings = map[string]int{"uk/places4": 0, "ru/places4": 0, "en/places4": 1}

// TestTrapSentences: at least 30 trap sentences per language, each live,
// and none of their words read as a Ukrainian settlement (a place in
// Russia may be read as the Russian place).
func TestTrapSentences(t *testing.T) {
	traps := readTrapSentences(t)
	count, hits := map[string]int{}, map[string]int{}
	batchCount, batchHits := map[string]int{}, map[string]int{}
	for _, tr := range traps {
		start := strings.Index(tr.Text, tr.Word)
		if start < 0 {
			t.Errorf("%q not in %q", tr.Word, tr.Text)
			continue
		}
		if !liveTrap(t, tr.Word) {
			t.Errorf("%q (%s): no reading of it names a Ukrainian settlement; not a trap", tr.Word, tr.Lang)
			continue
		}
		count[tr.Lang]++
		batch := tr.Lang + "/" + tr.Batch
		batchCount[batch]++
		end := start + len(tr.Word)
		x, err := testExtractor(t).Extract(tr.Text, day("2024-08-20"))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range x.Places {
			if m.Start < end && start < m.End && m.Place.Country == "" && m.Kind != "oblast" {
				hits[tr.Lang]++
				batchHits[batch]++
				report := t.Errorf
				if tr.Batch != "" {
					report = t.Logf // counted against trapCeilings below
				}
				report("%s trap (%s) %q: %q → %s %s (%s)", tr.Lang, tr.Kind, tr.Text, m.Mention, m.Place.ID, m.Place.Name, m.Place.Oblast)
				break
			}
		}
	}
	var rows []string
	for _, l := range []string{"uk", "ru", "en"} {
		rows = append(rows, fmt.Sprintf("%s: %d sentences, %d read as a Ukrainian settlement", l, count[l], hits[l]))
		if count[l] < 30 {
			t.Errorf("%s: %d live trap sentences, want at least 30", l, count[l])
		}
		for _, b := range []string{"", "places4"} {
			if n := batchCount[l+"/"+b]; n > 0 {
				rows = append(rows, fmt.Sprintf("  %s batch %q: %d sentences, %d read", l, b, n, batchHits[l+"/"+b]))
			}
		}
		if c, ok := trapCeilings[l+"/places4"]; ok && batchHits[l+"/places4"] > c {
			t.Errorf("%s: %d places4 trap sentences read as a Ukrainian settlement (at most %d)", l, batchHits[l+"/places4"], c)
		}
	}
	t.Log(strings.Join(rows, "; "))
}
