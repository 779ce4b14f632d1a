package frontline

import (
	"context"
	"encoding/json"
	"time"
)

// MapRequest asks for one snapshot's control map as features, for drawing
// (simplified for a zoom level) or for export (full precision).
type MapRequest struct {
	Layer string
	// SnapshotID names the snapshot; when zero, the map of At as known at
	// AsKnown is used.
	SnapshotID int64
	At         Day
	AsKnown    time.Time
	// Zoom is a web-map zoom level (0–22); the geometry is simplified to
	// about half a pixel at that zoom. Zero or negative means full precision.
	Zoom int
	// BBox, when set, keeps only features whose bounds intersect
	// [minLon, minLat, maxLon, maxLat].
	BBox *[4]float64
	// Statuses, when set, keeps only these statuses.
	Statuses []Status
}

// MapResult is one snapshot's map: a feature per status and oblast.
// Areas are always those of the full geometry, whatever the Zoom.
type MapResult struct {
	Snapshot *Snapshot    `json:"snapshot"`
	Zoom     int          `json:"zoom"`
	Features []MapFeature `json:"features"`
}

// MapFeature is the ground of one status inside one oblast. Geometry is a
// GeoJSON geometry object (WGS84 lon/lat).
type MapFeature struct {
	Status   Status          `json:"status"`
	Oblast   string          `json:"oblast"`
	AreaKm2  float64         `json:"area_km2"`
	Geometry json.RawMessage `json:"geometry"`
}

// MapService draws layers. control.Service implements it.
type MapService interface {
	Map(ctx context.Context, req MapRequest) (*MapResult, error)
}
