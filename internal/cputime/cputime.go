// Package cputime reads the CPU time of the calling OS thread, for
// benchmarks that time one call on a loaded machine, where wall time is
// mostly waiting for a core.
package cputime

import (
	"syscall"
	"time"
	"unsafe"
)

// Thread is the CPU time of the calling OS thread
// (CLOCK_THREAD_CPUTIME_ID), or 0 where it cannot be read. Pin the
// goroutine with runtime.LockOSThread around the calls it measures.
func Thread() time.Duration {
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, 3, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}
