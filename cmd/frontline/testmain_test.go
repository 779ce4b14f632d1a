package main

import (
	"log"
	"os"
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
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
