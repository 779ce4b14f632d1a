package sqlite

import (
	"context"
	"database/sql"
)

// maxCachedStmts bounds the prepared statements a DB keeps: queries are
// built from a small set of texts, and one whose text varies with its
// arguments must not grow the cache without end.
const maxCachedStmts = 256

// prepared returns a prepared statement for the query text, kept for the
// life of the DB (database/sql prepares it again on each pooled
// connection as needed), or nil once the cache is full. Under a server's
// read load, parsing the same SQL for every request cost about a tenth of
// its CPU (docs/benchmarks-journal.md).
func (db *DB) prepared(ctx context.Context, query string) *sql.Stmt {
	db.stmtMu.Lock()
	defer db.stmtMu.Unlock()
	if st, ok := db.stmts[query]; ok {
		return st
	}
	if len(db.stmts) >= maxCachedStmts {
		return nil
	}
	st, err := db.db.PrepareContext(ctx, query)
	if err != nil {
		return nil // the query itself reports the error
	}
	if db.stmts == nil {
		db.stmts = map[string]*sql.Stmt{}
	}
	db.stmts[query] = st
	return st
}

// query runs a read through the statement cache.
func (db *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := db.prepared(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return db.db.QueryContext(ctx, query, args...)
}

// queryRow runs a one-row read through the statement cache.
func (db *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := db.prepared(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return db.db.QueryRowContext(ctx, query, args...)
}

// QueryContext lets the DB stand where a queryer is asked for.
func (db *DB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return db.query(ctx, query, args...)
}

// closeStmts closes the cached statements.
func (db *DB) closeStmts() {
	db.stmtMu.Lock()
	defer db.stmtMu.Unlock()
	for _, st := range db.stmts {
		st.Close()
	}
	db.stmts = nil
}
