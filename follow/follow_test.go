package follow_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/follow"
)

func deepstateSource(url string) *frontline.SourceConfig {
	src := &frontline.SourceConfig{Name: "ds", Kind: frontline.SourceDeepState, URL: url, Layer: "deepstate"}
	if err := src.Validate(true); err != nil {
		panic(err)
	}
	return src
}

// The real archive served as the tracker's API, published a few versions
// at a time: each version becomes one snapshot and one report, once, in
// order; an unchanged list is answered 304; a restarted follower on the
// same database imports nothing again and resumes with the next version.
func TestDeepStateArchiveReplay(t *testing.T) {
	e := newEnv(t)
	vs := archiveVersions(t, 5)
	tr := follow.NewTracker(vs)
	srv := serve(t, tr)
	src := deepstateSource(srv.URL)
	f := e.follower()

	tr.Publish(2, e.clock.Now())
	r := e.poll(f, src)
	if r.Outcome != "new" || len(r.Snapshots) != 2 || r.Reports != 2 {
		t.Fatalf("first poll: %+v", r)
	}
	r = e.poll(f, src)
	if r.Outcome != "not-modified" {
		t.Fatalf("second poll of an unchanged list: %+v, want not-modified", r)
	}
	tr.Publish(1, e.clock.Now())
	if r = e.poll(f, src); len(r.Snapshots) != 1 {
		t.Fatalf("third poll: %+v", r)
	}

	// Restart: a new process on the same database.
	e.open()
	f = e.follower()
	if r = e.poll(f, src); r.Outcome == "new" {
		t.Fatalf("after a restart the follower imported again: %+v", r)
	}
	tr.Publish(2, e.clock.Now())
	if r = e.poll(f, src); len(r.Snapshots) != 2 {
		t.Fatalf("after a restart: %+v, want the 2 new versions", r)
	}
	snaps := e.snapshots("deepstate")
	if len(snaps) != 5 {
		t.Fatalf("%d snapshots, want 5", len(snaps))
	}
	for i, s := range snaps {
		if !s.ValidAt.Equal(vs[i].CreatedAt) {
			t.Errorf("snapshot %d valid at %s, want the version's createdAt %s", i, s.ValidAt, vs[i].CreatedAt)
		}
	}
	if n := e.reportCount("DeepState"); n != 5 {
		t.Errorf("%d DeepState reports, want 5 (one per version)", n)
	}
	st, err := e.store.FollowState(context.Background(), "ds")
	if err != nil {
		t.Fatal(err)
	}
	if st.LastVersion != fmt.Sprint(vs[4].ID) || st.Snapshots != 5 || st.Failures != 0 || st.LastSuccess == nil {
		t.Errorf("state %+v", st)
	}
}

// A source down for several polls while the tracker publishes: each
// failure is recorded on the status and in one gap; once back, every
// version published meanwhile is imported once.
func TestSourceDownGapNothingLost(t *testing.T) {
	e := newEnv(t)
	vs := archiveVersions(t, 4)
	tr := follow.NewTracker(vs)
	fl := &faulty{h: tr}
	src := deepstateSource(serve(t, fl).URL)
	f := e.follower()
	ctx := context.Background()

	tr.Publish(1, e.clock.Now())
	e.poll(f, src)
	for i, fault := range []string{"500", "timeout", "truncated"} {
		fl.set(fault)
		if i == 1 {
			tr.Publish(2, e.clock.Now())
		}
		e.clock.Sleep(ctx, 5*time.Minute)
		r := e.poll(f, src)
		if r.Outcome != "failed" {
			t.Fatalf("%s: %+v, want failed", fault, r)
		}
		t.Logf("%s: %s", fault, r.Error)
	}
	st, _ := e.store.FollowState(ctx, "ds")
	if st.Failures != 3 || st.Healthy || !strings.Contains(st.LastError, "truncated") {
		t.Errorf("state while down: %+v", st)
	}
	gaps, err := e.store.Gaps(ctx, "ds", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(gaps) != 1 || gaps[0].Polls != 3 || gaps[0].To != nil {
		t.Fatalf("gaps while down: %+v", gaps)
	}
	fl.set("")
	tr.Publish(1, e.clock.Now())
	e.clock.Sleep(ctx, 5*time.Minute)
	if r := e.poll(f, src); len(r.Snapshots) != 3 {
		t.Fatalf("back: %+v, want the 3 versions published meanwhile", r)
	}
	e.poll(f, src)
	if n := len(e.snapshots("deepstate")); n != 4 {
		t.Errorf("%d snapshots, want 4", n)
	}
	if n := e.reportCount("DeepState"); n != 4 {
		t.Errorf("%d reports, want 4", n)
	}
	gaps, _ = e.store.Gaps(ctx, "ds", 0)
	if len(gaps) != 1 || gaps[0].To == nil || !gaps[0].To.After(gaps[0].From) {
		t.Errorf("gap after recovery: %+v", gaps[0])
	}
	status, err := follow.Status(ctx, e.store, 5)
	if err != nil || len(status) != 1 || !status[0].Healthy || status[0].OpenGap != nil || len(status[0].Gaps) != 1 {
		t.Errorf("status %+v %v", status, err)
	}
}

// HTML instead of JSON, a body over the limit and a redirect loop fail the
// poll with the reason, without retries for the permanent ones.
func TestBadAnswers(t *testing.T) {
	e := newEnv(t)
	tr := follow.NewTracker(archiveVersions(t, 1))
	tr.Publish(1, e.clock.Now())
	fl := &faulty{h: tr}
	src := deepstateSource(serve(t, fl).URL)
	f := e.follower()
	for fault, want := range map[string]string{"html": "HTML where JSON", "redirect": "redirect", "500": "500"} {
		fl.set(fault)
		fl.hits = 0
		r := e.poll(f, src)
		if r.Outcome != "failed" || !strings.Contains(r.Error, want) {
			t.Errorf("%s: %+v, want an error naming %q", fault, r, want)
		}
		wantHits := 1
		switch fault {
		case "500":
			wantHits = 3 // two retries
		case "redirect":
			wantHits = 5
		}
		if fl.hits != wantHits {
			t.Errorf("%s: %d requests, want %d", fault, fl.hits, wantHits)
		}
	}
	// A body over the limit: the map of one version is ~350 kB.
	fl.set("")
	f.MaxBody = 100 << 10
	r := e.poll(f, src)
	if r.Outcome != "failed" || !strings.Contains(r.Error, "limit") {
		t.Errorf("huge body: %+v", r)
	}
	if n := len(e.snapshots("deepstate")); n != 0 {
		t.Errorf("%d snapshots after bad answers, want 0", n)
	}
}

// The same map republished under a new id is one snapshot (the note is
// still a report); a version list that shrinks loses nothing.
func TestSameMapNewIDAndShrinkingList(t *testing.T) {
	e := newEnv(t)
	vs := archiveVersions(t, 2)
	// The first map comes wrapped as {"id": …, "map": {…}}.
	vs[0].GeoJSON = append(append([]byte(fmt.Sprintf(`{"id":%d,"map":`, vs[0].ID)), vs[0].GeoJSON...), '}')
	same := vs[1]
	same.ID, same.CreatedAt, same.Meta = vs[1].ID+3600, vs[1].CreatedAt.Add(time.Hour), nil
	same.GeoJSON = vs[1].GeoJSON
	tr := follow.NewTracker(append(vs, same))
	src := deepstateSource(serve(t, tr).URL)
	f := e.follower()
	tr.Publish(3, e.clock.Now())
	r := e.poll(f, src)
	if len(r.Snapshots) != 2 || len(r.Skipped) != 1 || !strings.Contains(r.Skipped[0], "same map") {
		t.Fatalf("%+v: want 2 snapshots and the third version skipped as the same map", r)
	}
	// A tracker that lists fewer versions now.
	shrunk := follow.NewTracker(vs[:1])
	shrunk.Publish(1, e.clock.Now())
	src2 := *src
	src2.URL = serve(t, shrunk).URL
	r = e.poll(f, &src2)
	if r.Outcome == "failed" || len(r.Snapshots) != 0 || len(r.Skipped) == 0 || !strings.Contains(r.Skipped[0], "shrank") {
		t.Fatalf("shrunk list: %+v", r)
	}
	if n := len(e.snapshots("deepstate")); n != 2 {
		t.Errorf("%d snapshots, want 2", n)
	}
}

// A follower killed in the middle of a poll (its context cancelled right
// after the first of three versions is stored) and restarted imports the
// other two, and the first not again.
func TestKilledMidPollResumes(t *testing.T) {
	e := newEnv(t)
	vs := archiveVersions(t, 3)
	tr := follow.NewTracker(vs)
	tr.Publish(3, e.clock.Now())
	src := deepstateSource(serve(t, tr).URL)
	f := e.follower()
	ctx, kill := context.WithCancel(context.Background())
	f.OnSnapshot = func(context.Context, *frontline.SourceConfig, *frontline.ImportResult) { kill() }
	if _, err := f.Poll(ctx, src); err == nil {
		t.Fatal("a killed poll reported no error")
	}
	if n := len(e.snapshots("deepstate")); n != 1 {
		t.Fatalf("%d snapshots when killed, want 1", n)
	}
	e.open()
	r := e.poll(e.follower(), src)
	if len(r.Snapshots) != 2 {
		t.Fatalf("after restart: %+v, want the 2 versions not yet imported", r)
	}
	if n := len(e.snapshots("deepstate")); n != 3 {
		t.Errorf("%d snapshots, want 3", n)
	}
	if n := e.reportCount("DeepState"); n != 3 {
		t.Errorf("%d reports, want 3", n)
	}
}

// A source with a certificate nobody signed is refused and recorded, not
// read.
func TestInvalidTLSRefused(t *testing.T) {
	e := newEnv(t)
	tr := follow.NewTracker(archiveVersions(t, 1))
	tr.Publish(1, e.clock.Now())
	srv := httptest.NewUnstartedServer(tr)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	defer srv.Close()
	src := deepstateSource(srv.URL)
	before := e.clock.Now()
	r := e.poll(e.follower(), src)
	if r.Outcome != "failed" || !strings.Contains(r.Error, "refused") || !strings.Contains(r.Error, "certificate") {
		t.Fatalf("%+v, want a refused certificate", r)
	}
	if waited := e.clock.Now().Sub(before); waited != 0 {
		t.Errorf("the follower waited %s to retry a certificate error", waited)
	}
	if tr.Requests["list"] != 0 {
		t.Errorf("the list was served %d times over untrusted TLS", tr.Requests["list"])
	}
}

// Run on simulated time: each source is polled at its own interval, a
// failing one less often (its interval doubling per failure), and a
// restarted Run waits for the interval after the stored last poll.
func TestRunIntervalsAndBackoff(t *testing.T) {
	e := newEnv(t)
	tr := follow.NewTracker(archiveVersions(t, 1))
	tr.Publish(1, e.clock.Now())
	good := serve(t, tr)
	bad := serve(t, &faulty{fault: "500"})
	mk := func(name, url string, every time.Duration) frontline.SourceConfig {
		s := frontline.SourceConfig{Name: name, Kind: frontline.SourceDeepState, URL: url, Layer: "deepstate", Every: frontline.Duration{Duration: every}}
		if err := s.Validate(false); err != nil {
			t.Fatal(err)
		}
		return s
	}
	sources := []frontline.SourceConfig{mk("fast", good.URL, time.Minute), mk("slow", good.URL, 5*time.Minute), mk("down", bad.URL, time.Minute), mk("eager", good.URL, time.Second)}
	if sources[3].Every.Duration != time.Minute {
		t.Fatalf("an interval of 1s became %s, want the 1-minute minimum", sources[3].Every)
	}
	runFor := func(d time.Duration) map[string]int {
		f := e.follower()
		f.Retries = 0
		end := e.clock.Now().Add(d)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		f.Sleep = func(ctx context.Context, d time.Duration) error {
			if !e.clock.Now().Add(d).Before(end) {
				cancel()
				return context.Canceled
			}
			return e.clock.Sleep(ctx, d)
		}
		polls := map[string]int{}
		if err := f.Run(ctx, sources, func(r *follow.PollResult) { polls[r.Source]++ }); err != nil {
			t.Fatal(err)
		}
		return polls
	}
	polls := runFor(30 * time.Minute)
	// fast and eager: at 0, 1, …, 29 min; slow: 0, 5, …, 25; down: at 0, 1, 3, 7, 15, 23 (1, 2, 4, 8, 8 min apart).
	want := map[string]int{"fast": 30, "eager": 30, "slow": 6, "down": 6}
	for name, n := range want {
		if polls[name] != n {
			t.Errorf("%s polled %d times in 30 min, want %d (all: %v)", name, polls[name], n, polls)
		}
	}
	// Restarted 10 s after the last poll: nothing is due at once.
	e.clock.Sleep(context.Background(), 10*time.Second)
	polls = runFor(40 * time.Second)
	if len(polls) != 0 {
		t.Errorf("a restart polled at once: %v", polls)
	}
}
