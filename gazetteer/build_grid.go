package gazetteer

import (
	"cmp"
	"math"
	"slices"
)

// geoGrid finds the GeoNames places near a point, to tell which oblast a
// point lies in without polygons: GeoNames points are reliable and dense
// (every place of 500 people or more).
type geoGrid struct {
	cells map[[2]int][]int
	rows  []geoRow
}

const geoGridDeg = 0.5

func newGeoGrid(rows []geoRow) *geoGrid {
	g := &geoGrid{cells: map[[2]int][]int{}, rows: rows}
	for i, r := range rows {
		if r.oblast >= 0 {
			c := gridCell(r.pt)
			g.cells[c] = append(g.cells[c], i)
		}
	}
	return g
}

func gridCell(p point) [2]int {
	return [2]int{int(math.Floor(p.lat / geoGridDeg)), int(math.Floor(p.lon / geoGridDeg))}
}

// inOblast says whether p may lie in oblast oi: true unless the five nearest
// GeoNames places within 60 km all belong to other oblasts (Kyiv city and
// Kyiv oblast count as one, their places being intermixed). With fewer than
// five places within 60 km it cannot tell, and says true.
func (g *geoGrid) inOblast(p point, oi int) bool {
	type hit struct {
		d  float64
		oi int
	}
	var hits []hit
	c := gridCell(p)
	for dy := -1; dy <= 1; dy++ {
		for dx := -2; dx <= 2; dx++ {
			for _, ri := range g.cells[[2]int{c[0] + dy, c[1] + dx}] {
				if d := fastKm(p, g.rows[ri].pt); d <= 60 {
					hits = append(hits, hit{d, g.rows[ri].oblast})
				}
			}
		}
	}
	if len(hits) < 5 {
		return true
	}
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Compare(a.d, b.d) })
	for _, h := range hits[:5] {
		if sameRegion(h.oi, oi) {
			return true
		}
	}
	return false
}

func sameRegion(a, b int) bool {
	if a == b {
		return true
	}
	kyiv := func(i int) bool { return oblasts[i].ISO == "UA-30" || oblasts[i].ISO == "UA-32" }
	return kyiv(a) && kyiv(b)
}

// fastKm is an equirectangular approximation of distanceKm, good to a few
// per cent over tens of km.
func fastKm(a, b point) float64 {
	dx := (a.lon - b.lon) * math.Cos((a.lat+b.lat)/2*math.Pi/180) * 111.32
	dy := (a.lat - b.lat) * 110.57
	return math.Sqrt(dx*dx + dy*dy)
}

// distanceKm is the great-circle distance on a sphere of the Earth's mean
// radius: plenty for joining places tens of kilometres apart. It is kept
// rather than geo.DistanceM (the WGS84 geodesic): that moves a few joins
// across their thresholds, changing places.tsv, and doubles the build
// time.
func distanceKm(a, b point) float64 {
	const r = 6371.0088
	rad := math.Pi / 180
	dLat := (b.lat - a.lat) * rad
	dLon := (b.lon - a.lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.lat*rad)*math.Cos(b.lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
