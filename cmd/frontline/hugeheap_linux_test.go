//go:build linux && (amd64 || arm64)

package main

import (
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// TestHugePageHeap: in a fresh process (as the binary calls it, before a
// command starts), memory the heap hands out after hugePageHeap lies mostly
// in the range it readied, and clearing and touching it takes a fault per
// 2 MB huge page there, not per 4 KB page (where the kernel gives
// transparent huge pages to a range that asks).
func TestHugePageHeap(t *testing.T) {
	if os.Getenv("FRONTLINE_HUGE_HEAP_CHILD") != "" {
		hugePageHeapFresh(t)
		return
	}
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || strings.Contains(string(mode), "[never]") {
		t.Skipf("no transparent huge pages here (%q, %v)", mode, err)
	}
	// A test process's heap has free runs of its own: the check runs in
	// a process of its own.
	cmd := exec.Command(os.Args[0], "-test.run=^TestHugePageHeap$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), "FRONTLINE_HUGE_HEAP_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "page faults") {
			t.Log(strings.TrimSpace(line))
		}
	}
}

func hugePageHeapFresh(t *testing.T) {
	faults := func() int64 {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			t.Fatal(err)
		}
		return ru.Minflt
	}
	lo, hi := hugePageHeap(64 << 20)
	if lo == 0 || hi-lo < 32<<20 {
		t.Fatalf("readied [%#x, %#x)", lo, hi)
	}
	const n = 16 << 20
	before := faults()
	b := make([]byte, n)
	for i := 0; i < n; i += 4096 {
		b[i] = 1
	}
	got := faults() - before
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	inside := int64(min(p+n, hi)) - int64(max(p, lo))
	if inside < n/2 {
		t.Fatalf("the next %d MB lie at [%#x, %#x), mostly outside the readied [%#x, %#x)", n>>20, p, p+n, lo, hi)
	}
	// A fault per huge page inside, per 4 KB page outside; 4,096 without
	// huge pages. Other goroutines' faults are allowed for.
	if allowed := (n-inside)/4096 + inside/(2<<20) + 256; got > allowed {
		t.Errorf("%d MB (%d MB inside the readied range) took %d page faults: more than %d (4 KB pages: %d)", n>>20, inside>>20, got, allowed, n/4096)
	}
	t.Logf("%d MB, %d MB of it in the readied range: %d page faults", n>>20, inside>>20, got)
}
