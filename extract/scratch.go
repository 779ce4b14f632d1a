package extract

import "sync"

// A docScratch is memory one extraction uses and none of its results
// keeps: the words of the text, their lower-case forms, the folds and the
// name finder's set of words written in lower case. Made anew for each
// text they were about a sixth of what an extraction allocated, and
// allocation is paid again by the collector, which marks the gazetteer's
// heap at each cycle. An extraction takes one from scratchPool and gives
// it back (doc.release) emptied.
type docScratch struct {
	words      []word
	lowerWords []string
	lowerDone  []bool
	folded     map[string]string
	lower      map[string]bool
}

var scratchPool = sync.Pool{New: func() any { return &docScratch{} }}

// maxScratchWords bounds what a scratch keeps: the buffers of a very long
// text are dropped rather than kept (and the maps cleared at each text).
const maxScratchWords = 1 << 15

func getScratch() *docScratch { return scratchPool.Get().(*docScratch) }

// A nil scratch (a doc not made by read) makes each anew.

// lowerSlices are lowerWords and lowerDone for n words, empty.
func (s *docScratch) lowerSlices(n int) ([]string, []bool) {
	if s == nil {
		return make([]string, n), make([]bool, n)
	}
	if cap(s.lowerWords) < n {
		s.lowerWords, s.lowerDone = make([]string, n), make([]bool, n)
	}
	return s.lowerWords[:n], s.lowerDone[:n]
}

// foldMap is an empty map for doc.folded.
func (s *docScratch) foldMap() map[string]string {
	if s == nil {
		return map[string]string{}
	}
	if s.folded == nil {
		s.folded = map[string]string{}
	}
	return s.folded
}

// lowerSet is an empty set for about n words.
func (s *docScratch) lowerSet(n int) map[string]bool {
	if s == nil {
		return make(map[string]bool, n)
	}
	if s.lower == nil {
		s.lower = make(map[string]bool, n)
	}
	return s.lower
}

// release gives d's scratch back, emptied; d must not be used after.
func (d *doc) release() {
	s := d.scratch
	if s == nil {
		return
	}
	d.scratch = nil
	s.words = d.words[:0]
	if cap(s.words) > maxScratchWords {
		s.words = nil
	}
	if d.lowerWords != nil {
		s.lowerWords, s.lowerDone = d.lowerWords, d.lowerDone
		clear(s.lowerWords) // no hold on the text's strings
		clear(s.lowerDone)
		if cap(s.lowerWords) > maxScratchWords {
			s.lowerWords, s.lowerDone = nil, nil
		}
	}
	// A map keeps its size when cleared, and clearing walks all of it:
	// a large one is dropped.
	if len(s.folded) > maxScratchWords/8 {
		s.folded = nil
	} else {
		clear(s.folded)
	}
	if len(s.lower) > maxScratchWords/8 {
		s.lower = nil
	} else {
		clear(s.lower)
	}
	scratchPool.Put(s)
}
