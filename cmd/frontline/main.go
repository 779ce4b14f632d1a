// Command frontline is Frontline's CLI and server: import tracker maps,
// measure area and change, and serve the API.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Overlay allocates many small objects; trading memory for fewer
	// collections saves CPU on import (1.2× less in docs/BENCHMARKS.md's
	// runs; wall time 1.0–1.2× faster). GOGC still overrides.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
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
