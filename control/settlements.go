package control

import (
	"context"
	"slices"
	"time"

	"github.com/frontline-osint/frontline"
)

// Settlements is the status of every located settlement on every day of
// the window from..to of a layer: each settlement's periods, from the place
// histories of the layer's cells (settlementsEveryDay), cut to the window.
func (s *Service) Settlements(ctx context.Context, layer string, from, to frontline.Day, asKnown time.Time, f frontline.SettlementFilter) (*frontline.SettlementsResult, error) {
	for _, d := range []frontline.Day{from, to} {
		if loc := d.Start.Location(); loc != time.UTC && loc.String() != "UTC" {
			return nil, frontline.Errorf(frontline.EINVALID, "settlement statuses are read by UTC day (got a day in %s)", loc)
		}
	}
	if f.OblastISO != "" {
		var err error
		if f.OblastISO, err = frontline.ParseOblastISO(f.OblastISO); err != nil {
			return nil, err
		}
	}
	// The window's first and last day as Series reads them (a day before
	// the layer's first map or after its last is refused there).
	win, err := s.Series(ctx, layer, from, to, asKnown)
	if err != nil {
		return nil, err
	}
	if ok, err := s.havePlaces(); err != nil {
		return nil, err
	} else if !ok {
		return nil, frontline.Errorf(frontline.EINVALID, "settlement statuses need the gazetteer's settlements")
	}
	sd, err := s.settlementsEveryDay(ctx, layer, asKnown)
	if err != nil {
		return nil, err
	}
	first, _ := slices.BinarySearch(sd.Dates, win.From)
	last, found := slices.BinarySearch(sd.Dates, win.To)
	if !found {
		last--
	}
	res := &frontline.SettlementsResult{Layer: layer, From: win.From, To: win.To, AsKnown: asKnownPtr(asKnown),
		Located: len(sd.Places), FromCells: sd.fromCells, Settlements: []frontline.SettlementPeriods{}}
	if first > last {
		return res, nil
	}
	res.Days = last - first + 1
	for i, p := range sd.Places {
		if f.OblastISO != "" && p.OblastISO != f.OblastISO {
			continue
		}
		periods := sd.periods(i, first, last)
		if len(periods) > 1 {
			res.Changed++
		} else if f.Changed {
			continue
		}
		res.Settlements = append(res.Settlements, frontline.SettlementPeriods{ID: p.ID, Name: p.Name, NameUK: p.NameUK,
			Kind: p.Kind, Oblast: p.Oblast, OblastISO: p.OblastISO, Population: p.Population, Lon: p.Lon, Lat: p.Lat,
			PointSource: p.PointSource, Periods: periods})
	}
	return res, nil
}

// periods returns place i's periods on the days first..last (indexes of
// sd.Dates).
func (sd *settlementDays) periods(i, first, last int) []frontline.StatusPeriod {
	runs := sd.runFrom[sd.runStart[i]:sd.runStart[i+1]]
	sts := sd.runStatus[sd.runStart[i]:sd.runStart[i+1]]
	// The run that holds on the first day, then those that start after it.
	k, found := slices.BinarySearch(runs, int32(first))
	if !found {
		k--
	}
	st := frontline.StatusUkraine
	if k >= 0 {
		st = sts[k]
	}
	out := []frontline.StatusPeriod{{Status: st, From: sd.Dates[first]}}
	for k++; k < len(runs) && int(runs[k]) <= last; k++ {
		if sts[k] == st {
			continue
		}
		out[len(out)-1].To = sd.Dates[runs[k]-1]
		st = sts[k]
		out = append(out, frontline.StatusPeriod{Status: st, From: sd.Dates[runs[k]]})
	}
	out[len(out)-1].To = sd.Dates[last]
	return out
}
