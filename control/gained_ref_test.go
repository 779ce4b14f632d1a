package control

import (
	"context"
	"time"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/geo"
)

// gainedInEvery is gainedIn as it was: every status's overlay made, the
// union of a single status made too. The reference it is tested against.
func gainedInEvery(side frontline.Status, pa, pb *oblastPieces) ([][2]float64, error) {
	if pa == nil {
		pa = &oblastPieces{}
	}
	if pb == nil {
		pb = &oblastPieces{}
	}
	var out [][2]float64
	add := func(g geom.Geometry) {
		mp := Polygonal(g)
		if geo.AreaKm2(mp.AsGeometry()) <= minTransitionKm2 {
			return
		}
		forEachEdge(mp, func(e edge) { out = append(out, [2]float64{e.x1, e.y1}) })
	}
	if side == frontline.StatusUkraine {
		unionB, err := unionOf(pb.geom)
		if err != nil {
			return nil, err
		}
		for _, sa := range frontline.Precedence {
			if ga, ok := pa.geom[sa]; ok {
				x, err := geom.Difference(ga, unionB)
				if err != nil {
					return nil, err
				}
				add(x)
			}
		}
		return out, nil
	}
	gb, ok := pb.geom[side]
	if !ok {
		return nil, nil
	}
	for _, sa := range frontline.Precedence {
		if ga, ok := pa.geom[sa]; ok && sa != side {
			x, err := geom.Intersection(ga, gb)
			if err != nil {
				return nil, err
			}
			add(x)
		}
	}
	unionA, err := unionOf(pa.geom)
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

// GainedEvery returns the vertices GainedVertices gives between the maps
// of two days and those of every overlay made (gainedInEvery; each ring's
// vertices without its closing one), oblast by oblast.
func GainedEvery(ctx context.Context, s *Service, layer string, side frontline.Status, from, to frontline.Day) (got, want [][2]float64, err error) {
	if got, err = s.GainedVertices(ctx, layer, side, from, to, time.Time{}); err != nil {
		return nil, nil, err
	}
	_, _, pa, pb, err := s.changePieces(ctx, layer, from, to, time.Time{})
	if err != nil {
		return nil, nil, err
	}
	a, err := groupPieces(pa)
	if err != nil {
		return nil, nil, err
	}
	b, err := groupPieces(pb)
	if err != nil {
		return nil, nil, err
	}
	for _, ob := range s.Bounds.Oblasts {
		v, err := gainedInEvery(side, a[ob.ISO], b[ob.ISO])
		if err != nil {
			return nil, nil, err
		}
		want = append(want, v...)
	}
	return got, want, nil
}
