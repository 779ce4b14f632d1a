package gazetteer

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/translit"
)

// Sources names the four input files of Build.
type Sources struct {
	KATOTTG     string // the codifier: semicolon-separated, CRLF, Ukrainian header
	Cities      string // GeoNames cities500, Ukrainian rows (tab-separated, no header)
	Admin1      string // GeoNames admin1CodesASCII, Ukrainian rows
	PostalCodes string // GeoNames postal codes for Ukraine
	// WhosOnFirst is Who's On First's localities of Ukraine flattened to
	// TSV (optional: empty skips the join).
	WhosOnFirst string
	// RussiaCities is GeoNames' cities500.txt, or the subset of its rows
	// for Kursk, Belgorod and Bryansk oblasts shipped as
	// data/cities500-ru-border.tsv (optional).
	RussiaCities string
	// TrackerNotes is DeepStateMap's version list with its notes
	// (optional): the villages its notes link into Russia.
	TrackerNotes string
}

// SourcesIn returns the files as they are laid out in the shared data
// directory (../shared/data from the repository root): its gazetteer/
// folder.
func SourcesIn(dataDir string) Sources {
	dir := filepath.Join(dataDir, "gazetteer")
	return Sources{
		KATOTTG:      filepath.Join(dir, "katottg-kodifikator-2025-05-16.csv"),
		Cities:       filepath.Join(dir, "geonames-cities500-UA.tsv"),
		Admin1:       filepath.Join(dir, "geonames-admin1CodesASCII-UA.tsv"),
		PostalCodes:  filepath.Join(dir, "geonames-postalcodes-UA.tsv"),
		WhosOnFirst:  filepath.Join(dir, "whosonfirst-admin-ua-localities.tsv"),
		TrackerNotes: filepath.Join(dataDir, "control", "deepstate", "history-public-2022-04_2024-12.json"),
	}
}

// Built is the result of Build: what data/places.tsv.gz holds.
type Built struct {
	Oblasts []Oblast
	// Places are the codifier's settlements in codifier order, then the
	// sites. Name (the Latin name) is empty for settlements: it is the hook
	// for transliteration, which fills it in at load time from NameUK. Sites
	// carry their English name. Raion and Hromada are the codifier's
	// Ukrainian names ("Ізюмський", "Балаклійська").
	Places []frontline.Place
}

// BuildReport counts what Build did. Every figure is counted, none estimated.
type BuildReport struct {
	Settlements int            // codifier rows of categories K, M, X, C, B
	ByKind      map[string]int // settlements by Place.Kind
	Sites       int

	GeoNamesRows          int
	GeoNamesJoined        int      // settlements joined to a GeoNames row
	GeoNamesUnique        int      // rows whose name had one candidate in the oblast
	GeoNamesResolved      int      // rows with several candidates, resolved by distance, kind or centre
	GeoNamesAmbiguous     int      // rows with several candidates left unjoined (a tie, or all far from the row)
	GeoNamesCrossOblast   int      // rows joined to a settlement of a neighbouring oblast (GeoNames admin1 differs)
	GeoNamesViaLatin      int      // rows joined through their Latin names (no Cyrillic alternate matched)
	GeoNamesDuplicate     int      // rows whose settlement was already joined to a more populous row
	GeoNamesRejectedFar   int      // rows whose only candidate lies > 40 km from the rest of its hromada
	GeoNamesUnmatched     int      // rows whose names matched no settlement
	GeoNamesUnmatchedList []string // the first 20, most populous first: "Pervomaisk (UA-09, pop. 36311)"

	PostalRows             int
	PostalPlaces           int      // distinct (oblast, name, old raion, council) groups
	PostalMatched          int      // groups joined to a settlement
	PostalResolved         int      // of those, groups whose name had several candidates in the oblast
	PostalAmbiguous        int      // groups with several candidates left unjoined
	PostalUnmatched        int      // groups whose name matched no settlement
	PostalUnmatchedRows    int      // rows of those groups
	PostalOutsideOblast    int      // points dropped as lying in another oblast (the nearest GeoNames places say so)
	PostalOutsideRaion     int      // points dropped as > 45 km from their old raion's centre
	PostalRejectedFar      int      // accurate points dropped as > 30 km from the hromada's other points
	PostalApproxSuperseded int      // estimated points not used: the hromada's centroid is better
	PostalUnmatchedSample  []string // the first 20, in file order: "Ленінка (UA-05)"

	WOFRows               int // data rows of the Who's On First file
	WOFJoinedByGeoNamesID int // rows joined through the geonameid of a joined cities500 row
	WOFJoinedByName       int // rows joined by name, oblast and distance
	WOFUnmatched          int // localities whose names matched no settlement of their oblast
	WOFLeft               int // localities with candidates left unjoined (too far, a homonym as near, or taken)
	WOFVsPostalN          int // settlements with a Who's On First and an accurate postal point
	WOFVsPostalMedianKm   float64
	WOFVsPostalOver5Km    int
	WOFVsGeoNamesN        int // settlements with a Who's On First and a cities500 point
	WOFVsGeoNamesOver1Km  int

	// PointSourcesWithoutWOF are the point sources the settlements would
	// have without the Who's On First join: the before of the report.
	PointSourcesWithoutWOF map[string]int
	PointSources           map[string]int // settlements by final PointSource ("" = no point)
	RussiaCities           int            // cities500 rows of Kursk, Belgorod and Bryansk oblasts
	RussiaLinks            int            // tracker links into Russia taken (Aug–Dec 2024, id % 3 != 0)
	RussiaLinksUkrainian   int            // of them, names of a Ukrainian settlement within 10 km (a point just off the land polygon)
	RussiaTrackerPlaces    int            // villages added from the links alone
	// RussianFrom counts settlements by where their Russian name came from:
	// geonames, whosonfirst, rule.
	RussianFrom map[string]int
	// RussianRule* check ruleRussian against the Russian names the sources
	// give (GeoNames, Who's On First), in two halves by codifier code: the
	// "tune" half (even last digit) was looked at while writing the table,
	// the "held" half was not.
	RussianRuleTune, RussianRuleTuneOK, RussianRuleHeld, RussianRuleHeldOK int
	// RussianVariants counts the rule's further Russian forms added as
	// spellings (both -ово and -овое; і read as о in a closed syllable).
	RussianVariants int
	// WOFOwnPlaces counts the Who's On First localities of the front
	// oblasts added as places of their own (no settlement there).
	WOFOwnPlaces int
	// WOFOtherNames counts the names of such localities added to the one
	// settlement standing within 1.5 km (older or merged names).
	WOFOtherNames int
	// AlternatesDropped counts source alternates left out because they are
	// another settlement's own name (Petrovka listed for Kurakhove).
	AlternatesDropped int
	NoPoint           int
	NoPointBy         map[string]int // settlements without a point, by oblast ISO

	// PostalVsGeoNames compares the postal point (accuracy 4 or 3) with the
	// GeoNames point for settlements that have both: a check of the joins.
	PostalVsGeoNamesN                               int
	PostalVsGeoNamesMedianKm, PostalVsGeoNamesP90Km float64
	PostalVsGeoNamesOver10Km                        int
	MixedScriptFixes                                map[string]int // names whose Latin look-alikes were replaced, by source
	KATOTTGRows                                     int            // data rows of the codifier
	Raions                                          int            // its raions (category P)
}

const (
	srcKATOTTG  = "katottg"
	srcGeoNames = "geonames"
	srcPostal   = "postal"
	srcWOF      = "whosonfirst"
)

// Build reads the sources and joins them into one gazetteer. It fails on a
// source it cannot parse or on a codifier that disagrees with the hand-made
// oblast table, never on a row it cannot join (those are counted in the
// report). data/README.md describes the method with its figures.
//
// The joins, in order:
//
//  1. Postal-code places whose (normalised Ukrainian name, oblast) has one
//     codifier settlement are joined to it. Postal points are checked first:
//     a point whose nearest GeoNames places are all of other oblasts, or far
//     from the cluster of its old raion's points, is not used (whole raions
//     of the file were geocoded onto namesakes elsewhere).
//  2. GeoNames rows are joined by their Cyrillic alternates (the Ukrainian
//     name is among them) within their oblast, failing that by their Latin
//     names against the codifier names' transliteration; when several
//     settlements of the oblast have the name, the one whose known position
//     (its own point, else the median of its hromada's points) is nearest
//     wins, then the higher kind (city, town, village), then the hromada or
//     raion centre. A join that would put a settlement more than 40 km from
//     every other located place of its hromada is refused.
//  3. Postal-code places with several candidates are scored against each:
//     the council named in brackets ("Вовчий Яр (Яковенківська сільська
//     рада)") naming a settlement of the candidate's hromada, the old
//     (pre-2020) raion matching the candidate's hromada (learned from the
//     unambiguous joins) or raion by name, and the distance to the
//     candidate's hromada. A clear winner is joined; ties are counted.
//  4. GeoNames rows still unmatched are tried against settlements of the
//     same name in other oblasts within 10 km (GeoNames admin1 codes are
//     sometimes those of the neighbouring unit).
//
// Each settlement's point is then the GeoNames point ("geonames"), else the
// postal one of accuracy 4 or 3 ("postal") unless more than 30 km from
// every other located place of its hromada, else the centroid of its
// hromada's accurately located settlements ("hromada"), else the postal
// estimate ("postal-approx"), else the centroid of the hromada's estimates
// ("hromada"); a city district takes its city's point; else none.
func Build(src Sources) (*Built, *BuildReport, error) {
	b := newBuilder()
	if err := b.join(src); err != nil {
		return nil, nil, err
	}
	// The points without Who's On First first, for the report's before.
	saved := *b.report
	b.placePoints(false)
	for i := range b.settlements {
		s := &b.settlements[i]
		saved.PointSourcesWithoutWOF[s.source]++
		s.pt, s.source = point{}, ""
	}
	*b.report = saved
	b.placePoints(true)

	places := b.places()
	b.checkRussianRule(places)
	sites, err := b.sitePlaces()
	if err != nil {
		return nil, nil, err
	}
	b.report.Sites = len(sites)
	places = append(places, sites...)
	own := b.wofOwnPlaces(places)
	places = append(places, own...)
	ru, err := b.readRussia(src)
	if err != nil {
		return nil, nil, err
	}
	places = append(places, ru...)
	b.finishReport()
	return &Built{Oblasts: append(Oblasts(), foreignRegions...), Places: places}, b.report, nil
}

func newBuilder() *builder {
	return &builder{report: &BuildReport{
		ByKind:                 map[string]int{},
		PointSources:           map[string]int{},
		NoPointBy:              map[string]int{},
		MixedScriptFixes:       map[string]int{srcKATOTTG: 0, srcGeoNames: 0, srcPostal: 0, srcWOF: 0},
		PointSourcesWithoutWOF: map[string]int{},
		RussianFrom:            map[string]int{},
	}}
}

// join reads the sources and runs the joins, in the order Build describes.
func (b *builder) join(src Sources) error {
	if err := b.readKATOTTG(src.KATOTTG); err != nil {
		return err
	}
	if err := b.readAdmin1(src.Admin1); err != nil {
		return err
	}
	if err := b.readCities(src.Cities); err != nil {
		return err
	}
	if err := b.readPostal(src.PostalCodes); err != nil {
		return err
	}
	b.indexSettlements()
	b.joinPostalUnique()
	b.computeAnchors()
	b.joinGeoNames(false)
	b.computeAnchors()
	b.joinGeoNames(true)
	b.computeAnchors()
	b.learnPostal()
	b.joinPostalAmbiguous()
	b.computeAnchors()
	b.joinGeoNamesAcrossOblasts()
	b.computeAnchors()
	if src.WhosOnFirst != "" {
		if err := b.readWOF(src.WhosOnFirst); err != nil {
			return err
		}
		b.joinWOF()
	}
	return nil
}

type point struct{ lon, lat float64 }

type settlement struct {
	code, kind, nameUK, key string
	oblast                  int    // index into oblasts
	raion, hromada          string // codifier codes of the P and H units, "" if none
	parent                  int    // a city district's city; -1 otherwise
	centre                  int    // 2 raion centre, 1 hromada centre, 0 neither

	geo         int     // joined GeoNames row, -1 if none
	wof         int     // joined Who's On First row, -1 if none
	postal      int     // postal group giving an accurate point, -1 if none
	approx      int     // postal group giving an estimated point, -1 if none
	postalScore float64 // score of the postal join (1e9 for an unambiguous one)

	pt     point
	source string // final PointSource
}

type geoRow struct {
	line     int
	id       int // geonameid
	name     string
	alts     []string  // cleaned alternates, file order, deduplicated
	keys     []tierKey // join keys of the Cyrillic alternates that may be Ukrainian
	latin    []string  // latinSkeleton keys of its Latin names (tier 3)
	pt       point
	oblast   int // -1 if the admin1 code is unknown
	pop      int
	joined   int  // settlement, -1 if none
	decided  bool // joined, duplicate or ambiguous: no later pass touches it
	nameless bool // no candidate in its oblast
	viaLatin bool // candidates found through the Latin names only
}

type tierKey struct {
	key  string
	tier int // 1: has Ukrainian letters or an apostrophe; 2: plain Cyrillic
}

type postalGroup struct {
	oblast                 int
	name, key, raion, hint string
	rows                   int
	pt                     point
	exact                  bool // accuracy 4 or 3
	spread                 bool // the group's accurate points lie > 10 km apart
	bad                    bool // the point lies far outside the group's old raion: not used
	settlement             int  // -1 if unjoined
	deferred               bool // left for the scored pass
}

type builder struct {
	report *BuildReport

	oblastByPrefix map[string]int // "UA63" → index into oblasts
	raionName      map[string]string
	hromadaName    map[string]string
	settlements    []settlement
	byCode         map[string]int
	byKey          map[string][]int // oblast + "\x00" + key → settlements (not city districts)
	byKeyAnywhere  map[string][]int // key → settlements of every oblast
	byLatin        map[string][]int // oblast + "\x00" + latinSkeleton of the transliterated name → settlements
	members        map[string][]int // hromada code → its settlements in codifier order
	hromadas       []string         // hromada codes in codifier order

	admin1 map[string]int // GeoNames admin1 code → oblast index
	geo    []geoRow
	wof    []wofRow
	loc    *locator

	postal      []postalGroup
	postalByKey map[string][]int // oblast + "\x00" + key → groups
	postalKeys  []string         // the keys of postalByKey, sorted

	anchors      map[string]point          // hromada → median of its accurate points
	raionRef     map[string]point          // oblast + "\x00" + old raion → centre of its postal points
	oldRaionsOf  map[string]map[string]int // hromada → old raion → joined postal groups
	hintHromadas map[string]map[string]int // oblast + "\x00" + council stem → hromada → joined groups
	hromadaStems map[string][]string       // hromada → stems of its name and its settlements' names
}

// ---- reading ----

func openLines(path string, fn func(lineNo int, line string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if err := fn(n, line); err != nil {
			return fmt.Errorf("gazetteer: %s line %d: %w", filepath.Base(path), n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("gazetteer: %s: %w", filepath.Base(path), err)
	}
	return nil
}

var kindOfCategory = map[string]string{
	"K": "city", "M": "city", "X": "town", "C": "village", "B": "city_district",
}

func (b *builder) readKATOTTG(path string) error {
	b.oblastByPrefix = map[string]int{}
	for i, o := range oblasts {
		b.oblastByPrefix[o.KATOTTG[:4]] = i
	}
	b.raionName = map[string]string{}
	b.hromadaName = map[string]string{}
	b.byCode = map[string]int{}
	seenOblast := make([]bool, len(oblasts))
	err := openLines(path, func(n int, line string) error {
		f := strings.Split(line, ";")
		if len(f) != 7 {
			return fmt.Errorf("%d fields, want 7", len(f))
		}
		if n == 1 {
			if !strings.HasPrefix(f[0], "Перший") {
				return fmt.Errorf("unexpected header %q", truncate(line, 60))
			}
			return nil
		}
		b.report.KATOTTGRows++
		cat := f[5]
		name, fixed := cleanName(f[6])
		if fixed {
			b.report.MixedScriptFixes[srcKATOTTG]++
		}
		if name == "" || len(f[0]) != 19 {
			return fmt.Errorf("bad row %q", truncate(line, 60))
		}
		oi, ok := b.oblastByPrefix[f[0][:4]]
		if !ok {
			return fmt.Errorf("level-1 code %s is not in the oblast table", f[0])
		}
		code := ""
		parent := -1
		switch cat {
		case "O", "K":
			o := oblasts[oi]
			if f[0] != o.KATOTTG || name != o.NameUK {
				return fmt.Errorf("codifier has %s %q, the oblast table %s %q", f[0], name, o.KATOTTG, o.NameUK)
			}
			seenOblast[oi] = true
			if cat == "O" {
				return nil
			}
			code = f[0]
		case "P":
			b.raionName[f[1]] = name
			return nil
		case "H":
			b.hromadaName[f[2]] = name
			return nil
		case "M", "X", "C":
			code = f[3]
		case "B":
			code = f[4]
			p, ok := b.byCode[f[3]]
			if !ok {
				return fmt.Errorf("city district %s before its city %s", code, f[3])
			}
			parent = p
		default:
			return fmt.Errorf("unknown category %q", cat)
		}
		if len(code) != 19 {
			return fmt.Errorf("bad code %q for category %s", code, cat)
		}
		if _, dup := b.byCode[code]; dup {
			return fmt.Errorf("duplicate code %s", code)
		}
		b.byCode[code] = len(b.settlements)
		b.settlements = append(b.settlements, settlement{
			code: code, kind: kindOfCategory[cat], nameUK: name, key: joinKey(name),
			oblast: oi, raion: f[1], hromada: f[2], parent: parent,
			geo: -1, wof: -1, postal: -1, approx: -1,
		})
		return nil
	})
	if err != nil {
		return err
	}
	for i, seen := range seenOblast {
		if !seen {
			return fmt.Errorf("gazetteer: %s: no row for %s %s", filepath.Base(path), oblasts[i].KATOTTG, oblasts[i].NameUK)
		}
	}
	b.report.Raions = len(b.raionName)
	// Codes that are not raions or hromadas (Kyiv's districts repeat the
	// city's code at every level; Chornobyl and Prypiat sit directly under
	// the oblast) mean "none".
	for i := range b.settlements {
		s := &b.settlements[i]
		if _, ok := b.raionName[s.raion]; !ok {
			s.raion = ""
		}
		if _, ok := b.hromadaName[s.hromada]; !ok {
			s.hromada = ""
		}
	}
	return nil
}

// geonamesAdmin1Aliases maps the GeoNames admin1 names that are not the
// English oblast name without " Oblast" to ISO codes.
var geonamesAdmin1Aliases = map[string]string{
	"Kiev":            "UA-32",
	"Kyiv City":       "UA-30",
	"Odessa":          "UA-51",
	"Transcarpathia":  "UA-21",
	"Crimea":          "UA-43",
	"Sevastopol City": "UA-40",
}

func (b *builder) readAdmin1(path string) error {
	b.admin1 = map[string]int{}
	used := map[int]string{}
	err := openLines(path, func(n int, line string) error {
		f := strings.Split(line, "\t")
		if len(f) != 4 || !strings.HasPrefix(f[0], "UA.") {
			return fmt.Errorf("want 4 tab-separated fields starting UA.xx, got %q", truncate(line, 60))
		}
		name := f[1]
		oi := -1
		for i, o := range oblasts {
			if geonamesAdmin1Aliases[name] == o.ISO || strings.TrimSuffix(o.Name, " Oblast") == name {
				oi = i
			}
		}
		if oi < 0 {
			return fmt.Errorf("GeoNames admin1 %s %q matches no oblast", f[0], name)
		}
		if prev, dup := used[oi]; dup {
			return fmt.Errorf("GeoNames admin1 %s and %s both name %s", prev, f[0], oblasts[oi].ISO)
		}
		used[oi] = f[0]
		b.admin1[strings.TrimPrefix(f[0], "UA.")] = oi
		return nil
	})
	if err != nil {
		return err
	}
	if len(b.admin1) != len(oblasts) {
		return fmt.Errorf("gazetteer: %s: %d admin1 codes, want %d", filepath.Base(path), len(b.admin1), len(oblasts))
	}
	return nil
}

func (b *builder) readCities(path string) error {
	return openLines(path, func(n int, line string) error {
		f := strings.Split(line, "\t")
		if len(f) != 19 {
			return fmt.Errorf("%d fields, want 19", len(f))
		}
		if f[8] != "UA" {
			return nil
		}
		b.report.GeoNamesRows++
		lat, err1 := strconv.ParseFloat(f[4], 64)
		lon, err2 := strconv.ParseFloat(f[5], 64)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("bad coordinates %q, %q", f[4], f[5])
		}
		pop := 0
		if f[14] != "" {
			var err error
			if pop, err = strconv.Atoi(f[14]); err != nil {
				return fmt.Errorf("bad population %q", f[14])
			}
		}
		oi, ok := b.admin1[f[10]]
		if !ok {
			oi = -1
		}
		id, err := strconv.Atoi(f[0])
		if err != nil {
			return fmt.Errorf("bad geonameid %q", f[0])
		}
		r := geoRow{line: n, id: id, name: f[1], pt: point{lon, lat}, oblast: oi, pop: pop, joined: -1}
		seen := map[string]bool{}
		seenKey := map[string]bool{}
		for _, raw := range strings.Split(f[3], ",") {
			a, fixed := cleanName(raw)
			if fixed {
				b.report.MixedScriptFixes[srcGeoNames]++
			}
			if a == "" || seen[a] {
				continue
			}
			seen[a] = true
			r.alts = append(r.alts, a)
			if tier := ukrainianTier(a); tier > 0 {
				k := joinKey(a)
				if !seenKey[k] {
					seenKey[k] = true
					r.keys = append(r.keys, tierKey{k, tier})
				}
			}
		}
		for _, a := range append([]string{f[1], f[2]}, r.alts...) {
			if ukrainianTier(a) == 0 && !strings.ContainsFunc(a, func(c rune) bool { return unicode.Is(unicode.Cyrillic, c) }) {
				if k := latinSkeleton(a); k != "" && !slices.Contains(r.latin, k) {
					r.latin = append(r.latin, k)
				}
			}
		}
		b.geo = append(b.geo, r)
		return nil
	})
}

func (b *builder) readPostal(path string) error {
	oblastOf := map[string]int{}
	for i, o := range oblasts {
		oblastOf[strings.ToLower(latinForMatch(o.NameUK))] = i
	}
	type pointCount struct {
		pt    point
		exact bool
		n     int
	}
	groupIndex := map[string]int{}
	var groupPoints [][]pointCount
	b.postalByKey = map[string][]int{}
	err := openLines(path, func(n int, line string) error {
		f := strings.Split(line, "\t")
		if len(f) != 12 {
			return fmt.Errorf("%d fields, want 12", len(f))
		}
		if f[0] != "UA" {
			return nil
		}
		b.report.PostalRows++
		oi, ok := oblastOf[strings.ToLower(f[3])]
		if !ok {
			return fmt.Errorf("oblast %q matches no oblast's transliterated name", f[3])
		}
		lat, err1 := strconv.ParseFloat(f[9], 64)
		lon, err2 := strconv.ParseFloat(f[10], 64)
		// Accuracy 4 and 3 are accurate, 1 estimated; 5 rows leave it empty
		// (Kupiansk's is 14 km off), so empty counts as estimated.
		acc, err3 := 1, error(nil)
		if f[11] != "" {
			acc, err3 = strconv.Atoi(f[11])
		}
		if err1 != nil || err2 != nil || err3 != nil {
			return fmt.Errorf("bad point or accuracy %q %q %q", f[9], f[10], f[11])
		}
		base, hint := splitPostalName(f[2])
		name, fixed := cleanName(base)
		hint, fixedHint := cleanName(hint)
		if fixed || fixedHint {
			b.report.MixedScriptFixes[srcPostal]++
		}
		if name == "" {
			return fmt.Errorf("empty place name")
		}
		key := joinKey(name)
		gk := strconv.Itoa(oi) + "\x00" + key + "\x00" + f[5] + "\x00" + hint
		gi, ok := groupIndex[gk]
		if !ok {
			gi = len(b.postal)
			groupIndex[gk] = gi
			b.postal = append(b.postal, postalGroup{oblast: oi, name: name, key: key, raion: f[5], hint: hint, settlement: -1})
			groupPoints = append(groupPoints, nil)
			kk := strconv.Itoa(oi) + "\x00" + key
			b.postalByKey[kk] = append(b.postalByKey[kk], gi)
		}
		b.postal[gi].rows++
		pc := pointCount{pt: point{lon, lat}, exact: acc >= 3}
		found := false
		for j := range groupPoints[gi] {
			if groupPoints[gi][j].pt == pc.pt && groupPoints[gi][j].exact == pc.exact {
				groupPoints[gi][j].n++
				found = true
			}
		}
		if !found {
			pc.n = 1
			groupPoints[gi] = append(groupPoints[gi], pc)
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Each group's point: the most frequent accurate point, else the most
	// frequent estimated one (first seen on ties).
	for gi := range b.postal {
		g := &b.postal[gi]
		best := -1
		for j, pc := range groupPoints[gi] {
			if best < 0 || (pc.exact && !groupPoints[gi][best].exact) ||
				(pc.exact == groupPoints[gi][best].exact && pc.n > groupPoints[gi][best].n) {
				best = j
			}
		}
		g.pt, g.exact = groupPoints[gi][best].pt, groupPoints[gi][best].exact
		for _, pc := range groupPoints[gi] {
			if pc.exact && g.exact && distanceKm(pc.pt, g.pt) > 10 {
				g.spread = true
			}
		}
	}
	b.report.PostalPlaces = len(b.postal)
	b.checkPostalPoints()
	for k := range b.postalByKey {
		b.postalKeys = append(b.postalKeys, k)
	}
	slices.Sort(b.postalKeys)
	return nil
}

// checkPostalPoints finds where each old (pre-2020) raion of the postal file
// lies and drops the points far outside it. Accuracy-4 points are not all
// good: in some raions most villages were geocoded onto namesakes all over
// the country (Volochysk raion's Вільшани sits near Kharkiv). The true
// points of a raion cluster, the wrong ones scatter; so the raion's centre
// is the mean of the points within 20 km of the point with most
// neighbours within 20 km, and a point more than 45 km from it is dropped
// (an old raion was at most ~80 km across).
func (b *builder) checkPostalPoints() {
	near := newGeoGrid(b.geo)
	for gi := range b.postal {
		g := &b.postal[gi]
		if !near.inOblast(g.pt, g.oblast) {
			g.bad = true
			b.report.PostalOutsideOblast++
		}
	}
	byRaion := map[string][]int{}
	var keys []string
	for gi := range b.postal {
		g := &b.postal[gi]
		if g.raion == "" || g.bad {
			continue
		}
		k := strconv.Itoa(g.oblast) + "\x00" + g.raion
		if _, ok := byRaion[k]; !ok {
			keys = append(keys, k)
		}
		byRaion[k] = append(byRaion[k], gi)
	}
	b.raionRef = map[string]point{}
	for _, k := range keys {
		var pts []point
		for _, gi := range byRaion[k] {
			if b.postal[gi].exact {
				pts = append(pts, b.postal[gi].pt)
			}
		}
		if len(pts) == 0 {
			for _, gi := range byRaion[k] {
				pts = append(pts, b.postal[gi].pt)
			}
		}
		best, bestN := 0, -1
		for i, p := range pts {
			n := 0
			for _, q := range pts {
				if fastKm(p, q) <= 20 {
					n++
				}
			}
			if n > bestN {
				best, bestN = i, n
			}
		}
		var c point
		n := 0
		for _, q := range pts {
			if fastKm(pts[best], q) <= 20 {
				c.lon += q.lon
				c.lat += q.lat
				n++
			}
		}
		c = point{c.lon / float64(n), c.lat / float64(n)}
		b.raionRef[k] = c
		for _, gi := range byRaion[k] {
			if distanceKm(c, b.postal[gi].pt) > 45 {
				b.postal[gi].bad = true
				b.report.PostalOutsideRaion++
			}
		}
	}
}

// geoGrid finds the GeoNames places near a point, to tell which oblast a
// point lies in without polygons: GeoNames points are reliable and dense
// (every place of 500 people or more).
type geoGrid struct {
	cells map[[2]int][]int
	rows  []geoRow
}

const geoGridDeg = 0.5

func newGeoGrid(rows []geoRow) *geoGrid {
	g := &geoGrid{cells: map[[2]int][]int{}, rows: rows}
	for i, r := range rows {
		if r.oblast >= 0 {
			c := gridCell(r.pt)
			g.cells[c] = append(g.cells[c], i)
		}
	}
	return g
}

func gridCell(p point) [2]int {
	return [2]int{int(math.Floor(p.lat / geoGridDeg)), int(math.Floor(p.lon / geoGridDeg))}
}

// inOblast says whether p may lie in oblast oi: true unless the five nearest
// GeoNames places within 60 km all belong to other oblasts (Kyiv city and
// Kyiv oblast count as one, their places being intermixed). With fewer than
// five places within 60 km it cannot tell, and says true.
func (g *geoGrid) inOblast(p point, oi int) bool {
	type hit struct {
		d  float64
		oi int
	}
	var hits []hit
	c := gridCell(p)
	for dy := -1; dy <= 1; dy++ {
		for dx := -2; dx <= 2; dx++ {
			for _, ri := range g.cells[[2]int{c[0] + dy, c[1] + dx}] {
				if d := fastKm(p, g.rows[ri].pt); d <= 60 {
					hits = append(hits, hit{d, g.rows[ri].oblast})
				}
			}
		}
	}
	if len(hits) < 5 {
		return true
	}
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Compare(a.d, b.d) })
	for _, h := range hits[:5] {
		if sameRegion(h.oi, oi) {
			return true
		}
	}
	return false
}

func sameRegion(a, b int) bool {
	if a == b {
		return true
	}
	kyiv := func(i int) bool { return oblasts[i].ISO == "UA-30" || oblasts[i].ISO == "UA-32" }
	return kyiv(a) && kyiv(b)
}

// fastKm is an equirectangular approximation of distanceKm, good to a few
// per cent over tens of km.
func fastKm(a, b point) float64 {
	dx := (a.lon - b.lon) * math.Cos((a.lat+b.lat)/2*math.Pi/180) * 111.32
	dy := (a.lat - b.lat) * 110.57
	return math.Sqrt(dx*dx + dy*dy)
}

// splitPostalName splits "Вовчий Яр (Яковенківська сільська рада)" into the
// name and the bracketed council or neighbouring village.
func splitPostalName(s string) (name, hint string) {
	name, rest, ok := strings.Cut(s, "(")
	if !ok {
		return strings.TrimSpace(s), ""
	}
	hint, _, _ = strings.Cut(rest, ")")
	return strings.TrimSpace(name), strings.TrimSpace(hint)
}

// ---- indexes ----

func (b *builder) indexSettlements() {
	b.byKey = map[string][]int{}
	b.byKeyAnywhere = map[string][]int{}
	b.byLatin = map[string][]int{}
	b.members = map[string][]int{}
	for i := range b.settlements {
		s := &b.settlements[i]
		if s.kind == "city_district" {
			continue
		}
		prefix := strconv.Itoa(s.oblast) + "\x00"
		keys := []string{s.key}
		for _, former := range formerNames[s.code] {
			keys = append(keys, joinKey(former))
		}
		for _, k := range keys {
			b.byKey[prefix+k] = append(b.byKey[prefix+k], i)
			b.byKeyAnywhere[k] = append(b.byKeyAnywhere[k], i)
		}
		lk := prefix + latinSkeleton(latinForMatch(s.nameUK))
		b.byLatin[lk] = append(b.byLatin[lk], i)
		if s.hromada != "" {
			if _, ok := b.members[s.hromada]; !ok {
				b.hromadas = append(b.hromadas, s.hromada)
			}
			b.members[s.hromada] = append(b.members[s.hromada], i)
		}
	}
	// The codifier lists each hromada's administrative centre first. A
	// raion's centre is the hromada centre whose name the raion is named
	// after ("Ізюмський" → Ізюм).
	bestForRaion := map[string]int{}
	bestPrefix := map[string]int{}
	for _, h := range b.hromadas {
		c := b.members[h][0]
		s := &b.settlements[c]
		s.centre = 1
		if s.raion == "" {
			continue
		}
		rs, ss := adjectiveStem(latinForMatch(b.raionName[s.raion])), adjectiveStem(latinForMatch(s.nameUK))
		if !stemsMatch(rs, ss) {
			continue
		}
		p := commonPrefix(rs, ss)
		if p > bestPrefix[s.raion] || (p == bestPrefix[s.raion] && kindRank(s.kind) > kindRank(b.settlements[bestForRaion[s.raion]].kind)) {
			bestPrefix[s.raion] = p
			bestForRaion[s.raion] = c
		}
	}
	for _, c := range bestForRaion {
		b.settlements[c].centre = 2
	}
	b.hromadaStems = map[string][]string{}
	for _, h := range b.hromadas {
		stems := []string{adjectiveStem(latinForMatch(b.hromadaName[h]))}
		for _, m := range b.members[h] {
			stems = append(stems, adjectiveStem(latinForMatch(b.settlements[m].nameUK)))
		}
		b.hromadaStems[h] = stems
	}
}

func kindRank(kind string) int {
	switch kind {
	case "city":
		return 3
	case "town":
		return 2
	case "village":
		return 1
	}
	return 0
}

// ---- joins ----

func (b *builder) joinPostalUnique() {
	for _, k := range b.postalKeys {
		groups := b.postalByKey[k]
		cands := b.byKey[k]
		switch {
		case len(cands) == 0:
			for _, gi := range groups {
				b.report.PostalUnmatched++
				b.report.PostalUnmatchedRows += b.postal[gi].rows
				if len(b.report.PostalUnmatchedSample) < 20 {
					b.report.PostalUnmatchedSample = append(b.report.PostalUnmatchedSample,
						b.postal[gi].name+" ("+oblasts[b.postal[gi].oblast].ISO+")")
				}
			}
		case len(cands) == 1:
			// Accurate points of all the groups must agree, else which group
			// is this settlement is a question for the scored pass.
			agree := true
			var ref *point
			for _, gi := range groups {
				g := &b.postal[gi]
				if g.spread && !g.bad {
					agree = false
				}
				if g.exact && !g.bad {
					if ref == nil {
						ref = &g.pt
					} else if distanceKm(*ref, g.pt) > 15 {
						agree = false
					}
				}
			}
			if !agree {
				for _, gi := range groups {
					b.postal[gi].deferred = true
				}
				continue
			}
			for _, gi := range groups {
				b.assignPostal(gi, cands[0], 1e9)
			}
		default:
			for _, gi := range groups {
				b.postal[gi].deferred = true
			}
		}
	}
}

// assignPostal joins group gi to settlement si; of several groups, the best
// scored (then the accurate one, then the one with more rows) gives the point.
func (b *builder) assignPostal(gi, si int, score float64) {
	g := &b.postal[gi]
	s := &b.settlements[si]
	g.settlement = si
	b.report.PostalMatched++
	if g.bad {
		return
	}
	slot := &s.approx
	if g.exact {
		slot = &s.postal
	}
	if *slot < 0 || score > s.postalScore || (score == s.postalScore && g.rows > b.postal[*slot].rows) {
		*slot = gi
		s.postalScore = score
	}
}

// candidates returns the unjoined settlements of the row's oblast named by
// its Ukrainian-looking alternates (tier 1) or, if none, its plain Cyrillic
// ones (tier 2), and whether any settlement (joined or not) had the name.
func (b *builder) candidates(r *geoRow) (free []int, any int) {
	if r.oblast < 0 {
		return nil, 0
	}
	prefix := strconv.Itoa(r.oblast) + "\x00"
	for tier := 1; tier <= 2; tier++ {
		var all []int
		for _, k := range r.keys {
			if k.tier == tier {
				for _, si := range b.byKey[prefix+k.key] {
					if !slices.Contains(all, si) {
						all = append(all, si)
					}
				}
			}
		}
		if len(all) == 0 {
			continue
		}
		for _, si := range all {
			if b.settlements[si].geo < 0 {
				free = append(free, si)
			}
		}
		return free, len(all)
	}
	// No Cyrillic alternate matched: try the Latin names against the
	// settlements' national transliteration ("Novoazovs'k", "Kadiyivka").
	var all []int
	for _, k := range r.latin {
		for _, si := range b.byLatin[prefix+k] {
			if !slices.Contains(all, si) {
				all = append(all, si)
			}
		}
	}
	for _, si := range all {
		if b.settlements[si].geo < 0 {
			free = append(free, si)
		}
	}
	if len(all) > 0 {
		r.viaLatin = true
	}
	return free, len(all)
}

// geoOrder is the order rows are joined in: most populous first, so that a
// settlement named by two rows takes the larger place's.
func (b *builder) geoOrder() []int {
	order := make([]int, len(b.geo))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(b.geo[y].pop, b.geo[x].pop) })
	return order
}

func (b *builder) joinGeo(ri, si int) {
	if b.geo[ri].viaLatin {
		b.report.GeoNamesViaLatin++
	}
	b.geo[ri].joined = si
	b.geo[ri].decided = true
	b.settlements[si].geo = ri
	b.report.GeoNamesJoined++
}

// farFromHromada says whether p lies more than maxKm from every other
// accurately located settlement (GeoNames, postal accuracy 4 or 3) of si's
// hromada, when at least two are located: a point that cannot be si's. The
// postal file has accurate-looking points geocoded onto a namesake hundreds
// of km away, and GeoNames alternates include historic names that are
// villages elsewhere today. The nearest neighbour, not the hromada's
// middle, is the test: merged hromadas are up to ~60 km across.
func (b *builder) farFromHromada(si int, p point, maxKm float64) bool {
	s := &b.settlements[si]
	if s.hromada == "" {
		return false
	}
	n := 0
	for _, m := range b.members[s.hromada] {
		if m == si {
			continue
		}
		var q point
		switch ms := &b.settlements[m]; {
		case ms.geo >= 0:
			q = b.geo[ms.geo].pt
		case ms.postal >= 0:
			q = b.postal[ms.postal].pt
		default:
			continue
		}
		if distanceKm(p, q) <= maxKm {
			return false
		}
		n++
	}
	return n >= 2
}

// Distances beyond which a point is not taken for a settlement: from the
// other places of its hromada (hromadas are up to ~60 km across).
const (
	geoMaxKm    = 40
	postalMaxKm = 30
)

// knownPoint is the best position known for a settlement before points are
// final: its GeoNames point, its accurate postal point, or its hromada's
// anchor.
func (b *builder) knownPoint(si int) (point, bool) {
	s := &b.settlements[si]
	if s.geo >= 0 {
		return b.geo[s.geo].pt, true
	}
	if s.postal >= 0 {
		return b.postal[s.postal].pt, true
	}
	if p, ok := b.anchors[s.hromada]; ok && s.hromada != "" {
		return p, true
	}
	return point{}, false
}

func (b *builder) joinGeoNames(ambiguous bool) {
	for _, ri := range b.geoOrder() {
		r := &b.geo[ri]
		if r.decided {
			continue
		}
		free, all := b.candidates(r)
		if all == 0 {
			r.nameless = true
			continue
		}
		if len(free) == 0 {
			r.decided = true
			b.report.GeoNamesDuplicate++
			continue
		}
		if !ambiguous {
			if all == 1 {
				if b.farFromHromada(free[0], r.pt, geoMaxKm) {
					r.decided = true
					b.report.GeoNamesRejectedFar++
					continue
				}
				b.joinGeo(ri, free[0])
				b.report.GeoNamesUnique++
			}
			continue
		}
		if si, ok := b.pickGeoCandidate(r, free); ok {
			b.joinGeo(ri, si)
			b.report.GeoNamesResolved++
		} else {
			r.decided = true
			b.report.GeoNamesAmbiguous++
		}
	}
}

// pickGeoCandidate chooses among settlements of the same name: the nearest
// known positions (within 5 km of the nearest, which must be within 40 km),
// then the higher kind, then the centre. It gives up on a tie.
func (b *builder) pickGeoCandidate(r *geoRow, cands []int) (int, bool) {
	type cand struct {
		si    int
		d     float64
		known bool
	}
	cs := make([]cand, 0, len(cands))
	dmin := math.Inf(1)
	for _, si := range cands {
		if b.farFromHromada(si, r.pt, geoMaxKm) {
			continue
		}
		c := cand{si: si}
		if p, ok := b.knownPoint(si); ok {
			c.d, c.known = distanceKm(r.pt, p), true
			dmin = min(dmin, c.d)
		}
		cs = append(cs, c)
	}
	keep := cs[:0:0]
	for _, c := range cs {
		switch {
		case c.known && c.d <= dmin+5:
			keep = append(keep, c)
		case !c.known && dmin > 20:
			keep = append(keep, c)
		}
	}
	if len(keep) > 0 && !math.IsInf(dmin, 1) && dmin > 40 && !slices.ContainsFunc(keep, func(c cand) bool { return !c.known }) {
		return -1, false // every candidate is far away: probably another place
	}
	if len(keep) == 0 {
		return -1, false
	}
	if len(keep) == 1 {
		return keep[0].si, true
	}
	rank := func(c cand) int {
		s := &b.settlements[c.si]
		return kindRank(s.kind)*10 + s.centre
	}
	slices.SortStableFunc(keep, func(x, y cand) int { return cmp.Compare(rank(y), rank(x)) })
	if rank(keep[0]) > rank(keep[1]) {
		return keep[0].si, true
	}
	return -1, false
}

func (b *builder) joinGeoNamesAcrossOblasts() {
	for _, ri := range b.geoOrder() {
		r := &b.geo[ri]
		if r.decided || !r.nameless {
			continue
		}
		best, bestD, secondD := -1, math.Inf(1), math.Inf(1)
		for _, k := range r.keys {
			for _, si := range b.byKeyAnywhere[k.key] {
				if b.settlements[si].geo >= 0 || b.settlements[si].oblast == r.oblast {
					continue
				}
				p, ok := b.knownPoint(si)
				if !ok {
					continue
				}
				d := distanceKm(r.pt, p)
				if d < bestD {
					best, bestD, secondD = si, d, bestD
				} else if d < secondD && si != best {
					secondD = d
				}
			}
		}
		if best >= 0 && bestD <= 10 && secondD > bestD+5 {
			b.joinGeo(ri, best)
			b.report.GeoNamesCrossOblast++
		}
	}
	for _, ri := range b.geoOrder() {
		r := &b.geo[ri]
		if r.decided || !r.nameless {
			continue
		}
		b.report.GeoNamesUnmatched++
		if len(b.report.GeoNamesUnmatchedList) < 20 {
			iso := "?"
			if r.oblast >= 0 {
				iso = oblasts[r.oblast].ISO
			}
			b.report.GeoNamesUnmatchedList = append(b.report.GeoNamesUnmatchedList,
				fmt.Sprintf("%s (%s, pop. %d)", r.name, iso, r.pop))
		}
	}
}

// computeAnchors sets each hromada's anchor: the median of its settlements'
// accurate points (GeoNames, postal accuracy 4 or 3).
func (b *builder) computeAnchors() {
	b.anchors = map[string]point{}
	for _, h := range b.hromadas {
		var lons, lats []float64
		for _, si := range b.members[h] {
			s := &b.settlements[si]
			switch {
			case s.geo >= 0:
				lons, lats = append(lons, b.geo[s.geo].pt.lon), append(lats, b.geo[s.geo].pt.lat)
			case s.postal >= 0:
				lons, lats = append(lons, b.postal[s.postal].pt.lon), append(lats, b.postal[s.postal].pt.lat)
			}
		}
		if len(lons) > 0 {
			b.anchors[h] = point{median(lons), median(lats)}
		}
	}
}

// learnPostal learns from the unambiguous postal joins which old raions and
// which councils each hromada's settlements were listed under.
func (b *builder) learnPostal() {
	b.oldRaionsOf = map[string]map[string]int{}
	b.hintHromadas = map[string]map[string]int{}
	for gi := range b.postal {
		g := &b.postal[gi]
		if g.settlement < 0 {
			continue
		}
		h := b.settlements[g.settlement].hromada
		if h == "" {
			continue
		}
		if g.raion != "" {
			if b.oldRaionsOf[h] == nil {
				b.oldRaionsOf[h] = map[string]int{}
			}
			b.oldRaionsOf[h][g.raion]++
		}
		if hs := hintStem(g.hint); hs != "" {
			hk := strconv.Itoa(g.oblast) + "\x00" + hs
			if b.hintHromadas[hk] == nil {
				b.hintHromadas[hk] = map[string]int{}
			}
			b.hintHromadas[hk][h]++
		}
	}
}

// postalScore scores settlement si as the place of postal group g:
// 3 if the bracketed council names a settlement of si's hromada (or was
// seen with that hromada), up to 2 for the share of si's hromada listed
// under g's old raion (or 2 if the raion's name matches si's raion or
// hromada when nothing was learned), and up to 1 for nearness (accurate
// points within 30 km, estimated ones — compared through the old raion's
// mean point — within 60 km, half weight).
func (b *builder) postalScore(g *postalGroup, si int) float64 {
	s := &b.settlements[si]
	score := 0.0
	if hs := hintStem(g.hint); hs != "" && s.hromada != "" {
		if b.hintHromadas[strconv.Itoa(g.oblast)+"\x00"+hs][s.hromada] > 0 ||
			slices.ContainsFunc(b.hromadaStems[s.hromada], func(st string) bool { return stemsMatch(hs, st) }) {
			score += 3
		}
	}
	if g.raion != "" {
		if counts := b.oldRaionsOf[s.hromada]; len(counts) > 0 && s.hromada != "" {
			total := 0
			for _, n := range counts {
				total += n
			}
			score += 2 * float64(counts[g.raion]) / float64(total)
		} else {
			rs := adjectiveStem(strings.ToLower(g.raion))
			if (s.raion != "" && stemsMatch(rs, adjectiveStem(latinForMatch(b.raionName[s.raion])))) ||
				(s.hromada != "" && stemsMatch(rs, adjectiveStem(latinForMatch(b.hromadaName[s.hromada])))) {
				score += 2
			}
		}
	}
	p, ok := b.knownPoint(si)
	if ok {
		if g.exact && !g.bad {
			score += max(0, 1-distanceKm(g.pt, p)/30)
		} else {
			ref, ok := b.raionRef[strconv.Itoa(g.oblast)+"\x00"+g.raion]
			if !ok {
				ref = g.pt
			}
			score += 0.5 * max(0, 1-distanceKm(ref, p)/60)
		}
	}
	return score
}

const (
	postalMinScore = 1.0
	postalMargin   = 0.75
)

func (b *builder) joinPostalAmbiguous() {
	for _, k := range b.postalKeys {
		cands := b.byKey[k]
		for _, gi := range b.postalByKey[k] {
			g := &b.postal[gi]
			if !g.deferred || len(cands) == 0 {
				continue
			}
			best, bestScore, second := -1, math.Inf(-1), 0.0
			for _, si := range cands {
				sc := b.postalScore(g, si)
				if sc > bestScore {
					best, second, bestScore = si, max(second, bestScore), sc
				} else if sc > second {
					second = sc
				}
			}
			if bestScore >= postalMinScore && bestScore-second >= postalMargin {
				b.assignPostal(gi, best, bestScore)
				b.report.PostalResolved++
			} else {
				b.report.PostalAmbiguous++
			}
		}
	}
}

// ---- points ----

func (b *builder) placePoints(useWOF bool) {
	// Accurate points first: GeoNames, then Who's On First, then postal
	// accuracy 4 or 3 unless far from the hromada's other places.
	for i := range b.settlements {
		s := &b.settlements[i]
		switch {
		case s.geo >= 0:
			s.pt, s.source = b.geo[s.geo].pt, "geonames"
		case useWOF && s.wof >= 0:
			s.pt, s.source = b.wof[s.wof].pt, srcWOF
		case s.postal >= 0 && !b.farFromHromada(i, b.postal[s.postal].pt, postalMaxKm):
			s.pt, s.source = b.postal[s.postal].pt, "postal"
		case s.postal >= 0:
			b.report.PostalRejectedFar++
		}
	}
	// Then the centroid of the hromada's accurate points. It beats the
	// postal file's estimated points where both can be checked against a
	// GeoNames point (see data/README.md), so an estimated point is used only
	// in a hromada with no accurate point; failing that, the centroid of the
	// hromada's estimated points. City districts take their city's point.
	accurate := b.hromadaCentroids(func(s *settlement) bool { return s.source != "" })
	for i := range b.settlements {
		s := &b.settlements[i]
		if s.source != "" || s.parent >= 0 {
			continue
		}
		if c, ok := accurate[s.hromada]; ok && s.hromada != "" {
			s.pt, s.source = c, "hromada"
			if s.approx >= 0 {
				b.report.PostalApproxSuperseded++
			}
		} else if s.approx >= 0 {
			s.pt, s.source = b.postal[s.approx].pt, "postal-approx"
		}
	}
	estimated := b.hromadaCentroids(func(s *settlement) bool { return s.source == "postal-approx" })
	for i := range b.settlements {
		s := &b.settlements[i]
		if s.source != "" {
			continue
		}
		if s.parent >= 0 {
			if p := &b.settlements[s.parent]; p.source != "" {
				s.pt, s.source = p.pt, "hromada"
			}
		} else if c, ok := estimated[s.hromada]; ok && s.hromada != "" {
			s.pt, s.source = c, "hromada"
		}
	}
	for i := range b.settlements {
		s := &b.settlements[i]
		if s.source == "" {
			s.pt = point{}
		}
		s.pt = point{round5(s.pt.lon), round5(s.pt.lat)}
	}
}

// hromadaCentroids returns, for each hromada with a settlement that use
// accepts, the mean point of those settlements.
func (b *builder) hromadaCentroids(use func(*settlement) bool) map[string]point {
	out := map[string]point{}
	for _, h := range b.hromadas {
		var c point
		n := 0
		for _, si := range b.members[h] {
			if s := &b.settlements[si]; use(s) {
				c.lon += s.pt.lon
				c.lat += s.pt.lat
				n++
			}
		}
		if n > 0 {
			out[h] = point{c.lon / float64(n), c.lat / float64(n)}
		}
	}
	return out
}

func round5(x float64) float64 { return math.Round(x*1e5) / 1e5 }

// ---- output ----

// primaryNames holds every settlement's own names, Ukrainian and the
// rule's Russian, folded.
func (b *builder) primaryNames() map[string]bool {
	primary := map[string]bool{}
	for i := range b.settlements {
		s := &b.settlements[i]
		if s.kind == "city_district" {
			continue
		}
		primary[translit.Fold(s.nameUK)] = true
		primary[translit.Fold(ruleRussian(s.nameUK))] = true
	}
	return primary
}

// samePrefix reports whether a and b begin with the same n runes: an
// alternate that does (Кременной for Кремінна) is the place's own name in
// another form, not another settlement's.
func samePrefix(a, b string, n int) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < n || len(rb) < n {
		return false
	}
	return string(ra[:n]) == string(rb[:n])
}

func (b *builder) places() []frontline.Place {
	out := make([]frontline.Place, len(b.settlements))
	// primary holds every settlement's own names, Ukrainian and the rule's
	// Russian, folded.
	primary := b.primaryNames()
	for i := range b.settlements {
		s := &b.settlements[i]
		o := oblasts[s.oblast]
		p := frontline.Place{
			ID: s.code, KATOTTG: s.code, Kind: s.kind, NameUK: s.nameUK,
			Oblast: o.Name, OblastISO: o.ISO,
			Raion: b.raionName[s.raion], Hromada: b.hromadaName[s.hromada],
			Lon: s.pt.lon, Lat: s.pt.lat, PointSource: s.source,
		}
		var alts []string
		if s.geo >= 0 {
			r := &b.geo[s.geo]
			p.Population = r.pop
			p.NameRU = russianName(s.nameUK, r.alts)
			alts = append([]string{r.name}, r.alts...)
		}
		// GeoNames' pick that is only the Ukrainian spelling (Дебальцеве,
		// Лыман) yields to Who's On First's Russian name, or to the rule's
		// form when GeoNames lists it.
		if p.NameRU != "" && joinKey(ruLetters(strings.ToLower(s.nameUK))) == joinKey(ruLetters(strings.ToLower(p.NameRU))) {
			if w := s.wof; w >= 0 && b.wof[w].nameRU != "" && russianAlphabet(b.wof[w].nameRU) &&
				!slices.ContainsFunc(formerNames[s.code], func(f string) bool { return joinKey(f) == joinKey(b.wof[w].nameRU) }) {
				p.NameRU = ""
			} else if ru := ruleRussian(s.nameUK); slices.ContainsFunc(alts, func(a string) bool { return joinKey(a) == joinKey(ru) }) {
				p.NameRU = ru
			}
		}
		if p.NameRU != "" {
			b.report.RussianFrom["geonames"]++
		}
		if s.wof >= 0 {
			w := &b.wof[s.wof]
			former := slices.ContainsFunc(formerNames[s.code], func(f string) bool { return joinKey(f) == joinKey(w.nameRU) })
			if w.nameRU != "" && russianAlphabet(w.nameRU) {
				if p.NameRU == "" && !former {
					p.NameRU = w.nameRU
					b.report.RussianFrom[srcWOF]++
				} else if joinKey(p.NameRU) != joinKey(w.nameRU) {
					alts = append(alts, w.nameRU)
				}
			}
			if p.Population == 0 {
				p.Population = w.pop
			}
			if w.name != "" && !hasCyrillic(w.name) {
				alts = append(alts, w.name)
			}
		}
		if p.NameRU == "" && s.kind != "city_district" {
			if ru := ruleRussian(s.nameUK); joinKey(ru) != s.key {
				p.NameRU = ru
				b.report.RussianFrom["rule"]++
			}
		}
		p.Names = placeNames(p.NameUK, p.NameRU, "")
		own := map[string]bool{translit.Fold(p.NameUK): true, translit.Fold(p.NameRU): true}
		for _, a := range formerNames[s.code] {
			own[translit.Fold(a)] = true
		}
		var rule []string
		if s.kind != "city_district" {
			rule = ruleRussianVariants(s.nameUK)
			for _, r := range rule {
				own[translit.Fold(r)] = true
			}
		}
		for _, a := range append(slices.Clone(formerNames[s.code]), alts...) {
			// A source's alternate that is another settlement's own
			// name (GeoNames lists Petrovka, a village Kurakhove grew
			// from, for the city) would take that name's homonyms.
			if k := translit.Fold(a); !own[k] && primary[k] && !samePrefix(k, translit.Fold(p.NameUK), 4) {
				b.report.AlternatesDropped++
				continue
			}
			if keepAlternate(a) && !slices.Contains(p.Names, a) {
				p.Names = append(p.Names, a)
			}
		}
		// The rule's other Russian forms (Селидово and Селидовое,
		// Боровское for Борівське) as spellings that find the place.
		for _, r := range rule {
			if !slices.ContainsFunc(p.Names, func(n string) bool { return joinKey(n) == joinKey(r) }) {
				p.Names = append(p.Names, r)
				b.report.RussianVariants++
			}
		}
		out[i] = p
	}
	return out
}

func (b *builder) finishReport() {
	r := b.report
	r.Settlements = len(b.settlements)
	for i := range b.settlements {
		s := &b.settlements[i]
		r.ByKind[s.kind]++
		r.PointSources[s.source]++
		if s.source == "" {
			r.NoPoint++
			r.NoPointBy[oblasts[s.oblast].ISO]++
		}
	}
	var dw []float64
	for i := range b.settlements {
		s := &b.settlements[i]
		if s.wof < 0 {
			continue
		}
		if s.postal >= 0 {
			dw = append(dw, distanceKm(b.wof[s.wof].pt, b.postal[s.postal].pt))
		}
		if s.geo >= 0 {
			r.WOFVsGeoNamesN++
			if distanceKm(b.wof[s.wof].pt, b.geo[s.geo].pt) > 1 {
				r.WOFVsGeoNamesOver1Km++
			}
		}
	}
	r.WOFVsPostalN = len(dw)
	if len(dw) > 0 {
		r.WOFVsPostalMedianKm = math.Round(median(dw)*10) / 10
		for _, d := range dw {
			if d > 5 {
				r.WOFVsPostalOver5Km++
			}
		}
	}
	var ds []float64
	for i := range b.settlements {
		s := &b.settlements[i]
		if s.geo >= 0 && s.postal >= 0 {
			ds = append(ds, distanceKm(b.geo[s.geo].pt, b.postal[s.postal].pt))
		}
	}
	slices.Sort(ds)
	r.PostalVsGeoNamesN = len(ds)
	if len(ds) > 0 {
		r.PostalVsGeoNamesMedianKm = math.Round(median(ds)*10) / 10
		r.PostalVsGeoNamesP90Km = math.Round(ds[len(ds)*9/10]*10) / 10
		for _, d := range ds {
			if d > 10 {
				r.PostalVsGeoNamesOver10Km++
			}
		}
	}
}

// WriteTo prints the report for a person.
func (r *BuildReport) WriteTo(w io.Writer) (int64, error) {
	var sb strings.Builder
	pct := func(n, of int) string { return fmt.Sprintf("%.1f %%", 100*float64(n)/float64(max(of, 1))) }
	fmt.Fprintf(&sb, "codifier rows:               %d (%d raions)\n", r.KATOTTGRows, r.Raions)
	fmt.Fprintf(&sb, "settlements:                 %d", r.Settlements)
	for _, k := range []string{"city", "town", "village", "city_district"} {
		fmt.Fprintf(&sb, ", %s %d", k, r.ByKind[k])
	}
	fmt.Fprintf(&sb, "\nsites:                       %d\n", r.Sites)
	fmt.Fprintf(&sb, "GeoNames rows:               %d\n", r.GeoNamesRows)
	fmt.Fprintf(&sb, "  joined:                    %d (unique name %d, several candidates resolved %d, across an oblast border %d)\n",
		r.GeoNamesJoined, r.GeoNamesUnique, r.GeoNamesResolved, r.GeoNamesCrossOblast)
	fmt.Fprintf(&sb, "  of them through Latin names: %d (no Cyrillic alternate matched the codifier's name)\n", r.GeoNamesViaLatin)
	fmt.Fprintf(&sb, "  ambiguous, left unjoined:  %d\n", r.GeoNamesAmbiguous)
	fmt.Fprintf(&sb, "  settlement already joined: %d\n", r.GeoNamesDuplicate)
	fmt.Fprintf(&sb, "  too far from the hromada:  %d (the one settlement of the name lies > 40 km from its hromada's other places)\n", r.GeoNamesRejectedFar)
	fmt.Fprintf(&sb, "  matched no settlement:     %d: %s\n", r.GeoNamesUnmatched, strings.Join(r.GeoNamesUnmatchedList, ", "))
	fmt.Fprintf(&sb, "postal rows:                 %d in %d distinct places\n", r.PostalRows, r.PostalPlaces)
	fmt.Fprintf(&sb, "  joined:                    %d places (%d of them among several candidates)\n", r.PostalMatched, r.PostalResolved)
	fmt.Fprintf(&sb, "  ambiguous, left unjoined:  %d places\n", r.PostalAmbiguous)
	fmt.Fprintf(&sb, "  matched no settlement:     %d places, %d rows, e.g. %s\n", r.PostalUnmatched, r.PostalUnmatchedRows, strings.Join(r.PostalUnmatchedSample, ", "))
	fmt.Fprintf(&sb, "  points in another oblast:  %d places (the 5 nearest GeoNames places are all of other oblasts)\n", r.PostalOutsideOblast)
	fmt.Fprintf(&sb, "  points outside old raion:  %d places (> 45 km from the centre of their old raion's points: geocoded onto a namesake)\n", r.PostalOutsideRaion)
	fmt.Fprintf(&sb, "  accurate points dropped:   %d (> 30 km from the hromada's other places: geocoded onto a namesake)\n", r.PostalRejectedFar)
	fmt.Fprintf(&sb, "  estimated points not used: %d (the hromada's centroid is used instead)\n", r.PostalApproxSuperseded)
	fmt.Fprintf(&sb, "Who's On First rows:         %d\n", r.WOFRows)
	fmt.Fprintf(&sb, "  joined:                    %d (by the geonameid of a joined cities500 row %d, by name, oblast and distance %d)\n",
		r.WOFJoinedByGeoNamesID+r.WOFJoinedByName, r.WOFJoinedByGeoNamesID, r.WOFJoinedByName)
	fmt.Fprintf(&sb, "  candidates, left unjoined: %d (too far from the settlement's hromada, a homonym as near, or the settlement taken)\n", r.WOFLeft)
	fmt.Fprintf(&sb, "  matched no settlement:     %d\n", r.WOFUnmatched)
	fmt.Fprintf(&sb, "  vs postal point:           %d settlements with both; median %.1f km, %d over 5 km\n", r.WOFVsPostalN, r.WOFVsPostalMedianKm, r.WOFVsPostalOver5Km)
	fmt.Fprintf(&sb, "  vs cities500 point:        %d settlements with both; %d over 1 km\n", r.WOFVsGeoNamesN, r.WOFVsGeoNamesOver1Km)
	fmt.Fprintf(&sb, "  places of their own:       %d (front oblasts, no settlement of the gazetteer there: renamed or merged villages)\n", r.WOFOwnPlaces)
	fmt.Fprintf(&sb, "  other names of a settlement: %d (a locality within 1.5 km of one settlement, front oblasts)\n", r.WOFOtherNames)
	fmt.Fprintf(&sb, "places in Russia:            %d cities500 rows of Kursk, Belgorod, Bryansk oblasts; %d tracker links into Russia (%d naming a Ukrainian border settlement), %d villages added from them\n",
		r.RussiaCities, r.RussiaLinks, r.RussiaLinksUkrainian, r.RussiaTrackerPlaces)
	fmt.Fprintf(&sb, "Russian names:               GeoNames %d, Who's On First %d, by rule from the Ukrainian name %d\n",
		r.RussianFrom["geonames"], r.RussianFrom[srcWOF], r.RussianFrom["rule"])
	fmt.Fprintf(&sb, "  rule vs the sources' names: tuning half %d of %d (%s), held-out half %d of %d (%s)\n",
		r.RussianRuleTuneOK, r.RussianRuleTune, pct(r.RussianRuleTuneOK, r.RussianRuleTune), r.RussianRuleHeldOK, r.RussianRuleHeld, pct(r.RussianRuleHeldOK, r.RussianRuleHeld))
	fmt.Fprintf(&sb, "  the rule's further forms:  %d spellings added (-ово and -овое; і read as о)\n", r.RussianVariants)
	fmt.Fprintf(&sb, "alternates dropped:          %d (another settlement's own name)\n", r.AlternatesDropped)
	fmt.Fprintf(&sb, "points (before the Who's On First join → after):\n")
	for _, src := range []string{"geonames", srcWOF, "postal", "postal-approx", "hromada", ""} {
		label := src
		if src == "" {
			label = "none"
		}
		fmt.Fprintf(&sb, "  %-14s %6d  %6s → %6d  %s\n", label+":", r.PointSourcesWithoutWOF[src], pct(r.PointSourcesWithoutWOF[src], r.Settlements), r.PointSources[src], pct(r.PointSources[src], r.Settlements))
	}
	fmt.Fprintf(&sb, "  without a point, by oblast:")
	var isos []string
	for iso := range r.NoPointBy {
		isos = append(isos, iso)
	}
	slices.Sort(isos)
	for i, iso := range isos {
		sep := ", "
		if i == 0 {
			sep = " ("
		}
		fmt.Fprintf(&sb, "%s%s %d", sep, iso, r.NoPointBy[iso])
	}
	if len(isos) > 0 {
		sb.WriteString(")")
	}
	fmt.Fprintf(&sb, "\n  with a point:  %s\n", pct(r.Settlements-r.NoPoint, r.Settlements))
	fmt.Fprintf(&sb, "postal vs GeoNames point:    %d settlements with both; median %.1f km, 90th percentile %.1f km, %d over 10 km\n",
		r.PostalVsGeoNamesN, r.PostalVsGeoNamesMedianKm, r.PostalVsGeoNamesP90Km, r.PostalVsGeoNamesOver10Km)
	fmt.Fprintf(&sb, "mixed-script names fixed:    codifier %d, GeoNames %d, postal %d\n",
		r.MixedScriptFixes[srcKATOTTG], r.MixedScriptFixes[srcGeoNames], r.MixedScriptFixes[srcPostal])
	n, err := io.WriteString(w, sb.String())
	return int64(n), err
}

// ---- names ----

// cleanName tidies a name from a source without changing its spelling:
// stress marks dropped ("Дуванко́й"), decomposed й/ї composed, whitespace
// collapsed, and Latin look-alike letters inside Cyrillic words replaced by
// the Cyrillic letters (GeoNames and the postal file have "Веселiвка" with a
// Latin i, "Бoгатирівка" with a Latin o). fixed says whether a look-alike was
// replaced.
func cleanName(s string) (clean string, fixed bool) {
	var sb strings.Builder
	sb.Grow(len(s))
	var prev rune
	for _, r := range s {
		switch r {
		case '\u0301', '\u0300': // combining stress marks
			continue
		case '\u0306', '\u0308': // combining breve, diaeresis
			if composed, ok := composeCyrillic(prev, r); ok {
				str := sb.String()
				sb.Reset()
				sb.WriteString(str[:len(str)-utf8.RuneLen(prev)])
				sb.WriteRune(composed)
				prev = composed
				continue
			}
		case '\t', '\n', '\r', '|', '[', ']':
			r = ' '
		}
		sb.WriteRune(r)
		prev = r
	}
	out := strings.Join(strings.Fields(sb.String()), " ")
	return fixLookalikes(out)
}

func composeCyrillic(base, mark rune) (rune, bool) {
	switch {
	case mark == '\u0306' && base == 'и':
		return 'й', true
	case mark == '\u0306' && base == 'И':
		return 'Й', true
	case mark == '\u0308' && base == 'і':
		return 'ї', true
	case mark == '\u0308' && base == 'І':
		return 'Ї', true
	case mark == '\u0308' && base == 'е':
		return 'ё', true
	case mark == '\u0308' && base == 'Е':
		return 'Ё', true
	}
	return 0, false
}

// latinLookalikes are the Latin letters that look like Cyrillic ones. The
// upper-case B, H, K, M, T look like В, Н, К, М, Т; their lower-case forms
// do not, so they are not replaced.
var latinLookalikes = map[rune]rune{
	'a': 'а', 'c': 'с', 'e': 'е', 'i': 'і', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у',
	'A': 'А', 'B': 'В', 'C': 'С', 'E': 'Е', 'H': 'Н', 'I': 'І', 'K': 'К', 'M': 'М',
	'O': 'О', 'P': 'Р', 'T': 'Т', 'X': 'Х', 'Y': 'У',
}

// fixLookalikes replaces Latin look-alikes in words (runs of letters) that
// have more Cyrillic than Latin letters.
func fixLookalikes(s string) (string, bool) {
	runes := []rune(s)
	fixed := false
	for i := 0; i < len(runes); {
		if !unicode.IsLetter(runes[i]) {
			i++
			continue
		}
		j := i
		cyr, lat := 0, 0
		for j < len(runes) && unicode.IsLetter(runes[j]) {
			if unicode.Is(unicode.Cyrillic, runes[j]) {
				cyr++
			} else if unicode.Is(unicode.Latin, runes[j]) {
				lat++
			}
			j++
		}
		if lat > 0 && cyr > lat {
			for k := i; k < j; k++ {
				if c, ok := latinLookalikes[runes[k]]; ok {
					runes[k] = c
					fixed = true
				}
			}
		}
		i = j
	}
	if !fixed {
		return s, false
	}
	return string(runes), true
}

// joinKey is the form names are compared in when joining the sources: lower
// case, apostrophes dropped (' ’ ʼ ` and the like), ё → е, dashes unified,
// whitespace collapsed. The input is a cleanName result.
func joinKey(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	for _, r := range strings.ToLower(s) {
		switch r {
		case '\'', '’', 'ʼ', '`', '‘', '´', 'ʻ', '′', '"', '”', '“':
			continue
		case 'ё':
			r = 'е'
		case '‐', '‑', '–', '—':
			r = '-'
		}
		sb.WriteRune(r)
	}
	k := strings.Join(strings.Fields(sb.String()), " ")
	k = strings.ReplaceAll(k, " -", "-")
	return strings.ReplaceAll(k, "- ", "-")
}

func isRussianOrUkrainianLetter(r rune) bool {
	return (r >= 'а' && r <= 'я') || r == 'ё' || r == 'є' || r == 'і' || r == 'ї' || r == 'ґ'
}

// ukrainianTier says whether a GeoNames alternate may be a settlement's
// Ukrainian name: 1 if it is Cyrillic with a Ukrainian-only letter (і ї є ґ)
// or an apostrophe, 2 if it is plain Cyrillic (Ukrainian and Russian share
// it: "Суми", "Одеса"), 0 if it cannot be Ukrainian (Latin, another script,
// a Russian-only letter ы э ъ ё, a letter of another Cyrillic alphabet).
func ukrainianTier(name string) int {
	tier := 2
	letters := 0
	for _, r := range strings.ToLower(name) {
		switch {
		case r == 'ы' || r == 'э' || r == 'ъ' || r == 'ё':
			return 0
		case r == 'і' || r == 'ї' || r == 'є' || r == 'ґ':
			tier = 1
			letters++
		case isRussianOrUkrainianLetter(r):
			letters++
		case r == '\'' || r == '’' || r == 'ʼ':
			tier = 1
		case unicode.IsLetter(r):
			return 0
		}
	}
	if letters == 0 {
		return 0
	}
	return tier
}

// russianName picks the Russian name of a settlement among the GeoNames
// alternates, which cities500 does not tag by language. A Cyrillic
// alternate may be Russian if it uses only the Russian alphabet (so no і ї
// є ґ) and either has a Russian-only letter (ы э ё) or differs from the
// Ukrainian name; the Ukrainian name itself is a candidate when it is
// written in the Russian alphabet (Херсон, Житомир, Полтава), unless it
// ends in -ськ/-цьк/-зьк, which Russian writes -ск. Not taken: spellings
// with ъ or with ы after к г х ж ш ч щ (Bulgarian, Turkic); spellings more
// than max(3, half the name's length) edits away (historic names:
// "Александровск" for Запоріжжя); inflected or cut forms of another
// candidate ("Киеву", "Киев ош", "Одессе", "Одесс"); the Ukrainian name
// with и for і ("Львив", "Днипро": Bulgarian, Serbian) when a candidate
// keeping the Ukrainian name's ь, о and е remains. The rest are ranked by, in
// turn: no ь before a final -ск ("Словяньск"); no ь of the Ukrainian name
// lost, except before к (Bulgarian "Севастопол"); fewest о and е inside
// the name lost (Belarusian "Палтава", "Марыупаль", "Чаркасы"); most capitalised Latin alternates
// that romanise it ("Kiev", "Kiyev"; "Krivoy Rog", "Krivoj Rog"; none for
// the Ukrainian spelling, whose romanisations are the Ukrainian name's);
// a Russian-only letter ("Черновцы"); a spelling other than the Ukrainian
// one ("Кременчуг"); a ь ("Харьков" over the Bulgarian "Харков"); fewest
// edits; ending in a vowel as the Ukrainian name does or not; first listed.
func russianName(nameUK string, alts []string) string {
	if ranked := rankRussian(nameUK, alts); len(ranked) > 0 {
		return ranked[0].name
	}
	return ""
}

// ruCandidate is a candidate Russian name and the signals it is ranked by.
type ruCandidate struct {
	name                               string
	oLoss, softMissing, badSoft        int
	russian, support, same, soft, edit int
	endingMismatch                     int
}

// rankRussian returns the candidate Russian names, best first.
func rankRussian(nameUK string, alts []string) []ruCandidate {
	ukLow := strings.ToLower(nameUK)
	ukKey := joinKey(nameUK)
	maxDist := max(3, utf8.RuneCountInString(nameUK)/2)
	var cands []string
	for _, a := range alts {
		low := strings.ToLower(a)
		ok, letters := true, 0
		for _, r := range low {
			if r == 'є' || r == 'і' || r == 'ї' || r == 'ґ' || r == 'ъ' {
				ok = false
			} else if (r >= 'а' && r <= 'я') || r == 'ё' {
				letters++
			} else if unicode.IsLetter(r) || r == '\'' || r == '’' || r == 'ʼ' {
				ok = false
			}
		}
		if !ok || letters == 0 || slices.Contains(cands, a) {
			continue
		}
		if slices.ContainsFunc([]string{"кы", "гы", "хы", "жы", "шы", "чы", "щы"}, func(p string) bool { return strings.Contains(low, p) }) {
			continue
		}
		if editDistance(low, ukLow) > maxDist {
			continue
		}
		if joinKey(a) == ukKey && (strings.HasSuffix(low, "ськ") || strings.HasSuffix(low, "цьк") || strings.HasSuffix(low, "зьк")) {
			continue // Ukrainian -ськ: Russian writes -ск
		}
		cands = append(cands, a)
	}
	// Inflected and truncated forms of another candidate go: "Киеву",
	// "Киев ош" (Киев), "Одесс", "Одессе", "Полтаве" (Одесса, Полтава: the
	// form ending like the Ukrainian name is the base).
	ukLast := lastRune(ukLow)
	// Two passes: cut forms first, so that "Одесса" is not taken for
	// "Одесс" plus an ending.
	cut := func(c string) bool {
		lc := []rune(strings.ToLower(c))
		return slices.ContainsFunc(cands, func(o string) bool {
			lo := []rune(strings.ToLower(o))
			return len(lc) < len(lo) && len(lo)-len(lc) <= 1 && string(lo[:len(lc)]) == string(lc) && lo[len(lo)-1] == ukLast
		})
	}
	cands = slices.DeleteFunc(slices.Clone(cands), cut)
	inflected := func(c string) bool {
		lc := []rune(strings.ToLower(c))
		return slices.ContainsFunc(cands, func(o string) bool {
			lo := []rune(strings.ToLower(o))
			switch {
			case o == c:
				return false
			case len(lo) < len(lc) && string(lc[:len(lo)]) == string(lo) && (lc[len(lo)] == ' ' || len(lc)-len(lo) <= 3):
				return true // c is o plus an ending
			case len(lc) == len(lo) && string(lc[:len(lc)-1]) == string(lo[:len(lo)-1]) &&
				isVowel(lc[len(lc)-1]) && lo[len(lo)-1] == ukLast && lc[len(lc)-1] != ukLast &&
				!(lc[len(lc)-1] == 'ы' && ukLast == 'и'): // Сумы is not an inflection of Суми
				return true // c is o with another vowel ending
			}
			return false
		})
	}
	cands = slices.DeleteFunc(slices.Clone(cands), inflected)
	// The Ukrainian name spelt with и for і ("Львив", "Днипро": Bulgarian,
	// Serbian) goes when a candidate with its ь and о kept remains.
	plain := strings.NewReplacer("і", "и", "ї", "и", "є", "е", "ґ", "г", "’", "", "'", "", "ʼ", "").Replace(ukLow)
	isPlain := func(c string) bool { return strings.ToLower(c) == plain && joinKey(c) != ukKey }
	if slices.ContainsFunc(cands, func(c string) bool {
		low := strings.ToLower(c)
		return !isPlain(c) && joinKey(c) != ukKey && strings.Count(low, "ь") >= strings.Count(ukLow, "ь") &&
			vowelLoss(ukLow, low) == 0
	}) {
		cands = slices.DeleteFunc(cands, isPlain)
	}
	if len(cands) == 0 {
		return nil
	}
	var latin []string
	for _, a := range alts {
		if ukrainianTier(a) == 0 && keepAlternate(a) && !strings.ContainsFunc(a, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
			latin = append(latin, strings.NewReplacer("’", "'", "ʼ", "'").Replace(strings.ToLower(a)))
		}
	}
	count := func(s string, r rune) int { return strings.Count(s, string(r)) }
	expectedSoft := 0
	uk := []rune(ukLow)
	for i, r := range uk {
		if r == 'ь' && (i+1 == len(uk) || uk[i+1] != 'к') {
			expectedSoft++
		}
	}
	ss := make([]ruCandidate, 0, len(cands))
	for _, c := range cands {
		low := strings.ToLower(c)
		sc := ruCandidate{name: c, edit: editDistance(low, ukLow)}
		sc.oLoss = vowelLoss(ukLow, low)
		sc.softMissing = max(0, expectedSoft-count(low, 'ь'))
		if strings.HasSuffix(low, "ьск") || strings.HasSuffix(low, "ьцк") {
			sc.badSoft = 1
		}
		if strings.ContainsAny(low, "ыэё") {
			sc.russian = 1
		}
		if joinKey(c) == ukKey {
			sc.same = 1
		}
		if strings.ContainsRune(low, 'ь') {
			sc.soft = 1
		}
		if isVowel(lastRune(low)) != isVowel(lastRune(ukLow)) {
			sc.endingMismatch = 1
		}
		// The Ukrainian spelling's romanisations are the Ukrainian name's
		// too: no support from them.
		if sc.same == 0 {
			roms := romaniseRussian(low)
			for _, l := range latin {
				if slices.Contains(roms, l) {
					sc.support++
				}
			}
		}
		ss = append(ss, sc)
	}
	slices.SortStableFunc(ss, func(x, y ruCandidate) int {
		return cmp.Or(cmp.Compare(x.badSoft, y.badSoft), cmp.Compare(x.softMissing, y.softMissing),
			cmp.Compare(x.oLoss, y.oLoss), cmp.Compare(y.support, x.support),
			cmp.Compare(y.russian, x.russian), cmp.Compare(x.same, y.same),
			cmp.Compare(y.soft, x.soft), cmp.Compare(x.edit, y.edit),
			cmp.Compare(x.endingMismatch, y.endingMismatch))
	})
	return ss
}

// vowelLoss counts the о and е inside the Ukrainian name (not as its last
// letter) that a candidate does not have: Belarusian writes а for
// unstressed о and е ("Палтава", "Чаркасы"); Russian keeps them.
func vowelLoss(ukLow, candLow string) int {
	inner := func(s string, r rune) int {
		rs := []rune(s)
		return strings.Count(string(rs[:max(0, len(rs)-1)]), string(r))
	}
	ruE := inner(candLow, 'е') + inner(candLow, 'э') + inner(candLow, 'ё')
	return max(0, inner(ukLow, 'о')-inner(candLow, 'о')) + max(0, inner(ukLow, 'е')-ruE)
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func isVowel(r rune) bool { return strings.ContainsRune("аеёиоуыэюяіїє", r) }

// romaniseRussian gives common romanisations of a lower-case Russian name:
// BGN/PCGN with е as e and as ye (word-initially and after a vowel, ь or
// ъ), a j-based one (й j, я ja, ю ju, ц c, х ch: "Kup'jansk", "Charkov")
// and the scholarly one (č š ž); ь is written '.
func romaniseRussian(s string) []string {
	bgn := map[rune]string{'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ы': "y", 'ь': "'", 'э': "e", 'ю': "yu", 'я': "ya"}
	jBased := map[rune]string{'й': "j", 'х': "ch", 'ц': "c", 'ю': "ju", 'я': "ja"}
	scholarly := map[rune]string{'й': "j", 'х': "ch", 'ц': "c", 'ч': "č", 'ш': "š", 'щ': "šč", 'ж': "ž", 'ю': "ju", 'я': "ja", 'ё': "ë"}
	var plain, ye, j, sch strings.Builder
	prev := ' '
	for _, r := range s {
		t, ok := bgn[r]
		if !ok {
			t = string(r)
		}
		plain.WriteString(t)
		if r == 'е' && (prev == ' ' || prev == '-' || strings.ContainsRune("аеёиоуыэюяьъ", prev)) {
			ye.WriteString("ye")
		} else {
			ye.WriteString(t)
		}
		if u, ok := jBased[r]; ok {
			j.WriteString(u)
		} else {
			j.WriteString(t)
		}
		if u, ok := scholarly[r]; ok {
			sch.WriteString(u)
		} else {
			sch.WriteString(t)
		}
		prev = r
	}
	return []string{plain.String(), ye.String(), j.String(), sch.String()}
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// keepAlternate says whether a GeoNames alternate goes into Place.Names:
// Latin or Cyrillic script only, and not an all-lower-case Latin string
// (GeoNames' machine romanisations of Chinese, Korean or Arabic names:
// "ha er ke fu", "kharkwf") or a short all-capital code ("HRK", "IEV").
func keepAlternate(a string) bool {
	hasLatin, hasUpper, allUpperASCII, letters := false, false, true, 0
	for _, r := range a {
		if !unicode.IsLetter(r) {
			if unicode.IsDigit(r) {
				return false
			}
			continue
		}
		letters++
		switch {
		case unicode.Is(unicode.Latin, r):
			hasLatin = true
		case unicode.Is(unicode.Cyrillic, r):
		default:
			return false
		}
		if unicode.IsUpper(r) {
			hasUpper = true
		}
		if r > unicode.MaxASCII || !unicode.IsUpper(r) {
			allUpperASCII = false
		}
	}
	if letters == 0 || (hasLatin && !hasUpper) || (allUpperASCII && letters <= 4) {
		return false
	}
	return true
}

// latinForMatch transliterates Ukrainian (and stray Russian letters) to
// lower-case Latin after the 2010 national table, for comparing with the
// postal file's Latin oblast and raion names. It is for matching only: the
// gazetteer stores names, and transliteration proper belongs elsewhere.
func latinForMatch(s string) string {
	table := map[rune]string{'а': "a", 'б': "b", 'в': "v", 'г': "h", 'ґ': "g", 'д': "d", 'е': "e", 'є': "ie", 'ж': "zh", 'з': "z", 'и': "y", 'і': "i", 'ї': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ь': "", 'ю': "iu", 'я': "ia", 'ы': "y", 'э': "e", 'ё': "e", 'ъ': "", '\'': "", '’': "", 'ʼ': ""}
	initial := map[rune]string{'є': "ye", 'ї': "yi", 'й': "y", 'ю': "yu", 'я': "ya"}
	var sb strings.Builder
	atStart := true
	var prev rune
	for _, r := range strings.ToLower(s) {
		if t, ok := initial[r]; ok && atStart {
			sb.WriteString(t)
		} else if r == 'г' && prev == 'з' {
			sb.WriteString("gh")
		} else if t, ok := table[r]; ok {
			sb.WriteString(t)
		} else {
			sb.WriteRune(r)
		}
		atStart = !unicode.IsLetter(r) && r != '\'' && r != '’' && r != 'ʼ'
		prev = r
	}
	return sb.String()
}

// latinSkeleton reduces a Latin spelling to what the national
// transliteration, BGN/PCGN and GeoNames' own spellings of a Ukrainian name
// share: lower-case ASCII letters (apostrophes and other marks dropped),
// "yy" → "yi", ya/ye/yu/yo → ia/ie/iu/io, y after a vowel → i, runs of i
// → one. "Zelenyy Hay" and "Zelenyi Hai", "Kadiyivka" and "Kadiivka",
// "Shyryayeve" and "Shyriaieve" meet.
func latinSkeleton(s string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r == ' ', r == '-':
			sb.WriteRune(r)
		}
	}
	k := strings.Join(strings.Fields(sb.String()), " ")
	k = strings.NewReplacer("yy", "yi", "ya", "ia", "ye", "ie", "yu", "iu", "yo", "io").Replace(k)
	out := []byte(k)
	for i := 1; i < len(out); i++ {
		if out[i] == 'y' && strings.IndexByte("aeiou", out[i-1]) >= 0 {
			out[i] = 'i'
		}
	}
	var res []byte
	for i, c := range out {
		if c == 'i' && i > 0 && out[i-1] == 'i' {
			continue
		}
		res = append(res, c)
	}
	return string(res)
}

// formerNames are the names cities had before the renamings of 2016
// (decommunisation), 2019, 2022 and 2024 (Verkhovna Rada resolutions),
// written by hand for the cities news reports still name the old way. They
// join GeoNames rows that know only the old name and go into Place.Names.
var formerNames = map[string][]string{
	// Dnipropetrovsk oblast
	"UA12020010010037010": {"Дніпропетровськ", "Днепропетровск"},   // Дніпро, 2016
	"UA12040150010056523": {"Дніпродзержинськ", "Днепродзержинск"}, // Кам’янське, 2016
	"UA12100070010038698": {"Новомосковськ", "Новомосковск"},       // Самар, 2024
	"UA12080090010010311": {"Орджонікідзе", "Орджоникидзе"},        // Покров, 2016
	"UA12140210010011011": {"Першотравенськ", "Першотравенск"},     // Шахтарське, 2024
	// Donetsk oblast
	"UA14020010010059145": {"Артемівськ", "Артемовск"},                   // Бахмут, 2016
	"UA14020110010025394": {"Дзержинськ", "Дзержинск"},                   // Торецьк, 2016
	"UA14160150010065527": {"Димитров"},                                  // Мирноград, 2016
	"UA14160210010099403": {"Красноармійськ", "Красноармейск"},           // Покровськ, 2016
	"UA14120110010088407": {"Красний Лиман", "Красный Лиман"},            // Лиман, 2016
	"UA14020110050044480": {"Новгородське", "Новгородское", "New York"},  // Нью-Йорк, 2021; the English press and the tracker write "New York"
	"UA14060130010053720": {"Кіровське", "Кировское"},                    // Хрестівка, 2016
	"UA14100050010067495": {"Комсомольське", "Комсомольское"},            // Кальміуське, 2016
	"UA14020110020077205": {"Артемове", "Артемово"},                      // Залізне (Toretsk hromada), 2016
	"UA14020110080060404": {"Кірове", "Кирово"},                          // Північне (Toretsk hromada), 2016
	"UA14020090010053316": {"Карло-Лібкнехтівськ", "Карло-Либкнехтовск"}, // Соледар, until 1991
	"UA14140050010029262": {"Жданов"},                                    // Маріуполь, 1948–1989
	"UA14080030010048113": {"Сталіно", "Сталино"},                        // Донецьк, until 1961
	// Zhytomyr, Kyiv, Kirovohrad oblasts
	"UA18080150010017476": {"Новоград-Волинський", "Новоград-Волынский"},       // Звягель, 2022
	"UA32040110010043320": {"Переяслав-Хмельницький", "Переяслав-Хмельницкий"}, // Переяслав, 2019
	"UA35040210010019355": {"Кіровоград", "Кировоград"},                        // Кропивницький, 2016
	// Luhansk oblast
	"UA44020050010070086": {"Стаханов"},                                // Кадіївка, 2016
	"UA44040010020028814": {"Червонопартизанськ", "Червонопартизанск"}, // Вознесенівка, 2016
	"UA44080050040050712": {"Петровське", "Петровское"},                // Петрово-Красносілля, 2016
	"UA44120110010072887": {"Сєвєродонецьк", "Северодонецк"},           // Сіверськодонецьк, 2024
	"UA44080050010029178": {"Красний Луч", "Красный Луч"},              // Хрустальний, 2016
	"UA44040010010080356": {"Свердловськ", "Свердловск"},               // Довжанськ, 2016
	"UA44040030010012509": {"Краснодон"},                               // Сорокине, 2016
	"UA44020050040095366": {"Кіровськ", "Кировск"},                     // Голубівка (Kadiivka hromada), 2016
	"UA44060010010012753": {"Ворошиловград"},                           // Луганськ, 1935–1958 and 1970–1990
	// Lviv, Mykolaiv, Odesa, Poltava oblasts
	"UA46120130010071117": {"Червоноград"},                   // Шептицький, 2024
	"UA48040250010045068": {"Южноукраїнськ", "Южноукраинск"}, // Південноукраїнськ, 2024
	"UA51100410010044384": {"Южне", "Южный"},                 // Південне (Odesa oblast), 2024
	"UA51120190010049331": {"Котовськ", "Котовск"},           // Подільськ, 2016
	"UA53020030010087471": {"Комсомольськ", "Комсомольск"},   // Горішні Плавні, 2016
	// Kharkiv, Zaporizhzhia, Kherson, Cherkasy oblasts
	"UA63060050010042407": {"Красноград"},                     // Берестин, 2024
	"UA63140110010076882": {"Комсомольське", "Комсомольское"}, // Слобожанське (Chuhuiv raion), 2016
	"UA23020050010019935": {"Осипенко"},                       // Бердянськ, 1939–1958
	"UA65100110010019482": {"Цюрупинськ", "Цюрупинск"},        // Олешки, 2016
	"UA71020030010075692": {"Ватутіне", "Ватутино"},           // Багачеве, 2024
}

// adjectiveStem drops spaces, hyphens and an adjective ending from a
// lower-case Latin name: "balakliiskyi", "balakliiska" and "balakliia" all
// begin "balaklii"; "kalynivka" and "kalynivska" both give "kalyniv".
func adjectiveStem(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, s)
	for _, suf := range []string{"tskyi", "zkyi", "skyi", "tska", "zka", "ska", "tske", "zke", "ske", "kyi", "ka", "ke"} {
		if strings.HasSuffix(s, suf) && len(s)-len(suf) >= 3 {
			return strings.TrimSuffix(s, suf)
		}
	}
	return s
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// stemsMatch says whether two stems name the same place: they share at least
// four leading letters and all but two of the shorter one.
func stemsMatch(a, b string) bool {
	p := commonPrefix(a, b)
	return p >= 4 && p >= min(len(a), len(b))-2
}

// hintStem is the stem of the council or village named in a postal entry's
// brackets: "Яковенківська сільська рада" → "yakovenkiv".
func hintStem(hint string) string {
	word, _, _ := strings.Cut(hint, " ")
	if word == "" {
		return ""
	}
	switch strings.ToLower(word) {
	case "сільська", "селищна", "міська", "сільрада", "с/р", "с-рада", "рада":
		return ""
	}
	st := adjectiveStem(latinForMatch(word))
	if len(st) < 4 {
		return ""
	}
	return st
}

// distanceKm is the great-circle distance on a sphere of the Earth's mean
// radius: plenty for joining places tens of kilometres apart.
func distanceKm(a, b point) float64 {
	const r = 6371.0088
	rad := math.Pi / 180
	dLat := (b.lat - a.lat) * rad
	dLon := (b.lon - a.lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.lat*rad)*math.Cos(b.lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
