package gazetteer

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

func openLines(path string, fn func(lineNo int, line string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if err := fn(n, line); err != nil {
			return fmt.Errorf("gazetteer: %s line %d: %w", filepath.Base(path), n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("gazetteer: %s: %w", filepath.Base(path), err)
	}
	return nil
}

var kindOfCategory = map[string]string{
	"K": "city", "M": "city", "X": "town", "C": "village", "B": "city_district",
}

func (b *builder) readKATOTTG(path string) error {
	b.oblastByPrefix = map[string]int{}
	for i, o := range oblasts {
		b.oblastByPrefix[o.KATOTTG[:4]] = i
	}
	b.raionName = map[string]string{}
	b.hromadaName = map[string]string{}
	b.byCode = map[string]int{}
	seenOblast := make([]bool, len(oblasts))
	err := openLines(path, func(n int, line string) error {
		f := strings.Split(line, ";")
		if len(f) != 7 {
			return fmt.Errorf("%d fields, want 7", len(f))
		}
		if n == 1 {
			if !strings.HasPrefix(f[0], "Перший") {
				return fmt.Errorf("unexpected header %q", truncate(line, 60))
			}
			return nil
		}
		b.report.KATOTTGRows++
		cat := f[5]
		name, fixed := cleanName(f[6])
		if fixed {
			b.report.MixedScriptFixes[srcKATOTTG]++
		}
		if name == "" || len(f[0]) != 19 {
			return fmt.Errorf("bad row %q", truncate(line, 60))
		}
		oi, ok := b.oblastByPrefix[f[0][:4]]
		if !ok {
			return fmt.Errorf("level-1 code %s is not in the oblast table", f[0])
		}
		code := ""
		parent := -1
		switch cat {
		case "O", "K":
			o := oblasts[oi]
			if f[0] != o.KATOTTG || name != o.NameUK {
				return fmt.Errorf("codifier has %s %q, the oblast table %s %q", f[0], name, o.KATOTTG, o.NameUK)
			}
			seenOblast[oi] = true
			if cat == "O" {
				return nil
			}
			code = f[0]
		case "P":
			b.raionName[f[1]] = name
			return nil
		case "H":
			b.hromadaName[f[2]] = name
			return nil
		case "M", "X", "C":
			code = f[3]
		case "B":
			code = f[4]
			p, ok := b.byCode[f[3]]
			if !ok {
				return fmt.Errorf("city district %s before its city %s", code, f[3])
			}
			parent = p
		default:
			return fmt.Errorf("unknown category %q", cat)
		}
		if len(code) != 19 {
			return fmt.Errorf("bad code %q for category %s", code, cat)
		}
		if _, dup := b.byCode[code]; dup {
			return fmt.Errorf("duplicate code %s", code)
		}
		b.byCode[code] = len(b.settlements)
		b.settlements = append(b.settlements, settlement{
			code: code, kind: kindOfCategory[cat], nameUK: name, key: joinKey(name),
			oblast: oi, raion: f[1], hromada: f[2], parent: parent,
			geo: -1, wof: -1, postal: -1, approx: -1,
		})
		return nil
	})
	if err != nil {
		return err
	}
	for i, seen := range seenOblast {
		if !seen {
			return fmt.Errorf("gazetteer: %s: no row for %s %s", filepath.Base(path), oblasts[i].KATOTTG, oblasts[i].NameUK)
		}
	}
	b.report.Raions = len(b.raionName)
	// Codes that are not raions or hromadas (Kyiv's districts repeat the
	// city's code at every level; Chornobyl and Prypiat sit directly under
	// the oblast) mean "none".
	for i := range b.settlements {
		s := &b.settlements[i]
		if _, ok := b.raionName[s.raion]; !ok {
			s.raion = ""
		}
		if _, ok := b.hromadaName[s.hromada]; !ok {
			s.hromada = ""
		}
	}
	return nil
}

// geonamesAdmin1Aliases maps the GeoNames admin1 names that are not the
// English oblast name without " Oblast" to ISO codes.
var geonamesAdmin1Aliases = map[string]string{
	"Kiev":            "UA-32",
	"Kyiv City":       "UA-30",
	"Odessa":          "UA-51",
	"Transcarpathia":  "UA-21",
	"Crimea":          "UA-43",
	"Sevastopol City": "UA-40",
}

func (b *builder) readAdmin1(path string) error {
	b.admin1 = map[string]int{}
	used := map[int]string{}
	err := openLines(path, func(n int, line string) error {
		f := strings.Split(line, "\t")
		if len(f) != 4 || !strings.HasPrefix(f[0], "UA.") {
			return fmt.Errorf("want 4 tab-separated fields starting UA.xx, got %q", truncate(line, 60))
		}
		name := f[1]
		oi := -1
		for i, o := range oblasts {
			if geonamesAdmin1Aliases[name] == o.ISO || strings.TrimSuffix(o.Name, " Oblast") == name {
				oi = i
			}
		}
		if oi < 0 {
			return fmt.Errorf("GeoNames admin1 %s %q matches no oblast", f[0], name)
		}
		if prev, dup := used[oi]; dup {
			return fmt.Errorf("GeoNames admin1 %s and %s both name %s", prev, f[0], oblasts[oi].ISO)
		}
		used[oi] = f[0]
		b.admin1[strings.TrimPrefix(f[0], "UA.")] = oi
		return nil
	})
	if err != nil {
		return err
	}
	if len(b.admin1) != len(oblasts) {
		return fmt.Errorf("gazetteer: %s: %d admin1 codes, want %d", filepath.Base(path), len(b.admin1), len(oblasts))
	}
	return nil
}

func (b *builder) readCities(path string) error {
	return openLines(path, func(n int, line string) error {
		f := strings.Split(line, "\t")
		if len(f) != 19 {
			return fmt.Errorf("%d fields, want 19", len(f))
		}
		if f[8] != "UA" {
			return nil
		}
		b.report.GeoNamesRows++
		lat, err1 := strconv.ParseFloat(f[4], 64)
		lon, err2 := strconv.ParseFloat(f[5], 64)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("bad coordinates %q, %q", f[4], f[5])
		}
		pop := 0
		if f[14] != "" {
			var err error
			if pop, err = strconv.Atoi(f[14]); err != nil {
				return fmt.Errorf("bad population %q", f[14])
			}
		}
		oi, ok := b.admin1[f[10]]
		if !ok {
			oi = -1
		}
		id, err := strconv.Atoi(f[0])
		if err != nil {
			return fmt.Errorf("bad geonameid %q", f[0])
		}
		r := geoRow{line: n, id: id, name: f[1], pt: point{lon, lat}, oblast: oi, pop: pop, joined: -1}
		seen := map[string]bool{}
		seenKey := map[string]bool{}
		for _, raw := range strings.Split(f[3], ",") {
			a, fixed := cleanName(raw)
			if fixed {
				b.report.MixedScriptFixes[srcGeoNames]++
			}
			if a == "" || seen[a] {
				continue
			}
			seen[a] = true
			r.alts = append(r.alts, a)
			if tier := ukrainianTier(a); tier > 0 {
				k := joinKey(a)
				if !seenKey[k] {
					seenKey[k] = true
					r.keys = append(r.keys, tierKey{k, tier})
				}
			}
		}
		for _, a := range append([]string{f[1], f[2]}, r.alts...) {
			if ukrainianTier(a) == 0 && !strings.ContainsFunc(a, func(c rune) bool { return unicode.Is(unicode.Cyrillic, c) }) {
				if k := latinSkeleton(a); k != "" && !slices.Contains(r.latin, k) {
					r.latin = append(r.latin, k)
				}
			}
		}
		b.geo = append(b.geo, r)
		return nil
	})
}

func (b *builder) readPostal(path string) error {
	oblastOf := map[string]int{}
	for i, o := range oblasts {
		oblastOf[strings.ToLower(latinForMatch(o.NameUK))] = i
	}
	type pointCount struct {
		pt    point
		exact bool
		n     int
	}
	groupIndex := map[string]int{}
	var groupPoints [][]pointCount
	b.postalByKey = map[string][]int{}
	err := openLines(path, func(n int, line string) error {
		f := strings.Split(line, "\t")
		if len(f) != 12 {
			return fmt.Errorf("%d fields, want 12", len(f))
		}
		if f[0] != "UA" {
			return nil
		}
		b.report.PostalRows++
		oi, ok := oblastOf[strings.ToLower(f[3])]
		if !ok {
			return fmt.Errorf("oblast %q matches no oblast's transliterated name", f[3])
		}
		lat, err1 := strconv.ParseFloat(f[9], 64)
		lon, err2 := strconv.ParseFloat(f[10], 64)
		// Accuracy 4 and 3 are accurate, 1 estimated; 5 rows leave it empty
		// (Kupiansk's is 14 km off), so empty counts as estimated.
		acc, err3 := 1, error(nil)
		if f[11] != "" {
			acc, err3 = strconv.Atoi(f[11])
		}
		if err1 != nil || err2 != nil || err3 != nil {
			return fmt.Errorf("bad point or accuracy %q %q %q", f[9], f[10], f[11])
		}
		base, hint := splitPostalName(f[2])
		name, fixed := cleanName(base)
		hint, fixedHint := cleanName(hint)
		if fixed || fixedHint {
			b.report.MixedScriptFixes[srcPostal]++
		}
		if name == "" {
			return fmt.Errorf("empty place name")
		}
		key := joinKey(name)
		gk := strconv.Itoa(oi) + "\x00" + key + "\x00" + f[5] + "\x00" + hint
		gi, ok := groupIndex[gk]
		if !ok {
			gi = len(b.postal)
			groupIndex[gk] = gi
			b.postal = append(b.postal, postalGroup{oblast: oi, name: name, key: key, raion: f[5], hint: hint, settlement: -1})
			groupPoints = append(groupPoints, nil)
			kk := strconv.Itoa(oi) + "\x00" + key
			b.postalByKey[kk] = append(b.postalByKey[kk], gi)
		}
		b.postal[gi].rows++
		if !slices.Contains(b.postal[gi].codes, f[1]) {
			b.postal[gi].codes = append(b.postal[gi].codes, f[1])
		}
		pc := pointCount{pt: point{lon, lat}, exact: acc >= 3}
		found := false
		for j := range groupPoints[gi] {
			if groupPoints[gi][j].pt == pc.pt && groupPoints[gi][j].exact == pc.exact {
				groupPoints[gi][j].n++
				found = true
			}
		}
		if !found {
			pc.n = 1
			groupPoints[gi] = append(groupPoints[gi], pc)
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Each group's point: the most frequent accurate point, else the most
	// frequent estimated one (first seen on ties).
	for gi := range b.postal {
		g := &b.postal[gi]
		best := -1
		for j, pc := range groupPoints[gi] {
			if best < 0 || (pc.exact && !groupPoints[gi][best].exact) ||
				(pc.exact == groupPoints[gi][best].exact && pc.n > groupPoints[gi][best].n) {
				best = j
			}
		}
		g.pt, g.exact = groupPoints[gi][best].pt, groupPoints[gi][best].exact
		for _, pc := range groupPoints[gi] {
			if pc.exact && g.exact && distanceKm(pc.pt, g.pt) > 10 {
				g.spread = true
			}
		}
	}
	b.report.PostalPlaces = len(b.postal)
	b.checkPostalPoints()
	for k := range b.postalByKey {
		b.postalKeys = append(b.postalKeys, k)
	}
	slices.Sort(b.postalKeys)
	return nil
}

// checkPostalPoints finds where each old (pre-2020) raion of the postal file
// lies and drops the points far outside it. Accuracy-4 points are not all
// good: in some raions most villages were geocoded onto namesakes all over
// the country (Volochysk raion's Вільшани sits near Kharkiv). The true
// points of a raion cluster, the wrong ones scatter; so the raion's centre
// is the mean of the points within 20 km of the point with most
// neighbours within 20 km, and a point more than 45 km from it is dropped
// (an old raion was at most ~80 km across).
func (b *builder) checkPostalPoints() {
	near := newGeoGrid(b.geo)
	for gi := range b.postal {
		g := &b.postal[gi]
		if !near.inOblast(g.pt, g.oblast) {
			g.bad = true
			b.report.PostalOutsideOblast++
		}
	}
	byRaion := map[string][]int{}
	var keys []string
	for gi := range b.postal {
		g := &b.postal[gi]
		if g.raion == "" || g.bad {
			continue
		}
		k := strconv.Itoa(g.oblast) + "\x00" + g.raion
		if _, ok := byRaion[k]; !ok {
			keys = append(keys, k)
		}
		byRaion[k] = append(byRaion[k], gi)
	}
	b.raionRef = map[string]point{}
	for _, k := range keys {
		var pts []point
		for _, gi := range byRaion[k] {
			if b.postal[gi].exact {
				pts = append(pts, b.postal[gi].pt)
			}
		}
		if len(pts) == 0 {
			for _, gi := range byRaion[k] {
				pts = append(pts, b.postal[gi].pt)
			}
		}
		best, bestN := 0, -1
		for i, p := range pts {
			n := 0
			for _, q := range pts {
				if fastKm(p, q) <= 20 {
					n++
				}
			}
			if n > bestN {
				best, bestN = i, n
			}
		}
		var c point
		n := 0
		for _, q := range pts {
			if fastKm(pts[best], q) <= 20 {
				c.lon += q.lon
				c.lat += q.lat
				n++
			}
		}
		c = point{c.lon / float64(n), c.lat / float64(n)}
		b.raionRef[k] = c
		for _, gi := range byRaion[k] {
			if distanceKm(c, b.postal[gi].pt) > 45 {
				b.postal[gi].bad = true
				b.report.PostalOutsideRaion++
			}
		}
	}
}

// splitPostalName splits "Вовчий Яр (Яковенківська сільська рада)" into the
// name and the bracketed council or neighbouring village.
func splitPostalName(s string) (name, hint string) {
	name, rest, ok := strings.Cut(s, "(")
	if !ok {
		return strings.TrimSpace(s), ""
	}
	hint, _, _ = strings.Cut(rest, ")")
	return strings.TrimSpace(name), strings.TrimSpace(hint)
}
