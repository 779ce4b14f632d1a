package gazetteer

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/translit"
)

// primaryNames holds every settlement's own names, Ukrainian and the
// rule's Russian, folded.
func (b *builder) primaryNames() map[string]bool {
	primary := map[string]bool{}
	for i := range b.settlements {
		s := &b.settlements[i]
		if s.kind == "city_district" {
			continue
		}
		primary[translit.Fold(s.nameUK)] = true
		primary[translit.Fold(b.russianForm(s.nameUK))] = true
	}
	return primary
}

// samePrefix reports whether a and b begin with the same n runes: an
// alternate that does (Кременной for Кремінна) is the place's own name in
// another form, not another settlement's.
func samePrefix(a, b string, n int) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < n || len(rb) < n {
		return false
	}
	return string(ra[:n]) == string(rb[:n])
}

func (b *builder) places() []frontline.Place {
	out := make([]frontline.Place, len(b.settlements))
	// primary holds every settlement's own names, Ukrainian and the rule's
	// Russian, folded.
	primary := b.primaryNames()
	b.ruSources = make(map[string]ruSource, len(b.settlements))
	for i := range b.settlements {
		s := &b.settlements[i]
		o := oblasts[s.oblast]
		p := frontline.Place{
			ID: s.code, KATOTTG: s.code, Kind: s.kind, NameUK: s.nameUK,
			Oblast: o.Name, OblastISO: o.ISO,
			Raion: b.raionName[s.raion], Hromada: b.hromadaName[s.hromada],
			Lon: s.pt.lon, Lat: s.pt.lat, PointSource: s.source,
		}
		var alts, soviet []string
		var src ruSource
		if s.geo >= 0 {
			r := &b.geo[s.geo]
			p.Population = r.pop
			alts = append([]string{r.name}, r.alts...)
			for _, c := range rankRussian(s.nameUK, r.alts) {
				src.names = append(src.names, c.name)
			}
			if len(src.names) > 0 {
				p.NameRU = src.names[0] // russianName's pick, ranked once
			}
		}
		// GeoNames' pick that is only the Ukrainian spelling (Дебальцеве,
		// Лыман) yields to Who's On First's Russian name, or to the rule's
		// form when GeoNames lists it.
		// Who's On First's name must be the settlement's in Russian letters
		// or translated (ruPlausible): Колоски's is "Ораз", Пороги's
		// "Запорожье".
		if p.NameRU != "" && ukrainianSpelling(s.nameUK, p.NameRU) {
			if w := s.wof; w >= 0 && b.wof[w].nameRU != "" && russianAlphabet(b.wof[w].nameRU) && ruPlausible(s.nameUK, b.wof[w].nameRU) &&
				!slices.ContainsFunc(formerNames[s.code], func(f string) bool { return joinKey(f) == joinKey(b.wof[w].nameRU) }) {
				p.NameRU = ""
			} else if ru := b.russianForm(s.nameUK); slices.ContainsFunc(alts, func(a string) bool { return joinKey(a) == joinKey(ru) }) {
				p.NameRU = ru
			}
		}
		if p.NameRU != "" {
			b.report.RussianFrom["geonames"]++
			src.from = "geonames"
		}
		if s.wof >= 0 {
			w := &b.wof[s.wof]
			if w.nameRU != "" && russianAlphabet(w.nameRU) {
				src.names = append(src.names, w.nameRU)
			}
			// A row joined by its name without a Soviet word holds the
			// village's former names (Червона Діброва, Красная Дибровa):
			// spellings, never the Russian name of today.
			former := w.soviet || slices.ContainsFunc(formerNames[s.code], func(f string) bool { return joinKey(f) == joinKey(w.nameRU) })
			if w.nameRU != "" && russianAlphabet(w.nameRU) {
				// A name unrelated to the Ukrainian one (another place's,
				// a raion's, a word: Сено for Гай, Коломыйский район) is
				// only an alternate.
				if p.NameRU == "" && !former && ruPlausible(s.nameUK, w.nameRU) {
					p.NameRU = w.nameRU
					b.report.RussianFrom[srcWOF]++
					src.from = srcWOF
				} else if joinKey(p.NameRU) != joinKey(w.nameRU) {
					alts = append(alts, w.nameRU)
				}
			}
			if p.Population == 0 {
				p.Population = w.pop
			}
			if w.name != "" && !hasCyrillic(w.name) {
				if w.near {
					soviet = append(soviet, w.name)
				} else {
					alts = append(alts, w.name)
				}
			}
			if w.soviet {
				// Kept even when another settlement bears the name today
				// (Червона Діброва): it was this one's, and the place of
				// its own the row made before is gone.
				for _, n := range []string{w.name, w.nameUK, w.nameRU} {
					if n != "" && !slices.Contains(soviet, n) {
						soviet = append(soviet, n)
					}
				}
			}
		}
		if p.NameRU == "" && s.kind != "city_district" {
			if ru := b.russianForm(s.nameUK); joinKey(ru) != s.key {
				p.NameRU = ru
				b.report.RussianFrom["rule"]++
				src.from = "rule"
			}
		}
		b.ruSources[s.code] = src
		p.Names = placeNames(p.NameUK, p.NameRU, "")
		own := map[string]bool{translit.Fold(p.NameUK): true, translit.Fold(p.NameRU): true}
		for _, a := range formerNames[s.code] {
			own[translit.Fold(a)] = true
		}
		var rule []string
		if s.kind != "city_district" {
			rule = b.russianVariants(s.nameUK)
			for _, r := range rule {
				own[translit.Fold(r)] = true
			}
		}
		for _, a := range append(slices.Clone(formerNames[s.code]), alts...) {
			// A source's alternate that is another settlement's own
			// name (GeoNames lists Petrovka, a village Kurakhove grew
			// from, for the city) would take that name's homonyms.
			if k := translit.Fold(a); !own[k] && primary[k] && !samePrefix(k, translit.Fold(p.NameUK), 4) {
				b.report.AlternatesDropped++
				continue
			}
			if keepAlternate(a) && !slices.Contains(p.Names, a) {
				p.Names = append(p.Names, a)
			}
		}
		for _, a := range soviet {
			if keepAlternate(a) && !slices.Contains(p.Names, a) {
				p.Names = append(p.Names, a)
			}
		}
		// The rule's other Russian forms (Селидово and Селидовое,
		// Боровское for Борівське) as spellings that find the place.
		for _, r := range rule {
			if !slices.ContainsFunc(p.Names, func(n string) bool { return joinKey(n) == joinKey(r) }) {
				p.Names = append(p.Names, r)
				b.report.RussianVariants++
			}
		}
		out[i] = p
	}
	return out
}

func (b *builder) finishReport() {
	r := b.report
	r.Settlements = len(b.settlements)
	for i := range b.settlements {
		s := &b.settlements[i]
		r.ByKind[s.kind]++
		r.PointSources[s.source]++
		if s.source == "" {
			r.NoPoint++
			r.NoPointBy[oblasts[s.oblast].ISO]++
		}
	}
	var dw []float64
	for i := range b.settlements {
		s := &b.settlements[i]
		if s.wof < 0 {
			continue
		}
		if s.postal >= 0 {
			dw = append(dw, distanceKm(b.wof[s.wof].pt, b.postal[s.postal].pt))
		}
		if s.geo >= 0 {
			r.WOFVsGeoNamesN++
			if distanceKm(b.wof[s.wof].pt, b.geo[s.geo].pt) > 1 {
				r.WOFVsGeoNamesOver1Km++
			}
		}
	}
	r.WOFVsPostalN = len(dw)
	if len(dw) > 0 {
		r.WOFVsPostalMedianKm = math.Round(median(dw)*10) / 10
		for _, d := range dw {
			if d > 5 {
				r.WOFVsPostalOver5Km++
			}
		}
	}
	var ds []float64
	for i := range b.settlements {
		s := &b.settlements[i]
		if s.geo >= 0 && s.postal >= 0 {
			ds = append(ds, distanceKm(b.geo[s.geo].pt, b.postal[s.postal].pt))
		}
	}
	slices.Sort(ds)
	r.PostalVsGeoNamesN = len(ds)
	if len(ds) > 0 {
		r.PostalVsGeoNamesMedianKm = math.Round(median(ds)*10) / 10
		r.PostalVsGeoNamesP90Km = math.Round(ds[len(ds)*9/10]*10) / 10
		for _, d := range ds {
			if d > 10 {
				r.PostalVsGeoNamesOver10Km++
			}
		}
	}
}

// WriteTo prints the report for a person.
func (r *BuildReport) WriteTo(w io.Writer) (int64, error) {
	var sb strings.Builder
	pct := func(n, of int) string { return fmt.Sprintf("%.1f %%", 100*float64(n)/float64(max(of, 1))) }
	fmt.Fprintf(&sb, "codifier rows:               %d (%d raions)\n", r.KATOTTGRows, r.Raions)
	fmt.Fprintf(&sb, "settlements:                 %d", r.Settlements)
	for _, k := range []string{"city", "town", "village", "city_district"} {
		fmt.Fprintf(&sb, ", %s %d", k, r.ByKind[k])
	}
	fmt.Fprintf(&sb, "\nsites:                       %d\n", r.Sites)
	fmt.Fprintf(&sb, "GeoNames rows:               %d\n", r.GeoNamesRows)
	fmt.Fprintf(&sb, "  joined:                    %d (unique name %d, several candidates resolved %d, across an oblast border %d)\n",
		r.GeoNamesJoined, r.GeoNamesUnique, r.GeoNamesResolved, r.GeoNamesCrossOblast)
	fmt.Fprintf(&sb, "  of them through Latin names: %d (no Cyrillic alternate matched the codifier's name)\n", r.GeoNamesViaLatin)
	fmt.Fprintf(&sb, "  ambiguous, left unjoined:  %d\n", r.GeoNamesAmbiguous)
	fmt.Fprintf(&sb, "  settlement already joined: %d\n", r.GeoNamesDuplicate)
	fmt.Fprintf(&sb, "  too far from the hromada:  %d (the one settlement of the name lies > 40 km from its hromada's other places)\n", r.GeoNamesRejectedFar)
	fmt.Fprintf(&sb, "  matched no settlement:     %d: %s\n", r.GeoNamesUnmatched, strings.Join(r.GeoNamesUnmatchedList, ", "))
	fmt.Fprintf(&sb, "postal rows:                 %d in %d distinct places\n", r.PostalRows, r.PostalPlaces)
	fmt.Fprintf(&sb, "  joined:                    %d places (%d of them among several candidates)\n", r.PostalMatched, r.PostalResolved)
	fmt.Fprintf(&sb, "  ambiguous, left unjoined:  %d places\n", r.PostalAmbiguous)
	fmt.Fprintf(&sb, "  matched no settlement:     %d places, %d rows, e.g. %s\n", r.PostalUnmatched, r.PostalUnmatchedRows, strings.Join(r.PostalUnmatchedSample, ", "))
	fmt.Fprintf(&sb, "  points in another oblast:  %d places (the 5 nearest GeoNames places are all of other oblasts)\n", r.PostalOutsideOblast)
	fmt.Fprintf(&sb, "  points outside old raion:  %d places (> 45 km from the centre of their old raion's points: geocoded onto a namesake)\n", r.PostalOutsideRaion)
	fmt.Fprintf(&sb, "  accurate points dropped:   %d (> 30 km from the hromada's other places: geocoded onto a namesake)\n", r.PostalRejectedFar)
	fmt.Fprintf(&sb, "  estimated points not used: %d (the hromada's centroid is used instead)\n", r.PostalApproxSuperseded)
	fmt.Fprintf(&sb, "Who's On First rows:         %d\n", r.WOFRows)
	fmt.Fprintf(&sb, "  joined:                    %d (by the geonameid of a joined cities500 row %d, by name, oblast and distance %d, then by the Russian forms of the name %d, then by a name one edit away %d, then by the name without a Soviet word %d)\n",
		r.WOFJoinedByGeoNamesID+r.WOFJoinedByName+r.WOFJoinedByRussian+r.WOFJoinedByNear+r.WOFJoinedBySoviet, r.WOFJoinedByGeoNamesID, r.WOFJoinedByName, r.WOFJoinedByRussian, r.WOFJoinedByNear, r.WOFJoinedBySoviet)
	fmt.Fprintf(&sb, "  candidates, left unjoined: %d (too far from the settlement's hromada, a homonym as near, or the settlement taken)\n", r.WOFLeft)
	fmt.Fprintf(&sb, "  matched no settlement:     %d\n", r.WOFUnmatched)
	fmt.Fprintf(&sb, "  vs postal point:           %d settlements with both; median %.1f km, %d over 5 km\n", r.WOFVsPostalN, r.WOFVsPostalMedianKm, r.WOFVsPostalOver5Km)
	fmt.Fprintf(&sb, "  vs cities500 point:        %d settlements with both; %d over 1 km\n", r.WOFVsGeoNamesN, r.WOFVsGeoNamesOver1Km)
	fmt.Fprintf(&sb, "  places of their own:       %d (front oblasts, no settlement of the gazetteer there: renamed or merged villages)\n", r.WOFOwnPlaces)
	fmt.Fprintf(&sb, "  other names of a settlement: %d (a locality within 1.5 km of one settlement, front oblasts)\n", r.WOFOtherNames)
	fmt.Fprintf(&sb, "places in Russia:            %d cities500 rows of Kursk, Belgorod, Bryansk oblasts; %d tracker links into Russia (%d naming a Ukrainian border settlement), %d villages added from them\n",
		r.RussiaCities, r.RussiaLinks, r.RussiaLinksUkrainian, r.RussiaTrackerPlaces)
	fmt.Fprintf(&sb, "Russian names:               GeoNames %d, Who's On First %d, by rule from the Ukrainian name %d\n",
		r.RussianFrom["geonames"], r.RussianFrom[srcWOF], r.RussianFrom["rule"])
	for _, h := range []struct {
		name string
		c    RussianRuleCheck
	}{{"tuning half", r.RussianRuleTune}, {"held-out half", r.RussianRuleHeld}} {
		fmt.Fprintf(&sb, "  vs the sources' names, %s (%d pairs): hand-written rule %s, learned form %s, any form %s\n",
			h.name, h.c.Pairs, pct(h.c.Hand, h.c.Pairs), pct(h.c.Learned, h.c.Pairs), pct(h.c.AnyForm, h.c.Pairs))
		c, n := h.c, h.c.Pairs-h.c.Translated
		fmt.Fprintf(&sb, "    %s, without the %d translated names (ruforms3's rule; %d pairs): hand-written rule %s, learned form %s, any form %s\n",
			h.name, c.Translated, n, pct(c.Hand-c.TranslatedHand, n), pct(c.Learned-c.TranslatedLearned, n), pct(c.AnyForm-c.TranslatedAnyForm, n))
	}
	fmt.Fprintf(&sb, "  sources' names not compared: tuning half %d ukrainian, %d unrelated, %d abbreviated; held-out half %d, %d, %d (ruPairSkip)\n",
		r.RussianPairsSkipped["tune ukrainian"], r.RussianPairsSkipped["tune unrelated"], r.RussianPairsSkipped["tune abbreviated"],
		r.RussianPairsSkipped["held ukrainian"], r.RussianPairsSkipped["held unrelated"], r.RussianPairsSkipped["held abbreviated"])
	fmt.Fprintf(&sb, "  the rule's further forms:  %d spellings added (the learned ones, the hand-written rule's, -ово and -овое, і read as о)\n", r.RussianVariants)
	fmt.Fprintf(&sb, "alternates dropped:          %d (another settlement's own name)\n", r.AlternatesDropped)
	fmt.Fprintf(&sb, "postal-area points:          %d (the mean of the settlements sharing the postal code); checked on %d villages with a point of their own: median %.1f km off, %s within 5 km (hromada centroid: %.1f km, %s)\n",
		r.PointSources[srcPostalArea], r.PostalAreaCheckN, r.PostalAreaMedianKm, pct(r.PostalAreaWithin5Km, r.PostalAreaCheckN), r.PostalAreaHromadaMedianKm, pct(r.PostalAreaHromadaWithin5Km, r.PostalAreaCheckN))
	fmt.Fprintf(&sb, "tracker links for points:    %d English links on Ukraine's land (versions with id %% 3 != 0), %d naming one settlement; %d settlements' links disagree\n",
		r.LinkPointLinks, r.LinkPointMatched, r.LinkPointDisagree)
	fmt.Fprintf(&sb, "  points taken:              %d (replacing hromada %d, postal-area %d, postal-approx %d, none %d, whosonfirst %d, postal %d, geonames %d)\n",
		r.PointSources[SrcDeepStateLink], r.LinkPointsFrom["hromada"], r.LinkPointsFrom[srcPostalArea], r.LinkPointsFrom["postal-approx"], r.LinkPointsFrom["none"], r.LinkPointsFrom[srcWOF], r.LinkPointsFrom["postal"], r.LinkPointsFrom["geonames"])
	fmt.Fprintf(&sb, "  spellings added:           %d (the tracker's Latin spelling of a name its Ukrainian text gives, no settlement of the oblast having it)\n", r.LinkSpellings)
	fmt.Fprintf(&sb, "  loose spellings added:     %d (a spelling no settlement bears, one settlement's name under FoldLoose with its word endings, its own point within %d km of the link)\n", r.LinkLooseSpellings, linkSpellingKm)
	fmt.Fprintf(&sb, "points (before the Who's On First join → after):\n")
	for _, src := range []string{"geonames", srcWOF, SrcDeepStateLink, "postal", srcPostalArea, "postal-approx", "hromada", ""} {
		label := src
		if src == "" {
			label = "none"
		}
		fmt.Fprintf(&sb, "  %-14s %6d  %6s → %6d  %s\n", label+":", r.PointSourcesWithoutWOF[src], pct(r.PointSourcesWithoutWOF[src], r.Settlements), r.PointSources[src], pct(r.PointSources[src], r.Settlements))
	}
	fmt.Fprintf(&sb, "  without a point, by oblast:")
	var isos []string
	for iso := range r.NoPointBy {
		isos = append(isos, iso)
	}
	slices.Sort(isos)
	for i, iso := range isos {
		sep := ", "
		if i == 0 {
			sep = " ("
		}
		fmt.Fprintf(&sb, "%s%s %d", sep, iso, r.NoPointBy[iso])
	}
	if len(isos) > 0 {
		sb.WriteString(")")
	}
	fmt.Fprintf(&sb, "\n  with a point:  %s\n", pct(r.Settlements-r.NoPoint, r.Settlements))
	fmt.Fprintf(&sb, "postal vs GeoNames point:    %d settlements with both; median %.1f km, 90th percentile %.1f km, %d over 10 km\n",
		r.PostalVsGeoNamesN, r.PostalVsGeoNamesMedianKm, r.PostalVsGeoNamesP90Km, r.PostalVsGeoNamesOver10Km)
	fmt.Fprintf(&sb, "mixed-script names fixed:    codifier %d, GeoNames %d, postal %d\n",
		r.MixedScriptFixes[srcKATOTTG], r.MixedScriptFixes[srcGeoNames], r.MixedScriptFixes[srcPostal])
	n, err := io.WriteString(w, sb.String())
	return int64(n), err
}
