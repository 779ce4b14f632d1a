package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline/internal/shareddata"
)

// TestStemSetAsContainsAny: for the number readers' unit words, a stem
// set answers as containsAny on every sentence of every shared text
// (lowered as the readers lower it), on every window of 1 to 12 bytes
// around each unit word found, and on small cases.
func TestStemSetAsContainsAny(t *testing.T) {
	dir := shareddata.Dir(t, "articles")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(files) == 0 {
		t.Skip("no texts")
	}
	sets := []struct {
		set   *stemSet
		stems []string
	}{{unitStemSet, unitStems}, {uniUnitStemSet, uniUnitStems}, {newStemSet("%", "ab", "a"), []string{"%", "ab", "a"}},
		{newStemSet(otherVoiceMarkers...), otherVoiceMarkers}, {newStemSet(russianTextMarkers...), russianTextMarkers}, {newStemSet("abcd", "abc", "abx"), []string{"abcd", "abc", "abx"}}}
	check := func(s string) bool {
		any := false
		for _, c := range sets {
			got, want := c.set.in(s), containsAny(s, c.stems)
			if got != want {
				t.Fatalf("%q: in %v, containsAny %v (stems %q)", s, got, want, c.stems[:min(3, len(c.stems))])
			}
			any = any || want
		}
		return any
	}
	n, found := 0, 0
	for _, s := range []string{"", "a", "%", "b", "ab", " mi ", " mi", "km", "k", "кв.", "\xd0", "50 %", "abc", "xabcd", "zab", "abx"} {
		check(s)
	}
	if e := newStemSet("x", ""); !e.in("") || !e.in("q") {
		t.Error("a set with the empty stem is in every string")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := lowerCyr(string(b))
		for _, sp := range splitSentences(text) {
			if check(text[sp.start:sp.end]) {
				found++
			}
			n++
		}
		for _, st := range append(append(append(append([]string{}, unitStems...), uniUnitStems...), otherVoiceMarkers...), russianTextMarkers...) {
			for off := 0; ; {
				i := strings.Index(text[off:], st)
				if i < 0 {
					break
				}
				i += off
				for a := max(0, i-6); a <= i+1; a++ {
					for b := i + 1; b <= min(len(text), i+len(st)+6); b++ {
						if a < b {
							check(text[a:b])
						}
					}
				}
				off = i + 1
			}
		}
	}
	if n == 0 || found == 0 || found == n {
		t.Fatalf("%d sentences, %d with a unit word: the test tests nothing", n, found)
	}
}
