package control

import (
	"context"
	"math"
	"slices"
	"time"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/geo"
)

// FrontDistance is how far a point is from the front on the map of a day.
type FrontDistance = frontline.FrontDistance

// FrontDistance measures from (lon, lat) to the nearest boundary between
// statuses on the map of a day. The front is every edge of a status's
// ground (its oblast pieces unioned) that does not lie on Ukraine's land
// border or coast. The front of a snapshot is built once per process.
func (s *Service) FrontDistance(ctx context.Context, layer string, lon, lat float64, at frontline.Day, asKnown time.Time) (*FrontDistance, error) {
	if math.IsNaN(lon) || math.IsNaN(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90 {
		return nil, frontline.Errorf(frontline.EINVALID, "point %g,%g is not a lon,lat", lon, lat)
	}
	snap, err := s.snapshotOfDay(ctx, layer, at, asKnown)
	if err != nil {
		return nil, err
	}
	f, err := s.frontOf(ctx, snap.ID)
	if err != nil {
		return nil, err
	}
	if len(f.edges) == 0 {
		return nil, frontline.Errorf(frontline.ENOTFOUND, "the map of %s in layer %s has no front: no ground of another status than ukraine", at.Label, layer)
	}
	res := &frontline.Snapshot{}
	*res = *snap
	out := &FrontDistance{Layer: layer, At: at.Label, AsKnown: asKnownPtr(asKnown), Snapshot: res, Lon: lon, Lat: lat}
	f.measure(lon, lat, out)
	return out, nil
}

// FrontDistanceFunc returns a function measuring a point's distance to the
// front, in metres, on the map of a day — for ranking many places against
// one map (homonyms by closeness to the front). It returns +Inf when the map
// has no front.
func (s *Service) FrontDistanceFunc(ctx context.Context, layer string, at frontline.Day, asKnown time.Time) (func(lon, lat float64) float64, error) {
	snap, err := s.snapshotOfDay(ctx, layer, at, asKnown)
	if err != nil {
		return nil, err
	}
	f, err := s.frontOf(ctx, snap.ID)
	if err != nil {
		return nil, err
	}
	return func(lon, lat float64) float64 {
		if len(f.edges) == 0 {
			return math.Inf(1)
		}
		return f.distanceM(lon, lat)
	}, nil
}

// distanceM is measure's DistanceM alone: the geodesic distance to the
// nearest point of the nearest edge, without the side, the bearing and
// what lies across (a check measures thousands of vertices).
func (f *front) distanceM(lon, lat float64) float64 {
	kx := math.Cos(lat * math.Pi / 180)
	_, bx, by := f.nearest(lon, lat, kx)
	return geo.DistanceM(lon, lat, bx, by)
}

// front is a snapshot's front: each non-Ukraine status's ground, and the
// edges of it that are not border or coast, with the status owning each.
type front struct {
	grounds []statusGround
	edges   []ownedEdge
	grid    edgeGrid
}

// edgeGrid buckets a front's edges by the cells of a grid of
// edgeGridDeg their envelope meets, for the nearest edge to a point.
type edgeGrid struct {
	x0, y0 float64
	nx, ny int
	cells  [][]int32
}

// edgeGridDeg is the side of a cell of a front's edgeGrid (about 10 km).
const edgeGridDeg = 0.1

func newEdgeGrid(edges []ownedEdge) edgeGrid {
	var g edgeGrid
	if len(edges) == 0 {
		return g
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, o := range edges {
		minX, maxX = min(minX, o.e.x1, o.e.x2), max(maxX, o.e.x1, o.e.x2)
		minY, maxY = min(minY, o.e.y1, o.e.y2), max(maxY, o.e.y1, o.e.y2)
	}
	g.x0, g.y0 = minX, minY
	g.nx, g.ny = int((maxX-minX)/edgeGridDeg)+1, int((maxY-minY)/edgeGridDeg)+1
	g.cells = make([][]int32, g.nx*g.ny)
	for i, o := range edges {
		c0, c1 := g.col(min(o.e.x1, o.e.x2)), g.col(max(o.e.x1, o.e.x2))
		r0, r1 := g.row(min(o.e.y1, o.e.y2)), g.row(max(o.e.y1, o.e.y2))
		for r := r0; r <= r1; r++ {
			for c := c0; c <= c1; c++ {
				g.cells[r*g.nx+c] = append(g.cells[r*g.nx+c], int32(i))
			}
		}
	}
	return g
}

func (g *edgeGrid) col(x float64) int {
	return max(0, min(g.nx-1, int(math.Floor((x-g.x0)/edgeGridDeg))))
}

func (g *edgeGrid) row(y float64) int {
	return max(0, min(g.ny-1, int(math.Floor((y-g.y0)/edgeGridDeg))))
}

// nearest returns the index of the edge nearest (lon, lat) in a local
// equirectangular frame (x scaled by kx) and the nearest point on it:
// the first of the nearest in f.edges' order, as a scan of every edge
// finds, reading only the cells around the point. Rings of cells are
// read outward until the next ring lies farther than the nearest edge
// found: an edge in no cell read lies at least r cells away.
func (f *front) nearest(lon, lat, kx float64) (best int, bx, by float64) {
	g := &f.grid
	best, bestD2 := -1, math.Inf(1)
	try := func(i int32) {
		px, py := nearestOnSegment(lon, lat, f.edges[i].e, kx)
		dx, dy := (px-lon)*kx, py-lat
		if d2 := dx*dx + dy*dy; d2 < bestD2 || (d2 == bestD2 && int(i) < best) {
			best, bestD2, bx, by = int(i), d2, px, py
		}
	}
	// The point's cell, unclamped: it may lie outside the grid.
	pc := int(math.Floor((lon - g.x0) / edgeGridDeg))
	pr := int(math.Floor((lat - g.y0) / edgeGridDeg))
	maxR := max(abs(pc), abs(pc-g.nx+1), abs(pr), abs(pr-g.ny+1))
	for r := 0; r <= maxR; r++ {
		if best >= 0 {
			// Every edge not read lies outside the square of cells
			// within r-1 of the point's: at least (r-1) cells away.
			lb := float64(r-1) * edgeGridDeg * kx
			if lb > 0 && lb*lb > bestD2 {
				break
			}
		}
		for row := pr - r; row <= pr+r; row++ {
			if row < 0 || row >= g.ny {
				continue
			}
			step := 2 * r
			if row == pr-r || row == pr+r || r == 0 {
				step = 1
			}
			for col := pc - r; col <= pc+r; col += step {
				if col < 0 || col >= g.nx {
					continue
				}
				for _, i := range g.cells[row*g.nx+col] {
					try(i)
				}
			}
		}
	}
	return best, bx, by
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

type statusGround struct {
	st  frontline.Status
	loc *locator
}

type ownedEdge struct {
	e  edge
	st frontline.Status
}

func (s *Service) frontOf(ctx context.Context, snapshotID int64) (*front, error) {
	s.frontMu.Lock()
	defer s.frontMu.Unlock()
	if f, ok := s.fronts[snapshotID]; ok {
		return f, nil
	}
	pieces, err := s.Store.SnapshotPieces(ctx, snapshotID, true)
	if err != nil {
		return nil, err
	}
	f, err := s.frontOfPieces(pieces)
	if err != nil {
		return nil, err
	}
	if s.fronts == nil || len(s.fronts) > 64 {
		s.fronts = map[int64]*front{}
	}
	s.fronts[snapshotID] = f
	return f, nil
}

// frontOfRead builds and holds the front of a snapshot whose pieces (with
// their geometry) the caller has read, unless it is held: what frontOf
// would hold, without reading the pieces again. Errors are left to
// frontOf, which builds it anew.
func (s *Service) frontOfRead(snapshotID int64, pieces []frontline.Piece) {
	s.frontMu.Lock()
	defer s.frontMu.Unlock()
	if _, ok := s.fronts[snapshotID]; ok {
		return
	}
	f, err := s.frontOfPieces(pieces)
	if err != nil {
		return
	}
	if s.fronts == nil || len(s.fronts) > 64 {
		s.fronts = map[int64]*front{}
	}
	s.fronts[snapshotID] = f
}

// frontOfPieces builds a map's front from its oblast pieces without
// overlays: each status's ground is its pieces side by side (they meet
// only along oblast borders), and the edges of its pieces are its
// boundary, less the cuts between oblasts — an edge lying on an oblast's
// border with the status's ground on both sides of it. These are the
// edges the national union of the pieces had (the union dissolved those
// cuts and kept the vertices), found in a tenth of the time.
func (s *Service) frontOfPieces(pieces []frontline.Piece) (*front, error) {
	seams := s.seamIndex()
	borders := s.borderIndex()
	f := &front{}
	for _, st := range frontline.Precedence {
		var polys []geom.Polygon
		for _, pc := range pieces {
			if pc.Status != st || pc.WKB == nil {
				continue
			}
			g, err := geom.UnmarshalWKB(pc.WKB, geom.NoValidate{})
			if err != nil {
				return nil, frontline.Errorf(frontline.EINTERNAL, "stored piece: %v", err)
			}
			polys = append(polys, Polygonal(g).Dump()...)
		}
		if len(polys) == 0 {
			continue
		}
		mp := geom.NewMultiPolygon(polys)
		loc := newLocator(mp)
		f.grounds = append(f.grounds, statusGround{st, loc})
		forEachEdge(mp, func(e edge) {
			// An edge shared by two statuses appears twice, once per
			// side: both are front.
			if seams.on(e) || (borders.on(e) && coveredAcross(loc, e)) {
				return
			}
			f.edges = append(f.edges, ownedEdge{e, st})
		})
	}
	f.edges = s.dropSlivers(f)
	f.grid = newEdgeGrid(f.edges)
	return f, nil
}

// acrossProbeDeg is how far (degrees, about 1 cm) from the middle of an
// edge on an oblast border coveredAcross looks on either side of it.
const acrossProbeDeg = 1e-7

// coveredAcross reports whether ground covers both sides of edge e: then
// e is a cut between two oblasts' pieces of the same status, not a
// boundary of the status's ground.
func coveredAcross(ground *locator, e edge) bool {
	dx, dy := e.x2-e.x1, e.y2-e.y1
	l := math.Hypot(dx, dy)
	if l == 0 {
		return true
	}
	mx, my := (e.x1+e.x2)/2, (e.y1+e.y2)/2
	nx, ny := -dy/l*acrossProbeDeg, dx/l*acrossProbeDeg
	return ground.covers(mx+nx, my+ny) && ground.covers(mx-nx, my-ny)
}

// measure fills out's side, distance, nearest point, bearing and across.
func (f *front) measure(lon, lat float64, out *FrontDistance) {
	out.Side = frontline.StatusUkraine
	for _, g := range f.grounds {
		if g.loc.covers(lon, lat) {
			out.Side = g.st
			break
		}
	}
	// Nearest edge in a local equirectangular frame, then the geodesic
	// distance to the nearest point found.
	kx := math.Cos(lat * math.Pi / 180)
	best, bx, by := f.nearest(lon, lat, kx)
	o := f.edges[best]
	out.NearestLon, out.NearestLat = bx, by
	out.DistanceM = geo.DistanceM(lon, lat, bx, by)
	out.Bearing = geo.Bearing(lon, lat, bx, by)
	out.Across = o.st
	if o.st == out.Side {
		// The nearest edge belongs to our own status: across it lies
		// whatever holds the other side — Ukraine unless another piece
		// shares the edge.
		out.Across = frontline.StatusUkraine
		for _, other := range f.edges {
			if other.st != o.st && sameEdge(other.e, o.e) {
				out.Across = other.st
				break
			}
		}
	}
}

// firstLandAcross walks from (x, y) along (nx, ny) — one step is
// sliverProbeM — and returns the status of the first land it reaches from
// one step up to waterProbeSteps steps: a front may run across a river or a
// reservoir, but not along the open sea or a foreign border.
// Across water, the far shore must hold for one more step: a tracker's
// coarse outline leaves slivers on the far shore of a bay too.
func firstLandAcross(land *locator, grounds []statusGround, x, y, nx, ny float64) (frontline.Status, bool) {
	statusAt := func(k float64) (frontline.Status, bool) {
		px, py := x+k*nx, y+k*ny
		if !land.covers(px, py) {
			return "", false
		}
		for _, g := range grounds {
			if g.loc.covers(px, py) {
				return g.st, true
			}
		}
		return frontline.StatusUkraine, true
	}
	for k := 1.0; k <= waterProbeSteps; k++ {
		st, ok := statusAt(k)
		if !ok {
			continue
		}
		if k > 1 {
			if st2, ok := statusAt(k + 1); !ok || st2 != st {
				return "", false
			}
		}
		return st, true
	}
	return "", false
}

// waterProbeSteps × sliverProbeM is the widest water a front may cross
// (the Kakhovka reservoir is up to ~20 km wide, the Dnipro far less).
const waterProbeSteps = 8

// sliverProbeM is how far across a boundary Frontline looks for the other
// side's ground. Trackers draw coasts, rivers and borders more coarsely
// than the land outline, so clipping leaves thin strips of "Ukraine" ground
// between a tracker's polygon and the sea, a river or the border. Their
// edges are not a front.
const sliverProbeM = 2500

// dropSlivers keeps the edges that have land of another status across
// them, looking from sliverProbeM on (across water up to
// waterProbeSteps × sliverProbeM): an edge whose far side is the open sea, a
// foreign country, or the same status again borders a sliver, not the
// other side's ground. A real salient narrower than the probe is lost too;
// CONTROL-MODEL.md says so.
func (s *Service) dropSlivers(f *front) []ownedEdge {
	land := s.landLocator()
	kept := f.edges[:0]
	// An edge is kept when either side has another status's land: the
	// side that had it for the edge before (the next edge of the same
	// ring, most often: its ground lies on the same side) is looked at
	// first, which spares most edges the look into their own ground.
	first := 1.0
	for _, o := range f.edges {
		mx, my := (o.e.x1+o.e.x2)/2, (o.e.y1+o.e.y2)/2
		kx := math.Cos(my * math.Pi / 180)
		dx, dy := (o.e.x2-o.e.x1)*kx, o.e.y2-o.e.y1
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		// Unit normal in the local frame, as degrees per metre.
		const mPerDeg = 111_320.0
		nx, ny := -dy/l/kx*sliverProbeM/mPerDeg, dx/l*sliverProbeM/mPerDeg
		for _, sign := range [2]float64{first, -first} {
			if st, ok := firstLandAcross(land, f.grounds, mx, my, sign*nx, sign*ny); ok && st != o.st {
				kept = append(kept, o)
				first = sign
				break
			}
		}
	}
	return kept
}

func (s *Service) landLocator() *locator {
	s.landOnce.Do(func() { s.land = newLocator(s.Bounds.Land) })
	return s.land
}

func nearestOnSegment(x, y float64, e edge, kx float64) (float64, float64) {
	ax, ay := e.x1*kx, e.y1
	bx, by := e.x2*kx, e.y2
	px, py := x*kx, y
	dx, dy := bx-ax, by-ay
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = ((px-ax)*dx + (py-ay)*dy) / l2
		t = math.Max(0, math.Min(1, t))
	}
	return (ax + t*dx) / kx, ay + t*dy
}

func sameEdge(a, b edge) bool {
	return (a.x1 == b.x1 && a.y1 == b.y1 && a.x2 == b.x2 && a.y2 == b.y2) ||
		(a.x1 == b.x2 && a.y1 == b.y2 && a.x2 == b.x1 && a.y2 == b.y1)
}

func forEachEdge(mp geom.MultiPolygon, f func(edge)) {
	for i := 0; i < mp.NumPolygons(); i++ {
		p := mp.PolygonN(i)
		for r := 0; r < p.NumRings(); r++ {
			ring := p.ExteriorRing()
			if r > 0 {
				ring = p.InteriorRingN(r - 1)
			}
			seq := ring.Coordinates()
			for k := 0; k+1 < seq.Length(); k++ {
				a, b := seq.GetXY(k), seq.GetXY(k+1)
				f(edge{a.X, a.Y, b.X, b.Y})
			}
		}
	}
}

// seams indexes the edges of Ukraine's land border: an edge of a status's
// ground lying on it is the border or the coast, not a front.
type seams struct {
	cell float64
	grid map[[2]int32][]edge
}

func (s *Service) seamIndex() *seams {
	s.seamOnce.Do(func() {
		ix := &seams{cell: 0.05}
		ix.index(func(f func(edge)) { forEachEdge(s.Bounds.Land, f) })
		s.seams = ix
	})
	return s.seams
}

// borderIndex indexes the edges of every oblast's border (the land
// border among them): the cuts between one oblast's pieces and the next.
func (s *Service) borderIndex() *seams {
	s.borderOnce.Do(func() {
		ix := &seams{cell: 0.05}
		ix.index(func(f func(edge)) {
			for _, ob := range s.Bounds.Oblasts {
				forEachEdge(ob.Geometry, f)
			}
		})
		s.borders = ix
	})
	return s.borders
}

// index fills ix.grid with the edges each gives, in every cell their
// envelope meets (the cells cells gives), in the order given. The edges
// are counted per cell in a flat array first and each cell's slice is cut
// from one array: grown one append at a time in a map, the oblasts'
// borders took ~8 ms of a check's CPU.
func (ix *seams) index(each func(func(edge))) {
	type spanned struct {
		e              edge
		x0, x1, y0, y1 int32
	}
	var all []spanned
	minX, minY, maxX, maxY := int32(math.MaxInt32), int32(math.MaxInt32), int32(math.MinInt32), int32(math.MinInt32)
	each(func(e edge) {
		sp := spanned{e: e}
		sp.x0, sp.x1 = int32(math.Floor(math.Min(e.x1, e.x2)/ix.cell)), int32(math.Floor(math.Max(e.x1, e.x2)/ix.cell))
		sp.y0, sp.y1 = int32(math.Floor(math.Min(e.y1, e.y2)/ix.cell)), int32(math.Floor(math.Max(e.y1, e.y2)/ix.cell))
		minX, maxX, minY, maxY = min(minX, sp.x0), max(maxX, sp.x1), min(minY, sp.y0), max(maxY, sp.y1)
		all = append(all, sp)
	})
	ix.grid = map[[2]int32][]edge{}
	if len(all) == 0 {
		return
	}
	nx, ny := int(maxX-minX)+1, int(maxY-minY)+1
	at := func(x, y int32) int { return int(x-minX)*ny + int(y-minY) }
	start := make([]int32, nx*ny+1)
	cells := 0
	for _, sp := range all {
		for x := sp.x0; x <= sp.x1; x++ {
			for y := sp.y0; y <= sp.y1; y++ {
				start[at(x, y)+1]++
			}
		}
	}
	for i := 1; i < len(start); i++ {
		if start[i] > 0 {
			cells++
		}
		start[i] += start[i-1]
	}
	flat := make([]edge, start[len(start)-1])
	next := slices.Clone(start[:nx*ny])
	for _, sp := range all {
		for x := sp.x0; x <= sp.x1; x++ {
			for y := sp.y0; y <= sp.y1; y++ {
				i := at(x, y)
				flat[next[i]] = sp.e
				next[i]++
			}
		}
	}
	ix.grid = make(map[[2]int32][]edge, cells)
	for x := minX; x <= maxX; x++ {
		for y := minY; y <= maxY; y++ {
			if i := at(x, y); start[i+1] > start[i] {
				ix.grid[[2]int32{x, y}] = flat[start[i]:start[i+1]:start[i+1]]
			}
		}
	}
}

func (ix *seams) cells(e edge) [][2]int32 {
	x0, x1 := int32(math.Floor(math.Min(e.x1, e.x2)/ix.cell)), int32(math.Floor(math.Max(e.x1, e.x2)/ix.cell))
	y0, y1 := int32(math.Floor(math.Min(e.y1, e.y2)/ix.cell)), int32(math.Floor(math.Max(e.y1, e.y2)/ix.cell))
	var out [][2]int32
	for x := x0; x <= x1; x++ {
		for y := y0; y <= y1; y++ {
			out = append(out, [2]int32{x, y})
		}
	}
	return out
}

// on reports whether edge e lies along a boundary edge: both its end
// points are within onTolDeg (1e-7°, about 1 cm) of one boundary segment.
func (ix *seams) on(e edge) bool {
	mx, my := (e.x1+e.x2)/2, (e.y1+e.y2)/2
	c := [2]int32{int32(math.Floor(mx / ix.cell)), int32(math.Floor(my / ix.cell))}
	for _, b := range ix.grid[c] {
		// An end point more than 2×onTolDeg outside b's envelope on one
		// axis is farther than onTolDeg from b (nearestOnSegment's point
		// lies in the envelope, up to an ulp, and a hypotenuse is no
		// shorter than a side): distToSeg would say so, after a
		// projection and a hypotenuse. Most of a cell's edges end here.
		if outside(e.x1, e.y1, b, 2*onTolDeg) || outside(e.x2, e.y2, b, 2*onTolDeg) {
			continue
		}
		if distToSeg(e.x1, e.y1, b) < onTolDeg && distToSeg(e.x2, e.y2, b) < onTolDeg {
			return true
		}
	}
	return false
}

// onTolDeg is how near (degrees, about 1 cm) both end points of an edge
// lie to a boundary segment when seams.on says the edge lies along it.
const onTolDeg = 1e-7

// outside reports whether (x, y) lies more than m outside the envelope
// of e on either axis.
func outside(x, y float64, e edge, m float64) bool {
	return x < min(e.x1, e.x2)-m || x > max(e.x1, e.x2)+m || y < min(e.y1, e.y2)-m || y > max(e.y1, e.y2)+m
}

// within reports whether an indexed edge passes within m metres of
// (lon, lat) (local equirectangular approximation; m well under a cell).
func (ix *seams) within(lon, lat, m float64) bool {
	const mPerDeg = 111_320.0
	kx := math.Cos(lat * math.Pi / 180)
	c := [2]int32{int32(math.Floor(lon / ix.cell)), int32(math.Floor(lat / ix.cell))}
	for dx := int32(-1); dx <= 1; dx++ {
		for dy := int32(-1); dy <= 1; dy++ {
			for _, e := range ix.grid[[2]int32{c[0] + dx, c[1] + dy}] {
				px, py := nearestOnSegment(lon, lat, e, kx)
				if math.Hypot((px-lon)*kx, py-lat)*mPerDeg <= m {
					return true
				}
			}
		}
	}
	return false
}

func distToSeg(x, y float64, e edge) float64 {
	px, py := nearestOnSegment(x, y, e, 1)
	return math.Hypot(px-x, py-y)
}
