-- Area of one day from the raw features, without precomputation:
-- bench_pieces (schema.sql: classify, polygons only, ST_MakeValid, union per
-- status, overlaps by precedence, intersect with each oblast, geodesic area)
-- on the map of the day $1, summed per status, nationally and per oblast.
SELECT p.iso, p.status, sum(p.area_km2) AS km2
FROM bench_pieces(ARRAY(SELECT id FROM snapshots
	WHERE valid_at < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
	ORDER BY valid_at DESC LIMIT 1)) p
GROUP BY GROUPING SETS ((p.status), (p.iso, p.status))
ORDER BY p.iso NULLS FIRST, p.status
