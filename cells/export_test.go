package cells

import (
	"errors"
	"math"

	"github.com/peterstace/simplefeatures/geom"

	"github.com/frontline-osint/frontline"
)

// FailOverlays makes every overlay whose description fail passes fail,
// on every grid; nil restores them.
func FailOverlays(fail func(what string) bool) {
	if fail == nil {
		failOverlay = nil
		return
	}
	failOverlay = func(what string, op overlayFunc) overlayFunc {
		if !fail(what) {
			return op
		}
		return func(a, b geom.Geometry) (geom.Geometry, error) {
			return geom.Geometry{}, errors.New("overlay failed (test)")
		}
	}
}

// FormatOneHead returns a format-2 head of stored transitions in format 1
// (without the cells' IDs), as stores written before format 2 hold it.
func FormatOneHead(head []byte) []byte {
	h, err := decodeHead(head, false)
	if err != nil {
		panic(err)
	}
	out := h.encode()
	out[0] = 1
	return out
}

// CheckpointEncodings returns what the status vectors of ix, every every
// maps, would take stored: packed (two bits a cell), run-length (a
// varint run and a status byte per run of equal statuses) and as the
// cells that differ from the previous vector (a varint gap and a status
// byte each), in bytes.
func CheckpointEncodings(ix *Index, every int32) (packed, runLength, delta int) {
	cp := buildCheckpoints(ix.Len(), int32(len(ix.Build.SnapshotIDs)), every, ix.row)
	status := func(v []uint64, c int) uint8 { return uint8(v[c>>5]>>(2*(uint(c)&31))) & 3 }
	varint := func(x int) int {
		n := 1
		for ; x >= 0x80; x >>= 7 {
			n++
		}
		return n
	}
	for j, v := range cp.vec {
		packed += (ix.Len() + 3) / 4
		run := 0
		for c := 0; c < ix.Len(); c++ {
			if c > 0 && status(v, c) != status(v, c-1) {
				runLength += varint(run) + 1
				run = 0
			}
			run++
		}
		runLength += varint(run) + 1
		if j == 0 {
			continue
		}
		prev := -1
		for c := 0; c < ix.Len(); c++ {
			if status(v, c) != status(cp.vec[j-1], c) {
				delta += varint(c-prev) + 1
				prev = c
			}
		}
	}
	return packed, runLength, delta
}

// Checkpoints are status vectors made for a test (checkpoints.go).
type Checkpoints = checkpoints

// MakeCheckpointsEvery makes ix's status vectors every every maps.
func MakeCheckpointsEvery(ix *Index, every int32) *Checkpoints {
	return buildCheckpoints(ix.Len(), int32(len(ix.Build.SnapshotIDs)), every, ix.row)
}

// ChangeFromNearest sums the change between positions a and b from the
// status vectors the plan picks among the nearest, whether or not they are
// cheaper than the runs between a and b.
func (cp *Checkpoints) ChangeFromNearest(ix *Index, a, b int32) (Matrix, []Matrix) {
	byOblast := make([]Matrix, len(ix.Oblasts))
	lo, hi := min(a, b), max(a, b)
	if lo == hi {
		return Matrix{}, byOblast
	}
	ja, jb, _ := cp.plan(lo, hi, math.MaxInt, ix.rowLen)
	return cp.changeFrom(newChangeScratch(ix.Len()), lo, hi, ja, jb, a == lo, ix.row, ix.areaKm2, ix.oblast, byOblast), byOblast
}

// ChangeFirstRead sums the change between positions a and b from the runs
// in between as before the status vectors: each cell's area added in the
// order the cells were first read.
func ChangeFirstRead(ix *Index, a, b int32) (total Matrix, byOblast []Matrix) {
	byOblast = make([]Matrix, len(ix.Oblasts))
	lo, hi := min(a, b), max(a, b)
	first, last := map[int32]uint8{}, map[int32]uint8{}
	var order []int32
	spans(lo, hi, func(level int, k int32) {
		cs, from, to := ix.row(level, k)
		for i, c := range cs {
			if _, ok := first[c]; !ok {
				first[c] = from[i]
				order = append(order, c)
			}
			last[c] = to[i]
		}
	})
	for _, c := range order {
		sa, sb := first[c], last[c]
		if sa == sb {
			continue
		}
		if a != lo {
			sa, sb = sb, sa
		}
		byOblast[ix.oblast[c]][sa][sb] += ix.areaKm2[c]
		total[sa][sb] += ix.areaKm2[c]
	}
	return total, byOblast
}

// ChangeFromHistories sums the change between positions a and b from each
// cell's run-length history (statusAt), in ascending cell order: no
// transitions, blocks or vectors.
func ChangeFromHistories(ix *Index, a, b int32) (total Matrix, byOblast []Matrix) {
	byOblast = make([]Matrix, len(ix.Oblasts))
	for c := range ix.ids {
		sa, sb := ix.statusAt(c, a), ix.statusAt(c, b)
		if sa == sb {
			continue
		}
		byOblast[ix.oblast[c]][sa][sb] += ix.areaKm2[c]
		total[sa][sb] += ix.areaKm2[c]
	}
	return total, byOblast
}

// KeepDecodedCells makes Builders keep every cell's decoded geometry
// (true) or drop it once its WKB holds it (false, as they do).
func KeepDecodedCells(keep bool) { keepDecoded = keep }

// Taken returns the number of oblasts whose regions a Builder took from a.
func (a *Ahead) Taken() int { return int(a.taken.Load()) }

// HeldCell is what a Builder holds of one cell between Syncs.
type HeldCell struct {
	Cell           frontline.Cell
	Dirty, Decoded bool
}

// HeldCells returns the cells a Builder holds, in its order.
func HeldCells(b *Builder) []HeldCell {
	out := make([]HeldCell, len(b.cells))
	for i, c := range b.cells {
		out[i] = HeldCell{Cell: c.c, Dirty: c.dirty, Decoded: c.decoded}
	}
	return out
}

// PiecesUsed tells whether a Builder took the map's pieces from a.
func PiecesUsed(a *Ahead) bool { return a.piecesUsed }
