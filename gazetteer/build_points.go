package gazetteer

import (
	"math"
	"slices"
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
	if useWOF {
		b.postalAreaPoints()
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

// srcPostalArea is the point source of a settlement placed at the mean of
// the settlements sharing its postal code.
const srcPostalArea = "postal-area"

// postalAreaMaxMembers: a postal code shared by more settlements than this
// covers a town's whole district, too wide to place a village.
const postalAreaMaxMembers = 15

// postalAreaPeers returns, for each settlement joined to a postal group,
// the other settlements sharing one of its postal codes (codes of at most
// postalAreaMaxMembers settlements) that have a point of their own.
func (b *builder) postalAreaPeers() map[int][]int {
	members := map[string][]int{}
	for gi := range b.postal {
		g := &b.postal[gi]
		if g.settlement < 0 {
			continue
		}
		for _, c := range g.codes {
			if !slices.Contains(members[c], g.settlement) {
				members[c] = append(members[c], g.settlement)
			}
		}
	}
	peers := map[int][]int{}
	for gi := range b.postal {
		g := &b.postal[gi]
		if g.settlement < 0 {
			continue
		}
		for _, c := range g.codes {
			if len(members[c]) > postalAreaMaxMembers {
				continue
			}
			for _, o := range members[c] {
				if o != g.settlement && !roughSource(b.settlements[o].source) && !slices.Contains(peers[g.settlement], o) {
					peers[g.settlement] = append(peers[g.settlement], o)
				}
			}
		}
	}
	return peers
}

// postalAreaPoints places a settlement without a point of its own at the
// mean of the settlements that share its postal code (a post office serves
// its neighbours: villages of one code lie a few km apart), unless that
// lies more than postalMaxKm from every other located place of its
// hromada. The report checks the rule on the villages that have a point of
// their own (leaving each out), against the hromada centroid it replaces.
func (b *builder) postalAreaPoints() {
	peers := b.postalAreaPeers()
	mean := func(si int) (point, bool) {
		var c point
		n := 0
		for _, o := range peers[si] {
			c.lon += b.settlements[o].pt.lon
			c.lat += b.settlements[o].pt.lat
			n++
		}
		return point{c.lon / float64(max(n, 1)), c.lat / float64(max(n, 1))}, n > 0
	}
	var dp, dh []float64
	for si := range b.settlements {
		s := &b.settlements[si]
		if roughSource(s.source) || s.kind != "village" || s.hromada == "" {
			continue
		}
		pa, ok := mean(si)
		var hc point
		n := 0
		for _, o := range b.members[s.hromada] {
			if os := &b.settlements[o]; o != si && !roughSource(os.source) {
				hc.lon += os.pt.lon
				hc.lat += os.pt.lat
				n++
			}
		}
		if !ok || n == 0 {
			continue
		}
		hc = point{hc.lon / float64(n), hc.lat / float64(n)}
		dp, dh = append(dp, distanceKm(pa, s.pt)), append(dh, distanceKm(hc, s.pt))
	}
	r := b.report
	r.PostalAreaCheckN = len(dp)
	if len(dp) > 0 {
		for i := range dp {
			if dp[i] <= 5 {
				r.PostalAreaWithin5Km++
			}
			if dh[i] <= 5 {
				r.PostalAreaHromadaWithin5Km++
			}
		}
		r.PostalAreaMedianKm = math.Round(median(dp)*10) / 10
		r.PostalAreaHromadaMedianKm = math.Round(median(dh)*10) / 10
	}
	var placed []int
	for si := range b.settlements {
		s := &b.settlements[si]
		if s.source != "" || s.parent >= 0 || s.kind == "city_district" {
			continue
		}
		if pa, ok := mean(si); ok && !b.farFromHromada(si, pa, postalMaxKm) {
			s.pt = pa
			placed = append(placed, si)
		}
	}
	// Set after all means are taken: a placed village is no peer.
	for _, si := range placed {
		b.settlements[si].source = srcPostalArea
	}
}

func round5(x float64) float64 { return math.Round(x*1e5) / 1e5 }
