package http

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
)

// handleOpenAPI serves the OpenAPI document, built once from the route
// table and the Go types of the responses, so it describes what is served.
func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	s.openAPIOnce.Do(func() {
		s.openAPIBody, _ = json.MarshalIndent(OpenAPI(s.routes()), "", "  ")
	})
	writeBody(w, r, http.StatusOK, "application/json; charset=utf-8", s.openAPIBody, "public, max-age=300")
}

// OpenAPI returns the OpenAPI 3.1 document describing routes.
func OpenAPI(routes []Route) map[string]any {
	sg := &schemaGen{components: map[string]any{}}
	errRef := sg.schema(reflect.TypeOf(ErrorResponse{}))
	errorResponse := func(desc string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{"schema": errRef}}}
	}
	paths := map[string]any{}
	for _, rt := range routes {
		var params []any
		for _, p := range rt.Params {
			param := map[string]any{"name": p.Name, "in": p.In, "required": p.Required, "description": p.Description, "schema": paramSchema(p)}
			if p.Example != "" {
				param["example"] = paramExample(p)
			}
			params = append(params, param)
		}
		ct := rt.ContentType
		if ct == "" {
			ct = "application/json"
		}
		var body map[string]any
		if ct == "text/event-stream" {
			body = map[string]any{"type": "string", "description": "An event stream; each event's data is, as JSON, the member of " + reflect.TypeOf(rt.Response).Name() + " named after the event.",
				"contentSchema": sg.schema(reflect.TypeOf(rt.Response))}
		} else {
			body = sg.schema(reflect.TypeOf(rt.Response))
		}
		status := "200"
		if rt.Status != 0 {
			status = strconv.Itoa(rt.Status)
		}
		content := map[string]any{ct: map[string]any{"schema": body}}
		if hasGeoJSON(rt) {
			content["application/geo+json"] = map[string]any{"schema": geoJSONSchema}
		}
		responses := map[string]any{
			status: map[string]any{"description": http.StatusText(cmp.Or(rt.Status, http.StatusOK)), "content": content},
			"400":  errorResponse("A parameter is malformed, out of its range or not one this route takes (error.param names it)."),
			"404":  errorResponse("The layer, place, snapshot or day does not exist (error.param names it)."),
			"414":  errorResponse("The query string is longer than 4 KB."),
			"500":  errorResponse("Internal error."),
		}
		if ct != "text/event-stream" && rt.Method == "GET" {
			responses["304"] = map[string]any{"description": "Not modified (If-None-Match matched the ETag)."}
		}
		op := map[string]any{
			"summary":     rt.Summary,
			"operationId": operationID(rt),
			"responses":   responses,
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		if rt.Request != nil {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": sg.schema(reflect.TypeOf(rt.Request))}}}
		}
		item, _ := paths[rt.Path].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[rt.Path] = item
		}
		item[strings.ToLower(rt.Method)] = op
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "Frontline API",
			"version":     "1",
			"description": "Time-versioned maps of territorial control. Errors are JSON {\"error\": {\"code\", \"message\", \"param\"}} with a stable code (invalid, not_found, conflict, internal). A query parameter a route does not declare is refused (400, error.param names it), as are integers and booleans that are empty or malformed; times are within the years 1900–2100. Responses are gzip-compressed when the client accepts it; immutable resources carry an ETag and a long Cache-Control.",
		},
		"paths":      paths,
		"components": map[string]any{"schemas": sg.components},
	}
}

func operationID(rt Route) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(rt.Method))
	for _, part := range strings.Split(strings.TrimPrefix(rt.Path, "/api/v1/"), "/") {
		part = strings.Trim(part, "{}")
		for _, w := range strings.FieldsFunc(part, func(r rune) bool { return r == '.' || r == '_' || r == '-' }) {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

// schemaGen writes JSON Schemas (2020-12, as OpenAPI 3.1 uses) for Go types
// as encoding/json encodes them; named struct types become components.
type schemaGen struct {
	components map[string]any
}

var (
	timeType   = reflect.TypeOf(time.Time{})
	rawType    = reflect.TypeOf(json.RawMessage{})
	statusType = reflect.TypeOf(frontline.Status(""))
)

func (g *schemaGen) schema(t reflect.Type) map[string]any {
	switch t {
	case timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case rawType:
		return map[string]any{"description": "A GeoJSON geometry object, or null."}
	case statusType:
		var enum []string
		for _, st := range frontline.Statuses {
			enum = append(enum, string(st))
		}
		return map[string]any{"type": "string", "enum": append(enum, string(frontline.StatusNone))}
	}
	switch t.Kind() {
	case reflect.Pointer:
		inner := g.schema(t.Elem())
		return map[string]any{"oneOf": []any{inner, map[string]any{"type": "null"}}}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": []any{"array", "null"}, "items": g.schema(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case reflect.Interface:
		return map[string]any{}
	case reflect.Struct:
		if t.Name() == "" {
			return g.object(t)
		}
		name := t.Name()
		if _, ok := g.components[name]; !ok {
			g.components[name] = map[string]any{} // placeholder for recursion
			g.components[name] = g.object(t)
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{}
}

// object describes a struct's JSON fields; embedded structs' fields are
// inlined, as encoding/json does.
func (g *schemaGen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var req []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if f.Anonymous && name == "" {
				ft := f.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct {
					walk(ft)
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			props[name] = g.schema(f.Type)
			if doc := f.Tag.Get("doc"); doc != "" {
				// A field's definition (a `doc` tag) beside its schema.
				props[name] = withDescription(props[name].(map[string]any), doc)
			}
			if !strings.Contains(opts, "omitempty") {
				req = append(req, name)
			}
		}
	}
	walk(t)
	out := map[string]any{"type": "object", "properties": props}
	if len(req) > 0 {
		out["required"] = req
	}
	return out
}

// withDescription adds a description to a schema.
func withDescription(schema map[string]any, doc string) map[string]any {
	out := map[string]any{"description": doc}
	for k, v := range schema {
		out[k] = v
	}
	return out
}

// between bounds an integer parameter to [lo, hi]; hi < lo leaves it
// without a maximum.
func between(p Param, lo, hi int) Param {
	p.Min = &lo
	if hi >= lo {
		p.Max = &hi
	}
	return p
}

// enforceParams wraps a route's handler so that what the document says of
// its query parameters holds: an undeclared parameter, an integer that is
// empty, not an integer or outside its bounds, a boolean other than true
// or false, or a value outside an enum is refused with a 400 naming it.
func enforceParams(rt Route) http.HandlerFunc {
	declared := map[string]Param{}
	var names []string
	for _, p := range rt.Params {
		if p.In == "query" {
			declared[p.Name] = p
			names = append(names, p.Name)
		}
	}
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		keys := make([]string, 0, len(q))
		for k := range q {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			p, ok := declared[k]
			if !ok {
				want := "takes no query parameters"
				if len(names) > 0 {
					want = "takes " + strings.Join(names, ", ")
				}
				writeError(w, r, frontline.Errorf(frontline.EINVALID, "unknown parameter %q: %s %s %s", k, rt.Method, rt.Path, want), k)
				return
			}
			for _, v := range q[k] {
				if !validParam(w, r, p, v) {
					return
				}
			}
		}
		rt.handler(w, r)
	}
}

// validParam checks one value of a declared query parameter; it writes
// the error itself.
func validParam(w http.ResponseWriter, r *http.Request, p Param, v string) bool {
	switch p.Type {
	case "integer":
		n, err := strconv.Atoi(v)
		if err != nil || p.Min != nil && n < *p.Min || p.Max != nil && n > *p.Max {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "%s must be an integer%s, not %q", p.Name, bounds(p), v), p.Name)
			return false
		}
	case "boolean":
		if v != "true" && v != "false" {
			writeError(w, r, frontline.Errorf(frontline.EINVALID, "%s must be true or false, not %q", p.Name, v), p.Name)
			return false
		}
	}
	if len(p.Enum) > 0 && !slices.Contains(p.Enum, v) {
		writeError(w, r, frontline.Errorf(frontline.EINVALID, "%s must be one of %s, not %q", p.Name, strings.Join(p.Enum, ", "), v), p.Name)
		return false
	}
	return true
}

func bounds(p Param) string {
	switch {
	case p.Min != nil && p.Max != nil:
		return fmt.Sprintf(" from %d to %d", *p.Min, *p.Max)
	case p.Min != nil:
		return fmt.Sprintf(" ≥ %d", *p.Min)
	}
	return ""
}

// yearPattern holds a time parameter to the years Frontline accepts
// (frontline.MinYear–MaxYear).
var yearPattern = "^(19[0-9]{2}|20[0-9]{2}|" + strconv.Itoa(frontline.MaxYear) + ")-"

// paramSchema is the JSON Schema of a parameter, saying everything the
// server checks that a schema can say.
func paramSchema(p Param) map[string]any {
	schema := map[string]any{"type": p.Type}
	switch p.Format {
	case "date":
		// A day, or an RFC 3339 instant (the day ending then).
		schema["anyOf"] = []any{map[string]any{"format": "date"}, map[string]any{"format": "date-time"}}
		schema["pattern"] = yearPattern
	case "date-time":
		// An instant: RFC 3339, a date (its start, UTC) or a date and time
		// without offset (UTC).
		schema["anyOf"] = []any{map[string]any{"format": "date-time"}, map[string]any{"format": "date"},
			map[string]any{"pattern": `^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$`}}
		schema["pattern"] = yearPattern
	case "":
	default:
		schema["format"] = p.Format
	}
	if p.Min != nil {
		schema["minimum"] = *p.Min
	}
	if p.Max != nil {
		schema["maximum"] = *p.Max
	}
	if len(p.Enum) > 0 {
		schema["enum"] = p.Enum
	}
	return schema
}

// paramExample is a parameter's example as a value of its type.
func paramExample(p Param) any {
	switch p.Type {
	case "integer":
		if n, err := strconv.Atoi(p.Example); err == nil {
			return n
		}
	case "boolean":
		if b, err := strconv.ParseBool(p.Example); err == nil {
			return b
		}
	}
	return p.Example
}

// geoJSONSchema is a GeoJSON FeatureCollection's.
var geoJSONSchema = map[string]any{
	"type":     "object",
	"required": []any{"type", "features"},
	"properties": map[string]any{
		"type": map[string]any{"const": "FeatureCollection"},
		"features": map[string]any{"type": "array", "items": map[string]any{
			"type":     "object",
			"required": []any{"type", "properties", "geometry"},
			"properties": map[string]any{
				"type":       map[string]any{"const": "Feature"},
				"properties": map[string]any{"type": []any{"object", "null"}},
				"geometry":   map[string]any{"description": "A GeoJSON geometry object, or null.", "type": []any{"object", "null"}},
			},
		}},
	},
}

// hasGeoJSON reports whether a route answers format=geojson.
func hasGeoJSON(rt Route) bool {
	for _, p := range rt.Params {
		if p.Name == "format" && p.In == "query" && slices.Contains(p.Enum, "geojson") {
			return true
		}
	}
	return false
}
