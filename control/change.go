package control

import (
	"bytes"
	"context"
	"sort"
	"sync"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/geo"
)

// oblastPieces is one oblast's pieces of one snapshot: the geometry and area
// of each non-Ukraine status.
type oblastPieces struct {
	wkb  map[frontline.Status][]byte
	geom map[frontline.Status]geom.Geometry
	area map[frontline.Status]float64
}

func groupPieces(pieces []frontline.Piece) (map[string]*oblastPieces, error) {
	out := map[string]*oblastPieces{}
	for _, pc := range pieces {
		op := out[pc.Oblast]
		if op == nil {
			op = &oblastPieces{wkb: map[frontline.Status][]byte{}, geom: map[frontline.Status]geom.Geometry{}, area: map[frontline.Status]float64{}}
			out[pc.Oblast] = op
		}
		op.area[pc.Status] += pc.AreaKm2
		if pc.Status == frontline.StatusUkraine || len(pc.WKB) == 0 {
			continue
		}
		g, err := geom.UnmarshalWKB(pc.WKB, geom.NoValidate{})
		if err != nil {
			return nil, frontline.Errorf(frontline.EINTERNAL, "stored piece %s/%s: %v", pc.Oblast, pc.Status, err)
		}
		op.wkb[pc.Status] = pc.WKB
		op.geom[pc.Status] = g
	}
	return out, nil
}

// transitionMatrix holds km² per (from, to) status pair.
type transitionMatrix map[[2]frontline.Status]float64

// oblastTransitions computes the transitions inside one oblast. Within a
// snapshot the statuses are disjoint and Ukraine is the rest of the oblast,
// so only the non-Ukraine pieces take part in an overlay:
//
//	a→b     = area(A_a ∩ B_b)             a, b ≠ ukraine
//	a→ukr   = area(A_a − ∪B)
//	ukr→b   = area(B_b − ∪A)
//
// The moves to and from Ukraine are overlays too, not differences of areas:
// subtracting two large areas would turn the overlay's relative noise into
// a large error on a small transition. A piece whose geometry is
// byte-identical in both snapshots has not changed and needs no overlay.
func oblastTransitions(ctx context.Context, a, b *oblastPieces) (transitionMatrix, error) {
	m := transitionMatrix{}
	if a == nil {
		a = &oblastPieces{}
	}
	if b == nil {
		b = &oblastPieces{}
	}
	ukr := frontline.StatusUkraine
	for _, sa := range frontline.Precedence {
		ga, ok := a.geom[sa]
		if !ok {
			continue
		}
		if bytes.Equal(a.wkb[sa], b.wkb[sa]) {
			m[[2]frontline.Status{sa, sa}] = a.area[sa]
			continue
		}
		for _, sb := range frontline.Precedence {
			gb, ok := b.geom[sb]
			if !ok || sa == sb || !ga.Envelope().Intersects(gb.Envelope()) {
				continue
			}
			if bytes.Equal(a.wkb[sb], b.wkb[sb]) {
				continue // B_sb = A_sb, which is disjoint from A_sa
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			x, err := geom.Intersection(ga, gb)
			if err != nil {
				return nil, frontline.Errorf(frontline.EINTERNAL, "intersecting %s with %s: %v", sa, sb, err)
			}
			if area := geo.AreaKm2(Polygonal(x).AsGeometry()); area > 0 {
				m[[2]frontline.Status{sa, sb}] = area
			}
		}
		rest, err := subtractAll(ctx, ga, b)
		if err != nil {
			return nil, err
		}
		if area := geo.AreaKm2(rest); area > 0 {
			m[[2]frontline.Status{sa, ukr}] = area
		}
	}
	for _, sb := range frontline.Precedence {
		gb, ok := b.geom[sb]
		if !ok || bytes.Equal(a.wkb[sb], b.wkb[sb]) {
			continue
		}
		rest, err := subtractAll(ctx, gb, a)
		if err != nil {
			return nil, err
		}
		if area := geo.AreaKm2(rest); area > 0 {
			m[[2]frontline.Status{ukr, sb}] = area
		}
	}
	return m, nil
}

// subtractAll returns g minus every non-Ukraine piece of o.
func subtractAll(ctx context.Context, g geom.Geometry, o *oblastPieces) (geom.Geometry, error) {
	for _, st := range frontline.Precedence {
		og, ok := o.geom[st]
		if !ok || !g.Envelope().Intersects(og.Envelope()) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return g, err
		}
		x, err := geom.Difference(g, og)
		if err != nil {
			return g, frontline.Errorf(frontline.EINTERNAL, "subtracting %s: %v", st, err)
		}
		g = Polygonal(x).AsGeometry()
		if g.IsEmpty() {
			break
		}
	}
	return g, nil
}

// changeBetween computes the transitions per oblast between two snapshots'
// pieces, two oblasts at a time. It stops between overlays when ctx ends
// (the client has gone) and returns ctx's error.
func changeBetween(ctx context.Context, from, to []frontline.Piece) (total transitionMatrix, byOblast map[string]transitionMatrix, err error) {
	a, err := groupPieces(from)
	if err != nil {
		return nil, nil, err
	}
	b, err := groupPieces(to)
	if err != nil {
		return nil, nil, err
	}
	densifyGrouped(a) // cut where the cells cut (densify.go)
	densifyGrouped(b)
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	oblasts := make([]string, 0, len(keys))
	for k := range keys {
		oblasts = append(oblasts, k)
	}
	sort.Strings(oblasts)
	results := make([]transitionMatrix, len(oblasts))
	errs := make([]error, len(oblasts))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, ob := range oblasts {
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(i int, ob string) {
			defer func() { <-sem; wg.Done() }()
			results[i], errs[i] = oblastTransitions(ctx, a[ob], b[ob])
		}(i, ob)
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	total = transitionMatrix{}
	byOblast = map[string]transitionMatrix{}
	for i, ob := range oblasts {
		if errs[i] != nil {
			return nil, nil, errs[i]
		}
		byOblast[ob] = results[i]
		for k, v := range results[i] {
			total[k] += v
		}
	}
	return total, byOblast, nil
}

// transitions lists the changes (from ≠ to) of m in a fixed order, leaving
// out slivers under minKm2.
func (m transitionMatrix) transitions(minKm2 float64) []frontline.Transition {
	out := []frontline.Transition{}
	for _, f := range frontline.Statuses {
		for _, t := range frontline.Statuses {
			if f == t {
				continue
			}
			if v := m[[2]frontline.Status{f, t}]; v > minKm2 {
				out = append(out, frontline.Transition{From: f, To: t, AreaKm2: v})
			}
		}
	}
	return out
}

// net returns the km² each status gained (positive) or lost, summed in
// a fixed order (not the map's), so that the same transitions always give
// the same figures to the last bit.
func (m transitionMatrix) net() map[frontline.Status]float64 {
	out := map[frontline.Status]float64{}
	for _, s := range frontline.Statuses {
		out[s] = 0
	}
	for _, f := range frontline.Statuses {
		for _, t := range frontline.Statuses {
			if v, ok := m[[2]frontline.Status{f, t}]; ok && f != t {
				out[f] -= v
				out[t] += v
			}
		}
	}
	return out
}
