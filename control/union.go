package control

import (
	"hash/maphash"
	"math"
	"sort"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline/geo"
)

// The overlays at import are the bulk of its time and memory: JTS holds
// each vertex it nodes as several objects. These helpers give it only the
// polygons that can interact. A polygon that is a copy of one already seen
// (a file that repeats a feature, several maps' features in one file) adds
// nothing to a union; a polygon whose envelope meets no other polygon's is
// its own union (it is valid: repair made it so); the rest are unioned one
// group of envelope-connected polygons at a time, so the overlay holds one
// group's vertices, not the map's.

// polygonsOf returns the polygons of valid polygonal geometries.
func polygonsOf(gs ...geom.Geometry) []geom.Polygon {
	var out []geom.Polygon
	for _, g := range gs {
		mp := Polygonal(g)
		for i := 0; i < mp.NumPolygons(); i++ {
			if p := mp.PolygonN(i); !p.IsEmpty() {
				out = append(out, p)
			}
		}
	}
	return out
}

// unionSets returns the union of sets of polygons, each set valid as a
// MultiPolygon (its polygons do not overlap), as one MultiPolygon.
func unionSets(sets [][]geom.Polygon) (geom.MultiPolygon, error) {
	var polys []geom.Polygon
	var set []int // set[i]: the set polys[i] came from
	for k, s := range sets {
		for _, p := range s {
			polys = append(polys, p)
			set = append(set, k)
		}
	}
	polys, set = distinctPolygons(polys, set)
	var out []geom.Polygon
	for _, group := range envelopeGroups(polys) {
		// Polygons of one set need no union with each other.
		bySet := map[int][]geom.Polygon{}
		var order []int
		for _, k := range group {
			if _, ok := bySet[set[k]]; !ok {
				order = append(order, set[k])
			}
			bySet[set[k]] = append(bySet[set[k]], polys[k])
		}
		if len(order) == 1 {
			out = append(out, bySet[order[0]]...)
			continue
		}
		if gp := groupPolygons(polys, group); polygonVertices(gp) > planarUnionVertices {
			u, err := geo.UnionPolygons(gp)
			if err != nil {
				return geom.MultiPolygon{}, err
			}
			out = append(out, u...)
			continue
		}
		u, err := unionGroup(bySet, order)
		if err != nil {
			return geom.MultiPolygon{}, err
		}
		out = append(out, polygonsOf(u)...)
	}
	return geom.NewMultiPolygon(out), nil
}

// planarUnionVertices is the size (vertices) of an envelope group above
// which it is unioned by geo.UnionPolygons rather than JTS: a dense map's
// largest group held about 11 times the file's size live in JTS's union
// (its objects per vertex), the peak of the import. Published maps have a
// few tens of thousands of vertices in all and keep JTS's union, so their
// pieces are computed exactly as before.
var planarUnionVertices = 20_000

func groupPolygons(polys []geom.Polygon, group []int) []geom.Polygon {
	out := make([]geom.Polygon, len(group))
	for i, k := range group {
		out[i] = polys[k]
	}
	return out
}

// unionGroup unions the sets of one envelope group. When a few sets hold
// most of the group's vertices (a map's main front polygons among the
// small ones they touch), the others are unioned first, apart from them
// (without the large ones they mostly fall into separate groups, needing
// no overlay), so that the large ones go through fewer overlays than the
// levels of a cascaded union over all the sets.
func unionGroup(bySet map[int][]geom.Polygon, order []int) (geom.Geometry, error) {
	if len(order) == 2 {
		return geom.Union(geom.NewMultiPolygon(bySet[order[0]]).AsGeometry(), geom.NewMultiPolygon(bySet[order[1]]).AsGeometry())
	}
	size := make(map[int]int, len(order))
	total := 0
	for _, k := range order {
		size[k] = polygonVertices(bySet[k])
		total += size[k]
	}
	bySize := append([]int(nil), order...)
	sort.SliceStable(bySize, func(a, b int) bool { return size[bySize[a]] > size[bySize[b]] })
	large, held := 0, 0
	for large < len(bySize) && large < 3 && 2*held <= total {
		held += size[bySize[large]]
		large++
	}
	var gs []geom.Geometry
	if 2*held > total && large < len(bySize)-1 {
		rest := make([][]geom.Polygon, 0, len(bySize)-large)
		for _, k := range bySize[large:] {
			rest = append(rest, bySet[k])
		}
		r, err := unionSets(rest)
		if err != nil {
			return geom.Geometry{}, err
		}
		gs = append(gs, r.AsGeometry())
		bySize = bySize[:large]
	}
	for _, k := range bySize {
		gs = append(gs, geom.NewMultiPolygon(bySet[k]).AsGeometry())
	}
	if len(gs) == 2 {
		return geom.Union(gs[0], gs[1])
	}
	return geom.UnionMany(gs)
}

func polygonVertices(ps []geom.Polygon) int {
	n := 0
	for _, p := range ps {
		for _, r := range p.DumpRings() {
			n += r.Coordinates().Length()
		}
	}
	return n
}

// differencePolygons returns a minus b (both valid) as a MultiPolygon. The
// polygons of a whose envelope meets no polygon of b are kept as they are;
// only the others go through the overlay, against the polygons of b they
// may meet.
func differencePolygons(a, b []geom.Polygon) (geom.MultiPolygon, error) {
	envB := make([]geom.Envelope, len(b))
	for i, p := range b {
		envB[i] = p.Envelope()
	}
	var keep, near []geom.Polygon
	usedB := make([]bool, len(b))
	for _, p := range a {
		env := p.Envelope()
		hit := false
		for j := range b {
			if env.Intersects(envB[j]) {
				hit, usedB[j] = true, true
			}
		}
		if hit {
			near = append(near, p)
		} else {
			keep = append(keep, p)
		}
	}
	if len(near) > 0 {
		var against []geom.Polygon
		for j, used := range usedB {
			if used {
				against = append(against, b[j])
			}
		}
		if polygonVertices(near)+polygonVertices(against) > planarUnionVertices {
			d, err := geo.DifferencePolygons(near, against)
			if err != nil {
				return geom.MultiPolygon{}, err
			}
			return geom.NewMultiPolygon(append(keep, d...)), nil
		}
		d, err := geom.Difference(geom.NewMultiPolygon(near).AsGeometry(), geom.NewMultiPolygon(against).AsGeometry())
		if err != nil {
			return geom.MultiPolygon{}, err
		}
		mp := Polygonal(d)
		for i := 0; i < mp.NumPolygons(); i++ {
			keep = append(keep, mp.PolygonN(i))
		}
	}
	return geom.NewMultiPolygon(keep), nil
}

var polygonSeed = maphash.MakeSeed()

// distinctPolygons drops the polygons with the same rings, vertex for
// vertex, as an earlier one, and their entries in set.
func distinctPolygons(polys []geom.Polygon, set []int) ([]geom.Polygon, []int) {
	if len(polys) < 2 {
		return polys, set
	}
	seen := make(map[uint64][]int, len(polys))
	out, outSet := polys[:0:0], set[:0:0]
	for i, p := range polys {
		h := hashPolygon(p)
		dup := false
		for _, k := range seen[h] {
			if samePolygon(out[k], p) {
				dup = true
				break
			}
		}
		if !dup {
			seen[h] = append(seen[h], len(out))
			out, outSet = append(out, p), append(outSet, set[i])
		}
	}
	return out, outSet
}

func hashPolygon(p geom.Polygon) uint64 {
	var h maphash.Hash
	h.SetSeed(polygonSeed)
	var buf [16]byte
	for _, r := range p.DumpRings() {
		seq := r.Coordinates()
		n := seq.Length()
		putUint64(buf[:8], uint64(n))
		h.Write(buf[:8])
		for i := 0; i < n; i++ {
			xy := seq.GetXY(i)
			putUint64(buf[:8], math.Float64bits(xy.X))
			putUint64(buf[8:], math.Float64bits(xy.Y))
			h.Write(buf[:])
		}
	}
	return h.Sum64()
}

func putUint64(b []byte, v uint64) {
	for i := 0; i < 8; i++ {
		b[i] = byte(v >> (8 * i))
	}
}

func samePolygon(a, b geom.Polygon) bool {
	ra, rb := a.DumpRings(), b.DumpRings()
	if len(ra) != len(rb) {
		return false
	}
	for i := range ra {
		sa, sb := ra[i].Coordinates(), rb[i].Coordinates()
		if sa.Length() != sb.Length() {
			return false
		}
		for j := 0; j < sa.Length(); j++ {
			if sa.GetXY(j) != sb.GetXY(j) {
				return false
			}
		}
	}
	return true
}

// envelopeGroups partitions polys into groups connected by intersecting
// envelopes (touching counts): polygons in different groups cannot meet.
// Each group lists indexes into polys in increasing order.
func envelopeGroups(polys []geom.Polygon) [][]int {
	type box struct {
		minX, minY, maxX, maxY float64
		i                      int
	}
	boxes := make([]box, 0, len(polys))
	for i, p := range polys {
		lo, hi, ok := p.Envelope().MinMaxXYs()
		if !ok {
			continue
		}
		boxes = append(boxes, box{lo.X, lo.Y, hi.X, hi.Y, i})
	}
	parent := make([]int, len(polys))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// Sweep along x: each box meets the earlier boxes still open at its
	// left edge whose y ranges overlap its own.
	sort.Slice(boxes, func(a, b int) bool { return boxes[a].minX < boxes[b].minX })
	var open []box
	for _, b := range boxes {
		kept := open[:0]
		for _, o := range open {
			if o.maxX >= b.minX {
				kept = append(kept, o)
			}
		}
		open = kept
		for _, o := range open {
			if o.minY <= b.maxY && b.minY <= o.maxY {
				if ra, rb := find(o.i), find(b.i); ra != rb {
					parent[ra] = rb
				}
			}
		}
		open = append(open, b)
	}
	byRoot := map[int][]int{}
	var roots []int
	for i := range polys {
		r := find(i)
		if _, ok := byRoot[r]; !ok {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], i)
	}
	groups := make([][]int, len(roots))
	for i, r := range roots {
		groups[i] = byRoot[r]
	}
	return groups
}
