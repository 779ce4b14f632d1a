package http

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// routeTimes writes one line per request to Server.RouteLog: when it
// started (Unix ms), how long the server spent on it from ServeHTTP's
// first line to its last byte handed to the connection (µs), the status,
// the route's method and pattern, and the URL. It is for finding which requests make a
// benchmark's tail (bench/api/run.sh with ROUTES=1); nothing reads it back.
type routeTimes struct {
	mu sync.Mutex
	w  io.Writer
}

func (t *routeTimes) record(start time.Time, status int, r *http.Request) {
	d := time.Since(start)
	if status == 0 {
		status = http.StatusOK // nothing written: net/http sends 200
	}
	// A pattern is "METHOD /path" (every route here names its method);
	// "- -" when no route matched.
	pattern := r.Pattern
	if pattern == "" {
		pattern = "- -"
	} else if !strings.Contains(pattern, " ") {
		pattern = "- " + pattern
	}
	t.mu.Lock()
	fmt.Fprintf(t.w, "%d %d %d %s %s\n", start.UnixMilli(), d.Microseconds(), status, pattern, r.URL.RequestURI())
	t.mu.Unlock()
}
