package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/follow"
	fhttp "github.com/frontline-osint/frontline/http"
	"github.com/frontline-osint/frontline/sqlite"
)

// trackerOf serves the first n maps of the real daily archive as
// DeepStateMap's API, all published, with their real version objects.
func trackerOf(t *testing.T, n int) (*follow.Tracker, *httptest.Server) {
	t.Helper()
	dir := filepath.Join(dataDir(t), "control", "deepstate")
	buf, err := os.ReadFile(filepath.Join(dir, "history-public-2022-04_2024-12.json"))
	if err != nil {
		t.Fatal(err)
	}
	var list []json.RawMessage
	json.Unmarshal(buf, &list)
	meta := map[int64]json.RawMessage{}
	for _, raw := range list {
		var v struct{ ID int64 }
		json.Unmarshal(raw, &v)
		meta[v.ID] = raw
	}
	names, _ := filepath.Glob(filepath.Join(dir, "daily-2022-08-20_2022-10-20", "*.geojson"))
	var vs []follow.TrackerVersion
	for _, name := range names[15 : 15+n] { // from 2022-09-06 on
		ts, err := time.Parse("2006-01-02T150405Z", strings.TrimSuffix(filepath.Base(name), ".geojson"))
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		vs = append(vs, follow.TrackerVersion{ID: ts.Unix(), CreatedAt: ts, Meta: meta[ts.Unix()], GeoJSON: data})
	}
	tr := follow.NewTracker(vs)
	srv := httptest.NewServer(tr)
	t.Cleanup(srv.Close)
	return tr, srv
}

// frontline follow --once --json against a tracker serving the real
// archive, then source status: each version once, the state kept.
func TestFollowOnceAndStatus(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	tr, srv := trackerOf(t, 3)
	tr.Publish(2, time.Now())
	config := filepath.Join(t.TempDir(), "frontline.toml")
	os.WriteFile(config, []byte("retries = 0\n[[source]]\nname = \"ds\"\nkind = \"deepstate\"\nurl = \""+srv.URL+"\"\nlayer = \"deepstate\"\n"), 0o644)

	out := mustRun(t, db, "follow", "--config", config, "--once", "--json")
	var r follow.PollResult
	if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.Snapshots) != 2 || r.Reports != 2 {
		t.Fatalf("follow --once: %s %v", out, err)
	}
	tr.Publish(1, time.Now())
	out = mustRun(t, db, "follow", "--config", config, "--once")
	if !strings.Contains(out, "new") || !strings.Contains(out, "1 snapshot") {
		t.Fatalf("second round: %s", out)
	}
	out = mustRun(t, db, "source", "status", "--json")
	var st struct{ Sources []frontline.SourceStatus }
	if err := json.Unmarshal([]byte(out), &st); err != nil || len(st.Sources) != 1 || st.Sources[0].Snapshots != 3 || !st.Sources[0].Healthy {
		t.Fatalf("source status: %s %v", out, err)
	}
	// The notes were read for claims as they came (the event stream's
	// claims events): none is left pending.
	sdb := sqlite.NewDB(db)
	if err := sdb.Open(); err != nil {
		t.Fatal(err)
	}
	pending, err := sqlite.NewExtractionStore(sdb).PendingReports(context.Background(), extractorVersion)
	sdb.Close()
	if err != nil || len(pending) != 0 {
		t.Errorf("reports left unread by the extractor: %v %v", pending, err)
	}
	out = mustRun(t, db, "claims", "--layer", "", "--json")
	if !strings.Contains(out, `"quote"`) {
		t.Errorf("no claims from the followed notes: %.300s", out)
	}
	out = mustRun(t, db, "layer", "show", "deepstate")
	if !strings.Contains(out, "3") {
		t.Errorf("layer show: %s", out)
	}
	// The tracker down: the round fails, status shows the gap.
	srv.Close()
	if _, _, err := run(t, db, "follow", "--config", config, "--once"); err == nil {
		t.Fatal("a round with the only source down succeeded")
	}
	out = mustRun(t, db, "source", "status")
	if !strings.Contains(out, "failing ×1") || !strings.Contains(out, "gap ds:") || !strings.Contains(out, "open") {
		t.Errorf("status while down:\n%s", out)
	}
	if _, _, err := run(t, db, "follow", "--once"); err == nil {
		t.Error("follow without a config ran")
	}
}

// Each new snapshot's change against the layer's previous map is
// published as a change event, with transitions per oblast and the
// settlements that changed hands.
func TestFollowPublishesChange(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	tr, srv := trackerOf(t, 2)
	tr.Publish(2, time.Now())
	m := NewMain()
	var logs bytes.Buffer
	m.Stdout, m.Stderr = &logs, &logs
	m.Getenv = func(k string) string {
		if k == "FRONTLINE_DB" {
			return db
		}
		return ""
	}
	defer m.close()
	var events []*fhttp.ChangeEvent
	f, _, err := m.newFollower(commonFlags{}, nil, log.New(&logs, "", 0), func(name string, data any) {
		if name == "change" {
			events = append(events, data.(*fhttp.ChangeEvent))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	src := frontline.SourceConfig{Name: "ds", Kind: frontline.SourceDeepState, URL: srv.URL, Layer: "deepstate"}
	src.Validate(true)
	if _, err := f.Poll(context.Background(), &src); err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 {
		t.Fatalf("%d change events, want 1 (the second map against the first)\n%s", len(events), logs.String())
	}
	ev := events[0]
	if ev.FromSnapshotID == 0 || ev.SnapshotID == ev.FromSnapshotID || len(ev.Transitions) == 0 || len(ev.ByOblast) == 0 {
		t.Errorf("change event %+v", ev)
	}
	if !strings.Contains(logs.String(), "new snapshot") {
		t.Errorf("log: %s", logs.String())
	}
	t.Logf("%s", logs.String())
}

// serve --replay on a fresh machine: the fake tracker publishes the demo's
// maps, the follower imports them into an empty deepstate layer, the event
// stream sends snapshot and change events and the status route shows the
// source healthy.
func TestServeReplayEvents(t *testing.T) {
	var stderr syncBuffer
	m := NewMain()
	m.Stdout, m.Stderr = io.Discard, &stderr
	// No --db and no FRONTLINE_DB: the replay's own temporary store.
	m.Getenv = func(string) string { return "" }
	url := startServeMain(t, m, &stderr, "serve", "--replay", "--replay-every", "300ms", "--addr", "127.0.0.1:0")
	sctx, scancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer scancel()
	req, _ := http.NewRequestWithContext(sctx, "GET", url+"/api/v1/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 8<<20)
	for sc.Scan() && (seen["change"] < 2 || seen["snapshot"] < 2) {
		if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
			seen[name]++
		}
	}
	resp.Body.Close()
	if seen["change"] < 2 || seen["snapshot"] < 2 {
		t.Fatalf("events %v\n%s", seen, stderr.String())
	}
	var st struct {
		Following bool
		Sources   []frontline.SourceStatus
	}
	// The state is written after each version: wait for a finished poll.
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		resp, err = http.Get(url + "/api/v1/sources/status")
		if err != nil {
			t.Fatal(err)
		}
		json.NewDecoder(resp.Body).Decode(&st)
		resp.Body.Close()
		if len(st.Sources) == 1 && st.Sources[0].Snapshots >= 3 && st.Sources[0].Healthy {
			break
		}
	}
	if !st.Following || len(st.Sources) != 1 || st.Sources[0].Snapshots < 3 || !st.Sources[0].Healthy {
		t.Errorf("status %+v", st)
	}
	if strings.Contains(stderr.String(), "loading the bundled demo") {
		t.Error("--replay loaded the demo at once instead of replaying it")
	}
}
