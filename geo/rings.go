package geo

import (
	"github.com/peterstace/simplefeatures/geom"
)

// cmpFloat orders two floats for sorting.
func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// appendDistinct appends p unless it equals the last point.
func appendDistinct(pts []geom.XY, p geom.XY) []geom.XY {
	if len(pts) > 0 && pts[len(pts)-1] == p {
		return pts
	}
	return append(pts, p)
}

// ringSignedArea is twice the signed planar area of a closed ring, positive
// when counter-clockwise.
func ringSignedArea(ring []geom.XY) float64 {
	if len(ring) < 4 {
		return 0
	}
	ref := ring[0]
	var a float64
	for i := 1; i+1 < len(ring); i++ {
		a += ring[i].Sub(ref).Cross(ring[i+1].Sub(ref))
	}
	return a
}

// loopOrientation is +1 for a counter-clockwise simple closed loop and -1
// for a clockwise one, decided exactly at its lowest-leftmost vertex.
func loopOrientation(loop []geom.XY) int {
	n := len(loop) - 1 // closed
	m := 0
	for i := 1; i < n; i++ {
		if p, q := loop[i], loop[m]; p.X < q.X || (p.X == q.X && p.Y < q.Y) {
			m = i
		}
	}
	return orient(loop[(m+n-1)%n], loop[m], loop[(m+1)%n])
}

// sfSignedArea is a closed ring's signed area computed exactly as
// simplefeatures does (so its sign agrees with Polygon.IsCCW).
func sfSignedArea(ring []geom.XY) float64 {
	var sum float64
	for i := 0; i+1 < len(ring); i++ {
		p0, p1 := ring[i], ring[i+1]
		sum += (p1.X + p0.X) * (p1.Y - p0.Y)
	}
	return sum / 2
}

// pointInRing reports whether p is strictly inside the closed ring (crossing
// number with exact side tests; points on the boundary count as outside).
func pointInRing(p geom.XY, ring []geom.XY) bool {
	inside := false
	for i := 0; i+1 < len(ring); i++ {
		a, b := ring[i], ring[i+1]
		if (a.Y > p.Y) == (b.Y > p.Y) {
			continue
		}
		o := orient(a, b, p)
		if o == 0 {
			return false
		}
		if (o > 0) == (b.Y > a.Y) {
			inside = !inside
		}
	}
	return inside
}

func find(uf []int32, x int32) int32 {
	for uf[x] != x {
		uf[x] = uf[uf[x]]
		x = uf[x]
	}
	return x
}

func union(uf []int32, a, b int32) {
	ra, rb := find(uf, a), find(uf, b)
	if ra != rb {
		uf[ra] = rb
	}
}
