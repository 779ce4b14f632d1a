package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/internal/golden"
	"github.com/frontline-osint/frontline/internal/shareddata"
)

func seedArticle(t testing.TB) string {
	return filepath.Join(dataDir(t), "articles", "kharkiv-counteroffensive-2022-09.txt")
}

// checkDoc is `check --json` read loosely, to test the contract's keys.
type checkDoc struct {
	Places         []map[string]any `json:"places"`
	Claims         []map[string]any `json:"claims"`
	Numbers        []map[string]any `json:"numbers"`
	Contradictions []map[string]any `json:"contradictions"`
	Layer          string           `json:"layer"`
	LayerNote      string           `json:"layer_note"`
}

func checkJSON(t *testing.T, db string, args ...string) (checkDoc, map[string]json.RawMessage) {
	t.Helper()
	out := mustRun(t, db, append([]string{"check", seedArticle(t), "--published", "2022-09-10", "--json"}, args...)...)
	var doc checkDoc
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	return doc, raw
}

func number(t *testing.T, doc checkDoc, quote string) map[string]any {
	t.Helper()
	for _, n := range doc.Numbers {
		if n["quote"] == quote {
			return n
		}
	}
	t.Fatalf("number %q not in check output", quote)
	return nil
}

// ganchevVideo returns the contradictions between Ganchev's claim and a
// claim citing video.
func ganchevVideo(doc checkDoc) []map[string]any {
	var out []map[string]any
	for _, c := range doc.Contradictions {
		a, b := c["a"].(map[string]any), c["b"].(map[string]any)
		if c["kind"] != "claim_evidence" {
			continue
		}
		if strings.Contains(a["speaker"].(string), "Ganchev") && b["evidence"] == "video" || strings.Contains(b["speaker"].(string), "Ganchev") && a["evidence"] == "video" {
			out = append(out, c)
		}
	}
	return out
}

// TestCheckJSONContract: every key of the check contract is present, with
// no database (so no layer): claim-vs-layer and the area and advance checks
// say why they are unchecked, the distance and the impossible area are
// still judged, and check stores nothing.
func TestCheckJSONContract(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none", "f.db")
	doc, raw := checkJSON(t, db)
	for _, k := range []string{"places", "claims", "numbers", "contradictions"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("no %q in check --json", k)
		}
	}
	if len(doc.Places) < 13 || len(doc.Claims) < 10 || len(doc.Numbers) < 5 {
		t.Fatalf("%d places, %d claims, %d numbers", len(doc.Places), len(doc.Claims), len(doc.Numbers))
	}
	for _, p := range doc.Places {
		for _, k := range []string{"mention", "start", "end", "place"} {
			if _, ok := p[k]; !ok {
				t.Fatalf("place lacks %q: %v", k, p)
			}
		}
		pl := p["place"].(map[string]any)
		for _, k := range []string{"id", "name", "lon", "lat"} {
			if _, ok := pl[k]; !ok {
				t.Fatalf("place.place lacks %q: %v", k, pl)
			}
		}
	}
	for _, c := range doc.Claims {
		for _, k := range []string{"quote", "start", "end", "place_id", "assertion", "side", "speaker", "speaker_side", "refers_to", "credibility", "reasons"} {
			if _, ok := c[k]; !ok {
				t.Fatalf("claim lacks %q: %v", k, c)
			}
		}
		if cr := c["credibility"].(float64); cr < 1 || cr > 6 {
			t.Errorf("credibility %v: %v", cr, c)
		}
		if rs, ok := c["reasons"].([]any); !ok || len(rs) == 0 {
			t.Errorf("claim without reasons: %v", c)
		}
	}
	for _, n := range doc.Numbers {
		for _, k := range []string{"quote", "kind", "value", "unit", "bound", "verdict", "measured", "reason"} {
			if _, ok := n[k]; !ok {
				t.Fatalf("number lacks %q: %v", k, n)
			}
		}
	}
	if doc.Layer != "" || !strings.Contains(doc.LayerNote, "not loaded") {
		t.Errorf("layer %q, note %q", doc.Layer, doc.LayerNote)
	}
	if n := number(t, doc, "more than 2,500 square kilometers"); n["verdict"] != "unchecked" || !strings.Contains(n["reason"].(string), "not loaded") {
		t.Errorf("2,500 km² without a layer: %v", n)
	}
	if n := number(t, doc, "50 kilometers"); n["verdict"] != "unchecked" {
		t.Errorf("advance without a layer: %v", n)
	}
	if n := number(t, doc, "more than a million square kilometers"); n["verdict"] != "impossible" {
		t.Errorf("a million km²: %v", n)
	}
	if n := number(t, doc, "73 kilometers"); n["verdict"] != "inconsistent" || n["measured"].(float64) < 60 || n["measured"].(float64) > 62 {
		t.Errorf("73 km: %v", n)
	}
	gv := ganchevVideo(doc)
	if len(gv) == 0 {
		t.Fatalf("Ganchev vs the video not found: %v", doc.Contradictions)
	}
	for _, c := range gv {
		if r := c["resolution"].(map[string]any); r["resolved"] != false {
			t.Errorf("resolved without a layer: %v", r)
		}
	}
	for _, c := range doc.Claims {
		if c["assertion"] == "under_control" && strings.Contains(c["speaker"].(string), "Ganchev") {
			found := false
			for _, r := range c["reasons"].([]any) {
				found = found || strings.Contains(r.(string), "no control layer loaded")
			}
			if !found {
				t.Errorf("Ganchev's reasons do not say the layer is unchecked: %v", c["reasons"])
			}
		}
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("check created %s: %v", db, err)
	}
}

// layerFixture is demoLayerDB's database, built once for the whole run.
var layerFixture = &sharedFixture{build: buildDemoLayerDB}

// sharedFixture is a file built once and shared by several tests. It is
// built without any test's *testing.T: a t.Fatal, t.Skip or time-out in
// the first caller must not leave it marked built but missing (the
// "open …/f.db: no such file" other tests then reported), and its error,
// if any, is reported to every caller.
type sharedFixture struct {
	build func() (string, error)
	once  sync.Once
	path  string
	err   error
}

// get returns the fixture's path, building it on the first call.
func (f *sharedFixture) get() (string, error) {
	f.once.Do(func() {
		// Set first: a build that never returns (a panic, a Goexit)
		// leaves this error, not a path to nothing.
		f.err = fmt.Errorf("its build did not return")
		f.path, f.err = f.build()
	})
	if f.err != nil {
		return "", fmt.Errorf("the shared fixture could not be built: %w", f.err)
	}
	if _, err := os.Stat(f.path); err != nil {
		return "", fmt.Errorf("the shared fixture was built but is gone (removed by something else?): %w", err)
	}
	return f.path, nil
}

// demoLayerDBMaps are the DeepState maps the seed article's checks need:
// 2022-09-01 and 09-03 (the starts of the advance's and the area's
// windows), 09-09, 09-10 and 09-11 (the days around it).
var demoLayerDBMaps = []string{"2022-09-01T203117Z", "2022-09-03T212137Z", "2022-09-09T222522Z", "2022-09-10T214947Z", "2022-09-11T220753Z"}

func buildDemoLayerDB() (string, error) {
	root, ok := shareddata.Root()
	if !ok {
		return "", fmt.Errorf("shared data missing at %s", root)
	}
	dir, err := os.MkdirTemp(testTemp, "check")
	if err != nil {
		return "", err
	}
	db := filepath.Join(dir, "f.db")
	args := []string{"layer", "import", "--layer", "deepstate"}
	for _, n := range demoLayerDBMaps {
		args = append(args, filepath.Join(root, "control", "deepstate", "daily-2022-08-20_2022-10-20", n+".geojson"))
	}
	if _, stderr, err := runMain(db, args...); err != nil {
		return "", fmt.Errorf("frontline %s: %v\n%s", strings.Join(args, " "), err, stderr)
	}
	return db, nil
}

// demoLayerDB is a copy, the test's own, of a database with the DeepState
// maps in demoLayerDBMaps.
func demoLayerDB(t *testing.T) string {
	t.Helper()
	// Skip (or, in CI, fail) this test without the data, as the others
	// do, before the shared build is tried.
	for _, n := range demoLayerDBMaps {
		daily(t, n+".geojson")
	}
	src, err := layerFixture.get()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "f.db")
	if err := os.WriteFile(db, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestDemoLayerDBAfterASkippedFirstCaller: a first caller that skips (no
// data) does not use up the shared build; the next caller gets a database.
// Before, the build ran inside the first caller's sync.Once with its t: a
// t.Skip or t.Fatal there left the fixture marked built with no file, and
// every later test failed with "open …/f.db: no such file".
func TestDemoLayerDBAfterASkippedFirstCaller(t *testing.T) {
	shared := layerFixture
	defer func() { layerFixture = shared }()
	builds := 0
	layerFixture = &sharedFixture{build: func() (string, error) {
		builds++
		return shared.get() // a fresh Once, without a second import
	}}
	t.Run("without the data", func(t *testing.T) {
		t.Setenv(shareddata.Env, filepath.Join(t.TempDir(), "missing"))
		t.Setenv("CI", "")
		demoLayerDB(t)
		t.Error("demoLayerDB without the data did not skip")
	})
	db := demoLayerDB(t)
	if out := mustRun(t, db, "layer", "list"); !strings.Contains(out, "deepstate") {
		t.Errorf("the fixture's copy: layer list %q", out)
	}
	if builds != 1 {
		t.Errorf("%d builds, want 1", builds)
	}
}

// TestSharedFixtureErrors: a build's error reaches every caller, and a
// built file removed since says so, not "no such file" alone.
func TestSharedFixtureErrors(t *testing.T) {
	builds := 0
	f := &sharedFixture{build: func() (string, error) { builds++; return "", fmt.Errorf("no disk") }}
	for i := 0; i < 2; i++ {
		if _, err := f.get(); err == nil || !strings.Contains(err.Error(), "could not be built: no disk") {
			t.Errorf("call %d: %v", i, err)
		}
	}
	if builds != 1 {
		t.Errorf("%d builds, want 1", builds)
	}
	path := filepath.Join(t.TempDir(), "f.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	g := &sharedFixture{build: func() (string, error) { return path, nil }}
	if got, err := g.get(); got != path || err != nil {
		t.Fatalf("get = %q, %v", got, err)
	}
	os.Remove(path)
	if _, err := g.get(); err == nil || !strings.Contains(err.Error(), "built but is gone") {
		t.Errorf("after removal: %v", err)
	}
	// A build that does not return (here a Goexit, as t.Fatal does)
	// leaves an error, not an empty path.
	h := &sharedFixture{build: func() (string, error) { runtime.Goexit(); return "", nil }}
	done := make(chan struct{})
	go func() { defer close(done); h.get() }()
	<-done
	if _, err := h.get(); err == nil || !strings.Contains(err.Error(), "did not return") {
		t.Errorf("after a Goexit in the build: %v", err)
	}
}

// TestCheckWithLayer: with DeepState's maps, Ganchev against the video is
// resolved in Ukraine's favour, and the distance from Kupiansk is measured
// (the area and the advance, with no window stated, are not).
func TestCheckWithLayer(t *testing.T) {
	db := demoLayerDB(t)
	doc, _ := checkJSON(t, db)
	if doc.Layer != "deepstate" {
		t.Fatalf("layer %q (%s)", doc.Layer, doc.LayerNote)
	}
	gv := ganchevVideo(doc)
	if len(gv) == 0 {
		t.Fatal("Ganchev vs the video not found")
	}
	for _, c := range gv {
		r := c["resolution"].(map[string]any)
		if r["resolved"] != true || r["favours"] != "ukraine" || r["by"] != "deepstate" {
			t.Errorf("with DeepState: %v", r)
		}
	}
	layerFound := false
	for _, c := range doc.Contradictions {
		if c["kind"] == "claim_layer" && strings.Contains(c["a"].(map[string]any)["speaker"].(string), "Ganchev") {
			layerFound = true
		}
	}
	if !layerFound {
		t.Error("Ganchev vs DeepState not found")
	}
	if n := number(t, doc, "less than 20 kilometers"); n["measured"] == nil || n["verdict"] == "unchecked" {
		t.Errorf("less than 20 kilometers: %v", n)
	}
	// The area and the advance state no window (issue 10: no silent
	// 7-day default): unchecked, the reason says so and gives the week
	// before for reference.
	for _, q := range []string{"more than 2,500 square kilometers", "50 kilometers"} {
		n := number(t, doc, q)
		if n["verdict"] != "unchecked" || !strings.Contains(n["reason"].(string), "no window") || !strings.Contains(n["reason"].(string), "for reference") {
			t.Errorf("%s: %v", q, n)
		}
	}
	// The readable verdict says the same.
	out := mustRun(t, db, "check", seedArticle(t), "--published", "2022-09-10")
	for _, want := range []string{"Checked against layer deepstate", "IMPOSSIBLE", "INCONSISTENT", "claim vs evidence — resolved for ukraine by deepstate", "[5 improbable] Balakliia under Russian control"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
}

// TestContradictionsAndAssessed: over stored claims, the seed article and
// the September press texts.
func TestContradictionsAndAssessed(t *testing.T) {
	db := demoLayerDB(t)
	mustRun(t, db, "report", "add", seedArticle(t), "--published", "2022-09-10")
	mustRun(t, db, "report", "add", filepath.Join(dataDir(t), "articles", "press-2022-09"))

	var res contradictionsResult
	if err := json.Unmarshal([]byte(mustRun(t, db, "contradictions", "--place", "Balakliya", "--json")), &res); err != nil {
		t.Fatal(err)
	}
	if res.Layer != "deepstate" || res.Claims == 0 || len(res.Contradictions) == 0 {
		t.Fatalf("contradictions: layer %q, %d claims, %d contradictions", res.Layer, res.Claims, len(res.Contradictions))
	}
	found := false
	for _, c := range res.Contradictions {
		if c.PlaceID != "UA63040010010039074" {
			t.Errorf("contradiction about %s for --place Balakliya", c.PlaceName)
		}
		if c.Kind == "claim_evidence" && strings.Contains(c.A.Speaker+c.B.Speaker, "Ganchev") && c.Resolution.Resolved && c.Resolution.Favours == "ukraine" {
			found = true
		}
		if c.A.ReportID == 0 && c.A.Kind == "claim" {
			t.Errorf("stored claim without a report: %+v", c.A)
		}
	}
	if !found {
		t.Errorf("Ganchev vs the video not resolved for Ukraine: %+v", res.Contradictions)
	}
	// Without the layer, the same contradiction stands unresolved.
	if err := json.Unmarshal([]byte(mustRun(t, db, "contradictions", "--place", "Balakliia", "--layer", "", "--json")), &res); err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Contradictions {
		if c.Kind == "claim_layer" || c.Resolution.Resolved && c.Resolution.By != "evidence" {
			t.Errorf("without a layer: %+v", c)
		}
	}
	text := mustRun(t, db, "contradictions", "--place", "Balakliia")
	if !strings.Contains(text, "Balakliia, 2022-09-10 — claim vs evidence") {
		t.Errorf("contradictions text:\n%s", text)
	}

	// check weighs a document against the stored claims, but not against
	// its own stored copy (report 1).
	var cr frontline.CheckResult
	if err := json.Unmarshal([]byte(mustRun(t, db, "check", seedArticle(t), "--published", "2022-09-10", "--json")), &cr); err != nil {
		t.Fatal(err)
	}
	if cr.StoredClaims == 0 {
		t.Error("check weighed no stored claims")
	}
	for _, c := range cr.Contradictions {
		if c.A.ReportID == 1 || c.B.ReportID == 1 {
			t.Errorf("the document contradicted by its stored copy: %+v", c)
		}
	}
	for _, c := range cr.Claims {
		for _, r := range c.Reasons {
			if strings.Contains(r, "report 1)") || strings.Contains(r, "report 1;") {
				t.Errorf("corroborated by its stored copy: %s", r)
			}
		}
	}

	// The assessed layer: Balakliia Ukrainian on 2022-09-10, on the
	// claims' word.
	var ar assessedResult
	if err := json.Unmarshal([]byte(mustRun(t, db, "assessed", "--place", "Balakliia", "--at", "2022-09-10", "--json")), &ar); err != nil {
		t.Fatal(err)
	}
	if len(ar.Statuses) != 1 || ar.Statuses[0].Period == nil || ar.Statuses[0].Period.Status != "ukraine" || len(ar.Statuses[0].Period.Claims) == 0 {
		t.Fatalf("assessed Balakliia: %+v", ar.Statuses)
	}
	if p := ar.Statuses[0].Period; p.Confidence <= 0 || p.Confidence > 1 {
		t.Errorf("confidence %v", p.Confidence)
	}
	var cmp struct {
		Layer    string `json:"layer"`
		Compared int    `json:"compared"`
		Agree    int    `json:"agree"`
		Disagree []struct {
			PlaceName string `json:"place_name"`
			Assessed  string `json:"assessed"`
			LayerSays string `json:"layer_status"`
		} `json:"disagree"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, db, "assessed", "--compare", "deepstate", "--at", "2022-09-11", "--json")), &cmp); err != nil {
		t.Fatal(err)
	}
	if cmp.Layer != "deepstate" || cmp.Compared == 0 || cmp.Agree+len(cmp.Disagree) != cmp.Compared {
		t.Fatalf("compare: %+v", cmp)
	}
	for _, d := range cmp.Disagree {
		if d.Assessed == d.LayerSays {
			t.Errorf("listed as disagreeing: %+v", d)
		}
	}
	t.Logf("assessed vs deepstate on 2022-09-11: %d compared, %d agree, %+v", cmp.Compared, cmp.Agree, cmp.Disagree)
	if _, _, err := run(t, db, "assessed", "--compare", "deepstate"); err == nil {
		t.Error("--compare without --at accepted")
	}
}

// TestCheckBadInput: files check cannot read are refused with a reason.
func TestCheckBadInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "none.db")
	bin := filepath.Join(dir, "garbage.bin")
	if err := os.WriteFile(bin, []byte{0, 1, 2, 0xff, 0xfe, 0, 0, 7, 8, 9}, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, db, "check", bin); err == nil || errorText(err) == "" {
		t.Errorf("binary file: %v", err)
	}
	feed := filepath.Join(dir, "feed.xml")
	rss := `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>` +
		`<item><title>Kupiansk retaken</title><description>Ukrainian troops retook Kupiansk.</description></item>` +
		`<item><title>Izium</title><description>Fighting near Izium.</description></item></channel></rss>`
	if err := os.WriteFile(feed, []byte(rss), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, db, "check", feed); err == nil || !strings.Contains(errorText(err), "holds 2 reports") {
		t.Errorf("feed: %v", err)
	}
	if _, _, err := run(t, db, "check"); err == nil || exitCode(err) != 2 {
		t.Errorf("no file: %v", err)
	}
	if _, _, err := run(t, db, "check", filepath.Join(dir, "missing.txt")); err == nil {
		t.Error("missing file accepted")
	}
}

// The offsets index the text as read, which check --json gives: a file
// with a byte-order mark and CRLF line ends is read as text without them.
func TestCheckOffsetsIndexText(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "crlf.txt")
	os.WriteFile(path, []byte("\ufeffUkrainian troops liberated Balakliia on Thursday.\r\nRussian forces withdrew from Izium, the Russian Ministry of Defense said.\r\n"), 0o644)
	var res struct {
		Text   string
		Places []struct {
			Mention    string
			Start, End int
		}
		Claims []struct {
			Quote      string
			Start, End int
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, filepath.Join(dir, "none", "f.db"), "check", path, "--published", "2022-09-10", "--json")), &res); err != nil {
		t.Fatal(err)
	}
	if res.Text == "" || len(res.Places) < 2 || len(res.Claims) < 1 {
		t.Fatalf("check: %+v", res)
	}
	for _, p := range res.Places {
		if res.Text[p.Start:p.End] != p.Mention {
			t.Errorf("place %q at %d–%d reads %q", p.Mention, p.Start, p.End, res.Text[p.Start:p.End])
		}
	}
	for _, c := range res.Claims {
		if res.Text[c.Start:c.End] != c.Quote {
			t.Errorf("claim %q at %d–%d reads %q", c.Quote, c.Start, c.End, res.Text[c.Start:c.End])
		}
	}
	// Errors name the file.
	if _, _, err := run(t, filepath.Join(dir, "none", "f.db"), "check", filepath.Join(dir, "missing.txt")); err == nil || !strings.Contains(errorText(err), "missing.txt") {
		t.Errorf("missing file: %v", err)
	}
}

// TestCheckWikipediaPage: a page saved from Wikipedia is read for what it
// says, not for its image captions or its See also list, and a file name
// that starts with a date gives the publication day.
func TestCheckWikipediaPage(t *testing.T) {
	page := filepath.Join(dataDir(t), "articles", "press-2022-09", "2022-10-16-wikipedia-2022-ukrainian-kharkiv-counteroffensive-rev2022-10.txt")
	var res struct {
		Published string
		Claims    []struct {
			Quote     string
			PlaceName string `json:"place_name"`
		}
	}
	stdout, stderr, err := run(t, filepath.Join(t.TempDir(), "none", "f.db"), "check", page, "--json")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	if res.Published != "2022-10-16T12:00:00Z" || strings.Contains(stderr, "gives no publication time") {
		t.Errorf("published %q (stderr %q), want the file name's day", res.Published, stderr)
	}
	if len(res.Claims) == 0 {
		t.Fatal("no claims")
	}
	for _, c := range res.Claims {
		if strings.Contains(c.Quote, "![") || strings.Contains(c.Quote, "Special:Redirect") || strings.Contains(c.Quote, "UA flag in liberated") {
			t.Errorf("a claim from an image caption: %q", c.Quote)
		}
	}
}

// startServe runs `frontline serve` on a free port over db and returns its
// URL; the server stops when the test ends.
func startServe(t *testing.T, db string) string {
	t.Helper()
	var stderr syncBuffer
	m := NewMain()
	m.Stdout, m.Stderr = io.Discard, &stderr
	m.Getenv = func(string) string { return "" }
	return startServeMain(t, m, &stderr, "serve", "--db", db, "--addr", "127.0.0.1:0", "--alert-interval", "0")
}

// post posts body and returns the status and the decoded answer.
func post(t *testing.T, url, contentType string, body []byte) (int, map[string]any) {
	t.Helper()
	resp, err := http.Post(url, contentType, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("POST %s: %d, not JSON: %v", url, resp.StatusCode, err)
	}
	return resp.StatusCode, out
}

// TestServeCheck: POST /api/v1/check on a server over the demo store
// answers what `frontline check --json` prints for the seed article, as
// JSON or as text/plain, and refuses bad input with 4xx and a reason.
func TestServeCheck(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	url := startServe(t, db) // loads the bundled demo into the empty store
	text, err := os.ReadFile(seedArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	var cli map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, db, "check", seedArticle(t), "--published", "2022-09-10", "--json")), &cli); err != nil {
		t.Fatal(err)
	}
	if cli["layer"] != "deepstate" || len(cli["contradictions"].([]any)) == 0 || len(cli["claims"].([]any)) < 10 {
		t.Fatalf("the CLI's check over the demo store: layer %v (%v), %d claims, %d contradictions", cli["layer"], cli["layer_note"], len(cli["claims"].([]any)), len(cli["contradictions"].([]any)))
	}
	if cli["file"] != seedArticle(t) {
		t.Errorf("CLI file %v", cli["file"])
	}
	delete(cli, "file")

	body, _ := json.Marshal(map[string]any{"text": string(text), "published": "2022-09-10"})
	status, got := post(t, url+"/api/v1/check", "application/json", body)
	if status != 200 {
		t.Fatalf("POST /api/v1/check: %d %v", status, got)
	}
	if got["file"] != "" {
		t.Errorf("file %v over HTTP", got["file"])
	}
	delete(got, "file")
	if !reflect.DeepEqual(got, cli) {
		a, _ := json.MarshalIndent(got, "", " ")
		b, _ := json.MarshalIndent(cli, "", " ")
		t.Errorf("HTTP and CLI differ:\nHTTP %.2000s\nCLI  %.2000s", a, b)
	}

	// The same as text/plain with query parameters.
	status, plain := post(t, url+"/api/v1/check?published=2022-09-10", "text/plain; charset=utf-8", text)
	delete(plain, "file")
	if status != 200 || !reflect.DeepEqual(plain, cli) {
		t.Errorf("text/plain: %d, equal to the CLI's: %v", status, reflect.DeepEqual(plain, cli))
	}
	// layer "" checks against no layer, as --layer "" does.
	status, none := post(t, url+"/api/v1/check?published=2022-09-10&layer=", "text/plain", text)
	if status != 200 || none["layer"] != "" || none["layer_note"] == "" {
		t.Errorf("no layer: %d layer %v note %v", status, none["layer"], none["layer_note"])
	}

	for _, c := range []struct {
		name, contentType, query string
		body                     []byte
		status                   int
		param, reason            string
	}{
		{"bad published", "application/json", "", []byte(`{"text":"Ukrainian troops liberated Balakliia.","published":"yesterday"}`), 400, "published", "cannot read time"},
		{"bad as_known", "text/plain", "?as_known=2022-13-01", []byte("Ukrainian troops liberated Balakliia."), 400, "as_known", "cannot read time"},
		{"empty text", "application/json", "", []byte(`{"text":"  "}`), 400, "text", "empty"},
		{"no text", "application/json", "", []byte(`{}`), 400, "text", "empty"},
		{"unknown field", "application/json", "", []byte(`{"text":"x","pubished":"2022-09-10"}`), 400, "", "unknown field"},
		{"not JSON", "application/json", "", []byte(`{"text":`), 400, "", "malformed"},
		{"query with JSON", "application/json", "?layer=deepstate", []byte(`{"text":"x"}`), 400, "layer", "in the body"},
		{"feed", "text/plain", "", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a</title><description>Kupiansk retaken.</description></item><item><title>b</title><description>Izium.</description></item></channel></rss>`), 400, "text", "holds 2 reports"},
		{"not UTF-8", "text/plain", "", []byte{0xff, 0xfe, 'a', 0xc3}, 400, "", "UTF-8"},
		{"form", "application/x-www-form-urlencoded", "", []byte("text=x"), 415, "", "Content-Type"},
		{"too large", "text/plain", "", bytes.Repeat([]byte("Balakliia. "), 500_000), 413, "", "at most"},
	} {
		status, e := post(t, url+"/api/v1/check"+c.query, c.contentType, c.body)
		if status != c.status {
			t.Errorf("%s: status %d, want %d: %v", c.name, status, c.status, e)
			continue
		}
		ee, _ := e["error"].(map[string]any)
		if ee == nil || !strings.Contains(ee["message"].(string), c.reason) || c.param != "" && ee["param"] != c.param {
			t.Errorf("%s: %v, want %q about %q", c.name, e, c.reason, c.param)
		}
	}
	// GET is not a check.
	resp, err := http.Get(url + "/api/v1/check")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed && resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /api/v1/check: %d", resp.StatusCode)
	}
}

// TestCheckGolden: `check` of the seed article, as text and as JSON (with
// no store), is what testdata/check-seed.golden.* hold — the JSON a
// contract, the text what people read. The file's folder is left out (it
// differs between machines). go test ./cmd/frontline -run TestCheckGolden
// -update rewrites them after a deliberate change.
func TestCheckGolden(t *testing.T) {
	article := filepath.Join(dataDir(t), "articles", "kharkiv-counteroffensive-2022-09.txt")
	db := filepath.Join(t.TempDir(), "none", "f.db")
	text := mustRun(t, db, "check", article, "--published", "2022-09-10")
	text = strings.ReplaceAll(text, filepath.Dir(article)+string(filepath.Separator), "")
	text = strings.ReplaceAll(text, db, "DB")
	golden.Assert(t, filepath.Join("testdata", "check-seed.golden.txt"), []byte(text))

	var v map[string]any
	out := strings.ReplaceAll(mustRun(t, db, "check", article, "--published", "2022-09-10", "--json"), db, "DB")
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	v["file"] = filepath.Base(article)
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, filepath.Join("testdata", "check-seed.golden.json"), append(b, '\n'))
}

// A short command (check, change …) turns the collector off while it runs
// (collectLate) and leaves the settings as it found them, however many run
// at once.
func TestCheckRestoresCollector(t *testing.T) {
	t.Setenv("GOGC", "")
	percent := debug.SetGCPercent(150)
	limit := debug.SetMemoryLimit(900 << 20)
	defer func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}()
	restoreA := collectLate()
	if got := debug.SetMemoryLimit(-1); got != lateHeapLimit {
		t.Errorf("memory limit %d during a check, want %d", got, lateHeapLimit)
	}
	restoreB := collectLate()
	restoreA()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GC percent %d while a second check runs, want -1 (off)", got)
	}
	restoreB()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("GC percent %d after the checks, want 150", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 900<<20 {
		t.Errorf("memory limit %d after the checks, want %d", got, 900<<20)
	}
	// Through the command: a check without a store.
	doc := filepath.Join(t.TempDir(), "2022-09-10-doc.txt")
	if err := os.WriteFile(doc, []byte("Ukrainian troops retook Balakliia on Thursday."), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, filepath.Join(t.TempDir(), "none.db"), "check", doc); err != nil {
		t.Fatal(err)
	}
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("GC percent %d after check, want 150", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 900<<20 {
		t.Errorf("memory limit %d after check, want %d", got, 900<<20)
	}
	// A command that fails (no store) restores them too.
	if _, _, err := run(t, filepath.Join(t.TempDir(), "none.db"), "change", "--from", "2022-09-01", "--to", "2022-09-10"); err == nil {
		t.Fatal("change without a store: no error")
	}
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("GC percent %d after a failed change, want 150", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 900<<20 {
		t.Errorf("memory limit %d after a failed change, want %d", got, 900<<20)
	}
}
