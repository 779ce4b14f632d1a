// Package ogc serves Frontline's layers as OGC API – Features (Part 1: Core,
// GeoJSON, OpenAPI 3.0) under /ogc, so that QGIS, GDAL/OGR and other OGC
// clients open them directly.
//
// Each layer is one collection; its items are the features of one map (one
// snapshot): the ground of one status inside one oblast, at full precision,
// with its geodesic area (frontline.MapService). Ukraine-held ground is no
// feature: it is Ukraine's land minus the features. Which map is chosen by
// the datetime parameter:
//
//   - none: the layer's latest map;
//   - a date (2022-09-13, UTC): the map of that day, the last one published
//     by the end of the day;
//   - an instant (2022-09-13T12:00:00Z): the last map published at or
//     before it;
//   - an interval a/b, ../b, a/.., ../..: every map whose valid time lies in
//     it, oldest first, each map's features with its valid_at and
//     snapshot_id (an interval large enough to be paged leaves out
//     numberMatched; the next links carry on).
//
// A datetime for which the layer has no map (before its first, say) answers
// 200 with no features, as the standard wants. The extension parameter
// as_known (RFC 3339) reads the map as Frontline knew it then; status and
// oblast filter by control status and oblast (comma-separated; the
// queryables as query parameters), and filter takes Basic CQL2 in its text
// encoding over the queryables of /collections/{id}/queryables (Part 3:
// Filtering), e.g. filter=status='russia' AND area_km2 > 100.
//
// Links are absolute, built from the request's Host header and, when set,
// X-Forwarded-Proto. Errors are JSON {"code","description","parameter"}.
package ogc

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/internal/httpstatus"
)

// Prefix is the path under which the handler serves.
const Prefix = "/ogc"

// Media types and identifiers used in documents and links.
const (
	typeJSON    = "application/json"
	typeGeoJSON = "application/geo+json"
	typeOpenAPI = "application/vnd.oai.openapi+json;version=3.0"
	typeSchema  = "application/schema+json"

	relQueryables = "http://www.opengis.net/def/rel/ogc/1.0/queryables"

	crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
	trs   = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"
)

// Conformance classes declared at /ogc/conformance.
var conformance = []string{
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
	"http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
	"http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
}

// UkraineBBox is the bounding box of Ukraine's land (Crimea included) as
// [minLon, minLat, maxLon, maxLat], rounded outwards; the spatial extent of
// every collection. A test checks it against the boundaries package.
var UkraineBBox = [4]float64{22.13, 44.38, 40.23, 52.38}

// Item limits: the default page size and the largest page served (a larger
// limit is served as this one, as OGC API – Features recommends).
const (
	DefaultLimit = 10
	MaxLimit     = 1000
)

// Handler serves OGC API – Features for every layer of Layers, drawing
// items with Maps.
type Handler struct {
	Layers frontline.LayerService
	Maps   frontline.MapService
	// Extent is every collection's spatial extent; NewHandler sets
	// UkraineBBox.
	Extent [4]float64
	// Now stamps item responses (timeStamp); NewHandler sets time.Now.
	Now frontline.Clock

	mux *http.ServeMux
}

// NewHandler returns a handler for requests whose path starts with /ogc.
func NewHandler(layers frontline.LayerService, maps frontline.MapService) *Handler {
	h := &Handler{Layers: layers, Maps: maps, Extent: UkraineBBox, Now: time.Now, mux: http.NewServeMux()}
	h.mux.HandleFunc("GET "+Prefix, h.handleLanding)
	h.mux.HandleFunc("GET "+Prefix+"/{$}", h.handleLanding)
	h.mux.HandleFunc("GET "+Prefix+"/conformance", h.handleConformance)
	h.mux.HandleFunc("GET "+Prefix+"/api", h.handleAPI)
	h.mux.HandleFunc("GET "+Prefix+"/collections", h.handleCollections)
	h.mux.HandleFunc("GET "+Prefix+"/collections/{collectionId}", h.handleCollection)
	h.mux.HandleFunc("GET "+Prefix+"/collections/{collectionId}/items", h.handleItems)
	h.mux.HandleFunc("GET "+Prefix+"/collections/{collectionId}/queryables", h.handleQueryables)
	h.mux.HandleFunc("GET "+Prefix+"/collections/{collectionId}/items/{featureId}", h.handleItem)
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			writeError(w, http.StatusMethodNotAllowed, frontline.Errorf(frontline.EINVALID, "method %s not allowed: the OGC API is read-only", r.Method), "")
			return
		}
		writeError(w, http.StatusNotFound, frontline.Errorf(frontline.ENOTFOUND, "no OGC API resource at %s", r.URL.Path), "")
	})
	return h
}

// MaxQueryBytes bounds a request's query string: longer ones get 414 URI
// Too Long, with the exception body of every other error.
const MaxQueryBytes = 4096

// ServeHTTP serves one request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if len(r.URL.RawQuery) > MaxQueryBytes {
		writeError(w, http.StatusRequestURITooLong, frontline.Errorf(frontline.EINVALID, "query string of %d bytes is longer than %d", len(r.URL.RawQuery), MaxQueryBytes), "")
		return
	}
	h.mux.ServeHTTP(w, r)
}

// Link is a web link of an OGC API document.
type Link struct {
	Href  string `json:"href"`
	Rel   string `json:"rel"`
	Type  string `json:"type,omitempty"`
	Title string `json:"title,omitempty"`
}

// Exception is the body of every error, after OGC API – Common's
// exception schema; Parameter names the offending query parameter.
type Exception struct {
	Code        string `json:"code"`
	Description string `json:"description"`
	Parameter   string `json:"parameter,omitempty"`
}

// fail writes err with the status of its code (internal/httpstatus).
func fail(w http.ResponseWriter, err error, param string) {
	writeError(w, httpstatus.OfError(err), err, param)
}

func writeError(w http.ResponseWriter, status int, err error, param string) {
	writeJSON(w, status, typeJSON, Exception{Code: frontline.ErrorCode(err), Description: frontline.ErrorMessage(err), Parameter: param})
}

func writeJSON(w http.ResponseWriter, status int, contentType string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, contentType = http.StatusInternalServerError, typeJSON
		b, _ = json.Marshal(Exception{Code: frontline.EINTERNAL, Description: "cannot encode the response"})
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// base returns the absolute URL of the API's root (…/ogc) for a request.
func base(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if p := strings.ToLower(strings.TrimSpace(strings.Split(r.Header.Get("X-Forwarded-Proto"), ",")[0])); p == "http" || p == "https" {
		scheme = p
	}
	host := r.Host
	if host == "" {
		host = "localhost"
	}
	return scheme + "://" + host + Prefix
}

// checkParams rejects query parameters other than allowed (OGC API –
// Features requires a 400 for unknown parameters) and an f other than json.
func checkParams(r *http.Request, allowed ...string) error {
	q := r.URL.Query()
	for name, vs := range q {
		known := name == "f"
		for _, a := range allowed {
			known = known || name == a
		}
		if !known {
			return paramError(name, "unknown parameter %q (this endpoint takes %s)", name, strings.Join(append([]string{"f"}, allowed...), ", "))
		}
		if len(vs) > 1 {
			return paramError(name, "parameter %q given %d times", name, len(vs))
		}
	}
	if f, ok := q["f"]; ok {
		switch f[0] {
		case "json", "geojson", "application/json", "application/geo+json":
		default:
			return paramError("f", "format %q not offered: only JSON (f=json) is served", f[0])
		}
	}
	return nil
}

// badParam is an invalid-parameter error that names its parameter.
type badParam struct {
	name string
	err  *frontline.Error
}

func (e *badParam) Error() string { return e.err.Error() }
func (e *badParam) Unwrap() error { return e.err }

func paramError(name, format string, args ...any) error {
	return &badParam{name: name, err: frontline.Errorf(frontline.EINVALID, format, args...)}
}

// failParam writes err, naming its parameter when it is a badParam.
func failParam(w http.ResponseWriter, err error) {
	param := ""
	if e, ok := err.(*badParam); ok {
		param = e.name
	}
	fail(w, err, param)
}

func (h *Handler) handleLanding(w http.ResponseWriter, r *http.Request) {
	if err := checkParams(r); err != nil {
		failParam(w, err)
		return
	}
	b := base(r)
	writeJSON(w, http.StatusOK, typeJSON, map[string]any{
		"title":       "Frontline",
		"description": "Territorial control in Ukraine: each layer is one publisher's series of control maps; its items are the map of a day (datetime), one feature per status and oblast, with geodesic areas.",
		"links": []Link{
			{Href: b, Rel: "self", Type: typeJSON, Title: "this document"},
			{Href: b + "/api", Rel: "service-desc", Type: typeOpenAPI, Title: "the API definition (OpenAPI 3.0)"},
			{Href: b + "/conformance", Rel: "conformance", Type: typeJSON, Title: "conformance classes"},
			{Href: b + "/collections", Rel: "data", Type: typeJSON, Title: "the layers"},
		},
	})
}

func (h *Handler) handleConformance(w http.ResponseWriter, r *http.Request) {
	if err := checkParams(r); err != nil {
		failParam(w, err)
		return
	}
	writeJSON(w, http.StatusOK, typeJSON, map[string]any{"conformsTo": conformance})
}

// Collection is a layer described as an OGC collection.
type Collection struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Links       []Link   `json:"links"`
	Extent      Extent   `json:"extent"`
	ItemType    string   `json:"itemType"`
	CRS         []string `json:"crs"`
}

// Extent is a collection's spatial and temporal extent.
type Extent struct {
	Spatial struct {
		BBox [][4]float64 `json:"bbox"`
		CRS  string       `json:"crs"`
	} `json:"spatial"`
	Temporal struct {
		// Interval is [[first valid time, last valid time]]; null ends
		// when the layer has no map yet.
		Interval [][2]*string `json:"interval"`
		TRS      string       `json:"trs"`
	} `json:"temporal"`
}

func (h *Handler) collection(r *http.Request, l *frontline.Layer) Collection {
	c := Collection{ID: l.Name, Title: l.Title, ItemType: "feature", CRS: []string{crs84}}
	if c.Title == "" {
		c.Title = l.Name
	}
	c.Description = "Control map of layer " + l.Name + ": one feature per status (russia, contested, unknown; Ukraine-held ground is the rest of Ukraine's land) and oblast, with its geodesic area in km². datetime picks the map (default: the latest; an interval gives every map in it); filter takes Basic CQL2 text over the queryables."
	if l.Source != "" {
		c.Description += " Source: " + strings.TrimSuffix(l.Source, ".") + "."
	}
	if l.Licence != "" {
		c.Description += " Licence: " + strings.TrimSuffix(l.Licence, ".") + "."
	}
	self := base(r) + "/collections/" + url.PathEscape(l.Name)
	c.Links = []Link{
		{Href: self, Rel: "self", Type: typeJSON, Title: "this collection"},
		{Href: self + "/items", Rel: "items", Type: typeGeoJSON, Title: "the latest map's features"},
		{Href: self + "/queryables", Rel: relQueryables, Type: typeSchema, Title: "the properties a filter may name"},
	}
	c.Extent.Spatial.BBox = [][4]float64{h.Extent}
	c.Extent.Spatial.CRS = crs84
	var first, last *string
	if l.FirstValidAt != nil {
		s := l.FirstValidAt.UTC().Format(time.RFC3339)
		first = &s
	}
	if l.LastValidAt != nil {
		s := l.LastValidAt.UTC().Format(time.RFC3339)
		last = &s
	}
	c.Extent.Temporal.Interval = [][2]*string{{first, last}}
	c.Extent.Temporal.TRS = trs
	return c
}

func (h *Handler) handleCollections(w http.ResponseWriter, r *http.Request) {
	if err := checkParams(r); err != nil {
		failParam(w, err)
		return
	}
	layers, err := h.Layers.FindLayers(r.Context())
	if err != nil {
		fail(w, err, "")
		return
	}
	cs := make([]Collection, 0, len(layers))
	for _, l := range layers {
		// A layer without maps (a list layer such as the official
		// perelik, by hromada) has no features to serve.
		if l.Snapshots == 0 {
			continue
		}
		cs = append(cs, h.collection(r, l))
	}
	b := base(r)
	writeJSON(w, http.StatusOK, typeJSON, map[string]any{
		"links":       []Link{{Href: b + "/collections", Rel: "self", Type: typeJSON, Title: "the layers"}},
		"collections": cs,
	})
}

// findLayer returns the collection's layer, or a 404 error naming it.
func (h *Handler) findLayer(r *http.Request) (*frontline.Layer, error) {
	id := r.PathValue("collectionId")
	l, err := h.Layers.FindLayer(r.Context(), id)
	if err != nil {
		if frontline.ErrorCode(err) == frontline.ENOTFOUND || frontline.ErrorCode(err) == frontline.EINVALID {
			return nil, frontline.Errorf(frontline.ENOTFOUND, "no collection %q", id)
		}
		return nil, err
	}
	if l.Snapshots == 0 {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "no collection %q: layer %s has no maps", id, id)
	}
	return l, nil
}

// collectionOf checks a request that takes no parameters and finds its
// collection's layer; on failure it has answered.
func (h *Handler) collectionOf(w http.ResponseWriter, r *http.Request) (*frontline.Layer, bool) {
	if err := checkParams(r); err != nil {
		failParam(w, err)
		return nil, false
	}
	l, err := h.findLayer(r)
	if err != nil {
		fail(w, err, "")
		return nil, false
	}
	return l, true
}

func (h *Handler) handleCollection(w http.ResponseWriter, r *http.Request) {
	l, ok := h.collectionOf(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, typeJSON, h.collection(r, l))
}

// handleQueryables serves the JSON Schema of the properties a filter (and
// the query parameters status and oblast) may name.
func (h *Handler) handleQueryables(w http.ResponseWriter, r *http.Request) {
	l, ok := h.collectionOf(w, r)
	if !ok {
		return
	}
	props := map[string]any{}
	for _, q := range queryables {
		p := map[string]any{"type": q.Type, "description": q.Description}
		if len(q.Enum) > 0 {
			p["enum"] = q.Enum
		}
		if q.Format != "" {
			p["format"] = q.Format
		}
		props[q.Name] = p
	}
	writeJSON(w, http.StatusOK, typeSchema, map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  base(r) + "/collections/" + url.PathEscape(l.Name) + "/queryables",
		"type":                 "object",
		"title":                l.Name,
		"description":          "Properties of the features of layer " + l.Name + " that filter (Basic CQL2 text) may name; status and oblast are also query parameters.",
		"properties":           props,
		"additionalProperties": false,
	})
}
