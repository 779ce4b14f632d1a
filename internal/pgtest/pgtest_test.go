package pgtest_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline/internal/pgtest"
)

func TestPostGISVersion(t *testing.T) {
	conn := pgtest.Connect(t)
	var version string
	if err := conn.QueryRow(context.Background(), "SELECT postgis_version()").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(version, "3.") {
		t.Errorf("postgis_version() = %q, want 3.x", version)
	}
	t.Logf("postgis_version() = %s", version)
}

func TestAreaKm2(t *testing.T) {
	conn := pgtest.Connect(t)
	// A 1°×1° cell at the equator: 12,308.8 km² on WGS84.
	g, err := geom.UnmarshalWKT("POLYGON((0 0,1 0,1 1,0 1,0 0))")
	if err != nil {
		t.Fatal(err)
	}
	got := pgtest.AreaKm2(t, conn, g.AsBinary())
	if want := 12308.778; math.Abs(got-want) > 0.01 {
		t.Errorf("AreaKm2 = %.3f, want %.3f", got, want)
	}
}
