package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestClaimsCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	articles := filepath.Join(dataDir(t), "articles")

	// report add extracts what it stored.
	out := mustRun(t, db, "report", "add", filepath.Join(articles, "kharkiv-counteroffensive-2022-09.txt"), "--published", "2022-09-10")
	if !strings.Contains(out, "1 report stored") || !strings.Contains(out, "claims from 1 report") {
		t.Fatalf("add:\n%s", out)
	}
	var sum reportAddSummary
	if err := json.Unmarshal([]byte(mustRun(t, db, "report", "add", filepath.Join(articles, "press-2022-09"), "--json")), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Extraction == nil || sum.Extraction.Reports != sum.Stored || sum.Extraction.Claims == 0 || sum.Extraction.Version != extractorVersion {
		t.Fatalf("press: stored %d, extraction %+v", sum.Stored, sum.Extraction)
	}

	// The table: Ganchev's claim about Balakliia with his side.
	table := mustRun(t, db, "claims", "--place", "Balakliya")
	var ganchevLine string
	for _, l := range strings.Split(table, "\n") {
		if strings.Contains(l, "Vitaly Ganchev") {
			ganchevLine = l
		}
	}
	if !strings.HasPrefix(table, "DATE") || !strings.Contains(ganchevLine, "under_control") || !strings.Contains(ganchevLine, "(russia)") ||
		!strings.Contains(ganchevLine, "Balakliia") || !strings.Contains(ganchevLine, "2022-09-10") {
		t.Fatalf("claims table:\n%s", table)
	}

	// A homonym (86 places are called Kalynivka) finds the one the reports
	// are about: the village near Balakliia.
	var kal []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, db, "claims", "--place", "Kalynivka", "--json")), &kal); err != nil || len(kal) == 0 || kal[0]["place_id"] != "UA63040010160063311" {
		t.Errorf("claims --place Kalynivka: %v %v", len(kal), err)
	}

	// JSON: claims with report, source and publication time.
	var cs []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, db, "claims", "--place", "Balakliia", "--json")), &cs); err != nil {
		t.Fatal(err)
	}
	if len(cs) < 5 {
		t.Fatalf("%d claims about Balakliia", len(cs))
	}
	found := false
	for _, c := range cs {
		for _, k := range []string{"report_id", "source", "published_at", "quote", "start", "end", "place_id", "assertion", "side", "speaker", "speaker_side", "refers_to", "credibility", "reasons"} {
			if _, ok := c[k]; !ok {
				t.Fatalf("claim lacks %q: %v", k, c)
			}
		}
		if cr, _ := c["credibility"].(float64); cr < 1 || cr > 6 {
			t.Errorf("claim %v without a credibility", c["quote"])
		}
		if c["place_id"] != "UA63040010010039074" {
			t.Errorf("claim about %v in a query for Balakliia", c["place_id"])
		}
		if strings.Contains(c["speaker"].(string), "Ganchev") && c["speaker_side"] == "russia" && c["published_at"] == "2022-09-10T00:00:00Z" && c["report_id"] == 1.0 {
			found = true
		}
	}
	if !found {
		t.Errorf("Ganchev's claim missing from the JSON")
	}

	// Filters.
	var some []struct {
		ReportID    int64      `json:"report_id"`
		PublishedAt *time.Time `json:"published_at"`
		RecordedAt  time.Time  `json:"recorded_at"`
	}
	json.Unmarshal([]byte(mustRun(t, db, "claims", "--report", "1", "--limit", "3", "--json")), &some)
	if len(some) != 3 || some[0].ReportID != 1 || some[2].ReportID != 1 {
		t.Fatalf("--report 1 --limit 3: %+v", some)
	}
	since := time.Date(2022, 9, 11, 0, 0, 0, 0, time.UTC)
	json.Unmarshal([]byte(mustRun(t, db, "claims", "--since", "2022-09-11", "--json")), &some)
	if len(some) == 0 {
		t.Fatal("no claims since 2022-09-11")
	}
	for _, c := range some {
		at := c.RecordedAt
		if c.PublishedAt != nil {
			at = *c.PublishedAt
		}
		if at.Before(since) {
			t.Fatalf("claim of report %d at %v since %v", c.ReportID, at, since)
		}
	}

	// Nothing is left to read; a report stored without extraction is read
	// by the next claims command.
	if out := mustRun(t, db, "claims", "--reextract"); !strings.Contains(out, "Extractor "+extractorVersion+": 0 claims from 0 reports") {
		t.Fatalf("reextract:\n%s", out)
	}
	note := filepath.Join(t.TempDir(), "note.txt")
	if err := os.WriteFile(note, []byte("Russian forces withdrew from Izium on Saturday, the Russian Ministry of Defense said.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := mustRun(t, db, "report", "add", note, "--no-extract", "--published", "2022-09-10"); strings.Contains(out, "Extracted") {
		t.Fatalf("--no-extract extracted:\n%s", out)
	}
	stdout, stderr, err := run(t, db, "claims", "--place", "Izium")
	if err != nil || !strings.Contains(stderr, "read 1 new report") || !strings.Contains(stdout, "Russian Ministry of Defense (russia)") {
		t.Fatalf("claims after --no-extract: %v\n%s\n%s", err, stdout, stderr)
	}

	// Bad input.
	for _, args := range [][]string{
		{"claims", "--report", "abc"},
		{"claims", "--report", "-1"},
		{"claims", "--since", "yesterday"},
		{"claims", "--limit", "-2"},
		{"claims", "Balakliia"},
	} {
		if _, _, err := run(t, db, args...); exitCode(err) != 2 {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
	if _, _, err := run(t, db, "claims", "--place", "Qwqwqwqwqwqw"); err == nil || exitCode(err) != 1 {
		t.Errorf("unknown place: %v", err)
	}
	if out := mustRun(t, db, "claims", "--report", "99999"); !strings.Contains(out, "No claims match") {
		t.Errorf("no claims:\n%s", out)
	}
}
