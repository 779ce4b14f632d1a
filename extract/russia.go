package extract

import (
	"sort"
	"strings"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/translit"
)

// Places in Russia. A sentence that names the Kursk, Belgorod or Bryansk
// oblast ("Kursk region", "Курщина", "Курской области") and the sentence
// after it are about places across the border: there a name resolves to
// the gazetteer's place in Russia (Country "RU") if it knows one, stays
// Ukrainian only when it is a Ukrainian city or town (Gorlovka is
// Horlivka), and otherwise becomes a place in Russia the gazetteer does
// not know (russianPlace) — never a Ukrainian village of the same name
// (Pogrebki is not Pohrebky in Sumy oblast).

// russianContext returns whether an offset lies in a sentence about a
// Russian oblast, given the oblast mentions (start, ISO) of the text.
func (d *doc) russianContext(oblasts func(yield func(start int, iso string) bool)) func(off int) bool {
	var marked map[int]bool
	for start, iso := range oblasts {
		if !strings.HasPrefix(iso, "RU-") {
			continue
		}
		if marked == nil {
			marked = map[int]bool{}
		}
		s := d.sentenceAt(start)
		marked[s], marked[s+1] = true, true
	}
	return func(off int) bool {
		return marked != nil && marked[d.sentenceAt(off)]
	}
}

// borderGovernors are the surnames of governors of the Russian oblasts
// across the border from the front of 2022–2025, lower case, with the
// oblast's ISO code: a sentence that names one is about that oblast.
var borderGovernors = []struct{ stem, iso string }{
	{"гладков", "RU-BEL"}, {"gladkov", "RU-BEL"},
	{"старовойт", "RU-KRS"}, {"starovoit", "RU-KRS"}, {"starovoyt", "RU-KRS"},
	{"хинштейн", "RU-KRS"}, {"хінштейн", "RU-KRS"}, {"khinshtein", "RU-KRS"}, {"khinshteyn", "RU-KRS"},
	{"богомаз", "RU-BRY"}, {"bogomaz", "RU-BRY"},
}

// borderGovernor is the oblast of the governor whose surname the lower-case
// word is, in any case ending of two letters or fewer, or "".
func borderGovernor(lower string) string {
	for _, g := range borderGovernors {
		if rest, ok := strings.CutPrefix(lower, g.stem); ok && len(rest) <= 4 && (rest == "" || isCyrillicWord(rest) || rest == "s" || rest == "’s" || rest == "'s") {
			return g.iso
		}
	}
	return ""
}

// sentenceAt is the index of the sentence holding offset off (the
// number of sentences when it lies after the last).
func (d *doc) sentenceAt(off int) int {
	return sort.Search(len(d.sentences), func(i int) bool { return d.sentences[i].end > off })
}

// russianReading is the best-scored candidate in Russia.
func russianReading(cands []gazetteer.Candidate) (gazetteer.Candidate, bool) {
	for _, c := range cands {
		if c.Country == "RU" {
			return c, true
		}
	}
	return gazetteer.Candidate{}, false
}

// russianPlace is a place in Russia the gazetteer does not know, named as
// written, at (lon, lat) when a link gave a point: its ID is "RU:" and
// the folded name, so that two texts naming it meet.
func russianPlace(name string, lon, lat float64) frontline.MentionPlace {
	n := strings.TrimSpace(name)
	return frontline.MentionPlace{
		ID:      "RU:" + strings.ReplaceAll(translit.Fold(n), " ", "-"),
		Name:    n,
		Kind:    "village",
		Lon:     lon,
		Lat:     lat,
		Country: "RU",
	}
}
