package frontline

import (
	"context"
	"strings"
	"time"
)

// Watches and alerts: rules a user stores ("tell me when the front comes
// within 20 km of the Zaporizhzhia plant") and what fires when a new day of
// a layer, a new claim or a new contradiction meets one (package alert
// evaluates them and delivers the alerts).

// WatchKind is what a watch looks for.
type WatchKind string

// Kinds of watch.
const (
	// WatchFront: the front (a boundary between statuses) within RadiusKm
	// of a place, a site or a point. It fires when the front crosses inward
	// and re-arms only once the front is beyond RadiusKm+HysteresisKm, so a
	// front that wobbles around the radius does not fire every day.
	WatchFront WatchKind = "front"
	// WatchStatus: a settlement changing status on a layer's map, or any
	// settlement of a hromada (Hromada set, PlaceID empty).
	WatchStatus WatchKind = "status"
	// WatchOblast: an oblast's change between a day's map and the previous
	// day's beyond MinKm2 (gained or lost by any side).
	WatchOblast WatchKind = "oblast"
	// WatchClaims: a new capture claim (captured, liberated, under control
	// of, withdrawn) or a new contradiction about a watched place, from a
	// source graded MinReliability or better (default C).
	WatchClaims WatchKind = "claims"
)

// WatchKinds lists the kinds of watch.
var WatchKinds = []WatchKind{WatchFront, WatchStatus, WatchOblast, WatchClaims}

// Valid reports whether k is a kind of watch.
func (k WatchKind) Valid() bool {
	for _, v := range WatchKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Watch is a stored rule.
type Watch struct {
	ID   int64     `json:"id"`
	Name string    `json:"name"`
	Kind WatchKind `json:"kind"`
	// Layer is the control layer whose days the watch evaluates
	// (front, status, oblast; default deepstate).
	Layer string `json:"layer"`
	// PlaceID is the watched settlement or site (front, status, claims);
	// PlaceName its name as resolved when the watch was made. For a front
	// watch Lon/Lat is the point measured from (the place's point, or a
	// point given by the user).
	PlaceID   string  `json:"place_id,omitempty"`
	PlaceName string  `json:"place_name,omitempty"`
	Lon       float64 `json:"lon,omitempty"`
	Lat       float64 `json:"lat,omitempty"`
	// Hromada and Oblast name a hromada (status watch: each of its
	// settlements) or an oblast (oblast watch; a name or ISO 3166-2 code).
	Hromada string `json:"hromada,omitempty"`
	Oblast  string `json:"oblast,omitempty"`
	// RadiusKm and HysteresisKm (front): fire within RadiusKm, re-arm
	// beyond RadiusKm+HysteresisKm.
	RadiusKm     float64 `json:"radius_km,omitempty"`
	HysteresisKm float64 `json:"hysteresis_km,omitempty"`
	// MinKm2 (oblast): the smallest day change that fires.
	MinKm2 float64 `json:"min_km2,omitempty"`
	// MinReliability (claims): the worst source grade that fires (A–F;
	// default C).
	MinReliability Reliability `json:"min_reliability,omitempty"`
	// From is the first day the watch evaluates (YYYY-MM-DD); empty: the
	// layer's latest day when the watch is first evaluated, and for claims
	// the claims recorded since the watch was made.
	From string `json:"from,omitempty"`
	// WebhookURL receives this watch's alerts (besides any global
	// webhook), signed with Secret (else the global secret). Email lists
	// recipients (besides any global ones).
	WebhookURL string    `json:"webhook_url,omitempty"`
	Secret     string    `json:"-"`
	HasSecret  bool      `json:"has_secret,omitempty"`
	Email      []string  `json:"email,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

// DefaultHysteresisKm is a front watch's hysteresis when none is given: a
// tenth of the radius, at least 1 km.
func DefaultHysteresisKm(radiusKm float64) float64 {
	return max(1, radiusKm/10)
}

// Validate checks a watch before it is stored.
func (w *Watch) Validate() error {
	if !w.Kind.Valid() {
		return Errorf(EINVALID, "unknown watch kind %q (want front, status, oblast or claims)", w.Kind)
	}
	switch w.Kind {
	case WatchFront:
		if w.PlaceID == "" && w.Lon == 0 && w.Lat == 0 {
			return Errorf(EINVALID, "a front watch needs a place or a point")
		}
		if !(w.RadiusKm > 0 && w.RadiusKm <= 1000) {
			return Errorf(EINVALID, "a front watch needs a radius between 0 and 1000 km, not %g", w.RadiusKm)
		}
		if w.HysteresisKm < 0 || w.HysteresisKm > 1000 {
			return Errorf(EINVALID, "hysteresis %g km is out of range", w.HysteresisKm)
		}
		if w.Lon < -180 || w.Lon > 180 || w.Lat < -90 || w.Lat > 90 {
			return Errorf(EINVALID, "point %g,%g is not a longitude,latitude", w.Lon, w.Lat)
		}
	case WatchStatus:
		if w.PlaceID == "" && w.Hromada == "" {
			return Errorf(EINVALID, "a status watch needs a settlement or a hromada")
		}
	case WatchOblast:
		if w.Oblast == "" {
			return Errorf(EINVALID, "an oblast watch needs an oblast")
		}
		if !(w.MinKm2 > 0) {
			return Errorf(EINVALID, "an oblast watch needs a positive threshold in km², not %g", w.MinKm2)
		}
	case WatchClaims:
		if w.PlaceID == "" {
			return Errorf(EINVALID, "a claims watch needs a place")
		}
		if r := w.MinReliability; r != "" && (len(r) != 1 || !strings.Contains("ABCDEF", string(r))) {
			return Errorf(EINVALID, "reliability %q: want one of A–F", w.MinReliability)
		}
	}
	if w.From != "" {
		if _, err := ParseDay(w.From, time.UTC); err != nil {
			return err
		}
	}
	if w.WebhookURL != "" && !strings.HasPrefix(w.WebhookURL, "http://") && !strings.HasPrefix(w.WebhookURL, "https://") {
		return Errorf(EINVALID, "webhook %q: want an http:// or https:// URL", w.WebhookURL)
	}
	for _, e := range w.Email {
		if !strings.Contains(e, "@") || strings.ContainsAny(e, "\r\n<>, ") {
			return Errorf(EINVALID, "e-mail address %q is not valid", e)
		}
	}
	if len(w.Name) > 200 {
		return Errorf(EINVALID, "a watch name is at most 200 characters")
	}
	return nil
}

// AlertLink is a link that explains an alert: rel is map (the web map at
// the day), claims (the claims about the place), change (the day's change).
type AlertLink struct {
	Rel  string `json:"rel"`
	Href string `json:"href"`
}

// Alert is what a watch fired, once.
type Alert struct {
	ID      int64     `json:"id"`
	WatchID int64     `json:"watch_id"`
	Kind    WatchKind `json:"kind"`
	Layer   string    `json:"layer,omitempty"`
	// Key identifies what fired within the watch (the day, the claim, the
	// contradiction): the store keeps one alert per watch and key.
	Key   string `json:"key"`
	Title string `json:"title"`
	Text  string `json:"text"`
	// Figures are the numbers that explain it (distance_km, radius_km,
	// net_km2, …).
	Figures map[string]float64 `json:"figures"`
	Links   []AlertLink        `json:"links"`
	// Day is the valid day the alert is about (YYYY-MM-DD).
	Day       string    `json:"day"`
	CreatedAt time.Time `json:"created_at"`
}

// AlertDelivery is one attempt to deliver an alert.
type AlertDelivery struct {
	AlertID int64  `json:"alert_id"`
	Channel string `json:"channel"` // webhook, email
	Target  string `json:"target"`  // the URL or the address
	Attempt int    `json:"attempt"` // 1, 2, …
	OK      bool   `json:"ok"`
	// Status is the webhook's HTTP status (0 when none came back).
	Status int       `json:"status,omitempty"`
	Error  string    `json:"error,omitempty"`
	At     time.Time `json:"at"`
}

// AlertFilter selects alerts, newest first.
type AlertFilter struct {
	WatchID int64
	Since   time.Time // created at or after
	AfterID int64
	Limit   int // 0: all
}

// WatchStore keeps watches and, per watch, which layer days were
// evaluated and the state they left (a front watch's inside/outside).
type WatchStore interface {
	CreateWatch(ctx context.Context, w *Watch) error
	FindWatches(ctx context.Context) ([]*Watch, error)
	FindWatch(ctx context.Context, id int64) (*Watch, error)
	// DeleteWatch removes a watch and its evaluation marks; its alerts stay.
	DeleteWatch(ctx context.Context, id int64) error
	// WatchDays lists the days of layer evaluated for a watch, with the
	// state each left, by day.
	WatchDays(ctx context.Context, watchID int64) ([]WatchDay, error)
	// MarkWatchDay records a day as evaluated (again: replaced).
	MarkWatchDay(ctx context.Context, watchID int64, d WatchDay) error
}

// WatchDay is one evaluated day of a watch.
type WatchDay struct {
	Day string `json:"day"`
	// SnapshotID is the snapshot the day's map was; a newer version of the
	// day's map is evaluated again.
	SnapshotID int64   `json:"snapshot_id"`
	State      string  `json:"state"` // front: inside, outside
	Value      float64 `json:"value"` // front: distance in km
}

// AlertStore keeps alerts and their delivery log.
type AlertStore interface {
	// CreateAlert stores a unless the watch already has an alert with its
	// key; it reports whether a was new (then a.ID and a.CreatedAt are
	// set).
	CreateAlert(ctx context.Context, a *Alert) (bool, error)
	FindAlerts(ctx context.Context, f AlertFilter) ([]*Alert, error)
	RecordDelivery(ctx context.Context, d *AlertDelivery) error
	FindDeliveries(ctx context.Context, alertID int64) ([]AlertDelivery, error)
}
