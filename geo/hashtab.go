package geo

import (
	"math"
	"math/bits"

	"github.com/peterstace/simplefeatures/geom"
)

// The planar overlay numbers a dense map's million vertices and edges:
// these open-addressing tables (linear probing, ids in a flat array of
// int32) do it with a fraction of the time and memory of Go maps keyed by
// points and of pointers.

// pointIDs gives points dense ids 0, 1, … in the order first seen.
type pointIDs struct {
	slots []int32 // id+1 of the point hashed here, 0 if empty
	pts   []geom.XY
}

func newPointIDs(n int) *pointIDs {
	size := 1 << bits.Len(uint(2*n+8))
	return &pointIDs{slots: make([]int32, size), pts: make([]geom.XY, 0, n)}
}

func hashXY(p geom.XY) uint64 {
	// +0 and -0 are the same point.
	x, y := math.Float64bits(p.X+0), math.Float64bits(p.Y+0)
	h := (x ^ bits.RotateLeft64(y, 32)) * 0x9e3779b97f4a7c15
	h ^= h >> 29
	h *= 0xbf58476d1ce4e5b9
	return h ^ h>>32
}

// id returns p's id, giving it the next one if it is new.
func (t *pointIDs) id(p geom.XY) int32 {
	if 2*(len(t.pts)+1) > len(t.slots) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for i := hashXY(p) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			t.pts = append(t.pts, p)
			t.slots[i] = int32(len(t.pts))
			return int32(len(t.pts) - 1)
		}
		if t.pts[s-1] == p {
			return s - 1
		}
	}
}

// lookup returns p's id, or -1.
func (t *pointIDs) lookup(p geom.XY) int32 {
	mask := uint64(len(t.slots) - 1)
	for i := hashXY(p) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return -1
		}
		if t.pts[s-1] == p {
			return s - 1
		}
	}
}

func (t *pointIDs) grow() {
	t.slots = make([]int32, 2*len(t.slots))
	mask := uint64(len(t.slots) - 1)
	for k, p := range t.pts {
		i := hashXY(p) & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = int32(k + 1)
	}
}

// keyIDs gives uint64 keys dense ids 0, 1, … in the order first seen.
type keyIDs struct {
	slots []int32 // id+1 of the key hashed here, 0 if empty
	keys  []uint64
}

func newKeyIDs(n int) *keyIDs {
	size := 1 << bits.Len(uint(2*n+8))
	return &keyIDs{slots: make([]int32, size), keys: make([]uint64, 0, n)}
}

func hashKey(k uint64) uint64 {
	h := k * 0x9e3779b97f4a7c15
	h ^= h >> 29
	h *= 0xbf58476d1ce4e5b9
	return h ^ h>>32
}

// id returns k's id and whether k is new, giving it the next id if so.
func (t *keyIDs) id(k uint64) (int32, bool) {
	if 2*(len(t.keys)+1) > len(t.slots) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for i := hashKey(k) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			t.keys = append(t.keys, k)
			t.slots[i] = int32(len(t.keys))
			return int32(len(t.keys) - 1), true
		}
		if t.keys[s-1] == k {
			return s - 1, false
		}
	}
}

// lookup returns k's id, or -1.
func (t *keyIDs) lookup(k uint64) int32 {
	mask := uint64(len(t.slots) - 1)
	for i := hashKey(k) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return -1
		}
		if t.keys[s-1] == k {
			return s - 1
		}
	}
}

func (t *keyIDs) grow() {
	t.slots = make([]int32, 2*len(t.slots))
	mask := uint64(len(t.slots) - 1)
	for k, key := range t.keys {
		i := hashKey(key) & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = int32(k + 1)
	}
}
