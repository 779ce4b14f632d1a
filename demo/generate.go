package demo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// WindowDir is the folder, relative to the shared data directory, that holds
// the DeepState daily window the demo bundle is generated from.
const WindowDir = "control/deepstate/daily-2022-08-20_2022-10-20"

// DefaultDecimals is the number of decimals coordinates are rounded to in the
// shipped bundle (1e-6 degree is at most 0.11 m).
const DefaultDecimals = 6

// Provenance and licence written into the bundle.
const (
	bundleSource = "DeepStateMap (deepstatemap.live), via the archive " +
		"github.com/DanielRose2310/deepstatemaps-history at commit " +
		"df633a1700680411949934a4345f1af263327377, folder geojsons/; " +
		"daily window 2022-08-20 to 2022-10-20 (90 snapshots), files renamed by UTC publication time"
	bundleLicence = "© DeepStateMap (deepstatemap.live). The archive states it was created " +
		"for educational and non-commercial purposes: non-commercial use, attribution required."
)

// fileTimeLayout is how the window's files are named (UTC publication time).
const fileTimeLayout = "2006-01-02T150405Z.geojson"

// Stats describes one run of Generate.
type Stats struct {
	Snapshots        int   // input files, one snapshot each
	Features         int   // kept (non-point) features over all snapshots
	DistinctFeatures int   // kept features after deduplication by name+geometry
	DroppedPoints    int   // Point/MultiPoint features dropped
	RawBytes         int64 // uncompressed bundle JSON
	CompressedBytes  int64 // gzip-compressed bundle, as written to w
}

// bundle is the on-disk layout of kharkiv-2022.json.gz (before gzip).
type bundle struct {
	Source      string           `json:"source"`
	Licence     string           `json:"licence"`
	GeneratedBy string           `json:"generated_by"`
	Features    []bundleFeature  `json:"features"`
	Snapshots   []bundleSnapshot `json:"snapshots"`
}

type bundleFeature struct {
	Name     string          `json:"name"`
	Geometry json.RawMessage `json:"geometry"`
}

type bundleSnapshot struct {
	File     string `json:"file"`
	ValidAt  string `json:"valid_at"`
	Features []int  `json:"features"`
}

// Generate reads every snapshot of the DeepState daily window under dataDir
// (the shared data directory; see WindowDir), keeps the non-point features with
// their name only, drops the Z coordinate, rounds coordinates to decimals
// places (decimals < 0 keeps full precision), deduplicates identical features
// and writes the bundle to w, gzip-compressed at best compression. The output
// depends only on the input files and decimals.
func Generate(dataDir string, w io.Writer, decimals int) (Stats, error) {
	var stats Stats
	dir := filepath.Join(dataDir, filepath.FromSlash(WindowDir))
	entries, err := os.ReadDir(dir)
	if err != nil {
		return stats, fmt.Errorf("demo: read window: %w", err)
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".geojson") {
			files = append(files, e.Name())
		}
	}
	sort.Strings(files) // the fixed-width UTC names sort chronologically
	if len(files) == 0 {
		return stats, fmt.Errorf("demo: no .geojson files in %s", dir)
	}

	b := bundle{
		Source:      bundleSource,
		Licence:     bundleLicence,
		GeneratedBy: generatedBy(decimals),
		Features:    []bundleFeature{},
	}
	index := make(map[string]int) // name + "\x00" + geometry -> feature index
	for _, name := range files {
		validAt, err := time.Parse(fileTimeLayout, name)
		if err != nil {
			return stats, fmt.Errorf("demo: %s: file name is not a UTC time: %w", name, err)
		}
		features, dropped, err := readSnapshot(filepath.Join(dir, name), decimals)
		if err != nil {
			return stats, fmt.Errorf("demo: %s: %w", name, err)
		}
		stats.DroppedPoints += dropped
		snap := bundleSnapshot{
			File:     name,
			ValidAt:  validAt.UTC().Format(time.RFC3339),
			Features: make([]int, 0, len(features)),
		}
		for _, f := range features {
			key := f.Name + "\x00" + string(f.Geometry)
			i, ok := index[key]
			if !ok {
				i = len(b.Features)
				index[key] = i
				b.Features = append(b.Features, f)
			}
			snap.Features = append(snap.Features, i)
		}
		stats.Features += len(features)
		b.Snapshots = append(b.Snapshots, snap)
	}
	stats.Snapshots = len(b.Snapshots)
	stats.DistinctFeatures = len(b.Features)

	raw, err := json.Marshal(b)
	if err != nil {
		return stats, fmt.Errorf("demo: encode bundle: %w", err)
	}
	stats.RawBytes = int64(len(raw))

	cw := &countingWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return stats, err
	}
	// The gzip header carries no name and a zero modification time, so the
	// output has no timestamp in it.
	if _, err := zw.Write(raw); err != nil {
		return stats, fmt.Errorf("demo: compress: %w", err)
	}
	if err := zw.Close(); err != nil {
		return stats, fmt.Errorf("demo: compress: %w", err)
	}
	stats.CompressedBytes = cw.n
	return stats, nil
}

func generatedBy(decimals int) string {
	s := "github.com/frontline-osint/frontline/internal/cmd/gendemo"
	if decimals >= 0 {
		s += fmt.Sprintf(" (coordinates rounded to %d decimals)", decimals)
	} else {
		s += " (coordinates at full precision)"
	}
	return s
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// sourceGeometry is a GeoJSON geometry as read from the tracker export.
type sourceGeometry struct {
	Type        string           `json:"type"`
	Coordinates json.RawMessage  `json:"coordinates"`
	Geometries  []sourceGeometry `json:"geometries"`
}

// readSnapshot returns the non-point features of one export, in file order,
// with their geometry re-encoded (2D, rounded), and the number of point
// features dropped.
func readSnapshot(path string, decimals int) ([]bundleFeature, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
			Geometry *sourceGeometry `json:"geometry"`
		} `json:"features"`
	}
	if err := json.NewDecoder(bufio.NewReader(f)).Decode(&fc); err != nil {
		return nil, 0, err
	}
	if fc.Type != "FeatureCollection" {
		return nil, 0, fmt.Errorf("type %q, want FeatureCollection", fc.Type)
	}
	var out []bundleFeature
	dropped := 0
	for i, feat := range fc.Features {
		g := feat.Geometry
		if g == nil {
			return nil, 0, fmt.Errorf("feature %d: no geometry", i)
		}
		if g.Type == "Point" || g.Type == "MultiPoint" {
			dropped++
			continue
		}
		var buf bytes.Buffer
		if err := writeGeometry(&buf, g, decimals); err != nil {
			return nil, 0, fmt.Errorf("feature %d: %w", i, err)
		}
		out = append(out, bundleFeature{Name: feat.Properties.Name, Geometry: buf.Bytes()})
	}
	return out, dropped, nil
}

// writeGeometry writes g as compact GeoJSON with a fixed member order.
func writeGeometry(buf *bytes.Buffer, g *sourceGeometry, decimals int) error {
	typ, err := json.Marshal(g.Type)
	if err != nil {
		return err
	}
	buf.WriteString(`{"type":`)
	buf.Write(typ)
	if g.Type == "GeometryCollection" {
		buf.WriteString(`,"geometries":[`)
		for i := range g.Geometries {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := writeGeometry(buf, &g.Geometries[i], decimals); err != nil {
				return err
			}
		}
		buf.WriteString("]}")
		return nil
	}
	var coords any
	if err := json.Unmarshal(g.Coordinates, &coords); err != nil {
		return fmt.Errorf("%s coordinates: %w", g.Type, err)
	}
	buf.WriteString(`,"coordinates":`)
	if err := writeCoordinates(buf, coords, decimals); err != nil {
		return fmt.Errorf("%s coordinates: %w", g.Type, err)
	}
	buf.WriteByte('}')
	return nil
}

// writeCoordinates writes nested coordinate arrays; a position (an array of
// numbers) keeps only longitude and latitude.
func writeCoordinates(buf *bytes.Buffer, v any, decimals int) error {
	arr, ok := v.([]any)
	if !ok {
		return fmt.Errorf("want an array, got %T", v)
	}
	if len(arr) > 0 {
		if _, isNum := arr[0].(float64); isNum {
			if len(arr) < 2 {
				return fmt.Errorf("position with %d values", len(arr))
			}
			lon, ok1 := arr[0].(float64)
			lat, ok2 := arr[1].(float64)
			if !ok1 || !ok2 {
				return fmt.Errorf("position is not numeric")
			}
			buf.WriteByte('[')
			buf.WriteString(formatCoord(lon, decimals))
			buf.WriteByte(',')
			buf.WriteString(formatCoord(lat, decimals))
			buf.WriteByte(']')
			return nil
		}
	}
	buf.WriteByte('[')
	for i, e := range arr {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := writeCoordinates(buf, e, decimals); err != nil {
			return err
		}
	}
	buf.WriteByte(']')
	return nil
}

// formatCoord rounds x to decimals places (half away from zero) and formats it
// in the shortest form that reads back as the same float64.
func formatCoord(x float64, decimals int) string {
	if decimals >= 0 {
		p := math.Pow10(decimals)
		x = math.Round(x*p) / p
		if x == 0 {
			x = 0 // no "-0"
		}
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}
