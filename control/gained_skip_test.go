package control_test

import (
	"context"
	"math"
	"math/rand"
	"os"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
)

// compareGainedEvery checks, on random pairs of days, that the ground
// GainedVertices gives each side (overlays of the statuses that changed
// only, of the pieces cut to the box where the maps differ, one status's
// piece its own union) gives the same deepest advance from the earlier
// front as every overlay of the whole pieces, to 1e-9 km. Their vertices
// differ where the whole pieces' overlays leave slivers of rounding away
// from the change (logged).
func compareGainedEvery(t *testing.T, svc *control.Service, snaps []*frontline.Snapshot, pairs, maxApart int, seed int64) {
	t.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewSource(seed))
	label := func(sn *frontline.Snapshot) string { return sn.ValidAt.UTC().Format("2006-01-02") }
	compared, differ := 0, 0
	for range pairs {
		i := rng.Intn(len(snaps))
		j := min(len(snaps)-1, i+rng.Intn(maxApart+1))
		if rng.Intn(4) == 0 {
			i, j = j, i
		}
		from, to := day(t, label(snaps[i])), day(t, label(snaps[j]))
		for _, side := range []frontline.Status{frontline.StatusUkraine, frontline.StatusRussia, frontline.StatusContested} {
			got, want, err := control.GainedEvery(ctx, svc, "deepstate", side, from, to)
			if err != nil {
				t.Fatal(err)
			}
			set := func(ps [][2]float64) map[[2]float64]bool {
				m := map[[2]float64]bool{}
				for _, p := range ps {
					m[p] = true
				}
				return m
			}
			g, w := set(got), set(want)
			missing, extra := 0, 0
			for p := range w {
				if !g[p] {
					missing++
				}
			}
			for p := range g {
				if !w[p] {
					extra++
				}
			}
			if missing > 0 || extra > 0 {
				// Slivers of the whole pieces' overlays where the two
				// maps are the same (the union's rounding), outside
				// the box the pieces are cut to.
				differ++
				t.Logf("%s→%s to %s: %d vertices of every overlay missing, %d more (of %d)", from.Label, to.Label, side, missing, extra, len(w))
			}
			if len(want) > 0 {
				compared++
				if a, b := farthestKm(t, svc, from, got), farthestKm(t, svc, from, want); math.Abs(a-b) > 1e-9 {
					t.Errorf("%s→%s to %s: advance %.12f km, every overlay %.12f km", from.Label, to.Label, side, a, b)
				}
			}
		}
	}
	if compared == 0 {
		t.Fatal("no ground gained in any pair: nothing compared")
	}
	t.Logf("%d advances compared, the same to 1e-9 km; %d vertex sets differ", compared, differ)
}

// farthestKm is the largest distance (km) of any of pts from the front of
// a day, as a check's advance measures it (every vertex).
func farthestKm(t *testing.T, svc *control.Service, at frontline.Day, pts [][2]float64) float64 {
	t.Helper()
	dist, err := svc.FrontDistanceFunc(context.Background(), "deepstate", at, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	best := 0.0
	for _, p := range pts {
		if d := dist(p[0], p[1]); !math.IsInf(d, 0) && d > best {
			best = d
		}
	}
	return best / 1000
}

// TestGainedSkipsUnchangedStatuses: GainedVertices on random pairs of
// demo days against every overlay made.
func TestGainedSkipsUnchangedStatuses(t *testing.T) {
	if testing.Short() {
		t.Skip("imports demo maps")
	}
	svc, _ := newService(t)
	files := demoFiles(t)
	for i := 0; i < len(files); i += 3 {
		importFile(t, svc, "deepstate", files[i])
	}
	snaps, err := svc.FindSnapshots(context.Background(), frontline.SnapshotFilter{Layer: "deepstate", Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	compareGainedEvery(t, svc, snaps, 12, 4, 7)
}

// TestGainedSkipsUnchangedStatusesOnStore is the same on 15 random pairs
// at most 10 maps apart of a store given in FRONTLINE_CELLS_DB (a copy:
// the full archive).
func TestGainedSkipsUnchangedStatusesOnStore(t *testing.T) {
	path := os.Getenv("FRONTLINE_CELLS_DB")
	if path == "" {
		t.Skip("FRONTLINE_CELLS_DB not set")
	}
	svc := storeService(t, path)
	snaps, err := svc.FindSnapshots(context.Background(), frontline.SnapshotFilter{Layer: "deepstate", Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	compareGainedEvery(t, svc, snaps, 15, 10, 13)
}
