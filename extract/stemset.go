package extract

import "strings"

// A stemSet answers containsAny(s, stems) in one walk over s. The number
// readers ask it of every sentence, for fifteen English and sixteen
// Cyrillic unit words; strings.Contains for each scanned the sentence
// fifteen times (the English ones that begin with a space stop the scan
// at every space).
type stemSet struct {
	stems []string
	// one: a stem of one byte begins with this byte; pairs: a bit for
	// the first two bytes of every longer stem, whose stems are byPair's.
	one    [256]bool
	pairs  [1 << 16 / 64]uint64
	byPair map[uint16][]string
}

func newStemSet(stems ...string) *stemSet {
	s := &stemSet{stems: stems, byPair: map[uint16][]string{}}
	for _, st := range stems {
		switch len(st) {
		case 0:
		case 1:
			s.one[st[0]] = true
		default:
			h := uint16(st[0]) | uint16(st[1])<<8
			s.pairs[h/64] |= 1 << (h % 64)
			s.byPair[h] = append(s.byPair[h], st)
		}
	}
	return s
}

// in reports whether s contains one of the stems (containsAny).
func (set *stemSet) in(s string) bool {
	for _, st := range set.stems {
		if st == "" {
			return true // strings.Contains(s, "")
		}
	}
	for i := 0; i < len(s); i++ {
		if set.one[s[i]] {
			return true
		}
		if i+1 == len(s) {
			break
		}
		h := uint16(s[i]) | uint16(s[i+1])<<8
		if set.pairs[h/64]&(1<<(h%64)) == 0 {
			continue
		}
		for _, st := range set.byPair[h] {
			if strings.HasPrefix(s[i:], st) {
				return true
			}
		}
	}
	return false
}
