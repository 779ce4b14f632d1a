package alert_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/alert"
)

// receiver is a webhook endpoint that checks each body's signature under
// its secret; it answers 500 to the first failFirst requests.
type receiver struct {
	*httptest.Server
	secret    string
	failFirst int

	mu       sync.Mutex
	requests int
	bodies   []alert.WebhookBody
	badSig   int
	got      chan time.Time
}

func newReceiver(t testing.TB, secret string, failFirst int) *receiver {
	r := &receiver{secret: secret, failFirst: failFirst, got: make(chan time.Time, 100)}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		defer r.mu.Unlock()
		r.requests++
		if !alert.Verify(r.secret, body, req.Header.Get(alert.SignatureHeader)) {
			r.badSig++
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		if r.requests <= r.failFirst {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		var b alert.WebhookBody
		if err := json.Unmarshal(body, &b); err != nil || req.Header.Get("Content-Type") != "application/json" {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		r.bodies = append(r.bodies, b)
		r.got <- time.Now()
	}))
	t.Cleanup(r.Close)
	return r
}

// smtpServer is a tiny SMTP listener speaking enough of RFC 5321 for
// net/smtp: it keeps each message's envelope and data.
type smtpServer struct {
	ln   net.Listener
	mu   sync.Mutex
	msgs []mail
	got  chan struct{}
}

type mail struct {
	from string
	to   []string
	data string
}

func newSMTP(t testing.TB) *smtpServer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln, got: make(chan struct{}, 100)}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

func (s *smtpServer) serve(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(c)
	say := func(line string) { io.WriteString(c, line+"\r\n") }
	say("220 test ESMTP")
	var m mail
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250-test")
			say("250 8BITMIME")
		case strings.HasPrefix(cmd, "MAIL FROM:"):
			// MAIL FROM:<a@b> BODY=8BITMIME
			addr, _, _ := strings.Cut(strings.TrimSpace(line)[10:], " ")
			m = mail{from: strings.Trim(addr, "<>")}
			say("250 ok")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			m.to = append(m.to, strings.Trim(strings.TrimSpace(line)[8:], "<>"))
			say("250 ok")
		case cmd == "DATA":
			say("354 go on")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(strings.TrimPrefix(l, "."))
			}
			m.data = b.String()
			s.mu.Lock()
			s.msgs = append(s.msgs, m)
			s.mu.Unlock()
			s.got <- struct{}{}
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		case cmd == "RSET", cmd == "NOOP":
			say("250 ok")
		default:
			say("502 not implemented")
		}
	}
}

// TestDelivery: one new alert goes to the global webhook (signed with the
// global secret), to the watch's own webhook (signed with its secret, the
// first attempt answered 500 and retried), and by e-mail to the global and
// the watch's recipients; every attempt is logged. Evaluating again
// delivers nothing.
func TestDelivery(t *testing.T) {
	e := newEnv(t)
	global := newReceiver(t, "global-secret", 0)
	own := newReceiver(t, "watch-secret", 1)
	mailer := newSMTP(t)
	e.engine.Webhook = alert.Webhook{URL: global.URL, Secret: "global-secret"}
	e.engine.Mail = alert.Mail{Addr: mailer.ln.Addr().String(), From: "frontline@test", To: []string{"desk@test"}}
	e.engine.BaseURL = "https://frontline.example"
	var published []*frontline.Alert
	e.engine.Publish = func(a *frontline.Alert) { published = append(published, a) }
	w := e.watch(t, frontline.Watch{Kind: frontline.WatchFront, Name: "Kupiansk 10 km", RadiusKm: 10, From: windowFrom,
		WebhookURL: own.URL, Secret: "watch-secret", Email: []string{"analyst@test"}}, "Kupiansk")
	res := e.evaluate(t) // waits for deliveries
	if len(res.Alerts) != 1 || len(published) != 1 || published[0].ID != res.Alerts[0].ID {
		t.Fatalf("%d alerts, %d published", len(res.Alerts), len(published))
	}
	a := res.Alerts[0]
	for _, r := range []*receiver{global, own} {
		if r.badSig != 0 || len(r.bodies) != 1 {
			t.Fatalf("%s: %d bad signatures, %d bodies", r.URL, r.badSig, len(r.bodies))
		}
		b := r.bodies[0]
		if b.Event != "alert" || b.Alert.ID != a.ID || b.Watch.ID != w.ID || b.Watch.Name != "Kupiansk 10 km" || b.Alert.Figures["distance_km"] == 0 {
			t.Errorf("%s: body %+v", r.URL, b)
		}
		if !strings.HasPrefix(b.Alert.Links[0].Href, "https://frontline.example/#layer=deepstate&at=") {
			t.Errorf("links %+v", b.Alert.Links)
		}
	}
	if own.requests != 2 {
		t.Errorf("the watch's webhook was tried %d times, want 2 (500, then ok)", own.requests)
	}
	if len(mailer.msgs) != 2 {
		t.Fatalf("%d e-mails, want 2", len(mailer.msgs))
	}
	var to []string
	for _, m := range mailer.msgs {
		to = append(to, m.to...)
		if m.from != "frontline@test" || !strings.Contains(m.data, "Subject: [Frontline] Front within") || !strings.Contains(m.data, "distance_km: ") ||
			!strings.Contains(m.data, "map: https://frontline.example/#layer=deepstate&at=2022-09-09") {
			t.Errorf("e-mail:\n%s", m.data)
		}
	}
	if strings.Join(to, ",") != "desk@test,analyst@test" && strings.Join(to, ",") != "analyst@test,desk@test" {
		t.Errorf("recipients %v", to)
	}
	log, err := e.store.FindDeliveries(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var ok, failed int
	for _, d := range log {
		if d.OK {
			ok++
		} else if d.Channel == "webhook" && d.Target == own.URL && d.Status == 500 && d.Attempt == 1 {
			failed++
		}
	}
	if ok != 4 || failed != 1 || len(log) != 5 {
		t.Errorf("delivery log %+v", log)
	}
	e.evaluate(t)
	if global.requests != 1 || len(mailer.msgs) != 2 {
		t.Errorf("evaluating again delivered again: %d webhook requests, %d e-mails", global.requests, len(mailer.msgs))
	}
}

// TestDeliveryGivesUp: a webhook that always fails is tried MaxAttempts
// times with growing waits, each attempt logged.
func TestDeliveryGivesUp(t *testing.T) {
	e := newEnv(t)
	down := newReceiver(t, "s", 1000)
	e.engine.Webhook = alert.Webhook{URL: down.URL, Secret: "s"}
	e.engine.MaxAttempts, e.engine.Backoff = 3, 50*time.Millisecond
	e.watch(t, frontline.Watch{Kind: frontline.WatchFront, RadiusKm: 10, From: windowFrom}, "Kupiansk")
	start := time.Now()
	res := e.evaluate(t)
	if took := time.Since(start); took < 150*time.Millisecond {
		t.Errorf("3 attempts in %s: no backoff (want ≥ 50+100 ms)", took)
	}
	log, _ := e.store.FindDeliveries(context.Background(), res.Alerts[0].ID)
	if len(log) != 3 || log[2].Attempt != 3 || log[2].OK || log[2].Status != 500 {
		t.Errorf("log %+v", log)
	}
}

// TestSignature: the signature is HMAC-SHA256 of the exact body.
func TestSignature(t *testing.T) {
	body := []byte(`{"event":"alert"}`)
	sig := alert.Sign("k", body)
	// echo -n '{"event":"alert"}' | openssl dgst -sha256 -hmac k
	if sig != "sha256=19dc9792d959e88bea91eae4f68e25e38f61a726a63dc68b018930190a4b6fe0" || !alert.Verify("k", body, sig) {
		t.Fatal(sig)
	}
	if alert.Verify("k", []byte(`{"event":"alert" }`), sig) || alert.Verify("other", body, sig) || alert.Verify("k", body, "") {
		t.Error("a changed body, another secret or no signature verified")
	}
}
