package sqlite

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
)

// TestFindOne: a lookup of one current snapshot, answered from the index
// of versions, gives what the query gives — for every valid and as-known
// bound, with corrections, equal recording times, other layers, and
// snapshots added after the index was read, by this store or another
// store on the same file (another process); and the list of a layer's
// current maps from the same index is the query's.
func TestFindOne(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "frontline.db")
	open := func() *SnapshotStore {
		db := NewDB(path)
		if err := db.Open(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return NewSnapshotStore(db)
	}
	s, other := open(), open()
	for _, l := range []string{"a", "b"} {
		if err := s.CreateLayer(ctx, &frontline.Layer{Name: l, CreatedAt: t0}); err != nil {
			t.Fatal(err)
		}
	}
	rng := rand.New(rand.NewSource(1))
	n := 0
	add := func(st *SnapshotStore, layer string, day, rec int) *frontline.Snapshot {
		t.Helper()
		n++
		sn := &frontline.Snapshot{
			Layer: layer, ValidAt: t0.Add(time.Duration(day) * 24 * time.Hour), RecordedAt: t0.Add(time.Duration(rec) * time.Hour),
			SourceName: fmt.Sprint(n), SourceHash: fmt.Sprint("h", n), MappingHash: "m",
			Categories: []frontline.CategoryCount{{Name: fmt.Sprint("c", n), Status: frontline.StatusRussia, Count: n}},
			AreasKm2:   map[frontline.Status]float64{frontline.StatusRussia: float64(n)},
		}
		if added, err := st.AddSnapshot(ctx, sn, nil); err != nil || !added {
			t.Fatalf("add: %v %v", added, err)
		}
		return sn
	}
	check := func(when string) {
		t.Helper()
		for i := 0; i < 400; i++ {
			f := frontline.SnapshotFilter{Layer: []string{"a", "b", "c"}[rng.Intn(3)], Desc: rng.Intn(2) == 0, Brief: rng.Intn(4) == 0, Limit: 1}
			at := func() time.Time { return t0.Add(time.Duration(rng.Intn(30*24)-24) * time.Hour) }
			if rng.Intn(2) == 0 {
				f.ValidFrom = at()
			}
			if rng.Intn(2) == 0 {
				f.ValidTo = at()
			}
			if rng.Intn(2) == 0 {
				f.AsKnown = t0.Add(time.Duration(rng.Intn(40)-2) * time.Hour)
			}
			got, err := s.FindSnapshots(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			want, err := findSnapshots(ctx, s.db, f)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: %+v: index %+v, query %+v", when, f, got, want)
			}
		}
		// The list of a layer's current maps (a cell build's check).
		for _, l := range []string{"a", "b", "c"} {
			got, err := s.CurrentSnapshotIDs(ctx, l)
			if err != nil {
				t.Fatal(err)
			}
			snaps, err := findSnapshots(ctx, s.db, frontline.SnapshotFilter{Layer: l, Brief: true})
			if err != nil {
				t.Fatal(err)
			}
			want := make([]int64, len(snaps))
			for i, sn := range snaps {
				want[i] = sn.ID
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: current maps of %s: index %v, query %v", when, l, got, want)
			}
		}
	}
	check("empty store")
	for i := 0; i < 60; i++ {
		add(s, []string{"a", "b"}[rng.Intn(2)], rng.Intn(25), rng.Intn(30))
	}
	check("first maps")
	if s.versions == nil {
		t.Fatal("the index was not used")
	}

	// A correction of a day, recorded later: the current map of the day
	// is the correction, the one known before it is the first version,
	// now superseded.
	day := time.Date(2022, 9, 14, 0, 0, 0, 0, time.UTC).Add(40 * 24 * time.Hour)
	dayEnd := day.Add(24*time.Hour - time.Nanosecond)
	v1 := add(s, "a", 40, 30)
	lookup := func(asKnown time.Time) *frontline.Snapshot {
		t.Helper()
		got, err := s.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "a", ValidTo: dayEnd, AsKnown: asKnown, Desc: true, Limit: 1})
		if err != nil || len(got) != 1 {
			t.Fatalf("lookup: %v %v", got, err)
		}
		return got[0]
	}
	if got := lookup(time.Time{}); got.ID != v1.ID || got.SupersededAt != nil {
		t.Fatalf("before the correction: %+v", got)
	}
	v2 := add(other, "a", 40, 35) // by another process
	if got := lookup(time.Time{}); got.ID != v2.ID || got.Categories[0].Count != n {
		t.Fatalf("after the correction: %+v, want %d", got, v2.ID)
	}
	if got := lookup(t0.Add(32 * time.Hour)); got.ID != v1.ID || got.SupersededAt == nil || !got.SupersededAt.Equal(v2.RecordedAt) {
		t.Fatalf("as known before the correction: %+v", got)
	}
	check("after a correction")
	for i := 0; i < 30; i++ {
		add([]*SnapshotStore{s, other}[i%2], []string{"a", "b"}[rng.Intn(2)], rng.Intn(25), rng.Intn(40))
		check(fmt.Sprint("after adding ", i))
	}
}

var t0 = time.Date(2022, 9, 14, 0, 0, 0, 0, time.UTC)
