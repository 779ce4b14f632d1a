package shareddata_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/frontline-osint/frontline/internal/shareddata"
)

func TestDir(t *testing.T) {
	dir := shareddata.Dir(t, "articles")
	if filepath.Base(dir) != "articles" {
		t.Errorf("Dir = %s", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "kharkiv-counteroffensive-2022-09.txt")); err != nil {
		t.Error(err)
	}
	t.Setenv(shareddata.Env, t.TempDir())
	if root, ok := shareddata.Root(); !ok || root != os.Getenv(shareddata.Env) {
		t.Errorf("Root with $%s = %s %v", shareddata.Env, root, ok)
	}
}
