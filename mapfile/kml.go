package mapfile

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// KML is read with encoding/xml's streaming decoder. Elements are matched by
// local name whatever their namespace or prefix, so KML 2.2 files with a
// default namespace, a kml: prefix or none at all read alike. Placemarks are
// found at any depth (Document and Folder nesting). encoding/xml never
// expands entities beyond the five predefined ones, and any DOCTYPE or other
// <!...> directive is refused outright, so entity tricks (billion laughs,
// external entities) cannot get in. Nesting depth is bounded so a file of
// nested elements cannot grow the decoder's stack without limit.

const maxXMLDepth = 512

func readKML(src string, r io.Reader, lim Limits, format Format) (*File, error) {
	k := &kmlParser{src: src, cnt: counter{lim: lim}}
	k.dec = xml.NewDecoder(r)
	k.dec.Strict = true
	k.dec.CharsetReader = func(charset string, _ io.Reader) (io.Reader, error) {
		return nil, fmt.Errorf("encoding %q is not supported (want UTF-8)", charset)
	}
	if err := k.document(); err != nil {
		return nil, err
	}
	if len(k.feats) == 0 {
		return nil, errorf(src, "empty KML (no placemarks)")
	}
	return &File{Format: format, Features: k.feats}, nil
}

type kmlParser struct {
	src       string
	dec       *xml.Decoder
	depth     int
	cnt       counter
	feats     []Feature
	placemark int     // index of the placemark being read, -1 outside
	buf       []byte  // text of the element being read; reused
	pts       []Point // positions being parsed; reused
}

// next returns the next token, refusing directives and tracking depth.
// It returns io.EOF only at the clean end of the input.
func (k *kmlParser) next() (xml.Token, error) {
	tok, err := k.dec.Token()
	if err != nil {
		if err == io.EOF {
			return nil, io.EOF
		}
		var re *readError
		if errors.As(err, &re) {
			return nil, re.err
		}
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			if se.Msg == "unexpected EOF" {
				return nil, errorf(k.src, "truncated XML (unexpected end of input at line %d)", se.Line)
			}
			return nil, errorf(k.src, "invalid XML at line %d: %s", se.Line, se.Msg)
		}
		line, _ := k.dec.InputPos()
		return nil, errorf(k.src, "invalid XML at line %d: %s", line, strings.TrimPrefix(err.Error(), "xml: "))
	}
	switch t := tok.(type) {
	case xml.StartElement:
		if k.depth++; k.depth > maxXMLDepth {
			return nil, k.fail("XML nested deeper than %d elements", maxXMLDepth)
		}
	case xml.EndElement:
		k.depth--
	case xml.Directive:
		if f := strings.Fields(string(t[:min(len(t), 64)])); len(f) >= 2 && strings.EqualFold(f[0], "DOCTYPE") && strings.EqualFold(f[1], "html") {
			return nil, errorf(k.src, "not GeoJSON, KML or KMZ (an HTML page)")
		}
		kind, _, _ := strings.Cut(strings.TrimSpace(string(t)), " ")
		if len(kind) > 20 {
			kind = kind[:20]
		}
		line, _ := k.dec.InputPos()
		line -= bytes.Count(t, []byte("\n")) // where the directive began
		return nil, k.failAt(line, "<!%s> is not allowed (no DOCTYPE or entity declarations in KML)", kind)
	}
	return tok, nil
}

// document reads the whole input: one <kml> root holding Placemarks at any
// depth.
func (k *kmlParser) document() error {
	k.placemark = -1
	rooted, closed := false, false
	for {
		tok, err := k.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !rooted {
				if t.Name.Local != "kml" {
					return errorf(k.src, "not GeoJSON, KML or KMZ (XML root element <%s>, want <kml>)", clip(t.Name.Local, 40))
				}
				rooted = true
				continue
			}
			if closed {
				return k.fail("content after the </kml> root element")
			}
			if t.Name.Local == "Placemark" {
				if err := k.readPlacemark(); err != nil {
					return err
				}
			}
		case xml.EndElement:
			if k.depth == 0 {
				closed = true
			}
		case xml.CharData:
			if closed && len(bytes.TrimSpace(t)) > 0 {
				return k.fail("text after the </kml> root element")
			}
		}
	}
	if !rooted {
		return errorf(k.src, "not GeoJSON, KML or KMZ (XML without a root element)")
	}
	return nil
}

// readPlacemark reads a Placemark whose start tag was just read.
func (k *kmlParser) readPlacemark() error {
	idx := len(k.feats)
	if idx >= k.cnt.lim.MaxFeatures {
		return errorf(k.src, "more than %d placemarks", k.cnt.lim.MaxFeatures)
	}
	k.placemark = idx
	defer func() { k.placemark = -1 }()
	f := Feature{Index: idx}
	props := map[string]string{}
	ext := map[string]string{}
	haveGeom := false
	level := k.depth
	for {
		tok, err := k.next()
		if err != nil {
			return k.eof(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if k.depth < level {
				for key, v := range ext {
					if _, ok := props[key]; !ok {
						props[key] = v
					}
				}
				if len(props) > 0 {
					f.Properties = props
				}
				k.feats = append(k.feats, f)
				return nil
			}
		case xml.StartElement:
			switch name := t.Name.Local; name {
			case "name", "description", "styleUrl":
				s, err := k.text()
				if err != nil {
					return err
				}
				props[name] = s
				if name == "name" {
					f.Name = s
				}
			case "ExtendedData":
				err = k.extendedData(ext)
			case "TimeStamp":
				err = k.children(func(t xml.StartElement) error {
					if t.Name.Local == "when" {
						return k.textInto(props, "timestamp")
					}
					return k.skip()
				})
			case "TimeSpan":
				err = k.children(func(t xml.StartElement) error {
					if n := t.Name.Local; n == "begin" || n == "end" {
						return k.textInto(props, n)
					}
					return k.skip()
				})
			case "Point", "LineString", "LinearRing", "Polygon", "MultiGeometry":
				if haveGeom {
					return k.fail("more than one geometry")
				}
				haveGeom = true
				var kinds kindSet
				if err = k.geometry(t, &f.Geometry, &kinds); err == nil {
					f.Geometry.Type = kinds.typeOf(name)
				}
			default:
				err = k.skip()
			}
			if err != nil {
				return err
			}
		}
	}
}

// kindSet records the kinds of simple geometry inside a MultiGeometry.
type kindSet struct{ points, lines, polygons int }

func (s kindSet) typeOf(element string) string {
	switch element {
	case "Point":
		return "Point"
	case "LineString", "LinearRing":
		return "LineString"
	case "Polygon":
		return "Polygon"
	}
	switch {
	case s.points > 0 && s.lines == 0 && s.polygons == 0:
		return "MultiPoint"
	case s.lines > 0 && s.points == 0 && s.polygons == 0:
		return "MultiLineString"
	case s.polygons > 0 && s.points == 0 && s.lines == 0:
		return "MultiPolygon"
	}
	return "GeometryCollection"
}

// geometry reads the geometry element el (its start tag just read) into g.
func (k *kmlParser) geometry(el xml.StartElement, g *Geometry, kinds *kindSet) error {
	switch el.Name.Local {
	case "Point":
		kinds.points++
		pts, err := k.coordinatesChild()
		if err != nil {
			return err
		}
		if len(pts) != 1 {
			return k.fail("Point has %d positions, want 1", len(pts))
		}
		g.Points = append(g.Points, pts[0])
	case "LineString", "LinearRing":
		kinds.lines++
		pts, err := k.coordinatesChild()
		if err != nil {
			return err
		}
		g.Lines = append(g.Lines, pts)
	case "Polygon":
		kinds.polygons++
		poly, err := k.polygon()
		if err != nil {
			return err
		}
		g.Polygons = append(g.Polygons, poly)
	case "MultiGeometry":
		return k.children(func(t xml.StartElement) error {
			switch t.Name.Local {
			case "Point", "LineString", "LinearRing", "Polygon", "MultiGeometry":
				return k.geometry(t, g, kinds)
			}
			return k.skip()
		})
	}
	return nil
}

// polygon reads a Polygon: outerBoundaryIs first, then every
// innerBoundaryIs, whatever their order in the file.
func (k *kmlParser) polygon() (Polygon, error) {
	var outer Ring
	var holes []Ring
	haveOuter := false
	err := k.children(func(t xml.StartElement) error {
		boundary := t.Name.Local
		if boundary != "outerBoundaryIs" && boundary != "innerBoundaryIs" {
			return k.skip()
		}
		return k.children(func(t xml.StartElement) error {
			if t.Name.Local != "LinearRing" {
				return k.skip()
			}
			pts, err := k.coordinatesChild()
			if err != nil {
				return err
			}
			if boundary == "innerBoundaryIs" {
				holes = append(holes, Ring(pts))
				return nil
			}
			if haveOuter {
				return k.fail("Polygon has more than one outer boundary")
			}
			haveOuter, outer = true, Ring(pts)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	if !haveOuter {
		if len(holes) > 0 {
			return nil, k.fail("Polygon has inner boundaries but no outer boundary")
		}
		return nil, nil
	}
	return append(Polygon{outer}, holes...), nil
}

// coordinatesChild reads the children of the current element and returns
// the positions of its <coordinates>.
func (k *kmlParser) coordinatesChild() ([]Point, error) {
	var pts []Point
	seen := false
	err := k.children(func(t xml.StartElement) error {
		if t.Name.Local != "coordinates" {
			return k.skip()
		}
		if seen {
			return k.fail("more than one <coordinates>")
		}
		seen = true
		line, _ := k.dec.InputPos()
		if err := k.textBytes(); err != nil {
			return err
		}
		var msg string
		pts, msg = parseKMLCoordinates(k.buf, &k.cnt, &k.pts)
		if msg != "" {
			return k.failAt(line, "%s", msg)
		}
		return nil
	})
	if pts == nil && err == nil {
		pts = []Point{}
	}
	return pts, err
}

// parseKMLCoordinates parses "lon,lat[,alt]" tuples separated by
// whitespace. Whitespace next to a comma is tolerated. It returns a
// problem, or "".
func parseKMLCoordinates(b []byte, cnt *counter, scratch *[]Point) ([]Point, string) {
	pts := (*scratch)[:0]
	defer func() { *scratch = pts[:0] }()
	i := 0
	for {
		for i < len(b) && isXMLSpace(b[i]) {
			i++
		}
		if i >= len(b) {
			out := make([]Point, len(pts))
			copy(out, pts)
			return out, ""
		}
		var pt Point
		nums := 0
		tupleStart := i
		for {
			j := i
			for j < len(b) && b[j] != ',' && !isXMLSpace(b[j]) {
				j++
			}
			num := b[i:j]
			if !isDecimal(num) {
				if len(num) == 0 {
					return nil, fmt.Sprintf("coordinates: empty number in %q", clip(tupleText(b, tupleStart), 60))
				}
				return nil, fmt.Sprintf("coordinates: %q is not a number", clip(string(num), 40))
			}
			if nums < 2 {
				pt[nums], _ = strconv.ParseFloat(string(num), 64)
			}
			nums++
			i = j
			// Another number follows if the next non-space byte is a comma.
			k := i
			for k < len(b) && isXMLSpace(b[k]) {
				k++
			}
			if k < len(b) && b[k] == ',' {
				i = k + 1
				for i < len(b) && isXMLSpace(b[i]) {
					i++
				}
				continue
			}
			break
		}
		if nums < 2 {
			return nil, fmt.Sprintf("coordinates: tuple %q has 1 number, want lon,lat[,alt]", clip(tupleText(b, tupleStart), 60))
		}
		if msg := pointProblem(pt[0], pt[1]); msg != "" {
			return nil, msg
		}
		if !cnt.addCoordinate() {
			return nil, cnt.coordinatesProblem()
		}
		pts = append(pts, pt)
	}
}

func tupleText(b []byte, start int) string {
	end := start
	for end < len(b) && !isXMLSpace(b[end]) {
		end++
	}
	return string(b[start:end])
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// isDecimal reports whether b is a decimal number: an optional sign,
// digits with at most one point, an optional exponent. It refuses what
// strconv.ParseFloat would also take (Inf, NaN, hex, underscores).
func isDecimal(b []byte) bool {
	i := 0
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		i++
	}
	digits := 0
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i, digits = i+1, digits+1
	}
	if i < len(b) && b[i] == '.' {
		i++
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i, digits = i+1, digits+1
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		exp := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i, exp = i+1, exp+1
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(b)
}

// extendedData reads Data/value and SchemaData/SimpleData into ext.
func (k *kmlParser) extendedData(ext map[string]string) error {
	return k.children(func(t xml.StartElement) error {
		switch t.Name.Local {
		case "Data":
			name, ok := attr(t, "name")
			if !ok {
				return k.skip()
			}
			return k.children(func(t xml.StartElement) error {
				if t.Name.Local == "value" {
					return k.textInto(ext, name)
				}
				return k.skip()
			})
		case "SchemaData":
			return k.children(func(t xml.StartElement) error {
				name, ok := attr(t, "name")
				if t.Name.Local != "SimpleData" || !ok {
					return k.skip()
				}
				return k.textInto(ext, name)
			})
		}
		return k.skip()
	})
}

func attr(t xml.StartElement, local string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// children calls child for each child element of the element whose start
// tag was just read, until its end tag. child must consume the element.
func (k *kmlParser) children(child func(xml.StartElement) error) error {
	level := k.depth
	for {
		tok, err := k.next()
		if err != nil {
			return k.eof(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := child(t); err != nil {
				return err
			}
		case xml.EndElement:
			if k.depth < level {
				return nil
			}
		}
	}
}

// skip consumes the element whose start tag was just read.
func (k *kmlParser) skip() error {
	level := k.depth
	for {
		tok, err := k.next()
		if err != nil {
			return k.eof(err)
		}
		if _, ok := tok.(xml.EndElement); ok && k.depth < level {
			return nil
		}
	}
}

// textBytes reads the text of the element whose start tag was just read
// (the text of any child elements included) into k.buf.
func (k *kmlParser) textBytes() error {
	k.buf = k.buf[:0]
	level := k.depth
	for {
		tok, err := k.next()
		if err != nil {
			return k.eof(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			k.buf = append(k.buf, t...)
		case xml.EndElement:
			if k.depth < level {
				return nil
			}
		}
	}
}

func (k *kmlParser) text() (string, error) {
	err := k.textBytes()
	return string(k.buf), err
}

func (k *kmlParser) textInto(m map[string]string, key string) error {
	s, err := k.text()
	if err == nil {
		m[key] = s
	}
	return err
}

// eof turns a clean end of input inside an element into an error.
func (k *kmlParser) eof(err error) error {
	if err == io.EOF {
		line, _ := k.dec.InputPos()
		return errorf(k.src, "truncated XML (unexpected end of input at line %d)", line)
	}
	return err
}

func (k *kmlParser) fail(format string, args ...any) error {
	line, _ := k.dec.InputPos()
	return k.failAt(line, format, args...)
}

func (k *kmlParser) failAt(line int, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if k.placemark >= 0 {
		return errorf(k.src, "placemark %d (line %d): %s", k.placemark, line, msg)
	}
	return errorf(k.src, "line %d: %s", line, msg)
}

// clip shortens s to at most n bytes for a message.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 { // do not cut a UTF-8 sequence
		n--
	}
	return s[:n] + "…"
}
