package frontline

import (
	"context"
	"time"
)

// Cell is one region of a layer's planar partition: ground inside one
// oblast whose status has been the same on every map of the layer, so
// that area, change and settlement status on any day are sums and lookups
// over cells instead of overlays. Ground in no cell has been Ukraine on
// every map.
type Cell struct {
	ID     int64  `json:"id"`
	Layer  string `json:"layer"`
	Oblast string `json:"oblast"`
	// AreaKm2 is geodesic on the WGS84 ellipsoid.
	AreaKm2 float64 `json:"area_km2"`
	// MinLon..MaxLat is the cell's bounding box, for point location.
	MinLon, MinLat, MaxLon, MaxLat float64
	// WKB is the geometry (WGS84 lon/lat, 2D); nil when read without it.
	WKB []byte `json:"-"`
	// History is the cell's status, run-length: each entry holds from
	// the map at position Seq of the build (CellBuild.SnapshotIDs) until
	// the next entry. Before the first entry the cell was Ukraine.
	History []CellStatus `json:"history"`
	// HistoryOnly, set by the builder on a stored cell it saves again,
	// says that only History changed since the cell was stored: the store
	// may keep its geometry, area and box as they are (and WKB may be nil).
	HistoryOnly bool `json:"-"`
}

// CellStatus is one run of a cell's history.
type CellStatus struct {
	Seq    int32  `json:"seq"`
	Status Status `json:"status"`
}

// CellBuild says which maps a layer's cells were built from: the current
// version of each of the layer's maps, in valid-time order. A cell's
// history refers to positions in SnapshotIDs.
type CellBuild struct {
	Layer       string    `json:"layer"`
	SnapshotIDs []int64   `json:"snapshot_ids"`
	BuiltAt     time.Time `json:"built_at"`
	// Version increases with every change to the layer's cells, so that
	// a reader can tell whether what it holds in memory is current.
	Version int64 `json:"version"`
}

// CellStore persists the cells of each layer. The SQLite store implements
// it.
type CellStore interface {
	// CellBuild returns a layer's build, or ENOTFOUND if its cells have
	// not been built.
	CellBuild(ctx context.Context, layer string) (*CellBuild, error)
	// Cells returns a layer's cells; withGeometry loads WKB.
	Cells(ctx context.Context, layer string, withGeometry bool) ([]Cell, error)
	// CellsAt returns the cells of a layer whose bounding box holds the
	// point; withGeometry loads WKB.
	CellsAt(ctx context.Context, layer string, lon, lat float64, withGeometry bool) ([]Cell, error)
	// CellWKB returns one cell's geometry.
	CellWKB(ctx context.Context, id int64) ([]byte, error)
	// SaveCells stores a build in one transaction: it deletes the cells
	// listed, inserts the cells whose ID is 0 (setting their IDs),
	// replaces the others, and records b (setting b.Version). With reset
	// every cell of the layer is deleted first.
	SaveCells(ctx context.Context, b *CellBuild, cells []*Cell, deleted []int64, reset bool) error
	// LatestSnapshotID is the ID of the layer's most recently stored
	// snapshot (any version), 0 if none: a build holding it is current.
	LatestSnapshotID(ctx context.Context, layer string) (int64, error)
}
