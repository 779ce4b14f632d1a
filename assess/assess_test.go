package assess_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/assess"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/demo"
	"github.com/frontline-osint/frontline/extract"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/sqlite"
)

var (
	fixOnce sync.Once
	fix     struct {
		svc *control.Service
		gaz *gazetteer.Gazetteer
		err error
	}
)

// fixture is a control service over SQLite with the bundled DeepState
// demo maps of 2022-08-28 – 2022-09-14 (the seed article's windows), and
// the embedded gazetteer.
func fixture(t testing.TB) (*control.Service, *gazetteer.Gazetteer) {
	t.Helper()
	fixOnce.Do(func() {
		fix.err = func() error {
			places, err := gazetteer.LoadEmbedded()
			if err != nil {
				return err
			}
			fix.gaz = gazetteer.New(places)
			bounds, err := boundaries.Load()
			if err != nil {
				return err
			}
			dir, err := os.MkdirTemp(testTemp, "fixture")
			if err != nil {
				return err
			}
			db := sqlite.NewDB(filepath.Join(dir, "f.db"))
			if err := db.Open(); err != nil {
				return err
			}
			fix.svc = control.NewService(sqlite.NewSnapshotStore(db), bounds)
			b, err := demo.Load()
			if err != nil {
				return err
			}
			var keep []demo.Snapshot
			for _, sn := range b.Snapshots {
				if d := sn.ValidAt.UTC().Format("2006-01-02"); d >= "2022-08-28" && d <= "2022-09-14" {
					keep = append(keep, sn)
				}
			}
			ctx := context.Background()
			if err := fix.svc.CreateLayer(ctx, &frontline.Layer{Name: b.Layer, Title: b.Title, Source: b.Source, Licence: b.Licence}); err != nil {
				return err
			}
			var failed error
			err = fix.svc.ImportMany(ctx, len(keep), func(i int) (frontline.ImportRequest, error) {
				return frontline.ImportRequest{Layer: b.Layer, SourceName: keep[i].Name, Data: keep[i].GeoJSON, ValidAt: keep[i].ValidAt}, nil
			}, func(i int, _ *frontline.ImportResult, err error) {
				if err != nil && failed == nil {
					failed = fmt.Errorf("%s: %w", keep[i].Name, err)
				}
			})
			if err != nil {
				return err
			}
			return failed
		}()
	})
	if fix.err != nil {
		t.Fatal(fix.err)
	}
	return fix.svc, fix.gaz
}

func seedNumbers(t *testing.T, g *gazetteer.Gazetteer) []frontline.NumberClaim {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "data", "articles", "kharkiv-counteroffensive-2022-09.txt")
	text, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("seed article not found: %v", err)
		}
		t.Fatal(err)
	}
	x, err := extract.New(g).Extract(string(text), time.Date(2022, 9, 10, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return x.Numbers
}

func byQuote(ns []frontline.NumberClaim, q string) *frontline.NumberClaim {
	for i := range ns {
		if ns[i].Quote == q {
			return &ns[i]
		}
	}
	return nil
}

// TestSeedNumbersNoWindow: the seed article states no window for its
// area ("had recaptured more than 2,500 square kilometers in its drive")
// or its advance: by default both are unchecked, the reason says why and
// gives the layer's week for reference (issue 10: no silent default).
func TestSeedNumbersNoWindow(t *testing.T) {
	svc, g := fixture(t)
	ns := seedNumbers(t, g)
	c := &assess.Checker{Measures: assess.FromLayers(svc, "deepstate", time.Time{}, g)}
	if err := c.CheckNumbers(context.Background(), ns); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"more than 2,500 square kilometers", "50 kilometers"} {
		n := byQuote(ns, q)
		if n == nil {
			t.Fatalf("%q not extracted", q)
		}
		if n.Verdict != frontline.VerdictUnchecked || n.Measured != nil || !strings.Contains(n.Reason, "no window") || !strings.Contains(n.Reason, "for reference") {
			t.Errorf("%q: %s %v %q", q, n.Verdict, n.Measured, n.Reason)
		}
	}
	// The distances need no window.
	if n := byQuote(ns, "73 kilometers"); n == nil || n.Verdict != frontline.VerdictInconsistent {
		t.Errorf("73 km: %+v", n)
	}
}

// TestSeedNumbers checks the seed article's numbers against DeepState,
// with the 7-day default window a caller may still ask for.
func TestSeedNumbers(t *testing.T) {
	svc, g := fixture(t)
	ns := seedNumbers(t, g)
	c := &assess.Checker{Measures: assess.FromLayers(svc, "deepstate", time.Time{}, g), DefaultWindowDays: 7}
	if err := c.CheckNumbers(context.Background(), ns); err != nil {
		t.Fatal(err)
	}
	for _, n := range ns {
		m := "-"
		if n.Measured != nil {
			m = fmt.Sprint(*n.Measured)
		}
		t.Logf("%-38q %-9s %-12s measured %-8s %s", n.Quote, n.Kind, n.Verdict, m, n.Reason)
	}
	get := func(q string) *frontline.NumberClaim {
		n := byQuote(ns, q)
		if n == nil {
			t.Fatalf("%q not extracted", q)
		}
		return n
	}

	if n := get("more than a million square kilometers"); n.Verdict != frontline.VerdictImpossible {
		t.Errorf("a million km²: %s (%s)", n.Verdict, n.Reason)
	}
	// Kupiansk is 61 km from Izium in a straight line, not 73.
	if n := get("73 kilometers"); n.Verdict != frontline.VerdictInconsistent || n.Measured == nil || *n.Measured < 59 || *n.Measured > 63 {
		t.Errorf("73 km north of Izium: %s %v (%s)", n.Verdict, n.Measured, n.Reason)
	}
	// The area: the measure is DeepState's ground gone to Ukraine over the
	// week before the article, summed from the same change the CLI prints.
	n := get("more than 2,500 square kilometers")
	if n.Measured == nil {
		t.Fatalf("2,500 km² unmeasured: %s", n.Reason)
	}
	ch, err := svc.Change(context.Background(), "deepstate", day("2022-09-03"), day("2022-09-10"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	gained := 0.0
	for _, tr := range ch.Transitions {
		if tr.To == frontline.StatusUkraine && tr.From != tr.To {
			gained += tr.AreaKm2
		}
	}
	if d := *n.Measured - gained; d > 1 || d < -1 {
		t.Errorf("2,500 km²: measured %v, change says %v", *n.Measured, gained)
	}
	want := frontline.VerdictInconsistent
	if gained >= 2500*0.85 {
		want = frontline.VerdictConsistent
	}
	if n.Verdict != want {
		t.Errorf("2,500 km² against %v: %s", gained, n.Verdict)
	}
	// "less than 20 kilometers from Kupyansk" (ISW, Friday): the front's
	// distance from Kupiansk on DeepState's map of 2022-09-09.
	n = get("less than 20 kilometers")
	kup, _ := g.Place("UA63080090010026457")
	fd, err := svc.FrontDistance(context.Background(), "deepstate", kup.Lon, kup.Lat, day("2022-09-09"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if n.Measured == nil || *n.Measured != float64(int(fd.DistanceM/100+0.5))/10 {
		t.Errorf("20 km from Kupyansk: measured %v, front distance %v m", n.Measured, fd.DistanceM)
	}
	if (fd.DistanceM <= 23000) != (n.Verdict == frontline.VerdictConsistent) {
		t.Errorf("20 km from Kupyansk: %s at %v m", n.Verdict, fd.DistanceM)
	}
	// "advanced 50 kilometers" (Gromov, Friday): the deepest ground gained
	// in the week before, beyond the earlier front.
	n = get("50 kilometers")
	if n.Measured == nil || *n.Measured <= 0 || *n.Measured > 200 {
		t.Fatalf("advanced 50 km: %v %s", n.Measured, n.Reason)
	}
	if (50 <= *n.Measured*1.15) != (n.Verdict == frontline.VerdictConsistent) {
		t.Errorf("advanced 50 km against a deepest advance of %v km: %s", *n.Measured, n.Verdict)
	}
	// The reason states the rule applied, not a bare tolerance.
	if !strings.Contains(n.Reason, "unless deeper than the deepest gain by more than 15%") || strings.Contains(n.Reason, "(tolerance 15%)") {
		t.Errorf("advance reason %q does not state its rule", n.Reason)
	}
	if n := get("between 10,000 and 20,000 soldiers"); n.Verdict != frontline.VerdictUnchecked {
		t.Errorf("troops: %s", n.Verdict)
	}
}

// TestWithoutMeasures: impossible values are flagged with nothing to
// measure against; the rest stay unchecked with a reason.
func TestWithoutMeasures(t *testing.T) {
	var c assess.Checker
	ns := []frontline.NumberClaim{
		{Quote: "a", Kind: frontline.NumberArea, Value: 1e6, Bound: frontline.BoundMoreThan, RefersTo: "2022-09-09"},
		{Quote: "b", Kind: frontline.NumberArea, Value: 2500, Bound: frontline.BoundMoreThan, RefersTo: "2022-09-09"},
		{Quote: "c", Kind: frontline.NumberDistance, Value: 5000, Bound: frontline.BoundExact, RefersTo: "2022-09-09"},
		{Quote: "d", Kind: frontline.NumberAdvance, Value: 50, Bound: frontline.BoundExact, RefersTo: "2022-09-09"},
		{Quote: "e", Kind: frontline.NumberArea, Value: 603000, Bound: frontline.BoundAbout, RefersTo: "2022-09-09"},
	}
	if err := c.CheckNumbers(context.Background(), ns); err != nil {
		t.Fatal(err)
	}
	want := []string{frontline.VerdictImpossible, frontline.VerdictUnchecked, frontline.VerdictImpossible, frontline.VerdictUnchecked, frontline.VerdictUnchecked}
	for i, n := range ns {
		if n.Verdict != want[i] || n.Reason == "" {
			t.Errorf("%s: %s (%q), want %s", n.Quote, n.Verdict, n.Reason, want[i])
		}
	}
}

// TestMeasuresUnavailable: a day with no map leaves the number unchecked.
func TestMeasuresUnavailable(t *testing.T) {
	svc, g := fixture(t)
	c := &assess.Checker{Measures: assess.FromLayers(svc, "deepstate", time.Time{}, g)}
	n := frontline.NumberClaim{Kind: frontline.NumberArea, Value: 100, Bound: frontline.BoundAbout, RefersTo: "2019-01-05"}
	if err := c.CheckNumber(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	if n.Verdict != frontline.VerdictUnchecked || n.Measured != nil {
		t.Errorf("2019: %s %v %s", n.Verdict, n.Measured, n.Reason)
	}
	n = frontline.NumberClaim{Kind: frontline.NumberArea, Value: 100, Bound: frontline.BoundAbout, RefersTo: "2022-09-09"}
	c.Measures.Layer = "nosuchlayer"
	c.Measures = assess.FromLayers(svc, "nosuchlayer", time.Time{}, g)
	if err := c.CheckNumber(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	if n.Verdict != frontline.VerdictUnchecked {
		t.Errorf("unknown layer: %s %s", n.Verdict, n.Reason)
	}
}

func day(s string) frontline.Day {
	d, err := frontline.ParseDay(s, time.UTC)
	if err != nil {
		panic(err)
	}
	return d
}
