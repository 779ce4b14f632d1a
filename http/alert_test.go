package http_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	fhttp "github.com/frontline-osint/frontline/http"
	"github.com/frontline-osint/frontline/sqlite"
)

// wireAlerts gives the server a watch and alert store in t.TempDir().
func wireAlerts(t *testing.T, s *fhttp.Server) *sqlite.AlertStore {
	t.Helper()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "alerts.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	st := sqlite.NewAlertStore(db)
	s.Watches, s.Alerts = st, st
	return st
}

func send(t *testing.T, method, url, contentType, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// TestWatchesAPI: a watch is added by name (resolved to the gazetteer's
// Kupiansk), listed without its secret, removed; bad requests get JSON
// errors; a published alert reaches the event stream.
func TestWatchesAPI(t *testing.T) {
	s := MustOpenPlacesServer(t)
	u := s.URL() + "/api/v1/watches"

	for _, tc := range []struct {
		ct, body string
		status   int
	}{
		{"", `{"kind":"front","place":"Kupiansk","radius_km":20}`, 415},
		{"text/plain", `{"kind":"front","place":"Kupiansk","radius_km":20}`, 415},
		{"application/json", `{"kind":"front","place":"Kupiansk"}`, 400},                 // no radius
		{"application/json", `{"kind":"nearby","place":"Kupiansk","radius_km":20}`, 400}, // no such kind
		{"application/json", `{"kind":"front","place":"Kupiansk","radius_km":20,"colour":"red"}`, 400},
		{"application/json", `{"kind":"oblast","oblast":"UA-63","min_km2":-5}`, 400},
		{"application/json", `{"kind":"status","place":"Zzyzxqwv"}`, 404},
		{"application/json", `{"kind":"front","place":"Kupiansk","radius_km":20,"webhook_url":"ftp://x"}`, 400},
		{"application/json", `[1,2`, 400},
	} {
		status, body := send(t, "POST", u, tc.ct, tc.body)
		var e fhttp.ErrorResponse
		if status != tc.status || json.Unmarshal(body, &e) != nil || e.Error.Code == "" {
			t.Errorf("POST %s (%s): %d %s, want %d and a JSON error", tc.body, tc.ct, status, body, tc.status)
		}
	}

	status, body := send(t, "POST", u, "application/json; charset=utf-8", `{"kind":"front","name":"Kupiansk 20 km","place":"Kupiansk","radius_km":20,"secret":"s3cret","webhook_url":"https://example.org/hook"}`)
	if status != 201 {
		t.Fatalf("POST: %d %s", status, body)
	}
	if strings.Contains(string(body), "s3cret") {
		t.Errorf("the secret is shown: %s", body)
	}
	var w frontline.Watch
	json.Unmarshal(body, &w)
	if w.ID == 0 || w.PlaceID != "UA63080090010026457" || w.Lon == 0 || !w.HasSecret || w.Layer != "deepstate" {
		t.Errorf("watch %+v", w)
	}
	var list struct{ Watches []frontline.Watch }
	get(t, u, &list)
	if len(list.Watches) != 1 || list.Watches[0].ID != w.ID || list.Watches[0].RadiusKm != 20 {
		t.Errorf("watches %+v", list.Watches)
	}
	if status, body := send(t, "PUT", u, "application/json", `{}`); status != 405 || !strings.Contains(string(body), `"method_not_allowed"`) {
		t.Errorf("PUT: %d %s", status, body)
	}
	if status, _ := send(t, "DELETE", u+"/x", "", ""); status != 400 {
		t.Errorf("DELETE /x: %d", status)
	}
	if status, body := send(t, "DELETE", u+"/"+strconv.FormatInt(w.ID, 10), "", ""); status != 200 || !strings.Contains(string(body), `"deleted"`) {
		t.Errorf("DELETE: %d %s", status, body)
	}
	if status, _ := send(t, "DELETE", u+"/"+strconv.FormatInt(w.ID, 10), "", ""); status != 404 {
		t.Errorf("DELETE again: %d", status)
	}
	get(t, u, &list)
	if len(list.Watches) != 0 {
		t.Errorf("after DELETE: %+v", list.Watches)
	}
	var alerts struct{ Alerts []frontline.Alert }
	if status := get(t, s.URL()+"/api/v1/alerts?since=2022-01-01", &alerts); status != 200 || alerts.Alerts == nil {
		t.Errorf("alerts: %d %+v", status, alerts)
	}
	if status, _ := send(t, "GET", s.URL()+"/api/v1/alerts?since=yesterday", "", ""); status != 400 {
		t.Errorf("alerts?since=yesterday: %d", status)
	}

	// An alert published by the engine reaches an open event stream.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL()+"/api/v1/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	if line, _ := r.ReadString('\n'); !strings.HasPrefix(line, "retry:") {
		t.Fatalf("stream starts %q", line)
	}
	s.PublishAlert(&frontline.Alert{ID: 7, WatchID: 3, Kind: frontline.WatchFront, Title: "Front within 19.5 km of Kupiansk", Day: "2022-09-08"})
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("no alert event: %v", err)
		}
		if line == "event: alert\n" {
			data, _ := r.ReadString('\n')
			var a frontline.Alert
			if err := json.Unmarshal([]byte(strings.TrimPrefix(data, "data: ")), &a); err != nil || a.ID != 7 || a.Day != "2022-09-08" {
				t.Errorf("alert event %q: %v", data, err)
			}
			break
		}
	}
}
