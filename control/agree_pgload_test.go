package control_test

import (
	"context"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/frontline-osint/frontline"
)

// TestLoadDensifiedDays fills a PostGIS database (FRONTLINE_AGREE_PG; its
// `snapshots` and `pieces` tables, created if missing) with the last map
// of some days of a store (FRONTLINE_CELLS_DB, a copy): FRONTLINE_PG_DAYS
// lists the days ("2023-07-09,2024-04-28") or draws them
// ("random:60:7": 60 days, seed 7). Each piece is densified along the
// geodesic as the cells and the overlays densify it (densifiedWKB), as
// loadDensifiedPieces does for the demo. TestFullArchiveAgreement with
// FRONTLINE_AGREE_PG set to that database then compares the cells and the
// overlays with PostGIS on pairs of the days it holds, without loading the
// whole archive (docs/BENCHMARKS.md, "Cells against overlays (agree2)").
// Skipped unless the three are set; a map already held is not loaded
// again.
func TestLoadDensifiedDays(t *testing.T) {
	path, u, spec := os.Getenv("FRONTLINE_CELLS_DB"), os.Getenv("FRONTLINE_AGREE_PG"), os.Getenv("FRONTLINE_PG_DAYS")
	if path == "" || u == "" || spec == "" {
		t.Skip("FRONTLINE_CELLS_DB, FRONTLINE_AGREE_PG or FRONTLINE_PG_DAYS not set")
	}
	svc := storeService(t, path)
	ctx := context.Background()
	pg, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close(ctx)
	if _, err := pg.Exec(ctx, `CREATE TABLE IF NOT EXISTS snapshots (id int PRIMARY KEY, valid_at timestamptz NOT NULL);
		CREATE TABLE IF NOT EXISTS pieces (snapshot_id int NOT NULL, iso text NOT NULL, status text NOT NULL, geom geometry, area_km2 float8 NOT NULL);
		CREATE INDEX IF NOT EXISTS pieces_snap ON pieces (snapshot_id, iso)`); err != nil {
		t.Fatal(err)
	}
	snaps, err := svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate", Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	last := map[string]*frontline.Snapshot{}
	var days []string
	for _, sn := range snaps {
		d := sn.ValidAt.UTC().Format("2006-01-02")
		if last[d] == nil {
			days = append(days, d)
		}
		last[d] = sn
	}
	var want []string
	if rest, ok := strings.CutPrefix(spec, "random:"); ok {
		ns, ss, _ := strings.Cut(rest, ":")
		n, err1 := strconv.Atoi(ns)
		seed, err2 := strconv.ParseInt(ss, 10, 64)
		if err1 != nil || err2 != nil || n > len(days) {
			t.Fatalf("FRONTLINE_PG_DAYS=%s: want random:N:SEED, N at most %d", spec, len(days))
		}
		rng := rand.New(rand.NewSource(seed))
		for _, i := range rng.Perm(len(days))[:n] {
			want = append(want, days[i])
		}
	} else {
		want = strings.Split(spec, ",")
	}
	for _, d := range want {
		sn := last[d]
		if sn == nil {
			t.Fatalf("no map on %s", d)
		}
		tag, err := pg.Exec(ctx, `INSERT INTO snapshots VALUES ($1, $2) ON CONFLICT DO NOTHING`, sn.ID, sn.ValidAt)
		if err != nil {
			t.Fatal(err)
		}
		if tag.RowsAffected() == 0 {
			continue
		}
		insertDensifiedPieces(t, pg, svc, sn.ID)
	}
	t.Logf("%d days loaded", len(want))
}
