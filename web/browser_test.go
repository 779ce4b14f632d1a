package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"math"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/demo"
	"github.com/frontline-osint/frontline/report"
	"github.com/frontline-osint/frontline/web"
)

// chromium finds the browser: $FRONTLINE_CHROMIUM, else Debian's chromium.
// Without one the browser tests skip, unless CI is set: there they fail.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("FRONTLINE_CHROMIUM"), "/usr/bin/chromium", "chromium"} {
		if p == "" {
			continue
		}
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium not found (scripts/install-test-deps.sh installs Debian's chromium; or set FRONTLINE_CHROMIUM)")
	}
	t.Skip("chromium not found: browser tests skipped (install Debian's chromium, or set FRONTLINE_CHROMIUM; with CI set this fails)")
	return ""
}

// artifacts is where screenshots go: $FRONTLINE_ARTIFACTS (kept), else a
// temporary folder removed after the test.
func artifacts(t *testing.T) string {
	dir := os.Getenv("FRONTLINE_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browser is one headless chromium with every request and page error of
// every tab recorded.
type browser struct {
	ctx  context.Context
	dir  string
	mu   sync.Mutex
	urls []string
	errs []string
}

// ChromiumFlags are the flags the browser tests and the page-load benchmark
// start chromium with: headless, offline-quiet, a fresh profile, and
// software WebGL (SwiftShader through ANGLE) since there is no GPU.
func chromiumFlags(path, profile string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.Flag("headless", "new"),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("use-gl", "angle"),
		chromedp.Flag("use-angle", "swiftshader"),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("mute-audio", true),
		// Every tab renders as if in front: MapLibre draws on animation
		// frames, which a background tab does not get.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(1366, 768),
	}
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	path := chromium(t)
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), chromiumFlags(path, t.TempDir())...)
	t.Cleanup(cancel)
	// chromedp logs DOM events it does not know (a <dialog>'s top layer)
	// as errors; they are not.
	ctx, cancel2 := chromedp.NewContext(alloc, chromedp.WithErrorf(func(format string, args ...any) {
		if msg := fmt.Sprintf(format, args...); !strings.Contains(msg, "unhandled node event") {
			t.Logf("chromedp: %s", msg)
		}
	}))
	t.Cleanup(cancel2)
	b := &browser{ctx: ctx, dir: artifacts(t)}
	if err := chromedp.Run(ctx); err != nil { // start the browser
		t.Fatalf("start chromium: %v", err)
	}
	return b
}

// tab opens a tab that records its requests and errors.
func (b *browser) tab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	chromedp.ListenTarget(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			b.urls = append(b.urls, ev.Request.URL)
		case *runtime.EventExceptionThrown:
			b.errs = append(b.errs, "exception: "+ev.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				b.errs = append(b.errs, "console.error: "+strings.Join(parts, " "))
			}
		case *page.EventJavascriptDialogOpening:
			b.errs = append(b.errs, fmt.Sprintf("a %s dialog opened: %q", ev.Type, ev.Message))
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(false))
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.LevelError {
				b.errs = append(b.errs, fmt.Sprintf("log %s: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
			}
		}
	})
	if err := chromedp.Run(ctx, network.Enable(), log.Enable(), runtime.Enable(), page.BringToFront()); err != nil {
		t.Fatal(err)
	}
	return ctx
}

func (b *browser) errors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.errs...)
}

// waitIdle waits until the page reports no request, draw or animation
// pending (twice in a row, 50 ms apart: a finished request may start the
// next), for at most 60 s (the machine is shared: two cores, other
// builds); then it says what the page was busy with.
func waitIdle() chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		deadline := time.Now().Add(60 * time.Second)
		for n := 0; n < 2; {
			var ok bool
			if err := chromedp.Evaluate(`!!(window.frontline && window.frontline.idle())`, &ok).Do(ctx); err != nil {
				return err
			}
			if ok {
				n++
			} else {
				n = 0
			}
			if time.Now().After(deadline) {
				var why string
				chromedp.Evaluate(`JSON.stringify(window.frontline ? window.frontline.debug() : "no window.frontline")`, &why).Do(ctx)
				return fmt.Errorf("page not idle after 60 s: %s", why)
			}
			time.Sleep(25 * time.Millisecond)
		}
		return nil
	})
}

func (b *browser) screenshot(t *testing.T, ctx context.Context, name string) []byte {
	t.Helper()
	var png []byte
	if err := chromedp.Run(ctx, chromedp.CaptureScreenshot(&png)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(b.dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", path)
	return png
}

// drawnShares reads a screenshot's map (right of x0 px) and gives the
// shares of its pixels painted as Ukrainian-held land (#eaf4fb) and as
// Russian-held ground (#D55E00 at 0.5 over that land): what reached the
// screen, not what MapLibre says it holds.
func drawnShares(t *testing.T, data []byte, x0 int) (land, russia float64) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	near := func(r, g, b uint32, want [3]float64) bool {
		return math.Abs(float64(r>>8)-want[0]) < 14 && math.Abs(float64(g>>8)-want[1]) < 14 && math.Abs(float64(b>>8)-want[2]) < 14
	}
	bounds := img.Bounds()
	var n, nl, nr int
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 2 {
		for x := bounds.Min.X + x0; x < bounds.Max.X; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			n++
			if near(r, g, b, [3]float64{234, 244, 251}) {
				nl++
			} else if near(r, g, b, [3]float64{223.5, 169, 125.5}) {
				nr++
			}
		}
	}
	if n == 0 {
		return 0, 0
	}
	return float64(nl) / float64(n), float64(nr) / float64(n)
}

// pageState is what the page says it shows (window.frontline).
type pageState struct {
	Layer string `json:"layer"`
	Date  string `json:"date"`
	Mode  string `json:"mode"`
	From  string `json:"from"`
	To    string `json:"to"`
	Place string `json:"place"`
	View  struct {
		Zoom, Lat, Lon float64
	} `json:"view"`
	Shown struct {
		Key      string `json:"key"`
		Features int    `json:"features"`
	} `json:"shown"`
	Rendered  int     `json:"rendered"`
	RussiaKm2 float64 `json:"russia_km2"`
	Hash      string  `json:"hash"`
}

func readState(st *pageState) chromedp.Action {
	return chromedp.Evaluate(`(() => {
		const s = window.frontline.state, m = window.frontline;
		const v = m.view();
		const row = document.querySelector('#area-table tr[data-status="russia"]');
		return {...s, view: v, shown: m.shown || {}, rendered: m.renderedControl(),
			russia_km2: row ? Number(row.dataset.km2) : 0, hash: location.hash};
	})()`, st)
}

// checkBootUsed checks that the page used every answer index.html's boot
// script asked for before the modules ran (the first view's requests and,
// for the canvas map, the basemap), at least want of them: a URL built
// differently from app.js's would be asked for twice.
func checkBootUsed(t *testing.T, ctx context.Context, want int) {
	t.Helper()
	var boot struct {
		Used, Unused []string
		Renderer     string
	}
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => { const b = window.frontlineBoot || {answers: new Map(), fetches: new Map(), used: []};
		return {used: b.used, renderer: window.frontline.renderer,
			unused: [...b.answers.keys(), ...(window.frontline.renderer === "canvas" ? b.fetches.keys() : [])]}; })()`, &boot)); err != nil {
		t.Fatal(err)
	}
	if boot.Renderer != "canvas" {
		want -= 2 // MapLibre's worker reads the basemap (from the browser's cache)
	}
	if len(boot.Unused) > 0 || len(boot.Used) < want {
		t.Errorf("boot script: %d answers used, unused %q; want at least %d used and none unused", len(boot.Used), boot.Unused, want)
	}
}

func TestBrowser(t *testing.T) {
	if !web.HasMapLibre() {
		t.Fatal("MapLibre is not in web/static/vendor: run scripts/build-web.sh first")
	}
	start := time.Now()
	s := MustOpenServer(t)
	svc := s.svc
	t.Logf("server with the demo up in %s", time.Since(start).Round(time.Millisecond))
	b := newBrowser(t)
	base := s.URL() + "/"

	var st pageState
	var shareURL string
	var ganchev frontline.ClaimView
	t.Run("DefaultView", func(t *testing.T) {
		ctx := b.tab(t)
		ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
		defer cancel()
		t0 := time.Now()
		if err := chromedp.Run(ctx, chromedp.Navigate(base), waitIdle(), readState(&st)); err != nil {
			t.Fatal(err)
		}
		t.Logf("first load to idle: %s", time.Since(t0).Round(time.Millisecond))
		shot := b.screenshot(t, ctx, "default-1366x768")
		// The polygons and the basemap are on screen, not only in the map's
		// state (a frame held too long or drawn before the style reached
		// the painter shows the background alone).
		land, russia := drawnShares(t, shot, 360)
		t.Logf("map pixels: %.0f%% Ukrainian-held land, %.0f%% Russian-held", 100*land, 100*russia)
		if land < 0.2 || russia < 0.1 {
			t.Errorf("the map shows %.0f%% Ukrainian-held land and %.0f%% Russian-held ground; want over 20%% and 10%%", 100*land, 100*russia)
		}
		if st.Layer != "deepstate" || st.Date != "2022-09-13" || st.Mode != "day" {
			t.Errorf("default view: %+v; want deepstate on 2022-09-13", st)
		}
		if math.Abs(st.View.Lon-37.0) > 0.5 || math.Abs(st.View.Lat-49.35) > 0.5 {
			t.Errorf("default view centred on %.2f,%.2f; want Kharkiv oblast", st.View.Lon, st.View.Lat)
		}
		if st.Rendered == 0 || st.Shown.Features == 0 {
			t.Errorf("no control polygons drawn: %+v", st)
		}
		if st.RussiaKm2 < 50000 {
			t.Errorf("Russian-held area %.0f km²; want the day's figure", st.RussiaKm2)
		}
		var sites string
		if err := chromedp.Run(ctx, chromedp.Text("#sites", &sites, chromedp.ByID)); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(sites, "Zaporizhzhia") || !strings.Contains(sites, "to front") {
			t.Errorf("watched sites: %q; want the Zaporizhzhia NPP with its distance to the front", sites)
		}
		var labels int
		if err := chromedp.Run(ctx, chromedp.Evaluate(`window.frontline.renderedLabels().length`, &labels)); err != nil {
			t.Fatal(err)
		}
		if labels < 5 {
			t.Errorf("%d settlement labels drawn; want the towns of the view", labels)
		}
		checkBootUsed(t, ctx, 10)
	})

	t.Run("Slider", func(t *testing.T) {
		ctx := b.tab(t)
		ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
		defer cancel()
		var before, after, stepped pageState
		setSlider := func(date string) chromedp.Action {
			return chromedp.Evaluate(fmt.Sprintf(`(() => {
				const i = window.frontline.days.indexOf(%q);
				if (i < 0) throw new Error("no day %s");
				const s = document.getElementById("slider");
				s.value = String(i);
				s.dispatchEvent(new Event("input", {bubbles: true}));
			})()`, date, date), nil)
		}
		err := chromedp.Run(ctx, chromedp.Navigate(base+"#layer=deepstate&date=2022-09-06"), waitIdle(), readState(&before),
			setSlider("2022-09-13"), waitIdle(), readState(&after))
		if err != nil {
			t.Fatal(err)
		}
		if before.Date != "2022-09-06" || after.Date != "2022-09-13" {
			t.Fatalf("dates %s → %s; want 2022-09-06 → 2022-09-13", before.Date, after.Date)
		}
		if before.Shown.Key == after.Shown.Key || after.Rendered == 0 {
			t.Errorf("polygons did not change: %q → %q (%d drawn)", before.Shown.Key, after.Shown.Key, after.Rendered)
		}
		// Ukraine took back ground: Russian-held area fell by more than 1,000 km².
		if !(before.RussiaKm2-after.RussiaKm2 > 1000) {
			t.Errorf("Russian-held area %.0f → %.0f km²; want a fall of over 1,000 km²", before.RussiaKm2, after.RussiaKm2)
		}
		var date string
		if err := chromedp.Run(ctx, chromedp.Text("#date", &date, chromedp.ByID)); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(date, "13 Sept") && !strings.Contains(date, "13 Sep") {
			t.Errorf("date shown %q; want 13 Sep 2022", date)
		}
		if land, russia := drawnShares(t, b.screenshot(t, ctx, "slider-2022-09-13"), 360); land < 0.2 || russia < 0.05 {
			t.Errorf("after the step the map shows %.0f%% Ukrainian-held land and %.0f%% Russian-held ground; want over 20%% and 5%%", 100*land, 100*russia)
		}
		// The arrow key steps a day.
		err = chromedp.Run(ctx, chromedp.Click("#map", chromedp.ByID), chromedp.KeyEvent(kb.ArrowRight), waitIdle(), readState(&stepped))
		if err != nil {
			t.Fatal(err)
		}
		if stepped.Date != "2022-09-14" {
			t.Errorf("→ from 2022-09-13 gave %s; want 2022-09-14", stepped.Date)
		}
		// Play runs the days on; pause stops on one.
		var played pageState
		err = chromedp.Run(ctx, chromedp.Click("#play", chromedp.ByID),
			chromedp.Poll(`window.frontline.state.date > "2022-09-15"`, nil, chromedp.WithPollingTimeout(10*time.Second)),
			chromedp.Click("#play", chromedp.ByID), waitIdle(), readState(&played))
		if err != nil {
			t.Fatalf("play: %v", err)
		}
		if played.Date <= "2022-09-15" || played.Shown.Key == stepped.Shown.Key {
			t.Errorf("after play: %s, polygons %q", played.Date, played.Shown.Key)
		}
	})

	t.Run("Compare", func(t *testing.T) {
		ctx := b.tab(t)
		ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
		defer cancel()
		setSelect := func(id, v string) chromedp.Action {
			return chromedp.Evaluate(fmt.Sprintf(`(() => { const s = document.getElementById(%q); s.value = %q;
				if (s.value !== %q) throw new Error("no option %s"); s.dispatchEvent(new Event("change", {bubbles: true})); })()`, id, v, v, v), nil)
		}
		var gain string
		var settlements []string
		err := chromedp.Run(ctx, chromedp.Navigate(base), waitIdle(),
			chromedp.Click("#tab-compare", chromedp.ByID), waitIdle(),
			setSelect("from", "2022-09-06"), waitIdle(), setSelect("to", "2022-09-13"), waitIdle(),
			chromedp.AttributeValue(`#by-oblast tr[data-iso="UA-63"]`, "data-ukraine-gain-km2", &gain, nil),
			chromedp.Evaluate(`[...document.querySelectorAll('#changed-settlements li button')].map(b => b.textContent)`, &settlements),
			readState(&st))
		if err != nil {
			t.Fatal(err)
		}
		b.screenshot(t, ctx, "compare-2022-09-06_2022-09-13")
		if st.Mode != "compare" || st.From != "2022-09-06" || st.To != "2022-09-13" || !strings.Contains(st.Hash, "compare=2022-09-06..2022-09-13") {
			t.Errorf("compare state %+v", st)
		}
		km2, err := strconv.ParseFloat(gain, 64)
		if err != nil || km2 < 1000 {
			t.Errorf("Kharkiv oblast gain for Ukraine %q km²; want over 1,000", gain)
		}
		if !contains(settlements, "Balakliia") || !contains(settlements, "Kupiansk") {
			t.Errorf("%d settlements changed hands, without Balakliia or Kupiansk: %v", len(settlements), first(settlements, 20))
		}
		var drawn int
		if err := chromedp.Run(ctx, chromedp.Evaluate(`window.frontline.renderedChange()`, &drawn)); err != nil {
			t.Fatal(err)
		}
		if drawn == 0 {
			t.Error("no changed ground drawn")
		}
	})

	t.Run("Search", func(t *testing.T) {
		ctx := b.tab(t)
		ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
		defer cancel()
		var name string
		var periods []string
		err := chromedp.Run(ctx, chromedp.Navigate(base), waitIdle(),
			chromedp.SendKeys("#search", "Balakliya", chromedp.ByID),
			chromedp.WaitVisible(`#search-results li`, chromedp.ByQuery),
			chromedp.KeyEvent("\r"),
			chromedp.WaitVisible("#place-panel", chromedp.ByID),
			chromedp.WaitVisible("#place-periods li", chromedp.ByQuery),
			waitIdle(),
			chromedp.Text("#place-name", &name, chromedp.ByID),
			chromedp.Evaluate(`[...document.querySelectorAll('#place-periods li')].map(l => l.dataset.status + ' ' + l.textContent)`, &periods),
			readState(&st))
		if err != nil {
			t.Fatal(err)
		}
		b.screenshot(t, ctx, "search-balakliia")
		if name != "Balakliia" {
			t.Errorf("place panel shows %q; want Balakliia", name)
		}
		// Balakliia: 49.46 N, 36.86 E.
		if math.Abs(st.View.Lon-36.86) > 0.05 || math.Abs(st.View.Lat-49.46) > 0.05 || st.View.Zoom < 8 {
			t.Errorf("map at %.3f,%.3f z%.1f; want flown to Balakliia", st.View.Lon, st.View.Lat, st.View.Zoom)
		}
		if len(periods) < 2 || !strings.HasPrefix(periods[0], "russia") || !strings.HasPrefix(periods[len(periods)-1], "ukraine") {
			t.Errorf("Balakliia's timeline %v; want Russian-held, then Ukrainian-held", periods)
		}
		if !strings.Contains(st.Hash, "place=") {
			t.Errorf("URL %q does not name the place", st.Hash)
		}
		shareURL = base + st.Hash

		// The place's claims: Ganchev's, from the Russian side, graded.
		ganchev = mustGanchev(t, s.URL())
		var claims []claimItem
		if err := chromedp.Run(ctx, chromedp.WaitVisible("#claims-list li.claim", chromedp.ByQuery), readClaims(&claims)); err != nil {
			t.Fatal(err)
		}
		var found *claimItem
		for i, c := range claims {
			if strings.Contains(c.Speaker, "Vitaly Ganchev") {
				found = &claims[i]
			}
			if c.Credibility < 1 || c.Credibility > 6 || c.Badge == "" {
				t.Errorf("claim %q without a credibility badge: %+v", c.Quote, c)
			}
		}
		if found == nil {
			t.Fatalf("Ganchev's claim not listed: %+v", claims)
		}
		if found.SpeakerSide != "russia" || found.Quote != ganchev.Quote || found.Index != ganchev.Index || !strings.Contains(found.Assertion, "Russia holds it") {
			t.Errorf("Ganchev's claim listed as %+v; want speaker side russia, %q", found, ganchev.Quote)
		}
		if len(claims) > 1 && claims[0].RefersTo < claims[len(claims)-1].RefersTo {
			t.Errorf("claims not newest first: %s … %s", claims[0].RefersTo, claims[len(claims)-1].RefersTo)
		}
		// Ganchev against the video, side by side, resolved for Ukraine.
		var contras []struct {
			Kind, Resolved, Favours, Text string
		}
		if err := chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll('#contradictions-list li.contradiction')].map(li =>
			({kind: li.dataset.kind, resolved: li.dataset.resolved, favours: li.dataset.favours, text: li.textContent}))`, &contras)); err != nil {
			t.Fatal(err)
		}
		ok := false
		for _, c := range contras {
			if c.Kind == "claim_evidence" && strings.Contains(c.Text, "Vitaly Ganchev") && strings.Contains(c.Text, "video") {
				ok = true
				if c.Resolved != "true" || c.Favours != "ukraine" || !strings.Contains(c.Text, "Resolved for Ukraine") {
					t.Errorf("Ganchev vs the video: %+v; want resolved for Ukraine", c)
				}
			}
		}
		if !ok {
			t.Errorf("Ganchev vs the video not among %d contradictions", len(contras))
		}
		if err := chromedp.Run(ctx, chromedp.ScrollIntoView("#claims-heading", chromedp.ByID)); err != nil {
			t.Fatal(err)
		}
		b.screenshot(t, ctx, "place-claims-balakliia")
		if err := chromedp.Run(ctx, chromedp.ScrollIntoView("#contradictions-list li:last-child", chromedp.ByQuery)); err == nil {
			b.screenshot(t, ctx, "place-contradictions-balakliia")
		}

		// Its report, with the quote highlighted where it stands.
		var marked string
		var marks map[string]int
		err = chromedp.Run(ctx,
			chromedp.Click(fmt.Sprintf(`#claims-list li.claim[data-report="%d"][data-index="%d"] button.open-report`, ganchev.ReportID, ganchev.Index), chromedp.ByQuery),
			chromedp.Poll(`document.getElementById("report-view").dataset.ready === "true"`, nil, chromedp.WithPollingTimeout(10*time.Second)),
			chromedp.Evaluate(fmt.Sprintf(`[...document.querySelectorAll('#report-text mark.x-claim')].filter(m => m.dataset.claim.split(" ").includes("%d")).map(m => m.textContent).join("")`, ganchev.Index), &marked),
			chromedp.Evaluate(`(() => { const n = {}; for (const m of document.querySelectorAll('#report-text mark')) n[m.className.split(" ")[0]] = (n[m.className.split(" ")[0]] || 0) + 1; return n; })()`, &marks),
			// The URL is written 120 ms after the report opens: the page is
			// not idle before (then the check below says what it holds).
			waitIdle(), readState(&st))
		if err != nil {
			t.Fatal(err)
		}
		b.screenshot(t, ctx, "report-view")
		if marked != ganchev.Quote {
			t.Errorf("highlighted claim %q; want the quote %q", marked, ganchev.Quote)
		}
		if marks["x-claim"] < 5 || marks["x-place"] < 10 || marks["x-number"] < 3 {
			t.Errorf("highlights in the report: %v; want claims, places and numbers", marks)
		}
		if !strings.Contains(st.Hash, fmt.Sprintf("report=%d", ganchev.ReportID)) {
			t.Errorf("URL %q does not name the open report", st.Hash)
		}
		if err := chromedp.Run(ctx, chromedp.Click("#report-close", chromedp.ByID), chromedp.WaitNotVisible("#report-view", chromedp.ByID)); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("LinkReopensView", func(t *testing.T) {
		if shareURL == "" {
			t.Skip("no link from the search")
		}
		ctx := b.tab(t)
		ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
		defer cancel()
		var again pageState
		var name string
		if err := chromedp.Run(ctx, chromedp.Navigate(shareURL), waitIdle(), chromedp.WaitVisible("#place-periods li", chromedp.ByQuery),
			chromedp.Text("#place-name", &name, chromedp.ByID), readState(&again)); err != nil {
			t.Fatal(err)
		}
		b.screenshot(t, ctx, "link-reopened")
		if again.Layer != st.Layer || again.Date != st.Date || again.Place != st.Place || name != "Balakliia" {
			t.Errorf("reopened %+v (place %q); want %+v", again, name, st)
		}
		if math.Abs(again.View.Zoom-st.View.Zoom) > 0.01 || math.Abs(again.View.Lon-st.View.Lon) > 1e-3 || math.Abs(again.View.Lat-st.View.Lat) > 1e-3 {
			t.Errorf("reopened at %+v; want %+v", again.View, st.View)
		}
		if again.Shown.Key != st.Shown.Key {
			t.Errorf("reopened with polygons %q; want %q", again.Shown.Key, st.Shown.Key)
		}
		// The boot script read the link's day and zoom as app.js does.
		checkBootUsed(t, ctx, 10)
		// And a compare link.
		var cmp pageState
		var gain string
		u := base + "#layer=deepstate&compare=2022-09-06..2022-09-13&map=7.00/49.5/36.8"
		if err := chromedp.Run(ctx, chromedp.Navigate(u), chromedp.Reload(), waitIdle(), readState(&cmp),
			chromedp.AttributeValue(`#by-oblast tr[data-iso="UA-63"]`, "data-ukraine-gain-km2", &gain, nil)); err != nil {
			t.Fatal(err)
		}
		if cmp.Mode != "compare" || cmp.From != "2022-09-06" || cmp.To != "2022-09-13" || gain == "" {
			t.Errorf("compare link reopened %+v, Kharkiv gain %q", cmp, gain)
		}
		// And a link to a report at one of its claims.
		if ganchev.ReportID == 0 {
			return
		}
		var focused string
		u = fmt.Sprintf("%s#layer=deepstate&date=2022-09-13&place=%s&report=%d&claim=%d", base, ganchev.PlaceID, ganchev.ReportID, ganchev.Index)
		if err := chromedp.Run(ctx, chromedp.Navigate(u), chromedp.Reload(),
			chromedp.Poll(`document.getElementById("report-view").open && document.getElementById("report-view").dataset.ready === "true"`, nil, chromedp.WithPollingTimeout(10*time.Second)),
			chromedp.Evaluate(`(document.querySelector("#report-text mark.x-claim.focus") || {}).textContent || ""`, &focused)); err != nil {
			t.Fatal(err)
		}
		if focused != ganchev.Quote {
			t.Errorf("report link focused %q; want Ganchev's quote", focused)
		}
	})

	t.Run("Phone", func(t *testing.T) {
		ctx := b.tab(t)
		ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
		defer cancel()
		var sheetTop, mapHeight float64
		err := chromedp.Run(ctx,
			emulation.SetDeviceMetricsOverride(375, 812, 3, true).WithScreenOrientation(&emulation.ScreenOrientation{Type: emulation.OrientationTypePortraitPrimary, Angle: 0}),
			emulation.SetTouchEmulationEnabled(true),
			chromedp.Navigate(base), waitIdle(), readState(&st),
			chromedp.Evaluate(`document.getElementById("sidebar").getBoundingClientRect().top`, &sheetTop),
			chromedp.Evaluate(`document.getElementById("map").getBoundingClientRect().height`, &mapHeight))
		if err != nil {
			t.Fatal(err)
		}
		b.screenshot(t, ctx, "phone-375x812")
		if sheetTop < 350 || mapHeight < 700 {
			t.Errorf("phone layout: panel top %.0f px, map %.0f px high; want a bottom sheet over a full-height map", sheetTop, mapHeight)
		}
		if st.Rendered == 0 {
			t.Error("phone: no control polygons drawn")
		}
		// A place's claims in the expanded sheet, and a report full screen.
		var dialogWidth float64
		err = chromedp.Run(ctx, chromedp.Navigate(base+"#layer=deepstate&date=2022-09-13&place=UA63040010010039074"), waitIdle(),
			chromedp.WaitVisible("#claims-list li.claim", chromedp.ByQuery),
			chromedp.Click("#sheet-handle", chromedp.ByID), chromedp.Sleep(300*time.Millisecond),
			chromedp.ScrollIntoView("#claims-heading", chromedp.ByID))
		if err != nil {
			t.Fatal(err)
		}
		b.screenshot(t, ctx, "phone-place-claims")
		err = chromedp.Run(ctx, chromedp.Click("#claims-list button.open-report", chromedp.ByQuery),
			chromedp.Poll(`document.getElementById("report-view").dataset.ready === "true"`, nil, chromedp.WithPollingTimeout(10*time.Second)),
			chromedp.Evaluate(`document.getElementById("report-view").getBoundingClientRect().width`, &dialogWidth))
		if err != nil {
			t.Fatal(err)
		}
		b.screenshot(t, ctx, "phone-report-view")
		if dialogWidth < 370 {
			t.Errorf("phone: the report is %.0f px wide; want the whole screen", dialogWidth)
		}
	})

	// Last, as it adds a layer: a map published while the page is open
	// reaches it (SSE), and a second layer can be overlaid.
	t.Run("LiveUpdateAndOverlay", func(t *testing.T) {
		ctx := b.tab(t)
		ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
		defer cancel()
		var disabled bool
		if err := chromedp.Run(ctx, chromedp.Navigate(base), waitIdle(),
			chromedp.Evaluate(`document.getElementById("overlay").disabled`, &disabled)); err != nil {
			t.Fatal(err)
		}
		if !disabled {
			t.Error("overlay picker enabled with one layer")
		}
		bundle, err := demo.Load()
		if err != nil {
			t.Fatal(err)
		}
		snap := func(day string) demo.Snapshot {
			for _, sn := range bundle.Snapshots {
				if sn.ValidAt.Format("2006-01-02") == day {
					return sn
				}
			}
			t.Fatalf("no demo map of %s", day)
			return demo.Snapshot{}
		}
		bg := context.Background()
		// A new day on the shown layer: the slider grows to it.
		next := snap("2022-09-21")
		if _, err := svc.Import(bg, frontline.ImportRequest{Layer: "deepstate", SourceName: next.Name, Data: next.GeoJSON, ValidAt: next.ValidAt}); err != nil {
			t.Fatal(err)
		}
		var last string
		if err := chromedp.Run(ctx, chromedp.Poll(`window.frontline.days[window.frontline.days.length - 1] === "2022-09-21" && window.frontline.days.at(-1)`, &last, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Fatalf("the page did not learn of the new map: %v", err)
		}
		// A second layer: here the 2022-09-06 map, published as of 2022-09-13.
		old := snap("2022-09-06")
		if err := svc.CreateLayer(bg, &frontline.Layer{Name: "second", Title: "Second opinion (test)"}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Import(bg, frontline.ImportRequest{Layer: "second", SourceName: old.Name, Data: old.GeoJSON, ValidAt: time.Date(2022, 9, 13, 6, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		var d disagreement
		err = chromedp.Run(ctx,
			chromedp.Poll(`!document.getElementById("overlay").disabled`, nil, chromedp.WithPollingTimeout(10*time.Second)),
			chromedp.Evaluate(`(() => { const s = document.getElementById("overlay"); s.value = "second"; s.dispatchEvent(new Event("change", {bubbles: true})); })()`, nil),
			waitIdle(), readDisagreement(&d), readState(&st))
		if err != nil {
			t.Fatal(err)
		}
		b.screenshot(t, ctx, "overlay-second-layer")
		// The 2022-09-06 map against the 2022-09-13 one: the ground Ukraine
		// took back in between.
		if d.Km2 < 1000 || d.Drawn == 0 || !strings.Contains(d.Russia, "difference") || !strings.Contains(st.Hash, "overlay=second") {
			t.Errorf("overlay: %+v, URL %q", d, st.Hash)
		}
	})

	// A report whose text holds markup: shown as text, never run. It
	// reaches the open place's claims through the event stream.
	t.Run("ReportMarkupIsText", func(t *testing.T) {
		ctx := b.tab(t)
		ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
		defer cancel()
		if err := chromedp.Run(ctx, chromedp.Navigate(base+"#layer=deepstate&date=2022-09-13&place=UA63040010010039074"), waitIdle(),
			chromedp.WaitVisible("#claims-list li.claim", chromedp.ByQuery)); err != nil {
			t.Fatal(err)
		}
		const script = "<script>alert(1)</script>"
		path := filepath.Join(t.TempDir(), "2022-09-11-balakliia.txt")
		text := "Balakliia update. " + script + " Russian forces withdrew from Balakliia, the Russian Ministry of Defense said on Sunday.\n"
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		published := time.Date(2022, 9, 11, 9, 0, 0, 0, time.UTC)
		s.mustAddReport(t, path, report.AddOptions{Source: "Reuters", PublishedAt: &published})
		sel := `[...document.querySelectorAll('#claims-list li.claim')].find(li => li.querySelector('.quote').textContent.includes("alert(1)"))`
		var shown, scripts int
		var body string
		err := chromedp.Run(ctx,
			chromedp.Poll(`!!`+sel, nil, chromedp.WithPollingTimeout(10*time.Second)),
			chromedp.Evaluate(sel+`.querySelector("button.open-report").click()`, nil),
			chromedp.Poll(`document.getElementById("report-view").dataset.ready === "true" && document.getElementById("report-title").textContent.includes("Balakliia")`, nil, chromedp.WithPollingTimeout(10*time.Second)),
			chromedp.Text("#report-text", &body, chromedp.ByID),
			chromedp.Evaluate(`document.querySelectorAll('#report-text script, #place-claims script, #report-text *:not(mark)').length`, &scripts),
			chromedp.Evaluate(`[...document.querySelectorAll('#claims-list .quote')].filter(q => q.textContent.includes(`+"`"+script+"`"+`)).length`, &shown))
		if err != nil {
			t.Fatal(err)
		}
		b.screenshot(t, ctx, "report-markup-as-text")
		if !strings.Contains(body, script) || scripts != 0 || shown == 0 {
			t.Errorf("report text %q, %d elements other than marks, %d quotes with the literal markup", body, scripts, shown)
		}
	})

	// The report view's arithmetic on its own: UTF-8 byte offsets to
	// UTF-16 indices (curly quotes, Cyrillic, an emoji outside the BMP),
	// and spans that cross.
	t.Run("OffsetsAndSpans", func(t *testing.T) {
		ctx := b.tab(t)
		// As long as the others: the page loads to idle first, which
		// takes 1-2 s at load 20 but more where CI has seen load 30.
		ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
		defer cancel()
		var res struct {
			Checked int      `json:"checked"`
			Bad     []string `json:"bad"`
			Tree    string   `json:"tree"`
		}
		err := chromedp.Run(ctx, chromedp.Navigate(base), waitIdle(), chromedp.Evaluate(`(async () => {
			const f = await import("/js/format.js"), r = await import("/js/reportview.js");
			const text = "“Ab” 😀 Київ é — ok", enc = new TextEncoder(), want = [];
			let b = 0;
			for (let i = 0; i < text.length;) {
				const ch = String.fromCodePoint(text.codePointAt(i));
				want.push([b, i]);
				b += enc.encode(ch).length;
				i += ch.length;
			}
			want.push([b, text.length]);
			const m = f.byteOffsets(text, want.map((w) => w[0]));
			const bad = want.filter(([bb, ii]) => m.get(bb) !== ii).map(([bb, ii]) => bb + "→" + m.get(bb) + " want " + ii);
			const show = (n) => n.kind + n.start + "-" + n.end + (n.children.length ? "(" + n.children.map(show).join(",") + ")" : "");
			const tree = r.spanTree([{start: 0, end: 6, kind: "claim"}, {start: 4, end: 10, kind: "claim"}, {start: 1, end: 3, kind: "place"},
				{start: 8, end: 8, kind: "number"}, {start: 11, end: 99, kind: "number"}], 12);
			return {checked: want.length, bad, tree: tree.children.map(show).join(",")};
		})()`, &res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
		if err != nil {
			t.Fatal(err)
		}
		if res.Checked < 15 || len(res.Bad) > 0 {
			t.Errorf("byte offsets: %d checked, wrong: %v", res.Checked, res.Bad)
		}
		// The second claim crosses the end of the first: cut there, carried on
		// after it; empty and out-of-range spans are left out.
		if want := "claim0-6(place1-3,claim4-6),claim6-10"; res.Tree != want {
			t.Errorf("span tree %s; want %s", res.Tree, want)
		}
	})

	// Two layers of one day that disagree: DeepState's monthly map and
	// another archive's occupied area, both of 2024-08-01.
	t.Run("Disagreement", func(t *testing.T) {
		ds := MustOpenDisagreeServer(t)
		ctx := b.tab(t)
		ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
		defer cancel()
		var d disagreement
		if err := chromedp.Run(ctx, chromedp.Navigate(ds.URL()+"/#layer=deepstate&date=2024-08-01&overlay=cyterat&map=6.60/48.30/37.60"), waitIdle(),
			chromedp.WaitVisible("#disagree-km2", chromedp.ByID), waitIdle(), readDisagreement(&d), readState(&st)); err != nil {
			t.Fatal(err)
		}
		b.screenshot(t, ctx, "disagree-deepstate-cyterat-2024-08-01")
		if d.Km2 <= 0 || d.Transitions == 0 || d.Oblasts == 0 || d.Drawn == 0 || !strings.Contains(d.Text, "km²") {
			t.Errorf("deepstate vs cyterat on 2024-08-01: %+v", d)
		}
		if st.Date != "2024-08-01" || !strings.Contains(st.Hash, "overlay=cyterat") {
			t.Errorf("state %+v", st)
		}
		// Closer: the Dnipro below Kherson, grey on DeepState's map.
		if err := chromedp.Run(ctx, chromedp.Evaluate(`void window.frontline.jumpTo({lon: 32.75, lat: 46.62, zoom: 9.2})`, nil), waitIdle()); err != nil {
			t.Fatal(err)
		}
		b.screenshot(t, ctx, "disagree-deepstate-cyterat-kherson")
		// No reports on this server: the place panel says how to add some.
		var empty, contra string
		if err := chromedp.Run(ctx, chromedp.Navigate(ds.URL()+"/#layer=deepstate&date=2024-08-01&overlay=cyterat&place=UA63040010010039074"),
			chromedp.WaitVisible("#place-claims .empty", chromedp.ByQuery), chromedp.Text("#place-claims", &empty, chromedp.ByID),
			chromedp.Text("#place-contradictions", &contra, chromedp.ByID)); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(empty, "frontline report add FILE") || !strings.Contains(empty, "Balakliia") || !strings.Contains(contra, "No contradictions") {
			t.Errorf("empty claims %q, contradictions %q", empty, contra)
		}
	})

	// The default renderer is the one renderer.js's rule picks for this
	// browser (the 2D canvas where WebGL is software, as here), and the
	// canvas page does not load MapLibre at all.
	t.Run("Renderer", func(t *testing.T) {
		ctx := b.tab(t)
		ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
		defer cancel()
		var got struct {
			Renderer string `json:"renderer"`
			Rule     string `json:"rule"`
			MapLibre bool   `json:"maplibre"`
		}
		if err := chromedp.Run(ctx, chromedp.Navigate(base), waitIdle(), chromedp.Evaluate(`(async () => {
			const r = await import("/js/renderer.js");
			return {renderer: window.frontline.renderer, rule: r.chooseRenderer("").name, maplibre: !!window.maplibregl};
		})()`, &got, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) })); err != nil {
			t.Fatal(err)
		}
		t.Logf("default renderer: %s", got.Renderer)
		if got.Renderer != got.Rule {
			t.Errorf("the page drew with %q; the rule picks %q for this browser", got.Renderer, got.Rule)
		}
		if got.Renderer == "canvas" && got.MapLibre {
			t.Error("the canvas page loaded MapLibre")
		}
		for _, want := range []string{"canvas", "webgl"} {
			var r string
			if err := chromedp.Run(ctx, chromedp.Navigate(base+"?renderer="+want), waitIdle(), chromedp.Evaluate(`window.frontline.renderer + (window.maplibregl ? "+maplibre" : "")`, &r)); err != nil {
				t.Fatal(err)
			}
			if r != map[string]string{"canvas": "canvas", "webgl": "webgl+maplibre"}[want] {
				t.Errorf("?renderer=%s: the page drew with %q", want, r)
			}
		}
	})

	// The canvas map moves as MapLibre's does: drag, wheel, the zoom
	// buttons; a click on a label opens the place.
	t.Run("CanvasInput", func(t *testing.T) {
		ctx := b.tab(t)
		ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
		defer cancel()
		var v0, v1, v2, v3 pageState
		err := chromedp.Run(ctx, chromedp.Navigate(base+"?renderer=canvas"), waitIdle(), readState(&v0),
			// Drag 200 px to the left: the view moves east.
			chromedp.MouseEvent(input.MousePressed, 900, 400, chromedp.ButtonLeft),
			chromedp.MouseEvent(input.MouseMoved, 800, 400, chromedp.ButtonLeft),
			chromedp.MouseEvent(input.MouseMoved, 700, 400, chromedp.ButtonLeft),
			chromedp.MouseEvent(input.MouseReleased, 700, 400, chromedp.ButtonLeft),
			waitIdle(), readState(&v1),
			chromedp.Click(".maplibregl-ctrl-zoom-in", chromedp.ByQuery), waitIdle(), readState(&v2),
			chromedp.ActionFunc(func(ctx context.Context) error {
				return input.DispatchMouseEvent(input.MouseWheel, 900, 400).WithDeltaY(450).Do(ctx)
			}), chromedp.Sleep(400*time.Millisecond), waitIdle(), readState(&v3))
		if err != nil {
			t.Fatal(err)
		}
		// At zoom 6.9 a pixel is 360 / (512 × 2^6.9) degrees of longitude.
		if d, want := v1.View.Lon-v0.View.Lon, 200*360/(512*math.Pow(2, v0.View.Zoom)); math.Abs(d-want) > want/10 {
			t.Errorf("a 200 px drag moved the view %.3f° east; want %.3f°", d, want)
		}
		if math.Abs(v2.View.Zoom-math.Round(v1.View.Zoom+1)) > 0.01 {
			t.Errorf("zoom in: %.2f → %.2f", v1.View.Zoom, v2.View.Zoom)
		}
		if !(v3.View.Zoom < v2.View.Zoom-0.5) {
			t.Errorf("wheel down: zoom %.2f → %.2f; want out", v2.View.Zoom, v3.View.Zoom)
		}
		// Click a settlement's label: its place opens.
		var target struct {
			Name string    `json:"name"`
			Box  []float64 `json:"box"`
		}
		var off struct{ X, Y float64 }
		if err := chromedp.Run(ctx, chromedp.Navigate(base+"?renderer=canvas#layer=deepstate&date=2022-09-13"), waitIdle(),
			chromedp.Evaluate(`window.frontline.renderedLabels().find((l) => l.layer === "label-town" || l.layer === "label-city")`, &target),
			chromedp.Evaluate(`(() => { const r = document.getElementById("map").getBoundingClientRect(); return {x: r.left, y: r.top}; })()`, &off)); err != nil {
			t.Fatal(err)
		}
		if len(target.Box) != 4 {
			t.Fatalf("no settlement label drawn: %+v", target)
		}
		x, y := off.X+(target.Box[0]+target.Box[2])/2, off.Y+(target.Box[1]+target.Box[3])/2
		var name string
		if err := chromedp.Run(ctx, chromedp.MouseClickXY(x, y), chromedp.WaitVisible("#place-panel", chromedp.ByID),
			chromedp.Poll(`document.getElementById("place-name").textContent !== ""`, nil, chromedp.WithPollingTimeout(20*time.Second)),
			chromedp.Text("#place-name", &name, chromedp.ByID)); err != nil {
			t.Fatal(err)
		}
		if name != target.Name {
			t.Errorf("a click on %q's label opened %q", target.Name, name)
		}
	})

	// MapLibre, asked for in the URL: the default view's polygons on
	// screen, the comparison, labels clear of the legend, a place's panel.
	t.Run("WebGL", func(t *testing.T) {
		ctx := b.tab(t)
		ctx, cancel := context.WithTimeout(ctx, 120*time.Second)
		defer cancel()
		gl := base + "?renderer=webgl"
		var st pageState
		var renderer string
		if err := chromedp.Run(ctx, chromedp.Navigate(gl), waitIdle(), readState(&st), chromedp.Evaluate(`window.frontline.renderer`, &renderer)); err != nil {
			t.Fatal(err)
		}
		if renderer != "webgl" {
			t.Fatalf("renderer %q", renderer)
		}
		land, russia := drawnShares(t, b.screenshot(t, ctx, "webgl-default-1366x768"), 360)
		t.Logf("map pixels: %.0f%% Ukrainian-held land, %.0f%% Russian-held", 100*land, 100*russia)
		if land < 0.2 || russia < 0.1 || st.Rendered == 0 || st.Date != "2022-09-13" {
			t.Errorf("MapLibre's default view: %.0f%% land, %.0f%% Russian-held, %d polygons drawn, %s", 100*land, 100*russia, st.Rendered, st.Date)
		}
		var labels struct {
			All    int      `json:"all"`
			Legend []string `json:"legend"`
			Rules  []bool   `json:"rules"`
		}
		if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
			const c = document.getElementById("map").getBoundingClientRect(), r = document.getElementById("legend").getBoundingClientRect();
			return {all: window.frontline.renderedLabels().length,
				legend: window.frontline.renderedLabels([[r.left - c.left, r.top - c.top], [r.right - c.left, r.bottom - c.top]]).map((l) => l.name),
				rules: window.frontline.labelRules().map((r) => r.allowOverlap)};
		})()`, &labels)); err != nil {
			t.Fatal(err)
		}
		overlap := false
		for _, o := range labels.Rules {
			overlap = overlap || o
		}
		if labels.All < 5 || len(labels.Legend) > 0 || len(labels.Rules) < 3 || overlap {
			t.Errorf("MapLibre's labels: %+v", labels)
		}
		var drawn int
		if err := chromedp.Run(ctx, chromedp.Navigate(gl+"#layer=deepstate&compare=2022-09-06..2022-09-13"), waitIdle(),
			chromedp.WaitVisible("#net-ukraine", chromedp.ByID), waitIdle(), chromedp.Evaluate(`window.frontline.renderedChange()`, &drawn)); err != nil {
			t.Fatal(err)
		}
		b.screenshot(t, ctx, "webgl-compare-2022-09-06_2022-09-13")
		if drawn == 0 {
			t.Error("MapLibre drew no changed ground")
		}
		// A link from the comparison to a day and a place (the same page:
		// only the hash changes): the change goes, the place's panel opens.
		var name string
		var periods, change int
		if err := chromedp.Run(ctx, chromedp.Navigate(gl+"#layer=deepstate&date=2022-09-13&place=UA63040010010039074"), waitIdle(),
			chromedp.WaitVisible("#place-periods li", chromedp.ByQuery), chromedp.Text("#place-name", &name, chromedp.ByID),
			chromedp.Evaluate(`document.querySelectorAll("#place-periods li").length`, &periods),
			chromedp.Evaluate(`window.frontline.renderedChange()`, &change)); err != nil {
			t.Fatal(err)
		}
		b.screenshot(t, ctx, "webgl-place-balakliia")
		if name != "Balakliia" || periods < 2 {
			t.Errorf("MapLibre page's place panel: %q with %d periods", name, periods)
		}
		if change != 0 {
			t.Errorf("the day's view still draws %d features of the comparison", change)
		}
	})

	t.Run("NoRequestLeaves127001", func(t *testing.T) {
		b.mu.Lock()
		urls := append([]string(nil), b.urls...)
		b.mu.Unlock()
		if len(urls) < 10 {
			t.Fatalf("only %d requests recorded", len(urls))
		}
		for _, raw := range urls {
			u, err := url.Parse(raw)
			if err != nil {
				t.Errorf("request to %q: %v", raw, err)
				continue
			}
			switch u.Scheme {
			case "data", "blob", "about":
				continue
			}
			if u.Hostname() != "127.0.0.1" {
				t.Errorf("request left 127.0.0.1: %s", raw)
			}
		}
		t.Logf("%d requests, all to 127.0.0.1", len(urls))
	})

	for _, e := range b.errors() {
		// A server without a follower has no sources' status: the page
		// asks, gets a 404 and hides the panel (TestBrowserLive).
		if strings.Contains(e, "status of 404") && strings.Contains(e, "/api/v1/sources/status") {
			continue
		}
		t.Errorf("page error: %s", e)
	}
}

// disagreement is what the overlay panel says and the map draws.
type disagreement struct {
	Km2         float64 `json:"km2"`
	Text        string  `json:"text"`
	Russia      string  `json:"russia"`
	Transitions int     `json:"transitions"`
	Oblasts     int     `json:"oblasts"`
	Drawn       int     `json:"drawn"`
}

func readDisagreement(d *disagreement) chromedp.Action {
	return chromedp.Evaluate(`(() => {
		const r = document.getElementById("overlay-result"), q = (s) => document.querySelector(s);
		return {km2: Number(r.dataset.disagreeKm2 || 0), text: q("#disagree-km2") ? q("#disagree-km2").textContent : r.textContent,
			russia: q("#overlay-russia") ? q("#overlay-russia").textContent : "",
			transitions: document.querySelectorAll("#disagree-transitions tr[data-km2]").length,
			oblasts: document.querySelectorAll("#disagree-oblasts tr[data-iso]").length,
			drawn: window.frontline.renderedOverlay()};
	})()`, d)
}

// claimItem is a claim as the place panel lists it.
type claimItem struct {
	Report      int64  `json:"report"`
	Index       int    `json:"index"`
	Speaker     string `json:"speaker"`
	SpeakerSide string `json:"speakerSide"`
	Credibility int    `json:"credibility"`
	Badge       string `json:"badge"`
	Assertion   string `json:"assertion"`
	Quote       string `json:"quote"`
	RefersTo    string `json:"refersTo"`
}

func readClaims(out *[]claimItem) chromedp.Action {
	return chromedp.Evaluate(`[...document.querySelectorAll('#claims-list li.claim')].map(li => {
		const q = (s) => li.querySelector(s), cred = q('.cred');
		return {report: Number(li.dataset.report), index: Number(li.dataset.index), speaker: q('.speaker') ? q('.speaker').title || q('.speaker').textContent : '',
			speakerSide: li.dataset.speakerSide, credibility: cred ? Number(cred.dataset.credibility) : 0, badge: cred ? cred.textContent : '',
			assertion: q('.assertion').textContent, quote: q('.quote').textContent, refersTo: q('time').textContent};
	})`, out)
}

// mustGanchev asks the API (not the page) for Ganchev's claim about
// Balakliia.
func mustGanchev(t *testing.T, base string) frontline.ClaimView {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/claims?place=UA63040010010039074")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct{ Claims []frontline.ClaimView }
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	for _, c := range body.Claims {
		if strings.Contains(c.Speaker, "Ganchev") {
			if !strings.ContainsAny(c.Quote, "“”’") {
				t.Errorf("Ganchev's quote %q: want the article's curly quotes (a test of byte → UTF-16 offsets)", c.Quote)
			}
			return c
		}
	}
	t.Fatalf("no claim of Ganchev's among %d about Balakliia", len(body.Claims))
	return frontline.ClaimView{}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func first(list []string, n int) []string {
	if len(list) > n {
		return list[:n]
	}
	return list
}
