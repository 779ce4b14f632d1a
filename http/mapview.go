package http

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/frontline-osint/frontline"
)

const (
	// A day's map changes when a new snapshot or correction arrives.
	dayMapCacheControl = "public, max-age=60"
	// A snapshot never changes.
	immutableCacheControl = "public, max-age=31536000, immutable"
)

func (s *Server) mapService() frontline.MapService {
	if s.MapService != nil {
		return s.MapService
	}
	m, _ := s.LayerService.(frontline.MapService)
	return m
}

func (s *Server) frontService() frontline.FrontService {
	if s.FrontService != nil {
		return s.FrontService
	}
	f, _ := s.LayerService.(frontline.FrontService)
	return f
}

// mapParams reads zoom, bbox and status; it writes the error itself.
func mapParams(w http.ResponseWriter, r *http.Request, req *frontline.MapRequest) bool {
	v := r.URL.Query()
	if z := v.Get("zoom"); z != "" {
		n, err := strconv.Atoi(z)
		if err != nil || n < 0 || n > 22 {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "zoom must be an integer from 0 to 22, not %q", z), "zoom")
			return false
		}
		req.Zoom = n
	}
	if b := v.Get("bbox"); b != "" {
		parts := strings.Split(b, ",")
		var box [4]float64
		ok := len(parts) == 4
		for i := 0; ok && i < 4; i++ {
			f, err := strconv.ParseFloat(strings.TrimSpace(parts[i]), 64)
			ok = err == nil && !math.IsNaN(f) && !math.IsInf(f, 0)
			box[i] = f
		}
		if !ok || box[0] < -180 || box[2] > 180 || box[1] < -90 || box[3] > 90 || box[0] > box[2] || box[1] > box[3] {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "bbox must be minLon,minLat,maxLon,maxLat in degrees, not %q", b), "bbox")
			return false
		}
		req.BBox = &box
	}
	if st := v.Get("status"); st != "" {
		for _, part := range strings.Split(st, ",") {
			status := frontline.Status(strings.TrimSpace(part))
			if !status.Valid() {
				writeError(w, r, frontline.Errorf(frontline.EINVALID, "unknown status %q (want russia, ukraine, contested or unknown)", part), "status")
				return false
			}
			if !slices.Contains(req.Statuses, status) {
				req.Statuses = append(req.Statuses, status)
			}
		}
		slices.Sort(req.Statuses)
	}
	return true
}

// mapBodyKey names a drawn map's encoded body: the layer, the snapshot and
// everything that shapes the answer.
func mapBodyKey(layer string, snapshotID int64, req frontline.MapRequest) string {
	box := ""
	if req.BBox != nil {
		box = fmt.Sprint(*req.BBox)
	}
	return fmt.Sprintf("map|%s|%d|%d|%s|%v", layer, snapshotID, req.Zoom, box, req.Statuses)
}

// handleDayMap: ?at=&zoom=&as_known=&tz=&bbox=&status=
func (s *Server) handleDayMap(w http.ResponseWriter, r *http.Request) {
	l, q, at, ok := s.layerAt(w, r)
	if !ok {
		return
	}
	req := frontline.MapRequest{Layer: l.Name, At: at, AsKnown: q.asKnown}
	if !mapParams(w, r, &req) {
		return
	}
	s.serveMap(w, r, req, "at", dayMapCacheControl)
}

// handleSnapshotMap: /layers/{layer}/snapshots/{id}/map?zoom=&bbox=&status=
func (s *Server) handleSnapshotMap(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.layer(w, r); !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "snapshot id must be a positive integer, not %q", r.PathValue("id")), "id")
		return
	}
	req := frontline.MapRequest{Layer: r.PathValue("layer"), SnapshotID: id}
	if !mapParams(w, r, &req) {
		return
	}
	if b := s.bodies.get(mapBodyKey(req.Layer, id, req)); b != nil {
		b.write(w, r, immutableCacheControl)
		return
	}
	s.serveMap(w, r, req, "id", immutableCacheControl)
}

func (s *Server) serveMap(w http.ResponseWriter, r *http.Request, req frontline.MapRequest, param, cacheControl string) {
	ms := s.mapService()
	if ms == nil {
		writeError(w, r, frontline.Errorf(frontline.ENOTFOUND, "this server draws no maps"), "")
		return
	}
	res, err := ms.Map(r.Context(), req)
	if err != nil {
		if frontline.ErrorCode(err) == frontline.EINVALID {
			param = ""
		}
		writeError(w, r, err, param)
		return
	}
	key := mapBodyKey(req.Layer, res.Snapshot.ID, req)
	if b := s.bodies.get(key); b != nil {
		b.write(w, r, cacheControl)
		return
	}
	fc := mapCollection{Type: "FeatureCollection", Snapshot: res.Snapshot, Zoom: res.Zoom, Features: make([]mapFeature, len(res.Features))}
	for i, f := range res.Features {
		fc.Features[i] = mapFeature{Type: "Feature", Properties: mapProperties{Status: f.Status, Oblast: f.Oblast, AreaKm2: f.AreaKm2}, Geometry: f.Geometry}
	}
	body, err := json.Marshal(fc)
	if err != nil {
		writeError(w, r, err, "")
		return
	}
	b := newCachedBody(key, "application/geo+json", body)
	s.bodies.put(b)
	b.write(w, r, cacheControl)
}

// handlePlaceFront: /places/{id}/front?layer=&at=&as_known=&tz=
func (s *Server) handlePlaceFront(w http.ResponseWriter, r *http.Request) {
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
	if r.URL.Query().Get("layer") == "" {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "missing parameter \"layer\""), "layer")
		return
	}
	l, err := s.LayerService.FindLayer(r.Context(), r.URL.Query().Get("layer"))
	if err != nil {
		writeError(w, r, err, "layer")
		return
	}
	at, ok := q.layerDay(w, r, l, "at", true)
	if !ok {
		return
	}
	if p.PointSource == "" {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "place %s (%s) has no known point: its distance to the front cannot be measured", p.ID, p.Name), "id")
		return
	}
	fr, err := s.measureFront(r, p, l.Name, at, q)
	if err != nil {
		writeError(w, r, err, "at")
		return
	}
	writeJSON(w, r, http.StatusOK, fr)
}

func (s *Server) measureFront(r *http.Request, p *frontline.Place, layer string, at frontline.Day, q query) (*frontResponse, error) {
	fs := s.frontService()
	if fs == nil {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "this server measures no distances to the front")
	}
	if p.PointSource == "" {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "place %s has no known point", p.ID)
	}
	d, err := fs.FrontDistance(r.Context(), layer, p.Lon, p.Lat, at, q.asKnown)
	if err != nil {
		return nil, err
	}
	return &frontResponse{
		PlaceID: p.ID, Name: p.Name, NameUK: p.NameUK, Kind: p.Kind, Lon: p.Lon, Lat: p.Lat,
		Layer: layer, At: d.At, DistanceM: d.DistanceM, Status: d.Side, Across: d.Across,
		Bearing: d.Bearing, NearestLon: d.NearestLon, NearestLat: d.NearestLat, AsKnown: d.AsKnown, Snapshot: d.Snapshot,
	}, nil
}

// siteKinds are the kinds of watched sites.
var siteKinds = map[string]bool{"npp": true, "dam": true, "hpp": true}

// placeLists is the gazetteer sorted for labels: settlements by population
// (largest first) and the watched sites.
type placeLists struct {
	once        sync.Once
	settlements []label
	sites       []*frontline.Place
}

func (s *Server) lists(w http.ResponseWriter, r *http.Request) (*placeLists, bool) {
	if !s.placeService(w, r) {
		return nil, false
	}
	pl := s.placeLister()
	if pl == nil {
		writeError(w, r, frontline.Errorf(frontline.ENOTFOUND, "this server's gazetteer cannot list places"), "")
		return nil, false
	}
	s.placeLists.once.Do(func() {
		all := pl.AllPlaces()
		for i := range all {
			p := &all[i]
			switch {
			case siteKinds[p.Kind]:
				s.placeLists.sites = append(s.placeLists.sites, p)
			case p.PointSource != "" && p.Population > 0 && p.Kind != "city_district":
				s.placeLists.settlements = append(s.placeLists.settlements, label{ID: p.ID, Name: p.Name, NameUK: p.NameUK, Kind: p.Kind, Lon: p.Lon, Lat: p.Lat, Population: p.Population})
			}
		}
		sort.SliceStable(s.placeLists.settlements, func(i, j int) bool {
			return s.placeLists.settlements[i].Population > s.placeLists.settlements[j].Population
		})
	})
	return &s.placeLists, true
}

// handleLabels: ?min_population=N (default 10000)
func (s *Server) handleLabels(w http.ResponseWriter, r *http.Request) {
	minPop := 10000
	if v := r.URL.Query().Get("min_population"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "min_population must be a whole number ≥ 0, not %q", v), "min_population")
			return
		}
		minPop = n
	}
	pl, ok := s.lists(w, r)
	if !ok {
		return
	}
	n := sort.Search(len(pl.settlements), func(i int) bool { return pl.settlements[i].Population < minPop })
	out := labelsResponse{MinPopulation: minPop, Labels: make([]label, 0, n+len(pl.sites))}
	out.Labels = append(out.Labels, pl.settlements[:n]...)
	for _, p := range pl.sites {
		out.Labels = append(out.Labels, label{ID: p.ID, Name: p.Name, NameUK: p.NameUK, Kind: p.Kind, Lon: p.Lon, Lat: p.Lat, Population: p.Population})
	}
	writeJSON(w, r, http.StatusOK, out)
}

// handleSites: ?layer=&at=&as_known=&tz=
func (s *Server) handleSites(w http.ResponseWriter, r *http.Request) {
	pl, ok := s.lists(w, r)
	if !ok {
		return
	}
	q, ok := readQuery(w, r)
	if !ok {
		return
	}
	v := r.URL.Query()
	out := sitesResponse{Sites: make([]site, 0, len(pl.sites))}
	var l *frontline.Layer
	var at frontline.Day
	if v.Get("layer") != "" || v.Get("at") != "" {
		if v.Get("layer") == "" {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "at needs a layer"), "layer")
			return
		}
		var err error
		if l, err = s.LayerService.FindLayer(r.Context(), v.Get("layer")); err != nil {
			writeError(w, r, err, "layer")
			return
		}
		if at, ok = q.layerDay(w, r, l, "at", true); !ok {
			return
		}
		out.Layer, out.At = l.Name, at.Label
	}
	for _, p := range pl.sites {
		st := site{Place: p}
		if l != nil {
			fr, err := s.measureFront(r, p, l.Name, at, q)
			if err != nil {
				writeError(w, r, err, "at")
				return
			}
			st.Front = fr
		}
		out.Sites = append(out.Sites, st)
	}
	writeJSON(w, r, http.StatusOK, out)
}

// daysResponse lists a layer's days and the map of each: what a slider
// over the layer needs, without the series' areas.
type daysResponse struct {
	Layer   string     `json:"layer"`
	From    string     `json:"from"`
	To      string     `json:"to"`
	AsKnown *time.Time `json:"as_known"`
	Days    []mapDay   `json:"days"`
}

// mapDay is one day of a layer and its map.
type mapDay struct {
	Date       string `json:"date"`
	SnapshotID int64  `json:"snapshot_id"`
	// Carried is true when no map was published that day and the previous
	// day's map still holds.
	Carried bool `json:"carried,omitempty"`
}

// handleDays: /layers/{layer}/days?as_known=&tz= — every day from the
// layer's first map to its last, each with the ID of its map (the last
// valid by the day's end), as series has them; no areas, so its cost is
// one read of the snapshots' times.
func (s *Server) handleDays(w http.ResponseWriter, r *http.Request) {
	l, ok := s.layer(w, r)
	if !ok {
		return
	}
	q, ok := readQuery(w, r)
	if !ok {
		return
	}
	snaps, err := s.LayerService.FindSnapshots(r.Context(), frontline.SnapshotFilter{Layer: l.Name, AsKnown: q.asKnown, Brief: true})
	if err != nil {
		writeError(w, r, err, "layer")
		return
	}
	if len(snaps) == 0 {
		writeError(w, r, frontline.Errorf(frontline.ENOTFOUND, "layer %s has no snapshots", l.Name), "layer")
		return
	}
	writeJSON(w, r, http.StatusOK, layerDays(l.Name, snaps, q))
}

// layerDays spreads snapshots (by valid time) over the days of loc, as
// Series does: a day's map is the last valid before the day ends.
func layerDays(layer string, snaps []*frontline.Snapshot, q query) daysResponse {
	dayOf := func(t time.Time) time.Time {
		y, m, d := t.In(q.loc).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, q.loc)
	}
	start, end := dayOf(snaps[0].ValidAt), dayOf(snaps[len(snaps)-1].ValidAt)
	out := daysResponse{Layer: layer, From: start.Format(time.DateOnly), To: end.Format(time.DateOnly), Days: []mapDay{}}
	if !q.asKnown.IsZero() {
		t := q.asKnown.UTC()
		out.AsKnown = &t
	}
	i := -1
	for d := start; !d.After(end); d = d.AddDate(0, 0, 1) {
		dayEnd := d.AddDate(0, 0, 1)
		for i+1 < len(snaps) && snaps[i+1].ValidAt.Before(dayEnd) {
			i++
		}
		if i < 0 {
			continue
		}
		out.Days = append(out.Days, mapDay{Date: d.Format(time.DateOnly), SnapshotID: snaps[i].ID, Carried: !dayOf(snaps[i].ValidAt).Equal(d)})
	}
	return out
}
