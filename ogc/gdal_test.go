package ogc_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/ogc"
)

// ogrinfo returns the path of GDAL's ogrinfo; it skips the test when it is
// missing, unless CI is set.
func ogrinfo(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("ogrinfo")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("ogrinfo (Debian package gdal-bin) is required in CI: %v", err)
		}
		t.Skipf("ogrinfo not installed (Debian package gdal-bin): %v", err)
	}
	return p
}

// requestLog records the paths a server was asked for.
type requestLog struct {
	mu    sync.Mutex
	paths []string
	next  http.Handler
}

func (l *requestLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	l.paths = append(l.paths, r.URL.RequestURI())
	l.mu.Unlock()
	l.next.ServeHTTP(w, r)
}

func (l *requestLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	p := l.paths
	l.paths = nil
	return p
}

// server is a listening test server.
type server struct{ *httptest.Server }

func (s server) URL() string { return s.Server.URL }

// openFrontline serves the demo store's OGC API on a free port of
// 127.0.0.1, recording the requests.
func openFrontline(t *testing.T) (server, *requestLog) {
	t.Helper()
	log := &requestLog{next: ogc.NewHandler(svc, svc)}
	ts := httptest.NewServer(log)
	t.Cleanup(ts.Close)
	return server{ts}, log
}

var fetchRE = regexp.MustCompile(`HTTP: Fetch\(([^)]*)\)`)

// runOgrinfo runs ogrinfo with GDAL kept off every network but the test
// server's: no proxy, no retries, and every URL GDAL fetched (from its
// debug log) must be under server.
func runOgrinfo(t *testing.T, server string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, ogrinfo(t), args...)
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		up := strings.ToUpper(name)
		if strings.Contains(up, "PROXY") || strings.HasPrefix(up, "GDAL_") || strings.HasPrefix(up, "CPL_") || strings.HasPrefix(up, "OGR_") || strings.HasPrefix(up, "CURL_") {
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	cmd.Env = append(cmd.Env,
		"NO_PROXY=*", "no_proxy=*",
		"GDAL_HTTP_TIMEOUT=30", "GDAL_HTTP_MAX_RETRY=0",
		"GDAL_DISABLE_READDIR_ON_OPEN=EMPTY_DIR",
		"CPL_DEBUG=ON", // logs each URL fetched, checked below
	)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	fetched := fetchRE.FindAllStringSubmatch(stderr.String(), -1)
	if len(fetched) == 0 {
		t.Errorf("ogrinfo %v: no HTTP fetch in its debug log:\n%s", args, stderr.String())
	}
	for _, m := range fetched {
		if !strings.HasPrefix(m[1], server+"/") {
			t.Errorf("ogrinfo fetched %s, outside the test server", m[1])
		}
	}
	if os.Getenv("OGC_TEST_DEBUG") != "" {
		t.Logf("ogrinfo %v stderr:\n%s", args, stderr.String())
	}
	if err != nil {
		t.Fatalf("ogrinfo %v: %v\nstdout:\n%s\nstderr:\n%s", args, err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// TestOgrinfoListsCollections: GDAL's OAPIF driver opens the landing page
// and lists the deepstate layer.
func TestOgrinfoListsCollections(t *testing.T) {
	s, _ := openFrontline(t)
	out := runOgrinfo(t, s.URL(), "-ro", "OAPIF:"+s.URL()+"/ogc")
	if !regexp.MustCompile(`(?m)^\d+: deepstate\b`).MatchString(out) {
		t.Fatalf("ogrinfo lists no deepstate layer:\n%s", out)
	}
}

// TestOgrinfoReadsFeatures: GDAL reads the latest map's features (paging
// through the next links) with the schema of the properties.
func TestOgrinfoReadsFeatures(t *testing.T) {
	s, log := openFrontline(t)
	var latest featureCollection
	fetch(t, s.URL()+"/ogc/collections/deepstate/items", typeGeoJSON, &latest)
	log.take()

	out := runOgrinfo(t, s.URL(), "-ro", "-al", "-so", "OAPIF:"+s.URL()+"/ogc", "deepstate")
	m := regexp.MustCompile(`Feature Count: (\d+)`).FindStringSubmatch(out)
	if m == nil || m[1] != strconv.Itoa(latest.NumberMatched) {
		t.Errorf("Feature Count %v, want %d:\n%s", m, latest.NumberMatched, out)
	}
	for _, field := range []string{"status: String", "oblast: String", "area_km2: Real", "valid_at: ", "snapshot_id: Integer"} {
		if !strings.Contains(out, field) {
			t.Errorf("no field %q in:\n%s", field, out)
		}
	}
	if !strings.Contains(out, "Multi Polygon") {
		t.Errorf("geometry type not Multi Polygon:\n%s", out)
	}
	t.Logf("ogrinfo requested %v", log.take())

	// Every feature, all pages: the same ids and areas as the API gives.
	out = runOgrinfo(t, s.URL(), "-ro", "-al", "-geom=NO", "OAPIF:"+s.URL()+"/ogc", "deepstate")
	got := readFeatures(t, out)
	if len(got) != latest.NumberMatched {
		t.Errorf("ogrinfo read %d features, want %d", len(got), latest.NumberMatched)
	}
	if paths := log.take(); !strings.Contains(strings.Join(paths, " "), "offset=") {
		t.Errorf("ogrinfo did not page (latest map: %d features): %v", latest.NumberMatched, paths)
	}

	// A spatial filter is sent to the server as bbox.
	var near featureCollection
	fetch(t, s.URL()+"/ogc/collections/deepstate/items?bbox=35.5,49,38.5,50.5", typeGeoJSON, &near)
	log.take()
	out = runOgrinfo(t, s.URL(), "-ro", "-al", "-geom=NO", "-spat", "35.5", "49", "38.5", "50.5", "OAPIF:"+s.URL()+"/ogc", "deepstate")
	got = readFeatures(t, out)
	if len(got) == 0 || len(got) > near.NumberMatched || near.NumberMatched >= latest.NumberMatched {
		t.Errorf("-spat: ogrinfo read %d features; the server's bbox matches %d of %d", len(got), near.NumberMatched, latest.NumberMatched)
	}
	if paths := log.take(); !strings.Contains(strings.Join(paths, " "), "bbox=35.5") {
		t.Errorf("ogrinfo -spat sent no bbox: %v", paths)
	}

	// An attribute filter is sent to the server: GDAL 3.6 (Debian 12)
	// sends the queryables it finds in the API definition as query
	// parameters (status=russia), later GDALs CQL2 text as filter.
	var russian featureCollection
	fetch(t, s.URL()+"/ogc/collections/deepstate/items?status=russia", typeGeoJSON, &russian)
	log.take()
	out = runOgrinfo(t, s.URL(), "-ro", "-al", "-geom=NO", "-where", "status = 'russia' AND area_km2 > 0", "OAPIF:"+s.URL()+"/ogc", "deepstate")
	got = readFeatures(t, out)
	if len(got) != russian.NumberMatched || len(got) == 0 {
		t.Errorf("-where: ogrinfo read %d features, the server has %d Russian-held", len(got), russian.NumberMatched)
	}
	for _, f := range got {
		if f.status != frontline.StatusRussia {
			t.Errorf("-where status = 'russia' gave %+v", f)
		}
	}
	paths := strings.Join(log.take(), " ")
	if !strings.Contains(paths, "filter=") && !strings.Contains(paths, "status=russia") {
		t.Errorf("ogrinfo -where filtered on the client, sent no filter: %v", paths)
	}
	t.Logf("ogrinfo -where requested %s", paths)
}

// ogrFeature is a feature as ogrinfo prints it.
type ogrFeature struct {
	status  frontline.Status
	areaKm2 float64
}

var (
	featureRE = regexp.MustCompile(`(?m)^OGRFeature\(`)
	fieldRE   = regexp.MustCompile(`(?m)^\s+(\w+) \(\w+\) = (.*)$`)
)

func readFeatures(t *testing.T, out string) []ogrFeature {
	t.Helper()
	var fs []ogrFeature
	starts := featureRE.FindAllStringIndex(out, -1)
	for i, st := range starts {
		end := len(out)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		var f ogrFeature
		for _, m := range fieldRE.FindAllStringSubmatch(out[st[0]:end], -1) {
			switch m[1] {
			case "status":
				f.status = frontline.Status(m[2])
			case "area_km2":
				v, err := strconv.ParseFloat(m[2], 64)
				if err != nil {
					t.Fatalf("area_km2 %q: %v", m[2], err)
				}
				f.areaKm2 = v
			}
		}
		if f.status == "" || f.areaKm2 <= 0 {
			t.Errorf("feature without status or area:\n%s", out[st[0]:end])
		}
		fs = append(fs, f)
	}
	return fs
}

// TestOgrinfoReadsADay: GDAL reads the map of 2022-09-13 (GeoJSON driver on
// the items URL with datetime; OAPIF has no datetime option) and its km² per
// status are LayerService.Area's for that day.
func TestOgrinfoReadsADay(t *testing.T) {
	s, _ := openFrontline(t)
	day, _ := frontline.ParseDay("2022-09-13", time.UTC)
	area, err := svc.Area(context.Background(), "deepstate", day, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	u := s.URL() + "/ogc/collections/deepstate/items?datetime=2022-09-13&limit=1000"
	out := runOgrinfo(t, s.URL(), "-ro", "-al", "-geom=NO", "GeoJSON:"+u)
	fs := readFeatures(t, out)
	var fc featureCollection
	fetch(t, u, typeGeoJSON, &fc)
	if len(fs) != fc.NumberMatched || len(fs) == 0 {
		t.Fatalf("ogrinfo read %d features, the map of the day has %d", len(fs), fc.NumberMatched)
	}
	sum := map[frontline.Status]float64{}
	for _, f := range fs {
		sum[f.status] += f.areaKm2
	}
	for _, st := range []frontline.Status{frontline.StatusRussia, frontline.StatusContested, frontline.StatusUnknown} {
		// ogrinfo prints 15 significant digits.
		if d := sum[st] - area.AreasKm2[st]; d > 1e-6 || d < -1e-6 {
			t.Errorf("%s: ogrinfo sums %.6f km², Area says %.6f", st, sum[st], area.AreasKm2[st])
		}
	}
	if sum[frontline.StatusRussia] < 100000 {
		t.Errorf("russia %.0f km² on 2022-09-13", sum[frontline.StatusRussia])
	}
}
