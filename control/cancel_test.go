package control_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/frontline-osint/frontline/control"
)

// TestChangeStopsWhenCancelled: the overlays of a change stop when the
// request's context ends (an abandoned request burns no CPU), and a
// cancelled change leaves nothing behind: the next one is whole.
func TestChangeStopsWhenCancelled(t *testing.T) {
	svc, _ := newService(t)
	a := importFile(t, svc, "deepstate", filepath.Join(dailyDir(t), "2022-09-06T220510Z.geojson"))
	b := importFile(t, svc, "deepstate", filepath.Join(dailyDir(t), "2022-09-13T130124Z.geojson"))

	start := time.Now()
	full, err := control.ChangeBetween(context.Background(), svc, a.Snapshot.ID, b.Snapshot.ID)
	if err != nil || full < 1000 {
		t.Fatalf("change: %.0f km², %v", full, err)
	}
	whole := time.Since(start)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start = time.Now()
	if _, err := control.ChangeBetween(ctx, svc, a.Snapshot.ID, b.Snapshot.ID); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled change: %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > whole/2 {
		t.Errorf("a cancelled change took %s, the whole one %s", d, whole)
	}

	// Cancelled half-way through the service's change (not cached yet),
	// answered from overlays (with cells it is a sum, done in time).
	svc.NoCells = true
	ctx, cancel = context.WithTimeout(context.Background(), whole/10)
	defer cancel()
	if _, err := svc.Change(ctx, "deepstate", day(t, "2022-09-06"), day(t, "2022-09-13"), time.Time{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("change past its deadline: %v", err)
	}
	res, err := svc.Change(context.Background(), "deepstate", day(t, "2022-09-06"), day(t, "2022-09-13"), time.Time{})
	if err != nil || len(res.Transitions) == 0 {
		t.Fatalf("change after a cancelled one: %+v, %v", res, err)
	}
}
