package alert_test

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/alert"
)

// frontKm is Kupiansk's distance to the front on the map of a day,
// measured by the layer service (not the engine).
func frontKm(t *testing.T, e *env, p *frontline.Place, day string) float64 {
	t.Helper()
	d, _ := frontline.ParseDay(day, time.UTC)
	fd, err := e.svc.FrontDistance(context.Background(), "deepstate", p.Lon, p.Lat, d, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	return fd.DistanceM / 1000
}

// TestFrontCrossingInward: the front reaches within 10 km of Kupiansk on
// 9 September (19.5 km the day before): the watch fires that day, not on
// the 8th, and once only while the front stays near.
func TestFrontCrossingInward(t *testing.T) {
	e := newEnv(t)
	kup := place(t, "Kupiansk")
	w := e.watch(t, frontline.Watch{Kind: frontline.WatchFront, RadiusKm: 10, From: windowFrom}, "Kupiansk")
	res := e.evaluate(t)
	as := e.alertsOf(t, w.ID)
	if len(as) != 1 || as[0].Day != "2022-09-09" {
		t.Fatalf("alerts on %v, want 2022-09-09 only", days(as))
	}
	if d8 := frontKm(t, e, kup, "2022-09-08"); d8 <= 10 {
		t.Fatalf("the front was already %.1f km away on the 8th", d8)
	}
	a := as[0]
	if want := math.Round(frontKm(t, e, kup, "2022-09-09")*10) / 10; a.Figures["distance_km"] != want || a.Figures["radius_km"] != 10 {
		t.Errorf("figures %v, want distance_km %g", a.Figures, want)
	}
	if !strings.Contains(a.Title, "Kupiansk") || a.Kind != frontline.WatchFront || a.WatchID != w.ID {
		t.Errorf("alert %+v", a)
	}
	var mapLink, claims bool
	for _, l := range a.Links {
		mapLink = mapLink || l.Rel == "map" && l.Href == "/#layer=deepstate&at=2022-09-09"
		claims = claims || l.Rel == "claims" && l.Href == "/api/v1/claims?place="+kup.ID
	}
	if !mapLink || !claims {
		t.Errorf("links %+v", a.Links)
	}
	if len(res.Alerts) != 1 || res.Days != 10 {
		t.Errorf("evaluation: %d alerts, %d days (want 1 alert over the window's 10 days)", len(res.Alerts), res.Days)
	}
}

// TestFrontHysteresis: Kupiansk's distance to the front is 0.4 km on 15
// September, 3.3 km on the 16th and 1.8 km on the 17th. With a 3 km radius
// and 0.5 km of hysteresis the watch fires once (13th); with 0.1 km it
// re-arms on the 16th and fires again on the 17th.
func TestFrontHysteresis(t *testing.T) {
	e := newEnv(t)
	kup := place(t, "Kupiansk")
	d15, d16, d17 := frontKm(t, e, kup, "2022-09-15"), frontKm(t, e, kup, "2022-09-16"), frontKm(t, e, kup, "2022-09-17")
	if !(d15 < 3 && d16 > 3.1 && d16 < 3.5 && d17 < 3) {
		t.Fatalf("the data moved: %.2f, %.2f, %.2f km", d15, d16, d17)
	}
	steady := e.watch(t, frontline.Watch{Kind: frontline.WatchFront, RadiusKm: 3, HysteresisKm: 0.5, From: "2022-09-13"}, "Kupiansk")
	flappy := e.watch(t, frontline.Watch{Kind: frontline.WatchFront, RadiusKm: 3, HysteresisKm: 0.1, From: "2022-09-13"}, "Kupiansk")
	e.evaluate(t)
	if got := days(e.alertsOf(t, steady.ID)); !slices.Equal(got, []string{"2022-09-13"}) {
		t.Errorf("with 0.5 km hysteresis: alerts on %v, want 2022-09-13", got)
	}
	if got := days(e.alertsOf(t, flappy.ID)); !slices.Equal(got, []string{"2022-09-13", "2022-09-17"}) {
		t.Errorf("with 0.1 km hysteresis: alerts on %v, want 2022-09-13 and 2022-09-17", got)
	}
	marks, err := e.store.WatchDays(context.Background(), steady.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range marks {
		if m.State != "inside" {
			t.Errorf("steady watch: %s %s at %.1f km", m.Day, m.State, m.Value)
		}
	}
}

// TestEachAlertOnce: evaluating again fires nothing and evaluates no day;
// a new day's map is evaluated alone; an alert key is stored once.
func TestEachAlertOnce(t *testing.T) {
	e := newEnv(t)
	w := e.watch(t, frontline.Watch{Kind: frontline.WatchFront, RadiusKm: 10, From: windowFrom}, "Kupiansk")
	st := e.watch(t, frontline.Watch{Kind: frontline.WatchStatus, From: windowFrom}, "Kupiansk")
	first := e.evaluate(t)
	if len(first.Alerts) == 0 {
		t.Fatal("no alerts")
	}
	again := e.evaluate(t)
	if len(again.Alerts) != 0 || again.Days != 0 {
		t.Errorf("second evaluation: %d alerts, %d days", len(again.Alerts), again.Days)
	}
	// The next day's map: each watch evaluates that day only.
	e.importSnapshot(t, later[0])
	next := e.evaluate(t)
	if next.Days != 2 {
		t.Errorf("after a new map: %d days evaluated, want 2 (one per watch)", next.Days)
	}
	// A second engine on the same store (a restart) fires nothing old.
	restarted := &alert.Engine{Watches: e.store, Alerts: e.store, Layers: e.svc, Front: e.svc, Places: gaz}
	res, err := restarted.Evaluate(context.Background())
	if err != nil || len(res.Alerts) != 0 {
		t.Errorf("restart: %v, %d alerts", err, len(res.Alerts))
	}
	a := *e.alertsOf(t, w.ID)[0]
	a.ID = 0
	if isNew, err := e.store.CreateAlert(context.Background(), &a); err != nil || isNew {
		t.Errorf("the same key again: new %v, %v", isNew, err)
	}
	all, _ := e.store.FindAlerts(context.Background(), frontline.AlertFilter{})
	if len(all) != len(first.Alerts)+len(next.Alerts) {
		t.Errorf("%d alerts stored, %d fired", len(all), len(first.Alerts)+len(next.Alerts))
	}
	_ = st
}

// TestStatusWatches: Kupiansk's status alerts are the days its timeline
// changes; its hromada's name Kupiansk among the settlements that changed.
func TestStatusWatches(t *testing.T) {
	e := newEnv(t)
	kup := place(t, "Kupiansk")
	w := e.watch(t, frontline.Watch{Kind: frontline.WatchStatus, From: windowFrom}, "Kupiansk")
	h := e.watch(t, frontline.Watch{Kind: frontline.WatchStatus, Hromada: kup.Hromada, Oblast: kup.OblastISO, From: windowFrom}, "")
	e.evaluate(t)
	tl, err := e.svc.PlaceTimeline(context.Background(), "deepstate", kup, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := 1; i < len(tl.Days); i++ {
		if tl.Days[i].Date > windowFrom && tl.Days[i].Status != tl.Days[i-1].Status {
			want = append(want, tl.Days[i].Date)
		}
	}
	as := e.alertsOf(t, w.ID)
	if len(want) == 0 || !slices.Equal(days(as), want) {
		t.Errorf("status alerts on %v, timeline changes on %v", days(as), want)
	}
	for _, a := range as {
		if !strings.Contains(a.Title, "→ ukraine") && !strings.Contains(a.Title, "→ contested") && !strings.Contains(a.Title, "→ russia") {
			t.Errorf("title %q", a.Title)
		}
	}
	hs := e.alertsOf(t, h.ID)
	named := false
	for _, a := range hs {
		named = named || slices.Contains(want, a.Day) && strings.Contains(a.Text, "Kupiansk (")
	}
	if !named {
		t.Errorf("hromada %s: alerts %v do not name Kupiansk on %v", kup.Hromada, days(hs), want)
	}
}

// TestOblastWatch: Kharkiv oblast's big days of September 2022 fire a
// 100 km² watch, each alert with the km² that changed hands; a threshold
// larger than the oblast fires nothing.
func TestOblastWatch(t *testing.T) {
	e := newEnv(t)
	w := e.watch(t, frontline.Watch{Kind: frontline.WatchOblast, Oblast: "UA-63", MinKm2: 100, From: windowFrom}, "")
	huge := e.watch(t, frontline.Watch{Kind: frontline.WatchOblast, Oblast: "Kharkiv Oblast", MinKm2: 40000, From: windowFrom}, "")
	e.evaluate(t)
	as := e.alertsOf(t, w.ID)
	if len(as) == 0 {
		t.Fatal("no oblast alert in the week of the counteroffensive")
	}
	for _, a := range as {
		prev := ""
		for _, l := range a.Links {
			if l.Rel == "change" {
				prev = l.Href
			}
		}
		if a.Figures["changed_km2"] < 100 || prev == "" {
			t.Errorf("%s: %v, links %v", a.Day, a.Figures, a.Links)
		}
	}
	// The alert's figure is the change service's.
	from, _ := frontline.ParseDay(e.dayBefore(t, as[0].Day), time.UTC)
	to, _ := frontline.ParseDay(as[0].Day, time.UTC)
	c, err := e.svc.Change(context.Background(), "deepstate", from, to, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	gross := 0.0
	for _, ob := range c.ByOblast {
		if ob.ISO == "UA-63" {
			for _, tr := range ob.Transitions {
				gross += tr.AreaKm2
			}
		}
	}
	if math.Abs(gross-as[0].Figures["changed_km2"]) > 0.05 {
		t.Errorf("%s: alert says %g km², change %g", as[0].Day, as[0].Figures["changed_km2"], gross)
	}
	if n := len(e.alertsOf(t, huge.ID)); n != 0 {
		t.Errorf("40,000 km² threshold: %d alerts", n)
	}
}

// dayBefore is the layer day before d.
func (e *env) dayBefore(t *testing.T, d string) string {
	snaps, err := e.svc.FindSnapshots(context.Background(), frontline.SnapshotFilter{Layer: "deepstate", Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	prev := ""
	for _, sn := range snaps {
		if x := sn.ValidAt.UTC().Format("2006-01-02"); x < d && x > prev {
			prev = x
		}
	}
	return prev
}

// TestWatchValidate: bad watches are refused before they are stored.
func TestWatchValidate(t *testing.T) {
	e := newEnv(t)
	for _, w := range []frontline.Watch{
		{Kind: "nearby", PlaceID: "x", RadiusKm: 1},
		{Kind: frontline.WatchFront, PlaceID: "x"},
		{Kind: frontline.WatchFront, PlaceID: "x", RadiusKm: math.NaN()},
		{Kind: frontline.WatchFront, Lon: 500, Lat: 3, RadiusKm: 5},
		{Kind: frontline.WatchOblast, Oblast: "UA-63"},
		{Kind: frontline.WatchStatus},
		{Kind: frontline.WatchClaims, PlaceID: "x", MinReliability: "G"},
		{Kind: frontline.WatchClaims, PlaceID: "x", From: "yesterday"},
		{Kind: frontline.WatchClaims, PlaceID: "x", Email: []string{"a@b\r\nBcc: c@d"}},
	} {
		if err := e.store.CreateWatch(context.Background(), &w); frontline.ErrorCode(err) != frontline.EINVALID {
			t.Errorf("%+v: %v", w, err)
		}
	}
}
