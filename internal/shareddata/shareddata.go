// Package shareddata finds the real data the tests read: ../shared/data
// beside the repository (see its README for provenance and licences). It
// is imported only by tests.
//
// A test that needs the data skips when it is absent, except in CI (CI
// set), where its absence is a failure: CI always has it.
package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

// Env names a folder to use instead of ../shared/data.
const Env = "FRONTLINE_SHARED_DATA"

// Root returns the data folder: $FRONTLINE_SHARED_DATA, else ../shared/data
// beside the repository root (the folder holding go.mod, found from the
// working directory up), and whether it exists.
func Root() (string, bool) {
	if dir := os.Getenv(Env); dir != "" {
		_, err := os.Stat(dir)
		return dir, err == nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			data := filepath.Join(dir, "..", "shared", "data")
			_, err := os.Stat(data)
			return data, err == nil
		}
		if filepath.Dir(dir) == dir {
			return "", false
		}
	}
}

// Dir returns the data folder joined with parts, skipping the test when
// it is missing (failing it in CI).
func Dir(tb testing.TB, parts ...string) string {
	tb.Helper()
	root, ok := Root()
	p := filepath.Join(append([]string{root}, parts...)...)
	if ok {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		tb.Fatalf("shared data missing at %s (../shared/data beside the repository, or $%s)", p, Env)
	}
	tb.Skipf("shared data missing at %s (../shared/data beside the repository, or $%s); set CI to make this a failure", p, Env)
	return ""
}
