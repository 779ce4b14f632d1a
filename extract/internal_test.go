package extract

import (
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/gazetteer"
)

func TestResolveTime(t *testing.T) {
	pub := time.Date(2022, 9, 10, 12, 0, 0, 0, time.UTC) // a Saturday
	cases := []struct {
		s, prev, want, phrase string
	}{
		{"on saturday morning, videos showed", "", "2022-09-10", "saturday morning"},
		{"told a briefing on friday that", "", "2022-09-09", "friday"},
		{"on thursday night local time", "", "2022-09-08", "thursday night"},
		{"last friday the ministry said", "", "2022-09-09", "last friday"},
		{"on saturday last saturday", "", "2022-09-10", "saturday"},
		{"a few hours later the ukrainians were", "2022-09-09", "2022-09-09", "a few hours later"},
		{"a few hours later the ukrainians were", "", "2022-09-10", "a few hours later"},
		{"from the kyiv region earlier this year after", "", "2022-01-01/2022-09-10", "earlier this year"},
		{"the counteroffensive launched this week is", "", "2022-09-05/2022-09-10", "this week"},
		{"it happened last week", "", "2022-08-29/2022-09-04", "last week"},
		{"going back to last february about", "", "2022-02-01/2022-02-28", "last february"},
		{"on september 9, 2022, forces", "", "2022-09-09", "september 9, 2022"},
		{"on 8 september the", "", "2022-09-08", "8 september"},
		{"dated 2022-09-07 says", "", "2022-09-07", "2022-09-07"},
		{"yesterday they entered", "", "2022-09-09", "yesterday"},
		{"progress in recent days, but", "", "2022-09-03/2022-09-10", "in recent days"},
		{"1,000 square kilometres in a week", "", "2022-09-03/2022-09-10", "in a week"},
		{"30 miles in 3 days", "", "2022-09-07/2022-09-10", "in 3 days"},
		{"retook 6,000 sq km in september", "", "2022-09-01/2022-09-10", "in september"},
		{"nothing here may be dated", "", "", ""},
	}
	for _, c := range cases {
		got, a, b, ok := resolveTime(c.s, wordStarts(c.s), pub, c.prev)
		if got != c.want || ok && c.s[a:b] != c.phrase || ok != (c.want != "") {
			t.Errorf("%q → %q %q (ok %v), want %q %q", c.s, got, c.s[a:b], ok, c.want, c.phrase)
		}
	}
}

func TestSplitSentences(t *testing.T) {
	text := "In a rare talk, William J. Burns, the director of the CIA, spoke. “It is fluid.” said Milley. Gen. Gromov said so!\nTitle line\n\nU.S. officials agreed. 2.5 km away."
	want := []string{
		"In a rare talk, William J. Burns, the director of the CIA, spoke.",
		"“It is fluid.” said Milley.",
		"Gen. Gromov said so!",
		"Title line",
		"U.S. officials agreed.",
		"2.5 km away.",
	}
	got := splitSentences(text)
	if len(got) != len(want) {
		var ss []string
		for _, s := range got {
			ss = append(ss, text[s.start:s.end])
		}
		t.Fatalf("%d sentences %q, want %d", len(got), ss, len(want))
	}
	for i, s := range got {
		if text[s.start:s.end] != want[i] {
			t.Errorf("sentence %d: %q, want %q", i, text[s.start:s.end], want[i])
		}
	}
}

// TestLongSentence: text without sentence ends stays linear. The CPU time
// of 1 MB is compared with that of 128 KB in the same run (the least of
// two each, taken in turn, each after a collection), so that neither other
// processes on the machine (they take wall time, not this process's CPU)
// nor one run's garbage collected in the next skew the ratio: eight times
// the text must cost well under the 64 times a quadratic split would.
func TestLongSentence(t *testing.T) {
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	e := New(gazetteer.New(places))
	text := ""
	for len(text) < 1<<20 {
		text += "Ukrainian forces liberated Balakliia and Izium, shelled Kupiansk, withdrew from Lyman "
	}
	small := text[:1<<17]
	at := time.Date(2022, 9, 10, 0, 0, 0, 0, time.UTC)
	var x *frontline.Extraction
	dSmall, dLarge := leastCPU(t, e, small, text, at, func(got *frontline.Extraction) { x = got })
	t.Logf("CPU time: 128 KB %v, 1 MB %v (%.1f times)", dSmall, dLarge, float64(dLarge)/float64(dSmall))
	if ratio := float64(dLarge) / float64(dSmall); ratio > 24 {
		t.Errorf("1 MB without a full stop took %v of CPU, %.1f times the %v of 128 KB (linear: about 8)", dLarge, ratio, dSmall)
	}
	if len(x.Claims) == 0 {
		t.Error("no claims")
	}
	for _, s := range splitSentences(text) {
		if s.end-s.start > maxSentence+200 {
			t.Fatalf("sentence of %d bytes", s.end-s.start)
		}
	}
}

// BenchmarkExtractCold is BenchmarkExtract with the name cache emptied
// before every pass: the cost of a stream of texts whose names were never
// seen.
func BenchmarkExtractCold(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "data", "articles")
	files, _ := filepath.Glob(filepath.Join(dir, "press-2022-09", "*.txt"))
	files = append(files, filepath.Join(dir, "kharkiv-counteroffensive-2022-09.txt"))
	if len(files) < 2 {
		b.Skip("shared data not found")
	}
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		b.Fatal(err)
	}
	e := New(gazetteer.New(places))
	var texts []string
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		size += len(data)
	}
	pub := time.Date(2022, 9, 10, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.cache.mu.Lock()
		e.cache.m = nil
		e.cache.mu.Unlock()
		for _, s := range texts {
			if _, err := e.Extract(s, pub); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestSibilantOE: e for o before в after each of ж, ш, ч, щ, lower case
// and capital, Cyrillic and Latin (review of claims10).
func TestSibilantOE(t *testing.T) {
	for in, want := range map[string]string{
		"Сторожове": "Сторожеве", "Щовкове": "Щевкове", "Шовкове": "Шевкове", "Човрове": "Чеврове",
		"Storozhove": "Storozheve", "Shchovkove": "Shchevkove", "Shovkove": "Shevkove", "Chovrove": "Chevrove",
	} {
		if got := sibilantOE.Replace(in); got != want {
			t.Errorf("sibilantOE(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestManyMinistrySentences: sentences of "the ministry said" with no
// country before stay linear: each looked for a ministry named with its
// country in the whole text before it (review of claims10). As in
// TestLongSentence, the least CPU time of two runs of 64 KB is compared
// with that of 8 KB: eight times the text must cost well under 64 times.
func TestManyMinistrySentences(t *testing.T) {
	places, err := gazetteer.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	e := New(gazetteer.New(places))
	text := ""
	for len(text) < 1<<16 {
		text += "Troops pushed on near the river for days and nights, shelling the roads, the ministry said. "
	}
	small := text[:1<<13]
	at := time.Date(2025, 8, 21, 0, 0, 0, 0, time.UTC)
	dSmall, dLarge := leastCPU(t, e, small, text, at, nil)
	t.Logf("CPU time: 8 KB %v, 64 KB %v (%.1f times)", dSmall, dLarge, float64(dLarge)/float64(dSmall))
	if ratio := float64(dLarge) / float64(dSmall); ratio > 24 {
		t.Errorf("64 KB of ministry sentences took %v of CPU, %.1f times the %v of 8 KB (linear: about 8)", dLarge, ratio, dSmall)
	}
}

// leastCPU returns the least process CPU time of two extractions each of
// small and of large, taken in turn, each after a collection and after one
// warm-up of small (the name cache warm for both): neither other processes
// on the machine nor one run's garbage collected in the next skews the
// ratio. seen, if not nil, is given each extraction of large.
func leastCPU(t *testing.T, e *Extractor, small, large string, at time.Time, seen func(*frontline.Extraction)) (dSmall, dLarge time.Duration) {
	t.Helper()
	cpu := func() time.Duration {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			t.Fatal(err)
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	measure := func(s string) time.Duration {
		runtime.GC()
		start := cpu()
		got, err := e.Extract(s, at)
		if err != nil {
			t.Fatal(err)
		}
		if seen != nil && s == large {
			seen(got)
		}
		return cpu() - start
	}
	measure(small)
	for i := 0; i < 2; i++ {
		if d := measure(small); i == 0 || d < dSmall {
			dSmall = d
		}
		if d := measure(large); i == 0 || d < dLarge {
			dLarge = d
		}
	}
	return dSmall, dLarge
}
