package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"

	"github.com/frontline-osint/frontline"
)

var _ frontline.CellStore = (*SnapshotStore)(nil)

// CellBuild returns a layer's cell build, or ENOTFOUND.
func (s *SnapshotStore) CellBuild(ctx context.Context, layer string) (*frontline.CellBuild, error) {
	var ids []byte
	var built int64
	b := &frontline.CellBuild{Layer: layer}
	err := s.db.queryRow(ctx, `SELECT snapshot_ids, built_at, version FROM cell_builds WHERE layer = ?`, layer).Scan(&ids, &built, &b.Version)
	if err == sql.ErrNoRows {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "layer %s has no cells", layer)
	} else if err != nil {
		return nil, err
	}
	if len(ids)%8 != 0 {
		return nil, frontline.Errorf(frontline.EINTERNAL, "cell build of %s: snapshot list of %d bytes", layer, len(ids))
	}
	b.SnapshotIDs = make([]int64, len(ids)/8)
	for i := range b.SnapshotIDs {
		b.SnapshotIDs[i] = int64(binary.LittleEndian.Uint64(ids[8*i:]))
	}
	b.BuiltAt = fromNanos(built)
	return b, nil
}

// Cells returns a layer's cells in ID order.
func (s *SnapshotStore) Cells(ctx context.Context, layer string, withGeometry bool) ([]frontline.Cell, error) {
	q := `SELECT id, oblast, area_km2, min_lon, min_lat, max_lon, max_lat, history, NULL FROM cells WHERE layer = ? ORDER BY id`
	if withGeometry {
		q = `SELECT id, oblast, area_km2, min_lon, min_lat, max_lon, max_lat, history, wkb FROM cells WHERE layer = ? ORDER BY id`
	}
	// The count sizes the result once: the full archive has ~145,000
	// cells, and growing a slice of them cost a third of the read.
	var n int
	if err := s.db.queryRow(ctx, `SELECT count(*) FROM cells WHERE layer = ?`, layer).Scan(&n); err != nil {
		return nil, err
	}
	rows, err := s.db.query(ctx, q, layer)
	if err != nil {
		return nil, err
	}
	return scanCellsN(rows, layer, n)
}

// CellsAt returns the cells of a layer whose bounding box holds a point.
// The R*Tree is read first (CROSS JOIN keeps that order): the planner
// would otherwise scan the layer's cells and probe the tree for each.
func (s *SnapshotStore) CellsAt(ctx context.Context, layer string, lon, lat float64, withGeometry bool) ([]frontline.Cell, error) {
	return s.CellsIn(ctx, layer, lon, lat, lon, lat, withGeometry)
}

// CellsIn returns the cells of a layer whose bounding box meets a box
// (a few more: the R*Tree keeps boxes rounded outward to float32). The
// R*Tree is read first, as for CellsAt.
func (s *SnapshotStore) CellsIn(ctx context.Context, layer string, minLon, minLat, maxLon, maxLat float64, withGeometry bool) ([]frontline.Cell, error) {
	wkb := "NULL"
	if withGeometry {
		wkb = "c.wkb"
	}
	rows, err := s.db.query(ctx, `
		SELECT c.id, c.oblast, c.area_km2, c.min_lon, c.min_lat, c.max_lon, c.max_lat, c.history, `+wkb+`
		FROM cells_rtree r CROSS JOIN cells c ON c.id = r.id
		WHERE r.min_lon <= ? AND r.max_lon >= ? AND r.min_lat <= ? AND r.max_lat >= ? AND c.layer = ?
		ORDER BY c.id`, maxLon, minLon, maxLat, minLat, layer)
	if err != nil {
		return nil, err
	}
	return scanCells(rows, layer)
}

// CellWKB returns one cell's geometry.
func (s *SnapshotStore) CellWKB(ctx context.Context, id int64) ([]byte, error) {
	var wkb []byte
	err := s.db.queryRow(ctx, `SELECT wkb FROM cells WHERE id = ?`, id).Scan(&wkb)
	if err == sql.ErrNoRows {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "no cell %d", id)
	}
	return wkb, err
}

func scanCells(rows *sql.Rows, layer string) ([]frontline.Cell, error) {
	return scanCellsN(rows, layer, 0)
}

// scanCellsN reads cells, n of them expected. Histories are decoded into
// shared blocks (each cell's a full slice expression of one, so that an
// append to it copies) and oblast names are shared between cells.
func scanCellsN(rows *sql.Rows, layer string, n int) ([]frontline.Cell, error) {
	defer rows.Close()
	out := make([]frontline.Cell, 0, n)
	var arena []frontline.CellStatus
	oblasts := map[string]string{}
	var hist sql.RawBytes
	for rows.Next() {
		c := frontline.Cell{Layer: layer}
		if err := rows.Scan(&c.ID, &c.Oblast, &c.AreaKm2, &c.MinLon, &c.MinLat, &c.MaxLon, &c.MaxLat, &hist, &c.WKB); err != nil {
			return nil, err
		}
		if o, ok := oblasts[c.Oblast]; ok {
			c.Oblast = o
		} else {
			oblasts[c.Oblast] = c.Oblast
		}
		k := historyLen(hist)
		if k > cap(arena)-len(arena) {
			arena = make([]frontline.CellStatus, 0, max(k, 1<<14))
		}
		start := len(arena)
		var err error
		if arena, err = appendHistory(arena, hist); err != nil {
			return nil, frontline.Errorf(frontline.EINTERNAL, "cell %d: %v", c.ID, err)
		}
		c.History = arena[start:len(arena):len(arena)]
		out = append(out, c)
	}
	return out, rows.Err()
}

// historyLen is the number of entries an encoded history holds (two
// varints each).
func historyLen(b []byte) int {
	n := 0
	for _, c := range b {
		if c < 0x80 {
			n++
		}
	}
	return n / 2
}

// SaveCells stores a build of a layer's cells in one transaction.
func (s *SnapshotStore) SaveCells(ctx context.Context, b *frontline.CellBuild, cells []*frontline.Cell, deleted []int64, reset bool) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if reset {
		if _, err := tx.ExecContext(ctx, `DELETE FROM cells_rtree WHERE id IN (SELECT id FROM cells WHERE layer = ?)`, b.Layer); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM cells WHERE layer = ?`, b.Layer); err != nil {
			return err
		}
	}
	for _, id := range deleted {
		if _, err := tx.ExecContext(ctx, `DELETE FROM cells WHERE id = ? AND layer = ?`, id, b.Layer); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM cells_rtree WHERE id = ?`, id); err != nil {
			return err
		}
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO cells (layer, oblast, area_km2, min_lon, min_lat, max_lon, max_lat, history, wkb)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	upd, err := tx.PrepareContext(ctx, `UPDATE cells SET oblast = ?, area_km2 = ?, min_lon = ?, min_lat = ?, max_lon = ?, max_lat = ?, history = ?, wkb = ?
		WHERE id = ? AND layer = ?`)
	if err != nil {
		return err
	}
	defer upd.Close()
	box, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO cells_rtree (id, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer box.Close()
	var histOnly, boxOf *sql.Stmt
	for _, c := range cells {
		hist := encodeHistory(c.History)
		if c.ID != 0 && c.HistoryOnly && !reset {
			// Only the history changed: the geometry and its box in the
			// R*Tree stay (a status change of a whole cell, the most
			// common save of a step).
			if histOnly == nil {
				if histOnly, err = tx.PrepareContext(ctx, `UPDATE cells SET history = ? WHERE id = ? AND layer = ?`); err != nil {
					return err
				}
				defer histOnly.Close()
			}
			res, err := histOnly.ExecContext(ctx, hist, c.ID, b.Layer)
			if err := oneCellUpdated(res, err, c.ID, b.Layer); err != nil {
				return err
			}
			continue
		}
		if c.ID == 0 {
			res, err := ins.ExecContext(ctx, b.Layer, c.Oblast, c.AreaKm2, c.MinLon, c.MinLat, c.MaxLon, c.MaxLat, hist, c.WKB)
			if err != nil {
				return err
			}
			if c.ID, err = res.LastInsertId(); err != nil {
				return err
			}
		} else {
			// The stored box is read first: a cell whose geometry changed
			// often keeps its box (a split took ground off inside it; a
			// quarter of such saves on the archive's first 300 maps), and
			// its R*Tree entry is then left as it is rather than deleted
			// and inserted again.
			if boxOf == nil {
				if boxOf, err = tx.PrepareContext(ctx, `SELECT min_lon, min_lat, max_lon, max_lat FROM cells WHERE id = ? AND layer = ?`); err != nil {
					return err
				}
				defer boxOf.Close()
			}
			// A cell that is not stored fails at the update below.
			var was [4]float64
			if err := boxOf.QueryRowContext(ctx, c.ID, b.Layer).Scan(&was[0], &was[1], &was[2], &was[3]); err != nil && err != sql.ErrNoRows {
				return err
			}
			res, err := upd.ExecContext(ctx, c.Oblast, c.AreaKm2, c.MinLon, c.MinLat, c.MaxLon, c.MaxLat, hist, c.WKB, c.ID, b.Layer)
			if err := oneCellUpdated(res, err, c.ID, b.Layer); err != nil {
				return err
			}
			if was == [4]float64{c.MinLon, c.MinLat, c.MaxLon, c.MaxLat} {
				continue
			}
		}
		if _, err := box.ExecContext(ctx, c.ID, c.MinLon, c.MaxLon, c.MinLat, c.MaxLat); err != nil {
			return err
		}
	}
	ids := make([]byte, 8*len(b.SnapshotIDs))
	for i, id := range b.SnapshotIDs {
		binary.LittleEndian.PutUint64(ids[8*i:], uint64(id))
	}
	var version int64
	err = tx.QueryRowContext(ctx, `SELECT version FROM cell_builds WHERE layer = ?`, b.Layer).Scan(&version)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	b.Version = version + 1
	if _, err := tx.ExecContext(ctx, `INSERT INTO cell_builds (layer, snapshot_ids, built_at, version) VALUES (?, ?, ?, ?)
		ON CONFLICT (layer) DO UPDATE SET snapshot_ids = excluded.snapshot_ids, built_at = excluded.built_at, version = excluded.version`,
		b.Layer, ids, b.BuiltAt.UnixNano(), b.Version); err != nil {
		return err
	}
	return tx.Commit()
}

// LatestSnapshotID is the ID of the layer's most recently stored snapshot.
func (s *SnapshotStore) LatestSnapshotID(ctx context.Context, layer string) (int64, error) {
	var id sql.NullInt64
	if err := s.db.queryRow(ctx, `SELECT MAX(id) FROM snapshots WHERE layer = ?`, layer).Scan(&id); err != nil {
		return 0, err
	}
	return id.Int64, nil
}

// encodeHistory writes (position delta, status index) pairs as uvarints.
func encodeHistory(h []frontline.CellStatus) []byte {
	out := make([]byte, 0, 3*len(h))
	prev := int32(0)
	for _, e := range h {
		out = binary.AppendUvarint(out, uint64(e.Seq-prev))
		out = binary.AppendUvarint(out, uint64(statusIndex(e.Status)))
		prev = e.Seq
	}
	return out
}

// appendHistory decodes a history onto out.
func appendHistory(out []frontline.CellStatus, b []byte) ([]frontline.CellStatus, error) {
	prev := int32(0)
	for len(b) > 0 {
		d, n := binary.Uvarint(b)
		if n <= 0 || d > 1<<30 {
			return nil, fmt.Errorf("bad history")
		}
		b = b[n:]
		si, n := binary.Uvarint(b)
		if n <= 0 || si >= uint64(len(frontline.Statuses)) {
			return nil, fmt.Errorf("bad history status")
		}
		b = b[n:]
		prev += int32(d)
		out = append(out, frontline.CellStatus{Seq: prev, Status: frontline.Statuses[si]})
	}
	return out, nil
}

func statusIndex(st frontline.Status) int {
	for i, s := range frontline.Statuses {
		if s == st {
			return i
		}
	}
	return 1 // ukraine: never stored (a cell's history holds valid statuses)
}

// oneCellUpdated is the error of an UPDATE of cell id in layer that gave
// res and err: err, or an internal error unless exactly one row changed.
func oneCellUpdated(res sql.Result, err error, id int64, layer string) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return frontline.Errorf(frontline.EINTERNAL, "no cell %d in layer %s", id, layer)
	}
	return nil
}
