package sqlite_test

import (
	"context"
	"testing"

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
