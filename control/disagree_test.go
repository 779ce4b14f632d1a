package control_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
)

// Two archives of DeepState's map of 2024-08-01 — the full monthly file and
// cyterat's occupied-only multipolygon taken 17 hours earlier — disagree
// on little ground, and the disagreement adds up.
func TestDisagreement(t *testing.T) {
	svc, _ := newService(t)
	ctx := context.Background()
	importFile(t, svc, "deepstate", filepath.Join(dataDir(t), "control", "deepstate", "monthly", "2024-08-01T204007Z.geojson"))
	data, err := os.ReadFile(filepath.Join(dataDir(t), "control", "deepstate", "cyterat-occupied-monthly", "2024-08-01.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Import(ctx, frontline.ImportRequest{Layer: "cyterat", SourceName: "2024-08-01.geojson", Data: data, Status: frontline.StatusRussia}); err != nil {
		t.Fatal(err)
	}
	at := day(t, "2024-08-01")
	d, err := svc.Disagreement(ctx, "deepstate", "cyterat", at, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if d.DisagreeKm2 <= 0 || d.DisagreeKm2 > 5000 || len(d.ByOblast) == 0 {
		t.Fatalf("disagreement of two archives of one map: %.1f km² in %d oblasts", d.DisagreeKm2, len(d.ByOblast))
	}
	// Net: what deepstate calls russia and cyterat does not, minus the
	// reverse, is the difference of their russia areas.
	var net float64
	for _, tr := range d.Transitions {
		if tr.From == frontline.StatusRussia {
			net += tr.AreaKm2
		}
		if tr.To == frontline.StatusRussia {
			net -= tr.AreaKm2
		}
	}
	want := d.Snapshot.AreasKm2[frontline.StatusRussia] - d.OtherSnapshot.AreasKm2[frontline.StatusRussia]
	if math.Abs(net-want) > 1e-3*math.Max(1, math.Abs(want)) {
		t.Errorf("net russia disagreement %.3f km², want %.3f (difference of the areas)", net, want)
	}
	t.Logf("deepstate vs cyterat on 2024-08-01: %.1f km² disagree (russia %.1f vs %.1f km²)", d.DisagreeKm2, d.Snapshot.AreasKm2[frontline.StatusRussia], d.OtherSnapshot.AreasKm2[frontline.StatusRussia])
	gj, err := svc.DisagreementGeoJSON(ctx, "deepstate", "cyterat", at, time.Time{})
	if err != nil || len(gj) < 100 {
		t.Fatalf("GeoJSON: %v (%d bytes)", err, len(gj))
	}
	if _, err := svc.Disagreement(ctx, "deepstate", "deepstate", at, time.Time{}); frontline.ErrorCode(err) != frontline.EINVALID {
		t.Errorf("a layer against itself: %v", err)
	}
	if _, err := svc.Disagreement(ctx, "deepstate", "nope", at, time.Time{}); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Errorf("unknown layer: %v", err)
	}
}
