package cells

import (
	"context"
	"encoding/binary"
	"math"
	"sync"

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
// index into frontline.Statuses.
const transitionsFormat = 1

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
	head = binary.AppendUvarint(head, transitionsFormat)
	head = binary.AppendUvarint(head, uint64(n))
	head = binary.AppendUvarint(head, uint64(len(ix.ids)))
	head = binary.AppendUvarint(head, uint64(len(ix.Oblasts)))
	for _, ob := range ix.Oblasts {
		head = binary.AppendUvarint(head, uint64(len(ob)))
		head = append(head, ob...)
	}
	for _, o := range ix.oblast {
		head = binary.AppendUvarint(head, uint64(o))
	}
	for _, a := range ix.areaKm2 {
		head = binary.LittleEndian.AppendUint64(head, math.Float64bits(a))
	}
	encode := func(cell []int32, from, to []uint8) []byte {
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
	for p := int32(0); p < n; p++ {
		from, to := ix.evStart[p], ix.evStart[p+1]
		rows = append(rows, TransitionRow{Level: 0, K: p, Data: encode(ix.evCell[from:to], ix.evFrom[from:to], ix.evTo[from:to])})
	}
	for l := range blockSizes {
		t := &ix.blocks[l]
		for k := int32(0); k+1 < int32(len(t.start)); k++ {
			from, to := t.start[k], t.start[k+1]
			rows = append(rows, TransitionRow{Level: l + 1, K: k, Data: encode(t.cell[from:to], t.from[from:to], t.to[from:to])})
		}
	}
	return head, rows
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

	scratch sync.Pool // *changeScratch
}

// DefaultMaxHeldBytes bounds the decoded rows a Stored keeps: 6 bytes per
// transition and a row's headers. Every row of the full DeepState archive
// (1,359 maps, 1,408 rows) takes about 10 MB decoded (docs/BENCHMARKS.md,
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
	r := &Varints{B: head}
	if r.Uvarint() != transitionsFormat {
		return nil, errTransitions
	}
	n := r.Uvarint()
	cellCount := r.Uvarint()
	obCount := r.Uvarint()
	if r.Bad || n != uint64(len(b.SnapshotIDs)) || cellCount > uint64(len(r.B))/8 || obCount > 1<<16 {
		return nil, errTransitions
	}
	st := &Stored{Build: b, MaxHeldBytes: DefaultMaxHeldBytes, n: int32(n), read: read, pos: make(map[int64]int32, len(b.SnapshotIDs))}
	for i := uint64(0); i < obCount && !r.Bad; i++ {
		m := r.Uvarint()
		if m > uint64(len(r.B)) {
			return nil, errTransitions
		}
		st.Oblasts = append(st.Oblasts, string(r.B[:m]))
		r.B = r.B[m:]
	}
	st.oblast = make([]uint16, cellCount)
	for i := range st.oblast {
		o := r.Uvarint()
		if o >= obCount {
			return nil, errTransitions
		}
		st.oblast[i] = uint16(o)
	}
	if r.Bad || uint64(len(r.B)) != 8*cellCount {
		return nil, errTransitions
	}
	st.areaKm2 = make([]float64, cellCount)
	for i := range st.areaKm2 {
		st.areaKm2[i] = math.Float64frombits(binary.LittleEndian.Uint64(r.B[8*i:]))
	}
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
	got := make([]*transitionRow, len(list))
	st.mu.Lock()
	// A process that asks a second change missing rows asks more (a
	// server, a benchmark): every row is read then, once, in one query a
	// level, and no later change reads the store. A command asking one
	// change reads only the rows of its runs.
	if !st.whole && !st.tooLarge && st.misses > 0 && st.missing(list) {
		if err := st.loadAll(ctx); err != nil {
			st.mu.Unlock()
			return Matrix{}, err
		}
	}
	if st.missing(list) {
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
			return Matrix{}, err
		}
		for ; i < j; i++ {
			got[i] = read[list[i].k-sp.k]
		}
	}
	st.mu.Unlock()
	sc := st.scratch.Get().(*changeScratch)
	defer st.scratch.Put(sc)
	sc.begin()
	for _, row := range got {
		sc.read(row.cell, row.from, row.to)
	}
	return sc.sum(a == lo, st.areaKm2, st.oblast, byOblast), nil
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
