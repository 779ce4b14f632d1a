package cells

import (
	"bytes"
	"context"
	"sync/atomic"

	"github.com/frontline-osint/frontline"
)

// Ahead is the ground that changed status between two maps, oblast by
// oblast, computed from their pieces before the cells are brought to the
// first of them. An import of many maps computes it for the next map while
// the cells take the map before (control.ImportMany): the changed ground
// depends only on the two maps' pieces, and overlaying their windows was a
// quarter of what a Builder does per map, one map after the other.
//
// A Builder given an Ahead (Offer) takes an oblast's regions from it only
// when the pieces the oblast's cells were brought to and the map's pieces
// are those it was computed from, byte for byte; otherwise it computes them
// as without it. The cells are the same either way.
type Ahead struct {
	steps map[string]*aheadStep
	taken atomic.Int32 // oblasts whose regions were taken (tests)
	// next holds the map's pieces as decoded for the change, by oblast;
	// mapID is the ID the map was stored under (Stored), 0 until told.
	next       map[string]*pieces
	mapID      int64
	piecesUsed bool // tests
}

// aheadStep is one oblast's change: what changeRegions gave for the
// pieces pa → pb.
type aheadStep struct {
	pa, pb  map[frontline.Status][]byte
	regions []region
	notes   []string
	err     error
}

// ComputeAhead computes the change between two maps' pieces (a
// SnapshotStore's, WKB included), oblast by oblast, on workers goroutines
// (0: GOMAXPROCS). It fails only on pieces whose WKB cannot be read.
func ComputeAhead(ctx context.Context, prev, next []frontline.Piece, workers int) (*Ahead, error) {
	pa, err := piecesByOblast(prev, 0)
	if err != nil {
		return nil, err
	}
	pb, err := piecesByOblast(next, 0)
	if err != nil {
		return nil, err
	}
	names := oblastNames(pa, pb)
	a := &Ahead{steps: make(map[string]*aheadStep, len(names)), next: pb}
	steps := make([]*aheadStep, len(names))
	b := &Builder{Workers: workers}
	parallel(len(names), b.workers(), func(i int) {
		w := &Builder{Workers: workers}
		x, y := pa[names[i]], pb[names[i]]
		st := &aheadStep{pa: wkbOf(x), pb: wkbOf(y)}
		st.regions, st.err = w.changeRegions(ctx, x, y)
		st.notes = w.Notes
		steps[i] = st
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, ob := range names {
		a.steps[ob] = steps[i]
	}
	return a, nil
}

// Offer gives the Builder the change to the next map it applies, computed
// ahead; the next Sync takes what matches and drops it.
func (b *Builder) Offer(a *Ahead) { b.ahead = a }

// Stored tells that the map the change leads to was stored as snapshot id
// with the pieces it was computed from (control.Commit stores the pieces
// it was given): a Builder applying that map takes them as decoded here
// rather than read them back from the store and decode them again.
func (a *Ahead) Stored(id int64) {
	if a != nil {
		a.mapID = id
	}
}

// pieces returns the pieces of map id decoded for the change, if the map
// was stored with them.
func (a *Ahead) pieces(id int64) (map[string]*pieces, bool) {
	if a == nil || a.mapID == 0 || a.mapID != id {
		return nil, false
	}
	a.piecesUsed = true
	return a.next, true
}

// take returns the regions computed ahead for oblast ob from pieces pa to
// pb, if those are the pieces it was computed from (the notes are replayed
// on b as changeRegions would have made them).
func (a *Ahead) take(b *Builder, ob string, pa, pb *pieces) ([]region, error, bool) {
	if a == nil {
		return nil, nil, false
	}
	st := a.steps[ob]
	if st == nil || !sameWKB(st.pa, wkbOf(pa)) || !sameWKB(st.pb, wkbOf(pb)) {
		return nil, nil, false
	}
	for _, n := range st.notes {
		b.note("%s", n)
	}
	a.taken.Add(1)
	return st.regions, st.err, true
}

func wkbOf(p *pieces) map[frontline.Status][]byte {
	if p == nil {
		return nil
	}
	return p.wkb
}

// sameWKB tells whether two oblasts' pieces are the same, byte for byte.
func sameWKB(x, y map[frontline.Status][]byte) bool {
	if len(x) != len(y) {
		return false
	}
	for st, w := range x {
		v, ok := y[st]
		if !ok || !bytes.Equal(w, v) {
			return false
		}
	}
	return true
}
