//go:build !linux

package main

// hugePageHeap does nothing outside Linux (see hugeheap_linux.go).
func hugePageHeap(n int) (lo, hi uintptr) { return 0, 0 }
