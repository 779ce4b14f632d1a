package main

import (
	"flag"
	"fmt"
	"runtime/debug"
	"strings"
)

// version may be set at link time (-ldflags "-X main.version=v1.2.3");
// otherwise the build info says.
var version = ""

// buildVersion is what `frontline version` prints.
type buildVersion struct {
	// Version is the module's version ("v1.2.3" from `go install
	// …@v1.2.3`), or "devel" for a build from a work tree.
	Version string `json:"version"`
	Module  string `json:"module,omitempty"`
	// Revision, Time and Modified describe the VCS commit built from;
	// empty when the build recorded none (-buildvcs=false, no git).
	Revision string `json:"revision,omitempty"`
	Time     string `json:"time,omitempty"`
	Modified bool   `json:"modified,omitempty"`
	Go       string `json:"go,omitempty"`
}

// readVersion reads the version from the build info (nil: none).
func readVersion(bi *debug.BuildInfo, linked string) buildVersion {
	v := buildVersion{Version: "devel"}
	if bi != nil {
		v.Module, v.Go = bi.Main.Path, bi.GoVersion
		if mv := bi.Main.Version; mv != "" && mv != "(devel)" {
			v.Version = mv
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				v.Revision = s.Value
			case "vcs.time":
				v.Time = s.Value
			case "vcs.modified":
				v.Modified = s.Value == "true"
			}
		}
	}
	if linked != "" {
		v.Version = linked
	}
	return v
}

func (v buildVersion) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "frontline %s", v.Version)
	switch {
	case v.Revision != "":
		fmt.Fprintf(&b, " (revision %s", v.Revision)
		if v.Time != "" {
			fmt.Fprintf(&b, ", committed %s", v.Time)
		}
		if v.Modified {
			b.WriteString(", with uncommitted changes")
		}
		b.WriteString(")")
	case v.Version == "devel":
		b.WriteString(" (no VCS revision recorded: built with -buildvcs=false or outside a git work tree)")
	}
	if v.Go != "" {
		fmt.Fprintf(&b, ", %s", v.Go)
	}
	return b.String()
}

func (m *Main) runVersion(args []string) error {
	var asJSON bool
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: frontline version [--json]\n\nThe module version and the VCS revision built from (from the build info).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf("version takes no arguments")
	}
	bi, _ := debug.ReadBuildInfo()
	v := readVersion(bi, version)
	if asJSON {
		return m.printJSON(v)
	}
	fmt.Fprintln(m.Stdout, v)
	return nil
}
