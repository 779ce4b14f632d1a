package gazetteer

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/translit"
)

// wofRow is one locality of Who's On First.
type wofRow struct {
	id        int64
	name      string
	nameUK    string   // the first Cyrillic name that may be Ukrainian
	nameRU    string   // name_ru when Cyrillic
	keys      []string // join keys of its Cyrillic names that may be Ukrainian
	ruKeys    []string // join keys of its Cyrillic names, Russian ones included
	latin     []string // latinSkeleton keys of its Latin names
	pt        point
	oblasts   []int // the oblast its point lies in, and the one its region names
	geonameID int
	pop       int
	county    string // adjectiveStem of the (old) raion, Latin
	joined    int    // settlement, -1 if none
	// soviet: joined by its name without a Soviet word (wofBySoviet):
	// its own names are the settlement's former names.
	soviet bool
	// near: joined by a name one edit from the settlement's (wofByNear):
	// its Latin name is a spelling of the settlement's name.
	near bool
}

var wofColumns = "wof_id\tplacetype\tname\tname_uk\tname_ru\tname_en\tlat\tlon\tsrc_geom\tgeonames_id\twikidata\tpopulation\tregion\tcounty"

// wofRegions maps Who's On First's region names to ISO codes.
var wofRegions = map[string]string{
	"Cherkasy": "UA-71", "Chernihiv": "UA-74", "Chernivtsi": "UA-77", "Crimea": "UA-43",
	"Dnipropetrovs'k": "UA-12", "Donetsk": "UA-14", "Ivano-Frankivs'k": "UA-26", "Kharkiv": "UA-63",
	"Kherson": "UA-65", "Khmelnytskyi": "UA-68", "Kirovohrad": "UA-35", "Kyiv": "UA-32",
	"Luhansk": "UA-09", "Lviv": "UA-46", "Mykolaiv": "UA-48", "Odessa": "UA-51", "Poltava": "UA-53",
	"Rivne": "UA-56", "Sumy": "UA-59", "Ternopil": "UA-61", "Vinnytsia": "UA-05", "Volyn": "UA-07",
	"Zakarpattia": "UA-21", "Zaporizhia": "UA-23", "Zhytomyr": "UA-18",
}

func hasCyrillic(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) })
}

// readWOF reads the localities (neighbourhoods and local admin units are
// not settlements and are skipped) and locates each point in an oblast.
func (b *builder) readWOF(path string) error {
	if b.loc == nil {
		loc, err := newLocator()
		if err != nil {
			return fmt.Errorf("gazetteer: %w", err)
		}
		b.loc = loc
	}
	isoIndex := map[string]int{}
	for i, o := range oblasts {
		isoIndex[o.ISO] = i
	}
	return openLines(path, func(n int, line string) error {
		if n == 1 {
			if line != wofColumns {
				return fmt.Errorf("unexpected header %q", truncate(line, 60))
			}
			return nil
		}
		f := strings.Split(line, "\t")
		if len(f) != 14 {
			return fmt.Errorf("%d fields, want 14", len(f))
		}
		b.report.WOFRows++
		if f[1] != "locality" {
			return nil
		}
		id, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return fmt.Errorf("bad wof_id %q", f[0])
		}
		lat, err1 := strconv.ParseFloat(f[6], 64)
		lon, err2 := strconv.ParseFloat(f[7], 64)
		if err1 != nil || err2 != nil || math.IsNaN(lat) || math.IsNaN(lon) {
			return fmt.Errorf("bad point %q, %q", f[6], f[7])
		}
		r := wofRow{id: id, pt: point{lon, lat}, joined: -1}
		if f[9] != "" {
			if r.geonameID, err = strconv.Atoi(f[9]); err != nil {
				return fmt.Errorf("bad geonames_id %q", f[9])
			}
		}
		if f[11] != "" {
			if r.pop, err = strconv.Atoi(f[11]); err != nil || r.pop < 0 {
				return fmt.Errorf("bad population %q", f[11])
			}
		}
		if oi := b.loc.oblastOf(r.pt); oi >= 0 {
			r.oblasts = append(r.oblasts, oi)
		}
		if iso, ok := wofRegions[f[12]]; ok && !slices.Contains(r.oblasts, isoIndex[iso]) {
			r.oblasts = append(r.oblasts, isoIndex[iso])
		}
		if len(r.oblasts) == 0 {
			return nil // abroad (Romania, Moldova) or at sea
		}
		r.county = adjectiveStem(latinSkeleton(f[13]))
		for _, raw := range []string{f[2], f[3], f[5], f[4]} {
			name, fixed := cleanName(raw)
			if fixed {
				b.report.MixedScriptFixes[srcWOF]++
			}
			if name == "" {
				continue
			}
			if r.name == "" {
				r.name = name
			}
			if hasCyrillic(name) {
				if k := joinKey(name); !slices.Contains(r.ruKeys, k) {
					r.ruKeys = append(r.ruKeys, k)
				}
				if raw == f[4] {
					if ukrainianTier(name) == 0 || r.nameRU == "" {
						r.nameRU = name
					}
					continue // Russian: compared with the Russian names later
				}
				if ukrainianTier(name) > 0 {
					if r.nameUK == "" {
						r.nameUK = name
					}
					if k := joinKey(name); !slices.Contains(r.keys, k) {
						r.keys = append(r.keys, k)
					}
				}
				continue
			}
			if k := latinSkeleton(name); k != "" && !slices.Contains(r.latin, k) {
				r.latin = append(r.latin, k)
			}
		}
		b.wof = append(b.wof, r)
		return nil
	})
}

// wofPair is a candidate join of a Who's On First row to a settlement.
type wofPair struct {
	row, si int
	d       float64 // km from the settlement's reference point; +Inf if unknown
	county  bool    // the row's raion is one the settlement's postal entries name
	rough   bool    // d is from the hromada's anchor or an estimate, not a point of the settlement's own
}

// Distances for the Who's On First join: a row confirms a settlement's own
// accurate point within wofOwnKm; it places a settlement without one
// within wofHromadaKm of its hromada's anchor and wofNeighbourKm of one of
// its hromada's located places; a homonym must be wofMarginKm farther.
const (
	wofOwnKm       = 5
	wofHromadaKm   = 35
	wofNeighbourKm = 25
	wofMarginKm    = 3
	wofSameKm      = 2
	// wofSameRoughKm: the same for a settlement with no point of its own
	// (only its hromada's anchor or an estimate, often 10 km off or more):
	// either of two rows of its name this near each other is nearer the
	// village than the anchor (Таврійське of Kherson oblast: 3.0 km apart,
	// 11.7 and 14.0 km from the anchor).
	wofSameRoughKm = 5
	// wofRoughOtherKm: ... unless another settlement has a pair with one
	// of those rows not this much farther (Таврійське of the next hromada,
	// 30.6 km against 14.0: the row is the first one's).
	wofRoughOtherKm = 10
	// wofOwnClashKm: a locality nearer than this to a settlement with a
	// point of its own is not made a place of its own (nor within 15 km of
	// one of its name). Villages of the Donbas stand 1.8–2 km apart
	// (Невське and Новолюбівка, Сєверне and Тоненьке).
	wofOwnClashKm = 1.5
)

// twins reports whether two settlements have the same name in the same
// hromada.
func (b *builder) twins(i, j int) bool {
	x, y := &b.settlements[i], &b.settlements[j]
	return x.hromada != "" && x.hromada == y.hromada && x.key == y.key
}

// joinWOF joins Who's On First localities to settlements by name (the
// Ukrainian name, its national transliteration in a loose Latin skeleton,
// and former names) within the oblast of the row's point or region. Rows
// from GeoNames whose geonameid is a cities500 row already joined go to
// that settlement. The other candidate pairs are taken nearest first, each
// row and settlement once, a pair only when no other free candidate of the
// row or the settlement lies within wofMarginKm of it (the old raion the
// row names breaks such a tie).
//
// With russian set it is the second pass: the rows and settlements still
// free, joined by Russian forms: the row's Cyrillic names (name_ru
// included) against the rule's Russian forms of the settlement's name
// (ruleRussianVariants) and its former names, and the row's Latin names
// against those forms' romanisations (GeoNames' "Novoplatonovka",
// "Kalinovka": Russian-based spellings of Ukrainian villages).
//
// The third pass (near) takes the rows and the settlements without a
// point of their own still free, a name one edit from the other (Latin
// skeletons of six letters or more, the national transliteration or the
// Russian forms' romanisations; or the Cyrillic names): GeoNames'
// "Neminka" for Неменка, "Ganovka" for Ганнівка. The same distances and
// rivals decide.
func (b *builder) joinWOF(pass wofPass) {
	russian := pass != wofByName
	var byRussian map[string][]int
	var near map[int][]nearKeys
	switch pass {
	case wofByRussian, wofBySoviet:
		byRussian = b.russianKeys()
	case wofByNear:
		near = b.nearKeys()
	}
	byGeoID := map[int]int{}
	for i := range b.settlements {
		if g := b.settlements[i].geo; g >= 0 {
			byGeoID[b.geo[g].id] = i
		}
	}
	raionsOf := map[int][]string{}
	for gi := range b.postal {
		g := &b.postal[gi]
		if g.settlement >= 0 && g.raion != "" {
			st := adjectiveStem(latinSkeleton(g.raion))
			if !slices.Contains(raionsOf[g.settlement], st) {
				raionsOf[g.settlement] = append(raionsOf[g.settlement], st)
			}
		}
	}
	estimated := map[string]point{}
	{
		sums := map[string][3]float64{}
		for gi := range b.postal {
			g := &b.postal[gi]
			if g.settlement >= 0 && !g.bad {
				h := b.settlements[g.settlement].hromada
				s := sums[h]
				sums[h] = [3]float64{s[0] + g.pt.lon, s[1] + g.pt.lat, s[2] + 1}
			}
		}
		for h, s := range sums {
			estimated[h] = point{s[0] / s[2], s[1] / s[2]}
		}
	}
	var pairs []wofPair
	for ri := range b.wof {
		r := &b.wof[ri]
		if russian {
			if r.joined >= 0 {
				continue
			}
		} else if si, ok := byGeoID[r.geonameID]; ok && r.geonameID != 0 && b.settlements[si].wof < 0 {
			r.joined = si
			b.settlements[si].wof = ri
			b.report.WOFJoinedByGeoNamesID++
			continue
		}
		var cands []int
		for _, oi := range r.oblasts {
			prefix := strconv.Itoa(oi) + "\x00"
			if pass == wofByNear {
				for _, nk := range near[oi] {
					if b.settlements[nk.si].wof >= 0 || fastKm(nk.anchor, r.pt) > wofHromadaKm || slices.Contains(cands, nk.si) {
						continue
					}
					if nk.matches(r) {
						cands = append(cands, nk.si)
					}
				}
				continue
			}
			if pass == wofBySoviet {
				for _, n := range sovietStripped(r) {
					var keys []string
					if hasCyrillic(n) {
						keys = append(keys, joinKey(n))
					} else if k := latinSkeleton(n); k != "" {
						keys = append(keys, "\x00"+k)
					}
					for _, k := range keys {
						found := slices.Clone(byRussian[prefix+k])
						if !strings.HasPrefix(k, "\x00") {
							found = append(found, b.byKey[prefix+k]...)
						} else {
							found = append(found, b.byLatin[prefix+k[1:]]...)
						}
						for _, si := range found {
							if b.settlements[si].wof < 0 && !slices.Contains(cands, si) {
								cands = append(cands, si)
							}
						}
					}
				}
				continue
			}
			if russian {
				for _, k := range r.ruKeys {
					for _, si := range byRussian[prefix+k] {
						if b.settlements[si].wof < 0 && !slices.Contains(cands, si) {
							cands = append(cands, si)
						}
					}
				}
				for _, k := range r.latin {
					for _, si := range byRussian[prefix+"\x00"+k] {
						if b.settlements[si].wof < 0 && !slices.Contains(cands, si) {
							cands = append(cands, si)
						}
					}
				}
				continue
			}
			for _, k := range r.keys {
				for _, si := range b.byKey[prefix+k] {
					if !slices.Contains(cands, si) {
						cands = append(cands, si)
					}
				}
			}
			for _, k := range r.latin {
				for _, si := range b.byLatin[prefix+k] {
					if !slices.Contains(cands, si) {
						cands = append(cands, si)
					}
				}
			}
		}
		if len(cands) == 0 {
			if !russian {
				b.report.WOFUnmatched++
			}
			continue
		}
		for _, si := range cands {
			s := &b.settlements[si]
			p := wofPair{row: ri, si: si, d: math.Inf(1)}
			p.county = r.county != "" && slices.ContainsFunc(raionsOf[si], func(st string) bool { return stemsMatch(st, r.county) })
			switch {
			case s.geo >= 0:
				if d := distanceKm(r.pt, b.geo[s.geo].pt); d <= wofOwnKm {
					p.d = d
				} else {
					continue
				}
			case s.postal >= 0 && !b.farFromHromada(si, b.postal[s.postal].pt, postalMaxKm):
				if d := distanceKm(r.pt, b.postal[s.postal].pt); d <= wofOwnKm {
					p.d = d
				} else if a, ok := b.anchors[s.hromada]; ok && s.hromada != "" && pass != wofBySoviet && distanceKm(r.pt, a) <= wofHromadaKm && !b.farFromHromada(si, r.pt, wofNeighbourKm) {
					// The postal point may be a namesake's: the row's point
					// fits the hromada; the postal point is checked below.
					p.d = distanceKm(r.pt, a) + wofOwnKm
				} else {
					continue
				}
			default:
				p.rough = true
				if a, ok := b.anchors[s.hromada]; ok && s.hromada != "" {
					d := distanceKm(r.pt, a)
					if d > wofHromadaKm || b.farFromHromada(si, r.pt, wofNeighbourKm) {
						continue
					}
					p.d = d
				} else if e, ok := estimated[s.hromada]; ok && s.hromada != "" {
					d := distanceKm(r.pt, e)
					if d > 2*wofHromadaKm {
						continue
					}
					p.d = d
				} else if s.approx >= 0 && distanceKm(r.pt, b.postal[s.approx].pt) <= 2*wofHromadaKm {
					p.d = distanceKm(r.pt, b.postal[s.approx].pt)
				}
			}
			pairs = append(pairs, p)
		}
	}
	slices.SortStableFunc(pairs, func(x, y wofPair) int {
		return cmp.Or(cmp.Compare(x.d, y.d), cmp.Compare(x.row, y.row), cmp.Compare(x.si, y.si))
	})
	byRow := map[int][]int{}
	bySettlement := map[int][]int{}
	for i, p := range pairs {
		byRow[p.row] = append(byRow[p.row], i)
		bySettlement[p.si] = append(bySettlement[p.si], i)
	}
	// rival says whether another free pair sharing the row or the
	// settlement is as good as p. Not rivals: two rows of one settlement
	// within wofSameKm of each other (Who's On First often has a village
	// twice, its own record and GeoNames': Нетайлове and Netaylove 0.2 km
	// apart), and two settlements of one row that the codifier lists under
	// the same name in the same hromada (two Новобахмутівка in
	// Очеретинська): nothing tells them apart, and each takes one of the
	// rows in turn.
	// A row that names the old raion of one of its settlements is that
	// one's, however near another's point: a postal point may be the
	// namesake's (Неліпівка of Торецьк has the one of Іванопільська рада,
	// Kostiantynivka raion, 10 km north). Its pairs with the others
	// whose postal entries name other raions are no pairs.
	countyRow := map[int]bool{}
	for _, p := range pairs {
		if p.county {
			countyRow[p.row] = true
		}
	}
	dead := func(p wofPair) bool { return countyRow[p.row] && !p.county && len(raionsOf[p.si]) > 0 }
	// claimed says whether another settlement (a twin too) has a pair
	// with p's row that is not wofRoughOtherKm farther than p: then the
	// row may be that one's, and the rows of p's settlement are not taken
	// as one village's (wofSameRoughKm).
	claimed := func(p wofPair) bool {
		return slices.ContainsFunc(byRow[p.row], func(k int) bool {
			o := pairs[k]
			return o.si != p.si && !dead(o) && o.d <= p.d+wofRoughOtherKm
		})
	}
	rival := func(p wofPair, others []int) bool {
		for _, j := range others {
			q := pairs[j]
			if q == p || b.wof[q.row].joined >= 0 || b.settlements[q.si].wof >= 0 || dead(q) {
				continue
			}
			if q.si == p.si {
				same := float64(wofSameKm)
				if p.rough && q.rough && !math.IsInf(p.d, 1) && !math.IsInf(q.d, 1) && !claimed(p) && !claimed(q) {
					same = wofSameRoughKm
				}
				if distanceKm(b.wof[q.row].pt, b.wof[p.row].pt) <= same {
					continue
				}
			}
			if q.row == p.row && q.si != p.si && b.twins(q.si, p.si) {
				continue
			}
			if math.IsInf(p.d, 1) || q.d <= p.d+wofMarginKm {
				if p.county && !q.county {
					continue
				}
				return true
			}
		}
		return false
	}
	for _, p := range pairs {
		r, s := &b.wof[p.row], &b.settlements[p.si]
		if r.joined >= 0 || s.wof >= 0 || dead(p) {
			continue
		}
		if rival(p, byRow[p.row]) || rival(p, bySettlement[p.si]) {
			continue
		}
		r.joined = p.si
		s.wof = p.row
		if p.rough {
			// The other rows of the village (wofSameRoughKm) are its
			// own, not a namesake's: Таврійське's second row must not
			// go to the Таврійське of the next hromada.
			for _, j := range bySettlement[p.si] {
				q := pairs[j]
				if q.row != p.row && q.rough && b.wof[q.row].joined < 0 && !math.IsInf(q.d, 1) && !claimed(q) && distanceKm(b.wof[q.row].pt, r.pt) <= wofSameRoughKm {
					b.wof[q.row].joined = p.si
				}
			}
		}
		switch pass {
		case wofByName:
			b.report.WOFJoinedByName++
		case wofByRussian:
			b.report.WOFJoinedByRussian++
		case wofByNear:
			b.report.WOFJoinedByNear++
			r.near = true
		case wofBySoviet:
			b.report.WOFJoinedBySoviet++
			r.soviet = true
		}
	}
	if russian {
		return
	}
	for ri := range b.wof {
		if b.wof[ri].joined < 0 && len(byRow[ri]) > 0 {
			b.report.WOFLeft++
		}
	}
}

// wofPass is one of joinWOF's passes, in the order they run.
type wofPass int

const (
	wofByName wofPass = iota
	wofByRussian
	wofByNear
	wofBySoviet
)

// sovietWord matches a Soviet word opening a name, with the space after
// it: the word the decommunisation of 2016 (and the renamings of 2024)
// dropped from many village names, leaving the rest (Червона Діброва →
// Діброва, Krasni Okny → Окни, Chervonaya Gusarovka → Гусарівка).
var sovietWord = regexp.MustCompile(`(?i)^(?:червон|красн|ленін|ленин|жовтнев|октябр|комсомол|радянськ|советск|першотравн|первомайськ|кіров|киров|chervon|krasn|lenin|zhovtnev|oktyabr|komsomol|radyansk|radians|sovetsk|pershotravn|pervomaisk|pervomaysk|kirov)\S*\s+|^(?:імені|имени|imeni)\s+\S+\s+`)

// sovietStripped returns a row's names that open with a Soviet word,
// without it ("" names and names without such a word are left out).
//
// The fourth pass of joinWOF (wofBySoviet) joins the rows still free by
// those names: Who's On First keeps many villages under their names before
// 2016 (Chervona Dibrova for Діброва of Kreminna hromada, which had only
// its hromada's centre), with the same distances and rivals as the other
// passes, except that a settlement with an accurate postal point is only
// joined to a row within wofOwnKm of it.
func sovietStripped(r *wofRow) []string {
	var out []string
	for _, n := range []string{r.name, r.nameUK, r.nameRU} {
		if rest := sovietWord.ReplaceAllString(n, ""); n != "" && rest != n && rest != "" && !slices.Contains(out, rest) {
			out = append(out, rest)
		}
	}
	return out
}

// nearKeys are a settlement's names for the third pass.
type nearKeys struct {
	si     int
	anchor point    // its hromada's anchor
	latin  []string // latinSkeleton of its national transliteration and of its Russian forms' romanisations
	cyr    []rune   // its join key
}

// nearMinLen is the shortest name compared one edit apart.
const nearMinLen = 6

// matches reports whether a row has a name one edit from one of the
// settlement's.
func (nk *nearKeys) matches(r *wofRow) bool {
	for _, l := range r.latin {
		if len(l) < nearMinLen {
			continue
		}
		lr := []rune(l)
		for _, k := range nk.latin {
			if d := len(k) - len(l); d <= 1 && d >= -1 && osaDistance(lr, []rune(k), 2) <= 1 {
				return true
			}
		}
	}
	if len(nk.cyr) >= nearMinLen {
		for _, k := range r.keys {
			if kr := []rune(k); len(kr)-len(nk.cyr) <= 1 && len(nk.cyr)-len(kr) <= 1 && osaDistance(kr, nk.cyr, 2) <= 1 {
				return true
			}
		}
	}
	return false
}

// nearKeys lists, by oblast, the settlements the third pass may join:
// free, with no GeoNames or accurate postal point, not a city district,
// in a hromada with an anchor.
func (b *builder) nearKeys() map[int][]nearKeys {
	out := map[int][]nearKeys{}
	for si := range b.settlements {
		s := &b.settlements[si]
		a, ok := b.anchors[s.hromada]
		if s.wof >= 0 || s.geo >= 0 || s.postal >= 0 || s.kind == "city_district" || s.hromada == "" || !ok {
			continue
		}
		nk := nearKeys{si: si, anchor: a, cyr: []rune(s.key)}
		add := func(k string) {
			if len(k) >= nearMinLen-1 && !slices.Contains(nk.latin, k) {
				nk.latin = append(nk.latin, k)
			}
		}
		add(latinSkeleton(latinForMatch(s.nameUK)))
		for _, v := range b.russianVariants(s.nameUK) {
			for _, rom := range romaniseRussian(strings.ToLower(v)) {
				add(latinSkeleton(rom))
			}
		}
		out[s.oblast] = append(out[s.oblast], nk)
	}
	return out
}

// russianKeys indexes the settlements (not city districts) by the Russian
// forms of their names: oblast + "\x00" + joinKey of each form, and
// oblast + "\x00\x00" + latinSkeleton of each form's romanisations.
func (b *builder) russianKeys() map[string][]int {
	out := map[string][]int{}
	add := func(k string, si int) {
		if l := out[k]; len(l) == 0 || l[len(l)-1] != si {
			out[k] = append(l, si)
		}
	}
	for si := range b.settlements {
		s := &b.settlements[si]
		if s.kind == "city_district" {
			continue
		}
		prefix := strconv.Itoa(s.oblast) + "\x00"
		forms := b.russianVariants(s.nameUK)
		for _, f := range formerNames[s.code] {
			if hasCyrillic(f) {
				forms = append(forms, f)
			}
		}
		for _, f := range forms {
			add(prefix+joinKey(f), si)
			for _, rom := range romaniseRussian(strings.ToLower(f)) {
				if k := latinSkeleton(rom); k != "" {
					add(prefix+"\x00"+k, si)
				}
			}
		}
	}
	return out
}

// wofFrontOblasts are the oblasts of the fighting, where the tracker and
// the press name villages by the names Who's On First keeps and the
// codifier no longer has (Желанне, Новожеланне, Ласточкине: renamed or
// merged since).
var wofFrontOblasts = map[string]bool{"UA-14": true, "UA-09": true, "UA-23": true, "UA-65": true, "UA-63": true}

// wofOwnPlaces returns, as places of their own ("wof:" and the Who's On
// First id, no codifier code), the localities of the front oblasts that
// joined no settlement and stand where the gazetteer has no place: no
// settlement with a point of its own within wofOwnClashKm and none of the
// same name within 15 km.
//
// A locality within 1.5 km of one settlement with a point of its own, the
// others at least twice as far (soleNear), is that settlement under
// another name, older or merged (Новожеланне, by Завітне): the name goes
// into the settlement's Names instead. places are the settlements' places, in the
// order of b.settlements.
func (b *builder) wofOwnPlaces(places []frontline.Place) []frontline.Place {
	var out []frontline.Place
	primary := b.primaryNames()
	var taken []point
	var takenKeys []string
	for ri := range b.wof {
		r := &b.wof[ri]
		if r.joined >= 0 || len(r.oblasts) == 0 || r.name == "" {
			continue
		}
		o := oblasts[r.oblasts[0]]
		if !wofFrontOblasts[o.ISO] {
			continue
		}
		nameUK := r.nameUK
		if nameUK == "" {
			// A Latin name only: kept when it is the Ukrainian name
			// transliterated (Novozhelanne, Lastochkyne), not an older
			// Russian one (Vladimirovka) of a village the codifier has
			// under its Ukrainian name.
			if russianLatinName(r.name) {
				continue
			}
			nameUK = r.name
		}
		if si, ok := b.soleNear(r.pt); ok && si < len(places) {
			p := &places[si]
			for _, a := range []string{r.nameUK, r.name} {
				// Not another settlement's own name (Веселое of a
				// locality by Козацьке): it would take that name's
				// homonyms.
				if a != "" && keepAlternate(a) && !primary[translit.Fold(a)] && !slices.ContainsFunc(p.Names, func(n string) bool { return translit.Fold(n) == translit.Fold(a) }) {
					p.Names = append(p.Names, a)
					b.report.WOFOtherNames++
				}
			}
			continue
		}
		key := translit.Fold(nameUK)
		if key == "" {
			continue
		}
		clash := false
		for si := range b.settlements {
			s := &b.settlements[si]
			if s.source == "" || math.Abs(s.pt.lat-r.pt.lat) > 0.2 {
				continue
			}
			d := distanceKm(s.pt, r.pt)
			if d <= wofOwnClashKm && s.source != "hromada" || d <= 15 && (translit.Fold(s.nameUK) == key || translit.Fold(b.russianForm(s.nameUK)) == key) {
				clash = true
				break
			}
		}
		for k, t := range taken {
			if !clash && takenKeys[k] == key && distanceKm(t, r.pt) <= 15 {
				clash = true
			}
		}
		if clash {
			continue
		}
		taken, takenKeys = append(taken, r.pt), append(takenKeys, key)
		p := frontline.Place{
			ID: "wof:" + strconv.FormatInt(r.id, 10), Kind: "village", NameUK: nameUK,
			Oblast: o.Name, OblastISO: o.ISO, Lon: round5(r.pt.lon), Lat: round5(r.pt.lat),
			PointSource: srcWOF, Population: r.pop,
		}
		if r.nameRU != "" && russianAlphabet(r.nameRU) && joinKey(r.nameRU) != joinKey(nameUK) {
			p.NameRU = r.nameRU
		}
		if !hasCyrillic(r.name) {
			p.Name = r.name
		}
		p.Names = placeNames(p.NameUK, p.NameRU, "")
		for _, a := range b.russianVariants(nameUK) {
			if hasCyrillic(a) && !slices.ContainsFunc(p.Names, func(n string) bool { return joinKey(n) == joinKey(a) }) {
				p.Names = append(p.Names, a)
			}
		}
		if p.Name != "" && !slices.Contains(p.Names, p.Name) {
			p.Names = append(p.Names, p.Name)
		}
		out = append(out, p)
	}
	b.report.WOFOwnPlaces = len(out)
	return out
}

// russianLatinName reports whether a Latin name has the endings of a
// Russian name's romanisation (-ovka, -evka, -oye, -skiy, -aya…) rather
// than a Ukrainian one's (-ivka, -ne, -ske, -yi).
func russianLatinName(name string) bool {
	low := strings.ToLower(name)
	for _, w := range strings.Fields(low) {
		for _, e := range []string{"ovka", "evka", "oye", "oe", "iy", "yy", "aya", "aja", "ovo", "evo", "oy"} {
			if strings.HasSuffix(w, e) {
				return true
			}
		}
		if strings.HasPrefix(w, "vladimir") || strings.HasPrefix(w, "aleksandr") || strings.HasPrefix(w, "nikola") {
			return true
		}
	}
	return false
}

// soleNear returns the settlement with a point of its own nearest pt,
// when it lies within 1.5 km and every other such settlement is at least
// twice as far and 1 km farther (Новожеланне 0.6 km from Завітне, 2.7 km
// from Комишівка: Завітне's older name).
func (b *builder) soleNear(pt point) (int, bool) {
	found, d1, d2 := -1, math.Inf(1), math.Inf(1)
	for si := range b.settlements {
		s := &b.settlements[si]
		if s.source == "" || s.source == "hromada" || s.kind == "city_district" || math.Abs(s.pt.lat-pt.lat) > 0.05 {
			continue
		}
		d := distanceKm(s.pt, pt)
		switch {
		case d < d1:
			found, d1, d2 = si, d, d1
		case d < d2:
			d2 = d
		}
	}
	return found, found >= 0 && d1 <= 1.5 && d2 >= 2*d1 && d2 >= d1+1
}
