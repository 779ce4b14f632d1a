package http_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/follow"
	fhttp "github.com/frontline-osint/frontline/http"
	"github.com/frontline-osint/frontline/sqlite"
)

// GET /api/v1/sources/status answers the followed sources' state from the
// store, with the open gap of a failing source; an event Publish reaches
// an open stream.
func TestSourcesStatusAndPublish(t *testing.T) {
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "f.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	store := sqlite.NewFollowStore(db)
	ctx := context.Background()
	at := time.Date(2022, 9, 10, 12, 0, 0, 0, time.UTC)
	store.PutFollowState(ctx, &frontline.FollowState{Name: "ok", Kind: frontline.SourceRSS, URL: "http://a", LastSuccess: &at, Polls: 3})
	store.PutFollowState(ctx, &frontline.FollowState{Name: "down", Kind: frontline.SourceDeepState, URL: "http://b", LastSuccess: &at, Failures: 2, LastError: "GET http://b: 502 Bad Gateway"})
	store.OpenGap(ctx, "down", at.Add(time.Minute), "502")
	store.OpenGap(ctx, "down", at.Add(2*time.Minute), "502")

	s := fhttp.NewServer()
	s.Addr, s.LayerService = "127.0.0.1:0", nil
	s.SourceStatus = follow.StatusService{Store: store}
	s.EventPollInterval = time.Hour
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	resp, err := http.Get(s.URL() + "/api/v1/sources/status")
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Sources          []frontline.SourceStatus
		Following        bool
		Healthy, Failing int
	}
	json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if !body.Following || body.Healthy != 1 || body.Failing != 1 || len(body.Sources) != 2 {
		t.Fatalf("%+v", body)
	}
	down := body.Sources[0]
	if down.Name != "down" || down.OpenGap == nil || down.OpenGap.Polls != 2 || !down.OpenGap.From.Equal(at.Add(time.Minute)) {
		t.Errorf("down: %+v gap %+v", down, down.OpenGap)
	}
}

func TestPublishReachesStream(t *testing.T) {
	svc, _ := newLayerService(t)
	s := fhttp.NewServer()
	s.Addr, s.LayerService = "127.0.0.1:0", svc
	s.EventPollInterval = time.Hour
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL()+"/api/v1/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("event stream: %s", resp.Status)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Scan() // retry
	s.Publish("change", fhttp.ChangeEvent{Layer: "deepstate", SnapshotID: 7, FromSnapshotID: 6})
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "data: ") && strings.Contains(sc.Text(), `"snapshot_id":7`) {
			return
		}
	}
	t.Fatal("the published change event did not reach the stream")
}
