// Package mapfile reads published control maps — GeoJSON, KML and KMZ — into features with raw, unvalidated geometry.
//
// Geometry is returned as plain lon/lat coordinates exactly as found in the
// file (rings may be unclosed, repeat points or self-intersect); validating
// and repairing it is the job of package geo. Every error is a
// *frontline.Error with code frontline.EINVALID whose one-line message names
// the file and the problem.
package mapfile

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/frontline-osint/frontline"
)

// Format is the format of a map file.
type Format string

// Formats read by this package.
const (
	FormatGeoJSON Format = "geojson"
	FormatKML     Format = "kml"
	FormatKMZ     Format = "kmz"
)

// Point is a position: longitude, latitude in degrees (WGS84). Any Z or M
// value in the file is dropped.
type Point [2]float64

// Ring is a ring of a polygon as found in the file: it may be unclosed, have
// duplicate points or self-intersect.
type Ring []Point

// Polygon is a list of rings: the first is the exterior, the rest are holes,
// with their orientation as found in the file.
type Polygon []Ring

// Geometry is the geometry of a feature, flattened: every polygon, line and
// point, whatever Multi* or collection held it.
type Geometry struct {
	// Type is the source type: "Point", "MultiPoint", "LineString",
	// "MultiLineString", "Polygon", "MultiPolygon" or "GeometryCollection",
	// and "" for a null geometry. KML Point, LineString (and a bare
	// LinearRing) and Polygon map to the types of the same name; a
	// MultiGeometry maps to the Multi* type when all the geometries inside it
	// are of one kind and to "GeometryCollection" otherwise.
	Type     string
	Polygons []Polygon
	Lines    [][]Point
	Points   []Point
}

// IsEmpty reports whether g has no coordinates at all.
func (g *Geometry) IsEmpty() bool {
	return len(g.Polygons) == 0 && len(g.Lines) == 0 && len(g.Points) == 0
}

// Feature is one feature of a map file: a GeoJSON Feature or a KML
// Placemark.
type Feature struct {
	// Index is the position of the feature in the file, from 0.
	Index int
	// Name is GeoJSON properties.name or the KML Placemark <name>, exactly
	// as in the file (trailing newlines and non-breaking spaces kept).
	Name string
	// Properties holds every property as a string; nil if there are none.
	// GeoJSON numbers are formatted with strconv 'g' -1, booleans as "true"
	// or "false", null as "", objects and arrays as compact JSON. KML gives
	// "name", "description", "styleUrl", every ExtendedData Data and
	// SimpleData by its name, TimeStamp <when> as "timestamp" and TimeSpan
	// as "begin" and "end".
	Properties map[string]string
	Geometry   Geometry
}

// File is a map file read into features.
type File struct {
	Name     string // the name passed to Read, or the path passed to ReadFile
	Format   Format
	Features []Feature
}

// Limits bounds the resources a read may use. A zero field takes its
// default.
type Limits struct {
	MaxBytes        int64 // input size (default 512 MiB)
	MaxUncompressed int64 // KMZ: bytes read out of the archive (default 1 GiB)
	MaxRatio        int64 // KMZ: uncompressed/compressed size of an entry (default 200)
	MaxFeatures     int   // features or placemarks (default 1,000,000)
	MaxCoordinates  int   // positions over all features (default 50,000,000)
}

const (
	kib = 1 << 10
	mib = 1 << 20
	gib = 1 << 30
)

// DefaultLimits returns the limits used for a zero Limits field.
func DefaultLimits() Limits {
	return Limits{
		MaxBytes:        512 * mib,
		MaxUncompressed: 1 * gib,
		MaxRatio:        200,
		MaxFeatures:     1_000_000,
		MaxCoordinates:  50_000_000,
	}
}

// withDefaults fills zero (or negative) fields with their defaults.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxUncompressed <= 0 {
		l.MaxUncompressed = d.MaxUncompressed
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = d.MaxRatio
	}
	if l.MaxFeatures <= 0 {
		l.MaxFeatures = d.MaxFeatures
	}
	if l.MaxCoordinates <= 0 {
		l.MaxCoordinates = d.MaxCoordinates
	}
	return l
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Read reads a map file held in data. The format is detected from the
// content; the extension of name is a hint used only when the content does
// not say (to report a GeoJSON syntax error rather than "not a map file").
// name is used in error messages and kept as File.Name.
func Read(name string, data []byte, lim Limits) (*File, error) {
	lim = lim.withDefaults()
	src := displayName(name)
	if int64(len(data)) > lim.MaxBytes {
		return nil, errorf(src, "input is %s, larger than the %s limit", formatBytes(int64(len(data))), formatBytes(lim.MaxBytes))
	}
	if len(data) == 0 {
		return nil, errorf(src, "empty file")
	}
	var (
		f   *File
		err error
	)
	switch detect(name, data) {
	case FormatKMZ:
		f, err = readKMZ(src, data, lim)
	case FormatKML:
		f, err = readKML(src, squeezeSpace(bytes.NewReader(trimBOM(data))), lim, FormatKML)
	case FormatGeoJSON:
		f, err = readGeoJSON(src, trimBOM(data), lim)
	default:
		return nil, errorf(src, "not GeoJSON, KML or KMZ")
	}
	if err != nil {
		return nil, err
	}
	f.Name = name
	return f, nil
}

// ReadFile reads the map file at path. It checks the file's size before
// reading it and refuses files larger than lim.MaxBytes.
func ReadFile(path string, lim Limits) (*File, error) {
	lim = lim.withDefaults()
	src := displayName(path)
	fi, err := os.Stat(path)
	if err != nil {
		return nil, errorf(src, "cannot read file: %s", osReason(err))
	}
	if !fi.Mode().IsRegular() {
		return nil, errorf(src, "not a regular file")
	}
	if fi.Size() > lim.MaxBytes {
		return nil, errorf(src, "file is %s, larger than the %s limit", formatBytes(fi.Size()), formatBytes(lim.MaxBytes))
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, errorf(src, "cannot read file: %s", osReason(err))
	}
	defer fh.Close()
	// The file may have grown since Stat: never read more than the limit.
	// The buffer is sized from Stat, so a file is read without the copies
	// (and twice the memory) of a growing buffer.
	buf := bytes.NewBuffer(make([]byte, 0, fi.Size()+512))
	_, err = buf.ReadFrom(io.LimitReader(fh, lim.MaxBytes+1))
	data := buf.Bytes()
	if err != nil {
		return nil, errorf(src, "cannot read file: %s", osReason(err))
	}
	return Read(path, data, lim)
}

// detect returns the format of data, or "" if it is none of ours.
func detect(name string, data []byte) Format {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")) {
		return FormatKMZ
	}
	body := bytes.TrimLeft(trimBOM(data), " \t\r\n")
	if len(body) > 0 {
		switch body[0] {
		case '{':
			return FormatGeoJSON
		case '<':
			return FormatKML
		}
	}
	// The content does not say: the extension decides which parser reports
	// the problem.
	switch strings.ToLower(filepath.Ext(name)) {
	case ".geojson", ".json":
		return FormatGeoJSON
	case ".kml":
		return FormatKML
	case ".kmz":
		return FormatKMZ
	}
	return ""
}

func trimBOM(data []byte) []byte { return bytes.TrimPrefix(data, utf8BOM) }

// errorf returns an EINVALID error whose message starts with src. Control
// characters are replaced so the message is always one line.
func errorf(src, format string, args ...any) *frontline.Error {
	msg := src + ": " + fmt.Sprintf(format, args...)
	if strings.IndexFunc(msg, unicode.IsControl) >= 0 {
		msg = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return ' '
			}
			return r
		}, msg)
	}
	return frontline.Errorf(frontline.EINVALID, "%s", msg)
}

// displayName is name as shown in messages: quoted if it holds control
// characters, "input" if empty.
func displayName(name string) string {
	if name == "" {
		return "input"
	}
	if strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return strconv.Quote(name)
	}
	return name
}

// osReason is the part of an os error that does not repeat the path.
func osReason(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// formatBytes formats n as "1 GiB", "512 MiB", "4 KiB" or "1234 bytes".
func formatBytes(n int64) string {
	switch {
	case n >= gib && n%gib == 0:
		return strconv.FormatInt(n/gib, 10) + " GiB"
	case n >= mib && n%mib == 0:
		return strconv.FormatInt(n/mib, 10) + " MiB"
	case n >= kib && n%kib == 0:
		return strconv.FormatInt(n/kib, 10) + " KiB"
	case n >= 10*mib:
		return strconv.FormatFloat(float64(n)/mib, 'f', 1, 64) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// formatNumber formats a coordinate for a message.
func formatNumber(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// validPoint reports whether p is finite and within lon/lat bounds.
func validPoint(lon, lat float64) bool {
	// NaN fails every comparison, so it is caught here too.
	return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90
}

// checkPoint returns the problem with a position, or "".
func pointProblem(lon, lat float64) string {
	if validPoint(lon, lat) {
		return ""
	}
	if math.IsNaN(lon) || math.IsNaN(lat) || math.IsInf(lon, 0) || math.IsInf(lat, 0) {
		return fmt.Sprintf("coordinate [%s, %s] is not finite", formatNumber(lon), formatNumber(lat))
	}
	return fmt.Sprintf("coordinate [%s, %s] out of range", formatNumber(lon), formatNumber(lat))
}

// counter enforces MaxFeatures and MaxCoordinates.
type counter struct {
	lim         Limits
	coordinates int
}

func (c *counter) addCoordinate() bool {
	c.coordinates++
	return c.coordinates <= c.lim.MaxCoordinates
}

func (c *counter) coordinatesProblem() string {
	return fmt.Sprintf("more than %d coordinates", c.lim.MaxCoordinates)
}

// Describe states the limits in a few lines of plain text, for --help.
func (l Limits) Describe() string {
	l = l.withDefaults()
	return fmt.Sprintf(`Limits (a file over any of them is refused, nothing stored):
  file size            %s
  features             %d
  coordinates          %d in all features
  KMZ: the KML inside  %s, and at most %d times its compressed size
                       (refused from the archive's header, before inflating,
                       when it says so; counted while inflating otherwise)
  KML whitespace       runs longer than %s are cut before parsing`,
		formatBytes(l.MaxBytes), l.MaxFeatures, l.MaxCoordinates,
		formatBytes(l.MaxUncompressed), l.MaxRatio, formatBytes(maxSpaceRun))
}
