package control_test

import (
	"context"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
)

// TestGainedVerticesHoldsTheFront: the front GainedVertices builds from
// the earlier map's pieces while its overlays run (for the advance
// measured from it next) measures every point as the front FrontDistanceFunc
// builds on a service that did not ask GainedVertices, to the last bit.
func TestGainedVerticesHoldsTheFront(t *testing.T) {
	ctx := context.Background()
	svc, _ := newService(t)
	for _, name := range []string{"2022-08-25T102845Z", "2022-09-07T093611Z", "2022-09-10T092907Z"} {
		importFile(t, svc, "deepstate", filepath.Join(dailyDir(t), name+".geojson"))
	}
	from, to := day(t, "2022-09-07"), day(t, "2022-09-10")
	snaps, err := svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate", ValidTo: from.End, Desc: true, Limit: 1})
	if err != nil || len(snaps) != 1 {
		t.Fatalf("the map of %s: %v, %v", from.Label, snaps, err)
	}
	built := control.NewService(svc.Store, svc.Bounds) // GainedVertices first
	if _, err := built.GainedVertices(ctx, "deepstate", frontline.StatusUkraine, from, to, time.Time{}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); !control.FrontHeld(built, snaps[0].ID); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the earlier map's front is not held a minute after GainedVertices")
		}
	}
	fresh := control.NewService(svc.Store, svc.Bounds) // FrontDistanceFunc alone
	got, err := built.FrontDistanceFunc(ctx, "deepstate", from, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := fresh.FrontDistanceFunc(ctx, "deepstate", from, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	finite := 0
	for i := 0; i < 2000; i++ {
		lon, lat := 33+rng.Float64()*8, 46+rng.Float64()*5
		a, b := got(lon, lat), want(lon, lat)
		if math.Float64bits(a) != math.Float64bits(b) {
			t.Fatalf("(%.5f, %.5f): %v m from the front GainedVertices held, %v m from FrontDistanceFunc's", lon, lat, a, b)
		}
		if !math.IsInf(a, 0) {
			finite++
		}
	}
	if finite == 0 {
		t.Fatal("no point had a distance: nothing compared")
	}
}
