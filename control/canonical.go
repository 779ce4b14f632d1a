package control

import (
	"cmp"
	"slices"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline/geo"
)

// canonicalOrder returns mp in one fixed form: each ring starts at its
// least vertex (by X, then Y; orientation kept), each polygon's holes and
// the polygons themselves are sorted by their rings' vertices. The
// overlays give the same polygons with rings started at another vertex,
// and holes and polygons in another order, from one run to the next (two
// imports of the same 200 maps stored Donetsk's russia piece of a map
// with two polygons swapped, another time with every ring of a polygon
// started one vertex later: the same area to the last digit, another
// geometry hash), so a piece's WKB, its hash and the store would otherwise
// not be a function of the maps alone.
func canonicalOrder(mp geom.MultiPolygon) geom.MultiPolygon {
	n := mp.NumPolygons()
	ps := make([][][]geom.XY, n)
	changed := false
	for i := range n {
		p := mp.PolygonN(i)
		rings := make([][]geom.XY, 0, 1+p.NumInteriorRings())
		for _, seq := range p.Coordinates() {
			xy := make([]geom.XY, seq.Length())
			for k := range xy {
				xy[k] = seq.GetXY(k)
			}
			if rotateToLeast(xy) {
				changed = true
			}
			rings = append(rings, xy)
		}
		if len(rings) > 2 && !slices.IsSortedFunc(rings[1:], cmpRing) {
			slices.SortFunc(rings[1:], cmpRing)
			changed = true
		}
		ps[i] = rings
	}
	cmpPolygon := func(a, b [][]geom.XY) int {
		for k := range min(len(a), len(b)) {
			if c := cmpRing(a[k], b[k]); c != 0 {
				return c
			}
		}
		return cmp.Compare(len(a), len(b))
	}
	if !slices.IsSortedFunc(ps, cmpPolygon) {
		slices.SortFunc(ps, cmpPolygon)
		changed = true
	}
	if !changed {
		return mp
	}
	polys := make([]geom.Polygon, n)
	for i, rings := range ps {
		polys[i] = geo.PolygonOfRings(rings)
	}
	return geom.NewMultiPolygon(polys)
}

// rotateToLeast turns the closed ring xy (its last vertex its first) to
// start at its least vertex, the least rotation where that vertex recurs,
// and says whether it moved.
func rotateToLeast(xy []geom.XY) bool {
	n := len(xy) - 1 // the distinct positions
	if n < 2 {
		return false
	}
	best := 0
	for i := 1; i < n; i++ {
		c := cmpXY(xy[i], xy[best])
		if c < 0 || (c == 0 && cmpRotation(xy[:n], i, best) < 0) {
			best = i
		}
	}
	if best == 0 {
		return false
	}
	ring := append(append(make([]geom.XY, 0, n+1), xy[best:n]...), xy[:best]...)
	ring = append(ring, ring[0])
	copy(xy, ring)
	return true
}

// cmpRotation compares the rotations of ring starting at i and at j.
func cmpRotation(ring []geom.XY, i, j int) int {
	n := len(ring)
	for k := range n {
		if c := cmpXY(ring[(i+k)%n], ring[(j+k)%n]); c != 0 {
			return c
		}
	}
	return 0
}

func cmpRing(a, b []geom.XY) int {
	for k := range min(len(a), len(b)) {
		if c := cmpXY(a[k], b[k]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}

func cmpXY(a, b geom.XY) int {
	if c := cmp.Compare(a.X, b.X); c != 0 {
		return c
	}
	return cmp.Compare(a.Y, b.Y)
}
