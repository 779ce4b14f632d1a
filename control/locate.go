package control

import (
	"math"

	"github.com/peterstace/simplefeatures/geom"
)

// locator answers point-in-polygon for one (multi)polygon quickly: edges
// are bucketed into horizontal stripes, so a ray cast checks only the edges
// of the point's stripe. Boundary points count as inside.
type locator struct {
	env     geom.Envelope
	minY    float64
	stripeH float64
	stripes [][]edge
}

type edge struct{ x1, y1, x2, y2 float64 }

func newLocator(mp geom.MultiPolygon) *locator {
	var edges []edge
	for i := 0; i < mp.NumPolygons(); i++ {
		p := mp.PolygonN(i)
		for r := 0; r < p.NumRings(); r++ {
			var ring geom.LineString
			if r == 0 {
				ring = p.ExteriorRing()
			} else {
				ring = p.InteriorRingN(r - 1)
			}
			seq := ring.Coordinates()
			for k := 0; k+1 < seq.Length(); k++ {
				a, b := seq.GetXY(k), seq.GetXY(k+1)
				edges = append(edges, edge{a.X, a.Y, b.X, b.Y})
			}
		}
	}
	l := &locator{env: mp.Envelope()}
	lo, hi, ok := l.env.MinMaxXYs()
	if !ok || len(edges) == 0 {
		return l
	}
	n := len(edges)/8 + 1
	l.minY = lo.Y
	l.stripeH = (hi.Y - lo.Y) / float64(n)
	if l.stripeH == 0 {
		l.stripeH = 1
	}
	l.stripes = make([][]edge, n)
	for _, e := range edges {
		a, b := l.stripe(math.Min(e.y1, e.y2)), l.stripe(math.Max(e.y1, e.y2))
		for s := a; s <= b; s++ {
			l.stripes[s] = append(l.stripes[s], e)
		}
	}
	return l
}

func (l *locator) stripe(y float64) int {
	s := int((y - l.minY) / l.stripeH)
	if s < 0 {
		return 0
	}
	if s >= len(l.stripes) {
		return len(l.stripes) - 1
	}
	return s
}

// covers reports whether (x, y) lies in the polygon or on its boundary.
func (l *locator) covers(x, y float64) bool {
	if len(l.stripes) == 0 || !l.env.Contains(geom.XY{X: x, Y: y}) {
		return false
	}
	inside := false
	for _, e := range l.stripes[l.stripe(y)] {
		// On the edge?
		if (e.y1 <= y) != (e.y2 <= y) || e.y1 == y || e.y2 == y {
			cross := (e.x2-e.x1)*(y-e.y1) - (x-e.x1)*(e.y2-e.y1)
			if cross == 0 && math.Min(e.x1, e.x2) <= x && x <= math.Max(e.x1, e.x2) && math.Min(e.y1, e.y2) <= y && y <= math.Max(e.y1, e.y2) {
				return true
			}
		}
		if (e.y1 > y) != (e.y2 > y) {
			xi := e.x1 + (y-e.y1)*(e.x2-e.x1)/(e.y2-e.y1)
			if x < xi {
				inside = !inside
			}
		}
	}
	return inside
}
