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

// TestPairWhere is a diagnostic, not a guard: on a store with cells
// (FRONTLINE_CELLS_DB, a copy) it finds the cells behind one figure of a
// change (FRONTLINE_PAIR "2022-06-15T19:28/2025-06-13T20:52/UA-63/ukraine/russia":
// two maps by valid time, UTC, an oblast and a transition) where the cells
// and the overlays of the maps' densified pieces part: the overlays'
// ground of the transition (as control's change computes it: A_from ∩ B_to,
// or B_to less every piece of A for ukraine→, A_from less every piece of
// B for →ukraine) against each cell of the oblast, logging the cells whose
// ground inside differs from what their history puts there by more than
// FRONTLINE_PAIR_MIN km² (1e-6).
func TestPairWhere(t *testing.T) {
	path, spec := os.Getenv("FRONTLINE_CELLS_DB"), os.Getenv("FRONTLINE_PAIR")
	if path == "" || spec == "" {
		t.Skip("FRONTLINE_CELLS_DB or FRONTLINE_PAIR not set")
	}
	parts := strings.Split(spec, "/")
	if len(parts) != 5 {
		t.Fatalf("FRONTLINE_PAIR %q: want from/to/oblast/status/status", spec)
	}
	lim := 1e-6
	if v, err := strconv.ParseFloat(os.Getenv("FRONTLINE_PAIR_MIN"), 64); err == nil {
		lim = v
	}
	ob, from, to := parts[2], frontline.Status(parts[3]), frontline.Status(parts[4])
	store, ix, snaps := openCellsDB(t, path)
	ctx := context.Background()
	pa, pb := mapPosition(t, snaps, parts[0]), mapPosition(t, snaps, parts[1])
	b := NewBuilder(store, "deepstate")
	dense := func(p int) map[frontline.Status]geom.Geometry {
		ps, err := b.loadPieces(ctx, snaps[p].ID)
		if err != nil {
			t.Fatal(err)
		}
		out := map[frontline.Status]geom.Geometry{}
		if op := ps[ob]; op != nil {
			for st, g := range op.geom {
				out[st] = DensifyGeodesic(polygonal(g)).AsGeometry()
			}
		}
		return out
	}
	a, c := dense(pa), dense(pb)
	less := func(g geom.Geometry, o map[frontline.Status]geom.Geometry) geom.Geometry {
		for _, st := range frontline.Precedence {
			if og, ok := o[st]; ok {
				x, err := geom.Difference(g, og)
				if err != nil {
					t.Fatal(err)
				}
				g = polygonal(x).AsGeometry()
			}
		}
		return g
	}
	var x geom.Geometry
	switch {
	case from == frontline.StatusUkraine:
		x = less(c[to], a)
	case to == frontline.StatusUkraine:
		x = less(a[from], c)
	default:
		y, err := geom.Intersection(a[from], c[to])
		if err != nil {
			t.Fatal(err)
		}
		x = polygonal(y).AsGeometry()
	}
	xKm2 := geo.AreaKm2(x)
	env := x.Envelope()
	type hit struct {
		id          int64
		cellKm2, in float64
		mine        bool
		hist        []string
	}
	var hits []hit
	var mineKm2, inKm2 float64
	for i := range ix.ids {
		if ix.Oblasts[ix.oblast[i]] != ob {
			continue
		}
		mine := ix.StatusAt(i, int32(pa)) == from && ix.StatusAt(i, int32(pb)) == to
		if mine {
			mineKm2 += ix.areaKm2[i]
		}
		wkb, err := store.CellWKB(ctx, ix.ids[i])
		if err != nil {
			t.Fatal(err)
		}
		g, err := geom.UnmarshalWKB(wkb, geom.NoValidate{})
		if err != nil {
			t.Fatal(err)
		}
		if !g.Envelope().Intersects(env) {
			if mine {
				hits = append(hits, hit{ix.ids[i], ix.areaKm2[i], 0, mine, historyOf(ix, i)})
			}
			continue
		}
		y, err := atLocalOrigin(geom.Intersection, g, x)
		if err != nil {
			t.Fatal(err)
		}
		in := geo.AreaKm2(y)
		inKm2 += in
		want := 0.0
		if mine {
			want = ix.areaKm2[i]
		}
		if math.Abs(in-want) > lim {
			hits = append(hits, hit{ix.ids[i], ix.areaKm2[i], in, mine, historyOf(ix, i)})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		di, dj := hits[i].in, hits[j].in
		if hits[i].mine {
			di -= hits[i].cellKm2
		}
		if hits[j].mine {
			dj -= hits[j].cellKm2
		}
		return math.Abs(di) > math.Abs(dj)
	})
	var partKm2 float64
	for _, h := range hits {
		if h.mine {
			partKm2 += h.cellKm2 - h.in
		} else {
			partKm2 -= h.in
		}
	}
	t.Logf("%s %s→%s, maps %d→%d: overlays %.9f km², cells of the transition %.9f, the cells' ground inside the overlays' %.9f; %d cells part by more than %g km² (%.9f km² in all)", ob, from, to, pa, pb, xKm2, mineKm2, inKm2, len(hits), lim, partKm2)
	// Where the parting ground lies: in the "to" piece of the second
	// map, in a piece of the first map, in other cells.
	inPieces := func(g geom.Geometry, ps ...geom.Geometry) float64 {
		var s float64
		for _, p := range ps {
			if p.IsEmpty() || !p.Envelope().Intersects(g.Envelope()) {
				continue
			}
			y, err := atLocalOrigin(geom.Intersection, g, p)
			if err != nil {
				t.Fatal(err)
			}
			s += geo.AreaKm2(y)
		}
		return s
	}
	var aAll []geom.Geometry
	for _, g := range a {
		aAll = append(aAll, g)
	}
	var inTo, inA, inOthers float64
	inAByStatus := map[frontline.Status]float64{}
	byFirst := map[string]float64{}
	for _, h := range hits {
		if !h.mine {
			continue
		}
		wkb, _ := store.CellWKB(ctx, h.id)
		g, _ := geom.UnmarshalWKB(wkb, geom.NoValidate{})
		inTo += inPieces(g, c[to])
		inA += inPieces(g, aAll...)
		for st, ag := range a {
			inAByStatus[st] += inPieces(g, ag)
		}
		if len(h.hist) > 0 {
			byFirst[h.hist[0]] += h.cellKm2 - h.in
		}
		lo, hi, _ := g.Envelope().MinMaxXYs()
		cs, err := store.CellsIn(ctx, "deepstate", lo.X, lo.Y, hi.X, hi.Y, true)
		if err != nil {
			t.Fatal(err)
		}
		var others []geom.Geometry
		for _, oc := range cs {
			if oc.ID != h.id && oc.Oblast == ob {
				og, _ := geom.UnmarshalWKB(oc.WKB, geom.NoValidate{})
				others = append(others, og)
			}
		}
		inOthers += inPieces(g, others...)
	}
	t.Logf("the cells of the transition that part: %.9f km² in the second map's %s piece, %.9f in the first map's pieces (%v), %.9f in other cells", inTo, to, inA, inAByStatus, inOthers)
	var firsts []string
	for k := range byFirst {
		firsts = append(firsts, k)
	}
	sort.Slice(firsts, func(i, j int) bool { return byFirst[firsts[i]] > byFirst[firsts[j]] })
	for i, k := range firsts {
		if i == 15 {
			break
		}
		t.Logf("\tparting cells made at %s: %.9f km²", k, byFirst[k])
	}
	for i, h := range hits {
		if i == 40 {
			break
		}
		t.Logf("\tcell %d (%.9f km², of the transition %v): %.9f km² inside; history %v", h.id, h.cellKm2, h.mine, h.in, h.hist)
	}
}

// TestCellNeighbourhood is a diagnostic, not a guard: it logs a cell of a
// store with cells (FRONTLINE_CELLS_DB, a copy; FRONTLINE_CELL_ID) and the
// vertices, within its box, of each piece of its oblast at the map
// FRONTLINE_CELL_AT ("2006-01-02T15:04") before and after densification,
// and of the other cells there with their status at that map.
func TestCellNeighbourhood(t *testing.T) {
	path, at := os.Getenv("FRONTLINE_CELLS_DB"), os.Getenv("FRONTLINE_CELL_AT")
	id, err := strconv.ParseInt(os.Getenv("FRONTLINE_CELL_ID"), 10, 64)
	if path == "" || at == "" || err != nil {
		t.Skip("FRONTLINE_CELLS_DB, FRONTLINE_CELL_AT or FRONTLINE_CELL_ID not set")
	}
	store, ix, snaps := openCellsDB(t, path)
	ctx := context.Background()
	p := mapPosition(t, snaps, at)
	wkb, err := store.CellWKB(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	g, err := geom.UnmarshalWKB(wkb, geom.NoValidate{})
	if err != nil {
		t.Fatal(err)
	}
	i := ix.find(id)
	ob := ix.Oblasts[ix.oblast[i]]
	t.Logf("cell %d (%s, %.9f km², history %v): %s", id, ob, ix.areaKm2[i], historyOf(ix, i), g.AsText())
	lo, hi, _ := g.Envelope().MinMaxXYs()
	const pad = 1e-6
	within := func(x, y float64) bool {
		return x >= lo.X-pad && x <= hi.X+pad && y >= lo.Y-pad && y <= hi.Y+pad
	}
	vertices := func(g geom.MultiPolygon) []string {
		var out []string
		for j := 0; j < g.NumPolygons(); j++ {
			for _, r := range g.PolygonN(j).DumpRings() {
				seq := r.Coordinates()
				for k := 0; k < seq.Length(); k++ {
					v := seq.GetXY(k)
					if within(v.X, v.Y) {
						out = append(out, strconv.FormatFloat(v.X, 'g', 17, 64)+" "+strconv.FormatFloat(v.Y, 'g', 17, 64))
					}
				}
			}
		}
		return out
	}
	b := NewBuilder(store, "deepstate")
	ps, err := b.loadPieces(ctx, snaps[p].ID)
	if err != nil {
		t.Fatal(err)
	}
	if op := ps[ob]; op != nil {
		for st, pg := range op.geom {
			mp := polygonal(pg)
			t.Logf("piece %s at %s: vertices in the box %v; densified %v", st, at, vertices(mp), vertices(DensifyGeodesic(mp)))
		}
	}
	cs, err := store.CellsIn(ctx, "deepstate", lo.X, lo.Y, hi.X, hi.Y, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.ID == id {
			continue
		}
		cg, _ := geom.UnmarshalWKB(c.WKB, geom.NoValidate{})
		j := ix.find(c.ID)
		t.Logf("cell %d (%s at %s, history %v, holds the cell's centroid: %v): vertices in the box %v", c.ID, ix.StatusAt(j, int32(p)), at, historyOf(ix, j), geom.Intersects(cg, g.Centroid().AsGeometry()), vertices(polygonal(cg)))
	}
}

// TestLensCells is a diagnostic, not a guard: on a store with cells
// (FRONTLINE_CELLS_DB, a copy) it counts the cells whose ground exists
// only along geodesics: a planar area (square degrees, scaled at the
// cell's latitude) under half its geodesic area. Such a cell is the lens
// between a chord and the same chord through a vertex lying on it in
// degrees (a crossing of a split), given back as new ground by a later map
// (docs/benchmarks-journal.md, "agree3"). Logged per oblast: how many,
// and their geodesic area.
func TestLensCells(t *testing.T) {
	path := os.Getenv("FRONTLINE_CELLS_DB")
	if path == "" || os.Getenv("FRONTLINE_LENS") == "" {
		t.Skip("FRONTLINE_CELLS_DB or FRONTLINE_LENS not set")
	}
	store, ix, _ := openCellsDB(t, path)
	ctx := context.Background()
	cs, err := store.Cells(ctx, "deepstate", true)
	if err != nil {
		t.Fatal(err)
	}
	const km2PerDeg2 = 111.32 * 111.32
	type tally struct {
		n   int
		km2 float64
	}
	by := map[string]*tally{}
	var all tally
	for _, c := range cs {
		g, err := geom.UnmarshalWKB(c.WKB, geom.NoValidate{})
		if err != nil {
			t.Fatal(err)
		}
		lat := (c.MinLat + c.MaxLat) / 2
		if planar := g.Area() * km2PerDeg2 * math.Cos(lat*math.Pi/180); planar >= c.AreaKm2/2 {
			continue
		}
		tl := by[c.Oblast]
		if tl == nil {
			tl = &tally{}
			by[c.Oblast] = tl
		}
		tl.n++
		tl.km2 += c.AreaKm2
		all.n++
		all.km2 += c.AreaKm2
	}
	t.Logf("%d cells of %d hold ground only along geodesics: %.6f km² (%d maps)", all.n, len(cs), all.km2, len(ix.Build.SnapshotIDs))
	var obs []string
	for ob := range by {
		obs = append(obs, ob)
	}
	sort.Strings(obs)
	for _, ob := range obs {
		t.Logf("\t%s: %d cells, %.6f km²", ob, by[ob].n, by[ob].km2)
	}
}
