package boundaries

// Parse parses the embedded file without the cache, for BenchmarkLoad.
func Parse() (*Set, error) { return parse(ukraineGeoJSON) }

// ComputeAreas recomputes the areas of s, for TestKnownAreas.
func ComputeAreas(s *Set) { computeAreas(s) }

// AreasKnown reports whether the embedded file's areas are the table's.
func AreasKnown() bool { return areasKnown(ukraineGeoJSON) }

// ParseBoth decodes the embedded file with the hand-written scanner and with
// encoding/json, for TestFastParseMatchesJSON.
func ParseBoth() (fast, slow []Oblast, ok bool, err error) {
	ff, ok := parseFast(ukraineGeoJSON)
	fs, err := parseJSON(ukraineGeoJSON)
	conv := func(in []feature) []Oblast {
		var out []Oblast
		for _, f := range in {
			p := f.props
			out = append(out, Oblast{ISO: p.ISO, Name: p.Name + "/" + p.Kind + "/" + f.geomType, NameUK: p.NameUK, NameRU: p.NameRU, Geometry: f.mp})
		}
		return out
	}
	return conv(ff), conv(fs), ok, err
}

// ParseFast runs the hand-written scanner on data, for TestFastParseFallsBack.
func ParseFast(data []byte) bool { _, ok := parseFast(data); return ok }

// Embedded is the embedded file.
func Embedded() []byte { return ukraineGeoJSON }
