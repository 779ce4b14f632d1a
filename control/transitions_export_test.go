package control

import (
	"bytes"
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

// StoredAsNew tells whether a layer's stored transitions (head and every
// row) are, byte for byte, those its current build's index stores anew
// (cells.EncodeTransitions); the stored form is read before the cells.
func StoredAsNew(ctx context.Context, s *Service, layer string) (bool, error) {
	store := s.Store.(cellChangeStore)
	var head []byte
	var version int64
	if err := store.CellChanges(ctx, layer, func(v, _ int64, h []byte) error {
		head, version = append([]byte(nil), h...), v
		return nil
	}); err != nil {
		return false, err
	}
	stored := map[[2]int32][]byte{}
	for l := 0; l < cells.Levels; l++ {
		if err := store.CellTransitionRows(ctx, layer, version, l, 0, 1<<30, func(k int32, data []byte) error {
			stored[[2]int32{int32(l), k}] = append([]byte(nil), data...)
			return nil
		}); err != nil {
			return false, err
		}
	}
	ix, err := cells.Load(ctx, s.Store.(cells.Stores), layer)
	if err != nil {
		return false, err
	}
	if ix.Build.Version != version {
		return false, nil
	}
	wantHead, rows := ix.EncodeTransitions()
	if !bytes.Equal(head, wantHead) || len(rows) != len(stored) {
		return false, nil
	}
	for _, r := range rows {
		if !bytes.Equal(stored[[2]int32{int32(r.Level), r.K}], r.Data) {
			return false, nil
		}
	}
	return true, nil
}
