package extract

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"sort"
	"sync"
	"time"
)

// fronts.bin is where the front ran on each DeepStateMap map of the shared
// data, 2022-04-03 to 2026-08-22 (142 maps: the first of each month and every
// map of 2022-08-20..10-20), as cells of about 2.2 km. It is generated from
// ../shared/data by scripts/genfront (which states the sources and the
// format) and describes maps only: no note, text or label went into it.
//
//go:embed fronts.bin
var frontsBin []byte

// datedFronts is fronts.bin decoded.
type datedFronts struct {
	lon0, lat0, dlon, dlat float64
	nx, ny                 int
	times                  []time.Time
	// cells[s] are the front cells of snapshot s, bucketed.
	buckets []map[int32][]int32
	all     map[int32][]int32 // every cell ever front
}

// frontBucket is the side of a bucket, in cells (about 18 km).
const frontBucket = 8

var (
	frontsOnce sync.Once
	fronts     *datedFronts
)

func loadFronts() *datedFronts {
	frontsOnce.Do(func() {
		f, err := decodeFronts(frontsBin)
		if err != nil {
			panic("extract: fronts.bin: " + err.Error()) // the embedded file is tested
		}
		fronts = f
	})
	return fronts
}

func decodeFronts(b []byte) (*datedFronts, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(raw, []byte("FLFRONT1")) {
		return nil, errors.New("not a fronts file")
	}
	r := bytes.NewReader(raw[8:])
	var vals [7]uint64
	for i := range vals {
		if vals[i], err = binary.ReadUvarint(r); err != nil {
			return nil, err
		}
	}
	f := &datedFronts{lon0: float64(vals[0]) / 1e4, lat0: float64(vals[1]) / 1e4, dlon: float64(vals[2]) / 1e4, dlat: float64(vals[3]) / 1e4,
		nx: int(vals[4]), ny: int(vals[5])}
	nsnap := int(vals[6])
	if f.nx <= 0 || f.ny <= 0 || f.nx*f.ny > 1<<24 || nsnap <= 0 || nsnap > 1<<12 || f.dlon <= 0 || f.dlat <= 0 {
		return nil, errors.New("bad header")
	}
	var t int64
	for i := 0; i < nsnap; i++ {
		d, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		t += int64(d)
		f.times = append(f.times, time.Unix(t, 0).UTC())
	}
	ncells, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	f.buckets = make([]map[int32][]int32, nsnap)
	for i := range f.buckets {
		f.buckets[i] = map[int32][]int32{}
	}
	f.all = map[int32][]int32{}
	bits := make([]byte, (nsnap+7)/8)
	cell := 0
	for k := uint64(0); k < ncells; k++ {
		d, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		cell += int(d)
		if cell >= f.nx*f.ny {
			return nil, errors.New("cell out of the grid")
		}
		if _, err := io.ReadFull(r, bits); err != nil {
			return nil, err
		}
		bk := f.bucketOf(cell%f.nx, cell/f.nx)
		f.all[bk] = append(f.all[bk], int32(cell))
		for s := 0; s < nsnap; s++ {
			if bits[s/8]&(1<<(s%8)) != 0 {
				f.buckets[s][bk] = append(f.buckets[s][bk], int32(cell))
			}
		}
	}
	return f, nil
}

func (f *datedFronts) bucketOf(x, y int) int32 {
	return int32((y/frontBucket)*(f.nx/frontBucket+1) + x/frontBucket)
}

// snapshotsAround are the maps just before and just after t (the same one
// twice at either end of the archive).
func (f *datedFronts) snapshotsAround(t time.Time) (int, int) {
	i := sort.Search(len(f.times), func(i int) bool { return f.times[i].After(t) })
	switch {
	case i == 0:
		return 0, 0
	case i == len(f.times):
		return i - 1, i - 1
	}
	return i - 1, i
}

// frontMaxM is as far as the dated front is looked for.
const frontMaxM = 150000

// distanceM is the distance from (lon, lat) to the nearest centre of a
// front cell in buckets, up to frontMaxM (+Inf beyond).
func (f *datedFronts) distanceM(buckets map[int32][]int32, lon, lat float64) float64 {
	const mPerDeg = 6371008.8 * math.Pi / 180
	cosLat := math.Cos(lat * math.Pi / 180)
	fx, fy := (lon-f.lon0)/f.dlon, (lat-f.lat0)/f.dlat
	bx, by := int(math.Floor(fx))/frontBucket, int(math.Floor(fy))/frontBucket
	if fx < 0 {
		bx = -1 - int(-fx)/frontBucket
	}
	if fy < 0 {
		by = -1 - int(-fy)/frontBucket
	}
	// A ring of buckets r away is at least (r-1) buckets' width away.
	ringM := frontBucket * math.Min(f.dlon*cosLat, f.dlat) * mPerDeg
	best := math.Inf(1)
	nbx, nby := f.nx/frontBucket+1, f.ny/frontBucket+1
	visit := func(x, y int) {
		if x < 0 || y < 0 || x >= nbx || y >= nby {
			return
		}
		for _, c := range buckets[int32(y*nbx+x)] {
			cx := f.lon0 + (float64(int(c)%f.nx)+0.5)*f.dlon
			cy := f.lat0 + (float64(int(c)/f.nx)+0.5)*f.dlat
			dx, dy := (cx-lon)*cosLat, cy-lat
			best = math.Min(best, mPerDeg*math.Sqrt(dx*dx+dy*dy))
		}
	}
	for r := 0; float64(r-1)*ringM < math.Min(best, frontMaxM); r++ {
		// The ring only: its top and bottom rows, then its sides (the
		// inside was seen at smaller r).
		if r == 0 {
			visit(bx, by)
		}
		for x := bx - r; r > 0 && x <= bx+r; x++ {
			visit(x, by-r)
			visit(x, by+r)
		}
		for y := by - r + 1; r > 0 && y <= by+r-1; y++ {
			visit(bx-r, y)
			visit(bx+r, y)
		}
		if r > 2*(nbx+nby) {
			break
		}
	}
	if best > frontMaxM {
		return math.Inf(1)
	}
	return best
}

// datedFrontDistanceM is how far (lon, lat) is from the front of day on
// DeepStateMap's maps: the nearer of the fronts of the maps just before and
// just after it, so that a village taken between two maps is on the front
// of one of them. A zero day measures to every front of the archive.
func datedFrontDistanceM(lon, lat float64, day time.Time) float64 {
	f := loadFronts()
	if day.IsZero() {
		return f.distanceM(f.all, lon, lat)
	}
	a, b := f.snapshotsAround(day)
	d := f.distanceM(f.buckets[a], lon, lat)
	if b != a {
		d = math.Min(d, f.distanceM(f.buckets[b], lon, lat))
	}
	return d
}
