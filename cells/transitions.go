package cells

import (
	"cmp"
	"context"
	"encoding/binary"
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/frontline-osint/frontline"
)

// The stored form of an index's transitions, kept with the build so that a
// new process answers a change between two maps by reading the transitions
// of the maps in between (and the cells' areas), not every cell's
// history: on the full archive about 0.6 s of CPU less for each command.
//
// The head holds the format's version, the number of maps and of cells, the
// oblasts' codes, each cell's oblast (by index into them) and each cell's
// area (the float's bits, 8 bytes little-endian). A row holds the
// transitions of one run of maps (level 0: one map; level l ≥ 1: an aligned
// block of blockSizes[l-1] maps, composed): their number, then each as the
// cell's index (its delta from the one before, ascending) and a byte with
// the status before (high four bits) and after (low four bits), statuses by
// index into frontline.Statuses. Format 2 adds, after the areas, each
// cell's ID (its delta from the one before, ascending): what an import
// needs to append a map's transitions (AppendTransitions); format 1 is
// still read for changes.
const transitionsFormat = 2

// TransitionRow is one stored row of transitions: Level and K name the run
// of maps (see spans), Data its transitions.
type TransitionRow struct {
	Level int
	K     int32
	Data  []byte
}

// Levels is the number of levels of rows: single maps and each block size.
const Levels = 1 + len(blockSizes)

// RowCount returns the number of rows of level l for a build of n maps.
func RowCount(level int, n int32) int32 {
	if level == 0 {
		return n
	}
	size := blockSizes[level-1]
	return (n + size - 1) / size
}

// EncodeTransitions returns the stored form of the index's transitions:
// its head and every row (empty runs included: a row missing when read
// means the store changed underneath).
func (ix *Index) EncodeTransitions() (head []byte, rows []TransitionRow) {
	n := int32(len(ix.evStart) - 1)
	h := transitionHead{n: n, oblasts: ix.Oblasts, oblast: ix.oblast, areaKm2: ix.areaKm2, ids: ix.ids}
	head = h.encode()
	for p := int32(0); p < n; p++ {
		from, to := ix.evStart[p], ix.evStart[p+1]
		rows = append(rows, TransitionRow{Level: 0, K: p, Data: encodeRow(ix.evCell[from:to], ix.evFrom[from:to], ix.evTo[from:to])})
	}
	for l := range blockSizes {
		t := &ix.blocks[l]
		for k := int32(0); k+1 < int32(len(t.start)); k++ {
			from, to := t.start[k], t.start[k+1]
			rows = append(rows, TransitionRow{Level: l + 1, K: k, Data: encodeRow(t.cell[from:to], t.from[from:to], t.to[from:to])})
		}
	}
	return head, rows
}

// encodeRow returns the stored form of a row of transitions.
func encodeRow(cell []int32, from, to []uint8) []byte {
	out := make([]byte, 0, 4+3*len(cell))
	out = binary.AppendUvarint(out, uint64(len(cell)))
	prev := int32(0)
	for k, c := range cell {
		out = binary.AppendUvarint(out, uint64(c-prev))
		out = append(out, from[k]<<4|to[k])
		prev = c
	}
	return out
}

// transitionHead is the head of the stored transitions, read.
type transitionHead struct {
	n       int32
	oblasts []string
	oblast  []uint16
	areaKm2 []float64
	ids     []int64 // format 2 and withIDs only
}

// encode returns the head in the current format.
func (h *transitionHead) encode() []byte {
	head := make([]byte, 0, 32+len(h.oblasts)*8+len(h.oblast)*2+len(h.areaKm2)*8+len(h.ids)*3)
	head = binary.AppendUvarint(head, transitionsFormat)
	head = binary.AppendUvarint(head, uint64(h.n))
	head = binary.AppendUvarint(head, uint64(len(h.areaKm2)))
	head = binary.AppendUvarint(head, uint64(len(h.oblasts)))
	for _, ob := range h.oblasts {
		head = binary.AppendUvarint(head, uint64(len(ob)))
		head = append(head, ob...)
	}
	for _, o := range h.oblast {
		head = binary.AppendUvarint(head, uint64(o))
	}
	for _, a := range h.areaKm2 {
		head = binary.LittleEndian.AppendUint64(head, math.Float64bits(a))
	}
	prev := int64(0)
	for _, id := range h.ids {
		head = binary.AppendUvarint(head, uint64(id-prev))
		prev = id
	}
	return head
}

// decodeHead reads a head of format 1 or 2 (keeping none of its memory);
// withIDs reads the cells' IDs too, which only format 2 holds.
func decodeHead(head []byte, withIDs bool) (*transitionHead, error) {
	r := &Varints{B: head}
	format := r.Uvarint()
	if format != 1 && format != 2 || withIDs && format != 2 {
		return nil, errTransitions
	}
	n := r.Uvarint()
	cellCount := r.Uvarint()
	obCount := r.Uvarint()
	if r.Bad || n > math.MaxInt32 || cellCount > uint64(len(r.B))/8 || obCount > 1<<16 {
		return nil, errTransitions
	}
	h := &transitionHead{n: int32(n)}
	for i := uint64(0); i < obCount && !r.Bad; i++ {
		m := r.Uvarint()
		if m > uint64(len(r.B)) {
			return nil, errTransitions
		}
		h.oblasts = append(h.oblasts, string(r.B[:m]))
		r.B = r.B[m:]
	}
	h.oblast = make([]uint16, cellCount)
	for i := range h.oblast {
		o := r.Uvarint()
		if o >= obCount {
			return nil, errTransitions
		}
		h.oblast[i] = uint16(o)
	}
	if r.Bad || uint64(len(r.B)) < 8*cellCount || format == 1 && uint64(len(r.B)) != 8*cellCount {
		return nil, errTransitions
	}
	h.areaKm2 = make([]float64, cellCount)
	for i := range h.areaKm2 {
		h.areaKm2[i] = math.Float64frombits(binary.LittleEndian.Uint64(r.B[8*i:]))
	}
	r.B = r.B[8*cellCount:]
	if format == 1 {
		return h, nil
	}
	// The IDs are checked (a cut head is refused) and kept if asked for.
	if withIDs {
		h.ids = make([]int64, cellCount)
	}
	prev := uint64(0)
	for i := uint64(0); i < cellCount; i++ {
		d := r.Uvarint()
		if r.Bad || (i > 0 && d == 0) || prev+d > math.MaxInt64 {
			return nil, errTransitions
		}
		prev += d
		if withIDs {
			h.ids[i] = int64(prev)
		}
	}
	if len(r.B) != 0 {
		return nil, errTransitions
	}
	return h, nil
}

// HeadCells reads the cells of a stored head of format 2 (the one imports
// append to): by cell index, each one's ID, area and oblast code.
func HeadCells(head []byte) (ids []int64, areaKm2 []float64, oblast []string, err error) {
	h, err := decodeHead(head, true)
	if err != nil {
		return nil, nil, nil, err
	}
	oblast = make([]string, len(h.oblast))
	for i, o := range h.oblast {
		oblast[i] = h.oblasts[o]
	}
	return h.ids, h.areaKm2, oblast, nil
}

// errTransitions is a stored form that cannot be read: the caller reads
// the cells instead.
var errTransitions = frontline.Errorf(frontline.EINTERNAL, "stored cell transitions unreadable")

// RowReader reads the stored rows of one level with K from lo to hi
// (inclusive), calling f for each; a row missing is an error of the caller
// (Stored checks that every row asked for came).
type RowReader func(ctx context.Context, level int, lo, hi int32, f func(k int32, data []byte) error) error

// Stored answers a change between two maps of a build from its stored
// transitions (EncodeTransitions), reading from the store only the rows
// a change needs and keeping them: the same sums, in the same order, as
// the Index of the build. It is safe for concurrent use.
type Stored struct {
	Build *frontline.CellBuild
	// Oblasts are the oblast codes of the cells, as the index's.
	Oblasts []string
	// MaxHeldBytes bounds the memory of the decoded rows held
	// (DefaultMaxHeldBytes unless set before the first change).
	MaxHeldBytes int64
	// CheckpointEvery is the number of maps between the status vectors
	// changes start from once every row is held (DefaultCheckpointEvery
	// when 0; none when negative). Set it before the first change.
	CheckpointEvery int32

	pos     map[int64]int32
	n       int32
	oblast  []uint16
	areaKm2 []float64
	read    RowReader

	mu   sync.Mutex
	rows [Levels][]*transitionRow // nil: not read yet
	// heldBytes is the memory of the rows held (HeldBytes); misses
	// counts the changes that read rows; whole is set once every row is
	// held, tooLarge when they would not fit in MaxHeldBytes.
	heldBytes int64
	misses    int
	whole     bool
	tooLarge  bool
	// cp are the status vectors, made from the rows once every row is
	// held (checkpoints.go); fromCheckpoints counts the changes they
	// answered.
	cp              *checkpoints
	fromCheckpoints atomic.Int64

	scratch sync.Pool // *changeScratch
}

// DefaultMaxHeldBytes bounds the decoded rows a Stored keeps: 6 bytes per
// transition and a row's headers. Every row of the full DeepState archive
// (1,359 maps, 1,408 rows) takes about 10 MB decoded (docs/benchmarks-journal.md,
// "memrows"); a layer whose rows would not fit is read as changes need
// them, and what is held is dropped whenever it reaches the bound.
const DefaultMaxHeldBytes = 64 << 20

// rowBytes is the memory of a decoded row of m transitions: its slices'
// contents and headers.
func rowBytes(m int) int64 { return int64(6*m) + 3*24 + 8 }

// transitionRow is one decoded row.
type transitionRow struct {
	cell     []int32
	from, to []uint8
}

// NewStored reads the head of a build's stored transitions (it keeps none
// of head's memory); rows are read by read as changes need them.
func NewStored(b *frontline.CellBuild, head []byte, read RowReader) (*Stored, error) {
	h, err := decodeHead(head, false)
	if err != nil || int(h.n) != len(b.SnapshotIDs) {
		return nil, errTransitions
	}
	st := &Stored{Build: b, Oblasts: h.oblasts, MaxHeldBytes: DefaultMaxHeldBytes, n: h.n, read: read,
		pos: make(map[int64]int32, len(b.SnapshotIDs)), oblast: h.oblast, areaKm2: h.areaKm2}
	for i, id := range b.SnapshotIDs {
		st.pos[id] = int32(i)
	}
	for l := range st.rows {
		st.rows[l] = make([]*transitionRow, RowCount(l, st.n))
	}
	cells := len(st.areaKm2)
	st.scratch.New = func() any { return newChangeScratch(cells) }
	return st, nil
}

// Position returns a snapshot's position in the build.
func (st *Stored) Position(snapshotID int64) (int32, bool) {
	p, ok := st.pos[snapshotID]
	return p, ok
}

// ChangeInto is Index.ChangeInto from the stored rows, reading those not
// read yet. An error (a row missing or unreadable, the store failing)
// leaves byOblast undefined: read the cells instead.
func (st *Stored) ChangeInto(ctx context.Context, a, b int32, byOblast []Matrix) (total Matrix, err error) {
	for k := range byOblast {
		byOblast[k] = Matrix{}
	}
	lo, hi := a, b
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo < 0 || hi >= st.n || lo == hi {
		return total, nil
	}
	var list []span
	spans(lo, hi, func(level int, k int32) { list = append(list, span{level, k}) })
	got, err := st.rowsOf(ctx, list, true)
	if err != nil {
		return Matrix{}, err
	}
	sc := st.scratch.Get().(*changeScratch)
	defer st.scratch.Put(sc)
	if cp := st.checkpoints(); cp != nil {
		spanCost := 0
		for _, row := range got {
			spanCost += len(row.cell)
		}
		if ja, jb, ok := cp.plan(lo, hi, spanCost, st.heldRowLen); ok {
			st.fromCheckpoints.Add(1)
			return cp.changeFrom(sc, lo, hi, ja, jb, a == lo, st.heldRow, st.areaKm2, st.oblast, byOblast), nil
		}
	}
	sc.begin()
	for _, row := range got {
		sc.read(row.cell, row.from, row.to)
	}
	return sc.sum(a == lo, st.areaKm2, st.oblast, byOblast), nil
}

// checkpoints returns the status vectors once every row is held, making
// them the first time; nil while rows are read as changes need them.
func (st *Stored) checkpoints() *checkpoints {
	if st.CheckpointEvery < 0 {
		return nil
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if !st.whole {
		return nil
	}
	if st.cp == nil {
		every := st.CheckpointEvery
		if every == 0 {
			every = DefaultCheckpointEvery
		}
		st.cp = buildCheckpoints(len(st.areaKm2), st.n, every, st.heldRow)
	}
	return st.cp
}

// heldRow returns a row held; every row is (whole), and none is read or
// dropped once they all are, so it needs no lock.
func (st *Stored) heldRow(level int, k int32) (cell []int32, from, to []uint8) {
	row := st.rows[level][k]
	return row.cell, row.from, row.to
}

// heldRowLen is the number of transitions of a row held.
func (st *Stored) heldRowLen(level int, k int32) int { return len(st.rows[level][k].cell) }

// ChangesFromCheckpoints is the number of changes answered from the
// status vectors.
func (st *Stored) ChangesFromCheckpoints() int64 { return st.fromCheckpoints.Load() }

// CheckpointBytes returns the memory of the status vectors (0 when none
// are made yet).
func (st *Stored) CheckpointBytes() int64 {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.cp == nil {
		return 0
	}
	return st.cp.bytes()
}

// StatusesAt returns every cell's status at position p (an index into
// frontline.Statuses, by cell index), from the rows of the runs from the
// first map to p: before its first transition a cell is Ukraine.
func (st *Stored) StatusesAt(ctx context.Context, p int32) ([]uint8, error) {
	if p < 0 || p >= st.n {
		return nil, errTransitions
	}
	var list []span
	spans(-1, p, func(level int, k int32) { list = append(list, span{level, k}) })
	got, err := st.rowsOf(ctx, list, false)
	if err != nil {
		return nil, err
	}
	out := make([]uint8, len(st.areaKm2))
	for i := range out {
		out[i] = uint8(ukraineIndex)
	}
	for _, row := range got {
		for k, c := range row.cell {
			out[c] = row.to[k]
		}
	}
	return out, nil
}

// Step returns the transitions at position p: the cells whose status on
// map p differs from map p-1 (on the first map, from Ukraine), ascending,
// and each one's status on map p.
func (st *Stored) Step(ctx context.Context, p int32) (cell []int32, to []uint8, err error) {
	if p < 0 || p >= st.n {
		return nil, nil, errTransitions
	}
	got, err := st.rowsOf(ctx, []span{{0, p}}, false)
	if err != nil {
		return nil, nil, err
	}
	return got[0].cell, got[0].to, nil
}

// Cells is the number of cells of the build.
func (st *Stored) Cells() int { return len(st.areaKm2) }

// rowsOf returns the rows of list, reading those not held. A change
// (change set) counts as a miss when it reads rows, and from the second
// miss on every row is read at once; StatusesAt and Step (extending place
// histories, once a build) neither count nor read all.
func (st *Stored) rowsOf(ctx context.Context, list []span, change bool) ([]*transitionRow, error) {
	got := make([]*transitionRow, len(list))
	st.mu.Lock()
	// A process that asks a second change missing rows asks more (a
	// server, a benchmark): every row is read then, once, in one query a
	// level, and no later change reads the store. A command asking one
	// change reads only the rows of its runs.
	if change && !st.whole && !st.tooLarge && st.misses > 0 && st.missing(list) {
		if err := st.loadAll(ctx); err != nil {
			st.mu.Unlock()
			return nil, err
		}
	}
	if change && st.missing(list) {
		st.misses++
	}
	// The rows not read yet, level by level in runs of consecutive K: a
	// change's runs are its two ends' single maps and small blocks and
	// the large blocks of its middle, a few queries.
	for i := 0; i < len(list); {
		sp := list[i]
		if st.rows[sp.level][sp.k] != nil {
			got[i] = st.rows[sp.level][sp.k]
			i++
			continue
		}
		j := i + 1
		for j < len(list) && list[j].level == sp.level && list[j].k == list[j-1].k+1 {
			j++
		}
		read, err := st.load(ctx, sp.level, sp.k, list[j-1].k)
		if err != nil {
			st.mu.Unlock()
			return nil, err
		}
		for ; i < j; i++ {
			got[i] = read[list[i].k-sp.k]
		}
	}
	st.mu.Unlock()
	return got, nil
}

// span names a run of maps: a row of one level (see spans).
type span struct {
	level int
	k     int32
}

// missing tells whether a row of list is not held; st.mu is held.
func (st *Stored) missing(list []span) bool {
	for _, sp := range list {
		if st.rows[sp.level][sp.k] == nil {
			return true
		}
	}
	return false
}

// loadAll reads every row not held, a level at a time, unless they would
// not fit in MaxHeldBytes: then it drops what it read and sets tooLarge
// (changes read their rows as they need them). st.mu is held.
func (st *Stored) loadAll(ctx context.Context) error {
	for l := range st.rows {
		if len(st.rows[l]) == 0 {
			continue
		}
		if _, err := st.load(ctx, l, 0, int32(len(st.rows[l]))-1); err != nil {
			return err
		}
		if st.tooLarge {
			return nil
		}
	}
	st.whole = true
	return nil
}

// Warm reads every row not held and makes the status vectors, as the
// second change that misses rows would (a server warms a new build's
// transitions with it, off its requests); rows that would not fit in
// MaxHeldBytes are left to be read as changes need them.
func (st *Stored) Warm(ctx context.Context) error {
	st.mu.Lock()
	if !st.whole && !st.tooLarge {
		if err := st.loadAll(ctx); err != nil {
			st.mu.Unlock()
			return err
		}
	}
	st.mu.Unlock()
	st.checkpoints()
	return nil
}

// HeldBytes returns the memory of the decoded rows held and whether every
// row is held.
func (st *Stored) HeldBytes() (bytes int64, whole bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.heldBytes, st.whole
}

// drop forgets every row held; st.mu is held.
func (st *Stored) drop() {
	for l := range st.rows {
		clear(st.rows[l])
	}
	st.heldBytes, st.whole = 0, false
}

// load reads the rows of one level from lo to hi, holds them and returns
// them (row k at k-lo); st.mu is held. Rows held already are read again
// (the same bytes). Past MaxHeldBytes, what is held is dropped first (the
// rows returned stay whole: the change asking holds them until its sum
// is done).
func (st *Stored) load(ctx context.Context, level int, lo, hi int32) ([]*transitionRow, error) {
	out := make([]*transitionRow, hi-lo+1)
	err := st.read(ctx, level, lo, hi, func(k int32, data []byte) error {
		if k < lo || k > hi {
			return errTransitions
		}
		row, err := decodeRow(data, int32(len(st.areaKm2)))
		if err != nil {
			return err
		}
		out[k-lo] = row
		return nil
	})
	if err != nil {
		return nil, err
	}
	for k, row := range out {
		if row == nil {
			return nil, errTransitions
		}
		if old := st.rows[level][lo+int32(k)]; old != nil {
			st.heldBytes -= rowBytes(len(old.cell))
		}
		size := rowBytes(len(row.cell))
		if st.heldBytes+size > st.MaxHeldBytes {
			st.drop()
			st.tooLarge = true
		}
		st.rows[level][lo+int32(k)] = row
		st.heldBytes += size
	}
	return out, nil
}

// decodeRow reads a row of transitions of cells below cells.
func decodeRow(data []byte, cells int32) (*transitionRow, error) {
	r := &Varints{B: data}
	m := r.Uvarint()
	if r.Bad || m > uint64(len(r.B))/2 {
		return nil, errTransitions
	}
	row := &transitionRow{cell: make([]int32, m), from: make([]uint8, m), to: make([]uint8, m)}
	c := uint64(0)
	for k := range row.cell {
		c += r.Uvarint()
		s := r.Byte()
		if r.Bad || c >= uint64(cells) || int(s>>4) >= len(frontline.Statuses) || int(s&15) >= len(frontline.Statuses) {
			return nil, errTransitions
		}
		row.cell[k], row.from[k], row.to[k] = int32(c), s>>4, s&15
	}
	if len(r.B) != 0 {
		return nil, errTransitions
	}
	return row, nil
}

// Varints reads the varints of a stored form (the cells' transitions,
// control's place histories); a fault sticks: after one, Bad is set and
// every read gives 0.
type Varints struct {
	B   []byte
	Bad bool
}

// Uvarint reads an unsigned varint.
func (r *Varints) Uvarint() uint64 {
	v, n := binary.Uvarint(r.B)
	if n <= 0 {
		r.Bad = true
		return 0
	}
	r.B = r.B[n:]
	return v
}

// Varint reads a signed varint.
func (r *Varints) Varint() int64 {
	v, n := binary.Varint(r.B)
	if n <= 0 {
		r.Bad = true
		return 0
	}
	r.B = r.B[n:]
	return v
}

// Byte reads one byte.
func (r *Varints) Byte() byte {
	if len(r.B) == 0 {
		r.Bad = true
		return 0
	}
	c := r.B[0]
	r.B = r.B[1:]
	return c
}

// AppendTransitions brings a build's stored transitions (format 2: head,
// and rows read by read) of maps maps up to date with maps applied after
// it, one step
// per map in order, each the cells saved when its map was applied (their
// IDs, oblasts, areas and histories as saved): it returns the new head
// and the rows that changed or are new — what EncodeTransitions of the new
// build's index would give for them, byte for byte; the other rows are
// unchanged.
//
// A map applied after the others changes a few cells: it gives some a
// status at its position, splits some (the part keeping the cell's ID
// takes a smaller area; the others are new cells, with IDs above every
// cell's, that share the cell's history) and adds new ground as new cells.
// New cells take the positions after the others', so no position moves;
// the rows of the maps (and blocks) where a split cell's history changed
// status gain the new cells at their end. Anything else (a cell deleted,
// a new cell with a lower ID, a cell that changed oblast, a history
// changed before the map) is refused: store the transitions anew.
func AppendTransitions(ctx context.Context, head []byte, read RowReader, maps int32, steps [][]frontline.Cell) (newHead []byte, rows []TransitionRow, err error) {
	h, err := decodeHead(head, true)
	if err != nil {
		return nil, nil, err
	}
	if h.n != maps {
		return nil, nil, errTransitions // of another build
	}
	obIndex := make(map[string]uint16, len(h.oblasts))
	for i, ob := range h.oblasts {
		obIndex[ob] = uint16(i)
	}
	// The rows read or made, decoded, by level and k.
	changed := map[span]*transitionRow{}
	get := func(level int, k int32) (*transitionRow, error) {
		if row := changed[span{level, k}]; row != nil {
			return row, nil
		}
		var row *transitionRow
		err := read(ctx, level, k, k, func(kk int32, data []byte) error {
			if kk != k {
				return errTransitions
			}
			var err error
			row, err = decodeRow(data, int32(len(h.ids)))
			return err
		})
		if err != nil {
			return nil, err
		}
		if row == nil {
			return nil, errTransitions
		}
		changed[span{level, k}] = row
		return row, nil
	}
	type event struct {
		pos      int32
		from, to uint8
	}
	for _, saved := range steps {
		k := h.n
		// The cells new to the build in ID order after the others, and
		// each saved cell's transitions at k; the new cells' before k.
		var added []*frontline.Cell
		var atK []event
		for i := range saved {
			c := &saved[i]
			p, found := slices.BinarySearch(h.ids, c.ID)
			if !found {
				if len(h.ids) > 0 && c.ID < h.ids[len(h.ids)-1] {
					return nil, nil, errTransitions
				}
				added = append(added, c)
				continue
			}
			if h.oblasts[h.oblast[p]] != c.Oblast {
				return nil, nil, errTransitions
			}
			h.areaKm2[p] = c.AreaKm2
			for _, t := range cellTransitions(c.History, k+1) {
				if t.q < k {
					continue // as stored (a history changes only at the map applied)
				}
				atK = append(atK, event{int32(p), t.from, t.to})
			}
		}
		slices.SortFunc(added, func(a, b *frontline.Cell) int { return cmp.Compare(a.ID, b.ID) })
		for i, c := range added {
			if i > 0 && c.ID == added[i-1].ID {
				return nil, nil, errTransitions
			}
			o, ok := obIndex[c.Oblast]
			if !ok {
				o = uint16(len(h.oblasts))
				obIndex[c.Oblast] = o
				h.oblasts = append(h.oblasts, c.Oblast)
			}
			pos := int32(len(h.ids))
			h.ids, h.oblast, h.areaKm2 = append(h.ids, c.ID), append(h.oblast, o), append(h.areaKm2, c.AreaKm2)
			ts := cellTransitions(c.History, k+1)
			for _, t := range ts {
				if t.q == k {
					atK = append(atK, event{pos, t.from, t.to})
					continue
				}
				row, err := get(0, t.q)
				if err != nil {
					return nil, nil, err
				}
				row.cell, row.from, row.to = append(row.cell, pos), append(row.from, t.from), append(row.to, t.to)
			}
			// Its composed transitions in the blocks before k's (k's own
			// block is made below).
			for l, size := range blockSizes {
				for j := 0; j < len(ts) && ts[j].q/size < k/size; {
					b := ts[j].q / size
					first := ts[j].from
					for j < len(ts) && ts[j].q/size == b {
						j++
					}
					if last := ts[j-1].to; first != last {
						row, err := get(l+1, b)
						if err != nil {
							return nil, nil, err
						}
						row.cell, row.from, row.to = append(row.cell, pos), append(row.from, first), append(row.to, last)
					}
				}
			}
		}
		slices.SortFunc(atK, func(a, b event) int { return cmp.Compare(a.pos, b.pos) })
		row := &transitionRow{}
		for _, e := range atK {
			row.cell, row.from, row.to = append(row.cell, e.pos), append(row.from, e.from), append(row.to, e.to)
		}
		changed[span{0, k}] = row
		// k's block at each level: the block's transitions before k
		// composed with k's. A new cell's part of the block is all its own.
		newFrom := int32(len(h.ids) - len(added))
		for l, size := range blockSizes {
			b := k / size
			var old *transitionRow
			if k%size != 0 {
				var err error
				if old, err = get(l+1, b); err != nil {
					return nil, nil, err
				}
			} else {
				old = &transitionRow{}
			}
			out := &transitionRow{}
			put := func(c int32, f, t uint8) {
				if f != t {
					out.cell, out.from, out.to = append(out.cell, c), append(out.from, f), append(out.to, t)
				}
			}
			i, j := 0, 0
			for i < len(old.cell) && old.cell[i] < newFrom || j < len(atK) && atK[j].pos < newFrom {
				switch {
				case j == len(atK) || atK[j].pos >= newFrom || i < len(old.cell) && old.cell[i] < newFrom && old.cell[i] < atK[j].pos:
					put(old.cell[i], old.from[i], old.to[i])
					i++
				case i == len(old.cell) || old.cell[i] >= newFrom || atK[j].pos < old.cell[i]:
					put(atK[j].pos, atK[j].from, atK[j].to)
					j++
				default: // the same cell: before the block, and after k
					put(old.cell[i], old.from[i], atK[j].to)
					i++
					j++
				}
			}
			if i != len(old.cell) {
				return nil, nil, errTransitions // a stored row naming a cell not in the head
			}
			for n, c := range added {
				first, last, any := uint8(0), uint8(0), false
				for _, t := range cellTransitions(c.History, k+1) {
					if t.q/size != b {
						continue
					}
					if !any {
						first, any = t.from, true
					}
					last = t.to
				}
				if any {
					put(newFrom+int32(n), first, last)
				}
			}
			changed[span{l + 1, b}] = out
		}
		h.n = k + 1
	}
	newHead = h.encode()
	for sp, row := range changed {
		rows = append(rows, TransitionRow{Level: sp.level, K: sp.k, Data: encodeRow(row.cell, row.from, row.to)})
	}
	slices.SortFunc(rows, func(a, b TransitionRow) int {
		if a.Level != b.Level {
			return cmp.Compare(a.Level, b.Level)
		}
		return cmp.Compare(a.K, b.K)
	})
	return newHead, rows, nil
}

// cellTransition is a change of a cell's status at position q.
type cellTransition struct {
	q        int32
	from, to uint8
}

// cellTransitions lists the changes of status of a run-length history at
// positions below n, in order: what NewIndex reads of it.
func cellTransitions(h []frontline.CellStatus, n int32) []cellTransition {
	var out []cellTransition
	prev := uint8(ukraineIndex)
	for _, e := range h {
		st := uint8(StatusIndex(e.Status))
		if e.Seq >= 0 && e.Seq < n && st != prev {
			out = append(out, cellTransition{e.Seq, prev, st})
		}
		prev = st
	}
	return out
}
