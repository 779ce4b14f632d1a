//go:build !(linux && (amd64 || arm64))

package main

// hugePageHeap does nothing outside Linux on amd64 and arm64, where a huge
// page is 2 MB and 128 MB of address space is cheap (hugeheap_linux.go).
func hugePageHeap(n int) (lo, hi uintptr) { return 0, 0 }
