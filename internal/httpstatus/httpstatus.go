// Package httpstatus holds the one mapping from Frontline's error codes
// (frontline.EINVALID, …) to HTTP statuses, shared by the JSON API (package
// http) and OGC API – Features (package ogc).
package httpstatus

import (
	"net/http"

	"github.com/frontline-osint/frontline"
)

var byCode = map[string]int{
	frontline.ECONFLICT: http.StatusConflict,
	frontline.EINVALID:  http.StatusBadRequest,
	frontline.ENOTFOUND: http.StatusNotFound,
	frontline.EINTERNAL: http.StatusInternalServerError,
}

// Of returns the HTTP status of an error code: 500 for EINTERNAL and for
// any code it does not know.
func Of(code string) int {
	if status, ok := byCode[code]; ok {
		return status
	}
	return http.StatusInternalServerError
}

// OfError returns the HTTP status of err's code (frontline.ErrorCode).
func OfError(err error) int { return Of(frontline.ErrorCode(err)) }
