package assess

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/frontline-osint/frontline"
)

// TimelineSource gives a place's status on every day of a layer
// (control.Service implements it).
type TimelineSource interface {
	PlaceTimeline(ctx context.Context, layer string, place *frontline.Place, asKnown time.Time) (*frontline.PlaceTimeline, error)
}

// Timelines looks statuses up in places' layer timelines, read once per
// place and kept: re-assessing after a new report reads no map again.
// It implements LayerLookup.
type Timelines struct {
	Source  TimelineSource
	Layer   string
	AsKnown time.Time
	// Place finds a gazetteer place by ID.
	Place func(ctx context.Context, id string) (*frontline.Place, error)

	mu    sync.Mutex
	cache map[string]map[string]frontline.Status
	stamp string
}

// layerFinder is a timeline source that can describe a layer
// (control.Service): Refresh then notices new maps.
type layerFinder interface {
	FindLayer(ctx context.Context, name string) (*frontline.Layer, error)
}

// Refresh forgets the timelines read when the layer has changed since
// (snapshots added): a long-running server sees new maps. A source that
// cannot describe layers is never refreshed.
func (t *Timelines) Refresh(ctx context.Context) error {
	lf, ok := t.Source.(layerFinder)
	if !ok {
		return nil
	}
	l, err := lf.FindLayer(ctx, t.Layer)
	stamp := "none"
	switch frontline.ErrorCode(err) {
	case "":
		stamp = fmt.Sprint(l.Snapshots, l.FirstValidAt, l.LastValidAt)
	case frontline.ENOTFOUND:
	default:
		return err
	}
	t.mu.Lock()
	if stamp != t.stamp {
		t.cache, t.stamp = nil, stamp
	}
	t.mu.Unlock()
	return nil
}

// NewTimelines returns a lookup on one layer as known at asKnown (zero:
// now).
func NewTimelines(src TimelineSource, layer string, asKnown time.Time, places frontline.PlaceService) *Timelines {
	t := &Timelines{Source: src, Layer: layer, AsKnown: asKnown}
	if places != nil {
		t.Place = places.FindPlace
	}
	return t
}

// LayerName is the layer's name.
func (t *Timelines) LayerName() string { return t.Layer }

// StatusOn returns a place's status on the map of day. A place without a
// point, or unknown to the gazetteer, and a day outside the layer are not
// ok; other errors are returned.
func (t *Timelines) StatusOn(ctx context.Context, placeID, day string) (frontline.Status, bool, error) {
	days, err := t.days(ctx, placeID)
	if err != nil {
		return "", false, err
	}
	st, ok := days[day]
	return st, ok, nil
}

// Timeline returns the place's status by day (YYYY-MM-DD), empty when the
// layer cannot place it.
func (t *Timelines) days(ctx context.Context, placeID string) (map[string]frontline.Status, error) {
	t.mu.Lock()
	days, ok := t.cache[placeID]
	t.mu.Unlock()
	if ok {
		return days, nil
	}
	days = map[string]frontline.Status{}
	if t.Place != nil {
		p, err := t.Place(ctx, placeID)
		switch frontline.ErrorCode(err) {
		case "":
			if p != nil && p.PointSource != "" && p.Kind != "oblast" {
				tl, err := t.Source.PlaceTimeline(ctx, t.Layer, p, t.AsKnown)
				switch frontline.ErrorCode(err) {
				case "":
					for _, d := range tl.Days {
						days[d.Date] = d.Status
					}
				case frontline.ENOTFOUND, frontline.EINVALID:
				default:
					return nil, err
				}
			}
		case frontline.ENOTFOUND, frontline.EINVALID:
		default:
			return nil, err
		}
	}
	t.mu.Lock()
	if t.cache == nil {
		t.cache = map[string]map[string]frontline.Status{}
	}
	t.cache[placeID] = days
	t.mu.Unlock()
	return days, nil
}

// Preload reads the timelines of places in parallel (up to workers at a
// time), so that assessing many claims reads each place's maps once.
func (t *Timelines) Preload(ctx context.Context, placeIDs []string, workers int) error {
	if workers < 1 {
		workers = 1
	}
	ids := make(chan string)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range ids {
				if _, err := t.days(ctx, id); err != nil {
					errs <- err
					for range ids {
					}
					return
				}
			}
		}()
	}
	for _, id := range placeIDs {
		ids <- id
	}
	close(ids)
	wg.Wait()
	close(errs)
	return <-errs
}
