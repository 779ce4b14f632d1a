package sqlite

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/frontline-osint/frontline"
)

// TestParseCategories: the fast reading of a snapshot's category lists
// gives what encoding/json gives, and leaves to it what it does not know.
func TestParseCategories(t *testing.T) {
	written := [][]frontline.CategoryCount{
		{},
		{{Name: "Звільнено /// Liberated /// geoJSON.status.dismissed", Status: "ukraine", Count: 39}, {Name: "Окуповано /// Occupied", Status: "russia", Count: 14}},
		{{Name: "no status", Count: 2}, {Name: "", Status: "none", Count: 0}, {Name: "a}b,{\"", Status: "x", Count: -3}},
		{{Name: "Придністров'я/// Transnistria", Status: "none", Count: 1234567}},
		{{Name: "<tag> & \"quoted\"\n", Status: "unknown", Count: 1}},
	}
	for _, cs := range written {
		b, err := json.Marshal(cs)
		if err != nil {
			t.Fatal(err)
		}
		var want []frontline.CategoryCount
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatal(err)
		}
		got, ok := parseCategories(string(b))
		if ok && !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %#v, json %#v", b, got, want)
		}
		// What the fast reading leaves, encoding/json reads the same.
		var sn frontline.Snapshot
		if err := unmarshalAll(&sn, string(b), string(b), "[]", "{}"); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(sn.Categories, want) || !reflect.DeepEqual(sn.Unclassified, want) {
			t.Errorf("%s: unmarshalAll %#v, json %#v", b, sn.Categories, want)
		}
	}
	for _, s := range []string{`[{"name":"a","status":"russia","count":3}]`, `[{"name":"a","count":0},{"name":"b","count":-7}]`, `[]`} {
		got, ok := parseCategories(s)
		var want []frontline.CategoryCount
		if err := json.Unmarshal([]byte(s), &want); err != nil {
			t.Fatal(err)
		}
		if !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %#v %v, json %#v", s, got, ok, want)
		}
	}
	for _, s := range []string{``, `null`, `[`, `[,]`, `[{"name":"a","count":1},]`, `[{"name":"a","count":1}{"name":"b","count":1}]`,
		`[{"name":"a\"b","count":1}]`, `[{"name":"a\u0041","count":1}]`, `[{"name":"a", "count":1}]`, `[{"count":1,"name":"a"}]`,
		`[{"name":"a","count":01}]`, `[{"name":"a","count":1.0}]`, `[{"name":"a","count":1e2}]`, `[{"name":"a","count":+1}]`,
		`[{"name":"a","count":-0}]`, `[{"name":"a","count":-}]`, `[{"name":"a","count":}]`, `[{"name":"a","count":99999999999999999999}]`,
		`[{"name":"a","status":"x","status":"y","count":1}]`, `[{"name":"a","count":1,"extra":2}]`, "[{\"name\":\"a\xff\",\"count\":1}]",
		"[{\"name\":\"a\tb\",\"count\":1}]", `[{"Name":"a","count":1}]`, `[{"name":null,"count":1}]`} {
		if got, ok := parseCategories(s); ok {
			t.Errorf("%q read as %#v", s, got)
		}
	}
}
