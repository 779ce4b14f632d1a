package cells

import (
	"context"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/geo"
)

// TestStepAgreement replays single steps of a store's cells build
// (FRONTLINE_CELLS_DB, a copy; FRONTLINE_AGREE_STEPS, comma-separated
// "2006-01-02T15:04/UA-09": a map by valid time, UTC, and an oblast;
// skipped when either is unset) and logs, per status, how much area the
// step moved: the pieces' areas of the map minus the map before, the
// change regions of the build (windows around unshared edges), the same
// regions from whole-oblast overlays, and the cells' own step (their areas
// at the map minus at the map before). Where the cells' step differs from
// the pieces', the first three tell whether the regions or the cells'
// splitting of them took the error.
func TestStepAgreement(t *testing.T) {
	path, steps := os.Getenv("FRONTLINE_CELLS_DB"), os.Getenv("FRONTLINE_AGREE_STEPS")
	if path == "" || steps == "" {
		t.Skip("FRONTLINE_CELLS_DB or FRONTLINE_AGREE_STEPS not set")
	}
	store, ix, snaps := openCellsDB(t, path)
	ctx := context.Background()
	b := NewBuilder(store, "deepstate")
	stored := func(id int64, ob string) map[frontline.Status]float64 {
		ps, err := store.SnapshotPieces(ctx, id, false)
		if err != nil {
			t.Fatal(err)
		}
		m := map[frontline.Status]float64{}
		for _, pc := range ps {
			if pc.Oblast == ob {
				m[pc.Status] += pc.AreaKm2
			}
		}
		return m
	}
	for _, step := range strings.Split(steps, ",") {
		at, ob, _ := strings.Cut(step, "/")
		k := mapPosition(t, snaps, at)
		if k < 1 {
			t.Fatalf("%s: no such map after the first", at)
		}
		pa, err := b.loadPieces(ctx, snaps[k-1].ID)
		if err != nil {
			t.Fatal(err)
		}
		pb, err := b.loadPieces(ctx, snaps[k].ID)
		if err != nil {
			t.Fatal(err)
		}
		net := func(rs []region) map[frontline.Status]float64 {
			m := map[frontline.Status]float64{}
			for _, r := range rs {
				a := geo.AreaKm2(r.g.AsGeometry())
				m[r.from] -= a
				m[r.to] += a
			}
			return m
		}
		windowed, err := b.changeRegions(ctx, pa[ob], pb[ob])
		if err != nil {
			t.Fatal(err)
		}
		t.Setenv("NOWIN", "1")
		whole, err := b.changeRegions(ctx, pa[ob], pb[ob])
		if err != nil {
			t.Fatal(err)
		}
		os.Unsetenv("NOWIN")
		sa, sb := stored(snaps[k-1].ID, ob), stored(snaps[k].ID, ob)
		nw, nh := net(windowed), net(whole)
		p, _ := ix.Position(snaps[k].ID)
		var cellsStep [4]float64
		for i, iso := range ix.Oblasts {
			if iso == ob {
				after, before := ix.Areas(p)[i], ix.Areas(p - 1)[i]
				for j := range cellsStep {
					cellsStep[j] = after[j] - before[j]
				}
			}
		}
		t.Logf("%s (position %d) %s: %d regions windowed, %d whole", at, k, ob, len(windowed), len(whole))
		for j, st := range frontline.Statuses {
			if st == frontline.StatusUkraine {
				continue
			}
			want := sb[st] - sa[st]
			t.Logf("\t%s: pieces %+.6f km²; regions windowed %+.6f (off %.3g), whole %+.6f (off %.3g); cells' step %+.6f (off %.3g)",
				st, want, nw[st], math.Abs(nw[st]-want), nh[st], math.Abs(nh[st]-want), cellsStep[j], math.Abs(cellsStep[j]-want))
		}
		for _, r := range windowed {
			if a := geo.AreaKm2(r.g.AsGeometry()); a > 0.05 {
				lo, hi, _ := r.env.MinMaxXYs()
				t.Logf("\t\tregion %s→%s %.4f km² in %.4f,%.4f – %.4f,%.4f", r.from, r.to, a, lo.X, lo.Y, hi.X, hi.Y)
			}
		}
		// The cells (as they are now: split further since, histories
		// kept) that changed status at this map, and how much of each lies
		// in a region of its transition: a cell outside took a wrong
		// status here.
		culprits := map[[2]frontline.Status][]geom.Geometry{}
		for i := range ix.ids {
			if ix.Oblasts[ix.oblast[i]] != ob {
				continue
			}
			f, to := ix.StatusAt(i, p-1), ix.StatusAt(i, p)
			if f == to {
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
			in := 0.0
			for _, r := range windowed {
				if r.from == f && r.to == to && g.Envelope().Intersects(r.env) {
					x, err := geom.Intersection(g, r.g.AsGeometry())
					if err == nil {
						in += geo.AreaKm2(x)
					}
				}
			}
			if d := ix.areaKm2[i] - in; math.Abs(d) > 0.01 {
				// Replay applyRegion on this cell as it was before the
				// map (its history cut there) against every region
				// leaving its status.
				seq, sts := ix.History(i)
				var hist []frontline.CellStatus
				for j := range seq {
					if seq[j] < int32(k) {
						hist = append(hist, frontline.CellStatus{Seq: seq[j], Status: frontline.Statuses[sts[j]]})
					}
				}
				for ri, r := range windowed {
					if r.from != f {
						continue
					}
					nb := &Builder{}
					c := &cell{c: frontline.Cell{ID: ix.ids[i], Oblast: ob, AreaKm2: ix.areaKm2[i], History: hist}, g: polygonal(g), decoded: true}
					added, err := nb.applyRegion(ctx, int32(k), ob, []*cell{c}, r)
					moved := len(c.c.History) > len(hist)
					if moved || len(added) > 0 || err != nil || len(nb.Notes) > 0 {
						t.Logf("\t\t\treplay of cell %d with region %d %s→%s (%.6f km²): moved whole %v, %d parts split off, error %v, notes %v",
							ix.ids[i], ri, r.from, r.to, geo.AreaKm2(r.g.AsGeometry()), moved, len(added), err, nb.Notes)
					}
				}
				if in < 1e-6 {
					culprits[[2]frontline.Status{f, to}] = append(culprits[[2]frontline.Status{f, to}], g)
				}
				lo, hi, _ := g.Envelope().MinMaxXYs()
				t.Logf("\t\tcell %d %s→%s: %.4f km² (geodesic %.4f), %.4f in its regions; box %.4f,%.4f – %.4f,%.4f; history %v",
					ix.ids[i], f, to, ix.areaKm2[i], geo.AreaKm2(g), in, lo.X, lo.Y, hi.X, hi.Y, historyOf(ix, i))
			}
		}
		// The cells that took a status with none of their ground in its
		// region were one cell then (split since): their union split by
		// the region again, as applyRegion does, with the check of split.go.
		for tr, gs := range culprits {
			u, err := geom.UnionMany(gs)
			if err != nil {
				t.Fatal(err)
			}
			uKm2 := geo.AreaKm2(u)
			for _, r := range windowed {
				if r.from != tr[0] || r.to != tr[1] || !u.Envelope().Intersects(r.env) {
					continue
				}
				x, err1 := geom.Intersection(u, r.g.AsGeometry())
				y, err2 := geom.Difference(u, r.g.AsGeometry())
				if err1 != nil || err2 != nil {
					t.Logf("\t\treplay %s→%s: %v %v", tr[0], tr[1], err1, err2)
					continue
				}
				inKm2 := geo.AreaKm2(x)
				adds := splitAdds(uKm2, inKm2, geo.AreaKm2(y))
				t.Logf("\t\treplay %s→%s of the %d cells' union (%.4f km²): in %.4f, out %.4f km², parts add up: %v",
					tr[0], tr[1], len(gs), uKm2, inKm2, geo.AreaKm2(y), adds)
				if !adds {
					var nb Builder
					_, _, in2, _, ok := nb.resplit("replay", u, r.g.AsGeometry(), uKm2, r.g.Area())
					t.Logf("\t\t\tresplit: ok %v, in %.4f km²; %v", ok, in2, nb.Notes)
				}
			}
		}
	}
}

func historyOf(ix *Index, i int) []string {
	seq, st := ix.History(i)
	var out []string
	for j := range seq {
		out = append(out, fmt.Sprintf("%d:%s", seq[j], frontline.Statuses[st[j]]))
	}
	return out
}

// TestSplitVertexOnRegionSliver is the split that kept a 0.0245 km² cell
// of UA-14 Ukrainian from 2023-03-04T23:42 to 2023-10-05 in the full
// archive's cells (TestGapSteps' largest step): the unknown→ukraine region
// holds a sliver (a spike of 46 m²) along the cell's edge, and two
// polygons far away. The cell has no ground in the region. Its first
// vertex lies on the sliver's edge; read as inside, it sent the split (by
// the region clipped to the cell's box: nothing inside, right) to be
// redone with the whole region, on which the overlay puts the whole cell
// inside (GEOS 3.11 does the same).
func TestSplitVertexOnRegionSliver(t *testing.T) {
	cellWKT := "MULTIPOLYGON(((38.22710511508867 48.77096941230431,38.22481996055573 48.77122419039512,38.2248082 48.7716926,38.228783809696566 48.77258757543403,38.22710511508867 48.77096941230431)))"
	regionWKT := "MULTIPOLYGON(((38.2171820726977 48.770802224275435,38.2171631 48.7708991,38.2181627 48.7719662,38.22313270467756 48.7714123071828,38.2281026 48.7708582,38.22313460045743 48.77141209577393,38.218166491643146 48.77196577734579,38.2171699 48.7709008,38.21718797221893 48.770808522173695,38.2171820726977 48.770802224275435))," +
		"((37.9161055 48.6593104,37.9132261 48.6632507,37.910132649796374 48.66529135047412,37.907038949805674 48.667331917144985,37.903945 48.6693724,37.90398682178525 48.669455614241876,37.907034849806685 48.66744541714494,37.91012854979737 48.66540485047408,37.913222 48.6633642,37.9161014 48.6594239,37.9181625 48.6543218,37.9207518 48.6514682,37.92070572510615 48.65140999644193,37.9181666 48.6542083,37.9161055 48.6593104))," +
		"((38.23566767078695 48.82095775374802,38.23314244230602 48.82569559180418,38.23061673769085 48.830433370622565,38.22809055677788 48.83517109018374,38.225563899403475 48.8399087504683,38.230461230470425 48.84024544905822,38.23535862716747 48.84058193959915,38.24025608945571 48.84091822208586,38.24515361729623 48.84125429651316,38.24532554359808 48.83141318501473,38.2453241 48.8314147,38.24515220186373 48.84125419929229,38.24026879941431 48.84091909324993,38.23538546213971 48.840583780346556,38.230502190078504 48.84024826058736,38.22561898326926 48.83991253397749,38.228135884161276 48.83519315863336,38.23065231226295 48.830473724469456,38.23316826773601 48.825754231504966,38.23568375074215 48.82103467975911,38.238198761442966 48.81631506925106,38.2407133 48.8115954,38.240700967014476 48.811511430122636,38.238192423297136 48.816219856473474,38.23566767078695 48.82095775374802)))"
	parse := func(s string) geom.MultiPolygon {
		g, err := geom.UnmarshalWKT(s)
		if err != nil {
			t.Fatal(err)
		}
		return polygonal(g)
	}
	g, rg := parse(cellWKT), parse(regionWKT)
	if x, err := geom.Intersection(g.AsGeometry(), rg.AsGeometry()); err == nil {
		t.Logf("the cell overlaid with the whole region: %.6f km² inside (of %.6f)", geo.AreaKm2(x), geo.AreaKm2(g.AsGeometry()))
	}
	c := &cell{c: frontline.Cell{ID: 24569, Oblast: "UA-14", AreaKm2: geo.AreaKm2(g.AsGeometry())}, g: g, decoded: true}
	cb, _ := envBox(g.Envelope())
	r := region{from: frontline.StatusUnknown, to: frontline.StatusUkraine, g: rg, env: rg.Envelope()}
	var b Builder
	sp := b.splitByRegion("UA-14", 483, c, g, cb, r, newEdgeIndex(rg))
	if inKm2 := geo.AreaKm2(sp.in.AsGeometry()); sp.ok && inKm2 > 1e-6 {
		t.Errorf("%.6f km² of the cell put inside the region, which holds none of it (notes %v)", inKm2, b.Notes)
	}
}
