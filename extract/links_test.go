package extract_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/geo"
)

// plNote is one DeepStateMap note in one language, as plain text with the
// spans its editors linked to points.
type plNote struct {
	id        int64
	lang      string
	published time.Time
	text      string
	links     []frontline.Link
}

// plNotes reads the tune half of the DeepStateMap notes (versions whose
// id % 3 != 0; the others are held out) that link at least one name.
func plNotes(t testing.TB) []plNote {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "data", "control", "deepstate", "history-public-2022-04_2024-12.json")
	data, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("shared data not found: %v", err)
		}
		t.Fatal(err)
	}
	var versions []struct {
		ID            int64     `json:"id"`
		CreatedAt     time.Time `json:"createdAt"`
		Description   string    `json:"description"`
		DescriptionEn string    `json:"descriptionEn"`
	}
	if err := json.Unmarshal(data, &versions); err != nil {
		t.Fatal(err)
	}
	var out []plNote
	for _, v := range versions {
		if v.ID%3 == 0 {
			continue
		}
		for _, n := range []struct{ lang, html string }{{"uk", v.Description}, {"en", v.DescriptionEn}} {
			text, links, _ := stripNoteLinks(n.html)
			if len(links) > 0 {
				out = append(out, plNote{v.ID, n.lang, v.CreatedAt, text, links})
			}
		}
	}
	return out
}

// plLinkScore counts, per language, the links whose span a mention
// overlaps that resolved within 5 km of the link's point.
func plLinkScore(t *testing.T, notes []plNote, withLinks bool) map[string][2]int {
	e := testExtractor(t)
	score := map[string][2]int{}
	for _, n := range notes {
		var x *frontline.Extraction
		var err error
		if withLinks {
			x, err = e.ExtractLinked(n.text, n.published, n.links)
		} else {
			x, err = e.Extract(n.text, n.published)
		}
		if err != nil {
			t.Fatalf("%d: %v", n.id, err)
		}
		for _, l := range n.links {
			s := score[n.lang]
			s[1]++
			for _, m := range x.Places {
				if m.Start < l.End && l.Start < m.End && m.Place.HasPoint() && geo.DistanceM(m.Place.Lon, m.Place.Lat, l.Lon, l.Lat) <= 5000 {
					s[0]++
					break
				}
			}
			score[n.lang] = s
		}
	}
	return score
}

// TestNoteLinks: with the editors' links, almost every linked name
// resolves within 5 km of its point; with the links stripped, the text
// alone must find and place the names (the figure docs/CLAIMS.md quotes).
func TestNoteLinks(t *testing.T) {
	notes := plNotes(t)
	for _, withLinks := range []bool{true, false} {
		score := plLinkScore(t, notes, withLinks)
		for _, lang := range []string{"uk", "en"} {
			s := score[lang]
			share := float64(s[0]) / math.Max(1, float64(s[1]))
			t.Logf("links=%v %s: %d of %d linked names within 5 km (%.3f)", withLinks, lang, s[0], s[1], share)
			// Floors: today's figures less 0.02 (extract-rules-2 found
			// 0.047 (uk) and 0.433 (en) with the links stripped).
			min := 0.64
			if withLinks {
				min = 0.82
			}
			if share < min {
				t.Errorf("links=%v %s: %.3f within 5 km, want ≥ %.2f", withLinks, lang, share, min)
			}
		}
	}
}

// TestLinkedAcrossBorder: a point outside Ukraine never resolves to a
// Ukrainian homonym; a bad link is ignored, not a panic.
func TestLinkedAcrossBorder(t *testing.T) {
	e := testExtractor(t)
	text := "Сили Оборони звільнили Апанасівку, Снагость та просунулися у Ольгівці."
	span := func(s string) (int, int) { i := strings.Index(text, s); return i, i + len(s) }
	a0, a1 := span("Апанасівку")
	o0, o1 := span("Ольгівці")
	links := []frontline.Link{
		{Start: a0, End: a1, Lon: 34.8658675, Lat: 51.2936001},
		{Start: o0, End: o1, Lon: 35.0149031, Lat: 51.4038588},
		{Start: -5, End: 3, Lon: 1, Lat: 1},
		{Start: a0 + 1, End: a1, Lon: 1, Lat: 1}, // inside a character
		{Start: 3, End: 2},
	}
	x, err := e.ExtractLinked(text, day("2024-08-18"), links)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]frontline.MentionPlace{}
	for _, m := range x.Places {
		got[m.Mention] = m.Place
	}
	for _, name := range []string{"Апанасівку", "Ольгівці"} {
		p, ok := got[name]
		if !ok || p.Country != "RU" {
			t.Errorf("%s → %+v, want a place in Russia", name, p)
		}
	}
}

func TestNoteLinksMisses(t *testing.T) {
	mode := os.Getenv("PL_MISSES")
	if mode == "" {
		t.Skip("set PL_MISSES=1 (with links) or 2 (stripped) to list")
	}
	e := testExtractor(t)
	n := 0
	lang := os.Getenv("PL_LANG")
	for _, note := range plNotes(t) {
		if lang != "" && note.lang != lang {
			continue
		}
		links := note.links
		if mode == "2" {
			links = nil
		}
		x, _ := e.ExtractLinked(note.text, note.published, links)
		for _, l := range note.links {
			var got []string
			ok := false
			for _, m := range x.Places {
				if m.Start < l.End && l.Start < m.End {
					d := geo.DistanceM(m.Place.Lon, m.Place.Lat, l.Lon, l.Lat)
					got = append(got, m.Mention+"→"+m.Place.Name+"("+m.Place.Country+")"+strconv.Itoa(int(d/1000))+"km")
					ok = ok || d <= 5000
				}
			}
			if !ok && n < 150 {
				n++
				t.Logf("%s %q @%.4f,%.4f: %v", note.lang, note.text[l.Start:l.End], l.Lat, l.Lon, got)
			}
		}
	}
}

// FuzzExtractLinked: any text with any links is read or refused, never a
// panic, and every mention lies inside the text.
func FuzzExtractLinked(f *testing.F) {
	f.Add("Ворог просунувся біля Іллінівки та Нью-Йорку.", 22, 40, 37.63, 48.49)
	f.Add("Сили Оборони звільнили Апанасівку", 40, 60, 34.86, 51.29)
	f.Add("Hryhorivkа, Покровcьк and КУП'ЯНСЬКА", 0, 3, 0.0, 0.0)
	f.Add("<a>&amp;</a>", -1, 1000, 1e9, -1e9)
	e := testExtractor(f)
	f.Fuzz(func(t *testing.T, text string, start, end int, lon, lat float64) {
		x, err := e.ExtractLinked(text, day("2024-08-18"), []frontline.Link{{Start: start, End: end, Lon: lon, Lat: lat}})
		if err != nil {
			return
		}
		for _, m := range x.Places {
			if m.Start < 0 || m.End > len(text) || m.Start > m.End || text[m.Start:m.End] != m.Mention {
				t.Fatalf("mention %+v outside %q", m, text)
			}
		}
	})
}

// BenchmarkExtractCyrillic: throughput on the Ukrainian and Russian press
// texts of the tune split (one core: run with -cpu 1).
func BenchmarkExtractCyrillic(b *testing.B) {
	e := testExtractor(b)
	dir := filepath.Join(articlesDir(b), "press-2022-2025")
	held, err := os.ReadFile(filepath.Join("..", "..", "heldout-press.txt"))
	if err != nil {
		b.Skipf("held-out list: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*-[ru][uk]-*.txt"))
	var texts []string
	size := 0
	for _, f := range files {
		if strings.Contains(string(held), filepath.Base(f)) {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		size += len(data)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range texts {
			if _, err := e.Extract(s, day("2024-01-01")); err != nil {
				b.Fatal(err)
			}
		}
	}
}
