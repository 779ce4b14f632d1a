package http

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestCachedBody: a kept answer is sent compressed to a client that
// accepts gzip and as it was to one that does not, with the same ETag
// (weak when compressed) and 304 on a match; the cache counts only the
// compressed bytes.
func TestCachedBody(t *testing.T) {
	body := []byte(strings.Repeat(`{"type":"Feature","properties":{"status":"russia"}},`, 400))
	b := newCachedBody("k", "application/geo+json", body)
	if len(b.gz) >= len(body)/4 {
		t.Fatalf("gzip form %d bytes of %d", len(b.gz), len(body))
	}
	send := func(gz bool, inm string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, "/x", nil)
		if gz {
			r.Header.Set("Accept-Encoding", "gzip")
		}
		if inm != "" {
			r.Header.Set("If-None-Match", inm)
		}
		w := httptest.NewRecorder()
		b.write(w, r, "")
		return w
	}
	plain := send(false, "")
	if plain.Code != 200 || !bytes.Equal(plain.Body.Bytes(), body) || plain.Header().Get("Content-Encoding") != "" || plain.Header().Get("Content-Length") != "20800" {
		t.Fatalf("plain: %d %q, %d bytes (%s)", plain.Code, plain.Header(), plain.Body.Len(), plain.Header().Get("Content-Length"))
	}
	zipped := send(true, "")
	zr, err := gzip.NewReader(zipped.Body)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(zr)
	if zipped.Header().Get("Content-Encoding") != "gzip" || !bytes.Equal(got, body) || zipped.Header().Get("ETag") != "W/"+plain.Header().Get("ETag") {
		t.Fatalf("gzip: %q, %d bytes after gunzip", zipped.Header(), len(got))
	}
	if w := send(true, zipped.Header().Get("ETag")); w.Code != http.StatusNotModified {
		t.Fatalf("If-None-Match: %d", w.Code)
	}
	c := newBodyCache(1 << 20)
	c.put(b)
	if c.n != len(b.gz) || c.get("k") != b {
		t.Fatalf("cache counts %d bytes, gzip form %d", c.n, len(b.gz))
	}
}
