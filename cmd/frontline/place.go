package main

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/geo"
)

// gazetteerPath is where `gazetteer import` keeps a rebuilt gazetteer: next
// to the database and named after it (frontline.db →
// frontline.gazetteer.tsv.gz), so that two databases in one folder do not
// share it. Without it the embedded one is used.
func (m *Main) gazetteerPath(c commonFlags) string {
	db := m.dbPath(c.db)
	return strings.TrimSuffix(db, filepath.Ext(db)) + ".gazetteer.tsv.gz"
}

// loadPlaces loads the rebuilt gazetteer's places if there is one, else
// the embedded ones (about 30 ms), with their Latin names.
func (m *Main) loadPlaces(c commonFlags) ([]frontline.Place, error) {
	if m.places != nil {
		return m.places, nil
	}
	var err error
	if path := m.gazetteerPath(c); fileExists(path) {
		m.places, err = gazetteer.LoadFile(path)
	} else {
		m.places, err = gazetteer.LoadEmbedded()
	}
	if err != nil {
		return nil, err
	}
	gazetteer.FillNames(m.places)
	return m.places, nil
}

// loadGazetteer returns the searchable gazetteer, for the commands that
// search: the shipped one with its precomputed index (about 0.15 s), or a
// rebuilt one indexed here (about 0.5 s: every spelling of every place is
// folded).
func (m *Main) loadGazetteer(c commonFlags) (*gazetteer.Gazetteer, error) {
	if m.gaz != nil {
		return m.gaz, nil
	}
	if m.places == nil && !fileExists(m.gazetteerPath(c)) {
		// The shipped file carries its search index: no indexing here.
		g, err := gazetteer.OpenEmbedded()
		if err != nil {
			return nil, err
		}
		m.gaz, m.places = g, g.Places
		return m.gaz, nil
	}
	places, err := m.loadPlaces(c)
	if err != nil {
		return nil, err
	}
	m.gaz = gazetteer.New(places)
	return m.gaz, nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// parseNear reads --near: a place name or "LON,LAT".
func (m *Main) parseNear(g *gazetteer.Gazetteer, s string) (*[2]float64, error) {
	if s == "" {
		return nil, nil
	}
	if lon, lat, ok := parseLonLat(s); ok {
		return &[2]float64{lon, lat}, nil
	}
	if a, b, found := strings.Cut(s, ","); found {
		if _, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64); err1 == nil {
			if _, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64); err2 == nil {
				return nil, usageErrorf("--near %s: not a point (LON,LAT with lon −180…180, lat −90…90)", s)
			}
		}
	}
	cs, err := g.Search(gazetteer.Query{Text: s, Limit: 1})
	if err != nil {
		return nil, fmt.Errorf("--near: %w", err)
	}
	return &[2]float64{cs[0].Place.Lon, cs[0].Place.Lat}, nil
}

func parseLonLat(s string) (lon, lat float64, ok bool) {
	a, b, found := strings.Cut(s, ",")
	if !found {
		return 0, 0, false
	}
	lon, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lat, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil || math.IsNaN(lon) || math.IsNaN(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90 {
		return 0, 0, false
	}
	return lon, lat, true
}

func (m *Main) runPlace(ctx context.Context, args []string) error {
	if len(args) == 0 {
		m.groupUsage(m.Stderr, "place")
		return errUsage
	}
	switch args[0] {
	case "-h", "--help", "help":
		m.groupUsage(m.Stdout, "place")
		return nil
	case "search":
		return m.runPlaceSearch(ctx, args[1:])
	case "show":
		return m.runPlaceShow(ctx, args[1:])
	}
	return usageErrorf("unknown command \"place %s\" (want search or show)", args[0])
}

func (m *Main) runPlaceSearch(ctx context.Context, args []string) error {
	var c commonFlags
	var oblast, near, layer, at string
	var limit int
	fs := m.newFlagSet("place search", "place search NAME [--oblast X] [--near PLACE|LON,LAT] [--at DATE [--layer L]] [--limit N] [--json]", &c, true, true)
	fs.StringVar(&oblast, "oblast", "", "rank places in this oblast first (any script, or an ISO code like UA-63)")
	fs.StringVar(&near, "near", "", "rank places near this place or LON,LAT first")
	fs.StringVar(&at, "at", "", "rank places near the front on this date (`YYYY-MM-DD`) first")
	fs.StringVar(&layer, "layer", "deepstate", "the layer whose front --at measures")
	fs.IntVar(&limit, "limit", 10, "at most this many candidates")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageErrorf("place search: name a place")
	}
	if limit < 1 || limit > 1000 {
		return usageErrorf("place search: --limit must be 1–1000")
	}
	g, err := m.loadGazetteer(c)
	if err != nil {
		return err
	}
	q := gazetteer.Query{Text: strings.Join(pos, " "), Oblast: oblast, Limit: limit}
	if q.Near, err = m.parseNear(g, near); err != nil {
		return err
	}
	if at != "" {
		svc, err := m.open(c)
		if err != nil {
			return err
		}
		day, err := c.day("at", at, true)
		if err != nil {
			return err
		}
		asKnown, err := c.asKnownTime()
		if err != nil {
			return err
		}
		svc.SetPlacesLoader(nil)
		if q.FrontDistanceM, err = svc.FrontDistanceFunc(ctx, layer, day, asKnown); err != nil {
			return err
		}
	}
	cs, err := g.Search(q)
	if err != nil {
		return err
	}
	if c.json {
		return m.printJSON(cs)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SCORE\tREASON\tNAME\tUKRAINIAN\tKIND\tOBLAST\tRAION\tPOPULATION\tLON,LAT\tKATOTTG\tPOINT SOURCE\tCOUNTRY")
	for _, c := range cs {
		p := c.Place
		fmt.Fprintf(tw, "%.3f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Score, c.Reason, p.Name, p.NameUK, p.Kind,
			strings.TrimSuffix(p.Oblast, " Oblast"), dash(p.Raion), population(p.Population), point(p), dash(p.KATOTTG),
			dash(p.PointSource), country(p))
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// country labels a place's country: UA, or RU flagged as outside Ukraine.
func country(p *frontline.Place) string {
	if p.InUkraine() {
		return "UA"
	}
	return p.Country + " (outside Ukraine)"
}

func population(n int) string {
	if n == 0 {
		return "-"
	}
	return strconv.Itoa(n)
}

func point(p *frontline.Place) string {
	if p.PointSource == "" {
		return "(no point)"
	}
	s := fmt.Sprintf("%.4f,%.4f", p.Lon, p.Lat)
	if p.PointSource != "geonames" && p.PointSource != "site" {
		s += " (" + p.PointSource + ")"
	}
	return s
}

// resolvePlace resolves one name to its best candidate.
func (m *Main) resolvePlace(c commonFlags, name, oblast string) (*frontline.Place, error) {
	g, err := m.loadGazetteer(c)
	if err != nil {
		return nil, err
	}
	if lon, lat, ok := parseLonLat(name); ok {
		return &frontline.Place{ID: name, Name: name, Lon: lon, Lat: lat, PointSource: "given"}, nil
	}
	if p, ok := g.Place(name); ok {
		return p, nil
	}
	cs, err := g.Search(gazetteer.Query{Text: name, Oblast: oblast, Limit: 2})
	if err != nil {
		return nil, err
	}
	return cs[0].Place, nil
}

// placeShow is what `place show --json` prints.
type placeShow struct {
	Place     *frontline.Place           `json:"place"`
	Timelines []*frontline.PlaceTimeline `json:"timelines"`
}

func (m *Main) runPlaceShow(ctx context.Context, args []string) error {
	var c commonFlags
	var layer, oblast string
	fs := m.newFlagSet("place show", "place show NAME|ID [--oblast X] [--layer L] [--as-known T] [--json]", &c, true, true)
	fs.StringVar(&layer, "layer", "", "only this layer's timeline (default: every layer)")
	fs.StringVar(&oblast, "oblast", "", "oblast of the place, to pick among homonyms")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageErrorf("place show: name a place")
	}
	asKnown, err := c.asKnownTime()
	if err != nil {
		return err
	}
	p, err := m.resolvePlace(c, strings.Join(pos, " "), oblast)
	if err != nil {
		return err
	}
	svc, err := m.open(c)
	if err != nil {
		return err
	}
	var layers []string
	if layer != "" {
		layers = []string{layer}
	} else {
		ls, err := svc.FindLayers(ctx)
		if err != nil {
			return err
		}
		for _, l := range ls {
			layers = append(layers, l.Name)
		}
	}
	show := placeShow{Place: p, Timelines: []*frontline.PlaceTimeline{}}
	for _, l := range layers {
		tl, err := svc.PlaceTimeline(ctx, l, p, asKnown)
		if err != nil {
			if layer == "" && frontline.ErrorCode(err) == frontline.ENOTFOUND {
				continue
			}
			return err
		}
		show.Timelines = append(show.Timelines, tl)
	}
	if c.json {
		return m.printJSON(show)
	}
	w := m.Stdout
	if p.InUkraine() {
		fmt.Fprintf(w, "%s (%s), %s — %s, %s raion, %s hromada\n", p.Name, p.NameUK, p.Kind, p.Oblast, p.Raion, p.Hromada)
	} else {
		fmt.Fprintf(w, "%s (%s), %s — %s, outside Ukraine\n", p.Name, cmp.Or(p.NameRU, p.NameUK), p.Kind, p.Oblast)
	}
	fmt.Fprintf(w, "  KATOTTG %s  point %s  population %s\n", dash(p.KATOTTG), point(p), population(p.Population))
	fmt.Fprintf(w, "  point source %s  country %s\n", dash(p.PointSource), country(p))
	if len(p.Names) > 0 {
		fmt.Fprintf(w, "  names: %s\n", strings.Join(p.Names, ", "))
	}
	for _, tl := range show.Timelines {
		var parts []string
		for i, per := range tl.Periods {
			switch {
			case len(tl.Periods) == 1:
				parts = append(parts, fmt.Sprintf("%s from %s to %s", per.Status, per.From, per.To))
			case i == 0:
				parts = append(parts, fmt.Sprintf("%s until %s", per.Status, per.To))
			case i == len(tl.Periods)-1:
				parts = append(parts, fmt.Sprintf("%s from %s", per.Status, per.From))
			default:
				parts = append(parts, fmt.Sprintf("%s %s – %s", per.Status, per.From, per.To))
			}
		}
		fmt.Fprintf(w, "  %s: %s\n", tl.Layer, strings.Join(parts, ", "))
	}
	return nil
}

// distanceResult is what `distance --json` prints.
type distanceResult struct {
	From      *frontline.Place `json:"from"`
	To        *frontline.Place `json:"to"`
	DistanceM float64          `json:"distance_m"`
	Bearing   float64          `json:"bearing"`
}

func (m *Main) runDistance(ctx context.Context, args []string) error {
	var c commonFlags
	fs := m.newFlagSet("distance", "distance PLACE PLACE [--json]  (a place is a name, an ID, or LON,LAT)", &c, true, false)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageErrorf("distance: name two places (quote names with spaces)")
	}
	a, err := m.resolvePlace(c, pos[0], "")
	if err != nil {
		return err
	}
	b, err := m.resolvePlace(c, pos[1], "")
	if err != nil {
		return err
	}
	if a.PointSource == "" || b.PointSource == "" {
		return frontline.Errorf(frontline.EINVALID, "no known point for %s", map[bool]string{true: a.Name, false: b.Name}[a.PointSource == ""])
	}
	res := distanceResult{From: a, To: b, DistanceM: geo.DistanceM(a.Lon, a.Lat, b.Lon, b.Lat), Bearing: geo.Bearing(a.Lon, a.Lat, b.Lon, b.Lat)}
	if c.json {
		return m.printJSON(res)
	}
	fmt.Fprintf(m.Stdout, "%s → %s: %.1f km (geodesic, WGS84), bearing %.0f° (%s)\n", a.Name, b.Name, res.DistanceM/1000, res.Bearing, compass(res.Bearing))
	return nil
}

func compass(deg float64) string {
	names := []string{"N", "NE", "E", "SE", "S", "SW", "W", "NW"}
	return names[int(math.Mod(deg+22.5, 360)/45)]
}

func (m *Main) runFrontDistance(ctx context.Context, args []string) error {
	var c commonFlags
	var layer, at string
	fs := m.newFlagSet("front-distance", "front-distance PLACE --layer L --at DATE [--json]", &c, true, true)
	fs.StringVar(&layer, "layer", "", "layer")
	fs.StringVar(&at, "at", "", "the day (YYYY-MM-DD)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErrorf("front-distance: name one place (quote names with spaces)")
	}
	if layer == "" {
		return usageErrorf("front-distance: --layer is required")
	}
	day, err := c.day("at", at, true)
	if err != nil {
		return err
	}
	asKnown, err := c.asKnownTime()
	if err != nil {
		return err
	}
	p, err := m.resolvePlace(c, pos[0], "")
	if err != nil {
		return err
	}
	if p.PointSource == "" {
		return frontline.Errorf(frontline.EINVALID, "no known point for %s", p.Name)
	}
	svc, err := m.open(c)
	if err != nil {
		return err
	}
	res, err := svc.FrontDistance(ctx, layer, p.Lon, p.Lat, day, asKnown)
	if err != nil {
		return err
	}
	if c.json {
		return m.printJSON(struct {
			Place *frontline.Place `json:"place"`
			*control.FrontDistance
		}{p, res})
	}
	fmt.Fprintf(m.Stdout, "%s is on %s-held ground, %.1f km from the front (bearing %.0f° %s, %s across) on the map of %s (%s UTC)\n",
		p.Name, res.Side, res.DistanceM/1000, res.Bearing, compass(res.Bearing), res.Across, res.At, res.Snapshot.ValidAt.Format("2006-01-02 15:04"))
	return nil
}
