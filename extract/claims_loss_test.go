package extract_test

import (
	"fmt"
	"testing"

	"github.com/frontline-osint/frontline"
)

// TestLossesAndLists: a place lost is the other side's capture whoever
// says it; a list goes on past a name the gazetteer read only in part and
// past "another part of"; "rejected the claim" and "claims … were false"
// deny, never assert.
func TestLossesAndLists(t *testing.T) {
	type want = wantClaim
	cases := []struct {
		text      string
		publisher frontline.Side
		want      []want
	}{
		// The side named before the loss lost the place, whoever
		// speaks (Pushilin's "ВСУ потеряли" is no Ukrainian gain).
		{"ВСУ потеряли контроль над Кураховом, сообщил Пушилин.", "",
			[]want{{"Kurakhove", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Украинская армия потеряла Угледар.", "",
			[]want{{"Vuhledar", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Киевский режим признал потерю Соледара.", "",
			[]want{{"Soledar", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Генштаб визнав втрату Вугледара.", "",
			[]want{{"Vuhledar", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Ukraine confirmed the loss of Vuhledar.", "",
			[]want{{"Vuhledar", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Russian troops lost 20 tanks near Vuhledar.", "", nil},
		// Casualties are no place lost.
		{"Втрати ворога біля Покровська склали 200 осіб.", "", nil},
		// A grouping or a company named before the verb is the actor.
		{"Бойцы группировки «Восток» выбили противника из Великой Новоселки.", "",
			[]want{{"Velyka Novosilka", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Пригожин заявил, что «Вагнер» полностью взял Бахмут.", "",
			[]want{{"Bakhmut", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Украина отвела войска из Соледара.", "",
			[]want{{"Soledar", frontline.AssertWithdrawn, frontline.SideRussia}}},
		// Control claimed, and a share of a town held.
		{"Russia claimed full control of Bakhmut on Saturday.", "",
			[]want{{"Bakhmut", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Russian troops control about 70 percent of Pokrovsk.", "",
			[]want{{"Pokrovsk", frontline.AssertUnderControl, frontline.SideRussia}}},
		// Lists: a name read in part, an item with its own preposition,
		// "another part of".
		{"The enemy advanced near Novohrodivka, Novooleksandrivka, Sukhoi Balka and in Ostrovske.", frontline.SideUkraine,
			[]want{{"Novohrodivka", frontline.AssertAdvancedTowards, frontline.SideRussia}, {"Novooleksandrivka", frontline.AssertAdvancedTowards, frontline.SideRussia}, {"Ostrivske", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"Ворог просунувся біля Новоселівки Степової, Невського, Прогресу та в Новоселівці Першій.", frontline.SideUkraine,
			[]want{{"Stepova Novoselivka", frontline.AssertAdvancedTowards, frontline.SideRussia}, {"Nevs'ke", frontline.AssertAdvancedTowards, frontline.SideRussia}, {"Prohres", frontline.AssertAdvancedTowards, frontline.SideRussia}, {"Novoselivka Persha", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"The enemy captured Andriivka and another part of Pervomayske.", frontline.SideUkraine,
			[]want{{"Andriivka", frontline.AssertCaptured, frontline.SideRussia}, {"Pervomays'ke", frontline.AssertCaptured, frontline.SideRussia}}},
		// A passive of driving out: the side named lost the place.
		{"Сальдо заявил, что ВСУ выбиты из Крынок.", "",
			[]want{{"Krynky", frontline.AssertCaptured, frontline.SideRussia}}},
		// Withdrawals forced or ordered, named as a noun.
		{"ВСУ вынуждены были покинуть Угледар.", "",
			[]want{{"Vuhledar", frontline.AssertWithdrawn, frontline.SideRussia}}},
		{"Главнокомандующий ВСУ Сырский объявил о выводе войск из Авдеевки.", "",
			[]want{{"Avdiivka", frontline.AssertWithdrawn, frontline.SideRussia}}},
		// Approaching, holding, clearing under way.
		{"Окупанти підійшли до Часового Яру.", "",
			[]want{{"Chasiv Yar", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"Российские войска подошли к Часову Яру.", "",
			[]want{{"Chasiv Yar", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"Украинские военные продолжают оборонять Марьинку.", "",
			[]want{{"Marinka", frontline.AssertUnderControl, frontline.SideUkraine}}},
		{"Штурмовые подразделения зачищают Торецк.", "",
			[]want{{"Toretsk", frontline.AssertContested, ""}}},
		{"Russian forces gained ground near Kurakhove.", "",
			[]want{{"Kurakhove", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"Ocheretyne falls to Russian forces", "",
			[]want{{"Ocheretyne", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Минобороны РФ сообщило о взятии Очеретино.", "",
			[]want{{"Ocheretyne", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Ukrainian troops moved to \"more advantageous positions\" near Vovchansk.", "",
			[]want{{"Vovchansk", frontline.AssertWithdrawn, frontline.SideRussia}}},
		// Success, not an attempt: "вдалося", "managed to".
		{"Російським військам вдалося захопити Селидове.", "",
			[]want{{"Selydove", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Russia's forces managed to capture Selydove.", "",
			[]want{{"Selydove", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Росіянам вдалося закріпитися в Торецьку.", "",
			[]want{{"Toretsk", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		// Freed from the side named; the flag's genitive; allied forces.
		{"Селидово полностью освобождено от украинских боевиков.", "",
			[]want{{"Selydove", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Над Селидово поднят флаг России.", "",
			[]want{{"Selydove", frontline.AssertUnderControl, frontline.SideRussia}}},
		{"ВСУ получили приказ отступить из Лисичанска.", "",
			[]want{{"Lysychansk", frontline.AssertWithdrawn, frontline.SideRussia}}},
		// A relative clause's subject is the noun before it.
		{"Сили оборони знищили ДРГ, які зайшли до Покровська.", "",
			[]want{{"Pokrovsk", frontline.AssertAdvancedTowards, ""}}},
		{"У Покровську тривають пошуково-ударні дії.", "",
			[]want{{"Pokrovsk", frontline.AssertContested, ""}}},
		// Denials; one that names no place denies the claim of the
		// sentence before.
		{"Russia says it has taken Ocheretyne. Ukraine has not confirmed the claim.", "",
			[]want{{"Ocheretyne", frontline.AssertCaptured, frontline.SideRussia}, {"Ocheretyne", frontline.AssertDenied, frontline.SideUkraine}}},
		{"Ворог заявляє про захоплення Торецька, але це не відповідає дійсності.", "",
			[]want{{"Toretsk", frontline.AssertCaptured, frontline.SideRussia}, {"Toretsk", frontline.AssertDenied, frontline.SideUkraine}}},
		// A denial that names the claims it denies leaves the claim
		// before it alone.
		{"Ukrainian forces still control Toretsk, spokesman Nazar Voloshyn said, denying Russian claims.", "",
			[]want{{"Toretsk", frontline.AssertUnderControl, frontline.SideUkraine}}},
		{"\"Toretsk is ours,\" Voloshyn said.", "",
			[]want{{"Toretsk", frontline.AssertUnderControl, frontline.SideUkraine}}},
		// Villages near a town are not the town.
		{"Ukraine's military said on Tuesday its troops had retreated from two villages near Pokrovsk.", "", nil},
		{"Russia says it has taken Ocheretyne. Kyiv has not confirmed the loss of 20 tanks.", "",
			[]want{{"Ocheretyne", frontline.AssertCaptured, frontline.SideRussia}}},
		{"Ukraine rejected Russia's claim that it had taken Selydove.", "",
			[]want{{"Selydove", frontline.AssertCaptured, frontline.SideRussia}, {"Selydove", frontline.AssertDenied, frontline.SideUkraine}}},
		// The claims named are Russia's, kept beside their denial (misses).
		{"Ukrainian officials said claims of the capture of Kurakhove were false.", "",
			[]want{{"Kurakhove", frontline.AssertCaptured, frontline.SideRussia}, {"Kurakhove", frontline.AssertDenied, frontline.SideUkraine}}},
	}
	for _, c := range cases {
		x, err := testExtractor(t).ExtractAs(c.text, day("2025-01-10"), c.publisher)
		if err != nil {
			t.Fatal(err)
		}
		checkClaims(t, fmt.Sprintf("%q", c.text), c.text, x, c.want)
	}
}
