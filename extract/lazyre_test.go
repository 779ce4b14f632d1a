package extract

import (
	"regexp"
	"testing"
)

// TestPatternsCompile compiles every lazily compiled word pattern.
func TestPatternsCompile(t *testing.T) {
	if len(allPatterns) < 10 {
		t.Fatalf("only %d patterns registered", len(allPatterns))
	}
	for _, p := range allPatterns {
		if _, err := regexp.Compile(p.src); err != nil {
			t.Errorf("%.60s: %v", p.src, err)
		}
	}
}
