package report

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/frontline-osint/frontline"
)

func mustParse(t *testing.T, name string, data []byte) *Parsed {
	t.Helper()
	p, err := Parse(name, data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	checkInvariants(t, data, p)
	return p
}

// checkInvariants holds for every parse: Hash is the SHA-256 of Raw, Text
// is UTF-8, items' Raw lie within the input.
func checkInvariants(t testing.TB, data []byte, p *Parsed) {
	t.Helper()
	if enc, _ := utf16Encoding(data); enc != nil {
		data, _ = decodeUTF16(enc, data) // items are slices of the decoded file
	}
	for _, r := range p.Reports {
		if r.Hash != Hash(r.Raw) {
			t.Fatalf("hash of %q is not the hash of its raw bytes", r.Title)
		}
		if !utf8.ValidString(r.Text) || !utf8.ValidString(r.Title) {
			t.Fatalf("text of %q is not UTF-8", r.Title)
		}
		if p.Container && !bytes.Contains(data, r.Raw) && declaredEncoding(data) == "" {
			t.Fatalf("item %d's raw bytes are not in the file: %q", r.Item, r.Raw)
		}
		if e := r.Evidence; e != nil && (math.Abs(e.Lat) > 90 || math.Abs(e.Lon) > 180 || math.IsNaN(e.Lat) || math.IsNaN(e.Lon)) {
			t.Fatalf("evidence outside the globe: %+v", e)
		}
		for _, l := range r.Links {
			if l.Start < 0 || l.End <= l.Start || l.End > len(r.Text) || !utf8.RuneStart(r.Text[l.Start]) ||
				(l.End < len(r.Text) && !utf8.RuneStart(r.Text[l.End])) {
				t.Fatalf("link %+v is not a span of the text (%d bytes)", l, len(r.Text))
			}
			if math.Abs(l.Lat) > 90 || math.Abs(l.Lon) > 180 || math.IsNaN(l.Lat) || math.IsNaN(l.Lon) {
				t.Fatalf("link outside the globe: %+v", l)
			}
		}
	}
}

func refusedWith(t *testing.T, name string, data []byte, want ...string) {
	t.Helper()
	_, err := Parse(name, data)
	if err == nil {
		t.Fatalf("%s: accepted, want refused with %q", name, want)
	}
	if frontline.ErrorCode(err) != frontline.EINVALID {
		t.Fatalf("%s: error code %s (%v)", name, frontline.ErrorCode(err), err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Fatalf("%s: refused with %q, want it to say %q", name, err, w)
		}
	}
}

func TestSeedArticle(t *testing.T) {
	path := filepath.Join(dataDir(t), "articles", "kharkiv-counteroffensive-2022-09.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p := mustParse(t, path, data)
	r := p.Reports[0]
	if p.Kind != frontline.ReportText || len(p.Reports) != 1 || p.Container {
		t.Fatalf("kind %s, %d reports", p.Kind, len(p.Reports))
	}
	// Text is the file: byte offsets into it are offsets into the file.
	if r.Text != string(data) || !bytes.Equal(r.Raw, data) || r.Lang != "en" {
		t.Fatalf("text differs from the file (lang %q)", r.Lang)
	}
	if r.Title != "A decisive advance by Ukrainian forces liberated 2,500 km of Russian-occupied territory" {
		t.Fatalf("title %q", r.Title)
	}
	if i := strings.Index(r.Text, "“It’s under our control.”"); i < 0 || !strings.HasPrefix(string(data[i:]), "“It’s under") {
		t.Fatal("quote not found at the same offset in text and file")
	}
}

func TestPressFiles(t *testing.T) {
	dir := filepath.Join(dataDir(t), "articles", "press-2022-09")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) < 20 {
		t.Fatalf("%d press texts", len(files))
	}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		p := mustParse(t, f, data)
		if p.Kind != frontline.ReportText || p.Reports[0].Title == "" || p.Reports[0].Lang != "en" {
			t.Errorf("%s: kind %s, title %q, lang %q", filepath.Base(f), p.Kind, p.Reports[0].Title, p.Reports[0].Lang)
		}
	}

	// The RSS link database: JSON lines of feed entries, one report each,
	// whose Raw is its line.
	path := filepath.Join(dir, "2022-09-06-rss-link-database-kharkiv-counteroffensive-entries.jsonl")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p := mustParse(t, path, data)
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if p.Kind != frontline.ReportFeedJSONL || len(p.Reports) != len(lines) || !p.Container {
		t.Fatalf("kind %s, %d reports for %d lines", p.Kind, len(p.Reports), len(lines))
	}
	for i, r := range p.Reports {
		var e feedEntry
		json.Unmarshal([]byte(lines[i]), &e)
		if string(r.Raw) != lines[i] || r.URL != e.Link || r.PublishedAt == nil || r.Item != i+1 || !strings.HasPrefix(r.Text, oneLine(e.Title)) {
			t.Fatalf("line %d: %+v", i+1, r)
		}
	}
	if got := p.Reports[0].PublishedAt.Format(time.RFC3339); got != "2022-09-06T02:08:55Z" {
		t.Fatalf("first entry published %s", got)
	}
	if p.Reports[0].Source != "http://rss.cnn.com/rss/edition.rss" {
		t.Fatalf("source %q", p.Reports[0].Source)
	}
}

func TestBellingcatExport(t *testing.T) {
	path := filepath.Join(dataDir(t), "events", "bellingcat-civharm-2024-06-02.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var recs []map[string]any
	if err := json.Unmarshal(data, &recs); err != nil {
		t.Fatal(err)
	}
	p := mustParse(t, path, data)
	if p.Kind != frontline.ReportBellingcat || len(p.Reports) != len(recs) {
		t.Fatalf("kind %s: %d reports for %d records", p.Kind, len(p.Reports), len(recs))
	}
	located, sept := 0, 0
	for i, r := range p.Reports {
		var rec map[string]any
		if err := json.Unmarshal(r.Raw, &rec); err != nil || rec["id"] != recs[i]["id"] {
			t.Fatalf("record %d: raw is not the record (%v)", i+1, err)
		}
		if r.Evidence != nil {
			located++
			if r.Evidence.Kind != "incident" || r.Evidence.TimePrecision != "day" || len(r.Evidence.Links) != len(recs[i]["sources"].([]any)) {
				t.Fatalf("record %d evidence: %+v", i+1, r.Evidence)
			}
			if r.Evidence.Time.Format("2006-01") == "2022-09" {
				sept++
			}
		} else if !strings.Contains(r.Note, "no location") {
			t.Fatalf("record %d has neither evidence nor a note", i+1)
		}
		if r.Source != "Bellingcat" {
			t.Fatalf("record %d source %q", i+1, r.Source)
		}
	}
	// The data README: 90 incidents in September 2022.
	if sept != 90 || located < len(recs)*99/100 {
		t.Fatalf("%d located, %d in Sept 2022", located, sept)
	}
	first := p.Reports[0]
	if first.Evidence.Lat != 49.212119 || first.Evidence.Lon != 38.905921 || first.Evidence.Time.Format("2006-01-02") != "2022-02-24" ||
		!strings.Contains(first.Text, "Weapon System: Unknown") || !strings.HasPrefix(first.Title, "CIV0098 2022-02-24") {
		t.Fatalf("first: %+v %+v", first, first.Evidence)
	}
}

const page = `<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Ukraine retakes Balakliia | Example News</title>
<meta property="og:title" content="Ukraine retakes Balakliia">
<meta property="article:published_time" content="2022-09-10T14:05:00+03:00">
<link rel="canonical" href="https://example.org/balakliia">
<style>p { color: red }</style>
<script>var tracking = "Balakliia under our control";</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World news menu</a></nav></header>
<aside>Most read: celebrity gossip</aside>
<article>
<h1>Ukraine retakes <b>Balakliia</b></h1>
<p>Ukrainian soldiers raised the flag over
   Balakliia on Saturday, videos showed.</p>
<p>The Russian-appointed head said it was &ldquo;under our control&rdquo;.</p>
<script type="application/ld+json">{"@context":"https://schema.org","datePublished":"2020-01-01"}</script>
</article>
<footer>© Example News. Cookie settings.</footer>
</body></html>`

func TestHTML(t *testing.T) {
	p := mustParse(t, "page.html", []byte(page))
	r := p.Reports[0]
	want := "Ukraine retakes Balakliia\n\nUkrainian soldiers raised the flag over Balakliia on Saturday, videos showed.\n\nThe Russian-appointed head said it was “under our control”."
	if r.Text != want {
		t.Fatalf("text:\n%q\nwant\n%q", r.Text, want)
	}
	if r.Title != "Ukraine retakes Balakliia" || r.URL != "https://example.org/balakliia" || r.Kind != frontline.ReportHTML {
		t.Fatalf("title %q url %q", r.Title, r.URL)
	}
	if r.PublishedAt == nil || r.PublishedAt.Format(time.RFC3339) != "2022-09-10T11:05:00Z" {
		t.Fatalf("published %v", r.PublishedAt)
	}

	// Without an <article>: the body minus boilerplate; time from JSON-LD.
	ld := `<html><head><title>T</title><script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2022-09-11T08:00:00Z"}]}</script></head>
<body><nav>Menu</nav><div>First para.</div><div>Second <i>para</i>.</div></body></html>`
	r = mustParse(t, "x", []byte(ld)).Reports[0]
	if r.Text != "First para.\n\nSecond para." || r.PublishedAt == nil || r.PublishedAt.Format(time.RFC3339) != "2022-09-11T08:00:00Z" {
		t.Fatalf("ld page: %q %v", r.Text, r.PublishedAt)
	}
	// <time datetime>, and a page whose boilerplate is never closed.
	tm := `<html><body><header>Site<p>Kupiansk: Ukrainian troops entered the city. <time datetime="2022-09-10">Sat</time></p></body></html>`
	r = mustParse(t, "x.html", []byte(tm)).Reports[0]
	if !strings.Contains(r.Text, "Kupiansk: Ukrainian troops entered the city.") || r.PublishedAt == nil || r.PublishedAt.Format("2006-01-02") != "2022-09-10" {
		t.Fatalf("time page: %q %v", r.Text, r.PublishedAt)
	}
	// A declared legacy charset is decoded.
	cp := append([]byte(`<html><head><meta charset="windows-1251"></head><body><p>`), 0xC1, 0xE0, 0xEB, 0xE0, 0xEA, 0xEB, 0xB3, 0xFF)
	cp = append(cp, []byte(`</p></body></html>`)...)
	r = mustParse(t, "cp.html", cp).Reports[0]
	if r.Text != "Балаклія" || r.Lang != "uk" {
		t.Fatalf("windows-1251 page: %q lang %q", r.Text, r.Lang)
	}
}

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>BBC News - World</title>
<image><title>BBC News</title></image>
<item>
  <title>Ukraine retakes Izium</title>
  <link>https://www.bbc.co.uk/news/1</link>
  <description>&lt;p&gt;Russia &lt;b&gt;withdrew&lt;/b&gt; from Izium &amp; Balakliia.&lt;/p&gt;</description>
  <pubDate>Sat, 10 Sep 2022 18:49:07 GMT</pubDate>
</item>
<item><title>Kupiansk entered</title><link>https://www.bbc.co.uk/news/2</link><description><![CDATA[Troops at the <i>gates</i>&nbsp;of Kupiansk]]></description><dc:date>2022-09-10T07:21:07Z</dc:date></item>
</channel></rss>`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>ISW updates</title>
  <entry>
    <title type="html">Russian Offensive Campaign Assessment, September 10</title>
    <link rel="alternate" href="https://www.understandingwar.org/a"/>
    <id>tag:isw,2022:1</id>
    <updated>2022-09-11T01:00:00Z</updated>
    <published>2022-09-10T23:30:00-04:00</published>
    <summary type="html">&lt;p&gt;Ukrainian forces have recaptured more than 2,500 square kilometers.&lt;/p&gt;</summary>
  </entry>
  <entry><title>No date</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body <b>text</b></p></div></content></entry>
</feed>`

func TestFeeds(t *testing.T) {
	p := mustParse(t, "bbc.xml", []byte(rss))
	if p.Kind != frontline.ReportRSSItem || len(p.Reports) != 2 || !p.Container {
		t.Fatalf("rss: %s, %d", p.Kind, len(p.Reports))
	}
	a, b := p.Reports[0], p.Reports[1]
	if !strings.HasPrefix(string(a.Raw), "<item>") || !strings.HasSuffix(string(a.Raw), "</item>") || strings.Count(string(a.Raw), "<item>") != 1 {
		t.Fatalf("item raw: %q", a.Raw)
	}
	if a.Text != "Ukraine retakes Izium\n\nRussia withdrew from Izium & Balakliia." || a.Source != "BBC News - World" || a.URL != "https://www.bbc.co.uk/news/1" ||
		a.PublishedAt.Format(time.RFC3339) != "2022-09-10T18:49:07Z" || a.Item != 1 {
		t.Fatalf("item 1: %+v", a)
	}
	if b.Text != "Kupiansk entered\n\nTroops at the gates of Kupiansk" || b.PublishedAt.Format(time.RFC3339) != "2022-09-10T07:21:07Z" {
		t.Fatalf("item 2: %q %v", b.Text, b.PublishedAt)
	}

	p = mustParse(t, "isw.atom", []byte(atomFeed))
	if p.Kind != frontline.ReportAtomEntry || len(p.Reports) != 2 {
		t.Fatalf("atom: %s %d", p.Kind, len(p.Reports))
	}
	e := p.Reports[0]
	if e.Text != "Russian Offensive Campaign Assessment, September 10\n\nUkrainian forces have recaptured more than 2,500 square kilometers." ||
		e.URL != "https://www.understandingwar.org/a" || e.PublishedAt.Format(time.RFC3339) != "2022-09-11T03:30:00Z" || e.Source != "ISW updates" {
		t.Fatalf("entry: %+v", e)
	}
	if p.Reports[1].Text != "No date\n\nBody text" || p.Reports[1].PublishedAt != nil {
		t.Fatalf("entry 2: %q", p.Reports[1].Text)
	}

	// Malformed feeds are refused whole, with the line.
	refusedWith(t, "cut.xml", []byte(rss[:len(rss)-40]), "malformed feed")
	refusedWith(t, "bad.xml", []byte(strings.Replace(rss, "</title>\n<image>", "</titel>\n<image>", 1)), "malformed feed: line 4")
	refusedWith(t, "empty.rss", []byte(`<rss><channel><title>x</title></channel></rss>`), "no items")
	refusedWith(t, "map.kml", []byte(`<?xml version="1.0"?><kml><Document/></kml>`), "<kml>", "layer import")
}

func TestClaimsJSONL(t *testing.T) {
	lines := `{"place":"Balakliia","assertion":"under control of","side":"russia","speaker":"Vitaly Ganchev","time":"2022-09-09","quote":"It’s under our control.","source":"Russian state television"}
{"place":"Izium","assertion":"withdrawn from","side":"ukraine","speaker":"Russian Ministry of Defence","published":"2022-09-10T15:00:00Z"}
`
	p := mustParse(t, "claims.jsonl", []byte(lines))
	if p.Kind != frontline.ReportClaimsJSONL || len(p.Reports) != 2 {
		t.Fatalf("%s %d", p.Kind, len(p.Reports))
	}
	a, b := p.Reports[0], p.Reports[1]
	if a.Text != "It’s under our control." || a.Title != "Vitaly Ganchev: Balakliia under control (russia)" || a.Source != "Russian state television" || a.PublishedAt != nil {
		t.Fatalf("claim 1: %+v", a)
	}
	if string(b.Raw) != strings.Split(lines, "\n")[1] || b.PublishedAt.Format(time.RFC3339) != "2022-09-10T15:00:00Z" {
		t.Fatalf("claim 2: %+v", b)
	}
	c, err := ParseClaimRecord(a.Raw)
	if err != nil || c.Assertion != "under_control" || c.Side != "russia" {
		t.Fatalf("record: %+v %v", c, err)
	}
	refusedWith(t, "c.jsonl", []byte(lines+`{"place":"Kupiansk","assertion":"vaporised"}`+"\n"), "line 3", "unknown assertion")
	refusedWith(t, "c.jsonl", []byte(lines+`{"place":"Kupiansk","assertion":"captured"`+"\n"), "line 3")
	refusedWith(t, "c.jsonl", []byte(`{"assertion":"captured","place":""}`), "lacks \"place\"")
	refusedWith(t, "x.json", []byte(`{"foo":1,"bar":2}`), "bar, foo", "not a known report format")
}

func TestEventCSV(t *testing.T) {
	csv := "event_date,event_type,sub_event_type,actor1,location,latitude,longitude,notes,source,fatalities\n" +
		"2022-09-10,Battles,Government regains territory,Military Forces of Ukraine,Balakliia,49.4627,36.8372,\"On 10 September 2022, Ukrainian forces, \"\"after days of fighting\"\", regained control of Balakliia.\",Ukrainska Pravda,0\r\n" +
		"10 September 2022,Strategic developments,Non-violent transfer of territory,Military Forces of Russia,Izium,49.2103,37.2563,Russian forces withdrew from Izium.,Ministry of Defence of Ukraine,0\n"
	p := mustParse(t, "events.csv", []byte(csv))
	if p.Kind != frontline.ReportEventCSV || len(p.Reports) != 2 {
		t.Fatalf("%s %d", p.Kind, len(p.Reports))
	}
	a, b := p.Reports[0], p.Reports[1]
	if a.Evidence == nil || a.Evidence.Lat != 49.4627 || a.Evidence.Kind != "event" || a.Evidence.Time.Format("2006-01-02") != "2022-09-10" ||
		a.Text != `On 10 September 2022, Ukrainian forces, "after days of fighting", regained control of Balakliia.` || a.Source != "Ukrainska Pravda" ||
		!strings.HasPrefix(string(a.Raw), "2022-09-10,Battles") || strings.HasSuffix(string(a.Raw), "\r") {
		t.Fatalf("row 1: %+v %+v", a, a.Evidence)
	}
	if b.Evidence.Time.Format("2006-01-02") != "2022-09-10" || b.Evidence.Location != "Izium" || b.Item != 2 {
		t.Fatalf("row 2: %+v", b.Evidence)
	}
	// The wrong columns: the error names what is missing.
	refusedWith(t, "wrong.csv", []byte("date,type,place,lat,lon\n2022-09-10,Battles,Balakliia,49.4,36.8\n"),
		"lacks the columns event_date, event_type, sub_event_type, actor1, location, latitude, longitude, notes, source")
	refusedWith(t, "one.csv", []byte(strings.Replace(csv, ",notes,", ",note,", 1)), "lacks the column notes")
	refusedWith(t, "bad.csv", []byte(strings.Replace(csv, "49.2103", "north", 1)), "CSV line 3", "latitude")
	refusedWith(t, "short.csv", []byte(csv+"2022-09-11,Battles\n"), "CSV line 4")
	refusedWith(t, "date.csv", []byte(strings.Replace(csv, "2022-09-10,Battles", "yesterday,Battles", 1)), "CSV line 2", "event_date")
}

func TestEvidenceJSON(t *testing.T) {
	arr := `[{"lon": 36.8372, "lat": 49.4627, "time": "2022-09-10T09:00:00Z", "description": "Flag over Balakliia", "link": "https://t.me/x/1", "kind": "video", "location": "Balakliia"},
 {"lon": "37.6", "lat": "49.7", "time": "2022-09-10", "kind": "satellite"}]`
	p := mustParse(t, "ev.json", []byte(arr))
	if p.Kind != frontline.ReportEvidenceJSON || len(p.Reports) != 2 {
		t.Fatalf("%s %d", p.Kind, len(p.Reports))
	}
	a, b := p.Reports[0], p.Reports[1]
	if a.Evidence.Kind != "video" || a.Evidence.Time.Format(time.RFC3339) != "2022-09-10T09:00:00Z" || a.Text != "Flag over Balakliia" || a.URL != "https://t.me/x/1" ||
		!strings.HasPrefix(string(a.Raw), `{"lon": 36.8372`) || !strings.HasSuffix(string(a.Raw), `"Balakliia"}`) {
		t.Fatalf("record 1: %+v", a)
	}
	if b.Evidence.Lon != 37.6 || b.Evidence.TimePrecision != "day" {
		t.Fatalf("record 2: %+v", b.Evidence)
	}
	lines := `{"lon": 36.8, "lat": 49.4, "kind": "photo"}` + "\n" + `{"lon": 36.9, "lat": 49.5}` + "\n"
	if p := mustParse(t, "ev.jsonl", []byte(lines)); len(p.Reports) != 2 || p.Reports[1].Evidence.Kind != "other" {
		t.Fatalf("lines: %+v", p.Reports)
	}
	refusedWith(t, "ev.json", []byte(`[{"lon": 200, "lat": 49}]`), "record 1", "lon 200 is outside ±180")
	refusedWith(t, "ev.json", []byte(`[{"lon": 36, "lat": 49, "kind": "rumour"}]`), "unknown evidence kind")
	refusedWith(t, "ev.json", []byte(`[{"lon": 36, "lat": 49}, {"lon": 36, "lat": null}]`), "record 2", "lat is missing")
	refusedWith(t, "ev.json", []byte(`[{"lon": 36, "lat": 49}`), "invalid JSON")
}

func TestJPEG(t *testing.T) {
	plain := tinyJPEG(t)
	p := mustParse(t, "IMG_0001.jpg", plain)
	r := p.Reports[0]
	if p.Kind != frontline.ReportJPEG || r.Evidence != nil || !strings.Contains(r.Note, "no EXIF block: stored without location") ||
		r.Title != "IMG_0001.jpg (JPEG 16×8)" || !bytes.Equal(r.Raw, plain) {
		t.Fatalf("jpeg without EXIF: %+v", r)
	}
	for _, ord := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		photo := withEXIF(plain, photoEXIF(ord))
		r = mustParse(t, "balakliia.jpeg", photo).Reports[0]
		e := r.Evidence
		if e == nil || math.Abs(e.Lat-49.4627) > 1e-5 || math.Abs(e.Lon-36.8372) > 1e-5 || e.Kind != "photo" ||
			e.Time.Format(time.RFC3339) != "2022-09-10T06:30:00Z" || r.Text != "Flag raised over the city council" || !strings.Contains(r.Note, "camera Canon") {
			t.Fatalf("%v EXIF: %+v %+v", ord, r, e)
		}
	}
	// EXIF with a time but no GPS: no location, the time in the note.
	noGPS := withEXIF(plain, buildTIFF(binary.LittleEndian, []tiffEntry{asciiEntry(0x0132, "2022:09:10 12:00:00")}, nil, nil))
	r = mustParse(t, "x.jpg", noGPS).Reports[0]
	if r.Evidence != nil || !strings.Contains(r.Note, "no GPS position") || !strings.Contains(r.Note, "taken 2022-09-10T12:00:00Z") || !strings.Contains(r.Note, "no time zone") {
		t.Fatalf("no GPS: %+v", r)
	}
	// GPS south/west, and a corrupt EXIF block (offset out of range).
	sw := withEXIF(plain, buildTIFF(binary.BigEndian, nil, nil, []tiffEntry{asciiEntry(1, "S"), dms(2, 34.6, binary.BigEndian), asciiEntry(3, "W"), dms(4, 58.38, binary.BigEndian)}))
	if e := mustParse(t, "ba.jpg", sw).Reports[0].Evidence; e == nil || e.Lat > -34 || e.Lon > -58 {
		t.Fatalf("south-west: %+v", e)
	}
	bad := withEXIF(plain, []byte("II*\x00\xff\xff\xff\x7f"))
	if r := mustParse(t, "bad.jpg", bad).Reports[0]; r.Evidence != nil || !strings.Contains(r.Note, "EXIF unreadable") {
		t.Fatalf("corrupt EXIF: %+v", r)
	}
	refusedWith(t, "cut.jpg", plain[:40], "not a readable JPEG")
}

func TestRefusals(t *testing.T) {
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(i*7919 + i/3)
	}
	refusedWith(t, "x.bin", garbage, "binary data")
	refusedWith(t, "x.txt", []byte("Balakliia\x00\x01\x02"), "binary data")
	refusedWith(t, "x.pdf", []byte("%PDF-1.7\n..."), "PDF")
	refusedWith(t, "x.txt", []byte(" \n\t "), "empty")
	refusedWith(t, "x.txt", append([]byte("Балаклія "), 0xC1, 0xE0, 0xEB, 0xE0, 0xEA, 0xEB, 0xB3, 0xFF, ' ', 'x', 'y', 'z', 'w', 'v', 'u', 't', 's', 'r', 'q', 'p', 'o', 'n', 'm', 'l', 'k', 'j', 'i', 'h', 'g', 'f', 'e'), "not UTF-8")
	// Over the limit: refused before parsing, whatever the format.
	big := bytes.Repeat([]byte("<p>Balakliia</p>\n"), (MaxBytes/17)+100)
	refusedWith(t, "big.html", big, "over the 20 MiB limit")

	// Text in another language is stored, with its language.
	uk := mustParse(t, "uk.txt", []byte("Українські війська звільнили Балаклію.")).Reports[0]
	ru := mustParse(t, "ru.txt", []byte("Минобороны объявило о перегруппировке войск.")).Reports[0]
	if uk.Lang != "uk" || ru.Lang != "ru" {
		t.Fatalf("lang uk=%q ru=%q", uk.Lang, ru.Lang)
	}
}

// TestLargeHTML checks that a large page is read in linear time and
// bounded memory, nested or not.
func TestLargeHTML(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	nested := append(bytes.Repeat([]byte("<div><span>"), 800_000), []byte("Balakliia")...)
	start := time.Now()
	p := mustParse(t, "nested.html", nested)
	if !strings.Contains(p.Reports[0].Text, "Balakliia") || time.Since(start) > 20*time.Second {
		t.Fatalf("nested page: %d bytes of text in %s", len(p.Reports[0].Text), time.Since(start))
	}
}

func TestSniff(t *testing.T) {
	for _, c := range []struct {
		name, data string
		want       frontline.ReportKind
	}{
		{"a.txt", "Plain words.", frontline.ReportText},
		{"a.html", "Just words in an .html file", frontline.ReportHTML},
		{"a", "\ufeff  <!doctype html><p>x", frontline.ReportHTML},
		{"a", "<?xml version='1.0'?><!-- c --><rss><channel/></rss>", frontline.ReportRSSItem},
		{"a", "<rdf:RDF><item/></rdf:RDF>", frontline.ReportRSSItem},
		{"a", "<feed xmlns='http://www.w3.org/2005/Atom'/>", frontline.ReportAtomEntry},
		{"a", "event_date,event_type\n", frontline.ReportEventCSV},
		{"a.csv", "a,b\n", frontline.ReportEventCSV},
		{"a", `{"place":"x","assertion":"captured"}`, frontline.ReportClaimsJSONL},
		{"a", `[{"lon":1,"lat":2}]`, frontline.ReportEvidenceJSON},
	} {
		got, err := Sniff(c.name, []byte(c.data))
		if err != nil || got != c.want {
			t.Errorf("Sniff(%q, %q) = %s, %v; want %s", c.name, c.data, got, err, c.want)
		}
	}
}

func TestClaimAssertions(t *testing.T) {
	for in, want := range map[string]string{"at the outskirts of": "at_outskirts", "Outskirts": "at_outskirts", "advanced toward": "advanced_towards",
		"withdrew from": "withdrawn", "Under-Control": "under_control", "liberated": "liberated"} {
		c, err := ParseClaimRecord([]byte(`{"place":"Kupiansk","assertion":"` + in + `"}`))
		if err != nil || c.Assertion != want {
			t.Errorf("%q → %+v %v, want %s", in, c, err, want)
		}
	}
}

// TestMarkdownAsideBlanked: image lines and See also/References sections
// of a Markdown text are blanked, byte for byte, so offsets still index
// the file; the rest is untouched.
func TestMarkdownAsideBlanked(t *testing.T) {
	text := "# Battle of X\nUkrainian forces liberated Balakliia.\n![UA flag in liberated Balakliia](https://w.org/a.png?)\n" +
		"![a](<https://w.org/b_(c).svg?>) ![d](https://w.org/e.svg)\n## Aftermath\nText stays.\n## See also\n * Battle of Izium\n### Sub\n * more\n## Після\nЛишається.\n## Примітки\n1. x\n"
	p, err := Parse("x.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	got := p.Reports[0].Text
	if len(got) != len(text) {
		t.Fatalf("length %d, want %d", len(got), len(text))
	}
	for _, gone := range []string{"UA flag", "w.org", "Battle of Izium", "more", "See also", "Примітки", "1. x"} {
		if strings.Contains(got, gone) {
			t.Errorf("%q not blanked:\n%s", gone, got)
		}
	}
	for _, kept := range []string{"# Battle of X", "Ukrainian forces liberated Balakliia.", "## Aftermath\nText stays.", "## Після\nЛишається."} {
		if !strings.Contains(got, kept) {
			t.Errorf("%q lost:\n%s", kept, got)
		}
	}
	if !strings.Contains(p.Reports[0].Note, "2 image lines and 2 See also/References sections blanked") {
		t.Errorf("note %q", p.Reports[0].Note)
	}
	// Plain text with no Markdown is unchanged and has no note.
	plain := "Russian forces withdrew from Izium. See also: the map.\n"
	if p, err := Parse("y.txt", []byte(plain)); err != nil || p.Reports[0].Text != plain || p.Reports[0].Note != "" {
		t.Errorf("plain text changed: %+v %v", p.Reports[0], err)
	}
}

// TestFeedLinksAndBareAmpersand: an item's page is its RSS <link>, not the
// <atom:link rel="self"> many feeds add; a bare & reads the feed leniently
// (with a note) instead of refusing every item.
func TestFeedLinksAndBareAmpersand(t *testing.T) {
	feed := `<?xml version="1.0"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Wire</title>
<atom:link href="https://wire.example/feed" rel="self" type="application/rss+xml"/>
<item><title>Balakliia liberated</title><link>https://wire.example/a</link><atom:link href="https://wire.example/feed" rel="self"/><description>Ukrainian forces liberated Balakliia.</description></item>
<item><title>Izium</title><atom:link href="https://wire.example/b" rel="alternate"/><description>Russian forces withdrew from Izium.</description></item>
</channel></rss>`
	p, err := Parse("wire.xml", []byte(feed))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Reports) != 2 || p.Reports[0].URL != "https://wire.example/a" || p.Reports[1].URL != "https://wire.example/b" {
		for _, r := range p.Reports {
			t.Logf("%d %s", r.Item, r.URL)
		}
		t.Fatalf("links: %d reports", len(p.Reports))
	}
	bare := strings.Replace(feed, "Izium</title>", "Izium & Kupiansk</title>", 1)
	bare = strings.Replace(bare, "https://wire.example/a<", "https://wire.example/a?x=1&y=2<", 1)
	p, err = Parse("wire.xml", []byte(bare))
	if err != nil {
		t.Fatalf("a bare & refused the feed: %v", err)
	}
	if len(p.Reports) != 2 || p.Reports[1].Title != "Izium & Kupiansk" || p.Reports[0].URL != "https://wire.example/a?x=1&y=2" ||
		!strings.Contains(p.Reports[0].Note, "bare '&'") {
		t.Errorf("lenient read: %+v", p.Reports[0])
	}
	// Other malformations are still refused.
	if _, err := Parse("wire.xml", []byte(strings.Replace(feed, "</channel>", "", 1))); err == nil {
		t.Error("an unclosed element was accepted")
	}
}
