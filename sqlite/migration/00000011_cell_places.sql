-- The gazetteer's places located in a layer's cells (issue 13), so that a
-- command reads each place's status history rather than locating every
-- place again (~1 s of CPU on the full archive). One row per layer and
-- place set (places_key: a hash of the places located and of the rules
-- that located them); a row holds for the cell build of its version and
-- built_at only, and is replaced when the cells change.
-- runs: each place's run-length status history over the build's maps;
-- located: the places found in each cell (ID and area), read again only
-- to locate the places of the next build (cells not split keep theirs).
-- Both are encoded by control (placescells.go).
CREATE TABLE cell_places (
	layer      TEXT NOT NULL,
	places_key TEXT NOT NULL,
	version    INTEGER NOT NULL,
	built_at   INTEGER NOT NULL,
	runs       BLOB NOT NULL,
	located    BLOB NOT NULL,
	PRIMARY KEY (layer, places_key)
);
