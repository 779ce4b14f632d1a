package sqlite

import (
	"context"
	"database/sql"

	"github.com/frontline-osint/frontline"
)

// OblastCut returns the map and oblast whose stored pieces were computed
// under key (see migration 13); ok is false when none was.
func (s *SnapshotStore) OblastCut(ctx context.Context, key []byte) (snapshotID int64, oblast string, ok bool, err error) {
	err = s.db.queryRow(ctx, `SELECT snapshot_id, oblast FROM oblast_cuts WHERE key = ?`, key).Scan(&snapshotID, &oblast)
	if err == sql.ErrNoRows {
		return 0, "", false, nil
	}
	return snapshotID, oblast, err == nil, err
}

// HasOblastCuts reports whether any key is stored for a map.
func (s *SnapshotStore) HasOblastCuts(ctx context.Context, snapshotID int64) (bool, error) {
	var n int
	err := s.db.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM oblast_cuts WHERE snapshot_id = ? LIMIT 1)`, snapshotID).Scan(&n)
	return n > 0, err
}

// SaveOblastCuts stores the keys a map's oblasts were computed under, in
// one transaction; a key stored already keeps its first map.
func (s *SnapshotStore) SaveOblastCuts(ctx context.Context, snapshotID int64, oblasts []string, keys [][]byte) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO oblast_cuts (key, snapshot_id, oblast) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for i, key := range keys {
		if _, err := st.ExecContext(ctx, key, snapshotID, oblasts[i]); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// OblastPieces returns the pieces of one oblast of a map, with their
// geometry, in status order.
func (s *SnapshotStore) OblastPieces(ctx context.Context, snapshotID int64, oblast string) ([]frontline.Piece, error) {
	rows, err := s.db.query(ctx, `SELECT p.status, p.area_km2, p.geom_hash, g.wkb FROM pieces p LEFT JOIN geometries g ON g.hash = p.geom_hash
		WHERE p.snapshot_id = ? AND p.oblast = ? ORDER BY p.status`, snapshotID, oblast)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []frontline.Piece
	for rows.Next() {
		pc := frontline.Piece{Oblast: oblast}
		var st string
		var hash sql.NullString
		if err := rows.Scan(&st, &pc.AreaKm2, &hash, &pc.WKB); err != nil {
			return nil, err
		}
		pc.Status, pc.GeomHash = frontline.Status(st), hash.String
		out = append(out, pc)
	}
	return out, rows.Err()
}
