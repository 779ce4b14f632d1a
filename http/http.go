// Package http serves Frontline's JSON API over HTTP with the standard
// library's router. Errors are JSON with a stable code; the code → status
// mapping lives in one place (errorStatus).
package http

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/frontline-osint/frontline"
)

// Server is Frontline's HTTP server.
type Server struct {
	ln     net.Listener
	server *http.Server
	mux    *http.ServeMux

	Addr         string
	LayerService frontline.LayerService
	PlaceService frontline.PlaceService // nil: no place routes answer
	MapService   frontline.MapService   // nil: no map routes answer
	Logger       *log.Logger

	// Static serves everything outside /api/ and /ogc/ (the web map, package
	// web); nil: GET / answers the JSON index.
	Static http.Handler
	// OGC serves OGC API – Features under /ogc (package ogc); nil: 404.
	OGC http.Handler
}

// NewServer returns a server with its routes registered.
func NewServer() *Server {
	s := &Server{mux: http.NewServeMux()}
	s.server = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	s.registerLayerRoutes(s.mux)
	s.registerPlaceRoutes(s.mux)
	s.mux.HandleFunc("GET /api/v1/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, frontline.Errorf(frontline.ENOTFOUND, "no route %s", r.URL.Path), "")
	})
	s.mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		if s.Static != nil {
			s.Static.ServeHTTP(w, r)
			return
		}
		s.handleIndex(w, r)
	})
	s.mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		if s.Static == nil {
			writeError(w, r, frontline.Errorf(frontline.ENOTFOUND, "no route %s", r.URL.Path), "")
			return
		}
		s.Static.ServeHTTP(w, r)
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

// ServeHTTP serves a request, recovering from handler panics as 500s.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if s.Logger != nil {
				s.Logger.Printf("panic serving %s: %v", r.URL, v)
			}
			writeError(w, r, errors.New("panic"), "")
		}
	}()
	s.mux.ServeHTTP(w, r)
}

// Open starts listening on Addr (":0" picks a free port) and serving.
func (s *Server) Open() (err error) {
	if s.ln, err = net.Listen("tcp", s.Addr); err != nil {
		return err
	}
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
	return s.server.Shutdown(ctx)
}

// errorStatus maps error codes to HTTP statuses.
var errorStatus = map[string]int{
	frontline.ECONFLICT: http.StatusConflict,
	frontline.EINVALID:  http.StatusBadRequest,
	frontline.ENOTFOUND: http.StatusNotFound,
	frontline.EINTERNAL: http.StatusInternalServerError,
}

// ErrorResponse is the body of every error.
type ErrorResponse struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Param   string `json:"param,omitempty"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, r *http.Request, err error, param string) {
	code := frontline.ErrorCode(err)
	status, ok := errorStatus[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	var body ErrorResponse
	body.Error.Code, body.Error.Message, body.Error.Param = code, frontline.ErrorMessage(err), param
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"name": "Frontline",
		"api":  "/api/v1",
		"routes": []string{
			"GET /api/v1/layers",
			"GET /api/v1/layers/{layer}",
			"GET /api/v1/layers/{layer}/snapshots?from=&to=&as_known=&all_versions=",
			"GET /api/v1/layers/{layer}/area?at=&as_known=&tz=",
			"GET /api/v1/layers/{layer}/change?from=&to=&as_known=&tz=",
			"GET /api/v1/layers/{layer}/series?from=&to=&as_known=&tz=",
			"GET /api/v1/places?q=&oblast=&near=LON,LAT&limit=",
			"GET /api/v1/places/{id}",
			"GET /api/v1/places/{id}/timeline?layer=&as_known=",
		},
	})
}
