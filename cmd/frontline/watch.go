package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/alert"
	"github.com/frontline-osint/frontline/assess"
	"github.com/frontline-osint/frontline/extract"
	"github.com/frontline-osint/frontline/sqlite"
)

const watchUsage = `Usage: frontline watch <command> [flags] [args]

Commands:
  add    add a watch: --kind front|status|oblast|claims and the flags of its kind
  list   list the watches
  rm     remove a watch by ID (its alerts stay)

Run "frontline watch <command> --help" for its flags.
`

func (m *Main) runWatch(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, watchUsage)
		return errUsage
	}
	switch args[0] {
	case "add":
		return m.runWatchAdd(ctx, args[1:])
	case "list":
		return m.runWatchList(ctx, args[1:])
	case "rm", "remove", "delete":
		return m.runWatchRm(ctx, args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Fprint(m.Stdout, watchUsage)
		return nil
	}
	return usageErrorf("unknown command \"watch %s\" (want add, list or rm; frontline watch --help)", args[0])
}

// openAlerts returns the watch and alert store, opening the database and
// the layer service unless a command (serve) already did.
func (m *Main) openAlerts(c commonFlags) (*sqlite.AlertStore, error) {
	if m.service == nil {
		if _, err := m.open(c); err != nil {
			return nil, err
		}
	}
	s := sqlite.NewAlertStore(m.db)
	s.Now = m.Now
	return s, nil
}

func (m *Main) runWatchAdd(ctx context.Context, args []string) error {
	var c commonFlags
	var w frontline.Watch
	var kind, place, rel string
	var email aliasFlags
	fs := m.newFlagSet("watch add", "watch add --kind front|status|oblast|claims [flags]", &c, true, false)
	fs.StringVar(&kind, "kind", "", "front: the front within --radius-km of --place; status: --place (a settlement) or --hromada changing status; oblast: --oblast's day change beyond --min-km2; claims: a capture claim or contradiction about --place from a source graded --min-reliability or better")
	fs.StringVar(&w.Name, "name", "", "a name for the watch")
	fs.StringVar(&w.Layer, "layer", "deepstate", "the layer whose days are evaluated")
	fs.StringVar(&place, "place", "", "a settlement or site (name in any spelling, ID, or LON,LAT for a front watch)")
	fs.StringVar(&w.Hromada, "hromada", "", "status: every settlement of this hromada (Latin name, e.g. Balakliiska)")
	fs.StringVar(&w.Oblast, "oblast", "", "oblast: the oblast (name or ISO code, e.g. UA-63); with --place or --hromada: ranks homonyms")
	fs.Float64Var(&w.RadiusKm, "radius-km", 0, "front: fire when the front comes within this distance")
	fs.Float64Var(&w.HysteresisKm, "hysteresis-km", 0, "front: re-arm only once the front is beyond radius+this (default a tenth of the radius, at least 1 km)")
	fs.Float64Var(&w.MinKm2, "min-km2", 0, "oblast: the smallest day change (km² that changed hands) that fires")
	fs.StringVar(&rel, "min-reliability", "", "claims: the worst source grade that fires, A–F (default C)")
	fs.StringVar(&w.From, "from", "", "first day to evaluate (YYYY-MM-DD; default: the layer's latest day, and claims recorded from now on)")
	fs.StringVar(&w.WebhookURL, "webhook", "", "POST this watch's alerts to this URL (besides serve's --webhook)")
	fs.StringVar(&w.Secret, "secret", "", "the webhook's HMAC-SHA256 secret (default serve's --webhook-secret)")
	fs.Var(&email, "email", "e-mail this watch's alerts to this address (repeatable; needs serve's --smtp)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf("watch add: unexpected argument %q", pos[0])
	}
	w.Kind, w.MinReliability, w.Email = frontline.WatchKind(kind), frontline.Reliability(strings.ToUpper(rel)), email
	if !w.Kind.Valid() {
		return usageErrorf("watch add: --kind front, status, oblast or claims")
	}
	store, err := m.openAlerts(c)
	if err != nil {
		return err
	}
	if place != "" {
		g, err := m.loadGazetteer(c)
		if err != nil {
			return err
		}
		if err := frontline.ResolveWatchPlace(ctx, g, &w, place); err != nil {
			return err
		}
	}
	if err := store.CreateWatch(ctx, &w); err != nil {
		return err
	}
	if c.json {
		return m.printJSON(&w)
	}
	fmt.Fprintf(m.Stdout, "watch %d: %s\n", w.ID, describeWatch(&w))
	return nil
}

// describeWatch says what a watch looks for, in a line.
func describeWatch(w *frontline.Watch) string {
	var s string
	switch w.Kind {
	case frontline.WatchFront:
		h := w.HysteresisKm
		if h == 0 {
			h = frontline.DefaultHysteresisKm(w.RadiusKm)
		}
		s = fmt.Sprintf("the front within %g km of %s on %s (re-arms beyond %g km)", w.RadiusKm, w.PlaceName, w.Layer, w.RadiusKm+h)
	case frontline.WatchStatus:
		if w.PlaceID != "" {
			s = fmt.Sprintf("%s changing status on %s", w.PlaceName, w.Layer)
		} else {
			s = fmt.Sprintf("any settlement of %s hromada changing status on %s", w.Hromada, w.Layer)
		}
	case frontline.WatchOblast:
		s = fmt.Sprintf("%s: a day change of %g km² or more on %s", w.Oblast, w.MinKm2, w.Layer)
	case frontline.WatchClaims:
		r := w.MinReliability
		if r == "" {
			r = "C"
		}
		s = fmt.Sprintf("capture claims and contradictions about %s from sources graded %s or better", w.PlaceName, r)
	}
	if w.From != "" {
		s += ", from " + w.From
	}
	if w.Name != "" {
		s = w.Name + ": " + s
	}
	return s
}

func (m *Main) runWatchList(ctx context.Context, args []string) error {
	var c commonFlags
	fs := m.newFlagSet("watch list", "watch list [--json]", &c, true, false)
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	store, err := m.openAlerts(c)
	if err != nil {
		return err
	}
	ws, err := store.FindWatches(ctx)
	if err != nil {
		return err
	}
	if c.json {
		return m.printJSON(map[string]any{"watches": ws})
	}
	if len(ws) == 0 {
		fmt.Fprintln(m.Stdout, "no watches (frontline watch add --help)")
		return nil
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tWATCH\tDELIVERY")
	for _, w := range ws {
		var to []string
		if w.WebhookURL != "" {
			to = append(to, w.WebhookURL)
		}
		to = append(to, w.Email...)
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", w.ID, w.Kind, describeWatch(w), strings.Join(to, ", "))
	}
	return tw.Flush()
}

func (m *Main) runWatchRm(ctx context.Context, args []string) error {
	var c commonFlags
	fs := m.newFlagSet("watch rm", "watch rm ID...", &c, false, false)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageErrorf("watch rm: name a watch ID (frontline watch list)")
	}
	store, err := m.openAlerts(c)
	if err != nil {
		return err
	}
	for _, p := range pos {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			return usageErrorf("watch rm: %q is not a watch ID", p)
		}
		if err := store.DeleteWatch(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "removed watch %d\n", id)
	}
	return nil
}

// deliveryFlags configure how alerts leave: a global webhook, SMTP, and
// the base URL of the alerts' links.
type deliveryFlags struct {
	webhook, webhookSecret       string
	smtpAddr, smtpFrom, smtpUser string
	smtpTo                       aliasFlags
	baseURL                      string
	maxAttempts                  int
	backoff                      time.Duration
}

func (d *deliveryFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.webhook, "webhook", "", "POST every alert as JSON to this URL")
	fs.StringVar(&d.webhookSecret, "webhook-secret", "", "sign webhooks with HMAC-SHA256 under this secret (X-Frontline-Signature: sha256=HEX; default $FRONTLINE_WEBHOOK_SECRET)")
	fs.StringVar(&d.smtpAddr, "smtp", "", "SMTP server host:port to e-mail alerts through")
	fs.StringVar(&d.smtpFrom, "smtp-from", "frontline@localhost", "the alerts' From address")
	fs.Var(&d.smtpTo, "smtp-to", "e-mail every alert to this address (repeatable)")
	fs.StringVar(&d.smtpUser, "smtp-user", "", "SMTP PLAIN auth user (password from $FRONTLINE_SMTP_PASSWORD)")
	fs.StringVar(&d.baseURL, "base-url", "", "prefix of the alerts' links, e.g. https://frontline.example (default: relative)")
	fs.IntVar(&d.maxAttempts, "delivery-attempts", 5, "webhook and e-mail attempts per alert")
	fs.DurationVar(&d.backoff, "delivery-backoff", time.Second, "wait before the second attempt; doubles each time, at most 1m")
}

// alertEngine builds the engine on the open store: layers, the
// gazetteer, claims and their assessment, and the delivery channels.
func (m *Main) alertEngine(ctx context.Context, c commonFlags, d deliveryFlags, logger *log.Logger) (*alert.Engine, error) {
	store, err := m.openAlerts(c)
	if err != nil {
		return nil, err
	}
	g, err := m.loadGazetteer(c)
	if err != nil {
		return nil, err
	}
	m.service.SetPlaces(g.Places)
	cl, err := m.openClaims(c)
	if err != nil {
		return nil, err
	}
	secret := d.webhookSecret
	if secret == "" {
		secret = m.Getenv("FRONTLINE_WEBHOOK_SECRET")
	}
	e := &alert.Engine{
		Watches: store, Alerts: store, Layers: m.service, Front: m.service,
		Places: g, AllPlaces: func() ([]frontline.Place, error) { return g.Places, nil },
		Claims: cl,
		Assessment: &assess.Service{Claims: cl, Reports: cl.Reports, Sources: cl.Sources, Places: g, Extractor: extract.New(g),
			Layer:   assess.NewTimelines(m.service, "deepstate", time.Time{}, g),
			Numbers: &assess.Checker{Measures: assess.FromLayers(m.service, "deepstate", time.Time{}, g)}},
		Webhook:     alert.Webhook{URL: d.webhook, Secret: secret},
		Mail:        alert.Mail{Addr: d.smtpAddr, From: d.smtpFrom, To: d.smtpTo, Username: d.smtpUser, Password: m.Getenv("FRONTLINE_SMTP_PASSWORD")},
		BaseURL:     strings.TrimRight(d.baseURL, "/"),
		MaxAttempts: d.maxAttempts, Backoff: d.backoff,
		Logger: logger, Now: m.Now,
	}
	return e, nil
}

func (m *Main) runAlerts(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "run" {
		return m.runAlertsRun(ctx, args[1:])
	}
	var c commonFlags
	var since string
	var watch int64
	var limit int
	fs := m.newFlagSet("alerts", "alerts [--since TIME] [--watch ID] [--limit N] [--json] | alerts run", &c, true, false)
	fs.StringVar(&since, "since", "", "only alerts created at or after this time (RFC 3339 or YYYY-MM-DD)")
	fs.Int64Var(&watch, "watch", 0, "only this watch's alerts")
	fs.IntVar(&limit, "limit", 100, "at most this many, newest first (0: all)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf("alerts: unexpected argument %q (alerts run evaluates the watches)", pos[0])
	}
	f := frontline.AlertFilter{WatchID: watch, Limit: limit}
	if since != "" {
		if f.Since, err = frontline.ParseInstant(since); err != nil {
			return usageErrorf("--since: %s", frontline.ErrorMessage(err))
		}
	}
	store, err := m.openAlerts(c)
	if err != nil {
		return err
	}
	as, err := store.FindAlerts(ctx, f)
	if err != nil {
		return err
	}
	if c.json {
		return m.printJSON(map[string]any{"alerts": as})
	}
	m.printAlerts(as)
	return nil
}

func (m *Main) printAlerts(as []*frontline.Alert) {
	if len(as) == 0 {
		fmt.Fprintln(m.Stdout, "no alerts")
		return
	}
	for _, a := range as {
		fmt.Fprintf(m.Stdout, "#%d  %s  watch %d (%s)  %s\n    %s\n", a.ID, a.Day, a.WatchID, a.Kind, a.Title, a.Text)
		for _, l := range a.Links {
			fmt.Fprintf(m.Stdout, "    %s: %s\n", l.Rel, l.Href)
		}
	}
}

func (m *Main) runAlertsRun(ctx context.Context, args []string) error {
	var c commonFlags
	var d deliveryFlags
	fs := m.newFlagSet("alerts run", "alerts run [--webhook URL] [--smtp HOST:PORT --smtp-to ADDR] [--json]", &c, true, false)
	d.register(fs)
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	logger := log.New(m.Stderr, "", log.LstdFlags)
	e, err := m.alertEngine(ctx, c, d, logger)
	if err != nil {
		return err
	}
	res, err := e.Evaluate(ctx)
	e.Wait() // deliveries
	if err != nil {
		return err
	}
	if c.json {
		return m.printJSON(res)
	}
	for _, msg := range res.Errors {
		fmt.Fprintln(m.Stderr, msg)
	}
	fmt.Fprintf(m.Stdout, "%d watch%s, %d day%s evaluated, %d new alert%s\n", res.Watches, pluralES(res.Watches), res.Days, pluralS(res.Days), len(res.Alerts), pluralS(len(res.Alerts)))
	m.printAlerts(res.Alerts)
	return nil
}

func pluralES(n int) string {
	if n == 1 {
		return ""
	}
	return "es"
}

// seedReplayWatches gives a store with no watches the replay's: the front
// within 10 km of Kupiansk, Kharkiv oblast's day change beyond 100 km²,
// Balakliia and Izium changing status — each from the window's first day
// (2022-08-20), so that each fires as the replay reaches September.
func (m *Main) seedReplayWatches(ctx context.Context, e *alert.Engine, layer string, logger *log.Logger) error {
	ws, err := e.Watches.FindWatches(ctx)
	if err != nil || len(ws) > 0 {
		return err
	}
	for _, spec := range []struct {
		w     frontline.Watch
		place string
	}{
		{frontline.Watch{Kind: frontline.WatchFront, Name: "replay: Kupiansk", RadiusKm: 10}, "UA63080090010026457"},
		{frontline.Watch{Kind: frontline.WatchOblast, Name: "replay: Kharkiv oblast", Oblast: "UA-63", MinKm2: 100}, ""},
		{frontline.Watch{Kind: frontline.WatchStatus, Name: "replay: Balakliia"}, "Balakliia"},
		{frontline.Watch{Kind: frontline.WatchStatus, Name: "replay: Izium"}, "UA63040090010029555"},
	} {
		w := spec.w
		w.Layer, w.From = layer, "2022-08-20"
		if err := frontline.ResolveWatchPlace(ctx, e.Places, &w, spec.place); err != nil {
			return err
		}
		if err := e.Watches.CreateWatch(ctx, &w); err != nil {
			return err
		}
		logger.Printf("replay: watch %d: %s", w.ID, describeWatch(&w))
	}
	return nil
}
