package cells

import (
	"math"

	"github.com/peterstace/simplefeatures/geom"
)

// Half of the cells split by a change region hold none of it: the region's
// edges pass through the cell's box (so edgeIndex.touches cannot tell) but
// not through the cell, and the intersection JTS computes for them is
// empty. apart proves that much without an overlay, for the cells whose
// edges keep clear of the region's: a cell that shares an edge or a vertex
// with the region, or comes within apartClearDeg of it, is overlaid as
// before.

// apartClearDeg (degrees, ~1 mm) is how far a cell's edges must keep from
// a region's for apart to decide without an overlay. It is far above the
// rounding of the tests below (~1e-14 degrees) and below the distances the
// maps' vertices keep apart where they do not meet.
const apartClearDeg = 1e-8

// apart tells whether cell g (of box cb) and the region whose edges ix
// holds are surely disjoint: no edge of one comes within apartClearDeg of
// an edge of the other, no polygon of g starts inside the region and no
// ring of the region starts inside g. With their boundaries apart, each
// ring lies wholly inside or wholly outside the other geometry, so one
// vertex a ring tells where the whole ring lies. False means: not shown
// (they may meet, or only come near).
func (ix *edgeIndex) apart(g geom.MultiPolygon, cb box) bool {
	return ix.where(g, cb) == cellApart
}

// Where a cell lies against a region, as far as edgeIndex.where can tell
// without an overlay.
const (
	cellUnknown = iota // they meet or come near, or their rings lie both ways
	cellApart          // nothing in common
	cellInside         // the cell lies wholly inside the region
)

// where tells whether cell g (of box cb) lies apart from the region whose
// edges ix holds or wholly inside it, when their boundaries keep clear of
// each other (see apart).
func (ix *edgeIndex) where(g geom.MultiPolygon, cb box) int {
	const d = apartClearDeg
	near := box{cb.minX - d, cb.minY - d, cb.maxX + d, cb.maxY + d}
	var chunks []edgeChunk
	for _, c := range ix.chunks {
		if c.b.intersects(near) {
			chunks = append(chunks, c)
		}
	}
	var rings [][]float64 // g's rings, x y pairs
	var starts []bool     // whether the ring is a polygon's shell
	for i := 0; i < g.NumPolygons(); i++ {
		p := g.PolygonN(i)
		for j, r := range p.DumpRings() {
			rings = append(rings, appendXY(nil, r.Coordinates()))
			starts = append(starts, j == 0)
		}
	}
	for _, xy := range rings {
		for k := 0; k+3 < len(xy); k += 2 {
			x0, y0, x1, y1 := xy[k], xy[k+1], xy[k+2], xy[k+3]
			sb := box{math.Min(x0, x1) - d, math.Min(y0, y1) - d, math.Max(x0, x1) + d, math.Max(y0, y1) + d}
			for _, c := range chunks {
				if !c.b.intersects(sb) {
					continue
				}
				rxy := ix.rings[c.ring]
				for e := c.start; e < c.end; e++ {
					u0, v0, u1, v1 := rxy[2*e], rxy[2*e+1], rxy[2*e+2], rxy[2*e+3]
					if math.Max(u0, u1) < sb.minX || math.Min(u0, u1) > sb.maxX ||
						math.Max(v0, v1) < sb.minY || math.Min(v0, v1) > sb.maxY {
						continue
					}
					if !segmentsApart(x0, y0, x1, y1, u0, v0, u1, v1, d) {
						return cellUnknown
					}
				}
			}
		}
	}
	// The boundaries are apart: a polygon of g lies in the region when
	// its shell's first vertex does (the vertex is clear of the region's
	// edges, so the parity reads right).
	shells, covered := 0, 0
	for i, xy := range rings {
		if starts[i] && len(xy) >= 2 {
			shells++
			if ix.covers(xy[0], xy[1]) {
				covered++
			}
		}
	}
	if covered != 0 && covered != shells || shells == 0 {
		return cellUnknown
	}
	// And a ring of the region lies in g when its first vertex does: only
	// a ring with edges near g's box can (the others lie outside it or
	// around it, and a ring around g is one g's vertices read above).
	seen := make(map[int]bool)
	for _, c := range chunks {
		if seen[c.ring] {
			continue
		}
		seen[c.ring] = true
		rxy := ix.rings[c.ring]
		x, y := rxy[0], rxy[1]
		if x < cb.minX || x > cb.maxX || y < cb.minY || y > cb.maxY {
			continue
		}
		if parityInside(rings, x, y) {
			return cellUnknown
		}
	}
	if covered == shells {
		return cellInside
	}
	return cellApart
}

// parityInside tells whether (x, y) lies inside the rings (x y pairs) by
// the parity of the edges crossed by a ray towards +x. The point must keep
// clear of the rings' edges.
func parityInside(rings [][]float64, x, y float64) bool {
	in := false
	for _, xy := range rings {
		for k := 0; k+3 < len(xy); k += 2 {
			x0, y0, x1, y1 := xy[k], xy[k+1], xy[k+2], xy[k+3]
			if (y0 > y) != (y1 > y) && x < x0+(y-y0)*(x1-x0)/(y1-y0) {
				in = !in
			}
		}
	}
	return in
}

// segmentsApart tells whether segments (x0 y0)–(x1 y1) and (u0 v0)–(u1 v1)
// are surely more than d apart: one lies strictly on one side of the
// other's line, by more than the orientation's rounding (so they do not
// cross), and every end lies more than d from the other segment (the
// distance of two segments that do not cross is that of an end to the
// other segment).
func segmentsApart(x0, y0, x1, y1, u0, v0, u1, v1, d float64) bool {
	if !oneSide(x0, y0, x1, y1, u0, v0, u1, v1) && !oneSide(u0, v0, u1, v1, x0, y0, x1, y1) {
		return false
	}
	dd := d * d
	return segDist2(u0, v0, x0, y0, x1, y1) > dd && segDist2(u1, v1, x0, y0, x1, y1) > dd &&
		segDist2(x0, y0, u0, v0, u1, v1) > dd && segDist2(x1, y1, u0, v0, u1, v1) > dd
}

// oneSide tells whether (u0 v0) and (u1 v1) lie strictly on the same side
// of the line through (x0 y0) and (x1 y1), each by more than a bound on
// the orientation's rounding.
func oneSide(x0, y0, x1, y1, u0, v0, u1, v1 float64) bool {
	o0, ok0 := orientation(x0, y0, x1, y1, u0, v0)
	o1, ok1 := orientation(x0, y0, x1, y1, u1, v1)
	return ok0 && ok1 && (o0 > 0) == (o1 > 0)
}

// orientation is the sign of the turn from (x0 y0)→(x1 y1) to (x y), and
// ok when its magnitude exceeds a generous bound on its rounding error
// (the differences' rounding at coordinates of up to ~200 degrees, the
// products' and the subtraction's).
func orientation(x0, y0, x1, y1, x, y float64) (float64, bool) {
	ax, ay, bx, by := x1-x0, y1-y0, x-x0, y-y0
	o := ax*by - ay*bx
	bound := 1e-13*(math.Abs(ax)+math.Abs(ay)+math.Abs(bx)+math.Abs(by)) +
		1e-15*(math.Abs(ax*by)+math.Abs(ay*bx))
	return o, math.Abs(o) > bound
}
