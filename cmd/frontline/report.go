package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/claims"
	"github.com/frontline-osint/frontline/report"
	"github.com/frontline-osint/frontline/sqlite"
)

// openReports opens the database and the report service (no boundaries or
// gazetteer: ingestion starts fast).
func (m *Main) openReports(c commonFlags) (*report.Service, error) {
	if m.db == nil {
		db := sqlite.NewDB(m.dbPath(c.db))
		db.Now = m.Now
		if err := db.Open(); err != nil {
			return nil, err
		}
		m.db = db
	}
	svc := report.NewService(sqlite.NewReportStore(m.db), sqlite.NewSourceStore(m.db))
	svc.Now = m.Now
	return svc, nil
}

const reportUsage = `Usage: frontline report <command> [flags] [args]

Commands:
  add    ingest reports: text, HTML, RSS/Atom, claims JSONL, event CSV, evidence JSON, JPEG, Bellingcat, DeepStateMap version list
  list   list reports (by source, time, kind)
  show   a report: source, times, what the extractor read, text (--raw: the bytes as received)

Run "frontline report <command> --help" for its flags.
`

func (m *Main) runReport(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, reportUsage)
		return errUsage
	}
	switch args[0] {
	case "add":
		return m.runReportAdd(ctx, args[1:])
	case "list":
		return m.runReportList(ctx, args[1:])
	case "show":
		return m.runReportShow(ctx, args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Fprint(m.Stdout, reportUsage)
		return nil
	}
	return usageErrorf("unknown command \"report %s\" (want add, list or show; frontline report --help)", args[0])
}

// reportAddSummary is what `report add --json` prints.
type reportAddSummary struct {
	Stored     int                  `json:"stored"`
	Duplicates int                  `json:"duplicates"`
	Refused    int                  `json:"refused"` // files
	Files      []*report.FileResult `json:"files"`
	// Extraction is what reading the new reports found (nil with
	// --no-extract).
	Extraction *claims.ExtractResult `json:"extraction,omitempty"`
	// Unread are the reports stored now that the extractor could not
	// read, with the reason.
	Unread []unreadReport `json:"unread,omitempty"`
}

// unreadReport is a stored report the extractor could not read.
type unreadReport struct {
	ID     int64  `json:"id"`
	File   string `json:"file"`
	Item   int    `json:"item,omitempty"`
	Reason string `json:"reason"`
}

const reportAddExit = `
Exit status: 0 when at least one file was read (its reports stored, or
found already stored), even if other files were refused: each refused
file is listed with its reason, and a summary line on stderr counts them.
1 when every file was refused; 2 on a usage error.
`

func (m *Main) runReportAdd(ctx context.Context, args []string) error {
	var c commonFlags
	var source, published string
	var noExtract bool
	fs := m.newFlagSet("report add", "report add FILE|DIR... [--source NAME] [--published T] [--no-extract] [--json]", &c, true, false)
	fs.BoolVar(&noExtract, "no-extract", false, "store only; claims are extracted later (frontline claims)")
	fs.StringVar(&source, "source", "", "publisher of the reports (a known source's name or alias, or a new name); default: what each file says")
	fs.StringVar(&published, "published", "", "publication time of every report (RFC 3339 or YYYY-MM-DD, UTC); default: what each file says. A report stored before keeps its time")
	usage := fs.Usage
	fs.Usage = func() {
		usage()
		fmt.Fprint(m.Stderr, reportAddExit)
	}
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageErrorf("report add: name at least one file or folder")
	}
	opt := report.AddOptions{Source: source}
	if published != "" {
		t, err := parseTimeIn(published, time.UTC)
		if err != nil {
			return usageErrorf("--published: %s", frontline.ErrorMessage(err))
		}
		opt.PublishedAt = &t
	}
	files, err := report.ExpandPaths(paths)
	if err != nil {
		return err
	}
	svc, err := m.openReports(c)
	if err != nil {
		return err
	}
	if source != "" {
		known, err := svc.KnownSource(ctx, source)
		if err != nil {
			return err
		}
		if known == nil {
			fmt.Fprintf(m.Stderr, "note: %q is not a known source; its reports count as ungraded until you add it (frontline source add %q --kind … --side … --reliability … --reason …)\n", source, source)
		}
	}
	sum := reportAddSummary{Files: []*report.FileResult{}}
	start := time.Now()
	for i, f := range files {
		res, err := svc.AddFile(ctx, f, opt)
		if err != nil {
			return err
		}
		sum.Files = append(sum.Files, res)
		sum.Stored += res.Stored
		sum.Duplicates += res.Duplicates
		if res.Outcome == report.Refused {
			sum.Refused++
		}
		if len(files) > 1 {
			m.reportProgress(i+1, len(files), res)
		}
	}
	if m.IsTerminal && len(files) > 1 {
		fmt.Fprintln(m.Stderr)
	}
	// Read what is stored and not yet read: the reports stored now, and
	// any that an interrupted run (killed between storing and reading)
	// left unread, so that running the same command again finishes it.
	pending := 0
	if !noExtract {
		ids, err := sqlite.NewExtractionStore(m.db).PendingReports(ctx, extractorVersion)
		if err != nil {
			return err
		}
		pending = len(ids)
	}
	if pending > 0 {
		csvc, err := m.openClaims(c)
		if err != nil {
			return err
		}
		if sum.Extraction, err = m.extractPending(ctx, csvc); err != nil {
			return err
		}
		if sum.Extraction.Failed > 0 {
			if sum.Unread, err = m.unreadReports(ctx, csvc.Extractions, sum.Files, sum.Extraction.Version); err != nil {
				return err
			}
		}
	}
	if c.json {
		if err := m.printJSON(sum); err != nil {
			return err
		}
	} else {
		m.printReportAdd(sum, time.Since(start))
	}
	if sum.Refused == len(files) {
		if len(files) == 1 {
			return frontline.Errorf(frontline.EINVALID, "%s was refused: %s", files[0], sum.Files[0].Reason)
		}
		return frontline.Errorf(frontline.EINVALID, "all %d files were refused", len(files))
	}
	items := 0
	for _, f := range sum.Files {
		items += f.RefusedItems
	}
	if sum.Refused > 0 || items > 0 {
		var parts []string
		if sum.Refused > 0 {
			parts = append(parts, fmt.Sprintf("%d of %d files refused", sum.Refused, len(files)))
		}
		if items > 0 {
			parts = append(parts, fmt.Sprintf("%d item%s of stored files refused", items, pluralS(items)))
		}
		fmt.Fprintf(m.Stderr, "report add: %s (reasons above); the rest was read, so the exit status is 0\n", strings.Join(parts, ", "))
	}
	return nil
}

// unreadReports returns the reports stored now whose extraction by version
// failed, with the reason.
func (m *Main) unreadReports(ctx context.Context, xs frontline.ExtractionStore, files []*report.FileResult, version string) ([]unreadReport, error) {
	byID := map[int64]unreadReport{}
	var ids []int64
	for _, f := range files {
		for _, it := range f.Items {
			if it.Outcome == report.Stored {
				byID[it.ID] = unreadReport{ID: it.ID, File: f.File, Item: it.Item}
				ids = append(ids, it.ID)
			}
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	found, err := xs.FindExtractions(ctx, frontline.ExtractionFilter{ReportIDs: ids, Version: version})
	if err != nil {
		return nil, err
	}
	var out []unreadReport
	for _, x := range found {
		if x.Error == "" {
			continue
		}
		u := byID[x.ReportID]
		u.Reason = x.Error
		out = append(out, u)
	}
	return out, nil
}

func (m *Main) reportProgress(done, total int, res *report.FileResult) {
	msg := string(res.Outcome)
	switch res.Outcome {
	case report.Refused:
		msg += ": " + res.Reason
	default:
		msg = fmt.Sprintf("%s (%s): %d stored, %d duplicate", res.Outcome, res.Kind, res.Stored, res.Duplicates)
	}
	if m.IsTerminal && res.Outcome != report.Refused {
		fmt.Fprintf(m.Stderr, "\r\033[K[%d/%d] %s %s", done, total, filepath.Base(res.File), msg)
		return
	}
	if m.IsTerminal {
		fmt.Fprint(m.Stderr, "\r\033[K")
	}
	fmt.Fprintf(m.Stderr, "[%d/%d] %s %s\n", done, total, filepath.Base(res.File), msg)
}

func (m *Main) printReportAdd(sum reportAddSummary, took time.Duration) {
	w := m.Stdout
	fmt.Fprintf(w, "Read %d file%s in %s: %d report%s stored, %d duplicate%s, %d file%s refused.\n",
		len(sum.Files), pluralS(len(sum.Files)), took.Round(time.Millisecond), sum.Stored, pluralS(sum.Stored), sum.Duplicates, pluralS(sum.Duplicates), sum.Refused, pluralS(sum.Refused))
	if sum.Extraction != nil {
		fmt.Fprintf(w, "Extracted %s.\n", extractSummary(sum.Extraction))
	}
	for i, u := range sum.Unread {
		if i == 20 {
			fmt.Fprintf(w, "  … and %d more not read (frontline report show ID says why)\n", len(sum.Unread)-i)
			break
		}
		where := termSafe(u.File)
		if u.Item > 0 {
			where += fmt.Sprintf(", item %d", u.Item)
		}
		fmt.Fprintf(w, "  not read: report %d (%s): %s\n", u.ID, where, termSafe(u.Reason))
	}
	for _, f := range sum.Files {
		if f.Outcome == report.Refused {
			fmt.Fprintf(w, "  refused %s: %s\n", termSafe(f.File), termSafe(f.Reason))
		}
	}
	// Item detail for a few files; many files are summarised above.
	shown := 0
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, f := range sum.Files {
		for _, it := range f.Items {
			if shown == 20 {
				fmt.Fprintf(tw, "…\t\t\t\t(report list shows them all)\n")
				shown++
			}
			if shown > 20 {
				break
			}
			if shown == 0 {
				fmt.Fprintln(tw, "ID\tOUTCOME\tKIND\tSOURCE\tTITLE")
			}
			title := clipRunes(it.Title, 80)
			if it.Note != "" {
				title += " [" + it.Note + "]"
			}
			id := strconv.FormatInt(it.ID, 10)
			if it.Outcome == report.Refused {
				id, title = "-", it.Reason
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", id, it.Outcome, it.Kind, or(termSafe(it.Source), "-"), termSafe(clipRunes(title, 400)))
			shown++
		}
	}
	tw.Flush()
}

func pluralS(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func (m *Main) runReportList(ctx context.Context, args []string) error {
	var c commonFlags
	var source, since, until, kind string
	var limit int
	fs := m.newFlagSet("report list", "report list [--source NAME] [--since T] [--until T] [--kind K] [--limit N] [--json]", &c, true, false)
	fs.StringVar(&source, "source", "", "only reports of this source (name or alias)")
	fs.StringVar(&since, "since", "", "only reports published (else recorded) at or after this time (RFC 3339 or YYYY-MM-DD)")
	fs.StringVar(&until, "until", "", "only reports published (else recorded) at or before this time")
	fs.StringVar(&kind, "kind", "", "only reports of this kind ("+kindList()+")")
	fs.IntVar(&limit, "limit", 0, "at most this many reports (0: all)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf("report list takes no arguments (got %q)", pos[0])
	}
	if limit < 0 {
		return usageErrorf("--limit must not be negative")
	}
	f := frontline.ReportFilter{Kind: frontline.ReportKind(strings.ToLower(strings.TrimSpace(kind))), Limit: limit}
	if kind != "" && !slices.Contains(report.Kinds, f.Kind) {
		return usageErrorf("--kind: unknown kind %q (want %s)", kind, kindList())
	}
	if f.Since, err = optInstant("since", since); err != nil {
		return err
	}
	if f.Until, err = optInstant("until", until); err != nil {
		return err
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && f.Since.After(f.Until) {
		return usageErrorf("--since %s is after --until %s: no time is in between", since, until)
	}
	svc, err := m.openReports(c)
	if err != nil {
		return err
	}
	if source != "" {
		if known, err := svc.KnownSource(ctx, source); err != nil {
			return err
		} else if known != nil {
			source = known.Name
		}
		f.Source = source
	}
	rs, err := svc.Reports.FindReports(ctx, f)
	if err != nil {
		return err
	}
	if c.json {
		return m.printJSON(map[string]any{"reports": rs})
	}
	if len(rs) == 0 {
		if source != "" || kind != "" || since != "" || until != "" {
			fmt.Fprintln(m.Stdout, "No reports match these filters (frontline report list without them lists every report).")
		} else {
			fmt.Fprintln(m.Stdout, "No reports yet. Add some: frontline report add FILE|DIR")
		}
		return nil
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPUBLISHED (UTC)\tSOURCE\tKIND\tTITLE")
	for _, r := range rs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", r.ID, fmtDate(r.PublishedAt), or(termSafe(clipRunes(r.Source, 30)), "-"), r.Kind, termSafe(clipRunes(r.Title, 90)))
	}
	return tw.Flush()
}

// kindList names the report kinds, for flags and errors.
func kindList() string {
	ks := make([]string, len(report.Kinds))
	for i, k := range report.Kinds {
		ks[i] = string(k)
	}
	return strings.Join(ks, ", ")
}

func optInstant(name, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := frontline.ParseInstant(v)
	if err != nil {
		return t, usageErrorf("--%s: %s", name, frontline.ErrorMessage(err))
	}
	return t, nil
}

// reportShow is what `report show --json` prints; raw only with --raw,
// as text when it is UTF-8, else base64.
type reportShow struct {
	*frontline.Report
	SourceInfo  *frontline.Source `json:"source_info,omitempty"`
	Raw         *string           `json:"raw,omitempty"`
	RawEncoding string            `json:"raw_encoding,omitempty"`
	// ExtractionError says why the extractor could not read the report
	// (its latest extraction), "" when it could or has not tried yet.
	ExtractionError string `json:"extraction_error,omitempty"`
	// Maps are the stored snapshots of the map version a tracker's note
	// describes (a DeepStateMap version and its archived map share the
	// unix time): valid exactly when the note was published.
	Maps []pairedMap `json:"maps,omitempty"`
}

// pairedMap is a stored snapshot paired with a tracker's version note.
type pairedMap struct {
	Layer      string    `json:"layer"`
	SnapshotID int64     `json:"snapshot_id"`
	ValidAt    time.Time `json:"valid_at"`
	// RussiaKm2 is the Russian-held area of the snapshot as Frontline
	// measures it (with Crimea and the areas held before 2022, which
	// DeepState's own "occupied" figure leaves out).
	RussiaKm2 float64 `json:"russia_km2"`
}

// pairedMaps finds the snapshots valid at the publication time of a
// tracker's version note, in every layer.
func (m *Main) pairedMaps(ctx context.Context, r *frontline.Report) ([]pairedMap, error) {
	if r.Kind != frontline.ReportDeepStateVersion || r.PublishedAt == nil {
		return nil, nil
	}
	store := sqlite.NewSnapshotStore(m.db)
	layers, err := store.FindLayers(ctx)
	if err != nil {
		return nil, err
	}
	var out []pairedMap
	for _, l := range layers {
		snaps, err := store.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: l.Name, ValidFrom: *r.PublishedAt, ValidTo: *r.PublishedAt, Brief: true})
		if err != nil {
			return nil, err
		}
		for _, sn := range snaps {
			out = append(out, pairedMap{Layer: l.Name, SnapshotID: sn.ID, ValidAt: sn.ValidAt, RussiaKm2: sn.AreasKm2[frontline.StatusRussia]})
		}
	}
	return out, nil
}

func (m *Main) runReportShow(ctx context.Context, args []string) error {
	var c commonFlags
	var raw bool
	fs := m.newFlagSet("report show", "report show ID [--raw] [--json]", &c, true, false)
	fs.BoolVar(&raw, "raw", false, "print the report's bytes exactly as received (with --json: as a field)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErrorf("report show: name one report ID")
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(pos[0], "#"), 10, 64)
	if err != nil || id <= 0 {
		return usageErrorf("report show: %q is not a report ID (a positive number; see report list)", pos[0])
	}
	svc, err := m.openReports(c)
	if err != nil {
		return err
	}
	r, err := svc.Reports.FindReport(ctx, id)
	if err != nil {
		return err
	}
	src, err := svc.KnownSource(ctx, r.Source)
	if err != nil {
		return err
	}
	var x *frontline.StoredExtraction
	xs, err := sqlite.NewExtractionStore(m.db).FindExtractions(ctx, frontline.ExtractionFilter{ReportIDs: []int64{id}})
	if err != nil {
		return err
	}
	if len(xs) > 0 {
		x = xs[len(xs)-1]
	}
	maps, err := m.pairedMaps(ctx, r)
	if err != nil {
		return err
	}
	if c.json {
		out := reportShow{Report: r, SourceInfo: src, Maps: maps}
		if x != nil {
			out.ExtractionError = x.Error
		}
		if raw {
			s, enc := string(r.Raw), "utf-8"
			if !utf8.Valid(r.Raw) {
				s, enc = base64.StdEncoding.EncodeToString(r.Raw), "base64"
			}
			out.Raw, out.RawEncoding = &s, enc
		}
		return m.printJSON(out)
	}
	if raw {
		_, err := m.Stdout.Write(r.Raw)
		return err
	}
	w := m.Stdout
	fmt.Fprintf(w, "Report %d — %s\n", r.ID, termSafe(r.Title))
	fmt.Fprintf(w, "Kind:      %s\n", r.Kind)
	switch {
	case src != nil:
		fmt.Fprintf(w, "Source:    %s (%s, %s; reliability %s, %s)\n", src.Name, src.Kind, src.Side, src.Reliability, src.Reliability.Meaning())
	case r.Source != "":
		fmt.Fprintf(w, "Source:    %s (not a known source: ungraded)\n", termSafe(r.Source))
	default:
		fmt.Fprintln(w, "Source:    unknown")
	}
	fmt.Fprintf(w, "Published: %s\n", fmtDate(r.PublishedAt))
	fmt.Fprintf(w, "Recorded:  %s\n", r.RecordedAt.UTC().Format("2006-01-02 15:04:05"))
	file := termSafe(r.FileName)
	if r.Item > 0 {
		file += fmt.Sprintf(" (item %d)", r.Item)
	}
	fmt.Fprintf(w, "File:      %s\n", file)
	fmt.Fprintf(w, "Hash:      %s (%d bytes)\n", r.Hash, len(r.Raw))
	if r.URL != "" {
		fmt.Fprintf(w, "URL:       %s\n", termSafe(r.URL))
	}
	if r.Lang != "" {
		fmt.Fprintf(w, "Language:  %s (guessed)\n", r.Lang)
	}
	if e := r.Evidence; e != nil {
		at := "time unknown"
		if e.Time != nil {
			at = e.Time.UTC().Format("2006-01-02 15:04:05")
			if e.TimePrecision == "day" {
				at = e.Time.UTC().Format("2006-01-02")
			}
		}
		fmt.Fprintf(w, "Evidence:  %s at %.6f, %.6f (lat, lon), %s", e.Kind, e.Lat, e.Lon, at)
		if e.Location != "" {
			fmt.Fprintf(w, ", %s", termSafe(e.Location))
		}
		fmt.Fprintln(w)
		for _, l := range e.Links {
			fmt.Fprintf(w, "           %s\n", termSafe(l))
		}
	}
	if r.Note != "" {
		fmt.Fprintf(w, "Note:      %s\n", termSafe(r.Note))
	}
	if len(r.Links) > 0 {
		var names []string
		for _, l := range r.Links {
			names = append(names, fmt.Sprintf("%s (%.4f, %.4f)", r.Text[l.Start:l.End], l.Lat, l.Lon))
		}
		fmt.Fprintf(w, "Links:     %s\n", termSafe(strings.Join(names, "; ")))
	}
	for _, mp := range maps {
		fmt.Fprintf(w, "Map:       snapshot %d of layer %s, valid at the same time (%s UTC): the map this note describes; Russian-held %s km² by Frontline's measure\n",
			mp.SnapshotID, mp.Layer, mp.ValidAt.UTC().Format("2006-01-02 15:04:05"), km2(mp.RussiaKm2))
	}
	switch {
	case x == nil:
		fmt.Fprintln(w, "Extracted: not yet (frontline claims reads it)")
	case x.Error != "":
		fmt.Fprintf(w, "Extracted: nothing, the extractor (%s) could not read it: %s\n", x.Version, termSafe(x.Error))
	default:
		e := x.Extraction
		fmt.Fprintf(w, "Extracted: %d place mention%s, %d claim%s, %d number%s (extractor %s; frontline claims --report %d)\n",
			len(e.Places), pluralS(len(e.Places)), len(e.Claims), pluralS(len(e.Claims)), len(e.Numbers), pluralS(len(e.Numbers)), x.Version, r.ID)
	}
	if r.Text != "" {
		fmt.Fprintf(w, "\n%s\n", termSafe(r.Text))
	}
	return nil
}

// termSafe drops control characters (terminal escapes) from text shown on a
// terminal, keeping newlines and tabs.
func termSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
