// Package assess checks what reports claim against what Frontline
// measures. This file checks numbers: areas against the ground a layer
// shows changing hands over the window the claim refers to, distances
// against the geodesic distance between the named places (or a place's
// distance to the front), advances against the depth of the ground gained,
// and values no claim about Ukraine can have (an area larger than the
// country).
//
// Each check gives a verdict (consistent, inconsistent, impossible,
// unchecked, outside_layer), the measured value in the claim's unit, and a
// reason a reader can follow.
//
// Areas and advances are measured over the window the text states ("from
// Oct. 1 to Nov. 9", "since the beginning of the year"); a number with no
// window (a date only, or a start Frontline cannot date) is left unchecked
// and the reason says so, giving the layer's figure for the week before as
// a reference only. A number about a place across the border (Kursk
// oblast) is outside the layer: Ukraine's map cannot check it. A distance
// between two named places is their geodesic distance, whichever country
// they lie in; a distance from a place with no other place named is the
// front's distance from it. What the checks measure against comes in as
// functions (Measures), so that any layer service — or none — can be used;
// FromLayers builds them from the control service.
package assess

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/geo"
)

// UkraineKm2 is the area of Ukraine within its internationally recognised
// borders (603,628 km² by the State Statistics Service; Frontline's own
// boundary measures about 603,550 km²). No claim of ground taken can be
// larger.
const UkraineKm2 = 603628.0

// MaxExtentKm is the greatest straight-line extent of Ukraine (about
// 1,316 km west to east): no distance or advance inside it is longer.
const MaxExtentKm = 1400.0

// Measures is what the checks measure against. A nil function leaves the
// checks that need it unchecked.
type Measures struct {
	// Layer names the layer the measures come from, for reasons.
	Layer string
	// GainedKm2 is the ground that went to side between the maps of two
	// days, km².
	GainedKm2 func(ctx context.Context, side frontline.Side, from, to frontline.Day) (float64, error)
	// AdvanceKm is the deepest advance of side between the maps of two
	// days: how far the ground it gained reaches beyond the front of the
	// first day, km.
	AdvanceKm func(ctx context.Context, side frontline.Side, from, to frontline.Day) (float64, error)
	// FrontDistanceKm is how far a point is from the front on the map of a
	// day, km.
	FrontDistanceKm func(ctx context.Context, lon, lat float64, at frontline.Day) (float64, error)
	// Place finds a gazetteer place by ID.
	Place func(ctx context.Context, id string) (*frontline.Place, error)
}

// Checker checks numeric claims. The zero value checks only impossible
// values; set Measures for the rest.
type Checker struct {
	Measures Measures
	// Tolerance is the relative margin allowed between a claim and a
	// measure (0.15 if zero): reports round, and maps differ.
	Tolerance float64
	// DefaultWindowDays, when set, is the window an area or advance refers
	// to when the text gives only a date ("has recaptured more than 2,500
	// km²"): the days before it. Zero (the default): such a number has no
	// window, and is left unchecked with a reason that says so and gives,
	// for reference only, what the layer shows over the week before.
	DefaultWindowDays int
}

// referenceDays is the span of the reference figure given for a number
// without a window.
const referenceDays = 7

func (c *Checker) tolerance() float64 {
	if c.Tolerance > 0 {
		return c.Tolerance
	}
	return 0.15
}

// CheckNumbers checks every number in place: Verdict, Measured and
// Reason are set. An error is returned only when a measure fails for a
// reason other than missing data (a store error); numbers checked before
// it keep their verdicts.
func (c *Checker) CheckNumbers(ctx context.Context, ns []frontline.NumberClaim) error {
	for i := range ns {
		if err := c.CheckNumber(ctx, &ns[i]); err != nil {
			return err
		}
	}
	return nil
}

// CheckNumber checks one number.
func (c *Checker) CheckNumber(ctx context.Context, n *frontline.NumberClaim) error {
	n.Verdict, n.Measured, n.Reason = frontline.VerdictUnchecked, nil, ""
	if math.IsNaN(n.Value) || math.IsInf(n.Value, 0) || n.Value < 0 {
		n.Verdict, n.Reason = frontline.VerdictImpossible, "not a number of this kind"
		return nil
	}
	if c.outside(ctx, n) {
		return nil
	}
	var err error
	switch n.Kind {
	case frontline.NumberShare:
		n.Reason = "no measure of a share of a place: the layer has no outlines of settlements to measure it against"
	case frontline.NumberArea:
		err = c.checkArea(ctx, n)
	case frontline.NumberDistance:
		err = c.checkDistance(ctx, n)
	case frontline.NumberAdvance:
		err = c.checkAdvance(ctx, n)
	default:
		n.Reason = "no measure of " + n.Kind
	}
	if (n.Verdict == frontline.VerdictConsistent || n.Verdict == frontline.VerdictInconsistent) && n.Kind != frontline.NumberAdvance {
		n.Reason += fmt.Sprintf(" (tolerance %.0f%%)", c.tolerance()*100)
	}
	return err
}

// low is the smallest value the claim allows.
func low(n *frontline.NumberClaim) float64 {
	if n.Min > 0 {
		return n.Min
	}
	return n.Value
}

func (c *Checker) checkArea(ctx context.Context, n *frontline.NumberClaim) error {
	if low(n) > UkraineKm2 || n.Bound == frontline.BoundMoreThan && n.Value >= UkraineKm2 {
		n.Verdict = frontline.VerdictImpossible
		n.Reason = fmt.Sprintf("%s km² is more than all of Ukraine (%s km²)", thousands(n.Value), thousands(UkraineKm2))
		return nil
	}
	if c.Measures.GainedKm2 == nil {
		n.Reason = "no layer to measure the area against"
		return nil
	}
	from, to, window, err := c.window(n)
	if err != nil {
		n.Reason = err.Error()
		return nil
	}
	if window == "" {
		return c.noWindow(ctx, n, to)
	}
	side := n.Side
	sideNote := ""
	if side == "" {
		side = frontline.SideUkraine
		sideNote = " (the text does not say who gained it; Ukraine assumed)"
	}
	got, err := c.Measures.GainedKm2(ctx, side, from, to)
	if err != nil {
		return c.measureError(n, err)
	}
	got = math.Round(got)
	n.Measured = &got
	n.Verdict = c.compare(n, got)
	n.Reason = fmt.Sprintf("%s shows %s km² going to %s %s%s; the claim says %s%s km²",
		c.layerName(), thousands(got), side, window, sideNote, boundWords(n), thousands(n.Value))
	return nil
}

func (c *Checker) checkAdvance(ctx context.Context, n *frontline.NumberClaim) error {
	if low(n) > MaxExtentKm {
		n.Verdict = frontline.VerdictImpossible
		n.Reason = fmt.Sprintf("an advance of %s km is longer than Ukraine is wide (about 1,316 km)", thousands(n.Value))
		return nil
	}
	if c.Measures.AdvanceKm == nil {
		n.Reason = "no layer to measure the advance against"
		return nil
	}
	from, to, window, err := c.window(n)
	if err != nil {
		n.Reason = err.Error()
		return nil
	}
	if window == "" {
		return c.noWindow(ctx, n, to)
	}
	side := n.Side
	if side == "" {
		side = frontline.SideUkraine
	}
	got, err := c.Measures.AdvanceKm(ctx, side, from, to)
	if err != nil {
		return c.measureError(n, err)
	}
	got = math.Round(got*10) / 10
	n.Measured = &got
	// The measure is the deepest advance anywhere on the layer; a claim
	// may speak of one axis. So a claim is inconsistent only when it
	// claims more than the deepest advance (or, with "less than", when
	// even the deepest is well beyond it).
	tol := c.tolerance()
	if n.Bound == frontline.BoundLessThan {
		n.Verdict = c.compare(n, got)
	} else if low(n) <= got*(1+tol) {
		n.Verdict = frontline.VerdictConsistent
	} else {
		n.Verdict = frontline.VerdictInconsistent
	}
	n.Reason = fmt.Sprintf("on %s the deepest ground %s gained %s lies %s km beyond the earlier front; the claim says %s%s km",
		c.layerName(), side, window, fmtKm(got), boundWords(n), fmtKm(n.Value))
	if n.Bound == frontline.BoundLessThan {
		n.Reason += fmt.Sprintf(" (rule: the deepest gain is at most the claimed depth, tolerance %.0f%%)", tol*100)
	} else {
		n.Reason += fmt.Sprintf(" (rule: an advance may be on any axis, so it is consistent unless deeper than the deepest gain by more than %.0f%%)", tol*100)
	}
	return nil
}

func (c *Checker) checkDistance(ctx context.Context, n *frontline.NumberClaim) error {
	if low(n) > MaxExtentKm {
		n.Verdict = frontline.VerdictImpossible
		n.Reason = fmt.Sprintf("%s km is farther than any two places in Ukraine", thousands(n.Value))
		return nil
	}
	if c.Measures.Place == nil {
		n.Reason = "no gazetteer to find the places"
		return nil
	}
	if n.ReferenceID == "" {
		n.Reason = "the text names no place the distance is measured from"
		return nil
	}
	ref, err := c.Measures.Place(ctx, n.ReferenceID)
	if err != nil || ref == nil || ref.PointSource == "" {
		n.Reason = fmt.Sprintf("no point for %s", n.ReferenceID)
		return nil
	}
	if n.PlaceID != "" {
		p, err := c.Measures.Place(ctx, n.PlaceID)
		if err != nil || p == nil || p.PointSource == "" {
			n.Reason = fmt.Sprintf("no point for %s", n.PlaceID)
			return nil
		}
		got := math.Round(geo.DistanceM(ref.Lon, ref.Lat, p.Lon, p.Lat)/100) / 10
		n.Measured = &got
		n.Verdict = c.compare(n, got)
		n.Reason = fmt.Sprintf("%s is %s km from %s in a straight line (geodesic, WGS84); the claim says %s%s km",
			p.Name, fmtKm(got), ref.Name, boundWords(n), fmtKm(n.Value))
		// A point that is only a hromada's centre may be kilometres off:
		// the claim is held to the measure within that slack too.
		if slack := pointSlackKm(p) + pointSlackKm(ref); slack > 0 {
			if n.Verdict == frontline.VerdictInconsistent &&
				(c.compare(n, got+slack) == frontline.VerdictConsistent || c.compare(n, math.Max(0, got-slack)) == frontline.VerdictConsistent) {
				n.Verdict = frontline.VerdictConsistent
			}
			n.Reason += fmt.Sprintf("; %s approximate (allowed: ±%s km)", approxNote(p, ref), fmtKm(slack))
		}
		if n.Direction != "" {
			b := geo.Bearing(ref.Lon, ref.Lat, p.Lon, p.Lat)
			if within, named := directionHolds(n.Direction, b); within {
				n.Reason += fmt.Sprintf("; it lies %s of it (bearing %.0f°), within 45° of %s as stated", named, b, n.Direction)
			} else {
				n.Reason += fmt.Sprintf("; it lies %s of it (bearing %.0f°), not %s", named, b, n.Direction)
				n.Verdict = frontline.VerdictInconsistent
			}
		}
		return nil
	}
	// "Ukrainian forces were less than 20 km from Kupyansk": the front's
	// distance from the place on that day.
	if c.Measures.FrontDistanceKm == nil {
		n.Reason = "no layer to measure the front's distance against"
		return nil
	}
	at, err := dayOf(n.RefersTo, true)
	if err != nil {
		n.Reason = err.Error()
		return nil
	}
	got, err := c.Measures.FrontDistanceKm(ctx, ref.Lon, ref.Lat, at)
	if err != nil {
		return c.measureError(n, err)
	}
	if math.IsInf(got, 0) || math.IsNaN(got) {
		n.Reason = fmt.Sprintf("%s has no front on %s", c.layerName(), at.Label)
		return nil
	}
	got = math.Round(got*10) / 10
	n.Measured = &got
	n.Verdict = c.compare(n, got)
	n.Reason = fmt.Sprintf("on %s's map of %s the front is %s km from %s; the claim says %s%s km",
		c.layerName(), at.Label, fmtKm(got), ref.Name, boundWords(n), fmtKm(n.Value))
	return nil
}

// pointSlackKm is how far a place's point may lie from the place: a
// hromada's centre stands for villages up to 15 km away; a postal point
// GeoNames marks estimated, about 5.
func pointSlackKm(p *frontline.Place) float64 {
	switch p.PointSource {
	case "hromada":
		return 15
	case "postal-approx":
		return 5
	}
	return 0
}

func approxNote(ps ...*frontline.Place) string {
	var parts []string
	for _, p := range ps {
		switch p.PointSource {
		case "hromada":
			parts = append(parts, "the point of "+p.Name+" is its hromada's centre")
		case "postal-approx":
			parts = append(parts, "the point of "+p.Name+" is an estimated postal point")
		}
	}
	return strings.Join(parts, " and ") + ", so the distance is"
}

// compare gives the verdict of a claim with bound against a measure.
func (c *Checker) compare(n *frontline.NumberClaim, got float64) string {
	tol := c.tolerance()
	ok := false
	switch n.Bound {
	case frontline.BoundMoreThan:
		ok = got >= low(n)*(1-tol)
	case frontline.BoundLessThan:
		ok = got <= n.Value*(1+tol)
	default:
		lo, hi := n.Value, n.Value
		if n.Max > 0 {
			lo, hi = n.Min, n.Max
		}
		ok = got >= lo*(1-tol) && got <= hi*(1+tol)
	}
	if ok {
		return frontline.VerdictConsistent
	}
	return frontline.VerdictInconsistent
}

// measureError: missing data (no map for the day, unknown layer) leaves
// the number unchecked; anything else is returned.
func (c *Checker) measureError(n *frontline.NumberClaim, err error) error {
	switch frontline.ErrorCode(err) {
	case frontline.ENOTFOUND, frontline.EINVALID:
		n.Verdict, n.Measured = frontline.VerdictUnchecked, nil
		n.Reason = "could not measure: " + frontline.ErrorMessage(err)
		return nil
	}
	return err
}

func (c *Checker) layerName() string {
	if c.Measures.Layer != "" {
		return c.Measures.Layer
	}
	return "the layer"
}

// window is the pair of days an area or an advance is measured over: the
// interval the claim refers to, or the DefaultWindowDays before its date
// when set. A claim with a date only and no default has no window: the
// description is "" and to is its date.
func (c *Checker) window(n *frontline.NumberClaim) (frontline.Day, frontline.Day, string, error) {
	a, b, ok := strings.Cut(n.RefersTo, "/")
	if !ok {
		to, err := dayOf(n.RefersTo, false)
		if err != nil {
			return frontline.Day{}, frontline.Day{}, "", err
		}
		if c.DefaultWindowDays <= 0 {
			return frontline.Day{}, to, "", nil
		}
		from := dayAt(to.Start.AddDate(0, 0, -c.DefaultWindowDays))
		return from, to, fmt.Sprintf("from %s to %s (the text gives no start; the %d days before %s)", from.Label, to.Label, c.DefaultWindowDays, to.Label), nil
	}
	from, err := dayOf(a, false)
	if err != nil {
		return frontline.Day{}, frontline.Day{}, "", err
	}
	to, err := dayOf(b, false)
	if err != nil {
		return frontline.Day{}, frontline.Day{}, "", err
	}
	// The map of the day before the window shows the ground before it.
	from = dayAt(from.Start.AddDate(0, 0, -1))
	return from, to, fmt.Sprintf("from %s to %s", from.Label, to.Label), nil
}

// noWindow leaves an area or advance without a stated window unchecked,
// saying so, with what the layer shows over the week before its date for
// reference (not a verdict: the claim may count from any day).
func (c *Checker) noWindow(ctx context.Context, n *frontline.NumberClaim, to frontline.Day) error {
	what := "the text gives no window for this " + n.Kind
	if n.RefersToPhrase != "" {
		what += fmt.Sprintf(" (%q gives no start Frontline can date)", n.RefersToPhrase)
	} else {
		what += " (only the day of publication, " + to.Label + ")"
	}
	n.Verdict, n.Measured = frontline.VerdictUnchecked, nil
	n.Reason = what + ": unchecked"
	side := n.Side
	if side == "" {
		side = frontline.SideUkraine
	}
	from := dayAt(to.Start.AddDate(0, 0, -referenceDays))
	switch n.Kind {
	case frontline.NumberArea:
		got, err := c.Measures.GainedKm2(ctx, side, from, to)
		if err != nil {
			if frontline.ErrorCode(err) == frontline.ENOTFOUND || frontline.ErrorCode(err) == frontline.EINVALID {
				return nil
			}
			return err
		}
		n.Reason += fmt.Sprintf("; for reference, %s shows %s km² going to %s from %s to %s", c.layerName(), thousands(math.Round(got)), side, from.Label, to.Label)
	case frontline.NumberAdvance:
		got, err := c.Measures.AdvanceKm(ctx, side, from, to)
		if err != nil {
			if frontline.ErrorCode(err) == frontline.ENOTFOUND || frontline.ErrorCode(err) == frontline.EINVALID {
				return nil
			}
			return err
		}
		n.Reason += fmt.Sprintf("; for reference, the deepest ground %s gained on %s from %s to %s lies %s km beyond the earlier front", side, c.layerName(), from.Label, to.Label, fmtKm(math.Round(got*10)/10))
	}
	return nil
}

// outside gives the verdict outside_layer to a number about a place
// across the border (n.Country, or every place the sentence names lying
// outside Ukraine): the layer maps Ukraine, so an area, an advance or a
// front distance there cannot be checked against it. A distance between
// two places is still measured (it needs no map). It reports whether it
// decided.
func (c *Checker) outside(ctx context.Context, n *frontline.NumberClaim) bool {
	switch n.Kind {
	case frontline.NumberArea, frontline.NumberAdvance, frontline.NumberShare:
	case frontline.NumberDistance:
		if n.PlaceID != "" {
			return false
		}
	default:
		return false
	}
	where := ""
	if n.Country != "" && n.Country != "UA" {
		where = "the sentence places it in " + countryName(n.Country)
	} else if c.Measures.Place != nil {
		ids := n.PlaceIDs
		if n.Kind == frontline.NumberDistance {
			ids = []string{n.ReferenceID}
		} else if n.PlaceID != "" {
			ids = []string{n.PlaceID}
		}
		var names []string
		for _, id := range ids {
			if id == "" {
				continue
			}
			p, err := c.Measures.Place(ctx, id)
			if err != nil || p == nil {
				return false // unknown: not known to be outside
			}
			if p.InUkraine() {
				return false
			}
			names = append(names, p.Name+" ("+countryName(p.Country)+")")
		}
		if len(names) == 0 {
			return false
		}
		where = strings.Join(names, ", ") + " lie" + map[bool]string{true: "s", false: ""}[len(names) == 1] + " outside Ukraine"
	}
	if where == "" {
		return false
	}
	n.Verdict, n.Measured = frontline.VerdictOutsideLayer, nil
	n.Reason = fmt.Sprintf("%s: the place lies outside %s's territory (Ukraine), so the layer cannot check it", where, c.layerName())
	return true
}

func countryName(code string) string {
	switch code {
	case "RU":
		return "Russia"
	case "BY":
		return "Belarus"
	}
	return code
}

// dayOf reads an ISO date (the first of an interval when first is true).
func dayOf(s string, first bool) (frontline.Day, error) {
	if a, b, ok := strings.Cut(s, "/"); ok {
		if first {
			s = a
		} else {
			s = b
		}
	}
	d, err := frontline.ParseDay(s, time.UTC)
	if err != nil || len(s) != len("2006-01-02") {
		return frontline.Day{}, fmt.Errorf("no date to measure on (%q)", s)
	}
	return d, nil
}

// directionHolds reports whether bearing (degrees from north) lies within
// 45° of the named compass direction, and names the bearing's direction.
func directionHolds(dir string, bearing float64) (bool, string) {
	names := []string{"north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest"}
	names16 := []string{"north", "north-northeast", "northeast", "east-northeast", "east", "east-southeast", "southeast", "south-southeast",
		"south", "south-southwest", "southwest", "west-southwest", "west", "west-northwest", "northwest", "north-northwest"}
	b := math.Mod(bearing+360, 360)
	named := names16[int(math.Round(b/22.5))%16]
	for i, n := range names {
		if n == dir {
			d := math.Abs(b - float64(i)*45)
			if d > 180 {
				d = 360 - d
			}
			return d <= 45, named
		}
	}
	return true, named
}

func boundWords(n *frontline.NumberClaim) string {
	switch n.Bound {
	case frontline.BoundMoreThan:
		return "more than "
	case frontline.BoundLessThan:
		return "less than "
	case frontline.BoundAbout:
		return "about "
	}
	return ""
}

func fmtKm(v float64) string {
	if v == math.Trunc(v) {
		return thousands(v)
	}
	return fmt.Sprintf("%.1f", v)
}

// thousands formats a whole number with thousands separators.
func thousands(v float64) string {
	s := fmt.Sprintf("%.0f", v)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// dayAt is the UTC day of t.
func dayAt(t time.Time) frontline.Day {
	d, _ := frontline.ParseDay(t.UTC().Format("2006-01-02"), time.UTC)
	return d
}
