// Package alert evaluates stored watches against the store's maps, claims
// and contradictions, records each alert once, and delivers it: to the
// event stream, to webhooks (signed JSON, retried with backoff, every
// attempt logged) and by e-mail over SMTP.
package alert

import (
	"context"
	"fmt"
	"log"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/frontline-osint/frontline"
)

// Engine evaluates watches. Set the stores and services, then call
// Evaluate (or Run); Close waits for deliveries under way.
type Engine struct {
	Watches frontline.WatchStore
	Alerts  frontline.AlertStore
	Layers  frontline.LayerService
	Front   frontline.FrontService
	// Places resolves watched places; AllPlaces lists the gazetteer's
	// settlements (hromada watches). Claims and Assessment serve claims
	// watches; nil: those watches are skipped.
	Places     frontline.PlaceService
	AllPlaces  func() ([]frontline.Place, error)
	Claims     frontline.ClaimService
	Assessment frontline.AssessmentService

	// Publish announces a new alert on the event stream (nil: not).
	Publish func(*frontline.Alert)
	// Webhook and Mail are the global delivery channels; a watch's own
	// webhook and recipients are added to them.
	Webhook Webhook
	Mail    Mail
	// BaseURL prefixes the alerts' links ("https://frontline.example");
	// empty: links are relative to the server.
	BaseURL string
	// MaxAttempts and Backoff bound webhook and e-mail retries: attempt
	// n+1 waits Backoff·2ⁿ⁻¹ (default 5 attempts from 1 s, at most 1 min).
	MaxAttempts int
	Backoff     time.Duration
	HTTPClient  *http.Client
	Logger      *log.Logger
	Now         frontline.Clock

	mu        sync.Mutex // one evaluation at a time
	wg        sync.WaitGroup
	dmu       sync.Mutex
	quitOnce  sync.Once
	quit      chan struct{} // closed by Close: retries stop waiting
	quitSetup sync.Once
	// claimsSeen is, per claims watch, the store's mark (last report and
	// extraction, last snapshot) at its last evaluation: an unchanged
	// store is not asked again.
	claimsSeen map[int64]string
}

func (e *Engine) quitCh() chan struct{} {
	e.quitSetup.Do(func() { e.quit = make(chan struct{}) })
	return e.quit
}

// Webhook is where every alert is POSTed, signed with Secret.
type Webhook struct {
	URL    string
	Secret string
}

// Mail sends alerts over SMTP: Addr host:port, From, and the recipients of
// every alert. Username/Password (PLAIN auth) are optional.
type Mail struct {
	Addr     string
	From     string
	To       []string
	Username string
	Password string
}

// Result is what one evaluation did.
type Result struct {
	Watches int `json:"watches"`
	// Days is how many (watch, day) pairs were evaluated.
	Days   int                `json:"days"`
	Alerts []*frontline.Alert `json:"alerts"`
	Errors []string           `json:"errors,omitempty"`
}

func (e *Engine) now() time.Time {
	if e.Now != nil {
		return e.Now().UTC()
	}
	return time.Now().UTC()
}

func (e *Engine) logf(format string, args ...any) {
	if e.Logger != nil {
		e.Logger.Printf(format, args...)
	}
}

// Close stops retrying deliveries and waits for the attempts under way
// (the delivery log keeps the failed ones).
func (e *Engine) Close() {
	e.quitOnce.Do(func() { close(e.quitCh()) })
	e.wg.Wait()
}

// Wait waits for deliveries under way, retries included (tests, `alerts
// run`).
func (e *Engine) Wait() { e.wg.Wait() }

// Run evaluates every interval until ctx ends.
func (e *Engine) Run(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		interval = time.Minute
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if res, err := e.Evaluate(ctx); err != nil && ctx.Err() == nil {
			e.logf("alerts: %v", err)
		} else if err == nil {
			for _, msg := range res.Errors {
				e.logf("alerts: %s", msg)
			}
			if len(res.Alerts) > 0 {
				e.logf("alerts: %d new", len(res.Alerts))
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Evaluate evaluates every watch against what is stored: each layer day
// not evaluated yet for the watch (a day whose map has a new version is
// evaluated again), and the claims and contradictions about its place.
// Each alert is recorded once (a watch's alerts are keyed) and the new ones
// are delivered.
func (e *Engine) Evaluate(ctx context.Context) (*Result, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	ws, err := e.Watches.FindWatches(ctx)
	if err != nil {
		return nil, err
	}
	ev := &evaluation{e: e, days: map[string][]layerDay{}, changes: map[string]*frontline.ChangeResult{}}
	res := &Result{Watches: len(ws), Alerts: []*frontline.Alert{}}
	for _, w := range ws {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		alerts, n, err := ev.watch(ctx, w)
		res.Days += n
		if err != nil {
			res.Errors = append(res.Errors, fmt.Sprintf("watch %d (%s): %s", w.ID, w.Kind, frontline.ErrorMessage(err)))
		}
		for _, a := range alerts {
			a.WatchID, a.Kind = w.ID, w.Kind
			isNew, err := e.Alerts.CreateAlert(ctx, a)
			if err != nil {
				return res, err
			}
			if !isNew {
				continue
			}
			res.Alerts = append(res.Alerts, a)
			if e.Publish != nil {
				e.Publish(a)
			}
			e.deliver(w, a)
		}
	}
	return res, nil
}

// layerDay is a day of a layer and the snapshot that is its map.
type layerDay struct {
	Day  string
	Snap *frontline.Snapshot
}

type evaluation struct {
	e       *Engine
	days    map[string][]layerDay
	changes map[string]*frontline.ChangeResult
}

// claimsMark says what the claims watches depend on: the last report and
// extraction stored, and the last snapshot of the layer the assessment
// reads; "" when it cannot be told.
func (ev *evaluation) claimsMark(ctx context.Context) (string, error) {
	if ev.e.Claims == nil {
		return "", nil
	}
	a, err := ev.e.Claims.Activity(ctx, -1, -1, 0)
	if err != nil {
		return "", err
	}
	days, err := ev.layerDays(ctx, "deepstate")
	if err != nil && frontline.ErrorCode(err) != frontline.ENOTFOUND {
		return "", err
	}
	var last int64
	for _, d := range days {
		last = max(last, d.Snap.ID)
	}
	return fmt.Sprintf("%d/%d/%d", a.LastReportID, a.LastExtractionID, last), nil
}

// layerDays lists a layer's days (UTC) with their last snapshot.
func (ev *evaluation) layerDays(ctx context.Context, layer string) ([]layerDay, error) {
	if d, ok := ev.days[layer]; ok {
		return d, nil
	}
	snaps, err := ev.e.Layers.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: layer, Brief: true})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(snaps, func(i, j int) bool { return snaps[i].ValidAt.Before(snaps[j].ValidAt) })
	var out []layerDay
	for _, sn := range snaps {
		day := sn.ValidAt.UTC().Format("2006-01-02")
		if n := len(out); n > 0 && out[n-1].Day == day {
			out[n-1].Snap = sn
			continue
		}
		out = append(out, layerDay{Day: day, Snap: sn})
	}
	ev.days[layer] = out
	return out, nil
}

func day(label string) frontline.Day {
	d, _ := frontline.ParseDay(label, time.UTC)
	return d
}

// change is the change between two days' maps, once per evaluation.
func (ev *evaluation) change(ctx context.Context, layer, from, to string) (*frontline.ChangeResult, error) {
	k := layer + "|" + from + "|" + to
	if c, ok := ev.changes[k]; ok {
		return c, nil
	}
	c, err := ev.e.Layers.Change(ctx, layer, day(from), day(to), time.Time{})
	if err != nil {
		return nil, err
	}
	ev.changes[k] = c
	return c, nil
}

// watch evaluates one watch: the alerts it fires (not yet stored) and how
// many days it evaluated.
func (ev *evaluation) watch(ctx context.Context, w *frontline.Watch) ([]*frontline.Alert, int, error) {
	if w.Kind == frontline.WatchClaims {
		mark, err := ev.claimsMark(ctx)
		if err != nil {
			return nil, 0, err
		}
		if mark != "" && ev.e.claimsSeen[w.ID] == mark {
			return nil, 0, nil
		}
		a, err := ev.claims(ctx, w)
		if err == nil && mark != "" {
			if ev.e.claimsSeen == nil {
				ev.e.claimsSeen = map[int64]string{}
			}
			ev.e.claimsSeen[w.ID] = mark
		}
		return a, 0, err
	}
	layer := w.Layer
	if layer == "" {
		layer = "deepstate"
	}
	days, err := ev.layerDays(ctx, layer)
	if err != nil || len(days) == 0 {
		return nil, 0, err
	}
	marks, err := ev.e.Watches.WatchDays(ctx, w.ID)
	if err != nil {
		return nil, 0, err
	}
	marked := map[string]frontline.WatchDay{}
	for _, m := range marks {
		marked[m.Day] = m
	}
	start := w.From
	if start == "" {
		start = days[len(days)-1].Day
		if len(marks) > 0 {
			start = marks[0].Day
		}
	}
	var todo []int // indexes into days
	for i, d := range days {
		if d.Day < start {
			continue
		}
		if m, ok := marked[d.Day]; ok && m.SnapshotID == d.Snap.ID {
			continue
		}
		todo = append(todo, i)
	}
	if len(todo) == 0 {
		return nil, 0, nil
	}
	var out []*frontline.Alert
	var timeline map[string]frontline.Status
	for _, i := range todo {
		d := days[i]
		mark := frontline.WatchDay{Day: d.Day, SnapshotID: d.Snap.ID}
		var prev string
		if i > 0 {
			prev = days[i-1].Day
		}
		var a *frontline.Alert
		switch w.Kind {
		case frontline.WatchFront:
			// The state the previous evaluated day left.
			inside := false
			for _, m := range marks {
				if m.Day < d.Day {
					inside = m.State == "inside"
				}
			}
			a, mark.State, mark.Value, err = ev.front(ctx, w, layer, d, prev, inside)
		case frontline.WatchStatus:
			if w.PlaceID != "" {
				if timeline == nil {
					if timeline, err = ev.timeline(ctx, w, layer); err != nil {
						return out, 0, err
					}
				}
				a = ev.status(w, layer, d.Day, prev, timeline)
			} else if prev != "" {
				a, err = ev.hromada(ctx, w, layer, d.Day, prev)
			}
		case frontline.WatchOblast:
			if prev != "" {
				a, err = ev.oblast(ctx, w, layer, d.Day, prev)
			}
		}
		if err != nil {
			return out, len(out), err
		}
		if a != nil {
			a.Layer, a.Day = layer, d.Day
			out = append(out, a)
		}
		if err := ev.e.Watches.MarkWatchDay(ctx, w.ID, mark); err != nil {
			return out, len(out), err
		}
		// Later days of this evaluation read the state this one left.
		replaced := false
		for j := range marks {
			if marks[j].Day == mark.Day {
				marks[j], replaced = mark, true
			}
		}
		if !replaced {
			marks = append(marks, mark)
			sort.Slice(marks, func(i, j int) bool { return marks[i].Day < marks[j].Day })
		}
	}
	return out, len(todo), nil
}

// front measures the watched point's distance to the front on a day's map
// and fires when it crosses inward: within RadiusKm when the previous day
// left it outside. Once inside it stays inside until the front is beyond
// RadiusKm+HysteresisKm.
func (ev *evaluation) front(ctx context.Context, w *frontline.Watch, layer string, d layerDay, prev string, wasInside bool) (*frontline.Alert, string, float64, error) {
	fd, err := ev.e.Front.FrontDistance(ctx, layer, w.Lon, w.Lat, day(d.Day), time.Time{})
	if frontline.ErrorCode(err) == frontline.ENOTFOUND {
		return nil, "outside", -1, nil // a map with no front
	} else if err != nil {
		return nil, "", 0, err
	}
	km := fd.DistanceM / 1000
	h := w.HysteresisKm
	if h == 0 {
		h = frontline.DefaultHysteresisKm(w.RadiusKm)
	}
	inside := km <= w.RadiusKm
	if wasInside {
		inside = km <= w.RadiusKm+h
	}
	state := "outside"
	if inside {
		state = "inside"
	}
	if !inside || wasInside {
		return nil, state, km, nil
	}
	name := w.PlaceName
	if name == "" {
		name = fmt.Sprintf("%.4f,%.4f", w.Lon, w.Lat)
	}
	a := &frontline.Alert{
		Key:   "front:" + d.Day,
		Title: fmt.Sprintf("Front within %.1f km of %s", km, name),
		Text: fmt.Sprintf("On %s's map of %s the front is %.1f km from %s (watch radius %g km), bearing %.0f°; %s ground on this side, %s beyond.",
			layer, d.Day, km, name, w.RadiusKm, fd.Bearing, fd.Side, fd.Across),
		Figures: map[string]float64{"distance_km": round1(km), "radius_km": w.RadiusKm, "hysteresis_km": h, "bearing_deg": math.Round(fd.Bearing),
			"nearest_lon": fd.NearestLon, "nearest_lat": fd.NearestLat, "snapshot_id": float64(d.Snap.ID)},
		Links: ev.links(layer, d.Day, prev, w.PlaceID),
	}
	return a, state, km, nil
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// timeline is the watched settlement's status on every day of the layer.
func (ev *evaluation) timeline(ctx context.Context, w *frontline.Watch, layer string) (map[string]frontline.Status, error) {
	if ev.e.Places == nil {
		return nil, frontline.Errorf(frontline.EINVALID, "no gazetteer to find place %s", w.PlaceID)
	}
	p, err := ev.e.Places.FindPlace(ctx, w.PlaceID)
	if err != nil {
		return nil, err
	}
	tl, err := ev.e.Layers.PlaceTimeline(ctx, layer, p, time.Time{})
	if err != nil {
		return nil, err
	}
	out := map[string]frontline.Status{}
	for _, d := range tl.Days {
		out[d.Date] = d.Status
	}
	return out, nil
}

func (ev *evaluation) status(w *frontline.Watch, layer, d, prev string, tl map[string]frontline.Status) *frontline.Alert {
	from, to := tl[prev], tl[d]
	if prev == "" || from == "" || to == "" || from == to {
		return nil
	}
	return &frontline.Alert{
		Key:     "status:" + w.PlaceID + ":" + d,
		Title:   fmt.Sprintf("%s: %s → %s", w.PlaceName, from, to),
		Text:    fmt.Sprintf("On %s's map of %s, %s is %s ground; on %s it was %s.", layer, d, w.PlaceName, to, prev, from),
		Figures: map[string]float64{},
		Links:   ev.links(layer, d, prev, w.PlaceID),
	}
}

// hromada fires when any settlement of the watched hromada changed status
// between the previous day's map and this one.
func (ev *evaluation) hromada(ctx context.Context, w *frontline.Watch, layer, d, prev string) (*frontline.Alert, error) {
	if ev.e.AllPlaces == nil {
		return nil, frontline.Errorf(frontline.EINVALID, "no gazetteer to list hromada %s", w.Hromada)
	}
	places, err := ev.e.AllPlaces()
	if err != nil {
		return nil, err
	}
	members := map[string]bool{}
	for i := range places {
		p := &places[i]
		if strings.EqualFold(p.Hromada, w.Hromada) && (w.Oblast == "" || strings.EqualFold(p.Oblast, w.Oblast) || strings.EqualFold(p.OblastISO, w.Oblast)) {
			members[p.ID] = true
		}
	}
	if len(members) == 0 {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "no settlement in hromada %q", w.Hromada)
	}
	c, err := ev.change(ctx, layer, prev, d)
	if err != nil {
		return nil, err
	}
	var names []string
	figures := map[string]float64{"settlements": float64(len(members))}
	for _, s := range c.Settlements {
		if members[s.ID] {
			names = append(names, fmt.Sprintf("%s (%s → %s)", s.Name, s.From, s.To))
			figures["to_"+string(s.To)]++
		}
	}
	if len(names) == 0 {
		return nil, nil
	}
	figures["changed"] = float64(len(names))
	return &frontline.Alert{
		Key:     "hromada:" + d,
		Title:   fmt.Sprintf("%s hromada: %d settlement%s changed status", w.Hromada, len(names), plural(len(names))),
		Text:    fmt.Sprintf("Between %s's maps of %s and %s: %s.", layer, prev, d, strings.Join(names, ", ")),
		Figures: figures,
		Links:   ev.links(layer, d, prev, ""),
	}, nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// oblast fires when the ground that changed hands in the watched oblast
// between the previous day's map and this one reaches MinKm2.
func (ev *evaluation) oblast(ctx context.Context, w *frontline.Watch, layer, d, prev string) (*frontline.Alert, error) {
	c, err := ev.change(ctx, layer, prev, d)
	if err != nil {
		return nil, err
	}
	for _, ob := range c.ByOblast {
		if !strings.EqualFold(ob.ISO, w.Oblast) && !strings.EqualFold(ob.Oblast, w.Oblast) && !strings.EqualFold(strings.TrimSuffix(ob.Oblast, " Oblast"), w.Oblast) {
			continue
		}
		gross := 0.0
		var parts []string
		for _, t := range ob.Transitions {
			gross += t.AreaKm2
			parts = append(parts, fmt.Sprintf("%s → %s %.1f km²", t.From, t.To, t.AreaKm2))
		}
		if gross < w.MinKm2 {
			return nil, nil
		}
		figures := map[string]float64{"changed_km2": round1(gross), "threshold_km2": w.MinKm2}
		for st, v := range ob.NetKm2 {
			figures["net_"+string(st)+"_km2"] = round1(v)
		}
		return &frontline.Alert{
			Key:     "oblast:" + d,
			Title:   fmt.Sprintf("%s: %.0f km² changed hands on %s", ob.Oblast, gross, d),
			Text:    fmt.Sprintf("Between %s's maps of %s and %s, %.1f km² changed hands in %s (threshold %g km²): %s.", layer, prev, d, gross, ob.Oblast, w.MinKm2, strings.Join(parts, "; ")),
			Figures: figures,
			Links:   ev.links(layer, d, prev, ""),
		}, nil
	}
	return nil, nil
}

// captureAssertions are the assertions a claims watch fires on.
var captureAssertions = map[string]bool{frontline.AssertCaptured: true, frontline.AssertLiberated: true, frontline.AssertUnderControl: true, frontline.AssertWithdrawn: true}

// grade is the better of a claim's publisher's and speaker's grades; 0
// when neither is graded.
func grade(c *frontline.ClaimView) int {
	r := c.SourceReliability.Rank()
	if s := c.SpeakerReliability.Rank(); s > 0 && (r == 0 || s < r) {
		r = s
	}
	return r
}

// claims fires on each capture claim and each contradiction about the
// watched place recorded since the watch's start, whose source is graded
// MinReliability or better.
func (ev *evaluation) claims(ctx context.Context, w *frontline.Watch) ([]*frontline.Alert, error) {
	if ev.e.Claims == nil {
		return nil, nil
	}
	since := w.CreatedAt
	if w.From != "" {
		since = day(w.From).Start
	}
	worst := frontline.Reliability("C").Rank()
	if r := w.MinReliability.Rank(); r > 0 {
		worst = r
	}
	cs, err := ev.e.Claims.Claims(ctx, frontline.ClaimFilter{PlaceID: w.PlaceID})
	if err != nil {
		return nil, err
	}
	type ref struct {
		report int64
		index  int
	}
	qualifies := map[ref]*frontline.ClaimView{}
	var out []*frontline.Alert
	for i := range cs {
		c := &cs[i]
		g := grade(c)
		if g == 0 || g > worst {
			continue
		}
		fresh := !c.RecordedAt.Before(since) || c.PublishedAt != nil && !c.PublishedAt.Before(since)
		if !fresh {
			continue
		}
		qualifies[ref{c.ReportID, c.Index}] = c
		if !captureAssertions[c.Assertion] {
			continue
		}
		d := c.RefersTo
		if len(d) > 10 {
			d = d[:10]
		}
		name := c.PlaceName
		if name == "" {
			name = w.PlaceName
		}
		who := c.Source
		if c.SpeakerSource != "" && c.SpeakerSource != who {
			who = strings.TrimPrefix(who+", "+c.SpeakerSource, ", ")
		}
		if c.Speaker != "" {
			who = strings.TrimSuffix(c.Speaker+" ("+who+")", " ()")
		}
		assertion := strings.ReplaceAll(c.Assertion, "_", " ")
		side := ""
		if c.Side != "" {
			side = string(c.Side) + ", "
		}
		out = append(out, &frontline.Alert{
			Key:     fmt.Sprintf("claim:%d:%d", c.ReportID, c.Index),
			Title:   fmt.Sprintf("%s: %s claim (%sgrade %c)", name, assertion, side, 'A'+g-1),
			Text:    fmt.Sprintf("%s: %s %s (%sreport %d, refers to %s): “%s”", who, name, assertion, side, c.ReportID, c.RefersTo, c.Quote),
			Figures: map[string]float64{"report_id": float64(c.ReportID), "grade": float64(g), "credibility": float64(c.Credibility)},
			Links:   append(ev.links("", d, "", w.PlaceID), frontline.AlertLink{Rel: "report", Href: ev.e.BaseURL + fmt.Sprintf("/api/v1/reports/%d", c.ReportID)}),
			Day:     d,
		})
	}
	if ev.e.Assessment == nil || len(qualifies) == 0 {
		return out, nil
	}
	cds, err := ev.e.Assessment.Contradictions(ctx, frontline.ContradictionFilter{PlaceID: w.PlaceID})
	if err != nil {
		return out, err
	}
	for _, cd := range cds {
		ca, cb := qualifies[ref{cd.A.ReportID, cd.A.Index}], qualifies[ref{cd.B.ReportID, cd.B.Index}]
		if (cd.A.Kind != "claim" || ca == nil) && (cd.B.Kind != "claim" || cb == nil) {
			continue
		}
		d := cd.Date
		if len(d) > 10 {
			d = d[:10]
		}
		text := fmt.Sprintf("On %s: %s (%s) says %s — %s (%s) says %s.", cd.Date, cd.A.Source, cd.A.Quote, cd.A.Implies, cd.B.Source, cd.B.Quote, cd.B.Implies)
		if cd.Resolution.Resolved {
			text += " " + cd.Resolution.Reason
		}
		out = append(out, &frontline.Alert{
			Key:   fmt.Sprintf("contradiction:%s:%s:%s%d.%d:%s%d.%d", cd.Kind, cd.Date, cd.A.Kind, cd.A.ReportID, cd.A.Index, cd.B.Kind, cd.B.ReportID, cd.B.Index),
			Title: fmt.Sprintf("%s: contradiction (%s vs %s)", cd.PlaceName, cd.A.Implies, cd.B.Implies),
			Text:  text,
			Figures: map[string]float64{"a_credibility": float64(cd.A.Credibility), "b_credibility": float64(cd.B.Credibility),
				"a_report_id": float64(cd.A.ReportID), "b_report_id": float64(cd.B.ReportID)},
			Links: append(ev.links("", d, "", w.PlaceID), frontline.AlertLink{Rel: "contradictions", Href: ev.e.BaseURL + "/api/v1/contradictions?place=" + url.QueryEscape(w.PlaceID)}),
			Day:   d,
		})
	}
	return out, nil
}

// links are an alert's links: the web map at the day, the day's change,
// the claims about the place.
func (ev *evaluation) links(layer, d, prev, placeID string) []frontline.AlertLink {
	base := ev.e.BaseURL
	var out []frontline.AlertLink
	if layer == "" {
		layer = "deepstate"
	}
	if d != "" {
		out = append(out, frontline.AlertLink{Rel: "map", Href: base + "/#layer=" + url.QueryEscape(layer) + "&at=" + d})
	}
	if prev != "" {
		out = append(out, frontline.AlertLink{Rel: "change", Href: base + "/api/v1/layers/" + url.PathEscape(layer) + "/change?from=" + prev + "&to=" + d})
	}
	if placeID != "" {
		out = append(out, frontline.AlertLink{Rel: "claims", Href: base + "/api/v1/claims?place=" + url.QueryEscape(placeID)})
	}
	return out
}
