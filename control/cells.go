package control

import (
	"context"
	"sync"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/cells"
)

// layerCells is what the service holds of the cells of its layers: a
// builder per layer (kept between imports of one process) and the last
// index read.
type layerCells struct {
	mu       sync.Mutex
	builders map[string]*cells.Builder
	indexes  map[string]*cells.Index
	errs     map[string]error
}

// cellStores returns the store as a cell store, if it is one and cells are
// not switched off.
func (s *Service) cellStores() (cells.Stores, bool) {
	if s.NoCells {
		return nil, false
	}
	cs, ok := s.Store.(cells.Stores)
	return cs, ok
}

// BuildCells brings a layer's cells up to date with its maps (imports do
// this after each map) and returns the number of maps applied. A store
// that keeps no cells applies none.
func (s *Service) BuildCells(ctx context.Context, layer string) (int, error) {
	store, ok := s.cellStores()
	if !ok {
		return 0, nil
	}
	s.cells.mu.Lock()
	defer s.cells.mu.Unlock()
	if s.cells.builders == nil {
		s.cells.builders, s.cells.indexes, s.cells.errs = map[string]*cells.Builder{}, map[string]*cells.Index{}, map[string]error{}
	}
	b := s.cells.builders[layer]
	if b == nil {
		b = cells.NewBuilder(store, layer)
		b.Now = s.Now
		s.cells.builders[layer] = b
	}
	n, err := b.Sync(ctx)
	s.cells.errs[layer] = err
	return n, err
}

// CellsError is the error of the last build of a layer's cells, if it
// failed (answers then fall back to overlays for the maps not built).
func (s *Service) CellsError(layer string) error {
	s.cells.mu.Lock()
	defer s.cells.mu.Unlock()
	return s.cells.errs[layer]
}

// cellIndex returns the current index of a layer's cells, or nil if the
// layer has none.
func (s *Service) cellIndex(ctx context.Context, layer string) *cells.Index {
	store, ok := s.cellStores()
	if !ok {
		return nil
	}
	b, err := store.CellBuild(ctx, layer)
	if err != nil {
		return nil
	}
	s.cells.mu.Lock()
	ix := s.cells.indexes[layer]
	s.cells.mu.Unlock()
	if ix != nil && ix.Build.Version == b.Version {
		return ix
	}
	cs, err := store.Cells(ctx, layer, false)
	if err != nil {
		return nil
	}
	ix = cells.NewIndex(b, cs)
	s.cells.mu.Lock()
	if s.cells.indexes == nil {
		s.cells.builders, s.cells.indexes, s.cells.errs = map[string]*cells.Builder{}, map[string]*cells.Index{}, map[string]error{}
	}
	s.cells.indexes[layer] = ix
	s.cells.mu.Unlock()
	return ix
}

// cellChange returns the transitions between two maps of one layer from
// its cells; ok is false when either map is not in the cells' build (a
// version superseded since, or a map not built yet).
func (s *Service) cellChange(ctx context.Context, a, b *frontline.Snapshot) (total transitionMatrix, byOblast map[string]transitionMatrix, ok bool) {
	if a.Layer != b.Layer {
		return nil, nil, false
	}
	ix := s.cellIndex(ctx, a.Layer)
	if ix == nil {
		return nil, nil, false
	}
	pa, okA := ix.Position(a.ID)
	pb, okB := ix.Position(b.ID)
	if !okA || !okB {
		return nil, nil, false
	}
	t, obs := ix.Change(pa, pb)
	total = fromCells(t)
	byOblast = map[string]transitionMatrix{}
	for i, m := range obs {
		byOblast[ix.Oblasts[i]] = fromCells(m)
	}
	return total, byOblast, true
}

func fromCells(m cells.Matrix) transitionMatrix {
	out := transitionMatrix{}
	for i, f := range frontline.Statuses {
		for j, t := range frontline.Statuses {
			if v := m[i][j]; v != 0 {
				out[[2]frontline.Status{f, t}] = v
			}
		}
	}
	return out
}
