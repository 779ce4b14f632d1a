package cells

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/geo"
)

// The ground that changed between two consecutive maps is a sliver, but
// the pieces it is read from are whole oblast polygons of thousands of
// vertices. Overlaying them whole made each step cost seconds. Instead
// the two maps' edges are compared: an edge on both maps bounds the same
// ground on both, so the ground whose status differs lies inside the
// boxes of the edges found on one map only (a point is inside a polygon
// by the parity of the edges crossed from outside; only the unshared edges
// can change that parity). Boxes that touch are merged into windows, and
// both maps are clipped to each window (an overlay clipped to a small
// rectangle only nodes the edges near it) and overlaid there.

// windowMargin (degrees, ~1 cm) widens the box of the unshared edges so
// that a window's border never runs along one of them.
const windowMargin = 1e-7

type box struct{ minX, minY, maxX, maxY float64 }

func (a box) intersects(b box) bool {
	return a.minX <= b.maxX && a.maxX >= b.minX && a.minY <= b.maxY && a.maxY >= b.minY
}

func (a box) union(b box) box {
	return box{math.Min(a.minX, b.minX), math.Min(a.minY, b.minY), math.Max(a.maxX, b.maxX), math.Max(a.maxY, b.maxY)}
}

func (a box) envelope() geom.Envelope {
	return geom.NewEnvelope(geom.XY{X: a.minX, Y: a.minY}, geom.XY{X: a.maxX, Y: a.maxY})
}

func (a box) polygon() geom.Geometry {
	return geom.NewPolygon([]geom.LineString{geom.NewLineString(geom.NewSequence([]float64{
		a.minX, a.minY, a.maxX, a.minY, a.maxX, a.maxY, a.minX, a.maxY, a.minX, a.minY,
	}, geom.DimXY))}).AsGeometry()
}

// cutStep (degrees, ~0.5 km) is the longest edge a cut makes: the
// geodesic between the ends of a straight edge in degrees strays from it
// by ~L²/8R, so a long cut edge would move km² between a tile and the
// ground later split from it; at 0.5 km the area between them is ~1e-6 km².
const cutStep = 0.005

// densePolygon is the box as a polygon with edges at most cutStep long.
func (a box) densePolygon() geom.Geometry {
	var xy []float64
	edge := func(x0, y0, x1, y1 float64) {
		n := int(math.Ceil(math.Max(math.Abs(x1-x0), math.Abs(y1-y0)) / cutStep))
		if n < 1 {
			n = 1
		}
		for i := 0; i < n; i++ {
			t := float64(i) / float64(n)
			xy = append(xy, x0+(x1-x0)*t, y0+(y1-y0)*t)
		}
	}
	edge(a.minX, a.minY, a.maxX, a.minY)
	edge(a.maxX, a.minY, a.maxX, a.maxY)
	edge(a.maxX, a.maxY, a.minX, a.maxY)
	edge(a.minX, a.maxY, a.minX, a.minY)
	xy = append(xy, a.minX, a.minY)
	return geom.NewPolygon([]geom.LineString{geom.NewLineString(geom.NewSequence(xy, geom.DimXY))}).AsGeometry()
}

func envBox(e geom.Envelope) (box, bool) {
	lo, hi, ok := e.MinMaxXYs()
	return box{lo.X, lo.Y, hi.X, hi.Y}, ok
}

// segKey is an edge with its ends in lexicographic order.
type segKey [4]float64

// eachSegment calls f with every edge of g's polygons.
func eachSegment(g geom.Geometry, f func(segKey)) {
	mp := polygonal(g)
	for i := 0; i < mp.NumPolygons(); i++ {
		p := mp.PolygonN(i)
		for _, r := range p.DumpRings() {
			seq := r.Coordinates()
			n := seq.Length()
			for k := 0; k+1 < n; k++ {
				a, b := seq.GetXY(k), seq.GetXY(k+1)
				if a == b {
					continue
				}
				f(edgeKey(a.X, a.Y, b.X, b.Y))
			}
		}
	}
}

// changedWindows returns boxes, disjoint from one another, holding all the
// ground whose status is not the same on a and b among the statuses sts.
func changedWindows(a, b *pieces, sts []frontline.Status) []box {
	var boxes []box
	for _, st := range sts {
		count := map[segKey]int32{}
		if g, ok := a.geom[st]; ok {
			eachSegment(g, func(s segKey) { count[s]++ })
		}
		if g, ok := b.geom[st]; ok {
			eachSegment(g, func(s segKey) { count[s]-- })
		}
		for s, n := range count {
			if n != 0 {
				m := windowMargin + geodesicStrayDeg(s[0], s[1], s[2], s[3])
				boxes = append(boxes, box{
					s[0] - m, math.Min(s[1], s[3]) - m,
					s[2] + m, math.Max(s[1], s[3]) + m,
				})
			}
		}
	}
	return mergeBoxes(boxes)
}

// geodesicStrayDeg bounds how far (degrees) the geodesic between (x0 y0)
// and (x1 y1) strays from the straight edge in degrees: twice
// L²·tan(lat)/8R, as degrees of longitude (the larger), 0 for an edge
// densifyEdge leaves as it is. An unshared edge is densified along its
// geodesic before the overlays (geodesic.go), so its window must hold the
// geodesic, not only the edge's box: at 2023-09-04T20:45 in UA-23 an
// unshared edge of 5.8 km running east–west at 46.4379° N bulged 0.7 m
// north of its window, and the sliver between (0.0014 km² of a
// russia→ukraine region) was clipped away; the cells kept it Russian
// for 5 maps.
func geodesicStrayDeg(x0, y0, x1, y1 float64) float64 {
	const mPerDeg, earthM = 111320.0, 6371000.0
	lat := (y0 + y1) / 2 * math.Pi / 180
	cos := math.Cos(lat)
	dx, dy := (x1-x0)*cos*mPerDeg, (y1-y0)*mPerDeg
	l2 := dx*dx + dy*dy
	if l2 < minDenseM*minDenseM {
		return 0
	}
	strayM := 2 * l2 * math.Abs(math.Tan(lat)) / (8 * earthM)
	return strayM / (mPerDeg * cos)
}

// mergeBoxes merges boxes that intersect until none does.
func mergeBoxes(bs []box) []box {
	for {
		sort.Slice(bs, func(i, j int) bool { return bs[i].minX < bs[j].minX })
		var out []box
		merged := false
		for _, b := range bs {
			hit := false
			for j := range out {
				if out[j].intersects(b) {
					out[j], hit, merged = out[j].union(b), true, true
					break
				}
			}
			if !hit {
				out = append(out, b)
			}
		}
		bs = out
		if !merged {
			return bs
		}
	}
}

// overlayFunc is geom.Intersection or geom.Difference.
type overlayFunc func(a, b geom.Geometry) (geom.Geometry, error)

// overlay runs op on a and b. When the overlay fails (simplefeatures
// reports an internal error on a few near-degenerate inputs of the full
// archive) it is retried on both inputs snapped to a grid of 1e-9, then
// 1e-7 degrees (0.1 mm, 1 cm), which moves no boundary by more than the
// noise the cells already ignore; the retry is noted.
func (b *Builder) overlay(what string, op overlayFunc, x, y geom.Geometry) (geom.Geometry, error) {
	intersect := reflect.ValueOf(op).Pointer() == reflect.ValueOf(overlayFunc(geom.Intersection)).Pointer()
	if failOverlay != nil {
		op = failOverlay(what, op)
	}
	g, err := op(x, y)
	if err == nil {
		if err = checkOverlay(g, x, y, intersect); err == nil {
			return g, nil
		}
	}
	for _, dp := range []int{9, 7} {
		sx, sy := x.SnapToGrid(dp), y.SnapToGrid(dp)
		if g, err2 := op(sx, sy); err2 == nil && checkOverlay(g, sx, sy, intersect) == nil {
			b.note("%s: overlay failed (%v); done on a grid of 1e-%d degrees", what, err, dp)
			return g, nil
		}
	}
	return geom.Geometry{}, frontline.Errorf(frontline.EINTERNAL, "%s: %v", what, err)
}

// checkOverlay tells whether an overlay's result lies in the envelope of
// its first input (and of the second, for an intersection). On a few
// inputs of the full archive (a region of several polygons, one a sliver
// of about 1 m² along a cell's edge) the intersection came back as the
// whole cell, 2 km away from the region's ground; on the grid of 1e-9
// degrees it is right.
func checkOverlay(g, x, y geom.Geometry, intersect bool) error {
	const tol = 1e-9 // degrees
	within := func(a, b geom.Envelope) bool {
		alo, ahi, ok := a.MinMaxXYs()
		if !ok {
			return true
		}
		blo, bhi, ok := b.MinMaxXYs()
		return ok && alo.X >= blo.X-tol && alo.Y >= blo.Y-tol && ahi.X <= bhi.X+tol && ahi.Y <= bhi.Y+tol
	}
	if !within(g.Envelope(), x.Envelope()) || intersect && !within(g.Envelope(), y.Envelope()) {
		return errors.New("result outside its inputs' envelopes")
	}
	return nil
}

// failOverlay, set by tests, may replace an overlay by one that fails.
var failOverlay func(what string, op overlayFunc) overlayFunc

// MaxNotes bounds the notes of one Sync.
const MaxNotes = 1000

func (b *Builder) note(format string, args ...any) {
	b.notesMu.Lock()
	defer b.notesMu.Unlock()
	if len(b.Notes) < MaxNotes {
		b.Notes = append(b.Notes, fmt.Sprintf(format, args...))
	}
}

// clip returns the part of g inside w (g itself when it lies inside).
func (b *Builder) clip(what string, g geom.Geometry, w box) (geom.Geometry, bool, error) {
	gb, ok := envBox(g.Envelope())
	if !ok || !gb.intersects(w) {
		return geom.Geometry{}, false, nil
	}
	if gb.minX >= w.minX && gb.maxX <= w.maxX && gb.minY >= w.minY && gb.maxY <= w.maxY {
		return g, true, nil
	}
	if clipped, ok := clipPolygonal(polygonal(g), w.expand()); ok {
		g = clipped.AsGeometry()
	}
	x, err := b.overlay(what, geom.Intersection, g, w.polygon())
	if err != nil {
		return geom.Geometry{}, false, err
	}
	mp := polygonal(x)
	if mp.IsEmpty() {
		return geom.Geometry{}, false, nil
	}
	return mp.AsGeometry(), true, nil
}

// maxCellPoints bounds a cell's vertices: a larger cell is cut in two
// (by a meridian or a parallel through the middle of its box) until its
// parts are within the bound, so that splitting a cell costs an overlay of
// a few hundred vertices, not of a whole oblast's front.
const maxCellPoints = 512

// maxTileDepth stops cutting ground whose vertices crowd in a tiny box.
const maxTileDepth = 24

// tile cuts g into parts of at most maxCellPoints vertices each, and
// returns each part's geodesic area (areaKm2, g's, when g is not cut and
// areaKm2 is not NaN).
// g's edges follow the geodesic (geodesic.go) and a cut's own edges are
// short (densifyCut), so the parts add up to g to ~1e-9 relative.
func (b *Builder) tile(g geom.MultiPolygon, areaKm2 float64) ([]geom.MultiPolygon, []float64) {
	parts := b.cut(g, 0, nil)
	if len(parts) == 1 && !math.IsNaN(areaKm2) {
		return parts, []float64{areaKm2}
	}
	areas := make([]float64, len(parts))
	for i, p := range parts {
		areas[i] = geo.AreaKm2(p.AsGeometry())
	}
	return parts, areas
}

func (b *Builder) cut(g geom.MultiPolygon, depth int, out []geom.MultiPolygon) []geom.MultiPolygon {
	if depth >= maxTileDepth || numPoints(g) <= maxCellPoints {
		return append(out, g)
	}
	e, ok := envBox(g.Envelope())
	if !ok {
		return append(out, g)
	}
	const pad = 1e-3
	lo := box{e.minX - pad, e.minY - pad, e.maxX + pad, e.maxY + pad}
	hi := lo
	axis := 0
	if e.maxX-e.minX >= e.maxY-e.minY {
		mid := cutLine(g, 0, (e.minX+e.maxX)/2)
		lo.maxX, hi.minX = mid, mid
	} else {
		axis = 1
		mid := cutLine(g, 1, (e.minY+e.maxY)/2)
		lo.maxY, hi.minY = mid, mid
	}
	// geo.ClipRect cuts valid polygons along the line without an
	// overlay (an overlay per cut was two thirds of the cells of a
	// layer's first map when it is dense). No vertex lies on the line
	// (cutLine), so ClipRect does not move it, and both halves compute
	// each crossing from the same edge: they share their new edges
	// exactly. The overlays remain for what ClipRect declines.
	ps := polygons(g)
	pl, ok1 := geo.ClipRect(ps, lo.envelope())
	ph, ok2 := geo.ClipRect(ps, hi.envelope())
	if ok1 && ok2 && len(pl) > 0 && len(ph) > 0 && halvesAdd(g, pl, ph) {
		mid := lo.maxX
		if axis == 1 {
			mid = lo.maxY
		}
		out = b.cut(densifyCut(pl, axis, mid), depth+1, out)
		return b.cut(densifyCut(ph, axis, mid), depth+1, out)
	}
	x, err1 := geom.Intersection(g.AsGeometry(), lo.densePolygon())
	y, err2 := geom.Intersection(g.AsGeometry(), hi.densePolygon())
	if err1 != nil || err2 != nil {
		return append(out, g)
	}
	px, py := polygonal(x), polygonal(y)
	if px.IsEmpty() || py.IsEmpty() {
		return append(out, g)
	}
	out = b.cut(px, depth+1, out)
	return b.cut(py, depth+1, out)
}

// halvesAdd tells whether the two halves of a cut have g's planar area
// (ClipRect gave wrong parts for a few regions of the full archive where
// it was tried for clipping them: an overlay then redoes the cut).
func halvesAdd(g geom.MultiPolygon, lo, hi []geom.Polygon) bool {
	sum := 0.0
	for _, p := range lo {
		sum += p.Area()
	}
	for _, p := range hi {
		sum += p.Area()
	}
	a := g.Area()
	return math.Abs(sum-a) <= 1e-9*a
}

// cutLine returns c, or the next float above it on which no vertex of g
// lies (coordinate axis: 0 x, 1 y).
func cutLine(g geom.MultiPolygon, axis int, c float64) float64 {
	for moved := true; moved; {
		moved = false
		for i := 0; i < g.NumPolygons(); i++ {
			for _, r := range g.PolygonN(i).DumpRings() {
				seq := r.Coordinates()
				for k := 0; k < seq.Length(); k++ {
					p := seq.GetXY(k)
					v := p.X
					if axis == 1 {
						v = p.Y
					}
					if v == c {
						c, moved = math.Nextafter(c, math.Inf(1)), true
					}
				}
			}
		}
	}
	return c
}

func polygons(g geom.MultiPolygon) []geom.Polygon {
	ps := make([]geom.Polygon, g.NumPolygons())
	for i := range ps {
		ps[i] = g.PolygonN(i)
	}
	return ps
}

// densifyCut adds points every cutStep or less along the edges a cut made
// on the line coordinate[axis] = c (both ends on it), straight in degrees
// as the cut: a later split that crosses such an edge then puts its vertex
// on a short one (see cutStep). The points depend only on the edge's ends,
// so the two sides of a cut get the same.
func densifyCut(ps []geom.Polygon, axis int, c float64) geom.MultiPolygon {
	on := func(x, y float64) bool {
		if axis == 0 {
			return x == c
		}
		return y == c
	}
	var xy []float64
	for i, p := range ps {
		rings := p.DumpRings()
		changed := false
		for j, r := range rings {
			seq := r.Coordinates()
			n := seq.Length()
			xy = xy[:0]
			added := false
			for k := 0; k < n; k++ {
				a := seq.GetXY(k)
				xy = append(xy, a.X, a.Y)
				if k+1 == n {
					break
				}
				b := seq.GetXY(k + 1)
				if !on(a.X, a.Y) || !on(b.X, b.Y) {
					continue
				}
				m := int(math.Ceil(math.Max(math.Abs(b.X-a.X), math.Abs(b.Y-a.Y)) / cutStep))
				if m < 2 {
					continue
				}
				x0, y0, x1, y1 := a.X, a.Y, b.X, b.Y
				rev := x1 < x0 || x1 == x0 && y1 < y0
				if rev {
					x0, y0, x1, y1 = x1, y1, x0, y0
				}
				for s := 1; s < m; s++ {
					t := float64(s) / float64(m)
					if rev {
						t = float64(m-s) / float64(m)
					}
					xy = append(xy, x0+(x1-x0)*t, y0+(y1-y0)*t)
				}
				added = true
			}
			if added {
				rings[j] = geom.NewLineString(geom.NewSequence(append([]float64(nil), xy...), geom.DimXY))
				changed = true
			}
		}
		if changed {
			ps[i] = geom.NewPolygon(rings)
		}
	}
	return geom.NewMultiPolygon(ps)
}

func numPoints(g geom.MultiPolygon) int {
	n := 0
	for i := 0; i < g.NumPolygons(); i++ {
		p := g.PolygonN(i)
		for j := 0; j < p.NumRings(); j++ {
			if j == 0 {
				n += p.ExteriorRing().Coordinates().Length()
			} else {
				n += p.InteriorRingN(j - 1).Coordinates().Length()
			}
		}
	}
	return n
}
