// Package pgtest connects tests to the throwaway PostGIS started by
// scripts/postgis-up.sh, found through the FRONTLINE_POSTGIS_URL variable.
//
// Without the variable, tests that need PostGIS are skipped on a developer
// machine and fail in CI (when the CI variable is set), so that a missing
// database can never make a CI run pass silently.
package pgtest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the environment variable holding the PostGIS connection URL.
const EnvURL = "FRONTLINE_POSTGIS_URL"

// URL returns the PostGIS connection URL. If it is not set, URL skips the
// test, or fails it when running in CI.
func URL(t testing.TB) string {
	t.Helper()
	url := os.Getenv(EnvURL)
	if url == "" {
		if os.Getenv("CI") == "" {
			t.Skip(EnvURL + " not set: skipping PostGIS test (run scripts/postgis-up.sh)")
		}
		t.Fatal(EnvURL + " not set: run scripts/postgis-up.sh")
	}
	return url
}

// Connect opens a connection to the test PostGIS, closed when the test ends.
func Connect(t testing.TB) *pgx.Conn {
	t.Helper()
	url := URL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("pgtest: connect: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		conn.Close(ctx)
	})
	return conn
}

// AreaKm2 returns PostGIS's geodesic area (ST_Area on geography, WGS84) of a
// WKB geometry in lon/lat, in km². It is the reference for Frontline's own
// area computations.
func AreaKm2(t testing.TB, conn *pgx.Conn, wkb []byte) float64 {
	t.Helper()
	var km2 float64
	err := conn.QueryRow(context.Background(),
		"SELECT ST_Area(ST_GeomFromWKB($1, 4326)::geography) / 1e6", wkb).Scan(&km2)
	if err != nil {
		t.Fatalf("pgtest: area: %v", err)
	}
	return km2
}
