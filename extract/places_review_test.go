package extract_test

import "testing"

// TestOblastOverRussianNeighbours: an oblast named after a name, or in its
// sentence, or a Ukrainian oblast the text names, keeps the Ukrainian
// reading that the Russian-neighbour rules (a862019, f53321b) took for one
// in Russia, or for a place there the gazetteer lacks (review of claims10).
func TestOblastOverRussianNeighbours(t *testing.T) {
	const pysarivka = "UA59040030010059554"
	checkPlaceIDs(t, []placeIDCase{
		{"Shelling continued in the Sumy region. Drones attacked villages in the Belgorod region overnight, the governor said. The Graivoron district came under fire again. Shells hit Kozinka and Velyka Pysarivka, he wrote.", "Velyka Pysarivka", "2024-05-10", pysarivka, ""},
		{"Drones attacked villages in the Belgorod region overnight, the governor said. The Graivoron district came under fire again. Shells hit Kozinka and Velyka Pysarivka, Sumy region, he wrote.", "Velyka Pysarivka", "2024-05-10", pysarivka, ""},
		{"Drones attacked villages in the Belgorod region overnight. Shells hit Kozinka and Velyka Pysarivka, Sumy region, he wrote.", "Velyka Pysarivka", "2024-05-10", pysarivka, ""},
		{"Дроны атаковали села Белгородской области. Грайворонский район снова под обстрелом. Снаряды попали в Козинку и в Краснополье Сумской области.", "Краснополье", "2024-05-10", "UA59080090010070278", ""},
		{"Дроны атаковали Тёткино и Глушково, а россияне обстреляли Алексеевку Сумской области.", "Алексеевку", "2024-05-10", "UA59080290110068619", ""},
	})
}

// TestUnitStemBakhmut: "Bakhmut district" and "Бахмутського району" name
// one raion: the t of Бахмутський is no ц of Токмацька (review of
// claims10).
func TestUnitStemBakhmut(t *testing.T) {
	const lozove = "UA14020050090071406"
	checkPlaceIDs(t, []placeIDCase{
		{"A drone hit a house in Lozove, Bakhmut district.", "Lozove", "2023-05-10", lozove, ""},
		{"Дрон атакував будинок у Лозовому Бахмутського району.", "Лозовому", "2023-05-10", lozove, ""},
	})
}
