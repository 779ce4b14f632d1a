package extract

import (
	"regexp"
	"strings"

	"github.com/frontline-osint/frontline"
)

// The trackers' English: the formulae of DeepState's English notes and of
// Ukrainian writers in English, beside the press patterns of claims.go.
//
//	"The enemy advanced north of Tonenke."                  advanced towards
//	"The enemy advanced a little in Nevelske."              advanced towards
//	"The enemy have a progress on south of Bakhmut"         advanced towards
//	"The enemy has partial success in Paraskoviivka"        advanced towards
//	"Defence Forces regained positions on south of X"       advanced towards
//	"Metolkine is occupied by the Moscow occupiers."        captured
//	"completed the full occupation of Krasnohorivka"        captured
//	"X, Y and Z were liberated by ukrainian forces"         each of the list
//	"liberated Shchurove (confirmation) and Dibrova"        both
//	"advanced in the Serebryanka forestry, near Chasiv Yar" the list goes on
//
// Their sides follow claims.go: the actor before the verb, an agent after
// "by", else the voice (voice_en.go) for "liberated", "cleared",
// "regained positions". Of several triggers starting at one word the
// longest is read (dropShadowed).

// enDirection is a compass direction as the notes write it: "north",
// "south-east", "northeast", "the southern part".
const enDirection = `(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?(?: part| outskirts| side| edge)?`

var enTriggers = []trigger{
	// Troops that stay are in the place, which says they hold it only
	// when it is theirs ("Ukrainian marines remain in Krynky") and not
	// when they got in ("Russian troops remain in Kupiansk"): presence,
	// read as ground gained in it, the weaker claim. "Still hold X" is
	// control. Only with a side named or voiced.
	{assertion: frontline.AssertAdvancedTowards, afterOnly: true, needSide: true, p: newWordPattern(
		[]string{"remain", "stay", "still", "continu", "hold", "kept", "keep", "maintain"},
		`(?:remain|remains|remained|stay|stays|stayed) (?:in|inside)|(?:still |continue to |continues to |continued to )?(?:hold|holds|holding|held|keep|keeps|kept|maintain|maintains|maintained) (?:(?:their |its |the )?positions? (?:in|inside|at)|(?:their |its )?(?:presence|foothold) in)`)},
	{assertion: frontline.AssertUnderControl, afterOnly: true, needSide: true, p: newWordPattern(
		[]string{"still", "continu"},
		`(?:still|continue to|continues to|continued to) (?:hold|holds|control|controls)`)},
	// "its forces now largely control the city of Kherson", "Russian
	// forces say they now effectively control Bakhmut": control said with
	// an adverb of degree or time (not "lost control of"), only with a
	// side.
	{assertion: frontline.AssertUnderControl, afterOnly: true, needSide: true, p: newWordPattern(
		[]string{"now", "effect", "large", "fully", "firmly", "already"},
		`(?:now |effectively |largely |fully |firmly |already )+(?:control|controls|controlled)`)},
	// "the Russian-controlled city of Donetsk", "the Ukrainian-held town
	// of Kurakhove": the land's holder named in its attribute.
	{assertion: frontline.AssertUnderControl, afterOnly: true, adjacent: true, fixedSide: sideRussia, p: newWordPattern(
		[]string{"russian-", "moscow-"},
		`(?:russian|moscow)-(?:controlled|held)(?: (?:city|town|village|settlement|port|hub|stronghold|industrial hub|logistics hub|regional capital)(?: of)?)?`)},
	{assertion: frontline.AssertUnderControl, afterOnly: true, adjacent: true, fixedSide: sideUkraine, p: newWordPattern(
		[]string{"ukrainian-", "ukraine-", "kyiv-"},
		`(?:ukrainian|ukraine|kyiv)-(?:controlled|held)(?: (?:city|town|village|settlement|port|hub|stronghold|industrial hub|logistics hub|regional capital)(?: of)?)?`)},
	// "Russian forces entrenched in X", "dug in at X", "consolidated
	// positions in X": a foothold, ground gained in the place.
	{assertion: frontline.AssertAdvancedTowards, afterOnly: true, p: newWordPattern(
		[]string{"entrench", "dug", "dig", "consolidat"},
		`(?:entrench(?:ed|es|ing)?|dug in|digging in|dig in|consolidat(?:ed|es|ing|e)(?: their| its)? positions?)(?: themselves)? (?:in|at|on the outskirts of)`)},
	// "completed the clearing of X": taken, not being fought over.
	{assertion: frontline.AssertLiberated, speakerDefault: true, afterOnly: true, p: newWordPattern(
		[]string{"complet", "finish"},
		`(?:complet(?:ed|es|ing)|finish(?:ed|es|ing)) (?:the )?(?:clearing|clearance|clean-up|cleanup|mop-up|mopping-up)(?: operation)?(?: of| in)?`)},
	// "advanced north of Tonenke", "advanced further south of X".
	{assertion: frontline.AssertAdvancedTowards, afterOnly: true, p: newWordPattern(
		[]string{"advanc"},
		`advanc(?:ed|ing|es|e) (?:(?:further|slightly|significantly|somewhat|a little|a bit) )?`+enDirection+`(?: (?:and|or) `+enDirection+`)? of`)},
	// "advanced a little in Nevelske", "advanced somewhat near X".
	{assertion: frontline.AssertAdvancedTowards, afterOnly: true, p: newWordPattern(
		[]string{"advanc"},
		`advanc(?:ed|ing|es|e) (?:a little|a bit|somewhat|partially|deeper|deep) (?:near|in|into|around|at|towards?|on|to)`)},
	// "have a progress on south of", "has partial success in".
	{assertion: frontline.AssertAdvancedTowards, afterOnly: true, p: newWordPattern(
		[]string{"had", "has", "hav", "achiev", "made", "make", "scored"},
		`(?:had|have|has) (?:a |some )?(?:(?:partial|minor|slight|small|local|certain) )?progress(?: (?:near|in|on|at|around|towards?))?|(?:had|have|has) (?:a |some )?(?:partial|minor|slight|small|local|certain) success(?:es)?(?: (?:near|in|on|at|around|towards?))?|(?:achieved|achieve|achieves|achieving|made|make|makes|scored) (?:a |some )?(?:(?:partial|minor|slight|small|local|certain|tactical|significant|considerable|notable) )?(?:success|successes|gains)(?: (?:near|in|on|at|around|towards?))`)},
	// "regained positions on south of Ivanivske".
	{assertion: frontline.AssertAdvancedTowards, afterOnly: true, speakerDefault: true, p: newWordPattern(
		[]string{"restor", "regain"},
		`(?:restored|regained) (?:the |their |its |lost |some )?positions? (?:(?:on|to|in) (?:the )?)?`+enDirection+` of`)},
	// "Metolkine is occupied by the Moscow occupiers", "Part of Marinka
	// has been occupied": the place before the verb.
	{assertion: frontline.AssertCaptured, p: newWordPattern(
		[]string{"is", "was", "wer", "bee"},
		`(?:is|was|were|been) (?:fully |completely |partially |now )?occupied`)},
	// "Russia had gained control over the settlement of Bugrovatka".
	{assertion: frontline.AssertCaptured, p: newWordPattern(
		[]string{"gain", "gaine"},
		`gain(?:ed|s|ing)? (?:full |complete )?control (?:of|over)`)},
	// "Lyman Pershyi, an occupied village": held by Russia (in this
	// war's English "occupied" is Russia's doing; "Russian-occupied" too).
	{assertion: frontline.AssertUnderControl, fixedSide: sideRussia, p: newWordPattern(
		[]string{"occup"},
		`occupied (?:village|town|city|settlement)(?: of)?`)},
	// "In Vovchansk, authorities reported intense street-to-street
	// fighting": fighting with its kind said, the place before it.
	{assertion: frontline.AssertContested, neutral: true, p: newWordPattern(
		[]string{"str", "urb"},
		`(?:street-to-street|street|urban) fighting`)},
	// "The Ukrainian Defense Forces pushed back the enemy in New York":
	// the one who pushed gained ground there.
	{assertion: frontline.AssertAdvancedTowards, afterOnly: true, p: newWordPattern(
		[]string{"push", "thre", "thro", "knoc", "drov"},
		`(?:pushed|threw|thrown|knocked|drove) (?:back|out|off) (?:the )?(?:enemy|occupiers|russians|russian (?:forces|troops|units))(?: (?:in the area of|in|near|from|out of|of|around))?`)},
	// "Ukrainian troops pushed Russian forces out of Snihurivka": the
	// side pushed out lost the place (objectLoses reads it after the
	// verb); "drove the occupiers from X".
	{assertion: frontline.AssertCaptured, afterOnly: true, objectLoses: true, p: newWordPattern(
		[]string{"push", "drov", "driv", "forc", "kick", "knoc", "thre", "thro", "oust"},
		`(?:pushed|drove|driven|forced|kicked|knocked|threw|thrown|ousted) (?:the )?(?:enemy|occupiers|invaders|russians|russian (?:forces|troops|units|army|soldiers)|ukrainians|ukrainian (?:forces|troops|units|army|soldiers)) (?:back )?(?:out of|from)`)},
	// "Ukrainian marines have left Krynky", "left their positions in X":
	// a withdrawal (not "the left bank", not "left 20 dead").
	{assertion: frontline.AssertWithdrawn, afterOnly: true, adjacent: true, actorOpposes: true, p: newWordPattern(
		[]string{"have", "has", "had"},
		`(?:have|has|had) (?:now |already |finally )?left(?: (?:their |its |the )?positions? (?:in|at))?`)},
	// "Ukrainian marines evacuate Krynky bridgehead", "evacuated from
	// Krynky": troops leaving; the place right after (not "evacuate
	// children from X"), a side named.
	{assertion: frontline.AssertWithdrawn, afterOnly: true, adjacent: true, actorOpposes: true, needSide: true, p: newWordPattern(
		[]string{"evacuat"},
		`evacuat(?:ed|es|e|ing)(?: from| out of)?`)},
	// "The Ukrainian flag was raised over Snihurivka": held by the side
	// of the flag.
	{assertion: frontline.AssertUnderControl, afterOnly: true, p: newWordPattern(
		[]string{"flag"},
		`flags? (?:was|were|has been|have been|had been|is|are|now) (?:raised|hoisted|planted|flown|flying|flies|put up) (?:over|in|above|at|on)`)},
	// "The enemy carried out 30 attacks in the area of Toretsk": the
	// General Staff's formula in English; fighting, no capture.
	{assertion: frontline.AssertContested, neutral: true, p: newWordPattern(
		[]string{"att", "ass", "cla"},
		`(?:attacks?|assaults?|clashes) (?:in the areas? of|in the vicinity of|in the districts? of)`)},
	// "Ukraine confirmed the loss of Vuhledar", "Ukrainian forces lost
	// control of X": the side named before lost the place (else the
	// speaker's side); the place right after ("lost 20 tanks near X"
	// loses no place).
	{assertion: frontline.AssertCaptured, speakerLost: true, afterOnly: true, adjacent: true, p: newWordPattern(
		[]string{"lost", "loss", "losing"},
		`lost (?:(?:full |complete |all )?control (?:of|over) )?|loss of|losing (?:control (?:of|over) )?`)},
	// "Ukrainian troops moved to more advantageous positions near
	// Vovchansk": the General Staff's withdrawal in English.
	{assertion: frontline.AssertWithdrawn, afterOnly: true, actorOpposes: true, p: newWordPattern(
		[]string{"moved", "withdr", "pulled", "retreat", "relocat", "redeploy", "fell"},
		`(?:moved|withdrew|withdrawn|pulled back|retreated|relocated|redeployed|fell back) to (?:"|“)?(?:more |better |new )?(?:advantageous|favou?rable|defensible|prepared|defensive)(?: defensive)? (?:positions|lines)(?:"|”)?(?: (?:near|in|around|outside|in the area of|in the|west of|east of|north of|south of))?`)},
	// "'Toretsk is ours,' Voloshyn said": the speaker's side holds it.
	{assertion: frontline.AssertUnderControl, speakerOwn: true, p: newWordPattern(
		[]string{"our"},
		`ours`)},
	// "Russian forces gained ground near Kurakhove".
	{assertion: frontline.AssertAdvancedTowards, afterOnly: true, p: newWordPattern(
		[]string{"gain"},
		`gain(?:ed|s|ing)? (?:more |further |some )?ground (?:near|in|around|towards?|at|on)`)},
	// "Russia claimed full control of Bakhmut": a capture claimed.
	{assertion: frontline.AssertCaptured, afterOnly: true, p: newWordPattern(
		[]string{"claim"},
		`claim(?:ed|s|ing)? (?:full |complete |total )?control (?:of|over)`)},
	// "Russian troops control about 70 percent of Pokrovsk", "now
	// control most of Toretsk": a share held.
	{assertion: frontline.AssertUnderControl, afterOnly: true, p: newWordPattern(
		[]string{"control", "occup"},
		`(?:control|controls|controlled|occupy|occupies) (?:about |around |roughly |nearly |almost |over |more than |less than |up to |some )?(?:\d+(?:[.,]\d+)? ?(?:percent|per cent|%)|most|much|part|parts|half|a third|two-thirds|large parts|a large part|the (?:bulk|majority|centre|center|`+enDirection+`)) of`)},
	// "Selydove was taken by Russian forces": a passive of taking; its
	// place comes before it (beforeOnly), not "the decision was taken to
	// leave X".
	{assertion: frontline.AssertCaptured, beforeOnly: true, p: newWordPattern(
		[]string{"is", "was", "wer", "bee"},
		`(?:is|was|were|been) (?:fully |completely |now |finally |reportedly |already )?taken`)},
	// "Ukraine pulls troops out of Vuhledar", "its troops had fallen back
	// from Ocheretyne": troops leaving the place right after.
	{assertion: frontline.AssertWithdrawn, afterOnly: true, actorOpposes: true, p: newWordPattern(
		[]string{"pull", "fell", "fall"},
		`pull(?:ed|ing|s)? (?:its |their |the |his |her |all |some |the last |remaining )?(?:troops|forces|units|soldiers|marines|fighters) (?:out of|from|back from)|f(?:ell|allen|alls|alling|all) back (?:from|out of)`)},
	// "Russian troops push into Chasiv Yar", "were pushing forward in
	// Pokrovsk", "made a modest eastward push near Ivanivka", "pushed further west of
	// Kurakhove", "broke through Ukrainian
	// lines near Ocheretyne", "have broken through near Verbove", "advanced up to 3 kilometers near
	// Kurakhove": ground gained in or towards the place after.
	{assertion: frontline.AssertAdvancedTowards, afterOnly: true, p: newWordPattern(
		[]string{"push", "brok", "brea", "advanc", "eastw", "westw", "northw", "southw"},
		`push(?:ed|es|ing)? (?:deeper |further |deep )?into|push(?:ed|es|ing)? forward (?:in|into|near|around|towards?)|(?:eastward |westward |northward |southward )push (?:near|into|towards?)|push(?:ed|es|ing)? (?:further |deeper )?(?:north|south|east|west)(?:-?(?:east|west))? of|(?:broke|break|breaks|breaking|broken) through (?:(?:the )?(?:[a-z'’-]+ ){0,2}?(?:lines?|defen[cs]es?|positions|defensive lines?)(?: (?:near|in|around|at|outside|north of|south of|east of|west of))?|(?:near|around|outside|north of|south of|east of|west of))|advanc(?:ed|ing|es|e) (?:by )?(?:up to |about |nearly |almost |some |more than |over |roughly |around |at least |another |a further )?[\d.,]+ ?(?:km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?)(?: deep)? (?:near|in|into|around|towards?|at|on|within)`)},
	// "The Russians are already in Selydove": troops present in the
	// place right after, with a side named (ground gained in it).
	{assertion: frontline.AssertAdvancedTowards, afterOnly: true, adjacent: true, needSide: true, p: newWordPattern(
		[]string{"is", "are", "was", "wer"},
		`(?:is|are|was|were) (?:already |now |still |reportedly )?(?:in|inside)`)},
	// "denied that Selydove had fallen": a fall, its place before.
	{assertion: frontline.AssertCaptured, beforeOnly: true, p: newWordPattern(
		[]string{"has", "had", "hav"},
		`(?:has|had|have) (?:already |now |finally )?fallen`)},
	// "completed the full occupation of Krasnohorivka".
	{assertion: frontline.AssertCaptured, afterOnly: true, p: newWordPattern(
		[]string{"complet", "finish"},
		`(?:completed|completes|finished|finishes) (?:the )?(?:full |complete )?occupation of`)},
}

// enWithdrawalReference: words between a withdrawal and a place that make
// the place a reference point, not the place left.
var enWithdrawalReference = []string{" near ", " outside ", " around ", "north of ", "south of ", "east of ", "west of ", " km ", " kilometers ", " kilometres ", " miles "}

// dropShadowed keeps, of triggers that overlap, the longest (the first
// of equals): "regained positions on south of" is no bare "regained
// positions", "is occupied" no bare "occupied", "взяли в кільце" no
// "взяли". Hits are sorted by start.
func dropShadowed[H any](hits []H, bounds func(H) (int, int)) []H {
	out := hits[:0]
	for _, h := range hits {
		s, e := bounds(h)
		if n := len(out); n > 0 {
			ps, pe := bounds(out[n-1])
			if s < pe {
				if e-s > pe-ps {
					out[n-1] = h
				}
				continue
			}
		}
		out = append(out, h)
	}
	return out
}

// enParenRe: a parenthesis of a list item — "(confirmation)", "(M)" —
// at the start of the text between two items.
var enParenRe = regexp.MustCompile(`^\s*\([^()]{0,30}\)\s*`)

// enFeatureRe: the noun that makes the last item a feature named after a
// place ("the Serebryanka forestry", "Yasinuvata Two station"), at the
// start of the gap to the next item.
var enFeatureRe = regexp.MustCompile(`^\s*(?:forestry|forest|woods?|forest belt|tree line|highway|road|station|railway station|industrial zone|quarry|mine|heights?|reservoir|bridge)\b\s*`)

// enListDirectionRe: one item's preposition of the trackers' English:
// "in the north and south of", "on east of", "on the southern outskirts
// of".
var enListDirectionRe = regexp.MustCompile(`^(?:,|,? ?(?:and|or)|, (?:and|or))\s*(?:(?:in|on|to|at) (?:the )?)?` + enDirection + `(?: (?:and|or) (?:the )?` + enDirection + `)?(?: of)?\s*$`)

// enListGap reports whether gap (original case) between two places of a
// list only separates them in the trackers' English: a parenthesis or a
// feature noun closing the last item, then a separator and a preposition.
func enListGap(gap string, prepositions bool) bool {
	if hasCyrillic(gap) {
		return false
	}
	g := gap
	for {
		if m := enParenRe.FindString(g); m != "" {
			g = g[len(m):]
			continue
		}
		if m := enFeatureRe.FindString(strings.ToLower(g)); m != "" {
			g = g[len(m):]
			continue
		}
		break
	}
	if g == gap && !prepositions {
		return false
	}
	t := strings.TrimSpace(g)
	switch strings.ToLower(t) {
	case ",", "and", ", and", "or", ", or":
		return true
	}
	if prepositions && enListDirectionRe.MatchString(strings.ToLower(t)) {
		return true
	}
	return g != gap && listGap(t, prepositions)
}

// enPassive reports whether an English trigger at [ts, te) is passive:
// an auxiliary right before it ("were liberated", "has been captured"),
// or in it ("is occupied"), or an agent right after it ("captured by the
// enemy"). The place of a passive comes before the verb.
func enPassive(lower string, ts, te int) bool {
	t := lower[ts:te]
	if hasCyrillic(t) {
		return false
	}
	pre := lower[:ts]
	for _, a := range []string{"fully ", "completely ", "partially ", "now ", "already "} {
		if strings.HasSuffix(pre, " "+a) {
			pre = pre[:len(pre)-len(a)]
			break
		}
	}
	for _, a := range []string{" is ", " was ", " were ", " are ", " been ", " be "} {
		if strings.HasSuffix(pre, a) || strings.HasPrefix(t, a[1:]) {
			return true
		}
	}
	return strings.HasPrefix(lower[te:], " by ")
}

// listBefore is the place ms[k] with the places of the list that ends in
// it: "Davydiv Brid (confirmation), Velyka and Mala Oleksandrivka,
// Starosillia and Novodmytrivka were liberated". Only for a passive
// English trigger (enPassive); the places come in text order.
func (d *doc) listBefore(si *sentenceInfo, k, prevEnd int) []frontline.Mention {
	out := []frontline.Mention{si.mentions[k]}
	for j := k - 1; j >= 0; j-- {
		m, next := si.mentions[j], out[0]
		ms, me := m.Start-si.start, m.End-si.start
		if ms < prevEnd || me > next.Start-si.start || m.Kind == frontline.MentionOblast || !d.claimPlace(m) {
			break
		}
		gap := si.text[me : next.Start-si.start]
		if !enListGap(gap, false) && !listGap(strings.TrimSpace(gap), false) {
			g := strings.ToLower(strings.TrimSpace(gap))
			if g != "," && g != "and" && g != ", and" {
				break
			}
		}
		out = append([]frontline.Mention{m}, out...)
	}
	return out
}

// enReferencePoint: the English text before a place makes it a reference
// point, not the place of a claim: "the last settlement south of
// Pokrovsk … under Ukrainian control", "8 km from X".
func enReferencePoint(pre string) bool {
	for _, p := range []string{" of ", " from "} {
		if !strings.HasSuffix(pre, p) {
			continue
		}
		w := strings.TrimSuffix(pre, p)
		if i := strings.LastIndexAny(w, " ,"); i >= 0 {
			w = w[i+1:]
		}
		switch w {
		case "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west", "south-east", "south-west",
			"km", "kilometers", "kilometres", "miles", "outskirts":
			return p == " of " || w == "km" || w == "kilometers" || w == "kilometres" || w == "miles"
		}
		if p == " from " && w != "" {
			return false
		}
		// "a village near the key frontline town of Bakhmut": the town
		// locates the village.
		if p == " of " && (w == "town" || w == "city" || w == "village" || w == "hub") {
			if i := strings.LastIndex(pre, " near the "); i >= 0 && len(pre)-i < 50 {
				return true
			}
		}
	}
	return false
}

// enGapStop: the text between a trigger and the first place after it
// says the place is where the move came from ("entered the pipeline from
// Lyman Pershyi"), not where it went; or, for a taking verb, that the
// place only names an area or a direction ("captured positions in the
// area of Pokrovsk"): an attack "in the area of" or a "direction" is no
// capture. A bare "from" ("fled from X"; withdrawals name it in their
// trigger) is no stop.
func enGapStop(gap string, taking bool) bool {
	if hasCyrillic(gap) {
		return false
	}
	if strings.Contains(gap, " from ") && strings.TrimSpace(gap) != "from" {
		return true
	}
	return taking && containsAny(gap, []string{" area of ", " areas of ", " vicinity of ", " direction", " axis", " sector"})
}

// enThingTaken reports whether an active English taking verb at te has an
// object of its own that is no place: "taken control of a local meat
// processing plant". The place before the verb is then not what it took.
func enThingTaken(lower string, te int) bool {
	rest := lower[te:]
	// "has led to the recapture of several villages": the noun's object.
	rest = strings.TrimPrefix(rest, " of")
	if hasCyrillic(rest[:min(len(rest), 20)]) {
		return false
	}
	for _, det := range []string{" a ", " an ", " several ", " two ", " three ", " some ", " many ", " dozens "} {
		if strings.HasPrefix(rest, det) {
			return true
		}
	}
	return false
}

// enAppositive is the place an appositive trigger describes: "Lyman
// Pershyi, an occupied village": the place right before ", an|the …".
func (d *doc) enAppositive(si *sentenceInfo, ts, prevEnd int) (frontline.Mention, bool) {
	pre := si.lower[:ts]
	switch {
	case strings.HasSuffix(pre, ", an "):
		pre = pre[:len(pre)-len("an ")]
	case strings.HasSuffix(pre, ", the "):
		pre = pre[:len(pre)-len("the ")]
	default:
		return frontline.Mention{}, false
	}
	for k := len(si.mentions) - 1; k >= 0; k-- {
		m := si.mentions[k]
		ms, me := m.Start-si.start, m.End-si.start
		if me > ts {
			continue
		}
		if ms >= prevEnd && si.lower[me:len(pre)] == ", " && m.Kind != frontline.MentionOblast && d.claimPlace(m) {
			return m, true
		}
		break
	}
	return frontline.Mention{}, false
}

// placeAfterNear is the settlement named after "near" right after the
// reference place m ("advanced northwest of Avdiivka near Orlivka").
func (si *sentenceInfo) placeAfterNear(m frontline.Mention) (frontline.Mention, bool) {
	me := m.End - si.start
	for _, n := range si.mentions {
		ns := n.Start - si.start
		if ns <= me {
			continue
		}
		switch strings.TrimSpace(si.lower[me:ns]) {
		case "near", ", near", "in", ", in", "towards", ", towards", "toward", "in the direction of", "close to":
			if n.Kind == frontline.MentionSettlement {
				return n, true
			}
		}
		break
	}
	return frontline.Mention{}, false
}

// enLocatingAppositive: the gap before a place that an appositive of the
// list item before it opens (", near the town of", ", 10 km south of"):
// the place locates the item, it is no item of its own.
var enLocatingAppositive = regexp.MustCompile(`^, (?:just |about |some )?(?:near|close to|not far from|outside|(?:[0-9]+ (?:km|kilometres|kilometers|miles) )?(?:north|south|east|west|northeast|northwest|southeast|southwest) of)(?: the| a)?(?: [a-z-]+){0,2}(?: (?:town|city|village|settlement) of)? $`)

// enRelativeObject reports whether the gap between a place and a trigger
// after it opens a relative clause whose subject is a side's troops
// (", which Russian troops ", ", which Ukrainian forces had "): the place
// is the clause's object, what the trigger claims.
func enRelativeObject(gap string) bool {
	rest, ok := strings.CutPrefix(gap, ", which ")
	if !ok {
		return false
	}
	f := strings.Fields(rest)
	if len(f) < 2 || len(f) > 4 || strings.ContainsAny(rest, ",;:") {
		return false
	}
	switch f[1] {
	case "troops", "forces", "units", "soldiers", "army":
	default:
		return false
	}
	switch f[0] {
	case "russian", "ukrainian", "ukraine's", "russia's", "moscow's", "kyiv's", "enemy":
		return true
	}
	return false
}
