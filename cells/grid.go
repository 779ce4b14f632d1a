package cells

import (
	"cmp"
	"math"
	"slices"

	"github.com/peterstace/simplefeatures/geom"
)

// Each change region used to be tested against every cell of its oblast
// (78,000 in Donetsk oblast on the full archive), and the cells were
// grouped by oblast anew for every map. A grid of buckets per oblast,
// kept from map to map, finds the cells whose box may meet a region.

// gridDeg (degrees, ~2 km) is the side of a bucket.
const gridDeg = 0.02

// maxCellBuckets is the most buckets a cell is put in; a larger cell is
// kept in a list every query reads.
const maxCellBuckets = 64

// maxQueryBuckets is the most buckets a query reads; a larger box reads
// every cell of the oblast.
const maxQueryBuckets = 4096

// cellGrid holds an oblast's cells by bucket. A cell's box only shrinks
// (a split keeps part of it), so a bucket may hold a cell that no longer
// reaches it: queries test boxes again.
type cellGrid struct {
	cells   []*cell // in the order added
	buckets map[[2]int32][]*cell
	large   []*cell
	stamp   uint64
}

func bucketRange(b box) (x0, y0, x1, y1 int32) {
	return int32(math.Floor(b.minX / gridDeg)), int32(math.Floor(b.minY / gridDeg)),
		int32(math.Floor(b.maxX / gridDeg)), int32(math.Floor(b.maxY / gridDeg))
}

func (g *cellGrid) add(c *cell) {
	c.ord = len(g.cells)
	g.cells = append(g.cells, c)
	b := box{c.c.MinLon, c.c.MinLat, c.c.MaxLon, c.c.MaxLat}
	x0, y0, x1, y1 := bucketRange(b)
	if int64(x1-x0+1)*int64(y1-y0+1) > maxCellBuckets {
		g.large = append(g.large, c)
		return
	}
	for x := x0; x <= x1; x++ {
		for y := y0; y <= y1; y++ {
			k := [2]int32{x, y}
			g.buckets[k] = append(g.buckets[k], c)
		}
	}
}

// near returns the cells whose box may meet env, in the order added.
func (g *cellGrid) near(env geom.Envelope) []*cell {
	b, ok := envBox(env)
	if !ok {
		return nil
	}
	x0, y0, x1, y1 := bucketRange(b)
	if int64(x1-x0+1)*int64(y1-y0+1) > maxQueryBuckets {
		return g.cells
	}
	g.stamp++
	var out []*cell
	take := func(cs []*cell) {
		for _, c := range cs {
			if c.seen != g.stamp {
				c.seen = g.stamp
				out = append(out, c)
			}
		}
	}
	take(g.large)
	for x := x0; x <= x1; x++ {
		for y := y0; y <= y1; y++ {
			take(g.buckets[[2]int32{x, y}])
		}
	}
	// Positions are distinct: any sort gives the same order (slices'
	// is about twice as fast as sort.Slice on the thousands of cells a
	// large region's box takes).
	slices.SortFunc(out, func(x, y *cell) int { return cmp.Compare(x.ord, y.ord) })
	return out
}

// oblastGrid returns the grid of an oblast's cells, bringing every grid up
// to date with the cells added to the Builder since.
func (b *Builder) oblastGrid(oblast string) *cellGrid {
	if b.grids == nil {
		b.grids, b.gridded = map[string]*cellGrid{}, 0
	}
	for _, c := range b.cells[b.gridded:] {
		g := b.grids[c.c.Oblast]
		if g == nil {
			g = &cellGrid{buckets: map[[2]int32][]*cell{}}
			b.grids[c.c.Oblast] = g
		}
		g.add(c)
	}
	b.gridded = len(b.cells)
	g := b.grids[oblast]
	if g == nil {
		g = &cellGrid{buckets: map[[2]int32][]*cell{}}
		b.grids[oblast] = g
	}
	return g
}
