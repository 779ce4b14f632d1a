package http

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
)

// Route is one /api/v1 route: what the mux serves, the index lists and the
// OpenAPI document describes, from this one table.
type Route struct {
	Method  string // GET
	Path    string // /api/v1/layers/{layer}/area
	Summary string
	Params  []Param
	// Response is a value of the 200 body's type, for its schema.
	Response any
	// ContentType of the 200 body; empty means application/json.
	ContentType string
	// Immutable responses carry a long Cache-Control and answer
	// If-None-Match with 304.
	Immutable bool
	// Status is the success status (default 200); Request a value of the
	// JSON request body's type (POST), for its schema.
	Status  int
	Request any
	handler http.HandlerFunc
}

// Param is a path or query parameter.
type Param struct {
	Name        string
	In          string // path or query
	Type        string // string, integer, number, boolean
	Format      string // date, date-time, …
	Required    bool
	Description string
	Example     string
	Enum        []string
	// Min and Max bound an integer (nil: unbounded); the server refuses
	// values outside them (enforceParams).
	Min, Max *int
}

func pathParam(name, desc, example string) Param {
	return Param{Name: name, In: "path", Type: "string", Required: true, Description: desc, Example: example}
}

func queryParam(name, typ, desc, example string) Param {
	return Param{Name: name, In: "query", Type: typ, Description: desc, Example: example}
}

func required(p Param) Param { p.Required = true; return p }

var (
	pLayer   = pathParam("layer", "Layer name, e.g. deepstate.", "deepstate")
	pPlaceID = pathParam("id", "Place ID: a KATOTTG code, or site:slug for watched sites.", "UA63040010010039074")
	pAsKnown = Param{Name: "as_known", In: "query", Type: "string", Format: "date-time", Description: "Answer as Frontline knew it at this time (RFC 3339 or YYYY-MM-DD): later corrections are invisible.", Example: ""}
	pTZ      = queryParam("tz", "string", "IANA time zone in which dates are days (default UTC), e.g. Europe/Kyiv.", "")
	pAt      = Param{Name: "at", In: "query", Type: "string", Format: "date", Description: "Day (YYYY-MM-DD) or RFC 3339 instant: the last map published by its end.", Example: "2022-09-13"}
	pFrom    = Param{Name: "from", In: "query", Type: "string", Format: "date", Description: "First day (YYYY-MM-DD).", Example: "2022-09-06"}
	pTo      = Param{Name: "to", In: "query", Type: "string", Format: "date", Description: "Last day (YYYY-MM-DD).", Example: "2022-09-13"}
	pZoom    = between(Param{Name: "zoom", In: "query", Type: "integer", Description: "Web-map zoom (0–22) to simplify for, about half a pixel; 0 or absent: full precision.", Example: "6"}, 0, 22)
	pBBox    = queryParam("bbox", "string", "minLon,minLat,maxLon,maxLat: keep features whose bounds meet it.", "")
	pStatus  = Param{Name: "status", In: "query", Type: "string", Description: "Comma-separated statuses to keep (russia, contested, unknown).", Example: ""}
)

// routes is the API's route table.
func (s *Server) routes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/layers", Summary: "List layers.", Response: layersResponse{}, handler: s.handleLayers},
		{Method: "GET", Path: "/api/v1/layers/{layer}", Summary: "One layer.", Params: []Param{pLayer}, Response: frontline.Layer{}, handler: s.handleLayer},
		{Method: "GET", Path: "/api/v1/layers/{layer}/snapshots", Summary: "A layer's snapshots (published maps) by valid time.",
			Params:   []Param{pLayer, pFrom, pTo, pAsKnown, pTZ, queryParam("all_versions", "boolean", "Include superseded versions.", "")},
			Response: snapshotsResponse{}, handler: s.handleSnapshots},
		{Method: "GET", Path: "/api/v1/layers/{layer}/area", Summary: "Area per status of the map of a day, overall and per oblast.",
			Params: []Param{pLayer, required(pAt), pAsKnown, pTZ}, Response: frontline.AreaResult{}, handler: s.handleArea},
		{Method: "GET", Path: "/api/v1/layers/{layer}/change", Summary: "What changed hands between the maps of two days: JSON transitions, or with format=geojson the changed ground as GeoJSON. Each settlement that changed hands lists what explains it (explained_by: the claims, tracker's notes and observations about it within the change's days ± 1 day, with source, side, credibility and quote), or unexplained: true.",
			Params: []Param{pLayer, required(pFrom), required(pTo), pAsKnown, pTZ, {Name: "format", In: "query", Type: "string", Description: "json (default) or geojson: a FeatureCollection with one feature per transition and oblast (from, to, oblast, iso, area_km2).", Enum: []string{"json", "geojson"}},
				{Name: "explain", In: "query", Type: "boolean", Description: "List the claims and observations that explain each settlement's change (default true; false: leave explained_by out).", Example: ""}},
			Response: frontline.ChangeResult{}, handler: s.handleChange},
		{Method: "GET", Path: "/api/v1/layers/{layer}/compare", Summary: "Where a polygon layer and a list layer (the official list of occupied territories, by hromada) disagree on a day, as `frontline layer compare`.",
			Params:   []Param{pLayer, required(queryParam("with", "string", "The list layer, e.g. perelik.", "perelik")), required(pAt), pAsKnown, pTZ},
			Response: frontline.ListComparison{}, handler: s.handleCompare},
		{Method: "GET", Path: "/api/v1/layers/{layer}/disagree", Summary: "Where two polygon layers' maps of one day disagree: transitions from this layer's status to the other's, per oblast, with the settlements they disagree on; or with format=geojson the ground itself.",
			Params:   []Param{pLayer, required(queryParam("with", "string", "The other polygon layer (another tracker, or another archive of the same one).", "archive")), required(pAt), pAsKnown, pTZ, {Name: "format", In: "query", Type: "string", Description: "json (default) or geojson: one feature per (this layer's status → the other's) and oblast.", Enum: []string{"json", "geojson"}}},
			Response: frontline.DisagreementResult{}, handler: s.handleDisagree},
		{Method: "GET", Path: "/api/v1/layers/{layer}/series", Summary: "Area per status for every day of a window.",
			Params: []Param{pLayer, pFrom, pTo, pAsKnown, pTZ}, Response: frontline.SeriesResult{}, handler: s.handleSeries},
		{Method: "GET", Path: "/api/v1/layers/{layer}/settlements", Summary: "Every settlement's status on every day of a window (UTC days), as periods: the same JSON as `frontline settlements --json`.",
			Params: []Param{pLayer, pFrom, pTo, pAsKnown,
				queryParam("oblast", "string", "Only the settlements of this oblast (ISO 3166-2 code).", "UA-63"),
				queryParam("changed", "boolean", "Only the settlements that held more than one status in the window.", "true")},
			Response: frontline.SettlementsResult{}, handler: s.handleSettlements},
		{Method: "GET", Path: "/api/v1/layers/{layer}/days", Summary: "Every day of a layer, from its first map to its last, with the ID of each day's map (carried: no map that day, the previous one holds); the series' days without their areas, for a slider.",
			Params: []Param{pLayer, pAsKnown, pTZ}, Response: daysResponse{}, handler: s.handleDays},
		{Method: "GET", Path: "/api/v1/layers/{layer}/map", Summary: "The map of a day as GeoJSON: a feature per status and oblast (Ukraine-held ground is the basemap, not a feature), simplified for a zoom; areas are always of the full geometry.",
			Params:   []Param{pLayer, required(pAt), pZoom, pAsKnown, pTZ, pBBox, pStatus},
			Response: mapCollection{}, ContentType: "application/geo+json", handler: s.handleDayMap},
		{Method: "GET", Path: "/api/v1/layers/{layer}/snapshots/{id}/map", Summary: "A snapshot's map as GeoJSON (immutable: ETag, long Cache-Control).",
			Params:   []Param{pLayer, pathParam("id", "Snapshot ID.", "1"), pZoom, pBBox, pStatus},
			Response: mapCollection{}, ContentType: "application/geo+json", Immutable: true, handler: s.handleSnapshotMap},
		{Method: "GET", Path: "/api/v1/places", Summary: "Search places by name (any script, transliteration, typos).",
			Params: []Param{required(queryParam("q", "string", "Place name.", "Balakliya")), queryParam("oblast", "string", "Oblast in any script or ISO 3166-2, to rank homonyms.", ""),
				queryParam("near", "string", "LON,LAT to rank homonyms by distance.", ""), between(queryParam("limit", "integer", "1–100, default 10.", ""), 1, 100),
				queryParam("layer", "string", "With at: the layer whose front ranks homonyms.", "deepstate"), {Name: "at", In: "query", Type: "string", Format: "date", Description: "With layer: rank homonyms near that day's front first (YYYY-MM-DD).", Example: "2022-09-13"}, pAsKnown, pTZ},
			Response: placesResponse{}, handler: s.handlePlaces},
		{Method: "GET", Path: "/api/v1/places/labels", Summary: "Compact list of places to label on a map: settlements of at least min_population people, largest first, and the watched sites.",
			Params:   []Param{between(queryParam("min_population", "integer", "Smallest population to include (default 10000).", "10000"), 0, -1)},
			Response: labelsResponse{}, handler: s.handleLabels},
		{Method: "GET", Path: "/api/v1/places/{id}", Summary: "One place.", Params: []Param{pPlaceID}, Response: frontline.Place{}, handler: s.handlePlace},
		{Method: "GET", Path: "/api/v1/places/{id}/timeline", Summary: "A place's control status on every day of a layer (or every layer).",
			Params: []Param{pPlaceID, queryParam("layer", "string", "Layer (default every layer).", "deepstate"), pAsKnown}, Response: timelinesResponse{}, handler: s.handlePlaceTimeline},
		{Method: "GET", Path: "/api/v1/places/{id}/front", Summary: "Distance from a place to the front (the nearest boundary between statuses) on the map of a day.",
			Params: []Param{pPlaceID, required(queryParam("layer", "string", "Layer.", "deepstate")), required(pAt), pAsKnown, pTZ}, Response: frontResponse{}, handler: s.handlePlaceFront},
		{Method: "GET", Path: "/api/v1/sites", Summary: "Watched sites (nuclear plants, dams, hydro plants); with layer and at, each with its distance to the front on that day.",
			Params:   []Param{queryParam("layer", "string", "Layer for distances to the front.", "deepstate"), {Name: "at", In: "query", Type: "string", Format: "date", Description: "Day for distances to the front (needs layer).", Example: "2022-09-13"}, pAsKnown, pTZ},
			Response: sitesResponse{}, handler: s.handleSites},
		{Method: "GET", Path: "/api/v1/reports", Summary: "Stored reports (without their text or bytes), by published (else recorded) time.",
			Params: []Param{queryParam("source", "string", "Only reports of this source (name or alias).", ""), pSince, pUntil,
				{Name: "kind", In: "query", Type: "string", Description: "Only reports of this kind.", Enum: reportKinds},
				between(queryParam("limit", "integer", "1–1000, default 100.", ""), 1, 1000), pOffset},
			Response: reportsResponse{}, handler: s.handleReports},
		{Method: "GET", Path: "/api/v1/reports/{id}", Summary: "One report with its text and its latest extraction: places, claims and numbers with byte offsets into the text (text[start:end] is the quote).",
			Params: []Param{pathParam("id", "Report ID.", "1")}, Response: reportResponse{}, handler: s.handleReport},
		{Method: "GET", Path: "/api/v1/claims", Summary: "Claims extracted from reports, by report time: who says what about which place, with the publisher's and the speaker's grade.",
			Params: []Param{queryParam("place", "string", "Only claims about this place: a place ID, or a name in any spelling (the best match).", "UA63040010010039074"),
				between(queryParam("report", "integer", "Only claims of this report.", ""), 1, -1), pSince, pUntil,
				between(queryParam("limit", "integer", "1–5000, default 500.", ""), 1, 5000), pOffset},
			Response: claimsResponse{}, handler: s.handleClaims},
		{Method: "GET", Path: "/api/v1/contradictions", Summary: "Where stored claims, geolocated evidence and the control layer disagree about a place on the same days, both sides with quote, speaker, source and credibility (1–6), and the resolution when the layer's map or a geolocated observation decides.",
			Params:   []Param{queryParam("place", "string", "Only contradictions about this place: a place ID, or a name in any spelling (the best match).", "UA63040010010039074"), pSince, pUntil},
			Response: contradictionsResponse{}, handler: s.handleContradictions},
		{Method: "GET", Path: "/api/v1/assessed", Summary: "The assessed layer: each settlement's control (russia, ukraine, contested) over time as the graded claims tell it, with confidence and the claims that decided each period.",
			Params:   []Param{queryParam("place", "string", "Only this settlement: a place ID, or a name in any spelling (the best match).", "UA63040010010039074")},
			Response: assessedResponse{}, handler: s.handleAssessed},
		{Method: "POST", Path: "/api/v1/check", Summary: "Check a document without storing it, as `frontline check --json`: its places, its claims graded (credibility 1–6 with reasons) against the stored claims, the evidence and the layer, its numbers checked against the layer's maps (verdict, measured, reason), and the contradictions it takes part in; offsets index the answer's text. The body is JSON (Content-Type application/json), or the document itself as text/plain or text/html (UTF-8) with published, source, layer and as_known as query parameters; at most 4 MiB. A layer that is not loaded is no error: layer is then empty and layer_note says why.",
			Params: []Param{queryParam("published", "string", "With a text body: publication time (RFC 3339 or YYYY-MM-DD).", ""), queryParam("source", "string", "With a text body: publisher (a known source's name or alias).", ""),
				queryParam("layer", "string", "With a text body: layer to check against (default deepstate; empty: none).", ""), queryParam("as_known", "string", "With a text body: check against the layer as known at this time (RFC 3339 or YYYY-MM-DD).", "")},
			Request: checkRequest{}, Response: frontline.CheckResult{}, handler: s.handleCheck},
		{Method: "GET", Path: "/api/v1/sources", Summary: "Publishers with their kind, side and reliability (Admiralty scale A–F) and the reason for it.",
			Response: sourcesResponse{}, handler: s.handleSources},
		{Method: "GET", Path: "/api/v1/sources/status", Summary: "The followed sources' health (frontline follow, serve --follow): per source its kind, URL, last poll, last success, last error, consecutive failures, counts of snapshots and reports it gave, the open gap and recent gaps (periods it could not be read).",
			Response: sourcesStatusResponse{}, handler: s.handleSourcesStatus},
		{Method: "GET", Path: "/api/v1/watches", Summary: "Watches: stored rules that fire alerts (the front within a radius of a place, a settlement or hromada changing status, an oblast's day change, capture claims and contradictions about a place). Secrets are never shown.",
			Response: watchesResponse{}, handler: s.handleWatches},
		{Method: "POST", Path: "/api/v1/watches", Summary: "Add a watch (JSON body, Content-Type application/json); place is an ID, a name in any spelling, or LON,LAT for a front watch. Answers 201 with the watch.",
			Request: watchRequest{}, Status: http.StatusCreated, Response: frontline.Watch{}, handler: s.handleCreateWatch},
		{Method: "DELETE", Path: "/api/v1/watches/{id}", Summary: "Remove a watch (its alerts stay).",
			Params: []Param{pathParam("id", "Watch ID.", "1")}, Response: watchDeleted{}, handler: s.handleDeleteWatch},
		{Method: "GET", Path: "/api/v1/alerts", Summary: "Alerts the watches fired, newest first: title, text, figures, links (the map at the day, the change, the claims), valid day.",
			Params:   []Param{{Name: "since", In: "query", Type: "string", Format: "date-time", Description: "Only alerts created at or after this time (RFC 3339 or YYYY-MM-DD).", Example: ""}, between(queryParam("watch", "integer", "Only this watch's alerts.", ""), 0, -1), between(queryParam("limit", "integer", "1–1000, default 100.", ""), 1, 1000)},
			Response: alertsResponse{}, handler: s.handleAlerts},
		{Method: "GET", Path: "/api/v1/events", Summary: "Server-Sent Events: `event: snapshot` with {layer, snapshot_id, valid_at, recorded_at} when a new snapshot is stored (by this server or another process on the same database); `event: report` with {report_id, kind, source, title, published_at, recorded_at} when a report is stored; `event: claims` with {report_id, extractor_version, claims, place_ids, recorded_at} when a report's claims are extracted; `event: alert` with an alert (id, watch_id, kind, title, text, figures, links, day) when a watch fires; `event: change` with {layer, snapshot_id, from_snapshot_id, transitions, net_km2, by_oblast, settlements} when a followed source's new snapshot changed the map; `event: resync` when a client missed events the server no longer keeps (read again); every event has an `id`, and a client reconnecting with `Last-Event-ID` gets the events it missed (the last 4096 are kept); other packages may add event kinds; a comment heartbeat every 15 s.",
			Response: StreamEvents{}, ContentType: "text/event-stream", handler: s.handleEvents},
		{Method: "GET", Path: "/api/v1/openapi.json", Summary: "This OpenAPI 3.1 document.", Response: map[string]any{}, handler: s.handleOpenAPI},
	}
}

// Routes returns the API's route table.
func (s *Server) Routes() []Route { return s.routes() }

func (s *Server) registerRoutes(mux *http.ServeMux) {
	for _, rt := range s.routes() {
		mux.HandleFunc(rt.Method+" "+rt.Path, enforceParams(rt))
	}
}

// usage is a route as the index lists it: GET /path?param=&param=
func (rt Route) usage() string {
	var qs []string
	for _, p := range rt.Params {
		if p.In == "query" {
			qs = append(qs, p.Name+"=")
		}
	}
	u := rt.Method + " " + rt.Path
	if len(qs) > 0 {
		u += "?" + strings.Join(qs, "&")
	}
	return u
}

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	var routes []string
	for _, rt := range s.routes() {
		routes = append(routes, rt.usage())
	}
	writeJSON(w, r, http.StatusOK, map[string]any{
		"name":    "Frontline",
		"api":     "/api/v1",
		"openapi": "/api/v1/openapi.json",
		"routes":  routes,
	})
}

// Response bodies, named so the OpenAPI document can describe them.

type layersResponse struct {
	Layers []*frontline.Layer `json:"layers"`
}

type snapshotsResponse struct {
	Layer     string                `json:"layer"`
	Snapshots []*frontline.Snapshot `json:"snapshots"`
}

type placesResponse struct {
	Query      string                     `json:"query"`
	Candidates []frontline.PlaceCandidate `json:"candidates"`
}

type timelinesResponse struct {
	Place     *frontline.Place           `json:"place"`
	Timelines []*frontline.PlaceTimeline `json:"timelines"`
}

// mapCollection is a map as a GeoJSON FeatureCollection with foreign
// members snapshot and zoom.
type mapCollection struct {
	Type     string              `json:"type"` // FeatureCollection
	Snapshot *frontline.Snapshot `json:"snapshot"`
	Zoom     int                 `json:"zoom"`
	Features []mapFeature        `json:"features"`
}

type mapFeature struct {
	Type       string        `json:"type"` // Feature
	Properties mapProperties `json:"properties"`
	// Geometry is a GeoJSON MultiPolygon, or null when the ground is too
	// small to draw at the zoom.
	Geometry json.RawMessage `json:"geometry"`
}

type mapProperties struct {
	Status  frontline.Status `json:"status"`
	Oblast  string           `json:"oblast"`
	AreaKm2 float64          `json:"area_km2"`
}

// frontResponse is a place's distance to the front.
type frontResponse struct {
	PlaceID   string  `json:"place_id"`
	Name      string  `json:"name"`
	NameUK    string  `json:"name_uk"`
	Kind      string  `json:"kind"`
	Lon       float64 `json:"lon"`
	Lat       float64 `json:"lat"`
	Layer     string  `json:"layer"`
	At        string  `json:"at"`
	DistanceM float64 `json:"distance_m"`
	// Status is the status of the ground the place is on; Across the
	// status beyond the nearest boundary.
	Status     frontline.Status    `json:"status"`
	Across     frontline.Status    `json:"across"`
	Bearing    float64             `json:"bearing"`
	NearestLon float64             `json:"nearest_lon"`
	NearestLat float64             `json:"nearest_lat"`
	AsKnown    *time.Time          `json:"as_known"`
	Snapshot   *frontline.Snapshot `json:"snapshot"`
}

// label is a place on the map, compactly.
type label struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	NameUK     string  `json:"name_uk"`
	Kind       string  `json:"kind"`
	Lon        float64 `json:"lon"`
	Lat        float64 `json:"lat"`
	Population int     `json:"population"`
}

type labelsResponse struct {
	MinPopulation int     `json:"min_population"`
	Labels        []label `json:"labels"`
}

// site is a watched site, with its distance to the front when asked.
type site struct {
	*frontline.Place
	Front *frontResponse `json:"front,omitempty"`
}

type sitesResponse struct {
	Layer string `json:"layer,omitempty"`
	At    string `json:"at,omitempty"`
	Sites []site `json:"sites"`
}
