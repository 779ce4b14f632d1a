package cells

import (
	"math"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline/geo"
)

// splitTolKm2 and splitTolRel bound how far the areas of a cell's two
// parts (inside a change region and outside it) may be from the cell's own
// area. An overlay's new vertices on long straight edges stray from the
// geodesic by a little: the regions of a step of ~100 km² are off the
// maps' areas by a few 0.001 km². On a few inputs of the full archive an
// overlay of a cell with a region gave a part with ground it should not
// have: at 2022-10-24T17:41 a 1.7 km² polygon east of Lyman, outside the
// russia→ukraine region but inside its envelope (so checkOverlay passes),
// came out Ukrainian and stayed so for ~700 maps, while the region's
// own area was right to 0.002 km² (cells/agree_step_test.go replays a
// step). Such a part makes the two parts add up to more (or less) than
// the cell; the bound is absolute as well as relative so that a polygon
// of a km² too many on a cell of hundreds of km² is caught.
const (
	splitTolKm2 = 0.02
	splitTolRel = 1e-4
)

// splitAdds tells whether the parts of a cell of gKm2 add up to it.
func splitAdds(gKm2, inKm2, outKm2 float64) bool {
	return math.Abs(inKm2+outKm2-gKm2) <= splitTolKm2+splitTolRel*gKm2
}

// inRegionTolDeg2 is how far (square degrees, ~0.1 m², plus a billionth
// of the cell) a cell's part inside a region may exceed the region's own
// ground in the cell's box (inRegion).
const inRegionTolDeg2 = 1e-11

// inRegion tells whether the part in of a cell of planar area gDeg2 (square
// degrees) can lie inside a region whose ground in the cell's box is rgDeg2:
// the part is within the region, so its planar area is at most the
// region's there. Planar areas, as the overlays work in degrees: the
// bound holds exactly, but for rounding, where geodesic areas would
// differ by the bulge of the box's long sides. snapDeg is the grid the
// part was computed on (0: none), whose rounding moves each vertex by up
// to half of it. At 2022-05-06T15:53 in UA-63 (the largest gap left by
// the union's fix) the intersection of a 4-vertex cell of 0.0053 km² with
// a russia→ukraine region of 0.0165 km² that only touches it along an
// edge returned the whole cell, and the difference nothing, so the parts
// added up to the cell: the region's ground in the cell's box is a sliver
// far smaller than the cell (testdata/split-2022-05-06-UA-63.wkt).
func inRegion(in geom.MultiPolygon, gDeg2, rgDeg2, snapDeg, perimDeg float64) bool {
	tol := inRegionTolDeg2 + 1e-9*gDeg2 + snapDeg*perimDeg
	return in.Area() <= rgDeg2+tol
}

// resplit redoes the split of cell g by region r at a local origin
// (atLocalOrigin), then on grids of 1e-9 and 1e-7 degrees (as overlay
// does for a failed overlay), and returns the first whose parts add up
// to the cell and whose part inside fits the region's ground in the
// cell's box (rgDeg2, inRegion); ok is false when none does.
func (b *Builder) resplit(what string, g, r geom.Geometry, gKm2, rgDeg2 float64) (in, out geom.MultiPolygon, inKm2, outKm2 float64, ok bool) {
	gDeg2 := g.Area()
	for _, dp := range []int{0, 9, 7} {
		sg, sr := g, r
		snapDeg := 0.0
		if dp > 0 {
			sg, sr, snapDeg = g.SnapToGrid(dp), r.SnapToGrid(dp), math.Pow(10, -float64(dp))
		}
		x, err := atLocalOrigin(geom.Intersection, sg, sr)
		if err != nil {
			continue
		}
		y, err := atLocalOrigin(geom.Difference, sg, sr)
		if err != nil {
			continue
		}
		in, out = polygonal(x), polygonal(y)
		inKm2, outKm2 = geo.AreaKm2(in.AsGeometry()), geo.AreaKm2(out.AsGeometry())
		if splitAdds(gKm2, inKm2, outKm2) && inRegion(in, gDeg2, rgDeg2, snapDeg, perimeterDeg(in)) {
			if dp == 0 {
				b.note("%s: the parts did not add up to the cell or the part inside was larger than the region's ground around it; split again at a local origin", what)
			} else {
				b.note("%s: the parts did not add up to the cell or the part inside was larger than the region's ground around it; split again on a grid of 1e-%d degrees", what, dp)
			}
			return in, out, inKm2, outKm2, true
		}
	}
	return geom.MultiPolygon{}, geom.MultiPolygon{}, 0, 0, false
}

// atLocalOrigin is op(x, y) done on x and y moved so that the centre of
// their envelopes (rounded to 0.01 degree) is the origin, and its result
// moved back. The overlays (simplefeatures' port of JTS's OverlayNG) lose
// a sliver's side in degrees: at 2023-09-09T21:32 in UA-09 the
// intersection of a Russian-held cell 3.5 km long and 0.25 m wide
// (0.000835 km²) with the russia→ukraine region whose edge it runs along
// returned the whole cell, and their difference nothing, though no point
// of the cell lies in the region (GEOS: 1e-11 km²; the same overlay at a
// local origin: nothing). Near the origin a coordinate's last bit is
// ~1e-18 degrees instead of ~7e-15, so the noding resolves the sliver's
// two sides. A vertex moved and moved back is the same to the bit (the
// offset is within a factor of two of the coordinates, so x − o is exact).
func atLocalOrigin(op overlayFunc, x, y geom.Geometry) (geom.Geometry, error) {
	e := x.Envelope().ExpandToIncludeEnvelope(y.Envelope())
	c, ok := e.Center().XY()
	if !ok {
		return op(x, y)
	}
	ox, oy := math.Round(c.X*100)/100, math.Round(c.Y*100)/100
	g, err := op(x.TransformXY(func(p geom.XY) geom.XY { return geom.XY{X: p.X - ox, Y: p.Y - oy} }),
		y.TransformXY(func(p geom.XY) geom.XY { return geom.XY{X: p.X - ox, Y: p.Y - oy} }))
	if err != nil {
		return g, err
	}
	return g.TransformXY(func(p geom.XY) geom.XY { return geom.XY{X: p.X + ox, Y: p.Y + oy} }), nil
}

// perimeterDeg is the length of g's rings in degrees.
func perimeterDeg(g geom.MultiPolygon) float64 {
	var l float64
	for i := 0; i < g.NumPolygons(); i++ {
		for _, r := range g.PolygonN(i).DumpRings() {
			seq := r.Coordinates()
			for k := 0; k+1 < seq.Length(); k++ {
				a, b := seq.GetXY(k), seq.GetXY(k+1)
				l += math.Hypot(b.X-a.X, b.Y-a.Y)
			}
		}
	}
	return l
}

// sideClearDeg is how far from every edge of a region (degrees, ~1 cm) a
// vertex must lie for the parity of the region's edges to tell its side.
// A cell's vertices often lie on the region's boundary (the cell and the
// region share the edges of one map's pieces), and a vertex there reads
// either way: at 2023-03-04T23:42 in UA-14 the first vertex of a 0.0245 km²
// unknown cell lay on a sliver of the unknown→ukraine region (a spike 46 m²
// in area along the cell's edge), read inside, and the split by the
// clipped region (rightly: nothing inside) was redone with the whole
// region, on which the overlay (JTS, and GEOS alike) put the whole cell
// inside. The cell stayed Ukrainian in the cells for 212 maps.
const sideClearDeg = 1e-7

// sideProbe returns the point of g whose side of the region of ix is read
// by suspectSplit: a vertex clear of ix's edges (clearVertex); else g's
// point on surface if clear of them; else g's first vertex. Cells whose
// every vertex lies on the region's boundary are common (a cell made by
// the same map's pieces): not reading them at all let a wrong split stand
// (2.02 km² of UA-09 in the demo's cells, 2022-09-19 → 2022-10-14).
func sideProbe(ix *edgeIndex, g geom.MultiPolygon) (x, y float64, ok bool) {
	if x, y, ok := clearVertex(ix, g); ok {
		return x, y, true
	}
	if p, ok := g.PointOnSurface().XY(); ok && !ix.nearEdge(p.X, p.Y, sideClearDeg) {
		return p.X, p.Y, true
	}
	return firstPoint(g)
}

// clearVertex returns a vertex of g farther than sideClearDeg from every
// edge of ix; ok is false when none is.
func clearVertex(ix *edgeIndex, g geom.MultiPolygon) (x, y float64, ok bool) {
	for i := 0; i < g.NumPolygons(); i++ {
		p := g.PolygonN(i)
		for _, r := range p.DumpRings() {
			seq := r.Coordinates()
			for k := 0; k+1 < seq.Length(); k++ {
				v := seq.GetXY(k)
				if !ix.nearEdge(v.X, v.Y, sideClearDeg) {
					return v.X, v.Y, true
				}
			}
		}
	}
	return 0, 0, false
}

// nearEdge tells whether an edge of ix passes within d (degrees) of the
// point (x, y).
func (ix *edgeIndex) nearEdge(x, y, d float64) bool {
	for _, c := range ix.chunks {
		if c.b.minX > x+d || c.b.maxX < x-d || c.b.minY > y+d || c.b.maxY < y-d {
			continue
		}
		xy := ix.rings[c.ring]
		for k := c.start; k < c.end; k++ {
			if segDist2(x, y, xy[2*k], xy[2*k+1], xy[2*k+2], xy[2*k+3]) <= d*d {
				return true
			}
		}
	}
	return false
}

// segDist2 is the squared distance from (x, y) to the segment (x0 y0)–(x1 y1).
func segDist2(x, y, x0, y0, x1, y1 float64) float64 {
	dx, dy := x1-x0, y1-y0
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, ((x-x0)*dx+(y-y0)*dy)/l))
	}
	ex, ey := x0+t*dx-x, y0+t*dy-y
	return ex*ex + ey*ey
}

// newGround returns the ground of region r not found in cells: r less the
// parts of it found in cells (inside, disjoint, insideKm2 in all), checked
// against the areas (checkRest). ok is false when the overlay failed
// (noted).
func (b *Builder) newGround(what string, r geom.MultiPolygon, inside []geom.Geometry, insideKm2 float64) (geom.MultiPolygon, bool) {
	if len(inside) == 0 {
		return r, true
	}
	u, err := geom.UnionMany(inside)
	if err == nil {
		var x geom.Geometry
		if x, err = b.overlay(what, geom.Difference, r.AsGeometry(), u); err == nil {
			return b.checkRest(what, r, inside, insideKm2, polygonal(x)), true
		}
	}
	b.note("%s: %v; not added", what, err)
	return geom.MultiPolygon{}, false
}

// restTolKm2 and restTolRel bound how far a region's new ground (the
// region minus the parts of it found in cells) may be from the region's
// area minus those parts' areas before checkRest redoes it.
const (
	restTolKm2 = 1e-5
	restTolRel = 1e-7
)

// checkRest checks a region's new ground against the areas: the region r
// less the parts found in cells (inside, disjoint, insideKm2 in all) must
// hold r's area less insideKm2. The union of the parts has dropped one
// whole (2024-07-03T22:45, UA-14: a 0.0234 km² part of a cell split off
// into the unknown, then made a cell again as new ground: two cells on
// the same ground, kept for 51 maps); the ground is then taken as r less
// each part in turn, when that comes closer to the areas.
func (b *Builder) checkRest(what string, r geom.MultiPolygon, inside []geom.Geometry, insideKm2 float64, rest geom.MultiPolygon) geom.MultiPolygon {
	rKm2 := geo.AreaKm2(r.AsGeometry())
	want := math.Max(0, rKm2-insideKm2)
	got := geo.AreaKm2(rest.AsGeometry())
	tol := restTolKm2 + restTolRel*rKm2
	if math.Abs(got-want) <= tol {
		return rest
	}
	x := r.AsGeometry()
	for _, g := range inside {
		if !g.Envelope().Intersects(x.Envelope()) {
			continue
		}
		y, err := b.overlay(what, geom.Difference, x, g)
		if err != nil {
			b.note("%s: the new ground is %.6f km² where the areas say %.6f; taken part by part: %v; kept", what, got, want, err)
			return rest
		}
		x = polygonal(y).AsGeometry()
	}
	again := polygonal(x)
	gotAgain := geo.AreaKm2(again.AsGeometry())
	if math.Abs(gotAgain-want) < math.Abs(got-want) {
		b.note("%s: the new ground was %.6f km² where the areas say %.6f; taken part by part: %.6f", what, got, want, gotAgain)
		return again
	}
	b.note("%s: the new ground is %.6f km² where the areas say %.6f (part by part %.6f); kept", what, got, want, gotAgain)
	return rest
}

// insideTolKm2 is how far the parts of cells found inside a region of
// rKm2 may add up to more than the region before each split is checked
// (applyRegion): the overlays' noise is ~1e-5 km² on regions of a few
// km² (2.191342 km² against parts of 2.191362 in UA-09 at 2023-09-09).
func insideTolKm2(rKm2 float64) float64 {
	return restTolKm2 + 1e-5*rKm2
}

// recheckSplit checks the split sp of cell c (geometry g, box cb) by
// region r against the region: the part inside less the region's ground
// around the cell must be nothing. Where it holds more than restTolKm2,
// the split is redone at a local origin, then on the grids (resplit),
// and taken when its part inside holds less ground outside the region;
// ok tells whether sp was replaced. At 2023-09-09T21:32 in UA-09 the
// parts found inside a russia→ukraine region of 0.154697 km² added up to
// 0.155540: one split put 0.00084 km² outside the region inside, within
// the bound of inRegion (the region's ground in the cell's box), and the
// cells had that ground Ukrainian for 700 maps while the maps had it
// Russian. It was a sliver cell (testdata/split-2023-09-09-UA-09-sliver.wkt)
// whose part inside less the region also came out empty in degrees: the
// difference is taken at a local origin (atLocalOrigin).
func (b *Builder) recheckSplit(what, oblast string, c *cell, g geom.MultiPolygon, cb box, r region, sp splitResult) (splitResult, bool) {
	rg, clipped := clipPolygonal(r.g, cb.expand())
	// The part inside less the region, at a local origin: in degrees
	// the same overlay can lose the sliver the split lost.
	outside := func(in geom.MultiPolygon) (float64, bool) {
		x, err := atLocalOrigin(geom.Difference, in.AsGeometry(), rg.AsGeometry())
		if err != nil {
			return 0, false
		}
		return geo.AreaKm2(x), true
	}
	ex, ok := outside(sp.in)
	if !ok || ex <= restTolKm2 {
		return sp, false
	}
	rgDeg2 := r.planarArea()
	if clipped {
		rgDeg2 = rg.Area()
	}
	in, out, inKm2, outKm2, ok := b.resplit(what, g.AsGeometry(), r.g.AsGeometry(), c.c.AreaKm2, rgDeg2)
	if !ok {
		b.note("%s: %.6f km² of the part inside lies outside the region; not split again on any grid; kept", what, ex)
		return sp, false
	}
	ex2, ok := outside(in)
	if !ok || ex2 >= ex {
		b.note("%s: %.6f km² of the part inside lies outside the region (%.6f split again); kept", what, ex, ex2)
		return sp, false
	}
	b.note("%s: %.6f km² of the part inside lay outside the region; split again: %.6f", what, ex, ex2)
	if inKm2 <= minCellKm2 {
		return splitResult{}, true
	}
	return b.splitParts(oblast, in, out, inKm2, outKm2), true
}
