package geo

import (
	"fmt"
	"math"
	"sort"

	"github.com/peterstace/simplefeatures/geom"
)

// ClipRect returns the parts of ps inside the rectangle env as valid
// polygons, without an overlay: each side of the rectangle cuts the rings
// where they cross it, and the pieces are joined along the side, in one
// pass over the vertices. ps must be a valid MultiPolygon's polygons (rings
// that do not cross; holes inside their shell).
//
// It is a pre-clip: the rectangle's sides are moved outwards by the least
// amount that puts no vertex exactly on them, so the result may reach a
// little past env, never less. Vertices inside stay as they are; the only
// new ones lie on the sides. ok is false when the input is too degenerate
// to cut this way (two crossings at the same point of a side, rings that
// do not alternate along it as a valid polygon's do): the caller then
// overlays the polygons whole.
func ClipRect(ps []geom.Polygon, env geom.Envelope) (out []geom.Polygon, ok bool) {
	lo, hi, nonEmpty := env.MinMaxXYs()
	if !nonEmpty {
		return nil, true
	}
	polys := make([][][]geom.XY, 0, len(ps))
	for _, p := range ps {
		rings := p.DumpRings()
		rs := make([][]geom.XY, 0, len(rings))
		for i, r := range rings {
			xy := seqXYs(r.Coordinates())
			if len(xy) < 4 {
				return nil, false
			}
			// Shells counter-clockwise, holes clockwise.
			if ccw := ringSignedArea(xy) > 0; ccw != (i == 0) {
				reverse(xy)
			}
			rs = append(rs, xy)
		}
		if len(rs) > 0 {
			polys = append(polys, rs)
		}
	}
	for _, side := range []struct {
		axis int
		c    float64
		keep float64 // +1: keep coordinates below c, -1: above
	}{{0, hi.X, 1}, {0, lo.X, -1}, {1, hi.Y, 1}, {1, lo.Y, -1}} {
		if polys, ok = clipHalfPlane(polys, side.axis, side.c, side.keep); !ok {
			return nil, false
		}
	}
	out = make([]geom.Polygon, len(polys))
	for i, rs := range polys {
		out[i] = newPolygon(rs)
	}
	return out, true
}

// halfFrame maps a point to the frame (u, w) in which the kept half-plane
// is u < 0 and the frame keeps orientation (a rotation or a translation of
// the plane, never a reflection).
type halfFrame struct {
	axis int
	c, s float64
}

func (f halfFrame) u(p geom.XY) float64 {
	if f.axis == 0 {
		return f.s * (p.X - f.c)
	}
	return f.s * (p.Y - f.c)
}

func (f halfFrame) w(p geom.XY) float64 {
	switch {
	case f.axis == 0 && f.s > 0:
		return p.Y
	case f.axis == 0:
		return -p.Y
	case f.s > 0:
		return -p.X
	}
	return p.X
}

// crossing is the point where edge a-b crosses the line, exactly on it.
func (f halfFrame) crossing(a, b geom.XY) geom.XY {
	if f.axis == 0 {
		return geom.XY{X: f.c, Y: a.Y + (b.Y-a.Y)*((f.c-a.X)/(b.X-a.X))}
	}
	return geom.XY{X: a.X + (b.X-a.X)*((f.c-a.Y)/(b.Y-a.Y)), Y: f.c}
}

// clipHalfPlane keeps the parts of polys (shells counter-clockwise, holes
// clockwise) on the side keep·(coordinate − c) < 0 of the line
// coordinate[axis] = c, moving c outwards past any vertex lying on it.
func clipHalfPlane(polys [][][]geom.XY, axis int, c, keep float64) ([][][]geom.XY, bool) {
	coord := func(p geom.XY) float64 {
		if axis == 0 {
			return p.X
		}
		return p.Y
	}
	outward := math.Inf(int(keep))
	for moved := true; moved; {
		moved = false
		for _, rs := range polys {
			for _, r := range rs {
				for _, p := range r {
					if coord(p) == c {
						c, moved = math.Nextafter(c, outward), true
					}
				}
			}
		}
	}
	f := halfFrame{axis, c, keep}
	out := make([][][]geom.XY, 0, len(polys))
	for _, rs := range polys {
		switch ringSide(f, rs[0]) {
		case 1: // the shell, so the polygon, is outside
			continue
		case -1: // inside, holes too (the half-plane is convex)
			out = append(out, rs)
			continue
		}
		pieces, ok := cutPolygon(f, rs)
		if !ok {
			return nil, false
		}
		out = append(out, pieces...)
	}
	return out, true
}

// ringSide is -1 if every vertex of r is on the kept side, +1 if every one
// is on the other side, 0 if r crosses the line.
func ringSide(f halfFrame, r []geom.XY) int {
	in, outside := false, false
	for _, p := range r {
		if f.u(p) < 0 {
			in = true
		} else {
			outside = true
		}
		if in && outside {
			return 0
		}
	}
	if in {
		return -1
	}
	return 1
}

// cutPolygon cuts one polygon whose shell crosses the line.
func cutPolygon(f halfFrame, rs [][]geom.XY) ([][][]geom.XY, bool) {
	type arc struct {
		pts  []geom.XY // entry crossing, the vertices inside, exit crossing
		next int       // the arc that follows along the line
	}
	type cross struct {
		w     float64
		arc   int
		entry bool
	}
	var arcs []arc
	var crosses []cross
	var holes [][]geom.XY
	for i, r := range rs {
		if i > 0 {
			switch ringSide(f, r) {
			case 1:
				continue
			case -1:
				holes = append(holes, r)
				continue
			}
		}
		n := len(r) - 1 // closed: r[n] == r[0]
		start := 0
		for f.u(r[start]) < 0 {
			start++
		}
		var cur []geom.XY
		for k := 0; k < n; k++ {
			a, b := r[(start+k)%n], r[(start+k+1)%n]
			ain, bin := f.u(a) < 0, f.u(b) < 0
			switch {
			case !ain && bin:
				q := f.crossing(a, b)
				crosses = append(crosses, cross{f.w(q), len(arcs), true})
				cur = append(make([]geom.XY, 0, 8), q, b)
			case ain && bin:
				cur = append(cur, b)
			case ain && !bin:
				q := f.crossing(a, b)
				crosses = append(crosses, cross{f.w(q), len(arcs), false})
				arcs = append(arcs, arc{pts: append(cur, q)})
				cur = nil
			}
		}
	}
	// Along the line, from below, a valid polygon's boundary alternates:
	// an exit (the polygon's inside lies above it) then an entry.
	sort.Slice(crosses, func(a, b int) bool { return crosses[a].w < crosses[b].w })
	if len(crosses)%2 != 0 {
		return nil, false
	}
	for k := 0; k < len(crosses); k += 2 {
		ex, en := crosses[k], crosses[k+1]
		if ex.entry || !en.entry || !(ex.w < en.w) || (k+2 < len(crosses) && !(en.w < crosses[k+2].w)) {
			return nil, false
		}
		arcs[ex.arc].next = en.arc
	}
	var shells [][]geom.XY
	done := make([]bool, len(arcs))
	for a0 := range arcs {
		if done[a0] {
			continue
		}
		var ring []geom.XY
		for a := a0; !done[a]; a = arcs[a].next {
			done[a] = true
			ring = append(ring, arcs[a].pts...)
		}
		ring = append(ring, ring[0])
		shells = append(shells, ring)
	}
	out := make([][][]geom.XY, len(shells))
	for i, s := range shells {
		out[i] = [][]geom.XY{s}
	}
	boxes := make([][2]geom.XY, len(shells))
	for i, s := range shells {
		boxes[i][0], boxes[i][1] = ringBox(s)
	}
	for _, h := range holes {
		k, ok := holeShell(h, shells, boxes)
		if !ok {
			return nil, false
		}
		out[k] = append(out[k], h)
	}
	return out, true
}

// holeShell finds the shell that holds hole h: the only one whose envelope
// holds it, or the one a vertex of h lies strictly inside.
func holeShell(h []geom.XY, shells [][]geom.XY, boxes [][2]geom.XY) (int, bool) {
	if len(shells) == 1 {
		return 0, true
	}
	hl, hh := ringBox(h)
	var cand []int
	for i, b := range boxes {
		sl, sh := b[0], b[1]
		if sl.X <= hl.X && sl.Y <= hl.Y && hh.X <= sh.X && hh.Y <= sh.Y {
			cand = append(cand, i)
		}
	}
	if len(cand) == 1 {
		return cand[0], true
	}
	for _, p := range h[:min(len(h), 8)] {
		for _, i := range cand {
			if pointInRing(p, shells[i]) {
				return i, true
			}
		}
	}
	return 0, false
}

func ringBox(r []geom.XY) (lo, hi geom.XY) {
	lo, hi = r[0], r[0]
	for _, p := range r[1:] {
		lo.X, lo.Y = min(lo.X, p.X), min(lo.Y, p.Y)
		hi.X, hi.Y = max(hi.X, p.X), max(hi.Y, p.Y)
	}
	return lo, hi
}

// UnionPolygons returns the union of valid polygons (each valid, any of
// them may overlap or share edges with others) as valid polygons, with
// Repair's planar machinery (exact predicates, compact arrays) instead of
// an overlay: for a dense map's polygons it holds a fraction of the
// memory JTS's union does. The result keeps the input's vertices plus the
// points where rings cross, computed in floating point, so it can differ
// from an overlay's union in the last bits of those points.
func UnionPolygons(ps []geom.Polygon) (out []geom.Polygon, err error) {
	return planarOverlay(ps, nil, 1)
}

// DifferencePolygons returns the union of a minus the union of b, as
// UnionPolygons computes a union, in one pass: b's rings are turned the
// other way and weigh more than all of a's polygons together, so the
// points wound around by a and not by b are kept. The polygons of a and
// of b may overlap each other (a polygon of a dense map and the other
// statuses' cover, unioned and subtracted at once).
func DifferencePolygons(a, b []geom.Polygon) ([]geom.Polygon, error) {
	if len(b) == 0 {
		return UnionPolygons(a)
	}
	if int64(len(a)+1)*int64(len(b)) > 1<<30 {
		// The winding numbers could overflow: union a first.
		ua, err := UnionPolygons(a)
		if err != nil {
			return nil, err
		}
		return planarOverlay(ua, b, 1)
	}
	return planarOverlay(a, b, int32(len(a)+1))
}

// IntersectPolygons returns the part of a inside b, a and b each a valid
// MultiPolygon's polygons, as UnionPolygons computes a union: the points
// both wind around. For a dense map's polygons cut to an oblast it takes a
// fraction of the time and memory of JTS's intersection; the points where
// rings cross are computed in floating point, so the result can differ
// from an overlay's in the last bits of those points.
func IntersectPolygons(a, b []geom.Polygon) (out []geom.Polygon, err error) {
	if len(a) == 0 || len(b) == 0 {
		return nil, nil
	}
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("%w: internal error: %v", ErrRepair, r)
		}
	}()
	rings, _ := overlayRings(a, b, false, 1)
	out, _, err = rebuild(rings, nil, twice, nil, nil)
	return out, err
}

// overlayRings returns the rings of ps and qs, shells counter-clockwise
// and holes clockwise (qs' the other way if reverseQ), with their weights:
// 1 for those of ps, qWeight for those of qs.
func overlayRings(ps, qs []geom.Polygon, reverseQ bool, qWeight int32) ([][]geom.XY, []int32) {
	var rings [][]geom.XY
	var weights []int32
	for k, p := range append(ps[:len(ps):len(ps)], qs...) {
		q := k >= len(ps)
		for i, seq := range p.Coordinates() {
			xy := seqXYs(seq)
			if len(xy) < 4 {
				continue
			}
			o := loopOrientation(xy)
			if o == 0 {
				o = cmpFloat(sfSignedArea(xy), 0)
			}
			if (o > 0) != (i == 0) != (q && reverseQ) {
				reverse(xy)
			}
			rings = append(rings, xy)
			if q {
				weights = append(weights, qWeight)
			} else {
				weights = append(weights, 1)
			}
		}
	}
	return rings, weights
}

// planarOverlay returns the points the polygons ps wind around and minus
// do not: each polygon of ps counts once, each of minus -weight.
func planarOverlay(ps, minus []geom.Polygon, weight int32) (out []geom.Polygon, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("%w: internal error: %v", ErrRepair, r)
		}
	}()
	rings, weights := overlayRings(ps, minus, true, weight)
	merged, disjoint, err := rebuild(rings, weights, nonZero, nil, nil)
	if err != nil {
		return nil, err
	}
	if disjoint && len(minus) == 0 {
		// Nothing overlaps or shares an edge: the polygons are the union.
		return ps, nil
	}
	if disjoint {
		// Every point is wound around 0 or 1 times (minus lies wholly
		// inside holes, outside ps or inside ps without touching its
		// boundary): the same region by the even-odd rule, which builds it.
		merged, _, err = rebuild(rings, nil, evenOdd, nil, nil)
	}
	return merged, err
}
