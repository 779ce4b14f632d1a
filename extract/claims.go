package extract

import (
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
)

// trigger is an assertion pattern. Patterns match lower-case text.
type trigger struct {
	assertion string
	p         *wordPattern
	// actorOpposes: the actor named near the trigger is the side that
	// loses (who withdrew), so the claim favours the other side.
	actorOpposes bool
	// defaultSide when no actor is found.
	defaultSide string
	// neutral: the claim favours no side (fighting, shelling).
	neutral bool
	// afterOnly: the place must follow the trigger.
	afterOnly bool
	// speakerDefault: with no actor named, the claim favours the
	// speaker's side ("liberated" from Russia's MoD is a claim for
	// Russia), before defaultSide.
	speakerDefault bool
	// objectLoses: a side word right after the verb is the one driven
	// out ("выбили ВСУ с", "Ворога вибито").
	objectLoses bool
	// sideAfter: with no actor before, a side word right after the
	// trigger names it ("под контролем ВС России", "просування ворога").
	sideAfter bool
	// fixedSide: the trigger names its side ("окупували": Russia).
	fixedSide string
	// speakerLost: the speaker's side lost the place ("втрачено").
	speakerLost bool
	// speakerOwn: a first-person verb ("контролюємо"): the speaker's side.
	speakerOwn bool
	// needSide: a claim only when a side is found ("залишаються в X"
	// says something only of troops whose side is named).
	needSide bool
	// beforeOnly: the place must come before the trigger (a passive:
	// "Selydove was taken by …").
	beforeOnly bool
	// adjacent: the place follows the trigger with nothing between but
	// "the town of" ("have left Krynky", not "have left 20 dead near X").
	adjacent bool
}

const (
	sideUkraine = string(frontline.SideUkraine)
	sideRussia  = string(frontline.SideRussia)
)

var triggers = []trigger{
	{assertion: frontline.AssertLiberated, defaultSide: sideUkraine, speakerDefault: true, p: newWordPattern(
		[]string{"liberat", "retook", "retak", "recaptur", "regain", "reconquer", "reclaim", "freed", "release"},
		`liberat(?:ed|ing|es|e|ion of)|retook|retaken|retakes|retake|retaking|recaptur(?:ed|es|e|ing)|recapture of|regain(?:ed|s|ing)? control(?: of| over)?|reconquer(?:ed|s|ing)?|reclaim(?:ed|s)?|freed|release|liberation`)},
	{assertion: frontline.AssertCaptured, p: newWordPattern(
		[]string{"captur", "seiz", "took", "taken", "take", "taking", "fell", "fall"},
		`captur(?:ed|es|e|ing)|capture of|seiz(?:ed|es|e|ing)|(?:took|taken|takes|take|taking) (?:full )?control (?:of|over)|fell to|falls to|fall of`)},
	// Weak verbs: only with the place right after them.
	{assertion: frontline.AssertCaptured, afterOnly: true, p: newWordPattern(
		[]string{"took", "taken", "takes", "occupied", "occupies"},
		`took|taken|takes|occupied|occupies`)},
	// Entering a place is not holding it: advancing into it.
	{assertion: frontline.AssertAdvancedTowards, afterOnly: true, p: newWordPattern(
		[]string{"enter", "infiltrat", "broke", "break"},
		`entered|entering|enters|enter|infiltrated|infiltrates|infiltrating|broke into|breaks into|break into|breaking into|broken into`)},
	// The trackers' English: "Ukrainian Defense Forces cleared Ivanivka",
	// "Defense Forces restored positions near X".
	{assertion: frontline.AssertLiberated, afterOnly: true, speakerDefault: true, p: newWordPattern(
		[]string{"cleared", "clears", "restored", "restores", "regained", "regains"},
		`cleared|clears|(?:restored|restores|regained|regains) (?:the |their |its |lost )?positions?(?: in| at| of)?`)},
	// Positions regained near a place: ground gained towards it.
	{assertion: frontline.AssertAdvancedTowards, afterOnly: true, speakerDefault: true, p: newWordPattern(
		[]string{"restored", "regained"},
		`(?:restored|regained) (?:the |their |its |lost )?positions? (?:near|around|(?:north|south|east|west)(?:-?(?:east|west))? of)`)},
	{assertion: frontline.AssertUnderControl, p: newWordPattern(
		[]string{"under", "in", "controlled", "is", "are", "was", "were", "remain", "rais", "hoist", "planted", "flew", "flying", "flies", "troops", "forces", "soldiers"},
		`under (?:(?:our|their|its|his|full|complete|total|russian|ukrainian|ukraine's|ukraine’s|russia's|russia’s|the) )*control|in control of|(?:troops|forces|soldiers) (?:now |still )?controlling|controlled by|(?:is|are|was|were|remains?|remained) (?:held|controlled) by|in (?:russian|ukrainian) hands|(?:rais(?:ed|ing|es|e)|hoist(?:ed|ing|s)?|planted|fl(?:ew|ying|ies)) (?:a |the )?(?:[a-z-]+ ){0,5}flags?`)},
	{assertion: frontline.AssertContested, neutral: true, p: newWordPattern(
		[]string{"contested", "heavy", "fierce", "fighting", "battle", "clashes"},
		`contested|(?:heavy |fierce )?fighting (?:in|for|around|near|over)|(?:heavy |fierce )?(?:fighting|battles?|clashes) (?:continues?|is ongoing|are ongoing|goes on|continued|rages?|raged) (?:in|for|around|near|over)|battles? (?:for|of|in|around)|clashes (?:in|near|around)`)},
	// Attacks repelled, assaults, encirclement: fighting for the place.
	{assertion: frontline.AssertContested, neutral: true, p: newWordPattern(
		[]string{"repel", "repuls", "fought", "assault", "storm", "encircl", "surround"},
		`repell?(?:ed|ing|s)? (?:\w+ )?(?:attacks?|assaults?)(?: near| in| on| around)?|repulsed (?:\w+ )?(?:attacks?|assaults?)(?: near| in| on| around)?|fought off (?:\w+ )?(?:attacks?|assaults?)(?: near| in| on| around)?|assaults? (?:on|near|in|around)|storm(?:ed|ing|s)?|encircl(?:ed|ing|es|ement of|ement|e)|surround(?:ed|ing|s)`)},
	{assertion: frontline.AssertAttacked, neutral: true, p: newWordPattern(
		[]string{"shell", "struck", "strike", "bombard", "attack", "hit", "missile", "drone", "airstrike"},
		`shell(?:ed|ing|s)|struck|strikes? (?:on|at)|bombard(?:ed|ing|ments?)|attack(?:ed|s)? on|attacked|hit|hits|missile strikes?|drone strikes?|airstrikes?`)},
	{assertion: frontline.AssertWithdrawn, actorOpposes: true, p: newWordPattern(
		[]string{"withdr", "pull", "retreat", "fled", "flee", "abandon", "pushed", "knocked", "driven", "rout"},
		`withdr(?:ew|awn|awing|aws|aw)(?: (?:the |its |their )?(?:forces|troops|units))?(?: from)?|withdrawal(?: of| from)?|pull(?:ed|ing|s)? (?:back|out)(?: of| from)?|retreat(?:ed|ing|s)?(?: from)?|fled|fleeing|flees|flee|abandon(?:ed|ing|s)?|pushed out of|knocked out of|driven (?:out )?(?:from|of)|rout(?:ed|ing) (?:\w+ )?from`)},
	{assertion: frontline.AssertAdvancedTowards, p: newWordPattern(
		[]string{"advanc", "mov", "push", "heading", "closing", "clos", "approach", "made", "mak", "progress", "gain", "had", "have", "has"},
		`advanc(?:ed|ing|es|e) (?:all the way )?(?:to|towards?|on|into)|(?:had|have|has) (?:some |tactical )?success(?:es)?(?: near| in| around)?|advanc(?:ed|ing|es|e)(?: further| slightly| significantly)?["”’']? (?:near|in|around|at|within)|(?:made|makes|making|has made|have made) (?:further |some |minor |slight |small |significant |confirmed |new )?(?:advances?|progress|gains)(?: in| near| towards?| around| within)?|progress(?:ed)? (?:near|in)|gain(?:ed)? a foothold(?: in| near)?|mov(?:ing|ed|es|e) (?:rapidly |quickly |swiftly )?(?:north|south|east|west)?(?:ward)? ?towards?|mov(?:ing|ed|es|e) closer to|push(?:ed|ing|es)? (?:towards?|on)|heading (?:towards?|for)|(?:closing|closes|closed|close) in on|approach(?:ed|ing|es)?`)},
	{assertion: frontline.AssertAtOutskirts, p: newWordPattern(
		[]string{"at", "on", "to", "reached", "outskirts"},
		`at the gates of|(?:on|at|to|reached) the (?:outskirts|edges?|doorstep|approaches) (?:of|to)|outskirts of`)},
}

var (
	reportingPattern = newWordPattern(
		[]string{"said", "say", "told", "tell", "announc", "report", "claim", "stat", "tweet", "wrote", "writ", "estimat", "assess", "add", "confirm", "boast", "suggest", "insist", "admit", "corroborat", "assur", "declar", "hail", "believ", "according", "spoke", "congrat"},
		`said|says|say|saying|told|telling|tells|announced|announces|reported|reports|claimed|claims|claim|stated|states|tweeted|wrote|writes|estimated|estimates|assessed|assesses|added|adds|confirmed|confirms|boasted|suggested|suggests|insisted|insists|admitted|admits|corroborated|assured|declared|declares|hailed|believe|believes|according to|spoke|congratulated|congratulates`)
	hedgePattern = newWordPattern(
		[]string{"likely", "unlikely", "suggest", "reportedly", "appear", "apparent", "claim", "alleged", "may", "might", "could", "possibly", "probably", "seem", "unconfirmed", "unverified", "said", "thought", "believed"},
		`likely|unlikely|suggested|suggests|reportedly|appeared to|appears to|appeared|appears|apparently|apparent|claimed|claims|allegedly|alleged|may|might|could|possibly|probably|seems?|seemed|unconfirmed|unverified|said to|thought to|believed to`)
	evidencePattern = newWordPattern(
		[]string{"video", "footage", "photo", "image", "satellite", "geolocated"},
		`videos?|footage|photos?|images?|satellite|geolocated`)
	// sideCuePattern finds side words: the actor of a sentence.
	sideCuePattern = newWordPattern(
		[]string{"pro", "ukrain", "kyiv", "zelensk", "russia", "moscow", "kremlin", "putin", "we", "our", "us", "enemy", "blue", "muscovit", "occupier", "invader", "orc", "rashist", "afu", "zsu", "defen", "west", "east", "south", "north", "centre", "center", "dnepr", "dnipro", "vostok", "zapad", "yug", "tsentr", "sever", "khortyts", "tavri", "odes"},
		`pro-russians?|pro-kremlin|ukrainians?|ukraine(?:’s|'s)?|kyiv(?:’s|'s)?|zelensky(?:y)?(?:’s|'s)?|russians?|russia(?:’s|'s)?|moscow(?:’s|'s)?|kremlin|putin(?:’s|'s)?|we|our|us|enemy|blue and yellow|blue-and-yellow|muscovites?|occupiers?|invaders?|orcs|rashists?|afu|zsu|defen[cs]e forces|(?:west|east|south|north|centre|center|dnepr|dnipro|vostok|zapad|yug|tsentr|sever)(?:ern)? (?:group(?:ing)?|group of forces|battlegroup)s?|(?:khortytsia|khortytsya|tavria|tavriia|odesa) (?:group(?:ing)?|group of forces|operational)`)

	triggerMatcher   *matcher
	sentenceMatcher  = newMatcher(reportingPattern, hedgePattern, evidencePattern, sideCuePattern, cyrSideCues, cyrReporting, denialPattern, cyrDenialPattern, negatedControl, enDenialPattern)
	triggerByPattern = map[*wordPattern]*trigger{}
)

func init() {
	var ps []*wordPattern
	triggers = append(append(triggers, enTriggers...), cyrTriggers...)
	for i := range triggers {
		ps = append(ps, triggers[i].p)
		triggerByPattern[triggers[i].p] = &triggers[i]
	}
	triggerMatcher = newMatcher(ps...)
}

func cueSide(cue, speakerSide string) string {
	if cue != "" && cue[0] >= 0x80 || strings.HasPrefix(cue, "«") {
		return cyrCueSide(cue, speakerSide)
	}
	switch {
	case strings.HasSuffix(cue, "group") || strings.HasSuffix(cue, "grouping") || strings.HasSuffix(cue, "forces") && strings.Contains(cue, "group") || strings.HasSuffix(cue, "groups") || strings.HasSuffix(cue, "battlegroup") || strings.HasSuffix(cue, "operational"):
		if strings.HasPrefix(cue, "khortyts") || strings.HasPrefix(cue, "tavri") || strings.HasPrefix(cue, "odes") {
			return sideUkraine
		}
		return sideRussia
	case strings.HasPrefix(cue, "muscovit"), strings.HasPrefix(cue, "occupier"), strings.HasPrefix(cue, "invader"), cue == "orcs", strings.HasPrefix(cue, "rashist"):
		return sideRussia
	case cue == "afu", cue == "zsu", strings.HasPrefix(cue, "defen"):
		return sideUkraine
	case strings.HasPrefix(cue, "pro-"):
		return sideRussia
	case strings.HasPrefix(cue, "ukrain"), strings.HasPrefix(cue, "kyiv"), strings.HasPrefix(cue, "zelensk"), strings.HasPrefix(cue, "blue"):
		return sideUkraine
	case strings.HasPrefix(cue, "russia"), strings.HasPrefix(cue, "moscow"), cue == "kremlin", strings.HasPrefix(cue, "putin"):
		return sideRussia
	case cue == "we" || cue == "our" || cue == "us":
		if speakerSide == sideRussia || speakerSide == sideUkraine {
			return speakerSide
		}
	case cue == "enemy":
		return opposite(speakerSide)
	}
	return ""
}

func opposite(side string) string {
	switch side {
	case sideRussia:
		return sideUkraine
	case sideUkraine:
		return sideRussia
	}
	return ""
}

// findClaims reads the sentences for claims and numbers.
func (d *doc) findClaims() { d.findClaimsAs("") }

// findClaimsAs reads the sentences for claims and numbers; publisherSide
// is the side of the text's publisher, the voice of sentences that name no
// speaker ("Ворог просунувся" in DeepState's notes), or empty.
func (d *doc) findClaimsAs(publisherSide string) { d.readSentences(publisherSide, false) }

// readSentences is findClaimsAs; with keep it returns the sentences read,
// with the range of d.claims each made, for the claim model.
func (d *doc) readSentences(publisherSide string, keep bool) []modelSentence {
	var out []modelSentence
	mi := 0
	for _, s := range d.sentences {
		for mi < len(d.mentions) && d.mentions[mi].Start < s.start {
			mi++
		}
		mj := mi
		for mj < len(d.mentions) && d.mentions[mj].End <= s.end {
			mj++
		}
		first := len(d.claims)
		si := d.sentence(s, d.mentions[mi:mj], publisherSide)
		if keep && si != nil {
			out = append(out, modelSentence{si: si, claims: [2]int{first, len(d.claims)}})
		}
	}
	return out
}

// sentenceInfo is what a sentence says about all its claims.
type sentenceInfo struct {
	span
	text, lower      string
	speaker, side    string
	refersTo, phrase string
	hedges           []string
	evidence         string
	mentions         []frontline.Mention
	starts           []int // word starts
	reporting        []span
	cyrReporting     []span
	hedgeSpans       []span
	evidenceSpans    []span
	cues             []span // side words
	denials          []span // denial words
	negControl       []span // "не контролюють"
	// voice is the side the sentence speaks for: the speaker's, else the
	// publisher's. Relative side words ("ворог", "the enemy", "наші")
	// are read against it.
	voice string
}

// cuesIn are the side words within [a, b) of the sentence.
func (si *sentenceInfo) cuesIn(a, b int) []span {
	var out []span
	for _, c := range si.cues {
		if c.start >= a && c.end <= b {
			out = append(out, c)
		}
	}
	return out
}

func (d *doc) sentence(s span, ms []frontline.Mention, publisherSide string) *sentenceInfo {
	si := &sentenceInfo{span: s, text: d.slice(s), mentions: ms}
	// A Markdown image ("![UA flag in liberated Balakliia](…)"), as
	// pages saved from Wikipedia have them: a caption, not a statement.
	if strings.HasPrefix(strings.TrimSpace(si.text), "![") {
		return nil
	}
	first := len(d.claims)
	defer func() {
		d.voice.lastClaims, d.voice.lastEnd = [2]int{first, len(d.claims)}, s.end
		d.unitSide, d.unitEnd = sentenceUnitSide(si), s.end
	}()
	si.lower = d.cyrLowerOf(s)
	si.starts = wordStarts(si.lower)
	for _, m := range sentenceMatcher.find(si.lower, si.starts, false) {
		sp := span{m.start, m.end}
		switch m.p {
		case reportingPattern:
			si.reporting = append(si.reporting, sp)
		case hedgePattern:
			si.hedgeSpans = append(si.hedgeSpans, sp)
		case evidencePattern:
			si.evidenceSpans = append(si.evidenceSpans, sp)
		case sideCuePattern, cyrSideCues:
			si.cues = append(si.cues, sp)
		case cyrReporting:
			si.cyrReporting = append(si.cyrReporting, sp)
		case denialPattern, cyrDenialPattern, enDenialPattern:
			if m.p == enDenialPattern && !copulaFalse(si.lower, m.start, m.end) {
				continue
			}
			si.denials = append(si.denials, sp)
		case negatedControl:
			si.negControl = append(si.negControl, sp)
		}
	}
	// "Українськ", "Українка", "Russkoye": a place named, not a side.
	cues := si.cues[:0]
	for _, c := range si.cues {
		inPlace := false
		for _, m := range si.mentions {
			if c.start < m.End-si.start && m.Start-si.start < c.end {
				inPlace = true
				break
			}
		}
		// "Kyiv's forces", "Kyiv's troops": the capital's name as the
		// side's army, not the place (read as a place, the speaker
		// before it became the actor: "Moscow said Kyiv's forces had
		// abandoned Toretsk" gave the opposite side).
		if inPlace && capitalArmy.MatchString(si.lower[c.start:]) {
			inPlace = false
		}
		if !inPlace {
			cues = append(cues, c)
		}
	}
	si.cues = cues
	si.speaker, si.side = d.speaker(si)
	if si.speaker == "" && len(si.cyrReporting) > 0 {
		si.speaker, si.side = d.cyrSpeaker(si)
	}
	if si.speaker == "" && len(si.denials) > 0 {
		// "Генштаб ЗСУ не підтвердив", "Trehubov denied": who denies
		// speaks.
		pre := si.text[:si.denials[0].start]
		sp := cyrPhraseBefore(pre)
		switch lowerCyr(sp) {
		case "його", "її", "їх", "его", "ее", "её", "их":
			// "заяви про його захоплення є фейком": a possessive, not
			// who denies.
			sp = ""
		}
		if sp == "" {
			sp = backwardSubject(pre)
		}
		if sp = strings.TrimSpace(strings.Trim(sp, " ,")); plausibleSpeaker(sp) || sp != "" && !isASCIIWord(sp[0]) {
			side, _ := cyrSpeakerSide(sp)
			if side == "" {
				side, _ = speakerSide(sp)
			}
			si.speaker, si.side = sp, side
			d.lastSpeaker, d.lastSpeakerSide = sp, side
		}
	}
	si.voice = si.side
	if si.voice != sideRussia && si.voice != sideUkraine {
		si.voice = publisherSide
	}
	d.cyrVoice(si)
	if si.voice == "" && si.speaker == "" && ukrainianText(si.lower) {
		// A sentence in Ukrainian that names no speaker is a Ukrainian
		// voice: its "ворог" is Russia (Russia's officials write in
		// Russian).
		si.voice = sideUkraine
	}
	if si.voice == "" && si.speaker == "" {
		// English that names no speaker: the text's own voice.
		si.voice = d.englishVoice(si)
	}
	if iso, a, b, ok := resolveTime(si.lower, si.starts, d.published, d.lastDate); ok {
		si.refersTo, si.phrase = iso, strings.TrimSpace(si.text[a:b])
		d.lastDate, d.lastDateAt = iso, s.start
	} else if d.narrativePast(s.start) {
		// A retrospective paragraph (an encyclopedia's, a look back):
		// a sentence with no time of its own goes on telling the time
		// the paragraph is at, not the page's day.
		si.refersTo = d.lastDate
	} else {
		si.refersTo = d.published.UTC().Format(isoDay)
	}
	seen := map[string]bool{}
	for _, h := range si.hedgeSpans {
		if isMonthMay(si.text, h.start, h.end) {
			continue // "in early May", "May 9": the month, not a hedge
		}
		if w := si.lower[h.start:h.end]; !seen[w] {
			seen[w] = true
			si.hedges = append(si.hedges, w)
		}
	}
	if len(si.evidenceSpans) > 0 {
		switch ev := si.lower[si.evidenceSpans[0].start:si.evidenceSpans[0].end]; {
		case strings.HasPrefix(ev, "video"), ev == "footage":
			si.evidence = "video"
		case ev == "satellite":
			si.evidence = "satellite"
		case ev == "geolocated":
			si.evidence = "geolocated"
		default:
			si.evidence = "photo"
		}
	}
	d.numbersIn(si)
	type hit struct {
		t     *trigger
		start int
		end   int
	}
	var hits []hit
	for _, mt := range triggerMatcher.find(si.lower, si.starts, false) {
		t := triggerByPattern[mt.p]
		m := [2]int{mt.start, mt.end}
		if m[0] > 0 && si.lower[m[0]-1] == '-' { // "Russian-occupied"
			continue
		}
		// "after six months in Russian hands", "during their time in
		// control of the area": a past state.
		if pre := si.lower[max(0, m[0]-30):m[0]]; t.assertion == frontline.AssertUnderControl && (strings.Contains(pre, "after ") || strings.Contains(pre, "during ") || strings.HasSuffix(pre, "had been ") || strings.HasSuffix(pre, "had long been ")) {
			continue
		}
		// "Balakliiya’s release": only after a possessive.
		if w := si.lower[m[0]:m[1]]; w == "release" || w == "liberation" {
			if pre := si.lower[:m[0]]; !strings.HasSuffix(pre, "’s ") && !strings.HasSuffix(pre, "'s ") {
				continue
			}
		}
		if t.p.cyrillic && cyrNotADeed(si.lower, m[0], m[1]) {
			continue
		}
		// "ours" only as what a place is: "Toretsk is ours".
		if si.lower[m[0]:m[1]] == "ours" && !containsSuffix(si.lower[:m[0]], " is ", " are ", " remains ", " remain ", " is still ", " are still ", " remains still ") {
			continue
		}
		// "на підконтрольну Україні територію": the territory is held,
		// not a town named before.
		if w := si.lower[m[0]:m[1]]; strings.HasPrefix(w, "підконтрольн") || strings.HasPrefix(w, "подконтрольн") {
			if fs := strings.Fields(si.lower[m[1]:min(len(si.lower), m[1]+60)]); len(fs) > 0 && (strings.HasPrefix(fs[0], "террито") || strings.HasPrefix(fs[0], "територ") || len(fs) > 1 && (strings.HasPrefix(fs[1], "террито") || strings.HasPrefix(fs[1], "територ"))) {
				continue
			}
		}
		hits = append(hits, hit{t, m[0], m[1]})
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].start < hits[j].start })
	hits = dropShadowed(hits, func(h hit) (int, int) { return h.start, h.end })
	// "звільнили окуповане село X": the adjective after a taking verb
	// describes X; the verb governs X.
	for k := 1; k < len(hits); k++ {
		p, h := hits[k-1], hits[k]
		takingP := p.t.assertion == frontline.AssertCaptured || p.t.assertion == frontline.AssertLiberated
		if takingP && stateAdjective(si.lower[h.start:h.end]) && textLen(si.lower[p.end:h.start]) <= 12 {
			hits = append(hits[:k], hits[k+1:]...)
			k--
		}
	}
	denialAt := func(ts, te int) (span, bool) {
		// The denial words of the clause: before the trigger ("denied
		// the capture of", "не підтвердив окупацію") or after it ("…
		// are untrue", "— це фейк").
		for _, dn := range si.denials {
			if dn.end <= ts && !strings.ContainsAny(si.lower[dn.end:ts], ";") {
				return dn, true
			}
			if dn.start < ts {
				continue
			}
			between := si.lower[ts:dn.start]
			if te <= dn.start && (namesOwnClaim(si.lower[te:dn.start]) || namesOwnClaim(clauseFrom(si.lower, dn.start))) {
				// (Or after it: "Село під контролем Сил оборони, хоча
				// російська пропаганда поширювала неправдиву інформацію
				// про його захоплення".)
				// "Сіверськ досі під контролем українських військ, а
				// заяви РФ про його захоплення є фейком": the denial
				// names a claim of its own between this trigger and
				// it, and denies that one, not this.
				continue
			}
			if containsAny(between, contrastClause) {
				// "Ворог заявляє про захоплення Торецька, але це не
				// відповідає дійсності": the contrast that only says
				// "this" denies the claim before it.
				if !anaphoricDenial(between) && !namesItsClaim(si.lower[dn.start:dn.end]) && !enDenierDenies(between, si.lower[dn.end:]) {
					continue
				}
			} else if (si.reportingIn(ts, dn.start) || insideAnyRange(si.reporting, ts, dn.start)) && deniesNamedClaim(si.lower[dn.end:]) {
				// "Ukrainian forces still control Toretsk, Voloshyn
				// said, denying Russian claims": the denial names the
				// claims it denies, which are not this one.
				continue
			}
			return dn, true
		}
		return span{}, false
	}
	made := 0
	for k, h := range hits {
		next := len(si.text)
		if k+1 < len(hits) {
			next = hits[k+1].start
		}
		prevEnd := 0
		if k > 0 {
			prevEnd = hits[k-1].end
		}
		taking := h.t.assertion == frontline.AssertCaptured || h.t.assertion == frontline.AssertLiberated
		// "a RU officer captured on the Kharkiv front": a person taken.
		// "As Ukrainian forces entered the towns of Balakliia and Izium,
		// they found …": a temporal clause that sets the scene of what
		// follows; the entry is background, not news of an advance.
		if h.t.assertion == frontline.AssertAdvancedTowards && temporalClause(si.lower, h.start) {
			continue
		}
		// "The Battle of Izium was a military engagement …": the name of
		// a battle, capitalised inside its sentence, in a sentence with no
		// time of its own, says nothing of when the place was fought for.
		if si.phrase == "" && strings.HasPrefix(si.text[h.start:h.end], "Battle") && strings.Trim(si.text[:h.start], " *_\"“'‘«\n") != "" {
			continue
		}
		if taking && personCaptured(si, h.start, h.end) {
			continue
		}
		// "Hostre, a small town on the approaches to Kurakhove": "on the
		// approaches to", "on the outskirts of" inside an appositive that
		// describes the settlement before it say where that place lies;
		// they claim nothing.
		if h.t.assertion == frontline.AssertAtOutskirts && !h.t.p.cyrillic && appositiveDescriptionRe.MatchString(si.lower[max(0, h.start-80):h.start]) {
			continue
		}
		// "не контролюють": the negation is read as a denial below.
		if insideAny(si.negControl, h.start) {
			continue
		}
		if h.t.beforeOnly {
			next = h.end
		}
		if rt, ok := retaken(si, h.t, h.start, h.end); ok {
			// "ЗСУ відбили Роботине": a settlement beaten back is
			// retaken, not an attack repelled.
			h.t, taking = rt, true
		}
		places := d.governed(si, h.start, h.end, prevEnd, next, h.t.afterOnly, taking)
		places = acrossContrast(si, h.start, places)
		if len(places) == 1 && !h.t.p.cyrillic && h.t.assertion == frontline.AssertAdvancedTowards && strings.HasSuffix(si.lower[h.start:h.end], " of") {
			// "advanced northwest of Avdiivka near Orlivka": the
			// place after "near" is where the advance was.
			if m, ok := si.placeAfterNear(places[0]); ok {
				places = []frontline.Mention{m}
			}
		}
		if len(places) == 0 && h.t.p.cyrillic && h.t.assertion == frontline.AssertAdvancedTowards && !h.t.neutral {
			// "Ворог просунувся на 2 км у напрямку Покровська": an
			// advance towards a place reaches it.
			if m, ok := si.directionObject(h.end); ok {
				places = []frontline.Mention{m}
			}
		}
		if h.t.adjacent && len(places) > 0 {
			if gap := strings.TrimSpace(si.lower[h.end : places[0].Start-si.start]); gap != "" && !settlementWordsRe.MatchString(gap) {
				places = nil
			}
		}
		// "retreated from two villages near Pokrovsk": the place after
		// "near" is where the villages are, not what was left.
		if h.t.assertion == frontline.AssertWithdrawn && !h.t.p.cyrillic && len(places) > 0 && places[0].Start-si.start > h.end {
			if gap := si.lower[h.end : places[0].Start-si.start]; containsAny(gap, enWithdrawalReference) {
				places = nil
			}
		}
		// "оставили свои позиции в районе села Надия", "залишили
		// позиції поблизу X": positions left near a place, not the
		// place (positions lost claim nothing).
		if h.t.assertion == frontline.AssertWithdrawn && h.t.p.cyrillic && len(places) > 0 && places[0].Start-si.start > h.end {
			if gap := si.lower[h.end : places[0].Start-si.start]; positionsTaken(gap) && (cyrPositionsNear.MatchString(gap) || cyrPositionsNearCounted.MatchString(gap)) {
				continue
			}
			if w, gap := si.lower[h.start:h.end], strings.TrimSpace(si.lower[h.end:places[0].Start-si.start]); ruWithdrawalNear(w, gap) {
				// "войска отошли у Новоуспенского, Нового …": withdrew
				// near the places (Russian "у" with the genitive), not
				// from them: positions left claim nothing.
				continue
			}
		}
		if h.t.p.cyrillic && !h.t.neutral && len(places) > 0 {
			if loc := cyrSettlementsCounted.FindStringIndex(si.lower[h.end:]); loc != nil && places[0].Start-si.start >= h.end+loc[1] && (cyrInlineListOpener.MatchString(si.lower[h.end+loc[1]:]) || cyrReferenceBefore.MatchString(si.lower[h.end+loc[1]:places[0].Start-si.start])) {
				// "відійшли з кількох населених пунктів поряд з
				// Гуляйполем – мова про A, B": the settlements
				// counted are the object, named in the list; a place
				// after them is where they lie.
				places = nil
			}
		}
		if len(places) == 0 {
			places = d.sameCity(si, h.start, h.end, h.t.afterOnly)
		}
		if len(places) == 0 && h.t.p.cyrillic {
			places = d.cyrSameSettlement(si, h.start, h.end)
			d.cyrPending(h.t, si.text[h.start:h.end])
		}
		if len(places) == 0 && !h.t.neutral && !h.t.needSide && (!h.t.p.cyrillic && enSettlementsCounted.MatchString(si.lower[h.end:]) || h.t.p.cyrillic && cyrSettlementsCounted.MatchString(si.lower[h.end:])) {
			// "its forces had captured three more villages",
			// "окупували 5 населених пунктів": the next sentence may
			// name them ("They were X, Y and Z", "Серед них … – X, Y
			// та Z").
			d.pendingList = d.listTemplate(si, h.t, h.start, h.end)
			inline := cyrInlineListOpener
			if !h.t.p.cyrillic {
				inline = enInlineListOpener
			}
			if d.pendingList != nil {
				if loc := inline.FindStringIndex(si.lower[h.end:]); loc != nil {
					// The list in the same sentence, after a dash.
					d.listedFrom(si, d.pendingList, h.end+loc[1])
					d.pendingList = nil
				}
			}
		}
		dn, denied := denialAt(h.start, h.end)
		// "Это фейк, село под нашим контролем", "спростували: село під
		// контролем ЗСУ": the control after the denial's own clause is
		// the denier's counter-claim, not the claim denied.
		counter, counterWord := false, ""
		if denied && h.t.assertion == frontline.AssertUnderControl && dn.end <= h.start && counterClaimAfterDenial(si.lower[dn.end:h.start]) {
			denied, counter, counterWord = false, true, si.text[dn.start:dn.end]
		}
		negated := !denied && !h.t.neutral && (negatedBefore(si.lower, h.start) || h.t.p.cyrillic && infinitive(si.lower[h.start:h.end]) && negatedAfterInfinitive(si.lower, h.end))
		if denied && h.t.neutral {
			continue // "fake" news of fighting denies no control
		}
		// "Покровськ не оточений": no fighting claimed.
		if h.t.neutral && negatedBefore(si.lower, h.start) {
			continue
		}
		for _, m := range places {
			c := frontline.Claim{
				Quote: si.text, Start: s.start, End: s.end,
				PlaceID: m.Place.ID, PlaceName: m.Place.Name, Mention: m.Mention,
				Assertion: h.t.assertion, Trigger: si.text[h.start:h.end],
				Speaker: si.speaker, SpeakerSide: frontline.Side(si.side),
				RefersTo: si.refersTo, RefersToPhrase: si.phrase,
				Hedges: si.hedges, Evidence: si.evidence,
			}
			if !h.t.neutral {
				if denied {
					c.Side = frontline.Side(d.deniedSide(si, h.t, dn, h.start, h.end))
				} else if negated {
					// "окупанти не захопили": the claim the actor
					// did not make good.
					c.Side = frontline.Side(d.claimSide(si, h.t, h.start, h.end))
				} else {
					c.Side = frontline.Side(d.claimSide(si, h.t, h.start, h.end))
				}
			}
			if h.t.needSide && c.Side == "" {
				continue
			}
			// "an appeal to the occupiers who remained in the city": the
			// side word is the object of a preposition and the
			// relative clause's subject; stragglers' presence claims
			// no ground.
			if h.t.needSide && objectRelativeBefore(si.lower[:h.start]) {
				continue
			}
			// "заняли более выгодные рубежи и позиции у Гродовки":
			// positions taken near a place are ground gained towards it.
			if (c.Assertion == frontline.AssertCaptured || c.Assertion == frontline.AssertLiberated) && positionsTaken(si.lower[h.end:max(h.end, min(len(si.lower), m.Start-si.start))]) {
				c.Assertion = frontline.AssertAdvancedTowards
			}
			// "likely to capture Kupyansk", "намагається захопити",
			// "щоб звільнити": not yet taken.
			if managed := managedBefore(si.lower, h.start); managed || negated {
				// (Or negated: "ворог не може захопити X" denies the
				// taking; it is no attempt.)
				// "Російським військам вдалося захопити Селидове",
				// "managed to capture": done, not attempted.
			} else if (c.Assertion == frontline.AssertCaptured || c.Assertion == frontline.AssertLiberated) && (strings.HasSuffix(si.lower[:h.start], " to ") || attemptBefore(si.lower, h.start) || h.t.p.cyrillic && infinitive(si.lower[h.start:h.end])) {
				c.Assertion = frontline.AssertAdvancedTowards
				if h.t.p.cyrillic && attemptBefore(si.lower, h.start) && m.Start-si.start < h.start {
					// "продовжують контролювати село Запорізьке,
					// незважаючи на зусилля ворога, який намагається
					// захопити цей населений пункт": an attempt on a
					// place named before is fighting for it, no
					// side's gain.
					c.Assertion, c.Side = frontline.AssertContested, ""
				}
			} else if c.Assertion == frontline.AssertAdvancedTowards && attemptBefore(si.lower, h.start) {
				// "Враг пытался продвинуться": an attempt is fighting for
				// the place, no side's gain.
				c.Assertion, c.Side = frontline.AssertContested, ""
			}
			// «звільнення»: the other side's word in scare quotes; with
			// no actor named, no side.
			if h.t.speakerDefault && scareQuoted(si.lower, h.start, h.end) && si.actorBefore(h.start) == "" {
				c.Side = ""
			}
			if (c.Assertion == frontline.AssertAdvancedTowards || c.Assertion == frontline.AssertCaptured) && c.Side != "" && h.end <= m.Start-si.start && !attemptBefore(si.lower, h.start) && reversedAfter(si.lower, m.End-si.start) {
				// "Ворог заходив у Часів Яр, але ми його вибили": the
				// entry was thrown back; the place is the other side's
				// again.
				c.Side = frontline.Side(opposite(string(c.Side)))
				c.Assertion = frontline.AssertCaptured
			}
			if c.Assertion == frontline.AssertCaptured && c.Side == frontline.SideUkraine {
				// Ukraine taking ground in Ukraine is liberating it.
				c.Assertion = frontline.AssertLiberated
			}
			if c.Assertion == frontline.AssertLiberated && c.Side == frontline.SideRussia {
				// Ground Russia takes in Ukraine is captured, whatever
				// the word ("освободили"): the labels' convention, as
				// Ukraine's captures are liberations.
				c.Assertion = frontline.AssertCaptured
			}
			denier, denierSide, claimantSpoke := "", "", false
			if denied && c.Side != "" {
				// "Trehubov denied the Russian fake about the capture of
				// X", "Пушилін заявив, що російські війська «звільнили»
				// Курахове, однак ЗСУ це не підтверджують": the claim as
				// its claimant made it (reported, hedged by the denial
				// word), then the denial that names it.
				claimant := dn.start > h.end && (contrastDenier(si.lower[h.end:dn.start]) || (namesItsClaim(si.lower[dn.start:dn.end]) || enDenierDenies(si.lower[h.end:dn.start], si.lower[dn.end:])) && containsAny(si.lower[h.end:dn.start], contrastClause))
				if claimant || reportsClaim(si, dn, h.start, h.end, string(c.Side)) {
					d.claims = append(d.claims, reportedClaim(c, si, si.lower[dn.start:dn.end], claimant))
					made++
				}
				if between := si.lower[h.end:max(h.end, dn.start)]; claimant || dn.start > h.end && sideOf(si.side) == string(c.Side) && (containsAny(between, contrastClause) || strings.Contains(between, ", which ")) {
					claimantSpoke = true
					denier, denierSide = denierBetween(si.text[h.end:dn.start], opposite(string(c.Side)))
					if rest := si.text[dn.end:]; denier == "" && strings.HasPrefix(rest, " by ") {
						// "…, which was denied by Ukraine".
						if f := strings.Fields(strings.TrimPrefix(rest, " by ")); len(f) > 0 {
							denier, denierSide = denierBetween(", which "+strings.Trim(f[0], ",.;"), opposite(string(c.Side)))
						}
					}
				}
			}
			if denied {
				c = asDenial(c, si.text[dn.start:dn.end])
				if claimantSpoke {
					// "Минобороны России заявило о взятии X, но в ВСУ
					// это опровергли", "Russia claimed the capture of
					// X, which Kyiv denied": the sentence's speaker made
					// the claim; the denial is the one's named after
					// the contrast, else no one's (never the claimant's:
					// a claimant's denial would read as an admission).
					c.Speaker, c.SpeakerSide = denier, frontline.Side(denierSide)
				}
			} else if negated {
				not := "не"
				if !h.t.p.cyrillic {
					not = "not"
				}
				c = asDenial(c, not)
			}
			d.claims = append(d.claims, c)
			made++
			if counter && c.Side != "" && !negated {
				d.claims = append(d.claims, counterDenial(c, counterWord))
				made++
			}
		}
	}
	if made == 0 {
		made = d.cyrCarriedClaims(si)
	}
	if made == 0 {
		made = d.enCarriedDenials(si)
	}
	if made == 0 || d.pendingList != nil {
		// A list after its count may follow what another rule already
		// carried to part of it ("… речь идет о Красногоровке, а также о
		// трех селах - Водяном, Галицыновке и Григоровке").
		made += d.listedClaims(si)
	}
	d.negatedControlClaims(si)
	if made == 0 && len(si.denials) > 0 {
		d.bareDenials(si)
	}
	return si
}

// containsSuffix reports whether s ends with one of the suffixes.
func containsSuffix(s string, sufs ...string) bool {
	for _, x := range sufs {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// insideAnyRange reports whether one of the spans lies within [a, b).
func insideAnyRange(spans []span, a, b int) bool {
	for _, sp := range spans {
		if sp.start >= a && sp.end <= b {
			return true
		}
	}
	return false
}

// insideAny reports whether off lies within one of the spans.
func insideAny(spans []span, off int) bool {
	for _, sp := range spans {
		if off >= sp.start && off < sp.end {
			return true
		}
	}
	return false
}

// gapStops end the reach of a trigger to its places.
// settlementAbbrev writes the abbreviation of населенный/населений пункт
// ("н.п.", "н. п.") without its stops, which are no sentence's.
var settlementAbbrev = strings.NewReplacer(" н.п. ", " нп ", " н. п. ", " нп ")

var gapStops = []string{".", ";", " to ", " by ", " around ", " outside ", " that ", " which ", " who ", " after ", " but ", " while ", " when ", " before ", " because ", " as ", " where ", " since ", " with ", " from russia", "(", "“", "”", "\""}

// governed returns the places a trigger at [ts, te) speaks of: the place
// (and any list of places) after it, or else the nearest place before it.
// Oblasts are left out: a claim is about a settlement or a site.
func (d *doc) governed(si *sentenceInfo, ts, te, prevEnd, next int, afterOnly, taking bool) []frontline.Mention {
	// "captured a Russian Navy seaman near Izium": the object taken is a
	// person or a thing, not a place.
	if taking && !strings.HasSuffix(si.lower[ts:te], " to") && hasObjectNoun(objectPhrase(si, te, next)) {
		// (Not "fell to Russian troops": the taker follows.)
		return nil
	}
	var out []frontline.Mention
	pos := te
	// «звільнення» Сіверська: the quotation closed right after the
	// trigger is no stop.
	if scareQuoted(si.lower, ts, te) {
		for _, q := range []string{"»", "\"", "”", "“"} {
			if strings.HasPrefix(si.lower[te:], q) {
				pos = te + len(q)
				break
			}
		}
	}
	for _, m := range si.mentions {
		ms, me := m.Start-si.start, m.End-si.start
		if ms < te {
			continue
		}
		if ms > next && len(out) == 0 {
			break
		}
		if ms < pos || me > len(si.lower) {
			continue // overlapping mentions (a linked name inside another)
		}
		gap := unquoteGap(si.lower[pos:ms])
		// "освободили н.п. Симиновка", "звільнили н. п. Кам'янка":
		// the abbreviation of населенный/населений пункт is no stop.
		if strings.Contains(gap, "н.") {
			gap = settlementAbbrev.Replace(gap)
		}
		if len(out) == 0 {
			if c := strings.LastIndexByte(gap, ':'); c >= 0 {
				gap = gap[c+1:]
			}
			stops := gapStops
			if taking {
				stops = takingStops
			}
			if textLen(gap) > 60 || containsAny(gap, stops) || containsAny(gap, cyrGapStops) && !(!taking && towardsSettlement(gap)) || taking && containsAny(gap, cyrTakingStops) || si.reportingIn(pos, ms) || enGapStop(gap, taking) {
				break
			}
			// "Kyiv's troops", "the Kharkiv front": no place of a claim;
			// look on.
			if !d.claimPlace(m) {
				continue
			}
		} else if m.Kind == frontline.MentionOblast && inOpenParen(si.lower[pos:ms]) {
			// "Катеринівка (Краматорський район, Донецька область),
			// Новомиколаївка": the oblast locates the item before.
			continue
		} else if !d.claimPlace(m) {
			break
		} else {
			joins := func(orig string) bool {
				g := strings.TrimSpace(lowerCyr(unquoteGap(orig)))
				return g == "," || g == "and" || g == ", and" || g == "or" || g == ", or" || cyrJoiners[g] || listGap(unquoteGap(strings.TrimSpace(orig)), !taking) || cyrListGap(g, taking) || enListGap(orig, !taking)
			}
			orig := si.text[pos:ms]
			if len(out) > 0 && hyphenJoined(si.lower, orig, out[0].Start-si.start, me) && m.Kind == frontline.MentionSettlement && out[len(out)-1].Kind == frontline.MentionSettlement {
				// "захопили Веселівку-Журавку-Степове", "Vesele–Zhuravka":
				// settlements joined by a dash, each a name of its own.
				out = append(out, m)
				pos = me
				continue
			}
			if strings.TrimSpace(orig) == "" || partOfName(orig, joins) {
				// "біля Новоселівки Степової, Невського", "near
				// Novooleksandrivka, Sukhoi Balka and in X": one name
				// the gazetteer read only in part; it is no item of
				// its own, and the list goes on after it.
				pos = me
				continue
			}
			if !joins(orig) {
				// "captured Pishchane, near the town of Kupiansk
				// that Russia sees as a target, and Tykhe": the
				// appositive locates the item before; the list goes
				// on after its closing comma.
				if len(out) > 0 && enLocatingAppositive.MatchString(strings.ToLower(orig)) {
					if k := strings.IndexByte(si.lower[me:], ','); k >= 0 && k <= 90 && !strings.ContainsAny(si.lower[me:me+k], ".;:") {
						pos = me + k
						continue
					}
				}
				// "окупував села Межове та Скучне, розташовані біля
				// річки Вовча, а також Журавку": a participle or relative
				// clause that locates the items before; the list goes on
				// after its closing comma and a joiner.
				if g := si.lower[pos:ms]; len(out) > 0 && taking && cyrLocatingClause.MatchString(g) && textLen(g) <= 90 && !strings.ContainsAny(g, ".;:") {
					if c := strings.LastIndexByte(g, ','); c > 0 && joins(g[c:]) {
						out = append(out, m)
						pos = me
						continue
					}
				}
				break
			}
		}
		if m.Kind != frontline.MentionOblast {
			out = append(out, m)
		}
		pos = me
	}
	if len(out) > 0 || afterOnly || taking && enThingTaken(si.lower, te) {
		return out
	}
	if m, ok := d.enAppositive(si, ts, prevEnd); ok {
		return []frontline.Mention{m}
	}
	for k := len(si.mentions) - 1; k >= 0; k-- {
		m := si.mentions[k]
		ms, me := m.Start-si.start, m.End-si.start
		if me > ts || ms < prevEnd {
			continue
		}
		gap := si.lower[me:ts]
		if strings.HasPrefix(gap, ", which ") || strings.HasPrefix(gap, ", который ") || strings.HasPrefix(gap, ", которая ") || strings.HasPrefix(gap, ", яке ") || strings.HasPrefix(gap, ", який ") || strings.HasPrefix(gap, ", яка ") {
			// "Avdiivka, which had been under Ukrainian control since
			// 2014, fell to Russian troops": over the relative clause
			// to its noun.
			if j := strings.LastIndex(gap, ", "); j > 0 && !si.mentionIn(me, ts) {
				gap = gap[j+1:]
			}
		}
		if textLen(gap) > 50 || strings.ContainsAny(gap, ".;:") {
			break
		}
		// "Kharkiv offensive": the name of an operation.
		if descriptiveRe.MatchString(gap) {
			continue
		}
		// "towns near Kharkiv that had been liberated": a reference point;
		// but "near Kurakhove, which Russian troops captured": the
		// relative clause's object is the reference point itself.
		if pre := si.lower[:ms]; !enRelativeObject(gap) && (strings.HasSuffix(pre, "near ") || strings.HasSuffix(pre, "around ") || strings.HasSuffix(pre, "outside ") || strings.HasSuffix(pre, "from ") || cyrReferencePoint(pre) || enReferencePoint(pre)) {
			continue
		}
		// "captured the town of Vuhledar in Donetsk, a day after Kyiv's
		// forces said they were withdrawing": the place after "in" locates
		// the settlement before it, which is the claim's.
		if k > 0 && strings.HasSuffix(si.lower[:ms], " in ") && si.mentions[k-1].End-si.start == ms-len(" in ") && si.mentions[k-1].Kind == frontline.MentionSettlement {
			continue
		}
		if m.Kind == frontline.MentionOblast || !d.claimPlace(m) {
			continue
		}
		if enPassive(si.lower, ts, te) {
			return d.listBefore(si, k, prevEnd)
		}
		return d.cyrListBefore(si, k, prevEnd)
	}
	return nil
}

// listGapRe joins the places of a list that keeps its verb with a new
// preposition for each: "advanced in X, near Y, south of Z and in W",
// "просунувся в X, біля Y та південніше Z". Not for taking verbs: "occupied
// X and advanced near Y" took X only.
var listGapRe = regexp.MustCompile(`^(?:,|,? ?(?:and|or|та|і|й|и|а також|а также|as well as)|, (?:and|or|та|і|й|и|а також|а также))\s*(?:(?:in|near|around|at|towards?|on|to|into|in the (?:north|south|east|west|centre|center)(?:ern part)? of|(?:on |to the )?(?:north|south|east|west|north-east|north-west|south-east|south-west|northeast|northwest|southeast|southwest) of|on the outskirts of|в|у|біля|поблизу|в бік|у бік|на околицях|в районі|у районі|до|около|возле|под|в районе|в сторону|(?:північ|півден|схід|захід|північно-схід|північно-захід|південно-схід|південно-захід)ніше|(?:север|юж|восточ|запад|северо-запад|северо-восточ|юго-запад|юго-восточ)нее)\s*)?$`)

// listPrepRe is a preposition that opens one item of a list
// (listGapRe without the separator).
var listPrepRe = regexp.MustCompile(`^(?:in|near|around|at|towards?|on|to|into|in the (?:north|south|east|west|centre|center)(?:ern part)? of|(?:on |to the )?(?:north|south|east|west|north-east|north-west|south-east|south-west|northeast|northwest|southeast|southwest) of|on the outskirts of|в|у|біля|поблизу|в бік|у бік|на околицях|в районі|у районі|до|около|возле|под|в районе|в сторону|(?:північ|півден|схід|захід|північно-схід|північно-захід|південно-схід|південно-захід)ніше|(?:север|юж|восточ|запад|северо-запад|северо-восточ|юго-запад|юго-восточ)нее)$`)

// settlementWordsRe: the words that name what kind of settlement follows
// ("населенные пункты", "село", "the village of"), or the part of it
// ("captured Andriivka and another part of Pervomaiske", "частину").
var settlementWordsRe = regexp.MustCompile(`^(?:(?:в|у|the)\s+)?(?:(?:strategic|key|strategically important|important|eastern|southern|northern|western|frontline|front-line|embattled|besieged|small|industrial|mining|ruined|devastated|logistics)\s+)*(?:(?:(?:another|a|the|most|much|a large|a larger|large|larger|(?:north|south|east|west)(?:ern)?) )*parts? of|(?:ще |еще |ещё |большую |більшу |значну |значительную )?(?:частин[уаиі]|част[ьи])|населенн?\pL* пункт\pL*|населен\pL* пункт\pL*|город\pL*|міст\pL*|місто|сел[оаиі]|селах|селищ\pL*|поселк\pL*|посёлок|поселок|посел\pL*|деревн\pL*|хутор\pL*|villages?(?: of)?|towns?(?: of)?|cit(?:y|ies)(?: of)?|settlements?(?: of)?)$`)

var listConjunctions = toSet(`and or та і й и as well also а також также`)

// inOpenParen reports whether s opens a parenthesis it does not close.
func inOpenParen(s string) bool {
	return strings.LastIndexByte(s, '(') > strings.LastIndexByte(s, ')')
}

// locatorParenRe is a parenthesis that names a raion, oblast or region.
var locatorParenRe = regexp.MustCompile(`\([^()]*(?:район|области|область|обл\.|oblast|region)[^()]*\)`)

// localityQualifierRe is a hromada or raion named after a list's item in
// the genitive ("Юнаківської громади", "Покровского района").
var localityQualifierRe = regexp.MustCompile(`^\s*[\p{L}'’-]+(?:ськ|цьк|зьк|ск|цк)(?:ої|ой|ого) (?:(?:сільської|селищної|міської|територіальної|сельской|поселковой|городской|территориальной) )?(?:громади|громады|району|района)`)

// dashRoadWords near names joined by a dash make them a road's or a front's
// ends ("трасу Покровськ-Костянтинівка", "the Bakhmut–Siversk direction"),
// not a list of places.
var dashRoadWords = []string{"трас", "дорог", "шосе", "шоссе", "магістрал", "напрям", "направлен", "ділянц", "участк", "лінії", "линии", "между", "між", "road", "highway", "route", "direction", "axis", "line", "sector", "railway", "залізниц", "железн"}

// hyphenJoined reports whether orig, the text between two places, is a
// bare dash ("Веселівку-Журавку", "Vesele–Zhuravka") and no road or
// direction word stands within 40 bytes before the first place (at a) or
// 30 after the last (ending at b).
func hyphenJoined(lower, orig string, a, b int) bool {
	if orig != "-" && orig != "–" && orig != "—" {
		return false
	}
	from, to := max(0, a-40), min(len(lower), b+30)
	return !containsAny(lower[from:a], dashRoadWords) && !containsAny(lower[b:to], dashRoadWords)
}

// listGap reports whether gap, the text between two places of a list
// (original case), only separates items: commas and conjunctions, a
// preposition for each item, and items the gazetteer did not resolve
// (capitalised words): "біля Вовчанська, в Глибокому, біля Ягідного".
func listGap(gap string, prepositions bool) bool {
	// "Катеринівка (Краматорський район, Донецька область),
	// Новомиколаївка": a parenthesis that locates an item is no gap.
	gap = locatorParenRe.ReplaceAllString(gap, " ")
	// "Новеньке, Басівка Юнаківської громади та Веселівка": the
	// hromada or raion that locates an item is no gap either.
	gap = localityQualifierRe.ReplaceAllString(gap, " ")
	if prepositions && listGapRe.MatchString(lowerCyr(gap)) {
		return true
	}
	ts := tokens(gap)
	seps := 0
	var item []string // the words since the last separator
	flush := func(last bool) bool {
		k := 0
		for k < len(item) && !isCap(item[k]) {
			k++
		}
		if k > 0 {
			words := lowerCyr(strings.Join(item[:k], " "))
			// "Северодонецк и Боровское, населенные пункты Вороново":
			// a settlement word opens an item of any list; a
			// preposition only of a list that keeps its verb.
			if !settlementWordsRe.MatchString(words) && !(prepositions && listPrepRe.MatchString(words)) {
				return false
			}
		}
		if last {
			return k == len(item)
		}
		if k == len(item) {
			return !prepositions || k > 0 || len(item) == 0
		}
		// One unresolved name of up to three capitalised words.
		if len(item)-k > 3 {
			return false
		}
		for _, w := range item[k:] {
			if !isCap(w) {
				return false
			}
		}
		return true
	}
	for _, t := range ts {
		l := lowerCyr(t.s)
		if t.s == "," || listConjunctions[l] {
			if !flush(false) {
				return false
			}
			item = item[:0]
			seps++
			continue
		}
		if len(t.s) == 1 && !isLetterAt(t.s, 0) && t.s != "'" {
			return false
		}
		item = append(item, t.s)
	}
	return seps > 0 && flush(true)
}

// partOfName reports whether the gap before a place of a list ends with
// capitalised words that the place completes ("Sukhoi " before "Balka"),
// the rest of the gap joining items (joins).
func partOfName(gap string, joins func(string) bool) bool {
	if !strings.HasSuffix(gap, " ") || strings.HasSuffix(gap, "  ") {
		return false
	}
	ts := tokens(gap)
	k := len(ts)
	for k > 0 && len(ts)-k < 2 && isCap(ts[k-1].s) && isLetterAt(ts[k-1].s, 0) {
		k--
	}
	if k == len(ts) || k == 0 {
		return false
	}
	return joins(gap[:ts[k].start])
}

var descriptiveRe = regexp.MustCompile(`^\s*(?:counter-?offensive|offensive|front|direction|axis|operation)\b`)

// sameCity: "Ukraine has retaken the city", "shells hit its streets",
// "the town was captured", "troops have entered the settlement" speak of
// the settlement last named (settlementBefore). The noun follows the
// trigger, or (not for a verb that needs its place after it) is the
// subject of its clause before it.
func (d *doc) sameCity(si *sentenceInfo, ts, te int, afterOnly bool) []frontline.Mention {
	rest := si.lower[te:]
	for _, n := range []string{" the city", " the town", " the village", " the settlement", " its "} {
		if strings.HasPrefix(rest, n) && (n == " its " || !isLetterAt(rest, len(n))) {
			return d.settlementBefore(si.start + te)
		}
	}
	if afterOnly && !passiveBefore(si.lower[:ts]) {
		return nil
	}
	// "The town, which had 20,000 people, was captured": the subject
	// of the clause, with no other place between it and the trigger.
	clause := si.lower[max(0, ts-80):ts]
	if i := strings.LastIndexAny(clause, ";:"); i >= 0 {
		clause = clause[i+1:]
	}
	for _, n := range []string{"the city", "the town", "the village", "the settlement"} {
		i := strings.LastIndex(clause, n)
		if i < 0 || isLetterAt(clause, i+len(n)) || i > 0 && isLetterAt(clause, i-1) {
			continue
		}
		abs := si.start + ts - len(clause) + i
		for _, m := range si.mentions {
			if m.Start >= abs && m.Start < si.start+ts {
				return nil // "the town of X": X is the place
			}
		}
		if strings.HasPrefix(si.lower[ts-len(clause)+i+len(n):], " of ") {
			return nil
		}
		return d.settlementBefore(abs)
	}
	return nil
}

// settlementBefore is the settlement that "the city", "its streets",
// "населённого пункта" at offset abs speak of: the place of the last
// claim of taking, holding or leaving made before, if it was named within
// topicReach bytes (the story's subject: "защиту Донецка" named in
// passing after the claims about Marinka does not take "над городом"),
// else the settlement last named before, if it ends within 400 bytes and
// may be a claim's place.
func (d *doc) settlementBefore(abs int) []frontline.Mention {
	if m, ok := d.claimTopicBefore(abs); ok {
		return []frontline.Mention{m}
	}
	var locator []frontline.Mention
	for k := len(d.mentions) - 1; k >= 0; k-- {
		m := d.mentions[k]
		if m.End > abs || m.Kind != frontline.MentionSettlement || !d.claimPlace(m) {
			continue
		}
		if abs-m.End > 400 {
			break
		}
		if d.locatorMention(m) {
			// "Selydove, a mining town south of Pokrovsk. … the
			// town": the place that locates another is not the
			// story's settlement when one is named before it.
			if locator == nil {
				locator = []frontline.Mention{m}
			}
			continue
		}
		return []frontline.Mention{m}
	}
	return locator
}

// locatorWords end the words before a settlement named only to locate
// another ("south of Pokrovsk", "к югу от Покровска", "під Бахмутом").
var locatorWords = []string{"north of ", "south of ", "east of ", "west of ", "northeast of ", "northwest of ", "southeast of ", "southwest of ", "north-east of ", "north-west of ", "south-east of ", "south-west of ",
	"к северу от ", "к югу от ", "к востоку от ", "к западу от ", "на север от ", "на юг от ", "на восток от ", "на запад от ",
	"на північ від ", "на південь від ", "на схід від ", "на захід від ", "північніше ", "південніше ", "східніше ", "західніше ",
	"севернее ", "южнее ", "восточнее ", "западнее ", "под ", "під ", "поблизу ", "неподалік ", "неподалеку от ", "недалеко от "}

// appositiveDescriptionRe ends the words of an appositive that describes
// a settlement named before it: ", a small town ".
var appositiveDescriptionRe = regexp.MustCompile(`, (?:a|an) (?:[\pL'’-]+ ){0,3}(?:town|village|city|settlement|hamlet|suburb) $`)

// locatorMention reports whether the settlement m is named to locate
// another: a compass phrase or "под / під" right before it, within a
// sentence that names another settlement before it.
func (d *doc) locatorMention(m frontline.Mention) bool {
	pre := lowerCyr(d.text[max(0, m.Start-40):m.Start])
	pre = strings.TrimRight(pre, "«\"")
	located := false
	for _, w := range locatorWords {
		if strings.HasSuffix(pre, w) && (len(pre) == len(w) || !isLetterAt(pre, len(pre)-len(w)-1)) {
			located = true
			break
		}
	}
	if !located {
		return false
	}
	k := d.sentenceAt(m.Start)
	if k >= len(d.sentences) {
		return false
	}
	for _, o := range d.mentions {
		if o.Kind == frontline.MentionSettlement && o.Start >= d.sentences[k].start && o.End <= m.Start && o.Place.ID != m.Place.ID {
			return true
		}
	}
	return false
}

// topicReach bounds how far back the subject of the claims so far is
// still the subject of "the city".
const topicReach = 1200

// claimTopicBefore is the settlement of the last claim before abs that
// says who took, holds or left it (not fighting or shelling), with the
// mention of it nearest before abs, named within topicReach bytes.
func (d *doc) claimTopicBefore(abs int) (frontline.Mention, bool) {
	for k := len(d.claims) - 1; k >= 0; k-- {
		c := d.claims[k]
		if c.Start >= abs || c.Side == "" {
			continue
		}
		switch c.Assertion {
		case frontline.AssertContested, frontline.AssertAttacked:
			continue
		}
		for j := len(d.mentions) - 1; j >= 0; j-- {
			m := d.mentions[j]
			if m.End > abs || m.Place.ID != c.PlaceID || m.Kind != frontline.MentionSettlement {
				continue
			}
			if abs-m.End > topicReach {
				return frontline.Mention{}, false
			}
			return m, true
		}
		return frontline.Mention{}, false
	}
	return frontline.Mention{}, false
}

// actorBefore is the side of the nearest side word before offset off.
func (si *sentenceInfo) actorBefore(off int) string {
	a, _ := si.actorBeforeKnown(off)
	return a
}

// actorBeforeKnown is actorBefore; unknown reports that the actor is a
// relative side word ("the enemy") with no voice to read it against: no
// other actor (of an earlier sentence) may stand in for it.
func (si *sentenceInfo) actorBeforeKnown(off int) (string, bool) {
	cues := si.cuesIn(0, off)
	for k := len(cues) - 1; k >= 0; k-- {
		s, unknown, ok := si.actorCueSide(cues[k], off)
		if !ok {
			continue
		}
		if unknown {
			return "", true
		}
		if s != "" {
			return s, false
		}
	}
	return "", false
}

// actorCueSide reads the side word c, before offset off, as an actor:
// ok is false when it is no actor (the land, a language, whom a place was
// freed from, an object); unknown when it is a relative side word with no
// voice to read it against.
func (si *sentenceInfo) actorCueSide(c span, off int) (side string, unknown, ok bool) {
	// "Russian-occupied territory" names the land, not the actor.
	if c.end < len(si.lower) && si.lower[c.end] == '-' {
		return "", false, false
	}
	// "украинское название": a language, not an actor.
	if rest := si.lower[c.end:]; strings.HasPrefix(rest, " назв") || strings.HasPrefix(rest, " name") || strings.HasPrefix(rest, " мов") || strings.HasPrefix(rest, " язык") {
		return "", false, false
	}
	// "a small village in Ukraine's east", "in Ukraine": the land,
	// not the actor.
	if w := si.lower[c.start:c.end]; w[0] < 0x80 && (enLandAfter.MatchString(si.lower[c.end:]) || (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")) && enLandAfter.MatchString("'s"+si.lower[c.end:]) || (w == "ukraine" || w == "russia") && enLandBefore.MatchString(si.lower[max(0, c.start-30):c.start])) {
		return "", false, false
	}
	// "Russia says Ukraine's Kamianka 'liberated'", "a village in
	// Ukraine's Kharkiv": a possessive of a place's name is the land,
	// not the actor.
	if w := si.lower[c.start:c.end]; w[0] < 0x80 && si.placeRightAfterPossessive(c.end) {
		return "", false, false
	}
	// "на Херсонщині від росіян підтверджено звільнення": whom the
	// place was freed from, not the actor.
	if fromBefore(si.lower[max(0, c.start-20):c.start]) {
		return "", false, false
	}
	// "Противник, по словам Минобороны России, оставил …", "according
	// to Ukraine's General Staff, Russian forces …": the source, not the
	// actor.
	if si.firstInPhrase(c, 90, attributionOpeners) {
		return "", false, false
	}
	// "Russian troops under pressure from Ukrainian forces abandoned …",
	// "під тиском окупантів залишили": who pressed, not who acted.
	if si.firstInPhrase(c, 80, pressureOpeners) {
		return "", false, false
	}
	// "Russian defense forces" are no Ukrainian Defense Forces.
	if strings.HasPrefix(si.lower[c.start:], "defen") && strings.Contains(si.lower[max(0, c.start-12):c.start], "russia") {
		return "", false, false
	}
	w := si.lower[c.start:c.end]
	// "Оккупанты выбиты из X, а Панковка зачищена": a contrastive clause
	// after the side word has its own subject; the side word is not its
	// actor.
	if w[0] >= 0x80 && contrastBreak(si.lower[c.end:off]) {
		return "", false, false
	}
	// "Russian forces routed a Ukrainian brigade and captured X",
	// "Российские войска разгромили подразделения ВСУ и освободили X":
	// the side word between a first verb and the trigger joined to it is
	// that verb's object; the subject before it acted.
	if si.coordinatedObject(c, off) {
		return "", false, false
	}
	// "Захваченное россиянами Сухецкое освобождено", "окупований
	// росіянами Х звільнено": the agent of a participle that qualifies
	// the place, not the actor of the verb after the place.
	if w[0] >= 0x80 && si.agentForm(c) && participleAgentBefore.MatchString(si.lower[max(0, c.start-40):c.start]) && si.mentionIn(c.end, off) {
		return "", false, false
	}
	// "Українські захисники вибили окупантів із Ступочок і
	// закріпилися …": the side word right after a verb that
	// drives out or strikes is its object, not the actor.
	if w[0] >= 0x80 && cyrObjectVerbBefore(si.lower[max(0, c.start-80):c.start]) {
		return "", false, false
	}
	if relativeCue(w) && w[0] >= 0x80 && !nominativeRelative[w] && !datModalSubject(w, si.lower[c.end:]) && !relativePronounAfter(si.lower[c.end:off]) {
		// "в глубину обороны противника": an object, not the actor.
		return "", false, false
	}
	// "Ворог, якого відкинули від Торецька", "the enemy, whom our troops
	// drove out of": the side word is the object of the relative clause
	// holding the trigger; who acted is unknown.
	if rest := si.lower[c.end:off]; obliqueRelative(rest) && !strings.Contains(strings.TrimLeft(rest, " ,"), ",") {
		return "", true, true
	}
	s := cueSide(w, si.voice)
	if s == "" && relativeCue(w) {
		// "ворог" with no voice to read it against: the actor is
		// unknown; an earlier side word is not the actor.
		return "", true, true
	}
	if s != "" {
		return s, false, true
	}
	return "", false, false
}

// contrastBreak reports whether between, the text from a side word to a
// trigger, opens a contrastive clause (", а …", ", але …", ", но …")
// that is no list's continuation (", а также").
func contrastBreak(between string) bool {
	for _, b := range []string{", а ", ", но ", ", але ", ", однако ", ", проте ", ", зато ", ", натомість "} {
		if k := strings.LastIndex(between, b); k >= 0 {
			rest := between[k+len(b):]
			if !strings.HasPrefix(rest, "также") && !strings.HasPrefix(rest, "також") && !strings.HasPrefix(rest, "затем") && !strings.HasPrefix(rest, "потім") {
				return true
			}
		}
	}
	return false
}

// coordinatedObject reports that the side word c stands between a verb
// and a trigger at off joined to it by "and" ("routed Ukrainian troops
// and captured", "разгромили подразделения ВСУ и освободили") while a
// side word of the other side opens the clause with no conjunction,
// subordinator or stop between the two: c is the first verb's object.
func (si *sentenceInfo) coordinatedObject(c span, off int) bool {
	rest := si.lower[c.end:off]
	if len(rest) > 45 || strings.ContainsAny(rest, ",.;:()«»\"") {
		return false
	}
	joined := false
	for _, j := range []string{" and ", " и ", " і ", " й ", " та "} {
		if strings.HasSuffix(rest, j) {
			joined = true
		}
	}
	if !joined {
		return false
	}
	side := cueSide(si.lower[c.start:c.end], si.voice)
	if side == "" {
		return false
	}
	// "a Ukrainian mechanized brigade": the side words of one noun
	// phrase are one object.
	cur := c
	cues := si.cuesIn(0, c.start)
	k := len(cues) - 1
	for ; k >= 0; k-- {
		if cueSide(si.lower[cues[k].start:cues[k].end], si.voice) == side && len(strings.TrimSpace(si.lower[cues[k].end:cur.start])) <= 3 {
			cur = cues[k]
			continue
		}
		break
	}
	if k < 0 {
		return false
	}
	p := cues[k]
	between := " " + si.lower[p.end:cur.start] + " "
	if strings.ContainsAny(between, ",.;:()") || strings.TrimSpace(between) == "" || containsAny(between, clauseJoiners) {
		return false
	}
	ps := cueSide(si.lower[p.start:p.end], si.voice)
	return ps != "" && ps != side
}

// clauseJoiners join clauses or items: a side word after one of them may
// be a new subject, not an object.
var clauseJoiners = []string{" and ", " or ", " as ", " while ", " when ", " after ", " but ", " which ", " who ", " that ", " where ",
	" и ", " а ", " но ", " или ", " когда ", " пока ", " после ", " как ", " где ", " что ", " котор", " откуда ",
	" і ", " й ", " та ", " або ", " але ", " коли ", " поки ", " після ", " як ", " де ", " що ", " які", " який", " яка", " звідки "}

// participleAgentBefore: a past passive participle of taking or holding
// right before a side word ("захваченное россиянами", "окупованого
// росіянами").
var participleAgentBefore = regexp.MustCompile(`(?:захвач[её]нн|оккупированн|окупован|захоплен|освобожд[её]нн|звільнен|занят|взят|контролируем|контрольован|удерживаем|утримуван)\p{L}*\s+$`)

// attributionOpeners open the phrase naming a claim's source.
var attributionOpeners = []string{"по данным ", "по словам ", "по информации ", "по сообщению ", "по сведениям ", "по оценке ", "по оценкам ", "согласно ",
	"за даними ", "за словами ", "за інформацією ", "за повідомленням ", "за оцінкою ", "за оцінками ", "як повідомили в ", "как сообщили в ", "как сообщает ", "как сообщают ", "як повідомляє ", "як повідомляють ",
	"according to ", "citing ", "as reported by "}

// pressureOpeners open the phrase naming who pressed or struck the
// actor.
var pressureOpeners = []string{"под натиском ", "под давлением ", "под ударами ", "под огнем ", "под огнём ",
	"під тиском ", "під натиском ", "під ударами ", "під вогнем ",
	"under pressure from ", "under attack from ", "under fire from ", "under heavy pressure from "}

// firstInPhrase reports that the side word c is the first one inside a
// phrase one of openers opens, within reach bytes before it ("по данным
// Минобороны России", "according to the General Staff of Ukraine", "під
// тиском переважаючих сил окупантів"): an opener with no comma, stop or
// dash and no other side word between it and c.
func (si *sentenceInfo) firstInPhrase(c span, reach int, openers []string) bool {
	from := max(0, c.start-reach)
	before := si.lower[from:c.start]
	pairs := newPairFilter(before)
	for _, o := range openers {
		if !pairs.mayContain(o) {
			continue // not in before
		}
		k := strings.LastIndex(before, o)
		if k < 0 || k > 0 && !strings.ContainsRune(" ,(\n\"«", rune(before[k-1])) {
			continue
		}
		if !strings.ContainsAny(before[k:], ",.;:()—–") && len(si.cuesIn(from+k+len(o), c.start)) == 0 {
			return true
		}
	}
	return false
}

// enLandBefore ends the words before a country's name that make it the
// land, not an actor: "in Ukraine", "in eastern Ukraine", "the Donetsk
// region of eastern Ukraine", "across Ukraine" ("Armed Forces of
// Ukraine" stays an actor: "of" alone is not enough).
var enLandBefore = regexp.MustCompile(`(?:\b(?:in|across|throughout|inside|within|into)|\b(?:(?:north|south)-?)?(?:north|south|east|west)(?:ern)?) +$`)

// enLandAfter follows a country's possessive that names part of its land:
// "Ukraine's east", "Russia's Kursk region".
var enLandAfter = regexp.MustCompile(`^(?:'s|’s) +(?:(?:north|south|east|west)(?:ern)?|north-?east(?:ern)?|north-?west(?:ern)?|south-?east(?:ern)?|south-?west(?:ern)?|territory|land|border|[a-z]+ (?:region|oblast|province))\b`)

// cyrObjectVerbStems begin the verbs whose object is the side word
// right after them ("вибили окупантів", "отбросили оккупантов",
// "знищили ворога").
var cyrObjectVerbStems = []string{"вибил", "выбил", "відкинул", "отбросил", "откинул", "витіснил", "вытеснил", "відтіснил", "оттеснил", "знищил", "уничтожил", "зупинил", "остановил", "оточил", "окружил"}

// cyrObjectVerbBefore reports whether the last word of pre is one of
// cyrObjectVerbStems, or an action noun right after one: "зупинили
// просування російських загарбників та продовжують контролювати село"
// (the invaders are whose advance was stopped, not who controls).
func cyrObjectVerbBefore(pre string) bool {
	ws := fields(pre)
	if len(ws) == 0 {
		return false
	}
	// "зупинили просування російських загарбників": past the side
	// adjective and the action noun to the verb.
	if len(ws) > 1 && hasAnyPrefix(ws[len(ws)-1], []string{"російськ", "российск", "ворож", "вражеск"}) {
		ws = ws[:len(ws)-1]
	}
	if len(ws) > 1 && hasAnyPrefix(ws[len(ws)-1], []string{"просуван", "продвижени", "наступ", "атак", "штурм"}) {
		ws = ws[:len(ws)-1]
	}
	return hasAnyPrefix(ws[len(ws)-1], cyrObjectVerbStems)
}

// relativePronounAfter reports whether the text after a side word opens
// a relative clause whose verb follows: "зусилля ворога, який
// намагається захопити" (the enemy is who tries).
func relativePronounAfter(after string) bool {
	after = strings.TrimLeft(after, " ,")
	return hasAnyPrefix(after, []string{"який ", "яка ", "які ", "который ", "которая ", "которые "})
}

// obliqueRelative reports that after, the text right after a side word,
// opens a relative clause whose pronoun is an object ("якого", "которого",
// "whom"): the side word is no subject of that clause.
func obliqueRelative(after string) bool {
	after = strings.TrimLeft(after, " ,")
	return hasAnyPrefix(after, []string{"якого ", "яку ", "яких ", "якому ", "якій ", "котрого ", "котрих ", "которого ", "которую ", "которых ", "которому ", "которым ", "whom "})
}

// nominativeRelative are the relative side words that can be a subject;
// their other cases ("противника", "ворогу", "наших") are objects.
var nominativeRelative = toSet(`ворог вороги противник противники враг враги неприятель наші наши ми мы`)

// datModalSubject: a dative side word before "вдалося", "удалось" is the
// subject of the deed ("Ворогу вдалося просунутися біля X").
func datModalSubject(w, after string) bool {
	switch w {
	case "ворогу", "противнику", "врагу", "окупантам", "оккупантам", "нашим":
	default:
		return false
	}
	for _, m := range []string{" вдалося", " вдалось", " удалось", " удалося", " знову вдалося", " снова удалось", " все ж вдалося", " все же удалось"} {
		if strings.HasPrefix(after, m) {
			return true
		}
	}
	return false
}

// relativeCue: a side word whose side depends on the speaker ("ворог",
// "противник", "the enemy", "наші", "our").
func relativeCue(cue string) bool {
	if cue != "" && cue[0] >= 0x80 {
		k := cyrCueKind(cue)
		return k == ownSide || k == oppositeSide
	}
	return cue == "enemy" || cue == "we" || cue == "our" || cue == "us"
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// claimSide is the side a claim favours: from a possessive in the trigger
// ("under our control"), a passive agent after it ("liberated by the
// Ukrainian army"), or the nearest side word before it in the sentence
// (the actor), then the trigger's default.
func (d *doc) claimSide(si *sentenceInfo, t *trigger, ts, te int) string {
	side, path := d.claimSideBy(si, t, ts, te)
	if side != "" && questionAt(si.text, te) {
		// "Did Russian troops capture Toretsk?", "Захватили ли россияне
		// Торецк?": a question claims nothing for either side.
		side, path = "", "question"
	}
	if sideTrace != nil {
		sideTrace(si.start, si.text[ts:te], side, path)
	}
	return side
}

// otherActorAfter reports that the clause after offset te names, as the
// agent of the deed (Cyrillic instrumental, English "by"), a side other
// than side: "об освобождении Торецка российскими войсками" read by a
// Ukrainian speaker.
func (si *sentenceInfo) otherActorAfter(te int, side string) bool {
	rest := si.lower[te:min(len(si.lower), te+80)]
	end := te + len(rest)
	if k := strings.IndexAny(rest, ",.;:\"»”—("); k >= 0 {
		end = te + k
	}
	for _, c := range si.cuesIn(te, end) {
		if !si.agentForm(c) {
			continue
		}
		if s := cueSide(si.lower[c.start:c.end], si.voice); s != "" && s != side {
			return true
		}
	}
	return false
}

// agentForm reports that the side word c has the form of a passive's
// agent: a Cyrillic plural instrumental ("российскими войсками",
// "російськими військами"), an English one after "by".
func (si *sentenceInfo) agentForm(c span) bool {
	w := si.lower[c.start:c.end]
	if w[0] >= 0x80 {
		for _, end := range []string{"ами", "ями", "ими", "ыми", "іми"} {
			if strings.HasSuffix(w, end) {
				return true
			}
		}
		return false
	}
	return strings.HasSuffix(si.lower[max(0, c.start-4):c.start], "by ") || strings.HasSuffix(si.lower[max(0, c.start-8):c.start], "by the ")
}

// capitalArmy begins a capital's name used for its side's army.
var capitalArmy = regexp.MustCompile(`^(?:kyiv|kiev)(?:'s|’s) +(?:armed +)?(?:forces|troops|army|military|units|soldiers|defenders)\b`)

// questionAt reports that the clause of text holding offset te ends with
// a question mark (before any stop, exclamation mark or closing quote).
func questionAt(text string, te int) bool {
	rest := text[te:]
	k := strings.IndexAny(rest, "?.!»”")
	return k >= 0 && rest[k] == '?'
}

// sideTrace, when set (by tests only), is told which rule of claimSideBy
// decided each claim's side: the sentence's start, the trigger, the side
// and the rule's name.
var sideTrace func(sentenceStart int, trigger, side, path string)

// claimSideBy is claimSide with the name of the rule that decided it.
func (d *doc) claimSideBy(si *sentenceInfo, t *trigger, ts, te int) (string, string) {
	path := ""
	switch {
	case t.fixedSide != "":
		return t.fixedSide, "fixed"
	case t.speakerOwn:
		return sideOf(si.voice), "speakerOwn-voice"
	case t.speakerLost:
		// "ВСУ потеряли контроль над Кураховом, сообщил Пушилин",
		// "Ukraine confirmed the loss of Vuhledar": the side named
		// before lost it; with none named ("Втрачено Білогорівку"),
		// the speaker's side.
		if a, unknown := si.actorBeforeKnown(ts); a != "" {
			return opposite(a), "speakerLost-actor"
		} else if unknown {
			return "", "speakerLost-unknown"
		}
		return opposite(si.voice), "speakerLost-voice"
	}
	if t.assertion == frontline.AssertUnderControl {
		for _, c := range si.cuesIn(ts, te) {
			if s := cueSide(si.lower[c.start:c.end], si.voice); s != "" {
				return s, "control-cue"
			}
		}
		// "Над Селидово поднят флаг России": the flag's genitive.
		if w := si.lower[ts:te]; strings.HasSuffix(w, "флаг") || strings.HasSuffix(w, "прапор") || strings.HasSuffix(w, "стяг") {
			if c, ok := si.cueRightAfter(te, 25); ok {
				if s := cueSide(si.lower[c.start:c.end], si.voice); s != "" {
					return s, "flag-after"
				}
			}
		}
		// "under the control of the Armed Forces of Ukraine".
		if strings.HasPrefix(si.lower[te:], " of ") {
			if c, ok := si.cueRightAfter(te, 45); ok {
				if s := cueSide(si.lower[c.start:c.end], si.voice); s != "" {
					return s, "control-of-after"
				}
			}
		}
	}
	if w := si.lower[ts:te]; strings.HasPrefix(w, "fell to") || strings.HasPrefix(w, "falls to") {
		// "X, which had been under Ukrainian control, fell to Russian
		// troops": the side named after it took X, whatever side words
		// come before.
		if c, ok := si.cueRightAfter(te, 30); ok {
			if s := cueSide(si.lower[c.start:c.end], si.voice); s != "" {
				return s, "fellTo-after"
			}
		}
	}
	actor := ""
	after := si.lower[te:]
	if strings.HasPrefix(after, " by ") {
		if cs := si.cuesIn(te+4, min(len(si.lower), te+40)); len(cs) > 0 {
			actor = cueSide(si.lower[cs[0].start:cs[0].end], si.voice)
			path = "by-agent"
		}
	}
	if actor == "" && t.assertion == frontline.AssertLiberated && t.p.cyrillic {
		// "від росіян на сьогодні підтверджено звільнення", "от ВСУ
		// освобождены": freed from the side named before.
		if s := si.freedFromBefore(ts); s != "" {
			return opposite(s), "freedFrom-before"
		}
	}
	if actor == "" && t.speakerDefault && t.assertion == frontline.AssertLiberated && t.p.cyrillic {
		// "Селидово полностью освобождено от украинских боевиков",
		// "звільнено від окупантів": freed from the side named.
		for _, from := range []string{" от ", " від ", " з-під "} {
			if strings.HasPrefix(after, from) {
				if c, ok := si.cueRightAfter(te+len(from)-1, 30); ok {
					if s := cueSide(si.lower[c.start:c.end], si.voice); s != "" {
						return opposite(s), "freedFrom-after"
					}
				}
			}
		}
	}
	if actor == "" && t.objectLoses {
		// "выбили ВСУ с левого берега": the side driven out lost it.
		if c, ok := si.cueRightAfter(te, 40); ok {
			w := si.lower[c.start:c.end]
			if s := cueSide(w, si.voice); s != "" {
				if si.agentForm(c) {
					// "Подразделения ВСУ … были выбиты российскими
					// штурмовиками", "driven out by Russian forces":
					// the agent of the passive drove them out.
					return s, "objectLoses-agent"
				}
				return opposite(s), "objectLoses-after"
			}
			// "Бойцы группировки «Восток» выбили противника из X": with
			// no voice to read "противника" against, the side named
			// before the verb drove the enemy out.
			if relativeCue(w) {
				if a, unknown := si.actorBeforeKnown(ts); a != "" && !unknown {
					return a, "objectLoses-relative-actorBefore"
				}
			}
			return "", "objectLoses-none"
		}
		// "Ворога вибито": before a passive, the side named lost it.
		// "ВСУ выбиты из Крынок", "отброшены", "вытеснен".
		if w := si.lower[ts:te]; strings.HasSuffix(w, "то") || strings.HasSuffix(w, "ті") || strings.HasSuffix(w, "ены") || strings.HasSuffix(w, "ена") || strings.HasSuffix(w, "ен") || strings.HasSuffix(w, "ит") || strings.HasSuffix(w, "ита") || strings.HasSuffix(w, "иты") || strings.HasSuffix(w, "итий") || strings.HasSuffix(w, "ита") {
			return opposite(si.actorBefore(ts)), "objectLoses-passive-actorBefore"
		}
	}
	if actor == "" && t.sideAfter && sideAfterForm(si.lower[ts:te]) {
		// "под контролем ВС России", "просування ворога": the genitive
		// after the noun names the side.
		if c, ok := si.cueRightAfter(te, 50); ok {
			actor = cueSide(si.lower[c.start:c.end], si.voice)
			path = "sideAfter"
		}
	}
	if actor == "" && t.actorOpposes {
		// "routing Russia from", "driven from": the one named right
		// after the verb lost the place.
		if cs := si.cuesIn(ts, te); len(cs) > 0 {
			actor = cueSide(si.lower[cs[0].start:cs[0].end], si.voice)
			path = "actorOpposes-verb"
		}
	}
	if actor == "" {
		actor = si.cyrAgentSide(t, ts, te)
		path = "cyrAgent"
	}
	unknown := false
	if actor == "" {
		if r := relativeClauseStart(si.lower[:ts]); r >= 0 && len(si.cuesIn(0, r)) > 0 && !si.actorEndsAt(r) && !si.mentionIn(r, ts) {
			// "Сили оборони знищили ДРГ, які зайшли до Покровська":
			// the relative clause's subject is the noun before it,
			// not the sentence's actor; only a side word inside the
			// clause names it.
			actor, unknown = si.actorBeforeKnown(ts)
			path = "relclause-actorBefore"
			if cs := si.cuesIn(r, ts); len(cs) == 0 {
				actor, unknown = "", true
			}
		} else {
			actor, unknown = si.actorBeforeKnown(ts)
			path = "actorBefore"
		}
	}
	if unknown {
		return "", "actorBefore-unknown"
	}
	if actor == "" {
		actor = d.cyrVoiceActor(si, t, ts, te)
		path = "cyrVoiceActor"
	}
	if actor == "" && t.actorOpposes && withdrawalNoun(si.lower[ts:te]) {
		// "Syrskyi announced the withdrawal from Avdiivka", "Сирський
		// ухвалив рішення про вихід з Авдіївки": a commander announces
		// his own side's withdrawal.
		side := sideOf(si.side)
		if side == "" {
			side, _ = cyrSpeakerSide(si.text[:ts])
			side = sideOf(side)
		}
		if side != "" {
			return opposite(side), "withdrawalNoun-speaker"
		}
	}
	if actor == "" && reportedDeed(si, ts) {
		// "Путін заявив про «захоплення» Сіверська", "сообщил об
		// освобождении": the speaker announces his side's deed.
		if v := sideOf(si.side); v != "" {
			if si.otherActorAfter(te, v) {
				// "Сырский сообщил об освобождении Торецка
				// российскими войсками": the deed named is the
				// other side's; the speaker's side would be the
				// opposite one.
				return "", "reportedDeed-conflict"
			}
			return v, "reportedDeed-speaker"
		}
	}
	if actor == "" && t.speakerDefault {
		// "liberated" with no actor named: the speaker's own side.
		if v := sideOf(si.voice); v != "" {
			if si.otherActorAfter(te, v) {
				return "", "speakerDefault-conflict"
			}
			return v, "speakerDefault-voice"
		}
	}
	if actor == "" && (t.speakerDefault || t.assertion == frontline.AssertCaptured) && !t.actorOpposes && t.p.cyrillic && sideOf(si.voice) == "" && len(si.cues) == 0 && agentlessPassive(si.lower[ts:te]) && d.unitSide != "" && d.unitEnd <= si.start && !strings.Contains(d.text[d.unitEnd:si.start], "\n") {
		// "Подразделения группировки «Центр» продолжают наступление на
		// покровском направлении. За сутки освобождено село Украинск":
		// the unit the sentence before named took it.
		return d.unitSide, "unitBefore"
	}
	if w := si.lower[ts:te]; actor == "" && (strings.HasPrefix(w, "fell to") || strings.HasPrefix(w, "falls to") || strings.HasPrefix(w, "fall of")) {
		// "X fell to Russian forces": the side named after; "the fall
		// of Izium is a blow to Russia" names no taker.
		if !strings.HasPrefix(w, "fall of") {
			if c, ok := si.cueRightAfter(te, 30); ok {
				return cueSide(si.lower[c.start:c.end], si.voice), "fellTo-late"
			}
		}
		return "", "fellTo-none"
	}
	if actor == "" {
		// "After the capture of Kurakhove, Russian forces moved west",
		// "После взятия Курахово российские войска …": the main clause's
		// subject took it.
		if s := si.afterTakingSide(ts, te); s != "" {
			return s, "afterTaking"
		}
	}
	if actor == "" && !t.actorOpposes && t.defaultSide == "" && t.fixedSide == "" && !t.p.cyrillic && !takingNoun(si.lower[ts:te]) {
		// (Not a noun: "the capture of Lyman was important" names no
		// taker, and the story's last actor is no more its taker than
		// the other side.)
		// "the troops were already at the gates of Izium": the actor of
		// the story so far.
		actor = d.lastActor
		path = "lastActor"
	}
	if actor == "" {
		if t.defaultSide != "" && sideOf(si.side) == "" && unnamedMilitary(lowerASCII(si.speaker)) {
			// "‘The liberation of Predtechino creates favorable
			// conditions,’ the ministry claimed": a ministry or army
			// named without its country is one of the two sides, and
			// either; the trigger's own default would guess. (An
			// analyst's "the liberation of Izium" keeps it.)
			return "", "default-speakerUnknown"
		}
		return t.defaultSide, "default"
	}
	d.lastActor = actor
	if t.actorOpposes {
		return opposite(actor), path
	}
	return actor, path
}

// relativeClauses open a relative clause whose subject is the noun before.
var relativeClauses = []string{", які ", ", яка ", ", який ", ", яке ", ", котрі ", ", которые ", ", который ", ", которая ", ", которое ", ", who ", ", which ", ", that ",
	// "Российские войска вошли в Торецк, откуда отступили части ВСУ": a
	// clause of place, its subject often after the verb (sides).
	", откуда ", ", звідки ", ", где ", ", де ", ", where ", ", from where ", ", из которого ", ", из которой ", ", з якого ", ", з якої "}

// relativeClausesAfterComma: every relative clause begins with ", ".
var relativeClausesAfterComma = allHavePrefix(relativeClauses, ", ")

// relativeClauseStart is the offset where the last relative clause in pre
// opens (after its comma), or -1.
func relativeClauseStart(pre string) int {
	if relativeClausesAfterComma {
		// Every clause opens with ", ": only the commas are tried, from
		// the last (one LastIndex per comma instead of one per clause
		// word over all of pre, a fiftieth of an extraction).
		for end := len(pre); ; {
			i := strings.LastIndex(pre[:end], ", ")
			if i < 0 {
				return -1
			}
			if hasAnyPrefix(pre[i:], relativeClauses) {
				return i + 1
			}
			end = i + 1
		}
	}
	at := -1
	for _, r := range relativeClauses {
		if i := strings.LastIndex(pre, r); i >= 0 && i+1 > at {
			at = i + 1
		}
	}
	return at
}

// mentionIn reports whether a place is named within [a, b) of the
// sentence ("which Kyiv's forces seized": the capital as an actor).
func (si *sentenceInfo) mentionIn(a, b int) bool {
	for _, m := range si.mentions {
		if ms := m.Start - si.start; ms >= a && ms < b {
			return true
		}
	}
	return false
}

// actorEndsAt reports whether a side word ends right before offset r (the
// comma of a relative clause): "Сили оборони, які звільнили X" — the
// clause is about the actor itself.
func (si *sentenceInfo) actorEndsAt(r int) bool {
	for _, c := range si.cues {
		if c.end <= r && strings.TrimSpace(si.lower[c.end:r]) == "" || c.end <= r && strings.TrimSpace(strings.TrimRight(si.lower[c.end:r], ",")) == "" {
			return true
		}
	}
	return false
}

// sideOf is side if it is one of the two sides at war, else "".
func sideOf(side string) string {
	if side == sideRussia || side == sideUkraine {
		return side
	}
	return ""
}

// sideAfterForm: trigger words whose side follows them: control nouns
// ("под контролем", "під контроль") and verbal nouns ("просування",
// "продвижение", "взятие").
func sideAfterForm(w string) bool {
	return strings.Contains(w, "контрол") || strings.HasPrefix(w, "просуван") || strings.HasPrefix(w, "продвижени") ||
		strings.HasPrefix(w, "взятт") || strings.HasPrefix(w, "взяти") || strings.HasPrefix(w, "переход")
}

// cueRightAfter is the first side word starting within n bytes after
// off, with no punctuation and no place before it.
func (si *sentenceInfo) cueRightAfter(off, n int) (span, bool) {
	for _, c := range si.cues {
		if c.start < off {
			continue
		}
		if c.start-off > n || strings.ContainsAny(si.lower[off:c.start], ".,;:!?") {
			break
		}
		for _, m := range si.mentions {
			if ms := m.Start - si.start; ms >= off && ms < c.start {
				return span{}, false
			}
		}
		return c, true
	}
	return span{}, false
}

// reportingIn reports whether a Ukrainian or Russian reporting verb lies
// within [a, b): "Сіверськ не контролюється …, заявив Запорожець" does not
// reach past "заявив".
func (si *sentenceInfo) reportingIn(a, b int) bool {
	for _, r := range si.cyrReporting {
		if r.start >= a && r.end <= b {
			return true
		}
	}
	return false
}

// scareQuoted reports whether the trigger at [ts, te) stands in quotes of
// its own: «звільнення», "liberation".
func scareQuoted(lower string, ts, te int) bool {
	pre, post := lower[:ts], lower[te:]
	for _, q := range [][2]string{{"«", "»"}, {"\"", "\""}, {"“", "”"}, {"„", "“"}} {
		if strings.HasSuffix(pre, q[0]) && strings.HasPrefix(post, q[1]) {
			return true
		}
	}
	return false
}

// isMonthMay tells whether the hedge word at text[a:b] is the month May:
// capitalised inside a sentence, or followed by a day or a year.
func isMonthMay(text string, a, b int) bool {
	if b-a != 3 || text[a:b] != "May" {
		return false
	}
	if strings.TrimSpace(text[:a]) != "" {
		return true
	}
	rest := strings.TrimLeft(text[b:], " ")
	return rest != "" && rest[0] >= '0' && rest[0] <= '9'
}

// narrativeGap is how far before publication the time a paragraph tells
// must lie for its undated sentences to share it: news of the last days
// ("on Thursday … The ministry also said …") keeps the day it was
// published.
const narrativeGap = 7 * 24 * time.Hour

// narrativePast reports whether the sentence at abs, which has no time of
// its own, continues a paragraph whose last resolved time (lastDate, set
// by a sentence of the same paragraph: no line break between) ended more
// than narrativeGap before publication.
func (d *doc) narrativePast(abs int) bool {
	if d.lastDate == "" || d.lastDateAt > abs || strings.ContainsRune(d.text[d.lastDateAt:abs], '\n') {
		return false
	}
	end := d.lastDate
	if i := strings.IndexByte(end, '/'); i >= 0 {
		end = end[i+1:]
	}
	t, err := time.Parse(isoDay, end)
	if err != nil {
		return false
	}
	return d.published.Sub(t) > narrativeGap
}

// temporalClause reports whether the English trigger at ts stands in a
// clause that opens the sentence with "as", "when", "once" or "after" and
// ends in a comma before the main clause: "As Ukrainian forces entered
// the towns of X and Y, they found …".
func temporalClause(lower string, ts int) bool {
	head := strings.TrimLeft(lower[:ts], " \t\n\"“«")
	opens := false
	for _, w := range []string{"as ", "when ", "once ", "after ", "while "} {
		if strings.HasPrefix(head, w) {
			opens = true
			break
		}
	}
	if !opens || strings.ContainsAny(head, ",;:") {
		return false
	}
	rest := lower[ts:]
	c := strings.IndexByte(rest, ',')
	return c >= 0 && !strings.ContainsAny(rest[:c], ".;:")
}

// passiveBefore reports whether pre ends in a passive auxiliary: "was",
// "were", "has been", "had been", "have been", "is", "are".
func passiveBefore(pre string) bool {
	for _, a := range []string{" was ", " were ", " been ", " is ", " are "} {
		if strings.HasSuffix(pre, a) {
			return true
		}
	}
	return false
}

// anaphoricDenial reports whether the text between a claim and a denial
// after it ends with a contrast and "this" as the denial's subject: ", але
// це", ", но это", ", but this is", ", but that was".
func anaphoricDenial(between string) bool {
	for _, c := range contrastClause {
		i := strings.LastIndex(between, c)
		if i < 0 {
			continue
		}
		rest := strings.TrimSpace(between[i+len(c):])
		switch rest {
		case "", "це", "это", "все це", "всё это", "все это", "this", "this is", "that", "that is", "it is", "this was", "that was", "it was", "such claims are", "the claim is", "the claims are":
			return c != "; "
		}
		if c != "; " && deniedBySomeone(rest) {
			return true
		}
		if c != "; " && demonstrativeClaim(rest) {
			// "…, але ці заяви — фейк", "но эти сообщения — ложь".
			return true
		}
	}
	return false
}

// deniedBySomeone reports whether the words of a contrast clause before
// its denial name who denies and "this": "однак у ЗСУ це спростували",
// "проте Генштаб це не підтверджує", "но в ВСУ это опровергли".
func deniedBySomeone(rest string) bool {
	f := strings.Fields(rest)
	if len(f) < 2 || len(f) > 5 {
		return false
	}
	last := f[len(f)-1]
	return last == "це" || last == "это" || last == "цього" || last == "этого"
}

// denierBetween is who denies a claim, named between the claim and the
// denial after the last contrast ("…, но в ВСУ это опровергли", "…, which
// Kyiv denied", "…; Kyiv denies"), with its side when that is side (the
// side the denial favours); else "", "".
func denierBetween(between, side string) (string, string) {
	l := strings.ToLower(between)
	at := -1
	for _, c := range append([]string{", однак ", ", which ", ", а "}, contrastClause...) {
		if i := strings.LastIndex(l, c); i >= 0 && i+len(c) > at {
			at = i + len(c)
		}
	}
	if at < 0 {
		return "", ""
	}
	phrase := strings.TrimSpace(between[at:])
	for _, w := range []string{"це", "это", "цього", "этого", "this", "it", "that"} {
		phrase = strings.TrimSpace(strings.TrimSuffix(phrase, " "+w))
	}
	phrase = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(phrase, "в "), "у "), "in "))
	if phrase == "" || len([]rune(phrase)) > 60 {
		return "", ""
	}
	s, name := cyrSpeakerSide(phrase)
	if s == "" {
		s, name = speakerSide(phrase)
	}
	if s == "" {
		s = phraseCueSide(phrase)
	}
	if s != side {
		return "", ""
	}
	if c, ok := capitals[strings.ToLower(phrase)]; ok {
		return c.government, c.side
	}
	if name == "" {
		name = phrase
	}
	return name, s
}

// contrastDenier reports whether the text between a claim and its denial
// is a contrast clause naming the one who denies: the claim was made by
// someone else, and both stand (the claim as its speaker made it, and
// the denial).
func contrastDenier(between string) bool {
	for _, c := range append([]string{", однак "}, contrastClause...) {
		if i := strings.LastIndex(between, c); i >= 0 && c != "; " {
			return deniedBySomeone(strings.TrimSpace(between[i+len(c):]))
		}
	}
	return false
}

// deniesNamedClaim reports whether the words after a denial name the claim
// it denies ("denying Russian claims", "спростувавши заяви окупантів").
func deniesNamedClaim(after string) bool {
	f := strings.Fields(after)
	for k := 0; k < len(f) && k < 3; k++ {
		for _, n := range []string{"claim", "report", "statement", "заяв", "повідомлен", "сообщени", "информаци", "інформаці"} {
			if strings.HasPrefix(f[k], n) {
				return true
			}
		}
	}
	return false
}

// claimNounForms are the nouns that name a claim ("заяви РФ про його
// захоплення", "claims of its capture"), whole words: "заявив" (stated)
// is no claim named.
var claimNounForms = map[string]bool{
	"заява": true, "заяви": true, "заяв": true, "заяву": true, "заявам": true, "заявами": true, "заявах": true,
	"заявление": true, "заявления": true, "заявлений": true, "заявлениям": true, "заявлениями": true,
	"повідомлення": true, "повідомлень": true, "сообщение": true, "сообщения": true, "сообщений": true,
	"claim": true, "claims": true, "statement": true, "statements": true, "report": true, "reports": true,
	"інформація": true, "інформацію": true, "інформації": true, "информация": true, "информацию": true, "информации": true,
	"information": true,
}

// namesOwnClaim reports whether the words between a claim's trigger and a
// denial after it name another claim: a claim noun, not taken up by a
// demonstrative ("ці заяви", "these claims" answer the claim before), with
// a pronoun for the place ("а заяви РФ про його захоплення є фейком"),
// the side that makes it ("а сообщения россиян", "and Russian claims") or
// the contrary ("про протилежне", "об обратном", "to the contrary"): the
// denial is about that claim, not the one before.
func namesOwnClaim(between string) bool {
	f := strings.Fields(between)
	for k, w := range f {
		if !claimNounForms[strings.Trim(w, ",.;:«»\"“”")] {
			continue
		}
		if k > 0 && claimDemonstratives[f[k-1]] {
			continue
		}
		for j, x := range f[k+1:] {
			switch x {
			case "його", "его", "її", "ее", "её", "its", "their", "їх", "их":
				return true
			}
			if strings.HasPrefix(x, "протилежн") || strings.HasPrefix(x, "обратн") || strings.HasPrefix(x, "contrary") || strings.HasPrefix(x, "opposite") {
				return true
			}
			if j == 0 && sideGenitive(x) {
				return true
			}
		}
		if k > 0 && sideGenitive(f[k-1]) {
			return true // "Russian claims", "российские заявления"
		}
	}
	return false
}

// demonstrativeClaim reports whether rest, the words of a contrast clause
// before its denial, are a demonstrative and a claim noun ("ці заяви —",
// "эти сообщения", "these claims are").
func demonstrativeClaim(rest string) bool {
	var f []string
	for _, w := range strings.Fields(rest) {
		switch w {
		case "—", "–", "-", "є", "это", "це", "are", "were", "is", "was":
			continue
		}
		f = append(f, w)
	}
	return len(f) == 2 && claimDemonstratives[f[0]] && f[0] != "the" && claimNounForms[f[1]]
}

// claimDemonstratives take up the claim before: "ці заяви", "эти
// сообщения", "these claims", "such reports".
var claimDemonstratives = toSet(`ці ці ця цю ці такі такої эти это эта такие такое these those this that such the`)

// sideGenitive reports whether w names a side as the maker of a claim
// ("заяви РФ", "сообщения россиян", "Russian claims").
func sideGenitive(w string) bool {
	w = strings.Trim(w, ",.;:«»\"“”'’s")
	for _, p := range []string{"рф", "росі", "росси", "россий", "російськ", "окупант", "оккупант", "ворог", "противник", "кремл", "москв", "russia", "moscow", "kremlin", "україн", "украин", "ukrain", "зсу", "всу", "kyiv", "києв", "киев"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// reversedAfter reports whether the words after a place at from in lower
// throw back the advance on it: a contrast right after the place and, in
// its first words, a verb that drives out with a pronoun object ("…
// Часів Яр, але ми його вибили", "…, но наши их выбили", "but they drove
// them out"), or a passive of it ("але був відкинутий", "but were driven
// out").
func reversedAfter(lower string, from int) bool {
	if from < 0 || from > len(lower) {
		return false
	}
	rest := lower[from:]
	if i := strings.IndexAny(rest, ".;!?"); i >= 0 {
		rest = rest[:i]
	}
	rest = strings.TrimLeft(rest, "»\"”' ")
	for _, c := range []string{", але ", ", но ", ", but ", ", однак ", ", проте ", ", однако "} {
		if !strings.HasPrefix(rest, c) {
			continue
		}
		after := rest[len(c):]
		// A passive with no pronoun: "але був відкинутий", "но были
		// выбиты", "but were driven out".
		for _, p := range []string{"відкинут", "отброшен", "выбит", "вибит", "витіснен", "вытеснен", "were driven out", "was driven out", "were pushed back", "was pushed back", "were thrown back"} {
			if i := strings.Index(after, p); i >= 0 && len(strings.Fields(after[:i])) <= 2 {
				return true
			}
		}
		f := strings.Fields(after)
		pronoun, verb := false, false
		for k := 0; k < len(f) && k < 5; k++ {
			w := strings.Trim(f[k], ",»\"”")
			switch w {
			case "його", "его", "їх", "их", "them", "him":
				pronoun = true
			}
			for _, st := range []string{"вибил", "выбил", "відкинул", "отбросил", "витіснил", "вытеснил", "drove", "pushed", "forced", "knocked", "expelled"} {
				if strings.HasPrefix(w, st) {
					verb = true
				}
			}
		}
		return pronoun && verb
	}
	return false
}

// contrastClause opens a clause that answers the one before: a denial
// after it ("сообщили об освобождении Снигиревки, однако российская
// сторона это не подтверждала") denies, it does not make the claim before
// it a denial.
var contrastClause = []string{", однако", ", но ", ", але ", ", проте", ", however", ", but ", "; "}

// enSettlementsCounted: right after a taking verb, settlements counted
// but not named ("captured three more villages", "seized settlements in
// Ukraine's Donetsk, Lugansk and Kharkiv regions").
var enSettlementsCounted = regexp.MustCompile(`^\s+(?:(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|a few|more|another|further|other|new|the|two more|three more|four more|five more)\s+)*(?:villages|settlements|towns|localities|communities|hamlets)\b|(?:a|another|one more)\s+(?:(?:small|tiny|new|frontline|front-line|key|strategic)\s+)?(?:village|settlement|hamlet)\b)`)

// cyrSettlementsCounted: the same in Ukrainian and Russian ("окупували 5
// населених пунктів", "освободили два села").
var cyrSettlementsCounted = regexp.MustCompile(`^\s+(?:(?:від|от|з-під|из-под)\s+(?:\pL+\s+){1,2}|(?:\pL+\s+){0,2}(?:з|із|из)\s+)?(?:(?:уже|вже|всего|загалом)\s+)?(?:(?:\d+|один|одне|одно|одну|два|дві|две|двох|двух|три|трьох|трех|чотири|четыре|чотирьох|четырех|п'ять|п’ять|пять|п'яти|п’яти|пяти|шість|шесть|кілька|кількох|несколько|нескольких|низку|низки|ряд|ряду|ряда|ще|еще|ещё)\s+)+(?:населен\pL*|сел\pL*|селищ\pL*|поселк\pL*)(?:\s|$|[,.])`)

// enInlineListOpener: the name of a settlement counted, given later in
// its sentence ("captured another village …, naming it as X").
var enInlineListOpener = regexp.MustCompile(`\b(?:identified|named|identifying|naming)\s+(?:it|the (?:village|settlement|town|hamlet))\s+as\s+`)

// cyrReferenceBefore ends the words before a place that is where
// settlements counted lie, not one of them ("кількох населених пунктів
// поряд з Гуляйполем", "ряда сел возле Купянска").
var cyrReferenceBefore = regexp.MustCompile(`(?:поряд з|поруч з|поряд із|біля|поблизу|неподалік від|неподалік|навколо|довкола|возле|около|рядом с|вблизи|недалеко от|вокруг)\s+$`)

// cyrInlineListOpener opens, in the sentence of a taking verb whose object
// is settlements counted, the list that names them: "відійшли з низки
// населених пунктів поряд з Гуляйполем – мова про A, B, C", "освободили
// ряд сел — речь идет о A и B".
var cyrInlineListOpener = regexp.MustCompile(`\s[–—-]\s*(?:мова про|мова йде про|йдеться про|речь ид[её]т об?|а саме|а именно)[:,]?\s+`)

// listTemplate is the claim a taking verb at [ts, te) makes of each
// settlement the next sentence lists, nil when it is denied, negated or
// only attempted.
func (d *doc) listTemplate(si *sentenceInfo, t *trigger, ts, te int) *frontline.Claim {
	if negatedBefore(si.lower, ts) || attemptBefore(si.lower, ts) || strings.HasSuffix(si.lower[:ts], " to ") {
		return nil
	}
	if len(si.denials) > 0 {
		return nil
	}
	c := &frontline.Claim{
		Start: si.start, End: si.end, Assertion: t.assertion, Trigger: si.text[ts:te],
		Speaker: si.speaker, SpeakerSide: frontline.Side(si.side),
		RefersTo: si.refersTo, RefersToPhrase: si.phrase, Hedges: si.hedges, Evidence: si.evidence,
		Side: frontline.Side(d.claimSide(si, t, ts, te)),
	}
	switch {
	case c.Assertion == frontline.AssertCaptured && c.Side == frontline.SideUkraine:
		c.Assertion = frontline.AssertLiberated
	case c.Assertion == frontline.AssertLiberated && c.Side == frontline.SideRussia:
		c.Assertion = frontline.AssertCaptured
	}
	return c
}

// listOpenerRe opens a sentence that names the settlements counted in the
// one before: "They were X, Y and Z", "The villages are …", "Namely …".
var listOpenerRe = regexp.MustCompile(`^\s*(?:they|these|those|the (?:villages|settlements|towns|localities)) (?:were|are|include|included)\s+|^\s*namely,?\s+|^\s*(?:серед них|среди них)[^–—:.]{0,60}[–—:]\s*|` +
	// "Речь идет о Красногоровке, а также о трех селах – …", "Йдеться
	// про …", "Это …", "А саме: …".
	`^\s*(?:(?:как сообщило|как сообщил|по данным)[^,]{0,60},\s*)?(?:речь ид[её]т об?|йдеться про|мова йде про|это|це|а саме|а именно)[:,]?\s+|` +
	// "… такі населені пункти: A; B; C", "— це A, B".
	`(?:такі|такие|следующие|наступні)\s+(?:населені пункти|населенные пункты|села|селища|поселки)\s*[:–—]\s*|\s[–—]\s*(?:це|это)\s+|` +
	// "… published by the 68th Brigade, which identified the settlement
	// as Blahodatne", "naming it as X".
	`\b(?:identified|named|identifying|naming)\s+(?:it|the (?:village|settlement|town|hamlet))\s+as\s+`)

// listItemLeadRe is what may stand before a listed name: "the small
// village of", "the town of".
var listItemLeadRe = regexp.MustCompile(`^(?:(?:and|or|та|і|й|и)\s+)?(?:(?:а также|а також|также|також)\s+)?(?:(?:о|об|про)\s+)?(?:(?:\pL+\s+)?(?:сел\pL*|селищ\pL*|поселк\pL*|населен\pL*\s+пункт\pL*)\s*[-–—:]\s*)?(?:the\s+)?(?:(?:small|tiny|large|nearby|frontline|front-line)\s+)?(?:(?:village|town|city|settlement|hamlet)\s+of\s+)?`)

// listedClaims makes the claim pending from the sentence before
// (listTemplate) about each settlement this sentence lists after its
// opener, and returns how many. A list item is a name at the start of a
// part between commas or "and"; a part that opens a relative clause
// ("which lies between the cities of Donetsk and Pokrovsk") is skipped
// whole. The quote spans both sentences.
func (d *doc) listedClaims(si *sentenceInfo) int {
	tpl := d.pendingList
	if tpl == nil || tpl.End > si.start {
		return 0 // none, or this sentence's own
	}
	loc := listOpenerRe.FindStringIndex(si.lower)
	if loc == nil {
		// "Звільнили ще п'ять населених пунктів. Триває контрнаступ …
		// Про це повідомив … Повернулися … такі населені пункти: …":
		// the list may come a few sentences on, while the sentences
		// between name no settlement.
		if si.start-tpl.End > 400 || si.namesSettlement() {
			d.pendingList = nil
		}
		return 0
	}
	d.pendingList = nil
	return d.listedFrom(si, tpl, loc[1])
}

// listedFrom makes the claim tpl about each settlement si lists from
// offset off (in si.lower) on, and returns how many.
func (d *doc) listedFrom(si *sentenceInfo, tpl *frontline.Claim, off int) int {
	made := 0
	for _, chunk := range splitAfterAny(si.lower[off:], ", ", "; ") {
		chunkAt := off
		off += len(chunk)
		chunk = strings.TrimSuffix(strings.TrimSuffix(chunk, ", "), "; ")
		if w := strings.Fields(chunk); len(w) == 0 || w[0] == "which" || w[0] == "that" || w[0] == "where" || w[0] == "who" || w[0] == "whose" || w[0] == "while" {
			continue
		}
		itemAt := chunkAt
		for _, item := range splitAfterAny(chunk, " and ", " та ", " і ", " и ", " й ") {
			at := itemAt
			itemAt += len(item)
			at += len(listItemLeadRe.FindString(item))
			for _, m := range si.mentions {
				if m.Start-si.start != at || m.Kind != frontline.MentionSettlement || !d.claimPlace(m) {
					continue
				}
				if d.claimedIn(m.Place.ID, si.end) {
					break
				}
				c := *tpl
				c.Start = min(tpl.Start, si.start)
				c.End = si.end
				c.Quote = d.text[c.Start:c.End]
				c.PlaceID, c.PlaceName, c.Mention = m.Place.ID, m.Place.Name, m.Mention
				d.claims = append(d.claims, c)
				made++
				break
			}
		}
	}
	return made
}

// fromBefore reports whether pre ends with a preposition of what a place is
// freed from: "від", "от", "з-під", "из-под" and up to one adjective
// ("від російських").
func fromBefore(pre string) bool {
	if !strings.Contains(pre, "від ") && !strings.Contains(pre, "от ") && !strings.Contains(pre, "під ") && !strings.Contains(pre, "под ") {
		return false
	}
	return fromBeforeRe.MatchString(pre)
}

var fromBeforeRe = regexp.MustCompile(`(?:^|[\s(])(?:від|от|з-під|из-под)\s+(?:\pL+\s+)?$`)

// freedFromBefore is the side named after "від"/"от" before the trigger
// at ts, in the same clause, or "".
func (si *sentenceInfo) freedFromBefore(ts int) string {
	cues := si.cuesIn(0, ts)
	for k := len(cues) - 1; k >= 0; k-- {
		c := cues[k]
		if strings.ContainsAny(si.lower[c.end:ts], ".;") {
			break
		}
		if fromBefore(si.lower[max(0, c.start-20):c.start]) {
			return cueSide(si.lower[c.start:c.end], si.voice)
		}
	}
	return ""
}

// clauseFrom is lower from off to the end of its clause (the next comma,
// semicolon or full stop).
func clauseFrom(lower string, off int) string {
	if i := strings.IndexAny(lower[off:], ",;."); i >= 0 {
		return lower[off : off+i]
	}
	return lower[off:]
}

// afterTakingNouns begin a noun of taking in a temporal phrase.
var afterTakingRe = regexp.MustCompile(`(?:^|[\s,(])(?:after|following|після|после|по завершении|по завершенні)\s+(?:the\s+)?$`)

// afterTakingSide: a noun of taking (not "fall") at [ts, te) right after
// "after the", "following the", "после", "після" is the deed of the main
// clause's subject, a side word right after the comma that closes the
// phrase ("After the capture of X, Russian forces …"); else "".
func (si *sentenceInfo) afterTakingSide(ts, te int) string {
	w := si.lower[ts:te]
	ok := false
	for _, n := range []string{"capture", "seizure", "liberation", "recapture", "взяти", "взятт", "захват", "захопленн", "освобожден", "звільненн"} {
		if strings.HasPrefix(w, n) {
			ok = true
		}
	}
	if !ok || !afterTakingRe.MatchString(si.lower[max(0, ts-25):ts]) {
		return ""
	}
	comma := strings.IndexByte(si.lower[te:], ',')
	if comma < 0 {
		return ""
	}
	at := te + comma + 1
	if c, ok := si.cueRightAfter(at, 25); ok {
		return cueSide(si.lower[c.start:c.end], si.voice)
	}
	return ""
}

// objectRelativeRe ends a preposition's object that opens an English
// relative clause right before a trigger: "to the occupiers who", "for
// Russian soldiers who".
var objectRelativeRe = regexp.MustCompile(`\b(?:to|for|with|against|among|of) (?:the |all |those |any )?(?:[a-z'’-]+ ){0,2}(?:occupiers|invaders|soldiers|troops|forces|servicemen|units|fighters|russians|ukrainians) (?:who|that) (?:still )?$`)

// objectRelativeBefore reports whether pre ends with such a relative
// clause's opening.
func objectRelativeBefore(pre string) bool {
	if !strings.HasSuffix(pre, "who ") && !strings.HasSuffix(pre, "that ") && !strings.HasSuffix(pre, "still ") {
		return false
	}
	return objectRelativeRe.MatchString(pre[max(0, len(pre)-80):])
}

// claimedIn reports whether a claim about the place ends at end.
func (d *doc) claimedIn(placeID string, end int) bool {
	for _, c := range d.claims {
		if c.PlaceID == placeID && c.End == end {
			return true
		}
	}
	return false
}

// namesSettlement reports whether the sentence names a settlement.
func (si *sentenceInfo) namesSettlement() bool {
	for _, m := range si.mentions {
		if m.Kind == frontline.MentionSettlement {
			return true
		}
	}
	return false
}

// splitAfterAny splits s after each occurrence of any of seps.
func splitAfterAny(s string, seps ...string) []string {
	var out []string
	for {
		cut := -1
		for _, sep := range seps {
			if i := strings.Index(s, sep); i >= 0 && (cut < 0 || i+len(sep) < cut) {
				cut = i + len(sep)
			}
		}
		if cut < 0 {
			return append(out, s)
		}
		out = append(out, s[:cut])
		s = s[cut:]
	}
}

// reportedDeed reports whether the Cyrillic trigger at ts is a noun
// governed by a verb of saying right before it: "заявив про «захоплення»",
// "сообщил об освобождении", "доповів про звільнення".
func reportedDeed(si *sentenceInfo, ts int) bool {
	pre := strings.TrimRight(si.lower[:ts], " «\"“„")
	if pre == "" {
		// "Взятие Уманского подтвердили в Минобороны России": a deed
		// named as a noun that opens the sentence, its speaker after.
		w := si.lower[ts:]
		for _, n := range []string{"взятие ", "взятия ", "взяття ", "освобождение ", "звільнення ", "захоплення ", "захват "} {
			if strings.HasPrefix(w, n) {
				for _, r := range si.cyrReporting {
					if r.start > ts {
						return true
					}
				}
			}
		}
	}
	for _, p := range []string{" про", " об", " о"} {
		if !strings.HasSuffix(pre, p) {
			continue
		}
		before := pre[:len(pre)-len(p)]
		for _, r := range si.cyrReporting {
			if r.end <= len(before) && textLen(strings.TrimSpace(before[r.end:])) <= 12 {
				return true
			}
		}
	}
	return false
}

// takingNoun: a trigger that names a taking as a noun ("the capture of",
// "the fall of", "liberation of"), which says nothing of who took.
func takingNoun(w string) bool {
	for _, n := range []string{"capture of", "fall of", "liberation of", "recapture of", "seizure of", "occupation of", "withdrawal of"} {
		if w == n {
			return true
		}
	}
	return false
}

// towardsSettlement reports whether a direction stop in gap names
// settlements ("в направлении населенных пунктов Новогродовка и
// Цукурино"): fighting or moving towards them, which reaches them.
func towardsSettlement(gap string) bool {
	for _, d := range []string{"в направлении населен", "в направлении населённ", "в напрямку населен", "у напрямку населен"} {
		if strings.Contains(gap, d) {
			return true
		}
	}
	return false
}

// positionsTaken reports whether the object of a taking verb, before its
// place, is positions or lines ("рубежи и позиции у", "позиції біля",
// "positions near").
func positionsTaken(object string) bool {
	for _, n := range []string{"позиці", "позици", "рубеж", "position", "opornik", "опорн", "высот", "висот"} {
		if strings.Contains(object, n) {
			return true
		}
	}
	return false
}

// cyrPositionsNear: prepositions that make a place the reference point of
// the positions before it ("позиції біля", "позиции в районе села"), right
// before the place: "позиции под натиском противника в Панковке" left the
// place, not positions near it.
var cyrPositionsNear = regexp.MustCompile(`\s(?:в районі|у районі|в районе|біля|поблизу|неподалік(?:\s+від)?|около|возле|вблизи|под)(?:\s+(?:населен\pL*\s+пункт\pL*|сел\pL*|селищ\pL*|поселк\pL*|посёлк\pL*|міст\pL*|город\pL*|смт|пгт|с\.|м\.|г\.|н\.\s?п\.))?\s*$`)

// cyrPositionsNearCounted: positions left near settlements counted, the
// place after them the region they lie in ("отступили с позиций у пяти
// населенных пунктов в Запорожье", "відійшли з позицій біля кількох
// населених пунктів на Запоріжжі").
var cyrPositionsNearCounted = regexp.MustCompile(`^\s*(?:з|із|с|из)\s+(?:своих\s+|своїх\s+)?позиц\pL*\s+(?:у|возле|около|вблизи|біля|поблизу|неподалік)\s+(?:\d+|двух|трех|четырех|пяти|нескольких|ряда|двох|трьох|чотирьох|п'яти|п’яти|кількох|низки)\s+(?:населен\pL*|сел\pL*|поселк\pL*|селищ\pL*)\s`)

// ruWithdrawalNear reports whether a Russian withdrawal verb w is followed
// right away by a preposition of nearness that opens gap, the words before
// its place ("отошли у X", "отступили возле X", "отошли у Новоуспенского,
// Нового": a name not read first).
func ruWithdrawalNear(w, gap string) bool {
	if !strings.HasPrefix(w, "отош") && !strings.HasPrefix(w, "отступ") && !strings.HasPrefix(w, "отход") && !strings.HasPrefix(w, "отвел") {
		return false
	}
	for _, p := range []string{"у", "возле", "около", "вблизи", "под"} {
		if gap == p || strings.HasPrefix(gap, p+" ") {
			return true
		}
	}
	return false
}

// withdrawalNoun reports whether a withdrawal trigger is a noun or an
// infinitive of deciding ("the withdrawal from", "вихід з", "вывести
// войска из"), which names no one who withdrew.
func withdrawalNoun(w string) bool {
	for _, p := range []string{"withdrawal", "вихід", "виходу", "вивід", "виводу", "виведення", "відведення", "вивести", "відвести", "вывод", "вывода", "выводе", "вывести", "отвести", "отвод", "выход", "выхода", "відхід", "відходу", "отход"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// sentenceUnitSide is the side of the army units a Cyrillic sentence names
// (a Russian grouping, a Ukrainian brigade), when it names one and no side
// word of another side or a relative one; else "".
func sentenceUnitSide(si *sentenceInfo) string {
	if si == nil || si.lower == "" || !hasCyrillic(si.lower) {
		return ""
	}
	side, unit := "", false
	for _, c := range si.cues {
		w := si.lower[c.start:c.end]
		k := cyrCueKind(w)
		if k != sideRussia && k != sideUkraine {
			return "" // "ворог", "наші": read against a voice
		}
		if side != "" && side != k {
			return ""
		}
		side = k
		if containsAny(w, []string{"группировк", "угрупован", "угрупуван", "бригад", "омбр", "ошбр", "одшбр", "огшбр", "оаембр"}) {
			unit = true
		}
	}
	if !unit {
		return ""
	}
	return side
}

// agentlessPassive reports whether a Cyrillic taking trigger is a passive
// form that names no agent by itself ("освобождено", "звільнено",
// "зачищено", "взята под контроль").
func agentlessPassive(w string) bool {
	if i := strings.IndexByte(w, ' '); i > 0 {
		w = w[:i] // "взята под контроль"
	}
	for _, suf := range []string{"ено", "ена", "ен", "ано", "ана", "ято", "ята", "ят", "яты"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// placeRightAfterPossessive reports whether a place mention follows the
// side word ending at off as its possessive ("Ukraine's Kharkiv",
// "Russia’s Kursk region").
func (si *sentenceInfo) placeRightAfterPossessive(off int) bool {
	w := si.lower[:off]
	rest := si.lower[off:]
	switch {
	case strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s"):
	case strings.HasPrefix(rest, "'s"):
		rest, off = rest[len("'s"):], off+len("'s")
	case strings.HasPrefix(rest, "’s"):
		rest, off = rest[len("’s"):], off+len("’s")
	default:
		return false
	}
	if !strings.HasPrefix(rest, " ") {
		return false
	}
	at := off + 1
	for _, m := range si.mentions {
		if m.Start-si.start == at {
			return true
		}
	}
	return false
}
