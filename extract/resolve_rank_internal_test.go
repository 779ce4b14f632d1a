package extract

import (
	"fmt"
	"math"
	"testing"
	"time"

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

// TestRankPriorAsFresh: the front priors from the warm caches (points
// keyed by their bits, the day's fronts and maps remembered) are those
// computed with every cache emptied first, over points and days asked in
// an order that changes the day at almost every call, the zero day and
// one instant in two time zones included.
func TestRankPriorAsFresh(t *testing.T) {
	kyiv := time.FixedZone("EET", 2*3600)
	days := []time.Time{
		{}, date("2022-02-24"), date("2022-10-15"), date("2022-10-16"), date("2022-11-20"), date("2022-11-21"),
		date("2023-06-01"), date("2024-08-01"), date("2024-10-25"), date("2024-10-25").In(kyiv),
		time.Date(2024, 10, 25, 1, 0, 0, 0, kyiv), date("2025-06-30"), date("2030-01-01"),
	}
	var cands []gazetteer.Candidate
	for i, pt := range [][2]float64{{37.55, 48.28}, {37.18, 48.28}, {36.30, 50.30}, {35.27, 51.20}, {32.60, 46.62}, {30.52, 50.45}, {24.03, 49.84}, {math.Copysign(0, -1), 0}, {0, 0}} {
		for _, src := range []string{"", "wof", "hromada"} {
			for _, country := range []string{"UA", "RU", ""} {
				cands = append(cands, gazetteer.Candidate{Place: &frontline.Place{
					Lon: pt[0], Lat: pt[1], PointSource: src, Country: country, ID: fmt.Sprint(i)}})
			}
		}
	}
	reset := func() {
		priorCache.mu.Lock()
		priorCache.m, priorCache.fronts.set = nil, false
		priorCache.mu.Unlock()
		datedCache.mu.Lock()
		datedCache.m, datedCache.around.set = nil, false
		datedCache.mu.Unlock()
	}
	fresh := map[[2]int]float64{}
	for di, d := range days {
		for ci, c := range cands {
			reset()
			fresh[[2]int{di, ci}] = rankPrior(c, d)
		}
	}
	reset()
	n := 0
	for round := 0; round < 3; round++ {
		for ci, c := range cands {
			for k := range days {
				di := (k*7 + ci + round) % len(days)
				if got, want := rankPrior(c, days[di]), fresh[[2]int{di, ci}]; got != want {
					t.Errorf("%v on %v: %v, fresh %v", c.Place, days[di], got, want)
				}
				n++
			}
		}
	}
	if priorCache.fronts.f == nil || datedCache.around.f == nil {
		t.Fatal("day memos not set")
	}
	t.Logf("%d priors compared", n)
}
