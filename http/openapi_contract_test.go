package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	verrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/schema_validation"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
)

// TestOpenAPIContract holds the served OpenAPI document to what is served:
// with a real validator (libopenapi-validator, OpenAPI 3.1), it checks the
// document itself, every parameter's example against its schema, and for
// every GET route of the table a request made of the documented examples
// (and of each enum value) and a few bad values: the validator and the
// server must agree on which requests are valid (the bad ones get a 400
// naming the parameter), and every answer's status, content type and body
// must be as documented.
func TestOpenAPIContract(t *testing.T) {
	s := MustOpenPlacesServer(t)
	resp, spec := fetch(t, s.URL()+"/api/v1/openapi.json")
	if resp.StatusCode != 200 {
		t.Fatalf("openapi.json: %d", resp.StatusCode)
	}
	doc, err := libopenapi.NewDocument(spec)
	if err != nil {
		t.Fatal(err)
	}
	v, errs := validator.NewValidator(doc, config.WithFormatAssertions(),
		// Strict: a query parameter the document does not declare is an
		// error (bodies are as their schemas say, extra members allowed).
		config.WithStrictMode(), config.WithStrictIgnorePaths("$.body.**"))
	if len(errs) > 0 {
		t.Fatalf("validator: %v", errs)
	}
	if ok, errs := v.ValidateDocument(); !ok {
		t.Errorf("the document is not valid OpenAPI 3.1: %s", describe(errs))
	}
	model, err := doc.BuildV3Model()
	if err != nil {
		t.Fatal(err)
	}
	sv := schema_validation.NewSchemaValidator(config.WithFormatAssertions(),
		// Strict: a query parameter the document does not declare is an
		// error (bodies are as their schemas say, extra members allowed).
		config.WithStrictMode(), config.WithStrictIgnorePaths("$.body.**"))

	var paths []string
	for p := range model.Model.Paths.PathItems.KeysFromOldest() {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	routes := 0
	for _, path := range paths {
		item := model.Model.Paths.PathItems.GetOrZero(path)
		op := item.Get
		if op == nil {
			continue
		}
		routes++
		// Examples must be valid under their own schemas.
		for _, p := range op.Parameters {
			if p.Example == nil {
				continue
			}
			var ex any
			if err := p.Example.Decode(&ex); err != nil {
				t.Errorf("%s %s: example: %v", path, p.Name, err)
				continue
			}
			if ok, errs := sv.ValidateSchemaObject(p.Schema.Schema(), ex); !ok {
				t.Errorf("%s: parameter %s: example %#v contradicts its schema: %s", path, p.Name, ex, describe(errs))
			}
		}
		good, err := exampleQuery(path, op)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if path == "/api/v1/events" {
			checkStream(t, v, s.URL()+good.String())
			continue
		}
		variants := []*url.URL{good}
		// Each enum value of an optional parameter (format=geojson…).
		for _, p := range op.Parameters {
			sch := p.Schema.Schema()
			if p.In != "query" || len(sch.Enum) == 0 {
				continue
			}
			for _, e := range sch.Enum {
				u := clone(good)
				q := u.Query()
				q.Set(p.Name, e.Value)
				u.RawQuery = q.Encode()
				variants = append(variants, u)
			}
		}
		for _, u := range variants {
			req, resp, body := roundTrip(t, s.URL(), u)
			if ok, errs := v.ValidateHttpRequest(req); !ok {
				t.Errorf("GET %s: the documented examples make an invalid request: %s", u, describe(errs))
			}
			if resp.StatusCode/100 != 2 {
				t.Errorf("GET %s: %d with the documented examples: %.300s", u, resp.StatusCode, body)
			}
			if ok, errs := v.ValidateHttpResponse(req, resp); !ok {
				t.Errorf("GET %s: %d %s: the answer is not as documented: %s", u, resp.StatusCode, resp.Header.Get("Content-Type"), describe(errs))
			}
		}
		// Bad values: the document must refuse them and the server answer
		// 400 naming the parameter.
		for _, bad := range badValues(op) {
			u := clone(good)
			q := u.Query()
			q.Set(bad[0], bad[1])
			u.RawQuery = q.Encode()
			req, resp, body := roundTrip(t, s.URL(), u)
			if ok, _ := v.ValidateHttpRequest(req); ok {
				t.Errorf("GET %s: the document allows %s=%q", u, bad[0], bad[1])
			}
			var e struct {
				Error struct{ Param string }
			}
			json.Unmarshal(body, &e)
			if resp.StatusCode != 400 || e.Error.Param != bad[0] {
				t.Errorf("GET %s: %s=%q: want 400 naming %s, got %d %.300s", u, bad[0], bad[1], bad[0], resp.StatusCode, body)
			}
			if ok, errs := v.ValidateHttpResponse(req, resp); !ok {
				t.Errorf("GET %s: %d: the error is not as documented: %s", u, resp.StatusCode, describe(errs))
			}
		}
	}
	// A repeated parameter's every value is checked.
	_, resp, body := roundTrip(t, s.URL(), &url.URL{Path: "/api/v1/layers/deepstate/map", RawQuery: "at=2022-09-13&zoom=6&zoom=99"})
	if resp.StatusCode != 400 || !strings.Contains(string(body), `"param":"zoom"`) {
		t.Errorf("zoom=6&zoom=99: %d %.200s", resp.StatusCode, body)
	}
	// The writes: add a watch (201), remove it (200), remove it again (404).
	do := func(method, path, body string) (*http.Response, []byte) {
		t.Helper()
		var rd io.Reader
		if body != "" {
			rd = strings.NewReader(body)
		}
		req, _ := http.NewRequest(method, s.URL()+path, rd)
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		if ok, errs := v.ValidateHttpRequest(req); !ok {
			t.Errorf("%s %s %s: not a documented request: %s", method, path, body, describe(errs))
		}
		if body != "" {
			req.Body = io.NopCloser(strings.NewReader(body))
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(b))
		if ok, errs := v.ValidateHttpResponse(req, resp); !ok {
			t.Errorf("%s %s: %d: the answer is not as documented: %s", method, path, resp.StatusCode, describe(errs))
		}
		return resp, b
	}
	resp, body = do("POST", "/api/v1/watches", `{"kind":"front","name":"Kupiansk 20 km","place":"Kupiansk","radius_km":20}`)
	var w struct{ ID int64 }
	if err := json.Unmarshal(body, &w); err != nil || resp.StatusCode != 201 || w.ID == 0 {
		t.Fatalf("POST /api/v1/watches: %d %v %.200s", resp.StatusCode, err, body)
	}
	path := "/api/v1/watches/" + strconv.FormatInt(w.ID, 10)
	if resp, body := do("DELETE", path, ""); resp.StatusCode != 200 {
		t.Errorf("DELETE %s: %d %.200s", path, resp.StatusCode, body)
	}
	if resp, body := do("DELETE", path, ""); resp.StatusCode != 404 {
		t.Errorf("DELETE %s again: %d %.200s", path, resp.StatusCode, body)
	}
	if routes < 20 {
		t.Errorf("only %d GET routes in the document", routes)
	}
}

// exampleQuery fills a route's path with its path parameters' examples and
// its query with every query parameter that has an example.
func exampleQuery(path string, op *v3.Operation) (*url.URL, error) {
	q := url.Values{}
	for _, p := range op.Parameters {
		var ex string
		if p.Example != nil {
			var v any
			if err := p.Example.Decode(&v); err != nil {
				return nil, err
			}
			ex = fmt.Sprint(v)
		}
		switch {
		case p.In == "path":
			if ex == "" {
				return nil, fmt.Errorf("path parameter %s has no example", p.Name)
			}
			path = strings.ReplaceAll(path, "{"+p.Name+"}", url.PathEscape(ex))
		case ex != "":
			q.Set(p.Name, ex)
		case p.Required != nil && *p.Required:
			return nil, fmt.Errorf("required parameter %s has no example", p.Name)
		}
	}
	return &url.URL{Path: path, RawQuery: q.Encode()}, nil
}

// badValues lists [name, value] pairs the document should refuse: an
// unknown parameter, and per declared query parameter values of the wrong
// type or out of its range.
func badValues(op *v3.Operation) [][2]string {
	out := [][2]string{{"bogus", "1"}}
	for _, p := range op.Parameters {
		if p.In != "query" {
			continue
		}
		sch := p.Schema.Schema()
		typ := ""
		if len(sch.Type) > 0 {
			typ = sch.Type[0]
		}
		switch typ {
		case "integer":
			out = append(out, [2]string{p.Name, ""}, [2]string{p.Name, "x"}, [2]string{p.Name, "1.5"})
			if sch.Maximum != nil {
				out = append(out, [2]string{p.Name, strconv.FormatFloat(*sch.Maximum+1, 'f', -1, 64)})
			}
			if sch.Minimum != nil {
				out = append(out, [2]string{p.Name, strconv.FormatFloat(*sch.Minimum-1, 'f', -1, 64)})
			}
		case "boolean":
			out = append(out, [2]string{p.Name, ""}, [2]string{p.Name, "maybe"})
		case "string":
			if len(sch.Enum) > 0 {
				out = append(out, [2]string{p.Name, "nope"})
			}
			if sch.Pattern != "" || sch.Format != "" || len(sch.AnyOf) > 0 {
				// A time: a word, and a year out of range.
				out = append(out, [2]string{p.Name, "yesterday"}, [2]string{p.Name, "1899-12-31"}, [2]string{p.Name, "2101-01-01"})
			}
		}
	}
	return out
}

func clone(u *url.URL) *url.URL { c := *u; return &c }

// roundTrip GETs base+u and returns the request (for the validator) and the
// response with its body read and put back.
func roundTrip(t *testing.T, base string, u *url.URL) (*http.Request, *http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", base+u.String(), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return req, resp, body
}

// checkStream checks the event stream's status and content type (its body
// never ends).
func checkStream(t *testing.T, v validator.Validator, u string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", u, nil)
	if ok, errs := v.ValidateHttpRequest(req); !ok {
		t.Errorf("GET %s: %s", u, describe(errs))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Errorf("GET %s: %d %s", u, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

func describe(errs []*verrors.ValidationError) string {
	var b strings.Builder
	for i, e := range errs {
		if i == 5 {
			fmt.Fprintf(&b, " … (%d in all)", len(errs))
			break
		}
		fmt.Fprintf(&b, "[%s: %s", e.Message, e.Reason)
		for j, se := range e.SchemaValidationErrors {
			if j == 3 {
				break
			}
			fmt.Fprintf(&b, "; %s %s", se.FieldPath, se.Reason)
		}
		b.WriteString("] ")
	}
	return b.String()
}
