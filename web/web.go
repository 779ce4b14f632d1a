// Package web serves Frontline's web map: the HTML, CSS and ES modules under
// static/, MapLibre GL JS and the offline basemap (both generated into
// static/ by scripts/build-web.sh), all embedded in the binary with go:embed.
// Nothing the page needs comes from another host.
//
// Caching: index.html is served with "Cache-Control: no-cache" and names
// every other file with its content hash (?v=…), through an import map for
// the ES modules; a request carrying the current hash is cached for a year
// as immutable, any other request revalidates with the ETag. Text files are
// gzipped once, at start-up, for clients that accept it.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"sort"
	"strings"
)

//go:embed static
var embedded embed.FS

// asset is one file ready to serve.
type asset struct {
	body        []byte
	gzipped     []byte // nil when gzip does not pay
	contentType string
	hash        string // hex, first 12 digits of the SHA-256 of body
}

// handler serves the embedded files.
type handler struct {
	assets map[string]*asset // by URL path, "/js/app.js"
	index  *asset
	csp    string
}

// contentTypes by extension; the system's MIME table is not consulted, so
// the answer does not depend on the machine.
var contentTypes = map[string]string{
	".html":    "text/html; charset=utf-8",
	".js":      "text/javascript; charset=utf-8",
	".mjs":     "text/javascript; charset=utf-8",
	".css":     "text/css; charset=utf-8",
	".json":    "application/json; charset=utf-8",
	".geojson": "application/geo+json",
	".svg":     "image/svg+xml",
	".png":     "image/png",
	".ico":     "image/x-icon",
	".txt":     "text/plain; charset=utf-8",
}

// Handler returns the handler of the web map; if this build lacks the map's
// generated assets (see Missing), a 503 page saying how to build them. It
// panics only if the embedded files are unreadable, which is a build error.
func Handler() http.Handler {
	h, err := handlerFor(embedded)
	if err != nil {
		panic(err)
	}
	return h
}

// HasMapLibre reports whether scripts/build-web.sh has put MapLibre into the
// embedded files; without it the page shows how to build it.
func HasMapLibre() bool {
	_, err := fs.Stat(embedded, "static/vendor/maplibre-gl.js")
	return err == nil
}

var assetRef = regexp.MustCompile(`\{\{asset "([^"]+)"\}\}`)

func newHandler(fsys fs.FS) (*handler, error) {
	root, err := fs.Sub(fsys, "static")
	if err != nil {
		return nil, err
	}
	h := &handler{assets: map[string]*asset{}}
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		ct, ok := contentTypes[path.Ext(p)]
		if !ok {
			ct = "application/octet-stream"
		}
		h.assets["/"+p] = newAsset(body, ct)
		return nil
	})
	if err != nil {
		return nil, err
	}
	index, ok := h.assets["/index.html"]
	if !ok {
		return nil, fmt.Errorf("web: static/index.html missing")
	}
	// The import map names every module with its hash, so that a module's
	// relative imports ("./api.js") fetch the current, cacheable version.
	imports := map[string]string{}
	var modules []string
	for p := range h.assets {
		if strings.HasPrefix(p, "/js/") && strings.HasSuffix(p, ".js") {
			modules = append(modules, p)
		}
	}
	sort.Strings(modules)
	for _, p := range modules {
		imports[p] = p + "?v=" + h.assets[p].hash
	}
	importMap, err := json.Marshal(map[string]any{"imports": imports})
	if err != nil {
		return nil, err
	}
	html := bytes.Replace(index.body, []byte("{{importmap}}"), importMap, 1)
	// Every module app.js imports, directly or not, is fetched at once, not
	// once its importer is parsed; those it imports only when needed
	// (import("./mapview.js"): MapLibre's view, the report view) are not.
	var preload bytes.Buffer
	for _, p := range h.staticImports("/js/app.js") {
		fmt.Fprintf(&preload, "<link rel=\"modulepreload\" href=\"%s\">\n", imports[p])
	}
	html = bytes.Replace(html, []byte("{{modulepreload}}\n"), preload.Bytes(), 1)
	html = assetRef.ReplaceAllFunc(html, func(m []byte) []byte {
		p := string(assetRef.FindSubmatch(m)[1])
		if a, ok := h.assets[p]; ok {
			return []byte(p + "?v=" + a.hash)
		}
		return []byte(p) // a missing vendor file: the page says how to build it
	})
	// The boot script (static/boot/boot.js) is inlined: it asks for the
	// first view's answers while the modules load.
	boot, ok := h.assets["/boot/boot.js"]
	if !ok {
		return nil, fmt.Errorf("web: static/boot/boot.js missing")
	}
	html = bytes.Replace(html, []byte("{{boot}}"), boot.body, 1)
	h.index = newAsset(html, contentTypes[".html"])
	sum := sha256.Sum256(importMap)
	bootSum := sha256.Sum256(boot.body)
	// MapLibre (its CSP build) runs its worker from this server's
	// maplibre-gl-worker.js, not from a blob: URL, and sets inline styles;
	// everything else comes from this server. The two inline scripts, the
	// import map and the boot script, are allowed by their hashes.
	h.csp = strings.Join([]string{
		"default-src 'self'",
		"script-src 'self' 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "' 'sha256-" + base64.StdEncoding.EncodeToString(bootSum[:]) + "'",
		"worker-src 'self'",
		"child-src 'self'",
		"img-src 'self' data: blob:",
		"style-src 'self' 'unsafe-inline'",
		"connect-src 'self'",
		"object-src 'none'",
		"base-uri 'none'",
		"frame-ancestors 'none'",
	}, "; ")
	return h, nil
}

// staticImport is an ES module's static import of a sibling module (the
// modules are written one import to a line).
var staticImport = regexp.MustCompile(`(?m)^import\s+(?:[^";]*?\s+from\s+)?"\./([^"/]+\.js)"`)

// staticImports lists, sorted, the module at p (a URL path under /js/)
// and every module it imports statically, directly or not.
func (h *handler) staticImports(p string) []string {
	seen := map[string]bool{}
	var walk func(p string)
	walk = func(p string) {
		a, ok := h.assets[p]
		if seen[p] || !ok {
			return
		}
		seen[p] = true
		for _, m := range staticImport.FindAllSubmatch(a.body, -1) {
			walk(path.Join(path.Dir(p), string(m[1])))
		}
	}
	walk(p)
	list := make([]string, 0, len(seen))
	for m := range seen {
		list = append(list, m)
	}
	sort.Strings(list)
	return list
}

func newAsset(body []byte, ct string) *asset {
	sum := sha256.Sum256(body)
	a := &asset{body: body, contentType: ct, hash: hex.EncodeToString(sum[:])[:12]}
	if len(body) > 1024 && !strings.HasPrefix(ct, "image/png") {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		if buf.Len() < len(body)*9/10 {
			a.gzipped = buf.Bytes()
		}
	}
	return a
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	var a *asset
	immutable := false
	switch p {
	case "/", "/index.html":
		a = h.index
		w.Header().Set("Content-Security-Policy", h.csp)
		w.Header().Set("Referrer-Policy", "no-referrer")
	default:
		var ok bool
		if a, ok = h.assets[p]; !ok {
			w.Header().Set("Cache-Control", "no-cache")
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		immutable = r.URL.Query().Get("v") == a.hash
	}
	hd := w.Header()
	hd.Set("Content-Type", a.contentType)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Vary", "Accept-Encoding")
	etag := `"` + a.hash + `"`
	hd.Set("ETag", etag)
	if immutable {
		hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hd.Set("Cache-Control", "no-cache")
	}
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := a.body
	if a.gzipped != nil && acceptsGzip(r) {
		body = a.gzipped
		hd.Set("Content-Encoding", "gzip")
	}
	hd.Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		w.Write(body)
	}
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}
