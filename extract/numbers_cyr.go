package extract

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/frontline-osint/frontline"
)

// Numbers in Ukrainian and Russian, and shares in per cent in all three
// languages.
//
// Ukrainian and Russian write a decimal comma and group thousands with a
// space (or a no-break space): "31,75 кв. км", "1 150 км²", "1,5 тис. км²".
// A comma followed by exactly three digits and no scale word ("1,381
// км²") is read as a thousands separator, as wire copy translated from
// English writes it; any other comma is a decimal comma. Scale words: тис.,
// тисяч, тыс., тысяч, млн, мільйон, миллион. Bounds: понад, більше (ніж),
// щонайменше, более, больше, свыше, не менее → more than; менше, до, менее,
// не более → less than; близько, приблизно, майже, около, примерно,
// почти, від … до, от … до → about.
//
// Units: кв. км, км², квадратних кілометрів, квадратных километров,
// гектарів (areas); км, кілометрів, километров, метрів (lengths: an advance
// after просунулися/продвинулись на, a distance otherwise, with the
// direction and reference of "в 20 км к западу от Донецка", "за 5
// кілометрів від Покровська", "західніше Донецька"); відсотків,
// процентов, % (a share of the place that follows: "80 процентов
// Селидово", "70 per cent of Pokrovsk" — not an area); військовослужбовців,
// военнослужащих, бійців (troops).

const (
	uniNum   = `(\d{1,3}(?:[  \x{202F}\x{2009}]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)`
	uniScale = `(?:\s?(тис\.|тис|тисяч\p{L}*|тыс\.|тыс|тысяч\p{L}*|млн\.?|мільйон\p{L}*|миллион\p{L}*|thousand|million))?`
	uniBound = `(?:(понад|більш(?:е)? ніж|більш(?:е)? як|більше|щонайменше|не менше(?: ніж| як)?|не менш ніж|близько|приблизно|майже|орієнтовно|менше(?: ніж| як)?|менш ніж|менш як|не більше(?: ніж| як)?|до|від|более чем|более|больше чем|больше|свыше|не менее|как минимум|по меньшей мере|около|примерно|почти|порядка|менее|меньше|не более|от|more than|over|about|nearly|almost|some|around|approximately|roughly|at least|less than|up to|under) )?`
	uniUnit  = `(кв\.\s?км|кв\s?км|км²|км2|квадратн\p{L}* (?:кілометр\p{L}*|километр\p{L}*|км)|кв\.\s?(?:кілометр\p{L}*|километр\p{L}*)|гектар\p{L}*|кілометр\p{L}*|километр\p{L}*|км|метр\p{L}*|%|відсот\p{L}*|процент\p{L}*|per cent|percent|військовослужбовц\p{L}*|бійц\p{L}*|солдат\p{L}*|военнослужащ\p{L}*|бойц\p{L}*|боевик\p{L}*)`
)

// uniUnitStems: a sentence without any has no number for uniNumbersIn.
var uniUnitStems = []string{"км", "кілометр", "километр", "кв.", "метр", "гектар", "%", "відсот", "процент", "per cent", "percent",
	"військовослужбовц", "бійц", "солдат", "военнослужащ", "бойц", "боевик"}

var uniNumberPattern = newUniPattern(append(append(append([]string{}, digitStems...), withDigits("до ", "від ", "от ")...),
	"понад", "більш", "щонайменше", "не менш", "не більш", "не менее", "не более", "близько", "приблизно", "майже", "орієнтовно", "менш", "более", "больше", "свыше",
	"как минимум", "по меньшей", "около", "примерно", "почти", "порядка", "менее", "меньше"),
	uniBound+uniNum+uniScale+`(?:\s?(?:-|–|—|до|to)\s?`+uniNum+uniScale+`)?\s?`+uniUnit)

var uniNumberMatcher = newUniMatcher(uniNumberPattern)

// shareMatcher reads shares in English text: the same groups as
// uniNumberPattern, tried at the bound words of a share and at digits.
var shareMatcher = newUniMatcher(newUniPattern(append(append([]string{}, digitStems...),
	"more", "over", "about", "nearly", "almost", "some", "around", "approximately", "roughly", "at ", "less", "up ", "under"),
	`(?:(more than|over|about|nearly|almost|some|around|approximately|roughly|at least|less than|up to|under) )?`+
		`(\d+(?:\.\d+)?)()(?:\s?(?:-|–|to)\s?(\d+(?:\.\d+)?)())?\s?(%|per cent|percent)`))

// uniAdvanceRe: the verbs of an advance before its depth ("просунулися
// на", "продвинулись на глубину до").
var uniAdvanceRe = regexp.MustCompile(`(?:просун|продвин|просуванн|продвижени|заглиби|углуби|вклини|пройшл|зайшл)\p{L}*(?: \p{L}+){0,4}?(?: на)?(?: глибину| глубину)?\s*$`)

// uniDepthRe: the words after a depth ("вглиб", "в глубину").
var uniDepthRe = regexp.MustCompile(`^\s*(?:вглиб|углиб|в глибину|вглубь|в глубину)`)

// uniTerritoryRe: a length of territory is an area written short ("2 км
// території").
var uniTerritoryRe = regexp.MustCompile(`^\.?\s+(?:\p{L}+\s+){0,2}?(?:території|территории|землі|земли)`)

// uniDirectionRe: what follows a distance — a direction and "від"/"от",
// or a comparative ("західніше"), or "від"/"от"/"до" alone.
var uniDirectionRe = regexp.MustCompile(`^\.?\s*(?:(?:на|к|в) (північ|південь|схід|захід|північний схід|північний захід|південний схід|південний захід|северу|югу|востоку|западу|северо-востоку|северо-западу|юго-востоку|юго-западу|север|юг|восток|запад)\s+(?:від|от)|(північніше|південніше|східніше|західніше|північно-східніше|північно-західніше|південно-східніше|південно-західніше|севернее|южнее|восточнее|западнее|северо-восточнее|северо-западнее|юго-восточнее|юго-западнее)|від|от|до)(?:[^\p{L}]|$)`)

// uniDirections maps the direction words to Direction's English names.
func uniDirection(w string) string {
	w = strings.ReplaceAll(w, " ", "-")
	north := strings.HasPrefix(w, "півн") || strings.HasPrefix(w, "север")
	south := strings.HasPrefix(w, "півд") || strings.HasPrefix(w, "юг") || strings.HasPrefix(w, "юж")
	east := strings.Contains(w, "схід") || strings.Contains(w, "схо") || strings.Contains(w, "сході") || strings.Contains(w, "восто")
	west := strings.Contains(w, "захід") || strings.Contains(w, "захо") || strings.Contains(w, "заході") || strings.Contains(w, "запад")
	if strings.HasPrefix(w, "схід") || strings.HasPrefix(w, "східн") {
		north, south = false, false
	}
	out := ""
	if north {
		out = "north"
	} else if south {
		out = "south"
	}
	if east {
		out += "east"
	} else if west {
		out += "west"
	}
	return out
}

// parseUniNumber reads a number as Ukrainian and Russian write it, with
// its scale word.
func parseUniNumber(n, sc string) (float64, bool) {
	n = strings.NewReplacer(" ", "", " ", "", "\u202f", "", "\u2009", "").Replace(n)
	if i := strings.IndexByte(n, ','); i >= 0 {
		if len(n)-i-1 == 3 && sc == "" && i <= 3 {
			n = n[:i] + n[i+1:] // "1,381": thousands
		} else {
			n = n[:i] + "." + n[i+1:]
		}
	}
	v, err := strconv.ParseFloat(n, 64)
	if err != nil {
		return 0, false
	}
	switch {
	case sc == "":
	case strings.HasPrefix(sc, "тис") || strings.HasPrefix(sc, "тыс") || sc == "thousand":
		v *= 1e3
	default:
		v *= 1e6
	}
	return v, true
}

// uniNumbersIn reads a sentence's Ukrainian and Russian numbers, and
// shares in per cent in any language; numbers the English reader found
// are not read twice.
func (d *doc) uniNumbersIn(si *sentenceInfo, times *numberTimes) {
	cyr, share := cyrOrShare(si.lower)
	if !cyr && !share {
		return
	}
	s := si.lower
	if cyr {
		s = lowerCyr(si.lower)
	}
	first := len(d.numbers)
	for k := len(d.numbers) - 1; k >= 0 && d.numbers[k].SentenceStart == si.start; k-- {
		first = k
	}
	taken := func(a, b int) bool {
		for _, n := range d.numbers[first:] {
			if n.Start-si.start < b && a < n.End-si.start {
				return true
			}
		}
		return false
	}
	m := uniNumberMatcher
	if !cyr {
		m = shareMatcher // English: only shares are this reader's
	}
	for _, mt := range m.find(s, si.starts) {
		a, b := mt.start, mt.end
		if taken(a, b) {
			continue
		}
		g := func(k int) string { return mt.group(s, k) }
		// groups: 2 bound, 3 number, 4 scale, 5 second number, 6 its
		// scale, 7 unit.
		unit := g(7)
		isShare := unit == "%" || strings.HasPrefix(unit, "відсот") || strings.HasPrefix(unit, "процент") || strings.HasSuffix(unit, "cent")
		if !cyr && !isShare {
			continue // English numbers are the English reader's
		}
		v1, ok := parseUniNumber(g(3), g(4))
		if !ok {
			continue
		}
		v2, hasMax := 0.0, g(5) != ""
		if hasMax {
			sc := g(6)
			if sc == "" {
				sc = g(4) // "1-1,5 тис."
			}
			if v2, ok = parseUniNumber(g(5), sc); !ok || v2 < v1 {
				hasMax = false
			}
		}
		nc := frontline.NumberClaim{
			Quote: si.text[a:b], Start: si.start + a, End: si.start + b,
			SentenceStart: si.start, SentenceEnd: si.end,
			Speaker: si.speaker, SpeakerSide: frontline.Side(si.side),
			RefersTo: si.refersTo, RefersToPhrase: si.phrase,
			Verdict: frontline.VerdictUnchecked,
		}
		factor := 1.0
		rest := s[b:]
		switch {
		case isShare:
			// "80 процентов Селидово", "70 per cent of Pokrovsk": the
			// place right after; without one the share is of nothing
			// Frontline knows (a vote, a budget).
			p := d.mentionAfter(si, b, 40)
			if p == nil || strings.ContainsAny(s[b:p.Start-si.start], ",(") {
				continue
			}
			nc.Kind, nc.Unit, nc.PlaceID = frontline.NumberShare, "percent", p.Place.ID
		case strings.HasPrefix(unit, "кв") || strings.HasPrefix(unit, "км²") || unit == "км2":
			nc.Kind, nc.Unit = frontline.NumberArea, "km2"
		case strings.HasPrefix(unit, "гектар"):
			nc.Kind, nc.Unit, factor = frontline.NumberArea, "km2", 0.01
		case unit == "км" || strings.HasPrefix(unit, "кілометр") || strings.HasPrefix(unit, "километр") || strings.HasPrefix(unit, "метр"):
			nc.Unit = "km"
			if strings.HasPrefix(unit, "метр") {
				factor = 0.001
			}
			switch {
			case uniTerritoryRe.MatchString(rest):
				nc.Kind, nc.Unit = frontline.NumberArea, "km2"
				nc.Reason = "written as a length (" + si.text[a:b] + ") of territory; read as an area"
				nc.AsWritten = strings.TrimSpace(si.text[a:b])
				factor = factor * factor
			case uniAdvanceRe.MatchString(s[max(0, a-80):a]) || uniDepthRe.MatchString(rest):
				nc.Kind = frontline.NumberAdvance
			default:
				nc.Kind = frontline.NumberDistance
			}
			if dm := uniDirectionRe.FindStringSubmatchIndex(rest); dm != nil {
				for k := 2; k <= 4; k += 2 {
					if dm[k] >= 0 {
						nc.Direction = uniDirection(rest[dm[k]:dm[k+1]])
					}
				}
				if ref := d.mentionAfter(si, b+dm[1]-1, 60); ref != nil && nc.Kind == frontline.NumberDistance {
					nc.ReferenceID = ref.Place.ID
				}
			}
			if nc.Kind == frontline.NumberDistance {
				// "за 5 кілометрів від Покровська": from "за"/"в"/"у"
				// before the number the place before it is the subject.
				if p := d.distancePlace(si, a); p != nil && p.Place.ID != nc.ReferenceID {
					nc.PlaceID = p.Place.ID
				}
			}
		default:
			nc.Kind, nc.Unit = frontline.NumberTroops, "troops"
		}
		if factor != 1 && nc.AsWritten == "" {
			nc.AsWritten = strings.TrimSpace(si.text[a:b])
		}
		nc.Value = round3(v1 * factor)
		if hasMax {
			nc.Min, nc.Max = round3(v1*factor), round3(v2*factor)
			nc.Value = round3((v1 + v2) / 2 * factor)
		}
		nc.Bound = uniBoundOf(g(2), hasMax)
		d.finishNumber(si, &nc, a, b, times)
	}
}

// uniBoundOf is the bound a bound word gives.
func uniBoundOf(w string, hasMax bool) string {
	switch {
	case w == "" && hasMax, w == "від", w == "от":
		return frontline.BoundAbout
	case w == "":
		return frontline.BoundExact
	case strings.HasPrefix(w, "не більш"), strings.HasPrefix(w, "не более"), strings.HasPrefix(w, "менш"), strings.HasPrefix(w, "менее"),
		strings.HasPrefix(w, "меньше"), w == "до", w == "less than", w == "up to", w == "under":
		return frontline.BoundLessThan
	case w == "понад", strings.HasPrefix(w, "більш"), w == "щонайменше", strings.HasPrefix(w, "не менш"), strings.HasPrefix(w, "более"),
		strings.HasPrefix(w, "больше"), w == "свыше", w == "не менее", w == "как минимум", w == "по меньшей мере", w == "more than", w == "over", w == "at least":
		return frontline.BoundMoreThan
	}
	return frontline.BoundAbout
}
