package control_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/frontline-osint/frontline/control"
)

// TestWarmOnImport: a server (WarmOnImport, warmed) that imports a map
// holds the new build's stored transitions whole after the import — the
// second change after it reads no row — and answers changes as a service
// without status vectors does; a service without WarmOnImport does not
// read them at the import.
func TestWarmOnImport(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 9 maps")
	}
	ctx := context.Background()
	files := demoFiles(t)
	svc, _ := newService(t)
	var days []string
	for i := 0; i < 40; i += 5 {
		importFile(t, svc, "deepstate", files[i])
		days = append(days, filepath.Base(files[i])[:10])
	}
	if err := svc.CellsError("deepstate"); err != nil {
		t.Fatal(err)
	}
	for _, warm := range []bool{false, true} {
		server := control.NewService(svc.Store, svc.Bounds)
		server.WarmOnImport = warm
		server.SetCellCheckpoints(2)
		if err := server.WarmCells(ctx); err != nil {
			t.Fatal(err)
		}
		if !warm {
			importFile(t, server, "deepstate", files[40])
			if control.StoredWhole(server, "deepstate") {
				t.Fatal("stored transitions read whole without WarmOnImport")
			}
			continue
		}
		importFile(t, server, "deepstate", files[45])
		if !control.StoredWhole(server, "deepstate") {
			t.Fatal("the new build's stored transitions are not held whole after the import")
		}
		all := append(append([]string{}, days...), filepath.Base(files[40])[:10], filepath.Base(files[45])[:10])
		plain := control.NewService(svc.Store, svc.Bounds)
		plain.SetCellCheckpoints(-1)
		for i := range all {
			for j := i + 1; j < len(all); j += 2 {
				got, err := server.Change(ctx, "deepstate", day(t, all[i]), day(t, all[j]), time.Time{})
				if err != nil {
					t.Fatal(err)
				}
				want, err := plain.Change(ctx, "deepstate", day(t, all[i]), day(t, all[j]), time.Time{})
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got.Transitions, want.Transitions) || !reflect.DeepEqual(got.ByOblast, want.ByOblast) || !reflect.DeepEqual(got.NetKm2, want.NetKm2) {
					t.Fatalf("%s→%s: warmed %+v, plain %+v", all[i], all[j], got.Transitions, want.Transitions)
				}
			}
		}
		if server.CellChangesFromCheckpoints("deepstate") == 0 {
			t.Error("the warmed server answered no change from the stored transitions' status vectors")
		}
	}
}
