package assess_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/assess"
	"github.com/frontline-osint/frontline/extract"
	"github.com/frontline-osint/frontline/report"
)

// benchSettlements is how many settlements the claims are spread over.
const benchSettlements = 400

// claimCorpus builds n claims for the benchmark: the claims the extractor
// reads in the real press texts of September 2022 (the seed article and
// ../shared/data/articles/press-2022-09, those with a control assertion),
// replicated over the benchSettlements most populous real settlements
// within 25 km of the front on DeepState's map of 2022-09-10, with dates
// shifted by -4…+4 days around 2022-09-10 (inside the demo maps) and
// publishers rotated among known and unknown sources, each replica its
// own report. It also returns the geolocated incidents of Bellingcat's
// export as evidence.
func claimCorpus(b testing.TB, n int) ([]frontline.ClaimView, []assess.Evidence, *assess.Timelines, *assess.Registry) {
	b.Helper()
	svc, g := fixture(b)
	ctx := context.Background()
	x := extract.New(g)
	var texts []string
	texts = append(texts, readShared(b, "articles", "kharkiv-counteroffensive-2022-09.txt"))
	dir := filepath.Join("..", "..", "shared", "data", "articles", "press-2022-09")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	pub := time.Date(2022, 9, 10, 0, 0, 0, 0, time.UTC)
	var base []frontline.Claim
	for _, t := range texts {
		ex, err := x.Extract(t, pub)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range ex.Claims {
			if c.Assertion != frontline.AssertAttacked {
				base = append(base, c)
			}
		}
	}
	if len(base) < 50 {
		b.Fatalf("only %d claims in the press texts", len(base))
	}

	// Settlements near the front.
	front, err := svc.FrontDistanceFunc(ctx, "deepstate", day("2022-09-10"), time.Time{})
	if err != nil {
		b.Fatal(err)
	}
	var near []*frontline.Place
	for i := range g.Places {
		p := &g.Places[i]
		if (p.Kind == "city" || p.Kind == "town" || p.Kind == "village") && p.PointSource != "" && front(p.Lon, p.Lat) < 25000 {
			near = append(near, p)
		}
	}
	sort.Slice(near, func(i, j int) bool {
		if near[i].Population != near[j].Population {
			return near[i].Population > near[j].Population
		}
		return near[i].ID < near[j].ID
	})
	if len(near) > benchSettlements {
		near = near[:benchSettlements]
	}
	sources := []string{"BBC", "CNN", "Reuters", "", "The Kyiv Independent", "a local channel"}
	cs := make([]frontline.ClaimView, n)
	for k := range cs {
		c := base[k%len(base)]
		p := near[(k/7)%len(near)]
		c.PlaceID, c.PlaceName = p.ID, p.Name
		c.RefersTo = day("2022-09-10").Start.AddDate(0, 0, k%9-4).Format("2006-01-02")
		r := int64(k/len(base) + 1)
		cs[k] = frontline.ClaimView{Claim: c, ReportID: r, Index: k % len(base), Source: sources[int(r)%len(sources)], PublishedAt: &pub}
	}

	// Bellingcat's incidents.
	data := readShared(b, "events", "bellingcat-civharm-2024-06-02.json")
	parsed, err := report.Parse("bellingcat-civharm-2024-06-02.json", []byte(data))
	if err != nil {
		b.Fatal(err)
	}
	var ev []assess.Evidence
	for _, r := range parsed.Reports {
		if e := r.Evidence; e != nil && e.Time != nil {
			ev = append(ev, assess.Evidence{Kind: e.Kind, Lon: e.Lon, Lat: e.Lat, Time: *e.Time, Description: e.Description, Source: "Bellingcat"})
		}
	}

	tl := assess.NewTimelines(svc, "deepstate", time.Time{}, g)
	ids := map[string]bool{}
	var list []string
	for _, c := range cs {
		if !ids[c.PlaceID] {
			ids[c.PlaceID] = true
			list = append(list, c.PlaceID)
		}
	}
	if err := tl.Preload(ctx, list, 4); err != nil {
		b.Fatal(err)
	}
	return cs, ev, tl, registry(b)
}

// BenchmarkReassess10k re-assesses 10,000 claims after a new report: every
// claim graded against the others, the evidence and the layer, the
// contradictions found, and the assessed timelines built. The layer's
// timelines were read before (a running server keeps them; they are read
// again only when new maps arrive).
func BenchmarkReassess10k(b *testing.B) {
	cs, ev, tl, reg := claimCorpus(b, 10000)
	_, g := fixture(b)
	a := &assess.Assessor{Layer: tl, Sources: reg, Point: assess.PointFunc(context.Background(), g)}
	work := make([]frontline.ClaimView, len(cs))
	b.ResetTimer()
	var cons, periods int
	for b.Loop() {
		copy(work, cs)
		out, err := a.Assess(context.Background(), work, ev)
		if err != nil {
			b.Fatal(err)
		}
		ts := assess.AssessedTimelines(work)
		cons, periods = len(out), 0
		for _, t := range ts {
			periods += len(t.Periods)
		}
	}
	b.ReportMetric(float64(cons), "contradictions")
	b.ReportMetric(float64(periods), "periods")
}

// TestCorpusGrades: the benchmark's corpus is graded sensibly: every
// claim has a grade and reasons, and claims the layer backs are not worse
// than those it contradicts on average.
func TestCorpusGrades(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every press text and 400 timelines")
	}
	cs, ev, tl, reg := claimCorpus(t, 10000)
	_, g := fixture(t)
	a := &assess.Assessor{Layer: tl, Sources: reg, Point: assess.PointFunc(context.Background(), g)}
	start := time.Now()
	cons, err := a.Assess(context.Background(), cs, ev)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	sum := map[string][2]int{}
	for _, c := range cs {
		if c.Credibility < 1 || c.Credibility > 6 || len(c.Reasons) == 0 {
			t.Fatalf("ungraded: %+v", c)
		}
		for _, r := range c.Reasons {
			for _, k := range []string{"deepstate agrees", "deepstate disagrees"} {
				if strings.HasPrefix(r, k) {
					s := sum[k]
					sum[k] = [2]int{s[0] + c.Credibility, s[1] + 1}
				}
			}
		}
	}
	agree, disagree := sum["deepstate agrees"], sum["deepstate disagrees"]
	if agree[1] == 0 || disagree[1] == 0 {
		t.Fatalf("no claims the layer agrees or disagrees with: %v", sum)
	}
	ma, md := float64(agree[0])/float64(agree[1]), float64(disagree[0])/float64(disagree[1])
	t.Logf("10,000 claims in %v: %d contradictions; mean credibility where DeepState agrees %.2f (%d), disagrees %.2f (%d)", took, len(cons), ma, agree[1], md, disagree[1])
	if ma >= md {
		t.Errorf("claims the map backs grade %.2f, those it contradicts %.2f", ma, md)
	}
}
