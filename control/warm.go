package control

import "context"

// WarmLayer reads and builds, ahead of the questions, what the first
// question on a layer reads once per process: the layer's current maps
// (series, places' timelines), its stored transitions' head (change), and
// the land outline and oblast borders and seams that fronts are cut with.
// A command calls it on a spare core while it reads its input (check,
// while the document is read). Everything it fills is a cache the
// questions fill themselves when it has not run, so answers are the same;
// errors are left to the questions.
func (s *Service) WarmLayer(ctx context.Context, layer string) {
	s.landLocator()
	s.seamIndex()
	s.borderIndex()
	if ctx.Err() != nil {
		return
	}
	s.currentSnapshots(ctx, layer)
	if store, ok := s.cellStores(); ok {
		if b, ix := s.heldIndex(ctx, store, layer); b != nil && ix == nil {
			s.storedChanges(ctx, layer, b)
		}
	}
}
