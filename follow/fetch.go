package follow

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
)

// DefaultUserAgent names Frontline and says what it is, as polite
// crawlers do.
const DefaultUserAgent = "Frontline/1 (conflict-monitoring follower; +https://github.com/frontline-osint/frontline)"

// fetched is one answer read in full.
type fetched struct {
	Body         []byte
	NotModified  bool
	ETag         string
	LastModified string
	ContentType  string
	Hash         string
}

// permanentError is an answer retrying will not change (a 4xx, a body
// over the limit, a redirect loop).
type permanentError struct{ error }

func (e permanentError) Unwrap() error { return e.error }

// newClient returns an HTTP client that follows at most 5 redirects.
func newClient(timeout time.Duration) *http.Client {
	return &http.Client{Timeout: timeout, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return permanentError{fmt.Errorf("more than 5 redirects (last to %s): a redirect loop?", req.URL.Redacted())}
		}
		return nil
	}}
}

// get fetches url, conditionally when etag or lastModified is set, with
// retries: network errors, timeouts, 429 and 5xx are retried with
// exponential backoff and jitter; other failures are not.
// getChanged is a poll's conditional GET of url with the source's
// validators: nil and the error when it failed, nil and no error when the
// source answered Not Modified (the poll's outcome then says so).
func (f *Follower) getChanged(ctx context.Context, p *poll, url string) (*fetched, error) {
	got, err := f.get(ctx, url, p.st.ETag, p.st.LastModified)
	if err != nil {
		return nil, err
	}
	if got.NotModified {
		p.res.Outcome = "not-modified"
		return nil, nil
	}
	return got, nil
}

func (f *Follower) get(ctx context.Context, url, etag, lastModified string) (*fetched, error) {
	var last error
	for attempt := 0; attempt <= f.retries(); attempt++ {
		if attempt > 0 {
			d := f.backoff() << (attempt - 1)
			d += time.Duration(rand.Int64N(int64(d)/2 + 1)) // jitter: up to half again
			if err := f.sleep(ctx, d); err != nil {
				return nil, err
			}
		}
		res, err := f.getOnce(ctx, url, etag, lastModified)
		if err == nil {
			return res, nil
		}
		last = err
		var perm permanentError
		if errors.As(err, &perm) || ctx.Err() != nil {
			break
		}
	}
	return nil, last
}

func (f *Follower) getOnce(ctx context.Context, url, etag, lastModified string) (*fetched, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, permanentError{err}
	}
	req.Header.Set("User-Agent", f.userAgent())
	req.Header.Set("Accept", "application/json, application/geo+json, application/xml, text/xml, text/html;q=0.8, */*;q=0.5")
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	resp, err := f.client().Do(req)
	if err != nil {
		var perm permanentError
		if errors.As(err, &perm) {
			return nil, perm
		}
		var certErr *tls.CertificateVerificationError
		if errors.As(err, &certErr) {
			// Invalid TLS is refused, not retried.
			return nil, permanentError{fmt.Errorf("GET %s: refused: %v", req.URL.Redacted(), certErr.Err)}
		}
		return nil, fmt.Errorf("GET %s: %w", req.URL.Redacted(), unwrapURLError(err))
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return &fetched{NotModified: true, ETag: etag, LastModified: lastModified}, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, fmt.Errorf("GET %s: %s", req.URL.Redacted(), resp.Status)
	case resp.StatusCode != http.StatusOK:
		return nil, permanentError{fmt.Errorf("GET %s: %s", req.URL.Redacted(), resp.Status)}
	}
	max := f.maxBody()
	if resp.ContentLength > max {
		return nil, permanentError{fmt.Errorf("GET %s: body of %d bytes is over the %d MiB limit", req.URL.Redacted(), resp.ContentLength, max>>20)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, fmt.Errorf("GET %s: reading the body: %w", req.URL.Redacted(), unwrapURLError(err))
	}
	if int64(len(body)) > max {
		return nil, permanentError{fmt.Errorf("GET %s: body over the %d MiB limit", req.URL.Redacted(), max>>20)}
	}
	if resp.ContentLength >= 0 && int64(len(body)) != resp.ContentLength {
		return nil, fmt.Errorf("GET %s: truncated body (%d of %d bytes)", req.URL.Redacted(), len(body), resp.ContentLength)
	}
	sum := sha256.Sum256(body)
	return &fetched{Body: body, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"),
		ContentType: resp.Header.Get("Content-Type"), Hash: hex.EncodeToString(sum[:])}, nil
}

func unwrapURLError(err error) error {
	var ue interface{ Timeout() bool }
	if errors.As(err, &ue) && ue.Timeout() {
		return errors.New("timed out")
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("connection closed before the body ended (truncated)")
	}
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 && strings.HasPrefix(s, "Get ") {
		return errors.New(s[i+2:])
	}
	return err
}

// looksLikeHTML reports whether a body meant to be JSON or XML is an HTML
// page (a login wall, an error page, a captcha).
func looksLikeHTML(body []byte, contentType string) bool {
	if strings.Contains(strings.ToLower(contentType), "text/html") {
		return true
	}
	head := strings.ToLower(strings.TrimSpace(string(body[:min(len(body), 512)])))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html")
}

func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

var errNotJSON = frontline.Errorf(frontline.EINVALID, "answered HTML where JSON was expected")
