package control

import (
	"context"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/cells"
)

// CellChangeTwice returns the cells' transitions between two maps of a
// layer (before balancing to the maps' areas), once from the index read
// from the cells and once from the transitions stored with the build (the
// index read stores them); stored is false when none could be read.
func CellChangeTwice(ctx context.Context, s *Service, layer string, a, b *frontline.Snapshot) (fromIndex, fromStored map[string]cells.Matrix, stored bool, err error) {
	ix := s.cellIndex(ctx, layer)
	if ix == nil {
		return nil, nil, false, frontline.Errorf(frontline.ENOTFOUND, "no cells")
	}
	pa, okA := ix.Position(a.ID)
	pb, okB := ix.Position(b.ID)
	if !okA || !okB {
		return nil, nil, false, frontline.Errorf(frontline.ENOTFOUND, "maps not in the cells")
	}
	fromIndex = map[string]cells.Matrix{}
	total, obs := ix.Change(pa, pb)
	fromIndex[""] = total
	for i, m := range obs {
		fromIndex[ix.Oblasts[i]] = m
	}
	st := s.storedChanges(ctx, layer, ix.Build)
	if st == nil {
		return fromIndex, nil, false, nil
	}
	obs = make([]cells.Matrix, len(st.Oblasts))
	if total, err = st.ChangeInto(ctx, pa, pb, obs); err != nil {
		return nil, nil, false, err
	}
	fromStored = map[string]cells.Matrix{"": total}
	for i, m := range obs {
		fromStored[st.Oblasts[i]] = m
	}
	return fromIndex, fromStored, true, nil
}

// IndexHeld tells whether the service holds a layer's whole cell index.
func IndexHeld(s *Service, layer string) bool {
	s.cells.mu.Lock()
	defer s.cells.mu.Unlock()
	return s.cells.indexes[layer] != nil
}

// StoredHeld tells whether the service holds a layer's stored
// transitions.
func StoredHeld(s *Service, layer string) bool {
	s.cells.mu.Lock()
	defer s.cells.mu.Unlock()
	return s.cells.stored[layer] != nil
}
