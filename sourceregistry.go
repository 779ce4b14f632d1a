package frontline

import (
	"sort"
	"strings"
)

// SourceRegistry matches publishers and speakers, as reports name them, to
// known sources.
type SourceRegistry struct {
	sources []*Source
}

// NewSourceRegistry returns a registry of sources, sorted by name so that
// matching does not depend on the caller's order.
func NewSourceRegistry(sources []*Source) *SourceRegistry {
	s := append([]*Source(nil), sources...)
	sort.SliceStable(s, func(i, j int) bool { return s[i].Name < s[j].Name })
	return &SourceRegistry{sources: s}
}

// Match returns the source named name, or one of its aliases (with or
// without a leading "the"); nil if none.
func (g *SourceRegistry) Match(name string) *Source {
	if g == nil {
		return nil
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	for _, src := range g.sources {
		if src.Matches(name) {
			return src
		}
	}
	if len(name) > 4 && strings.EqualFold(name[:4], "the ") {
		for _, src := range g.sources {
			if src.Matches(name[4:]) {
				return src
			}
		}
	}
	return nil
}

// minInnerAlias is the shortest alias looked for inside a longer speaker
// phrase: shorter ones ("AP") would match by accident.
const minInnerAlias = 6

// Speaker returns the known source a speaker phrase names: the whole
// phrase, the part before its first comma ("Vitaly Ganchev, the
// Russian-appointed head …"), or else the longest alias the phrase
// contains as whole words ("Foreign ministry spokesman Oleh Nikolenko").
func (g *SourceRegistry) Speaker(phrase string) *Source {
	if g == nil {
		return nil
	}
	phrase = strings.TrimSpace(phrase)
	if phrase == "" {
		return nil
	}
	if src := g.Match(phrase); src != nil {
		return src
	}
	if head, _, ok := strings.Cut(phrase, ","); ok {
		if src := g.Match(head); src != nil {
			return src
		}
	}
	lower := strings.ToLower(phrase)
	var best *Source
	bestLen := 0
	for _, src := range g.sources {
		for _, a := range append([]string{src.Name}, src.Aliases...) {
			if len(a) < minInnerAlias || len(a) <= bestLen {
				continue
			}
			if containsWord(lower, strings.ToLower(a)) {
				best, bestLen = src, len(a)
			}
		}
	}
	return best
}

// containsWord reports whether s contains w with no letter or digit
// directly before or after it.
func containsWord(s, w string) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return false
		}
		i += from
		j := i + len(w)
		if (i == 0 || !isWordByte(s[i-1])) && (j == len(s) || !isWordByte(s[j])) {
			return true
		}
		from = i + 1
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}
