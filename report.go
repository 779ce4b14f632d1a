package frontline

import (
	"context"
	"strings"
	"time"
)

// ReportKind names the format a report was read from.
type ReportKind string

const (
	ReportText      ReportKind = "text"       // plain UTF-8 text
	ReportHTML      ReportKind = "html"       // a web page: its main text
	ReportRSSItem   ReportKind = "rss-item"   // one <item> of an RSS 2.0 (or 1.0) feed
	ReportAtomEntry ReportKind = "atom-entry" // one <entry> of an Atom feed
	// ReportFeedJSONL is one line of a JSON-lines archive of feed entries
	// ({"url": feed, "link", "title", "date_published", "description"}).
	ReportFeedJSONL    ReportKind = "feed-jsonl"
	ReportClaimsJSONL  ReportKind = "claims-jsonl"  // one line of structured claims
	ReportEventCSV     ReportKind = "event-csv"     // one row of an ACLED-style event table
	ReportEvidenceJSON ReportKind = "evidence-json" // one geolocated observation record
	ReportJPEG         ReportKind = "jpeg"          // a photo; EXIF GPS and time when present
	ReportBellingcat   ReportKind = "bellingcat"    // one incident of Bellingcat's civilian-harm export
	// ReportDeepStateVersion is one version of DeepStateMap's version list
	// (its /api/history/public): the editors' note on what changed, in
	// Ukrainian and English, with the names they linked to map points.
	ReportDeepStateVersion ReportKind = "deepstate-version"
)

// Report is one ingested document, as received: a whole file (text, HTML,
// JPEG) or one item of a file that holds many (a feed's item, a line of
// JSON lines, a row of CSV, a record of an evidence export).
//
// Reports are append-only: nothing stored is changed. Raw is kept verbatim
// and Hash is the hex SHA-256 of Raw, so the same document twice is stored
// once. Text is what extraction reads; byte offsets of claims and places
// refer to it.
type Report struct {
	ID   int64  `json:"id"`
	Hash string `json:"hash"`
	// Source is the publisher's name: the canonical name of a known source
	// when the given name or one of its aliases matched, otherwise as given
	// (--source, a feed's title, a record's source field); "" if unknown.
	Source string     `json:"source"`
	Kind   ReportKind `json:"kind"`
	Title  string     `json:"title"`
	URL    string     `json:"url,omitempty"`
	// PublishedAt is when the document was published; nil if unknown.
	PublishedAt *time.Time `json:"published_at"`
	// RecordedAt is when Frontline stored it.
	RecordedAt time.Time `json:"recorded_at"`
	// FileName is the base name of the file it came from (never the
	// ingesting user's folders: see FileBase); Item its position in
	// that file (1-based: a feed's item, a line, a CSV row), 0 for a
	// whole-file report.
	FileName string `json:"file_name"`
	Item     int    `json:"item,omitempty"`
	// Container is the hash of the whole file an item came from; the file
	// itself (a feed's channel, a CSV header) is kept beside the reports.
	Container string `json:"container,omitempty"`

	// Raw is the exact bytes as received: the whole file, or the item's own
	// bytes within it.
	Raw []byte `json:"-"`
	// Text is the extracted plain text, UTF-8.
	Text string `json:"text"`
	// Lang is a guess at the language of Text ("en", "uk", "ru"), "" when
	// no guess.
	Lang string `json:"lang,omitempty"`
	// Note says what ingestion could not read (a JPEG without GPS, a time
	// without a zone read as UTC).
	Note string `json:"note,omitempty"`
	// Evidence is the observation the report records, when it has a
	// location.
	Evidence *Evidence `json:"evidence,omitempty"`
	// Links are the spans of Text the publisher linked to a point (a
	// DeepStateMap note's <a href="…#zoom/lat/lon">Name</a>): the extractor
	// resolves the name they wrap to the place at that point.
	Links []Link `json:"links,omitempty"`
}

// Link is a span of a report's text that its publisher linked to a map
// point. Start and End are byte offsets into Text, End exclusive.
type Link struct {
	Start int     `json:"start"`
	End   int     `json:"end"`
	Lon   float64 `json:"lon"`
	Lat   float64 `json:"lat"`
}

// Evidence is a geolocated observation: a photo, a video, a satellite
// image, an incident or event with coordinates.
type Evidence struct {
	Lon float64 `json:"lon"`
	Lat float64 `json:"lat"`
	// Time is when the observation was made (or the event happened); nil
	// if unknown. TimePrecision is "day" when only the date is known,
	// "second" otherwise.
	Time          *time.Time `json:"time"`
	TimePrecision string     `json:"time_precision,omitempty"`
	// Kind is photo, video, satellite, event, incident or other.
	Kind        string `json:"kind"`
	Description string `json:"description,omitempty"`
	// Location is the place as the record names it ("Balakliia"), if any.
	Location string `json:"location,omitempty"`
	// Link is the main link; Links every link the record gives.
	Link  string   `json:"link,omitempty"`
	Links []string `json:"links,omitempty"`
}

// EvidenceKinds lists the evidence kinds.
var EvidenceKinds = []string{"photo", "video", "satellite", "event", "incident", "other"}

// ReportFilter selects reports. Since and Until bound the published time,
// or the recorded time of a report whose publication time is unknown.
type ReportFilter struct {
	Source string
	Kind   ReportKind
	Since  time.Time
	Until  time.Time
	// WithRaw loads Raw too (it is left nil otherwise).
	WithRaw bool
	Offset  int
	Limit   int // 0: all
}

// ReportContainer is a file that held several reports (a feed, JSON
// lines, a CSV table), kept whole so nothing of it is lost.
type ReportContainer struct {
	Hash       string
	Name       string
	Kind       ReportKind
	Raw        []byte
	RecordedAt time.Time
}

// ReportStore persists reports.
type ReportStore interface {
	// AddReports stores the reports of one file in one transaction: all
	// or none. A report whose Hash is already stored (or repeated earlier
	// in the slice) is not stored again: its ID is set to the stored
	// one's and added[i] is false. container may be nil (a whole-file
	// report); otherwise it is stored once by hash.
	AddReports(ctx context.Context, container *ReportContainer, reports []*Report) (added []bool, err error)
	// FindReport returns a report with its Raw, ENOTFOUND if none.
	FindReport(ctx context.Context, id int64) (*Report, error)
	// FindReports returns reports matching filter, by published (else
	// recorded) time then ID.
	FindReports(ctx context.Context, filter ReportFilter) ([]*Report, error)
}

// Side is who a source speaks for, or whom a claim favours.
type Side string

const (
	SideUkraine Side = "ukraine"
	SideRussia  Side = "russia"
	SideNeutral Side = "neutral"
)

// ParseSide reads a side.
func ParseSide(s string) (Side, error) {
	switch v := Side(strings.ToLower(strings.TrimSpace(s))); v {
	case SideUkraine, SideRussia, SideNeutral:
		return v, nil
	}
	return "", Errorf(EINVALID, "unknown side %q (want ukraine, russia or neutral)", s)
}

// SourceKind is what kind of publisher a source is.
type SourceKind string

const (
	SourceOfficial  SourceKind = "official"
	SourceMilitary  SourceKind = "military"
	SourceThinkTank SourceKind = "think_tank"
	SourceMedia     SourceKind = "media"
	SourceSocial    SourceKind = "social"
	SourceSensor    SourceKind = "sensor"
)

// ParseSourceKind reads a source kind ("think-tank" is read as think_tank).
func ParseSourceKind(s string) (SourceKind, error) {
	switch v := SourceKind(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "_")); v {
	case SourceOfficial, SourceMilitary, SourceThinkTank, SourceMedia, SourceSocial, SourceSensor:
		return v, nil
	}
	return "", Errorf(EINVALID, "unknown source kind %q (want official, military, think_tank, media, social or sensor)", s)
}

// Reliability is a source's grade on the Admiralty (NATO) scale, A to F.
type Reliability string

const (
	ReliabilityA Reliability = "A"
	ReliabilityB Reliability = "B"
	ReliabilityC Reliability = "C"
	ReliabilityD Reliability = "D"
	ReliabilityE Reliability = "E"
	ReliabilityF Reliability = "F"
)

var reliabilityMeaning = map[Reliability]string{
	ReliabilityA: "completely reliable",
	ReliabilityB: "usually reliable",
	ReliabilityC: "fairly reliable",
	ReliabilityD: "not usually reliable",
	ReliabilityE: "unreliable",
	ReliabilityF: "reliability cannot be judged",
}

// ParseReliability reads a grade A–F (either case).
func ParseReliability(s string) (Reliability, error) {
	r := Reliability(strings.ToUpper(strings.TrimSpace(s)))
	if _, ok := reliabilityMeaning[r]; ok {
		return r, nil
	}
	return "", Errorf(EINVALID, "unknown reliability %q (want a letter of the Admiralty scale: A completely reliable, B usually, C fairly, D not usually, E unreliable, F cannot be judged)", s)
}

// Meaning is the grade's definition ("usually reliable").
func (r Reliability) Meaning() string { return reliabilityMeaning[r] }

// Rank is 1 for A to 6 for F, 0 if invalid. Note that F means "cannot
// be judged", not "worse than E".
func (r Reliability) Rank() int {
	if _, ok := reliabilityMeaning[r]; !ok || len(r) != 1 {
		return 0
	}
	return int(r[0]-'A') + 1
}

// Source is a publisher of reports: who it is, whose side it speaks for,
// and how far to trust it.
type Source struct {
	Name        string      `json:"name"`
	Kind        SourceKind  `json:"kind"`
	Side        Side        `json:"side"`
	Reliability Reliability `json:"reliability"`
	Reason      string      `json:"reason"`
	// Aliases are names under which the source appears in text and
	// feeds ("ISW", "Institute for the Study of War", "understandingwar.org").
	Aliases []string `json:"aliases"`
	// Origin is "default" for a shipped default nobody edited, "user"
	// once a user added or changed it (defaults then leave it alone).
	Origin    string    `json:"origin"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Matches reports whether name is the source's name or one of its
// aliases, ignoring case and surrounding space.
func (s *Source) Matches(name string) bool {
	name = strings.TrimSpace(name)
	if name == "" {
		return false
	}
	if strings.EqualFold(s.Name, name) {
		return true
	}
	for _, a := range s.Aliases {
		if strings.EqualFold(a, name) {
			return true
		}
	}
	return false
}

// SourceGrade is one grading of a source; grades are appended, never
// changed, and the source's current grade is the latest.
type SourceGrade struct {
	Source      string      `json:"source"`
	Reliability Reliability `json:"reliability"`
	Reason      string      `json:"reason"`
	Origin      string      `json:"origin"`
	RecordedAt  time.Time   `json:"recorded_at"`
}

// SourceStore persists sources and their grades.
type SourceStore interface {
	// FindSource returns the source with this exact name, ENOTFOUND if
	// none.
	FindSource(ctx context.Context, name string) (*Source, error)
	// FindSources returns every source with its current grade, by name.
	FindSources(ctx context.Context) ([]*Source, error)
	// PutSource creates or updates a source (kind, side, aliases, origin)
	// and appends a grade row when its reliability or reason differ from
	// the current grade. UpdatedAt is the recorded time.
	PutSource(ctx context.Context, s *Source) error
	// GradeSource appends a grade to an existing source (ENOTFOUND if
	// none) and marks it edited by origin.
	GradeSource(ctx context.Context, g SourceGrade) error
	// FindSourceGrades returns a source's grades, oldest first.
	FindSourceGrades(ctx context.Context, name string) ([]SourceGrade, error)
}

// FileBase returns a file name without its folders (either separator):
// what is stored and served of the file a report came from.
func FileBase(name string) string {
	name = strings.TrimRight(name, `/\`)
	return name[strings.LastIndexAny(name, `/\`)+1:]
}
