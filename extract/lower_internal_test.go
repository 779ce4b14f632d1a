package extract

import (
	"strings"
	"testing"
)

func TestLowerASCII(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "kyiv": "kyiv", "Kyiv": "kyiv", "KYIV Oblast": "kyiv oblast",
		"Київ": "Київ", "ВСУ took Avdiivka": "ВСУ took avdiivka", "sold Z": "sold z",
	} {
		if got := lowerASCII(in); got != want {
			t.Errorf("lowerASCII(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLowerASCIIOneCopy: lowerASCII lowers "Kyiv Oblast" as strings.ToLower
// does, in one allocation (it copied the text to bytes and back: two), and
// returns a lower-case text as it is, in none.
func TestLowerASCIIOneCopy(t *testing.T) {
	s := strings.Repeat("Kyiv Oblast, ", 4)
	if got := lowerASCII(s); got != strings.ToLower(s) {
		t.Fatalf("lowerASCII(%q) = %q", s, got)
	}
	if n := testing.AllocsPerRun(100, func() { _ = lowerASCII(s) }); n != 1 {
		t.Errorf("lowerASCII allocates %v times, want 1", n)
	}
	low := strings.ToLower(s)
	if n := testing.AllocsPerRun(100, func() { _ = lowerASCII(low) }); n != 0 {
		t.Errorf("lowerASCII of lower-case text allocates %v times, want 0", n)
	}
}
