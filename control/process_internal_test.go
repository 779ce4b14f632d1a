package control

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/internal/shareddata"
	"github.com/frontline-osint/frontline/mapfile"
)

// Every cell of the grid over an oblast's envelope that meets the oblast
// (simplefeatures' Intersects) is in its cover, so the features in the
// cover are all the features in the oblast; hardly any cell wholly
// outside is kept.
func TestCoverCoversOblast(t *testing.T) {
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	c := NewClipper(bounds)
	kept, all, meet := 0, 0, 0
	for _, ob := range bounds.Oblasts {
		cv := c.cover(ob)
		in := map[geom.Envelope]bool{}
		for _, cells := range cv.cells {
			for _, cell := range cells {
				in[cell] = true
			}
		}
		lo, hi, _ := oblastBox(ob).MinMaxXYs()
		for _, row := range cv.rows {
			if rlo, rhi, _ := row.MinMaxXYs(); rlo.X != lo.X || rhi.X != hi.X {
				t.Errorf("%s: row %v is not the envelope's width", ob.ISO, row)
			}
		}
		// The grid again, cell by cell.
		var xs, ys [coverCells + 1]float64
		for i := range coverCells {
			xs[i] = lo.X + (hi.X-lo.X)*float64(i)/coverCells
			ys[i] = lo.Y + (hi.Y-lo.Y)*float64(i)/coverCells
		}
		xs[coverCells], ys[coverCells] = hi.X, hi.Y
		for r := range coverCells {
			for k := range coverCells {
				cell := geom.NewEnvelope(geom.XY{X: xs[k], Y: ys[r]}, geom.XY{X: xs[k+1], Y: ys[r+1]})
				all++
				if in[cell] {
					kept++
				}
				meets := geom.Intersects(cell.AsGeometry(), ob.Geometry.AsGeometry())
				if meets {
					meet++
				}
				if meets && !in[cell] {
					t.Errorf("%s: cell %v meets the oblast and is not in its cover", ob.ISO, cell)
				}
			}
		}
	}
	t.Logf("%d of %d cells kept, %d meet their oblast", kept, all, meet)
	if kept > meet+meet/20 {
		t.Errorf("%d cells kept where %d meet their oblast: the covers are loose", kept, meet)
	}
}

// The Clipper's classification, with the names' matches remembered, is
// the mapping's, on every category name of the shared DeepState maps and
// on days before, inside and after the rules' date ranges.
func TestClipperClassifyIsMappingClassify(t *testing.T) {
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	c := NewClipper(bounds)
	m := DeepStateMapping()
	var files []string
	for _, sub := range []string{"daily-2022-08-20_2022-10-20", "monthly"} {
		fs, err := filepath.Glob(filepath.Join(shareddata.Dir(t, "control", "deepstate", sub), "*.geojson"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	names := map[string]bool{}
	for _, path := range files {
		f, err := mapfile.ReadFile(path, mapfile.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		for _, ft := range f.Features {
			names[NormalizeName(ft.Name)] = true
		}
	}
	days := []time.Time{time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2022, 9, 13, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 2, 17, 0, 0, 0, 0, time.UTC), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, r := range m.Rules {
		for _, d := range []time.Time{r.From, r.To} {
			if !d.IsZero() {
				days = append(days, d.Add(-time.Second), d, d.Add(time.Second))
			}
		}
	}
	n := 0
	for name := range names {
		for _, d := range days {
			for range 2 { // computed, then remembered
				gs, gok := c.classify(m, name, d)
				ws, wok := m.Classify(name, d)
				if gs != ws || gok != wok {
					t.Fatalf("%q on %s: %q %v, the mapping says %q %v", name, d, gs, gok, ws, wok)
				}
				n++
			}
		}
	}
	if len(names) < 10 {
		t.Fatalf("%d names in %d maps", len(names), len(files))
	}
	t.Logf("%d names, %d days, %d classifications", len(names), len(days), n)
}

// The cover key recalled by the features near an oblast (cutKeyOf) is the
// one cutKey computes, on 30 consecutive daily maps of ../shared/data, and
// most oblasts' keys are recalled after the first map.
func TestCutKeyOfIsCutKey(t *testing.T) {
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(shareddata.Dir(t, "control", "deepstate", "daily-2022-08-20_2022-10-20"), "*.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 30 {
		t.Fatalf("%d daily maps, want 30", len(files))
	}
	c := NewClipper(bounds)
	m := DeepStateMapping()
	keys := 0
	for _, path := range files[:30] {
		f, err := mapfile.ReadFile(path, mapfile.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		at, ok := TimeFromName(path)
		if !ok {
			t.Fatalf("%s: no time in the name", path)
		}
		sets, err := classifyAndRepair(c, f, at, m, "", &Processed{AreasKm2: map[frontline.Status]float64{}})
		if err != nil {
			t.Fatal(err)
		}
		for _, ob := range bounds.Oblasts {
			near, ok := nearOblast(ob, sets)
			if !ok {
				continue
			}
			if got, want := c.cutKeyOf(ob, near), c.cutKey(ob, near); got != want {
				t.Fatalf("%s %s: cutKeyOf %x, cutKey %x", filepath.Base(path), ob.ISO, got, want)
			}
			keys++
		}
	}
	t.Logf("%d keys, %d recalled", keys, c.cutKeysRecalled)
	if c.cutKeysRecalled < keys/2 {
		t.Errorf("%d of %d keys recalled: the features near most oblasts repeat from map to map", c.cutKeysRecalled, keys)
	}
}
