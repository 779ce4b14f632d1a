package cells

import (
	"context"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/geo"
)

// TestGapSteps lists, on a store with cells (FRONTLINE_CELLS_DB, a copy),
// the maps at which the gap between the cells' area and the pieces' area
// (per oblast and status) moved by more than FRONTLINE_GAP_MIN km²
// (default 1e-4): the step that put the error in; FRONTLINE_GAP_KEY
// ("UA-63/russia") keeps one oblast and status.
func TestGapSteps(t *testing.T) {
	path := os.Getenv("FRONTLINE_CELLS_DB")
	if path == "" {
		t.Skip("FRONTLINE_CELLS_DB not set")
	}
	lim := 1e-4
	if v, err := strconv.ParseFloat(os.Getenv("FRONTLINE_GAP_MIN"), 64); err == nil {
		lim = v
	}
	key := os.Getenv("FRONTLINE_GAP_KEY")
	store, ix, snaps := openCellsDB(t, path)
	var steps []gapStep
	var total, big float64
	walkGaps(t, context.Background(), store, ix, func(s gapStep) {
		if key != "" && s.key != key {
			return
		}
		total += math.Abs(s.d)
		if math.Abs(s.d) > lim {
			big += math.Abs(s.d)
			steps = append(steps, s)
		}
	})
	sort.Slice(steps, func(i, j int) bool { return math.Abs(steps[i].d) > math.Abs(steps[j].d) })
	t.Logf("%d maps; %d steps over %g km² (sum %.4g km²), all steps sum %.4g km²", len(ix.Build.SnapshotIDs), len(steps), lim, big, total)
	for i, s := range steps {
		if i == 60 {
			break
		}
		t.Logf("%s (position %d) %s: step %+.6f km², gap after %+.6f", snaps[s.p].ValidAt.UTC().Format("2006-01-02T15:04"), s.p, s.key, s.d, s.gap)
	}
}

// TestGapWhere finds, on a store with cells (FRONTLINE_CELLS_DB, a copy),
// the ground where the cells and the pieces of one map disagree on a
// status (FRONTLINE_GAP_AT, comma-separated "2006-01-02T15:04/UA-14/unknown")
// and the cells that lie on it, with their histories.
func TestGapWhere(t *testing.T) {
	path, at := os.Getenv("FRONTLINE_CELLS_DB"), os.Getenv("FRONTLINE_GAP_AT")
	if path == "" || at == "" {
		t.Skip("FRONTLINE_CELLS_DB or FRONTLINE_GAP_AT not set")
	}
	store, ix, snaps := openCellsDB(t, path)
	ctx := context.Background()
	for _, one := range strings.Split(at, ",") {
		parts := strings.Split(one, "/")
		when, ob, st := parts[0], parts[1], frontline.Status(parts[2])
		p := mapPosition(t, snaps, when)
		ps, err := store.SnapshotPieces(ctx, snaps[p].ID, true)
		if err != nil {
			t.Fatal(err)
		}
		var want geom.Geometry
		for _, pc := range ps {
			if pc.Oblast == ob && pc.Status == st {
				want, err = geom.UnmarshalWKB(pc.WKB, geom.NoValidate{})
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		var gs []geom.Geometry
		var gotKm2 float64
		for i := range ix.ids {
			if ix.Oblasts[ix.oblast[i]] != ob || ix.StatusAt(i, int32(p)) != st {
				continue
			}
			wkb, err := store.CellWKB(ctx, ix.ids[i])
			if err != nil {
				t.Fatal(err)
			}
			g, err := geom.UnmarshalWKB(wkb, geom.NoValidate{})
			if err != nil {
				t.Fatal(err)
			}
			gs = append(gs, g)
			gotKm2 += ix.areaKm2[i]
		}
		got, err := geom.UnionMany(gs)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s %s %s (position %d): pieces %.6f km², cells %.6f (stored areas %.6f, %d cells)", when, ob, st, p, geo.AreaKm2(want), geo.AreaKm2(got), gotKm2, len(gs))
		for _, side := range []struct {
			name string
			x, y geom.Geometry
		}{{"in the pieces, not in the cells", want, got}, {"in the cells, not in the pieces", got, want}} {
			d, err := geom.Difference(side.x, side.y)
			if err != nil {
				t.Fatal(err)
			}
			mp := polygonal(d)
			for j := 0; j < mp.NumPolygons(); j++ {
				pg := mp.PolygonN(j)
				a := geo.AreaKm2(pg.AsGeometry())
				if a < 1e-4 {
					continue
				}
				lo, hi, _ := pg.Envelope().MinMaxXYs()
				t.Logf("\t%s: %.6f km² in %.5f,%.5f – %.5f,%.5f", side.name, a, lo.X, lo.Y, hi.X, hi.Y)
				cs, err := store.CellsIn(ctx, "deepstate", lo.X, lo.Y, hi.X, hi.Y, true)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range cs {
					g, _ := geom.UnmarshalWKB(c.WKB, geom.NoValidate{})
					x, err := geom.Intersection(g, pg.AsGeometry())
					if err != nil || geo.AreaKm2(x) < 1e-5 {
						continue
					}
					i := ix.find(c.ID)
					t.Logf("\t\tcell %d (%s): %.6f km² of it here; stored %.6f, geodesic %.6f; history %v", c.ID, c.Oblast, geo.AreaKm2(x), c.AreaKm2, geo.AreaKm2(g), historyOf(ix, i))
				}
			}
		}
	}
}
