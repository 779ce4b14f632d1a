package extract

import (
	"strings"
	"unicode/utf8"
)

// Speakers in Ukrainian and Russian: "сообщили в Минобороны России",
// "заявил Пушилин", "Генштаб ЗСУ повідомив", "по данным …", "за даними …",
// and the attribution after a dash at the end ("… — ГШ ЗСУ").

// cyrTitles are lower-case words of a speaker's phrase besides names.
var cyrTitles = toSet(`губернатор губернатора глава главы командир командира речник речника міністр министр министра
заступник заместитель замминистра начальник начальника представник представитель спікер спикер генерал генерала
бригадний бригадный командувач командующий голова голови мэр мер помощник радник советник аналітики аналитики
ветеран президент президента прессекретарь пресс-секретарь пресс-служба пресс-службе пресс-служби військового
военного ведомства ведомстве у в во штабу штаба штабі речниця угруповання группировки угрупування осув ось сил силами
оборони обороны россии рф зсу всу україни украины сухопутних сухопутных військ войск корпусу корпуса бригади бригады
штурмового штурмовой штурмової штурмового отряда загону батальона батальону батальйону роты роти полка полку дивизии дивізії
армии армії танковой танкової мотострелковой мотострілецької десантно-штурмовой десантно-штурмової механізованої`)

var cyrPronouns = toSet(`він вона вони он она они його її их его её`)

// cyrPossessive are the pronouns of "по его словам", "за його словами".
var cyrPossessive = toSet(`его её ее их його її їх їхніми`)

// cyrSpeaker finds the speaker of a sentence with a Ukrainian or Russian
// reporting verb and the speaker's side.
func (d *doc) cyrSpeaker(si *sentenceInfo) (string, string) {
	if sp, side := dashAttribution(si.text); sp != "" {
		d.lastSpeaker, d.lastSpeakerSide = sp, side
		return sp, side
	}
	for _, r := range si.cyrReporting {
		w := si.lower[r.start:r.end]
		// "а заяви РФ про його захоплення є фейком": a claim named as
		// a noun is what is denied or answered, not a verb of saying
		// whose subject is the sentence's speaker.
		if claimNounForms[w] {
			continue
		}
		forward := strings.HasPrefix(w, "за ") || strings.HasPrefix(w, "по ") || strings.HasPrefix(w, "як ") || strings.HasPrefix(w, "как ")
		if f := fields(w); forward && len(f) == 3 && cyrPossessive[f[1]] {
			// "По его словам", "За його словами": the speaker named
			// before.
			if d.lastSpeaker != "" {
				return d.lastSpeaker, d.lastSpeakerSide
			}
			continue
		}
		if forward && d.lastSpeaker != "" {
			var first [1]string
			if f := firstFields(si.text[r.end:min(len(si.text), r.end+40)], first[:]); len(f) > 0 && agencyAnaphora[strings.Trim(lowerCyr(f[0]), ",.")] {
				// "Міноборони РФ заявило … За даними відомства, …":
				// the body named before.
				return d.lastSpeaker, d.lastSpeakerSide
			}
		}
		var cands []string
		if !forward {
			cands = append(cands, cyrPhraseBefore(si.text[:r.start]))
		}
		after := cyrPhraseAfter(si.text[r.end:])
		if after == "" && forward {
			after = sideSourceAfter(si.text[r.end:])
		}
		cands = append(cands, after)
		if len(cands) == 2 && cands[0] != "" && cands[1] != "" && phraseSide(cands[0]) == "" && phraseSide(cands[1]) != "" {
			// "Взятие Уманского подтвердили в Минобороны России": the
			// phrase after names a known side, the one before does not.
			cands = cands[1:]
		}
		for _, sp := range cands {
			if sp == "" {
				continue
			}
			if cyrPronouns[lowerCyr(sp)] {
				// "Путін … нафантазував «успіхи». Він заявив про …": a
				// known speaker named in the sentence before, else the
				// last speaker.
				if k := d.sentenceAt(si.start); k > 0 {
					if side, _ := cyrSpeakerSide(d.slice(d.sentences[k-1])); sideOf(side) != "" {
						return sp, side
					}
				}
				if d.lastSpeaker != "" {
					return d.lastSpeaker, d.lastSpeakerSide
				}
				continue
			}
			side, _ := cyrSpeakerSide(sp)
			if l := lowerCyr(sp); (l == "минобороны" || l == "міноборони") && ministryOfUkraine(lowerCyr(si.text[r.end:])) {
				// "подтвердили в Минобороны и Объединенном
				// пресс-центре Сил обороны": Ukraine's ministry.
				side = sideUkraine
			}
			if side == "" {
				side, _ = speakerSide(sp)
			}
			if side == "" {
				side = phraseCueSide(sp)
			}
			if f := fields(lowerCyr(sp)); side == "" && len(f) > 0 && occupationAdjective(f[0]) {
				side = sideRussia // "Окупаційна влада заявила"
			}
			// "Там заявили", "Сейчас сообщили": one capitalised word
			// of no known speaker is the sentence's first word.
			if side == "" && !strings.ContainsAny(sp, " «\"") {
				continue
			}
			d.lastSpeaker, d.lastSpeakerSide = sp, side
			return sp, side
		}
	}
	// "Об этом сообщили в …" without a phrase found: a known speaker
	// named in the sentence.
	if side, name := cyrSpeakerSide(si.text); side != "" && name != "" {
		d.lastSpeaker, d.lastSpeakerSide = name, side
		return name, side
	}
	return "", ""
}

// dashAttribution: "… — ГШ ЗСУ", "…, - ОСУВ "Хортиця"": a known speaker
// after a dash that ends the sentence.
func dashAttribution(text string) (string, string) {
	t := strings.TrimRight(text, " .!\"»”")
	for _, dash := range []string{" — ", " – ", " - ", "— ", "– "} {
		i := strings.LastIndex(t, dash)
		if i < 0 {
			continue
		}
		tail := strings.TrimSpace(t[i+len(dash):])
		if tail == "" || utf8.RuneCountInString(tail) > 40 || !isCap(tail) && !strings.HasPrefix(tail, "«") && !strings.HasPrefix(tail, "\"") {
			continue
		}
		// Only a named speaker ("ГШ ЗСУ", "ОСУВ «Хортиця»"): a dash
		// before "Росія" is no attribution.
		side, name := cyrSpeakerSide(tail)
		if name == "" {
			side, name = speakerSide(tail)
		}
		if side == "" || name == "" {
			continue
		}
		return strings.TrimSpace(strings.Trim(tail, " ,")), side
	}
	return "", ""
}

// cyrPhraseToken: a word of a speaker's phrase: capitalised, a title, or a
// quoted name ("«Хортиця»").
func cyrPhraseToken(t string) bool {
	if t == "«" || t == "»" || t == "\"" || t == "“" || t == "”" || t == "-" {
		return true
	}
	return isCap(t) || cyrTitles[lowerCyr(t)]
}

// cyrPhraseAfter is the speaker's phrase after a reporting verb:
// "сообщил губернатор региона Евгений Балицкий", "сообщили в Минобороны
// России".
func cyrPhraseAfter(s string) string {
	tb := pooledTokens(s)
	defer releaseTokens(tb)
	ts := *tb
	b := 0
	for b < len(ts) && (ts[b].s == "," || ts[b].s == "в" || ts[b].s == "у" || ts[b].s == "во") {
		b++
	}
	e := b
	for e < len(ts) && e-b < 8 && cyrPhraseToken(ts[e].s) {
		e++
	}
	for e > b && !isCap(ts[e-1].s) && ts[e-1].s != "»" && ts[e-1].s != "”" && ts[e-1].s != "\"" {
		e--
	}
	if e == b || !hasCapital(ts[b:e]) {
		return ""
	}
	return strings.TrimSpace(s[ts[b].start:ts[e-1].end])
}

// cyrPhraseBefore is the speaker's phrase right before a reporting verb:
// "Генштаб ЗСУ повідомив", "Пушилин заявил".
func cyrPhraseBefore(s string) string {
	tb := pooledTokens(s)
	defer releaseTokens(tb)
	ts := *tb
	e := len(ts)
	for e > 0 && (ts[e-1].s == "," || ts[e-1].s == "—" || ts[e-1].s == "–" || ts[e-1].s == "-" || ts[e-1].s == "\"" || ts[e-1].s == "»" || ts[e-1].s == "”") {
		// "Речник угруповання «Восток» заявив": a quoted name of one
		// or two capitalised words closes the phrase, not a quotation.
		if e >= 3 && ts[e-1].s == "»" && (ts[e-3].s == "«" && isCap(ts[e-2].s) || e >= 4 && ts[e-4].s == "«" && isCap(ts[e-3].s)) {
			break
		}
		// "«…», — сообщил X" has its speaker after the verb.
		return ""
	}
	b := e
	for b > 0 && e-b < 8 && cyrPhraseToken(ts[b-1].s) {
		b--
	}
	for b < e && !isCap(ts[b].s) && !cyrPronouns[lowerCyr(ts[b].s)] {
		b++
	}
	if b == e && e >= 2 && (troopNouns[lowerCyr(ts[e-1].s)] || sourceNouns[lowerCyr(ts[e-1].s)]) && isCap(ts[e-2].s) && (sideAdjective(lowerCyr(ts[e-2].s)) || occupationAdjective(lowerCyr(ts[e-2].s))) {
		// "Українські військові заявили", "Российские военные
		// сообщили": the troops of a side named by its adjective.
		return strings.TrimSpace(s[ts[e-2].start:ts[e-1].end])
	}
	if b == e {
		// "Він заявив", "Він прилюдно заявив", "Он также сообщил": a
		// pronoun before the verb, over up to two adverbs.
		for k := e - 1; k >= 0 && k >= e-3; k-- {
			if cyrPronouns[lowerCyr(ts[k].s)] {
				return ts[k].s
			}
			if isCap(ts[k].s) || !isLetterAt(ts[k].s, 0) {
				break
			}
		}
		return ""
	}
	return strings.TrimSpace(s[ts[b].start:ts[e-1].end])
}

func hasCapital(ts []tok) bool {
	for _, t := range ts {
		if isCap(t.s) {
			return true
		}
	}
	return false
}

// phraseSide is the side of a speaker's phrase: a known speaker, else a
// side word in it.
func phraseSide(sp string) string {
	side, _ := cyrSpeakerSide(sp)
	if side == "" {
		side, _ = speakerSide(sp)
	}
	if side == "" {
		side = phraseCueSide(sp)
	}
	return side
}

// troopNouns name a side's soldiers as a body that speaks ("Українські
// військові заявили").
var troopNouns = toSet(`військові захисники бійці оборонці прикордонники десантники военные защитники бойцы пограничники десантники`)

// sourceNouns name a side's sources that speak ("російські воєнкори
// пишуть", "за словами російських воєнкорів", "по данным украинских
// источников"): what they say is in that side's voice, "противник" its
// enemy.
var sourceNouns = toSet(`воєнкори воєнкорів военкоры военкоров блогери блогерів блогеры блогеров воєнблогери воєнблогерів военблогеры военблогеров мілблогери мілблогерів милблогеры милблогеров пропагандисти пропагандистів пропагандисты пропагандистов джерела джерел источники источников канали каналів каналы каналов змі сми ресурси ресурсів ресурсы ресурсов медіа медиа військових военных влада влади власти адміністрація адміністрації администрация администрации`)

// occupationAdjective reports whether a lower-case word is the adjective
// of the occupation ("окупаційна влада", "оккупационные власти"): Russia's
// appointees.
func occupationAdjective(w string) bool {
	return strings.HasPrefix(w, "окупаційн") || strings.HasPrefix(w, "оккупационн")
}

// agencyAnaphora: "за даними відомства", "по данным ведомства": the body
// named before (the sentence's or the statement's speaker).
var agencyAnaphora = toSet(`відомства ведомства міністерства министерства`)

// sideSourceAfter is the phrase of a side's sources right after a forward
// reporting phrase ("За словами російських воєнкорів", "По данным
// украинских источников"), or "".
func sideSourceAfter(s string) string {
	tb := pooledTokens(s)
	defer releaseTokens(tb)
	ts := *tb
	b := 0
	for b < len(ts) && (ts[b].s == "," || ts[b].s == "в" || ts[b].s == "у") {
		b++
	}
	if b+1 < len(ts) && (sideAdjective(lowerCyr(ts[b].s)) || occupationAdjective(lowerCyr(ts[b].s))) && sourceNouns[lowerCyr(ts[b+1].s)] {
		return strings.TrimSpace(s[ts[b].start:ts[b+1].end])
	}
	return ""
}

// sideAdjective reports whether a lower-case word is the adjective of
// Ukraine or Russia ("українські", "российские").
func sideAdjective(w string) bool {
	return strings.HasPrefix(w, "українськ") || strings.HasPrefix(w, "украинск") || strings.HasPrefix(w, "російськ") || strings.HasPrefix(w, "российск")
}
