package report

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/frontline-osint/frontline"
)

// Outcome is what happened to one file or item.
type Outcome string

const (
	Stored    Outcome = "stored"
	Duplicate Outcome = "duplicate" // the same bytes were stored before: the stored report's ID
	Refused   Outcome = "refused"
)

// AddOptions apply to every report of a file.
type AddOptions struct {
	// Source names the publisher (a known source's name or alias, or any
	// name); it overrides what the file says.
	Source string
	// PublishedAt overrides the publication time read from the file.
	PublishedAt *time.Time
}

// ItemResult is one report of a file.
type ItemResult struct {
	Item    int                  `json:"item,omitempty"`
	ID      int64                `json:"id"`
	Outcome Outcome              `json:"outcome"`
	Kind    frontline.ReportKind `json:"kind"`
	Title   string               `json:"title"`
	Source  string               `json:"source,omitempty"`
	Note    string               `json:"note,omitempty"`
	// Reason says why a refused item was not stored (its ID is then 0).
	Reason string `json:"reason,omitempty"`
}

// FileResult is one file's outcome: stored when it added at least one
// report, duplicate when every report was stored before, refused (with
// the reason) when nothing of it was stored.
type FileResult struct {
	File       string               `json:"file"`
	Kind       frontline.ReportKind `json:"kind,omitempty"`
	Outcome    Outcome              `json:"outcome"`
	Reason     string               `json:"reason,omitempty"`
	Stored     int                  `json:"stored"`
	Duplicates int                  `json:"duplicates"`
	// RefusedItems counts the items of a stored file that were refused
	// (each with its reason in Items).
	RefusedItems int          `json:"refused_items,omitempty"`
	Items        []ItemResult `json:"items"`
}

// Service ingests reports and keeps the source registry.
type Service struct {
	Reports frontline.ReportStore
	Sources frontline.SourceStore
	Now     frontline.Clock
	// MaxBytes is the largest file accepted (default MaxBytes).
	MaxBytes int64

	seeded  bool
	sources []*frontline.Source
}

// NewService returns a service on the stores.
func NewService(reports frontline.ReportStore, sources frontline.SourceStore) *Service {
	return &Service{Reports: reports, Sources: sources, Now: time.Now, MaxBytes: MaxBytes}
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC()
	}
	return s.Now().UTC()
}

// ReadFile reads a file for AddBytes, refusing it before reading when it
// is over the limit (and reading at most the limit when its size changes
// meanwhile).
func (s *Service) ReadFile(path string) ([]byte, error) {
	lim := s.MaxBytes
	if lim <= 0 || lim > MaxBytes {
		lim = MaxBytes
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, refusef("%v", unwrapPath(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, refusef("%v", unwrapPath(err))
	}
	if fi.IsDir() {
		return nil, refusef("a folder, not a file")
	}
	if fi.Size() > lim {
		return nil, refusef("file is %.1f MiB, over the %d MiB limit for a report", float64(fi.Size())/(1<<20), lim>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, lim+1))
	if err != nil {
		return nil, refusef("%v", err)
	}
	if int64(len(data)) > lim {
		return nil, refusef("file grew past the %d MiB limit while being read", lim>>20)
	}
	return data, nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// AddFile reads and adds one file.
func (s *Service) AddFile(ctx context.Context, path string, opt AddOptions) (*FileResult, error) {
	data, err := s.ReadFile(path)
	if err != nil {
		return &FileResult{File: path, Outcome: Refused, Reason: frontline.ErrorMessage(err), Items: []ItemResult{}}, nil
	}
	return s.AddBytes(ctx, path, data, opt)
}

// AddBytes parses one file's bytes and stores its reports in one
// transaction. Input that cannot be read is a Refused result, not an
// error; the error is for a store that fails.
func (s *Service) AddBytes(ctx context.Context, name string, data []byte, opt AddOptions) (*FileResult, error) {
	res := &FileResult{File: name, Items: []ItemResult{}}
	if lim := s.MaxBytes; lim > 0 && int64(len(data)) > lim {
		res.Outcome, res.Reason = Refused, frontline.ErrorMessage(refusef("file is %.1f MiB, over the %d MiB limit for a report", float64(len(data))/(1<<20), lim>>20))
		return res, nil
	}
	p, err := Parse(name, data)
	if err != nil {
		res.Outcome, res.Reason = Refused, frontline.ErrorMessage(err)
		return res, nil
	}
	res.Kind = p.Kind
	if err := s.ensureSources(ctx); err != nil {
		return nil, err
	}
	now := s.now()
	var container *frontline.ReportContainer
	if p.Container {
		container = &frontline.ReportContainer{Hash: Hash(data), Name: frontline.FileBase(name), Kind: p.Kind, Raw: data, RecordedAt: now}
	}
	given := ""
	if opt.Source != "" {
		given = s.ResolveSource(opt.Source)
	}
	for _, r := range p.Reports {
		r.RecordedAt, r.FileName = now, frontline.FileBase(name)
		// Times outside 1900–2100, however a reader got them, are junk.
		if r.PublishedAt != nil && !frontline.InYears(*r.PublishedAt) {
			r.Note = strings.TrimSpace(r.Note + " publication time " + r.PublishedAt.Format(time.RFC3339) + " is out of range: left unknown.")
			r.PublishedAt = nil
		}
		if r.Evidence != nil && r.Evidence.Time != nil && !frontline.InYears(*r.Evidence.Time) {
			r.Note = strings.TrimSpace(r.Note + " evidence time " + r.Evidence.Time.Format(time.RFC3339) + " is out of range: left unknown.")
			r.Evidence.Time = nil
		}
		if container != nil {
			r.Container = container.Hash
		}
		if given != "" {
			r.Source = given
		} else if r.Source != "" {
			r.Source = s.ResolveSource(r.Source)
		}
		if opt.PublishedAt != nil {
			t := opt.PublishedAt.UTC()
			r.PublishedAt = &t
		} else if r.PublishedAt == nil {
			if t, ok := DateFromName(name); ok {
				r.PublishedAt = &t
				r.Note = strings.TrimSpace(r.Note + " publication date taken from the file name.")
			}
		}
	}
	added, err := s.Reports.AddReports(ctx, container, p.Reports)
	if err != nil {
		return nil, err
	}
	for i, r := range p.Reports {
		it := ItemResult{Item: r.Item, ID: r.ID, Outcome: Duplicate, Kind: r.Kind, Title: r.Title, Source: r.Source, Note: r.Note}
		if added[i] {
			it.Outcome = Stored
			res.Stored++
		} else {
			res.Duplicates++
			if opt.PublishedAt != nil {
				// The stored report keeps its publication time: say so
				// rather than drop the one given.
				note, err := s.publishedNotApplied(ctx, r.ID, opt.PublishedAt.UTC())
				if err != nil {
					return nil, err
				}
				it.Note = joinNotes(nonEmpty(it.Note, note))
			}
		}
		res.Items = append(res.Items, it)
	}
	for _, ref := range p.Refused {
		res.Items = append(res.Items, ItemResult{Item: ref.Item, Outcome: Refused, Kind: p.Kind, Reason: ref.Reason})
		res.RefusedItems++
	}
	if len(p.Refused) > 0 {
		sort.SliceStable(res.Items, func(i, j int) bool { return res.Items[i].Item < res.Items[j].Item })
	}
	res.Outcome = Duplicate
	if res.Stored > 0 {
		res.Outcome = Stored
	}
	return res, nil
}

// publishedNotApplied returns a note when the stored report id was
// published at another time than want ("" when the times agree).
func (s *Service) publishedNotApplied(ctx context.Context, id int64, want time.Time) (string, error) {
	stored, err := s.Reports.FindReport(ctx, id)
	if err != nil {
		return "", err
	}
	if stored.PublishedAt != nil && stored.PublishedAt.Equal(want) {
		return "", nil
	}
	was := "publication time unknown"
	if stored.PublishedAt != nil {
		was = "published " + FormatTime(*stored.PublishedAt)
	}
	return fmt.Sprintf("already stored as report %d (%s); --published %s not applied", id, was, FormatTime(want)), nil
}

// FormatTime writes a time for people: the UTC date, with the time of day
// unless it is midnight.
func FormatTime(t time.Time) string {
	t = t.UTC()
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04 UTC")
}

// ResolveSource returns the canonical name of the known source that name
// (a name, an alias, a URL or a host name) denotes, or name itself,
// trimmed, when none does. A feed's title such as "BBC News - World"
// matches by its leading alias.
func (s *Service) ResolveSource(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	for _, src := range s.sources {
		if src.Matches(name) {
			return src.Name
		}
	}
	if host := hostOf(name); host != "" {
		for h := host; strings.Contains(h, "."); h = h[strings.IndexByte(h, '.')+1:] {
			for _, src := range s.sources {
				if src.Matches(h) {
					return src.Name
				}
			}
		}
		return baseDomain(host)
	}
	best, bestLen := "", 0
	for _, src := range s.sources {
		for _, a := range append([]string{src.Name}, src.Aliases...) {
			if len(a) > bestLen && len(a) >= 3 && len(name) > len(a) && strings.EqualFold(name[:len(a)], a) {
				if r := rune(name[len(a)]); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					best, bestLen = src.Name, len(a)
				}
			}
		}
	}
	if best != "" {
		return best
	}
	return name
}

// hostOf returns the host (without "www.") of a URL, "" if name is not
// one.
func hostOf(name string) string {
	if !strings.Contains(name, "://") {
		return ""
	}
	u, err := url.Parse(name)
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// baseDomain drops a host's subdomains ("rss.nytimes.com" → "nytimes.com",
// "www.dailymail.co.uk" → "dailymail.co.uk"): the publisher, not its feed
// server.
func baseDomain(host string) string {
	labels := strings.Split(host, ".")
	n := 2
	if len(labels) >= 3 {
		second := labels[len(labels)-2]
		if len(labels[len(labels)-1]) == 2 && (second == "co" || second == "com" || second == "org" || second == "net" || second == "gov" || second == "ac") {
			n = 3
		}
	}
	if len(labels) <= n {
		return host
	}
	return strings.Join(labels[len(labels)-n:], ".")
}

// KnownSource returns the known source name or an alias denotes, nil if
// none.
func (s *Service) KnownSource(ctx context.Context, name string) (*frontline.Source, error) {
	if err := s.ensureSources(ctx); err != nil {
		return nil, err
	}
	canon := s.ResolveSource(name)
	for _, src := range s.sources {
		if src.Name == canon {
			return src, nil
		}
	}
	return nil, nil
}

//go:embed sources.json
var defaultSourcesJSON []byte

// DefaultSources returns the sources Frontline ships: publishers whose
// names recur in reports of the war, each with a grade and the reason for
// it. They are written to the store on first use; a user's edit of one
// (source add, source grade) wins over later defaults.
func DefaultSources() ([]*frontline.Source, error) {
	var out []*frontline.Source
	if err := json.Unmarshal(defaultSourcesJSON, &out); err != nil {
		return nil, err
	}
	for _, s := range out {
		s.Origin = "default"
	}
	return out, nil
}

// ensureSources seeds the defaults once per Service and loads the
// registry for source resolution.
func (s *Service) ensureSources(ctx context.Context) error {
	if s.seeded {
		return nil
	}
	if err := s.SeedSources(ctx); err != nil {
		return err
	}
	s.seeded = true
	return nil
}

// SeedSources writes the default sources: new ones are added, defaults
// nobody edited are updated when the shipped version differs, and sources
// a user added or changed are left alone.
func (s *Service) SeedSources(ctx context.Context) error {
	defs, err := DefaultSources()
	if err != nil {
		return err
	}
	cur, err := s.Sources.FindSources(ctx)
	if err != nil {
		return err
	}
	byName := map[string]*frontline.Source{}
	for _, c := range cur {
		byName[strings.ToLower(c.Name)] = c
	}
	changed := false
	now := s.now()
	for _, d := range defs {
		c := byName[strings.ToLower(d.Name)]
		if c != nil && (c.Origin != "default" || sameSource(c, d)) {
			continue
		}
		d.UpdatedAt = now
		if err := s.Sources.PutSource(ctx, d); err != nil {
			return err
		}
		changed = true
	}
	if changed {
		if cur, err = s.Sources.FindSources(ctx); err != nil {
			return err
		}
	}
	s.sources = cur
	return nil
}

func sameSource(a, b *frontline.Source) bool {
	return a.Kind == b.Kind && a.Side == b.Side && a.Reliability == b.Reliability && a.Reason == b.Reason && reflect.DeepEqual(aliasSet(a.Aliases), aliasSet(b.Aliases))
}

func aliasSet(as []string) map[string]bool {
	m := map[string]bool{}
	for _, a := range as {
		if a = strings.ToLower(strings.TrimSpace(a)); a != "" {
			m[a] = true
		}
	}
	return m
}

// FindSources returns the registry (seeding the defaults first).
func (s *Service) FindSources(ctx context.Context) ([]*frontline.Source, error) {
	if err := s.ensureSources(ctx); err != nil {
		return nil, err
	}
	return s.Sources.FindSources(ctx)
}

// PutSource adds or edits a source as the user: it no longer follows the
// shipped defaults.
func (s *Service) PutSource(ctx context.Context, src *frontline.Source) error {
	if err := s.ensureSources(ctx); err != nil {
		return err
	}
	src.Origin = "user"
	if src.UpdatedAt.IsZero() {
		src.UpdatedAt = s.now()
	}
	if err := s.Sources.PutSource(ctx, src); err != nil {
		return err
	}
	s.seeded = false
	return nil
}

// GradeSource grades the source name (or an alias) denotes, as the user.
func (s *Service) GradeSource(ctx context.Context, name string, r frontline.Reliability, reason string) (*frontline.Source, error) {
	src, err := s.KnownSource(ctx, name)
	if err != nil {
		return nil, err
	} else if src == nil {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "unknown source %q: add it with frontline source add", name)
	}
	if strings.TrimSpace(reason) == "" {
		return nil, frontline.Errorf(frontline.EINVALID, "a grade needs a reason")
	}
	if err := s.Sources.GradeSource(ctx, frontline.SourceGrade{Source: src.Name, Reliability: r, Reason: reason, Origin: "user", RecordedAt: s.now()}); err != nil {
		return nil, err
	}
	s.seeded = false
	return s.Sources.FindSource(ctx, src.Name)
}

// ExpandPaths turns files and folders into the files to add: folders are
// walked (hidden files and folders skipped, and the folder's own
// documentation: README, LICENSE, COPYING, NOTICE, CHANGELOG, whatever
// their extension), files in name order. A file named on its own is
// always added.
func ExpandPaths(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, frontline.Errorf(frontline.EINVALID, "%s: %v", p, unwrapPath(err))
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && !IsFolderDoc(d.Name()) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, frontline.Errorf(frontline.EINVALID, "%s: %v", p, err)
		}
		if len(found) == 0 {
			return nil, frontline.Errorf(frontline.EINVALID, "%s: no files in this folder", p)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// IsFolderDoc tells whether a file name is that of a folder's own
// documentation (README.md, LICENSE, COPYING.txt, NOTICE, CHANGELOG.md…),
// which describes the folder and is not a report.
func IsFolderDoc(name string) bool {
	base := strings.ToUpper(name)
	if i := strings.IndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	switch base {
	case "README", "LICENSE", "LICENCE", "COPYING", "NOTICE", "CHANGELOG", "AUTHORS":
		return true
	}
	return false
}

// DateFromName reads a publication date from a file name that starts with
// one ("2022-09-08-cnn-….txt"), as archives of press cuttings are named;
// the day's noon UTC stands for "some time that day".
func DateFromName(name string) (time.Time, bool) {
	base := filepath.Base(name)
	if len(base) < 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", base[:10])
	if err != nil || (len(base) > 10 && base[10] != '-' && base[10] != '_' && base[10] != '.' && base[10] != 'T') {
		return time.Time{}, false
	}
	return t.Add(12 * time.Hour), true
}
