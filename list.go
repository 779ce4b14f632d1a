package frontline

import (
	"context"
	"time"
)

// ListEntry is one period of one territory in an official list of
// territories (Ukraine's "perelik" of occupied territories and areas of
// hostilities): a hromada, a settlement, or a whole raion or oblast, named
// by its KATOTTG code, in one section of the list, from one date to
// another.
//
// Status reads the section into Frontline's statuses: russia for
// temporarily occupied (section II), contested for active hostilities
// (sections 2 and 3), ukraine for possible hostilities (section 1, ground
// Ukraine holds).
type ListEntry struct {
	Layer   string `json:"layer"`
	KATOTTG string `json:"katottg"`
	Name    string `json:"name"`
	Oblast  string `json:"oblast,omitempty"`
	Raion   string `json:"raion,omitempty"`
	// Section is the list's section: "1" possible hostilities, "2" active
	// hostilities, "3" active hostilities where state e-resources work,
	// "II" temporarily occupied.
	Section string `json:"section"`
	Status  Status `json:"status"`
	// Except names settlements the entry leaves out ("за винятком …"),
	// as written, without their kind ("Балаклія", not "м. Балаклія").
	Except []string `json:"except,omitempty"`
	// From is the first day; To the day it ended (the list's end date, on
	// which the next status starts), zero while open.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// Line is the entry's line in its source file.
	Line       int       `json:"line,omitempty"`
	RecordedAt time.Time `json:"recorded_at"`
}

// Covers reports whether the entry holds on a day (its date, YYYY-MM-DD):
// From ≤ day < To.
func (e *ListEntry) Covers(day string) bool {
	if e.From.Format("2006-01-02") > day {
		return false
	}
	return e.To.IsZero() || day < e.To.Format("2006-01-02")
}

// ListStore persists list layers. A list is versioned like snapshots: a new
// file for a layer is a new version with a later RecordedAt, and older
// versions stay readable as known before it.
type ListStore interface {
	// AddListEntries stores entries as a new version of a list layer (the
	// layer must exist). If the layer's current version came from the
	// same sourceHash it stores nothing and returns false.
	AddListEntries(ctx context.Context, layer, source, sourceHash string, entries []ListEntry) (added bool, err error)
	// FindListEntries returns the entries of the layer's latest version
	// recorded by asKnown (zero: the latest), ENOTFOUND if none.
	FindListEntries(ctx context.Context, layer string, asKnown time.Time) ([]ListEntry, error)
}

// ListComparison is where a list layer and a polygon layer disagree on the
// map of one day, hromada by hromada.
type ListComparison struct {
	PolygonLayer string     `json:"polygon_layer"`
	ListLayer    string     `json:"list_layer"`
	At           string     `json:"at"`
	AsKnown      *time.Time `json:"as_known"`
	Snapshot     *Snapshot  `json:"snapshot"`
	// Hromadas is how many hromadas with located settlements were compared.
	Hromadas int `json:"hromadas"`
	Agree    int `json:"agree"`
	// ListOnly counts hromadas the list calls occupied and the polygons do
	// not; PolygonsOnly the reverse.
	ListOnly      int                   `json:"list_only"`
	PolygonsOnly  int                   `json:"polygons_only"`
	BothOccupied  int                   `json:"both_occupied"`
	Disagreements []HromadaDisagreement `json:"disagreements"`
}

// HromadaDisagreement is one hromada the two layers read differently.
type HromadaDisagreement struct {
	Hromada     string `json:"hromada"` // KATOTTG prefix, 9 characters
	Name        string `json:"name"`
	NameUK      string `json:"name_uk"`
	Oblast      string `json:"oblast"`
	Settlements int    `json:"settlements"`
	// Side is "list" when only the list calls it occupied, "polygons"
	// when only the polygons do.
	Side string `json:"side"`
	// ListStatus is the status the list gives most of its settlements;
	// ListPeriods the entries behind it ("II 2022-03-02–2022-09-11").
	ListStatus      Status   `json:"list_status"`
	ListPeriods     []string `json:"list_periods"`
	ListRussiaShare float64  `json:"list_russia_share"`
	// PolygonRussiaShare is the share of its settlements inside russia
	// polygons.
	PolygonRussiaShare float64 `json:"polygon_russia_share"`
}
