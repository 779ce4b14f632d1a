package extract

import (
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/inflect"
	"github.com/frontline-osint/frontline/translit"
)

// Resolving a linked name. The publisher's point is the answer; the
// gazetteer only says which place it is:
//
//  1. the place spelled like the name (any case, any spelling, any
//     grammatical case through its lemmas) nearest the point, if it lies
//     within linkNameM (10 km: the tracker links the village's centre or
//     the part where the line moved, our points for the same village
//     differ by up to several km, and two villages of one name are rarely
//     that close);
//  2. else that place if its point is only approximate (a hromada centre
//     or an estimated postal point, 10–25 km off) or it is a city or a town
//     (the tracker links the part of a town where the line moved, "north
//     of Kharkiv") and it lies within linkRoughM;
//  3. else the nearest place of any name within linkAnyM (2 km: the link
//     text may be "west of New York" or a spelling we do not know, but a
//     point that close is that place);
//  4. else the nearest place within linkLooseM whose loose spelling
//     (translit.FoldLoose) is that of the name or a lemma (Тернове for
//     Тернова, Ольгіне for Ольгине);
//  5. else, for a point outside Ukraine, a place across the border named
//     as written (Country "RU", the link's point), never a Ukrainian
//     homonym; inside Ukraine the mention is dropped (no place to name).
//
// Across the border only places with Country "RU" are considered, inside
// only Ukraine's.
const (
	linkNameM  = 10000
	linkRoughM = 25000
	linkAnyM   = 2000
	linkLooseM = 5000
)

// ReasonLinked is a mention's Reason when its place was chosen by the
// publisher's point rather than by its spelling.
const ReasonLinked = "linked"

type linkedPlace struct {
	place  frontline.MentionPlace
	score  float64
	reason string
	site   bool
	ok     bool
}

// validLinks keeps the links whose span lies in text on character
// boundaries and whose point is a coordinate.
func validLinks(text string, links []frontline.Link) []frontline.Link {
	var out []frontline.Link
	for _, l := range links {
		if l.Start < 0 || l.End > len(text) || l.Start >= l.End {
			continue
		}
		if !utf8.RuneStart(text[l.Start]) || (l.End < len(text) && !utf8.RuneStart(text[l.End])) {
			continue
		}
		if math.IsNaN(l.Lon) || math.IsNaN(l.Lat) || l.Lon < -180 || l.Lon > 180 || l.Lat < -90 || l.Lat > 90 {
			continue
		}
		out = append(out, l)
	}
	return out
}

// linkName is the name a link wraps when no candidate overlaps it: its
// capitalised words ("західніше Нью-Йорку" → "Нью-Йорку"), or all its
// words when none is capitalised; false when it has no word.
func (d *doc) linkName(l frontline.Link) (int, int, bool) {
	first, last := -1, -1
	capFirst, capLast := -1, -1
	for k, w := range d.words {
		if w.end <= l.Start {
			continue
		}
		if w.start >= l.End {
			break
		}
		if first < 0 {
			first = k
		}
		last = k
		if w.cap {
			if capFirst < 0 {
				capFirst = k
			}
			if capLast < 0 || capLast == k-1 {
				capLast = k
			}
		}
	}
	if first < 0 {
		return 0, 0, false
	}
	if capFirst >= 0 {
		first, last = capFirst, capLast
	}
	s, e := max(d.words[first].start, l.Start), min(d.words[last].end, l.End)
	if s >= e {
		return 0, 0, false
	}
	return s, e, true
}

// pointIndex is the gazetteer's places on a grid of gridDeg degrees, and
// Ukraine's land outline, for resolving links. Built on first use.
type pointIndex struct {
	once  sync.Once
	cells map[[2]int32][]int32
	land  [][][2]float64 // rings; a point is on land when inside an odd number
	boxes [][4]float64   // per ring: min lon, min lat, max lon, max lat
	// inside remembers inUkraine's answers: the tracker links the same
	// villages' points note after note, and the outline has thousands of
	// vertices.
	insideMu sync.Mutex
	inside   map[[2]float64]bool
}

const gridDeg = 0.05

func cellOf(lon, lat float64) [2]int32 {
	return [2]int32{int32(math.Floor(lon / gridDeg)), int32(math.Floor(lat / gridDeg))}
}

func (e *Extractor) points() *pointIndex {
	x := &e.pts
	x.once.Do(func() {
		x.cells = map[[2]int32][]int32{}
		for i := range e.g.Places {
			p := &e.g.Places[i]
			if p.PointSource == "" || p.PointSource == "hromada" {
				continue
			}
			c := cellOf(p.Lon, p.Lat)
			x.cells[c] = append(x.cells[c], int32(i))
		}
		set, err := boundaries.Load()
		if err != nil {
			return // no outline: every point counts as inside
		}
		for i := 0; i < set.Land.NumPolygons(); i++ {
			poly := set.Land.PolygonN(i)
			for _, seq := range poly.Coordinates() {
				ring := make([][2]float64, seq.Length())
				box := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
				for k := range ring {
					xy := seq.GetXY(k)
					ring[k] = [2]float64{xy.X, xy.Y}
					box = [4]float64{math.Min(box[0], xy.X), math.Min(box[1], xy.Y), math.Max(box[2], xy.X), math.Max(box[3], xy.Y)}
				}
				x.land = append(x.land, ring)
				x.boxes = append(x.boxes, box)
			}
		}
	})
	return x
}

// inUkraine reports whether (lon, lat) lies on Ukraine's land (Crimea
// included). Without the outline every point is inside.
func (e *Extractor) inUkraine(lon, lat float64) bool {
	x := e.points()
	if len(x.land) == 0 {
		return true
	}
	k := [2]float64{lon, lat}
	x.insideMu.Lock()
	in, ok := x.inside[k]
	x.insideMu.Unlock()
	if ok {
		return in
	}
	in = x.onLand(lon, lat)
	x.insideMu.Lock()
	if x.inside == nil || len(x.inside) >= lemmaCacheMax {
		x.inside = map[[2]float64]bool{}
	}
	x.inside[k] = in
	x.insideMu.Unlock()
	return in
}

// onLand is inUkraine without the memory.
func (x *pointIndex) onLand(lon, lat float64) bool {
	inside := false
	for k, ring := range x.land {
		b := x.boxes[k]
		if lon < b[0] || lon > b[2] || lat < b[1] || lat > b[3] {
			continue
		}
		if pointInRing(lon, lat, ring) {
			inside = !inside
		}
	}
	return inside
}

func pointInRing(x, y float64, ring [][2]float64) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		a, b := ring[i], ring[j]
		if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}

// nearestAny is the place nearest (lon, lat) within maxM, of any name,
// on the given side of the border; -1 if none.
func (e *Extractor) nearestAny(lon, lat, maxM float64, russia bool) int {
	x := e.points()
	c := cellOf(lon, lat)
	cosLat := math.Cos(lat * math.Pi / 180)
	best, bestD := -1, maxM
	for dx := int32(-1); dx <= 1; dx++ {
		for dy := int32(-1); dy <= 1; dy++ {
			for _, i := range x.cells[[2]int32{c[0] + dx, c[1] + dy}] {
				p := &e.g.Places[i]
				if (p.Country == "RU") != russia || p.Kind == "city_district" {
					continue
				}
				if d := approxDistanceM(lon, lat, cosLat, p.Lon, p.Lat); d <= bestD {
					best, bestD = int(i), d
				}
			}
		}
	}
	return best
}

// roughPoint reports whether a point source is only approximate.
func roughPoint(src string) bool { return src == "hromada" || src == "postal-approx" }

// resolveLinked resolves a name its publisher linked to (lon, lat): see
// the rules above linkNameM.
func (e *Extractor) resolveLinked(name string, lon, lat float64) linkedPlace {
	russia := !e.inUkraine(lon, lat)
	cosLat := math.Cos(lat * math.Pi / 180)
	var best gazetteer.Candidate
	bestD := math.Inf(1)
	for _, n := range e.spellings(name) {
		cands, err := e.candidates(n)
		if err != nil {
			continue
		}
		for _, c := range cands {
			if c.PointSource == "" || (c.Country == "RU") != russia {
				continue
			}
			if c.Reason != gazetteer.ReasonExact && c.Reason != gazetteer.ReasonTransliteration && c.Reason != gazetteer.ReasonAlternate {
				continue
			}
			d := approxDistanceM(lon, lat, cosLat, c.Lon, c.Lat)
			if d < bestD || d == bestD && c.Score > best.Score {
				best, bestD = c, d
			}
		}
	}
	if best.Place != nil && (bestD <= linkNameM || (roughPoint(best.PointSource) || best.Kind == "city" || best.Kind == "town") && bestD <= linkRoughM) {
		lp := linkedOf(best.Place, best.Score, best.Reason)
		if roughPoint(best.PointSource) {
			// The publisher's point is better than a hromada's centre.
			lp.place.Lon, lp.place.Lat = lon, lat
		}
		return lp
	}
	if i := e.nearestAny(lon, lat, linkAnyM, russia); i >= 0 {
		return linkedOf(&e.g.Places[i], 1, ReasonLinked)
	}
	if i := e.nearestLoose(name, lon, lat, linkLooseM, russia); i >= 0 {
		return linkedOf(&e.g.Places[i], 0.8, gazetteer.ReasonLoose)
	}
	if russia {
		return linkedPlace{place: russianPlace(firstReading(name), lon, lat), score: 0.5, reason: ReasonLinked, ok: true}
	}
	return linkedPlace{}
}

func linkedOf(p *frontline.Place, score float64, reason string) linkedPlace {
	mp := frontline.MentionPlace{ID: p.ID, Name: p.Name, Kind: p.Kind, Oblast: p.Oblast, OblastISO: p.OblastISO, Country: p.Country}
	if p.PointSource != "" {
		mp.Lon, mp.Lat = p.Lon, p.Lat
	}
	return linkedPlace{place: mp, score: score, reason: reason, site: p.PointSource == "site", ok: true}
}

// spellings are the forms of a name to look up: the name, then its
// candidate nominatives.
func (e *Extractor) spellings(name string) []string {
	if strings.Contains(name, readingSep) {
		var out []string
		for _, r := range strings.Split(name, readingSep) {
			out = append(out, e.spellings(r)...)
		}
		return out
	}
	words := strings.Fields(name)
	for i, w := range words {
		words[i] = inflect.Unmix(w)
	}
	switch len(words) {
	case 0:
		return nil
	case 1:
		return inflect.Lemmas(words[0])
	}
	return inflect.Phrases(words, " ")
}

// nearestLoose is the place nearest (lon, lat) within maxM whose Ukrainian
// or Latin name has the loose key of name or of one of its lemmas; -1 if
// none.
func (e *Extractor) nearestLoose(name string, lon, lat, maxM float64, russia bool) int {
	keys := map[string]bool{}
	for _, s := range e.spellings(name) {
		if k := translit.FoldLoose(s); k != "" {
			keys[k] = true
		}
	}
	x := e.points()
	c := cellOf(lon, lat)
	cosLat := math.Cos(lat * math.Pi / 180)
	best, bestD := -1, maxM
	r := int32(math.Ceil(maxM / (gridDeg * 111000 * cosLat)))
	for dx := -r; dx <= r; dx++ {
		for dy := int32(-1); dy <= 1; dy++ {
			for _, i := range x.cells[[2]int32{c[0] + dx, c[1] + dy}] {
				p := &e.g.Places[i]
				if (p.Country == "RU") != russia || p.Kind == "city_district" {
					continue
				}
				d := approxDistanceM(lon, lat, cosLat, p.Lon, p.Lat)
				if d > bestD {
					continue
				}
				if keys[translit.FoldLoose(p.NameUK)] || keys[translit.FoldLoose(p.Name)] || p.NameRU != "" && keys[translit.FoldLoose(p.NameRU)] {
					best, bestD = int(i), d
				}
			}
		}
	}
	return best
}
