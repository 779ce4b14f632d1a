package frontline

import (
	"context"
	"strings"
	"time"
)

// FeedKind is how a followed source publishes.
type FeedKind string

const (
	// SourceDeepState is DeepStateMap's API: a version list
	// (/api/history/public) and a GeoJSON per version
	// (/api/history/{id}/geojson).
	SourceDeepState FeedKind = "deepstate"
	// SourceGeoJSON, SourceKML and SourceKMZ are one map file at a URL that
	// changes in place.
	SourceGeoJSON FeedKind = "geojson"
	SourceKML     FeedKind = "kml"
	SourceKMZ     FeedKind = "kmz"
	// SourceArcGIS is an ArcGIS FeatureServer layer, read with /query and
	// resultOffset paging.
	SourceArcGIS FeedKind = "arcgis"
	// SourceRSS and SourceAtom are feeds; each item is a report.
	SourceRSS  FeedKind = "rss"
	SourceAtom FeedKind = "atom"
	// SourceTelegram is a public channel's web preview (t.me/s/NAME); each
	// post is a report.
	SourceTelegram FeedKind = "telegram"
	// SourceFolder is a local folder: new map files become snapshots, other
	// files reports.
	SourceFolder FeedKind = "folder"
)

// FeedKinds lists the kinds a config may name.
var FeedKinds = []FeedKind{SourceDeepState, SourceGeoJSON, SourceKML, SourceKMZ, SourceArcGIS, SourceRSS, SourceAtom, SourceTelegram, SourceFolder}

// Maps reports whether the kind publishes control maps (snapshots) rather
// than (only) reports. DeepState publishes both.
func (k FeedKind) Maps() bool {
	switch k {
	case SourceDeepState, SourceGeoJSON, SourceKML, SourceKMZ, SourceArcGIS:
		return true
	}
	return false
}

// MinPollInterval is the shortest interval between two polls of one
// remote source; a config asking for less is raised to it (folders and
// loopback test servers may go lower: see SourceConfig.Validate).
const MinPollInterval = time.Minute

// SourceConfig is one followed source, as the config file names it.
type SourceConfig struct {
	// Name identifies the source's follow state; it is stable across
	// restarts.
	Name string   `toml:"name" json:"name"`
	Kind FeedKind `toml:"kind" json:"kind"`
	// URL is the base URL (deepstate: the site, e.g.
	// https://deepstatemap.live; arcgis: the layer, …/FeatureServer/0) or
	// the file or feed URL; for a folder, Path.
	URL  string `toml:"url" json:"url,omitempty"`
	Path string `toml:"path" json:"path,omitempty"`
	// Every is the poll interval ("5m"); default 10 minutes.
	Every Duration `toml:"every" json:"every"`
	// Layer receives the maps (default: the source's name); Source names
	// the publisher of the reports (default: the source's name).
	Layer  string `toml:"layer" json:"layer,omitempty"`
	Source string `toml:"source" json:"source,omitempty"`
	// Mapping is a classification mapping file for the maps (default:
	// DeepState's); Status gives every polygon one status (files without
	// categories).
	Mapping string `toml:"mapping" json:"mapping,omitempty"`
	Status  Status `toml:"status" json:"status,omitempty"`
	// Notes turns off the reports of a deepstate source when false.
	Notes *bool `toml:"notes" json:"notes,omitempty"`
}

// Duration is a time.Duration read from "90s", "5m", "1h".
type Duration struct{ time.Duration }

// UnmarshalText reads a Go duration.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(strings.TrimSpace(string(b)))
	if err != nil {
		return Errorf(EINVALID, "cannot read duration %q: want e.g. 90s, 5m, 1h", string(b))
	}
	d.Duration = v
	return nil
}

// MarshalText writes the duration as Go does.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.Duration.String()), nil }

// Validate checks the config and fills defaults. allowFast lets intervals
// go under MinPollInterval (tests, replay, folders).
func (c *SourceConfig) Validate(allowFast bool) error {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" {
		return Errorf(EINVALID, "a source has no name")
	}
	known := false
	for _, k := range FeedKinds {
		known = known || k == c.Kind
	}
	if !known {
		return Errorf(EINVALID, "source %q: kind %q is not one of deepstate, geojson, kml, kmz, arcgis, rss, atom, telegram, folder", c.Name, c.Kind)
	}
	if c.Kind == SourceFolder {
		if c.Path == "" {
			return Errorf(EINVALID, "source %q: a folder source needs path", c.Name)
		}
	} else if !strings.HasPrefix(c.URL, "https://") && !strings.HasPrefix(c.URL, "http://") {
		return Errorf(EINVALID, "source %q: url %q is not an http(s) URL", c.Name, c.URL)
	}
	if c.Every.Duration <= 0 {
		c.Every.Duration = 10 * time.Minute
	}
	if c.Every.Duration < MinPollInterval && !allowFast && c.Kind != SourceFolder {
		c.Every.Duration = MinPollInterval
	}
	if c.Layer == "" && c.Kind.Maps() {
		c.Layer = c.Name
	}
	if c.Source == "" {
		c.Source = c.Name
		if c.Kind == SourceDeepState {
			c.Source = "DeepState"
		}
	}
	return nil
}

// FollowState is what Frontline remembers of one followed source between
// polls and restarts.
type FollowState struct {
	Name string   `json:"name"`
	Kind FeedKind `json:"kind"`
	URL  string   `json:"url"`
	// ETag and LastModified are the validators of the last full answer,
	// sent back as If-None-Match and If-Modified-Since.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// LastVersion is the newest version imported (deepstate: the version
	// id; feeds: the newest item's time; maps: the content hash).
	LastVersion string `json:"last_version,omitempty"`
	// ContentHash is the SHA-256 of the last body read in full.
	ContentHash string `json:"content_hash,omitempty"`

	LastPoll    *time.Time `json:"last_poll,omitempty"`
	LastSuccess *time.Time `json:"last_success,omitempty"`
	LastChange  *time.Time `json:"last_change,omitempty"`
	LastError   string     `json:"last_error,omitempty"`
	LastErrorAt *time.Time `json:"last_error_at,omitempty"`
	// Failures counts consecutive failed polls.
	Failures int `json:"failures"`
	// Polls, Snapshots and Reports count what this source gave.
	Polls     int64 `json:"polls"`
	Snapshots int64 `json:"snapshots"`
	Reports   int64 `json:"reports"`
	// Healthy is false while the source fails (computed on read).
	Healthy bool `json:"healthy"`
	// OpenGap is the gap still open, if the source is down.
	OpenGap *Gap `json:"open_gap,omitempty"`
}

// Gap is a period in which a source could not be read: what it published
// then is read once it is back (version lists, feeds), or lost (a file
// that changed more than once in place).
type Gap struct {
	ID     int64      `json:"id"`
	Source string     `json:"source"`
	From   time.Time  `json:"from"`
	To     *time.Time `json:"to,omitempty"` // nil: still open
	Polls  int        `json:"failed_polls"`
	Reason string     `json:"reason"`
}

// SourceStatus is a followed source's state and its recent gaps.
type SourceStatus struct {
	FollowState
	Gaps []*Gap `json:"gaps"`
}

// FollowStore keeps followed sources' state and gaps.
type FollowStore interface {
	// FollowState returns a source's state, or ENOTFOUND.
	FollowState(ctx context.Context, name string) (*FollowState, error)
	PutFollowState(ctx context.Context, st *FollowState) error
	FollowStates(ctx context.Context) ([]*FollowState, error)
	// OpenGap opens a gap for a source unless one is open, counting a
	// failed poll either way; CloseGap closes the open one at t.
	OpenGap(ctx context.Context, source string, at time.Time, reason string) (*Gap, error)
	CloseGap(ctx context.Context, source string, at time.Time) error
	// Gaps lists a source's gaps ("" for all), newest first.
	Gaps(ctx context.Context, source string, limit int) ([]*Gap, error)
	// SeenItem records an item key (a version id, a feed item's GUID, a
	// file's hash) for a source; it returns false when it was recorded
	// before, so nothing is imported twice.
	SeenItem(ctx context.Context, source, key string, at time.Time) (bool, error)
	HasItem(ctx context.Context, source, key string) (bool, error)
}

// SourceStatusService answers GET /api/v1/sources/status.
type SourceStatusService interface {
	SourcesStatus(ctx context.Context) ([]*SourceStatus, error)
}
