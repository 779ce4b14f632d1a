package gazetteer

import (
	"hash/maphash"

	"github.com/frontline-osint/frontline"
)

// idTable finds a place's index by its ID: open addressing (linear
// probing, at most half full) over indexes into the places, so that it
// holds no pointers (the collector never scans it) and is a quarter
// megabyte for the shipped file where a map[string]int32 took ~3 MB and
// twice the time to fill.
type idTable struct {
	seed  maphash.Seed
	slots []int32 // place index + 1; 0 is an empty slot
}

func newIDTable(n int) *idTable {
	size := 8
	for size < 2*n {
		size <<= 1
	}
	return &idTable{seed: maphash.MakeSeed(), slots: make([]int32, size)}
}

// add records places[i] under its ID; false if an earlier place has it
// (that place is kept). Callers add at most newIDTable's n places, so the
// table is never more than half full.
func (t *idTable) add(places []frontline.Place, i int32) bool {
	id := places[i].ID
	mask := uint64(len(t.slots) - 1)
	h := maphash.String(t.seed, id) & mask
	for range t.slots {
		s := t.slots[h]
		if s == 0 {
			t.slots[h] = i + 1
			return true
		}
		if places[s-1].ID == id {
			return false
		}
		h = (h + 1) & mask
	}
	panic("gazetteer: ID table full")
}

// find returns the index of the place with the given ID.
func (t *idTable) find(places []frontline.Place, id string) (int32, bool) {
	mask := uint64(len(t.slots) - 1)
	h := maphash.String(t.seed, id) & mask
	for range t.slots {
		s := t.slots[h]
		if s == 0 {
			return 0, false
		}
		if places[s-1].ID == id {
			return s - 1, true
		}
		h = (h + 1) & mask
	}
	return 0, false
}

// idTableOf indexes places; ok is false if two share an ID.
func idTableOf(places []frontline.Place) (t *idTable, ok bool) {
	t = newIDTable(len(places))
	for i := range places {
		if !t.add(places, int32(i)) {
			return nil, false
		}
	}
	return t, true
}
