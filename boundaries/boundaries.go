// Package boundaries embeds Ukraine's land border and oblasts, generated from public data by scripts/gen-boundaries.sh.
//
// The oblasts (24 oblasts, the Autonomous Republic of Crimea, and the cities
// of Kyiv and Sevastopol) partition the land exactly: every point of the land
// is in one oblast, and their areas add up to the land's. See README.md in
// this directory for the sources, licences and attribution.
package boundaries

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/frontline-osint/frontline/geo"
	"github.com/peterstace/simplefeatures/geom"
)

//go:embed ukraine.geojson
var ukraineGeoJSON []byte

// Oblast is one first-level administrative unit of Ukraine, clipped to land.
type Oblast struct {
	ISO      string // ISO 3166-2 code, e.g. "UA-63"
	Name     string // English name, e.g. "Kharkiv Oblast"
	NameUK   string // Ukrainian name, e.g. "Харківська область"
	NameRU   string // Russian name, e.g. "Харьковская область"
	Geometry geom.MultiPolygon
	AreaKm2  float64 // geodesic area on the WGS84 ellipsoid
}

// Set is Ukraine's land (Crimea included) and its oblasts, ordered by ISO code.
type Set struct {
	Land        geom.MultiPolygon
	LandAreaKm2 float64
	Oblasts     []Oblast
}

var (
	loadOnce sync.Once
	loaded   *Set
	loadErr  error
)

// Load returns the embedded boundaries. The file is parsed once; every call
// returns the same *Set, which callers must not modify.
func Load() (*Set, error) {
	loadOnce.Do(func() { loaded, loadErr = parse(ukraineGeoJSON) })
	return loaded, loadErr
}

// Oblast returns the oblast with the given ISO 3166-2 code.
func (s *Set) Oblast(iso string) (Oblast, bool) {
	for _, o := range s.Oblasts {
		if o.ISO == iso {
			return o, true
		}
	}
	return Oblast{}, false
}

type featureCollection struct {
	Type     string `json:"type"`
	Features []struct {
		Properties properties `json:"properties"`
		Geometry   struct {
			Type        string           `json:"type"`
			Coordinates [][][][2]float64 `json:"coordinates"`
		} `json:"geometry"`
	} `json:"features"`
}

// parse decodes the generated file. Geometries are not validated here: the
// generating script checked them with PostGIS, and the tests check them again
// with simplefeatures. The file as the generator writes it is read by
// parseFast; anything else by encoding/json.
func parse(data []byte) (*Set, error) {
	fs, ok := parseFast(data)
	if !ok {
		var err error
		if fs, err = parseJSON(data); err != nil {
			return nil, err
		}
	}
	s := &Set{}
	var (
		haveLand bool
	)
	for _, f := range fs {
		p := f.props
		if f.geomType != "MultiPolygon" {
			return nil, fmt.Errorf("boundaries: %s: geometry is %q, want MultiPolygon", p.ISO, f.geomType)
		}
		mp := f.mp
		switch p.Kind {
		case "land":
			if haveLand {
				return nil, fmt.Errorf("boundaries: two land features")
			}
			s.Land, haveLand = mp, true
		case "oblast":
			s.Oblasts = append(s.Oblasts, Oblast{ISO: p.ISO, Name: p.Name, NameUK: p.NameUK, NameRU: p.NameRU, Geometry: mp})
		default:
			return nil, fmt.Errorf("boundaries: %s: unknown kind %q", p.ISO, p.Kind)
		}
	}
	if !haveLand {
		return nil, fmt.Errorf("boundaries: no land feature")
	}
	if areasKnown(data) {
		s.LandAreaKm2 = knownAreas["land"]
		for i := range s.Oblasts {
			a, ok := knownAreas[s.Oblasts[i].ISO]
			if !ok {
				return nil, fmt.Errorf("boundaries: %s: no known area", s.Oblasts[i].ISO)
			}
			s.Oblasts[i].AreaKm2 = a
		}
		return s, nil
	}
	computeAreas(s)
	return s, nil
}

// parseJSON decodes data with encoding/json, decoding the coordinates into
// typed slices rather than through geom.UnmarshalGeoJSON.
func parseJSON(data []byte) ([]feature, error) {
	var fc featureCollection
	if err := json.Unmarshal(data, &fc); err != nil {
		return nil, fmt.Errorf("boundaries: %w", err)
	}
	if fc.Type != "FeatureCollection" {
		return nil, fmt.Errorf("boundaries: type %q, want FeatureCollection", fc.Type)
	}
	fs := make([]feature, len(fc.Features))
	for i, f := range fc.Features {
		fs[i] = feature{props: f.Properties, geomType: f.Geometry.Type}
		if f.Geometry.Type == "MultiPolygon" {
			fs[i].mp = multiPolygon(f.Geometry.Coordinates)
		}
	}
	return fs, nil
}

// computeAreas sets the geodesic areas of s's land and oblasts.
func computeAreas(s *Set) {
	// Geodesic areas take most of the time: compute them in parallel.
	areas := make([]float64, 1+len(s.Oblasts))
	var wg sync.WaitGroup
	for i, mp := range append([]geom.MultiPolygon{s.Land}, oblastGeoms(s.Oblasts)...) {
		wg.Go(func() { areas[i] = geo.AreaKm2(mp.AsGeometry()) })
	}
	wg.Wait()
	s.LandAreaKm2 = areas[0]
	for i := range s.Oblasts {
		s.Oblasts[i].AreaKm2 = areas[i+1]
	}
}

// multiPolygon builds a multipolygon from GeoJSON coordinates, without validation.
func multiPolygon(coords [][][][2]float64) geom.MultiPolygon {
	polys := make([]geom.Polygon, len(coords))
	for i, pc := range coords {
		rings := make([]geom.LineString, len(pc))
		for j, rc := range pc {
			flat := make([]float64, 0, 2*len(rc))
			for _, xy := range rc {
				flat = append(flat, xy[0], xy[1])
			}
			rings[j] = geom.NewLineString(geom.NewSequence(flat, geom.DimXY))
		}
		polys[i] = geom.NewPolygon(rings)
	}
	return geom.NewMultiPolygon(polys)
}

func oblastGeoms(obs []Oblast) []geom.MultiPolygon {
	out := make([]geom.MultiPolygon, len(obs))
	for i, ob := range obs {
		out[i] = ob.Geometry
	}
	return out
}
