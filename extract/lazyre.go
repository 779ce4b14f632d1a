package extract

import (
	"regexp"
	"strings"
	"sync"
)

// A lazyRegexp is compiled on first use. The sixty word patterns of the
// claim, date and number readers cost about 25 ms and 6 MB to compile
// (measured on the project machine): compiled at package initialisation
// they were paid by every command of the CLI, including those that never
// extract, and an English text never runs the Ukrainian and Russian ones.
// allPatterns lists them so that a test compiles every one (a bad pattern
// fails the tests, not a later extraction).
type lazyRegexp struct {
	src  string
	once sync.Once
	re   *regexp.Regexp
	// prefixes: one of them begins every match (nil: unknown); only
	// meaningful for patterns anchored with ^ (see wordPattern).
	prefixes *literalPrefixes
}

var allPatterns []*lazyRegexp

func newLazyRegexp(src string) *lazyRegexp {
	l := &lazyRegexp{src: src}
	allPatterns = append(allPatterns, l)
	return l
}

func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(l.compile)
	return l.re
}

func (l *lazyRegexp) compile() {
	l.re = regexp.MustCompile(l.src)
	if strings.HasPrefix(l.src, "^") {
		l.prefixes = newLiteralPrefixes(l.src)
	}
}

// mayMatchAt reports whether the anchored pattern can match at the start
// of s; false means it certainly does not.
func (l *lazyRegexp) mayMatchAt(s string) bool {
	l.once.Do(l.compile)
	return l.prefixes.mayMatch(s)
}

func (l *lazyRegexp) FindStringIndex(s string) []int { return l.get().FindStringIndex(s) }

func (l *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	return l.get().FindStringSubmatchIndex(s)
}
