package web_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/demo"
)

// liveFront stands in front of the real server: everything goes to it,
// but the event stream is the server's with events the test adds (alerts,
// as the follower publishes them), and /api/v1/sources/status is the
// test's once it sets one (before, the server's).
type liveFront struct {
	*httptest.Server
	upstream *url.URL
	inject   chan string
	mu       sync.Mutex
	status   []byte // nil: the server's answer
	statusN  atomic.Int32
	// streamDelay holds each event stream this long before it reaches the
	// server: a page that called itself idle before its stream was open
	// then misses what is published meanwhile, every time, not only when
	// the machine is slow.
	streamDelay atomic.Int64 // time.Duration
	// streamGate, when set, holds each event stream until it is closed;
	// streamsHeld counts the streams that reached it.
	streamGate  atomic.Pointer[chan struct{}]
	streamsHeld atomic.Int32
}

func newLiveFront(t *testing.T, upstream string) *liveFront {
	t.Helper()
	u, err := url.Parse(upstream)
	if err != nil {
		t.Fatal(err)
	}
	f := &liveFront{upstream: u, inject: make(chan string, 16)}
	proxy := httputil.NewSingleHostReverseProxy(u)
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/v1/sources/status":
			f.statusN.Add(1)
			f.mu.Lock()
			body := f.status
			f.mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			if body == nil {
				proxy.ServeHTTP(w, r) // the server's own answer
				return
			}
			w.Write(body)
		case "/api/v1/events":
			f.events(w, r)
		default:
			proxy.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(f.Server.Close)
	return f
}

func (f *liveFront) setStatus(body string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if body == "" {
		f.status = nil
	} else {
		f.status = []byte(body)
	}
}

// events relays the real server's stream event by event, with the
// injected events between them.
func (f *liveFront) events(w http.ResponseWriter, r *http.Request) {
	select {
	case <-time.After(time.Duration(f.streamDelay.Load())):
	case <-r.Context().Done():
		return
	}
	if gate := f.streamGate.Load(); gate != nil {
		f.streamsHeld.Add(1)
		select {
		case <-*gate:
		case <-r.Context().Done():
			return
		}
	}
	req, _ := http.NewRequestWithContext(r.Context(), "GET", f.upstream.String()+"/api/v1/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), 502)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(200)
	fl := w.(http.Flusher)
	fl.Flush()
	blocks := make(chan string)
	go func() {
		defer close(blocks)
		sc := bufio.NewScanner(resp.Body)
		var b strings.Builder
		for sc.Scan() {
			b.WriteString(sc.Text() + "\n")
			if sc.Text() == "" {
				select {
				case blocks <- b.String():
				case <-r.Context().Done():
					return
				}
				b.Reset()
			}
		}
	}()
	for {
		select {
		case b, ok := <-blocks:
			if !ok {
				return
			}
			io.WriteString(w, b)
		case ev := <-f.inject:
			io.WriteString(w, ev)
		case <-r.Context().Done():
			return
		}
		fl.Flush()
	}
}

// TestBrowserLive: a compare link, the net figure, the compare legend,
// labels clear of the legend and credit, backticks in the place panel,
// and live updates (a new day, an alert, the sources' health).
func TestBrowserLive(t *testing.T) {
	s := MustOpenServer(t)
	front := newLiveFront(t, s.URL())
	b := newBrowser(t)
	base := front.URL + "/"

	// A compare link opens on the comparison, with nothing left loading;
	// its net figure is the API's net_km2.ukraine, under its name.
	t.Run("CompareLink", func(t *testing.T) {
		ctx := b.tab(t)
		ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
		defer cancel()
		var status, label, netText string
		var shown bool
		var net, swatchFaded float64
		err := chromedp.Run(ctx, chromedp.Navigate(base+"#layer=deepstate&compare=2022-09-06..2022-09-13"), waitIdle(),
			chromedp.WaitVisible("#net-ukraine", chromedp.ByID), waitIdle(),
			chromedp.Evaluate(`document.getElementById("status").textContent`, &status),
			chromedp.Evaluate(`document.getElementById("status").classList.contains("show")`, &shown),
			chromedp.Text("#net-label", &label, chromedp.ByID),
			chromedp.Text("#net-ukraine", &netText, chromedp.ByID),
			chromedp.Evaluate(`Number(document.getElementById("net-ukraine").dataset.km2)`, &net),
			chromedp.Evaluate(`document.querySelectorAll("#legend-russia-faded").length`, &swatchFaded))
		if err != nil {
			t.Fatal(err)
		}
		shot := b.screenshot(t, ctx, "live-compare-link")
		if shown || strings.Contains(status, "Loading") {
			t.Errorf("status %q still shown after the comparison is drawn", status)
		}
		res := getChange(t, s.URL(), "2022-09-06", "2022-09-13")
		want := res.NetKm2[frontline.StatusUkraine]
		if math.Abs(net-want) > 0.01 || label != "Net change in Ukrainian-held area" {
			t.Errorf("map: %q %s (%.2f); API net_km2.ukraine %.2f", label, netText, net, want)
		}
		t.Logf("%s: %s (API %.1f)", label, netText, want)
		// The oblast rows too.
		var rows []struct {
			ISO string  `json:"iso"`
			Net float64 `json:"net"`
		}
		if err := chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll("#by-oblast tr[data-iso]")].map(r => ({iso: r.dataset.iso, net: Number(r.dataset.netUkraineKm2)}))`, &rows)); err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			t.Error("no oblast rows")
		}
		for _, r := range rows {
			for _, o := range res.ByOblast {
				if o.ISO == r.ISO && math.Abs(o.NetKm2[frontline.StatusUkraine]-r.Net) > 0.01 {
					t.Errorf("%s: map net %.2f, API %.2f", r.ISO, r.Net, o.NetKm2[frontline.StatusUkraine])
				}
			}
		}

		// The legend's faded swatch is the colour the map draws for ground
		// Russian-held on both days (39.00 E 48.85 N, by Luhansk oblast's towns).
		var pts struct {
			Swatch [2]float64 `json:"swatch"`
			Ground [2]float64 `json:"ground"`
		}
		if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
			const r = document.getElementById("legend-russia-faded").getBoundingClientRect();
			const c = document.getElementById("map").getBoundingClientRect();
			const p = window.frontline.project(39.00, 48.85);
			return {swatch: [r.left + r.width / 2, r.top + r.height / 2], ground: [c.left + p.x, c.top + p.y]};
		})()`, &pts)); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(shot))
		if err != nil {
			t.Fatal(err)
		}
		sw := pixel(img, pts.Swatch[0], pts.Swatch[1], 1)
		gr := pixel(img, pts.Ground[0]+30, pts.Ground[1]+20, 6) // beside the city's label
		t.Logf("legend swatch %v, map %v (at %.0f,%.0f)", sw, gr, pts.Ground[0]+30, pts.Ground[1]+20)
		if dist(sw, gr) > 12 {
			t.Errorf("legend swatch for the faded Russian-held ground is %v; the map draws %v", sw, gr)
		}
	})

	// Labels: symbol layers, none under the legend or the credit.
	t.Run("LabelsClear", func(t *testing.T) {
		ctx := b.tab(t)
		ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
		defer cancel()
		for _, view := range []string{"#layer=deepstate&date=2022-09-13", "#layer=deepstate&date=2022-09-13&map=7.40/47.90/35.60",
			"#layer=deepstate&compare=2022-09-06..2022-09-13&map=6.90/49.35/37.00"} {
			var res struct {
				All     []struct{ Name, Layer string } `json:"all"`
				Legend  []struct{ Name, Layer string } `json:"legend"`
				Credit  []struct{ Name, Layer string } `json:"credit"`
				Overlap []string                       `json:"overlap"`
			}
			err := chromedp.Run(ctx, chromedp.Navigate(base+view), waitIdle(), chromedp.Sleep(500*time.Millisecond), waitIdle(),
				chromedp.Evaluate(`(() => {
					// Labels whose drawn boxes cross (the canvas map gives its
					// labels' boxes; MapLibre's do not, its style says no overlap).
					const overlaps = (ls) => ls.flatMap((a, i) => ls.slice(i + 1).filter((b) => a.box && b.box &&
						a.box[0] < b.box[2] && b.box[0] < a.box[2] && a.box[1] < b.box[3] && b.box[1] < a.box[3]).map((b) => a.name + " × " + b.name));
					const c = document.getElementById("map").getBoundingClientRect();
					const box = (id) => { const r = document.getElementById(id).getBoundingClientRect();
						return [[r.left - c.left, r.top - c.top], [r.right - c.left, r.bottom - c.top]]; };
					return {all: window.frontline.renderedLabels(), legend: window.frontline.renderedLabels(box("legend")),
						credit: window.frontline.renderedLabels(box("map-credit")), overlap: overlaps(window.frontline.renderedLabels())};
				})()`, &res))
			if err != nil {
				t.Fatal(err)
			}
			name := "live-labels-" + strings.NewReplacer("#", "", "&", "_", "=", "-", "/", "_", ".", "_").Replace(view)
			b.screenshot(t, ctx, name)
			if len(res.All) < 5 {
				t.Errorf("%s: %d labels drawn", view, len(res.All))
			}
			if len(res.Overlap) > 0 {
				t.Errorf("%s: labels drawn over each other: %v", view, res.Overlap)
			}
			if len(res.Legend) > 0 || len(res.Credit) > 0 {
				t.Errorf("%s: labels under the legend %v, under the credit %v", view, res.Legend, res.Credit)
			}
		}
		// The labels are MapLibre symbols that may not overlap.
		var overlap []bool
		if err := chromedp.Run(ctx, chromedp.Evaluate(`window.frontline.labelRules().map(r => r.allowOverlap)`, &overlap)); err != nil {
			t.Fatal(err)
		}
		if len(overlap) < 3 {
			t.Errorf("%d label layers", len(overlap))
		}
		for _, o := range overlap {
			if o {
				t.Error("a label layer allows overlaps")
			}
		}
	})

	// The place panel renders `commands` as code, never the backticks,
	// and never markup from data.
	t.Run("PlacePanelCode", func(t *testing.T) {
		ds := MustOpenDisagreeServer(t)
		ctx := b.tab(t)
		ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
		defer cancel()
		var text, code string
		var unit struct {
			Nodes []string `json:"nodes"`
			HTML  string   `json:"html"`
		}
		err := chromedp.Run(ctx, chromedp.Navigate(ds.URL()+"/#layer=deepstate&date=2024-08-01&place=UA63040010010039074"),
			chromedp.WaitVisible("#place-claims .empty", chromedp.ByQuery),
			chromedp.Text("#place-claims", &text, chromedp.ByID),
			chromedp.Text("#place-claims code", &code, chromedp.ByQuery),
			chromedp.Evaluate(`(async () => {
				const d = await import("/js/dom.js");
				const nodes = d.codeText("run \x60<b>x</b>\x60 then \x60y\x60 and a lone \x60 tick");
				const p = document.createElement("p");
				p.append(...nodes);
				return {nodes: nodes.map(n => typeof n === "string" ? "text:" + n : n.tagName + ":" + n.textContent), html: p.innerHTML};
			})()`, &unit, awaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		b.screenshot(t, ctx, "live-place-panel-code")
		if strings.Contains(text, "`") || code != "frontline report add FILE" {
			t.Errorf("place panel %q, code %q; want the command as code and no backticks", text, code)
		}
		want := "run <code>&lt;b&gt;x&lt;/b&gt;</code> then <code>y</code> and a lone \x60 tick"
		if unit.HTML != want {
			t.Errorf("codeText: %v → %s; want %s", unit.Nodes, unit.HTML, want)
		}
	})

	// Live: no sources panel while the route is missing; a new map moves
	// a page on the last day on; an alert shows as a notice; the sources'
	// health once the server has it.
	t.Run("Live", func(t *testing.T) {
		ctx := b.tab(t)
		ctx, cancel := context.WithTimeout(ctx, 120*time.Second)
		defer cancel()
		var hidden bool
		days := seriesDays(t, s.URL())
		lastDay := days[len(days)-1]
		// The page's stream opens a second after the rest of the page has
		// loaded: the page must not be idle before it is open.
		front.streamDelay.Store(int64(time.Second))
		if err := chromedp.Run(ctx, chromedp.Navigate(base+"#layer=deepstate&date="+lastDay), waitIdle(),
			chromedp.Evaluate(`document.getElementById("sources-block").hidden`, &hidden)); err != nil {
			t.Fatal(err)
		}
		// This server follows nothing ({"sources": [], "following": false}).
		if !hidden || front.statusN.Load() == 0 {
			t.Errorf("sources panel hidden %v after %d requests to a server that follows nothing", hidden, front.statusN.Load())
		}
		var st pageState
		if err := chromedp.Run(ctx, readState(&st)); err != nil {
			t.Fatal(err)
		}
		bundle, err := demo.Load()
		if err != nil {
			t.Fatal(err)
		}
		var last demo.Snapshot
		for _, sn := range bundle.Snapshots {
			last = sn
		}
		if st.Date != lastDay {
			t.Fatalf("the page opened on %s, not on the layer's last day %s", st.Date, lastDay)
		}
		// A map of a later day is published (as the follower would import
		// it): the demo's last map again, a day after the layer's last.
		d, _ := time.Parse("2006-01-02", lastDay)
		if lv := last.ValidAt.UTC().Truncate(24 * time.Hour); lv.After(d) {
			d = lv
		}
		next := d.Add(36 * time.Hour)
		nextDay := next.Format("2006-01-02")
		if _, err := s.svc.Import(context.Background(), frontline.ImportRequest{Layer: "deepstate", SourceName: "live-" + nextDay, Data: last.GeoJSON, ValidAt: next}); err != nil {
			t.Fatal(err)
		}
		// The page moves to the new day and says so in a notice at once;
		// the notice goes by itself after 12 s, so it is read as it comes,
		// not after the day is drawn (which takes longer on a loaded
		// machine).
		var date, notice string
		if err := chromedp.Run(ctx, chromedp.Poll(fmt.Sprintf(`window.frontline.state.date === %q && (document.querySelector('#notices li[data-kind="snapshot"]') || {}).textContent`, nextDay),
			&notice, chromedp.WithPollingTimeout(30*time.Second)),
			waitIdle(), readState(&st), chromedp.Evaluate(`document.getElementById("date").dataset.date`, &date)); err != nil {
			t.Fatalf("the new day %s was not shown: %v", nextDay, err)
		}
		b.screenshot(t, ctx, "live-new-day")
		if !strings.Contains(notice, "New map") {
			t.Errorf("snapshot notice %q", notice)
		}
		if st.Date != nextDay || date != nextDay {
			t.Errorf("after the new map the page is on %s, its date line on %s; want %s", st.Date, date, nextDay)
		}
		// An alert as the server sends it (frontline.Alert), with markup
		// in its text.
		a := frontline.Alert{ID: 1, WatchID: 3, Kind: "front_near", Layer: "deepstate", Key: nextDay,
			Title: "Front within 20 km of Zaporizhzhia NPP", Text: "<img src=x onerror=alert(1)> 18.2 km on " + nextDay,
			Figures: map[string]float64{"distance_km": 18.2}, Links: []frontline.AlertLink{{Rel: "map", Href: "/#layer=deepstate&date=" + nextDay}},
			Day: nextDay, CreatedAt: time.Now().UTC()}
		buf, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		front.inject <- "event: alert\nid: 9001\ndata: " + string(buf) + "\n\n"
		// One in another shape ({"alert": {…}}, as a webhook's body), and a
		// duplicate.
		front.inject <- "event: alert\ndata: {\"alert\": {\"id\": \"a-2\", \"rule\": \"oblast-gain\", \"message\": \"Kharkiv Oblast: 1,200 km² in a day\"}}\n\n"
		front.inject <- "event: alert\ndata: {\"id\": 1, \"title\": \"again\"}\n\n"
		var alerts []struct{ ID, Text string }
		var imgs int
		if err := chromedp.Run(ctx, chromedp.Poll(`document.querySelectorAll('#notices li[data-kind="alert"]').length >= 2`, nil, chromedp.WithPollingTimeout(20*time.Second)),
			chromedp.Sleep(500*time.Millisecond),
			chromedp.Evaluate(`[...document.querySelectorAll('#notices li[data-kind="alert"]')].map(li => ({id: li.dataset.id, text: li.textContent}))`, &alerts),
			chromedp.Evaluate(`document.querySelectorAll('#notices img').length`, &imgs)); err != nil {
			t.Fatalf("alerts: %v", err)
		}
		b.screenshot(t, ctx, "live-alert-notice")
		if len(alerts) != 2 || imgs != 0 {
			t.Errorf("alert notices %+v, %d img elements; want a-2 and a-1 once each, as text", alerts, imgs)
		} else if !strings.Contains(alerts[1].Text, "Zaporizhzhia NPP") || !strings.Contains(alerts[1].Text, "<img") || !strings.Contains(alerts[0].Text, "1,200 km²") {
			t.Errorf("alert notices %+v", alerts)
		}
		// The sources' health, once the route answers.
		now := time.Now().UTC()
		ago := func(d time.Duration) *time.Time { t := now.Add(-d); return &t }
		gap := &frontline.Gap{ID: 1, Source: "isw-arcgis", From: *ago(3 * time.Hour), Polls: 4, Reason: "GET …/query: 503 Service Unavailable"}
		body, err := json.Marshal(map[string]any{"following": true, "healthy": 1, "failing": 1, "sources": []*frontline.SourceStatus{
			{FollowState: frontline.FollowState{Name: "deepstate", Kind: "deepstate", LastPoll: ago(time.Minute), LastSuccess: ago(2 * time.Minute), Healthy: true}, Gaps: []*frontline.Gap{}},
			{FollowState: frontline.FollowState{Name: "isw-arcgis", Kind: "arcgis", LastPoll: ago(time.Minute), LastSuccess: ago(3 * time.Hour),
				LastError: "GET …/query: 503 Service Unavailable", LastErrorAt: ago(time.Minute), Failures: 4, OpenGap: gap}, Gaps: []*frontline.Gap{gap}},
		}})
		if err != nil {
			t.Fatal(err)
		}
		front.setStatus(string(body))
		front.inject <- "event: source\ndata: {\"name\": \"isw-arcgis\"}\n\n"
		var rows []struct{ Name, Health, Gaps, Text string }
		if err := chromedp.Run(ctx, chromedp.Poll(`!document.getElementById("sources-block").hidden && document.querySelectorAll("#sources li.source-row").length === 2`, nil, chromedp.WithPollingTimeout(20*time.Second)),
			chromedp.Evaluate(`[...document.querySelectorAll("#sources li.source-row")].map(li => ({name: li.dataset.name, health: li.dataset.health, gaps: li.dataset.gaps, text: li.textContent}))`, &rows),
			chromedp.ScrollIntoView("#sources-block", chromedp.ByID)); err != nil {
			t.Fatalf("sources panel: %v", err)
		}
		b.screenshot(t, ctx, "live-sources-health")
		if len(rows) != 2 || rows[0].Health != "ok" || rows[1].Health != "failing" || rows[1].Gaps != "1" || !strings.Contains(rows[1].Text, "503") {
			t.Errorf("sources panel %+v", rows)
		}
	})

	// A map published after the page read the layer's days but before its
	// event stream opened is in no event the page receives: the page must
	// still move on to it once the stream is open.
	t.Run("MapBeforeStream", func(t *testing.T) {
		ctx := b.tab(t)
		ctx, cancel := context.WithTimeout(ctx, 120*time.Second)
		defer cancel()
		front.streamDelay.Store(0)
		gate := make(chan struct{})
		front.streamGate.Store(&gate)
		front.streamsHeld.Store(0)
		released := false
		release := func() {
			if !released {
				released = true
				close(gate)
				front.streamGate.Store(nil)
			}
		}
		defer release()
		days := seriesDays(t, s.URL())
		lastDay := days[len(days)-1]
		if err := chromedp.Run(ctx, chromedp.Navigate(base+"#layer=deepstate&date="+lastDay),
			chromedp.Poll(fmt.Sprintf(`window.frontline.days.includes(%q) && window.frontline.state.date === %q && !!window.frontline.shown`, lastDay, lastDay),
				nil, chromedp.WithPollingTimeout(60*time.Second))); err != nil {
			t.Fatalf("the page did not open on %s: %v", lastDay, err)
		}
		for deadline := time.Now().Add(30 * time.Second); front.streamsHeld.Load() == 0; time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("the page never asked for its event stream")
			}
		}
		// The page has its days and waits for its stream: a new map now.
		d, _ := time.Parse("2006-01-02", lastDay)
		next := d.Add(36 * time.Hour)
		nextDay := next.Format("2006-01-02")
		bundle, err := demo.Load()
		if err != nil {
			t.Fatal(err)
		}
		last := bundle.Snapshots[len(bundle.Snapshots)-1]
		if _, err := s.svc.Import(context.Background(), frontline.ImportRequest{Layer: "deepstate", SourceName: "early-" + nextDay, Data: last.GeoJSON, ValidAt: next}); err != nil {
			t.Fatal(err)
		}
		// The server's event poller (every 200 ms here) sees the map before
		// the stream subscribes, so no event of it reaches this stream.
		time.Sleep(time.Second)
		release()
		var st pageState
		var notice string
		if err := chromedp.Run(ctx, chromedp.Poll(fmt.Sprintf(`window.frontline.state.date === %q && (document.querySelector('#notices li[data-kind="snapshot"]') || {}).textContent`, nextDay),
			&notice, chromedp.WithPollingTimeout(30*time.Second)), waitIdle(), readState(&st)); err != nil {
			t.Fatalf("the map of %s, published before the stream opened, was not shown: %v", nextDay, err)
		}
		if st.Date != nextDay || !strings.Contains(notice, "New map") {
			t.Errorf("page on %s with notice %q; want %s and a new-map notice", st.Date, notice, nextDay)
		}
	})

	for _, e := range b.errors() {
		// The 404 of the sources' status is expected and handled.
		if strings.Contains(e, "status of 404") && strings.Contains(e, "/api/v1/sources/status") {
			continue
		}
		t.Errorf("page error: %s", e)
	}
}

// seriesDays reads the deepstate layer's days from the server's API.
func seriesDays(t *testing.T, base string) []string {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/layers/deepstate/series")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var series struct {
		Days []struct {
			Date string `json:"date"`
		} `json:"days"`
	}
	if err := jsonDecode(resp.Body, &series); err != nil || len(series.Days) == 0 {
		t.Fatalf("series: %v (%d days)", err, len(series.Days))
	}
	out := make([]string, len(series.Days))
	for i, d := range series.Days {
		out[i] = d.Date
	}
	return out
}

func getChange(t *testing.T, base, from, to string) frontline.ChangeResult {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/layers/deepstate/change?from=" + from + "&to=" + to)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var res frontline.ChangeResult
	if err := jsonDecode(resp.Body, &res); err != nil {
		t.Fatal(err)
	}
	return res
}

// pixel is the most common colour in a (2r+1)² square of an image at CSS
// pixel (x, y) (the screenshots are at device scale 1).
func pixel(img image.Image, x, y float64, r int) [3]int {
	counts := map[[3]int]int{}
	var best [3]int
	for dy := -r; dy <= r; dy++ {
		for dx := -r; dx <= r; dx++ {
			cr, cg, cb, _ := img.At(int(x)+dx, int(y)+dy).RGBA()
			c := [3]int{int(cr >> 8), int(cg >> 8), int(cb >> 8)}
			counts[c]++
			if counts[c] > counts[best] {
				best = c
			}
		}
	}
	return best
}

func dist(a, b [3]int) float64 {
	return math.Sqrt(float64((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2])))
}

func jsonDecode(r io.Reader, v any) error { return json.NewDecoder(r).Decode(v) }

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }
