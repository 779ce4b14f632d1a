package claims_test

import (
	"context"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/report"
)

// ExplainChange lists, per settlement, the claims dated in the window (± 1
// day) and the observations made in it within 5 km; a settlement with
// neither is unexplained. Claims records and evidence records are real
// reports in a real store; the change is what control.Service would give.
func TestExplainChange(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	g, _ := loadExtractor(t)
	find := func(name string) frontline.SettlementChange {
		cs, err := g.SearchPlaces(ctx, frontline.PlaceQuery{Text: name, Limit: 1})
		if err != nil || len(cs) == 0 {
			t.Fatalf("%s: %v", name, err)
		}
		p := cs[0].Place
		return frontline.SettlementChange{ID: p.ID, Name: p.Name, Lon: p.Lon, Lat: p.Lat, From: frontline.StatusRussia, To: frontline.StatusUkraine}
	}
	bal, izium, kup := find("Balakliia"), find("Izium"), find("Kupiansk")
	claimsFile := []byte(`{"place": "Balakliia", "assertion": "liberated", "side": "ukraine", "speaker": "Hanna Maliar", "time": "2022-09-08", "quote": "Balakliia is liberated.", "published": "2022-09-08T12:00:00Z"}
{"place": "Balakliia", "assertion": "under_control", "side": "russia", "speaker": "Vitaly Ganchev", "time": "2022-09-09", "quote": "It's under our control.", "published": "2022-09-09T18:00:00Z"}
{"place": "Izium", "assertion": "liberated", "side": "ukraine", "time": "2022-08-01", "quote": "Too early.", "published": "2022-08-01T12:00:00Z"}
`)
	if res, err := e.reports.AddBytes(ctx, "claims.jsonl", claimsFile, report.AddOptions{}); err != nil || res.Stored != 3 {
		t.Fatalf("claims: %+v %v", res, err)
	}
	evidence := []byte(`[
 {"lon": 36.8372, "lat": 49.4627, "time": "2022-09-10T09:00:00Z", "kind": "video", "description": "flag over the town hall", "source": "Bellingcat"},
 {"lon": 37.2500, "lat": 49.4627, "time": "2022-09-10T09:00:00Z", "kind": "photo", "description": "30 km east: not Balakliia's"},
 {"lon": 36.8372, "lat": 49.4627, "time": "2022-10-10T09:00:00Z", "kind": "photo", "description": "a month later"}
]`)
	if res, err := e.reports.AddBytes(ctx, "evidence.json", evidence, report.AddOptions{}); err != nil || res.Stored != 3 {
		t.Fatalf("evidence: %+v %v", res, err)
	}
	if _, err := e.claims.ExtractPending(ctx, nil); err != nil {
		t.Fatal(err)
	}
	res := &frontline.ChangeResult{From: "2022-09-06", To: "2022-09-13", Settlements: []frontline.SettlementChange{bal, izium, kup}}
	orig := res.Settlements
	if err := e.claims.ExplainChange(ctx, res, nil); err != nil {
		t.Fatal(err)
	}
	if orig[0].ExplainedBy != nil {
		t.Fatal("the given settlements were changed in place")
	}
	w := res.Explained
	if w == nil || w.From != "2022-09-05" || w.To != "2022-09-14" || w.MarginDays != 1 || w.EvidenceKm != 5 || w.Explained != 1 || w.Unexplained != 2 {
		t.Fatalf("window %+v", w)
	}
	b := res.Settlements[0]
	if b.Unexplained || len(b.ExplainedBy) != 3 {
		t.Fatalf("Balakliia: %+v", b.ExplainedBy)
	}
	agrees, disagrees, ev := b.ExplainedBy[0], b.ExplainedBy[1], b.ExplainedBy[2]
	if agrees.Fits != frontline.FitsAgrees || agrees.Side != frontline.SideUkraine || agrees.Quote != "Balakliia is liberated." || agrees.RefersTo != "2022-09-08" ||
		agrees.Source != "Ukrainian officials via an unknown publisher" || agrees.SourceReliability != frontline.ReliabilityC {
		t.Fatalf("agrees: %+v", agrees)
	}
	if disagrees.Fits != frontline.FitsDisagrees || disagrees.Side != frontline.SideRussia || disagrees.SourceReliability != frontline.ReliabilityE {
		t.Fatalf("disagrees: %+v", disagrees)
	}
	if ev.Kind != frontline.ExplanationEvidence || ev.DistanceKm > 1 || ev.Quote != "flag over the town hall" || ev.Source != "Bellingcat" || ev.RefersTo != "2022-09-10T09:00:00Z" {
		t.Fatalf("evidence: %+v", ev)
	}
	// Izium's only claim is dated before the window; nothing about Kupiansk.
	for _, s := range res.Settlements[1:] {
		if !s.Unexplained || len(s.ExplainedBy) != 0 {
			t.Fatalf("%s: %+v", s.Name, s.ExplainedBy)
		}
	}
}
