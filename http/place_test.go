package http_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/gazetteer"
)

func TestPlaceRoutes(t *testing.T) {
	s := MustOpenServer(t)
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	s.PlaceService = gazetteer.New(places)
	u := s.URL() + "/api/v1/places"

	var search struct {
		Candidates []frontline.PlaceCandidate
	}
	if code := get(t, u+"?q="+url.QueryEscape("Балаклея")+"&oblast=Kharkiv", &search); code != 200 || search.Candidates[0].KATOTTG != "UA63040010010039074" {
		t.Fatalf("search: %d %+v", code, search.Candidates)
	}
	var p frontline.Place
	if code := get(t, u+"/UA63040010010039074", &p); code != 200 || p.Name != "Balakliia" {
		t.Fatalf("place: %d %+v", code, p)
	}
	var tl struct {
		Timelines []frontline.PlaceTimeline
	}
	if code := get(t, u+"/UA63040010010039074/timeline?layer=deepstate", &tl); code != 200 || len(tl.Timelines) != 1 || len(tl.Timelines[0].Periods) != 2 {
		t.Fatalf("timeline: %d %+v", code, tl)
	}
	// Homonyms by closeness to the front on a day: with the villages' own
	// points (Who's On First), the Semenivka by Ocheretyne (Donetsk oblast)
	// is 9.2 km from the front on 2022-09-13 and the one by Izium 13.5 km;
	// either way a frontline village, not the larger Chernihiv town, leads.
	if code := get(t, u+"?q=Semenivka&layer=deepstate&at=2022-09-13", &search); code != 200 || search.Candidates[0].OblastISO != "UA-14" {
		t.Errorf("Semenivka near the front on 2022-09-13: %d, top %+v", code, search.Candidates[0].Place)
	}
	for _, c := range []struct {
		path  string
		code  int
		param string
	}{
		{"?q=Semenivka&at=2022-09-13", 400, "layer"},
		{"?q=Semenivka&layer=nope&at=2022-09-13", 404, "layer"},
		{"?q=Semenivka&layer=deepstate&at=2021-01-01", 404, "at"},
		{"?q=Semenivka&layer=deepstate&at=13.09.2022", 400, "at"},
		{"", 400, "q"},
		{"?q=", 400, "q"},
		{"?q=Xyzzyville", 404, "q"},
		{"?q=Izium&oblast=Atlantis", 400, "oblast"},
		{"?q=Izium&near=abc", 400, "near"},
		{"?q=Izium&near=NaN,NaN", 400, "near"},
		{"?q=Izium&near=1,nan", 400, "near"},
		{"?q=Izium&limit=0", 400, "limit"},
		{"/nope", 404, "id"},
		{"/UA63040010010039074/timeline?layer=nope", 404, "layer"},
		{"/UA01020410010079227/timeline?layer=deepstate", 400, "id"},
		{"/UA01020410010079227/front?layer=deepstate&at=2022-09-13", 400, "id"},
	} {
		var body struct {
			Error struct{ Code, Message, Param string }
		}
		if code := get(t, u+c.path, &body); code != c.code || body.Error.Param != c.param {
			t.Errorf("%s: %d %+v; want %d, param %q", c.path, code, body.Error, c.code, c.param)
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	s := MustOpenServer(t)
	resp, err := http.Post(s.URL()+"/api/v1/layers", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Error struct{ Code, Message string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != 405 || body.Error.Code != "method_not_allowed" || resp.Header.Get("Allow") == "" {
		t.Errorf("POST: %d %+v %v", resp.StatusCode, body, err)
	}
}
