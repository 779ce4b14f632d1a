package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/frontline-osint/frontline"
)

var (
	_ frontline.WatchStore = (*AlertStore)(nil)
	_ frontline.AlertStore = (*AlertStore)(nil)
)

// AlertStore implements frontline.WatchStore and frontline.AlertStore on a
// DB.
type AlertStore struct {
	db *DB
	// Now stamps new watches, alerts and deliveries (default time.Now).
	Now func() time.Time
}

// NewAlertStore returns a watch and alert store on db.
func NewAlertStore(db *DB) *AlertStore { return &AlertStore{db: db, Now: time.Now} }

func (s *AlertStore) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC()
	}
	return s.Now().UTC()
}

// watchSpec is a watch as stored: the public fields and the secret.
type watchSpec struct {
	frontline.Watch
	Secret string `json:"secret,omitempty"`
}

// CreateWatch stores w and sets its ID and CreatedAt.
func (s *AlertStore) CreateWatch(ctx context.Context, w *frontline.Watch) error {
	if err := w.Validate(); err != nil {
		return err
	}
	if w.CreatedAt.IsZero() {
		w.CreatedAt = s.now()
	}
	w.HasSecret = w.Secret != ""
	spec, err := json.Marshal(watchSpec{Watch: *w, Secret: w.Secret})
	if err != nil {
		return err
	}
	res, err := s.db.db.ExecContext(ctx, `INSERT INTO watches (name, kind, spec, created_at) VALUES (?, ?, ?, ?)`,
		w.Name, string(w.Kind), string(spec), w.CreatedAt.UnixNano())
	if err != nil {
		return err
	}
	w.ID, err = res.LastInsertId()
	return err
}

func scanWatch(id int64, spec string) (*frontline.Watch, error) {
	var ws watchSpec
	if err := json.Unmarshal([]byte(spec), &ws); err != nil {
		return nil, frontline.Errorf(frontline.EINTERNAL, "watch %d: %v", id, err)
	}
	w := ws.Watch
	w.ID, w.Secret, w.HasSecret = id, ws.Secret, ws.Secret != ""
	return &w, nil
}

// FindWatches lists the watches by ID.
func (s *AlertStore) FindWatches(ctx context.Context) ([]*frontline.Watch, error) {
	rows, err := s.db.query(ctx, `SELECT id, spec FROM watches ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*frontline.Watch{}
	for rows.Next() {
		var id int64
		var spec string
		if err := rows.Scan(&id, &spec); err != nil {
			return nil, err
		}
		w, err := scanWatch(id, spec)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// FindWatch returns one watch, ENOTFOUND if there is none.
func (s *AlertStore) FindWatch(ctx context.Context, id int64) (*frontline.Watch, error) {
	var spec string
	err := s.db.queryRow(ctx, `SELECT spec FROM watches WHERE id = ?`, id).Scan(&spec)
	if err == sql.ErrNoRows {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "no watch %d", id)
	} else if err != nil {
		return nil, err
	}
	return scanWatch(id, spec)
}

// DeleteWatch removes a watch and its evaluated days; its alerts stay.
func (s *AlertStore) DeleteWatch(ctx context.Context, id int64) error {
	res, err := s.db.db.ExecContext(ctx, `DELETE FROM watches WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return frontline.Errorf(frontline.ENOTFOUND, "no watch %d", id)
	}
	return nil
}

// WatchDays lists a watch's evaluated days, by day.
func (s *AlertStore) WatchDays(ctx context.Context, watchID int64) ([]frontline.WatchDay, error) {
	rows, err := s.db.query(ctx, `SELECT day, snapshot_id, state, value FROM watch_days WHERE watch_id = ? ORDER BY day`, watchID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []frontline.WatchDay
	for rows.Next() {
		var d frontline.WatchDay
		if err := rows.Scan(&d.Day, &d.SnapshotID, &d.State, &d.Value); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// MarkWatchDay records a day as evaluated.
func (s *AlertStore) MarkWatchDay(ctx context.Context, watchID int64, d frontline.WatchDay) error {
	_, err := s.db.db.ExecContext(ctx, `INSERT INTO watch_days (watch_id, day, snapshot_id, state, value) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (watch_id, day) DO UPDATE SET snapshot_id = excluded.snapshot_id, state = excluded.state, value = excluded.value`,
		watchID, d.Day, d.SnapshotID, d.State, d.Value)
	return err
}

// CreateAlert stores a unless its watch has an alert with its key.
func (s *AlertStore) CreateAlert(ctx context.Context, a *frontline.Alert) (bool, error) {
	if a.CreatedAt.IsZero() {
		a.CreatedAt = s.now()
	}
	if a.Figures == nil {
		a.Figures = map[string]float64{}
	}
	if a.Links == nil {
		a.Links = []frontline.AlertLink{}
	}
	body, err := json.Marshal(a)
	if err != nil {
		return false, err
	}
	res, err := s.db.db.ExecContext(ctx, `INSERT INTO alerts (watch_id, key, kind, day, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (watch_id, key) DO NOTHING`, a.WatchID, a.Key, string(a.Kind), a.Day, string(body), a.CreatedAt.UnixNano())
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	a.ID, err = res.LastInsertId()
	return true, err
}

// FindAlerts lists alerts, newest first.
func (s *AlertStore) FindAlerts(ctx context.Context, f frontline.AlertFilter) ([]*frontline.Alert, error) {
	q := `SELECT id, body FROM alerts WHERE id > ?`
	args := []any{f.AfterID}
	if f.WatchID > 0 {
		q += ` AND watch_id = ?`
		args = append(args, f.WatchID)
	}
	if !f.Since.IsZero() {
		q += ` AND created_at >= ?`
		args = append(args, f.Since.UnixNano())
	}
	q += ` ORDER BY id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := s.db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*frontline.Alert{}
	for rows.Next() {
		var id int64
		var body string
		if err := rows.Scan(&id, &body); err != nil {
			return nil, err
		}
		var a frontline.Alert
		if err := json.Unmarshal([]byte(body), &a); err != nil {
			return nil, frontline.Errorf(frontline.EINTERNAL, "alert %d: %v", id, err)
		}
		a.ID = id
		out = append(out, &a)
	}
	return out, rows.Err()
}

// RecordDelivery logs a delivery attempt.
func (s *AlertStore) RecordDelivery(ctx context.Context, d *frontline.AlertDelivery) error {
	if d.At.IsZero() {
		d.At = s.now()
	}
	ok := 0
	if d.OK {
		ok = 1
	}
	_, err := s.db.db.ExecContext(ctx, `INSERT INTO alert_deliveries (alert_id, channel, target, attempt, ok, status, error, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		d.AlertID, d.Channel, d.Target, d.Attempt, ok, d.Status, d.Error, d.At.UnixNano())
	return err
}

// FindDeliveries lists an alert's delivery attempts in order.
func (s *AlertStore) FindDeliveries(ctx context.Context, alertID int64) ([]frontline.AlertDelivery, error) {
	rows, err := s.db.query(ctx, `SELECT channel, target, attempt, ok, status, error, at FROM alert_deliveries WHERE alert_id = ? ORDER BY id`, alertID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []frontline.AlertDelivery
	for rows.Next() {
		d := frontline.AlertDelivery{AlertID: alertID}
		var ok int
		var at int64
		if err := rows.Scan(&d.Channel, &d.Target, &d.Attempt, &ok, &d.Status, &d.Error, &at); err != nil {
			return nil, err
		}
		d.OK, d.At = ok == 1, time.Unix(0, at).UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}
