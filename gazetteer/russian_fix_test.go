package gazetteer

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestRussianNamesReview (rufix): the shipped Russian names the last
// review found wrong (docs/CLAIMS.md, "A known regression in the shipped
// Russian names"), all of the tuning half (even last digit):
//
//   - a source's translation dropped as "unrelated" (Відродження,
//     Возрождение; Міжріччя, Междуречье; Залізничне, Железнодорожное);
//   - a stem's form first over the ending's (Таврійське, Таврейское;
//     Комісарівка, Камиссаровка; Довге, Долге; Солодка Балка, Сладка
//     Балка);
//   - learned forms no Russian name has (Городнэ, Новое Мосто, Шелковая
//     Протокая, Великая Ростокая).
func TestRussianNamesReview(t *testing.T) {
	b, _ := buildFromShared(t)
	byID := map[string]string{}
	for _, p := range b.Places {
		byID[p.ID] = p.NameRU
	}
	for _, c := range []struct{ id, uk, want string }{
		{"UA01180190020035578", "Відродження", "Возрождение"},
		{"UA12140170030045990", "Відродження", "Возрождение"}, // no source's name: the pairs' word
		{"UA01180330010093684", "Міжріччя", "Междуречье"},
		{"UA01020170010043902", "Залізничне", "Железнодорожное"},
		{"UA12040070040036488", "Комісарівка", "Комиссаровка"},
		{"UA12140070080082220", "Довге", "Долгое"},
		{"UA23100270190087978", "Солодка Балка", "Сладкая Балка"},
		{"UA23060090080083276", "Жовта Круча", "Желтая Круча"},
		{"UA44060030300058598", "Шовкова Протока", "Шелковая Протока"},
		{"UA21120130030092460", "Велика Розтока", "Великая Ростока"},
	} {
		if got := byID[c.id]; got != c.want {
			t.Errorf("%s %s: Russian name %q, want %q", c.id, c.uk, got, c.want)
		}
	}
	for _, c := range []struct{ id, uk, not string }{
		{"UA44020010190096536", "Городнє", "нэ"},
		{"UA46080050230048850", "Нове Місто", "Мосто"},
		// The stem -ійськ- as -ейск- no longer comes first; the pairs'
		// word (Таврическое, one Crimean village's) does, Таврийское after.
		{"UA65020210100075180", "Таврійське", "Таврейское"},
		{"UA65040010680099032", "Таврійське", "Таврейское"},
	} {
		if got := byID[c.id]; got == "" || strings.Contains(got, c.not) {
			t.Errorf("%s %s: Russian name %q, want one without %q", c.id, c.uk, got, c.not)
		}
	}
}

// TestRuTranslation (rufix): a source's name that translates the
// Ukrainian one word for word is the settlement's; a former name,
// another place's or a word is not.
func TestRuTranslation(t *testing.T) {
	for _, c := range []struct {
		uk, ru string
		want   bool
	}{
		{"Відродження", "Возрождение", true},
		{"Міжріччя", "Междуречье", true},
		{"Залізничне", "Железнодорожное", true},
		{"Південне", "Южное", true},
		{"Перемога", "Победа", true},
		{"Червоний Яр", "Красный Яр", true},
		{"Велика Лепетиха", "Большая Лепетиха", true},
		{"Голуба Затока", "Голубой Залив", true},
		{"Зелений Гай", "Зеленый Гай", false}, // spelt, not translated
		{"Гай", "Сено", false},
		{"Сміле", "Улыбка", false},
		{"Могилівка", "Лунка", false},
		{"Мангуш", "Першотравневое", false},
		{"Південне", "Южная железная дорога", false},
		{"Червоне", "Червонное казачество", false},
		{"Південне", "Южне", false}, // the Ukrainian word (Pivdenne's Ukrainian name before 2016)
		{"Велика Лепетиха", "Большая", false},
		{"Перемога", "Победоносцево", false},
	} {
		if got := ruTranslation(c.uk, c.ru); got != c.want {
			t.Errorf("ruTranslation(%s, %s) = %v, want %v", c.uk, c.ru, got, c.want)
		}
		if got := ruPlausible(c.uk, c.ru); got != (c.want || !ruUnrelated(c.uk, c.ru)) {
			t.Errorf("ruPlausible(%s, %s) = %v", c.uk, c.ru, got)
		}
	}
}

// TestRussianNamesSinceRuforms3 (rufix) compares the settlements' Russian
// names the build gives with those shipped at a172cda (before ruforms3,
// `git show a172cda:gazetteer/data/places.tsv.gz`) and counts the changed
// ones by class and half; the examples it prints are of the tuning half
// only. A source's name that is the settlement's (ruPlausible: spelt or
// translated; not the Ukrainian spelling, not abbreviated) replaced by a
// rule's form is an error: ruforms3 did so to Возрождение (Відродження),
// Междуречье (Міжріччя), Железнодорожное (Залізничне).
func TestRussianNamesSinceRuforms3(t *testing.T) {
	const base = "a172cda"
	gz, err := exec.Command("git", "show", base+":gazetteer/data/places.tsv.gz").Output()
	if err != nil {
		t.Skipf("git show %s: %v", base, err)
	}
	old, err := decodeGzip(base, gz)
	if err != nil {
		t.Fatal(err)
	}
	oldRU := map[string]string{}
	for _, p := range old {
		if p.KATOTTG != "" {
			oldRU[p.ID] = p.NameRU
		}
	}
	b, _ := buildFromShared(t)
	type key struct{ class, half string }
	counts := map[key]int{}
	examples := map[string][]string{}
	among := func(names []string, s string) bool {
		return s != "" && slices.ContainsFunc(names, func(n string) bool { return joinKey(n) == joinKey(s) })
	}
	var regressions []string
	for _, p := range b.Places {
		was, ok := oldRU[p.ID]
		src, built := b.ruSources[p.ID]
		if !ok || !built || was == p.NameRU {
			continue
		}
		var class string
		switch {
		case p.NameRU == "":
			class = "no Russian name now"
		case was == "":
			class = "a Russian name now (" + src.from + ")"
		case among(src.names, p.NameRU) && among(src.names, was):
			class = "another of the sources' names"
		case among(src.names, p.NameRU):
			class = "a source's name now (was a rule's form)"
		case among(src.names, was):
			class = "a source's name replaced by a rule's form"
		default:
			class = "a rule's form changed"
		}
		half := "held"
		if tune := p.ID[len(p.ID)-1]%2 == 0; tune {
			half = "tune"
			if len(examples[class]) < 12 {
				examples[class] = append(examples[class], p.NameUK+": "+was+" → "+p.NameRU)
			}
		}
		counts[key{class, half}]++
		if class == "a source's name replaced by a rule's form" && ruPlausible(p.NameUK, was) &&
			!ukrainianSpelling(p.NameUK, was) && !strings.Contains(was, ".") {
			counts[key{"of them the settlement's name (ruPlausible)", half}]++
			if half == "tune" {
				regressions = append(regressions, p.ID+" "+p.NameUK+": "+was+" → "+p.NameRU)
			}
		}
	}
	var classes []string
	for k := range counts {
		if !slices.Contains(classes, k.class) {
			classes = append(classes, k.class)
		}
	}
	slices.Sort(classes)
	for _, c := range classes {
		t.Logf("%-55s tuning %4d, held-out %4d  %s", c, counts[key{c, "tune"}], counts[key{c, "held"}], strings.Join(examples[c], "; "))
	}
	if n := counts[key{"of them the settlement's name (ruPlausible)", "tune"}] + counts[key{"of them the settlement's name (ruPlausible)", "held"}]; n > 0 {
		t.Errorf("%d sources' names that are the settlement's replaced by a rule's form; tuning: %s", n, strings.Join(regressions, "; "))
	}
}

// TestStemOnForm (rufix): a further stem changes the stem's letters of the
// name's best form and keeps its ending (Довге, Довгое: Долгое; before,
// the stem's form went through the rules again: Долге).
func TestStemOnForm(t *testing.T) {
	for _, c := range []struct{ uk, form, stemUK, stemRU, want string }{
		{"Довге", "Довгое", "довг", "долг", "Долгое"},
		{"Комісарівка", "Комосаровка", "комісар", "комиссар", "Комиссаровка"},
		{"Солодка Балка", "Солодкая Балка", "солодк", "сладк", "Сладкая Балка"},
		{"Жовта Круча", "Жовтая Круча", "жовт", "желт", "Желтая Круча"},
		{"Побузьке", "Побузкое", "бузьк", "бугск", "Побугское"},
		{"Велика Довжанка", "Великая Довжанка", "довж", "долж", "Великая Должанка"},
		{"Довге", "Длинное Село", "довг", "долг", ""}, // another word count
	} {
		i := strings.Index(strings.ToLower(c.uk), c.stemUK)
		if got := stemOnForm(c.uk, c.form, lexMatch{at: i, uk: c.stemUK, ru: c.stemRU}); got != c.want {
			t.Errorf("stemOnForm(%s, %s, %s) = %q, want %q", c.uk, c.form, c.stemUK, got, c.want)
		}
	}
}
