package frontline

import (
	"strings"
	"time"
)

// StatusPeriod is a run of days on which a place held one status.
type StatusPeriod struct {
	Status Status `json:"status"`
	From   string `json:"from"` // first day, YYYY-MM-DD
	To     string `json:"to"`   // last day
}

// PlaceDay is a place's status on the map of one day.
type PlaceDay struct {
	Date       string `json:"date"`
	Status     Status `json:"status"`
	SnapshotID int64  `json:"snapshot_id"`
}

// PlaceTimeline is a place's control status over a layer's days.
type PlaceTimeline struct {
	Layer   string         `json:"layer"`
	Place   *Place         `json:"place"`
	AsKnown *time.Time     `json:"as_known"`
	Periods []StatusPeriod `json:"periods"`
	Days    []PlaceDay     `json:"days"`
}

// SettlementChange is a settlement whose status differs between two maps.
type SettlementChange struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	NameUK     string  `json:"name_uk"`
	Kind       string  `json:"kind"`
	Oblast     string  `json:"oblast"`
	Population int     `json:"population"`
	Lon        float64 `json:"lon"`
	Lat        float64 `json:"lat"`
	From       Status  `json:"from"`
	To         Status  `json:"to"`
	// ExplainedBy lists the claims, notes and observations about the
	// settlement in the window of the change (ChangeResult.Explained), best
	// first; Unexplained is true when the window was searched and nothing
	// was found. Both are left empty when nobody asked.
	ExplainedBy []ChangeExplanation `json:"explained_by,omitempty"`
	Unexplained bool                `json:"unexplained,omitempty"`
}

// Kinds of ChangeExplanation.
const (
	ExplanationClaim    = "claim"    // a claim of a report (a press text, a tracker's note, a claim record)
	ExplanationEvidence = "evidence" // a geolocated observation near the settlement
)

// How an explanation fits the change (ChangeExplanation.Fits).
const (
	FitsAgrees    = "agrees"    // it says the side the settlement went to holds or took it
	FitsDisagrees = "disagrees" // it says the side it went from still holds it (or denies the change)
	FitsFighting  = "fighting"  // fighting, an advance or the outskirts: the change under way
	FitsNeutral   = "neutral"   // it names the place without saying who holds it (a strike, an observation)
)

// ChangeExplanation is one claim, tracker's note or observation about a
// settlement that changed hands, from the window of the change.
type ChangeExplanation struct {
	Kind       string     `json:"kind"` // claim or evidence
	ReportID   int64      `json:"report_id"`
	ReportKind ReportKind `json:"report_kind"`
	Title      string     `json:"report_title"`
	URL        string     `json:"url,omitempty"`
	// Source is the publisher, with its grade when it is a known source.
	Source            string      `json:"source"`
	SourceReliability Reliability `json:"source_reliability,omitempty"`
	// Side is the side a claim favours, "" for an observation.
	Side        Side   `json:"side"`
	Assertion   string `json:"assertion,omitempty"`
	Speaker     string `json:"speaker,omitempty"`
	SpeakerSide Side   `json:"speaker_side,omitempty"`
	// Credibility is the claim's grade (1 confirmed … 6 cannot be judged),
	// 0 for an observation or when no assessment was available.
	Credibility int `json:"credibility"`
	// Quote is the claim's sentence, or the observation's description.
	Quote string `json:"quote"`
	// RefersTo is the date (or interval) the claim refers to; for an
	// observation, the day it was made.
	RefersTo    string     `json:"refers_to"`
	PublishedAt *time.Time `json:"published_at"`
	// Fits says how it bears on the change: agrees, disagrees, fighting,
	// neutral.
	Fits string `json:"fits"`
	// DistanceKm is how far an observation lies from the settlement.
	DistanceKm float64 `json:"distance_km,omitempty"`
}

// ExplainWindow is the window in which claims and observations are looked
// for to explain a change: the change's days widened by a margin.
type ExplainWindow struct {
	From       string  `json:"from"` // first day, YYYY-MM-DD
	To         string  `json:"to"`   // last day
	MarginDays int     `json:"margin_days"`
	EvidenceKm float64 `json:"evidence_km"`
	// Explained and Unexplained count the settlements with and without an
	// explanation.
	Explained   int `json:"explained"`
	Unexplained int `json:"unexplained"`
}

// StatusCount counts the settlements and their people in one status.
type StatusCount struct {
	Settlements int `json:"settlements"`
	Population  int `json:"population"`
}

// SettlementPeriods is one settlement's control over a window of a layer's
// days, run-length: a period per status held, first day to last.
type SettlementPeriods struct {
	ID          string         `json:"id"`
	Name        string         `json:"name"`
	NameUK      string         `json:"name_uk"`
	Kind        string         `json:"kind"`
	Oblast      string         `json:"oblast"`
	OblastISO   string         `json:"oblast_iso"`
	Population  int            `json:"population"`
	Lon         float64        `json:"lon"`
	Lat         float64        `json:"lat"`
	PointSource string         `json:"point_source"`
	Periods     []StatusPeriod `json:"periods"`
}

// SettlementFilter narrows SettlementsResult: to an oblast (ISO code,
// "UA-14"), to the settlements that held more than one status in the
// window.
type SettlementFilter struct {
	OblastISO string
	Changed   bool
}

// SettlementsResult is the status of every settlement with a point of its
// own, on every day of a window of a layer.
type SettlementsResult struct {
	Layer   string     `json:"layer"`
	From    string     `json:"from"`
	To      string     `json:"to"`
	AsKnown *time.Time `json:"as_known"`
	// Days is the number of days of the window; Located the settlements
	// the layer's maps were read at (before the filter); Changed those
	// that held more than one status in the window.
	Days    int `json:"days"`
	Located int `json:"located"`
	Changed int `json:"changed"`
	// FromCells tells whether the layer's cells answered (else every
	// distinct map's pieces were read).
	FromCells   bool                `json:"from_cells"`
	Settlements []SettlementPeriods `json:"settlements"`
}

// ParseOblastISO reads an oblast's ISO 3166-2 code ("UA-14", any case,
// spaces trimmed) and returns it in upper case.
func ParseOblastISO(s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	ok := len(s) == 5 && strings.HasPrefix(s, "UA-")
	for i := 3; ok && i < 5; i++ {
		ok = s[i] >= '0' && s[i] <= '9'
	}
	if !ok {
		return "", Errorf(EINVALID, "%q is not an oblast code (UA-NN, e.g. UA-14 for Donetsk)", s)
	}
	return s, nil
}
