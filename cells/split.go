package cells

import (
	"math"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline/geo"
)

// splitTolRel bounds how far the areas of a cell's two parts (inside a
// change region and outside it) may be from the cell's own area. An
// overlay's new vertices on long straight edges stray from the geodesic
// by a little (well under 1 % of a cell); on a few inputs of the full
// archive simplefeatures' intersection returned the whole cell for a cell
// that lies outside the region's polygons but inside their envelope (so
// checkOverlay passes), and the difference the whole cell too: the parts
// then add up to twice the cell, and the cell takes the region's status
// (0.1–0.5 km² cells east of Lyman, 2022-10-24: 1.7 km² of Russian-held
// ground turned Ukrainian in the cells and stayed so for 700 maps).
const splitTolRel = 0.01

// splitAdds tells whether the parts of a cell of gKm2 add up to it.
func splitAdds(gKm2, inKm2 float64, out geom.MultiPolygon) bool {
	outKm2 := geo.AreaKm2(out.AsGeometry())
	return math.Abs(inKm2+outKm2-gKm2) <= splitTolRel*gKm2+minCellKm2
}

// resplit redoes the split of cell g by region r on grids of 1e-9, then
// 1e-7 degrees (as overlay does for a failed overlay) and returns the
// first whose parts add up to the cell; ok is false when none does.
func (b *Builder) resplit(what string, g, r geom.Geometry, gKm2 float64) (in, out geom.MultiPolygon, inKm2 float64, ok bool) {
	for _, dp := range []int{9, 7} {
		sg, sr := g.SnapToGrid(dp), r.SnapToGrid(dp)
		x, err := geom.Intersection(sg, sr)
		if err != nil {
			continue
		}
		y, err := geom.Difference(sg, sr)
		if err != nil {
			continue
		}
		in, out = polygonal(x), polygonal(y)
		inKm2 = geo.AreaKm2(in.AsGeometry())
		if splitAdds(gKm2, inKm2, out) {
			b.note("%s: the parts' areas did not add up to the cell's; split again on a grid of 1e-%d degrees", what, dp)
			return in, out, inKm2, true
		}
	}
	return geom.MultiPolygon{}, geom.MultiPolygon{}, 0, false
}
