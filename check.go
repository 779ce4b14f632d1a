package frontline

import (
	"context"
	"time"
)

// CheckRequest is a document to check against what Frontline knows, without
// storing it: `frontline check FILE` and POST /api/v1/check.
type CheckRequest struct {
	// Name is the document's file name: its extension is a hint to its
	// format (.txt, .html), a date it starts with (2022-09-08-….txt) gives
	// the publication day when the document gives none, and it is reported
	// back as CheckResult.File. It may be "".
	Name string
	// Data is the document as read: plain text or a web page; one document
	// (a feed or a table of several is refused).
	Data []byte
	// Published is when the document was published; nil: what it says,
	// else the date Name starts with, else now (with a note).
	Published *time.Time
	// Source is the publisher (a known source's name or alias); "": what
	// the document says.
	Source string
	// Layer is the control layer to check claims and numbers against; "":
	// none.
	Layer string
	// AsKnown checks against the layer as Frontline knew it at this time;
	// zero: as it knows it now.
	AsKnown time.Time
}

// CheckResult is what a check finds: the contract of `frontline check
// --json` and POST /api/v1/check (places, claims, numbers, contradictions),
// plus what the check was made against. Its field names are a contract:
// add to them, never rename.
type CheckResult struct {
	Places         []CheckMention  `json:"places"`
	Claims         []CheckClaim    `json:"claims"`
	Numbers        []NumberClaim   `json:"numbers"`
	Contradictions []Contradiction `json:"contradictions"`

	// File is the request's Name.
	File string `json:"file"`
	// Text is the document's text as read (for HTML the page's main text;
	// a byte-order mark dropped, line ends made \n): the offsets index it.
	Text      string `json:"text"`
	Published string `json:"published"`
	// PublishedNote says why Published is the time of the check (the
	// document gives no publication time), "" otherwise.
	PublishedNote string `json:"published_note,omitempty"`
	Source        string `json:"source"`
	// Layer is the layer claims and numbers were checked against, "" when
	// none was loaded (LayerNote says why).
	Layer     string `json:"layer"`
	LayerNote string `json:"layer_note,omitempty"`
	// StoredClaims counts the stored claims the document was weighed
	// against.
	StoredClaims int `json:"stored_claims"`
}

// CheckMention is a mention whose place always carries lon and lat (null
// for a place without a point, such as an oblast).
type CheckMention struct {
	Mention
	Place CheckPlace `json:"place"`
}

// CheckPlace is a mentioned place with its point, lon and lat null when it
// has none.
type CheckPlace struct {
	MentionPlace
	Lon *float64 `json:"lon"`
	Lat *float64 `json:"lat"`
}

// CheckClaim is a graded claim with the source its speaker was matched to.
type CheckClaim struct {
	Claim
	SpeakerSource      string      `json:"speaker_source,omitempty"`
	SpeakerReliability Reliability `json:"speaker_reliability,omitempty"`
}

// CheckService checks a document against the stored claims, evidence and a
// control layer (package check).
type CheckService interface {
	// Check reads one document and weighs its claims and numbers; input
	// it cannot read is refused with EINVALID and the reason.
	Check(ctx context.Context, req CheckRequest) (*CheckResult, error)
}
