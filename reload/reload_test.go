package reload_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/reload"
)

// places is a PlaceService over a fixed list: FindPlace by id.
type places []frontline.Place

func (ps places) SearchPlaces(ctx context.Context, q frontline.PlaceQuery) ([]frontline.PlaceCandidate, error) {
	var out []frontline.PlaceCandidate
	for i := range ps {
		if ps[i].Name == q.Text {
			out = append(out, frontline.PlaceCandidate{Place: &ps[i], Score: 1, Reason: "exact"})
		}
	}
	return out, nil
}

func (ps places) FindPlace(ctx context.Context, id string) (*frontline.Place, error) {
	for i := range ps {
		if ps[i].ID == id {
			return &ps[i], nil
		}
	}
	return nil, frontline.Errorf(frontline.ENOTFOUND, "no place %q", id)
}

func (ps places) AllPlaces() []frontline.Place { return ps }

func generation(ps places) *reload.Generation { return &reload.Generation{Places: ps, Lister: ps} }

// The watcher reloads when the file is replaced, keeps the services in use
// when a reload fails, and tries again only when the file changes again.
func TestWatcherReloads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.tsv")
	write := func(s string) {
		t.Helper()
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			t.Fatal(err)
		}
	}
	read := func() (places, error) {
		b, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) {
			return places{{ID: "embedded", Name: "Embedded"}}, nil
		}
		if err != nil {
			return nil, err
		}
		if string(b) == "bad" {
			return nil, errors.New("bad file")
		}
		return places{{ID: string(b), Name: string(b)}}, nil
	}
	w := &reload.Watcher{Path: path}
	w.Mark()
	first, _ := read()
	live := reload.New(generation(first))
	calls := 0
	w.Reload = func() error {
		calls++
		ps, err := read()
		if err != nil {
			return err
		}
		live.Swap(generation(ps))
		return nil
	}
	ctx := context.Background()
	find := func(id string) bool {
		_, err := live.FindPlace(ctx, id)
		return err == nil
	}
	if w.Check() || calls != 0 {
		t.Fatalf("reloaded an unchanged (absent) file")
	}
	write("a")
	if !w.Check() || !find("a") || find("embedded") {
		t.Fatalf("the new file is not served")
	}
	if w.Check() || calls != 1 {
		t.Fatalf("reloaded again without a change (%d calls)", calls)
	}
	write("bad")
	if w.Check() || !find("a") {
		t.Fatalf("a failed reload replaced the services")
	}
	if w.Check() || calls != 2 {
		t.Fatalf("a failed file is read again before it changes (%d calls)", calls)
	}
	write("b")
	if !w.Check() || !find("b") {
		t.Fatalf("the fixed file is not served")
	}
	if !w.Force() || calls != 4 {
		t.Fatalf("Force did not reload (%d calls)", calls)
	}
	os.Remove(path)
	if !w.Check() || !find("embedded") {
		t.Fatalf("a removed file does not bring back the embedded gazetteer")
	}
	if got := live.AllPlaces(); len(got) != 1 || got[0].ID != "embedded" {
		t.Errorf("AllPlaces %v", got)
	}
}

// A file changed between Mark and the first look is reloaded: the change
// is not taken for the loaded state.
func TestWatcherMarkBeforeRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.tsv")
	w := &reload.Watcher{Path: path, Every: 10 * time.Millisecond}
	w.Mark()
	os.WriteFile(path, []byte("x"), 0o644)
	done := make(chan struct{})
	var once sync.Once
	w.Reload = func() error { once.Do(func() { close(done) }); return nil }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go w.Run(ctx)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("a file written after Mark was never reloaded")
	}
}

// Calls go on while generations are swapped (run with -race), and a
// generation without a service answers with an error, not a panic.
func TestServicesSwapConcurrent(t *testing.T) {
	live := reload.New(generation(places{{ID: "0", Name: "n"}}))
	ctx := context.Background()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				cs, err := live.SearchPlaces(ctx, frontline.PlaceQuery{Text: "n"})
				if err != nil || len(cs) != 1 {
					t.Errorf("search: %v %v", cs, err)
					return
				}
			}
		}()
	}
	for i := 0; i < 200; i++ {
		live.Swap(generation(places{{ID: string(rune('a' + i%26)), Name: "n"}}))
	}
	wg.Wait()
	empty := reload.New(&reload.Generation{})
	if _, err := empty.Check(ctx, frontline.CheckRequest{}); frontline.ErrorCode(err) != frontline.EINTERNAL {
		t.Errorf("check without a service: %v", err)
	}
	if _, err := empty.SearchPlaces(ctx, frontline.PlaceQuery{Text: "x"}); err == nil {
		t.Errorf("search without a service: no error")
	}
	if got := empty.AllPlaces(); got != nil {
		t.Errorf("AllPlaces without a lister: %v", got)
	}
}
