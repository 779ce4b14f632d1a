package control_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/bench"
	"github.com/frontline-osint/frontline/control"
)

// gaps collects the differences between two answers to the same figures
// (km² keyed "ISO/from→to", "UA/…" national) and summarises them as a
// distribution of relative differences: |x−y| / max(|x|, |y|) over the
// figures where either side is at least minKm2.
type gaps struct {
	name   string
	minKm2 float64
	rel    []float64
	absMax float64
	worst  []gap
	// worstRel is the figure with the largest relative gap.
	worstRel gap
}

type gap struct {
	key        string
	got, want  float64
	rel, absKm float64
}

func (g *gaps) add(key string, x, y float64) {
	big := math.Max(math.Abs(x), math.Abs(y))
	d := math.Abs(x - y)
	if big < g.minKm2 {
		return
	}
	g.absMax = math.Max(g.absMax, d)
	r := d / big
	if r > g.worstRel.rel {
		g.worstRel = gap{key, x, y, r, d}
	}
	g.rel = append(g.rel, r)
	g.worst = append(g.worst, gap{key, x, y, r, d})
	sort.Slice(g.worst, func(i, j int) bool { return g.worst[i].absKm > g.worst[j].absKm })
	if len(g.worst) > 8 {
		g.worst = g.worst[:8]
	}
}

// addAll compares two keyed sets (a key missing on one side is 0 there).
func (g *gaps) addAll(prefix string, x, y map[string]float64) {
	keys := map[string]bool{}
	for k := range x {
		keys[k] = true
	}
	for k := range y {
		keys[k] = true
	}
	for k := range keys {
		g.add(prefix+k, x[k], y[k])
	}
}

func (g *gaps) summary() string {
	if len(g.rel) == 0 {
		return g.name + ": nothing compared"
	}
	s := append([]float64(nil), g.rel...)
	sort.Float64s(s)
	q := func(p float64) float64 { return s[int(math.Ceil(p*float64(len(s))))-1] }
	over := 0
	for _, r := range s {
		if r > 1e-6 {
			over++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d figures ≥ %g km²: relative max %.3g, p99 %.3g, p90 %.3g, p50 %.3g; %d over 1e-6; largest absolute %.4g km²",
		g.name, len(s), g.minKm2, s[len(s)-1], q(0.99), q(0.9), q(0.5), over, g.absMax)
	w := g.worstRel
	fmt.Fprintf(&b, "\n\tlargest relative: %s: %.6f vs %.6f km² (%.3g km², %.3g relative)", w.key, w.got, w.want, w.absKm, w.rel)
	for _, w := range g.worst {
		fmt.Fprintf(&b, "\n\t%s: %.6f vs %.6f km² (%.3g km², %.3g relative)", w.key, w.got, w.want, w.absKm, w.rel)
	}
	return b.String()
}

// transitionsByKey returns a change's transitions (from ≠ to) keyed
// "UA/from→to" and "ISO/from→to".
func transitionsByKey(r *frontline.ChangeResult) map[string]float64 {
	m := map[string]float64{}
	for _, t := range r.Transitions {
		if t.From != t.To {
			m["UA/"+string(t.From)+"→"+string(t.To)] += t.AreaKm2
		}
	}
	for _, ob := range r.ByOblast {
		for _, t := range ob.Transitions {
			if t.From != t.To {
				m[ob.ISO+"/"+string(t.From)+"→"+string(t.To)] += t.AreaKm2
			}
		}
	}
	return m
}

// TestFullArchiveAgreement is the property test of issue 13's agreement
// target on a store with cells (FRONTLINE_CELLS_DB, a copy: the full
// archive imported and `layer cells deepstate` run; skipped when unset):
// change between FRONTLINE_AGREE_PAIRS (default 40) random pairs of days
// (seed FRONTLINE_AGREE_SEED, default 1), as transitions national and per
// oblast, from cells, from today's overlays of the maps' pieces, and —
// when FRONTLINE_AGREE_PG names a PostGIS database holding the pieces of
// the same maps (the `pieces` and `snapshots` tables bench/cmd/compare
// leaves in frontline_bench) — from PostGIS (bench/postgis/change_pieces.sql);
// then the area of every map per oblast and status, cells against the
// map's pieces. It logs each distribution of relative differences (max,
// p99, how many over 1e-6) and the largest gaps; it fails only on an
// error: the figures are for docs/BENCHMARKS.md. FRONTLINE_AGREE_DUMP
// names a file to write every figure of change to (TSV).
func TestFullArchiveAgreement(t *testing.T) {
	path := os.Getenv("FRONTLINE_CELLS_DB")
	if path == "" {
		t.Skip("FRONTLINE_CELLS_DB not set")
	}
	n, seed := agreeKnobs(40, 1)
	svc := storeService(t, path)
	ref := referenceService(svc)
	raw := control.NewService(svc.Store, svc.Bounds)
	raw.NoBalance = true
	ctx := context.Background()
	var pg *pgx.Conn
	if u := os.Getenv("FRONTLINE_AGREE_PG"); u != "" {
		var err error
		if pg, err = pgx.Connect(ctx, u); err != nil {
			t.Fatal(err)
		}
		defer pg.Close(ctx)
	}
	snaps, err := svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate", Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	// FRONTLINE_AGREE_MAPS=N: only the first N maps (a build cut short,
	// or two builds compared on the maps both hold).
	cut := false
	if v, err := strconv.Atoi(os.Getenv("FRONTLINE_AGREE_MAPS")); err == nil && v < len(snaps) {
		snaps, cut = snaps[:v], true
	}
	var days []string
	for _, sn := range snaps {
		if d := sn.ValidAt.UTC().Format("2006-01-02"); len(days) == 0 || days[len(days)-1] != d {
			days = append(days, d)
		}
	}
	if cut && len(days) > 0 {
		days = days[:len(days)-1] // its last map may be past the cut
	}
	if pg != nil {
		// PostGIS may hold some of the maps (a bench run on a folder of
		// the last map of some days): pairs of days it holds.
		rows, err := pg.Query(ctx, "SELECT DISTINCT to_char(valid_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM snapshots")
		if err != nil {
			t.Fatal(err)
		}
		held := map[string]bool{}
		for rows.Next() {
			var d string
			if err := rows.Scan(&d); err != nil {
				t.Fatal(err)
			}
			held[d] = true
		}
		rows.Close()
		var both []string
		for _, d := range days {
			if held[d] {
				both = append(both, d)
			}
		}
		days = both
	}
	if len(days) < 2 {
		t.Fatalf("%d days of maps", len(days))
	}
	rng := rand.New(rand.NewSource(seed))
	const minKm2 = 1
	cellsOverlay := &gaps{name: "change, cells vs overlays", minKm2: minKm2}
	rawOverlay := &gaps{name: "change, cells not balanced to the maps' areas (NoBalance) vs overlays", minKm2: minKm2}
	rawNet := &gaps{name: "net change per oblast and status, cells not balanced vs the difference of the maps' areas", minKm2: minKm2}
	cellsPG := &gaps{name: "change, cells vs PostGIS from pieces", minKm2: minKm2}
	overlayPG := &gaps{name: "change, overlays vs PostGIS from pieces", minKm2: minKm2}
	netCells := &gaps{name: "net change per oblast and status, cells vs the difference of the maps' areas", minKm2: minKm2}
	netOverlay := &gaps{name: "net change per oblast and status, overlays vs the difference of the maps' areas", minKm2: minKm2}
	changeSQL := bench.MustSQL("change_pieces")
	// The first change reads the cell index: once, before the timed pairs.
	if _, err := svc.Change(ctx, "deepstate", day(t, days[0]), day(t, days[len(days)-1]), time.Time{}); err != nil {
		t.Fatal(err)
	}
	// FRONTLINE_AGREE_DUMP=FILE: every figure of change compared, one a
	// line (pair, key, cells, overlays, PostGIS or NaN), for attributing
	// the gaps figure by figure.
	var dump *os.File
	if p := os.Getenv("FRONTLINE_AGREE_DUMP"); p != "" {
		if dump, err = os.Create(p); err != nil {
			t.Fatal(err)
		}
		defer dump.Close()
	}
	var flMs, flCPU, pgMs []float64
	for i := 0; i < n; i++ {
		x, y := rng.Intn(len(days)), rng.Intn(len(days)-1)
		if y >= x {
			y++
		}
		if x > y {
			x, y = y, x
		}
		from, to := days[x], days[y]
		c0, t0 := cpuMs(), time.Now()
		got, err := svc.Change(ctx, "deepstate", day(t, from), day(t, to), time.Time{})
		if err != nil {
			t.Fatalf("%s→%s: %v", from, to, err)
		}
		flMs = append(flMs, float64(time.Since(t0).Microseconds())/1000)
		flCPU = append(flCPU, cpuMs()-c0)
		if !control.CellsCover(ctx, svc, got.FromSnapshot, got.ToSnapshot) {
			t.Fatalf("%s→%s not answered from cells", from, to)
		}
		want, err := cachedOverlayChange(ctx, ref, from, to, got)
		if err != nil {
			t.Fatalf("reference %s→%s: %v", from, to, err)
		}
		unb, err := raw.Change(ctx, "deepstate", day(t, from), day(t, to), time.Time{})
		if err != nil {
			t.Fatalf("%s→%s: %v", from, to, err)
		}
		pair := from + "→" + to + " "
		gm, wm, um := transitionsByKey(got), transitionsByKey(want), transitionsByKey(unb)
		cellsOverlay.addAll(pair, gm, wm)
		rawOverlay.addAll(pair, um, wm)
		areas := func(sn *frontline.Snapshot) map[string]float64 {
			ps, err := svc.Store.SnapshotPieces(ctx, sn.ID, false)
			if err != nil {
				t.Fatal(err)
			}
			m := map[string]float64{}
			for _, pc := range ps {
				m[pc.Oblast+"/"+string(pc.Status)] += pc.AreaKm2
			}
			return m
		}
		aa, ab := areas(got.FromSnapshot), areas(got.ToSnapshot)
		diff := map[string]float64{}
		for k, v := range ab {
			diff[k] += v
		}
		for k, v := range aa {
			diff[k] -= v
		}
		net := func(m map[string]float64) map[string]float64 {
			out := map[string]float64{}
			for k, v := range m {
				iso, tr, _ := strings.Cut(k, "/")
				if iso == "UA" {
					continue
				}
				f, to, _ := strings.Cut(tr, "→")
				out[iso+"/"+f] -= v
				out[iso+"/"+to] += v
			}
			return out
		}
		netCells.addAll(pair, net(gm), diff)
		rawNet.addAll(pair, net(um), diff)
		netOverlay.addAll(pair, net(wm), diff)
		var pm map[string]float64
		if pg != nil {
			t0 := time.Now()
			var err error
			pm, err = pgChangeKm2(ctx, pg, changeSQL, from, to)
			pgMs = append(pgMs, float64(time.Since(t0).Microseconds())/1000)
			if err != nil {
				t.Fatalf("PostGIS %s→%s: %v", from, to, err)
			}
			cellsPG.addAll(pair, gm, pm)
			overlayPG.addAll(pair, wm, pm)
		}
		if dump != nil {
			keys := map[string]bool{}
			for _, m := range []map[string]float64{gm, wm, pm} {
				for k := range m {
					keys[k] = true
				}
			}
			for k := range keys {
				p := math.NaN()
				if pg != nil {
					p = pm[k]
				}
				fmt.Fprintf(dump, "%s\t%s\t%.12g\t%.12g\t%.12g\n", from+"→"+to, k, gm[k], wm[k], p)
			}
		}
	}
	t.Logf("%d random pairs of %d days of %d maps, %s … %s (seed %d)", n, len(days), len(snaps), days[0], days[len(days)-1], seed)
	med := func(xs []float64) string {
		if len(xs) == 0 {
			return "-"
		}
		s := append([]float64(nil), xs...)
		sort.Float64s(s)
		return fmt.Sprintf("median %.2f ms, p90 %.2f ms", s[len(s)/2], s[int(math.Ceil(0.9*float64(len(s))))-1])
	}
	t.Logf("time per pair, each once, one after the other (load %s): cells (Service.Change, balanced) %s wall, %s CPU; PostGIS from pieces (change_pieces.sql over pgx) %s wall",
		loadAvg(), med(flMs), med(flCPU), med(pgMs))
	for _, g := range []*gaps{rawOverlay, cellsOverlay, cellsPG, overlayPG, rawNet, netCells, netOverlay} {
		t.Log(g.summary())
	}

	// The area of every map per oblast and status, cells against pieces.
	oblastKm2 := map[string]float64{}
	for _, ob := range svc.Bounds.Oblasts {
		oblastKm2[ob.ISO] = ob.AreaKm2
	}
	area := &gaps{name: "area per map, oblast and status, cells vs pieces", minKm2: minKm2}
	var ofOblast []float64
	// steps holds, per oblast and status, how much each map's step moved
	// the gap between cells and pieces: the error the cells took on at
	// that map (a gap persists until the ground is mapped anew).
	steps := &gaps{name: "step of the gap cells − pieces from one map to the next, per oblast and status (km², absolute)", minKm2: 0}
	prevGap := map[string]float64{}
	var jumps []float64
	for _, sn := range snaps {
		got, want := cellAndPieceAreas(ctx, t, svc, sn)
		area.addAll(sn.ValidAt.Format("2006-01-02T15:04")+" ", got, want)
		for k := range want {
			got[k] += 0
		}
		for k, v := range got {
			ofOblast = append(ofOblast, math.Abs(v-want[k])/oblastKm2[k[:5]])
		}
		for k := range prevGap {
			got[k] += 0
		}
		for k, v := range got {
			g := v - want[k]
			d := g - prevGap[k]
			prevGap[k] = g
			if d != 0 {
				jumps = append(jumps, math.Abs(d))
				steps.worst = append(steps.worst, gap{sn.ValidAt.Format("2006-01-02T15:04") + " " + k, g, g - d, math.Abs(d), math.Abs(d)})
			}
		}
		sort.Slice(steps.worst, func(i, j int) bool { return steps.worst[i].absKm > steps.worst[j].absKm })
		if len(steps.worst) > 8 {
			steps.worst = steps.worst[:8]
		}
	}
	t.Log(area.summary())
	sort.Float64s(jumps)
	if len(jumps) > 0 {
		var small, large float64
		for _, j := range jumps {
			if j > 0.01 {
				large += j
			} else {
				small += j
			}
		}
		t.Logf("steps of the gap: %d nonzero, max %.3g km², p99 %.3g, p50 %.3g; %d over 0.01 km² (sum %.3g km²), the others sum to %.3g km²",
			len(jumps), jumps[len(jumps)-1], jumps[int(0.99*float64(len(jumps)))], jumps[len(jumps)/2], countOver(jumps, 0.01), large, small)
		for _, w := range steps.worst {
			t.Logf("\tstep at %s: gap %.4f km² (before %.4f)", w.key, w.got, w.want)
		}
	}
	sort.Float64s(ofOblast)
	over := 0
	for _, r := range ofOblast {
		if r > 1e-6 {
			over++
		}
	}
	if len(ofOblast) > 0 {
		t.Logf("the same relative to the oblast's land: %d figures of %d maps: max %.3g, p99 %.3g; %d over 1e-6, %d over 1e-5",
			len(ofOblast), len(snaps), ofOblast[len(ofOblast)-1], ofOblast[int(0.99*float64(len(ofOblast)))], over, countOver(ofOblast, 1e-5))
	}
}

// cachedOverlayChange is ref.Change (overlays, ~0.3 s of CPU a pair on
// the full archive), kept as JSON in FRONTLINE_AGREE_CACHE (a folder) when
// set: stores built from the same maps share the answers. A kept answer
// is used only for the same two snapshots as got's.
func cachedOverlayChange(ctx context.Context, ref *control.Service, from, to string, got *frontline.ChangeResult) (*frontline.ChangeResult, error) {
	dir := os.Getenv("FRONTLINE_AGREE_CACHE")
	file := filepath.Join(dir, from+"_"+to+".json")
	if dir != "" {
		if b, err := os.ReadFile(file); err == nil {
			var r frontline.ChangeResult
			if json.Unmarshal(b, &r) == nil && r.FromSnapshot != nil && r.ToSnapshot != nil &&
				r.FromSnapshot.ID == got.FromSnapshot.ID && r.ToSnapshot.ID == got.ToSnapshot.ID {
				return &r, nil
			}
		}
	}
	d := func(s string) frontline.Day {
		x, _ := frontline.ParseDay(s, time.UTC)
		return x
	}
	r, err := ref.Change(ctx, "deepstate", d(from), d(to), time.Time{})
	if err != nil || dir == "" {
		return r, err
	}
	if b, err := json.Marshal(r); err == nil {
		os.MkdirAll(dir, 0o755)
		os.WriteFile(file, b, 0o644)
	}
	return r, nil
}

func cpuMs() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e6
}

func loadAvg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	return strings.Join(strings.Fields(string(b))[:min(3, len(strings.Fields(string(b))))], " ")
}

func countOver(xs []float64, lim float64) int {
	n := 0
	for _, x := range xs {
		if x > lim {
			n++
		}
	}
	return n
}

// pgChangeKm2 runs bench/postgis/change_pieces.sql between the maps of two
// days and returns its transitions (from ≠ to) keyed as transitionsByKey.
func pgChangeKm2(ctx context.Context, pg *pgx.Conn, sql, from, to string) (map[string]float64, error) {
	rows, err := pg.Query(ctx, sql, from, to)
	if err != nil {
		return nil, err
	}
	out := map[string]float64{}
	for rows.Next() {
		var iso, f, tt string
		var km2 float64
		if err := rows.Scan(&iso, &f, &tt, &km2); err != nil {
			return nil, err
		}
		if f == tt {
			continue
		}
		out[iso+"/"+f+"→"+tt] += km2
		out["UA/"+f+"→"+tt] += km2
	}
	return out, rows.Err()
}
