package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/frontline-osint/frontline"
	"github.com/frontline-osint/frontline/boundaries"
	"github.com/frontline-osint/frontline/sqlite"
)

// TestKillMidImport kills `frontline layer import` with SIGKILL while it
// imports the daily window and checks that every snapshot the store holds
// is whole: all its oblast pieces are there and add up to its areas.
func TestKillMidImport(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := filepath.Join(dataDir(t), "control", "deepstate", "daily-2022-08-20_2022-10-20")
	bin := filepath.Join(t.TempDir(), "frontline")
	buildBinary(t, bin)
	db := filepath.Join(t.TempDir(), "f.db")
	cmd := exec.Command(bin, "layer", "import", "--db", db, "--layer", "deepstate", dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until some snapshots are in, then kill.
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
		if fi, err := os.Stat(db + "-wal"); err == nil && fi.Size() > 2<<20 {
			break
		}
	}
	cmd.Process.Kill()
	cmd.Wait()

	bounds, err := boundaries.Load()
	if err != nil {
		t.Fatal(err)
	}
	sdb := sqlite.NewDB(db)
	if err := sdb.Open(); err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	store := sqlite.NewSnapshotStore(sdb)
	ctx := context.Background()
	snaps, err := store.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate"})
	if err != nil {
		t.Fatal(err)
	}
	if len(snaps) == 0 || len(snaps) == 90 {
		t.Skipf("kill landed outside the import (%d snapshots stored)", len(snaps))
	}
	for _, sn := range snaps {
		pieces, err := store.SnapshotPieces(ctx, sn.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		oblasts := map[string]bool{}
		sum := 0.0
		for _, pc := range pieces {
			if pc.Status == frontline.StatusUkraine {
				oblasts[pc.Oblast] = true
			} else if pc.WKB == nil {
				t.Errorf("snapshot %d: piece %s/%s lost its geometry", sn.ID, pc.Oblast, pc.Status)
			}
			sum += pc.AreaKm2
		}
		if len(oblasts) != len(bounds.Oblasts) {
			t.Errorf("snapshot %d has pieces for %d of %d oblasts", sn.ID, len(oblasts), len(bounds.Oblasts))
		}
		if d := sum - bounds.LandAreaKm2; d > 1 || d < -1 {
			t.Errorf("snapshot %d pieces sum to %.1f km², land is %.1f", sn.ID, sum, bounds.LandAreaKm2)
		}
	}
	// The interrupted import can be run again and completes the layer.
	if out, err := exec.Command(bin, "layer", "import", "--db", db, "--layer", "deepstate", dir).CombinedOutput(); err != nil {
		t.Fatalf("re-import: %v\n%s", err, out)
	}
	all, _ := store.FindSnapshots(ctx, frontline.SnapshotFilter{Layer: "deepstate"})
	if len(all) != 90 {
		t.Fatalf("after re-import %d snapshots, want 90", len(all))
	}
	t.Logf("killed after %d snapshots; all whole; re-import completed the layer", len(snaps))
}

// buildBinary builds this command into bin.
func buildBinary(t *testing.T, bin string) {
	t.Helper()
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
}

// TestKillMidReportAdd kills `frontline report add` with SIGKILL once the
// tracker's changelog is stored and while it is being read, and checks that
// running the same command again reads what was left unread.
func TestKillMidReportAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	changelog := filepath.Join(dataDir(t), "control", "deepstate", "history-public-2022-04_2024-12.json")
	bin := filepath.Join(t.TempDir(), "frontline")
	buildBinary(t, bin)
	db := filepath.Join(t.TempDir(), "f.db")
	cmd := exec.Command(bin, "report", "add", "--db", db, changelog)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// On a skip or a failure too: no child left running, no store left
	// open.
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	sdb := sqlite.NewDB(db)
	defer sdb.Close()
	ctx := context.Background()
	// The changelog's versions are stored, then read: pending rises to
	// about 1,143, then falls as they are read. Kill once it falls.
	most, pending := 0, 0
	opened := false
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		if !opened {
			// Open only once the child has made the store (migrations
			// done), so as not to race it.
			if fi, err := os.Stat(db + "-wal"); err != nil || fi.Size() < 64<<10 {
				continue
			}
			if err := sdb.Open(); err != nil {
				t.Fatal(err)
			}
			opened = true
		}
		ids, err := sqlite.NewExtractionStore(sdb).PendingReports(ctx, extractorVersion)
		if err != nil {
			continue
		}
		most = max(most, len(ids))
		if most > 1000 && len(ids) > 0 && len(ids) < most {
			pending = len(ids)
			break
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	if pending == 0 {
		t.Skipf("the kill did not land while the changelog was being read (at most %d unread seen)", most)
	}
	stored := most
	ids, err := sqlite.NewExtractionStore(sdb).PendingReports(ctx, extractorVersion)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) == 0 {
		t.Skipf("the run finished reading before the kill (%d stored, %d were unread)", stored, pending)
	}
	t.Logf("killed with %d reports stored, %d unread", stored, len(ids))
	out, err := exec.Command(bin, "report", "add", "--db", db, changelog).CombinedOutput()
	if err != nil {
		t.Fatalf("again: %v\n%s", err, out)
	}
	if left, err := sqlite.NewExtractionStore(sdb).PendingReports(ctx, extractorVersion); err != nil || len(left) != 0 {
		t.Fatalf("after running again %d reports are still unread (%v):\n%s", len(left), err, out)
	}
}
