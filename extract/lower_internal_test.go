package extract

import "testing"

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
