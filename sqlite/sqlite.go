// Package sqlite is Frontline's embedded store: a single SQLite file (pure
// Go, modernc.org/sqlite) holding layers, snapshots and their precomputed
// pieces. It implements frontline.SnapshotStore.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite"

	"github.com/frontline-osint/frontline"
)

//go:embed migration/*.sql
var migrationFS embed.FS

// DB is an open Frontline SQLite database.
type DB struct {
	db   *sql.DB
	Path string
	// Now is the clock the stores stamp recorded times with when the
	// caller gives none (default time.Now): tests and replays inject one.
	Now frontline.Clock

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt // see prepared
}

// now is the store's current time, UTC.
func (db *DB) now() time.Time {
	if db.Now != nil {
		return db.Now().UTC()
	}
	return time.Now().UTC()
}

// NewDB returns a DB for the file at path; call Open before use.
func NewDB(path string) *DB { return &DB{Path: path} }

// Open opens the database, creating the file and its directory if needed,
// and applies pending migrations.
func (db *DB) Open() (err error) {
	if db.Path == "" {
		return fmt.Errorf("database path required")
	}
	if db.Path != ":memory:" {
		if err := os.MkdirAll(filepath.Dir(db.Path), 0o755); err != nil {
			return frontline.Errorf(frontline.EINVALID, "cannot create the directory of %s: %v", db.Path, err)
		}
	}
	dsn := "file:" + db.Path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	if db.db, err = sql.Open("sqlite", dsn); err != nil {
		return err
	}
	db.db.SetMaxOpenConns(4)
	// A new file opened by several processes at once: switching it to
	// WAL takes an exclusive lock that the busy timeout does not wait for,
	// so a busy answer is retried for a while.
	for attempt := 0; ; attempt++ {
		err = db.db.Ping()
		if err == nil {
			err = db.migrate()
		}
		if err == nil || !isBusy(err) || attempt >= 50 {
			break
		}
		time.Sleep(time.Duration(20+attempt*10) * time.Millisecond)
	}
	if err != nil {
		return frontline.Errorf(frontline.EINVALID, "cannot open database %s: %v", db.Path, err)
	}
	return nil
}

// isBusy tells whether err is SQLite's "database is locked" (SQLITE_BUSY).
func isBusy(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked")
}

// Close closes the database.
func (db *DB) Close() error {
	if db.db != nil {
		db.closeStmts()
		return db.db.Close()
	}
	return nil
}

// migrate applies every migration/*.sql file not yet recorded, in name
// order, each in its own transaction; safe when several processes open
// the same new store at once.
func (db *DB) migrate() error {
	if _, err := db.db.Exec(`CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY)`); err != nil {
		return err
	}
	names, err := fs.Glob(migrationFS, "migration/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		// A store already migrated takes no write lock at open.
		var done int
		if err := db.db.QueryRow(`SELECT COUNT(*) FROM migrations WHERE name = ?`, name).Scan(&done); err != nil {
			return err
		} else if done > 0 {
			continue
		}
		buf, err := fs.ReadFile(migrationFS, name)
		if err != nil {
			return err
		}
		// The transaction takes the write lock at once (_txlock=immediate),
		// and whether the migration is applied is read under it: two
		// processes opening a new store at the same time apply each
		// migration once, the second waiting for the first.
		tx, err := db.db.Begin()
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM migrations WHERE name = ?`, name).Scan(&n); err != nil {
			tx.Rollback()
			return err
		} else if n > 0 {
			tx.Rollback()
			continue
		}
		for _, stmt := range strings.Split(string(buf), ";\n") {
			if strings.TrimSpace(stmt) == "" {
				continue
			}
			if _, err := tx.Exec(stmt); err != nil {
				tx.Rollback()
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		if _, err := tx.Exec(`INSERT INTO migrations (name) VALUES (?)`, name); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// BeginTx starts a transaction.
func (db *DB) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error) {
	return db.db.BeginTx(ctx, opts)
}
