package report

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/frontline-osint/frontline"
)

const ukText = "Українські війська звільнили Балаклію та увійшли до Куп'янська.\nЗа словами Генштабу, бої тривають біля Ізюма."
const ruText = "Министерство обороны России объявило о перегруппировке войск у Изюма и Балаклеи.\nЭто было в субботу."

func encode(t *testing.T, tr transform.Transformer, s string) []byte {
	t.Helper()
	b, _, err := transform.Bytes(tr, []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// UTF-16 with a byte-order mark is decoded; Raw stays the bytes received.
func TestUTF16(t *testing.T) {
	le := encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder(), ukText)
	be := encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder(), ukText)
	if !bytes.HasPrefix(le, []byte{0xFF, 0xFE}) || !bytes.HasPrefix(be, []byte{0xFE, 0xFF}) {
		t.Fatalf("encoder wrote no byte-order mark: % x / % x", le[:4], be[:4])
	}
	for name, data := range map[string][]byte{"UTF-16LE": le, "UTF-16BE": be} {
		p := mustParse(t, "uk.txt", data)
		r := p.Reports[0]
		if p.Kind != frontline.ReportText || r.Text != ukText || !bytes.Equal(r.Raw, data) || r.Hash != Hash(data) || r.Lang != "uk" {
			t.Fatalf("%s: kind %s text %q lang %q raw kept %v", name, p.Kind, r.Text, r.Lang, bytes.Equal(r.Raw, data))
		}
		if !strings.Contains(r.Note, "decoded from "+name) || r.Title != "Українські війська звільнили Балаклію та увійшли до Куп'янська." {
			t.Fatalf("%s: note %q title %q", name, r.Note, r.Title)
		}
	}

	// A web page and a feed in UTF-16 (whose declarations say so).
	page := encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder(),
		`<html><head><meta charset="utf-16"><title>Балаклія</title></head><body><p>`+ukText+`</p></body></html>`)
	r := mustParse(t, "page.html", page).Reports[0]
	if r.Title != "Балаклія" || !strings.Contains(r.Text, "Куп'янська") || !bytes.Equal(r.Raw, page) {
		t.Fatalf("UTF-16 page: title %q text %q", r.Title, r.Text)
	}
	feed := encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder(), strings.Replace(rss, `<?xml version="1.0" encoding="UTF-8"?>`, `<?xml version="1.0" encoding="UTF-16"?>`, 1))
	p, err := Parse("feed.xml", feed)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Reports) != 2 || p.Reports[0].Title != "Ukraine retakes Izium" || !strings.Contains(p.Reports[0].Note, "decoded from UTF-16BE") {
		t.Fatalf("UTF-16 feed: %d items, %+v", len(p.Reports), p.Reports[0])
	}

	// A mark and nothing else; a mark before binary data.
	refusedWith(t, "bom.txt", []byte{0xFF, 0xFE}, "empty")
	refusedWith(t, "bom.bin", append([]byte{0xFF, 0xFE}, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04, 0x00), "binary data", "UTF-16LE")
}

// Cyrillic in Windows-1251 or KOI8 is decoded when the letters tell which;
// other 8-bit text is refused as not UTF-8, not as binary.
func TestLegacyCyrillic(t *testing.T) {
	for _, c := range []struct {
		text, enc, lang string
		data            []byte
	}{
		{ukText, "Windows-1251", "uk", encode(t, charmap.Windows1251.NewEncoder(), ukText)},
		{ruText, "Windows-1251", "ru", encode(t, charmap.Windows1251.NewEncoder(), ruText)},
		{ruText, "KOI8", "ru", encode(t, charmap.KOI8R.NewEncoder(), ruText)},
		{ukText, "KOI8", "uk", encode(t, charmap.KOI8U.NewEncoder(), ukText)},
	} {
		p := mustParse(t, "x.txt", c.data)
		r := p.Reports[0]
		if r.Text != c.text || r.Lang != c.lang || !bytes.Equal(r.Raw, c.data) || !strings.Contains(r.Note, "decoded from "+c.enc) {
			t.Errorf("%s %s: text %q lang %q note %q", c.enc, c.lang, r.Text, r.Lang, r.Note)
		}
	}
	// The reviewer's file began d3 ea f0 ("Укр" in Windows-1251).
	if b := encode(t, charmap.Windows1251.NewEncoder(), ukText); !bytes.HasPrefix(b, []byte{0xD3, 0xEA, 0xF0}) {
		t.Fatalf("first bytes % x", b[:3])
	}

	// Capitals only still read as Cyrillic, the right way.
	caps := encode(t, charmap.Windows1251.NewEncoder(), strings.ToUpper(ruText))
	if r := mustParse(t, "caps.txt", caps).Reports[0]; r.Text != strings.ToUpper(ruText) {
		t.Errorf("capitals read as %q", r.Text)
	}
	// Greek in Windows-1253 puts its letters where Windows-1251 has
	// Cyrillic ones: refused, with the hint, not called binary.
	el := encode(t, charmap.Windows1253.NewEncoder(), "Οι ουκρανικές δυνάμεις ανακατέλαβαν την πόλη μετά από σφοδρές μάχες, ανέφερε το υπουργείο άμυνας.")
	refusedWith(t, "el.txt", el, "not UTF-8", "Windows-1251 or KOI8-R", "convert it to UTF-8 first")
	// German in Windows-1252: a few accented letters among Latin ones.
	de := encode(t, charmap.Windows1252.NewEncoder(), "Die ukrainischen Streitkräfte haben Balaklija zurückerobert, berichtet das Verteidigungsministerium. Größere Gefechte gab es bei Isjum.")
	refusedWith(t, "de.txt", de, "not UTF-8")
	if _, err := Sniff("de.txt", de); err != nil {
		t.Fatalf("8-bit text sniffed as %v", err)
	}
}
