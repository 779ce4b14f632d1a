package control

import (
	"context"
	"time"

	"github.com/frontline-osint/frontline"
)

// Disagreement compares the maps of two layers on one day: each transition
// is ground layer calls From and other calls To. Two archives of the same
// tracker, or two trackers, are compared on the same terms as two days of
// one layer (the same overlays, the same per-oblast split, cached per
// snapshot pair).
func (s *Service) Disagreement(ctx context.Context, layer, other string, at frontline.Day, asKnown time.Time) (*frontline.DisagreementResult, error) {
	a, b, err := s.disagreementSnapshots(ctx, layer, other, at, asKnown)
	if err != nil {
		return nil, err
	}
	ch := &frontline.ChangeResult{Layer: layer, From: at.Label, To: at.Label, AsKnown: asKnownPtr(asKnown), FromSnapshot: a, ToSnapshot: b}
	if err := s.fillChange(ctx, ch); err != nil {
		return nil, err
	}
	res := &frontline.DisagreementResult{
		Layer: layer, Other: other, At: at.Label, AsKnown: ch.AsKnown,
		Snapshot: a, OtherSnapshot: b,
		Transitions: ch.Transitions, ByOblast: ch.ByOblast, Settlements: ch.Settlements,
	}
	for _, t := range ch.Transitions {
		res.DisagreeKm2 += t.AreaKm2
	}
	return res, nil
}

// DisagreementGeoJSON draws where two layers' maps of a day disagree: one
// feature per (layer's status → other's status) and oblast.
func (s *Service) DisagreementGeoJSON(ctx context.Context, layer, other string, at frontline.Day, asKnown time.Time) ([]byte, error) {
	a, b, err := s.disagreementSnapshots(ctx, layer, other, at, asKnown)
	if err != nil {
		return nil, err
	}
	pa, err := s.Store.SnapshotPieces(ctx, a.ID, true)
	if err != nil {
		return nil, err
	}
	pb, err := s.Store.SnapshotPieces(ctx, b.ID, true)
	if err != nil {
		return nil, err
	}
	return s.transitionsGeoJSON(ctx, pa, pb)
}

func (s *Service) disagreementSnapshots(ctx context.Context, layer, other string, at frontline.Day, asKnown time.Time) (a, b *frontline.Snapshot, err error) {
	if layer == other {
		return nil, nil, frontline.Errorf(frontline.EINVALID, "compare layer %s with another layer, not itself", layer)
	}
	if a, err = s.snapshotOfDay(ctx, layer, at, asKnown); err != nil {
		return nil, nil, err
	}
	if b, err = s.snapshotOfDay(ctx, other, at, asKnown); err != nil {
		return nil, nil, err
	}
	return a, b, nil
}
