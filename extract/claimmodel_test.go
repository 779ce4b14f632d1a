package extract_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/extract"
	"github.com/frontline-osint/frontline/gazetteer"
)

var trainClaimModel = flag.Bool("train-claim-model", false, "retrain the claim model from the development data and write claimmodel.bin")

// claimGold is what the labels say of one place of one text: the sides
// claimed, required or optional.
type claimGold struct {
	req, opt map[string]bool
}

func (g claimGold) has(side string) bool { return g.req[side] || g.opt[side] }

// claimModelItem is a training example with where it came from.
type claimModelItem struct {
	doc, source, lang string
	sent              string // the mention's sentence, for a look at the tuning data
	ex                extract.ClaimModelExample
	train             extract.ClaimModelTrainExample
	gold              claimGold
}

// claimClass is the model's class of a labelled (assertion, side).
func claimClass(assertion, side string) int {
	taken := assertion == frontline.AssertCaptured || assertion == frontline.AssertLiberated ||
		assertion == frontline.AssertUnderControl || assertion == frontline.AssertWithdrawn
	switch {
	case side == string(frontline.SideUkraine) && taken:
		return 1
	case side == string(frontline.SideUkraine):
		return 2
	case side == string(frontline.SideRussia) && taken:
		return 3
	case side == string(frontline.SideRussia):
		return 4
	}
	return 0
}

// labelledExample labels a mention from the claims labelled for its place:
// no side labelled is class 0; both sides, or a denial, leave it out.
func labelledExample(labels []pressClaim, m frontline.Mention) (class int, gold claimGold, ok bool) {
	gold = claimGold{req: map[string]bool{}, opt: map[string]bool{}}
	var sided []pressClaim
	for _, l := range labels {
		if !pressSamePlace(l.point(), m.Place) {
			continue
		}
		if l.Assertion == frontline.AssertDenied {
			return 0, gold, false
		}
		if l.Side == "" {
			continue
		}
		if l.Optional {
			gold.opt[l.Side] = true
		} else {
			gold.req[l.Side] = true
		}
		sided = append(sided, l)
	}
	if len(sided) == 0 {
		return 0, gold, true
	}
	class = 0
	for _, l := range sided {
		if l.Side != sided[0].Side {
			return 0, gold, false
		}
		if k := claimClass(l.Assertion, l.Side); class == 0 || k%2 == 1 {
			class = k
		}
	}
	return class, gold, true
}

// Weights of the sources: the notes are many and alike.
const (
	weightPress = 1.0
	weightDev2  = 1.0
	weightNotes = 0.3
	// weightCandidate: the mentions the model will be asked about (the
	// rules said nothing of them) count more.
	weightCandidate = 2.0
)

// claimModelTrainingSet builds the examples from the development data
// only: the tuning press texts, the second development set and the
// DeepState notes whose id is not a multiple of 3 (their sentences whose
// subject names a side). Held-out texts and notes are never read.
func claimModelTrainingSet(t *testing.T) []claimModelItem {
	t.Helper()
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	e := extract.New(gazetteer.New(places))
	e.SetClaimModel(false)
	var items []claimModelItem
	add := func(doc, source, lang, text string, exs []extract.ClaimModelExample, label func(m frontline.Mention) (int, claimGold, bool), weight float64) {
		for _, x := range exs {
			class, gold, ok := label(x.Mention)
			if !ok {
				continue
			}
			w := weight
			if x.Candidate {
				w *= weightCandidate
			}
			items = append(items, claimModelItem{doc: doc, source: source, lang: lang, sent: text[x.SentStart:x.SentEnd], ex: x, gold: gold,
				train: extract.ClaimModelTrainExample{Features: x.Features, Class: class, Weight: w}})
		}
	}
	// Press, tuning split.
	for _, d := range readPressLabels(t).Documents {
		if d.Split != "tune" {
			continue
		}
		text := readArticle(t, d.File)
		exs, _, err := e.ClaimModelExamples(text, day(d.Published), nil, "")
		if err != nil {
			t.Fatal(err)
		}
		add("press:"+d.File, "press", d.Lang, text, exs, func(m frontline.Mention) (int, claimGold, bool) {
			return labelledExample(d.Claims, m)
		}, weightPress)
	}
	// The hand-checked seed article and Kharkiv press texts of 2022.
	hb, err := os.ReadFile(filepath.Join("testdata", "handchecked.json"))
	if err != nil {
		t.Fatal(err)
	}
	var hc handChecked
	if err := json.Unmarshal(hb, &hc); err != nil {
		t.Fatal(err)
	}
	for _, d := range hc.Documents {
		text := readArticle(t, d.File)
		exs, _, err := e.ClaimModelExamples(text, day(d.Published), nil, "")
		if err != nil {
			t.Fatal(err)
		}
		var labels []pressClaim
		for _, c := range d.Claims {
			labels = append(labels, pressClaim{PlaceID: c.PlaceID, Assertion: c.Assertion, Side: c.Side})
		}
		add("hand:"+d.File, "press", "en", text, exs, func(m frontline.Mention) (int, claimGold, bool) {
			return labelledExample(labels, m)
		}, weightPress)
	}
	// The second development set.
	b, err := os.ReadFile(filepath.Join("testdata", "claims-dev2.json"))
	if err != nil {
		t.Fatal(err)
	}
	var set dev2Set
	if err := json.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	for i, sn := range set.Sentences {
		exs, _, err := e.ClaimModelExamples(sn.Text, day(sn.Published), nil, "")
		if err != nil {
			t.Fatal(err)
		}
		var labels []pressClaim
		for _, c := range sn.Claims {
			lon, lat := c.Lon, c.Lat
			labels = append(labels, pressClaim{PlaceID: c.PlaceID, PlaceName: c.Place, Lon: &lon, Lat: &lat, Assertion: c.Assertion, Side: c.Side})
		}
		add(fmt.Sprintf("dev2:%d", i), "dev2", sn.Lang, sn.Text, exs, func(m frontline.Mention) (int, claimGold, bool) {
			return labelledExample(labels, m)
		}, weightDev2)
	}
	// DeepState's notes, tuning versions: read with their links (so that
	// the mention is the linked place); a linked mention of a sentence
	// whose subject names a side is an example of that side.
	versions, _ := readDeepStateNotes(t)
	for _, v := range versions {
		if *v.ID%3 == 0 {
			continue // held out
		}
		published, _ := time.Parse(time.RFC3339, *v.CreatedAt)
		for _, n := range []struct {
			lang string
			html *string
		}{{"uk", v.Description}, {"en", v.DescriptionEn}} {
			if n.html == nil || strings.TrimSpace(*n.html) == "" {
				continue
			}
			text, links, _ := stripNoteLinks(*n.html)
			exs, _, err := e.ClaimModelExamples(text, published, links, "")
			if err != nil {
				t.Fatal(err)
			}
			sents := noteSentences(text)
			add(fmt.Sprintf("note:%d:%s", *v.ID, n.lang), "notes", n.lang, text, exs, func(m frontline.Mention) (int, claimGold, bool) {
				gold := claimGold{req: map[string]bool{}, opt: map[string]bool{}}
				for _, sp := range sents {
					if m.Start < sp[0] || m.End > sp[1] {
						continue
					}
					sentence := text[sp[0]:sp[1]]
					side := noteSide(sentence)
					if side == "" {
						if noteMapUpdate(sentence) {
							return 0, gold, true
						}
						return 0, gold, false
					}
					for _, l := range links {
						if m.Start < l.End && l.Start < m.End && m.Place.HasPoint() && pressDistanceKm(l.Lon, l.Lat, m.Place.Lon, m.Place.Lat) <= rightRadiusKm {
							gold.req[side] = true
							assertion := frontline.AssertCaptured
							if noteContainsAny(strings.ToLower(sentence), []string{"просунул", "просуну", "мали успіх", "advanced", "advance", "had success"}) {
								assertion = frontline.AssertAdvancedTowards
							}
							return claimClass(assertion, side), gold, true
						}
					}
				}
				return 0, gold, false
			}, weightNotes)
		}
	}
	return items
}

// noteMapUpdate: a note's sentence that only says the map was updated or
// made more precise somewhere ("Оновлено ситуацію біля X", "Уточнено лінію
// зіткнення", "The situation near X was updated"): no claim.
func noteMapUpdate(sentence string) bool {
	s := strings.ToLower(strings.TrimSpace(sentence))
	if !noteContainsAny(s[:min(len(s), 20)], []string{"оновлено", "уточнено", "уточнення", "updated", "clarified", "the situation", "situation ", "the map", "map "}) {
		return false
	}
	return !noteContainsAny(s, append(append([]string{"просув", "успіх", "ворог", "противник", "окупант", "москов", "сили оборони", "зсу", "контрол", "захоп", "окупув", "звільн", "вийшл", "зайшл", "відкину",
		"enemy", "advance", "success", "control", "captur", "occup", "liberat", "russian", "ukrainian", "defense forces", "pushed"}, noteGain...), noteRetreat...))
}

func claimItemsHash(items []claimModelItem) string {
	lines := make([]string, len(items))
	for i, it := range items {
		lines[i] = fmt.Sprintf("%s|%d|%g|%v", it.doc, it.train.Class, it.train.Weight, it.train.Features)
	}
	return extract.ClaimExamplesHash(lines)
}

func trainExamples(items []claimModelItem, keep func(claimModelItem) bool) []extract.ClaimModelTrainExample {
	var out []extract.ClaimModelTrainExample
	for _, it := range items {
		if keep(it) {
			out = append(out, it.train)
		}
	}
	return out
}

// claimFolds: texts are cut into this many folds for cross-validation.
const claimFolds = 5

func claimFold(doc string) int {
	h := fnv.New32a()
	h.Write([]byte(doc))
	return int(h.Sum32() % claimFolds)
}

// claimPrediction is a candidate's probabilities in cross-validation.
type claimPrediction struct {
	item   claimModelItem
	ua, ru float64
}

// claimTally is what the model adds at a threshold, counted once per
// (text, place) as the scorers count.
type claimTally struct{ right, wrong, opposite, neutral int }

func (c claimTally) precision() float64 { return ratio(c.right, c.right+c.wrong+c.opposite) }

func tallyAt(preds []claimPrediction, threshold float64, group func(claimModelItem) string) map[string]*claimTally {
	out := map[string]*claimTally{}
	done := map[string]bool{}
	for _, p := range preds {
		key := p.item.doc + "|" + p.item.ex.Mention.Place.ID
		if done[key] {
			continue
		}
		side := ""
		switch {
		case p.ua >= threshold && p.ua > p.ru:
			side = string(frontline.SideUkraine)
		case p.ru >= threshold && p.ru > p.ua:
			side = string(frontline.SideRussia)
		default:
			continue
		}
		done[key] = true
		for _, g := range []string{group(p.item), "all"} {
			if out[g] == nil {
				out[g] = &claimTally{}
			}
			t := out[g]
			switch {
			case p.item.gold.req[side]:
				t.right++
			case p.item.gold.opt[side]:
				t.neutral++
			case p.item.gold.has(pressOtherSide(side)):
				t.opposite++
			default:
				t.wrong++
			}
		}
	}
	return out
}

// crossValidate trains on all folds but one and predicts the candidates of
// that one, for every fold.
func crossValidate(items []claimModelItem) []claimPrediction {
	var preds []claimPrediction
	for f := range claimFolds {
		model, err := extract.DecodeClaimModel(extract.TrainClaimModel(trainExamples(items, func(it claimModelItem) bool { return claimFold(it.doc) != f }), 0, ""))
		if err != nil {
			panic(err)
		}
		for _, it := range items {
			if claimFold(it.doc) != f || !it.ex.Candidate {
				continue
			}
			ua, ru := model.SideProbs(it.train.Features)
			preds = append(preds, claimPrediction{it, ua, ru})
		}
	}
	return preds
}

// claimMinPrecision: the threshold must keep the model's added claims at
// least this precise in cross-validation, with no opposite side.
const claimMinPrecision = 0.8

// chooseThreshold is the lowest threshold at which, and above which, the
// cross-validated claims the model adds have no opposite side and a
// precision of at least claimMinPrecision; 1.01 (never) if none.
func chooseThreshold(preds []claimPrediction) float64 {
	best := 1.01
	for i := 99; i >= 50; i-- {
		th := float64(i) / 100
		all := tallyAt(preds, th, func(claimModelItem) string { return "x" })["all"]
		if all == nil {
			best = th
			continue
		}
		if all.opposite > 0 || all.precision() < claimMinPrecision {
			break
		}
		best = th
	}
	return best
}

// trainClaimModelBytes is the whole training: examples, cross-validated
// threshold, the model trained on all examples.
func trainClaimModelBytes(t *testing.T) ([]byte, []claimModelItem, []claimPrediction, float64) {
	items := claimModelTrainingSet(t)
	preds := crossValidate(items)
	th := chooseThreshold(preds)
	b := extract.TrainClaimModel(trainExamples(items, func(claimModelItem) bool { return true }), th, claimItemsHash(items))
	return b, items, preds, th
}

// TestClaimModelTrain retrains the claim model from the development data.
// With -train-claim-model it writes claimmodel.bin; otherwise, when the
// examples are those the shipped model was trained on, the retrained bytes
// must be the shipped ones (when the rules or the gazetteer changed the
// examples, it says so: retrain).
func TestClaimModelTrain(t *testing.T) {
	if testing.Short() {
		t.Skip("trains over the development data")
	}
	b, items, preds, th := trainClaimModelBytes(t)
	counts := map[string]int{}
	cands := 0
	for _, it := range items {
		counts[fmt.Sprintf("%s/%s class %d", it.source, it.lang, it.train.Class)]++
		if it.ex.Candidate {
			cands++
		}
	}
	var keys []string
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var lines []string
	for _, k := range keys {
		lines = append(lines, fmt.Sprintf("%s: %d", k, counts[k]))
	}
	t.Logf("claim model: %d examples (%d candidates), threshold %.2f\n%s", len(items), cands, th, strings.Join(lines, "\n"))
	for _, at := range []float64{0.5, 0.6, 0.7, 0.8, 0.9, th} {
		tally := tallyAt(preds, at, func(it claimModelItem) string { return it.source + "/" + it.lang })
		var gs []string
		for g := range tally {
			gs = append(gs, g)
		}
		sort.Strings(gs)
		var rows []string
		for _, g := range gs {
			c := tally[g]
			rows = append(rows, fmt.Sprintf("%s right %d wrong %d opposite %d optional %d", g, c.right, c.wrong, c.opposite, c.neutral))
		}
		t.Logf("cross-validated claims the model adds at %.2f:\n  %s", at, strings.Join(rows, "\n  "))
	}
	m, err := extract.DecodeClaimModel(b)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("model: %d buckets, %d bytes", m.Buckets(), len(b))
	if *trainClaimModel {
		if err := os.WriteFile("claimmodel.bin", b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	shipped, err := extract.DecodeClaimModel(extract.EmbeddedClaimModel())
	if err != nil {
		t.Fatal(err)
	}
	if shipped.Examples() != m.Examples() {
		t.Logf("the development examples changed since claimmodel.bin was trained (rules or gazetteer): retrain with go test ./extract -run TestClaimModelTrain -train-claim-model")
		return
	}
	if !bytes.Equal(b, extract.EmbeddedClaimModel()) {
		t.Errorf("retraining on the same examples gave other bytes than claimmodel.bin (%d against %d)", len(b), len(extract.EmbeddedClaimModel()))
	}
}

// TestClaimModelTrainDeterministic: the trainer gives the same bytes for the
// same examples, learns a separable toy set, and its file decodes.
func TestClaimModelTrainDeterministic(t *testing.T) {
	var ex []extract.ClaimModelTrainExample
	for i := range 200 {
		c := i % extract.ClaimModelClasses
		ex = append(ex, extract.ClaimModelTrainExample{Features: []uint32{uint32(c + 1), uint32(100 + i%7)}, Class: c, Weight: 1})
	}
	a := extract.TrainClaimModel(ex, 0.7, "toy")
	b := extract.TrainClaimModel(ex, 0.7, "toy")
	if !bytes.Equal(a, b) {
		t.Fatal("two trainings on the same examples differ")
	}
	m, err := extract.DecodeClaimModel(a)
	if err != nil {
		t.Fatal(err)
	}
	if m.Threshold() != 0.7 || m.Examples() != "toy" {
		t.Errorf("header read back as %v %q", m.Threshold(), m.Examples())
	}
	ua, ru := m.SideProbs([]uint32{1 + 1}) // class 1: Ukraine taking
	if ua < 0.6 || ru > 0.2 {
		t.Errorf("toy class 1: ukraine %.2f russia %.2f", ua, ru)
	}
	for _, bad := range [][]byte{nil, []byte("frontline claim model 1\nexamples x\n"), append(append([]byte{}, a...), 0)} {
		if _, err := extract.DecodeClaimModel(bad); err == nil {
			t.Errorf("decoded a broken model of %d bytes", len(bad))
		}
	}
	if _, err := extract.DecodeClaimModel(extract.EmbeddedClaimModel()); err != nil {
		t.Errorf("claimmodel.bin: %v", err)
	}
}

// TestClaimModelOnlyAdds: with the model on, the rules' claims are all
// there unchanged, and the model's claims are only about places of which
// no rule claim has a side, one per place, with a side. Over the second
// development set and twelve tuning press texts.
func TestClaimModelOnlyAdds(t *testing.T) {
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	g := gazetteer.New(places)
	rules, model := extract.New(g), extract.New(g)
	rules.SetClaimModel(false)
	model.SetClaimModel(true)
	if rules.Version() == model.Version() || !strings.HasPrefix(model.Version(), rules.Version()+"+claim-model-") {
		t.Errorf("versions %q and %q", rules.Version(), model.Version())
	}
	type doc struct {
		text      string
		published time.Time
	}
	var docs []doc
	b, err := os.ReadFile(filepath.Join("testdata", "claims-dev2.json"))
	if err != nil {
		t.Fatal(err)
	}
	var set dev2Set
	if err := json.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	for _, sn := range set.Sentences {
		docs = append(docs, doc{sn.Text, day(sn.Published)})
	}
	// Four tuning press texts of each language as well (all of them take
	// long on a loaded machine).
	perLang := map[string]int{}
	for _, d := range readPressLabels(t).Documents {
		if d.Split == "tune" && perLang[d.Lang] < 4 {
			perLang[d.Lang]++
			docs = append(docs, doc{readArticle(t, d.File), day(d.Published)})
		}
	}
	added := 0
	for _, d := range docs {
		xr, err := rules.Extract(d.text, d.published)
		if err != nil {
			t.Fatal(err)
		}
		xm, err := model.Extract(d.text, d.published)
		if err != nil {
			t.Fatal(err)
		}
		var mine []frontline.Claim
		rest := map[string]int{}
		for _, c := range xm.Claims {
			if c.Trigger == "(claim model)" {
				mine = append(mine, c)
				continue
			}
			b, _ := json.Marshal(c)
			rest[string(b)]++
		}
		for _, c := range xr.Claims {
			b, _ := json.Marshal(c)
			if rest[string(b)] == 0 {
				t.Errorf("%.60q: the rules' claim %s %s %s is gone with the model on", d.text, c.PlaceName, c.Assertion, c.Side)
			}
			rest[string(b)]--
		}
		seen := map[string]bool{}
		for _, c := range mine {
			added++
			if c.Side == "" || seen[c.PlaceID] {
				t.Errorf("%.60q: model claim %s %s %q (twice: %v)", d.text, c.PlaceName, c.Assertion, c.Side, seen[c.PlaceID])
			}
			seen[c.PlaceID] = true
			for _, r := range xr.Claims {
				if r.PlaceID == c.PlaceID && (r.Side != "" || r.Assertion == frontline.AssertDenied) {
					t.Errorf("%.60q: model claim on %s, of which the rules made a claim with a side", d.text, c.PlaceName)
				}
			}
		}
	}
	t.Logf("%d texts, %d claims added by the model", len(docs), added)
}

// FuzzDecodeClaimModel: the model reader refuses or reads any bytes and
// never panics, and a model it reads can score.
func FuzzDecodeClaimModel(f *testing.F) {
	f.Add(extract.EmbeddedClaimModel())
	f.Add([]byte("frontline claim model 1\nexamples x\nthreshold 0.5\nscale 1\nbuckets 0\n"))
	f.Add([]byte("frontline claim model 1\nexamples x\nthreshold 0.5\nscale 1\nbuckets 1\n\x01\x00\x00\x00\x01\x02\x03\x04\x05"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := extract.DecodeClaimModel(b)
		if err != nil {
			return
		}
		_, _ = m.SideProbs([]uint32{0, 1, 2})
	})
}
