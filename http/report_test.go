package http_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/claims"
	"github.com/frontline-osint/frontline/extract"
	fhttp "github.com/frontline-osint/frontline/http"
	"github.com/frontline-osint/frontline/report"
	"github.com/frontline-osint/frontline/sqlite"
)

var (
	extOnce sync.Once
	ext     *extract.Extractor
)

// reportEnv is a report database served by a server.
type reportEnv struct {
	reports *report.Service
	claims  *claims.Service
}

// wireReports gives s a report database of its own (the gazetteer must be
// set) holding the seed article, published on Saturday 2022-09-10, read.
//
// A server's assessment grades the claims it serves, so it must read the
// same claims: wireReports rewires it (assess_test.go) when s has one.
func wireReports(t *testing.T, s *fhttp.Server) *reportEnv {
	t.Helper()
	extOnce.Do(func() { ext = extract.New(gaz) })
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "reports.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rs, ss := sqlite.NewReportStore(db), sqlite.NewSourceStore(db)
	e := &reportEnv{reports: report.NewService(rs, ss), claims: claims.NewService(rs, ss, sqlite.NewExtractionStore(db), ext, gaz)}
	e.claims.Version = "test"
	s.Reports, s.Sources, s.Claims = rs, ss, e.claims
	if s.Assessment != nil {
		wireAssessment(s, e)
	}
	e.add(t, seedArticle(t), report.AddOptions{PublishedAt: ptr(time.Date(2022, 9, 10, 0, 0, 0, 0, time.UTC))})
	return e
}

func ptr[T any](v T) *T { return &v }

func seedArticle(t *testing.T) string {
	return filepath.Join("..", "..", "shared", "data", "articles", "kharkiv-counteroffensive-2022-09.txt")
}

// add ingests files and reads them.
func (e *reportEnv) add(t *testing.T, path string, opt report.AddOptions) {
	t.Helper()
	ctx := context.Background()
	files, err := report.ExpandPaths([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if res, err := e.reports.AddFile(ctx, f, opt); err != nil || res.Outcome == report.Refused {
			t.Fatalf("%s: %v %+v", f, err, res)
		}
	}
	if _, err := e.claims.ExtractPending(ctx, nil); err != nil {
		t.Fatal(err)
	}
}

type claimJSON struct {
	frontline.Claim
	ReportID          int64      `json:"report_id"`
	Source            string     `json:"source"`
	PublishedAt       *time.Time `json:"published_at"`
	RecordedAt        time.Time  `json:"recorded_at"`
	SpeakerSource     string     `json:"speaker_source"`
	SourceReliability string     `json:"source_reliability"`
}

func TestReportRoutes(t *testing.T) {
	s := MustOpenPlacesServer(t)
	e := wireReports(t, s)
	e.add(t, filepath.Join("..", "..", "shared", "data", "articles", "press-2022-09"), report.AddOptions{})
	dir := t.TempDir()
	script := "Balakliia <script>alert(1)</script> & more: Russian forces withdrew from Izium, the Russian Ministry of Defense said.\n"
	os.WriteFile(filepath.Join(dir, "script.txt"), []byte(script), 0o644)
	e.add(t, filepath.Join(dir, "script.txt"), report.AddOptions{Source: "Reuters", PublishedAt: ptr(time.Date(2022, 9, 11, 0, 0, 0, 0, time.UTC))})
	u := s.URL() + "/api/v1"

	// The list: no text, no bytes.
	resp, body := fetch(t, u+"/reports?limit=1000")
	var list struct {
		Reports []map[string]any
		Limit   int
	}
	if err := json.Unmarshal(body, &list); err != nil || resp.StatusCode != 200 || len(list.Reports) < 100 || list.Limit != 1000 {
		t.Fatalf("reports: %d %v %d", resp.StatusCode, err, len(list.Reports))
	}
	for _, r := range list.Reports {
		if _, ok := r["text"]; ok {
			t.Fatalf("the list carries text: %v", r)
		}
		if _, ok := r["raw"]; ok {
			t.Fatalf("the list carries bytes: %v", r)
		}
	}
	if list.Reports[0]["text_bytes"].(float64) == 0 {
		t.Errorf("text_bytes: %v", list.Reports[0])
	}
	var cnn struct {
		Reports []struct{ Source, Kind string }
	}
	get(t, u+"/reports?source=cnn.com&kind=feed-jsonl&since=2022-09-08&limit=5", &cnn)
	if len(cnn.Reports) != 5 {
		t.Fatalf("CNN feed entries: %+v", cnn)
	}
	for _, r := range cnn.Reports {
		if r.Source != "CNN" || r.Kind != "feed-jsonl" {
			t.Errorf("CNN filter: %+v", r)
		}
	}

	// One report: its text, its extraction, offsets that give the quotes.
	var one struct {
		Report     frontline.Report
		SourceInfo *frontline.Source `json:"source_info"`
		Extraction *frontline.StoredExtraction
	}
	get(t, u+"/reports/1", &one)
	x, text := one.Extraction, one.Report.Text
	if one.Report.ID != 1 || text == "" || x == nil || x.Version != "test" || len(x.Extraction.Claims) == 0 || len(x.Extraction.Places) == 0 || len(x.Extraction.Numbers) == 0 {
		t.Fatalf("report 1: %+v", one)
	}
	for _, c := range x.Extraction.Claims {
		if text[c.Start:c.End] != c.Quote {
			t.Errorf("claim offsets %d–%d give %q, not %q", c.Start, c.End, text[c.Start:c.End], c.Quote)
		}
	}
	for _, m := range x.Extraction.Places {
		if text[m.Start:m.End] != m.Mention {
			t.Errorf("place offsets %d–%d give %q, not %q", m.Start, m.End, text[m.Start:m.End], m.Mention)
		}
	}
	for _, n := range x.Extraction.Numbers {
		if text[n.Start:n.End] != n.Quote {
			t.Errorf("number offsets %d–%d give %q, not %q", n.Start, n.End, text[n.Start:n.End], n.Quote)
		}
	}

	// Text is data: served as JSON with markup escaped, never as HTML.
	var last struct{ Reports []struct{ ID int64 } }
	get(t, u+"/reports?source=Reuters", &last)
	if len(last.Reports) != 1 {
		t.Fatalf("Reuters: %+v", last)
	}
	resp, body = fetch(t, u+"/reports/"+itoa(last.Reports[0].ID))
	if resp.Header.Get("Content-Type") != "application/json; charset=utf-8" || strings.Contains(string(body), "<script>") {
		t.Fatalf("markup served raw: %s %s", resp.Header.Get("Content-Type"), body)
	}
	if err := json.Unmarshal(body, &one); err != nil || one.Report.Text != script || one.SourceInfo == nil || one.SourceInfo.Name != "Reuters" {
		t.Fatalf("script report: %v %+v", err, one.Report)
	}

	// Claims about Balakliia, by name or ID: Ganchev's among them.
	var byName, byID struct {
		PlaceID string `json:"place_id"`
		Claims  []claimJSON
	}
	get(t, u+"/claims?place=Balakliya", &byName)
	get(t, u+"/claims?place=UA63040010010039074", &byID)
	if byName.PlaceID != "UA63040010010039074" || len(byName.Claims) < 5 || len(byName.Claims) != len(byID.Claims) {
		t.Fatalf("claims about Balakliia: %s %d, by ID %d", byName.PlaceID, len(byName.Claims), len(byID.Claims))
	}
	ganchev := false
	for _, c := range byName.Claims {
		if c.PlaceID != "UA63040010010039074" {
			t.Errorf("claim about %s", c.PlaceID)
		}
		if strings.Contains(c.Speaker, "Ganchev") && c.SpeakerSide == frontline.SideRussia && c.Assertion == frontline.AssertUnderControl && c.ReportID == 1 &&
			c.SpeakerSource == "Russian-appointed officials" && c.PublishedAt != nil && c.PublishedAt.Format("2006-01-02") == "2022-09-10" {
			ganchev = true
		}
	}
	if !ganchev {
		t.Errorf("Ganchev's claim missing: %+v", byName.Claims)
	}
	var ofReport struct{ Claims []claimJSON }
	get(t, u+"/claims?report="+itoa(last.Reports[0].ID), &ofReport)
	if len(ofReport.Claims) == 0 {
		t.Fatal("no claims of the Reuters report")
	}
	for _, c := range ofReport.Claims {
		if c.ReportID != last.Reports[0].ID || c.Source != "Reuters" || c.SourceReliability != "B" {
			t.Errorf("claim of the Reuters report: %+v", c)
		}
	}
	var page struct{ Claims []claimJSON }
	get(t, u+"/claims?place=Balakliia&limit=2&offset=1", &page)
	if len(page.Claims) != 2 || page.Claims[0].Quote != byName.Claims[1].Quote {
		t.Errorf("page: %+v", page.Claims)
	}
	var since struct{ Claims []claimJSON }
	get(t, u+"/claims?since=2022-09-11&until=2022-09-11T23:59:59Z", &since)
	for _, c := range since.Claims {
		at := c.RecordedAt
		if c.PublishedAt != nil {
			at = *c.PublishedAt
		}
		if at.Format("2006-01-02") != "2022-09-11" {
			t.Errorf("claim of %v on 2022-09-11", at)
		}
	}
	if len(since.Claims) == 0 {
		t.Error("no claims on 2022-09-11")
	}

	var srcs struct{ Sources []frontline.Source }
	get(t, u+"/sources", &srcs)
	if !slices.ContainsFunc(srcs.Sources, func(s frontline.Source) bool {
		return s.Name == "Institute for the Study of War" && s.Reliability == "B" && s.Reason != ""
	}) {
		t.Errorf("sources: %+v", srcs.Sources)
	}

	// Bad parameters: 400 naming the parameter; unknown IDs: 404.
	for _, c := range []struct {
		path  string
		code  int
		param string
	}{
		{"/reports?limit=0", 400, "limit"},
		{"/reports?limit=x", 400, "limit"},
		{"/reports?offset=-1", 400, "offset"},
		{"/reports?kind=pdf", 400, "kind"},
		{"/reports?since=yesterday", 400, "since"},
		{"/reports?since=2022-09-12&until=2022-09-10", 400, "until"},
		{"/reports/abc", 400, "id"},
		{"/reports/0", 400, "id"},
		{"/reports/99999", 404, "id"},
		{"/claims?report=x", 400, "report"},
		{"/claims?report=99999", 404, "report"},
		{"/claims?place=Qwqwqwqwqwqw", 404, "place"},
		{"/claims?limit=9999", 400, "limit"},
		{"/claims?until=13/13/2022", 400, "until"},
	} {
		resp, body := fetch(t, u+c.path)
		var e fhttp.ErrorResponse
		if err := json.Unmarshal(body, &e); err != nil || resp.StatusCode != c.code || e.Error.Param != c.param || e.Error.Message == "" {
			t.Errorf("%s: %d %s; want %d naming %q", c.path, resp.StatusCode, body, c.code, c.param)
		}
	}

	// A server without reports says so.
	bare := MustOpenServer(t)
	for _, p := range []string{"/reports", "/reports/1", "/claims", "/sources"} {
		if resp, _ := fetch(t, bare.URL()+"/api/v1"+p); resp.StatusCode != 404 {
			t.Errorf("%s without reports: %d", p, resp.StatusCode)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestReportEvents: a report stored and read by another writer is announced
// on the event stream with its claim count and places.
func TestReportEvents(t *testing.T) {
	s := MustOpenPlacesServer(t)
	e := wireReports(t, s)
	// The server is open: its poll interval (2 s) is not changed here.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL()+"/api/v1/events", nil)
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	for l := range lines {
		if l == ": connected" {
			break
		}
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "note.txt"), []byte("Ukrainian forces recaptured Balakliia on Thursday, the General Staff of Ukraine said.\n"), 0o644)
	e.add(t, filepath.Join(dir, "note.txt"), report.AddOptions{PublishedAt: ptr(time.Date(2022, 9, 10, 0, 0, 0, 0, time.UTC))})

	var rep fhttp.ReportEvent
	var cl fhttp.ClaimsEvent
	event := ""
	timeout := time.After(10 * time.Second)
	for rep.ReportID == 0 || cl.ReportID == 0 {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("stream ended")
			}
			if v, ok := strings.CutPrefix(l, "event: "); ok {
				event = v
			}
			if v, ok := strings.CutPrefix(l, "data: "); ok {
				switch event {
				case "report":
					json.Unmarshal([]byte(v), &rep)
				case "claims":
					json.Unmarshal([]byte(v), &cl)
				}
			}
		case <-timeout:
			t.Fatalf("no report and claims events within 10 s (report %+v, claims %+v)", rep, cl)
		}
	}
	if rep.ReportID != 2 || rep.Kind != frontline.ReportText || rep.PublishedAt == nil || rep.Title == "" {
		t.Errorf("report event %+v", rep)
	}
	if cl.ReportID != 2 || cl.Claims == 0 || cl.Version != "test" || !slices.Contains(cl.PlaceIDs, "UA63040010010039074") {
		t.Errorf("claims event %+v", cl)
	}
}

// TestReportFileBaseName: a report's file is served by its base name, not
// the folders of whoever ingested it — whether stored now (the seed
// article, added by a relative path) or stored whole by an older version.
func TestReportFileBaseName(t *testing.T) {
	s := MustOpenPlacesServer(t)
	old := &frontline.Report{Hash: report.Hash([]byte("old")), Kind: frontline.ReportText, Title: "old", RecordedAt: time.Date(2022, 9, 14, 0, 0, 0, 0, time.UTC),
		FileName: "/home/someone/private/notes/old.txt", Raw: []byte("old"), Text: "old", Lang: "en"}
	if _, err := s.Reports.AddReports(context.Background(), nil, []*frontline.Report{old}); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]string{1: "kharkiv-counteroffensive-2022-09.txt", old.ID: "old.txt"} {
		resp, body := fetch(t, s.URL()+"/api/v1/reports/"+itoa(id))
		var got struct{ Report frontline.Report }
		json.Unmarshal(body, &got)
		if resp.StatusCode != 200 || got.Report.FileName != want || strings.Contains(string(body), "shared/data") || strings.Contains(string(body), "/home/") {
			t.Errorf("report %d: %d file_name %q, want %q", id, resp.StatusCode, got.Report.FileName, want)
		}
	}
	if _, body := fetch(t, s.URL()+"/api/v1/reports"); strings.Contains(string(body), "shared/data") || strings.Contains(string(body), "/home/") {
		t.Errorf("the report list shows folders: %s", body)
	}
}
