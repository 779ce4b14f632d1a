package extract_test

import (
	"strings"
	"testing"
)

// placeOf is the resolved place of the first mention written as name.
func placeOf(t *testing.T, text, name string) (id, placeName, country string, found bool) {
	t.Helper()
	x, err := testExtractor(t).Extract(text, day("2024-08-20"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range x.Places {
		if m.Mention == name {
			return m.Place.ID, m.Place.Name, m.Place.Country, true
		}
	}
	return "", "", "", false
}

// TestInflectedNames: Ukrainian and Russian names in the case the
// sentence needs resolve to the place.
func TestInflectedNames(t *testing.T) {
	for _, c := range []struct{ text, mention, want string }{
		{"Росіяни наступають на околицях Покровська.", "Покровська", "Pokrovsk"},
		{"Бої тривають у Покровську.", "Покровську", "Pokrovsk"},
		{"Войска продвинулись западнее Авдеевки.", "Авдеевки", "Avdiivka"},
		{"Противник атаковал позиции под Авдеевкой.", "Авдеевкой", "Avdiivka"},
		{"ЗСУ вийшли з Вугледара.", "Вугледара", "Vuhledar"},
		{"Бої точаться поблизу Куп'янська.", "Куп'янська", "Kupiansk"},
		{"Бої точаться поблизу Куп’янська.", "Куп’янська", "Kupiansk"},
		{"Ситуація біля Великої Новосілки складна.", "Великої Новосілки", "Velyka Novosilka"},
		// Both parts of a hyphenated name carry the case.
		{"Ворог просунувся біля Куп'янська-Вузлового.", "Куп'янська-Вузлового", "Kupiansk-Vuzlovyi"},
		// The short form of an adjectival name near the front (the
		// tracker's Старомайорськ, Russian Старомайорск).
		{"Ворог просунувся біля Старомайорська.", "Старомайорська", "Staromaiorske"},
		{"Бои идут у Старомайорска.", "Старомайорска", "Staromaiorske"},
		{"Оборона Часового Яру триває.", "Часового Яру", "Chasiv Yar"},
		{"Ворог атакував поблизу Кураховому.", "Кураховому", "Kurakhove"},
		{"Бои идут в районе Гуляйполя.", "Гуляйполя", "Huliaipole"},
		{"Штурм Ямполя продовжується, під Ямполем бої.", "Ямполя", "Yampil"},
		{"Вести из Hryhorivkа: all calm.", "Hryhorivkа", "Hryhorivka"},
		{"БОЇ ЗА ПОКРОВСЬК ТРИВАЮТЬ.", "ПОКРОВСЬК", "Pokrovsk"},
		{"Бої точаться поблизу Куп&#39;янська.", "Куп&#39;янська", "Kupiansk"},
		{"Бої точаться поблизу Купʼянська.", "Купʼянська", "Kupiansk"},
		{"Бої точаться поблизу Куп`янська.", "Куп`янська", "Kupiansk"},
		{"Бої біля Покровcька (Latin c).", "Покровcька", "Pokrovsk"},
		// A form that is a far town's name and a front village's case:
		// the village at the front (the text's day: 2024-08-20).
		{"Ворог просунувся біля Бердичів.", "Бердичів", "Berdychi"},
		{"Ворог просунувся в Богданівці.", "Богданівці", "Bohdanivka"},
		{"Ракети вдарили по Бердичеву.", "Бердичеву", "Berdychiv"},
		// A town named like an adjective, after a preposition of place.
		{"Ворог просунувся в Українську та біля Гірника.", "Українську", "Ukrainsk"},
		{"Ворог просунувся в Північному та біля Торецька.", "Північному", "Pivnichne"},
		// A neuter noun name in -ище.
		{"Наступ триває біля Гатища.", "Гатища", "Hatyshche"},
		{"Бої точаться у Гатищі.", "Гатищі", "Hatyshche"},
		// A fleeting о (Козачок, Козачку; Студенок, Студенка).
		{"Бої у Сотницькому Козачку.", "Сотницькому Козачку", "Sotnytskyi Kozachok"},
		{"Ворог атакував біля Студенка.", "Студенка", "Studenok"},
		// … or in a list after another place.
		{"Ворог просунувся біля Нью-Йорку та Українську.", "Українську", "Ukrainsk"},
		{"Бої біля Марфополя, Українська, Покровська.", "Українська", "Ukrainsk"},
		// The -у of a neuter name in -о; a Russian possessive in -ым.
		{"Ворог просунувся в Кураховому та Шевченку.", "Шевченку", "Shevchenko"},
		{"Бои идут под Часовым Яром.", "Часовым Яром", "Chasiv Yar"},
		// Two words the other way round.
		{"Ворог просунувся біля Новоселівки Степової.", "Новоселівки Степової", "Stepova Novoselivka"},
		{"The enemy advanced near Pershyi Lyman.", "Pershyi Lyman", "Lyman Pershyi"},
		// The tracker's "the district X": the area of the village.
		{"The enemy failed to gain a foothold on east of Bohdanivka, the district Khromove and Spirne.", "Khromove", "Khromove"},
		// After "мікрорайон", a city in the genitive is the town.
		{"79-й мікрорайон Сєвєродонецька окуповано.", "Сєвєродонецька", "Siverskodonetsk"},
		// A loose spelling after a preposition, near the front of the day.
		{"Противник отступил от Работино.", "Работино", "Robotyne"},
		// A line in capitals: the names in it are read, acronyms not.
		{"RUSSIAN FORCES CAPTURED KUPIANSK.", "KUPIANSK", "Kupiansk"},
		{"BREAKING: UKRAINIAN TROOPS LIBERATE KUP'YANSK AND IZIUM", "KUP'YANSK", "Kupiansk"},
		{"BREAKING: UKRAINIAN TROOPS LIBERATE KUP'YANSK AND IZIUM", "IZIUM", "Izium"},
		{"Russia’s MoD says it took Kupiansk; Ukraine says KUPIANSK IS OURS.", "KUPIANSK", "Kupiansk"},
	} {
		_, name, _, ok := placeOf(t, c.text, c.mention)
		if !ok || name != c.want {
			t.Errorf("%q: %q → %q (found %v), want %s", c.text, c.mention, name, ok, c.want)
		}
	}
}

// TestPlaceTraps: words, persons, groupings and rivers are not villages.
func TestPlaceTraps(t *testing.T) {
	for _, c := range []struct{ text, word string }{
		{"Головнокомандувач ЗСУ генерал Залужний заявив про успіхи.", "Залужний"},
		{"Валерій Залужний заявив, що ситуація складна.", "Залужний"},
		{"«Слава героям», — відповів він.", "Слава"},
		{"Підрозділи Сил оборони тримають позиції.", "Сил"},
		{"Речник угруповання «Таврія» повідомив про бої.", "Таврія"},
		{"Командование группировки «Восток» доложило об успехах.", "Восток"},
		{"Войска группировки «Запад» продвинулись.", "Запад"},
		{"Росіяни намагаються закріпитися на лівому березі Дніпра.", "Дніпра"},
		{"The human losses are heavy.", "human"},
		{"Владимир Рогов сообщил о боях. Рогов добавил, что бои идут.", "Рогов"},
		{"Russian forces took Novaya Sorochina in Kursk region.", "Novaya"},
		// An adjectival surname in another case; a name after "за
		// словами"; a common noun opening a sentence.
		{"Валерій Залужний заявив про бої. За словами Залужного, ворог знищив Мар'їнку.", "Залужного"},
		{"За словами Сирського, ситуація складна.", "Сирського"},
		{"Бійці 3-ї окремої штурмової бригади звільнили Андріївку.", "Бійці"},
		{"Zaluzhnyi said the troops hold the outskirts of Marinka.", "Zaluzhnyi"},
		{"Про це пише Українська правда.", "Українська"},
		{"Ракети вдарили по Бердичеву.", "Ракети"},
		{"Росіяни намагаються форсувати Дніпро.", "Дніпро"},
		{"На лівобережжі Дніпра тривають бої.", "Дніпра"},
		{"Наші воїни з 93 ОМБр «Холодний Яр» відбили атаку.", "Яр"},
		{"Підрозділи «Вовки Да Вінчі» тримають позиції.", "Вовки"},
		{"Ukrainian marines held a foothold near the Antonivskyi Bridge.", "Antonivskyi"},
		{"Бої на Північному Донбасі тривають.", "Північному"},
	} {
		if id, name, _, ok := placeOf(t, c.text, c.word); ok {
			t.Errorf("%q: %q read as a place %s %s", c.text, c.word, id, name)
		}
	}
}

// TestDirections: "the X direction" names the place as a direction.
func TestDirections(t *testing.T) {
	for _, c := range []struct{ text, mention, want string }{
		{"На Покровському напрямку ворог атакував 37 разів.", "Покровському", "Pokrovsk"},
		{"На Покровском направлении идут бои.", "Покровском", "Pokrovsk"},
		{"На покровському напрямку ворог атакував.", "покровському", "Pokrovsk"},
		{"Russian forces attacked in the Kupiansk direction.", "Kupiansk", "Kupiansk"},
		// The town a direction is named after, not a village of the
		// adjective's other reading, nor a city far from the front; a
		// direction word cut short by the store.
		{"На Гуляйпільському напрямку ворог атакував Дорожнянку.", "Гуляйпільському", "Huliaipole"},
		{"На Новопавлівському напрямку Сили оборони зупинили 12 атак.", "Новопавлівському", "Novopavlivka"},
		{"На Олександрівському напрямку ворог атакував у районах Січневого та Соснівки.", "Олександрівському", "Oleksandrivka"},
		{"Зазначається, що на Покровському напря", "Покровському", "Pokrovsk"},
		// Lyman, Красный Лиман until 2016, not the village of that name
		// on the Pokrovsk front.
		{"На краснолиманском направлении подразделения продвинулись.", "краснолиманском", "Lyman"},
	} {
		x, err := testExtractor(t).Extract(c.text, day("2025-08-14"))
		if err != nil {
			t.Fatal(err)
		}
		ok := false
		for _, m := range x.Places {
			if m.Mention == c.mention {
				ok = m.Place.Name == c.want && m.Direction
				if !ok {
					t.Errorf("%q: %q → %s direction=%v", c.text, c.mention, m.Place.Name, m.Direction)
				}
			}
		}
		if !ok {
			t.Errorf("%q: no direction mention %q (%+v)", c.text, c.mention, x.Places)
		}
	}
}

// TestRussianContext: a sentence naming a Russian oblast puts the places
// it names in Russia, unless one is a Ukrainian town.
func TestRussianContext(t *testing.T) {
	text := "Ukrainian forces advanced in Kursk region and took Pogrebki. Russian troops shelled Sumy."
	_, _, country, ok := placeOf(t, text, "Pogrebki")
	if !ok || country != "RU" {
		t.Errorf("Pogrebki: found %v country %q, want a place in Russia", ok, country)
	}
	x, err := testExtractor(t).Extract(text, day("2024-08-20"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range x.Places {
		switch {
		case strings.HasPrefix(m.Mention, "Kursk"):
			if m.Place.Country != "RU" || m.Place.Kind != "oblast" {
				t.Errorf("Kursk region → %+v", m.Place)
			}
		case m.Mention == "Sumy":
			if m.Place.Country != "" {
				t.Errorf("Sumy → %+v", m.Place)
			}
		}
	}
	for _, c := range []struct{ text, mention string }{
		{"ЗСУ просунулися в Курській області, звільнивши Погрібки.", "Погрібки"},
		{"На Курщині ЗСУ зайшли в Погрібки.", "Погрібки"},
		{"ВСУ атаковали Погребки в Курской области.", "Погребки"},
	} {
		_, _, country, ok := placeOf(t, c.text, c.mention)
		if ok && country != "RU" {
			t.Errorf("%q: %s resolved in Ukraine", c.text, c.mention)
		}
	}
	_, name, country, ok := placeOf(t, "Russian forces shelled Gorlovka, far from Kursk region.", "Gorlovka")
	if !ok || name != "Horlivka" || country != "" {
		t.Errorf("Gorlovka → %q %q (found %v), want Horlivka in Ukraine", name, country, ok)
	}
}

// TestSentenceOblast: an oblast the sentence names settles a homonym in
// it; a parenthesis after one name qualifies that name only.
func TestSentenceOblast(t *testing.T) {
	for _, c := range []struct{ text, mention, wantOblast string }{
		{"Враг пытался продвинуться в районах Урожайного на территории ДНР.", "Урожайного", "Donetsk Oblast"},
		{"Ворог атакував біля Урожайного на Херсонщині.", "Урожайного", "Kherson Oblast"},
		// A reading already in the sentence's oblast keeps it against a
		// big city of another oblast.
		{"Ворог повернув контроль над Макіївкою та Нововодяним на Луганщині.", "Макіївкою", "Luhansk Oblast"},
	} {
		x, err := testExtractor(t).Extract(c.text, day("2023-07-18"))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range x.Places {
			if m.Mention == c.mention {
				found = true
				if m.Place.Oblast != c.wantOblast {
					t.Errorf("%q: %s → %s (%s), want %s", c.text, c.mention, m.Place.Name, m.Place.Oblast, c.wantOblast)
				}
			}
		}
		if !found {
			t.Errorf("%q: %s not found", c.text, c.mention)
		}
	}
}

// TestOtherSpellingOfCentre: a site or a region after another spelling of
// its city ("Zaporozhye") is the site or the oblast, not the city.
func TestOtherSpellingOfCentre(t *testing.T) {
	for _, c := range []struct{ text, mention, wantID string }{
		{"The Zaporozhye Nuclear Power Plant lost power.", "Zaporozhye Nuclear Power Plant", "site:zaporizhzhia-npp"},
		{"Grossi visited the Zaporozhye nuclear power plant.", "Zaporozhye nuclear power plant", "site:zaporizhzhia-npp"},
		{"Energodar is located in the Zaporozhye Region.", "Zaporozhye Region", "UA23000000000064947"},
		{"Fighting in the Kharkov region.", "Kharkov region", "UA63000000000041885"},
	} {
		id, name, _, ok := placeOf(t, c.text, c.mention)
		if !ok || id != c.wantID {
			t.Errorf("%q: %q → %s %s (found %v), want %s", c.text, c.mention, id, name, ok, c.wantID)
		}
	}
}

// TestHyphenPairs: "X-Y" that is no name of its own names the villages X
// and Y, unless it is a road, a border or a direction.
func TestHyphenPairs(t *testing.T) {
	for _, c := range []struct {
		text  string
		want  []string // mention → place name, in order
		nopes []string // mentions that must not be places
	}{
		{"Ворог просунувся біля Берхівки-Ягідного.", []string{"Берхівки", "Berkhivka", "Ягідного", "Yahidne"}, nil},
		{"The enemy advanced near Berkhivka-Yahidne.", []string{"Berkhivka", "Berkhivka", "Yahidne", "Yahidne"}, nil},
		{"Бої на трасі Бахмут-Костянтинівка.", nil, []string{"Бахмут", "Костянтинівка"}},
		{"Advances along the Kharkiv-Luhansk Oblast border.", nil, []string{"Kharkiv", "Luhansk"}},
	} {
		x, err := testExtractor(t).Extract(c.text, day("2023-05-20"))
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, m := range x.Places {
			got[m.Mention] = m.Place.Name
		}
		for k := 0; k+1 < len(c.want); k += 2 {
			if got[c.want[k]] != c.want[k+1] {
				t.Errorf("%q: %q → %q, want %q (%v)", c.text, c.want[k], got[c.want[k]], c.want[k+1], got)
			}
		}
		for _, n := range c.nopes {
			if p, ok := got[n]; ok {
				t.Errorf("%q: %q read as %s", c.text, n, p)
			}
		}
	}
}

// TestFrontAlternates: a village's other name written in Latin letters
// (Novozhelanne, Who's On First's name of Завітне) is read near the front
// of the text's day.
func TestFrontAlternates(t *testing.T) {
	x, err := testExtractor(t).Extract("Russia's defence ministry said its forces had captured Novozhelanne.", day("2024-08-30"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range x.Places {
		if m.Mention == "Novozhelanne" {
			if m.Place.ID != "UA14160170050042011" {
				t.Errorf("Novozhelanne → %s %s", m.Place.ID, m.Place.Name)
			}
			return
		}
	}
	t.Errorf("Novozhelanne not read: %+v", x.Places)
}

// TestPartialFarVillage: a word of a longer name the gazetteer lacks is
// not read as a village of that word far from every front.
func TestPartialFarVillage(t *testing.T) {
	x, err := testExtractor(t).Extract("Ukrainian forces liberated Ridkodub and Koroviya Yar.", day("2022-09-27"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range x.Places {
		if m.Mention == "Koroviya" {
			t.Errorf("Koroviya of Koroviya Yar read as %s %s", m.Place.ID, m.Place.Name)
		}
	}
}

// TestListedAdjectiveWords: a town named like an adjective is read in a
// list only after a place, not after another word.
func TestListedAdjectiveWords(t *testing.T) {
	for _, text := range []string{"Росія і Українська держава домовились.", "Пише Українська правда."} {
		if id, name, _, ok := placeOf(t, text, "Українська"); ok {
			t.Errorf("%q: Українська read as %s %s", text, id, name)
		}
	}
}
