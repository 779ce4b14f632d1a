package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
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
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- m.Run(ctx, []string{"serve", "--replay", "--replay-every", "150ms", "--alert-interval", "1s", "--db", db, "--addr", "127.0.0.1:0"})
	}()
	defer func() {
		cancel()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop")
		}
	}()
	re := regexp.MustCompile(`serving (http://\S+)`)
	var url string
	var balakliia []string
	for deadline := time.Now().Add(300 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		select {
		case err := <-done:
			t.Fatalf("serve exited: %v\n%s", err, stderr.String())
		default:
		}
		if url == "" {
			if m := re.FindStringSubmatch(stderr.String()); m != nil {
				url = m[1]
			}
			continue
		}
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
	if url == "" {
		t.Fatalf("serve did not start:\n%s", stderr.String())
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
