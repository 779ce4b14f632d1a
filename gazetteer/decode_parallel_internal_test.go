package gazetteer

import (
	"reflect"
	"strings"
	"testing"
)

// TestParallelDecodeAsSequential: the shipped file's rows parsed in two
// halves give the places parsed in order, and a refused row is reported
// with the same message and line either way (the first in the file).
func TestParallelDecodeAsSequential(t *testing.T) {
	text, err := gunzip(EmbeddedFile, embeddedPlaces)
	if err != nil {
		t.Fatal(err)
	}
	decodeWith := func(text string, threshold int) ([]string, error) {
		old := parallelRows
		parallelRows = threshold
		defer func() { parallelRows = old }()
		places, byID, rest, err := decode("f", text, nil)
		if err != nil {
			return nil, err
		}
		if !strings.HasPrefix(rest, "#keys\n") {
			t.Errorf("rest starts %.20q", rest)
		}
		out := make([]string, 0, len(places))
		for i, p := range places {
			if byID[p.ID] != int32(i) {
				t.Fatalf("byID[%s] = %d, want %d", p.ID, byID[p.ID], i)
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
	places, _, _, _ := decode("f", text, nil)
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

// badKind sets a row's kind to one the format does not know.
func badKind(row string) string {
	f := strings.Split(row, "\t")
	f[2] = "hamlet"
	return strings.Join(f, "\t")
}
