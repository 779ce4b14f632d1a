package geo

import (
	"math"
	"slices"

	"github.com/peterstace/simplefeatures/geom"
	"github.com/peterstace/simplefeatures/rtree"
)

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
	return nodeRingsWith(rings, def, crossingPoint)
}

// nodeRingsWith is nodeRings computing crossing points with cross.
func nodeRingsWith(rings [][]geom.XY, def *ringDefects, cross func(a, b, c, d geom.XY) geom.XY) ([][]geom.XY, error) {
	for pass := 0; pass < maxNodingPasses; pass++ {
		var d *ringDefects
		if pass == 0 {
			d = def
		}
		out, changed := nodePass(rings, d, cross)
		rings = out
		if !changed {
			return rings, nil
		}
	}
	return nil, errNoding
}

// nodePass is one noding pass. If def is not nil it also records the
// defects found.
func nodePass(rings [][]geom.XY, def *ringDefects, cross func(a, b, c, d geom.XY) geom.XY) ([][]geom.XY, bool) {
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
		in := intersectSegmentsWith(a, b, c, d, cross)
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
