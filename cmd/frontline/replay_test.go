package main

import (
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeReplay: `serve --replay` on a fresh store replays the bundled
// window as the tracker's API, the follower imports it, and the watches
// the replay adds fire: Balakliia changing hands, as the maps of 7 and 8
// September 2022 show it, listed by the API.
func TestServeReplay(t *testing.T) {
	if testing.Short() {
		t.Skip("replays the demo window")
	}
	db := filepath.Join(t.TempDir(), "replay.db")
	var stderr syncBuffer
	m := NewMain()
	m.Stdout, m.Stderr = io.Discard, &stderr
	m.Getenv = func(string) string { return "" }
	url := startServeMain(t, m, &stderr, "serve", "--replay", "--replay-every", "150ms", "--alert-interval", "1s", "--db", db, "--addr", "127.0.0.1:0")
	// The replay and the alerts after it: bounded, as the start is, by
	// CPU time and the test's deadline, not by a wall clock that a loaded
	// machine passes while the server works.
	bounds := serveBounds(t)
	cpu0 := processCPU()
	var balakliia []string
	for {
		if used := processCPU() - cpu0; used > bounds.cpu || !bounds.deadline.IsZero() && time.Now().After(bounds.deadline) {
			t.Fatalf("no Balakliia alerts after %s of CPU time (at most %s, until %s): %q\n%s", used.Round(time.Millisecond), bounds.cpu, bounds.deadline.Format(time.TimeOnly), balakliia, stderr.String())
		}
		time.Sleep(500 * time.Millisecond)
		resp, err := http.Get(url + "/api/v1/alerts")
		if err != nil {
			t.Fatal(err)
		}
		var res struct {
			Alerts []struct {
				Kind, Title, Day string
			}
		}
		err = json.NewDecoder(resp.Body).Decode(&res)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		balakliia = balakliia[:0]
		for _, a := range res.Alerts {
			if a.Kind == "status" && strings.HasPrefix(a.Title, "Balakliia") {
				balakliia = append(balakliia, a.Day+" "+a.Title)
			}
		}
		if len(balakliia) >= 2 {
			break
		}
	}
	if strings.Join(balakliia, "; ") != "2022-09-08 Balakliia: contested → ukraine; 2022-09-07 Balakliia: russia → contested" {
		t.Fatalf("Balakliia alerts %q\n%s", balakliia, stderr.String())
	}
	// The replayed tracker is a followed source, healthy.
	resp, err := http.Get(url + "/api/v1/sources/status")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(b), `"kind":"deepstate"`) {
		t.Errorf("sources/status: %s", b)
	}
}
