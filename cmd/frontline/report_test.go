package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
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

// The reviewer's cases (issue 6): each says what happened and why.
func TestReportAddExplains(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}

	// A report the extractor cannot read (over its 8 MiB) is listed with
	// the reason, and report show says it too.
	big := write("big.txt", bytes.Repeat([]byte("Ukrainian troops entered Balakliia on Thursday. "), 9<<20/48))
	out := mustRun(t, db, "report", "add", big, "--published", "2022-09-10")
	if !strings.Contains(out, "1 report could not be read") || !strings.Contains(out, "not read: report 1 ("+big+"): text is ") ||
		!strings.Contains(out, "at most 8388608 can be extracted at once") {
		t.Fatalf("big:\n%s", out)
	}
	show := mustRun(t, db, "report", "show", "1")
	if !strings.Contains(show, "Extracted: nothing, the extractor") || !strings.Contains(show, "at most 8388608 can be extracted at once") {
		t.Fatalf("show big:\n%.2000s", show)
	}
	var shown reportShow
	if err := json.Unmarshal([]byte(mustRun(t, db, "report", "show", "1", "--json")), &shown); err != nil || !strings.Contains(shown.ExtractionError, "8388608") {
		t.Fatalf("show --json: %q %v", shown.ExtractionError, err)
	}

	// Again with another date: the stored date stays, and the output says so.
	out = mustRun(t, db, "report", "add", big, "--published", "2022-09-12")
	if !strings.Contains(out, "already stored as report 1 (published 2022-09-10); --published 2022-09-12 not applied") {
		t.Fatalf("re-add:\n%s", out)
	}

	// Cyrillic in Windows-1251 and UTF-16 are read, not called binary.
	cp1251 := []byte{0xD3, 0xEA, 0xF0, 0xE0, 0xBF, 0xED, 0xF1, 0xFC, 0xEA, 0xB3, ' '} // "Українські "
	cp1251 = append(cp1251, []byte{0xE2, 0xB3, 0xE9, 0xF1, 0xFC, 0xEA, 0xE0, ' ', 0xE7, 0xE2, 0xB3, 0xEB, 0xFC, 0xED, 0xE8, 0xEB, 0xE8, ' ', 0xC1, 0xE0, 0xEB, 0xE0, 0xEA, 0xEB, 0xB3, 0xFE, '.', '\n'}...)
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range "Ukrainian troops entered Izium.\n" {
		utf16 = append(utf16, byte(r), 0)
	}
	out = mustRun(t, db, "report", "add", write("uk-1251.txt", cp1251), write("en-16.txt", utf16), "--published", "2022-09-10", "--no-extract")
	if !strings.Contains(out, "2 reports stored") || !strings.Contains(out, "Українські війська звільнили Балаклію. [decoded from Windows-1251") ||
		!strings.Contains(out, "Ukrainian troops entered Izium. [decoded from UTF-16LE") {
		t.Fatalf("encodings:\n%s", out)
	}

	// A feed item with nothing in it is refused with its reason; the rest
	// of the feed is stored, and stderr counts the refusal.
	feed := write("feed.xml", []byte(`<rss><channel><title>Kyiv Independent</title>
<item><title>Ukraine retakes Balakliia</title></item><item><title/><description>  </description></item></channel></rss>`))
	stdout, stderr, err := run(t, db, "report", "add", feed, "--no-extract")
	if err != nil || !regexp.MustCompile(`(?m)^-\s+refused\s+rss-item\s+-\s+item 2 has neither a title nor a description`).MatchString(stdout) ||
		!strings.Contains(stderr, "1 item of stored files refused") {
		t.Fatalf("feed: %v\n%s\nstderr:\n%s", err, stdout, stderr)
	}

	// Some files refused: exit 0 with a summary line on stderr; every
	// file refused: exit 1. --help documents it.
	sub := filepath.Join(t.TempDir(), "folder")
	os.Mkdir(sub, 0o755)
	os.WriteFile(filepath.Join(sub, "a.bin"), []byte{0, 1, 2, 3}, 0o644)
	os.WriteFile(filepath.Join(sub, "b.pdf"), []byte("%PDF-1.7\n"), 0o644)
	os.WriteFile(filepath.Join(sub, "c.txt"), []byte("Kupiansk.\n"), 0o644)
	_, stderr, err = run(t, db, "report", "add", sub, "--no-extract")
	if err != nil || !strings.Contains(stderr, "report add: 2 of 3 files refused (reasons above); the rest was read, so the exit status is 0") {
		t.Fatalf("some refused: %v\n%s", err, stderr)
	}
	os.Remove(filepath.Join(sub, "c.txt"))
	if _, _, err = run(t, db, "report", "add", sub); err == nil || exitCode(err) != 1 || !strings.Contains(errorText(err), "all 2 files were refused") {
		t.Fatalf("all refused: %v", err)
	}
	_, stderr, err = run(t, db, "report", "add", "--help")
	if err != nil || !strings.Contains(stderr, "Exit status: 0 when at least one file was read") || !strings.Contains(stderr, "1 when every file was refused") {
		t.Fatalf("add --help: %v\n%s", err, stderr)
	}
}

func TestReportListErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	_, _, err := run(t, db, "report", "list", "--kind", "bogus")
	if err == nil || exitCode(err) != 2 || !strings.Contains(errorText(err), `unknown kind "bogus" (want text, html, rss-item,`) {
		t.Fatalf("--kind bogus: %v", err)
	}
	_, _, err = run(t, db, "report", "list", "--since", "2022-09-12", "--until", "2022-09-01")
	if err == nil || exitCode(err) != 2 || !strings.Contains(errorText(err), "--since 2022-09-12 is after --until 2022-09-01") {
		t.Fatalf("since after until: %v", err)
	}
	if out := mustRun(t, db, "report", "list"); out != "No reports yet. Add some: frontline report add FILE|DIR\n" {
		t.Fatalf("empty list: %q", out)
	}
	if out := mustRun(t, db, "report", "list", "--kind", "JPEG", "--since", "2022-09-01", "--until", "2022-09-01"); !strings.HasSuffix(out, "these filters (frontline report list without them lists every report).\n") {
		t.Fatalf("no match: %q", out)
	}
}

// frontline report and frontline source list their subcommands.
func TestReportSourceHelp(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	for cmd, subs := range map[string][]string{"report": {"add", "list", "show"}, "source": {"add", "list", "grade", "show"}} {
		for _, help := range []string{"--help", "-h", "help"} {
			out, _, err := run(t, db, cmd, help)
			if err != nil {
				t.Fatalf("%s %s: %v", cmd, help, err)
			}
			for _, s := range subs {
				if !strings.Contains(out, "\n  "+s+" ") {
					t.Errorf("%s %s lacks %s:\n%s", cmd, help, s, out)
				}
			}
		}
		_, stderr, err := run(t, db, cmd)
		if exitCode(err) != 2 || !strings.Contains(stderr, "Commands:\n  add ") {
			t.Fatalf("%s alone: %v\n%s", cmd, err, stderr)
		}
		_, _, err = run(t, db, cmd, "bogus")
		if exitCode(err) != 2 || !strings.Contains(errorText(err), "frontline "+cmd+" --help") {
			t.Fatalf("%s bogus: %v", cmd, err)
		}
	}
}
