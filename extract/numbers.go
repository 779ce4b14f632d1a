package extract

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/frontline-osint/frontline"
)

const (
	numPat   = `(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundreds of|thousands of|tens of thousands of)(?:\s+(thousand|million|billion))?`
	boundPat = `(more than|over|at least|upwards of|in excess of|less than|fewer than|under|up to|nearly|almost|about|around|approximately|roughly|some|an estimated|estimated|between)`
	unitPat  = `(square kilometers|square kilometres|square km|sq\.? km|km2|km²|square miles|sq\.? mi|kilometers|kilometres|kms|km|miles|mi|troops|soldiers|servicemen|personnel|fighters|men|service members)`
)

// unitStems: a sentence without any has no numeric claim.
var unitStemSet, uniUnitStemSet = newStemSet(unitStems...), newStemSet(uniUnitStems...)

var unitStems = []string{"km", "kilomet", "mile", " mi ", " mi.", " mi,", "troops", "soldiers", "servicemen", "personnel", "fighters", " men ", " men,", " men.", "service members"}

// numberRe: [bound] number [and|to number] unit.
var numberPattern = newWordPattern([]string{
	"#", "more", "over", "at", "upwards", "in", "less", "fewer", "under", "up", "nearly", "almost", "about", "around",
	"approximately", "roughly", "some", "an", "estimated", "between", "a", "one", "two", "three", "four", "five", "six",
	"seven", "eight", "nine", "ten", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
	"eighty", "ninety", "hundreds", "thousands", "tens",
}, `(?:`+boundPat+`\s+)?`+numPat+`(?:\s+(?:and|to|-|–)\s+`+numPat+`)?\s+`+unitPat).scannedBy(scanNumber)

var numberMatcher = newMatcher(numberPattern)

// directionRe: what follows a distance.
var directionRe = regexp.MustCompile(`^\s*(?:\([^)]*\)\s*)?(?:(north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west|northern|southern|eastern|western)\s+of|(?:away\s+)?from|short\s+of|deep\s+into|into|of)\b`)

var advanceVerbRe = regexp.MustCompile(`\b(?:advanc\w*|mov(?:ed|ing|e)(?: forward)?|push(?:ed|ing)?|progress\w*|penetrat\w*|gain(?:ed|ing)?|broke through|breakthrough)\b(?:\s+(?:by|about|some|nearly|almost|more than|over|up to|at least))?\s*$`)

var areaOfRe = regexp.MustCompile(`^\s+of\s+(?:[a-z-]+\s+){0,2}(?:territory|territories|land|ground|area)`)

var words2num = map[string]float64{
	"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90, "a hundred": 100, "hundreds of": 100, "thousands of": 1000, "tens of thousands of": 10000,
}

var scale = map[string]float64{"": 1, "thousand": 1e3, "million": 1e6, "billion": 1e9}

func parseNumber(n, sc string) (float64, bool) {
	var v float64
	if w, ok := words2num[n]; ok {
		if n == "a" && sc == "" {
			return 0, false // "a km" is not a number
		}
		v = w
	} else {
		f, err := strconv.ParseFloat(strings.ReplaceAll(n, ",", ""), 64)
		if err != nil {
			return 0, false
		}
		v = f
	}
	return v * scale[sc], true
}

const (
	kmPerMile   = 1.609344
	km2PerMile2 = kmPerMile * kmPerMile
)

// numbersIn finds the numeric claims of a sentence.
func (d *doc) numbersIn(si *sentenceInfo) {
	if !unitStemSet.in(si.lower) {
		// Ukrainian and Russian numbers are written in digits.
		if !strings.ContainsAny(si.lower, "0123456789") {
			return
		}
		if cyr, share := cyrOrShare(si.lower); cyr && uniUnitStemSet.in(si.lower) || share {
			d.uniNumbersIn(si, &numberTimes{})
		}
		return
	}
	var times numberTimes
	lastEnd := -1
	for _, mt := range numberMatcher.find(si.lower, si.starts, true) {
		m := mt.groups
		if m[0] < lastEnd {
			continue // "500 square kilometers" inside "2,500 square kilometers"
		}
		g := func(k int) string {
			if m[2*k] < 0 {
				return ""
			}
			return si.lower[m[2*k]:m[2*k+1]]
		}
		// "35 miles (56 km)": the bracketed repeat is the same number.
		if lastEnd >= 0 && strings.TrimSpace(si.lower[lastEnd:m[0]]) == "(" {
			continue
		}
		v1, ok := parseNumber(g(2), g(3))
		if !ok {
			continue
		}
		v2, hasMax := 0.0, g(4) != ""
		if hasMax {
			if v2, ok = parseNumber(g(4), g(5)); !ok || v2 < v1 {
				hasMax = false
			}
		}
		unit := g(6)
		// "km²": `\b` is ASCII, so the pattern stops at "km"; the
		// superscript makes it an area.
		if unit == "km" && strings.HasPrefix(si.lower[m[1]:], "²") {
			unit = "km²"
			m[1] += len("²")
		}
		nc := frontline.NumberClaim{
			Quote: si.text[m[0]:m[1]], Start: si.start + m[0], End: si.start + m[1],
			SentenceStart: si.start, SentenceEnd: si.end,
			Speaker: si.speaker, SpeakerSide: frontline.Side(si.side),
			RefersTo: si.refersTo, RefersToPhrase: si.phrase,
			Verdict: frontline.VerdictUnchecked,
		}
		factor := 1.0
		switch {
		case strings.HasPrefix(unit, "square") || strings.HasPrefix(unit, "sq") || unit == "km2" || unit == "km²":
			nc.Kind, nc.Unit = frontline.NumberArea, "km2"
			if strings.Contains(unit, "mi") {
				factor = km2PerMile2
			}
		case unit == "kilometers" || unit == "kilometres" || unit == "km" || unit == "kms" || unit == "miles" || unit == "mi":
			nc.Unit = "km"
			if unit == "miles" || unit == "mi" {
				factor = kmPerMile
			}
			rest := si.lower[m[1]:]
			switch {
			case areaOfRe.MatchString(rest):
				// "2,500 km of Russian-occupied territory": an area
				// written with the unit of a length.
				nc.Kind, nc.Unit = frontline.NumberArea, "km2"
				if factor != 1 {
					factor = km2PerMile2
				}
				nc.Reason = "written as a length (" + unit + ") of territory; read as an area"
				// The unit as written stays with the number, for a
				// reader to judge (assessment replaces Reason).
				nc.AsWritten = strings.TrimSpace(si.text[m[0]:m[1]])
			case advanceVerbRe.MatchString(si.lower[:m[0]]) || strings.HasPrefix(strings.TrimSpace(rest), "deep") || strings.HasPrefix(strings.TrimSpace(rest), "into"):
				nc.Kind = frontline.NumberAdvance
			default:
				nc.Kind = frontline.NumberDistance
			}
			if dm := directionRe.FindStringSubmatchIndex(rest); dm != nil {
				if dm[2] >= 0 {
					nc.Direction = strings.ReplaceAll(rest[dm[2]:dm[3]], "-", "")
					nc.Direction = strings.TrimSuffix(nc.Direction, "ern")
				}
				if ref := d.mentionAfter(si, m[1]+dm[1], 60); ref != nil && nc.Kind == frontline.NumberDistance {
					nc.ReferenceID = ref.Place.ID
				}
			}
			if nc.Kind == frontline.NumberDistance {
				if p := d.distancePlace(si, m[0]); p != nil && p.Place.ID != nc.ReferenceID {
					nc.PlaceID = p.Place.ID
				}
			}
		default:
			nc.Kind, nc.Unit = frontline.NumberTroops, "troops"
		}
		if factor != 1 {
			nc.AsWritten = strings.TrimSpace(si.text[m[0]:m[1]])
		}
		nc.Value = round3(v1 * factor)
		if hasMax {
			nc.Min, nc.Max = round3(v1*factor), round3(v2*factor)
			nc.Value = round3((v1 + v2) / 2 * factor)
		}
		switch b := g(1); b {
		case "more than", "over", "at least", "upwards of", "in excess of":
			nc.Bound = frontline.BoundMoreThan
		case "less than", "fewer than", "under", "up to":
			nc.Bound = frontline.BoundLessThan
		case "":
			nc.Bound = frontline.BoundExact
			if hasMax {
				nc.Bound = frontline.BoundAbout
			}
		default: // about, nearly, between, some …
			nc.Bound = frontline.BoundAbout
		}
		if strings.HasSuffix(g(2), " of") { // "thousands of troops"
			nc.Bound = frontline.BoundMoreThan
		}
		d.finishNumber(si, &nc, m[0], m[1], &times)
		lastEnd = m[1]
	}
	d.uniNumbersIn(si, &times)
}

// numberTimes are a sentence's time expressions, read once for its
// numbers.
type numberTimes struct {
	read bool
	cs   []timeCand
	// ru: the spans naming Russian territory, once read (ruRead).
	ruRead bool
	ru     [][]int
}

// finishNumber sets what every number carries — the places of the
// sentence, the side that gained, the country, the window — and keeps it.
func (d *doc) finishNumber(si *sentenceInfo, nc *frontline.NumberClaim, a, b int, times *numberTimes) {
	seen := map[string]bool{}
	for _, mm := range si.mentions {
		if !seen[mm.Place.ID] {
			seen[mm.Place.ID] = true
			nc.PlaceIDs = append(nc.PlaceIDs, mm.Place.ID)
		}
	}
	if nc.Kind == frontline.NumberArea || nc.Kind == frontline.NumberAdvance || nc.Kind == frontline.NumberShare {
		nc.Side = frontline.Side(si.actorBefore(a))
	}
	if nc.Kind != frontline.NumberTroops {
		nc.Country = d.numberCountry(si, a, b, times)
	}
	d.numberWindow(si, nc, a, times)
	d.numbers = append(d.numbers, *nc)
}

// numberWindow: an area or an advance is measured over a window. The
// sentence's window nearest the number ("from Oct. 1 to Nov. 9", "з
// початку року") wins over its first time, which may be the day a
// statement was made.
func (d *doc) numberWindow(si *sentenceInfo, nc *frontline.NumberClaim, a int, times *numberTimes) {
	if nc.Kind != frontline.NumberArea && nc.Kind != frontline.NumberAdvance {
		return
	}
	if !times.read {
		times.read = true
		times.cs = timeCandidates(si.lower, si.starts, d.published, "")
	}
	best, bestDist := -1, 0
	for k, c := range times.cs {
		if !c.isInterval() && !c.unknown {
			continue
		}
		dist := a - c.end
		if c.start > a {
			dist = c.start - a
		}
		if best < 0 || dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best >= 0 {
		c := times.cs[best]
		nc.RefersTo, nc.RefersToPhrase = c.iso, strings.TrimSpace(si.text[c.start:c.end])
	}
}

// distancePlace is the place a distance is about: the nearest place named
// before the number in its clause ("Krasnohorivka, a town of 16,000
// people 20 kilometers west of Donetsk"), unless troops or the front
// stand between them ("Ukrainian forces were 20 km from Kupiansk": the
// front's distance).
func (d *doc) distancePlace(si *sentenceInfo, off int) *frontline.Mention {
	p := d.mentionBefore(si, off, 160)
	if p == nil {
		return nil
	}
	between := si.lower[p.End-si.start : off]
	if strings.ContainsAny(between, ";:") {
		return nil
	}
	for _, w := range strings.FieldsFunc(lowerCyr(between), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if frontWords[w] {
			return nil
		}
		for _, st := range frontStems {
			if strings.HasPrefix(w, st) {
				return nil
			}
		}
	}
	return p
}

// frontWords and frontStems: words for the troops or the front, whose
// distance from a place a number then gives.
var (
	frontWords = toSet(`forces troops units soldiers army front frontline enemy russians ukrainians advanced advancing pushed зсу всу`)
	frontStems = []string{"військ", "ворог", "противник", "окупант", "фронт", "лінія", "войск", "армия", "армія", "підрозділ", "подразделени", "бійці", "бойцы", "наступ", "просун", "продвин"}
)

// cyrOrShare reports whether s holds Cyrillic letters, and whether it may
// hold a share ("%", "percent", "per cent").
func cyrOrShare(s string) (cyr, share bool) {
	share = strings.IndexByte(s, '%') >= 0
	if !share {
		if i := strings.Index(s, "per"); i >= 0 {
			share = strings.Contains(s[i:], "percent") || strings.Contains(s[i:], "per cent")
		}
	}
	return hasCyrillic(s), share
}

// numberCountry is the country a number is about: "RU" when the nearest
// place or territory the sentence names around the number lies across
// the border (a Russian oblast named, "Kursk region", "Курщина", "на
// території РФ", or a place the gazetteer puts in Russia), "" otherwise.
func (d *doc) numberCountry(si *sentenceInfo, a, b int, times *numberTimes) string {
	type cue struct {
		start, end int
		ru         bool
	}
	var cues []cue
	for _, m := range si.mentions {
		if m.Kind == frontline.MentionSite {
			continue
		}
		cues = append(cues, cue{m.Start - si.start, m.End - si.start, m.Place.Country != "" && m.Place.Country != "UA"})
	}
	if !times.ruRead {
		times.ruRead = true
		if hasCyrillic(si.lower) || containsAny(si.lower, russiaStems) {
			times.ru = russiaRe.FindAllStringIndex(lowerCyr(si.lower), -1)
		}
	}
	for _, loc := range times.ru {
		cues = append(cues, cue{loc[0], loc[1], true})
	}
	best, bestDist := -1, 0
	for k, c := range cues {
		dist := 0
		switch {
		case c.end <= a:
			dist = a - c.end
		case c.start >= b:
			dist = c.start - b
		}
		if best < 0 || dist < bestDist || dist == bestDist && c.ru {
			best, bestDist = k, dist
		}
	}
	if best >= 0 && cues[best].ru {
		return "RU"
	}
	return ""
}

// russiaStems: a sentence without any names no Russian territory.
// (English, lower case; Cyrillic sentences are always searched).
var russiaStems = []string{"kursk", "belgorod", "bryansk", "in russia", "inside russia", "into russia", "russian territory"}

// russiaRe: the Russian oblasts by the border, and Russia's territory, in
// the three languages (on lowerCyr text). Places in them come from the
// gazetteer (Place.Country).
var russiaRe = regexp.MustCompile(`(?:kursk|belgorod|bryansk)(?:'s|’s)? (?:region|oblast|province|area)|(?:in|inside|into) russia\b|russian territory|russia's (?:kursk|belgorod|bryansk)|` +
	`курськ\p{L}* област\p{L}*|курщин\p{L}*|бєлгородськ\p{L}* област\p{L}*|бєлгородщин\p{L}*|брянськ\p{L}* област\p{L}*|брянщин\p{L}*|` +
	`курск\p{L}* област\p{L}*|белгородск\p{L}* област\p{L}*|белгородчин\p{L}*|брянск\p{L}* област\p{L}*|` +
	`території (?:рф|росії)|на території російської федерації|территори\p{L}* (?:рф|россии)`)

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// mentionAfter is the first place mention starting within max bytes after
// sentence offset off.
func (d *doc) mentionAfter(si *sentenceInfo, off, max int) *frontline.Mention {
	for k := range si.mentions {
		ms := si.mentions[k].Start - si.start
		if ms >= off && ms-off <= max && !strings.ContainsAny(si.lower[off:ms], ".;") {
			return &si.mentions[k]
		}
	}
	return nil
}

// mentionBefore is the last place mention ending within max bytes before
// sentence offset off.
func (d *doc) mentionBefore(si *sentenceInfo, off, max int) *frontline.Mention {
	for k := len(si.mentions) - 1; k >= 0; k-- {
		me := si.mentions[k].End - si.start
		if me <= off {
			if off-me <= max && !strings.ContainsAny(si.lower[me:off], ".;") {
				return &si.mentions[k]
			}
			return nil
		}
	}
	return nil
}
