package gazetteer

import (
	"math"
	"slices"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/translit"
)

// TestLinkSettlement: which settlement a tracker link names, by name,
// oblast and distance (linkpoints.go).
func TestLinkSettlement(t *testing.T) {
	loc, err := newLocator()
	if err != nil {
		t.Fatal(err)
	}
	donetsk := slices.IndexFunc(oblasts, func(o Oblast) bool { return o.ISO == "UA-14" })
	link := point{37.50, 48.20} // Donetsk oblast, by Pokrovsk
	if loc.oblastOf(link) != donetsk {
		t.Fatalf("test point not in Donetsk oblast")
	}
	// offset returns a point km east of the link.
	offset := func(km float64) point {
		return point{link.lon + km/(111.32*math.Cos(link.lat*math.Pi/180)), link.lat}
	}
	for _, c := range []struct {
		name    string
		homs    []settlement // all named "Андріївка"
		want    int          // index into homs, -1 for none
		wantHit bool
	}{
		{"one rough homonym 20 km off", []settlement{{source: "hromada", pt: offset(20)}}, 0, true},
		{"rough beyond 35 km", []settlement{{source: "hromada", pt: offset(40)}}, -1, false},
		{"own point beyond 25 km", []settlement{{source: srcWOF, pt: offset(30)}}, -1, false},
		{"the near one of two", []settlement{{source: "hromada", pt: offset(60)}, {source: "hromada", pt: offset(8)}}, 1, true},
		{"two about as near", []settlement{{source: "hromada", pt: offset(10)}, {source: "hromada", pt: offset(14)}}, -1, false},
		{"the only one without a point", []settlement{{}}, 0, true},
	} {
		b := &builder{report: &BuildReport{}, loc: loc}
		byFold := map[string][]int{}
		for i, h := range c.homs {
			h.oblast, h.nameUK = donetsk, "Андріївка"
			b.settlements = append(b.settlements, h)
			byFold[translit.Fold(h.nameUK)] = append(byFold[translit.Fold(h.nameUK)], i)
		}
		si, ok := b.linkSettlement(byFold, link, "Andriivka", "")
		if ok != c.wantHit || ok && si != c.want {
			t.Errorf("%s: got %d %v, want %d %v", c.name, si, ok, c.want, c.wantHit)
		}
	}
}

// TestAgreeingLinks: the median of the links that agree, an outlier left
// out.
func TestAgreeingLinks(t *testing.T) {
	ls := []linkSeen{{point{37.50, 48.20}, 3}, {point{37.51, 48.20}, 6}, {point{37.50, 48.21}, 9}, {point{37.80, 48.40}, 12}}
	m, agree := agreeingLinks(ls)
	if len(agree) != 3 || distanceKm(m, point{37.50, 48.20}) > 1 {
		t.Errorf("median %v, %d agree", m, len(agree))
	}
}

// TestTrackerLinksFractionalZoom: a link whose URL has a fractional zoom
// ("#12.75/…", most of the 2022 notes) is read like one with an integer
// zoom, and the Ukrainian note's text at the same point goes with it.
func TestTrackerLinksFractionalZoom(t *testing.T) {
	v := trackerVersion{
		Description:   `Ворог просунувся біля <a href="https://deepstatemap.live/#12.75/46.8786/32.4172">Тернових Подів</a> та <a href="https://deepstatemap.live/#14/48.49/37.63">Іллінівки</a>.`,
		DescriptionEn: `The enemy advanced near <a href="https://deepstatemap.live/en#12.75/46.8786/32.4172">Ternovy Pody</a> and <a href="https://deepstatemap.live/en#14/48.49/37.63">Illinivka</a>.`,
	}
	ls := v.links()
	if len(ls) != 2 {
		t.Fatalf("%d links, want 2: %+v", len(ls), ls)
	}
	if l := ls[0]; l.name != "Ternovy Pody" || l.uk != "Тернових Подів" || l.pt != (point{32.4172, 46.8786}) {
		t.Errorf("first link %+v", l)
	}
	if l := ls[1]; l.name != "Illinivka" || l.pt != (point{37.63, 48.49}) {
		t.Errorf("second link %+v", l)
	}
}

// TestLinkLooseSpelling: the tracker's spelling that no settlement bears
// is a settlement's name when it is the one settlement of that loose key,
// its own point lies near the link and its words end alike (a nominative,
// not a case) (linkpoints.go). A second settlement of the key anywhere
// refuses it: the spelling, an exact name, would hide that one's loose
// readings.
func TestLinkLooseSpelling(t *testing.T) {
	link := point{38.40, 48.70} // by Комишуваха of Luhansk oblast
	offset := func(km float64) point {
		return point{link.lon + km/(111.32*math.Cos(link.lat*math.Pi/180)), link.lat}
	}
	for _, c := range []struct {
		name, text string
		homs       []settlement // named Комишуваха / Komyshuvakha
		want       int          // index into homs, -1 for none
	}{
		{"a vowel of its own", "Kamyshuvakha", []settlement{{source: srcWOF, pt: offset(3)}}, 0},
		{"the Cyrillic text", "Камишуваха", []settlement{{source: srcWOF, pt: offset(3)}}, 0},
		{"an inflected text", "Камишувахи", []settlement{{source: srcWOF, pt: offset(3)}}, -1},
		{"too far", "Kamyshuvakha", []settlement{{source: srcWOF, pt: offset(8)}}, -1},
		{"a hromada's centre only", "Kamyshuvakha", []settlement{{source: "hromada", pt: offset(3)}}, -1},
		{"a rival within 25 km", "Kamyshuvakha", []settlement{{source: srcWOF, pt: offset(3)}, {source: srcWOF, pt: offset(20)}}, -1},
		{"a rival far away", "Kamyshuvakha", []settlement{{source: srcWOF, pt: offset(3)}, {source: srcWOF, pt: offset(200)}}, -1},
		{"a name a settlement bears", "Komyshuvakha", []settlement{{source: srcWOF, pt: offset(3)}}, -1},
	} {
		b := &builder{report: &BuildReport{}}
		var places []frontline.Place
		byFold := map[string][]int{}
		for i, h := range c.homs {
			h.nameUK = "Комишуваха"
			b.settlements = append(b.settlements, h)
			places = append(places, frontline.Place{NameUK: h.nameUK, Names: []string{"Komyshuvakha", "Комишуваха"}})
			for _, n := range places[i].Names {
				byFold[translit.Fold(n)] = append(byFold[translit.Fold(n)], i)
			}
		}
		si, ok := b.linkLooseSpelling(looseIndex(places, b.settlements), byFold, places, link, c.text)
		if ok != (c.want >= 0) || ok && si != c.want {
			t.Errorf("%s: got %d %v, want %d", c.name, si, ok, c.want)
		}
	}
}
