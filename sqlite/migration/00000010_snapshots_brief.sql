-- A covering index for the brief read of a layer's maps (a series, the
-- cells' map list): every column it reads, so that SQLite does not read
-- the rows themselves, whose categories (~3 KB a map on DeepState) come
-- before areas_km2 and spill to overflow pages.
CREATE INDEX snapshots_brief ON snapshots (layer, valid_at, recorded_at, id, source_name, source_hash, mapping_hash, polygons, points, areas_km2);
