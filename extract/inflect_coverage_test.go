package extract_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/inflect"
)

// TestInflectionCoverage (ruforms3) measures the cases package inflect
// undoes, apart from place resolution: every Cyrillic name the tuning
// DeepState notes link (the link's point tells the place) and every
// Cyrillic place label of the tuning press texts (the label's id) is
// either a name of its place as written (a nominative), or a form whose
// candidate nominatives (inflect.Phrases) include one of its place's
// names (read; a place adjective, Покровському, by inflect.DirectionBases),
// or neither (not read). A note's link counts the places
// within 25 km of its point (the points are not inflect's: a hromada
// centroid is 10-25 km off); a form that gives another place's name only
// is counted apart ("elsewhere"). The link's words are trimmed to its
// capitalised ones (not "біля", "напрямку") and its punctuation. Tuning
// data only; with FRONTLINE_INFLECT_MISSES=1 it prints the forms not read.
func TestInflectionCoverage(t *testing.T) {
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string][]int{}
	byID := map[string]int{}
	for i, p := range places {
		byID[p.ID] = i
		for _, n := range append([]string{p.NameUK, p.NameRU}, p.Names...) {
			if k := coverageKey(n); k != "" && !containsInt(byName[k], i) {
				byName[k] = append(byName[k], i)
			}
		}
	}
	type tally struct{ forms, nominative, read, elsewhere, notRead int }
	tallies := map[string]*tally{}
	misses := os.Getenv("FRONTLINE_INFLECT_MISSES") == "1"
	count := func(group, form string, ok func(int) bool) {
		form = capitalisedWords(form)
		if !hasCyrillicLetter(form) {
			return
		}
		tl := tallies[group]
		if tl == nil {
			tl = &tally{}
			tallies[group] = tl
		}
		tl.forms++
		matches := func(name string) bool {
			for _, i := range byName[coverageKey(name)] {
				if ok(i) {
					return true
				}
			}
			return false
		}
		if matches(form) {
			tl.nominative++
			return
		}
		cands := inflect.Phrases(strings.Fields(form), " ")
		// A place adjective ("Покровському напрямку") names its place too.
		for _, w := range strings.Fields(form) {
			cands = append(cands, inflect.DirectionBases(w)...)
		}
		for _, c := range cands {
			if matches(c) {
				tl.read++
				return
			}
		}
		for _, c := range cands {
			if len(byName[coverageKey(c)]) > 0 {
				tl.elsewhere++
				return
			}
		}
		tl.notRead++
		if misses {
			fmt.Fprintf(os.Stderr, "NOTREAD\t%s\t%s\n", group, form)
		}
	}
	versions, _ := readDeepStateNotes(t)
	for _, v := range versions {
		if *v.ID%3 == 0 || v.Description == nil {
			continue // held out
		}
		text, links, _ := stripNoteLinks(*v.Description)
		for _, l := range links {
			count("notes tune/uk", text[l.Start:l.End], func(i int) bool {
				return places[i].PointSource != "" && pressDistanceKm(l.Lon, l.Lat, places[i].Lon, places[i].Lat) <= 25
			})
		}
	}
	for _, d := range readPressLabels(t).Documents {
		if d.Split != "tune" || d.Lang == "en" {
			continue
		}
		for _, p := range d.Places {
			if _, ok := byID[p.ID]; !ok || p.ID == "" {
				continue
			}
			id := p.ID
			count("press tune/"+d.Lang, p.Mention, func(i int) bool { return places[i].ID == id })
		}
	}
	// Floors: ruforms3's figures (87.9 %, 96.7 %, 92.5 %) less a margin.
	floors := map[string]float64{"notes tune/uk": 0.87, "press tune/uk": 0.95, "press tune/ru": 0.90}
	for _, g := range []string{"notes tune/uk", "press tune/uk", "press tune/ru"} {
		tl := tallies[g]
		if tl == nil {
			t.Errorf("%s: no forms", g)
			continue
		}
		inflected := tl.read + tl.elsewhere + tl.notRead
		t.Logf("%-14s %5d Cyrillic names: %5d as written, %4d in another form: %4d read, %3d read as another place's name only, %3d not read (read %.1f %%)",
			g, tl.forms, tl.nominative, inflected, tl.read, tl.elsewhere, tl.notRead, 100*float64(tl.read)/float64(max(inflected, 1)))
		if float64(tl.read) < floors[g]*float64(inflected) {
			t.Errorf("%s: %d of %d forms in another case read, floor %.2f", g, tl.read, inflected, floors[g])
		}
	}
}

// capitalisedWords trims a link's text to its run of words from the first
// capitalised one to the last, punctuation off their ends: "біля
// Кремінної" → "Кремінної", "Бахмута." → "Бахмута", "Сватівському
// напрямку" → "Сватівському".
func capitalisedWords(s string) string {
	words := strings.Fields(s)
	first, last := -1, -1
	for i, w := range words {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		words[i] = w
		if r := []rune(w); len(r) > 0 && unicode.IsUpper(r[0]) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return ""
	}
	return strings.Join(words[first:last+1], " ")
}

// coverageKey is a name's comparison key: lower case, apostrophes and
// ё folded.
func coverageKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer("’", "'", "ʼ", "'", "`", "'", "ё", "е").Replace(s)
}

func hasCyrillicLetter(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
