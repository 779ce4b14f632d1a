package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestPlaceCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	mustRun(t, db, "layer", "import", "--layer", "deepstate", daily(t, "2022-09-06T220510Z.geojson"), daily(t, "2022-09-13T130124Z.geojson"))

	// The search contract.
	var cands []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, db, "place", "search", "Balakliya", "--json")), &cands); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "katottg", "name", "names", "kind", "oblast", "raion", "lon", "lat", "population", "score", "reason"} {
		if _, ok := cands[0][k]; !ok {
			t.Errorf("place search JSON lacks %q", k)
		}
	}
	if cands[0]["katottg"] != "UA63040010010039074" || cands[0]["name"] != "Balakliia" {
		t.Fatalf("Balakliya → %v", cands[0])
	}

	// Homonyms: without context the largest Semenivka (a Chernihiv town)
	// leads; on the map of 2022-09-13 the one nearest the front does: with
	// the villages' own points, Donetsk oblast's (9.2 km) before the one by
	// Izium (13.5 km; it led when it had only its hromada's centre).
	top := func(args ...string) string {
		var cs []map[string]any
		if err := json.Unmarshal([]byte(mustRun(t, db, append([]string{"place", "search", "Semenivka", "--json"}, args...)...)), &cs); err != nil || len(cs) == 0 {
			t.Fatalf("place search Semenivka %v: %v", args, err)
		}
		return cs[0]["oblast"].(string)
	}
	if o := top(); o != "Chernihiv Oblast" {
		t.Errorf("Semenivka without context → %s", o)
	}
	if o := top("--at", "2022-09-13", "--layer", "deepstate"); o != "Donetsk Oblast" {
		t.Errorf("Semenivka near the front on 2022-09-13 → %s, want Donetsk Oblast", o)
	}
	if _, _, err := run(t, db, "place", "search", "Semenivka", "--at", "2021-01-01"); err == nil {
		t.Errorf("--at before the layer's first day: no error")
	}

	show := mustRun(t, db, "place", "show", "Balakliia", "--layer", "deepstate")
	if !strings.Contains(show, "deepstate: russia until 2022-09-12, ukraine from 2022-09-13") {
		t.Errorf("place show:\n%s", show)
	}
	// A seaside village the tracker's coarse Crimean coastline misses by
	// 600 m is still on occupied ground.
	if show := mustRun(t, db, "place", "show", "Shtormove", "--layer", "deepstate"); !strings.Contains(show, "deepstate: russia from 2022-09-06 to 2022-09-13") {
		t.Errorf("place show Shtormove:\n%s", show)
	}
	var dist distanceResult
	json.Unmarshal([]byte(mustRun(t, db, "distance", "Izium", "Kupiansk", "--json")), &dist)
	if dist.DistanceM < 60000 || dist.DistanceM > 62500 || dist.Bearing < 10 || dist.Bearing > 40 {
		t.Errorf("Izium–Kupiansk = %.0f m, bearing %.0f°; want about 61 km to the NNE", dist.DistanceM, dist.Bearing)
	}
	fd := mustRun(t, db, "front-distance", "Zaporizhzhia NPP", "--layer", "deepstate", "--at", "2022-09-13")
	if !strings.Contains(fd, "russia-held ground") {
		t.Errorf("front-distance: %s", fd)
	}
	ch := mustRun(t, db, "change", "--layer", "deepstate", "--from", "2022-09-06", "--to", "2022-09-13")
	if !strings.Contains(ch, "Izium") || !strings.Contains(ch, "Settlements that changed hands") {
		t.Errorf("change lacks settlements:\n%s", ch)
	}
	_, _, err := run(t, db, "place", "search", "Xyzzyville")
	if err == nil || !strings.Contains(errorText(err), "no settlement matches") {
		t.Errorf("no match: %v", err)
	}
}
