package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	article := filepath.Join(dataDir(t), "articles", "kharkiv-counteroffensive-2022-09.txt")

	out := mustRun(t, db, "report", "add", article, "--source", "ISW", "--published", "2022-09-10")
	if !strings.Contains(out, "1 report stored, 0 duplicates, 0 files refused") || !strings.Contains(out, "Institute for the Study of War") {
		t.Fatalf("add:\n%s", out)
	}
	// The same document again: a duplicate, stored once.
	var sum reportAddSummary
	if err := json.Unmarshal([]byte(mustRun(t, db, "report", "add", article, "--json")), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Stored != 0 || sum.Duplicates != 1 || sum.Files[0].Items[0].ID != 1 {
		t.Fatalf("again: %+v", sum)
	}

	// A folder: the press texts and the feed-entry JSON lines, progress on
	// stderr, one refused file does not stop the rest.
	dir := t.TempDir()
	press := filepath.Join(dataDir(t), "articles", "press-2022-09")
	for _, name := range []string{"2022-09-10-nyt-rss-ukraine-took-critical-hub-izium.txt", "2022-09-06-rss-link-database-kharkiv-counteroffensive-entries.jsonl"} {
		b, err := os.ReadFile(filepath.Join(press, name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "garbage.bin"), []byte{0x00, 0x01, 0x02, 0xff, 0xfe}, 0o644)
	os.WriteFile(filepath.Join(dir, "wrong.csv"), []byte("date,place\n2022-09-10,Balakliia\n"), 0o644)
	var img bytes.Buffer
	jpeg.Encode(&img, image.NewGray(image.Rect(0, 0, 8, 8)), nil)
	os.WriteFile(filepath.Join(dir, "photo.jpg"), img.Bytes(), 0o644)
	stdout, stderr, err := run(t, db, "report", "add", dir, "--json")
	if err != nil {
		t.Fatalf("folder: %v\n%s", err, stderr)
	}
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatal(err)
	}
	// 147 feed entries (some repeated within the file are stored once),
	// the NYT text, the photo.
	if sum.Refused != 2 || sum.Stored+sum.Duplicates != 147+1+1 || sum.Stored < 140 || strings.Count(stderr, "[") != 5 {
		t.Fatalf("folder: %+v\nstderr:\n%s", sum, stderr)
	}
	reasons := ""
	for _, f := range sum.Files {
		reasons += f.Reason + "\n"
	}
	if !strings.Contains(reasons, "binary data") || !strings.Contains(reasons, "lacks the columns event_date") {
		t.Fatalf("reasons:\n%s", reasons)
	}

	// Everything refused: non-zero exit with the reason.
	_, _, err = run(t, db, "report", "add", filepath.Join(dir, "garbage.bin"))
	if err == nil || exitCode(err) != 1 || !strings.Contains(errorText(err), "binary data") {
		t.Fatalf("all refused: %v", err)
	}

	// list and show.
	var list struct {
		Reports []struct {
			ID     int64  `json:"id"`
			Source string `json:"source"`
			Kind   string `json:"kind"`
		} `json:"reports"`
	}
	json.Unmarshal([]byte(mustRun(t, db, "report", "list", "--source", "CNN", "--since", "2022-09-08", "--json")), &list)
	if len(list.Reports) == 0 {
		t.Fatal("no CNN reports since 2022-09-08")
	}
	for _, r := range list.Reports {
		if r.Source != "CNN" || r.Kind != "feed-jsonl" {
			t.Fatalf("list: %+v", r)
		}
	}
	table := mustRun(t, db, "report", "list", "--kind", "text")
	if !strings.Contains(table, "2022-09-10 00:00") || !strings.Contains(table, "Institute for the Study of War") {
		t.Fatalf("list table:\n%s", table)
	}
	show := mustRun(t, db, "report", "show", "1")
	if !strings.Contains(show, "reliability B, usually reliable") || !strings.Contains(show, "“It’s under our control.”") {
		t.Fatalf("show:\n%s", show)
	}
	raw := mustRun(t, db, "report", "show", "1", "--raw")
	want, _ := os.ReadFile(article)
	if raw != string(want) {
		t.Fatal("show --raw differs from the file")
	}
	if _, _, err := run(t, db, "report", "show", "99999"); err == nil || !strings.Contains(errorText(err), "no report 99999") {
		t.Fatalf("show unknown: %v", err)
	}
}

func TestSourceCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	out := mustRun(t, db, "source", "list")
	for _, want := range []string{"Institute for the Study of War", "General Staff of the Armed Forces of Ukraine", "Ministry of Defence of the Russian Federation", "DeepState", "Reuters"} {
		if !strings.Contains(out, want) {
			t.Errorf("source list lacks %s", want)
		}
	}
	mustRun(t, db, "source", "add", "Rybar", "--kind", "social", "--side", "russia", "--reliability", "d", "--reason", "Russian milblogger", "--alias", "Рыбарь", "--alias", "rybar.ru")
	out = mustRun(t, db, "source", "grade", "ISW", "C", "--reason", "late on Kupiansk")
	if !strings.Contains(out, "Institute for the Study of War graded C") {
		t.Fatalf("grade: %s", out)
	}
	var list struct {
		Sources []struct {
			Name        string   `json:"name"`
			Reliability string   `json:"reliability"`
			Origin      string   `json:"origin"`
			Aliases     []string `json:"aliases"`
		} `json:"sources"`
	}
	json.Unmarshal([]byte(mustRun(t, db, "source", "list", "--json")), &list)
	found := 0
	for _, s := range list.Sources {
		switch s.Name {
		case "Rybar":
			found++
			if s.Reliability != "D" || len(s.Aliases) != 2 || s.Origin != "user" {
				t.Errorf("Rybar: %+v", s)
			}
		case "Institute for the Study of War":
			found++
			if s.Reliability != "C" || s.Origin != "user" {
				t.Errorf("ISW: %+v", s)
			}
		}
	}
	if found != 2 {
		t.Fatalf("sources: %+v", list.Sources)
	}
	show := mustRun(t, db, "source", "show", "isw")
	if !strings.Contains(show, "B  (default)") || !strings.Contains(show, "C  (user) late on Kupiansk") {
		t.Fatalf("show:\n%s", show)
	}
	for _, args := range [][]string{
		{"source", "add", "New"},
		{"source", "add", "New", "--kind", "blog", "--side", "neutral", "--reliability", "B", "--reason", "x"},
		{"source", "grade", "ISW", "G", "--reason", "x"},
		{"source", "grade", "ISW", "B"},
	} {
		if _, _, err := run(t, db, args...); exitCode(err) != 2 {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
	if _, _, err := run(t, db, "source", "grade", "Nobody", "B", "--reason", "x"); err == nil || !strings.Contains(errorText(err), "unknown source") {
		t.Errorf("grade unknown: %v", err)
	}
}
