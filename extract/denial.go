package extract

import (
	"strings"

	"github.com/frontline-osint/frontline"
)

// Denials: "Trehubov denied the Russian fake about the capture",
// "Генштаб не підтвердив окупацію Селидового", "Сіверськ не контролюється
// російськими окупантами". A denial is stored as a claim of its own
// (Assertion "denied") naming the claim it denies (Denied); its Side is the
// side the denial favours. It is never stored as the claim it denies.

// asDenial turns the claim c that a denial names into the denial.
func asDenial(c frontline.Claim, word string) frontline.Claim {
	c.Denied = &frontline.DeniedClaim{Assertion: c.Assertion, Side: c.Side}
	c.Assertion = frontline.AssertDenied
	c.Side = frontline.Side(opposite(string(c.Side)))
	c.Trigger = word + " … " + c.Trigger
	return c
}

// reportedClaim is the claim c a denial names, as its claimant made it:
// stored beside the denial, so that the pair shows as a contradiction
// (assess pairs a denial with the claims of the assertion and side it
// denies). Its speaker is the claimant: the sentence's speaker when the
// claim comes before the one who denies it (claimant) or when the speaker
// is of the claim's side; else unnamed, of the claim's side (never the one
// who denies: a denier's side on the other side's gain would read as an
// admission). The denial word is its hedge.
func reportedClaim(c frontline.Claim, si *sentenceInfo, denial string, claimant bool) frontline.Claim {
	if !claimant && frontline.Side(sideOf(si.side)) != c.Side {
		c.Speaker, c.SpeakerSide = "", c.Side
	}
	hs := make([]string, 0, len(c.Hedges)+1)
	for _, h := range c.Hedges {
		if h != denial {
			hs = append(hs, h)
		}
	}
	c.Hedges = append(hs, denial)
	if c.Assertion == frontline.AssertCaptured && c.Side == frontline.SideUkraine {
		c.Assertion = frontline.AssertLiberated // as claims.go names Ukraine's taking
	}
	return c
}

// reportedClaimNouns name a claim a text reports: "denied the Russian
// fake about", "спростував інформацію про окупацію", "заяви РФ про його
// захоплення є фейком".
var reportedClaimNouns = []string{"claim", "report", "statement", "fake", "propaganda", "заяв", "повідомлен", "сообщени", "информаци", "інформаці", "фейк", "твердженн", "утвержден", "новин", "пропаганд"}

// encirclementWords: a denial of an encirclement ("спростував
// повідомлення про оточення Покровська") names no change of hands.
var encirclementWords = []string{"оточ", "окруж", "encircl"}

// reportsClaim reports whether the claim at [ts, te) that the denial dn
// denies is one the text reports as someone's (a claim noun names it):
// between the denial and the trigger ("denied Russian claims that
// Robotyne had been recaptured"; no verb of saying between them), or
// before the trigger in its clause when the denial comes after
// ("Інформація про його окупацію не відповідає дійсності"). A bare denial
// ("Трегубов спростував захоплення Великої Новосілки", "denied that
// Selydove had fallen") reports no one's claim.
func reportsClaim(si *sentenceInfo, dn span, ts, te int, side string) bool {
	if containsAny(si.lower[ts:te], encirclementWords) {
		return false
	}
	from := dn.start
	if dn.end <= ts {
		if si.sayingIn(dn.end, ts) {
			return false
		}
	} else {
		from = strings.LastIndexAny(si.lower[:ts], ",.;:") + 1
		// "російські ресурси заявили про «захоплення» X, які не
		// відповідають реальній ситуації": a verb of saying whose
		// subject is of the claim's side reports its claim.
		if si.reportingIn(from, ts) || insideAnyRange(si.reporting, from, ts) {
			for _, c := range si.cuesIn(from, ts) {
				if cueSide(si.lower[c.start:c.end], si.voice) == side {
					return true
				}
			}
		}
	}
	return namesAClaim(si.lower[from:ts])
}

// sayingIn reports whether a verb of saying stands in [a, b) of si.lower:
// not a claim noun the verb tables also hold ("спростував заяви
// окупантів про захоплення": "заяви" the plural noun, not the imperative).
func (si *sentenceInfo) sayingIn(a, b int) bool {
	for _, rs := range [][]span{si.cyrReporting, si.reporting} {
		for _, r := range rs {
			if r.start >= a && r.end <= b && !namesAClaim(si.lower[r.start:r.end]) {
				return true
			}
		}
	}
	return false
}

// namesAClaim reports whether s has a noun of reportedClaimNouns: not a
// verb of saying ("Shtupun claims that …", "заявив"); an English noun
// after a determiner, a possessive or an adjective of a side ("Russian
// reports", "the claim", "Moscow's statements", "fake").
func namesAClaim(s string) bool {
	ws := strings.Fields(s)
	for k, w := range ws {
		w = strings.Trim(w, "\"'«»“”„()")
		for _, n := range reportedClaimNouns {
			if !strings.HasPrefix(w, n) {
				continue
			}
			switch {
			case strings.HasPrefix(w, "заявил") || strings.HasPrefix(w, "заявив") || strings.HasPrefix(w, "заявля") || strings.HasPrefix(w, "заявит") || strings.HasPrefix(w, "повідомля") || strings.HasPrefix(w, "повідомив") || strings.HasPrefix(w, "повідомил") || strings.HasPrefix(w, "сообщил") || strings.HasPrefix(w, "сообща"):
				continue
			case n == "claim" || n == "report" || n == "statement":
				// "officials said claims of the capture … were false",
				// "said that reports of": a noun after a verb of saying.
				if k == 0 || !enClaimNounBefore(ws[k-1]) && !enSaidBefore(ws[:k]) {
					continue
				}
			}
			return true
		}
	}
	return false
}

// enClaimNounBefore reports whether w, before "claims"/"reports", makes
// them a noun: a determiner, a possessive, a side's adjective.
func enClaimNounBefore(w string) bool {
	switch w {
	case "the", "a", "these", "those", "such", "its", "their", "his", "her", "false", "enemy", "recent", "earlier", "media", "of", "about", "denied", "dismissed", "rejected", "refuted", "denying", "dismissing", "rejecting":
		return true
	}
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "ian")
}

// saidClaimNoun reports whether a claim noun stands between a verb of
// saying and the trigger at ts in a Cyrillic sentence ("Українські
// військові заявили, що заяви про захоплення X є фейком", "заявили, что
// сообщения о взятии X не соответствуют действительности"): what follows
// the verb is a claim it names, not the speaker's own.
func (si *sentenceInfo) saidClaimNoun(ts int) bool {
	if !hasCyrillic(si.lower) {
		return false
	}
	from := -1
	for _, rs := range [][]span{si.cyrReporting, si.reporting} {
		for _, r := range rs {
			if r.end <= ts && r.end > from && !namesAClaim(si.lower[r.start:r.end]) {
				from = r.end
			}
		}
	}
	if from < 0 || strings.ContainsAny(si.lower[from:ts], ".;") {
		return false
	}
	return namesAClaim(si.lower[from:ts])
}

// enSaidBefore reports whether ws ends with a verb of saying, or one and
// "that": the word after it opens what was said.
func enSaidBefore(ws []string) bool {
	k := len(ws) - 1
	if k > 0 && ws[k] == "that" {
		k--
	}
	switch ws[k] {
	case "said", "says", "say", "saying", "stated", "added", "noted":
		return true
	}
	return false
}

// deniedSide is the side of the claim a denial at dn names with the
// trigger at [ts, te): a side word between the denial and the trigger or
// right after the trigger ("denied the Russian fake about the capture",
// "the capture by Russia"); else the side opposite the one who denies.
func (d *doc) deniedSide(si *sentenceInfo, t *trigger, dn span, ts, te int) string {
	if t.fixedSide != "" {
		return t.fixedSide
	}
	if dn.start >= te && containsAny(si.lower[te:dn.start], contrastClause) {
		// "Russia claimed the capture of Siversk, but Ukraine's military
		// … called the claim propaganda": the claim before the contrast
		// is its claimant's and reads as any claim; the denier is
		// after the contrast.
		if s := d.claimSide(si, t, ts, te); s != "" {
			return s
		}
	}
	if dn.start >= te && (takingNoun(si.lower[ts:te]) || strings.HasPrefix(si.lower[te:], " of ") && takingNoun(si.lower[ts:te]+" of") || si.saidClaimNoun(ts)) {
		// "Ukrainian officials said claims of the capture of Kurakhove
		// were false": who said it is not who took; a side word after
		// the verb of saying names the claimant, else the claim is the
		// other side's.
		from, claimVerb := 0, span{}
		for _, r := range si.reporting {
			if r.end <= ts {
				from, claimVerb = r.end, r
			}
		}
		// "ЗСУ заявили, що заяви про захоплення …": the Cyrillic verb
		// of saying, not the claim noun.
		for _, r := range si.cyrReporting {
			if r.end <= ts && r.end > from && !namesAClaim(si.lower[r.start:r.end]) {
				from, claimVerb = r.end, r
			}
		}
		if from > 0 && strings.HasPrefix(si.lower[claimVerb.start:claimVerb.end], "claim") {
			// "Russia claimed the capture of X, which Kyiv denied":
			// who claims is the claimant.
			cs := strings.LastIndexAny(si.lower[:claimVerb.start], ",.;:") + 1
			// (Not "said claims of": "claims" a noun; a present
			// "claims" only right after its subject.)
			past := si.lower[claimVerb.start:claimVerb.end] == "claimed"
			cues := si.cuesIn(cs, claimVerb.start)
			for k := len(cues) - 1; k >= 0; k-- {
				if !past && strings.TrimSpace(si.lower[cues[k].end:claimVerb.start]) != "" {
					break
				}
				if s := cueSide(si.lower[cues[k].start:cues[k].end], si.voice); s != "" {
					return s
				}
			}
		}
		for _, c := range si.cuesIn(from, ts) {
			if s := cueSide(si.lower[c.start:c.end], si.voice); s != "" {
				return s
			}
		}
		return opposite(si.voice)
	}
	if dn.start >= te {
		// "Russian claims that X was captured are untrue": the claim
		// before its denial reads as any claim.
		if s := d.claimSide(si, t, ts, te); s != "" {
			return s
		}
		return opposite(si.voice)
	}
	for _, c := range si.cuesIn(dn.end, ts) {
		if s := cueSide(si.lower[c.start:c.end], si.voice); s != "" {
			if t.actorOpposes || t.objectLoses {
				return opposite(s)
			}
			return s
		}
	}
	if strings.HasPrefix(si.lower[te:], " by ") {
		if c, ok := si.cueRightAfter(te+4, 30); ok {
			if s := cueSide(si.lower[c.start:c.end], si.voice); s != "" {
				return s
			}
		}
	}
	// The one who denies ("Ukraine denies", "Генштаб ЗСУ не підтвердив")
	// denies the other side's claim; but the one who spreads or claims
	// what the text calls false ("російська пропаганда поширювала
	// неправдиву інформацію про його захоплення") is the claimant.
	if s := si.claimantSide(dn.start); s != "" {
		return s
	}
	if a := si.actorBefore(dn.start); a != "" {
		return opposite(a)
	}
	return opposite(si.voice)
}

// negatedControlClaims: "ворог не контролює", "не контролюється
// російськими окупантами": a denial that the side named controls the
// place.
func (d *doc) negatedControlClaims(si *sentenceInfo) {
	for _, nc := range si.negControl {
		places := d.governed(si, nc.start, nc.end, 0, len(si.lower), false, false)
		if len(places) == 0 {
			// "Жодного кварталу міста ворог не контролює": the
			// settlement named before.
			places = d.cyrSameSettlement(si, nc.start, nc.end)
		}
		if len(places) == 0 {
			continue
		}
		side := ""
		if c, ok := si.cueRightAfter(nc.end, 50); ok {
			side = cueSide(si.lower[c.start:c.end], si.voice)
		}
		if side == "" {
			side = si.actorBefore(nc.start)
		}
		for _, m := range places {
			c := frontline.Claim{
				Quote: si.text, Start: si.start, End: si.end,
				PlaceID: m.Place.ID, PlaceName: m.Place.Name, Mention: m.Mention,
				Assertion: frontline.AssertUnderControl, Side: frontline.Side(side), Trigger: si.text[nc.start:nc.end],
				Speaker: si.speaker, SpeakerSide: frontline.Side(si.side),
				RefersTo: si.refersTo, RefersToPhrase: si.phrase,
				Hedges: si.hedges, Evidence: si.evidence,
			}
			c = asDenial(c, "не")
			c.Trigger = si.text[nc.start:nc.end]
			d.claims = append(d.claims, c)
		}
	}
}

// claimNouns: a denial with one of these denies a claim about a place
// even without an assertion word: "statements about 70 per cent of
// Pokrovsk are untrue".
var claimNouns = []string{"per cent", "percent", "%", "statement", "claim", "report", "відсот", "процент", "заяв", "повідомлен", "інформаці", "информаци", "сообщени"}

// bareDenials reads a denial whose sentence has no assertion word: the
// places it names are denied to be held (a share of a city) or taken.
func (d *doc) bareDenials(si *sentenceInfo) {
	dn := si.denials[0]
	if !containsAny(si.lower, claimNouns) {
		return
	}
	assertion := frontline.AssertCaptured
	if containsAny(si.lower, []string{"per cent", "percent", "%", "відсот", "процент"}) {
		assertion = frontline.AssertUnderControl
	}
	side := ""
	// "denied the Russian fake": the side word after the denial.
	if c, ok := si.cueRightAfter(dn.end, 30); ok {
		side = cueSide(si.lower[c.start:c.end], si.voice)
	}
	if side == "" {
		// The speaker denies the other side's claim: "Заявления
		// украинской стороны … не соответствуют действительности,
		// заявили в Минобороны России" (the side word before names the
		// claimant, not the denier).
		if sp := sideOf(si.side); sp != "" && si.speaker != "" && hasCyrillic(si.text) {
			side = opposite(sp)
		} else if s := si.claimantSide(dn.start); s != "" {
			side = s
		} else if a := si.actorBefore(dn.start); a != "" {
			side = opposite(a)
		} else {
			side = opposite(si.voice)
		}
	}
	for _, m := range si.mentions {
		if m.Kind != frontline.MentionSettlement || !d.claimPlace(m) {
			continue
		}
		c := frontline.Claim{
			Quote: si.text, Start: si.start, End: si.end,
			PlaceID: m.Place.ID, PlaceName: m.Place.Name, Mention: m.Mention,
			Assertion: assertion, Side: frontline.Side(side),
			Speaker: si.speaker, SpeakerSide: frontline.Side(si.side),
			RefersTo: si.refersTo, RefersToPhrase: si.phrase,
			Hedges: si.hedges, Evidence: si.evidence,
		}
		if c.Side != "" && assertion == frontline.AssertCaptured && !containsAny(si.lower, encirclementWords) {
			// "Заявления украинской стороны о возвращении контроля
			// над Купянском не соответствуют действительности": the
			// statement as its claimant made it, then its denial (not
			// a share: 70 per cent of a town is no one's control).
			d.claims = append(d.claims, reportedClaim(c, si, si.lower[dn.start:dn.end], false))
		}
		c = asDenial(c, si.text[dn.start:dn.end])
		c.Trigger = si.text[dn.start:dn.end]
		d.claims = append(d.claims, c)
	}
}

// claimantVerbStems: verbs whose subject makes the claim a denial word
// after them calls false ("поширювала неправдиву інформацію", "spread
// false reports").
var claimantVerbStems = []string{"поширю", "поширил", "поширив", "розповсюдж", "распростран", "вкида", "вкину", "spread", "peddl", "circulat"}

// claimantSide is the side of a side word in the clause before a denial
// word at dn when a spreading verb stands right before the denial word
// ("хоча російська пропаганда поширювала неправдиву інформацію"), else "".
func (si *sentenceInfo) claimantSide(dn int) string {
	from := strings.LastIndexAny(si.lower[:dn], ",.;:") + 1
	if !claimantBefore(si.lower[from:dn]) {
		return ""
	}
	cues := si.cuesIn(from, dn)
	for k := len(cues) - 1; k >= 0; k-- {
		if s := cueSide(si.lower[cues[k].start:cues[k].end], si.voice); s != "" {
			return s
		}
	}
	return ""
}

// claimantBefore reports whether pre ends with a spreading verb, at most
// three words before its end.
func claimantBefore(pre string) bool {
	ws := strings.Fields(pre)
	for k := len(ws) - 1; k >= 0 && k >= len(ws)-3; k-- {
		for _, st := range claimantVerbStems {
			if strings.HasPrefix(ws[k], st) {
				return true
			}
		}
	}
	return false
}

// takeUpSidelessDenials: a denial whose claim names no side ("однако
// заявление о взятии Андреевки назвали «преждевременным»") denies the
// last claim before it of the same place and kind that a side made, within
// a few sentences ("Украинские военные … освободили село Андреевка"): the
// denial favours the other side. Claims of other kinds, or none, leave it
// without a side.
func (d *doc) takeUpSidelessDenials() {
	for i := range d.claims {
		c := &d.claims[i]
		if c.Assertion != frontline.AssertDenied || c.Side != "" || c.Denied == nil || c.Denied.Side != "" || c.PlaceID == "" {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			p := d.claims[j]
			if p.PlaceID != c.PlaceID || p.Assertion == frontline.AssertDenied || p.Start >= c.Start || p.Side == "" {
				continue // fighting ("бои продолжаются в районе"), no side's claim
			}
			if c.Start-p.End < 800 && sameKind(p.Assertion, c.Denied.Assertion) {
				c.Denied.Side, c.Denied.Assertion = p.Side, p.Assertion
				c.Side = frontline.Side(opposite(string(p.Side)))
			}
			break
		}
	}
}

// sameKind reports whether two assertions claim the same kind of change:
// a taking (captured, liberated), or holding (under control).
func sameKind(a, b string) bool {
	taking := func(x string) bool {
		return x == frontline.AssertCaptured || x == frontline.AssertLiberated
	}
	return taking(a) && taking(b) || a == frontline.AssertUnderControl && b == frontline.AssertUnderControl
}

// counterClaimAfterDenial reports whether between, the text from a denial
// word to a control trigger, closes the denial's clause and opens a new
// one that asserts the control ("Это фейк, село под нашим контролем",
// "this is a lie, the village is under our control", "спростували: село
// під контролем ЗСУ"): a clause break right after the denial, and no
// conjunction that makes the control what is denied ("фейк, що село під
// контролем окупантів", "denied that the village was under").
func counterClaimAfterDenial(between string) bool {
	b := strings.TrimLeft(between, " »\"”")
	switch {
	case strings.HasPrefix(b, ","), strings.HasPrefix(b, ":"), strings.HasPrefix(b, "—"), strings.HasPrefix(b, "–"), strings.HasPrefix(b, "- "):
	default:
		return false
	}
	if textLen(b) > 60 {
		return false
	}
	for _, w := range fields(strings.Trim(b, ",:—–- ")) {
		switch strings.Trim(w, ",.«»\"“”") {
		case "що", "что", "чтобы", "щоб", "будто", "нібито", "ніби", "якобы", "that", "whether", "about", "про", "о", "об", "of", "мол":
			return false
		}
	}
	return true
}

// counterDenial is the denial a counter-claim of control carries: the
// side that holds c's place denies the other side's taking of it.
func counterDenial(c frontline.Claim, word string) frontline.Claim {
	taken := frontline.AssertCaptured
	if opposite(string(c.Side)) == string(frontline.SideUkraine) {
		taken = frontline.AssertLiberated // as claims.go names Ukraine's taking
	}
	c.Denied = &frontline.DeniedClaim{Assertion: taken, Side: frontline.Side(opposite(string(c.Side)))}
	c.Assertion = frontline.AssertDenied
	c.Trigger = word + " … " + c.Trigger
	return c
}
