package gazetteer

import (
	"syscall"
	"unsafe"
)

// adviseHuge asks the kernel to back the 2 MB-aligned pages inside the n
// bytes at p, not yet touched, with huge pages (MADV_HUGEPAGE; with
// transparent huge pages set to "madvise", as on the project machine):
// one fault instead of 512 for each. Filling the 7 MB of places was half
// of loading the gazetteer, most of it the kernel's page faults.
func adviseHuge(p unsafe.Pointer, n uintptr) {
	const huge = 2 << 20
	start := (uintptr(p) + huge - 1) &^ (huge - 1)
	end := (uintptr(p) + n) &^ (huge - 1)
	if end <= start {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Add(p, start-uintptr(p))), end-start)
	_ = syscall.Madvise(b, 14) // MADV_HUGEPAGE; advice only: an error changes nothing
}
