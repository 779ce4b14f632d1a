package geo

import (
	"math"
	"math/big"
	"slices"

	"github.com/peterstace/simplefeatures/geom"
)

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
	// else against the edges of the ray's strip (stripIndex), filed on
	// first use.
	var strips *stripIndex
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
		visit := func(e int) {
			uv := g.edges[e]
			lower, upper := g.pts[uv[0]], g.pts[uv[1]]
			h := int32(2 * e) // the half-edge pointing up
			if lower.Y > upper.Y {
				lower, upper = upper, lower
				h++
			}
			if !(lower.Y <= v.Y && v.Y < upper.Y) || (lower.X < v.X && upper.X < v.X) || orient(lower, upper, v) <= 0 {
				return
			}
			if best < 0 || crossesBefore(v.Y, lower, upper, bestLower, bestUpper) {
				best, bestLower, bestUpper = h, lower, upper
			}
		}
		switch {
		case ci == 0:
			// The rightmost component: nothing lies to its right.
		case brute:
			for e := range g.edges {
				visit(e)
			}
		default:
			if strips == nil {
				strips = newStripIndex(g.pts, g.edges)
			}
			for _, e := range strips.at(v.Y) {
				visit(int(e))
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
	if math.Abs(x1) < 1e300 && math.Abs(x2) < 1e300 { // not overflowed, nor NaN
		if d := x1 - x2; math.Abs(d) > crossingXErr(lower, upper)+crossingXErr(bLower, bUpper) {
			return d < 0
		}
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

// crossingXErr bounds the error of crossingX(y, lower, upper) for y in
// [lower.Y, upper.Y] when it does not overflow: five roundings of a term
// no larger than |upper.X-lower.X| and one of the sum, under 7ε·3·max|X|
// (ε = 2⁻⁵³), doubled; 1e-300 covers underflow.
func crossingXErr(lower, upper geom.XY) float64 {
	return 5e-15*math.Max(math.Abs(lower.X), math.Abs(upper.X)) + 1e-300
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
