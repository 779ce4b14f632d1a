package extract_test

import "testing"

// placesDev6Floors: what each group of places-dev6 must keep (places P and R
// may only go up, trap hits only down); set from the places8 pass's readings,
// docs/CLAIMS.md "Places, sixteenth pass (places8)"; heldout/en raised at
// the end of places9.
var placesDev6Floors = map[string]placesDev5Floor{
	"tune/en":    {placeP: 1.00, placeR: 1.00, maxTraps: 0},
	"tune/ru":    {placeP: 1.00, placeR: 1.00, maxTraps: 0},
	"tune/uk":    {placeP: 1.00, placeR: 1.00, maxTraps: 0},
	"heldout/en": {placeP: 0.96, placeR: 1.00, maxTraps: 0},
	"heldout/ru": {placeP: 1.00, placeR: 0.97, maxTraps: 0},
	"heldout/uk": {placeP: 0.92, placeR: 0.96, maxTraps: 2},
}

// TestPlacesDev6 scores the places8 development excerpts
// (testdata/places-dev6.json) like TestPlacesDev5: places P / R per split and
// language, trap hits; with -v the misses of tune documents only.
func TestPlacesDev6(t *testing.T) {
	scorePlacesSet(t, "places-dev6", placesDev6Floors)
}
