package control

import (
	"context"

	"github.com/frontline-osint/frontline"
)

// ChangeBetween computes the transitions between two snapshots' pieces
// (uncached) and returns their total km².
func ChangeBetween(ctx context.Context, s *Service, aID, bID int64) (float64, error) {
	pa, err := s.Store.SnapshotPieces(context.Background(), aID, true)
	if err != nil {
		return 0, err
	}
	pb, err := s.Store.SnapshotPieces(context.Background(), bID, true)
	if err != nil {
		return 0, err
	}
	total, _, err := changeBetween(ctx, pa, pb)
	var km2 float64
	for _, v := range total {
		km2 += v
	}
	return km2, err
}

// CellsCover tells whether the change between two maps is answered from
// cells.
func CellsCover(ctx context.Context, s *Service, a, b *frontline.Snapshot) bool {
	_, _, ok := s.cellChange(ctx, a, b)
	return ok
}

// CellAreas sums the cells' area per "oblast/status" (non-Ukraine) on a
// map; ok is false if the map is not in the cells.
func CellAreas(ctx context.Context, s *Service, sn *frontline.Snapshot) (map[string]float64, bool) {
	ix := s.cellIndex(ctx, sn.Layer)
	if ix == nil {
		return nil, false
	}
	p, ok := ix.Position(sn.ID)
	if !ok {
		return nil, false
	}
	out := map[string]float64{}
	for i, areas := range ix.Areas(p) {
		for j, st := range frontline.Statuses {
			if st != frontline.StatusUkraine && areas[j] != 0 {
				out[ix.Oblasts[i]+"/"+string(st)] += areas[j]
			}
		}
	}
	return out, true
}

// TimelinesFromCells counts the place timelines answered from cells.
func TimelinesFromCells(s *Service) int64 { return s.cells.timelines.Load() }

// SeriesFromMemory tells whether a layer's series are answered from the
// maps held with its cells.
func SeriesFromMemory(ctx context.Context, s *Service, layer string) bool {
	return s.currentSnapshots(ctx, layer) != nil
}

// PlaceStatuses is the status of every located place on a map, and
// whether cells answered.
func PlaceStatuses(ctx context.Context, s *Service, layer string, id int64) ([]frontline.Status, bool, error) {
	_, fromCells, err := s.cellPlaceStatuses(ctx, layer, id)
	if err != nil {
		return nil, false, err
	}
	sts, err := s.snapshotStatuses(ctx, layer, id)
	return sts, fromCells, err
}
