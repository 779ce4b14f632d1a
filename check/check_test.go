package check

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/assess"
	"github.com/frontline-osint/frontline/gazetteer"
)

func service(t *testing.T) *Service {
	t.Helper()
	g, err := gazetteer.OpenEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2022, 9, 14, 8, 0, 0, 0, time.UTC)
	return &Service{Places: g, Now: func() time.Time { return now }}
}

const doc = "Ukrainian troops liberated Balakliia on Thursday.\nRussian forces withdrew from Izium, the Russian Ministry of Defense said.\n"

// TestCheckWithoutStore: with no store the document is weighed alone; the
// publication day comes from the request, else the name, else now with a
// note; the layer note says why no layer was used.
func TestCheckWithoutStore(t *testing.T) {
	s := service(t)
	ctx := context.Background()
	pub := time.Date(2022, 9, 10, 0, 0, 0, 0, time.UTC)
	res, err := s.Check(ctx, frontline.CheckRequest{Name: "x.txt", Data: []byte(doc), Published: &pub, Layer: "deepstate"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Published != "2022-09-10T00:00:00Z" || res.PublishedNote != "" || res.Layer != "" || !strings.Contains(res.LayerNote, "not loaded") || res.StoredClaims != 0 {
		t.Errorf("published %s (%q), layer %q (%q), stored %d", res.Published, res.PublishedNote, res.Layer, res.LayerNote, res.StoredClaims)
	}
	if len(res.Claims) < 2 || len(res.Places) < 2 {
		t.Fatalf("%d claims, %d places", len(res.Claims), len(res.Places))
	}
	for _, c := range res.Claims {
		if res.Text[c.Start:c.End] != c.Quote || c.Credibility < 1 || c.Credibility > 6 || c.Reasons == nil {
			t.Errorf("claim %+v", c)
		}
	}
	// "Thursday" before a Saturday publication is 2022-09-08.
	found := false
	for _, c := range res.Claims {
		found = found || strings.Contains(c.Quote, "Balakliia") && strings.HasPrefix(c.RefersTo, "2022-09-08")
	}
	if !found {
		t.Errorf("Balakliia on Thursday not dated 2022-09-08: %+v", res.Claims)
	}

	res, err = s.Check(ctx, frontline.CheckRequest{Name: "2022-09-09-report.txt", Data: []byte(doc)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Published != "2022-09-09T12:00:00Z" || res.PublishedNote != "" || res.LayerNote != "no layer asked for" {
		t.Errorf("from the name: %s %q %q", res.Published, res.PublishedNote, res.LayerNote)
	}
	res, err = s.Check(ctx, frontline.CheckRequest{Data: []byte(doc)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Published != "2022-09-14T08:00:00Z" || !strings.Contains(res.PublishedNote, "no publication time") {
		t.Errorf("no time: %s %q", res.Published, res.PublishedNote)
	}
}

func TestCheckBadInput(t *testing.T) {
	s := service(t)
	for _, data := range [][]byte{nil, []byte("   \n"), {0, 1, 2, 0xff, 0xfe, 0, 0, 7}} {
		if _, err := s.Check(context.Background(), frontline.CheckRequest{Data: data}); frontline.ErrorCode(err) != frontline.EINVALID {
			t.Errorf("%q: %v", data, err)
		}
	}
	if _, err := (&Service{}).Check(context.Background(), frontline.CheckRequest{Data: []byte(doc)}); err == nil {
		t.Error("no gazetteer: no error")
	}
}

// TestCheckNumbersPastAFailure: every number gets the verdict, measure and
// reason Checker.CheckNumbers gives it, the numbers after a failed one
// too, and the error returned is the first number's (in the document's
// order) that failed.
func TestCheckNumbersPastAFailure(t *testing.T) {
	ctx := context.Background()
	delay := func(from, to frontline.Day) {
		time.Sleep(time.Duration(from.Start.Day()+to.Start.Day()) % 5 * time.Millisecond)
	}
	m := assess.Measures{
		Layer: "test",
		GainedKm2: func(ctx context.Context, side frontline.Side, from, to frontline.Day) (float64, error) {
			delay(from, to)
			return float64(to.Start.Sub(from.Start).Hours()) * 10, nil
		},
		AdvanceKm: func(ctx context.Context, side frontline.Side, from, to frontline.Day) (float64, error) {
			delay(to, from)
			if to.Label == "2022-09-25" || to.Label == "2022-09-28" {
				return 0, frontline.Errorf(frontline.EINTERNAL, "advance to %s failed", to.Label)
			}
			return float64(to.Start.Sub(from.Start).Hours()) / 7, nil
		},
	}
	var ns []frontline.NumberClaim
	for i := range 24 {
		n := frontline.NumberClaim{Kind: frontline.NumberArea, Unit: "km2", Value: float64(100 * (i + 1)), Bound: frontline.BoundExact,
			RefersTo: fmt.Sprintf("2022-09-%02d/2022-09-%02d", 1+i%5, 6+i)}
		if i%3 == 1 {
			n.Kind, n.Unit, n.Value = frontline.NumberAdvance, "km", float64(5*(i+1))
		}
		ns = append(ns, n)
	}
	c := &assess.Checker{Measures: m}
	want := slices.Clone(ns)
	// The advances to 09-25 (i = 19) and 09-28 (i = 22) fail: CheckNumbers
	// stops at the first, so the rest are checked on their own.
	wantErr := c.CheckNumbers(ctx, want[:20])
	if err := c.CheckNumbers(ctx, want[20:22]); err != nil || c.CheckNumbers(ctx, want[22:23]) == nil || wantErr == nil {
		t.Fatalf("the failures are not where the test puts them: %v, %v", wantErr, err)
	}
	_ = c.CheckNumbers(ctx, want[23:])
	for range 5 {
		got := slices.Clone(ns)
		err := checkNumbers(ctx, c, got)
		if err == nil || err.Error() != wantErr.Error() {
			t.Fatalf("error %v, want %v", err, wantErr)
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.Verdict != w.Verdict || g.Reason != w.Reason || (g.Measured == nil) != (w.Measured == nil) || g.Measured != nil && *g.Measured != *w.Measured {
				t.Fatalf("number %d: %s %q %v, want %s %q %v", i, g.Verdict, g.Reason, g.Measured, w.Verdict, w.Reason, w.Measured)
			}
		}
	}
	if err := checkNumbers(ctx, c, nil); err != nil {
		t.Fatal(err)
	}
}

// TestOnceEach: the same question asked by numbers at once is measured
// once and every asker gets its answer; other questions are measured on
// their own.
func TestOnceEach(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	calls := map[string]int{}
	count := func(k string) {
		mu.Lock()
		calls[k]++
		mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
	m := onceEach(assess.Measures{
		GainedKm2: func(ctx context.Context, side frontline.Side, from, to frontline.Day) (float64, error) {
			count("gained " + string(side) + from.Label + to.Label)
			return float64(len(side)) + float64(to.Start.Day()), nil
		},
		FrontDistanceKm: func(ctx context.Context, lon, lat float64, at frontline.Day) (float64, error) {
			count(fmt.Sprint("front ", lon, lat, at.Label))
			if lon < 0 {
				return 0, frontline.Errorf(frontline.EINVALID, "west of Greenwich")
			}
			return lon + lat, nil
		},
	})
	if m.AdvanceKm != nil {
		t.Fatal("a measure that was nil is not nil")
	}
	d := func(s string) frontline.Day {
		day, err := frontline.ParseDay(s, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		return day
	}
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			side := []frontline.Side{frontline.SideUkraine, frontline.SideRussia}[i%2]
			if v, err := m.GainedKm2(ctx, side, d("2022-09-06"), d("2022-09-13")); err != nil || v != float64(len(side))+13 {
				t.Errorf("gained %s: %v, %v", side, v, err)
			}
			lon := []float64{37.6, -1}[i%2]
			v, err := m.FrontDistanceKm(ctx, lon, 49.7, d("2022-09-09"))
			if lon < 0 && (err == nil || frontline.ErrorCode(err) != frontline.EINVALID) || lon > 0 && (err != nil || v != lon+49.7) {
				t.Errorf("front %v: %v, %v", lon, v, err)
			}
		}()
	}
	wg.Wait()
	if len(calls) != 4 {
		t.Errorf("%d questions measured, want 4: %v", len(calls), calls)
	}
	for k, n := range calls {
		if n != 1 {
			t.Errorf("%s measured %d times", k, n)
		}
	}
}
