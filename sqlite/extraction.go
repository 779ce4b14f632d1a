package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"
	"strings"

	"github.com/frontline-osint/frontline"
)

var _ frontline.ExtractionStore = (*ExtractionStore)(nil)

// ExtractionStore implements frontline.ExtractionStore on a DB: the
// extraction of each report as JSON, and its claims in a side table indexed
// by place, report and time.
type ExtractionStore struct {
	db *DB
}

// NewExtractionStore returns an extraction store on db.
func NewExtractionStore(db *DB) *ExtractionStore { return &ExtractionStore{db: db} }

// PutExtractions stores extractions in one transaction; those already
// stored for their report and version are left alone.
func (s *ExtractionStore) PutExtractions(ctx context.Context, xs []*frontline.StoredExtraction) ([]bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	claim, err := tx.PrepareContext(ctx, `INSERT INTO extraction_claims (extraction_id, idx, report_id, version, place_id, assertion, side, speaker_side, refers_to, report_time, body)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, err
	}
	defer claim.Close()
	added := make([]bool, len(xs))
	for i, x := range xs {
		if x.RecordedAt.IsZero() {
			x.RecordedAt = s.db.now()
		}
		if added[i], err = putExtraction(ctx, tx, claim, x); err != nil {
			return nil, err
		}
	}
	return added, tx.Commit()
}

// putExtraction stores one extraction and its claims (with the prepared
// statement claim).
func putExtraction(ctx context.Context, tx *sql.Tx, claim *sql.Stmt, x *frontline.StoredExtraction) (bool, error) {
	if strings.TrimSpace(x.Version) == "" {
		return false, frontline.Errorf(frontline.EINVALID, "extraction of report %d has no extractor version", x.ReportID)
	}
	var published sql.NullInt64
	var recorded int64
	err := tx.QueryRowContext(ctx, `SELECT published_at, recorded_at FROM reports WHERE id = ?`, x.ReportID).Scan(&published, &recorded)
	if err == sql.ErrNoRows {
		return false, frontline.Errorf(frontline.ENOTFOUND, "no report %d", x.ReportID)
	} else if err != nil {
		return false, err
	}
	reportTime := recorded
	if published.Valid {
		reportTime = published.Int64
	}
	body, err := json.Marshal(normalExtraction(x.Extraction))
	if err != nil {
		return false, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO extractions (report_id, version, recorded_at, error, body) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (report_id, version) DO NOTHING`, x.ReportID, x.Version, x.RecordedAt.UnixNano(), x.Error, string(body))
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return false, err
	} else if n == 0 {
		return false, nil
	}
	id, err := res.LastInsertId()
	if err != nil {
		return false, err
	}
	for i, c := range x.Extraction.Claims {
		cj, err := json.Marshal(c)
		if err != nil {
			return false, err
		}
		if _, err := claim.ExecContext(ctx, id, i, x.ReportID, x.Version, c.PlaceID, c.Assertion, string(c.Side), string(c.SpeakerSide), c.RefersTo, reportTime, string(cj)); err != nil {
			return false, err
		}
	}
	return true, nil
}

// normalExtraction replaces nil lists by empty ones, so that stored JSON
// reads back as it was put.
func normalExtraction(e frontline.Extraction) frontline.Extraction {
	if e.Places == nil {
		e.Places = []frontline.Mention{}
	}
	if e.Claims == nil {
		e.Claims = []frontline.Claim{}
	}
	if e.Numbers == nil {
		e.Numbers = []frontline.NumberClaim{}
	}
	return e
}

// latestExtraction is true for the last recorded extraction of a report
// (alias x).
const latestExtraction = `x.id = (SELECT l.id FROM extractions l WHERE l.report_id = x.report_id ORDER BY l.recorded_at DESC, l.id DESC LIMIT 1)`

// FindExtractions returns stored extractions.
func (s *ExtractionStore) FindExtractions(ctx context.Context, f frontline.ExtractionFilter) ([]*frontline.StoredExtraction, error) {
	var where []string
	var args []any
	if f.ReportIDs != nil {
		if len(f.ReportIDs) == 0 {
			return []*frontline.StoredExtraction{}, nil
		}
		where = append(where, `x.report_id IN (SELECT value FROM json_each(?))`)
		ids, _ := json.Marshal(f.ReportIDs)
		args = append(args, string(ids))
	}
	if f.Version != "" {
		where, args = append(where, `x.version = ?`), append(args, f.Version)
	} else {
		where = append(where, latestExtraction)
	}
	q := `SELECT x.report_id, x.version, x.recorded_at, x.error, x.body FROM extractions x WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY x.report_id, x.recorded_at, x.id`
	rows, err := s.db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*frontline.StoredExtraction{}
	for rows.Next() {
		x := &frontline.StoredExtraction{}
		var recorded int64
		var body string
		if err := rows.Scan(&x.ReportID, &x.Version, &recorded, &x.Error, &body); err != nil {
			return nil, err
		}
		x.RecordedAt = fromNanos(recorded)
		if err := json.Unmarshal([]byte(body), &x.Extraction); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// FindClaims returns stored claims from the side table.
func (s *ExtractionStore) FindClaims(ctx context.Context, q frontline.ClaimQuery) ([]*frontline.StoredClaim, error) {
	var where []string
	var args []any
	switch {
	case q.PlaceIDs != nil:
		ids := append([]string{}, q.PlaceIDs...)
		if q.PlaceID != "" {
			ids = append(ids, q.PlaceID)
		}
		if len(ids) == 0 {
			return []*frontline.StoredClaim{}, nil
		}
		// One query for every place (the settlements of a change), by the
		// place index.
		pj, _ := json.Marshal(ids)
		where, args = append(where, `c.place_id IN (SELECT value FROM json_each(?))`), append(args, string(pj))
	case q.PlaceID != "":
		where, args = append(where, `c.place_id = ?`), append(args, q.PlaceID)
	}
	if q.ReportID != 0 {
		where, args = append(where, `c.report_id = ?`), append(args, q.ReportID)
	}
	if !q.Since.IsZero() {
		where, args = append(where, `c.report_time >= ?`), append(args, q.Since.UnixNano())
	}
	if !q.Until.IsZero() {
		where, args = append(where, `c.report_time <= ?`), append(args, q.Until.UnixNano())
	}
	if q.Version != "" {
		where, args = append(where, `c.version = ?`), append(args, q.Version)
	} else {
		where = append(where, `c.extraction_id = (SELECT l.id FROM extractions l WHERE l.report_id = c.report_id ORDER BY l.recorded_at DESC, l.id DESC LIMIT 1)`)
	}
	sqlq := `SELECT c.report_id, c.version, c.idx, c.report_time, c.body, r.kind, r.source, r.title, r.url, r.published_at, r.recorded_at
		FROM extraction_claims c JOIN reports r ON r.id = c.report_id WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY c.report_time, c.report_id, c.idx`
	if q.Limit > 0 {
		sqlq += ` LIMIT ? OFFSET ?`
		args = append(args, q.Limit, q.Offset)
	} else if q.Offset > 0 {
		sqlq += ` LIMIT -1 OFFSET ?`
		args = append(args, q.Offset)
	}
	rows, err := s.db.query(ctx, sqlq, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*frontline.StoredClaim{}
	for rows.Next() {
		c := &frontline.StoredClaim{}
		var at, recorded int64
		var published sql.NullInt64
		var body string
		rep := &c.Report
		if err := rows.Scan(&c.ReportID, &c.Version, &c.Index, &at, &body, &rep.Kind, &rep.Source, &rep.Title, &rep.URL, &published, &recorded); err != nil {
			return nil, err
		}
		c.ReportTime = fromNanos(at)
		rep.ReportID, rep.RecordedAt = c.ReportID, fromNanos(recorded)
		if published.Valid {
			t := fromNanos(published.Int64)
			rep.PublishedAt = &t
		}
		if err := json.Unmarshal([]byte(body), &c.Claim); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// PendingReports returns the IDs of reports not yet read by version.
func (s *ExtractionStore) PendingReports(ctx context.Context, version string) ([]int64, error) {
	rows, err := s.db.query(ctx, `SELECT r.id FROM reports r
		WHERE NOT EXISTS (SELECT 1 FROM extractions x WHERE x.report_id = r.id AND x.version = ?) ORDER BY r.id`, version)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// Activity returns the reports and extractions stored after the given IDs.
func (s *ExtractionStore) Activity(ctx context.Context, afterReport, afterExtraction int64, limit int) (*frontline.ReportActivity, error) {
	a := &frontline.ReportActivity{Reports: []frontline.ReportEvent{}, Extractions: []frontline.ExtractionEvent{}}
	if err := s.db.queryRow(ctx, `SELECT COALESCE((SELECT MAX(id) FROM reports), 0), COALESCE((SELECT MAX(id) FROM extractions), 0)`).
		Scan(&a.LastReportID, &a.LastExtractionID); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 100
	}
	if afterReport >= 0 {
		rows, err := s.db.query(ctx, `SELECT id, kind, source, title, url, published_at, recorded_at FROM reports WHERE id > ? AND id <= ? ORDER BY id LIMIT ?`,
			afterReport, a.LastReportID, limit)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var e frontline.ReportEvent
			var published sql.NullInt64
			var recorded int64
			if err := rows.Scan(&e.ReportID, &e.Kind, &e.Source, &e.Title, &e.URL, &published, &recorded); err != nil {
				return nil, err
			}
			e.RecordedAt = fromNanos(recorded)
			if published.Valid {
				t := fromNanos(published.Int64)
				e.PublishedAt = &t
			}
			a.Reports = append(a.Reports, e)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if len(a.Reports) == limit {
			a.LastReportID = a.Reports[len(a.Reports)-1].ReportID
		}
	}
	if afterExtraction >= 0 {
		rows, err := s.db.query(ctx, `SELECT x.id, x.report_id, x.version, x.recorded_at,
			(SELECT COUNT(*) FROM extraction_claims c WHERE c.extraction_id = x.id),
			(SELECT json_group_array(DISTINCT c.place_id) FROM extraction_claims c WHERE c.extraction_id = x.id AND c.place_id != '')
			FROM extractions x WHERE x.id > ? AND x.id <= ? ORDER BY x.id LIMIT ?`, afterExtraction, a.LastExtractionID, limit)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var last int64
		for rows.Next() {
			var e frontline.ExtractionEvent
			var recorded int64
			var places string
			if err := rows.Scan(&last, &e.ReportID, &e.Version, &recorded, &e.Claims, &places); err != nil {
				return nil, err
			}
			e.RecordedAt = fromNanos(recorded)
			if err := json.Unmarshal([]byte(places), &e.PlaceIDs); err != nil {
				return nil, err
			}
			sort.Strings(e.PlaceIDs)
			a.Extractions = append(a.Extractions, e)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if len(a.Extractions) == limit {
			a.LastExtractionID = last
		}
	}
	return a, nil
}
