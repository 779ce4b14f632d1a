package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/translit"
)

// oldIndex is what New built over every place before the extractor read
// the gazetteer's own index: every folded spelling (true when one of the
// places so named is a large city) and every lower-case Cyrillic name.
func oldIndex(g *gazetteer.Gazetteer) (keys, cyr map[string]bool) {
	keys, cyr = map[string]bool{}, map[string]bool{}
	for i := range g.Places {
		p := &g.Places[i]
		big := p.Kind == "city" && p.Population >= bigCity
		for _, n := range append([]string{p.Name, p.NameUK, p.NameRU}, p.Names...) {
			if k := translit.Fold(n); k != "" {
				keys[k] = keys[k] || big
			}
		}
		for _, n := range append([]string{p.NameUK, p.NameRU}, p.Names...) {
			if isCyrillic(n) {
				cyr[strings.ToLower(n)] = true
			}
		}
	}
	return keys, cyr
}

// TestKeyLookupsAsMaps checks that the extractor's lookups through the
// gazetteer's index answer as the maps it used to build, for the shipped
// file's precomputed index and for one New builds: every name of every
// place, and every word and word pair of the shared articles (most are
// not names).
func TestKeyLookupsAsMaps(t *testing.T) {
	opened, err := gazetteer.OpenEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	probes := map[string]bool{}
	for _, p := range opened.Places {
		for _, n := range append([]string{p.Name, p.NameUK, p.NameRU}, p.Names...) {
			probes[n] = true
		}
	}
	dir := filepath.Join("..", "..", "shared", "data", "articles")
	nFiles := 0
	filepath.WalkDir(dir, func(path string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() || !strings.HasSuffix(path, ".txt") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		nFiles++
		words := strings.FieldsFunc(string(data), func(r rune) bool { return strings.ContainsRune(" \n\t.,;:!?()«»\"“”", r) })
		for i, w := range words {
			probes[w] = true
			if i > 0 {
				probes[words[i-1]+" "+w] = true
			}
		}
		return nil
	})
	if nFiles == 0 && os.Getenv("CI") == "" {
		t.Log("no shared articles: probing with the places' names only")
	}
	for name, g := range map[string]*gazetteer.Gazetteer{"shipped index": opened, "New": gazetteer.New(places)} {
		e := New(g)
		keys, cyr := oldIndex(g)
		for k, big := range keys {
			if gotBig, ok := e.key(k); !ok || gotBig != big {
				t.Errorf("%s: key(%q) = %v, %v; want %v, true", name, k, gotBig, ok, big)
			}
		}
		for l := range cyr {
			if !e.cyrName(l) {
				t.Errorf("%s: cyrName(%q) = false, want true", name, l)
			}
		}
		nKey, nCyr := 0, 0
		for w := range probes {
			k := translit.Fold(w)
			big, ok := e.key(k)
			wantBig, wantOK := keys[k]
			if ok != wantOK || big != wantBig {
				t.Errorf("%s: key(%q) = %v, %v; want %v, %v", name, k, big, ok, wantBig, wantOK)
			}
			l := strings.ToLower(w)
			if got := e.cyrName(l); got != cyr[l] {
				t.Errorf("%s: cyrName(%q) = %v, want %v", name, l, got, cyr[l])
			}
			if ok {
				nKey++
			}
			if cyr[l] {
				nCyr++
			}
		}
		if len(keys) < 10000 || len(cyr) < 10000 {
			t.Errorf("%s: only %d keys and %d Cyrillic names", name, len(keys), len(cyr))
		}
		t.Logf("%s: %d keys, %d Cyrillic names; %d probes, of which %d keys and %d Cyrillic names", name, len(keys), len(cyr), len(probes), nKey, nCyr)
		if t.Failed() {
			return
		}
	}
}
