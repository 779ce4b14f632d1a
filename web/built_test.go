package web

import (
	"bytes"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestUnbuiltMapRefused: a build without the generated assets (plain `go
// build`/`go install` before scripts/build-web.sh) serves no broken map:
// the page and every map file answer 503 saying how to build it.
func TestUnbuiltMapRefused(t *testing.T) {
	// The embedded files without what build-web.sh generates.
	src := fstest.MapFS{}
	err := fs.WalkDir(embedded, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, "static/vendor/") || strings.HasPrefix(p, "static/basemap/") {
			return err
		}
		b, err := fs.ReadFile(embedded, p)
		src[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := missingIn(src); len(got) != len(generated) {
		t.Fatalf("missing %v", got)
	}
	h, err := handlerFor(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/", "/index.html", "/js/app.js", "/vendor/maplibre-gl.js"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", p, nil))
		body, _ := io.ReadAll(w.Result().Body)
		if w.Code != http.StatusServiceUnavailable || !strings.Contains(string(body), "make build") || !strings.Contains(string(body), "vendor/maplibre-gl.js") {
			t.Errorf("%s: %d %.200s", p, w.Code, body)
		}
	}

	// Only the basemap missing: refused too.
	src["static/vendor/maplibre-gl.js"] = &fstest.MapFile{Data: []byte("/* maplibre */")}
	src["static/vendor/maplibre-gl-worker.js"] = &fstest.MapFile{Data: []byte("/* maplibre's worker */")}
	src["static/vendor/maplibre-gl.css"] = &fstest.MapFile{Data: []byte("")}
	src["static/vendor/maplibre-gl-LICENSE.txt"] = &fstest.MapFile{Data: []byte("")}
	if got := missingIn(src); strings.Join(got, " ") != "basemap/countries.geojson basemap/ukraine.geojson" {
		t.Errorf("missing %v", got)
	}

	// The whole map (as build-web.sh leaves it, when it has run) is served.
	if len(Missing()) == 0 {
		h, err := handlerFor(embedded)
		if err != nil {
			t.Fatal(err)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
		if w.Code != 200 {
			t.Errorf("built map: %d", w.Code)
		}
	}
}

// TestCommittedAssetsCurrent: the committed MapLibre files are those of the
// pinned npm package (scripts/build-web.sh copies them; after `npm ci` a
// drift between the two fails here), and the committed basemap is what
// web/tools/basemap.mjs builds when node is there to run it.
func TestCommittedAssetsCurrent(t *testing.T) {
	dist := filepath.Join("node_modules", "maplibre-gl", "dist")
	if _, err := os.Stat(dist); err != nil {
		t.Skip("web/node_modules not installed (scripts/build-web.sh runs npm ci)")
	}
	for src, dst := range map[string]string{"maplibre-gl-csp.js": "maplibre-gl.js", "maplibre-gl-csp-worker.js": "maplibre-gl-worker.js", "maplibre-gl.css": "maplibre-gl.css", "LICENSE.txt": "maplibre-gl-LICENSE.txt"} {
		want, err := os.ReadFile(filepath.Join(dist, src))
		if err != nil {
			t.Fatal(err)
		}
		got, err := fs.ReadFile(embedded, "static/vendor/"+dst)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("static/vendor/%s differs from the npm package's %s: run scripts/build-web.sh and commit", dst, src)
		}
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	out := t.TempDir()
	cmd := exec.Command(node, "tools/basemap.mjs", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("basemap.mjs takes no output folder here (%v): %s", err, b)
	}
	for _, f := range []string{"countries.geojson", "ukraine.geojson"} {
		want, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Skipf("basemap.mjs wrote no %s to %s", f, out)
		}
		got, _ := fs.ReadFile(embedded, "static/basemap/"+f)
		if !bytes.Equal(got, want) {
			t.Errorf("static/basemap/%s differs from what tools/basemap.mjs builds: run scripts/build-web.sh and commit", f)
		}
	}
}
