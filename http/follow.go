package http

import (
	"net/http"
	"time"

	"github.com/frontline-osint/frontline"
)

// sourcesStatusResponse is GET /api/v1/sources/status.
type sourcesStatusResponse struct {
	// Sources are the followed sources (frontline follow, serve --follow)
	// with their health: last poll, last success, last error, consecutive
	// failures, the open gap and the recent gaps.
	Sources []*frontline.SourceStatus `json:"sources"`
	// Following is false when this server follows no sources (start it
	// with serve --follow CONFIG or serve --replay).
	Following bool `json:"following"`
	Healthy   int  `json:"healthy"`
	Failing   int  `json:"failing"`
}

func (s *Server) handleSourcesStatus(w http.ResponseWriter, r *http.Request) {
	if s.SourceStatus == nil {
		writeJSON(w, r, http.StatusOK, sourcesStatusResponse{Sources: []*frontline.SourceStatus{}})
		return
	}
	st, err := s.SourceStatus.SourcesStatus(r.Context())
	if err != nil {
		writeError(w, r, err, "")
		return
	}
	res := sourcesStatusResponse{Sources: st, Following: true}
	for _, x := range st {
		if x.Healthy {
			res.Healthy++
		} else {
			res.Failing++
		}
	}
	writeJSON(w, r, http.StatusOK, res)
}

// ChangeEvent announces what a new snapshot changed against the layer's
// previous map (`event: change`): the transitions per oblast and the
// settlements that changed hands.
type ChangeEvent struct {
	Layer          string                       `json:"layer"`
	SnapshotID     int64                        `json:"snapshot_id"`
	FromSnapshotID int64                        `json:"from_snapshot_id"`
	From           time.Time                    `json:"from"`
	To             time.Time                    `json:"to"`
	Transitions    []frontline.Transition       `json:"transitions"`
	NetKm2         map[frontline.Status]float64 `json:"net_km2"`
	ByOblast       []frontline.OblastChange     `json:"by_oblast"`
	Settlements    []frontline.SettlementChange `json:"settlements"`
}

// Publish sends an event to every open event stream at once (the
// follower's `change` events, the alert evaluator's `alert` events).
// Snapshots, reports and claims are found by the broker's own polling and
// need no Publish.
//
// What the stores hold before the event (the snapshot a change event is
// about) is announced first, so that streams see `snapshot` before its
// `change`.
func (s *Server) Publish(name string, data any) {
	s.events.poll()
	s.PublishEvent(name, data)
}
