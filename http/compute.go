package http

import (
	"net/http"
	"runtime"

	"github.com/frontline-osint/frontline"
)

// computeSlot waits for one of the server's computation slots: at most
// Computations answers that may compute geometry (change, series) run at
// once, the others wait their turn. On two cores a tenth uncached change
// adds latency to every one under way and holds its overlays' memory
// meanwhile; waiting costs nothing. It returns the release function, or
// false (having answered 503) when the client went away while waiting.
func (s *Server) computeSlot(w http.ResponseWriter, r *http.Request) (func(), bool) {
	s.computeOnce.Do(func() {
		n := s.Computations
		if n <= 0 {
			n = 2 * runtime.GOMAXPROCS(0)
		}
		s.compute = make(chan struct{}, n)
	})
	select {
	case s.compute <- struct{}{}:
		return func() { <-s.compute }, true
	case <-r.Context().Done():
		writeErrorStatus(w, r, http.StatusServiceUnavailable,
			frontline.Errorf(frontline.EINTERNAL, "the request ended while it waited for the server to be free"), "")
		return nil, false
	}
}
