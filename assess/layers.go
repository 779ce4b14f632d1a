package assess

import (
	"context"
	"encoding/json"
	"math"
	"time"

	"github.com/frontline-osint/frontline"
)

// Layers is what FromLayers needs of the control layers; control.Service
// implements it.
type Layers interface {
	Change(ctx context.Context, layer string, from, to frontline.Day, asKnown time.Time) (*frontline.ChangeResult, error)
	ChangeGeoJSON(ctx context.Context, layer string, from, to frontline.Day, asKnown time.Time) ([]byte, error)
	FrontDistance(ctx context.Context, layer string, lon, lat float64, at frontline.Day, asKnown time.Time) (*frontline.FrontDistance, error)
	FrontDistanceFunc(ctx context.Context, layer string, at frontline.Day, asKnown time.Time) (func(lon, lat float64) float64, error)
}

// maxAdvanceVertices bounds the vertices of gained ground measured against
// the earlier front: evenly sampled beyond it.
const maxAdvanceVertices = 20000

// FromLayers measures against one layer as known at asKnown (zero: as
// known now), with places from places (nil: distances between places are
// unchecked).
func FromLayers(l Layers, layer string, asKnown time.Time, places frontline.PlaceService) Measures {
	m := Measures{
		Layer: layer,
		GainedKm2: func(ctx context.Context, side frontline.Side, from, to frontline.Day) (float64, error) {
			ch, err := l.Change(ctx, layer, from, to, asKnown)
			if err != nil {
				return 0, err
			}
			sum := 0.0
			for _, t := range ch.Transitions {
				if string(t.To) == string(side) && t.From != t.To {
					sum += t.AreaKm2
				}
			}
			return sum, nil
		},
		AdvanceKm: func(ctx context.Context, side frontline.Side, from, to frontline.Day) (float64, error) {
			return advanceKm(ctx, l, layer, side, from, to, asKnown)
		},
		FrontDistanceKm: func(ctx context.Context, lon, lat float64, at frontline.Day) (float64, error) {
			fd, err := l.FrontDistance(ctx, layer, lon, lat, at, asKnown)
			if err != nil {
				return 0, err
			}
			return fd.DistanceM / 1000, nil
		},
	}
	if places != nil {
		m.Place = places.FindPlace
	}
	return m
}

// advanceKm is how far the ground side gained between two maps reaches
// beyond the front of the first: the largest distance from that front of
// any vertex of the gained polygons.
func advanceKm(ctx context.Context, l Layers, layer string, side frontline.Side, from, to frontline.Day, asKnown time.Time) (float64, error) {
	var pts [][2]float64
	var err error
	if g, ok := l.(gainedVertices); ok {
		// The same vertices without the other transitions' overlays
		// and the GeoJSON between.
		pts, err = g.GainedVertices(ctx, layer, frontline.Status(side), from, to, asKnown)
	} else {
		pts, err = changeGeoJSONVertices(ctx, l, layer, side, from, to, asKnown)
	}
	if err != nil {
		return 0, err
	}
	return farthestBeyond(ctx, l, layer, from, asKnown, pts)
}

// gainedVertices is what control.Service has to give the vertices of the
// ground a side gained directly.
type gainedVertices interface {
	GainedVertices(ctx context.Context, layer string, side frontline.Status, from, to frontline.Day, asKnown time.Time) ([][2]float64, error)
}

// changeGeoJSONVertices reads the vertices of the ground side gained from
// the change's GeoJSON.
func changeGeoJSONVertices(ctx context.Context, l Layers, layer string, side frontline.Side, from, to frontline.Day, asKnown time.Time) ([][2]float64, error) {
	data, err := l.ChangeGeoJSON(ctx, layer, from, to, asKnown)
	if err != nil {
		return nil, err
	}
	var fc struct {
		Features []struct {
			Properties struct {
				From string `json:"from"`
				To   string `json:"to"`
			} `json:"properties"`
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		return nil, frontline.Errorf(frontline.EINTERNAL, "change GeoJSON: %v", err)
	}
	var pts [][2]float64
	for _, f := range fc.Features {
		if f.Properties.To != string(side) || f.Properties.From == f.Properties.To {
			continue
		}
		var polys [][][][2]float64
		switch f.Geometry.Type {
		case "Polygon":
			var p [][][2]float64
			if err := json.Unmarshal(f.Geometry.Coordinates, &p); err != nil {
				return nil, frontline.Errorf(frontline.EINTERNAL, "change GeoJSON: %v", err)
			}
			polys = append(polys, p)
		case "MultiPolygon":
			if err := json.Unmarshal(f.Geometry.Coordinates, &polys); err != nil {
				return nil, frontline.Errorf(frontline.EINTERNAL, "change GeoJSON: %v", err)
			}
		}
		for _, p := range polys {
			for _, ring := range p {
				pts = append(pts, ring...)
			}
		}
	}
	return pts, nil
}

// farthestBeyond is the largest distance in km of any of pts from the
// front of the map of day from (evenly sampled beyond maxAdvanceVertices).
func farthestBeyond(ctx context.Context, l Layers, layer string, from frontline.Day, asKnown time.Time, pts [][2]float64) (float64, error) {
	if len(pts) == 0 {
		return 0, nil
	}
	dist, err := l.FrontDistanceFunc(ctx, layer, from, asKnown)
	if err != nil {
		return 0, err
	}
	step := 1
	if len(pts) > maxAdvanceVertices {
		step = (len(pts) + maxAdvanceVertices - 1) / maxAdvanceVertices
	}
	best := 0.0
	for i := 0; i < len(pts); i += step {
		if d := dist(pts[i][0], pts[i][1]); !math.IsInf(d, 0) && d > best {
			best = d
		}
	}
	return best / 1000, nil
}
