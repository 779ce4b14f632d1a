package control

import (
	"context"
	"maps"
	"math"
	"slices"
	"sync"

	"github.com/frontline-osint/frontline"
)

// The cells' transitions between two maps are sums of cell areas, each
// cell's area the geodesic area of an overlay's output at the map that
// split it. An overlay puts new vertices on straight edges (in degrees),
// off the geodesic that areas follow, so the parts of a region do not add
// up exactly to it, and over a thousand maps the cells' area of a status
// drifts from the maps' own (by up to 1e-4 of an oblast's land on the full
// archive). Each map's area per oblast and status is known exactly: the
// stored pieces', what `area` answers and PostGIS's ST_Area agrees with to
// 3e-11. balanceToMaps makes the cells' change between two maps agree
// with it: per oblast, the transitions are adjusted so that each status's
// net change is the difference of the two maps' areas, by the smallest
// relative change in the least-squares sense (δ(i→j) = m(i→j)²·(λj − λi),
// with λ of Ukraine 0 and λ solving a 3×3 system). An adjustment larger than
// maxBalanceRel of a transition is not noise (a cell under a wrong status)
// and is not made: that oblast keeps the cells' figures.
const maxBalanceRel = 0.05

// balanceStatuses are the statuses whose area a map stores with geometry;
// Ukraine is the rest of the oblast.
var balanceStatuses = [3]frontline.Status{frontline.StatusRussia, frontline.StatusContested, frontline.StatusUnknown}

// oblastAreas is one map's area per oblast of each balanceStatuses.
type oblastAreas map[string][3]float64

// mapAreas keeps each snapshot's oblastAreas (a snapshot's pieces never
// change: a correction is a new snapshot).
type mapAreas struct {
	mu sync.Mutex
	m  map[int64]oblastAreas
}

// maxMapAreas bounds the snapshots kept (27 oblasts × 3 figures each).
const maxMapAreas = 8192

func (s *Service) oblastAreasOf(ctx context.Context, id int64) (oblastAreas, error) {
	s.mapAreas.mu.Lock()
	a, ok := s.mapAreas.m[id]
	s.mapAreas.mu.Unlock()
	if ok {
		return a, nil
	}
	pieces, err := s.Store.SnapshotPieces(ctx, id, false)
	if err != nil {
		return nil, err
	}
	a = oblastAreas{}
	for _, pc := range pieces {
		for i, st := range balanceStatuses {
			if pc.Status == st {
				v := a[pc.Oblast]
				v[i] += pc.AreaKm2
				a[pc.Oblast] = v
			}
		}
	}
	s.mapAreas.mu.Lock()
	if s.mapAreas.m == nil || len(s.mapAreas.m) >= maxMapAreas {
		s.mapAreas.m = map[int64]oblastAreas{}
	}
	s.mapAreas.m[id] = a
	s.mapAreas.mu.Unlock()
	return a, nil
}

// balanceToMaps adjusts the cells' per-oblast transitions between maps a
// and b to the maps' areas (see above) and returns the national total as
// their sum. On an error reading the maps' areas it returns them as they
// were.
func (s *Service) balanceToMaps(ctx context.Context, a, b int64, total transitionMatrix, byOblast map[string]transitionMatrix) transitionMatrix {
	if s.NoBalance {
		return total
	}
	aa, err := s.oblastAreasOf(ctx, a)
	if err != nil {
		return total
	}
	ab, err := s.oblastAreasOf(ctx, b)
	if err != nil {
		return total
	}
	sum := transitionMatrix{}
	// Oblasts in a fixed order, so that the national sums are the same to
	// the last bit on every call (a map's order is not).
	for _, iso := range slices.Sorted(maps.Keys(byOblast)) {
		m := byOblast[iso]
		fa, fb := aa[iso], ab[iso]
		var want [3]float64
		for i := range want {
			want[i] = fb[i] - fa[i]
		}
		if bm, ok := balanced(m, want); ok {
			byOblast[iso], m = bm, bm
		}
		for k, v := range m {
			sum[k] += v
		}
	}
	return sum
}

// balanced returns m with its off-diagonal entries adjusted so that the
// net change of each of balanceStatuses is want, or false when no such
// adjustment within maxBalanceRel of every entry exists.
func balanced(m transitionMatrix, want [3]float64) (transitionMatrix, bool) {
	const n = 3
	all := [4]frontline.Status{balanceStatuses[0], balanceStatuses[1], balanceStatuses[2], frontline.StatusUkraine}
	var w [4][4]float64 // w[i][j] = m(i→j), i ≠ j
	for i, f := range all {
		for j, t := range all {
			if i != j {
				w[i][j] = m[[2]frontline.Status{f, t}]
			}
		}
	}
	// δ(i→j) = w(i→j)²·(λj − λi) minimises Σ (δ/w)²: each transition
	// moves by the same fraction, so a small one does not take the
	// residual of a large one. A λ = r with q = w²: A[s][s] = Σj (q[s][j] +
	// q[j][s]), A[s][t] = −(q[s][t] + q[t][s]), r = want − the cells' net.
	var q [4][4]float64
	for i := range w {
		for j := range w[i] {
			q[i][j] = w[i][j] * w[i][j]
		}
	}
	var A [n][n + 1]float64
	var active [n]bool
	needed := false
	for s := 0; s < n; s++ {
		net := 0.0
		for j := 0; j < 4; j++ {
			net += w[j][s] - w[s][j]
			if j != s {
				A[s][s] += q[s][j] + q[j][s]
			}
		}
		for t := 0; t < n; t++ {
			if t != s {
				A[s][t] = -(q[s][t] + q[t][s])
			}
		}
		A[s][n] = want[s] - net
		if A[s][s] > 0 {
			active[s] = true
			if A[s][n] != 0 {
				needed = true
			}
		} else if math.Abs(A[s][n]) > 1e-9 {
			// The status's area changed where the cells saw no
			// transition: nothing to adjust.
			return m, false
		}
	}
	if !needed {
		return m, false
	}
	// Gaussian elimination with partial pivoting over the active statuses.
	var idx []int
	for s := 0; s < n; s++ {
		if active[s] {
			idx = append(idx, s)
		}
	}
	k := len(idx)
	var B [n][n + 1]float64
	for r, s := range idx {
		for c, t := range idx {
			B[r][c] = A[s][t]
		}
		B[r][k] = A[s][n]
	}
	for c := 0; c < k; c++ {
		p := c
		for r := c + 1; r < k; r++ {
			if math.Abs(B[r][c]) > math.Abs(B[p][c]) {
				p = r
			}
		}
		if B[p][c] == 0 {
			return m, false
		}
		B[c], B[p] = B[p], B[c]
		for r := 0; r < k; r++ {
			if r == c {
				continue
			}
			f := B[r][c] / B[c][c]
			for x := c; x <= k; x++ {
				B[r][x] -= f * B[c][x]
			}
		}
	}
	var lambda [4]float64
	for r, s := range idx {
		lambda[s] = B[r][k] / B[r][r]
	}
	out := transitionMatrix{}
	for key, v := range m {
		out[key] = v
	}
	for i, f := range all {
		for j, t := range all {
			if i == j || w[i][j] == 0 {
				continue
			}
			d := w[i][j] * (lambda[j] - lambda[i]) // relative change
			if math.Abs(d) > maxBalanceRel {
				return m, false
			}
			out[[2]frontline.Status{f, t}] = w[i][j] * (1 + d)
		}
	}
	return out, true
}
