package http

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/frontline-osint/frontline"
)

func (s *Server) placeService(w http.ResponseWriter, r *http.Request) bool {
	if s.PlaceService == nil {
		writeError(w, r, frontline.Errorf(frontline.ENOTFOUND, "this server has no gazetteer"), "")
		return false
	}
	return true
}

// handlePlaces searches: ?q=NAME&oblast=&near=LON,LAT&limit=
func (s *Server) handlePlaces(w http.ResponseWriter, r *http.Request) {
	if !s.placeService(w, r) {
		return
	}
	v := r.URL.Query()
	q := frontline.PlaceQuery{Text: v.Get("q"), Oblast: v.Get("oblast"), Limit: 10}
	if q.Text == "" {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "missing parameter \"q\" (a place name)"), "q")
		return
	}
	if l := v.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 100 {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "limit must be 1–100"), "limit")
			return
		}
		q.Limit = n
	}
	if near := v.Get("near"); near != "" {
		a, b, _ := strings.Cut(near, ",")
		lon, err1 := strconv.ParseFloat(a, 64)
		lat, err2 := strconv.ParseFloat(b, 64)
		if err1 != nil || err2 != nil || math.IsNaN(lon) || math.IsNaN(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90 {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "near must be LON,LAT"), "near")
			return
		}
		q.Near = &[2]float64{lon, lat}
	}
	if layer := v.Get("layer"); layer != "" || v.Get("at") != "" {
		fs := s.frontService()
		if fs == nil {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "this server cannot measure distances to the front"), "at")
			return
		}
		if layer == "" {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "at needs layer: the front of which layer?"), "layer")
			return
		}
		l, err := s.LayerService.FindLayer(r.Context(), layer)
		if err != nil {
			writeError(w, r, err, "layer")
			return
		}
		rq, ok := readQuery(w, r)
		if !ok {
			return
		}
		at, ok := rq.layerDay(w, r, l, "at", true)
		if !ok {
			return
		}
		f, err := fs.FrontDistanceFunc(r.Context(), layer, at, rq.asKnown)
		if err != nil {
			writeError(w, r, err, "at")
			return
		}
		q.FrontDistanceM = f
	}
	cs, err := s.PlaceService.SearchPlaces(r.Context(), q)
	if err != nil {
		param := "q"
		if strings.Contains(frontline.ErrorMessage(err), "oblast") {
			param = "oblast"
		}
		writeError(w, r, err, param)
		return
	}
	writeJSON(w, r, http.StatusOK, placesResponse{Query: q.Text, Candidates: cs})
}

func (s *Server) handlePlace(w http.ResponseWriter, r *http.Request) {
	if !s.placeService(w, r) {
		return
	}
	p, err := s.PlaceService.FindPlace(r.Context(), r.PathValue("id"))
	if err != nil {
		writeError(w, r, err, "id")
		return
	}
	writeJSON(w, r, http.StatusOK, p)
}

// handlePlaceTimeline: ?layer= (default every layer)&as_known=
func (s *Server) handlePlaceTimeline(w http.ResponseWriter, r *http.Request) {
	if !s.placeService(w, r) {
		return
	}
	q, ok := readQuery(w, r)
	if !ok {
		return
	}
	p, err := s.PlaceService.FindPlace(r.Context(), r.PathValue("id"))
	if err != nil {
		writeError(w, r, err, "id")
		return
	}
	if p.PointSource == "" {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "place %s (%s) has no known point: its control cannot be read from a map", p.ID, p.Name), "id")
		return
	}
	var layers []string
	if l := r.URL.Query().Get("layer"); l != "" {
		layers = []string{l}
	} else {
		ls, err := s.LayerService.FindLayers(r.Context())
		if err != nil {
			writeError(w, r, err, "")
			return
		}
		for _, l := range ls {
			layers = append(layers, l.Name)
		}
	}
	out := []*frontline.PlaceTimeline{}
	for _, l := range layers {
		tl, err := s.LayerService.PlaceTimeline(r.Context(), l, p, q.asKnown)
		if err != nil {
			if len(layers) > 1 && frontline.ErrorCode(err) == frontline.ENOTFOUND {
				continue
			}
			writeError(w, r, err, "layer")
			return
		}
		out = append(out, tl)
	}
	writeJSON(w, r, http.StatusOK, timelinesResponse{Place: p, Timelines: out})
}
