package geo

import (
	"path/filepath"
	"testing"

	"github.com/peterstace/simplefeatures/geom"
)

// vertexDegreesByMap is vertexDegrees as it was first written (maps of
// edges and points keyed by coordinates): the reference the faster one is
// held to.
func vertexDegreesByMap(rings [][]pt) map[[2]float64]int {
	type edge [4]float64
	seen := map[edge]bool{}
	degree := map[[2]float64]int{}
	for _, r := range rings {
		for i := range r {
			a, b := r[i], r[(i+1)%len(r)]
			if less(b, a) {
				a, b = b, a
			}
			e := edge{a.x, a.y, b.x, b.y}
			if a.key() == b.key() || seen[e] {
				continue
			}
			seen[e] = true
			degree[a.key()]++
			degree[b.key()]++
		}
	}
	return degree
}

// deepStateRings returns the rings of every polygon of a DeepState map of
// the shared data, as Simplify reads them.
func deepStateRings(t testing.TB, name string) [][]pt {
	var rings [][]pt
	for _, f := range loadFeatures(t, filepath.Join(dataDir(t), "control", "deepstate", "monthly", name)) {
		for _, p := range rawPolygons(f.Geometry) {
			for _, r := range p {
				xy := make([]float64, 0, 2*len(r))
				for _, c := range r {
					xy = append(xy, c[0], c[1])
				}
				rings = append(rings, ringPoints(geom.NewSequence(xy, geom.DimXY)))
			}
		}
	}
	return rings
}

// TestVertexDegreesAsByMap: on a real map (polygons that share
// boundaries, repeat each other and touch), every vertex gets the degree
// the map-based count gives it.
func TestVertexDegreesAsByMap(t *testing.T) {
	for _, name := range []string{"2022-04-03T123328Z.geojson", "2025-04-01T202535Z.geojson"} {
		rings := deepStateRings(t, name)
		want := vertexDegreesByMap(rings)
		got := vertexDegrees(rings)
		n, shared := 0, 0
		for k, r := range rings {
			if len(got[k]) != len(r) {
				t.Fatalf("%s ring %d: %d degrees for %d vertices", name, k, len(got[k]), len(r))
			}
			for i, p := range r {
				if int(got[k][i]) != want[p.key()] {
					t.Fatalf("%s ring %d vertex %d (%v): degree %d, want %d", name, k, i, p.key(), got[k][i], want[p.key()])
				}
				n++
				if got[k][i] != 2 {
					shared++
				}
			}
		}
		if shared == 0 {
			t.Errorf("%s: no vertex of degree other than 2 among %d: the test checks nothing", name, n)
		}
	}
	// A ring alone, a repeated edge and a degenerate ring.
	sq := []pt{{0, 0, 0}, {1, 0, 0}, {1, 1, 1}, {0, 1, 1}}
	got := vertexDegrees([][]pt{sq, sq, {{5, 5, 5}, {5, 5, 5}}})
	for k, want := range [][]int32{{2, 2, 2, 2}, {2, 2, 2, 2}, {0, 0}} {
		for i := range want {
			if got[k][i] != want[i] {
				t.Errorf("ring %d: degrees %v, want %v", k, got[k], want)
				break
			}
		}
	}
}

func BenchmarkVertexDegrees(b *testing.B) {
	rings := deepStateRings(b, "2025-04-01T202535Z.geojson")
	b.Run("sorted", func(b *testing.B) {
		for b.Loop() {
			vertexDegrees(rings)
		}
	})
	b.Run("maps", func(b *testing.B) {
		for b.Loop() {
			vertexDegreesByMap(rings)
		}
	})
}

// BenchmarkSimplifyZoom6 simplifies the polygons of a DeepState map of 2025
// for zoom 6, as a map is drawn.
func BenchmarkSimplifyZoom6(b *testing.B) {
	var polys []geom.Polygon
	for _, f := range loadFeatures(b, filepath.Join(dataDir(b), "control", "deepstate", "monthly", "2025-04-01T202535Z.geojson")) {
		if p, ok := f.Geometry.AsPolygon(); ok {
			polys = append(polys, p)
		}
	}
	mps := []geom.MultiPolygon{geom.NewMultiPolygon(polys)}
	tol := ToleranceAtZoom(6)
	for b.Loop() {
		Simplify(mps, tol, 0.001)
	}
}
