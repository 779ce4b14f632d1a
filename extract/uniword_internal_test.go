package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/frontline-osint/frontline/internal/shareddata"
)

// TestRuneClassesAsUnicode: the word finders' letter classes answer as
// package unicode for every code point.
func TestRuneClassesAsUnicode(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isLetter(r) != unicode.IsLetter(r) || isDigit(r) != unicode.IsDigit(r) ||
			isLower(r) != unicode.IsLower(r) || isUpper(r) != unicode.IsUpper(r) {
			t.Fatalf("%U: letter %v digit %v lower %v upper %v, unicode says %v %v %v %v", r,
				isLetter(r), isDigit(r), isLower(r), isUpper(r),
				unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsLower(r), unicode.IsUpper(r))
		}
	}
}

// TestToLowerAsStrings: toLower gives strings.ToLower's answer, on
// chosen cases and on every word and line of the shared texts.
func TestToLowerAsStrings(t *testing.T) {
	cases := []string{"", "kyiv", "Kyiv", "Покровськ", "ПОКРОВСЬК", "Ґудзь", "ґ", "Ѐлка Џ", "Ѣ ѣ Ѳ", "Ölz Straße",
		"Куп’янськ", "Куп'янськ", "Кураховоʼ", "Hryhorivkа", "\xd0", "a\xd0b", "\xd1\xa0", "İstanbul", "ǅ"}
	dir := shareddata.Dir(t, "articles")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	for _, f := range files[:min(len(files), 80)] {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, strings.Split(string(b), "\n")...)
		cases = append(cases, strings.Fields(string(b))...)
	}
	for _, s := range cases {
		if got, want := toLower(s), strings.ToLower(s); got != want {
			t.Fatalf("toLower(%q) = %q, want %q", s, got, want)
		}
	}
	if s := "already lower"; toLower(s) != s {
		t.Fatal("changed a lower-case string")
	}
}
