package extract_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline"
)

// dev2Set is testdata/claims-dev2.json: sentences written by hand in the
// voices of issue 10, each labelled with the (place, assertion, side) of
// its claims before the extractor read it (conventions in its "about").
type dev2Set struct {
	About     string         `json:"about"`
	Sentences []dev2Sentence `json:"sentences"`
}

type dev2Sentence struct {
	Lang      string      `json:"lang"`
	Voice     string      `json:"voice"`
	Published string      `json:"published"`
	Text      string      `json:"text"`
	Claims    []dev2Claim `json:"claims"`
	Batch     int         `json:"batch"`
}

type dev2Claim struct {
	Place     string  `json:"place"`
	PlaceID   string  `json:"place_id"`
	Lon       float64 `json:"lon"`
	Lat       float64 `json:"lat"`
	Assertion string  `json:"assertion"`
	Side      string  `json:"side"`
}

func (c dev2Claim) point() pressPoint {
	lon, lat := c.Lon, c.Lat
	return pressPoint{ID: c.PlaceID, Name: c.Place, Lon: &lon, Lat: &lat}
}

// dev2Score is the (place, side) tally of one language.
type dev2Score struct {
	tp, fp, fn, opposite int
	misses               map[string]int // by category
}

func (s dev2Score) p() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s dev2Score) r() float64 { return ratio(s.tp, s.tp+s.fn) }

// addScore adds one text's score s to the total kept under key.
func addScore(total map[string]*dev2Score, key string, s dev2Score) {
	g := total[key]
	if g == nil {
		g = &dev2Score{misses: map[string]int{}}
		total[key] = g
	}
	g.tp, g.fp, g.fn, g.opposite = g.tp+s.tp, g.fp+s.fp, g.fn+s.fn, g.opposite+s.opposite
	for k, n := range s.misses {
		g.misses[k] += n
	}
}

// dev2Floors: what each language keeps on the second development set, P
// and R (extract-rules-9: en 1.000 / 1.000, ru 1.000 / 0.865, uk 0.962 /
// 0.949, minus a margin).
var dev2Floors = map[string][2]float64{
	"en": {0.97, 0.97},
	"ru": {0.97, 0.84},
	"uk": {0.93, 0.92},
}

// dev2MaxOpposite: none since claims6 ("«Ворог заходив у Часів Яр, але ми
// його вибили»", the last one, is read as thrown back).
var dev2MaxOpposite = map[string]int{}

// scoreDev2 scores one sentence on (place, side) and classes each miss:
// the place not read (no mention within 5 km), read without a claim, a
// claim with no side, a claim with the other side.
func scoreDev2(sn dev2Sentence, x *frontline.Extraction) (s dev2Score, notes []string) {
	s.misses = map[string]int{}
	byID := map[string]frontline.MentionPlace{}
	for _, m := range x.Places {
		byID[m.Place.ID] = m.Place
	}
	claimPlace := func(c frontline.Claim) frontline.MentionPlace {
		if p, ok := byID[c.PlaceID]; ok {
			return p
		}
		return frontline.MentionPlace{ID: c.PlaceID, Name: c.PlaceName}
	}
	seen := map[string]bool{}
	for _, c := range x.Claims {
		if c.Side == "" || seen[c.PlaceID+" "+string(c.Side)] {
			continue
		}
		seen[c.PlaceID+" "+string(c.Side)] = true
		right, other := false, false
		for _, l := range sn.Claims {
			if !pressSamePlace(l.point(), claimPlace(c)) {
				continue
			}
			switch l.Side {
			case string(c.Side):
				right = true
			case pressOtherSide(string(c.Side)):
				other = true
			}
		}
		switch {
		case right:
			s.tp++
		case other:
			s.fp++
			s.opposite++
			notes = append(notes, fmt.Sprintf("OPPOSITE SIDE: %s %s %s", c.PlaceName, c.Assertion, c.Side))
		default:
			s.fp++
			notes = append(notes, fmt.Sprintf("extra: %s %s %s", c.PlaceName, c.Assertion, c.Side))
		}
	}
	missed := map[string]bool{}
	for _, l := range sn.Claims {
		k := l.Place + " " + l.Side
		if missed[k] {
			continue
		}
		missed[k] = true
		found, claimed, unsided, otherSide := false, false, false, false
		for _, m := range x.Places {
			if pressSamePlace(l.point(), m.Place) {
				found = true
			}
		}
		hit := false
		for _, c := range x.Claims {
			if !pressSamePlace(l.point(), claimPlace(c)) {
				continue
			}
			claimed = true
			switch string(c.Side) {
			case l.Side:
				hit = true
			case "":
				unsided = true
			default:
				otherSide = true
			}
		}
		if hit {
			continue
		}
		s.fn++
		why := "no claim"
		switch {
		case !found && !claimed:
			why = "place not read"
		case otherSide:
			why = "other side"
		case unsided:
			why = "no side"
		}
		s.misses[why]++
		notes = append(notes, fmt.Sprintf("missed (%s): %s %s %s", why, l.Place, l.Assertion, l.Side))
	}
	return s, notes
}

// TestClaimsDev2 scores claims (place, side) on the second development
// set, per language, and with -v lists every miss with its voice and
// category. It is a development set: rules may be tuned on it (the
// held-out press texts are scored by TestPressCorpus).
func TestClaimsDev2(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "claims-dev2.json"))
	if err != nil {
		t.Fatal(err)
	}
	var set dev2Set
	if err := json.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	e := testExtractor(t)
	total := map[string]*dev2Score{}
	byVoice := map[string]int{}
	var lines []string
	for i, sn := range set.Sentences {
		x, err := e.Extract(sn.Text, day(sn.Published))
		if err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		s, notes := scoreDev2(sn, x)
		for _, key := range []string{sn.Lang, fmt.Sprintf("%s batch %d", sn.Lang, sn.Batch)} {
			addScore(total, key, s)
		}
		if s.fn > 0 {
			byVoice[sn.Lang+"/"+sn.Voice] += s.fn
		}
		if len(notes) > 0 {
			lines = append(lines, fmt.Sprintf("%s%d %-10s %q\n      %s", sn.Lang, sn.Batch, sn.Voice, sn.Text, strings.Join(notes, "\n      ")))
		}
	}
	if testing.Verbose() {
		t.Logf("dev2 misses and extras:\n%s", strings.Join(lines, "\n"))
		var vs []string
		for k, n := range byVoice {
			vs = append(vs, fmt.Sprintf("%s %d", k, n))
		}
		sort.Strings(vs)
		t.Logf("misses by voice: %s", strings.Join(vs, ", "))
	}
	var rows []string
	for _, lang := range []string{"en", "ru", "uk"} {
		g := total[lang]
		if g == nil {
			t.Fatalf("%s: no sentences", lang)
		}
		rows = append(rows, g.row(t, lang, "%-10s", dev2Floors[lang], dev2MaxOpposite[lang]))
		for b := 1; b <= 3; b++ {
			if gb := total[fmt.Sprintf("%s batch %d", lang, b)]; gb != nil {
				rows = append(rows, fmt.Sprintf("  batch %d  P %.3f R %.3f (%d/%d/%d) opposite %d", b, gb.p(), gb.r(), gb.tp, gb.fp, gb.fn, gb.opposite))
			}
		}
	}
	t.Logf("claims-dev2 (place, side):\n%s", strings.Join(rows, "\n"))
}

// TestClaimsThirdPass: the wording of the second development set's misses
// (claims3), each case failing without its rule.
func TestClaimsThirdPass(t *testing.T) {
	type want = wantClaim
	cases := []claimCase{
		// English passives, withdrawals, pushes and breakthroughs.
		{"Avdiivka was taken by Russian troops.", "2024-02-18",
			[]want{{"Avdiivka", frontline.AssertCaptured, frontline.SideRussia}}},
		{"The decision was taken to leave Avdiivka.", "2024-02-18", nil},
		{"Ukraine pulled its forces out of Krynky.", "2024-07-18",
			[]want{{"Krynky", frontline.AssertWithdrawn, frontline.SideRussia}}},
		{"Ukrainian units fell back from Ocheretyne.", "2024-04-28",
			[]want{{"Ocheretyne", frontline.AssertWithdrawn, frontline.SideRussia}}},
		{"Russian forces pushed deeper into Toretsk.", "2024-08-20",
			[]want{{"Toretsk", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"Russian troops broke through Ukrainian defenses near Kurakhove.", "2024-11-20",
			[]want{{"Kurakhove", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"Russian forces advanced about 2 km near Vuhledar.", "2024-09-20",
			[]want{{"Vuhledar", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		// A reference place, then where the advance was.
		{"Russian forces advanced southwest of Pokrovsk near Kotlyne.", "2025-01-10",
			[]want{{"Kotlyne", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		// An attempt repelled is fighting, no side's gain.
		{"Russian forces attempted to advance near Toretsk but were repelled.", "2024-10-10",
			[]want{{"Toretsk", frontline.AssertContested, ""}}},
		// Ukrainian and Russian: a settlement beaten back is retaken.
		{"Українські військові відбили Кліщіївку.", "2023-09-17",
			[]want{{"Klishchiivka", frontline.AssertLiberated, frontline.SideUkraine}}},
		{"Бійці відбили атаку біля Кліщіївки.", "2023-09-17",
			[]want{{"Klishchiivka", frontline.AssertContested, ""}}},
		// A verb after ", але" does not reach back to the place before.
		{"Окупанти намагалися прорватися до Торецька, але були відкинуті.", "2024-10-10", nil},
		// An advance towards a place reaches it; approaching.
		{"Ворог просунувся на 3 км у напрямку Курахового.", "2024-11-10",
			[]want{{"Kurakhove", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"Окупанти наближаються до Покровська.", "2024-08-20",
			[]want{{"Pokrovsk", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		// "remain ours"; a dative subject of "вдалося".
		{"«Часів Яр залишається нашим», — заявив Сирський.", "2024-07-15",
			[]want{{"Chasiv Yar", frontline.AssertUnderControl, frontline.SideUkraine}}},
		{"Противнику вдалося просунутися біля Торецька.", "2024-09-10",
			[]want{{"Toretsk", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		// A denier named after the contrast: the claim and its denial.
		{"Пушилін заявив, що російські війська захопили Торецьк, проте ЗСУ це спростовують.", "2025-02-10",
			[]want{{"Toretsk", frontline.AssertCaptured, frontline.SideRussia}, {"Toretsk", frontline.AssertDenied, frontline.SideUkraine}}},
		// A participle's agent before the place; a Russian army.
		{"В захваченной российскими войсками Авдеевке начали разминирование.", "2024-03-10",
			[]want{{"Avdiivka", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Подразделения 20-й общевойсковой армии освободили Синьковку.", "2024-06-15",
			[]want{{"Synkivka", frontline.AssertCaptured, frontline.SideRussia}}},
		// The speaker after a quotation, of a Russian grouping; a deed
		// named as a noun, confirmed by a speaker named after it.
		{"«Наши штурмовики вошли в Торецк», — рассказал командир батальона группировки «Юг».", "2024-08-20",
			[]want{{"Toretsk", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"Освобождение Угледара подтвердили в Минобороны России.", "2024-10-03",
			[]want{{"Vuhledar", frontline.AssertCaptured, frontline.SideRussia}}},
		// Batch 2: past states in a relative clause, "fell to" after it;
		// adjectives before "town of"; presence; "had fallen" denied;
		// "вернули", "зашла в", "продолжают держать оборону".
		{"Vuhledar, which had been under Ukrainian control throughout the war, fell to Russian troops.", "2024-10-03",
			[]want{{"Vuhledar", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Ukrainian marines have left the embattled village of Krynky.", "2024-07-18",
			[]want{{"Krynky", frontline.AssertWithdrawn, frontline.SideRussia}}},
		{"Russian troops are already in Toretsk, the commander said.", "2024-08-20",
			[]want{{"Toretsk", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"Ukraine denied that Toretsk had fallen.", "2025-02-10",
			[]want{{"Toretsk", frontline.AssertDenied, frontline.SideUkraine}}},
		{"Украинские военные вернули Клещеевку, сообщил Генштаб ВСУ.", "2023-09-17",
			[]want{{"Klishchiivka", frontline.AssertLiberated, frontline.SideUkraine}}},
		{"Российская пехота зашла в Торецк.", "2024-08-20",
			[]want{{"Toretsk", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"Українські бійці продовжують тримати оборону Торецька.", "2024-10-10",
			[]want{{"Toretsk", frontline.AssertUnderControl, frontline.SideUkraine}}},
		// Batch 3: a commander announces his own side's withdrawal; one
		// who names the other side's is read by that side.
		{"Syrskyi announced the withdrawal from Vuhledar.", "2024-10-02",
			[]want{{"Vuhledar", frontline.AssertWithdrawn, frontline.SideRussia}}},
		{"Сирський ухвалив рішення про вихід з Вугледара.", "2024-10-02",
			[]want{{"Vuhledar", frontline.AssertWithdrawn, frontline.SideRussia}}},
		{"Пушилин сообщил о выводе украинских войск из Угледара.", "2024-10-02",
			[]want{{"Vuhledar", frontline.AssertWithdrawn, frontline.SideRussia}}},
	}
	checkClaimCases(t, cases)
}

// row is a language's line of a development set's table: P, R, counts,
// opposite sides and misses by class. It fails the test below the floors
// (precision, recall) or past maxOpposite claims with the opposite side.
func (g *dev2Score) row(t *testing.T, lang, langFormat string, floor [2]float64, maxOpposite int) string {
	t.Helper()
	var cats []string
	for k, n := range g.misses {
		cats = append(cats, fmt.Sprintf("%s %d", k, n))
	}
	sort.Strings(cats)
	if g.p() < floor[0] || g.r() < floor[1] {
		t.Errorf("%s: claims (place, side) P %.3f (floor %.2f) R %.3f (floor %.2f)", lang, g.p(), floor[0], g.r(), floor[1])
	}
	if g.opposite > maxOpposite {
		t.Errorf("%s: %d claims with the opposite side", lang, g.opposite)
	}
	return fmt.Sprintf(langFormat+" P %.3f R %.3f (%d/%d/%d) opposite %d  misses: %s", lang, g.p(), g.r(), g.tp, g.fp, g.fn, g.opposite, strings.Join(cats, ", "))
}
