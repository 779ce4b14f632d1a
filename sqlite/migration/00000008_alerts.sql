-- Watches (stored rules), the layer days evaluated for each, the alerts
-- they fired (one per watch and key) and every delivery attempt. IF NOT
-- EXISTS: stores made by the branch that first numbered this migration 7
-- already have these tables.
CREATE TABLE IF NOT EXISTS watches (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL DEFAULT '',
	kind        TEXT NOT NULL,
	spec        TEXT NOT NULL, -- the watch as JSON, secret included
	created_at  INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS watch_days (
	watch_id    INTEGER NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
	day         TEXT NOT NULL,
	snapshot_id INTEGER NOT NULL,
	state       TEXT NOT NULL DEFAULT '',
	value       REAL NOT NULL DEFAULT 0,
	PRIMARY KEY (watch_id, day)
);

CREATE TABLE IF NOT EXISTS alerts (
	id          INTEGER PRIMARY KEY,
	watch_id    INTEGER NOT NULL,
	key         TEXT NOT NULL,
	kind        TEXT NOT NULL,
	day         TEXT NOT NULL,
	body        TEXT NOT NULL, -- the alert as JSON
	created_at  INTEGER NOT NULL,
	UNIQUE (watch_id, key)
);
CREATE INDEX IF NOT EXISTS alerts_created ON alerts (created_at);

CREATE TABLE IF NOT EXISTS alert_deliveries (
	id          INTEGER PRIMARY KEY,
	alert_id    INTEGER NOT NULL,
	channel     TEXT NOT NULL,
	target      TEXT NOT NULL,
	attempt     INTEGER NOT NULL,
	ok          INTEGER NOT NULL,
	status      INTEGER NOT NULL DEFAULT 0,
	error       TEXT NOT NULL DEFAULT '',
	at          INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_deliveries_alert ON alert_deliveries (alert_id);
