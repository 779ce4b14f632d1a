package http

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log"
	"net/http"
)

// requestInfo is what a request's context carries for logging.
type requestInfo struct {
	id     string
	logger *log.Logger
}

type requestInfoKey struct{}

// withRequestID gives a request an ID, sent back as X-Request-ID and
// written with whatever the server logs about the request.
func (s *Server) withRequestID(w http.ResponseWriter, r *http.Request) *http.Request {
	var b [8]byte
	rand.Read(b[:])
	info := &requestInfo{id: hex.EncodeToString(b[:]), logger: s.Logger}
	w.Header().Set("X-Request-ID", info.id)
	return r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, info))
}

// requestID returns a request's ID ("" outside the server).
func requestID(r *http.Request) string {
	if info, ok := r.Context().Value(requestInfoKey{}).(*requestInfo); ok {
		return info.id
	}
	return ""
}

// logf logs about a request, prefixed with its ID, to the server's logger
// (the standard logger if it has none).
func logf(r *http.Request, format string, args ...any) {
	info, _ := r.Context().Value(requestInfoKey{}).(*requestInfo)
	if info == nil {
		log.Printf("http: "+format, args...)
		return
	}
	args = append([]any{info.id}, args...)
	if info.logger != nil {
		info.logger.Printf("request %s: "+format, args...)
	} else {
		log.Printf("http: request %s: "+format, args...)
	}
}
