package extract

import (
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/gazetteer"
)

// TestRankScore: a small place's known population does not rank it above
// a homonym whose population is unknown; a town's does.
func TestRankScore(t *testing.T) {
	village := func(pop int, score float64) gazetteer.Candidate {
		return gazetteer.Candidate{Place: &frontline.Place{Kind: "village", Population: pop}, Score: score}
	}
	known, unknown := village(1119, 1.060), village(0, 1.016)
	if rankScore(known) > rankScore(unknown)+0.001 {
		t.Errorf("village of 1,119: %.4f, unknown population: %.4f", rankScore(known), rankScore(unknown))
	}
	if rankScore(unknown) != unknown.Score {
		t.Errorf("unknown population changed: %.4f", rankScore(unknown))
	}
	city := gazetteer.Candidate{Place: &frontline.Place{Kind: "city", Population: 338968}, Score: 1.159}
	if rankScore(city) != city.Score {
		t.Errorf("city: %.4f", rankScore(city))
	}
}
