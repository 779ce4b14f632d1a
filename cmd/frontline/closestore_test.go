package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// openFiles lists the files under prefix this process holds open.
func openFiles(t *testing.T, prefix string) []string {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("no /proc/self/fd: %v", err)
	}
	var open []string
	for _, e := range ents {
		if l, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name())); err == nil && strings.HasPrefix(l, prefix) {
			open = append(open, l)
		}
	}
	return open
}

// TestCommandsCloseTheStore: every command closes what it opened. `claims`
// opened the store twice (the reports' store, then the layers' one in its
// place) and closed only the second: each run left the database, its WAL
// and shared memory open, for the rest of the process (seen as "idle DB
// connections" after the tests).
func TestCommandsCloseTheStore(t *testing.T) {
	db := demoLayerDB(t)
	articles := filepath.Join(dataDir(t), "articles")
	for _, args := range [][]string{
		{"report", "add", seedArticle(t), "--published", "2022-09-10"},
		{"report", "add", filepath.Join(articles, "press-2022-09")},
		{"claims", "--place", "Balakliya"},
		{"claims", "--layer", "", "--json"},
		{"claims", "--report", "abc"},
		{"check", seedArticle(t), "--published", "2022-09-10", "--json"},
		{"contradictions", "--place", "Balakliia", "--json"},
		{"assessed", "--place", "Balakliia", "--at", "2022-09-10", "--json"},
		{"watch", "add", "--kind", "front", "--place", "Kupiansk", "--radius-km", "10", "--from", "2022-09-01"},
		{"watch", "list"},
		{"alerts", "run"},
		{"alerts", "--json"},
		{"layer", "list"},
		{"area", "--layer", "deepstate", "--at", "2022-09-10", "--json"},
		{"change", "--layer", "deepstate", "--from", "2022-09-01", "--to", "2022-09-10", "--json"},
		{"series", "--layer", "deepstate", "--csv"},
		{"report", "list"},
		{"source", "status"},
	} {
		run(t, db, args...) // a failing command must close too
		if open := openFiles(t, db); len(open) > 0 {
			t.Fatalf("after frontline %s the store is still open: %v", strings.Join(args, " "), open)
		}
	}
}
