package http_test

import (
	"encoding/json"
	"testing"

	"github.com/frontline-osint/frontline"
)

// The OpenAPI document defines net_km2 with the name and words the CLI and
// the web map use (frontline.NetChangeDoc), on the change and on each of
// its oblasts.
func TestOpenAPINetChangeDescribed(t *testing.T) {
	s := MustOpenPlacesServer(t)
	resp, body := fetch(t, s.URL()+"/api/v1/openapi.json")
	if resp.StatusCode != 200 {
		t.Fatalf("openapi.json: %d", resp.StatusCode)
	}
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]struct {
					Description string `json:"description"`
					Type        any    `json:"type"`
				} `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"ChangeResult", "OblastChange"} {
		p, ok := doc.Components.Schemas[name].Properties["net_km2"]
		if !ok {
			t.Errorf("%s has no net_km2", name)
			continue
		}
		if p.Description != frontline.NetChangeDoc || p.Type != "object" {
			t.Errorf("%s.net_km2: type %q, description %q; want an object described as %q", name, p.Type, p.Description, frontline.NetChangeDoc)
		}
	}
}
