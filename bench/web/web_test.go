//go:build webbench

// Package web times the web map in headless Chromium: page load to idle
// and one slider step, over several runs, against the whole server (real
// SQLite store with the full bundled demo, the gazetteer, the API and the
// embedded web map) on 127.0.0.1. Not part of `go test ./...` (build tag):
//
//	bench/web/run.sh            # = scripts/build-web.sh + go test -tags webbench
//	BENCH_WEB_RUNS=20 bench/web/run.sh
//	BENCH_WEB_DB=store.db bench/web/run.sh   # a store already imported (the full archive: make bench FULL=DIR)
//	BENCH_WEB_URL=http://127.0.0.1:8080 bench/web/run.sh   # a running server (frontline serve), e.g. another build's
//
// BENCH_WEB_DB is copied into a temporary folder first, so that the
// answers the server stores (the change cache) do not change it.
package web

import (
	"bytes"
	"context"
	"fmt"
	neturl "net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/demo"
	"github.com/frontline-osint/frontline/gazetteer"
	fhttp "github.com/frontline-osint/frontline/http"
	"github.com/frontline-osint/frontline/sqlite"
	fweb "github.com/frontline-osint/frontline/web"
)

func server(t *testing.T) *fhttp.Server {
	ctx := context.Background()
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "frontline.db")
	from := os.Getenv("BENCH_WEB_DB")
	if from != "" {
		for _, suffix := range []string{"", "-wal"} {
			b, err := os.ReadFile(from + suffix)
			if suffix != "" && os.IsNotExist(err) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path+suffix, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := control.NewService(sqlite.NewSnapshotStore(db), bounds)
	if from == "" {
		importDemo(t, ctx, svc)
	}
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	gazetteer.FillNames(places)
	g := gazetteer.New(places)
	svc.SetPlaces(g.Places)
	s := fhttp.NewServer()
	s.Addr, s.LayerService, s.PlaceService, s.MapService, s.FrontService, s.Static = "127.0.0.1:0", svc, g, svc, svc, fweb.Handler()
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// importDemo loads the bundled demo (90 DeepState maps) into svc.
func importDemo(t *testing.T, ctx context.Context, svc *control.Service) {
	b, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.CreateLayer(ctx, &frontline.Layer{Name: b.Layer, Title: b.Title, Source: b.Source, Licence: b.Licence}); err != nil {
		t.Fatal(err)
	}
	var failed error
	err = svc.ImportMany(ctx, len(b.Snapshots), func(i int) (frontline.ImportRequest, error) {
		sn := b.Snapshots[i]
		return frontline.ImportRequest{Layer: b.Layer, SourceName: sn.Name, Data: sn.GeoJSON, ValidAt: sn.ValidAt}, nil
	}, func(i int, _ *frontline.ImportResult, err error) {
		if err != nil && failed == nil {
			failed = err
		}
	})
	if err == nil {
		err = failed
	}
	if err != nil {
		t.Fatal(err)
	}
}

// profileDir is the browser's profile folder: its processes are those
// whose command line names it (browserCPU).
var profileDir string

// browserCPU is the CPU time (user + system) each of the browser's
// processes has used so far, by process ID: every process whose command
// line names profileDir (the browser, its renderers, its GPU process with
// SwiftShader's threads). Linux only (/proc); empty elsewhere.
func browserCPU() map[int]time.Duration {
	cpu := map[int]time.Duration{}
	ents, err := os.ReadDir("/proc")
	if err != nil || profileDir == "" {
		return cpu
	}
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		cmd, err := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if err != nil || !bytes.Contains(cmd, []byte(profileDir)) {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// Fields after the command's closing parenthesis: state is the
		// 3rd field, utime the 14th and stime the 15th.
		f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(f) < 13 {
			continue
		}
		u, _ := strconv.ParseInt(f[11], 10, 64)
		s, _ := strconv.ParseInt(f[12], 10, 64)
		cpu[pid] = time.Duration(u+s) * (time.Second / 100) // USER_HZ is 100 on Linux
	}
	return cpu
}

// cpuSince is the browser's CPU time since before (a browserCPU): that of
// the processes alive now (one that ended in between is not counted).
// Under a shared machine's load the wall times vary with the load; the
// CPU time much less.
func cpuSince(before map[int]time.Duration) time.Duration {
	var d time.Duration
	for pid, c := range browserCPU() {
		d += c - before[pid]
	}
	return d
}

// The same flags as the browser tests (web/browser_test.go).
func browser(t *testing.T) context.Context {
	path := os.Getenv("FRONTLINE_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	profileDir = t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:0:0],
		chromedp.ExecPath(path), chromedp.UserDataDir(profileDir),
		chromedp.Flag("headless", "new"), chromedp.Flag("no-sandbox", true), chromedp.Flag("disable-gpu", true),
		chromedp.Flag("use-gl", "angle"), chromedp.Flag("use-angle", "swiftshader"), chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-timer-throttling", true), chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true), chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(1366, 768))
	// BENCH_WEB_JSFLAGS passes V8 flags (diagnosis only: e.g. "--no-opt
	// --no-maglev" shows what V8's optimising compilers cost).
	if f := os.Getenv("BENCH_WEB_JSFLAGS"); f != "" {
		opts = append(opts, chromedp.Flag("js-flags", f))
	}
	// BENCH_WEB_LOG writes the browser's output (with --trace-opt in
	// BENCH_WEB_JSFLAGS: what V8 optimised) to that file.
	if p := os.Getenv("BENCH_WEB_LOG"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		opts = append(opts, chromedp.CombinedOutput(f))
	}
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(alloc)
	t.Cleanup(cancel2)
	if err := chromedp.Run(ctx); err != nil {
		t.Fatal(err)
	}
	return ctx
}

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

// idleAt resolves, in the page, to performance.now() at the first frame the
// page reports idle twice in a row.
const idleAt = `new Promise((resolve) => {
	let n = 0;
	const check = () => {
		if (window.frontline && window.frontline.idle()) { if (++n >= 2) { resolve(performance.now()); return; } } else n = 0;
		requestAnimationFrame(check);
	};
	requestAnimationFrame(check);
})`

// step moves the slider to day i and resolves to [ms to the polygons
// drawn, ms to idle (figures and sites too), map frames painted (-1 if
// the page does not count them)].
const step = `(async (i) => {
	const s = document.getElementById("slider"), before = window.frontline.shown.key;
	const painted = () => { const f = window.frontline.debug().frames; return f ? f.painted : NaN; }, p0 = painted();
	const t0 = performance.now();
	s.value = String(i);
	s.dispatchEvent(new Event("input", {bubbles: true}));
	let drawn = 0;
	await new Promise((resolve) => {
		let n = 0;
		const check = () => {
			// (frontline.loaded: this build's; map().loaded: MapLibre's, in builds before it.)
			const loaded = window.frontline.loaded ? window.frontline.loaded() : window.frontline.map().loaded();
			if (!drawn && window.frontline.shown.key !== before && loaded) drawn = performance.now() - t0;
			if (window.frontline.idle()) { if (++n >= 2) { resolve(); return; } } else n = 0;
			requestAnimationFrame(check);
		};
		requestAnimationFrame(check);
	});
	const frames = painted() - p0;
	return [drawn, performance.now() - t0, Number.isNaN(frames) ? -1 : frames];
})`

// pageStats are one page's figures over the runs.
type pageStats struct {
	coldLoad, warmLoad, stepDrawn, stepIdle, warmCPU, stepCPU, stepFrames, loadFrames []float64
	marks                                                                             map[string][]float64
}

var markNames = []string{"responseEnd", "frontline:start", "frontline:days", "frontline:day-map", "frontline:map-ready", "frontline:drawn"}

func TestPageLoad(t *testing.T) {
	runs := 10
	if v, err := strconv.Atoi(os.Getenv("BENCH_WEB_RUNS")); err == nil && v > 0 {
		runs = v
	}
	start, load0 := time.Now(), loadavg()
	url := target(t)
	t.Logf("server up in %s", time.Since(start).Round(time.Millisecond))
	// BENCH_WEB_PATH: the page to load, "/" unless set (e.g. "/?debug=noskip");
	// BENCH_WEB_PATHS: several, space-separated, taken in turn in each run,
	// each run starting with the next (e.g. "/?renderer=webgl /?renderer=canvas":
	// side by side, under the same load); one that starts with "http" is a
	// whole URL (another server: another build's page).
	pages := []string{"/"}
	if p := os.Getenv("BENCH_WEB_PATH"); p != "" {
		pages = []string{p}
	}
	if ps := strings.Fields(os.Getenv("BENCH_WEB_PATHS")); len(ps) > 0 {
		pages = ps
	}
	root := browser(t)
	stats := map[string]*pageStats{}
	for _, p := range pages {
		stats[p] = &pageStats{marks: map[string][]float64{}}
	}
	for r := 0; r < runs; r++ {
		for k := range pages {
			page0 := pages[(r+k)%len(pages)]
			u := url + page0
			if strings.HasPrefix(page0, "http") {
				u = page0
			}
			loadRun(t, root, u, stats[page0])
		}
	}
	store := "the bundled demo (90 maps)"
	if p := os.Getenv("BENCH_WEB_DB"); p != "" {
		store = p
	}
	if u := os.Getenv("BENCH_WEB_URL"); u != "" {
		store = "the server at " + u
	}
	report := fmt.Sprintf("web map, headless Chromium (SwiftShader WebGL), 1366×768, %d runs, store %s\n", runs, store)
	report += fmt.Sprintf("  load average (1, 5, 15 min) at the start %s, at the end %s\n", load0, loadavg())
	for _, page0 := range pages {
		st := stats[page0]
		if len(pages) > 1 {
			report += fmt.Sprintf(" page %s\n", page0)
		}
		for _, m := range []struct {
			name string
			v    []float64
		}{
			{"page load to idle, empty cache (ms)", st.coldLoad},
			{"page load to idle, warm cache (ms)", st.warmLoad},
			{"slider step to polygons drawn (ms)", st.stepDrawn},
			{"slider step to idle: figures, sites (ms)", st.stepIdle},
			{"browser CPU, warm load to idle (ms)", st.warmCPU},
			{"browser CPU, slider step to idle (ms)", st.stepCPU},
			{"map frames painted, warm load (-1: not counted)", st.loadFrames},
			{"map frames painted, slider step", st.stepFrames},
		} {
			report += fmt.Sprintf("  %-44s median %6.0f  p95 %6.0f  max %6.0f  (n=%d)\n", m.name, pctl(m.v, 50), pctl(m.v, 95), pctl(m.v, 100), len(m.v))
		}
		// Each run's empty-cache load, in order: the first also meets a server
		// that computes each answer for the first time.
		report += "  empty-cache load per run (ms):"
		for _, v := range st.coldLoad {
			report += fmt.Sprintf(" %.0f", v)
		}
		report += "\n"
		report += "  warm load, milestones (median ms from navigation start):"
		for _, k := range markNames {
			report += fmt.Sprintf(" %s %.0f;", k, pctl(st.marks[k], 50))
		}
		report += " idle " + fmt.Sprintf("%.0f\n", pctl(st.warmLoad, 50))
	}
	t.Log("\n" + report)
	if out := os.Getenv("BENCH_WEB_OUT"); out != "" {
		if err := os.WriteFile(out, []byte(report), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// loadRun loads pageURL in a fresh tab, the browser's cache and the
// origin's storage emptied first, then again with its cache (after
// about:blank), then steps the slider ten days forward from 2022-09-06 and
// two back; its figures go to st.
func loadRun(t *testing.T, root context.Context, pageURL string, st *pageStats) {
	ctx, cancel := chromedp.NewContext(root)
	defer cancel()
	var cold, warm float64
	var days []string
	var frames float64
	warmMarks := map[string]float64{}
	var cpu0 map[int]time.Duration
	err := chromedp.Run(ctx, page.BringToFront(), network.Enable(), network.ClearBrowserCache(), clearStorage(pageURL),
		chromedp.Navigate(pageURL), chromedp.Evaluate(idleAt, &cold, awaitPromise),
		chromedp.Navigate("about:blank"),
		chromedp.ActionFunc(func(context.Context) error { cpu0 = browserCPU(); return nil }),
		chromedp.Navigate(pageURL), chromedp.Evaluate(idleAt, &warm, awaitPromise),
		chromedp.ActionFunc(func(context.Context) error {
			st.warmCPU = append(st.warmCPU, float64(cpuSince(cpu0).Milliseconds()))
			return nil
		}),
		chromedp.Evaluate(`window.frontline.days`, &days),
		chromedp.Evaluate(`(window.frontline.debug().frames || {painted: -1}).painted`, &frames),
		chromedp.Evaluate(`Object.fromEntries([["responseEnd", performance.getEntriesByType("navigation")[0].responseEnd],
			...performance.getEntriesByType("mark").filter(m => m.name.startsWith("frontline:")).map(m => [m.name, m.startTime])])`, &warmMarks))
	if err != nil {
		t.Fatal(err)
	}
	st.coldLoad, st.warmLoad = append(st.coldLoad, cold), append(st.warmLoad, warm)
	st.loadFrames = append(st.loadFrames, frames)
	for k, v := range warmMarks {
		st.marks[k] = append(st.marks[k], v)
	}
	i0 := indexOf(days, "2022-09-06")
	for k, i := range []int{i0, i0 + 1, i0 + 2, i0 + 3, i0 + 4, i0 + 5, i0 + 6, i0 + 7, i0 + 8, i0 + 9, i0 + 8, i0 + 7} {
		var ms []float64
		c0 := browserCPU()
		if err := chromedp.Run(ctx, chromedp.Evaluate(fmt.Sprintf("%s(%d)", step, i), &ms, awaitPromise)); err != nil {
			t.Fatal(err)
		}
		if k > 0 { // the first moves from the default day, 2022-09-13
			st.stepDrawn, st.stepIdle = append(st.stepDrawn, ms[0]), append(st.stepIdle, ms[1])
			st.stepCPU = append(st.stepCPU, float64(cpuSince(c0).Milliseconds()))
			st.stepFrames = append(st.stepFrames, ms[2])
		}
	}
}

// clearStorage empties the page's origin's stored data (local storage,
// where the page remembers that WebGL is software): with the emptied
// cache, a first visit.
func clearStorage(pageURL string) chromedp.Action {
	u, err := neturl.Parse(pageURL)
	if err != nil {
		return chromedp.ActionFunc(func(context.Context) error { return err })
	}
	return storage.ClearDataForOrigin(u.Scheme+"://"+u.Host, "all")
}

// loadavg is the machine's load average (/proc/loadavg's first three
// fields), "" where there is none.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return 0
}

func pctl(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	i := int(float64(len(s)-1)*p/100 + 0.5)
	return s[i]
}
