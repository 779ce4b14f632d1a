package geo

import (
	"errors"

	"github.com/peterstace/simplefeatures/geom"
)

// This file, with noding.go and graph.go, is the expensive path of Repair:
// it turns rings, however tangled, into the valid polygons covering exactly
// the points that the rings wind around in a chosen way. Two fill rules are
// used:
//
//   - evenOdd: points enclosed an odd number of times, what GEOS/PostGIS
//     ST_MakeValid's "linework" method computes for one polygon;
//   - nonZero: points with a positive winding number, which for valid,
//     consistently oriented polygons (shells counter-clockwise, holes
//     clockwise) is their union.
//
// The steps:
//
//  1. Noding (noding.go): every segment is split wherever another segment
//     crosses or touches it (candidate pairs from a sweep over segment
//     boxes, see overlapPairs). Crossing points are rounded, so noding
//     repeats until a pass finds nothing new; if that does not settle,
//     Repair snap-rounds the rings to a grid and starts again (snapRound).
//     All decisions (side of a line, do segments meet, angular order around
//     a node, which edge a ray meets first) are exact, so what follows is
//     consistent.
//  2. The noded edges form a planar graph (graph.go). Its faces are traced
//     (next edge = first clockwise turn); each connected component finds the
//     face it sits in by casting a ray from its rightmost node, and winding
//     numbers are propagated across edges.
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
	nv := 0
	for _, ring := range noded {
		nv += len(ring)
	}
	nodes := newPointIDs(nv)
	ringNodes := make([][]int32, len(noded))
	for r, ring := range noded {
		ids := make([]int32, len(ring))
		for i, p := range ring {
			ids[i] = nodes.id(p)
		}
		ringNodes[r] = ids
	}
	pts := nodes.pts
	type tally struct{ idx, net, count int32 }
	edgeIDs := newKeyIDs(nv)
	var tallies []tally // by edge id
	for _, ids := range ringNodes {
		for i := 0; i+1 < len(ids); i++ {
			u, v := ids[i], ids[i+1]
			k, isNew := edgeIDs.id(edgeKey(u, v))
			if isNew {
				tallies = append(tallies, tally{idx: -1})
			}
			t := &tallies[k]
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
	for k, key := range edgeIDs.keys {
		t := &tallies[k]
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
			added[nodes.lookup(p)] = false
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
				t := tallies[edgeIDs.lookup(edgeKey(ids[i], ids[i+1]))]
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
