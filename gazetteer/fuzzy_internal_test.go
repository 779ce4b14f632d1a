package gazetteer

import (
	"testing"
	"unicode/utf8"
)

// TestKeyRunesAsCount: the trigram index's key lengths are the keys'
// rune counts, for every key of the shipped gazetteer.
func TestKeyRunesAsCount(t *testing.T) {
	places, err := LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	g := New(places)
	tr := g.trigramIndex()
	if len(tr.runes) != len(g.keyList) || len(g.keyList) == 0 {
		t.Fatalf("%d lengths for %d keys", len(tr.runes), len(g.keyList))
	}
	multi := 0
	for k, key := range g.keyList {
		n := utf8.RuneCountInString(key)
		if got := g.runesOf(tr, int32(k)); got != n {
			t.Fatalf("key %q: %d runes, want %d", key, got, n)
		}
		if n != len(key) {
			multi++
		}
	}
	if multi == 0 {
		t.Fatal("no key with a multi-byte letter: the test tests little")
	}
}
