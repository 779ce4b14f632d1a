package extract_test

import (
	"testing"

	"github.com/frontline-osint/frontline"
)

const (
	krasnohorivka = "UA14160130020025938"
	donetsk       = "UA14080030010048113"
	pokrovsk      = "UA14160210010099403"
	selydove      = "UA14160230010080205"
	lymanPershyi  = "UA63080050220049198"
)

// TestNumbersLanguages: areas, distances, advances and shares in the three
// languages, with decimal commas, scale words, bounds, the place and
// reference of a distance, the country and the window (sentences written
// for the test).
func TestNumbersLanguages(t *testing.T) {
	e := testExtractor(t)
	type want struct {
		quote, kind, bound string
		value              float64
		place, ref, dir    string
		country            string
		refersTo           string
		side               frontline.Side
	}
	cases := []struct {
		text string
		want []want
	}{
		{"Російські війська окупували 31,75 кв. км біля Покровська.", []want{{quote: "31,75 кв. км", kind: "area", bound: "exact", value: 31.75}}},
		{"Армия России освободила более 76 квадратных километров в районе Гуляйполе.", []want{{quote: "более 76 квадратных километров", kind: "area", bound: "more_than", value: 76}}},
		{"Окупанти захопили 76 кв. км за тиждень.", []want{{quote: "76 кв. км", kind: "area", bound: "exact", value: 76, refersTo: "2024-10-18/2024-10-25"}}},
		{"З початку року ворог окупував понад 1,5 тис. км² української території.", []want{{quote: "понад 1,5 тис. км²", kind: "area", bound: "more_than", value: 1500, refersTo: "2024-01-01/2024-10-25"}}},
		{"С начала года армия освободила свыше 2 тыс. квадратных километров.", []want{{quote: "свыше 2 тыс. квадратных километров", kind: "area", bound: "more_than", value: 2000, refersTo: "2024-01-01/2024-10-25"}}},
		{"Сили оборони звільнили майже 12 кв. кілометрів.", []want{{quote: "майже 12 кв. кілометрів", kind: "area", bound: "about", value: 12}}},
		{"Ворог просунувся на 2 км поблизу Покровська.", []want{{quote: "2 км", kind: "advance", bound: "exact", value: 2}}},
		{"Российские войска продвинулись на глубину до 3 километров.", []want{{quote: "до 3 километров", kind: "advance", bound: "less_than", value: 3}}},
		{"Войска продвинулись вглубь обороны противника на 3 км.", []want{{quote: "3 км", kind: "advance", bound: "exact", value: 3}}},
		{"Село Лиман Перший розташоване за 8 кілометрів від Куп'янська.", []want{{quote: "8 кілометрів", kind: "distance", bound: "exact", value: 8, place: lymanPershyi, ref: kupiansk}}},
		{"Красногоровка находится в 20 км к западу от Донецка.", []want{{quote: "20 км", kind: "distance", bound: "exact", value: 20, dir: "west"}}},
		{"Krasnohorivka, a town of 16,000 people before the war, lies 20 kilometers west of Donetsk.", []want{
			{quote: "20 kilometers", kind: "distance", bound: "exact", value: 20, place: krasnohorivka, ref: donetsk, dir: "west"}}},
		{"Ukrainian forces were less than 20 kilometers from Donetsk.", []want{{quote: "less than 20 kilometers", kind: "distance", bound: "less_than", value: 20, ref: donetsk}}},
		{"Ukrainian forces now control 1,150 square km in Russia's Kursk region, Syrskyi said.", []want{
			{quote: "1,150 square km", kind: "area", bound: "exact", value: 1150, country: "RU", side: frontline.SideUkraine}}},
		{"Сили оборони утримують близько 1 300 кв. км у Курській області.", []want{{quote: "близько 1 300 кв. км", kind: "area", bound: "about", value: 1300, country: "RU"}}},
		{"Russian forces control 70 per cent of Pokrovsk, the agency said.", []want{{quote: "70 per cent", kind: "share", bound: "exact", value: 70, place: pokrovsk, side: frontline.SideRussia}}},
		{"В настоящее время армия России контролирует около 80 процентов Селидово.", []want{{quote: "около 80 процентов", kind: "share", bound: "about", value: 80, place: selydove}}},
		{"Turnout was 70 per cent, officials said.", nil},
		{"The Ukrainian army retook 1,150 km² in a week.", []want{{quote: "1,150 km²", kind: "area", bound: "exact", value: 1150, refersTo: "2024-10-18/2024-10-25", side: frontline.SideUkraine}}},
		{"From Oct. 1 to Oct. 9 the army liberated 1,381 square kilometers, the ministry said on Friday.", []want{
			{quote: "1,381 square kilometers", kind: "area", bound: "exact", value: 1381, refersTo: "2024-10-01/2024-10-09"}}},
		{"За минулу добу ворог здійснив 37 атак, втрати становлять 1 240 військовослужбовців.", []want{{quote: "1 240 військовослужбовців", kind: "troops", bound: "exact", value: 1240}}},
		{"Бойцы отразили 5 атак в районе Работино.", nil},
	}
	for _, c := range cases {
		x, err := e.Extract(c.text, day("2024-10-25"))
		if err != nil {
			t.Fatal(err)
		}
		if len(x.Numbers) != len(c.want) {
			t.Errorf("%q: %d numbers, want %d: %+v", c.text, len(x.Numbers), len(c.want), x.Numbers)
			continue
		}
		for i, w := range c.want {
			n := x.Numbers[i]
			if n.Quote != w.quote || c.text[n.Start:n.End] != n.Quote || n.Kind != w.kind || n.Bound != w.bound || n.Value != w.value {
				t.Errorf("%q: %q %s %s %v, want %q %s %s %v", c.text, n.Quote, n.Kind, n.Bound, n.Value, w.quote, w.kind, w.bound, w.value)
			}
			if w.place != "" && n.PlaceID != w.place || w.ref != "" && n.ReferenceID != w.ref || n.Direction != w.dir {
				t.Errorf("%q: place %s ref %s dir %q, want %s %s %q", c.text, n.PlaceID, n.ReferenceID, n.Direction, w.place, w.ref, w.dir)
			}
			if n.Country != w.country || w.side != "" && n.Side != w.side {
				t.Errorf("%q: country %q side %q, want %q %q", c.text, n.Country, n.Side, w.country, w.side)
			}
			if w.refersTo != "" && n.RefersTo != w.refersTo {
				t.Errorf("%q: refers to %s, want %s", c.text, n.RefersTo, w.refersTo)
			}
		}
	}
}

// FuzzNumbers: any UTF-8 text is read without a panic; every number's
// quote is its span of the text.
func FuzzNumbers(f *testing.F) {
	for _, s := range []string{"31,75 кв. км", "понад 1,5 тис. км²", "від 10 до 20 км на захід від Донецька", "1 150 км² у Курській області",
		"70 per cent of Pokrovsk", "80%", "12,345,678 км", "1,2,3 кв. км", "9999999999999999999999 км²", "на 5 км вглиб", "\u00a0 км"} {
		f.Add(s)
	}
	e := testExtractor(f)
	f.Fuzz(func(t *testing.T, s string) {
		x, err := e.Extract(s, day("2024-10-25"))
		if err != nil {
			return // invalid UTF-8, refused with a reason
		}
		for _, n := range x.Numbers {
			if n.Start < 0 || n.End > len(s) || s[n.Start:n.End] != n.Quote {
				t.Fatalf("quote %q at %d-%d", n.Quote, n.Start, n.End)
			}
		}
	})
}
