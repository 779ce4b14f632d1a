package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/mapfile"
)

func TestImportHelpStatesLimits(t *testing.T) {
	_, stderr, err := run(t, filepath.Join(t.TempDir(), "f.db"), "layer", "import", "--help")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"file size            512 MiB", "coordinates          50000000", "200 times its compressed size", "soft memory limit"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("layer import --help does not say %q:\n%s", want, stderr)
		}
	}
}

// A KMZ bomb given to layer import is refused at once, and the memory
// limit set for the import is put back afterwards.
func TestImportBadKMZBomb(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("doc.kml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("<kml>"))
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for i := 0; i < 64; i++ {
		w.Write(chunk)
	}
	w.Write([]byte("</kml>"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "2022-09-13.kmz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	before := debug.SetMemoryLimit(-1)
	// CPU time, not wall time: the work done, which a loaded machine
	// does not stretch.
	cpu0 := processCPU()
	_, stderr, err := run(t, filepath.Join(dir, "f.db"), "layer", "import", "--layer", "x", "--status", "russia", path)
	if err == nil || !strings.Contains(stderr, "times its compressed size (zip bomb?)") {
		t.Fatalf("err %v, stderr:\n%s", err, stderr)
	}
	if took := processCPU() - cpu0; took > 5*time.Second {
		t.Errorf("refusing a %d KiB bomb took %s of CPU", buf.Len()>>10, took)
	}
	if after := debug.SetMemoryLimit(-1); after != before {
		t.Errorf("memory limit %d after the import, %d before", after, before)
	}
}

// writeDenseMap writes the features of the given DeepState maps as one
// GeoJSON file, with k points on every edge, each added point moved up to
// 1e-7° (about 1 cm) at random so that no three are collinear: for k > 1 a
// map dense with real bends, which thinning cannot reduce. It returns the
// file's path and size.
func writeDenseMap(t *testing.T, maps []string, k int) (string, int64) {
	t.Helper()
	rnd := rand.New(rand.NewPCG(1, 2))
	jitter := func() float64 { return (rnd.Float64()*2 - 1) * 1e-7 }
	var b []byte
	num := func(v float64) { b = strconv.AppendFloat(b, v, 'f', -1, 64) }
	point := func(x, y float64) {
		b = append(b, '[')
		num(x)
		b = append(b, ',')
		num(y)
		b = append(b, ']')
	}
	ring := func(r mapfile.Ring) {
		b = append(b, '[')
		for i := 0; i+1 < len(r); i++ {
			p, q := r[i], r[i+1]
			for s := 0; s < k; s++ {
				x, y := p[0]+(q[0]-p[0])*float64(s)/float64(k), p[1]+(q[1]-p[1])*float64(s)/float64(k)
				if s > 0 {
					x, y = math.Round((x+jitter())*1e9)/1e9, math.Round((y+jitter())*1e9)/1e9
				}
				point(x, y)
				b = append(b, ',')
			}
		}
		point(r[len(r)-1][0], r[len(r)-1][1])
		b = append(b, ']')
	}
	b = append(b, `{"type":"FeatureCollection","features":[`...)
	n := 0
	for _, m := range maps {
		f, err := mapfile.ReadFile(m, mapfile.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		for _, ft := range f.Features {
			if len(ft.Geometry.Polygons) == 0 {
				continue
			}
			if n > 0 {
				b = append(b, ',')
			}
			n++
			b = append(b, `{"type":"Feature","properties":{"name":`...)
			b = strconv.AppendQuote(b, ft.Name)
			b = append(b, `},"geometry":{"type":"MultiPolygon","coordinates":[`...)
			for i, poly := range ft.Geometry.Polygons {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, '[')
				for j, r := range poly {
					if j > 0 {
						b = append(b, ',')
					}
					ring(r)
				}
				b = append(b, ']')
			}
			b = append(b, "]}}"...)
		}
	}
	b = append(b, "]}"...)
	path := filepath.Join(t.TempDir(), "2022-08-20.geojson")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, int64(len(b))
}

// liveHeapPeak samples the live heap (as of the last collection) until the
// returned function is called, which returns the largest value seen. The
// collector runs at every 10% of growth meanwhile, so that the samples
// follow the live heap closely.
func liveHeapPeak() func() uint64 {
	prev := debug.SetGCPercent(10)
	stop, peak := make(chan struct{}), make(chan uint64)
	go func() {
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var most uint64
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			most = max(most, s[0].Value.Uint64())
			select {
			case <-stop:
				peak <- most
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		debug.SetGCPercent(prev)
		return <-peak
	}
}

// importLiveHeap imports path into a new store and returns the peak live
// heap of the import above what was live before it, and what the
// collector did meanwhile (for the log).
func importLiveHeap(t *testing.T, db, path string) (uint64, string) {
	t.Helper()
	// Oblast boundaries load once per process: not the import's memory.
	if _, err := boundaries.Load(); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}, {Name: "/gc/limiter/last-enabled:gc-cycle"}}
	metrics.Read(s)
	base, cycle0 := s[0].Value.Uint64(), s[1].Value.Uint64()
	peak := liveHeapPeak()
	_, stderr, err := run(t, db, "layer", "import", "--layer", "deepstate", "--valid-at", "2022-08-20T21:22:38Z", path)
	most := peak()
	live := most - min(base, most)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	metrics.Read(s)
	gc := fmt.Sprintf("%d collections", s[1].Value.Uint64()-cycle0)
	if s[2].Value.Uint64() > cycle0 {
		gc += ", the collector's CPU limiter on (it lets the heap grow)"
	}
	return live, gc
}

// Importing a large GeoJSON holds a bounded multiple of the file's size
// live at any time: file bytes, features, repair, overlays and store
// together; the result measures as expected.
func TestImportDenseMapMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("imports a generated 7 MB map")
	}
	orig := filepath.Join(t.TempDir(), "orig.db")
	mustRun(t, orig, "layer", "import", "--layer", "deepstate", daily(t, "2022-08-20T212238Z.geojson"))
	want := heldKm2(t, mustRun(t, orig, "area", "--layer", "deepstate", "--at", "2022-08-20", "--json"))
	for _, c := range []struct {
		name     string
		maps     int     // daily maps from 2022-08-20 whose features make the file
		k        int     // points per edge
		maxRatio float64 // peak live heap / file size
	}{
		// Many maps' features in one file (overlapping, many identical):
		// before, the file's bytes stayed live and every polygon of a
		// status went through one cascaded union: 3.8 times the file, and
		// 15.7 s; now 2.0 times, 2.9 s (one run each, shared machine).
		{"30 maps in one file", 30, 1, 3.0},
		// One map dense with real bends (10 jittered points per edge,
		// 2.5 MB): 11.4 times the file at 553fd92 and 12.7 at dfa589b,
		// where the peak was JTS's union of the Russian-held polygons and
		// its copy and index of the largest polygon while it was clipped
		// to each oblast (issue 12); 5.4 times since large unions and
		// differences go through geo's planar overlay and large polygons
		// are cut to the oblast's envelope first (branch stream); 3.6
		// times since they are clipped by geo's planar intersection
		// (branch geo5).
		{"jittered x10", 1, 10, 7.0},
	} {
		t.Run(c.name, func(t *testing.T) {
			ents, err := os.ReadDir(filepath.Dir(daily(t, "x")))
			if err != nil {
				t.Fatal(err)
			}
			var maps []string
			for _, e := range ents {
				if strings.HasSuffix(e.Name(), ".geojson") && e.Name() >= "2022-08-20T212238Z.geojson" && len(maps) < c.maps {
					maps = append(maps, daily(t, e.Name()))
				}
			}
			path, size := writeDenseMap(t, maps, c.k)
			// The peak is measured on the live heap as of each collection,
			// which also holds what was allocated while the collection
			// ran: on a loaded machine (CI once, at load 30: 4.8 times the
			// file against 2.0 here) a collection runs longer and counts
			// more of the import's garbage as live. That error only ever
			// adds, so a peak over the bound is measured again, in a new
			// store, up to three times, and the least is kept: a real
			// excess is over the bound every time.
			var db string
			var ratio float64
			for try := 1; try <= 3; try++ {
				db = filepath.Join(t.TempDir(), "dense.db")
				start := time.Now()
				live, gc := importLiveHeap(t, db, path)
				r := float64(live) / float64(size)
				t.Logf("%.1f MB file: peak live heap %.0f MiB above the start (%.1f times the file), %s, %s", float64(size)/1e6, float64(live)/(1<<20), r, time.Since(start), gc)
				if try == 1 || r < ratio {
					ratio = r
				}
				if ratio <= c.maxRatio {
					break
				}
			}
			if ratio > c.maxRatio {
				t.Errorf("peak live heap is %.1f times the file in the least of three imports, want at most %.1f", ratio, c.maxRatio)
			}
			got := heldKm2(t, mustRun(t, db, "area", "--layer", "deepstate", "--at", "2022-08-20", "--json"))
			// The union of the maps from 2022-08-20 on covers at least
			// the ground the first one gives a status other than Ukraine,
			// and not a tenth more (the front moved by a few thousand km²).
			if got < want-1 || got > want*1.1 {
				t.Errorf("%.3f km² not Ukrainian-held, the map of 2022-08-20 %.3f km²", got, want)
			}
		})
	}
}

// heldKm2 is the area held by Russia, contested or of unknown status.
func heldKm2(t *testing.T, areaJSON string) float64 {
	t.Helper()
	var a struct {
		AreasKm2 map[string]float64 `json:"areas_km2"`
	}
	if err := json.Unmarshal([]byte(areaJSON), &a); err != nil {
		t.Fatal(err)
	}
	return a.AreasKm2["russia"] + a.AreasKm2["contested"] + a.AreasKm2["unknown"]
}
