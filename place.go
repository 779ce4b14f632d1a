package frontline

import "context"

// Place is a gazetteer entry: a settlement from the official codifier
// (KATOTTG) or a watched site (a nuclear plant, a dam), with its names,
// admin regions and point.
type Place struct {
	// ID is stable: the KATOTTG code for settlements ("UA63040010010039074"),
	// "site:" and a slug for sites ("site:zaporizhzhia-npp").
	ID      string `json:"id"`
	KATOTTG string `json:"katottg"`
	// Kind is city, town (селище, смт), village, city_district, or for sites
	// npp (nuclear power plant), dam, hpp.
	Kind string `json:"kind"`
	// Name is the Latin name in Ukraine's national 2010 transliteration
	// ("Balakliia"); NameUK and NameRU the Ukrainian and Russian names.
	Name   string `json:"name"`
	NameUK string `json:"name_uk"`
	NameRU string `json:"name_ru,omitempty"`
	// Names lists every spelling Frontline knows: official, the
	// transliteration systems, and the alternates GeoNames lists.
	Names []string `json:"names"`

	Oblast    string `json:"oblast"`     // English name, "Kharkiv Oblast"
	OblastISO string `json:"oblast_iso"` // "UA-63"
	Raion     string `json:"raion"`      // Latin
	Hromada   string `json:"hromada"`    // Latin

	Lon float64 `json:"lon"`
	Lat float64 `json:"lat"`
	// PointSource says where the point comes from: geonames, postal,
	// postal-approx (GeoNames marks it estimated), hromada (the hromada's
	// centre, no point of its own), site; whosonfirst (Who's On First's
	// locality point), tracker (a village in Russia the tracker links in
	// its notes), deepstate-link (the median of the points the tracker's
	// notes link the settlement's name to), postal-area (the mean of the
	// settlements sharing its postal code): gazetteer/data/README.md.
	PointSource string `json:"point_source"`
	Population  int    `json:"population"`
	// Country is the ISO 3166-1 alpha-2 code of the country the place lies
	// in: "" for Ukraine (every KATOTTG settlement and site), "RU" for the
	// places just across the border the gazetteer knows (Kursk, Belgorod,
	// Bryansk oblasts), so that they never resolve to a Ukrainian homonym
	// and numbers about them are not checked against Ukraine's map.
	Country string `json:"country,omitempty"`
}

// InUkraine reports whether the place lies in Ukraine.
func (p *Place) InUkraine() bool { return p.Country == "" || p.Country == "UA" }

// PlaceCandidate is one place a searched name may mean. In JSON the
// place's fields come first, then score and reason.
type PlaceCandidate struct {
	*Place
	Score float64 `json:"score"`
	// Reason is exact, transliteration, alternate, loose or fuzzy.
	Reason string `json:"reason"`
	// EditDistance is the typo distance of a fuzzy match.
	EditDistance int `json:"edit_distance,omitempty"`
}

// PlaceQuery is a search for a place by name, with context to rank
// homonyms.
type PlaceQuery struct {
	Text   string
	Oblast string      // any script, or ISO 3166-2
	Near   *[2]float64 // lon, lat
	// FrontDistanceM, when set, gives a point's distance to the front on
	// the date in question: homonyms near the front rank higher.
	FrontDistanceM func(lon, lat float64) float64
	Limit          int
}

// PlaceService finds places.
type PlaceService interface {
	SearchPlaces(ctx context.Context, q PlaceQuery) ([]PlaceCandidate, error)
	FindPlace(ctx context.Context, id string) (*Place, error)
}
