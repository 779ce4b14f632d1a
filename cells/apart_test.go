package cells

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/geo"
)

// apartPolygon is a polygon of rings given in units of 0.01° from
// (37°, 48°).
func apartPolygon(rings ...[]float64) geom.Polygon {
	var ls []geom.LineString
	for _, r := range rings {
		xy := make([]float64, len(r))
		for i, v := range r {
			if i%2 == 0 {
				xy[i] = 37 + 0.01*v
			} else {
				xy[i] = 48 + 0.01*v
			}
		}
		ls = append(ls, geom.NewLineString(geom.NewSequence(xy, geom.DimXY)))
	}
	return geom.NewPolygon(ls)
}

func apartSquare(x0, y0, x1, y1 float64) []float64 {
	return []float64{x0, y0, x1, y0, x1, y1, x0, y1, x0, y0}
}

func apartMulti(ps ...geom.Polygon) geom.MultiPolygon { return geom.NewMultiPolygon(ps) }

// where decides only what an overlay would find: nothing in common, or
// the cell wholly inside the region, and only when the two boundaries keep
// clear of each other. Every case is checked against JTS's overlays too.
func TestApart(t *testing.T) {
	triangle := apartMulti(apartPolygon([]float64{0, 0, 1, 0, 0, 1, 0, 0}))
	holed := apartMulti(apartPolygon(apartSquare(0, 0, 1, 1), []float64{0.3, 0.3, 0.3, 0.7, 0.7, 0.7, 0.7, 0.3, 0.3, 0.3}))
	two := apartMulti(apartPolygon([]float64{0, 0, 1, 0, 0, 1, 0, 0}), apartPolygon(apartSquare(3, 3, 4, 4)))
	for _, tc := range []struct {
		name   string
		cell   geom.MultiPolygon
		region geom.MultiPolygon
		want   int
	}{
		{"a square over the triangle's box, clear of its long side", triangle, apartMulti(apartPolygon(apartSquare(0.8, 0.8, 2, 2))), cellApart},
		{"the square's corner 1.4e-7° (~1.5 cm) from the long side", triangle, apartMulti(apartPolygon(apartSquare(0.5+1e-5, 0.5+1e-5, 2, 2))), cellApart},
		{"the square's corner 1.4e-9° (~0.15 mm) from the long side", triangle, apartMulti(apartPolygon(apartSquare(0.5+1e-7, 0.5+1e-7, 2, 2))), cellUnknown},
		{"the square's corner on the long side", triangle, apartMulti(apartPolygon(apartSquare(0.5, 0.5, 2, 2))), cellUnknown},
		{"the square across the long side", triangle, apartMulti(apartPolygon(apartSquare(0.2, 0.2, 2, 2))), cellUnknown},
		{"a square sharing the triangle's bottom side", triangle, apartMulti(apartPolygon(apartSquare(0, -1, 1, 0))), cellApart},
		{"a square sharing part of the triangle's bottom side", triangle, apartMulti(apartPolygon(apartSquare(0.5, -1, 1, 0))), cellUnknown},
		{"a square touching the triangle's corner", triangle, apartMulti(apartPolygon(apartSquare(1, 0, 2, 1))), cellApart},
		{"a wedge from the triangle's corner into it", triangle, apartMulti(apartPolygon([]float64{1, 0, 0.6, 0.2, 0.6, 0.1, 1, 0})), cellUnknown},
		{"a square sharing two of the triangle's sides", triangle, apartMulti(apartPolygon(apartSquare(0, 0, 1, 1))), cellInside},
		{"the triangle itself", triangle, triangle, cellInside},
		{"the triangle itself, clockwise", triangle, apartMulti(apartPolygon([]float64{0, 0, 0, 1, 1, 0, 0, 0})), cellInside},
		{"the square sharing two sides, the triangle in its hole", triangle, apartMulti(apartPolygon(apartSquare(-1, -1, 2, 2), []float64{0, 0, 0, 1, 1, 0, 0, 0})), cellApart},
		{"a region in the cell's hole", holed, apartMulti(apartPolygon(apartSquare(0.4, 0.4, 0.6, 0.6))), cellApart},
		{"a region in the cell, no hole", triangle, apartMulti(apartPolygon(apartSquare(0.1, 0.1, 0.2, 0.2))), cellUnknown},
		{"the cell in a hole of the region", triangle, apartMulti(apartPolygon(apartSquare(-1, -1, 2, 2), apartSquare(-0.5, -0.5, 1.5, 1.5))), cellApart},
		{"the cell in the region", triangle, apartMulti(apartPolygon(apartSquare(-1, -1, 2, 2))), cellInside},
		{"the cell in the region, beside a second polygon of the region", triangle, apartMulti(apartPolygon(apartSquare(-1, -1, 2, 2)), apartPolygon(apartSquare(3, 3, 4, 4))), cellInside},
		{"the cell in the region, a hole of the region in the cell", triangle, apartMulti(apartPolygon(apartSquare(-1, -1, 2, 2), apartSquare(0.1, 0.1, 0.2, 0.2))), cellUnknown},
		{"the holed cell in the region, a hole of the region in the cell's hole", holed, apartMulti(apartPolygon(apartSquare(-1, -1, 2, 2), apartSquare(0.4, 0.4, 0.6, 0.6))), cellInside},
		{"a cell of two polygons, one in the region", two, apartMulti(apartPolygon(apartSquare(-1, -1, 2, 2))), cellUnknown},
		{"two squares, one across", triangle, apartMulti(apartPolygon(apartSquare(0.8, 0.8, 2, 2)), apartPolygon(apartSquare(-0.5, 0.2, 0.1, 0.3))), cellUnknown},
	} {
		cb, _ := envBox(tc.cell.Envelope())
		ix := newEdgeIndex(tc.region)
		if got := ix.where(tc.cell, cb); got != tc.want {
			t.Errorf("%s: where %d, want %d", tc.name, got, tc.want)
		}
		in, err := geom.Intersection(tc.cell.AsGeometry(), tc.region.AsGeometry())
		if err != nil {
			t.Fatal(err)
		}
		out, err := geom.Difference(tc.cell.AsGeometry(), tc.region.AsGeometry())
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case tc.want == cellApart && !polygonal(in).IsEmpty():
			t.Errorf("%s: apart, but the intersection is %s", tc.name, in.AsText())
		case tc.want == cellInside && !polygonal(out).IsEmpty():
			t.Errorf("%s: inside, but the difference is %s", tc.name, out.AsText())
		}
	}
}

// A cell apart from a region is left as it was without an overlay (the
// overlays are counted), one wholly inside takes the region's status
// whole without one, and one the region crosses is still split.
func TestApartCellsNotOverlaid(t *testing.T) {
	var mu sync.Mutex
	overlays := map[int64]int{}
	failOverlay = func(what string, op overlayFunc) overlayFunc {
		mu.Lock()
		defer mu.Unlock()
		for _, id := range []int64{1, 2, 3} {
			if strings.Contains(what, fmt.Sprintf("cell %d ∩", id)) {
				overlays[id]++
			}
		}
		return op
	}
	defer func() { failOverlay = nil }()
	mk := func(id int64, g geom.MultiPolygon) *cell {
		c := &cell{c: frontline.Cell{ID: id, Oblast: "UA-14", History: []frontline.CellStatus{{Seq: 0, Status: frontline.StatusRussia}}}}
		c.set(g, geo.AreaKm2(g.AsGeometry()))
		return c
	}
	apartCell := mk(1, apartMulti(apartPolygon([]float64{0, 0, 1, 0, 0, 1, 0, 0})))
	crossed := mk(2, apartMulti(apartPolygon([]float64{3, 0, 4, 0, 3, 1, 3, 0})))
	// In the region, its box's corner crossed by the region's edges at
	// (3.8, 0.8).
	inside := mk(3, apartMulti(apartPolygon([]float64{4.5, 0.5, 4.5, 1.5, 3.6, 1.5, 4.5, 0.5})))
	insideWKB := inside.g.AsBinary()
	rg := apartMulti(apartPolygon([]float64{0.8, 0.8, 3.8, 0.8, 3.8, -1, 5, -1, 5, 2, 0.8, 2, 0.8, 0.8}))
	r := region{from: frontline.StatusRussia, to: frontline.StatusUkraine, g: rg, env: rg.Envelope()}
	b := &Builder{Workers: 1}
	added, err := b.applyRegion(context.Background(), 1, "UA-14", []*cell{apartCell, crossed, inside}, r)
	if err != nil {
		t.Fatal(err)
	}
	if overlays[1] != 0 {
		t.Errorf("the cell apart from the region was overlaid %d times", overlays[1])
	}
	if overlays[2] == 0 || len(added) == 0 {
		t.Errorf("the crossed cell: %d overlays, %d cells added; want it split", overlays[2], len(added))
	}
	if overlays[3] != 0 {
		t.Errorf("the cell inside the region was overlaid %d times", overlays[3])
	}
	if h := inside.c.History; len(h) != 2 || h[1] != (frontline.CellStatus{Seq: 1, Status: frontline.StatusUkraine}) || !inside.dirty {
		t.Errorf("the cell inside the region: history %v, dirty %v; want ukraine from 1", h, inside.dirty)
	}
	if !bytes.Equal(inside.g.AsBinary(), insideWKB) {
		t.Errorf("the cell inside the region changed its geometry")
	}
	if len(apartCell.c.History) != 1 {
		t.Errorf("the cell apart from the region took a status: %v", apartCell.c.History)
	}
}
