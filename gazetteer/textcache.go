package gazetteer

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"sync"
	"unsafe"
)

// The shipped file's text, once inflated, can be kept in a cache folder
// (CacheEmbeddedText) and mapped from there by later processes: inflating
// it was the largest part of a command's start-up (~60 ms of CPU of the
// ~100 that loading the gazetteer takes), and a mapped file costs neither
// that nor fresh memory. The file is named by the members' checksums and
// read only when its size and every member's checksum (CRC-32, from the
// gzip trailers) match; anything else is inflated as without a cache.

var cacheDir string

// CacheEmbeddedText keeps the shipped file's text in dir (created if need
// be) and reads it from there when it is already kept. Call it before
// the gazetteer is first loaded; "" (the default) keeps nothing. A folder
// that cannot be written or read leaves loading as without it.
func CacheEmbeddedText(dir string) { cacheDir = dir }

// memberSums are the shipped file's members' inflated sizes and CRC-32s,
// from their gzip trailers; ok is false when it is not laid out in members.
type memberSums struct {
	size [4]int
	crc  [4]uint32
	ok   bool
}

var embeddedSums = sync.OnceValue(func() memberSums { return sumsOf(embeddedGz) })

func sumsOf(gz []byte) memberSums {
	ranges, _, _, ok := memberLayout(gz)
	if !ok {
		return memberSums{}
	}
	var s memberSums
	for i, r := range ranges {
		if r[0] < 0 || r[1] > len(gz) || r[1]-r[0] < 18 {
			return memberSums{}
		}
		s.crc[i] = binary.LittleEndian.Uint32(gz[r[1]-8 : r[1]-4])
		s.size[i] = int(binary.LittleEndian.Uint32(gz[r[1]-4 : r[1]]))
	}
	s.ok = true
	return s
}

// total is the text's length; start(i) where member i begins in it.
func (s memberSums) total() int { return s.start(4) }

func (s memberSums) start(i int) int {
	n := 0
	for _, size := range s.size[:i] {
		n += size
	}
	return n
}

// cacheName is the name of the kept text of a file with these members.
func (s memberSums) cacheName() string {
	return fmt.Sprintf("places-%08x%08x%08x%08x.tsv", s.crc[0], s.crc[1], s.crc[2], s.crc[3])
}

// textCache is the kept text of one file, mapped (nil if there is none),
// with members checked on first use.
type textCache struct {
	sums    memberSums
	text    []byte
	checked [4]sync.Once
	good    [4]bool
}

// openTextCache maps the kept text of the file with these members from
// dir; its text is nil when there is none of the right size.
func openTextCache(dir string, sums memberSums) *textCache {
	tc := &textCache{sums: sums}
	if dir == "" || !sums.ok || sums.total() == 0 {
		return tc
	}
	text, err := mapFile(filepath.Join(dir, sums.cacheName()), sums.total())
	if err == nil {
		tc.text = text
	}
	return tc
}

// members returns the text of members [from, to) if it is kept and
// checks out.
func (tc *textCache) members(from, to int) (string, bool) {
	if tc.text == nil {
		return "", false
	}
	for i := from; i < to; i++ {
		tc.checked[i].Do(func() {
			a, b := tc.sums.start(i), tc.sums.start(i+1)
			tc.good[i] = crc32.ChecksumIEEE(tc.text[a:b]) == tc.sums.crc[i]
		})
		if !tc.good[i] {
			return "", false
		}
	}
	a, b := tc.sums.start(from), tc.sums.start(to)
	return unsafe.String(unsafe.SliceData(tc.text[a:b]), b-a), true
}

// keep writes text (the whole file's) into dir under its cache name: to a
// temporary file renamed into place, so that a reader never maps a file
// being written. Errors are ignored (the next process inflates again).
func keepText(dir string, sums memberSums, text string) {
	if dir == "" || !sums.ok || len(text) != sums.total() {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(dir, sums.cacheName()+".*")
	if err != nil {
		return
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(dir, sums.cacheName()))
	}
	if err != nil {
		os.Remove(f.Name())
	}
}

// embeddedCache is the shipped file's kept text, if any.
var embeddedCache = sync.OnceValue(func() *textCache { return openTextCache(cacheDir, embeddedSums()) })
