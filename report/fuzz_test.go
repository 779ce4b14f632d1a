package report

import (
	"bytes"
	"encoding/binary"
	"math/rand"
	"testing"
)

// Each fuzz target checks the parser never panics and that what it
// returns holds the invariants (checkInvariants); `go test` runs the
// seeds, `go test -fuzz FuzzX ./report/` explores.

func fuzzParse(t *testing.T, name string, data []byte) {
	p, err := Parse(name, data)
	if err != nil {
		return
	}
	if len(p.Reports) == 0 {
		t.Fatal("parsed with no reports")
	}
	checkInvariants(t, data, p)
}

func FuzzHTML(f *testing.F) {
	for _, s := range []string{page, "<html><body><nav>x", "<p>a<br>b</p><script>x</script>", "<article><article></article>text",
		`<script type="application/ld+json">{"datePublished":[[[{"datePublished":"2022-09-10"}]]]}</script>`, "<title>t</title><time datetime='x'>",
		`<meta charset="windows-1251"><p>` + "\xc1\xe0", "<!doctype html><svg><p>in svg</svg>out"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "page.html", data) })
}

func FuzzFeed(f *testing.F) {
	for _, s := range []string{rss, atomFeed, `<rss><channel><item><title>x</title></item></channel></rss>`, `<?xml version="1.0" encoding="windows-1251"?><rss><channel><item><title>` + "\xc1" + `</title></item></channel></rss>`,
		`<feed><entry><content type="xhtml"><div><p>x</p></div></content></entry></feed>`, `<rss><item>`, `<rdf:RDF><item><dc:date>2022-09-10</dc:date></item></rdf:RDF>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "feed.xml", data) })
}

func FuzzEXIF(f *testing.F) {
	plain := tinyJPEG(f)
	f.Add(plain)
	f.Add(withEXIF(plain, photoEXIF(binary.LittleEndian)))
	f.Add(withEXIF(plain, photoEXIF(binary.BigEndian)))
	f.Add(withEXIF(plain, []byte("MM\x00*\x00\x00\x00\x08\xff\xff")))
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x02})
	f.Fuzz(func(t *testing.T, data []byte) {
		if x, err := ReadEXIF(data); err == nil && x != nil && x.HasGPS && (x.Lat < -90 || x.Lat > 90 || x.Lon < -180 || x.Lon > 180) {
			t.Fatalf("GPS outside the globe: %+v", x)
		}
		fuzzParse(t, "photo.jpg", data)
	})
}

func FuzzCSV(f *testing.F) {
	f.Add([]byte("event_date,event_type,sub_event_type,actor1,location,latitude,longitude,notes,source\n2022-09-10,Battles,x,y,Balakliia,49.46,36.83,\"a \"\"b\"\"\",UP\n"))
	f.Add([]byte("event_date;event_type;sub_event_type;actor1;location;latitude;longitude;notes;source\n10 September 2022;B;x;y;z;1;2;n;s\n"))
	f.Add([]byte("a,b\n1,2\n"))
	f.Add([]byte("event_date,\"unclosed\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "events.csv", data) })
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"place":"Balakliia","assertion":"under control of","side":"russia","quote":"x"}` + "\n"))
	f.Add([]byte(`{"url":"http://rss.cnn.com/rss/edition.rss","link":"l","title":"t","date_published":"2022-09-06 02:08:55+00:00","description":"d"}`))
	f.Add([]byte(`[{"lon":36.8,"lat":49.4,"time":"2022-09-10","kind":"video"}]`))
	f.Add([]byte(`{"lon":"36.8","lat":"1e400"}`))
	f.Add([]byte(`[{"id":"CIV1","date":"09/10/2022","latitude":"49.4","longitude":"36.8","location":"","description":"d","sources":[{"path":"p"}],"filters":[]}]`))
	f.Add([]byte(`[{"latitude":1,"longitude":2,"date":3,"sources":4}]`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "records.json", data) })
}

// FuzzParse feeds anything to the sniffer and every parser.
func FuzzParse(f *testing.F) {
	rng := rand.New(rand.NewSource(1))
	garbage := make([]byte, 2048)
	rng.Read(garbage)
	f.Add("x.bin", garbage)
	f.Add("a.txt", []byte("Balakliia is under our control."))
	f.Add("a.html", []byte("no markup"))
	f.Add("a", []byte("\ufeff<rss"))
	f.Add("a.txt", []byte("\xff\xfeB\x00a\x00\x1a\x04"))                                                         // UTF-16LE
	f.Add("a.xml", []byte("\xfe\xff\x00<\x00r\x00s\x00s\x00>\x00<\x00i\x00t\x00e\x00m\x00>\x00x"))               // UTF-16BE, cut
	f.Add("a.txt", []byte("\xd3\xea\xf0\xe0\xbf\xed\xf1\xfc\xea\xb3 \xe2\xb3\xe9\xf1\xfc\xea\xe0 \xc1\xe0\xeb")) // Windows-1251
	f.Fuzz(func(t *testing.T, name string, data []byte) { fuzzParse(t, name, data) })
}

func TestRandomBytesRefused(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for i := 0; i < 50; i++ {
		b := make([]byte, 64+rng.Intn(4096))
		rng.Read(b)
		if bytes.IndexByte(b, 0) >= 0 && i%2 == 0 {
			b = bytes.ReplaceAll(b, []byte{0}, []byte{1}) // no NUL: still binary
		}
		if _, err := Parse("x", b); err == nil {
			t.Fatalf("random bytes %d accepted", i)
		}
	}
}

func FuzzDeepState(f *testing.F) {
	for _, s := range []string{
		`[{"id":1656935338,"description":"Нога <a href=\"https://deepstatemap.live/#13/45.2552/30.2227\">острів Зміїний.</a> ","descriptionEn":"On <a href=\"https://deepstatemap.live/en#13/45.2552/30.2227\">Snake Island.</a>.","createdAt":"2022-07-04T11:48:58.000Z","occupied":81376.7}]`,
		`[{"id":"x","createdAt":"2022-07-04T11:48:58.000Z","description":"a"}]`,
		`[{"id":1,"createdAt":5,"description":["a"]}]`,
		`[{"id":1,"createdAt":"","description":"<a href=#1/2/3>a<br>b</a><a href='#x/y/z'>c</a> &amp;&nbsp;<b>d</b><p>"},{"id":2}]`,
		`[{"id":1662802147,"createdAt":"bad","descriptionEn":"<a href=\"#14/91/37\">x</a><a>"}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "history.json", data) })
}
