-- The planar partition of each layer into cells (issue 13): ground whose
-- status has been the same on every map, with its status history, so that
-- area, change and settlement status of any day are sums and lookups.
-- snapshot_ids: the maps the cells were built from, in valid-time order
-- (little-endian int64s); a cell's history refers to positions in it.
CREATE TABLE cell_builds (
	layer        TEXT PRIMARY KEY REFERENCES layers (name),
	snapshot_ids BLOB NOT NULL,
	built_at     INTEGER NOT NULL,
	version      INTEGER NOT NULL
);

-- history: run-length (position delta as uvarint, status index) pairs.
CREATE TABLE cells (
	id       INTEGER PRIMARY KEY,
	layer    TEXT NOT NULL REFERENCES layers (name),
	oblast   TEXT NOT NULL,
	area_km2 REAL NOT NULL,
	min_lon  REAL NOT NULL,
	min_lat  REAL NOT NULL,
	max_lon  REAL NOT NULL,
	max_lat  REAL NOT NULL,
	history  BLOB NOT NULL,
	wkb      BLOB NOT NULL
);

CREATE INDEX cells_layer ON cells (layer);

CREATE VIRTUAL TABLE cells_rtree USING rtree (id, min_lon, max_lon, min_lat, max_lat);
