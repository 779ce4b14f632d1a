package follow

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// TrackerVersion is one version a Tracker publishes: the version list's
// object (id, createdAt, description, descriptionEn, …) and its map.
type TrackerVersion struct {
	ID        int64
	CreatedAt time.Time
	// Meta is the version's object in the list; nil: {id, createdAt}.
	Meta    json.RawMessage
	GeoJSON []byte
}

// Tracker serves DeepStateMap's API shape from versions held in memory —
// GET /api/history/public (the versions published so far, with an ETag and
// Last-Modified, answering 304 to conditional requests) and GET
// /api/history/{id}/geojson — and publishes them one by one. `serve
// --replay` runs one in process to replay the bundled demo as if the
// tracker published it live; the tests replay the real archive with it.
type Tracker struct {
	mu        sync.Mutex
	versions  []TrackerVersion
	published int
	list      []byte
	etag      string
	modified  time.Time
	// Requests counts requests served, by path kind ("list", "map").
	Requests map[string]int
}

// NewTracker returns a tracker that has published nothing yet.
func NewTracker(versions []TrackerVersion) *Tracker {
	t := &Tracker{versions: versions, Requests: map[string]int{}}
	t.rebuild(time.Unix(0, 0))
	return t
}

// Publish publishes the next n versions at `at` and returns how many are
// published now.
func (t *Tracker) Publish(n int, at time.Time) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.published = min(t.published+n, len(t.versions))
	t.rebuild(at)
	return t.published
}

// Published returns the number of versions published and the total.
func (t *Tracker) Published() (int, int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.published, len(t.versions)
}

// Version returns the i-th version (0-based).
func (t *Tracker) Version(i int) TrackerVersion {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.versions[i]
}

func (t *Tracker) rebuild(at time.Time) {
	var b bytes.Buffer
	b.WriteByte('[')
	// Newest first, as the tracker lists them.
	for i := t.published - 1; i >= 0; i-- {
		v := t.versions[i]
		if i != t.published-1 {
			b.WriteByte(',')
		}
		if v.Meta != nil {
			b.Write(v.Meta)
		} else {
			fmt.Fprintf(&b, `{"id":%d,"createdAt":%q}`, v.ID, v.CreatedAt.UTC().Format("2006-01-02T15:04:05.000Z"))
		}
	}
	b.WriteByte(']')
	t.list = b.Bytes()
	t.etag = `"` + hashOf(t.list)[:16] + `"`
	t.modified = at.UTC().Truncate(time.Second)
}

func (t *Tracker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimSuffix(r.URL.Path, "/")
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case p == "/api/history/public":
		t.Requests["list"]++
		w.Header().Set("ETag", t.etag)
		w.Header().Set("Last-Modified", t.modified.Format(http.TimeFormat))
		if inm := r.Header.Get("If-None-Match"); inm != "" && inm == t.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(t.list)
	case strings.HasPrefix(p, "/api/history/") && strings.HasSuffix(p, "/geojson"):
		t.Requests["map"]++
		id, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(p, "/api/history/"), "/geojson"), 10, 64)
		if err == nil {
			for _, v := range t.versions[:t.published] {
				if v.ID == id {
					w.Header().Set("Content-Type", "application/geo+json")
					w.Write(v.GeoJSON)
					return
				}
			}
		}
		http.NotFound(w, r)
	default:
		http.NotFound(w, r)
	}
}
