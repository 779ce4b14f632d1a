package alert

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/smtp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
)

// SignatureHeader carries a webhook body's HMAC-SHA256 under the secret:
// "sha256=" and the hex digest.
const SignatureHeader = "X-Frontline-Signature"

// Sign returns the signature header's value for body under secret.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether header is body's signature under secret (in
// constant time).
func Verify(secret string, body []byte, header string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(header))
}

// WebhookBody is what a webhook receives.
type WebhookBody struct {
	Event string           `json:"event"` // alert
	Alert *frontline.Alert `json:"alert"`
	Watch struct {
		ID   int64               `json:"id"`
		Name string              `json:"name"`
		Kind frontline.WatchKind `json:"kind"`
	} `json:"watch"`
}

// target is one place to deliver an alert to.
type target struct {
	channel string // webhook, email
	url     string
	secret  string
	to      string
}

func (e *Engine) targets(w *frontline.Watch) []target {
	var out []target
	if e.Webhook.URL != "" {
		out = append(out, target{channel: "webhook", url: e.Webhook.URL, secret: e.Webhook.Secret})
	}
	if w.WebhookURL != "" && w.WebhookURL != e.Webhook.URL {
		secret := w.Secret
		if secret == "" {
			secret = e.Webhook.Secret
		}
		out = append(out, target{channel: "webhook", url: w.WebhookURL, secret: secret})
	}
	if e.Mail.Addr != "" {
		seen := map[string]bool{}
		for _, to := range append(append([]string{}, e.Mail.To...), w.Email...) {
			if to != "" && !seen[strings.ToLower(to)] {
				seen[strings.ToLower(to)] = true
				out = append(out, target{channel: "email", to: to})
			}
		}
	}
	return out
}

// deliver sends a new alert to its watch's webhooks and recipients in the
// background, retrying with backoff, and logs every attempt.
func (e *Engine) deliver(w *frontline.Watch, a *frontline.Alert) {
	ts := e.targets(w)
	if len(ts) == 0 {
		return
	}
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
		defer cancel()
		for _, t := range ts {
			e.deliverTo(ctx, w, a, t)
		}
	}()
}

func (e *Engine) deliverTo(ctx context.Context, w *frontline.Watch, a *frontline.Alert, t target) {
	attempts := e.MaxAttempts
	if attempts <= 0 {
		attempts = 5
	}
	backoff := e.Backoff
	if backoff <= 0 {
		backoff = time.Second
	}
	for n := 1; n <= attempts; n++ {
		d := &frontline.AlertDelivery{AlertID: a.ID, Channel: t.channel, Attempt: n}
		var err error
		if t.channel == "webhook" {
			d.Target = t.url
			d.Status, err = e.postWebhook(ctx, w, a, t)
		} else {
			d.Target = t.to
			err = e.sendMail(w, a, t.to)
		}
		d.OK = err == nil
		if err != nil {
			d.Error = err.Error()
		}
		d.At = e.now()
		e.dmu.Lock()
		if lerr := e.Alerts.RecordDelivery(context.WithoutCancel(ctx), d); lerr != nil {
			e.logf("alerts: logging delivery of alert %d: %v", a.ID, lerr)
		}
		e.dmu.Unlock()
		if err == nil {
			return
		}
		e.logf("alerts: alert %d to %s %s, attempt %d/%d: %v", a.ID, t.channel, d.Target, n, attempts, err)
		if n == attempts {
			return
		}
		wait := backoff << (n - 1)
		if wait > time.Minute || wait <= 0 {
			wait = time.Minute
		}
		select {
		case <-ctx.Done():
			return
		case <-e.quitCh():
			return
		case <-time.After(wait):
		}
	}
}

func (e *Engine) postWebhook(ctx context.Context, w *frontline.Watch, a *frontline.Alert, t target) (int, error) {
	var body WebhookBody
	body.Event, body.Alert = "alert", a
	body.Watch.ID, body.Watch.Name, body.Watch.Kind = w.ID, w.Name, w.Kind
	b, err := json.Marshal(body)
	if err != nil {
		return 0, err
	}
	rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodPost, t.url, bytes.NewReader(b))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Frontline-alerts/1 (+https://github.com/frontline-osint/frontline)")
	req.Header.Set("X-Frontline-Event", "alert")
	req.Header.Set("X-Frontline-Delivery", strconv.FormatInt(a.ID, 10))
	if t.secret != "" {
		req.Header.Set(SignatureHeader, Sign(t.secret, b))
	}
	client := e.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("webhook answered %s", resp.Status)
	}
	return resp.StatusCode, nil
}

// Message is an alert as an e-mail (headers and body, CRLF line ends).
func Message(from, to string, a *frontline.Alert, now time.Time) []byte {
	var b strings.Builder
	clean := func(s string) string { return strings.NewReplacer("\r", " ", "\n", " ").Replace(s) }
	fmt.Fprintf(&b, "From: %s\r\n", clean(from))
	fmt.Fprintf(&b, "To: %s\r\n", clean(to))
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", clean("[Frontline] "+a.Title)))
	fmt.Fprintf(&b, "Date: %s\r\n", now.Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <alert-%d-%d@frontline>\r\n", a.ID, a.CreatedAt.Unix())
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	var body strings.Builder
	body.WriteString(a.Text + "\n\n")
	keys := make([]string, 0, len(a.Figures))
	for k := range a.Figures {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&body, "%s: %s\n", k, strconv.FormatFloat(a.Figures[k], 'f', -1, 64))
	}
	body.WriteString("\n")
	for _, l := range a.Links {
		fmt.Fprintf(&body, "%s: %s\n", l.Rel, l.Href)
	}
	fmt.Fprintf(&body, "\nAlert %d of watch %d (%s), day %s.\n", a.ID, a.WatchID, a.Kind, a.Day)
	for _, line := range strings.Split(strings.TrimRight(body.String(), "\n"), "\n") {
		b.WriteString(line + "\r\n")
	}
	return []byte(b.String())
}

func (e *Engine) sendMail(w *frontline.Watch, a *frontline.Alert, to string) error {
	var auth smtp.Auth
	if e.Mail.Username != "" {
		host := e.Mail.Addr
		if i := strings.LastIndexByte(host, ':'); i >= 0 {
			host = host[:i]
		}
		auth = smtp.PlainAuth("", e.Mail.Username, e.Mail.Password, host)
	}
	from := e.Mail.From
	if from == "" {
		from = "frontline@localhost"
	}
	return smtp.SendMail(e.Mail.Addr, auth, from, []string{to}, Message(from, to, a, e.now()))
}
