package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/sqlite"
)

// Main holds what every command shares: output streams, the clock, and the
// database once opened.
type Main struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Now            frontline.Clock
	// IsTerminal reports whether progress may redraw one line.
	IsTerminal bool

	db      *sqlite.DB
	service *control.Service
	gaz     *gazetteer.Gazetteer
	places  []frontline.Place
}

// NewMain returns a Main on the process's streams and environment.
func NewMain() *Main {
	fi, _ := os.Stderr.Stat()
	return &Main{
		Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Now: time.Now,
		IsTerminal: fi != nil && fi.Mode()&os.ModeCharDevice != 0,
	}
}

const usage = `Frontline: who controls which ground, since when, on whose word.

Usage:
  frontline <command> [flags] [args]

Commands:
  layer import   import tracker maps (GeoJSON, KML, KMZ) as snapshots of a layer
  layer list     list layers
  layer show     show a layer: snapshots, dates, statuses, source, licence
  layer cells    build a layer's cells (imports keep them up to date; for a store made before them)
  layer compare  where two layers disagree: a list (perelik) by hromada, or another map by km²
  area           km² per control status of the map of a day
  change         what changed hands between the maps of two days
  series         km² per status for every day of a window
  settlements    every settlement's status on every day of a window, as periods (--changed: those that changed hands)
  place search   find a settlement under any spelling (ranked, with reasons)
  place show     a settlement, its names and its control timeline per layer
  distance       geodesic distance and bearing between two places
  front-distance distance from a place to the front on the map of a day
  gazetteer import  rebuild the gazetteer from KATOTTG and GeoNames files, or --extend it from a CSV
  report add     ingest reports: text, HTML, RSS/Atom, claims JSONL, event CSV, evidence JSON, JPEG, Bellingcat
  report list    list reports (by source, time, kind)
  report show    a report: source, times, evidence, text (--raw: the bytes as received)
  claims         claims extracted from reports: place, assertion, side, speaker, source, quote
  check          a verdict on one document without storing it: places, claims graded 1–6, numbers, contradictions
  contradictions where stored claims, evidence and the layer disagree, side by side, resolved when the map decides
  assessed       each settlement's control as the claims tell it (--at DATE; --compare deepstate --at DATE)
  source list    publishers and their reliability (Admiralty A–F); source show NAME for reasons
  source add     add or edit a source: kind, side, reliability, reason, aliases
  source grade   grade a source A–F with a reason (history kept)
  follow         follow trackers, feeds, channels and folders named in a config (--config FILE, --once)
  source status  the followed sources' health: last poll, last success, last error, gaps
  watch add      watch for the front near a place, a settlement or hromada changing status, an oblast's day change, claims
  watch list     list the watches (watch rm ID removes one)
  alerts         the alerts the watches fired (alerts run: evaluate the watches now over the stored layers)
  serve          serve the web map, the JSON API and OGC API – Features (loads the bundled demo on first start)
  version        print the module version and VCS revision (--json)

Every command takes --db PATH (default $FRONTLINE_DB, else
$XDG_DATA_HOME/frontline/frontline.db). Run "frontline <command> --help"
for its flags.
`

// Run runs the command named by args.
func (m *Main) Run(ctx context.Context, args []string) error {
	defer m.close()
	if err := m.run(ctx, args); !errors.Is(err, errHelp) {
		return err
	}
	return nil
}

func (m *Main) run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return errUsage
	}
	if collectsLate[args[0]] {
		defer collectLate()()
	}
	switch args[0] {
	case "layer":
		if len(args) < 2 {
			m.groupUsage(m.Stderr, "layer")
			return errUsage
		}
		switch args[1] {
		case "-h", "--help", "help":
			m.groupUsage(m.Stdout, "layer")
			return nil
		case "import":
			return m.runLayerImport(ctx, args[2:])
		case "list":
			return m.runLayerList(ctx, args[2:])
		case "show":
			return m.runLayerShow(ctx, args[2:])
		case "compare":
			return m.runLayerCompare(ctx, args[2:])
		case "cells":
			return m.runLayerCells(ctx, args[2:])
		}
		return usageErrorf("unknown command \"layer %s\" (want import, list, show, compare or cells)", args[1])
	case "area":
		return m.runArea(ctx, args[1:])
	case "change":
		return m.runChange(ctx, args[1:])
	case "settlements":
		return m.runSettlements(ctx, args[1:])
	case "series":
		return m.runSeries(ctx, args[1:])
	case "serve":
		return m.runServe(ctx, args[1:])
	case "follow":
		return m.runFollow(ctx, args[1:])
	case "watch":
		return m.runWatch(ctx, args[1:])
	case "alerts":
		return m.runAlerts(ctx, args[1:])
	case "place":
		return m.runPlace(ctx, args[1:])
	case "distance":
		return m.runDistance(ctx, args[1:])
	case "front-distance":
		return m.runFrontDistance(ctx, args[1:])
	case "gazetteer":
		return m.runGazetteer(ctx, args[1:])
	case "report":
		return m.runReport(ctx, args[1:])
	case "source":
		return m.runSource(ctx, args[1:])
	case "check":
		return m.runCheck(ctx, args[1:])
	case "contradictions":
		return m.runContradictions(ctx, args[1:])
	case "assessed":
		return m.runAssessed(ctx, args[1:])
	case "claims":
		return m.runClaims(ctx, args[1:])
	case "version":
		return m.runVersion(args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(m.Stdout, usage)
		return nil
	}
	return usageErrorf("unknown command %q; run \"frontline help\"", args[0])
}

// groupUsage prints the usage lines of a command group ("layer", "place").
func (m *Main) groupUsage(w io.Writer, group string) {
	fmt.Fprintf(w, "Usage: frontline %s <command> [flags] [args]\n\n", group)
	for _, l := range strings.Split(usage, "\n") {
		if strings.HasPrefix(l, "  "+group+" ") {
			fmt.Fprintln(w, l)
		}
	}
	fmt.Fprintf(w, "\nRun \"frontline %s <command> --help\" for its flags.\n", group)
}

var errUsage = errors.New("usage")

type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

func errorText(err error) string {
	var ue *usageError
	if errors.As(err, &ue) {
		return ue.msg
	}
	if frontline.ErrorCode(err) == frontline.EINTERNAL {
		return err.Error()
	}
	return frontline.ErrorMessage(err)
}

func exitCode(err error) int {
	var ue *usageError
	if errors.Is(err, errUsage) || errors.As(err, &ue) {
		return 2
	}
	return 1
}

// commonFlags are the flags every command shares.
type commonFlags struct {
	db      string
	json    bool
	tz      string
	asKnown string
}

func (m *Main) newFlagSet(name, synopsis string, c *commonFlags, withJSON, withTime bool) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.StringVar(&c.db, "db", "", "database file (default $FRONTLINE_DB, else $XDG_DATA_HOME/frontline/frontline.db)")
	if withJSON {
		fs.BoolVar(&c.json, "json", false, "print JSON")
	}
	if withTime {
		fs.StringVar(&c.tz, "tz", "UTC", "time zone in which a date names a day (IANA name, e.g. Europe/Kyiv)")
		c.asKnownFlag(fs)
	}
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: frontline %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// asKnownFlag adds --as-known, the recorded time an answer is given as of.
func (c *commonFlags) asKnownFlag(fs *flag.FlagSet) {
	fs.StringVar(&c.asKnown, "as-known", "", "answer as Frontline knew it at this time (RFC 3339, e.g. 2022-09-14T00:00:00Z)")
}

// parseInterleaved parses flags that may come before or after positional
// arguments, and returns the positional ones.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelp
			}
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

var errHelp = errors.New("help")

func (m *Main) dbPath(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if v := m.Getenv("FRONTLINE_DB"); v != "" {
		return v
	}
	dir := m.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home := m.Getenv("HOME")
		if home == "" {
			home = "."
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "frontline", "frontline.db")
}

// open opens the database and builds the service.
func (m *Main) open(c commonFlags) (*control.Service, error) {
	bounds, err := boundaries.Load()
	if err != nil {
		return nil, err
	}
	// A command that opened the reports first (claims: openClaims, then
	// openAssessment) keeps that store: a second one would replace it in
	// m.db and never be closed.
	if m.db == nil {
		m.db = sqlite.NewDB(m.dbPath(c.db))
		m.db.Now = m.Now
		if err := m.db.Open(); err != nil {
			return nil, err
		}
	}
	m.service = control.NewService(sqlite.NewSnapshotStore(m.db), bounds)
	m.service.Now = m.Now
	m.service.Lists = sqlite.NewListStore(m.db)
	// The gazetteer's places load only when an answer needs them (change,
	// area --settlements, layer compare, serve): other commands start fast.
	m.service.SetPlacesLoader(func() ([]frontline.Place, error) { return m.loadPlaces(c) })
	return m.service, nil
}

func (m *Main) close() {
	if m.db != nil {
		m.db.Close()
		m.db = nil
	}
}

func (c commonFlags) location() (*time.Location, error) {
	if c.tz == "" || strings.EqualFold(c.tz, "UTC") {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(c.tz)
	if err != nil {
		return nil, usageErrorf("--tz: unknown time zone %q", c.tz)
	}
	return loc, nil
}

func (c commonFlags) asKnownTime() (time.Time, error) {
	if c.asKnown == "" {
		return time.Time{}, nil
	}
	t, err := frontline.ParseInstant(c.asKnown)
	if err != nil {
		return t, usageErrorf("--as-known: %s", frontline.ErrorMessage(err))
	}
	return t, nil
}

func (c commonFlags) day(name, value string, required bool) (frontline.Day, error) {
	loc, err := c.location()
	if err != nil {
		return frontline.Day{}, err
	}
	if value == "" {
		if required {
			return frontline.Day{}, usageErrorf("--%s is required (a date, YYYY-MM-DD)", name)
		}
		return frontline.Day{Start: time.Time{}.In(loc)}, nil
	}
	d, err := frontline.ParseDay(value, loc)
	if err != nil {
		return d, usageErrorf("--%s: %s", name, frontline.ErrorMessage(err))
	}
	return d, nil
}

// window reads --from, --to and --as-known.
func (c commonFlags) window(from, to string, required bool) (fromDay, toDay frontline.Day, asKnown time.Time, err error) {
	if fromDay, err = c.day("from", from, required); err != nil {
		return
	}
	if toDay, err = c.day("to", to, required); err != nil {
		return
	}
	asKnown, err = c.asKnownTime()
	return
}
