package main

import (
	"log"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testTemp is a folder for fixtures shared by several tests (built once,
// so not in one test's t.TempDir()); it is removed after the tests.
var testTemp string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "frontline-cmd-test")
	if err != nil {
		log.Fatal(err)
	}
	testTemp = dir
	// Commands run as processes keep the gazetteer's text here, not in
	// the user's cache folder.
	os.Setenv("FRONTLINE_CACHE_DIR", filepath.Join(dir, "cache"))
	code := m.Run()
	// Every test closes the stores it opened, and stops its servers:
	// a store left open is a leak in a command or in a test.
	if open := openStores(); len(open) > 0 {
		log.Printf("the tests left %d store files open (a command or a test that does not close its store): %s", len(open), strings.Join(open, ", "))
		if code == 0 {
			code = 1
		}
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// openStores lists the SQLite files (a database, its WAL, its shared
// memory) this process holds open, from /proc/self/fd (none where there
// is no such folder).
func openStores() []string {
	ents, _ := os.ReadDir("/proc/self/fd")
	var open []string
	for _, e := range ents {
		l, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name()))
		if err != nil {
			continue
		}
		name := strings.TrimSuffix(l, " (deleted)")
		for _, ext := range []string{".db", ".db-wal", ".db-shm"} {
			if strings.HasSuffix(name, ext) {
				open = append(open, l)
			}
		}
	}
	return open
}
