package extract

import (
	"math"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/inflect"
	"github.com/frontline-osint/frontline/translit"
)

// word is one word of the text: letters, with hyphens and apostrophes
// inside it; a possessive "’s" is left out.
type word struct {
	start, end int
	cap        bool // starts with an upper-case letter
	allCaps    bool
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '`', '‘':
		return true
	}
	return false
}

// splitWords splits text into words with byte offsets.
func splitWords(text string) []word {
	return appendWords(make([]word, 0, len(text)/6), text)
}

// appendWords is splitWords appending to ws.
func appendWords(ws []word, text string) []word {
	i := 0
	for i < len(text) {
		r, n := decodeRune(text[i:])
		if !isLetter(r) {
			i += n
			continue
		}
		start := i
		w := word{start: start, cap: isUpper(r), allCaps: true}
		for i < len(text) {
			r, n := decodeRune(text[i:])
			if isLetter(r) || isDigit(r) {
				if isLower(r) {
					w.allCaps = false
				}
				i += n
				continue
			}
			if r == '-' || isApostrophe(r) {
				r2, _ := utf8.DecodeRuneInString(text[i+n:])
				if isLetter(r2) {
					i += n
					continue
				}
			}
			// An apostrophe left as an HTML entity (Куп&#39;янськ).
			if r == '&' {
				if m := apostropheEntity(text[i:]); m > 0 {
					r2, _ := utf8.DecodeRuneInString(text[i+m:])
					if isLetter(r2) {
						i += m
						continue
					}
				}
			}
			break
		}
		w.end = i
		// Possessive: Ganchev’s, Balakliiya’s.
		if s := text[start:w.end]; len(s) > 3 {
			for _, suf := range []string{"’s", "'s", "ʼs"} {
				if strings.HasSuffix(s, suf) {
					w.end -= len(suf)
					break
				}
			}
		}
		ws = append(ws, w)
	}
	return ws
}

// siteSuffixes are the words after a name that make it a watched site.
var siteSuffixes = [][]string{
	{"nuclear", "power", "plant"}, {"nuclear", "power", "station"}, {"nuclear", "plant"},
	{"npp"}, {"hydroelectric", "power", "plant"}, {"hydroelectric", "station"}, {"hpp"}, {"dam"},
}

// regionWords after a name make it an oblast ("Kherson Regional Military
// Administration" is the oblast's).
var regionWords = map[string]bool{"region": true, "oblast": true, "province": true, "область": true, "области": true, "oblast’s": true, "regional": true}

// waterWords after a name make it a river or lake, not a settlement.
var waterWords = map[string]bool{"river": true, "lake": true, "reservoir": true, "valley": true, "forest": true}

// regionAfter: if the words from i on are "region", "border region", or
// "and <Name> [border] region(s)", the index after the region word; else 0.
func (d *doc) regionAfter(i int) int {
	ws := d.words
	lw := func(k int) string { return lowerASCII(d.text[ws[k].start:ws[k].end]) }
	k := i
	if k < len(ws) && lw(k) == "and" {
		k++
		for k < len(ws) && ws[k].cap {
			k++
		}
		if k == i+1 {
			return 0
		}
	}
	// "Donetsk, Lugansk and Kharkiv regions": a list of names that
	// shares a plural region word.
	list := false
	for k < len(ws) && k > 0 && d.text[ws[k-1].end:ws[k].start] == ", " && ws[k].cap {
		list = true
		k++
		for k < len(ws) && ws[k].cap && d.text[ws[k-1].end:ws[k].start] == " " {
			k++
		}
		if k < len(ws) && lw(k) == "and" && d.text[ws[k-1].end:ws[k].start] == " " {
			k++
			for k < len(ws) && ws[k].cap && d.text[ws[k-1].end:ws[k].start] == " " {
				k++
			}
			break
		}
	}
	if k < len(ws) && lw(k) == "border" {
		k++
	}
	if list && (k >= len(ws) || lw(k) != "regions" && lw(k) != "oblasts") {
		return 0
	}
	if k < len(ws) && (regionWords[lw(k)] || lw(k) == "regions" || lw(k) == "oblasts") {
		if i > 0 && !list && d.text[ws[i-1].end:ws[i].start] != " " {
			return 0
		}
		return k + 1
	}
	return 0
}

// operationWords after an oblast's name make it the oblast ("the Kharkiv
// offensive").
var operationWords = map[string]bool{"offensive": true, "counteroffensive": true, "counter-offensive": true}

// regionISO resolves "X" of "X region": an oblast; "Kyiv region" is Kyiv
// Oblast, not the city; "Kursk region" the Russian oblast.
func (e *Extractor) regionISO(name string) (string, bool) {
	if iso, ok := e.regionISOOf(name); ok {
		return iso, true
	}
	// Another spelling of the centre ("Zaporozhye region"): the oblast
	// of the city's official name.
	if off := e.cityName(name); off != "" && off != name {
		return e.regionISOOf(off)
	}
	return "", false
}

// cityName is the official name of the city a spelling names
// ("Zaporozhye" → "Zaporizhzhia"), "" when it names none.
func (e *Extractor) cityName(name string) string {
	cs, err := e.candidates(name)
	if err != nil {
		return ""
	}
	for _, c := range cs {
		if c.Kind == "city" && (c.Reason == gazetteer.ReasonExact || c.Reason == gazetteer.ReasonTransliteration || c.Reason == gazetteer.ReasonAlternate) {
			return c.Name
		}
	}
	return ""
}

func (e *Extractor) regionISOOf(name string) (string, bool) {
	if iso, ok := e.latinRegion(name); ok {
		return iso, true
	}
	iso, ok := e.g.OblastISO(name)
	if iso == "UA-30" {
		iso = "UA-32"
	} else if iso == "UA-40" {
		iso = "UA-43"
	}
	return iso, ok
}

// cand is a span of the text that may name a place.
type cand struct {
	start, end int
	name       string // the text to search
	kind       string
	iso        string
	link       int // 1 + the index of the link it overlaps, 0 for none
	direction  bool
	// partial: a part of a longer run of capitalised words that is no
	// name ("Koroviya" of "Koroviya Yar", "Balka" of "Sukhoi Balka").
	partial bool
	// sector: an oblast named as a direction of the front ("на
	// Запорізькому напрямку"): a sector of the front, which may reach
	// into the next oblast, so it settles no homonym.
	sector bool
}

// findPlaces finds the place mentions of the text and resolves them.
func (d *doc) findPlaces() {
	d.persons = map[string]bool{}
	ws := d.words
	var cands []cand
	lw := func(i int) string { return lowerASCII(d.text[ws[i].start:ws[i].end]) }
	// gapIs reports whether only a single space (or hyphen) separates
	// word i from word i+1.
	adjacent := func(i int) bool {
		if i+1 >= len(ws) {
			return false
		}
		g := d.text[ws[i].end:ws[i+1].start]
		return g == " " || g == "-"
	}
	// Words the text also writes in lower case are English words
	// ("Still", "Given"), unless they spell a large city ("kyiv").
	nLower := 0
	for _, w := range ws {
		if !w.cap {
			nLower++
		}
	}
	lowerWords := d.scratch.lowerSet(nLower)
	for k, w := range ws {
		if !w.cap {
			lowerWords[d.lowerWord(k)] = true
		}
	}
	for i := 0; i < len(ws); {
		w := ws[i]
		if !w.cap {
			// A lowercase direction adjective ("на покровському
			// напрямку").
			if adjacent(i) && inflect.IsDirectionWord(d.text[ws[i+1].start:ws[i+1].end]) && isCyrillicWord(d.text[w.start:w.end]) {
				if base, ok := d.e.directionBase(d.wordText(i), d.published); ok {
					if iso, ok := d.e.directionOblast(base); ok {
						cands = append(cands, cand{start: w.start, end: w.end, name: base, kind: frontline.MentionOblast, iso: iso, sector: true})
						i++
						continue
					}
					cands = append(cands, cand{start: w.start, end: w.end, name: base, kind: frontline.MentionSettlement, direction: true})
					i++
					continue
				}
			}
			// A lowercase large city ("kyiv").
			if d.e.bigLower[lw(i)] && !stopword(lw(i)) {
				c := cand{start: w.start, end: w.end, name: d.text[w.start:w.end], kind: frontline.MentionSettlement}
				if adjacent(i) && regionWords[lw(i+1)] {
					if iso, ok := d.e.regionISO(c.name); ok {
						c.end, c.kind, c.iso = ws[i+1].end, frontline.MentionOblast, iso
						cands = append(cands, c)
						i += 2
						continue
					}
				}
				cands = append(cands, c)
			}
			i++
			continue
		}
		// A run of capitalised words.
		j := i + 1
		for j < len(ws) && ws[j].cap && adjacent(j-1) {
			j++
		}
		// People: a title or a first name starts a person's name; the run's
		// last word is a surname never read as a place in this text.
		for k := i; k < j; k++ {
			if (personStart[lw(k)] || cyrFirstNames[d.lowerWord(k)]) && k+1 < j {
				d.addPerson(d.text[ws[j-1].start:ws[j-1].end])
				for p := k + 1; p < j; p++ {
					d.addPerson(d.text[ws[p].start:ws[p].end])
				}
				j = k // the place search stops before the person
				if j == i {
					j = i + 1
				}
				break
			}
		}
		if j > i && nonPlace(d.fold(d.text[ws[i].start:ws[j-1].end])) {
			i = j
			continue
		}
		for a := i; a < j; {
			matched := false
			for b := min(j, a+4); b > a; b-- {
				if b-a == 1 && (stopword(lw(a)) || ws[a].allCaps && ws[a].end-ws[a].start > 1 && !isCyrillic(d.text[ws[a].start:ws[a].end]) && !d.shouted(a)) {
					continue
				}
				cyr := isCyrillicWord(d.text[ws[a].start:ws[a].end])
				if cyr && b-a == 1 {
					lower := d.lowerWord(a)
					if cyrStopwords[lower] && !d.adjectiveTown(a) || cyrFirstNames[lower] || ws[a].allCaps && utf8.RuneCountInString(lower) < 5 {
						continue
					}
				}
				name := d.spanName(a, b)
				// Ukrainian and Russian regions: "Курської області",
				// "Харківщина".
				if cyr && b-a == 1 {
					// "Республики Крым", "Республіки Крим": the
					// republic's two words, no village Республіка.
					if strings.HasPrefix(d.lowerWord(a), "республ") && a+1 < len(ws) && adjacent(a) && crimeaNouns[d.lowerWord(a+1)] {
						cands = append(cands, cand{start: ws[a].start, end: ws[a+1].end, name: name, kind: frontline.MentionOblast, iso: "UA-43"})
						a, matched = a+2, true
						break
					}
					if iso, ok := d.e.regionNoun(name); ok {
						cands = append(cands, cand{start: ws[a].start, end: ws[a].end, name: name, kind: frontline.MentionOblast, iso: iso})
						a, matched = b, true
						break
					}
					// "у Сумській та Донецькій областях": each adjective
					// of a list sharing a plural region word is an oblast.
					if d.sharedRegionWordAfter(a) {
						if iso, ok := d.e.adjectiveRegion(name); ok {
							cands = append(cands, cand{start: ws[a].start, end: ws[a].end, name: name, kind: frontline.MentionOblast, iso: iso})
							a, matched = b, true
							break
						}
					}
					if adjacent(a) && regionWordsCyr[d.lowerWord(a+1)] {
						if iso, ok := d.e.adjectiveRegion(name); ok {
							// "Донецкой Народной Республики": the
							// republic's three words, no village
							// Республіка after them.
							end := a + 2
							if strings.HasPrefix(d.lowerWord(a+1), "народн") && end < len(ws) && adjacent(a+1) && strings.HasPrefix(d.lowerWord(end), "республ") {
								end++
							}
							cands = append(cands, cand{start: ws[a].start, end: ws[end-1].end, name: name, kind: frontline.MentionOblast, iso: iso})
							a, matched = end, true
							break
						}
					}
				}
				// "Запорізькій атомній електростанції": the watched site.
				if cyr && b-a == 1 && a+2 < len(ws) && adjacent(a) && adjacent(a+1) && strings.HasPrefix(d.lowerWord(a+1), "атомн") &&
					(strings.HasPrefix(d.lowerWord(a+2), "електростанц") || strings.HasPrefix(d.lowerWord(a+2), "электростанц")) {
					if site := d.e.cyrLookup([]string{d.wordText(a), d.lowerWord(a + 1), d.lowerWord(a + 2)}); site != "" {
						cands = append(cands, cand{start: ws[a].start, end: ws[a+2].end, name: site, kind: frontline.MentionSite})
						a, matched = a+3, true
						break
					}
				}
				// A person (генерал Залужний), a grouping («Таврія»), a
				// river (березі Дніпра), a part of a town; two Latin
				// words that are a person or a title ("Karolina Hird",
				// "Ukrainska Pravda"). Asked only of a span that names a
				// place.
				blocked := func() bool {
					return d.notPlaceCue(a, b) || d.groupingBefore(a) || b-a == 1 && d.latinPair(i, j, a)
				}
				// "Покровський напрямок", "Kupiansk direction",
				// "Сватівському та Кремінському напрямках".
				if cyr && b-a == 1 && d.directionAfter(b) && !blocked() {
					if base, ok := d.e.directionBase(name, d.published); ok {
						if iso, ok := d.e.directionOblast(base); ok {
							cands = append(cands, cand{start: ws[a].start, end: ws[a].end, name: base, kind: frontline.MentionOblast, iso: iso, sector: true})
						} else {
							cands = append(cands, cand{start: ws[a].start, end: ws[a].end, name: base, kind: frontline.MentionSettlement, direction: true})
						}
						a, matched = b, true
						break
					}
				}
				if b-a == 1 && lowerWords[d.lowerWord(a)] {
					if big, ok := d.e.key(d.fold(name)); !ok || !big {
						continue
					}
				}
				if b-a == 1 && riverNames[lw(a)] && strings.HasSuffix(lowerASCII(d.text[max(0, ws[a].start-4):ws[a].start]), "the ") {
					continue
				}
				key := d.fold(name)
				if b-a == 1 && (d.persons[key] || personStart[lw(a)] || d.persons[d.fold(d.text[ws[a].start:ws[a].end])]) {
					continue
				}
				// "Zaluzhnyi said", "Maliar told": the subject of a verb
				// of saying is a person; a village does not speak (a
				// capital does: "Kyiv said" is its government, kept).
				if b-a == 1 && !cyr && adjacent(a) && enSayVerbs[lw(a+1)] {
					if big, _ := d.e.key(key); !big {
						d.addPerson(d.text[ws[a].start:ws[a].end])
						continue
					}
				}
				// "X region", "X oblast", "X border region", "X and Y
				// regions".
				if r := d.regionAfter(b); r > 0 {
					if iso, ok := d.e.regionISO(name); ok {
						cands = append(cands, cand{start: ws[a].start, end: ws[b-1].end, name: name, kind: frontline.MentionOblast, iso: iso})
						if lw(b) == "and" || d.text[ws[b-1].end:ws[b].start] == ", " {
							// "Kharkiv and Luhansk border region",
							// "Donetsk, Lugansk and Kharkiv regions": the
							// other oblasts are read on the next rounds.
							a, matched = b, true
							break
						}
						cands[len(cands)-1].end = ws[r-1].end
						a, matched = r, true
						break
					}
				}
				if adjacent(b-1) && regionWords[lw(b)] {
					if iso, ok := d.e.regionISO(name); ok {
						cands = append(cands, cand{start: ws[a].start, end: ws[b].end, name: name, kind: frontline.MentionOblast, iso: iso})
						a, matched = b+1, true
						break
					}
				}
				// "western Donetsk", "fighting in Luhansk." in a text that
				// names the region: the oblast.
				if !cyr && b-a == 1 && d.oblastByContext(a, name) {
					if iso, ok := d.e.regionISO(name); ok {
						cands = append(cands, cand{start: ws[a].start, end: ws[a].end, name: name, kind: frontline.MentionOblast, iso: iso})
						a, matched = b, true
						break
					}
				}
				// "X nuclear power plant", "X dam".
				if site, end, next := d.siteAfter(a, b); site != "" {
					cands = append(cands, cand{start: ws[a].start, end: end, name: site, kind: frontline.MentionSite})
					a, matched = next, true
					break
				}
				// "the Oskil River" is the river, not the village.
				// "the Antonivskyi Bridge", "Pokrovskyi District": a place
				// adjective before a capitalised noun names a thing.
				if !cyr && b-a == 1 && adjacent(a) && ws[a+1].cap && latinAdjective(lw(a)) {
					continue
				}
				if adjacent(b-1) && waterWords[lw(b)] {
					// "the Sukhi Yaly River": the whole name is the
					// river's; no shorter part of it is a village.
					a, matched = b, true
					break
				}
				// "the Kharkiv offensive": the region.
				if adjacent(b-1) && operationWords[lw(b)] {
					if iso, ok := d.e.regionISO(name); ok {
						cands = append(cands, cand{start: ws[a].start, end: ws[b-1].end, name: name, kind: frontline.MentionOblast, iso: iso})
						a, matched = b, true
						break
					}
				}
				search := ""
				if cyr && d.allCyrillic(a, b) {
					// Possibly an inflected form: the name or its lemma.
					words := make([]string, 0, b-a)
					for k := a; k < b; k++ {
						words = append(words, d.wordText(k))
					}
					search = d.e.cyrLookup(words)
					if search == "" && b-a == 1 && d.adjectiveTown(a) {
						search = d.e.townLemma(words[0])
					}
					if search == "" && b-a == 1 && !d.lowerVariant(a, b) {
						search = d.e.cyrShortName(words[0], d.published)
					}
					if search == "" && b-a <= 2 && typoPrepositions[d.prevLower(a)] {
						search = d.cyrTypoName(words)
					}
				} else if _, ok := d.e.key(key); ok {
					search = name
				} else if !cyr && !d.lowerVariant(a, b) {
					// The tracker's and the press's own spellings
					// ("Chasovyi Yar", "Staromayorsk"): keys.go.
					search = d.e.variantName(key, d.published)
					if search == "" {
						search = d.e.typoName(name, key, d.published)
					}
					// A Latin name needs no place preposition before it:
					// English does not inflect it, and the tracker's
					// "Velyka Kamyshuvakha still under occupation",
					// "captured the eastern half of Kamyshuvakha" name
					// Велика Комишуваха as a list item or a subject.
					if search == "" && b-a <= 2 {
						search = d.e.frontLooseName(name, key, d.published)
					}
				}
				if search == "" && b-a == 2 && adjacent(a) {
					// "Новоселівки Степової", "Novoselivka Stepova",
					// "Pershyi Lyman": a two-word name with its words
					// the other way round.
					search = d.reversedName(a, cyr)
				}
				if search == "" && b-a == 1 && !blocked() {
					// "П'ятихатки-Новопокровка", "Mala Loknya-Pohrebky":
					// two villages named together, each a mention.
					// The word before may open the first name unless a
					// place read already holds it.
					openFree := a > 0 && (len(cands) == 0 || cands[len(cands)-1].end <= ws[a-1].start)
					if pair := d.hyphenPair(a, openFree); len(pair) > 0 {
						cands = append(cands, pair...)
						a, matched = b, true
						break
					}
				}
				if search != "" && b-a == 1 && b < j && adjectivePrefixes[d.fold(name)] {
					search = "" // "Novaya" of "Novaya Sorochina"
				}
				if search != "" && cyr && b-a == 1 && adjectiveEnding(toLower(firstReading(search))) && !d.e.cyrName(toLower(firstReading(search))) {
					search = "" // a surname or an adjective (Залужний)
				}
				// "Zorya Luhansk", "Shakhtar Donetsk": a Latin word
				// that names no city, before a large city's name that
				// ends the run (no "region" after it), is a club's or a
				// firm's name, not a village.
				if search != "" && !cyr && b-a == 1 && b+1 == j && adjacent(a) && d.text[ws[a].end:ws[b].start] == " " &&
					!(b+1 < len(ws) && adjacent(b) && regionWords[lw(b+1)]) {
					if big, _ := d.e.key(d.fold(d.text[ws[b].start:ws[b].end])); big && d.e.noCity(search) {
						a, matched = b, true
						break
					}
				}
				// "в селе Мокрая Орловка": a capitalised Russian
				// adjective before the name belongs to it; neither the
				// village of the bare name (an Орлівка of Donetsk
				// oblast) nor one the adjective alone names is that
				// place.
				if search != "" && cyr && b-a == 1 && a > i && d.nameAdjectiveBefore(a) {
					if n := len(cands); n > 0 && cands[n-1].start == ws[a-1].start && cands[n-1].end == ws[a-1].end {
						cands = cands[:n-1]
					}
					a, matched = b, true
					break
				}
				if search != "" && !blocked() {
					cands = append(cands, cand{start: ws[a].start, end: ws[b-1].end, name: search, kind: frontline.MentionSettlement, direction: d.directionAfter(b), partial: a > i || b < j})
					a, matched = b, true
					break
				}
			}
			if !matched {
				a++
			}
		}
		if j <= i {
			j = i + 1
		}
		i = j
		// Skip the rest of a person's name.
		for i < len(ws) && ws[i].cap && adjacent(i-1) && d.persons[d.fold(d.text[ws[i].start:ws[i].end])] {
			i++
		}
	}
	// Drop surnames found later in the text ("Ganchev" before "Vitaly
	// Ganchev" is rare; the persons set is complete now).
	kept := cands[:0]
	for _, c := range cands {
		if c.kind == frontline.MentionSettlement && (d.persons[d.fold(firstReading(c.name))] || d.persons[d.fold(d.text[c.start:c.end])]) {
			continue
		}
		kept = append(kept, c)
	}
	cands = kept

	// Linked spans: a candidate overlapping a link takes the link's point;
	// a link no candidate overlaps is a mention of its own words.
	if len(d.links) > 0 {
		covered := make([]bool, len(d.links))
		for k := range cands {
			if cands[k].kind == frontline.MentionOblast {
				continue
			}
			for li, l := range d.links {
				if cands[k].start < l.End && l.Start < cands[k].end {
					cands[k].link, covered[li] = li+1, true
					break
				}
			}
		}
		for li, l := range d.links {
			if covered[li] {
				continue
			}
			if s, e, ok := d.linkName(l); ok {
				cands = append(cands, cand{start: s, end: e, name: d.text[s:e], kind: frontline.MentionSettlement, link: li + 1})
			}
		}
		sort.SliceStable(cands, func(a, b int) bool { return cands[a].start < cands[b].start })
	}

	// Resolve the distinct names together; linked names are settled by
	// their points, which also serve as context for the others.
	var names []string
	var sentences [][]int // per name, the sentences naming it
	index := map[string]int{}
	linked := make([]linkedPlace, len(cands))
	var anchors [][2]float64
	for k, c := range cands {
		if c.link == 0 {
			continue
		}
		l := d.links[c.link-1]
		linked[k] = d.e.resolveLinked(c.name, l.Lon, l.Lat)
		if linked[k].ok {
			anchors = append(anchors, [2]float64{l.Lon, l.Lat})
		}
	}
	for _, c := range cands {
		if c.kind == frontline.MentionOblast || c.link > 0 {
			continue
		}
		k, ok := index[c.name]
		if !ok {
			k = len(names)
			index[c.name] = k
			names = append(names, c.name)
			sentences = append(sentences, nil)
		}
		if sn := d.sentenceAt(c.start); len(sentences[k]) == 0 || sentences[k][len(sentences[k])-1] != sn {
			sentences[k] = append(sentences[k], sn)
		}
	}
	for _, sn := range sentences {
		sort.Ints(sn)
	}
	resolved := d.e.resolveNames(names, sentences, anchors, d.published)
	// ruNeighbours counts, per sentence, the names whose reading is a
	// place in Russia; ruSelf is 1 for such a name (not its own neighbour).
	ruNeighbours := map[int]int{}
	for k, sn := range sentences {
		if r := resolved[k]; r.err == nil && len(r.cands) > 0 && r.cands[r.best].Country == "RU" {
			for _, s := range sn {
				ruNeighbours[s]++
			}
		}
	}
	ruSelf := func(k int) int {
		if r := resolved[k]; r.err == nil && len(r.cands) > 0 && r.cands[r.best].Country == "RU" {
			return 1
		}
		return 0
	}
	ruCtx := d.russianContext(func(yield func(start int, iso string) bool) {
		for _, c := range cands {
			if c.kind == frontline.MentionOblast && !yield(c.start, c.iso) {
				return
			}
		}
		// A governor of a Russian border oblast names it: "рассказал
		// Вячеслав Гладков" before "обесточены сёла Безымено и Дунайка".
		for k, w := range d.words {
			if !w.cap {
				continue
			}
			if iso := borderGovernor(d.lowerWord(k)); iso != "" && !yield(w.start, iso) {
				return
			}
		}
	})
	// The Ukrainian oblasts each sentence names (as an oblast, a region
	// noun, a direction of the oblast's name, or ДНР / ЛНР).
	oblastsOf := map[int]map[string]bool{}
	addOblast := func(off int, iso string) {
		// "Гуляйполя (Запорізька область)": a parenthesis qualifies the
		// one name before it (oblastHintAfter), not the sentence.
		if iso == "" || strings.HasPrefix(iso, "RU-") || strings.HasSuffix(strings.TrimRight(d.text[max(0, off-3):off], " "), "(") {
			return
		}
		k := d.sentenceAt(off)
		if oblastsOf[k] == nil {
			oblastsOf[k] = map[string]bool{}
		}
		oblastsOf[k][iso] = true
	}
	for _, c := range cands {
		if c.kind == frontline.MentionOblast && !c.sector {
			addOblast(c.start, c.iso)
		}
	}
	for _, w := range d.words {
		switch d.text[w.start:w.end] {
		case "ДНР", "DPR":
			addOblast(w.start, "UA-14")
		case "ЛНР", "LPR":
			addOblast(w.start, "UA-09")
		}
	}
	sentOblasts := func(k int) map[string]bool { return oblastsOf[k] }
	// The sentences that name a settlement.
	placeSentences := map[int]bool{}
	for _, c := range cands {
		if c.kind == frontline.MentionSettlement {
			placeSentences[d.sentenceAt(c.start)] = true
		}
	}
	hintedReading := map[string]gazetteer.Candidate{}
	hintedTwice := map[string]bool{}
	var unhinted []unhintedMention
	if d.mentions == nil {
		// Sized once: about a mention per candidate (grown by appends
		// from nothing, mentions were a twentieth of the allocation).
		d.mentions = make([]frontline.Mention, 0, len(cands))
	}
	for k, c := range cands {
		m := frontline.Mention{Mention: d.text[c.start:c.end], Start: c.start, End: c.end, Kind: c.kind, Direction: c.direction}
		if c.link > 0 {
			if lp := linked[k]; lp.ok {
				m.Place, m.Score, m.Reason = lp.place, lp.score, lp.reason
				if lp.site {
					m.Kind = frontline.MentionSite
				}
				d.mentions = append(d.mentions, m)
			}
			continue
		}
		if c.kind == frontline.MentionOblast {
			m.Place = d.e.oblastPlace(c.iso)
			m.Reason = gazetteer.ReasonExact
			m.Score = 1
			d.mentions = append(d.mentions, m)
			continue
		}
		r := resolved[index[c.name]]
		if r.err != nil || len(r.cands) == 0 {
			continue
		}
		best := r.cands[r.best]
		// "Макеевка (ЛНР)", "Pervomaiske (Donetsk Oblast)": the reading
		// in the oblast the text gives, whatever the size or context.
		hinted := false
		// "the small village of Kostyantynivka", "село Новоселівка": not
		// the city of that name.
		iso := d.oblastHintAfter(c.end)
		if best.Kind == "city" && d.villageBefore(c.start) {
			// Not a village far behind every front for a small city on
			// it ("the village of Zalizne" by Toretsk, a city of 5,000
			// in the gazetteer, is no hamlet of Kyiv oblast).
			cityAtFront := priorOf(best, d.published) >= farPrior
			top := math.Inf(-1)
			for _, h := range r.cands {
				if cityAtFront && iso == "" && priorOf(h, d.published) < farPrior {
					continue
				}
				if s := h.Score + priorOf(h, d.published); h.Kind == "village" && (iso == "" || h.OblastISO == iso) && s > top {
					best, hinted, top = h, true, s
				}
			}
		}
		// The tracker's "Красногорівки(Авд)", "Красногорівки (М)": the
		// homonym by the town whose name the parenthesis abbreviates.
		if abbr := d.townAbbrevAfter(c.end); iso == "" && !hinted && abbr != "" && len(r.cands) > 1 {
			if h, ok := d.e.byTownAbbrev(r.cands, abbr); ok {
				best, hinted = h, true
			}
		}
		// "Херсонського району", "в Васильевском и Каменско-Днепровском
		// муниципальных округах": the name is itself the adjective of a
		// raion, hromada or okrug. It stands for the unit's centre, so
		// a reading in no unit the adjective names (the village
		// Херсонське of Henichesk raion, Васильевское by Zaporizhzhia)
		// gives way to one that is, or the mention is dropped.
		// A raion's adjective ("Изюмского, Купянского … районов") stands
		// for the raion's centre, whose hromada bears the name too, not
		// for a village of the raion named as the adjective's neuter
		// (Ізюмське of Borova hromada).
		if stem, raion := d.unitOfAdjective(c); stem != "" && !unitNamedAs(d, best, stem, raion) {
			found := false
			top := math.Inf(-1)
			for _, h := range r.cands {
				if s := h.Score + rankPrior(h, d.published); unitNamedAs(d, h, stem, raion) && s > top {
					best, hinted, found, top = h, true, true, s
				}
			}
			if !found {
				continue
			}
		}
		// "Садовое Токмакского муниципального округа", "Kruhliakivka,
		// Kupiansk district", "Петропавлівка Куп’янського району": the
		// homonym in the raion or hromada the adjective after the name
		// names. An adjective no Ukrainian reading's unit bears but a
		// place the text reads in Russia does ("Кирилловка Климовского
		// района" beside Климово) puts the name in Russia.
		// Two homonyms in that unit: the one the resolver ranked higher
		// (two Шевченко in Pokrovsk raion). A reading with another place
		// of the text within unitNeighbourM keeps it: the neighbours
		// outweigh a unit the gazetteer may file otherwise (it files the
		// Дачне beside Філія, "Дачне Синельниківського району", under
		// Kryvyi Rih raion).
		if stem := d.unitAfter(c.end); !hinted && stem != "" {
			inUnit := unitNamed(d, best, stem) && (iso == "" || best.OblastISO == iso)
			if inUnit {
				hinted = true
			} else if best.PointSource != "" && otherReadingWithin(best, index[c.name], names, resolved, unitNeighbourM, nil) {
				inUnit = true
			} else {
				top := math.Inf(-1)
				for _, h := range r.cands {
					if s := h.Score - centroidPenalty(h) + rankPrior(h, d.published); (iso == "" || h.OblastISO == iso) && (h.Country == "" || h.Country == "UA") &&
						unitNamed(d, h, stem) && acceptable(c.name, h) && s > top {
						best, hinted, inUnit, top = h, true, true, s
					}
				}
			}
			if !inUnit && (best.Country == "" || best.Country == "UA") && readInRussia(d, names, resolved, stem) {
				if ru, ok := russianReading(r.cands); ok {
					best, hinted = ru, true
				} else {
					m.Place = russianPlace(firstReading(c.name), 0, 0)
					m.Score, m.Reason = 0.5, "russia-unit"
					d.mentions = append(d.mentions, m)
					continue
				}
			}
		}
		if iso != "" && best.OblastISO != iso {
			for _, h := range r.cands {
				if h.OblastISO == iso {
					best, hinted = h, true
					break
				}
			}
		}
		// "в районах Владимировки и Урожайного на территории ДНР",
		// "Pervomaiske … in Donetsk Oblast": an oblast the sentence names
		// settles a homonym of the same spelling in it.
		// A reading already in that oblast is settled too: no city of
		// another oblast outranks it ("Макіївкою та Нововодяним на
		// Луганщині" is the Luhansk village, not the Donetsk city).
		if set := sentOblasts(d.sentenceAt(c.start)); iso == "" && !hinted && len(set) > 0 && set[best.OblastISO] && len(r.cands) > 1 && acceptable(c.name, best) {
			hinted = true
		} else if iso == "" && !hinted && len(set) > 0 && !set[best.OblastISO] && len(r.cands) > 1 {
			top := math.Inf(-1)
			for _, h := range r.cands {
				if s := h.Score - centroidPenalty(h) + rankPrior(h, d.published); set[h.OblastISO] && acceptable(c.name, h) && s > top {
					best, hinted, top = h, true, s
				}
			}
		}
		// "… у Сумській та Донецькій областях. Ворог просунувся у
		// Покровці …": a sentence that names no oblast takes those of
		// the text's earlier sentences that name no settlement, for a
		// reading that no other place of the text supports (none within
		// carriedNearM): the Mykolaiv Pokrovka chosen by the front prior
		// alone gives way to the Sumy one; "Pishchane, near … Kupiansk"
		// after a Dnipropetrovsk sentence keeps its neighbour's reading.
		if k := d.sentenceAt(c.start); iso == "" && !hinted && len(sentOblasts(k)) == 0 && len(r.cands) > 1 {
			if carried := earlierOblasts(oblastsOf, placeSentences, k); len(carried) > 0 && !carried[best.OblastISO] && !otherReadingWithin(best, index[c.name], names, resolved, carriedNearM, carried) {
				top := math.Inf(-1)
				for _, h := range r.cands {
					if s := h.Score - centroidPenalty(h) + rankPrior(h, d.published); carried[h.OblastISO] && acceptable(c.name, h) && s > top {
						best, hinted, top = h, true, s
					}
				}
			}
		}
		// "Russian forces have advanced on Dachnoye … 'This is the first
		// settlement in Dnipropetrovsk province …'": a village homonym in
		// an oblast another sentence of the text names (and no settlement)
		// wins over a reading
		// in an oblast the text does not name that no other place of the
		// text lies near (the Dachne by Toretsk). (Not the oblast the
		// text's other places lie in when it names none: the tracker's
		// notes name villages of two sectors in one sentence, and the
		// front prior reads them better; tuning notes 1,501 → 1,490.)
		// A city too gives way, to a village of the named oblast that
		// another place of the text lies beside: "Рубіжне" among "Черкаські
		// Тишки, Руські Тишки, Рубіжне та Байрак" after "у Харківській
		// області" is the Kharkiv village, not the Luhansk city
		// (cityNeighbourM).
		if iso == "" && !hinted && len(r.cands) > 1 && (best.Country == "" || best.Country == "UA") &&
			!textOblast(oblastsOf, best.OblastISO) && !otherReadingWithin(best, index[c.name], names, resolved, carriedNearM, nil) {
			// The oblast must be the text's scope, named in a sentence that
			// names no settlement ("Pryvillia in the Dnipropetrovsk region"
			// only locates Pryvillia: "Tykhe, just inside the border with
			// Russia" stays the Kharkiv village), or, for a city, the
			// oblast of a place beside the village.
			city := best.Kind == "city"
			top := math.Inf(-1)
			for _, h := range r.cands {
				if s := h.Score - centroidPenalty(h) + rankPrior(h, d.published); h.ID != best.ID && (h.Country == "" || h.Country == "UA") && h.Kind != "city" &&
					sameOrCloserReason(h.Reason, best.Reason) && acceptable(c.name, h) && s > top &&
					(!city && scopeOblast(oblastsOf, placeSentences, h.OblastISO) ||
						city && textOblast(oblastsOf, h.OblastISO) && h.PointSource != "" && otherReadingWithin(h, index[c.name], names, resolved, cityNeighbourM, nil)) {
					best, hinted, top = h, true, s
				}
			}
		}
		// An oblast named after the name that is a Ukrainian one (not
		// "Shebekino, Belgorod region") places it in Ukraine.
		uaAfter := iso
		if strings.HasPrefix(iso, "RU-") {
			uaAfter = ""
		}
		if !ruCtx(c.start) && !hinted && uaAfter == "" && best.Country != "RU" && ruNeighbours[d.sentenceAt(c.start)]-ruSelf(index[c.name]) >= 2 {
			// A sentence whose other names read as places in Russia
			// ("звільнили Апанасівку, Снагость, Отрубу та просунулися у
			// Ольгівці"): a name that is also a place there is that one.
			if ru, ok := russianReading(r.cands); ok {
				best = ru
			}
		} else if k := d.sentenceAt(c.start); !ruCtx(c.start) && !hinted && uaAfter == "" && best.Country != "RU" && k > 0 && ruCtx(d.sentences[k-1].start) &&
			ruNeighbours[k]-ruSelf(index[c.name]) >= 1 && !(best.Kind == "city" || best.Kind == "town" && best.Population >= 10000) {
			// One such neighbour is enough in the sentence after the one
			// that follows a Russian oblast's ("… in the Kursk region …
			// The Glushkovsky district was attacked … the village of
			// Tetkino and the villages of Korovyakovka, Alekseevka and
			// Popovo-Lezhachi": the gazetteer lacks the other two), as
			// ruCtx's sentences are: a place there, or one it lacks.
			// Not one it lacks when the name reads in a Ukrainian oblast
			// the text names ("… Belgorod region … The Graivoron
			// district … hit Kozinka and Velyka Pysarivka" in a text
			// that names Sumy oblast).
			if ru, ok := russianReading(r.cands); ok {
				best = ru
			} else if !readingInTextOblast(r.cands, oblastsOf) {
				m.Place = russianPlace(firstReading(c.name), 0, 0)
				m.Score, m.Reason = 0.5, "russia-context"
				d.mentions = append(d.mentions, m)
				continue
			}
		}
		if ruCtx(c.start) && uaAfter == "" {
			// A sentence about Kursk, Belgorod or Bryansk oblast: a place
			// across the border, unless the name is a Ukrainian town, or
			// an oblast named after it places it ("в Краснополье Сумской
			// области").
			if ru, ok := russianReading(r.cands); ok {
				best = ru
			} else if !(best.Kind == "city" || best.Kind == "town" && best.Population >= 10000) {
				m.Place = russianPlace(firstReading(c.name), 0, 0)
				m.Score, m.Reason = 0.5, "russia-context"
				d.mentions = append(d.mentions, m)
				continue
			}
		}
		// A large city outranks its village homonyms whatever the
		// context ("Poltava" next to villages of Kharkiv Oblast).
		// Not a city far from the war over a village at the front
		// ("Кам'янське" of the Zaporizhzhia front is not the city on the
		// Dnipro).
		// Nor a city behind the lines over a village on the front line
		// of the day that another place of the text lies beside
		// ("просунувся біля Стельмахівки, Макіївки" is the Luhansk
		// village, not the Donetsk city 20 km behind the front).
		if ni := index[c.name]; !hinted && !(best.Kind == "city" && best.Population >= bigCity) {
			for _, c := range r.cands {
				if c.Kind == "city" && c.Population >= bigCity && (c.Reason == gazetteer.ReasonExact || c.Reason == gazetteer.ReasonTransliteration) &&
					!(priorOf(best, d.published) >= 0.1 && priorOf(c, d.published) < 0.05) &&
					!d.frontVillageInContext(best, c, ni, names, resolved, d.groundMovement(d.sentenceAt(m.Start))) {
					best = c
					break
				}
			}
		}
		// The other way round: a big city that the resolver chose by its
		// size alone gives way to a village of its name on the line of
		// the day, the city behind it, when the sentence says the front
		// moved ("The enemy occupied Dolyna and advanced near Makiivka
		// and Toretsk", 2024: the Luhansk village, 0.004 below the city).
		if ni := index[c.name]; !hinted && !c.direction && best.Kind == "city" && best.Population >= bigCity && d.groundMovement(d.sentenceAt(m.Start)) {
			for _, v := range r.cands {
				if v.ID != best.ID && v.Kind == "village" && acceptable(c.name, v) && d.frontVillageInContext(v, best, ni, names, resolved, true) {
					best = v
					break
				}
			}
		}
		// "Бердичів" is the city of Zhytomyr oblast and the genitive of
		// Бердичі at the front; "Богданівці" a village far west and the
		// locative of Богданівка: war news names the one at the front. A
		// reading hundreds of km from every front gives way to another
		// reading of the same form at one.
		if !hinted && len(r.cands) > 1 && best.PointSource != "" && priorOf(best, d.published) < farPrior && !(best.Kind == "city" && best.Population >= bigCity) {
			for _, h := range r.cands {
				if h.Country == best.Country && h.Score >= best.Score-0.3 && priorOf(h, d.published) >= 0.12 && acceptable(c.name, h) {
					best = h
					break
				}
			}
		}
		// A direction is named after a town of the front, not after the
		// village of the same name on the line of the day: the Russian
		// "краснолиманское направление" of 2025 is Lyman's (Красный
		// Лиман until 2016), not the village Красный Лиман by Pokrovsk.
		// Ranked as directionBase ranks the names: the coarse theatre
		// prior and the kind.
		if c.direction && !hinted && len(r.cands) > 1 {
			top := directionRank(best, d.published)
			for _, h := range r.cands {
				if h.Country == best.Country && h.Score >= best.Score-0.3 && acceptable(c.name, h) {
					if rk := directionRank(h, d.published); rk > top+1e-9 {
						best, top = h, rk
					}
				}
			}
		}
		// "Pervomaisk, Voznesensk and Bashtanka districts" in a text on
		// Mykolaiv region: a name the text spells exactly as a place of
		// an oblast it names is that place, not a loose spelling's
		// village at the front of another oblast (Pervomays'k of Luhansk
		// oblast, a Who's On First row).
		if !hinted && best.Reason != gazetteer.ReasonExact && (best.Country == "" || best.Country == "UA") && !textOblast(oblastsOf, best.OblastISO) {
			for _, h := range r.cands {
				if h.Reason == gazetteer.ReasonExact && (h.Country == "" || h.Country == "UA") && textOblast(oblastsOf, h.OblastISO) && acceptable(c.name, h) {
					best = h
					break
				}
			}
		}
		if !acceptable(c.name, best) && !d.frontAlternate(best) {
			continue
		}
		// A village or small town far behind every front of the day that
		// no other place of the text lies near ("Сторожове" of Poltava
		// oblast for the tracker's Сторожеве, "Москалі" the word, "Рудки"
		// of Lviv oblast): war news names such a place with its oblast
		// (hinted) or beside its neighbours; alone it is a misreading.
		// A homonym in an oblast the text names is that place: the
		// Crimean Докучаєве of "село Докучаево … жителей Республики
		// Крым", not the one of Kirovohrad oblast the resolver ranked
		// first.
		if !hinted && !textOblast(oblastsOf, best.OblastISO) && d.lonelyFarReading(best, index[c.name], names, resolved) {
			alt, ok := gazetteer.Candidate{}, false
			for _, h := range r.cands {
				if h.ID != best.ID && (h.Country == "" || h.Country == "UA") && textOblast(oblastsOf, h.OblastISO) && acceptable(c.name, h) {
					alt, ok = h, true
					break
				}
			}
			// Else the name, spelled with e for o after a sibilant, may
			// be a village's at the front of the day (frontLooseReading).
			if !ok {
				alt, ok = d.frontLooseReading(c.name)
			}
			if !ok {
				continue
			}
			best = alt
		}
		// A word of a longer name that is no place ("Koroviya Yar",
		// Коров'ячий Яр by Lyman) read as a village hundreds of km from
		// every front (Коровія of Chernivtsi oblast): the name is one the
		// gazetteer lacks, not that village.
		if c.partial && !hinted && best.Kind == "village" && best.PointSource != "" && priorOf(best, d.published) < farPrior {
			continue
		}
		if best.PointSource == "site" {
			m.Kind = frontline.MentionSite
		}
		m.Place = frontline.MentionPlace{ID: best.ID, Name: best.Name, Kind: best.Kind, Oblast: best.Oblast, OblastISO: best.OblastISO, Country: best.Country}
		if best.PointSource != "" {
			m.Place.Lon, m.Place.Lat = best.Lon, best.Lat
		}
		m.Score, m.Reason, m.Alternatives = best.Score, best.Reason, len(r.cands)-1
		d.mentions = append(d.mentions, m)
		if m.Kind == frontline.MentionSettlement && len(r.cands) > 1 {
			// Settled by the text: a hint that chose it, or the oblast
			// given right after it that it already lies in.
			if hinted || iso != "" && best.OblastISO == iso {
				if h, ok := hintedReading[c.name]; ok && h.ID != best.ID {
					hintedTwice[c.name] = true // two readings given: no one reading
				}
				hintedReading[c.name] = best
			} else {
				unhinted = append(unhinted, unhintedMention{len(d.mentions) - 1, c.name})
			}
		}
	}
	// One reading per name in a text: a homonym settled by an oblast
	// given at one mention ("Кримське на Луганщині") is the one the
	// other mentions of the same name mean ("Кримське під контролем ЗСУ",
	// the headline).
	for _, u := range unhinted {
		h, ok := hintedReading[u.name]
		if !ok || hintedTwice[u.name] || h.ID == "" || h.ID == d.mentions[u.i].Place.ID {
			continue
		}
		m := &d.mentions[u.i]
		m.Place = frontline.MentionPlace{ID: h.ID, Name: h.Name, Kind: h.Kind, Oblast: h.Oblast, OblastISO: h.OblastISO, Country: h.Country}
		if h.PointSource != "" {
			m.Place.Lon, m.Place.Lat = h.Lon, h.Lat
		}
		m.Score, m.Reason = h.Score, h.Reason
	}
}

// unhintedMention is a mention (index into doc.mentions) of a name whose
// homonym no oblast of its own settled.
type unhintedMention struct {
	i    int
	name string
}

// Distances of frontVillageInContext: a reading on the line of the day
// (within onLineM of it), a city behind it (farther than behindLineM),
// another place of the text beside the reading (within besideM).
const (
	onLineM     = 5000.0
	behindLineM = 10000.0
	besideM     = 30000.0
)

// frontVillageInContext reports whether best, a reading on the front line
// of the text's day, should keep its name against city, a large city of
// the same name behind the line: when another name of the text (not name
// i) reads as a place beside best. The front of the day is known from
// 2022-05 on (fronts.bin); before, or without a point, it is false.
func (d *doc) frontVillageInContext(best, city gazetteer.Candidate, i int, names []string, resolved []resolved, movement bool) bool {
	if best.PointSource == "" || best.PointSource == "hromada" || city.PointSource == "" || best.Country != "" && best.Country != "UA" {
		return false
	}
	if datedFrontDistanceM(best.Lon, best.Lat, d.published) > onLineM || datedFrontDistanceM(city.Lon, city.Lat, d.published) <= behindLineM {
		return false
	}
	return movement || otherReadingWithin(best, i, names, resolved, besideM, nil)
}

// movementStems, in a lower-case sentence, say that the front moved or
// was fought over at the places it names ("Ворог просунувся на схід від
// Макіївки", "partial success near"): a city 10 km or more behind the
// line of the day is not such a place, a village on it is. Strikes and
// explosions are not movement ("Вибухи пролунали в Макіївці" is the city).
var movementStems = []string{
	"просунув", "просуван", "частковий успіх", "окупував", "зачистил", "відкинуто", "відкинули", "тривають бої", "бої тривають",
	"продвинул", "продвижени", "частичн", "оккупировал", "зачистил", "отброшен", "отбросил",
	"advanc", "partial success", "occupied", "cleared", "pushed back", "fighting continues",
}

// groundMovement reports whether sentence k says the front moved
// (movementStems).
func (d *doc) groundMovement(k int) bool {
	if k < 0 || k >= len(d.sentences) {
		return false
	}
	sn := d.sentences[k]
	low := strings.ToLower(d.text[sn.start:sn.end])
	for _, st := range movementStems {
		if strings.Contains(low, st) {
			return true
		}
	}
	return false
}

// otherReadingWithin reports whether another name of the text than name i
// (and than its spelling) reads as a place other than best within m metres
// of it.
// With set, a neighbour in one of the oblasts set does not count, nor one
// which is itself a homonym with a reading in one of them:
// "Новоандріївку, Преображенку" in a list of villages "у Запорізькій
// області" were each other's support by Pokrovsk, 150 km from the list's
// oblast, where both have namesakes.
func otherReadingWithin(best gazetteer.Candidate, i int, names []string, resolved []resolved, m float64, set map[string]bool) bool {
	cosLat := math.Cos(best.Lat * math.Pi / 180)
	for k, r := range resolved {
		if k == i || names[k] == names[i] || r.err != nil || len(r.cands) == 0 {
			continue
		}
		o := r.cands[r.best]
		if o.PointSource == "" || o.ID == best.ID || approxDistanceM(best.Lon, best.Lat, cosLat, o.Lon, o.Lat) > m {
			continue
		}
		if set[o.OblastISO] {
			// A neighbour in the text's oblast argues for that oblast:
			// Ольгівське of Zaporizhzhia oblast, 17 km from the Donetsk
			// Комишуваха, in a list of Zaporizhzhia villages.
			continue
		}
		namesake := false
		for _, h := range r.cands {
			if set[h.OblastISO] && h.Country == o.Country {
				namesake = true
				break
			}
		}
		if !namesake {
			return true
		}
	}
	return false
}

// scopeOblast reports whether a sentence that names no settlement names
// oblast iso (earlierOblasts' scope, in any sentence).
func scopeOblast(oblastsOf map[int]map[string]bool, placeSentences map[int]bool, iso string) bool {
	for j, set := range oblastsOf {
		if !placeSentences[j] && set[iso] {
			return true
		}
	}
	return false
}

// sameOrCloserReason reports whether a homonym read for reason h is as
// close a match as the reading's b: the same reason, or an official name
// or another transliteration of it where b is one of those two (the
// Russian "Ольховатка" matches the Kharkiv village by transliteration,
// the Donetsk one exactly).
func sameOrCloserReason(h, b string) bool {
	official := func(r string) bool { return r == gazetteer.ReasonExact || r == gazetteer.ReasonTransliteration }
	return h == b || official(h) && official(b)
}

// textOblast reports whether a sentence of the text names oblast iso:
// "denied Russian troops had captured a village in the northeastern Sumy
// region … the border village of Ryzhivka" keeps a village far from the
// front that the text places in its oblast.
func textOblast(oblastsOf map[int]map[string]bool, iso string) bool {
	if iso == "" {
		return false
	}
	for _, set := range oblastsOf {
		if set[iso] {
			return true
		}
	}
	return false
}

// readingInTextOblast reports whether one of cands is a Ukrainian
// reading in an oblast a sentence of the text names.
func readingInTextOblast(cands []gazetteer.Candidate, oblastsOf map[int]map[string]bool) bool {
	for _, h := range cands {
		if (h.Country == "" || h.Country == "UA") && textOblast(oblastsOf, h.OblastISO) {
			return true
		}
	}
	return false
}

// Distances of lonelyFarReading: from the front of the day, and to the
// nearest other place of the text.
const (
	lonelyFrontM = 60000.0
	lonelyNearM  = 50000.0
	// lonelyPrior stands for lonelyFrontM on a day without a front on
	// the maps: the coarse theatre prior about 100 km from its lines.
	lonelyPrior = 0.01
)

// lonelyFarReading reports whether best, the reading of name i, is a
// village or a town of under 10,000 people in Ukraine farther than
// lonelyFrontM from the front of the text's day (or, before the maps
// begin, with a coarse prior under lonelyPrior) with no other name of the
// text read within lonelyNearM of it.
func (d *doc) lonelyFarReading(best gazetteer.Candidate, i int, names []string, resolved []resolved) bool {
	if best.PointSource == "" || best.PointSource == "site" || best.Country != "" && best.Country != "UA" {
		return false
	}
	if best.Population >= 10000 || best.Kind != "village" && best.Kind != "town" && best.Kind != "city" {
		return false
	}
	if f := datedFrontDistanceM(best.Lon, best.Lat, d.published); math.IsInf(f, 1) {
		if priorOf(best, d.published) >= lonelyPrior {
			return false
		}
	} else if f <= lonelyFrontM {
		return false
	}
	if otherReadingWithin(best, i, names, resolved, lonelyNearM, nil) {
		return false
	}
	cosLat := math.Cos(best.Lat * math.Pi / 180)
	for _, l := range d.links {
		if approxDistanceM(best.Lon, best.Lat, cosLat, l.Lon, l.Lat) <= lonelyNearM {
			return false
		}
	}
	return true
}

// frontLooseReading is the reading of a village near the front of the
// text's day (variantFrontM) that name spells with o for e after a
// sibilant, the homonym nearest that front: the tracker's "Сторожове" and
// "Storozhove" for Сторожеве (Сторожове itself is a village of Poltava
// oblast). ok is false when there is none.
func (d *doc) frontLooseReading(name string) (gazetteer.Candidate, bool) {
	for _, rd := range strings.Split(name, readingSep) {
		v := sibilantOE.Replace(rd)
		if v == rd {
			continue
		}
		cands, err := d.e.candidates(v)
		if err != nil {
			continue
		}
		var best gazetteer.Candidate
		bestM := math.Inf(1)
		for _, c := range cands {
			if c.PointSource == "" || c.Country != "" && c.Country != "UA" || c.Reason != gazetteer.ReasonExact && c.Reason != gazetteer.ReasonTransliteration {
				continue
			}
			f := datedFrontDistanceM(c.Lon, c.Lat, d.published)
			if c.PointSource == "hromada" {
				f -= datedCentroidSlackM
			}
			if f <= variantFrontM && f < bestM {
				best, bestM = c, f
			}
		}
		if !math.IsInf(bestM, 1) {
			return best, true
		}
	}
	return gazetteer.Candidate{}, false
}

// sibilantOE writes e for o after ж, ш, ч, щ before в (Ukrainian
// spelling, -жеве, against the Russian-minded -жове), in Cyrillic and in
// the tracker's Latin (shchov ends in chov), lower case and capital.
var sibilantOE = strings.NewReplacer("жов", "жев", "шов", "шев", "чов", "чев", "щов", "щев", "Жов", "Жев", "Шов", "Шев", "Чов", "Чев", "Щов", "Щев",
	"zhov", "zhev", "shov", "shev", "chov", "chev", "Zhov", "Zhev", "Shov", "Shev", "Chov", "Chev")

// frontAlternate reports whether c, read through an alternate name
// (Who's On First's or GeoNames' other name of a village: Novozhelanne for
// Завітне), lies near the front of the text's day, where the tracker's
// and the press's Latin names of villages are such names.
func (d *doc) frontAlternate(c gazetteer.Candidate) bool {
	if c.Reason != gazetteer.ReasonAlternate || c.PointSource == "" || c.PointSource == "hromada" || c.Country != "" && c.Country != "UA" {
		return false
	}
	return datedFrontDistanceM(c.Lon, c.Lat, d.published) <= variantFrontM
}

// acceptable reports whether a resolution is strong enough to keep: an
// official or transliterated spelling of anything, or an alternate
// spelling (GeoNames' list, the Russian name) of a city, a town or a site,
// or written in Cyrillic.
func acceptable(name string, c gazetteer.Candidate) bool {
	switch c.Reason {
	case gazetteer.ReasonExact, gazetteer.ReasonTransliteration:
		return true
	case gazetteer.ReasonAlternate:
		return c.Kind != "village" || isCyrillic(name)
	}
	return false
}

var nonPlaceKeys = func() []string {
	var out []string
	for _, n := range nonPlaces {
		out = append(out, translit.Fold(n))
	}
	return out
}()

// fold is translit.Fold, remembered for the text.
func (d *doc) fold(s string) string {
	if k, ok := d.folded[s]; ok {
		return k
	}
	if d.folded == nil {
		d.folded = d.scratch.foldMap()
	}
	k := d.e.fold(s)
	d.folded[s] = k
	return k
}

// nonPlace reports whether a capitalised run starts with a name that is
// not a place.
func nonPlace(folded string) bool {
	for _, n := range nonPlaceKeys {
		if strings.HasPrefix(folded, n) {
			return true
		}
	}
	return false
}

func isCyrillic(s string) bool {
	for _, r := range s {
		if r >= 0x400 && r <= 0x4FF {
			return true
		}
	}
	return false
}

// siteAfter tries words a..b-1 followed by a site suffix ("nuclear power
// plant") as a watched site. It returns the name to search, the end offset
// and the index of the next word.
func (d *doc) siteAfter(a, b int) (string, int, int) {
	ws := d.words
	for _, suf := range siteSuffixes {
		if b+len(suf) > len(ws) {
			continue
		}
		ok := true
		for k, s := range suf {
			if lowerASCII(d.text[ws[b+k].start:ws[b+k].end]) != s || d.text[ws[b+k-1].end:ws[b+k].start] != " " {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		end := ws[b+len(suf)-1].end
		name := d.text[ws[a].start:end]
		if _, found := d.e.key(d.fold(name)); found {
			return name, end, b + len(suf)
		}
		// "Zaporozhye nuclear power plant": the site of the city's
		// official name.
		if off := d.e.cityName(d.text[ws[a].start:ws[b-1].end]); off != "" {
			alt := off + d.text[ws[b-1].end:end]
			if _, found := d.e.key(d.fold(alt)); found {
				return alt, end, b + len(suf)
			}
		}
	}
	return "", 0, 0
}

// compassAdjectives before an oblast's centre make it the oblast
// ("western Donetsk", "northern Kharkiv").
var compassAdjectives = toSet(`western eastern northern southern north-eastern northeastern north-western northwestern
south-eastern southeastern south-western southwestern central`)

// oblastCentres are the centres whose bare name the English press also
// writes for their oblast, folded (Luhansk and Lugansk alike).
var oblastCentres = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(`Donetsk Luhansk Zaporizhzhia Zaporozhye Kherson Kharkiv Kharkov`) {
		m[translit.Fold(c)] = true
	}
	return m
}()

// directionCentres are the oblast centres whose direction is the front in
// the oblast ("Донецкое направление"); the Kharkiv direction is the
// city's. Folded.
var directionCentres = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(`Донецьк Донецк Луганськ Луганск Запоріжжя Запорожье Херсон`) {
		m[translit.Fold(c)] = true
	}
	return m
}()

// oblastByContext reports whether the one-word English name at word a is
// its oblast: after a compass adjective ("in western Donetsk"), or after
// "in" at the end of a sentence in a text that also names "X region" or
// "X Oblast" and never "X city" or "city of X" ("the fiercest battles
// taking place in Donetsk.").
func (d *doc) oblastByContext(a int, name string) bool {
	key := d.fold(name)
	if !oblastCentres[key] || a == 0 {
		return false
	}
	ws := d.words
	prev := lowerASCII(d.text[ws[a-1].start:ws[a-1].end])
	if compassAdjectives[prev] && d.text[ws[a-1].end:ws[a].start] == " " {
		return true
	}
	if prev != "in" || !strings.HasPrefix(d.text[ws[a].end:], ".") {
		return false
	}
	n := toLower(name)
	if v, ok := d.asRegion[n]; ok {
		return v
	}
	if d.lowerText == "" {
		d.lowerText = toLower(d.text)
	}
	low := d.lowerText
	v := !(strings.Contains(low, n+" city") || strings.Contains(low, "city of "+n) || strings.Contains(low, "cities of "+n)) &&
		(strings.Contains(low, n+" region") || strings.Contains(low, n+" oblast") || strings.Contains(low, n+" province"))
	if d.asRegion == nil {
		d.asRegion = map[string]bool{}
	}
	d.asRegion[n] = v
	return v
}

// hintWindow bounds the bytes oblastHintAfter reads after a name.
const hintWindow = 120

// oblastHintAfter is the oblast a parenthesis right after a name gives
// ("Макеевка (ЛНР)", "Первомайское (Донецкая область)", "Vesele
// (Kharkiv Oblast)"), "" for none.
func (d *doc) oblastHintAfter(end int) string {
	// A window of the next words only: a long text must stay linear.
	stop := min(len(d.text), end+hintWindow)
	for stop < len(d.text) && !utf8.RuneStart(d.text[stop]) {
		stop++
	}
	rest := d.text[end:stop]
	rest = strings.TrimLeft(rest, " ")
	// "X in Donetsk", "X in the Kharkiv region", "X, Donetsk Oblast".
	if after, ok := strings.CutPrefix(rest, "in "); ok || strings.HasPrefix(rest, ", ") {
		if !ok {
			after = rest[2:]
		}
		after = strings.TrimPrefix(after, "the ")
		// Only the next two words matter: never split the rest of a long
		// text (a 1 MB sentence would make this quadratic).
		if len(after) > 120 {
			cut := 120
			for cut > 0 && !utf8.RuneStart(after[cut]) {
				cut--
			}
			after = after[:cut]
		}
		var buf [2]string
		fs := firstFields(after, buf[:])
		if len(fs) > 0 {
			name := strings.TrimRight(fs[0], ".,;:")
			region := len(fs) > 1 && regionWords[lowerASCII(strings.TrimRight(fs[1], ".,;:"))] && name == fs[0]
			if region || ok && oblastCentres[d.e.fold(name)] {
				if iso, ok := d.e.regionISO(name); ok {
					return iso
				}
			}
		}
		return ""
	}
	if !strings.HasPrefix(rest, "(") {
		return ""
	}
	inner, _, ok := strings.Cut(rest[1:], ")")
	if !ok || len(inner) > 60 {
		return ""
	}
	fields := strings.Fields(inner)
	if len(fields) == 0 || len(fields) > 3 {
		return ""
	}
	switch strings.ToUpper(fields[0]) {
	case "ДНР", "DPR", "ДОНЕЧЧИНА":
		return "UA-14"
	case "ЛНР", "LPR", "ЛУГАНЩИНА":
		return "UA-09"
	}
	if iso, ok := d.e.regionNoun(fields[0]); ok && len(fields) == 1 {
		return iso
	}
	// The tracker's "Білогорівки (Луганська)", "Bilohorivka (Luhansk)":
	// the oblast's adjective or name alone.
	if len(fields) == 1 {
		if isCyrillicWord(fields[0]) {
			if iso, ok := d.e.adjectiveRegion(fields[0]); ok {
				return iso
			}
		} else if iso, ok := d.e.regionISO(fields[0]); ok && oblastCentres[d.e.fold(fields[0])] {
			return iso
		}
	}
	if len(fields) == 2 {
		second := strings.TrimRight(toLower(fields[1]), ".")
		if regionWordsCyr[second] {
			if iso, ok := d.e.adjectiveRegion(fields[0]); ok {
				return iso
			}
		}
		if regionWords[lowerASCII(fields[1])] {
			if iso, ok := d.e.regionISO(fields[0]); ok {
				return iso
			}
		}
	}
	return ""
}

// villageWords before a name make it a village ("the village of X",
// "село X", "деревня X").
var villageWords = toSet(`village hamlet село села селі селом селу сёла деревня деревни деревне деревню`)

// villageBefore reports whether the word before the byte offset start is
// a village word, directly or through "of" ("village of").
func (d *doc) villageBefore(start int) bool {
	before := strings.TrimRight(d.text[max(0, start-40):start], " ")
	var buf [2]string
	fields := lastFields(toLower(before), buf[:])
	if len(fields) == 0 {
		return false
	}
	last := fields[len(fields)-1]
	if last == "of" && len(fields) >= 2 {
		last = fields[len(fields)-2]
	}
	return villageWords[last]
}

// shouted reports whether the all-caps Latin word k is a name in a line
// written in capitals ("RUSSIAN FORCES CAPTURED KUPIANSK"), not an
// acronym (AFU, ISW, NATO): five letters or more, next to another
// all-caps word of two letters or more.
func (d *doc) shouted(k int) bool {
	ws := d.words
	if utf8.RuneCountInString(d.text[ws[k].start:ws[k].end]) < 5 {
		return false
	}
	caps := func(j int) bool {
		return j >= 0 && j < len(ws) && ws[j].allCaps && ws[j].end-ws[j].start > 1 &&
			!strings.ContainsAny(d.text[min(ws[j].end, ws[k].end):max(ws[j].start, ws[k].start)], ".!?\n")
	}
	return caps(k-1) || caps(k+1)
}

// adjectiveTowns are the starts of adjectives that are also the names of
// towns (Українськ, Північне, Південне, Східне, Західне).
var adjectiveTowns = []string{"українськ", "північн", "південн", "східн", "західн"}

// townPrepositions before a capitalised adjective make it a place: "в
// Українську", "біля Північного".
var townPrepositions = toSet(`в у біля поблизу до з із зі під районі бік околицях околиці`)

// adjectiveTown reports whether word a, a capitalised stopword adjective
// that is also a town's name, stands after a preposition of place inside
// its sentence and before no other capitalised word: "просунувся в
// Українську", not "пише Українська правда" or "на Північному Донбасі".
func (d *doc) adjectiveTown(a int) bool {
	ws := d.words
	if a == 0 || !ws[a].cap || ws[a].allCaps || !(d.text[ws[a-1].end:ws[a].start] == " " && townPrepositions[d.lowerWord(a-1)] || d.listedAfterPlace(a)) {
		return false
	}
	lower := d.lowerWord(a)
	ok := false
	for _, p := range adjectiveTowns {
		if strings.HasPrefix(lower, p) {
			ok = true
			break
		}
	}
	if !ok {
		return false
	}
	if a+1 < len(ws) && d.text[ws[a].end:ws[a+1].start] == " " && ws[a+1].cap {
		return false
	}
	return true
}

// listedAfterPlace reports whether word a follows a Cyrillic place name
// in a list: "Нью-Йорку та Українську", "Марфополя, Українська,".
func (d *doc) listedAfterPlace(a int) bool {
	ws := d.words
	p := -1
	switch gap := d.text[ws[a-1].end:ws[a].start]; {
	case gap == ", ":
		p = a - 1
	case gap == " " && a >= 2 && cyrListWords[d.lowerWord(a-1)] && d.text[ws[a-2].end:ws[a-1].start] == " ":
		p = a - 2
	}
	if p < 0 || !ws[p].cap || ws[p].allCaps {
		return false
	}
	w := d.wordText(p)
	return isCyrillicWord(w) && !cyrStopwords[d.lowerWord(p)] && d.e.cyrLookup([]string{w}) != ""
}

var cyrListWords = toSet(`та і й и`)

// townLemma is the lemma of a Cyrillic word that is a place's exact
// name, common words not excluded (Українську → Українськ), "" for none:
// for a word adjectiveTown has placed.
func (e *Extractor) townLemma(word string) string {
	for _, f := range e.lemmasOf(word) {
		if e.cyrName(toLower(f)) {
			return f
		}
	}
	return ""
}

// farPrior is the front prior of a point about 200 km from every front
// line of its day: no reading of war news there is likelier than one at
// the front.
const farPrior = 0.0033

// latinAdjective reports whether a lower-case Latin word has the ending
// of a masculine place adjective in transliteration (Antonivskyi,
// Pokrovskiy, Kharkivsky).
func latinAdjective(w string) bool {
	for _, e := range []string{"skyi", "skyy", "skiy", "skii", "sky", "tskyi", "zkyi"} {
		if strings.HasSuffix(w, e) && len(w) > len(e)+2 {
			return true
		}
	}
	return false
}

// roadWords after "X-Y" make it a road or a railway, not two villages
// ("the Bakhmut-Kostiantynivka highway", "трасі Бахмут-Костянтинівка" is
// read on the word before).
var borderWords = toSet(`border borders frontier кордон кордону кордоні граница границы границе`)

// maxHyphenParts is the most names one hyphenated word is read as.
const maxHyphenParts = 5

var roadWords = toSet(`highway road route railway motorway траса трасі трасу траси трасою дорога дороги дорозі дорогу шосе шоссе трассы трассе трасса`)

// hyphenPair reads word a, "X-Y" (or a line of up to maxHyphenParts,
// "по відтинку Веселівка-Журавка-Новеньке-Басівка") that is no name of
// its own, as the places X and Y when every part is one: the tracker's
// "П'ятихатки-Новопокровка", "Berkhivka-Yahidne"; the first name may open
// with the word before when openFree ("Велика Комишуваха-Довгеньке"). Not a road ("траса
// Бахмут-Костянтинівка", "the Bakhmut-Kostiantynivka highway").
func (d *doc) hyphenPair(a int, openFree bool) []cand {
	ws := d.words
	w := d.text[ws[a].start:ws[a].end]
	if !strings.Contains(w, "-") {
		return nil
	}
	if a+1 < len(ws) && roadWords[d.lowerWord(a+1)] || a > 0 && roadWords[d.lowerWord(a-1)] {
		return nil
	}
	// "the Kharkiv-Luhansk Oblast border", "Южно-Донецком направлении":
	// regions and directions.
	if a+1 < len(ws) && (regionWords[lowerASCII(d.wordText(a+1))] || regionWordsCyr[d.lowerWord(a+1)] || borderWords[d.lowerWord(a+1)]) || d.directionAfter(a+1) {
		return nil
	}
	parts := strings.Split(w, "-")
	if len(parts) > maxHyphenParts {
		return nil
	}
	var out []cand
	off := ws[a].start
	for i, p := range parts {
		start := off
		off += len(p) + 1
		r, _ := utf8.DecodeRuneInString(p)
		if utf8.RuneCountInString(p) < 3 || !unicode.IsUpper(r) {
			return nil
		}
		if i == 0 && openFree {
			// "Велика Комишуваха-Довгеньке": the first place's name
			// opens with the word before ("Велика", "Velyka").
			if name := d.hyphenPairOpening(a, p); name != "" {
				out = append(out, cand{start: ws[a-1].start, end: start + len(p), name: name, kind: frontline.MentionSettlement})
				continue
			}
		}
		search := ""
		if isCyrillicWord(p) {
			search = d.e.cyrLookup([]string{p})
			if search != "" && adjectiveEnding(toLower(firstReading(search))) && !d.e.cyrName(toLower(firstReading(search))) {
				search = ""
			}
		} else if _, ok := d.e.key(d.fold(p)); ok && !stopword(lowerASCII(p)) {
			search = p
		}
		if search == "" || d.persons[d.fold(p)] {
			return nil
		}
		out = append(out, cand{start: start, end: start + len(p), name: search, kind: frontline.MentionSettlement})
	}
	return out
}

// hyphenPairOpening is the name of word a-1 and p, the first part of word
// a, "X-Y", when word a-1 is a capitalised word before it with one space
// between and the two are a settlement's name; "" otherwise.
func (d *doc) hyphenPairOpening(a int, p string) string {
	ws := d.words
	if a == 0 || !ws[a-1].cap || d.text[ws[a-1].end:ws[a].start] != " " {
		return ""
	}
	prev := d.wordText(a - 1)
	if isCyrillicWord(p) {
		if !isCyrillicWord(prev) {
			return ""
		}
		return d.e.cyrLookup([]string{prev, p})
	}
	if name := prev + " " + p; !isCyrillicWord(prev) {
		if _, ok := d.e.key(d.fold(name)); ok {
			return name
		}
	}
	return ""
}

// reversedName is the name of words a and a+1 read in the other order,
// "" when that is no name either.
func (d *doc) reversedName(a int, cyr bool) string {
	first, second := d.wordText(a+1), d.wordText(a)
	if cyr {
		if !d.allCyrillic(a, a+2) {
			return ""
		}
		return d.e.cyrLookup([]string{first, second})
	}
	name := first + " " + second
	if _, ok := d.e.key(d.fold(name)); ok {
		return name
	}
	return ""
}

// typoPrepositions before a Cyrillic name the gazetteer lacks make it a
// place whose spelling may be one letter off ("біля Камишувахи" for
// Комишуваха): only names after them are tried (cyrTypoName).
var typoPrepositions = toSet(`біля поблизу в у під до від із от из околиць околицях около возле под вблизи районе near in of outside around towards`)

// cyrTypoName is the name of a village one letter away from a lemma of
// words, near the front of the text's day (typoName), or "".
func (d *doc) cyrTypoName(words []string) string {
	ph := inflect.Phrases(words, " ")
	if len(ph) > 4 {
		ph = ph[:4]
	}
	for _, p := range ph {
		if t := d.e.frontLooseName(p, d.fold(p), d.published); t != "" {
			return t
		}
	}
	return ""
}

// frontLooseName is typoName that also takes the gazetteer's loose
// matches (vowels and doubled letters aside: the tracker's "Камишуваха",
// "Kamyshuvakha" for Комишуваха), under the same rule: one place's name
// only, near the front of day.
func (e *Extractor) frontLooseName(name, folded string, day time.Time) string {
	return e.nearFrontMisspelling(name, folded, day, true)
}

// pluralRegionWordsCyr end a list of oblast adjectives ("Сумській та
// Донецькій областях", "Курская и Белгородская области").
var pluralRegionWordsCyr = toSet(`областях областей областями областям области`)

// listJoinsCyr join the adjectives of such a list.
var listJoinsCyr = toSet(`та і й и а также`)

// sharedRegionWordAfter reports whether word a (an oblast adjective, not
// followed by its region word) is followed by ", " or a conjunction and
// further capitalised adjectives up to a plural region word: "Сумській"
// of "у Сумській, Харківській та Донецькій областях", "Донецкой" of
// "Донецкой и Луганской народных республик".
func (d *doc) sharedRegionWordAfter(a int) bool {
	ws := d.words
	k := a + 1
	for n := 0; n < 4 && k < len(ws); n++ {
		gap := d.text[ws[k-1].end:ws[k].start]
		if gap == " " && listJoinsCyr[d.lowerWord(k)] {
			k++
			if k >= len(ws) || d.text[ws[k-1].end:ws[k].start] != " " {
				return false
			}
		} else if gap != ", " {
			return false
		}
		if !ws[k].cap || !isCyrillicWord(d.wordText(k)) {
			return false
		}
		if _, ok := d.e.adjectiveRegion(d.wordText(k)); !ok {
			return false
		}
		k++
		if k < len(ws) && d.text[ws[k-1].end:ws[k].start] == " " && pluralRegionWordsCyr[d.lowerWord(k)] {
			return true
		}
		// "Донецкой и Луганской народных республик".
		if k+1 < len(ws) && d.text[ws[k-1].end:ws[k].start] == " " && strings.HasPrefix(d.lowerWord(k), "народн") &&
			d.text[ws[k].end:ws[k+1].start] == " " && strings.HasPrefix(d.lowerWord(k+1), "республ") {
			return true
		}
	}
	return false
}

// carriedNearM: a reading with another place of the text within this
// keeps its oblast against the oblasts of earlier sentences.
const carriedNearM = 25000.0

// earlierOblasts is the set of Ukrainian oblasts named in the sentences
// before sentence k that name no settlement (a sentence of regions sets
// the scope of the text; "Pryvillia in the Dnipropetrovsk region" only
// locates Pryvillia), nil when there are none.
func earlierOblasts(oblastsOf map[int]map[string]bool, placeSentences map[int]bool, k int) map[string]bool {
	var set map[string]bool
	for j, s := range oblastsOf {
		if j >= k || placeSentences[j] {
			continue
		}
		for iso := range s {
			if set == nil {
				set = map[string]bool{}
			}
			set[iso] = true
		}
	}
	return set
}

// cityNeighbourM: a village of an oblast the text names with another
// place of the text this near wins over a city of another oblast that none
// lies near (Рубіжне of Vovchansk hromada, 30 km from the Тишки).
const cityNeighbourM = 40000.0

// unitNeighbourM: a reading with another place of the text this near
// keeps it against the raion or hromada named after it.
const unitNeighbourM = 10000.0

// unitWords after an adjective make it a raion, a hromada, or a
// municipal okrug (Russian-appointed officials' name for an old raion).
var unitWords = toSet(`район району района районе районі district raion громада громади громаді громаде hromada community округ округа округе`)

// unitKinds may stand between the adjective and the unit word
// ("Токмакского муниципального округа", "Марганецької міської громади").
var unitKinds = toSet(`муниципального муніципального міської селищної сільської городского сельского поселкового territorial municipal муниципальных муніципальних міських селищних сільських городских сельских`)

// unitAfter is the folded stem of the raion, hromada or okrug named right
// after the byte offset end, after a space or a comma: "Токмакского
// муниципального округа", ", Kupiansk district", "Куп’янського району"
// give the Fold of the adjective (or the English name) cut before its
// last "sk"; "" when no unit follows.
func (d *doc) unitAfter(end int) string {
	k := sort.Search(len(d.words), func(i int) bool { return d.words[i].start >= end })
	if k+1 >= len(d.words) {
		return ""
	}
	if g := d.text[end:d.words[k].start]; g != " " && g != ", " {
		return ""
	}
	u := k + 1
	if unitKinds[d.lowerWord(u)] && u+1 < len(d.words) {
		u++
	}
	if !unitWords[d.lowerWord(u)] {
		return ""
	}
	return unitStem(d.fold(d.wordText(k)))
}

// nameAdjectiveBefore reports whether word a follows, after one space, a
// capitalised Russian adjective in the nominative (-ая, -яя, -ое, -ее,
// -ый, -ий, -ой): the first word of a two-word name the gazetteer lacks
// ("Мокрая Орловка").
func (d *doc) nameAdjectiveBefore(a int) bool {
	ws := d.words
	p := a - 1
	if !ws[p].cap || ws[p].allCaps || d.text[ws[p].end:ws[a].start] != " " {
		return false
	}
	lower := d.lowerWord(p)
	if !isCyrillicWord(lower) || cyrStopwords[lower] || utf8.RuneCountInString(lower) < 5 {
		return false
	}
	// "Куп’янськ-Вузловий Куп’янської громади": a hyphenated name is
	// no adjective, and the word after it is the adjective of the unit
	// named after the place.
	if strings.Contains(lower, "-") {
		return false
	}
	if a+1 < len(ws) && unitAdjective(d.lowerWord(a)) && (unitWords[d.lowerWord(a+1)] || unitKinds[d.lowerWord(a+1)]) {
		return false
	}
	for _, e := range []string{"ая", "яя", "ое", "ее", "ый", "ий", "ой"} {
		if strings.HasSuffix(lower, e) {
			_, region := d.e.adjectiveRegion(d.wordText(p))
			return !region
		}
	}
	return false
}

// noCity reports whether the name reads as no city (villages and towns
// only).
func (e *Extractor) noCity(name string) bool {
	cs, err := e.candidates(name)
	if err != nil || len(cs) == 0 {
		return false
	}
	for _, c := range cs {
		if c.Kind == "city" {
			return false
		}
	}
	return true
}

// unitAdjective reports whether a lower-case Cyrillic word is an
// adjective of a raion, hromada or okrug (херсонського, васильевском,
// куп’янській): -ськ-, -цьк-, -зьк-, -ск-, -цк- and a case ending.
func unitAdjective(lower string) bool {
	for _, e := range unitAdjectiveEndings {
		if rest, ok := strings.CutSuffix(lower, e); ok {
			for _, sk := range []string{"ськ", "цьк", "зьк", "ск", "цк"} {
				if strings.HasSuffix(rest, sk) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// unitAdjectiveEndings, longer endings first.
var unitAdjectiveEndings = []string{"ого", "ому", "ими", "ий", "ім", "ої", "ій", "ою", "их", "им", "ая", "ой", "ую", "ом", "ое", "ые", "ых", "ым", "а", "у", "е", "і"}

// unitWordsPlural end a list of unit adjectives ("у Васильевском и
// Каменско-Днепровском муниципальных округах", "… and Bereznegovatskaya
// communities").
var unitWordsPlural = toSet(`районах районів районов округах округов громадах громад communities districts hromadas raions`)

// unitOfAdjective is the unit stem (unitStem) of a one-word candidate
// that is itself the adjective of the raion, hromada or okrug named after
// it: right before the unit word ("Херсонського району"), or in a list of
// such adjectives before a plural one ("у Васильевском и
// Каменско-Днепровском муниципальных округах", "Shevchenkovskaya,
// Pervomaiskaya, Shirokovskaya and Bereznegovatskaya communities"); ""
// otherwise. Cyrillic adjectives end in a case ending after -ськ-, -ск-
// (unitAdjective), Latin ones in -ska, -skaya, -skyi … (latinUnitAdjective).
func (d *doc) unitOfAdjective(c cand) (stem string, raion bool) {
	w := d.text[c.start:c.end]
	cyr := isCyrillicWord(w)
	adjective := func(lower string) bool {
		if cyr {
			return isCyrillicWord(lower) && unitAdjective(lower)
		}
		return latinUnitAdjective(lower)
	}
	if !adjective(toLower(w)) {
		return "", false
	}
	k := sort.Search(len(d.words), func(i int) bool { return d.words[i].start >= c.end })
	if k >= len(d.words) || k == 0 || d.words[k-1].end != c.end {
		return "", false
	}
	if cyr {
		if ok, raion := d.unitEllipsis(k - 1); ok {
			return unitStem(d.fold(w)), raion
		}
	}
	listed := false
	for u, prevEnd := k, c.end; u < len(d.words) && u < k+12; u++ {
		gap, lower := d.text[prevEnd:d.words[u].start], d.lowerWord(u)
		prevEnd = d.words[u].end
		switch {
		case gap != " " && gap != ", ":
			return "", false
		case unitKinds[lower]:
		case unitWordsPlural[lower]:
			return unitStem(d.fold(w)), raionWords[lower]
		case unitWords[lower] && !listed:
			return unitStem(d.fold(w)), raionWords[lower]
		case gap == " " && (cyrListWords[lower] || lower == "and"):
			listed = true
		case d.words[u].cap && adjective(lower):
			listed = true
		default:
			return "", false
		}
	}
	return "", false
}

// unitEllipsis reports whether word a, a Cyrillic unit adjective after or
// before a dash, repeats the case of an earlier adjective of its sentence that a
// unit word follows, the unit word left out: "чотири населені пункти
// Бериславського району та шість – Херсонського".
func (d *doc) unitEllipsis(a int) (ok, raion bool) {
	// Only after a dash, as the ellipsis is written; a list of places
	// ("по Бериславу, Козацькому" after "у Бериславському районі")
	// names villages called as adjectives.
	// Or before one: "у Куп’янському районі …, в Ізюмському - пошкоджено
	// автомобіль".
	before := strings.TrimRight(d.text[max(0, d.words[a].start-5):d.words[a].start], " ")
	after := strings.TrimLeft(d.text[d.words[a].end:min(len(d.text), d.words[a].end+5)], " ")
	if !strings.HasSuffix(before, "–") && !strings.HasSuffix(before, "—") && !strings.HasPrefix(after, "–") && !strings.HasPrefix(after, "—") && !strings.HasPrefix(after, "- ") {
		return false, false
	}
	lower := d.lowerWord(a)
	end := lower[len(lower)-min(len(lower), 6):] // the last three Cyrillic letters
	sent := d.sentences[d.sentenceAt(d.words[a].start)]
	for p := a - 2; p >= 0 && d.words[p].start >= sent.start; p-- {
		if unitWords[d.lowerWord(p+1)] && unitAdjective(d.lowerWord(p)) && strings.HasSuffix(d.lowerWord(p), end) {
			return true, raionWords[d.lowerWord(p+1)]
		}
	}
	return false, false
}

// latinUnitAdjective reports whether a lower-case Latin word is a
// transliterated adjective of a hromada or raion: Pervomaiskaya,
// Bilopilska, Kupianskyi, Shirokovskoy.
func latinUnitAdjective(lower string) bool {
	for _, e := range []string{"skaya", "skaia", "skoy", "skoi", "skiy", "skyi", "skyy", "sky", "ska", "skoye", "skoe", "ske"} {
		if strings.HasSuffix(lower, e) && len(lower) > len(e)+3 && isLatinKey(lower) {
			return true
		}
	}
	return false
}

// unitStem cuts a folded adjective or name before its last "sk"
// (kupianskoho, kupiansk, kupianskyi → kupian), and keeps a name without
// one whole (tokmak); "" when fewer than four letters are left. A stem's final k is t: the Ukrainian
// adjective of Токмак is Токмацька (tokmat-ska), the Russian Токмакский
// (tokmak-skii), the English Tokmak; and Бахмутський (bakhmut-skyi) must
// still meet Bakhmut, which a t turned k (bakhmuk) did not; both sides are
// cut alike, so Донецький and Донецкого still meet.
func unitStem(f string) string {
	i := strings.LastIndex(f, "sk")
	if i < 4 {
		// An English name with no adjective ending: "Tokmak community".
		if i < 0 && len(f) >= 4 {
			return finalKT(f)
		}
		return ""
	}
	return finalKT(f[:i])
}

// finalKT writes a stem's final k as t.
func finalKT(stem string) string {
	if strings.HasSuffix(stem, "k") {
		return stem[:len(stem)-1] + "t"
	}
	return stem
}

// raionWords are the unitWords and unitWordsPlural that name a raion.
var raionWords = toSet(`район району района районе районі районом районах районів районов district districts raion raions`)

// unitNamedAs is unitNamed, and for a raion (raion) the raion's centre:
// its hromada bears the stem as well (Ізюм of the Ізюмська hromada, not
// Ізюмське of Борівська).
func unitNamedAs(d *doc, c gazetteer.Candidate, stem string, raion bool) bool {
	if raion {
		return c.Raion != "" && unitStem(d.fold(c.Raion)) == stem && c.Hromada != "" && unitStem(d.fold(c.Hromada)) == stem
	}
	return unitNamed(d, c, stem)
}

// unitNamed reports whether c's raion or hromada has the stem.
func unitNamed(d *doc, c gazetteer.Candidate, stem string) bool {
	for _, u := range []string{c.Raion, c.Hromada} {
		if u != "" && unitStem(d.fold(u)) == stem {
			return true
		}
	}
	return false
}

// readInRussia reports whether a name of the text read as a place in
// Russia starts with the stem (Климово for "Климовского района").
func readInRussia(d *doc, names []string, resolved []resolved, stem string) bool {
	for k, r := range resolved {
		if r.err != nil || len(r.cands) == 0 || r.cands[r.best].Country == "" || r.cands[r.best].Country == "UA" {
			continue
		}
		// Stems end in t for k (unitStem): Токмак's is tokmat.
		if n := d.fold(names[k]); len(n) >= len(stem) && finalKT(n[:len(stem)]) == stem {
			return true
		}
	}
	return false
}

// townAbbrevAfter is the abbreviation in parentheses right after the byte
// offset end ("(Авд)", " (М)"): one to four letters, the first a capital,
// else "".
func (d *doc) townAbbrevAfter(end int) string {
	rest := d.text[end:min(len(d.text), end+16)]
	rest = strings.TrimPrefix(rest, " ")
	if !strings.HasPrefix(rest, "(") {
		return ""
	}
	inner, _, ok := strings.Cut(rest[1:], ")")
	if !ok || inner == "" || utf8.RuneCountInString(inner) > 4 {
		return ""
	}
	for i, r := range inner {
		if !unicode.IsLetter(r) || i == 0 && !unicode.IsUpper(r) {
			return ""
		}
	}
	return inner
}

// abbrevTownM: the town an abbreviation names lies within this of the
// homonym it tells apart.
const abbrevTownM = 25000.0

// byTownAbbrev is the reading of cands nearest a city or town whose
// Ukrainian, Russian or Latin name starts with abbr, within abbrevTownM;
// false when no reading has one, or when the next reading's such town is
// less than twice as far.
func (e *Extractor) byTownAbbrev(cands []gazetteer.Candidate, abbr string) (gazetteer.Candidate, bool) {
	towns := e.abbrevTowns()
	lowAbbr := strings.ToLower(abbr)
	var found gazetteer.Candidate
	first, second := math.Inf(1), math.Inf(1)
	for _, c := range cands {
		if c.PointSource == "" || c.PointSource == "hromada" {
			continue
		}
		cosLat := math.Cos(c.Lat * math.Pi / 180)
		near := math.Inf(1)
		for _, t := range towns {
			if t.id != c.ID && t.startsWith(lowAbbr) {
				near = math.Min(near, approxDistanceM(c.Lon, c.Lat, cosLat, t.lon, t.lat))
			}
		}
		switch {
		case near < first:
			second, first, found = first, near, c
		case near < second:
			second = near
		}
	}
	return found, first <= abbrevTownM && second >= 2*first
}

type abbrevTown struct {
	id       string
	names    []string // lower case: Ukrainian, Russian, Latin
	lon, lat float64
}

func (t abbrevTown) startsWith(lowAbbr string) bool {
	for _, n := range t.names {
		if strings.HasPrefix(n, lowAbbr) {
			return true
		}
	}
	return false
}

// abbrevTowns is the gazetteer's cities and towns with points, built once.
func (e *Extractor) abbrevTowns() []abbrevTown {
	e.townsOnce.Do(func() {
		for _, p := range e.g.Places {
			if p.Kind != "city" && p.Kind != "town" || p.PointSource == "" || p.PointSource == "hromada" {
				continue
			}
			e.towns = append(e.towns, abbrevTown{p.ID, []string{strings.ToLower(p.NameUK), strings.ToLower(p.NameRU), strings.ToLower(p.Name)}, p.Lon, p.Lat})
		}
	})
	return e.towns
}
