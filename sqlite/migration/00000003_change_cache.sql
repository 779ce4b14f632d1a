-- Transitions between two snapshots, computed once: snapshots never change,
-- so neither does what changed between them. version names the algorithm.
CREATE TABLE change_cache (
	from_id INTEGER NOT NULL REFERENCES snapshots (id),
	to_id   INTEGER NOT NULL REFERENCES snapshots (id),
	version TEXT NOT NULL,
	result  BLOB NOT NULL,
	PRIMARY KEY (from_id, to_id, version)
);
