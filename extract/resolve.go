package extract

import (
	"math"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/frontline-osint/frontline/gazetteer"
)

// nameCache keeps the gazetteer's candidates per spelling: news repeats
// the same few hundred names, and a name's candidates do not depend on the
// text. Bounded: emptied when full.
type nameCache struct {
	mu sync.Mutex
	m  map[string]cached
}

type cached struct {
	cands []gazetteer.Candidate
	err   error
}

const nameCacheMax = 50000

// maxCandidates bounds the readings of one name considered in context
// (Novoselivka has about a hundred).
const maxCandidates = 200

func (e *Extractor) candidates(name string) ([]gazetteer.Candidate, error) {
	e.cache.mu.Lock()
	c, ok := e.cache.m[name]
	e.cache.mu.Unlock()
	if ok {
		return c.cands, c.err
	}
	var cands []gazetteer.Candidate
	var err error
	if strings.Contains(name, readingSep) {
		cands, err = e.mergedCandidates(strings.Split(name, readingSep))
	} else {
		cands, err = e.g.Search(gazetteer.Query{Text: name, Limit: maxCandidates, NoSuggestions: true})
	}
	e.cache.mu.Lock()
	if e.cache.m == nil || len(e.cache.m) >= nameCacheMax {
		e.cache.m = map[string]cached{}
	}
	e.cache.m[name] = cached{cands, err}
	e.cache.mu.Unlock()
	return cands, err
}

// resolved is one name's reading.
type resolved struct {
	cands []gazetteer.Candidate
	best  int // index into cands
	err   error
}

// resolveNames reads the distinct names of one text together, as
// gazetteer.ResolveMentions does and with its weights: each name's
// candidates keep the gazetteer's score (spelling, size), gain the front
// priors (rankPrior) and 0.3·e^(−d/30 km) for the distance d to the
// nearest best reading of another name of the text or to a point the
// publisher linked (anchors), plus, among village homonyms, a short-range
// pull of a neighbour in the same sentence (sentences[i] lists the
// sentences naming names[i]; nearW2); two rounds. It differs in cost only: the
// candidates come from a cache, distances are equirectangular (ranking
// at tens of km does not need the ellipsoid), and points are deduplicated, so a
// long article with a hundred names resolves in milliseconds.
func (e *Extractor) resolveNames(names []string, sentences [][]int, anchors [][2]float64, day time.Time) []resolved {
	out := make([]resolved, len(names))
	for i, n := range names {
		out[i].cands, out[i].err = e.candidates(n)
	}
	// First reading: the gazetteer's score and the front prior.
	for i, r := range out {
		if r.err != nil || len(r.cands) < 2 {
			continue
		}
		bestScore := math.Inf(-1)
		for k, c := range r.cands {
			if c.Score+maxRankPrior() < bestScore {
				break
			}
			if s := rankScore(c) - centroidPenalty(c) + rankPrior(c, day); s > bestScore {
				bestScore, out[i].best = s, k
			}
		}
	}
	for round := 0; round < 2; round++ {
		// Points of the current best readings, by name.
		type pt struct {
			lon, lat float64
			name     int
			names    []int // every name read at this point
		}
		var pts []pt
		seen := map[[2]float64]int{}
		for i, r := range out {
			if r.err != nil || len(r.cands) == 0 {
				continue
			}
			c := r.cands[r.best]
			if c.PointSource == "" {
				continue
			}
			k := [2]float64{c.Lon, c.Lat}
			if j, ok := seen[k]; ok {
				if pts[j].name != i {
					pts[j].name = -1 // shared by several names
				}
				pts[j].names = append(pts[j].names, i)
				continue
			}
			seen[k] = len(pts)
			pts = append(pts, pt{c.Lon, c.Lat, i, []int{i}})
		}
		// Points fixed by the publisher's links: context for every name.
		for _, a := range anchors {
			pts = append(pts, pt{a[0], a[1], -1, nil})
		}
		next := make([]int, len(out))
		for i, r := range out {
			next[i] = r.best
			if r.err != nil || len(r.cands) < 2 {
				continue
			}
			bestScore := math.Inf(-1)
			// Among villages only, a neighbour in the same sentence
			// pulls hard: a town of that name keeps its rank.
			sentencePull := sentences != nil && !hasTown(r.cands)
			for k, c := range r.cands {
				s := rankScore(c) - centroidPenalty(c) + rankPrior(c, day)
				if c.Score+nearW1+nearW2+maxRankPrior() < bestScore {
					break // sorted by score: no later candidate can win
				}
				if c.PointSource != "" {
					cosLat := math.Cos(c.Lat * math.Pi / 180)
					near, nearSentence := math.Inf(1), math.Inf(1)
					for _, p := range pts {
						if p.name == i || names[i] == namesOf(p.name, names) {
							continue
						}
						d := approxDistanceM(c.Lon, c.Lat, cosLat, p.lon, p.lat)
						near = math.Min(near, d)
						if d < nearSentence && sentencePull && sharesSentence(sentences, i, p.names) {
							nearSentence = d
						}
					}
					if !math.IsInf(near, 1) {
						s += nearW1 * math.Exp(-near/nearScale1M)
					}
					if !math.IsInf(nearSentence, 1) {
						s += nearW2 * math.Exp(-nearSentence/nearScale2M)
					}
				}
				if s > bestScore {
					bestScore, next[i] = s, k
				}
			}
		}
		for i := range out {
			out[i].best = next[i]
		}
	}
	return out
}

func namesOf(i int, names []string) string {
	if i < 0 {
		return ""
	}
	return names[i]
}

// approxDistanceM is the equirectangular approximation of the distance
// from (lon1, lat1), whose latitude's cosine is cosLat1: within a few
// tenths of a percent over the hundreds of km that matter for ranking.
func approxDistanceM(lon1, lat1, cosLat1, lon2, lat2 float64) float64 {
	const mPerDeg = 6371008.8 * math.Pi / 180
	dx := (lon2 - lon1) * cosLat1
	dy := lat2 - lat1
	return mPerDeg * math.Sqrt(dx*dx+dy*dy)
}

// frontPrior favours, among homonyms, the readings near the theatre of
// the war on the day of the text: war news names villages there far more
// often than their namesakes elsewhere (the tracker's Andriivka is not the
// one near Kyiv). It is 0.15 within 15 km of a coarse line through the
// fronts of that time (theatre, below) and falls off as e^(−(d−15 km)/30 km)
// beyond, at most half the
// pull of one co-mentioned place nearby (0.3), so context still decides.
// A zero day uses every line.
func frontPrior(lon, lat float64, day time.Time) float64 {
	d := math.Inf(1)
	cosLat := math.Cos(lat * math.Pi / 180)
	for _, f := range theatre {
		if !day.IsZero() && (day.Before(f.from) || !f.until.IsZero() && day.After(f.until)) {
			continue
		}
		for k := 0; k+1 < len(f.line); k++ {
			d = math.Min(d, segmentDistanceM(lon, lat, cosLat, f.line[k], f.line[k+1]))
		}
	}
	// Flat within the zone the coarse line stands for: inside it the
	// co-mentioned places decide.
	return maxFrontPrior * math.Exp(-math.Max(0, d-frontZoneM)/30000)
}

// frontZoneM is the half-width of the zone around the theatre lines where
// the prior does not tell places apart.
const frontZoneM = 15000

const maxFrontPrior = 0.15

type front struct {
	from, until time.Time // until zero: still a front
	line        [][2]float64
}

func date(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

// theatre is coarse lines (lat, lon) through the contact lines of the
// war, each with the time it was a front: the main line from the Kinburn
// spit along the Dnipro and the southern, Donetsk, Luhansk and Kharkiv
// fronts; the right-bank Kherson front of 2022; Izium–Balakliia in 2022;
// the Pokrovsk axis from 2024; the Kursk border from August 2024. Tens of
// km of error do not matter: it only orders homonyms hundreds of km apart.
var theatre = []front{
	{date("2022-02-24"), time.Time{}, [][2]float64{{46.55, 31.60}, {46.62, 32.60}, {46.76, 33.37}, {47.10, 34.00}, {47.44, 35.28}, {47.45, 35.84}, {47.66, 36.26},
		{47.83, 36.83}, {47.78, 37.25}, {47.95, 37.50}, {48.14, 37.74}, {48.60, 38.00}, {48.86, 38.10}, {49.05, 38.22},
		{49.41, 38.15}, {49.71, 37.61}, {50.29, 36.94}, {50.30, 36.30}}},
	{date("2022-02-24"), date("2022-11-20"), [][2]float64{{46.85, 32.25}, {47.07, 32.80}, {47.25, 33.30}, {47.48, 33.55}, {47.30, 34.20}}},
	{date("2022-02-24"), date("2022-10-15"), [][2]float64{{49.71, 37.61}, {49.21, 37.26}, {49.46, 36.84}, {49.90, 36.40}}},
	{date("2024-01-01"), time.Time{}, [][2]float64{{48.14, 37.74}, {48.28, 37.18}, {48.10, 36.90}}},
	{date("2024-08-01"), time.Time{}, [][2]float64{{50.30, 36.30}, {51.20, 35.27}, {51.50, 34.40}}},
}

// segmentDistanceM is the distance from (lon, lat) to the segment a–b
// given as (lat, lon) pairs, on the equirectangular plane.
func segmentDistanceM(lon, lat, cosLat float64, a, b [2]float64) float64 {
	const mPerDeg = 6371008.8 * math.Pi / 180
	ax, ay := (a[1]-lon)*cosLat, a[0]-lat
	bx, by := (b[1]-lon)*cosLat, b[0]-lat
	dx, dy := bx-ax, by-ay
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, -(ax*dx+ay*dy)/l))
	}
	x, y := ax+t*dx, ay+t*dy
	return mPerDeg * math.Sqrt(x*x+y*y)
}

// priorOf is the front prior of a candidate with a point.
func priorOf(c gazetteer.Candidate, day time.Time) float64 {
	if c.PointSource == "" {
		return 0
	}
	priorCache.mu.Lock()
	k := priorKey{math.Float64bits(c.Lon), math.Float64bits(c.Lat), uint64(priorCache.fronts.of(day))}
	v, ok := priorCache.m[k]
	priorCache.mu.Unlock()
	if ok {
		return v
	}
	v = frontPrior(c.Lon, c.Lat, day)
	priorCache.mu.Lock()
	if priorCache.m == nil || len(priorCache.m) >= 200000 {
		priorCache.m = map[priorKey]float64{}
	}
	priorCache.m[k] = v
	priorCache.mu.Unlock()
	return v
}

// priorCache remembers the prior of a point for a set of active fronts:
// the same few thousand candidates come back in every text.
var priorCache struct {
	mu     sync.Mutex
	m      map[priorKey]float64
	fronts lastDay[uint8] // frontsOn of the day asked last
}

// priorKey holds a point's coordinates as their bits, with no padding: a
// key of plain bytes is hashed and compared as one piece of memory, one
// with floats or padding field by field (the lookups run at every
// candidate of every name). Two floats with the same bits are equal; ±0
// as two keys only caches one value twice.
type priorKey struct {
	lon, lat uint64
	fronts   uint64
}

// A lastDay remembers what a function of the day gave for the day asked
// last: the candidates of a text are ranked on one day. The day is kept
// as its instant (frontsOn and snapshotsAround read nothing else).
type lastDay[T any] struct {
	set  bool
	sec  int64
	nsec int
	v    T
	f    func(time.Time) T
}

// of is l.f(day), from memory when day is the instant asked last.
func (l *lastDay[T]) of(day time.Time) T {
	sec, nsec := day.Unix(), day.Nanosecond()
	if !l.set || l.sec != sec || l.nsec != nsec {
		l.set, l.sec, l.nsec, l.v = true, sec, nsec, l.f(day)
	}
	return l.v
}

func init() {
	priorCache.fronts.f = frontsOn
	datedCache.around.f = func(day time.Time) [2]int {
		a, b := loadFronts().snapshotsAround(day)
		return [2]int{a, b}
	}
}

// frontsOn is the set of theatre lines active on day, as bits.
func frontsOn(day time.Time) uint8 {
	var m uint8
	for i, f := range theatre {
		if day.IsZero() || !day.Before(f.from) && (f.until.IsZero() || !day.After(f.until)) {
			m |= 1 << i
		}
	}
	return m
}

// mergedCandidates are the candidates of several readings of one name,
// each place once with its best score, best first.
func (e *Extractor) mergedCandidates(readings []string) ([]gazetteer.Candidate, error) {
	var out []gazetteer.Candidate
	index := map[string]int{}
	var firstErr error
	for _, r := range readings {
		cs, err := e.candidates(r)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		for _, c := range cs {
			if k, ok := index[c.ID]; ok {
				if c.Score > out[k].Score {
					out[k] = c
				}
				continue
			}
			index[c.ID] = len(out)
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil, firstErr
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > maxCandidates {
		out = out[:maxCandidates]
	}
	return out, nil
}

// smallPlacePopulation: below it a place's population does not rank it
// above its homonyms (rankScore).
const smallPlacePopulation = 10000

// rankScore is the gazetteer's score without the size bonus of a place of
// fewer than smallPlacePopulation people: whether a village's population
// is known (GeoNames) or not (Who's On First) says nothing about which
// of two villages a text means (the Pavlivka by Vuhledar, population
// unknown, against the Mykolaiv one of 1,119 people). The bonus is
// 0.1·log10(pop+1)/7 (gazetteer.contextScore); the early exits of the
// loops above still hold, since rankScore ≤ Score.
func rankScore(c gazetteer.Candidate) float64 {
	if c.Population <= 0 || c.Population >= smallPlacePopulation {
		return c.Score
	}
	return c.Score - 0.1*math.Log10(float64(c.Population)+1)/7
}

// centroidPenaltyScore is taken from a reading whose point is only its
// hromada's centre: the front prior and the nearness to other places it
// earns are those of another spot, often 10–25 km off.
var centroidPenaltyScore = 0.05

func centroidPenalty(c gazetteer.Candidate) float64 {
	if c.PointSource == "hromada" {
		return centroidPenaltyScore
	}
	return 0
}

// rankPrior is what nearness to the war adds to a reading when homonyms
// are ranked: the coarse theatre prior (priorOf) and the dated one
// (datedPrior).
func rankPrior(c gazetteer.Candidate, day time.Time) float64 {
	return priorOf(c, day) + datedPrior(c, day)
}

func maxRankPrior() float64 { return maxFrontPrior + datedPriorMax }

// The dated prior: datedPriorMax within datedPriorZoneM of the front of
// the day on DeepStateMap's maps (fronts.bin), falling off as
// e^(−(d−zone)/datedPriorScaleM) beyond. The coarse theatre lines cannot
// tell two front villages 20 km apart; the front of the month can (the
// Andriivka the enemy advanced near in May 2024 is the one on that
// month's line). Tuned on the tuning notes (id % 3 != 0) and press texts.
var (
	datedPriorMax    = 0.2
	datedPriorZoneM  = 3000.0
	datedPriorScaleM = 5000.0
	// datedCentroidSlackM is taken off the distance of a point that is
	// only a hromada's centre.
	datedCentroidSlackM = 10000.0
)

// datedPrior is the dated front prior of a candidate with a point.
func datedPrior(c gazetteer.Candidate, day time.Time) float64 {
	if c.PointSource == "" || datedPriorMax == 0 {
		return 0
	}
	if c.Country != "" && c.Country != "UA" {
		// The maps' fronts are drawn on Ukraine's land only: across the
		// border (Kursk, 2024) the coarse theatre line stands for them.
		return priorOf(c, day) / maxFrontPrior * datedPriorMax
	}
	datedCache.mu.Lock()
	a, b := -1, -1
	if !day.IsZero() {
		ab := datedCache.around.of(day)
		a, b = ab[0], ab[1]
	}
	k := datedKey{math.Float64bits(c.Lon), math.Float64bits(c.Lat), int32(int16(a)), int32(int16(b))}
	d, ok := datedCache.m[k]
	datedCache.mu.Unlock()
	if !ok {
		d = datedFrontDistanceM(c.Lon, c.Lat, day)
		datedCache.mu.Lock()
		if datedCache.m == nil || len(datedCache.m) >= 200000 {
			datedCache.m = map[datedKey]float64{}
		}
		datedCache.m[k] = d
		datedCache.mu.Unlock()
	}
	if math.IsInf(d, 1) {
		return 0
	}
	if c.PointSource == "hromada" {
		// Only the hromada's centre: the village may be anywhere within
		// about this of it.
		d = math.Max(0, d-datedCentroidSlackM)
	}
	return datedPriorMax * math.Exp(-math.Max(0, d-datedPriorZoneM)/datedPriorScaleM)
}

// datedCache remembers a point's distance to the front of a pair of maps.
var datedCache struct {
	mu     sync.Mutex
	m      map[datedKey]float64
	around lastDay[[2]int] // snapshotsAround of the day asked last
}

// datedKey: the point's bits and no padding, as priorKey.
type datedKey struct {
	lon, lat uint64
	a, b     int32
}

// The co-mention pull: nearW1·e^(−d/nearScale1M) for the distance d to
// the nearest reading of another name of the text (or a linked point),
// and, when every reading of the name is a village (hasTown false),
// nearW2·e^(−d/nearScale2M) more for the nearest reading of another name
// of the same sentence. The first decays too slowly to tell a neighbour
// 4 km off from one 15 km off, which the front priors (up to 0.35)
// outweigh; the second does, and is kept to one sentence because the
// tracker's notes name several sectors in one text. Tuned on the tuning
// notes, press texts and dev5's tune split (docs/CLAIMS.md, "Places,
// thirteenth pass").
var (
	nearW1, nearScale1M = 0.3, 30000.0
	nearW2, nearScale2M = 0.4, 5000.0
)

// sharesSentence reports whether name i and one of others (not i) are
// named in one sentence; sentences[k] is the sorted sentence numbers of
// name k.
func sharesSentence(sentences [][]int, i int, others []int) bool {
	for _, o := range others {
		if o == i {
			continue
		}
		a, b := sentences[i], sentences[o]
		for x, y := 0, 0; x < len(a) && y < len(b); {
			switch {
			case a[x] == b[y]:
				return true
			case a[x] < b[y]:
				x++
			default:
				y++
			}
		}
	}
	return false
}

// hasTown reports whether one of a name's readings is a place of at least
// smallPlacePopulation people.
func hasTown(cands []gazetteer.Candidate) bool {
	for _, c := range cands {
		if c.Population >= smallPlacePopulation {
			return true
		}
	}
	return false
}
