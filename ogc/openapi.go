package ogc

import (
	"net/http"
)

// handleAPI serves the OpenAPI 3.0 definition of this API (the
// service-desc of the landing page). Clients such as GDAL read the items
// parameters from it, the limit's maximum among them.
func (h *Handler) handleAPI(w http.ResponseWriter, r *http.Request) {
	if err := checkParams(r); err != nil {
		failParam(w, err)
		return
	}
	writeJSON(w, http.StatusOK, typeOpenAPI, openAPI(base(r)))
}

type obj = map[string]any

func openAPI(server string) obj {
	ref := func(name string) obj { return obj{"$ref": "#/components/parameters/" + name} }
	jsonResponse := func(desc, mediaType string) obj {
		return obj{
			"200": obj{"description": desc, "content": obj{mediaType: obj{"schema": obj{"type": "object"}}}},
			"400": obj{"$ref": "#/components/responses/Error"},
			"404": obj{"$ref": "#/components/responses/Error"},
			"414": obj{"$ref": "#/components/responses/TooLong"},
		}
	}
	get := func(id, summary string, params []obj, responses obj) obj {
		if params == nil {
			params = []obj{}
		}
		params = append(params, ref("f"))
		return obj{"get": obj{"operationId": id, "summary": summary, "parameters": params, "responses": responses}}
	}
	return obj{
		"openapi": "3.0.3",
		"info": obj{
			"title":       "Frontline OGC API – Features",
			"version":     "1.0.0",
			"description": "Territorial control maps of Ukraine as OGC API – Features (Part 1: Core, GeoJSON). Each collection is a layer; its items are the map of one day, one feature per status and oblast. datetime picks the maps: a date (UTC) or instant gives the last map published by then; an interval gives every map in it, oldest first. No map for the datetime: 200 with no features. filter takes Basic CQL2 text (filter-lang=cql2-text) over the queryables.",
		},
		"servers": []obj{{"url": server}},
		"paths": obj{
			"/": get("getLandingPage", "Landing page", nil, jsonResponse("links to the API definition, conformance and collections", typeJSON)),
			"/conformance": get("getConformance", "Conformance classes", nil,
				jsonResponse("the conformance classes this API implements", typeJSON)),
			"/api": get("getAPI", "This API definition", nil, jsonResponse("this OpenAPI 3.0 document", typeOpenAPI)),
			"/collections": get("getCollections", "The layers", nil,
				jsonResponse("one collection per layer", typeJSON)),
			"/collections/{collectionId}": get("describeCollection", "One layer", []obj{ref("collectionId")},
				jsonResponse("the collection", typeJSON)),
			"/collections/{collectionId}/items": get("getFeatures", "The map of a day", []obj{
				ref("collectionId"), ref("datetime"), ref("bbox"), ref("limit"), ref("offset"), ref("as_known"), ref("status"), ref("oblast"), ref("filter"), ref("filter-lang"),
			}, jsonResponse("a GeoJSON FeatureCollection with numberReturned, numberMatched (left out when an interval is paged) and next/prev links", typeGeoJSON)),
			"/collections/{collectionId}/queryables": get("getQueryables", "The properties a filter may name", []obj{ref("collectionId")},
				jsonResponse("a JSON Schema of the queryables", typeSchema)),
			"/collections/{collectionId}/items/{featureId}": get("getFeature", "One feature", []obj{ref("collectionId"), ref("featureId")},
				jsonResponse("a GeoJSON Feature", typeGeoJSON)),
		},
		"components": obj{
			"parameters": obj{
				"collectionId": obj{"name": "collectionId", "in": "path", "required": true, "description": "a layer name", "schema": obj{"type": "string"}},
				"featureId":    obj{"name": "featureId", "in": "path", "required": true, "description": "snapshot id, status and oblast joined by '-', as the items give it", "schema": obj{"type": "string"}},
				"datetime": obj{"name": "datetime", "in": "query", "required": false, "style": "form", "explode": false,
					"description": "a date (2022-09-13, UTC), an instant (2022-09-13T12:00:00Z) or an interval (a/b, ../b, a/.., ../..): the map of the day or of the instant, or every map in the interval; default: the latest map",
					"schema":      obj{"type": "string"}},
				"bbox": obj{"name": "bbox", "in": "query", "required": false, "style": "form", "explode": false,
					"description": "minLon,minLat,maxLon,maxLat (CRS84): features whose bounds intersect it",
					"schema":      obj{"type": "array", "minItems": 4, "maxItems": 6, "items": obj{"type": "number"}}},
				"limit": obj{"name": "limit", "in": "query", "required": false, "style": "form", "explode": false,
					"description": "features per page; a larger value is served as the maximum",
					"schema":      obj{"type": "integer", "minimum": 1, "maximum": MaxLimit, "default": DefaultLimit}},
				"offset": obj{"name": "offset", "in": "query", "required": false, "style": "form", "explode": false,
					"description": "features to skip (the next links carry it)",
					"schema":      obj{"type": "integer", "minimum": 0, "default": 0}},
				"as_known": obj{"name": "as_known", "in": "query", "required": false, "style": "form", "explode": false,
					"description": "read the map as Frontline knew it at this time (RFC 3339)",
					"schema":      obj{"type": "string", "format": "date-time"}},
				"status": obj{"name": "status", "in": "query", "required": false, "style": "form", "explode": false,
					"description": "only these control statuses, comma-separated",
					"schema":      obj{"type": "array", "items": obj{"type": "string", "enum": []string{"russia", "ukraine", "contested", "unknown"}}}},
				"oblast": obj{"name": "oblast", "in": "query", "required": false, "style": "form", "explode": false,
					"description": "only these oblasts (names as the features give them, e.g. Kharkiv Oblast), comma-separated",
					"schema":      obj{"type": "array", "items": obj{"type": "string"}}},
				"filter": obj{"name": "filter", "in": "query", "required": false,
					"description": "Basic CQL2 text over the queryables: comparisons (=, <>, <, <=, >, >=, IS NULL, IN) joined by AND, OR, NOT, e.g. status='russia' AND area_km2 > 100",
					"schema":      obj{"type": "string"}},
				"filter-lang": obj{"name": "filter-lang", "in": "query", "required": false,
					"description": "the filter's language: only cql2-text",
					"schema":      obj{"type": "string", "enum": []string{"cql2-text"}, "default": "cql2-text"}},
				"f": obj{"name": "f", "in": "query", "required": false, "style": "form", "explode": false,
					"description": "the format: only json",
					"schema":      obj{"type": "string", "enum": []string{"json"}}},
			},
			"responses": obj{
				"TooLong": obj{"description": "the query string is longer than 4 KB (the body is an error as below)",
					"content": obj{typeJSON: obj{"schema": obj{"type": "object", "required": []string{"code", "description"},
						"properties": obj{"code": obj{"type": "string"}, "description": obj{"type": "string"}}}}}},
				"Error": obj{"description": "an error: code, description and the offending parameter",
					"content": obj{typeJSON: obj{"schema": obj{"type": "object", "required": []string{"code", "description"},
						"properties": obj{"code": obj{"type": "string"}, "description": obj{"type": "string"}, "parameter": obj{"type": "string"}}}}}},
			},
		},
	}
}
