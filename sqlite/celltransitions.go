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
// (nanoseconds) a layer's stored cell transitions are of, and the format
// of their head (its first byte); ENOTFOUND when nothing is stored.
func (s *SnapshotStore) CellChangesVersion(ctx context.Context, layer string) (version, builtAt int64, format int, err error) {
	err = s.db.queryRow(ctx, `SELECT version, built_at, unicode(CAST(substr(head, 1, 1) AS TEXT)) FROM cell_changes WHERE layer = ?`, layer).Scan(&version, &builtAt, &format)
	if err == sql.ErrNoRows {
		return 0, 0, 0, frontline.Errorf(frontline.ENOTFOUND, "no cell transitions stored for %s", layer)
	}
	return version, builtAt, format, err
}

// CellTransitionRows calls f for each stored row of a layer's transitions
// of the build version at one level with k from lo to hi, in k order; data
// is valid only during the call. A row is stored with the version of the
// build it was last written for: those an append did not change keep an
// older one (AppendCellChanges), and a row of a version above the one
// asked for was written after it (it is not read: the caller sees it
// missing).
func (s *SnapshotStore) CellTransitionRows(ctx context.Context, layer string, version int64, level int, lo, hi int32, f func(k int32, data []byte) error) error {
	rows, err := s.db.query(ctx, `SELECT k, data FROM cell_transitions WHERE layer = ? AND level = ? AND k BETWEEN ? AND ? AND version <= ? ORDER BY k`, layer, level, lo, hi, version)
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
// k, and its transitions). Transitions stored for a later version are
// kept (a slower process read an older build): a reader holding that
// version's head must not find rows of an earlier one.
func (s *SnapshotStore) SaveCellChanges(ctx context.Context, layer string, version, builtAt int64, head []byte, n int, row func(i int) (level int, k int32, data []byte)) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var stored int64
	switch err := tx.QueryRowContext(ctx, `SELECT version FROM cell_changes WHERE layer = ?`, layer).Scan(&stored); {
	case err == sql.ErrNoRows:
	case err != nil:
		return err
	case stored > version:
		return nil
	}
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

// AppendCellChanges brings a layer's stored cell transitions of build
// oldVersion (built at oldBuiltAt) to build version (built at builtAt), in
// one transaction: the new head, and the rows given (level, k, data)
// written with the new version; the other rows stay as they are, with
// the version they were written for. ECONFLICT when what is stored is not
// of build oldVersion (another process stored since): nothing is written.
func (s *SnapshotStore) AppendCellChanges(ctx context.Context, layer string, oldVersion, oldBuiltAt, version, builtAt int64, head []byte, n int, row func(i int) (level int, k int32, data []byte)) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE cell_changes SET version = ?, built_at = ?, head = ? WHERE layer = ? AND version = ? AND built_at = ?`,
		version, builtAt, head, layer, oldVersion, oldBuiltAt)
	if err != nil {
		return err
	}
	if m, err := res.RowsAffected(); err != nil {
		return err
	} else if m != 1 {
		return frontline.Errorf(frontline.ECONFLICT, "stored cell transitions of %s are not of build %d", layer, oldVersion)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO cell_transitions (layer, version, level, k, data) VALUES (?, ?, ?, ?, ?)`)
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
