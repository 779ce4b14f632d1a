package extract

import (
	"strings"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/translit"
)

// Regions written the Ukrainian and Russian way: an oblast adjective in
// any case before "область" (Харківської області, Курской области), the
// region nouns in -щина/-ччина (Харківщина, Донеччина, Курщина), and the
// three Russian oblasts across the border from the front of 2022–2024
// (Kursk, Belgorod, Bryansk), which resolve to oblasts with Country "RU".

// ruOblast is an oblast of Russia the extractor names.
type ruOblast struct {
	ISO  string // ISO 3166-2:RU
	Name string
	uk   string // the Ukrainian adjective
	ru   string // the Russian adjective
}

var ruOblasts = []ruOblast{
	{"RU-KRS", "Kursk Oblast", "Курська", "Курская"},
	{"RU-BEL", "Belgorod Oblast", "Бєлгородська", "Белгородская"},
	{"RU-BRY", "Bryansk Oblast", "Брянська", "Брянская"},
}

// regionWordsCyr after an oblast adjective make it the oblast.
// The oblast's administrations count: "Херсонської ОВА", "Сумська ОДА",
// "Херсонської обласної військової адміністрації".
var regionWordsCyr = toSet(`область області областю областей обл областi области областью областях
ова ода обласна обласної обласній обласну обласною областная областной областную областном
народна народної народній народну народною народная народной народную республика республики республике республіка республіки республіці`)

// regionIndex maps loose keys of oblast names and adjectives to ISO codes.
type regionIndex struct {
	loose map[string]string
}

func newRegionIndex() regionIndex {
	r := regionIndex{loose: map[string]string{}}
	add := func(name, iso string) {
		if k := translit.FoldLoose(name); k != "" {
			if _, ok := r.loose[k]; !ok {
				r.loose[k] = iso
			}
		}
	}
	for _, o := range gazetteer.Oblasts() {
		if o.ISO == "UA-30" || o.ISO == "UA-40" || o.NameUK == "" {
			continue
		}
		add(o.NameUK, o.ISO)
		add(strings.TrimSuffix(o.Name, " Oblast"), o.ISO)
		add(o.NameRU, o.ISO)
	}
	for _, o := range ruOblasts {
		add(o.uk, o.ISO)
		add(o.ru, o.ISO)
		add(strings.TrimSuffix(o.Name, " Oblast"), o.ISO)
	}
	return r
}

// adjectiveRegion resolves an oblast adjective in any case ("Курської",
// "Харьковской", "Донецька") to an ISO code.
func (e *Extractor) adjectiveRegion(word string) (string, bool) {
	if !isCyrillicWord(word) {
		return "", false
	}
	for _, l := range e.lemmasOf(word) {
		lower := toLower(l)
		if !strings.HasSuffix(lower, "ська") && !strings.HasSuffix(lower, "цька") && !strings.HasSuffix(lower, "ская") && !strings.HasSuffix(lower, "цкая") && !strings.HasSuffix(lower, "зька") {
			continue
		}
		if iso, ok := e.regions.loose[translit.FoldLoose(l)]; ok {
			return iso, true
		}
	}
	return "", false
}

// regionNoun resolves a region noun in any case (Харківщини, Курщину,
// Донеччині, Белгородчине) to an ISO code.
func (e *Extractor) regionNoun(word string) (string, bool) {
	return e.regionNounAmong(word, mayBeRegionNoun)
}

// regionNounAmong is regionNoun reading only the lemmas may admits.
func (e *Extractor) regionNounAmong(word string, may func(lemma string) bool) (string, bool) {
	if !isCyrillicWord(word) {
		return "", false
	}
	for _, l := range e.lemmasOf(word) {
		if !may(l) {
			continue
		}
		lower := toLower(l)
		var stem string
		switch {
		case strings.HasSuffix(lower, "ччина"):
			stem = strings.TrimSuffix(l, l[len(l)-len("ччина"):]) + "цька"
		case strings.HasSuffix(lower, "щина"):
			stem = strings.TrimSuffix(l, l[len(l)-len("щина"):]) + "ська"
		case strings.HasSuffix(lower, "чина"):
			stem = strings.TrimSuffix(l, l[len(l)-len("чина"):]) + "ська"
		case crimeaNouns[lower]:
			return "UA-43", true
		default:
			continue
		}
		if iso, ok := e.regions.loose[translit.FoldLoose(stem)]; ok {
			return iso, true
		}
	}
	return "", false
}

// mayBeRegionNoun reports whether regionNoun may read the lemma l as a
// region: its lower case ends in "а" (…чина, …щина) or begins with "к"
// (crimeaNouns). Most lemmas do neither and are not lowered.
func mayBeRegionNoun(l string) bool {
	n := len(l)
	return n >= 2 && l[n-2] == 0xD0 && (l[n-1] == 0xB0 || l[n-1] == 0x90) || // а А
		len(l) >= 2 && l[0] == 0xD0 && (l[1] == 0xBA || l[1] == 0x9A) // к К
}

// crimeaNouns name the Autonomous Republic of Crimea, a region noun like
// Харківщина: "у Криму", "над Крымом", "Республики Крым".
var crimeaNouns = toSet(`крим криму крима кримом кримі крым крыму крыма крымом крыме`)

// latinRegion resolves the Latin name of a Russian oblast ("Kursk" of
// "Kursk region").
func (e *Extractor) latinRegion(name string) (string, bool) {
	iso, ok := e.regions.loose[translit.FoldLoose(name)]
	if ok && strings.HasPrefix(iso, "RU-") {
		return iso, true
	}
	return "", false
}

// oblastPlace is the mention place of an oblast of either country.
func (e *Extractor) oblastPlace(iso string) frontline.MentionPlace {
	for _, o := range ruOblasts {
		if o.ISO == iso {
			return frontline.MentionPlace{ID: o.ISO, Name: o.Name, Kind: "oblast", Oblast: o.Name, OblastISO: o.ISO, Country: "RU"}
		}
	}
	o := e.oblasts[iso]
	return frontline.MentionPlace{ID: o.KATOTTG, Name: o.Name, Kind: "oblast", Oblast: o.Name, OblastISO: o.ISO}
}
