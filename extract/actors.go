package extract

import (
	"strings"
	"unicode"

	"github.com/frontline-osint/frontline"
)

// capital is a capital city whose name also stands for its government
// ("Kyiv says", "Kyiv's forces", "Moscow claims").
type capital struct {
	government string // the speaker the name stands for
	side       string
}

// capitals: lower-case city names → the government they stand for.
// Moscow is no place in the gazetteer but speaks all the same.
var capitals = map[string]capital{
	"kyiv":   {"Ukrainian government", sideUkraine},
	"kiev":   {"Ukrainian government", sideUkraine},
	"київ":   {"Ukrainian government", sideUkraine},
	"киев":   {"Ukrainian government", sideUkraine},
	"moscow": {"Russian government", sideRussia},
	"москва": {"Russian government", sideRussia},
}

// actorVerbs after a capital's name make it the actor, not the place:
// "Kyiv says", "Kyiv pushes on", "Moscow denied". Forms of "to be" are
// left out: "Kyiv was shelled" is about the city, and so are participles
// that read as passives in headlines ("Kyiv hit", "Kyiv liberated").
var actorVerbs = toSet(`says said say claims claimed claim announced announces reported reports stated states
insists insisted denies denied deny accuses accused hopes hoped wants wanted pushes pushed presses pressed
launched launches continues continued believes believed confirmed confirms tells told warns warned urges urged
hailed hails vows vowed plans planned seeks sought ordered orders sends sent responded responds expects expected
estimates estimated admits admitted acknowledged acknowledges boasted boasts retook advances`)

// agentNouns after a capital's possessive make the name its government or
// army: "Kyiv's troops", "Kyiv’s stunning counter-offensive".
var agentNouns = toSet(`forces force troops army military soldiers units government officials counteroffensive
counter-offensive offensive advance advances gains push assault operation campaign leadership authorities
defenders fighters commanders generals drive breakthrough`)

// capitalAsActor reports whether the mention m names a capital standing
// for its government or army rather than the city, and which.
func (d *doc) capitalAsActor(m frontline.Mention) (capital, bool) {
	c, ok := capitals[toLower(m.Mention)]
	if !ok {
		return capital{}, false
	}
	rest := d.text[m.End:min(len(d.text), m.End+80)]
	for _, p := range []string{"’s ", "'s ", "ʼs "} {
		if strings.HasPrefix(rest, p) {
			ws := strings.Fields(lowerASCII(rest[len(p):]))
			for i := 0; i < len(ws) && i < 3; i++ {
				if agentNouns[strings.Trim(ws[i], ",.;:!?\"“”")] {
					return c, true
				}
			}
			return capital{}, false
		}
	}
	if !strings.HasPrefix(rest, " ") {
		return capital{}, false
	}
	ws := strings.Fields(rest)
	if len(ws) == 0 {
		return capital{}, false
	}
	w := strings.Trim(ws[0], ",.;:!?\"“”")
	if actorVerbs[w] {
		return c, true
	}
	// "Kyiv has recaptured …", not "Kyiv has been shelled".
	if (w == "has" || w == "have" || w == "had") && len(ws) > 1 {
		nx := strings.Trim(ws[1], ",.;:!?\"“”")
		if actorVerbs[nx] || (strings.HasSuffix(nx, "ed") && nx != "been") {
			return c, true
		}
	}
	return capital{}, false
}

// objectNouns are what captured, liberated or retook can have as object
// besides a place: people and equipment. "ZSU has captured a Russian Navy
// seaman near Izium" captured no place.
var objectNouns = toSet(`officer officers soldier soldiers seaman seamen sailor sailors prisoner prisoners pow pows
troops trooper serviceman servicemen servicemember servicemembers pilot pilots commander commanders general generals
colonel colonels lieutenant major sergeant private privates conscript conscripts mercenary mercenaries marine marines
paratrooper paratroopers fighter fighters man men woman women people civilians civilian hostage hostages crew crews
tankman tankmen gunner gunners sniper snipers spy spies saboteur saboteurs collaborator collaborators child children
personnel member members captive captives
tank tanks vehicle vehicles equipment weapons weapon ammunition munitions howitzer howitzers artillery drone drones
helicopter helicopters aircraft jet jets plane planes trophies trophy documents apc apcs
полон полону плен плену полонених пленных військовополонених военнопленных техніку технику танк танки`)

// objectPrepositions after a participle make it describe the noun before
// it: "a RU officer captured on the Kharkiv front".
var objectPrepositions = toSet(`in on at near outside around during by while after when`)

// hasObjectNoun reports whether the words of s include an object noun.
func hasObjectNoun(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r == '-' || r >= 0x80)
	}) {
		if objectNouns[w] {
			return true
		}
	}
	return false
}

// personCaptured reports whether a capture trigger at [ts, te) is a
// participle describing a person or thing before it: "officer captured
// on …", "prisoners taken near …".
func personCaptured(si *sentenceInfo, ts, te int) bool {
	var preBuf, postBuf [1]string
	pre := lastFields(si.lower[:ts], preBuf[:])
	if len(pre) == 0 || !objectNouns[strings.Trim(pre[len(pre)-1], ",;:")] {
		return false
	}
	// "The town, which had 20,000 people, was taken by": a passive's
	// subject is before the clause that ends in the comma.
	if strings.HasSuffix(pre[len(pre)-1], ",") && strings.Contains(si.lower[ts:te], " ") {
		return false
	}
	post := firstFields(si.lower[te:], postBuf[:])
	return len(post) > 0 && objectPrepositions[post[0]]
}

// nameOfSomethingElse: words after a settlement's name that make the
// phrase name something else: a front, a direction, an operation, a
// district ("the Kharkiv front", "Balakliia Raion").
var nameOfSomethingElse = toSet(`front direction axis offensive counteroffensive counter-offensive operation raion
district hromada grouping river
напрямок напрямку напрямі напряму напрямках направление направлении направления направлениях фронт фронті фронте
район району районі районе громада громади громаді угруповання группировка группировки`)

// nameTails are second words of settlement names ("Вільне Поле",
// "Свободное Поле", "Сухий Яр", "Золотий Колодязь", "Красная Гора"),
// in the cases a list or a claim puts them in.
var nameTails = toSet(`поле поля полі полем яр яру яра ярі яром колодязь колодязя колодязі колодец колодца колодце гора гори горі гору горой горы горе балка балки балці балку балкой луг лугу лузі луга лугом поляна поляни поляну поляне брід броду броді брод броде кут кута куті кутом`)

// claimPlace reports whether the mention m, in the sentence, can be the
// place a claim is about: not a capital standing for its government, not
// part of the name of a front or a district.
func (d *doc) claimPlace(m frontline.Mention) bool {
	// "Покровський напрямок", "the Pokrovsk direction": a front, no place.
	if m.Direction {
		return false
	}
	if _, ok := d.capitalAsActor(m); ok {
		return false
	}
	// "группировка войск «Восток»", "ОСУВ «Хортиця»", "річка Оскіл": a
	// grouping or a river, not a place.
	pre := lowerCyr(d.text[max(0, m.Start-48):m.Start])
	pairs := newPairFilter(pre)
	for _, w := range []string{"группировк", "угрупован", "угрупуван", "осув ", "оск ", "річк", "річц", "река ", "реки ", "реке ", "river ", "grouping "} {
		if !pairs.mayContain(w) {
			continue // not in pre
		}
		if i := strings.LastIndex(pre, w); i >= 0 && nameFollows(pre[i+len(w):]) {
			return false
		}
	}
	// "на Запоріжжі", "на Запорожье" (as "на Харківщині"): the region,
	// not the city ("у Запоріжжі", "в Запорожье").
	if strings.HasPrefix(m.Mention, "Запор") || strings.HasPrefix(m.Mention, "запор") {
		if strings.HasSuffix(pre, "на ") {
			return false
		}
	}
	rest := d.text[m.End:min(len(d.text), m.End+40)]
	if !strings.HasPrefix(rest, " ") {
		return true
	}
	// "Свободное Поле", "Золотий Колодязь" read as "Свободное": a
	// capitalised second word of a settlement's name right after the
	// mention, left out of it, makes the reading another place.
	var first [1]string
	f := firstFields(rest, first[:])
	if len(f) == 0 {
		return true
	}
	if w := strings.Trim(f[0], ",.;:!?\"“”()«»"); w != "" && isCap(w) && nameTails[lowerCyr(w)] {
		return false
	}
	// The first word lowered (lowerCyr keeps every byte a space or not).
	return !nameOfSomethingElse[strings.Trim(lowerCyr(f[0]), ",.;:!?\"“”()«»")]
}

// objectPhrase is the text after a trigger ending at te up to the first
// place named, a word that ends its reach (gapStops: "by", "near", …) or
// the next trigger: where its object stands.
func objectPhrase(si *sentenceInfo, te, next int) string {
	// Triggers may overlap ("retake … control of"): next can lie before
	// te.
	end := max(te, min(next, len(si.lower), te+60))
	for _, m := range si.mentions {
		if ms := m.Start - si.start; ms >= te && ms < end {
			end = ms
			break
		}
	}
	s := si.lower[te:end]
	for _, stop := range takingStops {
		if i := strings.Index(s, stop); i >= 0 {
			s = s[:i]
		}
	}
	return s
}

// takingStops end the reach of captured, liberated, retook: the gapStops,
// "near" and compass bearings ("seize control of a river near Kharkiv",
// "taken ground east of Dvorichna": the place is a reference point).
var takingStops = append([]string{" near ", "north of ", "south of ", "east of ", "west of ", " km from ", " kilometers from ", " kilometres from ", " miles from "}, gapStops...)

// nameFollows reports whether rest, the text between a grouping's or a
// river's word and a name, is only the word's ending, "войск"/"військ"
// and quotes: "группировки войск «", "річки ".
func nameFollows(rest string) bool {
	rest = strings.TrimLeftFunc(rest, unicode.IsLetter)
	rest = strings.TrimLeft(rest, " ")
	for _, w := range []string{"войск", "військ"} {
		rest = strings.TrimPrefix(rest, w)
	}
	rest = strings.Trim(rest, " «\"“„'")
	return rest == ""
}
