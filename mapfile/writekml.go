package mapfile

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/frontline-osint/frontline"
)

// WriteKML writes f as a KML 2.2 Document of Placemarks: <name>,
// <description>, every other property as ExtendedData <Data>, and the
// geometry. A feature whose Type is Multi* or GeometryCollection, or that
// holds more than one part, is written as a MultiGeometry; Read maps it back
// to the Multi* type when its parts are of one kind. Coordinates are written
// with the shortest decimal that reads back to the same float64, so
// Read(WriteKML(f)) gives the same coordinates.
//
// An invalid File (nil, or a coordinate out of range) is an EINVALID error;
// a failure of w is returned wrapped.
func WriteKML(w io.Writer, f *File) error {
	if f == nil {
		return frontline.Errorf(frontline.EINVALID, "WriteKML: no file")
	}
	src := displayName(f.Name)
	for i := range f.Features {
		if msg := geometryProblem(&f.Features[i].Geometry); msg != "" {
			return errorf(src, "feature %d: %s", i, msg)
		}
	}
	kw := &kmlWriter{w: bufio.NewWriterSize(w, 64*kib)}
	kw.str(xml.Header)
	kw.str(`<kml xmlns="http://www.opengis.net/kml/2.2">` + "\n<Document>\n")
	if f.Name != "" {
		kw.element("name", f.Name)
	}
	for i := range f.Features {
		kw.placemark(&f.Features[i])
	}
	kw.str("</Document>\n</kml>\n")
	if err := kw.w.Flush(); err != nil {
		return fmt.Errorf("mapfile: write KML: %w", err)
	}
	return nil
}

func geometryProblem(g *Geometry) string {
	check := func(pts []Point) string {
		for _, p := range pts {
			if msg := pointProblem(p[0], p[1]); msg != "" {
				return msg
			}
		}
		return ""
	}
	for _, poly := range g.Polygons {
		for _, r := range poly {
			if msg := check(r); msg != "" {
				return msg
			}
		}
	}
	for _, l := range g.Lines {
		if msg := check(l); msg != "" {
			return msg
		}
	}
	return check(g.Points)
}

type kmlWriter struct {
	w   *bufio.Writer
	num []byte
}

// str writes s; a write error is kept by the bufio.Writer and reported by
// Flush.
func (kw *kmlWriter) str(s string) { kw.w.WriteString(s) }

func (kw *kmlWriter) text(s string) {
	// EscapeText also escapes newlines, tabs and carriage returns as
	// character references, so names read back byte for byte.
	xml.EscapeText(kw.w, []byte(s))
}

func (kw *kmlWriter) element(name, value string) {
	kw.str("<" + name + ">")
	kw.text(value)
	kw.str("</" + name + ">\n")
}

func (kw *kmlWriter) placemark(f *Feature) {
	kw.str("<Placemark>\n")
	_, hasName := f.Properties["name"]
	if hasName || f.Name != "" {
		kw.element("name", f.Name)
	}
	if d, ok := f.Properties["description"]; ok {
		kw.element("description", d)
	}
	var keys []string
	for k := range f.Properties {
		if k != "name" && k != "description" {
			keys = append(keys, k)
		}
	}
	if len(keys) > 0 {
		slices.Sort(keys)
		kw.str("<ExtendedData>\n")
		for _, k := range keys {
			kw.str(`<Data name="`)
			kw.text(k)
			kw.str(`"><value>`)
			kw.text(f.Properties[k])
			kw.str("</value></Data>\n")
		}
		kw.str("</ExtendedData>\n")
	}
	kw.geometry(&f.Geometry)
	kw.str("</Placemark>\n")
}

func (kw *kmlWriter) geometry(g *Geometry) {
	parts := len(g.Polygons) + len(g.Lines) + len(g.Points)
	multi := strings.HasPrefix(g.Type, "Multi") || g.Type == "GeometryCollection" || parts > 1
	if parts == 0 && !multi {
		return
	}
	if multi {
		kw.str("<MultiGeometry>\n")
	}
	for _, poly := range g.Polygons {
		kw.str("<Polygon>")
		for i, r := range poly {
			boundary := "innerBoundaryIs"
			if i == 0 {
				boundary = "outerBoundaryIs"
			}
			kw.str("<" + boundary + "><LinearRing><coordinates>")
			kw.coordinates(r)
			kw.str("</coordinates></LinearRing></" + boundary + ">")
		}
		kw.str("</Polygon>\n")
	}
	for _, l := range g.Lines {
		kw.str("<LineString><coordinates>")
		kw.coordinates(l)
		kw.str("</coordinates></LineString>\n")
	}
	for _, p := range g.Points {
		kw.str("<Point><coordinates>")
		kw.coordinates([]Point{p})
		kw.str("</coordinates></Point>\n")
	}
	if multi {
		kw.str("</MultiGeometry>\n")
	}
}

func (kw *kmlWriter) coordinates(pts []Point) {
	for i, p := range pts {
		b := kw.num[:0]
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendFloat(b, p[0], 'f', -1, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, p[1], 'f', -1, 64)
		kw.w.Write(b)
		kw.num = b
	}
}
