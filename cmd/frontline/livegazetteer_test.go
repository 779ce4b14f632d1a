package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// startServeArgs runs `frontline serve` with args on a free port and
// returns its URL and its log; the server stops when the test ends.
func startServeArgs(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	stderr := &syncBuffer{}
	m := NewMain()
	m.Stdout, m.Stderr = io.Discard, stderr
	m.Getenv = func(string) string { return "" }
	return startServeMain(t, m, stderr, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...), stderr
}

// placeIDs searches /api/v1/places for q and returns the candidates' ids
// (none on 404).
func placeIDs(t *testing.T, base, q string) []string {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/places?q=" + url.QueryEscape(q))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Candidates []struct {
			ID string `json:"id"`
		} `json:"candidates"`
	}
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotFound: // no candidate
		return nil
	default:
		t.Fatalf("places?q=%s: %s", q, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range body.Candidates {
		ids = append(ids, c.ID)
	}
	return ids
}

func contains(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// A running server finds a place added by `gazetteer import --extend`
// without a restart, in search and by id; a second extension too.
func TestServeReloadsExtendedGazetteer(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "f.db")
	base, log := startServeArgs(t, "--db", db, "--no-demo", "--alert-interval", "0", "--gazetteer-reload", "100ms")
	const dam = "site:pechenihy-dam"
	if ids := placeIDs(t, base, "Pechenegi dam"); contains(ids, dam) {
		t.Fatalf("the dam is found before the extension: %v", ids)
	}

	ext := filepath.Join(dir, "extra.csv")
	os.WriteFile(ext, []byte("id,kind,name,name_uk,oblast,lon,lat,names\n"+
		",dam,Pechenihy Dam,Печенізька гребля,Kharkiv,36.935,49.873,Pechenegi dam\n"), 0o644)
	mustRun(t, db, "gazetteer", "import", "--extend", ext)
	waitFor := func(q, id string) {
		t.Helper()
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			if contains(placeIDs(t, base, q), id) {
				return
			}
		}
		t.Fatalf("the running server does not find %s for %q after the extension:\n%s", id, q, log.String())
	}
	waitFor("Pechenegi dam", dam)
	resp, err := http.Get(base + "/api/v1/places/" + url.PathEscape(dam))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("places/%s: %s", dam, resp.Status)
	}

	// A second extension, on top of the first: both are found.
	os.WriteFile(ext, []byte("id,kind,name,name_uk,oblast,lon,lat,names\n"+
		",dam,Pisochyn Pond Dam,Пісочинська гребля,Kharkiv,36.07,49.96,Pesochin pond dam\n"), 0o644)
	mustRun(t, db, "gazetteer", "import", "--extend", ext)
	waitFor("Pesochin pond dam", "site:pisochyn-pond-dam")
	if !contains(placeIDs(t, base, "Pechenegi dam"), dam) {
		t.Errorf("the first extension is lost after the second")
	}
}
