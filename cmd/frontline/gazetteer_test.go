package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGazetteerExtend(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "f.db")
	ext := filepath.Join(dir, "extra.csv")
	// A dam the shipped sites lack, and a German spelling of Kupiansk.
	os.WriteFile(ext, []byte("id,kind,name,name_uk,oblast,lon,lat,names\n"+
		",dam,Pechenihy Dam,Печенізька гребля,Kharkiv,36.935,49.873,Pechenegi dam\n"+
		"UA63080090010026457,,,,,,,Kupjansk\n"), 0o644)
	out := mustRun(t, db, "gazetteer", "import", "--extend", ext)
	if !strings.Contains(out, "1 places added, 1 extended") || !strings.Contains(out, "site:pechenihy-dam") {
		t.Fatalf("extend:\n%s", out)
	}
	top := func(name string) map[string]any {
		var cs []map[string]any
		if err := json.Unmarshal([]byte(mustRun(t, db, "place", "search", name, "--json")), &cs); err != nil || len(cs) == 0 {
			t.Fatalf("search %q: %v", name, err)
		}
		return cs[0]
	}
	if c := top("Pechenegi dam"); c["id"] != "site:pechenihy-dam" || c["oblast"] != "Kharkiv Oblast" {
		t.Errorf("new site → %v", c)
	}
	if c := top("Kupjansk"); c["katottg"] != "UA63080090010026457" || !strings.Contains(strings.Join(toStrings(c["names"]), "|"), "Kupjansk") {
		t.Errorf("added spelling → %v, names %v", c["katottg"], c["names"])
	}

	// A bad row changes nothing, and says where and why.
	gz := filepath.Join(dir, "f.gazetteer.tsv.gz")
	if _, err := os.Stat(gz); err != nil {
		t.Fatalf("the extended gazetteer is not named after the database: %v", err)
	}
	// Another database in the same folder keeps the embedded gazetteer.
	if _, _, err := run(t, filepath.Join(dir, "other.db"), "place", "search", "Pechenegi dam"); err == nil {
		t.Errorf("another database sees this one's extension")
	}
	before, _ := os.ReadFile(gz)
	os.WriteFile(ext, []byte("kind,name,oblast,lon,lat\nvillage,Nowhere,Kharkiv,2.35,48.85\n"), 0o644)
	_, _, err := run(t, db, "gazetteer", "import", "--extend", ext)
	if err == nil || !strings.Contains(errorText(err), "line 2") || !strings.Contains(errorText(err), "not in Ukraine") {
		t.Errorf("point in Paris: %v", err)
	}
	os.WriteFile(ext, []byte("colour\nred\n"), 0o644)
	if _, _, err := run(t, db, "gazetteer", "import", "--extend", ext); err == nil || !strings.Contains(errorText(err), "unknown column") {
		t.Errorf("unknown column: %v", err)
	}
	if after, _ := os.ReadFile(gz); string(after) != string(before) {
		t.Errorf("a failed extension changed the gazetteer file")
	}
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

func TestGroupHelp(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	for _, g := range []string{"layer", "place", "gazetteer"} {
		out := mustRun(t, db, g, "--help")
		if !strings.Contains(out, "frontline "+g+" <command>") || !strings.Contains(out, "  "+g+" ") {
			t.Errorf("%s --help:\n%s", g, out)
		}
	}
}
