// Package extract reads news text and finds what it says about places:
// place mentions resolved through the gazetteer, claims (who asserts what
// about which place, when, how hedged) and numbers (areas, distances,
// advances, troops). Rules only: no network, no statistical model.
//
// The method, in order:
//
//  1. Words are split with their byte offsets. Runs of capitalised words
//     (hyphens and apostrophes inside a word kept: "Volokhiv Yar",
//     "Kup’yansk") are candidate names; the longest sub-run (up to four
//     words) whose folded spelling is a key of the gazetteer wins. Common
//     English words, titles, first names and the surnames of people the text
//     names ("Vitaly Ganchev" … "Ganchev") are never places. A lowercase word
//     is a place only if it spells a city of 100,000 people or more ("the
//     kyiv government"). "X region", "X oblast" resolve to the oblast; "X
//     nuclear power plant", "X dam" to the watched site.
//     Ukrainian and Russian names are read in any grammatical case through
//     package inflect (Покровська, Авдеевкой, Великої Новосілки, Ямполем):
//     a Cyrillic name's exact spelling, then its lemmas' exact spellings,
//     then folded matches; a form with several readings (Пісків: a village,
//     and the genitive of Піски) is resolved over all of them. Latin
//     look-alike letters inside a word are repaired; all-caps Cyrillic
//     words of five letters or more are read. Cyrillic stop-words, first
//     names, the subject of a verb of saying, a word after "генерал",
//     "угруповання", "берег", "мікрорайон", a name alone in quotes
//     («Таврія») and a name before "group" or "району" are not
//     settlements. Oblast adjectives and region nouns (Курської області,
//     Харківщина) are oblasts, the Kursk, Belgorod and Bryansk oblasts
//     included (Country "RU"); place adjectives before напрямок /
//     направление / direction / axis (Покровський напрямок, Kupiansk
//     direction) are mentions of the place with Direction set: they
//     claim nothing about it.
//  2. The distinct names of one text are resolved together: each homonym
//     ("Kalynivka", "Semenivka") settles next to the other places the
//     text names, and, among places far apart, near the front of the
//     text's day (frontPrior). Names the publisher linked to a point
//     (ExtractLinked) resolve by the point (links.go). A sentence naming a
//     Russian border oblast, and the next, put their places in Russia
//     (russia.go).
//  3. Text is split into sentences; each sentence is searched for assertion
//     patterns (captured, liberated, under control, contested, attacked,
//     withdrawn, advanced towards, at the outskirts), the places they govern,
//     the side each favours, the speaker (reporting verbs, "according to",
//     appositives, pronouns back to the last named speaker) and the
//     speaker's side (a table of known speakers, then cues such as
//     "Russian-appointed"), the time referred to, hedges and cited
//     evidence.
//  4. Numbers with units are read with their bound ("more than") and kind.
//
// Limits: lemmas come from a table of endings, not a dictionary, so a
// Russian name whose Ukrainian form differs inside the word (Боровское,
// Борівське) is found only if the gazetteer knows the Russian name;
// homonyms in a text that names nothing else near them are settled by the
// front prior and can be wrong; nested quotations and long-range
// coreference are not followed; a claim's place is chosen by position,
// not by parsing.
package extract

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/inflect"
	"github.com/frontline-osint/frontline/translit"
)

// Version names the rules of this package. Stored extractions carry it
// (frontline.StoredExtraction.Version); change it whenever a change of the
// rules, the word lists or the known speakers can change what Extract
// returns, so that old and new results stay apart.
const Version = "extract-rules-25"

// Version returns the version of the rules, under which stored
// extractions are kept; with the claim model on, the model's too.
func (e *Extractor) Version() string {
	if e.claimModelOn() {
		return Version + "+" + claimModelVersion()
	}
	return Version
}

// Extractor extracts places, claims and numbers from text. Build one with
// New and reuse it: it is safe for concurrent use.
type Extractor struct {
	g *gazetteer.Gazetteer
	// towns: the cities and towns whose names the tracker abbreviates in
	// parentheses (byTownAbbrev), built on first use.
	townsOnce sync.Once
	towns     []abbrevTown
	// bigKeys holds the folded spellings of the cities of bigCity people
	// or more: a lowercase word may be read as one of them. Whether a
	// folded spelling is a key at all is the gazetteer's index (key).
	bigKeys map[string]bool
	// oblastNames: folded oblast names → oblast.
	oblasts map[string]gazetteer.Oblast
	cache   nameCache
	// bigLower: the lower-case spellings of cities of bigCity people or
	// more ("kyiv").
	bigLower map[string]bool
	// pts is the places on a grid and Ukraine's outline, for links.
	pts pointIndex
	// lemmas: a Cyrillic form → its lemma that is a key.
	lemmas  lemmaCache
	regions regionIndex
	// cyr remembers cyrName's answers (bounded like lemmas).
	cyr struct {
		mu sync.Mutex
		m  map[string]bool
	}
	// folds remembers translit.Fold's answers over texts (bounded like
	// lemmas): the same words recur from text to text.
	folds struct {
		mu sync.Mutex
		m  map[string]string
	}
	// forms remembers inflect.Lemmas' answers (bounded like lemmas).
	forms struct {
		mu sync.Mutex
		m  map[string][]string
	}
	// claimModel: whether the claim model adds claims (claimmodel.go).
	claimModel struct{ set, on bool }
}

// lemmasOf is inflect.Lemmas, remembered. The slice is shared: callers
// only read it (its capacity is its length, so an append copies).
func (e *Extractor) lemmasOf(word string) []string {
	e.forms.mu.Lock()
	ls, ok := e.forms.m[word]
	e.forms.mu.Unlock()
	if ok {
		return ls
	}
	ls = slices.Clip(inflect.Lemmas(word))
	e.forms.mu.Lock()
	if e.forms.m == nil || len(e.forms.m) >= lemmaCacheMax {
		e.forms.m = map[string][]string{}
	}
	e.forms.m[word] = ls
	e.forms.mu.Unlock()
	return ls
}

// fold is translit.Fold, remembered.
func (e *Extractor) fold(s string) string {
	e.folds.mu.Lock()
	k, ok := e.folds.m[s]
	e.folds.mu.Unlock()
	if ok {
		return k
	}
	k = translit.Fold(s)
	e.folds.mu.Lock()
	if e.folds.m == nil || len(e.folds.m) >= lemmaCacheMax {
		e.folds.m = map[string]string{}
	}
	e.folds.m[s] = k
	e.folds.mu.Unlock()
	return k
}

// bigCity is the population above which a lowercase word spelling a city
// is read as the city ("the kyiv region").
const bigCity = 100000

// New prepares an extractor over g. It builds nothing over all the
// places: whether a word is a place's name is looked up in g's own sorted
// index (which the shipped gazetteer file carries ready), so that a command
// that extracts from one text starts fast; only the few large cities are
// gathered here.
func New(g *gazetteer.Gazetteer) *Extractor {
	e := &Extractor{g: g, bigKeys: map[string]bool{}, oblasts: map[string]gazetteer.Oblast{}, bigLower: map[string]bool{}}
	for i := range g.Places {
		p := &g.Places[i]
		if p.Kind != "city" || p.Population < bigCity {
			continue
		}
		for _, n := range append([]string{p.Name, p.NameUK, p.NameRU}, p.Names...) {
			if k := translit.Fold(n); k != "" {
				e.bigKeys[k] = true
			}
		}
		// Official names only: GeoNames' alternates include words
		// ("Human", Polish for Uman).
		for _, n := range []string{p.Name, p.NameUK, p.NameRU} {
			if n != "" {
				e.bigLower[strings.ToLower(n)] = true
			}
		}
	}
	for _, o := range gazetteer.Oblasts() {
		e.oblasts[o.ISO] = o
	}
	e.regions = newRegionIndex()
	return e
}

// key reports whether folded is the folded spelling of a place's name
// (ok) and whether one of the places so named is a city of bigCity people
// or more (big).
func (e *Extractor) key(folded string) (big, ok bool) {
	if folded == "" || !e.g.HasKey(folded) {
		return false, false
	}
	return e.bigKeys[folded], true
}

// cyrName reports whether lower, a lower-case Cyrillic spelling, is
// exactly (up to case) a Cyrillic name of some place. Any such name folds
// to the same key as lower, so only the places under that key are read.
func (e *Extractor) cyrName(lower string) bool {
	if !isCyrillic(lower) {
		return false
	}
	e.cyr.mu.Lock()
	found, ok := e.cyr.m[lower]
	e.cyr.mu.Unlock()
	if ok {
		return found
	}
	apos := strings.ContainsAny(lower, apostrophes)
	for i := range e.g.KeyPlaces(e.fold(lower)) {
		for _, n := range e.g.Places[i].Names {
			if strings.EqualFold(n, lower) && isCyrillic(n) && strings.ToLower(n) == lower ||
				apos && isCyrillic(n) && sameButApostrophes(strings.ToLower(n), lower) {
				found = true
				break
			}
		}
		if found {
			break
		}
	}
	e.cyr.mu.Lock()
	if e.cyr.m == nil || len(e.cyr.m) >= lemmaCacheMax {
		e.cyr.m = map[string]bool{}
	}
	e.cyr.m[lower] = found
	e.cyr.mu.Unlock()
	return found
}

// apostrophes are the marks written for the Ukrainian apostrophe: the
// gazetteer's names use ’, texts any of them ("Куп'янськ-Вузловий").
const apostrophes = "'’ʼ`"

// sameButApostrophes reports whether a and b are the same but for which
// apostrophe each writes.
func sameButApostrophes(a, b string) bool {
	ar, br := []rune(a), []rune(b)
	if len(ar) != len(br) {
		return false
	}
	for i, r := range ar {
		if r != br[i] && !(strings.ContainsRune(apostrophes, r) && strings.ContainsRune(apostrophes, br[i])) {
			return false
		}
	}
	return true
}

// maxTextBytes bounds one text: longer input is refused rather than
// processed slowly.
const maxTextBytes = 8 << 20

// Extract reads one text published at published (used to resolve "on
// Saturday", "earlier this year"). Invalid UTF-8 or an oversized text is
// EINVALID.
func (e *Extractor) Extract(text string, published time.Time) (*frontline.Extraction, error) {
	return e.ExtractLinked(text, published, nil)
}

// ExtractLinked is Extract for a text whose publisher linked names to map
// points (a DeepStateMap note's <a href="…#zoom/lat/lon">Name</a>, read by
// the report reader into frontline.Report.Links). A mention overlapping a
// link resolves by the point, not by the text around it (see resolveLinked);
// a link whose words the name finder would not take (lower case, an
// inflected form) is still a mention. Links with offsets outside the text
// or inside a character are ignored.
func (e *Extractor) ExtractLinked(text string, published time.Time, links []frontline.Link) (*frontline.Extraction, error) {
	return e.ExtractLinkedAs(text, published, links, "")
}

// doc is the state of one extraction.
type doc struct {
	e         *Extractor
	text      string
	lowerText string          // text in lower case, made on first use (oblastByContext)
	cyrLower  string          // lowerCyr(text), made on first use (cyrLowerOf)
	asRegion  map[string]bool // oblastByContext's answer per name
	published time.Time
	words     []word
	// lowerWords[i] is lowerWord(i) once lowerDone[i].
	lowerWords []string
	lowerDone  []bool
	links      []frontline.Link
	sentences  []span
	mentions   []frontline.Mention
	claims     []frontline.Claim
	numbers    []frontline.NumberClaim
	persons    map[string]bool // folded surnames of people named
	folded     map[string]string
	// scratch holds words, lowerWords, lowerDone, folded and the name
	// finder's set of lower-case words, for the next text (release).
	scratch *docScratch
	// lastSpeaker carries a named speaker to later pronouns.
	lastSpeaker     string
	lastSpeakerSide string
	// militaryTo is how far the text was scanned for a military body
	// named with its country, militarySide the side of the last found.
	militaryTo   int
	militarySide string
	// lastDate carries the last resolved time to "a few hours later".
	lastDate string
	// lastDateAt is where the sentence that set lastDate starts.
	lastDateAt int
	// pendingList is the claim a sentence made of settlements it
	// counted but did not name, for the next sentence to list.
	pendingList *frontline.Claim
	// unitSide is the side of the army unit the last Cyrillic sentence
	// named (a Russian grouping, a Ukrainian brigade) when it named no
	// other side, and unitEnd where that sentence ends: an agentless
	// passive taking in the next sentence of the paragraph is that
	// unit's ("Подразделения группировки «Центр» продолжают наступление
	// … За сутки освобождено село Украинск").
	unitSide string
	unitEnd  int
	// lastActor is the side that acted in the last claim with an actor.
	lastActor string
	// enVoice is the voice of an English text (voice_en.go), once known.
	enVoice     string
	enVoiceDone bool
	// voice carries the voice of Cyrillic statements over sentences
	// (voice_cyr.go).
	voice cyrVoiceState
}

// cyrLowerOf is lowerCyr(d.text[s.start:s.end]): the slice of the text
// lowered once. lowerCyr changes characters one by one and keeps their
// lengths, and a span begins and ends between characters, so the slice
// of the lowered text is the lowered slice (TestCyrLowerOfAsLowerCyr);
// each sentence lowered its own copy.
func (d *doc) cyrLowerOf(s span) string {
	if d.cyrLower == "" {
		d.cyrLower = lowerCyr(d.text)
	}
	return d.cyrLower[s.start:s.end]
}

type span struct{ start, end int }

func (d *doc) slice(s span) string { return d.text[s.start:s.end] }

// lower is strings.ToLower for the ASCII-dominated text we match patterns
// in; it keeps byte offsets (non-ASCII bytes are left as they are).
func lowerASCII(s string) string {
	i := 0
	for i < len(s) && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s // already lower case: no copy
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func trimSpace(s string) string { return strings.TrimSpace(s) }
