-- Frontline benchmark baseline: the same work as Frontline's import and
-- queries, done by PostGIS. Run on an empty database with the postgis
-- extension; bench/cmd/compare runs this file, loads the files with ogr2ogr,
-- then runs import.sql, import_pieces.sql and import_finish.sql.
--
-- raw_features  every feature of every snapshot file, as ogr2ogr loads it
--               (src = the file name without extension, name, 2D geometry)
-- boundaries    boundaries/ukraine.geojson as ogr2ogr loads it
-- snapshots     one row per file; valid time from the file name
--               (snapshots, oblasts and pieces are filled by import*.sql)
-- oblasts       the 27 oblast features with their geodesic area
-- pieces        per (snapshot, oblast, status): clipped geometry and km²
--               ukraine rows carry only the area, as in Frontline
DROP TABLE IF EXISTS pieces, snapshots, oblasts, raw_features, boundaries CASCADE;

CREATE TABLE raw_features (
	fid  serial PRIMARY KEY,
	src  text NOT NULL,
	name text,
	geom geometry(Geometry, 4326)
);

CREATE TABLE boundaries (
	fid  serial PRIMARY KEY,
	kind text,
	iso  text,
	name text,
	geom geometry(MultiPolygon, 4326)
);

CREATE TABLE snapshots (
	id       int PRIMARY KEY,
	src      text NOT NULL UNIQUE,
	valid_at timestamptz NOT NULL UNIQUE
);

CREATE TABLE oblasts (
	iso      text PRIMARY KEY,
	name     text NOT NULL,
	geom     geometry(MultiPolygon, 4326) NOT NULL,
	area_km2 float8 NOT NULL
);

CREATE TABLE pieces (
	snapshot_id int NOT NULL,
	iso         text NOT NULL,
	status      text NOT NULL,
	geom        geometry, -- NULL for ukraine
	area_km2    float8 NOT NULL
);

-- Autovacuum off on the benchmark's tables: import*.sql runs ANALYZE itself,
-- and a worker starting later would run during the next timed run.
ALTER TABLE raw_features SET (autovacuum_enabled = false);
ALTER TABLE boundaries SET (autovacuum_enabled = false);
ALTER TABLE snapshots SET (autovacuum_enabled = false);
ALTER TABLE oblasts SET (autovacuum_enabled = false);
ALTER TABLE pieces SET (autovacuum_enabled = false);

-- bench_status classifies a category name like control/deepstate.mapping:
-- the name is normalised as control.NormalizeName does (U+FFFD removed;
-- spaces, NBSP, tabs, newlines, U+202F and U+2009 folded to one space; ends
-- trimmed), then matched case-insensitively against the same regular
-- expressions in the same order; the first match wins. NULL: unclassified.
CREATE OR REPLACE FUNCTION bench_status(raw text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE
	WHEN n ~* 'transnistria|придністров' THEN 'none'
	WHEN n ~* 'karelia|карелі|prussia|прус+ія|ichkeria|ічкері|abkhazia|абхаз|tskhinval|цхінвал|petsamo|петсамо|salla|салла|kuril|куриль|estonia|естоні|latvia|латві|pechorsky|печорськ' THEN 'none'
	WHEN n ~* 'unknown|невідом|начебто' THEN 'unknown'
	WHEN n ~* 'contested|contensed|під питанням|сіра зона' THEN 'contested'
	WHEN n ~* 'snake island|зміїний' THEN 'ukraine'
	WHEN n ~* 'liberated|taken back|recaptured|звільнен|орки відсутні|під контролем зсу' THEN 'ukraine'
	WHEN n ~* 'occupied|окупован|ордло|cadr|calr|крим|тузла|зайняті ворогом' THEN 'russia'
END
FROM (SELECT btrim(regexp_replace(replace(coalesce(raw, ''), U&'\FFFD', ''),
	E'[ \u00A0\t\n\r\u202F\u2009]+', ' ', 'g')) AS n) s
$$;

-- bench_rank is the overlap precedence: unknown > contested > russia.
CREATE OR REPLACE FUNCTION bench_rank(status text) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE status WHEN 'unknown' THEN 1 WHEN 'contested' THEN 2 WHEN 'russia' THEN 3 END
$$;

-- bench_pieces is Frontline's import pipeline (control.Process) in SQL, for
-- the given snapshots: classify, keep polygons, ST_MakeValid, union per
-- status, resolve overlaps by precedence (ukraine = land minus the rest, so
-- liberated polygons are not measured), intersect with each oblast, geodesic
-- area. It returns one row per (snapshot, oblast, status) piece; the ukraine
-- row of each oblast is the oblast's area minus the other pieces, without
-- geometry. Its cost is linear in the number of snapshots: the stronger
-- statuses and the Ukraine rows are joins grouped by snapshot, not
-- subqueries that scan every snapshot's rows for each row (which made the
-- import of the 1,359-map archive quadratic, spilling the CTEs to disk). Used by import_pieces.sql (all snapshots) and by the *_raw.sql queries
-- (the snapshots a question needs, computed from the raw features).
CREATE OR REPLACE FUNCTION bench_pieces(ids int[])
RETURNS TABLE (snapshot_id int, iso text, status text, geom geometry, area_km2 float8)
LANGUAGE sql STABLE AS $$
WITH classified AS (
	SELECT s.id AS snapshot_id, bench_status(f.name) AS status, f.geom
	FROM snapshots s JOIN raw_features f ON f.src = s.src
	WHERE s.id = ANY (ids)
),
parts AS ( -- polygons only, each part made valid
	SELECT c.snapshot_id, c.status, ST_CollectionExtract(ST_MakeValid(d.geom), 3) AS geom
	FROM classified c, ST_Dump(ST_CollectionExtract(c.geom, 3)) d
	WHERE c.status IN ('russia', 'contested', 'unknown')
),
unioned AS (
	SELECT p.snapshot_id, p.status, ST_Union(p.geom) AS geom
	FROM parts p WHERE NOT ST_IsEmpty(p.geom)
	GROUP BY p.snapshot_id, p.status
),
stronger AS ( -- per (snapshot, status): the union of the stronger statuses
	SELECT u.snapshot_id, u.status, ST_Union(h.geom) AS geom
	FROM unioned u JOIN unioned h ON h.snapshot_id = u.snapshot_id AND bench_rank(h.status) < bench_rank(u.status)
	GROUP BY u.snapshot_id, u.status
),
resolved AS ( -- a status keeps the ground no stronger status claims
	SELECT u.snapshot_id, u.status,
		COALESCE(ST_CollectionExtract(ST_Difference(u.geom, st.geom), 3), u.geom) AS geom
	FROM unioned u LEFT JOIN stronger st ON st.snapshot_id = u.snapshot_id AND st.status = u.status
),
clipped AS (
	SELECT r.snapshot_id, o.iso, r.status, ST_CollectionExtract(ST_Intersection(r.geom, o.geom), 3) AS geom
	FROM resolved r JOIN oblasts o ON ST_Intersects(r.geom, o.geom)
),
measured AS (
	SELECT c.snapshot_id, c.iso, c.status, c.geom, ST_Area(c.geom::geography) / 1e6 AS area_km2
	FROM clipped c WHERE NOT ST_IsEmpty(c.geom)
)
SELECT m.snapshot_id, m.iso, m.status, m.geom, m.area_km2 FROM measured m
UNION ALL
SELECT s.id, o.iso, 'ukraine', NULL::geometry, GREATEST(o.area_km2 - COALESCE(t.km2, 0), 0)
FROM unnest(ids) s(id) CROSS JOIN oblasts o
LEFT JOIN (SELECT m.snapshot_id, m.iso, sum(m.area_km2) AS km2 FROM measured m GROUP BY m.snapshot_id, m.iso) t
	ON t.snapshot_id = s.id AND t.iso = o.iso
$$;
