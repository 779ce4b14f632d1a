package geo

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/frontline-osint/frontline/internal/shareddata"

	"github.com/peterstace/simplefeatures/geom"
)

// dataDir returns the shared test data folder, skipping the test when it is
// missing (except in CI, where it must be present).
func dataDir(t testing.TB) string {
	t.Helper()
	return shareddata.Dir(t)
}

type feature struct {
	Name     string
	Props    map[string]any
	Geometry geom.Geometry
}

// loadFeatures reads a GeoJSON FeatureCollection without validating its
// geometries, dropping Z.
func loadFeatures(t testing.TB, path string) []feature {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Geometry   json.RawMessage `json:"geometry"`
			Properties map[string]any  `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	out := make([]feature, 0, len(fc.Features))
	for i, f := range fc.Features {
		g, err := geom.UnmarshalGeoJSON(f.Geometry, geom.NoValidate{})
		if err != nil {
			t.Fatalf("%s feature %d: %v", path, i, err)
		}
		name, _ := f.Properties["name"].(string)
		out = append(out, feature{Name: name, Props: f.Properties, Geometry: g.Force2D()})
	}
	return out
}

// rawPolygons flattens the polygonal parts of g into Repair's input form.
func rawPolygons(g geom.Geometry) [][][][2]float64 {
	var out [][][][2]float64
	var walk func(g geom.Geometry)
	walk = func(g geom.Geometry) {
		switch g.Type() {
		case geom.TypePolygon:
			var p [][][2]float64
			for _, seq := range g.MustAsPolygon().Coordinates() {
				r := make([][2]float64, seq.Length())
				for i := range r {
					xy := seq.GetXY(i)
					r[i] = [2]float64{xy.X, xy.Y}
				}
				p = append(p, r)
			}
			out = append(out, p)
		case geom.TypeMultiPolygon:
			mp := g.MustAsMultiPolygon()
			for i := 0; i < mp.NumPolygons(); i++ {
				walk(mp.PolygonN(i).AsGeometry())
			}
		case geom.TypeGeometryCollection:
			gc := g.MustAsGeometryCollection()
			for i := 0; i < gc.NumGeometries(); i++ {
				walk(gc.GeometryN(i))
			}
		}
	}
	walk(g)
	return out
}

// polygonal collects the polygonal parts of g.
func polygonal(g geom.Geometry) geom.MultiPolygon {
	var ps []geom.Polygon
	var walk func(g geom.Geometry)
	walk = func(g geom.Geometry) {
		switch g.Type() {
		case geom.TypePolygon:
			if p := g.MustAsPolygon(); !p.IsEmpty() {
				ps = append(ps, p)
			}
		case geom.TypeMultiPolygon:
			ps = append(ps, g.MustAsMultiPolygon().Dump()...)
		case geom.TypeGeometryCollection:
			gc := g.MustAsGeometryCollection()
			for i := 0; i < gc.NumGeometries(); i++ {
				walk(gc.GeometryN(i))
			}
		}
	}
	walk(g)
	return geom.NewMultiPolygon(ps)
}

// rawRingsAreaM2 sums the unsigned geodesic areas of all rings: the area a
// polygon covers when its "holes" are really islands.
func rawRingsAreaM2(polys [][][][2]float64) float64 {
	var sum float64
	for _, p := range polys {
		for _, r := range p {
			sum += ringAreaM2(r)
		}
	}
	return sum
}

func relDiff(a, b float64) float64 {
	if a == b {
		return 0
	}
	return abs(a-b) / max(abs(a), abs(b))
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func toXYs(r [][2]float64) []geom.XY {
	out := make([]geom.XY, len(r))
	for i, p := range r {
		out[i] = geom.XY{X: p[0], Y: p[1]}
	}
	return out
}
