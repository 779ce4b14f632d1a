package http

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// minGzipBytes: smaller bodies (when their length is known) are not worth
// compressing.
const minGzipBytes = 512

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") && strings.TrimSpace(coding) != "*" {
			continue
		}
		params = strings.ReplaceAll(params, " ", "")
		if q, ok := strings.CutPrefix(params, "q="); ok {
			if v, err := strconv.ParseFloat(q, 64); err == nil && v == 0 {
				return false
			}
		}
		return true
	}
	return false
}

// compressible reports whether a content type is worth compressing: text,
// JSON, GeoJSON, JavaScript, CSS, SVG — not event streams (each event must
// go out at once) and not images or fonts already compressed.
func compressible(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	switch {
	case mt == "text/event-stream":
		return false
	case strings.HasPrefix(mt, "text/"):
		return true
	case mt == "application/json", mt == "application/geo+json", mt == "application/javascript",
		mt == "application/schema+json", mt == "application/problem+json", mt == "image/svg+xml",
		mt == "application/xml", mt == "application/manifest+json", strings.HasSuffix(mt, "+json"):
		return true
	}
	return false
}

// gzipLevel is the compression of the answers kept compressed
// (cachedBody: maps, the series), written once and sent many times. Under
// the API bench's mixed load on the full archive, gzip at levels 6 and 9
// took 39% of the server's CPU; level 4 writes a map at zoom 6 in a third
// of level 6's time (a sixth of level 9's) for 6% more bytes
// (docs/benchmarks-journal.md).
const gzipLevel = 4

// streamGzipLevel is the compression of the answers compressed as they are
// sent (change, area, a series window, …): each is compressed once per
// request. gzip was a fifth of the server's CPU under the mixed load, most
// of it on these; level 1 compresses a change (30 KB of JSON) in half
// level 4's CPU, a series window (200 KB) in under half, for 10–15% more
// bytes (docs/benchmarks-journal.md).
const streamGzipLevel = gzip.BestSpeed

var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzipLevel)
	return zw
}}

var streamGzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, streamGzipLevel)
	return zw
}}

// gzipWriter compresses a response when the client accepts gzip and the
// handler's Content-Type is compressible and it set no Content-Encoding
// itself. It decides when the header is written.
type gzipWriter struct {
	http.ResponseWriter
	accept  bool
	decided bool
	zw      *gzip.Writer
	// status is the response's status once written (0: none yet).
	status int
}

func newGzipWriter(w http.ResponseWriter, r *http.Request) *gzipWriter {
	w.Header().Add("Vary", "Accept-Encoding")
	return &gzipWriter{ResponseWriter: w, accept: acceptsGzip(r) && r.Method != http.MethodHead}
}

func (g *gzipWriter) WriteHeader(code int) {
	if g.status == 0 {
		g.status = code
	}
	if !g.decided {
		g.decided = true
		h := g.Header()
		small := false
		if n, err := strconv.Atoi(h.Get("Content-Length")); err == nil && n < minGzipBytes {
			small = true
		}
		if g.accept && !small && code >= 200 && code != http.StatusNoContent && code != http.StatusPartialContent && code != http.StatusNotModified &&
			h.Get("Content-Range") == "" &&
			h.Get("Content-Encoding") == "" && compressible(h.Get("Content-Type")) {
			h.Del("Content-Length")
			h.Set("Content-Encoding", "gzip")
			if etag := h.Get("ETag"); etag != "" && !strings.HasPrefix(etag, "W/") {
				// The compressed bytes differ from the identity ones.
				h.Set("ETag", "W/"+etag)
			}
			g.zw = streamGzipWriters.Get().(*gzip.Writer)
			g.zw.Reset(g.ResponseWriter)
		}
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.decided {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.WriteHeader(http.StatusOK)
	}
	if g.zw != nil {
		return g.zw.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

// Flush sends what is buffered (for streams).
func (g *gzipWriter) Flush() {
	if g.zw != nil {
		g.zw.Flush()
	}
	http.NewResponseController(g.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the connection.
func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }

// Close finishes the compressed stream.
func (g *gzipWriter) Close() {
	if g.zw != nil {
		g.zw.Close()
		g.zw.Reset(nil)
		streamGzipWriters.Put(g.zw)
		g.zw = nil
	}
}

// cachedBody is an encoded response kept in its gzip form, with its ETag.
// Only the compressed form is kept (a map at zoom 6 is a quarter of its
// JSON): twice as many answers fit in the cache, and the rare client that
// does not accept gzip gets it decompressed.
type cachedBody struct {
	key         string
	contentType string
	gz          []byte
	size        int // of the body uncompressed
	etag        string
}

func newCachedBody(key, contentType string, body []byte) *cachedBody {
	var buf bytes.Buffer
	buf.Grow(len(body)/3 + 64)
	zw := gzipWriters.Get().(*gzip.Writer) // a new one allocates ~1 MB of state
	zw.Reset(&buf)
	zw.Write(body)
	zw.Close()
	zw.Reset(nil)
	gzipWriters.Put(zw)
	return &cachedBody{key: key, contentType: contentType, gz: bytes.Clone(buf.Bytes()), size: len(body), etag: bodyETag(body)}
}

// body returns the body uncompressed.
func (c *cachedBody) body() []byte {
	zr, err := gzip.NewReader(bytes.NewReader(c.gz))
	if err != nil {
		return nil // cannot happen: c.gz was written by newCachedBody
	}
	out := make([]byte, 0, c.size)
	buf := bytes.NewBuffer(out)
	buf.ReadFrom(zr)
	return buf.Bytes()
}

// write sends the body, compressed if the client accepts gzip, with its
// ETag and cacheControl, or 304 when If-None-Match matches.
func (c *cachedBody) write(w http.ResponseWriter, r *http.Request, cacheControl string) {
	h := w.Header()
	h.Set("Content-Type", c.contentType)
	if cacheControl != "" {
		h.Set("Cache-Control", cacheControl)
	}
	gz := acceptsGzip(r)
	if gz {
		h.Set("ETag", "W/"+c.etag)
	} else {
		h.Set("ETag", c.etag)
	}
	if etagMatch(r.Header.Get("If-None-Match"), c.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	var body []byte
	if gz {
		body = c.gz
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", strconv.Itoa(len(body)))
	} else {
		h.Set("Content-Length", strconv.Itoa(c.size))
	}
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	if !gz {
		body = c.body()
	}
	w.Write(body)
}

// bodyCache keeps encoded responses of immutable resources, least recently
// used out first, up to a number of bytes.
type bodyCache struct {
	mu      sync.Mutex
	max, n  int
	entries map[string]*list.Element
	lru     list.List
}

func newBodyCache(maxBytes int) *bodyCache {
	return &bodyCache{max: maxBytes, entries: map[string]*list.Element{}}
}

func (c *bodyCache) get(key string) *cachedBody {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[key]; ok {
		c.lru.MoveToFront(el)
		return el.Value.(*cachedBody)
	}
	return nil
}

func (c *bodyCache) put(b *cachedBody) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[b.key]; ok {
		return
	}
	c.entries[b.key] = c.lru.PushFront(b)
	c.n += len(b.gz)
	for c.n > c.max && c.lru.Len() > 1 {
		el := c.lru.Back()
		old := el.Value.(*cachedBody)
		c.lru.Remove(el)
		delete(c.entries, old.key)
		c.n -= len(old.gz)
	}
}
