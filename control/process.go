package control

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"sort"
	"sync"
	"time"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/geo"
	"github.com/frontline-osint/frontline/mapfile"
)

// Processed is one snapshot after classification, repair, overlap
// resolution and clipping to Ukraine's oblasts: everything that depends only
// on its geometry, computed once at import.
type Processed struct {
	Pieces       []frontline.Piece
	AreasKm2     map[frontline.Status]float64
	Categories   []frontline.CategoryCount
	Unclassified []frontline.CategoryCount
	Repairs      []string
	Polygons     int
	Points       int

	// cuts are the keys each oblast's pieces were computed or recalled
	// under (none for a map resolved whole).
	cuts []oblastCut
}

// oblastCut is the key (Clipper.cutKey) one oblast's pieces of a map were
// computed or recalled under.
type oblastCut struct {
	oblast string
	key    [32]byte
}

// maxRepairLines bounds the repair notes kept per snapshot.
const maxRepairLines = 20

// Process classifies every feature of f with m (or gives every polygon the
// status force, when set), repairs polygon geometry, unions each status,
// resolves overlaps by frontline.Precedence, and cuts the result into one
// piece per status and oblast.
func Process(clip *Clipper, f *mapfile.File, validAt time.Time, m *Mapping, force frontline.Status) (*Processed, error) {
	p := &Processed{AreasKm2: map[frontline.Status]float64{}}
	sets, err := classifyAndRepair(clip, f, validAt, m, force, p)
	if err != nil {
		return nil, err
	}

	// Each oblast's pieces from the features near it (cutEach), or, for
	// a dense map, from the whole map's statuses (cut).
	var pieces []frontline.Piece
	if !perOblast || setsVertices(sets) > maxPerOblastVertices {
		var resolved [][]geom.Polygon
		if resolved, err = resolve(sets); err == nil {
			pieces, err = clip.cut(resolved)
		}
	} else {
		pieces, p.cuts, err = clip.cutEach(sets)
	}
	if err != nil {
		return nil, err
	}
	p.Pieces = pieces
	for _, pc := range pieces {
		p.AreasKm2[pc.Status] += pc.AreaKm2
	}
	for _, st := range frontline.Statuses {
		p.AreasKm2[st] += 0
	}
	return p, nil
}

// classifyAndRepair is the first half of Process: it classifies and
// repairs f's features, counting them in p, and returns each status's
// repaired features (by index in frontline.Precedence).
func classifyAndRepair(clip *Clipper, f *mapfile.File, validAt time.Time, m *Mapping, force frontline.Status, p *Processed) (statusSets, error) {
	type catKey struct {
		name   string
		status frontline.Status
	}
	cats := map[catKey]int{}
	unclassified := map[string]int{}
	type classification struct {
		status frontline.Status
		ok     bool
	}
	classified := map[string]classification{}
	sets := make(statusSets, len(frontline.Precedence))
	var repaired int
	for _, ft := range f.Features {
		g := ft.Geometry
		if len(g.Polygons) == 0 {
			if len(g.Points) > 0 || len(g.Lines) > 0 {
				p.Points++
			}
			continue
		}
		p.Polygons++
		name := NormalizeName(ft.Name)
		st := force
		if st == "" {
			// Features repeat a few names (one per category): each name
			// goes through the mapping's patterns once.
			c, seen := classified[ft.Name]
			if !seen {
				c.status, c.ok = clip.classify(m, name, validAt)
				classified[ft.Name] = c
			}
			if st = c.status; !c.ok {
				unclassified[name]++
				continue
			}
		}
		cats[catKey{name, st}]++
		if st == frontline.StatusNone || st == frontline.StatusUkraine {
			// Ukraine is the land minus every other status, so liberated
			// polygons add nothing to the measured geometry.
			continue
		}
		fr, err := clip.repair(g.Polygons)
		if err != nil {
			return nil, frontline.Errorf(frontline.EINVALID, "feature %d (%s): cannot repair geometry: %v", ft.Index, name, err)
		}
		rep := fr.report
		if !rep.Empty() {
			repaired++
			if len(p.Repairs) < maxRepairLines {
				p.Repairs = append(p.Repairs, fmt.Sprintf("feature %d (%s): %s", ft.Index, name, rep))
			}
		}
		if len(fr.polys) > 0 {
			sets[precedenceIndex(st)] = append(sets[precedenceIndex(st)], featureSet{fr.polys, fr.env})
		}
	}
	if repaired > len(p.Repairs) {
		p.Repairs = append(p.Repairs, fmt.Sprintf("… %d more repaired features", repaired-len(p.Repairs)))
	}
	for k, n := range cats {
		p.Categories = append(p.Categories, frontline.CategoryCount{Name: k.name, Status: k.status, Count: n})
	}
	sortCategories(p.Categories)
	for name, n := range unclassified {
		p.Unclassified = append(p.Unclassified, frontline.CategoryCount{Name: name, Count: n})
	}
	sortCategories(p.Unclassified)
	return sets, nil
}

// CutKeys returns the keys each oblast's pieces of f would be computed
// under, without computing them (nil for a map resolved whole): for a map
// stored before its keys were (an import of the same file again).
func cutKeys(clip *Clipper, f *mapfile.File, validAt time.Time, m *Mapping, force frontline.Status) ([]oblastCut, error) {
	sets, err := classifyAndRepair(clip, f, validAt, m, force, &Processed{AreasKm2: map[frontline.Status]float64{}})
	if err != nil {
		return nil, err
	}
	if !perOblast || setsVertices(sets) > maxPerOblastVertices {
		return nil, nil
	}
	var cuts []oblastCut
	for _, ob := range clip.Bounds.Oblasts {
		if near, ok := nearOblast(ob, sets); ok {
			cuts = append(cuts, oblastCut{ob.ISO, clip.cutKeyOf(ob, near)})
		}
	}
	return cuts, nil
}

// featureSet is the polygons of one feature (a valid MultiPolygon's) and
// their envelope.
type featureSet struct {
	polys []geom.Polygon
	env   geom.Envelope
}

// clip returns the set's polygons cut to box: none when its envelope
// misses box, the polygons whole when geo.ClipRect declines them.
func (f featureSet) clip(box geom.Envelope) []geom.Polygon {
	if !f.env.Intersects(box) {
		return nil
	}
	ps, ok := geo.ClipRect(f.polys, box)
	if !ok {
		return f.polys
	}
	return ps
}

// statusSets holds, for each status of frontline.Precedence (by index),
// the features of that status.
type statusSets [][]featureSet

func setsVertices(sets statusSets) int {
	n := 0
	for _, fs := range sets {
		for _, f := range fs {
			n += polygonVertices(f.polys)
		}
	}
	return n
}

// resolve returns one geometry per status (by index in
// frontline.Precedence), each status's features unioned and overlaps given
// to the stronger status; the overlays see only the polygons that can meet
// (union.go).
func resolve(sets statusSets) ([][]geom.Polygon, error) {
	resolved := make([][]geom.Polygon, len(sets))
	var cover []geom.Polygon
	left := 0 // statuses with polygons not yet resolved
	for _, fs := range sets {
		if len(fs) > 0 {
			left++
		}
	}
	for k, fs := range sets {
		if len(fs) == 0 {
			continue
		}
		st := frontline.Precedence[k]
		left--
		polys := make([][]geom.Polygon, len(fs))
		for i, f := range fs {
			polys[i] = f.polys
		}
		u, err := unionSets(polys)
		if err != nil {
			return nil, frontline.Errorf(frontline.EINVALID, "union of %s polygons failed: %v", st, err)
		}
		own := u
		parts := polygonsOf(u.AsGeometry())
		if len(cover) > 0 {
			if own, err = differencePolygons(parts, cover); err != nil {
				return nil, frontline.Errorf(frontline.EINVALID, "resolving overlaps of %s polygons failed: %v", st, err)
			}
			// The cover matters only to the statuses still to come: the
			// last one (Russian-held, usually the largest) is not unioned
			// into it for nothing.
			if left > 0 {
				c, err := unionSets([][]geom.Polygon{cover, parts})
				if err != nil {
					return nil, frontline.Errorf(frontline.EINVALID, "resolving overlaps of %s polygons failed: %v", st, err)
				}
				cover = polygonsOf(c.AsGeometry())
			}
		} else {
			cover = parts
		}
		resolved[k] = polygonsOf(own.AsGeometry())
	}
	return resolved, nil
}

// perOblast says whether maps below maxPerOblastVertices are resolved
// oblast by oblast (cutEach) rather than whole (cut); off only in the test
// that compares the two.
var perOblast = true

// maxPerOblastVertices is the size of a map (vertices after thinning and
// repair) above which its statuses are resolved once, whole, and then cut
// into oblasts, as before oblasts were resolved one by one. The published
// DeepState maps have up to about 6,500; a dense map resolved oblast by
// oblast goes through several unions where its parts lie in several
// oblasts' envelopes: TestImportDenseMapMemoryBounded's jittered map
// (49,931 vertices) took twice the time and 6.4 times the file in memory
// instead of 3.1.
const maxPerOblastVertices = 20_000

// Clipper cuts status geometry into oblast pieces. It remembers each
// oblast's pieces by the features that fall in the oblast's envelope:
// consecutive maps differ in a sliver, so most oblasts' pieces repeat from
// one snapshot to the next and are not computed again. Safe for
// concurrent use.
type Clipper struct {
	Bounds *boundaries.Set

	mu      sync.Mutex
	cache   map[[32]byte][]oblastPiece // this generation
	older   map[[32]byte][]oblastPiece // the one before
	bytes   int                        // WKB held in cache
	pending map[[32]byte]*pendingCut
	covers  map[string]*oblastCover

	// Features already repaired, by their coordinates, in two
	// generations as the pieces are.
	repaired, olderRepaired map[[32]byte]repairedFeature
	repairedVertices        int

	// The rules' patterns each category name matches, by mapping hash
	// and name.
	patterns map[string][]bool
	misses   int // oblasts computed (for tests)
	recalled int // oblasts recalled from the store (for tests)

	// The cover keys of the features near each oblast, by nearKey, in two
	// generations (cutKeyOf), and how many were recalled (for tests).
	cutKeys, olderCutKeys map[[32]byte][32]byte
	cutKeysRecalled       int

	// recall returns the pieces a store holds for an oblast computed
	// under key by an earlier import (Service.recallCut); nil: none.
	recall func(oblast string, key [32]byte) ([]oblastPiece, bool)
}

// oblastPiece is one status's piece of an oblast.
type oblastPiece struct {
	status frontline.Status
	wkb    []byte
	area   float64
}

// pendingCut is an oblast being computed by another goroutine (two maps
// prepared at once share their unchanged oblasts).
type pendingCut struct {
	done   chan struct{}
	pieces []oblastPiece
	err    error
}

// maxCutCacheBytes bounds the WKB each generation of remembered pieces
// holds: a published map's pieces take a few MB.
const maxCutCacheBytes = 16 << 20

// NewClipper returns a Clipper for the given boundaries.
func NewClipper(bounds *boundaries.Set) *Clipper {
	return &Clipper{Bounds: bounds, cache: map[[32]byte][]oblastPiece{}, pending: map[[32]byte]*pendingCut{}, covers: map[string]*oblastCover{}, repaired: map[[32]byte]repairedFeature{}, patterns: map[string][]bool{}}
}

// oblastBox is the oblast's envelope widened by preclipMarginDeg: the
// part of a map that can touch the oblast.
func oblastBox(ob boundaries.Oblast) geom.Envelope {
	lo, hi, _ := ob.Geometry.Envelope().MinMaxXYs()
	return geom.NewEnvelope(
		geom.XY{X: lo.X - preclipMarginDeg, Y: lo.Y - preclipMarginDeg},
		geom.XY{X: hi.X + preclipMarginDeg, Y: hi.Y + preclipMarginDeg})
}

// eachOblast runs f for every oblast, two at a time (one at a time when
// one is enough), and returns the pieces in the oblasts' order.
func (c *Clipper) eachOblast(parallel int, f func(ob boundaries.Oblast) ([]frontline.Piece, error)) ([]frontline.Piece, error) {
	obs := c.Bounds.Oblasts
	out := make([][]frontline.Piece, len(obs))
	errs := make([]error, len(obs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, parallel)
	for i := range obs {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer func() { <-sem; wg.Done() }()
			out[i], errs[i] = f(obs[i])
		}(i)
	}
	wg.Wait()
	var pieces []frontline.Piece
	for i := range out {
		if errs[i] != nil {
			return nil, errs[i]
		}
		pieces = append(pieces, out[i]...)
	}
	return pieces, nil
}

// piecesOf returns an oblast's pieces: one per status present, then the
// Ukraine remainder.
func piecesOf(ob boundaries.Oblast, ps []oblastPiece) []frontline.Piece {
	out := make([]frontline.Piece, 0, len(ps)+1)
	other := 0.0
	for _, p := range ps {
		other += p.area
		out = append(out, frontline.Piece{Oblast: ob.ISO, Status: p.status, AreaKm2: p.area, WKB: p.wkb})
	}
	ukr := ob.AreaKm2 - other
	if ukr < 0 {
		ukr = 0
	}
	return append(out, frontline.Piece{Oblast: ob.ISO, Status: frontline.StatusUkraine, AreaKm2: ukr})
}

// cutEach computes each oblast's pieces from the features near it: each
// feature is cut to the oblast's envelope (geo.ClipRect, with a margin:
// the sides lie outside the oblast, so the pieces are those of the whole
// map), the cut features are resolved as Process resolves a map's, and the
// result intersected with the oblast. An oblast whose cut features are
// those of an earlier map takes that map's pieces.
//
// It returns the key of each oblast with features near it, in the
// oblasts' order.
func (c *Clipper) cutEach(sets statusSets) ([]frontline.Piece, []oblastCut, error) {
	keys := make([]*[32]byte, len(c.Bounds.Oblasts))
	index := make(map[string]int, len(c.Bounds.Oblasts))
	for i, ob := range c.Bounds.Oblasts {
		index[ob.ISO] = i
	}
	pieces, err := c.eachOblast(2, func(ob boundaries.Oblast) ([]frontline.Piece, error) {
		near, ok := nearOblast(ob, sets)
		if !ok {
			return piecesOf(ob, nil), nil
		}
		key := c.cutKeyOf(ob, near)
		keys[index[ob.ISO]] = &key
		ps, err := c.remember(key, func() ([]oblastPiece, error) {
			if c.recall != nil {
				if ps, ok := c.recall(ob.ISO, key); ok {
					c.mu.Lock()
					c.misses--
					c.recalled++
					c.mu.Unlock()
					return ps, nil
				}
			}
			resolved, err := resolve(near)
			if err != nil {
				return nil, err
			}
			var out []oblastPiece
			for k, polys := range resolved {
				st := frontline.Precedence[k]
				r, err := intersectOblast(ob, polys)
				if err != nil {
					return nil, frontline.Errorf(frontline.EINVALID, "clipping %s to %s failed: %v", st, ob.ISO, err)
				}
				if r.wkb != nil {
					out = append(out, oblastPiece{st, r.wkb, r.area})
				}
			}
			return out, nil
		})
		if err != nil {
			return nil, err
		}
		return piecesOf(ob, ps), nil
	})
	if err != nil {
		return nil, nil, err
	}
	var cuts []oblastCut
	for i, k := range keys {
		if k != nil {
			cuts = append(cuts, oblastCut{c.Bounds.Oblasts[i].ISO, *k})
		}
	}
	return pieces, cuts, nil
}

// nearOblast returns each status's features cut to the oblast's envelope
// (geo.ClipRect, with a margin); ok is false when none comes near it.
func nearOblast(ob boundaries.Oblast, sets statusSets) (statusSets, bool) {
	box := oblastBox(ob)
	near := make(statusSets, len(sets))
	empty := true
	for k, fs := range sets {
		for _, f := range fs {
			ps := f.clip(box)
			if len(ps) == 0 {
				continue
			}
			near[k] = append(near[k], featureSet{ps, geom.NewMultiPolygon(ps).Envelope()})
			empty = false
		}
	}
	return near, !empty
}

// coverCells is the size of the grid (cells a side) laid over an
// oblast's envelope: the cells that meet the oblast cover it, and an
// oblast's pieces are recalled when the features in those cells repeat,
// even if they changed in the rest of its envelope (the envelopes of the
// eastern oblasts overlap where the front moves most).
const coverCells = 16

// oblastCover is the cells of the grid over an oblast's envelope that meet
// the oblast, by rows.
type oblastCover struct {
	rows  []geom.Envelope   // each row's rectangle, the envelope's width
	cells [][]geom.Envelope // the row's cells that meet the oblast
}

// cover returns the oblast's cover, computing it the first time.
func (c *Clipper) cover(ob boundaries.Oblast) *oblastCover {
	c.mu.Lock()
	cv, ok := c.covers[ob.ISO]
	c.mu.Unlock()
	if ok {
		return cv
	}
	lo, hi, _ := oblastBox(ob).MinMaxXYs()
	// The grid's lines; the last ones are the envelope's sides exactly.
	var xs, ys [coverCells + 1]float64
	for i := range coverCells {
		xs[i] = lo.X + (hi.X-lo.X)*float64(i)/coverCells
		ys[i] = lo.Y + (hi.Y-lo.Y)*float64(i)/coverCells
	}
	xs[coverCells], ys[coverCells] = hi.X, hi.Y
	// A cell meets the oblast if one of its border's edges passes
	// through the cell (counted by the edge's envelope, which can only
	// add cells), or if it lies inside the oblast (then its centre does).
	var hit [coverCells][coverCells]bool
	// cellOf is the column (row) of coordinate v; a little of the
	// neighbours' width (1e-9 of a cell) counts as the cell's, so that a
	// point on a grid line, or rounded across it, is in both cells.
	cellOf := func(v, lo, hi, slack float64) int {
		i := int(math.Floor(float64(coverCells)*(v-lo)/(hi-lo) + slack))
		return max(0, min(coverCells-1, i))
	}
	var rings [][]geom.XY
	for _, p := range ob.Geometry.Dump() {
		for _, r := range p.DumpRings() {
			seq := r.Coordinates()
			xy := make([]geom.XY, seq.Length())
			for i := range xy {
				xy[i] = seq.GetXY(i)
			}
			rings = append(rings, xy)
			for i := 1; i < len(xy); i++ {
				a, b := xy[i-1], xy[i]
				c0, c1 := cellOf(min(a.X, b.X), lo.X, hi.X, -1e-9), cellOf(max(a.X, b.X), lo.X, hi.X, 1e-9)
				r0, r1 := cellOf(min(a.Y, b.Y), lo.Y, hi.Y, -1e-9), cellOf(max(a.Y, b.Y), lo.Y, hi.Y, 1e-9)
				for row := r0; row <= r1; row++ {
					for col := c0; col <= c1; col++ {
						hit[row][col] = true
					}
				}
			}
		}
	}
	for row := range coverCells {
		y := (ys[row] + ys[row+1]) / 2
		for col := range coverCells {
			if !hit[row][col] && windsAround(rings, geom.XY{X: (xs[col] + xs[col+1]) / 2, Y: y}) {
				hit[row][col] = true
			}
		}
	}
	cv = &oblastCover{}
	for row := range coverCells {
		var cells []geom.Envelope
		for col := range coverCells {
			if hit[row][col] {
				cells = append(cells, geom.NewEnvelope(geom.XY{X: xs[col], Y: ys[row]}, geom.XY{X: xs[col+1], Y: ys[row+1]}))
			}
		}
		if len(cells) > 0 {
			cv.rows = append(cv.rows, geom.NewEnvelope(geom.XY{X: lo.X, Y: ys[row]}, geom.XY{X: hi.X, Y: ys[row+1]}))
			cv.cells = append(cv.cells, cells)
		}
	}
	c.mu.Lock()
	c.covers[ob.ISO] = cv
	c.mu.Unlock()
	return cv
}

// windsAround reports whether the rings (an oblast's polygons) enclose p
// an odd number of times (crossings of a ray to the east).
func windsAround(rings [][]geom.XY, p geom.XY) bool {
	in := false
	for _, r := range rings {
		for i := 1; i < len(r); i++ {
			a, b := r[i-1], r[i]
			if (a.Y > p.Y) != (b.Y > p.Y) && p.X < a.X+(b.X-a.X)*(p.Y-a.Y)/(b.Y-a.Y) {
				in = !in
			}
		}
	}
	return in
}

// cutKey identifies what an oblast's pieces depend on: the oblast, the
// settings that choose the overlays, and each status's features in each
// cell of the oblast's cover, vertex for vertex (cut to the cell by
// geo.ClipRect, a function of the features' part in the cell). Two maps
// with the same key have the same features, so the same statuses, in
// every point of the oblast: the same pieces, up to the rounding of the
// overlays that computed them.
func (c *Clipper) cutKey(ob boundaries.Oblast, sets statusSets) [32]byte {
	h := sha256.New()
	h.Write([]byte(ob.ISO))
	var b [24]byte
	put := func(v uint64) {
		binary.LittleEndian.PutUint64(b[:8], v)
		h.Write(b[:8])
	}
	binary.LittleEndian.PutUint64(b[0:], uint64(preclipVertices))
	binary.LittleEndian.PutUint64(b[8:], uint64(planarUnionVertices))
	if planarClip {
		b[16] = 1
	}
	h.Write(b[:])
	cv := c.cover(ob)
	var parts []geom.MultiPolygon
	for r, row := range cv.rows {
		// The features cut to the row, then to each cell of it.
		inRow := make(statusSets, len(sets))
		for k, fs := range sets {
			for _, f := range fs {
				if ps := f.clip(row); len(ps) > 0 {
					inRow[k] = append(inRow[k], featureSet{ps, geom.NewMultiPolygon(ps).Envelope()})
				}
			}
		}
		for i, cell := range cv.cells[r] {
			put(uint64(r<<16 | i))
			for _, fs := range inRow {
				parts = parts[:0]
				for _, f := range fs {
					if ps := f.clip(cell); len(ps) > 0 {
						parts = append(parts, geom.NewMultiPolygon(ps))
					}
				}
				put(uint64(len(parts)))
				for _, mp := range parts {
					writeCoordinates(h, mp)
				}
			}
		}
	}
	var key [32]byte
	h.Sum(key[:0])
	return key
}

// maxCutKeys bounds each generation of remembered cover keys (64 bytes
// an entry).
const maxCutKeys = 4096

// cutKeyOf is cutKey(ob, near), recalled when the features near the
// oblast (cut to its envelope) are those of an earlier map: the cover key
// is a function of them, and most oblasts' features near them repeat from
// map to map, where cutKey cuts them again to each of the cover's rows and
// cells (a tenth of an import's CPU, importclip). The pieces are the same:
// the same keys are computed.
func (c *Clipper) cutKeyOf(ob boundaries.Oblast, near statusSets) [32]byte {
	nk := nearKey(ob, near)
	c.mu.Lock()
	key, ok := c.cutKeys[nk]
	if !ok {
		key, ok = c.olderCutKeys[nk]
		if ok {
			c.keepCutKey(nk, key)
		}
	}
	if ok {
		c.cutKeysRecalled++
	}
	c.mu.Unlock()
	if ok {
		return key
	}
	key = c.cutKey(ob, near)
	c.mu.Lock()
	c.keepCutKey(nk, key)
	c.mu.Unlock()
	return key
}

// keepCutKey remembers the cover key of the features with nearKey nk
// (c.mu held).
func (c *Clipper) keepCutKey(nk, key [32]byte) {
	if c.cutKeys == nil || len(c.cutKeys) >= maxCutKeys {
		c.olderCutKeys, c.cutKeys = c.cutKeys, make(map[[32]byte][32]byte, 64)
	}
	c.cutKeys[nk] = key
}

// nearKey identifies the features near an oblast (nearOblast's), vertex
// for vertex, with the oblast and the settings cutKey hashes.
func nearKey(ob boundaries.Oblast, near statusSets) [32]byte {
	h := sha256.New()
	h.Write([]byte("near\x00" + ob.ISO))
	var b [24]byte
	binary.LittleEndian.PutUint64(b[0:], uint64(preclipVertices))
	binary.LittleEndian.PutUint64(b[8:], uint64(planarUnionVertices))
	if planarClip {
		b[16] = 1
	}
	h.Write(b[:])
	for _, fs := range near {
		binary.LittleEndian.PutUint64(b[:8], uint64(len(fs)))
		h.Write(b[:8])
		for _, f := range fs {
			writeCoordinates(h, geom.NewMultiPolygon(f.polys))
		}
	}
	var key [32]byte
	h.Sum(key[:0])
	return key
}

// remember returns the pieces stored under key, or computes them (once,
// when several goroutines ask at the same time) and stores them.
func (c *Clipper) remember(key [32]byte, compute func() ([]oblastPiece, error)) ([]oblastPiece, error) {
	c.mu.Lock()
	if ps, ok := c.cache[key]; ok {
		c.mu.Unlock()
		return ps, nil
	}
	if ps, ok := c.older[key]; ok {
		c.store(key, ps)
		c.mu.Unlock()
		return ps, nil
	}
	if p, ok := c.pending[key]; ok {
		c.mu.Unlock()
		<-p.done
		return p.pieces, p.err
	}
	p := &pendingCut{done: make(chan struct{})}
	c.pending[key] = p
	c.misses++
	c.mu.Unlock()

	p.pieces, p.err = compute()
	c.mu.Lock()
	delete(c.pending, key)
	if p.err == nil {
		c.store(key, p.pieces)
	}
	c.mu.Unlock()
	close(p.done)
	return p.pieces, p.err
}

// store keeps ps under key in the current generation (c.mu held); a full
// generation becomes the older one, and the older one is dropped.
func (c *Clipper) store(key [32]byte, ps []oblastPiece) {
	n := 0
	for _, p := range ps {
		n += len(p.wkb)
	}
	if n > maxCutCacheBytes/4 {
		return // a dense map's: not worth its memory
	}
	if c.bytes+n > maxCutCacheBytes {
		c.older, c.cache, c.bytes = c.cache, map[[32]byte][]oblastPiece{}, 0
	}
	c.cache[key] = ps
	c.bytes += n
}

// cut intersects every status geometry (by index in frontline.Precedence)
// with every oblast and adds the Ukraine remainder of each oblast. Only the
// parts of a status whose envelope meets the oblast's take part in its
// overlay.
func (c *Clipper) cut(resolved [][]geom.Polygon) ([]frontline.Piece, error) {
	// Two oblasts at a time, unless the map is so dense that one overlay
	// of it is a large share of the import's memory: then one at a time.
	parallel := 2
	n := 0
	for _, ps := range resolved {
		n += polygonVertices(ps)
	}
	if n > maxParallelClipVertices {
		parallel = 1
	}
	return c.eachOblast(parallel, func(ob boundaries.Oblast) ([]frontline.Piece, error) {
		env := ob.Geometry.Envelope()
		var out []oblastPiece
		for k, parts := range resolved {
			st := frontline.Precedence[k]
			var near []geom.Polygon
			for _, p := range parts {
				if p.Envelope().Intersects(env) {
					near = append(near, p)
				}
			}
			if len(near) == 0 {
				continue
			}
			r, err := intersectOblast(ob, near)
			if err != nil {
				return nil, frontline.Errorf(frontline.EINVALID, "clipping %s to %s failed: %v", st, ob.ISO, err)
			}
			if r.wkb != nil {
				out = append(out, oblastPiece{st, r.wkb, r.area})
			}
		}
		return piecesOf(ob, out), nil
	})
}

type clipResult struct {
	wkb  []byte
	area float64
}

// intersectOblast intersects the polygons near (a valid MultiPolygon's)
// with one oblast. When they are large, only their part inside the
// oblast's envelope (geo.ClipRect, with a margin) goes into the overlay:
// converting the whole of a dense map's largest polygon into JTS's
// objects and indexing it for every oblast it meets was most of an
// import's time and its peak memory.
func intersectOblast(ob boundaries.Oblast, near []geom.Polygon) (clipResult, error) {
	var r clipResult
	if len(near) == 0 {
		return r, nil
	}
	var mp geom.MultiPolygon
	if polygonVertices(near) > preclipVertices {
		if ps, ok := geo.ClipRect(near, oblastBox(ob)); ok {
			near = ps
		}
		if planarClip {
			ps, err := geo.IntersectPolygons(near, ob.Geometry.Dump())
			if err != nil {
				return r, err
			}
			mp = geom.NewMultiPolygon(ps)
		} else {
			x, err := geom.Intersection(geom.NewMultiPolygon(near).AsGeometry(), ob.Geometry.AsGeometry())
			if err != nil {
				return r, err
			}
			mp = Polygonal(x)
		}
	} else {
		x, err := geom.Intersection(geom.NewMultiPolygon(near).AsGeometry(), ob.Geometry.AsGeometry())
		if err != nil {
			return r, err
		}
		mp = Polygonal(x)
	}
	if !mp.IsEmpty() {
		mp = canonicalOrder(mp)
		r = clipResult{wkb: mp.AsBinary(), area: geo.AreaKm2(mp.AsGeometry())}
	}
	return r, nil
}

// preclipVertices is the size (vertices) of the polygons near an oblast
// above which they are cut to the oblast's envelope before the overlay
// (most published maps stay below it; above it the pieces are the same,
// TestProcessPreclipSamePieces).
var preclipVertices = 20_000

// planarClip says whether large polygons (over preclipVertices) are
// intersected with an oblast by geo.IntersectPolygons rather than JTS.
var planarClip = true

// preclipMarginDeg is how far (degrees, about 1 km) the pre-clip's
// rectangle reaches past the oblast's envelope: the new edges along its
// sides lie outside the oblast, so the overlay's result is the same, and
// only an edge longer than the margin that crosses both the side and the
// oblast's border is cut differently (at the last bits of its crossing).
const preclipMarginDeg = 0.01

// classify is m.Classify of a normalized name, with the patterns each
// name matches remembered from map to map (the names repeat; the rules'
// dates are checked every time).
func (c *Clipper) classify(m *Mapping, name string, t time.Time) (frontline.Status, bool) {
	if m.Hash == "" {
		return m.Classify(name, t) // a mapping built by hand: nothing to key on
	}
	key := m.Hash + "\x00" + name
	c.mu.Lock()
	matches, ok := c.patterns[key]
	c.mu.Unlock()
	if !ok {
		matches = make([]bool, len(m.Rules))
		for i, r := range m.Rules {
			matches[i] = r.Pattern.MatchString(name)
		}
		c.mu.Lock()
		if len(c.patterns) >= maxRememberedNames {
			clear(c.patterns)
		}
		c.patterns[key] = matches
		c.mu.Unlock()
	}
	for i, r := range m.Rules {
		if !r.From.IsZero() && t.Before(r.From) {
			continue
		}
		if !r.To.IsZero() && t.After(r.To) {
			continue
		}
		if matches[i] {
			return r.Status, true
		}
	}
	return "", false
}

// maxRememberedNames bounds the category names whose matches are kept
// (the whole DeepState archive has a few thousand).
const maxRememberedNames = 20_000

// repairedFeature is a feature's polygons after thinning and repair.
type repairedFeature struct {
	polys  []geom.Polygon
	env    geom.Envelope
	report geo.RepairReport
}

// maxRememberedFeatureVertices is the size of the features whose repair
// the Clipper remembers: a published map's are far smaller, and a dense
// map's would stay in memory for nothing.
const maxRememberedFeatureVertices = 20_000

// repair thins and repairs a feature's polygons, or recalls the result:
// consecutive maps repeat most of their features, vertex for vertex.
func (c *Clipper) repair(polygons []mapfile.Polygon) (repairedFeature, error) {
	h := sha256.New()
	var buf [16]byte
	n := 0
	for _, poly := range polygons {
		binary.LittleEndian.PutUint64(buf[:8], uint64(len(poly)))
		h.Write(buf[:8])
		for _, ring := range poly {
			binary.LittleEndian.PutUint64(buf[:8], uint64(len(ring)))
			h.Write(buf[:8])
			for _, pt := range ring {
				binary.LittleEndian.PutUint64(buf[:8], math.Float64bits(pt[0]))
				binary.LittleEndian.PutUint64(buf[8:], math.Float64bits(pt[1]))
				h.Write(buf[:])
			}
			n += len(ring)
		}
	}
	var key [32]byte
	h.Sum(key[:0])
	c.mu.Lock()
	fr, ok := c.repaired[key]
	if !ok {
		fr, ok = c.olderRepaired[key]
	}
	c.mu.Unlock()
	if ok {
		return fr, nil
	}

	polys := make([][][][2]float64, len(polygons))
	dups := 0
	for i, poly := range polygons {
		rings := make([][][2]float64, len(poly))
		for j, ring := range poly {
			var d int
			rings[j], d = thinRing(ring)
			dups += d
		}
		polys[i] = rings
	}
	mp, rep, err := geo.Repair(polys)
	if err != nil {
		return fr, err
	}
	// The repeated points thinning removed are reported as repair would
	// have.
	rep.DuplicatePoints += dups
	fr = repairedFeature{polys: polygonsOf(mp.AsGeometry()), env: mp.Envelope(), report: rep}
	if n <= maxRememberedFeatureVertices {
		c.mu.Lock()
		if c.repairedVertices+n > maxCutCacheBytes/64 {
			c.olderRepaired, c.repaired, c.repairedVertices = c.repaired, map[[32]byte]repairedFeature{}, 0
		}
		c.repaired[key] = fr
		c.repairedVertices += n
		c.mu.Unlock()
	}
	return fr, nil
}

// precedenceIndex is st's index in frontline.Precedence.
func precedenceIndex(st frontline.Status) int {
	for i, s := range frontline.Precedence {
		if s == st {
			return i
		}
	}
	panic("control: status without precedence: " + string(st))
}

// maxParallelClipVertices is the size of a map (vertices after thinning
// and union) above which its oblasts are clipped one at a time: an overlay
// holds a few hundred bytes per vertex of its input, and a published map
// has a few tens of thousands.
const maxParallelClipVertices = 200_000

func vertices(parts map[frontline.Status][]geom.Polygon) int {
	n := 0
	for _, ps := range parts {
		n += polygonVertices(ps)
	}
	return n
}

// writeCoordinates writes the structure and coordinates of g to w: the
// cache key of a clip, without building the WKB of a large geometry.
func writeCoordinates(w io.Writer, g geom.MultiPolygon) {
	var buf [512]byte
	b := buf[:0]
	flush := func(need int) {
		if len(b)+need > len(buf) {
			w.Write(b)
			b = buf[:0]
		}
	}
	put := func(v uint64) {
		flush(8)
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	put(uint64(g.NumPolygons()))
	for i := 0; i < g.NumPolygons(); i++ {
		rings := g.PolygonN(i).DumpRings()
		put(uint64(len(rings)))
		for _, r := range rings {
			seq := r.Coordinates()
			n := seq.Length()
			put(uint64(n))
			for j := 0; j < n; j++ {
				xy := seq.GetXY(j)
				put(math.Float64bits(xy.X))
				put(math.Float64bits(xy.Y))
			}
		}
	}
	w.Write(b)
}

// Polygonal returns the polygonal part of g as a MultiPolygon, dropping the
// points and lines an overlay can leave where edges touch.
func Polygonal(g geom.Geometry) geom.MultiPolygon {
	switch g.Type() {
	case geom.TypePolygon:
		return g.MustAsPolygon().AsMultiPolygon()
	case geom.TypeMultiPolygon:
		return g.MustAsMultiPolygon()
	case geom.TypeGeometryCollection:
		var polys []geom.Polygon
		for _, part := range g.Dump() {
			if part.IsPolygon() {
				polys = append(polys, part.MustAsPolygon())
			}
		}
		return geom.NewMultiPolygon(polys)
	}
	return geom.MultiPolygon{}
}

func sortCategories(cs []frontline.CategoryCount) {
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].Count != cs[j].Count {
			return cs[i].Count > cs[j].Count
		}
		return cs[i].Name < cs[j].Name
	})
}

// thinTolDeg is how far (in degrees, about 0.1 mm) a vertex may lie from
// the straight line through its kept neighbours and still be dropped: far
// below anything a map can mean, and it changes no area by a measurable
// amount, but a ring drawn with many points along straight edges (a
// densified export) goes into the overlays with only its corners.
const thinTolDeg = 1e-9

// maxThinRun bounds the vertices dropped in a row, so the check of each
// candidate against every vertex dropped since the last kept one stays
// linear in the ring's size.
const maxThinRun = 256

// thinRing copies a ring without its repeated vertices and without the
// vertices that lie within thinTolDeg of the segment joining the previous
// kept vertex and the next one. Every dropped vertex stays within
// thinTolDeg of the segment that replaces it. A ring that would keep fewer
// than four vertices is copied whole (repair deals with it). dups is the
// number of vertices equal to the one before them that were removed.
func thinRing(ring mapfile.Ring) (out [][2]float64, dups int) {
	out = make([][2]float64, 0, min(len(ring), 64))
	if len(ring) < 5 {
		for _, pt := range ring {
			out = append(out, pt)
		}
		return out, 0
	}
	for i := 1; i < len(ring); i++ {
		if ring[i] == ring[i-1] {
			dups++
		}
	}
	out = append(out, ring[0])
	last := 0 // index in ring of the last kept vertex
	for i := 1; i < len(ring)-1; i++ {
		a, c := ring[last], ring[i+1]
		if ring[i] == a {
			continue
		}
		drop := i-last <= maxThinRun && c != a
		for k := last + 1; drop && k <= i; k++ {
			drop = nearSegment(ring[k], a, c)
		}
		if !drop {
			out = append(out, ring[i])
			last = i
		}
	}
	if n := len(ring) - 1; ring[n] != ring[last] || len(out) == 1 {
		out = append(out, ring[n])
	}
	if len(out) < 4 {
		out = out[:0]
		for _, pt := range ring {
			out = append(out, pt)
		}
		return out, 0
	}
	return out, dups
}

// nearSegment reports whether p lies within thinTolDeg of the segment a-c
// (a != c), between its ends.
func nearSegment(p, a, c [2]float64) bool {
	dx, dy := c[0]-a[0], c[1]-a[1]
	px, py := p[0]-a[0], p[1]-a[1]
	l2 := dx*dx + dy*dy
	t := (px*dx + py*dy) / l2
	if !(t >= 0 && t <= 1) {
		return false
	}
	ex, ey := px-t*dx, py-t*dy
	return ex*ex+ey*ey <= thinTolDeg*thinTolDeg
}
