package follow_test

import (
	"strings"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/follow"
)

// The example config in docs parses, with its commented sources and
// defaults; the minimum interval holds.
func TestExampleConfig(t *testing.T) {
	c, err := follow.LoadConfig("../docs/frontline.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Sources) != 1 || c.Sources[0].Kind != frontline.SourceDeepState || c.Sources[0].Every.Duration != 5*time.Minute || c.Timeout.Duration != 30*time.Second {
		t.Fatalf("%+v", c)
	}
	// Uncommented, every example source parses.
	var b strings.Builder
	for _, line := range strings.Split(readFile(t, "../docs/frontline.example.toml"), "\n") {
		if strings.HasPrefix(line, "#[[source]]") || (strings.HasPrefix(line, "#") && len(line) > 1 && line[1] != ' ' && line[1] != '#' && strings.Contains(line, " = ")) {
			line = line[1:]
		}
		b.WriteString(line + "\n")
	}
	c, err = follow.ParseConfig("all", []byte(b.String()), false)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[frontline.FeedKind]bool{}
	for _, s := range c.Sources {
		kinds[s.Kind] = true
	}
	if len(kinds) != 6 {
		t.Errorf("kinds %v, want 6 in the example", kinds)
	}
	for _, bad := range []struct{ text, want string }{
		{"[[source]]\nname = \"a\"\nkind = \"ftp\"\nurl = \"http://x\"\n", "kind"},
		{"[[source]]\nname = \"a\"\nkind = \"rss\"\nurl = \"file:///etc/passwd\"\n", "http"},
		{"[[source]]\nname = \"a\"\nkind = \"rss\"\nurl = \"http://x\"\nevry = \"5m\"\n", "unknown keys"},
		{"[[source]]\nname = \"a\"\nkind = \"rss\"\nurl = \"http://x\"\n[[source]]\nname = \"a\"\nkind = \"rss\"\nurl = \"http://y\"\n", "two sources"},
		{"", "no [[source]]"},
	} {
		if _, err := follow.ParseConfig("bad", []byte(bad.text), false); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: %v, want an error about %q", bad.text, err, bad.want)
		}
	}
	c, _ = follow.ParseConfig("fast", []byte("[[source]]\nname = \"a\"\nkind = \"rss\"\nurl = \"http://x\"\nevery = \"5s\"\n"), false)
	if c.Sources[0].Every.Duration != frontline.MinPollInterval {
		t.Errorf("every 5s became %s, want the minimum %s", c.Sources[0].Every, frontline.MinPollInterval)
	}
}
