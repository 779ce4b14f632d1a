package gazetteer

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTextCache checks the kept text of the shipped file: nothing kept
// reads nothing; kept, it reads back as the inflated text, member by
// member; a kept file of another size is not read, and a member whose
// checksum fails is not read while the others are.
func TestTextCache(t *testing.T) {
	sums := sumsOf(embeddedGz)
	if !sums.ok {
		t.Fatal("the shipped file is not laid out in members")
	}
	text, ok := inflateMembers(embeddedGz, 0, 4)
	if !ok {
		t.Fatal("the shipped file does not inflate")
	}
	dir := filepath.Join(t.TempDir(), "cache")
	if _, ok := openTextCache(dir, sums).members(0, 4); ok {
		t.Fatal("read a text from an empty folder")
	}
	keepText(dir, sums, text)
	tc := openTextCache(dir, sums)
	got, ok := tc.members(0, 4)
	if !ok || got != text {
		t.Fatalf("kept text read back: ok %v, %d bytes, want %d", ok, len(got), len(text))
	}
	rows, ok1 := tc.members(0, 3)
	index, ok2 := tc.members(3, 4)
	if !ok1 || !ok2 || rows+index != text || len(index) != sums.size[3] {
		t.Fatalf("rows and index: %v %v, %d + %d bytes", ok1, ok2, len(rows), len(index))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the cache folder, want 1 (no temporary left)", len(entries))
	}

	// One byte changed in the index member: the rows still read.
	path := filepath.Join(dir, sums.cacheName())
	bad := []byte(text)
	bad[len(bad)-10] ^= 1
	if err := os.WriteFile(path, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	tc = openTextCache(dir, sums)
	if _, ok := tc.members(3, 4); ok {
		t.Error("a changed member read")
	}
	if _, ok := tc.members(0, 4); ok {
		t.Error("a text with a changed member read whole")
	}
	if got, ok := tc.members(0, 3); !ok || got != text[:sums.start(3)] {
		t.Error("the unchanged members not read")
	}
	// Another size: not read.
	if err := os.WriteFile(path, []byte(text[:len(text)-1]), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := openTextCache(dir, sums).members(0, 3); ok {
		t.Error("a kept text of another size read")
	}
	// No folder: nothing kept, nothing read.
	keepText("", sums, text)
	if _, ok := openTextCache("", sums).members(0, 4); ok {
		t.Error("read without a folder")
	}
}
