package cells_test

import (
	"context"
	"math/rand"
	"os"
	"runtime"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/cells"
	"github.com/frontline-osint/frontline/internal/cputime"
)

// cpuNow is the CPU time (user and system) the process has used: on a
// loaded machine wall time says little.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkTransitionsChange is the sum over cells between random pairs
// of maps (seed 1) from the index (index) and from the stored transitions
// once their rows are read (stored-warm), with cpu-ms/op from getrusage;
// stored-cold reads each change's rows from an in-memory copy of the
// stored form, as a new process does from the store.
func BenchmarkTransitionsChange(b *testing.B) {
	svc, _ := benchService(b)
	ctx := context.Background()
	ix, err := cells.Load(ctx, svc.Store.(frontline.CellStore), "deepstate")
	if err != nil {
		b.Fatal(err)
	}
	n := int32(len(ix.Build.SnapshotIDs))
	head, rows := ix.EncodeTransitions()
	mem := &storedRows{rows: map[[2]int32][]byte{}}
	for _, r := range rows {
		mem.rows[[2]int32{int32(r.Level), r.K}] = r.Data
	}
	byOblast := make([]cells.Matrix, len(ix.Oblasts))
	run := func(b *testing.B, change func(a, z int32)) {
		rng := rand.New(rand.NewSource(1))
		b.ResetTimer()
		cpu := cpuNow()
		for i := 0; i < b.N; i++ {
			change(rng.Int31n(n), rng.Int31n(n))
		}
		b.ReportMetric(float64((cpuNow()-cpu).Microseconds())/1e3/float64(b.N), "cpu-ms/op")
	}
	b.Run("index", func(b *testing.B) {
		run(b, func(a, z int32) { ix.ChangeInto(a, z, byOblast) })
	})
	st, err := cells.NewStored(ix.Build, head, mem.reader())
	if err != nil {
		b.Fatal(err)
	}
	b.Run("stored-warm", func(b *testing.B) {
		run(b, func(a, z int32) {
			if _, err := st.ChangeInto(ctx, a, z, byOblast); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("stored-cold", func(b *testing.B) {
		run(b, func(a, z int32) {
			st, err := cells.NewStored(ix.Build, head, mem.reader())
			if err != nil {
				b.Fatal(err)
			}
			if _, err := st.ChangeInto(ctx, a, z, byOblast); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// BenchmarkCheckpointSpacing is a change between random pairs of maps
// (seed 1) from the index, without status vectors (none) and with one
// every 16, 32, 64 or 128 maps (the vectors made before the timer
// starts): cpu-ms/op from getrusage, and the median, p90 and max over the
// pairs of one pass (pairs: FRONTLINE_PAIRS, 100 unless set) of the
// calling thread's CPU per change (each pair's least over the passes),
// the vectors' memory and the CPU they took to make, and what they would
// take stored (CheckpointEncodings).
func BenchmarkCheckpointSpacing(b *testing.B) {
	svc, _ := benchService(b)
	ctx := context.Background()
	cs, err := svc.Store.(frontline.CellStore).Cells(ctx, "deepstate", false)
	if err != nil {
		b.Fatal(err)
	}
	build, err := svc.Store.(frontline.CellStore).CellBuild(ctx, "deepstate")
	if err != nil {
		b.Fatal(err)
	}
	n := int32(len(build.SnapshotIDs))
	pairs := 100
	if v, err := strconv.Atoi(os.Getenv("FRONTLINE_PAIRS")); err == nil && v > 1 {
		pairs = v
	}
	for _, every := range []int32{-1, 16, 32, 64, 128} {
		name := "none"
		if every > 0 {
			name = strconv.Itoa(int(every))
		}
		b.Run(name, func(b *testing.B) {
			ix := cells.NewIndex(build, cs)
			ix.CheckpointEvery = every
			byOblast := make([]cells.Matrix, len(ix.Oblasts))
			cpu := cpuNow()
			ix.ChangeInto(0, 1, byOblast)
			ix.ChangeInto(0, 1, byOblast) // the second change makes the vectors
			made := cpuNow() - cpu
			rng := rand.New(rand.NewSource(1))
			ab := make([][2]int32, pairs)
			for i := range ab {
				ab[i] = [2]int32{rng.Int31n(n), rng.Int31n(n)}
			}
			took := make([]time.Duration, pairs)
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			b.ResetTimer()
			cpu = cpuNow()
			for i := 0; i < b.N; i++ {
				p := ab[i%pairs]
				t0 := cputime.Thread()
				ix.ChangeInto(p[0], p[1], byOblast)
				if t := cputime.Thread() - t0; i < pairs || t < took[i%pairs] {
					took[i%pairs] = t
				}
			}
			b.ReportMetric(float64((cpuNow()-cpu).Microseconds())/1e3/float64(b.N), "cpu-ms/op")
			if b.N >= pairs {
				slices.Sort(took)
				b.ReportMetric(float64(took[pairs/2].Microseconds())/1e3, "median-ms")
				b.ReportMetric(float64(took[(pairs*9+9)/10-1].Microseconds())/1e3, "p90-ms")
				b.ReportMetric(float64(took[pairs-1].Microseconds())/1e3, "max-ms")
			}
			b.ReportMetric(float64(ix.CheckpointBytes())/1e6, "vectors-MB")
			if every > 0 {
				packed, runs, delta := cells.CheckpointEncodings(ix, every)
				b.ReportMetric(float64(packed)/1e6, "stored-packed-MB")
				b.ReportMetric(float64(runs)/1e6, "stored-runs-MB")
				b.ReportMetric(float64(delta)/1e6, "stored-delta-MB")
			}
			b.ReportMetric(float64(made.Microseconds())/1e3, "made-cpu-ms")
		})
	}
}
