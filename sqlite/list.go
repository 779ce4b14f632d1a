package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/frontline-osint/frontline"
)

var _ frontline.ListStore = (*ListStore)(nil)

// ListStore implements frontline.ListStore on a DB.
type ListStore struct {
	db *DB
}

// NewListStore returns a list store on db.
func NewListStore(db *DB) *ListStore { return &ListStore{db: db} }

// AddListEntries stores entries as a new version of layer, recorded at the
// entries' RecordedAt (now if unset), unless the current version came
// from the same source hash.
func (s *ListStore) AddListEntries(ctx context.Context, layer, source, sourceHash string, entries []frontline.ListEntry) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM layers WHERE name = ?`, layer).Scan(&n); err != nil {
		return false, err
	} else if n == 0 {
		return false, frontline.Errorf(frontline.ENOTFOUND, "unknown layer %q", layer)
	}
	var curHash string
	err = tx.QueryRowContext(ctx, `SELECT source_hash FROM list_versions WHERE layer = ? ORDER BY recorded_at DESC, id DESC LIMIT 1`, layer).Scan(&curHash)
	if err != nil && err != sql.ErrNoRows {
		return false, err
	}
	if err == nil && curHash == sourceHash {
		return false, nil
	}
	recorded := s.db.now()
	if len(entries) > 0 && !entries[0].RecordedAt.IsZero() {
		recorded = entries[0].RecordedAt.UTC()
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO list_versions (layer, recorded_at, source_name, source_hash) VALUES (?, ?, ?, ?)`,
		layer, recorded.UnixNano(), source, sourceHash)
	if err != nil {
		return false, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return false, err
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO list_entries (version_id, katottg, name, oblast, raion, section, status, except_names, date_from, date_to, line)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return false, err
	}
	defer stmt.Close()
	for _, e := range entries {
		except := e.Except
		if except == nil {
			except = []string{}
		}
		ex, _ := json.Marshal(except)
		var to sql.NullInt64
		if !e.To.IsZero() {
			to = sql.NullInt64{Int64: e.To.UnixNano(), Valid: true}
		}
		if _, err := stmt.ExecContext(ctx, id, e.KATOTTG, e.Name, e.Oblast, e.Raion, e.Section, string(e.Status), string(ex), e.From.UnixNano(), to, e.Line); err != nil {
			return false, err
		}
	}
	return true, tx.Commit()
}

// FindListEntries returns the entries of the latest version of layer
// recorded by asKnown (zero: the latest), in their stored order.
func (s *ListStore) FindListEntries(ctx context.Context, layer string, asKnown time.Time) ([]frontline.ListEntry, error) {
	limit := int64(1<<63 - 1)
	if !asKnown.IsZero() {
		limit = asKnown.UnixNano()
	}
	var id, recorded int64
	err := s.db.queryRow(ctx, `SELECT id, recorded_at FROM list_versions WHERE layer = ? AND recorded_at <= ?
		ORDER BY recorded_at DESC, id DESC LIMIT 1`, layer, limit).Scan(&id, &recorded)
	if err == sql.ErrNoRows {
		note := ""
		if !asKnown.IsZero() {
			note = " as known at " + asKnown.UTC().Format(time.RFC3339)
		}
		return nil, frontline.Errorf(frontline.ENOTFOUND, "layer %q has no list%s", layer, note)
	} else if err != nil {
		return nil, err
	}
	rows, err := s.db.query(ctx, `SELECT katottg, name, oblast, raion, section, status, except_names, date_from, date_to, line
		FROM list_entries WHERE version_id = ? ORDER BY rowid`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []frontline.ListEntry{}
	for rows.Next() {
		e := frontline.ListEntry{Layer: layer, RecordedAt: fromNanos(recorded)}
		var ex string
		var from int64
		var to sql.NullInt64
		if err := rows.Scan(&e.KATOTTG, &e.Name, &e.Oblast, &e.Raion, &e.Section, &e.Status, &ex, &from, &to, &e.Line); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(ex), &e.Except); err != nil {
			return nil, err
		}
		if len(e.Except) == 0 {
			e.Except = nil
		}
		e.From = fromNanos(from)
		if to.Valid {
			e.To = fromNanos(to.Int64)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
