-- A list layer (an official list of territories) is stored as versions:
-- each imported file is a version with its recorded time, and its entries.
-- Versions are append-only; the current one is the latest recorded.
CREATE TABLE list_versions (
	id          INTEGER PRIMARY KEY,
	layer       TEXT NOT NULL REFERENCES layers (name),
	recorded_at INTEGER NOT NULL,
	source_name TEXT NOT NULL,
	source_hash TEXT NOT NULL
);

CREATE INDEX list_versions_layer ON list_versions (layer, recorded_at);

-- Dates are Unix nanoseconds, UTC; date_to is NULL while open.
CREATE TABLE list_entries (
	version_id INTEGER NOT NULL REFERENCES list_versions (id),
	katottg    TEXT NOT NULL,
	name       TEXT NOT NULL,
	oblast     TEXT NOT NULL,
	raion      TEXT NOT NULL,
	section    TEXT NOT NULL,
	status     TEXT NOT NULL,
	except_names TEXT NOT NULL,
	date_from  INTEGER NOT NULL,
	date_to    INTEGER,
	line       INTEGER NOT NULL
);

CREATE INDEX list_entries_version ON list_entries (version_id);
