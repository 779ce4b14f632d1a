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

// resplit redoes the split of cell g by region r on grids of 1e-9, then
// 1e-7 degrees (as overlay does for a failed overlay) and returns the
// first whose parts add up to the cell; ok is false when none does.
func (b *Builder) resplit(what string, g, r geom.Geometry, gKm2 float64) (in, out geom.MultiPolygon, inKm2, outKm2 float64, ok bool) {
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
		inKm2, outKm2 = geo.AreaKm2(in.AsGeometry()), geo.AreaKm2(out.AsGeometry())
		if splitAdds(gKm2, inKm2, outKm2) {
			b.note("%s: the parts' areas did not add up to the cell's; split again on a grid of 1e-%d degrees", what, dp)
			return in, out, inKm2, outKm2, true
		}
	}
	return geom.MultiPolygon{}, geom.MultiPolygon{}, 0, 0, false
}
