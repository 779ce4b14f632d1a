package extract

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/frontline-osint/frontline"
)

// The claim model is a small statistical reader used only where the rules
// give no claim: a settlement the text names in a sentence of which no rule
// made a claim about it, and about which no rule made a claim with a side
// anywhere in the text. It never changes or removes a rule's claim. It is a
// multinomial logistic regression over hashed features of the mention's
// sentence (the words around it, cut to five letters; the side words and
// their place; the sentence's voice and speaker's side; denials, negation,
// reporting verbs; the claims the rules made of the other places of the
// sentence), trained on the development data only (the DeepState notes
// whose id is not a multiple of 3, the tuning press texts, the second
// development set: never the held-out texts or notes) by
// `go test ./extract -run TestClaimModelTrain -train-claim-model`, which
// writes claimmodel.bin. Its classes are no claim, and a claim of taking or
// of advancing for Ukraine or for Russia; a claim is made when the
// probability of one side is at least the threshold the training chose by
// cross-validation (docs/CLAIMS.md, "Claims, twelfth pass").
//
//go:embed claimmodel.bin
var claimModelBin []byte

// claimModelDefault: whether New's extractors use the model. Off: its gain
// on held-out text was not shown (docs/CLAIMS.md); SetClaimModel turns it
// on.
const claimModelDefault = false

// Model classes.
const (
	classNone = iota
	classUkraineTaken
	classUkraineAdvanced
	classRussiaTaken
	classRussiaAdvanced
	claimClasses
)

// claimModelBits: features are hashed into 2^claimModelBits buckets.
const claimModelBits = 18

// claimModelTrigger is the trigger of a claim the model made: no words
// carry it, the sentence as a whole does.
const claimModelTrigger = "(claim model)"

// claimModel is a decoded claimmodel.bin.
type claimModel struct {
	threshold float64
	scale     float64
	// examples is the SHA-256 of the training examples it was trained on.
	examples string
	w        map[uint32][claimClasses]int8
}

const claimModelMagic = "frontline claim model 1\n"

var (
	claimModelOnce   sync.Once
	claimModelLoaded *claimModel
)

func loadClaimModel() *claimModel {
	claimModelOnce.Do(func() {
		m, err := decodeClaimModel(claimModelBin)
		if err != nil {
			panic("extract: claimmodel.bin: " + err.Error()) // the embedded file is tested
		}
		claimModelLoaded = m
	})
	return claimModelLoaded
}

// encodeClaimModel writes a model: a text header (magic, examples hash,
// threshold, scale, count), then per bucket, in increasing order, its
// number (4 bytes, little-endian) and its classes' weights (int8).
func encodeClaimModel(m *claimModel) []byte {
	var b bytes.Buffer
	b.WriteString(claimModelMagic)
	keys := make([]uint32, 0, len(m.w))
	for k := range m.w {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	fmt.Fprintf(&b, "examples %s\nthreshold %s\nscale %s\nbuckets %d\n", m.examples,
		strconv.FormatFloat(m.threshold, 'g', -1, 64), strconv.FormatFloat(m.scale, 'g', -1, 64), len(keys))
	var rec [4 + claimClasses]byte
	for _, k := range keys {
		binary.LittleEndian.PutUint32(rec[:4], k)
		ws := m.w[k]
		for c := range claimClasses {
			rec[4+c] = byte(ws[c])
		}
		b.Write(rec[:])
	}
	return b.Bytes()
}

func decodeClaimModel(b []byte) (*claimModel, error) {
	if !bytes.HasPrefix(b, []byte(claimModelMagic)) {
		return nil, errors.New("not a claim model")
	}
	b = b[len(claimModelMagic):]
	m := &claimModel{w: map[uint32][claimClasses]int8{}}
	n := 0
	for _, name := range []string{"examples", "threshold", "scale", "buckets"} {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			return nil, errors.New("header cut short")
		}
		line := string(b[:i])
		b = b[i+1:]
		v, ok := strings.CutPrefix(line, name+" ")
		if !ok {
			return nil, fmt.Errorf("header: %q, want %s", line, name)
		}
		var err error
		switch name {
		case "examples":
			m.examples = v
		case "threshold":
			m.threshold, err = strconv.ParseFloat(v, 64)
		case "scale":
			m.scale, err = strconv.ParseFloat(v, 64)
		case "buckets":
			n, err = strconv.Atoi(v)
		}
		if err != nil {
			return nil, fmt.Errorf("header %s: %v", name, err)
		}
	}
	const rec = 4 + claimClasses
	if n < 0 || len(b) != n*rec {
		return nil, fmt.Errorf("%d bytes of weights for %d buckets", len(b), n)
	}
	for i := 0; i < n; i++ {
		r := b[i*rec : (i+1)*rec]
		var ws [claimClasses]int8
		for c := range claimClasses {
			ws[c] = int8(r[4+c])
		}
		m.w[binary.LittleEndian.Uint32(r[:4])] = ws
	}
	return m, nil
}

// claimModelVersion names the shipped model: "claim-model-" and the
// first 12 hex digits of claimmodel.bin's SHA-256.
func claimModelVersion() string {
	h := sha256.Sum256(claimModelBin)
	return "claim-model-" + hex.EncodeToString(h[:6])
}

// probs are the classes' probabilities for the hashed features.
func (m *claimModel) probs(feats []uint32) [claimClasses]float64 {
	var z [claimClasses]float64
	for _, f := range feats {
		if ws, ok := m.w[f]; ok {
			for c := range claimClasses {
				z[c] += float64(ws[c])
			}
		}
	}
	return softmax(z, m.scale)
}

func softmax(z [claimClasses]float64, scale float64) [claimClasses]float64 {
	mx := math.Inf(-1)
	for c := range z {
		z[c] *= scale
		mx = math.Max(mx, z[c])
	}
	sum := 0.0
	for c := range z {
		z[c] = math.Exp(z[c] - mx)
		sum += z[c]
	}
	for c := range z {
		z[c] /= sum
	}
	return z
}

// sideProbs is the probability of a claim for Ukraine and for Russia.
func sideProbs(p [claimClasses]float64) (ukraine, russia float64) {
	return p[classUkraineTaken] + p[classUkraineAdvanced], p[classRussiaTaken] + p[classRussiaAdvanced]
}

// SetClaimModel turns the claim model on or off for this extractor (call it
// before use). Off, only the rules make claims.
func (e *Extractor) SetClaimModel(on bool) {
	e.claimModel.set, e.claimModel.on = true, on
}

func (e *Extractor) claimModelOn() bool {
	if e.claimModel.set {
		return e.claimModel.on
	}
	return claimModelDefault
}

// modelCandidate is a settlement mention of a sentence, with the sentence
// and the rule claims the sentence made.
type modelCandidate struct {
	si     *sentenceInfo
	m      frontline.Mention
	claims [2]int // d.claims[claims[0]:claims[1]] are the sentence's
	// candidate: the model is asked about it: no rule made a claim about
	// its place in its sentence, nor one with a side in the text.
	candidate bool
}

// modelSentence is a sentence read by the rules, for the model.
type modelSentence struct {
	si     *sentenceInfo
	claims [2]int
}

// modelCandidates are the mentions the model may speak of: settlements
// (not directions) of the sentences.
func (d *doc) modelCandidates(ss []modelSentence) []modelCandidate {
	var out []modelCandidate
	sided := d.sidedPlaces()
	for _, s := range ss {
		for _, m := range s.si.mentions {
			if m.Kind != frontline.MentionSettlement || m.Direction || m.Place.ID == "" {
				continue
			}
			in := false
			for _, c := range d.claims[s.claims[0]:s.claims[1]] {
				if c.PlaceID == m.Place.ID {
					in = true
					break
				}
			}
			out = append(out, modelCandidate{si: s.si, m: m, claims: s.claims, candidate: !in && !sided[m.Place.ID]})
		}
	}
	return out
}

// sidedPlaces are the places some rule claim gives a side (a denial
// included).
func (d *doc) sidedPlaces() map[string]bool {
	out := map[string]bool{}
	for _, c := range d.claims {
		if c.Side != "" || c.Assertion == frontline.AssertDenied {
			out[c.PlaceID] = true
		}
	}
	return out
}

// applyClaimModel adds the model's claims about the places the rules said
// nothing of.
func (d *doc) applyClaimModel(ss []modelSentence) {
	model := loadClaimModel()
	made := map[string]bool{}
	var feats []uint32
	for _, c := range d.modelCandidates(ss) {
		if !c.candidate || made[c.m.Place.ID] {
			continue
		}
		feats = d.modelFeatures(c, feats[:0])
		p := model.probs(feats)
		ua, ru := sideProbs(p)
		side, taken := "", false
		switch {
		case ua >= model.threshold && ua > ru:
			side, taken = sideUkraine, p[classUkraineTaken] >= p[classUkraineAdvanced]
		case ru >= model.threshold && ru > ua:
			side, taken = sideRussia, p[classRussiaTaken] >= p[classRussiaAdvanced]
		default:
			continue
		}
		made[c.m.Place.ID] = true
		assertion := frontline.AssertAdvancedTowards
		switch {
		case taken && side == sideUkraine:
			assertion = frontline.AssertLiberated
		case taken:
			assertion = frontline.AssertCaptured
		}
		si := c.si
		d.claims = append(d.claims, frontline.Claim{
			Quote: si.text, Start: si.start, End: si.end,
			PlaceID: c.m.Place.ID, PlaceName: c.m.Place.Name, Mention: c.m.Mention,
			Assertion: assertion, Side: frontline.Side(side), Trigger: claimModelTrigger,
			Speaker: si.speaker, SpeakerSide: frontline.Side(si.side),
			RefersTo: si.refersTo, RefersToPhrase: si.phrase,
			Hedges: si.hedges, Evidence: si.evidence,
		})
	}
	sort.SliceStable(d.claims, func(i, j int) bool { return d.claims[i].Start < d.claims[j].Start })
}

// modelToken is a word (cut to five letters) or a mark of a sentence, for
// the model's features.
type modelToken struct {
	start, end int
	s          string
}

// modelPlaceToken stands for a settlement the sentence names.
const modelPlaceToken = "@place"

// modelTokens splits a sentence's lower-case text into words, cut to five
// letters (digits as "#"), and the marks that bound clauses; the
// sentence's settlements are one token each.
func modelTokens(si *sentenceInfo) []modelToken {
	var out []modelToken
	lower := si.lower
	mi := 0
	for i := 0; i < len(lower); {
		for mi < len(si.mentions) && si.mentions[mi].End-si.start <= i {
			mi++
		}
		if mi < len(si.mentions) && si.mentions[mi].Start-si.start <= i {
			m := si.mentions[mi]
			out = append(out, modelToken{m.Start - si.start, m.End - si.start, modelPlaceToken})
			i = m.End - si.start
			continue
		}
		r, n := utf8.DecodeRuneInString(lower[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j, runes, digits := i, 0, true
			cut := i
			for j < len(lower) {
				r2, n2 := utf8.DecodeRuneInString(lower[j:])
				if !(unicode.IsLetter(r2) || unicode.IsDigit(r2) || (r2 == '\'' || r2 == '’' || r2 == 'ʼ') && j+n2 < len(lower)) {
					break
				}
				if !unicode.IsDigit(r2) {
					digits = false
				}
				j += n2
				runes++
				if runes <= 5 {
					cut = j
				}
			}
			s := lower[i:cut]
			if digits {
				s = "#"
			}
			out = append(out, modelToken{i, j, s})
			i = j
			continue
		case strings.ContainsRune(",;:—–«»\"“”()", r):
			out = append(out, modelToken{i, i + n, string(r)})
		}
		i += n
	}
	return out
}

// featHash is FNV-1a of the parts, separated, in 2^claimModelBits buckets.
func featHash(parts ...string) uint32 {
	h := uint32(2166136261)
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			h ^= uint32(p[i])
			h *= 16777619
		}
		h ^= 0x1f
		h *= 16777619
	}
	return h & (1<<claimModelBits - 1)
}

// modelFeatures are the hashed features of a candidate.
func (d *doc) modelFeatures(c modelCandidate, out []uint32) []uint32 {
	si := c.si
	add := func(parts ...string) { out = append(out, featHash(parts...)) }
	voice := si.voice
	if voice == "" {
		voice = "none"
	}
	add("b")
	add("v", voice)
	if c.candidate {
		// The rules said nothing of it: most such mentions claim nothing.
		add("cand")
		add("candv", voice)
	}
	if si.side != "" {
		add("ss", si.side)
	}
	// Where the place is: a place far from the front of the day seldom
	// changes hands (Kyiv speaking, a city struck from afar).
	switch {
	case c.m.Place.Country != "":
		add("front", "abroad")
	case !c.m.Place.HasPoint():
		add("front", "nopoint")
	default:
		km := datedFrontDistanceM(c.m.Place.Lon, c.m.Place.Lat, d.published) / 1000
		band := "far"
		for _, b := range []float64{3, 10, 30, 100} {
			if km < b {
				band = strconv.Itoa(int(b))
				break
			}
		}
		add("front", band)
		add("frontv", voice, band)
	}
	add("kind", c.m.Place.Kind)
	ms, me := c.m.Start-si.start, c.m.End-si.start
	if r, _ := utf8.DecodeRuneInString(si.text[ms:]); r >= 0x400 && r < 0x530 {
		add("lang", "cyr")
	} else {
		add("lang", "lat")
	}
	toks := modelTokens(si)
	at := -1
	for i, t := range toks {
		if t.start == ms {
			at = i
			break
		}
	}
	if at < 0 {
		return out
	}
	for k := 1; k <= 8 && at-k >= 0; k++ {
		s := toks[at-k].s
		add("l", s)
		add("lv", voice, s)
		if k <= 2 {
			add("l"+strconv.Itoa(k), s)
		}
	}
	if at >= 2 {
		add("lb", toks[at-2].s, toks[at-1].s)
	}
	if at == 0 {
		add("first")
	}
	for k := 1; k <= 6 && at+k < len(toks); k++ {
		s := toks[at+k].s
		add("r", s)
		add("rv", voice, s)
		if k == 1 {
			add("r1", s)
		}
	}
	if at+1 == len(toks) {
		add("last")
	}
	for _, t := range toks {
		if t.s != modelPlaceToken && len(t.s) > 1 {
			add("s", t.s)
		}
	}
	places := 0
	for _, t := range toks {
		if t.s == modelPlaceToken {
			places++
		}
	}
	add("np", strconv.Itoa(min(places, 4)))
	for _, cu := range si.cues {
		w := cu.end - cu.start
		cue := si.lower[cu.start:cu.end]
		if w > 12 {
			cue = cue[:12]
		}
		dir := "before"
		if cu.start >= me {
			dir = "after"
		}
		add("c", cue, dir)
		add("cv", voice, cue, dir)
	}
	if len(si.denials) > 0 {
		add("den")
		add("denv", voice)
	}
	if len(si.negControl) > 0 {
		add("negc")
	}
	for k := 1; k <= 6 && at-k >= 0; k++ {
		if s := toks[at-k].s; s == "не" || s == "not" || s == "no" || s == "ні" || s == "нет" || s == "never" {
			add("neg")
			break
		}
	}
	if len(si.reporting) > 0 || len(si.cyrReporting) > 0 {
		add("rep")
	}
	if len(si.hedges) > 0 {
		add("hedge")
	}
	// The rules' claims of the sentence's other places.
	for _, rc := range d.claims[c.claims[0]:c.claims[1]] {
		if rc.PlaceID == c.m.Place.ID {
			continue
		}
		rel := "none"
		switch string(rc.Side) {
		case si.voice:
			rel = "own"
		case opposite(si.voice):
			rel = "other"
		}
		if rc.Side == "" {
			rel = "noside"
		}
		add("rc", rc.Assertion, rel)
		add("rcs", string(rc.Side))
		add("rcsa", string(rc.Side), rc.Assertion)
	}
	return out
}

// claimExamplesHash is the SHA-256 of training examples written as
// text, one a line: what the model file records it was trained on.
func claimExamplesHash(lines []string) string {
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}
