package cells

import (
	"math/bits"
	"slices"
)

// A change between two maps far apart reads every composed transition in
// between: on the full DeepState archive a block of 256 maps holds 50–95
// thousand, and 2022-04-27 → 2025-06-02 reads 296 thousand. Checkpoints
// bound that: every cell's status at every E-th position (a status
// vector), so that a cell's status at any position is the nearest
// checkpoint's plus the transitions between them (at most E/2 maps), and
// a change compares two vectors (32 cells a word) instead of reading the
// years between.
//
// The vectors are derived from the transitions of one build, in memory,
// when a process asks a second change (a server, a benchmark; a command
// asking one change reads only its rows): they are of that build and go
// with it, so a correction or a map appended (a new build version) gets
// vectors of its own, and an answer "as known at" an earlier time whose
// maps are not in the build is not answered from cells at all (it falls
// back to overlays, as before). Keeping them in memory costs 1.7 MB and
// ~6 ms of CPU once a build on the full archive (docs/benchmarks-journal.md,
// "checkpoint"); stored, they would take most of what the store's ceiling
// leaves, repeat the blocks of 32 maps they are made from, and every
// import would rewrite the vectors after the map it applies.
//
// A change sums the cells it finds in ascending cell order whichever way
// it reads them (the rows of the runs in between, or two vectors and the
// runs to their ends), so both ways give the same figures to the last
// bit, and the cheaper is taken by counting what each reads.

// DefaultCheckpointEvery is the number of maps between status vectors:
// on the full archive a random change's CPU (median, p90, max) was 0.28,
// 0.39, 0.48 ms every 16 maps (3.3 MB, 23 ms to make), 0.32, 0.45, 0.51
// every 32 (1.7 MB, 6 ms), 0.37, 0.53, 0.75 every 64 and 0.45, 0.64, 0.85
// every 128, against 0.63, 1.00, 1.29 without (docs/benchmarks-journal.md,
// "checkpoint"). The counts of cells that differ between two vectors grow
// with the square of their number.
const DefaultCheckpointEvery = 32

// evenBits selects the low bit of each cell's two in a vector's word.
const evenBits = 0x5555555555555555

// checkpoints are a build's status vectors.
type checkpoints struct {
	every int32
	// vec[j] is every cell's status (its index into frontline.Statuses)
	// at position j*every-1, two bits a cell, cell c at bit 2*(c%32) of
	// word c/32: vec[0] is before the first map (every cell Ukraine).
	vec [][]uint64
	// diff[j*len(vec)+k] is the number of cells whose status differs
	// between vec[j] and vec[k].
	diff []int32
}

// rowFunc returns a row of transitions (level and k as spans names
// them).
type rowFunc func(level int, k int32) (cell []int32, from, to []uint8)

// vectorWords is the length of a status vector of cells cells.
func vectorWords(cells int) int { return (cells + 31) / 32 }

// buildCheckpoints makes the status vectors of a build of n maps and
// cells cells, every every maps, from its rows.
func buildCheckpoints(cells int, n, every int32, row rowFunc) *checkpoints {
	cp := &checkpoints{every: every}
	fill := uint64(0)
	for i := 0; i < 32; i++ {
		fill |= uint64(ukraineIndex&3) << (2 * i)
	}
	v := make([]uint64, vectorWords(cells))
	for i := range v {
		v[i] = fill
	}
	cp.vec = append(cp.vec, v)
	for j := int32(1); j*every-1 < n; j++ {
		v = slices.Clone(v)
		spans((j-1)*every-1, j*every-1, func(level int, k int32) {
			cs, _, to := row(level, k)
			to = to[:len(cs)]
			for i, c := range cs {
				sh := 2 * (uint(c) & 31)
				w := &v[c>>5]
				*w = *w&^(3<<sh) | uint64(to[i]&3)<<sh
			}
		})
		cp.vec = append(cp.vec, v)
	}
	m := len(cp.vec)
	cp.diff = make([]int32, m*m)
	for j := 0; j < m; j++ {
		for k := j + 1; k < m; k++ {
			d := 0
			for w, x := range cp.vec[j] {
				x ^= cp.vec[k][w]
				d += bits.OnesCount64((x | x>>1) & evenBits)
			}
			cp.diff[j*m+k], cp.diff[k*m+j] = int32(d), int32(d)
		}
	}
	return cp
}

// bytes is the memory of the vectors and counts.
func (cp *checkpoints) bytes() int64 {
	var n int64
	for _, v := range cp.vec {
		n += 8*int64(len(v)) + 24
	}
	return n + 4*int64(len(cp.diff))
}

// position is checkpoint j's position.
func (cp *checkpoints) position(j int) int32 { return int32(j)*cp.every - 1 }

// runCost is the number of transitions the runs between positions x and
// y read.
func runCost(x, y int32, rowLen func(level int, k int32) int) int {
	if x > y {
		x, y = y, x
	}
	n := 0
	spans(x, y, func(level int, k int32) { n += rowLen(level, k) })
	return n
}

// plan chooses the checkpoints a change between positions lo < hi starts
// from (ja for lo, jb for hi, each the nearest below or above), by the
// cells and transitions read: ok is false when reading the runs from lo
// to hi (spanCost transitions) costs no more.
func (cp *checkpoints) plan(lo, hi int32, spanCost int, rowLen func(level int, k int32) int) (ja, jb int, ok bool) {
	m := len(cp.vec)
	near := func(p int32) (js [2]int, cost [2]int) {
		d := int((p + 1) / cp.every)
		js = [2]int{d, min(d+1, m-1)}
		for i, j := range js {
			cost[i] = runCost(p, cp.position(j), rowLen)
		}
		return js, cost
	}
	as, ac := near(lo)
	bs, bc := near(hi)
	best := spanCost
	for i, a := range as {
		for k, b := range bs {
			if c := ac[i] + bc[k] + int(cp.diff[a*m+b]); c < best {
				best, ja, jb, ok = c, a, b, true
			}
		}
	}
	return ja, jb, ok
}

// changeFrom sums a change between positions lo < hi from checkpoints ja
// and jb (plan): the cells whose status differs between the two vectors
// and those the runs from each end to its checkpoint touch, in ascending
// cell order, as changeScratch.sum does.
func (cp *checkpoints) changeFrom(sc *changeScratch, lo, hi int32, ja, jb int, forward bool, row rowFunc, areaKm2 []float64, oblast []uint16, byOblast []Matrix) Matrix {
	sc.begin()
	end := func(p int32, j int, hiEnd bool) {
		q := cp.position(j)
		switch {
		case q < p:
			spans(q, p, func(level int, k int32) {
				c, f, t := row(level, k)
				sc.readEnd(c, f, t, true, hiEnd)
			})
		case q > p:
			spans(p, q, func(level int, k int32) {
				c, f, t := row(level, k)
				sc.readEnd(c, f, t, false, hiEnd)
			})
		}
	}
	end(lo, ja, false)
	end(hi, jb, true)
	return sc.sumVectors(cp.vec[ja], cp.vec[jb], forward, areaKm2, oblast, byOblast)
}

// readEnd takes the transitions between an end of a change and its
// checkpoint, in position order: the status at the end is the one after
// the last (forward: the checkpoint lies before the end) or before the
// first (the checkpoint lies after it). hiEnd names the change's later
// end (its status is kept in last, the earlier end's in first).
func (sc *changeScratch) readEnd(cellOf []int32, before, after []uint8, forward, hiEnd bool) {
	gen, slots, mark := sc.gen, sc.slots, sc.mark
	bit := uint8(1)
	if hiEnd {
		bit = 2
	}
	before = before[:len(cellOf)]
	after = after[:len(cellOf)]
	for k, c := range cellOf {
		sl := &slots[c]
		if sl.gen != gen {
			sl.gen, sl.has = gen, 0
			mark[c>>5] |= 1 << (2 * (uint(c) & 31))
		}
		if !forward && sl.has&bit != 0 {
			continue // the first transition after the end holds its status
		}
		st := after[k]
		if !forward {
			st = before[k]
		}
		if hiEnd {
			sl.last = st
		} else {
			sl.first = st
		}
		sl.has |= bit
	}
}

// sumVectors adds the area of each cell whose status differs between the
// change's ends, in ascending cell order: a cell's status at an end is
// the one readEnd found, else its checkpoint's (va for the earlier end,
// vb for the later).
func (sc *changeScratch) sumVectors(va, vb []uint64, forward bool, areaKm2 []float64, oblast []uint16, byOblast []Matrix) (total Matrix) {
	gen, slots, mark := sc.gen, sc.slots, sc.mark
	vb = vb[:len(va)]
	mark = mark[:len(va)]
	for w, x := range va {
		y := vb[w]
		ends := mark[w]
		m := ((x^y)|(x^y)>>1)&evenBits | ends
		if m == 0 {
			continue
		}
		mark[w] = 0
		for m != 0 {
			t := uint(bits.TrailingZeros64(m))
			m &= m - 1
			c := w<<5 | int(t>>1)
			sa, sb := uint8(x>>t)&3, uint8(y>>t)&3
			if ends>>t&1 != 0 { // read by readEnd
				if sl := &slots[c]; sl.gen == gen {
					if sl.has&1 != 0 {
						sa = sl.first
					}
					if sl.has&2 != 0 {
						sb = sl.last
					}
				}
			}
			if sa != sb {
				addChange(&total, byOblast, c, sa, sb, forward, areaKm2, oblast)
			}
		}
	}
	return total
}
