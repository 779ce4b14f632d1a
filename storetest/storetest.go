// Package storetest is the one test suite every frontline.SnapshotStore
// passes (SQLite now, PostGIS later): layers, idempotent snapshots,
// versions and "as known" reads.
package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
)

// Run runs the suite; open returns a new, empty store for each test.
func Run(t *testing.T, open func(t *testing.T) frontline.SnapshotStore) {
	t.Run("Layers", func(t *testing.T) { testLayers(t, open(t)) })
	t.Run("SnapshotVersions", func(t *testing.T) { testSnapshotVersions(t, open(t)) })
	t.Run("Pieces", func(t *testing.T) { testPieces(t, open(t)) })
	t.Run("Filters", func(t *testing.T) { testFilters(t, open(t)) })
	t.Run("ChangeCache", func(t *testing.T) { testChangeCache(t, open(t)) })
}

func testChangeCache(t *testing.T, s frontline.SnapshotStore) {
	ctx := context.Background()
	s.CreateLayer(ctx, &frontline.Layer{Name: "l", CreatedAt: t0})
	a, b := snap("l", t0, t0, "a"), snap("l", t0.Add(time.Hour), t0, "b")
	mustAdd(t, s, a, nil)
	mustAdd(t, s, b, nil)
	if _, err := s.ChangeCache(ctx, a.ID, b.ID, "v1"); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("empty cache: %v", err)
	}
	if err := s.PutChangeCache(ctx, a.ID, b.ID, "v1", []byte("x")); err != nil {
		t.Fatal(err)
	}
	// A second put of the same pair keeps the first (results are immutable).
	if err := s.PutChangeCache(ctx, a.ID, b.ID, "v1", []byte("y")); err != nil {
		t.Fatal(err)
	}
	if got, err := s.ChangeCache(ctx, a.ID, b.ID, "v1"); err != nil || string(got) != "x" {
		t.Fatalf("cache = %q, %v", got, err)
	}
	if _, err := s.ChangeCache(ctx, a.ID, b.ID, "v2"); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("other version: %v", err)
	}
}

var t0 = time.Date(2022, 9, 14, 0, 0, 0, 0, time.UTC)

func snap(layer string, valid time.Time, recorded time.Time, hash string) *frontline.Snapshot {
	return &frontline.Snapshot{
		Layer: layer, ValidAt: valid, RecordedAt: recorded, SourceName: valid.Format("2006-01-02") + ".geojson",
		SourceHash: hash, MappingHash: "m1", Polygons: 3, Points: 1,
		Categories: []frontline.CategoryCount{{Name: "Occupied", Status: frontline.StatusRussia, Count: 2}},
		AreasKm2:   map[frontline.Status]float64{frontline.StatusRussia: 100, frontline.StatusUkraine: 500},
	}
}

func mustAdd(t *testing.T, s frontline.SnapshotStore, sn *frontline.Snapshot, pieces []frontline.Piece) bool {
	t.Helper()
	added, err := s.AddSnapshot(context.Background(), sn, pieces)
	if err != nil {
		t.Fatal(err)
	}
	return added
}

func testLayers(t *testing.T, s frontline.SnapshotStore) {
	ctx := context.Background()
	if _, err := s.FindLayer(ctx, "nope"); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("FindLayer(unknown) = %v, want ENOTFOUND", err)
	}
	if err := s.CreateLayer(ctx, &frontline.Layer{Name: "deepstate", Title: "DeepState", CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	// Re-creating keeps what is not given and updates what is.
	if err := s.CreateLayer(ctx, &frontline.Layer{Name: "deepstate", Licence: "non-commercial", CreatedAt: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	l, err := s.FindLayer(ctx, "deepstate")
	if err != nil {
		t.Fatal(err)
	}
	if l.Title != "DeepState" || l.Licence != "non-commercial" || !l.CreatedAt.Equal(t0) || l.Snapshots != 0 {
		t.Fatalf("layer = %+v", l)
	}
	if _, err := s.AddSnapshot(ctx, snap("other", t0, t0, "h"), nil); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("AddSnapshot to unknown layer = %v, want ENOTFOUND", err)
	}
	ls, err := s.FindLayers(ctx)
	if err != nil || len(ls) != 1 {
		t.Fatalf("FindLayers = %v, %v", ls, err)
	}
}

func testSnapshotVersions(t *testing.T, s frontline.SnapshotStore) {
	ctx := context.Background()
	s.CreateLayer(ctx, &frontline.Layer{Name: "l", CreatedAt: t0})
	day := time.Date(2022, 9, 10, 12, 0, 0, 0, time.UTC)
	v1 := snap("l", day, t0, "hash-1")
	if !mustAdd(t, s, v1, nil) || v1.ID == 0 {
		t.Fatalf("first version not added: %+v", v1)
	}
	// Same bytes again: nothing new, and the existing ID comes back.
	again := snap("l", day, t0.Add(time.Hour), "hash-1")
	if mustAdd(t, s, again, nil) || again.ID != v1.ID {
		t.Fatalf("re-import added a version: %+v", again)
	}
	// A correction for the same day is a new version.
	v2 := snap("l", day, t0.Add(24*time.Hour), "hash-2")
	v2.AreasKm2 = map[frontline.Status]float64{frontline.StatusRussia: 90}
	if !mustAdd(t, s, v2, nil) || v2.ID == v1.ID {
		t.Fatalf("correction not added")
	}
	cur, err := s.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "l"})
	if err != nil || len(cur) != 1 || cur[0].ID != v2.ID || cur[0].AreasKm2[frontline.StatusRussia] != 90 {
		t.Fatalf("current = %+v, %v", cur, err)
	}
	old, err := s.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "l", AsKnown: t0.Add(time.Hour)})
	if err != nil || len(old) != 1 || old[0].ID != v1.ID {
		t.Fatalf("as known before the correction = %+v, %v", old, err)
	}
	if old[0].SupersededAt == nil || !old[0].SupersededAt.Equal(v2.RecordedAt) {
		t.Fatalf("superseded_at = %v, want %v", old[0].SupersededAt, v2.RecordedAt)
	}
	none, err := s.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "l", AsKnown: t0.Add(-time.Second)})
	if err != nil || len(none) != 0 {
		t.Fatalf("as known before anything = %+v, %v", none, err)
	}
	all, err := s.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "l", AllVersions: true})
	if err != nil || len(all) != 2 {
		t.Fatalf("all versions = %d, %v", len(all), err)
	}
	// Re-importing the original after the correction is a new version again:
	// nothing is overwritten.
	v3 := snap("l", day, t0.Add(48*time.Hour), "hash-1")
	if !mustAdd(t, s, v3, nil) {
		t.Fatal("reverting to the original bytes was not recorded")
	}
	got, err := s.FindSnapshot(ctx, v1.ID)
	if err != nil || got.SourceHash != "hash-1" || len(got.Categories) != 1 || got.Categories[0].Status != frontline.StatusRussia {
		t.Fatalf("FindSnapshot = %+v, %v", got, err)
	}
	if _, err := s.FindSnapshot(ctx, 987654); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("FindSnapshot(missing) = %v", err)
	}
	l, _ := s.FindLayer(ctx, "l")
	if l.Snapshots != 1 || l.FirstValidAt == nil || !l.FirstValidAt.Equal(day) {
		t.Fatalf("layer counts = %+v", l)
	}
}

func testPieces(t *testing.T, s frontline.SnapshotStore) {
	ctx := context.Background()
	s.CreateLayer(ctx, &frontline.Layer{Name: "l", CreatedAt: t0})
	wkb := []byte{1, 3, 0, 0, 0, 0, 0, 0, 0} // an empty polygon
	pieces := []frontline.Piece{
		{Oblast: "UA-63", Status: frontline.StatusRussia, AreaKm2: 12.5, WKB: wkb},
		{Oblast: "UA-63", Status: frontline.StatusUkraine, AreaKm2: 100},
		{Oblast: "UA-14", Status: frontline.StatusRussia, AreaKm2: 7, WKB: wkb},
	}
	a := snap("l", t0, t0, "a")
	mustAdd(t, s, a, pieces)
	b := snap("l", t0.Add(time.Hour), t0, "b")
	mustAdd(t, s, b, pieces[:1])
	got, err := s.SnapshotPieces(ctx, a.ID, true)
	if err != nil || len(got) != 3 {
		t.Fatalf("pieces = %+v, %v", got, err)
	}
	for _, pc := range got {
		if pc.Status == frontline.StatusUkraine && pc.WKB != nil {
			t.Fatalf("ukraine piece has geometry")
		}
		if pc.Status == frontline.StatusRussia && string(pc.WKB) != string(wkb) {
			t.Fatalf("piece %s lost its geometry", pc.Oblast)
		}
		if pc.Status == frontline.StatusRussia {
			g, err := s.Geometry(ctx, pc.GeomHash)
			if err != nil || string(g) != string(wkb) {
				t.Fatalf("Geometry(%q) = %v, %v", pc.GeomHash, g, err)
			}
		}
	}
	if _, err := s.Geometry(ctx, "nope"); frontline.ErrorCode(err) != frontline.ENOTFOUND {
		t.Fatalf("Geometry(missing) = %v", err)
	}
	noGeom, err := s.SnapshotPieces(ctx, b.ID, false)
	if err != nil || len(noGeom) != 1 || noGeom[0].WKB != nil || noGeom[0].AreaKm2 != 12.5 {
		t.Fatalf("pieces without geometry = %+v, %v", noGeom, err)
	}
}

func testFilters(t *testing.T, s frontline.SnapshotStore) {
	ctx := context.Background()
	s.CreateLayer(ctx, &frontline.Layer{Name: "l", CreatedAt: t0})
	s.CreateLayer(ctx, &frontline.Layer{Name: "m", CreatedAt: t0})
	for i := 0; i < 5; i++ {
		mustAdd(t, s, snap("l", t0.AddDate(0, 0, i), t0, "h"), nil)
	}
	mustAdd(t, s, snap("m", t0, t0, "h"), nil)
	got, _ := s.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "l", ValidFrom: t0.AddDate(0, 0, 1), ValidTo: t0.AddDate(0, 0, 3)})
	if len(got) != 3 || !got[0].ValidAt.Equal(t0.AddDate(0, 0, 1)) {
		t.Fatalf("window = %d", len(got))
	}
	brief, _ := s.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "l", Brief: true})
	if len(brief) != 5 || brief[0].AreasKm2[frontline.StatusRussia] != 100 || brief[0].ID == 0 {
		t.Fatalf("brief = %+v", brief)
	}
	last, _ := s.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "l", ValidTo: t0.AddDate(0, 0, 2).Add(time.Hour), Desc: true, Limit: 1})
	if len(last) != 1 || !last[0].ValidAt.Equal(t0.AddDate(0, 0, 2)) {
		t.Fatalf("map of a day = %+v", last)
	}
}
