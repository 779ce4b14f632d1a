package geo

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/peterstace/simplefeatures/geom"
	"github.com/peterstace/simplefeatures/rtree"
)

// RepairReport says what Repair changed. Counts are of rings or points as
// published, summed over all polygons of one input.
type RepairReport struct {
	ClosedRings            int // rings whose last point did not repeat the first
	DuplicatePoints        int // points equal to the point before them, removed
	DroppedDegenerateRings int // rings with fewer than 3 distinct points or all points on one line, dropped
	SelfIntersections      int // rings that crossed, overlapped or touched themselves (bow-ties, figure-eights, spikes), split
	MisplacedHoles         int // holes outside their shell or inside another hole, or crossing, overlapping or touching (at more than one point) their shell or another hole
	Reoriented             int // rings of otherwise valid polygons reversed so that shells run counter-clockwise and holes clockwise (RFC 7946)
	MergedOverlaps         int // polygons that overlapped or shared an edge with another polygon of the input, and were unioned into it
}

// Empty reports whether the repair changed nothing.
func (r RepairReport) Empty() bool { return r == RepairReport{} }

// Add adds the counts of o to r.
func (r *RepairReport) Add(o RepairReport) {
	r.ClosedRings += o.ClosedRings
	r.DuplicatePoints += o.DuplicatePoints
	r.DroppedDegenerateRings += o.DroppedDegenerateRings
	r.SelfIntersections += o.SelfIntersections
	r.MisplacedHoles += o.MisplacedHoles
	r.Reoriented += o.Reoriented
	r.MergedOverlaps += o.MergedOverlaps
}

// String describes the repair in words, e.g. "closed 1 ring, removed 4
// duplicate points, split 1 self-intersecting ring"; it is "" when nothing
// changed.
func (r RepairReport) String() string {
	var parts []string
	add := func(n int, verb, one, many string) {
		if n == 0 {
			return
		}
		noun := many
		if n == 1 {
			noun = one
		}
		parts = append(parts, fmt.Sprintf("%s %d %s", verb, n, noun))
	}
	add(r.ClosedRings, "closed", "ring", "rings")
	add(r.DuplicatePoints, "removed", "duplicate point", "duplicate points")
	add(r.DroppedDegenerateRings, "dropped", "degenerate ring", "degenerate rings")
	add(r.SelfIntersections, "split", "self-intersecting ring", "self-intersecting rings")
	add(r.MisplacedHoles, "fixed", "misplaced hole", "misplaced holes")
	add(r.Reoriented, "reoriented", "ring", "rings")
	add(r.MergedOverlaps, "merged", "overlapping polygon", "overlapping polygons")
	return strings.Join(parts, ", ")
}

// Errors returned by Repair.
var (
	ErrCoordinate = errors.New("geo: coordinate not finite or out of range")
	ErrRepair     = errors.New("geo: cannot repair geometry")
)

// snapDecimals is the grid (10⁻⁹ degree, about 0.1 mm) that Repair snaps to
// when the exact repair fails numerically.
const snapDecimals = 9

// Repair turns raw rings as found in a published map into a valid
// MultiPolygon and says what it changed.
//
// The input is polygons as [polygon][ring][point]{lon, lat}: the first ring
// of each polygon is its exterior and the rest are holes, in any
// orientation. Rings may be unclosed, repeat points, be degenerate, cross or
// touch themselves; holes may lie outside or touch their shell; polygons may
// overlap each other. Coordinates must be finite with |lon| ≤ 360 and
// |lat| ≤ 90, otherwise Repair returns an error wrapping ErrCoordinate.
//
// The result passes simplefeatures' Validate and runs shells
// counter-clockwise and holes clockwise. Its semantics are those of
// GEOS/PostGIS ST_MakeValid with method "linework" for each polygon: a point
// is covered when the polygon's rings, taken together, enclose it an odd
// number of times. So both lobes of a bow-tie are kept, a spike vanishes, a
// hole outside its shell becomes an island, a hole inside a hole becomes an
// island in the hole, and a hole sharing an edge with its shell cuts a notch.
// Polygons of one input that overlap or share an edge are then unioned.
// On all invalid polygons of the shared test data the result is the same
// region as ST_MakeValid's. It differs in two degenerate cases: an edge
// traversed twice cancels out (a ring traced twice, or a hole identical to
// its shell, leaves nothing, where GEOS dissolves the duplicate edges and
// keeps the shell; a hole sharing an edge with its shell is a notch, where
// GEOS fills it in), and overlapping polygons are unioned where ST_MakeValid
// takes their symmetric difference.
//
// Valid polygons (the common case) are only cleaned (closed, deduplicated,
// reoriented) and validated; the others are rebuilt from their noded
// edges, with exact predicates. Rebuilt polygons keep the input's vertices
// plus the points where rings cross; slivers thinner than the rounding
// noise of those crossing points are left out. If the rebuild fails
// numerically, Repair retries on rings snap-rounded to a 1e-9° grid, and if
// that fails too it returns an error wrapping ErrRepair. It never panics.
func Repair(polys [][][][2]float64) (mp geom.MultiPolygon, rep RepairReport, err error) {
	defer func() {
		if r := recover(); r != nil {
			mp, err = geom.MultiPolygon{}, fmt.Errorf("%w: internal error: %v", ErrRepair, r)
		}
	}()

	type cleaned struct {
		rings      [][]geom.XY
		isHole     []bool
		hasShell   bool
		reoriented int
	}
	cps := make([]cleaned, 0, len(polys))
	for _, p := range polys {
		var cp cleaned
		for i, raw := range p {
			ring, err := cleanRing(raw, &rep)
			if err != nil {
				return geom.MultiPolygon{}, rep, err
			}
			if ring == nil {
				continue
			}
			// Shells counter-clockwise, holes clockwise (decided exactly;
			// only meaningful for simple rings, which are the ones kept).
			o := loopOrientation(ring)
			if o == 0 {
				o = cmpFloat(sfSignedArea(ring), 0)
			}
			if (o > 0) != (i == 0) {
				reverse(ring)
				cp.reoriented++
			}
			if i == 0 {
				cp.hasShell = true
			}
			cp.rings = append(cp.rings, ring)
			cp.isHole = append(cp.isHole, i > 0)
		}
		if len(cp.rings) > 0 {
			cps = append(cps, cp)
		}
	}

	// Each polygon on its own: valid ones (the common case) stay as they
	// are; the others are rebuilt with the even-odd rule.
	var all []geom.Polygon
	for _, cp := range cps {
		if cp.hasShell {
			p := newPolygon(cp.rings)
			if p.Validate() == nil {
				rep.Reoriented += cp.reoriented
				all = append(all, p)
				continue
			}
		}
		def := newRingDefects(len(cp.rings))
		ps, _, err := rebuild(cp.rings, nil, evenOdd, cp.isHole, def)
		if err != nil {
			return geom.MultiPolygon{}, rep, err
		}
		for r := range cp.rings {
			if def.selfIntersecting[r] {
				rep.SelfIntersections++
			}
			if def.conflicting[r] && cp.isHole[r] {
				rep.MisplacedHoles++
			}
		}
		all = append(all, ps...)
	}

	// Polygons whose boxes meet may overlap or share edges: union them
	// (the points with a positive winding number, all shells running
	// counter-clockwise and holes clockwise). If they do neither, they are
	// returned as they are.
	near := nearPolygons(all)
	if len(near) < 2 {
		return geom.NewMultiPolygon(all), rep, nil
	}
	var rings [][]geom.XY
	for _, i := range near {
		for _, seq := range all[i].Coordinates() {
			rings = append(rings, seqXYs(seq))
		}
	}
	merged, disjoint, err := rebuild(rings, nil, nonZero, nil, nil)
	if err != nil {
		return geom.MultiPolygon{}, rep, err
	}
	if disjoint {
		return geom.NewMultiPolygon(all), rep, nil
	}
	rep.MergedOverlaps += max(1, len(near)-len(merged))
	out := make([]geom.Polygon, 0, len(all)-len(near)+len(merged))
	k := 0
	for i, p := range all {
		if k < len(near) && near[k] == i {
			k++
			continue
		}
		out = append(out, p)
	}
	return geom.NewMultiPolygon(append(out, merged...)), rep, nil
}

// nearPolygons returns, in order, the indexes of the polygons whose
// bounding box meets another's.
func nearPolygons(ps []geom.Polygon) []int {
	if len(ps) < 2 {
		return nil
	}
	boxes := make([]rtree.Box, len(ps))
	items := make([]rtree.BulkItem, 0, len(ps))
	for i, p := range ps {
		if box, ok := p.Envelope().AsBox(); ok {
			boxes[i] = box
			items = append(items, rtree.BulkItem{Box: box, RecordID: i})
		}
	}
	tree := rtree.BulkLoad(items)
	var near []int
	for i, p := range ps {
		if p.IsEmpty() {
			continue
		}
		found := false
		_ = tree.RangeSearch(boxes[i], func(j int) error {
			if j != i {
				found = true
				return rtree.Stop
			}
			return nil
		})
		if found {
			near = append(near, i)
		}
	}
	return near
}

func seqXYs(seq geom.Sequence) []geom.XY {
	out := make([]geom.XY, seq.Length())
	for i := range out {
		out[i] = seq.GetXY(i)
	}
	return out
}

// cleanRing removes consecutive duplicate points, closes the ring and
// reports a degenerate ring (fewer than 3 distinct points, or all on one
// line) as nil.
func cleanRing(raw [][2]float64, rep *RepairReport) ([]geom.XY, error) {
	pts := make([]geom.XY, 0, len(raw)+1)
	dups := 0
	for _, c := range raw {
		if !(math.Abs(c[0]) <= 360 && math.Abs(c[1]) <= 90) { // also catches NaN
			return nil, fmt.Errorf("%w: %v", ErrCoordinate, c)
		}
		p := geom.XY{X: c[0], Y: c[1]}
		if n := len(pts); n > 0 && pts[n-1] == p {
			dups++
			continue
		}
		pts = append(pts, p)
	}
	if len(pts) == 0 || collinear(pts) {
		rep.DroppedDegenerateRings++
		return nil, nil
	}
	rep.DuplicatePoints += dups
	if pts[0] != pts[len(pts)-1] {
		pts = append(pts, pts[0])
		rep.ClosedRings++
	}
	return pts, nil
}

// collinear reports whether all points lie on one line (or are fewer than 3
// distinct points).
func collinear(pts []geom.XY) bool {
	a := pts[0]
	j := 1
	for j < len(pts) && pts[j] == a {
		j++
	}
	if j == len(pts) {
		return true
	}
	b := pts[j]
	for _, p := range pts[j+1:] {
		if orient(a, b, p) != 0 {
			return false
		}
	}
	return true
}

func reverse(ring []geom.XY) {
	for i, j := 0, len(ring)-1; i < j; i, j = i+1, j-1 {
		ring[i], ring[j] = ring[j], ring[i]
	}
}

// PolygonOfRings builds a polygon from closed rings (the exterior, then
// the holes) without validating it.
func PolygonOfRings(rings [][]geom.XY) geom.Polygon { return newPolygon(rings) }

// newPolygon builds a polygon from closed rings without validating it.
func newPolygon(rings [][]geom.XY) geom.Polygon {
	ls := make([]geom.LineString, len(rings))
	for i, ring := range rings {
		flat := make([]float64, 0, 2*len(ring))
		for _, p := range ring {
			flat = append(flat, p.X, p.Y)
		}
		ls[i] = geom.NewLineString(geom.NewSequence(flat, geom.DimXY))
	}
	return geom.NewPolygon(ls)
}

// rebuild runs region on the rings and checks the result. If noding does
// not converge or the result is not valid (rounded crossing points can make
// new crossings, in pathological cases forever), it tries once more on rings
// snap-rounded to the 1e-9° grid.
func rebuild(rings [][]geom.XY, weights []int32, rule fillRule, isHole []bool, def *ringDefects) ([]geom.Polygon, bool, error) {
	ps, disjoint, err := regionPolygons(rings, weights, rule, isHole, def)
	if err == nil {
		return ps, disjoint, nil
	}
	var def2 *ringDefects
	if def != nil {
		def2 = newRingDefects(len(rings))
	}
	ps, _, err2 := regionPolygons(snapRound(rings, snapDecimals), weights, rule, isHole, def2)
	if err2 != nil {
		return nil, false, fmt.Errorf("%w: %v (after snap rounding to 1e-%d°: %v)", ErrRepair, err, snapDecimals, err2)
	}
	if def != nil {
		for r := range rings {
			def.selfIntersecting[r] = def.selfIntersecting[r] || def2.selfIntersecting[r]
			def.conflicting[r] = def.conflicting[r] || def2.conflicting[r]
		}
	}
	return ps, false, nil
}

// regionPolygons runs region and checks its result. Under nonZero it
// reports (without building polygons) when the rings already bound disjoint
// polygons: no edge is shared and nothing is covered twice.
func regionPolygons(rings [][]geom.XY, weights []int32, rule fillRule, isHole []bool, def *ringDefects) ([]geom.Polygon, bool, error) {
	polys, disjoint, err := region(rings, weights, rule, isHole, def)
	if err != nil || disjoint {
		return nil, disjoint, err
	}
	ps := make([]geom.Polygon, len(polys))
	for i, p := range polys {
		ps[i] = newPolygon(p)
	}
	// An intersection's pieces (IntersectPolygons) are not checked again:
	// it replaces JTS's intersection, whose output was not either, and the
	// check would take a sixth of a dense map's clips.
	if rule != twice {
		if err := checkBuilt(ps); err != nil {
			return nil, false, err
		}
	}
	return ps, false, nil
}

// validateBudget bounds the work (roughly holes × vertices, summed) spent
// re-validating rebuilt polygons with simplefeatures, whose ring-pair checks
// are quadratic for polygons with thousands of holes.
const validateBudget = 4_000_000

// maxValidateVertices bounds the size of the rebuilt polygons re-validated
// with simplefeatures: above it (a map dense with real bends, not a
// published one) the second opinion took a tenth of an import's time, and
// on the shared test data and dense maps made from them it never
// disagreed with region's exact construction.
const maxValidateVertices = 40_000

// checkBuilt validates polygons built by region with simplefeatures when
// that is cheap. region's output is valid by construction, its predicates
// being exact; this is a second opinion, skipped for huge polygons.
func checkBuilt(ps []geom.Polygon) error {
	var cost, total int
	for _, p := range ps {
		n := 0
		for i := 0; i < p.NumRings(); i++ {
			if i == 0 {
				n += p.ExteriorRing().Coordinates().Length()
			} else {
				n += p.InteriorRingN(i - 1).Coordinates().Length()
			}
		}
		cost += p.NumInteriorRings() * n
		total += n
	}
	if len(ps) > 1 {
		cost += len(ps) * total / 8
	}
	if cost > validateBudget || total > maxValidateVertices {
		return nil
	}
	return Valid(geom.NewMultiPolygon(ps).AsGeometry())
}

// Valid reports why g is not a valid geometry (simplefeatures' Validate), or
// nil if it is. It never panics.
func Valid(g geom.Geometry) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("geo: validation panicked: %v", r)
		}
	}()
	return g.Validate()
}

// Clean returns mp without its empty polygons and those whose exterior ring
// has no area (all its points on one line); it also drops such holes.
func Clean(mp geom.MultiPolygon) geom.MultiPolygon {
	ps := make([]geom.Polygon, 0, mp.NumPolygons())
	changed := false
	for _, p := range mp.Dump() {
		if p.IsEmpty() || flatRing(p.ExteriorRing()) {
			changed = true
			continue
		}
		rings := []geom.LineString{p.ExteriorRing()}
		for i := 0; i < p.NumInteriorRings(); i++ {
			if h := p.InteriorRingN(i); !flatRing(h) {
				rings = append(rings, h)
			}
		}
		if len(rings) != p.NumRings() {
			p = geom.NewPolygon(rings)
			changed = true
		}
		ps = append(ps, p)
	}
	if !changed {
		return mp
	}
	return geom.NewMultiPolygon(ps)
}

// flatRing reports whether a ring encloses no area: fewer than 3 distinct
// points, or all of them on one line.
func flatRing(ls geom.LineString) bool {
	seq := ls.Coordinates()
	if seq.Length() == 0 {
		return true
	}
	return collinear(seqXYs(seq))
}
