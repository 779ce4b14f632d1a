package web

import (
	"fmt"
	"html"
	"io/fs"
	"net/http"
	"strings"
)

// generated lists the files scripts/build-web.sh puts into static/: without
// any of them the map is broken (no MapLibre, or no basemap).
var generated = []string{
	"vendor/maplibre-gl.js",
	"vendor/maplibre-gl-worker.js",
	"vendor/maplibre-gl.css",
	"vendor/maplibre-gl-LICENSE.txt",
	"basemap/countries.geojson",
	"basemap/ukraine.geojson",
}

// Missing lists the generated files absent from the embedded static/ (a
// binary built with plain `go build` or `go install` before
// scripts/build-web.sh ran); empty when the map is whole.
func Missing() []string { return missingIn(embedded) }

func missingIn(fsys fs.FS) []string {
	var out []string
	for _, p := range generated {
		if _, err := fs.Stat(fsys, "static/"+p); err != nil {
			out = append(out, p)
		}
	}
	return out
}

// handlerFor serves fsys's static/ if it holds the whole map, else a page
// that says the map is missing and how to build it: never a broken map.
func handlerFor(fsys fs.FS) (http.Handler, error) {
	if missing := missingIn(fsys); len(missing) > 0 {
		return unbuilt(missing), nil
	}
	return newHandler(fsys)
}

// unbuilt answers every request for the map with 503 and how to build it.
func unbuilt(missing []string) http.Handler {
	page := fmt.Sprintf(`<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Frontline: the map is not built</title>
<h1>The map is not in this build</h1>
<p>This Frontline binary was built without the web map's generated assets (missing: %s).
The API (<a href="/api/v1/openapi.json">/api/v1</a>) and OGC API – Features (<a href="/ogc">/ogc</a>) work.</p>
<p>To get the map, build from a clone with <code>make build</code> (or run <code>scripts/build-web.sh</code>,
then <code>go build ./cmd/frontline</code>).</p>
</html>
`, html.EscapeString(strings.Join(missing, ", ")))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'none'")
		w.WriteHeader(http.StatusServiceUnavailable)
		if r.Method != http.MethodHead {
			fmt.Fprint(w, page)
		}
	})
}
