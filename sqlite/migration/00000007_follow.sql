-- Followed sources (frontline follow): one row of state per source, the
-- gaps in which a source could not be read, and the items (version ids,
-- feed item keys, file hashes) already imported, so that nothing is
-- imported twice across restarts. Times are unix nanoseconds.
CREATE TABLE follow_state (
	name TEXT PRIMARY KEY,
	kind TEXT NOT NULL,
	url TEXT NOT NULL DEFAULT '',
	etag TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_version TEXT NOT NULL DEFAULT '',
	content_hash TEXT NOT NULL DEFAULT '',
	last_poll INTEGER,
	last_success INTEGER,
	last_change INTEGER,
	last_error TEXT NOT NULL DEFAULT '',
	last_error_at INTEGER,
	failures INTEGER NOT NULL DEFAULT 0,
	polls INTEGER NOT NULL DEFAULT 0,
	snapshots INTEGER NOT NULL DEFAULT 0,
	reports INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE follow_gaps (
	id INTEGER PRIMARY KEY,
	source TEXT NOT NULL,
	from_time INTEGER NOT NULL,
	to_time INTEGER,
	polls INTEGER NOT NULL DEFAULT 1,
	reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX follow_gaps_source ON follow_gaps (source, from_time);

CREATE TABLE follow_items (
	source TEXT NOT NULL,
	key TEXT NOT NULL,
	seen_at INTEGER NOT NULL,
	PRIMARY KEY (source, key)
) WITHOUT ROWID;
