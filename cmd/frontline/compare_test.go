package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
)

func TestLayerCompare(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	perelik := filepath.Join(dataDir(t), "gazetteer", "perelik-occupied-territories-2025-05-07.csv")

	out := mustRun(t, db, "layer", "import", "--layer", "perelik", perelik)
	for _, want := range []string{"added as a new version", "3195 entries", "section II temporarily occupied (russia)             1528", "UA140201100200772055"} {
		if !strings.Contains(out, want) {
			t.Errorf("list import: no %q in\n%s", want, out)
		}
	}
	var res control.ListImportResult
	if err := json.Unmarshal([]byte(mustRun(t, db, "layer", "import", "--layer", "perelik", "--json", perelik)), &res); err != nil || res.Added || res.Entries != 3195 {
		t.Fatalf("re-import: %+v %v", res, err)
	}
	mustRun(t, db, "layer", "import", "--layer", "deepstate", daily(t, "2022-09-05T210107Z.geojson"), daily(t, "2022-09-13T130124Z.geojson"))
	if out := mustRun(t, db, "layer", "list"); !strings.Contains(out, "perelik    0") {
		t.Errorf("layer list:\n%s", out)
	}

	compare := func(at string) (*frontline.ListComparison, map[string]frontline.HromadaDisagreement) {
		var cmp frontline.ListComparison
		out := mustRun(t, db, "layer", "compare", "deepstate", "perelik", "--at", at, "--json")
		if err := json.Unmarshal([]byte(out), &cmp); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d hromadas, %d agree (%d both occupied), %d list only, %d polygons only", at, cmp.Hromadas, cmp.Agree, cmp.BothOccupied, cmp.ListOnly, cmp.PolygonsOnly)
		if cmp.Agree+cmp.ListOnly+cmp.PolygonsOnly != cmp.Hromadas || len(cmp.Disagreements) != cmp.ListOnly+cmp.PolygonsOnly {
			t.Errorf("%s: totals do not add up: %+v", at, cmp)
		}
		byCode := map[string]frontline.HromadaDisagreement{}
		for _, d := range cmp.Disagreements {
			byCode[d.Hromada] = d
		}
		return &cmp, byCode
	}

	// 2022-09-05: the list has м. Балаклія occupied 02.03–11.09.2022 and
	// 13 of the hromada's 37 settlements occupied; DeepState has the city
	// and 10 of the 37 (each at its own point since the gazetteer has
	// Who's On First's village points; with hromada centroids it had
	// nearly all 37). Neither side has half: the hromada agrees.
	cmp, d := compare("2022-09-05")
	if cmp.Hromadas < 1700 || cmp.BothOccupied < 400 {
		t.Errorf("2022-09-05: %+v", cmp)
	}
	if b, ok := d["UA6304001"]; ok {
		t.Errorf("Balakliia's hromada on 2022-09-05 disagrees: %+v", b)
	}
	// Kupiansk's hromada (м. Куп’янськ occupied 24.02–09.09.2022 by the
	// list): the two agree.
	if k, ok := d["UA6308009"]; ok {
		t.Errorf("Kupiansk's hromada disagrees on 2022-09-05: %+v", k)
	}

	// 2022-09-13: Balakliia is liberated on both; Borova's hromada is
	// still occupied by the list (с-ще Борова until 03.10.2022); on
	// DeepState's map 18 of its 38 settlements (at their own points) are on
	// russia ground: under half, so the two disagree.
	_, d = compare("2022-09-13")
	if b, ok := d["UA6304001"]; ok {
		t.Errorf("Balakliia's hromada disagrees on 2022-09-13: %+v", b)
	}
	if k, ok := d["UA6308009"]; ok {
		t.Errorf("Kupiansk's hromada disagrees on 2022-09-13: %+v", k)
	}
	if b, ok := d["UA6304005"]; !ok || b.Side != "list" || b.ListStatus != frontline.StatusRussia || b.PolygonRussiaShare >= 0.5 ||
		len(b.ListPeriods) == 0 || !strings.Contains(b.ListPeriods[0], "2022-10-03") {
		t.Errorf("Borova's hromada on 2022-09-13: %+v (found %v)", b, ok)
	}

	out = mustRun(t, db, "layer", "compare", "deepstate", "perelik", "--at", "2022-09-13")
	for _, want := range []string{"Occupied by the list, not by the polygons:", "UA6304005", "Borivska selyshchna terytorialna hromada (Борівська", "Occupied by the polygons, not by the list:"} {
		if !strings.Contains(out, want) {
			t.Errorf("compare: no %q in\n%s", want, out)
		}
	}

	// Errors: a day before the polygon layer, a layer against itself,
	// missing arguments.
	if _, _, err := run(t, db, "layer", "compare", "deepstate", "perelik", "--at", "2022-08-01"); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Errorf("before the first map: %v", err)
	}
	if _, _, err := run(t, db, "layer", "compare", "deepstate", "deepstate", "--at", "2022-09-13"); err == nil || !strings.Contains(errorText(err), "not itself") {
		t.Errorf("a layer against itself: %v", err)
	}
	if _, _, err := run(t, db, "layer", "compare", "deepstate", "--at", "2022-09-13"); exitCode(err) != 2 {
		t.Errorf("one layer: %v", err)
	}
	if _, _, err := run(t, db, "layer", "compare", "deepstate", "perelik"); exitCode(err) != 2 {
		t.Errorf("no --at: %v", err)
	}
}

func TestLayerCompareTwoPolygonLayers(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	mustRun(t, db, "layer", "import", "--layer", "deepstate", filepath.Join(dataDir(t), "control", "deepstate", "monthly", "2024-08-01T204007Z.geojson"))
	mustRun(t, db, "layer", "import", "--layer", "cyterat", "--status", "russia", filepath.Join(dataDir(t), "control", "deepstate", "cyterat-occupied-monthly", "2024-08-01.geojson"))
	var res frontline.DisagreementResult
	if err := json.Unmarshal([]byte(mustRun(t, db, "layer", "compare", "deepstate", "cyterat", "--at", "2024-08-01", "--json")), &res); err != nil {
		t.Fatal(err)
	}
	if res.Other != "cyterat" || res.DisagreeKm2 < 100 || res.DisagreeKm2 > 2000 || len(res.Settlements) == 0 {
		t.Errorf("two archives of DeepState on 2024-08-01: %.1f km², %d settlements", res.DisagreeKm2, len(res.Settlements))
	}
	if out := mustRun(t, db, "layer", "compare", "deepstate", "cyterat", "--at", "2024-08-01"); !strings.Contains(out, "they disagree on") || !strings.Contains(out, "Donetsk Oblast") {
		t.Errorf("layer compare text:\n%s", out)
	}
}
