package golden

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestFirstDifference(t *testing.T) {
	if got := firstDifference([]byte("a\nb\nc"), []byte("a\nx\nc")); !strings.Contains(got, "line 2") {
		t.Errorf("%s", got)
	}
	if got := firstDifference([]byte("a\nb"), []byte("a\nb\nc")); !strings.Contains(got, "line 3") {
		t.Errorf("%s", got)
	}
}

func TestAssertMissing(t *testing.T) {
	ft := &fakeTB{TB: t}
	func() {
		defer func() { recover() }()
		Assert(ft, filepath.Join(t.TempDir(), "none.golden"), []byte("x"))
	}()
	if !ft.failed {
		t.Error("a missing golden file passed")
	}
}

type fakeTB struct {
	testing.TB
	failed bool
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Fatalf(string, ...any) {
	f.failed = true
	panic("fatal")
}
func (f *fakeTB) Errorf(string, ...any) { f.failed = true }
