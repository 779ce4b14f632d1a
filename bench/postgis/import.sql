-- Step 1 of the PostGIS import's SQL, after ogr2ogr has loaded every
-- snapshot file into raw_features and boundaries/ukraine.geojson into
-- boundaries (see schema.sql): snapshots with their valid time from the
-- file name, and the oblasts with their geodesic area.
-- Then import_pieces.sql (on one or more connections), then
-- import_finish.sql. Together: the processing of `frontline layer import`.
INSERT INTO snapshots (id, src, valid_at)
SELECT row_number() OVER (ORDER BY src), src,
	regexp_replace(src, '^(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})Z$', '\1 \2:\3:\4+00')::timestamptz
FROM (SELECT DISTINCT src FROM raw_features) f;
CREATE INDEX ON raw_features (src);

INSERT INTO oblasts (iso, name, geom, area_km2)
SELECT iso, name, geom, ST_Area(geom::geography) / 1e6
FROM boundaries WHERE kind = 'oblast';
CREATE INDEX ON oblasts USING gist (geom);
ANALYZE raw_features, snapshots, oblasts;
