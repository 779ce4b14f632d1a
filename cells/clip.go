package cells

import (
	"math"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline/geo"
)

// An overlay in simplefeatures converts both of its inputs whole to JTS
// (through WKB) before it clips them to the box it needs. Splitting the
// cells a change region meets overlaid each cell with the whole region, and
// most of the build's time went to converting regions of thousands of
// vertices for cells of a few hundred. The region's edges are indexed once
// instead: a cell no edge comes near lies wholly inside or wholly outside
// the region (one point tells which, no overlay), and the others are
// overlaid with the region clipped to a box around them (geo.ClipRect).

// chunkSegs is how many consecutive edges of a ring share one box in an
// edgeIndex.
const chunkSegs = 32

// edgeIndex holds a polygonal geometry's edges in chunks with boxes.
type edgeIndex struct {
	rings  [][]float64 // closed rings, x y pairs
	chunks []edgeChunk
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
		for _, r := range p.DumpRings() {
			xy := appendXY(nil, r.Coordinates())
			n := len(xy)/2 - 1 // edges
			if n < 1 {
				continue
			}
			ri := len(ix.rings)
			ix.rings = append(ix.rings, xy)
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
// geometry that lies inside b: the polygons whose box meets b, cut along
// b's sides by geo.ClipRect (valid polygons, which may reach a hair past
// b: ClipRect moves a side outwards past any vertex on it). ok is false
// when g is returned as it was (it lies inside b, or ClipRect declines).
//
// A clip ring by ring (Sutherland–Hodgman, as JTS's RingClipper) was used
// before: its rings fold onto b's sides, and on a region densified along
// the geodesic an overlay with such a ring returned an empty intersection
// for a cell of 2 km² lying wholly inside the region (the demo's maps
// with a correction, control's TestCellsAgreeWithOverlays).
func clipPolygonal(g geom.MultiPolygon, b box) (geom.MultiPolygon, bool) {
	gb, ok := envBox(g.Envelope())
	if !ok || gb.minX >= b.minX && gb.maxX <= b.maxX && gb.minY >= b.minY && gb.maxY <= b.maxY {
		return g, false
	}
	var ps []geom.Polygon
	for i := 0; i < g.NumPolygons(); i++ {
		p := g.PolygonN(i)
		if pb, ok := envBox(p.Envelope()); ok && pb.intersects(b) {
			ps = append(ps, p)
		}
	}
	out, ok := geo.ClipRect(ps, b.envelope())
	if !ok {
		return g, false
	}
	return geom.NewMultiPolygon(out), true
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
