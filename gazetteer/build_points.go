package gazetteer

import (
	"math"
)

func (b *builder) placePoints(useWOF bool) {
	// Accurate points first: GeoNames, then Who's On First, then postal
	// accuracy 4 or 3 unless far from the hromada's other places.
	for i := range b.settlements {
		s := &b.settlements[i]
		switch {
		case s.geo >= 0:
			s.pt, s.source = b.geo[s.geo].pt, "geonames"
		case useWOF && s.wof >= 0:
			s.pt, s.source = b.wof[s.wof].pt, srcWOF
		case s.postal >= 0 && !b.farFromHromada(i, b.postal[s.postal].pt, postalMaxKm):
			s.pt, s.source = b.postal[s.postal].pt, "postal"
		case s.postal >= 0:
			b.report.PostalRejectedFar++
		}
	}
	// Then the centroid of the hromada's accurate points. It beats the
	// postal file's estimated points where both can be checked against a
	// GeoNames point (see data/README.md), so an estimated point is used only
	// in a hromada with no accurate point; failing that, the centroid of the
	// hromada's estimated points. City districts take their city's point.
	accurate := b.hromadaCentroids(func(s *settlement) bool { return s.source != "" })
	for i := range b.settlements {
		s := &b.settlements[i]
		if s.source != "" || s.parent >= 0 {
			continue
		}
		if c, ok := accurate[s.hromada]; ok && s.hromada != "" {
			s.pt, s.source = c, "hromada"
			if s.approx >= 0 {
				b.report.PostalApproxSuperseded++
			}
		} else if s.approx >= 0 {
			s.pt, s.source = b.postal[s.approx].pt, "postal-approx"
		}
	}
	estimated := b.hromadaCentroids(func(s *settlement) bool { return s.source == "postal-approx" })
	for i := range b.settlements {
		s := &b.settlements[i]
		if s.source != "" {
			continue
		}
		if s.parent >= 0 {
			if p := &b.settlements[s.parent]; p.source != "" {
				s.pt, s.source = p.pt, "hromada"
			}
		} else if c, ok := estimated[s.hromada]; ok && s.hromada != "" {
			s.pt, s.source = c, "hromada"
		}
	}
	for i := range b.settlements {
		s := &b.settlements[i]
		if s.source == "" {
			s.pt = point{}
		}
		s.pt = point{round5(s.pt.lon), round5(s.pt.lat)}
	}
}

// hromadaCentroids returns, for each hromada with a settlement that use
// accepts, the mean point of those settlements.
func (b *builder) hromadaCentroids(use func(*settlement) bool) map[string]point {
	out := map[string]point{}
	for _, h := range b.hromadas {
		var c point
		n := 0
		for _, si := range b.members[h] {
			if s := &b.settlements[si]; use(s) {
				c.lon += s.pt.lon
				c.lat += s.pt.lat
				n++
			}
		}
		if n > 0 {
			out[h] = point{c.lon / float64(n), c.lat / float64(n)}
		}
	}
	return out
}

func round5(x float64) float64 { return math.Round(x*1e5) / 1e5 }
