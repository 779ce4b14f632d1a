package extract

import (
	"strings"

	"github.com/frontline-osint/frontline"
)

// The voice of English text that names no speaker.
//
// "The enemy has advanced near Nove Shakhove" says who advanced only
// against the side of whoever writes it. With a publisher whose side is
// known (ExtractAs: DeepState's notes as report add reads them) that side
// is the voice. Without one, an English text's own words tell it:
//
//   - Ukraine's: the vocabulary of Ukrainian writers in English —
//     "occupiers", "invaders", "orcs", "ruscists", "katsaps", "muscovites",
//     "the Defense Forces" (capitalised, not Russian ones), "our
//     defenders", "temporarily occupied", DeepState's own formulae ("the
//     map has been updated", "the front line has been clarified");
//   - Russia's: the vocabulary of Russia's officials and agencies in
//     English — "the Kiev regime", "militants", "neo-Nazis", "the special
//     military operation", "AFU", "Battlegroup";
//   - the Russian spellings of Ukrainian places (Kiev, Kharkov,
//     Zaporozhye, Artyomovsk, Donbass, Lugansk) rule out Ukraine's voice
//     but do not make Russia's: AFP writes Lugansk;
//   - both, or neither in a text that quotes someone: no voice ("the
//     enemy" is nobody, as before);
//   - neither, in a text that quotes no one ("The enemy occupied
//     Lastochkyne."): the trackers' voice, Ukraine's. A Russian source
//     writing in English uses its own words (Kiev, AFU, militants); a
//     text of the press says who speaks. This is the one guess; the
//     press corpus and DeepState's English notes measure it (opposite
//     sides 0 on both).
//
// The voice only reads relative side words ("the enemy", "our", "we")
// and the speaker's default of "liberated"/"cleared" without an actor;
// named sides ("Russian forces", "Ukrainian troops") stand for
// themselves.

// enUkrainianVoice are lower-case words of Ukrainian writers in English.
var enUkrainianVoice = []string{
	"occupier", "occupying forces", "occupying troops", "invader", " orcs", "ruscist", "rashist", "katsap", "muscovite",
	"our defenders", "ukrainian defenders", "temporarily occupied", "deepstate", "deep state map",
	"map has been updated", "map is updated", "updated the map", "front line has been clarified", "frontline has been clarified",
	"clarified the front", "clarification of the front", "clarified frontline",
}

// enRussianVoice are lower-case words of Russia's officials and agencies
// in English (each a word start; checked at word boundaries).
var enRussianVoice = []string{
	"kiev regime", "militants", "neo-nazi", "neonazi", "nationalist formation", "nationalist battalion",
	"special military operation", "afu", "battlegroup", "battle group", "ukrainian formations",
}

// enRussianSpelling are the Russian spellings of Ukrainian places. Agencies
// of both sides' readers use them (AFP writes Lugansk): they do not make a
// text Russia's voice, but they rule out the trackers' (Ukrainian) one.
var enRussianSpelling = []string{
	"kiev", "kharkov", "zaporozhye", "artyomovsk", "artemovsk", "krasnoarmeysk", "donbass", "lugansk", "nikolayev",
	"dnepropetrovsk", "krasny liman", "dzerzhinsk", "ugledar", "avdeyevka",
}

// enQuoting: a text that reports what someone said.
var enQuoting = []string{" said", " says", " told", "according to", " claimed", " claims", " stated", " reported", " announced", " wrote", " tweeted"}

// enDefenseForces: "Defense Forces" written with capitals, the Ukrainian
// army's name for itself in English.
func enDefenseForces(text string) bool {
	for _, w := range []string{"Defense Forces", "Defence Forces", "Defense forces", "Defence forces"} {
		for off := 0; ; {
			i := strings.Index(text[off:], w)
			if i < 0 {
				break
			}
			i += off
			if !strings.HasSuffix(strings.ToLower(text[max(0, i-10):i]), "russian ") {
				return true
			}
			off = i + len(w)
		}
	}
	return false
}

// hasWordPrefix reports whether w starts a word of l (l lower case).
func hasWordPrefix(l, w string) bool {
	for off := 0; ; {
		i := strings.Index(l[off:], w)
		if i < 0 {
			return false
		}
		i += off
		if i == 0 || !isASCIIWord(l[i-1]) {
			end := i + len(w)
			// "afu" but not "afuture"; "kiev" also as "kiev's".
			if end == len(l) || !isASCIIWord(l[end]) || len(w) > 4 {
				return true
			}
		}
		off = i + 1
	}
}

// englishDocVoice is the voice of the whole text: sideUkraine, sideRussia
// or "" (see the comment above). Computed once per text.
func (d *doc) englishDocVoice() string {
	if d.enVoiceDone {
		return d.enVoice
	}
	d.enVoiceDone = true
	l := lowerASCII(d.text)
	ua := enDefenseForces(d.text)
	for _, w := range enUkrainianVoice {
		if ua {
			break
		}
		ua = strings.Contains(l, w)
	}
	ru := false
	for _, w := range enRussianVoice {
		if hasWordPrefix(l, w) {
			ru = true
			break
		}
	}
	spelled := false
	for _, w := range enRussianSpelling {
		if hasWordPrefix(l, w) {
			spelled = true
			break
		}
	}
	switch {
	case ua && !ru && !spelled:
		d.enVoice = sideUkraine
	case ru && !ua:
		d.enVoice = sideRussia
	case !ua && !ru && !spelled && !containsAny(l, enQuoting) && !hasCyrillic(l):
		// The trackers' voice: a text in English that quotes no one.
		d.enVoice = sideUkraine
	}
	return d.enVoice
}

// englishVoice is the voice of an English sentence that names no speaker
// and has no publisher's side: the text's own (englishDocVoice), or "".
func (d *doc) englishVoice(si *sentenceInfo) string {
	if si.speaker != "" || hasCyrillic(si.lower) {
		return ""
	}
	// Only a relative side word or a verb whose side is the speaker's
	// needs a voice: the text is not scanned for the others.
	need := containsAny(si.lower, []string{"cleared", "restored", "regained", "liberat", "retook", "recaptur"})
	for _, c := range si.cues {
		if need = need || relativeCue(si.lower[c.start:c.end]); need {
			break
		}
	}
	if !need {
		return ""
	}
	return d.englishDocVoice()
}

// enAnaphora are the words with which an English denial refers to the
// claim of the sentence before: "Ukraine has not confirmed the claim",
// "Kyiv denied it".
var enAnaphora = []string{" it ", " it.", " this ", " this.", " the claim", " that claim", " these claims", " those claims", " the claims", " the report", " such claims", " the statement"}

// enCarriedDenials: an English denial that names no place ("Russia says it
// has taken Ocheretyne. Ukraine has not confirmed the claim.") denies the
// claims with a side of the sentence right before it. Returns how many
// denials it made.
func (d *doc) enCarriedDenials(si *sentenceInfo) int {
	if len(si.denials) == 0 || len(si.mentions) > 0 || hasCyrillic(si.text) || len(strings.Fields(si.lower)) > 25 {
		return 0
	}
	if !containsAny(" "+si.lower+" ", enAnaphora) {
		return 0
	}
	// The sentence right before, across at most one blank line.
	if gap := d.text[min(d.voice.lastEnd, si.start):si.start]; strings.Count(gap, "\n") > 2 {
		return 0
	}
	from, to := d.voice.lastClaims[0], d.voice.lastClaims[1]
	if from < 0 || to > len(d.claims) || from >= to {
		return 0
	}
	dn := si.denials[0]
	made := 0
	for _, c := range d.claims[from:to] {
		if c.Side == "" || c.Assertion == frontline.AssertDenied || c.Denied != nil {
			continue
		}
		c = asDenial(c, si.text[dn.start:dn.end])
		c.Quote, c.Start, c.End = si.text, si.start, si.end
		c.Speaker, c.SpeakerSide = si.speaker, frontline.Side(si.side)
		d.claims = append(d.claims, c)
		made++
	}
	return made
}
