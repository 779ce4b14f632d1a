package sqlite

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/frontline-osint/frontline"
)

// TestParseAreas: the fast reading of a snapshot's areas gives what
// encoding/json gives, and leaves to it what it does not know.
func TestParseAreas(t *testing.T) {
	for _, s := range []string{
		`{"contested":5590.454023690052,"russia":103011.84334186654,"ukraine":480229.29702080117,"unknown":522.7666064853089}`,
		`{"russia":1e-7,"ukraine":0}`,
		`{"russia":-0.5}`,
		`{}`,
	} {
		got, ok := parseAreas(s)
		var want map[frontline.Status]float64
		if err := json.Unmarshal([]byte(s), &want); err != nil {
			t.Fatal(err)
		}
		if !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v %v, json %v", s, got, ok, want)
		}
	}
	for _, s := range []string{``, `null`, `{"a":1,}`, `{"a" : 1}`, `{"a":NaN}`, `{"a":Inf}`, `{"a\"b":1}`, `{"a":0x10}`, `{"a":}`, `{a:1}`} {
		if got, ok := parseAreas(s); ok {
			t.Errorf("%q read as %v", s, got)
		}
	}
}
