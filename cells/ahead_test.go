package cells_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/cells"
)

// The change to each map computed ahead from the pieces of the map before
// (as an import of a folder does, control.ImportMany) builds the cells a
// Builder computes without it, to the bit, with the same notes; the
// regions are taken from it for every oblast of every map but the first.
// An Ahead computed from other maps' pieces is not taken where they differ,
// and the cells are the same all the same. The map's pieces, decoded for
// the change, are taken when the map was stored with them (Stored) and
// read from the store otherwise.
func TestAheadBuildsTheSameCells(t *testing.T) {
	// Every fourth map: a few days' change each, the Kharkiv
	// counteroffensive among them (many oblasts change at once).
	maps := dailyMapsEvery(t, 4)
	store, svc := storeWithoutCells(t)
	ctx := context.Background()
	layers := []string{"plain", "ahead", "stale"}
	builders := map[string]*cells.Builder{}
	for _, layer := range layers {
		builders[layer] = cells.NewBuilder(store, layer)
	}
	var prev, older []frontline.Piece // the "ahead" layer's pieces of the maps before
	taken, stale := 0, 0
	for i, f := range maps {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		before, twoBefore := prev, older
		for _, layer := range layers {
			res, err := svc.Import(ctx, frontline.ImportRequest{Layer: layer, SourceName: f, Data: data})
			if err != nil {
				t.Fatal(err)
			}
			var a *cells.Ahead
			switch layer {
			case "ahead", "stale":
				next, err := store.SnapshotPieces(ctx, res.Snapshot.ID, true)
				if err != nil {
					t.Fatal(err)
				}
				from := before
				if layer == "stale" {
					from = twoBefore // two maps back: the oblasts that changed differ
				}
				if from != nil {
					if a, err = cells.ComputeAhead(ctx, from, next, 0); err != nil {
						t.Fatal(err)
					}
					if layer == "ahead" {
						a.Stored(res.Snapshot.ID)
					} else {
						a.Stored(res.Snapshot.ID + 1000) // another map's: its pieces are read from the store
					}
				}
				if layer == "ahead" {
					older, prev = before, next
				}
			}
			builders[layer].Offer(a)
			if n, err := builders[layer].Sync(ctx); err != nil || n != 1 {
				t.Fatalf("%s, %s: %d maps applied, %v", layer, filepath.Base(f), n, err)
			}
			if a == nil {
				continue
			}
			if used := cells.PiecesUsed(a); used != (layer == "ahead") {
				t.Errorf("%s, map %d (%s): the map's pieces taken from the change computed ahead: %v", layer, i, filepath.Base(f), used)
			}
			if layer == "ahead" {
				taken += a.Taken()
				if a.Taken() == 0 {
					t.Errorf("map %d (%s): no oblast's regions taken from the change computed ahead", i, filepath.Base(f))
				}
			} else {
				stale += a.Taken()
			}
		}
	}
	plain, err := store.Cells(ctx, "plain", true)
	if err != nil {
		t.Fatal(err)
	}
	for _, layer := range layers[1:] {
		got, err := store.Cells(ctx, layer, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(plain) || len(plain) == 0 {
			t.Fatalf("%d cells built plain, %d %s", len(plain), len(got), layer)
		}
		for i := range plain {
			a, c := plain[i], got[i]
			if a.Oblast != c.Oblast || a.AreaKm2 != c.AreaKm2 || !bytes.Equal(a.WKB, c.WKB) || !reflect.DeepEqual(a.History, c.History) {
				t.Fatalf("cell %d: %s %.9f km² %v plain, %s %.9f km² %v %s (same geometry: %v)",
					i, a.Oblast, a.AreaKm2, a.History, c.Oblast, c.AreaKm2, c.History, layer, bytes.Equal(a.WKB, c.WKB))
			}
		}
		if !reflect.DeepEqual(builders["plain"].Notes, builders[layer].Notes) {
			t.Fatalf("notes differ: %q plain, %q %s", builders["plain"].Notes, builders[layer].Notes, layer)
		}
	}
	t.Logf("%d maps, %d cells; regions taken ahead for %d oblast steps (%d from other maps' pieces, where they did not change)", len(maps), len(plain), taken, stale)
}
