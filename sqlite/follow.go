package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/frontline-osint/frontline"
)

// FollowStore keeps followed sources' state, gaps and seen items. It
// implements frontline.FollowStore.
type FollowStore struct{ db *DB }

// NewFollowStore returns a follow store on db.
func NewFollowStore(db *DB) *FollowStore { return &FollowStore{db: db} }

var _ frontline.FollowStore = (*FollowStore)(nil)

func nullTime(t *time.Time) sql.NullInt64 {
	if t == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixNano(), Valid: true}
}

func timePtr(n sql.NullInt64) *time.Time {
	if !n.Valid {
		return nil
	}
	t := time.Unix(0, n.Int64).UTC()
	return &t
}

const followCols = `name, kind, url, etag, last_modified, last_version, content_hash, last_poll, last_success, last_change, last_error, last_error_at, failures, polls, snapshots, reports`

func scanFollow(sc interface{ Scan(...any) error }) (*frontline.FollowState, error) {
	var st frontline.FollowState
	var kind string
	var poll, success, change, errAt sql.NullInt64
	if err := sc.Scan(&st.Name, &kind, &st.URL, &st.ETag, &st.LastModified, &st.LastVersion, &st.ContentHash,
		&poll, &success, &change, &st.LastError, &errAt, &st.Failures, &st.Polls, &st.Snapshots, &st.Reports); err != nil {
		return nil, err
	}
	st.Kind = frontline.FeedKind(kind)
	st.LastPoll, st.LastSuccess, st.LastChange, st.LastErrorAt = timePtr(poll), timePtr(success), timePtr(change), timePtr(errAt)
	st.Healthy = st.Failures == 0 && st.LastSuccess != nil
	return &st, nil
}

// FollowState returns a source's state, or ENOTFOUND.
func (s *FollowStore) FollowState(ctx context.Context, name string) (*frontline.FollowState, error) {
	st, err := scanFollow(s.db.queryRow(ctx, `SELECT `+followCols+` FROM follow_state WHERE name = ?`, name))
	if err == sql.ErrNoRows {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "no follow state for source %q", name)
	}
	return st, err
}

// PutFollowState inserts or replaces a source's state.
func (s *FollowStore) PutFollowState(ctx context.Context, st *frontline.FollowState) error {
	_, err := s.db.db.ExecContext(ctx, `INSERT OR REPLACE INTO follow_state (`+followCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		st.Name, string(st.Kind), st.URL, st.ETag, st.LastModified, st.LastVersion, st.ContentHash,
		nullTime(st.LastPoll), nullTime(st.LastSuccess), nullTime(st.LastChange), st.LastError, nullTime(st.LastErrorAt),
		st.Failures, st.Polls, st.Snapshots, st.Reports)
	return err
}

// FollowStates lists every source's state by name.
func (s *FollowStore) FollowStates(ctx context.Context) ([]*frontline.FollowState, error) {
	rows, err := s.db.query(ctx, `SELECT `+followCols+` FROM follow_state ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*frontline.FollowState
	for rows.Next() {
		st, err := scanFollow(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// OpenGap opens a gap for source at `at` unless one is open; either way the
// open gap counts one more failed poll and keeps the latest reason.
func (s *FollowStore) OpenGap(ctx context.Context, source string, at time.Time, reason string) (*frontline.Gap, error) {
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	g := &frontline.Gap{Source: source, Reason: reason}
	var from int64
	err = tx.QueryRowContext(ctx, `SELECT id, from_time, polls FROM follow_gaps WHERE source = ? AND to_time IS NULL ORDER BY id DESC LIMIT 1`, source).Scan(&g.ID, &from, &g.Polls)
	switch {
	case err == sql.ErrNoRows:
		res, err := tx.ExecContext(ctx, `INSERT INTO follow_gaps (source, from_time, polls, reason) VALUES (?, ?, 1, ?)`, source, at.UnixNano(), reason)
		if err != nil {
			return nil, err
		}
		g.ID, _ = res.LastInsertId()
		g.From, g.Polls = at.UTC(), 1
	case err != nil:
		return nil, err
	default:
		g.Polls++
		g.From = time.Unix(0, from).UTC()
		if _, err := tx.ExecContext(ctx, `UPDATE follow_gaps SET polls = ?, reason = ? WHERE id = ?`, g.Polls, reason, g.ID); err != nil {
			return nil, err
		}
	}
	return g, tx.Commit()
}

// CloseGap closes source's open gap, if any, at `at`.
func (s *FollowStore) CloseGap(ctx context.Context, source string, at time.Time) error {
	_, err := s.db.db.ExecContext(ctx, `UPDATE follow_gaps SET to_time = ? WHERE source = ? AND to_time IS NULL`, at.UnixNano(), source)
	return err
}

// Gaps lists gaps, newest first; source "" lists every source's.
func (s *FollowStore) Gaps(ctx context.Context, source string, limit int) ([]*frontline.Gap, error) {
	if limit <= 0 {
		limit = 100
	}
	q, args := `SELECT id, source, from_time, to_time, polls, reason FROM follow_gaps`, []any{}
	if source != "" {
		q, args = q+` WHERE source = ?`, append(args, source)
	}
	rows, err := s.db.query(ctx, q+` ORDER BY from_time DESC, id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*frontline.Gap{}
	for rows.Next() {
		var g frontline.Gap
		var from int64
		var to sql.NullInt64
		if err := rows.Scan(&g.ID, &g.Source, &from, &to, &g.Polls, &g.Reason); err != nil {
			return nil, err
		}
		g.From, g.To = time.Unix(0, from).UTC(), timePtr(to)
		out = append(out, &g)
	}
	return out, rows.Err()
}

// SeenItem records key for source; false when it was recorded before.
func (s *FollowStore) SeenItem(ctx context.Context, source, key string, at time.Time) (bool, error) {
	res, err := s.db.db.ExecContext(ctx, `INSERT INTO follow_items (source, key, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, source, key, at.UnixNano())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// HasItem reports whether key was recorded for source.
func (s *FollowStore) HasItem(ctx context.Context, source, key string) (bool, error) {
	var n int
	err := s.db.queryRow(ctx, `SELECT COUNT(*) FROM follow_items WHERE source = ? AND key = ?`, source, key).Scan(&n)
	return n > 0, err
}
