package http

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/frontline-osint/frontline"
)

// watchRequest is the body of POST /api/v1/watches.
type watchRequest struct {
	Kind frontline.WatchKind `json:"kind"`
	Name string              `json:"name,omitempty"`
	// Layer whose days are evaluated (default deepstate).
	Layer string `json:"layer,omitempty"`
	// Place is a settlement or site: an ID, a name in any spelling, or
	// "LON,LAT" for a front watch.
	Place          string                `json:"place,omitempty"`
	Hromada        string                `json:"hromada,omitempty"`
	Oblast         string                `json:"oblast,omitempty"`
	RadiusKm       float64               `json:"radius_km,omitempty"`
	HysteresisKm   float64               `json:"hysteresis_km,omitempty"`
	MinKm2         float64               `json:"min_km2,omitempty"`
	MinReliability frontline.Reliability `json:"min_reliability,omitempty"`
	From           string                `json:"from,omitempty"`
	WebhookURL     string                `json:"webhook_url,omitempty"`
	// Secret signs this watch's webhook (never shown again).
	Secret string   `json:"secret,omitempty"`
	Email  []string `json:"email,omitempty"`
}

type watchesResponse struct {
	Watches []*frontline.Watch `json:"watches"`
}

type watchDeleted struct {
	Deleted int64 `json:"deleted"`
}

type alertsResponse struct {
	Alerts []*frontline.Alert `json:"alerts"`
}

// alertStores answers 404 when the server keeps no watches.
func (s *Server) alertStores(w http.ResponseWriter, r *http.Request) bool {
	if s.Watches == nil || s.Alerts == nil {
		writeError(w, r, frontline.Errorf(frontline.ENOTFOUND, "this server keeps no watches"), "")
		return false
	}
	return true
}

func (s *Server) handleWatches(w http.ResponseWriter, r *http.Request) {
	if !s.alertStores(w, r) {
		return
	}
	ws, err := s.Watches.FindWatches(r.Context())
	if err != nil {
		writeError(w, r, err, "")
		return
	}
	writeJSON(w, r, http.StatusOK, watchesResponse{Watches: ws})
}

func (s *Server) handleCreateWatch(w http.ResponseWriter, r *http.Request) {
	if !s.alertStores(w, r) {
		return
	}
	// A JSON content type: a cross-site form cannot post one without the
	// browser asking first.
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		writeErrorStatus(w, r, http.StatusUnsupportedMediaType, frontline.Errorf(frontline.EINVALID, "send the watch as JSON (Content-Type: application/json)"), "")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<10+1))
	if err != nil {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "reading the body: %v", err), "")
		return
	}
	if len(body) > 64<<10 {
		writeErrorStatus(w, r, http.StatusRequestEntityTooLarge, frontline.Errorf(frontline.EINVALID, "a watch is at most 64 KB of JSON"), "")
		return
	}
	var req watchRequest
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "malformed watch: %v", err), "")
		return
	}
	wt := &frontline.Watch{Kind: req.Kind, Name: req.Name, Layer: req.Layer, Hromada: req.Hromada, Oblast: req.Oblast,
		RadiusKm: req.RadiusKm, HysteresisKm: req.HysteresisKm, MinKm2: req.MinKm2, MinReliability: frontline.Reliability(strings.ToUpper(string(req.MinReliability))),
		From: req.From, WebhookURL: req.WebhookURL, Secret: req.Secret, Email: req.Email}
	if wt.Layer == "" {
		wt.Layer = "deepstate"
	}
	if !wt.Kind.Valid() {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "kind: want front, status, oblast or claims"), "kind")
		return
	}
	if err := frontline.ResolveWatchPlace(r.Context(), s.PlaceService, wt, req.Place); err != nil {
		writeError(w, r, err, "place")
		return
	}
	if err := s.Watches.CreateWatch(r.Context(), wt); err != nil {
		writeError(w, r, err, "")
		return
	}
	w.Header().Set("Location", "/api/v1/watches/"+strconv.FormatInt(wt.ID, 10))
	writeJSON(w, r, http.StatusCreated, wt)
}

func (s *Server) handleDeleteWatch(w http.ResponseWriter, r *http.Request) {
	if !s.alertStores(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "%q is not a watch ID", r.PathValue("id")), "id")
		return
	}
	if err := s.Watches.DeleteWatch(r.Context(), id); err != nil {
		writeError(w, r, err, "id")
		return
	}
	writeJSON(w, r, http.StatusOK, watchDeleted{Deleted: id})
}

func (s *Server) handleAlerts(w http.ResponseWriter, r *http.Request) {
	if !s.alertStores(w, r) {
		return
	}
	since, ok := instantParam(w, r, "since")
	if !ok {
		return
	}
	limit, ok := intParam(w, r, "limit", 100, 1, 1000)
	if !ok {
		return
	}
	watch, ok := intParam(w, r, "watch", 0, 0, 1<<62)
	if !ok {
		return
	}
	as, err := s.Alerts.FindAlerts(r.Context(), frontline.AlertFilter{Since: since, WatchID: int64(watch), Limit: limit})
	if err != nil {
		writeError(w, r, err, "")
		return
	}
	writeJSON(w, r, http.StatusOK, alertsResponse{Alerts: as})
}

// PublishAlert announces a new alert on the event stream (`event: alert`).
// The alert engine calls it.
func (s *Server) PublishAlert(a *frontline.Alert) {
	s.PublishEvent("alert", a)
}

// writeRoute reports whether a request with a method other than GET or
// HEAD names a route that answers it (the watches).
func (s *Server) writeRoute(r *http.Request) bool {
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	for _, rt := range s.routes() {
		if rt.Method != r.Method {
			continue
		}
		pat := strings.Split(strings.Trim(rt.Path, "/"), "/")
		if len(pat) != len(parts) {
			continue
		}
		match := true
		for i := range pat {
			if !strings.HasPrefix(pat[i], "{") && pat[i] != parts[i] {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}
