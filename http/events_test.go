package http_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	fhttp "github.com/frontline-osint/frontline/http"
)

// sseEvent is one event read from a stream.
type sseEvent struct {
	id, name, data string
}

// sseStream reads a stream's events; id is the last ID the stream set
// (as a browser's EventSource keeps it), comment lines go to comments.
type sseStream struct {
	events   chan sseEvent
	comments chan string
	lastID   chan string // each id line, in order
	cancel   func()
}

// openStream connects to s's event stream, with lastEventID if not empty.
func openStream(t *testing.T, s *fhttp.Server, lastEventID string) *sseStream {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL()+"/api/v1/events", nil)
	if lastEventID != "" {
		req.Header.Set("Last-Event-ID", lastEventID)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		cancel()
		t.Fatalf("events: %d", resp.StatusCode)
	}
	st := &sseStream{events: make(chan sseEvent, 10000), comments: make(chan string, 10000), lastID: make(chan string, 10000), cancel: func() { cancel(); resp.Body.Close() }}
	t.Cleanup(st.cancel)
	go func() {
		defer close(st.events)
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			l := sc.Text()
			switch {
			case l == "":
				if ev.data != "" {
					st.events <- ev
				}
				ev = sseEvent{id: ev.id}
			case strings.HasPrefix(l, ":"):
				st.comments <- strings.TrimSpace(l[1:])
			case strings.HasPrefix(l, "id: "):
				ev.id = l[4:]
				st.lastID <- ev.id
			case strings.HasPrefix(l, "event: "):
				ev.name = l[7:]
			case strings.HasPrefix(l, "data: "):
				ev.data = l[6:]
			}
		}
	}()
	return st
}

// next returns the stream's next event, failing after d.
func (st *sseStream) next(t *testing.T, d time.Duration) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-st.events:
		if !ok {
			t.Fatal("the stream ended")
		}
		return ev
	case <-time.After(d):
		t.Fatalf("no event within %s", d)
	}
	return sseEvent{}
}

// connectedID waits for the stream's greeting and returns the ID it set.
func (st *sseStream) connectedID(t *testing.T) string {
	t.Helper()
	select {
	case id := <-st.lastID:
		return id
	case <-time.After(10 * time.Second):
		t.Fatal("no id at connection")
	}
	return ""
}

// TestEventsBurst: a burst of far more events than a stream's old 64-event
// buffer reaches the client whole, in order, with consecutive IDs, and the
// stream stays open.
func TestEventsBurst(t *testing.T) {
	s := MustOpenServer(t)
	st := openStream(t, s, "")
	first, err := strconv.ParseInt(st.connectedID(t), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	const n = 1000
	for i := range n {
		s.PublishEvent("test", map[string]int{"n": i})
	}
	for i := range n {
		ev := st.next(t, 10*time.Second)
		var d struct{ N int }
		if err := json.Unmarshal([]byte(ev.data), &d); err != nil {
			t.Fatal(err)
		}
		if ev.name != "test" || d.N != i || ev.id != strconv.FormatInt(first+int64(i)+1, 10) {
			t.Fatalf("event %d: %+v (first id %d)", i, ev, first)
		}
	}
	// Still open: one more arrives.
	s.PublishEvent("test", map[string]int{"n": n})
	if ev := st.next(t, 5*time.Second); ev.data != fmt.Sprintf(`{"n":%d}`, n) {
		t.Fatalf("after the burst: %+v", ev)
	}
}

// TestEventsReplay: a client that reconnects with Last-Event-ID gets the
// snapshot stored (by another writer) while it was away.
func TestEventsReplay(t *testing.T) {
	s := MustOpenServer(t)
	watcher := openStream(t, s, "") // stays connected throughout
	watcher.connectedID(t)
	away := openStream(t, s, "")
	last := away.connectedID(t)
	away.cancel()

	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "data", "control", "deepstate", "daily-2022-08-20_2022-10-20", "2022-09-12T113805Z.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.LayerService.Import(context.Background(), frontline.ImportRequest{Layer: "deepstate", SourceName: "2022-09-12T113805Z.geojson", Data: data})
	if err != nil {
		t.Fatal(err)
	}
	// The watcher sees it live: the server has announced it.
	live := watcher.next(t, 10*time.Second)
	if live.name != "snapshot" {
		t.Fatalf("watcher: %+v", live)
	}

	back := openStream(t, s, last)
	ev := back.next(t, 5*time.Second)
	var sn fhttp.SnapshotEvent
	if err := json.Unmarshal([]byte(ev.data), &sn); err != nil {
		t.Fatal(err)
	}
	if ev.name != "snapshot" || ev.id != live.id || sn.SnapshotID != res.Snapshot.ID {
		t.Fatalf("replayed %+v, live %+v, snapshot %d", ev, live, res.Snapshot.ID)
	}
}

// TestEventsResync: a Last-Event-ID older than the replay window, or not
// one of this server's, gets `event: resync` rather than silence; one
// inside the window gets exactly what followed it.
func TestEventsResync(t *testing.T) {
	s := MustOpenServer(t)
	s.EventReplay = 10
	st := openStream(t, s, "")
	st.connectedID(t)
	var ids []string
	// One at a time: this stream reads each before the next (a stream
	// that falls out of the window gets a resync, as below).
	for i := range 30 {
		s.PublishEvent("test", map[string]int{"n": i})
		ids = append(ids, st.next(t, 5*time.Second).id)
	}

	for _, last := range []string{ids[0], "1", "not-a-number", "99999999999999999"} {
		ev := openStream(t, s, last).next(t, 5*time.Second)
		if ev.name != "resync" || ev.id != ids[29] {
			t.Errorf("Last-Event-ID %s: %+v, want resync with id %s", last, ev, ids[29])
		}
	}
	again := openStream(t, s, ids[25])
	for i := 26; i < 30; i++ {
		if ev := again.next(t, 5*time.Second); ev.id != ids[i] || ev.data != fmt.Sprintf(`{"n":%d}`, i) {
			t.Fatalf("after %s: %+v, want %s", ids[25], ev, ids[i])
		}
	}
}

// TestEventsOutliveWriteTimeout: a stream stays open longer than the
// server's write timeout (each write has its own deadline).
func TestEventsOutliveWriteTimeout(t *testing.T) {
	s := fhttp.NewServer()
	s.Addr, s.WriteTimeout, s.EventHeartbeat = "127.0.0.1:0", 300*time.Millisecond, 50*time.Millisecond
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st := openStream(t, s, "")
	st.connectedID(t)
	time.Sleep(time.Second)
	s.PublishEvent("test", 1)
	if ev := st.next(t, 5*time.Second); ev.data != "1" {
		t.Fatalf("%+v", ev)
	}
}

// TestIdleTimeout: an idle keep-alive connection is closed.
func TestIdleTimeout(t *testing.T) {
	s := fhttp.NewServer()
	s.Addr, s.IdleTimeout = "127.0.0.1:0", 200*time.Millisecond
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprint(conn, "GET /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n")
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	start := time.Now()
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := br.ReadByte(); err != io.EOF {
		t.Fatalf("idle connection: %v after %s, want EOF", err, time.Since(start))
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("closed after %s", d)
	}
}
