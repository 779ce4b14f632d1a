package control_test

import (
	"context"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
)

// frontTolM is how far (metres) a distance to the front built from the
// pieces may be from the one built by the national union: the same edges
// but for cuts along oblast borders that the union split where the status
// across changes part-way (the probe at an edge's middle decides it whole).
const frontTolM = 1.0

// compareFronts measures random points (over Ukraine and beyond) against each snapshot's front both ways and fails on a
// distance more than frontTolM apart or a different side.
func compareFronts(t *testing.T, svc *control.Service, snaps []*frontline.Snapshot, points int, seed int64) {
	t.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewSource(seed))
	var gaps []float64
	sideDiff, n := 0, 0
	for _, sn := range snaps {
		pts := make([][2]float64, points)
		for i := range pts {
			// Ukraine and around it (points outside the front's grid too).
			pts[i] = [2]float64{20 + 22*rng.Float64(), 43 + 10*rng.Float64()}
		}
		got, want, ge, we, misses, err := control.FrontsCompared(ctx, svc, sn.ID, pts)
		if err != nil {
			t.Fatal(err)
		}
		if misses > 0 {
			t.Errorf("%s: the grid found another nearest edge than a scan for %d of %d points", sn.ValidAt.Format("2006-01-02"), misses, len(pts))
		}
		if (ge == 0) != (we == 0) {
			t.Fatalf("%s: %d edges from pieces, %d from the union", sn.ValidAt.Format("2006-01-02"), ge, we)
		}
		for i := range got {
			n++
			gap := math.Abs(got[i].DistanceM - want[i].DistanceM)
			gaps = append(gaps, gap)
			if gap > frontTolM {
				t.Errorf("%s: point %v: %.3f m from the front, union %.3f m", sn.ValidAt.Format("2006-01-02"), pts[i], got[i].DistanceM, want[i].DistanceM)
			}
			if got[i].Side != want[i].Side {
				sideDiff++
			}
		}
		t.Logf("%s: %d edges from pieces, %d from the union", sn.ValidAt.Format("2006-01-02T15"), ge, we)
	}
	if n == 0 {
		t.Fatal("no point measured")
	}
	if sideDiff > 0 {
		t.Errorf("%d of %d points on another side", sideDiff, n)
	}
	sort.Float64s(gaps)
	t.Logf("%d points: distance gap median %.3g m, p99 %.3g m, max %.3g m", n, gaps[n/2], gaps[n*99/100], gaps[n-1])
}

// TestFrontFromPiecesMatchesUnion measures random points against the
// fronts of real maps (../shared/data) built from their pieces and by the
// national union of each status's pieces.
func TestFrontFromPiecesMatchesUnion(t *testing.T) {
	svc, _ := newService(t)
	files, err := filepath.Glob(filepath.Join(dailyDir(t), "*.geojson"))
	if err != nil || len(files) < 30 {
		t.Fatalf("%d daily maps: %v", len(files), err)
	}
	for i := 0; i < len(files); i += 8 {
		importFile(t, svc, "deepstate", files[i])
	}
	snaps, err := svc.Store.FindSnapshots(context.Background(), frontline.SnapshotFilter{Layer: "deepstate"})
	if err != nil {
		t.Fatal(err)
	}
	compareFronts(t, svc, snaps, 400, 1)
}

// TestFrontFromPiecesOnStore is TestFrontFromPiecesMatchesUnion on 20
// random maps of a store given in FRONTLINE_CELLS_DB (a copy: the full
// archive).
func TestFrontFromPiecesOnStore(t *testing.T) {
	svc, pick := randomStoreMaps(t, 20, 13)
	compareFronts(t, svc, pick, 300, 13)
}

// TestFrontDistanceFuncIsFrontDistance checks that the distance-only
// function a check measures gained vertices with gives, bit for bit, the
// DistanceM of FrontDistance (side, bearing and across left out) for
// random points over and around Ukraine on real maps (../shared/data).
func TestFrontDistanceFuncIsFrontDistance(t *testing.T) {
	svc, _ := newService(t)
	files, err := filepath.Glob(filepath.Join(dailyDir(t), "*.geojson"))
	if err != nil || len(files) < 30 {
		t.Fatalf("%d daily maps: %v", len(files), err)
	}
	ctx := context.Background()
	rng := rand.New(rand.NewSource(7))
	for _, f := range []string{files[0], files[len(files)/2], files[len(files)-1]} {
		res := importFile(t, svc, "deepstate", f)
		at, err := frontline.ParseDay(res.Snapshot.ValidAt.UTC().Format("2006-01-02"), time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		dist, err := svc.FrontDistanceFunc(ctx, "deepstate", at, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		for range 500 {
			lon, lat := 20+22*rng.Float64(), 43+10*rng.Float64()
			fd, err := svc.FrontDistance(ctx, "deepstate", lon, lat, at, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if got := dist(lon, lat); got != fd.DistanceM {
				t.Fatalf("%s: %v,%v: FrontDistanceFunc %v m, FrontDistance %v m", at.Label, lon, lat, got, fd.DistanceM)
			}
		}
	}
}

// randomStoreMaps opens the store given in FRONTLINE_CELLS_DB (a copy: the
// full archive; the test is skipped when unset) and draws n of its
// deepstate maps at random with seed.
func randomStoreMaps(t *testing.T, n int, seed int64) (*control.Service, []*frontline.Snapshot) {
	t.Helper()
	path := os.Getenv("FRONTLINE_CELLS_DB")
	if path == "" {
		t.Skip("FRONTLINE_CELLS_DB not set")
	}
	svc := storeService(t, path)
	snaps, err := svc.Store.FindSnapshots(context.Background(), frontline.SnapshotFilter{Layer: "deepstate"})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(seed))
	var pick []*frontline.Snapshot
	for range n {
		pick = append(pick, snaps[rng.Intn(len(snaps))])
	}
	return svc, pick
}
