package frontline

import (
	"context"
	"time"
)

// Assessment: how far to trust each claim, where sources disagree, and
// what the claims together say about who holds each settlement (package
// assess computes them).

// Credibility grades a claim on the Admiralty scale of information
// credibility, 1 (best) to 6. Claim.Credibility holds it; its reasons say
// which factors moved it.
const (
	CredibilityConfirmed  = 1 // confirmed by independent sources (or sources and the maps)
	CredibilityProbable   = 2 // probably true: a reliable source, or corroborated
	CredibilityPossible   = 3 // possibly true
	CredibilityDoubtful   = 4 // doubtful
	CredibilityImprobable = 5 // improbable: an unreliable source, or contradicted by the maps
	CredibilityUnjudged   = 6 // cannot be judged: nothing known of the source, nothing to check it against
)

// Kinds of contradiction.
const (
	ContradictionClaims   = "claim_claim"    // two claims imply different control of a place on the same days
	ContradictionEvidence = "claim_evidence" // a claim against a claim citing footage, or a geolocated observation
	ContradictionLayer    = "claim_layer"    // a claim against a control layer's map of that day
)

// Contradiction is two accounts of one place on the same days that
// cannot both hold, side by side, and what (if anything) decides between
// them.
type Contradiction struct {
	Kind      string `json:"kind"`
	PlaceID   string `json:"place_id"`
	PlaceName string `json:"place_name"`
	// Date is the day (or interval, "2022-09-09/2022-09-10") on which the
	// two accounts conflict.
	Date       string            `json:"date"`
	A          ContradictionSide `json:"a"`
	B          ContradictionSide `json:"b"`
	Resolution Resolution        `json:"resolution"`
}

// ContradictionSide is one account in a contradiction: a claim, a
// geolocated observation, or a layer's map of the day.
type ContradictionSide struct {
	Kind string `json:"kind"` // claim, evidence, layer
	// Quote is the claim's words, the observation's description, or for a
	// layer what its map shows ("deepstate: ukraine on 2022-09-10").
	Quote       string `json:"quote"`
	Speaker     string `json:"speaker"`
	SpeakerSide Side   `json:"speaker_side"`
	// Source is the publisher (or, for an attributed claim, the known
	// source the speaker is), or the layer's name.
	Source string `json:"source"`
	// Credibility of the claim (1–6); for a layer, 0.
	Credibility int    `json:"credibility"`
	Assertion   string `json:"assertion,omitempty"`
	// Implies is the control status the account implies on Date.
	Implies  Status `json:"implies"`
	RefersTo string `json:"refers_to,omitempty"`
	// ReportID and Index name a stored claim (report, position in its
	// extraction); in `frontline check` ReportID is 0 and Index the claim's
	// position in the document's claims. Start and End are its byte span.
	ReportID int64  `json:"report_id,omitempty"`
	Index    int    `json:"index"`
	Start    int    `json:"start,omitempty"`
	End      int    `json:"end,omitempty"`
	Evidence string `json:"evidence,omitempty"` // video, photo, satellite …
	Link     string `json:"link,omitempty"`
	Layer    string `json:"layer,omitempty"`
}

// Resolution says which account holds, when something decides: the
// layer's map of the day, or a geolocated observation against words.
type Resolution struct {
	Resolved bool `json:"resolved"`
	// Holds is "a" or "b" when resolved.
	Holds string `json:"holds,omitempty"`
	// Favours is the side whose account holds; Status the control that
	// decided it.
	Favours Side   `json:"favours,omitempty"`
	Status  Status `json:"status,omitempty"`
	// By names what decided: a layer's name, or "evidence".
	By     string `json:"by,omitempty"`
	Reason string `json:"reason"`
}

// ContradictionFilter selects contradictions among stored claims.
type ContradictionFilter struct {
	PlaceID string
	// Since and Until bound the claims' report time, inclusive.
	Since, Until time.Time
}

// AssessedClaim is a claim that decided (part of) an assessed period.
type AssessedClaim struct {
	ReportID    int64  `json:"report_id,omitempty"`
	Index       int    `json:"index"`
	Quote       string `json:"quote"`
	Speaker     string `json:"speaker"`
	Source      string `json:"source"`
	Assertion   string `json:"assertion"`
	Implies     Status `json:"implies"`
	RefersTo    string `json:"refers_to"`
	Credibility int    `json:"credibility"`
}

// AssessedPeriod is a run of days on which the claims put a settlement
// under one status. To is "" while no later claim changes it.
type AssessedPeriod struct {
	Status Status `json:"status"`
	From   string `json:"from"`
	To     string `json:"to"`
	// Confidence (0–1) is how strongly the claims agree on the status,
	// weighted by their credibility.
	Confidence float64         `json:"confidence"`
	Claims     []AssessedClaim `json:"claims"`
}

// AssessedTimeline is a settlement's control as the claims tell it: the
// `assessed` layer, one place.
type AssessedTimeline struct {
	PlaceID   string           `json:"place_id"`
	PlaceName string           `json:"place_name"`
	Lon       float64          `json:"lon"`
	Lat       float64          `json:"lat"`
	Periods   []AssessedPeriod `json:"periods"`
}

// AssessmentService grades stored claims and finds where they disagree.
type AssessmentService interface {
	// GradeClaims sets Credibility and Reasons of each claim in place,
	// weighed against every stored claim, the evidence and the layer.
	GradeClaims(ctx context.Context, cs []ClaimView) error
	// Contradictions returns contradictions among stored claims, evidence
	// and the layer, by place then date.
	Contradictions(ctx context.Context, f ContradictionFilter) ([]Contradiction, error)
	// Assessed returns the assessed timeline of each settlement claims
	// name (one place when placeID is set), by place name.
	Assessed(ctx context.Context, placeID string) ([]AssessedTimeline, error)
}
