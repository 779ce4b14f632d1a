package main

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// fatalRecorder is a testing.TB whose Fatalf records the message and ends
// the goroutine, as t.Fatalf does, without failing the real test.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (r *fatalRecorder) Helper() {}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// waitFor runs waitServing with a recorder and returns its URL and the
// failure it reported, if any.
func waitFor(t *testing.T, stderr *syncBuffer, done chan error, b startBounds) (url, failure string) {
	r := &fatalRecorder{TB: t}
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		url = waitServing(r, stderr, done, b)
	}()
	<-finished
	return url, r.msg
}

// TestWaitServing: the start-up wait follows the server, not a clock. A
// slow start that uses little CPU (a loaded machine) is waited for past
// what a fixed limit would allow; a start that keeps working without
// serving fails on its CPU time, one that hangs at the deadline, one that
// exits at once; each failure carries serve's log.
func TestWaitServing(t *testing.T) {
	far := time.Now().Add(time.Hour)

	// Serving after 1 s of waiting but a few ms of CPU: a CPU bound of
	// 300 ms is not reached, where a fixed 300 ms limit would have failed.
	var slow syncBuffer
	go func() {
		time.Sleep(time.Second)
		slow.Write([]byte("2026/12/07 18:00:00 Frontline serving http://127.0.0.1:1234 (database f.db)\n"))
	}()
	start := time.Now()
	if url, failure := waitFor(t, &slow, make(chan error, 1), startBounds{cpu: 300 * time.Millisecond, deadline: far}); url != "http://127.0.0.1:1234" || failure != "" {
		t.Errorf("slow start: url %q, failure %q", url, failure)
	}
	if d := time.Since(start); d < time.Second {
		t.Errorf("returned after %s, before serve said it served", d)
	}

	// Working without end: fails on the CPU bound, with the log.
	var busy syncBuffer
	busy.Write([]byte("empty store: loading the bundled demo\n"))
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for x := 0; ; x++ {
			select {
			case <-stop:
				return
			default:
			}
			for i := 0; i < 1e5; i++ {
				x ^= i
			}
		}
	}()
	if url, failure := waitFor(t, &busy, make(chan error, 1), startBounds{cpu: 200 * time.Millisecond, deadline: far}); url != "" || !strings.Contains(failure, "of CPU time (more than 200ms)") || !strings.Contains(failure, "loading the bundled demo") {
		t.Errorf("busy start: url %q, failure %q", url, failure)
	}

	// A hang: fails at the deadline.
	var hung syncBuffer
	if url, failure := waitFor(t, &hung, make(chan error, 1), startBounds{cpu: time.Hour, deadline: time.Now().Add(300 * time.Millisecond)}); url != "" || !strings.Contains(failure, "did not start by") {
		t.Errorf("hung start: url %q, failure %q", url, failure)
	}

	// serve exits: the failure says why, and the result stays on done
	// for the test's cleanup.
	var exited syncBuffer
	exited.Write([]byte("cannot listen\n"))
	done := make(chan error, 1)
	done <- fmt.Errorf("port taken")
	if url, failure := waitFor(t, &exited, done, startBounds{cpu: time.Hour, deadline: far}); url != "" || !strings.Contains(failure, "serve exited: port taken") || !strings.Contains(failure, "cannot listen") {
		t.Errorf("exited: url %q, failure %q", url, failure)
	}
	if len(done) != 1 {
		t.Error("the result of serve was not put back on done")
	}
}
