package boundaries

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strconv"

	"github.com/peterstace/simplefeatures/geom"
)

// parseFast decodes the file as scripts/gen-boundaries.sh writes it (compact
// JSON, the members in the generator's order) with a hand-written scanner:
// encoding/json's reflection over ~200,000 coordinate pairs was most of Load.
// It returns ok false on anything else, and parse then falls back to
// encoding/json; TestFastParseMatchesJSON checks that both give the same
// geometry, bit for bit.
func parseFast(data []byte) (fc []feature, ok bool) {
	s := &scanner{b: data}
	s.lit(`{"type":"FeatureCollection","features":[`)
	// All coordinates go into one array; the rings are slices of it. A pair
	// takes at least 18 bytes of the file ("[29.7688,45.18537]," is 19).
	flat := make([]float64, 0, len(data)/9)
	type ringEnd struct{ feature, poly, end int }
	var ends []ringEnd
	for !s.bad {
		s.lit(`{"type":"Feature","properties":`)
		props, okp := s.object()
		if !okp {
			return nil, false
		}
		var f feature
		if err := json.Unmarshal(props, &f.props); err != nil {
			return nil, false
		}
		f.geomType = "MultiPolygon"
		s.lit(`,"geometry":{"type":"MultiPolygon","coordinates":`)
		poly := 0
		s.list(func() {
			s.list(func() {
				s.list(func() {
					s.lit("[")
					x := s.number()
					s.lit(",")
					y := s.number()
					s.lit("]")
					flat = append(flat, x, y)
				})
				ends = append(ends, ringEnd{len(fc), poly, len(flat)})
			})
			poly++
		})
		f.polys = poly
		s.lit(`}}`)
		fc = append(fc, f)
		s.skipSpace()
		if s.i < len(s.b) && s.b[s.i] == ',' {
			s.i++
			continue
		}
		s.lit("]}")
		s.skipSpace()
		if s.i != len(s.b) {
			s.bad = true
		}
		break
	}
	if s.bad {
		return nil, false
	}
	// Build the multipolygons once flat no longer moves.
	// NewPolygon and NewMultiPolygon copy their arguments: reuse them.
	start, k := 0, 0
	var rs []geom.LineString
	var polys []geom.Polygon
	for fi := range fc {
		polys = slices.Grow(polys[:0], fc[fi].polys)[:fc[fi].polys]
		for p := range polys {
			rs = rs[:0]
			for k < len(ends) && ends[k].feature == fi && ends[k].poly == p {
				e := ends[k].end
				rs = append(rs, geom.NewLineString(geom.NewSequence(flat[start:e:e], geom.DimXY)))
				start = e
				k++
			}
			polys[p] = geom.NewPolygon(rs)
		}
		fc[fi].mp = geom.NewMultiPolygon(polys)
	}
	return fc, true
}

// feature is one decoded feature of the file.
type feature struct {
	props    properties
	geomType string
	polys    int
	mp       geom.MultiPolygon
}

type properties struct {
	Kind   string `json:"kind"`
	ISO    string `json:"iso"`
	Name   string `json:"name"`
	NameUK string `json:"name_uk"`
	NameRU string `json:"name_ru"`
}

type scanner struct {
	b   []byte
	i   int
	bad bool
}

func (s *scanner) skipSpace() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// lit consumes the literal l, after white space.
func (s *scanner) lit(l string) {
	if s.bad {
		return
	}
	s.skipSpace()
	if !bytes.HasPrefix(s.b[s.i:], []byte(l)) {
		s.bad = true
		return
	}
	s.i += len(l)
}

// list consumes a JSON array, calling elem for each element.
func (s *scanner) list(elem func()) {
	s.lit("[")
	if s.bad {
		return
	}
	if s.i < len(s.b) && s.b[s.i] == ']' {
		s.i++
		return
	}
	for !s.bad {
		elem()
		if s.bad {
			return
		}
		if s.i < len(s.b) && s.b[s.i] == ',' {
			s.i++
			continue
		}
		s.lit("]")
		return
	}
}

// object returns the JSON object at the cursor (its strings may hold braces).
func (s *scanner) object() ([]byte, bool) {
	if s.bad || s.i >= len(s.b) || s.b[s.i] != '{' {
		return nil, false
	}
	start, depth, inString := s.i, 0, false
	for ; s.i < len(s.b); s.i++ {
		c := s.b[s.i]
		switch {
		case inString && c == '\\':
			s.i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				s.i++
				return s.b[start:s.i], true
			}
		}
	}
	return nil, false
}

// pow10 are the powers of ten that float64 holds exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// number consumes a JSON number. A decimal with at most 15 digits is m / 10^k
// with m and 10^k exact in float64, so one correctly rounded division gives
// the same value as strconv.ParseFloat (Clinger's fast path); anything else
// goes through strconv.ParseFloat.
func (s *scanner) number() float64 {
	if s.bad {
		return 0
	}
	s.skipSpace()
	start := s.i
	neg := false
	if s.i < len(s.b) && s.b[s.i] == '-' {
		neg = true
		s.i++
	}
	var m uint64
	digits, frac, dot := 0, 0, false
scan:
	for ; s.i < len(s.b); s.i++ {
		c := s.b[s.i]
		switch {
		case c >= '0' && c <= '9':
			m = 10*m + uint64(c-'0')
			digits++
			if dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		default:
			break scan
		}
	}
	if s.i < len(s.b) && (s.b[s.i] == 'e' || s.b[s.i] == 'E') || digits > 15 || digits == 0 || (dot && frac == 0) {
		// The general case.
		for s.i < len(s.b) && bytes.IndexByte([]byte("0123456789.eE+-"), s.b[s.i]) >= 0 {
			s.i++
		}
		v, err := strconv.ParseFloat(string(s.b[start:s.i]), 64)
		if err != nil {
			s.bad = true
		}
		return v
	}
	v := float64(m) / pow10[frac]
	if neg {
		v = -v
	}
	if math.IsNaN(v) {
		s.bad = true
	}
	return v
}
