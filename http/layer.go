package http

import (
	"net/http"
	"time"

	"github.com/frontline-osint/frontline"
)

func (s *Server) registerLayerRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/layers", s.handleLayers)
	mux.HandleFunc("GET /api/v1/layers/{layer}", s.handleLayer)
	mux.HandleFunc("GET /api/v1/layers/{layer}/snapshots", s.handleSnapshots)
	mux.HandleFunc("GET /api/v1/layers/{layer}/area", s.handleArea)
	mux.HandleFunc("GET /api/v1/layers/{layer}/change", s.handleChange)
	mux.HandleFunc("GET /api/v1/layers/{layer}/series", s.handleSeries)
}

func (s *Server) handleLayers(w http.ResponseWriter, r *http.Request) {
	ls, err := s.LayerService.FindLayers(r.Context())
	if err != nil {
		writeError(w, r, err, "")
		return
	}
	if ls == nil {
		ls = []*frontline.Layer{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"layers": ls})
}

func (s *Server) handleLayer(w http.ResponseWriter, r *http.Request) {
	l, err := s.LayerService.FindLayer(r.Context(), r.PathValue("layer"))
	if err != nil {
		writeError(w, r, err, "layer")
		return
	}
	writeJSON(w, http.StatusOK, l)
}

// query reads the common parameters; it writes the error itself and returns
// ok=false when one is malformed.
type query struct {
	loc     *time.Location
	asKnown time.Time
}

func readQuery(w http.ResponseWriter, r *http.Request) (q query, ok bool) {
	q.loc = time.UTC
	if tz := r.URL.Query().Get("tz"); tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "unknown time zone %q", tz), "tz")
			return q, false
		}
		q.loc = loc
	}
	if v := r.URL.Query().Get("as_known"); v != "" {
		t, err := frontline.ParseInstant(v)
		if err != nil {
			writeError(w, r, err, "as_known")
			return q, false
		}
		q.asKnown = t
	}
	return q, true
}

func (q query) day(w http.ResponseWriter, r *http.Request, param string, required bool) (frontline.Day, bool) {
	v := r.URL.Query().Get(param)
	if v == "" {
		if required {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "missing parameter %q (a date, YYYY-MM-DD)", param), param)
			return frontline.Day{}, false
		}
		return frontline.Day{Start: time.Time{}.In(q.loc)}, true
	}
	d, err := frontline.ParseDay(v, q.loc)
	if err != nil {
		writeError(w, r, err, param)
		return d, false
	}
	return d, true
}

func (s *Server) handleSnapshots(w http.ResponseWriter, r *http.Request) {
	q, ok := readQuery(w, r)
	if !ok {
		return
	}
	f := frontline.SnapshotFilter{Layer: r.PathValue("layer"), AsKnown: q.asKnown, AllVersions: r.URL.Query().Get("all_versions") == "true"}
	if from, ok := q.day(w, r, "from", false); !ok {
		return
	} else if from.Label != "" {
		f.ValidFrom = from.Start
	}
	if to, ok := q.day(w, r, "to", false); !ok {
		return
	} else if to.Label != "" {
		f.ValidTo = to.End
	}
	snaps, err := s.LayerService.FindSnapshots(r.Context(), f)
	if err != nil {
		writeError(w, r, err, "layer")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"layer": f.Layer, "snapshots": snaps})
}

func (s *Server) handleArea(w http.ResponseWriter, r *http.Request) {
	if !s.knownLayer(w, r) {
		return
	}
	q, ok := readQuery(w, r)
	if !ok {
		return
	}
	at, ok := q.day(w, r, "at", true)
	if !ok {
		return
	}
	res, err := s.LayerService.Area(r.Context(), r.PathValue("layer"), at, q.asKnown)
	if err != nil {
		writeError(w, r, err, "at")
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) handleChange(w http.ResponseWriter, r *http.Request) {
	if !s.knownLayer(w, r) {
		return
	}
	q, ok := readQuery(w, r)
	if !ok {
		return
	}
	from, ok := q.day(w, r, "from", true)
	if !ok {
		return
	}
	to, ok := q.day(w, r, "to", true)
	if !ok {
		return
	}
	res, err := s.LayerService.Change(r.Context(), r.PathValue("layer"), from, to, q.asKnown)
	if err != nil {
		writeError(w, r, err, "from")
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) handleSeries(w http.ResponseWriter, r *http.Request) {
	if !s.knownLayer(w, r) {
		return
	}
	q, ok := readQuery(w, r)
	if !ok {
		return
	}
	from, ok := q.day(w, r, "from", false)
	if !ok {
		return
	}
	to, ok := q.day(w, r, "to", false)
	if !ok {
		return
	}
	res, err := s.LayerService.Series(r.Context(), r.PathValue("layer"), from, to, q.asKnown)
	if err != nil {
		writeError(w, r, err, "from")
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// knownLayer answers 404 with param "layer" when the path names no layer,
// so that later errors are about the other parameters.
func (s *Server) knownLayer(w http.ResponseWriter, r *http.Request) bool {
	if _, err := s.LayerService.FindLayer(r.Context(), r.PathValue("layer")); err != nil {
		writeError(w, r, err, "layer")
		return false
	}
	return true
}
