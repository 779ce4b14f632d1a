package control

import (
	"container/list"
	"context"
	"encoding/json"
	"math"
	"runtime"
	"strconv"
	"sync"
	"weak"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/geo"
)

var (
	_ frontline.MapService   = (*Service)(nil)
	_ frontline.FrontService = (*Service)(nil)
)

// MaxZoom is the largest web-map zoom Map simplifies for.
const MaxZoom = 22

// Map returns one snapshot's control map: a feature per status and oblast,
// drawn for req.Zoom. Ukraine-status ground is not a feature: it is
// Ukraine's land minus the features, drawn by the basemap, and its area is
// in Area. The geometry is simplified to half a pixel at the zoom
// (geo.Simplify, keeping shared boundaries shared) and rounded to a tenth
// of a pixel or finer; zoom 0 or less gives the stored geometry at full
// precision. Areas are always those of the stored full geometry. A feature
// whose ground is too small to draw at the zoom has a null geometry.
//
// Snapshots are immutable, so each (snapshot, zoom) is drawn once and kept
// in memory; filters apply to the kept map.
func (s *Service) Map(ctx context.Context, req frontline.MapRequest) (*frontline.MapResult, error) {
	if req.Zoom > MaxZoom {
		return nil, frontline.Errorf(frontline.EINVALID, "zoom %d is above %d", req.Zoom, MaxZoom)
	}
	zoom := max(req.Zoom, 0)
	if b := req.BBox; b != nil {
		if err := ValidateBBox(*b); err != nil {
			return nil, err
		}
	}
	want := map[frontline.Status]bool{}
	for _, st := range req.Statuses {
		if !st.Valid() {
			return nil, frontline.Errorf(frontline.EINVALID, "unknown status %q (want russia, ukraine, contested or unknown)", st)
		}
		want[st] = true
	}
	var snap *frontline.Snapshot
	if req.SnapshotID != 0 {
		if req.Layer != "" {
			if _, err := s.Store.FindLayer(ctx, req.Layer); err != nil {
				return nil, err
			}
		}
		sn, err := s.Store.FindSnapshot(ctx, req.SnapshotID)
		if err != nil {
			return nil, err
		}
		if req.Layer != "" && sn.Layer != req.Layer {
			return nil, frontline.Errorf(frontline.ENOTFOUND, "snapshot %d is not in layer %s", req.SnapshotID, req.Layer)
		}
		snap = sn
	} else {
		sn, err := s.snapshotOfDay(ctx, req.Layer, req.At, req.AsKnown)
		if err != nil {
			return nil, err
		}
		snap = sn
	}
	drawn, err := s.mapCache().get(ctx, mapKey{snap.ID, zoom}, func() (*drawnMap, error) {
		// Drawn for every waiter: one cancelled request must not fail the others.
		return s.drawMap(context.WithoutCancel(ctx), snap.ID, zoom)
	})
	if err != nil {
		return nil, err
	}
	res := &frontline.MapResult{Snapshot: snap, Zoom: zoom, Features: []frontline.MapFeature{}}
	for _, f := range drawn.features {
		if len(want) > 0 && !want[f.Status] {
			continue
		}
		if b := req.BBox; b != nil && (f.bbox[0] > b[2] || f.bbox[2] < b[0] || f.bbox[1] > b[3] || f.bbox[3] < b[1]) {
			continue
		}
		res.Features = append(res.Features, f.MapFeature)
	}
	return res, nil
}

// ValidateBBox checks [minLon, minLat, maxLon, maxLat].
func ValidateBBox(b [4]float64) error {
	for _, v := range b {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return frontline.Errorf(frontline.EINVALID, "bbox %v is not four numbers", b)
		}
	}
	if b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90 || b[0] > b[2] || b[1] > b[3] {
		return frontline.Errorf(frontline.EINVALID, "bbox %g,%g,%g,%g is not minLon,minLat,maxLon,maxLat in degrees", b[0], b[1], b[2], b[3])
	}
	return nil
}

type drawnFeature struct {
	frontline.MapFeature
	bbox [4]float64 // of the full geometry
}

type drawnMap struct {
	features []drawnFeature
	bytes    int
}

func (s *Service) drawMap(ctx context.Context, snapshotID int64, zoom int) (*drawnMap, error) {
	pieces, err := s.Store.SnapshotPieces(ctx, snapshotID, true)
	if err != nil {
		return nil, err
	}
	type key struct {
		st  frontline.Status
		iso string
	}
	type group struct {
		area  float64
		polys []geom.Polygon
	}
	groups := map[key]*group{}
	for _, pc := range pieces {
		if pc.WKB == nil || pc.Status == frontline.StatusUkraine {
			continue
		}
		g, err := geom.UnmarshalWKB(pc.WKB, geom.NoValidate{})
		if err != nil {
			return nil, frontline.Errorf(frontline.EINTERNAL, "stored piece of snapshot %d: %v", snapshotID, err)
		}
		k := key{pc.Status, pc.Oblast}
		if groups[k] == nil {
			groups[k] = &group{}
		}
		groups[k].area += pc.AreaKm2
		mp := Polygonal(g)
		for i := 0; i < mp.NumPolygons(); i++ {
			groups[k].polys = append(groups[k].polys, mp.PolygonN(i))
		}
	}
	// Statuses in report order, oblasts in ISO order.
	var keys []key
	var mps []geom.MultiPolygon
	var names []string
	for _, st := range frontline.Statuses {
		for _, ob := range s.Bounds.Oblasts {
			if g, ok := groups[key{st, ob.ISO}]; ok {
				keys = append(keys, key{st, ob.ISO})
				mps = append(mps, geom.NewMultiPolygon(g.polys))
				names = append(names, ob.Name)
			}
		}
	}
	drawn := mps
	decimals := -1 // shortest exact representation
	if zoom > 0 {
		tol := geo.ToleranceAtZoom(zoom)
		// A power of ten at most a quarter of the tolerance: a tenth of a
		// pixel or finer, printed with few digits.
		grid := math.Pow(10, math.Floor(math.Log10(tol/4)))
		decimals = int(math.Round(-math.Log10(grid)))
		drawn = geo.Simplify(mps, tol, grid)
	}
	out := &drawnMap{}
	for i, k := range keys {
		lo, hi, _ := mps[i].Envelope().MinMaxXYs()
		f := drawnFeature{
			MapFeature: frontline.MapFeature{
				Status:   k.st,
				Oblast:   names[i],
				AreaKm2:  groups[k].area,
				Geometry: multiPolygonJSON(drawn[i], decimals),
			},
			bbox: [4]float64{lo.X, lo.Y, hi.X, hi.Y},
		}
		out.bytes += len(f.Geometry) + 200
		out.features = append(out.features, f)
	}
	return out, nil
}

// multiPolygonJSON writes a GeoJSON MultiPolygon with coordinates printed
// to decimals places (trailing zeros trimmed), or exactly when decimals is
// negative; an empty multipolygon is null.
func multiPolygonJSON(mp geom.MultiPolygon, decimals int) json.RawMessage {
	if mp.NumPolygons() == 0 {
		return json.RawMessage("null")
	}
	buf := make([]byte, 0, 1024)
	buf = append(buf, `{"type":"MultiPolygon","coordinates":[`...)
	num := func(v float64) {
		start := len(buf)
		buf = strconv.AppendFloat(buf, v, 'f', decimals, 64)
		if decimals > 0 {
			n := len(buf)
			for n > start && buf[n-1] == '0' {
				n--
			}
			if buf[n-1] == '.' {
				n--
			}
			buf = buf[:n]
			if string(buf[start:]) == "-0" {
				buf = append(buf[:start], '0')
			}
		}
	}
	for i := 0; i < mp.NumPolygons(); i++ {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, '[')
		p := mp.PolygonN(i)
		for r := 0; r <= p.NumInteriorRings(); r++ {
			ls := p.ExteriorRing()
			if r > 0 {
				ls = p.InteriorRingN(r - 1)
				buf = append(buf, ',')
			}
			buf = append(buf, '[')
			seq := ls.Coordinates()
			for k := 0; k < seq.Length(); k++ {
				if k > 0 {
					buf = append(buf, ',')
				}
				xy := seq.GetXY(k)
				buf = append(buf, '[')
				num(xy.X)
				buf = append(buf, ',')
				num(xy.Y)
				buf = append(buf, ']')
			}
			buf = append(buf, ']')
		}
		buf = append(buf, ']')
	}
	buf = append(buf, "]}"...)
	return buf
}

// mapCacheBytes bounds the memory the drawn maps of one Service keep. The
// server's encoded answers are cached again in package http (64 MiB), and
// serve runs under a soft limit of 384 MiB (cmd/frontline): 64 MiB holds
// about a thousand maps at zoom 6 (≈ 60 KB each).
const mapCacheBytes = 64 << 20

type mapKey struct {
	snapshotID int64
	zoom       int
}

// mapCache keeps drawn maps, least recently used out first; concurrent
// requests for the same map draw it once.
type mapCache struct {
	mu      sync.Mutex
	entries map[mapKey]*list.Element
	lru     list.List // of *mapEntry, most recent first
	bytes   int
}

type mapEntry struct {
	key  mapKey
	done chan struct{}
	m    *drawnMap
	err  error
}

func (c *mapCache) get(ctx context.Context, k mapKey, draw func() (*drawnMap, error)) (*drawnMap, error) {
	c.mu.Lock()
	if el, ok := c.entries[k]; ok {
		c.lru.MoveToFront(el)
		e := el.Value.(*mapEntry)
		c.mu.Unlock()
		select {
		case <-e.done:
			return e.m, e.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	e := &mapEntry{key: k, done: make(chan struct{})}
	c.entries[k] = c.lru.PushFront(e)
	c.mu.Unlock()

	e.m, e.err = draw()
	close(e.done)

	c.mu.Lock()
	defer c.mu.Unlock()
	if e.err != nil {
		// Errors (a cancelled request, a store failure) are not kept.
		if el, ok := c.entries[k]; ok && el.Value.(*mapEntry) == e {
			c.lru.Remove(el)
			delete(c.entries, k)
		}
		return nil, e.err
	}
	c.bytes += e.m.bytes
	for c.bytes > mapCacheBytes && c.lru.Len() > 1 {
		el := c.lru.Back()
		old := el.Value.(*mapEntry)
		select {
		case <-old.done:
		default:
			// Still drawing: cannot be the least recently used for long.
			c.lru.MoveToFront(el)
			continue
		}
		c.lru.Remove(el)
		delete(c.entries, old.key)
		if old.m != nil {
			c.bytes -= old.m.bytes
		}
	}
	return e.m, nil
}

// mapCaches holds each Service's drawn maps, keyed weakly so that a
// Service's cache goes when the Service does. (A field of Service would do
// the same; service.go is shared with concurrent work, so the cache lives
// here for now.)
var mapCaches sync.Map // weak.Pointer[Service] → *mapCache

func (s *Service) mapCache() *mapCache {
	k := weak.Make(s)
	if c, ok := mapCaches.Load(k); ok {
		return c.(*mapCache)
	}
	c, loaded := mapCaches.LoadOrStore(k, &mapCache{entries: map[mapKey]*list.Element{}})
	if !loaded {
		runtime.AddCleanup(s, func(k weak.Pointer[Service]) { mapCaches.Delete(k) }, k)
	}
	return c.(*mapCache)
}
