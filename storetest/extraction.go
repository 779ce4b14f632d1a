package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
)

// RunExtractions runs the suite every frontline.ExtractionStore passes;
// open returns new, empty stores on one database for each test.
func RunExtractions(t *testing.T, open func(t *testing.T) (frontline.ReportStore, frontline.ExtractionStore)) {
	t.Run("Extractions", func(t *testing.T) { r, x := open(t); testExtractions(t, r, x) })
}

const (
	balakliia = "UA63040010010039074"
	izium     = "UA63040090010029555"
	kupiansk  = "UA63080090010026457"
)

func claim(place, assertion string, side frontline.Side, start, end int) frontline.Claim {
	return frontline.Claim{Quote: "q", Start: start, End: end, PlaceID: place, Assertion: assertion, Side: side,
		Speaker: "Vitaly Ganchev", SpeakerSide: frontline.SideRussia, RefersTo: "2022-09-09", Hedges: []string{"likely"}, Reasons: []string{}}
}

func ids(cs []*frontline.StoredClaim) []int64 {
	out := []int64{}
	for _, c := range cs {
		out = append(out, c.ReportID*100+int64(c.Index))
	}
	return out
}

func testExtractions(t *testing.T, rs frontline.ReportStore, s frontline.ExtractionStore) {
	ctx := context.Background()
	pa, pc := time.Date(2022, 9, 10, 8, 0, 0, 0, time.UTC), time.Date(2022, 9, 8, 8, 0, 0, 0, time.UTC)
	a, b, c := newReport("report a about Balakliia and Izium", &pa), newReport("report b, publication time unknown", nil), newReport("report c about Kupiansk", &pc)
	if _, err := rs.AddReports(ctx, nil, []*frontline.Report{a, b, c}); err != nil {
		t.Fatal(err)
	}
	if p, err := s.PendingReports(ctx, "v1"); err != nil || !reflect.DeepEqual(p, []int64{a.ID, b.ID, c.ID}) {
		t.Fatalf("pending before any extraction: %v %v", p, err)
	}

	xa := &frontline.StoredExtraction{ReportID: a.ID, Version: "v1", RecordedAt: t0, Extraction: frontline.Extraction{
		Places: []frontline.Mention{{Mention: "Balakliia", Start: 16, End: 25, Kind: frontline.MentionSettlement,
			Place: frontline.MentionPlace{ID: balakliia, Name: "Balakliia", Lon: 36.84, Lat: 49.46}, Score: 1.2, Reason: "exact"}},
		Claims: []frontline.Claim{claim(balakliia, frontline.AssertUnderControl, frontline.SideRussia, 0, 9), claim(izium, frontline.AssertWithdrawn, frontline.SideUkraine, 10, 20)},
		Numbers: []frontline.NumberClaim{{Quote: "more than 2,500 square kilometers", Start: 3, End: 36, Kind: frontline.NumberArea, Value: 2500, Unit: "km2",
			Bound: frontline.BoundMoreThan, RefersTo: "2022-09-06/2022-09-10", Verdict: frontline.VerdictUnchecked}},
	}}
	xb := &frontline.StoredExtraction{ReportID: b.ID, Version: "v1", RecordedAt: t0, Extraction: frontline.Extraction{
		Claims: []frontline.Claim{claim(balakliia, frontline.AssertLiberated, frontline.SideUkraine, 0, 5)}}}
	xc := &frontline.StoredExtraction{ReportID: c.ID, Version: "v1", RecordedAt: t0, Error: "text is not valid UTF-8"}

	// A batch naming a report that does not exist stores nothing.
	if _, err := s.PutExtractions(ctx, []*frontline.StoredExtraction{xa, {ReportID: 99999, Version: "v1"}}); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("extraction of a missing report: %v", err)
	}
	if got, err := s.FindExtractions(ctx, frontline.ExtractionFilter{}); err != nil || len(got) != 0 {
		t.Fatalf("after a failed batch: %d extractions, %v", len(got), err)
	}
	if _, err := s.PutExtractions(ctx, []*frontline.StoredExtraction{{ReportID: a.ID}}); frontline.ErrorCode(err) != frontline.EINVALID {
		t.Fatalf("extraction without a version: %v", err)
	}

	added, err := s.PutExtractions(ctx, []*frontline.StoredExtraction{xa, xb, xc})
	if err != nil || !reflect.DeepEqual(added, []bool{true, true, true}) {
		t.Fatalf("put: %v %v", added, err)
	}
	// Append-only: the same report and version again changes nothing.
	again := &frontline.StoredExtraction{ReportID: a.ID, Version: "v1", RecordedAt: t0.Add(time.Hour), Extraction: frontline.Extraction{Claims: []frontline.Claim{claim(kupiansk, frontline.AssertCaptured, frontline.SideRussia, 0, 1)}}}
	if added, err := s.PutExtractions(ctx, []*frontline.StoredExtraction{again}); err != nil || added[0] {
		t.Fatalf("put again: %v %v", added, err)
	}
	if p, err := s.PendingReports(ctx, "v1"); err != nil || len(p) != 0 {
		t.Fatalf("pending after extraction: %v %v", p, err)
	}
	if p, err := s.PendingReports(ctx, "v2"); err != nil || len(p) != 3 {
		t.Fatalf("pending for a new version: %v %v", p, err)
	}

	got, err := s.FindExtractions(ctx, frontline.ExtractionFilter{ReportIDs: []int64{a.ID, c.ID}})
	if err != nil || len(got) != 2 {
		t.Fatalf("find: %d %v", len(got), err)
	}
	if !reflect.DeepEqual(got[0].Extraction, xa.Extraction) || got[0].Version != "v1" || !got[0].RecordedAt.Equal(t0) || got[0].ReportID != a.ID {
		t.Fatalf("extraction of a read back as %+v, want %+v", got[0], xa)
	}
	if got[1].Error != xc.Error || got[1].Extraction.Claims == nil || len(got[1].Extraction.Claims) != 0 {
		t.Fatalf("failed extraction read back as %+v", got[1])
	}
	if got, err := s.FindExtractions(ctx, frontline.ExtractionFilter{ReportIDs: []int64{}}); err != nil || len(got) != 0 {
		t.Fatalf("no report IDs: %v %v", got, err)
	}

	// Claims by place, in report time order (c 09-08, a 09-10, b recorded 09-14).
	cs, err := s.FindClaims(ctx, frontline.ClaimQuery{PlaceID: balakliia})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{a.ID * 100, b.ID * 100}; !reflect.DeepEqual(ids(cs), want) {
		t.Fatalf("claims at Balakliia: %v, want %v", ids(cs), want)
	}
	if !reflect.DeepEqual(cs[0].Claim, xa.Extraction.Claims[0]) || !cs[0].ReportTime.Equal(pa) || !cs[1].ReportTime.Equal(t0) || cs[0].Version != "v1" {
		t.Fatalf("claim read back as %+v", cs[0])
	}
	if r := cs[0].Report; r.ReportID != a.ID || r.Title != a.Title || r.Source != "ISW" || r.Kind != frontline.ReportText || r.PublishedAt == nil || !r.PublishedAt.Equal(pa) || !r.RecordedAt.Equal(t0) {
		t.Fatalf("claim's report: %+v", r)
	}
	if r := cs[1].Report; r.ReportID != b.ID || r.PublishedAt != nil {
		t.Fatalf("claim's report without publication time: %+v", r)
	}
	for _, c := range []struct {
		q    frontline.ClaimQuery
		want []int64
	}{
		{frontline.ClaimQuery{}, []int64{a.ID * 100, a.ID*100 + 1, b.ID * 100}},
		{frontline.ClaimQuery{ReportID: a.ID}, []int64{a.ID * 100, a.ID*100 + 1}},
		{frontline.ClaimQuery{PlaceID: izium}, []int64{a.ID*100 + 1}},
		{frontline.ClaimQuery{PlaceID: kupiansk}, []int64{}},
		{frontline.ClaimQuery{Since: pa.Add(time.Second)}, []int64{b.ID * 100}},
		{frontline.ClaimQuery{Until: pa}, []int64{a.ID * 100, a.ID*100 + 1}},
		{frontline.ClaimQuery{Limit: 1, Offset: 1}, []int64{a.ID*100 + 1}},
		{frontline.ClaimQuery{Offset: 2}, []int64{b.ID * 100}},
		{frontline.ClaimQuery{Version: "v2"}, []int64{}},
		{frontline.ClaimQuery{PlaceIDs: []string{izium, balakliia, kupiansk}}, []int64{a.ID * 100, a.ID*100 + 1, b.ID * 100}},
		{frontline.ClaimQuery{PlaceIDs: []string{izium}, Since: pa.Add(-time.Hour), Until: pa}, []int64{a.ID*100 + 1}},
		{frontline.ClaimQuery{PlaceIDs: []string{kupiansk}, PlaceID: balakliia}, []int64{a.ID * 100, b.ID * 100}},
		{frontline.ClaimQuery{PlaceIDs: []string{}}, []int64{}},
	} {
		cs, err := s.FindClaims(ctx, c.q)
		if err != nil || !reflect.DeepEqual(ids(cs), c.want) {
			t.Errorf("claims %+v: %v %v, want %v", c.q, ids(cs), err, c.want)
		}
	}

	// A new version of a's extraction is a new row; queries without a
	// version read each report's latest, the old one stays readable.
	xa2 := &frontline.StoredExtraction{ReportID: a.ID, Version: "v2", RecordedAt: t0.Add(2 * time.Hour), Extraction: frontline.Extraction{
		Claims: []frontline.Claim{claim(kupiansk, frontline.AssertCaptured, frontline.SideUkraine, 0, 4)}}}
	if added, err := s.PutExtractions(ctx, []*frontline.StoredExtraction{xa2}); err != nil || !added[0] {
		t.Fatalf("put v2: %v %v", added, err)
	}
	if cs, err := s.FindClaims(ctx, frontline.ClaimQuery{PlaceID: balakliia}); err != nil || !reflect.DeepEqual(ids(cs), []int64{b.ID * 100}) {
		t.Fatalf("latest claims at Balakliia: %v %v", ids(cs), err)
	}
	if cs, err := s.FindClaims(ctx, frontline.ClaimQuery{PlaceID: balakliia, Version: "v1"}); err != nil || !reflect.DeepEqual(ids(cs), []int64{a.ID * 100, b.ID * 100}) {
		t.Fatalf("v1 claims at Balakliia: %v %v", ids(cs), err)
	}
	if cs, err := s.FindClaims(ctx, frontline.ClaimQuery{PlaceID: kupiansk}); err != nil || len(cs) != 1 || cs[0].Version != "v2" || cs[0].Claim.Side != frontline.SideUkraine {
		t.Fatalf("latest claims at Kupiansk: %v %v", ids(cs), err)
	}
	latest, err := s.FindExtractions(ctx, frontline.ExtractionFilter{ReportIDs: []int64{a.ID}})
	if err != nil || len(latest) != 1 || latest[0].Version != "v2" {
		t.Fatalf("latest extraction of a: %+v %v", latest, err)
	}
	all, err := s.FindExtractions(ctx, frontline.ExtractionFilter{Version: "v1"})
	if err != nil || len(all) != 3 || !reflect.DeepEqual(all[0].Extraction, xa.Extraction) {
		t.Fatalf("v1 extractions: %d %v", len(all), err)
	}

	// Activity: what was stored after given IDs, for event streams.
	base, err := s.Activity(ctx, -1, -1, 0)
	if err != nil || base.LastReportID != c.ID || base.LastExtractionID == 0 || len(base.Reports) != 0 || len(base.Extractions) != 0 {
		t.Fatalf("activity baseline: %+v %v", base, err)
	}
	act, err := s.Activity(ctx, a.ID, 0, 100)
	if err != nil || len(act.Reports) != 2 || act.Reports[0].ReportID != b.ID || act.Reports[1].PublishedAt == nil || !act.Reports[1].PublishedAt.Equal(pc) ||
		act.Reports[0].Title != b.Title || len(act.Extractions) != 4 {
		t.Fatalf("activity: %+v %v", act, err)
	}
	var counts []int
	for _, e := range act.Extractions {
		counts = append(counts, e.Claims)
	}
	if !reflect.DeepEqual(counts, []int{2, 1, 0, 1}) || !reflect.DeepEqual(act.Extractions[0].PlaceIDs, []string{balakliia, izium}) ||
		act.Extractions[2].PlaceIDs == nil || len(act.Extractions[2].PlaceIDs) != 0 || act.Extractions[3].Version != "v2" || act.Extractions[3].ReportID != a.ID {
		t.Fatalf("extraction events: %+v", act.Extractions)
	}
	page, err := s.Activity(ctx, 0, act.LastExtractionID-1, 1)
	if err != nil || len(page.Reports) != 1 || page.LastReportID != a.ID || len(page.Extractions) != 1 || page.LastExtractionID != act.LastExtractionID {
		t.Fatalf("activity page: %+v %v", page, err)
	}
}
