package cells

import (
	"math"

	"github.com/peterstace/simplefeatures/geom"
)

// Most of the cells split by a change region end up whole: the region's
// edges pass through the cell's box (so edgeIndex.touches cannot tell)
// but the overlay finds nothing of the region in the cell, or all of the
// cell in the region. edgeIndex.where proves as much without an overlay
// where it can: the two boundaries keep clear of each other but for
// vertices and edges they share exactly (a cell cut along the region's
// border before), and every stretch of either boundary between shared
// vertices lies on one side of the other geometry. A cell that crosses
// the region, or meets it otherwise (a vertex on the other's edge, edges
// within apartClearDeg), is overlaid as before.

// apartClearDeg (degrees, ~1 mm) is how far edges that do not share a
// vertex must keep apart for edgeIndex.where to decide without an overlay.
// It is far above the rounding of the tests below (~1e-14 degrees).
const apartClearDeg = 1e-8

// Where a cell lies against a region, as far as edgeIndex.where can tell
// without an overlay.
const (
	cellUnknown = iota // they cross, come near, or lie both ways
	cellApart          // no ground in common
	cellInside         // the cell lies wholly inside the region
)

// where tells whether cell g (of box cb) lies apart from the region whose
// edges ix holds, or wholly inside it. It proves it from the boundaries:
// they meet only at vertices and along edges they share exactly (every
// other pair of edges keeps apartClearDeg apart), so each stretch of a
// ring between shared vertices (an arc) lies wholly inside or outside the
// other geometry, and one point of it tells which. The cell is apart when
// every arc of either lies outside the other and the two interiors lie on
// opposite sides of every shared edge; inside when every arc of the cell
// lies in the region, no arc of the region in the cell, and the interiors
// lie on the same side of every shared edge.
func (ix *edgeIndex) where(g geom.MultiPolygon, cb box) int {
	const d = apartClearDeg
	near := box{cb.minX - d, cb.minY - d, cb.maxX + d, cb.maxY + d}
	var chunks []edgeChunk
	for _, c := range ix.chunks {
		if c.b.intersects(near) {
			chunks = append(chunks, c)
		}
	}
	// g's rings, indexed as the region's are (g has at most
	// maxCellPoints vertices).
	gix := newEdgeIndex(g)
	rings := gix.rings
	for _, known := range gix.leftKnown {
		if !known {
			return cellUnknown
		}
	}
	var shared map[[2]float64]bool // vertices both boundaries hold
	var sharedEdges map[segKey]bool
	same, opposite := false, false // sides of the shared edges' interiors
	for ri, xy := range rings {
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
					if segmentsApart(x0, y0, x1, y1, u0, v0, u1, v1, d) {
						continue
					}
					if x0 == x1 && y0 == y1 || u0 == u1 && v0 == v1 {
						return cellUnknown // an edge of no length
					}
					if shared == nil {
						shared, sharedEdges = map[[2]float64]bool{}, map[segKey]bool{}
					}
					switch {
					case x0 == u0 && y0 == v0 && x1 == u1 && y1 == v1, x0 == u1 && y0 == v1 && x1 == u0 && y1 == v0:
						// A shared edge: on which side of it each
						// interior lies.
						if !ix.leftKnown[c.ring] {
							return cellUnknown
						}
						rLeft := ix.leftIn[c.ring] == (x0 == u0 && y0 == v0)
						if rLeft == gix.leftIn[ri] {
							same = true
						} else {
							opposite = true
						}
						shared[[2]float64{x0, y0}], shared[[2]float64{x1, y1}] = true, true
						sharedEdges[edgeKey(x0, y0, x1, y1)] = true
					case touchAtEnd(x0, y0, x1, y1, u0, v0, u1, v1, d):
						// One vertex shared, the edges apart otherwise.
						if x0 == u0 && y0 == v0 || x0 == u1 && y0 == v1 {
							shared[[2]float64{x0, y0}] = true
						} else {
							shared[[2]float64{x1, y1}] = true
						}
					default:
						return cellUnknown
					}
				}
			}
		}
	}
	if same && opposite {
		return cellUnknown
	}
	// g's arcs, each read at one point: in the region or not.
	in, out, undecided := 0, 0, false
	for _, xy := range rings {
		eachArcPoint(xy, shared, sharedEdges, func(x, y float64, mid bool) bool {
			if mid && ix.nearEdge(x, y, d) {
				undecided = true
				return false
			}
			if ix.covers(x, y) {
				in++
			} else {
				out++
			}
			return true
		})
	}
	var want int
	switch {
	case undecided || in > 0 && out > 0:
		return cellUnknown
	case in > 0 || in+out == 0 && same:
		want = cellInside
	case out > 0 || in+out == 0 && opposite:
		want = cellApart
	default:
		return cellUnknown
	}
	if want == cellInside && opposite || want == cellApart && same {
		return cellUnknown
	}
	// The region's arcs in g's box: none may lie in g. A ring with no
	// vertex shared lies wholly inside or outside g: its first vertex
	// tells (a ring none of whose vertices lies in g's box is outside
	// it, or around it, which g's own arcs read above).
	seen := map[int]bool{}
	for _, c := range chunks {
		rxy := ix.rings[c.ring]
		if len(shared) == 0 {
			if seen[c.ring] {
				continue
			}
			seen[c.ring] = true
			if x, y := rxy[0], rxy[1]; cb.holds(x, y) && gix.covers(x, y) {
				return cellUnknown
			}
			continue
		}
		// With shared vertices, each vertex in g's box that starts an
		// arc (after a shared vertex) or starts the chunk, and the
		// midpoint of each edge between two shared vertices that is
		// not itself shared.
		for e := c.start; e <= c.end && 2*e+1 < len(rxy); e++ {
			x, y := rxy[2*e], rxy[2*e+1]
			if shared[[2]float64{x, y}] {
				if e < c.end {
					nx, ny := rxy[2*e+2], rxy[2*e+3]
					if shared[[2]float64{nx, ny}] && !sharedEdges[edgeKey(x, y, nx, ny)] {
						mx, my := (x+nx)/2, (y+ny)/2
						if cb.holds(mx, my) && (gix.nearEdge(mx, my, d) || gix.covers(mx, my)) {
							return cellUnknown
						}
					}
				}
				continue
			}
			if e > c.start && !shared[[2]float64{rxy[2*e-2], rxy[2*e-1]}] {
				continue // read with the arc's vertex before
			}
			if cb.holds(x, y) && gix.covers(x, y) {
				return cellUnknown
			}
		}
	}
	return want
}

// eachArcPoint calls f with one point of each arc of the closed ring xy
// between the shared vertices: its first vertex not shared, or for an
// edge between two shared vertices that is not itself shared, its
// midpoint (mid true). A ring with no shared vertex is one arc. f returns
// false to stop.
func eachArcPoint(xy []float64, shared map[[2]float64]bool, sharedEdges map[segKey]bool, f func(x, y float64, mid bool) bool) {
	n := len(xy)/2 - 1 // distinct vertices
	if n < 1 {
		return
	}
	start := -1
	for k := 0; k < n; k++ {
		if shared[[2]float64{xy[2*k], xy[2*k+1]}] {
			start = k
			break
		}
	}
	if start < 0 {
		f(xy[0], xy[1], false)
		return
	}
	inArc := false
	for i := 0; i < n; i++ {
		k := (start + i) % n
		x, y := xy[2*k], xy[2*k+1]
		k1 := (k + 1) % n
		nx, ny := xy[2*k1], xy[2*k1+1]
		if shared[[2]float64{x, y}] {
			inArc = false
			if shared[[2]float64{nx, ny}] && !sharedEdges[edgeKey(x, y, nx, ny)] {
				if !f((x+nx)/2, (y+ny)/2, true) {
					return
				}
			}
			continue
		}
		if !inArc {
			inArc = true
			if !f(x, y, false) {
				return
			}
		}
	}
}

// touchAtEnd tells whether two edges share exactly one end and keep more
// than d apart otherwise: each other end lies more than d from the other
// edge.
func touchAtEnd(x0, y0, x1, y1, u0, v0, u1, v1, d float64) bool {
	dd := d * d
	switch {
	case x0 == u0 && y0 == v0:
		return segDist2(x1, y1, u0, v0, u1, v1) > dd && segDist2(u1, v1, x0, y0, x1, y1) > dd
	case x0 == u1 && y0 == v1:
		return segDist2(x1, y1, u0, v0, u1, v1) > dd && segDist2(u0, v0, x0, y0, x1, y1) > dd
	case x1 == u0 && y1 == v0:
		return segDist2(x0, y0, u0, v0, u1, v1) > dd && segDist2(u1, v1, x0, y0, x1, y1) > dd
	case x1 == u1 && y1 == v1:
		return segDist2(x0, y0, u0, v0, u1, v1) > dd && segDist2(u0, v0, x0, y0, x1, y1) > dd
	}
	return false
}

// edgeKey is the edge (x0 y0)–(x1 y1) with its ends in lexicographic
// order.
func edgeKey(x0, y0, x1, y1 float64) segKey {
	if x1 < x0 || x1 == x0 && y1 < y0 {
		x0, y0, x1, y1 = x1, y1, x0, y0
	}
	return segKey{x0, y0, x1, y1}
}

// ringArea2 is twice the signed area of the closed ring xy (x y pairs):
// positive when it runs counter-clockwise.
func ringArea2(xy []float64) float64 {
	var a float64
	for k := 0; k+3 < len(xy); k += 2 {
		a += (xy[k]-xy[0])*(xy[k+3]-xy[1]) - (xy[k+2]-xy[0])*(xy[k+1]-xy[1])
	}
	return a
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

// holds tells whether (x, y) lies in b.
func (b box) holds(x, y float64) bool {
	return x >= b.minX && x <= b.maxX && y >= b.minY && y <= b.maxY
}
