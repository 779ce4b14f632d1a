package gazetteer

import (
	"context"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/geo"
	"github.com/frontline-osint/frontline/translit"
)

// Reasons a candidate matched, strongest first.
const (
	ReasonExact           = "exact"           // an official name (Ukrainian, or its national transliteration)
	ReasonTransliteration = "transliteration" // another transliteration system or a press spelling that folds to it
	ReasonAlternate       = "alternate"       // the Russian name or a spelling GeoNames lists
	ReasonLoose           = "loose"           // a looser phonetic key (Kharkov for Kharkiv)
	ReasonFuzzy           = "fuzzy"           // within a small edit distance (typos)
)

var reasonScore = map[string]float64{
	ReasonExact: 1.0, ReasonTransliteration: 0.95, ReasonAlternate: 0.9, ReasonLoose: 0.8, ReasonFuzzy: 0.7,
}

// Gazetteer is a searchable set of places. Build one with New; it is safe
// for concurrent reads.
type Gazetteer struct {
	Places []frontline.Place

	// byID finds an ID's index in Places; when the loader did not make
	// it (the shipped file, whose IDs its tests check are unique), it is
	// built on the first lookup by ID.
	byIDOnce sync.Once
	byID     *idTable
	// keyList holds every translit.Fold key, sorted; keyRefs[i] are the
	// places keyList[i] names. looseList and looseRefs are the same for
	// translit.FoldLoose keys. Sorted tables rather than maps: the shipped
	// file holds them ready (index.go), so loading builds no map of them.
	keyList   []string
	keyRefs   [][]keyRef
	looseList []string
	looseRefs [][]int32
	// buckets: where each two-byte run of keyList begins (keyBuckets).
	bucketOnce sync.Once
	buckets    []int32
	// keySet: a Bloom filter of keyList, made on first use (HasKey).
	keySetOnce sync.Once
	keySet     *keySet
	// looseText, when set, is the shipped file's #loose section, read into
	// looseList and looseRefs on the first loose lookup (most searches
	// match a key and never need it).
	looseOnce sync.Once
	looseText string
	looseN    int
	// tri maps a trigram to indexes into keyList, for fuzzy matching; it is
	// built on the first fuzzy search (most searches never need it).
	triOnce sync.Once
	tri     *trigrams
	oblast  map[string]string // folded oblast names and codes → ISO
	counts  sync.Pool         // []uint16 per key, for fuzzy
	touched sync.Pool         // *[]int32: fuzzy's keys with a count
}

// keyRef is a place a key names and why: code is the reason's letter in
// the file ('e', 't' or 'a', reasonCode).
type keyRef struct {
	place int32
	code  byte
}

func (r keyRef) reason() string { return codeReason[r.code] }

// New indexes places. Places without a Latin Name get the national
// transliteration of their Ukrainian name, and every place's Names gain the
// spellings of every transliteration system.
func New(places []frontline.Place) *Gazetteer {
	g := &Gazetteer{Places: places}
	keys := make(map[string][]keyRef, len(places)*4)
	loose := make(map[string][]int32, len(places)*2)
	FillNames(places)
	for i := range places {
		p := &places[i]
		seen := map[string]bool{}
		var names []string
		add := func(name, reason string) {
			name = strings.TrimSpace(name)
			if name == "" {
				return
			}
			if !seen[name] {
				seen[name] = true
				names = append(names, name)
			}
			k := translit.Fold(name)
			if k == "" {
				return
			}
			keys[k] = addKeyRef(keys[k], int32(i), reason)
			lk := translit.FoldLoose(name)
			if lk != "" && !contains32(loose[lk], int32(i)) {
				loose[lk] = append(loose[lk], int32(i))
			}
		}
		add(p.NameUK, ReasonExact)
		add(p.Name, ReasonExact)
		for _, v := range translit.Variants(p.NameUK, p.NameRU) {
			add(v, ReasonTransliteration)
		}
		add(p.NameRU, ReasonAlternate)
		for _, n := range p.Names {
			add(n, ReasonAlternate)
		}
		p.Names = names
	}
	g.keyList = sortedKeys(keys)
	g.keyRefs = make([][]keyRef, len(g.keyList))
	for i, k := range g.keyList {
		g.keyRefs[i] = keys[k]
	}
	g.looseList = sortedKeys(loose)
	g.looseRefs = make([][]int32, len(g.looseList))
	for i, k := range g.looseList {
		g.looseRefs[i] = loose[k]
	}
	g.finish(nil)
	return g
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// finish sets what both New and the indexed loader need: the ID map
// (byID, when the loader made it already, else built on first use) and
// the oblast names.
func (g *Gazetteer) finish(byID *idTable) {
	g.byID = byID
	g.counts.New = func() any { return make([]uint16, len(g.keyList)) }
	g.oblast = map[string]string{}
	for _, ob := range oblasts {
		for _, n := range []string{ob.ISO, ob.Name, ob.NameUK, strings.TrimSuffix(ob.Name, " Oblast"), translit.UkrainianNational(ob.NameUK), ob.NameRU} {
			if n != "" {
				g.oblast[translit.Fold(n)] = ob.ISO
			}
		}
	}
}

// refs returns the places a Fold key names.
func (g *Gazetteer) refs(key string) []keyRef {
	if i, ok := slices.BinarySearch(g.keyList, key); ok {
		return g.keyRefs[i]
	}
	return nil
}

// ids returns the ID table, building it on first use (a later place
// with the ID of an earlier one, which no loader lets through, is not
// found by it).
func (g *Gazetteer) ids() *idTable {
	g.byIDOnce.Do(func() {
		if g.byID != nil {
			return
		}
		t := newIDTable(len(g.Places))
		for i := range g.Places {
			t.add(g.Places, int32(i))
		}
		g.byID = t
	})
	return g.byID
}

// looseRefsOf returns the places a FoldLoose key names.
func (g *Gazetteer) looseRefsOf(key string) []int32 {
	g.looseOnce.Do(func() {
		if g.looseText == "" {
			return
		}
		body, lines, refs := g.looseText, strings.Count(g.looseText, "\n")+1, strings.Count(g.looseText, ",")
		if err := g.readLoose(body, lines, refs+lines, g.looseN); err != nil {
			// Only the shipped file is read so, and its tests read it.
			panic("gazetteer: the shipped file's #loose section: " + err.Error())
		}
	})
	if i, ok := slices.BinarySearch(g.looseList, key); ok {
		return g.looseRefs[i]
	}
	return nil
}

// trigrams is the fuzzy index: the keys (indexes into keyList) holding
// each trigram, once per key, in key order. A trigram is numbered from its
// runes' codes (each rune of the keys gets one, 1…n): (a·k + b)·k + c with
// k = n+1, an index into start; a trigram with a rune no key has is in no
// key. When the keys have too many distinct runes for that, trigrams are
// numbered in order of appearance through a map (id).
type trigrams struct {
	ascii [128]int32
	other map[rune]int32
	k     int
	id    map[uint64]int32 // by triKey, when not numbered by codes
	start []int32          // trigram t's keys are keys[start[t]:start[t+1]]
	keys  []int32
	// runes[k] is the length of key k in runes (maxKeyRunes: count it).
	runes []uint16
}

const maxKeyRunes = 1<<16 - 1

// runesOf is utf8.RuneCountInString(keyList[k]).
func (g *Gazetteer) runesOf(tr *trigrams, k int32) int {
	if n := tr.runes[k]; n < maxKeyRunes {
		return int(n)
	}
	return utf8.RuneCountInString(g.keyList[k])
}

// maxTrigramCodes bounds k: start then has at most 64³ entries.
const maxTrigramCodes = 64

func (tr *trigrams) code(r rune) int {
	if r >= 0 && r < 128 {
		return int(tr.ascii[r])
	}
	return int(tr.other[r])
}

// number returns trigram t's number (a triKey), or -1 if no key has it.
func (tr *trigrams) number(t uint64) int {
	if tr.id != nil {
		if i, ok := tr.id[t]; ok {
			return int(i)
		}
		return -1
	}
	const m = 1<<21 - 1
	a, b, c := tr.code(rune(t>>42)), tr.code(rune(t>>21&m)), tr.code(rune(t&m))
	if a == 0 || b == 0 || c == 0 {
		return -1
	}
	return (a*tr.k+b)*tr.k + c
}

// of returns the keys holding trigram t (a triKey).
func (tr *trigrams) of(t uint64) []int32 {
	if i := tr.number(t); i >= 0 {
		return tr.keys[tr.start[i]:tr.start[i+1]]
	}
	return nil
}

// trigramIndex builds the fuzzy index on first use: every key's trigram
// numbers in one pass, then the keys laid out by trigram in one array
// (counted first). Built on the first typo a text has: a map of growing
// slices (and before that, of string trigrams) was a third of a `check`'s
// CPU.
func (g *Gazetteer) trigramIndex() *trigrams {
	g.triOnce.Do(func() {
		tr := &trigrams{other: map[rune]int32{}}
		n := int32(0)
		codeOf := func(r rune) {
			if tr.code(r) != 0 || n > maxTrigramCodes {
				return
			}
			n++
			if r >= 0 && r < 128 {
				tr.ascii[r] = n
			} else {
				tr.other[r] = n
			}
		}
		codeOf(' ')
		for _, key := range g.keyList {
			for _, r := range key {
				codeOf(r)
			}
		}
		tr.k = int(n) + 1
		if n > maxTrigramCodes {
			tr.id = map[uint64]int32{}
		}
		var buf []uint64
		keyStart := make([]int32, len(g.keyList)+1)
		nums := make([]int32, 0, 12*len(g.keyList))
		var count []int32 // by trigram number: the keys holding it
		if tr.id == nil {
			count = make([]int32, tr.k*tr.k*tr.k)
		}
		tr.runes = make([]uint16, len(g.keyList))
		for k, key := range g.keyList {
			tr.runes[k] = uint16(min(utf8.RuneCountInString(key), maxKeyRunes))
			buf = appendTrigrams(buf[:0], key)
			first := len(nums)
		next:
			for _, t := range buf {
				var i int32
				if tr.id == nil {
					i = int32(tr.number(t))
				} else if j, ok := tr.id[t]; ok {
					i = j
				} else {
					i = int32(len(count))
					tr.id[t] = i
					count = append(count, 0)
				}
				for _, j := range nums[first:] {
					if j == i {
						continue next // a trigram twice in one key counts once
					}
				}
				count[i]++
				nums = append(nums, i)
			}
			keyStart[k+1] = int32(len(nums))
		}
		tr.start = make([]int32, len(count)+1)
		for i, c := range count {
			tr.start[i+1] = tr.start[i] + c
		}
		tr.keys = make([]int32, len(nums))
		fill := count // reused: where trigram i's next key goes
		copy(fill, tr.start[:len(count)])
		for k := range g.keyList {
			for _, i := range nums[keyStart[k]:keyStart[k+1]] {
				tr.keys[fill[i]] = int32(k)
				fill[i]++
			}
		}
		g.tri = tr
	})
	return g.tri
}

// FillNames gives every place without a Latin Name the national
// transliteration of its Ukrainian name, and Latin raion and hromada names.
// It is cheap (tens of ms for the whole gazetteer); New calls it.
func FillNames(places []frontline.Place) {
	// Raions and hromadas repeat (about 1,600 distinct names for 30,000
	// places): transliterate each once.
	memo := map[string]string{}
	lat := func(s string) string {
		if s == "" {
			return s
		}
		if l, ok := memo[s]; ok {
			return l
		}
		l := latin(s)
		memo[s] = l
		return l
	}
	for i := range places {
		p := &places[i]
		if p.Name == "" {
			p.Name = translit.UkrainianNational(p.NameUK)
		}
		p.Raion = lat(p.Raion)
		p.Hromada = lat(p.Hromada)
	}
}

// latin transliterates a Ukrainian admin name; Latin names pass through.
func latin(s string) string {
	for _, r := range s {
		if r >= 0x400 && r <= 0x4FF {
			return translit.UkrainianNational(s)
		}
	}
	return s
}

// addKeyRef records that a key names place with reason, keeping the
// strongest reason per place.
func addKeyRef(refs []keyRef, place int32, reason string) []keyRef {
	for j := range refs {
		if refs[j].place == place {
			if reasonScore[reason] > reasonScore[refs[j].reason()] {
				refs[j].code = reasonCode[reason]
			}
			return refs
		}
	}
	return append(refs, keyRef{place, reasonCode[reason]})
}

// Place returns the place with the given ID.
func (g *Gazetteer) Place(id string) (*frontline.Place, bool) {
	i, ok := g.ids().find(g.Places, id)
	if !ok {
		return nil, false
	}
	return &g.Places[i], true
}

// oblastSuffixes are the words after an oblast's name that OblastISO
// drops, in the order it drops them.
var oblastSuffixes = []string{" oblast", " oblast'", " obl", " region", " oblast region", " oblasti", " oblastʹ", " область", " obl."}

// foldedOblastSuffixes is oblastSuffixes folded (translit.Fold), made
// once: OblastISO is asked at every capitalised word before "region" or
// "oblast" of every text, and folding the nine suffixes again each time
// was most of its cost.
var foldedOblastSuffixes = sync.OnceValue(func() []string {
	out := make([]string, len(oblastSuffixes))
	for i, s := range oblastSuffixes {
		out[i] = translit.Fold(s)
	}
	return out
})

// OblastISO resolves an oblast written in any script, with or without
// "Oblast"/"область", or as an ISO code, to its ISO 3166-2 code.
func (g *Gazetteer) OblastISO(s string) (string, bool) {
	k := translit.Fold(s)
	for _, suffix := range foldedOblastSuffixes() {
		k = strings.TrimSuffix(k, suffix)
	}
	k = strings.TrimSpace(k)
	iso, ok := g.oblast[k]
	if !ok && strings.HasSuffix(k, "ska") { // Kharkivska
		iso, ok = g.oblast[strings.TrimSuffix(k, "ska")]
	}
	return iso, ok
}

// Query is a search with its context. Only Text is required.
type Query struct {
	Text string
	// Oblast (any script, or an ISO code) ranks places in it first.
	Oblast string
	// Near ranks places close to a point first (lon, lat).
	Near *[2]float64
	// Mentions are points of places named in the same text.
	Mentions [][2]float64
	// FrontDistanceM, when set, gives a place's distance to the front on
	// the date in question; places near the front rank higher.
	FrontDistanceM func(lon, lat float64) float64
	Limit          int
	// NoSuggestions: a name that matches nothing is ENOTFOUND without the
	// closest names in the message (a wider typo search that a caller
	// which only tests for the error need not pay for).
	NoSuggestions bool
}

// Candidate is one place a query may mean.
type Candidate = frontline.PlaceCandidate

var _ frontline.PlaceService = (*Gazetteer)(nil)

// SearchPlaces implements frontline.PlaceService.
func (g *Gazetteer) SearchPlaces(ctx context.Context, q frontline.PlaceQuery) ([]frontline.PlaceCandidate, error) {
	return g.Search(Query{Text: q.Text, Oblast: q.Oblast, Near: q.Near, FrontDistanceM: q.FrontDistanceM, Limit: q.Limit})
}

// FindPlace implements frontline.PlaceService.
func (g *Gazetteer) FindPlace(ctx context.Context, id string) (*frontline.Place, error) {
	if p, ok := g.Place(id); ok {
		return p, nil
	}
	return nil, frontline.Errorf(frontline.ENOTFOUND, "no place with id %q", id)
}

// maxQueryRunes bounds a query: no settlement name is longer.
const maxQueryRunes = 80

// Search returns the places q.Text may name, best first. An empty or
// absurd query is EINVALID; no match is ENOTFOUND with the closest names.
func (g *Gazetteer) Search(q Query) ([]Candidate, error) {
	text := strings.TrimSpace(q.Text)
	if text == "" {
		return nil, frontline.Errorf(frontline.EINVALID, "empty place name")
	}
	if !utf8.ValidString(text) || utf8.RuneCountInString(text) > maxQueryRunes {
		return nil, frontline.Errorf(frontline.EINVALID, "%.40q… is not a place name (at most %d characters)", text, maxQueryRunes)
	}
	if !hasLetter(text) {
		return nil, frontline.Errorf(frontline.EINVALID, "%q is not a place name: it has no letters", text)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 10
	}
	key := translit.Fold(text)
	found := map[int32]Candidate{}
	consider := func(i int32, reason string, dist int) {
		base := reasonScore[reason]
		if reason == ReasonFuzzy {
			base -= 0.08 * float64(dist-1)
		}
		if c, ok := found[i]; ok && c.Score >= base {
			return
		}
		found[i] = Candidate{Place: &g.Places[i], Score: base, Reason: reason, EditDistance: dist}
	}
	for _, r := range g.refs(key) {
		reason := r.reason()
		if reason == ReasonExact && !exactSpelling(text, &g.Places[r.place]) {
			reason = ReasonTransliteration
		}
		consider(r.place, reason, 0)
	}
	if len(found) == 0 && utf8.RuneCountInString(key) >= 4 {
		// The loose key merges vowels; keep only places that one of whose
		// names is also close in letters, so "Xyzzy" finds nothing.
		for _, i := range g.looseRefsOf(translit.FoldLoose(text)) {
			if n := utf8.RuneCountInString(key); g.closestName(key, i) <= max(1, n/5) {
				consider(i, ReasonLoose, 0)
			}
		}
	}
	if len(found) == 0 {
		for _, m := range g.fuzzy(key, maxEdits(key)) {
			for _, r := range g.keyRefs[m.key] {
				consider(r.place, ReasonFuzzy, m.dist)
			}
		}
	}
	if len(found) == 0 {
		if q.NoSuggestions {
			return nil, frontline.Errorf(frontline.ENOTFOUND, "no settlement matches %q", text)
		}
		return nil, g.notFound(text, key)
	}
	iso := ""
	if q.Oblast != "" {
		var ok bool
		if iso, ok = g.OblastISO(q.Oblast); !ok {
			return nil, frontline.Errorf(frontline.EINVALID, "unknown oblast %q", q.Oblast)
		}
	}
	out := make([]Candidate, 0, len(found))
	for _, c := range found {
		c.Score += g.contextScore(c.Place, iso, q)
		c.Score = math.Round(c.Score*1000) / 1000
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		if out[i].Place.Population != out[j].Place.Population {
			return out[i].Place.Population > out[j].Place.Population
		}
		return out[i].Place.ID < out[j].Place.ID
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// closestName is the smallest edit distance between key and the folded
// names of place i.
func (g *Gazetteer) closestName(key string, i int32) int {
	best := 1 << 30
	a := []rune(key)
	for _, n := range g.Places[i].Names {
		if d := osaDistance(a, []rune(translit.Fold(n)), 8); d < best {
			best = d
		}
	}
	return best
}

// exactSpelling reports whether text is, up to case and apostrophe forms,
// the place's Ukrainian name or its national transliteration.
func exactSpelling(text string, p *frontline.Place) bool {
	n := normApostrophes(strings.ToLower(text))
	return n == normApostrophes(strings.ToLower(p.NameUK)) || n == normApostrophes(strings.ToLower(p.Name))
}

func normApostrophes(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\'', '’', 'ʼ', '`', '´', '‘':
			return '\''
		}
		return r
	}, s)
}

var kindWeight = map[string]float64{"city": 1, "npp": 1, "dam": 0.8, "hpp": 0.8, "town": 0.6, "city_district": 0.3, "village": 0.2}

// contextScore ranks homonyms: the named oblast, a point the user is near,
// co-mentioned places, the front, and finally size.
func (g *Gazetteer) contextScore(p *frontline.Place, iso string, q Query) float64 {
	// Size: a city outranks a village of the same name (Балаклея is first
	// the Russian name of the city Balakliia, then a village in Cherkasy).
	s := 0.08*kindWeight[p.Kind] + 0.1*math.Log10(float64(p.Population)+1)/7
	if iso != "" {
		if p.OblastISO == iso {
			s += 0.5
		} else {
			s -= 0.2
		}
	}
	if p.PointSource == "" {
		return s
	}
	if q.Near != nil {
		d := geo.DistanceM(q.Near[0], q.Near[1], p.Lon, p.Lat)
		s += 0.4 * math.Exp(-d/50000)
	}
	if len(q.Mentions) > 0 {
		best := math.Inf(1)
		for _, m := range q.Mentions {
			best = math.Min(best, geo.DistanceM(m[0], m[1], p.Lon, p.Lat))
		}
		s += 0.3 * math.Exp(-best/30000)
	}
	if q.FrontDistanceM != nil {
		if d := q.FrontDistanceM(p.Lon, p.Lat); !math.IsInf(d, 0) && !math.IsNaN(d) {
			s += 0.2 * math.Exp(-d/20000)
		}
	}
	return s
}

func (g *Gazetteer) notFound(text, key string) error {
	var names []string
	seen := map[string]bool{}
	for _, m := range g.fuzzy(key, maxEdits(key)+3) {
		for _, r := range g.keyRefs[m.key] {
			p := &g.Places[r.place]
			label := p.Name + " (" + strings.TrimSuffix(p.Oblast, " Oblast") + ")"
			if !seen[label] {
				seen[label] = true
				names = append(names, label)
			}
		}
		if len(names) >= 5 {
			break
		}
	}
	if len(names) > 5 {
		names = names[:5]
	}
	if len(names) == 0 {
		return frontline.Errorf(frontline.ENOTFOUND, "no settlement matches %q", text)
	}
	return frontline.Errorf(frontline.ENOTFOUND, "no settlement matches %q; closest: %s", text, strings.Join(names, ", "))
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func contains32(xs []int32, x int32) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// maxEdits is the typo budget for a key: none for very short keys, one up
// to 5 letters, two up to 9, three beyond.
func maxEdits(key string) int {
	n := utf8.RuneCountInString(key)
	switch {
	case n < 4:
		return 0
	case n <= 5:
		return 1
	case n <= 9:
		return 2
	}
	return 3
}

type fuzzyMatch struct {
	key  int32
	dist int
}

// fuzzy finds keys within maxDist edits of key: candidates share trigrams
// with it (counted in an inverted index), then an optimal string alignment
// distance confirms. By the q-gram lemma a key within d edits shares at
// least t−3d of the query's t padded trigrams, so most keys are never
// aligned. Best first.
func (g *Gazetteer) fuzzy(key string, maxDist int) []fuzzyMatch {
	if maxDist <= 0 {
		return nil
	}
	tris := appendTrigrams(nil, key)
	need := len(tris) - 3*maxDist
	if need < 1 {
		need = 1
	}
	counts := g.counts.Get().([]uint16)
	if len(counts) < len(g.keyList) {
		counts = make([]uint16, len(g.keyList))
	}
	tp, _ := g.touched.Get().(*[]int32)
	if tp == nil {
		tp = new([]int32)
	}
	touched := (*tp)[:0]
	tri := g.trigramIndex()
	// A key shares a trigram of key once per time key has it. One with
	// need such shares has one of the rarest trigrams whose times add up
	// past len(tris)-need: only their lists are walked; the others are
	// looked up (binary search: a list is in key order) for those keys.
	type list struct {
		keys  []int32
		times int
	}
	var lbuf [24]list
	lists := lbuf[:0]
distinct:
	for i, t := range tris {
		for _, u := range tris[:i] {
			if u == t {
				continue distinct
			}
		}
		n := 0
		for _, u := range tris[i:] {
			if u == t {
				n++
			}
		}
		lists = append(lists, list{tri.of(t), n})
	}
	slices.SortStableFunc(lists, func(a, b list) int { return len(a.keys) - len(b.keys) })
	walk, rest := len(lists), 0 // lists[walk:] are looked up; their times sum to rest < need
	for walk > 0 && rest+lists[walk-1].times < need {
		walk--
		rest += lists[walk].times
	}
	for _, l := range lists[:walk] {
		for _, k := range l.keys {
			if counts[k] == 0 {
				touched = append(touched, k)
			}
			counts[k] += uint16(l.times)
		}
	}
	if walk < len(lists) {
		for _, k := range touched {
			n, left := int(counts[k]), rest
			for _, l := range lists[walk:] {
				if n+left < need {
					break // cannot reach need: left below it
				}
				left -= l.times
				if _, ok := slices.BinarySearch(l.keys, k); ok {
					n += l.times
				}
			}
			counts[k] = uint16(n)
		}
	}
	kl := utf8.RuneCountInString(key)
	a := []rune(key)
	var out []fuzzyMatch
	var b []rune
	var scratch []int
	for _, k := range touched {
		n := int(counts[k])
		counts[k] = 0
		if n < need {
			continue
		}
		if d := g.runesOf(tri, k) - kl; d > maxDist || -d > maxDist {
			continue
		}
		b = b[:0]
		for _, r := range g.keyList[k] {
			b = append(b, r)
		}
		var d int
		if d, scratch = osaDistanceIn(a, b, maxDist, scratch); d <= maxDist {
			out = append(out, fuzzyMatch{k, d})
		}
	}
	g.counts.Put(counts)
	*tp = touched
	g.touched.Put(tp)
	sort.Slice(out, func(i, j int) bool {
		if out[i].dist != out[j].dist {
			return out[i].dist < out[j].dist
		}
		return out[i].key < out[j].key
	})
	return out
}

// trigrams of " key " (padded so short keys and word starts count).
// appendTrigrams appends the trigrams of " key " (runes, packed by
// triKey) to out.
func appendTrigrams(out []uint64, key string) []uint64 {
	a, b := rune(-1), ' '
	for _, c := range key {
		if a >= 0 {
			out = append(out, triKey(a, b, c))
		}
		a, b = b, c
	}
	if a >= 0 {
		out = append(out, triKey(a, b, ' '))
	}
	return out
}

// triKey packs three runes (21 bits each) into one integer.
func triKey(a, b, c rune) uint64 {
	return uint64(a)<<42 | uint64(b)<<21 | uint64(c)
}

// osaDistance is the optimal string alignment distance (Levenshtein plus
// adjacent transpositions), giving up above max.
func osaDistance(a, b []rune, max int) int {
	d, _ := osaDistanceIn(a, b, max, nil)
	return d
}

// osaDistanceIn is osaDistance with its rows in scratch (grown as
// needed and returned, for the next call).
func osaDistanceIn(a, b []rune, max int, scratch []int) (int, []int) {
	la, lb := len(a), len(b)
	if la-lb > max || lb-la > max {
		return max + 1, scratch
	}
	if cap(scratch) < 3*(lb+1) {
		scratch = make([]int, 3*(lb+1))
	}
	scratch = scratch[:3*(lb+1)]
	prev2, prev, cur := scratch[:lb+1], scratch[lb+1:2*(lb+1)], scratch[2*(lb+1):]
	clear(prev2)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > max {
			return max + 1, scratch
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[lb], scratch
}

// Mention is a place name found in a text, resolved.
type Mention struct {
	Text       string      `json:"text"`
	Candidates []Candidate `json:"candidates"`
	Err        error       `json:"-"`
}

// ResolveMentions resolves the place names of one text together: each
// name is first searched alone, then again with the best readings of the
// other names as co-mentions, twice, so that homonyms ("Kalynivka") settle
// next to the places named with them (Balakliia, Izium).
func (g *Gazetteer) ResolveMentions(mentions []string, base Query) []Mention {
	out := make([]Mention, len(mentions))
	for i, m := range mentions {
		q := base
		q.Text = m
		cs, err := g.Search(q)
		out[i] = Mention{Text: m, Candidates: cs, Err: err}
	}
	for round := 0; round < 2; round++ {
		next := make([]Mention, len(out))
		copy(next, out)
		for i, m := range out {
			if m.Err != nil {
				continue
			}
			q := base
			q.Text = m.Text
			q.Mentions = append([][2]float64{}, base.Mentions...)
			for j, o := range out {
				if j != i && o.Err == nil && o.Candidates[0].PointSource != "" && !strings.EqualFold(o.Text, m.Text) {
					q.Mentions = append(q.Mentions, [2]float64{o.Candidates[0].Lon, o.Candidates[0].Lat})
				}
			}
			next[i].Candidates, next[i].Err = g.Search(q)
		}
		out = next
	}
	return out
}
