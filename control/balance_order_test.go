package control_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/sqlite"
)

// uncachedStore is the SQLite store without its change cache: every
// Change computes.
type uncachedStore struct{ *sqlite.SnapshotStore }

func (uncachedStore) ChangeCache(context.Context, int64, int64, string) ([]byte, error) {
	return nil, frontline.Errorf(frontline.ENOTFOUND, "test: change cache bypassed")
}

func (uncachedStore) PutChangeCache(context.Context, int64, int64, string, []byte) error { return nil }

// TestChangeSameToTheLastBit computes the same change many times: the
// national figures, summed from the oblasts' balanced matrices, must be
// equal to the last bit every time (they were summed in a map's random
// order, and `change --json` gave different last digits run to run).
func TestChangeSameToTheLastBit(t *testing.T) {
	demo := demoService(t)
	svc := control.NewService(uncachedStore{demo.Store.(*sqlite.SnapshotStore)}, demo.Bounds)
	ctx := context.Background()
	from, to := day(t, "2022-08-31"), day(t, "2022-10-14")
	first, err := svc.Change(ctx, "deepstate", from, to, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 40; i++ {
		res, err := svc.Change(ctx, "deepstate", from, to, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		for st, v := range first.NetKm2 {
			if math.Float64bits(res.NetKm2[st]) != math.Float64bits(v) {
				t.Fatalf("call %d: net %s %.17g km², first call %.17g", i+2, st, res.NetKm2[st], v)
			}
		}
		for j, tr := range first.Transitions {
			if got := res.Transitions[j]; got.From != tr.From || got.To != tr.To || math.Float64bits(got.AreaKm2) != math.Float64bits(tr.AreaKm2) {
				t.Fatalf("call %d: transition %s→%s %.17g km², first call %s→%s %.17g", i+2, got.From, got.To, got.AreaKm2, tr.From, tr.To, tr.AreaKm2)
			}
		}
	}
}
