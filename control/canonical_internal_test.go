package control

import (
	"bytes"
	"path/filepath"
	"slices"
	"testing"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/geo"
	"github.com/frontline-osint/frontline/internal/shareddata"
	"github.com/frontline-osint/frontline/mapfile"
)

// A map's pieces are a function of its ground, not of the order its file
// lists features or the vertex its rings start at: processed with the
// features reversed and every ring started elsewhere, the demo maps give
// the same pieces to the byte. Without canonicalOrder the pieces are the
// same ground with polygons and ring starts in another order (another
// geometry hash), as two imports of the same maps stored from one run to
// the next.
func TestPiecesIndependentOfFileOrder(t *testing.T) {
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(shareddata.Dir(t, "control", "deepstate", "daily-2022-08-20_2022-10-20"), "*.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		files = files[:1]
	}
	m := DeepStateMapping()
	for i := 0; i < len(files); i += 30 {
		f, err := mapfile.ReadFile(files[i], mapfile.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		at, _ := TimeFromName(files[i])
		want, err := Process(NewClipper(bounds), f, at, m, "")
		if err != nil {
			t.Fatal(err)
		}
		g := reordered(f)
		got, err := Process(NewClipper(bounds), g, at, m, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Pieces) != len(want.Pieces) {
			t.Fatalf("%s: %d pieces reordered, %d as read", filepath.Base(files[i]), len(got.Pieces), len(want.Pieces))
		}
		for k, p := range want.Pieces {
			q := got.Pieces[k]
			if p.Oblast != q.Oblast || p.Status != q.Status || !bytes.Equal(p.WKB, q.WKB) || p.AreaKm2 != q.AreaKm2 {
				t.Errorf("%s %s %s: pieces differ with the file reordered (%d vs %d bytes, %.17g vs %.17g km²)",
					filepath.Base(files[i]), p.Oblast, p.Status, len(p.WKB), len(q.WKB), p.AreaKm2, q.AreaKm2)
			}
		}
	}
}

// reordered returns f with its features in reverse order and each ring of
// each polygon started a third of the way round.
func reordered(f *mapfile.File) *mapfile.File {
	g := &mapfile.File{Name: f.Name, Format: f.Format, Features: slices.Clone(f.Features)}
	slices.Reverse(g.Features)
	for i := range g.Features {
		g.Features[i].Index = i
		g.Features[i].Geometry = rotateRings(g.Features[i].Geometry)
	}
	return g
}

func rotateRings(g mapfile.Geometry) mapfile.Geometry {
	out := g
	out.Polygons = make([]mapfile.Polygon, len(g.Polygons))
	for i, p := range g.Polygons {
		q := make(mapfile.Polygon, len(p))
		for k, r := range p {
			n := len(r) - 1
			if n < 3 || r[0] != r[n] {
				q[k] = r
				continue
			}
			s := n / 3
			rr := make(mapfile.Ring, 0, n+1)
			for j := range n + 1 {
				rr = append(rr, r[(s+j)%n])
			}
			q[k] = rr
		}
		out.Polygons[len(g.Polygons)-1-i] = q
	}
	return out
}

// canonicalOrder keeps the ground: the same area, the same rings as sets
// of vertices, and it is idempotent.
func TestCanonicalOrderKeepsGround(t *testing.T) {
	ring := func(xys ...float64) geom.LineString {
		return geom.NewLineString(geom.NewSequence(xys, geom.DimXY))
	}
	a := geom.NewPolygon([]geom.LineString{
		ring(30, 50, 31, 50, 31, 51, 30, 51, 30, 50),
		ring(30.6, 50.6, 30.6, 50.8, 30.8, 50.8, 30.8, 50.6, 30.6, 50.6),
		ring(30.2, 50.2, 30.2, 50.4, 30.4, 50.4, 30.4, 50.2, 30.2, 50.2),
	})
	b := geom.NewPolygon([]geom.LineString{ring(33, 49, 34, 49, 34, 50, 33, 49)})
	mp := geom.NewMultiPolygon([]geom.Polygon{b, a})
	c := canonicalOrder(mp)
	if got, want := geo.AreaKm2(c.AsGeometry()), geo.AreaKm2(mp.AsGeometry()); got != want {
		t.Errorf("area %v, want %v", got, want)
	}
	if !bytes.Equal(canonicalOrder(c).AsBinary(), c.AsBinary()) {
		t.Error("not idempotent")
	}
	if first, _ := c.PolygonN(0).ExteriorRing().StartPoint().XY(); first != (geom.XY{X: 30, Y: 50}) {
		t.Errorf("first polygon starts at %v, want the western one at its least vertex", first)
	}
	if h, _ := c.PolygonN(0).InteriorRingN(0).StartPoint().XY(); h != (geom.XY{X: 30.2, Y: 50.2}) {
		t.Errorf("first hole starts at %v, want the least one", h)
	}
	if !c.PolygonN(1).ExteriorRing().IsClosed() || !c.PolygonN(0).InteriorRingN(1).IsClosed() {
		t.Error("a ring is no longer closed")
	}
}
