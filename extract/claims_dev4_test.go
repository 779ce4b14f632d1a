package extract_test

import (
	"testing"

	"github.com/frontline-osint/frontline"
)

// dev4Floors: what each language keeps on the fourth development set, P
// and R. At first reading: batch 1 with the rules of 78f83ea en 0.909 /
// 0.870, ru 1.000 / 0.765, uk 0.947 / 0.857 (one opposite side); batch 2
// with those of 8d1ad72 en 0.833 / 0.833, ru 0.800 / 0.889, uk 0.750 /
// 1.000 (one opposite side each in ru and uk); batch 3 with those of
// b84c2ec en 1.000 / 0.889, ru 0.800 / 0.889, uk 0.889 / 1.000. The whole
// set, extract-rules-13: en 0.955 / 0.955, ru 0.912 / 0.886, uk 0.949 /
// 0.949.
var dev4Floors = map[string][2]float64{
	"en": {0.93, 0.93},
	"ru": {0.89, 0.86},
	"uk": {0.93, 0.93},
}

// dev4MaxOpposite: claims with the opposite side allowed per language.
// Batch 3's two Pishchane texts had a labelling slip: the conventions of
// claims-dev2.json label a claim the text reports from the other side
// ("Генштаб ВС РФ доложил о взятии Покровска"), but the labels had only
// Ukraine's retaking, so the extractor's right readings of "росіяни
// заявляли про захоплення села" (captured, russia) and "Российские
// военные блогеры это отрицают" (denied, russia) scored as opposite
// sides. The labels were completed after the session of 2026-12-07
// (tuning data; the slip had been allowed for here instead).
var dev4MaxOpposite = map[string]int{}

// TestClaimsDev4 scores claims (place, side) on the fourth development
// set (testdata/claims-dev4.json: short texts in the voices of issue 10
// about places new to the development sets, committed in de99130 before
// the extractor read it), per language; -v lists every miss.
func TestClaimsDev4(t *testing.T) {
	scoreDevSet(t, "claims-dev4.json", dev4Floors, dev4MaxOpposite)
}

// TestClaimsFourthPass: the wording of the fourth development set's
// misses (claims6), each case failing without its rule.
func TestClaimsFourthPass(t *testing.T) {
	type want = wantClaim
	cases := []claimCase{
		// A denial that names a claim of its own after a state ("а
		// заяви РФ про його захоплення є фейком") does not turn the
		// state into a denial with the other side.
		{"Речник угруповання «Схід» заявив, що Сіверськ досі під контролем українських військ, а заяви РФ про його захоплення є фейком.", "2025-12-12",
			[]want{{"Siversk", frontline.AssertUnderControl, frontline.SideUkraine}}},
		// "called the claim propaganda" denies the claim before the
		// contrast, which stands as its claimant made it.
		{"Russia claimed the capture of Siversk, but Ukraine's military said fighting continued in the town and called the claim propaganda.", "2025-12-11",
			[]want{{"Siversk", frontline.AssertCaptured, frontline.SideRussia}, {"Siversk", frontline.AssertDenied, frontline.SideUkraine}}},
		// "on the approaches to" in an appositive that describes the
		// settlement before it locates that place; no claim on Kurakhove.
		{"Moscow said its troops had \"liberated\" Hostre, a small town on the approaches to Kurakhove. Kyiv did not confirm the loss.", "2024-10-20",
			[]want{{"Hostre", frontline.AssertCaptured, frontline.SideRussia}}},
		// Congratulating on a liberation is the congratulator's claim.
		{"Министр обороны Андрей Белоусов поздравил военнослужащих с освобождением Северска.", "2025-12-11",
			[]want{{"Siversk", frontline.AssertCaptured, frontline.SideRussia}}},
		// "have broken through near X" with no lines named.
		{"Ukrainian paratroopers have broken through near Verbove, the commander of the southern operation, Oleksandr Tarnavskyi, said.", "2023-09-22",
			[]want{{"Verbove", frontline.AssertAdvancedTowards, frontline.SideUkraine}}},
		// The side word right after "вибили" is its object, not the
		// actor of the verb coordinated after it (batch 2).
		{"Українські захисники вибили окупантів із Ступочок і закріпилися на околицях Предтечиного, повідомила 5-та штурмова бригада.", "2024-06-25",
			[]want{{"Stupochky", frontline.AssertLiberated, frontline.SideUkraine}, {"Predtechyne", frontline.AssertAdvancedTowards, frontline.SideUkraine}}},
		// Russian "восстановили позиции у X".
		{"Силы обороны Украины отбросили оккупантов от Петропавловки и восстановили позиции у Крохмального, сообщили в группировке «Хортица».", "2024-10-14",
			[]want{{"Petropavlivka", frontline.AssertLiberated, frontline.SideUkraine}, {"Krokhmalne", frontline.AssertAdvancedTowards, frontline.SideUkraine}}},
		// "назвал ложью" (instrumental) is a denial.
		{"Спикер группировки «Хортица» назвал ложью заявления Минобороны России о взятии Ямполовки. По его словам, село остается под контролем ВСУ.", "2025-03-05",
			[]want{{"Yampolivka", frontline.AssertCaptured, frontline.SideRussia}, {"Yampolivka", frontline.AssertDenied, frontline.SideUkraine}, {"Yampolivka", frontline.AssertUnderControl, frontline.SideUkraine}}},
		// An entry thrown back in the same sentence is the other side's
		// (the last opposite side of claims-dev2); not an attempt
		// repelled, nor a place before the verb that drives out.
		{"«Ворог заходив у Часів Яр, але ми його вибили», — розповів командир роти.", "2024-07-15",
			[]want{{"Chasiv Yar", frontline.AssertLiberated, frontline.SideUkraine}}},
		{"Russian troops entered Krynky, but were driven out by marines.", "2023-12-01",
			[]want{{"Krynky", frontline.AssertLiberated, frontline.SideUkraine}}},
		{"Речник Сил оборони півдня заявив, що росіяни намагалися прорватися до Малинівки, але ЗСУ відкинули їх, і село залишається під контролем українських військ.", "2024-07-15",
			[]want{{"Malynivka", frontline.AssertLiberated, frontline.SideUkraine}, {"Malynivka", frontline.AssertUnderControl, frontline.SideUkraine}}},
		// A denial of the other side's claims "to the contrary" after a
		// state does not make the state a denial; the claim noun is no
		// verb of saying ("а заяви РФ …" does not make РФ the speaker).
		{"Представитель ВСУ заявил, что Работино освобождено, а сообщения россиян об обратном - ложь.", "2023-08-28",
			[]want{{"Robotyne", frontline.AssertLiberated, frontline.SideUkraine}}},
		{"Речник угруповання «Хортиця» заявив, що Сіверськ звільнено, а заяви РФ про протилежне є фейком.", "2025-12-12",
			[]want{{"Siversk", frontline.AssertLiberated, frontline.SideUkraine}}},
		// "…, але ці заяви — фейк": the demonstrative takes up the claim
		// before the contrast, which is denied.
		{"Росія заявила, що Кліщіївку захоплено, але ці заяви — фейк.", "2023-09-17",
			[]want{{"Klishchiivka", frontline.AssertDenied, frontline.SideUkraine}}},
		// "pushed further west of X" (batch 3).
		{"Russian troops seized Dachne and pushed further west of Kurakhove, the Russian Defence Ministry said in its daily briefing.", "2025-02-03",
			[]want{{"Dachne", frontline.AssertCaptured, frontline.SideRussia}, {"Kurakhove", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
	}
	checkClaimCases(t, cases)
}

// TestPlacesFourthPass: homonyms of claims-dev4's misses, each case
// failing without its rule: the reading of every mention of the name.
func TestPlacesFourthPass(t *testing.T) {
	cases := []struct {
		text, published, mention, wantID string
	}{
		// "the village of" does not trade a small city on the front
		// (Zalizne by Toretsk) for a hamlet of Kyiv oblast.
		{"KYIV, Sept 3 (wire) — Russian forces have captured the village of Zalizne in eastern Ukraine, Russia's Defence Ministry said on Tuesday.", "2024-09-03", "Zalizne", "UA14020110020077205"},
		// One reading per name: the oblast given in the body settles the
		// headline's Кримське too.
		{"Кримське під контролем ЗСУ\n\nУкраїнські військові утримують Кримське на Луганщині, попри постійні атаки ворога, заявив речник 53-ї бригади.", "2025-01-15", "Кримське", "UA44120010080081317"},
	}
	e := testExtractor(t)
	for _, c := range cases {
		x, err := e.Extract(c.text, day(c.published))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range x.Places {
			if m.Mention != c.mention {
				continue
			}
			n++
			if m.Place.ID != c.wantID {
				t.Errorf("%q: %q at %d read as %s %s (%s), want %s", c.text, m.Mention, m.Start, m.Place.ID, m.Place.Name, m.Place.Oblast, c.wantID)
			}
		}
		if n == 0 {
			t.Errorf("%q: %q not read", c.text, c.mention)
		}
	}
}
