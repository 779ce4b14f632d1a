package geo

import (
	"math"

	"github.com/peterstace/simplefeatures/geom"
)

// stripIndex files a graph's edges by the horizontal strips of the plane
// their y ranges meet, for the rays classify casts to the right from a
// node: the edges a horizontal ray at y can cross are among those of the
// strip of y. Building it is two passes over the edges (an R-tree's bulk
// load sorted them repeatedly, a large share of a dense map's overlay);
// a query scans one strip, a few edges where the rings are short.
type stripIndex struct {
	y0, h float64 // strip s covers y in [y0+s·h, y0+(s+1)·h)
	start []int32 // strip s holds edges[start[s]:start[s+1]]
	edges []int32
}

// maxStripEntries bounds the index to this many entries per edge (an edge
// is filed in every strip its y range meets): fewer strips are used when
// the edges are long.
const maxStripEntries = 3

func newStripIndex(pts []geom.XY, edges [][2]int32) *stripIndex {
	ix := &stripIndex{}
	minY, maxY := math.Inf(1), math.Inf(-1)
	for _, e := range edges {
		for _, n := range e {
			minY = math.Min(minY, pts[n].Y)
			maxY = math.Max(maxY, pts[n].Y)
		}
	}
	n := max(len(edges)/4, 1)
	for {
		ix.y0, ix.h = minY, (maxY-minY)/float64(n)
		if !(ix.h > 0) || n == 1 {
			n, ix.h = 1, math.Inf(1)
			break
		}
		total := 0
		for _, e := range edges {
			a, b := ix.strip(pts[e[0]].Y, n), ix.strip(pts[e[1]].Y, n)
			total += max(a-b, b-a) + 1
		}
		if total <= maxStripEntries*len(edges) {
			break
		}
		n /= 2
	}
	ix.start = make([]int32, n+1)
	for _, e := range edges {
		a, b := ix.strip(pts[e[0]].Y, n), ix.strip(pts[e[1]].Y, n)
		for s := min(a, b); s <= max(a, b); s++ {
			ix.start[s+1]++
		}
	}
	for s := 0; s < n; s++ {
		ix.start[s+1] += ix.start[s]
	}
	ix.edges = make([]int32, ix.start[n])
	fill := make([]int32, n)
	copy(fill, ix.start[:n])
	for i, e := range edges {
		a, b := ix.strip(pts[e[0]].Y, n), ix.strip(pts[e[1]].Y, n)
		for s := min(a, b); s <= max(a, b); s++ {
			ix.edges[fill[s]] = int32(i)
			fill[s]++
		}
	}
	return ix
}

// strip is the strip of y among n. It is monotonic in y, so an edge whose
// y range holds y is filed in y's strip.
func (ix *stripIndex) strip(y float64, n int) int {
	if n == 1 {
		return 0
	}
	s := int((y - ix.y0) / ix.h)
	return min(max(s, 0), n-1)
}

// at returns the edges whose y range may hold y.
func (ix *stripIndex) at(y float64) []int32 {
	s := ix.strip(y, len(ix.start)-1)
	return ix.edges[ix.start[s]:ix.start[s+1]]
}
