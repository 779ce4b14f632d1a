package extract

// Ukraine's military spokespeople and bodies as English text names them
// ("Oleksandr Shtupun … denied it", "Andrii Kovalenko, the head of the
// counter-disinformation department"): speakers for Ukraine. Appended
// after the table of words.go, so that its entries match first.
var enKnownSpeakers = []knownSpeaker{
	{[]string{"shtupun", "humeniuk", "yevlash", "dmytrashkivskyi", "tarnavskyi", "mysnyk", "sarantsev", "kovalenko", "center for countering disinformation", "centre for countering disinformation", "joint press centre", "joint press center", "ukrainian defence forces", "ukrainian defense forces", "defense forces of ukraine", "defence forces of ukraine"}, "", sideUkraine},
}

func init() { knownSpeakers = append(knownSpeakers, enKnownSpeakers...) }
