package mapfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// GeoJSON (RFC 7946) is read by a hand-written single-pass parser: it
// validates the JSON as it goes, decodes coordinates straight into Points
// without an intermediate tree, keeps memory proportional to the output (a
// file of empty objects cannot inflate twentyfold), and can name the feature
// and byte offset of every problem. Member names are matched exactly
// (case-sensitive), a "crs" member is ignored (CRS84 assumed), and members
// may come in any order. Coordinates seen before their "type" are skipped
// and parsed again once the type is known (coordinates hold no geometries,
// so nothing is scanned more than twice); "geometries" seen before "type"
// are parsed at once, so an invalid foreign "geometries" member before the
// type of a non-collection is reported rather than ignored.

// maxJSONDepth bounds the nesting of arrays and objects. DeepState files
// nest 7 deep; a GeometryCollection adds 2 per level.
const maxJSONDepth = 512

// readGeoJSON reads a FeatureCollection, a single Feature or a bare
// geometry.
func readGeoJSON(src string, data []byte, lim Limits) (*File, error) {
	p := &gjParser{src: src, data: data, feature: -1, cnt: counter{lim: lim}}
	if bytes.HasPrefix(data, utf8BOM) {
		p.pos = len(utf8BOM) // offsets in messages stay file offsets
	}
	f, err := p.file()
	if err != nil {
		return nil, err
	}
	return f, nil
}

type gjParser struct {
	src     string
	data    []byte
	pos     int
	depth   int
	feature int // index of the feature being read, -1 outside a FeatureCollection
	cnt     counter
	buf     []byte  // decoded string with escapes; reused
	pts     []Point // positions of the line being read; reused
	// strs and nums intern short property names and values: a file of
	// many features repeats the same few (names, styles, colours), and
	// each would otherwise be a string of its own.
	strs    map[string]string
	nums    map[string]string // number literal → its formatted value
	compact bytes.Buffer      // an object or array value compacted; reused
}

// maxInterned bounds the interned strings of one read, and maxInternLen
// their length: values past either are allocated each time.
const (
	maxInterned  = 8192
	maxInternLen = 256
)

// intern returns b as a string, shared with earlier equal ones.
func (p *gjParser) intern(b []byte) string {
	if len(b) > maxInternLen {
		return string(b)
	}
	if s, ok := p.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(p.strs) < maxInterned {
		if p.strs == nil {
			p.strs = map[string]string{}
		}
		p.strs[s] = s
	}
	return s
}

// errStop ends an object walk early; never returned to callers.
var errStop = errors.New("stop")

func (p *gjParser) file() (*File, error) {
	start := p.pos
	typ, err := p.topType()
	if err != nil {
		return nil, err
	}
	p.pos, p.depth = start, 0
	p.skipWS()
	f := &File{Format: FormatGeoJSON}
	switch typ {
	case "FeatureCollection":
		f.Features, err = p.featureCollection()
	case "Feature":
		var feat Feature
		feat, err = p.readFeature(0)
		f.Features = []Feature{feat}
	default:
		if !isGeometryType(typ) {
			return nil, errorf(p.src, "not GeoJSON (unknown type %q)", typ)
		}
		feat := Feature{}
		err = p.geometry(&feat.Geometry, true)
		f.Features = []Feature{feat}
	}
	if err != nil {
		return nil, err
	}
	p.skipWS()
	if p.pos < len(p.data) {
		return nil, p.syntax("unexpected data after the top-level value")
	}
	return f, nil
}

// topType finds the "type" member of the top-level object.
func (p *gjParser) topType() (string, error) {
	p.skipWS()
	if p.pos >= len(p.data) {
		return "", p.truncated()
	}
	switch p.data[p.pos] {
	case '{':
	case '[':
		return "", errorf(p.src, "not GeoJSON (the top-level JSON value is an array, want an object)")
	default:
		if err := p.skipValue(); err != nil {
			return "", err
		}
		return "", errorf(p.src, "not GeoJSON (the top-level JSON value is not an object)")
	}
	typ, found := "", false
	err := p.object(func(key []byte) error {
		if string(key) != "type" {
			return p.skipValue()
		}
		if p.data[p.pos] != '"' {
			return errorf(p.src, "not GeoJSON (\"type\" is not a string)")
		}
		s, err := p.stringBytes()
		if err != nil {
			return err
		}
		typ, found = string(s), true
		return errStop
	})
	if err != nil && err != errStop {
		return "", err
	}
	if !found {
		return "", errorf(p.src, "not GeoJSON (no \"type\" member)")
	}
	return typ, nil
}

func (p *gjParser) featureCollection() ([]Feature, error) {
	var feats []Feature
	seen := false
	err := p.object(func(key []byte) error {
		if string(key) != "features" {
			return p.skipValue()
		}
		if seen {
			return p.fail("duplicate \"features\" member")
		}
		seen = true
		if p.data[p.pos] == 'n' {
			return p.literal("null")
		}
		if p.data[p.pos] != '[' {
			return p.fail("\"features\" is not an array")
		}
		return p.array(func() error {
			idx := len(feats)
			if idx >= p.cnt.lim.MaxFeatures {
				return p.fail("more than %d features", p.cnt.lim.MaxFeatures)
			}
			p.feature = idx
			f, err := p.readFeature(idx)
			if err != nil {
				return err
			}
			feats = append(feats, f)
			p.feature = -1
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	if len(feats) == 0 {
		return nil, errorf(p.src, "empty FeatureCollection (no features)")
	}
	return feats, nil
}

func (p *gjParser) readFeature(idx int) (Feature, error) {
	f := Feature{Index: idx}
	if p.pos >= len(p.data) {
		return f, p.truncated()
	}
	if p.data[p.pos] != '{' {
		return f, p.fail("feature is not an object")
	}
	var typ string
	var haveType, haveGeom, haveProps bool
	err := p.object(func(key []byte) error {
		switch string(key) {
		case "type":
			if haveType {
				return p.fail("duplicate \"type\" member")
			}
			haveType = true
			if p.data[p.pos] != '"' {
				return p.fail("feature type is not a string")
			}
			s, err := p.stringBytes()
			typ = internType(s)
			return err
		case "geometry":
			if haveGeom {
				return p.fail("duplicate \"geometry\" member")
			}
			haveGeom = true
			return p.geometry(&f.Geometry, true)
		case "properties":
			if haveProps {
				return p.fail("duplicate \"properties\" member")
			}
			haveProps = true
			var err error
			f.Properties, err = p.properties()
			return err
		}
		return p.skipValue()
	})
	if err != nil {
		return f, err
	}
	if typ != "Feature" {
		if !haveType {
			return f, p.fail("feature without a \"type\" member")
		}
		return f, p.fail("type is %q, want \"Feature\"", typ)
	}
	f.Name = f.Properties["name"]
	return f, nil
}

// properties reads a properties object into strings.
func (p *gjParser) properties() (map[string]string, error) {
	switch p.data[p.pos] {
	case 'n':
		return nil, p.literal("null")
	case '{':
	default:
		return nil, p.fail("\"properties\" is not an object")
	}
	var props map[string]string
	err := p.object(func(key []byte) error {
		k := p.intern(key)
		v, err := p.propertyValue()
		if err != nil {
			return err
		}
		if props == nil {
			props = make(map[string]string, 12)
		}
		props[k] = v
		return nil
	})
	return props, err
}

// propertyValue reads any JSON value as a property string.
func (p *gjParser) propertyValue() (string, error) {
	switch c := p.data[p.pos]; {
	case c == '"':
		s, err := p.stringBytes()
		if err != nil {
			return "", err
		}
		return p.intern(s), nil
	case c == 't':
		return "true", p.literal("true")
	case c == 'f':
		return "false", p.literal("false")
	case c == 'n':
		return "", p.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		b, err := p.numberSpan()
		if err != nil {
			return "", err
		}
		if f, ok := p.nums[string(b)]; ok {
			return f, nil
		}
		v, err := strconv.ParseFloat(string(b), 64)
		if err != nil { // out of float64 range: keep the literal
			return string(b), nil
		}
		f := strconv.FormatFloat(v, 'g', -1, 64)
		if len(b) <= maxInternLen && len(p.nums) < maxInterned {
			if p.nums == nil {
				p.nums = map[string]string{}
			}
			p.nums[string(b)] = f
		}
		return f, nil
	case c == '{' || c == '[':
		start := p.pos
		if err := p.skipValue(); err != nil {
			return "", err
		}
		p.compact.Reset()
		if err := json.Compact(&p.compact, p.data[start:p.pos]); err != nil {
			return "", p.fail("bad property value: %v", err)
		}
		return p.intern(p.compact.Bytes()), nil
	}
	return "", p.syntax(fmt.Sprintf("invalid character %s looking for a value", quoteByte(p.data[p.pos])))
}

func isGeometryType(t string) bool {
	switch t {
	case "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection":
		return true
	}
	return false
}

// internType returns the constant string for the common type names so that
// reading them does not allocate.
func internType(s []byte) string {
	switch string(s) {
	case "Feature":
		return "Feature"
	case "Point":
		return "Point"
	case "MultiPoint":
		return "MultiPoint"
	case "LineString":
		return "LineString"
	case "MultiLineString":
		return "MultiLineString"
	case "Polygon":
		return "Polygon"
	case "MultiPolygon":
		return "MultiPolygon"
	case "GeometryCollection":
		return "GeometryCollection"
	}
	return string(s)
}

// geometry reads a geometry object (or null) and adds its coordinates to g.
// top sets g.Type; members of a GeometryCollection only add coordinates.
func (p *gjParser) geometry(g *Geometry, top bool) error {
	if p.pos >= len(p.data) {
		return p.truncated()
	}
	switch p.data[p.pos] {
	case 'n':
		// A null geometry: allowed for a feature; a null inside a
		// GeometryCollection is tolerated and adds nothing.
		return p.literal("null")
	case '{':
	default:
		return p.fail("geometry is not an object at byte %d", p.pos)
	}
	var typ string
	var haveType bool
	coordsAt, geomsAt := -1, -1
	coordsDone, geomsDone := false, false
	var early *Geometry // "geometries" read before "type"
	err := p.object(func(key []byte) error {
		switch string(key) {
		case "type":
			if haveType {
				return p.fail("duplicate geometry \"type\" member")
			}
			haveType = true
			if p.data[p.pos] != '"' {
				return p.fail("geometry type is not a string")
			}
			s, err := p.stringBytes()
			typ = internType(s)
			return err
		case "coordinates":
			if coordsAt >= 0 {
				return p.fail("duplicate \"coordinates\" member")
			}
			coordsAt = p.pos
			if haveType && isGeometryType(typ) && typ != "GeometryCollection" {
				coordsDone = true
				return p.coordinates(g, typ)
			}
		case "geometries":
			if geomsAt >= 0 {
				return p.fail("duplicate \"geometries\" member")
			}
			geomsAt = p.pos
			if haveType && typ == "GeometryCollection" {
				geomsDone = true
				return p.geometries(g)
			}
			if !haveType && p.data[p.pos] == '[' {
				// Parse now rather than skip and parse again once the type
				// is known: in nested collections that would rescan each
				// level's content once per enclosing level.
				geomsDone, early = true, &Geometry{}
				return p.geometries(early)
			}
		}
		return p.skipValue()
	})
	if err != nil {
		return err
	}
	if !haveType {
		return p.fail("geometry without a \"type\" member")
	}
	switch {
	case typ == "GeometryCollection":
		if geomsAt < 0 {
			return p.fail("GeometryCollection without \"geometries\"")
		}
		if early != nil {
			g.Polygons = append(g.Polygons, early.Polygons...)
			g.Lines = append(g.Lines, early.Lines...)
			g.Points = append(g.Points, early.Points...)
		}
		if !geomsDone {
			end := p.pos
			p.pos = geomsAt
			if err := p.geometries(g); err != nil {
				return err
			}
			p.pos = end
		}
	case isGeometryType(typ):
		if coordsAt < 0 {
			return p.fail("%s without \"coordinates\"", typ)
		}
		if !coordsDone {
			end := p.pos
			p.pos = coordsAt
			if err := p.coordinates(g, typ); err != nil {
				return err
			}
			p.pos = end
		}
	default:
		return p.fail("unknown geometry type %q", typ)
	}
	if top {
		g.Type = typ
	}
	return nil
}

func (p *gjParser) geometries(g *Geometry) error {
	if p.data[p.pos] != '[' {
		return p.fail("\"geometries\" is not an array")
	}
	return p.array(func() error { return p.geometry(g, false) })
}

// coordinates reads the coordinates of a geometry of type typ into g.
func (p *gjParser) coordinates(g *Geometry, typ string) error {
	switch typ {
	case "Point":
		pt, err := p.position()
		if err != nil {
			return err
		}
		g.Points = append(g.Points, pt)
	case "MultiPoint":
		pts, err := p.positions()
		if err != nil {
			return err
		}
		g.Points = append(g.Points, pts...)
	case "LineString":
		pts, err := p.positions()
		if err != nil {
			return err
		}
		g.Lines = append(g.Lines, pts)
	case "MultiLineString":
		if err := p.coordArray(typ, "an array of lines", func() error {
			pts, err := p.positions()
			g.Lines = append(g.Lines, pts)
			return err
		}); err != nil {
			return err
		}
	case "Polygon":
		poly, err := p.polygon()
		if err != nil {
			return err
		}
		g.Polygons = append(g.Polygons, poly)
	case "MultiPolygon":
		if err := p.coordArray(typ, "an array of polygons", func() error {
			poly, err := p.polygon()
			g.Polygons = append(g.Polygons, poly)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

func (p *gjParser) polygon() (Polygon, error) {
	var poly Polygon
	err := p.coordArray("Polygon", "an array of rings", func() error {
		pts, err := p.positions()
		poly = append(poly, Ring(pts))
		return err
	})
	return poly, err
}

// coordArray walks an array of coordinate arrays; want names what it
// should hold, for messages.
func (p *gjParser) coordArray(typ, want string, elem func() error) error {
	if p.pos >= len(p.data) {
		return p.truncated()
	}
	if p.data[p.pos] != '[' {
		return p.fail("bad %s coordinates at byte %d: want %s", typ, p.pos, want)
	}
	return p.array(elem)
}

// positions reads an array of positions into a slice of exactly the right
// size.
func (p *gjParser) positions() ([]Point, error) {
	if p.pos >= len(p.data) {
		return nil, p.truncated()
	}
	if p.data[p.pos] != '[' {
		return nil, p.fail("bad coordinates at byte %d: want an array of positions", p.pos)
	}
	p.pos++
	p.skipWS()
	if p.pos >= len(p.data) {
		return nil, p.truncated()
	}
	if p.data[p.pos] == ']' {
		p.pos++
		return []Point{}, nil
	}
	p.pts = p.pts[:0]
	for {
		pt, err := p.position()
		if err != nil {
			return nil, err
		}
		p.pts = append(p.pts, pt)
		p.skipWS()
		if p.pos >= len(p.data) {
			return nil, p.truncated()
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
			p.skipWS()
			continue
		case ']':
			p.pos++
		default:
			return nil, p.syntax(fmt.Sprintf("invalid character %s after an array element", quoteByte(p.data[p.pos])))
		}
		break
	}
	out := make([]Point, len(p.pts))
	copy(out, p.pts)
	return out, nil
}

// position reads one position [lon, lat, ...], dropping values after the
// second.
func (p *gjParser) position() (Point, error) {
	var pt Point
	if p.pos >= len(p.data) {
		return pt, p.truncated()
	}
	if p.data[p.pos] != '[' {
		return pt, p.fail("bad coordinates at byte %d: want a position (an array of numbers)", p.pos)
	}
	start := p.pos
	p.pos++
	n := 0
	for {
		p.skipWS()
		if p.pos >= len(p.data) {
			return pt, p.truncated()
		}
		c := p.data[p.pos]
		if c == ']' && n == 0 {
			p.pos++
			break
		}
		if c != '-' && (c < '0' || c > '9') {
			return pt, p.fail("bad coordinates at byte %d: a position holds something other than numbers", p.pos)
		}
		b, err := p.numberSpan()
		if err != nil {
			return pt, err
		}
		if n < 2 {
			// The syntax is already checked, so the only error is a value
			// out of float64 range, returned as ±Inf and rejected below.
			pt[n], _ = strconv.ParseFloat(string(b), 64)
		}
		n++
		p.skipWS()
		if p.pos >= len(p.data) {
			return pt, p.truncated()
		}
		if p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.data[p.pos] == ']' {
			p.pos++
			break
		}
		return pt, p.syntax(fmt.Sprintf("invalid character %s after an array element", quoteByte(p.data[p.pos])))
	}
	if n < 2 {
		return pt, p.fail("bad coordinates at byte %d: a position has %d numbers, want at least 2", start, n)
	}
	if msg := pointProblem(pt[0], pt[1]); msg != "" {
		return pt, p.fail("%s", msg)
	}
	if !p.cnt.addCoordinate() {
		return pt, p.fail("%s", p.cnt.coordinatesProblem())
	}
	return pt, nil
}

// --- JSON scanning ---

func (p *gjParser) skipWS() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// object walks the object at p.pos, calling member with each name and
// p.pos at its value; member must consume the value.
func (p *gjParser) object(member func(key []byte) error) error {
	if p.pos >= len(p.data) {
		return p.truncated()
	}
	if p.data[p.pos] != '{' {
		return p.syntax("want an object")
	}
	if p.depth++; p.depth > maxJSONDepth {
		return p.fail("JSON nested deeper than %d levels", maxJSONDepth)
	}
	p.pos++
	p.skipWS()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		p.depth--
		return nil
	}
	for {
		p.skipWS()
		if p.pos >= len(p.data) {
			return p.truncated()
		}
		if p.data[p.pos] != '"' {
			return p.syntax(fmt.Sprintf("invalid character %s looking for a member name", quoteByte(p.data[p.pos])))
		}
		key, err := p.stringBytes()
		if err != nil {
			return err
		}
		p.skipWS()
		if p.pos >= len(p.data) {
			return p.truncated()
		}
		if p.data[p.pos] != ':' {
			return p.syntax(fmt.Sprintf("invalid character %s after a member name", quoteByte(p.data[p.pos])))
		}
		p.pos++
		p.skipWS()
		if p.pos >= len(p.data) {
			return p.truncated()
		}
		if err := member(key); err != nil {
			return err
		}
		p.skipWS()
		if p.pos >= len(p.data) {
			return p.truncated()
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
			continue
		case '}':
			p.pos++
			p.depth--
			return nil
		}
		return p.syntax(fmt.Sprintf("invalid character %s after an object member", quoteByte(p.data[p.pos])))
	}
}

// array walks the array at p.pos, calling elem with p.pos at each element;
// elem must consume it.
func (p *gjParser) array(elem func() error) error {
	if p.pos >= len(p.data) {
		return p.truncated()
	}
	if p.data[p.pos] != '[' {
		return p.syntax("want an array")
	}
	if p.depth++; p.depth > maxJSONDepth {
		return p.fail("JSON nested deeper than %d levels", maxJSONDepth)
	}
	p.pos++
	p.skipWS()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		p.depth--
		return nil
	}
	for {
		p.skipWS()
		if p.pos >= len(p.data) {
			return p.truncated()
		}
		if err := elem(); err != nil {
			return err
		}
		p.skipWS()
		if p.pos >= len(p.data) {
			return p.truncated()
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
			continue
		case ']':
			p.pos++
			p.depth--
			return nil
		}
		return p.syntax(fmt.Sprintf("invalid character %s after an array element", quoteByte(p.data[p.pos])))
	}
}

// skipValue checks and skips any JSON value.
func (p *gjParser) skipValue() error {
	if p.pos >= len(p.data) {
		return p.truncated()
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(func([]byte) error { return p.skipValue() })
	case c == '[':
		return p.array(p.skipValue)
	case c == '"':
		_, err := p.stringBytes()
		return err
	case c == 't':
		return p.literal("true")
	case c == 'f':
		return p.literal("false")
	case c == 'n':
		return p.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		_, err := p.numberSpan()
		return err
	}
	return p.syntax(fmt.Sprintf("invalid character %s looking for a value", quoteByte(p.data[p.pos])))
}

func (p *gjParser) literal(lit string) error {
	rest := p.data[p.pos:]
	if len(rest) >= len(lit) && string(rest[:len(lit)]) == lit {
		p.pos += len(lit)
		return nil
	}
	for i := 0; i < len(rest) && i < len(lit); i++ {
		if rest[i] != lit[i] {
			p.pos += i
			return p.syntax(fmt.Sprintf("invalid character %s in literal %s", quoteByte(rest[i]), lit))
		}
	}
	p.pos = len(p.data)
	return p.truncated()
}

// numberSpan checks the JSON number at p.pos and returns its bytes.
func (p *gjParser) numberSpan() ([]byte, error) {
	d := p.data
	start, i := p.pos, p.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	digits := func() bool {
		j := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		return i > j
	}
	bad := func() ([]byte, error) {
		p.pos = i
		if i >= len(d) {
			return nil, p.truncated()
		}
		return nil, p.syntax(fmt.Sprintf("invalid character %s in number", quoteByte(d[i])))
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case !digits():
		return bad()
	}
	if i < len(d) && d[i] == '.' {
		i++
		if !digits() {
			return bad()
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if !digits() {
			return bad()
		}
	}
	p.pos = i
	return d[start:i], nil
}

// stringBytes reads the string at p.pos. The result is either a slice of
// the input or p.buf; it is valid until the next call. Invalid UTF-8 and
// lone surrogates become U+FFFD, as encoding/json does.
func (p *gjParser) stringBytes() ([]byte, error) {
	d := p.data
	for i := p.pos + 1; i < len(d); i++ {
		c := d[i]
		if c == '"' {
			s := d[p.pos+1 : i]
			p.pos = i + 1
			return s, nil
		}
		if c == '\\' || c < 0x20 || c >= 0x80 {
			return p.stringSlow()
		}
	}
	p.pos = len(d)
	return nil, p.truncated()
}

func (p *gjParser) stringSlow() ([]byte, error) {
	d := p.data
	p.buf = p.buf[:0]
	i := p.pos + 1
	for {
		if i >= len(d) {
			p.pos = len(d)
			return nil, p.truncated()
		}
		c := d[i]
		switch {
		case c == '"':
			p.pos = i + 1
			return p.buf, nil
		case c < 0x20:
			p.pos = i
			return nil, p.syntax(fmt.Sprintf("invalid character %s in string", quoteByte(c)))
		case c < 0x80 && c != '\\':
			p.buf = append(p.buf, c)
			i++
		case c >= 0x80:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 {
				p.buf = utf8.AppendRune(p.buf, utf8.RuneError)
			} else {
				p.buf = append(p.buf, d[i:i+size]...)
			}
			i += size
		default: // backslash
			if i+1 >= len(d) {
				p.pos = len(d)
				return nil, p.truncated()
			}
			e := d[i+1]
			switch e {
			case '"', '\\', '/':
				p.buf = append(p.buf, e)
			case 'b':
				p.buf = append(p.buf, '\b')
			case 'f':
				p.buf = append(p.buf, '\f')
			case 'n':
				p.buf = append(p.buf, '\n')
			case 'r':
				p.buf = append(p.buf, '\r')
			case 't':
				p.buf = append(p.buf, '\t')
			case 'u':
				r, err := p.hex4(i + 2)
				if err != nil {
					return nil, err
				}
				i += 6
				if utf16.IsSurrogate(r) {
					r1 := r
					r = utf8.RuneError
					if i+5 < len(d) && d[i] == '\\' && d[i+1] == 'u' && isHex4(d[i+2:i+6]) {
						if dec := utf16.DecodeRune(r1, p.hexValue(i+2)); dec != utf8.RuneError {
							r = dec
							i += 6
						}
					}
				}
				p.buf = utf8.AppendRune(p.buf, r)
				continue
			default:
				p.pos = i + 1
				return nil, p.syntax(fmt.Sprintf("invalid escape \\%s in string", string(rune(e))))
			}
			i += 2
		}
	}
}

// hex4 decodes the 4 hex digits at i.
func (p *gjParser) hex4(i int) (rune, error) {
	if i+4 > len(p.data) {
		for j := i; j < len(p.data); j++ {
			if !isHex(p.data[j]) {
				p.pos = j
				return 0, p.syntax(fmt.Sprintf("invalid character %s in \\u escape", quoteByte(p.data[j])))
			}
		}
		p.pos = len(p.data)
		return 0, p.truncated()
	}
	for j := i; j < i+4; j++ {
		if !isHex(p.data[j]) {
			p.pos = j
			return 0, p.syntax(fmt.Sprintf("invalid character %s in \\u escape", quoteByte(p.data[j])))
		}
	}
	return p.hexValue(i), nil
}

// hexValue decodes 4 hex digits already checked by hex4.
func (p *gjParser) hexValue(i int) rune {
	var r rune
	for _, c := range p.data[i : i+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		}
	}
	return r
}

func isHex4(b []byte) bool {
	return isHex(b[0]) && isHex(b[1]) && isHex(b[2]) && isHex(b[3])
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func quoteByte(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return strconv.QuoteRune(rune(c))
	}
	return fmt.Sprintf("0x%02x", c)
}

// --- errors ---

// fail reports a problem with the content, naming the feature.
func (p *gjParser) fail(format string, args ...any) error {
	if p.feature >= 0 {
		return errorf(p.src, "feature %d: %s", p.feature, fmt.Sprintf(format, args...))
	}
	return errorf(p.src, format, args...)
}

func (p *gjParser) syntax(msg string) error {
	return errorf(p.src, "invalid JSON at byte %d: %s", p.pos, msg)
}

func (p *gjParser) truncated() error {
	return errorf(p.src, "truncated JSON (unexpected end of input at byte %d)", len(p.data))
}
