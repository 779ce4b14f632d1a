package mapfile

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"path"
	"strings"
)

// maxZipEntries bounds the entries of a KMZ so that a central directory of
// millions of tiny records cannot inflate into gigabytes of zip.File
// structs. A KMZ holds one KML and a few icons.
const maxZipEntries = 100_000

var (
	zipCentralHeader = []byte("PK\x01\x02")
	zipLocalHeader   = []byte("PK\x03\x04")
)

// readKMZ reads the KML inside a KMZ archive: doc.kml, or else the first
// .kml entry at the archive root.
func readKMZ(src string, data []byte, lim Limits) (*File, error) {
	// Each entry has a central directory header starting with this
	// signature, so the count is an upper bound on the entries.
	if n := bytes.Count(data, zipCentralHeader); n > maxZipEntries {
		return nil, errorf(src, "zip archive has more than %d entries", maxZipEntries)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, errorf(src, "not a valid KMZ (zip) archive: %s", strings.TrimPrefix(err.Error(), "zip: "))
	}
	// Refuse the whole archive if any entry escapes, not only the one read.
	for _, f := range zr.File {
		if escapes(f.Name) {
			return nil, errorf(src, "zip entry %q escapes the archive", f.Name)
		}
	}
	entry, err := chooseKML(src, zr.File)
	if err != nil {
		return nil, err
	}
	entrySrc := src + ": " + displayName(entry.Name)
	kml, err := readEntry(src, entry, int64(len(data)), lim)
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(kml, zipLocalHeader) {
		return nil, errorf(src, "entry %s is itself a zip archive: nested KMZ is not supported", displayName(entry.Name))
	}
	return readKML(entrySrc, trimBOM(kml), lim, FormatKMZ)
}

// escapes reports whether a zip entry name is absolute or climbs out of
// the archive. Backslashes count as separators (zips made on Windows).
func escapes(name string) bool {
	n := strings.ReplaceAll(name, `\`, "/")
	if strings.HasPrefix(n, "/") || len(n) >= 2 && n[1] == ':' {
		return true
	}
	for _, seg := range strings.Split(n, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
}

func chooseKML(src string, files []*zip.File) (*zip.File, error) {
	var first, nested, deep *zip.File
	for _, f := range files {
		name := strings.ReplaceAll(f.Name, `\`, "/")
		if strings.HasSuffix(name, "/") {
			continue // a directory
		}
		ext := strings.ToLower(path.Ext(name))
		if strings.Contains(name, "/") {
			if ext == ".kml" && deep == nil {
				deep = f
			}
			continue
		}
		if name == "doc.kml" {
			return f, nil
		}
		switch {
		case ext == ".kml" && first == nil:
			first = f
		case ext == ".kmz" && nested == nil:
			nested = f
		}
	}
	switch {
	case first != nil:
		return first, nil
	case nested != nil:
		return nil, errorf(src, "nested KMZ (%q inside the archive) is not supported", nested.Name)
	case deep != nil:
		return nil, errorf(src, "no .kml file at the archive root (found %q in a folder)", deep.Name)
	}
	return nil, errorf(src, "no .kml file in the archive")
}

// readEntry decompresses one entry, enforcing MaxUncompressed and
// MaxRatio on the bytes actually produced: the sizes declared in the
// headers are not trusted.
func readEntry(src string, f *zip.File, archiveSize int64, lim Limits) ([]byte, error) {
	name := displayName(f.Name)
	rc, err := f.Open()
	if err != nil {
		return nil, errorf(src, "cannot open entry %s: %s", name, strings.TrimPrefix(err.Error(), "zip: "))
	}
	defer rc.Close()

	// The compressed bytes are read from a section of the archive, so
	// they are at most the archive's size whatever the header says.
	compressed := int64(f.CompressedSize64)
	if f.CompressedSize64 > uint64(archiveSize) {
		compressed = archiveSize
	}
	compressed = max(compressed, 1)
	limit, byRatio := lim.MaxUncompressed, false
	if compressed <= limit/lim.MaxRatio { // no overflow: compressed*MaxRatio <= limit
		limit, byRatio = compressed*lim.MaxRatio, true
	}
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if int64(len(data)) > limit {
		if byRatio {
			return nil, errorf(src, "entry %s expands more than %d times its compressed size (zip bomb?)", name, lim.MaxRatio)
		}
		return nil, errorf(src, "entry %s expands past %s (zip bomb?)", name, formatBytes(lim.MaxUncompressed))
	}
	if err != nil {
		return nil, errorf(src, "entry %s is corrupt: %s", name, strings.TrimPrefix(err.Error(), "zip: "))
	}
	return data, nil
}
