package extract_test

import (
	"strings"
	"testing"

	"github.com/frontline-osint/frontline"
)

// placeOn is the resolved place of the first mention written as name in
// text published on day: its Latin name and oblast, found false when the
// name is not read as a place.
func placeOn(t *testing.T, text, name, on string) (placeName, oblast string, found bool) {
	t.Helper()
	p, found := mentionOn(t, text, name, on)
	return p.Name, p.Oblast, found
}

// mentionOn is the place the first mention written as name in text
// published on day is read as, found false when it is not read as one.
func mentionOn(t *testing.T, text, name, on string) (p frontline.MentionPlace, found bool) {
	t.Helper()
	x, err := testExtractor(t).Extract(text, day(on))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range x.Places {
		if m.Mention == name {
			return m.Place, true
		}
	}
	return p, false
}

// oblastCase is a mention in a text published on a day, and the oblast of
// the place it must be read as.
type oblastCase struct{ text, mention, on, oblast string }

// checkOblasts checks that each case's mention is read as a place of its
// oblast.
func checkOblasts(t *testing.T, cases []oblastCase) {
	t.Helper()
	for _, c := range cases {
		name, oblast, ok := placeOn(t, c.text, c.mention, c.on)
		if !ok || oblast != c.oblast {
			t.Errorf("%q: %q → %s (%s, read %v), want a place of %s", c.text, c.mention, name, oblast, ok, c.oblast)
		}
	}
}

// TestFrontVillageOverCity: a large city 10 km or more behind the front
// does not take the name of a village on the front line of the text's
// day when another place of the text lies beside the village (the
// tracker's Luhansk Makiivka by Stelmakhivka, 2024); the city keeps it
// alone or among its own neighbours.
func TestFrontVillageOverCity(t *testing.T) {
	checkOblasts(t, []oblastCase{
		{"Ворог просунувся біля Стельмахівки, Макіївки, Євгенівки та Невельського.", "Макіївки", "2024-07-01", "Luhansk Oblast"},
		{"The enemy advanced near Stelmakhivka and Makiivka.", "Makiivka", "2024-07-01", "Luhansk Oblast"},
		{"Вибухи пролунали в Макіївці.", "Макіївці", "2024-07-01", "Donetsk Oblast"},
		{"Explosions were heard in Donetsk and Makiivka.", "Makiivka", "2024-07-01", "Donetsk Oblast"},
	})
}

// TestLonelyFarReading: a village or small town far behind every front
// of the day with no other place of the text near it is not read
// (the Poltava-oblast Storozhove for the tracker's Сторожеве, the
// Chernihiv village Москалі for the word); with its oblast or a
// neighbour named it is.
func TestLonelyFarReading(t *testing.T) {
	for _, c := range []struct{ text, mention, on string }{
		{"Ворог окупував Новооленівку та Сторожове.", "Сторожове", "2024-12-24"},
		{"Enemy removed from Storozhove and Makarivka.", "Storozhove", "2023-06-11"},
		{"Ворог мав частковий успіх біля Майорського.", "Майорського", "2022-08-10"},
	} {
		if name, oblast, ok := placeOn(t, c.text, c.mention, c.on); ok && oblast != "Donetsk Oblast" {
			t.Errorf("%q: %q read as %s (%s), far from the front and from the text's other places", c.text, c.mention, name, oblast)
		}
	}
	for _, c := range []struct{ text, mention, on, want string }{
		{"Дрон влучив у будинок у селі Сторожове на Полтавщині.", "Сторожове", "2024-12-24", "Storozhove"},
		{"Дрони атакували Полтаву та Сторожове.", "Сторожове", "2024-12-24", "Storozhove"},
		{"Ворог атакував Покровськ.", "Покровськ", "2024-12-24", "Pokrovsk"},
		{"Ракета влучила в Умань.", "Умань", "2024-12-24", "Uman"},
	} {
		if name, _, ok := placeOn(t, c.text, c.mention, c.on); !ok || name != c.want {
			t.Errorf("%q: %q → %q (read %v), want %s", c.text, c.mention, name, ok, c.want)
		}
	}
}

// TestDirectionSettlesNoHomonym: an oblast named as a direction of the
// front is a sector that may reach into the next oblast; it does not pick
// the homonym of that oblast as an oblast in the sentence does
// (Urozhaine by Staromaiorske is of Donetsk oblast).
func TestDirectionSettlesNoHomonym(t *testing.T) {
	checkOblasts(t, []oblastCase{
		{"Сили оборони звільнили три населені пункти на Запорізькому напрямку: Роботине, Урожайне та Старомайорське.", "Урожайне", "2023-08-28", "Donetsk Oblast"},
		{"КИЇВ, 28 серпня. Сили оборони звільнили три населені пункти на Запорізькому напрямку: Роботине, Урожайне та Старомайорське, повідомили в Генштабі.", "Урожайне", "2023-08-28", "Donetsk Oblast"},
		{"На Запорізькому напрямку ворог атакував біля Урожайного та Старомайорського.", "Урожайного", "2023-08-28", "Donetsk Oblast"},
		{"Бої тривають біля Урожайного Запорізької області.", "Урожайного", "2023-08-28", "Zaporizhzhia Oblast"},
	})
}

// TestPeoplesRepublic: "Донецкой Народной Республики" is one region
// mention; its last word is not the village Республіка.
func TestPeoplesRepublic(t *testing.T) {
	for _, text := range []string{
		"Подразделения группировки войск «Центр» освободили населенный пункт Новогродовка Донецкой Народной Республики.",
		"Бої тривають у Луганській Народній Республіці, повідомив Пушилін.",
	} {
		x, err := testExtractor(t).Extract(text, day("2024-09-04"))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range x.Places {
			if strings.Contains(m.Mention, "Республ") && m.Kind != "oblast" {
				t.Errorf("%q: %q read as %s %s (%s)", text, m.Mention, m.Kind, m.Place.Name, m.Place.Oblast)
			}
		}
	}
}
