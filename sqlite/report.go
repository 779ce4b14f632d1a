package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"
	"strings"

	"github.com/frontline-osint/frontline"
)

var (
	_ frontline.ReportStore = (*ReportStore)(nil)
	_ frontline.SourceStore = (*SourceStore)(nil)
)

// ReportStore implements frontline.ReportStore on a DB.
type ReportStore struct {
	db *DB
}

// NewReportStore returns a report store on db.
func NewReportStore(db *DB) *ReportStore { return &ReportStore{db: db} }

// AddReports stores one file's reports in one transaction.
func (s *ReportStore) AddReports(ctx context.Context, container *frontline.ReportContainer, reports []*frontline.Report) ([]bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if container != nil {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO report_containers (hash, name, kind, raw, recorded_at) VALUES (?, ?, ?, ?, ?)`,
			container.Hash, container.Name, string(container.Kind), container.Raw, container.RecordedAt.UnixNano()); err != nil {
			return nil, err
		}
	}
	added := make([]bool, len(reports))
	for i, r := range reports {
		if added[i], err = addReport(ctx, tx, r); err != nil {
			return nil, err
		}
	}
	return added, tx.Commit()
}

func addReport(ctx context.Context, tx *sql.Tx, r *frontline.Report) (bool, error) {
	if r.Hash == "" {
		return false, frontline.Errorf(frontline.EINVALID, "report has no hash")
	}
	err := tx.QueryRowContext(ctx, `SELECT id FROM reports WHERE hash = ?`, r.Hash).Scan(&r.ID)
	if err == nil {
		return false, nil
	} else if err != sql.ErrNoRows {
		return false, err
	}
	var published sql.NullInt64
	if r.PublishedAt != nil {
		published = sql.NullInt64{Int64: r.PublishedAt.UnixNano(), Valid: true}
	}
	var container sql.NullString
	if r.Container != "" {
		container = sql.NullString{String: r.Container, Valid: true}
	}
	raw := r.Raw
	if raw == nil {
		raw = []byte{}
	}
	links := ""
	if len(r.Links) > 0 {
		for _, l := range r.Links {
			if l.Start < 0 || l.End <= l.Start || l.End > len(r.Text) {
				return false, frontline.Errorf(frontline.EINVALID, "report %q: link %d–%d is not a span of its %d-byte text", r.Title, l.Start, l.End, len(r.Text))
			}
		}
		lj, err := json.Marshal(r.Links)
		if err != nil {
			return false, frontline.Errorf(frontline.EINVALID, "report %q: links: %v", r.Title, err)
		}
		links = string(lj)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO reports (hash, source, kind, title, url, published_at, recorded_at, file_name, item, container, raw, text, lang, note, links)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Hash, r.Source, string(r.Kind), r.Title, r.URL, published, r.RecordedAt.UnixNano(), r.FileName, r.Item, container, raw, r.Text, r.Lang, r.Note, links)
	if err != nil {
		return false, err
	}
	if r.ID, err = res.LastInsertId(); err != nil {
		return false, err
	}
	if e := r.Evidence; e != nil {
		var at sql.NullInt64
		if e.Time != nil {
			at = sql.NullInt64{Int64: e.Time.UnixNano(), Valid: true}
		}
		links := e.Links
		if links == nil {
			links = []string{}
		}
		lj, _ := json.Marshal(links)
		if _, err := tx.ExecContext(ctx, `INSERT INTO evidence (report_id, lon, lat, time, time_precision, kind, description, location, link, links)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.ID, e.Lon, e.Lat, at, e.TimePrecision, e.Kind, e.Description, e.Location, e.Link, string(lj)); err != nil {
			return false, err
		}
	}
	return true, nil
}

const reportColumns = `r.id, r.hash, r.source, r.kind, r.title, r.url, r.published_at, r.recorded_at, r.file_name, r.item, r.container, r.text, r.lang, r.note, r.links,
	e.lon, e.lat, e.time, e.time_precision, e.kind, e.description, e.location, e.link, e.links`

// FindReport returns one report with its raw bytes.
func (s *ReportStore) FindReport(ctx context.Context, id int64) (*frontline.Report, error) {
	rs, err := s.findReports(ctx, `WHERE r.id = ?`, []any{id}, true)
	if err != nil {
		return nil, err
	} else if len(rs) == 0 {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "no report %d", id)
	}
	return rs[0], nil
}

// FindReports returns the reports matching f.
func (s *ReportStore) FindReports(ctx context.Context, f frontline.ReportFilter) ([]*frontline.Report, error) {
	var where []string
	var args []any
	if f.Source != "" {
		where, args = append(where, `r.source = ? COLLATE NOCASE`), append(args, f.Source)
	}
	if f.Kind != "" {
		where, args = append(where, `r.kind = ?`), append(args, string(f.Kind))
	}
	if !f.Since.IsZero() {
		where, args = append(where, `COALESCE(r.published_at, r.recorded_at) >= ?`), append(args, f.Since.UnixNano())
	}
	if !f.Until.IsZero() {
		where, args = append(where, `COALESCE(r.published_at, r.recorded_at) <= ?`), append(args, f.Until.UnixNano())
	}
	q := ""
	if len(where) > 0 {
		q = "WHERE " + strings.Join(where, " AND ")
	}
	q += ` ORDER BY COALESCE(r.published_at, r.recorded_at), r.id`
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	} else if f.Offset > 0 {
		q += ` LIMIT -1 OFFSET ?`
		args = append(args, f.Offset)
	}
	return s.findReports(ctx, q, args, f.WithRaw)
}

func (s *ReportStore) findReports(ctx context.Context, tail string, args []any, withRaw bool) ([]*frontline.Report, error) {
	cols := reportColumns
	if withRaw {
		cols += `, r.raw`
	}
	rows, err := s.db.query(ctx, `SELECT `+cols+` FROM reports r LEFT JOIN evidence e ON e.report_id = r.id `+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*frontline.Report{}
	for rows.Next() {
		r := &frontline.Report{}
		var published sql.NullInt64
		var recorded int64
		var container sql.NullString
		var lon, lat sql.NullFloat64
		var etime sql.NullInt64
		var eprec, ekind, edesc, eloc, elink, elinks sql.NullString
		var links string
		dest := []any{&r.ID, &r.Hash, &r.Source, &r.Kind, &r.Title, &r.URL, &published, &recorded, &r.FileName, &r.Item, &container, &r.Text, &r.Lang, &r.Note, &links,
			&lon, &lat, &etime, &eprec, &ekind, &edesc, &eloc, &elink, &elinks}
		if withRaw {
			dest = append(dest, &r.Raw)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		if withRaw && r.Raw == nil {
			r.Raw = []byte{}
		}
		r.RecordedAt = fromNanos(recorded)
		if published.Valid {
			t := fromNanos(published.Int64)
			r.PublishedAt = &t
		}
		r.Container = container.String
		if links != "" {
			if err := json.Unmarshal([]byte(links), &r.Links); err != nil {
				return nil, err
			}
		}
		if lon.Valid {
			e := &frontline.Evidence{Lon: lon.Float64, Lat: lat.Float64, TimePrecision: eprec.String, Kind: ekind.String,
				Description: edesc.String, Location: eloc.String, Link: elink.String}
			if etime.Valid {
				t := fromNanos(etime.Int64)
				e.Time = &t
			}
			if err := json.Unmarshal([]byte(elinks.String), &e.Links); err != nil {
				return nil, err
			}
			if len(e.Links) == 0 {
				e.Links = nil
			}
			r.Evidence = e
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReportContainer returns a stored container file by hash.
func (s *ReportStore) ReportContainer(ctx context.Context, hash string) (*frontline.ReportContainer, error) {
	c := &frontline.ReportContainer{Hash: hash}
	var recorded int64
	err := s.db.queryRow(ctx, `SELECT name, kind, raw, recorded_at FROM report_containers WHERE hash = ?`, hash).Scan(&c.Name, &c.Kind, &c.Raw, &recorded)
	if err == sql.ErrNoRows {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "no stored file with hash %s", hash)
	} else if err != nil {
		return nil, err
	}
	c.RecordedAt = fromNanos(recorded)
	return c, nil
}

// SourceStore implements frontline.SourceStore on a DB.
type SourceStore struct {
	db *DB
}

// NewSourceStore returns a source store on db.
func NewSourceStore(db *DB) *SourceStore { return &SourceStore{db: db} }

// FindSource returns the source named name (exactly, ignoring case).
func (s *SourceStore) FindSource(ctx context.Context, name string) (*frontline.Source, error) {
	src, err := s.findSources(ctx, s.db, `WHERE s.name = ? COLLATE NOCASE`, name)
	if err != nil {
		return nil, err
	} else if len(src) == 0 {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "unknown source %q", name)
	}
	return src[0], nil
}

// FindSources returns every source, by name.
func (s *SourceStore) FindSources(ctx context.Context) ([]*frontline.Source, error) {
	return s.findSources(ctx, s.db, `ORDER BY s.name COLLATE NOCASE`)
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (s *SourceStore) findSources(ctx context.Context, q querier, tail string, args ...any) ([]*frontline.Source, error) {
	rows, err := q.QueryContext(ctx, `SELECT s.name, s.kind, s.side, s.aliases, s.origin, s.updated_at,
		COALESCE(g.reliability, ''), COALESCE(g.reason, '')
		FROM sources s LEFT JOIN source_grades g ON g.id = (
			SELECT id FROM source_grades WHERE source = s.name ORDER BY recorded_at DESC, id DESC LIMIT 1)
		`+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*frontline.Source{}
	for rows.Next() {
		src := &frontline.Source{}
		var aliases string
		var updated int64
		if err := rows.Scan(&src.Name, &src.Kind, &src.Side, &aliases, &src.Origin, &updated, &src.Reliability, &src.Reason); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(aliases), &src.Aliases); err != nil {
			return nil, err
		}
		src.UpdatedAt = fromNanos(updated)
		out = append(out, src)
	}
	return out, rows.Err()
}

// PutSource creates or updates a source and appends a grade when it
// changed.
func (s *SourceStore) PutSource(ctx context.Context, src *frontline.Source) error {
	if err := validateSource(src); err != nil {
		return err
	}
	at := src.UpdatedAt
	if at.IsZero() {
		at = s.db.now()
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	cur, err := s.findSources(ctx, tx, `WHERE s.name = ? COLLATE NOCASE`, src.Name)
	if err != nil {
		return err
	}
	aliases := dedupeAliases(src.Aliases)
	aj, _ := json.Marshal(aliases)
	if len(cur) == 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sources (name, kind, side, aliases, origin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			src.Name, string(src.Kind), string(src.Side), string(aj), src.Origin, at.UnixNano(), at.UnixNano()); err != nil {
			return err
		}
	} else {
		src.Name = cur[0].Name // keep the stored spelling
		if _, err := tx.ExecContext(ctx, `UPDATE sources SET kind = ?, side = ?, aliases = ?, origin = ?, updated_at = ? WHERE name = ?`,
			string(src.Kind), string(src.Side), string(aj), src.Origin, at.UnixNano(), src.Name); err != nil {
			return err
		}
	}
	if len(cur) == 0 || cur[0].Reliability != src.Reliability || cur[0].Reason != src.Reason {
		if _, err := tx.ExecContext(ctx, `INSERT INTO source_grades (source, reliability, reason, origin, recorded_at) VALUES (?, ?, ?, ?, ?)`,
			src.Name, string(src.Reliability), src.Reason, src.Origin, at.UnixNano()); err != nil {
			return err
		}
	}
	src.Aliases, src.UpdatedAt = aliases, at
	return tx.Commit()
}

func validateSource(src *frontline.Source) error {
	if strings.TrimSpace(src.Name) == "" {
		return frontline.Errorf(frontline.EINVALID, "a source needs a name")
	}
	if _, err := frontline.ParseSourceKind(string(src.Kind)); err != nil {
		return err
	}
	if _, err := frontline.ParseSide(string(src.Side)); err != nil {
		return err
	}
	if _, err := frontline.ParseReliability(string(src.Reliability)); err != nil {
		return err
	}
	if src.Origin != "default" && src.Origin != "user" {
		return frontline.Errorf(frontline.EINVALID, "source origin must be default or user, not %q", src.Origin)
	}
	return nil
}

func dedupeAliases(in []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, a := range in {
		a = strings.TrimSpace(a)
		if a == "" || seen[strings.ToLower(a)] {
			continue
		}
		seen[strings.ToLower(a)] = true
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// GradeSource appends a grade to a source.
func (s *SourceStore) GradeSource(ctx context.Context, g frontline.SourceGrade) error {
	if _, err := frontline.ParseReliability(string(g.Reliability)); err != nil {
		return err
	}
	if g.Origin == "" {
		g.Origin = "user"
	}
	at := g.RecordedAt
	if at.IsZero() {
		at = s.db.now()
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM sources WHERE name = ? COLLATE NOCASE`, g.Source).Scan(&name); err == sql.ErrNoRows {
		return frontline.Errorf(frontline.ENOTFOUND, "unknown source %q", g.Source)
	} else if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO source_grades (source, reliability, reason, origin, recorded_at) VALUES (?, ?, ?, ?, ?)`,
		name, string(g.Reliability), g.Reason, g.Origin, at.UnixNano()); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sources SET origin = ?, updated_at = ? WHERE name = ?`, g.Origin, at.UnixNano(), name); err != nil {
		return err
	}
	return tx.Commit()
}

// FindSourceGrades returns a source's grades, oldest first.
func (s *SourceStore) FindSourceGrades(ctx context.Context, name string) ([]frontline.SourceGrade, error) {
	rows, err := s.db.query(ctx, `SELECT source, reliability, reason, origin, recorded_at FROM source_grades
		WHERE source = ? COLLATE NOCASE ORDER BY recorded_at, id`, name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []frontline.SourceGrade{}
	for rows.Next() {
		var g frontline.SourceGrade
		var at int64
		if err := rows.Scan(&g.Source, &g.Reliability, &g.Reason, &g.Origin, &at); err != nil {
			return nil, err
		}
		g.RecordedAt = fromNanos(at)
		out = append(out, g)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		if _, err := s.FindSource(ctx, name); err != nil {
			return nil, err
		}
	}
	return out, nil
}
