package translit_test

import (
	"fmt"

	"github.com/frontline-osint/frontline/translit"
)

func ExampleUkrainianNational() {
	for _, name := range []string{"Балаклія", "Куп'янськ", "Вовчий Яр", "Згорани", "ЖИТОМИР"} {
		fmt.Println(translit.UkrainianNational(name))
	}
	// Output:
	// Balakliia
	// Kupiansk
	// Vovchyi Yar
	// Zghorany
	// ZHYTOMYR
}

func ExampleUkrainianBGN1965() {
	fmt.Println(translit.UkrainianBGN1965("Куп'янськ"), translit.UkrainianBGN1965Plain("Куп'янськ"))
	fmt.Println(translit.UkrainianBGN1965("Київ"))
	// Output:
	// Kup”yans’k Kupyansk
	// Kyyiv
}

func ExampleRussianBGN() {
	for _, name := range []string{"Запорожье", "Киев", "Артёмовск"} {
		fmt.Println(translit.RussianBGN(name), translit.RussianSimple(name), translit.RussianPress(name))
	}
	// Output:
	// Zaporozh’ye Zaporozhye Zaporozhye
	// Kiyev Kiyev Kiev
	// Artëmovsk Artemovsk Artemovsk
}

func ExampleVariants() {
	fmt.Printf("%q\n", translit.Variants("Миколаїв", "Николаев"))
	// Output:
	// ["Mykolaiv" "Nikolaev" "Nikolayev" "Mykolayiv"]
}

func ExampleFold() {
	for _, name := range []string{"Balakliia", "Balakleya", "Балаклея", "Kup'jans'k", "Kiev", "Київ", "Balaklava"} {
		fmt.Printf("%-10s %s\n", name, translit.Fold(name))
	}
	// Output:
	// Balakliia  balaklia
	// Balakleya  balaklia
	// Балаклея   balaklia
	// Kup'jans'k kupiansk
	// Kiev       kiv
	// Київ       kiv
	// Balaklava  balaklava
}

func ExampleFoldLoose() {
	fmt.Println(translit.Fold("Zaporizhzhia"), translit.Fold("Zaporozhye"))
	fmt.Println(translit.FoldLoose("Zaporizhzhia"), translit.FoldLoose("Zaporozhye"))
	// Output:
	// zaporizhi zaporozhi
	// sprzh sprzh
}
