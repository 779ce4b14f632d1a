package control

import (
	"testing"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline/boundaries"
)

// Every cell of the grid over an oblast's envelope that meets the oblast
// (simplefeatures' Intersects) is in its cover, so the features in the
// cover are all the features in the oblast; hardly any cell wholly
// outside is kept.
func TestCoverCoversOblast(t *testing.T) {
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	c := NewClipper(bounds)
	kept, all, meet := 0, 0, 0
	for _, ob := range bounds.Oblasts {
		cv := c.cover(ob)
		in := map[geom.Envelope]bool{}
		for _, cells := range cv.cells {
			for _, cell := range cells {
				in[cell] = true
			}
		}
		lo, hi, _ := oblastBox(ob).MinMaxXYs()
		for _, row := range cv.rows {
			if rlo, rhi, _ := row.MinMaxXYs(); rlo.X != lo.X || rhi.X != hi.X {
				t.Errorf("%s: row %v is not the envelope's width", ob.ISO, row)
			}
		}
		// The grid again, cell by cell.
		var xs, ys [coverCells + 1]float64
		for i := range coverCells {
			xs[i] = lo.X + (hi.X-lo.X)*float64(i)/coverCells
			ys[i] = lo.Y + (hi.Y-lo.Y)*float64(i)/coverCells
		}
		xs[coverCells], ys[coverCells] = hi.X, hi.Y
		for r := range coverCells {
			for k := range coverCells {
				cell := geom.NewEnvelope(geom.XY{X: xs[k], Y: ys[r]}, geom.XY{X: xs[k+1], Y: ys[r+1]})
				all++
				if in[cell] {
					kept++
				}
				meets := geom.Intersects(cell.AsGeometry(), ob.Geometry.AsGeometry())
				if meets {
					meet++
				}
				if meets && !in[cell] {
					t.Errorf("%s: cell %v meets the oblast and is not in its cover", ob.ISO, cell)
				}
			}
		}
	}
	t.Logf("%d of %d cells kept, %d meet their oblast", kept, all, meet)
	if kept > meet+meet/20 {
		t.Errorf("%d cells kept where %d meet their oblast: the covers are loose", kept, meet)
	}
}
