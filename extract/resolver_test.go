package extract_test

import "testing"

// placeIDOn is the gazetteer id of the first mention written as name in
// text published on day, "" when the name is not read as a place.
func placeIDOn(t *testing.T, text, name, on string) string {
	t.Helper()
	p, _ := mentionOn(t, text, name, on)
	return p.ID
}

// TestSentenceNeighbourHomonym: among village homonyms, one a few km from
// another place of the same sentence wins over one 10–20 km off that lies
// nearer the front of the day (the Lyman Діброва, 4 km from Озерне, not
// the Kreminna one on the Luhansk front); a town of that name keeps its
// rank among villages of another sector in the sentence (the tracker's
// plain "Красногорівка" of 2024 is the Marinka town, not the village by
// Berdychi).
func TestSentenceNeighbourHomonym(t *testing.T) {
	for _, c := range []struct{ text, mention, on, id string }{
		{"По данным DeepState, на Лиманском направлении между Ямполем и Лиманом российские силы продолжают инфильтрацию в сторону Дибровы и Озерного.", "Дибровы", "2025-11-20", "UA14120110100079390"},
		{"Ворог просунувся в Очеретине. Тривають бої у Бердичах, Красногорівці та південніше Урожайного.", "Красногорівці", "2024-06-20", "UA14160130020025938"},
	} {
		if got := placeIDOn(t, c.text, c.mention, c.on); got != c.id {
			t.Errorf("%q: %q → %q, want %s", c.text, c.mention, got, c.id)
		}
	}
}

// TestOblastListSharedRegionWord: "у Сумській та Донецькій областях"
// names both oblasts, not only the one before the plural region word.
func TestOblastListSharedRegionWord(t *testing.T) {
	for _, c := range []struct{ text, first, want string }{
		{"Ворог просунувся в окремих селах у Сумській та Донецькій областях.", "Сумській", "UA59000000000057109"},
		{"Бои идут в Курской и Белгородской областях.", "Курской", "RU-KRS"},
		{"Обстріли у Сумській, Харківській та Донецькій областях.", "Харківській", "UA63000000000041885"},
	} {
		if got := placeIDOn(t, c.text, c.first, "2025-09-20"); got != c.want {
			t.Errorf("%q: %q → %q, want %s", c.text, c.first, got, c.want)
		}
	}
}

// TestEarlierSentenceOblasts: a sentence of regions ("у Сумській та
// Донецькій областях", no settlement in it) scopes the later sentences'
// readings that no other place supports; an oblast that only locates a
// village of its own sentence does not move a later village beside its
// neighbour.
func TestEarlierSentenceOblasts(t *testing.T) {
	checkOblasts(t, []oblastCase{
		{"Російським загарбникам вдалося просунутися в окремих селах у Сумській та Донецькій областях. \"Ворог просунувся у Покровці\", - йдеться у повідомленні.", "Покровці", "2025-09-20", "Sumy Oblast"},
		{"Moscow's troops took control of Pryvillia in the Dnipropetrovsk region. Also captured was the village of Pishchane, near the town of Kupiansk.", "Pishchane", "2025-09-20", "Kharkiv Oblast"},
	})
}

// TestFrontVillageInMovingSentence: a sentence that says the front moved
// ("Ворог просунувся на схід від Макіївки", alone) names the village on
// the line of the day, not the city 10 km or more behind it; a strike
// keeps the city.
func TestFrontVillageInMovingSentence(t *testing.T) {
	checkOblasts(t, []oblastCase{
		{"Ворог просунувся на схід від Макіївки.", "Макіївки", "2024-07-01", "Luhansk Oblast"},
		{"The enemy advanced east of Makiivka.", "Makiivka", "2024-07-01", "Luhansk Oblast"},
		{"Вибухи пролунали в Макіївці.", "Макіївці", "2024-07-01", "Donetsk Oblast"},
	})
}

// TestOblastAdjectiveInParentheses: the tracker's "Білогорівки
// (Луганська)" / "(Донецька)" name the homonym's oblast by its adjective
// alone.
func TestOblastAdjectiveInParentheses(t *testing.T) {
	checkOblasts(t, []oblastCase{
		{"Ворог мав частковий успіх біля Білогорівки (Луганська). Уточнено лінію зіткнення біля Шумів.", "Білогорівки", "2023-06-01", "Luhansk Oblast"},
		{"Ворог просунувся біля Білогорівки (Донецька).", "Білогорівки", "2023-06-01", "Donetsk Oblast"},
		{"The enemy had partial success near Bilohorivka (Luhansk).", "Bilohorivka", "2023-06-01", "Luhansk Oblast"},
	})
}

// TestTownAbbreviation: the tracker's "Красногорівки(Авд)" is the
// Krasnohorivka by Avdiivka, not the Marinka town; "(М)" keeps the town.
func TestTownAbbreviation(t *testing.T) {
	for _, c := range []struct{ text, mention, on, id string }{
		{"Ворог має частковий успіх в Бахмуті та північніше Красногорівки(Авд).", "Красногорівки", "2023-11-01", "wof:1193129875"},
		{"Ворог просунувся південніше Степового та південніше Красногорівки (М).", "Красногорівки", "2023-11-01", "UA14160130020025938"},
	} {
		if got := placeIDOn(t, c.text, c.mention, c.on); got != c.id {
			t.Errorf("%q: %q → %q, want %s", c.text, c.mention, got, c.id)
		}
	}
}
