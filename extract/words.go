package extract

import "strings"

// stopwords are capitalised words that are never places on their own,
// though some spell a village somewhere (Oleh, Nova, Mars, Still). Lower
// case.
var stopwords = toSet(`
a about above after again against all also an and any are as at back be because been before being below between both
but by can could did do does down during each east eastern few for from further had has have he her here hers him his
how i if in into is it its just me more most my new no nor north northern not now of off on once only or other our out
over own same she should so some south southern still such than that the their them then there these they this those
through to too under until up very was we were west western what when where which while who whom why will with would
you your yet however meanwhile finally moreover yesterday today tonight tomorrow
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september
october november december jan feb mar apr jun jul aug sep sept oct nov dec
ukraine ukrainian ukrainians russia russian russians moscow kremlin europe european america american americans us usa
uk britain british nato un eu iaea isw cia pentagon washington london paris berlin germany german france french poland
polish belarus belarusian china chinese turkey turkish iran iranian soviet crimea donbas donbass
president general brigadier colonel major lieutenant minister ministry defense defence army forces force military
institute study war staff armed command office government state television tv agency nations united national
foreign affairs security council international atomic energy joint chiefs corps battalion brigade regiment division
unit units separate mechanized mechanised airborne marine marines guard guards navy air
twitter telegram youtube facebook instagram tiktok reuters ap afp bbc cnn nyt fox news mail daily times post
map infographic photo video videos satellite live update updates breaking opinion analysis
mr mrs ms dr sir lord saint st
mass grave graves church cathedral river lake sea bridge street square station airport hospital school
port harbor harbour plant factory market
day week month year morning evening night noon
one two three four five six seven eight nine ten first second third last next
god oh yes ok
base believe billion bills byline egress given less many never police policy progress renew say seize side slava spoke step
well yellow sukhoi kuban tank tanks line lines hub city town village region oblast
`)

// nonPlaces are names that start with a settlement's spelling but name
// something else (the Siverskyi Donets river). Folded.
var nonPlaces = []string{"siverskyi donets", "seversky donets", "siversky donets", "severskyi donets", "siverskyy donets", "sivers'kyi donets"}

// riverNames are rivers that share a name with a settlement: after "the"
// they are the river ("the Donets and Serednya Balakliika rivers").
var riverNames = toSet(`donets dnipro dnieper oskil inhulets desna bug dniester`)

func toSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

func stopword(lower string) bool { return stopwords[lower] }

// personStart are titles and first names: a capitalised run that contains
// one is a person's name from there on ("Brigadier General Oleksiy
// Gromov", "Vitaly Ganchev").
var personStart = toSet(`
president general brigadier colonel lieutenant major captain sergeant commander minister premier chancellor
governor mayor spokesman spokeswoman spokesperson adviser advisor secretary senator ambassador director
mr mrs ms dr sir lord pope patriarch prince king queen
vitaly vitaliy vitalii oleh oleg oleksiy oleksii alexei alexey aleksei oleksandr alexander aleksandr mark william
rafael vladimir volodymyr dmitry dmytro dmitri sergei sergey serhiy serhii andriy andrii andrei andrey yuriy yurii yuri
ivan taras olena elena iryna irina hanna anna maria mariya john joe joseph antony anthony lloyd jake boris emmanuel
olaf denis denys ramzan yevgeny yevgeniy evgeny leonid kyrylo kirill mykhailo mikhail valerii valeriy valery igor ihor
petro pyotr viktor victor pavlo pavel maksym maxim vadym vadim anatoliy anatoly rustem arsen ruslan hennadiy gennady
nikolai mykola liz rishi justin ben jens ursula charles michael david james robert richard thomas peter paul george
kateryna oksana natalia tetiana svitlana yulia nataliya ekaterina dmytriy yevhen evhen igor kostiantyn konstantin
`)

// knownSpeaker is a speaker the text may name, with the side they speak
// for. Names are matched as words in the speaker phrase, lower case.
type knownSpeaker struct {
	match []string // any of these, as lower-case substrings of the phrase
	name  string
	side  string
}

// knownSpeakers: officials and institutions of both sides and neutral
// observers who appear in reporting on the war. Checked in order; the first
// match decides. The source registry (package report) is the place for
// reliabilities; this table only gives sides.
var knownSpeakers = []knownSpeaker{
	{[]string{"institute for the study of war", "isw"}, "Institute for the Study of War", "neutral"},
	{[]string{"iaea", "international atomic energy agency", "grossi"}, "International Atomic Energy Agency", "neutral"},
	{[]string{"pentagon", "milley", "austin", "kirby"}, "US Department of Defense", "neutral"},
	{[]string{"cia", "burns"}, "CIA", "neutral"},
	{[]string{"british defence intelligence", "uk ministry of defence", "british ministry of defence", "uk defence"}, "UK Ministry of Defence", "neutral"},
	{[]string{"united nations", "guterres"}, "United Nations", "neutral"},
	{[]string{"russian ministry of defense", "russian ministry of defence", "russian defense ministry", "russian defence ministry", "konashenkov", "shoigu", "russian military command", "russian military"}, "Russian Ministry of Defence", "russia"},
	{[]string{"gerasimov", "konashenkov", "belousov"}, "Russian Ministry of Defence", "russia"},
	{[]string{"rogov", "ganchev", "saldo", "balitsky", "pushilin", "pasechnik", "kadyrov", "stremousov", "russian-appointed", "russian-installed", "pro-russian", "pro-kremlin"}, "", "russia"},
	{[]string{"putin", "peskov", "lavrov", "zakharova", "kremlin", "medvedev"}, "", "russia"},
	{[]string{"general staff of the armed forces of ukraine", "ukrainian general staff", "general staff of ukraine", "zaluzhnyi", "syrskyi", "syrsky", "gromov", "hromov", "trehubov", "voloshyn", "lasiichuk", "fedorenko", "zaporozhets", "pletenchuk", "khortytsia"}, "General Staff of the Armed Forces of Ukraine", "ukraine"},
	{[]string{"zelensky", "zelenskyy", "zelenskiy", "arestovych", "podolyak", "podolyak", "yermak", "reznikov", "malyar", "nikolenko", "kuleba", "synehubov", "kyiv", "kiev"}, "", "ukraine"},
	{[]string{"deepstate"}, "DeepState", "ukraine"},
	// Ukraine's commands and intelligence by title.
	{[]string{"operational command south", "operational command east", "khortytsia", "tavria", "main directorate of intelligence", "defense intelligence of ukraine", "defence intelligence of ukraine", "cherevatyi", "cherevaty", "cherevati", "yevlash", "lykhovyi", "lykhoviy", "humeniuk", "synyehubov", "syniehubov", "kovalenko"}, "", "ukraine"},
}

// speakerSide gives the side of a speaker phrase: the known-speaker table,
// then cues in the phrase. Empty when unknown.
func speakerSide(phrase string) (string, string) {
	l := lowerASCII(phrase)
	pairs := newPairFilter(l)
	for _, k := range knownSpeakers {
		for _, m := range k.match {
			if pairs.mayContain(m) && containsWord(l, m) {
				return k.side, k.name
			}
		}
	}
	ru := firstIndex(l, "russian", "russia’s", "russia's", "moscow")
	if ru < 0 && containsWord(l, "russia") {
		ru = strings.Index(l, "russia")
	}
	ua := firstIndex(l, "ukrainian", "ukraine’s", "ukraine's", "of ukraine")
	if ua < 0 && containsWord(l, "ukraine") {
		ua = strings.Index(l, "ukraine")
	}
	switch {
	case ru >= 0 && (ua < 0 || ru < ua):
		return "russia", ""
	case ua >= 0:
		return "ukraine", ""
	}
	return "", ""
}

// containsWord reports whether m occurs in l at word boundaries.
func containsWord(l, m string) bool {
	for off := 0; ; {
		i := strings.Index(l[off:], m)
		if i < 0 {
			return false
		}
		i += off
		if (i == 0 || !isWordByte(l[i-1])) && (i+len(m) == len(l) || !isWordByte(l[i+len(m)])) {
			return true
		}
		off = i + 1
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// firstIndex is the smallest index of any of subs in s, or -1.
func firstIndex(s string, subs ...string) int {
	best := -1
	for _, sub := range subs {
		if i := strings.Index(s, sub); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}
