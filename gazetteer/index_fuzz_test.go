package gazetteer_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/gazetteer"
	"github.com/frontline-osint/frontline/translit"
)

// indexedText is the text of an indexed gazetteer file (rows, #keys,
// #loose) holding places.
func indexedText(t testing.TB, places []frontline.Place) string {
	t.Helper()
	var gz bytes.Buffer
	if err := gazetteer.EncodeIndexed(&gz, gazetteer.Oblasts(), places); err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(&gz)
	if err != nil {
		t.Fatal(err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}

// FuzzOpen: Open never panics on a corrupt file; it refuses it with an
// EINVALID error that says why, or returns a gazetteer whose index points
// only at its own places and that searches without panicking.
func FuzzOpen(f *testing.F) {
	places, err := gazetteer.Decode("seed", header+goodRow)
	if err != nil {
		f.Fatal(err)
	}
	text := indexedText(f, places)
	f.Add(text)
	f.Add(strings.Replace(text, "#loose", "#lose", 1))
	f.Add(strings.Replace(text, "0e", "7e", 1))
	f.Add(strings.Replace(text, "\n#loose\n", "\n", 1))
	f.Add(text[:len(text)/2])
	f.Add(text + "#keys\nzz\t0e\n")
	f.Add(header + goodRow + "#keys\n")
	f.Add(header + goodRow + "#keys\nb\t0e\na\t0e\n")
	f.Add(header + goodRow + "#keys\na\t99999999999999999999e\n")
	f.Fuzz(func(t *testing.T, text string) {
		g, err := gazetteer.Open("fuzz", text)
		if err != nil {
			if frontline.ErrorCode(err) != frontline.EINVALID || !strings.Contains(err.Error(), "fuzz") {
				t.Fatalf("error %v: want EINVALID naming the file", err)
			}
			return
		}
		for _, p := range g.Places {
			for _, n := range append([]string{p.Name}, p.Names...) {
				for i := range g.KeyPlaces(translit.Fold(n)) {
					if i < 0 || int(i) >= len(g.Places) {
						t.Fatalf("key of %q points at place %d of %d", n, i, len(g.Places))
					}
				}
				g.Search(gazetteer.Query{Text: n})
			}
		}
	})
}

// TestOpenRefuses: corrupt index sections are refused with the reason.
func TestOpenRefuses(t *testing.T) {
	places, err := gazetteer.Decode("seed", header+goodRow)
	if err != nil {
		t.Fatal(err)
	}
	text := indexedText(t, places)
	if _, err := gazetteer.Open("ok", text); err != nil {
		t.Fatalf("the encoder's own file: %v", err)
	}
	for _, c := range []struct{ name, text, want string }{
		{"unknown section", strings.Replace(text, "#loose", "#lose", 1), "unknown section"},
		{"reference out of range", strings.Replace(text, "\t0e", "\t1e", 1), "bad reference"},
		{"bad reason", strings.Replace(text, "\t0e", "\t0x", 1), "bad reference"},
		{"huge reference", strings.Replace(text, "\t0e", "\t99999999999999999999e", 1), "bad reference"},
		{"unsorted", text + "#keys\nb\t0e\na\t0e\n", "two #keys sections"},
		{"unsorted keys", header + goodRow + "#keys\nb\t0e\na\t0e\n", "not sorted"},
		{"no keys", header + goodRow + "#loose\na\t0\n", "no #keys"},
		{"no tab", header + goodRow + "#keys\nabc\n", "bad line"},
	} {
		_, err := gazetteer.Open("f", c.text)
		if err == nil || frontline.ErrorCode(err) != frontline.EINVALID || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want EINVALID with %q", c.name, err, c.want)
		}
	}
}
