package main

import (
	"log"
	"os"
	"path/filepath"
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
	os.RemoveAll(dir)
	os.Exit(code)
}
