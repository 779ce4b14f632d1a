package extract_test

import (
	"testing"

	"github.com/frontline-osint/frontline"
)

// TestCounterControlAfterDenial: "«Это фейк, село под нашим контролем», —
// заявил Пушилин" after a Ukrainian claim: the control after the denial's
// own clause is the denier's counter-claim (the side that says "our"),
// not the claim it denies; until claims12 it was read as the claim denied,
// of the other side, and stored as under_control of the side that had
// just been told it is fake (an opposite side, found by probing). A
// conjunction ("фейк, что село под контролем") keeps the control what is
// denied. Sentences written here (claims12); the first four fail with the
// rules of a1d65e5 (the fourth lacked the brigade's control), the last is a
// guard.
func TestCounterControlAfterDenial(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	checkClaimCases(t, []claimCase{
		{"ВСУ заявили об освобождении Каменки. «Это фейк, село под нашим контролем», — заявил Пушилин.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertLiberated, u}, {"Kamianka", frontline.AssertUnderControl, r}, {"Kamianka", frontline.AssertDenied, r}}},
		{"Ukraine said it had retaken Kamianka. \"This is a fake, the village is under our control,\" Pushilin said.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertLiberated, u}, {"Kamianka", frontline.AssertUnderControl, r}, {"Kamianka", frontline.AssertDenied, r}}},
		// "ответили в ВСУ": a reply is said; "мы" is the ВСУ's.
		{"Российские военные заявили о взятии Каменки. «Это ложь, мы контролируем село», — ответили в ВСУ.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertCaptured, r}, {"Kamianka", frontline.AssertUnderControl, u}, {"Kamianka", frontline.AssertDenied, u}}},
		// The brigade's control after its denial stands beside it.
		{"Окупанти заявили про захоплення села Кам'янка. У бригаді це спростували: село під контролем ЗСУ.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertCaptured, r}, {"Kamianka", frontline.AssertUnderControl, u}, {"Kamianka", frontline.AssertDenied, u}}},
		// Guard: the control after "что" is what the ВСУ said.
		{"Минобороны России заявило о взятии села Каменка. ВСУ опровергли это заявление и сообщили, что село остается под их контролем.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertCaptured, r}, {"Kamianka", frontline.AssertDenied, u}}},
	})
}

// TestSideSourcesSpeak: what a side's sources say is in that side's voice,
// even in a text of the other's: "За словами російських воєнкорів,
// противник відступив з X" is Ukraine's withdrawal (Russia gains), not
// Russia's; until claims12 a Ukrainian sentence with no speaker found kept
// Ukraine's voice and turned the Russian sources' "противник" into Russia
// (an opposite side, found by probing). The sources are a side's adjective
// and a noun of sources after "за словами/за даними/по данным/по словам"
// or before a verb of saying ("Російські пропагандисти стверджують");
// "стверджувати/утверждать" are verbs of saying; "за даними відомства" is
// the body named before. Sentences written here (claims12); each but the
// guards fails with the rules of a1d65e5.
func TestSideSourcesSpeak(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	checkClaimCases(t, []claimCase{
		{"За словами російських воєнкорів, противник відступив з Кам'янки.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertWithdrawn, r}}},
		{"Російські пропагандисти стверджують, що ворог вибитий з Кам'янки.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertCaptured, r}}},
		{"По данным российских военкоров, противник отступил из Каменки.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertWithdrawn, r}}},
		{"Міноборони РФ заявило про захоплення Кам'янки. За даними відомства, противник відступив з Новоселівки.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertCaptured, r}, {"Novoselivka", frontline.AssertWithdrawn, r}}},
		{"Рогов утверждает, что наши войска вошли в Каменку.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertAdvancedTowards, r}}},
		// Guards: Ukraine's General Staff and its enemy; Ukrainian
		// sources.
		{"В Генштабе ВСУ сообщили, что противник отступил из Каменки.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertWithdrawn, u}}},
		{"За словами українських військових, ворог відступив з Кам'янки.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertWithdrawn, u}}},
	})
}

// TestDenialByScorn: "ворог «захопив у своїх мріях»", "нафантазували
// окупацію", "лише на папері", "only in their dreams" deny the taking they
// scorn. claims-dev9's tune text of Hlushkivka showed the kind; sentences
// written here (claims12); each fails with the rules of a1d65e5.
func TestDenialByScorn(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	checkClaimCases(t, []claimCase{
		{"Росіяни заявили про захоплення Глушківки. Цей населений пункт ворог \"захопив у своїх мріях\".", "2026-02-09",
			[]want{{"Hlushkivka", frontline.AssertCaptured, r}, {"Hlushkivka", frontline.AssertDenied, u}}},
		{"Росіяни нафантазували окупацію Глушківки.", "2026-02-09",
			[]want{{"Hlushkivka", frontline.AssertDenied, u}}},
		{"Russia said it had captured Hlushkivka, which its generals took only in their dreams.", "2026-02-09",
			[]want{{"Hlushkivka", frontline.AssertCaptured, r}, {"Hlushkivka", frontline.AssertDenied, u}}},
	})
}

// TestListAfterLocatingClause: "окупував села Межове та Скучне,
// розташовані біля річки Вовча, а також Журавку": a participle or
// relative clause that locates the items before does not end the list;
// it goes on after the clause's comma and a joiner. claims-dev9's tune
// text showed the kind; sentences written here (claims12); the first three
// fail with the rules of a1d65e5, the last is a guard (a reference point in
// the clause is no item).
func TestListAfterLocatingClause(t *testing.T) {
	type want = wantClaim
	r := frontline.SideRussia
	checkClaimCases(t, []claimCase{
		{"Ворог окупував села Межове та Скучне, розташовані біля річки Вовча, а також Журавку.", "2024-08-20",
			[]want{{"Mezhove", frontline.AssertCaptured, r}, {"Skuchne", frontline.AssertCaptured, r}, {"Zhuravka", frontline.AssertCaptured, r}}},
		{"Ворог окупував село Межове, розташоване біля річки Вовча, та Журавку.", "2024-08-20",
			[]want{{"Mezhove", frontline.AssertCaptured, r}, {"Zhuravka", frontline.AssertCaptured, r}}},
		{"Враг оккупировал села Межевое и Скучное, расположенные у реки Волчья, а также Журавку.", "2024-08-20",
			[]want{{"Mezhove", frontline.AssertCaptured, r}, {"Skuchne", frontline.AssertCaptured, r}, {"Zhuravka", frontline.AssertCaptured, r}}},
		{"Ворог окупував Межове, розташоване поблизу Покровська.", "2024-08-20",
			[]want{{"Mezhove", frontline.AssertCaptured, r}}},
	})
}

// TestCompletionIsNoAttempt: "completed the capture of X", "the complete
// capture", "completely liberated" are deeds; only "to complete" is an
// aim. Until claims12 any word beginning "complet" before a taking made it
// an attempt (advanced_towards). Sentences written here (claims12); the
// first three fail with the rules of a1d65e5, the last is a guard.
func TestCompletionIsNoAttempt(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	checkClaimCases(t, []claimCase{
		{"Russian forces completed the capture of Kamianka.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertCaptured, r}}},
		{"Russia announced the complete capture of Kamianka.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertCaptured, r}}},
		{"Kamianka was completely liberated by Ukrainian forces.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertLiberated, u}}},
		{"Russian troops are trying to complete the capture of Kamianka.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertAdvancedTowards, r}}},
	})
}

// TestPossessiveOfPlaceIsNoActor: "Russia says Ukraine's Kamianka
// 'liberated'": the possessive of a place's name is the land, not who
// took it; until claims12 it made the taking Ukraine's, the side opposite
// the claimant (found by claims-dev9's tune headline "Russia Says Village
// in Ukraine's Kharkiv 'Liberated'"). Sentences written here (claims12);
// the first fails with the rules of a1d65e5, the second is a guard.
func TestPossessiveOfPlaceIsNoActor(t *testing.T) {
	type want = wantClaim
	r := frontline.SideRussia
	checkClaimCases(t, []claimCase{
		{"Russia says Ukraine's Kamianka 'liberated'", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertCaptured, r}}},
		{"Kamianka in Ukraine's Donetsk region was liberated, Russia's defence ministry said.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertCaptured, r}}},
	})
}

// TestCannotTakeDenies: "ворог не може захопити X", "не має можливості
// захопити", "окупувати цей населений пункт зараз не може", "the enemy
// cannot capture X": a taking its actor cannot make good denies it. Until
// claims12 the infinitive was an attempt (advanced_towards of Russia) and
// "cannot capture" a capture by Russia, against a place the speaker says
// is not taken (claims-dev8's tune text of Rybne: "other side"). Sentences
// written here (claims12); each but the guard fails with the rules of
// a1d65e5.
func TestCannotTakeDenies(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	checkClaimCases(t, []claimCase{
		{"Ворог не може захопити Рибне, заявив Волошин.", "2025-10-10",
			[]want{{"Rybne", frontline.AssertDenied, u}}},
		{"Ворог не має можливості захопити Рибне.", "2025-10-10",
			[]want{{"Rybne", frontline.AssertDenied, u}}},
		{"Сили оборони вийшли з позицій у селі Рибне. «Ворог зайти і закріпитися там, окупувати цей населений пункт зараз не може», - додав Волошин.", "2025-10-10",
			[]want{{"Rybne", frontline.AssertWithdrawn, r}, {"Rybne", frontline.AssertDenied, u}}},
		{"The enemy cannot capture Rybne, Voloshyn said.", "2025-10-10",
			[]want{{"Rybne", frontline.AssertDenied, u}}},
		// Guard: a past failure, as before.
		{"Росіяни не змогли захопити Рибне.", "2025-10-10",
			[]want{{"Rybne", frontline.AssertDenied, u}}},
	})
}

// TestSettlementAbbreviation: "взяли под контроль н.п. Симиновка",
// "звільнили н. п. Кам'янка": the abbreviation of населенный/населений пункт
// ends no sentence and stops no object (claims-dev7's tune text of
// Symynivka; "н.п. Симиновка" was the misses pass's). Sentences written
// here (claims12); each fails with the rules of a1d65e5.
func TestSettlementAbbreviation(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	checkClaimCases(t, []claimCase{
		{"Подразделения группировки «Север» взяли под контроль н.п. Симиновка.", "2026-01-24",
			[]want{{"Symynivka", frontline.AssertCaptured, r}}},
		{"Российские войска освободили н.п. Симиновка.", "2026-01-24",
			[]want{{"Symynivka", frontline.AssertCaptured, r}}},
		{"Сили оборони звільнили н. п. Кам'янка.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertLiberated, u}}},
	})
}

// TestPassiveInstrumentalAgent: "Каменка захвачена противником, признали
// в ВСУ", "Кам'янку захоплено ворогом": the instrumental side word right
// after a Cyrillic passive is its agent, read against the voice; until
// claims12 a passive with no agent noun took the speaker's own side, a
// liberation by Ukraine (an opposite side, found by probing; DeepState's
// "захоплено ворогом" notes had no side). Sentences written here
// (claims12); the first three fail with the rules of a1d65e5, the last is
// a guard (no agent: the speaker's troops).
func TestPassiveInstrumentalAgent(t *testing.T) {
	type want = wantClaim
	r := frontline.SideRussia
	checkClaimCases(t, []claimCase{
		{"Каменка захвачена противником, признали в ВСУ.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertCaptured, r}}},
		{"Кам'янку захоплено ворогом, повідомили в Генштабі ЗСУ.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertCaptured, r}}},
		{"Село Кам'янка захоплене окупантами.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertCaptured, r}}},
		{"Населенный пункт Каменка освобожден, сообщили в Минобороны России.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertCaptured, r}}},
	})
}

// TestKnockedOut: "the enemy was knocked out of X", "knocked the enemy out
// of X" (DeepState's English notes' wording) are what "pushed out of" is.
// Sentences written here (claims12); each fails with the rules of a1d65e5.
func TestKnockedOut(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	checkClaimCases(t, []claimCase{
		{"The enemy was knocked out of Kamianka.", "2024-06-01",
			[]want{{"Kamianka", frontline.AssertWithdrawn, u}}},
		{"The Defense Forces knocked the enemy out of Kamianka.", "2024-06-01",
			[]want{{"Kamianka", frontline.AssertLiberated, u}}},
		{"Russian forces knocked Ukrainian units out of Kamianka.", "2024-06-01",
			[]want{{"Kamianka", frontline.AssertCaptured, r}}},
	})
}

// TestAddedAndOccupationSpeak: "Він додав, що …" after Pushilin is
// Pushilin's ("додати"/"добавить" are verbs of saying), and "Окупаційна
// влада заявила" speaks for Russia; until claims12 both left a Ukrainian
// sentence in Ukraine's voice and "противник" became Russia (opposite
// sides, found by probing). Sentences written here (claims12); each fails
// with the rules of a1d65e5.
func TestAddedAndOccupationSpeak(t *testing.T) {
	type want = wantClaim
	r := frontline.SideRussia
	checkClaimCases(t, []claimCase{
		{"Пушилін заявив про захоплення Кам'янки. Він додав, що противник відступив з Новоселівки.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertCaptured, r}, {"Novoselivka", frontline.AssertWithdrawn, r}}},
		{"Окупаційна влада заявила, що противник відступив з Кам'янки.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertWithdrawn, r}}},
	})
}

// TestQuotedGroupingSpeaks: "Речник угруповання «Восток» заявив": a quoted
// name of one or two words closes the speaker's phrase; until claims12 the
// closing quote made the phrase none, the Ukrainian sentence kept Ukraine's
// voice and the Russian grouping's "противник" became Russia (an opposite
// side, found by probing). Sentences written here (claims12); the first
// fails with the rules of a1d65e5, the second is a guard.
func TestQuotedGroupingSpeaks(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	checkClaimCases(t, []claimCase{
		{"Речник угруповання «Восток» заявив, що противник залишив позиції та відступив з Кам'янки.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertWithdrawn, r}}},
		{"Командир батальйону «Айдар» повідомив, що ворог відступив з Кам'янки.", "2025-06-01",
			[]want{{"Kamianka", frontline.AssertWithdrawn, u}}},
	})
}
