package gazetteer

import (
	"path/filepath"

	"github.com/frontline-osint/frontline"
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

// Built is the result of Build: what data/places.tsv holds.
type Built struct {
	Oblasts []Oblast
	// Places are the codifier's settlements in codifier order, then the
	// sites. Name (the Latin name) is empty for settlements: it is the hook
	// for transliteration, which fills it in at load time from NameUK. Sites
	// carry their English name. Raion and Hromada are the codifier's
	// Ukrainian names ("Ізюмський", "Балаклійська").
	Places []frontline.Place
	// LinkPoints are the points learned from the tracker's links
	// (linkpoints.go), with their provenance, in codifier order.
	LinkPoints []LinkPoint
	// ruPairs are the sources' Russian names the build compared and
	// learned from (russianPairs), for the tests.
	ruPairs []ruPair
	// ruSources: where each settlement's Russian name came from (places).
	ruSources map[string]ruSource
}

// RussianRuleCheck counts the pairs of a half and those whose Russian name
// is the hand-written rule's form, the learned best form, or any of the
// forms the output carries (russianVariants).
//
// Translated counts the pairs whose source's name is the Ukrainian one
// translated (ruTranslation), which ruforms3's rule left out, and the
// Translated* figures count those among the matches: the figures of that
// rule are the others.
type RussianRuleCheck struct {
	Pairs, Hand, Learned, AnyForm                                    int
	Translated, TranslatedHand, TranslatedLearned, TranslatedAnyForm int
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
	WOFJoinedByRussian    int // rows joined in a second pass by the Russian forms of the settlement's name
	WOFJoinedByNear       int // rows joined in a third pass by a name one edit away, to settlements without a point of their own
	WOFJoinedBySoviet     int // rows joined in a fourth pass by their name without a Soviet word (Chervona Dibrova → Діброва)
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
	RussiaLinks            int            // tracker links into Russia taken (id % 3 != 0)
	RussiaLinksUkrainian   int            // of them, names of a Ukrainian settlement within 10 km (a point just off the land polygon)
	RussiaTrackerPlaces    int            // villages added from the links alone
	// RussianFrom counts settlements by where their Russian name came from:
	// geonames, whosonfirst, rule.
	RussianFrom map[string]int
	// RussianRule* check the Russian forms against the Russian names the
	// sources give (GeoNames, Who's On First), in two halves by codifier
	// code: the "tune" half (even last digit) was looked at while writing
	// the tables and is the one learnRussian learns from, the "held" half
	// was not.
	RussianRuleTune, RussianRuleHeld RussianRuleCheck
	// RussianPairsSkipped counts the sources' Russian names not compared,
	// by half and reason (ruPairSkip): "tune ukrainian", "held unrelated"…
	RussianPairsSkipped map[string]int
	// RussianVariants counts the rule's further Russian forms added as
	// spellings (the learned ones beside the best, the hand-written
	// rule's, both -ово and -овое, і read as о in a closed syllable).
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
	// LinkPoint* count the tracker's links read for points (tuning
	// versions, on Ukraine's land), those that named one settlement, the
	// settlements whose links disagreed, and the points taken by the point
	// source they replaced ("none" for no point).
	LinkPointLinks, LinkPointMatched, LinkPointDisagree int
	LinkPointsFrom                                      map[string]int
	// LinkSpellings counts the tracker's Latin spellings added to the
	// settlement its Ukrainian text names ("Storozhove" for Сторожеве).
	LinkSpellings int
	// LinkLooseSpellings counts the tracker's spellings that no settlement
	// bears added to the settlement at the link whose name they match
	// loosely ("Kamyshuvakha" for Комишуваха: linkLooseSpelling).
	LinkLooseSpellings int
	// PostalArea* check the postal-area points (build_points.go) on the
	// villages with a point of their own that have such peers: N of them,
	// the median distance of the peers' mean and of the hromada's other
	// located places' mean from the village's own point, and how many lie
	// within 5 km each way.
	PostalAreaCheckN                                int
	PostalAreaMedianKm, PostalAreaHromadaMedianKm   float64
	PostalAreaWithin5Km, PostalAreaHromadaWithin5Km int
	NoPoint                                         int
	NoPointBy                                       map[string]int // settlements without a point, by oblast ISO

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

	pairs := b.russianPairs()
	b.ru = learnRussian(pairs)
	places := b.places()
	var linkPoints []LinkPoint
	if src.TrackerNotes != "" {
		var err error
		if linkPoints, err = b.learnLinkPoints(src.TrackerNotes, places); err != nil {
			return nil, nil, err
		}
	}
	b.checkRussianRule(pairs)
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
	return &Built{Oblasts: append(Oblasts(), foreignRegions...), Places: places, LinkPoints: linkPoints, ruPairs: pairs, ruSources: b.ruSources}, b.report, nil
}

func newBuilder() *builder {
	return &builder{report: &BuildReport{
		ByKind:                 map[string]int{},
		PointSources:           map[string]int{},
		NoPointBy:              map[string]int{},
		MixedScriptFixes:       map[string]int{srcKATOTTG: 0, srcGeoNames: 0, srcPostal: 0, srcWOF: 0},
		PointSourcesWithoutWOF: map[string]int{},
		RussianFrom:            map[string]int{},
		LinkPointsFrom:         map[string]int{},
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
		b.joinWOF(wofByName)
		b.joinWOF(wofByRussian)
		b.joinWOF(wofByNear)
		b.joinWOF(wofBySoviet)
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
	exact                  bool     // accuracy 4 or 3
	spread                 bool     // the group's accurate points lie > 10 km apart
	bad                    bool     // the point lies far outside the group's old raion: not used
	settlement             int      // -1 if unjoined
	codes                  []string // its postal codes, file order
	deferred               bool     // left for the scored pass
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

	// ru is learned from the tuning half of the sources' Russian names
	// after the joins (which use the hand-written rule alone); the output
	// takes its forms (russianForm, russianVariants).
	ru *ruModel
	// ukNames holds the settlements' Ukrainian names (join keys), for
	// caseOfOther.
	ukNames map[string]bool
	// ruSources holds, by codifier code, where a settlement's Russian
	// name came from and the names the sources give (places).
	ruSources map[string]ruSource
}

// ruSource is where a settlement's Russian name came from ("geonames",
// "whosonfirst", "rule" or "") and the Russian names its sources give
// (GeoNames' candidates, Who's On First's name_ru), for the tests.
type ruSource struct {
	from  string
	names []string
}
