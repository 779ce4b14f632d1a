package sqlite

import (
	"context"
	"database/sql"

	"github.com/frontline-osint/frontline"
)

// ChangeCache returns the cached result for a pair of snapshots, or
// ENOTFOUND.
func (s *SnapshotStore) ChangeCache(ctx context.Context, fromID, toID int64, version string) ([]byte, error) {
	var b []byte
	err := s.db.queryRow(ctx, `SELECT result FROM change_cache WHERE from_id = ? AND to_id = ? AND version = ?`, fromID, toID, version).Scan(&b)
	if err == sql.ErrNoRows {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "no cached change %d→%d", fromID, toID)
	}
	return b, err
}

// PutChangeCache stores a result for a pair of snapshots.
func (s *SnapshotStore) PutChangeCache(ctx context.Context, fromID, toID int64, version string, result []byte) error {
	_, err := s.db.db.ExecContext(ctx, `INSERT INTO change_cache (from_id, to_id, version, result) VALUES (?, ?, ?, ?)
		ON CONFLICT (from_id, to_id, version) DO NOTHING`, fromID, toID, version, result)
	return err
}
