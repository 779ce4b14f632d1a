package report

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"testing"

	"github.com/frontline-osint/frontline/internal/shareddata"
)

// dataDir is ../shared/data from the repository root.
func dataDir(t testing.TB) string {
	t.Helper()
	return shareddata.Dir(t)
}

// tinyJPEG encodes a small real JPEG without EXIF.
func tinyJPEG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 16, 8))
	for x := 0; x < 16; x++ {
		for y := 0; y < 8; y++ {
			img.Set(x, y, color.RGBA{uint8(x * 16), 0, uint8(y * 32), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type tiffEntry struct {
	tag, typ uint16
	count    uint32
	data     []byte
}

func asciiEntry(tag uint16, s string) tiffEntry {
	return tiffEntry{tag, 2, uint32(len(s) + 1), append([]byte(s), 0)}
}

// dms encodes degrees as three rationals (degrees, minutes, centi-seconds).
func dms(tag uint16, deg float64, ord binary.ByteOrder) tiffEntry {
	d := math.Floor(deg)
	m := math.Floor((deg - d) * 60)
	s := math.Round(((deg-d)*60 - m) * 60 * 100)
	b := make([]byte, 24)
	for i, v := range []uint32{uint32(d), 1, uint32(m), 1, uint32(s), 100} {
		ord.PutUint32(b[4*i:], v)
	}
	return tiffEntry{tag, 5, 3, b}
}

// buildTIFF lays out IFD0, an Exif IFD and a GPS IFD (either may be nil)
// with their values after them; IFD0 gets the pointers.
func buildTIFF(ord binary.ByteOrder, ifd0, exif, gps []tiffEntry) []byte {
	size := func(es []tiffEntry, ptr int) int {
		if es == nil && ptr == 0 {
			return 0
		}
		return 2 + 12*(len(es)+ptr) + 4
	}
	ptrs := 0
	if exif != nil {
		ptrs++
	}
	if gps != nil {
		ptrs++
	}
	off0 := 8
	off1 := off0 + size(ifd0, ptrs)
	off2 := off1 + size(exif, 0)
	dataAt := off2 + size(gps, 0)
	u32 := func(v int) []byte { b := make([]byte, 4); ord.PutUint32(b, uint32(v)); return b }
	if exif != nil {
		ifd0 = append(ifd0, tiffEntry{0x8769, 4, 1, u32(off1)})
	}
	if gps != nil {
		ifd0 = append(ifd0, tiffEntry{0x8825, 4, 1, u32(off2)})
	}
	out := make([]byte, dataAt)
	copy(out, map[bool]string{true: "II", false: "MM"}[ord == binary.LittleEndian])
	ord.PutUint16(out[2:], 42)
	ord.PutUint32(out[4:], uint32(off0))
	write := func(at int, es []tiffEntry) {
		if es == nil {
			return
		}
		ord.PutUint16(out[at:], uint16(len(es)))
		for i, e := range es {
			p := at + 2 + 12*i
			ord.PutUint16(out[p:], e.tag)
			ord.PutUint16(out[p+2:], e.typ)
			ord.PutUint32(out[p+4:], e.count)
			if len(e.data) <= 4 {
				copy(out[p+8:p+12], e.data)
			} else {
				ord.PutUint32(out[p+8:], uint32(len(out)))
				out = append(out, e.data...)
			}
		}
	}
	write(off0, ifd0)
	write(off1, exif)
	write(off2, gps)
	return out
}

// withEXIF inserts an APP1 Exif segment holding tiff after a JPEG's SOI.
func withEXIF(jpg, tiff []byte) []byte {
	seg := append([]byte("Exif\x00\x00"), tiff...)
	out := []byte{0xFF, 0xD8, 0xFF, 0xE1, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// photoEXIF is the EXIF of a photo taken in Balakliia on 10 September 2022
// at 09:30 Kyiv time (+03:00).
func photoEXIF(ord binary.ByteOrder) []byte {
	return buildTIFF(ord,
		[]tiffEntry{asciiEntry(0x010E, "Flag raised over the city council"), asciiEntry(0x010F, "Canon")},
		[]tiffEntry{asciiEntry(0x9003, "2022:09:10 09:30:00"), asciiEntry(0x9011, "+03:00")},
		[]tiffEntry{asciiEntry(1, "N"), dms(2, 49.4627, ord), asciiEntry(3, "E"), dms(4, 36.8372, ord)})
}
