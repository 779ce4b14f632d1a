package report

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image/jpeg"
	"math"
	"path/filepath"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
)

// EXIF is what Frontline reads from a photo's EXIF block.
type EXIF struct {
	// HasGPS is true when GPSLatitude and GPSLongitude (with their N/S
	// and E/W references) were read.
	HasGPS   bool
	Lat, Lon float64
	// Time is DateTimeOriginal (or DateTime), in the zone of
	// OffsetTimeOriginal when given; else the GPS date and time (UTC);
	// nil if none. Zoned is false when the time had no zone and was read
	// as UTC.
	Time        *time.Time
	Zoned       bool
	Description string
	Make, Model string
}

// EXIF tags read.
const (
	tagImageDescription   = 0x010E
	tagMake               = 0x010F
	tagModel              = 0x0110
	tagDateTime           = 0x0132
	tagExifIFD            = 0x8769
	tagGPSIFD             = 0x8825
	tagDateTimeOriginal   = 0x9003
	tagOffsetTimeOriginal = 0x9011
	tagGPSLatitudeRef     = 1
	tagGPSLatitude        = 2
	tagGPSLongitudeRef    = 3
	tagGPSLongitude       = 4
	tagGPSTimeStamp       = 7
	tagGPSDateStamp       = 29
)

// maxIFDEntries bounds one directory; real ones have a few dozen.
const maxIFDEntries = 512

// ReadEXIF reads the EXIF block of a JPEG: its GPS position, time,
// description and camera. It returns nil and no error when the JPEG has no
// EXIF block. It reads only within data, follows at most the IFD0, Exif
// and GPS directories (no loops), and never panics.
func ReadEXIF(data []byte) (*EXIF, error) {
	tiff, err := exifSegment(data)
	if err != nil || tiff == nil {
		return nil, err
	}
	return readTIFF(tiff)
}

// exifSegment walks a JPEG's marker segments up to the image data and
// returns the TIFF bytes of its APP1 "Exif" segment, nil if none.
func exifSegment(data []byte) ([]byte, error) {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil, fmt.Errorf("not a JPEG (no start-of-image marker)")
	}
	i := 2
	for seg := 0; seg < 1024; seg++ {
		for i < len(data) && data[i] == 0xFF && i+1 < len(data) && data[i+1] == 0xFF {
			i++ // fill bytes
		}
		if i+1 >= len(data) {
			return nil, nil
		}
		if data[i] != 0xFF {
			return nil, fmt.Errorf("JPEG marker expected at offset %d", i)
		}
		m := data[i+1]
		switch {
		case m == 0xD9 || m == 0xDA: // end of image, start of scan
			return nil, nil
		case m == 0x01 || (m >= 0xD0 && m <= 0xD7): // no length
			i += 2
			continue
		}
		if i+4 > len(data) {
			return nil, fmt.Errorf("JPEG segment at offset %d is cut short", i)
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return nil, fmt.Errorf("JPEG segment at offset %d has a bad length %d", i, n)
		}
		body := data[i+4 : i+2+n]
		if m == 0xE1 && bytes.HasPrefix(body, []byte("Exif\x00\x00")) {
			return body[6:], nil
		}
		i += 2 + n
	}
	return nil, nil
}

type tiffReader struct {
	b   []byte
	ord binary.ByteOrder
}

type ifdEntry struct {
	typ   uint16
	count uint32
	value []byte // the entry's value bytes, bounds-checked
}

var typeSize = map[uint16]int{1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8}

func readTIFF(b []byte) (*EXIF, error) {
	if len(b) < 8 {
		return nil, fmt.Errorf("EXIF block too short")
	}
	t := &tiffReader{b: b}
	switch string(b[:2]) {
	case "II":
		t.ord = binary.LittleEndian
	case "MM":
		t.ord = binary.BigEndian
	default:
		return nil, fmt.Errorf("EXIF block has no TIFF byte order mark")
	}
	if t.ord.Uint16(b[2:]) != 42 {
		return nil, fmt.Errorf("EXIF block is not TIFF (magic %d)", t.ord.Uint16(b[2:]))
	}
	ifd0, err := t.ifd(t.ord.Uint32(b[4:]))
	if err != nil {
		return nil, fmt.Errorf("EXIF IFD0: %v", err)
	}
	x := &EXIF{Description: t.ascii(ifd0[tagImageDescription]), Make: t.ascii(ifd0[tagMake]), Model: t.ascii(ifd0[tagModel])}
	dateTime, offset := t.ascii(ifd0[tagDateTime]), ""
	if e, ok := ifd0[tagExifIFD]; ok {
		if off, ok := t.long(e); ok {
			if sub, err := t.ifd(off); err == nil {
				if s := t.ascii(sub[tagDateTimeOriginal]); s != "" {
					dateTime = s
				}
				offset = t.ascii(sub[tagOffsetTimeOriginal])
			}
		}
	}
	var gpsTime *time.Time
	if e, ok := ifd0[tagGPSIFD]; ok {
		if off, ok := t.long(e); ok {
			if gps, err := t.ifd(off); err == nil {
				lat, okLat := t.degrees(gps[tagGPSLatitude])
				lon, okLon := t.degrees(gps[tagGPSLongitude])
				latRef, lonRef := strings.ToUpper(t.ascii(gps[tagGPSLatitudeRef])), strings.ToUpper(t.ascii(gps[tagGPSLongitudeRef]))
				if latRef == "S" {
					lat = -lat
				}
				if lonRef == "W" {
					lon = -lon
				}
				if okLat && okLon && (latRef == "N" || latRef == "S") && (lonRef == "E" || lonRef == "W") &&
					math.Abs(lat) <= 90 && math.Abs(lon) <= 180 {
					x.HasGPS, x.Lat, x.Lon = true, lat, lon
				}
				gpsTime = t.gpsTime(gps)
			}
		}
	}
	if dateTime != "" {
		if tm, err := time.Parse("2006:01:02 15:04:05", dateTime); err == nil {
			x.Time = &tm
			if off, err := time.Parse("-07:00", offset); err == nil {
				_, secs := off.Zone()
				tz := tm.Add(-time.Duration(secs) * time.Second)
				x.Time, x.Zoned = &tz, true
			} else if gpsTime != nil {
				x.Time, x.Zoned = gpsTime, true
			}
		}
	}
	if x.Time == nil && gpsTime != nil {
		x.Time, x.Zoned = gpsTime, true
	}
	return x, nil
}

// ifd reads the directory at off.
func (t *tiffReader) ifd(off uint32) (map[uint16]ifdEntry, error) {
	if uint64(off)+2 > uint64(len(t.b)) {
		return nil, fmt.Errorf("directory offset %d outside the block", off)
	}
	n := int(t.ord.Uint16(t.b[off:]))
	if n > maxIFDEntries {
		return nil, fmt.Errorf("directory has %d entries (limit %d)", n, maxIFDEntries)
	}
	start := int(off) + 2
	if start+12*n > len(t.b) {
		return nil, fmt.Errorf("directory runs past the block")
	}
	out := make(map[uint16]ifdEntry, n)
	for k := 0; k < n; k++ {
		e := t.b[start+12*k : start+12*k+12]
		tag, typ, count := t.ord.Uint16(e), t.ord.Uint16(e[2:]), t.ord.Uint32(e[4:])
		size, ok := typeSize[typ]
		if !ok || count > uint32(len(t.b)) {
			continue
		}
		total := uint64(size) * uint64(count)
		var val []byte
		if total <= 4 {
			val = e[8 : 8+total]
		} else {
			vo := uint64(t.ord.Uint32(e[8:]))
			if vo+total > uint64(len(t.b)) {
				continue
			}
			val = t.b[vo : vo+total]
		}
		out[tag] = ifdEntry{typ: typ, count: count, value: val}
	}
	return out, nil
}

func (t *tiffReader) ascii(e ifdEntry) string {
	if e.typ != 2 {
		return ""
	}
	s := string(e.value)
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(strings.ToValidUTF8(s, ""))
}

func (t *tiffReader) long(e ifdEntry) (uint32, bool) {
	switch {
	case e.typ == 4 && len(e.value) >= 4:
		return t.ord.Uint32(e.value), true
	case e.typ == 3 && len(e.value) >= 2:
		return uint32(t.ord.Uint16(e.value)), true
	}
	return 0, false
}

// rationals reads n unsigned rationals.
func (t *tiffReader) rationals(e ifdEntry, n int) ([]float64, bool) {
	if e.typ != 5 || len(e.value) < 8*n {
		return nil, false
	}
	out := make([]float64, n)
	for i := range out {
		num, den := t.ord.Uint32(e.value[8*i:]), t.ord.Uint32(e.value[8*i+4:])
		if den == 0 {
			return nil, false
		}
		out[i] = float64(num) / float64(den)
	}
	return out, true
}

// degrees reads degrees, minutes and seconds.
func (t *tiffReader) degrees(e ifdEntry) (float64, bool) {
	v, ok := t.rationals(e, 3)
	if !ok || v[1] >= 60 || v[2] >= 60 {
		return 0, false
	}
	return v[0] + v[1]/60 + v[2]/3600, true
}

func (t *tiffReader) gpsTime(gps map[uint16]ifdEntry) *time.Time {
	d, err := time.Parse("2006:01:02", t.ascii(gps[tagGPSDateStamp]))
	if err != nil {
		return nil
	}
	hms, ok := t.rationals(gps[tagGPSTimeStamp], 3)
	if !ok || hms[0] >= 24 || hms[1] >= 60 || hms[2] >= 61 {
		return nil
	}
	at := d.Add(time.Duration(hms[0]*float64(time.Hour) + hms[1]*float64(time.Minute) + hms[2]*float64(time.Second)))
	return &at
}

// parseJPEG reads a photo: a report of kind jpeg whose Evidence (kind
// photo) is the EXIF GPS position and time. A JPEG without EXIF, or
// without GPS in it, is stored without location, and its note says why:
// the photo is kept (nothing ingested is lost) and can be located later by
// hand; nothing is guessed. Text is the EXIF image description, if any.
func parseJPEG(name string, data []byte) (*Parsed, error) {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, refusef("not a readable JPEG: %v", err)
	}
	r := &frontline.Report{Kind: frontline.ReportJPEG, Raw: data}
	title := filepath.Base(name)
	if name == "" || title == "." {
		title = "photo"
	}
	r.Title = fmt.Sprintf("%s (JPEG %d×%d)", title, cfg.Width, cfg.Height)
	x, err := ReadEXIF(data)
	switch {
	case err != nil:
		r.Note = "EXIF unreadable (" + err.Error() + "): stored without location or time"
	case x == nil:
		r.Note = "no EXIF block: stored without location or time"
	default:
		r.Text = x.Description
		var notes []string
		if !x.HasGPS {
			notes = append(notes, "EXIF has no GPS position: stored without location")
		}
		if x.Time == nil {
			notes = append(notes, "EXIF has no time")
		} else if !x.Zoned {
			notes = append(notes, "EXIF time has no time zone: read as UTC")
		}
		if x.HasGPS {
			r.Evidence = &frontline.Evidence{Lon: x.Lon, Lat: x.Lat, Time: x.Time, Kind: "photo", Description: x.Description}
			if x.Time != nil {
				r.Evidence.TimePrecision = "second"
			}
		} else if x.Time != nil {
			notes = append(notes, "taken "+x.Time.Format(time.RFC3339))
		}
		if cam := strings.TrimSpace(x.Make + " " + x.Model); cam != "" {
			notes = append(notes, "camera "+clip(cam, 80))
		}
		r.Note = joinNotes(notes)
	}
	return &Parsed{Kind: frontline.ReportJPEG, Reports: []*frontline.Report{r}}, nil
}
