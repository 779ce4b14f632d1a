package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/sqlite"
	"github.com/frontline-osint/frontline/storetest"
)

func TestReportStores(t *testing.T) {
	storetest.RunReports(t, func(t *testing.T) (frontline.ReportStore, frontline.SourceStore) {
		db := MustOpenDB(t)
		return sqlite.NewReportStore(db), sqlite.NewSourceStore(db)
	})
}

func TestReportContainer(t *testing.T) {
	ctx := context.Background()
	s := sqlite.NewReportStore(MustOpenDB(t))
	c := &frontline.ReportContainer{Hash: "h", Name: "feed.xml", Kind: frontline.ReportRSSItem, Raw: []byte("<rss/>")}
	r := &frontline.Report{Hash: "r1", Kind: frontline.ReportRSSItem, Raw: []byte("<item/>"), Container: "h"}
	if _, err := s.AddReports(ctx, c, []*frontline.Report{r}); err != nil {
		t.Fatal(err)
	}
	got, err := s.ReportContainer(ctx, "h")
	if err != nil || string(got.Raw) != "<rss/>" || got.Name != "feed.xml" {
		t.Fatalf("container: %+v %v", got, err)
	}
	if _, err := s.ReportContainer(ctx, "nope"); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("unknown container: %v", err)
	}
	// A report naming a container that was not stored fails its batch.
	if _, err := s.AddReports(ctx, nil, []*frontline.Report{{Hash: "r2", Raw: []byte("x"), Container: "missing"}}); err == nil {
		t.Fatal("report with a missing container stored")
	}
}

// A database made before report links existed gains the column on open;
// its reports read back with no links.
func TestReportLinksMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	r := &frontline.Report{Hash: "old", Kind: frontline.ReportText, Raw: []byte("Balakliia"), Text: "Balakliia"}
	if _, err := sqlite.NewReportStore(db).AddReports(ctx, nil, []*frontline.Report{r}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	// Back to the schema before the migration.
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`ALTER TABLE reports DROP COLUMN links`, `DELETE FROM migrations WHERE name LIKE '%report_links%'`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	db = sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := sqlite.NewReportStore(db)
	got, err := s.FindReport(ctx, r.ID)
	if err != nil || got.Links != nil || got.Text != "Balakliia" {
		t.Fatalf("old report: %+v %v", got, err)
	}
	n := &frontline.Report{Hash: "new", Kind: frontline.ReportDeepStateVersion, Raw: []byte("x"), Text: "Балаклію", Links: []frontline.Link{{Start: 0, End: 16, Lon: 36.84, Lat: 49.46}}}
	if _, err := s.AddReports(ctx, nil, []*frontline.Report{n}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.FindReport(ctx, n.ID); err != nil || len(got.Links) != 1 || got.Links[0].End != 16 {
		t.Fatalf("new report: %+v %v", got, err)
	}
}

// TestStoreClock: a recorded time the caller leaves out is the DB's
// injected clock, not the machine's.
func TestStoreClock(t *testing.T) {
	ctx := context.Background()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "f.db"))
	at := time.Date(2022, 9, 14, 8, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return at }
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ss := sqlite.NewSourceStore(db)
	src := &frontline.Source{Name: "Clockwork", Kind: frontline.SourceKind("media"), Side: frontline.SideNeutral, Reliability: frontline.ReliabilityC, Reason: "test", Origin: "user"}
	if err := ss.PutSource(ctx, src); err != nil {
		t.Fatal(err)
	}
	got, err := ss.FindSource(ctx, "Clockwork")
	if err != nil {
		t.Fatal(err)
	}
	if !got.UpdatedAt.Equal(at) {
		t.Errorf("source recorded at %s, want the injected %s", got.UpdatedAt, at)
	}
	rs := sqlite.NewReportStore(db)
	r := &frontline.Report{Hash: "c1", Kind: frontline.ReportText, Raw: []byte("Balakliia"), Text: "Balakliia"}
	if _, err := rs.AddReports(ctx, nil, []*frontline.Report{r}); err != nil {
		t.Fatal(err)
	}
	x := &frontline.StoredExtraction{ReportID: r.ID, Version: "v1"}
	if _, err := sqlite.NewExtractionStore(db).PutExtractions(ctx, []*frontline.StoredExtraction{x}); err != nil {
		t.Fatal(err)
	}
	if !x.RecordedAt.Equal(at) {
		t.Errorf("extraction recorded at %s, want the injected %s", x.RecordedAt, at)
	}
}
