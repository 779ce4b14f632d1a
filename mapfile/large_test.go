package mapfile_test

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"compress/flate"

	"github.com/frontline-osint/frontline/mapfile"
)

// allocated returns the bytes f allocates (runtime.MemStats.TotalAlloc).
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// spaceBomb returns a KMZ whose doc.kml is <kml>, n bytes of spaces and
// </kml>, compressed as a real archiver would; the header declares
// declared bytes (the true size when declared is 0).
func spaceBomb(t *testing.T, n int, declared uint64) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	crc := crc32.NewIEEE()
	write := func(b []byte) { fw.Write(b); crc.Write(b) }
	write([]byte("<kml>"))
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for left := n; left > 0; left -= len(chunk) {
		write(chunk[:min(left, len(chunk))])
	}
	write([]byte("</kml>"))
	fw.Close()
	size := uint64(n + len("<kml></kml>"))
	if declared == 0 {
		declared = size
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "doc.kml", Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A zip bomb is refused from its header, before anything is inflated, or
// while inflating when the header lies, with memory bounded either way.
func TestKMZBombBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("compresses 256 MiB")
	}
	honest := spaceBomb(t, 256<<20, 0)
	lying := spaceBomb(t, 256<<20, 1<<20)
	for _, c := range []struct {
		name    string
		data    []byte
		lim     mapfile.Limits
		want    string
		maxTime time.Duration
	}{
		{"honest header", honest, mapfile.Limits{}, "expands more than 200 times its compressed size (zip bomb?)", 100 * time.Millisecond},
		{"declares 1 MiB", lying, mapfile.Limits{}, "entry doc.kml is corrupt", 5 * time.Second},
		{"no ratio limit", honest, mapfile.Limits{MaxRatio: 1 << 40, MaxUncompressed: 64 << 20}, "expands past 64 MiB (zip bomb?)", 100 * time.Millisecond},
		{"no ratio limit, declares 1 MiB", lying, mapfile.Limits{MaxRatio: 1 << 40, MaxUncompressed: 64 << 20}, "entry doc.kml is corrupt", 5 * time.Second},
	} {
		t.Run(c.name, func(t *testing.T) {
			var err error
			var took time.Duration
			alloc := allocated(func() {
				start := time.Now()
				_, err = mapfile.Read("bomb.kmz", c.data, c.lim)
				took = time.Since(start)
			})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
			// Before streaming, the entry was inflated into memory up to
			// the limit: 1 GiB or more allocated.
			if alloc > 8<<20 {
				t.Errorf("allocated %d MiB for a %d KiB archive", alloc>>20, len(c.data)>>10)
			}
			if took > c.maxTime {
				t.Errorf("took %s", took)
			}
			t.Logf("%d KiB archive: %s, %d KiB allocated, %s", len(c.data)>>10, err, alloc>>10, took)
		})
	}
}

// A KML that is mostly whitespace is read in memory bounded by far less
// than its size (before: the decoder held the whole run as one token).
func TestKMLWhitespaceBounded(t *testing.T) {
	pad := strings.Repeat(" \n\t", 16<<20/3)
	data := []byte("<kml><Document>" + pad + okPlacemark + pad + "</Document>" + pad + "</kml>" + pad)
	var f *mapfile.File
	var err error
	alloc := allocated(func() { f, err = mapfile.Read("ws.kml", data, mapfile.Limits{}) })
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Features) != 1 || f.Features[0].Name != "a" {
		t.Fatalf("features %+v", f.Features)
	}
	if alloc > 4<<20 {
		t.Errorf("allocated %d MiB reading %d MiB of whitespace", alloc>>20, len(data)>>20)
	}
	t.Logf("%d MiB: %d KiB allocated", len(data)>>20, alloc>>10)
}

const okPlacemark = `<Placemark><name>a</name><Point><coordinates>30,50</coordinates></Point></Placemark>`

// A large GeoJSON (every daily map's features in one file, 32 MB) is read
// with allocations proportional to the output: about 16 bytes a vertex,
// one allocation per ring, never one per vertex, and the properties that
// repeat from feature to feature (names, styles, colours) shared. Before
// they were: 443,899 allocations for these 19,041 features.
func TestGeoJSONReadAllocationsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 32 MB GeoJSON")
	}
	ents, err := os.ReadDir(deepStateDir(t, dailyDir))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	n := 0
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".geojson") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(deepStateDir(t, dailyDir), e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		// The features array of each map, spliced into one.
		start := bytes.Index(data, []byte(`"features":[`)) + len(`"features":[`)
		end := bytes.LastIndexByte(data, ']')
		if start < len(`"features":[`) || end < start {
			t.Fatalf("%s: no features array", e.Name())
		}
		if n > 0 {
			b.WriteByte(',')
		}
		b.Write(data[start:end])
		n++
	}
	b.WriteString(`]}`)
	data := b.Bytes()
	var f *mapfile.File
	var a, z runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	start := time.Now()
	f, err = mapfile.Read("all.geojson", data, mapfile.Limits{})
	took := time.Since(start)
	runtime.ReadMemStats(&z)
	if err != nil {
		t.Fatal(err)
	}
	vertices, rings := 0, 0
	for _, ft := range f.Features {
		for _, p := range ft.Geometry.Polygons {
			for _, r := range p {
				vertices += len(r)
				rings++
			}
		}
		for _, l := range ft.Geometry.Lines {
			vertices += len(l)
			rings++
		}
		vertices += len(ft.Geometry.Points)
	}
	bytesAlloc, mallocs := z.TotalAlloc-a.TotalAlloc, z.Mallocs-a.Mallocs
	t.Logf("%d maps, %.1f MB, %d features, %d vertices, %d rings: %.1f MB allocated in %d allocations, %s (%.0f MB/s)",
		n, float64(len(data))/1e6, len(f.Features), vertices, rings, float64(bytesAlloc)/1e6, mallocs, took, float64(len(data))/1e6/took.Seconds())
	if bytesAlloc > uint64(len(data))*3/2 {
		t.Errorf("%.1f MB allocated reading %.1f MB", float64(bytesAlloc)/1e6, float64(len(data))/1e6)
	}
	if limit := uint64(10*len(f.Features) + 2*rings); mallocs > limit {
		t.Errorf("%d allocations for %d features and %d rings, want at most %d", mallocs, len(f.Features), rings, limit)
	}
}
