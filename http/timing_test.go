package http_test

import (
	"strings"
	"testing"

	fhttp "github.com/frontline-osint/frontline/http"
)

// TestRouteLog: with RouteLog set, every request gets a line with its
// start, the server's time on it, its status, its route's method and
// pattern, and its URL; a path no route matches says "- -".
func TestRouteLog(t *testing.T) {
	svc, _ := newLayerService(t)
	var lines syncLog
	s := fhttp.NewServer()
	s.Addr, s.LayerService, s.RouteLog = "127.0.0.1:0", svc, &lines
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	fetch(t, s.URL()+"/api/v1/layers")
	fetch(t, s.URL()+"/api/v1/layers/nope/area?at=2022-09-13")
	s.Close()

	got := strings.Split(strings.TrimSpace(lines.String()), "\n")
	want := [][3]string{
		{"200", "GET /api/v1/layers", "/api/v1/layers"},
		{"404", "GET /api/v1/layers/{layer}/area", "/api/v1/layers/nope/area?at=2022-09-13"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(got), len(want), lines.String())
	}
	for i, w := range want {
		f := strings.Fields(got[i])
		if len(f) != 6 || f[2] != w[0] || f[3]+" "+f[4] != w[1] || f[5] != w[2] {
			t.Errorf("line %d: %q, want status %s, route %q, URL %s", i, got[i], w[0], w[1], w[2])
		}
		if len(f) > 1 && (f[0] == "0" || strings.HasPrefix(f[1], "-")) {
			t.Errorf("line %d: %q: no start time or a negative duration", i, got[i])
		}
	}
}
