package extract_test

import "testing"

// TestSibilantSpelling: the tracker's "Сторожове" / "Storozhove" (o for e
// after a sibilant) is Сторожеве of Donetsk oblast, on the front of the
// text's day, not the Сторожове of Poltava oblast far behind it; a text that
// names Poltava oblast keeps that one (places6).
func TestSibilantSpelling(t *testing.T) {
	checkOblasts(t, []oblastCase{
		{"Ворог захопив Сторожове та просунувся біля Макарівки.", "Сторожове", "2024-12-20", "Donetsk Oblast"},
		{"Сили оборони відкинули ворога від Сторожового.", "Сторожового", "2023-06-12", "Donetsk Oblast"},
		{"The enemy was pushed back from Storozhove.", "Storozhove", "2023-06-12", "Donetsk Oblast"},
		{"У Сторожовому на Полтавщині відкрили школу.", "Сторожовому", "2023-06-12", "Poltava Oblast"},
	})
}
