package assess

// The assessed layer: each settlement's control as the claims tell it.
//
// Every graded claim about a settlement's control is a vote for a status
// on the day it refers to (the end of its interval): held → the side's
// status; contested → contested; advancing on it or at its outskirts →
// contested, at half weight (the place is not yet the advancing side's);
// strikes say nothing. A vote weighs (7 − credibility) / 6: 1.0 for a
// confirmed claim, 0.17 for one that cannot be judged.
//
// On each day with votes the status with the most weight wins; the status
// so far votes too, with its confidence faded by 0.9 a day since it was
// last decided, so that a lone weak claim does not overturn what several
// good ones established. When both sides have votes and the winner holds
// less than two thirds of the weight, the day is contested. Confidence is
// the winner's share of the weight times 1 − Π(1 − w) over its votes (one
// improbable claim alone is weak however unopposed). A status holds from
// its day until a later day's votes change it; before the first claim the
// settlement is unknown.

import (
	"context"
	"math"
	"sort"

	"github.com/frontline-osint/frontline"
)

// vote is one claim's weight for a status on a day.
type vote struct {
	day    int32
	status frontline.Status
	weight float64
	claim  frontline.AssessedClaim
}

// Timelines builds the assessed timeline of every settlement the graded
// claims name, by place name (then ID). Claims must be graded (Assess).
func AssessedTimelines(cs []frontline.ClaimView) []frontline.AssessedTimeline {
	byPlace := map[string][]vote{}
	names := map[string]string{}
	for i := range cs {
		v := &cs[i]
		if v.PlaceID == "" {
			continue
		}
		it := newItem(v, i)
		if !it.dated {
			continue
		}
		st, w := frontline.Status(""), credWeight(v.Credibility)
		switch it.class {
		case classHeld, classContested:
			st = it.implies
		case classApproach:
			st, w = frontline.StatusContested, w/2
		}
		if st == "" {
			continue
		}
		if names[v.PlaceID] == "" {
			names[v.PlaceID] = placeName(v)
		}
		src := v.Source
		if v.SpeakerSource != "" {
			src = v.SpeakerSource
		}
		byPlace[v.PlaceID] = append(byPlace[v.PlaceID], vote{day: it.to, status: st, weight: w, claim: frontline.AssessedClaim{
			ReportID: v.ReportID, Index: v.Index, Quote: v.Quote, Speaker: v.Speaker, Source: src, Assertion: v.Assertion,
			Implies: st, RefersTo: v.RefersTo, Credibility: v.Credibility}})
	}
	out := make([]frontline.AssessedTimeline, 0, len(byPlace))
	for id, votes := range byPlace {
		out = append(out, frontline.AssessedTimeline{PlaceID: id, PlaceName: names[id], Periods: periods(votes)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].PlaceName != out[j].PlaceName {
			return out[i].PlaceName < out[j].PlaceName
		}
		return out[i].PlaceID < out[j].PlaceID
	})
	return out
}

func credWeight(c int) float64 {
	if c < 1 || c > 6 {
		c = 6
	}
	return float64(7-c) / 6
}

// carryDecay is how much of a status's confidence carries into each
// later day: a status stands against a later lone weak claim, and fades
// when nothing repeats it.
const carryDecay = 0.9

// periods turns one place's votes into runs of days.
func periods(votes []vote) []frontline.AssessedPeriod {
	sort.SliceStable(votes, func(i, j int) bool { return votes[i].day < votes[j].day })
	var out []frontline.AssessedPeriod
	var last int32
	for i := 0; i < len(votes); {
		j := i
		for j < len(votes) && votes[j].day == votes[i].day {
			j++
		}
		day := votes[i].day
		dayVotes := votes[i:j]
		// The status so far votes too, with its confidence faded by the
		// days since.
		n := len(out)
		if n > 0 {
			carried := vote{day: day, status: out[n-1].Status, weight: out[n-1].Confidence * math.Pow(carryDecay, float64(day-last))}
			dayVotes = append(append([]vote(nil), votes[i:j]...), carried)
		}
		st, conf, deciding := decide(dayVotes, n > 0)
		if n > 0 && out[n-1].Status == st {
			p := &out[n-1]
			p.Claims = append(p.Claims, deciding...)
			p.Confidence = conf
		} else {
			if n > 0 {
				out[n-1].To = dayLabel(day - 1)
			}
			out = append(out, frontline.AssessedPeriod{Status: st, From: dayLabel(day), Confidence: conf, Claims: deciding})
		}
		last = day
		i = j
	}
	for k := range out {
		out[k].Confidence = math.Round(out[k].Confidence*100) / 100
	}
	return out
}

// decide weighs one day's votes: the status, its confidence and the
// claims that voted for it. When carried is true the last vote is the
// status carried from before, not a claim.
func decide(vs []vote, carried bool) (frontline.Status, float64, []frontline.AssessedClaim) {
	weight := map[frontline.Status]float64{}
	total := 0.0
	for _, v := range vs {
		weight[v.status] += v.weight
		total += v.weight
	}
	best := frontline.Status("")
	for _, st := range frontline.Statuses {
		if weight[st] > weight[best] || best == "" && weight[st] > 0 {
			best = st
		}
	}
	if weight[frontline.StatusRussia] > 0 && weight[frontline.StatusUkraine] > 0 && weight[best] < total*2/3 {
		best = frontline.StatusContested
	}
	miss := 1.0
	var deciding []frontline.AssessedClaim
	for k, v := range vs {
		if v.status == best {
			miss *= 1 - math.Min(v.weight, 1)
		}
		if carried && k == len(vs)-1 {
			continue
		}
		if v.status == best || best == frontline.StatusContested {
			deciding = append(deciding, v.claim)
		}
	}
	if total == 0 {
		return best, 0, deciding
	}
	share := weight[best] / total
	if best == frontline.StatusContested && weight[best] == 0 {
		// Contested by the balance of the two sides' votes.
		share = 1 - math.Abs(weight[frontline.StatusRussia]-weight[frontline.StatusUkraine])/total
		miss = 1 - share
	}
	return best, share * (1 - miss), deciding
}

// StatusAt returns a timeline's period holding on day (YYYY-MM-DD), nil
// when the claims say nothing of it by then.
func StatusAt(t *frontline.AssessedTimeline, day string) *frontline.AssessedPeriod {
	var found *frontline.AssessedPeriod
	for i := range t.Periods {
		p := &t.Periods[i]
		if p.From <= day && (p.To == "" || day <= p.To) {
			found = p
		}
	}
	return found
}

// Disagreement is a settlement whose assessed status differs from a
// layer's on a day.
type Disagreement struct {
	PlaceID    string                    `json:"place_id"`
	PlaceName  string                    `json:"place_name"`
	Date       string                    `json:"date"`
	Assessed   frontline.Status          `json:"assessed"`
	Confidence float64                   `json:"confidence"`
	Since      string                    `json:"since"`
	Layer      string                    `json:"layer"`
	LayerSays  frontline.Status          `json:"layer_status"`
	Claims     []frontline.AssessedClaim `json:"claims"`
}

// Comparison is the assessed layer against a tracker on a day.
type Comparison struct {
	Layer    string         `json:"layer"`
	Date     string         `json:"date"`
	Compared int            `json:"compared"` // settlements both layers place that day
	Agree    int            `json:"agree"`
	Unplaced int            `json:"unplaced"` // assessed, but the layer cannot place them that day
	Disagree []Disagreement `json:"disagree"`
}

// Compare lists the settlements whose assessed status on day differs from
// the layer's (looked up place by place).
func Compare(ctx context.Context, ts []frontline.AssessedTimeline, l LayerLookup, day string) (*Comparison, error) {
	out := &Comparison{Layer: l.LayerName(), Date: day, Disagree: []Disagreement{}}
	for i := range ts {
		p := StatusAt(&ts[i], day)
		if p == nil {
			continue
		}
		st, ok, err := l.StatusOn(ctx, ts[i].PlaceID, day)
		if err != nil {
			return nil, err
		}
		if !ok {
			out.Unplaced++
			continue
		}
		out.Compared++
		if st == p.Status {
			out.Agree++
			continue
		}
		out.Disagree = append(out.Disagree, Disagreement{PlaceID: ts[i].PlaceID, PlaceName: ts[i].PlaceName, Date: day,
			Assessed: p.Status, Confidence: p.Confidence, Since: p.From, Layer: l.LayerName(), LayerSays: st, Claims: p.Claims})
	}
	return out, nil
}
