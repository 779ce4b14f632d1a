package main

import (
	"os"
	"runtime/debug"
	"sync"
)

// lateHeapLimit is the heap a short query command grows to before it
// collects. On the full archive `check` of the seed article peaks at
// ~115 MB of RSS without collecting, `change` and `place show` at 42–49 MB;
// the first `change` on a store whose transitions are not stored yet reads
// the whole cell index (267 MB with GOGC=400): it collects at this limit.
const lateHeapLimit = 256 << 20

// lateHugeHeap is how much of the heap the binary readies for transparent
// huge pages before one of hugeHeapCommands starts (hugePageHeap): what
// `check` of the seed article allocates on the full archive, with room.
const lateHugeHeap = 128 << 20

// hugeHeapCommands name the short query commands that allocate tens of MB
// or more with the collector off, for which hugePageHeap saves more page
// faults than its ~2 ms cost (on the full archive, SCHED_FIFO: `check` of
// the seed article 124 -> 103 ms, `change` 48 -> 45 ms; `area --at`,
// `series` and `place search` 1-2 ms slower, `place show` the same).
var hugeHeapCommands = map[string]bool{"check": true, "change": true, "settlements": true}

// collectsLate names the short query commands run under collectLate.
var collectsLate = map[string]bool{
	"area": true, "change": true, "settlements": true, "series": true,
	"place": true, "distance": true, "front-distance": true, "check": true,
}

// collectLate turns the collector off for a short command, up to a soft
// memory limit of lateHeapLimit (or the limit set, if lower), and returns
// what restores the settings: commands also run in-process (tests, several
// at once), so the first to enter saves them and the last to leave
// restores them. GOGC in the environment is left to rule.
//
// With GOGC=400 a command that loads the gazetteer (~12 MB live) collects
// once at its first heap goal, 16 MB, and `check` of the seed article
// collects twice (GODEBUG=gctrace=1: live heaps of 12 and 29 MB): 15–60 ms
// of CPU at load 14–25, much of it assists on the command's own goroutines.
func collectLate() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	lateGC.mu.Lock()
	defer lateGC.mu.Unlock()
	if lateGC.users == 0 {
		lateGC.limit = debug.SetMemoryLimit(-1)
		lateGC.percent = debug.SetGCPercent(-1)
		debug.SetMemoryLimit(min(lateGC.limit, lateHeapLimit))
	}
	lateGC.users++
	return func() {
		lateGC.mu.Lock()
		defer lateGC.mu.Unlock()
		if lateGC.users--; lateGC.users == 0 {
			debug.SetGCPercent(lateGC.percent)
			debug.SetMemoryLimit(lateGC.limit)
		}
	}
}

// lateGC is the collector's settings before the first of the commands
// running under collectLate, and how many are running.
var lateGC struct {
	mu      sync.Mutex
	users   int
	limit   int64
	percent int
}
