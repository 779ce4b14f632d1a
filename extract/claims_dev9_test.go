package extract_test

import "testing"

// dev9Floors: what each language keeps on the ninth development set's tune
// and held splits, P and R. Set from the first reading (claims12, rules of
// a1d65e5, extract-rules-23) before any rule of the pass.
var dev9Floors = map[string][2]float64{}

// dev9MaxOpposite: claims with the opposite side allowed per split and
// language; they may only go down.
var dev9MaxOpposite = map[string]int{}

// TestClaimsDev9 scores claims (place, side) on the ninth development set
// (testdata/claims-dev9.json: excerpts of real pages of events that no
// earlier set covers, committed before the extractor read it) per split and
// language, with the scorer of TestClaimsDev2. The held split is a sixth
// held-out set: its rows are aggregates only, and -v lists the tune split's
// misses only.
func TestClaimsDev9(t *testing.T) {
	scoreSplitSet(t, "claims-dev9.json", dev9Floors, dev9MaxOpposite)
}
