package cells_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/cells"
)

// TestCellsFollowLongGeodesicEdges: a map's areas are geodesic, the
// overlays that split cells planar. A Russian-held triangle in Zaporizhzhia
// oblast whose base runs 1° along a parallel (75 km; the geodesic between
// its ends passes ~130 m north of the straight line in degrees), then a
// contested square over the middle of the base, then the triangle again.
// The square's corners cut the base where the straight line runs, so the
// cells hold ground on the wrong side of the geodesic unless the base is
// followed along it: before the pieces were densified the cells were off
// the maps' areas by ~5 km² (2.5e-3 of the triangle) at the second map
// (a part keeping the rest of its cell's area) or at the third (parts
// measured on their own).
func TestCellsFollowLongGeodesicEdges(t *testing.T) {
	store, svc := storeWithoutCells(t)
	ctx := context.Background()
	feature := func(name string, ring [][2]float64) string {
		var pts []string
		for _, p := range append(ring, ring[0]) {
			pts = append(pts, fmt.Sprintf("[%g,%g]", p[0], p[1]))
		}
		return fmt.Sprintf(`{"type":"Feature","properties":{"name":%q},"geometry":{"type":"Polygon","coordinates":[[%s]]}}`, name, strings.Join(pts, ","))
	}
	triangle := feature("Окуповано /// Occupied", [][2]float64{{35.3, 47.2}, {36.3, 47.2}, {35.8, 47.6}})
	square := feature("Сіра зона /// Contested", [][2]float64{{35.75, 47.1}, {35.85, 47.1}, {35.85, 47.3}, {35.75, 47.3}})
	maps := []string{triangle, triangle + "," + square, triangle}
	t0 := time.Date(2022, 5, 1, 12, 0, 0, 0, time.UTC)
	for i, fs := range maps {
		data := `{"type":"FeatureCollection","features":[` + fs + `]}`
		if _, err := svc.Import(ctx, frontline.ImportRequest{Layer: "g", SourceName: fmt.Sprint(i), Data: []byte(data), ValidAt: t0.AddDate(0, 0, i)}); err != nil {
			t.Fatal(err)
		}
	}
	b := cells.NewBuilder(store, "g")
	if n, err := b.Sync(ctx); err != nil || n != len(maps) {
		t.Fatalf("sync: %d maps, %v", n, err)
	}
	ix, err := cells.Load(ctx, store, "g")
	if err != nil {
		t.Fatal(err)
	}
	snaps, err := store.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "g"})
	if err != nil || len(snaps) != len(maps) {
		t.Fatalf("%d maps, %v", len(snaps), err)
	}
	for p, sn := range snaps {
		var got [4]float64
		for _, ob := range ix.Areas(int32(p)) {
			for i, a := range ob {
				got[i] += a
			}
		}
		for _, st := range []frontline.Status{frontline.StatusRussia, frontline.StatusContested} {
			want, g := sn.AreasKm2[st], got[cells.StatusIndex(st)]
			if d := math.Abs(g - want); d > 1e-6*math.Max(want, 1) {
				t.Errorf("map %d, %s: %.6f km² in the cells, %.6f on the map (%.3g km² off)", p+1, st, g, want, d)
			}
		}
	}
}
