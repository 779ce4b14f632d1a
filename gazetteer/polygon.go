package gazetteer

import (
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/peterstace/simplefeatures/geom"
)

// ringSet is a multipolygon flattened for point-in-polygon tests by ray
// casting (even-odd over all rings, holes included): the builder locates
// tens of thousands of points and needs no more than that.
type ringSet struct {
	minX, minY, maxX, maxY float64
	rings                  [][]float64 // x0, y0, x1, y1, …
}

func newRingSet(mp geom.MultiPolygon) *ringSet {
	env := mp.Envelope()
	lo, _ := env.Min().XY()
	hi, _ := env.Max().XY()
	rs := &ringSet{minX: lo.X, minY: lo.Y, maxX: hi.X, maxY: hi.Y}
	for i := 0; i < mp.NumPolygons(); i++ {
		p := mp.PolygonN(i)
		rings := []geom.LineString{p.ExteriorRing()}
		for j := 0; j < p.NumInteriorRings(); j++ {
			rings = append(rings, p.InteriorRingN(j))
		}
		for _, r := range rings {
			seq := r.Coordinates()
			flat := make([]float64, 0, 2*seq.Length())
			for k := 0; k < seq.Length(); k++ {
				xy := seq.GetXY(k)
				flat = append(flat, xy.X, xy.Y)
			}
			rs.rings = append(rs.rings, flat)
		}
	}
	return rs
}

func (rs *ringSet) contains(x, y float64) bool {
	if x < rs.minX || x > rs.maxX || y < rs.minY || y > rs.maxY {
		return false
	}
	in := false
	for _, r := range rs.rings {
		n := len(r) / 2
		for i, j := 0, n-1; i < n; j, i = i, i+1 {
			xi, yi, xj, yj := r[2*i], r[2*i+1], r[2*j], r[2*j+1]
			if (yi > y) != (yj > y) && x < (xj-xi)*(y-yi)/(yj-yi)+xi {
				in = !in
			}
		}
	}
	return in
}

// locator says which oblast of boundaries/ukraine.geojson a point lies in.
type locator struct {
	land    *ringSet
	oblasts []*ringSet // parallel to the package's oblasts table
}

func newLocator() (*locator, error) {
	set, err := boundaries.Load()
	if err != nil {
		return nil, err
	}
	l := &locator{land: newRingSet(set.Land), oblasts: make([]*ringSet, len(oblasts))}
	for i, o := range oblasts {
		bo, ok := set.Oblast(o.ISO)
		if !ok {
			continue
		}
		l.oblasts[i] = newRingSet(bo.Geometry)
	}
	return l, nil
}

// oblastOf returns the index into oblasts of the oblast containing p, or -1.
func (l *locator) oblastOf(p point) int {
	for i, rs := range l.oblasts {
		if rs != nil && rs.contains(p.lon, p.lat) {
			return i
		}
	}
	return -1
}

// inUkraine says whether p lies on Ukraine's land.
func (l *locator) inUkraine(p point) bool { return l.land.contains(p.lon, p.lat) }
