package frontline

import (
	"strings"
	"time"
)

// Day names "the map of a day": the last snapshot published on or before
// End. Label is what the user asked for ("2022-09-13").
type Day struct {
	Label string
	Start time.Time
	End   time.Time
}

// ParseDay reads a date (2006-01-02) in loc, or an RFC 3339 instant, which
// then is its own end.
func ParseDay(s string, loc *time.Location) (Day, error) {
	s = strings.TrimSpace(s)
	if loc == nil {
		loc = time.UTC
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		if err := CheckYear(t); err != nil {
			return Day{}, err
		}
		return Day{Label: s, Start: t, End: t.AddDate(0, 0, 1).Add(-time.Nanosecond)}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		if err := CheckYear(t); err != nil {
			return Day{}, err
		}
		return Day{Label: s, Start: t, End: t}, nil
	}
	return Day{}, Errorf(EINVALID, "cannot read date %q: want YYYY-MM-DD or an RFC 3339 time such as 2022-09-13T12:00:00Z", s)
}

// ParseInstant reads an RFC 3339 time or a date (its start, UTC), as used by
// --as-known and --valid-at.
func ParseInstant(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			if err := CheckYear(t); err != nil {
				return time.Time{}, err
			}
			return t.UTC(), nil
		}
	}
	return time.Time{}, Errorf(EINVALID, "cannot read time %q: want RFC 3339 (2022-09-14T00:00:00Z) or YYYY-MM-DD", s)
}

// MinYear and MaxYear bound the times Frontline accepts: stores keep times
// as nanoseconds since 1970 (valid 1678–2262), and no map, report or claim
// of this war lies outside these years.
const MinYear, MaxYear = 1900, 2100

// CheckYear refuses a time outside MinYear–MaxYear.
func CheckYear(t time.Time) error {
	if y := t.UTC().Year(); y < MinYear || y > MaxYear {
		return Errorf(EINVALID, "time %s is out of range (years %d–%d)", t.Format(time.RFC3339), MinYear, MaxYear)
	}
	return nil
}

// InYears reports whether t lies within MinYear–MaxYear.
func InYears(t time.Time) bool { return CheckYear(t) == nil }
