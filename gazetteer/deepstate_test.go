package gazetteer_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/geo"
	"github.com/peterstace/simplefeatures/geom"
)

// trackerLink is one name DeepStateMap's English note links to a point.
type trackerLink struct {
	version  int64
	name     string
	lon, lat float64
}

// trackerLinkRE reads only the links with an integer zoom ("#14/lat/lon"),
// as the figures of the passes before places5 did; the builder's reader
// (russia.go) also takes fractional zooms ("#12.75/…", 177 more tuning
// links, most of 2022), which this measure leaves out to stay comparable.
var trackerLinkRE = regexp.MustCompile(`<a href="https?://deepstatemap\.live/(?:en)?#\d+/(-?[\d.]+)/(-?[\d.]+)\s*"\s*>(.*?)</a>`)

// trackerLinks reads the links of the English notes of the tracker's
// version list: the link text (the English name, nominative) and the point.
func trackerLinks(t testing.TB) []trackerLink {
	t.Helper()
	path := filepath.Join(loadDataDir(t), "control", "deepstate", "history-public-2022-04_2024-12.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var versions []struct {
		ID            int64  `json:"id"`
		DescriptionEn string `json:"descriptionEn"`
	}
	if err := json.Unmarshal(data, &versions); err != nil {
		t.Fatal(err)
	}
	var out []trackerLink
	for _, v := range versions {
		for _, m := range trackerLinkRE.FindAllStringSubmatch(v.DescriptionEn, -1) {
			lat, err1 := strconv.ParseFloat(m[1], 64)
			lon, err2 := strconv.ParseFloat(m[2], 64)
			if err1 != nil || err2 != nil {
				continue
			}
			name := strings.Trim(html.UnescapeString(m[3]), " \t\n.,;:")
			out = append(out, trackerLink{version: v.ID, name: name, lon: lon, lat: lat})
		}
	}
	return out
}

// inLand reports whether a point lies in Ukraine's land polygon.
func inLand(t testing.TB) func(lon, lat float64) bool {
	set, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	return func(lon, lat float64) bool {
		pt, err := geom.NewPoint(geom.Coordinates{XY: geom.XY{X: lon, Y: lat}}).AsGeometry(), error(nil)
		if err != nil {
			return false
		}
		in, err := geom.Intersects(set.Land.AsGeometry(), pt), error(nil)
		return in && err == nil
	}
}

// linkDistances matches each link to the gazetteer by its name, taking the
// homonym nearest the link's point, and buckets the distances.
type linkBuckets struct {
	n, le1, le5, le25, over25, unmatched int
	far                                  []string
	// bySource counts, per point source of the homonym nearest the link,
	// the links within 25 km of it and those within 5 km: whose points
	// are off, a hromada's centre or a settlement's own point.
	bySource map[string][2]int
	// settlements: the links within 25 km of the homonym nearest them,
	// by that place (its id), for the distance from the place's point to
	// the median of its links.
	settlements map[string]*linkedPlace
}

// linkedPlace is a place the tracker links, with the points of its links.
type linkedPlace struct {
	place      frontline.Place
	lons, lats []float64
}

func (b linkBuckets) String() string {
	pct := func(k int) string { return fmt.Sprintf("%d (%.1f %%)", k, 100*float64(k)/float64(max(b.n, 1))) }
	return fmt.Sprintf("%d links: ≤1 km %s, ≤5 km %s, ≤25 km %s, >25 km %s, unmatched %s",
		b.n, pct(b.le1), pct(b.le5), pct(b.le25), pct(b.over25), pct(b.unmatched))
}

func measureLinks(g *gazetteer.Gazetteer, links []trackerLink) linkBuckets {
	b := linkBuckets{bySource: map[string][2]int{}, settlements: map[string]*linkedPlace{}}
	for _, l := range links {
		b.n++
		cs, err := g.Search(gazetteer.Query{Text: l.name, Limit: 200})
		best := math.Inf(1)
		var nearest *frontline.Place
		if err == nil {
			for _, c := range cs {
				if c.Place.PointSource == "" {
					continue
				}
				if d := geo.DistanceM(l.lon, l.lat, c.Place.Lon, c.Place.Lat) / 1000; d < best {
					best, nearest = d, c.Place
				}
			}
		}
		if best <= 25 {
			src := b.bySource[nearest.PointSource]
			src[0]++
			if best <= 5 {
				src[1]++
			}
			b.bySource[nearest.PointSource] = src
			lp := b.settlements[nearest.ID]
			if lp == nil {
				lp = &linkedPlace{place: *nearest}
				b.settlements[nearest.ID] = lp
			}
			lp.lons, lp.lats = append(lp.lons, l.lon), append(lp.lats, l.lat)
		}
		switch {
		case math.IsInf(best, 1):
			b.unmatched++
		case best <= 1:
			b.le1++
		case best <= 5:
			b.le5++
		case best <= 25:
			b.le25++
		default:
			b.over25++
			if len(b.far) < 30 {
				b.far = append(b.far, fmt.Sprintf("%s %.0f km", l.name, best))
			}
		}
	}
	b.le5 += b.le1
	b.le25 += b.le5
	return b
}

// sourceTable prints bySource: one line per point source, most links
// first.
func (b linkBuckets) sourceTable() string {
	var srcs []string
	for s := range b.bySource {
		srcs = append(srcs, s)
	}
	slices.SortFunc(srcs, func(x, y string) int {
		return cmp.Or(cmp.Compare(b.bySource[y][0], b.bySource[x][0]), cmp.Compare(x, y))
	})
	var sb strings.Builder
	for _, s := range srcs {
		c := b.bySource[s]
		fmt.Fprintf(&sb, "  %-15s %5d links, within 5 km %5d (%.1f %%)\n", s, c[0], c[1], 100*float64(c[1])/float64(max(c[0], 1)))
	}
	return sb.String()
}

// placeTable prints, over the places the links name, how far each place's
// point lies from the median of its links: the median of those distances,
// the share within 1 and 5 km, overall and per point source, and the
// places more than 5 km off with two links or more.
func (b linkBuckets) placeTable() string {
	type off struct {
		p     frontline.Place
		km    float64
		links int
	}
	var all []off
	links, scattered := 0, 0
	for _, lp := range b.settlements {
		mlon, mlat := median(slices.Clone(lp.lons)), median(slices.Clone(lp.lats))
		all = append(all, off{lp.place, geo.DistanceM(mlon, mlat, lp.place.Lon, lp.place.Lat) / 1000, len(lp.lons)})
		for i := range lp.lons {
			links++
			if geo.DistanceM(mlon, mlat, lp.lons[i], lp.lats[i]) > 5000 {
				scattered++
			}
		}
	}
	slices.SortFunc(all, func(x, y off) int { return cmp.Or(cmp.Compare(y.km, x.km), cmp.Compare(x.p.ID, y.p.ID)) })
	row := func(label string, keep func(off) bool) string {
		var ds []float64
		le1, le5 := 0, 0
		for _, o := range all {
			if !keep(o) {
				continue
			}
			ds = append(ds, o.km)
			if o.km <= 1 {
				le1++
			}
			if o.km <= 5 {
				le5++
			}
		}
		if len(ds) == 0 {
			return ""
		}
		n := float64(len(ds))
		return fmt.Sprintf("  %-15s %4d places, median %.1f km, within 1 km %.1f %%, within 5 km %.1f %%\n", label, len(ds), median(ds), 100*float64(le1)/n, 100*float64(le5)/n)
	}
	var sb strings.Builder
	sb.WriteString(row("all", func(off) bool { return true }))
	srcs := map[string]bool{}
	for _, o := range all {
		srcs[o.p.PointSource] = true
	}
	for _, s := range slices.Sorted(maps.Keys(srcs)) {
		sb.WriteString(row(s, func(o off) bool { return o.p.PointSource == s }))
	}
	var far []string
	for _, o := range all {
		if o.km > 5 && o.links >= 2 {
			far = append(far, fmt.Sprintf("%s %s (%s, %d links) %.1f km", o.p.NameUK, o.p.ID, o.p.PointSource, o.links, o.km))
		}
	}
	fmt.Fprintf(&sb, "  more than 5 km off, 2 links or more: %s\n", strings.Join(far, "; "))
	// A link more than 5 km from the median of its place's links misses
	// any one point of the place within 5 km of that median.
	fmt.Fprintf(&sb, "  links more than 5 km from the median of their place's links: %d of %d", scattered, links)
	return sb.String()
}

// tuneOnly: FRONTLINE_TUNE_ONLY=1 prints the tuning versions' figures
// alone, as extract's notes test does.
func tuneOnly() bool { return os.Getenv("FRONTLINE_TUNE_ONLY") == "1" }

// tuneLinks returns the links of the tuning versions (id % 3 != 0).
func tuneLinks(ls []trackerLink) []trackerLink {
	var out []trackerLink
	for _, l := range ls {
		if l.version%3 != 0 {
			out = append(out, l)
		}
	}
	return out
}

// median of xs (the mean of the middle two for an even count); xs is
// sorted in place.
func median(xs []float64) float64 {
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// TestTrackerLinkDistances measures how far the shipped points are from the
// points DeepStateMap links its notes' names to (data/README.md gives the
// figures). Links in Ukraine are the measure; links into Russia are counted
// apart, on the held-out versions only (id % 3 == 0), because the places in
// Russia were built from the other versions' links.
func TestTrackerLinkDistances(t *testing.T) {
	links := trackerLinks(t)
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	g := gazetteer.New(places)
	land := inLand(t)
	var ua, ru []trackerLink
	for _, l := range links {
		if land(l.lon, l.lat) {
			ua = append(ua, l)
		} else if l.version%3 == 0 {
			ru = append(ru, l)
		}
	}
	// The links split as extract's notes test splits the versions: the
	// gazetteer's rules were tuned on id % 3 != 0 only. Names and places
	// are listed for the tuning versions alone; of the held-out versions
	// only aggregates are printed, and none under FRONTLINE_TUNE_ONLY=1.
	bt := measureLinks(g, tuneLinks(ua))
	t.Logf("in Ukraine, tuning versions (id %% 3 != 0): %v", bt)
	t.Logf("far (tuning versions): %s", strings.Join(bt.far, "; "))
	t.Logf("in Ukraine, tuning versions, by the point source of the homonym nearest the link (links within 25 km: within 5 km)\n%s", bt.sourceTable())
	t.Logf("in Ukraine, tuning versions, the shipped point against the median of the links of each place they name\n%s", bt.placeTable())
	if tuneOnly() {
		return
	}
	bu := measureLinks(g, ua)
	t.Logf("in Ukraine: %v", bu)
	var held []trackerLink
	for _, l := range ua {
		if l.version%3 == 0 {
			held = append(held, l)
		}
	}
	t.Logf("in Ukraine, held-out versions (id %% 3 == 0): %v", measureLinks(g, held))
	br := measureLinks(g, ru)
	t.Logf("outside Ukraine's land, held-out versions: %v", br)
	if float64(bu.le5) < 0.84*float64(bu.n) { // 84.9 % measured (gazpoints: points from the tuning versions' links); 83.7 % third pass, 80.4 % before it, 54.6 % before the Who's On First join
		t.Errorf("only %d of %d links in Ukraine resolve within 5 km", bu.le5, bu.n)
	}
}
