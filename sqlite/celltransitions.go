package sqlite

import (
	"context"
	"database/sql"

	"github.com/frontline-osint/frontline"
)

// CellChanges calls f with the head of a layer's stored cell transitions
// and the cell build's version and time (nanoseconds) it was stored for;
// head is valid only during the call (it is the driver's own memory: 1.3
// MB on the full archive, not copied). ENOTFOUND when nothing is stored.
func (s *SnapshotStore) CellChanges(ctx context.Context, layer string, f func(version, builtAt int64, head []byte) error) error {
	rows, err := s.db.query(ctx, `SELECT version, built_at, head FROM cell_changes WHERE layer = ?`, layer)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return frontline.Errorf(frontline.ENOTFOUND, "no cell transitions stored for %s", layer)
	}
	var version, builtAt int64
	var head sql.RawBytes
	if err := rows.Scan(&version, &builtAt, &head); err != nil {
		return err
	}
	return f(version, builtAt, head)
}

// CellChangesVersion returns the cell build's version and time
// (nanoseconds) a layer's stored cell transitions are of; ENOTFOUND when
// nothing is stored.
func (s *SnapshotStore) CellChangesVersion(ctx context.Context, layer string) (version, builtAt int64, err error) {
	err = s.db.queryRow(ctx, `SELECT version, built_at FROM cell_changes WHERE layer = ?`, layer).Scan(&version, &builtAt)
	if err == sql.ErrNoRows {
		return 0, 0, frontline.Errorf(frontline.ENOTFOUND, "no cell transitions stored for %s", layer)
	}
	return version, builtAt, err
}

// CellTransitionRows calls f for each stored row of a layer's transitions
// of the build version at one level with k from lo to hi, in k order; data
// is valid only during the call.
func (s *SnapshotStore) CellTransitionRows(ctx context.Context, layer string, version int64, level int, lo, hi int32, f func(k int32, data []byte) error) error {
	rows, err := s.db.query(ctx, `SELECT k, data FROM cell_transitions WHERE layer = ? AND level = ? AND k BETWEEN ? AND ? AND version = ? ORDER BY k`, layer, level, lo, hi, version)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k int32
		var data sql.RawBytes
		if err := rows.Scan(&k, &data); err != nil {
			return err
		}
		if err := f(k, data); err != nil {
			return err
		}
	}
	return rows.Err()
}

// SaveCellChanges replaces a layer's stored cell transitions with those of
// the build version (built at builtAt, nanoseconds), in one transaction:
// the head and n rows, row i given by row(i) (its run of maps, level and
// k, and its transitions).
func (s *SnapshotStore) SaveCellChanges(ctx context.Context, layer string, version, builtAt int64, head []byte, n int, row func(i int) (level int, k int32, data []byte)) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM cell_transitions WHERE layer = ?`, layer); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO cell_changes (layer, version, built_at, head) VALUES (?, ?, ?, ?)
		ON CONFLICT (layer) DO UPDATE SET version = excluded.version, built_at = excluded.built_at, head = excluded.head`,
		layer, version, builtAt, head); err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO cell_transitions (layer, version, level, k, data) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i := 0; i < n; i++ {
		level, k, data := row(i)
		if _, err := stmt.ExecContext(ctx, layer, version, level, k, data); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// CellBuildVersion returns the version and time (nanoseconds) of a layer's
// cell build without its map list: enough to tell whether a build held in
// memory is current. ENOTFOUND when the layer has no cells.
func (s *SnapshotStore) CellBuildVersion(ctx context.Context, layer string) (version, builtAt int64, err error) {
	err = s.db.queryRow(ctx, `SELECT version, built_at FROM cell_builds WHERE layer = ?`, layer).Scan(&version, &builtAt)
	if err == sql.ErrNoRows {
		return 0, 0, frontline.Errorf(frontline.ENOTFOUND, "layer %s has no cells", layer)
	}
	return version, builtAt, err
}
