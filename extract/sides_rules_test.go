package extract_test

import (
	"testing"

	"github.com/frontline-osint/frontline"
)

// TestSidesAttribution: a side word inside the phrase naming a claim's
// source ("по данным российских военных", "according to Russia's defence
// ministry") is the source, not the actor; read as the actor it gave the
// opposite side (sides). The Russian and Ukrainian cases fail with the
// rules of 181e490.
func TestSidesAttribution(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	checkClaimCases(t, []claimCase{
		{"Украинские военные, по данным российских военных, отошли из Авдеевки.", "2024-02-17",
			[]want{{"Avdiivka", frontline.AssertWithdrawn, r}}},
		{"Противник, по словам Минобороны России, оставил Красногоровку.", "2024-09-10",
			[]want{{"Krasnohorivka", frontline.AssertWithdrawn, r}}},
		{"Окупанти, за даними Генштабу ЗСУ, відійшли з Кринок.", "2023-11-20",
			[]want{{"Krynky", frontline.AssertWithdrawn, u}}},
		{"The enemy, according to Russia's defence ministry, abandoned Krasnohorivka.", "2024-09-10",
			[]want{{"Krasnohorivka", frontline.AssertWithdrawn, r}}},
		// The source opening the sentence: still the actor after it.
		{"По данным Минобороны России, освобожден населенный пункт Торецк.", "2025-02-05",
			[]want{{"Toretsk", frontline.AssertCaptured, r}}},
	})
}

// TestSidesPressure: the side word after "under pressure from", "під
// тиском", "под ударами" names who pressed, not who withdrew; read as the
// actor it gave the opposite side (sides). The two cases marked fail with
// the rules of 181e490 (the others pass there, and must go on passing).
func TestSidesPressure(t *testing.T) {
	type want = wantClaim
	r, u := frontline.SideRussia, frontline.SideUkraine
	checkClaimCases(t, []claimCase{
		{"Под ударами ВСУ российские войска оставили Работино.", "2023-08-28",
			[]want{{"Robotyne", frontline.AssertWithdrawn, u}}},
		// Fails with 181e490.
		{"Russian troops under pressure from Ukrainian forces abandoned Robotyne.", "2023-08-28",
			[]want{{"Robotyne", frontline.AssertWithdrawn, u}}},
		{"Під тиском росіян українські військові залишили Работине.", "2024-05-20",
			[]want{{"Robotyne", frontline.AssertWithdrawn, r}}},
		// Fails with 181e490.
		{"Українські захисники під тиском переважаючих сил окупантів залишили Работине.", "2024-05-20",
			[]want{{"Robotyne", frontline.AssertWithdrawn, r}}},
	})
}

// TestSidesQuestion: a question claims nothing for either side ("Did
// Russian troops capture Toretsk?"): the claim keeps its place and
// assertion with no side (sides). The first, second and fourth cases fail
// with the rules of 181e490; the last must keep its side.
func TestSidesQuestion(t *testing.T) {
	type want = wantClaim
	checkClaimCases(t, []claimCase{
		{"Did Russian troops capture Toretsk?", "2025-02-05",
			[]want{{"Toretsk", frontline.AssertCaptured, ""}}},
		{"Has Russia captured Bakhmut? Ukraine says no.", "2023-05-21",
			[]want{{"Bakhmut", frontline.AssertCaptured, ""}}},
		{"Чи захопили росіяни Торецьк?", "2025-02-05",
			[]want{{"Toretsk", frontline.AssertCaptured, ""}}},
		{"Российские войска взяли Торецк?", "2025-02-05",
			[]want{{"Toretsk", frontline.AssertCaptured, ""}}},
		{"Russian troops captured Toretsk. Is it the end?", "2025-02-05",
			[]want{{"Toretsk", frontline.AssertCaptured, frontline.SideRussia}}},
	})
}

// TestSidesReportedAgent: a speaker announcing a deed whose agent, named
// after the place, is the other side ("Сырский сообщил об освобождении
// Торецка российскими войсками") gave the speaker's side (the opposite
// one); the claim now has no side (sides). The first three fail with the
// rules of 181e490; "від/от + side" (whom it was freed from) keeps the
// speaker's side.
func TestSidesReportedAgent(t *testing.T) {
	type want = wantClaim
	checkClaimCases(t, []claimCase{
		{"Сырский сообщил об освобождении Торецка российскими войсками.", "2025-02-05",
			[]want{{"Toretsk", frontline.AssertLiberated, ""}}},
		{"Сырський повідомив про звільнення Торецька російськими військами.", "2025-02-05",
			[]want{{"Toretsk", frontline.AssertLiberated, ""}}},
		{"Syrskyi announced the liberation of Toretsk by Russian forces.", "2025-02-05",
			[]want{{"Toretsk", frontline.AssertLiberated, ""}}},
		{"Пушилин сообщил об освобождении Торецка от ВСУ.", "2025-02-05",
			[]want{{"Toretsk", frontline.AssertCaptured, frontline.SideRussia}}},
	})
}

// TestSidesInvertedSubject: the side word after a passive driving-out verb
// in agent form is who drove them out ("были выбиты российскими
// штурмовиками"), and a clause of place ("откуда", "звідки", "where") has
// its subject after the verb, so the side word before the clause is not
// its actor. Each gave the opposite side with the rules of 181e490 (sides);
// the clause of place now gives no side, the passive its agent's side.
func TestSidesInvertedSubject(t *testing.T) {
	type want = wantClaim
	r := frontline.SideRussia
	checkClaimCases(t, []claimCase{
		{"Подразделения ВСУ, оборонявшие Торецк, были выбиты российскими штурмовиками.", "2025-02-05",
			[]want{{"Toretsk", frontline.AssertCaptured, r}}},
		{"Российские войска вошли в Торецк, откуда отступили части ВСУ.", "2025-02-05",
			[]want{{"Toretsk", frontline.AssertAdvancedTowards, r}, {"Toretsk", frontline.AssertWithdrawn, ""}}},
		{"Російські війська увійшли в Торецьк, звідки відступили підрозділи ЗСУ.", "2025-02-05",
			[]want{{"Toretsk", frontline.AssertAdvancedTowards, r}, {"Toretsk", frontline.AssertWithdrawn, ""}}},
		// Not changed: the agent after "by" was read already.
		{"Ukrainian units were driven out of Toretsk by Russian assault troops.", "2025-02-05",
			[]want{{"Toretsk", frontline.AssertWithdrawn, r}}},
	})
}

// TestSidesCapitalArmy: "Kyiv's forces" is Ukraine's army, not the city;
// read as the place, the side word was dropped and the speaker before it
// ("Moscow said …") became the actor: the opposite side (sides). The first
// two cases fail with the rules of 181e490.
func TestSidesCapitalArmy(t *testing.T) {
	type want = wantClaim
	checkClaimCases(t, []claimCase{
		{"Moscow said Kyiv's forces had abandoned Toretsk.", "2025-02-05",
			[]want{{"Toretsk", frontline.AssertWithdrawn, frontline.SideRussia}}},
		{"Moscow said Kyiv's troops had captured Robotyne.", "2023-08-28",
			[]want{{"Robotyne", frontline.AssertLiberated, frontline.SideUkraine}}},
		{"Residents of Kyiv's suburbs said Russian troops had left Bucha.", "2022-04-01",
			[]want{{"Bucha", frontline.AssertWithdrawn, frontline.SideUkraine}}},
	})
}

// TestSidesObjectRelative: a side word followed by an object relative
// pronoun ("Ворог, якого відкинули від …", "Окупанти, яких вибили з …")
// is the object of the clause holding the trigger, not its actor: read as
// the actor, Ukrainian text gave Russia the place it was driven from (the
// opposite side) with the rules of 181e490 (sides); now no side. The
// Russian case had no side already.
func TestSidesObjectRelative(t *testing.T) {
	type want = wantClaim
	checkClaimCases(t, []claimCase{
		{"Ворог, якого відкинули від Торецька, перегруповується.", "2025-02-05",
			[]want{{"Toretsk", frontline.AssertCaptured, ""}}},
		{"Окупанти, яких вибили з Торецька, ховаються в посадках.", "2025-02-05",
			[]want{{"Toretsk", frontline.AssertCaptured, ""}}},
		{"Противник, которого выбили из Торецка, перегруппировывается.", "2025-02-05",
			[]want{{"Toretsk", frontline.AssertCaptured, ""}}},
	})
}
