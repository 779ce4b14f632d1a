package sqlite

import (
	"context"
	"database/sql"

	"github.com/frontline-osint/frontline"
)

// CellPlaces returns what was stored of the places of one place set
// (key) located in a layer's cells: the cell build's version and time
// (nanoseconds) they were located for, their histories and, with
// withLocated set, the places found in each cell (both encoded by the
// caller). ENOTFOUND when nothing is stored.
func (s *SnapshotStore) CellPlaces(ctx context.Context, layer, key string, withLocated bool) (version, builtAt int64, runs, located []byte, err error) {
	q := `SELECT version, built_at, runs, NULL FROM cell_places WHERE layer = ? AND places_key = ?`
	if withLocated {
		q = `SELECT version, built_at, runs, located FROM cell_places WHERE layer = ? AND places_key = ?`
	}
	err = s.db.queryRow(ctx, q, layer, key).Scan(&version, &builtAt, &runs, &located)
	if err == sql.ErrNoRows {
		return 0, 0, nil, nil, frontline.Errorf(frontline.ENOTFOUND, "no places located in the cells of %s", layer)
	}
	return version, builtAt, runs, located, err
}

// SaveCellPlaces stores the places of one place set (key) located in a
// layer's cell build (version, builtAt), replacing what was stored for
// that set; rows of other place sets located for an older build are
// deleted (they can no longer be read).
func (s *SnapshotStore) SaveCellPlaces(ctx context.Context, layer, key string, version, builtAt int64, runs, located []byte) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM cell_places WHERE layer = ? AND places_key <> ? AND version < ?`, layer, key, version); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO cell_places (layer, places_key, version, built_at, runs, located) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (layer, places_key) DO UPDATE SET version = excluded.version, built_at = excluded.built_at, runs = excluded.runs, located = excluded.located`,
		layer, key, version, builtAt, runs, located); err != nil {
		return err
	}
	return tx.Commit()
}
