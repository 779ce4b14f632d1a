// Command compare times Frontline against a PostGIS baseline that does the
// same work, side by side in one run, and checks that both give the same
// numbers.
//
// For each operation — import of a folder of snapshots, area of one day,
// change between two days, the daily series — it times:
//
//   - Frontline in-process: control.Service on the SQLite store, as the
//     server runs it (boundaries loaded and database opened once, before);
//   - Frontline CLI: bin/frontline as a whole command (process start,
//     boundaries load, database open, JSON output);
//   - PostGIS from the precomputed pieces table (bench/postgis/*_pieces.sql);
//   - PostGIS from the raw features (bench/postgis/*_raw.sql), computing
//     classification, union, overlaps, clipping and areas in the query.
//
// PostGIS queries run over one pgx connection (extended protocol, statement
// cache); their times include the round trip and reading every row. Each
// variant is warmed up once, then the variants run round-robin so that
// background load hits them alike. It prints a Markdown report and writes it
// (and every sample, as JSON) to -out.
//
// Run it through bench/run.sh (`make bench`), which builds it and frontline
// into a temporary folder and starts PostGIS. Results: docs/BENCHMARKS.md.
package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/bench"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/sqlite"
)

type config struct {
	data, bin, boundaries, work, out string
	pgURL, pgDB                      string
	layer                            string
	reps, slowReps                   int
	importReps, pgImportReps         int
	ogrJobs, pgBatch                 int
	areaDay, changeFrom, changeTo    string
	seriesFrom, seriesTo             string
	keep, gogc100                    bool
	pgImportConns, frontlineDB       string
	pgReuse                          bool
	pgGeodesic                       bool
	randomPairs                      int
	seed                             int64
	cpuProfile                       string
	source                           string
}

func main() {
	var c config
	flag.StringVar(&c.data, "data", "../shared/data/control/deepstate/daily-2022-08-20_2022-10-20", "folder of snapshot files (GeoJSON, valid time in the file name)")
	flag.StringVar(&c.bin, "bin", "bin/frontline", "the frontline binary")
	flag.StringVar(&c.boundaries, "boundaries", "boundaries/ukraine.geojson", "oblast boundaries loaded into PostGIS")
	flag.StringVar(&c.work, "work", "", "folder for the SQLite files (default: a temporary folder, removed)")
	flag.StringVar(&c.out, "out", "bench/results", "folder for latest.md and latest.json")
	flag.StringVar(&c.pgURL, "pg", os.Getenv("FRONTLINE_POSTGIS_URL"), "PostGIS URL (from scripts/postgis-up.sh); the benchmark uses its own database on that server")
	flag.StringVar(&c.pgDB, "pgdb", "frontline_bench", "database created (if missing) and overwritten on the -pg server")
	flag.StringVar(&c.layer, "layer", "deepstate", "layer name")
	flag.IntVar(&c.reps, "reps", 15, "timed runs of each fast variant")
	flag.IntVar(&c.slowReps, "slow-reps", 3, "timed runs of the PostGIS raw-feature series (tens of seconds each)")
	flag.IntVar(&c.importReps, "import-reps", 3, "timed Frontline imports")
	flag.IntVar(&c.pgImportReps, "pg-import-reps", 2, "timed PostGIS imports")
	flag.IntVar(&c.ogrJobs, "ogr-jobs", runtime.NumCPU(), "ogr2ogr processes run at once")
	flag.IntVar(&c.pgBatch, "pg-batch", 8, "maps per statement of the PostGIS import's SQL (import_pieces.sql)")
	flag.StringVar(&c.areaDay, "area-day", "2022-09-13", "day for area")
	flag.StringVar(&c.changeFrom, "change-from", "2022-09-06", "first day for change")
	flag.StringVar(&c.changeTo, "change-to", "2022-09-13", "second day for change")
	flag.StringVar(&c.seriesFrom, "series-from", "2022-08-20", "first day of the series")
	flag.StringVar(&c.seriesTo, "series-to", "2022-10-20", "last day of the series")
	flag.BoolVar(&c.keep, "keep", false, "keep the SQLite files")
	flag.StringVar(&c.frontlineDB, "frontline-db", "", "use this Frontline store (imported before from the same -data) instead of timing the import; the run writes to it (change cache)")
	flag.BoolVar(&c.pgGeodesic, "pg-geodesic", true, "before change and series, densify PostGIS's pieces along the geodesic into schema geodesic (bench.DensifyPieces) and read them from there, as the cells and Frontline's overlays cut them; false: PostGIS cuts its pieces' edges as straight lines in degrees")
	flag.BoolVar(&c.pgReuse, "pg-reuse", false, "use the PostGIS tables an earlier run left in -pgdb instead of timing the import")
	flag.BoolVar(&c.gogc100, "gogc100", true, "also time the Frontline import with GOGC=100")
	flag.StringVar(&c.pgImportConns, "pg-import-conns", fmt.Sprintf("1,%d", runtime.NumCPU()), "PostGIS imports to time: comma-separated numbers of connections")
	flag.IntVar(&c.randomPairs, "random-pairs", 20, "change between this many random pairs of days (computed, Frontline and PostGIS on the same pairs); 0: none")
	flag.Int64Var(&c.seed, "seed", 1, "seed of the random pairs")
	flag.StringVar(&c.source, "source", "", "where Frontline was built from, for the report (bench/run.sh sets it)")
	flag.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of this program to FILE; in-process Frontline calls carry the pprof label op=area|change|series (go tool pprof -tagfocus op=change)")
	flag.Parse()
	// The same garbage-collector setting as cmd/frontline.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if c.cpuProfile != "" {
		f, err := os.Create(c.cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "compare:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if err := run(context.Background(), c); err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "compare: "+format+"\n", args...)
}

// ---- timing ----

type variant struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"` // frontline, cli, pieces, raw
	Includes string `json:"includes"`
	n        int
	noWarm   bool
	fn       func() (any, error)
	pre      func()         // untimed, before every run
	cpu      func() float64 // cumulative CPU ms of the process(es) doing the work
	last     any
	Samples  []float64 `json:"samples_ms"`
	CPU      []float64 `json:"cpu_ms,omitempty"`
}

func (v *variant) median() float64 { return quantile(v.Samples, 0.5) }
func (v *variant) p90() float64    { return quantile(v.Samples, 0.9) }

// quantile is the nearest-rank quantile (the median of an even count is the
// mean of the two middle samples).
func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if q == 0.5 && len(s)%2 == 0 {
		return (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	i := int(math.Ceil(q*float64(len(s)))) - 1
	if i < 0 {
		i = 0
	}
	return s[i]
}

func timeIt(fn func() (any, error)) (float64, any, error) {
	start := time.Now()
	r, err := fn()
	return float64(time.Since(start).Microseconds()) / 1000, r, err
}

// cpuOf is set by run: it gives each kind of variant its CPU-time source.
var cpuOf func(kind string) func() float64

// measure warms every variant up once, then runs them round-robin.
func measure(op string, vs []*variant) error {
	for _, v := range vs {
		if v.cpu == nil && cpuOf != nil {
			v.cpu = cpuOf(v.Kind)
		}
	}
	rounds := 0
	for _, v := range vs {
		if !v.noWarm {
			if _, r, err := timeIt(v.fn); err != nil {
				return fmt.Errorf("%s, %s (warm-up): %w", op, v.Name, err)
			} else {
				v.last = r
			}
		}
		rounds = max(rounds, v.n)
	}
	for r := 0; r < rounds; r++ {
		for _, v := range vs {
			if r >= v.n {
				continue
			}
			if v.pre != nil {
				v.pre()
			}
			var c0 float64
			if v.cpu != nil {
				c0 = v.cpu()
			}
			ms, res, err := timeIt(v.fn)
			if err != nil {
				return fmt.Errorf("%s, %s: %w", op, v.Name, err)
			}
			v.Samples = append(v.Samples, ms)
			if v.cpu != nil {
				v.CPU = append(v.CPU, v.cpu()-c0)
			}
			v.last = res
		}
		logf("%s: round %d/%d", op, r+1, rounds)
	}
	return nil
}

// ---- agreement ----

// agreement compares two sets of km² figures by key: the largest relative
// difference over the keys where either side exceeds minKm2.
type agreement struct {
	What     string  `json:"what"`
	Against  string  `json:"against"`
	Compared int     `json:"compared"`
	MaxRel   float64 `json:"max_rel_diff"`
	MaxAbs   float64 `json:"max_abs_diff_km2"`
	WorstKey string  `json:"worst_key"`
	MinKm2   float64 `json:"min_km2"`
	Note     string  `json:"note,omitempty"`
}

func compare(what, against string, minKm2 float64, fl, pg map[string]float64) agreement {
	a := agreement{What: what, Against: against, MinKm2: minKm2}
	keys := map[string]bool{}
	for k := range fl {
		keys[k] = true
	}
	for k := range pg {
		keys[k] = true
	}
	for k := range keys {
		x, y := fl[k], pg[k]
		if math.Abs(x) <= minKm2 && math.Abs(y) <= minKm2 {
			continue
		}
		a.Compared++
		d := math.Abs(x - y)
		rel := d / math.Max(math.Abs(x), math.Abs(y))
		if rel > a.MaxRel {
			a.MaxRel, a.WorstKey = rel, k
		}
		a.MaxAbs = math.Max(a.MaxAbs, d)
	}
	return a
}

// ---- the run ----

type report struct {
	Started    time.Time            `json:"started"`
	Env        map[string]string    `json:"env"`
	Config     map[string]any       `json:"config"`
	Ops        []opReport           `json:"operations"`
	Agreements []agreement          `json:"agreements"`
	Extra      map[string][]float64 `json:"extra_ms"`
	Notes      []string             `json:"notes"`
	LoadAfter  string               `json:"load_after"`
	Took       float64              `json:"took_s"`
}

type opReport struct {
	Op       string     `json:"op"`
	Variants []*variant `json:"variants"`
}

func run(ctx context.Context, c config) error {
	started := time.Now()
	rep := &report{Started: started.UTC(), Extra: map[string][]float64{}}
	files, err := filepath.Glob(filepath.Join(c.data, "*.geojson"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no *.geojson in %s", c.data)
	}
	sort.Strings(files)
	if c.pgURL == "" {
		return errors.New("no PostGIS: set FRONTLINE_POSTGIS_URL (eval \"$(scripts/postgis-up.sh)\") or pass -pg")
	}
	if c.work == "" {
		if c.work, err = os.MkdirTemp("", "frontline-bench-"); err != nil {
			return err
		}
		if !c.keep {
			defer os.RemoveAll(c.work)
		}
	}
	pg, pgCfg, pgKV, err := connectBench(ctx, c)
	if err != nil {
		return err
	}
	defer pg.Close(ctx)
	rep.Env = environment(ctx, pg, c)
	pgCPU := backendCPU(pg.PgConn().PID())
	cpuOf = func(kind string) func() float64 {
		switch kind {
		case "frontline", "frontline-cached":
			return selfCPU
		case "cli", "cli-gogc", "cli-cached":
			return cliCPU
		case "pieces", "raw":
			return pgCPU
		}
		return nil // PostGIS import: ogr2ogr's server backends cannot be measured from here
	}
	rep.Config = map[string]any{
		"data": c.data, "files": len(files), "layer": c.layer,
		"reps": c.reps, "slow_reps": c.slowReps, "import_reps": c.importReps, "pg_import_reps": c.pgImportReps,
		"ogr_jobs": c.ogrJobs, "pg_batch": c.pgBatch, "area_day": c.areaDay, "change_from": c.changeFrom, "change_to": c.changeTo,
		"series_from": c.seriesFrom, "series_to": c.seriesTo, "gogc": gogc(),
	}
	logf("%d files; work folder %s; PostGIS database %s", len(files), c.work, c.pgDB)

	// ---- import ----
	var dbPath string
	flImport := &variant{Name: "Frontline CLI `layer import` (fresh SQLite file)", Kind: "cli",
		Includes: "process start, boundaries load, reading, classification, repair, union, overlaps, clipping, areas, SQLite writes; parallel on all cores",
		n:        c.importReps, noWarm: true}
	nImport := 0
	flImport.fn = func() (any, error) {
		nImport++
		dbPath = filepath.Join(c.work, fmt.Sprintf("import-%d.db", nImport))
		return nil, runCLI(ctx, c.bin, "layer", "import", "--db", dbPath, "--layer", c.layer, c.data)
	}
	pgPhases := map[int][][3]float64{}
	pgImportVariant := func(conns int) *variant {
		v := &variant{Name: fmt.Sprintf("PostGIS: ogr2ogr (%d at a time) + SQL on %d connection(s)", c.ogrJobs, conns), Kind: "postgis-import",
			Includes: "schema, ogr2ogr of the boundaries and every file (a process each), then in SQL: snapshots, oblasts, classification, ST_MakeValid, union, overlaps, clipping, areas into the pieces table (snapshots split over the connections), indexes, ANALYZE",
			n:        c.pgImportReps, noWarm: true}
		v.pre = func() { quiesce(ctx, pg) }
		v.fn = func() (any, error) {
			ph, err := pgImportOnce(ctx, pg, pgCfg, pgKV, c, files, conns)
			pgPhases[conns] = append(pgPhases[conns], ph)
			return nil, err
		}
		return v
	}
	nImport100 := 0
	flImport100 := &variant{Name: "Frontline CLI `layer import` with GOGC=100 (Go's default)", Kind: "cli-gogc",
		Includes: "the same as above with the garbage collector at Go's default setting instead of cmd/frontline's 400",
		n:        c.importReps, noWarm: true}
	flImport100.fn = func() (any, error) {
		nImport100++
		p := filepath.Join(c.work, fmt.Sprintf("import-gogc100-%d.db", nImport100))
		defer os.Remove(p)
		return nil, runCLIEnv(ctx, []string{"GOGC=100"}, c.bin, "layer", "import", "--db", p, "--layer", c.layer, c.data)
	}
	flImport.pre = func() { quiesce(ctx, pg) }
	flImport100.pre = flImport.pre
	var importVs []*variant
	if c.frontlineDB == "" {
		importVs = append(importVs, flImport)
		if c.gogc100 {
			importVs = append(importVs, flImport100)
		}
	} else {
		dbPath = c.frontlineDB
		rep.Notes = append(rep.Notes, "Frontline import not timed: the store "+c.frontlineDB+" (-frontline-db) was imported before")
	}
	pgConns := strings.Split(c.pgImportConns, ",")
	if c.pgReuse {
		pgConns = nil
		rep.Notes = append(rep.Notes, "PostGIS import not timed: the tables of an earlier run in "+c.pgDB+" (-pg-reuse)")
	}
	for _, f := range pgConns {
		var n int
		if _, err := fmt.Sscan(strings.TrimSpace(f), &n); err != nil || n < 1 {
			return fmt.Errorf("-pg-import-conns: %q is not a number of connections", f)
		}
		importVs = append(importVs, pgImportVariant(n))
	}
	if err := measure("import", importVs); err != nil {
		return err
	}
	for conns, phs := range pgPhases {
		for _, ph := range phs {
			for i, name := range []string{"schema.sql", "ogr2ogr", "SQL (import*.sql)"} {
				k := fmt.Sprintf("PostGIS import on %d connection(s): %s", conns, name)
				rep.Extra[k] = append(rep.Extra[k], ph[i])
			}
		}
	}
	if len(importVs) > 0 {
		rep.Ops = append(rep.Ops, opReport{"import", importVs})
	}

	// ---- Frontline in-process ----
	t0 := time.Now()
	bounds, err := boundaries.Load()
	if err != nil {
		return err
	}
	rep.Extra["frontline boundaries.Load (once per process)"] = []float64{float64(time.Since(t0).Microseconds()) / 1000}
	t0 = time.Now()
	db := sqlite.NewDB(dbPath)
	if err := db.Open(); err != nil {
		return err
	}
	defer db.Close()
	rep.Extra["frontline sqlite open (once per process)"] = []float64{float64(time.Since(t0).Microseconds()) / 1000}
	store := sqlite.NewSnapshotStore(db)
	svc := control.NewService(store, bounds)

	ag, err := importAgreement(ctx, store, pg, c.layer)
	if err != nil {
		return err
	}
	rep.Agreements = append(rep.Agreements, ag...)

	quiesce(ctx, pg)
	// CLI floor: the cheapest command that opens the database.
	floor := &variant{Name: "Frontline CLI `layer list` (start-up floor)", Kind: "cli", Includes: "process start, opening (boundaries, database, and whatever else the CLI loads), one query", n: c.reps,
		fn: func() (any, error) { return nil, runCLI(ctx, c.bin, "layer", "list", "--db", dbPath) }}
	if err := measure("cli floor", []*variant{floor}); err != nil {
		return err
	}
	rep.Extra["frontline CLI `layer list` (start-up floor)"] = floor.Samples

	// The days of the flags, parsed once (a malformed one is refused at
	// start, in run); day returns them.
	days := map[string]frontline.Day{}
	for _, s := range []string{c.areaDay, c.changeFrom, c.changeTo, c.seriesFrom, c.seriesTo} {
		d, err := frontline.ParseDay(s, time.UTC)
		if err != nil {
			return fmt.Errorf("day %q: %w", s, err)
		}
		days[s] = d
	}
	day := func(s string) frontline.Day { return days[s] }

	// ---- area ----
	areaSQL := map[string]string{"pieces": bench.MustSQL("area_pieces"), "raw": bench.MustSQL("area_raw")}
	areaVs := []*variant{
		{Name: "Frontline in-process `svc.Area`", Kind: "frontline", Includes: "snapshot lookup, reading the day's piece areas (no geometry), sums per status and oblast", n: c.reps,
			fn: labelled("area", func() (any, error) { return svc.Area(ctx, c.layer, day(c.areaDay), time.Time{}) })},
		{Name: "Frontline CLI `area --json`", Kind: "cli", Includes: "process start, opening (boundaries, database, and whatever else the CLI loads), the same, JSON output", n: c.reps,
			fn: func() (any, error) {
				return nil, runCLI(ctx, c.bin, "area", "--db", dbPath, "--layer", c.layer, "--at", c.areaDay, "--json")
			}},
		{Name: "PostGIS from pieces (`area_pieces.sql`)", Kind: "pieces", Includes: "SUM(area_km2) of the day's pieces per status and oblast, over pgx", n: c.reps,
			fn: func() (any, error) { return pgArea(ctx, pg, areaSQL["pieces"], c.areaDay) }},
		{Name: "PostGIS from raw features (`area_raw.sql`)", Kind: "raw", Includes: "classify, ST_MakeValid, union, overlaps, clip to oblasts, ST_Area(geography) for the day's snapshot, over pgx", n: c.reps,
			fn: func() (any, error) { return pgArea(ctx, pg, areaSQL["raw"], c.areaDay) }},
	}
	if err := measure("area", areaVs); err != nil {
		return err
	}
	rep.Ops = append(rep.Ops, opReport{"area " + c.areaDay, areaVs})
	{
		fl := areaVs[0].last.(*frontline.AreaResult)
		flm := map[string]float64{}
		for st, v := range fl.AreasKm2 {
			flm["UA/"+string(st)] = v
		}
		for _, ob := range fl.ByOblast {
			for st, v := range ob.AreasKm2 {
				flm[ob.ISO+"/"+string(st)] = v
			}
		}
		for _, v := range areaVs[2:] {
			rep.Agreements = append(rep.Agreements, compare("area "+c.areaDay+": km² per status, national and per oblast", v.Name, 1, flm, v.last.(map[string]float64)))
		}
	}

	// ---- the pieces densified along the geodesic ----
	if c.pgGeodesic {
		u, err := url.Parse(c.pgURL)
		if err != nil {
			return err
		}
		u.Path = "/" + c.pgDB
		var out strings.Builder
		t0 := time.Now()
		if err := bench.DensifyPieces(ctx, &out, u.String(), "geodesic", 0); err != nil {
			return fmt.Errorf("densifying PostGIS's pieces: %w", err)
		}
		rep.Extra["PostGIS: its pieces densified along the geodesic (bench.DensifyPieces, once, before change and series)"] = []float64{float64(time.Since(t0).Microseconds()) / 1000}
		rep.Notes = append(rep.Notes, "PostGIS's questions from pieces read its pieces densified along the geodesic (schema geodesic, -pg-geodesic), where the cells and Frontline's overlays cut: "+strings.ReplaceAll(strings.TrimSpace(out.String()), "\n", "; "))
		if _, err := pg.Exec(ctx, "SET search_path = geodesic, public"); err != nil {
			return err
		}
	}

	// ---- change ----
	if note, err := identicalPieces(ctx, store, c.layer, day(c.changeFrom), day(c.changeTo)); err == nil {
		rep.Notes = append(rep.Notes, note)
	} else {
		return err
	}
	changeSQL := map[string]string{"pieces": bench.MustSQL("change_pieces"), "skip": bench.MustSQL("change_pieces_skip"), "arith": bench.MustSQL("change_pieces_arith"), "raw": bench.MustSQL("change_raw")}
	// The change cache (when the store has one) would answer every call
	// after the first from the stored result: time the computation with the
	// cache bypassed (in-process) or emptied before each run (CLI), and the
	// cached answer separately.
	svcNoCache := control.NewService(noCacheStore{store}, bounds)
	cacheDB, err := sql.Open("sqlite", "file:"+dbPath+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer cacheDB.Close()
	emptyCache := func() { cacheDB.Exec("DELETE FROM change_cache") } // no such table: nothing cached
	changeVs := []*variant{
		{Name: "Frontline in-process `svc.Change`, computed (change cache bypassed)", Kind: "frontline", Includes: "two snapshot lookups; where the layer's cells are built (the default of `layer import`), the sum over the cells' status transitions between the two maps (the cell index read once, at the first call) and both maps' areas per oblast; otherwise, reading both days' pieces with geometry, per oblast: intersections of the changed non-Ukraine pieces and differences for the moves to and from Ukraine (byte-identical pieces skipped), geodesic areas", n: c.reps,
			fn: labelled("change", func() (any, error) {
				return svcNoCache.Change(ctx, c.layer, day(c.changeFrom), day(c.changeTo), time.Time{})
			})},
		{Name: "Frontline in-process `svc.Change`, cached", Kind: "frontline-cached", Includes: "two snapshot lookups and the stored result of an earlier call (change cache); where the store has no cache, the same as computed", n: c.reps,
			fn: labelled("change-cached", func() (any, error) {
				return svc.Change(ctx, c.layer, day(c.changeFrom), day(c.changeTo), time.Time{})
			})},
		{Name: "Frontline CLI `change --json`, computed (cache emptied before each run)", Kind: "cli", Includes: "process start, opening (boundaries, database, and whatever else the CLI loads), the computation, storing it in the cache, JSON output", n: c.reps, pre: emptyCache,
			fn: func() (any, error) {
				return nil, runCLI(ctx, c.bin, "change", "--db", dbPath, "--layer", c.layer, "--from", c.changeFrom, "--to", c.changeTo, "--json")
			}},
		{Name: "Frontline CLI `change --json`, cached", Kind: "cli-cached", Includes: "the same with the result in the cache", n: c.reps,
			fn: func() (any, error) {
				return nil, runCLI(ctx, c.bin, "change", "--db", dbPath, "--layer", c.layer, "--from", c.changeFrom, "--to", c.changeTo, "--json")
			}},
		{Name: "PostGIS from pieces (`change_pieces.sql`)", Kind: "pieces", Includes: "per oblast: ST_Intersection of every non-Ukraine pair, ST_Difference with the other day's union for the Ukraine rows, ST_Area(geography), over pgx", n: c.reps,
			fn: func() (any, error) { return pgChange(ctx, pg, changeSQL["pieces"], c.changeFrom, c.changeTo) }},
		{Name: "PostGIS from pieces + Frontline's identical-piece skip (`change_pieces_skip.sql`)", Kind: "pieces", Includes: "change_pieces.sql plus Frontline's shortcut: pieces byte-identical in both maps skip every overlay; over pgx", n: c.reps,
			fn: func() (any, error) { return pgChange(ctx, pg, changeSQL["skip"], c.changeFrom, c.changeTo) }},
		{Name: "PostGIS from pieces, skip + Ukraine moves by arithmetic (`change_pieces_arith.sql`)", Kind: "pieces", Includes: "as the skip variant, but a→ukraine and ukraine→b as area differences, without ST_Difference (Frontline's formulation before commit 558eb4b); over pgx", n: c.reps,
			fn: func() (any, error) { return pgChange(ctx, pg, changeSQL["arith"], c.changeFrom, c.changeTo) }},
		{Name: "PostGIS from raw features (`change_raw.sql`)", Kind: "raw", Includes: "bench_pieces for both days (classify … clip), then the same as from pieces, over pgx", n: c.reps,
			fn: func() (any, error) { return pgChange(ctx, pg, changeSQL["raw"], c.changeFrom, c.changeTo) }},
	}
	if err := measure("change", changeVs); err != nil {
		return err
	}
	rep.Ops = append(rep.Ops, opReport{"change " + c.changeFrom + " → " + c.changeTo, changeVs})
	{
		fl := changeVs[0].last.(*frontline.ChangeResult)
		flm := map[string]float64{}
		for _, t := range fl.Transitions {
			flm["UA/"+string(t.From)+"→"+string(t.To)] = t.AreaKm2
		}
		for _, ob := range fl.ByOblast {
			for _, t := range ob.Transitions {
				flm[ob.ISO+"/"+string(t.From)+"→"+string(t.To)] = t.AreaKm2
			}
		}
		for _, v := range changeVs[4:] {
			rep.Agreements = append(rep.Agreements, compare("change "+c.changeFrom+" → "+c.changeTo+": transitions (from ≠ to), national and per oblast", v.Name, 1, flm, v.last.(map[string]float64)))
		}
	}

	// ---- change between random pairs of days ----
	if c.randomPairs > 0 {
		op, ags, err := randomChanges(ctx, c, store, svcNoCache, pg, changeSQL)
		if err != nil {
			return err
		}
		if op != nil {
			rep.Ops = append(rep.Ops, *op)
			rep.Agreements = append(rep.Agreements, ags...)
		}
	}

	// ---- series ----
	seriesSQL := map[string]string{"pieces": bench.MustSQL("series_pieces"), "raw": bench.MustSQL("series_raw")}
	seriesVs := []*variant{
		{Name: "Frontline in-process `svc.Series`", Kind: "frontline", Includes: "reading the snapshot rows (stored national km² per status), one entry per day with carry and day-over-day change", n: c.reps,
			fn: labelled("series", func() (any, error) {
				return svc.Series(ctx, c.layer, day(c.seriesFrom), day(c.seriesTo), time.Time{})
			})},
		{Name: "Frontline CLI `series --json`", Kind: "cli", Includes: "process start, opening (boundaries, database, and whatever else the CLI loads), the same, JSON output", n: c.reps,
			fn: func() (any, error) {
				return nil, runCLI(ctx, c.bin, "series", "--db", dbPath, "--layer", c.layer, "--from", c.seriesFrom, "--to", c.seriesTo, "--json")
			}},
		{Name: "PostGIS from pieces (`series_pieces.sql`)", Kind: "pieces", Includes: "map of each day (LATERAL … LIMIT 1), SUM(area_km2) per snapshot and status, lag() for the change, over pgx", n: c.reps,
			fn: func() (any, error) { return pgSeries(ctx, pg, seriesSQL["pieces"], c.seriesFrom, c.seriesTo) }},
	}
	if c.slowReps > 0 {
		seriesVs = append(seriesVs, &variant{Name: "PostGIS from raw features (`series_raw.sql`)", Kind: "raw", Includes: "bench_pieces for every snapshot of the window (classify … clip, areas), then the same, over pgx", n: c.slowReps, noWarm: true,
			fn: func() (any, error) { return pgSeries(ctx, pg, seriesSQL["raw"], c.seriesFrom, c.seriesTo) }})
	}
	if err := measure("series", seriesVs); err != nil {
		return err
	}
	rep.Ops = append(rep.Ops, opReport{"series " + c.seriesFrom + " … " + c.seriesTo, seriesVs})
	{
		fl := seriesVs[0].last.(*frontline.SeriesResult)
		flm := map[string]float64{}
		for _, d := range fl.Days {
			for st, v := range d.AreasKm2 {
				flm[d.Date+"/"+string(st)] = v
			}
			if d.Carried {
				flm[d.Date+"/carried"] = 1e9 // compared as a flag
			}
		}
		for _, v := range seriesVs[2:] {
			a := compare("series "+c.seriesFrom+" … "+c.seriesTo+": km² per status per day (and the carried flag)", v.Name, 1, flm, v.last.(map[string]float64))
			a.Note = fmt.Sprintf("%d days in Frontline's series", len(fl.Days))
			rep.Agreements = append(rep.Agreements, a)
		}
	}

	rep.LoadAfter = loadavg()
	rep.Took = time.Since(started).Seconds()
	return writeReport(c, rep)
}

// randomChanges times the change between c.randomPairs pairs of distinct
// days drawn at random (seeded) among the days with a map: Frontline
// computed (no cache) and PostGIS from pieces, each pair once, no warm-up,
// so that the figure is the cost of a question nobody asked before. It
// returns nil when the layer has fewer than two days.
func randomChanges(ctx context.Context, c config, store *sqlite.SnapshotStore, svc *control.Service, pg *pgx.Conn, changeSQL map[string]string) (*opReport, []agreement, error) {
	snaps, err := store.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: c.layer})
	if err != nil {
		return nil, nil, err
	}
	// The days of the store that have a file in -data: the same thing
	// on a full run; with -frontline-db (a store of the whole archive)
	// and -data a folder of some of its maps (PostGIS imports only those:
	// the last map of each day drawn), the pairs are days both hold.
	inData := map[string]bool{}
	if files, err := filepath.Glob(filepath.Join(c.data, "*.geojson")); err == nil {
		for _, f := range files {
			if t, ok := control.TimeFromName(f); ok {
				inData[t.UTC().Format("2006-01-02")] = true
			}
		}
	}
	seen := map[string]bool{}
	var days []string
	for _, s := range snaps {
		if d := s.ValidAt.UTC().Format("2006-01-02"); !seen[d] && inData[d] {
			seen[d] = true
			days = append(days, d)
		}
	}
	sort.Strings(days)
	if len(days) < 2 {
		return nil, nil, nil
	}
	rng := rand.New(rand.NewPCG(uint64(c.seed), 13))
	type pair struct {
		from, to string
		a, b     frontline.Day
	}
	pairs := make([]pair, c.randomPairs)
	for i := range pairs {
		x, y := rng.IntN(len(days)), rng.IntN(len(days)-1)
		if y >= x {
			y++
		}
		if x > y {
			x, y = y, x
		}
		p := pair{from: days[x], to: days[y]}
		if p.a, err = frontline.ParseDay(p.from, time.UTC); err != nil {
			return nil, nil, err
		}
		if p.b, err = frontline.ParseDay(p.to, time.UTC); err != nil {
			return nil, nil, err
		}
		pairs[i] = p
	}
	flRes := make([]map[string]float64, len(pairs))
	pgRes := map[string][]map[string]float64{}
	var vs []*variant
	fi := 0
	vs = append(vs, &variant{Name: fmt.Sprintf("Frontline in-process `svc.Change`, computed (change cache bypassed), %d random pairs", len(pairs)), Kind: "frontline",
		Includes: "as the computed change above, one run per pair, no warm-up", n: len(pairs), noWarm: true,
		fn: labelled("change-random", func() (any, error) {
			i := fi % len(pairs)
			fi++
			r, err := svc.Change(ctx, c.layer, pairs[i].a, pairs[i].b, time.Time{})
			if err != nil {
				return nil, fmt.Errorf("%s → %s: %w", pairs[i].from, pairs[i].to, err)
			}
			m := map[string]float64{}
			for _, t := range r.Transitions {
				m["UA/"+string(t.From)+"→"+string(t.To)] = t.AreaKm2
			}
			for _, ob := range r.ByOblast {
				for _, t := range ob.Transitions {
					m[ob.ISO+"/"+string(t.From)+"→"+string(t.To)] = t.AreaKm2
				}
			}
			flRes[i] = m
			return r, nil
		})})
	for _, q := range []struct{ key, name string }{{"pieces", "PostGIS from pieces (`change_pieces.sql`)"}, {"skip", "PostGIS from pieces + identical-piece skip (`change_pieces_skip.sql`)"}} {
		sql, key := changeSQL[q.key], q.key
		pgRes[key] = make([]map[string]float64, len(pairs))
		k := 0
		vs = append(vs, &variant{Name: q.name + ", the same pairs", Kind: "pieces", Includes: "one run per pair, no warm-up, over pgx", n: len(pairs), noWarm: true,
			fn: func() (any, error) {
				i := k % len(pairs)
				k++
				m, err := pgChange(ctx, pg, sql, pairs[i].from, pairs[i].to)
				pgRes[key][i] = m
				return m, err
			}})
	}
	if err := measure("change, random pairs", vs); err != nil {
		return nil, nil, err
	}
	var list []string
	for _, p := range pairs {
		list = append(list, p.from+" → "+p.to)
	}
	var ags []agreement
	for i, v := range vs[1:] {
		key := []string{"pieces", "skip"}[i]
		all := agreement{What: fmt.Sprintf("change, %d random pairs: transitions (from ≠ to), national and per oblast", len(pairs)), Against: v.Name, MinKm2: 1}
		for j := range pairs {
			a := compare("", "", 1, flRes[j], pgRes[key][j])
			all.Compared += a.Compared
			if a.MaxRel > all.MaxRel {
				all.MaxRel, all.WorstKey = a.MaxRel, pairs[j].from+" → "+pairs[j].to+": "+a.WorstKey
			}
			all.MaxAbs = math.Max(all.MaxAbs, a.MaxAbs)
		}
		ags = append(ags, all)
	}
	return &opReport{fmt.Sprintf("change between %d random pairs of days (seed %d): %s", len(pairs), c.seed, strings.Join(list, ", ")), vs}, ags, nil
}

// labelled runs fn under the pprof label op=name.
func labelled(name string, fn func() (any, error)) func() (any, error) {
	return func() (r any, err error) {
		pprof.Do(context.Background(), pprof.Labels("op", name), func(context.Context) { r, err = fn() })
		return r, err
	}
}

// identicalPieces counts, for the change pair, the non-Ukraine pieces of
// each map and those byte-identical in both (which Frontline's change skips).
func identicalPieces(ctx context.Context, store *sqlite.SnapshotStore, layer string, from, to frontline.Day) (string, error) {
	pick := func(d frontline.Day) (*frontline.Snapshot, error) {
		s, err := store.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: layer, ValidTo: d.End, Desc: true, Limit: 1})
		if err != nil || len(s) == 0 {
			return nil, fmt.Errorf("no snapshot for %s: %v", d.Label, err)
		}
		return s[0], nil
	}
	a, err := pick(from)
	if err != nil {
		return "", err
	}
	b, err := pick(to)
	if err != nil {
		return "", err
	}
	pa, err := store.SnapshotPieces(ctx, a.ID, true)
	if err != nil {
		return "", err
	}
	pb, err := store.SnapshotPieces(ctx, b.ID, true)
	if err != nil {
		return "", err
	}
	wkb := map[string][]byte{}
	na, nb, same, bytesA := 0, 0, 0, 0
	for _, p := range pa {
		if p.Status != frontline.StatusUkraine && len(p.WKB) > 0 {
			na++
			bytesA += len(p.WKB)
			wkb[p.Oblast+"/"+string(p.Status)] = p.WKB
		}
	}
	for _, p := range pb {
		if p.Status != frontline.StatusUkraine && len(p.WKB) > 0 {
			nb++
			if w, ok := wkb[p.Oblast+"/"+string(p.Status)]; ok && string(w) == string(p.WKB) {
				same++
			}
		}
	}
	return fmt.Sprintf("change %s (snapshot %s) → %s (snapshot %s): %d and %d non-Ukraine pieces, %d byte-identical in both (skipped by Frontline's change); %d KB of WKB in the first map",
		from.Label, a.SourceName, to.Label, b.SourceName, na, nb, same, bytesA/1024), nil
}

// noCacheStore is the SQLite store without its change cache: every Change
// computes.
type noCacheStore struct{ *sqlite.SnapshotStore }

func (noCacheStore) ChangeCache(context.Context, int64, int64, string) ([]byte, error) {
	return nil, frontline.Errorf(frontline.ENOTFOUND, "bench: change cache bypassed")
}

func (noCacheStore) PutChangeCache(context.Context, int64, int64, string, []byte) error { return nil }

// ---- CPU time ----

// selfCPU is this process's user+system CPU time in ms.
func selfCPU() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e6
}

// cliCPUms accumulates the CPU time of every frontline command run.
var cliCPUms float64

func cliCPU() float64 { return cliCPUms }

// backendCPU returns the CPU time in ms of a PostgreSQL backend on this
// machine (/proc/PID/schedstat: ns on CPU), or NaN.
func backendCPU(pid uint32) func() float64 {
	return func() float64 {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/schedstat", pid))
		if err != nil {
			return math.NaN()
		}
		var ns float64
		if _, err := fmt.Sscanf(string(b), "%f", &ns); err != nil {
			return math.NaN()
		}
		return ns / 1e6
	}
}

// ---- Frontline CLI ----

func runCLI(ctx context.Context, bin string, args ...string) error {
	return runCLIEnv(ctx, nil, bin, args...)
}

// runCLIEnv runs bin with args, adding env to the environment.
func runCLIEnv(ctx context.Context, env []string, bin string, args ...string) error {
	cmd := exec.CommandContext(ctx, bin, args...)
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	cmd.Stdout = io.Discard
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	if cmd.ProcessState != nil {
		cliCPUms += float64((cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Microseconds()) / 1000
	}
	if err != nil {
		return fmt.Errorf("%s %s: %v: %s", bin, strings.Join(args, " "), err, lastLine(stderr.String()))
	}
	return nil
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// ---- PostGIS ----

// connectBench creates the benchmark database on the server of c.pgURL if
// needed and connects to it. It also returns the connection in ogr2ogr's
// "PG:" form.
func connectBench(ctx context.Context, c config) (*pgx.Conn, *pgx.ConnConfig, string, error) {
	admin, err := pgx.Connect(ctx, c.pgURL)
	if err != nil {
		return nil, nil, "", fmt.Errorf("connect %s: %w", redact(c.pgURL), err)
	}
	var exists bool
	if err := admin.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", c.pgDB).Scan(&exists); err != nil {
		admin.Close(ctx)
		return nil, nil, "", err
	}
	if !exists {
		if _, err := admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{c.pgDB}.Sanitize()); err != nil {
			admin.Close(ctx)
			return nil, nil, "", err
		}
	}
	admin.Close(ctx)
	u, err := url.Parse(c.pgURL)
	if err != nil {
		return nil, nil, "", err
	}
	u.Path = "/" + c.pgDB
	cfg, err := pgx.ParseConfig(u.String())
	if err != nil {
		return nil, nil, "", err
	}
	cfg.RuntimeParams["timezone"] = "UTC"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, nil, "", err
	}
	if _, err := conn.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS postgis"); err != nil {
		return nil, nil, "", err
	}
	kv := fmt.Sprintf("PG:host=%s port=%d dbname=%s user=%s password=%s", cfg.Host, cfg.Port, c.pgDB, cfg.User, cfg.Password)
	return conn, cfg, kv, nil
}

func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "?"
	}
	return u.Redacted()
}

// pgImportOnce is the PostGIS import: schema, ogr2ogr of the boundaries and
// every file (ogrJobs at a time), then import.sql, import_pieces.sql per
// batch of pgBatch snapshots on conns connections at once (each on every
// conns-th batch) and import_finish.sql. It returns the time of each phase in ms.
func pgImportOnce(ctx context.Context, pg *pgx.Conn, cfg *pgx.ConnConfig, pgKV string, c config, files []string, conns int) (ph [3]float64, err error) {
	t := time.Now()
	if _, err = pg.Exec(ctx, bench.MustSQL("schema")); err != nil {
		return ph, fmt.Errorf("schema.sql: %w", err)
	}
	ph[0] = ms(time.Since(t))
	t = time.Now()
	ogr := func(args ...string) error {
		base := []string{"--config", "PG_USE_COPY", "YES", "-f", "PostgreSQL", pgKV}
		cmd := exec.CommandContext(ctx, "ogr2ogr", append(base, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("ogr2ogr %s: %v: %s", strings.Join(args, " "), err, lastLine(string(out)))
		}
		return nil
	}
	if err = ogr(c.boundaries, "-append", "-nln", "boundaries", "-dim", "XY",
		"-sql", `SELECT kind, iso, name FROM "`+strings.TrimSuffix(filepath.Base(c.boundaries), filepath.Ext(c.boundaries))+`"`); err != nil {
		return ph, err
	}
	jobs := make(chan string)
	errs := make(chan error, len(files))
	var wg sync.WaitGroup
	for w := 0; w < max(1, c.ogrJobs); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
				errs <- ogr(f, "-append", "-nln", "raw_features", "-dim", "XY",
					"-sql", fmt.Sprintf(`SELECT name, '%s' AS src FROM "%s"`, name, name))
			}
		}()
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	close(errs)
	for e := range errs {
		if e != nil {
			return ph, e
		}
	}
	ph[1] = ms(time.Since(t))
	t = time.Now()
	if _, err = pg.Exec(ctx, bench.MustSQL("import")); err != nil {
		return ph, fmt.Errorf("import.sql: %w", err)
	}
	// The snapshots in batches of pgBatch, in id order; connection i of n
	// takes every n-th batch.
	var ids []int32
	if err = func() error {
		rows, err := pg.Query(ctx, "SELECT id FROM snapshots ORDER BY id")
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int32
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		return rows.Err()
	}(); err != nil {
		return ph, fmt.Errorf("snapshots: %w", err)
	}
	var batches [][]int32
	for b := max(1, c.pgBatch); len(ids) > 0; {
		k := min(b, len(ids))
		batches = append(batches, ids[:k])
		ids = ids[k:]
	}
	pieces := bench.MustSQL("import_pieces")
	insert := func(conn *pgx.Conn, i, n int) error {
		for j := i; j < len(batches); j += n {
			if _, err := conn.Exec(ctx, pieces, batches[j]); err != nil {
				return fmt.Errorf("import_pieces.sql (batch %d of %d, snapshots %d–%d): %w", j+1, len(batches), batches[j][0], batches[j][len(batches[j])-1], err)
			}
		}
		return nil
	}
	if conns <= 1 {
		if err = insert(pg, 0, 1); err != nil {
			return ph, err
		}
	} else {
		perr := make([]error, conns)
		var wg sync.WaitGroup
		for i := 0; i < conns; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				conn, err := pgx.ConnectConfig(ctx, cfg)
				if err != nil {
					perr[i] = err
					return
				}
				defer conn.Close(ctx)
				perr[i] = insert(conn, i, conns)
			}(i)
		}
		wg.Wait()
		if err = errors.Join(perr...); err != nil {
			return ph, err
		}
	}
	if _, err = pg.Exec(ctx, bench.MustSQL("import_finish")); err != nil {
		return ph, fmt.Errorf("import_finish.sql: %w", err)
	}
	ph[2] = ms(time.Since(t))
	logf("postgis import (%d connection(s)): schema %.0f ms, ogr2ogr %.0f ms, SQL %.0f ms", conns, ph[0], ph[1], ph[2])
	return ph, nil
}

// quiesce lets the previous import's writes settle before the next timed
// import: a PostgreSQL CHECKPOINT, no autovacuum worker running (the bench
// tables have autovacuum off, but the server is shared), and sync(1) of the
// page cache.
func quiesce(ctx context.Context, pg *pgx.Conn) {
	pg.Exec(ctx, "CHECKPOINT")
	for i := 0; i < 60; i++ {
		var n int
		if err := pg.QueryRow(ctx, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'").Scan(&n); err != nil || n == 0 {
			break
		}
		time.Sleep(time.Second)
	}
	exec.Command("sync").Run()
	time.Sleep(500 * time.Millisecond)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// pgArea returns km² keyed "ISO/status" ("UA/status" for the national sums).
func pgArea(ctx context.Context, pg *pgx.Conn, sql, day string) (map[string]float64, error) {
	rows, err := pg.Query(ctx, sql, day)
	if err != nil {
		return nil, err
	}
	out := map[string]float64{}
	for rows.Next() {
		var iso *string
		var st string
		var km2 float64
		if err := rows.Scan(&iso, &st, &km2); err != nil {
			return nil, err
		}
		k := "UA"
		if iso != nil {
			k = *iso
		}
		out[k+"/"+st] = km2
	}
	return out, rows.Err()
}

// pgChange returns the transitions (from ≠ to) keyed "ISO/from→to", and
// their national sums as "UA/from→to".
func pgChange(ctx context.Context, pg *pgx.Conn, sql, from, to string) (map[string]float64, error) {
	rows, err := pg.Query(ctx, sql, from, to)
	if err != nil {
		return nil, err
	}
	out := map[string]float64{}
	for rows.Next() {
		var iso, f, t string
		var km2 float64
		if err := rows.Scan(&iso, &f, &t, &km2); err != nil {
			return nil, err
		}
		if f == t || km2 <= 1e-6 {
			continue
		}
		out[iso+"/"+f+"→"+t] += km2
		out["UA/"+f+"→"+t] += km2
	}
	return out, rows.Err()
}

// pgSeries returns km² keyed "date/status", and "date/carried" for carried
// days.
func pgSeries(ctx context.Context, pg *pgx.Conn, sql, from, to string) (map[string]float64, error) {
	rows, err := pg.Query(ctx, sql, from, to)
	if err != nil {
		return nil, err
	}
	out := map[string]float64{}
	for rows.Next() {
		var d time.Time
		var id int
		var carried bool
		var st string
		var km2 float64
		var change *float64
		if err := rows.Scan(&d, &id, &carried, &st, &km2, &change); err != nil {
			return nil, err
		}
		k := d.Format("2006-01-02")
		out[k+"/"+st] = km2
		if carried {
			out[k+"/carried"] = 1e9
		}
	}
	return out, rows.Err()
}

// importAgreement compares the national km² per status of every snapshot,
// and every piece's km², between Frontline's store and the pieces table.
func importAgreement(ctx context.Context, store *sqlite.SnapshotStore, pg *pgx.Conn, layer string) ([]agreement, error) {
	snaps, err := store.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: layer})
	if err != nil {
		return nil, err
	}
	flNat, flPieces := map[string]float64{}, map[string]float64{}
	for _, s := range snaps {
		k := s.ValidAt.UTC().Format(time.RFC3339)
		for st, v := range s.AreasKm2 {
			flNat[k+"/"+string(st)] = v
		}
		pcs, err := store.SnapshotPieces(ctx, s.ID, false)
		if err != nil {
			return nil, err
		}
		for _, p := range pcs {
			flPieces[k+"/"+p.Oblast+"/"+string(p.Status)] += p.AreaKm2
		}
	}
	rows, err := pg.Query(ctx, `SELECT s.valid_at, p.iso, p.status, p.area_km2 FROM pieces p JOIN snapshots s ON s.id = p.snapshot_id`)
	if err != nil {
		return nil, err
	}
	pgNat, pgPieces := map[string]float64{}, map[string]float64{}
	for rows.Next() {
		var t time.Time
		var iso, st string
		var km2 float64
		if err := rows.Scan(&t, &iso, &st, &km2); err != nil {
			return nil, err
		}
		k := t.UTC().Format(time.RFC3339)
		pgNat[k+"/"+st] += km2
		pgPieces[k+"/"+iso+"/"+st] += km2
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var nPG int
	if err := pg.QueryRow(ctx, "SELECT count(*) FROM snapshots").Scan(&nPG); err != nil {
		return nil, err
	}
	note := fmt.Sprintf("%d snapshots in Frontline, %d in PostGIS", len(snaps), nPG)
	a := compare("import: national km² per status, every snapshot", "PostGIS pieces table", 1, flNat, pgNat)
	a.Note = note
	b := compare("import: km² per (snapshot, oblast, status) piece", "PostGIS pieces table", 1, flPieces, pgPieces)
	b.Note = note
	return []agreement{a, b}, nil
}

// ---- environment and report ----

func environment(ctx context.Context, pg *pgx.Conn, c config) map[string]string {
	env := map[string]string{
		"go":         runtime.Version(),
		"goos/arch":  runtime.GOOS + "/" + runtime.GOARCH,
		"cpus":       fmt.Sprint(runtime.NumCPU()),
		"cpu model":  cpuModel(),
		"memory":     memTotal(),
		"load start": loadavg(),
	}
	var v, pv string
	if err := pg.QueryRow(ctx, "SELECT version(), postgis_full_version()").Scan(&v, &pv); err == nil {
		env["postgresql"] = v
		env["postgis"] = pv
	}
	if out, err := exec.Command("ogr2ogr", "--version").Output(); err == nil {
		env["gdal"] = strings.TrimSpace(string(out))
	}
	if out, err := exec.Command(c.bin, "version").Output(); err == nil {
		env["frontline"] = strings.TrimSpace(string(out))
	}
	if c.source != "" {
		env["frontline built from"] = c.source
	}
	if out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output(); err == nil {
		env["commit"] = strings.TrimSpace(string(out))
		if st, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench").Output(); err == nil && len(st) > 0 {
			env["commit"] += " (tracked files outside bench/ modified)"
		}
	}
	var settings []string
	rows, err := pg.Query(ctx, `SELECT name, setting FROM pg_settings WHERE name IN ('shared_buffers','work_mem','max_parallel_workers_per_gather','jit','fsync','synchronous_commit') ORDER BY name`)
	if err == nil {
		for rows.Next() {
			var n, s string
			if rows.Scan(&n, &s) == nil {
				settings = append(settings, n+"="+s)
			}
		}
		rows.Close()
	}
	env["postgresql settings"] = strings.Join(settings, ", ")
	return env
}

func cpuModel() string {
	out, err := exec.Command("lscpu").Output()
	if err != nil {
		return "?"
	}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "Model name" {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

func memTotal() string {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "MemTotal:") {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(l, "MemTotal:")), "%f", &kb)
			return fmt.Sprintf("%.1f GiB", kb/1024/1024)
		}
	}
	return "?"
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func gogc() string {
	if v := os.Getenv("GOGC"); v != "" {
		return v
	}
	return "400 (set by the program, as cmd/frontline does)"
}

func fmtMS(x float64) string {
	switch {
	case math.IsNaN(x):
		return "–"
	case x >= 100:
		return fmt.Sprintf("%.0f", x)
	case x >= 10:
		return fmt.Sprintf("%.1f", x)
	default:
		return fmt.Sprintf("%.2f", x)
	}
}

func fmtRatio(x float64) string {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return "–"
	case x >= 100:
		return fmt.Sprintf("%.0f×", x)
	case x >= 10:
		return fmt.Sprintf("%.1f×", x)
	default:
		return fmt.Sprintf("%.2f×", x)
	}
}

func writeReport(c config, rep *report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Frontline vs PostGIS — benchmark run %s\n\n", rep.Started.Format(time.RFC3339))
	fmt.Fprintf(&b, "Produced by `bench/run.sh` (bench/cmd/compare). Times in ms: median and p90 (nearest rank) of n timed runs after one untimed warm-up (none for imports and the raw-feature series). Ratio = that row's median ÷ the Frontline median named in the column. CPU ms: user+system CPU time of the process doing the work — this program for in-process calls (getrusage), the frontline process for CLI runs, the PostgreSQL backend for queries (/proc/PID/schedstat); not measured for the PostGIS import (ogr2ogr's server backends are out of reach).\n\n")
	keys := make([]string, 0, len(rep.Env))
	for k := range rep.Env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "- %s: %s\n", k, rep.Env[k])
	}
	fmt.Fprintf(&b, "- load after: %s\n", rep.LoadAfter)
	fmt.Fprintf(&b, "- run took: %.0f s\n", rep.Took)
	cfg, _ := json.Marshal(rep.Config)
	fmt.Fprintf(&b, "- config: `%s`\n\n", cfg)
	for _, op := range rep.Ops {
		fmt.Fprintf(&b, "## %s\n\n", op.Op)
		var inproc, cli *variant
		for _, v := range op.Variants {
			if v.Kind == "cli-gogc" {
				continue
			}
			if v.Kind == "frontline" && inproc == nil {
				inproc = v
			}
			if v.Kind == "cli" && cli == nil {
				cli = v
			}
		}
		header := "| variant | median ms | p90 ms | CPU ms (median) | n |"
		sep := "|---|---:|---:|---:|---:|"
		if inproc != nil {
			header += " ÷ Frontline in-process |"
			sep += "---:|"
		}
		if cli != nil {
			header += " ÷ Frontline CLI |"
			sep += "---:|"
		}
		fmt.Fprintln(&b, header)
		fmt.Fprintln(&b, sep)
		for _, v := range op.Variants {
			line := fmt.Sprintf("| %s | %s | %s | %s | %d |", v.Name, fmtMS(v.median()), fmtMS(v.p90()), fmtMS(quantile(v.CPU, 0.5)), len(v.Samples))
			if inproc != nil {
				line += " " + fmtRatio(v.median()/inproc.median()) + " |"
			}
			if cli != nil {
				line += " " + fmtRatio(v.median()/cli.median()) + " |"
			}
			fmt.Fprintln(&b, line)
		}
		fmt.Fprintln(&b)
		for _, v := range op.Variants {
			fmt.Fprintf(&b, "- %s: %s\n", v.Name, v.Includes)
		}
		fmt.Fprintln(&b)
	}
	fmt.Fprintf(&b, "## Other timings\n\n| what | median ms | p90 ms | n |\n|---|---:|---:|---:|\n")
	ek := make([]string, 0, len(rep.Extra))
	for k := range rep.Extra {
		ek = append(ek, k)
	}
	sort.Strings(ek)
	for _, k := range ek {
		xs := rep.Extra[k]
		fmt.Fprintf(&b, "| %s | %s | %s | %d |\n", k, fmtMS(quantile(xs, 0.5)), fmtMS(quantile(xs, 0.9)), len(xs))
	}
	fmt.Fprintf(&b, "\n## Agreement (Frontline vs PostGIS)\n\n| check | PostGIS side | compared (> %g km²) | max relative difference | max absolute difference km² | worst |\n|---|---|---:|---:|---:|---|\n", 1.0)
	for _, a := range rep.Agreements {
		w := a.WorstKey
		if a.Note != "" {
			w += " (" + a.Note + ")"
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %.2e | %.2e | %s |\n", a.What, a.Against, a.Compared, a.MaxRel, a.MaxAbs, w)
	}
	if len(rep.Notes) > 0 {
		fmt.Fprintf(&b, "\n## Notes\n\n")
		for _, n := range rep.Notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
	}
	fmt.Print(b.String())
	if c.out == "" {
		return nil
	}
	if err := os.MkdirAll(c.out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(c.out, "latest.md"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	j, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(c.out, "latest.json"), j, 0o644)
}
