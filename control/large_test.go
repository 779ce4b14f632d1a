package control_test

import (
	"math"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/mapfile"
)

// densify returns a copy of f with k points along every edge (a ring of n
// points gets about k·n), as a densified export draws its straight edges.
func densify(f *mapfile.File, k int) *mapfile.File {
	out := &mapfile.File{Name: f.Name, Format: f.Format, Features: make([]mapfile.Feature, len(f.Features))}
	for i, ft := range f.Features {
		g := ft.Geometry
		polys := make([]mapfile.Polygon, len(g.Polygons))
		for j, poly := range g.Polygons {
			for _, ring := range poly {
				var r mapfile.Ring
				for m := 0; m+1 < len(ring); m++ {
					a, b := ring[m], ring[m+1]
					for s := 0; s < k; s++ {
						t := float64(s) / float64(k)
						r = append(r, mapfile.Point{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t})
					}
				}
				polys[j] = append(polys[j], append(r, ring[len(ring)-1]))
			}
		}
		g.Polygons = polys
		ft.Geometry = g
		out.Features[i] = ft
	}
	return out
}

// A map densified ninety times measures as the original does, and its
// import allocates a small multiple of what the original's does (before
// thinning: the overlays took 2.2 GB and 20 s for the 11 MB file).
func TestProcessDensified(t *testing.T) {
	if testing.Short() {
		t.Skip("processes a 90-times densified map")
	}
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	f, err := mapfile.ReadFile(filepath.Join(dailyDir(t), "2022-08-20T212238Z.geojson"), mapfile.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	dense := densify(f, 90)
	at := time.Date(2022, 8, 20, 21, 22, 38, 0, time.UTC)
	m := control.DeepStateMapping()
	run := func(f *mapfile.File) (*control.Processed, uint64) {
		var a, b runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&a)
		p, err := control.Process(control.NewClipper(bounds), f, at, m, "")
		if err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&b)
		return p, b.TotalAlloc - a.TotalAlloc
	}
	want, wantAlloc := run(f)
	got, gotAlloc := run(dense)
	for st, km2 := range want.AreasKm2 {
		if math.Abs(got.AreasKm2[st]-km2) > 0.01 {
			t.Errorf("%s: %.3f km² densified, %.3f km² original", st, got.AreasKm2[st], km2)
		}
	}
	if gotAlloc > 3*wantAlloc+256<<20 {
		t.Errorf("densified map allocated %d MiB, the original %d MiB", gotAlloc>>20, wantAlloc>>20)
	}
	t.Logf("original %d MiB allocated, densified %d MiB", wantAlloc>>20, gotAlloc>>20)
}

// Thinning removes repeated points before repair sees them; they are still
// reported.
func TestProcessReportsDuplicatesThinned(t *testing.T) {
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	ring := mapfile.Ring{{36, 49}, {36.5, 49}, {36.5, 49}, {37, 49}, {37, 49.5}, {36, 49.5}, {36, 49}}
	f := &mapfile.File{Features: []mapfile.Feature{{Name: "x", Geometry: mapfile.Geometry{Type: "Polygon", Polygons: []mapfile.Polygon{{ring}}}}}}
	p, err := control.Process(control.NewClipper(bounds), f, time.Date(2022, 9, 13, 0, 0, 0, 0, time.UTC), control.DeepStateMapping(), "russia")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Repairs) != 1 || !strings.Contains(p.Repairs[0], "removed 1 duplicate point") {
		t.Errorf("repairs %q", p.Repairs)
	}
}

// Cutting the polygons to an oblast's envelope before its overlay (done
// for large maps) gives the pieces the overlay of the whole polygons gives:
// here forced on published maps, daily and monthly.
func TestProcessPreclipSamePieces(t *testing.T) {
	if testing.Short() {
		t.Skip("processes 7 maps twice")
	}
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, sub := range []string{"daily-2022-08-20_2022-10-20", "monthly"} {
		fs, err := filepath.Glob(filepath.Join(dataDir(t), "control", "deepstate", sub, "*.geojson"))
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < len(fs); i += 20 {
			files = append(files, fs[i])
		}
	}
	m := control.DeepStateMapping()
	for _, path := range files {
		f, err := mapfile.ReadFile(path, mapfile.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		at, ok := control.TimeFromName(path)
		if !ok {
			t.Fatalf("%s: no time in the name", path)
		}
		run := func(preclip int) map[string]float64 {
			defer control.SetPreclipVertices(control.SetPreclipVertices(preclip))
			p, err := control.Process(control.NewClipper(bounds), f, at, m, "")
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]float64{}
			for _, pc := range p.Pieces {
				out[pc.Oblast+" "+string(pc.Status)] = pc.AreaKm2
			}
			return out
		}
		want, got := run(1<<62), run(0)
		if len(got) != len(want) {
			t.Errorf("%s: %d pieces cut to the envelopes first, %d without", filepath.Base(path), len(got), len(want))
		}
		for k, km2 := range want {
			if math.Abs(got[k]-km2) > 1e-9*max(km2, 1) {
				t.Errorf("%s: %s: %.9f km² cut to the envelope first, %.9f km² without", filepath.Base(path), k, got[k], km2)
			}
		}
		// The planar union and difference (done for large maps) round
		// crossing points differently from JTS: the same pieces within
		// 1e-6 km².
		prev := control.SetPlanarUnionVertices(0)
		planar := run(0)
		control.SetPlanarUnionVertices(prev)
		worst := 0.0
		for k, km2 := range want {
			worst = max(worst, math.Abs(planar[k]-km2))
			if math.Abs(planar[k]-km2) > 1e-6 {
				t.Errorf("%s: %s: %.9f km² with the planar union, %.9f km² with JTS's", filepath.Base(path), k, planar[k], km2)
			}
		}
		t.Logf("%s: planar union and difference move a piece by at most %.3g km²", filepath.Base(path), worst)
	}
}
