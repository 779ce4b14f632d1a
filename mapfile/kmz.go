package mapfile

import (
	"archive/zip"
	"bufio"
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
	er, err := openEntry(src, entry, int64(len(data)), lim)
	if err != nil {
		return nil, err
	}
	defer er.Close()
	br := bufio.NewReaderSize(er, 64*kib)
	if head, _ := br.Peek(len(zipLocalHeader)); bytes.Equal(head, zipLocalHeader) {
		return nil, errorf(src, "entry %s is itself a zip archive: nested KMZ is not supported", displayName(entry.Name))
	}
	if head, _ := br.Peek(len(utf8BOM)); bytes.Equal(head, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	f, err := readKML(entrySrc, squeezeSpace(br), lim, FormatKMZ)
	if err != nil {
		// An entry that is corrupt or inflates past the limits is
		// reported as such even when its first bytes are not KML:
		// the rest is inflated and discarded, never kept.
		var re *readError
		if _, derr := io.Copy(io.Discard, br); errors.As(derr, &re) {
			return nil, re.err
		}
		return nil, err
	}
	return f, nil
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

// readError is an error of the reader under the XML decoder (a corrupt
// entry, or one inflating past the limits); err is the message to report.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }

// entryReader inflates one entry, refusing to produce more than limit
// bytes.
type entryReader struct {
	rc      io.ReadCloser
	left    int64
	tooBig  error
	corrupt func(error) error
}

func (r *entryReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		// One byte more tells a full entry from one that goes on.
		var b [1]byte
		n, err := r.rc.Read(b[:])
		if n > 0 {
			return 0, &readError{r.tooBig}
		}
		if err != nil && err != io.EOF {
			return 0, &readError{r.corrupt(err)}
		}
		return 0, err
	}
	if int64(len(p)) > r.left {
		p = p[:r.left]
	}
	n, err := r.rc.Read(p)
	r.left -= int64(n)
	if err != nil && err != io.EOF {
		err = &readError{r.corrupt(err)}
	}
	return n, err
}

func (r *entryReader) Close() error { return r.rc.Close() }

// openEntry opens one entry for streaming, enforcing MaxUncompressed and
// MaxRatio. An entry whose header declares a size over the limits is
// refused before anything is inflated; archive/zip refuses to inflate past
// the declared size, and the bytes actually produced are counted too, so a
// header that lies cannot get more through.
func openEntry(src string, f *zip.File, archiveSize int64, lim Limits) (*entryReader, error) {
	name := displayName(f.Name)
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
	tooBig := errorf(src, "entry %s expands past %s (zip bomb?)", name, formatBytes(lim.MaxUncompressed))
	if byRatio {
		tooBig = errorf(src, "entry %s expands more than %d times its compressed size (zip bomb?)", name, lim.MaxRatio)
	}
	if f.UncompressedSize64 > uint64(limit) {
		return nil, tooBig
	}
	rc, err := f.Open()
	if err != nil {
		return nil, errorf(src, "cannot open entry %s: %s", name, strings.TrimPrefix(err.Error(), "zip: "))
	}
	return &entryReader{rc: rc, left: limit, tooBig: tooBig, corrupt: func(err error) error {
		return errorf(src, "entry %s is corrupt: %s", name, strings.TrimPrefix(err.Error(), "zip: "))
	}}, nil
}

// maxSpaceRun is the longest run of XML whitespace passed to the decoder;
// the rest of a longer run is dropped, so a file of whitespace cannot grow
// one text token to the size of the file. Line numbers in messages about
// what follows such a run count only the newlines kept.
const maxSpaceRun = 4 * kib

// squeezeSpace returns r with runs of whitespace cut to maxSpaceRun bytes.
func squeezeSpace(r io.Reader) io.Reader { return &spaceSqueezer{r: r} }

type spaceSqueezer struct {
	r   io.Reader
	run int
}

func (s *spaceSqueezer) Read(p []byte) (int, error) {
	for {
		n, err := s.r.Read(p)
		w := 0
		for _, b := range p[:n] {
			if b == ' ' || b == '\t' || b == '\n' || b == '\r' {
				if s.run++; s.run > maxSpaceRun {
					continue
				}
			} else {
				s.run = 0
			}
			p[w] = b
			w++
		}
		if w > 0 || err != nil || n == 0 {
			return w, err
		}
	}
}
