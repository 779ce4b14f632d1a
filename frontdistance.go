package frontline

import (
	"context"
	"time"
)

// FrontDistance is how far a point is from the front on the map of a day.
type FrontDistance struct {
	Layer    string     `json:"layer"`
	At       string     `json:"at"`
	AsKnown  *time.Time `json:"as_known"`
	Snapshot *Snapshot  `json:"snapshot"`
	Lon      float64    `json:"lon"`
	Lat      float64    `json:"lat"`
	// Side is the status of the ground the point is on.
	Side Status `json:"side"`
	// DistanceM is the geodesic distance to the nearest boundary between
	// two statuses (not Ukraine's border or coast), on WGS84.
	DistanceM float64 `json:"distance_m"`
	// NearestLon/Lat is the nearest point of that boundary; Bearing the
	// initial azimuth towards it, degrees clockwise from north.
	NearestLon float64 `json:"nearest_lon"`
	NearestLat float64 `json:"nearest_lat"`
	Bearing    float64 `json:"bearing"`
	// Across is the status on the far side of the nearest boundary.
	Across Status `json:"across"`
}

// FrontService measures distances to the front. control.Service
// implements it.
type FrontService interface {
	FrontDistance(ctx context.Context, layer string, lon, lat float64, at Day, asKnown time.Time) (*FrontDistance, error)
	// FrontDistanceFunc measures many points against one day's map, in
	// metres (+Inf when the map has no front).
	FrontDistanceFunc(ctx context.Context, layer string, at Day, asKnown time.Time) (func(lon, lat float64) float64, error)
}
