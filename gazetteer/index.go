package gazetteer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/translit"
)

// The shipped file carries the search index ready, so that a command that
// searches does not transliterate and fold every spelling of 30,000 places
// at start-up (half a second on the machines this runs on). After the place
// rows come two sections, each sorted by key:
//
//	#keys
//	<translit.Fold key>	<place><reason>,<place><reason>…     reason e, t or a
//	#loose
//	<translit.FoldLoose key>	<place>,<place>…
//
// <place> is the row's index (0-based). In such a file the rows hold what
// New makes of the places: the Latin name filled in and every spelling of
// every transliteration system in the alternates, so the index and the
// names agree without recomputation. A file without the sections (an
// imported or extended gazetteer, version 1) is indexed by New.

var reasonCode = map[string]byte{ReasonExact: 'e', ReasonTransliteration: 't', ReasonAlternate: 'a'}
var codeReason = map[byte]string{'e': ReasonExact, 't': ReasonTransliteration, 'a': ReasonAlternate}

// EncodeIndexed writes places with their search index, gzip-compressed and
// deterministic like EncodeGzip. places are not modified.
func EncodeIndexed(w io.Writer, obl []Oblast, places []frontline.Place) error {
	text, err := indexedText(obl, places)
	if err != nil {
		return err
	}
	return writeMembers(w, text)
}

// EncodeIndexedText writes what EncodeIndexed compresses, uncompressed:
// the text of the shipped file (data/places.tsv.gz).
func EncodeIndexedText(w io.Writer, obl []Oblast, places []frontline.Place) error {
	text, err := indexedText(obl, places)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, text)
	return err
}

// indexedText is the text of a file of places with their search index
// (version 3).
func indexedText(obl []Oblast, places []frontline.Place) (string, error) {
	ps := slices.Clone(places)
	for i := range ps {
		ps[i].Names = slices.Clone(ps[i].Names)
	}
	raions := make([][2]string, len(ps))
	for i := range ps {
		raions[i] = [2]string{ps[i].Raion, ps[i].Hromada}
	}
	g := New(ps)
	for i := range ps {
		// The file keeps the codifier's Ukrainian raion and hromada names;
		// FillNames transliterates them at load.
		ps[i].Raion, ps[i].Hromada = raions[i][0], raions[i][1]
		// Names must start with NameUK, NameRU for Encode.
		rest := slices.DeleteFunc(slices.Clone(ps[i].Names), func(n string) bool { return n == ps[i].NameUK || n == ps[i].NameRU })
		ps[i].Names = append(placeNames(ps[i].NameUK, ps[i].NameRU, ""), rest...)
	}
	var text bytes.Buffer
	if err := encode(&text, obl, ps, true); err != nil {
		return "", err
	}
	bw := bufio.NewWriter(&text)
	bw.WriteString("#keys\n")
	for i, k := range g.keyList {
		if strings.ContainsAny(k, "\t\n") || strings.HasPrefix(k, "#") {
			return "", fmt.Errorf("gazetteer: encode: key %q cannot be written", k)
		}
		bw.WriteString(k)
		bw.WriteByte('\t')
		for j, r := range g.keyRefs[i] {
			if j > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString(strconv.Itoa(int(r.place)))
			bw.WriteByte(r.code)
		}
		bw.WriteByte('\n')
	}
	bw.WriteString("#loose\n")
	for i, k := range g.looseList {
		if strings.ContainsAny(k, "\t\n") || strings.HasPrefix(k, "#") {
			return "", fmt.Errorf("gazetteer: encode: key %q cannot be written", k)
		}
		bw.WriteString(k)
		bw.WriteByte('\t')
		for j, p := range g.looseRefs[i] {
			if j > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString(strconv.Itoa(int(p)))
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return "", err
	}
	return text.String(), nil
}

// OpenEmbedded returns the shipped gazetteer, searchable, from its
// precomputed index: what New(LoadEmbedded()) gives, in a fraction of the
// time. Its IDs are not checked for duplicates and its #loose section is
// read on first use (the package's tests check both).
func OpenEmbedded() (*Gazetteer, error) {
	// The index member is inflated and read on its own goroutine while
	// the rows' members are inflated and parsed.
	rows := memberRows(embeddedGz)
	g := &Gazetteer{}
	indexErr := make(chan error, 1)
	if rows >= 0 {
		go func() {
			text, ok := embeddedIndex()
			if !ok {
				indexErr <- errNoMembers
				return
			}
			indexErr <- g.readIndex(EmbeddedFile, text, rows, true)
		}()
	} else {
		indexErr <- errNoMembers
	}
	rowText, err := embeddedRows()
	if err != nil {
		<-indexErr
		return nil, err
	}
	if err := <-indexErr; err != nil {
		// Not laid out in members: the whole text at once.
		text, err := embeddedText()
		if err != nil {
			return nil, err
		}
		return openText(EmbeddedFile, text, true)
	}
	places, byID, version, rest, err := decode(EmbeddedFile, rowText, decodeOptions{latin: true, trusted: true})
	if err != nil {
		return nil, err
	}
	if rest != "" || len(places) != rows {
		return nil, frontline.Errorf(frontline.EINVALID, "gazetteer: %s: index: read for %d places, the file has %d", EmbeddedFile, rows, len(places))
	}
	g.opened(places, byID, version)
	return g, nil
}

// errNoMembers says the shipped file is not laid out in members.
var errNoMembers = errors.New("gazetteer: the shipped file is not laid out in members")

// Open reads a gazetteer file's text (named name in errors) into a
// searchable gazetteer: from its index sections if it has them, else by
// New. The places' strings share memory with text.
func Open(name, text string) (*Gazetteer, error) {
	return openText(name, text, false)
}

// openText is Open; trusted is for the shipped file (OpenEmbedded).
func openText(name, text string, trusted bool) (*Gazetteer, error) {
	g := &Gazetteer{}
	// The index sections are read while the rows are (two cores), and a
	// version 3 file's rows get their Latin raion and hromada names from
	// its #unit table as they are parsed.
	indexRows := -1
	places, byID, version, rest, err := decode(name, text, decodeOptions{latin: true, trusted: trusted, alongside: func(rest string, rows int) error {
		indexRows = rows
		return g.readIndex(name, rest, rows, trusted)
	}})
	if err != nil {
		return nil, err
	}
	if rest == "" {
		return New(places), nil
	}
	if indexRows != len(places) {
		return nil, frontline.Errorf(frontline.EINVALID, "gazetteer: %s: index: read for %d places, the file has %d", name, indexRows, len(places))
	}
	g.opened(places, byID, version)
	return g, nil
}

// opened finishes a gazetteer whose index was read from its file: its
// places get their Latin names.
func (g *Gazetteer) opened(places []frontline.Place, byID *idTable, version int) {
	g.Places = places
	if version < 3 {
		FillNames(places)
	} else {
		// The raions and hromadas are Latin already (the #unit table).
		for i := range places {
			if places[i].Name == "" {
				places[i].Name = translit.UkrainianNational(places[i].NameUK)
			}
		}
	}
	g.finish(byID)
}

// gunzip decompresses a gazetteer file into one string. The text is
// written once, into a builder of the size the gzip trailer announces, and
// the string shares the builder's memory: no second copy of the 7 MB (on
// the shared machines this runs on, fresh memory costs about 3 ms a
// megabyte to touch).
func gunzip(name string, gz []byte) (string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return "", frontline.Errorf(frontline.EINVALID, "gazetteer: %s: %v", name, err)
	}
	var sb strings.Builder
	if n := len(gz); n >= 18 {
		if size := binary.LittleEndian.Uint32(gz[n-4:]); size < 1<<28 {
			sb.Grow(int(size))
		}
	}
	if _, err := io.Copy(&sb, zr); err != nil {
		return "", frontline.Errorf(frontline.EINVALID, "gazetteer: %s: %v", name, err)
	}
	return sb.String(), nil
}

// readIndex parses the #keys and #loose sections. Each section is
// counted first (lines, commas) so that its keys and references land in
// slices allocated once: the references of all keys share one array.
// n is the number of places. With lazyLoose set, the #loose section is
// kept to be read on first use (looseRefsOf).
func (g *Gazetteer) readIndex(name, text string, n int, lazyLoose bool) error {
	fail := func(format string, args ...any) error {
		return frontline.Errorf(frontline.EINVALID, "gazetteer: %s: index: %s", name, fmt.Sprintf(format, args...))
	}
	for text != "" {
		header, rest, _ := strings.Cut(text, "\n")
		header = strings.TrimSuffix(header, "\r")
		if header == "" {
			text = rest
			continue
		}
		if header != "#keys" && header != "#loose" {
			return fail("unknown section before %q", truncate(header, 40))
		}
		if header == "#keys" && g.keyList != nil || header == "#loose" && (g.looseList != nil || g.looseText != "") {
			return fail("two %s sections", header)
		}
		body := rest
		text = ""
		if i := strings.Index(rest, "\n#"); i >= 0 {
			body, text = rest[:i+1], rest[i+1:]
		}
		if header == "#loose" && lazyLoose && body != "" {
			g.looseText, g.looseN = body, n
			continue
		}
		lines := strings.Count(body, "\n") + 1
		refs := strings.Count(body, ",") + lines
		var err error
		if header == "#keys" {
			err = g.readKeys(body, lines, refs, n)
		} else {
			err = g.readLoose(body, lines, refs, n)
		}
		if err != nil {
			return fail("%s", err)
		}
	}
	if len(g.keyList) == 0 {
		return fail("no #keys section")
	}
	return nil
}

// indexLines calls line for each non-empty line of body ("key\trefs"),
// checking that the keys are sorted.
func indexLines(body string, line func(key, refs string) error) error {
	prev := ""
	for body != "" {
		l, rest, _ := strings.Cut(body, "\n")
		body = rest
		l = strings.TrimSuffix(l, "\r")
		if l == "" {
			continue
		}
		key, refs, ok := strings.Cut(l, "\t")
		if !ok || key == "" || refs == "" {
			return fmt.Errorf("bad line %q", truncate(l, 40))
		}
		if prev != "" && prev >= key {
			return fmt.Errorf("keys not sorted at %q", truncate(key, 40))
		}
		prev = key
		if err := line(key, refs); err != nil {
			return err
		}
	}
	return nil
}

// placeRef parses a place's row index, 0 ≤ i < n.
func placeRef(s string, n int) (int32, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	i := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		i = i*10 + int(c-'0')
	}
	return int32(i), i < n
}

func (g *Gazetteer) readKeys(body string, lines, refs, n int) error {
	g.keyList = make([]string, 0, lines)
	g.keyRefs = make([][]keyRef, 0, lines)
	flat := make([]keyRef, 0, refs)
	return indexLines(body, func(key, refs string) error {
		start := len(flat)
		for refs != "" {
			var r string
			r, refs, _ = strings.Cut(refs, ",")
			if len(r) < 2 {
				return fmt.Errorf("bad reference %q", r)
			}
			code := r[len(r)-1]
			i, ok := placeRef(r[:len(r)-1], n)
			if code != 'e' && code != 't' && code != 'a' || !ok {
				return fmt.Errorf("bad reference %q", r)
			}
			flat = append(flat, keyRef{i, code})
		}
		g.keyList = append(g.keyList, key)
		g.keyRefs = append(g.keyRefs, flat[start:len(flat):len(flat)])
		return nil
	})
}

func (g *Gazetteer) readLoose(body string, lines, refs, n int) error {
	g.looseList = make([]string, 0, lines)
	g.looseRefs = make([][]int32, 0, lines)
	flat := make([]int32, 0, refs)
	return indexLines(body, func(key, refs string) error {
		start := len(flat)
		for refs != "" {
			var r string
			r, refs, _ = strings.Cut(refs, ",")
			i, ok := placeRef(r, n)
			if !ok {
				return fmt.Errorf("bad reference %q", r)
			}
			flat = append(flat, i)
		}
		g.looseList = append(g.looseList, key)
		g.looseRefs = append(g.looseRefs, flat[start:len(flat):len(flat)])
		return nil
	})
}
