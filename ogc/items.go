package ogc

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/frontline-osint/frontline"
)

// FeatureCollection is the GeoJSON answer of /items.
type FeatureCollection struct {
	Type           string    `json:"type"`
	Features       []Feature `json:"features"`
	Links          []Link    `json:"links"`
	TimeStamp      string    `json:"timeStamp"`
	NumberMatched  *int      `json:"numberMatched,omitempty"`
	NumberReturned int       `json:"numberReturned"`
}

// Feature is the ground of one status inside one oblast on one map.
type Feature struct {
	Type       string          `json:"type"`
	ID         string          `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties Properties      `json:"properties"`
	Links      []Link          `json:"links,omitempty"`
}

// Properties are a feature's attributes.
type Properties struct {
	Status     frontline.Status `json:"status"`
	Oblast     string           `json:"oblast"`
	AreaKm2    float64          `json:"area_km2"`
	ValidAt    string           `json:"valid_at"`
	RecordedAt string           `json:"recorded_at"`
	SnapshotID int64            `json:"snapshot_id"`
}

// FeatureID is the stable id of a feature: its snapshot, status and
// oblast, e.g. "42-russia-kharkiv-oblast".
func FeatureID(snapshotID int64, st frontline.Status, oblast string) string {
	return fmt.Sprintf("%d-%s-%s", snapshotID, st, slug(oblast))
}

// slug lower-cases a name and joins its words with '-'.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// parseFeatureID reads what FeatureID wrote; oblast is the slug.
func parseFeatureID(id string) (snapshotID int64, st frontline.Status, oblast string, ok bool) {
	parts := strings.SplitN(id, "-", 3)
	if len(parts) != 3 || parts[2] == "" {
		return 0, "", "", false
	}
	n, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || n <= 0 {
		return 0, "", "", false
	}
	st = frontline.Status(parts[1])
	if !st.Valid() {
		return 0, "", "", false
	}
	return n, st, parts[2], true
}

// datetime is a parsed datetime parameter: the latest map (Latest), the
// map of an instant or day (At), or every map whose valid time lies in an
// interval (Interval; From and To nil for open ends).
type datetime struct {
	Latest   bool
	At       frontline.Day
	Interval bool
	From, To *frontline.Day
}

// parseDatetime reads an OGC datetime: an instant, a date, or an interval
// a/b, ../b, a/.., ../.. (an empty end counts as open). Dates are UTC days.
func parseDatetime(s string) (datetime, error) {
	bad := func(format string, args ...any) (datetime, error) {
		return datetime{}, paramError("datetime", "bad datetime %q: "+format+" (want a date 2022-09-13, an instant 2022-09-13T12:00:00Z, or an interval a/b, ../b, a/..)", append([]any{s}, args...)...)
	}
	if s == "" {
		return datetime{Latest: true}, nil
	}
	day := func(v string) (*frontline.Day, error) {
		if v == "" || v == ".." {
			return nil, nil
		}
		d, err := frontline.ParseDay(v, time.UTC)
		if err != nil {
			return nil, err
		}
		return &d, nil
	}
	parts := strings.Split(s, "/")
	switch len(parts) {
	case 1:
		d, err := day(s)
		if err != nil || d == nil {
			return bad("not a date or instant")
		}
		return datetime{At: *d}, nil
	case 2:
		a, err := day(parts[0])
		if err != nil {
			return bad("cannot read the start %q", parts[0])
		}
		b, err := day(parts[1])
		if err != nil {
			return bad("cannot read the end %q", parts[1])
		}
		if a != nil && b != nil && a.Start.After(b.End) {
			return bad("the start is after the end")
		}
		return datetime{Interval: true, From: a, To: b}, nil
	}
	return bad("more than one '/'")
}

// parseBBox reads minLon,minLat,maxLon,maxLat (or the 6-number 3D form,
// whose heights are ignored) in CRS84.
func parseBBox(s string) (*[4]float64, error) {
	bad := func(format string, args ...any) (*[4]float64, error) {
		return nil, paramError("bbox", "bad bbox %q: "+format+" (want minLon,minLat,maxLon,maxLat in degrees)", append([]any{s}, args...)...)
	}
	fields := strings.Split(s, ",")
	if len(fields) != 4 && len(fields) != 6 {
		return bad("%d numbers", len(fields))
	}
	var v []float64
	for _, f := range fields {
		x, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return bad("%q is not a number", f)
		}
		v = append(v, x)
	}
	if len(v) == 6 {
		v = []float64{v[0], v[1], v[3], v[4]}
	}
	b := [4]float64{v[0], v[1], v[2], v[3]}
	switch {
	case b[0] < -180 || b[0] > 180 || b[2] < -180 || b[2] > 180:
		return bad("longitudes must be within -180..180")
	case b[1] < -90 || b[1] > 90 || b[3] < -90 || b[3] > 90:
		return bad("latitudes must be within -90..90")
	case b[1] > b[3]:
		return bad("minLat is greater than maxLat")
	case b[0] > b[2]:
		return bad("boxes crossing the antimeridian are not supported")
	}
	return &b, nil
}

// parseCount reads a non-negative integer parameter.
func parseCount(name, s string, min int) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < min {
		return 0, paramError(name, "bad %s %q: want an integer of at least %d", name, s, min)
	}
	return n, nil
}

// itemsQuery is the parsed query of /items.
type itemsQuery struct {
	datetime datetime
	bbox     *[4]float64
	limit    int
	offset   int
	asKnown  time.Time
	statuses []frontline.Status
	oblasts  []string
	filter   expr
}

// itemsParams are the query parameters /items takes (besides f).
var itemsParams = []string{"datetime", "bbox", "limit", "offset", "as_known", "status", "oblast", "filter", "filter-lang"}

func readItemsQuery(r *http.Request) (q itemsQuery, err error) {
	if err := checkParams(r, itemsParams...); err != nil {
		return q, err
	}
	v := r.URL.Query()
	for name, vs := range v {
		if strings.TrimSpace(vs[0]) == "" && name != "f" {
			return q, paramError(name, "parameter %q is empty", name)
		}
	}
	if q.datetime, err = parseDatetime(v.Get("datetime")); err != nil {
		return q, err
	}
	if s := v.Get("bbox"); s != "" {
		if q.bbox, err = parseBBox(s); err != nil {
			return q, err
		}
	}
	q.limit = DefaultLimit
	if s := v.Get("limit"); s != "" {
		if q.limit, err = parseCount("limit", s, 1); err != nil {
			return q, err
		}
		q.limit = min(q.limit, MaxLimit)
	}
	if s := v.Get("offset"); s != "" {
		if q.offset, err = parseCount("offset", s, 0); err != nil {
			return q, err
		}
	}
	if s := v.Get("as_known"); s != "" {
		if q.asKnown, err = frontline.ParseInstant(s); err != nil {
			return q, paramError("as_known", "%s", frontline.ErrorMessage(err))
		}
	}
	if s := v.Get("status"); s != "" {
		for _, f := range strings.Split(s, ",") {
			st := frontline.Status(strings.TrimSpace(f))
			if !st.Valid() {
				return q, paramError("status", "unknown status %q (want russia, ukraine, contested or unknown, comma-separated)", f)
			}
			q.statuses = append(q.statuses, st)
		}
	}
	if s := v.Get("oblast"); s != "" {
		for _, f := range strings.Split(s, ",") {
			if f = strings.TrimSpace(f); f != "" {
				q.oblasts = append(q.oblasts, slug(f))
			}
		}
	}
	if s := v.Get("filter-lang"); s != "" && s != "cql2-text" {
		return q, paramError("filter-lang", "filter language %q not offered: only cql2-text", s)
	}
	if s := v.Get("filter"); s != "" {
		if q.filter, err = parseFilter(s); err != nil {
			return q, paramError("filter", "bad filter: %v (Basic CQL2 text, e.g. status='russia' AND area_km2 > 100)", err)
		}
	}
	return q, nil
}

// keep tells whether a feature passes the query's oblast and filter.
func (q itemsQuery) keep(p Properties) bool {
	if len(q.oblasts) > 0 {
		ok := false
		for _, o := range q.oblasts {
			ok = ok || slug(p.Oblast) == o
		}
		if !ok {
			return false
		}
	}
	return q.filter == nil || q.filter.match(p)
}

// mapRequests resolves the query's datetime to the map requests of layer
// l, in the order their features are served: one for a date, an instant or
// the latest map, one per map for an interval (oldest first). None when
// the layer has no map there: the answer is then an empty collection.
func (h *Handler) mapRequests(r *http.Request, l *frontline.Layer, q itemsQuery) ([]frontline.MapRequest, error) {
	req := frontline.MapRequest{Layer: l.Name, AsKnown: q.asKnown, BBox: q.bbox, Statuses: q.statuses}
	dt := q.datetime
	if !dt.Latest && !dt.Interval {
		req.At = dt.At
		return []frontline.MapRequest{req}, nil
	}
	f := frontline.SnapshotFilter{Layer: l.Name, AsKnown: q.asKnown, Brief: true}
	if dt.Latest {
		f.Desc, f.Limit = true, 1
	}
	if dt.From != nil {
		f.ValidFrom = dt.From.Start
	}
	if dt.To != nil {
		f.ValidTo = dt.To.End
	}
	snaps, err := h.Layers.FindSnapshots(r.Context(), f)
	if err != nil {
		return nil, err
	}
	reqs := make([]frontline.MapRequest, 0, len(snaps))
	for _, s := range snaps {
		req.SnapshotID = s.ID
		reqs = append(reqs, req)
	}
	return reqs, nil
}

func (h *Handler) handleItems(w http.ResponseWriter, r *http.Request) {
	l, err := h.findLayer(r)
	if err != nil {
		fail(w, err, "")
		return
	}
	q, err := readItemsQuery(r)
	if err != nil {
		failParam(w, err)
		return
	}
	reqs, err := h.mapRequests(r, l, q)
	if err != nil {
		failParam(w, err)
		return
	}
	b := base(r)
	coll := b + "/collections/" + url.PathEscape(l.Name)
	fc := FeatureCollection{
		Type:      "FeatureCollection",
		Features:  []Feature{},
		TimeStamp: h.Now().UTC().Format(time.RFC3339),
	}
	// Walk the maps in order, skipping offset matching features and
	// keeping limit of them; an interval stops drawing maps once the page
	// is full and one more feature matches (numberMatched is then left
	// out, as OGC API – Features allows).
	matched, more, complete := 0, false, true
walk:
	for i, req := range reqs {
		if err := r.Context().Err(); err != nil {
			return // the client has gone
		}
		res, err := h.Maps.Map(r.Context(), req)
		if err != nil {
			if frontline.ErrorCode(err) == frontline.ENOTFOUND {
				continue // no map there: nothing to serve
			}
			failParam(w, err)
			return
		}
		for _, mf := range res.Features {
			f := feature(coll, res.Snapshot, mf)
			if !q.keep(f.Properties) {
				continue
			}
			matched++
			switch {
			case matched <= q.offset:
			case len(fc.Features) < q.limit:
				fc.Features = append(fc.Features, f)
			default:
				more = true
				if len(reqs) > 1 && i < len(reqs)-1 {
					complete = false
					break walk
				}
			}
		}
	}
	fc.NumberReturned = len(fc.Features)
	if complete {
		fc.NumberMatched = &matched
	}
	end := q.offset + len(fc.Features)

	page := func(offset int) string {
		v := r.URL.Query()
		v.Set("offset", strconv.Itoa(offset))
		v.Set("limit", strconv.Itoa(q.limit))
		return coll + "/items?" + v.Encode()
	}
	self := coll + "/items"
	if r.URL.RawQuery != "" {
		self += "?" + r.URL.Query().Encode()
	}
	fc.Links = []Link{
		{Href: self, Rel: "self", Type: typeGeoJSON, Title: "this page"},
		{Href: coll, Rel: "collection", Type: typeJSON, Title: "the collection"},
	}
	if more {
		fc.Links = append(fc.Links, Link{Href: page(end), Rel: "next", Type: typeGeoJSON, Title: "next page"})
	}
	if q.offset > 0 {
		fc.Links = append(fc.Links, Link{Href: page(max(0, q.offset-q.limit)), Rel: "prev", Type: typeGeoJSON, Title: "previous page"})
	}
	writeJSON(w, http.StatusOK, typeGeoJSON, fc)
}

func feature(coll string, snap *frontline.Snapshot, f frontline.MapFeature) Feature {
	id := FeatureID(snap.ID, f.Status, f.Oblast)
	geom := f.Geometry
	if len(geom) == 0 {
		geom = json.RawMessage("null")
	}
	return Feature{
		Type:     "Feature",
		ID:       id,
		Geometry: geom,
		Properties: Properties{
			Status:     f.Status,
			Oblast:     f.Oblast,
			AreaKm2:    f.AreaKm2,
			ValidAt:    snap.ValidAt.UTC().Format(time.RFC3339),
			RecordedAt: snap.RecordedAt.UTC().Format(time.RFC3339),
			SnapshotID: snap.ID,
		},
		Links: []Link{
			{Href: coll + "/items/" + url.PathEscape(id), Rel: "self", Type: typeGeoJSON, Title: "this feature"},
			{Href: coll, Rel: "collection", Type: typeJSON, Title: "the collection"},
		},
	}
}

func (h *Handler) handleItem(w http.ResponseWriter, r *http.Request) {
	l, err := h.findLayer(r)
	if err != nil {
		fail(w, err, "")
		return
	}
	if err := checkParams(r); err != nil {
		failParam(w, err)
		return
	}
	id := r.PathValue("featureId")
	notFound := frontline.Errorf(frontline.ENOTFOUND, "no feature %q in collection %s (ids are snapshot-status-oblast, as /items gives them)", id, l.Name)
	snapID, st, oblast, ok := parseFeatureID(id)
	if !ok {
		fail(w, notFound, "")
		return
	}
	res, err := h.Maps.Map(r.Context(), frontline.MapRequest{Layer: l.Name, SnapshotID: snapID, Statuses: []frontline.Status{st}})
	if err != nil {
		if frontline.ErrorCode(err) == frontline.ENOTFOUND || frontline.ErrorCode(err) == frontline.EINVALID {
			err = notFound
		}
		fail(w, err, "")
		return
	}
	if res.Snapshot == nil || res.Snapshot.Layer != l.Name {
		fail(w, notFound, "")
		return
	}
	for _, f := range res.Features {
		if f.Status == st && slug(f.Oblast) == oblast {
			coll := base(r) + "/collections/" + url.PathEscape(l.Name)
			// A snapshot never changes: its features can be kept.
			w.Header().Set("Cache-Control", "public, max-age=86400")
			writeJSON(w, http.StatusOK, typeGeoJSON, feature(coll, res.Snapshot, f))
			return
		}
	}
	fail(w, notFound, "")
}
