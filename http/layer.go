package http

import (
	"net/http"
	"strconv"
	"time"

	"github.com/frontline-osint/frontline"
)

func (s *Server) handleLayers(w http.ResponseWriter, r *http.Request) {
	ls, err := s.LayerService.FindLayers(r.Context())
	if err != nil {
		writeError(w, r, err, "")
		return
	}
	if ls == nil {
		ls = []*frontline.Layer{}
	}
	writeJSON(w, r, http.StatusOK, layersResponse{Layers: ls})
}

func (s *Server) handleLayer(w http.ResponseWriter, r *http.Request) {
	l, err := s.LayerService.FindLayer(r.Context(), r.PathValue("layer"))
	if err != nil {
		writeError(w, r, err, "layer")
		return
	}
	writeJSON(w, r, http.StatusOK, l)
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
	if snaps == nil {
		snaps = []*frontline.Snapshot{}
	}
	writeJSON(w, r, http.StatusOK, snapshotsResponse{Layer: f.Layer, Snapshots: snaps})
}

func (s *Server) handleArea(w http.ResponseWriter, r *http.Request) {
	l, q, at, ok := s.layerAt(w, r)
	if !ok {
		return
	}
	res, err := s.LayerService.Area(r.Context(), l.Name, at, q.asKnown)
	if err != nil {
		writeError(w, r, err, "at")
		return
	}
	writeJSON(w, r, http.StatusOK, res)
}

func (s *Server) handleChange(w http.ResponseWriter, r *http.Request) {
	l, ok := s.layer(w, r)
	if !ok {
		return
	}
	q, ok := readQuery(w, r)
	if !ok {
		return
	}
	from, ok := q.layerDay(w, r, l, "from", true)
	if !ok {
		return
	}
	to, ok := q.layerDay(w, r, l, "to", true)
	if !ok {
		return
	}
	release, ok := s.computeSlot(w, r)
	if !ok {
		return
	}
	defer release()
	switch format := r.URL.Query().Get("format"); format {
	case "", "json":
	case "geojson":
		g := s.changeGeoJSON()
		if g == nil {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "this server cannot draw changes as GeoJSON"), "format")
			return
		}
		body, err := g.ChangeGeoJSON(r.Context(), l.Name, from, to, q.asKnown)
		if err != nil {
			writeError(w, r, err, "from")
			return
		}
		writeBody(w, r, http.StatusOK, "application/geo+json", body, "")
		return
	default:
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "unknown format %q (want json or geojson)", format), "format")
		return
	}
	res, err := s.LayerService.Change(r.Context(), l.Name, from, to, q.asKnown)
	if err != nil {
		writeError(w, r, err, "from")
		return
	}
	switch explain := r.URL.Query().Get("explain"); explain {
	case "", "true", "1":
		if x := s.changeExplainer(); x != nil {
			if err := x.ExplainChange(r.Context(), res, s.Assessment); err != nil {
				writeError(w, r, err, "")
				return
			}
		}
	case "false", "0":
	default:
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "explain must be true or false, not %q", explain), "explain")
		return
	}
	writeJSON(w, r, http.StatusOK, res)
}

func (s *Server) handleSeries(w http.ResponseWriter, r *http.Request) {
	l, ok := s.layer(w, r)
	if !ok {
		return
	}
	q, ok := readQuery(w, r)
	if !ok {
		return
	}
	// A window may start before the layer's first map (days without a map
	// are left out) but not end after its last day, nor before its first.
	from, ok := q.day(w, r, "from", false)
	if !ok {
		return
	}
	if from.Label != "" && l.LastValidAt != nil && from.Start.After(*l.LastValidAt) && from.Start.Format("2006-01-02") > l.LastValidAt.In(from.Start.Location()).Format("2006-01-02") {
		writeError(w, r, frontline.Errorf(frontline.ENOTFOUND, "layer %s has no map on or after %s: its last is of %s", l.Name, from.Label, l.LastValidAt.In(from.Start.Location()).Format("2006-01-02")), "from")
		return
	}
	to, ok := q.layerDay(w, r, l, "to", false)
	if !ok {
		return
	}
	// The same question about the same maps has the same answer: the
	// whole series (what the web map and many clients ask) is kept. A
	// window is not: windows rarely repeat, and under the API bench's
	// random windows (~60 KB compressed each) they pushed the maps out of
	// the cache, to be drawn again.
	key := ""
	if l.Revision > 0 && from.Label == "" && to.Label == "" {
		key = "series|" + l.Name + "|" + strconv.FormatInt(l.Revision, 10) + "|" + r.URL.RawQuery
		if b := s.bodies.get(key); b != nil {
			b.write(w, r, "")
			return
		}
	}
	// A window in UTC as known now is cut from the whole series' encoded
	// days (series.go).
	if key == "" && q.asKnown.IsZero() && r.URL.Query().Get("tz") == "" {
		if body, ok := s.seriesWindow(r.Context(), l, from, to); ok {
			writeSeriesWindow(w, r, body)
			return
		}
	}
	release, ok := s.computeSlot(w, r)
	if !ok {
		return
	}
	defer release()
	res, err := s.LayerService.Series(r.Context(), l.Name, from, to, q.asKnown)
	if err != nil {
		writeError(w, r, err, "from")
		return
	}
	if key == "" {
		writeJSON(w, r, http.StatusOK, res)
		return
	}
	body, err := encodeJSON(res)
	if err != nil {
		writeError(w, r, err, "")
		return
	}
	b := newCachedBody(key, "application/json; charset=utf-8", body)
	s.bodies.put(b)
	b.write(w, r, "")
}

// layerAt reads the path's layer, the common parameters and the required
// day "at" inside the layer; it writes the error itself and returns
// ok=false when one is missing or malformed.
func (s *Server) layerAt(w http.ResponseWriter, r *http.Request) (*frontline.Layer, query, frontline.Day, bool) {
	l, ok := s.layer(w, r)
	if !ok {
		return nil, query{}, frontline.Day{}, false
	}
	q, ok := readQuery(w, r)
	if !ok {
		return nil, q, frontline.Day{}, false
	}
	at, ok := q.layerDay(w, r, l, "at", true)
	return l, q, at, ok
}

// layer answers 404 with param "layer" when the path names no layer, so
// that later errors are about the other parameters.
func (s *Server) layer(w http.ResponseWriter, r *http.Request) (*frontline.Layer, bool) {
	l, err := s.LayerService.FindLayer(r.Context(), r.PathValue("layer"))
	if err != nil {
		writeError(w, r, err, "layer")
		return nil, false
	}
	return l, true
}

// layerDay reads a day parameter and answers 404 naming it when the day is
// outside the layer's maps: before its first, or after the day of its
// last (a stale map would be quoted as current).
func (q query) layerDay(w http.ResponseWriter, r *http.Request, l *frontline.Layer, param string, required bool) (frontline.Day, bool) {
	d, ok := q.day(w, r, param, required)
	if !ok || d.Label == "" {
		return d, ok
	}
	if l.FirstValidAt == nil || l.LastValidAt == nil {
		writeError(w, r, frontline.Errorf(frontline.ENOTFOUND, "layer %s has no snapshots", l.Name), "layer")
		return d, false
	}
	loc := d.Start.Location()
	first, last := l.FirstValidAt.In(loc).Format("2006-01-02"), l.LastValidAt.In(loc).Format("2006-01-02")
	if d.End.Before(*l.FirstValidAt) {
		writeError(w, r, frontline.Errorf(frontline.ENOTFOUND, "layer %s has no map on or before %s: its first is of %s", l.Name, d.Label, first), param)
		return d, false
	}
	if d.Start.After(*l.LastValidAt) && d.Start.Format("2006-01-02") > last {
		writeError(w, r, frontline.Errorf(frontline.ENOTFOUND, "layer %s has no map for %s: its last is of %s", l.Name, d.Label, last), param)
		return d, false
	}
	return d, true
}

func (s *Server) handleCompare(w http.ResponseWriter, r *http.Request) {
	lc := s.listComparer()
	if lc == nil {
		writeError(w, r, frontline.Errorf(frontline.ENOTFOUND, "this server has no list layers"), "with")
		return
	}
	l, q, at, ok := s.layerAt(w, r)
	if !ok {
		return
	}
	with := r.URL.Query().Get("with")
	if with == "" {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "missing parameter \"with\" (a list layer, e.g. perelik)"), "with")
		return
	}
	res, err := lc.CompareList(r.Context(), l.Name, with, at, q.asKnown)
	if err != nil {
		writeError(w, r, err, "with")
		return
	}
	writeJSON(w, r, http.StatusOK, res)
}

func (s *Server) handleDisagree(w http.ResponseWriter, r *http.Request) {
	ds := s.disagreements()
	if ds == nil {
		writeError(w, r, frontline.Errorf(frontline.ENOTFOUND, "this server cannot compare layers"), "with")
		return
	}
	l, q, at, ok := s.layerAt(w, r)
	if !ok {
		return
	}
	with := r.URL.Query().Get("with")
	if with == "" {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "missing parameter \"with\" (the other polygon layer)"), "with")
		return
	}
	other, err := s.LayerService.FindLayer(r.Context(), with)
	if err != nil {
		writeError(w, r, err, "with")
		return
	}
	if other.Snapshots == 0 {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "layer %s has no maps (a list layer?): compare a list with /layers/%s/compare?with=%s", with, l.Name, with), "with")
		return
	}
	format := r.URL.Query().Get("format")
	if format != "" && format != "json" && format != "geojson" {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "format must be json or geojson"), "format")
		return
	}
	if _, ok := q.layerDay(w, r, other, "at", true); !ok {
		return
	}
	if format == "geojson" {
		buf, err := ds.DisagreementGeoJSON(r.Context(), l.Name, other.Name, at, q.asKnown)
		if err != nil {
			writeError(w, r, err, "with")
			return
		}
		writeBody(w, r, http.StatusOK, "application/geo+json", buf, "")
		return
	}
	res, err := ds.Disagreement(r.Context(), l.Name, other.Name, at, q.asKnown)
	if err != nil {
		writeError(w, r, err, "with")
		return
	}
	writeJSON(w, r, http.StatusOK, res)
}

// handleSettlements: /layers/{layer}/settlements?from=&to=&oblast=&changed=
// — every settlement's periods over a window of UTC days.
func (s *Server) handleSettlements(w http.ResponseWriter, r *http.Request) {
	l, ok := s.layer(w, r)
	if !ok {
		return
	}
	if r.URL.Query().Get("tz") != "" {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "settlement statuses are read by UTC day: tz is not taken"), "tz")
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
	f := frontline.SettlementFilter{OblastISO: r.URL.Query().Get("oblast")}
	switch v := r.URL.Query().Get("changed"); v {
	case "", "false", "0":
	case "true", "1":
		f.Changed = true
	default:
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "changed must be true or false, not %q", v), "changed")
		return
	}
	release, ok := s.computeSlot(w, r)
	if !ok {
		return
	}
	defer release()
	res, err := s.LayerService.Settlements(r.Context(), l.Name, from, to, q.asKnown, f)
	if err != nil {
		writeError(w, r, err, "")
		return
	}
	writeJSON(w, r, http.StatusOK, res)
}
