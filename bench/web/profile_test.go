//go:build webbench

package web

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
	"github.com/go-json-experiment/json/jsontext"
)

// TestProfile records a Chrome trace (every thread and process: the
// page's main thread, MapLibre's workers, the GPU process's SwiftShader)
// of one warm page load to idle and writes it as JSON to BENCH_WEB_TRACE
// (default web-trace.json), for chrome://tracing, Perfetto or
// bench/web/trace.py:
//
//	BENCH_WEB_URL=http://127.0.0.1:8080 go test -tags webbench -run TestProfile ./bench/web/
func TestProfile(t *testing.T) {
	url := target(t)
	if p := os.Getenv("BENCH_WEB_PATH"); p != "" {
		url += p
	} else {
		url += "/"
	}
	root := browser(t)
	ctx, cancel := chromedp.NewContext(root)
	defer cancel()
	var (
		mu     sync.Mutex
		events []jsontext.Value
		done   = make(chan struct{})
	)
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			events = append(events, e.Value...)
			mu.Unlock()
		case *tracing.EventTracingComplete:
			close(done)
		}
	})
	var idle float64
	// One load first: the browser's cache then holds the assets, as in the
	// benchmark's warm load.
	if err := chromedp.Run(ctx, page.BringToFront(), network.Enable(), chromedp.Navigate(url), chromedp.Evaluate(idleAt, &idle, awaitPromise), chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	cats := []string{"-*", "toplevel", "devtools.timeline", "v8.execute", "blink.user_timing", "disabled-by-default-devtools.timeline",
		"disabled-by-default-devtools.timeline.frame", "disabled-by-default-v8.cpu_profiler", "gpu", "viz", "cc"}
	// BENCH_WEB_CATS adds trace categories, e.g. "v8,disabled-by-default-v8.compile".
	if c := os.Getenv("BENCH_WEB_CATS"); c != "" {
		cats = append(cats, strings.Split(c, ",")...)
	}
	start := tracing.Start().WithTransferMode(tracing.TransferModeReportEvents).
		WithTraceConfig(&tracing.TraceConfig{IncludedCategories: cats, EnableSampling: true})
	cpu0 := browserCPU()
	if err := chromedp.Run(ctx, start, chromedp.Navigate(url), chromedp.Evaluate(idleAt, &idle, awaitPromise)); err != nil {
		t.Fatal(err)
	}
	cpu := cpuSince(cpu0)
	time.Sleep(200 * time.Millisecond)
	if err := chromedp.Run(ctx, tracing.End()); err != nil {
		t.Fatal(err)
	}
	<-done
	t.Logf("idle at %.0f ms, browser CPU %d ms (tracing included), %d trace events", idle, cpu.Milliseconds(), len(events))
	out := os.Getenv("BENCH_WEB_TRACE")
	if out == "" {
		out = "web-trace.json"
	}
	b := []byte(`{"traceEvents":[`)
	for i, e := range events {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, e...)
	}
	b = append(b, "]}"...)
	if err := os.WriteFile(out, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// target is the server to time: BENCH_WEB_URL if set (a running
// `frontline serve`), else one started here (see server).
func target(t *testing.T) string {
	if u := os.Getenv("BENCH_WEB_URL"); u != "" {
		return u
	}
	return server(t).URL()
}

// TestLoadCPU loads the page BENCH_WEB_RUNS times (default 5) for each of
// the paths in BENCH_WEB_PATHS (space-separated, default "/"), in turn,
// after one load that fills the browser's cache, and reports each path's
// wall time to idle and the browser's CPU time (all its processes) per
// load: a figure that varies much less with the machine's load.
//
//	BENCH_WEB_URL=http://127.0.0.1:8080 BENCH_WEB_PATHS="/ /?x=1" go test -tags webbench -run TestLoadCPU -v ./bench/web/
func TestLoadCPU(t *testing.T) {
	url := target(t)
	paths := strings.Split(os.Getenv("BENCH_WEB_PATHS"), " ")
	if paths[0] == "" {
		paths = []string{"/"}
	}
	runs := 5
	if v, err := strconv.Atoi(os.Getenv("BENCH_WEB_RUNS")); err == nil && v > 0 {
		runs = v
	}
	root := browser(t)
	ctx, cancel := chromedp.NewContext(root)
	defer cancel()
	var idle float64
	if err := chromedp.Run(ctx, page.BringToFront(), network.Enable(), chromedp.Navigate(url+paths[0]), chromedp.Evaluate(idleAt, &idle, awaitPromise)); err != nil {
		t.Fatal(err)
	}
	wall, cpu := map[string][]float64{}, map[string][]float64{}
	for r := 0; r < runs; r++ {
		for _, p := range paths {
			time.Sleep(300 * time.Millisecond)
			c0 := browserCPU()
			if err := chromedp.Run(ctx, chromedp.Navigate(url+p), chromedp.Evaluate(idleAt, &idle, awaitPromise)); err != nil {
				t.Fatal(err)
			}
			wall[p] = append(wall[p], idle)
			cpu[p] = append(cpu[p], float64(cpuSince(c0).Milliseconds()))
		}
	}
	if os.Getenv("BENCH_WEB_DEBUG") != "" {
		var dbg string
		if err := chromedp.Run(ctx, chromedp.Evaluate(`JSON.stringify(window.frontline.debug())`, &dbg)); err == nil {
			t.Log(dbg)
		}
	}
	for _, p := range paths {
		t.Logf("%-40s load to idle median %5.0f ms (min %5.0f)  browser CPU median %5.0f ms (min %5.0f)  runs %v %v",
			p, pctl(wall[p], 50), pctl(wall[p], 0), pctl(cpu[p], 50), pctl(cpu[p], 0), wall[p], cpu[p])
	}
}

// threadCPU is the CPU time of each of the browser's threads, by
// "process type/thread name/tid".
func threadCPU() map[string]time.Duration {
	cpu := map[string]time.Duration{}
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		cmd, err := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if err != nil || !bytes.Contains(cmd, []byte(profileDir)) {
			continue
		}
		kind := "browser"
		if i := bytes.Index(cmd, []byte("--type=")); i >= 0 {
			kind = string(cmd[i+7:])
			if j := strings.IndexAny(kind, "\x00 "); j >= 0 {
				kind = kind[:j]
			}
		}
		tasks, _ := os.ReadDir("/proc/" + e.Name() + "/task")
		for _, tk := range tasks {
			stat, err := os.ReadFile("/proc/" + e.Name() + "/task/" + tk.Name() + "/stat")
			if err != nil {
				continue
			}
			name := string(stat[bytes.IndexByte(stat, '(')+1 : bytes.LastIndexByte(stat, ')')])
			f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
			u, _ := strconv.ParseInt(f[11], 10, 64)
			s, _ := strconv.ParseInt(f[12], 10, 64)
			cpu[kind+"/"+name+"/"+e.Name()+"."+tk.Name()] = time.Duration(u+s) * (time.Second / 100)
		}
	}
	return cpu
}

// TestThreadCPU loads BENCH_WEB_PATH (default "/") BENCH_WEB_RUNS times
// and reports the CPU time of the browser's threads, summed by process
// type and thread name.
func TestThreadCPU(t *testing.T) {
	url := target(t)
	p := os.Getenv("BENCH_WEB_PATH")
	if p == "" {
		p = "/"
	}
	runs := 3
	if v, err := strconv.Atoi(os.Getenv("BENCH_WEB_RUNS")); err == nil && v > 0 {
		runs = v
	}
	root := browser(t)
	ctx, cancel := chromedp.NewContext(root)
	defer cancel()
	var idle float64
	if err := chromedp.Run(ctx, page.BringToFront(), network.Enable(), chromedp.Navigate(url+p), chromedp.Evaluate(idleAt, &idle, awaitPromise)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	before := threadCPU()
	for r := 0; r < runs; r++ {
		if err := chromedp.Run(ctx, chromedp.Navigate(url+p), chromedp.Evaluate(idleAt, &idle, awaitPromise)); err != nil {
			t.Fatal(err)
		}
	}
	sum := map[string]time.Duration{}
	var total time.Duration
	for k, v := range threadCPU() {
		d := v - before[k]
		parts := strings.Split(k, "/")
		sum[parts[0]+"/"+parts[1]] += d
		total += d
	}
	keys := make([]string, 0, len(sum))
	for k := range sum {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return sum[keys[i]] > sum[keys[j]] })
	out := fmt.Sprintf("%s: browser CPU per load %d ms\n", p, total.Milliseconds()/int64(runs))
	for _, k := range keys {
		if sum[k] > 0 {
			out += fmt.Sprintf("  %6d ms  %s\n", sum[k].Milliseconds()/int64(runs), k)
		}
	}
	t.Log("\n" + out)
}
