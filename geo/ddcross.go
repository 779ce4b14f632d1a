package geo

import (
	"math"

	"github.com/peterstace/simplefeatures/geom"
)

// ddCrossingPoint computes where segments ab and cd, known to cross
// properly, meet, as JTS does (CGAlgorithmsDD.intersection, in
// double-double arithmetic, through simplefeatures' port, MIT licence):
// IntersectPolygons replaces JTS's intersection for large polygons, and
// computing the crossing points the same way keeps its pieces' areas those
// of the overlay, to the last bits. If the point falls outside the
// segments' bounding boxes (JTS then takes the nearest endpoint), the
// conditioned floating-point computation of crossingPoint is used.
func ddCrossingPoint(a, b, c, d geom.XY) geom.XY {
	px := ddFrom(a.Y).sub(ddFrom(b.Y))
	py := ddFrom(b.X).sub(ddFrom(a.X))
	pw := ddFrom(a.X).mul(ddFrom(b.Y)).sub(ddFrom(b.X).mul(ddFrom(a.Y)))
	qx := ddFrom(c.Y).sub(ddFrom(d.Y))
	qy := ddFrom(d.X).sub(ddFrom(c.X))
	qw := ddFrom(c.X).mul(ddFrom(d.Y)).sub(ddFrom(d.X).mul(ddFrom(c.Y)))
	x := py.mul(qw).sub(qy.mul(pw))
	y := qx.mul(pw).sub(px.mul(qw))
	w := px.mul(qy).sub(qx.mul(py))
	p := geom.XY{X: x.div(w).value(), Y: y.div(w).value()}
	if math.IsNaN(p.X) || math.IsInf(p.X, 0) || math.IsNaN(p.Y) || math.IsInf(p.Y, 0) || !inBox(p, a, b) || !inBox(p, c, d) {
		return crossingPoint(a, b, c, d)
	}
	return p
}

// dd is a double-double number: hi + lo. The operations are JTS's DD
// (selfAdd, selfMultiply, selfDivide), operation for operation; the
// float64 conversions keep the compiler from fusing multiply-adds, which
// would change the roundings the algorithms rely on.
type dd struct{ hi, lo float64 }

const ddSplit = 134217729.0 // 2^27+1

func ddFrom(x float64) dd { return dd{x, 0} }

func (d dd) isNaN() bool { return math.IsNaN(d.hi) }

func (d dd) value() float64 { return d.hi + d.lo }

func (d dd) sub(y dd) dd {
	if d.isNaN() {
		return d
	}
	return d.addHiLo(-y.hi, -y.lo)
}

func (d dd) addHiLo(yhi, ylo float64) dd {
	var H, h, T, t, S, s, e, f float64
	S = float64(d.hi + yhi)
	T = float64(d.lo + ylo)
	e = float64(S - d.hi)
	f = float64(T - d.lo)
	s = float64(S - e)
	t = float64(T - f)
	s = float64(float64(yhi-e) + float64(d.hi-s))
	t = float64(float64(ylo-f) + float64(d.lo-t))
	e = float64(s + T)
	H = float64(S + e)
	h = float64(e + float64(S-H))
	e = float64(t + h)
	zhi := float64(H + e)
	zlo := float64(e + float64(H-zhi))
	return dd{zhi, zlo}
}

func (d dd) mul(y dd) dd {
	if y.isNaN() {
		return dd{math.NaN(), math.NaN()}
	}
	yhi, ylo := y.hi, y.lo
	var hx, tx, hy, ty, C, c float64
	C = float64(ddSplit * d.hi)
	hx = float64(C - d.hi)
	c = float64(ddSplit * yhi)
	hx = float64(C - hx)
	tx = float64(d.hi - hx)
	hy = float64(c - yhi)
	C = float64(d.hi * yhi)
	hy = float64(c - hy)
	ty = float64(yhi - hy)
	c = float64(float64(float64(float64(float64(hx*hy)-C)+float64(hx*ty))+float64(tx*hy))+float64(tx*ty)) + float64(float64(d.hi*ylo)+float64(d.lo*yhi))
	zhi := float64(C + c)
	hx = float64(C - zhi)
	zlo := float64(c + hx)
	return dd{zhi, zlo}
}

func (d dd) div(y dd) dd {
	yhi, ylo := y.hi, y.lo
	var hc, tc, hy, ty, C, c, U, u float64
	C = float64(d.hi / yhi)
	c = float64(ddSplit * C)
	hc = float64(c - C)
	u = float64(ddSplit * yhi)
	hc = float64(c - hc)
	tc = float64(C - hc)
	hy = float64(u - yhi)
	U = float64(C * yhi)
	hy = float64(u - hy)
	ty = float64(yhi - hy)
	u = float64(float64(float64(float64(hc*hy)-U)+float64(hc*ty))+float64(tc*hy)) + float64(tc*ty)
	c = float64(float64(float64(float64(d.hi-U)-u)+d.lo)-float64(C*ylo)) / yhi
	u = float64(C + c)
	return dd{u, float64(float64(C-u) + c)}
}
