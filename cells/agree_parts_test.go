package cells

import (
	"context"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/geo"
	"github.com/frontline-osint/frontline/sqlite"
)

// TestReplayRegionParts is a diagnostic, not a guard: it asserts nothing
// and runs only when its three variables are set (never in CI). It replays FRONTLINE_REPLAY's first n maps, then
// splits the cells that hold the status a region of map n+1 leaves
// (FRONTLINE_REGION_KM2: the region of about that area) as applyRegion
// does, and logs each part inside against the same overlay done at a
// local origin (atLocalOrigin), and their sums against the region
// (FRONTLINE_REGION_DUMP: a file to write the region's WKT to). On a
// copy of the full archive's store, FRONTLINE_REPLAY=UA-09:673
// FRONTLINE_REGION_KM2=0.1547 found the sliver cell of
// testdata/split-2023-09-09-UA-09-sliver.wkt: inside 0.000835 km² in
// degrees, nothing at a local origin, where the parts add up to the
// region to 7e-6 km² (0.00084 km² over it in degrees).
func TestReplayRegionParts(t *testing.T) {
	path, spec := os.Getenv("FRONTLINE_CELLS_DB"), os.Getenv("FRONTLINE_REPLAY")
	rkm2, err := strconv.ParseFloat(os.Getenv("FRONTLINE_REGION_KM2"), 64)
	if path == "" || spec == "" || err != nil {
		t.Skip("FRONTLINE_CELLS_DB, FRONTLINE_REPLAY or FRONTLINE_REGION_KM2 not set")
	}
	obs, ns, _ := strings.Cut(spec, ":")
	n, err := strconv.Atoi(ns)
	if err != nil {
		t.Fatal(err)
	}
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st := &replayStore{cutStore: &cutStore{SnapshotStore: sqlite.NewSnapshotStore(db), n: n, oblasts: map[string]bool{obs: true}}}
	ctx := context.Background()
	b := NewBuilder(st, "deepstate")
	if _, err := b.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	snaps, err := st.cutStore.SnapshotStore.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate", Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	if n < 1 || n >= len(snaps) {
		t.Fatalf("FRONTLINE_REPLAY: map %d of %d: the map after it must exist", n, len(snaps))
	}
	pa, err := b.loadPieces(ctx, snaps[n-1].ID)
	if err != nil {
		t.Fatal(err)
	}
	pb, err := b.loadPieces(ctx, snaps[n].ID)
	if err != nil {
		t.Fatal(err)
	}
	regions, err := b.changeRegions(ctx, pa[obs], pb[obs])
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range regions {
		ra := geo.AreaKm2(r.g.AsGeometry())
		if math.Abs(ra-rkm2) > 1e-3 {
			continue
		}
		var sum, sumLocal float64
		edges := newEdgeIndex(r.g)
		for id, cc := range st.cells {
			if s, changed := statusBefore(cc.History, int32(n)); changed || s != r.from || !boxIntersects(cc, r.env) {
				continue
			}
			g0, err := geom.UnmarshalWKB(cc.WKB, geom.NoValidate{})
			if err != nil {
				t.Fatal(err)
			}
			g := polygonal(g0)
			cb, _ := envBox(g.Envelope())
			c := &cell{c: cc, g: g, decoded: true}
			var w Builder
			var inKm2 float64
			if !edges.touches(cb) {
				if x, y, ok := firstPoint(g); ok && edges.covers(x, y) {
					inKm2 = cc.AreaKm2
				}
			} else if sp := w.splitByRegion(obs, int32(n), c, g, cb, r, edges); sp.ok {
				inKm2 = sp.inKm2
			}
			x, err := atLocalOrigin(geom.Intersection, g.AsGeometry(), r.g.AsGeometry())
			if err != nil {
				t.Fatal(err)
			}
			loc := geo.AreaKm2(x)
			sum += inKm2
			sumLocal += loc
			if math.Abs(loc-inKm2) > 1e-7 {
				t.Logf("cell %d (%.6f km², %v): inside %.9f km², at a local origin %.9f; notes %v", id, cc.AreaKm2, cc.History, inKm2, loc, w.Notes)
				t.Logf("\tcell %s", g.AsText())
			}
		}
		t.Logf("region %s→%s %.9f km²: parts inside %.9f, at a local origin %.9f", r.from, r.to, ra, sum, sumLocal)
		if dump := os.Getenv("FRONTLINE_REGION_DUMP"); dump != "" {
			if err := os.WriteFile(dump, []byte(r.g.AsText()+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
