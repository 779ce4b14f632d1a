package gazetteer

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

func (b *builder) indexSettlements() {
	b.byKey = map[string][]int{}
	b.byKeyAnywhere = map[string][]int{}
	b.byLatin = map[string][]int{}
	b.members = map[string][]int{}
	for i := range b.settlements {
		s := &b.settlements[i]
		if s.kind == "city_district" {
			continue
		}
		prefix := strconv.Itoa(s.oblast) + "\x00"
		keys := []string{s.key}
		for _, former := range formerNames[s.code] {
			keys = append(keys, joinKey(former))
		}
		for _, k := range keys {
			b.byKey[prefix+k] = append(b.byKey[prefix+k], i)
			b.byKeyAnywhere[k] = append(b.byKeyAnywhere[k], i)
		}
		lk := prefix + latinSkeleton(latinForMatch(s.nameUK))
		b.byLatin[lk] = append(b.byLatin[lk], i)
		if s.hromada != "" {
			if _, ok := b.members[s.hromada]; !ok {
				b.hromadas = append(b.hromadas, s.hromada)
			}
			b.members[s.hromada] = append(b.members[s.hromada], i)
		}
	}
	// The codifier lists each hromada's administrative centre first. A
	// raion's centre is the hromada centre whose name the raion is named
	// after ("Ізюмський" → Ізюм).
	bestForRaion := map[string]int{}
	bestPrefix := map[string]int{}
	for _, h := range b.hromadas {
		c := b.members[h][0]
		s := &b.settlements[c]
		s.centre = 1
		if s.raion == "" {
			continue
		}
		rs, ss := adjectiveStem(latinForMatch(b.raionName[s.raion])), adjectiveStem(latinForMatch(s.nameUK))
		if !stemsMatch(rs, ss) {
			continue
		}
		p := commonPrefix(rs, ss)
		if p > bestPrefix[s.raion] || (p == bestPrefix[s.raion] && kindRank(s.kind) > kindRank(b.settlements[bestForRaion[s.raion]].kind)) {
			bestPrefix[s.raion] = p
			bestForRaion[s.raion] = c
		}
	}
	for _, c := range bestForRaion {
		b.settlements[c].centre = 2
	}
	b.hromadaStems = map[string][]string{}
	for _, h := range b.hromadas {
		stems := []string{adjectiveStem(latinForMatch(b.hromadaName[h]))}
		for _, m := range b.members[h] {
			stems = append(stems, adjectiveStem(latinForMatch(b.settlements[m].nameUK)))
		}
		b.hromadaStems[h] = stems
	}
}

func kindRank(kind string) int {
	switch kind {
	case "city":
		return 3
	case "town":
		return 2
	case "village":
		return 1
	}
	return 0
}

func (b *builder) joinPostalUnique() {
	for _, k := range b.postalKeys {
		groups := b.postalByKey[k]
		cands := b.byKey[k]
		switch {
		case len(cands) == 0:
			for _, gi := range groups {
				b.report.PostalUnmatched++
				b.report.PostalUnmatchedRows += b.postal[gi].rows
				if len(b.report.PostalUnmatchedSample) < 20 {
					b.report.PostalUnmatchedSample = append(b.report.PostalUnmatchedSample,
						b.postal[gi].name+" ("+oblasts[b.postal[gi].oblast].ISO+")")
				}
			}
		case len(cands) == 1:
			// Accurate points of all the groups must agree, else which group
			// is this settlement is a question for the scored pass.
			agree := true
			var ref *point
			for _, gi := range groups {
				g := &b.postal[gi]
				if g.spread && !g.bad {
					agree = false
				}
				if g.exact && !g.bad {
					if ref == nil {
						ref = &g.pt
					} else if distanceKm(*ref, g.pt) > 15 {
						agree = false
					}
				}
			}
			if !agree {
				for _, gi := range groups {
					b.postal[gi].deferred = true
				}
				continue
			}
			for _, gi := range groups {
				b.assignPostal(gi, cands[0], 1e9)
			}
		default:
			for _, gi := range groups {
				b.postal[gi].deferred = true
			}
		}
	}
}

// assignPostal joins group gi to settlement si; of several groups, the best
// scored (then the accurate one, then the one with more rows) gives the point.
func (b *builder) assignPostal(gi, si int, score float64) {
	g := &b.postal[gi]
	s := &b.settlements[si]
	g.settlement = si
	b.report.PostalMatched++
	if g.bad {
		return
	}
	slot := &s.approx
	if g.exact {
		slot = &s.postal
	}
	if *slot < 0 || score > s.postalScore || (score == s.postalScore && g.rows > b.postal[*slot].rows) {
		*slot = gi
		s.postalScore = score
	}
}

// candidates returns the unjoined settlements of the row's oblast named by
// its Ukrainian-looking alternates (tier 1) or, if none, its plain Cyrillic
// ones (tier 2), and whether any settlement (joined or not) had the name.
func (b *builder) candidates(r *geoRow) (free []int, any int) {
	if r.oblast < 0 {
		return nil, 0
	}
	prefix := strconv.Itoa(r.oblast) + "\x00"
	for tier := 1; tier <= 2; tier++ {
		var all []int
		for _, k := range r.keys {
			if k.tier == tier {
				for _, si := range b.byKey[prefix+k.key] {
					if !slices.Contains(all, si) {
						all = append(all, si)
					}
				}
			}
		}
		if len(all) == 0 {
			continue
		}
		for _, si := range all {
			if b.settlements[si].geo < 0 {
				free = append(free, si)
			}
		}
		return free, len(all)
	}
	// No Cyrillic alternate matched: try the Latin names against the
	// settlements' national transliteration ("Novoazovs'k", "Kadiyivka").
	var all []int
	for _, k := range r.latin {
		for _, si := range b.byLatin[prefix+k] {
			if !slices.Contains(all, si) {
				all = append(all, si)
			}
		}
	}
	for _, si := range all {
		if b.settlements[si].geo < 0 {
			free = append(free, si)
		}
	}
	if len(all) > 0 {
		r.viaLatin = true
	}
	return free, len(all)
}

// geoOrder is the order rows are joined in: most populous first, so that a
// settlement named by two rows takes the larger place's.
func (b *builder) geoOrder() []int {
	order := make([]int, len(b.geo))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(b.geo[y].pop, b.geo[x].pop) })
	return order
}

func (b *builder) joinGeo(ri, si int) {
	if b.geo[ri].viaLatin {
		b.report.GeoNamesViaLatin++
	}
	b.geo[ri].joined = si
	b.geo[ri].decided = true
	b.settlements[si].geo = ri
	b.report.GeoNamesJoined++
}

// farFromHromada says whether p lies more than maxKm from every other
// accurately located settlement (GeoNames, postal accuracy 4 or 3) of si's
// hromada, when at least two are located: a point that cannot be si's. The
// postal file has accurate-looking points geocoded onto a namesake hundreds
// of km away, and GeoNames alternates include historic names that are
// villages elsewhere today. The nearest neighbour, not the hromada's
// middle, is the test: merged hromadas are up to ~60 km across.
func (b *builder) farFromHromada(si int, p point, maxKm float64) bool {
	s := &b.settlements[si]
	if s.hromada == "" {
		return false
	}
	n := 0
	for _, m := range b.members[s.hromada] {
		if m == si {
			continue
		}
		var q point
		switch ms := &b.settlements[m]; {
		case ms.geo >= 0:
			q = b.geo[ms.geo].pt
		case ms.postal >= 0:
			q = b.postal[ms.postal].pt
		default:
			continue
		}
		if distanceKm(p, q) <= maxKm {
			return false
		}
		n++
	}
	return n >= 2
}

// Distances beyond which a point is not taken for a settlement: from the
// other places of its hromada (hromadas are up to ~60 km across).
const (
	geoMaxKm    = 40
	postalMaxKm = 30
)

// knownPoint is the best position known for a settlement before points are
// final: its GeoNames point, its accurate postal point, or its hromada's
// anchor.
func (b *builder) knownPoint(si int) (point, bool) {
	s := &b.settlements[si]
	if s.geo >= 0 {
		return b.geo[s.geo].pt, true
	}
	if s.postal >= 0 {
		return b.postal[s.postal].pt, true
	}
	if p, ok := b.anchors[s.hromada]; ok && s.hromada != "" {
		return p, true
	}
	return point{}, false
}

func (b *builder) joinGeoNames(ambiguous bool) {
	for _, ri := range b.geoOrder() {
		r := &b.geo[ri]
		if r.decided {
			continue
		}
		free, all := b.candidates(r)
		if all == 0 {
			r.nameless = true
			continue
		}
		if len(free) == 0 {
			r.decided = true
			b.report.GeoNamesDuplicate++
			continue
		}
		if !ambiguous {
			if all == 1 {
				if b.farFromHromada(free[0], r.pt, geoMaxKm) {
					r.decided = true
					b.report.GeoNamesRejectedFar++
					continue
				}
				b.joinGeo(ri, free[0])
				b.report.GeoNamesUnique++
			}
			continue
		}
		if si, ok := b.pickGeoCandidate(r, free); ok {
			b.joinGeo(ri, si)
			b.report.GeoNamesResolved++
		} else {
			r.decided = true
			b.report.GeoNamesAmbiguous++
		}
	}
}

// pickGeoCandidate chooses among settlements of the same name: the nearest
// known positions (within 5 km of the nearest, which must be within 40 km),
// then the higher kind, then the centre. It gives up on a tie.
func (b *builder) pickGeoCandidate(r *geoRow, cands []int) (int, bool) {
	type cand struct {
		si    int
		d     float64
		known bool
	}
	cs := make([]cand, 0, len(cands))
	dmin := math.Inf(1)
	for _, si := range cands {
		if b.farFromHromada(si, r.pt, geoMaxKm) {
			continue
		}
		c := cand{si: si}
		if p, ok := b.knownPoint(si); ok {
			c.d, c.known = distanceKm(r.pt, p), true
			dmin = min(dmin, c.d)
		}
		cs = append(cs, c)
	}
	keep := cs[:0:0]
	for _, c := range cs {
		switch {
		case c.known && c.d <= dmin+5:
			keep = append(keep, c)
		case !c.known && dmin > 20:
			keep = append(keep, c)
		}
	}
	if len(keep) > 0 && !math.IsInf(dmin, 1) && dmin > 40 && !slices.ContainsFunc(keep, func(c cand) bool { return !c.known }) {
		return -1, false // every candidate is far away: probably another place
	}
	if len(keep) == 0 {
		return -1, false
	}
	if len(keep) == 1 {
		return keep[0].si, true
	}
	rank := func(c cand) int {
		s := &b.settlements[c.si]
		return kindRank(s.kind)*10 + s.centre
	}
	slices.SortStableFunc(keep, func(x, y cand) int { return cmp.Compare(rank(y), rank(x)) })
	if rank(keep[0]) > rank(keep[1]) {
		return keep[0].si, true
	}
	return -1, false
}

func (b *builder) joinGeoNamesAcrossOblasts() {
	for _, ri := range b.geoOrder() {
		r := &b.geo[ri]
		if r.decided || !r.nameless {
			continue
		}
		best, bestD, secondD := -1, math.Inf(1), math.Inf(1)
		for _, k := range r.keys {
			for _, si := range b.byKeyAnywhere[k.key] {
				if b.settlements[si].geo >= 0 || b.settlements[si].oblast == r.oblast {
					continue
				}
				p, ok := b.knownPoint(si)
				if !ok {
					continue
				}
				d := distanceKm(r.pt, p)
				if d < bestD {
					best, bestD, secondD = si, d, bestD
				} else if d < secondD && si != best {
					secondD = d
				}
			}
		}
		if best >= 0 && bestD <= 10 && secondD > bestD+5 {
			b.joinGeo(ri, best)
			b.report.GeoNamesCrossOblast++
		}
	}
	for _, ri := range b.geoOrder() {
		r := &b.geo[ri]
		if r.decided || !r.nameless {
			continue
		}
		b.report.GeoNamesUnmatched++
		if len(b.report.GeoNamesUnmatchedList) < 20 {
			iso := "?"
			if r.oblast >= 0 {
				iso = oblasts[r.oblast].ISO
			}
			b.report.GeoNamesUnmatchedList = append(b.report.GeoNamesUnmatchedList,
				fmt.Sprintf("%s (%s, pop. %d)", r.name, iso, r.pop))
		}
	}
}

// computeAnchors sets each hromada's anchor: the median of its settlements'
// accurate points (GeoNames, postal accuracy 4 or 3).
func (b *builder) computeAnchors() {
	b.anchors = map[string]point{}
	for _, h := range b.hromadas {
		var lons, lats []float64
		for _, si := range b.members[h] {
			s := &b.settlements[si]
			switch {
			case s.geo >= 0:
				lons, lats = append(lons, b.geo[s.geo].pt.lon), append(lats, b.geo[s.geo].pt.lat)
			case s.postal >= 0:
				lons, lats = append(lons, b.postal[s.postal].pt.lon), append(lats, b.postal[s.postal].pt.lat)
			}
		}
		if len(lons) > 0 {
			b.anchors[h] = point{median(lons), median(lats)}
		}
	}
}

// learnPostal learns from the unambiguous postal joins which old raions and
// which councils each hromada's settlements were listed under.
func (b *builder) learnPostal() {
	b.oldRaionsOf = map[string]map[string]int{}
	b.hintHromadas = map[string]map[string]int{}
	for gi := range b.postal {
		g := &b.postal[gi]
		if g.settlement < 0 {
			continue
		}
		h := b.settlements[g.settlement].hromada
		if h == "" {
			continue
		}
		if g.raion != "" {
			if b.oldRaionsOf[h] == nil {
				b.oldRaionsOf[h] = map[string]int{}
			}
			b.oldRaionsOf[h][g.raion]++
		}
		if hs := hintStem(g.hint); hs != "" {
			hk := strconv.Itoa(g.oblast) + "\x00" + hs
			if b.hintHromadas[hk] == nil {
				b.hintHromadas[hk] = map[string]int{}
			}
			b.hintHromadas[hk][h]++
		}
	}
}

// postalScore scores settlement si as the place of postal group g:
// 3 if the bracketed council names a settlement of si's hromada (or was
// seen with that hromada), up to 2 for the share of si's hromada listed
// under g's old raion (or 2 if the raion's name matches si's raion or
// hromada when nothing was learned), and up to 1 for nearness (accurate
// points within 30 km, estimated ones — compared through the old raion's
// mean point — within 60 km, half weight).
func (b *builder) postalScore(g *postalGroup, si int) float64 {
	s := &b.settlements[si]
	score := 0.0
	if hs := hintStem(g.hint); hs != "" && s.hromada != "" {
		if b.hintHromadas[strconv.Itoa(g.oblast)+"\x00"+hs][s.hromada] > 0 ||
			slices.ContainsFunc(b.hromadaStems[s.hromada], func(st string) bool { return stemsMatch(hs, st) }) {
			score += 3
		}
	}
	if g.raion != "" {
		if counts := b.oldRaionsOf[s.hromada]; len(counts) > 0 && s.hromada != "" {
			total := 0
			for _, n := range counts {
				total += n
			}
			score += 2 * float64(counts[g.raion]) / float64(total)
		} else {
			rs := adjectiveStem(strings.ToLower(g.raion))
			if (s.raion != "" && stemsMatch(rs, adjectiveStem(latinForMatch(b.raionName[s.raion])))) ||
				(s.hromada != "" && stemsMatch(rs, adjectiveStem(latinForMatch(b.hromadaName[s.hromada])))) {
				score += 2
			}
		}
	}
	p, ok := b.knownPoint(si)
	if ok {
		if g.exact && !g.bad {
			score += max(0, 1-distanceKm(g.pt, p)/30)
		} else {
			ref, ok := b.raionRef[strconv.Itoa(g.oblast)+"\x00"+g.raion]
			if !ok {
				ref = g.pt
			}
			score += 0.5 * max(0, 1-distanceKm(ref, p)/60)
		}
	}
	return score
}

const (
	postalMinScore = 1.0
	postalMargin   = 0.75
)

func (b *builder) joinPostalAmbiguous() {
	for _, k := range b.postalKeys {
		cands := b.byKey[k]
		for _, gi := range b.postalByKey[k] {
			g := &b.postal[gi]
			if !g.deferred || len(cands) == 0 {
				continue
			}
			best, bestScore, second := -1, math.Inf(-1), 0.0
			for _, si := range cands {
				sc := b.postalScore(g, si)
				if sc > bestScore {
					best, second, bestScore = si, max(second, bestScore), sc
				} else if sc > second {
					second = sc
				}
			}
			if bestScore >= postalMinScore && bestScore-second >= postalMargin {
				b.assignPostal(gi, best, bestScore)
				b.report.PostalResolved++
			} else {
				b.report.PostalAmbiguous++
			}
		}
	}
}
