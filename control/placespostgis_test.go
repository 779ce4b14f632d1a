package control_test

import (
	"context"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/internal/pgtest"
)

// BenchmarkEverySettlementEveryDayPostGIS is the PostGIS side of
// BenchmarkEverySettlementEveryDay: the same distinct piece geometries of
// the demo window and the same settlement points in PostGIS tables with
// GiST indexes, located with ST_Covers in one join (each distinct geometry
// once, as Frontline does; mapping geometries to days is then a lookup on
// both sides). Run with FRONTLINE_POSTGIS_URL set.
func BenchmarkEverySettlementEveryDayPostGIS(b *testing.B) {
	conn := pgtest.Connect(b)
	ctx := context.Background()
	svc := demoService(b)
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{
		`DROP TABLE IF EXISTS bench_geoms, bench_points`,
		`CREATE TABLE bench_geoms (hash text PRIMARY KEY, geom geometry(Geometry, 4326))`,
		`CREATE TABLE bench_points (id text PRIMARY KEY, geom geometry(Point, 4326))`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	// The maps of the window's days, as the Frontline side uses.
	series, err := svc.Series(ctx, "deepstate", frontline.Day{Start: time.Time{}.In(time.UTC)}, frontline.Day{Start: time.Time{}.In(time.UTC)}, time.Time{})
	if err != nil {
		b.Fatal(err)
	}
	seen := map[string]bool{}
	for _, d := range series.Days {
		pieces, err := svc.Store.SnapshotPieces(ctx, d.SnapshotID, true)
		if err != nil {
			b.Fatal(err)
		}
		for _, pc := range pieces {
			if pc.WKB == nil || seen[pc.GeomHash] {
				continue
			}
			seen[pc.GeomHash] = true
			if _, err := conn.Exec(ctx, `INSERT INTO bench_geoms VALUES ($1, ST_GeomFromWKB($2, 4326))`, pc.GeomHash, pc.WKB); err != nil {
				b.Fatal(err)
			}
		}
	}
	n := 0
	for _, p := range places {
		if p.PointSource == "" {
			continue
		}
		n++
		if _, err := conn.Exec(ctx, `INSERT INTO bench_points VALUES ($1, ST_SetSRID(ST_MakePoint($2, $3), 4326))`, p.ID, p.Lon, p.Lat); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range []string{`CREATE INDEX ON bench_geoms USING gist (geom)`, `CREATE INDEX ON bench_points USING gist (geom)`, `ANALYZE bench_geoms`, `ANALYZE bench_points`} {
		if _, err := conn.Exec(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(seen)), "geometries")
	b.ReportMetric(float64(n), "points")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var pairs int
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM bench_geoms g JOIN bench_points p ON ST_Covers(g.geom, p.geom)`).Scan(&pairs); err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			b.ReportMetric(float64(pairs), "pairs")
		}
	}
}
