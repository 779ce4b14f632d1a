package control

import (
	"context"
	"math"
	"slices"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
)

// frontAsFirstWritten is frontOfPieces as it was first written: every
// boundary segment of a cell measured with distToSeg, and every edge's
// left side looked at before its right. The reference the faster one is
// held to, edge for edge.
func (s *Service) frontAsFirstWritten(pieces []frontline.Piece) (*front, error) {
	land, borders := s.seamIndex(), s.borderIndex()
	on := func(ix *seams, e edge) bool {
		mx, my := (e.x1+e.x2)/2, (e.y1+e.y2)/2
		c := [2]int32{int32(math.Floor(mx / ix.cell)), int32(math.Floor(my / ix.cell))}
		for _, b := range ix.grid[c] {
			if distToSeg(e.x1, e.y1, b) < 1e-7 && distToSeg(e.x2, e.y2, b) < 1e-7 {
				return true
			}
		}
		return false
	}
	f := &front{}
	for _, st := range frontline.Precedence {
		var polys []geom.Polygon
		for _, pc := range pieces {
			if pc.Status != st || pc.WKB == nil {
				continue
			}
			g, err := geom.UnmarshalWKB(pc.WKB, geom.NoValidate{})
			if err != nil {
				return nil, err
			}
			polys = append(polys, Polygonal(g).Dump()...)
		}
		if len(polys) == 0 {
			continue
		}
		mp := geom.NewMultiPolygon(polys)
		loc := newLocator(mp)
		f.grounds = append(f.grounds, statusGround{st, loc})
		forEachEdge(mp, func(e edge) {
			if on(land, e) || (on(borders, e) && coveredAcross(loc, e)) {
				return
			}
			f.edges = append(f.edges, ownedEdge{e, st})
		})
	}
	ground := s.landLocator()
	kept := f.edges[:0]
	for _, o := range f.edges {
		mx, my := (o.e.x1+o.e.x2)/2, (o.e.y1+o.e.y2)/2
		kx := math.Cos(my * math.Pi / 180)
		dx, dy := (o.e.x2-o.e.x1)*kx, o.e.y2-o.e.y1
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		const mPerDeg = 111_320.0
		nx, ny := -dy/l/kx*sliverProbeM/mPerDeg, dx/l*sliverProbeM/mPerDeg
		for _, sign := range [2]float64{1, -1} {
			if st, ok := firstLandAcross(ground, f.grounds, mx, my, sign*nx, sign*ny); ok && st != o.st {
				kept = append(kept, o)
				break
			}
		}
	}
	f.edges = kept
	return f, nil
}

// FrontEdgesAsFirstWritten returns how many edges the front of a
// snapshot has, and whether they are those of frontAsFirstWritten, in the
// same order, to the bit.
func FrontEdgesAsFirstWritten(ctx context.Context, s *Service, snapshotID int64) (int, bool, error) {
	pieces, err := s.Store.SnapshotPieces(ctx, snapshotID, true)
	if err != nil {
		return 0, false, err
	}
	got, err := s.frontOfPieces(pieces)
	if err != nil {
		return 0, false, err
	}
	want, err := s.frontAsFirstWritten(pieces)
	if err != nil {
		return 0, false, err
	}
	return len(got.edges), slices.Equal(got.edges, want.edges), nil
}

// SeamsAsFirstWritten reports whether the land border's and the oblasts'
// borders' indexes hold, cell for cell, the edges (in order) that
// appending each edge to each of its cells in turn gives, and how many
// cells they have.
func SeamsAsFirstWritten(s *Service) (int, bool) {
	appended := func(each func(func(edge))) map[[2]int32][]edge {
		ix := &seams{cell: 0.05, grid: map[[2]int32][]edge{}}
		each(func(e edge) {
			for _, c := range ix.cells(e) {
				ix.grid[c] = append(ix.grid[c], e)
			}
		})
		return ix.grid
	}
	land := appended(func(f func(edge)) { forEachEdge(s.Bounds.Land, f) })
	borders := appended(func(f func(edge)) {
		for _, ob := range s.Bounds.Oblasts {
			forEachEdge(ob.Geometry, f)
		}
	})
	same := func(a, b map[[2]int32][]edge) bool {
		if len(a) != len(b) {
			return false
		}
		for c, es := range a {
			if !slices.Equal(es, b[c]) {
				return false
			}
		}
		return true
	}
	return len(land) + len(borders), same(s.seamIndex().grid, land) && same(s.borderIndex().grid, borders)
}
