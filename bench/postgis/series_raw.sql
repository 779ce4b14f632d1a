-- Daily series from $1 to $2 from the raw features, without
-- precomputation: bench_pieces (schema.sql) on every snapshot the window
-- needs, summed per snapshot and status, then the same days as
-- series_pieces.sql.
WITH day_snap AS (
	SELECT d::date AS day, s.id, s.valid_at
	FROM generate_series($1::date, $2::date, interval '1 day') d
	CROSS JOIN LATERAL (SELECT id, valid_at FROM snapshots
		WHERE valid_at < (d::date + 1)::timestamp AT TIME ZONE 'UTC'
		ORDER BY valid_at DESC LIMIT 1) s
),
totals AS (
	SELECT p.snapshot_id, p.status, sum(p.area_km2) AS km2
	FROM bench_pieces(ARRAY(SELECT DISTINCT id FROM day_snap)) p
	GROUP BY p.snapshot_id, p.status
)
SELECT ds.day, ds.id, (ds.valid_at AT TIME ZONE 'UTC')::date <> ds.day AS carried, t.status, t.km2,
	t.km2 - lag(t.km2) OVER (PARTITION BY t.status ORDER BY ds.day) AS change_km2
FROM day_snap ds JOIN totals t ON t.snapshot_id = ds.id
ORDER BY ds.day, t.status
