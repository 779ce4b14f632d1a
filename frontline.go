// Package frontline holds Frontline's domain types and service interfaces:
// layers of control maps, their snapshots, control statuses, and the
// questions asked of them (area, change, series). Adapters live in
// subpackages (sqlite, http, geo, mapfile, control) and import this one;
// only cmd/frontline wires them together.
package frontline

import "time"

// Status is the control status of a piece of ground.
type Status string

const (
	StatusRussia    Status = "russia"
	StatusUkraine   Status = "ukraine"
	StatusContested Status = "contested"
	StatusUnknown   Status = "unknown"
	// StatusNone marks a feature that is not a control area (points,
	// arrows, labels, polygons outside Ukraine such as Transnistria).
	StatusNone Status = "none"
)

// Statuses lists the control statuses in report order.
var Statuses = []Status{StatusRussia, StatusUkraine, StatusContested, StatusUnknown}

// Precedence lists the statuses that are drawn as polygons, strongest
// first. Where polygons of different statuses overlap, the ground takes the
// first status in this list: a statement of doubt (unknown, contested) is
// narrower and newer than the occupied area it is drawn on, and occupied
// polygons describe current holding while liberated polygons accumulate
// history. Ukraine is never stored as a polygon: it is Ukraine's land minus
// every other status.
var Precedence = []Status{StatusUnknown, StatusContested, StatusRussia}

// Valid reports whether s is one of the four control statuses.
func (s Status) Valid() bool {
	switch s {
	case StatusRussia, StatusUkraine, StatusContested, StatusUnknown:
		return true
	}
	return false
}

// ParseStatus parses a control status or "none".
func ParseStatus(s string) (Status, error) {
	st := Status(s)
	if st.Valid() || st == StatusNone {
		return st, nil
	}
	return "", Errorf(EINVALID, "unknown status %q (want russia, ukraine, contested, unknown or none)", s)
}

// Clock returns the current time. Services take one so tests can control
// recorded time.
type Clock func() time.Time
