package geo

import (
	"math"
	"slices"

	"github.com/peterstace/simplefeatures/geom"
)

// ToleranceAtZoom is half a pixel of a web map (512-pixel tiles, as in
// MapLibre) at zoom, in Web Mercator degrees: degrees of longitude, or of
// latitude stretched by the Mercator projection.
func ToleranceAtZoom(zoom int) float64 {
	return 360 / (512 * math.Exp2(float64(zoom))) / 2
}

// Simplify simplifies polygons for drawing with Douglas–Peucker in Web
// Mercator: every vertex dropped lies within tolerance (Web Mercator
// degrees, see ToleranceAtZoom) of the simplified boundary. It keeps
// topology between the polygons given together: a boundary shared by two
// of them (two oblasts' pieces, or a status drawn inside another) is split
// at the vertices where it stops being shared and each shared stretch is
// simplified the same way in both, so no gaps or slivers open between
// neighbours.
//
// When grid > 0 the result is snapped to multiples of grid degrees
// (lon/lat) and repeated points are removed. Rings left with fewer than
// three distinct points or covering less than one pixel ((2·tolerance)²)
// are dropped, and a polygon whose exterior ring is dropped is dropped with
// its holes, so a multipolygon may come back empty. The output keeps only
// original vertices (snapped) and is meant for drawing, not measuring: it
// is not repaired, and a simplified boundary may touch or cross another.
func Simplify(mps []geom.MultiPolygon, tolerance, grid float64) []geom.MultiPolygon {
	type ringRef struct{ mp, poly, ring int }
	var rings [][]pt
	var refs []ringRef
	for i, mp := range mps {
		for j := 0; j < mp.NumPolygons(); j++ {
			p := mp.PolygonN(j)
			for r := 0; r <= p.NumInteriorRings(); r++ {
				ls := p.ExteriorRing()
				if r > 0 {
					ls = p.InteriorRingN(r - 1)
				}
				rings = append(rings, ringPoints(ls.Coordinates()))
				refs = append(refs, ringRef{i, j, r})
			}
		}
	}
	degree := vertexDegrees(rings)
	s := simplifier{tol2: tolerance * tolerance, minArea: 4 * tolerance * tolerance, grid: grid}

	out := make([][][][]float64, len(mps)) // multipolygon → polygon → ring → xy
	for k, ring := range rings {
		ref := refs[k]
		simple := s.ring(ring, degree[k])
		if ref.ring == 0 {
			// Always add the polygon slot; an empty exterior drops it.
			out[ref.mp] = append(out[ref.mp], [][]float64{simple})
			continue
		}
		last := len(out[ref.mp]) - 1
		if simple != nil && out[ref.mp][last][0] != nil {
			out[ref.mp][last] = append(out[ref.mp][last], simple)
		}
	}
	res := make([]geom.MultiPolygon, len(mps))
	for i, polys := range out {
		var ps []geom.Polygon
		for _, rs := range polys {
			if rs[0] == nil {
				continue
			}
			lss := make([]geom.LineString, len(rs))
			for r, xy := range rs {
				lss[r] = geom.NewLineString(geom.NewSequence(xy, geom.DimXY))
			}
			ps = append(ps, geom.NewPolygon(lss))
		}
		res[i] = geom.NewMultiPolygon(ps)
	}
	return res
}

// pt is a vertex: lon/lat as given, and its Web Mercator y.
type pt struct{ x, y, my float64 }

func (p pt) key() [2]float64 { return [2]float64{p.x, p.y} }

func less(a, b pt) bool { return a.x < b.x || (a.x == b.x && a.y < b.y) }

func mercatorY(lat float64) float64 {
	lat = math.Max(-85, math.Min(85, lat))
	return math.Log(math.Tan(math.Pi/4+lat*math.Pi/360)) * 180 / math.Pi
}

// ringPoints returns a ring's vertices without the closing point and without
// repeated consecutive points.
func ringPoints(seq geom.Sequence) []pt {
	n := seq.Length()
	out := make([]pt, 0, n)
	for i := 0; i < n; i++ {
		xy := seq.GetXY(i)
		if len(out) > 0 && out[len(out)-1].x == xy.X && out[len(out)-1].y == xy.Y {
			continue
		}
		out = append(out, pt{xy.X, xy.Y, mercatorY(xy.Y)})
	}
	for len(out) > 1 && out[0].key() == out[len(out)-1].key() {
		out = out[:len(out)-1]
	}
	return out
}

// vertexDegrees counts each vertex's distinct neighbours over every ring
// and returns the counts parallel to each ring's vertices. On a boundary
// shared by two rings the inner vertices have two; where a shared stretch
// ends, or three rings meet, a vertex has more.
//
// Points are numbered by sorting every vertex by its coordinates, and the
// edges, as pairs of numbers, are deduplicated by sorting too: drawing a
// map of the full archive at zoom 6 spent half its time here when this
// kept maps of edges and of points keyed by coordinates.
func vertexDegrees(rings [][]pt) [][]int32 {
	n := 0
	for _, r := range rings {
		n += len(r)
	}
	type vertex struct {
		x, y float64
		at   int32 // position among every ring's vertices
	}
	vs := make([]vertex, 0, n)
	for _, r := range rings {
		for _, p := range r {
			vs = append(vs, vertex{p.x, p.y, int32(len(vs))})
		}
	}
	slices.SortFunc(vs, func(a, b vertex) int {
		switch {
		case a.x < b.x || (a.x == b.x && a.y < b.y):
			return -1
		case a.x == b.x && a.y == b.y:
			return 0
		}
		return 1
	})
	// ids[at] numbers the point of vertex at; equal points, equal numbers.
	ids := make([]int32, n)
	points := int32(0)
	for i, v := range vs {
		if i > 0 && (v.x != vs[i-1].x || v.y != vs[i-1].y) {
			points++
		}
		ids[v.at] = points
	}
	out := make([][]int32, len(rings))
	for k, r := range rings {
		out[k], ids = ids[:len(r):len(r)], ids[len(r):]
	}
	edges := make([]uint64, 0, n)
	for _, v := range out {
		for i, a := range v {
			b := v[(i+1)%len(v)]
			if a == b {
				continue
			}
			if b < a {
				a, b = b, a
			}
			edges = append(edges, uint64(a)<<32|uint64(b))
		}
	}
	slices.Sort(edges)
	degree := make([]int32, points+1)
	for i, e := range edges {
		if i > 0 && e == edges[i-1] {
			continue
		}
		degree[e>>32]++
		degree[uint32(e)]++
	}
	for _, v := range out {
		for i, id := range v {
			v[i] = degree[id]
		}
	}
	return out
}

type simplifier struct {
	tol2, minArea, grid float64
	keep                []bool
	// Buffers reused from ring to ring and stretch to stretch.
	nodes, idx []int
	stack      []span
}

// span is a stretch of a chain's vertices still to simplify.
type span struct{ i, j int }

// ring simplifies one ring and returns its closed, flat XY coordinates, or
// nil when it collapses.
func (s *simplifier) ring(r []pt, degree []int32) []float64 {
	if len(r) < 3 {
		return nil
	}
	// Nodes are the vertices where the neighbourhood changes; they are
	// kept and the stretches between them simplified on their own.
	nodes := s.nodes[:0]
	for i := range r {
		if degree[i] != 2 {
			nodes = append(nodes, i)
		}
	}
	s.nodes = nodes
	if len(nodes) == 0 {
		// A ring touching nothing (or shared whole): start at its smallest
		// vertex and at the vertex farthest from it, the same whichever way
		// round the ring is given.
		first := 0
		for i := range r {
			if less(r[i], r[first]) {
				first = i
			}
		}
		far, best := first, -1.0
		for i, p := range r {
			dx, dy := p.x-r[first].x, p.my-r[first].my
			if d := dx*dx + dy*dy; d > best || (d == best && less(p, r[far])) {
				far, best = i, d
			}
		}
		nodes = append(nodes[:0], first, far)
		if far < first {
			nodes[0], nodes[1] = far, first
		}
		if far == first {
			return nil
		}
	}
	if cap(s.keep) < len(r) {
		s.keep = make([]bool, len(r))
	}
	keep := s.keep[:len(r)]
	for i := range keep {
		keep[i] = false
	}
	for k, a := range nodes {
		b := nodes[(k+1)%len(nodes)]
		s.chain(r, a, b, keep)
	}
	kept := 0
	for _, k := range keep {
		if k {
			kept++
		}
	}
	xy := make([]float64, 0, 2*kept+2)
	for i, p := range r {
		if !keep[i] {
			continue
		}
		x, y := p.x, p.y
		if s.grid > 0 {
			x, y = math.Round(x/s.grid)*s.grid, math.Round(y/s.grid)*s.grid
		}
		if n := len(xy); n >= 2 && xy[n-2] == x && xy[n-1] == y {
			continue
		}
		xy = append(xy, x, y)
	}
	for len(xy) >= 4 && xy[0] == xy[len(xy)-2] && xy[1] == xy[len(xy)-1] {
		xy = xy[:len(xy)-2]
	}
	if len(xy) < 6 {
		return nil
	}
	// Shoelace area in Web Mercator degrees².
	var a float64
	for i := 0; i < len(xy); i += 2 {
		j := (i + 2) % len(xy)
		a += xy[i]*mercatorY(xy[j+1]) - xy[j]*mercatorY(xy[i+1])
	}
	if math.Abs(a)/2 < s.minArea {
		return nil
	}
	return append(xy, xy[0], xy[1])
}

// chain marks the vertices kept on the stretch of ring r from index a to b
// (going forward, wrapping; a == b means the whole ring). The stretch is
// walked from its smaller end so a boundary shared by two rings gives the
// same vertices in both.
func (s *simplifier) chain(r []pt, a, b int, keep []bool) {
	n := len(r)
	idx := append(s.idx[:0], a)
	for i := (a + 1) % n; ; i = (i + 1) % n {
		idx = append(idx, i)
		if i == b {
			break
		}
	}
	if less(r[b], r[a]) || (r[a].key() == r[b].key() && len(idx) > 2 && less(r[idx[len(idx)-2]], r[idx[1]])) {
		for i, j := 0, len(idx)-1; i < j; i, j = i+1, j-1 {
			idx[i], idx[j] = idx[j], idx[i]
		}
	}
	keep[idx[0]], keep[idx[len(idx)-1]] = true, true
	// Douglas–Peucker without recursion.
	stack := append(s.stack[:0], span{0, len(idx) - 1})
	for len(stack) > 0 {
		sp := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if sp.j-sp.i < 2 {
			continue
		}
		p, q := r[idx[sp.i]], r[idx[sp.j]]
		best, bestD := -1, s.tol2
		for k := sp.i + 1; k < sp.j; k++ {
			if d := segDist2(r[idx[k]], p, q); d > bestD {
				best, bestD = k, d
			}
		}
		if best < 0 {
			continue
		}
		keep[idx[best]] = true
		stack = append(stack, span{sp.i, best}, span{best, sp.j})
	}
	s.idx, s.stack = idx, stack
}

// segDist2 is the squared Web Mercator distance from p to segment ab.
func segDist2(p, a, b pt) float64 {
	dx, dy := b.x-a.x, b.my-a.my
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = ((p.x-a.x)*dx + (p.my-a.my)*dy) / l2
		t = math.Max(0, math.Min(1, t))
	}
	ex, ey := a.x+t*dx-p.x, a.my+t*dy-p.my
	return ex*ex + ey*ey
}
