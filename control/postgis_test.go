package control_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/internal/pgtest"
)

// TestAgreesWithPostGIS checks Frontline's figures against PostGIS on the
// same geometry: every stored piece's area against ST_Area(geography) to
// 1e-6 relative, and the transition matrix between two real maps against
// ST_Intersection / ST_Difference + ST_Area(geography) to 0.01 %.
func TestAgreesWithPostGIS(t *testing.T) {
	conn := pgtest.Connect(t)
	dir := dailyDir(t)
	svc, _ := newService(t)
	ctx := context.Background()
	var snaps []*frontline.Snapshot
	for _, name := range []string{"2022-09-06T220510Z.geojson", "2022-09-10T214947Z.geojson", "2022-09-13T130124Z.geojson"} {
		snaps = append(snaps, importFile(t, svc, "deepstate", filepath.Join(dir, name)).Snapshot)
	}

	// Areas of the same geometry.
	maxRel := 0.0
	n := 0
	for _, sn := range snaps {
		pieces, err := svc.Store.SnapshotPieces(ctx, sn.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, pc := range pieces {
			if pc.WKB == nil {
				continue
			}
			want := pgtest.AreaKm2(t, conn, pc.WKB)
			rel := math.Abs(pc.AreaKm2-want) / want
			maxRel = math.Max(maxRel, rel)
			n++
			if rel > 1e-6 {
				t.Errorf("snapshot %d %s/%s: area %.9f km², PostGIS %.9f (rel %.2g)", sn.ID, pc.Oblast, pc.Status, pc.AreaKm2, want, rel)
			}
		}
	}
	landWant := pgtest.AreaKm2(t, conn, svc.Bounds.Land.AsBinary())
	if rel := math.Abs(svc.Bounds.LandAreaKm2-landWant) / landWant; rel > 1e-6 {
		t.Errorf("land area %.6f km², PostGIS %.6f", svc.Bounds.LandAreaKm2, landWant)
	}
	t.Logf("%d pieces: max relative area difference from PostGIS %.2g", n, maxRel)

	// Transitions, for a quiet pair and the fast Kharkiv week.
	for _, pair := range [][2]string{{"2022-09-06", "2022-09-13"}, {"2022-09-10", "2022-09-13"}} {
		res, err := svc.Change(ctx, "deepstate", day(t, pair[0]), day(t, pair[1]), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		want := postgisTransitions(t, conn, svc, res.FromSnapshot.ID, res.ToSnapshot.ID)
		got := map[[2]frontline.Status]float64{}
		for _, tr := range res.Transitions {
			got[[2]frontline.Status{tr.From, tr.To}] = tr.AreaKm2
		}
		for k, w := range want {
			g := got[k]
			// 0.05 %, and 100 m² for slivers where a relative bound means
			// nothing. The cells cut pieces on the geodesic (edges densified
			// before the overlays, cells/geodesic.go) where PostGIS cuts them
			// on the straight line in degrees: on the Kharkiv week that moves
			// contested→russia by 2.5e-4 (0.0023 km² of 9.1), where it was
			// 3.6e-7 with straight cuts. The 1e-6 agreement of the issue is
			// not met here; docs/BENCHMARKS.md "Cells that add up" says why.
			if tol := math.Max(5e-4*w, 1e-4); math.Abs(g-w) > tol {
				t.Errorf("%s→%s: %s→%s = %.6f km², PostGIS %.6f", pair[0], pair[1], k[0], k[1], g, w)
			} else if w > 1 {
				t.Logf("%s→%s: %s→%s = %.4f km², PostGIS %.4f (rel %.2g)", pair[0], pair[1], k[0], k[1], g, w, math.Abs(g-w)/w)
			}
		}
		for k, g := range got {
			if _, ok := want[k]; !ok && g > 1e-4 {
				t.Errorf("%s→%s: %s→%s = %.6f km² but PostGIS finds none", pair[0], pair[1], k[0], k[1], g)
			}
		}
	}
}

// postgisTransitions computes the transition matrix between two stored
// snapshots in PostGIS from their pieces, unioned per status, the way a
// PostGIS user would: ST_Intersection between statuses, ST_Difference
// against everything non-Ukrainian for the moves to and from Ukraine.
func postgisTransitions(t *testing.T, conn *pgx.Conn, svc *control.Service, fromID, toID int64) map[[2]frontline.Status]float64 {
	t.Helper()
	ctx := context.Background()
	geoms := func(id int64, st frontline.Status) [][]byte {
		pieces, err := svc.Store.SnapshotPieces(ctx, id, true)
		if err != nil {
			t.Fatal(err)
		}
		var out [][]byte
		for _, pc := range pieces {
			if pc.WKB != nil && (st == "" || pc.Status == st) {
				out = append(out, pc.WKB)
			}
		}
		return out
	}
	const union = `(SELECT ST_Union(ST_GeomFromWKB(w, 4326)) FROM unnest($%d::bytea[]) AS w)`
	area := func(query string, args ...any) float64 {
		var v *float64
		if err := conn.QueryRow(ctx, query, args...).Scan(&v); err != nil {
			t.Fatal(err)
		}
		if v == nil {
			return 0
		}
		return *v
	}
	out := map[[2]frontline.Status]float64{}
	put := func(a, b frontline.Status, v float64) {
		if v > 0 {
			out[[2]frontline.Status{a, b}] = v
		}
	}
	ukr := frontline.StatusUkraine
	for _, a := range frontline.Precedence {
		ga := geoms(fromID, a)
		if len(ga) == 0 {
			continue
		}
		for _, b := range frontline.Precedence {
			gb := geoms(toID, b)
			if a == b || len(gb) == 0 {
				continue
			}
			put(a, b, area(fmt.Sprintf(`SELECT ST_Area(ST_Intersection(%s, %s)::geography) / 1e6`, fmt.Sprintf(union, 1), fmt.Sprintf(union, 2)), ga, gb))
		}
		put(a, ukr, area(fmt.Sprintf(`SELECT ST_Area(COALESCE(ST_Difference(%s, %s), %s)::geography) / 1e6`,
			fmt.Sprintf(union, 1), fmt.Sprintf(union, 2), fmt.Sprintf(union, 1)), ga, geoms(toID, "")))
	}
	for _, b := range frontline.Precedence {
		gb := geoms(toID, b)
		if len(gb) == 0 {
			continue
		}
		put(ukr, b, area(fmt.Sprintf(`SELECT ST_Area(COALESCE(ST_Difference(%s, %s), %s)::geography) / 1e6`,
			fmt.Sprintf(union, 1), fmt.Sprintf(union, 2), fmt.Sprintf(union, 1)), gb, geoms(fromID, "")))
	}
	return out
}
