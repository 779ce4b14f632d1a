package control_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/gazetteer"
)

// TestChangeTransitionsIsChange: ChangeTransitions gives Change's
// Transitions, the same figures in the same order to the last bit, for
// 40 random pairs of the demo window (either order, the same day), from
// the cells, and 8 from the overlays (NoCells), with the gazetteer set (Change
// then lists settlements, which ChangeTransitions leaves out).
func TestChangeTransitionsIsChange(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the demo window")
	}
	ctx := context.Background()
	svc := demoService(t)
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	svc.SetPlaces(places)
	pairs := randomDayPairs(t, svc)[:40]
	for _, noCells := range []bool{false, true} {
		svc.NoCells = noCells
		some := pairs
		if noCells {
			some = pairs[:8] // overlays: seconds each under load
		}
		for _, pr := range some {
			want, err := svc.Change(ctx, "deepstate", pr[0], pr[1], time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := svc.ChangeTransitions(ctx, "deepstate", pr[0], pr[1], time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want.Transitions) {
				t.Errorf("NoCells %v, %s → %s: ChangeTransitions %v, Change %v", noCells, pr[0].Label, pr[1].Label, got, want.Transitions)
			}
		}
	}
	// A day outside the layer: the same error as Change's.
	early, err := frontline.ParseDay("2020-01-01", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	_, errChange := svc.Change(ctx, "deepstate", early, pairs[0][1], time.Time{})
	_, errTransitions := svc.ChangeTransitions(ctx, "deepstate", early, pairs[0][1], time.Time{})
	if errChange == nil || errTransitions == nil || errChange.Error() != errTransitions.Error() {
		t.Errorf("day before the layer: ChangeTransitions %v, Change %v", errTransitions, errChange)
	}
}
