-- Daily series from $1 to $2 (UTC days) from the precomputed pieces: for
-- every day the map of the day (days without a new map carry the previous
-- one), km² per status, and the change from the day before.
-- Frontline: svc.Series / `frontline series`.
WITH day_snap AS (
	SELECT d::date AS day, s.id, s.valid_at
	FROM generate_series($1::date, $2::date, interval '1 day') d
	CROSS JOIN LATERAL (SELECT id, valid_at FROM snapshots
		WHERE valid_at < (d::date + 1)::timestamp AT TIME ZONE 'UTC'
		ORDER BY valid_at DESC LIMIT 1) s
),
totals AS (
	SELECT p.snapshot_id, p.status, sum(p.area_km2) AS km2
	FROM pieces p WHERE p.snapshot_id IN (SELECT id FROM day_snap)
	GROUP BY p.snapshot_id, p.status
)
SELECT ds.day, ds.id, (ds.valid_at AT TIME ZONE 'UTC')::date <> ds.day AS carried, t.status, t.km2,
	t.km2 - lag(t.km2) OVER (PARTITION BY t.status ORDER BY ds.day) AS change_km2
FROM day_snap ds JOIN totals t ON t.snapshot_id = ds.id
ORDER BY ds.day, t.status
