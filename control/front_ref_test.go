package control_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/control"
)

// checkFrontsAsFirstWritten fails unless every snapshot's front has the
// edges of the front as first written (no shortcuts), in its order.
func checkFrontsAsFirstWritten(t *testing.T, svc *control.Service, snaps []*frontline.Snapshot) {
	t.Helper()
	total := 0
	for _, sn := range snaps {
		n, same, err := control.FrontEdgesAsFirstWritten(context.Background(), svc, sn.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !same {
			t.Errorf("%s: the front's %d edges are not those of the front as first written", sn.ValidAt.Format("2006-01-02T15"), n)
		}
		total += n
	}
	if total == 0 {
		t.Fatal("no front edge compared")
	}
	t.Logf("%d maps, %d front edges, the same", len(snaps), total)
}

// TestFrontAsFirstWritten: the fronts of real maps (../shared/data) have
// the edges they had before the boundary lookups skipped far segments and
// the sliver probes looked at the likelier side first.
func TestFrontAsFirstWritten(t *testing.T) {
	svc, _ := newService(t)
	files, err := filepath.Glob(filepath.Join(dailyDir(t), "*.geojson"))
	if err != nil || len(files) < 30 {
		t.Fatalf("%d daily maps: %v", len(files), err)
	}
	for i := 0; i < len(files); i += 6 {
		importFile(t, svc, "deepstate", files[i])
	}
	snaps, err := svc.Store.FindSnapshots(context.Background(), frontline.SnapshotFilter{Layer: "deepstate"})
	if err != nil {
		t.Fatal(err)
	}
	checkFrontsAsFirstWritten(t, svc, snaps)
}

// TestFrontAsFirstWrittenOnStore is the same on 40 random maps of a store
// given in FRONTLINE_CELLS_DB (a copy: the full archive).
func TestFrontAsFirstWrittenOnStore(t *testing.T) {
	svc, pick := randomStoreMaps(t, 40, 29)
	checkFrontsAsFirstWritten(t, svc, pick)
}

// TestSeamsAsFirstWritten: the land border's and the oblasts' borders'
// indexes, filled from one array, hold what appending each edge to its
// cells held.
func TestSeamsAsFirstWritten(t *testing.T) {
	svc, _ := newService(t)
	cells, same := control.SeamsAsFirstWritten(svc)
	if cells == 0 {
		t.Fatal("no cell indexed")
	}
	if !same {
		t.Fatalf("the indexes' %d cells differ from appending each edge", cells)
	}
}
