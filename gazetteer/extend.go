package gazetteer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/translit"
)

// An extension file adds places to a gazetteer or adds to places it has:
// a CSV file with a header row naming some of these columns (any order):
//
//	id          an existing place's id (KATOTTG code or site:slug) to extend;
//	            empty or unknown: a new place
//	kind        city, town, village, city_district, npp, dam, hpp
//	name        Latin name
//	name_uk     Ukrainian name
//	name_ru     Russian name
//	names       more spellings, separated by ';'
//	oblast      oblast name in any script, or ISO code (UA-63)
//	lon, lat    WGS84 point (both or neither); must lie in or near Ukraine
//	population  people
//
// A new place needs kind, a name (name or name_uk), oblast and a point; its
// id is the one given, else "site:"+slug for sites and "user:"+slug for the
// rest. An existing place keeps what the row leaves empty; names are added,
// never removed; a point given replaces the place's point (point source
// "user").
var extendColumns = []string{"id", "kind", "name", "name_uk", "name_ru", "names", "oblast", "lon", "lat", "population"}

// ExtendReport says what an extension did.
type ExtendReport struct {
	Added    []string `json:"added"`    // ids of new places
	Extended []string `json:"extended"` // ids of places given names, a point or a population
}

// Ukraine's bounding box with a margin: a point outside it is refused as
// "not in Ukraine".
const minLon, maxLon, minLat, maxLat = 21.5, 41.0, 44.0, 53.0

// Extend applies the extension file data (named name in messages) to
// places, returning the new list. It changes nothing when any row is bad:
// the error names the line and the column.
func Extend(places []frontline.Place, name string, data []byte) ([]frontline.Place, *ExtendReport, error) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, nil, frontline.Errorf(frontline.EINVALID, "%s: no header row: %v", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if !slices.Contains(extendColumns, h) {
			return nil, nil, frontline.Errorf(frontline.EINVALID, "%s: unknown column %q (known: %s)", name, h, strings.Join(extendColumns, ", "))
		}
		col[h] = i
	}
	out := append([]frontline.Place(nil), places...)
	byID := make(map[string]int, len(out))
	for i := range out {
		byID[out[i].ID] = i
	}
	rep := &ExtendReport{}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, frontline.Errorf(frontline.EINVALID, "%s: %v", name, err)
		}
		get := func(c string) string {
			if i, ok := col[c]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		fail := func(format string, args ...any) error {
			return frontline.Errorf(frontline.EINVALID, "%s line %d: %s (nothing was changed)", name, line, fmt.Sprintf(format, args...))
		}
		row, err := readExtendRow(get)
		if err != nil {
			return nil, nil, fail("%v", err)
		}
		if i, ok := byID[row.id]; ok && row.id != "" {
			extendPlace(&out[i], row)
			rep.Extended = append(rep.Extended, row.id)
			continue
		}
		if row.id != "" && row.kind == "" {
			return nil, nil, fail("no place has id %q (to add a new place, give its kind, name, oblast, lon and lat)", row.id)
		}
		p, err := newPlace(row)
		if err != nil {
			return nil, nil, fail("%v", err)
		}
		if _, dup := byID[p.ID]; dup {
			return nil, nil, fail("a place with id %q exists; give its id to extend it", p.ID)
		}
		byID[p.ID] = len(out)
		out = append(out, p)
		rep.Added = append(rep.Added, p.ID)
	}
	return out, rep, nil
}

type extendRow struct {
	id, kind, name, nameUK, nameRU string
	names                          []string
	oblast                         *Oblast
	hasPoint                       bool
	lon, lat                       float64
	population                     int
}

func readExtendRow(get func(string) string) (*extendRow, error) {
	row := &extendRow{id: get("id"), kind: get("kind"), name: get("name"), nameUK: get("name_uk"), nameRU: get("name_ru")}
	for _, s := range []string{row.id, row.name, row.nameUK, row.nameRU} {
		if strings.ContainsAny(s, "\t\n\r|") {
			return nil, fmt.Errorf("a field holds a tab, newline or '|'")
		}
	}
	if row.kind != "" && !validKinds[row.kind] {
		return nil, fmt.Errorf("unknown kind %q (want city, town, village, city_district, npp, dam or hpp)", row.kind)
	}
	for _, n := range strings.Split(get("names"), ";") {
		if n = strings.TrimSpace(n); n != "" {
			if strings.ContainsAny(n, "\t\n\r|") {
				return nil, fmt.Errorf("name %q holds a tab, newline or '|'", n)
			}
			row.names = append(row.names, n)
		}
	}
	if o := get("oblast"); o != "" {
		ob := findOblast(o)
		if ob == nil {
			return nil, fmt.Errorf("unknown oblast %q", o)
		}
		row.oblast = ob
	}
	lonS, latS := get("lon"), get("lat")
	if (lonS == "") != (latS == "") {
		return nil, fmt.Errorf("give both lon and lat, or neither")
	}
	if lonS != "" {
		lon, err1 := strconv.ParseFloat(lonS, 64)
		lat, err2 := strconv.ParseFloat(latS, 64)
		if err1 != nil || err2 != nil || math.IsNaN(lon) || math.IsNaN(lat) {
			return nil, fmt.Errorf("bad point %q, %q", lonS, latS)
		}
		if lon < minLon || lon > maxLon || lat < minLat || lat > maxLat {
			return nil, fmt.Errorf("point %s,%s is not in Ukraine (lon %g–%g, lat %g–%g)", lonS, latS, minLon, maxLon, minLat, maxLat)
		}
		row.hasPoint, row.lon, row.lat = true, lon, lat
	}
	if s := get("population"); s != "" {
		n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
		if err != nil || n < 0 {
			return nil, fmt.Errorf("bad population %q", s)
		}
		row.population = n
	}
	return row, nil
}

// findOblast finds an oblast by ISO code or by name in any script.
func findOblast(s string) *Oblast {
	key := translit.Fold(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(s), " Oblast"), " oblast"))
	for i := range oblasts {
		o := &oblasts[i]
		if strings.EqualFold(s, o.ISO) || key == translit.Fold(strings.TrimSuffix(o.Name, " Oblast")) ||
			key == translit.Fold(o.NameUK) || key == translit.Fold(translit.UkrainianNational(o.NameUK)) {
			return o
		}
	}
	return nil
}

func extendPlace(p *frontline.Place, row *extendRow) {
	if row.kind != "" {
		p.Kind = row.kind
	}
	if row.name != "" {
		p.Name = row.name
	}
	if row.nameRU != "" && p.NameRU == "" {
		p.NameRU = row.nameRU
		p.Names = slices.Insert(p.Names, 1, row.nameRU)
	}
	for _, n := range append([]string{row.name, row.nameUK, row.nameRU}, row.names...) {
		if n != "" && !slices.Contains(p.Names, n) {
			p.Names = append(p.Names, n)
		}
	}
	if row.oblast != nil {
		p.Oblast, p.OblastISO = row.oblast.Name, row.oblast.ISO
	}
	if row.hasPoint {
		p.Lon, p.Lat, p.PointSource = row.lon, row.lat, "user"
	}
	if row.population > 0 {
		p.Population = row.population
	}
}

func newPlace(row *extendRow) (frontline.Place, error) {
	switch {
	case row.kind == "":
		return frontline.Place{}, fmt.Errorf("a new place needs a kind")
	case row.name == "" && row.nameUK == "":
		return frontline.Place{}, fmt.Errorf("a new place needs name or name_uk")
	case row.oblast == nil:
		return frontline.Place{}, fmt.Errorf("a new place needs an oblast")
	case !row.hasPoint:
		return frontline.Place{}, fmt.Errorf("a new place needs lon and lat")
	}
	nameUK := row.nameUK
	if nameUK == "" {
		nameUK = row.name
	}
	name := row.name
	if name == "" {
		name = translit.UkrainianNational(nameUK)
	}
	id := row.id
	if id == "" {
		prefix := "user:"
		if row.kind == "npp" || row.kind == "dam" || row.kind == "hpp" {
			prefix = "site:"
		}
		id = prefix + slug(name)
	}
	p := frontline.Place{
		ID: id, Kind: row.kind, Name: name, NameUK: nameUK, NameRU: row.nameRU,
		Oblast: row.oblast.Name, OblastISO: row.oblast.ISO,
		Lon: row.lon, Lat: row.lat, PointSource: "user", Population: row.population,
	}
	p.Names = placeNames(p.NameUK, p.NameRU, "")
	for _, n := range append([]string{row.name}, row.names...) {
		if n != "" && !slices.Contains(p.Names, n) {
			p.Names = append(p.Names, n)
		}
	}
	return p, nil
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(translit.UkrainianNational(s)) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
