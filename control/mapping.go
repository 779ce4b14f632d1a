package control

import (
	"bufio"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/frontline-osint/frontline"
)

//go:embed deepstate.mapping
var deepStateMapping string

// DeepStateMapping returns the mapping that ships for DeepStateMap exports.
func DeepStateMapping() *Mapping {
	m, err := ParseMapping("deepstate.mapping", deepStateMapping)
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return m
}

// DeepStateMappingText is the text of the shipped DeepState mapping.
func DeepStateMappingText() string { return deepStateMapping }

// Mapping classifies a tracker's category names into control statuses: an
// ordered list of rules, the first match wins. See deepstate.mapping for the
// file format.
type Mapping struct {
	Name  string
	Hash  string // sha256 of the text, recorded with every snapshot
	Text  string
	Rules []Rule
}

// Rule maps category names matching Pattern to Status, optionally only for
// snapshots valid in [From, To] (dates, UTC, inclusive).
type Rule struct {
	Line    int
	Status  frontline.Status
	From    time.Time
	To      time.Time
	Pattern *regexp.Regexp
}

// ParseMapping reads a mapping file. name is used in error messages.
func ParseMapping(name, text string) (*Mapping, error) {
	sum := sha256.Sum256([]byte(text))
	m := &Mapping{Name: name, Text: text, Hash: hex.EncodeToString(sum[:])}
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r, err := parseRule(line)
		if err != nil {
			return nil, frontline.Errorf(frontline.EINVALID, "%s:%d: %s", name, n, err)
		}
		r.Line = n
		m.Rules = append(m.Rules, r)
	}
	if err := sc.Err(); err != nil {
		return nil, frontline.Errorf(frontline.EINVALID, "%s: %s", name, err)
	}
	if len(m.Rules) == 0 {
		return nil, frontline.Errorf(frontline.EINVALID, "%s: no rules (want lines like \"russia occupied|окупован\")", name)
	}
	return m, nil
}

func parseRule(line string) (Rule, error) {
	var r Rule
	status, rest, _ := strings.Cut(line, " ")
	st, err := frontline.ParseStatus(strings.TrimSpace(status))
	if err != nil {
		return r, err
	}
	r.Status = st
	rest = strings.TrimSpace(rest)
	for {
		word, after, _ := strings.Cut(rest, " ")
		key, val, ok := strings.Cut(word, "=")
		if !ok || (key != "from" && key != "to") {
			break
		}
		t, err := time.Parse("2006-01-02", val)
		if err != nil {
			return r, fmt.Errorf("%s=%q: want a date YYYY-MM-DD", key, val)
		}
		if key == "from" {
			r.From = t
		} else {
			r.To = t.AddDate(0, 0, 1).Add(-time.Nanosecond)
		}
		rest = strings.TrimSpace(after)
	}
	if rest == "" {
		return r, fmt.Errorf("rule for %s has no pattern", st)
	}
	re, err := regexp.Compile("(?i)" + rest)
	if err != nil {
		return r, fmt.Errorf("bad pattern %q: %v", rest, err)
	}
	r.Pattern = re
	return r, nil
}

// NormalizeName folds the spellings trackers use for one category name:
// non-breaking spaces, tabs and newlines become spaces, runs of spaces
// collapse, U+FFFD is removed, and the ends are trimmed.
func NormalizeName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\uFFFD':
			continue
		case r == ' ' || r == '\u00A0' || r == '\t' || r == '\n' || r == '\r' || r == '\u202F' || r == '\u2009':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// Classify returns the status of a category name on a snapshot valid at t;
// ok is false when no rule matches.
func (m *Mapping) Classify(name string, t time.Time) (st frontline.Status, ok bool) {
	n := NormalizeName(name)
	for _, r := range m.Rules {
		if !r.From.IsZero() && t.Before(r.From) {
			continue
		}
		if !r.To.IsZero() && t.After(r.To) {
			continue
		}
		if r.Pattern.MatchString(n) {
			return r.Status, true
		}
	}
	return "", false
}
