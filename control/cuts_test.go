package control_test

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/control"
	"github.com/frontline-osint/frontline/sqlite"

	_ "modernc.org/sqlite"
)

// TestImportRecallsStoredOblasts imports demo maps, then the next map in a
// new service (a new process, nothing in memory): the oblasts whose
// features repeat are taken from the store's pieces, and the map's pieces
// are those of a service that computes every oblast, to the bit. A store
// without the keys (made before migration 13) computes every oblast, and
// importing its last map again stores that map's keys.
func TestImportRecallsStoredOblasts(t *testing.T) {
	if testing.Short() {
		t.Skip("imports demo maps")
	}
	ctx := context.Background()
	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	files := demoFiles(t)[:8]
	open := func(path string) (*sqlite.DB, *control.Service) {
		db := sqlite.NewDB(path)
		if err := db.Open(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		svc := control.NewService(sqlite.NewSnapshotStore(db), bounds)
		c := &clock{t: svc.Now()}
		svc.Now = c.Now
		return db, svc
	}
	dir := t.TempDir()
	paths := map[string]string{}
	for _, name := range []string{"recall", "compute", "old"} {
		paths[name] = filepath.Join(dir, name+".db")
		_, svc := open(paths[name])
		for _, f := range files[:7] {
			importFile(t, svc, "deepstate", f)
		}
	}
	// The old store: its keys deleted, as a store made before them.
	raw, err := sql.Open("sqlite", paths["old"])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`DELETE FROM oblast_cuts`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	last := func(svc *control.Service) []frontline.Piece {
		snaps, err := svc.Store.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate"})
		if err != nil {
			t.Fatal(err)
		}
		ps, err := svc.Store.SnapshotPieces(ctx, snaps[len(snaps)-1].ID, true)
		if err != nil {
			t.Fatal(err)
		}
		return ps
	}
	_, recall := open(paths["recall"])
	importFile(t, recall, "deepstate", files[7])
	_, compute := open(paths["compute"])
	control.NoRecall(compute)
	importFile(t, compute, "deepstate", files[7])
	t.Logf("new process: %d oblasts recalled from the store, %d computed; without recall %d computed", recall.Clipper.Recalled(), recall.Clipper.Computed(), compute.Clipper.Computed())
	if recall.Clipper.Recalled() == 0 || recall.Clipper.Computed() >= compute.Clipper.Computed() {
		t.Fatalf("recalled %d, computed %d of %d", recall.Clipper.Recalled(), recall.Clipper.Computed(), compute.Clipper.Computed())
	}
	got, want := last(recall), last(compute)
	if len(got) != len(want) {
		t.Fatalf("%d pieces, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Oblast != w.Oblast || g.Status != w.Status || g.AreaKm2 != w.AreaKm2 || !bytes.Equal(g.WKB, w.WKB) {
			t.Errorf("piece %s/%s: %.17g km², want %s/%s %.17g km² (geometry equal: %v)", g.Oblast, g.Status, g.AreaKm2, w.Oblast, w.Status, w.AreaKm2, bytes.Equal(g.WKB, w.WKB))
		}
	}

	// The old store: nothing to recall until its last map is imported
	// again.
	_, old := open(paths["old"])
	importFile(t, old, "deepstate", files[6])
	if old.Clipper.Computed() != 0 || old.Clipper.Recalled() != 0 {
		t.Fatalf("importing a stored map again computed %d oblasts, recalled %d", old.Clipper.Computed(), old.Clipper.Recalled())
	}
	_, old2 := open(paths["old"])
	importFile(t, old2, "deepstate", files[7])
	if old2.Clipper.Recalled() != recall.Clipper.Recalled() {
		t.Errorf("old store after its last map imported again: recalled %d, want %d", old2.Clipper.Recalled(), recall.Clipper.Recalled())
	}
}
