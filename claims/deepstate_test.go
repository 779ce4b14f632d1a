package claims_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/extract"
	"github.com/frontline-osint/frontline/report"
)

// deepStateVersions returns the versions of DeepStateMap's list created in
// [from, to) as a JSON array, without the held-out versions (id % 3 == 0).
func deepStateVersions(tb testing.TB, from, to string) []byte {
	tb.Helper()
	needData(tb)
	data, err := os.ReadFile(filepath.Join(articles, "..", "control", "deepstate", "history-public-2022-04_2024-12.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var all []map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		tb.Fatal(err)
	}
	var keep []map[string]json.RawMessage
	for _, v := range all {
		var id int64
		var created string
		json.Unmarshal(v["id"], &id)
		json.Unmarshal(v["createdAt"], &created)
		if id%3 != 0 && created >= from && created < to {
			keep = append(keep, v)
		}
	}
	out, err := json.Marshal(keep)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// DeepState's notes go through the pipeline with their links: the places
// they link resolve by the link's point, and the notes' claims are stored,
// published by DeepState.
func TestDeepStateNotesPipeline(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	data := deepStateVersions(t, "2023-06-01", "2023-07-01")
	res, err := e.reports.AddBytes(ctx, "history.json", data, report.AddOptions{})
	if err != nil || res.Outcome != "stored" || res.Kind != frontline.ReportDeepStateVersion {
		t.Fatalf("add: %+v %v", res, err)
	}
	x, err := e.claims.ExtractPending(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if x.Reports != res.Stored || x.Failed != 0 || x.Claims == 0 {
		t.Fatalf("extraction: %+v of %d versions", x, res.Stored)
	}
	xs, err := e.claims.Extractions.FindExtractions(ctx, frontline.ExtractionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	linked := 0
	for _, sx := range xs {
		for _, m := range sx.Extraction.Places {
			if m.Reason == extract.ReasonLinked {
				linked++
			}
		}
	}
	if linked == 0 {
		t.Fatal("no place was resolved by its link: the links did not reach the extractor")
	}
	cs, err := e.claims.Claims(ctx, frontline.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Source != "DeepState" || c.Kind != frontline.ReportDeepStateVersion {
			t.Fatalf("claim %+v", c)
		}
	}
	t.Logf("%d versions of 2023-06 (tune half): %d claims, %d places resolved by their links", res.Stored, len(cs), linked)
	// The same list twice stores nothing twice.
	again, err := e.reports.AddBytes(ctx, "history.json", data, report.AddOptions{})
	if err != nil || again.Stored != 0 || again.Duplicates != res.Stored {
		t.Fatalf("again: %+v %v", again, err)
	}
}

// fakeLinked records which method the pipeline called.
type fakeLinked struct{ linked, plain int }

func (f *fakeLinked) Extract(text string, published time.Time) (*frontline.Extraction, error) {
	f.plain++
	return &frontline.Extraction{}, nil
}

func (f *fakeLinked) ExtractLinked(text string, published time.Time, links []frontline.Link) (*frontline.Extraction, error) {
	f.linked++
	if len(links) == 0 || !strings.Contains(text, "Балаклію") {
		return nil, frontline.Errorf(frontline.EINVALID, "links lost")
	}
	return &frontline.Extraction{}, nil
}

// A report with links goes to ExtractLinked when the extractor has it; one
// without, to Extract.
func TestLinkedExtractorChosen(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	f := &fakeLinked{}
	e.claims.Extractor = f
	data := []byte(`[{"id": 1662802147, "createdAt": "2022-09-10T09:29:07Z", "description": "Звільнено <a href=\"https://deepstatemap.live/#12/49.46/36.84\">Балаклію</a>"},
		{"id": 1662802148, "createdAt": "2022-09-10T09:29:08Z", "description": "без посилань"}]`)
	if _, err := e.reports.AddBytes(ctx, "h.json", data, report.AddOptions{}); err != nil {
		t.Fatal(err)
	}
	x, err := e.claims.ExtractPending(ctx, nil)
	if err != nil || x.Failed != 0 || f.linked != 1 || f.plain != 1 {
		t.Fatalf("%+v %v: linked %d, plain %d", x, err, f.linked, f.plain)
	}
}
