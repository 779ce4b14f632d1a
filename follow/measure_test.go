package follow_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/follow"
)

// The figures of docs/benchmarks-journal.md ("Following sources"). Run with
//
//	FRONTLINE_MEASURE=1 go test ./follow -run Measure -v -p 1
func measuring(t *testing.T) {
	if os.Getenv("FRONTLINE_MEASURE") == "" {
		t.Skip("set FRONTLINE_MEASURE=1 to measure")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func heapMiB() float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapAlloc) / (1 << 20)
}

// Idle cost: 50 sources polled every minute with nothing new, over an
// hour of simulated time (3,000 conditional GETs answered 304, each poll's
// state written to SQLite). The CPU counts the follower and the in-process
// fake tracker together.
func TestMeasureIdle(t *testing.T) {
	measuring(t)
	e := newEnv(t)
	tr := follow.NewTracker(archiveVersions(t, 1))
	tr.Publish(1, e.clock.Now())
	srv := serve(t, tr)
	var sources []frontline.SourceConfig
	for i := range 50 {
		s := frontline.SourceConfig{Name: fmt.Sprintf("ds%02d", i), Kind: frontline.SourceDeepState, URL: srv.URL, Layer: "deepstate", Every: frontline.Duration{Duration: time.Minute}}
		s.Validate(false)
		sources = append(sources, s)
	}
	f := e.follower()
	ctx := context.Background()
	// The first round imports the one version (once per source's state).
	if _, err := f.Once(ctx, sources); err != nil {
		t.Fatal(err)
	}
	heaps := []float64{heapMiB()}
	for hour := range 2 {
		start := e.clock.Now()
		end := start.Add(time.Hour)
		rctx, cancel := context.WithCancel(ctx)
		f.Sleep = func(ctx context.Context, d time.Duration) error {
			if !e.clock.Now().Add(d).Before(end) {
				cancel()
				return context.Canceled
			}
			return e.clock.Sleep(ctx, d)
		}
		polls := 0
		cpu0, wall0 := cpuTime(), time.Now()
		if err := f.Run(rctx, sources, func(r *follow.PollResult) {
			polls++
			if r.Outcome != "not-modified" {
				t.Errorf("%+v", r)
			}
		}); err != nil {
			t.Fatal(err)
		}
		cpu, wall := cpuTime()-cpu0, time.Since(wall0)
		heaps = append(heaps, heapMiB())
		share := cpu.Seconds() / time.Hour.Seconds() * 100
		t.Logf("hour %d: %d polls in %s wall, %s CPU: %.1f ms CPU per poll, %.4f%% of one core over the simulated hour; heap %.1f MiB",
			hour+1, polls, wall.Round(time.Millisecond), cpu.Round(time.Millisecond), cpu.Seconds()*1000/float64(polls), share, heaps[len(heaps)-1])
		if share >= 1 {
			t.Errorf("idle cost %.3f%% of a core, want < 1%%", share)
		}
		e.clock.Sleep(ctx, time.Minute)
	}
	if grow := heaps[2] - heaps[1]; grow > 2 {
		t.Errorf("heap grew %.1f MiB in the second hour", grow)
	}
}

// Processing time: a version published at the tracker to its snapshot and
// report stored (the poll that finds it; the poll interval's wait comes on
// top), over 10 real versions.
func TestMeasureLatency(t *testing.T) {
	measuring(t)
	e := newEnv(t)
	vs := archiveVersions(t, 11)
	tr := follow.NewTracker(vs)
	src := deepstateSource(serve(t, tr).URL)
	f := e.follower()
	tr.Publish(1, e.clock.Now())
	e.poll(f, src)
	var total, worst time.Duration
	for i := 1; i < len(vs); i++ {
		tr.Publish(1, e.clock.Now())
		t0 := time.Now()
		r := e.poll(f, src)
		d := time.Since(t0)
		if len(r.Snapshots) != 1 {
			t.Fatalf("%+v", r)
		}
		total += d
		worst = max(worst, d)
	}
	n := len(vs) - 1
	t.Logf("version published → snapshot and report stored: mean %s, worst %s over %d versions (poll wait not included)", (total / time.Duration(n)).Round(time.Millisecond), worst.Round(time.Millisecond), n)
}
