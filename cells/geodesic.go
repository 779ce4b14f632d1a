package cells

import (
	"math"

	"github.com/peterstace/simplefeatures/geom"
	"github.com/tidwall/geodesic"
)

// The maps' areas are geodesic (geo.AreaKm2, PostGIS's ST_Area of
// geography): an edge is the geodesic between its ends. The overlays that
// split cells are planar: a crossing is put on the straight line in
// degrees between an edge's ends, which strays from the geodesic by
// ~L²·tan(lat)/8R (about 14 m on a 25 km edge at 48° N; the archive's pieces
// have edges of up to 0.9°). A cell cut there holds ground on the wrong
// side of the geodesic, up to L·d/2 (~0.2 km² at 25 km), and so does every
// cell whose boundary later runs along that edge in pieces: the cells of a
// status did not add up to the map's area by up to 0.6 km², in either
// bookkeeping (a part keeping the rest of its cell's area) or geodesic
// areas of the parts. The pieces are therefore densified along the
// geodesic before any overlay: points on the geodesic do not change a
// polygon's geodesic area, and a crossing then lands on a chord that
// strays from the geodesic by at most geodesicTolM.

// geodesicTolM (metres) is how far a chord may stray from the geodesic
// between its ends: a cut on a chord this close to the geodesic moves at
// most about its length × geodesicTolM / 2 (~1e-6 km² on the ~500 m
// chords it gives at 48° N).
const geodesicTolM = 0.005

// minDenseM: a chord shorter than this strays from its geodesic by less
// than geodesicTolM anywhere in Ukraine (L²·tan(lat)/8R ≈ 2 mm at 300 m,
// 52° N), so its geodesic is not computed.
const minDenseM = 300

// densifyGeodesic returns g with points added along the geodesic of each
// edge that strays from it by more than geodesicTolM. An edge gives the
// same points whichever way it runs (they are computed from its ends in
// lexicographic order), so an edge two polygons share stays shared.
func densifyGeodesic(g geom.MultiPolygon) geom.MultiPolygon {
	return densifyGeodesicIn(g, nil)
}

// densifyGeodesicIn is densifyGeodesic of the edges whose box meets one of
// ws (every edge when ws is nil): a step of the build overlays only the
// ground in its windows (window.go), and an edge outside them is not cut.
func densifyGeodesicIn(g geom.MultiPolygon, ws []box) geom.MultiPolygon {
	var polys []geom.Polygon
	changed := false
	var buf []float64
	for i := 0; i < g.NumPolygons(); i++ {
		p := g.PolygonN(i)
		rings := p.DumpRings()
		var out []geom.LineString
		pc := false
		for _, r := range rings {
			seq := r.Coordinates()
			xy, ok := densifyRing(seq, buf[:0], ws)
			if !ok {
				out = append(out, r)
				continue
			}
			buf = xy
			pc = true
			out = append(out, geom.NewLineString(geom.NewSequence(append([]float64(nil), xy...), geom.DimXY)))
		}
		if pc {
			changed = true
			polys = append(polys, geom.NewPolygon(out))
		} else {
			polys = append(polys, p)
		}
	}
	if !changed {
		return g
	}
	return geom.NewMultiPolygon(polys)
}

// densifyRing returns a ring's points with those of densifyEdge added;
// ok is false when none is added.
func densifyRing(seq geom.Sequence, out []float64, ws []box) ([]float64, bool) {
	n := seq.Length()
	added := false
	for k := 0; k < n; k++ {
		a := seq.GetXY(k)
		out = append(out, a.X, a.Y)
		if k+1 == n {
			break
		}
		b := seq.GetXY(k + 1)
		if ws != nil && !edgeMeets(a, b, ws) {
			continue
		}
		m := len(out)
		out = densifyEdge(out, a.X, a.Y, b.X, b.Y)
		added = added || len(out) != m
	}
	return out, added
}

// edgeMeets tells whether the box of edge a–b meets one of ws.
func edgeMeets(a, b geom.XY, ws []box) bool {
	e := box{math.Min(a.X, b.X), math.Min(a.Y, b.Y), math.Max(a.X, b.X), math.Max(a.Y, b.Y)}
	for _, w := range ws {
		if e.intersects(w) {
			return true
		}
	}
	return false
}

// densifyEdge appends the points strictly between (x0 y0) and (x1 y1)
// that bring the chords within geodesicTolM of the geodesic: n−1 points at
// equal distances along it, n from how far its middle strays from the
// chord's (the stray of a chord goes with the square of its length).
func densifyEdge(out []float64, x0, y0, x1, y1 float64) []float64 {
	const mPerDeg = 111320.0
	cos := math.Cos((y0 + y1) / 2 * math.Pi / 180)
	dx, dy := (x1-x0)*cos*mPerDeg, (y1-y0)*mPerDeg
	if dx*dx+dy*dy < minDenseM*minDenseM {
		return out
	}
	rev := x1 < x0 || x1 == x0 && y1 < y0
	if rev {
		x0, y0, x1, y1 = x1, y1, x0, y0
	}
	line := geodesic.WGS84.InverseLine(y0, x0, y1, x1, geodesic.Latitude|geodesic.Longitude|geodesic.DistanceIn)
	s := line.S13()
	var lat, lon float64
	line.Position(s/2, &lat, &lon, nil)
	mx, my := (x0+x1)/2, (y0+y1)/2
	stray := math.Hypot((lon-mx)*cos*mPerDeg, (lat-my)*mPerDeg)
	if stray <= geodesicTolM {
		return out
	}
	n := int(math.Ceil(math.Sqrt(stray / geodesicTolM)))
	start := len(out)
	for i := 1; i < n; i++ {
		line.Position(s*float64(i)/float64(n), &lat, &lon, nil)
		out = append(out, lon, lat)
	}
	if rev {
		pts := out[start:]
		for i, j := 0, len(pts)/2-1; i < j; i, j = i+1, j-1 {
			pts[2*i], pts[2*j] = pts[2*j], pts[2*i]
			pts[2*i+1], pts[2*j+1] = pts[2*j+1], pts[2*i+1]
		}
	}
	return out
}
