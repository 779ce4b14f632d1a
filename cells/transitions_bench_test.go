package cells_test

import (
	"context"
	"math/rand"
	"syscall"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/cells"
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
