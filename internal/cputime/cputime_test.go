package cputime_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/frontline-osint/frontline/internal/cputime"
)

// A thread that spins for 50 ms of wall time uses CPU time, and a thread
// that sleeps uses almost none.
func TestThread(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	c0 := cputime.Thread()
	for w0 := time.Now(); time.Since(w0) < 50*time.Millisecond; {
	}
	spun := cputime.Thread() - c0
	if spun <= 0 {
		t.Fatalf("spinning used %v of thread CPU", spun)
	}
	c1 := cputime.Thread()
	time.Sleep(50 * time.Millisecond)
	if slept := cputime.Thread() - c1; slept >= spun {
		t.Errorf("sleeping used %v of thread CPU, spinning %v", slept, spun)
	}
}
