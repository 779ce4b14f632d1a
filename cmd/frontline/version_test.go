package main

import (
	"encoding/json"
	"runtime/debug"
	"strings"
	"testing"
)

// TestVersion: `frontline version` prints the module version and VCS
// revision from the build info, not "dev"; a build without VCS
// information ("(devel)", -buildvcs=false) says so.
func TestVersion(t *testing.T) {
	release := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/frontline-osint/frontline", Version: "v1.4.0"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef"}, {Key: "vcs.time", Value: "2026-12-05T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	for _, c := range []struct {
		bi     *debug.BuildInfo
		linked string
		want   string
	}{
		{release, "", "frontline v1.4.0 (revision 0123456789abcdef, committed 2026-12-05T10:00:00Z, with uncommitted changes), go1.26.8"},
		{&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}}, "", "frontline devel (no VCS revision recorded: built with -buildvcs=false or outside a git work tree), go1.26.8"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: release.Settings[:1]}, "", "frontline devel (revision 0123456789abcdef)"},
		{nil, "3c94371-dirty", "frontline 3c94371-dirty"},
	} {
		if got := readVersion(c.bi, c.linked).String(); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}

	// This binary's own build info.
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		t.Fatal("no build info")
	}
	out := mustRun(t, "", "version", "--json")
	var v buildVersion
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.Module != bi.Main.Path || v.Go != bi.GoVersion || v.Version == "" || v.Version == "dev" {
		t.Errorf("version --json: %+v (build info %s %s)", v, bi.Main.Path, bi.Main.Version)
	}
	if text := mustRun(t, "", "version"); !strings.HasPrefix(text, "frontline "+v.Version) {
		t.Errorf("version: %q", text)
	}
	if _, _, err := run(t, "", "version", "extra"); err == nil {
		t.Error("version with an argument: no error")
	}
}
