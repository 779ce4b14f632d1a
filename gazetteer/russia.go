package gazetteer

import (
	"cmp"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/translit"
)

// Places just across the border, in Russia: the towns of GeoNames'
// cities500 in Kursk, Belgorod and Bryansk oblasts, and the villages
// DeepStateMap's notes link to points outside Ukraine (the Kursk incursion
// of August–December 2024, the Belgorod raids of 2023–24). They carry Country "RU" and one of the
// regions below as their oblast, so that a text about them is not read as
// one about a Ukrainian namesake.

// foreignRegions are the regions of the places outside Ukraine. KATOTTG
// holds GeoNames' admin1 code ("RU.41"): the codifier has none.
var foreignRegions = []Oblast{
	{"RU.41", "RU-KRS", "Kursk Oblast (Russia)", "Курська область (Росія)", "Курская область (Россия)"},
	{"RU.09", "RU-BEL", "Belgorod Oblast (Russia)", "Бєлгородська область (Росія)", "Белгородская область (Россия)"},
	{"RU.10", "RU-BRY", "Bryansk Oblast (Russia)", "Брянська область (Росія)", "Брянская область (Россия)"},
}

// ForeignRegions returns the regions outside Ukraine that places may lie in.
func ForeignRegions() []Oblast { return slices.Clone(foreignRegions) }

// Tracker notes taken: the whole version list (April 2022–December 2024;
// until places5 only August–December 2024, which left out the villages of
// the Belgorod raids: Kozinka, Nova Tavolzhanka, Tyotkino), and only
// versions whose id is not a multiple of 3 (those are held out for
// measuring the extractor).
const (
	trackerFrom = "2022-04-01"
	trackerTo   = "2025-01-01"
)

// trackerLinkRE reads a note's link: the point of its URL fragment
// #zoom/lat/lon (the zoom may be fractional, "#12.75/46.8786/32.4172":
// 177 of the tuning versions' English links, unread until places5) and
// its text.
var trackerLinkRE = regexp.MustCompile(`<a href="https?://deepstatemap\.live/(?:en)?#[\d.]+/(-?[\d.]+)/(-?[\d.]+)\s*"\s*>(.*?)</a>`)

type ruPlace struct {
	p        frontline.Place
	geoname  bool
	tracker  int // links merged into it
	fromLink bool
}

// readRussia reads the cities500 rows of the three regions (the full
// cities500.txt or the subset shipped beside the gazetteer: the same
// format) and the tracker's links into Russia.
func (b *builder) readRussia(src Sources) ([]frontline.Place, error) {
	var out []*ruPlace
	if src.RussiaCities != "" {
		admin := map[string]int{}
		for i, r := range foreignRegions {
			admin[strings.TrimPrefix(r.KATOTTG, "RU.")] = i
		}
		err := openLines(src.RussiaCities, func(n int, line string) error {
			f := strings.Split(line, "\t")
			if len(f) != 19 {
				return fmt.Errorf("%d fields, want 19", len(f))
			}
			ri, ok := admin[f[10]]
			if f[8] != "RU" || !ok {
				return nil
			}
			lat, err1 := strconv.ParseFloat(f[4], 64)
			lon, err2 := strconv.ParseFloat(f[5], 64)
			pop, err3 := strconv.Atoi(cmp.Or(f[14], "0"))
			if err1 != nil || err2 != nil || err3 != nil || math.IsNaN(lat) || math.IsNaN(lon) || pop < 0 {
				return fmt.Errorf("bad point or population %q %q %q", f[4], f[5], f[14])
			}
			b.report.RussiaCities++
			var alts []string
			for _, a := range strings.Split(f[3], ",") {
				if a, _ = cleanName(a); a != "" && keepAlternate(a) && !slices.Contains(alts, a) {
					alts = append(alts, a)
				}
			}
			nameRU, nameUK := "", ""
			for _, a := range alts {
				// An abbreviated alternate ("Нов.Таволжанка") is a
				// spelling, not the name: the full one is preferred.
				if russianAlphabet(a) && hasCyrillic(a) && (nameRU == "" || strings.Contains(nameRU, ".") && !strings.Contains(a, ".")) {
					nameRU = a
				}
				if nameUK == "" && ukrainianTier(a) == 1 {
					nameUK = a
				}
			}
			if nameRU == "" {
				return nil // no Russian name: not a place the press names
			}
			kind := "village"
			switch {
			case pop >= 50000 || f[7] == "PPLA":
				kind = "city"
			case pop >= 3000 || f[7] == "PPLA2":
				kind = "town"
			}
			reg := foreignRegions[ri]
			p := frontline.Place{
				ID: "ru:" + f[0], Kind: kind, Name: f[1], NameUK: cmp.Or(nameUK, nameRU), NameRU: nameRU,
				Oblast: reg.Name, OblastISO: reg.ISO, Country: "RU",
				Lon: round5(lon), Lat: round5(lat), PointSource: "geonames", Population: pop,
			}
			p.Names = placeNames(p.NameUK, p.NameRU, "")
			for _, a := range append([]string{f[1], f[2]}, alts...) {
				if a != "" && keepAlternate(a) && !slices.Contains(p.Names, a) {
					p.Names = append(p.Names, a)
				}
			}
			out = append(out, &ruPlace{p: p, geoname: true})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if src.TrackerNotes != "" {
		if err := b.readTrackerRussia(src.TrackerNotes, &out); err != nil {
			return nil, err
		}
	}
	places := make([]frontline.Place, 0, len(out))
	for _, rp := range out {
		places = append(places, rp.p)
	}
	return places, nil
}

// readTrackerRussia adds the villages the tracker links into Russia.
func (b *builder) readTrackerRussia(path string, out *[]*ruPlace) error {
	versions, err := readTrackerVersions(path)
	if err != nil {
		return err
	}
	if b.loc == nil {
		if b.loc, err = newLocator(); err != nil {
			return fmt.Errorf("gazetteer: %w", err)
		}
	}
	for _, v := range versions {
		if v.ID%3 == 0 || v.CreatedAt < trackerFrom || v.CreatedAt >= trackerTo {
			continue
		}
		for _, l := range v.links() {
			lon, lat := l.pt.lon, l.pt.lat
			// Only the border regions, points off Ukraine's land, and a
			// name (every word capitalised: not "Kursk region" or "with
			// the surrounding villages").
			if lat < 49.8 || lat > 54.5 || lon < 31 || lon > 39.8 || b.loc.inUkraine(l.pt) || !properName(l.name) {
				continue
			}
			b.report.RussiaLinks++
			b.addTrackerPlace(out, l.name, strings.TrimSpace(l.uk), l.pt)
		}
	}
	return nil
}

// properName says whether every word of s starts with a capital letter.
func properName(s string) bool {
	if s == "" {
		return false
	}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' }) {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) {
			return false
		}
		for _, c := range r {
			if !unicode.IsLetter(c) && c != '\'' && c != '’' {
				return false
			}
		}
	}
	return true
}

// addTrackerPlace merges a link into a known place of the same name
// (within one edit of its folded key) within 8 km (a town's link may point at its edge), or a Ukrainian
// settlement near the border (Vovchansk), or adds a village.
func (b *builder) addTrackerPlace(out *[]*ruPlace, name, uk string, pt point) {
	key := translit.Fold(name)
	same := func(p *frontline.Place) bool {
		for _, n := range p.Names {
			k := translit.Fold(n)
			if k == key || (len(key) >= 5 && osaDistance([]rune(k), []rune(key), 1) <= 1) {
				return true
			}
		}
		return false
	}
	// A Ukrainian settlement of that name within 10 km: the link's point
	// merely lies across the line of the land polygon.
	for i := range b.settlements {
		s := &b.settlements[i]
		if s.source != "" && distanceKm(s.pt, pt) <= 10 && translit.Fold(s.nameUK) == key {
			b.report.RussiaLinksUkrainian++
			return
		}
	}
	for _, rp := range *out {
		if distanceKm(point{rp.p.Lon, rp.p.Lat}, pt) <= 8 && same(&rp.p) {
			rp.tracker++
			addName := func(n string) {
				if n != "" && !slices.Contains(rp.p.Names, n) {
					rp.p.Names = append(rp.p.Names, n)
				}
			}
			addName(name)
			if uk != "" && translit.Fold(uk) == translit.Fold(rp.p.NameUK) {
				addName(uk)
			}
			return
		}
	}
	// A new village: its region is that of the nearest cities500 place.
	reg := foreignRegions[0]
	best := math.Inf(1)
	for _, rp := range *out {
		if d := distanceKm(point{rp.p.Lon, rp.p.Lat}, pt); rp.geoname && d < best {
			best = d
			for _, r := range foreignRegions {
				if r.ISO == rp.p.OblastISO {
					reg = r
				}
			}
		}
	}
	nameUK := translit.UkrainianFromLatin(name)
	if uk != "" && translit.Fold(uk) == translit.Fold(nameUK) {
		nameUK = uk // the note's Ukrainian text is the nominative
	}
	nameRU := b.russianForm(nameUK)
	p := frontline.Place{
		ID: "ru:" + slug(name), Kind: "village", Name: name, NameUK: nameUK, NameRU: nameRU,
		Oblast: reg.Name, OblastISO: reg.ISO, Country: "RU",
		Lon: round5(pt.lon), Lat: round5(pt.lat), PointSource: "tracker",
	}
	for _, rp := range *out {
		if rp.p.ID == p.ID {
			p.ID += "-" + strconv.Itoa(len(*out))
		}
	}
	p.Names = placeNames(p.NameUK, p.NameRU, "")
	for _, n := range []string{name, uk} {
		if n != "" && !slices.Contains(p.Names, n) && (n == name || translit.Fold(n) == translit.Fold(nameUK)) {
			p.Names = append(p.Names, n)
		}
	}
	*out = append(*out, &ruPlace{p: p, tracker: 1, fromLink: true})
	b.report.RussiaTrackerPlaces++
}

// RussiaSubsetFile is the path, relative to this package, of the cities500
// rows of Kursk, Belgorod and Bryansk oblasts that the shipped gazetteer is
// built from (cities500.txt itself is 32 MB and not committed).
const RussiaSubsetFile = "data/cities500-ru-border.tsv"

// WriteRussiaSubset copies the rows of the three regions from GeoNames'
// cities500.txt (full) to out, unchanged, in file order.
func WriteRussiaSubset(full, out string) error {
	admin := map[string]bool{}
	for _, r := range foreignRegions {
		admin[strings.TrimPrefix(r.KATOTTG, "RU.")] = true
	}
	var sb strings.Builder
	err := openLines(full, func(n int, line string) error {
		f := strings.Split(line, "\t")
		if len(f) != 19 {
			return fmt.Errorf("%d fields, want 19", len(f))
		}
		if f[8] == "RU" && admin[f[10]] {
			sb.WriteString(line)
			sb.WriteByte('\n')
		}
		return nil
	})
	if err != nil {
		return err
	}
	return os.WriteFile(out, []byte(sb.String()), 0o644)
}
