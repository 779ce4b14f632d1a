package cells

import (
	"math"

	"github.com/peterstace/simplefeatures/geom"
)

// An overlay in simplefeatures converts both of its inputs whole to JTS
// (through WKB) before it clips them to the box it needs. Splitting the
// cells a change region meets overlaid each cell with the whole region, and
// most of the build's time went to converting regions of thousands of
// vertices for cells of a few hundred. The region's edges are indexed once
// instead: a cell no edge comes near lies wholly inside or wholly outside
// the region (one point tells which, no overlay), and the others are
// overlaid with the region clipped to a box around them, as JTS would clip
// it (rings clipped edge by edge, Sutherland–Hodgman, as JTS's RingClipper).

// chunkSegs is how many consecutive edges of a ring share one box in an
// edgeIndex.
const chunkSegs = 32

// edgeIndex holds a polygonal geometry's edges in chunks with boxes.
type edgeIndex struct {
	rings  [][]float64 // closed rings, x y pairs
	chunks []edgeChunk
	// leftIn tells, for each ring, whether the geometry's interior lies
	// on the left of its edges (a counter-clockwise shell, a clockwise
	// hole); leftKnown is false for a ring of no area.
	leftIn, leftKnown []bool
}

type edgeChunk struct {
	b          box
	ring       int
	start, end int // edges start..end-1: (pts[2i], pts[2i+1]) → next
}

func newEdgeIndex(mp geom.MultiPolygon) *edgeIndex {
	ix := &edgeIndex{}
	for i := 0; i < mp.NumPolygons(); i++ {
		p := mp.PolygonN(i)
		for j, r := range p.DumpRings() {
			xy := appendXY(nil, r.Coordinates())
			n := len(xy)/2 - 1 // edges
			if n < 1 {
				continue
			}
			ri := len(ix.rings)
			ix.rings = append(ix.rings, xy)
			a := ringArea2(xy)
			ix.leftIn = append(ix.leftIn, (a > 0) == (j == 0))
			ix.leftKnown = append(ix.leftKnown, a != 0)
			for s := 0; s < n; s += chunkSegs {
				e := min(s+chunkSegs, n)
				b := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
				for k := s; k <= e; k++ {
					x, y := xy[2*k], xy[2*k+1]
					b.minX, b.maxX = math.Min(b.minX, x), math.Max(b.maxX, x)
					b.minY, b.maxY = math.Min(b.minY, y), math.Max(b.maxY, y)
				}
				ix.chunks = append(ix.chunks, edgeChunk{b, ri, s, e})
			}
		}
	}
	return ix
}

// touches tells whether an edge's box meets the closed box b (an edge
// that only passes near a corner counts: the answer errs towards true).
func (ix *edgeIndex) touches(b box) bool {
	for _, c := range ix.chunks {
		if !c.b.intersects(b) {
			continue
		}
		xy := ix.rings[c.ring]
		for k := c.start; k < c.end; k++ {
			x0, y0, x1, y1 := xy[2*k], xy[2*k+1], xy[2*k+2], xy[2*k+3]
			if math.Max(x0, x1) >= b.minX && math.Min(x0, x1) <= b.maxX &&
				math.Max(y0, y1) >= b.minY && math.Min(y0, y1) <= b.maxY {
				return true
			}
		}
	}
	return false
}

// covers tells whether the point lies inside the geometry, by the parity
// of the edges crossed by a ray towards +x. The point must not lie on an
// edge (callers ask only about points no edge comes near).
func (ix *edgeIndex) covers(x, y float64) bool {
	in := false
	for _, c := range ix.chunks {
		if c.b.minY > y || c.b.maxY < y || c.b.maxX < x {
			continue
		}
		xy := ix.rings[c.ring]
		for k := c.start; k < c.end; k++ {
			x0, y0, x1, y1 := xy[2*k], xy[2*k+1], xy[2*k+2], xy[2*k+3]
			if (y0 > y) != (y1 > y) && x < x0+(y-y0)*(x1-x0)/(y1-y0) {
				in = !in
			}
		}
	}
	return in
}

// firstPoint returns a vertex of g.
func firstPoint(g geom.MultiPolygon) (float64, float64, bool) {
	for i := 0; i < g.NumPolygons(); i++ {
		seq := g.PolygonN(i).ExteriorRing().Coordinates()
		if seq.Length() > 0 {
			p := seq.GetXY(0)
			return p.X, p.Y, true
		}
	}
	return 0, 0, false
}

// expand widens a box by a tenth of its larger side and at least 1e-6
// degrees (~10 cm), so that clipping to it leaves the ground inside the
// original box as it was and the clip's new edges far from it.
func (a box) expand() box {
	d := 0.1*math.Max(a.maxX-a.minX, a.maxY-a.minY) + 1e-6
	return box{a.minX - d, a.minY - d, a.maxX + d, a.maxY + d}
}

// clipPolygonal returns g's ground inside b for an overlay with a
// geometry that lies inside b: the polygons whose box meets b, their rings
// clipped to b (ground outside b cut away or folded onto b's sides; the
// result may hold edges that overlap along b's sides, which an overlay
// resolves, as JTS clips its own inputs). JTS reads each ring's
// orientation from the ring it is given where it would have read it from
// the whole ring: a clipped ring whose orientation reads otherwise (a
// ring whose top was folded onto b's side) is not clipped. ok is false
// when g is returned as it was (g lies in b, or a ring's orientation would
// read otherwise once clipped), true when the result differs from g (a
// polygon left out or clipped).
func clipPolygonal(g geom.MultiPolygon, b box) (geom.MultiPolygon, bool) {
	gb, ok := envBox(g.Envelope())
	if !ok || gb.minX >= b.minX && gb.maxX <= b.maxX && gb.minY >= b.minY && gb.maxY <= b.maxY {
		return g, false
	}
	var polys []geom.Polygon
	var buf [3][]float64
	changed := false
	for i := 0; i < g.NumPolygons(); i++ {
		p := g.PolygonN(i)
		pb, ok := envBox(p.Envelope())
		if !ok || !pb.intersects(b) {
			changed = true
			continue
		}
		if pb.minX >= b.minX && pb.maxX <= b.maxX && pb.minY >= b.minY && pb.maxY <= b.maxY {
			polys = append(polys, p)
			continue
		}
		// A vertex of the polygon lies outside b: it is clipped (with
		// as many points as before, at times: two vertices outside
		// replaced by two crossings of b's sides).
		changed = true
		var rings []geom.LineString
		for j, r := range p.DumpRings() {
			buf[2] = appendXY(buf[2][:0], r.Coordinates())
			xy := clipRing(buf[2], b, &buf)
			if len(xy) < 8 {
				if j == 0 {
					break // the ring is outside b: so are its holes
				}
				continue
			}
			if !ringWithin(buf[2], b) {
				want, ok1 := isCCW(buf[2])
				got, ok2 := isCCW(xy)
				if !ok1 || !ok2 || want != got {
					return g, false
				}
			}
			rings = append(rings, geom.NewLineString(geom.NewSequence(xy, geom.DimXY)))
		}
		if len(rings) > 0 {
			polys = append(polys, geom.NewPolygon(rings))
		}
	}
	if !changed {
		return g, false
	}
	return geom.NewMultiPolygon(polys), true
}

// ringWithin tells whether every point of a ring (x y pairs) lies in b.
func ringWithin(xy []float64, b box) bool {
	for i := 0; i+1 < len(xy); i += 2 {
		if xy[i] < b.minX || xy[i] > b.maxX || xy[i+1] < b.minY || xy[i+1] > b.maxY {
			return false
		}
	}
	return true
}

// isCCW is JTS's Orientation.isCCW of a closed ring (x y pairs): the
// orientation of the first highest point's cap. ok is false where the
// float orientation test is too close to call (JTS decides those in
// double-double arithmetic).
func isCCW(xy []float64) (ccw, ok bool) {
	n := len(xy)/2 - 1
	if n < 3 {
		return false, true
	}
	y := func(i int) float64 { return xy[2*i+1] }
	x := func(i int) float64 { return xy[2*i] }
	iUpHi, upHiY, prevY := 0, y(0), y(0)
	upLow := -1
	for i := 1; i <= n; i++ {
		py := y(i)
		if py > prevY && py >= upHiY {
			iUpHi, upHiY, upLow = i, py, i-1
		}
		prevY = py
	}
	if iUpHi == 0 {
		return false, true
	}
	iDownLow := iUpHi
	for {
		iDownLow = (iDownLow + 1) % n
		if iDownLow == iUpHi || y(iDownLow) != upHiY {
			break
		}
	}
	iDownHi := n - 1
	if iDownLow > 0 {
		iDownHi = iDownLow - 1
	}
	same := func(i, j int) bool { return x(i) == x(j) && y(i) == y(j) }
	if same(iUpHi, iDownHi) {
		if same(upLow, iUpHi) || same(iDownLow, iUpHi) || same(upLow, iDownLow) {
			return false, true
		}
		ax, ay, bx, by, cx, cy := x(upLow), y(upLow), x(iUpHi), y(iUpHi), x(iDownLow), y(iDownLow)
		det := (bx-ax)*(cy-ay) - (by-ay)*(cx-ax)
		bound := 1e-12 * (math.Abs((bx-ax)*(cy-ay)) + math.Abs((by-ay)*(cx-ax)))
		if math.Abs(det) <= bound {
			return false, false
		}
		return det > 0, true
	}
	return x(iDownHi)-x(iUpHi) < 0, true
}

// clipRing clips a closed ring (x y pairs) to b, one side of b after the
// other, and returns a new closed ring (fewer than 4 points: nothing
// inside b).
func clipRing(xy []float64, b box, buf *[3][]float64) []float64 {
	in := xy
	for side := 0; side < 4; side++ {
		out := buf[side%2][:0]
		n := len(in) / 2
		if n == 0 {
			return nil
		}
		px, py := in[2*n-2], in[2*n-1]
		pIn := insideSide(px, py, b, side)
		for i := 0; i < n; i++ {
			x, y := in[2*i], in[2*i+1]
			cIn := insideSide(x, y, b, side)
			if cIn != pIn {
				ix, iy := crossSide(px, py, x, y, b, side)
				out = appendPoint(out, ix, iy)
			}
			if cIn {
				out = appendPoint(out, x, y)
			}
			px, py, pIn = x, y, cIn
		}
		buf[side%2] = out
		in = out
	}
	if len(in) == 0 {
		return nil
	}
	if in[0] != in[len(in)-2] || in[1] != in[len(in)-1] {
		in = append(in, in[0], in[1])
	}
	return append([]float64(nil), in...)
}

// appendXY appends a sequence's x y pairs to out.
func appendXY(out []float64, seq geom.Sequence) []float64 {
	n := seq.Length()
	for i := 0; i < n; i++ {
		p := seq.GetXY(i)
		out = append(out, p.X, p.Y)
	}
	return out
}

func appendPoint(out []float64, x, y float64) []float64 {
	if n := len(out); n >= 2 && out[n-2] == x && out[n-1] == y {
		return out
	}
	return append(out, x, y)
}

// insideSide tells whether a point is strictly inside b's side: 0 bottom,
// 1 right, 2 top, 3 left.
func insideSide(x, y float64, b box, side int) bool {
	switch side {
	case 0:
		return y > b.minY
	case 1:
		return x < b.maxX
	case 2:
		return y < b.maxY
	}
	return x > b.minX
}

// crossSide returns where the edge (x0 y0)–(x1 y1) crosses b's side.
func crossSide(x0, y0, x1, y1 float64, b box, side int) (float64, float64) {
	switch side {
	case 0:
		return x0 + (b.minY-y0)*(x1-x0)/(y1-y0), b.minY
	case 1:
		return b.maxX, y0 + (b.maxX-x0)*(y1-y0)/(x1-x0)
	case 2:
		return x0 + (b.maxY-y0)*(x1-x0)/(y1-y0), b.maxY
	}
	return b.minX, y0 + (b.minX-x0)*(y1-y0)/(x1-x0)
}
