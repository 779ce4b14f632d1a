package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/frontline-osint/frontline"
)

// The voice of Ukrainian and Russian sentences: who speaks, and for which
// side, when the sentence itself names no speaker.
//
// A statement runs over several sentences: Russia's Ministry of Defence,
// the General Staff, a Russian-appointed governor quoted in a paragraph
// that ends "…», — написал Балицкий". The voice of a sentence that names
// no speaker is, in order:
//
//  1. the speaker a quotation is attributed to, when the sentence lies
//     inside that quotation («… Андреевка наша. …», — написала Маляр);
//  2. the side of the speaker of the sentence before, in the same
//     paragraph («Минобороны сообщило …». «Противник отступил …»);
//  3. for a Russian-language text, the side its own wording takes:
//     "ДНР", "специальной военной операции", "киевский режим" are Russia's
//     words, and a text that also says "оккупанты", "вторжение",
//     "так называемой" is no Russian voice at all.
//
// Only sides that are sure are carried: a voice read wrong turns "противник"
// into the wrong side, the one error that must not happen, so a sentence
// whose voice is in doubt keeps none.

// cyrVoiceState is a text's voice information, built on first use.
type cyrVoiceState struct {
	built     bool
	ukrainian bool         // the whole text is Ukrainian
	textVoice string       // the side a Russian-language text's own wording takes, or ""
	quotes    []quoteVoice // attributed quotations
	// The previous Cyrillic sentence: its end, and the side it spoke for
	// by a speaker of its own or carried.
	prevEnd  int
	prevSide string
	// spoken: the current sentence's voice is a speaker's, its own or
	// carried from its statement, not a guess from its language.
	spoken bool
	// curClaims: the index in d.claims where the current sentence's
	// claims start; prevClaims, the previous Cyrillic sentence's.
	prevClaims, curClaims int
	// pending is the fighting assertion (and its word) of this sentence
	// that found no place; carry, that of the sentence before, in the
	// same paragraph.
	pending, carry         string
	pendingWord, carryWord string
	// lastClaims are the claims [from, to) of the sentence before the
	// current one (any script), which ended at lastEnd.
	lastClaims [2]int
	lastEnd    int
}

// quoteVoice is a quotation [start, end) of the text attributed to a
// speaker of a known side.
type quoteVoice struct {
	start, end    int
	speaker, side string
}

// cyrVoice sets the voice (and, inside an attributed quotation, the
// speaker) of a Cyrillic sentence that has none, and remembers the
// sentence's side for the next one. It is called for every sentence.
func (d *doc) cyrVoice(si *sentenceInfo) {
	v := &d.voice
	if !v.built {
		v.built = true
		if hasCyrillic(d.text) {
			l := d.cyrLowerOf(span{0, len(d.text)}) // lowerCyr(d.text), made once
			v.ukrainian = ukrainianText(l)
			v.textVoice = russianTextVoice(l, v.ukrainian)
			v.quotes = attributedQuotes(d.text, l)
		}
	}
	if !hasCyrillic(si.text) {
		return
	}
	samePara := v.prevEnd <= si.start && !strings.Contains(d.text[v.prevEnd:si.start], "\n")
	v.carry, v.carryWord = "", ""
	if samePara {
		v.carry, v.carryWord = v.pending, v.pendingWord
	}
	v.pending, v.pendingWord = "", ""
	v.spoken = sideOf(si.side) != ""
	if si.speaker == "" {
		// "Генштаб ЗСУ: …", "Пушилин: …": a known speaker before a colon
		// that opens the sentence.
		if c := strings.Index(si.text, ":"); c > 0 && utf8.RuneCountInString(si.text[:c]) <= 40 {
			if side, name := cyrSpeakerSide(si.text[:c]); sideOf(side) != "" && name != "" || sideOf(side) != "" && !strings.Contains(si.text[:c], " ") {
				si.speaker, si.side = strings.TrimSpace(si.text[:c]), side
				if si.voice == "" || si.voice == side {
					si.voice = side
					v.spoken = true
				}
			}
		}
	}
	if si.voice == "" && si.speaker == "" {
		carried := ""
		for _, q := range v.quotes {
			if si.start >= q.start && si.end <= q.end+2 {
				si.speaker, si.side = q.speaker, q.side
				carried = q.side
				break
			}
		}
		uk := ukrainianText(si.lower) || v.ukrainian && !russianLetters(si.lower)
		if carried == "" && samePara && v.prevSide != "" && (!uk || v.prevSide == sideUkraine) {
			carried = v.prevSide
		}
		if carried == "" && !uk {
			carried = v.textVoice
		}
		if carried == "" && uk && v.ukrainian {
			// "Ворог просунувся в Невельському": a sentence without the
			// letters of either language, in a Ukrainian text, speaks
			// Ukrainian; it names no speaker, so its voice is
			// Ukraine's (as for any Ukrainian sentence, claims.go).
			carried = sideUkraine
		}
		si.voice = carried
		v.spoken = carried != "" && !(uk && carried == sideUkraine && v.prevSide == "" && v.textVoice == "" && len(v.quotes) == 0)
	}
	v.prevClaims = v.curClaims
	v.curClaims = len(d.claims)
	v.prevEnd = si.end
	v.prevSide = ""
	if s := sideOf(si.side); s != "" {
		v.prevSide = s
	} else if si.speaker == "" && samePara {
		v.prevSide = sideOf(si.voice)
	}
}

// russianTextMarkers are the words with which a Russian-language text
// speaks in Russia's voice; ukrainianVoiceMarkers those a Russian-language
// text of Ukrainian, or independent, voice uses. Lower-case substrings.
var (
	russianTextMarkers = []string{"днр", "лнр", "народной республик", "специальной военной операции", "киевского режима", "киевский режим", "киевским режимом", "укронацист", "неонацист"}
	// The markers as stem sets: one walk over the sentence each, not a
	// scan per marker.
	russianTextMarkerSet = newStemSet(russianTextMarkers...)
	otherVoiceMarkerSet  = newStemSet(otherVoiceMarkers...)
	otherVoiceMarkers    = []string{"оккупант", "оккупирова", "окупант", "рашист", "россиян", "захватчик", "агресс", "вторжени", "так называем", "самопровозгла", "непризнан", "аннекс", "полномасштаб", "войны в украине", "войны россии", "войне в украине", "войне россии", "ворог"}
)

// russianTextVoice is sideRussia when a Russian-language text speaks in
// Russia's own wording and never in another's, else ""; l is the text
// lowered by lowerCyr, ukrainian is ukrainianText(l) (its caller has it:
// a walk over the whole text not made twice).
func russianTextVoice(l string, ukrainian bool) string {
	if ukrainian {
		return ""
	}
	if otherVoiceMarkerSet.in(l) {
		return ""
	}
	if russianTextMarkerSet.in(l) {
		return sideRussia
	}
	return ""
}

// quoteCloses are the characters that close a quotation.
const quoteCloses = "»\"”"

// indexQuoteClose is strings.IndexAny(s, quoteCloses) for valid UTF-8,
// by bytes: IndexAny compares every rune of a Cyrillic text with each
// character.
func indexQuoteClose(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			return i
		case 0xC2: // » is C2 BB
			if i+1 < len(s) && s[i+1] == 0xBB {
				return i
			}
		case 0xE2: // ” is E2 80 9D
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x9D {
				return i
			}
		}
	}
	return -1
}

// attributedQuotes finds the quotations of a text followed by their
// attribution ("…», — написала Маляр", "…", - сообщил Пушилин") to a
// speaker of a known side. A quotation starts at its paragraph's start,
// which must open with a quotation mark (a quotation inside a sentence is
// that sentence's business). lower is text lowered by lowerCyr.
func attributedQuotes(text, lower string) []quoteVoice {
	var out []quoteVoice
	for i := 0; i < len(text); {
		j := indexQuoteClose(text[i:])
		if j < 0 {
			break
		}
		q := i + j
		_, size := utf8.DecodeRuneInString(text[q:])
		i = q + size
		rest := text[i:]
		k := 0
		for k < len(rest) && (rest[k] == ',' || rest[k] == ' ' || rest[k] == '.') {
			k++
		}
		dash := false
		for _, dsh := range []string{"—", "–", "-"} {
			if strings.HasPrefix(rest[k:], dsh) {
				k += len(dsh)
				dash = true
				break
			}
		}
		if !dash {
			continue
		}
		for k < len(rest) && rest[k] == ' ' {
			k++
		}
		// A reporting verb right after the dash.
		l := lower[i+k:]
		ms := sentenceMatcher.find(l[:min(len(l), 200)], wordStarts(l[:min(len(l), 200)]), false)
		verbEnd := -1
		for _, m := range ms {
			if m.p == cyrReporting && m.start == 0 {
				verbEnd = m.end
				break
			}
		}
		if verbEnd < 0 {
			continue
		}
		tail := text[i+k+verbEnd:]
		if e := strings.IndexAny(tail, ".\n"); e >= 0 {
			tail = tail[:e]
		}
		// The quotation opens its paragraph.
		p := strings.LastIndexByte(text[:q], '\n') + 1
		side, name := cyrSpeakerSide(tail)
		if side == "" {
			side, _ = speakerSide(tail)
		}
		sp := cyrPhraseAfter(tail)
		if f := fields(lowerCyr(tail)); side == "" && len(f) > 0 && cyrPronouns[f[0]] {
			// "…", - написал он: the speaker named before the quotation.
			side, name = cyrSpeakerSide(text[max(0, p-400):p])
			sp = name
		}
		if sideOf(side) == "" {
			continue
		}
		if sp == "" {
			sp = name
		}
		open := strings.TrimLeft(text[p:q], " \t")
		if !strings.HasPrefix(open, "«") && !strings.HasPrefix(open, "\"") && !strings.HasPrefix(open, "“") && !strings.HasPrefix(open, "„") {
			continue
		}
		out = append(out, quoteVoice{start: p, end: q + size, speaker: sp, side: side})
	}
	return out
}

// passiveAgentNouns open the agent of a Russian or Ukrainian passive:
// "освобождён подразделениями группировки «Запад»", "звільнено бійцями
// 3-ї бригади".
var passiveAgentNouns = []string{"усилиями", "усилий", "зусиллями", "зусиль", "подразделениями", "войсками", "силами", "бойцами", "военнослужащими", "военными", "частями", "штурмовиками", "штурмовыми", "десантниками", "военнослужащими", "подразделением", "группировкой", "армией", "підрозділами", "військами", "бійцями", "військовими", "воїнами", "частинами", "штурмовиками", "десантниками", "угрупованням", "армією", "захисниками", "оборонцями"}

// passiveForm: the first word of a trigger is a passive participle or an
// impersonal passive ("освобождён", "освобождена", "звільнено",
// "звільнений", "взят", "занято").
func passiveForm(w string) bool {
	if i := strings.IndexByte(w, ' '); i >= 0 {
		w = w[:i]
	}
	for _, suf := range []string{"ён", "ен", "ена", "ено", "ены", "ний", "на", "но", "ні", "не", "ят", "ята", "ято", "яты", "ятий", "ито", "ит", "ита",
		// oblique cases of the participle: "в освобожденном …
		// Соледаре", "у звільненій …"
		"енном", "енной", "енного", "енных", "ённом", "ённой", "ённого", "ених", "еному", "еній", "еного", "еної"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// cyrAgentSide is the side a Cyrillic trigger names by itself or right
// after it: a passive's agent ("освобождён подразделениями группировки
// «Запад»"), or a side word inside the trigger ("под контроль России
// перешла"). "" when there is none.
func (si *sentenceInfo) cyrAgentSide(t *trigger, ts, te int) string {
	if !t.p.cyrillic || t.neutral {
		return ""
	}
	for _, c := range si.cuesIn(ts, te) {
		w := si.lower[c.start:c.end]
		if relativeCue(w) {
			continue
		}
		if s := cueSide(w, si.voice); s != "" {
			return s
		}
	}
	if !passiveForm(si.lower[ts:te]) {
		return ""
	}
	if c, ok := si.instrumentalAgentAfter(te); ok {
		// "Каменка захвачена противником", "Кам'янку захоплено
		// ворогом": the agent right after the passive, read against
		// the voice ("" when there is none to read it against).
		return cueSide(si.lower[c.start:c.end], si.voice)
	}
	rest := si.lower[te:min(len(si.lower), te+140)]
	if i := strings.IndexAny(rest, ".;!?"); i >= 0 {
		rest = rest[:i]
	}
	at := -1
	for _, n := range passiveAgentNouns {
		if i := strings.Index(rest, " "+n); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	if at < 0 {
		return ""
	}
	if at <= 30 {
		// "освобожденном российскими военными": the agent's adjective
		// before its noun.
		at = 0
	}
	for _, c := range si.cuesIn(te+at, te+len(rest)) {
		if s := cueSide(si.lower[c.start:c.end], si.voice); s != "" {
			return s
		}
	}
	return ""
}

// settlementAnaphora are the words that refer back to a settlement named
// before: "вся территория населённого пункта", "контроль над городом",
// "село освобождено".
var settlementAnaphora = []string{"населенного пункта", "населённого пункта", "населенный пункт", "населённый пункт", "населеного пункту", "населений пункт", "над городом", "над населенным пунктом", "над населённым пунктом", "над селом", "над містом", "над населеним пунктом", "над ним",
	" города", " город", " міста", " місто", " села", " село", " поселка", " посёлка", " поселок", " посёлок", " селища", " селище"}

// settlementLocative are "in the settlement, the town, the village" ("ворог
// просунувся в населеному пункті"): they refer back to a settlement named
// in a sentence before, not to one the same sentence names.
var settlementLocative = []string{"населеному пункті", "населенном пункте", "населённом пункте", " місті", " селі", " городе", " селе"}

// cyrSameSettlement: a Cyrillic trigger with no place of its own whose
// clause refers back to a settlement ("под контроль России перешла вся
// территория населенного пункта") speaks of the settlement last named, in
// this sentence or the one before, within 400 bytes.
func (d *doc) cyrSameSettlement(si *sentenceInfo, ts, te int) []frontline.Mention {
	a := max(0, ts-60)
	b := min(len(si.lower), te+60)
	clause := si.lower[a:b]
	hit := -1
	for _, w := range settlementAnaphora {
		if i := strings.Index(clause, w); i >= 0 {
			if isLetterAt(si.lower, a+i+len(w)) {
				continue // "городской", "селах"
			}
			// Not "населённый пункт Песчаное": the name follows.
			after := strings.TrimLeft(si.text[a+i+len(w):], " «\"")
			if after != "" && isCap(after) {
				continue
			}
			hit = a + i
			break
		}
	}
	locative := false
	if hit < 0 {
		for _, w := range settlementLocative {
			if i := strings.Index(clause, w); i >= 0 && !isLetterAt(si.lower, a+i+len(w)) {
				if after := strings.TrimLeft(si.text[a+i+len(w):], " «\""); after == "" || !isCap(after) {
					hit, locative = a+i, true
					break
				}
			}
		}
	}
	if hit < 0 {
		return nil
	}
	ms := d.settlementBefore(si.start + hit)
	if locative && len(ms) > 0 && ms[0].Start >= si.start {
		return nil
	}
	return ms
}

// cyrPending remembers a fighting trigger of a Cyrillic sentence that
// found no place ("Еще две атаки были отражены на Краснолиманском
// направлении."): the next sentence may name the places ("Они были
// предприняты в районах населенных пунктов Червоная Диброва и Макеевка").
func (d *doc) cyrPending(t *trigger, word string) {
	if t.neutral && (t.assertion == frontline.AssertContested || t.assertion == frontline.AssertAttacked) {
		d.voice.pending, d.voice.pendingWord = t.assertion, word
	}
}

// ownClaimRe: "Андреевка наша", "Кринки — наші", "Кринки залишаються
// нашими": the speaker's side holds
// the place named right before, at the end of the sentence.
var ownClaimRe = regexp.MustCompile(`^\s*(?:[—–-]\s*)?(?:вже |уже |снова |знову |теперь |тепер )?(?:полностью |повністю |целиком |цілком )?(?:(?:залиша\pL+|лиша\pL+|оста[её]т\pL*|остаются|остались|залишились) )?(наш[аеі]?|наши|наш|нашими|нашим|нашою|нашей)\s*[.!]*\s*(?:[»"”]\s*,?\s*[—–-]\s*[^.!?«»"“”]*[.!]*\s*)?$`)

// cyrCarriedClaims makes the claims of a Cyrillic sentence that made none
// by its own triggers and returns how many: a place declared the
// speaker's own ("Андреевка наша"), and the places of a sentence that
// continues the fighting of the sentence before in the same paragraph
// (in the areas of the settlements it lists).
func (d *doc) cyrCarriedClaims(si *sentenceInfo) int {
	if !hasCyrillic(si.text) {
		return 0
	}
	made := 0
	add := func(m frontline.Mention, assertion, trigger, side string) {
		d.claims = append(d.claims, frontline.Claim{
			Quote: si.text, Start: si.start, End: si.end,
			PlaceID: m.Place.ID, PlaceName: m.Place.Name, Mention: m.Mention,
			Assertion: assertion, Trigger: trigger, Side: frontline.Side(side),
			Speaker: si.speaker, SpeakerSide: frontline.Side(si.side),
			RefersTo: si.refersTo, RefersToPhrase: si.phrase,
			Hedges: si.hedges, Evidence: si.evidence,
		})
		made++
	}
	if len(si.denials) > 0 && !si.namesSettlement() {
		// "Российская сторона сообщила об освобождении Андреевки. В ВСУ
		// это опровергли.": a denial that names no place denies the
		// claims of the sentence before; so does one that names the
		// claim ("… спростовують заяву країни-агресора") and only a
		// country or body ("Державної прикордонної служби України"), and
		// one that scorns the enemy's claim ("Чергову маячню противника
		// спростували у Центрі протидії дезінформації"): Russia's claims only.
		scorn := scornOfEnemy(si.lower)
		if f := strings.Fields(si.lower); (scorn || containsAny(" "+si.lower+" ", []string{" это ", " це ", " ці ", " эти ", " эту ", " цю ", " такие ", " такі ", " цього ", " этого ", " заяву ", " заяви ", " заявление ", " заявления ", " твердження ", " утверждение ", " утверждения "})) && len(f) <= 25 {
			dn := si.denials[0]
			prev := d.claims[d.voice.prevClaims:d.voice.curClaims]
			for _, c := range prev {
				if c.Side == "" || c.Assertion == frontline.AssertDenied || c.Denied != nil {
					continue
				}
				if scorn && string(c.Side) != sideRussia {
					continue // the enemy's nonsense is Russia's claim
				}
				c = asDenial(c, si.text[dn.start:dn.end])
				c.Quote, c.Start, c.End = si.text, si.start, si.end
				c.Speaker, c.SpeakerSide = si.speaker, frontline.Side(si.side)
				d.claims = append(d.claims, c)
				made++
			}
			if made > 0 {
				return made
			}
		}
	}
	if own := sideOf(si.voice); own != "" && len(si.mentions) > 0 {
		m := si.mentions[len(si.mentions)-1]
		if me := m.End - si.start; me <= len(si.text) && m.Kind == frontline.MentionSettlement && d.claimPlace(m) {
			if g := ownClaimRe.FindStringSubmatch(si.lower[me:]); g != nil && strings.Trim(si.lower[:m.Start-si.start], " «\"“„") == "" {
				add(m, frontline.AssertUnderControl, g[1], own)
				return made
			}
		}
	}
	a, word := d.voice.carry, d.voice.carryWord
	if a == "" && d.voice.pending != "" && (strings.Contains(si.lower, "районах") || strings.Contains(si.lower, "районі") || strings.Contains(si.lower, "районе")) {
		// "ворог 37 разів атакував позиції … на Покровському напрямку в
		// районах населених пунктів Зелений Кут, …": the areas named
		// after a fighting trigger too far from them.
		a, word = d.voice.pending, d.voice.pendingWord
	}
	if a != "" {
		first := -1
		for _, m := range si.mentions {
			if m.Kind == frontline.MentionSettlement && d.claimPlace(m) {
				first = m.Start - si.start
				break
			}
		}
		if first < 0 {
			return made
		}
		pre := si.lower[:first]
		if !strings.Contains(pre, "район") && !strings.Contains(pre, "пункт") {
			return made
		}
		for _, m := range si.mentions {
			if m.Kind == frontline.MentionSettlement && d.claimPlace(m) && !cyrReferencePoint(si.lower[:m.Start-si.start]) {
				add(m, a, word, "")
			}
		}
	}
	return made
}

// unquoteGap drops from the gap between a Cyrillic trigger and its place
// a short quotation closed within it: "ВСУ пришлось сменить позиции «на
// отдельных участках» в районе Волчанска". A quotation mark left open
// still stops the trigger's reach.
func unquoteGap(gap string) string {
	if !hasCyrillic(gap) {
		return gap
	}
	for _, q := range [][2]string{{"«", "»"}, {"\"", "\""}, {"“", "”"}, {"„", "“"}, {"(", ")"}} {
		i := strings.Index(gap, q[0])
		if i < 0 {
			continue
		}
		j := strings.Index(gap[i+len(q[0]):], q[1])
		if j < 0 || j > 60 {
			continue
		}
		end := i + len(q[0]) + j + len(q[1])
		gap = gap[:i] + " " + gap[end:]
	}
	return gap
}

// cyrListBefore is the place si.mentions[k], found before its trigger,
// with the places listed before it in a Cyrillic sentence: "Біля
// Кремінної та Сватового ситуація стабільна – наші війська просуваються",
// "Петропавловка, Степова Новоселовка и Песчаное перешли под контроль".
func (d *doc) cyrListBefore(si *sentenceInfo, k, prevEnd int) []frontline.Mention {
	out := []frontline.Mention{si.mentions[k]}
	for j := k - 1; j >= 0; j-- {
		m, next := si.mentions[j], out[0]
		ms, me := m.Start-si.start, m.End-si.start
		if ms < prevEnd || me > next.Start-si.start || m.Kind == frontline.MentionOblast || !d.claimPlace(m) {
			break
		}
		gap := strings.TrimSpace(si.lower[me : next.Start-si.start])
		if !hasCyrillic(gap) && gap != "," || !cyrJoiners[gap] && !listGap(strings.TrimSpace(si.text[me:next.Start-si.start]), false) {
			break
		}
		out = append([]frontline.Mention{m}, out...)
	}
	return out
}

// russianLetters reports whether lower-case text has one of ы э ъ ё,
// which Ukrainian lacks.
func russianLetters(lower string) bool {
	return strings.Contains(lower, "ы") || strings.Contains(lower, "э") || strings.Contains(lower, "ъ") || strings.Contains(lower, "ё")
}

// cyrListGapRe joins the items of a Ukrainian or Russian list that keeps
// its verb, each with a direction of its own: "ЗСУ мали успіх на північ
// від Роботиного, на захід від Макарівки та на схід від Левадного",
// "просунувся в Новомихайлівці, на півночі та півдні Авдіївки".
var cyrListGapRe = regexp.MustCompile(`^(?:,|,? ?(?:та|і|й|и|а також|а также|так и|так і|як і)|, (?:та|і|й|и|а також|а также|так и|так і|як і))\s*(?:(?:соседн|сусідн|близлежащ|ближн)\pL*\s*)?(?:(?:на|в|у) (?:північ|південь|схід|захід|північний схід|північний захід|південний схід|південний захід|север|юг|восток|запад|северо-восток|северо-запад|юго-восток|юго-запад) (?:від|от)|на (?:півночі|півдні|сході|заході|севере|юге|востоке|западе)(?: (?:та|і|и) (?:півночі|півдні|сході|заході|севере|юге|востоке|западе))?|(?:в|у) (?:центрі|центре)|(?:на|в|у) (?:північн|південн|східн|західн|северн|южн|восточн|западн)\pL* (?:частин\pL*|околиц\pL*|окраин\pL*))?\s*$`)

// cyrListGap: gap (lower case, trimmed) joins two places of a list that
// keeps its verb; never for a taking verb ("окупував X та просунувся на
// захід від Y" took X only).
func cyrListGap(gap string, taking bool) bool {
	return !taking && hasCyrillic(gap) && cyrListGapRe.MatchString(gap)
}

// ownTroopNouns name troops without naming their side: in a statement,
// the speaker's own ("Штурмовые подразделения продвинулись", "Підрозділи
// утримують позиції").
var ownTroopNouns = []string{"подразделени", "підрозділ", "штурмов", "войска", "войсками", "військ", "бойц", "бійц", "отряд", "групп", "групи", "военные", "военнослужащ", "військові", "бригад", "полк", "батальон", "батальйон", "морпіх", "морпех", "десантник", "наши", "наші", "наш "}

// cyrVoiceActor is the actor of a Cyrillic claim that names none, in a
// sentence spoken by a known side: the speaker's own troops. Only when the
// subject is troops with no side word ("Штурмовые отряды продвигаются в
// центре Димитрова"), or a passive with no agent and no side word before
// it ("Населенный пункт Петропавловка взят под контроль"); a subject the
// rules cannot read ("россияне" before the word was known) gets no side.
// Fighting and fixed-side triggers keep their rules.
func (d *doc) cyrVoiceActor(si *sentenceInfo, t *trigger, ts, te int) string {
	if !t.p.cyrillic || t.neutral || t.fixedSide != "" || !d.voice.spoken {
		return ""
	}
	v := sideOf(si.voice)
	if v == "" || len(si.cuesIn(0, ts)) > 0 {
		return ""
	}
	// The clause before the trigger.
	pre := si.lower[:ts]
	if i := strings.LastIndexAny(pre, ",;:—–"); i >= 0 {
		pre = pre[i+1:]
	}
	if passiveForm(si.lower[ts:te]) {
		if _, ok := si.instrumentalAgentAfter(te); ok {
			// "захоплено ворогом": the passive names its agent; the
			// speaker's troops are not it.
			return ""
		}
		return v
	}
	for _, n := range ownTroopNouns {
		if strings.Contains(pre, n) {
			return v
		}
	}
	return ""
}

// cyrNotADeed reports whether the trigger at [ts, te) of lower is no
// taking at all: taken prisoner or into a ring ("взят в кольцо", "взяли в
// плен": the ring is read by the encirclement pattern), or a future ("будет
// освобождена в ближайшее время", "буде звільнено").
func cyrNotADeed(lower string, ts, te int) bool {
	w := lower[ts:te]
	if strings.HasPrefix(w, "взя") {
		rest := lower[te:]
		for _, p := range []string{" в кольцо", " в кільце", " в плен", " в полон", " в окружение", " в оточення", " на себя", " на себе"} {
			if strings.HasPrefix(rest, p) {
				return true
			}
		}
	}
	// "Освобождение Купянска позволит продвинуться": a consequence to
	// come.
	if strings.HasSuffix(w, "ние") || strings.HasSuffix(w, "ння") || strings.HasSuffix(w, "тие") || strings.HasSuffix(w, "ття") || strings.HasPrefix(w, "захват") {
		after := lower[te:min(len(lower), te+60)]
		for _, f := range []string{" позволит", " даст ", " дозволить", " дасть ", " станет ", " стане "} {
			if strings.Contains(after, f) {
				return true
			}
		}
	}
	var buf [2]string
	ws := wordsBefore(lower, ts, 30, buf[:])
	for k := len(ws) - 1; k >= 0; k-- {
		switch ws[k] {
		case "будет", "будут", "буде", "будуть":
			return true
		case "полностью", "повністю", "скоро", "вскоре", "незабаром", "обязательно":
			continue
		}
		break
	}
	return false
}

// scornWords name a claim with scorn in Ukrainian; enemyGenitives name
// whose it is. Together ("маячню противника", "вигадки окупантів") they
// take up the enemy's claim of the sentence before.
var scornWords = []string{"маячн", "вигадк", "вигадок", "вкид", "брехн", "нісенітниц"}
var enemyGenitives = toSet(`противника ворога окупантів окупанта росіян рф агресора загарбників кремля пропагандистів`)

// scornOfEnemy reports whether a Ukrainian sentence names a claim with a
// word of scorn followed within two words by the enemy.
func scornOfEnemy(lower string) bool {
	f := strings.Fields(lower)
	for k, w := range f {
		if !hasAnyPrefix(w, scornWords) {
			continue
		}
		for j := k + 1; j < len(f) && j <= k+2; j++ {
			if enemyGenitives[strings.Trim(f[j], ",.;:«»\"“”")] {
				return true
			}
		}
	}
	return false
}

// instrumentalAgentAfter is the side word right after a passive trigger
// ending at te that is its agent, in the instrumental case ("захвачена
// противником", "захоплено ворогом", "оккупирована российскими войсками"
// is passiveAgentNouns' business): a cue within a few words, no
// punctuation or place between, whose last word ends as an instrumental.
func (si *sentenceInfo) instrumentalAgentAfter(te int) (span, bool) {
	c, ok := si.cueRightAfter(te, 25)
	if !ok {
		return span{}, false
	}
	w := strings.Trim(si.lower[c.start:c.end], "«»\" ")
	if i := strings.LastIndexByte(w, ' '); i >= 0 {
		w = w[i+1:]
	}
	for _, suf := range []string{"ом", "ем", "ами", "ями", "ими", "ыми"} {
		if strings.HasSuffix(w, suf) {
			return c, true
		}
	}
	return span{}, false
}
