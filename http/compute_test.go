package http

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestComputeSlot: with one slot taken, a request waits; one whose client
// goes away while waiting is answered 503 and takes no slot; once the slot
// is released the next request gets it.
func TestComputeSlot(t *testing.T) {
	s := &Server{Computations: 1}
	r := httptest.NewRequest("GET", "/api/v1/layers/deepstate/change", nil)
	release, ok := s.computeSlot(httptest.NewRecorder(), r)
	if !ok {
		t.Fatal("the first request got no slot")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := httptest.NewRecorder()
	if _, ok := s.computeSlot(w, r.WithContext(ctx)); ok {
		t.Fatal("a request got a slot while the only one was taken")
	}
	if w.Code != http.StatusServiceUnavailable {
		t.Errorf("a request whose client went away while waiting: %d, want 503", w.Code)
	}
	got := make(chan func())
	go func() {
		rel, ok := s.computeSlot(httptest.NewRecorder(), r)
		if !ok {
			rel = nil
		}
		got <- rel
	}()
	release()
	if rel := <-got; rel == nil {
		t.Fatal("a waiting request got no slot after the release")
	} else {
		rel()
	}
	if len(s.compute) != 0 {
		t.Errorf("%d slots still taken", len(s.compute))
	}
}
