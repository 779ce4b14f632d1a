package extract

// The claim model's trainer, and what the external tests need of the
// package to build its training examples. In a test file: the shipped
// binary carries only the trained weights.

import (
	"math"
	"time"

	"github.com/frontline-osint/frontline"
)

// ClaimModelClasses are the model's classes: none, Ukraine taking,
// Ukraine advancing, Russia taking, Russia advancing.
const ClaimModelClasses = claimClasses

// ClaimModelExample is a settlement mention as the model sees it.
type ClaimModelExample struct {
	Mention            frontline.Mention
	SentStart, SentEnd int // its sentence
	Features           []uint32
	// Candidate: the model would be asked about it (no rule claim about
	// its place in its sentence, none with a side in the text).
	Candidate bool
}

// ClaimModelExamples reads a text by the rules (the model off) and returns
// its settlement mentions with their features, and the rules' extraction.
func (e *Extractor) ClaimModelExamples(text string, published time.Time, links []frontline.Link, publisherSide frontline.Side) ([]ClaimModelExample, *frontline.Extraction, error) {
	d, ss, err := e.read(text, published, links, publisherSide, true)
	if err != nil {
		return nil, nil, err
	}
	var out []ClaimModelExample
	for _, c := range d.modelCandidates(ss) {
		out = append(out, ClaimModelExample{
			Mention:   c.m,
			SentStart: c.si.start,
			SentEnd:   c.si.end,
			Features:  d.modelFeatures(c, nil),
			Candidate: c.candidate,
		})
	}
	return out, d.extraction(), nil
}

// ClaimModelTrainExample is one labelled example.
type ClaimModelTrainExample struct {
	Features []uint32
	Class    int
	Weight   float64
}

// Training settings: plain stochastic gradient descent on the log loss,
// a fixed number of passes in an order drawn from a fixed seed, weight
// decay once a pass.
const (
	trainEpochs = 12
	trainRate   = 0.2
	trainDecay  = 1e-3
)

// TrainClaimModel trains the model on the examples and encodes it with the
// threshold and the examples' hash (see claimmodel.bin). The same examples
// give the same bytes.
func TrainClaimModel(ex []ClaimModelTrainExample, threshold float64, examplesHash string) []byte {
	w := trainWeights(ex)
	return encodeClaimModel(quantize(w, threshold, examplesHash))
}

// ClaimModel is a decoded model, for cross-validation.
type ClaimModel struct{ m *claimModel }

// DecodeClaimModel decodes a model's bytes.
func DecodeClaimModel(b []byte) (ClaimModel, error) {
	m, err := decodeClaimModel(b)
	return ClaimModel{m}, err
}

// EmbeddedClaimModel is the model the package ships.
func EmbeddedClaimModel() []byte { return claimModelBin }

// Threshold is the model's threshold; Examples the hash of its examples.
func (m ClaimModel) Threshold() float64 { return m.m.threshold }
func (m ClaimModel) Examples() string   { return m.m.examples }
func (m ClaimModel) Buckets() int       { return len(m.m.w) }

// SideProbs is the probability of a claim for Ukraine and for Russia.
func (m ClaimModel) SideProbs(feats []uint32) (ukraine, russia float64) {
	return sideProbs(m.m.probs(feats))
}

// ClaimExamplesHash is the hash the model file keeps of its examples.
func ClaimExamplesHash(lines []string) string { return claimExamplesHash(lines) }

func trainWeights(ex []ClaimModelTrainExample) []float64 {
	w := make([]float64, (1<<claimModelBits)*claimClasses)
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	rng := uint64(0x9e3779b97f4a7c15)
	next := func() uint64 { // xorshift64*
		rng ^= rng >> 12
		rng ^= rng << 25
		rng ^= rng >> 27
		return rng * 2685821657736338717
	}
	for epoch := range trainEpochs {
		for i := len(order) - 1; i > 0; i-- {
			j := int(next() % uint64(i+1))
			order[i], order[j] = order[j], order[i]
		}
		rate := trainRate / (1 + float64(epoch))
		for _, i := range order {
			e := ex[i]
			var z [claimClasses]float64
			for _, f := range e.Features {
				for c := range claimClasses {
					z[c] += w[int(f)*claimClasses+c]
				}
			}
			p := softmax(z, 1)
			for c := range claimClasses {
				g := -p[c]
				if c == e.Class {
					g += 1
				}
				g *= rate * e.Weight
				if g == 0 {
					continue
				}
				for _, f := range e.Features {
					w[int(f)*claimClasses+c] += g
				}
			}
		}
		keep := 1 - trainDecay
		for i := range w {
			w[i] *= keep
		}
	}
	return w
}

// quantize keeps the weights as int8 with one scale; buckets whose weights
// all round to 0 are left out.
func quantize(w []float64, threshold float64, examplesHash string) *claimModel {
	mx := 0.0
	for _, v := range w {
		mx = math.Max(mx, math.Abs(v))
	}
	m := &claimModel{threshold: threshold, examples: examplesHash, w: map[uint32][claimClasses]int8{}, scale: 1}
	if mx == 0 {
		return m
	}
	m.scale = mx / 127
	for b := 0; b < 1<<claimModelBits; b++ {
		var q [claimClasses]int8
		nz := false
		for c := range claimClasses {
			v := math.Round(w[b*claimClasses+c] / m.scale)
			q[c] = int8(math.Max(-127, math.Min(127, v)))
			nz = nz || q[c] != 0
		}
		if nz {
			m.w[uint32(b)] = q
		}
	}
	return m
}
