package sqlite_test

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/frontline-osint/frontline/sqlite"
)

// TestOpenConcurrently opens one new store from several connections at
// once, as two commands started together do: each migration is applied
// once and every open succeeds.
func TestOpenConcurrently(t *testing.T) {
	for round := 0; round < 5; round++ {
		path := filepath.Join(t.TempDir(), "f.db")
		var wg sync.WaitGroup
		errs := make([]error, 6)
		dbs := make([]*sqlite.DB, len(errs))
		for i := range errs {
			dbs[i] = sqlite.NewDB(path)
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				errs[i] = dbs[i].Open()
			}(i)
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("round %d: open %d: %v", round, i, err)
			}
			dbs[i].Close()
		}
	}
}
