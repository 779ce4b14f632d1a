package http_test

import (
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/report"
)

// The change lists, per settlement that changed hands, the claims that
// explain it (the seed article's about Balakliia, published 2022-09-10),
// or says nothing does; explain=false leaves them out.
func TestChangeExplained(t *testing.T) {
	s := MustOpenPlacesServer(t)
	u := s.URL() + "/api/v1/layers/deepstate/change?from=2022-09-06&to=2022-09-13"
	var res frontline.ChangeResult
	if code := get(t, u, &res); code != 200 {
		t.Fatalf("change: %d", code)
	}
	if res.Explained == nil || res.Explained.MarginDays != 1 || res.Explained.Explained == 0 || res.Explained.Unexplained == 0 {
		t.Fatalf("explained: %+v", res.Explained)
	}
	var balakliia *frontline.SettlementChange
	for i, st := range res.Settlements {
		if st.Name == "Balakliia" {
			balakliia = &res.Settlements[i]
		}
		if st.Unexplained != (len(st.ExplainedBy) == 0) {
			t.Fatalf("%s: unexplained %v with %d explanations", st.Name, st.Unexplained, len(st.ExplainedBy))
		}
	}
	if balakliia == nil || len(balakliia.ExplainedBy) == 0 {
		t.Fatalf("Balakliia: %+v", balakliia)
	}
	best := balakliia.ExplainedBy[0]
	if best.Kind != frontline.ExplanationClaim || best.Fits != frontline.FitsAgrees || best.Side != frontline.SideUkraine || best.Quote == "" ||
		best.Credibility < 1 || best.ReportID == 0 {
		t.Fatalf("Balakliia's best explanation: %+v", best)
	}
	var plain frontline.ChangeResult
	if code := get(t, u+"&explain=false", &plain); code != 200 || plain.Explained != nil || len(plain.Settlements) != len(res.Settlements) || plain.Settlements[0].ExplainedBy != nil {
		t.Fatalf("explain=false: %d %+v", code, plain.Explained)
	}
}

// Every kind of report the readers make can be listed by kind (DeepState's
// versions too).
func TestReportKindsListed(t *testing.T) {
	s := MustOpenPlacesServer(t)
	for _, k := range report.Kinds {
		var body struct{ Reports []frontline.Report }
		if code := get(t, s.URL()+"/api/v1/reports?kind="+string(k), &body); code != 200 {
			t.Errorf("reports of kind %s: %d", k, code)
		}
	}
}
