package gazetteer

import (
	"hash/maphash"
	"iter"
	"slices"
)

// HasKey reports whether folded, a translit.Fold key, is the folded
// spelling of a name of some place: exactly the keys of every place's
// Names (which hold NameUK, the Latin Name and NameRU). It reads the
// sorted index New builds or the shipped file carries, so a caller that
// only asks "is this a name?" (the extractor) needs no map of its own.
func (g *Gazetteer) HasKey(folded string) bool {
	if !g.keyFilter().mayHave(folded) {
		return false // most words the extractor asks about are no key
	}
	_, ok := g.findKey(folded)
	return ok
}

// A keySet is a Bloom filter of the keys: two bits of a table sixteen
// times as long as the list, set from a key's hash. A key not in the list
// finds both set about once in seventy; every key of the list does. The
// extractor asks HasKey of every run of capitalised words and of every
// lemma of a Cyrillic one, most of them no key, and the binary search
// of a bucket (up to thousands of keys that share two bytes, each
// compared at a cache miss) was 3% of an extraction. No pointers: the
// collector does not walk it.
type keySet struct {
	seed maphash.Seed
	bits []uint64
	mask uint64
}

func newKeySet(keys []string) *keySet {
	n := uint64(64)
	for n < 16*uint64(len(keys)) {
		n *= 2
	}
	s := &keySet{seed: maphash.MakeSeed(), bits: make([]uint64, n/64), mask: n - 1}
	for _, k := range keys {
		a, b := s.probes(k)
		s.bits[a/64] |= 1 << (a % 64)
		s.bits[b/64] |= 1 << (b % 64)
	}
	return s
}

// probes are the two bits of k.
func (s *keySet) probes(k string) (uint64, uint64) {
	h := maphash.String(s.seed, k)
	return h & s.mask, (h>>32 | h<<32) & s.mask
}

// mayHave is false when k is certainly not a key.
func (s *keySet) mayHave(k string) bool {
	a, b := s.probes(k)
	return s.bits[a/64]&(1<<(a%64)) != 0 && s.bits[b/64]&(1<<(b%64)) != 0
}

// keyFilter returns the key set, made on first use.
func (g *Gazetteer) keyFilter() *keySet {
	g.keySetOnce.Do(func() { g.keySet = newKeySet(g.keyList) })
	return g.keySet
}

// findKey is slices.BinarySearch(g.keyList, key), searching only the keys
// that begin with key's first two bytes (keyBuckets).
func (g *Gazetteer) findKey(key string) (int, bool) {
	b := g.keyBuckets()
	id := bucketOf(key)
	lo, hi := int(b[id]), int(b[id+1])
	i, ok := slices.BinarySearch(g.keyList[lo:hi], key)
	return lo + i, ok
}

// bucketOf is a key's first two bytes (0 for a missing one). Along the
// sorted key list it never decreases ("" and "a" sort before "a\x00…"),
// so the keys of one bucket are one run of the list.
func bucketOf(key string) int {
	id := 0
	if len(key) > 0 {
		id = int(key[0]) << 8
	}
	if len(key) > 1 {
		id |= int(key[1])
	}
	return id
}

// keyBuckets returns, made on first use (one walk of the keys, 256 kB),
// where each bucket's run of g.keyList begins: bucket id's keys are
// keyList[b[id]:b[id+1]].
func (g *Gazetteer) keyBuckets() []int32 {
	g.bucketOnce.Do(func() {
		b := make([]int32, 1<<16+1)
		k := 0
		for id := range b {
			for k < len(g.keyList) && bucketOf(g.keyList[k]) < id {
				k++
			}
			b[id] = int32(k)
		}
		g.buckets = b
	})
	return g.buckets
}

// KeyPlaces yields the indexes into Places of the places that have a name
// whose translit.Fold key is folded; nothing when none.
func (g *Gazetteer) KeyPlaces(folded string) iter.Seq[int32] {
	return func(yield func(int32) bool) {
		i, ok := g.findKey(folded)
		if !ok {
			return
		}
		for _, r := range g.keyRefs[i] {
			if !yield(r.place) {
				return
			}
		}
	}
}
