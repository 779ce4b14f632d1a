package frontline

// Extraction results: what a report says about which places. The JSON field
// names are a contract (`frontline check --json`, issue 6): other programs
// read them. Offsets (Start, End) are byte offsets into the UTF-8 text of
// the report, End exclusive, so text[Start:End] is the quoted span.

// Sides a claim can favour or a speaker can belong to: type Side and
// SideUkraine, SideRussia, SideNeutral in report.go (shared with sources).

// Assertions a claim makes about a place.
const (
	AssertCaptured        = "captured"         // taken by force (by the side the claim favours)
	AssertLiberated       = "liberated"        // retaken, recaptured, regained control
	AssertUnderControl    = "under_control"    // held by the side the claim favours
	AssertContested       = "contested"        // fighting in or for the place
	AssertAttacked        = "attacked"         // shelled, struck, bombarded
	AssertWithdrawn       = "withdrawn"        // the other side withdrew, regrouped, fled
	AssertAdvancedTowards = "advanced_towards" // moving on the place, not yet there
	AssertAtOutskirts     = "at_outskirts"     // at the gates, on the edge of the place
	// AssertDenied is a denial of another claim ("statements about 70 per
	// cent of Pokrovsk are untrue", "спростував", "не соответствует
	// действительности"): Claim.Denied says which claim is denied; Side is
	// the side the denial favours (the opposite of the denied claim's).
	AssertDenied = "denied"
)

// Mention kinds.
const (
	MentionSettlement = "settlement" // a KATOTTG settlement
	MentionSite       = "site"       // a watched site (nuclear plant, dam)
	MentionOblast     = "oblast"     // a first-level region ("Kharkiv region")
)

// Mention is a place name found in a text and resolved through the
// gazetteer.
type Mention struct {
	Mention string       `json:"mention"` // the text as written
	Start   int          `json:"start"`
	End     int          `json:"end"`
	Kind    string       `json:"kind"` // settlement, site, oblast
	Place   MentionPlace `json:"place"`
	// Score is the gazetteer's score of the chosen reading; Reason how the
	// spelling matched (exact, transliteration, alternate); Alternatives
	// how many other places the name may also mean.
	Score        float64 `json:"score,omitempty"`
	Reason       string  `json:"reason,omitempty"`
	Alternatives int     `json:"alternatives,omitempty"`
	// Direction marks a place named as a direction of the front ("the
	// Pokrovsk direction", "Покровський напрямок", "Купянское
	// направление"): it says where, never that the place itself changed
	// hands, so no claim is made about it.
	Direction bool `json:"direction,omitempty"`
}

// MentionPlace is the place a mention resolved to. For an oblast the ID is
// the oblast's KATOTTG code and there is no point: Lon and Lat are left out
// of the JSON (as for a settlement the gazetteer has no point for).
type MentionPlace struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	Kind      string  `json:"kind,omitempty"`
	Oblast    string  `json:"oblast,omitempty"`
	OblastISO string  `json:"oblast_iso,omitempty"`
	Lon       float64 `json:"lon,omitempty"`
	Lat       float64 `json:"lat,omitempty"`
	// Country is "" for Ukraine, else the place's ISO 3166-1 alpha-2 code
	// ("RU" for Kursk oblast's villages): see Place.Country.
	Country string `json:"country,omitempty"`
}

// HasPoint reports whether the place has a point.
func (p MentionPlace) HasPoint() bool { return p.Lon != 0 || p.Lat != 0 }

// Claim is one assertion about one place, as a report states it.
type Claim struct {
	Quote     string `json:"quote"` // the sentence (or clause) that makes it
	Start     int    `json:"start"`
	End       int    `json:"end"`
	PlaceID   string `json:"place_id"`
	PlaceName string `json:"place_name,omitempty"`
	Mention   string `json:"mention,omitempty"` // the place as written
	Assertion string `json:"assertion"`
	// Side is the side the claim favours (ukraine, russia), empty when it
	// favours neither (an attack of unknown origin, fighting).
	Side Side `json:"side"`
	// Trigger is the words that carry the assertion ("retaken", "under our
	// control").
	Trigger string `json:"trigger,omitempty"`
	// Speaker is the attributed speaker as written ("Vitaly Ganchev, the
	// Russian-appointed administrative head of the Kharkiv region"); empty
	// when the report itself asserts it. SpeakerSide is ukraine, russia,
	// neutral, or empty when unknown.
	Speaker     string `json:"speaker"`
	SpeakerSide Side   `json:"speaker_side"`
	// RefersTo is the ISO 8601 date ("2022-09-10") or interval
	// ("2022-09-05/2022-09-10") the claim refers to, resolved against the
	// publication time; RefersToPhrase the words it came from, empty when
	// the date defaults to the publication date.
	RefersTo       string `json:"refers_to"`
	RefersToPhrase string `json:"refers_to_phrase,omitempty"`
	// Hedges are the words that weaken it ("likely", "suggested").
	Hedges []string `json:"hedges,omitempty"`
	// Evidence names the kind of evidence the sentence cites (video, photo,
	// satellite), if any.
	Evidence string `json:"evidence,omitempty"`
	// Credibility (1 best … 6 cannot be judged) and its reasons are set by
	// assessment; extraction leaves them zero and empty.
	Credibility int      `json:"credibility"`
	Reasons     []string `json:"reasons"`
	// Denied is set on a denial (Assertion "denied"): the assertion and
	// side of the claim the speaker denies.
	Denied *DeniedClaim `json:"denied,omitempty"`
}

// DeniedClaim is the claim a denial names: "Ukraine denies that Russia
// captured Selydove" is a denial with Denied {captured, russia}.
type DeniedClaim struct {
	Assertion string `json:"assertion"`
	Side      Side   `json:"side"`
}

// Kinds of numeric claims.
const (
	NumberArea     = "area"     // km²
	NumberDistance = "distance" // km between places
	NumberAdvance  = "advance"  // km moved
	NumberTroops   = "troops"   // a count of soldiers
	// NumberShare is a share of a place in per cent ("70 per cent of
	// Pokrovsk", "80 процентов Селидово"): not an area.
	NumberShare = "share"
)

// Bounds of a numeric claim.
const (
	BoundMoreThan = "more_than"
	BoundLessThan = "less_than"
	BoundAbout    = "about"
	BoundExact    = "exact"
)

// Verdicts of a numeric check.
const (
	VerdictConsistent   = "consistent"
	VerdictInconsistent = "inconsistent"
	VerdictImpossible   = "impossible"
	VerdictUnchecked    = "unchecked"
	// VerdictOutsideLayer: the number is about a place outside the layer's
	// territory (a Kursk oblast village), so the layer cannot check it.
	VerdictOutsideLayer = "outside_layer"
)

// NumberClaim is a quantitative claim: an area, a distance, an advance or a
// number of troops, in normal units (km², km, count).
type NumberClaim struct {
	Quote string  `json:"quote"` // the number with its unit and bound words ("more than 2,500 square kilometers")
	Start int     `json:"start"`
	End   int     `json:"end"`
	Kind  string  `json:"kind"`
	Value float64 `json:"value"` // in Unit; for a range, its middle
	// Min and Max give a stated range ("between 10,000 and 20,000").
	Min   float64 `json:"min,omitempty"`
	Max   float64 `json:"max,omitempty"`
	Unit  string  `json:"unit"` // km2, km, troops
	Bound string  `json:"bound"`
	// AsWritten is the value and unit as the text gives them when they
	// were converted ("30 miles").
	AsWritten string `json:"as_written,omitempty"`
	// Sentence is the span of the sentence the number stands in.
	SentenceStart int `json:"sentence_start"`
	SentenceEnd   int `json:"sentence_end"`
	// PlaceID is the place the number is about (Kupiansk in "Kupiansk, 73
	// kilometers north of Izium"); ReferenceID the place it is measured
	// from (Izium); Direction the stated compass direction ("north").
	PlaceID     string `json:"place_id,omitempty"`
	ReferenceID string `json:"reference_id,omitempty"`
	Direction   string `json:"direction,omitempty"`
	// PlaceIDs are all places named in the sentence.
	PlaceIDs []string `json:"place_ids,omitempty"`
	// Country is "" when the number is about Ukraine (or the text does
	// not say), else the ISO 3166-1 alpha-2 code of the country it is
	// about: "RU" for "1,150 square km in Kursk oblast", whose sentence
	// names a Russian oblast or only places across the border. Such a
	// number is not checked against Ukraine's map.
	Country string `json:"country,omitempty"`
	// Side is who gained the area or made the advance, when stated.
	Side Side `json:"side,omitempty"`
	// Speaker as for Claim.
	Speaker     string `json:"speaker,omitempty"`
	SpeakerSide Side   `json:"speaker_side,omitempty"`
	// RefersTo and Window: the date or interval the number is about, as for
	// Claim.RefersTo; RefersToPhrase the words.
	RefersTo       string `json:"refers_to"`
	RefersToPhrase string `json:"refers_to_phrase,omitempty"`
	// Verdict, Measured (what Frontline measured, in Unit) and Reason are
	// set by assessment; extraction leaves the verdict "unchecked".
	Verdict  string   `json:"verdict"`
	Measured *float64 `json:"measured"`
	Reason   string   `json:"reason"`
}

// Extraction is everything extracted from one text.
type Extraction struct {
	Places  []Mention     `json:"places"`
	Claims  []Claim       `json:"claims"`
	Numbers []NumberClaim `json:"numbers"`
}
