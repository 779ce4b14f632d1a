// Command frontline is Frontline's CLI and server: import tracker maps,
// measure area and change, and serve the API.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"github.com/frontline-osint/frontline/gazetteer"
)

// cacheDir is where the commands keep what they can rebuild: the
// FRONTLINE_CACHE_DIR variable if set (empty: nowhere), else frontline/ in
// the user's cache folder ($XDG_CACHE_HOME, ~/.cache), else nowhere.
func cacheDir() string {
	if dir, ok := os.LookupEnv("FRONTLINE_CACHE_DIR"); ok {
		return dir
	}
	if dir, err := os.UserCacheDir(); err == nil {
		return filepath.Join(dir, "frontline")
	}
	return ""
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Overlay allocates many small objects; trading memory for fewer
	// collections saves CPU on import (1.2× less in docs/benchmarks-journal.md's
	// runs; wall time 1.0–1.2× faster). GOGC still overrides.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	// The shipped gazetteer's text, inflated once, is kept in the user's
	// cache folder and mapped by the next commands (~60 ms of CPU less at
	// start-up). FRONTLINE_CACHE_DIR names another folder; set empty, it
	// keeps nothing.
	gazetteer.CacheEmbeddedText(cacheDir())
	if len(os.Args) > 1 && hugeHeapCommands[os.Args[1]] {
		// The first 128 MB of the command's heap in huge pages, readied
		// while the heap is fresh (not for in-process runs: tests).
		hugePageHeap(lateHugeHeap)
	}
	m := NewMain()
	// FRONTLINE_CPUPROFILE=FILE writes a CPU profile of the command (for
	// bench/ and performance work).
	if path := os.Getenv("FRONTLINE_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	err := m.Run(ctx, os.Args[1:])
	pprof.StopCPUProfile()
	// FRONTLINE_MEMPROFILE=FILE writes a heap profile (live objects at the
	// last collection, and what was allocated since start) when the command
	// ends — for serve, when it is stopped with SIGINT or SIGTERM.
	if path := os.Getenv("FRONTLINE_MEMPROFILE"); path != "" {
		if f, ferr := os.Create(path); ferr == nil {
			runtime.GC()
			pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}
	}
	if err != nil {
		fmt.Fprintln(m.Stderr, "frontline:", errorText(err))
		os.Exit(exitCode(err))
	}
}
