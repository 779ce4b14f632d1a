package control

import (
	"context"
	"math"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
)

// frontByUnion is the front as it was built before frontOfPieces: each
// status's pieces unioned nationally (JTS), the union's edges less the
// land border, then the slivers dropped. The reference frontOfPieces is
// tested against.
func (s *Service) frontByUnion(pieces []frontline.Piece) (*front, error) {
	seams := s.seamIndex()
	f := &front{}
	for _, st := range frontline.Precedence {
		var gs []geom.Geometry
		for _, pc := range pieces {
			if pc.Status != st || pc.WKB == nil {
				continue
			}
			g, err := geom.UnmarshalWKB(pc.WKB, geom.NoValidate{})
			if err != nil {
				return nil, err
			}
			gs = append(gs, g)
		}
		if len(gs) == 0 {
			continue
		}
		u, err := geom.UnionMany(gs)
		if err != nil {
			return nil, err
		}
		mp := Polygonal(u)
		f.grounds = append(f.grounds, statusGround{st, newLocator(mp)})
		forEachEdge(mp, func(e edge) {
			if !seams.on(e) {
				f.edges = append(f.edges, ownedEdge{e, st})
			}
		})
	}
	f.edges = s.dropSlivers(f)
	f.grid = newEdgeGrid(f.edges)
	return f, nil
}

// nearestByScan is front.nearest by a scan of every edge (as measure
// did before the grid).
func (f *front) nearestByScan(lon, lat, kx float64) (best int, bx, by float64) {
	best, bestD2 := -1, math.Inf(1)
	for i, o := range f.edges {
		px, py := nearestOnSegment(lon, lat, o.e, kx)
		dx, dy := (px-lon)*kx, py-lat
		if d2 := dx*dx + dy*dy; d2 < bestD2 {
			best, bestD2, bx, by = i, d2, px, py
		}
	}
	return best, bx, by
}

// FrontsCompared measures points against a snapshot's front built from
// its pieces (as the service does) and by the national union (as it did):
// the two answers for each point, and the two fronts' edge counts.
//
// It also counts the points whose nearest edge the grid found other than a
// scan of every edge (gridMisses).
func FrontsCompared(ctx context.Context, s *Service, snapshotID int64, pts [][2]float64) (got, want []FrontDistance, gotEdges, wantEdges, gridMisses int, err error) {
	pieces, err := s.Store.SnapshotPieces(ctx, snapshotID, true)
	if err != nil {
		return nil, nil, 0, 0, 0, err
	}
	fp, err := s.frontOfPieces(pieces)
	if err != nil {
		return nil, nil, 0, 0, 0, err
	}
	fu, err := s.frontByUnion(pieces)
	if err != nil {
		return nil, nil, 0, 0, 0, err
	}
	if len(fp.edges) == 0 || len(fu.edges) == 0 {
		return nil, nil, len(fp.edges), len(fu.edges), 0, nil
	}
	got, want = make([]FrontDistance, len(pts)), make([]FrontDistance, len(pts))
	for i, p := range pts {
		fp.measure(p[0], p[1], &got[i])
		fu.measure(p[0], p[1], &want[i])
		kx := math.Cos(p[1] * math.Pi / 180)
		g, gx, gy := fp.nearest(p[0], p[1], kx)
		l, lx, ly := fp.nearestByScan(p[0], p[1], kx)
		if g != l || gx != lx || gy != ly {
			gridMisses++
		}
	}
	return got, want, len(fp.edges), len(fu.edges), gridMisses, nil
}
