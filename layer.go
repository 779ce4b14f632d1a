package frontline

import (
	"context"
	"time"
)

// Layer is one publisher's series of control maps (DeepState, the official
// list, Frontline's own assessed layer).
type Layer struct {
	Name      string    `json:"name"`
	Title     string    `json:"title,omitempty"`
	Source    string    `json:"source,omitempty"`
	Licence   string    `json:"licence,omitempty"`
	CreatedAt time.Time `json:"created_at"`

	// Filled on read.
	Snapshots    int        `json:"snapshots"`
	FirstValidAt *time.Time `json:"first_valid_at,omitempty"`
	LastValidAt  *time.Time `json:"last_valid_at,omitempty"`
	// Revision changes whenever a map of the layer is added (a store
	// gives its largest snapshot ID; 0 when it keeps none): answers
	// computed from the layer's maps can be kept under it, and a client
	// that read the layer earlier tells by it whether a map came since.
	Revision int64 `json:"revision,omitempty"`
}

// Snapshot is one published map of a layer: the time it shows (ValidAt) and
// the time Frontline learned it (RecordedAt). A correction of a map is a new
// Snapshot with the same ValidAt and a later RecordedAt; the older version
// stays readable "as known" at an earlier time.
type Snapshot struct {
	ID         int64     `json:"id"`
	Layer      string    `json:"layer"`
	ValidAt    time.Time `json:"valid_at"`
	RecordedAt time.Time `json:"recorded_at"`
	// SupersededAt is when a later version of the same map was recorded;
	// nil while this is the current version.
	SupersededAt *time.Time `json:"superseded_at,omitempty"`

	SourceName  string `json:"source_name"`
	SourceHash  string `json:"source_hash"`
	MappingHash string `json:"mapping_hash"`

	Polygons     int             `json:"polygons"`
	Points       int             `json:"points"`
	Categories   []CategoryCount `json:"categories"`
	Unclassified []CategoryCount `json:"unclassified,omitempty"`
	Repairs      []string        `json:"repairs,omitempty"`

	// AreasKm2 is the area per status over Ukraine's land.
	AreasKm2 map[Status]float64 `json:"areas_km2"`
}

// CategoryCount counts the features of one category (a tracker's name for a
// kind of area) and the status it was classified into.
type CategoryCount struct {
	Name   string `json:"name"`
	Status Status `json:"status,omitempty"`
	Count  int    `json:"count"`
}

// Piece is the ground of one status inside one oblast in one snapshot.
// Geometry is WKB (WGS84 lon/lat, 2D); AreaKm2 is geodesic on the WGS84
// ellipsoid. Ukraine-status pieces carry an area and no geometry: they are
// the oblast's land minus the other pieces.
type Piece struct {
	Oblast  string  `json:"oblast"`
	Status  Status  `json:"status"`
	AreaKm2 float64 `json:"area_km2"`
	WKB     []byte  `json:"-"`
	// GeomHash identifies the geometry (hex SHA-256 of the WKB); set by
	// the store on read, empty for Ukraine pieces.
	GeomHash string `json:"-"`
}

// SnapshotFilter selects snapshots. Zero fields do not filter.
type SnapshotFilter struct {
	Layer     string
	ValidFrom time.Time // inclusive
	ValidTo   time.Time // inclusive
	// AsKnown answers as Frontline knew it then: versions recorded later are
	// invisible, and a version superseded later is still current.
	AsKnown time.Time
	// AllVersions returns superseded versions too.
	AllVersions bool
	// Desc orders by valid time, newest first.
	Desc  bool
	Limit int
	// Brief reads only ID, layer, times and areas (for series).
	Brief bool
}

// SnapshotStore persists snapshots and their precomputed pieces. The SQLite
// store implements it; the storetest package is the suite every store
// passes.
type SnapshotStore interface {
	// CreateLayer creates a layer, or updates its title, source and licence
	// if it exists.
	CreateLayer(ctx context.Context, l *Layer) error
	FindLayer(ctx context.Context, name string) (*Layer, error)
	FindLayers(ctx context.Context) ([]*Layer, error)

	// AddSnapshot stores s and its pieces in one transaction and sets s.ID.
	// If the current version for (s.Layer, s.ValidAt) has the same
	// SourceHash and MappingHash it stores nothing, sets s.ID to that
	// version and returns false. Otherwise the new version supersedes the
	// current one (which stays readable as known before s.RecordedAt).
	AddSnapshot(ctx context.Context, s *Snapshot, pieces []Piece) (added bool, err error)
	FindSnapshots(ctx context.Context, f SnapshotFilter) ([]*Snapshot, error)
	FindSnapshot(ctx context.Context, id int64) (*Snapshot, error)
	// SnapshotPieces returns a snapshot's pieces; withGeometry loads WKB.
	SnapshotPieces(ctx context.Context, id int64, withGeometry bool) ([]Piece, error)
	// Geometry returns the WKB stored under a piece's GeomHash.
	Geometry(ctx context.Context, hash string) ([]byte, error)

	// ChangeCache returns what PutChangeCache stored for a pair of
	// snapshots and an algorithm version, or ENOTFOUND. Snapshots are
	// immutable, so a change between two of them is computed once.
	ChangeCache(ctx context.Context, fromID, toID int64, version string) ([]byte, error)
	PutChangeCache(ctx context.Context, fromID, toID int64, version string, result []byte) error
}

// ImportRequest asks to import one snapshot from one file's bytes.
type ImportRequest struct {
	Layer      string
	SourceName string
	Data       []byte
	ValidAt    time.Time
	// TimeProperty names a feature property holding the valid time, used
	// when ValidAt is zero.
	TimeProperty string
	// Status, when set, gives every polygon this status (files whose
	// features carry no category).
	Status Status
	// Mapping is the text of a classification mapping (name patterns →
	// status); empty means the layer's default (DeepState's).
	Mapping     string
	MappingName string
	// Strict fails the import when any polygon is unclassified.
	Strict bool
	// RecordedAt is when the map was first known — for an archive, when
	// it was published — rather than the clock at import (zero). With
	// RecordedAtValid the map counts as known from its valid time (a
	// tracker's archive of maps published as they were drawn).
	RecordedAt      time.Time
	RecordedAtValid bool
}

// ImportResult says what happened to one imported snapshot.
type ImportResult struct {
	Snapshot *Snapshot `json:"snapshot"`
	Added    bool      `json:"added"`
}

// AreaResult is the area per status of a layer's map of one day.
type AreaResult struct {
	Layer               string             `json:"layer"`
	At                  string             `json:"at"`
	AsKnown             *time.Time         `json:"as_known"`
	AreasKm2            map[Status]float64 `json:"areas_km2"`
	UkraineTerritoryKm2 float64            `json:"ukraine_territory_km2"`
	Share               map[Status]float64 `json:"share"`
	Snapshot            *Snapshot          `json:"snapshot"`
	ByOblast            []OblastArea       `json:"by_oblast,omitempty"`
	// Settlements counts settlements and people per status, when the
	// service has a gazetteer.
	Settlements map[Status]StatusCount `json:"settlements,omitempty"`
}

// OblastArea is the area per status inside one oblast.
type OblastArea struct {
	Oblast   string             `json:"oblast"`
	ISO      string             `json:"iso"`
	AreasKm2 map[Status]float64 `json:"areas_km2"`
}

// Transition is ground that went from one status to another.
type Transition struct {
	From    Status  `json:"from"`
	To      Status  `json:"to"`
	AreaKm2 float64 `json:"area_km2"`
}

// NetChangeName names ChangeResult.NetKm2 wherever it is shown (the CLI,
// the API's description, the web map): one definition, one name.
const NetChangeName = "Net change in held area"

// NetChangeDoc defines it; the OpenAPI document repeats it (the doc tags
// below).
const NetChangeDoc = NetChangeName + ", km² per status: the area the status holds on the later day's map minus the area it held on the earlier day's (all its gains minus all its losses, to and from every other status). net_km2.ukraine is the net change in Ukrainian-held area; it is not gained-by-Ukraine minus gained-by-Russia, which leaves out ground that went between Ukraine and contested or unknown."

// ChangeResult is what changed hands between the maps of two days.
type ChangeResult struct {
	Layer        string             `json:"layer"`
	From         string             `json:"from"`
	To           string             `json:"to"`
	AsKnown      *time.Time         `json:"as_known"`
	FromSnapshot *Snapshot          `json:"from_snapshot"`
	ToSnapshot   *Snapshot          `json:"to_snapshot"`
	Transitions  []Transition       `json:"transitions"`
	NetKm2       map[Status]float64 `json:"net_km2" doc:"Net change in held area, km² per status: the area the status holds on the later day's map minus the area it held on the earlier day's (all its gains minus all its losses, to and from every other status). net_km2.ukraine is the net change in Ukrainian-held area; it is not gained-by-Ukraine minus gained-by-Russia, which leaves out ground that went between Ukraine and contested or unknown."`
	ByOblast     []OblastChange     `json:"by_oblast"`
	// Settlements that changed status, largest first (when the service has
	// a gazetteer).
	Settlements []SettlementChange `json:"settlements"`
	// Explained is the window in which each settlement's explanations were
	// looked for; nil when they were not (then ExplainedBy is empty).
	Explained *ExplainWindow `json:"explained,omitempty"`
}

// OblastChange is a change restricted to one oblast.
type OblastChange struct {
	Oblast      string             `json:"oblast"`
	ISO         string             `json:"iso"`
	Transitions []Transition       `json:"transitions"`
	NetKm2      map[Status]float64 `json:"net_km2" doc:"Net change in held area, km² per status: the area the status holds on the later day's map minus the area it held on the earlier day's (all its gains minus all its losses, to and from every other status). net_km2.ukraine is the net change in Ukrainian-held area; it is not gained-by-Ukraine minus gained-by-Russia, which leaves out ground that went between Ukraine and contested or unknown."`
}

// SeriesDay is the map of one day in a series.
type SeriesDay struct {
	Date       string    `json:"date"`
	SnapshotID int64     `json:"snapshot_id"`
	ValidAt    time.Time `json:"valid_at"`
	// Carried is true when no map was published that day and the previous
	// day's map still holds.
	Carried   bool               `json:"carried"`
	AreasKm2  map[Status]float64 `json:"areas_km2"`
	ChangeKm2 map[Status]float64 `json:"change_km2"`
}

// SeriesResult is the area per status for every day of a window.
type SeriesResult struct {
	Layer   string      `json:"layer"`
	From    string      `json:"from"`
	To      string      `json:"to"`
	AsKnown *time.Time  `json:"as_known"`
	Days    []SeriesDay `json:"days"`
}

// LayerService answers control questions about layers.
type LayerService interface {
	CreateLayer(ctx context.Context, l *Layer) error
	FindLayers(ctx context.Context) ([]*Layer, error)
	FindLayer(ctx context.Context, name string) (*Layer, error)
	FindSnapshots(ctx context.Context, f SnapshotFilter) ([]*Snapshot, error)
	Import(ctx context.Context, req ImportRequest) (*ImportResult, error)
	Area(ctx context.Context, layer string, at Day, asKnown time.Time) (*AreaResult, error)
	Change(ctx context.Context, layer string, from, to Day, asKnown time.Time) (*ChangeResult, error)
	// Series covers the days from..to; a zero Day (no Label) means the
	// layer's first or last day, in the location of the Day's Start.
	Series(ctx context.Context, layer string, from, to Day, asKnown time.Time) (*SeriesResult, error)
	// PlaceTimeline is a place's status on every day of a layer.
	PlaceTimeline(ctx context.Context, layer string, place *Place, asKnown time.Time) (*PlaceTimeline, error)
	// Settlements is the status of every settlement on every day of the
	// days from..to (zero Days as in Series), run-length by settlement.
	Settlements(ctx context.Context, layer string, from, to Day, asKnown time.Time, f SettlementFilter) (*SettlementsResult, error)
}

// DisagreementResult is where the maps of two layers of one day differ:
// each transition is ground Layer's map calls From and Other's calls To.
type DisagreementResult struct {
	Layer         string         `json:"layer"`
	Other         string         `json:"other"`
	At            string         `json:"at"`
	AsKnown       *time.Time     `json:"as_known"`
	Snapshot      *Snapshot      `json:"snapshot"`
	OtherSnapshot *Snapshot      `json:"other_snapshot"`
	DisagreeKm2   float64        `json:"disagree_km2"`
	Transitions   []Transition   `json:"transitions"`
	ByOblast      []OblastChange `json:"by_oblast"`
	// Settlements whose status differs between the two maps, largest first.
	Settlements []SettlementChange `json:"settlements"`
}
