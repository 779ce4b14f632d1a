-- Change between the maps of two days ($1 → $2) from the precomputed
-- pieces: change_pieces_skip.sql, but with the moves to and from Ukraine as
-- differences of areas instead of overlays (Frontline's formulation before
-- commit 558eb4b):
--   a→b       = area(A_a ∩ B_b)            a, b ≠ ukraine; a→a too unless unchanged
--   a→ukraine = area(A_a) − Σ_b (a→b)      (arithmetic, no ST_Difference)
--   ukraine→b = area(B_b) − Σ_a (a→b)
-- It shows what the overlays for Ukraine cost, and what they buy: a
-- difference of two large areas turns the overlay's relative noise into a
-- larger error on a small transition.
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
m AS MATERIALIZED (
	SELECT s.iso, s.status AS from_status, s.status AS to_status, s.area_km2 AS km2 FROM same s
	UNION ALL
	SELECT a.iso, a.status, b.status,
		ST_Area(ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3)::geography) / 1e6
	FROM a JOIN b ON b.iso = a.iso AND a.geom && b.geom
	WHERE NOT EXISTS (SELECT 1 FROM same s WHERE s.iso = a.iso AND s.status = a.status)
	  AND (b.status = a.status OR NOT EXISTS (SELECT 1 FROM same s WHERE s.iso = b.iso AND s.status = b.status))
)
SELECT iso, from_status, to_status, km2 FROM m
UNION ALL
SELECT a.iso, a.status, 'ukraine',
	a.area_km2 - COALESCE((SELECT sum(m.km2) FROM m WHERE m.iso = a.iso AND m.from_status = a.status), 0)
FROM a
UNION ALL
SELECT b.iso, 'ukraine', b.status,
	b.area_km2 - COALESCE((SELECT sum(m.km2) FROM m WHERE m.iso = b.iso AND m.to_status = b.status), 0)
FROM b
