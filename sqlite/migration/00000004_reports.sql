-- Reports are append-only: one row per ingested document (a whole file or
-- one item of a feed, JSON lines, CSV or evidence export), stored once per
-- content hash. Times are Unix nanoseconds, UTC; published_at is NULL when
-- unknown.
CREATE TABLE report_containers (
	hash        TEXT PRIMARY KEY,
	name        TEXT NOT NULL,
	kind        TEXT NOT NULL,
	raw         BLOB NOT NULL,
	recorded_at INTEGER NOT NULL
);

CREATE TABLE reports (
	id           INTEGER PRIMARY KEY,
	hash         TEXT NOT NULL UNIQUE,
	source       TEXT NOT NULL,
	kind         TEXT NOT NULL,
	title        TEXT NOT NULL,
	url          TEXT NOT NULL,
	published_at INTEGER,
	recorded_at  INTEGER NOT NULL,
	file_name    TEXT NOT NULL,
	item         INTEGER NOT NULL,
	container    TEXT REFERENCES report_containers (hash),
	raw          BLOB NOT NULL,
	text         TEXT NOT NULL,
	lang         TEXT NOT NULL,
	note         TEXT NOT NULL
);

CREATE INDEX reports_time ON reports (COALESCE(published_at, recorded_at), id);
CREATE INDEX reports_source ON reports (source);

-- The observation a report records, when it has a location.
CREATE TABLE evidence (
	report_id      INTEGER PRIMARY KEY REFERENCES reports (id),
	lon            REAL NOT NULL,
	lat            REAL NOT NULL,
	time           INTEGER,
	time_precision TEXT NOT NULL,
	kind           TEXT NOT NULL,
	description    TEXT NOT NULL,
	location       TEXT NOT NULL,
	link           TEXT NOT NULL,
	links          TEXT NOT NULL
);

CREATE INDEX evidence_time ON evidence (time);
CREATE INDEX evidence_lat_lon ON evidence (lat, lon);

-- Sources: who publishes. The grade is not stored here: grades are
-- appended to source_grades and the current one is the latest.
CREATE TABLE sources (
	name       TEXT PRIMARY KEY,
	kind       TEXT NOT NULL,
	side       TEXT NOT NULL,
	aliases    TEXT NOT NULL,
	origin     TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);

CREATE TABLE source_grades (
	id          INTEGER PRIMARY KEY,
	source      TEXT NOT NULL REFERENCES sources (name),
	reliability TEXT NOT NULL,
	reason      TEXT NOT NULL,
	origin      TEXT NOT NULL,
	recorded_at INTEGER NOT NULL
);

CREATE INDEX source_grades_source ON source_grades (source, recorded_at, id);
