package extract_test

import "testing"

// placesDev7Floors: what each group of places-dev7 must keep (places P and R
// may only go up, trap hits only down); set from the places9 pass's readings,
// docs/CLAIMS.md "Places, seventeenth pass (places9)".
var placesDev7Floors = map[string]placesDev5Floor{
	"tune/en":    {placeP: 1.00, placeR: 1.00, maxTraps: 0},
	"tune/ru":    {placeP: 0.93, placeR: 1.00, maxTraps: 0},
	"tune/uk":    {placeP: 1.00, placeR: 1.00, maxTraps: 0},
	"heldout/en": {placeP: 1.00, placeR: 0.96, maxTraps: 0},
	"heldout/ru": {placeP: 0.95, placeR: 0.95, maxTraps: 0},
	"heldout/uk": {placeP: 0.83, placeR: 0.89, maxTraps: 2},
}

// TestPlacesDev7 scores the places9 development excerpts
// (testdata/places-dev7.json: homonyms settled by the text's oblast, raion,
// hromada or neighbours; units, forests and rivers named after places; places
// in Russia by the border) like TestPlacesDev5: places P / R per split and
// language, trap hits; with -v the misses of tune documents only.
func TestPlacesDev7(t *testing.T) {
	scorePlacesSet(t, "places-dev7", placesDev7Floors)
}
