package extract_test

import (
	"testing"

	"github.com/frontline-osint/frontline"
)

// TestCyrillicVoice: the voice of a Russian or Ukrainian statement carries
// over its sentences (attributed quotations, the paragraph's speaker, a
// Russian-language text's own wording), so that "противник", "наша" and
// an unnamed actor take the speaker's side. Sentences from the tuning
// files of the press set and DeepState's notes; "" as a place checks the
// assertion and side only (the place resolution is not this test's).
func TestCyrillicVoice(t *testing.T) {
	type want = wantClaim
	cases := []struct {
		name, text string
		want       []want // every claim with a side, in order; neutral claims too
	}{
		// A quotation between the verb and its place (rg.ru).
		{"quote in the gap", `В оперативной сводке украинского генштаба говорится, что ВСУ пришлось сменить позиции "на отдельных участках" в районе Волчанска.`,
			[]want{{"Vovchansk", frontline.AssertWithdrawn, frontline.SideRussia}}},
		// A governor's quotation attributed by a pronoun (TASS, one village
		// of two left out): the quotation speaks for Russia, the outskirts
		// are Russia's.
		{"quotation attributed by a pronoun", "Об этом сообщил губернатор Запорожской области Евгений Балицкий.\n\n" +
			`"Подразделения группировки войск "Восток" в течение недели продолжали продвигаться в глубину обороны противника и в результате решительных действий освободили село Заречное Запорожской области. Продолжается зачистка городских окраин Гуляйполя. Благодарен нашим бойцам за целенаправленное продвижение, выдавливаем противника методично и последовательно", - написал он в своем Telegram-канале.`,
			[]want{{"Zarichne", frontline.AssertCaptured, frontline.SideRussia}, {"Huliaipole", frontline.AssertAtOutskirts, frontline.SideRussia}}},
		// Maliar's quotation (gazeta.ru): "Андреевка наша" is Ukraine's.
		{"place declared our own", `«Основные бои продолжаются в районах Андреевки, Курдюмовки, Клещеевки. И у нас там хорошие новости. Андреевка наша. Закрепляемся на занятых позициях», — написала Маляр в телеграме.`,
			[]want{{"Andriivka", frontline.AssertContested, ""}, {"Kurdiumivka", frontline.AssertContested, ""}, {"Klishchiivka", frontline.AssertContested, ""}, {"Andriivka", frontline.AssertUnderControl, frontline.SideUkraine}}},
		// An attempt to advance is fighting, no side's gain (tvzvezda).
		{"attempt", "Враг пытался продвинуться в районах Владимировки и Урожайного на территории ДНР, но успеха не имел.",
			[]want{{"", frontline.AssertContested, ""}, {"Urozhaine", frontline.AssertContested, ""}}},
		// Places before the verb (gazeta.ua, Haidai).
		{"places before the verb", `"Біля Кремінної та Сватового ситуація стабільна – наші війська просуваються вперед. Туди ворог постійно перекидає резерви", – ідеться в повідомленні.`,
			[]want{{"Kreminna", frontline.AssertAdvancedTowards, frontline.SideUkraine}, {"Svatove", frontline.AssertAdvancedTowards, frontline.SideUkraine}}},
		// DeepState's lists with parentheses and directions per item.
		{"list with parentheses", "ЗСУ звільнили Чайкине (підтвердження), Клапаю (підтвердження), Львівські Отруби та Високе (підтвердження).",
			[]want{{"Chaikyne", frontline.AssertLiberated, frontline.SideUkraine}, {"Klapaia", frontline.AssertLiberated, frontline.SideUkraine}, {"", frontline.AssertLiberated, frontline.SideUkraine}, {"", frontline.AssertLiberated, frontline.SideUkraine}}},
		{"list with directions", "ЗСУ мали успіх на північ від Роботиного, на захід від Макарівки та на схід від Левадного.",
			[]want{{"Robotyne", frontline.AssertAdvancedTowards, frontline.SideUkraine}, {"Makarivka", frontline.AssertAdvancedTowards, frontline.SideUkraine}, {"Levadne", frontline.AssertAdvancedTowards, frontline.SideUkraine}}},
		// A Ukrainian note whose sentence has no letter only Ukrainian has.
		{"Ukrainian text", "Оновлено інформацію щодо лінії фронту.\nВорог просунувся в Невельському.",
			[]want{{"Nevelske", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		// The speaker's voice over the next sentence of its paragraph;
		// an unnamed actor is the speaker's.
		{"paragraph voice", "Минобороны России сообщило об освобождении Курахово. Противник отступил из Дачного. Штурмовые подразделения продвинулись в районе Ямполя.",
			[]want{{"Kurakhove", frontline.AssertCaptured, frontline.SideRussia}, {"Dachne", frontline.AssertWithdrawn, frontline.SideRussia}, {"Yampil", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		// A passive's agent names the side.
		{"passive agent", "Населённый пункт Песчаное освобождён подразделениями группировки «Запад».",
			[]want{{"Pishchane", frontline.AssertCaptured, frontline.SideRussia}}},
		// A colon attribution; the General Staff's troops hold Pokrovsk.
		{"colon attribution", "Генштаб ЗСУ: Сили оборони відбили 37 атак поблизу Покровська, Мирнограда, Котлиного. Підрозділи утримують позиції в Покровську.",
			[]want{{"Pokrovsk", frontline.AssertContested, ""}, {"Myrnohrad", frontline.AssertContested, ""}, {"Kotlyne", frontline.AssertContested, ""}, {"Pokrovsk", frontline.AssertUnderControl, frontline.SideUkraine}}},
		// The claimant named before a denial is not the denier.
		{"denial by the speaker", "Заявления украинской стороны о возвращении контроля над Купянском не соответствуют действительности, заявили в Минобороны России.",
			[]want{{"Kupiansk", frontline.AssertLiberated, frontline.SideUkraine}, {"Kupiansk", frontline.AssertDenied, frontline.SideRussia}}},
		// Fighting carried to the places of the next sentence.
		{"fighting carried", "Еще две атаки были отражены на Краснолиманском направлении. Они были предприняты в районах населенных пунктов Торское и Ямполовка.",
			[]want{{"Torske", frontline.AssertContested, ""}, {"Yampolivka", frontline.AssertContested, ""}}},
		// "россияне" is Russia whoever speaks; a unit's name is its side.
		{"Russians in a Ukrainian voice", "По данным DeepState, россияне продвинулись в Нью-Йорке.",
			[]want{{"Niu-York", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"unit name", "Бойцы «Ахмата» продвинулись в Нью-Йорке, сообщили в DeepState.",
			[]want{{"Niu-York", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		// "взят" alone is a taking; into a ring it is fighting; a future
		// takes nothing.
		{"taken", "Красноармейск и Димитров взяты, заявил Герасимов.",
			[]want{{"Pokrovsk", frontline.AssertCaptured, frontline.SideRussia}, {"Myrnohrad", frontline.AssertCaptured, frontline.SideRussia}}},
		{"ring", "Купянск взят в кольцо, заявил Герасимов.",
			[]want{{"Kupiansk", frontline.AssertContested, ""}}},
		{"future", "Купянск будет освобождён в ближайшее время, заявил Герасимов.", nil},
		{"cleared", "Населенный пункт Дачное полностью зачищен от боевиков ВСУ, сообщили в Минобороны.",
			[]want{{"Dachne", frontline.AssertCaptured, frontline.SideRussia}}},
		// A denial that names no place denies the claim before it.
		{"denial of the sentence before", "Российская сторона сообщила об освобождении Андреевки. В ВСУ это опровергли.",
			[]want{{"Andriivka", frontline.AssertCaptured, frontline.SideRussia}, {"Andriivka", frontline.AssertDenied, frontline.SideUkraine}}},
		// A clause that refers back to the city named before; the
		// invaders blocked at its outskirts are Russia (unian, Fedorenko).
		{"the city named before", "В районі міста Куп’янськ на Харківщині тривають активні бойові дії. Сили оборони України заблокували загарбників в північно-західній околиці міста.",
			[]want{{"Kupiansk", frontline.AssertContested, ""}, {"Kupiansk", frontline.AssertAtOutskirts, frontline.SideRussia}}},
		{"the city liberated", "Бои за Купянск продолжаются. Российские войска завершили освобождение города, сообщил Герасимов.",
			[]want{{"Kupiansk", frontline.AssertContested, ""}, {"Kupiansk", frontline.AssertCaptured, frontline.SideRussia}}},
		// Attacks in the areas of settlements named far after the verb.
		{"attacks in the areas", "Протягом доби ворог 37 разів атакував позиції наших захисників на Покровському напрямку в районах населених пунктів Зелений Кут, Мирноград, Покровськ.",
			[]want{{"Zelenyi Kut", frontline.AssertContested, ""}, {"Myrnohrad", frontline.AssertContested, ""}, {"Pokrovsk", frontline.AssertContested, ""}}},
		{"infiltration", "Ворог інфільтрується в Покровськ малими групами.",
			[]want{{"Pokrovsk", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"offensive on", "Российские войска продолжают наступление на Гуляйполе, сообщили в Минобороны.",
			[]want{{"Huliaipole", frontline.AssertAdvancedTowards, frontline.SideRussia}}},
		{"a consequence to come", "Освобождение Купянска позволит группировке двигаться дальше на запад, сказал Герасимов.", nil},
		// No voice, no guess: a Russian sentence with neither speaker nor
		// Russian wording leaves "противник" unread.
		{"no voice", "Противник отступил из Дачного.",
			[]want{{"Dachne", frontline.AssertWithdrawn, ""}}},
	}
	for _, c := range cases {
		x, err := testExtractor(t).Extract(c.text, day("2025-01-10"))
		if err != nil {
			t.Fatal(err)
		}
		checkClaims(t, c.name, c.text, x, c.want)
	}
}
