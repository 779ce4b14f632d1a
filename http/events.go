package http

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
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

// StreamEvents documents the event stream: each event's data is the member
// named after the event.
type StreamEvents struct {
	Snapshot SnapshotEvent `json:"snapshot"`
	Report   ReportEvent   `json:"report"`
	Claims   ClaimsEvent   `json:"claims"`
	// Alert is a new alert a watch fired (package alert), with its figures
	// and links.
	Alert frontline.Alert `json:"alert"`
}

// streamEvent is one event to send: its name, its id (0: none) and data.
type streamEvent struct {
	name string
	id   int64
	data any
}

// broker finds new snapshots, reports and extractions by polling the
// stores — imports may come from another process writing the same
// database — and fans them out to the event streams. It polls only while
// someone listens.
type broker struct {
	s *Server

	mu   sync.Mutex
	subs map[chan streamEvent]struct{}
	seen int64 // highest snapshot ID announced or present; -1: unknown
	// seenReport and seenExtraction are the highest report and extraction
	// IDs announced or present; -1: unknown.
	seenReport, seenExtraction int64
	done                       chan struct{}
	closed                     bool
	wg                         sync.WaitGroup
}

func newBroker(s *Server) *broker {
	return &broker{s: s, subs: map[chan streamEvent]struct{}{}, seen: -1, seenReport: -1, seenExtraction: -1, done: make(chan struct{})}
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

// snapshots lists every version of every layer's snapshots, briefly.
func (b *broker) snapshots(ctx context.Context) ([]*frontline.Snapshot, error) {
	layers, err := b.s.LayerService.FindLayers(ctx)
	if err != nil {
		return nil, err
	}
	var out []*frontline.Snapshot
	for _, l := range layers {
		snaps, err := b.s.LayerService.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: l.Name, AllVersions: true, Brief: true})
		if err != nil {
			return nil, err
		}
		out = append(out, snaps...)
	}
	return out, nil
}

// baseline sets seen to the newest snapshot present, and the report and
// extraction marks to the newest present; b.mu is held.
func (b *broker) baseline(ctx context.Context) error {
	snaps, err := b.snapshots(ctx)
	if err != nil {
		return err
	}
	b.seen = 0
	for _, sn := range snaps {
		b.seen = max(b.seen, sn.ID)
	}
	if b.s.Claims != nil {
		a, err := b.s.Claims.Activity(ctx, -1, -1, 0)
		if err != nil {
			return err
		}
		b.seenReport, b.seenExtraction = a.LastReportID, a.LastExtractionID
	}
	return nil
}

// send fans an event out; b.mu is held.
func (b *broker) send(ev streamEvent) {
	for ch := range b.subs {
		select {
		case ch <- ev:
		default:
			// A stream that cannot keep up is ended; the client
			// reconnects.
			delete(b.subs, ch)
			close(ch)
		}
	}
}

// publish fans an event out at once (an alert from the engine in this
// process), to the streams open now.
func (b *broker) publish(ev streamEvent) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	b.send(ev)
}

// pollReports announces reports and extractions stored since the last
// poll; b.mu is held.
func (b *broker) pollReports(ctx context.Context) {
	if b.s.Claims == nil || b.seenReport < 0 {
		return
	}
	a, err := b.s.Claims.Activity(ctx, b.seenReport, b.seenExtraction, 1000)
	if err != nil {
		b.logf("events: %v", err)
		return
	}
	for _, r := range a.Reports {
		b.send(streamEvent{name: "report", data: r})
	}
	for _, x := range a.Extractions {
		b.send(streamEvent{name: "claims", data: x})
	}
	b.seenReport, b.seenExtraction = a.LastReportID, a.LastExtractionID
}

func (b *broker) poll() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.subs) == 0 || b.closed {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if b.seen < 0 {
		if err := b.baseline(ctx); err != nil {
			b.logf("events: %v", err)
		}
		return
	}
	defer b.pollReports(ctx)
	snaps, err := b.snapshots(ctx)
	if err != nil {
		b.logf("events: %v", err)
		return
	}
	var fresh []*frontline.Snapshot
	for _, sn := range snaps {
		if sn.ID > b.seen {
			fresh = append(fresh, sn)
		}
	}
	// Snapshot IDs grow with each stored snapshot: announce in that order.
	for len(fresh) > 0 {
		min := 0
		for i, sn := range fresh {
			if sn.ID < fresh[min].ID {
				min = i
			}
		}
		sn := fresh[min]
		fresh = append(fresh[:min], fresh[min+1:]...)
		b.seen = sn.ID
		b.send(streamEvent{name: "snapshot", id: sn.ID, data: SnapshotEvent{Layer: sn.Layer, SnapshotID: sn.ID, ValidAt: sn.ValidAt, RecordedAt: sn.RecordedAt}})
	}
}

func (b *broker) logf(format string, args ...any) {
	if b.s.Logger != nil {
		b.s.Logger.Printf(format, args...)
	}
}

// subscribe registers a stream. The first stream takes the baseline at
// once, so that a snapshot stored right after subscribing is announced.
func (b *broker) subscribe(ctx context.Context) (chan streamEvent, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "the server is shutting down")
	}
	if b.seen < 0 {
		if err := b.baseline(ctx); err != nil {
			return nil, err
		}
	}
	ch := make(chan streamEvent, 64)
	b.subs[ch] = struct{}{}
	return ch, nil
}

func (b *broker) unsubscribe(ch chan streamEvent) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.subs[ch]; ok {
		delete(b.subs, ch)
		close(ch)
	}
	if len(b.subs) == 0 {
		// Nobody listens: the next stream takes a new baseline.
		b.seen, b.seenReport, b.seenExtraction = -1, -1, -1
	}
}

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	ch, err := s.events.subscribe(r.Context())
	if err != nil {
		writeError(w, r, err, "")
		return
	}
	defer s.events.unsubscribe(ch)
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 5000\n: connected\n\n")
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
		select {
		case <-r.Context().Done():
			return
		case <-s.events.done:
			return
		case <-t.C:
			if _, err := fmt.Fprint(w, ": heartbeat\n\n"); err != nil {
				return
			}
		case ev, ok := <-ch:
			if !ok {
				return
			}
			data, _ := json.Marshal(ev.data)
			if ev.id > 0 {
				if _, err := fmt.Fprintf(w, "id: %d\n", ev.id); err != nil {
					return
				}
			}
			if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, data); err != nil {
				return
			}
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}
