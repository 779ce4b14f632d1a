package http

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
)

// Reports, claims and sources. Report text is data: it is only ever served
// inside JSON (with HTML-escaped <, > and &), never as a page.

// reportKinds are the kinds a report list may be filtered by.
var reportKinds = []string{
	string(frontline.ReportText), string(frontline.ReportHTML), string(frontline.ReportRSSItem), string(frontline.ReportAtomEntry),
	string(frontline.ReportFeedJSONL), string(frontline.ReportClaimsJSONL), string(frontline.ReportEventCSV),
	string(frontline.ReportEvidenceJSON), string(frontline.ReportJPEG), string(frontline.ReportBellingcat), string(frontline.ReportDeepStateVersion),
}

var (
	pSince  = Param{Name: "since", In: "query", Type: "string", Format: "date-time", Description: "Only reports published (else recorded) at or after this time (RFC 3339 or YYYY-MM-DD).", Example: "2022-09-01"}
	pUntil  = Param{Name: "until", In: "query", Type: "string", Format: "date-time", Description: "Only reports published (else recorded) at or before this time (RFC 3339 or YYYY-MM-DD).", Example: ""}
	pOffset = between(queryParam("offset", "integer", "Skip this many (for paging; default 0).", ""), 0, 1<<30)
)

// reportSummary is a report in a list: no text, no bytes.
type reportSummary struct {
	ID          int64                `json:"id"`
	Hash        string               `json:"hash"`
	Source      string               `json:"source"`
	Kind        frontline.ReportKind `json:"kind"`
	Title       string               `json:"title"`
	URL         string               `json:"url,omitempty"`
	PublishedAt *time.Time           `json:"published_at"`
	RecordedAt  time.Time            `json:"recorded_at"`
	FileName    string               `json:"file_name"`
	Item        int                  `json:"item,omitempty"`
	Lang        string               `json:"lang,omitempty"`
	Note        string               `json:"note,omitempty"`
	TextBytes   int                  `json:"text_bytes"`
	Evidence    *frontline.Evidence  `json:"evidence,omitempty"`
}

type reportsResponse struct {
	Reports []reportSummary `json:"reports"`
	Limit   int             `json:"limit"`
	Offset  int             `json:"offset"`
}

// reportResponse is one report with its text and extraction.
type reportResponse struct {
	Report *frontline.Report `json:"report"`
	// SourceInfo grades the publisher; null when it is not a known source.
	SourceInfo *frontline.Source `json:"source_info"`
	// Extraction is null when the report has not been read yet.
	Extraction *frontline.StoredExtraction `json:"extraction"`
}

type claimsResponse struct {
	PlaceID string                `json:"place_id,omitempty"`
	Claims  []frontline.ClaimView `json:"claims"`
	Limit   int                   `json:"limit"`
	Offset  int                   `json:"offset"`
}

type sourcesResponse struct {
	Sources []*frontline.Source `json:"sources"`
}

// reportStores answers 404 when the server keeps no reports.
func (s *Server) reportStores(w http.ResponseWriter, r *http.Request) bool {
	if s.Reports == nil || s.Sources == nil || s.Claims == nil {
		writeError(w, r, frontline.Errorf(frontline.ENOTFOUND, "this server keeps no reports"), "")
		return false
	}
	return true
}

// intParam reads an optional integer query parameter within [lo, hi].
func intParam(w http.ResponseWriter, r *http.Request, name string, def, lo, hi int) (int, bool) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "%s must be an integer from %d to %d", name, lo, hi), name)
		return 0, false
	}
	return n, true
}

// instantParam reads an optional time query parameter.
func instantParam(w http.ResponseWriter, r *http.Request, name string) (time.Time, bool) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return time.Time{}, true
	}
	t, err := frontline.ParseInstant(v)
	if err != nil {
		writeError(w, r, err, name)
		return t, false
	}
	return t, true
}

// sourceNamed returns the known source name denotes (its name or an alias),
// nil if none.
func sourceNamed(srcs []*frontline.Source, name string) *frontline.Source {
	for _, src := range srcs {
		if src.Matches(name) {
			return src
		}
	}
	return nil
}

// handleReports lists reports: ?source=&since=&until=&kind=&limit=&offset=
func (s *Server) handleReports(w http.ResponseWriter, r *http.Request) {
	if !s.reportStores(w, r) {
		return
	}
	q := r.URL.Query()
	f := frontline.ReportFilter{Source: strings.TrimSpace(q.Get("source"))}
	var ok bool
	if f.Limit, ok = intParam(w, r, "limit", 100, 1, 1000); !ok {
		return
	}
	if f.Offset, ok = intParam(w, r, "offset", 0, 0, 1<<30); !ok {
		return
	}
	if f.Since, ok = instantParam(w, r, "since"); !ok {
		return
	}
	if f.Until, ok = instantParam(w, r, "until"); !ok {
		return
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && f.Until.Before(f.Since) {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "until is before since"), "until")
		return
	}
	if k := q.Get("kind"); k != "" {
		known := false
		for _, x := range reportKinds {
			known = known || x == k
		}
		if !known {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "unknown report kind %q (want one of %s)", k, strings.Join(reportKinds, ", ")), "kind")
			return
		}
		f.Kind = frontline.ReportKind(k)
	}
	if f.Source != "" {
		srcs, err := s.Sources.FindSources(r.Context())
		if err != nil {
			writeError(w, r, err, "")
			return
		}
		if src := sourceNamed(srcs, f.Source); src != nil {
			f.Source = src.Name
		}
	}
	rs, err := s.Reports.FindReports(r.Context(), f)
	if err != nil {
		writeError(w, r, err, "")
		return
	}
	out := reportsResponse{Reports: make([]reportSummary, 0, len(rs)), Limit: f.Limit, Offset: f.Offset}
	for _, x := range rs {
		out.Reports = append(out.Reports, reportSummary{ID: x.ID, Hash: x.Hash, Source: x.Source, Kind: x.Kind, Title: x.Title, URL: x.URL,
			PublishedAt: x.PublishedAt, RecordedAt: x.RecordedAt, FileName: frontline.FileBase(x.FileName), Item: x.Item, Lang: x.Lang, Note: x.Note,
			TextBytes: len(x.Text), Evidence: x.Evidence})
	}
	writeJSON(w, r, http.StatusOK, out)
}

// handleReport serves one report with its text and extraction.
func (s *Server) handleReport(w http.ResponseWriter, r *http.Request) {
	if !s.reportStores(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "report id must be a positive integer"), "id")
		return
	}
	rep, err := s.Reports.FindReport(r.Context(), id)
	if err != nil {
		writeError(w, r, err, "id")
		return
	}
	rep.Raw = nil
	rep.FileName = frontline.FileBase(rep.FileName) // stored whole before
	out := reportResponse{Report: rep}
	if rep.Source != "" {
		srcs, err := s.Sources.FindSources(r.Context())
		if err != nil {
			writeError(w, r, err, "")
			return
		}
		out.SourceInfo = sourceNamed(srcs, rep.Source)
	}
	x, err := s.Claims.ReportExtraction(r.Context(), id)
	if err != nil && frontline.ErrorCode(err) != frontline.ENOTFOUND {
		writeError(w, r, err, "")
		return
	}
	if x != nil && s.Assessment != nil && len(x.Extraction.Claims) > 0 {
		// Grade the report's claims as /claims does, by their index.
		cs, err := s.Claims.Claims(r.Context(), frontline.ClaimFilter{ReportID: id})
		if err != nil {
			writeError(w, r, err, "")
			return
		}
		if err := s.GradeClaims(r.Context(), cs); err != nil {
			writeError(w, r, err, "")
			return
		}
		for _, c := range cs {
			if c.Version == x.Version && c.Index >= 0 && c.Index < len(x.Extraction.Claims) {
				x.Extraction.Claims[c.Index].Credibility, x.Extraction.Claims[c.Index].Reasons = c.Credibility, c.Reasons
			}
		}
	}
	if x != nil {
		if nc := s.numberChecker(); nc != nil {
			if err := nc.CheckNumbers(r.Context(), x.Extraction.Numbers); err != nil {
				writeError(w, r, err, "")
				return
			}
		}
	}
	out.Extraction = x
	writeJSON(w, r, http.StatusOK, out)
}

// handleClaims lists claims: ?place=&report=&since=&until=&limit=&offset=
func (s *Server) handleClaims(w http.ResponseWriter, r *http.Request) {
	if !s.reportStores(w, r) {
		return
	}
	q := r.URL.Query()
	var f frontline.ClaimFilter
	var ok bool
	if f.Limit, ok = intParam(w, r, "limit", 500, 1, 5000); !ok {
		return
	}
	if f.Offset, ok = intParam(w, r, "offset", 0, 0, 1<<30); !ok {
		return
	}
	if f.Since, ok = instantParam(w, r, "since"); !ok {
		return
	}
	if f.Until, ok = instantParam(w, r, "until"); !ok {
		return
	}
	if v := q.Get("report"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "report must be a positive integer (a report ID)"), "report")
			return
		}
		if _, err := s.Reports.FindReport(r.Context(), id); err != nil {
			writeError(w, r, err, "report")
			return
		}
		f.ReportID = id
	}
	if v := strings.TrimSpace(q.Get("place")); v != "" {
		id, err := s.claimPlace(r, v)
		if err != nil {
			writeError(w, r, err, "place")
			return
		}
		f.PlaceID = id
	}
	cs, err := s.Claims.Claims(r.Context(), f)
	if err != nil {
		writeError(w, r, err, "")
		return
	}
	if err := s.GradeClaims(r.Context(), cs); err != nil {
		writeError(w, r, err, "")
		return
	}
	writeJSON(w, r, http.StatusOK, claimsResponse{PlaceID: f.PlaceID, Claims: cs, Limit: f.Limit, Offset: f.Offset})
}

// claimPlace reads the place parameter: a place ID, else a name's best
// match. Without a gazetteer the value is taken as an ID.
func (s *Server) claimPlace(r *http.Request, v string) (string, error) {
	if s.PlaceService == nil {
		return v, nil
	}
	if p, err := s.PlaceService.FindPlace(r.Context(), v); err == nil {
		return p.ID, nil
	} else if frontline.ErrorCode(err) != frontline.ENOTFOUND {
		return "", err
	}
	cs, err := s.PlaceService.SearchPlaces(r.Context(), frontline.PlaceQuery{Text: v, Limit: 200})
	if err != nil {
		return "", err
	}
	if len(cs) == 0 {
		return "", frontline.Errorf(frontline.ENOTFOUND, "no place matches %q", v)
	}
	// Of homonyms, the one the reports are about.
	p, _, err := frontline.PreferClaimed(r.Context(), s.Claims, cs)
	if err != nil {
		return "", err
	}
	return p.ID, nil
}

// handleSources lists the source registry.
func (s *Server) handleSources(w http.ResponseWriter, r *http.Request) {
	if !s.reportStores(w, r) {
		return
	}
	srcs, err := s.Sources.FindSources(r.Context())
	if err != nil {
		writeError(w, r, err, "")
		return
	}
	writeJSON(w, r, http.StatusOK, sourcesResponse{Sources: srcs})
}
