-- Area of one day from the precomputed pieces: km² per status, nationally
-- and per oblast, of the map of the day $1 (the last snapshot valid by the
-- end of that UTC day). Frontline: svc.Area / `frontline area`.
SELECT p.iso, p.status, sum(p.area_km2) AS km2
FROM pieces p
WHERE p.snapshot_id = (SELECT id FROM snapshots
	WHERE valid_at < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
	ORDER BY valid_at DESC LIMIT 1)
GROUP BY GROUPING SETS ((p.status), (p.iso, p.status))
ORDER BY p.iso NULLS FIRST, p.status
