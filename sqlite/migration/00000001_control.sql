CREATE TABLE layers (
	name       TEXT PRIMARY KEY,
	title      TEXT NOT NULL DEFAULT '',
	source     TEXT NOT NULL DEFAULT '',
	licence    TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
);

-- Snapshots are append-only: a correction is a new row with the same
-- (layer, valid_at) and a later recorded_at. Times are Unix nanoseconds, UTC.
CREATE TABLE snapshots (
	id           INTEGER PRIMARY KEY,
	layer        TEXT NOT NULL REFERENCES layers (name),
	valid_at     INTEGER NOT NULL,
	recorded_at  INTEGER NOT NULL,
	source_name  TEXT NOT NULL,
	source_hash  TEXT NOT NULL,
	mapping_hash TEXT NOT NULL,
	polygons     INTEGER NOT NULL,
	points       INTEGER NOT NULL,
	categories   TEXT NOT NULL,
	unclassified TEXT NOT NULL,
	repairs      TEXT NOT NULL,
	areas_km2    TEXT NOT NULL
);

CREATE INDEX snapshots_layer_valid ON snapshots (layer, valid_at, recorded_at);

-- Geometry is stored once per distinct WKB: consecutive maps share most
-- pieces (Crimea, ORDLO, oblasts where nothing moved).
CREATE TABLE geometries (
	hash TEXT PRIMARY KEY,
	wkb  BLOB NOT NULL
);

CREATE TABLE pieces (
	snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
	oblast      TEXT NOT NULL,
	status      TEXT NOT NULL,
	area_km2    REAL NOT NULL,
	geom_hash   TEXT REFERENCES geometries (hash),
	PRIMARY KEY (snapshot_id, oblast, status)
);
