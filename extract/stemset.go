package extract

import "strings"

// A stemSet answers containsAny(s, stems) in one walk over s. The number
// readers ask it of every sentence, for fifteen English and sixteen
// Cyrillic unit words; strings.Contains for each scanned the sentence
// fifteen times (the English ones that begin with a space stop the scan
// at every space).
type stemSet struct {
	stems []string
	// one: a stem of one byte is this byte. Stems of two or three bytes
	// are looked up (byPair) where a bit of pairs has the text's next two
	// bytes; longer ones (byQuad) where head and tail have its next two
	// and the two after: a Cyrillic letter is two bytes, and one letter
	// begins a stem at most words.
	one        [256]bool
	pairs      bitPairs
	byPair     map[uint16][]string
	head, tail bitPairs
	byQuad     map[uint32][]string
	// pairT and quadT are byPair and byQuad read without hashing (quadT
	// by the first two bytes, then the next two).
	pairT       *pairTable[[]string]
	quadT       *pairTable[[]quadStems]
	hasEmpty    bool
	short, long bool
}

// bitPairs has a bit for each pair of bytes.
type bitPairs [1 << 16 / 64]uint64

func (b *bitPairs) set(x, y byte) {
	h := uint16(x) | uint16(y)<<8
	b[h/64] |= 1 << (h % 64)
}

func (b *bitPairs) has(x, y byte) bool {
	h := uint16(x) | uint16(y)<<8
	return b[h/64]&(1<<(h%64)) != 0
}

func newStemSet(stems ...string) *stemSet {
	s := &stemSet{stems: stems, byPair: map[uint16][]string{}, byQuad: map[uint32][]string{}}
	for _, st := range stems {
		switch {
		case st == "":
			s.hasEmpty = true
		case len(st) == 1:
			s.one[st[0]] = true
		case len(st) < 4:
			s.short = true
			s.pairs.set(st[0], st[1])
			h := uint16(st[0]) | uint16(st[1])<<8
			s.byPair[h] = append(s.byPair[h], st)
		default:
			s.long = true
			s.head.set(st[0], st[1])
			s.tail.set(st[2], st[3])
			q := quadKey(st)
			s.byQuad[q] = append(s.byQuad[q], st)
		}
	}
	s.pairT = newPairTable(s.byPair)
	quads := map[uint16][]quadStems{}
	for q, sts := range s.byQuad {
		quads[uint16(q)] = append(quads[uint16(q)], quadStems{uint16(q >> 16), sts})
	}
	s.quadT = newPairTable(quads)
	return s
}

// quadStems are the stems of four bytes or more that share their first
// two bytes, by their next two.
type quadStems struct {
	tail  uint16
	stems []string
}

// quadStemsOf is byQuad[q], read from quadT.
func (set *stemSet) quadStemsOf(q uint32) []string {
	qs, _ := set.quadT.get(uint16(q))
	for _, b := range qs {
		if b.tail == uint16(q>>16) {
			return b.stems
		}
	}
	return nil
}

func quadKey(s string) uint32 {
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// in reports whether s contains one of the stems (containsAny).
func (set *stemSet) in(s string) bool {
	if set.hasEmpty {
		return true // strings.Contains(s, "")
	}
	for i := 0; i < len(s); i++ {
		if set.one[s[i]] {
			return true
		}
		if i+1 == len(s) {
			break
		}
		if set.short && set.pairs.has(s[i], s[i+1]) {
			sts, _ := set.pairT.get(uint16(s[i]) | uint16(s[i+1])<<8)
			for _, st := range sts {
				if strings.HasPrefix(s[i:], st) {
					return true
				}
			}
		}
		if set.long && i+3 < len(s) && set.head.has(s[i], s[i+1]) && set.tail.has(s[i+2], s[i+3]) {
			for _, st := range set.quadStemsOf(quadKey(s[i:])) {
				if strings.HasPrefix(s[i:], st) {
					return true
				}
			}
		}
	}
	return false
}
