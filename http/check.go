package http

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/frontline-osint/frontline"
)

// maxCheckBytes bounds the body of POST /api/v1/check.
const maxCheckBytes = 4 << 20

// checkRequest is the JSON body of POST /api/v1/check.
type checkRequest struct {
	Text      string  `json:"text" doc:"The document: plain text, or a web page's HTML (its main text is read)."`
	Published string  `json:"published,omitempty" doc:"Publication time (RFC 3339 or YYYY-MM-DD, UTC); default: what the document says, else the time of the check (published_note says so)."`
	Source    string  `json:"source,omitempty" doc:"Publisher (a known source's name or alias); default: what the document says."`
	Layer     *string `json:"layer,omitempty" doc:"Control layer to check claims and numbers against; absent or null: deepstate; empty: none."`
	AsKnown   string  `json:"as_known,omitempty" doc:"Check against the layer as Frontline knew it at this time (RFC 3339 or YYYY-MM-DD)."`
}

// checkParams are the query parameters of a text/plain or text/html check.
var checkParams = []string{"published", "source", "layer", "as_known"}

// handleCheck checks a posted document as `frontline check --json` does,
// storing nothing. The body is JSON (checkRequest), or the document itself
// as text/plain or text/html with the other fields as query parameters.
// Checking stores nothing, so a cross-site form posting text is harmless.
func (s *Server) handleCheck(w http.ResponseWriter, r *http.Request) {
	if s.Check == nil {
		writeError(w, r, frontline.Errorf(frontline.ENOTFOUND, "this server cannot check documents"), "")
		return
	}
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" && mt != "text/plain" && mt != "text/html" {
		writeErrorStatus(w, r, http.StatusUnsupportedMediaType, frontline.Errorf(frontline.EINVALID, "send the document as JSON {\"text\": …} (Content-Type: application/json), or as text/plain or text/html with published, source, layer and as_known as query parameters"), "")
		return
	}
	if cs, ok := params["charset"]; ok && mt != "application/json" && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "us-ascii") {
		writeErrorStatus(w, r, http.StatusUnsupportedMediaType, frontline.Errorf(frontline.EINVALID, "charset %q: send UTF-8", cs), "")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxCheckBytes+1))
	if err != nil {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "reading the body: %v", err), "")
		return
	}
	if len(body) > maxCheckBytes {
		writeErrorStatus(w, r, http.StatusRequestEntityTooLarge, frontline.Errorf(frontline.EINVALID, "a document to check is at most %d MiB", maxCheckBytes>>20), "")
		return
	}
	var in checkRequest
	q := r.URL.Query()
	name := "document.txt"
	if mt == "application/json" {
		for _, p := range checkParams {
			if q.Has(p) {
				writeError(w, r, frontline.Errorf(frontline.EINVALID, "with a JSON body, give %s in the body, not in the query", p), p)
				return
			}
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "malformed check request: %v", err), "")
			return
		}
		if dec.More() {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "malformed check request: more than one JSON value"), "")
			return
		}
	} else {
		if !utf8.Valid(body) {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "the document is not UTF-8 text"), "")
			return
		}
		in.Text, in.Published, in.Source, in.AsKnown = string(body), q.Get("published"), q.Get("source"), q.Get("as_known")
		if q.Has("layer") {
			l := q.Get("layer")
			in.Layer = &l
		}
		if mt == "text/html" {
			name = "document.html"
		}
	}
	if strings.TrimSpace(in.Text) == "" {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "no document: text is empty"), "text")
		return
	}
	req := frontline.CheckRequest{Name: name, Data: []byte(in.Text), Source: in.Source, Layer: "deepstate"}
	if in.Layer != nil {
		req.Layer = *in.Layer
	}
	if in.Published != "" {
		t, err := frontline.ParseInstant(in.Published)
		if err != nil {
			writeError(w, r, err, "published")
			return
		}
		req.Published = &t
	}
	if in.AsKnown != "" {
		t, err := frontline.ParseInstant(in.AsKnown)
		if err != nil {
			writeError(w, r, err, "as_known")
			return
		}
		req.AsKnown = t
	}
	res, err := s.Check.Check(r.Context(), req)
	if err != nil {
		param := ""
		if frontline.ErrorCode(err) == frontline.EINVALID {
			param = "text"
		}
		writeError(w, r, err, param)
		return
	}
	// The document was posted, not read from a file: no file name.
	res.File = ""
	writeJSON(w, r, http.StatusOK, res)
}
