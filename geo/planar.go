package geo

import (
	"errors"
	"math"
	"math/big"
	"slices"

	"github.com/peterstace/simplefeatures/geom"
	"github.com/peterstace/simplefeatures/rtree"
)

// This file is the expensive path of Repair: it turns rings, however
// tangled, into the valid polygons covering exactly the points that the
// rings wind around in a chosen way. Two fill rules are used:
//
//   - evenOdd: points enclosed an odd number of times, what GEOS/PostGIS
//     ST_MakeValid's "linework" method computes for one polygon;
//   - nonZero: points with a positive winding number, which for valid,
//     consistently oriented polygons (shells counter-clockwise, holes
//     clockwise) is their union.
//
// The steps:
//
//  1. Noding: every segment is split wherever another segment crosses or
//     touches it (candidate pairs from a sweep over segment boxes, see
//     overlapPairs). Crossing points are rounded, so noding repeats until a
//     pass finds nothing new; if that does not settle, Repair snap-rounds
//     the rings to a grid and starts again (snapRound). All decisions (side
//     of a line, do segments meet, angular order around a node, which edge a
//     ray meets first) are exact, so what follows is consistent.
//  2. The noded edges form a planar graph. Its faces are traced (next edge =
//     first clockwise turn); each connected component finds the face it sits
//     in by casting a ray from its rightmost node, and winding numbers are
//     propagated across edges.
//  3. The edges with the region on exactly one side form a second graph
//     whose faces alternate between inside and outside. Each inside face
//     becomes a polygon: its boundary cycles are split where they touch
//     themselves into simple loops, counter-clockwise loops being shells and
//     clockwise loops holes.

var (
	errNoding       = errors.New("geo: noding did not converge")
	errInconsistent = errors.New("geo: inconsistent planar graph")
)

// maxNodingPasses bounds the re-noding of rounded crossing points.
const maxNodingPasses = 8

type fillRule int

const (
	evenOdd fillRule = iota
	nonZero
)

func (r fillRule) inside(w int32) bool {
	if r == evenOdd {
		return w&1 != 0
	}
	return w > 0
}

// ringDefects records, per input ring, what noding found wrong with it.
type ringDefects struct {
	selfIntersecting []bool // the ring crosses, overlaps or touches itself
	conflicting      []bool // the ring crosses or overlaps another ring, touches one at several points, or encloses the wrong side
}

func newRingDefects(n int) *ringDefects {
	return &ringDefects{selfIntersecting: make([]bool, n), conflicting: make([]bool, n)}
}

// region returns the polygons, as closed rings (shell counter-clockwise,
// then holes clockwise), covering the points that the closed rings wind
// around according to rule. If def is not nil, the rings' defects are
// recorded in it; isHole says which rings were published as holes (a simple
// hole whose outer side does not end up inside the result is misplaced).
//
// Under nonZero, if the rings bound disjoint regions already (no edge
// traversed twice, no point wound around more than once), region reports
// disjoint and returns no polygons.
func region(rings [][]geom.XY, rule fillRule, isHole []bool, def *ringDefects) (polys [][][]geom.XY, disjoint bool, err error) {
	noded, err := nodeRings(rings, def)
	if err != nil {
		return nil, false, err
	}

	// Nodes, and the net number of times each edge is traversed.
	nodeIdx := make(map[geom.XY]int32)
	var pts []geom.XY
	ringNodes := make([][]int32, len(noded))
	for r, ring := range noded {
		ids := make([]int32, len(ring))
		for i, p := range ring {
			id, ok := nodeIdx[p]
			if !ok {
				id = int32(len(pts))
				pts = append(pts, p)
				nodeIdx[p] = id
			}
			ids[i] = id
		}
		ringNodes[r] = ids
	}
	type tally struct{ idx, net, count int32 }
	tallies := make(map[uint64]*tally)
	var order []uint64
	for _, ids := range ringNodes {
		for i := 0; i+1 < len(ids); i++ {
			u, v := ids[i], ids[i+1]
			key := edgeKey(u, v)
			t := tallies[key]
			if t == nil {
				t = &tally{idx: -1}
				tallies[key] = t
				order = append(order, key)
			}
			t.count++
			if u < v {
				t.net++
			} else {
				t.net--
			}
		}
	}
	var edges [][2]int32
	var net []int32
	for _, key := range order {
		t := tallies[key]
		if (rule == evenOdd && t.count%2 == 0) || (rule == nonZero && t.net == 0) {
			continue
		}
		t.idx = int32(len(edges))
		edges = append(edges, [2]int32{int32(key >> 32), int32(uint32(key))})
		if rule == evenOdd {
			net = append(net, 1)
		} else {
			net = append(net, t.net)
		}
	}
	added := make([]bool, len(pts))
	for i := range added {
		added[i] = true
	}
	for _, ring := range rings {
		for _, p := range ring {
			added[nodeIdx[p]] = false
		}
	}
	g := newGraph(pts, edges, net)
	g.added = added
	if err := g.classify(rule); err != nil {
		return nil, false, err
	}
	if rule == nonZero {
		disjoint = true
		for _, t := range tallies {
			if t.count != 1 {
				disjoint = false
				break
			}
		}
		for _, w := range g.wind {
			if w < 0 || w > 1 {
				disjoint = false
				break
			}
		}
		if disjoint {
			return nil, true, nil
		}
	}

	if def != nil && isHole != nil {
		// A simple hole runs clockwise, so the region on its left should
		// be inside the result; if not, the hole lay outside its shell
		// or inside another hole.
		for r, ids := range ringNodes {
			if !isHole[r] || def.selfIntersecting[r] {
				continue
			}
			for i := 0; i+1 < len(ids); i++ {
				t := tallies[edgeKey(ids[i], ids[i+1])]
				if t.idx < 0 {
					continue
				}
				h := 2 * t.idx
				if edges[t.idx][0] != ids[i] {
					h++
				}
				if !rule.inside(g.wind[g.faceOf[h]]) {
					def.conflicting[r] = true
				}
				break
			}
		}
	}

	if rule == nonZero {
		// Keep the edges with the region on one side only, oriented with
		// the region on their left, and start again with those.
		var bEdges [][2]int32
		for e, uv := range g.edges {
			left := rule.inside(g.wind[g.faceOf[2*e]])
			right := rule.inside(g.wind[g.faceOf[2*e+1]])
			switch {
			case left && !right:
				bEdges = append(bEdges, uv)
			case right && !left:
				bEdges = append(bEdges, [2]int32{uv[1], uv[0]})
			}
		}
		ones := make([]int32, len(bEdges))
		for i := range ones {
			ones[i] = 1
		}
		g = newGraph(pts, bEdges, ones)
		g.added = added
		if err := g.classify(evenOdd); err != nil {
			return nil, false, err
		}
		rule = evenOdd
	}
	polys, err = g.polygons(rule)
	return polys, false, err
}

// segRef names segment idx (from point idx to idx+1) of ring ring.
type segRef struct{ ring, idx int32 }

func segBox(a, b geom.XY) rtree.Box {
	return rtree.Box{
		MinX: math.Min(a.X, b.X), MinY: math.Min(a.Y, b.Y),
		MaxX: math.Max(a.X, b.X), MaxY: math.Max(a.Y, b.Y),
	}
}

// nodeRings splits the rings' segments at every point where they meet
// another segment, repeating until no segment has a crossing or touching
// point in its interior.
func nodeRings(rings [][]geom.XY, def *ringDefects) ([][]geom.XY, error) {
	for pass := 0; pass < maxNodingPasses; pass++ {
		var d *ringDefects
		if pass == 0 {
			d = def
		}
		out, changed := nodePass(rings, d)
		rings = out
		if !changed {
			return rings, nil
		}
	}
	return nil, errNoding
}

// nodePass is one noding pass. If def is not nil it also records the
// defects found.
func nodePass(rings [][]geom.XY, def *ringDefects) ([][]geom.XY, bool) {
	var nseg int
	for _, ring := range rings {
		nseg += max(len(ring)-1, 0)
	}
	segs := make([]segRef, 0, nseg)
	boxes := make([]rtree.Box, 0, nseg)
	for r, ring := range rings {
		for i := 0; i+1 < len(ring); i++ {
			boxes = append(boxes, segBox(ring[i], ring[i+1]))
			segs = append(segs, segRef{int32(r), int32(i)})
		}
	}

	cuts := make([][]geom.XY, len(segs))
	changed := false
	var touches map[ringPair][]geom.XY
	if def != nil {
		touches = make(map[ringPair][]geom.XY)
	}
	overlapPairs(boxes, func(k, j int) {
		sk, sj := segs[k], segs[j]
		ring := rings[sk.ring]
		a, b := ring[sk.idx], ring[sk.idx+1]
		c, d := rings[sj.ring][sj.idx], rings[sj.ring][sj.idx+1]
		if sk.ring == sj.ring && sj.idx == sk.idx+1 && b == c && orient(a, b, d) != 0 {
			return // neighbouring segments meeting only at their joint (the common case)
		}
		in := intersectSegments(a, b, c, d)
		if in.n == 0 {
			return
		}
		for _, p := range in.pts[:in.n] {
			if p != a && p != b {
				cuts[k] = append(cuts[k], p)
				changed = true
			}
			if p != c && p != d {
				cuts[j] = append(cuts[j], p)
				changed = true
			}
		}
		if def == nil {
			return
		}
		if sk.ring == sj.ring {
			last := int32(len(ring) - 2)
			consecutive := sj.idx == sk.idx+1 || (sk.idx == 0 && sj.idx == last)
			if consecutive && in.n == 1 && !in.proper && (in.pts[0] == a || in.pts[0] == b) && (in.pts[0] == c || in.pts[0] == d) {
				return // the shared vertex of neighbouring segments
			}
			def.selfIntersecting[sk.ring] = true
			return
		}
		if in.proper || in.n == 2 {
			def.conflicting[sk.ring] = true
			def.conflicting[sj.ring] = true
			return
		}
		key := ringPair{sk.ring, sj.ring}
		if !slices.Contains(touches[key], in.pts[0]) {
			touches[key] = append(touches[key], in.pts[0])
		}
	})
	if len(touches) > 0 {
		markTouchCycles(len(rings), touches, def)
	}
	if !changed {
		return rings, false
	}

	out := make([][]geom.XY, len(rings))
	k := 0
	for r, ring := range rings {
		extra := 0
		for i := 0; i+1 < len(ring); i++ {
			extra += len(cuts[k+i])
		}
		nr := make([]geom.XY, 0, len(ring)+extra)
		for i := 0; i+1 < len(ring); i++ {
			a, b := ring[i], ring[i+1]
			nr = appendDistinct(nr, a)
			if cs := cuts[k]; len(cs) > 0 {
				dir := b.Sub(a)
				slices.SortFunc(cs, func(p, q geom.XY) int {
					dp, dq := p.Sub(a).Dot(dir), q.Sub(a).Dot(dir)
					switch {
					case dp < dq:
						return -1
					case dp > dq:
						return 1
					}
					return 0
				})
				for _, p := range cs {
					nr = appendDistinct(nr, p)
				}
			}
			k++
		}
		nr = appendDistinct(nr, ring[len(ring)-1])
		out[r] = nr
	}
	return out, true
}

type ringPair struct{ a, b int32 }

// markTouchCycles marks rings whose touching points with other rings close a
// cycle (ring, point, ring, …, ring): such rings cut the polygon's interior
// in pieces (two rings touching twice, or a chain of holes touching each
// other and the shell). The later ring of the cycle (a hole rather than the
// shell) is marked.
func markTouchCycles(nrings int, touches map[ringPair][]geom.XY, def *ringDefects) {
	type link struct {
		ring  int32
		point int32
	}
	pointIdx := make(map[geom.XY]int32)
	var links []link
	for key, pts := range touches {
		for _, p := range pts {
			id, ok := pointIdx[p]
			if !ok {
				id = int32(len(pointIdx))
				pointIdx[p] = id
			}
			links = append(links, link{key.a, id}, link{key.b, id})
		}
	}
	slices.SortFunc(links, func(x, y link) int {
		if x.ring != y.ring {
			return int(x.ring - y.ring)
		}
		return int(x.point - y.point)
	})
	links = slices.Compact(links)
	uf := make([]int32, nrings+len(pointIdx))
	for i := range uf {
		uf[i] = int32(i)
	}
	for _, l := range links {
		a, b := find(uf, l.ring), find(uf, int32(nrings)+l.point)
		if a == b {
			def.conflicting[l.ring] = true
			continue
		}
		uf[a] = b
	}
}

// snapRound returns the rings snap-rounded to a grid of 10^-decimals: every
// vertex and every crossing point is rounded to the grid, making a "hot
// pixel" (the grid cell around it), and every segment is routed through the
// centres of the hot pixels it passes through. The rounded segments then
// meet only at grid points (Hobby's snap rounding), so noding them creates
// no new coordinates and converges. Rings are kept even if they collapse.
func snapRound(rings [][]geom.XY, decimals int) [][]geom.XY {
	scale := math.Pow10(decimals)
	half := 0.5 / scale
	snap := func(p geom.XY) geom.XY {
		return geom.XY{X: math.Round(p.X*scale) / scale, Y: math.Round(p.Y*scale) / scale}
	}
	out := make([][]geom.XY, len(rings))
	hot := make(map[geom.XY]struct{})
	var segs []segRef
	var boxes []rtree.Box
	for r, ring := range rings {
		var pts []geom.XY
		for _, p := range ring {
			q := snap(p)
			pts = appendDistinct(pts, q)
			hot[q] = struct{}{}
		}
		out[r] = pts
		for i := 0; i+1 < len(pts); i++ {
			boxes = append(boxes, segBox(pts[i], pts[i+1]))
			segs = append(segs, segRef{int32(r), int32(i)})
		}
	}
	overlapPairs(boxes, func(k, j int) {
		sk, sj := segs[k], segs[j]
		in := intersectSegments(out[sk.ring][sk.idx], out[sk.ring][sk.idx+1], out[sj.ring][sj.idx], out[sj.ring][sj.idx+1])
		if in.proper {
			hot[snap(in.pts[0])] = struct{}{}
		}
	})

	pixels := make([]geom.XY, 0, len(hot))
	for p := range hot {
		pixels = append(pixels, p)
	}
	slices.SortFunc(pixels, func(p, q geom.XY) int {
		switch {
		case p.X != q.X:
			return cmpFloat(p.X, q.X)
		default:
			return cmpFloat(p.Y, q.Y)
		}
	})
	pitems := make([]rtree.BulkItem, len(pixels))
	for i, p := range pixels {
		pitems[i] = rtree.BulkItem{Box: rtree.Box{MinX: p.X - half, MinY: p.Y - half, MaxX: p.X + half, MaxY: p.Y + half}, RecordID: i}
	}
	ptree := rtree.BulkLoad(pitems)
	for r, ring := range out {
		var nr []geom.XY
		for i := 0; i+1 < len(ring); i++ {
			a, b := ring[i], ring[i+1]
			nr = appendDistinct(nr, a)
			var via []geom.XY
			_ = ptree.RangeSearch(segBox(a, b), func(j int) error {
				c := pixels[j]
				if c == a || c == b {
					return nil
				}
				// Does the segment meet the closed pixel square? (The
				// bounding boxes overlap; check the square's corners are
				// not all on one side of the segment's line.)
				side := 0
				for _, corner := range [4]geom.XY{{X: c.X - half, Y: c.Y - half}, {X: c.X + half, Y: c.Y - half}, {X: c.X + half, Y: c.Y + half}, {X: c.X - half, Y: c.Y + half}} {
					o := orient(a, b, corner)
					if o == 0 || (side != 0 && o != side) {
						side = 2
						break
					}
					side = o
				}
				if side == 2 {
					via = append(via, c)
				}
				return nil
			})
			if len(via) > 0 {
				dir := b.Sub(a)
				slices.SortFunc(via, func(p, q geom.XY) int {
					return cmpFloat(p.Sub(a).Dot(dir), q.Sub(a).Dot(dir))
				})
				for _, c := range via {
					nr = appendDistinct(nr, c)
				}
			}
		}
		if len(ring) > 0 {
			nr = appendDistinct(nr, ring[len(ring)-1])
		}
		out[r] = nr
	}
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// appendDistinct appends p unless it equals the last point.
func appendDistinct(pts []geom.XY, p geom.XY) []geom.XY {
	if len(pts) > 0 && pts[len(pts)-1] == p {
		return pts
	}
	return append(pts, p)
}

// graph is a planar graph of noded edges. Edge e joins edges[e][0] and
// edges[e][1]; half-edge 2e runs from edges[e][0] to edges[e][1] and
// half-edge 2e+1 back. Crossing edge e from right to left of half-edge 2e
// adds net[e] to the winding number.
type graph struct {
	pts       []geom.XY
	edges     [][2]int32
	net       []int32
	start     []int32 // node n's outgoing half-edges are out[start[n]:start[n+1]], counter-clockwise
	out       []int32
	pos       []int32   // index of each half-edge in out
	faceOf    []int32   // the cycle (face boundary) on the left of each half-edge
	cycles    []int32   // a half-edge of each cycle
	wind      []int32   // winding number of the face left of each cycle
	faceSet   []int32   // union-find over cycles bounding the same face
	cycleArea []float64 // twice the signed planar area of each cycle
	added     []bool    // nodes created by noding, not input vertices
}

func edgeKey(u, v int32) uint64 {
	if u > v {
		u, v = v, u
	}
	return uint64(uint32(u))<<32 | uint64(uint32(v))
}

func (g *graph) orig(h int32) int32 { return g.edges[h>>1][h&1] }
func (g *graph) dest(h int32) int32 { return g.edges[h>>1][1-(h&1)] }

// netOf is the change of winding number from the right to the left of h.
func (g *graph) netOf(h int32) int32 {
	if h&1 == 0 {
		return g.net[h>>1]
	}
	return -g.net[h>>1]
}

// next is the half-edge following h around the face on h's left: the first
// clockwise turn at h's destination.
func (g *graph) next(h int32) int32 {
	t := h ^ 1
	v := g.orig(t)
	i := g.pos[t] - 1
	if i < g.start[v] {
		i = g.start[v+1] - 1
	}
	return g.out[i]
}

// newGraph builds the graph and traces its faces.
func newGraph(pts []geom.XY, edges [][2]int32, net []int32) *graph {
	g := &graph{pts: pts, edges: edges, net: net}

	// Outgoing half-edges of each node, sorted counter-clockwise.
	nh := int32(2 * len(g.edges))
	g.start = make([]int32, len(g.pts)+1)
	for h := int32(0); h < nh; h++ {
		g.start[g.orig(h)+1]++
	}
	for n := range g.pts {
		g.start[n+1] += g.start[n]
	}
	g.out = make([]int32, nh)
	fill := slices.Clone(g.start[:len(g.pts)])
	for h := int32(0); h < nh; h++ {
		n := g.orig(h)
		g.out[fill[n]] = h
		fill[n]++
	}
	for n := range g.pts {
		o := g.pts[n]
		hs := g.out[g.start[n]:g.start[n+1]]
		if len(hs) > 2 || (len(hs) == 2 && angleLess(o, g.pts[g.dest(hs[1])], g.pts[g.dest(hs[0])])) {
			slices.SortFunc(hs, func(h1, h2 int32) int {
				p, q := g.pts[g.dest(h1)], g.pts[g.dest(h2)]
				if angleLess(o, p, q) {
					return -1
				}
				if angleLess(o, q, p) {
					return 1
				}
				return 0
			})
		}
	}
	g.pos = make([]int32, nh)
	for i, h := range g.out {
		g.pos[h] = int32(i)
	}

	// Faces.
	g.faceOf = make([]int32, nh)
	for i := range g.faceOf {
		g.faceOf[i] = -1
	}
	for h := int32(0); h < nh; h++ {
		if g.faceOf[h] >= 0 {
			continue
		}
		id := int32(len(g.cycles))
		ref := g.pts[g.orig(h)]
		var area float64
		e := h
		for {
			g.faceOf[e] = id
			area += g.pts[g.orig(e)].Sub(ref).Cross(g.pts[g.dest(e)].Sub(ref))
			e = g.next(e)
			if e == h {
				break
			}
		}
		g.cycles = append(g.cycles, h)
		g.cycleArea = append(g.cycleArea, area)
	}
	return g
}

// classify computes the winding number of every face and groups the cycles
// that bound the same face. Under evenOdd only parities must agree.
func (g *graph) classify(rule fillRule) error {
	nc := len(g.cycles)
	const unknown = math.MinInt32
	g.wind = make([]int32, nc)
	for i := range g.wind {
		g.wind[i] = unknown
	}
	g.faceSet = make([]int32, nc)
	for i := range g.faceSet {
		g.faceSet[i] = int32(i)
	}
	if len(g.edges) == 0 {
		return nil
	}

	// Connected components of nodes, and the rightmost (then topmost) node
	// of each, processed right to left so that the face a component lies in
	// is always classified before it.
	uf := make([]int32, len(g.pts))
	for i := range uf {
		uf[i] = int32(i)
	}
	for _, e := range g.edges {
		union(uf, e[0], e[1])
	}
	compMax := make(map[int32]int32)
	var comps []int32
	for n := range g.pts {
		if g.start[n] == g.start[n+1] {
			continue
		}
		root := find(uf, int32(n))
		m, ok := compMax[root]
		if !ok {
			comps = append(comps, root)
			compMax[root] = int32(n)
			continue
		}
		p, q := g.pts[n], g.pts[m]
		if p.X > q.X || (p.X == q.X && p.Y > q.Y) {
			compMax[root] = int32(n)
		}
	}
	slices.SortFunc(comps, func(a, b int32) int {
		p, q := g.pts[compMax[a]], g.pts[compMax[b]]
		switch {
		case p == q:
			return 0
		case p.X > q.X || (p.X == q.X && p.Y > q.Y):
			return -1
		}
		return 1
	})

	// Rays are cast against all edges by brute force when that is cheap,
	// else with an R-tree built on first use.
	var tree *rtree.RTree
	var extent rtree.Box
	var window float64
	brute := len(comps)*len(g.edges) <= 1<<16

	agree := func(a, b int32) bool {
		if rule == evenOdd {
			return (a-b)&1 == 0
		}
		return a == b
	}
	var stack []int32
	for ci, root := range comps {
		vn := compMax[root]
		v := g.pts[vn]
		// The face right of v is left of v's last outgoing half-edge: all
		// of them point left, up or down since v is rightmost.
		outer := g.faceOf[g.out[g.start[vn+1]-1]]

		// Cast a ray from v to the right; the nearest edge it crosses
		// bounds the face this component lies in.
		best := int32(-1)
		var bestLower, bestUpper geom.XY
		var bestX float64
		visit := func(e int) error {
			uv := g.edges[e]
			lower, upper := g.pts[uv[0]], g.pts[uv[1]]
			h := int32(2 * e) // the half-edge pointing up
			if lower.Y > upper.Y {
				lower, upper = upper, lower
				h++
			}
			if !(lower.Y <= v.Y && v.Y < upper.Y) || orient(lower, upper, v) <= 0 {
				return nil
			}
			if best < 0 || crossesBefore(v.Y, lower, upper, bestLower, bestUpper) {
				best, bestLower, bestUpper = h, lower, upper
				bestX = crossingX(v.Y, lower, upper)
			}
			return nil
		}
		// With the tree, search windows of growing length. Every edge
		// crossing the ray within a window has its box in the window, so
		// the nearest crossing found is the nearest overall if it lies
		// (with a margin for rounding) inside the window; an edge crossing
		// beyond it may hide a nearer one outside the window.
		switch {
		case ci == 0:
			// The rightmost component: nothing lies to its right.
		case brute:
			for e := range g.edges {
				_ = visit(e)
			}
		default:
			if tree == nil {
				items := make([]rtree.BulkItem, len(g.edges))
				for e, uv := range g.edges {
					items[e] = rtree.BulkItem{Box: segBox(g.pts[uv[0]], g.pts[uv[1]]), RecordID: e}
				}
				tree = rtree.BulkLoad(items)
				extent, _ = tree.Extent()
				window = (extent.MaxX - extent.MinX) / 256
				if !(window > 0) {
					window = math.Inf(1)
				}
			}
			for d := window; ; d *= 4 {
				maxX := v.X + d
				if maxX >= extent.MaxX || d == math.Inf(1) {
					maxX = math.Inf(1)
				}
				best = -1
				_ = tree.RangeSearch(rtree.Box{MinX: v.X, MinY: v.Y, MaxX: maxX, MaxY: v.Y}, visit)
				if maxX == math.Inf(1) || (best >= 0 && bestX < maxX-1e-9*(math.Abs(maxX)+d)) {
					break
				}
			}
		}
		var w int32
		if best >= 0 {
			// The face left of the upward half-edge, i.e. towards v.
			container := g.faceOf[best]
			w = g.wind[container]
			if w == unknown {
				return errInconsistent
			}
			union(g.faceSet, outer, container)
		}

		// Propagate across edges.
		g.wind[outer] = w
		stack = append(stack[:0], outer)
		for len(stack) > 0 {
			c := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			h := g.cycles[c]
			e := h
			for {
				nb := g.faceOf[e^1]
				wnb := g.wind[c] - g.netOf(e)
				switch {
				case g.wind[nb] == unknown:
					g.wind[nb] = wnb
					stack = append(stack, nb)
				case !agree(g.wind[nb], wnb):
					return errInconsistent
				}
				e = g.next(e)
				if e == h {
					break
				}
			}
		}
	}
	return nil
}

// crossesBefore reports whether upward segment lower→upper crosses the
// horizontal line at y strictly left of segment bLower→bUpper, or at the
// same point (a shared lower node) but leaning further left. Both segments
// span y (lower.Y ≤ y < upper.Y). It is exact.
func crossesBefore(y float64, lower, upper, bLower, bUpper geom.XY) bool {
	x1, x2 := crossingX(y, lower, upper), crossingX(y, bLower, bUpper)
	if d := x1 - x2; math.Abs(d) > 1e-9*(math.Abs(x1)+math.Abs(x2))+1e-300 {
		return d < 0
	}
	if c := crossingXCmp(y, lower, upper, bLower, bUpper); c != 0 {
		return c < 0
	}
	// Same crossing point: it can only be a shared lower node.
	return orient(lower, bUpper, upper) > 0
}

// crossingX is where the segment lower→upper, spanning y, crosses it.
func crossingX(y float64, lower, upper geom.XY) float64 {
	if lower.Y == y {
		return lower.X
	}
	return lower.X + (y-lower.Y)*((upper.X-lower.X)/(upper.Y-lower.Y))
}

// crossingXCmp compares exactly where two segments spanning y cross it.
func crossingXCmp(y float64, l1, u1, l2, u2 geom.XY) int {
	x := func(l, u geom.XY) *big.Rat {
		r := func(f float64) *big.Rat { return new(big.Rat).SetFloat64(f) }
		t := new(big.Rat).Sub(r(y), r(l.Y))
		t.Mul(t, new(big.Rat).Sub(r(u.X), r(l.X)))
		t.Quo(t, new(big.Rat).Sub(r(u.Y), r(l.Y)))
		return t.Add(t, r(l.X))
	}
	return x(l1, u1).Cmp(x(l2, u2))
}

// polygons assembles the inside faces into polygons.
func (g *graph) polygons(rule fillRule) ([][][]geom.XY, error) {
	groups := make(map[int32][]int32)
	var order []int32
	for c := range g.cycles {
		if !rule.inside(g.wind[c]) {
			continue
		}
		root := find(g.faceSet, int32(c))
		if _, ok := groups[root]; !ok {
			order = append(order, root)
		}
		groups[root] = append(groups[root], int32(c))
	}

	onStack := make([]int32, len(g.pts))
	for i := range onStack {
		onStack[i] = -1
	}
	var polys [][][]geom.XY
	for _, root := range order {
		var shells, holes [][]geom.XY
		var shellAreas []float64
		slivers := false
		for _, c := range groups[root] {
			for _, loop := range g.splitCycle(c, onStack) {
				// Exact orientation decides shell or hole. A loop whose
				// floating-point area (as simplefeatures computes it)
				// disagrees is a sliver at the rounding noise, left out.
				o := loopOrientation(loop)
				a := sfSignedArea(loop)
				switch {
				case o > 0 && a > 0:
					shells = append(shells, loop)
					shellAreas = append(shellAreas, a)
				case o < 0 && a < 0:
					holes = append(holes, loop)
				default:
					slivers = true
				}
			}
		}
		switch len(shells) {
		case 0:
			if len(holes) > 0 && !slivers {
				return nil, errInconsistent
			}
		case 1:
			polys = append(polys, append([][]geom.XY{shells[0]}, holes...))
		default:
			// Not expected from a planar subdivision, but cheap to handle:
			// give each hole to the smallest shell around it.
			ps := make([][][]geom.XY, len(shells))
			for i, s := range shells {
				ps[i] = [][]geom.XY{s}
			}
			for _, h := range holes {
				pt := h[0].Midpoint(h[1])
				bestI := -1
				for i, s := range shells {
					if pointInRing(pt, s) && (bestI < 0 || shellAreas[i] < shellAreas[bestI]) {
						bestI = i
					}
				}
				if bestI < 0 {
					return nil, errInconsistent
				}
				ps[bestI] = append(ps[bestI], h)
			}
			polys = append(polys, ps...)
		}
	}
	return polys, nil
}

// splitCycle returns the simple closed loops that cycle c consists of,
// splitting it wherever it passes through a node again.
func (g *graph) splitCycle(c int32, onStack []int32) [][]geom.XY {
	var loops [][]geom.XY
	var stack []int32
	emit := func(nodes []int32) {
		if len(nodes) < 3 {
			return
		}
		// Leave out the nodes that noding added on straight edges, so
		// that geodesic edges stay as published.
		loop := make([]geom.XY, 0, len(nodes)+1)
		for i, n := range nodes {
			if g.added != nil && g.added[n] {
				prev := nodes[(i+len(nodes)-1)%len(nodes)]
				next := nodes[(i+1)%len(nodes)]
				if orient(g.pts[prev], g.pts[n], g.pts[next]) == 0 {
					continue
				}
			}
			loop = append(loop, g.pts[n])
		}
		if len(loop) < 3 {
			return
		}
		loop = append(loop, loop[0])
		loops = append(loops, loop)
	}
	h := g.cycles[c]
	e := h
	for {
		n := g.orig(e)
		if k := onStack[n]; k >= 0 {
			emit(stack[k:])
			for _, m := range stack[k+1:] {
				onStack[m] = -1
			}
			stack = stack[:k+1]
		} else {
			onStack[n] = int32(len(stack))
			stack = append(stack, n)
		}
		e = g.next(e)
		if e == h {
			break
		}
	}
	emit(stack)
	for _, m := range stack {
		onStack[m] = -1
	}
	return loops
}

// ringSignedArea is twice the signed planar area of a closed ring, positive
// when counter-clockwise.
func ringSignedArea(ring []geom.XY) float64 {
	if len(ring) < 4 {
		return 0
	}
	ref := ring[0]
	var a float64
	for i := 1; i+1 < len(ring); i++ {
		a += ring[i].Sub(ref).Cross(ring[i+1].Sub(ref))
	}
	return a
}

// loopOrientation is +1 for a counter-clockwise simple closed loop and -1
// for a clockwise one, decided exactly at its lowest-leftmost vertex.
func loopOrientation(loop []geom.XY) int {
	n := len(loop) - 1 // closed
	m := 0
	for i := 1; i < n; i++ {
		if p, q := loop[i], loop[m]; p.X < q.X || (p.X == q.X && p.Y < q.Y) {
			m = i
		}
	}
	return orient(loop[(m+n-1)%n], loop[m], loop[(m+1)%n])
}

// sfSignedArea is a closed ring's signed area computed exactly as
// simplefeatures does (so its sign agrees with Polygon.IsCCW).
func sfSignedArea(ring []geom.XY) float64 {
	var sum float64
	for i := 0; i+1 < len(ring); i++ {
		p0, p1 := ring[i], ring[i+1]
		sum += (p1.X + p0.X) * (p1.Y - p0.Y)
	}
	return sum / 2
}

// pointInRing reports whether p is strictly inside the closed ring (crossing
// number with exact side tests; points on the boundary count as outside).
func pointInRing(p geom.XY, ring []geom.XY) bool {
	inside := false
	for i := 0; i+1 < len(ring); i++ {
		a, b := ring[i], ring[i+1]
		if (a.Y > p.Y) == (b.Y > p.Y) {
			continue
		}
		o := orient(a, b, p)
		if o == 0 {
			return false
		}
		if (o > 0) == (b.Y > a.Y) {
			inside = !inside
		}
	}
	return inside
}

func find(uf []int32, x int32) int32 {
	for uf[x] != x {
		uf[x] = uf[uf[x]]
		x = uf[x]
	}
	return x
}

func union(uf []int32, a, b int32) {
	ra, rb := find(uf, a), find(uf, b)
	if ra != rb {
		uf[ra] = rb
	}
}
