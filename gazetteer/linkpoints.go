package gazetteer

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/translit"
)

// Points learned from the tracker's own links. DeepStateMap's notes wrap a
// settlement's name in a link to the point the editors meant
// ("<a href=\"https://deepstatemap.live/#14/48.49/37.63\">Illinivka</a>").
// Where the name resolves, by the gazetteer's own names and the oblast the
// point lies in, to a settlement that has no point of its own (only its
// hromada's centre, an estimated postal point, or none), or whose point is
// far from several links that agree, the links' median becomes its point,
// with point source "deepstate-link". Only the versions whose id is not a
// multiple of 3 are read: the others are held out for measuring
// (TestTrackerLinkDistances, extract's TestDeepStateNotes).

// SrcDeepStateLink is the point source of a point learned from the
// tracker's links.
const SrcDeepStateLink = "deepstate-link"

// LinkPoint is the provenance of one point learned from the tracker's
// links: the settlement, the point, what it replaced, and the versions
// (their ids, the unix time of publication) whose links gave it.
type LinkPoint struct {
	ID, NameUK string
	Lon, Lat   float64
	// Was is the point source replaced ("hromada", "whosonfirst"…; "" for
	// a settlement that had no point), WasKm the distance from that point.
	Was      string
	WasKm    float64
	Links    int     // links that agree (within linkAgreeKm of the median)
	Versions []int64 // the versions of those links, ascending, each once
}

const (
	// linkAgreeKm: links of one settlement within this of their median
	// agree (the editors centre the map on the village; two decimals of a
	// degree are ~1 km).
	linkAgreeKm = 2
	// linkRoughMaxKm: a link farther than this from a settlement that has
	// only its hromada's centre (or a postal estimate) names another place
	// (hromadas are up to ~60 km across).
	linkRoughMaxKm = 35
	// linkOwnMaxKm: the same for a settlement with a point of its own.
	linkOwnMaxKm = 25
	// linkMoveKm: a point of its own is replaced only when the agreeing
	// links' median lies farther than this from it. A link shows where the
	// map changed "near" the village, often its edge facing the front, a
	// few km from its centre (Вербове of Zaporizhzhia: 8 links 6.9 km from
	// Who's On First's point, the postal point between them); beyond
	// 10 km the point is another village's (a join onto a namesake).
	linkMoveKm = 10
	// linkCrossOblastKm: a settlement of another oblast is a candidate when
	// its point lies this near the link (a village by an oblast line).
	linkCrossOblastKm = 15
)

// trackerVersion is one record of the tracker's version list.
type trackerVersion struct {
	ID            int64  `json:"id"`
	CreatedAt     string `json:"createdAt"`
	Description   string `json:"description"`
	DescriptionEn string `json:"descriptionEn"`
}

// readTrackerVersions reads the version list, sorted by id.
func readTrackerVersions(path string) ([]trackerVersion, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	var versions []trackerVersion
	if err := json.Unmarshal(data, &versions); err != nil {
		return nil, fmt.Errorf("gazetteer: %s: %w", filepath.Base(path), err)
	}
	slices.SortStableFunc(versions, func(x, y trackerVersion) int { return cmp.Compare(x.ID, y.ID) })
	return versions, nil
}

// trackerLink is a name the English note of a version links to a point,
// with the text the Ukrainian note links to the same point (unescaped,
// untrimmed; "" when none).
type trackerLink struct {
	pt       point
	name, uk string
}

// links returns the links of v's English note whose point parses, in
// order; the name is trimmed of spaces and punctuation.
func (v trackerVersion) links() []trackerLink {
	ukByPoint := map[string]string{}
	for _, m := range trackerLinkRE.FindAllStringSubmatch(v.Description, -1) {
		ukByPoint[m[1]+"/"+m[2]] = html.UnescapeString(m[3])
	}
	var out []trackerLink
	for _, m := range trackerLinkRE.FindAllStringSubmatch(v.DescriptionEn, -1) {
		lat, err1 := strconv.ParseFloat(m[1], 64)
		lon, err2 := strconv.ParseFloat(m[2], 64)
		if err1 != nil || err2 != nil || math.IsNaN(lat) || math.IsNaN(lon) {
			continue
		}
		out = append(out, trackerLink{point{lon, lat}, strings.Trim(html.UnescapeString(m[3]), linkTrim), ukByPoint[m[1]+"/"+m[2]]})
	}
	return out
}

// linkTrim is what a link's text is trimmed of.
const linkTrim = " \t\n.,;:"

// roughSource says whether a point source is no point of the settlement's
// own.
func roughSource(src string) bool {
	return src == "" || src == "hromada" || src == "postal-approx" || src == srcPostalArea
}

type linkSeen struct {
	pt      point
	version int64
}

// learnLinkPoints sets the points the tracker's links give (see above) on
// the settlements and on places (the settlements' places, same order) and
// returns their provenance, in codifier order.
func (b *builder) learnLinkPoints(path string, places []frontline.Place) ([]LinkPoint, error) {
	versions, err := readTrackerVersions(path)
	if err != nil {
		return nil, err
	}
	if b.loc == nil {
		if b.loc, err = newLocator(); err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
	}
	byFold := map[string][]int{}
	for si := range b.settlements {
		if b.settlements[si].kind == "city_district" {
			continue
		}
		for _, n := range places[si].Names {
			k := translit.Fold(n)
			if k != "" && !slices.Contains(byFold[k], si) {
				byFold[k] = append(byFold[k], si)
			}
		}
	}
	seen := map[int][]linkSeen{}
	spellings := map[int][]string{}
	looseSpellings := map[int][]string{} // linkLooseSpelling's
	var byLoose map[string][]int
	for _, v := range versions {
		if v.ID%3 == 0 {
			continue // held out
		}
		for _, l := range v.links() {
			pt, name := l.pt, l.name
			if !properName(name) || !b.loc.inUkraine(pt) {
				continue
			}
			b.report.LinkPointLinks++
			uk := strings.Trim(l.uk, linkTrim)
			si, ok := b.linkSettlement(byFold, pt, name, uk)
			if !ok {
				if byLoose == nil {
					byLoose = looseIndex(places, b.settlements)
				}
				for _, text := range []string{name, uk} {
					if si, ok := b.linkLooseSpelling(byLoose, byFold, places, pt, text); ok && !slices.Contains(looseSpellings[si], text) {
						looseSpellings[si] = append(looseSpellings[si], text)
					}
				}
				continue
			}
			b.report.LinkPointMatched++
			seen[si] = append(seen[si], linkSeen{pt, v.ID})
			// The tracker's own spelling of a name it links by its
			// Ukrainian text ("Storozhove" for Сторожеве): the place's
			// spelling too, when no settlement of the oblast has it.
			if k := translit.Fold(name); !slices.ContainsFunc(byFold[k], func(o int) bool { return b.settlements[o].oblast == b.settlements[si].oblast }) &&
				!slices.Contains(spellings[si], name) && !strings.Contains(name, " and ") {
				spellings[si] = append(spellings[si], name)
			}
		}
	}
	for si, ns := range spellings {
		for _, n := range ns {
			if !slices.Contains(places[si].Names, n) {
				places[si].Names = append(places[si].Names, n)
				b.report.LinkSpellings++
			}
		}
	}
	for si, ns := range looseSpellings {
		for _, n := range ns {
			if !slices.Contains(places[si].Names, n) {
				places[si].Names = append(places[si].Names, n)
				b.report.LinkLooseSpellings++
			}
		}
	}
	var out []LinkPoint
	for si := range b.settlements {
		ls := seen[si]
		if len(ls) == 0 {
			continue
		}
		s := &b.settlements[si]
		m, agree := agreeingLinks(ls)
		var vs []int64
		for _, l := range agree {
			if !slices.Contains(vs, l.version) {
				vs = append(vs, l.version)
			}
		}
		slices.Sort(vs)
		// Links that are not the majority still beat a hromada's centre
		// when two versions or more agree (Тернові Поди: 2 of 4 links
		// within 2 km of their median, the others 2.7 and 9 km off; the
		// centre 7.9 km away).
		if 2*len(agree) <= len(ls) && !(roughSource(s.source) && len(vs) >= 2) {
			b.report.LinkPointDisagree++
			continue
		}
		was := math.Inf(1)
		if s.source != "" {
			was = distanceKm(s.pt, m)
		}
		if !roughSource(s.source) && (len(vs) < 2 || was <= linkMoveKm || s.kind == "city") {
			continue
		}
		lp := LinkPoint{ID: s.code, NameUK: s.nameUK, Lon: round5(m.lon), Lat: round5(m.lat),
			Was: s.source, Links: len(agree), Versions: vs}
		if !math.IsInf(was, 1) {
			lp.WasKm = math.Round(was*10) / 10
		}
		b.report.LinkPointsFrom[cmp.Or(s.source, "none")]++
		s.pt, s.source = point{lp.Lon, lp.Lat}, SrcDeepStateLink
		places[si].Lon, places[si].Lat, places[si].PointSource = lp.Lon, lp.Lat, SrcDeepStateLink
		out = append(out, lp)
	}
	return out, nil
}

// linkSettlement finds the settlement a link names: a settlement one of
// whose names folds like the link's English text or its Ukrainian text
// (when that is the nominative), in the oblast the point lies in or within
// linkCrossOblastKm of it; the nearest, when every other candidate lies at
// least twice as far and 5 km farther, and it lies within linkRoughMaxKm
// (a settlement with no point of its own) or linkOwnMaxKm of the link.
func (b *builder) linkSettlement(byFold map[string][]int, pt point, name, uk string) (int, bool) {
	oi := b.loc.oblastOf(pt)
	var cands []int
	for _, k := range []string{translit.Fold(name), translit.Fold(uk)} {
		for _, si := range byFold[k] {
			if k != "" && !slices.Contains(cands, si) {
				cands = append(cands, si)
			}
		}
	}
	best, d1, d2, n := -1, math.Inf(1), math.Inf(1), 0
	for _, si := range cands {
		s := &b.settlements[si]
		d := math.Inf(1)
		if s.source != "" {
			d = distanceKm(s.pt, pt)
		}
		if s.oblast != oi && !(d <= linkCrossOblastKm) {
			continue
		}
		n++
		switch {
		case best < 0 || d < d1:
			best, d1, d2 = si, d, d1
		case d < d2:
			d2 = d
		}
	}
	if best < 0 {
		return -1, false
	}
	s := &b.settlements[best]
	switch {
	case math.IsInf(d1, 1):
		// No point at all: only when it is the one candidate.
		return best, n == 1
	case !math.IsInf(d2, 1) && (d2 < 2*d1 || d2 < d1+5):
		return -1, false
	case roughSource(s.source):
		return best, d1 <= linkRoughMaxKm
	default:
		return best, d1 <= linkOwnMaxKm
	}
}

// linkSpellingKm: a tracker's spelling no settlement bears is taken as the
// name of a settlement whose own point lies this near the link.
const linkSpellingKm = 5

// looseIndex maps the FoldLoose key of every settlement's names to the
// settlements (city districts left out).
func looseIndex(places []frontline.Place, settlements []settlement) map[string][]int {
	out := map[string][]int{}
	for si := range settlements {
		if settlements[si].kind == "city_district" {
			continue
		}
		for _, n := range places[si].Names {
			k := translit.FoldLoose(n)
			if k != "" && !slices.Contains(out[k], si) {
				out[k] = append(out[k], si)
			}
		}
	}
	return out
}

// linkLooseSpelling finds the settlement whose name the tracker spells
// text, a spelling no settlement bears ("Velyka Kamyshuvakha", "Велика
// Камишуваха" for Велика Комишуваха): the one settlement of the country one
// of whose names has text's FoldLoose key (consonants only, four or more)
// and, word for word, the same last letter under Fold, so that an
// inflected link text ("Камишувахи", "Midnu Rudu") is not taken for a
// name; it has a point of its own within linkSpellingKm of the link.
func (b *builder) linkLooseSpelling(byLoose, byFold map[string][]int, places []frontline.Place, pt point, text string) (int, bool) {
	if !properName(text) || strings.Contains(text, " and ") || len(byFold[translit.Fold(text)]) > 0 {
		return -1, false
	}
	key := translit.FoldLoose(text)
	if utf8.RuneCountInString(strings.ReplaceAll(key, " ", "")) < 4 {
		return -1, false
	}
	// The spelling becomes an exact name, and an exact name hides the
	// loose readings of every other settlement of the key (the tracker's
	// "Kamyshuvakha" also names Комишуваха of Zaporizhzhia and Donetsk
	// oblasts): only a key one settlement bears is taken.
	if len(byLoose[key]) != 1 {
		return -1, false
	}
	si := byLoose[key][0]
	s := &b.settlements[si]
	if s.source == "" || roughSource(s.source) || distanceKm(s.pt, pt) > linkSpellingKm || !slices.ContainsFunc(places[si].Names, func(n string) bool {
		return translit.FoldLoose(n) == key && sameWordEndings(translit.Fold(n), translit.Fold(text))
	}) {
		return -1, false
	}
	return si, true
}

// sameWordEndings reports whether two folded names have as many words and
// each word the same last letter.
func sameWordEndings(a, b string) bool {
	aw, bw := strings.Fields(a), strings.Fields(b)
	if len(aw) != len(bw) {
		return false
	}
	for i := range aw {
		ra, _ := utf8.DecodeLastRuneInString(aw[i])
		rb, _ := utf8.DecodeLastRuneInString(bw[i])
		if ra != rb {
			return false
		}
	}
	return true
}

// agreeingLinks returns the median of the links that lie within
// linkAgreeKm of the median of all, and those links.
func agreeingLinks(ls []linkSeen) (point, []linkSeen) {
	med := func(ls []linkSeen) point {
		lons, lats := make([]float64, len(ls)), make([]float64, len(ls))
		for i, l := range ls {
			lons[i], lats[i] = l.pt.lon, l.pt.lat
		}
		return point{median(lons), median(lats)}
	}
	m := med(ls)
	var agree []linkSeen
	for _, l := range ls {
		if distanceKm(l.pt, m) <= linkAgreeKm {
			agree = append(agree, l)
		}
	}
	if len(agree) == 0 {
		return m, nil
	}
	return med(agree), agree
}

// LinkPointsFile is the path, relative to this package, of the provenance
// of the points learned from the tracker's links (WriteLinkPoints).
const LinkPointsFile = "data/deepstate-link-points.tsv"

// WriteLinkPoints writes the provenance of the learned points as TSV: a
// header line, then one line per point: id, name_uk, lon, lat, the point
// source it replaced, the distance from that point in km, the agreeing
// links and their versions (ids, comma-separated).
func WriteLinkPoints(w io.Writer, lps []LinkPoint) error {
	var sb strings.Builder
	sb.WriteString("id\tname_uk\tlon\tlat\treplaced\treplaced_km\tlinks\tversions\n")
	for _, lp := range lps {
		vs := make([]string, len(lp.Versions))
		for i, v := range lp.Versions {
			vs[i] = strconv.FormatInt(v, 10)
		}
		was, wasKm := cmp.Or(lp.Was, "none"), ""
		if lp.Was != "" {
			wasKm = strconv.FormatFloat(lp.WasKm, 'f', 1, 64)
		}
		fmt.Fprintf(&sb, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", lp.ID, lp.NameUK,
			strconv.FormatFloat(lp.Lon, 'f', -1, 64), strconv.FormatFloat(lp.Lat, 'f', -1, 64),
			was, wasKm, lp.Links, strings.Join(vs, ","))
	}
	_, err := io.WriteString(w, sb.String())
	return err
}
