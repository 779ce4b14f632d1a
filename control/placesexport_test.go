package control

import (
	"context"
	"time"

	"github.com/frontline-osint/frontline"
)

// SettlementDays is the status of every located settlement on every day
// of a layer's series (run-length by place): the number of days, of runs,
// and whether cells answered.
func SettlementDays(ctx context.Context, s *Service, layer string) (days, runs int, fromCells bool, err error) {
	sd, err := s.settlementsEveryDay(ctx, layer, time.Time{})
	if err != nil {
		return 0, 0, false, err
	}
	return len(sd.Dates), sd.Runs(), sd.fromCells, nil
}

// SettlementDayStatus is SettlementDays' answer expanded for one place:
// its status on every day, the located places (index order) and whether
// cells answered.
func SettlementDayStatuses(ctx context.Context, s *Service, layer string) (func(i, d int) frontline.Status, []frontline.Place, []string, bool, error) {
	sd, err := s.settlementsEveryDay(ctx, layer, time.Time{})
	if err != nil {
		return nil, nil, nil, false, err
	}
	places := make([]frontline.Place, len(sd.Places))
	for i, p := range sd.Places {
		places[i] = *p
	}
	return sd.Status, places, sd.Dates, sd.fromCells, nil
}

// NearShore tells whether located place i lies near the coast or border.
func NearShore(s *Service, i int) bool {
	return s.places.ix.nearShore(s.places.shore)[i]
}

// SettlementPairs counts the (place, cell) pairs located for a layer's
// current cells and the cell geometries read to find them (0 if none were
// located).
func SettlementPairs(s *Service, layer string) (pairs, read int) {
	s.cells.placeMu.Lock()
	defer s.cells.placeMu.Unlock()
	if pc := s.cells.places[layer]; pc != nil {
		return pc.pairs, pc.read
	}
	return 0, 0
}

// PlaceHistoryForms returns the stored forms (runs, located) of the place
// histories a service holds for a layer, whether they were extended from
// an earlier build's (extendPlaceRuns), and the forms of locating every
// place anew over the layer's whole cell index.
func PlaceHistoryForms(ctx context.Context, s *Service, layer string) (held, full [2][]byte, extended bool, err error) {
	s.cells.placeMu.Lock()
	pc := s.cells.places[layer]
	s.cells.placeMu.Unlock()
	if pc == nil {
		return held, full, false, frontline.Errorf(frontline.ENOTFOUND, "no place histories held")
	}
	ix := s.cellIndex(ctx, layer)
	if ix == nil {
		return held, full, false, frontline.Errorf(frontline.ENOTFOUND, "no cells")
	}
	all, err := s.locatePlaces(ctx, layer, ix, pc.of, nil)
	if err != nil {
		return held, full, false, err
	}
	return [2][]byte{encodePlaceRuns(pc), encodeLocated(pc.located)}, [2][]byte{encodePlaceRuns(all), encodeLocated(all.located)}, pc.extended, nil
}
