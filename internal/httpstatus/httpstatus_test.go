package httpstatus_test

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/internal/httpstatus"
)

func TestOf(t *testing.T) {
	for code, want := range map[string]int{
		frontline.ECONFLICT: http.StatusConflict,
		frontline.EINVALID:  http.StatusBadRequest,
		frontline.ENOTFOUND: http.StatusNotFound,
		frontline.EINTERNAL: http.StatusInternalServerError,
		"":                  http.StatusInternalServerError,
		"no_such_code":      http.StatusInternalServerError,
	} {
		if got := httpstatus.Of(code); got != want {
			t.Errorf("Of(%q) = %d, want %d", code, got, want)
		}
	}
}

func TestOfError(t *testing.T) {
	wrapped := fmt.Errorf("reading: %w", frontline.Errorf(frontline.ENOTFOUND, "no layer x"))
	if got := httpstatus.OfError(wrapped); got != http.StatusNotFound {
		t.Errorf("wrapped not_found: %d, want 404", got)
	}
	if got := httpstatus.OfError(errors.New("disk full")); got != http.StatusInternalServerError {
		t.Errorf("plain error: %d, want 500", got)
	}
}
