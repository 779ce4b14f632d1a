//go:build !unix

package main

import "time"

// processCPU is not measured here: waitServing's CPU bound never trips,
// its deadline still does.
func processCPU() time.Duration { return 0 }
