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

// broker finds new snapshots by polling the store — imports may come from
// another process writing the same database — and fans them out to the
// event streams. It polls only while someone listens.
type broker struct {
	s *Server

	mu     sync.Mutex
	subs   map[chan SnapshotEvent]struct{}
	seen   int64 // highest snapshot ID announced or present; -1: unknown
	done   chan struct{}
	closed bool
	wg     sync.WaitGroup
}

func newBroker(s *Server) *broker {
	return &broker{s: s, subs: map[chan SnapshotEvent]struct{}{}, seen: -1, done: make(chan struct{})}
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

// baseline sets seen to the newest snapshot present; b.mu is held.
func (b *broker) baseline(ctx context.Context) error {
	snaps, err := b.snapshots(ctx)
	if err != nil {
		return err
	}
	b.seen = 0
	for _, sn := range snaps {
		b.seen = max(b.seen, sn.ID)
	}
	return nil
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
		ev := SnapshotEvent{Layer: sn.Layer, SnapshotID: sn.ID, ValidAt: sn.ValidAt, RecordedAt: sn.RecordedAt}
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
}

func (b *broker) logf(format string, args ...any) {
	if b.s.Logger != nil {
		b.s.Logger.Printf(format, args...)
	}
}

// subscribe registers a stream. The first stream takes the baseline at
// once, so that a snapshot stored right after subscribing is announced.
func (b *broker) subscribe(ctx context.Context) (chan SnapshotEvent, error) {
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
	ch := make(chan SnapshotEvent, 64)
	b.subs[ch] = struct{}{}
	return ch, nil
}

func (b *broker) unsubscribe(ch chan SnapshotEvent) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.subs[ch]; ok {
		delete(b.subs, ch)
		close(ch)
	}
	if len(b.subs) == 0 {
		b.seen = -1 // nobody listens: the next stream takes a new baseline
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
			data, _ := json.Marshal(ev)
			if _, err := fmt.Fprintf(w, "id: %d\nevent: snapshot\ndata: %s\n\n", ev.SnapshotID, data); err != nil {
				return
			}
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}
