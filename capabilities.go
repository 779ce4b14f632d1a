package frontline

import (
	"context"
	"time"
)

// The services below are what a service may do beyond its main interface:
// control.Service is a LayerService that also draws changes, compares
// layers and lists; the gazetteer is a PlaceService that also lists every
// place; claims.Service explains changes; assess.Service checks numbers.
// The HTTP server holds each as a field of its own, and answers 404 on the
// routes that need one it lacks.

// ChangeGeoJSONService draws what changed hands between the maps of two
// days as a GeoJSON FeatureCollection: one feature per transition and
// oblast, with from, to, oblast, iso and area_km2 (control.Service).
type ChangeGeoJSONService interface {
	ChangeGeoJSON(ctx context.Context, layer string, from, to Day, asKnown time.Time) ([]byte, error)
}

// ChangeExplainer lists, for each settlement of a ChangeResult that changed
// hands, the claims, tracker's notes and observations that explain it,
// graded by grader (nil: ungraded); claims.Service.
type ChangeExplainer interface {
	ExplainChange(ctx context.Context, res *ChangeResult, grader AssessmentService) error
}

// ListComparer compares a polygon layer with a list layer (the official
// list of occupied territories, by hromada) on the map of a day
// (control.Service).
type ListComparer interface {
	CompareList(ctx context.Context, polygonLayer, listLayer string, at Day, asKnown time.Time) (*ListComparison, error)
}

// DisagreementService compares the maps two polygon layers give of one day
// (control.Service): as transitions with settlements, or the ground they
// disagree on as GeoJSON (one feature per layer's status → other's status
// and oblast).
type DisagreementService interface {
	Disagreement(ctx context.Context, layer, other string, at Day, asKnown time.Time) (*DisagreementResult, error)
	DisagreementGeoJSON(ctx context.Context, layer, other string, at Day, asKnown time.Time) ([]byte, error)
}

// PlaceLister lists every place of a gazetteer, for map labels and the
// watched sites.
type PlaceLister interface {
	AllPlaces() []Place
}

// NumberChecker checks quantitative claims against the layers' maps,
// setting each number's Verdict, Measured and Reason in place (package
// assess).
type NumberChecker interface {
	CheckNumbers(ctx context.Context, ns []NumberClaim) error
}
