package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline"
)

// TestWatchesAndAlerts: watches added by the CLI fire over the stored
// DeepState maps and claims — the front near Kupiansk, Kharkiv oblast's
// big day, capture claims and contradictions about Balakliia from graded
// sources — once each; watch list and rm manage them.
func TestWatchesAndAlerts(t *testing.T) {
	db := demoLayerDB(t)
	mustRun(t, db, "report", "add", seedArticle(t), "--published", "2022-09-10")
	mustRun(t, db, "report", "add", filepath.Join(dataDir(t), "articles", "press-2022-09"))

	var front frontline.Watch
	if err := json.Unmarshal([]byte(mustRun(t, db, "watch", "add", "--kind", "front", "--place", "Kupiansk", "--radius-km", "10", "--from", "2022-09-01", "--json")), &front); err != nil {
		t.Fatal(err)
	}
	if front.ID == 0 || front.PlaceID != "UA63080090010026457" || front.RadiusKm != 10 {
		t.Fatalf("watch %+v", front)
	}
	mustRun(t, db, "watch", "add", "--kind", "oblast", "--oblast", "UA-63", "--min-km2", "100", "--from", "2022-09-01", "--name", "Kharkiv oblast")
	// Kupiansk's capture claims come from the BBC, CNN, ISW (B) and
	// Ukrainian officials (C); Balakliia's only from Russia's MoD (D) and
	// Russian-appointed officials (E): that watch fires nothing.
	mustRun(t, db, "watch", "add", "--kind", "claims", "--place", "Kupiansk", "--from", "2022-09-01")
	balakliia := mustRun(t, db, "watch", "add", "--kind", "claims", "--place", "Balakliya", "--from", "2022-09-01")
	gone := mustRun(t, db, "watch", "add", "--kind", "status", "--place", "Izium")
	for _, bad := range [][]string{
		{"watch", "add", "--kind", "front", "--place", "Kupiansk"},
		{"watch", "add", "--kind", "sideways"},
		{"watch", "add", "--kind", "oblast", "--oblast", "UA-63"},
		{"watch", "rm", "x"},
		{"watch", "rm", "99"},
	} {
		if _, _, err := run(t, db, bad...); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
	list := mustRun(t, db, "watch", "list")
	for _, want := range []string{"the front within 10 km of Kupiansk", "Kharkiv oblast: UA-63: a day change of 100 km²", "capture claims and contradictions about Kupiansk from sources graded C or better", "Izium changing status"} {
		if !strings.Contains(list, want) {
			t.Errorf("watch list lacks %q:\n%s", want, list)
		}
	}
	id := strings.TrimSuffix(strings.Fields(gone)[1], ":")
	mustRun(t, db, "watch", "rm", id)
	if strings.Contains(mustRun(t, db, "watch", "list"), "Izium") {
		t.Error("watch rm left the watch")
	}

	out := mustRun(t, db, "alerts", "run")
	if !strings.HasPrefix(out, "4 watches") || strings.Contains(out, " 0 new alerts") {
		t.Fatalf("alerts run:\n%s", out)
	}
	if again := mustRun(t, db, "alerts", "run"); !strings.Contains(again, "0 days evaluated, 0 new alerts") {
		t.Errorf("alerts run again:\n%s", again)
	}
	var res struct{ Alerts []frontline.Alert }
	if err := json.Unmarshal([]byte(mustRun(t, db, "alerts", "--json", "--limit", "0")), &res); err != nil {
		t.Fatal(err)
	}
	kinds := map[frontline.WatchKind]int{}
	keys := map[string]bool{}
	for _, a := range res.Alerts {
		kinds[a.Kind]++
		k := string(rune(a.WatchID)) + a.Key
		if keys[k] {
			t.Errorf("alert %s twice", a.Key)
		}
		keys[k] = true
		if a.Kind == frontline.WatchFront && a.Day != "2022-09-09" {
			t.Errorf("front alert on %s: the demo's maps are of 1, 3, 9, 10, 11 Sept; Kupiansk is 2.8 km from the front on the 9th", a.Day)
		}
		if len(a.Links) == 0 || a.Title == "" || a.Text == "" {
			t.Errorf("alert %+v", a)
		}
	}
	if kinds[frontline.WatchFront] != 1 || kinds[frontline.WatchOblast] == 0 || kinds[frontline.WatchClaims] == 0 {
		t.Errorf("alerts per kind %v", kinds)
	}
	// Claims alerts are about Kupiansk, graded C or better.
	bid := strings.TrimSuffix(strings.Fields(balakliia)[1], ":")
	for _, a := range res.Alerts {
		if a.Kind != frontline.WatchClaims {
			continue
		}
		if strconv.FormatInt(a.WatchID, 10) == bid {
			t.Errorf("Balakliia's watch fired: %s", a.Title)
		}
		if strings.HasPrefix(a.Key, "claim:") && (a.Figures["grade"] > 3 || a.Figures["grade"] < 1 || !strings.HasPrefix(a.Title, "Kupiansk:")) {
			t.Errorf("claim alert %q graded %g", a.Title, a.Figures["grade"])
		}
	}
	if out := mustRun(t, db, "alerts", "--since", "2030-01-01"); !strings.Contains(out, "no alerts") {
		t.Errorf("alerts --since 2030:\n%s", out)
	}
	t.Logf("%v\n%s", kinds, out)
}
