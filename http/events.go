package http

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/frontline-osint/frontline"
)

// SnapshotEvent announces a new snapshot (a new map or a correction).
type SnapshotEvent struct {
	Layer      string    `json:"layer"`
	SnapshotID int64     `json:"snapshot_id"`
	ValidAt    time.Time `json:"valid_at"`
	RecordedAt time.Time `json:"recorded_at"`
}

// ReportEvent announces a newly stored report (`event: report`).
type ReportEvent = frontline.ReportEvent

// ClaimsEvent announces a report's new extraction (`event: claims`): how
// many claims it found and about which places.
type ClaimsEvent = frontline.ExtractionEvent

// ResyncEvent tells a client that it missed events the server no longer
// keeps (`event: resync`): it should read again what it shows.
type ResyncEvent struct {
	Reason string `json:"reason"`
}

// StreamEvents documents the event stream: each event's data is the member
// named after the event.
type StreamEvents struct {
	Snapshot SnapshotEvent `json:"snapshot"`
	Report   ReportEvent   `json:"report"`
	Claims   ClaimsEvent   `json:"claims"`
	Resync   ResyncEvent   `json:"resync"`
	Change   ChangeEvent   `json:"change"`
	// Alert is a new alert a watch fired (package alert), with its figures
	// and links.
	Alert frontline.Alert `json:"alert"`
}

// EventSource finds events of its kinds by polling what is stored (imports
// may come from another process writing the same database). The stream
// polls its sources only while someone listens, or listened recently.
type EventSource interface {
	// Baseline notes what is stored now: later polls announce only what
	// is stored after it.
	Baseline(ctx context.Context) error
	// Poll calls emit, in order, for each event stored since the baseline
	// or the last poll. data is marshalled as JSON.
	Poll(ctx context.Context, emit func(name string, data any)) error
}

// AddEventSource adds a source of events to the stream (/api/v1/events).
// Call it before Open.
func (s *Server) AddEventSource(src EventSource) {
	s.events.mu.Lock()
	defer s.events.mu.Unlock()
	s.events.sources = append(s.events.sources, src)
	s.events.baselined = false
}

// PublishEvent announces an event to every stream at once, and keeps it in
// the replay window for clients that reconnect.
func (s *Server) PublishEvent(name string, data any) {
	s.events.mu.Lock()
	defer s.events.mu.Unlock()
	s.events.emit(name, data)
}

const (
	// defaultEventReplay is how many events the stream keeps for clients
	// that reconnect with Last-Event-ID.
	defaultEventReplay = 4096
	// eventKeep is how long the stream goes on polling (and keeping its
	// replay window) after the last client has gone.
	eventKeep = 10 * time.Minute
	// eventWriteTimeout bounds each write to a stream: a client that reads
	// nothing for that long is disconnected (and resumes with
	// Last-Event-ID).
	eventWriteTimeout = 30 * time.Second
)

// bufferedEvent is an event in the replay window, its data marshalled.
type bufferedEvent struct {
	id   int64
	name string
	data []byte
}

// broker polls the event sources and keeps the latest events in a replay
// window; each stream reads the window from its own position, so a slow
// stream never makes another lose events, and a stream that falls out of
// the window is told so (`event: resync`).
//
// Event IDs grow by one per event and start, in each process and after
// each idle period, at the time in microseconds: a Last-Event-ID from
// before a restart or a gap is older than the window and gets a resync.
type broker struct {
	s *Server

	mu        sync.Mutex
	sources   []EventSource
	baselined bool
	listeners int
	lastLeft  time.Time // when the last stream ended (listeners == 0)

	// The window holds the events with IDs in (floor, last].
	floor, last int64
	window      []bufferedEvent
	wake        chan struct{} // closed (and replaced) when an event arrives

	done   chan struct{}
	closed bool
	wg     sync.WaitGroup
}

func newBroker(s *Server) *broker {
	b := &broker{s: s, wake: make(chan struct{}), done: make(chan struct{})}
	b.sources = []EventSource{&snapshotSource{s: s}, &reportSource{s: s}}
	b.reset()
	return b
}

// reset empties the window and starts IDs afresh; b.mu is held or b is new.
func (b *broker) reset() {
	start := time.Now().UnixMicro()
	if start <= b.last {
		start = b.last + 1
	}
	b.floor, b.last, b.window, b.baselined = start, start, nil, false
}

func (b *broker) capacity() int {
	if b.s.EventReplay > 0 {
		return b.s.EventReplay
	}
	return defaultEventReplay
}

func (b *broker) interval() time.Duration {
	if b.s.EventPollInterval > 0 {
		return b.s.EventPollInterval
	}
	return 2 * time.Second
}

func (b *broker) start() {
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		t := time.NewTicker(b.interval())
		defer t.Stop()
		for {
			select {
			case <-b.done:
				return
			case <-t.C:
				b.poll()
			}
		}
	}()
}

// stop ends the poller and every stream.
func (b *broker) stop() {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return
	}
	b.closed = true
	close(b.done)
	b.mu.Unlock()
	b.wg.Wait()
}

// emit adds an event to the window and wakes the streams; b.mu is held.
func (b *broker) emit(name string, data any) {
	body, err := json.Marshal(data)
	if err != nil {
		b.logf("events: %s: %v", name, err)
		return
	}
	b.last++
	b.window = append(b.window, bufferedEvent{id: b.last, name: name, data: body})
	// Evict in batches (the window may hold an eighth more than its
	// capacity) so that each event is not a copy of the whole window.
	if c := b.capacity(); len(b.window) > c+c/8 {
		n := len(b.window) - c
		b.floor = b.window[n-1].id
		b.window = append(b.window[:0:0], b.window[n:]...)
	}
	close(b.wake)
	b.wake = make(chan struct{})
}

// baseline notes what every source has stored now; b.mu is held.
func (b *broker) baseline(ctx context.Context) error {
	for _, src := range b.sources {
		if err := src.Baseline(ctx); err != nil {
			return err
		}
	}
	b.baselined = true
	return nil
}

func (b *broker) poll() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	if b.listeners == 0 {
		if !b.baselined {
			return
		}
		if time.Since(b.lastLeft) >= eventKeep {
			// Nobody listened for a while: stop polling; the next stream
			// takes a new baseline and older IDs get a resync.
			b.reset()
			return
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if !b.baselined {
		if err := b.baseline(ctx); err != nil {
			b.logf("events: %v", err)
		}
		return
	}
	for _, src := range b.sources {
		if err := src.Poll(ctx, b.emit); err != nil {
			b.logf("events: %v", err)
		}
	}
}

func (b *broker) logf(format string, args ...any) {
	if b.s.Logger != nil {
		b.s.Logger.Printf(format, args...)
	}
}

// subscribe registers a stream and returns the ID it reads after: the
// client's Last-Event-ID if the window still holds what followed it, else
// the newest (resync true when the client had asked for older events). The
// first stream takes the baseline at once, so that a snapshot stored right
// after subscribing is announced.
func (b *broker) subscribe(ctx context.Context, lastEventID string) (cursor int64, resync bool, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return 0, false, frontline.Errorf(frontline.ENOTFOUND, "the server is shutting down")
	}
	if !b.baselined {
		if err := b.baseline(ctx); err != nil {
			return 0, false, err
		}
	}
	b.listeners++
	cursor = b.last
	if lastEventID = strings.TrimSpace(lastEventID); lastEventID != "" {
		id, err := strconv.ParseInt(lastEventID, 10, 64)
		if err == nil && id >= b.floor && id <= b.last {
			cursor = id
		} else {
			resync = true
		}
	}
	return cursor, resync, nil
}

func (b *broker) unsubscribe() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.listeners--
	if b.listeners == 0 {
		b.lastLeft = time.Now()
	}
}

// next returns the events after cursor (at most 256), whether the window
// has moved past cursor (the stream missed events: the returned cursor is
// then the newest ID), and a channel closed when more events arrive.
func (b *broker) next(cursor int64) (evs []bufferedEvent, newCursor int64, missed bool, wake <-chan struct{}) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if cursor < b.floor || cursor > b.last {
		return nil, b.last, true, b.wake
	}
	// IDs in the window are consecutive: the event after cursor is at
	// index cursor-floor.
	i := int(cursor - b.floor)
	evs = b.window[i:min(len(b.window), i+256)]
	if len(evs) > 0 {
		cursor = evs[len(evs)-1].id
	}
	return evs, cursor, false, b.wake
}

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	cursor, resync, err := s.events.subscribe(r.Context(), r.Header.Get("Last-Event-ID"))
	if err != nil {
		writeError(w, r, err, "")
		return
	}
	defer s.events.unsubscribe()
	rc := http.NewResponseController(w)
	// Each write has its own deadline: the server's write timeout does
	// not end a stream that is open for hours.
	write := func(format string, args ...any) bool {
		if err := rc.SetWriteDeadline(time.Now().Add(eventWriteTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return false
		}
		_, err := fmt.Fprintf(w, format, args...)
		return err == nil
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	// The id line sets the client's last event ID before any event.
	if !write("retry: 5000\nid: %d\n: connected\n\n", cursor) {
		return
	}
	if resync && !write("id: %d\nevent: resync\ndata: {\"reason\":\"the events after Last-Event-ID are no longer kept: read again\"}\n\n", cursor) {
		return
	}
	if err := rc.Flush(); err != nil {
		return
	}
	heartbeat := s.EventHeartbeat
	if heartbeat <= 0 {
		heartbeat = 15 * time.Second
	}
	t := time.NewTicker(heartbeat)
	defer t.Stop()
	for {
		evs, next, missed, wake := s.events.next(cursor)
		cursor = next
		if missed {
			// This stream fell out of the window: say so rather than
			// skip events silently.
			if !write("id: %d\nevent: resync\ndata: {\"reason\":\"this stream fell behind and missed events: read again\"}\n\n", cursor) {
				return
			}
		}
		for _, ev := range evs {
			if !write("id: %d\nevent: %s\ndata: %s\n\n", ev.id, ev.name, ev.data) {
				return
			}
		}
		if missed || len(evs) > 0 {
			if err := rc.Flush(); err != nil {
				return
			}
			continue
		}
		select {
		case <-r.Context().Done():
			return
		case <-s.events.done:
			return
		case <-wake:
		case <-t.C:
			if !write(": heartbeat\n\n") {
				return
			}
			if err := rc.Flush(); err != nil {
				return
			}
		}
	}
}

// snapshotSource announces new snapshots (`event: snapshot`).
type snapshotSource struct {
	s    *Server
	seen int64 // highest snapshot ID announced or present
}

// snapshots lists every version of every layer's snapshots, briefly.
func (src *snapshotSource) snapshots(ctx context.Context) ([]*frontline.Snapshot, error) {
	if src.s.LayerService == nil {
		return nil, nil
	}
	layers, err := src.s.LayerService.FindLayers(ctx)
	if err != nil {
		return nil, err
	}
	var out []*frontline.Snapshot
	for _, l := range layers {
		snaps, err := src.s.LayerService.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: l.Name, AllVersions: true, Brief: true})
		if err != nil {
			return nil, err
		}
		out = append(out, snaps...)
	}
	return out, nil
}

func (src *snapshotSource) Baseline(ctx context.Context) error {
	snaps, err := src.snapshots(ctx)
	if err != nil {
		return err
	}
	src.seen = 0
	for _, sn := range snaps {
		src.seen = max(src.seen, sn.ID)
	}
	return nil
}

func (src *snapshotSource) Poll(ctx context.Context, emit func(string, any)) error {
	snaps, err := src.snapshots(ctx)
	if err != nil {
		return err
	}
	var fresh []*frontline.Snapshot
	for _, sn := range snaps {
		if sn.ID > src.seen {
			fresh = append(fresh, sn)
		}
	}
	// Snapshot IDs grow with each stored snapshot: announce in that order.
	for len(fresh) > 0 {
		m := 0
		for i, sn := range fresh {
			if sn.ID < fresh[m].ID {
				m = i
			}
		}
		sn := fresh[m]
		fresh = append(fresh[:m], fresh[m+1:]...)
		src.seen = sn.ID
		emit("snapshot", SnapshotEvent{Layer: sn.Layer, SnapshotID: sn.ID, ValidAt: sn.ValidAt, RecordedAt: sn.RecordedAt})
	}
	return nil
}

// reportSource announces stored reports (`event: report`) and extractions
// (`event: claims`).
type reportSource struct {
	s *Server
	// seenReport and seenExtraction are the highest report and extraction
	// IDs announced or present; -1: no baseline.
	seenReport, seenExtraction int64
}

func (src *reportSource) Baseline(ctx context.Context) error {
	src.seenReport, src.seenExtraction = -1, -1
	if src.s.Claims == nil {
		return nil
	}
	a, err := src.s.Claims.Activity(ctx, -1, -1, 0)
	if err != nil {
		return err
	}
	src.seenReport, src.seenExtraction = a.LastReportID, a.LastExtractionID
	return nil
}

func (src *reportSource) Poll(ctx context.Context, emit func(string, any)) error {
	if src.s.Claims == nil || src.seenReport < 0 {
		return nil
	}
	a, err := src.s.Claims.Activity(ctx, src.seenReport, src.seenExtraction, 1000)
	if err != nil {
		return err
	}
	for _, r := range a.Reports {
		emit("report", r)
	}
	for _, x := range a.Extractions {
		emit("claims", x)
	}
	src.seenReport, src.seenExtraction = a.LastReportID, a.LastExtractionID
	return nil
}
