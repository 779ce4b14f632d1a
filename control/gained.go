package control

import (
	"bytes"
	"context"
	"math"
	"sort"
	"sync"
	"time"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/geo"
)

// GainedVertices returns the vertices of the ground that went to status
// side between the maps of two days: those of ChangeGeoJSON's features
// going to side from another status, in its order (oblasts in the
// boundaries' order, each polygon's rings in turn, every ring closed), as
// a check measures how far an advance reaches. Only the overlays those
// features need are made (ChangeGeoJSON makes every transition's), two
// oblasts at a time; the polygons are the same.
func (s *Service) GainedVertices(ctx context.Context, layer string, side frontline.Status, from, to frontline.Day, asKnown time.Time) ([][2]float64, error) {
	sa, _, pa, pb, err := s.changePieces(ctx, layer, from, to, asKnown)
	if err != nil {
		return nil, err
	}
	// The advance is measured from the earlier map's front next: it is
	// built from the pieces read here while the overlays run, on what
	// they leave of the two cores (FrontDistanceFunc finds it held).
	go s.frontOfRead(sa.ID, pa)
	a, err := groupPieces(pa)
	if err != nil {
		return nil, err
	}
	b, err := groupPieces(pb)
	if err != nil {
		return nil, err
	}
	obs := s.Bounds.Oblasts
	results := make([][][2]float64, len(obs))
	errs := make([]error, len(obs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for _, i := range largestChangeFirst(obs, a, b) {
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(i int, oa, ob *oblastPieces) {
			defer func() { <-sem; wg.Done() }()
			results[i], errs[i] = gainedIn(ctx, side, oa, ob)
		}(i, a[obs[i].ISO], b[obs[i].ISO])
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out [][2]float64
	for i := range obs {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out = append(out, results[i]...)
	}
	return out, nil
}

// largestChangeFirst returns the indexes of obs, the oblasts whose pieces
// changed most first (by the bytes of the pieces that differ between the
// two maps, what their overlays node): two at a time, the largest ones
// run side by side and the small ones fill in after, instead of a large
// one starting last and running alone (the seed article's advance:
// Luhansk, Donetsk and Kharkiv take 19–22 ms of CPU each, the others
// 1–11). The results are placed by index, in the boundaries' order.
func largestChangeFirst(obs []boundaries.Oblast, a, b map[string]*oblastPieces) []int {
	size := make([]int, len(obs))
	order := make([]int, len(obs))
	for i, ob := range obs {
		order[i] = i
		pa, pb := a[ob.ISO], b[ob.ISO]
		for _, st := range frontline.Precedence {
			var wa, wb []byte
			if pa != nil {
				wa = pa.wkb[st]
			}
			if pb != nil {
				wb = pb.wkb[st]
			}
			if !bytes.Equal(wa, wb) {
				size[i] += len(wa) + len(wb)
			}
		}
	}
	sort.SliceStable(order, func(x, y int) bool { return size[order[x]] > size[order[y]] })
	return order
}

// gainedIn is GainedVertices in one oblast: the overlays of
// transitionsGeoJSON whose features go to side, in its order.
func gainedIn(ctx context.Context, side frontline.Status, pa, pb *oblastPieces) ([][2]float64, error) {
	if pa == nil {
		pa = &oblastPieces{}
	}
	if pb == nil {
		pb = &oblastPieces{}
	}
	same := true
	for _, st := range frontline.Precedence {
		if !bytes.Equal(pa.wkb[st], pb.wkb[st]) {
			same = false
		}
	}
	if same {
		return nil, nil
	}
	// Every overlay's result lies where the two maps' pieces differ:
	// the overlays are made of the pieces cut to that box.
	pa, pb = clipToChange(pa, pb)
	var out [][2]float64
	add := func(g geom.Geometry) {
		mp := Polygonal(g)
		if geo.AreaKm2(mp.AsGeometry()) <= minTransitionKm2 {
			return
		}
		for i := 0; i < mp.NumPolygons(); i++ {
			pg := mp.PolygonN(i)
			for r := 0; r < pg.NumRings(); r++ {
				ring := pg.ExteriorRing()
				if r > 0 {
					ring = pg.InteriorRingN(r - 1)
				}
				seq := ring.Coordinates()
				for k := 0; k < seq.Length(); k++ {
					xy := seq.GetXY(k)
					out = append(out, [2]float64{xy.X, xy.Y})
				}
			}
		}
	}
	// A status whose piece is the same on both maps gave no ground to
	// another: its overlays are empty, and are not made.
	unchanged := func(st frontline.Status) bool {
		return pa.wkb[st] != nil && bytes.Equal(pa.wkb[st], pb.wkb[st])
	}
	if side == frontline.StatusUkraine {
		// a → Ukraine: a's ground not under any status on the later map.
		changed := false
		for _, sa := range frontline.Precedence {
			if _, ok := pa.geom[sa]; ok && !unchanged(sa) {
				changed = true
			}
		}
		if !changed {
			return nil, nil
		}
		unionB, err := groundOf(pb.geom)
		if err != nil {
			return nil, err
		}
		for _, sa := range frontline.Precedence {
			ga, ok := pa.geom[sa]
			if !ok || unchanged(sa) {
				continue
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			x, err := geom.Difference(ga, unionB)
			if err != nil {
				return nil, err
			}
			add(x)
		}
		return out, nil
	}
	gb, ok := pb.geom[side]
	if !ok {
		return nil, nil
	}
	for _, sa := range frontline.Precedence {
		ga, ok := pa.geom[sa]
		if !ok || sa == side || unchanged(sa) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		x, err := geom.Intersection(ga, gb)
		if err != nil {
			return nil, err
		}
		add(x)
	}
	// Ukraine → side: side's ground not under any status on the earlier
	// map.
	if unchanged(side) {
		return out, nil
	}
	unionA, err := groundOf(pa.geom)
	if err != nil {
		return nil, err
	}
	x, err := geom.Difference(gb, unionA)
	if err != nil {
		return nil, err
	}
	add(x)
	return out, nil
}

// groundOf is the union of an oblast's statuses' pieces (unionOf), or the
// one piece when there is one: a valid polygon, its own union.
func groundOf(gs map[frontline.Status]geom.Geometry) (geom.Geometry, error) {
	if len(gs) == 1 {
		for _, g := range gs {
			return g, nil
		}
	}
	return unionOf(gs)
}

// changeMarginDeg widens the box clipToChange cuts the pieces to (about
// 1 km), so that the sides of the box lie away from every result.
const changeMarginDeg = 0.01

// clipToChange cuts an oblast's pieces on two maps to the box where they
// differ: the envelope of the edges that one map's piece of a status has
// and the other's has not, widened by changeMarginDeg. Outside it each
// status's ground is the same on both maps (the boundary of the ground
// where they differ is made of those edges), so every overlay gainedIn
// makes is empty there, and its result is that of the whole pieces; a
// small change in a large oblast overlays a few hundred vertices, not
// the pieces' thousands. The pieces whole when the box holds them all or
// a piece cannot be cut (geo.ClipRect declines).
func clipToChange(pa, pb *oblastPieces) (*oblastPieces, *oblastPieces) {
	type seg [4]float64
	key := func(e edge) seg {
		if e.x2 < e.x1 || (e.x2 == e.x1 && e.y2 < e.y1) {
			return seg{e.x2, e.y2, e.x1, e.y1}
		}
		return seg{e.x1, e.y1, e.x2, e.y2}
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, st := range frontline.Precedence {
		if bytes.Equal(pa.wkb[st], pb.wkb[st]) {
			continue
		}
		count := map[seg]int{}
		if g, ok := pa.geom[st]; ok {
			forEachEdge(Polygonal(g), func(e edge) { count[key(e)]++ })
		}
		if g, ok := pb.geom[st]; ok {
			forEachEdge(Polygonal(g), func(e edge) { count[key(e)]-- })
		}
		for k, n := range count {
			if n != 0 {
				minX, maxX = min(minX, k[0], k[2]), max(maxX, k[0], k[2])
				minY, maxY = min(minY, k[1], k[3]), max(maxY, k[1], k[3])
			}
		}
	}
	if minX > maxX {
		return pa, pb
	}
	// geo.ClipRect moves a side that a vertex lies on outwards, by an
	// amount that depends on the polygons cut: a side no vertex of either
	// map lies on is where every piece is cut, so that the cut edges of
	// two overlays' operands are the same line.
	x0, y0, x1, y1 := minX-changeMarginDeg, minY-changeMarginDeg, maxX+changeMarginDeg, maxY+changeMarginDeg
	for moved := true; moved; {
		moved = false
		for _, op := range [2]*oblastPieces{pa, pb} {
			for _, g := range op.geom {
				forEachEdge(Polygonal(g), func(e edge) {
					switch {
					case e.x1 == x0:
						x0, moved = math.Nextafter(x0, math.Inf(-1)), true
					case e.x1 == x1:
						x1, moved = math.Nextafter(x1, math.Inf(1)), true
					}
					switch {
					case e.y1 == y0:
						y0, moved = math.Nextafter(y0, math.Inf(-1)), true
					case e.y1 == y1:
						y1, moved = math.Nextafter(y1, math.Inf(1)), true
					}
				})
			}
		}
	}
	box := geom.NewEnvelope(geom.XY{X: x0, Y: y0}, geom.XY{X: x1, Y: y1})
	cut := func(op *oblastPieces) (*oblastPieces, bool) {
		out := &oblastPieces{wkb: op.wkb, geom: map[frontline.Status]geom.Geometry{}}
		for st, g := range op.geom {
			mp := Polygonal(g)
			if lo, hi, ok := mp.Envelope().MinMaxXYs(); ok && box.Contains(lo) && box.Contains(hi) {
				out.geom[st] = g
				continue
			}
			ps, ok := geo.ClipRect(mp.Dump(), box)
			if !ok {
				return nil, false
			}
			if len(ps) > 0 {
				out.geom[st] = geom.NewMultiPolygon(ps).AsGeometry()
			}
		}
		return out, true
	}
	ca, okA := cut(pa)
	cb, okB := cut(pb)
	if !okA || !okB {
		return pa, pb
	}
	return ca, cb
}
