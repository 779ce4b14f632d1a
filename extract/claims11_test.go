package extract_test

import (
	"testing"

	"github.com/frontline-osint/frontline"
)

// TestScornedEnemyClaim: a denial that names no place and takes up the
// enemy's claim of the sentence before by a word of scorn ("Чергову
// маячню противника спростували") denies Russia's claim there; it does
// not deny a Ukrainian claim before it. Sentences written here for the
// kind claims-dev8's tune text showed (claims11); the first case fails
// with the rules of a172cda, the second is a guard.
func TestScornedEnemyClaim(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	checkClaimCases(t, []claimCase{
		{"Російська пропаганда заявляла про окупацію села Панківка. Чергову маячню противника спростували у Центрі протидії дезінформації.", "2026-02-20",
			[]want{{"Pankivka", frontline.AssertCaptured, r}, {"Pankivka", frontline.AssertDenied, u}}},
		{"ЗСУ звільнили Панківку. Вигадки окупантів про оточення спростували у ЗСУ.", "2026-02-20",
			[]want{{"Pankivka", frontline.AssertLiberated, u}}},
	})
}

// TestCountedSettlementsListed: a taking or withdrawal verb whose object is
// settlements counted ("з низки населених пунктів", "ряд сел") names them
// in a list after a dash in the same sentence ("– мова про A, B") or in
// the next; a place after a preposition of nearness ("поряд з
// Гуляйполем") is where they lie, not one of them. Positions left near
// settlements counted claim nothing ("отступили с позиций у пяти
// населенных пунктов в Запорожье"). Sentences written here for the kind
// claims-dev8's tune texts showed (claims11); the first, second and fourth
// fail with the rules of a172cda, the rest pass at both.
func TestCountedSettlementsListed(t *testing.T) {
	type want = wantClaim
	r := frontline.SideRussia
	checkClaimCases(t, []claimCase{
		{"У Збройних силах України повідомили про відхід Сил оборони з низки населених пунктів поряд з Гуляйполем Запорізької області – мова про Новоуспенівське, Охотниче, Успенівку.", "2025-11-12",
			[]want{{"Novouspenivske", frontline.AssertWithdrawn, r}, {"Okhotnyche", frontline.AssertWithdrawn, r}, {"Uspenivka", frontline.AssertWithdrawn, r}}},
		{"Сили оборони відійшли з кількох населених пунктів поряд з Гуляйполем. Йдеться про Новоуспенівське, Охотниче.", "2025-11-12",
			[]want{{"Novouspenivske", frontline.AssertWithdrawn, r}, {"Okhotnyche", frontline.AssertWithdrawn, r}}},
		{"Российские войска освободили ряд сел — речь идет о Новоуспеновском и Охотничьем.", "2025-11-12",
			[]want{{"Novouspenivske", frontline.AssertCaptured, r}, {"Okhotnyche", frontline.AssertCaptured, r}}},
		{"Подразделения ВСУ отступили с позиций у пяти населенных пунктов в Запорожье, заявил спикер Сил обороны юга Украины Владислав Волошин.", "2025-11-12",
			nil},
		// Guards: a colon list, positions at one village.
		{"Минобороны России сообщило об освобождении двух населенных пунктов в ДНР: Новоселидовки и Гирника.", "2024-11-12",
			[]want{{"Novoselydivka", frontline.AssertCaptured, r}, {"Hirnyk", frontline.AssertCaptured, r}}},
		{"ВСУ отошли с позиций у села Раздоловка севернее Соледара, пишет Forbes со ссылкой на украинских военных.", "2023-01-10",
			[]want{{"Rozdolivka", frontline.AssertWithdrawn, r}}},
	})
}

// TestTroopsOfASideSpeak: "Українські військові заявили", "Российские
// военные сообщили": a side's troops named by its adjective are the
// sentence's speaker, of that side (the misses pass left the denial with
// no speaker and no speaker side). Sentences written here (claims11); each
// fails with the rules of a172cda.
func TestTroopsOfASideSpeak(t *testing.T) {
	checkSpeakers(t, "", []speakerCase{
		{"Українські військові спростували захоплення Панківки.", "Українські військові", frontline.SideUkraine},
		{"Російські військові заявили, що зайшли в Панківку.", "Російські військові", frontline.SideRussia},
		{"Российские военные сообщили, что заняли Панковку.", "Российские военные", frontline.SideRussia},
	})
}

// speakerCase is a text and the speaker wanted of its claims.
type speakerCase struct {
	text, speaker string
	side          frontline.Side
}

// checkSpeakers extracts each case's text and checks the speaker of every
// claim, or of every claim of the assertion only when it is not "" (and
// that there is one).
func checkSpeakers(t *testing.T, only string, cases []speakerCase) {
	t.Helper()
	e := testExtractor(t)
	for _, c := range cases {
		x, err := e.Extract(c.text, day("2025-08-21"))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, cl := range x.Claims {
			if only != "" && cl.Assertion != only {
				continue
			}
			found = true
			if cl.Speaker != c.speaker || cl.SpeakerSide != c.side {
				t.Errorf("%s: speaker of %s %q (%s), want %q (%s)", c.text, cl.Assertion, cl.Speaker, cl.SpeakerSide, c.speaker, c.side)
			}
		}
		if !found {
			t.Errorf("%s: no claim %s in %+v", c.text, only, x.Claims)
		}
	}
}

// TestDenialNotTheClaimants: when the sentence's speaker makes a claim and
// a contrast or relative clause after it denies the claim ("…, но в ВСУ
// это опровергли", "…, which Kyiv denied", "…, which was denied by
// Ukraine", "…, но это фейк"), the denial is the one's named there, else
// no one's: never the claimant's (a claimant's denial of its own side's
// claim would read as an admission). Sentences written here (claims11);
// each fails with the rules of a172cda (the denial had the claimant as its
// speaker).
func TestDenialNotTheClaimants(t *testing.T) {
	checkSpeakers(t, frontline.AssertDenied, []speakerCase{
		{"Минобороны России заявило о взятии Панковки, но в ВСУ это опровергли.", "ВСУ", frontline.SideUkraine},
		{"Пушилін заявив, що російські війська «звільнили» Панківку, однак ЗСУ це не підтверджують.", "ЗСУ", frontline.SideUkraine},
		{"Russia claimed the capture of Pankivka, which Kyiv denied.", "Ukrainian government", frontline.SideUkraine},
		{"The Russian military announced that it had taken full control of Pankivka, which was denied by Ukraine.", "Ukraine", frontline.SideUkraine},
		{"Оккупанты заявили о захвате Панковки, но это фейк.", "", ""},
	})
}

// TestSidelessDenialTakesUp: a denial whose claim names no side
// ("заявление о взятии Андреевки назвали «преждевременным»") denies the
// last claim of that place and kind a side made before it; with none, or
// one of another kind, it keeps no side. Sentences written here after the
// press set's tune text (claims11); the first case fails with the rules of
// a172cda, the others are guards.
func TestSidelessDenialTakesUp(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	checkClaimCases(t, []claimCase{
		{"Украинские военные освободили село Андреевка к югу от Бахмута. Основные бои продолжаются в районе Андреевки. Однако заявление о взятии Андреевки назвали «преждевременным».", "2023-09-14",
			[]want{{"Andriivka", frontline.AssertLiberated, u}, {"Andriivka", frontline.AssertContested, ""}, {"Andriivka", frontline.AssertDenied, r}}},
		{"Заявление о взятии Андреевки назвали «преждевременным».", "2023-09-14",
			[]want{{"Andriivka", frontline.AssertDenied, ""}}},
		{"Украинские военные удерживают Андреевку. Заявление о взятии Андреевки назвали «преждевременным».", "2023-09-14",
			[]want{{"Andriivka", frontline.AssertUnderControl, u}, {"Andriivka", frontline.AssertDenied, ""}}},
	})
}

// TestOneSettlementNamedLater: a taking verb whose object is one settlement
// not named ("ще один населений пункт", "еще одно село", "a village",
// "another village") names it in a later sentence's opener ("Йдеться про
// X", "Речь идет о X", "…, which identified the settlement as X") or later
// in its own ("…, naming it as X"). Sentences written here after claims-dev5's
// tune text (claims11); each fails with the rules of a172cda.
func TestOneSettlementNamedLater(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	checkClaimCases(t, []claimCase{
		{"Сили оборони звільнили ще один населений пункт на Донеччині. Йдеться про Панківку.", "2024-09-01",
			[]want{{"Pankivka", frontline.AssertLiberated, u}}},
		{"Российские войска освободили еще одно село в ДНР. Речь идет о Панковке.", "2024-09-01",
			[]want{{"Pankivka", frontline.AssertCaptured, r}}},
		{"Kyiv's troops said on Sunday they had recaptured a village from Russian forces. Soldiers hoisted the flag in a video published by the 68th Brigade, which identified the settlement as Pankivka in the Donetsk region.", "2024-09-01",
			[]want{{"Pankivka", frontline.AssertLiberated, u}}},
		{"Russian forces captured another village in Donetsk region, the defence ministry said, naming it as Pankivka.", "2024-09-01",
			[]want{{"Pankivka", frontline.AssertCaptured, r}}},
	})
}

// TestRussianDefenceForcesAndRetaking: the Russian "Силы обороны" are
// Ukraine's forces, and "отбили X" with a settlement right after retakes
// it ("ВСУ отбили Панковку"; "отбили атаку на X" stays fighting); a
// Russian withdrawal verb followed by "у"/"возле" withdrew near the places,
// not from them. Sentences written here (claims11); the first three fail
// with the rules of a172cda, the rest are guards.
func TestRussianDefenceForcesAndRetaking(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	checkClaimCases(t, []claimCase{
		{"ВСУ отбили Панковку.", "2025-08-21", []want{{"Pankivka", frontline.AssertLiberated, u}}},
		{"Силы обороны освободили Панковку.", "2025-08-21", []want{{"Pankivka", frontline.AssertLiberated, u}}},
		{"Представитель Сил обороны Юга отметил, что войска отошли у Нового и Успеновки.", "2025-11-11", nil},
		{"ВСУ отбили атаку на Панковку.", "2025-08-21", []want{{"Pankivka", frontline.AssertContested, ""}}},
		{"ВСУ отошли из Панковки.", "2025-08-21", []want{{"Pankivka", frontline.AssertWithdrawn, r}}},
	})
}

// TestUnitBeforeAgentlessPassive: an agentless passive taking ("За сутки
// освобождено село X", "Звільнено село X") takes the side of the army unit
// the sentence before in its paragraph named, when that sentence named no
// other side or relative side word; a paragraph break or such a word
// leaves it as it was. Sentences written here after claims-dev2's tune
// text (claims11); the first two fail with the rules of a172cda.
func TestUnitBeforeAgentlessPassive(t *testing.T) {
	type want = wantClaim
	r := frontline.SideRussia
	checkClaimCases(t, []claimCase{
		{"Подразделения группировки «Центр» продолжают наступление на покровском направлении. За сутки освобождено село Панковка.", "2024-09-01",
			[]want{{"Pankivka", frontline.AssertCaptured, r}}},
		{"Подразделения группировки «Восток» ведут бои. Взята под контроль Панковка.", "2024-09-01",
			[]want{{"Pankivka", frontline.AssertCaptured, r}}},
		{"Подразделения группировки «Центр» продолжают наступление.\n\nЗа сутки освобождено село Панковка.", "2024-09-01",
			[]want{{"Pankivka", frontline.AssertLiberated, ""}}},
	})
}
