package gazetteer

import (
	"iter"
	"slices"
)

// HasKey reports whether folded, a translit.Fold key, is the folded
// spelling of a name of some place: exactly the keys of every place's
// Names (which hold NameUK, the Latin Name and NameRU). It reads the
// sorted index New builds or the shipped file carries, so a caller that
// only asks "is this a name?" (the extractor) needs no map of its own.
func (g *Gazetteer) HasKey(folded string) bool {
	_, ok := slices.BinarySearch(g.keyList, folded)
	return ok
}

// KeyPlaces yields the indexes into Places of the places that have a name
// whose translit.Fold key is folded; nothing when none.
func (g *Gazetteer) KeyPlaces(folded string) iter.Seq[int32] {
	return func(yield func(int32) bool) {
		i, ok := slices.BinarySearch(g.keyList, folded)
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
