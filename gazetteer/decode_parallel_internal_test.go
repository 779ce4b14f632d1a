package gazetteer

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/frontline-osint/frontline"
)

// TestParallelDecodeAsSequential: the shipped file's rows parsed in two
// halves give the places parsed in order, and a refused row is reported
// with the same message and line either way (the first in the file).
func TestParallelDecodeAsSequential(t *testing.T) {
	text, err := embeddedText()
	if err != nil {
		t.Fatal(err)
	}
	decodeWith := func(text string, threshold int) ([]string, error) {
		old := parallelRows
		parallelRows = threshold
		defer func() { parallelRows = old }()
		places, byID, _, rest, err := decode("f", text, decodeOptions{})
		if err != nil {
			return nil, err
		}
		if !strings.HasPrefix(rest, "#keys\n") {
			t.Errorf("rest starts %.20q", rest)
		}
		out := make([]string, 0, len(places))
		for i, p := range places {
			if j, ok := byID.find(places, p.ID); !ok || j != int32(i) {
				t.Fatalf("byID[%s] = %d, want %d", p.ID, j, i)
			}
			out = append(out, strings.Join(append([]string{p.ID, p.KATOTTG, p.Kind, p.Name, p.NameUK, p.NameRU, p.Oblast, p.OblastISO, p.Raion, p.Hromada, p.PointSource, p.Country}, p.Names...), "|"))
		}
		return out, nil
	}
	par, err := decodeWith(text, 4096)
	if err != nil {
		t.Fatal(err)
	}
	seq, err := decodeWith(text, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	if len(par) < 20000 || !reflect.DeepEqual(par, seq) {
		t.Fatalf("parallel %d places, in order %d, equal %v", len(par), len(seq), reflect.DeepEqual(par, seq))
	}
	places, _, _, _, _ := decode("f", text, decodeOptions{})
	lines := strings.Split(text, "\n")
	row := func(id string) int {
		for i, l := range lines {
			if strings.HasPrefix(l, id+"\t") {
				return i
			}
		}
		t.Fatalf("no row %s", id)
		return 0
	}
	early, late := row(places[100].ID), row(places[len(places)-100].ID)
	for name, edit := range map[string]func([]string){
		"duplicate in the second half of the first half's id": func(l []string) {
			l[late] = strings.Replace(l[late], places[len(places)-100].ID, places[100].ID, 1)
		},
		"bad kind late": func(l []string) { l[late] = badKind(l[late]) },
		"two errors, the early one first": func(l []string) {
			l[late] = badKind(l[late])
			l[early] = strings.Replace(l[early], "\t", "\t\t", 1)
		},
	} {
		l := append([]string(nil), lines...)
		edit(l)
		bad := strings.Join(l, "\n")
		_, errPar := decodeWith(bad, 4096)
		_, errSeq := decodeWith(bad, 1<<30)
		if errPar == nil || errSeq == nil || errPar.Error() != errSeq.Error() {
			t.Errorf("%s: parallel %v, in order %v", name, errPar, errSeq)
		}
	}
}

// sameIDs: a and b find every place of a's at the same index, and not an
// ID that neither has.
func sameIDs(a, b *Gazetteer) bool {
	for i := range a.Places {
		j, ok := b.ids().find(b.Places, a.Places[i].ID)
		k, ok2 := a.ids().find(a.Places, a.Places[i].ID)
		if !ok || !ok2 || j != int32(i) || k != int32(i) {
			return false
		}
	}
	_, ok := b.ids().find(b.Places, "UA-no-such-place")
	return !ok && len(a.Places) == len(b.Places)
}

// badKind sets a row's kind to one the format does not know.
func badKind(row string) string {
	f := strings.Split(row, "\t")
	f[2] = "hamlet"
	return strings.Join(f, "\t")
}

// membersOfEmbedded is the shipped file written as EncodeIndexed writes
// it: gzip members.
func membersOfEmbedded(t testing.TB) []byte {
	var buf bytes.Buffer
	if err := writeMembers(&buf, mustEmbeddedText(t)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestMembersAsOneStream: the shipped file's members, decompressed and
// parsed at once, give what reading it as one gzip stream gives, and what
// opening the uncompressed text gives; a file whose layout note is wrong
// is read as one stream all the same.
func TestMembersAsOneStream(t *testing.T) {
	embeddedPlaces := membersOfEmbedded(t)
	if _, _, _, ok := memberLayout(embeddedPlaces); !ok {
		t.Fatal("the shipped file is not laid out in members")
	}
	fast, err := openGzip("f", embeddedPlaces)
	if err != nil {
		t.Fatal(err)
	}
	text, err := gunzip("f", embeddedPlaces)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := Open("f", text)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fast.Places, slow.Places) || !reflect.DeepEqual(fast.keyList, slow.keyList) ||
		!reflect.DeepEqual(fast.keyRefs, slow.keyRefs) || !reflect.DeepEqual(fast.looseRefs, slow.looseRefs) ||
		!sameIDs(fast, slow) {
		t.Fatal("members and one stream differ")
	}
	plain, err := decodeGzip("f", embeddedPlaces)
	if err != nil {
		t.Fatal(err)
	}
	seq, _, _, _, err := decode("f", text, decodeOptions{})
	if err != nil || !reflect.DeepEqual(plain, seq) {
		t.Fatalf("LoadEmbedded's places differ from the one stream's (%v)", err)
	}
	loaded, err := LoadEmbedded()
	if err != nil || !reflect.DeepEqual(plain, loaded) {
		t.Fatalf("LoadEmbedded's places differ from the members' (%v)", err)
	}
	opened, err := OpenEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	if opened.byID != nil || opened.looseList != nil || opened.looseText == "" {
		t.Fatal("OpenEmbedded built its ID table or read its #loose section at once")
	}
	opened.looseRefsOf("kharkov")
	if !reflect.DeepEqual(fast.Places, opened.Places) || !reflect.DeepEqual(fast.keyList, opened.keyList) ||
		!reflect.DeepEqual(fast.keyRefs, opened.keyRefs) || !reflect.DeepEqual(fast.looseList, opened.looseList) ||
		!reflect.DeepEqual(fast.looseRefs, opened.looseRefs) || !sameIDs(fast, opened) {
		t.Fatal("OpenEmbedded differs from the members' gazetteer")
	}

	// A wrong note: sizes that cut the members elsewhere, or row counts
	// that do not match.
	i := strings.Index(string(embeddedPlaces[:200]), memberTag)
	if i < 0 {
		t.Fatal("no layout note in the first member's header")
	}
	for _, swap := range [][2]byte{{'1', '2'}, {'5', '4'}, {' ', 'x'}} {
		bad := slices.Clone(embeddedPlaces)
		j := i + len(memberTag) + bytes.IndexByte(bad[i+len(memberTag):i+60], swap[0])
		if j < i+len(memberTag) {
			continue
		}
		bad[j] = swap[1]
		g, err := openGzip("bad", bad)
		if err != nil || len(g.Places) != len(slow.Places) {
			t.Fatalf("note %q: %v", bad[i:i+60], err)
		}
	}
}

// FuzzOpenGzip: openGzip never panics on any bytes: it opens them or
// refuses them with EINVALID.
func FuzzOpenGzip(f *testing.F) {
	text := "#frontline-gazetteer\t2\n#oblast\tUA63000000000041885\tUA-63\tKharkiv Oblast\tХарківська\n#columns\t" +
		strings.Join(fileColumns, "\t") + "\n" +
		"UA1\tUA1\tvillage\t\tБалаклія\t\tUA-63\t\t\t36.8\t49.4\tgeonames\t\t\t\n" +
		"UA2\tUA2\tvillage\t\tІзюм\t\tUA-63\t\t\t37.2\t49.2\tgeonames\t\t\t\n" +
		"#keys\nbalakliia\t0e\nizium\t1e\n#loose\nbalaklia\t0\n"
	var buf bytes.Buffer
	if err := writeMembers(&buf, text); err != nil {
		f.Fatal(err)
	}
	if _, _, _, ok := memberLayout(buf.Bytes()); !ok {
		f.Fatal("seed not laid out in members")
	}
	f.Add(buf.Bytes())
	f.Add(buf.Bytes()[:buf.Len()/2])
	f.Add(membersOfEmbedded(f)[:300])
	f.Fuzz(func(t *testing.T, gz []byte) {
		g, err := openGzip("fuzz", gz)
		if err != nil {
			if frontline.ErrorCode(err) != frontline.EINVALID {
				t.Fatalf("error %v: want EINVALID", err)
			}
			return
		}
		for _, p := range g.Places {
			if p.ID == "" {
				t.Fatal("a place without an id")
			}
		}
	})
}

// TestIDTable: the table finds every place, refuses a second place with
// an ID already there, and finds nothing for an unknown or empty ID, at
// every size around its growth steps.
func TestIDTable(t *testing.T) {
	for _, n := range []int{0, 1, 3, 4, 5, 8, 100, 1000} {
		places := make([]frontline.Place, n)
		for i := range places {
			places[i].ID = fmt.Sprintf("UA%017d", i*7919)
		}
		tab, ok := idTableOf(places)
		if !ok {
			t.Fatalf("%d places: refused", n)
		}
		for i := range places {
			if j, ok := tab.find(places, places[i].ID); !ok || j != int32(i) {
				t.Fatalf("%d places: %s at %d, %v", n, places[i].ID, j, ok)
			}
		}
		for _, id := range []string{"", "UA-none", "UA00000000000000001"} {
			if _, ok := tab.find(places, id); ok {
				t.Fatalf("%d places: found %q", n, id)
			}
		}
		if n > 1 {
			dup := append(slices.Clone(places), places[n/2])
			if _, ok := idTableOf(dup); ok {
				t.Fatalf("%d places: a duplicate let through", n)
			}
		}
	}
}

func mustEmbeddedText(t testing.TB) string {
	t.Helper()
	text, err := embeddedText()
	if err != nil {
		t.Fatal(err)
	}
	return text
}
