// Package http serves Frontline's JSON API over HTTP with the standard
// library's router. Errors are JSON with a stable code; the code → status
// mapping lives in one place (internal/httpstatus, shared with package ogc).
package http

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/internal/httpstatus"
)

// Server is Frontline's HTTP server.
type Server struct {
	ln     net.Listener
	server *http.Server
	mux    *http.ServeMux

	Addr         string
	LayerService frontline.LayerService
	PlaceService frontline.PlaceService // nil: no place routes answer
	MapService   frontline.MapService   // nil: LayerService's, if it draws maps
	// FrontService measures distances to the front; nil: LayerService's,
	// if it does.
	FrontService frontline.FrontService
	// Reports, Sources and Claims serve reports, the source registry and
	// the claims extracted from reports (package claims); nil: those routes
	// answer 404 and the event stream announces no reports.
	Reports frontline.ReportStore
	Sources frontline.SourceStore
	Claims  frontline.ClaimService
	// Assessment grades claims and finds contradictions (package assess);
	// nil: /contradictions and /assessed answer 404.
	Assessment frontline.AssessmentService
	// ChangeGeoJSON draws changes for change?format=geojson; Lists and
	// Disagreements answer /compare and /disagree; nil: LayerService's,
	// if it does (control.Service does all three).
	ChangeGeoJSON frontline.ChangeGeoJSONService
	Lists         frontline.ListComparer
	Disagreements frontline.DisagreementService
	// ChangeExplainer lists what explains each settlement of a change;
	// nil: Claims', if it does.
	ChangeExplainer frontline.ChangeExplainer
	// PlaceLister lists every place for /places/labels and /sites; nil:
	// PlaceService's, if it does.
	PlaceLister frontline.PlaceLister
	// Numbers checks a report's numbers on /reports/{id}; nil:
	// Assessment's, if it does.
	Numbers frontline.NumberChecker
	// Check checks a posted document (POST /api/v1/check, package check);
	// nil: that route answers 404.
	Check frontline.CheckService
	// SourceStatus answers /api/v1/sources/status (package follow); nil:
	// an empty list (following: false).
	SourceStatus frontline.SourceStatusService
	Logger       *log.Logger
	// Watches and Alerts keep the watches and the alerts they fired
	// (package alert evaluates them); nil: /watches and /alerts answer 404.
	Watches frontline.WatchStore
	Alerts  frontline.AlertStore

	// EventPollInterval is how often the event stream looks for new
	// snapshots in the store (default 2 s); EventHeartbeat how often it
	// sends a comment to keep connections open (default 15 s).
	EventPollInterval time.Duration
	EventHeartbeat    time.Duration
	// EventReplay is how many events the stream keeps for clients that
	// reconnect with Last-Event-ID (default 4096).
	EventReplay int

	// IdleTimeout closes keep-alive connections idle that long (default
	// 2 min); WriteTimeout bounds writing a response (default 5 min; each
	// write to an event stream has its own 30 s deadline instead).
	IdleTimeout, WriteTimeout time.Duration

	// Computations is how many change and series answers are computed at
	// once (default 2 × GOMAXPROCS); further requests wait (computeSlot).
	Computations int

	// RouteLog, when set, gets a line per request with its route and the
	// time the server spent on it (timing.go); writes to it are
	// serialised, and the caller flushes it after Close.
	RouteLog io.Writer

	// Static serves everything outside /api/ and /ogc/ (the web map, package
	// web); nil: GET / answers the JSON index.
	Static http.Handler
	// OGC serves OGC API – Features under /ogc (package ogc); nil: 404.
	OGC http.Handler

	events     *broker
	bodies     *bodyCache
	placeLists placeLists

	computeOnce sync.Once
	compute     chan struct{}

	openAPIOnce sync.Once
	openAPIBody []byte

	timesOnce sync.Once
	times     *routeTimes

	series seriesDays
}

// NewServer returns a server with its routes registered.
func NewServer() *Server {
	s := &Server{mux: http.NewServeMux(), bodies: newBodyCache(64 << 20)}
	s.server = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	s.events = newBroker(s)
	s.registerRoutes(s.mux)
	s.mux.HandleFunc("GET /api/v1/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, frontline.Errorf(frontline.ENOTFOUND, "no route %s", r.URL.Path), "")
	})
	s.mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		if s.Static != nil {
			s.serveStatic(w, r)
			return
		}
		s.handleIndex(w, r)
	})
	s.mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		if s.Static == nil {
			writeError(w, r, frontline.Errorf(frontline.ENOTFOUND, "no route %s", r.URL.Path), "")
			return
		}
		s.serveStatic(w, r)
	})
	ogc := func(w http.ResponseWriter, r *http.Request) {
		if s.OGC == nil {
			writeError(w, r, frontline.Errorf(frontline.ENOTFOUND, "OGC API not enabled"), "")
			return
		}
		s.OGC.ServeHTTP(w, r)
	}
	s.mux.HandleFunc("GET /ogc", ogc)
	s.mux.HandleFunc("GET /ogc/", ogc)
	return s
}

// maxQueryBytes bounds a request's query string.
const maxQueryBytes = 4096

// ServeHTTP serves a request: it refuses oversized query strings, sets the
// headers every response carries, compresses what is worth compressing,
// and recovers from handler panics as 500s.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var gw *gzipWriter
	if s.RouteLog != nil {
		start := time.Now()
		s.timesOnce.Do(func() { s.times = &routeTimes{w: s.RouteLog} })
		defer func() { s.times.record(start, gw.status, r) }()
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	r = s.withRequestID(w, r)
	gw = newGzipWriter(w, r)
	defer gw.Close()
	w = gw
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			logf(r, "panic serving %s %s: %v", r.Method, r.URL, v)
			writeError(w, r, errors.New("panic"), "")
		}
	}()
	// /ogc answers its own 414, in its exception shape.
	if len(r.URL.RawQuery) > maxQueryBytes && r.URL.Path != "/ogc" && !strings.HasPrefix(r.URL.Path, "/ogc/") {
		writeErrorStatus(w, r, http.StatusRequestURITooLong, frontline.Errorf(frontline.EINVALID, "query string of %d bytes is longer than %d", len(r.URL.RawQuery), maxQueryBytes), "")
		return
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		// The API is read-only but for the watches: other methods get a
		// JSON error too.
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !s.writeRoute(r) {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, r, frontline.Errorf(EMETHOD, "method %s not allowed: the API answers GET and HEAD", r.Method), "")
			return
		}
		if _, err := url.ParseQuery(r.URL.RawQuery); err != nil {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "malformed query string: %v", err), "")
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

// serveStatic serves the web map (package web).
func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	s.Static.ServeHTTP(w, r)
}

// Listen binds Addr (":0" picks a free port) without serving yet: a
// command binds first and fails fast when the port is taken, then loads
// what it serves and calls Open.
func (s *Server) Listen() (err error) {
	if s.ln == nil {
		s.ln, err = net.Listen("tcp", s.Addr)
	}
	return err
}

// Open starts listening on Addr (unless Listen did) and serving.
func (s *Server) Open() (err error) {
	if err := s.Listen(); err != nil {
		return err
	}
	s.server.IdleTimeout, s.server.WriteTimeout = s.IdleTimeout, s.WriteTimeout
	if s.server.IdleTimeout <= 0 {
		s.server.IdleTimeout = 2 * time.Minute
	}
	if s.server.WriteTimeout <= 0 {
		s.server.WriteTimeout = 5 * time.Minute
	}
	s.events.start()
	go s.server.Serve(s.ln)
	return nil
}

// URL returns the server's base URL once it listens.
func (s *Server) URL() string {
	if s.ln == nil {
		return ""
	}
	return "http://" + s.ln.Addr().String()
}

// Close shuts the server down gracefully.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	// Event streams never end on their own: end them first.
	s.events.stop()
	err := s.server.Shutdown(ctx)
	if s.ln != nil {
		s.ln.Close() // bound by Listen, perhaps never served
	}
	return err
}

// EMETHOD is the code of a request with a method the API does not answer
// (405); every other code has the status internal/httpstatus gives it.
const EMETHOD = "method_not_allowed"

// ErrorResponse is the body of every error.
type ErrorResponse struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Param   string `json:"param,omitempty"`
		// RequestID names a server error's request in the server's log.
		RequestID string `json:"request_id,omitempty"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, r *http.Request, err error, param string) {
	status := httpstatus.OfError(err)
	if frontline.ErrorCode(err) == EMETHOD {
		status = http.StatusMethodNotAllowed
	}
	writeErrorStatus(w, r, status, err, param)
}

// writeErrorStatus writes an error. A 5xx is logged with the request's ID
// (which the body carries too), unless the client has gone.
func writeErrorStatus(w http.ResponseWriter, r *http.Request, status int, err error, param string) {
	var body ErrorResponse
	body.Error.Code, body.Error.Message, body.Error.Param = frontline.ErrorCode(err), frontline.ErrorMessage(err), param
	if status >= 500 {
		body.Error.RequestID = requestID(r)
		if r.Context().Err() == nil {
			logf(r, "%s %s: %d: %v", r.Method, r.URL, status, err)
		}
	}
	w.Header().Del("ETag")
	w.Header().Del("Cache-Control")
	writeJSON(w, r, status, body)
}

// writeJSON writes v as JSON. A 200 answer to a GET carries an ETag (a hash
// of the body) and answers a matching If-None-Match with 304.
// encodeJSON encodes v as writeJSON sends it.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		logf(r, "%s %s: encoding the answer: %v", r.Method, r.URL, err)
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error":{"code":"internal","message":"internal error"}}` + "\n")
	}
	writeBody(w, r, status, "application/json; charset=utf-8", buf.Bytes(), "")
}

// writeBody writes a body with its content type; for a 200 answer to a GET
// or HEAD it sets an ETag, the given Cache-Control (if any), and answers
// If-None-Match.
func writeBody(w http.ResponseWriter, r *http.Request, status int, contentType string, body []byte, cacheControl string) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	if status == http.StatusOK && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		etag := bodyETag(body)
		h.Set("ETag", etag)
		if cacheControl != "" {
			h.Set("Cache-Control", cacheControl)
		}
		if etagMatch(r.Header.Get("If-None-Match"), etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func bodyETag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// etagMatch reports whether an If-None-Match header lists etag (weak
// comparison, as for GET).
func etagMatch(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}
