package http_test

import (
	"bytes"
	"encoding/json"
	"log"
	"strings"
	"sync"
	"testing"

	fhttp "github.com/frontline-osint/frontline/http"
)

// TestInternalErrorLogged: a server error (here a store that has gone) is
// logged with the request's ID, which the response carries in X-Request-ID
// and in its body; client errors are not logged.
func TestInternalErrorLogged(t *testing.T) {
	svc, db := newLayerService(t)
	var logs syncLog
	s := fhttp.NewServer()
	s.Addr, s.LayerService, s.Logger = "127.0.0.1:0", svc, log.New(&logs, "", 0)
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	if resp, _ := fetch(t, s.URL()+"/api/v1/layers/nope"); resp.StatusCode != 404 || resp.Header.Get("X-Request-ID") == "" {
		t.Fatalf("unknown layer: %d, X-Request-ID %q", resp.StatusCode, resp.Header.Get("X-Request-ID"))
	}
	if logs.String() != "" {
		t.Errorf("a 404 was logged: %s", logs.String())
	}

	db.Close() // the store fails from now on
	resp, body := fetch(t, s.URL()+"/api/v1/layers")
	id := resp.Header.Get("X-Request-ID")
	var e fhttp.ErrorResponse
	json.Unmarshal(body, &e)
	if resp.StatusCode != 500 || id == "" || e.Error.RequestID != id {
		t.Fatalf("with the store closed: %d, X-Request-ID %q, body %s", resp.StatusCode, id, body)
	}
	if l := logs.String(); !strings.Contains(l, "request "+id+": GET /api/v1/layers: 500: ") {
		t.Errorf("log: %q, want the request %s and its error", l, id)
	}
}

// syncLog is a log destination safe for the server's goroutines.
type syncLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncLog) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncLog) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
