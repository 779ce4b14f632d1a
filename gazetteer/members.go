package gazetteer

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/frontline-osint/frontline"
)

// The shipped file is one gzip stream made of four members: the header
// lines (through #columns), the first half of the rows, the second half,
// and the index sections. Any gzip reader reads the members one after the
// other as one text (zcat, LoadFile, version 2 readers); Frontline's
// reader decompresses and parses the three large members at once, on as
// many cores as there are (decompression is half the work of loading).
//
// Where the members start is written in the first member's gzip header,
// in its extra field (RFC 1952, 2.3.1.1), subfield "FL":
//
//	members 1 <compressed bytes of member 1> <of member 2> <of member 3> rows <rows of member 1> <of member 2>
//
// in ASCII. A file without it, or whose sizes or row counts do not match
// what is found, is read as one stream.
const (
	memberSubfield = "FL"
	memberTag      = "members 1"
)

// writeMembers writes text, a whole gazetteer file with its index
// sections, gzip-compressed as the four members above (one member if it
// has no rows or no index). The output depends on text alone.
func writeMembers(w io.Writer, text string) error {
	parts, rowsA, rowsB, ok := splitMembers(text)
	if !ok {
		return gzipMember(w, text, nil)
	}
	var zs [4]bytes.Buffer
	for i := 1; i < 4; i++ {
		if err := gzipMember(&zs[i], parts[i], nil); err != nil {
			return err
		}
	}
	meta := fmt.Sprintf("%s %d %d %d rows %d %d", memberTag, zs[1].Len(), zs[2].Len(), zs[3].Len(), rowsA, rowsB)
	extra := append([]byte(memberSubfield), 0, 0)
	binary.LittleEndian.PutUint16(extra[2:], uint16(len(meta)))
	extra = append(extra, meta...)
	if err := gzipMember(&zs[0], parts[0], extra); err != nil {
		return err
	}
	for i := range zs {
		if _, err := w.Write(zs[i].Bytes()); err != nil {
			return err
		}
	}
	return nil
}

func gzipMember(w io.Writer, text string, extra []byte) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	zw.Header.Extra = extra
	if _, err := io.WriteString(zw, text); err != nil {
		return err
	}
	return zw.Close()
}

// splitMembers cuts a file's text into the header, two halves of the rows
// at a line boundary, and the index sections.
func splitMembers(text string) (parts [4]string, rowsA, rowsB int, ok bool) {
	c := strings.Index(text, "\n#columns\t")
	if c < 0 {
		return parts, 0, 0, false
	}
	h := strings.IndexByte(text[c+1:], '\n')
	if h < 0 {
		return parts, 0, 0, false
	}
	h += c + 2
	k := strings.Index(text[h:], "\n#")
	if k < 0 {
		return parts, 0, 0, false
	}
	k += h + 1
	rows := text[h:k]
	mid := len(rows) / 2
	j := strings.IndexByte(rows[mid:], '\n')
	if j < 0 || mid+j+1 >= len(rows) {
		return parts, 0, 0, false
	}
	mid += j + 1
	parts = [4]string{text[:h], rows[:mid], rows[mid:], text[k:]}
	return parts, strings.Count(parts[1], "\n"), strings.Count(parts[2], "\n"), true
}

// memberLayout reads the first member's "FL" subfield: the byte ranges of
// members 1–3 in gz and the rows of members 1 and 2. ok is false when the
// file is not laid out so (or says so wrongly).
func memberLayout(gz []byte) (ranges [4][2]int, rowsA, rowsB int, ok bool) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return ranges, 0, 0, false
	}
	extra := zr.Header.Extra
	var meta string
	for len(extra) >= 4 {
		n := int(binary.LittleEndian.Uint16(extra[2:4]))
		if 4+n > len(extra) {
			return ranges, 0, 0, false
		}
		if string(extra[:2]) == memberSubfield {
			meta = string(extra[4 : 4+n])
		}
		extra = extra[4+n:]
	}
	rest, found := strings.CutPrefix(meta, memberTag+" ")
	if !found {
		return ranges, 0, 0, false
	}
	f := strings.Fields(rest)
	if len(f) != 6 || f[3] != "rows" {
		return ranges, 0, 0, false
	}
	var v [5]int
	for i, s := range []string{f[0], f[1], f[2], f[4], f[5]} {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > len(gz) && i < 3 || n > 1<<24 {
			return ranges, 0, 0, false
		}
		v[i] = n
	}
	end := len(gz)
	for i := 3; i >= 1; i-- {
		start := end - v[i-1]
		if start <= 0 {
			return ranges, 0, 0, false
		}
		ranges[i] = [2]int{start, end}
		end = start
	}
	ranges[0] = [2]int{0, end}
	return ranges, v[3], v[4], true
}

// decodeMembers reads a file laid out in members: the header, then both
// halves of the rows, each decompressed and parsed on its own goroutine,
// and, when alongside is set, the index member decompressed and handed to
// alongside(text, rows) at the same time. ok is false when the file is not
// so laid out or anything in it is refused: the caller then reads it as
// one stream, which reports the first fault with its line.
//
// With fill set, each half's places get their Latin names (FillNames) on
// the same goroutine.
func decodeMembers(name string, gz []byte, fill bool, alongside func(rest string, rows int) error) (places []frontline.Place, byID *idTable, ok bool) {
	ranges, rowsA, rowsB, ok := memberLayout(gz)
	if !ok {
		return nil, nil, false
	}
	member := func(i int) (string, bool) {
		text, err := gunzip(name, gz[ranges[i][0]:ranges[i][1]])
		return text, err == nil
	}
	head, ok := member(0)
	if !ok {
		return nil, nil, false
	}
	h, rest, err := parseHeader(name, head)
	if err != nil || rest != "" {
		return nil, nil, false
	}
	places = make([]frontline.Place, rowsA+rowsB)
	half := func(i int, dst []frontline.Place) bool {
		text, ok := member(i)
		if !ok || strings.Count(text, "\n") != len(dst) || !strings.HasSuffix(text, "\n") {
			return false
		}
		if !parseRowsInto(dst, text, h, fill) {
			return false
		}
		if fill && h.version < 3 {
			FillNames(dst)
		}
		return true
	}
	okB := make(chan bool, 1)
	go func() { okB <- half(2, places[rowsA:]) }()
	okIndex := make(chan bool, 1)
	if alongside != nil {
		go func() {
			text, ok := member(3)
			okIndex <- ok && alongside(text, len(places)) == nil
		}()
	} else {
		okIndex <- true
	}
	okA := half(1, places[:rowsA])
	if !<-okB || !<-okIndex || !okA {
		return nil, nil, false
	}
	if byID, ok = idTableOf(places); !ok {
		return nil, nil, false
	}
	return places, byID, true
}

// openGzip reads a gzip-compressed gazetteer file into a searchable
// gazetteer: from its members at once if it is laid out so, else as one
// text (Open).
func openGzip(name string, gz []byte) (*Gazetteer, error) {
	g := &Gazetteer{}
	if places, byID, ok := decodeMembers(name, gz, true, func(rest string, rows int) error {
		return g.readIndex(name, rest, rows, false)
	}); ok {
		g.Places = places
		g.finish(byID)
		return g, nil
	}
	text, err := gunzip(name, gz)
	if err != nil {
		return nil, err
	}
	return Open(name, text)
}

// fileHeader is what a file's header lines say: the row columns, the
// oblast table and, in version 3, the table of raion and hromada names.
type fileHeader struct {
	columns     []string
	oblastNames map[string]string // ISO → English name
	version     int
	// units are version 3's #unit lines: a raion's or hromada's codifier
	// name and its Latin form; rows refer to them by index.
	units [][2]string
}

// parseHeader reads the header lines of a file's text (through #columns)
// and returns what they say and the text after them.
func parseHeader(name, text string) (h *fileHeader, rest string, err error) {
	lineNo := 0
	fail := func(format string, args ...any) error {
		return frontline.Errorf(frontline.EINVALID, "gazetteer: %s line %d: %s", name, max(lineNo, 1), fmt.Sprintf(format, args...))
	}
	next := func() (string, bool) {
		if text == "" {
			return "", false
		}
		lineNo++
		line, r, _ := strings.Cut(text, "\n")
		text = r
		return strings.TrimSuffix(line, "\r"), true // a file saved with CRLF reads the same
	}
	line, _ := next()
	h = &fileHeader{columns: fileColumns, oblastNames: map[string]string{}}
	switch line {
	case fileMagic:
		h.version = 2
	case fileMagicV1:
		h.version, h.columns = 1, fileColumnsV1
	case fileMagicV3:
		h.version = 3
	default:
		return nil, "", fail("not a gazetteer file (want first line %q)", fileMagic)
	}
	for {
		line, ok := next()
		if !ok {
			return nil, "", fail("header ends before the #columns line")
		}
		if rest, ok := strings.CutPrefix(line, "#unit\t"); ok && h.version == 3 {
			// 1,600 lines: no Split for each.
			uk, lat, ok := strings.Cut(rest, "\t")
			if !ok || uk == "" || lat == "" || strings.IndexByte(lat, '\t') >= 0 {
				return nil, "", fail("#unit line wants 2 fields: name_uk, name")
			}
			h.units = append(h.units, [2]string{uk, lat})
			continue
		}
		f := strings.Split(line, "\t")
		switch {
		case f[0] == "#oblast":
			if len(f) != 5 || f[1] == "" || f[2] == "" || f[3] == "" || f[4] == "" {
				return nil, "", fail("#oblast line wants 4 fields: katottg, iso, name, name_uk")
			}
			h.oblastNames[f[2]] = f[3]
		case f[0] == "#unit" && h.version == 3:
			if len(f) != 3 || f[1] == "" || f[2] == "" {
				return nil, "", fail("#unit line wants 2 fields: name_uk, name")
			}
			h.units = append(h.units, [2]string{f[1], f[2]})
		case f[0] == "#columns":
			if strings.Join(f[1:], "\t") != strings.Join(h.columns, "\t") {
				return nil, "", fail("unexpected columns %q", f[1:])
			}
			return h, text, nil
		default:
			return nil, "", fail("unexpected header line %q", truncate(line, 40))
		}
	}
}

// inflateMembers inflates members [from, to) of a file laid out in
// members (memberLayout) into their text, the members at once, each
// straight into its place in one buffer (sized from the members'
// trailers). ok is false when the file is not so laid out or a member does
// not inflate to its stated size.
func inflateMembers(gz []byte, from, to int) (text string, ok bool) {
	ranges, _, _, ok := memberLayout(gz)
	if !ok || from < 0 || to > len(ranges) || from >= to {
		return "", false
	}
	var sizes [4]int
	total := 0
	for i := from; i < to; i++ {
		r := ranges[i]
		if r[0] < 0 || r[1] > len(gz) || r[1]-r[0] < 18 {
			return "", false
		}
		sizes[i] = int(binary.LittleEndian.Uint32(gz[r[1]-4 : r[1]]))
		total += sizes[i]
	}
	if total == 0 || total > 1<<28 {
		return "", false
	}
	buf := make([]byte, total)
	var wg sync.WaitGroup
	var bad atomic.Bool
	off := 0
	for i := from; i < to; i++ {
		r := ranges[i]
		dst, src := buf[off:off+sizes[i]], gz[r[0]:r[1]]
		off += sizes[i]
		wg.Add(1)
		go func() {
			defer wg.Done()
			zr, err := gzip.NewReader(bytes.NewReader(src))
			if err != nil {
				bad.Store(true)
				return
			}
			zr.Multistream(false)
			if _, err := io.ReadFull(zr, dst); err != nil {
				bad.Store(true)
				return
			}
			if n, err := zr.Read(make([]byte, 1)); n != 0 || err != io.EOF {
				bad.Store(true)
			}
		}()
	}
	wg.Wait()
	if bad.Load() {
		return "", false
	}
	return unsafe.String(unsafe.SliceData(buf), len(buf)), true
}

// memberRows is the number of rows of a file laid out in members, or -1.
func memberRows(gz []byte) int {
	if _, rowsA, rowsB, ok := memberLayout(gz); ok {
		return rowsA + rowsB
	}
	return -1
}
