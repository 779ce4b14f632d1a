package follow_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/follow"
	"github.com/frontline-osint/frontline/report"
	"github.com/frontline-osint/frontline/sqlite"
)

const archive = "../../shared/data/control/deepstate"

// clock is simulated time: Sleep advances it at once.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return nil
}

// env is a store in a temporary directory with the real import and report
// services, and a follower on simulated time.
type env struct {
	t       *testing.T
	dir     string
	db      *sqlite.DB
	control *control.Service
	reports *report.Service
	store   *sqlite.FollowStore
	clock   *clock
}

var bounds struct {
	once sync.Once
	set  *boundaries.Set
	err  error
}

func newEnv(t *testing.T) *env {
	t.Helper()
	bounds.once.Do(func() { bounds.set, bounds.err = boundaries.Load() })
	if bounds.err != nil {
		t.Fatal(bounds.err)
	}
	e := &env{t: t, dir: t.TempDir(), clock: &clock{now: time.Date(2022, 9, 1, 0, 0, 0, 0, time.UTC)}}
	e.open()
	t.Cleanup(func() { e.db.Close() })
	return e
}

// open opens (or reopens, as a restarted process would) the database.
func (e *env) open() {
	if e.db != nil {
		e.db.Close()
	}
	e.db = sqlite.NewDB(filepath.Join(e.dir, "f.db"))
	if err := e.db.Open(); err != nil {
		e.t.Fatal(err)
	}
	e.control = control.NewService(sqlite.NewSnapshotStore(e.db), bounds.set)
	e.control.Now = e.clock.Now
	e.reports = report.NewService(sqlite.NewReportStore(e.db), sqlite.NewSourceStore(e.db))
	e.reports.Now = e.clock.Now
	e.store = sqlite.NewFollowStore(e.db)
}

func (e *env) follower() *follow.Follower {
	f := follow.New(e.store, nil)
	f.Now, f.Sleep = e.clock.Now, e.clock.Sleep
	f.Timeout, f.Backoff, f.Retries = 500*time.Millisecond, 10*time.Millisecond, 2
	f.ImportSnapshot = e.control.Import
	f.AddReports = func(ctx context.Context, b follow.ReportBatch) (*follow.ReportsAdded, error) {
		res, err := e.reports.AddBytes(ctx, b.Name, b.Data, report.AddOptions{Source: b.Source, PublishedAt: b.PublishedAt})
		if err != nil {
			return nil, err
		}
		a := &follow.ReportsAdded{Stored: res.Stored, Duplicates: res.Duplicates}
		if res.Outcome == report.Refused {
			a.Refused = res.Reason
		}
		return a, nil
	}
	return f
}

func (e *env) snapshots(layer string) []*frontline.Snapshot {
	e.t.Helper()
	s, err := e.control.FindSnapshots(context.Background(), frontline.SnapshotFilter{Layer: layer, AllVersions: true})
	if frontline.ErrorCode(err) == frontline.ENOTFOUND {
		return nil
	}
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

func (e *env) reportCount(source string) int {
	e.t.Helper()
	r, err := sqlite.NewReportStore(e.db).FindReports(context.Background(), frontline.ReportFilter{Source: source})
	if err != nil {
		e.t.Fatal(err)
	}
	return len(r)
}

func (e *env) poll(f *follow.Follower, src *frontline.SourceConfig) *follow.PollResult {
	e.t.Helper()
	r, err := f.Poll(context.Background(), src)
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

// archiveVersions reads the first n maps of the real daily archive
// (2022-08-20 – 2022-10-20) with their objects from the real version list.
func archiveVersions(t testing.TB, n int) []follow.TrackerVersion {
	t.Helper()
	buf, err := os.ReadFile(filepath.Join(archive, "history-public-2022-04_2024-12.json"))
	if err != nil {
		t.Skipf("no archive: %v", err)
	}
	var list []json.RawMessage
	if err := json.Unmarshal(buf, &list); err != nil {
		t.Fatal(err)
	}
	meta := map[int64]json.RawMessage{}
	for _, raw := range list {
		var v struct{ ID int64 }
		if json.Unmarshal(raw, &v) == nil {
			meta[v.ID] = raw
		}
	}
	dir := filepath.Join(archive, "daily-2022-08-20_2022-10-20")
	names, err := filepath.Glob(filepath.Join(dir, "*.geojson"))
	if err != nil || len(names) == 0 {
		t.Skipf("no daily archive in %s", dir)
	}
	sort.Strings(names)
	var out []follow.TrackerVersion
	for _, name := range names[:min(n, len(names))] {
		ts, err := time.Parse("2006-01-02T150405Z", strings.TrimSuffix(filepath.Base(name), ".geojson"))
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		m, ok := meta[ts.Unix()]
		if !ok {
			t.Fatalf("%s: no version %d in the version list", name, ts.Unix())
		}
		out = append(out, follow.TrackerVersion{ID: ts.Unix(), CreatedAt: ts, Meta: m, GeoJSON: data})
	}
	return out
}

// faulty wraps a handler with a fault that tests switch.
type faulty struct {
	mu    sync.Mutex
	fault string // "", "500", "timeout", "truncated", "html", "redirect"
	h     http.Handler
	hits  int
}

func (f *faulty) set(fault string) {
	f.mu.Lock()
	f.fault = fault
	f.mu.Unlock()
}

func (f *faulty) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	fault := f.fault
	f.hits++
	f.mu.Unlock()
	switch fault {
	case "500":
		http.Error(w, "upstream broke", http.StatusInternalServerError)
	case "timeout":
		select {
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
	case "truncated":
		w.Header().Set("Content-Length", "100000")
		w.Write([]byte(`[{"id": 1661`))
	case "html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<!DOCTYPE html><html><body>Please enable JavaScript</body></html>"))
	case "redirect":
		http.Redirect(w, r, r.URL.Path, http.StatusFound)
	default:
		f.h.ServeHTTP(w, r)
	}
}

func serve(t *testing.T, h http.Handler) *httptest.Server {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
