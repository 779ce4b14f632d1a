package control

import (
	"bytes"
	"context"
	"encoding/json"
	"time"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/geo"
)

// ChangeGeoJSON returns the ground that changed status between the maps of
// two days as a GeoJSON FeatureCollection: one feature per transition and
// oblast, with properties from, to, oblast, iso and area_km2.
func (s *Service) ChangeGeoJSON(ctx context.Context, layer string, from, to frontline.Day, asKnown time.Time) ([]byte, error) {
	_, _, pa, pb, err := s.changePieces(ctx, layer, from, to, asKnown)
	if err != nil {
		return nil, err
	}
	return s.transitionsGeoJSON(ctx, pa, pb)
}

// transitionsGeoJSON draws the ground whose status differs between two
// sets of pieces (two days of a layer, or two layers on a day).
// It stops between oblasts when ctx ends.
func (s *Service) transitionsGeoJSON(ctx context.Context, pa, pb []frontline.Piece) ([]byte, error) {
	a, err := groupPieces(pa)
	if err != nil {
		return nil, err
	}
	b, err := groupPieces(pb)
	if err != nil {
		return nil, err
	}
	type feature struct {
		Type       string         `json:"type"`
		Properties map[string]any `json:"properties"`
		Geometry   geom.Geometry  `json:"geometry"`
	}
	fc := struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{Type: "FeatureCollection", Features: []feature{}}
	add := func(ob, iso string, f, t frontline.Status, g geom.Geometry) {
		mp := Polygonal(g)
		area := geo.AreaKm2(mp.AsGeometry())
		if area <= minTransitionKm2 {
			return
		}
		fc.Features = append(fc.Features, feature{Type: "Feature", Geometry: mp.AsGeometry(), Properties: map[string]any{
			"from": f, "to": t, "oblast": ob, "iso": iso, "area_km2": area,
		}})
	}
	for _, ob := range s.Bounds.Oblasts {
		pa, pb := a[ob.ISO], b[ob.ISO]
		if pa == nil {
			pa = &oblastPieces{}
		}
		if pb == nil {
			pb = &oblastPieces{}
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		same := true
		for _, st := range frontline.Precedence {
			if !bytes.Equal(pa.wkb[st], pb.wkb[st]) {
				same = false
			}
		}
		if same {
			continue
		}
		unionA, err := unionOf(pa.geom)
		if err != nil {
			return nil, err
		}
		unionB, err := unionOf(pb.geom)
		if err != nil {
			return nil, err
		}
		for _, sa := range frontline.Precedence {
			ga, ok := pa.geom[sa]
			if !ok {
				continue
			}
			for _, sb := range frontline.Precedence {
				gb, ok := pb.geom[sb]
				if !ok || sa == sb {
					continue
				}
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				x, err := geom.Intersection(ga, gb)
				if err != nil {
					return nil, err
				}
				add(ob.Name, ob.ISO, sa, sb, x)
			}
			x, err := geom.Difference(ga, unionB)
			if err != nil {
				return nil, err
			}
			add(ob.Name, ob.ISO, sa, frontline.StatusUkraine, x)
		}
		for _, sb := range frontline.Precedence {
			gb, ok := pb.geom[sb]
			if !ok {
				continue
			}
			x, err := geom.Difference(gb, unionA)
			if err != nil {
				return nil, err
			}
			add(ob.Name, ob.ISO, frontline.StatusUkraine, sb, x)
		}
	}
	return json.Marshal(fc)
}

func unionOf(gs map[frontline.Status]geom.Geometry) (geom.Geometry, error) {
	var list []geom.Geometry
	for _, st := range frontline.Precedence {
		if g, ok := gs[st]; ok {
			list = append(list, g)
		}
	}
	if len(list) == 0 {
		return geom.MultiPolygon{}.AsGeometry(), nil
	}
	return geom.UnionMany(list)
}
