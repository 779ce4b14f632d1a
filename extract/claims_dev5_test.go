package extract_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline"
)

// dev5Sentence is one text of testdata/claims-dev5.json: an excerpt of a
// real web page with its address, labelled like claims-dev2.json, and its
// split ("tune" or "held").
type dev5Sentence struct {
	dev2Sentence
	Split string `json:"split"`
	Group string `json:"group"`
	URL   string `json:"url"`
}

// dev5Floors: what each language keeps on the fifth development set's
// tune and held splits, P and R. First reading of batch 1, rules of
// 8e26c3d (extract-rules-13), the one Dachne label corrected: tune en
// 0.810 / 0.607, ru 0.812 / 0.667, uk 0.939 / 0.775; held en 0.900 /
// 0.692, ru 0.900 / 0.600, uk 0.846 / 0.846. First reading of batch 2
// (tune), rules of 50e6d79: en 0.875 / 0.875, ru 1.000 / 1.000, uk 0.727 /
// 0.800. The tune floors follow the rules of this pass (extract-rules-14)
// on both batches: tune en 0.969 / 0.861, ru 0.872 / 0.791, uk 0.922 /
// 0.940, no opposite side. (Russian precision fell once, from 0.879 to
// 0.861 on batch 1, when the passive's agent "усилий группы «Восток»"
// gave a side to "Доброполье … Запорожской области", which the gazetteer
// knows only as the Donetsk city: a claim right but for its place.) The
// tune ru floor follows claims8 (extract-rules-16): 0.900 / 0.837.
var dev5Floors = map[string][2]float64{
	"tune en": {0.96, 0.86}, "tune ru": {0.90, 0.83}, "tune uk": {0.92, 0.94},
	"held en": {0.89, 0.69}, "held ru": {0.89, 0.59}, "held uk": {0.84, 0.84},
}

// dev5MaxOpposite: claims with the opposite side (first reading: tune
// en 1, ru 2, uk 1; held ru 1, uk 1); they may only go down.
var dev5MaxOpposite = map[string]int{"held ru": 1, "held uk": 1}

// TestClaimsDev5 scores claims (place, side) on the fifth development set
// (testdata/claims-dev5.json: excerpts of real pages, batch 1 (76 texts)
// committed in 4704370 and batch 2 (10, tune) in 78fcad8, each before the
// extractor read it) per split and language, with a row for batch 2. No
// claim may have the opposite side past dev5MaxOpposite. With -v it lists the misses of the
// tune split only: the held split is a second held-out set, read as
// aggregates.
func TestClaimsDev5(t *testing.T) {
	scoreSplitSet(t, "claims-dev5.json", dev5Floors, dev5MaxOpposite)
}

// scoreSplitSet scores a development set of real excerpts with tune and
// held splits (testdata/name, dev5Sentence records) per split and language
// with the scorer of TestClaimsDev2, a row for each batch after the first,
// and checks each row's floors and opposite sides. Held rows are
// aggregates only (no kinds of miss), and -v lists the tune split's misses
// only: the held split is a held-out set.
func scoreSplitSet(t *testing.T, name string, floors map[string][2]float64, maxOpposite map[string]int) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		Sentences []dev5Sentence `json:"sentences"`
	}
	if err := json.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	e := testExtractor(t)
	total := map[string]*dev2Score{}
	var lines []string
	for i, sn := range set.Sentences {
		if sn.Split != "tune" && sn.Split != "held" {
			t.Fatalf("%d: split %q", i, sn.Split)
		}
		if sn.Split == "held" && tuneOnly() {
			continue // FRONTLINE_TUNE_ONLY: the held split is not read
		}
		x, err := e.Extract(sn.Text, day(sn.Published))
		if err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		s, notes := scoreDev2(sn.dev2Sentence, x)
		keys := []string{sn.Split + " " + sn.Lang}
		if sn.Batch > 1 {
			keys = append(keys, fmt.Sprintf("%s %s batch %d", sn.Split, sn.Lang, sn.Batch))
		}
		for _, key := range keys {
			addScore(total, key, s)
		}
		if sn.Split == "tune" && len(notes) > 0 {
			lines = append(lines, fmt.Sprintf("%s %-8s %q\n      %s", sn.Lang, sn.Voice, sn.Text, strings.Join(notes, "\n      ")))
		}
	}
	if testing.Verbose() {
		t.Logf("%s tune misses and extras:\n%s", name, strings.Join(lines, "\n"))
	}
	var rows []string
	for _, split := range []string{"tune", "held"} {
		if split == "held" && tuneOnly() {
			continue
		}
		for _, lang := range []string{"en", "ru", "uk"} {
			key := split + " " + lang
			g := total[key]
			if g == nil {
				t.Fatalf("%s: no texts", key)
			}
			row := g.row(t, key, "%-7s", floors[key], maxOpposite[key])
			if split == "held" {
				row = fmt.Sprintf("%-7s P %.3f R %.3f (%d/%d/%d) opposite %d", key, g.p(), g.r(), g.tp, g.fp, g.fn, g.opposite)
			}
			rows = append(rows, row)
			for b := 2; total[fmt.Sprintf("%s batch %d", key, b)] != nil; b++ {
				gb := total[fmt.Sprintf("%s batch %d", key, b)]
				rows = append(rows, fmt.Sprintf("  batch %d  P %.3f R %.3f (%d/%d/%d) opposite %d", b, gb.p(), gb.r(), gb.tp, gb.fp, gb.fn, gb.opposite))
			}
		}
	}
	t.Logf("%s (place, side):\n%s", name, strings.Join(rows, "\n"))
}

// TestClaimsFifthPass: the wording of claims-dev5's tune misses and
// opposite sides (claims7), each case failing without its rule.
func TestClaimsFifthPass(t *testing.T) {
	type want = wantClaim
	cases := []claimCase{
		// "не находится под оккупацией": a denial, not the occupation.
		{"Часов Яр не находится под оккупацией армии РФ, - DeepState.", "2025-08-10",
			[]want{{"Chasiv Yar", frontline.AssertDenied, frontline.SideUkraine}}},
		// "Генштабу" qualified by no Russian word is Ukraine's; the
		// invaders whose advance was stopped are not who controls; the
		// enemy "який намагається захопити" a place named before fights
		// for it and takes nothing.
		{"Як йдеться у фейсбуці Генштабу, Сили оборони України зупинили просування російських загарбників та продовжують контролювати село Запорізьке, незважаючи на всі зусилля ворога, який намагається захопити цей населений пункт.", "2025-08-26",
			[]want{{"Zaporizke", frontline.AssertUnderControl, frontline.SideUkraine}, {"Zaporizke", frontline.AssertContested, ""}}},
		// "The defence ministry" after "Russia … said" is Russia's.
		{"Russia on Saturday said its forces had captured a village in Ukraine's eastern Donetsk region. The defence ministry said its troops \"liberated the village of Sokil\", around 30 kilometres northwest of Donetsk city.", "2024-06-15",
			[]want{{"Sokil", frontline.AssertCaptured, frontline.SideRussia}}},
		// "в Минобороны и Объединенном пресс-центре Сил обороны": the
		// ministry beside a Ukrainian body is Ukraine's.
		{"Освобождение поселка Сторожевое подтвердили в Минобороны и Объединенном пресс-центре Сил обороны Таврического направления.", "2023-06-12",
			[]want{{"Storozheve", frontline.AssertLiberated, frontline.SideUkraine}}},
	}
	checkClaimCases(t, cases)
}

// TestClaimsFifthPassLists: the commonest kinds of claims-dev5's tune
// misses after the opposite sides, lists and verbs not read (claims7),
// each case failing without its rule.
func TestClaimsFifthPassLists(t *testing.T) {
	type want = wantClaim
	cases := []claimCase{
		// Settlements counted, then listed after "Серед них … –".
		{"За даними аналітиків DeepState, російські військові нещодавно окупували 5 населених пунктів Донецької області. Серед них опинилися села Покровської громади – Лисівка, Сухий Яр, Гнатівка, Ріг та Новопавлівка.", "2025-12-09",
			[]want{{"Lysivka", frontline.AssertCaptured, frontline.SideRussia}, {"Sukhyi Yar", frontline.AssertCaptured, frontline.SideRussia}, {"Hnativka", frontline.AssertCaptured, frontline.SideRussia}, {"Rih", frontline.AssertCaptured, frontline.SideRussia}, {"Novopavlivka", frontline.AssertCaptured, frontline.SideRussia}}},
		// A parenthesis that locates each item keeps the list going.
		{"Аналітики зазначають, що зафіксовано просування ворога поблизу населених пунктів: Катеринівка (Краматорський район, Донецька область), Новомиколаївка (Синельниківський район, Дніпропетровська область), Новоіванівка (Пологівський район, Запорізька область).", "2025-08-20",
			[]want{{"Katerynivka", frontline.AssertAdvancedTowards, frontline.SideRussia}, {"Novomykolaivka", frontline.AssertAdvancedTowards, frontline.SideRussia}, {"Novoivanivka", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		// "утрачены позиции в X" by Ukraine's forces: withdrawn.
		{"Также обращается внимание на то, что прежде Вооружёнными Силами Украины были утрачены позиции в Малиевке и Вороное.", "2025-08-28",
			[]want{{"Maliivka", frontline.AssertWithdrawn, frontline.SideRussia}, {"Vorone", frontline.AssertWithdrawn, frontline.SideRussia}}},
		// "the recapture of several villages": no place named, not the
		// city the counterattack began in.
		{"A Ukrainian counterattack that began Friday in the eastern city of Kharkiv has led to the recapture of several villages, according to the regional governor.", "2022-03-27", nil},
		// "a village near the key frontline town of Bakhmut": the town
		// locates; "the site" is not it.
		{"Russia said Saturday that its forces had not been pushed out of Andriivka, a village near the key frontline town of Bakhmut, a day after Ukraine said it had \"liberated\" the site.", "2023-09-16",
			[]want{{"Andriivka", frontline.AssertDenied, frontline.SideRussia}}},
		// A border village far from the front of the day, in the oblast
		// the text names, is read (not dropped as a lonely far reading).
		{"Zelensky denied Russian troops had captured a village in the northeastern Sumy region. Kadyrov said on Sunday that Russian forces had seized the border village of Ryzhivka.", "2024-06-10",
			[]want{{"Ryzhivka", frontline.AssertCaptured, frontline.SideRussia}}},
		// The agent of a passive after "с помощью усилий группы
		// «Восток»": a Russian grouping named as "группа".
		{"Населенные пункты Зеленый Гай и Червоное Запорожской области были освобождены с помощью усилий группы \"Восток\".", "2025-12-05",
			[]want{{"Zelenyi Hai", frontline.AssertCaptured, frontline.SideRussia}, {"Chervone", frontline.AssertCaptured, frontline.SideRussia}}},
		// "a small village in Ukraine's east": the land, not the actor
		// of "its advance … toward Pokrovsk".
		{"Russia's defense ministry said Thursday its forces had captured a small village in Ukraine's east as part of its advance in the Donetsk region toward the logistics hub of Pokrovsk.", "2024-11-14",
			[]want{{"Pokrovsk", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		// "не мають контролю в селі": a denial of control.
		{"Російські окупанти не мають контролю в селі Дачне Синельниківського району Дніпропетровської області, повідомляється в телеграм-каналі DeepState.", "2025-09-01",
			[]want{{"Dachne", frontline.AssertDenied, frontline.SideUkraine}}},
		// "Ukrainian troops controlling Vilkhivka".
		{"CNN has spotted and verified a video showing Ukrainian troops controlling Vilkhivka, one of the settlements about 32 kilometers from the Russian border.", "2022-03-27",
			[]want{{"Vilkhivka", frontline.AssertUnderControl, frontline.SideUkraine}}},
		// Batch 2: "captured the town of Vuhledar in Donetsk, a day after
		// Kyiv's forces said they were withdrawing": Donetsk locates
		// Vuhledar; the withdrawal is not Donetsk's.
		{"The Russian Defense Ministry said Thursday that its forces have captured the town of Vuhledar in Donetsk, a day after Kyiv's forces said they were withdrawing.", "2024-10-03",
			[]want{{"Vuhledar", frontline.AssertCaptured, frontline.SideRussia}}},
		// "pushing forward in", "made a modest eastward push near".
		{"Russian troops were also pushing forward in the transit hub of Pokrovsk in Donetsk region.", "2025-11-24",
			[]want{{"Pokrovsk", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"Additionally, the ISW notes that Russian troops made a modest eastward push near Ivanivka, located about 20 kilometers southeast of Kupiansk.", "2024-01-21",
			[]want{{"Ivanivka", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
	}
	checkClaimCases(t, cases)
}
