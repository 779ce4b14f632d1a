package claims

import (
	"math"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/geo"
)

// placeLister is a place service that can list every place (the gazetteer).
type placeLister interface{ AllPlaces() []frontline.Place }

// gridDeg is the size of a grid cell in degrees (about 11 km of latitude).
const gridDeg = 0.1

// grid finds the settlement nearest to a point: settlements with a point,
// bucketed by cells of gridDeg.
type grid struct {
	cells map[[2]int32][]*frontline.Place
}

// grid returns the settlement grid, built on first use from Places when it
// can list its places; nil otherwise.
func (s *Service) grid() *grid {
	s.gridOnce.Do(func() {
		pl, ok := s.Places.(placeLister)
		if !ok {
			return
		}
		g := &grid{cells: map[[2]int32][]*frontline.Place{}}
		all := pl.AllPlaces()
		for i := range all {
			p := &all[i]
			if !isSettlement(p.Kind) || (p.Lon == 0 && p.Lat == 0) {
				continue
			}
			k := cell(p.Lon, p.Lat)
			g.cells[k] = append(g.cells[k], p)
		}
		s.places = g
	})
	return s.places
}

func isSettlement(kind string) bool {
	switch kind {
	case "city", "town", "village":
		return true
	}
	return false
}

func cell(lon, lat float64) [2]int32 {
	return [2]int32{int32(math.Floor(lon / gridDeg)), int32(math.Floor(lat / gridDeg))}
}

// nearest returns the settlement nearest to lon, lat within maxKm (ties
// by ID), and its distance; nil if none.
func (g *grid) nearest(lon, lat, maxKm float64) (*frontline.Place, float64) {
	if math.IsNaN(lon) || math.IsNaN(lat) || math.Abs(lat) > 89 {
		return nil, 0
	}
	// Cells to search: maxKm in degrees of latitude, and of longitude at
	// this latitude.
	rLat := int32(math.Ceil(maxKm/111/gridDeg)) + 1
	rLon := int32(math.Ceil(maxKm/(111*math.Cos(lat*math.Pi/180))/gridDeg)) + 1
	c := cell(lon, lat)
	var best *frontline.Place
	bestKm := maxKm
	for dx := -rLon; dx <= rLon; dx++ {
		for dy := -rLat; dy <= rLat; dy++ {
			for _, p := range g.cells[[2]int32{c[0] + dx, c[1] + dy}] {
				d := distanceKm(lon, lat, p.Lon, p.Lat)
				if d < bestKm || (d == bestKm && best != nil && p.ID < best.ID) {
					best, bestKm = p, d
				}
			}
		}
	}
	return best, bestKm
}

func distanceKm(lon1, lat1, lon2, lat2 float64) float64 {
	return geo.DistanceM(lon1, lat1, lon2, lat2) / 1000
}
