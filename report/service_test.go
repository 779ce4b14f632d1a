package report_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline/internal/shareddata"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/report"
	"github.com/frontline-osint/frontline/sqlite"
)

func newService(t *testing.T) (*report.Service, *sqlite.DB) {
	t.Helper()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "f.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s := report.NewService(sqlite.NewReportStore(db), sqlite.NewSourceStore(db))
	clock := time.Date(2022, 9, 14, 0, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	return s, db
}

func shared(t *testing.T, parts ...string) string {
	t.Helper()
	return shareddata.Dir(t, parts...)
}

func TestAddDuplicates(t *testing.T) {
	ctx := context.Background()
	s, _ := newService(t)
	path := shared(t, "articles", "kharkiv-counteroffensive-2022-09.txt")
	pub := time.Date(2022, 9, 10, 12, 0, 0, 0, time.UTC)
	res, err := s.AddFile(ctx, path, report.AddOptions{Source: "the Institute for the Study of War", PublishedAt: &pub})
	if err != nil || res.Outcome != report.Stored || res.Stored != 1 {
		t.Fatalf("first add: %+v %v", res, err)
	}
	id := res.Items[0].ID
	// The same bytes under another name and source: stored once.
	data, _ := os.ReadFile(path)
	again, err := s.AddBytes(ctx, "copy.txt", data, report.AddOptions{Source: "Reuters"})
	if err != nil || again.Outcome != report.Duplicate || again.Items[0].ID != id || again.Stored != 0 {
		t.Fatalf("second add: %+v %v", again, err)
	}
	r, err := s.Reports.FindReport(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if string(r.Raw) != string(data) || r.Source != "Institute for the Study of War" || !r.PublishedAt.Equal(pub) || r.FileName != filepath.Base(path) || r.Hash != report.Hash(data) {
		t.Fatalf("stored: source %q published %v file %q", r.Source, r.PublishedAt, r.FileName)
	}
	all, _ := s.Reports.FindReports(ctx, frontline.ReportFilter{})
	if len(all) != 1 {
		t.Fatalf("%d reports stored", len(all))
	}
}

func TestAddBellingcat(t *testing.T) {
	ctx := context.Background()
	s, _ := newService(t)
	path := shared(t, "events", "bellingcat-civharm-2024-06-02.json")
	res, err := s.AddFile(ctx, path, report.AddOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != report.Stored || res.Stored != 1790 || res.Duplicates != 0 || res.Kind != frontline.ReportBellingcat {
		t.Fatalf("bellingcat: %s stored %d dup %d (%s)", res.Outcome, res.Stored, res.Duplicates, res.Reason)
	}
	got, _ := s.Reports.FindReports(ctx, frontline.ReportFilter{Source: "Bellingcat"})
	if len(got) != 1790 {
		t.Fatalf("%d stored", len(got))
	}
	res, _ = s.AddFile(ctx, path, report.AddOptions{})
	if res.Outcome != report.Duplicate || res.Duplicates != 1790 {
		t.Fatalf("again: %+v", res.Outcome)
	}
	// The whole file is kept beside its records.
	c, err := s.Reports.(*sqlite.ReportStore).ReportContainer(ctx, got[0].Container)
	data, _ := os.ReadFile(path)
	if err != nil || string(c.Raw) != string(data) {
		t.Fatalf("container: %v", err)
	}
}

func TestAddFeedAtomically(t *testing.T) {
	ctx := context.Background()
	s, _ := newService(t)
	feed := `<rss><channel><title>CNN.com - RSS Channel - World</title>
<item><title>Balakliia</title><description>Ukraine retook Balakliia.</description><pubDate>Sat, 10 Sep 2022 10:00:00 GMT</pubDate></item>
<item><title>Izium</title><description>Russia left Izium.</description></item>
</channel></rss>`
	// A feed broken after its first item stores nothing.
	res, err := s.AddBytes(ctx, "broken.xml", []byte(strings.Replace(feed, "</channel>", "</chanel>", 1)), report.AddOptions{})
	if err != nil || res.Outcome != report.Refused || !strings.Contains(res.Reason, "malformed feed") {
		t.Fatalf("broken: %+v %v", res, err)
	}
	if all, _ := s.Reports.FindReports(ctx, frontline.ReportFilter{}); len(all) != 0 {
		t.Fatalf("%d reports from a broken feed", len(all))
	}
	res, err = s.AddBytes(ctx, "cnn.xml", []byte(feed), report.AddOptions{})
	if err != nil || res.Stored != 2 || res.Items[0].Source != "CNN" || res.Items[1].Source != "CNN" {
		t.Fatalf("feed: %+v %v", res, err)
	}
	// One item again inside another feed: a duplicate, the other stored.
	other := strings.Replace(feed, "<title>Izium</title>", "<title>Kupiansk</title>", 1)
	res, _ = s.AddBytes(ctx, "cnn2.xml", []byte(other), report.AddOptions{})
	if res.Outcome != report.Stored || res.Stored != 1 || res.Duplicates != 1 || res.Items[0].Outcome != report.Duplicate {
		t.Fatalf("overlapping feed: %+v", res)
	}
}

func TestAddRefused(t *testing.T) {
	ctx := context.Background()
	s, _ := newService(t)
	dir := t.TempDir()
	big := filepath.Join(dir, "big.html")
	f, _ := os.Create(big)
	f.Truncate(50 << 20) // a 50 MB page, sparse: refused before it is read
	f.Close()
	res, err := s.AddFile(ctx, big, report.AddOptions{})
	if err != nil || res.Outcome != report.Refused || !strings.Contains(res.Reason, "50.0 MiB, over the 20 MiB limit") {
		t.Fatalf("50 MB: %+v %v", res, err)
	}
	res, _ = s.AddBytes(ctx, "wrong.csv", []byte("a,b,c\n1,2,3\n"), report.AddOptions{})
	if res.Outcome != report.Refused || !strings.Contains(res.Reason, "event_date") {
		t.Fatalf("wrong csv: %+v", res)
	}
	res, _ = s.AddFile(ctx, filepath.Join(dir, "missing.txt"), report.AddOptions{})
	if res.Outcome != report.Refused || !strings.Contains(res.Reason, "no such file") {
		t.Fatalf("missing: %+v", res)
	}
}

func TestSources(t *testing.T) {
	ctx := context.Background()
	s, db := newService(t)
	srcs, err := s.FindSources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defs, _ := report.DefaultSources()
	if len(srcs) != len(defs) || len(defs) < 12 {
		t.Fatalf("%d sources seeded of %d defaults", len(srcs), len(defs))
	}
	for _, d := range defs {
		if d.Reason == "" || len(d.Aliases) == 0 {
			t.Errorf("default %s lacks a reason or aliases", d.Name)
		}
	}
	want := map[string]string{"ISW": "B", "General Staff of Ukraine": "C", "Russian Ministry of Defense": "D", "Vitaly Ganchev": "E",
		"AFP": "B", "AP": "B", "Kyiv Independent": "B", "DeepStateMap": "B", "Bellingcat": "B", "Oleg Nikolenko": "C"}
	for alias, grade := range want {
		src, err := s.KnownSource(ctx, alias)
		if err != nil || src == nil || string(src.Reliability) != grade {
			t.Errorf("%s: %+v %v, want grade %s", alias, src, err, grade)
		}
	}
	if s.ResolveSource("https://www.bbc.co.uk/news/world-europe-62849235") != "BBC" || s.ResolveSource("http://rss.cnn.com/rss/edition.rss") != "CNN" ||
		s.ResolveSource("https://www.dailymail.co.uk/news/index.rss") != "dailymail.co.uk" || s.ResolveSource("https://rss.nytimes.com/x") != "nytimes.com" || s.ResolveSource("BBC News - Europe") != "BBC" || s.ResolveSource("Ukrainska Pravda") != "Ukrainska Pravda" {
		t.Error("source resolution")
	}

	// The user's grade wins over the defaults, now and after a restart.
	if _, err := s.GradeSource(ctx, "ISW", "C", "too slow in September 2022"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GradeSource(ctx, "Nobody", "C", "x"); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("grade unknown: %v", err)
	}
	s2 := report.NewService(sqlite.NewReportStore(db), sqlite.NewSourceStore(db))
	isw, _ := s2.KnownSource(ctx, "isw")
	if isw.Reliability != "C" || isw.Origin != "user" {
		t.Fatalf("after restart: %+v", isw)
	}
	grades, _ := s2.Sources.FindSourceGrades(ctx, isw.Name)
	if len(grades) != 2 || grades[0].Reliability != "B" || grades[0].Origin != "default" {
		t.Fatalf("grades: %+v", grades)
	}
	// Seeding again adds no grade rows to untouched defaults.
	s3 := report.NewService(sqlite.NewReportStore(db), sqlite.NewSourceStore(db))
	s3.FindSources(ctx)
	if g, _ := s3.Sources.FindSourceGrades(ctx, "BBC"); len(g) != 1 {
		t.Fatalf("BBC grades after reseeding: %d", len(g))
	}
	// A user's source.
	if err := s.PutSource(ctx, &frontline.Source{Name: "Rybar", Kind: frontline.SourceSocial, Side: frontline.SideRussia, Reliability: "D", Reason: "Milblogger", Aliases: []string{"Рыбарь"}}); err != nil {
		t.Fatal(err)
	}
	if src, _ := s.KnownSource(ctx, "Рыбарь"); src == nil || src.Name != "Rybar" {
		t.Fatalf("user source: %+v", src)
	}
}

// Press cuttings named by date carry that date when the text has none.
func TestPublishedFromFileName(t *testing.T) {
	ctx := context.Background()
	s, db := newService(t)
	res, err := s.AddFile(ctx, shared(t, "articles", "press-2022-09", "2022-09-08-cnn-rss-ukraine-hits-russia-in-northeast.txt"), report.AddOptions{})
	if err != nil || res.Stored != 1 {
		t.Fatalf("add: %+v %v", res, err)
	}
	r, err := sqlite.NewReportStore(db).FindReport(ctx, res.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.PublishedAt == nil || r.PublishedAt.Format("2006-01-02") != "2022-09-08" || !strings.Contains(r.Note, "file name") {
		t.Errorf("published %v, note %q", r.PublishedAt, r.Note)
	}
	// A file not named by date keeps no publication time.
	res, err = s.AddFile(ctx, shared(t, "articles", "kharkiv-counteroffensive-2022-09.txt"), report.AddOptions{})
	if err != nil || res.Stored != 1 {
		t.Fatalf("add: %+v %v", res, err)
	}
	if r, _ := sqlite.NewReportStore(db).FindReport(ctx, res.Items[0].ID); r.PublishedAt != nil {
		t.Errorf("undated file got %v", r.PublishedAt)
	}
}

// A feed item with neither title nor description is refused with its
// reason; the feed's other items are stored. A feed of nothing but such
// items is refused whole.
func TestFeedEmptyItems(t *testing.T) {
	ctx := context.Background()
	s, _ := newService(t)
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>Kyiv Independent</title>
<item><title>Ukraine retakes Balakliia</title><description>Troops entered the town.</description></item>
<item><title> </title><description></description><link>https://example.org/3</link></item>
<item><description>Fighting near Kupiansk.</description></item>
</channel></rss>`
	res, err := s.AddBytes(ctx, "feed.xml", []byte(feed), report.AddOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != report.Stored || res.Stored != 2 || res.RefusedItems != 1 || len(res.Items) != 3 {
		t.Fatalf("feed: %+v", res)
	}
	empty := res.Items[1]
	if empty.Item != 2 || empty.Outcome != report.Refused || empty.ID != 0 || !strings.Contains(empty.Reason, "neither a title nor a description") {
		t.Fatalf("empty item: %+v", empty)
	}
	if res.Items[2].Item != 3 || res.Items[2].Outcome != report.Stored {
		t.Fatalf("item 3: %+v", res.Items[2])
	}
	all, _ := s.Reports.FindReports(ctx, frontline.ReportFilter{})
	for _, r := range all {
		if strings.TrimSpace(r.Text) == "" {
			t.Fatalf("empty report stored: %+v", r)
		}
	}
	if len(all) != 2 {
		t.Fatalf("%d reports stored", len(all))
	}

	res, err = s.AddBytes(ctx, "hollow.xml", []byte(`<rss><channel><item><title/></item><item></item></channel></rss>`), report.AddOptions{})
	if err != nil || res.Outcome != report.Refused || !strings.Contains(res.Reason, "none of the feed's 2 items") {
		t.Fatalf("hollow feed: %+v %v", res, err)
	}
}

// A stored document given again with another publication time keeps the
// stored one, and the result says so.
func TestDuplicatePublished(t *testing.T) {
	ctx := context.Background()
	s, _ := newService(t)
	data := []byte("Ukrainian troops entered Balakliia on Thursday.\n")
	first := time.Date(2022, 9, 10, 0, 0, 0, 0, time.UTC)
	res, err := s.AddBytes(ctx, "a.txt", data, report.AddOptions{PublishedAt: &first})
	if err != nil || res.Stored != 1 {
		t.Fatalf("add: %+v %v", res, err)
	}
	other := time.Date(2022, 9, 12, 6, 30, 0, 0, time.UTC)
	again, err := s.AddBytes(ctx, "a.txt", data, report.AddOptions{PublishedAt: &other})
	if err != nil || again.Outcome != report.Duplicate {
		t.Fatalf("again: %+v %v", again, err)
	}
	want := "already stored as report 1 (published 2022-09-10); --published 2022-09-12 06:30 UTC not applied"
	if again.Items[0].Note != want {
		t.Fatalf("note %q, want %q", again.Items[0].Note, want)
	}
	r, _ := s.Reports.FindReport(ctx, 1)
	if !r.PublishedAt.Equal(first) {
		t.Fatalf("published changed to %v", r.PublishedAt)
	}
	// The same time, or none: no note.
	for _, opt := range []report.AddOptions{{PublishedAt: &first}, {}} {
		if res, err := s.AddBytes(ctx, "a.txt", data, opt); err != nil || res.Items[0].Note != "" {
			t.Fatalf("same time: %+v %v", res, err)
		}
	}
	// A stored report without a publication time says so.
	res, _ = s.AddBytes(ctx, "b.txt", []byte("Undated words about Izium.\n"), report.AddOptions{})
	again, _ = s.AddBytes(ctx, "b.txt", []byte("Undated words about Izium.\n"), report.AddOptions{PublishedAt: &first})
	if !strings.Contains(again.Items[0].Note, fmt.Sprintf("already stored as report %d (publication time unknown)", res.Items[0].ID)) {
		t.Fatalf("undated: %q", again.Items[0].Note)
	}
}

// A publication or evidence time outside 1900–2100 is left unknown, with a
// note: stored as nanoseconds since 1970 it would come back as another year.
func TestTimesOutOfRange(t *testing.T) {
	ctx := context.Background()
	s, db := newService(t)
	res, err := s.AddBytes(ctx, "far.html", []byte(`<html><head><meta property="article:published_time" content="3000-01-01T00:00:00Z"><title>Far</title></head><body><p>Ukrainian troops entered Balakliia.</p></body></html>`), report.AddOptions{})
	if err != nil || res.Stored != 1 {
		t.Fatalf("add: %+v %v", res, err)
	}
	r, err := sqlite.NewReportStore(db).FindReport(ctx, res.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.PublishedAt != nil {
		t.Errorf("published %v, want unknown", r.PublishedAt)
	}
	res, err = s.AddBytes(ctx, "ev.json", []byte(`[{"lon":36.84,"lat":49.46,"time":"3000-01-01T00:00:00Z","description":"flag raised","kind":"video"}]`), report.AddOptions{})
	// An evidence record is about its time and place: one with a time out
	// of range is refused, naming it.
	if err != nil || res.Outcome != report.Refused || !strings.Contains(res.Reason, "3000-01-01") {
		t.Fatalf("add evidence: %+v %v", res, err)
	}
}

// TestExpandPathsSkipsFolderDocs: a folder of press texts is added without
// its README (the data folders here each have one), and a README named on
// its own is still added.
func TestExpandPathsSkipsFolderDocs(t *testing.T) {
	dir := shared(t, "articles", "press-2022-2025")
	files, err := report.ExpandPaths([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 59 {
		t.Errorf("%d files, want the 59 press texts", len(files))
	}
	for _, f := range files {
		if strings.EqualFold(filepath.Base(f), "README.md") {
			t.Errorf("%s added", f)
		}
	}
	readme := filepath.Join(dir, "README.md")
	if files, err := report.ExpandPaths([]string{readme}); err != nil || len(files) != 1 {
		t.Errorf("README named on its own: %v %v", files, err)
	}
	for name, want := range map[string]bool{"README": true, "readme.txt": true, "LICENSE": true, "Licence.md": true, "COPYING": true,
		"CHANGELOG.md": true, "2022-09-10-readme-of-war.txt": false, "notes.md": false, "README-2022-09-10.txt": false} {
		if got := report.IsFolderDoc(name); got != want {
			t.Errorf("IsFolderDoc(%q) = %v", name, got)
		}
	}
}
