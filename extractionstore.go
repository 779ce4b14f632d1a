package frontline

import (
	"context"
	"time"
)

// Extraction results are derived data: what one version of the extractor
// read in one report. They are stored per (report, extractor version) and
// appended, never rewritten: a new extractor version adds rows beside the
// old ones, so an answer can always be traced to the rules that gave it.

// StoredExtraction is one report's extraction by one extractor version.
type StoredExtraction struct {
	ReportID int64  `json:"report_id"`
	Version  string `json:"version"`
	// RecordedAt is when the extraction was stored.
	RecordedAt time.Time `json:"recorded_at"`
	// Error says why nothing could be extracted (text not UTF-8, a claim
	// record naming an unknown place), "" when extraction succeeded. A
	// failed extraction is stored too, so it is not retried on every run.
	Error      string     `json:"error,omitempty"`
	Extraction Extraction `json:"extraction"`
}

// ExtractionFilter selects stored extractions.
type ExtractionFilter struct {
	ReportIDs []int64 // nil: every report
	// Version selects one extractor version; "" selects each report's
	// latest extraction (the last recorded).
	Version string
}

// ClaimQuery selects stored claims.
type ClaimQuery struct {
	PlaceID string // "": any place
	// PlaceIDs selects claims about any of these places (with PlaceID, about
	// either); nil: no such bound, empty: none.
	PlaceIDs []string
	ReportID int64 // 0: any report
	// Since and Until bound the report's published time (its recorded time
	// when the publication time is unknown), inclusive.
	Since, Until time.Time
	// Version selects one extractor version; "": each report's latest.
	Version string
	Offset  int
	Limit   int // 0: all
}

// StoredClaim is one claim of a stored extraction.
type StoredClaim struct {
	ReportID int64
	Version  string
	// Index is the claim's position in its extraction's Claims.
	Index int
	// ReportTime is the report's published time, or its recorded time when
	// the publication time is unknown.
	ReportTime time.Time
	Claim      Claim
	// Report describes the report the claim comes from.
	Report ReportEvent
}

// ExtractionStore persists extraction results.
type ExtractionStore interface {
	// PutExtractions stores extractions in one transaction. One already
	// stored for the same report and version is left as it is (rows are
	// never rewritten); added[i] says whether xs[i] was stored. A report
	// that does not exist is ENOTFOUND and fails the batch.
	PutExtractions(ctx context.Context, xs []*StoredExtraction) (added []bool, err error)
	// FindExtractions returns extractions by report ID, then recorded time.
	FindExtractions(ctx context.Context, filter ExtractionFilter) ([]*StoredExtraction, error)
	// FindClaims returns claims by report time, report ID, then index.
	FindClaims(ctx context.Context, q ClaimQuery) ([]*StoredClaim, error)
	// PendingReports returns, by ID, the IDs of reports with no extraction
	// by version.
	PendingReports(ctx context.Context, version string) ([]int64, error)
	ActivityReader
}

// ClaimFilter selects claims for people and programs (frontline claims,
// /api/v1/claims).
type ClaimFilter struct {
	PlaceID string
	// PlaceIDs selects claims about any of these places, in one query (the
	// settlements of a change); nil: no such bound, empty: none.
	PlaceIDs []string
	ReportID int64
	Since    time.Time
	Until    time.Time
	Offset   int
	Limit    int // 0: all
}

// ClaimView is a claim with what a reader needs to weigh it: which report
// made it, when, and who published and who said it, graded.
type ClaimView struct {
	Claim
	ReportID int64      `json:"report_id"`
	Index    int        `json:"index"` // position in the report's extraction
	Version  string     `json:"extractor_version"`
	Kind     ReportKind `json:"report_kind"`
	Title    string     `json:"report_title"`
	URL      string     `json:"url,omitempty"`
	Source   string     `json:"source"`
	// PublishedAt is nil when the report's publication time is unknown;
	// RecordedAt is when the report was stored.
	PublishedAt *time.Time `json:"published_at"`
	RecordedAt  time.Time  `json:"recorded_at"`
	// SourceKind, SourceSide and SourceReliability grade the publisher,
	// empty when it is not a known source.
	SourceKind        SourceKind  `json:"source_kind,omitempty"`
	SourceSide        Side        `json:"source_side,omitempty"`
	SourceReliability Reliability `json:"source_reliability,omitempty"`
	// SpeakerSource is the known source the speaker is ("the Russian
	// Ministry of Defense" → "Russian Ministry of Defence"), with its
	// grade; empty when the speaker is a person or not known.
	SpeakerSource      string      `json:"speaker_source,omitempty"`
	SpeakerReliability Reliability `json:"speaker_reliability,omitempty"`
}

// ClaimService answers questions about claims.
type ClaimService interface {
	// Claims returns claims by report time, report ID, then position.
	Claims(ctx context.Context, f ClaimFilter) ([]ClaimView, error)
	// ReportExtraction returns a report's latest extraction, ENOTFOUND if
	// the report exists but has not been read yet (or does not exist).
	ReportExtraction(ctx context.Context, reportID int64) (*StoredExtraction, error)
	ActivityReader
}

// ReportActivity is what was stored after a point, for event streams: new
// reports and new extractions, each by ID.
type ReportActivity struct {
	// LastReportID and LastExtractionID are the highest IDs stored: the
	// point to ask from next time.
	LastReportID     int64
	LastExtractionID int64
	Reports          []ReportEvent
	Extractions      []ExtractionEvent
}

// ReportEvent announces a stored report.
type ReportEvent struct {
	ReportID    int64      `json:"report_id"`
	Kind        ReportKind `json:"kind"`
	Source      string     `json:"source"`
	Title       string     `json:"title"`
	URL         string     `json:"url,omitempty"`
	PublishedAt *time.Time `json:"published_at"`
	RecordedAt  time.Time  `json:"recorded_at"`
}

// ExtractionEvent announces a stored extraction: how many claims it found
// and about which places.
type ExtractionEvent struct {
	ReportID   int64     `json:"report_id"`
	Version    string    `json:"extractor_version"`
	Claims     int       `json:"claims"`
	PlaceIDs   []string  `json:"place_ids"`
	RecordedAt time.Time `json:"recorded_at"`
}

// ActivityReader reads what was stored after given report and extraction
// IDs (at most limit of each, oldest first). Negative IDs ask only for the
// highest IDs stored.
type ActivityReader interface {
	Activity(ctx context.Context, afterReport, afterExtraction int64, limit int) (*ReportActivity, error)
}

// PreferClaimed picks, among a searched name's candidates that spell it as
// well as the best one does (homonyms: dozens of Kalynivka), the first that
// claims are about, so that a name given to a claims filter finds the
// place the reports mean. It returns the best candidate when none has
// claims, and how many homonyms there were.
func PreferClaimed(ctx context.Context, claims ClaimService, cs []PlaceCandidate) (*Place, int, error) {
	if len(cs) == 0 {
		return nil, 0, Errorf(ENOTFOUND, "no place")
	}
	best := cs[0]
	var same []PlaceCandidate
	for _, c := range cs {
		if c.Reason == best.Reason && c.Place.Name == best.Place.Name {
			same = append(same, c)
		}
	}
	if claims != nil && len(same) > 1 {
		for _, c := range same {
			got, err := claims.Claims(ctx, ClaimFilter{PlaceID: c.Place.ID, Limit: 1})
			if err != nil {
				return nil, 0, err
			}
			if len(got) > 0 {
				return c.Place, len(same) - 1, nil
			}
		}
	}
	return best.Place, len(same) - 1, nil
}
