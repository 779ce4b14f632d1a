-- The keys an import computed each oblast's pieces under (issue 13): a
-- hash of the features near the oblast (control.Clipper.cutKey), with the
-- first map whose pieces of that oblast were computed under it. A new
-- process importing the next map takes an oblast whose features repeat
-- from that map's stored pieces instead of computing its overlays again
-- (an import in one process remembers them in memory). Keys repeat from
-- map to map: a few thousand rows for the whole DeepState archive.
CREATE TABLE oblast_cuts (
	key         BLOB PRIMARY KEY,
	snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
	oblast      TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX oblast_cuts_snapshot ON oblast_cuts (snapshot_id);
