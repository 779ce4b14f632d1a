package frontline_test

import (
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
)

// Times outside 1900–2100 are refused: stores keep nanoseconds since 1970,
// which wrap outside 1678–2262 (2300-01-01 read back as 1715).
func TestTimesInRange(t *testing.T) {
	for _, s := range []string{"2300-01-01", "1500-06-01", "3000-01-01T00:00:00Z", "0001-01-01", "2263-01-01T00:00:00Z"} {
		if _, err := frontline.ParseInstant(s); frontline.ErrorCode(err) != frontline.EINVALID {
			t.Errorf("ParseInstant(%q): %v", s, err)
		}
		if _, err := frontline.ParseDay(s, time.UTC); frontline.ErrorCode(err) != frontline.EINVALID {
			t.Errorf("ParseDay(%q): %v", s, err)
		}
	}
	for _, s := range []string{"2022-09-13", "2022-09-14T00:00:00Z", "1991-08-24"} {
		if _, err := frontline.ParseInstant(s); err != nil {
			t.Errorf("ParseInstant(%q): %v", s, err)
		}
		if _, err := frontline.ParseDay(s, time.UTC); err != nil {
			t.Errorf("ParseDay(%q): %v", s, err)
		}
	}
}
