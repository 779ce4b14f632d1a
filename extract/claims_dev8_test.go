package extract_test

import "testing"

// dev8Floors: what each language keeps on the eighth development set's
// tune and held splits, P and R. First reading, rules of a172cda
// (extract-rules-21), batch 1 alone: tune en 1.000 / 1.000, ru 1.000 /
// 1.000, uk 1.000 / 0.778; held en 1.000 / 0.000, ru 1.000 / 0.750, uk
// 0.667 / 1.000. Both batches (aa206fc), a172cda → claims11's end
// (extract-rules-22): tune en 1.000 / 1.000 (same), ru 0.900 / 1.000 →
// 1.000 / 1.000, uk 1.000 / 0.562 → 1.000 / 0.938; held en 1.000 / 0.333 →
// 0.500 / 0.333, ru 1.000 / 0.833 (same), uk 0.714 / 1.000 (same).
var dev8Floors = map[string][2]float64{
	"tune en": {0.99, 0.99}, "tune ru": {0.99, 0.99}, "tune uk": {0.99, 0.93},
	"held en": {0.49, 0.33}, "held ru": {0.99, 0.83}, "held uk": {0.71, 0.99},
}

// dev8MaxOpposite: claims with the opposite side allowed per split and
// language; they may only go down.
var dev8MaxOpposite = map[string]int{}

// TestClaimsDev8 scores claims (place, side) on the eighth development set
// (testdata/claims-dev8.json: excerpts of real pages of events that no
// earlier set covers, committed in 6477d89 before the extractor read it)
// per split and language, with the scorer of TestClaimsDev2. The held split
// is a fifth held-out set: its rows are aggregates only, and -v lists the
// tune split's misses only.
func TestClaimsDev8(t *testing.T) {
	scoreSplitSet(t, "claims-dev8.json", dev8Floors, dev8MaxOpposite)
}
