package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/claims"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/follow"
	fhttp "github.com/frontline-osint/frontline/http"
	"github.com/frontline-osint/frontline/report"
	"github.com/frontline-osint/frontline/sqlite"
)

// followWiring is what a follower needs from the rest of Frontline, and
// what it tells: the event stream (publish) and the hooks other parts
// (alerts) add with onSnapshot.
type followWiring struct {
	m       *Main
	c       commonFlags
	svc     *control.Service
	reports *report.Service
	logger  *log.Logger
	// publish sends an SSE event (serve); nil outside serve.
	publish func(name string, data any)

	// afterChange runs after each new snapshot's change is computed (and
	// published): the place for the alert evaluator to hang on (serve
	// appends to it before the follower starts). ev is nil for a layer's
	// first snapshot.
	afterChange []func(ctx context.Context, src *frontline.SourceConfig, sn *frontline.Snapshot, ev *fhttp.ChangeEvent)

	claimsOnce sync.Once
	claims     *claims.Service
	claimsErr  error
}

// newFollower builds a follower on the opened store: snapshots through
// the import service, reports through the report service (and their
// claims extracted at once), the change of each new snapshot against the
// layer's previous map computed and published as a `change` event.
func (m *Main) newFollower(c commonFlags, cfg *follow.Config, logger *log.Logger, publish func(string, any)) (*follow.Follower, *followWiring, error) {
	// serve has opened the store already: share it.
	svc := m.service
	if svc == nil {
		var err error
		if svc, err = m.open(c); err != nil {
			return nil, nil, err
		}
	}
	rs := report.NewService(sqlite.NewReportStore(m.db), sqlite.NewSourceStore(m.db))
	rs.Now = m.Now
	w := &followWiring{m: m, c: c, svc: svc, reports: rs, logger: logger, publish: publish}
	f := follow.New(sqlite.NewFollowStore(m.db), cfg)
	f.Now, f.Logger = m.Now, logger
	f.ImportSnapshot = svc.Import
	f.AddReports = w.addReports
	f.OnSnapshot = w.onSnapshot
	f.OnReports = w.onReports
	return f, w, nil
}

func (w *followWiring) addReports(ctx context.Context, b follow.ReportBatch) (*follow.ReportsAdded, error) {
	res, err := w.reports.AddBytes(ctx, b.Name, b.Data, report.AddOptions{Source: b.Source, PublishedAt: b.PublishedAt})
	if err != nil {
		return nil, err
	}
	a := &follow.ReportsAdded{Stored: res.Stored, Duplicates: res.Duplicates}
	for _, it := range res.Items {
		if it.Outcome == report.Stored {
			a.IDs = append(a.IDs, it.ID)
		}
	}
	if res.Outcome == report.Refused {
		a.Refused = res.Reason
	}
	return a, nil
}

// onReports extracts the new reports' claims (the event stream announces
// them as `claims` events).
func (w *followWiring) onReports(ctx context.Context, src *frontline.SourceConfig, a *follow.ReportsAdded) {
	w.claimsOnce.Do(func() { w.claims, w.claimsErr = w.m.openClaims(w.c) })
	if w.claimsErr != nil {
		w.logger.Printf("follow %s: claims not extracted: %v", src.Name, w.claimsErr)
		return
	}
	if _, err := w.claims.ExtractPending(ctx, nil); err != nil && ctx.Err() == nil {
		w.logger.Printf("follow %s: extracting claims: %v", src.Name, err)
	}
}

// onSnapshot computes what the new snapshot changed against the layer's
// previous map and publishes it.
func (w *followWiring) onSnapshot(ctx context.Context, src *frontline.SourceConfig, res *frontline.ImportResult) {
	t0 := time.Now()
	ev, err := w.change(ctx, res.Snapshot)
	took := time.Since(t0)
	if err != nil {
		w.logger.Printf("follow %s: change of snapshot %d: %v", src.Name, res.Snapshot.ID, err)
		return
	}
	defer func() {
		for _, h := range w.afterChange {
			h(ctx, src, res.Snapshot, ev)
		}
	}()
	if ev == nil {
		w.logger.Printf("follow %s: new snapshot %d of %s valid at %s (the layer's first)", src.Name, res.Snapshot.ID, res.Snapshot.Layer, res.Snapshot.ValidAt.Format(time.RFC3339))
		return
	}
	w.logger.Printf("follow %s: new snapshot %d of %s valid at %s: %s (change in %s)", src.Name, ev.SnapshotID, ev.Layer, ev.To.Format(time.RFC3339), changeLine(ev), took.Round(time.Millisecond))
	if w.publish != nil {
		w.publish("change", ev)
	}
}

// change compares a snapshot with the layer's previous one; nil when it is
// the first.
func (w *followWiring) change(ctx context.Context, sn *frontline.Snapshot) (*fhttp.ChangeEvent, error) {
	prev, err := w.svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: sn.Layer, ValidTo: sn.ValidAt.Add(-time.Nanosecond), Desc: true, Limit: 1, Brief: true})
	if err != nil || len(prev) == 0 {
		return nil, err
	}
	day := func(t time.Time) frontline.Day {
		return frontline.Day{Label: t.UTC().Format(time.RFC3339), Start: t, End: t}
	}
	ch, err := w.svc.Change(ctx, sn.Layer, day(prev[0].ValidAt), day(sn.ValidAt), time.Time{})
	if err != nil {
		return nil, err
	}
	return &fhttp.ChangeEvent{Layer: sn.Layer, SnapshotID: sn.ID, FromSnapshotID: prev[0].ID, From: prev[0].ValidAt, To: sn.ValidAt,
		Transitions: ch.Transitions, NetKm2: ch.NetKm2, ByOblast: ch.ByOblast, Settlements: ch.Settlements}, nil
}

func changeLine(ev *fhttp.ChangeEvent) string {
	var parts []string
	for _, st := range []frontline.Status{frontline.StatusRussia, frontline.StatusContested, frontline.StatusUkraine} {
		if v, ok := ev.NetKm2[st]; ok && (v >= 0.05 || v <= -0.05) {
			parts = append(parts, fmt.Sprintf("%s %+.1f km²", st, v))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "no ground changed status")
	}
	if n := len(ev.Settlements); n > 0 {
		names := []string{}
		for _, s := range ev.Settlements[:min(n, 5)] {
			names = append(names, s.Name+" ("+string(s.From)+"→"+string(s.To)+")")
		}
		parts = append(parts, fmt.Sprintf("%d settlement%s changed hands: %s", n, pluralS(n), strings.Join(names, ", ")))
	}
	return strings.Join(parts, "; ")
}

// configPath is --config, else $FRONTLINE_CONFIG.
func (m *Main) configPath(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	return m.Getenv("FRONTLINE_CONFIG")
}

func (m *Main) runFollow(ctx context.Context, args []string) error {
	var c commonFlags
	var configFile string
	var once bool
	fs := m.newFlagSet("follow", "follow --config FILE [--once] [--json]", &c, true, false)
	fs.StringVar(&configFile, "config", "", "sources to follow (TOML; default $FRONTLINE_CONFIG); see docs/frontline.example.toml")
	fs.BoolVar(&once, "once", false, "poll every source once and exit")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	path := m.configPath(configFile)
	if path == "" {
		return usageErrorf("follow: --config FILE (or $FRONTLINE_CONFIG) is required")
	}
	cfg, err := follow.LoadConfig(path)
	if err != nil {
		return err
	}
	logger := log.New(m.Stderr, "", log.LstdFlags)
	f, _, err := m.newFollower(c, cfg, logger, nil)
	if err != nil {
		return err
	}
	print := func(r *follow.PollResult) {
		if c.json {
			b, _ := json.Marshal(r)
			fmt.Fprintf(m.Stdout, "%s\n", b)
			return
		}
		printPoll(m.Stdout, r)
	}
	if once {
		res, err := f.Once(ctx, cfg.Sources)
		for _, r := range res {
			print(r)
		}
		if err != nil {
			return err
		}
		failed := 0
		for _, r := range res {
			if r.Outcome == "failed" {
				failed++
			}
		}
		if failed > 0 {
			return frontline.Errorf(frontline.EINVALID, "%d of %d sources failed", failed, len(res))
		}
		return nil
	}
	logger.Printf("following %d source%s from %s", len(cfg.Sources), pluralS(len(cfg.Sources)), path)
	return f.Run(ctx, cfg.Sources, print)
}

func printPoll(w io.Writer, r *follow.PollResult) {
	line := fmt.Sprintf("%s  %-16s %-9s %-12s", r.At, r.Source, r.Kind, r.Outcome)
	if len(r.Snapshots) > 0 {
		line += fmt.Sprintf(" %d snapshot%s", len(r.Snapshots), pluralS(len(r.Snapshots)))
	}
	if r.Reports > 0 {
		line += fmt.Sprintf(" %d report%s", r.Reports, pluralS(r.Reports))
	}
	if r.Error != "" {
		line += "  " + r.Error
	}
	fmt.Fprintln(w, line)
	for _, s := range r.Skipped {
		fmt.Fprintf(w, "    skipped: %s\n", s)
	}
}

func (m *Main) runSourceStatus(ctx context.Context, args []string) error {
	var c commonFlags
	var gaps int
	fs := m.newFlagSet("source status", "source status [--json] [--gaps N]", &c, true, false)
	fs.IntVar(&gaps, "gaps", 5, "recent gaps to show per source")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	if _, err := m.openReports(c); err != nil {
		return err
	}
	st, err := follow.Status(ctx, sqlite.NewFollowStore(m.db), gaps)
	if err != nil {
		return err
	}
	if c.json {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"sources": st})
	}
	if len(st) == 0 {
		fmt.Fprintln(m.Stdout, "no followed sources yet (frontline follow --config FILE)")
		return nil
	}
	sort.Slice(st, func(i, j int) bool { return st[i].Name < st[j].Name })
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tKIND\tHEALTH\tLAST POLL\tLAST SUCCESS\tPOLLS\tSNAPSHOTS\tREPORTS\tLAST VERSION\tLAST ERROR")
	ts := func(t *time.Time) string {
		if t == nil {
			return "-"
		}
		return t.UTC().Format("2006-01-02 15:04:05")
	}
	for _, s := range st {
		health := "ok"
		if !s.Healthy {
			health = fmt.Sprintf("failing ×%d", s.Failures)
			if s.LastSuccess == nil && s.Failures == 0 {
				health = "never read"
			}
		}
		errText := s.LastError
		if s.Healthy {
			errText = ""
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\n", s.Name, s.Kind, health, ts(s.LastPoll), ts(s.LastSuccess), s.Polls, s.Snapshots, s.Reports, or(s.LastVersion, "-"), errText)
	}
	tw.Flush()
	for _, s := range st {
		for _, g := range s.Gaps {
			to := "open"
			if g.To != nil {
				to = ts(g.To)
			}
			fmt.Fprintf(m.Stdout, "gap %s: %s – %s, %d failed poll%s: %s\n", s.Name, ts(&g.From), to, g.Polls, pluralS(g.Polls), g.Reason)
		}
	}
	return nil
}
