-- Change between the maps of two days ($1 → $2) from the raw features,
-- without precomputation: bench_pieces (schema.sql) on both snapshots, then
-- the same formulas as change_pieces.sql.
WITH ids AS (
	SELECT
		(SELECT id FROM snapshots WHERE valid_at < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
		 ORDER BY valid_at DESC LIMIT 1) AS a,
		(SELECT id FROM snapshots WHERE valid_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
		 ORDER BY valid_at DESC LIMIT 1) AS b
),
pc AS MATERIALIZED (
	SELECT p.* FROM ids, bench_pieces(ARRAY[ids.a, ids.b]) p WHERE p.status <> 'ukraine'
),
a AS (SELECT pc.iso, pc.status, pc.geom FROM pc, ids WHERE pc.snapshot_id = ids.a),
b AS (SELECT pc.iso, pc.status, pc.geom FROM pc, ids WHERE pc.snapshot_id = ids.b),
au AS (SELECT iso, ST_Union(geom) AS geom FROM a GROUP BY iso),
bu AS (SELECT iso, ST_Union(geom) AS geom FROM b GROUP BY iso)
SELECT a.iso, a.status AS from_status, b.status AS to_status,
	ST_Area(ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3)::geography) / 1e6 AS km2
FROM a JOIN b ON b.iso = a.iso AND ST_Intersects(a.geom, b.geom)
UNION ALL
SELECT a.iso, a.status, 'ukraine',
	ST_Area(COALESCE(ST_CollectionExtract(ST_Difference(a.geom, bu.geom), 3), a.geom)::geography) / 1e6
FROM a LEFT JOIN bu ON bu.iso = a.iso
UNION ALL
SELECT b.iso, 'ukraine', b.status,
	ST_Area(COALESCE(ST_CollectionExtract(ST_Difference(b.geom, au.geom), 3), b.geom)::geography) / 1e6
FROM b LEFT JOIN au ON au.iso = b.iso
