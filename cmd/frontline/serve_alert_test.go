package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/alert"
)

// TestServeAlerts: `serve` with a webhook and a short evaluation interval;
// a watch POSTed to the API fires over the stored maps, and the alert
// arrives on the event stream and, signed, at the webhook.
func TestServeAlerts(t *testing.T) {
	db := demoLayerDB(t)
	hooks := make(chan alert.WebhookBody, 10)
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !alert.Verify("hook-secret", body, r.Header.Get(alert.SignatureHeader)) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		var b alert.WebhookBody
		json.Unmarshal(body, &b)
		hooks <- b
	}))
	defer recv.Close()

	var stderr syncBuffer
	m := NewMain()
	m.Stdout, m.Stderr = io.Discard, &stderr
	m.Getenv = func(k string) string {
		if k == "FRONTLINE_WEBHOOK_SECRET" {
			return "hook-secret"
		}
		return ""
	}
	url := startServeMain(t, m, &stderr, "serve", "--db", db, "--addr", "127.0.0.1:0", "--no-demo", "--alert-interval", "200ms", "--webhook", recv.URL, "--base-url", "https://desk.example")
	sctx, scancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer scancel()
	req, _ := http.NewRequestWithContext(sctx, "GET", url+"/api/v1/events", nil)
	stream, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	lines := bufio.NewReader(stream.Body)
	lines.ReadString('\n') // retry:

	resp, err := http.Post(url+"/api/v1/watches", "application/json", strings.NewReader(`{"kind":"front","name":"Kupiansk","place":"Kupiansk","radius_km":10,"from":"2022-09-01"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Fatalf("POST watch: %d", resp.StatusCode)
	}
	var sse frontline.Alert
	for sse.ID == 0 {
		line, err := lines.ReadString('\n')
		if err != nil {
			t.Fatalf("event stream: %v\n%s", err, stderr.String())
		}
		if line == "event: alert\n" {
			data, _ := lines.ReadString('\n')
			json.Unmarshal([]byte(strings.TrimPrefix(data, "data: ")), &sse)
		}
	}
	if sse.Day != "2022-09-09" || !strings.Contains(sse.Title, "Kupiansk") {
		t.Errorf("alert event %+v", sse)
	}
	select {
	case b := <-hooks:
		if b.Alert.ID != sse.ID || b.Watch.Name != "Kupiansk" || !strings.HasPrefix(b.Alert.Links[0].Href, "https://desk.example/#layer=deepstate&at=2022-09-09") {
			t.Errorf("webhook %+v", b)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("no webhook\n%s", stderr.String())
	}
	var list struct{ Alerts []frontline.Alert }
	r2, err := http.Get(url + "/api/v1/alerts")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(r2.Body).Decode(&list)
	r2.Body.Close()
	if len(list.Alerts) != 1 {
		t.Errorf("%d alerts over the API, want 1 (fired once over many evaluations)", len(list.Alerts))
	}
}
