package http

import (
	"context"
	"net/http"
	"strings"

	"github.com/frontline-osint/frontline"
)

// Assessment: contradictions among the stored claims, evidence and the
// layer, and the assessed per-settlement timelines (package assess).

type contradictionsResponse struct {
	PlaceID        string                    `json:"place_id,omitempty"`
	Contradictions []frontline.Contradiction `json:"contradictions"`
}

type assessedResponse struct {
	PlaceID   string                       `json:"place_id,omitempty"`
	Timelines []frontline.AssessedTimeline `json:"timelines"`
}

// assessment answers 404 when the server has no assessment service.
func (s *Server) assessment(w http.ResponseWriter, r *http.Request) bool {
	if s.Assessment == nil {
		writeErrorStatus(w, r, http.StatusNotFound, frontline.Errorf(frontline.ENOTFOUND, "this server assesses no claims (it has no report store)"), "")
		return false
	}
	return true
}

// handleContradictions lists contradictions: ?place=&since=&until=
func (s *Server) handleContradictions(w http.ResponseWriter, r *http.Request) {
	if !s.assessment(w, r) {
		return
	}
	var f frontline.ContradictionFilter
	var ok bool
	if f.Since, ok = instantParam(w, r, "since"); !ok {
		return
	}
	if f.Until, ok = instantParam(w, r, "until"); !ok {
		return
	}
	if v := strings.TrimSpace(r.URL.Query().Get("place")); v != "" {
		id, err := s.claimPlace(r, v)
		if err != nil {
			writeError(w, r, err, "place")
			return
		}
		f.PlaceID = id
	}
	cs, err := s.Assessment.Contradictions(r.Context(), f)
	if err != nil {
		writeError(w, r, err, "")
		return
	}
	if cs == nil {
		cs = []frontline.Contradiction{}
	}
	writeJSON(w, r, http.StatusOK, contradictionsResponse{PlaceID: f.PlaceID, Contradictions: cs})
}

// handleAssessed lists the assessed timelines: ?place=
func (s *Server) handleAssessed(w http.ResponseWriter, r *http.Request) {
	if !s.assessment(w, r) {
		return
	}
	id := ""
	if v := strings.TrimSpace(r.URL.Query().Get("place")); v != "" {
		var err error
		if id, err = s.claimPlace(r, v); err != nil {
			writeError(w, r, err, "place")
			return
		}
	}
	ts, err := s.Assessment.Assessed(r.Context(), id)
	if err != nil {
		writeError(w, r, err, "place")
		return
	}
	writeJSON(w, r, http.StatusOK, assessedResponse{PlaceID: id, Timelines: ts})
}

// GradeClaims sets the credibility (1–6) and reasons of claims served by
// the claims route, weighed against every stored claim, the evidence and
// the layer; without an assessment service it leaves them as they are.
func (s *Server) GradeClaims(ctx context.Context, cs []frontline.ClaimView) error {
	if s.Assessment == nil || len(cs) == 0 {
		return nil
	}
	return s.Assessment.GradeClaims(ctx, cs)
}
