package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/sqlite"
	"github.com/frontline-osint/frontline/storetest"
)

// MustOpenDB opens a new database file in a temporary directory.
func MustOpenDB(t testing.TB) *sqlite.DB {
	t.Helper()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "frontline.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestSnapshotStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) frontline.SnapshotStore {
		return sqlite.NewSnapshotStore(MustOpenDB(t))
	})
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x", "frontline.db")
	for i := 0; i < 2; i++ {
		db := sqlite.NewDB(path)
		if err := db.Open(); err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		db.Close()
	}
}
