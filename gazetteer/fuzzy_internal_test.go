package gazetteer

import (
	"slices"
	"sort"
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

// fuzzyByScan is fuzzy as it was: every list of every trigram of key
// walked.
func fuzzyByScan(g *Gazetteer, key string, maxDist int) []fuzzyMatch {
	tris := appendTrigrams(nil, key)
	need := max(1, len(tris)-3*maxDist)
	counts := map[int32]int{}
	var touched []int32
	tri := g.trigramIndex()
	for _, t := range tris {
		for _, k := range tri.of(t) {
			if counts[k] == 0 {
				touched = append(touched, k)
			}
			counts[k]++
		}
	}
	kl := utf8.RuneCountInString(key)
	var out []fuzzyMatch
	for _, k := range touched {
		if counts[k] < need {
			continue
		}
		if d := utf8.RuneCountInString(g.keyList[k]) - kl; d > maxDist || -d > maxDist {
			continue
		}
		if d := osaDistance([]rune(key), []rune(g.keyList[k]), maxDist); d <= maxDist {
			out = append(out, fuzzyMatch{k, d})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].dist != out[j].dist {
			return out[i].dist < out[j].dist
		}
		return out[i].key < out[j].key
	})
	return out
}

// TestFuzzyAsScan: the typo search that walks only the rarest trigrams'
// lists finds what walking every list finds, for misspelt keys of the
// gazetteer (a letter dropped, doubled, changed, two swapped) and
// repeated trigrams, at distances 1 to 3.
func TestFuzzyAsScan(t *testing.T) {
	places, err := LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	g := New(places)
	queries := []string{"", "a", "ab", "aaaa", "aaaaaaa", "kalynivkakalynivka", "pokrovsk", "nova nova nova"}
	for i := 0; i < len(g.keyList); i += 397 {
		r := []rune(g.keyList[i])
		if len(r) < 3 {
			continue
		}
		m := len(r) / 2
		queries = append(queries, string(r[:m])+string(r[m+1:]), string(r[:m])+string(r[m])+string(r[m:]),
			string(r[:m])+"x"+string(r[m+1:]), string(r[:m-1])+string(r[m])+string(r[m-1])+string(r[m+1:]))
	}
	found := 0
	for _, q := range queries {
		for d := 1; d <= 3; d++ {
			got, want := g.fuzzy(q, d), fuzzyByScan(g, q, d)
			if !slices.Equal(got, want) {
				t.Fatalf("fuzzy(%q, %d) = %v, want %v", q, d, got, want)
			}
			found += len(got)
		}
	}
	if found == 0 {
		t.Fatal("nothing found: the test tests nothing")
	}
	t.Logf("%d queries, %d matches", len(queries), found)
}

// TestFindKeyAsBinarySearch: the bucketed key search answers as a binary
// search of the whole key list, for every key, for keys cut short or
// lengthened, and for the empty key and single bytes.
func TestFindKeyAsBinarySearch(t *testing.T) {
	places, err := LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	g := New(places)
	queries := []string{"", "a", "z", "\x00", "\xff", "zzzz", "\xd0", "\xff\xff"}
	for i, k := range g.keyList {
		queries = append(queries, k)
		if i%7 == 0 {
			queries = append(queries, k[:len(k)/2], k+"a", k+"\x00", k[:len(k)-1]+"\xff")
		}
	}
	found := 0
	for _, q := range queries {
		i, ok := g.findKey(q)
		j, ok2 := slices.BinarySearch(g.keyList, q)
		if i != j || ok != ok2 {
			t.Fatalf("findKey(%q) = %d, %v; want %d, %v", q, i, ok, j, ok2)
		}
		if ok {
			found++
		}
	}
	if found == 0 || found == len(queries) {
		t.Fatalf("%d of %d found: the test tests nothing", found, len(queries))
	}
}

// TestHasKeyAsBinarySearch: HasKey, which asks the key set (a Bloom
// filter) first, answers as a binary search of the whole key list for
// every key and for keys cut, lengthened and changed; the set turns
// away most of the non-keys (else it would only cost).
func TestHasKeyAsBinarySearch(t *testing.T) {
	places, err := LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	g := New(places)
	queries := []string{"", "a", "z", "\x00", "\xff", "zzzz", "\xd0", "\xff\xff"}
	for i, k := range g.keyList {
		queries = append(queries, k)
		if i%5 == 0 {
			queries = append(queries, k[:len(k)/2], k+"a", k+"\x00", k[:len(k)-1]+"\xff", "x"+k)
		}
	}
	keys, misses, passed := 0, 0, 0
	for _, q := range queries {
		_, want := slices.BinarySearch(g.keyList, q)
		if got := g.HasKey(q); got != want {
			t.Fatalf("HasKey(%q) = %v; the key list says %v", q, got, want)
		}
		if want {
			keys++
			continue
		}
		misses++
		if g.keyFilter().mayHave(q) {
			passed++
		}
	}
	if keys == 0 || misses == 0 {
		t.Fatalf("%d keys, %d non-keys: the test tests nothing", keys, misses)
	}
	if rate := float64(passed) / float64(misses); rate > 0.05 {
		t.Errorf("the key set lets %.1f%% of %d non-keys through", 100*rate, misses)
	}
	t.Logf("%d keys (%d kB of set); %d non-keys, %d let through", keys, len(g.keyFilter().bits)*8/1024, misses, passed)
}
