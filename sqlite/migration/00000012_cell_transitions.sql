-- The transitions of a layer's cells stored with their build (issue 13), so
-- that a command answers a change between two maps by reading the
-- transitions of the maps in between rather than every cell's history
-- (~0.6 s of CPU on the full archive). Encoded by cells (transitions.go).
-- cell_changes: one row per layer, for the build of its version and
-- built_at only: the cells' oblasts and areas (head). cell_transitions: the
-- transitions of each map (level 0, k its position) and of each aligned
-- block of maps (level 1, 2: blocks of 32 and 256 maps, k the block),
-- written with the head in one transaction.
CREATE TABLE cell_changes (
	layer    TEXT PRIMARY KEY,
	version  INTEGER NOT NULL,
	built_at INTEGER NOT NULL,
	head     BLOB NOT NULL
);
CREATE TABLE cell_transitions (
	layer   TEXT NOT NULL,
	version INTEGER NOT NULL,
	level   INTEGER NOT NULL,
	k       INTEGER NOT NULL,
	data    BLOB NOT NULL,
	PRIMARY KEY (layer, level, k)
) WITHOUT ROWID;
