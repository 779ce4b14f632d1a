package extract

import "strings"

// Ukraine's military spokespeople and bodies as English text names them
// ("Oleksandr Shtupun … denied it", "Andrii Kovalenko, the head of the
// counter-disinformation department"): speakers for Ukraine. Appended
// after the table of words.go, so that its entries match first.
var enKnownSpeakers = []knownSpeaker{
	{[]string{"shtupun", "humeniuk", "yevlash", "dmytrashkivskyi", "tarnavskyi", "mysnyk", "sarantsev", "kovalenko", "center for countering disinformation", "centre for countering disinformation", "joint press centre", "joint press center", "ukrainian defence forces", "ukrainian defense forces", "defense forces of ukraine", "defence forces of ukraine"}, "", sideUkraine},
}

func init() { knownSpeakers = append(knownSpeakers, enKnownSpeakers...) }

// enInvertedSpeaker is the speaker after a verb of saying that follows a
// comma ("…, said Defense Ministry spokesman Oleksandr Motuzyanyk"): the
// noun phrase after the verb when it starts with a capital or "the", or
// "". "…, said that" and "…, saying" name no one after them.
func enInvertedSpeaker(verb, rest string) string {
	switch lowerASCII(verb) {
	case "said", "says", "told", "wrote", "writes", "added", "adds", "reported", "reports", "stated", "states", "announced", "claimed", "claims", "tweeted":
	default:
		return ""
	}
	r := strings.TrimLeft(rest, " ")
	if r == "" || !(r[0] >= 'A' && r[0] <= 'Z' || strings.HasPrefix(r, "the ")) || strings.HasPrefix(r, "That ") {
		return ""
	}
	np := forwardNP(r)
	if i := strings.IndexByte(np, ','); i >= 0 {
		np = np[:i]
	}
	return trimNP(np)
}
