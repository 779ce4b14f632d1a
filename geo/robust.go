package geo

import (
	"math"
	"math/big"

	"github.com/peterstace/simplefeatures/geom"
)

// This file holds the exact geometric predicates the repair relies on. The
// decisions "which side of a line is this point" and "do these two segments
// meet" are made exactly (a floating-point filter with an exact big.Rat
// fallback, after Shewchuk), so the planar graph built from them is
// consistent. Only constructed points (where two segments cross) are rounded.

// orientErrBound is Shewchuk's ccwerrboundA: (3 + 16ε)ε with ε = 2⁻⁵³.
const orientErrBound = (3.0 + 16.0*0x1p-53) * 0x1p-53

// orient returns +1 if c lies to the left of the directed line a→b, -1 if to
// the right and 0 if the three points are collinear. It is exact.
func orient(a, b, c geom.XY) int {
	if a == b || b == c || c == a {
		return 0
	}
	detL := (b.X - a.X) * (c.Y - a.Y)
	detR := (b.Y - a.Y) * (c.X - a.X)
	det := detL - detR
	bound := orientErrBound * (math.Abs(detL) + math.Abs(detR))
	if det > bound {
		return 1
	}
	if -det > bound {
		return -1
	}
	return orientExact(a, b, c)
}

func orientExact(a, b, c geom.XY) int {
	r := func(f float64) *big.Rat { return new(big.Rat).SetFloat64(f) }
	bx := new(big.Rat).Sub(r(b.X), r(a.X))
	by := new(big.Rat).Sub(r(b.Y), r(a.Y))
	cx := new(big.Rat).Sub(r(c.X), r(a.X))
	cy := new(big.Rat).Sub(r(c.Y), r(a.Y))
	l := new(big.Rat).Mul(bx, cy)
	rr := new(big.Rat).Mul(by, cx)
	return l.Cmp(rr)
}

// segBox reports whether the bounding boxes of segments ab and cd overlap.
func segBoxesOverlap(a, b, c, d geom.XY) bool {
	return math.Max(a.X, b.X) >= math.Min(c.X, d.X) &&
		math.Max(c.X, d.X) >= math.Min(a.X, b.X) &&
		math.Max(a.Y, b.Y) >= math.Min(c.Y, d.Y) &&
		math.Max(c.Y, d.Y) >= math.Min(a.Y, b.Y)
}

// inBox reports whether p lies in the bounding box of segment ab. For a point
// known to be collinear with ab, that means p lies on the segment.
func inBox(p, a, b geom.XY) bool {
	return p.X >= math.Min(a.X, b.X) && p.X <= math.Max(a.X, b.X) &&
		p.Y >= math.Min(a.Y, b.Y) && p.Y <= math.Max(a.Y, b.Y)
}

// intersection is how two segments meet.
type intersection struct {
	n      int        // number of points: 0, 1 or 2 (the ends of a collinear overlap)
	pts    [2]geom.XY // the points
	proper bool       // the segments cross at a point interior to both (pts[0] is rounded)
}

// intersectSegments finds where segments ab and cd meet. Touching and
// collinear overlaps are found exactly and reported with input vertices; a
// proper crossing is reported with a rounded point that lies within the
// bounding boxes of both segments.
func intersectSegments(a, b, c, d geom.XY) intersection {
	return intersectSegmentsWith(a, b, c, d, crossingPoint)
}

// intersectSegmentsWith is intersectSegments computing a proper crossing
// with cross.
func intersectSegmentsWith(a, b, c, d geom.XY, cross func(a, b, c, d geom.XY) geom.XY) intersection {
	var res intersection
	if !segBoxesOverlap(a, b, c, d) {
		return res
	}
	o1 := orient(a, b, c)
	o2 := orient(a, b, d)
	if o1 != 0 && o1 == o2 {
		return res
	}
	o3 := orient(c, d, a)
	o4 := orient(c, d, b)
	if o3 != 0 && o3 == o4 {
		return res
	}
	add := func(p geom.XY) {
		for i := 0; i < res.n; i++ {
			if res.pts[i] == p {
				return
			}
		}
		if res.n < 2 {
			res.pts[res.n] = p
			res.n++
		}
	}
	if o1 == 0 && o2 == 0 {
		// Collinear: the overlap (if any) is bounded by input vertices.
		if inBox(c, a, b) {
			add(c)
		}
		if inBox(d, a, b) {
			add(d)
		}
		if inBox(a, c, d) {
			add(a)
		}
		if inBox(b, c, d) {
			add(b)
		}
		return res
	}
	switch {
	case o1 == 0:
		add(c)
	case o2 == 0:
		add(d)
	case o3 == 0:
		add(a)
	case o4 == 0:
		add(b)
	default:
		res.proper = true
		add(cross(a, b, c, d))
	}
	return res
}

// crossingPoint computes where segments ab and cd, known to cross properly,
// meet. It works relative to the centre of the overlap of their bounding
// boxes for accuracy and clamps the result into that overlap.
func crossingPoint(a, b, c, d geom.XY) geom.XY {
	minX := math.Max(math.Min(a.X, b.X), math.Min(c.X, d.X))
	maxX := math.Min(math.Max(a.X, b.X), math.Max(c.X, d.X))
	minY := math.Max(math.Min(a.Y, b.Y), math.Min(c.Y, d.Y))
	maxY := math.Min(math.Max(a.Y, b.Y), math.Max(c.Y, d.Y))
	o := geom.XY{X: minX + (maxX-minX)/2, Y: minY + (maxY-minY)/2}
	a, b, c, d = a.Sub(o), b.Sub(o), c.Sub(o), d.Sub(o)
	ab := b.Sub(a)
	cd := d.Sub(c)
	den := ab.Cross(cd)
	var p geom.XY
	if den == 0 {
		p = geom.XY{}
	} else {
		t := c.Sub(a).Cross(cd) / den
		u := c.Sub(a).Cross(ab) / den
		// Use the parametrisation of the shorter segment.
		if ab.X*ab.X+ab.Y*ab.Y <= cd.X*cd.X+cd.Y*cd.Y {
			p = a.Add(ab.Scale(t))
		} else {
			p = c.Add(cd.Scale(u))
		}
	}
	p = p.Add(o)
	p.X = math.Min(math.Max(p.X, minX), maxX)
	p.Y = math.Min(math.Max(p.Y, minY), maxY)
	if math.IsNaN(p.X) || math.IsNaN(p.Y) {
		p = geom.XY{X: minX + (maxX-minX)/2, Y: minY + (maxY-minY)/2}
	}
	return p
}

// angleLess orders the directions o→p and o→q counter-clockwise by angle
// from the positive x axis, in [0, 360°). It is exact; p and q must differ
// from o.
func angleLess(o, p, q geom.XY) bool {
	hp, hq := half(o, p), half(o, q)
	if hp != hq {
		return hp < hq
	}
	return orient(o, p, q) > 0
}

// half is 0 when the direction o→p has an angle in [0, 180°) and 1 when it
// is in [180°, 360°). Float subtraction keeps the sign exactly, so comparing
// coordinates is exact.
func half(o, p geom.XY) int {
	if p.Y > o.Y || (p.Y == o.Y && p.X > o.X) {
		return 0
	}
	return 1
}
