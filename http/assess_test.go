package http_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/assess"
	"github.com/frontline-osint/frontline/control"
	fhttp "github.com/frontline-osint/frontline/http"
)

type contradictionsBody struct {
	PlaceID        string                    `json:"place_id"`
	Contradictions []frontline.Contradiction `json:"contradictions"`
}

// ganchevVsVideo returns the contradictions between Ganchev's claim and
// the claims citing video.
func ganchevVsVideo(cs []frontline.Contradiction) []frontline.Contradiction {
	var out []frontline.Contradiction
	for _, c := range cs {
		if c.Kind == frontline.ContradictionEvidence && strings.Contains(c.A.Speaker+c.B.Speaker, "Ganchev") && (c.A.Evidence == "video" || c.B.Evidence == "video") {
			out = append(out, c)
		}
	}
	return out
}

func TestContradictionRoutes(t *testing.T) {
	s := MustOpenPlacesServer(t)
	e := wireReports(t, s) // the seed article, read
	base := s.URL() + "/api/v1"

	// No assessment service: 404 with the error shape.
	var errBody struct {
		Error struct{ Code, Message string }
	}
	s.Assessment = nil
	if code := get(t, base+"/contradictions", &errBody); code != http.StatusNotFound || errBody.Error.Code != "not_found" {
		t.Fatalf("without assessment: %d %+v", code, errBody)
	}

	// Without a layer: Ganchev against the video stands unresolved.
	as := &assess.Service{Claims: e.claims, Reports: e.claims.Reports, Sources: e.claims.Sources, Places: gaz}
	s.Assessment = as
	var body contradictionsBody
	if code := get(t, base+"/contradictions?place=Balakliya", &body); code != http.StatusOK {
		t.Fatalf("contradictions: %d", code)
	}
	if body.PlaceID != "UA63040010010039074" {
		t.Errorf("place_id %q", body.PlaceID)
	}
	gv := ganchevVsVideo(body.Contradictions)
	if len(gv) == 0 {
		t.Fatalf("Ganchev vs the video not found: %+v", body.Contradictions)
	}
	for _, c := range gv {
		if c.Resolution.Resolved || c.PlaceID != body.PlaceID || c.A.Quote == "" || c.B.Quote == "" || c.A.ReportID == 0 {
			t.Errorf("without a layer: %+v", c)
		}
	}

	// Claims served with their credibility and its reasons.
	var claimsBody struct {
		Claims []frontline.ClaimView
	}
	if code := get(t, base+"/claims?place=Balakliya", &claimsBody); code != http.StatusOK || len(claimsBody.Claims) == 0 {
		t.Fatalf("claims: %d %d", code, len(claimsBody.Claims))
	}
	for _, c := range claimsBody.Claims {
		if c.Credibility < 1 || c.Credibility > 6 || len(c.Reasons) == 0 {
			t.Errorf("claim %q served without a grade: %d %v", c.Quote, c.Credibility, c.Reasons)
		}
	}

	// With DeepState's maps of the days around the article: resolved for
	// Ukraine.
	svc := s.LayerService.(*control.Service)
	for _, name := range []string{"2022-09-09T222522Z.geojson", "2022-09-10T214947Z.geojson", "2022-09-11T220753Z.geojson"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "shared", "data", "control", "deepstate", "daily-2022-08-20_2022-10-20", name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Import(context.Background(), frontline.ImportRequest{Layer: "deepstate", SourceName: name, Data: data}); err != nil {
			t.Fatal(err)
		}
	}
	as.Layer = assess.NewTimelines(svc, "deepstate", time.Time{}, gaz)
	if code := get(t, base+"/contradictions?place=UA63040010010039074", &body); code != http.StatusOK {
		t.Fatalf("contradictions: %d", code)
	}
	gv = ganchevVsVideo(body.Contradictions)
	if len(gv) == 0 {
		t.Fatal("Ganchev vs the video not found with the layer")
	}
	for _, c := range gv {
		if !c.Resolution.Resolved || c.Resolution.Favours != frontline.SideUkraine || c.Resolution.By != "deepstate" {
			t.Errorf("with DeepState: %+v", c.Resolution)
		}
	}
	layer := false
	for _, c := range body.Contradictions {
		layer = layer || c.Kind == frontline.ContradictionLayer && c.B.Layer == "deepstate"
	}
	if !layer {
		t.Error("no claim vs layer contradiction")
	}

	// The assessed layer for Balakliia.
	var ab struct {
		Timelines []frontline.AssessedTimeline `json:"timelines"`
	}
	if code := get(t, base+"/assessed?place=Balakliia", &ab); code != http.StatusOK || len(ab.Timelines) != 1 {
		t.Fatalf("assessed: %d %+v", code, ab)
	}
	if p := assess.StatusAt(&ab.Timelines[0], "2022-09-10"); p == nil || p.Status != frontline.StatusUkraine || len(p.Claims) == 0 {
		t.Errorf("assessed Balakliia on 2022-09-10: %+v", p)
	}

	// Credibility for the claims route.
	cs, err := e.claims.Claims(context.Background(), frontline.ClaimFilter{PlaceID: "UA63040010010039074"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.GradeClaims(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Credibility < 1 || c.Credibility > 6 || len(c.Reasons) == 0 {
			t.Errorf("ungraded: %d %v", c.Credibility, c.Reasons)
		}
		if strings.Contains(c.Speaker, "Ganchev") && c.Credibility != frontline.CredibilityImprobable {
			t.Errorf("Ganchev: %d %v", c.Credibility, c.Reasons)
		}
	}

	// A report served with its numbers checked (no layer needed for these
	// two: Ukraine's size, and the distance between two named places).
	wireAssessment(s, e)
	var rep struct {
		Extraction *frontline.StoredExtraction
	}
	if code := get(t, base+"/reports/1", &rep); code != http.StatusOK || rep.Extraction == nil {
		t.Fatalf("report 1: %d", code)
	}
	for _, c := range rep.Extraction.Extraction.Claims {
		if c.Credibility < 1 || c.Credibility > 6 || len(c.Reasons) == 0 {
			t.Errorf("report claim %q served ungraded: %d %v", c.Quote, c.Credibility, c.Reasons)
		}
	}
	verdicts := map[string]string{}
	for _, n := range rep.Extraction.Extraction.Numbers {
		verdicts[n.Quote] = n.Verdict
	}
	if verdicts["more than a million square kilometers"] != frontline.VerdictImpossible || verdicts["73 kilometers"] != frontline.VerdictInconsistent {
		t.Errorf("report numbers not checked: %v", verdicts)
	}

	// Bad input: 400 naming the parameter, never 500.
	for _, q := range []string{"/contradictions?since=yesterday", "/contradictions?until=2022-13-45"} {
		if code := get(t, base+q, &errBody); code != http.StatusBadRequest {
			t.Errorf("%s: %d", q, code)
		}
	}
}

// wireAssessment gives s an assessment of e's claims, without a layer.
func wireAssessment(s *fhttp.Server, e *reportEnv) {
	s.Assessment = &assess.Service{Claims: e.claims, Reports: e.claims.Reports, Sources: e.claims.Sources, Places: gaz,
		Numbers: &assess.Checker{Measures: assess.Measures{Place: gaz.FindPlace}}}
}
