// Package follow polls the sources a config names — DeepStateMap's API, map
// files and ArcGIS layers at a URL, RSS/Atom feeds, Telegram channels'
// web previews, a local folder — and imports what is new as snapshots and
// reports, once each, keeping each source's state and gaps in a
// frontline.FollowStore so that a restarted follower resumes where it
// stopped.
package follow

import (
	"bytes"
	"os"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/frontline-osint/frontline"
)

// Config is a follow config file (TOML):
//
//	user_agent = "Frontline/1 (+https://example.org; desk@example.org)"
//	[[source]]
//	name = "deepstate"
//	kind = "deepstate"
//	url = "https://deepstatemap.live"
//	every = "5m"
type Config struct {
	// UserAgent replaces the default User-Agent (it must still name
	// Frontline: "Frontline" is prefixed otherwise).
	UserAgent string `toml:"user_agent"`
	// Timeout bounds one request (default 30 s); MaxBodyMiB one body
	// (default 64 MiB).
	Timeout    frontline.Duration `toml:"timeout"`
	MaxBodyMiB int64              `toml:"max_body_mib"`
	// Retries is how many times a failed request is retried within one
	// poll (default 2).
	Retries *int                     `toml:"retries"`
	Sources []frontline.SourceConfig `toml:"source"`
}

// LoadConfig reads and validates a config file.
func LoadConfig(path string) (*Config, error) {
	buf, err := os.ReadFile(path)
	if err != nil {
		return nil, frontline.Errorf(frontline.EINVALID, "config: %v", err)
	}
	return ParseConfig(path, buf, false)
}

// ParseConfig reads a config's text. allowFast keeps intervals under
// frontline.MinPollInterval (tests, replay).
func ParseConfig(name string, buf []byte, allowFast bool) (*Config, error) {
	var c Config
	md, err := toml.NewDecoder(bytes.NewReader(buf)).Decode(&c)
	if err != nil {
		return nil, frontline.Errorf(frontline.EINVALID, "%s: %v", name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		return nil, frontline.Errorf(frontline.EINVALID, "%s: unknown keys: %s", name, strings.Join(keys, ", "))
	}
	if len(c.Sources) == 0 {
		return nil, frontline.Errorf(frontline.EINVALID, "%s: no [[source]]", name)
	}
	seen := map[string]bool{}
	for i := range c.Sources {
		if err := c.Sources[i].Validate(allowFast); err != nil {
			return nil, frontline.Errorf(frontline.EINVALID, "%s: %s", name, frontline.ErrorMessage(err))
		}
		if seen[c.Sources[i].Name] {
			return nil, frontline.Errorf(frontline.EINVALID, "%s: two sources are named %q", name, c.Sources[i].Name)
		}
		seen[c.Sources[i].Name] = true
	}
	if c.Timeout.Duration <= 0 {
		c.Timeout.Duration = 30 * time.Second
	}
	if c.MaxBodyMiB <= 0 {
		c.MaxBodyMiB = 64
	}
	return &c, nil
}
