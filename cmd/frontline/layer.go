package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/mapfile"
)

// importSummary is what `layer import --json` prints.
type importSummary struct {
	Layer     string              `json:"layer"`
	Added     int                 `json:"added"`
	Unchanged int                 `json:"unchanged"`
	Failed    int                 `json:"failed"`
	Files     []importFileOutcome `json:"files"`
	// Unclassified totals polygon categories no mapping rule matched,
	// over all imported files.
	Unclassified []frontline.CategoryCount `json:"unclassified"`
	Repairs      int                       `json:"repaired_snapshots"`
	// PlacesLocated is how many of the gazetteer's places were located in
	// the layer's cells after an import of more than one map (0 with
	// --no-cells, for a single map, or when the store has no places).
	PlacesLocated int `json:"places_located"`
}

type importFileOutcome struct {
	File       string     `json:"file"`
	Outcome    string     `json:"outcome"` // added, unchanged, failed
	Error      string     `json:"error,omitempty"`
	SnapshotID int64      `json:"snapshot_id,omitempty"`
	ValidAt    *time.Time `json:"valid_at,omitempty"`
	Repairs    []string   `json:"repairs,omitempty"`
	// CellNotes is what bringing the layer's cells up to date with this
	// map did not do as asked (overlays that failed).
	CellNotes []string `json:"cell_notes,omitempty"`
}

var mapExtensions = map[string]bool{".geojson": true, ".json": true, ".kml": true, ".kmz": true}

func (m *Main) runLayerImport(ctx context.Context, args []string) error {
	var c commonFlags
	var layer, validAt, timeProp, status, mappingFile, title, source, licence string
	var strict, noCells bool
	fs := m.newFlagSet("layer import", "layer import --layer NAME [flags] FILE|DIR...", &c, true, false)
	flagsUsage := fs.Usage
	fs.Usage = func() {
		flagsUsage()
		fmt.Fprintf(m.Stderr, "\n%s\n%s\n", mapfile.DefaultLimits().Describe(), importMemoryHelp)
	}
	fs.StringVar(&layer, "layer", "", "layer to import into (created if new)")
	fs.StringVar(&validAt, "valid-at", "", "valid time of the snapshot (RFC 3339 or YYYY-MM-DD); default: from the file name")
	fs.StringVar(&timeProp, "time-property", "", "read the valid time from this feature property")
	fs.StringVar(&status, "status", "", "give every polygon this status (russia, ukraine, contested, unknown): for files without categories")
	fs.StringVar(&mappingFile, "mapping", "", "classification mapping file (name patterns → status); default: the DeepState mapping")
	fs.StringVar(&c.tz, "tz", "UTC", "time zone of a --valid-at given without one (names like 2022-09-13.geojson are UTC)")
	fs.StringVar(&title, "title", "", "layer title")
	fs.StringVar(&source, "source", "", "layer source (publisher, URL)")
	fs.StringVar(&licence, "licence", "", "layer licence note")
	fs.BoolVar(&strict, "strict", false, "fail a file that has unclassified polygons")
	fs.BoolVar(&noCells, "no-cells", false, "store the maps without bringing the layer's cells up to date (answers fall back to overlays until \"frontline layer cells NAME\" builds them)")
	var recordedAt string
	fs.StringVar(&recordedAt, "recorded-at", "", "when the maps were first known, for --as-known: a time (RFC 3339 or YYYY-MM-DD), or \"valid\": each map from its valid time (an archive of maps published as drawn); default: now")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if layer == "" {
		return usageErrorf("layer import: --layer is required")
	}
	if len(paths) == 0 {
		return usageErrorf("layer import: name at least one file or folder")
	}
	if err := control.ValidateLayerName(layer); err != nil {
		return err
	}
	if len(paths) == 1 && isListFile(paths[0]) {
		return m.runListImport(ctx, c, layer, paths[0], title, source, licence)
	}
	loc, err := c.location()
	if err != nil {
		return err
	}
	req := frontline.ImportRequest{Layer: layer, TimeProperty: timeProp, Strict: strict}
	if status != "" {
		st, err := frontline.ParseStatus(status)
		if err != nil || !st.Valid() {
			return usageErrorf("--status must be russia, ukraine, contested or unknown, not %q", status)
		}
		req.Status = st
	}
	if validAt != "" {
		t, err := parseTimeIn(validAt, loc)
		if err != nil {
			return usageErrorf("--valid-at: %s", frontline.ErrorMessage(err))
		}
		req.ValidAt = t
	}
	switch recordedAt {
	case "":
	case "valid":
		req.RecordedAtValid = true
	default:
		t, err := parseTimeIn(recordedAt, loc)
		if err != nil {
			return usageErrorf("--recorded-at: a time or \"valid\": %s", frontline.ErrorMessage(err))
		}
		req.RecordedAt = t
	}
	if mappingFile != "" {
		buf, err := os.ReadFile(mappingFile)
		if err != nil {
			return frontline.Errorf(frontline.EINVALID, "--mapping: %v", err)
		}
		if _, err := control.ParseMapping(mappingFile, string(buf)); err != nil {
			return err
		}
		req.Mapping, req.MappingName = string(buf), filepath.Base(mappingFile)
	}
	files, err := expandPaths(paths)
	if err != nil {
		return err
	}
	if validAt != "" && len(files) > 1 {
		return usageErrorf("--valid-at names one time, but %d files were given", len(files))
	}
	svc, err := m.open(c)
	if err != nil {
		return err
	}
	svc.NoCells = noCells
	if _, err := svc.FindLayer(ctx, layer); frontline.ErrorCode(err) == frontline.ENOTFOUND && layer == "deepstate" && mappingFile == "" {
		// A new "deepstate" layer read with the DeepState mapping: say
		// whose data it is unless the user does.
		title, source, licence = or(title, "DeepStateMap"), or(source, "DeepStateMap (deepstatemap.live)"), or(licence, deepStateLicence)
	}
	if title != "" || source != "" || licence != "" {
		if err := svc.CreateLayer(ctx, &frontline.Layer{Name: layer, Title: title, Source: source, Licence: licence}); err != nil {
			return err
		}
	}

	memLimit := setImportMemoryLimit(files)
	defer memLimit.restore()
	sum := importSummary{Layer: layer, Files: []importFileOutcome{}}
	unclassified := map[string]int{}
	start := time.Now()
	// Read and process files in parallel; store them one by one, in order,
	// each in its own transaction.
	load := func(i int) (frontline.ImportRequest, error) {
		r := req
		data, err := readMapFile(svc, files[i])
		r.SourceName, r.Data = files[i], data
		return r, err
	}
	err = svc.ImportMany(ctx, len(files), load, func(i int, res *frontline.ImportResult, err error) {
		out := importFileOutcome{File: files[i]}
		switch {
		case err != nil:
			out.Outcome, out.Error = "failed", errorText(err)
			sum.Failed++
		case res.Added:
			out.Outcome = "added"
			sum.Added++
		default:
			out.Outcome = "unchanged"
			sum.Unchanged++
		}
		if res != nil {
			out.SnapshotID = res.Snapshot.ID
			v := res.Snapshot.ValidAt
			out.ValidAt = &v
			if res.Added {
				out.Repairs = res.Snapshot.Repairs
				if len(res.Snapshot.Repairs) > 0 {
					sum.Repairs++
				}
				out.CellNotes = svc.CellsNotes(layer)
				for _, u := range res.Snapshot.Unclassified {
					unclassified[u.Name] += u.Count
				}
			}
		}
		sum.Files = append(sum.Files, out)
		memLimit.follow()
		m.progress(i+1, len(files), out, start)
	})
	if err != nil {
		return err
	}
	if m.IsTerminal && !c.json {
		fmt.Fprintln(m.Stderr)
	}
	for name, n := range unclassified {
		sum.Unclassified = append(sum.Unclassified, frontline.CategoryCount{Name: name, Count: n})
	}
	sort.Slice(sum.Unclassified, func(i, j int) bool { return sum.Unclassified[i].Count > sum.Unclassified[j].Count })
	if sum.Unclassified == nil {
		sum.Unclassified = []frontline.CategoryCount{}
	}

	// After a bulk import the gazetteer's places are located in the new
	// cells and their histories stored with the build's transitions, as
	// `layer cells` does: otherwise the first command that asks for a
	// change or for settlements pays it (~2.5 s of CPU on the full
	// archive). A single map (the daily import) extends them when asked.
	var locateTook time.Duration
	if !noCells && len(files) > 1 {
		locateStart := time.Now()
		n, err := svc.LocatePlaces(ctx, layer)
		if err != nil {
			return err
		}
		sum.PlacesLocated, locateTook = n, time.Since(locateStart)
	}
	if c.json {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sum); err != nil {
			return err
		}
	} else {
		m.printImportSummary(sum, time.Since(start))
		if sum.PlacesLocated > 0 {
			fmt.Fprintf(m.Stdout, "%s: %d places located in the cells in %.1f s\n", layer, sum.PlacesLocated, locateTook.Seconds())
		}
	}
	if sum.Failed > 0 {
		return frontline.Errorf(frontline.EINVALID, "%d of %d files failed", sum.Failed, len(files))
	}
	return nil
}

const importMemoryHelp = `Memory: a file is held whole while it is read and dropped once hashed,
before the overlays (KMZ entries are inflated as they are parsed, never
held); vertices along straight edges (within 1e-9°) are dropped before the
overlays, polygons are unioned only with those their envelopes meet, groups
over 20,000 vertices are unioned and differenced by the planar overlay of
repair (not JTS), polygons over 20,000 vertices are cut to each oblast's
envelope and clipped to it by the same planar overlay, and a map over
200,000 vertices is clipped to one oblast at a time.
A soft memory limit of 9 times the largest file per file read in parallel
(at least 96 MiB) is set unless GOMEMLIMIT is: peak memory stays under 10
times the file (a map dense with real bends holds about 6 times its size
live); a file that needs more is imported more slowly, not refused.`

// importMemoryLimit is the soft memory limit of an import (unless
// GOMEMLIMIT sets one). The overlays of a large map leave most of what they
// allocate as garbage at once; with Go's default pacing the heap grew to
// about 37 times a densified 19 MB file, while what is live stays near 6
// times (runtime/metrics /gc/heap/live:bytes). The limit makes the
// collector work harder instead: it allows 9 times the largest file for
// each file read at the same time, and at least 96 MiB (a folder of
// published maps: the boundaries, the clip cache, two maps in flight), of
// garbage over what the import keeps live. What stays live grows as a
// folder is imported: the layer's cells are kept in memory (about 250 MB
// for the whole DeepState archive), and a limit fixed at the start had the
// collector run without end once they passed it (the archive took 765 s,
// 1,342 s of CPU). So after each stored file the limit follows the live
// heap (follow).
type importMemoryLimit struct {
	garbage int64 // bytes of garbage allowed over the live heap
	prev    int64
	set     bool
	sample  []metrics.Sample
}

// setImportMemoryLimit sets the limit for importing files (unless
// GOMEMLIMIT is set) and returns it; restore puts back the one before.
func setImportMemoryLimit(files []string) *importMemoryLimit {
	l := &importMemoryLimit{}
	if os.Getenv("GOMEMLIMIT") != "" {
		return l
	}
	var largest int64
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil {
			largest = max(largest, fi.Size())
		}
	}
	parallel := int64(min(runtime.GOMAXPROCS(0), len(files)))
	l.garbage = max(96<<20, 9*largest*parallel)
	l.prev = debug.SetMemoryLimit(l.garbage)
	l.set = true
	l.sample = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	return l
}

// follow moves the limit to the live heap (as of the last collection)
// plus the garbage allowed, or plus liveGarbageRatio times what is live
// when that is more (main sets GOGC=400, which the limit caps: with the
// cells live, a collection every 96 MiB of garbage still cost the
// archive's import half its CPU).
func (l *importMemoryLimit) follow() {
	if !l.set {
		return
	}
	metrics.Read(l.sample)
	if l.sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	live := int64(l.sample[0].Value.Uint64())
	debug.SetMemoryLimit(live + max(l.garbage, liveGarbageRatio*live))
}

// liveGarbageRatio is how many times the live heap the garbage may grow to
// between two collections once that is more than the garbage allowed. Each
// collection marks what is live (the layer's cells, some 150–250 MB on
// the whole DeepState archive), and the overlays allocate at a steady rate,
// so the collector's CPU goes as the inverse of the ratio: at 1 (the heap
// doubling between collections, as with GOGC=100) it was over a quarter of
// the one-run import's CPU (runtime.gcBgMarkWorker 17 %, assists 9 %,
// sweeping 1.4 % of a profile of the whole archive). At 3 that import took
// a third less CPU, and twice the peak memory (1.06 GB against 0.49 GB;
// docs/benchmarks-journal.md, importfast).
const liveGarbageRatio = 3

// restore puts back the limit there was before the import.
func (l *importMemoryLimit) restore() {
	if l.set {
		debug.SetMemoryLimit(l.prev)
	}
}

// readMapFile reads one file, refusing it before reading when it is over
// the size limit.
func readMapFile(svc *control.Service, path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, frontline.Errorf(frontline.EINVALID, "%s: %v", path, err)
	}
	if lim := svc.Limits.MaxBytes; lim > 0 && fi.Size() > lim {
		return nil, frontline.Errorf(frontline.EINVALID, "%s: file is %d MiB, over the %d MiB limit", path, fi.Size()>>20, lim>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, frontline.Errorf(frontline.EINVALID, "%s: %v", path, err)
	}
	return data, nil
}

// progress reports one finished file: a redrawn line on a terminal, a line
// per file otherwise.
func (m *Main) progress(done, total int, out importFileOutcome, start time.Time) {
	name := filepath.Base(out.File)
	msg := out.Outcome
	if out.Error != "" {
		msg += ": " + out.Error
	}
	if m.IsTerminal && out.Outcome != "failed" {
		eta := ""
		if done < total {
			left := time.Duration(float64(time.Since(start)) / float64(done) * float64(total-done))
			eta = fmt.Sprintf(", ~%s left", left.Round(time.Second))
		}
		fmt.Fprintf(m.Stderr, "\r\033[K[%d/%d] %s %s%s", done, total, name, msg, eta)
		return
	}
	if m.IsTerminal {
		fmt.Fprint(m.Stderr, "\r\033[K")
	}
	fmt.Fprintf(m.Stderr, "[%d/%d] %s %s\n", done, total, name, msg)
}

func (m *Main) printImportSummary(sum importSummary, took time.Duration) {
	fmt.Fprintf(m.Stdout, "Imported into layer %s in %s: %d added, %d unchanged, %d failed.\n",
		sum.Layer, took.Round(10*time.Millisecond), sum.Added, sum.Unchanged, sum.Failed)
	for _, f := range sum.Files {
		if f.Outcome == "failed" {
			fmt.Fprintf(m.Stdout, "  failed: %s\n", f.Error)
		}
	}
	if sum.Repairs > 0 {
		fmt.Fprintf(m.Stdout, "Repaired geometry in %d snapshots:\n", sum.Repairs)
		shown := 0
		for _, f := range sum.Files {
			for _, r := range f.Repairs {
				if shown < 10 {
					fmt.Fprintf(m.Stdout, "  %s: %s\n", filepath.Base(f.File), r)
				}
				shown++
			}
		}
		if shown > 10 {
			fmt.Fprintf(m.Stdout, "  … and %d more (see --json or layer show)\n", shown-10)
		}
	}
	var notes []string
	for _, f := range sum.Files {
		for _, n := range f.CellNotes {
			notes = append(notes, filepath.Base(f.File)+": "+n)
		}
	}
	printCellNotes(m.Stdout, notes, 10)
	if len(sum.Unclassified) > 0 {
		total := 0
		for _, u := range sum.Unclassified {
			total += u.Count
		}
		fmt.Fprintf(m.Stdout, "WARNING: %d polygons in %d categories matched no mapping rule and are left out of every area:\n", total, len(sum.Unclassified))
		for _, u := range sum.Unclassified {
			fmt.Fprintf(m.Stdout, "  %5d × %q\n", u.Count, u.Name)
		}
		fmt.Fprintln(m.Stdout, "Give them a status with --mapping FILE (see docs/CONTROL-MODEL.md).")
	}
}

// expandPaths turns files and folders into the map files to import, in
// name order (which for dated names is time order).
func expandPaths(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, frontline.Errorf(frontline.EINVALID, "%s: %v", p, errorsUnwrapPath(err))
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		// The separator makes a folder named through a symbolic link be
		// read (WalkDir does not follow a root that is a link).
		root := p
		if !strings.HasSuffix(root, string(filepath.Separator)) {
			root += string(filepath.Separator)
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && mapExtensions[strings.ToLower(filepath.Ext(path))] {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, frontline.Errorf(frontline.EINVALID, "%s: %v", p, err)
		}
		if len(found) == 0 {
			return nil, frontline.Errorf(frontline.EINVALID, "%s: no .geojson, .json, .kml or .kmz files in this folder", p)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

func errorsUnwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// parseTimeIn reads an RFC 3339 time, or a date or zone-less time in loc.
func parseTimeIn(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), frontline.CheckYear(t)
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t.UTC(), frontline.CheckYear(t)
		}
	}
	return time.Time{}, frontline.Errorf(frontline.EINVALID, "cannot read time %q: want RFC 3339 (2022-09-13T13:01:24Z) or YYYY-MM-DD", s)
}

func (m *Main) runLayerList(ctx context.Context, args []string) error {
	var c commonFlags
	fs := m.newFlagSet("layer list", "layer list [--json]", &c, true, false)
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	svc, err := m.open(c)
	if err != nil {
		return err
	}
	ls, err := svc.FindLayers(ctx)
	if err != nil {
		return err
	}
	if ls == nil {
		ls = []*frontline.Layer{}
	}
	if c.json {
		return m.printJSON(map[string]any{"layers": ls})
	}
	if len(ls) == 0 {
		fmt.Fprintln(m.Stdout, "No layers yet. Import one: frontline layer import --layer NAME FILE|DIR")
		return nil
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LAYER\tSNAPSHOTS\tFIRST\tLAST\tTITLE")
	for _, l := range ls {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", l.Name, l.Snapshots, fmtDate(l.FirstValidAt), fmtDate(l.LastValidAt), l.Title)
	}
	return tw.Flush()
}

func fmtDate(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04")
}

// layerShow is what `layer show --json` prints.
type layerShow struct {
	*frontline.Layer
	Statuses     map[frontline.Status][]string `json:"statuses"`
	Unclassified []frontline.CategoryCount     `json:"unclassified"`
	SnapshotList []*frontline.Snapshot         `json:"snapshot_list"`
}

func (m *Main) runLayerShow(ctx context.Context, args []string) error {
	var c commonFlags
	var all bool
	fs := m.newFlagSet("layer show", "layer show NAME [--json] [--all-versions] [--as-known T]", &c, true, true)
	fs.BoolVar(&all, "all-versions", false, "list superseded versions too")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErrorf("layer show: name one layer")
	}
	asKnown, err := c.asKnownTime()
	if err != nil {
		return err
	}
	svc, err := m.open(c)
	if err != nil {
		return err
	}
	l, err := svc.FindLayer(ctx, pos[0])
	if err != nil {
		return err
	}
	snaps, err := svc.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: l.Name, AsKnown: asKnown, AllVersions: all})
	if err != nil {
		return err
	}
	show := layerShow{Layer: l, Statuses: map[frontline.Status][]string{}, SnapshotList: snaps}
	seen := map[string]bool{}
	uncl := map[string]int{}
	for _, sn := range snaps {
		for _, cat := range sn.Categories {
			if !seen[cat.Name] {
				seen[cat.Name] = true
				show.Statuses[cat.Status] = append(show.Statuses[cat.Status], cat.Name)
			}
		}
		for _, u := range sn.Unclassified {
			uncl[u.Name] += u.Count
		}
	}
	for st := range show.Statuses {
		sort.Strings(show.Statuses[st])
	}
	for n, k := range uncl {
		show.Unclassified = append(show.Unclassified, frontline.CategoryCount{Name: n, Count: k})
	}
	if show.Unclassified == nil {
		show.Unclassified = []frontline.CategoryCount{}
	}
	if c.json {
		return m.printJSON(show)
	}
	w := m.Stdout
	fmt.Fprintf(w, "Layer %s", l.Name)
	if l.Title != "" {
		fmt.Fprintf(w, " — %s", l.Title)
	}
	fmt.Fprintln(w)
	if l.Source != "" {
		fmt.Fprintf(w, "Source:   %s\n", l.Source)
	}
	if l.Licence != "" {
		fmt.Fprintf(w, "Licence:  %s\n", l.Licence)
	}
	fmt.Fprintf(w, "Snapshots: %d (%s – %s)\n", len(snaps), fmtDate(l.FirstValidAt), fmtDate(l.LastValidAt))
	fmt.Fprintln(w, "Categories by status:")
	for _, st := range append(append([]frontline.Status{}, frontline.Statuses...), frontline.StatusNone) {
		if names := show.Statuses[st]; len(names) > 0 {
			fmt.Fprintf(w, "  %-9s %s\n", st, strings.Join(quoteAll(names, 8), ", "))
		}
	}
	if len(show.Unclassified) > 0 {
		fmt.Fprintf(w, "  UNCLASSIFIED (left out of areas): %s\n", strings.Join(quoteCounts(show.Unclassified), ", "))
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "ID\tVALID AT (UTC)\tRECORDED AT (UTC)\tRUSSIA km²\tCONTESTED km²\tUNKNOWN km²\tPOLYGONS\tSOURCE\t")
	for _, sn := range snaps {
		note := sn.SourceName
		if sn.SupersededAt != nil {
			note += " (superseded " + sn.SupersededAt.Format("2006-01-02 15:04") + ")"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t\n", sn.ID, sn.ValidAt.Format("2006-01-02 15:04"), sn.RecordedAt.Format("2006-01-02 15:04:05"),
			km2(sn.AreasKm2[frontline.StatusRussia]), km2(sn.AreasKm2[frontline.StatusContested]), km2(sn.AreasKm2[frontline.StatusUnknown]), sn.Polygons, note)
	}
	return tw.Flush()
}

func quoteAll(names []string, max int) []string {
	var out []string
	for i, n := range names {
		if i == max {
			out = append(out, fmt.Sprintf("… %d more", len(names)-max))
			break
		}
		out = append(out, fmt.Sprintf("%q", n))
	}
	return out
}

func quoteCounts(cs []frontline.CategoryCount) []string {
	var out []string
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%q ×%d", c.Name, c.Count))
	}
	return out
}

func (m *Main) printJSON(v any) error {
	enc := json.NewEncoder(m.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

const deepStateLicence = "© DeepStateMap (deepstatemap.live): attribution required; archives of its maps are published for educational, non-commercial use."

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
