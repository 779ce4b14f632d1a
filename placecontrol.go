package frontline

import "time"

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
}

// StatusCount counts the settlements and their people in one status.
type StatusCount struct {
	Settlements int `json:"settlements"`
	Population  int `json:"population"`
}
