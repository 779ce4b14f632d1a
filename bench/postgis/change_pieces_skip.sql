-- Change between the maps of two days ($1 → $2) from the precomputed
-- pieces, with Frontline's own shortcut (control/change.go,
-- oblastTransitions) added to the formulation of change_pieces.sql: a piece
-- whose geometry is byte-identical in both maps has not changed, so it
-- needs no overlay (a→a = its area) and, being disjoint from every other
-- status, takes no part in the other pairs:
--   a→b       = area(A_a ∩ B_b)     a ≠ b, neither A_a nor B_b unchanged
--   a→ukraine = area(A_a − ∪ B_*)   A_a not unchanged
--   ukraine→b = area(B_b − ∪ A_*)   B_b not unchanged
-- (Frontline subtracts the other map's pieces one at a time; ST_Union then
-- one ST_Difference is the PostGIS way to say the same.) It separates the
-- geometry engine (GEOS here, simplefeatures in Frontline) from the
-- formulation.
WITH ids AS (
	SELECT
		(SELECT id FROM snapshots WHERE valid_at < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
		 ORDER BY valid_at DESC LIMIT 1) AS a,
		(SELECT id FROM snapshots WHERE valid_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
		 ORDER BY valid_at DESC LIMIT 1) AS b
),
a AS (SELECT p.iso, p.status, p.geom, p.area_km2 FROM pieces p, ids WHERE p.snapshot_id = ids.a AND p.status <> 'ukraine'),
b AS (SELECT p.iso, p.status, p.geom, p.area_km2 FROM pieces p, ids WHERE p.snapshot_id = ids.b AND p.status <> 'ukraine'),
same AS MATERIALIZED (
	SELECT a.iso, a.status, a.area_km2 FROM a JOIN b ON b.iso = a.iso AND b.status = a.status
	WHERE ST_AsBinary(a.geom) = ST_AsBinary(b.geom)
),
ac AS (SELECT * FROM a WHERE NOT EXISTS (SELECT 1 FROM same s WHERE s.iso = a.iso AND s.status = a.status)),
bc AS (SELECT * FROM b WHERE NOT EXISTS (SELECT 1 FROM same s WHERE s.iso = b.iso AND s.status = b.status)),
au AS (SELECT iso, ST_Union(geom) AS geom FROM a GROUP BY iso),
bu AS (SELECT iso, ST_Union(geom) AS geom FROM b GROUP BY iso)
SELECT s.iso, s.status AS from_status, s.status AS to_status, s.area_km2 AS km2 FROM same s
UNION ALL
SELECT ac.iso, ac.status, bc.status,
	ST_Area(ST_CollectionExtract(ST_Intersection(ac.geom, bc.geom), 3)::geography) / 1e6
FROM ac JOIN bc ON bc.iso = ac.iso AND bc.status <> ac.status AND ac.geom && bc.geom
UNION ALL
SELECT ac.iso, ac.status, 'ukraine',
	ST_Area(COALESCE(ST_CollectionExtract(ST_Difference(ac.geom, bu.geom), 3), ac.geom)::geography) / 1e6
FROM ac LEFT JOIN bu ON bu.iso = ac.iso
UNION ALL
SELECT bc.iso, 'ukraine', bc.status,
	ST_Area(COALESCE(ST_CollectionExtract(ST_Difference(bc.geom, au.geom), 3), bc.geom)::geography) / 1e6
FROM bc LEFT JOIN au ON au.iso = bc.iso
