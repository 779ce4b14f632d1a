package web_test

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline/web"
)

func get(t *testing.T, h http.Handler, target string, header map[string]string) *http.Response {
	t.Helper()
	r := httptest.NewRequest("GET", target, nil)
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	rd := resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		rd = zr
	}
	b, err := io.ReadAll(rd)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestIndex(t *testing.T) {
	h := web.Handler()
	resp := get(t, h, "/", nil)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" || resp.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("GET /: %d %v", resp.StatusCode, resp.Header)
	}
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "connect-src 'self'") {
		t.Errorf("CSP %q: want everything from this server", csp)
	}
	html := body(t, resp)
	if strings.Contains(html, "{{") {
		t.Errorf("index.html has an unfilled placeholder")
	}
	if regexp.MustCompile(`(src|href)="(https?:)?//`).MatchString(html) {
		t.Errorf("index.html links to another host")
	}
	// Every hashed reference answers, as immutable.
	refs := regexp.MustCompile(`"(/[^"]+\?v=[0-9a-f]{12})"`).FindAllStringSubmatch(html, -1)
	if len(refs) < 4 {
		t.Fatalf("%d hashed references in index.html; want the CSS, the scripts and the modules", len(refs))
	}
	for _, m := range refs {
		resp := get(t, h, m[1], nil)
		if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("%s: %d %q", m[1], resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
	}
	// The import map names the modules app.js imports.
	im := regexp.MustCompile(`<script type="importmap">(.*?)</script>`).FindStringSubmatch(html)
	if im == nil {
		t.Fatal("no import map")
	}
	var imports struct{ Imports map[string]string }
	if err := json.Unmarshal([]byte(im[1]), &imports); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"/js/app.js", "/js/api.js", "/js/mapview.js", "/js/canvasview.js", "/js/renderer.js", "/js/panels.js"} {
		if !strings.HasPrefix(imports.Imports[m], m+"?v=") {
			t.Errorf("import map: %s → %q", m, imports.Imports[m])
		}
	}
	// And each the first view needs is preloaded, by the same URL; those
	// imported only when needed are not.
	for m, u := range imports.Imports {
		lazy := m == "/js/mapview.js" || m == "/js/reportview.js"
		if preloaded := strings.Contains(html, `<link rel="modulepreload" href="`+u+`">`); preloaded == lazy {
			t.Errorf("%s preloaded %v as %s; want %v", m, preloaded, u, !lazy)
		}
	}
	// Every inline script is allowed by its hash, and there are two: the
	// import map and the boot script, which asks for the first view's
	// answers before any stylesheet (a script after one waits for it).
	inline := regexp.MustCompile(`(?s)<script(?: type="importmap")?>(.*?)</script>`).FindAllStringSubmatchIndex(html, -1)
	if len(inline) != 2 {
		t.Fatalf("%d inline scripts; want the import map and the boot script", len(inline))
	}
	for _, m := range inline {
		sum := sha256.Sum256([]byte(html[m[2]:m[3]]))
		if !strings.Contains(csp, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'") {
			t.Errorf("inline script at byte %d is not allowed by the CSP %q", m[0], csp)
		}
	}
	boot := html[inline[0][2]:inline[0][3]]
	if !strings.Contains(boot, "frontlineBoot") || strings.Index(html, "<script>") > strings.Index(html, `rel="stylesheet"`) {
		t.Errorf("the boot script is not inlined before the stylesheets")
	}
}

func TestAssets(t *testing.T) {
	h := web.Handler()
	for _, c := range []struct{ path, ct string }{
		{"/js/app.js", "text/javascript; charset=utf-8"},
		{"/css/app.css", "text/css; charset=utf-8"},
		{"/favicon.svg", "image/svg+xml"},
	} {
		resp := get(t, h, c.path, map[string]string{"Accept-Encoding": "gzip, br"})
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != c.ct || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: %d %v", c.path, resp.StatusCode, resp.Header)
			continue
		}
		// Without the hash: revalidate, by ETag.
		if cc := resp.Header.Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("%s without ?v: Cache-Control %q", c.path, cc)
		}
		if len(body(t, resp)) == 0 {
			t.Errorf("%s: empty", c.path)
		}
		etag := resp.Header.Get("ETag")
		if again := get(t, h, c.path, map[string]string{"If-None-Match": etag}); etag == "" || again.StatusCode != http.StatusNotModified {
			t.Errorf("%s: If-None-Match %s gave %d", c.path, etag, again.StatusCode)
		}
	}
	js := get(t, h, "/js/app.js", map[string]string{"Accept-Encoding": "gzip"})
	if js.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(body(t, js), "window.frontline") {
		t.Errorf("app.js not served gzipped to a client that accepts it: %v", js.Header)
	}
	plain := get(t, h, "/js/app.js", nil)
	if plain.Header.Get("Content-Encoding") != "" || !strings.Contains(body(t, plain), "window.frontline") {
		t.Errorf("app.js gzipped to a client that did not ask: %v", plain.Header)
	}
	// A stale hash is not cached for long.
	if resp := get(t, h, "/js/app.js?v=000000000000", nil); resp.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("stale hash: Cache-Control %q", resp.Header.Get("Cache-Control"))
	}
	for _, p := range []string{"/nope.js", "/js/", "/../web.go", "/static/index.html"} {
		if resp := get(t, h, p, nil); resp.StatusCode != 404 {
			t.Errorf("%s: %d; want 404", p, resp.StatusCode)
		}
	}
	r := httptest.NewRequest("POST", "/", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %d", w.Code)
	}
}

// TestBuilt checks scripts/build-web.sh has run: the map needs MapLibre and
// the basemap in the embedded files.
func TestBuilt(t *testing.T) {
	if !web.HasMapLibre() {
		t.Fatal("web/static/vendor/maplibre-gl.js missing: run scripts/build-web.sh")
	}
	h := web.Handler()
	for _, p := range []string{"/vendor/maplibre-gl.js", "/vendor/maplibre-gl.css", "/basemap/countries.geojson", "/basemap/ukraine.geojson"} {
		resp := get(t, h, p, nil)
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d (run scripts/build-web.sh)", p, resp.StatusCode)
		}
	}
	var fc struct {
		Features []struct {
			Properties map[string]string
		}
	}
	if err := json.Unmarshal([]byte(body(t, get(t, h, "/basemap/ukraine.geojson", nil))), &fc); err != nil {
		t.Fatal(err)
	}
	oblasts := 0
	for _, f := range fc.Features {
		if f.Properties["kind"] == "oblast" {
			oblasts++
		}
	}
	if oblasts != 27 {
		t.Errorf("basemap has %d oblasts (and cities with oblast status); want 27", oblasts)
	}
}

// TestSoftwareWebGLRule: the boot script remembers a software WebGL answer
// by the same rule renderer.js picks the canvas with.
func TestSoftwareWebGLRule(t *testing.T) {
	rule := regexp.MustCompile(`SOFTWARE = (/[^/]+/i)`)
	var found []string
	for _, p := range []string{"static/boot/boot.js", "static/js/renderer.js"} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		m := rule.FindSubmatch(b)
		if m == nil {
			t.Fatalf("%s: no SOFTWARE rule", p)
		}
		found = append(found, string(m[1]))
	}
	if found[0] != found[1] {
		t.Errorf("boot.js's SOFTWARE %s differs from renderer.js's %s", found[0], found[1])
	}
}
