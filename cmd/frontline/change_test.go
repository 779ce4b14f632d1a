package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline"
)

// changeDB is a database with DeepState's maps of 2022-09-06 and
// 2022-09-13 (the demo's Kharkiv window).
func changeDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "f.db")
	mustRun(t, db, "layer", "import", "--layer", "deepstate", daily(t, "2022-09-06T220510Z.geojson"), daily(t, "2022-09-13T073503Z.geojson"))
	return db
}

func changeJSON(t *testing.T, db string) *frontline.ChangeResult {
	t.Helper()
	var res frontline.ChangeResult
	if err := json.Unmarshal([]byte(mustRun(t, db, "change", "--layer", "deepstate", "--from", "2022-09-06", "--to", "2022-09-13", "--json")), &res); err != nil {
		t.Fatal(err)
	}
	if res.Explained == nil || res.Explained.From != "2022-09-05" || res.Explained.To != "2022-09-14" || res.Explained.Explained+res.Explained.Unexplained != len(res.Settlements) {
		t.Fatalf("explained window %+v of %d settlements", res.Explained, len(res.Settlements))
	}
	return &res
}

func settlement(t *testing.T, res *frontline.ChangeResult, name string) frontline.SettlementChange {
	t.Helper()
	for _, s := range res.Settlements {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("%s is not among the %d settlements that changed hands", name, len(res.Settlements))
	return frontline.SettlementChange{}
}

// The Kharkiv press set explains Balakliia's change: claims that Ukraine
// liberated it, each with source, side, credibility and quote; the text
// lists them under the settlement, and says when nothing explains one.
func TestChangeExplainedByPress(t *testing.T) {
	db := changeDB(t)
	before := changeJSON(t, db)
	if b := settlement(t, before, "Balakliia"); !b.Unexplained || len(b.ExplainedBy) != 0 || before.Explained.Explained != 0 {
		t.Fatalf("no reports yet, Balakliia: %+v", b)
	}
	mustRun(t, db, "report", "add", filepath.Join(dataDir(t), "articles", "press-2022-09"))
	res := changeJSON(t, db)
	b := settlement(t, res, "Balakliia")
	if b.Unexplained || len(b.ExplainedBy) == 0 || b.From != frontline.StatusRussia || b.To != frontline.StatusUkraine {
		t.Fatalf("Balakliia: %+v", b)
	}
	agree := 0
	for _, e := range b.ExplainedBy {
		if e.Kind != frontline.ExplanationClaim || e.Quote == "" || e.ReportID == 0 || e.RefersTo < "2022-09-05" || e.RefersTo > "2022-09-14" {
			t.Fatalf("explanation %+v", e)
		}
		if e.Fits == frontline.FitsAgrees {
			agree++
			if e.Side != frontline.SideUkraine || e.Credibility < 1 || e.Credibility > 6 {
				t.Fatalf("agreeing explanation %+v", e)
			}
		}
	}
	if agree == 0 || b.ExplainedBy[0].Fits != frontline.FitsAgrees {
		t.Fatalf("no claim agrees with Balakliia's change: %+v", b.ExplainedBy)
	}
	if res.Explained.Explained < 5 || res.Explained.Unexplained == 0 {
		t.Fatalf("explained %+v", res.Explained)
	}
	out := mustRun(t, db, "change", "--layer", "deepstate", "--from", "2022-09-06", "--to", "2022-09-13")
	i := strings.Index(out, "  Balakliia ")
	if i < 0 || !strings.Contains(out[i:], "agrees 2022-09-") || !strings.Contains(out, "nothing explains it") || !strings.Contains(out, "Explained by claims and observations of 2022-09-05 … 2022-09-14") {
		t.Fatalf("text:\n%s", out)
	}
	// --no-explain leaves the fields out.
	var plain map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, db, "change", "--layer", "deepstate", "--from", "2022-09-06", "--to", "2022-09-13", "--json", "--no-explain")), &plain); err != nil {
		t.Fatal(err)
	}
	if _, ok := plain["explained"]; ok {
		t.Fatal("--no-explain explained")
	}
}

// DeepStateMap's own notes of 2022-09 (the tune half: id % 3 != 0), added
// as reports, explain settlements of the change.
func TestChangeExplainedByDeepStateNotes(t *testing.T) {
	db := changeDB(t)
	data, err := os.ReadFile(filepath.Join(dataDir(t), "control", "deepstate", "history-public-2022-04_2024-12.json"))
	if err != nil {
		t.Fatal(err)
	}
	var all []map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		t.Fatal(err)
	}
	var keep []map[string]json.RawMessage
	for _, v := range all {
		var id int64
		var created string
		json.Unmarshal(v["id"], &id)
		json.Unmarshal(v["createdAt"], &created)
		if id%3 != 0 && strings.HasPrefix(created, "2022-09") {
			keep = append(keep, v)
		}
	}
	buf, _ := json.Marshal(keep)
	file := filepath.Join(t.TempDir(), "history-2022-09.json")
	if err := os.WriteFile(file, buf, 0o600); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, db, "report", "add", file)
	if !strings.Contains(out, "reports stored") || !strings.Contains(out, "deepstate-version") {
		t.Fatalf("report add:\n%s", out)
	}
	res := changeJSON(t, db)
	byDeepState := 0
	for _, s := range res.Settlements {
		for _, e := range s.ExplainedBy {
			if e.ReportKind == frontline.ReportDeepStateVersion {
				if e.Source != "DeepState" || e.SourceReliability != frontline.ReliabilityB || !strings.HasPrefix(e.URL, "https://deepstatemap.live/") {
					t.Fatalf("%s: %+v", s.Name, e)
				}
				byDeepState++
			}
		}
	}
	if byDeepState == 0 {
		t.Fatalf("no settlement of the change is explained by DeepState's notes of 2022-09 (%d versions)", len(keep))
	}
	// The version 1662501910 pairs with the stored map of 2022-09-06 22:05:10.
	var list struct{ Reports []frontline.Report }
	if err := json.Unmarshal([]byte(mustRun(t, db, "report", "list", "--kind", "deepstate-version", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	var id int64
	for _, r := range list.Reports {
		if strings.HasSuffix(r.URL, "/1662501910") {
			id = r.ID
		}
	}
	var show reportShow
	if err := json.Unmarshal([]byte(mustRun(t, db, "report", "show", strconv.FormatInt(id, 10), "--json")), &show); err != nil {
		t.Fatal(err)
	}
	if len(show.Maps) != 1 || show.Maps[0].Layer != "deepstate" || show.Maps[0].ValidAt.Unix() != 1662501910 || show.Maps[0].RussiaKm2 < 100000 {
		t.Fatalf("version 1662501910 (report %d) pairs with %+v", id, show.Maps)
	}
	t.Logf("%d versions of 2022-09 (tune half): %d explanations by DeepState's notes; %d of %d settlements explained", len(keep), byDeepState, res.Explained.Explained, len(res.Settlements))
}

// settlements prints every settlement's periods over a window: Balakliia
// went from Russia to Ukraine between the two maps, in text, JSON and CSV;
// the filters keep what they name; bad flags are usage errors.
func TestSettlementsCommand(t *testing.T) {
	db := changeDB(t)
	var res frontline.SettlementsResult
	if err := json.Unmarshal([]byte(mustRun(t, db, "settlements", "--layer", "deepstate", "--changed", "--oblast", "ua-63", "--json")), &res); err != nil {
		t.Fatal(err)
	}
	if res.From != "2022-09-06" || res.To != "2022-09-13" || res.Days != 8 || res.Located < 20000 || res.Changed < 10 || len(res.Settlements) == 0 {
		t.Fatalf("window %s–%s, %d days, %d located, %d changed, %d listed", res.From, res.To, res.Days, res.Located, res.Changed, len(res.Settlements))
	}
	var balakliia *frontline.SettlementPeriods
	for i, s := range res.Settlements {
		if s.OblastISO != "UA-63" || len(s.Periods) < 2 {
			t.Errorf("%s (%s): %d periods, listed under --changed --oblast UA-63", s.Name, s.OblastISO, len(s.Periods))
		}
		if s.Name == "Balakliia" {
			balakliia = &res.Settlements[i]
		}
	}
	want := []frontline.StatusPeriod{{Status: frontline.StatusRussia, From: "2022-09-06", To: "2022-09-12"}, {Status: frontline.StatusUkraine, From: "2022-09-13", To: "2022-09-13"}}
	if balakliia == nil || len(balakliia.Periods) != 2 || balakliia.Periods[0] != want[0] || balakliia.Periods[1] != want[1] {
		t.Fatalf("Balakliia: %+v, want periods %v", balakliia, want)
	}
	text := mustRun(t, db, "settlements", "--layer", "deepstate", "--changed", "--from", "2022-09-06", "--to", "2022-09-13")
	if !strings.Contains(text, "Balakliia (UA63040010010039074)") || !strings.Contains(text, "russia 2022-09-06→2022-09-12, ukraine 2022-09-13→2022-09-13") {
		t.Errorf("text:\n%s", text)
	}
	csvOut := mustRun(t, db, "settlements", "--layer", "deepstate", "--to", "2022-09-06", "--csv")
	lines := strings.Split(strings.TrimSpace(csvOut), "\n")
	if lines[0] != "id,name,name_uk,kind,oblast_iso,population,lon,lat,point_source,status,from,to" || len(lines)-1 != res.Located {
		t.Errorf("CSV of one day: %d rows for %d settlements, header %q", len(lines)-1, res.Located, lines[0])
	}
	for _, bad := range [][]string{
		{"settlements", "--layer", "deepstate", "--json", "--csv"},
		{"settlements", "--layer", "deepstate", "--oblast", "Donetsk"},
		{"settlements", "--oblast", "UA-14"},
		{"settlements", "--layer", "deepstate", "--from", "2022-13-01"},
	} {
		if _, _, err := run(t, db, bad...); exitCode(err) != 2 {
			t.Errorf("%v: exit %d (%v), want 2", bad, exitCode(err), err)
		}
	}
	if _, _, err := run(t, db, "settlements", "--layer", "nosuch"); exitCode(err) != 1 {
		t.Errorf("unknown layer: exit %d (%v), want 1", exitCode(err), err)
	}
}
