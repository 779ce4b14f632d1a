package gazetteer_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline/internal/shareddata"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/gazetteer"
)

func loadDataDir(t testing.TB) string {
	t.Helper()
	shareddata.Dir(t, "gazetteer")
	return shareddata.Dir(t)
}

func TestLoadEmbedded(t *testing.T) {
	start := time.Now()
	places, err := gazetteer.LoadEmbedded()
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d places loaded in %v", len(places), elapsed)
	if len(places) < 29000 {
		t.Fatalf("%d places", len(places))
	}
	isoName := map[string]string{}
	for _, o := range append(gazetteer.Oblasts(), gazetteer.ForeignRegions()...) {
		isoName[o.ISO] = o.Name
	}
	seen := map[string]bool{}
	for _, p := range places {
		if seen[p.ID] {
			t.Fatalf("duplicate id %s", p.ID)
		}
		seen[p.ID] = true
		if isoName[p.OblastISO] != p.Oblast || p.Oblast == "" {
			t.Fatalf("%s: oblast %q %q", p.ID, p.OblastISO, p.Oblast)
		}
		if len(p.Names) == 0 || p.Names[0] != p.NameUK {
			t.Fatalf("%s: names %q", p.ID, p.Names)
		}
		if !p.InUkraine() {
			if p.Country != "RU" || !strings.HasPrefix(p.ID, "ru:") || p.Name == "" || p.KATOTTG != "" || !strings.HasPrefix(p.OblastISO, "RU-") {
				t.Fatalf("%s: a place in Russia: %+v", p.ID, p)
			}
			continue
		}
		site := strings.HasPrefix(p.ID, "site:") || strings.HasPrefix(p.ID, "wof:")
		if p.Name == "" || site == (p.ID == p.KATOTTG) {
			t.Fatalf("%s: Name %q, KATOTTG %q (the Latin name is filled in; a settlement's ID is its code)", p.ID, p.Name, p.KATOTTG)
		}
		if p.PointSource != "" && (p.Lat < 44 || p.Lat > 53 || p.Lon < 22 || p.Lon > 41) {
			t.Fatalf("%s: point %v, %v outside Ukraine", p.ID, p.Lat, p.Lon)
		}
	}
}

// The shipped file is exactly what internal/cmd/gengazetteer writes from the
// shared data, and loading it gives what Build gives.
func TestEmbeddedIsFreshBuild(t *testing.T) {
	dir := loadDataDir(t)
	src := gazetteer.SourcesIn(dir)
	src.RussiaCities = gazetteer.RussiaSubsetFile
	built, _, err := gazetteer.Build(src)
	if err != nil {
		t.Fatal(err)
	}
	const regen = "scripts/gen-gazetteer.sh (or go run ./internal/cmd/gengazetteer -data ../shared/data)"
	var fresh bytes.Buffer
	if err := gazetteer.EncodeIndexedText(&fresh, built.Oblasts, built.Places); err != nil {
		t.Fatal(err)
	}
	shippedGz, err := os.ReadFile(gazetteer.EmbeddedFile)
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := gunzipBytes(shippedGz)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fresh.Bytes(), shipped) {
		t.Fatalf("%s (%d bytes of text) differs from a fresh build (%d bytes); run: %s", gazetteer.EmbeddedFile, len(shipped), fresh.Len(), regen)
	}
	var gz bytes.Buffer
	if err := gazetteer.EncodeIndexed(&gz, built.Oblasts, built.Places); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gz.Bytes(), shippedGz) {
		t.Fatalf("%s differs from EncodeIndexed of a fresh build; run: %s", gazetteer.EmbeddedFile, regen)
	}

	// The provenance of the points learned from the tracker's links is
	// the fresh build's, and names only tuning versions (id % 3 != 0).
	var lp bytes.Buffer
	if err := gazetteer.WriteLinkPoints(&lp, built.LinkPoints); err != nil {
		t.Fatal(err)
	}
	if shippedLP, err := os.ReadFile(gazetteer.LinkPointsFile); err != nil || !bytes.Equal(shippedLP, lp.Bytes()) {
		t.Fatalf("%s differs from a fresh build (%v); run: %s", gazetteer.LinkPointsFile, err, regen)
	}
	linked := 0
	for _, p := range built.Places {
		if p.PointSource == gazetteer.SrcDeepStateLink {
			linked++
		}
	}
	if linked != len(built.LinkPoints) || linked == 0 {
		t.Errorf("%d places with point source %s, %d provenance rows", linked, gazetteer.SrcDeepStateLink, len(built.LinkPoints))
	}
	for _, l := range built.LinkPoints {
		for _, v := range l.Versions {
			if v%3 == 0 {
				t.Errorf("%s %s: point learned from held-out version %d", l.ID, l.NameUK, v)
			}
		}
	}

	// The shipped index gives what New gives from the built places.
	opened, err := gazetteer.OpenEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	indexed := gazetteer.New(built.Places)
	if len(opened.Places) != len(indexed.Places) {
		t.Fatalf("opened %d places, built %d", len(opened.Places), len(indexed.Places))
	}
	for i := range opened.Places {
		a, b := opened.Places[i], indexed.Places[i]
		an, bn := slices.Sorted(slices.Values(a.Names)), slices.Sorted(slices.Values(b.Names))
		a.Names, b.Names = nil, nil
		if !reflect.DeepEqual(a, b) || !slices.Equal(an, bn) {
			t.Fatalf("place %d:\nopened %+v %q\nbuilt  %+v %q", i, a, an, b, bn)
		}
	}
	for i := 0; i < len(built.Places); i += 97 {
		for _, q := range []string{built.Places[i].NameUK, indexed.Places[i].Name + "x"} {
			x, err1 := opened.Search(gazetteer.Query{Text: q, Limit: 5})
			y, err2 := indexed.Search(gazetteer.Query{Text: q, Limit: 5})
			if (err1 == nil) != (err2 == nil) || len(x) != len(y) {
				t.Fatalf("search %q: %v %v / %v %v", q, len(x), err1, len(y), err2)
			}
			for j := range x {
				if x[j].Place.ID != y[j].Place.ID || x[j].Score != y[j].Score {
					t.Fatalf("search %q: %s %v / %s %v", q, x[j].Place.ID, x[j].Score, y[j].Place.ID, y[j].Score)
				}
			}
		}
	}
}

func gunzipBytes(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// testPlaces are two places in the file format's corners: no point, no
// Russian name, a site with a Latin name and alternates.
var testPlaces = []frontline.Place{
	{ID: "UA63040010100085586", KATOTTG: "UA63040010100085586", Kind: "village", NameUK: "Вовчий Яр",
		Names: []string{"Вовчий Яр"}, Oblast: "Kharkiv Oblast", OblastISO: "UA-63", Raion: "Ізюмський", Hromada: "Балаклійська"},
	{ID: "site:zaporizhzhia-npp", Kind: "npp", Name: "Zaporizhzhia Nuclear Power Plant", NameUK: "Запорізька атомна електростанція",
		NameRU: "Запорожская атомная электростанция",
		Names:  []string{"Запорізька атомна електростанція", "Запорожская атомная электростанция", "ZNPP", "ЗАЕС"},
		Oblast: "Zaporizhzhia Oblast", OblastISO: "UA-23", Raion: "Василівський", Hromada: "Енергодарська",
		Lon: 34.5858, Lat: 47.5119, PointSource: "site", Population: 0},
}

func TestLoadFileRoundTrip(t *testing.T) {
	dir := t.TempDir()
	for _, compressed := range []bool{false, true} {
		var buf bytes.Buffer
		encode := gazetteer.Encode
		if compressed {
			encode = gazetteer.EncodeGzip
		}
		if err := encode(&buf, gazetteer.Oblasts(), testPlaces); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "places.tsv")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := gazetteer.LoadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, testPlaces) {
			t.Errorf("compressed %v:\ngot  %+v\nwant %+v", compressed, got, testPlaces)
		}
	}
	if _, err := gazetteer.LoadFile(filepath.Join(dir, "missing.tsv.gz")); err == nil {
		t.Error("a missing file is not an error")
	}
}

func TestEncodeRefusesWhatItCannotWrite(t *testing.T) {
	for _, mutate := range []func(*frontline.Place){
		func(p *frontline.Place) { p.NameUK = "a\tb"; p.Names[0] = p.NameUK },
		func(p *frontline.Place) { p.Names = append(p.Names, "x|y") },
		func(p *frontline.Place) { p.Names = append(p.Names, "") },
		func(p *frontline.Place) { p.Names = []string{"other"} },
		func(p *frontline.Place) { p.Raion = "line\nbreak" },
		func(p *frontline.Place) { p.OblastISO = "UA-99" },
		func(p *frontline.Place) { p.Kind = "hamlet" },
		func(p *frontline.Place) { p.PointSource = "guess" },
		func(p *frontline.Place) { p.ID = "" },
	} {
		p := testPlaces[0]
		p.Names = append([]string(nil), p.Names...)
		mutate(&p)
		if err := gazetteer.Encode(io.Discard, gazetteer.Oblasts(), []frontline.Place{p}); err == nil {
			t.Errorf("encoded %+v", p)
		}
	}
}

const header = "#frontline-gazetteer\t1\n#oblast\tUA63000000000041885\tUA-63\tKharkiv Oblast\tХарківська\n" +
	"#columns\tid\tkatottg\tkind\tname\tname_uk\tname_ru\toblast_iso\traion_uk\thromada_uk\tlon\tlat\tpoint_source\tpopulation\talternates\n"

const goodRow = "UA1\tUA1\tvillage\t\tСело\t\tUA-63\tІзюмський\tБалаклійська\t36.8\t49.4\tpostal\t12\tSelo|Село-2\n"

func TestLoadFileMalformed(t *testing.T) {
	cases := []struct {
		name, content, want string
	}{
		{"empty", "", "line 1"},
		{"not a gazetteer", "id\tkatottg\n", "line 1"},
		{"no columns line", "#frontline-gazetteer\t1\n#oblast\tUA63\tUA-63\tKharkiv Oblast\tХарківська\n", "line 2"},
		{"bad header line", "#frontline-gazetteer\t1\nUA1\tUA1\n", "line 2"},
		{"short oblast line", "#frontline-gazetteer\t1\n#oblast\tUA-63\tKharkiv Oblast\n", "line 2"},
		{"other columns", "#frontline-gazetteer\t1\n#columns\tid\tname\n", "line 2"},
		{"short row", header + "UA1\tUA1\tvillage\n", "line 4"},
		{"long row", header + strings.TrimSuffix(goodRow, "\n") + "\textra\n", "line 4"},
		{"unknown kind", header + strings.Replace(goodRow, "village", "hamlet", 1), "line 4"},
		{"unknown oblast", header + strings.Replace(goodRow, "UA-63", "UA-99", 1), "line 4"},
		{"bad longitude", header + strings.Replace(goodRow, "36.8", "east", 1), "line 4"},
		{"latitude out of range", header + strings.Replace(goodRow, "49.4", "149.4", 1), "line 4"},
		{"point without source", header + strings.Replace(goodRow, "postal", "", 1), "line 4"},
		{"source without point", header + strings.Replace(goodRow, "36.8\t49.4", "\t", 1), "line 4"},
		{"unknown point source", header + strings.Replace(goodRow, "postal", "guess", 1), "line 4"},
		{"bad population", header + strings.Replace(goodRow, "\t12\t", "\t-12\t", 1), "line 4"},
		{"empty name", header + strings.Replace(goodRow, "Село\t", "\t", 1), "line 4"},
		{"empty id", header + strings.Replace(goodRow, "UA1\t", "\t", 1), "line 4"},
		{"duplicate id", header + goodRow + goodRow, "line 5"},
		{"empty line", header + goodRow + "\n" + goodRow, "line 5"},
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, "f.tsv")
			if err := os.WriteFile(path, []byte(c.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := gazetteer.LoadFile(path)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), c.want) || frontline.ErrorCode(err) != frontline.EINVALID {
				t.Errorf("error %q (code %s), want one naming %s, code %s", err, frontline.ErrorCode(err), c.want, frontline.EINVALID)
			}
		})
	}
	// The good row alone loads.
	path := filepath.Join(dir, "good.tsv")
	if err := os.WriteFile(path, []byte(header+goodRow), 0o644); err != nil {
		t.Fatal(err)
	}
	places, err := gazetteer.LoadFile(path)
	if err != nil || len(places) != 1 || places[0].Population != 12 || len(places[0].Names) != 3 || places[0].Oblast != "Kharkiv Oblast" {
		t.Fatalf("good file: %+v, %v", places, err)
	}
	// A truncated gzip stream is an error too.
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(header + goodRow))
	zw.Close()
	if err := os.WriteFile(path, gz.Bytes()[:gz.Len()/2], 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := gazetteer.LoadFile(path); err == nil || frontline.ErrorCode(err) != frontline.EINVALID {
		t.Errorf("truncated gzip: %v", err)
	}
}

// FuzzDecode: Decode never panics, and what it accepts encodes and decodes
// back to the same places.
func FuzzDecode(f *testing.F) {
	f.Add(header + goodRow)
	f.Add(header + goodRow + goodRow)
	f.Add(header + strings.Replace(goodRow, "36.8\t49.4\tpostal", "\t\t", 1))
	f.Add("#frontline-gazetteer\t1\n#oblast\t\t3\t0\t\n#columns\tid\tkatottg\tkind\tname\tname_uk\tname_ru\toblast_iso\traion_uk\thromada_uk\tlon\tlat\tpoint_source\tpopulation\talternates\n0\t\tvillage\t\t0\t\t3\t\t\t0\t0\tpostal\t\t")
	f.Add("#frontline-gazetteer\t1\n")
	f.Add("")
	f.Add("#frontline-gazetteer\t3\n#oblast\tUA63000000000041885\tUA-63\tKharkiv Oblast\tХарківська\n#unit\tІзюмський\tIziumskyi\n#columns\t" +
		"id\tkatottg\tkind\tname\tname_uk\tname_ru\toblast_iso\traion_uk\thromada_uk\tlon\tlat\tpoint_source\tpopulation\talternates\tcountry\n" +
		"UA1\t=\tvillage\t\tЯр\t\tUA-63\t0\t0\t36.8\t49.4\tpostal\t\t\t\n")
	f.Fuzz(func(t *testing.T, text string) {
		places, err := gazetteer.Decode("fuzz", text)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := gazetteer.Encode(&buf, gazetteer.Oblasts(), places); err != nil {
			return // e.g. an oblast ISO the hand-made table lacks
		}
		again, err := gazetteer.Decode("again", buf.String())
		if err != nil {
			t.Fatalf("re-encoded file does not decode: %v", err)
		}
		if len(again) != len(places) {
			t.Fatalf("%d places, then %d", len(places), len(again))
		}
	})
}

func BenchmarkOpenEmbedded(b *testing.B) {
	for i := 0; i < b.N; i++ {
		g, err := gazetteer.OpenEmbedded()
		if err != nil || len(g.Places) == 0 {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadEmbedded(b *testing.B) {
	for i := 0; i < b.N; i++ {
		places, err := gazetteer.LoadEmbedded()
		if err != nil || len(places) == 0 {
			b.Fatal(err)
		}
	}
}

// TestVersion3: the indexed file (version 3: katottg "=" for the id,
// raions and hromadas in a #unit table) decodes to the places Encode's
// version 2 gives, and a row naming a unit the table lacks is refused.
func TestVersion3(t *testing.T) {
	var gz bytes.Buffer
	if err := gazetteer.EncodeIndexed(&gz, gazetteer.Oblasts(), testPlaces); err != nil {
		t.Fatal(err)
	}
	text, err := gunzipBytes(gz.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(text), "#frontline-gazetteer\t3\n") || !strings.Contains(string(text), "#unit\tІзюмський\tIziumskyi\n") ||
		!strings.Contains(string(text), "UA63040010100085586\t=\t") {
		t.Fatalf("not version 3:\n%s", text)
	}
	got, err := gazetteer.Decode("v3", string(text))
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		want := testPlaces[i]
		if got[i].KATOTTG != want.KATOTTG || got[i].Raion != want.Raion || got[i].Hromada != want.Hromada || got[i].ID != want.ID {
			t.Errorf("place %d: got %+v, want %+v", i, got[i], want)
		}
	}
	g, err := gazetteer.Open("v3", string(text))
	if err != nil {
		t.Fatal(err)
	}
	if p := g.Places[0]; p.Raion != "Iziumskyi" || p.Hromada != "Balakliiska" {
		t.Errorf("opened: raion %q hromada %q, want the Latin names", p.Raion, p.Hromada)
	}
	bad := strings.Replace(string(text), "UA63040010100085586\t=\tvillage\tVovchyi Yar\tВовчий Яр\t\tUA-63\t0\t", "UA63040010100085586\t=\tvillage\tVovchyi Yar\tВовчий Яр\t\tUA-63\t9\t", 1)
	if bad == string(text) {
		t.Fatalf("row not found in\n%s", text)
	}
	if _, err := gazetteer.Decode("v3", bad); err == nil || !strings.Contains(err.Error(), "#unit") {
		t.Errorf("unknown unit: %v", err)
	}
}
