package bench

import (
	"context"
	"fmt"
	"io"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline/cells"
)

// DensifyPieces (re)creates schema with a copy of the `pieces` table that
// bench/cmd/compare's import left in the database at url, each piece
// densified along the geodesic of its edges (cells.DensifyGeodesic: the
// points the cells and Frontline's overlays add before an overlay), and a
// view of `snapshots`. A connection with search_path=SCHEMA,public then
// answers the *_pieces.sql questions on the densified pieces. With segM >
// 0 it uses PostGIS's ST_Segmentize(geography, segM) instead (points on the
// sphere's great circle, not the ellipsoid's geodesic). It prints what it
// did and how long it took to w.
func DensifyPieces(ctx context.Context, w io.Writer, url, schema string, segM float64) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	s := pgx.Identifier{schema}.Sanitize()
	if _, err := conn.Exec(ctx, fmt.Sprintf(`DROP SCHEMA IF EXISTS %[1]s CASCADE; CREATE SCHEMA %[1]s;
		CREATE VIEW %[1]s.snapshots AS SELECT * FROM public.snapshots`, s)); err != nil {
		return err
	}
	t0, c0 := time.Now(), cpu()
	if segM > 0 {
		if _, err := conn.Exec(ctx, fmt.Sprintf(`CREATE TABLE %s.pieces AS
			SELECT snapshot_id, iso, status, ST_Segmentize(geom::geography, %g)::geometry AS geom, area_km2 FROM public.pieces`, s, segM)); err != nil {
			return err
		}
		fmt.Fprintf(w, "ST_Segmentize(geography, %g m): %.1f s wall (in PostgreSQL)\n", segM, time.Since(t0).Seconds())
		return finish(ctx, w, conn, s, t0)
	}
	// One connection reads the pieces, another copies them back densified:
	// one piece in memory at a time.
	rd, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer rd.Close(ctx)
	if _, err := conn.Exec(ctx, fmt.Sprintf(`CREATE TABLE %s.wkb (snapshot_id int, iso text, status text, w bytea, area_km2 float8)`, s)); err != nil {
		return err
	}
	rows, err := rd.Query(ctx, `SELECT snapshot_id, iso, status, ST_AsBinary(geom), area_km2 FROM public.pieces`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var dense time.Duration
	n, err := conn.CopyFrom(ctx, pgx.Identifier{schema, "wkb"}, []string{"snapshot_id", "iso", "status", "w", "area_km2"},
		pgx.CopyFromFunc(func() ([]any, error) {
			if !rows.Next() {
				return nil, rows.Err()
			}
			var id int
			var iso, status string
			var wkb []byte
			var km2 float64
			if err := rows.Scan(&id, &iso, &status, &wkb, &km2); err != nil {
				return nil, err
			}
			if wkb != nil {
				d0 := time.Now()
				if wkb, err = densify(wkb); err != nil {
					return nil, fmt.Errorf("snapshot %d %s/%s: %v", id, iso, status, err)
				}
				dense += time.Since(d0)
			}
			return []any{id, iso, status, wkb, km2}, nil
		}))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "read, densified and copied %d pieces: %.1f s wall (densify %.1f s), %.1f s CPU of this process\n",
		n, time.Since(t0).Seconds(), dense.Seconds(), cpu()-c0)
	if _, err := conn.Exec(ctx, fmt.Sprintf(`CREATE TABLE %[1]s.pieces AS
		SELECT snapshot_id, iso, status, ST_GeomFromWKB(w, 4326) AS geom, area_km2 FROM %[1]s.wkb;
		DROP TABLE %[1]s.wkb`, s)); err != nil {
		return err
	}
	return finish(ctx, w, conn, s, t0)
}

// finish indexes the new pieces as schema.sql indexes public.pieces and
// reports their size.
func finish(ctx context.Context, w io.Writer, conn *pgx.Conn, s string, t0 time.Time) error {
	if _, err := conn.Exec(ctx, fmt.Sprintf(`CREATE INDEX ON %[1]s.pieces (snapshot_id, iso); ANALYZE %[1]s.pieces`, s)); err != nil {
		return err
	}
	var n, pts int64
	var size string
	if err := conn.QueryRow(ctx, fmt.Sprintf(`SELECT count(*), coalesce(sum(ST_NPoints(geom)), 0), pg_size_pretty(pg_total_relation_size('%s.pieces')) FROM %[1]s.pieces`, s)).Scan(&n, &pts, &size); err != nil {
		return err
	}
	fmt.Fprintf(w, "%s.pieces: %d rows, %d points, %s; %.1f s wall in all\n", s, n, pts, size, time.Since(t0).Seconds())
	return nil
}

func densify(wkb []byte) ([]byte, error) {
	g, err := geom.UnmarshalWKB(wkb, geom.NoValidate{})
	if err != nil {
		return nil, err
	}
	switch {
	case g.IsMultiPolygon():
		return cells.DensifyGeodesic(g.MustAsMultiPolygon()).AsBinary(), nil
	case g.IsPolygon():
		return cells.DensifyGeodesic(g.MustAsPolygon().AsMultiPolygon()).AsBinary(), nil
	case g.IsGeometryCollection():
		// ST_CollectionExtract(…, 3) of an overlay: its polygons.
		var polys []geom.Polygon
		gc := g.MustAsGeometryCollection()
		for i := 0; i < gc.NumGeometries(); i++ {
			x := gc.GeometryN(i)
			if x.IsPolygon() {
				polys = append(polys, x.MustAsPolygon())
			} else if x.IsMultiPolygon() {
				polys = append(polys, x.MustAsMultiPolygon().Dump()...)
			}
		}
		return cells.DensifyGeodesic(geom.NewMultiPolygon(polys)).AsBinary(), nil
	}
	return nil, fmt.Errorf("piece of type %s", g.Type())
}

func cpu() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
