//go:build webbench

package web

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// timeline is what one load did when, read from the page after it is
// idle: the navigation's timing, each resource's request and answer (the
// Resource Timing API: start, first byte, end, bytes on the wire and
// decoded), the page's marks and, with ?debug=log, its own event log.
const timeline = `(() => {
	const n = performance.getEntriesByType("navigation")[0];
	const r = (x) => Math.round(x);
	const out = [];
	out.push(["navigation", 0, r(n.responseStart), r(n.responseEnd), n.transferSize, n.decodedBodySize]);
	out.push(["domInteractive", r(n.domInteractive)], ["domContentLoaded", r(n.domContentLoadedEventEnd)], ["load event end", r(n.loadEventEnd)]);
	if (window.__idleCheckFrom) out.push(["idle check started", r(window.__idleCheckFrom)]);
	for (const e of performance.getEntriesByType("resource")) {
		out.push([e.name.replace(location.origin, ""), r(e.startTime), r(e.responseStart), r(e.responseEnd), e.transferSize, e.decodedBodySize]);
	}
	for (const m of performance.getEntriesByType("mark")) out.push(["mark " + m.name, r(m.startTime)]);
	for (const p of performance.getEntriesByType("paint")) out.push(["paint " + p.name, r(p.startTime)]);
	const d = window.frontline && window.frontline.debug ? window.frontline.debug().log || [] : [];
	for (const [t, what] of d) out.push(["log " + what, t]);
	return JSON.stringify(out);
})()`

// TestTimeline loads BENCH_WEB_PATH (default "/?debug=log") BENCH_WEB_RUNS
// times (default 3), each once with the browser's cache emptied and once
// with it, and prints what each load did when (timeline): where a first
// load's time goes, request by request.
//
//	BENCH_WEB_URL=http://127.0.0.1:8080 go test -tags webbench -run TestTimeline -v ./bench/web/
func TestTimeline(t *testing.T) {
	url := target(t)
	p := os.Getenv("BENCH_WEB_PATH")
	if p == "" {
		p = "/?debug=log"
	}
	runs := 3
	if v, err := strconv.Atoi(os.Getenv("BENCH_WEB_RUNS")); err == nil && v > 0 {
		runs = v
	}
	root := browser(t)
	for r := 0; r < runs; r++ {
		for _, cache := range []string{"empty cache", "warm cache"} {
			ctx, cancel := chromedp.NewContext(root)
			var idle float64
			var tl string
			acts := []chromedp.Action{page.BringToFront(), network.Enable()}
			if cache == "empty cache" {
				acts = append(acts, network.ClearBrowserCache(), clearStorage(url+p))
			} else {
				acts = append(acts, chromedp.Navigate(url+p), chromedp.Evaluate(idleAt, &idle, awaitPromise), chromedp.Navigate("about:blank"))
			}
			l0 := loadavg()
			acts = append(acts, chromedp.Navigate(url+p), chromedp.Evaluate("window.__idleCheckFrom = performance.now()", nil), chromedp.Evaluate(idleAt, &idle, awaitPromise), chromedp.Evaluate(timeline, &tl))
			if err := chromedp.Run(ctx, acts...); err != nil {
				cancel()
				t.Fatal(err)
			}
			cancel()
			var rows [][]any
			if err := json.Unmarshal([]byte(tl), &rows); err != nil {
				t.Fatal(err)
			}
			sort.SliceStable(rows, func(i, j int) bool { return num(rows[i], 1) < num(rows[j], 1) })
			var b strings.Builder
			fmt.Fprintf(&b, "run %d, %s, load %s: idle at %.0f ms\n", r+1, cache, l0, idle)
			for _, row := range rows {
				name := fmt.Sprint(row[0])
				if len(name) > 70 {
					name = name[:70]
				}
				if len(row) >= 6 {
					fmt.Fprintf(&b, "  %5.0f  first byte %5.0f  end %5.0f  %7.0f B wire %7.0f B  %s\n", num(row, 1), num(row, 2), num(row, 3), num(row, 4), num(row, 5), name)
				} else {
					fmt.Fprintf(&b, "  %5.0f  %s\n", num(row, 1), name)
				}
			}
			t.Log("\n" + b.String())
		}
	}
}

func num(row []any, i int) float64 {
	if i >= len(row) {
		return 0
	}
	f, _ := row[i].(float64)
	return f
}
