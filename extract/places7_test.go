package extract_test

import "testing"

// placeIDCase is a mention in a text of a day and the settlement (id) or
// the country ("RU") it must be read as; id "" with country "" means the
// mention must not be read as a place at all.
type placeIDCase struct{ text, mention, on, id, country string }

func checkPlaceIDs(t *testing.T, cases []placeIDCase) {
	t.Helper()
	for _, c := range cases {
		p, ok := mentionOn(t, c.text, c.mention, c.on)
		switch {
		case c.id == "" && c.country == "":
			if ok {
				t.Errorf("%q: %q read as %s %s (%s), want no place", c.text, c.mention, p.ID, p.Name, p.Oblast)
			}
		case c.country != "":
			if !ok || p.Country != c.country {
				t.Errorf("%q: %q → %s %s (%q, read %v), want country %s", c.text, c.mention, p.ID, p.Name, p.Country, ok, c.country)
			}
		case !ok || p.ID != c.id:
			t.Errorf("%q: %q → %s %s (%s, read %v), want %s", c.text, c.mention, p.ID, p.Name, p.Oblast, ok, c.id)
		}
	}
}

// TestUnitAfterName: a raion, hromada or okrug named right after a name
// settles its homonym: Садове of Tokmak hromada, not that of Vasylivka
// raion the resolver ranks first (places-dev5, zp-news.ru 2024-08-04), in
// Russian officials' "муниципальный округ", the Ukrainian hromada (whose
// adjective is Токмацька) and English (places7).
func TestUnitAfterName(t *testing.T) {
	const sadove = "UA23100270160053947"
	checkPlaceIDs(t, []placeIDCase{
		{"Зафиксирована атака дачных участков села Садовое Токмакского муниципального округа.", "Садовое", "2024-08-04", sadove, ""},
		{"Окупанти обстріляли село Садове Токмацької громади.", "Садове", "2024-08-04", sadove, ""},
		{"A drone hit a house in Sadove, Tokmak community.", "Sadove", "2024-08-04", sadove, ""},
	})
}

// TestUnitInRussia: a raion adjective after a name that no Ukrainian
// reading's unit bears but a place the text reads in Russia does puts the
// name in Russia: Кирилловка of Klimovo district, Bryansk oblast, was the
// Donetsk Kyrylivka (places-dev5, forbes.ru 2023-08-29) (places7).
func TestUnitInRussia(t *testing.T) {
	checkPlaceIDs(t, []placeIDCase{
		{"Погибли два жителя поселка Климово. 26 августа обстреляно село Кирилловка Климовского района.", "Кирилловка", "2023-08-29", "", "RU"},
	})
}

// TestStreetAfterName: a name followed by "Street" or "Avenue" is a street
// ("Lenina Street", "Michurina Street" of Kupiansk read as villages named
// Lenina and Michurina, places-dev5 fw-mag) (places7).
func TestStreetAfterName(t *testing.T) {
	checkPlaceIDs(t, []placeIDCase{
		{"Russian troops advanced along Lenina Street and Michurina Street, reaching the city center.", "Lenina", "2025-10-01", "", ""},
		{"Russian troops advanced along Lenina Street and Michurina Street, reaching the city center.", "Michurina", "2025-10-01", "", ""},
	})
}

// TestListNamesakesInTextOblast: villages of a list in the oblast an
// earlier sentence names ("… по 14 населених пунктах Запорізької
// області.") no longer keep their Donetsk namesakes because those lie
// beside each other: Новоандріївка and Преображенка by Orikhiv, not by
// Pokrovsk (places-dev5, baburka.zp.ua) (places7).
func TestListNamesakesInTextOblast(t *testing.T) {
	const text = "Впродовж доби окупанти завдали 490 ударів по 14 населених пунктах Запорізької області.\nБпЛА атакували Лобкове, Щербаки, Новоандріївку, Преображенку, Малу Токмачку."
	checkPlaceIDs(t, []placeIDCase{
		{text, "Новоандріївку", "2025-03-15", "UA23100170050054259", ""},
		{text, "Преображенку", "2025-03-15", "UA23100210010033958", ""},
	})
}

// TestFleetingE: the е of -ець drops in the other cases of a masculine
// name, which the inflection tables lack: "У Марганці", "Марганцю" of
// Марганець were unread (places-dev5, 0566.com.ua), so is the Russian
// "в Марганце"; only for cities and towns (places7).
func TestFleetingE(t *testing.T) {
	const marhanets = "UA12080010010085669"
	checkPlaceIDs(t, []placeIDCase{
		{"У Марганці масштаби руйнацій з’ясовуються.", "Марганці", "2022-09-08", marhanets, ""},
		{"Ворог поцілив по Нікополю та Марганцю.", "Марганцю", "2022-09-08", marhanets, ""},
		{"Обстріл Марганця тривав усю ніч.", "Марганця", "2022-09-08", marhanets, ""},
		{"ВСУ сообщили об обстреле в Марганце.", "Марганце", "2022-09-08", marhanets, ""},
		// Not a village named like a surname: Запорожець of Zaporizhzhia
		// raion is no reading of the spokesman's genitive.
		{"Про це заявив речник підполковник Дмитра Запорожця.", "Запорожця", "2025-12-12", "", ""},
	})
}

// TestPluralAdjectiveOpening: a plural adjective opening a sentence
// before a noun is no village: "Мирні жителі не постраждали" read Мирне
// of Zaporizhzhia oblast (places-dev5, baburka.zp.ua) (places7).
func TestPluralAdjectiveOpening(t *testing.T) {
	checkPlaceIDs(t, []placeIDCase{
		{"Надійшло 8 повідомлень про пошкодження будинків. Мирні жителі не постраждали.", "Мирні", "2025-03-15", "", ""},
		{"Были повреждены дома. Мирные жители не пострадали.", "Мирные", "2025-03-15", "", ""},
	})
}

// TestBeVerbOpening: a form of "to be" opening a sentence is no place:
// "Были сброшены боеприпасы" read the Kursk village Белая through an
// alternate spelling (places-dev5, zp-news.ru) (places7).
func TestBeVerbOpening(t *testing.T) {
	checkPlaceIDs(t, []placeIDCase{
		{"Были сброшены боеприпасы с БПЛА в селе Благовещенка.", "Были", "2024-08-04", "", ""},
	})
}

// TestListNeighbourInTextOblast: a neighbour in the oblast an earlier
// sentence names does not hold a reading outside it: Ольгівське of
// Zaporizhzhia oblast, 17 km from the Donetsk Комишуваха, kept that one
// in a list of Zaporizhzhia villages (places-dev5, zprz.city) (places7).
func TestListNeighbourInTextOblast(t *testing.T) {
	const text = "Російські військові продовжують обстрілювати будинки мирних мешканців Запорізької області\nВчора окупаційні війська вели вогонь по містах Гуляйполе, Оріхів, селищам Степногірську, Комишувасі та Залізничному, селах Білогір'я, Новоданилівка, Ольгівське, Преображенка, Дорожнянка, Чарівне, Щербаки."
	checkPlaceIDs(t, []placeIDCase{
		{text, "Комишувасі", "2023-04-20", "UA23060090010013596", ""},
	})
}

// TestRussianNeighbourAfterOblast: one neighbour read in Russia is enough
// in the sentence after the one that follows a Russian oblast's, for a
// village name (Alekseevka of Glushkovo district read as a Kherson
// Oleksiivka, places-dev5 myboxingnews); a Ukrainian town keeps its reading
// (places7).
func TestRussianNeighbourAfterOblast(t *testing.T) {
	const text = "Drones attacked two villages in the Belgorod region overnight, the governor said. The Shebekino district came under fire again. Windows were broken in Shebekino and in Alekseevka, he wrote."
	checkPlaceIDs(t, []placeIDCase{
		{text, "Alekseevka", "2023-10-15", "", "RU"},
	})
}
