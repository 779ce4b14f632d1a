package assess_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/assess"
	"github.com/frontline-osint/frontline/claims"
	"github.com/frontline-osint/frontline/extract"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/sqlite"
)

// storedClaims stores one report per claim in SQLite (an extraction
// under the extractor's version) and returns the claim service on them.
func storedClaims(t *testing.T, cs []frontline.Claim, pubs []time.Time, sources []string) *claims.Service {
	t.Helper()
	_, g := fixture(t)
	var reports []*frontline.Report
	var xs []frontline.Extraction
	for i, c := range cs {
		sum := sha256.Sum256([]byte(c.Quote))
		pub := pubs[i]
		reports = append(reports, &frontline.Report{Hash: hex.EncodeToString(sum[:]), Source: sources[i], Kind: frontline.ReportText, Title: c.Quote[:20],
			PublishedAt: &pub, RecordedAt: pub, FileName: "r.txt", Raw: []byte(c.Quote), Text: c.Quote, Lang: "en"})
		xs = append(xs, frontline.Extraction{Places: []frontline.Mention{}, Claims: []frontline.Claim{c}, Numbers: []frontline.NumberClaim{}})
	}
	return storedExtractions(t, g, reports, xs)
}

// storedExtractions stores the reports and each one's extraction (under
// the extractor's version, recorded at the report's recorded time) in a
// new SQLite file and returns the claim service on them.
func storedExtractions(t *testing.T, g *gazetteer.Gazetteer, reports []*frontline.Report, exs []frontline.Extraction) *claims.Service {
	t.Helper()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "f.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rs, ss, xs := sqlite.NewReportStore(db), sqlite.NewSourceStore(db), sqlite.NewExtractionStore(db)
	ctx := context.Background()
	if _, err := rs.AddReports(ctx, nil, reports); err != nil {
		t.Fatal(err)
	}
	var xx []*frontline.StoredExtraction
	for i, r := range reports {
		xx = append(xx, &frontline.StoredExtraction{ReportID: r.ID, Version: extract.Version, RecordedAt: r.RecordedAt, Extraction: exs[i]})
	}
	if _, err := xs.PutExtractions(ctx, xx); err != nil {
		t.Fatal(err)
	}
	return claims.NewService(rs, ss, xs, extract.New(g), g)
}

// TestDenialContradicts: "Ukraine's General Staff denied that Russia had
// captured Balakliia" is stored as a denial and shown against the
// capture it denies as a contradiction (through the service, as `frontline
// contradictions` asks for it); the denial never votes for the denied
// side in the assessed layer; with DeepState's map of the day the
// contradiction is decided.
func TestDenialContradicts(t *testing.T) {
	svc, g := fixture(t)
	capture := frontline.Claim{Quote: "The Russian Defence Ministry said its forces had captured Balakliia.", Start: 0, End: 10,
		PlaceID: balakliia, PlaceName: "Balakliia", Assertion: frontline.AssertCaptured, Side: frontline.SideRussia,
		Speaker: "The Russian Defence Ministry", SpeakerSide: frontline.SideRussia, RefersTo: "2022-09-09", Reasons: []string{}}
	denial := frontline.Claim{Quote: "Ukraine's General Staff denied the Russian fake about the capture of Balakliia.", Start: 0, End: 10,
		PlaceID: balakliia, PlaceName: "Balakliia", Assertion: frontline.AssertDenied, Side: frontline.SideUkraine,
		Speaker: "Ukraine's General Staff", SpeakerSide: frontline.SideUkraine, RefersTo: "2022-09-10", Reasons: []string{},
		Denied: &frontline.DeniedClaim{Assertion: frontline.AssertCaptured, Side: frontline.SideRussia}}
	// A claim the denial does not deny: Ukraine liberated it (no
	// contradiction with the denial; one with the capture).
	pubs := []time.Time{time.Date(2022, 9, 9, 12, 0, 0, 0, time.UTC), time.Date(2022, 9, 10, 12, 0, 0, 0, time.UTC)}
	cl := storedClaims(t, []frontline.Claim{capture, denial}, pubs, []string{"TASS", "Ukrinform"})
	ctx := context.Background()

	s := &assess.Service{Claims: cl}
	cons, err := s.Contradictions(ctx, frontline.ContradictionFilter{PlaceID: balakliia})
	if err != nil {
		t.Fatal(err)
	}
	if len(cons) != 1 {
		t.Fatalf("%d contradictions, want 1: %+v", len(cons), cons)
	}
	c := cons[0]
	if c.A.Assertion != frontline.AssertCaptured || c.B.Assertion != frontline.AssertDenied || c.A.Implies != frontline.StatusRussia ||
		c.B.Implies != frontline.StatusUkraine || c.Date != "2022-09-09" || c.Resolution.Resolved {
		t.Errorf("without a layer: %+v", c)
	}
	// The assessed layer: the capture votes for Russia; the denial votes
	// for no one (never for the denied side).
	ts, err := s.Assessed(ctx, balakliia)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ts[0].Periods {
		for _, v := range p.Claims {
			if v.Assertion == frontline.AssertDenied {
				t.Errorf("the denial voted: %+v", p)
			}
		}
	}

	// With DeepState: Balakliia was Ukraine's on 2022-09-09 (retaken on
	// the 8th): the denial holds.
	s.Layer = assess.NewTimelines(svc, "deepstate", time.Time{}, g)
	cons, err = s.Contradictions(ctx, frontline.ContradictionFilter{PlaceID: balakliia})
	if err != nil {
		t.Fatal(err)
	}
	var got *frontline.Contradiction
	for i := range cons {
		if cons[i].Kind == frontline.ContradictionClaims && cons[i].B.Assertion == frontline.AssertDenied {
			got = &cons[i]
		}
		if cons[i].A.Assertion == frontline.AssertDenied && cons[i].Kind == frontline.ContradictionLayer {
			t.Errorf("the denial against the layer although the layer agrees: %+v", cons[i])
		}
	}
	if got == nil {
		t.Fatalf("no denial contradiction with the layer: %+v", cons)
	}
	t.Logf("%+v", got.Resolution)
	if !got.Resolution.Resolved || got.Resolution.Holds != "b" || got.Resolution.Favours != frontline.SideUkraine {
		t.Errorf("with DeepState: %+v", got.Resolution)
	}
	// Graded: the denial agrees with the map, the capture does not.
	cs, err := cl.Claims(ctx, frontline.ClaimFilter{PlaceID: balakliia})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.GradeClaims(ctx, cs); err != nil {
		t.Fatal(err)
	}
	for _, v := range cs {
		t.Logf("%s %d %q", v.Assertion, v.Credibility, v.Reasons)
		if v.Assertion == frontline.AssertDenied && !hasReasonPart(v.Reasons, "agrees it was not russia's") {
			t.Errorf("denial graded without the map: %q", v.Reasons)
		}
	}
}

// TestDenialOnlyOfItsClaim: a denial of Russia's capture does not
// contradict Ukraine's own claim of the place, nor a capture weeks
// earlier.
func TestDenialOnlyOfItsClaim(t *testing.T) {
	pub := time.Date(2022, 9, 10, 0, 0, 0, 0, time.UTC)
	view := func(c frontline.Claim, src string) frontline.ClaimView {
		return frontline.ClaimView{Claim: c, Source: src, PublishedAt: &pub}
	}
	base := frontline.Claim{PlaceID: balakliia, PlaceName: "Balakliia", Quote: "q", Reasons: []string{}}
	lib, old, den := base, base, base
	lib.Assertion, lib.Side, lib.RefersTo = frontline.AssertLiberated, frontline.SideUkraine, "2022-09-10"
	old.Assertion, old.Side, old.RefersTo = frontline.AssertCaptured, frontline.SideRussia, "2022-03-01"
	den.Assertion, den.Side, den.RefersTo = frontline.AssertDenied, frontline.SideUkraine, "2022-09-10"
	den.Denied = &frontline.DeniedClaim{Assertion: frontline.AssertCaptured, Side: frontline.SideRussia}
	cs := []frontline.ClaimView{view(lib, "A"), view(old, "B"), view(den, "C")}
	var a assess.Assessor
	cons, err := a.Assess(context.Background(), cs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cons {
		if c.A.Assertion == frontline.AssertDenied || c.B.Assertion == frontline.AssertDenied {
			t.Errorf("denial contradicts %+v", c)
		}
	}
	for _, tl := range assess.AssessedTimelines(cs) {
		for _, p := range tl.Periods {
			if p.Status == frontline.StatusRussia && p.From >= "2022-09-10" {
				t.Errorf("Russia after the denial: %+v", p)
			}
		}
	}
}

func hasReasonPart(rs []string, part string) bool {
	for _, r := range rs {
		if strings.Contains(r, part) {
			return true
		}
	}
	return false
}
