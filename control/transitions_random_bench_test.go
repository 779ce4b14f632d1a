package control_test

import (
	"context"
	"math/rand"
	"os"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/internal/cputime"
)

// BenchmarkChangeRandomDays is svc.Change between random pairs of days
// of a store with cells (FRONTLINE_CELLS_DB, a copy: the full archive;
// skipped when unset), no settlements, each pair once per pass, after
// two changes of other pairs (2023-05-20 → 2024-02-17 and the whole
// archive: a service that has answered before, every row of its
// transitions held). It reports the median, p90 and
// max over the pairs of the first pass (each pair asked once, as
// bench/cmd/compare asks them) of the calling thread's CPU (cpu-…) and of
// the wall time. Pairs: FRONTLINE_PAIRS (20
// unless set), seed FRONTLINE_SEED (1), days drawn as bench/cmd/compare
// draws them.
func BenchmarkChangeRandomDays(b *testing.B) {
	path := os.Getenv("FRONTLINE_CELLS_DB")
	if path == "" {
		b.Skip("FRONTLINE_CELLS_DB not set")
	}
	pairs, seed := 20, int64(1)
	if v, err := strconv.Atoi(os.Getenv("FRONTLINE_PAIRS")); err == nil && v > 0 {
		pairs = v
	}
	if v, err := strconv.ParseInt(os.Getenv("FRONTLINE_SEED"), 10, 64); err == nil {
		seed = v
	}
	svc := storeService(b, path)
	ctx := context.Background()
	snaps, err := svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate", Brief: true})
	if err != nil {
		b.Fatal(err)
	}
	var days []string
	for _, sn := range snaps {
		if d := sn.ValidAt.UTC().Format("2006-01-02"); len(days) == 0 || days[len(days)-1] != d {
			days = append(days, d)
		}
	}
	rng := rand.New(rand.NewSource(seed))
	ab := make([][2]frontline.Day, pairs)
	for i := range ab {
		x, y := rng.Intn(len(days)), rng.Intn(len(days)-1)
		if y >= x {
			y++
		}
		ab[i] = [2]frontline.Day{day(b, days[min(x, y)]), day(b, days[max(x, y)])}
	}
	for _, w := range [][2]string{{"2023-05-20", "2024-02-17"}, {days[0], days[len(days)-1]}} {
		if _, err := svc.Change(ctx, "deepstate", day(b, w[0]), day(b, w[1]), time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu := make([]time.Duration, pairs)
	wall := make([]time.Duration, pairs)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % pairs
		c0, w0 := cputime.Thread(), time.Now()
		if _, err := svc.Change(ctx, "deepstate", ab[k][0], ab[k][1], time.Time{}); err != nil {
			b.Fatal(err)
		}
		if i < pairs {
			cpu[k], wall[k] = cputime.Thread()-c0, time.Since(w0)
		}
	}
	if b.N < pairs {
		return
	}
	for _, m := range []struct {
		name string
		d    []time.Duration
	}{{"cpu", cpu}, {"wall", wall}} {
		slices.Sort(m.d)
		b.ReportMetric(float64(m.d[pairs/2].Microseconds())/1e3, m.name+"-median-ms")
		b.ReportMetric(float64(m.d[(pairs*9+9)/10-1].Microseconds())/1e3, m.name+"-p90-ms")
		b.ReportMetric(float64(m.d[pairs-1].Microseconds())/1e3, m.name+"-max-ms")
	}
}
