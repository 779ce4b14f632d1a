package alert_test

import (
	"context"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/alert"
)

// TestAlertLatency measures, for the demo's maps after the window, the
// time from a new snapshot stored (Import returned) to its alert received
// by a webhook: with Evaluate called at once (as a follower's hook would),
// and with the serve loop's polling at a 5 s interval. Run with
// FRONTLINE_BENCH=1 (docs/benchmarks-journal.md).
func TestAlertLatency(t *testing.T) {
	if os.Getenv("FRONTLINE_BENCH") == "" {
		t.Skip("FRONTLINE_BENCH=1 to measure")
	}
	e := newEnv(t)
	hook := newReceiver(t, "s", 0)
	e.engine.Webhook = alert.Webhook{URL: hook.URL, Secret: "s"}
	// Any change in Kharkiv oblast fires: every new day alerts.
	for _, ob := range []string{"UA-63", "UA-14", "UA-09", "UA-65", "UA-23"} {
		e.watch(t, frontline.Watch{Kind: frontline.WatchOblast, Oblast: ob, MinKm2: 0.01, From: windowFrom}, "")
	}
	e.watch(t, frontline.Watch{Kind: frontline.WatchFront, RadiusKm: 10, From: windowFrom}, "Kupiansk")
	e.evaluate(t) // the window: not measured
	for len(hook.got) > 0 {
		<-hook.got
	}
	ctx := context.Background()
	byDay := map[string][]int{}
	for i, sn := range later {
		d := sn.ValidAt.UTC().Format("2006-01-02")
		byDay[d] = append(byDay[d], i)
	}
	var dayList []string
	for d := range byDay {
		dayList = append(dayList, d)
	}
	sort.Strings(dayList)
	// The last snapshot of each day: a new day of the layer.
	var next []int
	for _, d := range dayList {
		next = append(next, byDay[d][len(byDay[d])-1])
	}
	var imports, direct, evals []time.Duration
	k := 0
	for ; k < len(next) && len(direct) < 6; k++ {
		i := next[k]
		t0 := time.Now()
		e.importSnapshot(t, later[i])
		stored := time.Now()
		imports = append(imports, stored.Sub(t0))
		res, err := e.engine.Evaluate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		evals = append(evals, time.Since(stored))
		if len(res.Alerts) == 0 {
			t.Logf("%s: no change, no alert", later[i].Name)
			continue
		}
		got := <-hook.got
		direct = append(direct, got.Sub(stored))
		for range len(res.Alerts) - 1 {
			<-hook.got
		}
	}
	// The serve loop: Run polls every 5 s.
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); e.engine.Run(rctx, 5*time.Second) }()
	var polled []time.Duration
	for ; k < len(next) && len(polled) < 4; k++ {
		i := next[k]
		time.Sleep(1300 * time.Millisecond) // not in step with the ticker
		e.importSnapshot(t, later[i])
		stored := time.Now()
		select {
		case got := <-hook.got:
			polled = append(polled, got.Sub(stored))
		case <-time.After(15 * time.Second):
			t.Logf("%s: no alert within 15 s (no change)", later[i].Name)
		}
		time.Sleep(300 * time.Millisecond)
		for len(hook.got) > 0 {
			<-hook.got
		}
	}
	cancel()
	<-done
	t.Logf("import (snapshot processing): %v", imports)
	t.Logf("stored → Evaluate returned: %v", evals)
	t.Logf("stored → webhook received, Evaluate at once: %v", direct)
	t.Logf("stored → webhook received, 5 s poll: %v", polled)
}
