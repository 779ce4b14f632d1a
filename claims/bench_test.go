package claims_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/report"
	"github.com/frontline-osint/frontline/sqlite"
)

// BenchmarkExtractPending reads every press file (and the seed article)
// anew per iteration, under a new extractor version: loading, extraction on
// all cores, storing. Bytes are those of the texts read.
func BenchmarkExtractPending(b *testing.B) {
	needData(b)
	ctx := context.Background()
	e := newEnv(b)
	e.add(b, filepath.Join(articles, "kharkiv-counteroffensive-2022-09.txt"), report.AddOptions{PublishedAt: day("2022-09-10")})
	e.add(b, filepath.Join(articles, "press-2022-09"), report.AddOptions{})
	var bytes int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.claims.Version = fmt.Sprintf("bench-%d", i)
		res, err := e.claims.ExtractPending(ctx, nil)
		if err != nil || res.Claims == 0 {
			b.Fatal(res, err)
		}
		bytes = res.TextBytes
	}
	b.SetBytes(bytes)
}

// BenchmarkClaimsByPlace asks for one settlement's claims among 20,000
// claims of 5,000 reports about 200 places (about 100 claims each), with
// their reports and graded sources.
func BenchmarkClaimsByPlace(b *testing.B) {
	ctx := context.Background()
	e := newEnv(b)
	g, _ := loadExtractor(b)
	var places []string
	for i := 0; len(places) < 200; i++ {
		if p := g.Places[i*50]; p.Kind == "city" || p.Kind == "village" || p.Kind == "town" {
			places = append(places, p.ID)
		}
	}
	rs := sqlite.NewReportStore(e.db)
	xs := sqlite.NewExtractionStore(e.db)
	t0 := time.Date(2022, 9, 1, 0, 0, 0, 0, time.UTC)
	for batch := 0; batch < 50; batch++ {
		var reps []*frontline.Report
		for i := 0; i < 100; i++ {
			n := batch*100 + i
			pub := t0.Add(time.Duration(n) * time.Minute)
			text := fmt.Sprintf("report %d says things about four places", n)
			reps = append(reps, &frontline.Report{Hash: report.Hash([]byte(text)), Source: []string{"ISW", "Reuters", "someone"}[n%3], Kind: frontline.ReportText,
				Title: text, PublishedAt: &pub, RecordedAt: t0, Raw: []byte(text), Text: text})
		}
		if _, err := rs.AddReports(ctx, nil, reps); err != nil {
			b.Fatal(err)
		}
		var ex []*frontline.StoredExtraction
		for i, r := range reps {
			x := &frontline.StoredExtraction{ReportID: r.ID, Version: "bench", RecordedAt: t0}
			for k := 0; k < 4; k++ {
				x.Extraction.Claims = append(x.Extraction.Claims, frontline.Claim{Quote: r.Text, End: len(r.Text), PlaceID: places[(batch*100+i*4+k)%len(places)],
					Assertion: frontline.AssertLiberated, Side: frontline.SideUkraine, Speaker: "the Institute for the Study of War", RefersTo: "2022-09-10"})
			}
			ex = append(ex, x)
		}
		if _, err := xs.PutExtractions(ctx, ex); err != nil {
			b.Fatal(err)
		}
	}
	if err := e.reports.SeedSources(ctx); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		cs, err := e.claims.Claims(ctx, frontline.ClaimFilter{PlaceID: places[i%len(places)]})
		if err != nil || len(cs) < 50 {
			b.Fatal(len(cs), err)
		}
		n += len(cs)
	}
	b.ReportMetric(float64(n)/float64(b.N), "claims/op")
}
