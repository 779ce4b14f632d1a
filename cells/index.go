package cells

import (
	"context"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/frontline-osint/frontline"
)

// Matrix holds km² per (from, to) status, indexed like frontline.Statuses.
type Matrix [4][4]float64

// StatusIndex returns st's index in frontline.Statuses (Ukraine for an
// unknown value).
func StatusIndex(st frontline.Status) int {
	for i, s := range frontline.Statuses {
		if s == st {
			return i
		}
	}
	return ukraineIndex
}

var ukraineIndex = func() int {
	for i, s := range frontline.Statuses {
		if s == frontline.StatusUkraine {
			return i
		}
	}
	return 0
}()

// Index is a layer's cells in memory without geometry, for sums and
// lookups: change between two maps, area of a map, a cell's status.
type Index struct {
	Build *frontline.CellBuild
	// Oblasts are the oblast codes of the cells (ISO).
	Oblasts []string

	pos     map[int64]int32 // snapshot ID → position in the build
	ids     []int64         // cell IDs, sorted
	oblast  []uint16
	areaKm2 []float64
	// The history of cell i is seq[start[i]:start[i+1]] with statuses in
	// status[...]; first and last are its first and last positions.
	start  []int32
	seq    []int32
	status []uint8
	// The transitions on the map at position p are evCell/evFrom/evTo
	// [evStart[p]:evStart[p+1]]: the cells whose status changed there,
	// with their status before and after. A change between two maps reads
	// only the transitions in between, not the cells' histories.
	evStart []int32
	evCell  []int32
	evFrom  []uint8
	evTo    []uint8
	// blocks are the same transitions composed over aligned runs of maps
	// (blockSizes): a cell's status before the run and after it, for the
	// cells whose status differs (a cell that flickered and came back
	// is left out). A change reads whole blocks in its middle.
	blocks [len(blockSizes)]transitions

	// CheckpointEvery is the number of maps between the status vectors
	// changes start from (DefaultCheckpointEvery when 0; none when
	// negative). Set it before the first change.
	CheckpointEvery int32
	// changes counts the changes asked: the vectors are made at the
	// second (one change alone reads less without them).
	changes atomic.Int64
	cpOnce  sync.Once
	cp      atomic.Pointer[checkpoints]
	// fromCheckpoints counts the changes answered from them.
	fromCheckpoints atomic.Int64

	scratch sync.Pool // *changeScratch
}

// blockSizes are the lengths of the runs of maps whose transitions are
// composed, largest first (each a multiple of the next).
var blockSizes = [...]int32{256, 32}

// transitions lists cell transitions by block: those of block k are
// cell/from/to[start[k]:start[k+1]].
type transitions struct {
	start []int32
	cell  []int32
	from  []uint8
	to    []uint8
}

// changeScratch is the per-call memory of Change: per cell a generation
// stamp (a cell is seen once per call without clearing) and its status
// before its first and after its last transition, side by side (one
// cache line per cell read), and a mark per cell read (two bits a cell,
// as a status vector's: checkpoints.go), cleared as the sum reads them in
// ascending cell order.
type changeScratch struct {
	gen   uint32
	slots []changeSlot
	mark  []uint64
}

// changeSlot is a cell's part of a change: its status at the change's
// ends (first, last); has tells which ends a change from checkpoints
// found (bit 0 the earlier, bit 1 the later; readEnd).
type changeSlot struct {
	gen         uint32
	first, last uint8
	has         uint8
}

func newChangeScratch(cells int) *changeScratch {
	return &changeScratch{slots: make([]changeSlot, cells), mark: make([]uint64, vectorWords(cells))}
}

// Load reads a layer's cells into an Index. It returns ENOTFOUND if the
// layer's cells have not been built.
func Load(ctx context.Context, store frontline.CellStore, layer string) (*Index, error) {
	b, err := store.CellBuild(ctx, layer)
	if err != nil {
		return nil, err
	}
	cs, err := store.Cells(ctx, layer, false)
	if err != nil {
		return nil, err
	}
	return NewIndex(b, cs), nil
}

// NewIndex indexes cells of a build.
func NewIndex(b *frontline.CellBuild, cs []frontline.Cell) *Index {
	ix := &Index{Build: b, pos: make(map[int64]int32, len(b.SnapshotIDs)),
		ids: make([]int64, len(cs)), oblast: make([]uint16, len(cs)), areaKm2: make([]float64, len(cs)), start: make([]int32, 0, len(cs)+1)}
	for i, id := range b.SnapshotIDs {
		ix.pos[id] = int32(i)
	}
	obIndex := map[string]uint16{}
	for i, c := range cs {
		o, ok := obIndex[c.Oblast]
		if !ok {
			o = uint16(len(ix.Oblasts))
			obIndex[c.Oblast] = o
			ix.Oblasts = append(ix.Oblasts, c.Oblast)
		}
		ix.ids[i], ix.oblast[i], ix.areaKm2[i] = c.ID, o, c.AreaKm2
		ix.start = append(ix.start, int32(len(ix.seq)))
		for _, e := range c.History {
			ix.seq = append(ix.seq, e.Seq)
			ix.status = append(ix.status, uint8(StatusIndex(e.Status)))
		}
	}
	ix.start = append(ix.start, int32(len(ix.seq)))
	n := len(b.SnapshotIDs)
	ix.evStart = make([]int32, n+1)
	forTransitions := func(f func(i int, q int32, from, to uint8)) {
		for i := range ix.ids {
			prev := uint8(ukraineIndex)
			for j := ix.start[i]; j < ix.start[i+1]; j++ {
				q, st := ix.seq[j], ix.status[j]
				if q >= 0 && int(q) < n && st != prev {
					f(i, q, prev, st)
				}
				prev = st
			}
		}
	}
	forTransitions(func(_ int, q int32, _, _ uint8) { ix.evStart[q+1]++ })
	for p := 1; p <= n; p++ {
		ix.evStart[p] += ix.evStart[p-1]
	}
	m := ix.evStart[n]
	ix.evCell, ix.evFrom, ix.evTo = make([]int32, m), make([]uint8, m), make([]uint8, m)
	fill := append([]int32{}, ix.evStart[:n]...)
	forTransitions(func(i int, q int32, from, to uint8) {
		k := fill[q]
		ix.evCell[k], ix.evFrom[k], ix.evTo[k] = int32(i), from, to
		fill[q]++
	})
	cellCount := len(ix.ids)
	stamp, first, last := make([]int32, cellCount), make([]uint8, cellCount), make([]uint8, cellCount)
	for i := range stamp {
		stamp[i] = -1
	}
	for l, size := range blockSizes {
		t := &ix.blocks[l]
		nb := (int32(n) + size - 1) / size
		t.start = make([]int32, 0, nb+1)
		var touched []int32
		for k := int32(0); k < nb; k++ {
			t.start = append(t.start, int32(len(t.cell)))
			touched = touched[:0]
			hi := min((k+1)*size, int32(n))
			for e := ix.evStart[k*size]; e < ix.evStart[hi]; e++ {
				c := ix.evCell[e]
				if stamp[c] != k {
					stamp[c] = k
					first[c] = ix.evFrom[e]
					touched = append(touched, c)
				}
				last[c] = ix.evTo[e]
			}
			slices.Sort(touched)
			for _, c := range touched {
				if first[c] != last[c] {
					t.cell, t.from, t.to = append(t.cell, c), append(t.from, first[c]), append(t.to, last[c])
				}
			}
		}
		t.start = append(t.start, int32(len(t.cell)))
		for i := range stamp {
			stamp[i] = -1
		}
	}
	ix.scratch.New = func() any { return newChangeScratch(cellCount) }
	return ix
}

// Len is the number of cells.
func (ix *Index) Len() int { return len(ix.ids) }

// Position returns a snapshot's position in the build.
func (ix *Index) Position(snapshotID int64) (int32, bool) {
	p, ok := ix.pos[snapshotID]
	return p, ok
}

// statusAt is cell i's status index at position p.
func (ix *Index) statusAt(i int, p int32) uint8 {
	lo, hi := int(ix.start[i]), int(ix.start[i+1])
	// The last entry at or before p, by binary search: long histories
	// stay cheap.
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ix.seq[m] <= p {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == int(ix.start[i]) {
		return uint8(ukraineIndex)
	}
	return ix.status[lo-1]
}

// Transitions is the number of status changes of cells held (what a
// change between the first and the last map reads at most).
func (ix *Index) Transitions() int { return len(ix.evCell) }

// Change sums, per oblast, the area of every cell by its status at
// positions a and b. Only ground that changed status is counted (the
// diagonal is left zero).
func (ix *Index) Change(a, b int32) (total Matrix, byOblast []Matrix) {
	byOblast = make([]Matrix, len(ix.Oblasts))
	return ix.ChangeInto(a, b, byOblast), byOblast
}

// ChangeInto is Change writing the per-oblast figures into byOblast (a
// Matrix per entry of Oblasts, zeroed here). Its cost is that of the
// transitions between the two maps; it allocates nothing once warm.
func (ix *Index) ChangeInto(a, b int32, byOblast []Matrix) (total Matrix) {
	for k := range byOblast {
		byOblast[k] = Matrix{}
	}
	lo, hi := a, b
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo < 0 || int(hi) >= len(ix.evStart)-1 || lo == hi {
		return total
	}
	sc := ix.scratch.Get().(*changeScratch)
	defer ix.scratch.Put(sc)
	if cp := ix.checkpoints(); cp != nil {
		if ja, jb, ok := cp.plan(lo, hi, runCost(lo, hi, ix.rowLen), ix.rowLen); ok {
			ix.fromCheckpoints.Add(1)
			return cp.changeFrom(sc, lo, hi, ja, jb, a == lo, ix.row, ix.areaKm2, ix.oblast, byOblast)
		}
	}
	sc.begin()
	spans(lo, hi, func(level int, k int32) {
		cell, from, to := ix.row(level, k)
		sc.read(cell, from, to)
	})
	return sc.sum(a == lo, ix.areaKm2, ix.oblast, byOblast)
}

// row returns the transitions of a run of maps (level and k as spans
// names them).
func (ix *Index) row(level int, k int32) (cell []int32, from, to []uint8) {
	if level == 0 {
		lo, hi := ix.evStart[k], ix.evStart[k+1]
		return ix.evCell[lo:hi], ix.evFrom[lo:hi], ix.evTo[lo:hi]
	}
	t := &ix.blocks[level-1]
	lo, hi := t.start[k], t.start[k+1]
	return t.cell[lo:hi], t.from[lo:hi], t.to[lo:hi]
}

// rowLen is the number of transitions of a run of maps.
func (ix *Index) rowLen(level int, k int32) int {
	if level == 0 {
		return int(ix.evStart[k+1] - ix.evStart[k])
	}
	t := &ix.blocks[level-1]
	return int(t.start[k+1] - t.start[k])
}

// checkpoints returns the index's status vectors, made at the second
// change asked (or by MakeCheckpoints); nil before, or when
// CheckpointEvery is negative.
func (ix *Index) checkpoints() *checkpoints {
	if cp := ix.cp.Load(); cp != nil {
		return cp
	}
	if ix.CheckpointEvery < 0 || ix.changes.Add(1) < 2 {
		return nil
	}
	return ix.makeCheckpoints()
}

// MakeCheckpoints makes the index's status vectors now, unless they are
// made already or CheckpointEvery is negative (a server does it before its
// first question: WarmCells).
func (ix *Index) MakeCheckpoints() { ix.makeCheckpoints() }

func (ix *Index) makeCheckpoints() *checkpoints {
	if ix.CheckpointEvery < 0 {
		return nil
	}
	ix.cpOnce.Do(func() {
		every := ix.CheckpointEvery
		if every == 0 {
			every = DefaultCheckpointEvery
		}
		ix.cp.Store(buildCheckpoints(len(ix.ids), int32(len(ix.evStart)-1), every, ix.row))
	})
	return ix.cp.Load()
}

// ChangesFromCheckpoints is the number of changes answered from the
// status vectors.
func (ix *Index) ChangesFromCheckpoints() int64 { return ix.fromCheckpoints.Load() }

// CheckpointBytes returns the memory of the index's status vectors (0
// when none are made yet).
func (ix *Index) CheckpointBytes() int64 {
	if cp := ix.cp.Load(); cp != nil {
		return cp.bytes()
	}
	return 0
}

// spans calls f for the runs of maps whose transitions a change between
// positions lo < hi reads, in position order: whole aligned blocks
// (blockSizes, largest first) where they fit, single maps elsewhere.
// Level 0 is the single map at position k; level l ≥ 1 is block k of
// blockSizes[l-1]. The index and the stored transitions (Stored) read the
// same runs in the same order, so that their sums agree to the last bit.
func spans(lo, hi int32, f func(level int, k int32)) {
	for p := lo + 1; p <= hi; {
		used := false
		for l, size := range blockSizes {
			if p%size == 0 && p+size-1 <= hi {
				f(l+1, p/size)
				p += size
				used = true
				break
			}
		}
		if !used {
			f(0, p)
			p++
		}
	}
}

// begin starts a change: no cell seen yet.
func (sc *changeScratch) begin() {
	sc.gen++
	if sc.gen == 0 { // wrapped: an old call's stamps could match
		clear(sc.slots)
		sc.gen = 1
	}
}

// read takes transitions in position order: a cell's status at the
// change's start is the one before its first, at its end the one after
// its last.
func (sc *changeScratch) read(cellOf []int32, before, after []uint8) {
	gen, slots, mark := sc.gen, sc.slots, sc.mark
	after = after[:len(cellOf)]
	before = before[:len(cellOf)]
	for k, c := range cellOf {
		sl := &slots[c]
		if sl.gen != gen {
			sl.gen = gen
			sl.first = before[k]
			mark[c>>5] |= 1 << (2 * (uint(c) & 31))
		}
		sl.last = after[k]
	}
}

// sum adds the area of each cell read whose status differs at the two
// ends, in ascending cell order (as a change from checkpoints does:
// sumVectors), to its oblast's matrix in byOblast and to the total;
// forward is false when the change runs backwards (from the later map to
// the earlier).
func (sc *changeScratch) sum(forward bool, areaKm2 []float64, oblast []uint16, byOblast []Matrix) (total Matrix) {
	slots, mark := sc.slots, sc.mark
	for w, m := range mark {
		if m == 0 {
			continue
		}
		mark[w] = 0
		for m != 0 {
			t := uint(bits.TrailingZeros64(m))
			m &= m - 1
			c := w<<5 | int(t>>1)
			sl := slots[c]
			if sl.first != sl.last {
				addChange(&total, byOblast, c, sl.first, sl.last, forward, areaKm2, oblast)
			}
		}
	}
	return total
}

// addChange adds cell c's area to the change from status sa to sb
// (swapped when the window runs backwards), nationally and in its oblast.
func addChange(total *Matrix, byOblast []Matrix, c int, sa, sb uint8, forward bool, areaKm2 []float64, oblast []uint16) {
	if !forward {
		sa, sb = sb, sa
	}
	area := areaKm2[c]
	if o := int(oblast[c]); o < len(byOblast) {
		byOblast[o][sa&3][sb&3] += area
	}
	total[sa&3][sb&3] += area
}

// History returns cell i's run-length history: the positions at which
// its status was set and the status indexes (into frontline.Statuses) set
// there; before the first position the cell was Ukraine. The slices are
// the index's own: do not modify them.
func (ix *Index) History(i int) (seq []int32, status []uint8) {
	return ix.seq[ix.start[i]:ix.start[i+1]], ix.status[ix.start[i]:ix.start[i+1]]
}

// Areas sums the area of the cells per oblast and status at position p.
// Ukraine's figure covers only ground in cells: the rest of each oblast
// has been Ukraine on every map.
func (ix *Index) Areas(p int32) [][4]float64 {
	out := make([][4]float64, len(ix.Oblasts))
	for i := range ix.ids {
		out[ix.oblast[i]][ix.statusAt(i, p)] += ix.areaKm2[i]
	}
	return out
}

// CellStatuses returns, for the cell with the given ID, its status at
// every position of the build; ok is false if there is no such cell.
func (ix *Index) CellStatuses(id int64) ([]frontline.Status, bool) {
	i := ix.find(id)
	if i < 0 {
		return nil, false
	}
	out := make([]frontline.Status, len(ix.Build.SnapshotIDs))
	for p := range out {
		out[p] = frontline.Statuses[ix.statusAt(i, int32(p))]
	}
	return out, true
}

// StatusOf returns the status of the cell with the given ID at position p
// (Ukraine for no cell).
func (ix *Index) StatusOf(id int64, p int32) frontline.Status {
	i := ix.find(id)
	if i < 0 {
		return frontline.StatusUkraine
	}
	return frontline.Statuses[ix.statusAt(i, p)]
}

func (ix *Index) find(id int64) int {
	lo, hi := 0, len(ix.ids)
	for lo < hi {
		m := (lo + hi) / 2
		if ix.ids[m] < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(ix.ids) && ix.ids[lo] == id {
		return lo
	}
	return -1
}

// Find returns the index of the cell with the given ID, or -1.
func (ix *Index) Find(id int64) int { return ix.find(id) }

// StatusAt returns the status of the cell at index i on the map at
// position p.
func (ix *Index) StatusAt(i int, p int32) frontline.Status {
	return frontline.Statuses[ix.statusAt(i, p)]
}
