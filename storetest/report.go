package storetest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
)

// RunReports runs the suite every frontline.ReportStore and
// frontline.SourceStore pass; open returns new, empty stores on one
// database for each test.
func RunReports(t *testing.T, open func(t *testing.T) (frontline.ReportStore, frontline.SourceStore)) {
	t.Run("Reports", func(t *testing.T) { r, _ := open(t); testReports(t, r) })
	t.Run("ReportFilters", func(t *testing.T) { r, _ := open(t); testReportFilters(t, r) })
	t.Run("Sources", func(t *testing.T) { _, s := open(t); testSources(t, s) })
}

func newReport(raw string, published *time.Time) *frontline.Report {
	sum := sha256.Sum256([]byte(raw))
	return &frontline.Report{Hash: hex.EncodeToString(sum[:]), Source: "ISW", Kind: frontline.ReportText, Title: raw[:min(len(raw), 20)],
		PublishedAt: published, RecordedAt: t0, FileName: "a.txt", Raw: []byte(raw), Text: raw, Lang: "en"}
}

func testReports(t *testing.T, s frontline.ReportStore) {
	ctx := context.Background()
	if _, err := s.FindReport(ctx, 1); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("FindReport(empty) = %v, want ENOTFOUND", err)
	}
	pub := time.Date(2022, 9, 10, 8, 0, 0, 0, time.UTC)
	a := newReport("Balakliia is under our control.\r\n\x00binary-safe", &pub)
	a.Links = []frontline.Link{{Start: 0, End: 9, Lon: 36.8372, Lat: 49.4627}}
	evTime := time.Date(2022, 9, 10, 0, 0, 0, 0, time.UTC)
	b := newReport("flag over Balakliia", nil)
	b.Kind, b.Item, b.Container = frontline.ReportEvidenceJSON, 2, "c1"
	b.Evidence = &frontline.Evidence{Lon: 36.84, Lat: 49.46, Time: &evTime, TimePrecision: "day", Kind: "video", Description: "flag",
		Location: "Balakliia", Link: "https://example.org/v", Links: []string{"https://example.org/v", "https://example.org/w"}}
	c := &frontline.ReportContainer{Hash: "c1", Name: "ev.json", Kind: frontline.ReportEvidenceJSON, Raw: []byte("[...]"), RecordedAt: t0}
	dup := newReport(string(a.Raw), nil) // the same bytes again in the same batch
	added, err := s.AddReports(ctx, c, []*frontline.Report{a, b, dup})
	if err != nil {
		t.Fatal(err)
	}
	if !added[0] || !added[1] || added[2] || a.ID == 0 || b.ID == 0 || dup.ID != a.ID {
		t.Fatalf("added = %v, ids %d %d %d", added, a.ID, b.ID, dup.ID)
	}
	// Adding again stores nothing and returns the stored IDs.
	again := newReport(string(a.Raw), nil)
	if added, err := s.AddReports(ctx, c, []*frontline.Report{again}); err != nil || added[0] || again.ID != a.ID {
		t.Fatalf("again: %v %v id %d", added, err, again.ID)
	}
	got, err := s.FindReport(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Raw, a.Raw) || got.Text != a.Text || got.Hash != a.Hash || got.PublishedAt == nil || !got.PublishedAt.Equal(pub) ||
		!got.RecordedAt.Equal(t0) || got.Source != "ISW" || got.Kind != frontline.ReportText || got.Evidence != nil || got.Lang != "en" ||
		len(got.Links) != 1 || got.Links[0] != a.Links[0] {
		t.Fatalf("report a = %+v", got)
	}
	got, err = s.FindReport(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Links != nil {
		t.Fatalf("report b has links %+v, stored none", got.Links)
	}
	// A link outside the text fails its batch.
	bad := newReport("a link past the end", nil)
	bad.Links = []frontline.Link{{Start: 5, End: 500}}
	if _, err := s.AddReports(ctx, nil, []*frontline.Report{bad}); frontline.ErrorCode(err) != frontline.EINVALID {
		t.Fatalf("a link outside the text: %v", err)
	}
	e := got.Evidence
	if got.PublishedAt != nil || e == nil || e.Lon != 36.84 || e.Lat != 49.46 || !e.Time.Equal(evTime) || e.TimePrecision != "day" ||
		e.Kind != "video" || len(e.Links) != 2 || e.Location != "Balakliia" || got.Item != 2 || got.Container != "c1" {
		t.Fatalf("report b = %+v, evidence %+v", got, e)
	}

	// A failing batch stores nothing: the report without a hash fails it.
	x := newReport("stored only with its batch", nil)
	if _, err := s.AddReports(ctx, nil, []*frontline.Report{x, {Kind: frontline.ReportText}}); err == nil {
		t.Fatal("a report without a hash was stored")
	}
	all, err := s.FindReports(ctx, frontline.ReportFilter{})
	if err != nil || len(all) != 2 {
		t.Fatalf("after a failed batch: %d reports, %v", len(all), err)
	}
	if all[0].Raw != nil {
		t.Fatal("FindReports loaded Raw without WithRaw")
	}
}

func testReportFilters(t *testing.T, s frontline.ReportStore) {
	ctx := context.Background()
	d := func(day int) *time.Time { v := time.Date(2022, 9, day, 12, 0, 0, 0, time.UTC); return &v }
	var rs []*frontline.Report
	for i, day := range []int{10, 8, 12} {
		r := newReport(string(rune('a'+i))+" report", d(day))
		if i == 1 {
			r.Source = "Reuters"
		}
		rs = append(rs, r)
	}
	unknown := newReport("no publication time", nil) // recorded t0 = 2022-09-14
	rs = append(rs, unknown)
	if _, err := s.AddReports(ctx, nil, rs); err != nil {
		t.Fatal(err)
	}
	all, err := s.FindReports(ctx, frontline.ReportFilter{})
	if err != nil || len(all) != 4 {
		t.Fatalf("all: %d %v", len(all), err)
	}
	if all[0].ID != rs[1].ID || all[1].ID != rs[0].ID || all[2].ID != rs[2].ID || all[3].ID != unknown.ID {
		t.Fatalf("order: %d %d %d %d", all[0].ID, all[1].ID, all[2].ID, all[3].ID)
	}
	if got, _ := s.FindReports(ctx, frontline.ReportFilter{Source: "reuters"}); len(got) != 1 || got[0].ID != rs[1].ID {
		t.Fatalf("by source: %+v", got)
	}
	if got, _ := s.FindReports(ctx, frontline.ReportFilter{Since: *d(10)}); len(got) != 3 {
		t.Fatalf("since 10th: %d", len(got))
	}
	if got, _ := s.FindReports(ctx, frontline.ReportFilter{Since: *d(9), Until: *d(11)}); len(got) != 1 || got[0].ID != rs[0].ID {
		t.Fatalf("window: %+v", got)
	}
	if got, _ := s.FindReports(ctx, frontline.ReportFilter{Limit: 2, Offset: 1, WithRaw: true}); len(got) != 2 || got[0].ID != rs[0].ID || got[0].Raw == nil {
		t.Fatalf("page: %+v", got)
	}
}

func testSources(t *testing.T, s frontline.SourceStore) {
	ctx := context.Background()
	if _, err := s.FindSource(ctx, "ISW"); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("FindSource(empty) = %v", err)
	}
	isw := &frontline.Source{Name: "Institute for the Study of War", Kind: frontline.SourceThinkTank, Side: frontline.SideNeutral,
		Reliability: frontline.ReliabilityB, Reason: "maps its claims to evidence", Aliases: []string{"ISW", " isw ", "understandingwar.org"},
		Origin: "default", UpdatedAt: t0}
	if err := s.PutSource(ctx, isw); err != nil {
		t.Fatal(err)
	}
	if err := s.PutSource(ctx, &frontline.Source{Name: "x", Kind: "blog", Side: frontline.SideNeutral, Reliability: "B", Origin: "user"}); frontline.ErrorCode(err) != frontline.EINVALID {
		t.Fatalf("bad kind: %v", err)
	}
	if err := s.PutSource(ctx, &frontline.Source{Name: "x", Kind: frontline.SourceMedia, Side: frontline.SideNeutral, Reliability: "G", Origin: "user"}); frontline.ErrorCode(err) != frontline.EINVALID {
		t.Fatalf("bad grade: %v", err)
	}
	got, err := s.FindSource(ctx, "institute for the study of war")
	if err != nil {
		t.Fatal(err)
	}
	if got.Reliability != "B" || got.Kind != frontline.SourceThinkTank || len(got.Aliases) != 2 || !got.Matches("isw") || got.Matches("IS") || got.Origin != "default" {
		t.Fatalf("isw = %+v", got)
	}
	// Putting it unchanged adds no grade; grading appends one.
	isw.UpdatedAt = t0.Add(time.Hour)
	if err := s.PutSource(ctx, isw); err != nil {
		t.Fatal(err)
	}
	if err := s.GradeSource(ctx, frontline.SourceGrade{Source: "ISW-nope", Reliability: "A"}); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("grade unknown: %v", err)
	}
	if err := s.GradeSource(ctx, frontline.SourceGrade{Source: isw.Name, Reliability: "C", Reason: "one bad call", RecordedAt: t0.Add(2 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.FindSource(ctx, isw.Name)
	if got.Reliability != "C" || got.Reason != "one bad call" || got.Origin != "user" || !got.UpdatedAt.Equal(t0.Add(2*time.Hour)) {
		t.Fatalf("after grade: %+v", got)
	}
	grades, err := s.FindSourceGrades(ctx, isw.Name)
	if err != nil || len(grades) != 2 || grades[0].Reliability != "B" || grades[1].Reliability != "C" {
		t.Fatalf("grades: %+v %v", grades, err)
	}
	if _, err := s.FindSourceGrades(ctx, "nope"); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("grades of unknown: %v", err)
	}
	if err := s.PutSource(ctx, &frontline.Source{Name: "Reuters", Kind: frontline.SourceMedia, Side: frontline.SideNeutral, Reliability: "B", Origin: "user"}); err != nil {
		t.Fatal(err)
	}
	all, err := s.FindSources(ctx)
	if err != nil || len(all) != 2 || all[0].Name != isw.Name || all[1].Name != "Reuters" || all[1].Aliases == nil {
		t.Fatalf("all: %+v %v", all, err)
	}
}
