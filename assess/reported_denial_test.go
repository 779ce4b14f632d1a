package assess_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/assess"
	"github.com/frontline-osint/frontline/extract"
)

// TestReportedClaimOfDenialContradicts: a real text that denies a claim it
// names (claims-dev7's tune item of the 110th brigade: "спростовує
// інформацію про нібито повну окупацію ворогом населеного пункту
// Новоолександрівка") is extracted into the reported claim (captured,
// Russia's, hedged by the denial word, not in the voice of the brigade
// that denies it) and the denial of it; stored in SQLite, the pair is shown
// as a contradiction through the service `frontline contradictions` and
// the API ask, the reported capture against its denial.
func TestReportedClaimOfDenialContradicts(t *testing.T) {
	_, g := fixture(t)
	b, err := os.ReadFile(filepath.Join("..", "extract", "testdata", "claims-dev7.json"))
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		Sentences []struct {
			Text, Published, Split string
		} `json:"sentences"`
	}
	if err := json.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	text, published := "", ""
	for _, s := range set.Sentences {
		if s.Split == "tune" && strings.HasPrefix(s.Text, "110 окрема механізована бригада") {
			text, published = s.Text, s.Published
		}
	}
	if text == "" {
		t.Fatal("claims-dev7's 110th brigade text (tune) not found")
	}
	pub, err := time.Parse("2006-01-02", published)
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(g).Extract(text, pub)
	if err != nil {
		t.Fatal(err)
	}
	const place = "UA14160050220079598" // Новоолександрівка, Pokrovsk raion

	sum := sha256.Sum256([]byte(text))
	r := &frontline.Report{Hash: hex.EncodeToString(sum[:]), Kind: frontline.ReportText, Title: "110 ОМБр",
		PublishedAt: &pub, RecordedAt: pub, FileName: "r.txt", Raw: []byte(text), Text: text, Lang: "uk"}
	s := &assess.Service{Claims: storedExtractions(t, g, []*frontline.Report{r}, []frontline.Extraction{*x})}
	ctx := context.Background()
	cons, err := s.Contradictions(ctx, frontline.ContradictionFilter{PlaceID: place})
	if err != nil {
		t.Fatal(err)
	}
	var got *frontline.Contradiction
	for i, c := range cons {
		if c.A.Assertion == frontline.AssertCaptured && c.A.Implies == frontline.StatusRussia && c.B.Assertion == frontline.AssertDenied && c.B.Implies == frontline.StatusUkraine {
			got = &cons[i]
		}
	}
	if got == nil {
		for _, c := range x.Claims {
			t.Logf("claim %s %s %s speaker %q (%s) hedges %q denied %+v", c.PlaceName, c.Assertion, c.Side, c.Speaker, c.SpeakerSide, c.Hedges, c.Denied)
		}
		t.Fatalf("no contradiction of the reported capture and its denial: %+v", cons)
	}
	// The reported claim is Russia's, hedged, not the denier's admission.
	for _, c := range x.Claims {
		if c.PlaceID == place && c.Assertion == frontline.AssertCaptured && c.Side == frontline.SideRussia {
			if len(c.Hedges) == 0 || c.SpeakerSide != frontline.SideRussia || strings.Contains(c.Speaker, "бригада") {
				t.Errorf("reported claim: speaker %q (%s), hedges %q", c.Speaker, c.SpeakerSide, c.Hedges)
			}
		}
	}
}
