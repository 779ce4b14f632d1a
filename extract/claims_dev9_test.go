package extract_test

import "testing"

// dev9Floors: what each language keeps on the ninth development set's tune
// and held splits, P and R. First reading (claims12, rules of a1d65e5,
// extract-rules-23, before any rule of the pass): tune en 0.500 / 0.500,
// ru 1.000 / 1.000, uk 1.000 / 0.600; held en 0.750 / 1.000, ru 0.750 /
// 0.500, uk 0.500 / 0.400 (2 opposite). claims12's end (extract-rules-24):
// tune uk 1.000 / 1.000, every other row the same.
var dev9Floors = map[string][2]float64{
	"tune en": {0.49, 0.49}, "tune ru": {0.99, 0.99}, "tune uk": {0.99, 0.99},
	"held en": {0.74, 0.99}, "held ru": {0.74, 0.49}, "held uk": {0.49, 0.39},
}

// dev9MaxOpposite: claims with the opposite side allowed per split and
// language; they may only go down.
var dev9MaxOpposite = map[string]int{"held uk": 2}

// TestClaimsDev9 scores claims (place, side) on the ninth development set
// (testdata/claims-dev9.json: excerpts of real pages of events that no
// earlier set covers, committed before the extractor read it) per split and
// language, with the scorer of TestClaimsDev2. The held split is a sixth
// held-out set: its rows are aggregates only, and -v lists the tune split's
// misses only.
func TestClaimsDev9(t *testing.T) {
	scoreSplitSet(t, "claims-dev9.json", dev9Floors, dev9MaxOpposite)
}
