package cells

import (
	"context"

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
	// events lists, by position, the cells whose status is set there
	// (eventStart[p]..eventStart[p+1]), so that a change between two maps
	// reads only the cells that moved in between.
	eventStart []int32
	events     []int32
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
	ix.eventStart = make([]int32, n+2)
	for _, q := range ix.seq {
		if q >= 0 && int(q) < n {
			ix.eventStart[q+1]++
		}
	}
	for p := 1; p < len(ix.eventStart); p++ {
		ix.eventStart[p] += ix.eventStart[p-1]
	}
	ix.events = make([]int32, ix.eventStart[n])
	fill := append([]int32{}, ix.eventStart...)
	for i := range ix.ids {
		for j := ix.start[i]; j < ix.start[i+1]; j++ {
			if q := ix.seq[j]; q >= 0 && int(q) < n {
				ix.events[fill[q]] = int32(i)
				fill[q]++
			}
		}
	}
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
	st := uint8(ukraineIndex)
	for j := ix.start[i]; j < ix.start[i+1]; j++ {
		if ix.seq[j] > p {
			break
		}
		st = ix.status[j]
	}
	return st
}

// Change sums, per oblast, the area of every cell by its status at
// positions a and b. Only ground that changed status is counted (the
// diagonal is left zero).
func (ix *Index) Change(a, b int32) (total Matrix, byOblast []Matrix) {
	byOblast = make([]Matrix, len(ix.Oblasts))
	lo, hi := a, b
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo < 0 || int(hi) >= len(ix.eventStart)-1 {
		return total, byOblast
	}
	// Only cells whose status was set at a position in (lo, hi] can
	// differ; a cell set several times there is counted once.
	seen := make([]bool, len(ix.ids))
	for _, i := range ix.events[ix.eventStart[lo+1]:ix.eventStart[hi+1]] {
		if seen[i] {
			continue
		}
		seen[i] = true
		sa, sb := ix.statusAt(int(i), a), ix.statusAt(int(i), b)
		if sa == sb {
			continue
		}
		byOblast[ix.oblast[i]][sa][sb] += ix.areaKm2[i]
		total[sa][sb] += ix.areaKm2[i]
	}
	return total, byOblast
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
