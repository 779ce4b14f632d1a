package claims_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/claims"
	"github.com/frontline-osint/frontline/extract"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/geo"
	"github.com/frontline-osint/frontline/report"
	"github.com/frontline-osint/frontline/sqlite"
)

var (
	gazOnce sync.Once
	gaz     *gazetteer.Gazetteer
	ext     *extract.Extractor
	gazErr  error
)

// loadExtractor loads the embedded gazetteer and the extractor once per
// test binary.
func loadExtractor(tb testing.TB) (*gazetteer.Gazetteer, *extract.Extractor) {
	tb.Helper()
	gazOnce.Do(func() {
		places, err := gazetteer.LoadEmbedded()
		if err != nil {
			gazErr = err
			return
		}
		gaz = gazetteer.New(places)
		ext = extract.New(gaz)
	})
	if gazErr != nil {
		tb.Fatal(gazErr)
	}
	return gaz, ext
}

var articles = filepath.Join("..", "..", "shared", "data", "articles")

func needData(tb testing.TB) {
	tb.Helper()
	if _, err := os.Stat(articles); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatal(err)
		}
		tb.Skip(err)
	}
}

// env is a database with the report and claims services on it.
type env struct {
	db      *sqlite.DB
	reports *report.Service
	claims  *claims.Service
}

func newEnv(tb testing.TB) *env {
	tb.Helper()
	g, x := loadExtractor(tb)
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "f.db"))
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	rs, ss := sqlite.NewReportStore(db), sqlite.NewSourceStore(db)
	svc := claims.NewService(rs, ss, sqlite.NewExtractionStore(db), x, g)
	svc.Version = "test-1"
	return &env{db: db, reports: report.NewService(rs, ss), claims: svc}
}

func (e *env) add(tb testing.TB, path string, opt report.AddOptions) {
	tb.Helper()
	files, err := report.ExpandPaths([]string{path})
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range files {
		res, err := e.reports.AddFile(context.Background(), f, opt)
		if err != nil {
			tb.Fatal(err)
		}
		if res.Outcome == report.Refused {
			tb.Fatalf("%s refused: %s", f, res.Reason)
		}
	}
}

func day(s string) *time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return &t
}

// placeID resolves a name through the gazetteer, as a user's --place is.
func placeID(tb testing.TB, name string) string {
	tb.Helper()
	g, _ := loadExtractor(tb)
	cs, err := g.Search(gazetteer.Query{Text: name, Limit: 1})
	if err != nil {
		tb.Fatal(err)
	}
	return cs[0].Place.ID
}

// seed ingests the seed article (published on Saturday 2022-09-10) and the
// press files.
func (e *env) seed(tb testing.TB) {
	e.add(tb, filepath.Join(articles, "kharkiv-counteroffensive-2022-09.txt"), report.AddOptions{PublishedAt: day("2022-09-10")})
	e.add(tb, filepath.Join(articles, "press-2022-09"), report.AddOptions{})
}

func TestExtractPending(t *testing.T) {
	needData(t)
	ctx := context.Background()
	e := newEnv(t)
	e.seed(t)
	all, err := e.reports.Reports.FindReports(ctx, frontline.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var calls, lastDone, lastTotal int
	res, err := e.claims.ExtractPending(ctx, func(done, total int) { calls, lastDone, lastTotal = calls+1, done, total })
	if err != nil {
		t.Fatal(err)
	}
	if res.Reports != len(all) || res.Claims == 0 || res.Places == 0 || res.Version != "test-1" || lastDone != len(all) || lastTotal != len(all) ||
		calls != (len(all)+63)/64 {
		t.Fatalf("extract: %+v for %d reports; progress %d calls, last %d/%d", res, len(all), calls, lastDone, lastTotal)
	}
	t.Logf("%d reports: %d places, %d claims, %d numbers, %d failed, %d bytes of text", res.Reports, res.Places, res.Claims, res.Numbers, res.Failed, res.TextBytes)
	// Nothing is pending any more.
	if again, err := e.claims.ExtractPending(ctx, nil); err != nil || again.Reports != 0 {
		t.Fatalf("second run: %+v %v", again, err)
	}

	// Claims about Balakliia: Ganchev's, with his side from the text and his
	// grade from the registry.
	balakliia := placeID(t, "Balakliia")
	cs, err := e.claims.Claims(ctx, frontline.ClaimFilter{PlaceID: balakliia})
	if err != nil {
		t.Fatal(err)
	}
	var ganchev *frontline.ClaimView
	for i, c := range cs {
		if c.PlaceID != balakliia {
			t.Errorf("claim at %s in a query for Balakliia", c.PlaceID)
		}
		if strings.Contains(c.Speaker, "Ganchev") && c.Assertion == frontline.AssertUnderControl {
			ganchev = &cs[i]
		}
	}
	if ganchev == nil {
		t.Fatalf("Ganchev's claim not among %d claims about Balakliia", len(cs))
	}
	if ganchev.SpeakerSide != frontline.SideRussia || ganchev.Side != frontline.SideRussia || ganchev.SpeakerSource != "Russian-appointed officials" ||
		ganchev.SpeakerReliability != frontline.ReliabilityE || ganchev.PublishedAt == nil || !ganchev.PublishedAt.Equal(*day("2022-09-10")) ||
		ganchev.Kind != frontline.ReportText || ganchev.Version != "test-1" || !strings.Contains(ganchev.Quote, "under our control") {
		t.Fatalf("Ganchev's claim: %+v", ganchev)
	}
	// Claims of other publishers about Balakliia too, in time order.
	reportsSeen := map[int64]bool{}
	for i, c := range cs {
		reportsSeen[c.ReportID] = true
		if i > 0 {
			prev, cur := cs[i-1], c
			pt, ct := claimTime(prev), claimTime(cur)
			if ct.Before(pt) || (ct.Equal(pt) && (cur.ReportID < prev.ReportID || cur.ReportID == prev.ReportID && cur.Index <= prev.Index)) {
				t.Errorf("claims out of order at %d: %v/%d/%d after %v/%d/%d", i, ct, cur.ReportID, cur.Index, pt, prev.ReportID, prev.Index)
			}
		}
	}
	if len(reportsSeen) < 2 {
		t.Errorf("claims about Balakliia come from %d report(s); the press files name it too", len(reportsSeen))
	}

	// Every claim's offsets give its quote in its report's text.
	every, err := e.claims.Claims(ctx, frontline.ClaimFilter{})
	if err != nil || len(every) != res.Claims {
		t.Fatalf("all claims: %d, %v; extraction counted %d", len(every), err, res.Claims)
	}
	texts := map[int64]string{}
	for _, r := range all {
		texts[r.ID] = r.Text
	}
	for _, c := range every {
		if text := texts[c.ReportID]; c.Start < 0 || c.End > len(text) || c.Start > c.End || text[c.Start:c.End] != c.Quote {
			t.Errorf("report %d claim %d: offsets %d–%d do not give its quote %.60q", c.ReportID, c.Index, c.Start, c.End, c.Quote)
		}
		if c.Reasons == nil || c.Hedges == nil {
			t.Errorf("claim with null lists: %+v", c)
		}
	}

	// Filters: since, limit, report.
	since := time.Date(2022, 9, 10, 12, 0, 0, 0, time.UTC)
	later, err := e.claims.Claims(ctx, frontline.ClaimFilter{Since: since})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range later {
		if claimTime(c).Before(since) {
			t.Errorf("claim of %v since %v", claimTime(c), since)
		}
	}
	if len(later) == 0 || len(later) >= len(every) {
		t.Errorf("%d of %d claims since %v", len(later), len(every), since)
	}
	if two, err := e.claims.Claims(ctx, frontline.ClaimFilter{PlaceID: balakliia, Limit: 2}); err != nil || len(two) != 2 || two[0].Quote != cs[0].Quote {
		t.Errorf("limit 2: %d %v", len(two), err)
	}
	if one, err := e.claims.Claims(ctx, frontline.ClaimFilter{ReportID: ganchev.ReportID}); err != nil || len(one) == 0 {
		t.Errorf("claims of report %d: %d %v", ganchev.ReportID, len(one), err)
	} else {
		for _, c := range one {
			if c.ReportID != ganchev.ReportID {
				t.Errorf("claim of report %d in a query for %d", c.ReportID, ganchev.ReportID)
			}
		}
	}
	if _, err := e.claims.Claims(ctx, frontline.ClaimFilter{Limit: -1}); frontline.ErrorCode(err) != frontline.EINVALID {
		t.Errorf("negative limit: %v", err)
	}

	// The report's extraction, as the report view reads it.
	x, err := e.claims.ReportExtraction(ctx, ganchev.ReportID)
	if err != nil || x.Version != "test-1" || len(x.Extraction.Places) == 0 {
		t.Fatalf("extraction: %+v %v", x, err)
	}
	if _, err := e.claims.ReportExtraction(ctx, 999999); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Errorf("extraction of a missing report: %v", err)
	}

	// A new extractor version reads every report again; until it has, the
	// old claims stay visible, and afterwards both versions are kept.
	e.claims.Version = "test-2"
	if again, err := e.claims.ExtractPending(ctx, nil); err != nil || again.Reports != len(all) || again.Claims != res.Claims {
		t.Fatalf("new version: %+v %v", again, err)
	}
	if cs2, err := e.claims.Claims(ctx, frontline.ClaimFilter{PlaceID: balakliia}); err != nil || len(cs2) != len(cs) || cs2[0].Version != "test-2" {
		t.Fatalf("claims after re-extraction: %d %v", len(cs2), err)
	}
	old, err := sqlite.NewExtractionStore(e.db).FindClaims(ctx, frontline.ClaimQuery{PlaceID: balakliia, Version: "test-1"})
	if err != nil || len(old) != len(cs) {
		t.Fatalf("the first version's claims: %d %v", len(old), err)
	}
}

func claimTime(c frontline.ClaimView) time.Time {
	if c.PublishedAt != nil {
		return *c.PublishedAt
	}
	return c.RecordedAt
}

// TestClaimRecords: a structured claim is stored as stated, its place
// resolved through the gazetteer and its speaker's side through the
// registry; a place the gazetteer does not know is kept with the reason.
func TestClaimRecords(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	path := filepath.Join(t.TempDir(), "claims.jsonl")
	lines := `{"place": "Balakliya", "assertion": "under control of", "side": "russia", "speaker": "Vitaly Ganchev", "time": "2022-09-09T18:00:00+03:00", "quote": "It's under our control.", "source": "RIA Novosti", "published": "2022-09-09T18:00:00Z"}
{"place": "Xyzzyville", "assertion": "captured", "side": "ukraine", "quote": "Xyzzyville was captured."}
`
	if err := os.WriteFile(path, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	e.add(t, path, report.AddOptions{})
	res, err := e.claims.ExtractPending(ctx, nil)
	if err != nil || res.Reports != 2 || res.Claims != 2 || res.Failed != 1 {
		t.Fatalf("extract: %+v %v", res, err)
	}
	cs, err := e.claims.Claims(ctx, frontline.ClaimFilter{PlaceID: placeID(t, "Balakliia")})
	if err != nil || len(cs) != 1 {
		t.Fatalf("claims at Balakliia: %d %v", len(cs), err)
	}
	c := cs[0]
	if c.Assertion != frontline.AssertUnderControl || c.Side != frontline.SideRussia || c.SpeakerSide != frontline.SideRussia || c.Speaker != "Vitaly Ganchev" ||
		c.RefersTo != "2022-09-09" || c.Quote != "It's under our control." || c.Start != 0 || c.End != len(c.Quote) || c.PlaceName != "Balakliia" ||
		c.Mention != "Balakliya" || c.Source != "RIA Novosti" || c.SourceReliability != "" || c.Kind != frontline.ReportClaimsJSONL {
		t.Fatalf("claim record read as %+v", c)
	}
	x, err := e.claims.ReportExtraction(ctx, c.ReportID+1)
	if err != nil || !strings.Contains(x.Error, "Xyzzyville") || len(x.Extraction.Claims) != 1 || x.Extraction.Claims[0].PlaceID != "" ||
		x.Extraction.Claims[0].Assertion != frontline.AssertCaptured {
		t.Fatalf("unknown place: %+v %v", x, err)
	}
}

// TestEvidence: observations carry no claims; each is tied to the
// settlement it names, or else to the nearest one, which a brute-force
// search over the gazetteer confirms.
func TestEvidence(t *testing.T) {
	needData(t)
	ctx := context.Background()
	e := newEnv(t)
	path := filepath.Join(t.TempDir(), "evidence.json")
	recs := `[{"lon": 36.8372, "lat": 49.4627, "time": "2022-09-10T09:00:00Z", "description": "Ukrainian soldiers raise the flag over Balakliia", "location": "Balakliia", "kind": "video"},
{"lon": 37.6094, "lat": 49.7098, "time": "2022-09-10", "description": "Convoy on a road", "kind": "photo"},
{"lon": 30.0, "lat": 45.0, "description": "Black Sea", "kind": "satellite"}]`
	if err := os.WriteFile(path, []byte(recs), 0o644); err != nil {
		t.Fatal(err)
	}
	e.add(t, path, report.AddOptions{})
	e.add(t, filepath.Join(articles, "..", "events", "bellingcat-civharm-2024-06-02.json"), report.AddOptions{})
	res, err := e.claims.ExtractPending(ctx, nil)
	if err != nil || res.Claims != 0 || res.Reports < 100 {
		t.Fatalf("extract: %+v %v", res, err)
	}
	xs, err := sqlite.NewExtractionStore(e.db).FindExtractions(ctx, frontline.ExtractionFilter{})
	if err != nil || len(xs) != res.Reports {
		t.Fatalf("%d extractions for %d reports: %v", len(xs), res.Reports, err)
	}
	// The flag video names Balakliia, whose name is in its text.
	flag := strings.Index("Ukrainian soldiers raise the flag over Balakliia", "Balakliia")
	m := xs[0].Extraction.Places
	if len(m) != 1 || m[0].Place.ID != placeID(t, "Balakliia") || m[0].Reason == "nearest" || m[0].Mention != "Balakliia" || m[0].Start != flag || m[0].End != flag+len("Balakliia") {
		t.Fatalf("flag video: %+v", m)
	}
	// The sea is near no settlement.
	if len(xs[2].Extraction.Places) != 0 || xs[2].Error != "" {
		t.Fatalf("sea: %+v", xs[2])
	}
	g, _ := loadExtractor(t)
	located := 0
	for i, x := range xs {
		if i == 2 {
			continue
		}
		r, err := e.reports.Reports.FindReport(ctx, x.ReportID)
		if err != nil {
			t.Fatal(err)
		}
		if r.Evidence == nil {
			t.Fatalf("report %d has no evidence", r.ID)
		}
		want, wantKm := bruteNearest(g, r.Evidence.Lon, r.Evidence.Lat)
		ps := x.Extraction.Places
		if len(ps) == 1 && ps[0].Reason == "nearest" {
			located++
			if ps[0].Place.ID != want.ID {
				t.Errorf("report %d at %.4f,%.4f: nearest %s, brute force %s (%.2f km)", r.ID, r.Evidence.Lon, r.Evidence.Lat, ps[0].Place.Name, want.Name, wantKm)
			}
		} else if len(ps) == 0 && wantKm <= 10 {
			t.Errorf("report %d: no place, but %s is %.2f km away", r.ID, want.Name, wantKm)
		}
	}
	if located < len(xs)/2 {
		t.Errorf("only %d of %d observations tied to a settlement", located, len(xs))
	}
	t.Logf("%d of %d observations tied to the nearest settlement", located, len(xs))
}

func bruteNearest(g *gazetteer.Gazetteer, lon, lat float64) (*frontline.Place, float64) {
	var best *frontline.Place
	bestKm := math.Inf(1)
	for i := range g.Places {
		p := &g.Places[i]
		// Beyond this box every place is more than 10 km away.
		if p.Kind != "city" && p.Kind != "town" && p.Kind != "village" || p.Lon == 0 && p.Lat == 0 || math.Abs(p.Lat-lat) > 0.2 || math.Abs(p.Lon-lon) > 0.3 {
			continue
		}
		if d := geo.DistanceM(lon, lat, p.Lon, p.Lat) / 1000; d < bestKm || d == bestKm && p.ID < best.ID {
			best, bestKm = p, d
		}
	}
	return best, bestKm
}
