package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline/internal/shareddata"

	"github.com/frontline-osint/frontline/mapfile"
)

func dataDir(t testing.TB) string {
	t.Helper()
	return shareddata.Dir(t)
}

func daily(t testing.TB, name string) string {
	return filepath.Join(dataDir(t), "control", "deepstate", "daily-2022-08-20_2022-10-20", name)
}

// run runs the CLI in-process with a fixed clock and returns its output and
// error.
func run(t *testing.T, db string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	return runMain(db, args...)
}

// runMain is run without a test: for fixtures shared by several tests.
func runMain(db string, args ...string) (stdout, stderr string, err error) {
	var out, errb bytes.Buffer
	m := NewMain()
	m.Stdout, m.Stderr, m.IsTerminal = &out, &errb, false
	m.Getenv = func(k string) string {
		if k == "FRONTLINE_DB" {
			return db
		}
		return ""
	}
	clock := time.Date(2022, 9, 14, 0, 0, 0, 0, time.UTC)
	m.Now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	err = m.Run(context.Background(), args)
	return out.String(), errb.String(), err
}

func mustRun(t *testing.T, db string, args ...string) string {
	t.Helper()
	out, stderr, err := run(t, db, args...)
	if err != nil {
		t.Fatalf("frontline %s: %v\n%s", strings.Join(args, " "), err, stderr)
	}
	return out
}

func TestEndToEnd(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	files := []string{daily(t, "2022-09-06T220510Z.geojson"), daily(t, "2022-09-13T073503Z.geojson"), daily(t, "2022-09-13T130124Z.geojson")}

	out := mustRun(t, db, append([]string{"layer", "import", "--layer", "deepstate"}, files...)...)
	if !strings.Contains(out, "3 added, 0 unchanged, 0 failed") {
		t.Fatalf("import summary: %s", out)
	}
	// Idempotent.
	out = mustRun(t, db, append([]string{"layer", "import", "--layer", "deepstate", "--json"}, files...)...)
	var sum importSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil || sum.Added != 0 || sum.Unchanged != 3 {
		t.Fatalf("re-import: %+v %v", sum, err)
	}

	// The area contract.
	var area map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, db, "area", "--layer", "deepstate", "--at", "2022-09-13", "--json")), &area); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"layer", "at", "as_known", "areas_km2", "ukraine_territory_km2"} {
		if _, ok := area[k]; !ok {
			t.Errorf("area JSON lacks %q", k)
		}
	}
	areas := area["areas_km2"].(map[string]any)
	for _, k := range []string{"russia", "ukraine", "contested", "unknown"} {
		if _, ok := areas[k].(float64); !ok {
			t.Errorf("areas_km2 lacks %q", k)
		}
	}
	if area["layer"] != "deepstate" || area["at"] != "2022-09-13" {
		t.Errorf("area JSON = %v", area)
	}

	// The change contract.
	var change struct {
		Layer       string `json:"layer"`
		From, To    string
		Transitions []struct {
			From, To string
			AreaKm2  float64 `json:"area_km2"`
		} `json:"transitions"`
		NetKm2   map[string]float64 `json:"net_km2"`
		ByOblast []struct {
			Oblast      string            `json:"oblast"`
			Transitions []json.RawMessage `json:"transitions"`
		} `json:"by_oblast"`
	}
	gj := filepath.Join(t.TempDir(), "changed.geojson")
	out = mustRun(t, db, "change", "--layer", "deepstate", "--from", "2022-09-06", "--to", "2022-09-13", "--json", "--geojson", gj)
	if err := json.Unmarshal([]byte(out), &change); err != nil {
		t.Fatal(err)
	}
	if change.From != "2022-09-06" || change.To != "2022-09-13" || len(change.Transitions) == 0 || change.ByOblast[0].Oblast != "Kharkiv Oblast" {
		t.Fatalf("change JSON = %+v", change)
	}
	if _, ok := change.NetKm2["ukraine"]; !ok || change.NetKm2["russia"] > -8000 {
		t.Errorf("net = %v", change.NetKm2)
	}
	buf, err := os.ReadFile(gj)
	if err != nil || !bytes.Contains(buf, []byte(`"FeatureCollection"`)) {
		t.Fatalf("--geojson file: %v", err)
	}
	human := mustRun(t, db, "change", "--layer", "deepstate", "--from", "2022-09-06", "--to", "2022-09-13")
	if !strings.Contains(human, "russia → ukraine") || !strings.Contains(human, "Kharkiv Oblast") {
		t.Errorf("change output:\n%s", human)
	}

	csv := mustRun(t, db, "series", "--layer", "deepstate", "--csv")
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if len(lines) != 9 || !strings.HasPrefix(lines[0], "date,snapshot_id,valid_at,carried,russia_km2") || !strings.HasPrefix(lines[8], "2022-09-13,") {
		t.Fatalf("series CSV:\n%s", csv)
	}

	list := mustRun(t, db, "layer", "list")
	if !regexp.MustCompile(`deepstate\s+3\s+2022-09-06`).MatchString(list) {
		t.Errorf("layer list:\n%s", list)
	}
	show := mustRun(t, db, "layer", "show", "deepstate")
	for _, want := range []string{"Окуповано /// Occupied", "russia", "2022-09-13 13:01"} {
		if !strings.Contains(show, want) {
			t.Errorf("layer show lacks %q:\n%s", want, show)
		}
	}

	// As known when the 07:35 map had been imported but not yet the 13:01
	// one, the map of 09-13 was the 07:35 one.
	var shown layerShow
	json.Unmarshal([]byte(mustRun(t, db, "layer", "show", "deepstate", "--json")), &shown)
	var knownAt string
	for _, sn := range shown.SnapshotList {
		if sn.ValidAt.Format("15:04") == "07:35" {
			knownAt = sn.RecordedAt.Format(time.RFC3339Nano)
		}
	}
	var early map[string]any
	json.Unmarshal([]byte(mustRun(t, db, "area", "--layer", "deepstate", "--at", "2022-09-13", "--as-known", knownAt, "--json")), &early)
	if sn := early["snapshot"].(map[string]any); sn["valid_at"] != "2022-09-13T07:35:03Z" {
		t.Errorf("as-known snapshot = %v", sn["valid_at"])
	}
}

func TestKMLAndKMZ(t *testing.T) {
	src := daily(t, "2022-09-13T130124Z.geojson")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	f, err := mapfile.Read(src, data, mapfile.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var kml bytes.Buffer
	if err := mapfile.WriteKML(&kml, f); err != nil {
		t.Fatal(err)
	}
	kmlPath := filepath.Join(dir, "2022-09-13T130124Z.kml")
	os.WriteFile(kmlPath, kml.Bytes(), 0o644)
	kmzPath := filepath.Join(dir, "kmz", "2022-09-14.kmz")
	os.MkdirAll(filepath.Dir(kmzPath), 0o755)
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	w, _ := zw.Create("doc.kml")
	w.Write(kml.Bytes())
	zw.Close()
	os.WriteFile(kmzPath, zbuf.Bytes(), 0o644)

	db := filepath.Join(dir, "f.db")
	mustRun(t, db, "layer", "import", "--layer", "geojson", src)
	mustRun(t, db, "layer", "import", "--layer", "kml", kmlPath)
	mustRun(t, db, "layer", "import", "--layer", "kmz", filepath.Dir(kmzPath))
	var a [3]map[string]any
	for i, l := range []string{"geojson", "kml", "kmz"} {
		at := "2022-09-13"
		if l == "kmz" {
			at = "2022-09-14"
		}
		json.Unmarshal([]byte(mustRun(t, db, "area", "--layer", l, "--at", at, "--json")), &a[i])
	}
	ru := func(m map[string]any) float64 { return m["areas_km2"].(map[string]any)["russia"].(float64) }
	if ru(a[0]) != ru(a[1]) || ru(a[0]) != ru(a[2]) {
		t.Fatalf("russia km² differs by format: geojson %v kml %v kmz %v", ru(a[0]), ru(a[1]), ru(a[2]))
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "f.db")
	good := daily(t, "2022-09-13T130124Z.geojson")
	mustRun(t, db, "layer", "import", "--layer", "deepstate", good)
	before := mustRun(t, db, "layer", "show", "deepstate", "--json")

	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		return p
	}
	truncated, _ := os.ReadFile(good)
	cases := []struct {
		args []string
		want string
		code int
	}{
		{[]string{"layer", "import", "--layer", "deepstate", write("notes.geojson", "these are notes")}, "notes.geojson", 1},
		{[]string{"layer", "import", "--layer", "deepstate", write("2022-09-20T000000Z.geojson", string(truncated[:len(truncated)/2]))}, "2022-09-20T000000Z.geojson", 1},
		{[]string{"layer", "import", "--layer", "deepstate", write("2022-09-21.geojson", `{"type":"FeatureCollection","features":[]}`)}, "2022-09-21.geojson", 1},
		{[]string{"layer", "import", "--layer", "deepstate", write("2022-09-22.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Occupied"},"geometry":{"type":"Polygon","coordinates":[[[30,50],[31,50],[200,51],[30,50]]]}}]}`)}, "2022-09-22.geojson", 1},
		{[]string{"layer", "import", "--layer", "deepstate", "--valid-at", "yesterday", good}, "--valid-at", 2},
		{[]string{"layer", "import", "--layer", "deepstate", filepath.Join(dir, "missing.geojson")}, "missing.geojson", 1},
		{[]string{"area", "--layer", "nope", "--at", "2022-09-13"}, `unknown layer "nope"`, 1},
		{[]string{"area", "--layer", "deepstate", "--at", "13/09/2022"}, "--at", 2},
		{[]string{"area", "--layer", "deepstate", "--at", "2022-01-01"}, "no map on or before 2022-01-01", 1},
		{[]string{"change", "--layer", "deepstate", "--from", "2022-09-13"}, "--to is required", 2},
		{[]string{"series", "--layer", "deepstate", "--json", "--csv"}, "--json and --csv", 2},
		{[]string{"frobnicate"}, "unknown command", 2},
	}
	for _, c := range cases {
		_, stderr, err := run(t, db, c.args...)
		if err == nil {
			t.Errorf("%v: no error", c.args)
			continue
		}
		msg := errorText(err)
		if strings.Contains(msg, "\n") || !strings.Contains(msg+stderr, c.want) || exitCode(err) != c.code {
			t.Errorf("%v: exit %d, %q (stderr %q); want exit %d mentioning %q", c.args, exitCode(err), msg, stderr, c.code, c.want)
		}
	}
	if after := mustRun(t, db, "layer", "show", "deepstate", "--json"); after != before {
		t.Errorf("failed commands changed the store")
	}
	if _, _, err := run(t, db, "area", "--help"); err != nil {
		t.Errorf("--help: %v", err)
	}
}

func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	var stderr syncBuffer
	m := NewMain()
	m.Stdout, m.Stderr = io.Discard, &stderr
	m.Getenv = func(string) string { return "" }
	url := startServeMain(t, m, &stderr, "serve", "--db", db, "--addr", "127.0.0.1:0")
	// The demo was loaded into the empty store.
	resp, err := http.Get(url + "/api/v1/layers/deepstate/change?from=2022-09-06&to=2022-09-13")
	if err != nil {
		t.Fatal(err)
	}
	var ch struct {
		ByOblast []struct{ ISO string } `json:"by_oblast"`
	}
	json.NewDecoder(resp.Body).Decode(&ch)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(ch.ByOblast) == 0 || ch.ByOblast[0].ISO != "UA-63" {
		t.Fatalf("change over HTTP: %d %+v", resp.StatusCode, ch)
	}
}

// TestServePortTaken: serve binds its port before it loads the demo into an
// empty store: a taken port fails at once and the store stays empty.
func TestServePortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	db := filepath.Join(t.TempDir(), "f.db")
	// CPU time, not wall time (which load stretches): failing at once
	// costs little, loading the demo first ~12 s.
	cpu0 := processCPU()
	_, stderr, err := run(t, db, "serve", "--addr", ln.Addr().String())
	if err == nil || !strings.Contains(err.Error()+stderr, "cannot listen") {
		t.Fatalf("serve on a taken port: %v, %q", err, stderr)
	}
	if d := processCPU() - cpu0; d > 3*time.Second {
		t.Errorf("failed after %s of CPU", d)
	}
	if out := mustRun(t, db, "layer", "list", "--json"); strings.Contains(out, "deepstate") {
		t.Errorf("the demo was loaded: %s", out)
	}
}

// TestImportRecordedAt: `layer import --recorded-at valid` records an
// archive's maps as known from their valid times, so the README's
// `--as-known 2022-09-14T00:00:00Z` answers; without it the maps are known
// only from the import (here the test clock, after that time).
func TestImportRecordedAt(t *testing.T) {
	files := []string{daily(t, "2022-09-09T222522Z.geojson"), daily(t, "2022-09-10T214947Z.geojson")}
	asKnown := []string{"area", "--layer", "deepstate", "--at", "2022-09-10", "--as-known", "2022-09-14T00:00:00Z", "--json"}

	plain := filepath.Join(t.TempDir(), "f.db")
	mustRun(t, plain, append([]string{"layer", "import", "--layer", "deepstate"}, files...)...)
	if _, _, err := run(t, plain, asKnown...); err == nil {
		t.Fatal("as known before the import: no error")
	}

	db := filepath.Join(t.TempDir(), "f.db")
	mustRun(t, db, append([]string{"layer", "import", "--layer", "deepstate", "--recorded-at", "valid"}, files...)...)
	type areaJSON struct {
		AreasKm2 map[string]float64 `json:"areas_km2"`
		Snapshot struct {
			ValidAt    time.Time `json:"valid_at"`
			RecordedAt time.Time `json:"recorded_at"`
		} `json:"snapshot"`
	}
	var then, now areaJSON
	json.Unmarshal([]byte(mustRun(t, db, asKnown...)), &then)
	json.Unmarshal([]byte(mustRun(t, db, "area", "--layer", "deepstate", "--at", "2022-09-10", "--json")), &now)
	want := time.Date(2022, 9, 10, 21, 49, 47, 0, time.UTC)
	if then.AreasKm2["russia"] == 0 || then.AreasKm2["russia"] != now.AreasKm2["russia"] || !then.Snapshot.ValidAt.Equal(want) || !then.Snapshot.RecordedAt.Equal(want) {
		t.Errorf("as known on 2022-09-14: %+v\nnow: %+v", then, now)
	}

	// A given time: before a map's valid time, in the future, or not a time.
	other := filepath.Join(t.TempDir(), "f.db")
	for _, v := range []string{"2022-09-10T00:00:00Z", "2030-01-01", "yesterday"} {
		if _, _, err := run(t, other, "layer", "import", "--layer", "deepstate", "--recorded-at", v, files[1]); err == nil {
			t.Errorf("--recorded-at %s: no error", v)
		}
	}
	mustRun(t, other, "layer", "import", "--layer", "deepstate", "--recorded-at", "2022-09-11T08:00:00Z", files[1])
	if out := mustRun(t, other, "area", "--layer", "deepstate", "--at", "2022-09-10", "--as-known", "2022-09-11T09:00:00Z", "--json"); !strings.Contains(out, "2022-09-10T21:49:47Z") {
		t.Errorf("--recorded-at TIME: %s", out)
	}
}

// startServeMain runs m with args (a `serve` command) in the background,
// waits for it to serve and returns its URL. The server is stopped, and
// must stop without error, when the test ends, whatever the test's
// outcome: a failed test does not leave a server with its store open.
// stderr must be m's Stderr.
func startServeMain(t *testing.T, m *Main, stderr *syncBuffer, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx, args) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return waitServing(t, stderr, done, serveBounds(t))
}

// startBounds are waitServing's limits: the CPU time the test process may
// spend waiting, and the time by which it must be done.
type startBounds struct {
	cpu      time.Duration
	deadline time.Time // zero: none
}

// serveStartCPU is the CPU time a serve start may take. Loading the
// bundled demo into an empty store, the costliest start, takes 12 s of
// CPU (TestServe, user+sys, 11.6+0.6 s at load 20 on two cores); this is
// ten times that.
const serveStartCPU = 120 * time.Second

// serveBounds: serveStartCPU, and a minute before the test binary's
// -timeout, so that a start that hangs fails with serve's log rather than
// in go test's panic.
func serveBounds(t testing.TB) startBounds {
	b := startBounds{cpu: serveStartCPU}
	if d, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if at, ok := d.Deadline(); ok {
			b.deadline = at.Add(-time.Minute)
		}
	}
	return b
}

// waitServing waits for serve's "serving URL" line on stderr, which serve
// prints once it listens with its store ready (the demo loaded into an
// empty one), and returns the URL. If serve exits first the test fails
// with its log, and the result is put back on done.
//
// It has no fixed wall-clock limit: at load 35 on two cores, loading the
// demo took more than the 180 s the tests allowed while the server was
// working normally (TestServeCheck, "serve did not start"). It fails when
// the test process has spent b.cpu of CPU time since the wait began (a
// start that works without end) or at b.deadline (a start that hangs),
// with serve's log either way.
func waitServing(t testing.TB, stderr *syncBuffer, done chan error, b startBounds) string {
	t.Helper()
	re := regexp.MustCompile(`serving (http://\S+)`)
	cpu0, start := processCPU(), time.Now()
	for {
		if m := re.FindStringSubmatch(stderr.String()); m != nil {
			t.Logf("serve started in %s, %s of CPU", time.Since(start).Round(time.Millisecond), (processCPU() - cpu0).Round(time.Millisecond))
			return m[1]
		}
		select {
		case err := <-done:
			done <- err
			t.Fatalf("serve exited: %v\n%s", err, stderr.String())
			return ""
		case <-time.After(50 * time.Millisecond):
		}
		if used := processCPU() - cpu0; used > b.cpu {
			t.Fatalf("serve did not start after %s of CPU time (more than %s):\n%s", used.Round(time.Millisecond), b.cpu, stderr.String())
			return ""
		}
		if !b.deadline.IsZero() && time.Now().After(b.deadline) {
			t.Fatalf("serve did not start by %s (a minute before the test's time-out), having used %s of CPU time:\n%s", b.deadline.Format(time.TimeOnly), (processCPU() - cpu0).Round(time.Millisecond), stderr.String())
			return ""
		}
	}
}
